//! Migrations: numbered `.sql` files in `core/migrations`, applied in order by
//! `PRAGMA user_version`. A released file is never edited; a change is a new file.

use rusqlite::Connection;

use crate::error::{Error, Result};

/// Every migration, in order; the schema version is the number applied.
const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("../migrations/0001_foundation.sql"),
    ),
    ("0002_people", include_str!("../migrations/0002_people.sql")),
    (
        "0003_catalog",
        include_str!("../migrations/0003_catalog.sql"),
    ),
    (
        "0004_circulation",
        include_str!("../migrations/0004_circulation.sql"),
    ),
    (
        "0005_sharing",
        include_str!("../migrations/0005_sharing.sql"),
    ),
    (
        "0006_training",
        include_str!("../migrations/0006_training.sql"),
    ),
    (
        "0007_operators",
        include_str!("../migrations/0007_operators.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Tables every Shuxiang database has had since its first version; a file
/// without them is not ours.
pub const CORE_TABLES: &[&str] = &["audit_log", "settings"];

/// The schema version stored in a database.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Brings the database up to [`SCHEMA_VERSION`], each migration in its own
/// transaction; refuses a database from a newer version.
pub fn migrate(conn: &Connection) -> Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Applies migrations up to `target` only (tests build old databases with it).
pub fn migrate_to(conn: &Connection, target: i64) -> Result<()> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    for (i, (_name, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT type, name, ifnull(sql, '') FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_database_from_every_older_version_migrates_to_exactly_the_fresh_schema() {
        let fresh = Connection::open_in_memory().unwrap();
        migrate(&fresh).unwrap();
        for old in 0..SCHEMA_VERSION {
            let conn = Connection::open_in_memory().unwrap();
            migrate_to(&conn, old).unwrap();
            assert_eq!(
                version(&conn).unwrap(),
                old,
                "the old database stops at its version"
            );
            migrate(&conn).unwrap();
            assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
            assert_eq!(
                schema_of(&conn),
                schema_of(&fresh),
                "upgrading from version {old} must equal a fresh schema"
            );
        }
    }

    #[test]
    fn a_database_from_a_newer_version_is_refused_and_left_alone() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&conn).unwrap_err();
        assert!(
            matches!(err, Error::NewerDatabase { .. }),
            "newer schema must be refused: {err}"
        );
        assert!(
            err.to_string().contains("较新版本"),
            "the message must say why in Chinese"
        );
        assert_eq!(
            version(&conn).unwrap(),
            SCHEMA_VERSION + 1,
            "nothing was changed"
        );
        assert!(schema_of(&conn).is_empty(), "no table was created");
    }

    #[test]
    fn every_foreign_key_has_an_index() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for table in tables {
            let fks: Vec<String> = conn
                .prepare(&format!(
                    "SELECT \"from\" FROM pragma_foreign_key_list('{table}')"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            for col in fks {
                let indexed: bool = conn
                    .query_row(
                        "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?1) il
                           JOIN pragma_index_info(il.name) ii WHERE ii.seqno = 0 AND ii.name = ?2)",
                        [&table, &col],
                        |r| r.get(0),
                    )
                    .unwrap();
                assert!(
                    indexed,
                    "{table}.{col} references another table and must lead an index"
                );
            }
        }
    }
}
