//! Backup → wipe → restore gives back every row of every table, identical:
//! the demo data of every area (people, catalogue, loans, holds, stocktake,
//! reading-share with attachments, training), plain and password-protected.

use rusqlite::Connection;
use rusqlite::types::Value;
use shuxiang_core::backup;
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::{Actor, Clock, Db};

/// Every table's rows, in rowid order, as values.
fn dump(path: &std::path::Path) -> Vec<(String, Vec<Vec<Value>>)> {
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .filter(|t| {
            !t.contains("_fts_") && !t.contains("titles_chars_") && !t.contains("titles_pinyin_")
        })
        .map(|t| {
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
            let n = stmt.column_count();
            let mut rows: Vec<Vec<Value>> = stmt
                .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            rows.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            (t, rows)
        })
        .collect()
}

fn wipe(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(p));
    }
}

#[test]
fn every_row_is_identical_after_backup_wipe_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    {
        let db = Db::open(&path).unwrap();
        load_demo(
            &db,
            &Actor::CommandLine,
            DemoOptions {
                volumes: 800,
                ..DemoOptions::default()
            },
        )
        .unwrap();
        let s = shuxiang_core::sharing::sessions_between(
            &db,
            "2000-01-01".parse().unwrap(),
            "2100-01-01".parse().unwrap(),
            None,
        )
        .unwrap();
        shuxiang_core::sharing::add_attachment(
            &db,
            &Actor::CommandLine,
            s[0].id,
            "合影.jpg",
            &[0xFF, 0xD8, 0xFF, 0xE0, 0, 1, 2, 3],
        )
        .unwrap();
    }
    let before = dump(&path);
    assert!(
        before.iter().filter(|(_, rows)| !rows.is_empty()).count() >= 20,
        "every area has data"
    );

    for password in [None, Some("备份口令2026")] {
        let file = dir
            .path()
            .join(if password.is_some() { "b.sxbk" } else { "b.db" });
        {
            let db = Db::open(&path).unwrap();
            backup::backup_sealed(&db, &file, password).unwrap();
        }
        wipe(&path);
        assert!(!path.exists());
        backup::restore_with_password(
            &file,
            password,
            &path,
            &dir.path().join("safety"),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap();
        let after = dump(&path);
        assert_eq!(before.len(), after.len());
        for ((table, a), (_, b)) in before.iter().zip(&after) {
            if table == "audit_log" {
                // The restore itself is logged: one entry more, the rest identical.
                assert_eq!(
                    &b[..],
                    &{
                        let mut with = a.clone();
                        with.extend(b.iter().filter(|r| !a.contains(r)).cloned());
                        with.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
                        with
                    }[..]
                );
                assert!(b.len() > a.len());
            } else {
                assert_eq!(a, b, "table {table} differs after restore");
            }
        }
        // The restored database is sound; the next round backs it up again.
        let db = Db::open(&path).unwrap();
        assert!(backup::check(&db, true).unwrap().ok);
    }
}
