//! The catalogue's pages: the front page, search, a title with its notes,
//! and holding a title.

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use shuxiang_core::{catalog, circulation, participation, sharing};

use super::session::{FormReader, FormRefused, Visitor};
use super::views::{self, TitleView};
use super::{EVENTS_DAYS, PageResult, later, login_redirect, respond};
use crate::html::Notice;
use crate::{ApiError, Host, Reader};

/// Results on one search page.
const PAGE_SIZE: u32 = 20;
/// Featured notes on the front page.
const FEATURED: u32 = 4;

pub(super) async fn home(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let (arrivals, events, featured) = host
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
            let featured = participation::featured_notes(db, FEATURED)?;
            Ok((arrivals.items, events, featured))
        })
        .await?;
    let body = views::home(&arrivals, &events, &featured);
    Ok(respond(StatusCode::OK, "首页", signed.as_ref(), body))
}

#[derive(Deserialize)]
pub(super) struct SearchQuery {
    #[serde(default)]
    q: String,
    page: Option<u32>,
}

/// The readers' search: counted only as far as it ranks (a broad query
/// says "2000 多种"), so it costs what the API's search costs.
pub(super) async fn search(
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
            host.run(move |db| catalog::search_page(db, &text, offset, PAGE_SIZE))
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

pub(super) async fn title(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    id: Result<Path<i64>, PathRejection>,
) -> PageResult {
    let Path(id) = id?;
    title_response(&host, id, signed.as_ref(), None, None).await
}

/// A title page, with a notice of what just went wrong when there is one
/// and the note the reader wrote when it was refused.
pub(super) async fn title_response(
    host: &Host,
    id: i64,
    signed: Option<&Reader>,
    refused: Option<ApiError>,
    draft: Option<(String, Option<i64>)>,
) -> PageResult {
    let person = signed.map(Reader::person);
    let (page, notes, standing, sessions) = host
        .run(move |db| {
            let page = circulation::reader_title(db, id)?;
            let notes = participation::title_notes(db, id)?;
            let (standing, sessions) = match person {
                Some(p) => (
                    Some(circulation::reader_standing(db, p, id)?),
                    participation::note_sessions(db, p)?,
                ),
                None => (None, Vec::new()),
            };
            Ok((page, notes, standing, sessions))
        })
        .await?;
    let status = refused.as_ref().map_or(StatusCode::OK, |e| e.status);
    let notice = refused.map(Notice::refused);
    let body = views::title(&TitleView {
        page: &page,
        notes: &notes,
        signed,
        standing: standing.as_ref(),
        note_sessions: &sessions,
        notice: notice.as_ref(),
        draft: draft.as_ref().map(|(b, s)| (b.as_str(), *s)),
    });
    Ok(respond(status, &page.title.title, signed, body))
}

pub(super) async fn place_hold(
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
        Err(refused) => {
            title_response(&form.host, id, Some(form.reader()), Some(refused), None).await
        }
    }
}
