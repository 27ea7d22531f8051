//! All SQL about routing (传阅): a serial's list of stops and each issue's legs.

use rusqlite::{Connection, OptionalExtension, params};

use super::{Leg, Stop};
use crate::db::WriteTx;
use crate::error::Result;

pub(crate) fn list_id(conn: &Connection, title_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM routing_lists WHERE title_id = ?1")?
        .query_row([title_id], |r| r.get(0))
        .optional()?)
}

/// A serial's routing list's revision, 0 when it never had one.
pub(crate) fn revision(conn: &Connection, title_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT revision FROM routing_lists WHERE title_id = ?1")?
        .query_row([title_id], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

pub(crate) fn replace_stops(tx: &WriteTx<'_>, title_id: i64, stops: &[Stop]) -> Result<i64> {
    let id = match list_id(tx, title_id)? {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE routing_lists SET updated_at = ?2, revision = revision + 1 WHERE id = ?1",
            )?
            .execute(params![id, tx.now()])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO routing_lists (title_id, created_at, updated_at) VALUES (?1, ?2, ?2)",
            )?
            .execute(params![title_id, tx.now()])?;
            tx.last_insert_rowid()
        }
    };
    tx.prepare_cached("DELETE FROM routing_stops WHERE list_id = ?1")?
        .execute([id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO routing_stops (list_id, position, person_id, department, days)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, s) in stops.iter().enumerate() {
        stmt.execute(params![id, i as i64 + 1, s.person_id, s.department, s.days])?;
    }
    Ok(id)
}

pub(crate) fn stops(conn: &Connection, title_id: i64) -> Result<Vec<Stop>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.person_id, p.name, s.department, s.days
           FROM routing_stops s JOIN routing_lists l ON l.id = s.list_id
           LEFT JOIN people p ON p.id = s.person_id
          WHERE l.title_id = ?1 ORDER BY s.position",
    )?;
    let rows = stmt.query_map([title_id], |r| {
        Ok(Stop {
            person_id: r.get(0)?,
            name: r.get(1)?,
            department: r.get(2)?,
            days: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const LEG_SELECT: &str = "SELECT g.id, g.issue_id, g.position, g.person_id, p.name, g.department,
        g.days, g.given_on, g.due_on, g.returned_on, i.label, t.title
    FROM routing_legs g
    JOIN issues i ON i.id = g.issue_id
    JOIN subscriptions u ON u.id = i.subscription_id
    JOIN titles t ON t.id = u.title_id
    LEFT JOIN people p ON p.id = g.person_id";

fn leg(r: &rusqlite::Row<'_>) -> rusqlite::Result<Leg> {
    Ok(Leg {
        id: r.get(0)?,
        issue_id: r.get(1)?,
        position: r.get(2)?,
        person_id: r.get(3)?,
        name: r.get(4)?,
        department: r.get(5)?,
        days: r.get(6)?,
        given_on: r.get(7)?,
        due_on: r.get(8)?,
        returned_on: r.get(9)?,
        label: r.get(10)?,
        title: r.get(11)?,
    })
}

pub(crate) fn insert_leg(
    tx: &WriteTx<'_>,
    issue_id: i64,
    position: i64,
    stop: &Stop,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO routing_legs (issue_id, position, person_id, department, days)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        issue_id,
        position,
        stop.person_id,
        stop.department,
        stop.days
    ])?;
    Ok(())
}

pub(crate) fn legs_of(conn: &Connection, issue_id: i64) -> Result<Vec<Leg>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LEG_SELECT} WHERE g.issue_id = ?1 ORDER BY g.position"
    ))?;
    let rows = stmt.query_map([issue_id], leg)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn give(tx: &WriteTx<'_>, leg_id: i64, on: &str, due: &str) -> Result<()> {
    tx.prepare_cached("UPDATE routing_legs SET given_on = ?2, due_on = ?3 WHERE id = ?1")?
        .execute(params![leg_id, on, due])?;
    Ok(())
}

pub(crate) fn take_back(tx: &WriteTx<'_>, leg_id: i64, on: &str) -> Result<()> {
    tx.prepare_cached("UPDATE routing_legs SET returned_on = ?2 WHERE id = ?1")?
        .execute(params![leg_id, on])?;
    Ok(())
}

/// Legs given and not back whose due day is before `on`.
pub(crate) fn overdue(conn: &Connection, on: &str) -> Result<Vec<Leg>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LEG_SELECT} WHERE g.given_on IS NOT NULL AND g.returned_on IS NULL AND g.due_on < ?1
          ORDER BY g.due_on, g.id"
    ))?;
    let rows = stmt.query_map([on], leg)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's legs given and not yet back (their 传阅).
pub(crate) fn with_person(conn: &Connection, person_id: i64) -> Result<Vec<Leg>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{LEG_SELECT} WHERE g.person_id = ?1 AND g.given_on IS NOT NULL AND g.returned_on IS NULL
          ORDER BY g.due_on"
    ))?;
    let rows = stmt.query_map([person_id], leg)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
