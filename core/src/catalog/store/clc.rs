//! All SQL about `clc_classes`, the seeded Chinese Library Classification.

use rusqlite::Connection;

use crate::error::Result;

/// One stored class: its code, its parent's, its name.
pub struct ClassRow {
    pub code: String,
    pub parent: Option<String>,
    pub name: String,
}

/// Every class of the table.
pub(crate) fn all_classes(conn: &Connection) -> Result<Vec<ClassRow>> {
    let mut stmt = conn.prepare_cached("SELECT code, parent, name FROM clc_classes")?;
    let rows = stmt.query_map([], |r| {
        Ok(ClassRow {
            code: r.get(0)?,
            parent: r.get(1)?,
            name: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_table_is_there_with_its_tree() {
        let db = crate::db::Db::open_in_memory().unwrap();
        let all = db.read(|c| all_classes(c)).unwrap();
        assert!(all.len() > 200, "{}", all.len());
        let d6 = all.iter().find(|r| r.code == "D6").unwrap();
        assert_eq!(d6.parent.as_deref(), Some("D"));
    }
}
