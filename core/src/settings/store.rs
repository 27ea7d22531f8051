//! All SQL of the settings table.

use rusqlite::{Connection, OptionalExtension};

use crate::db::WriteTx;
use crate::error::Result;

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn put(tx: &WriteTx<'_>, key: &str, value: &str) -> Result<()> {
    put_on(tx, key, value)
}

/// Sets a setting on a connection outside the app's actions (a file being
/// restored, before it becomes the data).
pub(crate) fn put_on(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?
        .execute([key, value])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::db::Db;

    #[test]
    fn a_setting_is_read_back_as_written_and_absent_until_then() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(db.read(|c| get(c, "backup_dir")).unwrap(), None);
        db.write(&Actor::System, |tx| put(tx, "backup_dir", "D:\\备份"))
            .unwrap();
        db.write(&Actor::System, |tx| put(tx, "backup_dir", "E:\\备份"))
            .unwrap();
        assert_eq!(
            db.read(|c| get(c, "backup_dir")).unwrap().as_deref(),
            Some("E:\\备份")
        );
    }
}
