//! All SQL of the data as a whole: what a check reads (SQLite's own checks,
//! and the facts that one action writes together and that must therefore
//! agree), and clearing the records to start afresh.

use rusqlite::Connection;

use crate::error::Result;

/// What SQLite's integrity check finds wrong (nothing when the file is
/// sound): the thorough check when `full`, else the quick one; at most
/// `limit` lines when given.
pub(crate) fn integrity_problems(
    conn: &Connection,
    full: bool,
    limit: Option<u32>,
) -> Result<Vec<String>> {
    let pragma = if full {
        "integrity_check"
    } else {
        "quick_check"
    };
    let sql = match limit {
        Some(n) => format!("PRAGMA {pragma}({n})"),
        None => format!("PRAGMA {pragma}"),
    };
    let mut stmt = conn.prepare(&sql)?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(lines.into_iter().filter(|l| l != "ok").collect())
}

/// Rows that refer to a record that does not exist: (table, rowid).
pub(crate) fn dangling_references(conn: &Connection) -> Result<Vec<(String, Option<i64>)>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Copies whose status says on loan without an open loan, or the reverse.
pub(crate) fn count_copies_disagreeing_with_loans(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM copies c
         WHERE (c.status = 'on_loan') <> EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.returned_at IS NULL)",
        [],
        |r| r.get(0),
    )?)
}

/// Reading-share sessions whose cancelled status disagrees with their booking.
pub(crate) fn count_sessions_disagreeing_with_bookings(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
         WHERE (s.status = 'cancelled') = (b.active = 1)",
        [],
        |r| r.get(0),
    )?)
}

/// Whether the database has a table of that name.
pub(crate) fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )?)
}

/// How many records clearing the data removes, counted before it does.
pub(crate) fn data_counts(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM titles), (SELECT count(*) FROM copies),
                (SELECT count(*) FROM people)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

/// Deletes everything the reading room recorded — catalogue, people,
/// lending, stocktakes, venues, reading-share sessions and training — and
/// empties the search indexes. Settings, loan rules, open days, operators
/// and the log stay.
pub(crate) fn delete_all_data(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM order_lines;
         DELETE FROM orders;
         DELETE FROM budgets;
         DELETE FROM routing_legs;
         DELETE FROM routing_stops;
         DELETE FROM routing_lists;
         DELETE FROM issues;
         DELETE FROM subscriptions;
         DELETE FROM serials;
         DELETE FROM reading_list_items;
         DELETE FROM reading_lists;
         DELETE FROM suggestions;
         DELETE FROM reading_notes;
         DELETE FROM leave_requests;
         DELETE FROM share_offers;
         DELETE FROM share_waitlist;
         DELETE FROM attendance;
         DELETE FROM enrolments;
         DELETE FROM training_sessions;
         DELETE FROM training_batches;
         DELETE FROM training_topics;
         DELETE FROM share_signins;
         DELETE FROM share_invitations;
         DELETE FROM share_presenters;
         DELETE FROM share_attachments;
         DELETE FROM share_sessions;
         DELETE FROM share_series;
         DELETE FROM booking_people;
         DELETE FROM bookings;
         DELETE FROM venues;
         DELETE FROM stocktake_unknown;
         DELETE FROM stocktake_items;
         DELETE FROM stocktakes;
         DELETE FROM holds;
         DELETE FROM loans;
         DELETE FROM copies;
         INSERT INTO titles_fts (titles_fts) VALUES ('delete-all');
         INSERT INTO titles_pinyin (titles_pinyin) VALUES ('delete-all');
         INSERT INTO titles_chars (titles_chars) VALUES ('delete-all');
         DELETE FROM titles;
         DELETE FROM reader_pins;
         DELETE FROM people;
         DELETE FROM settings WHERE key = 'welcomed';
         UPDATE settings SET value = '1' WHERE key = 'copy_barcode_next';",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn db() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = ON;
             CREATE TABLE parent (id INTEGER PRIMARY KEY);
             CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent (id));",
        )
        .unwrap();
        conn
    }

    #[test]
    fn a_sound_database_has_no_integrity_problems() {
        let conn = db();
        assert!(
            integrity_problems(&conn, false, None).unwrap().is_empty(),
            "quick check"
        );
        assert!(
            integrity_problems(&conn, true, Some(1)).unwrap().is_empty(),
            "full check"
        );
    }

    #[test]
    fn a_row_pointing_at_nothing_is_a_dangling_reference() {
        let conn = db();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; INSERT INTO child (id, parent_id) VALUES (7, 99);",
        )
        .unwrap();
        assert_eq!(
            dangling_references(&conn).unwrap(),
            vec![("child".to_owned(), Some(7))],
            "child 7 names parent 99, which does not exist"
        );
    }

    #[test]
    fn tables_are_found_by_name_only_when_they_exist() {
        let conn = db();
        assert!(has_table(&conn, "parent").unwrap());
        assert!(
            !has_table(&conn, "titles").unwrap(),
            "not a Shuxiang table here"
        );
    }
}
