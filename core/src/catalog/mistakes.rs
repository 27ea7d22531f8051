//! Undoing what was entered by mistake, one record at a time, and moving
//! copies between shelves (调架): a copy never lent deleted, a title none of
//! whose copies was ever lent deleted with them, copies put on another
//! shelf one or many at once. Each is one action in the log; what has been
//! used is refused, saying how.

use super::store::copies as store;
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};

/// Deletes copy `id`, entered by mistake: refused once it has been lent,
/// set aside for a hold or counted in a stocktake (mark it 剔除 instead).
pub fn delete_copy(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    db.write(actor, |tx| {
        let copy = store::get_copy(tx, id)?;
        if let Some(why) = store::copy_in_use(tx, id)? {
            return Err(Error::conflict(format!(
                "{} {why}，不能删除（会丢掉它的记录）。不再用的册请标为“剔除”。",
                copy.barcode
            )));
        }
        let title = super::get_title(tx, copy.title_id)?;
        store::delete_copy_row(tx, id)?;
        tx.audit(
            crate::Action::Delete,
            crate::Entity::Copy,
            Some(id),
            &format!("删除册 {}《{}》", copy.barcode, title.title),
        )
    })
}

/// Deletes title `id` with its copies, entered by mistake: refused when a
/// copy has been used, someone holds it or it was shared at a session.
pub fn delete_title(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    db.write(actor, |tx| {
        let title = super::get_title(tx, id)?;
        for copy in store::list_copies_by_title(tx, id)? {
            if let Some(why) = store::copy_in_use(tx, copy.id)? {
                return Err(Error::conflict(format!(
                    "《{}》的册 {} {why}，不能删除这个书目。不再用的册请标为“剔除”。",
                    title.title, copy.barcode
                )));
            }
        }
        if let Some(why) = store::title_in_use(tx, id)? {
            return Err(Error::conflict(format!(
                "《{}》{why}，不能删除。",
                title.title
            )));
        }
        super::remove_title_row(tx, id)?;
        tx.audit(
            crate::Action::Delete,
            crate::Entity::Title,
            Some(id),
            &format!(
                "删除书目《{}》{}",
                title.title,
                title
                    .call_number
                    .as_deref()
                    .map(|c| format!("（{c}）"))
                    .unwrap_or_default()
            ),
        )
    })
}

/// Puts copies `ids` on shelf `location` (调架; empty clears it), as one
/// action; how many moved.
pub fn move_copies(db: &Db, actor: &Actor, ids: &[i64], location: &str) -> Result<usize> {
    let location = crate::text::checked_text("location", "馆藏位置", Some(location), 60, false)?;
    if ids.is_empty() {
        return Err(Error::invalid("copies", "请先选择要调架的册。"));
    }
    db.write(actor, |tx| {
        let mut moved = 0;
        for &id in ids {
            store::get_copy(tx, id)?;
            moved += usize::from(store::set_location(tx, id, location.as_deref())?);
        }
        if moved == 0 {
            return Ok(0);
        }
        tx.audit_action(
            crate::Action::Update,
            crate::Entity::Copy,
            &format!(
                "调架：{moved} 册移到 {}",
                location.as_deref().unwrap_or("（未定位置）")
            ),
        )?;
        Ok(moved)
    })
}
