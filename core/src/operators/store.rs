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
            epoch: row.get("epoch")?,
        })
    }
}

pub(crate) fn list_operators(conn: &Connection) -> Result<Vec<Operator>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM operators ORDER BY active DESC, name COLLATE zh")?;
    let rows = stmt.query_map([], Operator::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn get_operator(conn: &Connection, id: i64) -> Result<Operator> {
    conn.prepare_cached("SELECT * FROM operators WHERE id = ?1")?
        .query_row([id], Operator::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的操作员。")))
}

/// The operator and their password hash, by name.
pub(crate) fn find_login(conn: &Connection, name: &str) -> Result<Option<(Operator, String)>> {
    Ok(conn
        .prepare_cached("SELECT * FROM operators WHERE name = ?1")?
        .query_row([name], |r| {
            Ok((Operator::from_row(r)?, r.get("password_hash")?))
        })
        .optional()?)
}

/// The operator with `id`, when there is one.
pub(crate) fn find_operator(conn: &Connection, id: i64) -> Result<Option<Operator>> {
    Ok(conn
        .prepare_cached("SELECT * FROM operators WHERE id = ?1")?
        .query_row([id], Operator::from_row)
        .optional()?)
}

/// Whether an active administrator exists (then login is required).
pub(crate) fn has_active_admin(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM operators WHERE role = 'admin' AND active = 1)",
        )?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn insert_operator(tx: &WriteTx<'_>, name: &str, role: Role, hash: &str) -> Result<i64> {
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

/// Sets an operator's role and active flag; a change of either ends the
/// operator's sessions (the epoch rises).
pub(crate) fn update_role_active(
    tx: &WriteTx<'_>,
    id: i64,
    role: Role,
    active: bool,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET role = ?2, active = ?3, updated_at = ?4,
                epoch = epoch + (role <> ?2 OR active <> ?3)
         WHERE id = ?1",
    )?
    .execute(params![id, role.code(), active, tx.now()])?;
    Ok(())
}

/// Sets a new password; the operator's sessions end (the epoch rises).
pub(crate) fn set_password(tx: &WriteTx<'_>, id: i64, hash: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE operators SET password_hash = ?2, updated_at = ?3, epoch = epoch + 1 WHERE id = ?1",
    )?
    .execute(params![id, hash, tx.now()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::db::Db;

    #[test]
    fn an_operator_is_stored_found_for_login_and_their_epoch_rises_with_each_change() {
        let db = Db::open_in_memory().unwrap();
        let sys = Actor::System;
        assert!(!db.read(|c| has_active_admin(c)).unwrap());
        let id = db
            .write(&sys, |tx| {
                insert_operator(tx, "馆员甲", Role::Admin, "hash-1")
            })
            .unwrap();
        assert!(db.read(|c| has_active_admin(c)).unwrap());
        let (found, hash) = db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap();
        assert_eq!((found.id, hash.as_str(), found.epoch), (id, "hash-1", 0));
        assert!(db.read(|c| find_login(c, "无此人")).unwrap().is_none());
        let epoch = |db: &Db| db.read(|c| get_operator(c, id)).unwrap().epoch;

        db.write(&sys, |tx| update_role_active(tx, id, Role::Admin, true))
            .unwrap();
        assert_eq!(epoch(&db), 0, "saving what was there ends nothing");
        db.write(&sys, |tx| set_password(tx, id, "hash-2")).unwrap();
        assert_eq!(epoch(&db), 1);
        db.write(&sys, |tx| update_role_active(tx, id, Role::Viewer, true))
            .unwrap();
        assert_eq!(epoch(&db), 2);
        db.write(&sys, |tx| update_role_active(tx, id, Role::Viewer, false))
            .unwrap();
        assert_eq!(epoch(&db), 3);
        let op = db.read(|c| get_operator(c, id)).unwrap();
        assert_eq!((op.role, op.active), (Role::Viewer, false));
        assert!(!db.read(|c| has_active_admin(c)).unwrap());
        assert_eq!(
            db.read(|c| find_login(c, "馆员甲")).unwrap().unwrap().1,
            "hash-2"
        );
        assert_eq!(db.read(|c| list_operators(c)).unwrap().len(), 1);
        assert!(db.read(|c| find_operator(c, 99)).unwrap().is_none());
        assert_eq!(
            db.read(|c| get_operator(c, 99)).unwrap_err().code(),
            "not_found"
        );
    }
}
