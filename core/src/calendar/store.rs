//! All SQL about the office calendar's days.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::{CalendarDay, DayKind, OpenDays, parse_weekdays};
use crate::db::WriteTx;
use crate::error::{Error, Result};

/// The weekly pattern and every listed day.
pub(crate) fn load_open_days(conn: &Connection) -> Result<OpenDays> {
    let weekdays = crate::settings::get(conn, "closed_weekdays")?;
    Ok(OpenDays::new(
        parse_weekdays(weekdays.as_deref().unwrap_or("6,7")),
        list_calendar_days(conn)?,
    ))
}

/// Every listed holiday and make-up workday, by date.
pub(crate) fn list_calendar_days(conn: &Connection) -> Result<Vec<CalendarDay>> {
    let mut stmt = conn.prepare_cached("SELECT day, kind, name FROM calendar_days ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut days = Vec::new();
    for row in rows {
        let (day, kind, name) = row?;
        if let Ok(day) = day.parse() {
            days.push(CalendarDay {
                day,
                kind: DayKind::from_code(&kind),
                name,
            });
        }
    }
    Ok(days)
}

/// Stores the weekdays the room is normally closed.
pub(crate) fn set_closed_weekdays(tx: &WriteTx<'_>, weekdays: &[u8]) -> Result<()> {
    let mut days = weekdays.to_vec();
    days.sort_unstable();
    days.dedup();
    let text = days.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    crate::settings::put(tx, "closed_weekdays", &text)?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::Calendar,
        None,
        &format!("闭馆星期改为 {text}"),
    )
}

/// Adds or replaces a listed day.
pub(crate) fn put_calendar_day(tx: &WriteTx<'_>, day: &CalendarDay) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO calendar_days (day, kind, name) VALUES (?1, ?2, ?3)",
        (day.day.to_string(), day.kind.code(), &day.name),
    )?;
    let what = match day.kind {
        DayKind::Holiday => "节假日",
        DayKind::Workday => "调休上班日",
    };
    tx.audit(
        crate::Action::Update,
        crate::Entity::Calendar,
        None,
        &format!("{} 设为{what} {}", day.day, day.name),
    )
}

/// Removes a listed day.
pub(crate) fn delete_calendar_day(tx: &WriteTx<'_>, day: NaiveDate) -> Result<()> {
    let n = tx.execute(
        "DELETE FROM calendar_days WHERE day = ?1",
        [day.to_string()],
    )?;
    if n == 0 {
        return Err(Error::NotFound(format!("{day} 不在节假日列表中。")));
    }
    tx.audit(
        crate::Action::Delete,
        crate::Entity::Calendar,
        None,
        &format!("{day} 移出节假日列表"),
    )
}

// ---- venues and bookings ----

use super::bookings::{
    BookingDraft, BookingKind, CalendarEntry, Conflict, ConflictReason, NewVenue, Role, Venue,
    format_time, span_text,
};
use rusqlite::{Row, params};

impl Venue {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Venue> {
        Ok(Venue {
            id: row.get("id")?,
            name: row.get("name")?,
            capacity: row.get("capacity")?,
            note: row.get("note")?,
            active: row.get("active")?,
            revision: row.get("revision")?,
        })
    }
}

/// Every venue, active first, by name.
pub(crate) fn list_venues(conn: &Connection) -> Result<Vec<Venue>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM venues ORDER BY active DESC, name COLLATE zh")?;
    let rows = stmt.query_map([], Venue::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One venue, or `not_found`.
pub(crate) fn get_venue(conn: &Connection, id: i64) -> Result<Venue> {
    conn.prepare_cached("SELECT * FROM venues WHERE id = ?1")?
        .query_row([id], Venue::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的场地。")))
}

fn refuse_taken_venue_name(conn: &Connection, name: &str, except: Option<i64>) -> Result<()> {
    let taken: Option<i64> = conn
        .prepare_cached("SELECT id FROM venues WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    if taken.is_some_and(|id| Some(id) != except) {
        return Err(Error::conflict_on(
            "name",
            format!("已有名为“{name}”的场地。"),
        ));
    }
    Ok(())
}

/// Stores a new venue (validated).
pub(crate) fn insert_venue(tx: &WriteTx<'_>, v: &NewVenue) -> Result<Venue> {
    refuse_taken_venue_name(tx, &v.name, None)?;
    tx.execute(
        "INSERT INTO venues (name, capacity, note, active, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            v.name,
            v.capacity,
            v.note,
            v.active.unwrap_or(true),
            tx.now()
        ],
    )?;
    let id = tx.last_insert_rowid();
    tx.audit(
        crate::Action::Create,
        crate::Entity::Venue,
        Some(id),
        &format!("新增场地 {}", v.name),
    )?;
    get_venue(tx, id)
}

/// Changes a venue (validated).
pub(crate) fn update_venue(tx: &WriteTx<'_>, id: i64, v: &NewVenue) -> Result<Venue> {
    let stored = get_venue(tx, id)?;
    crate::error::check_revision(stored.revision, v.revision)?;
    refuse_taken_venue_name(tx, &v.name, Some(id))?;
    tx.execute(
        "UPDATE venues SET name = ?2, capacity = ?3, note = ?4, active = coalesce(?5, active),
             updated_at = ?6, revision = revision + 1 WHERE id = ?1",
        params![id, v.name, v.capacity, v.note, v.active, tx.now()],
    )?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::Venue,
        Some(id),
        &format!("修改场地 {}", v.name),
    )?;
    get_venue(tx, id)
}

fn conflict_from_row(row: &Row<'_>, reason: ConflictReason) -> rusqlite::Result<Conflict> {
    let starts_at: String = row.get("starts_at")?;
    let ends_at: String = row.get("ends_at")?;
    let title: String = row.get("title")?;
    let venue: Option<String> = row.get("venue")?;
    let kind = BookingKind::from_code(&row.get::<_, String>("kind")?);
    let person: Option<String> = match reason {
        ConflictReason::Person => Some(row.get("person")?),
        ConflictReason::Venue => None,
    };
    let span = span_text(&starts_at, &ends_at);
    let message = match reason {
        ConflictReason::Venue => format!(
            "{} 已被{}《{title}》占用（{span}）",
            venue.as_deref().unwrap_or("场地"),
            kind.label()
        ),
        ConflictReason::Person => format!(
            "{} 同时要参加{}《{title}》（{span}）",
            person.as_deref().unwrap_or(""),
            kind.label()
        ),
    };
    Ok(Conflict {
        booking_id: row.get("id")?,
        kind,
        title,
        starts_at,
        ends_at,
        venue,
        reason,
        person,
        message,
    })
}

/// The active bookings a draft clashes with (leaving out `exclude`, the
/// booking being changed): the same venue at overlapping times, or a
/// person it binds bound elsewhere then. Touching end to start is fine.
pub(crate) fn find_conflicts(
    conn: &Connection,
    draft: &BookingDraft,
    exclude: Option<i64>,
) -> Result<Vec<Conflict>> {
    let start = format_time(draft.starts_at);
    let end = format_time(draft.ends_at);
    let mut out = Vec::new();
    if let Some(venue) = draft.venue_id {
        let mut stmt = conn.prepare_cached(
            "SELECT b.*, v.name AS venue FROM bookings b JOIN venues v ON v.id = b.venue_id
             WHERE b.active = 1 AND b.venue_id = ?1 AND b.starts_at < ?3 AND ?2 < b.ends_at
               AND b.id IS NOT ?4
             ORDER BY b.starts_at",
        )?;
        let rows = stmt.query_map(params![venue, start, end, exclude], |r| {
            conflict_from_row(r, ConflictReason::Venue)
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    if !draft.people.is_empty() {
        let ids: Vec<i64> = draft.people.iter().map(|(id, _)| *id).collect();
        let ids = serde_json::to_string(&ids).expect("ids serialise");
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT b.*, v.name AS venue, p.name AS person
             FROM booking_people bp
             JOIN bookings b ON b.id = bp.booking_id
             JOIN people p ON p.id = bp.person_id
             LEFT JOIN venues v ON v.id = b.venue_id
             WHERE bp.person_id IN (SELECT value FROM json_each(?1))
               AND b.active = 1 AND b.starts_at < ?3 AND ?2 < b.ends_at AND b.id IS NOT ?4
             ORDER BY b.starts_at, p.name",
        )?;
        let rows = stmt.query_map(params![ids, start, end, exclude], |r| {
            conflict_from_row(r, ConflictReason::Person)
        })?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// Stores a booking and the people it binds.
pub(crate) fn insert_booking(tx: &WriteTx<'_>, draft: &BookingDraft) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO bookings (kind, venue_id, starts_at, ends_at, title) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        draft.kind.code(),
        draft.venue_id,
        format_time(draft.starts_at),
        format_time(draft.ends_at),
        draft.title
    ])?;
    let id = tx.last_insert_rowid();
    bind_people(tx, id, &draft.people)?;
    Ok(id)
}

/// Changes a booking and who it binds.
pub(crate) fn update_booking(tx: &WriteTx<'_>, id: i64, draft: &BookingDraft) -> Result<()> {
    tx.prepare_cached(
        "UPDATE bookings SET venue_id = ?2, starts_at = ?3, ends_at = ?4, title = ?5 WHERE id = ?1",
    )?
    .execute(params![
        id,
        draft.venue_id,
        format_time(draft.starts_at),
        format_time(draft.ends_at),
        draft.title
    ])?;
    tx.prepare_cached("DELETE FROM booking_people WHERE booking_id = ?1")?
        .execute([id])?;
    bind_people(tx, id, &draft.people)
}

fn bind_people(tx: &WriteTx<'_>, id: i64, people: &[(i64, Role)]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO booking_people (booking_id, person_id, role) VALUES (?1, ?2, ?3)",
    )?;
    for (person, role) in people {
        stmt.execute(params![id, person, role.code()])?;
    }
    Ok(())
}

/// A cancelled booking binds nothing and holds no venue.
pub(crate) fn set_booking_active(tx: &WriteTx<'_>, id: i64, active: bool) -> Result<()> {
    tx.prepare_cached("UPDATE bookings SET active = ?2 WHERE id = ?1")?
        .execute(params![id, active])?;
    Ok(())
}

/// The people a booking binds.
pub(crate) fn list_booking_people(conn: &Connection, id: i64) -> Result<Vec<(i64, Role)>> {
    let mut stmt =
        conn.prepare_cached("SELECT person_id, role FROM booking_people WHERE booking_id = ?1")?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get(0)?, Role::from_code(&r.get::<_, String>(1)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every booking starting in [from, to), with the session behind it.
pub(crate) fn list_calendar_entries(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<CalendarEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.*, v.name AS venue, coalesce(s.id, t.id) AS session_id,
                coalesce(s.status, t.status) AS status, t.batch_id
         FROM bookings b
         LEFT JOIN venues v ON v.id = b.venue_id
         LEFT JOIN share_sessions s ON s.booking_id = b.id
         LEFT JOIN training_sessions t ON t.booking_id = b.id
         WHERE b.starts_at >= ?1 AND b.starts_at < ?2
         ORDER BY b.starts_at, b.id",
    )?;
    let rows = stmt.query_map([from, to], |r| {
        let active: bool = r.get("active")?;
        let status: Option<String> = r.get("status")?;
        Ok(CalendarEntry {
            booking_id: r.get("id")?,
            kind: BookingKind::from_code(&r.get::<_, String>("kind")?),
            title: r.get("title")?,
            starts_at: r.get("starts_at")?,
            ends_at: r.get("ends_at")?,
            venue: r.get("venue")?,
            status: status.unwrap_or_else(|| {
                if active {
                    "planned".into()
                } else {
                    "cancelled".into()
                }
            }),
            session_id: r.get("session_id")?,
            batch_id: r.get("batch_id")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::db::Db;

    #[test]
    fn the_weekly_pattern_and_listed_days_are_kept_and_read_back() {
        let db = Db::open_in_memory().unwrap();
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let open = db.read(|c| load_open_days(c)).unwrap();
        assert!(
            !open.is_open(day("2026-12-05")),
            "Saturdays closed by default"
        );
        db.write(&Actor::Desktop, |tx| {
            set_closed_weekdays(tx, &[7, 6, 7])?;
            put_calendar_day(
                tx,
                &CalendarDay {
                    day: day("2026-10-01"),
                    kind: DayKind::Holiday,
                    name: "国庆节".into(),
                },
            )?;
            put_calendar_day(
                tx,
                &CalendarDay {
                    day: day("2026-10-10"),
                    kind: DayKind::Workday,
                    name: "国庆调休".into(),
                },
            )
        })
        .unwrap();
        let open = db.read(|c| load_open_days(c)).unwrap();
        assert!(!open.is_open(day("2026-10-01")), "a holiday on a Thursday");
        assert!(open.is_open(day("2026-10-10")), "a make-up Saturday");
        assert_eq!(db.read(|c| list_calendar_days(c)).unwrap().len(), 2);
        db.write(&Actor::Desktop, |tx| {
            delete_calendar_day(tx, day("2026-10-01"))
        })
        .unwrap();
        let e = db
            .write(&Actor::Desktop, |tx| {
                delete_calendar_day(tx, day("2026-10-01"))
            })
            .unwrap_err();
        assert_eq!(e.code(), "not_found");
        assert_eq!(db.read(|c| list_calendar_days(c)).unwrap().len(), 1);
    }
}
