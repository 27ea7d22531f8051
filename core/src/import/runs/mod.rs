//! What each import brought, and undoing it (撤销这次导入) as one action:
//! the titles, copies and people it made are removed, the copies it added to
//! titles already held are taken back, the people it updated get their
//! fields back — while nothing it brought has been lent, held, signed in,
//! enrolled or edited since. Otherwise the refusal names what blocks it, so
//! the librarian can see why and what to do instead (delete one record, or
//! restore the backup made before the import).

mod store;

use serde::Serialize;

use crate::audit::Actor;
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};

/// One import as the list of imports shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportRun {
    pub id: i64,
    /// `books` or `people`.
    pub kind: String,
    pub file_name: String,
    /// When, UTC RFC 3339.
    pub at: String,
    pub actor_name: String,
    pub inserted: i64,
    pub updated: i64,
    /// When it was undone, if it was.
    pub undone_at: Option<String>,
}

/// What undoing an import did.
#[derive(Debug, Clone, Serialize)]
pub struct UndoReport {
    pub titles: usize,
    pub copies: usize,
    pub people_removed: usize,
    pub people_restored: usize,
}

/// A person's fields as they were before an import updated them.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub(crate) struct PersonFields {
    /// The kind's stored code.
    pub kind: String,
    pub name: String,
    pub department: Option<String>,
    pub delegation: Option<String>,
    pub professional_group: Option<String>,
    pub card_barcode: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
}

/// The most blockers a refusal lists (then "… and N more").
const SHOWN: usize = 8;

/// Every import, newest first.
pub fn import_runs(db: &Db) -> Result<Vec<ImportRun>> {
    db.read(|c| store::list_runs(c))
}

/// Starts recording an import inside its action.
pub(crate) fn begin(tx: &mut WriteTx<'_>, entity: crate::Entity, file_name: &str) -> Result<()> {
    let kind = match entity {
        crate::Entity::Person => "people",
        crate::Entity::Title => "books",
        // A subscription list is not undone as a batch (its rows may add
        // to serials already held): it is not recorded here.
        _ => return Ok(()),
    };
    let before = store::max_ids(tx)?;
    let run = store::insert_run(tx, kind, file_name, before)?;
    tx.set_import_run(run);
    Ok(())
}

/// Closes the record of an import that was kept: what it made, by the ids
/// past those there before.
pub(crate) fn finish(tx: &WriteTx<'_>, inserted: usize, updated: usize) -> Result<Option<i64>> {
    let Some(run) = tx.import_run() else {
        return Ok(None);
    };
    store::close_run(tx, run, inserted as i64, updated as i64)?;
    Ok(Some(run))
}

/// Keeps a person's fields as they were before the import updates them.
pub(crate) fn keep_before(
    tx: &WriteTx<'_>,
    person_id: i64,
    revision: i64,
    fields: &PersonFields,
) -> Result<()> {
    if let Some(run) = tx.import_run() {
        store::keep_person_before(tx, run, person_id, revision, fields)?;
    }
    Ok(())
}

/// Undoes import `run_id` as one action, or refuses, naming what blocks it.
pub fn undo_import(db: &Db, actor: &Actor, run_id: i64) -> Result<UndoReport> {
    db.write(actor, |tx| {
        let run = store::get_run(tx, run_id)?;
        let entity = if run.kind == "people" {
            crate::Entity::Person
        } else {
            crate::Entity::Title
        };
        tx.actor().require(entity)?;
        if let Some(at) = &run.undone_at {
            return Err(Error::conflict(format!(
                "这次导入已在 {} 撤销过。",
                crate::clock::office_date(at).map_or(at.clone(), |d| d.to_string())
            )));
        }
        let blockers = store::blockers(tx, run_id)?;
        if !blockers.is_empty() {
            let shown: Vec<&str> = blockers.iter().take(SHOWN).map(String::as_str).collect();
            let more = blockers.len().saturating_sub(SHOWN);
            return Err(Error::conflict(format!(
                "这次导入带来的记录此后已被使用或修改，不能整批撤销：{}{}。可以逐条删除没用过的记录，或用导入前自动做的备份恢复。",
                shown.join("；"),
                if more > 0 {
                    format!("；另有 {more} 处")
                } else {
                    String::new()
                }
            )));
        }
        let report = store::undo(tx, run_id, tx.actor().sees_phones())?;
        tx.audit(
            crate::Action::Delete,
            entity,
            None,
            &format!(
                "撤销导入“{}”（{}）：删除书目 {}、册 {}、人员 {}，恢复人员 {}",
                run.file_name,
                crate::clock::office_date(&run.at).map_or(run.at.clone(), |d| d.to_string()),
                report.titles,
                report.copies,
                report.people_removed,
                report.people_restored
            ),
        )?;
        Ok(report)
    })
}
