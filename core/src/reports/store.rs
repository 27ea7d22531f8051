//! All SQL of the reports: read-only figures over loans, reading-share
//! sessions and training, for a person, a unit, the dashboard and the year.
//! Periods are office-local days [from, to] given as `YYYY-MM-DD`; loan
//! instants are UTC, so they are compared after adding the office's 8 hours.

use rusqlite::{Connection, params};

use super::{
    AttendedSession, BorrowedBook, Count, PresentedSession, SessionAttendance, UnitFigures,
    WrittenNote,
};
use crate::error::Result;

/// The office-local day of a stored UTC instant, in SQL.
const LOCAL_DAY: &str = "date(l.borrowed_at, '+8 hours')";

fn end_exclusive(to: &str) -> String {
    format!("{to}T23:59:59")
}

pub(crate) fn person_loans(
    conn: &Connection,
    person_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<BorrowedBook>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.title, t.authors, t.clc, c.barcode, {LOCAL_DAY} AS borrowed_on, l.due_on,
                date(l.returned_at, '+8 hours') AS returned_on, l.outcome
         FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id
         WHERE l.person_id = ?1 AND {LOCAL_DAY} BETWEEN ?2 AND ?3
         ORDER BY l.borrowed_at, l.id"
    ))?;
    let rows = stmt.query_map(params![person_id, from, to], |r| {
        Ok(BorrowedBook {
            title_id: r.get(0)?,
            title: r.get(1)?,
            authors: r.get(2)?,
            clc: r.get(3)?,
            barcode: r.get(4)?,
            borrowed_on: r.get(5)?,
            due_on: r.get(6)?,
            returned_on: r.get(7)?,
            outcome: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn person_presented(
    conn: &Connection,
    person_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<PresentedSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.theme, b.starts_at, t.title, sp.topic
         FROM share_presenters sp
         JOIN share_sessions s ON s.id = sp.session_id
         JOIN bookings b ON b.id = s.booking_id
         LEFT JOIN titles t ON t.id = sp.title_id
         WHERE sp.person_id = ?1 AND s.status = 'held' AND b.starts_at BETWEEN ?2 AND ?3
         ORDER BY b.starts_at",
    )?;
    let rows = stmt.query_map(params![person_id, from, end_exclusive(to)], |r| {
        Ok(PresentedSession {
            session_id: r.get(0)?,
            theme: r.get(1)?,
            starts_at: r.get(2)?,
            book: r.get(3)?,
            topic: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's published reading notes, by the day they were published
/// (office-local), in [from, to].
pub(crate) fn person_notes(
    conn: &Connection,
    person_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<WrittenNote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.title_id, t.title, date(n.decided_at, '+8 hours') AS day, n.featured
         FROM reading_notes n JOIN titles t ON t.id = n.title_id
         WHERE n.person_id = ?1 AND n.status = 'published'
           AND date(n.decided_at, '+8 hours') BETWEEN ?2 AND ?3
         ORDER BY n.decided_at",
    )?;
    let rows = stmt.query_map(params![person_id, from, to], |r| {
        Ok(WrittenNote {
            note_id: r.get(0)?,
            title_id: r.get(1)?,
            title: r.get(2)?,
            published_on: r.get(3)?,
            featured: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn person_attended(
    conn: &Connection,
    person_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<AttendedSession>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.theme, b.starts_at, i.person_id IS NOT NULL AS invited
         FROM share_signins g
         JOIN share_sessions s ON s.id = g.session_id
         JOIN bookings b ON b.id = s.booking_id
         LEFT JOIN share_invitations i ON i.session_id = s.id AND i.person_id = g.person_id
         WHERE g.person_id = ?1 AND s.status = 'held' AND b.starts_at BETWEEN ?2 AND ?3
         ORDER BY b.starts_at",
    )?;
    let rows = stmt.query_map(params![person_id, from, end_exclusive(to)], |r| {
        Ok(AttendedSession {
            session_id: r.get(0)?,
            theme: r.get(1)?,
            starts_at: r.get(2)?,
            invited: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// (batch id) of a person's enrolments whose batch overlaps [from, to].
pub(crate) fn person_batch_ids(
    conn: &Connection,
    person_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.batch_id FROM enrolments e JOIN training_batches b ON b.id = e.batch_id
         WHERE e.person_id = ?1 AND e.status = 'enrolled'
           AND coalesce(b.starts_on, '0000') <= ?3 AND coalesce(b.ends_on, b.starts_on, '9999') >= ?2
         ORDER BY b.starts_on, b.id",
    )?;
    let rows = stmt.query_map(params![person_id, from, to], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per department (staff) or delegation / professional group (deputies):
/// people, and the activity of the period. `by_group` chooses the grouping.
pub(crate) fn unit_figures(
    conn: &Connection,
    by_group: bool,
    from: &str,
    to: &str,
) -> Result<Vec<UnitFigures>> {
    let unit = if by_group {
        "p.professional_group"
    } else {
        "coalesce(p.department, p.delegation)"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT {unit} AS unit, count(*) AS people,
            sum((SELECT count(*) FROM loans l WHERE l.person_id = p.id AND {LOCAL_DAY} BETWEEN ?1 AND ?2)) AS borrowed,
            sum((SELECT count(*) FROM share_presenters sp JOIN share_sessions s ON s.id = sp.session_id
                   JOIN bookings b ON b.id = s.booking_id
                 WHERE sp.person_id = p.id AND s.status = 'held' AND b.starts_at BETWEEN ?1 AND ?3)) AS presented,
            sum((SELECT count(*) FROM share_signins g JOIN share_sessions s ON s.id = g.session_id
                   JOIN bookings b ON b.id = s.booking_id
                 WHERE g.person_id = p.id AND s.status = 'held' AND b.starts_at BETWEEN ?1 AND ?3)) AS attended,
            sum((SELECT count(*) FROM loans l WHERE l.person_id = p.id AND {LOCAL_DAY} BETWEEN ?1 AND ?2) > 0) AS readers,
            sum((SELECT count(*) FROM reading_notes n
                 WHERE n.person_id = p.id AND n.status = 'published'
                   AND date(n.decided_at, '+8 hours') BETWEEN ?1 AND ?2)) AS notes
         FROM people p
         WHERE p.active = 1 AND {unit} IS NOT NULL
         GROUP BY {unit}"
    ))?;
    let rows = stmt.query_map(params![from, to, end_exclusive(to)], |r| {
        Ok(UnitFigures {
            unit: r.get(0)?,
            people: r.get(1)?,
            borrowed: r.get(2)?,
            presented: r.get(3)?,
            attended: r.get(4)?,
            readers: r.get(5)?,
            notes: r.get(6)?,
            trainings_completed: 0,
            per_head: 0.0,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An active person's id, unit (department or delegation) and group.
pub type PersonUnit = (i64, Option<String>, Option<String>);

/// (person, unit by department/delegation, group) of active people.
pub(crate) fn people_units(conn: &Connection) -> Result<Vec<PersonUnit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, coalesce(department, delegation), professional_group FROM people WHERE active = 1",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans per office-local month (`YYYY-MM`) in [from, to].
pub(crate) fn loans_per_month(conn: &Connection, from: &str, to: &str) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT substr({LOCAL_DAY}, 1, 7) AS m, count(*) FROM loans l
         WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2 GROUP BY m ORDER BY m"
    ))?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(Count {
            key: r.get(0)?,
            label: None,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans by CLC basic class (the first letter) in [from, to].
pub(crate) fn loans_by_class(conn: &Connection, from: &str, to: &str) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT coalesce(substr(t.clc, 1, 1), '?') AS k, k2.name, count(*) AS n
         FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id
         LEFT JOIN clc_classes k2 ON k2.code = substr(t.clc, 1, 1)
         WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2
         GROUP BY k ORDER BY n DESC, k"
    ))?;
    let rows = stmt.query_map([from, to], |r| {
        Ok(Count {
            key: r.get(0)?,
            label: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A title and how often it was borrowed.
pub struct BorrowedTitle {
    pub id: i64,
    pub title: String,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub count: i64,
}

/// The most borrowed titles in [from, to].
pub(crate) fn top_titles(
    conn: &Connection,
    from: &str,
    to: &str,
    limit: u32,
) -> Result<Vec<BorrowedTitle>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.id, t.title, t.publisher, t.year, count(*) AS n
         FROM loans l JOIN copies c ON c.id = l.copy_id JOIN titles t ON t.id = c.title_id
         WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2
         GROUP BY t.id ORDER BY n DESC, t.title LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![from, to, limit], |r| {
        Ok(BorrowedTitle {
            id: r.get(0)?,
            title: r.get(1)?,
            publisher: r.get(2)?,
            year: r.get(3)?,
            count: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The readers who borrowed most in [from, to].
pub(crate) fn top_readers(
    conn: &Connection,
    from: &str,
    to: &str,
    limit: u32,
) -> Result<Vec<Count>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.name || coalesce('（' || coalesce(p.department, p.delegation) || '）', ''), count(*) AS n
         FROM loans l JOIN people p ON p.id = l.person_id
         WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2
         GROUP BY p.id ORDER BY n DESC, p.sort_key LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![from, to, limit], |r| {
        Ok(Count {
            key: r.get::<_, i64>(0)?.to_string(),
            label: r.get(1)?,
            count: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans, distinct readers, copies added, titles added in [from, to].
pub(crate) fn year_counts(conn: &Connection, from: &str, to: &str) -> Result<[i64; 4]> {
    Ok(conn.prepare_cached(&format!(
        "SELECT (SELECT count(*) FROM loans l WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2),
                (SELECT count(DISTINCT l.person_id) FROM loans l WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM copies c WHERE date(c.created_at, '+8 hours') BETWEEN ?1 AND ?2),
                (SELECT count(*) FROM titles t WHERE date(t.created_at, '+8 hours') BETWEEN ?1 AND ?2)"
    ))?
    .query_row([from, to], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))?)
}

/// Loans and readers per department / delegation in [from, to].
pub(crate) fn loans_by_unit(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT coalesce(p.department, p.delegation, '未填部门') AS u, count(*) AS n, count(DISTINCT p.id)
         FROM loans l JOIN people p ON p.id = l.person_id
         WHERE {LOCAL_DAY} BETWEEN ?1 AND ?2
         GROUP BY u ORDER BY n DESC, u"
    ))?;
    let rows = stmt.query_map([from, to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Loans due on `day` and still out.
pub(crate) fn due_on(conn: &Connection, day: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM loans WHERE returned_at IS NULL AND due_on = ?1")?
        .query_row([day], |r| r.get(0))?)
}

/// Held reading-share sessions in [from, to] with invited and signed-in counts.
pub(crate) fn session_attendance(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<SessionAttendance>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.theme, b.starts_at,
            (SELECT count(*) FROM share_invitations i WHERE i.session_id = s.id),
            (SELECT count(*) FROM share_signins g WHERE g.session_id = s.id)
         FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
         WHERE s.status = 'held' AND b.starts_at BETWEEN ?1 AND ?2
         ORDER BY b.starts_at",
    )?;
    let rows = stmt.query_map(params![from, end_exclusive(to)], |r| {
        Ok(SessionAttendance {
            session_id: r.get(0)?,
            theme: r.get(1)?,
            starts_at: r.get(2)?,
            invited: r.get(3)?,
            signed_in: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::catalog::{NewCopies, NewTitle, create_title};
    use crate::circulation::desk_scan;
    use crate::db::Db;
    use crate::people::{NewPerson, PersonKind, create_person};

    #[test]
    fn a_persons_loans_are_found_by_the_office_day_they_were_made() {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(crate::Clock::Fixed(
                // 2026-12-04 00:30 in Beijing: still the 3rd in UTC.
                "2026-12-03T16:30:00Z".parse().unwrap(),
            ));
        let me = Actor::Desktop;
        let p = create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "甲".into(),
                card_barcode: Some("A1".into()),
                ..Default::default()
            },
        )
        .unwrap();
        create_title(
            &db,
            &me,
            &NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &NewCopies {
                barcodes: vec!["SX1".into()],
                ..Default::default()
            },
        )
        .unwrap();
        desk_scan(&db, &me, Some(p.id), "SX1").unwrap();
        db.read(|c| {
            let on_the_4th = person_loans(c, p.id, "2026-12-04", "2026-12-04")?;
            assert_eq!(on_the_4th.len(), 1, "counted on the office's day");
            assert_eq!(on_the_4th[0].borrowed_on, "2026-12-04");
            assert!(person_loans(c, p.id, "2026-12-03", "2026-12-03")?.is_empty());
            Ok(())
        })
        .unwrap();
    }
}
