//! All SQL about copies (册).

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::super::{Copy, CopyStatus};
use crate::db::WriteTx;
use crate::error::{Error, Result};

impl Copy {
    pub(in crate::catalog) fn from_row(row: &Row<'_>) -> rusqlite::Result<Copy> {
        Ok(Copy {
            id: row.get("id")?,
            title_id: row.get("title_id")?,
            barcode: row.get("barcode")?,
            location: row.get("location")?,
            status: CopyStatus::from_code(&row.get::<_, String>("status")?),
            acquired_on: row.get("acquired_on")?,
            note: row.get("note")?,
            volume: row.get("volume")?,
        })
    }
}

/// The copy with this (normalised) barcode.
pub(crate) fn copy_by_barcode(conn: &Connection, code: &str) -> Result<Option<Copy>> {
    Ok(conn
        .prepare_cached("SELECT * FROM copies WHERE barcode = ?1")?
        .query_row([code], Copy::from_row)
        .optional()?)
}

/// One copy, or `not_found`.
pub(crate) fn get_copy(conn: &Connection, id: i64) -> Result<Copy> {
    conn.prepare_cached("SELECT * FROM copies WHERE id = ?1")?
        .query_row([id], Copy::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的册。")))
}

/// Changes a copy's status, with a note when one is given.
pub(crate) fn set_copy_status(
    tx: &WriteTx<'_>,
    id: i64,
    status: CopyStatus,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE copies SET status = ?2, note = coalesce(?3, note), updated_at = ?4 WHERE id = ?1",
    )?
    .execute(params![id, status.code(), note, tx.now()])?;
    Ok(())
}

/// Why a copy may not be deleted (it has been used), in words; `None` when
/// it never was: never lent, not on anyone's hold, in no stocktake.
pub(crate) fn copy_in_use(conn: &Connection, id: i64) -> Result<Option<&'static str>> {
    Ok(conn
        .prepare_cached(
            "SELECT CASE
                 WHEN EXISTS (SELECT 1 FROM loans WHERE copy_id = ?1) THEN '借出过'
                 WHEN EXISTS (SELECT 1 FROM holds WHERE copy_id = ?1) THEN '为预约留过'
                 WHEN EXISTS (SELECT 1 FROM stocktake_items WHERE copy_id = ?1) THEN '已列入盘点'
                 WHEN EXISTS (SELECT 1 FROM issues WHERE bound_copy_id = ?1) THEN '是报刊合订本'
             END",
        )?
        .query_row([id], |r| r.get::<_, Option<String>>(0))?
        .map(|why| match why.as_str() {
            "借出过" => "借出过",
            "为预约留过" => "为预约留过",
            "是报刊合订本" => "是报刊合订本",
            _ => "已列入盘点",
        }))
}

/// Deletes a copy.
pub(crate) fn delete_copy_row(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM copies WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Puts copies on another shelf (empty: none).
pub(crate) fn set_location(tx: &WriteTx<'_>, id: i64, location: Option<&str>) -> Result<bool> {
    Ok(tx
        .prepare_cached(
            "UPDATE copies SET location = ?2, updated_at = ?3
             WHERE id = ?1 AND location IS NOT ?2",
        )?
        .execute(params![id, location, tx.now()])?
        > 0)
}

/// Why a title may not be deleted beyond its copies: someone holds it, it
/// was shared at a reading-share session, readers wrote about it, suggested
/// it or offered to share it, or it is on a reading list.
pub(crate) fn title_in_use(conn: &Connection, id: i64) -> Result<Option<&'static str>> {
    let uses: [(&str, &'static str); 8] = [
        (
            "SELECT EXISTS (SELECT 1 FROM serials WHERE title_id = ?1)",
            "是订阅的报刊（删除会连同订阅和各期记到一起删掉，请在报刊中停订）",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM order_lines WHERE title_id = ?1)",
            "是采购验收的书",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM holds WHERE title_id = ?1)",
            "有人预约过",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM share_presenters WHERE title_id = ?1)",
            "已用于读书分享",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM reading_notes WHERE title_id = ?1)",
            "有读者写了心得",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM reading_list_items WHERE title_id = ?1)",
            "已列入书单",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM suggestions WHERE title_id = ?1)",
            "是读者荐购的书",
        ),
        (
            "SELECT EXISTS (SELECT 1 FROM share_offers WHERE title_id = ?1)",
            "有读者报名分享这本书",
        ),
    ];
    for (sql, why) in uses {
        let used: bool = conn.prepare_cached(sql)?.query_row([id], |r| r.get(0))?;
        if used {
            return Ok(Some(why));
        }
    }
    Ok(None)
}

/// A title's copies, by barcode.
pub(crate) fn list_copies_by_title(conn: &Connection, title_id: i64) -> Result<Vec<Copy>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM copies WHERE title_id = ?1 ORDER BY barcode")?;
    let rows = stmt.query_map([title_id], Copy::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A title's name, or `not_found`.
pub(crate) fn title_name(conn: &Connection, title_id: i64) -> Result<String> {
    conn.prepare_cached("SELECT title FROM titles WHERE id = ?1")?
        .query_row([title_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {title_id} 的书目。")))
}

/// Whether a copy already has this (normalised) barcode.
pub(crate) fn barcode_taken(conn: &Connection, code: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM copies WHERE barcode = ?1")?
        .exists([code])?)
}

/// Stores a new copy on the shelf; its id.
pub(crate) fn insert_copy(
    tx: &WriteTx<'_>,
    title_id: i64,
    barcode: &str,
    location: Option<&str>,
    acquired_on: Option<&str>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO copies (title_id, barcode, location, acquired_on, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
    )?
    .execute(params![title_id, barcode, location, acquired_on, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

/// Says what part of a title a copy is (a bound volume's issues) and notes it.
pub(crate) fn describe_copy(
    tx: &WriteTx<'_>,
    id: i64,
    volume: Option<&str>,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached("UPDATE copies SET volume = ?2, note = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, volume, note, tx.now()])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::catalog::{NewCopies, NewTitle, create_title};
    use crate::db::Db;

    #[test]
    fn a_copy_is_stored_found_by_barcode_and_its_status_changed() {
        let db = Db::open_in_memory().unwrap();
        let t = create_title(
            &db,
            &Actor::Desktop,
            &NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &NewCopies::default(),
        )
        .unwrap();
        let id = db
            .write(&Actor::Desktop, |tx| {
                insert_copy(tx, t.id, "SX9", Some("社科区2架"), Some("2026-12-01"))
            })
            .unwrap();
        db.read(|c| {
            assert!(barcode_taken(c, "SX9")?);
            assert!(!barcode_taken(c, "SX8")?);
            let found = copy_by_barcode(c, "SX9")?.unwrap();
            assert_eq!((found.id, found.status), (id, CopyStatus::OnShelf));
            assert_eq!(found.location.as_deref(), Some("社科区2架"));
            assert_eq!(title_name(c, t.id)?, "乡土中国");
            assert_eq!(title_name(c, 999).unwrap_err().code(), "not_found");
            Ok(())
        })
        .unwrap();
        db.write(&Actor::Desktop, |tx| {
            set_copy_status(tx, id, CopyStatus::Lost, Some("读者遗失"))
        })
        .unwrap();
        db.read(|c| {
            let copy = get_copy(c, id)?;
            assert_eq!(
                (copy.status, copy.note.as_deref()),
                (CopyStatus::Lost, Some("读者遗失"))
            );
            assert_eq!(list_copies_by_title(c, t.id)?.len(), 1);
            Ok(())
        })
        .unwrap();
    }
}
