//! The readers' pages (读者查询): plain HTML forms and links, no script,
//! for any browser in the office. Anyone may search the catalogue, open a
//! title and see what is coming up; a reader signed in with card and PIN
//! sees their loans and holds, places and cancels holds under the desk's
//! rules and opens their 学习档案.
//!
//! Sign-in is a session cookie (HttpOnly, SameSite=Strict, Secure over
//! HTTPS); every form that changes something also carries the session's
//! form token and must come from the host's own pages (Origin), so another
//! site cannot act for a reader.

mod session;
mod views;

pub use session::OverTls;

use axum::Router;
use axum::extract::rejection::{FormRejection, PathRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Datelike;
use maud::{Markup, html};
use serde::Deserialize;
use shuxiang_core::{catalog, circulation, reports, sharing};

use crate::html::{Notice, SITE_CSS, page, query_value};
use crate::{ApiError, ClientAddr, Host, Reader};
use session::{FormReader, FormRefused, Visitor, refused_form, same_origin, sign_in, sign_out};

/// Results on one search page.
const PAGE_SIZE: u32 = 20;
/// How far ahead the events page looks.
const EVENTS_DAYS: u64 = 60;

/// The pages and the forms they send, each at its own address.
pub fn routes() -> Router<Host> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/titles/{id}", get(title))
        .route("/titles/{id}/hold", post(place_hold))
        .route("/events", get(events))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/me/holds/{id}/cancel", post(cancel_hold))
        .route("/me/record", get(record))
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
            (Notice::Error(self.0.message))
            p { a href="/" { "回到首页" } }
        };
        respond(self.0.status, "无法显示", None, body)
    }
}

type PageResult = Result<Response, PageError>;

/// A whole page with `status`.
fn respond(status: StatusCode, title: &str, signed: Option<&Reader>, body: Markup) -> Response {
    (status, page(title, signed, body)).into_response()
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

async fn home(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let (arrivals, events) = host
        .run(|db| {
            let arrivals = catalog::list_titles(
                db,
                &catalog::CatalogQuery {
                    sort: catalog::TitleSort::Added,
                    limit: Some(10),
                    ..Default::default()
                },
            )?;
            let today = db.clock().today();
            let events = sharing::coming_events(db, today, later(today, EVENTS_DAYS))?;
            Ok((arrivals.items, events))
        })
        .await?;
    let body = views::home(&arrivals, &events);
    Ok(respond(StatusCode::OK, "首页", signed.as_ref(), body))
}

fn later(day: chrono::NaiveDate, days: u64) -> chrono::NaiveDate {
    day.checked_add_days(chrono::Days::new(days)).unwrap_or(day)
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

async fn search(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let q = query.q.trim().to_owned();
    let number = query.page.unwrap_or(1).clamp(1, 500);
    let results = if q.is_empty() {
        None
    } else {
        let text = q.clone();
        let offset = (number - 1) * PAGE_SIZE;
        Some(
            host.run(move |db| catalog::search(db, &text, offset, PAGE_SIZE))
                .await?,
        )
    };
    let body = views::search(&q, number, results.as_ref(), PAGE_SIZE);
    let title = if q.is_empty() {
        "查书".to_owned()
    } else {
        format!("查找“{q}”")
    };
    Ok(respond(StatusCode::OK, &title, signed.as_ref(), body))
}

async fn title(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    id: Result<Path<i64>, PathRejection>,
) -> PageResult {
    let Path(id) = id?;
    title_response(&host, id, signed.as_ref(), None).await
}

/// A title page, with a notice of what just went wrong when there is one.
async fn title_response(
    host: &Host,
    id: i64,
    signed: Option<&Reader>,
    refused: Option<ApiError>,
) -> PageResult {
    let title = host
        .run(move |db| circulation::reader_title(db, id))
        .await?;
    let status = refused.as_ref().map_or(StatusCode::OK, |e| e.status);
    let notice = refused.map(|e| Notice::Error(e.message));
    let body = views::title(&title, signed, notice.as_ref());
    Ok(respond(status, &title.title.title, signed, body))
}

async fn place_hold(
    id: Result<Path<i64>, PathRejection>,
    form: Result<FormReader, FormRefused>,
) -> PageResult {
    let Path(id) = id?;
    // A session that ended while the title page stood open signs in again
    // and comes back to the title.
    let form = match form {
        Err(FormRefused::SignedOut) => return Ok(login_redirect(&format!("/titles/{id}"))),
        form => form?,
    };
    let held =
        form.run(move |db, person, client| circulation::reader_place_hold(db, person, id, client));
    match held.await {
        Ok(_) => Ok(Redirect::to("/me?done=hold").into_response()),
        Err(refused) => title_response(&form.host, id, Some(form.reader()), Some(refused)).await,
    }
}

async fn events(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let events = host
        .run(|db| {
            let today = db.clock().today();
            sharing::coming_events(db, today, later(today, EVENTS_DAYS))
        })
        .await?;
    let body = views::events(&events, EVENTS_DAYS);
    Ok(respond(StatusCode::OK, "近期活动", signed.as_ref(), body))
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn login_page(
    Visitor(signed): Visitor,
    query: Result<Query<NextQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let next = local_path(query.next.as_deref()).to_owned();
    if signed.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    let body = views::login("", &next, None);
    Ok(respond(StatusCode::OK, "读者登录", None, body))
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    card: String,
    #[serde(default)]
    pin: String,
    next: Option<String>,
}

async fn login(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    headers: HeaderMap,
    tls: OverTls,
    form: Result<Form<LoginForm>, FormRejection>,
) -> PageResult {
    let Form(form) = form?;
    if !same_origin(&headers) {
        return Err(refused_form());
    }
    let next = local_path(form.next.as_deref()).to_owned();
    let card = form.card.trim().to_owned();
    let signed = host.reader_login(client, card.clone(), form.pin).await;
    let (person, signed) = match signed {
        Ok(signed) => signed,
        Err(e) => {
            let body = views::login(&card, &next, Some(&Notice::Error(e.message)));
            return Ok(respond(e.status, "读者登录", None, body));
        }
    };
    let token = host.sessions.open(Reader::new(signed, &person.name));
    Ok(sign_in(Redirect::to(&next).into_response(), &token, tls))
}

async fn logout(tls: OverTls, form: Result<FormReader, FormRefused>) -> Response {
    // This browser is signed out whatever came; the session itself ends
    // only on its own form, so another site cannot end it.
    if let Ok(form) = form {
        form.host.sessions.close(&form.session.token);
    }
    sign_out(Redirect::to("/").into_response(), tls)
}

#[derive(Deserialize)]
struct DoneQuery {
    done: Option<String>,
}

async fn me(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let Some(reader) = signed else {
        return Ok(login_redirect("/me"));
    };
    // Only fixed words, never text from the address, reach the page.
    let notice = match query.done.as_deref() {
        Some("hold") => Some(Notice::Done(
            "已预约。书到后请在取书期限内到阅览室服务台领取。",
        )),
        Some("cancel") => Some(Notice::Done("已取消这条预约。")),
        _ => None,
    };
    me_response(&host, &reader, StatusCode::OK, notice).await
}

async fn me_response(
    host: &Host,
    reader: &Reader,
    status: StatusCode,
    notice: Option<Notice>,
) -> PageResult {
    let person = reader.person();
    let mine = host
        .run(move |db| circulation::reader_me(db, person))
        .await?;
    let body = views::me(&mine, &reader.form_token, notice.as_ref());
    Ok(respond(status, "我的借阅", Some(reader), body))
}

async fn cancel_hold(id: Result<Path<i64>, PathRejection>, form: FormReader) -> PageResult {
    let Path(id) = id?;
    let cancelled =
        form.run(move |db, person, client| circulation::reader_cancel_hold(db, person, id, client));
    match cancelled.await {
        Ok(_) => Ok(Redirect::to("/me?done=cancel").into_response()),
        Err(e) => {
            let notice = Some(Notice::Error(e.message));
            me_response(&form.host, form.reader(), e.status, notice).await
        }
    }
}

#[derive(Deserialize)]
struct YearQuery {
    year: Option<i32>,
}

async fn record(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<YearQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let Some(reader) = signed else {
        return Ok(login_redirect("/me/record"));
    };
    let person = reader.person();
    let (year, this_year, record) = host
        .run(move |db| {
            let this_year = db.clock().today().year();
            let year = query.year.unwrap_or(this_year).clamp(2000, this_year);
            let from = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            let to = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
            Ok((
                year,
                this_year,
                reports::person_record(db, person, from, to)?,
            ))
        })
        .await?;
    let body = views::record(&record, year, this_year);
    Ok(respond(StatusCode::OK, "我的学习档案", Some(&reader), body))
}

#[cfg(test)]
mod tests;
