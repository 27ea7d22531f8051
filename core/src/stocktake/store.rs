//! All SQL about stocktakes.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Stocktake, StocktakeItem, StocktakeStatus};
use crate::db::WriteTx;
use crate::error::{Error, Result};

impl Stocktake {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Stocktake> {
        let locations: Option<String> = row.get("locations")?;
        Ok(Stocktake {
            id: row.get("id")?,
            name: row.get("name")?,
            locations: locations.and_then(|l| serde_json::from_str(&l).ok()),
            status: StocktakeStatus::from_code(&row.get::<_, String>("status")?),
            started_at: row.get("started_at")?,
            finished_at: row.get("finished_at")?,
            marked_lost: row.get("marked_lost")?,
            expected: row.get("expected")?,
            seen: row.get("seen")?,
        })
    }
}

const STOCKTAKE_SELECT: &str =
    "SELECT s.*, s.expected_count AS expected, s.seen_count AS seen FROM stocktakes s";

/// One stocktake, or `not_found`.
pub(crate) fn get_stocktake(conn: &Connection, id: i64) -> Result<Stocktake> {
    conn.prepare_cached(&format!("{STOCKTAKE_SELECT} WHERE s.id = ?1"))?
        .query_row([id], Stocktake::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的盘点。")))
}

/// Every stocktake, the latest first.
pub(crate) fn list_stocktakes(conn: &Connection) -> Result<Vec<Stocktake>> {
    let mut stmt = conn.prepare_cached(&format!("{STOCKTAKE_SELECT} ORDER BY s.id DESC"))?;
    let rows = stmt.query_map([], Stocktake::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The stocktake in progress, if one is.
pub(crate) fn find_open_stocktake(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM stocktakes WHERE status = 'open' ORDER BY id LIMIT 1")?
        .query_row([], |r| r.get(0))
        .optional()?)
}

/// Starts a stocktake and freezes the copies it expects: every copy in the
/// chosen locations (all when `locations` is `None`) that is not lost or
/// withdrawn.
pub(crate) fn insert_stocktake(
    tx: &WriteTx<'_>,
    name: &str,
    locations: Option<&[String]>,
) -> Result<i64> {
    let json = locations.map(|l| serde_json::to_string(l).expect("strings serialise"));
    tx.execute(
        "INSERT INTO stocktakes (name, locations, started_at) VALUES (?1, ?2, ?3)",
        params![name, json, tx.now()],
    )?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO stocktake_items (stocktake_id, copy_id, expected, expected_location, expected_status)
         SELECT ?1, c.id, 1, c.location, c.status FROM copies c
         WHERE c.status NOT IN ('lost', 'withdrawn')
           AND (?2 IS NULL OR c.location IN (SELECT value FROM json_each(?2)))",
        params![id, json],
    )?;
    tx.execute(
        "UPDATE stocktakes SET expected_count = ?2 WHERE id = ?1",
        params![id, tx.changes() as i64],
    )?;
    Ok(id)
}

/// Sets a stocktake's status (and when it ended).
pub(crate) fn set_stocktake_status(
    tx: &WriteTx<'_>,
    id: i64,
    status: StocktakeStatus,
    marked_lost: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE stocktakes SET status = ?2, finished_at = ?3, marked_lost = ?4 WHERE id = ?1",
        params![id, status.code(), tx.now(), marked_lost],
    )?;
    Ok(())
}

/// Whether a copy is in a stocktake (expected or already scanned), and seen.
pub(crate) fn find_item(
    conn: &Connection,
    stocktake_id: i64,
    copy_id: i64,
) -> Result<Option<(bool, bool)>> {
    Ok(conn
        .prepare_cached(
            "SELECT expected, seen_at IS NOT NULL FROM stocktake_items
             WHERE stocktake_id = ?1 AND copy_id = ?2",
        )?
        .query_row([stocktake_id, copy_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Marks a copy seen on a shelf, adding it as unexpected when it was not
/// frozen into the stocktake.
pub(crate) fn record_seen(
    tx: &WriteTx<'_>,
    stocktake_id: i64,
    copy_id: i64,
    shelf: Option<&str>,
    status_now: &str,
) -> Result<()> {
    let seen_before = find_item(tx, stocktake_id, copy_id)?.is_some_and(|(_, seen)| seen);
    let written = tx
        .prepare_cached(
            "INSERT INTO stocktake_items
             (stocktake_id, copy_id, expected, expected_location, expected_status,
              seen_at, seen_location, status_when_seen)
         SELECT ?1, c.id, 0, c.location, c.status, ?3, ?4, ?5 FROM copies c WHERE c.id = ?2
         ON CONFLICT (stocktake_id, copy_id) DO UPDATE SET
             seen_at = excluded.seen_at, seen_location = excluded.seen_location,
             status_when_seen = excluded.status_when_seen",
        )?
        .execute(params![stocktake_id, copy_id, tx.now(), shelf, status_now])?;
    if written > 0 && !seen_before {
        tx.prepare_cached("UPDATE stocktakes SET seen_count = seen_count + 1 WHERE id = ?1")?
            .execute([stocktake_id])?;
    }
    Ok(())
}

/// Records a scanned barcode the catalogue does not know.
pub(crate) fn record_unknown(
    tx: &WriteTx<'_>,
    stocktake_id: i64,
    barcode: &str,
    shelf: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO stocktake_unknown (stocktake_id, barcode, location, scanned_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![stocktake_id, barcode, shelf, tx.now()])?;
    Ok(())
}

/// Every item of a stocktake with its copy's present state.
pub(crate) fn list_items(conn: &Connection, stocktake_id: i64) -> Result<Vec<StocktakeItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.*, c.barcode, c.status AS status_now, c.location AS location_now,
                t.id AS title_id, t.title, t.call_number
         FROM stocktake_items i
         JOIN copies c ON c.id = i.copy_id
         JOIN titles t ON t.id = c.title_id
         WHERE i.stocktake_id = ?1
         ORDER BY coalesce(i.expected_location, '') COLLATE shelf_order, t.call_sort, c.barcode",
    )?;
    let rows = stmt.query_map([stocktake_id], |r| {
        Ok(StocktakeItem {
            copy_id: r.get("copy_id")?,
            barcode: r.get("barcode")?,
            title_id: r.get("title_id")?,
            title: r.get("title")?,
            call_number: r.get("call_number")?,
            expected: r.get("expected")?,
            expected_location: r.get("expected_location")?,
            expected_status: r.get("expected_status")?,
            seen_at: r.get("seen_at")?,
            seen_location: r.get("seen_location")?,
            status_when_seen: r.get("status_when_seen")?,
            status_now: r.get("status_now")?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The unknown barcodes scanned in a stocktake: (barcode, shelf).
pub(crate) fn list_unknown(
    conn: &Connection,
    stocktake_id: i64,
) -> Result<Vec<(String, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT barcode, location FROM stocktake_unknown WHERE stocktake_id = ?1 ORDER BY scanned_at, barcode",
    )?;
    let rows = stmt.query_map([stocktake_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The shelf locations copies are filed under, with how many copies each.
pub(crate) fn list_locations(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT location, count(*) FROM copies
         WHERE location IS NOT NULL AND status NOT IN ('lost', 'withdrawn')
         GROUP BY location ORDER BY location COLLATE shelf_order",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The barcodes a stocktake expects, with the shelf each is filed under and
/// its status at the start, in shelf order.
pub(crate) fn list_expected(
    conn: &Connection,
    stocktake_id: i64,
) -> Result<Vec<(String, Option<String>, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.barcode, i.expected_location, i.expected_status
         FROM stocktake_items i JOIN copies c ON c.id = i.copy_id
         WHERE i.stocktake_id = ?1 AND i.expected = 1
         ORDER BY i.expected_location COLLATE shelf_order, c.barcode",
    )?;
    let rows = stmt.query_map([stocktake_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::catalog::{NewCopies, NewTitle, create_title};
    use crate::db::Db;

    #[test]
    fn a_stocktake_freezes_what_it_expects_and_counts_each_copy_seen_once() {
        let db = Db::open_in_memory().unwrap();
        let t = create_title(
            &db,
            &Actor::Desktop,
            &NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &NewCopies {
                barcodes: vec!["SX1".into(), "SX2".into()],
                location: Some("社科区2架".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let copies = db
            .read(|c| crate::catalog::list_copies_by_title(c, t.id))
            .unwrap();
        let id = db
            .write(&Actor::System, |tx| {
                insert_stocktake(tx, "年终盘点", Some(&["社科区2架".to_owned()]))
            })
            .unwrap();
        db.read(|c| {
            assert_eq!(find_open_stocktake(c)?, Some(id));
            assert_eq!(get_stocktake(c, id)?.expected, 2);
            assert_eq!(list_expected(c, id)?.len(), 2);
            assert_eq!(list_locations(c)?, [("社科区2架".to_owned(), 2)]);
            Ok(())
        })
        .unwrap();
        // Seen twice, counted once; an unknown barcode kept apart.
        db.write(&Actor::System, |tx| {
            record_seen(tx, id, copies[0].id, Some("社科区3架"), "on_shelf")?;
            record_seen(tx, id, copies[0].id, Some("社科区3架"), "on_shelf")?;
            record_unknown(tx, id, "XX999", Some("社科区3架"))
        })
        .unwrap();
        db.read(|c| {
            assert_eq!(get_stocktake(c, id)?.seen, 1);
            assert_eq!(find_item(c, id, copies[0].id)?, Some((true, true)));
            assert_eq!(find_item(c, id, copies[1].id)?, Some((true, false)));
            let items = list_items(c, id)?;
            let moved = items.iter().find(|i| i.copy_id == copies[0].id).unwrap();
            assert_eq!(moved.seen_location.as_deref(), Some("社科区3架"));
            assert_eq!(
                list_unknown(c, id)?,
                [("XX999".to_owned(), Some("社科区3架".to_owned()))]
            );
            Ok(())
        })
        .unwrap();
        db.write(&Actor::System, |tx| {
            set_stocktake_status(tx, id, StocktakeStatus::Finished, 1)
        })
        .unwrap();
        db.read(|c| {
            assert_eq!(find_open_stocktake(c)?, None);
            let done = get_stocktake(c, id)?;
            assert_eq!(
                (done.status, done.marked_lost),
                (StocktakeStatus::Finished, 1)
            );
            assert_eq!(list_stocktakes(c)?.len(), 1);
            Ok(())
        })
        .unwrap();
    }
}
