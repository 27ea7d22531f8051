//! Inputs built to harm, or that arrive at a bad moment, are refused in
//! Chinese with nothing saved: an .xlsx zip bomb, a lying or broken zip, a
//! sheet past the cell cap; a second import while the first holds the
//! database, an import during a backup; an attachment that walks out of
//! its folder, is too big or is not the image it claims to be. (Peak
//! memory of the worst of these: `peak_memory.rs`.)

mod support;

use shuxiang_core::catalog;
use shuxiang_core::import::ImportOptions;
use shuxiang_core::{Actor, Db, Error};
use support::{ME, xlsx_with};

fn refused(bytes: &[u8], name: &str) -> Error {
    let db = Db::open_in_memory().unwrap();
    let e =
        catalog::import_books_file(&db, &ME, name, bytes, ImportOptions::default()).unwrap_err();
    assert_eq!(
        catalog::list_titles(&db, &Default::default())
            .unwrap()
            .total,
        0,
        "nothing saved"
    );
    e
}

#[test]
fn an_xlsx_zip_bomb_is_refused_before_it_is_inflated_into_memory() {
    let bomb = xlsx_with("xl/sharedStrings.xml", |w| {
        w.write_all(b"<?xml version=\"1.0\"?><sst count=\"1\" uniqueCount=\"1\"><si><t>")
            .unwrap();
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..80 {
            w.write_all(&chunk).unwrap();
        }
        w.write_all(b"</t></si></sst>").unwrap();
    });
    assert!(bomb.len() < 2 << 20, "small on disk: {}", bomb.len());
    let e = refused(&bomb, "bomb.xlsx");
    assert!(e.to_string().contains("压缩炸弹"), "{e}");
}

#[test]
fn an_xlsx_claiming_billions_of_strings_is_refused() {
    let liar = xlsx_with("xl/sharedStrings.xml", |w| {
        w.write_all(
            b"<?xml version=\"1.0\"?><sst count=\"1\" uniqueCount=\"4000000000\"><si><t>a</t></si></sst>",
        )
        .unwrap();
    });
    let e = refused(&liar, "liar.xlsx");
    assert!(e.to_string().contains("共享字符串"), "{e}");
}

#[test]
fn an_xlsx_with_a_broken_central_directory_is_named_broken() {
    let mut good = xlsx_with("docProps/extra.xml", |w| w.write_all(b"<x/>").unwrap());
    let n = good.len();
    // The end-of-directory record points past the file.
    let at = (0..n - 3)
        .rev()
        .find(|&i| good[i..].starts_with(b"PK\x05\x06"))
        .unwrap();
    good[at + 16..at + 20].copy_from_slice(&u32::MAX.to_le_bytes());
    let e = refused(&good, "broken.xlsx");
    assert!(e.to_string().contains("已损坏"), "{e}");
    let e = refused(&good[..n - 30], "cut.xlsx");
    assert_eq!(e.code(), "invalid", "{e}");
}

#[test]
fn two_far_apart_cells_do_not_allocate_the_rectangle_between_them() {
    let mut book = support::one_book_workbook();
    book.worksheet_from_index(0)
        .unwrap()
        .write(1_048_575, 16_383, "远处")
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let grid = shuxiang_core::import::read_grid(&bytes, "far.xlsx").unwrap();
    assert_eq!(grid.len(), 3);
    assert_eq!(grid.row(1), ["乡土中国", "费孝通"]);
    assert_eq!(grid.row(2).len(), 16_384);
}

#[test]
fn a_sheet_of_a_thousand_columns_and_a_csv_past_the_cell_cap() {
    let header: Vec<String> = std::iter::once("书名".to_owned())
        .chain((1..1000).map(|i| format!("列{i}")))
        .collect();
    let mut csv = header.join(",") + "\n";
    for r in 0..200 {
        csv.push_str(&format!("书{r}"));
        csv.push_str(&",x".repeat(999));
        csv.push('\n');
    }
    let db = Db::open_in_memory().unwrap();
    let r = catalog::import_books_file(&db, &ME, "wide.csv", csv.as_bytes(), Default::default())
        .unwrap();
    assert_eq!((r.inserted, r.errors.len()), (200, 0));
    assert_eq!(r.ignored_columns.len(), 999);

    let commas = ",".repeat(6_000_000);
    let e = refused(format!("书名{commas}\n").as_bytes(), "commas.csv");
    assert!(e.to_string().contains("万个单元格"), "{e}");
}

#[test]
fn a_flood_of_commas_over_many_lines_is_refused_at_the_cell_cap() {
    // Each line within Excel's width, all of them past the table's cap: at
    // four bytes an empty cell, the cap is what bounds the memory.
    let line = ",".repeat(15_999) + "\n";
    let lines = shuxiang_core::import::MAX_CELLS / 16_000 + 1;
    let flood = format!("书名,作者\n{}", line.repeat(lines));
    let e = refused(flood.as_bytes(), "flood.csv");
    assert!(e.to_string().contains("万个单元格"), "{e}");
}

#[test]
fn a_list_of_three_hundred_thousand_rows_and_seventeen_columns_is_read_in_one_piece() {
    let csv = support::long_list(300_000, 17);
    let grid = shuxiang_core::import::read_grid(csv.as_bytes(), "long.csv").unwrap();
    assert_eq!(
        (grid.len(), grid.row(300_000).len()),
        (300_001, 17),
        "5.1 million cells, once refused past 5 million"
    );
    assert_eq!(grid.row(300_000).get(0), "书300000");
}

/// Two imports at once on one data file (the app and the command line):
/// the second waits for the first; if the first holds on past the wait, the
/// second is refused in Chinese — never a raw "database is locked" — and
/// saves nothing.
#[test]
fn a_second_import_waits_or_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    let app = Db::open(&path).unwrap();
    let cli = Db::open(&path).unwrap();
    let list = |title: &str| format!("书名,作者\n{title},某某\n");

    // Another process's write transaction, held for a moment.
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(800));
        holder.execute_batch("COMMIT").unwrap();
    });
    let r = catalog::import_books_file(
        &cli,
        &ME,
        "a.csv",
        list("等一等").as_bytes(),
        Default::default(),
    )
    .unwrap();
    assert_eq!(r.inserted, 1, "the second import waited and went through");
    release.join().unwrap();

    // Held past the wait.
    let holder = rusqlite::Connection::open(&path).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let e = catalog::import_books_file(
        &app,
        &ME,
        "b.csv",
        list("不等了").as_bytes(),
        Default::default(),
    )
    .unwrap_err();
    holder.execute_batch("ROLLBACK").unwrap();
    assert!(matches!(e, Error::Busy(_)), "{e:?}");
    let message = e.to_string();
    assert!(
        message.contains("稍候") && !message.contains("locked"),
        "{message}"
    );
    assert_eq!(
        catalog::search(&app, "不等了", 0, 1).unwrap().total,
        0,
        "nothing half-saved"
    );
}

/// A backup taken while an import writes: both finish, the backup is a
/// sound snapshot, the import is whole.
#[test]
fn an_import_while_a_backup_runs_both_finish() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    let db = std::sync::Arc::new(Db::open(&path).unwrap());
    let mut csv = String::from("书名,作者\n");
    for i in 0..3000 {
        csv.push_str(&format!("书{i},作者{i}\n"));
    }
    catalog::import_books_file(&db, &ME, "a.csv", csv.as_bytes(), Default::default()).unwrap();
    let file = dir.path().join("backup.db");
    let backup = {
        let db = db.clone();
        let file = file.clone();
        std::thread::spawn(move || shuxiang_core::backup::backup_to(&db, &file))
    };
    let more = csv.replace("\n书", "\n新书");
    let r =
        catalog::import_books_file(&db, &ME, "b.csv", more.as_bytes(), Default::default()).unwrap();
    assert_eq!(r.inserted, 3000);
    backup.join().unwrap().unwrap();
    shuxiang_core::backup::verify_backup_file(&file).unwrap();
    let restored = Db::open(&file).unwrap();
    let held = catalog::list_titles(&restored, &Default::default())
        .unwrap()
        .total;
    assert!(
        held == 3000 || held == 6000,
        "a snapshot, not half an import: {held}"
    );
}

#[test]
fn an_attachment_that_walks_out_is_too_big_or_is_no_image_is_refused_or_kept_safely() {
    let db = Db::open_in_memory().unwrap();
    shuxiang_core::demo::load_demo(
        &db,
        &Actor::CommandLine,
        shuxiang_core::demo::DemoOptions {
            volumes: 30,
            ..Default::default()
        },
    )
    .unwrap();
    let session = shuxiang_core::sharing::sessions_between(
        &db,
        "2000-01-01".parse().unwrap(),
        "2100-01-01".parse().unwrap(),
        None,
    )
    .unwrap()[0]
        .id;
    let add = |name: &str, bytes: &[u8]| {
        shuxiang_core::sharing::add_attachment(&db, &ME, session, name, bytes)
    };
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
    let kept = add("../../../数据/shuxiang.db/../合影.jpg", &jpeg).unwrap();
    assert!(
        kept.attachments.iter().any(|a| a.name == "合影.jpg"),
        "only the file's own name is kept"
    );
    for (name, bytes, field) in [
        ("..", &jpeg[..], "name"),
        ("CON.jpg", &jpeg[..], "name"),
        ("合影.jpg", b"MZ\x90\0 a program".as_slice(), "file"),
        ("合影.png", &jpeg[..], "file"),
        ("空.jpg", b"".as_slice(), "file"),
    ] {
        let e = add(name, bytes).unwrap_err();
        assert_eq!(e.field(), Some(field), "{name}: {e}");
    }
    let huge = vec![0xFFu8; shuxiang_core::sharing::MAX_ATTACHMENT + 1];
    let e = add("大.jpg", &huge).unwrap_err();
    assert!(e.to_string().contains("20 MB"), "{e}");
    assert!(
        add("讲稿.pptx", b"PK\x03\x04slides").is_ok(),
        "other files are kept as they are"
    );

    // Saved for the user twice: two files, neither overwritten.
    let id = kept
        .attachments
        .iter()
        .find(|a| a.name == "合影.jpg")
        .unwrap()
        .id;
    let out = tempfile::tempdir().unwrap();
    let first = shuxiang_core::sharing::save_attachment_for_user(&db, id, out.path()).unwrap();
    let second = shuxiang_core::sharing::save_attachment_for_user(&db, id, out.path()).unwrap();
    assert_ne!(first, second);
    assert!(second.ends_with("合影 (2).jpg"), "{second}");
    for p in [first, second] {
        let _ = std::fs::remove_file(p);
    }
}
