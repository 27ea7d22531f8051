//! 读书心得: a reader writes about a book (optionally for a reading-share
//! session); it waits for review, then is published (and may be featured
//! on the readers' home page), returned with a reason, or hidden. Only
//! published notes are shown on the title's page, signed, and counted in
//! the writer's 学习档案 and the figures.

use serde::{Deserialize, Serialize};

use super::store::{self, Pending};
use super::suggestions::plain;
use super::*;
use crate::text::checked_text;

/// The longest note, in characters.
pub const MAX_NOTE: usize = 5_000;

/// A note as the reader writes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NoteDraft {
    pub title_id: i64,
    pub body: String,
    pub session_id: Option<i64>,
}

/// A stored note, for staff and for its writer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: i64,
    pub title_id: i64,
    pub book_title: String,
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    /// Tells two writers of one name apart, for staff.
    pub card_barcode: Option<String>,
    pub session_id: Option<i64>,
    pub session_theme: Option<String>,
    pub body: String,
    pub status: NoteStatus,
    pub featured: bool,
    /// Why it was returned (the writer sees it).
    pub reason: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

/// A published note as everyone sees it, signed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublicNote {
    pub id: i64,
    pub title_id: i64,
    pub book_title: String,
    pub author: String,
    pub unit: Option<String>,
    pub body: String,
    /// YYYY-MM-DD, the day it was published.
    pub date: String,
    pub featured: bool,
}

/// What staff decide about a note.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "snake_case", tag = "decision")]
pub enum NoteDecision {
    Publish {
        #[serde(default)]
        featured: bool,
    },
    Return {
        reason: String,
    },
    Hide,
}

/// A reading-share session a reader may file a note under.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoteSession {
    pub id: i64,
    pub theme: String,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
}

/// How far back a note may be filed under a session the reader was in.
const NOTE_SESSION_DAYS: u64 = 365;

/// The reading-share sessions the signed-in reader is or was in (invited
/// or signed up, presenting, hosting or signed in), from a year back to
/// those coming, newest first: the sessions a note may be filed under.
pub fn note_sessions(db: &Db, person_id: i64) -> Result<Vec<NoteSession>> {
    let since = db.clock().today() - chrono::Days::new(NOTE_SESSION_DAYS);
    db.read(|tx| store::note_sessions(tx, person_id, &format!("{since}T00:00")))
}

/// The signed-in reader hands in a note, as one action; a session it is
/// filed under must be one of [`note_sessions`]' kind (any date).
pub fn reader_write_note(
    db: &Db,
    person_id: i64,
    draft: &NoteDraft,
    client: Option<&str>,
) -> Result<RequestAnswer> {
    let (person, actor) = reader(db, person_id, client)?;
    let body = checked_text(
        "body",
        "心得",
        plain(Some(&draft.body)).as_deref(),
        MAX_NOTE,
        true,
    )?
    .ok_or_else(|| Error::invalid("body", "请写下读书心得。"))?;
    db.write(&actor, |tx| {
        refuse_too_many(
            store::pending_of(tx, Pending::Notes, person_id)?,
            "读书心得",
        )?;
        let title = crate::catalog::get_title(tx, draft.title_id)?;
        // A note is filed under a session only by someone who was in it;
        // a session of others' (or none at all) is not found alike.
        if let Some(s) = draft.session_id
            && !store::took_part(tx, s, person_id)?
        {
            return Err(Error::NotFound(
                "你不在这次读书分享活动的名单上，心得不能记在它名下。".into(),
            ));
        }
        let id = store::insert_note(tx, title.id, person_id, draft.session_id, &body)?;
        tx.audit(
            crate::Action::Submit,
            crate::Entity::ReadingNote,
            Some(id),
            &format!("{} 提交《{}》的读书心得", person.name, title.title),
        )?;
        Ok(RequestAnswer {
            id,
            status: NoteStatus::Pending.code(),
        })
    })
}

/// Notes for staff, newest first, of one status or all.
pub fn list_notes(db: &Db, status: Option<NoteStatus>) -> Result<Vec<Note>> {
    db.read(|tx| store::list_notes(tx, status, None))
}

/// Publishes (optionally featured), returns with a reason, or hides a note,
/// as one action. A published note may be featured or hidden later.
pub fn decide_note(db: &Db, actor: &Actor, id: i64, decision: &NoteDecision) -> Result<Note> {
    let (status, featured, reason) = match decision {
        NoteDecision::Publish { featured } => (NoteStatus::Published, *featured, None),
        NoteDecision::Return { reason } => (
            NoteStatus::Returned,
            false,
            Some(required_reason(Some(reason), "退回")?),
        ),
        NoteDecision::Hide => (NoteStatus::Hidden, false, None),
    };
    db.write(actor, |tx| {
        let note = store::get_note(tx, id)?;
        if note.status == NoteStatus::Returned && status != NoteStatus::Returned {
            return Err(Error::conflict(
                "这篇心得已退回给作者，作者修改后会重新提交。",
            ));
        }
        store::decide_note_row(tx, id, status, featured, reason.as_deref())?;
        tx.audit(
            crate::Action::Decide,
            crate::Entity::ReadingNote,
            Some(id),
            &format!(
                "{} 的《{}》读书心得：{}{}",
                note.person_name,
                note.book_title,
                status.label(),
                if featured { "（精选）" } else { "" }
            ),
        )?;
        store::get_note(tx, id)
    })
}

/// A title's published notes, featured first.
pub fn title_notes(db: &Db, title_id: i64) -> Result<Vec<PublicNote>> {
    db.read(|tx| store::published_notes_of(tx, title_id))
}

/// The featured notes for the readers' home page, newest first.
pub fn featured_notes(db: &Db, limit: u32) -> Result<Vec<PublicNote>> {
    db.read(|tx| store::featured_notes(tx, limit.min(50)))
}
