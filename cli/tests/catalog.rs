//! The catalogue through the `shuxiang` command: import books (spreadsheets
//! and MARC), search, export and demo volumes, with the contract's JSON.

mod common;

use common::{fixture, json, shared_sample, shuxiang};

#[test]
fn import_books_then_search_prints_titles_best_first_with_the_contract_fields() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &fixture("books.xlsx"),
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
    assert_eq!(
        (r["inserted"].as_u64(), r["updated"].as_u64()),
        (Some(4), Some(1))
    );
    assert_eq!(
        r["warnings"].as_array().unwrap().len(),
        2,
        "1997年5月 gives its year without a word"
    );

    let found = json(&shuxiang(
        &["--db", &db, "search", "万历十五年", "--json"],
        &[],
    ));
    let first = &found.as_array().expect("a JSON list of titles")[0];
    for key in [
        "id",
        "isbn",
        "title",
        "authors",
        "publisher",
        "year",
        "clc",
        "call_number",
        "copies",
        "available",
    ] {
        assert!(
            first.get(key).is_some(),
            "search results carry {key}: {first}"
        );
    }
    assert_eq!(first["title"], "万历十五年");
    assert_eq!(
        (first["copies"].as_i64(), first["available"].as_i64()),
        (Some(3), Some(3))
    );
    let by_isbn10 = json(&shuxiang(
        &["--db", &db, "search", "0-306-40615-2", "--json"],
        &[],
    ));
    assert_eq!(by_isbn10[0]["isbn"], "9780306406157");
    let none = shuxiang(&["--db", &db, "search", "没有这本书", "--json"], &[]);
    assert_eq!(
        (none.status.code(), json(&none)),
        (Some(0), serde_json::json!([]))
    );
}

#[test]
fn a_bad_book_file_is_refused_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &fixture("books_bad.csv"),
            "--json",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["errors"].as_array().unwrap().len(), 5);
    assert_eq!(
        json(&shuxiang(&["--db", &db, "search", "好书", "--json"], &[])),
        serde_json::json!([])
    );
}

#[test]
fn marc_files_import_by_content_or_by_the_format_flag() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let out = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &shared_sample("unimarc/bnf_unimarc_utf8.mrc"),
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
    assert_eq!(
        r["inserted"].as_u64().unwrap() + r["updated"].as_u64().unwrap(),
        148
    );
    let xml = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &shared_sample("marc21/chabon.xml"),
            "--format",
            "marcxml",
            "--json",
        ],
        &[],
    );
    assert_eq!(json(&xml)["inserted"].as_u64(), Some(2));
    let found = json(&shuxiang(
        &["--db", &db, "search", "中国修辞学通史", "--json"],
        &[],
    ));
    assert_eq!(found[0]["publisher"], "吉林教育出版社");

    let broken = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &shared_sample("broken/bad_records.mrc"),
            "--json",
        ],
        &[],
    );
    assert_eq!(broken.status.code(), Some(1));
    let errors = json(&broken)["errors"].as_array().unwrap().clone();
    assert!(
        errors
            .iter()
            .all(|e| e["message"].as_str().unwrap().contains("条记录")),
        "each names its record"
    );
    let wrong = shuxiang(
        &[
            "--db",
            &db,
            "import",
            "books",
            &fixture("books.xlsx"),
            "--format",
            "marc",
            "--json",
        ],
        &[],
    );
    assert_eq!(
        wrong.status.code(),
        Some(1),
        "a spreadsheet read as MARC is refused, not half-read"
    );
}

#[test]
fn demo_volumes_then_export_writes_a_bom_csv_and_an_xlsx() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let demo = json(&shuxiang(
        &[
            "--db",
            &db,
            "demo",
            "--volumes",
            "120",
            "--seed",
            "9",
            "--json",
        ],
        &[],
    ));
    assert_eq!(demo["volumes"].as_u64(), Some(120));
    let csv = tmp.path().join("馆藏.csv");
    assert!(
        shuxiang(
            &["--db", &db, "export", "books", csv.to_str().unwrap()],
            &[]
        )
        .status
        .success()
    );
    let bytes = std::fs::read(&csv).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFISBN,"),
        "UTF-8 with BOM, headers first"
    );
    let xlsx = tmp.path().join("馆藏.xlsx");
    let out = json(&shuxiang(
        &[
            "--db",
            &db,
            "export",
            "books",
            xlsx.to_str().unwrap(),
            "--json",
        ],
        &[],
    ));
    // The demo's 120 volumes, and what its periodicals room added to the
    // catalogue: the bound volumes and the copies of the book order's
    // received line.
    let bound = demo["periodicals"]["bound"].as_u64().unwrap();
    assert!(bound > 0, "{demo}");
    let copies = out["copies"].as_u64().unwrap();
    assert!(copies > 120 + bound, "{out} {demo}");
    assert!(copies <= 120 + bound + 10, "{out} {demo}");
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "a real .xlsx (zip) file"
    );
    let other = tmp.path().join("b.db").display().to_string();
    let back = json(&shuxiang(
        &[
            "--db",
            &other,
            "import",
            "books",
            xlsx.to_str().unwrap(),
            "--json",
        ],
        &[],
    ));
    assert_eq!(
        (
            back["inserted"].as_u64(),
            back["errors"].as_array().unwrap().len()
        ),
        (out["titles"].as_u64(), 0),
        "every title exported comes back"
    );
    assert!(out["titles"].as_u64().unwrap() > demo["titles"].as_u64().unwrap());
}

#[test]
fn barcode_numbering_is_shown_and_set_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db").display().to_string();
    let shown = json(&shuxiang(&["--db", &db, "barcodes", "--json"], &[]));
    assert_eq!(
        (shown["prefix"].as_str(), shown["next"].as_u64()),
        (Some("SX"), Some(1))
    );
    let set = json(&shuxiang(
        &[
            "--db", &db, "barcodes", "--prefix", "yls", "--next", "500", "--json",
        ],
        &[],
    ));
    assert_eq!(
        (set["prefix"].as_str(), set["next"].as_u64()),
        (Some("YLS"), Some(500))
    );
    let bad = shuxiang(
        &["--db", &db, "barcodes", "--prefix", "书香", "--json"],
        &[],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(json(&bad)["error"]["field"], "prefix");
}
