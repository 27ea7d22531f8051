//! 荐购: a reader asks the reading room to buy a book. A book already held
//! is answered at once with its title; otherwise the suggestion waits
//! (submitted) until the librarian accepts it or says why not (rejected),
//! and arrives by itself when a matching title is catalogued by any path —
//! the form, a spreadsheet, a MARC file — with a hold placed for the
//! reader (the catalogue's store matches them as it adds titles; the desk
//! sets a copy aside).

use serde::{Deserialize, Serialize};

use super::store::{self, NewSuggestion, Pending};
use super::*;
use crate::catalog::Isbn;
use crate::text::checked_text;

/// A suggestion as a reader fills it in.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SuggestionDraft {
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub isbn: Option<String>,
    pub reason: Option<String>,
    /// A book (the default) or a periodical.
    pub kind: SuggestionKind,
}

/// A stored suggestion, with who made it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    pub card_barcode: Option<String>,
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    pub isbn: Option<String>,
    pub reason: Option<String>,
    /// A book, or a periodical for next year's 征订单.
    pub kind: SuggestionKind,
    pub status: SuggestionStatus,
    /// Why not, when rejected (the reader sees it).
    pub answer: Option<String>,
    /// The catalogued title, once held or arrived.
    pub title_id: Option<i64>,
    pub created_at: String,
    pub decided_at: Option<String>,
    pub arrived_at: Option<String>,
}

/// What the reader is told at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuggestionAnswer {
    pub id: i64,
    /// `submitted`, or `held` when the reading room has the book already.
    pub status: &'static str,
    pub title_id: Option<i64>,
}

/// Text as a form posts it: Windows line ends made plain.
pub(crate) fn plain(text: Option<&str>) -> Option<String> {
    text.map(|t| t.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The signed-in reader suggests a purchase, as one action.
pub fn reader_suggest(
    db: &Db,
    person_id: i64,
    draft: &SuggestionDraft,
    client: Option<&str>,
) -> Result<SuggestionAnswer> {
    let (person, actor) = reader(db, person_id, client)?;
    let title = checked_text("title", "书名", Some(&draft.title), 500, false)?
        .ok_or_else(|| Error::invalid("title", "请填写想荐购的书名。"))?;
    let author = checked_text("author", "作者", draft.author.as_deref(), 200, false)?;
    let publisher = checked_text(
        "publisher",
        "出版社",
        draft.publisher.as_deref(),
        200,
        false,
    )?;
    let reason = checked_text(
        "reason",
        "荐购理由",
        plain(draft.reason.as_deref()).as_deref(),
        1000,
        true,
    )?;
    let isbn = match crate::text::non_empty(draft.isbn.as_deref()) {
        None => None,
        Some(text) => Some(
            Isbn::parse(&text)
                .map_err(|e| Error::invalid("isbn", e.0))?
                .as_str()
                .to_owned(),
        ),
    };
    let match_title = crate::catalog::match_part(&title);
    let match_author = crate::catalog::match_part(author.as_deref().unwrap_or(""));
    db.write(&actor, |tx| {
        refuse_too_many(
            store::pending_of(tx, Pending::Suggestions, person_id)?,
            "荐购",
        )?;
        let held = store::title_matching(tx, isbn.as_deref(), &match_title, &match_author)?;
        let status = if held.is_some() {
            SuggestionStatus::Held
        } else {
            SuggestionStatus::Submitted
        };
        let id = store::insert_suggestion(
            tx,
            &NewSuggestion {
                person_id,
                title: &title,
                author: author.as_deref(),
                publisher: publisher.as_deref(),
                isbn: isbn.as_deref(),
                reason: reason.as_deref(),
                kind: draft.kind,
                status,
                title_id: held,
                match_title: &match_title,
                match_author: &match_author,
            },
        )?;
        tx.audit(
            crate::Action::Submit,
            crate::Entity::Suggestion,
            Some(id),
            &format!(
                "{} 荐购《{title}》{}",
                person.name,
                if held.is_some() {
                    "（馆内已有）"
                } else {
                    ""
                }
            ),
        )?;
        Ok(SuggestionAnswer {
            id,
            status: status.code(),
            title_id: held,
        })
    })
}

/// Suggestions for staff, newest first, of one status or all.
pub fn list_suggestions(db: &Db, status: Option<SuggestionStatus>) -> Result<Vec<Suggestion>> {
    db.read(|tx| store::list_suggestions(tx, status, None))
}

/// The librarian accepts a suggestion, or rejects it with a reason the
/// reader sees, as one action.
pub fn decide_suggestion(
    db: &Db,
    actor: &Actor,
    id: i64,
    accept: bool,
    reason: Option<&str>,
) -> Result<Suggestion> {
    let answer = if accept {
        checked_text("reason", "说明", reason, 500, true)?
    } else {
        Some(required_reason(reason, "不采纳")?)
    };
    db.write(actor, |tx| {
        let s = store::get_suggestion(tx, id)?;
        if !matches!(
            s.status,
            SuggestionStatus::Submitted | SuggestionStatus::Accepted
        ) {
            return Err(Error::conflict(format!(
                "《{}》的荐购{}，无需再处理。",
                s.title,
                s.status.label()
            )));
        }
        let status = if accept {
            SuggestionStatus::Accepted
        } else {
            SuggestionStatus::Rejected
        };
        store::decide_suggestion_row(tx, id, status, answer.as_deref())?;
        tx.audit(
            crate::Action::Decide,
            crate::Entity::Suggestion,
            Some(id),
            &format!(
                "{} 荐购的《{}》：{}",
                s.person_name,
                s.title,
                status.label()
            ),
        )?;
        store::get_suggestion(tx, id)
    })
}

/// A suggestion an order line is made from: a book still waiting or
/// accepted, on no other order yet.
pub(crate) fn suggestion_for_order(tx: &rusqlite::Connection, id: i64) -> Result<Suggestion> {
    let s = store::get_suggestion(tx, id)?;
    // Ordered only once accepted: the reader is told of the decision first.
    if s.status == SuggestionStatus::Submitted {
        return Err(Error::conflict(format!(
            "《{}》的荐购还没有答复：请先在“待处理”里采纳，再订购。",
            s.title
        )));
    }
    if s.status != SuggestionStatus::Accepted {
        return Err(Error::conflict(format!(
            "《{}》的荐购{}，不能再订购。",
            s.title,
            s.status.label()
        )));
    }
    if s.kind == SuggestionKind::Periodical {
        return Err(Error::conflict(format!(
            "《{}》是报刊荐购，请列入征订单订阅，不在购书订单里。",
            s.title
        )));
    }
    if store::suggestion_on_order(tx, id)? {
        return Err(Error::conflict(format!(
            "《{}》的荐购已在订单中。",
            s.title
        )));
    }
    Ok(s)
}

/// Accepted book suggestions no order takes yet: what the next order can
/// be made from.
pub fn suggestions_to_order(db: &Db) -> Result<Vec<Suggestion>> {
    db.read(|tx| store::books_to_order(tx))
}

/// Accepted periodical suggestions: the new titles of next year's 征订单.
pub(crate) fn periodicals_to_subscribe(tx: &rusqlite::Connection) -> Result<Vec<Suggestion>> {
    store::accepted_periodicals(tx)
}
