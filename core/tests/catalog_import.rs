//! Importing the catalogue from the spreadsheets librarians really have:
//! an Excel file with numeric and zero-stripped ISBNs, a GB18030 CSV from
//! Chinese Excel, and a file of bad rows that must leave nothing behind.

use std::path::PathBuf;

use shuxiang_core::catalog::{import_books, search, title_detail};
use shuxiang_core::import::{ImportOptions, read_file};
use shuxiang_core::{Actor, Db};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn import(db: &Db, name: &str, options: ImportOptions) -> shuxiang_core::import::ImportReport {
    import_books(
        db,
        &Actor::CommandLine,
        &read_file(&fixture(name)).unwrap().into(),
        options,
    )
    .unwrap()
}

#[test]
fn an_excel_catalogue_imports_titles_copies_and_repairs_isbns_the_check_digit_proves() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, "books.xlsx", ImportOptions::default());
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert_eq!(
        (r.inserted, r.updated),
        (4, 1),
        "the second 万历十五年 (same ISBN) adds copies, not a title"
    );
    assert_eq!(r.ignored_columns, ["序号"]);
    let wanli = &search(&db, "9787108009821", 0, 5).unwrap().items[0];
    assert_eq!(
        (wanli.copies, wanli.available),
        (3, 3),
        "2 copies, then 1 more from the duplicate row"
    );
    assert_eq!(
        wanli.call_number.as_deref(),
        Some("K248/1"),
        "a call number was given automatically"
    );
    let kent = &search(&db, "Data and Reality", 0, 5).unwrap().items[0];
    assert_eq!(
        kent.isbn.as_deref(),
        Some("9780306406157"),
        "306406152 lost its leading zero in Excel"
    );
    let fields: Vec<(usize, &str)> = r
        .warnings
        .iter()
        .map(|w| (w.row, w.field.as_str()))
        .collect();
    assert_eq!(
        fields,
        [(3, "isbn"), (3, "price")],
        "repairs and odd values are reported, not refused"
    );
    let chongqing = &search(&db, "chongqing", 0, 5).unwrap().items[0];
    assert_eq!(
        chongqing.year.as_deref(),
        Some("1997"),
        "1997年5月, as people write it, gives the year without a word"
    );
    assert_eq!(chongqing.copies, 3);
    let detail = title_detail(&db, chongqing.id).unwrap();
    assert!(
        detail
            .copies
            .iter()
            .all(|c| c.location.as_deref() == Some("A-03"))
    );
    assert_eq!(
        detail.class_path.first().map(|c| c.code.as_str()),
        Some("F")
    );
}

#[test]
fn a_gb18030_csv_imports_with_given_barcodes() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, "books_gbk.csv", ImportOptions::default());
    assert_eq!((r.inserted, r.errors.len()), (2, 0), "{:?}", r.errors);
    let t = &search(&db, "T0003", 0, 5).unwrap().items[0];
    assert_eq!(
        t.title, "行政管理学",
        "a barcode from the file finds its title"
    );
    assert_eq!(t.copies, 2);
    assert_eq!(
        search(&db, "xzglx", 0, 5).unwrap().items[0].title,
        "行政管理学",
        "initials were written at import"
    );
}

#[test]
fn bad_rows_are_reported_by_row_and_field_and_nothing_is_imported() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, "books_bad.csv", ImportOptions::default());
    let errors: Vec<(usize, &str)> = r.errors.iter().map(|e| (e.row, e.field.as_str())).collect();
    assert_eq!(
        errors,
        [
            (2, "title"),
            (3, "isbn"),
            (4, "copies"),
            (5, "barcode"),
            (6, "isbn")
        ]
    );
    // The other row is named by its line in the file (the header is line 1).
    assert_eq!(r.errors[3].line, Some(6));
    assert!(
        r.errors[3].message.contains("第 2 行"),
        "{}",
        r.errors[3].message
    );
    assert!(r.errors[4].message.contains("科学计数法"));
    assert!(!r.committed);
    assert_eq!(
        search(&db, "好书", 0, 5).unwrap().total,
        0,
        "the good row was not imported either"
    );

    let skipped = import(
        &db,
        "books_bad.csv",
        ImportOptions {
            skip_bad_rows: true,
            ..Default::default()
        },
    );
    assert_eq!(
        (skipped.inserted, skipped.skipped, skipped.errors.len()),
        (1, 5, 0)
    );
    assert_eq!(search(&db, "好书", 0, 5).unwrap().total, 1);
}

#[test]
fn importing_the_same_file_twice_adds_copies_to_the_same_titles() {
    let db = Db::open_in_memory().unwrap();
    import(&db, "books_gbk.csv", ImportOptions::default());
    let again = import(&db, "books_gbk.csv", ImportOptions::default());
    assert_eq!(
        again.errors.len(),
        2,
        "the given barcodes are already used: refused, not duplicated"
    );
    assert!(
        again.errors[0].message.contains("馆藏中已有这一册"),
        "{:?}",
        again.errors[0]
    );
    assert_eq!(
        search(&db, "中国共产党简史", 0, 5).unwrap().items[0].copies,
        1
    );
}

#[test]
fn an_export_re_imports_without_loss_in_both_formats() {
    use shuxiang_core::catalog::{ExportFormat, NewCopies, NewTitle, create_title, export_books};
    let db = Db::open_in_memory().unwrap();
    import(&db, "books.xlsx", ImportOptions::default());
    let hostile = NewTitle {
        title: "=HYPERLINK(\"http://x\")".into(),
        authors: Some("@某人".into()),
        ..Default::default()
    };
    create_title(
        &db,
        &Actor::CommandLine,
        &hostile,
        &NewCopies {
            count: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for (name, format) in [
        ("out.csv", ExportFormat::Csv),
        ("out.xlsx", ExportFormat::Xlsx),
    ] {
        let path = tmp.path().join(name);
        let report = export_books(&db, &path, format).unwrap();
        assert_eq!((report.titles, report.copies), (5, 9));
        let grid = read_file(&path).unwrap();
        assert!(
            grid.iter()
                .flatten()
                .any(|c| c == "'=HYPERLINK(\"http://x\")"),
            "a formula-like cell is guarded in {name}"
        );
        let copy = Db::open_in_memory().unwrap();
        let r = import_books(
            &copy,
            &Actor::CommandLine,
            &grid.clone().into(),
            ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(
            (r.inserted, r.updated, r.errors.len()),
            (5, 0, 0),
            "{name}: {:?}",
            r.errors
        );
        let all = |d: &Db| {
            let mut v: Vec<_> = (1..=5)
                .map(|id| {
                    let t = title_detail(d, id).unwrap();
                    let barcodes: Vec<_> = t
                        .copies
                        .iter()
                        .map(|c| (c.barcode.clone(), c.location.clone()))
                        .collect();
                    (
                        t.title.isbn,
                        t.title.title,
                        t.title.authors,
                        t.title.year,
                        t.title.price,
                        t.title.clc,
                        t.title.call_number,
                        barcodes,
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            all(&copy),
            all(&db),
            "{name} round-trips every field and copy"
        );
    }
}

#[test]
fn a_column_the_user_maps_by_hand_is_imported_and_one_left_out_is_not() {
    let db = Db::open_in_memory().unwrap();
    let csv = "图书名称,作者,馆藏地点代码,定价\n乡土中国,费孝通,A-01,26\n";
    let sheet = shuxiang_core::import::read_grid(csv.as_bytes(), "x.csv")
        .unwrap()
        .into();
    let first = import_books(
        &db,
        &Actor::CommandLine,
        &sheet,
        ImportOptions {
            dry_run: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        first.ignored_columns,
        ["馆藏地点代码"],
        "the preview shows what is not understood"
    );
    let uses: Vec<_> = first
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field.as_deref()))
        .collect();
    assert_eq!(
        uses,
        [
            ("图书名称", Some("title")),
            ("作者", Some("authors")),
            ("馆藏地点代码", None),
            ("定价", Some("price"))
        ]
    );
    let options = ImportOptions {
        columns: vec![
            ("馆藏地点代码".into(), "location".into()),
            ("定价".into(), String::new()),
        ],
        ..Default::default()
    };
    let r = import_books(&db, &Actor::CommandLine, &sheet, options).unwrap();
    assert_eq!(
        (r.inserted, r.ignored_columns.clone()),
        (1, vec!["定价".to_owned()])
    );
    let t = search(&db, "乡土中国", 0, 1).unwrap().items.remove(0);
    assert_eq!(
        t.price, None,
        "the column the user left out was not imported"
    );
    assert_eq!(
        title_detail(&db, t.id).unwrap().copies[0]
            .location
            .as_deref(),
        Some("A-01")
    );
}

#[test]
fn generated_barcodes_go_on_from_the_numbering_skip_taken_ones_and_the_next_copy_follows_the_import()
 {
    use shuxiang_core::catalog::{
        self, BarcodeNumbering, NewCopies, change_copy_barcode_numbering, copy_barcode_numbering,
        create_title, import_books_file,
    };
    let db = Db::open_in_memory().unwrap();
    let me = Actor::CommandLine;
    let numbering = BarcodeNumbering {
        prefix: "YL".into(),
        next: 5,
    };
    change_copy_barcode_numbering(&db, &me, &numbering).unwrap();
    // A copy labelled by hand with the number the sequence reaches next.
    let by_hand = NewCopies {
        barcodes: vec!["YL000006".into()],
        ..Default::default()
    };
    create_title(&db, &me, &named("手工贴标的书"), &by_hand).unwrap();
    let list = "书名,册数\n甲书,2\n乙书,1\n";
    let report = import_books_file(
        &db,
        &me,
        "书单.csv",
        list.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed, "{:?}", report.errors);
    let codes = |text: &str| -> Vec<String> {
        let title = &catalog::search(&db, text, 0, 5).unwrap().items[0];
        title_detail(&db, title.id)
            .unwrap()
            .copies
            .into_iter()
            .map(|c| c.barcode)
            .collect()
    };
    assert_eq!(
        codes("甲书"),
        ["YL000005", "YL000007"],
        "YL000006 was taken"
    );
    assert_eq!(codes("乙书"), ["YL000008"]);
    assert_eq!(
        copy_barcode_numbering(&db).unwrap().next,
        9,
        "saved once, at the end"
    );
    create_title(
        &db,
        &me,
        &named("下一本"),
        &NewCopies {
            count: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(codes("下一本"), ["YL000009"]);
}

fn named(title: &str) -> shuxiang_core::catalog::NewTitle {
    shuxiang_core::catalog::NewTitle {
        title: title.into(),
        ..Default::default()
    }
}

#[test]
fn a_generated_barcode_is_never_the_one_scanned_for_the_same_book() {
    use shuxiang_core::catalog::{
        self, BarcodeNumbering, NewCopies, change_copy_barcode_numbering, create_title,
        import_books_file,
    };
    let db = Db::open_in_memory().unwrap();
    let me = Actor::CommandLine;
    let numbering = BarcodeNumbering {
        prefix: "YL".into(),
        next: 5,
    };
    change_copy_barcode_numbering(&db, &me, &numbering).unwrap();
    let codes = |text: &str| -> Vec<String> {
        let title = &catalog::search(&db, text, 0, 5).unwrap().items[0];
        title_detail(&db, title.id)
            .unwrap()
            .copies
            .into_iter()
            .map(|c| c.barcode)
            .collect()
    };
    // A row with its first copy labelled with the number the sequence is at.
    let list = "书名,条码,册数\n丙书,YL000005,2\n";
    let report = import_books_file(
        &db,
        &me,
        "书单.csv",
        list.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed, "{:?}", report.errors);
    assert_eq!(codes("丙书"), ["YL000005", "YL000006"]);
    // The same on the form.
    let form = NewCopies {
        barcodes: vec!["YL000007".into()],
        count: 1,
        ..Default::default()
    };
    create_title(&db, &me, &named("丁书"), &form).unwrap();
    assert_eq!(codes("丁书"), ["YL000007", "YL000008"]);
}
