//! Migrations: numbered `.sql` files in `core/migrations`, applied in order by
//! `PRAGMA user_version`. A released file is never edited; a change is a new file.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

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
    (
        "0008_faster_imports",
        include_str!("../migrations/0008_faster_imports.sql"),
    ),
    (
        "0009_stocktake_counts",
        include_str!("../migrations/0009_stocktake_counts.sql"),
    ),
    (
        "0010_reader_pins",
        include_str!("../migrations/0010_reader_pins.sql"),
    ),
    (
        "0011_revisions",
        include_str!("../migrations/0011_revisions.sql"),
    ),
    (
        "0012_audit_client",
        include_str!("../migrations/0012_audit_client.sql"),
    ),
    (
        "0013_sessions_read_fresh",
        include_str!("../migrations/0013_sessions_read_fresh.sql"),
    ),
    (
        "0014_more_revisions",
        include_str!("../migrations/0014_more_revisions.sql"),
    ),
    (
        "0015_held_when_its_time_has_come",
        include_str!("../migrations/0015_held_when_its_time_has_come.sql"),
    ),
    (
        "0016_import_runs",
        include_str!("../migrations/0016_import_runs.sql"),
    ),
    (
        "0017_other_titles",
        include_str!("../migrations/0017_other_titles.sql"),
    ),
    (
        "0018_long_titles",
        include_str!("../migrations/0018_long_titles.sql"),
    ),
    (
        "0019_readers_take_part",
        include_str!("../migrations/0019_readers_take_part.sql"),
    ),
    (
        "0020_periodicals",
        include_str!("../migrations/0020_periodicals.sql"),
    ),
    (
        "0021_routing_and_acquisitions",
        include_str!("../migrations/0021_routing_and_acquisitions.sql"),
    ),
    (
        "0022_periodical_suggestions",
        include_str!("../migrations/0022_periodical_suggestions.sql"),
    ),
    (
        "0023_subscription_revisions",
        include_str!("../migrations/0023_subscription_revisions.sql"),
    ),
    (
        "0024_list_revisions",
        include_str!("../migrations/0024_list_revisions.sql"),
    ),
    (
        "0025_arrivals_in_the_store",
        include_str!("../migrations/0025_arrivals_in_the_store.sql"),
    ),
    (
        "0026_pinyin_index",
        include_str!("../migrations/0026_pinyin_index.sql"),
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

/// The functions the search indexes are written through: the short-query
/// index's `spaced_cjk` and the pinyin index's `fullwidth`.
pub(crate) fn add_functions(conn: &Connection) -> Result<()> {
    let flags = rusqlite::functions::FunctionFlags::SQLITE_UTF8
        | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("spaced_cjk", 1, flags, |ctx| {
        Ok(crate::text::spaced_cjk(
            &ctx.get::<Option<String>>(0)?.unwrap_or_default(),
        ))
    })?;
    conn.create_scalar_function("fullwidth", 1, flags, |ctx| {
        Ok(crate::text::full_width(
            &ctx.get::<Option<String>>(0)?.unwrap_or_default(),
        ))
    })?;
    Ok(())
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
    // A migration may fill an index through the functions the store fills
    // it with.
    add_functions(conn)?;
    for (i, (_name, sql)) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found as usize)
    {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        if sql.contains("writable_schema") {
            // A table's text edited in place: other connections notice only
            // a new schema version.
            let cookie: i64 = tx.pragma_query_value(None, "schema_version", |r| r.get(0))?;
            tx.pragma_update(None, "schema_version", cookie + 1)?;
        }
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// One object of a schema as `sqlite_schema` lists it: (type, name) →
/// (table it belongs to, the SQL that made it).
type Objects = BTreeMap<(String, String), (String, Option<String>)>;

fn objects(conn: &Connection) -> Result<Objects> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?))))?;
    Ok(rows
        .collect::<rusqlite::Result<Objects>>()?
        .into_iter()
        // ANALYZE's statistics steer the planner and run nothing.
        .filter(|((kind, name), _)| !(kind == "table" && name.starts_with("sqlite_stat")))
        .collect())
}

/// What this build's migrations create at `version`, worked out once per
/// version a process meets (a migrated in-memory database, a few ms).
fn expected(version: i64) -> Result<Arc<Objects>> {
    static SEEN: OnceLock<Mutex<HashMap<i64, Arc<Objects>>>> = OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    if let Some(found) = seen.lock().unwrap_or_else(|p| p.into_inner()).get(&version) {
        return Ok(found.clone());
    }
    let conn = Connection::open_in_memory()?;
    migrate_to(&conn, version)?;
    let made = Arc::new(objects(&conn)?);
    seen.lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(version, made.clone());
    Ok(made)
}

fn kind_word(kind: &str, sql: Option<&str>) -> &'static str {
    match kind {
        "trigger" => "触发器",
        "view" => "视图",
        "index" => "索引",
        _ if sql.is_some_and(|s| s.trim_start().to_uppercase().starts_with("CREATE VIRTUAL")) => {
            "虚拟表"
        }
        _ => "数据表",
    }
}

/// Refuses a database (`file`, for the message) whose schema is not
/// exactly what this app's migrations create at its version: a trigger,
/// view, table or index someone added, or one changed, could act on the
/// next write. Nothing of the file is run or changed; a file of version 0
/// must be empty (a new database).
pub fn refuse_foreign_schema(conn: &Connection, file: &Path) -> Result<()> {
    let version = version(conn)?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let found = objects(conn)?;
    if version == 0 {
        return match found
            .iter()
            .find(|((_, name), _)| !name.starts_with("sqlite_"))
        {
            None => Ok(()),
            Some(((kind, name), (_, sql))) => Err(Error::invalid(
                "file",
                format!(
                    "{} 不是书香的数据文件（其中有书香不认识的{}“{name}”），为保护数据未打开，也未做任何更改。",
                    file.display(),
                    kind_word(kind, sql.as_deref())
                ),
            )),
        };
    }
    let expected = expected(version)?;
    let mut wrong = Vec::new();
    for ((kind, name), (table, sql)) in &found {
        let what = kind_word(kind, sql.as_deref());
        match expected.get(&(kind.clone(), name.clone())) {
            None => wrong.push(format!("书香不会创建的{what}“{name}”")),
            Some(made) if made != &(table.clone(), sql.clone()) => {
                wrong.push(format!("被改动过的{what}“{name}”"))
            }
            Some(_) => {}
        }
    }
    for ((kind, name), (_, sql)) in expected.iter() {
        if !found.contains_key(&(kind.clone(), name.clone())) {
            wrong.push(format!("缺少{}“{name}”", kind_word(kind, sql.as_deref())));
        }
    }
    if wrong.is_empty() {
        return Ok(());
    }
    let more = if wrong.len() > 3 {
        format!(" 等 {} 处", wrong.len())
    } else {
        String::new()
    };
    wrong.truncate(3);
    Err(Error::invalid(
        "file",
        format!(
            "{} 的数据结构与书香不符：{}{more}。这样的文件可能被人改动过，为保护数据未打开，也未做任何更改。",
            file.display(),
            wrong.join("、")
        ),
    ))
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
            // A rowid alias (INTEGER PRIMARY KEY) is the table's own key.
            let rowid: Option<String> = conn
                .query_row(
                    "SELECT name FROM pragma_table_info(?1) WHERE pk = 1 AND type = 'INTEGER'
                       AND (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0) = 1",
                    [&table],
                    |r| r.get(0),
                )
                .ok();
            for col in fks {
                if rowid.as_deref() == Some(col.as_str()) {
                    continue;
                }
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

    #[test]
    fn adding_a_copy_builds_no_temporary_table_and_still_checks_the_status() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        let plan: Vec<String> = conn
            .prepare(
                "EXPLAIN INSERT INTO copies (title_id, barcode, created_at, updated_at)
                 VALUES (1, 'SX1', 'now', 'now')",
            )
            .unwrap()
            .query_map([], |r| r.get(1))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!plan.iter().any(|op| op == "OpenEphemeral"), "{plan:?}");
        conn.execute_batch(
            "INSERT INTO titles (title, match_key, created_at, updated_at) VALUES ('书', 'k', 'now', 'now');
             INSERT INTO copies (title_id, barcode, status, created_at, updated_at) VALUES (1, 'SX1', 'lost', 'now', 'now');",
        )
        .unwrap();
        let wrong = conn.execute(
            "INSERT INTO copies (title_id, barcode, status, created_at, updated_at) VALUES (1, 'SX2', 'borrowed', 'now', 'now')",
            [],
        );
        assert!(wrong.is_err(), "an unknown status is refused");
        // Another connection to the same file sees the rule as changed.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        let first = Connection::open(&path).unwrap();
        let before = MIGRATIONS
            .iter()
            .position(|(name, _)| *name == "0008_faster_imports")
            .unwrap();
        migrate_to(&first, before as i64).unwrap();
        let other = Connection::open(&path).unwrap();
        let sql = |c: &Connection| -> String {
            c.query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'copies'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        assert!(sql(&other).contains("status IN"));
        migrate(&first).unwrap();
        assert!(!sql(&other).contains("status IN"), "{}", sql(&other));
    }

    #[test]
    fn the_full_text_indexes_write_out_in_large_pieces() {
        let conn = Connection::open_in_memory().unwrap();
        migrate(&conn).unwrap();
        for table in [
            "titles_fts_config",
            "titles_pinyin_config",
            "titles_chars_config",
        ] {
            let size: i64 = conn
                .query_row(
                    &format!("SELECT v FROM {table} WHERE k = 'hashsize'"),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(size, 8 << 20, "{table}");
        }
    }

    #[test]
    fn a_catalogue_from_before_version_26_is_found_by_pinyin_and_words_after_the_upgrade() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_to(&conn, 25).unwrap();
        // As the store of version 25 wrote a title: both old indexes.
        conn.execute_batch(
            "INSERT INTO titles (title, authors, pinyin, initials, match_key, created_at, updated_at)
                 VALUES ('万历十五年', '黄仁宇', 'wanlishiwunianhuangrenyu', 'wlswnhry', 'k', 'now', 'now');
             INSERT INTO titles_fts (rowid, title, subtitle, authors, publisher, subjects, clc, call_number, pinyin, initials)
                 SELECT id, title, subtitle, authors, publisher, subjects, clc, call_number, pinyin, initials FROM titles;
             INSERT INTO titles_chars (rowid, text)
                 SELECT id, concat_ws(' ', spaced_cjk(concat_ws(' ', title, authors)), initials, pinyin) FROM titles;",
        )
        .unwrap();
        migrate(&conn).unwrap();
        for query in [
            "shiwunian",
            "wlswn",
            "huangrenyu",
            "万历十五",
            "黄仁宇",
            "万",
            "wl",
        ] {
            let found = crate::catalog::search_titles(&conn, query, 0, 5).unwrap();
            assert_eq!(found.total, 1, "{query}");
        }
        assert_eq!(
            crate::catalog::search_titles(&conn, "makesi", 0, 5)
                .unwrap()
                .total,
            0
        );
    }

    #[test]
    fn a_stocktake_begun_before_version_9_keeps_its_counts() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_to(&conn, 8).unwrap();
        conn.execute_batch(
            "INSERT INTO titles (title, match_key, created_at, updated_at) VALUES ('书', 'k', 'now', 'now');
             INSERT INTO copies (title_id, barcode, created_at, updated_at)
                 VALUES (1, 'A', 'now', 'now'), (1, 'B', 'now', 'now'), (1, 'C', 'now', 'now');
             INSERT INTO stocktakes (name, started_at) VALUES ('盘点', 'now');
             INSERT INTO stocktake_items (stocktake_id, copy_id, expected, expected_status, seen_at)
                 VALUES (1, 1, 1, 'on_shelf', 'now'), (1, 2, 1, 'on_shelf', NULL),
                        (1, 3, 0, 'on_shelf', 'now');",
        )
        .unwrap();
        migrate(&conn).unwrap();
        let counts: (i64, i64) = conn
            .query_row(
                "SELECT expected_count, seen_count FROM stocktakes",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(counts, (2, 2));
    }
}
