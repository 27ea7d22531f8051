//! All SQL about operators.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::Operator;
use crate::audit::Role;
use crate::db::WriteTx;
use crate::error::{Error, Result};

impl Operator {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Operator> {
        Ok(Operator {
            id: row.get("id")?,
            name: row.get("name")?,
            role: Role::from_code(&row.get::<_, String>("role")?).unwrap_or(Role::Viewer),
            active: row.get("active")?,
            locked_until: row.get("locked_until")?,
        })
    }
}

pub fn list_operators(conn: &Connection) -> Result<Vec<Operator>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM operators ORDER BY active DESC, name COLLATE zh")?;
    let rows = stmt.query_map([], Operator::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_operator(conn: &Connection, id: i64) -> Result<Operator> {
    conn.prepare_cached("SELECT * FROM operators WHERE id = ?1")?
        .query_row([id], Operator::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的操作员。")))
}

/// The operator and their password hash and failed attempts, by name.
pub fn find_login(conn: &Connection, name: &str) -> Result<Option<(Operator, String, i64)>> {
    Ok(conn
        .prepare_cached("SELECT * FROM operators WHERE name = ?1")?
        .query_row([name], |r| {
            Ok((
                Operator::from_row(r)?,
                r.get("password_hash")?,
                r.get("failed_attempts")?,
            ))
        })
        .optional()?)
}

/// Whether an active administrator exists (then login is required).
pub fn has_active_admin(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM operators WHERE role = 'admin' AND active = 1)",
        )?
        .query_row([], |r| r.get(0))?)
}

pub fn insert_operator(tx: &WriteTx<'_>, name: &str, role: Role, hash: &str) -> Result<i64> {
    let taken: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM operators WHERE name = ?1)")?
        .query_row([name], |r| r.get(0))?;
    if taken {
        return Err(Error::conflict_on(
            "name",
            format!("已有名为“{name}”的操作员。"),
        ));
    }
    tx.prepare_cached(
        "INSERT INTO operators (name, role, password_hash, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![name, role.code(), hash, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

pub fn update_role_active(tx: &WriteTx<'_>, id: i64, role: Role, active: bool) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET role = ?2, active = ?3, updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, role.code(), active, tx.now()])?;
    Ok(())
}

pub fn set_password(tx: &WriteTx<'_>, id: i64, hash: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET password_hash = ?2, failed_attempts = 0, locked_until = NULL, updated_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![id, hash, tx.now()])?;
    Ok(())
}

pub fn record_failure(
    tx: &WriteTx<'_>,
    id: i64,
    attempts: i64,
    locked_until: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET failed_attempts = ?2, locked_until = ?3 WHERE id = ?1",
    )?
    .execute(params![id, attempts, locked_until])?;
    Ok(())
}

pub fn record_success(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET failed_attempts = 0, locked_until = NULL WHERE id = ?1",
    )?
    .execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::db::Db;

    #[test]
    fn an_operator_is_stored_found_for_login_and_locked_and_unlocked() {
        let db = Db::open_in_memory().unwrap();
        let sys = Actor::System;
        assert!(!db.read(|c| has_active_admin(c)).unwrap());
        let id = db
            .write(&sys, |tx| {
                insert_operator(tx, "馆员甲", Role::Admin, "hash-1")
            })
            .unwrap();
        assert!(db.read(|c| has_active_admin(c)).unwrap());
        let (found, hash, failures) = db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap();
        assert_eq!((found.id, hash.as_str(), failures), (id, "hash-1", 0));
        assert!(db.read(|c| find_login(c, "无此人")).unwrap().is_none());

        db.write(&sys, |tx| {
            record_failure(tx, id, 3, Some("2026-12-04T03:00:00Z"))
        })
        .unwrap();
        let (locked, _, failures) = db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap();
        assert_eq!(failures, 3);
        assert_eq!(locked.locked_until.as_deref(), Some("2026-12-04T03:00:00Z"));
        db.write(&sys, |tx| record_success(tx, id)).unwrap();
        let (open, _, failures) = db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap();
        assert_eq!((failures, open.locked_until), (0, None));

        db.write(&sys, |tx| {
            set_password(tx, id, "hash-2")?;
            update_role_active(tx, id, Role::Viewer, false)
        })
        .unwrap();
        let op = db.read(|c| get_operator(c, id)).unwrap();
        assert_eq!((op.role, op.active), (Role::Viewer, false));
        assert!(!db.read(|c| has_active_admin(c)).unwrap());
        assert_eq!(
            db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap().1,
            "hash-2"
        );
        assert_eq!(db.read(|c| list_operators(c)).unwrap().len(), 1);
        assert_eq!(
            db.read(|c| get_operator(c, 99)).unwrap_err().code(),
            "not_found"
        );
    }
}
