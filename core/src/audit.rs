//! The audit log (操作日志): who did what, when, to which record. Every write
//! appends here in its own transaction through [`crate::WriteTx::audit`].

use rusqlite::{Connection, Row, params};
use serde::Serialize;

use crate::error::Result;

/// Who performs an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The `shuxiang` command (office IT, scripts).
    CommandLine,
    /// The desktop app on a PC without operator accounts.
    Desktop,
    /// The app itself: scheduled backups, demo data.
    System,
    /// A logged-in operator.
    Operator { id: i64, name: String },
}

impl Actor {
    fn kind(&self) -> &'static str {
        match self {
            Actor::CommandLine => "cli",
            Actor::Desktop => "desktop",
            Actor::System => "system",
            Actor::Operator { .. } => "operator",
        }
    }

    /// The name shown in the log.
    pub fn name(&self) -> &str {
        match self {
            Actor::CommandLine => "命令行",
            Actor::Desktop => "本机用户",
            Actor::System => "系统",
            Actor::Operator { name, .. } => name,
        }
    }

    fn id(&self) -> Option<i64> {
        match self {
            Actor::Operator { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_kind: String,
    pub actor_name: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
}

impl AuditEntry {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(AuditEntry {
            id: row.get("id")?,
            at: row.get("at")?,
            actor_kind: row.get("actor_kind")?,
            actor_name: row.get("actor_name")?,
            action: row.get("action")?,
            entity: row.get("entity")?,
            entity_id: row.get("entity_id")?,
            summary: row.get("summary")?,
        })
    }
}

/// Appends one entry; called by `WriteTx::audit` inside the action's transaction.
pub(crate) fn record(
    conn: &Connection,
    actor: &Actor,
    at: &str,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    summary: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity, entity_id, summary)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![at, actor.kind(), actor.id(), actor.name(), action, entity, entity_id, summary])?;
    Ok(())
}

/// The latest entries about one record, newest first.
pub fn list_entries_for(
    conn: &Connection,
    entity: &str,
    entity_id: i64,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT * FROM audit_log WHERE entity = ?1 AND entity_id = ?2 ORDER BY id DESC LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![entity, entity_id, limit], AuditEntry::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest entries of the whole log, newest first.
pub fn list_entries(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], AuditEntry::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
