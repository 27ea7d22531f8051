//! The `shuxiang` command as scripts and office IT use it: exit codes, JSON
//! shapes, `--db` anywhere, `SHUXIANG_DB` and `SHUXIANG_HOME`; people,
//! backup, restore and check.

mod common;

use common::{fixture, json, shuxiang};

#[test]
fn import_people_prints_the_contract_summary_and_counts_every_row_once() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            &fixture("people.xlsx"),
            "--json",
        ],
        &[],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = json(&out);
    for key in ["inserted", "updated", "skipped", "errors", "warnings"] {
        assert!(r.get(key).is_some(), "the summary has {key}: {r}");
    }
    assert_eq!(
        (
            r["inserted"].as_u64(),
            r["updated"].as_u64(),
            r["skipped"].as_u64()
        ),
        (Some(4), Some(0), Some(0))
    );
    let w = &r["warnings"][0];
    assert_eq!(
        (w["row"].as_u64(), w["field"].as_str()),
        (Some(3), Some("phone")),
        "{r}"
    );
    assert!(w["message"].as_str().unwrap().contains("电话"));
}

#[test]
fn an_import_with_bad_rows_exits_1_prints_why_and_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "import",
            "people",
            &fixture("people_bad.xlsx"),
            "--json",
            "--db",
            &db,
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty(), "the reason is also on stderr");
    let r = json(&out);
    assert_eq!(r["errors"].as_array().unwrap().len(), 3);
    assert_eq!(r["errors"][0]["row"].as_u64(), Some(2));
    assert_eq!(
        r["inserted"].as_u64(),
        Some(1),
        "the summary says what would have happened"
    );

    let again = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            &fixture("people_bad.xlsx"),
            "--dry-run",
            "--json",
        ],
        &[],
    );
    assert_eq!(
        again.status.code(),
        Some(1),
        "a dry run exits as the import would"
    );
    let skip = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            &fixture("people_bad.xlsx"),
            "--skip-bad-rows",
            "--json",
        ],
        &[],
    );
    assert_eq!(skip.status.code(), Some(0));
    let r = json(&skip);
    assert_eq!(
        (
            r["inserted"].as_u64(),
            r["skipped"].as_u64(),
            r["errors"].as_array().unwrap().len()
        ),
        (Some(1), Some(3), 0)
    );
}

#[test]
fn a_dry_run_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            &fixture("people_gbk.csv"),
            "--dry-run",
            "--json",
        ],
        &[],
    );
    assert_eq!(json(&out)["inserted"].as_u64(), Some(3));
    let real = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            &fixture("people_gbk.csv"),
            "--json",
        ],
        &[],
    );
    assert_eq!(
        json(&real)["inserted"].as_u64(),
        Some(3),
        "the dry run left the people to be inserted now"
    );
}

#[test]
fn an_unreadable_file_is_refused_with_json_and_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let junk = tmp.path().join("x.xlsx");
    std::fs::write(&junk, b"PK\x03\x04 not really a zip").unwrap();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "people",
            junk.to_str().unwrap(),
            "--json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["error"]["code"], "invalid");
    assert!(r["error"]["message"].as_str().unwrap().contains("Excel"));
    let missing = shuxiang(
        &["--db", &db, "import", "people", "/nonexistent/名单.xlsx"],
        &[],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("无法读取文件"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(shuxiang(&["frobnicate"], &[]).status.code(), Some(2));
    assert_eq!(
        shuxiang(&["import", "people"], &[]).status.code(),
        Some(2),
        "a missing FILE is bad usage"
    );
    assert_eq!(shuxiang(&["--help"], &[]).status.code(), Some(0));
}

#[test]
fn the_database_comes_from_shuxiang_db_or_the_data_folder_of_shuxiang_home() {
    let tmp = tempfile::tempdir().unwrap();
    let via_env = tmp.path().join("env.db");
    assert!(
        shuxiang(&["init"], &[("SHUXIANG_DB", &via_env)])
            .status
            .success()
    );
    assert!(via_env.is_file(), "SHUXIANG_DB names the file");
    let home = tmp.path().join("home");
    assert!(
        shuxiang(&["init"], &[("SHUXIANG_HOME", &home)])
            .status
            .success()
    );
    assert!(
        home.join("shuxiang.db").is_file(),
        "the app's own file in SHUXIANG_HOME"
    );
}

#[test]
fn check_backup_and_restore_round_trip() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db");
    let d = db.to_str().unwrap();
    assert!(
        shuxiang(&["--db", d, "demo", "--seed", "3"], &[])
            .status
            .success()
    );
    let check = shuxiang(&["--db", d, "check", "--json"], &[]);
    assert_eq!(
        json(&check),
        serde_json::json!({ "ok": true, "problems": [] })
    );
    let backup = tmp.path().join("备份.db");
    assert!(
        shuxiang(&["--db", d, "backup", backup.to_str().unwrap()], &[])
            .status
            .success()
    );
    std::fs::remove_file(&db).unwrap();
    let restored = shuxiang(
        &["--db", d, "restore", backup.to_str().unwrap(), "--json"],
        &[],
    );
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    let demo_again = shuxiang(&["--db", d, "demo", "--json"], &[]);
    assert_eq!(
        demo_again.status.code(),
        Some(1),
        "the restored database has its people back"
    );
    assert_eq!(json(&demo_again)["error"]["code"], "conflict");
}

#[test]
fn restore_is_refused_while_the_database_is_open_elsewhere() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db");
    let backup = tmp.path().join("b.db");
    assert!(
        shuxiang(
            &[
                "--db",
                db.to_str().unwrap(),
                "backup",
                backup.to_str().unwrap()
            ],
            &[]
        )
        .status
        .success()
    );
    let open = shuxiang_core::Db::open(&db).unwrap();
    let out = shuxiang(
        &[
            "--db",
            db.to_str().unwrap(),
            "restore",
            backup.to_str().unwrap(),
            "--json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        json(&out)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("关闭书香")
    );
    drop(open);
}

#[test]
fn check_reports_a_damaged_file_as_not_ok() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db");
    std::fs::write(&db, vec![0x5a; 8192]).unwrap();
    let out = shuxiang(&["--db", db.to_str().unwrap(), "check", "--json"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(r["ok"], false);
    assert!(!r["problems"].as_array().unwrap().is_empty());
    let missing = shuxiang(
        &[
            "--db",
            tmp.path().join("none.db").to_str().unwrap(),
            "check",
            "--json",
        ],
        &[],
    );
    assert_eq!(
        json(&missing)["ok"],
        false,
        "check never creates a database"
    );
}

#[test]
fn a_reader_that_stops_early_does_not_make_the_command_panic() {
    // `shuxiang check --json | grep -q ok` and `… | head` close the pipe
    // before the command is done writing. Here the pipe is closed before the
    // command starts, so every write meets a closed pipe.
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path().join("a.db");
    let d = d.to_str().unwrap();
    assert!(shuxiang(&["--db", d, "init"], &[]).status.success());
    for args in [
        &["--db", d, "check", "--json"][..],
        &["--db", d, "check"][..],
        &["--db", d, "search", "x", "--json"][..],
        &["--db", d, "import", "books", "nosuch.csv", "--json"][..],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
            .args(args)
            .env_remove("SHUXIANG_DB")
            .env_remove("SHUXIANG_HOME")
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        let expected = if args[2] == "import" { 1 } else { 0 };
        assert_eq!(out.status.code(), Some(expected), "{args:?}: {stderr}");
        // Neither stdout nor stderr read: the exit code alone (a panic is 101).
        let (out_reader, out_writer) = std::io::pipe().unwrap();
        let (err_reader, err_writer) = std::io::pipe().unwrap();
        drop((out_reader, err_reader));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
            .args(args)
            .env_remove("SHUXIANG_DB")
            .env_remove("SHUXIANG_HOME")
            .stdout(out_writer)
            .stderr(err_writer)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(expected), "{args:?} without readers");
    }
}

/// `readers set-pin CARD` reads the PIN from standard input: it sets it,
/// says whose it is in JSON, and refuses an unknown card or a bad PIN with
/// exit 1 and a Chinese message.
#[test]
fn readers_set_pin_takes_the_pin_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    let people = dir.path().join("p.csv");
    std::fs::write(&people, "姓名,类别,借书证号\n张三,机关干部,R001\n").unwrap();
    let out = shuxiang(
        &["--db", db, "import", "people", people.to_str().unwrap()],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let set_pin = |card: &str, pin: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_shuxiang"))
            .args(["--db", db, "--json", "readers", "set-pin", card])
            .env_remove("SHUXIANG_DB")
            .env_remove("SHUXIANG_HOME")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{pin}").unwrap();
        child.wait_with_output().unwrap()
    };
    let out = set_pin("R001", "2468");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&out)["name"], "张三");
    let db_handle = shuxiang_core::Db::open(std::path::Path::new(db)).unwrap();
    assert_eq!(
        shuxiang_core::people::reader_login(&db_handle, "R001", "2468")
            .unwrap()
            .0
            .name,
        "张三"
    );
    drop(db_handle);
    for (card, pin) in [("R999", "2468"), ("R001", "12")] {
        let out = set_pin(card, pin);
        assert_eq!(out.status.code(), Some(1), "{card} {pin}");
        let message = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(
            message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{message}"
        );
    }
}

/// The portable copy (绿色版): a `数据` folder beside the program is its data
/// folder, wherever the folder was copied to, and this PC's own saved choice
/// does not take it elsewhere.
#[test]
fn a_data_folder_beside_the_program_holds_the_portable_copys_data() {
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("U盘").join("书香 绿色版");
    let data = folder.join("数据");
    std::fs::create_dir_all(&data).unwrap();
    let built = std::path::PathBuf::from(env!("CARGO_BIN_EXE_shuxiang"));
    let exe = folder.join(built.file_name().unwrap());
    std::fs::copy(&built, &exe).unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(&exe)
            .args(args)
            .env_remove("SHUXIANG_DB")
            .env_remove("SHUXIANG_HOME")
            .output()
            .unwrap()
    };

    let out = run(&["init", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        data.join("shuxiang.db").is_file(),
        "the database is made in 数据"
    );
    let out = run(&["data-dir", "--json"]);
    let home = json(&out);
    assert_eq!(home["source"], "portable", "{home}");
    assert_eq!(
        std::path::Path::new(home["dir"].as_str().unwrap()),
        data.as_path()
    );
}
