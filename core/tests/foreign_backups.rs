//! A database from elsewhere cannot act. A backup handed over on a USB
//! stick into which someone slipped a trigger, a view, a table of their
//! own, a changed index or a future version is refused — on restore, plain
//! or password-protected, and when a data file is moved in — with a message
//! naming what is wrong, and the current data is untouched to the byte.
//! A clean backup still restores.

use rusqlite::Connection;
use shuxiang_core::catalog;
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::{Actor, Clock, Db, Error, backup};

struct Office {
    dir: tempfile::TempDir,
}

impl Office {
    /// A reading room with the demo data, and a clean backup of it.
    fn new() -> Office {
        let dir = tempfile::tempdir().unwrap();
        let office = Office { dir };
        let db = Db::open(&office.data()).unwrap();
        load_demo(
            &db,
            &Actor::CommandLine,
            DemoOptions {
                volumes: 300,
                ..DemoOptions::default()
            },
        )
        .unwrap();
        backup::backup_to(&db, &office.file("clean.db")).unwrap();
        office
    }

    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("shuxiang.db")
    }

    fn file(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// A copy of the clean backup with `sql` run on it, as a tamperer would.
    fn tampered(&self, name: &str, sql: &str) -> std::path::PathBuf {
        let file = self.file(name);
        std::fs::copy(self.file("clean.db"), &file).unwrap();
        Connection::open(&file).unwrap().execute_batch(sql).unwrap();
        file
    }

    fn restore(&self, file: &std::path::Path, password: Option<&str>) -> Result<(), Error> {
        backup::restore_with_password(
            file,
            password,
            &self.data(),
            &self.file("safety"),
            &Actor::CommandLine,
            Clock::System,
        )
        .map(|_| ())
    }

    /// The titles and copies held, and the data file's bytes' checksum,
    /// taken with the app closed (the WAL checkpointed into the file).
    fn state(&self) -> (i64, i64, u64) {
        let conn = Connection::open(self.data()).unwrap();
        conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .unwrap();
        let count = |t: &str| {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .unwrap()
        };
        let (titles, copies) = (count("titles"), count("copies"));
        drop(conn);
        (
            titles,
            copies,
            checksum(&std::fs::read(self.data()).unwrap()),
        )
    }
}

/// FNV-1a over the file's bytes: enough to tell a changed page.
fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

const TAMPERINGS: &[(&str, &str, &str)] = &[
    (
        "trigger",
        "CREATE TRIGGER wipe AFTER INSERT ON audit_log BEGIN DELETE FROM titles; END;",
        "wipe",
    ),
    (
        "view",
        "CREATE VIEW everyone AS SELECT * FROM people;",
        "everyone",
    ),
    (
        "table",
        "CREATE TABLE stash (x TEXT); INSERT INTO stash VALUES ('x');",
        "stash",
    ),
];

#[test]
fn a_backup_with_anything_added_is_refused_and_the_data_is_untouched() {
    let office = Office::new();
    let before = office.state();
    assert!(before.0 > 0 && before.1 > 0);
    // An index the app makes on copies, whatever it is called, made over
    // another column.
    let index: String = Connection::open(office.file("clean.db"))
        .unwrap()
        .query_row(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'copies' AND sql IS NOT NULL LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let changed_index =
        format!("DROP INDEX \"{index}\"; CREATE INDEX \"{index}\" ON copies (note);");
    let cases = TAMPERINGS
        .iter()
        .map(|&(what, sql, name)| (what, sql.to_owned(), name))
        .chain([("changed index", changed_index, index.as_str())]);
    for (what, sql, name) in cases {
        let file = office.tampered(&format!("{what}.db"), &sql);
        let e = office.restore(&file, None).unwrap_err();
        assert_eq!(e.code(), "invalid", "{what}: {e}");
        let message = e.to_string();
        assert!(
            message.contains(name) && !message.contains("SQL"),
            "{what}: the message names “{name}”: {message}"
        );
        assert_eq!(office.state(), before, "{what}: nothing was replaced");
        assert!(
            backup::verify_backup(&file, None).is_err(),
            "{what}: verifying says it too"
        );
    }
}

#[test]
fn a_backup_whose_rows_break_the_rules_is_refused_and_the_data_is_untouched() {
    let office = Office::new();
    let before = office.state();
    for (what, sql) in [
        (
            "a role no version has",
            "PRAGMA ignore_check_constraints = ON;
             INSERT INTO operators (name, role, password_hash, created_at, updated_at)
             VALUES ('闯入者', 'superuser', 'x', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');",
        ),
        (
            "a copy whose status is no status",
            "PRAGMA ignore_check_constraints = ON; UPDATE copies SET status = 'gone' WHERE id = 1;",
        ),
        (
            "a loan of a copy that does not exist",
            "PRAGMA foreign_keys = OFF; UPDATE loans SET copy_id = 999999 WHERE id = (SELECT min(id) FROM loans);",
        ),
    ] {
        let file = office.tampered(&format!("{what}.db"), sql);
        let e = office
            .restore(&file, None)
            .expect_err(&format!("{what} is refused"));
        assert_eq!(e.code(), "invalid", "{what}: {e}");
        assert!(e.to_string().contains("未做任何更改"), "{what}: {e}");
        assert_eq!(office.state(), before, "{what}: nothing was replaced");
        assert!(
            backup::verify_backup(&file, None).is_err(),
            "{what}: verifying says it too"
        );
    }
}

#[test]
fn a_backup_from_a_future_version_is_refused() {
    let office = Office::new();
    let before = office.state();
    let file = office.tampered("future.db", "PRAGMA user_version = 9999;");
    let e = office.restore(&file, None).unwrap_err();
    assert!(matches!(e, Error::NewerDatabase { found: 9999, .. }), "{e}");
    assert_eq!(office.state(), before);
}

#[test]
fn a_password_protected_backup_with_a_trigger_is_refused_after_decryption() {
    let office = Office::new();
    let before = office.state();
    let plain = office.tampered("t.db", TAMPERINGS[0].1);
    let sealed = office.file("t.sxbk");
    backup::seal(&plain, &sealed, "备份口令2026").unwrap();
    let e = office.restore(&sealed, Some("备份口令2026")).unwrap_err();
    assert!(e.to_string().contains("wipe"), "{e}");
    assert_eq!(office.state(), before);
}

#[test]
fn a_clean_backup_still_restores_and_the_catalogue_survives_the_next_write() {
    let office = Office::new();
    let (titles, copies, _) = office.state();
    office.restore(&office.file("clean.db"), None).unwrap();
    let sealed = office.file("clean.sxbk");
    backup::seal(&office.file("clean.db"), &sealed, "口令口令口令").unwrap();
    office.restore(&sealed, Some("口令口令口令")).unwrap();
    let db = Db::open(&office.data()).unwrap();
    catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "a.csv",
        "书名,作者\n乡土中国,费孝通\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    drop(db);
    let (after_titles, after_copies, _) = office.state();
    assert_eq!((after_titles, after_copies), (titles + 1, copies + 1));
}

#[test]
fn a_data_file_moved_in_with_a_trigger_is_not_opened() {
    let office = Office::new();
    let file = office.tampered("moved.db", TAMPERINGS[0].1);
    let before = checksum(&std::fs::read(&file).unwrap());
    let e = Db::open(&file).err().expect("refused");
    assert!(e.to_string().contains("wipe"), "{e}");
    assert_eq!(
        checksum(&std::fs::read(&file).unwrap()),
        before,
        "the file is left as it was"
    );
}

#[test]
fn a_trigger_cannot_reach_an_unsafe_function_even_if_it_were_let_in() {
    // Defence in depth: every connection runs with trusted_schema off.
    let office = Office::new();
    let db = Db::open(&office.data()).unwrap();
    let trusted: i64 = db
        .read(|tx| Ok(tx.query_row("PRAGMA trusted_schema", [], |r| r.get(0))?))
        .unwrap();
    assert_eq!(trusted, 0);
}
