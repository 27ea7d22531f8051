//! What is different on Windows, through the `shuxiang` command as office IT
//! runs it there: the data folder under %APPDATA%, folders in Chinese with
//! spaces written with backslashes and drive letters, network shares refused,
//! a file Excel holds open, and spreadsheets saved as CSV by Excel on a
//! Chinese Windows (GBK or UTF-8 with BOM, CRLF). Run under Wine in CI
//! (scripts/test-windows); the suites of core and the CLI run there too.

#![cfg(windows)]

mod common;

use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use common::{fixture, json, shuxiang};

/// A folder like a user's own: Chinese names with spaces, written the
/// Windows way with backslashes, under a drive letter.
fn chinese_folder(tmp: &Path) -> PathBuf {
    let text = format!(r"{}\张 三的文档\书香 数据", tmp.display());
    assert!(text.contains(":\\"), "a drive-letter path: {text}");
    PathBuf::from(text)
}

fn ok(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    json(out)
}

fn refused(out: &std::process::Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    json(out)["error"]["message"].as_str().unwrap().to_owned()
}

#[test]
fn the_data_folder_is_shuxiang_under_the_users_appdata() {
    let appdata = std::env::var("APPDATA").expect("Windows sets %APPDATA%");
    let home = ok(&shuxiang(&["data-dir", "--json"], &[]));
    assert_eq!(home["source"], "default", "{home}");
    assert_eq!(
        Path::new(home["dir"].as_str().unwrap()),
        Path::new(&appdata).join("shuxiang"),
        "the per-user roaming data folder"
    );
}

#[test]
fn a_database_in_a_chinese_folder_with_spaces_is_made_filled_backed_up_and_restored() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = chinese_folder(tmp.path());
    let db = format!(r"{}\shuxiang.db", dir.display());
    let backup = format!(r"{}\备份 文件\书香 备份.db", dir.display());
    ok(&shuxiang(&["--db", &db, "init", "--json"], &[]));
    ok(&shuxiang(
        &["--db", &db, "demo", "--volumes", "300", "--json"],
        &[],
    ));
    let found = ok(&shuxiang(&["--db", &db, "search", "wlswn", "--json"], &[]));
    assert_eq!(found[0]["title"], "万历十五年", "{found}");

    std::fs::create_dir_all(Path::new(&backup).parent().unwrap()).unwrap();
    ok(&shuxiang(&["--db", &db, "backup", &backup, "--json"], &[]));
    let export = format!(r"{}\导出 书目.xlsx", dir.display());
    ok(&shuxiang(
        &["--db", &db, "export", "books", &export, "--json"],
        &[],
    ));
    assert!(Path::new(&export).is_file());
    ok(&shuxiang(&["--db", &db, "restore", &backup, "--json"], &[]));
    let check = ok(&shuxiang(&["--db", &db, "check", "--json"], &[]));
    assert_eq!(check["ok"], true, "{check}");
}

#[test]
fn network_shares_are_refused_for_the_database_and_the_data_folder() {
    for db in [
        r"\\fileserver\共享\书香\shuxiang.db",
        r"\\?\UNC\fileserver\share\shuxiang.db",
        "//fileserver/share/shuxiang.db",
    ] {
        let message = refused(&shuxiang(&["--db", db, "init", "--json"], &[]));
        assert!(message.contains("网络共享"), "{db}: {message}");
    }
    let message = refused(&shuxiang(
        &["data-dir", "--set", r"\\fileserver\共享\书香", "--json"],
        &[],
    ));
    assert!(message.contains("网络共享"), "{message}");
    let home = ok(&shuxiang(&["data-dir", "--json"], &[]));
    assert_eq!(home["source"], "default", "nothing was saved: {home}");
}

#[test]
fn a_file_that_excel_holds_open_is_named_in_the_refusal() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = chinese_folder(tmp.path());
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("shuxiang.db");
    let db = db.to_str().unwrap();
    ok(&shuxiang(&["--db", db, "init", "--json"], &[]));

    // Excel opens a workbook without sharing it for writing or deleting.
    let workbook = dir.join("书目 清单.xlsx");
    std::fs::write(&workbook, b"").unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(0x1) // FILE_SHARE_READ
        .open(&workbook)
        .unwrap();
    let message = refused(&shuxiang(
        &[
            "--db",
            db,
            "export",
            "books",
            workbook.to_str().unwrap(),
            "--json",
        ],
        &[],
    ));
    assert!(
        message.contains("书目 清单.xlsx") && message.contains("其他程序"),
        "says which file and why: {message}"
    );
    drop(held);
    ok(&shuxiang(
        &[
            "--db",
            db,
            "export",
            "books",
            workbook.to_str().unwrap(),
            "--json",
        ],
        &[],
    ));

    // A spreadsheet still open for editing elsewhere, shared with nobody.
    let sheet = dir.join("人员 名单.csv");
    std::fs::write(&sheet, "姓名,类别\r\n张伟,机关干部\r\n").unwrap();
    let held = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&sheet)
        .unwrap();
    let message = refused(&shuxiang(
        &[
            "--db",
            db,
            "import",
            "people",
            sheet.to_str().unwrap(),
            "--json",
        ],
        &[],
    ));
    assert!(message.contains("其他程序"), "{message}");
    drop(held);
}

#[test]
fn csv_files_as_excel_on_a_chinese_windows_saves_them_import_whole() {
    for name in [
        "books_excel_windows_gbk.csv",
        "books_excel_windows_utf8.csv",
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("a.db");
        let db = db.to_str().unwrap();
        let report = ok(&shuxiang(
            &["--db", db, "import", "books", &fixture(name), "--json"],
            &[],
        ));
        assert_eq!(
            (
                report["inserted"].as_u64(),
                report["errors"].as_array().map(Vec::len)
            ),
            (Some(3), Some(0)),
            "{name}: {report}"
        );
        let found = ok(&shuxiang(&["--db", db, "search", "xzglx", "--json"], &[]));
        assert_eq!(found[0]["title"], "行政管理学", "{name}: {found}");
        assert_eq!(
            found[0]["copies"].as_u64(),
            Some(2),
            "{name}: the quoted \"W0002,W0003\" is two copies: {found}"
        );
        let found = ok(&shuxiang(&["--db", db, "search", "xtzg", "--json"], &[]));
        assert_eq!(found[0]["price"], "￥26.00", "{name}: {found}");
    }
}

/// Two processes on one database file, as the app and a scheduled
/// `shuxiang backup` are: Windows' file locks make the second writer wait
/// for the first (within SQLite's five seconds), then refuse in words.
#[test]
fn a_second_process_waits_for_the_writer_then_refuses_in_words() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = chinese_folder(tmp.path());
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("shuxiang.db");
    let db_arg = db.to_str().unwrap();
    ok(&shuxiang(&["--db", db_arg, "init", "--json"], &[]));
    let books = fixture("books_excel_windows_gbk.csv");

    // A writer that lets go after a second: the import waits and goes through.
    let writer = rusqlite::Connection::open(&db).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(1));
        writer.execute_batch("COMMIT").unwrap();
        writer
    });
    let started = std::time::Instant::now();
    let report = ok(&shuxiang(
        &["--db", db_arg, "import", "books", &books, "--json"],
        &[],
    ));
    assert_eq!(report["inserted"], 3, "{report}");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "the import waited for the other writer"
    );

    // A writer that holds on: the import gives up with a reason, not a raw SQL error.
    let writer = release.join().unwrap();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let out = shuxiang(&["--db", db_arg, "import", "books", &books, "--json"], &[]);
    writer.execute_batch("ROLLBACK").unwrap();
    let message = refused(&out);
    assert!(
        !message.contains("database is locked") && !message.is_empty(),
        "{message}"
    );
    let found = ok(&shuxiang(
        &["--db", db_arg, "search", "xzglx", "--json"],
        &[],
    ));
    assert_eq!(
        found.as_array().map(Vec::len),
        Some(1),
        "the refused import added nothing: {found}"
    );
}
