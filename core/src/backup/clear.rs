//! Starting afresh after trying the demo data: everything the reading room
//! recorded goes, in one action, after a backup that can bring it back.

use std::path::PathBuf;

use serde::Serialize;

use super::store::{data_counts, delete_all_data};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::Result;

/// What clearing the data removed, and where the data as it was is kept.
#[derive(Debug, Clone, Serialize)]
pub struct ClearReport {
    pub titles: i64,
    pub copies: i64,
    pub people: i64,
    /// The backup made first (none for a database in memory).
    pub saved_to: Option<PathBuf>,
}

/// Deletes the catalogue, people, lending, stocktakes, venues, reading-share
/// sessions and training, as one action of `actor` (who must be allowed to
/// restore), after backing the data up. Settings, loan rules, open days,
/// operators and the log stay; the welcome page and copy numbering start
/// again as on the first day.
pub fn clear_all_data(db: &Db, actor: &Actor) -> Result<ClearReport> {
    actor.require(crate::Entity::Database)?;
    let (titles, copies, people) = db.read(|tx| data_counts(tx))?;
    let saved_to = super::backup_named(db, "清空前")?.map(|b| b.path);
    db.write(actor, |tx| {
        delete_all_data(tx)?;
        let kept = saved_to
            .as_ref()
            .map(|p| format!("，原数据已备份到 {}", p.display()))
            .unwrap_or_default();
        tx.audit_action(
            crate::Action::Clear,
            crate::Entity::Database,
            &format!(
                "清空数据，重新开始：删除书目 {titles} 种、{copies} 册，人员 {people} 人{kept}"
            ),
        )
    })?;
    Ok(ClearReport {
        titles,
        copies,
        people,
        saved_to,
    })
}
