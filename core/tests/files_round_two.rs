//! Files from elsewhere, round two: a reading room's own workbook with the
//! books on a later sheet, Goodreads' export, ISBN cells that are only a
//! long run of digits, and the sheet that is a loan log.

mod support;

use shuxiang_core::catalog::{self, CatalogQuery};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::people;
use shuxiang_core::{Actor, Db};

fn dry() -> ImportOptions {
    ImportOptions {
        dry_run: true,
        ..Default::default()
    }
}

/// A small reading room's workbook: readers first, then the books under
/// the words such lists use, then the loans.
fn reading_room_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let readers = book.add_worksheet().set_name("读者").unwrap();
    for (r, row) in [
        ["姓名", "部门", "借书证号", "电话"],
        ["张三", "办公厅", "R001", "13800000001"],
        ["李四", "研究室", "R002", "13800000002"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            readers.write(r as u32, c as u16, *v).unwrap();
        }
    }
    let books = book.add_worksheet().set_name("书籍").unwrap();
    for (r, row) in [
        [
            "书籍编号",
            "书籍名称",
            "作者",
            "出版社",
            "出版日期",
            "馆藏本数",
            "书籍位置",
            "内容简介",
        ],
        [
            "B0001",
            "乡土中国",
            "费孝通",
            "北京大学出版社",
            "2012年5月",
            "1",
            "A区1架",
            "社会学经典",
        ],
        [
            "B0002",
            "万历十五年",
            "黄仁宇",
            "中华书局",
            "2006",
            "1",
            "A区2架",
            "",
        ],
        [
            "B0003",
            "中国哲学简史",
            "冯友兰",
            "新世界出版社",
            "2004",
            "1",
            "A区3架",
            "",
        ],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            books.write(r as u32, c as u16, *v).unwrap();
        }
    }
    let loans = book.add_worksheet().set_name("借阅记录").unwrap();
    for (r, row) in [
        ["姓名", "书籍名称", "动作", "借书日期", "还书期限"],
        ["张三", "乡土中国", "借出", "2026-11-01", "2026-12-01"],
    ]
    .iter()
    .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            loans.write(r as u32, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_reading_rooms_workbook_gives_its_books_and_its_readers_from_their_own_sheets() {
    let bytes = reading_room_workbook();
    let db = Db::open_in_memory().unwrap();
    let report =
        catalog::import_books_file(&db, &Actor::CommandLine, "阅览室.xlsx", &bytes, dry()).unwrap();
    assert_eq!(report.sheet.as_deref(), Some("书籍"), "the sheet named");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 3);
    let used: Vec<(String, Option<String>)> = report
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.field.clone()))
        .collect();
    for (header, field) in [
        ("书籍名称", "title"),
        ("书籍编号", "barcode"),
        ("馆藏本数", "copies"),
        ("书籍位置", "location"),
        ("内容简介", "summary"),
    ] {
        assert!(
            used.contains(&(header.into(), Some(field.into()))),
            "{header}: {used:?}"
        );
    }
    let people =
        people::import_people_file(&db, &Actor::CommandLine, "阅览室.xlsx", &bytes, dry()).unwrap();
    assert_eq!(people.sheet.as_deref(), Some("读者"));
    assert_eq!(people.inserted, 2);
}

#[test]
fn a_loan_log_offered_as_a_book_list_says_what_it_looks_like() {
    let csv = "姓名,动作,借书日期,还书期限\n张三,借出,2026-11-01,2026-12-01\n";
    let db = Db::open_in_memory().unwrap();
    let e = catalog::import_books_file(&db, &Actor::CommandLine, "借阅.csv", csv.as_bytes(), dry())
        .unwrap_err();
    assert!(e.to_string().contains("借阅记录"), "{e}");
}

#[test]
fn goodreads_export_reads_its_excel_escaped_isbns() {
    let csv = "Book Id,Title,Author,ISBN,ISBN13,Publisher,Year Published\n\
        1,Matilda,Roald Dahl,=\"0142410373\",=\"9780142410370\",Puffin Books,2007\n\
        2,The Hobbit,J.R.R. Tolkien,=\"\",=\"9780547928227\",Mariner,2012\n";
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "goodreads_library_export.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 2);
    let hobbit = catalog::search(&db, "9780547928227", 0, 5).unwrap();
    assert_eq!(hobbit.items[0].title, "The Hobbit", "ISBN13 stands in");
    let matilda = catalog::search(&db, "0142410373", 0, 5).unwrap();
    assert_eq!(matilda.items[0].title, "Matilda");
    let all = catalog::list_titles(&db, &CatalogQuery::default()).unwrap();
    assert_eq!(all.total, 2);
}

#[test]
fn a_run_of_digits_longer_than_an_isbn_is_a_wrong_isbn() {
    let csv = "书名,ISBN\n甲,0000000000000\n乙,01234567890123456789\n";
    let db = Db::open_in_memory().unwrap();
    let report =
        catalog::import_books_file(&db, &Actor::CommandLine, "书.csv", csv.as_bytes(), dry())
            .unwrap();
    let isbn_errors = report.errors.iter().filter(|e| e.field == "isbn").count();
    assert_eq!(isbn_errors, 2, "{:?}", report.errors);
}
