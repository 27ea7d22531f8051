//! What readers write and read beyond the catalogue: a reading note on a
//! title (读书心得), a purchase suggestion (荐购, answered at once when the
//! book is here), and the reading lists (书单) with a hold button per
//! title.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use shuxiang_core::circulation;
use shuxiang_core::participation::{self as part, NoteDraft, SuggestionDraft, SuggestionKind};

use super::catalog::title_response;
use super::session::{FormReader, FormRefused, Visitor};
use super::views::{self, SuggestForm};
use super::{PageResult, login_redirect, respond};
use crate::html::Notice;
use crate::{ApiError, Host};

#[derive(Deserialize)]
pub(super) struct NoteForm {
    #[serde(default)]
    body: String,
    /// Empty when the note is not for a session.
    #[serde(default)]
    session_id: String,
}

/// A note on the title, optionally for one of the reader's sessions; a
/// refusal comes back on the title page with the note as written.
pub(super) async fn write_note(
    id: Result<Path<i64>, PathRejection>,
    form: Result<FormReader<NoteForm>, FormRefused>,
) -> PageResult {
    let Path(id) = id?;
    let form = match form {
        Err(FormRefused::SignedOut) => return Ok(login_redirect(&format!("/titles/{id}"))),
        form => form?,
    };
    let session = form.form.session_id.trim();
    let session = if session.is_empty() {
        None
    } else {
        match session.parse::<i64>() {
            Ok(s) => Some(s),
            Err(_) => {
                let refused = ApiError {
                    status: StatusCode::BAD_REQUEST,
                    code: "invalid",
                    message: "请从列表中选择一次读书分享活动，或选“不属于某次活动”。".into(),
                    field: Some("session_id".into()),
                };
                let draft = Some((form.form.body.clone(), None));
                return title_response(&form.host, id, Some(form.reader()), Some(refused), draft)
                    .await;
            }
        }
    };
    let draft = NoteDraft {
        title_id: id,
        body: form.form.body.clone(),
        session_id: session,
    };
    let written = form
        .run(move |db, person, client| part::reader_write_note(db, person, &draft, client))
        .await;
    match written {
        Ok(_) => Ok(Redirect::to("/me?done=note").into_response()),
        Err(e) => {
            let draft = Some((form.form.body.clone(), session));
            title_response(&form.host, id, Some(form.reader()), Some(e), draft).await
        }
    }
}

/// A field left empty is no value.
fn given(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

pub(super) async fn suggest_page(Visitor(signed): Visitor) -> PageResult {
    let Some(reader) = signed else {
        return Ok(login_redirect("/suggest"));
    };
    let body = views::suggest(&reader, &SuggestForm::default(), None);
    Ok(respond(StatusCode::OK, "荐购", Some(&reader), body))
}

#[derive(Deserialize)]
pub(super) struct SuggestFields {
    #[serde(default)]
    title: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    isbn: String,
    #[serde(default)]
    reason: String,
    /// `book` or `periodical`.
    #[serde(default)]
    kind: String,
}

/// A suggestion: the book already here is answered at once with a link to
/// it; otherwise it waits for the librarian, shown on 我的借阅.
pub(super) async fn suggest(form: FormReader<SuggestFields>) -> PageResult {
    let f = &form.form;
    let draft = SuggestionDraft {
        title: f.title.clone(),
        author: given(&f.author),
        publisher: given(&f.publisher),
        isbn: given(&f.isbn),
        reason: given(&f.reason),
        kind: if f.kind == "periodical" {
            SuggestionKind::Periodical
        } else {
            SuggestionKind::Book
        },
    };
    let answered = form
        .run(move |db, person, client| {
            let answer = part::reader_suggest(db, person, &draft, client)?;
            let held = match answer.title_id.filter(|_| answer.status == "held") {
                Some(id) => Some(circulation::reader_title(db, id)?),
                None => None,
            };
            Ok(held)
        })
        .await;
    match answered {
        Ok(None) => Ok(Redirect::to("/me?done=suggest").into_response()),
        Ok(Some(held)) => {
            let body = views::suggestion_held(&held);
            Ok(respond(StatusCode::OK, "荐购", Some(form.reader()), body))
        }
        Err(e) => {
            let status = e.status;
            let notice = Notice::refused(e);
            let typed = SuggestForm {
                title: &f.title,
                author: &f.author,
                publisher: &f.publisher,
                isbn: &f.isbn,
                reason: &f.reason,
                kind: &f.kind,
            };
            let body = views::suggest(form.reader(), &typed, Some(&notice));
            Ok(respond(status, "荐购", Some(form.reader()), body))
        }
    }
}

pub(super) async fn lists(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let all = host.run(|db| part::reading_lists(db, true)).await?;
    Ok(respond(
        StatusCode::OK,
        "书单",
        signed.as_ref(),
        views::lists(&all),
    ))
}

pub(super) async fn list(
    State(host): State<Host>,
    Visitor(signed): Visitor,
    id: Result<Path<i64>, PathRejection>,
) -> PageResult {
    let Path(id) = id?;
    let person = signed.as_ref().map(|r| r.person());
    let (detail, mine) = host
        .run(move |db| {
            let detail = part::reading_list(db, id, true)?;
            let mine = match person {
                Some(p) => Some(circulation::reader_me(db, p)?),
                None => None,
            };
            Ok((detail, mine))
        })
        .await?;
    let signed_in = signed.as_ref().zip(mine.as_ref());
    let body = views::list(&detail, signed_in);
    Ok(respond(
        StatusCode::OK,
        &detail.list.name,
        signed.as_ref(),
        body,
    ))
}
