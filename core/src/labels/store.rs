//! The SQL that gathers copies for labels.

use rusqlite::{Connection, params_from_iter, types::Value};

use super::LabelSelection;
use crate::error::Result;

pub(super) struct LabelRow {
    pub copy_id: i64,
    pub barcode: String,
    pub title: String,
    pub call_number: Option<String>,
    pub location: Option<String>,
}

/// The chosen copies (by id, by title, by barcode range), in shelf order.
pub(super) fn list_label_copies(
    conn: &Connection,
    selection: &LabelSelection,
    range: Option<&(String, String)>,
) -> Result<Vec<LabelRow>> {
    let mut wheres = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let ids = serde_json::to_string(&selection.copy_ids).expect("ids serialise");
    if !selection.copy_ids.is_empty() {
        args.push(Value::Text(ids));
        wheres.push(format!(
            "c.id IN (SELECT value FROM json_each(?{}))",
            args.len()
        ));
    }
    if !selection.title_ids.is_empty() {
        args.push(Value::Text(
            serde_json::to_string(&selection.title_ids).expect("ids serialise"),
        ));
        wheres.push(format!(
            "c.title_id IN (SELECT value FROM json_each(?{}))",
            args.len()
        ));
    }
    if let Some((from, to)) = range {
        args.push(Value::Text(from.clone()));
        args.push(Value::Text(to.clone()));
        wheres.push(format!(
            "(c.barcode BETWEEN ?{} AND ?{} AND length(c.barcode) = length(?{}))",
            args.len() - 1,
            args.len(),
            args.len()
        ));
    }
    if wheres.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT c.id, c.barcode, t.title, t.call_number, c.location
         FROM copies c JOIN titles t ON t.id = c.title_id
         WHERE c.status <> 'withdrawn' AND ({})
         ORDER BY t.call_sort, c.barcode
         LIMIT {}",
        wheres.join(" OR "),
        super::MAX_LABELS + 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), |r| {
        Ok(LabelRow {
            copy_id: r.get(0)?,
            barcode: r.get(1)?,
            title: r.get(2)?,
            call_number: r.get(3)?,
            location: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::catalog::{NewCopies, NewTitle, create_title};
    use crate::db::Db;

    #[test]
    fn copies_are_chosen_by_id_title_or_barcode_range_in_shelf_order() {
        let db = Db::open_in_memory().unwrap();
        let shelve = |title: &str, call: &str, barcodes: &[&str]| {
            create_title(
                &db,
                &Actor::Desktop,
                &NewTitle {
                    title: title.into(),
                    call_number: Some(call.into()),
                    ..Default::default()
                },
                &NewCopies {
                    barcodes: barcodes.iter().map(|b| b.to_string()).collect(),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        let later = shelve("万历十五年", "K248/1", &["SX000003"]);
        let first = shelve("乡土中国", "C912/1", &["SX000001", "SX000002"]);
        let none = LabelSelection {
            copy_ids: vec![],
            title_ids: vec![],
            barcode_from: None,
            barcode_to: None,
        };
        db.read(|c| {
            assert!(list_label_copies(c, &none, None)?.is_empty());
            let by_title = LabelSelection {
                title_ids: vec![later.id, first.id],
                ..none.clone()
            };
            let rows = list_label_copies(c, &by_title, None)?;
            let codes: Vec<&str> = rows.iter().map(|r| r.barcode.as_str()).collect();
            assert_eq!(codes, ["SX000001", "SX000002", "SX000003"], "shelf order");
            let range = ("SX000002".to_owned(), "SX000003".to_owned());
            let rows = list_label_copies(c, &none, Some(&range))?;
            assert_eq!(rows.len(), 2);
            assert_eq!(rows[0].title, "乡土中国");
            Ok(())
        })
        .unwrap();
    }
}
