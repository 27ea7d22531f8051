//! All SQL about training: topics, batches, sessions, enrolments, attendance.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{
    AttendanceStatus, Batch, BatchCounts, Deputy, EnrolStatus, Enrolment, NewBatch, NewTopic,
    Topic, TrainingSession,
};
use crate::calendar::SessionStatus;
use crate::db::WriteTx;
use crate::error::{Error, Result};

// ---- topics ----

impl Topic {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Topic> {
        let groups: String = row.get("target_groups")?;
        Ok(Topic {
            id: row.get("id")?,
            name: row.get("name")?,
            description: row.get("description")?,
            target_groups: serde_json::from_str(&groups).unwrap_or_default(),
            batches: row.get("batches")?,
            revision: row.get("revision")?,
        })
    }
}

const TOPIC_SELECT: &str =
    "SELECT t.*, (SELECT count(*) FROM training_batches b WHERE b.topic_id = t.id) AS batches
    FROM training_topics t";

pub(crate) fn get_topic(conn: &Connection, id: i64) -> Result<Topic> {
    conn.prepare_cached(&format!("{TOPIC_SELECT} WHERE t.id = ?1"))?
        .query_row([id], Topic::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的专题。")))
}

pub(crate) fn list_topics(conn: &Connection) -> Result<Vec<Topic>> {
    let mut stmt = conn.prepare_cached(&format!("{TOPIC_SELECT} ORDER BY t.id DESC"))?;
    let rows = stmt.query_map([], Topic::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn refuse_taken_topic(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<i64> = conn
        .prepare_cached("SELECT id FROM training_topics WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if taken.is_some_and(|id| Some(id) != except) {
        return Err(Error::conflict_on(
            "name",
            format!("已有名为“{name}”的专题。"),
        ));
    }
    Ok(())
}

pub(crate) fn insert_topic(tx: &WriteTx<'_>, t: &NewTopic) -> Result<i64> {
    refuse_taken_topic(tx, &t.name, None)?;
    tx.execute(
        "INSERT INTO training_topics (name, description, target_groups, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![
            t.name,
            t.description,
            serde_json::to_string(&t.target_groups).expect("json"),
            tx.now()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_topic(tx: &WriteTx<'_>, id: i64, t: &NewTopic) -> Result<()> {
    get_topic(tx, id)?;
    refuse_taken_topic(tx, &t.name, Some(id))?;
    tx.execute(
        "UPDATE training_topics SET name = ?2, description = ?3, target_groups = ?4, updated_at = ?5,
             revision = revision + 1 WHERE id = ?1",
        params![id, t.name, t.description, serde_json::to_string(&t.target_groups).expect("json"), tx.now()],
    )?;
    Ok(())
}

// ---- batches ----

const BATCH_SELECT: &str = "SELECT b.*, t.name AS topic_name, v.name AS venue_name,
        (SELECT count(*) FROM enrolments e WHERE e.batch_id = b.id AND e.status = 'enrolled') AS enrolled,
        (SELECT count(*) FROM enrolments e WHERE e.batch_id = b.id AND e.status = 'waitlisted') AS waitlisted,
        (SELECT count(*) FROM training_sessions s WHERE s.batch_id = b.id AND s.status <> 'cancelled') AS sessions,
        (SELECT count(*) FROM training_sessions s WHERE s.batch_id = b.id AND s.status = 'held') AS held,
        b.closed_at IS NOT NULL
          OR NOT EXISTS (SELECT 1 FROM training_sessions s WHERE s.batch_id = b.id AND s.status = 'planned')
          AS settled
    FROM training_batches b
    JOIN training_topics t ON t.id = b.topic_id
    LEFT JOIN venues v ON v.id = b.venue_id";

impl Batch {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Batch> {
        Ok(Batch {
            id: row.get("id")?,
            topic_id: row.get("topic_id")?,
            topic_name: row.get("topic_name")?,
            name: row.get("name")?,
            professional_group: row.get("professional_group")?,
            capacity: row.get("capacity")?,
            trainer: row.get("trainer")?,
            venue_id: row.get("venue_id")?,
            venue_name: row.get("venue_name")?,
            starts_on: row.get("starts_on")?,
            ends_on: row.get("ends_on")?,
            note: row.get("note")?,
            enrolled: row.get("enrolled")?,
            waitlisted: row.get("waitlisted")?,
            sessions: row.get("sessions")?,
            held: row.get("held")?,
            closed: row.get::<_, Option<String>>("closed_at")?.is_some(),
            settled: row.get("settled")?,
            revision: row.get("revision")?,
            signup_open: row.get("signup_open")?,
            signup_until: row.get("signup_until")?,
        })
    }
}

pub(crate) fn get_batch(conn: &Connection, id: i64) -> Result<Batch> {
    conn.prepare_cached(&format!("{BATCH_SELECT} WHERE b.id = ?1"))?
        .query_row([id], Batch::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的培训批次。")))
}

pub(crate) fn list_batches(conn: &Connection, topic_id: Option<i64>) -> Result<Vec<Batch>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{BATCH_SELECT} WHERE ?1 IS NULL OR b.topic_id = ?1 ORDER BY b.topic_id DESC, b.starts_on, b.id"
    ))?;
    let rows = stmt.query_map([topic_id], Batch::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_batch(tx: &WriteTx<'_>, b: &NewBatch) -> Result<i64> {
    tx.execute(
        "INSERT INTO training_batches (topic_id, name, professional_group, capacity, trainer, venue_id,
             starts_on, ends_on, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![b.topic_id, b.name, b.professional_group, b.capacity, b.trainer, b.venue_id, b.starts_on, b.ends_on, b.note, tx.now()],
    )
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => {
            Error::conflict_on("name", format!("这个专题已有名为“{}”的批次。", b.name))
        }
        _ => e.into(),
    })?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_batch(tx: &WriteTx<'_>, id: i64, b: &NewBatch) -> Result<()> {
    tx.execute(
        "UPDATE training_batches SET name = ?2, professional_group = ?3, capacity = ?4, trainer = ?5,
             venue_id = ?6, starts_on = ?7, ends_on = ?8, note = ?9, updated_at = ?10,
             revision = revision + 1 WHERE id = ?1",
        params![id, b.name, b.professional_group, b.capacity, b.trainer, b.venue_id, b.starts_on, b.ends_on, b.note, tx.now()],
    )?;
    Ok(())
}

// ---- sessions ----

const SESSION_SELECT: &str =
    "SELECT s.*, bk.starts_at, bk.ends_at, bk.venue_id, v.name AS venue_name,
        coalesce(p.name, s.lecturer_name) AS lecturer
    FROM training_sessions s
    JOIN bookings bk ON bk.id = s.booking_id
    LEFT JOIN venues v ON v.id = bk.venue_id
    LEFT JOIN people p ON p.id = s.lecturer_id";

impl TrainingSession {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<TrainingSession> {
        Ok(TrainingSession {
            id: row.get("id")?,
            batch_id: row.get("batch_id")?,
            booking_id: row.get("booking_id")?,
            subject: row.get("subject")?,
            starts_at: row.get("starts_at")?,
            ends_at: row.get("ends_at")?,
            venue_id: row.get("venue_id")?,
            venue_name: row.get("venue_name")?,
            lecturer_id: row.get("lecturer_id")?,
            lecturer: row.get("lecturer")?,
            status: match row.get::<_, String>("status")?.as_str() {
                "held" => SessionStatus::Held,
                "cancelled" => SessionStatus::Cancelled,
                _ => SessionStatus::Planned,
            },
            revision: row.get("revision")?,
        })
    }
}

pub(crate) fn get_session(conn: &Connection, id: i64) -> Result<TrainingSession> {
    conn.prepare_cached(&format!("{SESSION_SELECT} WHERE s.id = ?1"))?
        .query_row([id], TrainingSession::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的培训课次。")))
}

pub(crate) fn list_sessions(conn: &Connection, batch_id: i64) -> Result<Vec<TrainingSession>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SESSION_SELECT} WHERE s.batch_id = ?1 ORDER BY bk.starts_at, s.id"
    ))?;
    let rows = stmt.query_map([batch_id], TrainingSession::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_session(
    tx: &WriteTx<'_>,
    batch_id: i64,
    booking_id: i64,
    subject: &str,
    lecturer_id: Option<i64>,
    lecturer_name: Option<&str>,
    status: SessionStatus,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO training_sessions (batch_id, booking_id, subject, lecturer_id, lecturer_name, status,
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![batch_id, booking_id, subject, lecturer_id, lecturer_name, status.code(), tx.now()])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn update_session_row(
    tx: &WriteTx<'_>,
    id: i64,
    subject: &str,
    lecturer_id: Option<i64>,
    lecturer_name: Option<&str>,
    status: SessionStatus,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE training_sessions SET subject = ?2, lecturer_id = ?3, lecturer_name = ?4, status = ?5,
             updated_at = ?6, revision = revision + 1 WHERE id = ?1",
    )?
    .execute(params![id, subject, lecturer_id, lecturer_name, status.code(), tx.now()])?;
    Ok(())
}

/// Closes a batch (its results final) or opens it again.
pub(crate) fn set_batch_closed(tx: &WriteTx<'_>, id: i64, closed: bool) -> Result<()> {
    tx.prepare_cached(
        "UPDATE training_batches SET closed_at = CASE WHEN ?2 THEN ?3 END, updated_at = ?3 WHERE id = ?1",
    )?
    .execute(params![id, closed, tx.now()])?;
    Ok(())
}

/// Marks a session held (or planned, cancelled) without touching the rest.
/// Sets a training session's status (held by attendance, planned again,
/// or as the organizer marks it); its revision moves on, so a form opened
/// before does not put the status it showed back.
pub(crate) fn set_session_status(tx: &WriteTx<'_>, id: i64, status: SessionStatus) -> Result<()> {
    tx.prepare_cached(
        "UPDATE training_sessions SET status = ?2, updated_at = ?3, revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![id, status.code(), tx.now()])?;
    Ok(())
}

// ---- enrolments ----

pub(crate) fn list_enrolments(conn: &Connection, batch_id: i64) -> Result<Vec<Enrolment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.*, p.name, p.professional_group, p.delegation, p.card_barcode
         FROM enrolments e JOIN people p ON p.id = e.person_id
         WHERE e.batch_id = ?1
         ORDER BY e.status = 'withdrawn', e.status = 'waitlisted', e.queued_at, p.sort_key",
    )?;
    let rows = stmt.query_map([batch_id], |r| {
        Ok(Enrolment {
            batch_id: r.get("batch_id")?,
            person_id: r.get("person_id")?,
            name: r.get("name")?,
            professional_group: r.get("professional_group")?,
            delegation: r.get("delegation")?,
            card_barcode: r.get("card_barcode")?,
            status: EnrolStatus::from_code(&r.get::<_, String>("status")?),
            queued_at: r.get("queued_at")?,
            pinned: r.get("pinned")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn find_enrolment(
    conn: &Connection,
    batch_id: i64,
    person_id: i64,
) -> Result<Option<EnrolStatus>> {
    Ok(conn
        .prepare_cached("SELECT status FROM enrolments WHERE batch_id = ?1 AND person_id = ?2")?
        .query_row([batch_id, person_id], |r| r.get::<_, String>(0))
        .optional()?
        .map(|s| EnrolStatus::from_code(&s)))
}

/// Enrols, waitlists or withdraws; a new waitlisting queues at the end.
pub(crate) fn put_enrolment(
    tx: &WriteTx<'_>,
    batch_id: i64,
    person_id: i64,
    status: EnrolStatus,
    pinned: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO enrolments (batch_id, person_id, status, queued_at, pinned, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4)
         ON CONFLICT (batch_id, person_id) DO UPDATE SET
             status = excluded.status, pinned = excluded.pinned, changed_at = excluded.changed_at,
             queued_at = CASE WHEN excluded.status = 'waitlisted' AND status <> 'waitlisted'
                              THEN excluded.queued_at ELSE queued_at END",
    )?
    .execute(params![
        batch_id,
        person_id,
        status.code(),
        tx.now(),
        pinned
    ])?;
    Ok(())
}

/// The people enrolled in a batch (bound to its sessions).
pub(crate) fn enrolled_ids(conn: &Connection, batch_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT person_id FROM enrolments WHERE batch_id = ?1 AND status = 'enrolled' ORDER BY person_id",
    )?;
    let rows = stmt.query_map([batch_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deputies enrolled (or waitlisted) in any batch of a topic, or who
/// attended one already: not candidates for its assignment.
pub(crate) fn topic_people(conn: &Connection, topic_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT e.person_id FROM enrolments e JOIN training_batches b ON b.id = e.batch_id
         WHERE b.topic_id = ?1 AND e.status IN ('enrolled', 'waitlisted')",
    )?;
    let rows = stmt.query_map([topic_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For the people and batches given: each (person, batch, what clashes) where
/// a booking the person is bound to overlaps one of the batch's sessions.
pub(crate) fn clash_pairs(
    conn: &Connection,
    people: &[i64],
    batches: &[i64],
) -> Result<Vec<(i64, i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT bp.person_id, ts.batch_id, o.title, o.starts_at, o.ends_at
         FROM training_sessions ts
         JOIN bookings tb ON tb.id = ts.booking_id AND tb.active = 1
         JOIN bookings o ON o.active = 1 AND o.id <> tb.id
              AND o.starts_at < tb.ends_at AND tb.starts_at < o.ends_at
         JOIN booking_people bp ON bp.booking_id = o.id
         WHERE ts.batch_id IN (SELECT value FROM json_each(?1))
           AND bp.person_id IN (SELECT value FROM json_each(?2))
           AND NOT EXISTS (SELECT 1 FROM training_sessions os WHERE os.booking_id = o.id AND os.batch_id = ts.batch_id)
         ORDER BY o.starts_at",
    )?;
    let rows = stmt.query_map(
        params![
            serde_json::to_string(batches).expect("json"),
            serde_json::to_string(people).expect("json")
        ],
        |r| {
            let (start, end): (String, String) = (r.get(3)?, r.get(4)?);
            Ok((
                r.get(0)?,
                r.get(1)?,
                format!(
                    "《{}》{}",
                    r.get::<_, String>(2)?,
                    crate::calendar::bookings::span_text(&start, &end)
                ),
            ))
        },
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

// ---- attendance ----

pub(crate) fn put_attendance(
    tx: &WriteTx<'_>,
    session_id: i64,
    person_id: i64,
    status: AttendanceStatus,
    method: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO attendance (session_id, person_id, status, method, marked_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (session_id, person_id) DO UPDATE SET status = excluded.status,
             method = excluded.method, marked_at = excluded.marked_at",
    )?
    .execute(params![session_id, person_id, status.code(), method, tx.now()])?;
    Ok(())
}

pub(crate) fn delete_attendance(tx: &WriteTx<'_>, session_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2")?
        .execute([session_id, person_id])?;
    Ok(())
}

/// How many were marked present at a session.
pub(crate) fn present_count(conn: &Connection, session_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM attendance WHERE session_id = ?1 AND status = 'present'",
        )?
        .query_row([session_id], |r| r.get(0))?)
}

/// Every mark of a batch: (session, person, status).
pub(crate) fn list_attendance(
    conn: &Connection,
    batch_id: i64,
) -> Result<Vec<(i64, i64, AttendanceStatus)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.session_id, a.person_id, a.status FROM attendance a
         JOIN training_sessions s ON s.id = a.session_id WHERE s.batch_id = ?1",
    )?;
    let rows = stmt.query_map([batch_id], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            AttendanceStatus::from_code(&r.get::<_, String>(2)?),
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's batches with their counts: (batch, held sessions, present, leave).
pub(crate) fn person_batches(conn: &Connection, person_id: i64) -> Result<Vec<BatchCounts>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.batch_id, e.status,
            (SELECT count(*) FROM training_sessions s WHERE s.batch_id = e.batch_id AND s.status = 'held'),
            (SELECT count(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id
               WHERE s.batch_id = e.batch_id AND s.status = 'held' AND a.person_id = e.person_id AND a.status = 'present'),
            (SELECT count(*) FROM attendance a JOIN training_sessions s ON s.id = a.session_id
               WHERE s.batch_id = e.batch_id AND s.status = 'held' AND a.person_id = e.person_id AND a.status = 'leave')
         FROM enrolments e WHERE e.person_id = ?1 ORDER BY e.batch_id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok(BatchCounts {
            batch_id: r.get(0)?,
            status: EnrolStatus::from_code(&r.get::<_, String>(1)?),
            held: r.get(2)?,
            present: r.get(3)?,
            leave: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deputies (id, name, group, delegation), active, by group then name.
pub(crate) fn list_deputies(conn: &Connection) -> Result<Vec<Deputy>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, professional_group, delegation FROM people
         WHERE kind = 'deputy' AND active = 1 ORDER BY professional_group, sort_key",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Deputy {
            id: r.get(0)?,
            name: r.get(1)?,
            professional_group: r.get(2)?,
            delegation: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The current completion rule, in percent of held sessions.
pub(crate) fn completion_percent(conn: &Connection) -> Result<i64> {
    Ok(crate::settings::get(conn, "completion_percent")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(80))
}

// ---- deputies' sign-up ----

/// Opens or closes a batch for sign-up.
pub(crate) fn set_batch_signup(
    tx: &WriteTx<'_>,
    id: i64,
    open: bool,
    until: Option<&str>,
    capacity: Option<i64>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE training_batches SET signup_open = ?2, signup_until = ?3,
                capacity = coalesce(?4, capacity), updated_at = ?5,
                revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![id, open, until, capacity, tx.now()])?;
    Ok(())
}

/// Marks an enrolment as the deputy's own sign-up.
pub(crate) fn mark_signed_up(tx: &WriteTx<'_>, batch_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE enrolments SET signed_up_at = ?3 WHERE batch_id = ?1 AND person_id = ?2",
    )?
    .execute(params![batch_id, person_id, tx.now()])?;
    Ok(())
}

/// Marks an enrolment as moved up from the waitlist (the deputy's message).
pub(crate) fn mark_moved_up(tx: &WriteTx<'_>, batch_id: i64, person_id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE enrolments SET moved_up_at = ?3 WHERE batch_id = ?1 AND person_id = ?2",
    )?
    .execute(params![batch_id, person_id, tx.now()])?;
    Ok(())
}

/// A deputy's place on a batch's waitlist (1 = next), if they are on it.
pub(crate) fn batch_waitlist_place(
    conn: &Connection,
    batch_id: i64,
    person_id: i64,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM enrolments o
                      WHERE o.batch_id = e.batch_id AND o.status = 'waitlisted'
                        AND (o.queued_at, o.person_id) <= (e.queued_at, e.person_id))
               FROM enrolments e
              WHERE e.batch_id = ?1 AND e.person_id = ?2 AND e.status = 'waitlisted'",
        )?
        .query_row([batch_id, person_id], |r| r.get(0))
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::db::Db;

    #[test]
    fn a_topic_is_stored_once_by_name_and_the_completion_threshold_read() {
        let db = Db::open_in_memory().unwrap();
        let topic = NewTopic {
            name: "乡村振兴与基层治理".into(),
            description: Some("专题培训".into()),
            target_groups: vec!["农业与农村".into()],
            revision: None,
        };
        let id = db
            .write(&Actor::Desktop, |tx| insert_topic(tx, &topic))
            .unwrap();
        let e = db
            .write(&Actor::Desktop, |tx| insert_topic(tx, &topic))
            .unwrap_err();
        assert_eq!(e.code(), "conflict", "the same name twice");
        let renamed = NewTopic {
            name: "乡村振兴".into(),
            ..topic.clone()
        };
        db.write(&Actor::Desktop, |tx| update_topic(tx, id, &renamed))
            .unwrap();
        db.read(|c| {
            let stored = get_topic(c, id)?;
            assert_eq!(stored.name, "乡村振兴");
            assert_eq!(stored.target_groups, ["农业与农村"]);
            assert_eq!(list_topics(c)?.len(), 1);
            assert!(list_batches(c, Some(id))?.is_empty());
            assert!((1..=100).contains(&completion_percent(c)?));
            assert_eq!(get_topic(c, 99).unwrap_err().code(), "not_found");
            Ok(())
        })
        .unwrap();
    }
}
