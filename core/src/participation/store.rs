//! All SQL about readers' requests: suggestions, notes, offers, leave,
//! reading lists, and the inbox's counts.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    LeaveChoice, LeaveRequest, LeaveStatus, ListItem, Note, NoteSession, NoteStatus, Offer,
    OfferStatus, PublicNote, ReadingList, Suggestion, SuggestionKind, SuggestionStatus,
    WaitingSignup,
};
use crate::db::WriteTx;
use crate::error::{Error, Result};

// ---- suggestions ----

const SUGGESTION_SELECT: &str = "SELECT s.*, p.name AS person_name,
        coalesce(p.department, p.delegation) AS unit, p.card_barcode
    FROM suggestions s JOIN people p ON p.id = s.person_id";

impl Suggestion {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Suggestion> {
        Ok(Suggestion {
            id: r.get("id")?,
            person_id: r.get("person_id")?,
            person_name: r.get("person_name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            title: r.get("title")?,
            author: r.get("author")?,
            publisher: r.get("publisher")?,
            isbn: r.get("isbn")?,
            reason: r.get("reason")?,
            kind: r.get("kind")?,
            status: r.get("status")?,
            answer: r.get("answer")?,
            title_id: r.get("title_id")?,
            created_at: r.get("created_at")?,
            decided_at: r.get("decided_at")?,
            arrived_at: r.get("arrived_at")?,
        })
    }
}

/// The fields of a new suggestion, checked.
pub(crate) struct NewSuggestion<'a> {
    pub person_id: i64,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub isbn: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub kind: SuggestionKind,
    pub status: SuggestionStatus,
    pub title_id: Option<i64>,
    pub match_title: &'a str,
    pub match_author: &'a str,
}

pub(crate) fn insert_suggestion(tx: &WriteTx<'_>, s: &NewSuggestion<'_>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO suggestions (person_id, title, author, publisher, isbn, reason, status,
                                  title_id, match_title, match_author, created_at, decided_at, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                 CASE WHEN ?7 = 'held' THEN ?11 END, ?12)",
    )?
    .execute(params![
        s.person_id,
        s.title,
        s.author,
        s.publisher,
        s.isbn,
        s.reason,
        s.status.code(),
        s.title_id,
        s.match_title,
        s.match_author,
        tx.now(),
        s.kind.code()
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn get_suggestion(conn: &Connection, id: i64) -> Result<Suggestion> {
    conn.prepare_cached(&format!("{SUGGESTION_SELECT} WHERE s.id = ?1"))?
        .query_row([id], Suggestion::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("没有找到这条荐购。".into()))
}

/// Suggestions, newest first, of one status or all; of one reader or all.
pub(crate) fn list_suggestions(
    conn: &Connection,
    status: Option<SuggestionStatus>,
    person_id: Option<i64>,
) -> Result<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUGGESTION_SELECT}
          WHERE (?1 IS NULL OR s.status = ?1) AND (?2 IS NULL OR s.person_id = ?2)
          ORDER BY s.created_at DESC, s.id DESC LIMIT 1000"
    ))?;
    let rows = stmt.query_map(
        params![status.map(|s| s.code()), person_id],
        Suggestion::from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Accepted suggestions of periodicals, oldest first: next year's new
/// subscriptions.
pub(crate) fn accepted_periodicals(conn: &Connection) -> Result<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUGGESTION_SELECT}
          WHERE s.kind = 'periodical' AND s.status = 'accepted'
          ORDER BY s.created_at, s.id"
    ))?;
    let rows = stmt.query_map([], Suggestion::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Accepted book suggestions that no order line (ordered or received)
/// takes yet, oldest first.
pub(crate) fn books_to_order(conn: &Connection) -> Result<Vec<Suggestion>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUGGESTION_SELECT}
          WHERE s.kind = 'book' AND s.status = 'accepted'
            AND NOT EXISTS (SELECT 1 FROM order_lines l
                             WHERE l.suggestion_id = s.id AND l.status <> 'cancelled')
          ORDER BY s.created_at, s.id"
    ))?;
    let rows = stmt.query_map([], Suggestion::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether an order line, ordered or received, takes the suggestion.
pub(crate) fn suggestion_on_order(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM order_lines WHERE suggestion_id = ?1 AND status <> 'cancelled')",
        )?
        .query_row([id], |r| r.get(0))?)
}

pub(crate) fn decide_suggestion_row(
    tx: &WriteTx<'_>,
    id: i64,
    status: SuggestionStatus,
    answer: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE suggestions SET status = ?2, answer = ?3, decided_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, status.code(), answer, tx.now()])?;
    Ok(())
}

/// The id of a catalogued title a suggestion names: by ISBN, or by title
/// and (when given) author as the catalogue folds them.
pub(crate) fn title_matching(
    conn: &Connection,
    isbn: Option<&str>,
    match_title: &str,
    match_author: &str,
) -> Result<Option<i64>> {
    if let Some(isbn) = isbn
        && let Some(id) = conn
            .prepare_cached("SELECT id FROM titles WHERE isbn = ?1")?
            .query_row([isbn], |r| r.get(0))
            .optional()?
    {
        return Ok(Some(id));
    }
    Ok(conn
        .prepare_cached(
            "SELECT id FROM titles
              WHERE match_key >= ?1 || '|' AND match_key < ?1 || '}'
                AND substr(match_key, 1, length(?1) + 1) = ?1 || '|'
                AND (?2 = '' OR instr(substr(match_key, length(?1) + 2), ?2) > 0)
              ORDER BY id LIMIT 1",
        )?
        .query_row([match_title, match_author], |r| r.get(0))
        .optional()?)
}

// ---- reading notes ----

const NOTE_SELECT: &str = "SELECT n.*, t.title AS book_title, p.name AS person_name,
        coalesce(p.department, p.delegation) AS unit, p.card_barcode, s.theme AS session_theme
    FROM reading_notes n
    JOIN titles t ON t.id = n.title_id
    JOIN people p ON p.id = n.person_id
    LEFT JOIN share_sessions s ON s.id = n.session_id";

impl Note {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
        Ok(Note {
            id: r.get("id")?,
            title_id: r.get("title_id")?,
            book_title: r.get("book_title")?,
            person_id: r.get("person_id")?,
            person_name: r.get("person_name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            session_id: r.get("session_id")?,
            session_theme: r.get("session_theme")?,
            body: r.get("body")?,
            status: r.get("status")?,
            featured: r.get("featured")?,
            reason: r.get("reason")?,
            created_at: r.get("created_at")?,
            decided_at: r.get("decided_at")?,
        })
    }
}

pub(crate) fn insert_note(
    tx: &WriteTx<'_>,
    title_id: i64,
    person_id: i64,
    session_id: Option<i64>,
    body: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reading_notes (title_id, person_id, session_id, body, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![title_id, person_id, session_id, body, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

/// Whether a person is or was in a reading-share session: invited or
/// signed up, a presenter, its host, or signed in at it.
pub(crate) fn took_part(conn: &Connection, session_id: i64, person_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM share_invitations WHERE session_id = ?1 AND person_id = ?2)
                 OR EXISTS (SELECT 1 FROM share_presenters WHERE session_id = ?1 AND person_id = ?2)
                 OR EXISTS (SELECT 1 FROM share_signins WHERE session_id = ?1 AND person_id = ?2)
                 OR EXISTS (SELECT 1 FROM share_sessions WHERE id = ?1 AND host_id = ?2)",
        )?
        .query_row([session_id, person_id], |r| r.get(0))?)
}

/// The sessions (not cancelled) starting from `since` on that a person is
/// or was in, newest first.
pub(crate) fn note_sessions(
    conn: &Connection,
    person_id: i64,
    since: &str,
) -> Result<Vec<NoteSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.theme, b.starts_at
           FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
          WHERE s.status <> 'cancelled' AND b.starts_at >= ?2
            AND (s.host_id = ?1
                 OR s.id IN (SELECT session_id FROM share_invitations WHERE person_id = ?1)
                 OR s.id IN (SELECT session_id FROM share_presenters WHERE person_id = ?1)
                 OR s.id IN (SELECT session_id FROM share_signins WHERE person_id = ?1))
          ORDER BY b.starts_at DESC LIMIT 100",
    )?;
    let rows = stmt.query_map(params![person_id, since], |r| {
        Ok(NoteSession {
            id: r.get(0)?,
            theme: r.get(1)?,
            starts_at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get_note(conn: &Connection, id: i64) -> Result<Note> {
    conn.prepare_cached(&format!("{NOTE_SELECT} WHERE n.id = ?1"))?
        .query_row([id], Note::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("没有找到这篇读书心得。".into()))
}

pub(crate) fn list_notes(
    conn: &Connection,
    status: Option<NoteStatus>,
    person_id: Option<i64>,
) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{NOTE_SELECT}
          WHERE (?1 IS NULL OR n.status = ?1) AND (?2 IS NULL OR n.person_id = ?2)
          ORDER BY n.created_at DESC, n.id DESC LIMIT 1000"
    ))?;
    let rows = stmt.query_map(params![status.map(|s| s.code()), person_id], Note::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn decide_note_row(
    tx: &WriteTx<'_>,
    id: i64,
    status: NoteStatus,
    featured: bool,
    reason: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE reading_notes SET status = ?2, featured = ?3, reason = ?4, decided_at = ?5
          WHERE id = ?1",
    )?
    .execute(params![id, status.code(), featured, reason, tx.now()])?;
    Ok(())
}

fn public_note(r: &Row<'_>) -> rusqlite::Result<PublicNote> {
    Ok(PublicNote {
        id: r.get("id")?,
        title_id: r.get("title_id")?,
        book_title: r.get("book_title")?,
        author: r.get("person_name")?,
        unit: r.get("unit")?,
        body: r.get("body")?,
        date: r
            .get::<_, Option<String>>("decided_at")?
            .and_then(|d| crate::clock::office_date(&d))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        featured: r.get("featured")?,
    })
}

/// A title's published notes, featured first, newest first.
pub(crate) fn published_notes_of(conn: &Connection, title_id: i64) -> Result<Vec<PublicNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{NOTE_SELECT} WHERE n.title_id = ?1 AND n.status = 'published'
          ORDER BY n.featured DESC, n.decided_at DESC, n.id DESC LIMIT 200"
    ))?;
    let rows = stmt.query_map([title_id], public_note)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The featured notes, newest first (the readers' home page).
pub(crate) fn featured_notes(conn: &Connection, limit: u32) -> Result<Vec<PublicNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{NOTE_SELECT} WHERE n.status = 'published' AND n.featured = 1
          ORDER BY n.decided_at DESC, n.id DESC LIMIT ?1"
    ))?;
    let rows = stmt.query_map([limit], public_note)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- offers to share ----

const OFFER_SELECT: &str = "SELECT o.*, s.theme AS session_theme, b.starts_at AS session_starts_at,
        t.title AS book_title, p.name AS person_name,
        coalesce(p.department, p.delegation) AS unit, p.card_barcode
    FROM share_offers o
    JOIN share_sessions s ON s.id = o.session_id
    JOIN bookings b ON b.id = s.booking_id
    JOIN people p ON p.id = o.person_id
    LEFT JOIN titles t ON t.id = o.title_id";

impl Offer {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Offer> {
        Ok(Offer {
            id: r.get("id")?,
            session_id: r.get("session_id")?,
            session_theme: r.get("session_theme")?,
            session_starts_at: r.get("session_starts_at")?,
            person_id: r.get("person_id")?,
            person_name: r.get("person_name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            title_id: r.get("title_id")?,
            book_title: r.get("book_title")?,
            topic: r.get("topic")?,
            status: r.get("status")?,
            reason: r.get("reason")?,
            created_at: r.get("created_at")?,
            decided_at: r.get("decided_at")?,
        })
    }
}

pub(crate) fn insert_offer(
    tx: &WriteTx<'_>,
    session_id: i64,
    person_id: i64,
    title_id: i64,
    topic: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO share_offers (session_id, person_id, title_id, topic, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![session_id, person_id, title_id, topic, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn get_offer(conn: &Connection, id: i64) -> Result<Offer> {
    conn.prepare_cached(&format!("{OFFER_SELECT} WHERE o.id = ?1"))?
        .query_row([id], Offer::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("没有找到这条分享报名。".into()))
}

pub(crate) fn list_offers(
    conn: &Connection,
    status: Option<OfferStatus>,
    person_id: Option<i64>,
) -> Result<Vec<Offer>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{OFFER_SELECT}
          WHERE (?1 IS NULL OR o.status = ?1) AND (?2 IS NULL OR o.person_id = ?2)
          ORDER BY o.created_at DESC, o.id DESC LIMIT 1000"
    ))?;
    let rows = stmt.query_map(
        params![status.map(|s| s.code()), person_id],
        Offer::from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn decide_offer_row(
    tx: &WriteTx<'_>,
    id: i64,
    status: OfferStatus,
    reason: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_offers SET status = ?2, reason = ?3, decided_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, status.code(), reason, tx.now()])?;
    Ok(())
}

// ---- leave ----

const LEAVE_SELECT: &str = "SELECT l.*, ts.subject, ts.batch_id, b.starts_at,
        tt.name || tb.name AS batch_name, p.name AS person_name,
        coalesce(p.delegation, p.department) AS unit, p.card_barcode
    FROM leave_requests l
    JOIN training_sessions ts ON ts.id = l.session_id
    JOIN bookings b ON b.id = ts.booking_id
    JOIN training_batches tb ON tb.id = ts.batch_id
    JOIN training_topics tt ON tt.id = tb.topic_id
    JOIN people p ON p.id = l.person_id";

impl LeaveRequest {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<LeaveRequest> {
        Ok(LeaveRequest {
            id: r.get("id")?,
            session_id: r.get("session_id")?,
            subject: r.get("subject")?,
            batch_id: r.get("batch_id")?,
            batch_name: r.get("batch_name")?,
            starts_at: r.get("starts_at")?,
            person_id: r.get("person_id")?,
            person_name: r.get("person_name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            reason: r.get("reason")?,
            status: r.get("status")?,
            answer: r.get("answer")?,
            created_at: r.get("created_at")?,
            decided_at: r.get("decided_at")?,
        })
    }
}

pub(crate) fn insert_leave(
    tx: &WriteTx<'_>,
    session_id: i64,
    person_id: i64,
    reason: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO leave_requests (session_id, person_id, reason, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![session_id, person_id, reason, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn get_leave(conn: &Connection, id: i64) -> Result<LeaveRequest> {
    conn.prepare_cached(&format!("{LEAVE_SELECT} WHERE l.id = ?1"))?
        .query_row([id], LeaveRequest::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("没有找到这条请假申请。".into()))
}

/// A person's open (pending or approved) leave request for a session.
pub(crate) fn open_leave_of(
    conn: &Connection,
    session_id: i64,
    person_id: i64,
) -> Result<Option<LeaveRequest>> {
    Ok(conn
        .prepare_cached(&format!(
            "{LEAVE_SELECT} WHERE l.session_id = ?1 AND l.person_id = ?2
               AND l.status IN ('pending', 'approved')"
        ))?
        .query_row([session_id, person_id], LeaveRequest::from_row)
        .optional()?)
}

/// A trainee's coming planned sessions from `from` on, each with their
/// latest leave request.
pub(crate) fn leave_choices(
    conn: &Connection,
    person_id: i64,
    from: &str,
) -> Result<Vec<LeaveChoice>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ts.id, ts.subject, tt.name || tb.name, b.starts_at, b.ends_at, l.status, l.answer
           FROM enrolments e
           JOIN training_batches tb ON tb.id = e.batch_id
           JOIN training_topics tt ON tt.id = tb.topic_id
           JOIN training_sessions ts ON ts.batch_id = tb.id
           JOIN bookings b ON b.id = ts.booking_id
           LEFT JOIN leave_requests l ON l.id = (
                SELECT max(x.id) FROM leave_requests x
                 WHERE x.session_id = ts.id AND x.person_id = e.person_id)
          WHERE e.person_id = ?1 AND e.status = 'enrolled' AND ts.status = 'planned'
            AND b.starts_at >= ?2
          ORDER BY b.starts_at, ts.id LIMIT 200",
    )?;
    let rows = stmt.query_map(params![person_id, from], |r| {
        Ok(LeaveChoice {
            session_id: r.get(0)?,
            subject: r.get(1)?,
            batch_name: r.get(2)?,
            starts_at: r.get(3)?,
            ends_at: r.get(4)?,
            leave: r.get(5)?,
            answer: r.get(6)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn list_leave(
    conn: &Connection,
    status: Option<LeaveStatus>,
    person_id: Option<i64>,
) -> Result<Vec<LeaveRequest>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LEAVE_SELECT}
          WHERE (?1 IS NULL OR l.status = ?1) AND (?2 IS NULL OR l.person_id = ?2)
          ORDER BY l.created_at DESC, l.id DESC LIMIT 1000"
    ))?;
    let rows = stmt.query_map(
        params![status.map(|s| s.code()), person_id],
        LeaveRequest::from_row,
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn decide_leave_row(
    tx: &WriteTx<'_>,
    id: i64,
    status: LeaveStatus,
    answer: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE leave_requests SET status = ?2, answer = ?3, decided_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, status.code(), answer, tx.now()])?;
    Ok(())
}

// ---- counts ----

/// How many of a reader's requests of `table` wait for a decision.
pub(crate) fn pending_of(conn: &Connection, table: Pending, person_id: i64) -> Result<i64> {
    let sql = match table {
        Pending::Suggestions => {
            "SELECT count(*) FROM suggestions WHERE person_id = ?1 AND status = 'submitted'"
        }
        Pending::Notes => {
            "SELECT count(*) FROM reading_notes WHERE person_id = ?1 AND status = 'pending'"
        }
        Pending::Offers => {
            "SELECT count(*) FROM share_offers WHERE person_id = ?1 AND status = 'pending'"
        }
        Pending::Leave => {
            "SELECT count(*) FROM leave_requests WHERE person_id = ?1 AND status = 'pending'"
        }
    };
    Ok(conn
        .prepare_cached(sql)?
        .query_row([person_id], |r| r.get(0))?)
}

/// The kinds of request a reader may have pending.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pending {
    Suggestions,
    Notes,
    Offers,
    Leave,
}

/// What waits for staff: (waitlisted sign-ups of open events, offers,
/// leave, notes, suggestions).
pub(crate) fn inbox_counts(conn: &Connection) -> Result<(i64, i64, i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT
            (SELECT count(*) FROM share_waitlist w JOIN share_sessions s ON s.id = w.session_id
              WHERE s.status = 'planned')
          + (SELECT count(*) FROM enrolments e JOIN training_batches b ON b.id = e.batch_id
              WHERE e.status = 'waitlisted' AND e.signed_up_at IS NOT NULL AND b.closed_at IS NULL),
            (SELECT count(*) FROM share_offers WHERE status = 'pending'),
            (SELECT count(*) FROM leave_requests WHERE status = 'pending'),
            (SELECT count(*) FROM reading_notes WHERE status = 'pending'),
            (SELECT count(*) FROM suggestions WHERE status = 'submitted')",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?)
}

/// Readers waiting for a place at a planned session or an open batch, in
/// the order they joined.
pub(crate) fn waiting_signups(conn: &Connection) -> Result<Vec<WaitingSignup>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'sharing' AS kind, s.id, s.theme AS title, b.starts_at AS start,
                p.id AS person_id, p.name, coalesce(p.department, p.delegation) AS unit,
                p.card_barcode, w.queued_at
           FROM share_waitlist w
           JOIN share_sessions s ON s.id = w.session_id
           JOIN bookings b ON b.id = s.booking_id
           JOIN people p ON p.id = w.person_id
          WHERE s.status = 'planned'
         UNION ALL
         SELECT 'training', tb.id, tt.name || tb.name, coalesce(tb.starts_on, ''),
                p.id, p.name, coalesce(p.delegation, p.department), p.card_barcode, e.queued_at
           FROM enrolments e
           JOIN training_batches tb ON tb.id = e.batch_id
           JOIN training_topics tt ON tt.id = tb.topic_id
           JOIN people p ON p.id = e.person_id
          WHERE e.status = 'waitlisted' AND e.signed_up_at IS NOT NULL AND tb.closed_at IS NULL
          ORDER BY 9 LIMIT 1000",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(WaitingSignup {
            kind: if r.get::<_, String>(0)? == "sharing" {
                super::EventKind::Sharing
            } else {
                super::EventKind::Training
            },
            event_id: r.get(1)?,
            event_title: r.get(2)?,
            start: r.get(3)?,
            person_id: r.get(4)?,
            person_name: r.get(5)?,
            unit: r.get(6)?,
            card_barcode: r.get(7)?,
            queued_at: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- reading lists ----

const LIST_SELECT: &str = "SELECT l.*, t.name AS topic_name, s.name AS series_name,
        (SELECT count(*) FROM reading_list_items i WHERE i.list_id = l.id) AS items
    FROM reading_lists l
    LEFT JOIN training_topics t ON t.id = l.topic_id
    LEFT JOIN share_series s ON s.id = l.series_id";

impl ReadingList {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<ReadingList> {
        Ok(ReadingList {
            id: r.get("id")?,
            name: r.get("name")?,
            description: r.get("description")?,
            topic_id: r.get("topic_id")?,
            topic_name: r.get("topic_name")?,
            series_id: r.get("series_id")?,
            series_name: r.get("series_name")?,
            published: r.get("published")?,
            items: r.get("items")?,
            updated_at: r.get("updated_at")?,
            revision: r.get("revision")?,
        })
    }
}

pub(crate) fn list_reading_lists(
    conn: &Connection,
    published_only: bool,
) -> Result<Vec<ReadingList>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LIST_SELECT} WHERE (?1 = 0 OR l.published = 1) ORDER BY l.updated_at DESC, l.id DESC"
    ))?;
    let rows = stmt.query_map([published_only], ReadingList::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get_reading_list(conn: &Connection, id: i64) -> Result<ReadingList> {
    conn.prepare_cached(&format!("{LIST_SELECT} WHERE l.id = ?1"))?
        .query_row([id], ReadingList::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的书单。")))
}

/// A list's titles in order, with how many copies each has on the shelf.
pub(crate) fn list_items(conn: &Connection, id: i64) -> Result<Vec<ListItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.title_id, i.note, t.title, t.authors, t.publisher, t.year, t.call_number,
                (SELECT count(*) FROM copies c WHERE c.title_id = t.id
                   AND c.status IN ('on_shelf', 'on_loan')) AS copies,
                (SELECT count(*) FROM copies c WHERE c.title_id = t.id AND c.status = 'on_shelf'
                   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id
                                     AND h.status = 'ready')) AS available
           FROM reading_list_items i JOIN titles t ON t.id = i.title_id
          WHERE i.list_id = ?1 ORDER BY i.position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(ListItem {
            title_id: r.get("title_id")?,
            note: r.get("note")?,
            title: r.get("title")?,
            authors: r.get("authors")?,
            publisher: r.get("publisher")?,
            year: r.get("year")?,
            call_number: r.get("call_number")?,
            copies: r.get("copies")?,
            available: r.get("available")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) struct ListRow<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub topic_id: Option<i64>,
    pub series_id: Option<i64>,
    pub published: bool,
}

pub(crate) fn insert_reading_list(tx: &WriteTx<'_>, l: &ListRow<'_>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reading_lists (name, description, topic_id, series_id, published,
                                    created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![
        l.name,
        l.description,
        l.topic_id,
        l.series_id,
        l.published,
        tx.now()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Updates a list if it is still at `revision`; whether it was.
pub(crate) fn update_reading_list(
    tx: &WriteTx<'_>,
    id: i64,
    revision: i64,
    l: &ListRow<'_>,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "UPDATE reading_lists SET name = ?2, description = ?3, topic_id = ?4, series_id = ?5,
                    published = ?6, updated_at = ?7, revision = revision + 1
              WHERE id = ?1 AND revision = ?8",
        )?
        .execute(params![
            id,
            l.name,
            l.description,
            l.topic_id,
            l.series_id,
            l.published,
            tx.now(),
            revision
        ])?
        > 0)
}

pub(crate) fn replace_list_items(
    tx: &WriteTx<'_>,
    id: i64,
    items: &[(i64, Option<String>)],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM reading_list_items WHERE list_id = ?1")?
        .execute([id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO reading_list_items (list_id, position, title_id, note) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, (title_id, note)) in items.iter().enumerate() {
        stmt.execute(params![id, position as i64 + 1, title_id, note])?;
    }
    Ok(())
}

pub(crate) fn delete_reading_list(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM reading_lists WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

// ---- a reader's own sign-ups ----

/// One of a reader's places: (kind, id, title, start, waitlisted, signed
/// up themselves).
pub(crate) type SignupRow = (String, i64, String, String, bool, bool);

/// A reader's places and waiting places at coming sessions and open
/// batches.
pub(crate) fn my_signups(conn: &Connection, person_id: i64, from: &str) -> Result<Vec<SignupRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT 'sharing', s.id, s.theme, b.starts_at, 0, i.signed_up_at IS NOT NULL
           FROM share_invitations i
           JOIN share_sessions s ON s.id = i.session_id
           JOIN bookings b ON b.id = s.booking_id
          WHERE i.person_id = ?1 AND s.status = 'planned' AND b.starts_at >= ?2
         UNION ALL
         SELECT 'sharing', s.id, s.theme, b.starts_at, 1, 1
           FROM share_waitlist w
           JOIN share_sessions s ON s.id = w.session_id
           JOIN bookings b ON b.id = s.booking_id
          WHERE w.person_id = ?1 AND s.status = 'planned' AND b.starts_at >= ?2
         UNION ALL
         SELECT 'training', tb.id, tt.name || tb.name, coalesce(tb.starts_on, ''),
                e.status = 'waitlisted', e.signed_up_at IS NOT NULL
           FROM enrolments e
           JOIN training_batches tb ON tb.id = e.batch_id
           JOIN training_topics tt ON tt.id = tb.topic_id
          WHERE e.person_id = ?1 AND e.status IN ('enrolled', 'waitlisted')
            AND tb.closed_at IS NULL AND coalesce(tb.ends_on, '9999') >= substr(?2, 1, 10)
          ORDER BY 4 LIMIT 200",
    )?;
    let rows = stmt.query_map(params![person_id, from], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When a reader's places were given from a waitlist, since `since`:
/// (what, when).
pub(crate) fn moved_up_since(
    conn: &Connection,
    person_id: i64,
    since: &str,
) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT '“' || s.theme || '”', i.moved_up_at
           FROM share_invitations i JOIN share_sessions s ON s.id = i.session_id
          WHERE i.person_id = ?1 AND i.moved_up_at >= ?2
         UNION ALL
         SELECT tt.name || tb.name, e.moved_up_at
           FROM enrolments e
           JOIN training_batches tb ON tb.id = e.batch_id
           JOIN training_topics tt ON tt.id = tb.topic_id
          WHERE e.person_id = ?1 AND e.status = 'enrolled' AND e.moved_up_at >= ?2",
    )?;
    let rows = stmt.query_map(params![person_id, since], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
