//! The readers' API for taking part (DESIGN.md, "Readers take part"):
//! renewals, the PIN, sign-up, offers to share, leave, reading notes and
//! purchase suggestions, each the signed-in reader's own (the core answers
//! "not found" for anyone else's) and the issues routed to them (传阅); and
//! what everyone may read — the coming events, the reading lists and the
//! 现刊.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use shuxiang_core::circulation;
use shuxiang_core::participation::{
    self as part, EventKind, LeaveDraft, NoteDraft, OfferDraft, SuggestionDraft,
};
use shuxiang_core::serials::{current, routing};

use crate::error::{ApiError, ApiResult};
use crate::{Host, SignedReader, bearer};

/// The signed-in reader's routes (behind the host's reader check).
pub(crate) fn reader_routes() -> Router<Host> {
    Router::new()
        .route("/api/v1/reader/events/{kind}/{id}/signup", post(sign_up))
        .route("/api/v1/reader/events/{kind}/{id}/cancel", post(cancel))
        .route("/api/v1/reader/loans/{barcode}/renew", post(renew))
        .route("/api/v1/reader/pin", post(change_pin))
        .route("/api/v1/reader/suggestions", post(suggest))
        .route("/api/v1/reader/notes", post(write_note))
        .route("/api/v1/reader/offers", post(offer))
        .route("/api/v1/reader/leave", post(ask_leave))
        .route("/api/v1/reader/routing", get(my_routing))
}

/// What everyone may read.
pub(crate) fn public_routes() -> Router<Host> {
    Router::new()
        .route("/api/v1/events", get(events))
        .route("/api/v1/lists", get(lists))
        .route("/api/v1/lists/{id}", get(list))
        .route("/api/v1/periodicals", get(periodicals))
}

/// 现刊: each serial subscribed today with its newest issue in.
async fn periodicals(State(host): State<Host>) -> ApiResult<Vec<current::CurrentSerial>> {
    Ok(Json(
        host.run(|db| current::current_serials(db, db.clock().today()))
            .await?,
    ))
}

/// 我的传阅: the issues routed to the signed-in reader and not yet passed on.
async fn my_routing(
    State(host): State<Host>,
    Extension(SignedReader { person, .. }): Extension<SignedReader>,
) -> ApiResult<Vec<routing::Leg>> {
    Ok(Json(
        host.run(move |db| routing::routing_with(db, person))
            .await?,
    ))
}

async fn events(State(host): State<Host>) -> ApiResult<Vec<part::Event>> {
    Ok(Json(host.run(part::events).await?))
}

async fn lists(State(host): State<Host>) -> ApiResult<Vec<part::ReadingList>> {
    Ok(Json(host.run(|db| part::reading_lists(db, true)).await?))
}

async fn list(
    State(host): State<Host>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<part::ReadingListDetail> {
    let Path(id) = id?;
    Ok(Json(
        host.run(move |db| part::reading_list(db, id, true)).await?,
    ))
}

#[derive(Serialize)]
pub(crate) struct Status {
    status: &'static str,
}

fn kind_of(kind: &str) -> Result<EventKind, ApiError> {
    EventKind::parse(kind).map_err(|_| {
        ApiError::from(shuxiang_core::Error::NotFound(
            "没有这种活动：地址中应为 sharing 或 training。".into(),
        ))
    })
}

async fn sign_up(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    path: Result<Path<(String, i64)>, PathRejection>,
) -> ApiResult<Status> {
    let Path((kind, id)) = path?;
    let kind = kind_of(&kind)?;
    let status = host
        .run(move |db| part::reader_sign_up(db, person, kind, id, client.as_deref()))
        .await?;
    Ok(Json(Status {
        status: match status {
            shuxiang_core::calendar::SignupStatus::Waitlisted => "waitlisted",
            _ => "signed_up",
        },
    }))
}

async fn cancel(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    path: Result<Path<(String, i64)>, PathRejection>,
) -> ApiResult<Status> {
    let Path((kind, id)) = path?;
    let kind = kind_of(&kind)?;
    host.run(move |db| part::reader_cancel_signup(db, person, kind, id, client.as_deref()))
        .await?;
    Ok(Json(Status {
        status: "cancelled",
    }))
}

#[derive(Serialize)]
struct Renewed {
    due: String,
    title: String,
}

async fn renew(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    barcode: Result<Path<String>, PathRejection>,
) -> ApiResult<Renewed> {
    let Path(barcode) = barcode?;
    let loan = host
        .run(move |db| circulation::reader_renew(db, person, &barcode, client.as_deref()))
        .await?;
    Ok(Json(Renewed {
        due: loan.due,
        title: loan.title,
    }))
}

#[derive(Deserialize)]
struct PinChange {
    old: String,
    new: String,
}

/// A new PIN ends the reader's other sessions; this one goes on.
async fn change_pin(
    State(host): State<Host>,
    headers: HeaderMap,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    body: Result<Json<PinChange>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(change) = body?;
    let door = host.door.clone();
    // One PIN check at a time per few, as sign-ins are: argon2 is heavy.
    let signed = host
        .run_login(move |db| {
            shuxiang_commands::change_reader_pin(
                db,
                &door,
                client.as_deref(),
                person,
                &change.old,
                &change.new,
            )
        })
        .await?;
    if let Some(token) = bearer(&headers) {
        host.sessions.update(token, |r| r.signed = signed);
    }
    Ok(Json(serde_json::json!({ "ok": true })))
}

async fn suggest(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    body: Result<Json<SuggestionDraft>, JsonRejection>,
) -> ApiResult<part::SuggestionAnswer> {
    let Json(draft) = body?;
    Ok(Json(
        host.run(move |db| part::reader_suggest(db, person, &draft, client.as_deref()))
            .await?,
    ))
}

async fn write_note(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    body: Result<Json<NoteDraft>, JsonRejection>,
) -> ApiResult<part::RequestAnswer> {
    let Json(draft) = body?;
    Ok(Json(
        host.run(move |db| part::reader_write_note(db, person, &draft, client.as_deref()))
            .await?,
    ))
}

async fn offer(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    body: Result<Json<OfferDraft>, JsonRejection>,
) -> ApiResult<part::RequestAnswer> {
    let Json(draft) = body?;
    Ok(Json(
        host.run(move |db| part::reader_offer(db, person, &draft, client.as_deref()))
            .await?,
    ))
}

async fn ask_leave(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    body: Result<Json<LeaveDraft>, JsonRejection>,
) -> ApiResult<part::RequestAnswer> {
    let Json(draft) = body?;
    Ok(Json(
        host.run(move |db| part::reader_ask_leave(db, person, &draft, client.as_deref()))
            .await?,
    ))
}

/// What `GET /api/v1/reader/me` answers: the loans and holds, and every
/// request of the reader's with their messages.
#[derive(Serialize)]
pub(crate) struct Me {
    #[serde(flatten)]
    pub me: circulation::ReaderMe,
    #[serde(flatten)]
    pub requests: part::ReaderRequests,
}

/// The reader's whole page of their own: loans, holds, requests, messages.
pub(crate) fn me_of(db: &shuxiang_core::Db, person: i64) -> Result<Me, shuxiang_core::Error> {
    let me = circulation::reader_me(db, person)?;
    let requests = part::reader_requests(db, person, &me)?;
    Ok(Me { me, requests })
}

/// A title page: where its copies stand, and its published notes.
#[derive(Serialize)]
pub(crate) struct TitlePage {
    #[serde(flatten)]
    pub title: circulation::ReaderTitle,
    pub notes: Vec<part::PublicNote>,
}

pub(crate) fn title_of(db: &shuxiang_core::Db, id: i64) -> Result<TitlePage, shuxiang_core::Error> {
    Ok(TitlePage {
        title: circulation::reader_title(db, id)?,
        notes: part::title_notes(db, id)?,
    })
}

#[cfg(test)]
#[path = "readers_tests.rs"]
mod tests;
