//! Taking part in events from the pages: 近期活动 with sign-up and cancel,
//! 我要分享 (an offer to present a book at a coming session) and 请假 from
//! a training session.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use shuxiang_core::calendar::SignupStatus;
use shuxiang_core::participation::{self as part, EventKind, LeaveDraft, OfferDraft};
use shuxiang_core::{Error, catalog, circulation, sharing};

use super::session::{FormReader, FormRefused, Visitor};
use super::views::{self, EventsView, LeaveForm, ShareView};
use super::{DoneQuery, EVENTS_DAYS, PageError, PageResult, later, login_redirect, respond};
use crate::html::Notice;
use crate::{ApiError, Host, Reader};

/// Books a search on the share page offers.
const BOOKS_FOUND: u32 = 10;

pub(super) async fn events(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<DoneQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    events_response(&host, signed.as_ref(), StatusCode::OK, query.notice()).await
}

async fn events_response(
    host: &Host,
    signed: Option<&Reader>,
    status: StatusCode,
    notice: Option<Notice>,
) -> PageResult {
    let person = signed.map(Reader::person);
    let (events, coming, horizon, mine) = host
        .run(move |db| {
            let today = db.clock().today();
            let horizon = later(today, EVENTS_DAYS);
            let events = part::events(db)?;
            let coming = sharing::coming_events(db, today, horizon)?;
            let mine = match person {
                Some(p) => part::reader_signups(db, p)?,
                None => Vec::new(),
            };
            Ok((events, coming, horizon.to_string(), mine))
        })
        .await?;
    let body = views::events(&EventsView {
        events: &events,
        coming: &coming,
        horizon: &horizon,
        days: EVENTS_DAYS,
        mine: signed.map(|r| (r, mine.as_slice())),
        notice: notice.as_ref(),
    });
    Ok(respond(status, "近期活动", signed, body))
}

#[derive(Deserialize)]
pub(super) struct SignupForm {
    /// `me` when sent from 我的借阅, to go back there.
    back: Option<String>,
}

/// `/events/{kind}/{id}/signup` or `…/cancel`: the reader's own place,
/// under the event's rules.
pub(super) async fn sign_up(
    path: Result<Path<(String, i64, String)>, PathRejection>,
    form: Result<FormReader<SignupForm>, FormRefused>,
) -> PageResult {
    let Path((kind, id, change)) = path?;
    let form = match form {
        Err(FormRefused::SignedOut) => return Ok(login_redirect("/events")),
        form => form?,
    };
    let kind = EventKind::parse(&kind)
        .map_err(|_| Error::NotFound("没有这种活动。".into()))
        .map_err(PageError::from)?;
    let signing = match change.as_str() {
        "signup" => true,
        "cancel" => false,
        _ => return Err(Error::NotFound("没有这个页面或接口。".into()).into()),
    };
    let done = form
        .run(move |db, person, client| {
            if signing {
                part::reader_sign_up(db, person, kind, id, client)
            } else {
                part::reader_cancel_signup(db, person, kind, id, client)
            }
        })
        .await;
    let back = if form.form.back.as_deref() == Some("me") {
        "/me"
    } else {
        "/events"
    };
    match done {
        Ok(SignupStatus::Waitlisted) => {
            Ok(Redirect::to(&format!("{back}?done=waitlist")).into_response())
        }
        Ok(SignupStatus::SignedUp) => {
            Ok(Redirect::to(&format!("{back}?done=signup")).into_response())
        }
        Ok(SignupStatus::Cancelled) => {
            Ok(Redirect::to(&format!("{back}?done=unsigned")).into_response())
        }
        Err(e) => {
            let status = e.status;
            events_response(
                &form.host,
                Some(form.reader()),
                status,
                Some(Notice::refused(e)),
            )
            .await
        }
    }
}

#[derive(Deserialize, Default)]
pub(super) struct ShareQuery {
    session: Option<i64>,
    title: Option<i64>,
    #[serde(default)]
    q: String,
}

/// What the share page was filled with: the session, the book, the topic.
struct Typed {
    session: Option<i64>,
    title: Option<i64>,
    q: String,
    topic: String,
}

pub(super) async fn share_page(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    query: Result<Query<ShareQuery>, QueryRejection>,
) -> PageResult {
    let Query(query) = query?;
    let Some(reader) = signed else {
        let mut next = "/share".to_owned();
        if let Some(t) = query.title {
            next = format!("/share?title={t}");
        } else if let Some(s) = query.session {
            next = format!("/share?session={s}");
        }
        return Ok(login_redirect(&next));
    };
    let typed = Typed {
        session: query.session,
        title: query.title,
        q: query.q.trim().to_owned(),
        topic: String::new(),
    };
    share_response(&host, &reader, typed, None).await
}

async fn share_response(
    host: &Host,
    reader: &Reader,
    typed: Typed,
    refused: Option<ApiError>,
) -> PageResult {
    let (title, q) = (typed.title, typed.q.clone());
    let (sessions, book, found) = host
        .run(move |db| {
            let sessions: Vec<part::Event> = part::events(db)?
                .into_iter()
                .filter(|e| e.kind == EventKind::Sharing)
                .collect();
            // A book that is not (or no longer) in the catalogue is searched
            // for again.
            let book = match title.map(|id| circulation::reader_title(db, id)) {
                Some(Ok(page)) => Some(page.title),
                Some(Err(Error::NotFound(_))) | None => None,
                Some(Err(e)) => return Err(e),
            };
            let found = if book.is_none() && !q.is_empty() {
                catalog::search_first(db, &q, BOOKS_FOUND)?
            } else {
                Vec::new()
            };
            Ok((sessions, book, found))
        })
        .await?;
    let status = refused.as_ref().map_or(StatusCode::OK, |e| e.status);
    let notice = refused.map(Notice::refused);
    let body = views::share(&ShareView {
        reader,
        sessions: &sessions,
        session: typed.session,
        book: book.as_ref(),
        q: &typed.q,
        found: &found,
        topic: &typed.topic,
        notice: notice.as_ref(),
    });
    Ok(respond(status, "我要分享", Some(reader), body))
}

#[derive(Deserialize)]
pub(super) struct ShareForm {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    title_id: String,
    #[serde(default)]
    topic: String,
}

/// An id as a form sends it; anything else is no id.
fn id_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

pub(super) async fn share(form: FormReader<ShareForm>) -> PageResult {
    let draft = OfferDraft {
        session_id: id_of(&form.form.session_id).unwrap_or_default(),
        title_id: id_of(&form.form.title_id).unwrap_or_default(),
        topic: form.form.topic.clone(),
    };
    let offered = form
        .run(move |db, person, client| part::reader_offer(db, person, &draft, client))
        .await;
    match offered {
        Ok(_) => Ok(Redirect::to("/me?done=offer").into_response()),
        Err(e) => {
            let typed = Typed {
                session: id_of(&form.form.session_id),
                title: id_of(&form.form.title_id),
                q: String::new(),
                topic: form.form.topic.clone(),
            };
            share_response(&form.host, form.reader(), typed, Some(e)).await
        }
    }
}

pub(super) async fn leave_page(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let Some(reader) = signed else {
        return Ok(login_redirect("/me/leave"));
    };
    leave_response(&host, &reader, None, "", None).await
}

async fn leave_response(
    host: &Host,
    reader: &Reader,
    session: Option<i64>,
    reason: &str,
    refused: Option<ApiError>,
) -> PageResult {
    let person = reader.person();
    let choices = host.run(move |db| part::leave_choices(db, person)).await?;
    let status = refused.as_ref().map_or(StatusCode::OK, |e| e.status);
    let notice = refused.map(Notice::refused);
    let body = views::leave(&LeaveForm {
        reader,
        choices: &choices,
        session,
        reason,
        notice: notice.as_ref(),
    });
    Ok(respond(status, "请假", Some(reader), body))
}

#[derive(Deserialize)]
pub(super) struct LeaveFields {
    #[serde(default)]
    session_id: String,
    #[serde(default)]
    reason: String,
}

pub(super) async fn leave(form: FormReader<LeaveFields>) -> PageResult {
    let session = id_of(&form.form.session_id);
    let draft = LeaveDraft {
        session_id: session.unwrap_or_default(),
        reason: form.form.reason.clone(),
    };
    let asked = form
        .run(move |db, person, client| part::reader_ask_leave(db, person, &draft, client))
        .await;
    match asked {
        Ok(_) => Ok(Redirect::to("/me?done=leave").into_response()),
        Err(e) => {
            leave_response(
                &form.host,
                form.reader(),
                session,
                &form.form.reason,
                Some(e),
            )
            .await
        }
    }
}
