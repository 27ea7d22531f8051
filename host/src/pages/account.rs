//! The reader's account on the pages: signing in and out, 我的借阅 with its
//! renewals and cancelled holds, a new PIN, and the 学习档案.

use axum::extract::rejection::{FormRejection, PathRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;
use shuxiang_core::{circulation, reports};

use super::session::{FormReader, OverTls, Visitor, refused_form, same_origin, sign_in, sign_out};
use super::views::{self, PinForm};
use super::{DoneQuery, PageResult, local_path, login_redirect, respond};
use crate::html::Notice;
use crate::{ApiError, ClientAddr, Host, Reader};

#[derive(Deserialize)]
pub(super) struct NextQuery {
    next: Option<String>,
}

pub(super) async fn login_page(
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
pub(super) struct LoginForm {
    #[serde(default)]
    card: String,
    #[serde(default)]
    pin: String,
    next: Option<String>,
}

pub(super) async fn login(
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
            let body = views::login(&card, &next, Some(&Notice::error(e.message)));
            return Ok(respond(e.status, "读者登录", None, body));
        }
    };
    let token = host.sessions.open(Reader::new(signed, &person.name));
    Ok(sign_in(Redirect::to(&next).into_response(), &token, tls))
}

pub(super) async fn logout(
    tls: OverTls,
    form: Result<FormReader, super::session::FormRefused>,
) -> Response {
    // This browser is signed out whatever came; the session itself ends
    // only on its own form, so another site cannot end it.
    if let Ok(form) = form {
        form.host.sessions.close(&form.session.token);
    }
    sign_out(Redirect::to("/").into_response(), tls)
}

pub(super) async fn me(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let Some(reader) = signed else {
        return Ok(login_redirect("/me"));
    };
    me_response(&host, &reader, StatusCode::OK, query.notice()).await
}

/// 我的借阅, with `notice` above it.
async fn me_response(
    host: &Host,
    reader: &Reader,
    status: StatusCode,
    notice: Option<Notice>,
) -> PageResult {
    let person = reader.person();
    let mine = host
        .run(move |db| crate::readers::me_of(db, person))
        .await?;
    let body = views::me(&mine, &reader.form_token, notice.as_ref());
    Ok(respond(status, "我的借阅", Some(reader), body))
}

/// What a form on 我的借阅 came to: on to the page saying so, or the page
/// again with the refusal in its own words.
async fn me_after<T>(form: &FormReader<T>, done: Result<(), ApiError>, word: &str) -> PageResult {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/me?done={word}")).into_response()),
        Err(e) => {
            let status = e.status;
            me_response(&form.host, form.reader(), status, Some(Notice::refused(e))).await
        }
    }
}

pub(super) async fn cancel_hold(
    id: Result<Path<i64>, PathRejection>,
    form: FormReader,
) -> PageResult {
    let Path(id) = id?;
    let cancelled = form
        .run(move |db, person, client| circulation::reader_cancel_hold(db, person, id, client))
        .await;
    me_after(&form, cancelled.map(drop), "cancel").await
}

#[derive(Deserialize)]
pub(super) struct RenewForm {
    #[serde(default)]
    barcode: String,
}

/// Renews one loan under the desk's rules; a refusal is the desk's own
/// words (held by another, renewals used up, overdue).
pub(super) async fn renew(form: FormReader<RenewForm>) -> PageResult {
    let barcode = form.form.barcode.clone();
    let renewed = form
        .run(move |db, person, client| circulation::reader_renew(db, person, &barcode, client))
        .await;
    me_after(&form, renewed.map(drop), "renew").await
}

pub(super) async fn pin_page(Visitor(signed): Visitor) -> PageResult {
    let Some(reader) = signed else {
        return Ok(login_redirect("/me/pin"));
    };
    let body = views::pin(&PinForm {
        reader: &reader,
        notice: None,
    });
    Ok(respond(StatusCode::OK, "修改 PIN", Some(&reader), body))
}

#[derive(Deserialize)]
pub(super) struct PinChange {
    #[serde(default)]
    old: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// A new PIN ends the reader's other sessions; this one goes on.
pub(super) async fn change_pin(form: FormReader<PinChange>) -> PageResult {
    let PinChange { old, new, confirm } = &form.form;
    let changed = if new != confirm {
        Err(ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid",
            message: "两次输入的新 PIN 不一样，请再输一次。".into(),
            field: Some("confirm".into()),
        })
    } else {
        let (old, new) = (old.clone(), new.clone());
        let door = form.host.door.clone();
        // A wrong old PIN is a guess, counted as at sign-in.
        form.run(move |db, person, client| {
            shuxiang_commands::change_reader_pin(db, &door, client, person, &old, &new)
        })
        .await
    };
    match changed {
        Ok(signed) => {
            form.host
                .sessions
                .update(&form.session.token, |r| r.signed = signed);
            Ok(Redirect::to("/me?done=pin").into_response())
        }
        Err(e) => {
            let status = e.status;
            let notice = Notice::refused(e);
            let body = views::pin(&PinForm {
                reader: form.reader(),
                notice: Some(&notice),
            });
            Ok(respond(status, "修改 PIN", Some(form.reader()), body))
        }
    }
}

#[derive(Deserialize)]
pub(super) struct YearQuery {
    year: Option<i32>,
}

pub(super) async fn record(
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
