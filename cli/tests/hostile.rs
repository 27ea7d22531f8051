//! Hostile input at the command line: bad usage exits 2, bad files and
//! refused operations exit 1 with the reason in Chinese (and as JSON with
//! --json), never a panic, and nothing is changed.

mod common;

use common::{json, shuxiang};

#[test]
fn bad_usage_and_bad_files_are_answered_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shuxiang.db");
    let d = db.display().to_string();
    assert!(shuxiang(&["--db", &d, "init"], &[]).status.success());
    let junk = dir.path().join("junk.bin");
    std::fs::write(
        &junk,
        (0..4000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let j = junk.display().to_string();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let e = empty.display().to_string();
    let big_query = "书".repeat(35_000);
    let cases: &[(&[&str], i32)] = &[
        (&["--db", &d, "no-such-command"], 2),
        (&["--db", &d, "import"], 2),
        (&["--db", &d, "import", "books"], 2),
        (&["--db", &d, "import", "books", &j, "--format", "pdf"], 2),
        (&["--db", &d, "search", "x", "--limit", "many"], 2),
        (&["--db", &d, "demo", "--volumes", "-5"], 2),
        (
            &[
                "--db",
                &d,
                "sessions",
                "export-ics",
                "a.ics",
                "--from",
                "2026-13-01",
            ],
            2,
        ),
        (&["--db", &d, "import", "books", "/no/such/file.csv"], 1),
        (&["--db", &d, "import", "books", &j], 1),
        (&["--db", &d, "import", "books", &e], 1),
        (&["--db", &d, "import", "people", &j], 1),
        (&["--db", &d, "import", "people", &e, "--json"], 1),
        (&["--db", &d, "restore", &j], 1),
        (&["--db", &d, "restore", "/no/such/backup.db"], 1),
        (&["--db", &d, "export", "books", "/no/such/dir/x.xlsx"], 1),
        (&["--db", &d, "barcodes", "--prefix", "书香"], 1),
        (&["--db", &d, "barcodes", "--next", "0"], 1),
        (&["--db", &d, "search", &big_query], 0),
        (&["--db", &d, "check", "--json"], 0),
    ];
    for (args, code) in cases {
        let out = shuxiang(args, &[]);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
        if *code == 1 {
            assert!(
                stderr
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{args:?}: {stderr}"
            );
        }
        if *code == 1 && args.contains(&"--json") {
            assert!(
                json(&out)["error"]["message"]
                    .as_str()
                    .is_some_and(|m| !m.is_empty())
            );
        }
    }
    // Nothing was imported or changed by any of it.
    let out = shuxiang(&["--db", &d, "search", "书", "--json"], &[]);
    assert_eq!(json(&out).as_array().map(Vec::len), Some(0));
}
