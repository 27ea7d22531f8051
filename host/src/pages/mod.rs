//! The readers' pages (读者查询): plain HTML forms and links, no script,
//! for any browser in the office. Anyone may search the catalogue, open a
//! title with its published reading notes, see what is coming up and read
//! the reading lists; a reader signed in with card and PIN sees their
//! loans, holds, requests and messages, renews, holds and cancels under
//! the desk's rules, changes their PIN, signs up for events, offers to
//! share, asks for leave, writes notes, suggests books, and opens their
//! 学习档案 (DESIGN.md, "Readers take part"). Anyone sees the 现刊 of the
//! periodicals room; a reader sees the issues routed to them (我的传阅).
//!
//! Sign-in is a session cookie (HttpOnly, SameSite=Strict, Secure over
//! HTTPS); every form that changes something also carries the session's
//! form token and must come from the host's own pages (Origin), so another
//! site cannot act for a reader.

mod account;
mod catalog;
mod periodicals;
mod session;
mod taking_part;
mod views;
mod writing;

pub use session::OverTls;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maud::{Markup, html};
use serde::Deserialize;

use crate::html::{Notice, SITE_CSS, page, query_value};
use crate::{ApiError, Host, Reader};

/// How far ahead the events pages look.
const EVENTS_DAYS: u64 = 60;

/// The largest body of the note form: a browser sends a 5,000-character
/// note percent-encoded, 9 bytes a Chinese character (about 45 KB). Every
/// other form is held to the host's 32 KB ([`crate::MAX_BODY`]).
pub(crate) const MAX_NOTE_FORM: usize = 64 * 1024;

/// The pages and the forms they send, each at its own address.
pub fn routes() -> Router<Host> {
    Router::new()
        .route("/", get(catalog::home))
        .route("/search", get(catalog::search))
        .route("/titles/{id}", get(catalog::title))
        .route("/titles/{id}/hold", post(catalog::place_hold))
        .route(
            "/titles/{id}/notes",
            post(writing::write_note).layer(DefaultBodyLimit::max(MAX_NOTE_FORM)),
        )
        .route("/periodicals", get(periodicals::periodicals))
        .route("/events", get(taking_part::events))
        .route("/events/{kind}/{id}/{change}", post(taking_part::sign_up))
        .route(
            "/share",
            get(taking_part::share_page).post(taking_part::share),
        )
        .route("/lists", get(writing::lists))
        .route("/lists/{id}", get(writing::list))
        .route(
            "/suggest",
            get(writing::suggest_page).post(writing::suggest),
        )
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route("/me", get(account::me))
        .route("/me/holds/{id}/cancel", post(account::cancel_hold))
        .route("/me/loans/renew", post(account::renew))
        .route("/me/pin", get(account::pin_page).post(account::change_pin))
        .route(
            "/me/leave",
            get(taking_part::leave_page).post(taking_part::leave),
        )
        .route("/me/record", get(account::record))
        .route("/me/routing", get(periodicals::my_routing))
        .route("/assets/site.css", get(css))
}

/// A page that could not be shown: its status and a Chinese message, on a
/// page of its own.
pub struct PageError(ApiError);

impl<E: Into<ApiError>> From<E> for PageError {
    fn from(e: E) -> PageError {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let body = html! {
            h1 { "无法显示" }
            (Notice::error(self.0.message))
            p { a href="/" { "回到首页" } }
        };
        respond(self.0.status, "无法显示", None, body)
    }
}

type PageResult = Result<Response, PageError>;

/// A whole page with `status`; a refusal's page says so first in its
/// title, which a screen reader reads before anything else.
fn respond(status: StatusCode, title: &str, signed: Option<&Reader>, body: Markup) -> Response {
    let title = if status.is_client_error() || status.is_server_error() {
        format!("错误：{title}")
    } else {
        title.to_owned()
    };
    (status, page(&title, signed, body)).into_response()
}

/// Where to go after signing in: a plain path on this host, else `/me`.
/// A browser drops tabs and line breaks from an address and reads `\` as
/// `/`, so `/\t/evil.example` or `/\evil.example` would lead to another
/// host; a line break cannot stand in a header at all.
fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.chars().any(|c| c == '\\' || c.is_control()) =>
        {
            p
        }
        _ => "/me",
    }
}

fn login_redirect(next: &str) -> Response {
    Redirect::to(&format!("/login?next={}", query_value(next))).into_response()
}

/// `?done=…` after a form that worked: fixed words for each, never text
/// from the address.
#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

impl DoneQuery {
    fn notice(&self) -> Option<Notice> {
        let words = match self.done.as_deref()? {
            "hold" => "已预约。书到后请在取书期限内到阅览室服务台领取。",
            "cancel" => "已取消这条预约。",
            "renew" => "已续借，新的应还日期见下表。",
            "pin" => "PIN 已修改。其他电脑上的登录已退出，这里的登录继续有效。",
            "note" => "读书心得已提交，阅览室审核后会署名发表在书的页面上。",
            "suggest" => "荐购已提交，图书管理员处理后会在这里告诉您结果。",
            "offer" => "分享报名已提交，组织者回复后会在这里告诉您。",
            "leave" => "请假申请已提交，组织者批准后会在这里告诉您。",
            "signup" => "已报名。",
            "waitlist" => "名额已满，您已在候补名单上；有人取消时会按顺序递补。",
            "unsigned" => "已取消报名。",
            _ => return None,
        };
        Some(Notice::Done(words))
    }
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        SITE_CSS,
    )
        .into_response()
}

fn later(day: chrono::NaiveDate, days: u64) -> chrono::NaiveDate {
    day.checked_add_days(chrono::Days::new(days)).unwrap_or(day)
}

#[cfg(test)]
mod tests;
