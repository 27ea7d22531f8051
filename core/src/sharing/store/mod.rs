//! All SQL about reading-share series and sessions.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    Attachment, Attendee, Presenter, PresenterCount, SeriesFigures, SeriesSummary, Session,
    SessionStatus, rate,
};
use crate::db::WriteTx;
use crate::error::{Error, Result};

const SESSION_SELECT: &str = "SELECT s.*, b.starts_at, b.ends_at, b.venue_id, v.name AS venue_name,
        h.name AS host_name, r.name AS series_name,
        (SELECT count(*) FROM share_invitations i WHERE i.session_id = s.id) AS invited,
        (SELECT count(*) FROM share_signins g WHERE g.session_id = s.id) AS signed_in,
        (SELECT count(*) FROM share_waitlist w WHERE w.session_id = s.id) AS waitlisted,
        (SELECT group_concat(p.name, '、') FROM share_presenters sp JOIN people p ON p.id = sp.person_id
           WHERE sp.session_id = s.id ORDER BY sp.position) AS presenter_names
    FROM share_sessions s
    JOIN bookings b ON b.id = s.booking_id
    LEFT JOIN venues v ON v.id = b.venue_id
    LEFT JOIN people h ON h.id = s.host_id
    LEFT JOIN share_series r ON r.id = s.series_id";

impl Session {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
        Ok(Session {
            id: row.get("id")?,
            series_id: row.get("series_id")?,
            series_name: row.get("series_name")?,
            booking_id: row.get("booking_id")?,
            theme: row.get("theme")?,
            starts_at: row.get("starts_at")?,
            ends_at: row.get("ends_at")?,
            venue_id: row.get("venue_id")?,
            venue_name: row.get("venue_name")?,
            host_id: row.get("host_id")?,
            host_name: row.get("host_name")?,
            status: SessionStatus::from_code(&row.get::<_, String>("status")?),
            capacity: row.get("capacity")?,
            minutes: row.get("minutes")?,
            note: row.get("note")?,
            invited: row.get("invited")?,
            signed_in: row.get("signed_in")?,
            presenter_names: row.get("presenter_names")?,
            revision: row.get("revision")?,
            signup_open: row.get("signup_open")?,
            signup_until: row.get("signup_until")?,
            waitlisted: row.get("waitlisted")?,
        })
    }
}

/// One session, or `not_found`.
pub(crate) fn get_session(conn: &Connection, id: i64) -> Result<Session> {
    conn.prepare_cached(&format!("{SESSION_SELECT} WHERE s.id = ?1"))?
        .query_row([id], Session::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的分享活动。")))
}

/// Sessions starting in [from, to) (office-local `YYYY-MM-DDTHH:MM`), optionally of one series.
pub(crate) fn list_sessions(
    conn: &Connection,
    from: &str,
    to: &str,
    series_id: Option<i64>,
) -> Result<Vec<Session>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SESSION_SELECT} WHERE b.starts_at >= ?1 AND b.starts_at < ?2
           AND (?3 IS NULL OR s.series_id = ?3)
         ORDER BY b.starts_at, s.id"
    ))?;
    let rows = stmt.query_map(params![from, to, series_id], Session::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a series' rule and defaults; returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_series(
    tx: &WriteTx<'_>,
    name: &str,
    theme: Option<&str>,
    recurrence: &str,
    start_time: &str,
    end_time: &str,
    venue_id: Option<i64>,
    host_id: Option<i64>,
    capacity: Option<i64>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO share_series (name, theme, recurrence, start_time, end_time, venue_id,
             host_id, capacity, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            name,
            theme,
            recurrence,
            start_time,
            end_time,
            venue_id,
            host_id,
            capacity,
            tx.now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Every series with how many sessions it has.
pub(crate) fn list_series(conn: &Connection) -> Result<Vec<SeriesSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.name, r.theme,
            (SELECT count(*) FROM share_sessions s WHERE s.series_id = r.id) AS sessions,
            (SELECT min(b.starts_at) FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
               WHERE s.series_id = r.id) AS first_at,
            (SELECT max(b.starts_at) FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
               WHERE s.series_id = r.id) AS last_at
         FROM share_series r ORDER BY r.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SeriesSummary {
            id: r.get("id")?,
            name: r.get("name")?,
            theme: r.get("theme")?,
            sessions: r.get("sessions")?,
            first_at: r.get("first_at")?,
            last_at: r.get("last_at")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores a session around its booking.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_session(
    tx: &WriteTx<'_>,
    series_id: Option<i64>,
    booking_id: i64,
    theme: &str,
    status: SessionStatus,
    host_id: Option<i64>,
    capacity: Option<i64>,
    note: Option<&str>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO share_sessions (series_id, booking_id, theme, status, host_id, capacity, note,
             created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
    )?
    .execute(params![
        series_id,
        booking_id,
        theme,
        status.code(),
        host_id,
        capacity,
        note,
        tx.now()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Marks a session held (a sign-in on its day) or planned again (its last
/// sign-in undone), without touching the rest. Its revision moves on: a
/// form opened before would otherwise put the status it showed back.
pub(crate) fn set_session_status(tx: &WriteTx<'_>, id: i64, status: SessionStatus) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_sessions SET status = ?2, updated_at = ?3, revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![id, status.code(), tx.now()])?;
    Ok(())
}

/// Changes a session's own fields.
pub(crate) fn update_session_row(
    tx: &WriteTx<'_>,
    id: i64,
    theme: &str,
    status: SessionStatus,
    host_id: Option<i64>,
    capacity: Option<i64>,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_sessions SET theme = ?2, status = ?3, host_id = ?4, capacity = ?5, note = ?6,
             updated_at = ?7, revision = revision + 1 WHERE id = ?1",
    )?
    .execute(params![
        id,
        theme,
        status.code(),
        host_id,
        capacity,
        note,
        tx.now()
    ])?;
    Ok(())
}

/// Sets the minutes (纪要).
pub(crate) fn set_minutes(tx: &WriteTx<'_>, id: i64, minutes: Option<&str>) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_sessions SET minutes = ?2, updated_at = ?3, revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![id, minutes, tx.now()])?;
    Ok(())
}

/// A change to what a session is made of (its presenters) is an edit of
/// it: a form opened before it is out of date.
pub(crate) fn bump_revision(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_sessions SET revision = revision + 1, updated_at = ?2 WHERE id = ?1",
    )?
    .execute(params![id, tx.now()])?;
    Ok(())
}

/// A session's presenters in order.
pub(crate) fn list_presenters(conn: &Connection, session_id: i64) -> Result<Vec<Presenter>> {
    let mut stmt = conn.prepare_cached(
        "SELECT sp.*, p.name AS person_name, coalesce(p.department, p.delegation) AS unit,
                p.card_barcode, t.title AS book_title, t.publisher AS book_publisher,
                t.year AS book_year, t.call_number,
                (SELECT count(*) FROM copies c WHERE c.title_id = t.id AND c.status = 'on_shelf'
                   AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id AND h.status = 'ready'))
                   AS available
         FROM share_presenters sp
         JOIN people p ON p.id = sp.person_id
         LEFT JOIN titles t ON t.id = sp.title_id
         WHERE sp.session_id = ?1 ORDER BY sp.position",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok(Presenter {
            person_id: r.get("person_id")?,
            person_name: r.get("person_name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            title_id: r.get("title_id")?,
            book_title: r.get("book_title")?,
            book_publisher: r.get("book_publisher")?,
            book_year: r.get("book_year")?,
            call_number: r.get("call_number")?,
            available: r.get("available")?,
            topic: r.get("topic")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Replaces a session's presenters.
pub(crate) fn replace_presenters(
    tx: &WriteTx<'_>,
    session_id: i64,
    presenters: &[(i64, Option<i64>, Option<String>)],
) -> Result<()> {
    tx.prepare_cached("DELETE FROM share_presenters WHERE session_id = ?1")?
        .execute([session_id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO share_presenters (session_id, position, person_id, title_id, topic)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (person, title, topic)) in presenters.iter().enumerate() {
        stmt.execute(params![session_id, i as i64 + 1, person, title, topic])?;
    }
    Ok(())
}

/// Invites people; returns how many were not invited before.
pub(crate) fn insert_invitations(
    tx: &WriteTx<'_>,
    session_id: i64,
    people: &[i64],
) -> Result<usize> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO share_invitations (session_id, person_id) VALUES (?1, ?2)",
    )?;
    let mut added = 0;
    for p in people {
        added += stmt.execute(params![session_id, p])?;
    }
    Ok(added)
}

/// Withdraws an invitation.
pub(crate) fn delete_invitation(tx: &WriteTx<'_>, session_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM share_invitations WHERE session_id = ?1 AND person_id = ?2")?
        .execute([session_id, person_id])?;
    Ok(())
}

/// Everyone invited or signed in, with whether and when they signed in.
pub(crate) fn list_attendees(conn: &Connection, session_id: i64) -> Result<Vec<Attendee>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, coalesce(p.department, p.delegation) AS unit, p.card_barcode,
                i.person_id IS NOT NULL AS invited, g.signed_at, g.method
         FROM people p
         LEFT JOIN share_invitations i ON i.person_id = p.id AND i.session_id = ?1
         LEFT JOIN share_signins g ON g.person_id = p.id AND g.session_id = ?1
         WHERE i.person_id IS NOT NULL OR g.person_id IS NOT NULL
         ORDER BY p.sort_key, p.id",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok(Attendee {
            person_id: r.get("id")?,
            name: r.get("name")?,
            unit: r.get("unit")?,
            card_barcode: r.get("card_barcode")?,
            invited: r.get("invited")?,
            signed_at: r.get("signed_at")?,
            method: r.get("method")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Signs a person in (again: keeps the first time).
pub(crate) fn insert_signin(
    tx: &WriteTx<'_>,
    session_id: i64,
    person_id: i64,
    method: &str,
) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "INSERT OR IGNORE INTO share_signins (session_id, person_id, signed_at, method)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![session_id, person_id, tx.now(), method])?
        > 0)
}

/// Takes a sign-in back (ticked by mistake).
pub(crate) fn delete_signin(tx: &WriteTx<'_>, session_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM share_signins WHERE session_id = ?1 AND person_id = ?2")?
        .execute([session_id, person_id])?;
    Ok(())
}

/// Stores an attachment.
pub(crate) fn insert_attachment(
    tx: &WriteTx<'_>,
    session_id: i64,
    name: &str,
    data: &[u8],
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO share_attachments (session_id, name, size, data, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![session_id, name, data.len() as i64, data, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

/// A session's attachments, without their bytes.
pub(crate) fn list_attachments(conn: &Connection, session_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, session_id, name, size, added_at FROM share_attachments WHERE session_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([session_id], |r| {
        Ok(Attachment {
            id: r.get(0)?,
            session_id: r.get(1)?,
            name: r.get(2)?,
            size: r.get(3)?,
            added_at: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An attachment's name and bytes.
pub(crate) fn get_attachment_data(conn: &Connection, id: i64) -> Result<(String, Vec<u8>)> {
    conn.prepare_cached("SELECT name, data FROM share_attachments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的附件。")))
}

/// Removes an attachment; returns its session.
pub(crate) fn delete_attachment(tx: &WriteTx<'_>, id: i64) -> Result<i64> {
    let session: i64 = tx
        .prepare_cached("SELECT session_id FROM share_attachments WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的附件。")))?;
    tx.prepare_cached("DELETE FROM share_attachments WHERE id = ?1")?
        .execute([id])?;
    Ok(session)
}

/// Per series (or one-off sessions, series NULL) in [from, to): sessions
/// held, invitations and sign-ins of held sessions, books shared, presenters.
pub(crate) fn figures_rows(conn: &Connection, from: &str, to: &str) -> Result<Vec<SeriesFigures>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.series_id, r.name,
            count(*) FILTER (WHERE s.status = 'held') AS held,
            count(*) FILTER (WHERE s.status = 'planned') AS planned,
            coalesce(sum((SELECT count(*) FROM share_invitations i WHERE i.session_id = s.id))
                FILTER (WHERE s.status = 'held'), 0) AS invited,
            coalesce(sum((SELECT count(*) FROM share_signins g WHERE g.session_id = s.id))
                FILTER (WHERE s.status = 'held'), 0) AS signed,
            coalesce(sum((SELECT count(*) FROM share_presenters p WHERE p.session_id = s.id AND p.title_id IS NOT NULL))
                FILTER (WHERE s.status = 'held'), 0) AS books
         FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
         LEFT JOIN share_series r ON r.id = s.series_id
         WHERE b.starts_at >= ?1 AND b.starts_at < ?2
         GROUP BY s.series_id ORDER BY s.series_id IS NULL, s.series_id",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        let (invited, signed_in) = (r.get("invited")?, r.get("signed")?);
        Ok(SeriesFigures {
            series_id: r.get(0)?,
            name: r.get(1)?,
            held: r.get("held")?,
            planned: r.get("planned")?,
            invited,
            signed_in,
            attendance_rate: rate(signed_in, invited),
            books: r.get("books")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Who presented at held sessions in [from, to), how often, the most first.
pub(crate) fn presenter_counts(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<PresenterCount>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name, coalesce(p.department, p.delegation), count(*) AS n
         FROM share_presenters sp
         JOIN share_sessions s ON s.id = sp.session_id
         JOIN bookings b ON b.id = s.booking_id
         JOIN people p ON p.id = sp.person_id
         WHERE s.status = 'held' AND b.starts_at >= ?1 AND b.starts_at < ?2
         GROUP BY p.id ORDER BY n DESC, p.sort_key",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(PresenterCount {
            person_id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            times: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests;

// ---- readers' sign-up ----

/// Opens or closes a session for sign-up.
pub(crate) fn set_signup(
    tx: &WriteTx<'_>,
    id: i64,
    open: bool,
    until: Option<&str>,
    capacity: Option<i64>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE share_sessions SET signup_open = ?2, signup_until = ?3,
                capacity = coalesce(?4, capacity), updated_at = ?5,
                revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![id, open, until, capacity, tx.now()])?;
    Ok(())
}

/// Whether a person is invited, and whether they signed up themselves.
pub(crate) fn find_invitation(
    conn: &Connection,
    session_id: i64,
    person_id: i64,
) -> Result<Option<bool>> {
    Ok(conn
        .prepare_cached(
            "SELECT signed_up_at IS NOT NULL FROM share_invitations
              WHERE session_id = ?1 AND person_id = ?2",
        )?
        .query_row([session_id, person_id], |r| r.get(0))
        .optional()?)
}

/// A reader's own sign-up: an invitation marked as theirs (moved up from
/// the waitlist when `moved_up`).
pub(crate) fn insert_sign_up(
    tx: &WriteTx<'_>,
    session_id: i64,
    person_id: i64,
    moved_up: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO share_invitations (session_id, person_id, signed_up_at, moved_up_at)
         VALUES (?1, ?2, ?3, CASE WHEN ?4 THEN ?3 END)",
    )?
    .execute(params![session_id, person_id, tx.now(), moved_up])?;
    Ok(())
}

/// A person's place on a session's waitlist (1 = next), if they are on it.
pub(crate) fn waitlist_place(
    conn: &Connection,
    session_id: i64,
    person_id: i64,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM share_waitlist o
                      WHERE o.session_id = w.session_id
                        AND (o.queued_at, o.person_id) <= (w.queued_at, w.person_id))
               FROM share_waitlist w WHERE w.session_id = ?1 AND w.person_id = ?2",
        )?
        .query_row([session_id, person_id], |r| r.get(0))
        .optional()?)
}

pub(crate) fn insert_waitlisted(tx: &WriteTx<'_>, session_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO share_waitlist (session_id, person_id, queued_at) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![session_id, person_id, tx.now()])?;
    Ok(())
}

/// Takes a person off a session's waitlist; whether they were on it.
pub(crate) fn delete_waitlisted(tx: &WriteTx<'_>, session_id: i64, person_id: i64) -> Result<bool> {
    Ok(tx
        .prepare_cached("DELETE FROM share_waitlist WHERE session_id = ?1 AND person_id = ?2")?
        .execute([session_id, person_id])?
        > 0)
}

/// The first on a session's waitlist.
pub(crate) fn first_waitlisted(conn: &Connection, session_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT person_id FROM share_waitlist WHERE session_id = ?1
              ORDER BY queued_at, person_id LIMIT 1",
        )?
        .query_row([session_id], |r| r.get(0))
        .optional()?)
}

/// Whether a series exists.
pub(crate) fn series_exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM share_series WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))?)
}
