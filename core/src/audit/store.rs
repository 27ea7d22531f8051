//! All SQL of the audit log: appending an entry and reading the log back.

use rusqlite::{Connection, Row, params};

use super::{Actor, AuditEntry, AuditQuery};
use crate::error::Result;

impl AuditEntry {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let action: String = row.get("action")?;
        let entity: String = row.get("entity")?;
        Ok(AuditEntry {
            id: row.get("id")?,
            at: row.get("at")?,
            actor_kind: row.get("actor_kind")?,
            actor_name: row.get("actor_name")?,
            action_label: super::action_words(&action).to_owned(),
            entity_label: super::entity_words(&entity).to_owned(),
            action,
            entity,
            entity_id: row.get("entity_id")?,
            summary: row.get("summary")?,
            client: row.get("client")?,
        })
    }
}

/// Appends one entry; called by `WriteTx::audit` inside the action's transaction.
pub(crate) fn record(
    conn: &Connection,
    actor: &Actor,
    at: &str,
    action: super::Action,
    entity: crate::Entity,
    entity_id: Option<i64>,
    summary: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity, entity_id, summary, client)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        at,
        actor.kind(),
        actor.id(),
        actor.name(),
        action.code(),
        entity.code(),
        entity_id,
        summary,
        actor.client()
    ])?;
    Ok(())
}

/// The latest entries about one record, newest first.
#[cfg(test)]
pub(crate) fn list_entries_for(
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
#[cfg(test)]
pub(crate) fn list_entries(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?1")?;
    let rows = stmt.query_map([limit], AuditEntry::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A page of the log, newest first, with the total it was cut from.
pub(crate) fn search_entries(
    conn: &Connection,
    q: &AuditQuery,
) -> Result<crate::paging::Page<AuditEntry>> {
    let limit = q.limit.unwrap_or(100).clamp(1, 5000);
    let entities: Vec<&str> = q
        .area
        .map(|area| area.entities().map(crate::Entity::code).collect())
        .unwrap_or_default();
    let entities = serde_json::to_string(&entities).expect("strings serialise");
    let text = q
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| format!("%{}%", crate::text::like_escape(t)));
    let filter = "WHERE (?1 IS NULL OR actor_name = ?1)
           AND (?2 = '[]' OR entity IN (SELECT value FROM json_each(?2)))
           AND (?3 IS NULL OR date(at, '+8 hours') >= ?3)
           AND (?4 IS NULL OR date(at, '+8 hours') <= ?4)
           AND (?5 IS NULL OR summary LIKE ?5 ESCAPE '\\')";
    let args = params![q.actor, entities, q.from, q.to, text];
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM audit_log {filter}"))?
        .query_row(args, |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT * FROM audit_log {filter} ORDER BY id DESC LIMIT ?6 OFFSET ?7"
    ))?;
    let rows = stmt.query_map(
        params![q.actor, entities, q.from, q.to, text, limit, q.offset],
        AuditEntry::from_row,
    )?;
    Ok(crate::paging::Page {
        items: rows.collect::<rusqlite::Result<_>>()?,
        total: total as u64,
        offset: q.offset,
        limit,
        capped: false,
    })
}

/// The actors that appear in the log, for the filter.
pub(crate) fn list_actors(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT actor_name FROM audit_log ORDER BY actor_name COLLATE zh",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Action, Role};
    use crate::db::Db;

    #[test]
    fn entries_are_recorded_with_who_and_from_where_and_found_by_filters() {
        let db = Db::open_in_memory().unwrap();
        let remote = Actor::Operator {
            id: 7,
            name: "馆员甲".into(),
            role: Role::Librarian,
            client: Some("192.168.1.40".into()),
        };
        db.write(&Actor::System, |tx| {
            record(
                tx,
                &Actor::CommandLine,
                "2026-12-01T02:00:00Z",
                Action::Import,
                crate::Entity::Title,
                None,
                "导入书目 12 种",
            )?;
            record(
                tx,
                &remote,
                "2026-12-03T02:00:00Z",
                Action::Lend,
                crate::Entity::Loan,
                Some(5),
                "借出《乡土中国》",
            )
        })
        .unwrap();
        db.read(|c| {
            let latest = list_entries(c, 10)?;
            assert_eq!(latest.len(), 2);
            let lend = &latest[0];
            assert_eq!(
                (lend.action.as_str(), lend.action_label.as_str()),
                ("lend", "借出")
            );
            assert_eq!(lend.actor_name, "馆员甲");
            assert_eq!(lend.client.as_deref(), Some("192.168.1.40"));
            assert_eq!(latest[1].client, None);
            assert_eq!(list_entries_for(c, "loan", 5, 10)?.len(), 1);
            let by_day = search_entries(
                c,
                &AuditQuery {
                    from: Some("2026-12-02".into()),
                    ..Default::default()
                },
            )?;
            assert_eq!(by_day.total, 1);
            let by_words = search_entries(
                c,
                &AuditQuery {
                    text: Some("导入".into()),
                    area: Some(crate::Area::Catalogue),
                    ..Default::default()
                },
            )?;
            assert_eq!(by_words.items[0].actor_name, "命令行");
            assert_eq!(list_actors(c)?.len(), 2);
            Ok(())
        })
        .unwrap();
    }
}
