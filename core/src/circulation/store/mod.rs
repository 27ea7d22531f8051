//! All SQL about loans, holds and loan rules.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Hold, HoldStatus, Loan, LoanOutcome, LoanRule, OverdueQuery};
use crate::db::WriteTx;
use crate::error::{Error, Result};
use crate::people::PersonKind;

// ---- loan rules ----

impl LoanRule {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<LoanRule> {
        Ok(LoanRule {
            person_kind: if row.get::<_, String>("person_kind")? == "deputy" {
                PersonKind::Deputy
            } else {
                PersonKind::Staff
            },
            loan_days: row.get("loan_days")?,
            max_loans: row.get("max_loans")?,
            max_renewals: row.get("max_renewals")?,
            revision: None,
        })
        .map(|mut rule: LoanRule| {
            rule.revision = Some(rule.stored_revision());
            rule
        })
    }
}

/// The rule for one kind of borrower.
pub(crate) fn get_loan_rule(conn: &Connection, kind: PersonKind) -> Result<LoanRule> {
    Ok(conn
        .prepare_cached("SELECT * FROM loan_rules WHERE person_kind = ?1")?
        .query_row([kind.code()], LoanRule::from_row)
        .optional()?
        .unwrap_or(LoanRule::default_for(kind)))
}

/// Both rules: staff, then deputies.
pub(crate) fn list_loan_rules(conn: &Connection) -> Result<Vec<LoanRule>> {
    Ok(vec![
        get_loan_rule(conn, PersonKind::Staff)?,
        get_loan_rule(conn, PersonKind::Deputy)?,
    ])
}

/// Stores a rule (already validated).
pub(crate) fn put_loan_rule(tx: &WriteTx<'_>, rule: &LoanRule) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO loan_rules (person_kind, loan_days, max_loans, max_renewals)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            rule.person_kind.code(),
            rule.loan_days,
            rule.max_loans,
            rule.max_renewals
        ],
    )?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::LoanRule,
        None,
        &format!(
            "{}借阅规则：借期 {} 天，最多 {} 册，可续借 {} 次",
            rule.person_kind.label(),
            rule.loan_days,
            rule.max_loans,
            rule.max_renewals
        ),
    )
}

// ---- loans ----

const LOAN_SELECT: &str = "SELECT l.*, c.barcode, c.title_id, c.location, t.title, t.call_number,
        p.name AS person_name, coalesce(p.department, p.delegation) AS person_unit,
        p.card_barcode
    FROM loans l
    JOIN copies c ON c.id = l.copy_id
    JOIN titles t ON t.id = c.title_id
    JOIN people p ON p.id = l.person_id";

fn loan_from_row(row: &Row<'_>, today: NaiveDate) -> rusqlite::Result<Loan> {
    let due_on: String = row.get("due_on")?;
    let returned_at: Option<String> = row.get("returned_at")?;
    let overdue_days = match (&returned_at, due_on.parse::<NaiveDate>()) {
        (None, Ok(due)) => (today - due).num_days().max(0),
        _ => 0,
    };
    Ok(Loan {
        id: row.get("id")?,
        copy_id: row.get("copy_id")?,
        barcode: row.get("barcode")?,
        title_id: row.get("title_id")?,
        title: row.get("title")?,
        call_number: row.get("call_number")?,
        location: row.get("location")?,
        person_id: row.get("person_id")?,
        person_name: row.get("person_name")?,
        person_unit: row.get("person_unit")?,
        card_barcode: row.get("card_barcode")?,
        borrowed_at: row.get("borrowed_at")?,
        due_on,
        renewals: row.get("renewals")?,
        returned_at,
        outcome: row
            .get::<_, Option<String>>("outcome")?
            .map(|o| LoanOutcome::from_code(&o)),
        note: row.get("note")?,
        overdue_days,
    })
}

fn query_loans(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    today: NaiveDate,
) -> Result<Vec<Loan>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| loan_from_row(r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One loan, or `not_found`.
pub(crate) fn get_loan(conn: &Connection, id: i64, today: NaiveDate) -> Result<Loan> {
    query_loans(conn, &format!("{LOAN_SELECT} WHERE l.id = ?1"), [id], today)?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的借阅记录。")))
}

/// The open loan of a copy, if it is on loan.
pub(crate) fn find_open_loan_by_copy(
    conn: &Connection,
    copy_id: i64,
    today: NaiveDate,
) -> Result<Option<Loan>> {
    Ok(query_loans(
        conn,
        &format!("{LOAN_SELECT} WHERE l.copy_id = ?1 AND l.returned_at IS NULL"),
        [copy_id],
        today,
    )?
    .pop())
}

/// When each lent copy of a title is due: copy id → `YYYY-MM-DD`.
pub(crate) fn open_loan_dues_by_title(
    conn: &Connection,
    title_id: i64,
) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT l.copy_id, l.due_on FROM loans l JOIN copies c ON c.id = l.copy_id
         WHERE c.title_id = ?1 AND l.returned_at IS NULL",
    )?;
    let dues = stmt
        .query_map([title_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(dues)
}

/// A person's open loans, the soonest due first.
pub(crate) fn list_open_loans_by_person(
    conn: &Connection,
    person_id: i64,
    today: NaiveDate,
) -> Result<Vec<Loan>> {
    query_loans(
        conn,
        &format!(
            "{LOAN_SELECT} WHERE l.person_id = ?1 AND l.returned_at IS NULL
             ORDER BY l.due_on, l.id"
        ),
        [person_id],
        today,
    )
}

/// A person's loans, open and closed, the latest first.
pub(crate) fn list_loans_by_person(
    conn: &Connection,
    person_id: i64,
    limit: u32,
    today: NaiveDate,
) -> Result<Vec<Loan>> {
    query_loans(
        conn,
        &format!(
            "{LOAN_SELECT} WHERE l.person_id = ?1 ORDER BY l.borrowed_at DESC, l.id DESC LIMIT ?2"
        ),
        params![person_id, limit],
        today,
    )
}

/// A copy's loans, the latest first.
pub(crate) fn list_loans_by_copy(
    conn: &Connection,
    copy_id: i64,
    limit: u32,
    today: NaiveDate,
) -> Result<Vec<Loan>> {
    query_loans(
        conn,
        &format!(
            "{LOAN_SELECT} WHERE l.copy_id = ?1 ORDER BY l.borrowed_at DESC, l.id DESC LIMIT ?2"
        ),
        params![copy_id, limit],
        today,
    )
}

/// How many copies a person has on loan now.
pub(crate) fn count_open_loans(conn: &Connection, person_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM loans WHERE person_id = ?1 AND returned_at IS NULL")?
        .query_row([person_id], |r| r.get(0))?)
}

/// Open loans due before `today`, the longest overdue first, optionally of
/// one department or delegation.
pub(crate) fn list_overdue_loans(
    conn: &Connection,
    query: &OverdueQuery,
    today: NaiveDate,
) -> Result<Vec<Loan>> {
    query_loans(
        conn,
        &format!(
            "{LOAN_SELECT} WHERE l.returned_at IS NULL AND l.due_on < ?1
               AND (?2 IS NULL OR coalesce(p.department, p.delegation) = ?2)
               AND (?3 IS NULL OR l.due_on <= ?3)
             ORDER BY l.due_on, p.name, l.id"
        ),
        params![
            today.to_string(),
            query.unit,
            query
                .min_days
                .map(|d| (today - chrono::Days::new(d.into())).to_string())
        ],
        today,
    )
}

/// Counts for the home screen: on loan, overdue, holds ready to collect,
/// holds waiting.
pub(crate) fn circulation_counts(conn: &Connection, today: NaiveDate) -> Result<[i64; 4]> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT count(*) FROM loans WHERE returned_at IS NULL),
                (SELECT count(*) FROM loans WHERE returned_at IS NULL AND due_on < ?1),
                (SELECT count(*) FROM holds WHERE status = 'ready'),
                (SELECT count(*) FROM holds WHERE status = 'waiting')",
        )?
        .query_row([today.to_string()], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?])
        })?)
}

/// Records a new loan.
pub(crate) fn insert_loan(
    tx: &WriteTx<'_>,
    copy_id: i64,
    person_id: i64,
    due_on: NaiveDate,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO loans (copy_id, person_id, borrowed_at, due_on) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![copy_id, person_id, tx.now(), due_on.to_string()])?;
    Ok(tx.last_insert_rowid())
}

/// Ends a loan: returned, or the copy lost or damaged while out.
pub(crate) fn close_loan(
    tx: &WriteTx<'_>,
    id: i64,
    outcome: LoanOutcome,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE loans SET returned_at = ?2, outcome = ?3, note = coalesce(?4, note)
         WHERE id = ?1 AND returned_at IS NULL",
    )?
    .execute(params![id, tx.now(), outcome.code(), note])?;
    Ok(())
}

/// Gives a loan a new due date and counts the renewal.
pub(crate) fn renew_loan(tx: &WriteTx<'_>, id: i64, due_on: NaiveDate) -> Result<()> {
    tx.prepare_cached("UPDATE loans SET due_on = ?2, renewals = renewals + 1 WHERE id = ?1")?
        .execute(params![id, due_on.to_string()])?;
    Ok(())
}

// ---- holds ----

const HOLD_SELECT: &str = "SELECT h.*, t.title, t.call_number, p.name AS person_name,
        coalesce(p.department, p.delegation) AS person_unit, c.barcode AS copy_barcode,
        CASE WHEN h.status = 'waiting' THEN
            (SELECT count(*) FROM holds q WHERE q.title_id = h.title_id AND q.status = 'waiting'
               AND (q.placed_at < h.placed_at OR (q.placed_at = h.placed_at AND q.id <= h.id)))
        END AS position
    FROM holds h
    JOIN titles t ON t.id = h.title_id
    JOIN people p ON p.id = h.person_id
    LEFT JOIN copies c ON c.id = h.copy_id";

impl Hold {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Hold> {
        Ok(Hold {
            id: row.get("id")?,
            title_id: row.get("title_id")?,
            title: row.get("title")?,
            call_number: row.get("call_number")?,
            person_id: row.get("person_id")?,
            person_name: row.get("person_name")?,
            person_unit: row.get("person_unit")?,
            placed_at: row.get("placed_at")?,
            status: HoldStatus::from_code(&row.get::<_, String>("status")?),
            copy_id: row.get("copy_id")?,
            copy_barcode: row.get("copy_barcode")?,
            ready_at: row.get("ready_at")?,
            expires_on: row.get("expires_on")?,
            closed_at: row.get("closed_at")?,
            position: row.get("position")?,
        })
    }
}

fn query_holds(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<Hold>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, Hold::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One hold, or `not_found`.
pub(crate) fn get_hold(conn: &Connection, id: i64) -> Result<Hold> {
    query_holds(conn, &format!("{HOLD_SELECT} WHERE h.id = ?1"), [id])?
        .pop()
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的预约。")))
}

/// A person's open hold on a title, if any.
pub(crate) fn find_open_hold(
    conn: &Connection,
    title_id: i64,
    person_id: i64,
) -> Result<Option<Hold>> {
    Ok(query_holds(
        conn,
        &format!(
            "{HOLD_SELECT} WHERE h.title_id = ?1 AND h.person_id = ?2
               AND h.status IN ('waiting', 'ready')"
        ),
        [title_id, person_id],
    )?
    .pop())
}

/// The ready hold a copy is set aside for, if any.
pub(crate) fn find_ready_hold_by_copy(conn: &Connection, copy_id: i64) -> Result<Option<Hold>> {
    Ok(query_holds(
        conn,
        &format!("{HOLD_SELECT} WHERE h.copy_id = ?1 AND h.status = 'ready'"),
        [copy_id],
    )?
    .pop())
}

/// The first in a title's queue, if anyone waits.
pub(crate) fn first_waiting_hold(conn: &Connection, title_id: i64) -> Result<Option<Hold>> {
    Ok(query_holds(
        conn,
        &format!(
            "{HOLD_SELECT} WHERE h.title_id = ?1 AND h.status = 'waiting'
             ORDER BY h.placed_at, h.id LIMIT 1"
        ),
        [title_id],
    )?
    .pop())
}

/// A person's open holds (ready first, then by queue).
pub(crate) fn list_open_holds_by_person(conn: &Connection, person_id: i64) -> Result<Vec<Hold>> {
    query_holds(
        conn,
        &format!(
            "{HOLD_SELECT} WHERE h.person_id = ?1 AND h.status IN ('waiting', 'ready')
             ORDER BY h.status = 'waiting', h.placed_at"
        ),
        [person_id],
    )
}

/// A title's open holds, in queue order (the ones set aside first).
pub(crate) fn list_open_holds_by_title(conn: &Connection, title_id: i64) -> Result<Vec<Hold>> {
    query_holds(
        conn,
        &format!(
            "{HOLD_SELECT} WHERE h.title_id = ?1 AND h.status IN ('waiting', 'ready')
             ORDER BY h.status = 'waiting', h.placed_at, h.id"
        ),
        [title_id],
    )
}

/// Every hold set aside for collection, the soonest to expire first.
pub(crate) fn list_ready_holds(conn: &Connection) -> Result<Vec<Hold>> {
    query_holds(
        conn,
        &format!("{HOLD_SELECT} WHERE h.status = 'ready' ORDER BY h.expires_on, h.id"),
        [],
    )
}

/// Ready holds whose last day to collect is before `today`.
pub(crate) fn list_lapsed_holds(conn: &Connection, today: NaiveDate) -> Result<Vec<Hold>> {
    query_holds(
        conn,
        &format!(
            "{HOLD_SELECT} WHERE h.status = 'ready' AND h.expires_on < ?1 ORDER BY h.expires_on"
        ),
        [today.to_string()],
    )
}

/// A copy of the title on the shelf and not set aside for anyone.
pub(crate) fn find_free_copy(conn: &Connection, title_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id FROM copies c WHERE c.title_id = ?1 AND c.status = 'on_shelf'
               AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id AND h.status = 'ready')
             ORDER BY c.barcode LIMIT 1",
        )?
        .query_row([title_id], |r| r.get(0))
        .optional()?)
}

/// Titles with a hold waiting and a copy on the shelf that no hold has set
/// aside.
pub(crate) fn titles_waiting_with_free_copy(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT h.title_id FROM holds h
          WHERE h.status = 'waiting'
            AND EXISTS (SELECT 1 FROM copies c
                         WHERE c.title_id = h.title_id AND c.status = 'on_shelf'
                           AND NOT EXISTS (SELECT 1 FROM holds r
                                            WHERE r.copy_id = c.id AND r.status = 'ready'))",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Places a hold in the queue.
pub(crate) fn insert_hold(tx: &WriteTx<'_>, title_id: i64, person_id: i64) -> Result<i64> {
    tx.prepare_cached("INSERT INTO holds (title_id, person_id, placed_at) VALUES (?1, ?2, ?3)")?
        .execute(params![title_id, person_id, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

/// Sets a copy aside for a hold until `expires_on`.
pub(crate) fn set_hold_ready(
    tx: &WriteTx<'_>,
    id: i64,
    copy_id: i64,
    expires_on: NaiveDate,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE holds SET status = 'ready', copy_id = ?2, ready_at = ?3, expires_on = ?4
         WHERE id = ?1",
    )?
    .execute(params![id, copy_id, tx.now(), expires_on.to_string()])?;
    Ok(())
}

/// Puts a ready hold back in the queue (its copy went missing).
pub(crate) fn set_hold_waiting(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE holds SET status = 'waiting', copy_id = NULL, ready_at = NULL, expires_on = NULL
         WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

/// Ends a hold: collected, cancelled or expired.
pub(crate) fn close_hold(tx: &WriteTx<'_>, id: i64, status: HoldStatus) -> Result<()> {
    tx.prepare_cached("UPDATE holds SET status = ?2, closed_at = ?3 WHERE id = ?1")?
        .execute(params![id, status.code(), tx.now()])?;
    Ok(())
}

#[cfg(test)]
mod tests;
