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

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/marc")
            .join(name),
    )
    .unwrap()
}

/// OCLC's record of a Chinese book (Open Library's test file): the title,
/// edition, publisher and translator in 880s beside their pinyin.
#[test]
fn a_marc21_record_with_880s_gives_the_chinese_title_and_keeps_the_pinyin() {
    let bytes = fixture("880_alternate_script.mrc");
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "880_alternate_script.mrc",
        &bytes,
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 1);
    let found = catalog::search(&db, "乔布斯", 0, 5).unwrap();
    assert_eq!(found.items.len(), 1, "found by its Chinese title");
    let book = &found.items[0];
    assert_eq!(book.title, "乔布斯的秘密日记");
    let title = catalog::title_detail(&db, book.id).unwrap().title;
    assert_eq!(title.publisher.as_deref(), Some("中信出版社"));
    assert_eq!(title.edition.as_deref(), Some("第1版"));
    let authors = title.authors.clone().unwrap_or_default();
    assert!(
        authors.contains("刘宁"),
        "the translator in Chinese: {authors}"
    );
    assert_eq!(
        title.alt_title.as_deref(),
        Some("Qiaobusi de mi mi ri ji"),
        "the romanised title kept"
    );
    // Found too by the romanised title the record gave.
    let by_pinyin = catalog::search(&db, "Qiaobusi", 0, 5).unwrap();
    assert_eq!(by_pinyin.items.len(), 1);
}

/// Columbia's record of a Japanese book: titles and names in kanji.
#[test]
fn a_japanese_record_gives_its_kanji_title_and_names() {
    let bytes = fixture("880_Nihon_no_chasho.mrc");
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "880_Nihon_no_chasho.mrc",
        &bytes,
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let found = catalog::search(&db, "茶書", 0, 5).unwrap();
    assert_eq!(found.items.len(), 1);
    let title = catalog::title_detail(&db, found.items[0].id).unwrap().title;
    assert_eq!(title.title, "日本 の 茶書");
    assert_eq!(title.publisher.as_deref(), Some("平凡社"));
    let authors = title.authors.clone().unwrap_or_default();
    assert!(authors.contains("林屋"), "{authors}");
}

/// The record rewritten the way an exporter that counts characters, not
/// bytes, writes it: every length and start in characters.
fn counted_in_characters(record: &[u8]) -> Vec<u8> {
    let base: usize = std::str::from_utf8(&record[12..17])
        .unwrap()
        .parse()
        .unwrap();
    let directory = &record[24..base - 1];
    let mut out_dir = Vec::new();
    let mut start = 0;
    for entry in directory.chunks(12) {
        let len: usize = std::str::from_utf8(&entry[3..7]).unwrap().parse().unwrap();
        let from: usize = std::str::from_utf8(&entry[7..12]).unwrap().parse().unwrap();
        let data = &record[base + from..base + from + len];
        let chars = String::from_utf8_lossy(data).chars().count();
        out_dir.extend_from_slice(&entry[..3]);
        out_dir.extend_from_slice(format!("{chars:04}{start:05}").as_bytes());
        start += chars;
    }
    let total = String::from_utf8_lossy(record).chars().count();
    let mut out = format!("{total:05}").into_bytes();
    out.extend_from_slice(&record[5..24]);
    out.extend_from_slice(&out_dir);
    out.extend_from_slice(&record[base - 1..]);
    out
}

#[test]
fn an_iso_file_with_lengths_counted_in_characters_keeps_every_field_whole() {
    let bytes = fixture("880_alternate_script.mrc");
    let damaged = counted_in_characters(&bytes);
    assert_ne!(damaged, bytes, "the record has multibyte characters");
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "counted.mrc",
        &damaged,
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 1);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("字段结束符")),
        "said: {:?}",
        report.warnings
    );
    let found = catalog::search(&db, "乔布斯", 0, 5).unwrap();
    let title = catalog::title_detail(&db, found.items[0].id).unwrap().title;
    assert_eq!(title.year.as_deref(), Some("2010"), "the year whole");
    assert_eq!(title.publisher.as_deref(), Some("中信出版社"));
    assert_eq!(title.isbn.as_deref(), Some("9787508617725"));
}

/// Records as other libraries hold them: an 020 with a wrong check digit,
/// a title only in 245 $k, one only in 240.
#[test]
fn harmless_quirks_of_other_libraries_records_are_taken_with_a_warning() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="020" ind1=" " ind2=" "><subfield code="a">9787508617726</subfield></datafield>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">国家治理 /</subfield></datafield>
 </record>
 <record><leader>00000ctm a2200000 a 4500</leader>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="k">Papers,</subfield><subfield code="f">1920-1950.</subfield></datafield>
 </record>
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="240" ind1="1" ind2="0"><subfield code="a">Works.</subfield><subfield code="l">Chinese</subfield></datafield>
  <datafield tag="260" ind1=" " ind2=" "><subfield code="c">1998.</subfield></datafield>
 </record>
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="084" ind1=" " ind2=" "><subfield code="a">320.951</subfield><subfield code="2">ddc</subfield></datafield>
  <datafield tag="084" ind1=" " ind2=" "><subfield code="a">D630</subfield><subfield code="2">clc</subfield></datafield>
  <datafield tag="245" ind1="0" ind2="0"><subfield code="a">公共管理学</subfield></datafield>
 </record>
</collection>"#;
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "others.xml",
        xml.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 4);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("9787508617726")),
        "{:?}",
        report.warnings
    );
    let governance = catalog::search(&db, "国家治理", 0, 5).unwrap().items[0].clone();
    assert_eq!(governance.isbn, None, "a wrong ISBN is not taken as one");
    assert!(
        governance
            .note
            .unwrap_or_default()
            .contains("9787508617726"),
        "kept in the note"
    );
    assert_eq!(
        catalog::search(&db, "Papers", 0, 5).unwrap().total,
        1,
        "245 $k"
    );
    assert_eq!(catalog::search(&db, "Works", 0, 5).unwrap().total, 1, "240");
    let public = catalog::search(&db, "公共管理学", 0, 5).unwrap().items[0].clone();
    assert_eq!(
        public.clc.as_deref(),
        Some("D630"),
        "the 084 whose $2 is clc"
    );
    assert!(
        !report
            .warnings
            .iter()
            .any(|w| w.message.contains("320.951")),
        "another scheme's number is no concern of the CLC: {:?}",
        report.warnings
    );
}

/// Two editions of one book in a list without ISBNs stay two titles; two
/// copies of one edition become one title with two copies, and the dry run
/// says so.
#[test]
fn editions_without_isbns_stay_apart_and_each_merge_is_listed() {
    let csv = "书名,作者,出版社,出版年\n\
        中国哲学简史,冯友兰,新世界出版社,2004\n\
        中国哲学简史,冯友兰,北京大学出版社,2013\n\
        中国哲学简史,冯友兰,新世界出版社,2004年1月\n\
        中国哲学简史,冯友兰,新世界出版社,2017\n";
    let db = Db::open_in_memory().unwrap();
    let preview =
        catalog::import_books_file(&db, &Actor::CommandLine, "书.csv", csv.as_bytes(), dry())
            .unwrap();
    assert_eq!((preview.inserted, preview.updated), (3, 1));
    let merges: Vec<_> = preview
        .warnings
        .iter()
        .filter(|w| w.message.contains("复本"))
        .collect();
    assert_eq!(merges.len(), 1, "{:?}", preview.warnings);
    assert_eq!(merges[0].row, 3);
    assert_eq!(
        merges[0].line,
        Some(4),
        "the CSV line, the header being line 1"
    );
    assert!(
        merges[0].message.contains("第 2 行"),
        "{}",
        merges[0].message
    );

    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "书.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed);
    let found = catalog::search(&db, "中国哲学简史", 0, 10).unwrap();
    assert_eq!(found.total, 3, "three editions");
    let copies: Vec<(Option<String>, Option<String>, i64)> = found
        .items
        .iter()
        .map(|t| (t.publisher.clone(), t.year.clone(), t.copies))
        .collect();
    assert!(
        copies.contains(&(Some("新世界出版社".into()), Some("2004".into()), 2)),
        "{copies:?}"
    );
    // The same list again: every row a copy of what is in the catalogue.
    let again =
        catalog::import_books_file(&db, &Actor::CommandLine, "书.csv", csv.as_bytes(), dry())
            .unwrap();
    assert_eq!((again.inserted, again.updated), (0, 4));
    assert!(again.warnings.iter().any(|w| w.message.contains("馆藏中")));
}

fn shared_sample(path: &str) -> Vec<u8> {
    std::fs::read(
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/samples")
            .join(path),
    )
    .unwrap()
}

/// MarcEdit's `.mrk` and MARC-in-JSON give the same rows as the ISO 2709
/// file they were written from (by pymarc).
#[test]
fn marcedit_text_and_marc_in_json_read_to_the_same_records_as_the_mrc() {
    use catalog::{BookFileFormat, read_book_file};
    for (mrc, base) in [
        (fixture("880_alternate_script.mrc"), "880_alternate_script"),
        (shared_sample("marc21/chabon.mrc"), "chabon"),
    ] {
        let from_mrc = read_book_file(&mrc, "a.mrc", BookFileFormat::Auto).unwrap();
        assert!(from_mrc.grid.len() > 1);
        for ext in ["mrk", "json"] {
            let name = format!("{base}.{ext}");
            let sheet = read_book_file(&fixture(&name), &name, BookFileFormat::Auto).unwrap();
            assert_eq!(sheet.grid, from_mrc.grid, "{name}");
            assert!(
                sheet.unreadable.is_empty(),
                "{name}: {:?}",
                sheet.unreadable
            );
            // Told as MARC when the user says MARC, too.
            let told = read_book_file(&fixture(&name), &name, BookFileFormat::Marc).unwrap();
            assert_eq!(told.grid, from_mrc.grid, "{name} as --format marc");
        }
    }
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "880_alternate_script.mrk",
        &fixture("880_alternate_script.mrk"),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(report.inserted, 1);
    assert_eq!(catalog::search(&db, "乔布斯", 0, 5).unwrap().total, 1);
}

/// Files that are not what their name says, or nothing at all, are named
/// for what they are, with what to do — never 找不到表头行 or an encoding.
#[test]
fn misnamed_and_empty_files_are_named_for_what_they_are() {
    let chabon = shared_sample("marc21/chabon.mrc");
    let mut broken_leader = chabon.clone();
    broken_leader[..5].copy_from_slice(b"0x7f?");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.mrc", Vec::new(), "空文件"),
        ("blank.csv", b"\r\n\r\n".to_vec(), "空文件"),
        ("chabon.mrc.gz", fixture("chabon.mrc.gz"), "gzip"),
        (
            "books.mrc",
            b"title,author\nA,B\n".to_vec(),
            "内容不是 MARC 记录",
        ),
        ("broken.mrc", broken_leader, "头标区"),
        (
            "library.json",
            br#"{"books": [{"title": "A"}]}"#.to_vec(),
            "不是 MARC-in-JSON",
        ),
        ("scan.csv", b"%PDF-1.7\n...".to_vec(), "PDF"),
        (
            "saved.xml",
            "<?xml version=\"1.0\"?><rss><channel><title>新书</title></channel></rss>"
                .as_bytes()
                .to_vec(),
            "XML 或网页",
        ),
        ("password.xlsx", encrypted_workbook(), "打开密码"),
        (
            "馆藏导出.xls",
            "<html><body><table><tr><td>书名</td></tr><tr><td>乡土中国</td></tr></table></body></html>"
                .as_bytes()
                .to_vec(),
            "网页（HTML）格式的表格",
        ),
    ];
    for (name, bytes, said) in cases {
        let db = Db::open_in_memory().unwrap();
        let message =
            match catalog::import_books_file(&db, &Actor::CommandLine, name, &bytes, dry()) {
                Err(e) => e.to_string(),
                Ok(r) => r
                    .errors
                    .iter()
                    .map(|e| e.message.clone())
                    .collect::<Vec<_>>()
                    .join("；"),
            };
        assert!(message.contains(said), "{name}: {message}");
        assert!(
            !message.contains("找不到表头行") && !message.contains("文字编码"),
            "{name}: {message}"
        );
    }
    // A MARC file offered as a list of people says where it belongs.
    let db = Db::open_in_memory().unwrap();
    let e = people::import_people_file(&db, &Actor::CommandLine, "chabon.mrc", &chabon, dry())
        .unwrap_err();
    assert!(e.to_string().contains("MARC"), "{e}");
}

/// A real record's long title is kept whole; prices in another currency
/// are one line of the report, not one per row.
#[test]
fn a_long_title_is_kept_whole_and_foreign_prices_are_said_once() {
    let long: String = "关于加强和改进新时代基层治理的若干问题研究".repeat(27);
    assert!(long.chars().count() > 540);
    let csv = format!("书名,价格\n{long},USD 25.00\n乙,USD 30.00\n丙,NT$300\n丁,45.00元\n");
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "书.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed, "{:?}", report.errors);
    let prices: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.field == "price")
        .collect();
    assert_eq!(prices.len(), 1, "{prices:?}");
    assert!(
        prices[0].message.contains("共 3 行"),
        "{}",
        prices[0].message
    );
    assert!(
        report
            .warnings
            .iter()
            .filter(|w| w.field == "title")
            .all(|w| w.message.contains("完整保存")),
        "the title is not cut: {:?}",
        report.warnings
    );
    let all = catalog::list_titles(&db, &CatalogQuery::default()).unwrap();
    assert!(all.items.iter().any(|t| t.title == long), "kept whole");
}

/// Volumes keep apart: 245 $n/$p beside $a; one ISBN under two titles is
/// said; an 880 in MARC-8 East Asian codes falls back to the romanised title.
#[test]
fn volumes_stay_apart_and_an_undecoded_880_falls_back_to_the_romanised_title() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">习近平谈治国理政.</subfield><subfield code="n">第二卷</subfield></datafield>
 </record>
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">习近平谈治国理政.</subfield><subfield code="n">第三卷</subfield></datafield>
 </record>
 <record><leader>00000cam a2200000 a 4500</leader>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="6">880-01</subfield><subfield code="a">Zheng dang xue xi cai liao</subfield></datafield>
  <datafield tag="880" ind1="1" ind2="0"><subfield code="6">245-01/$1</subfield><subfield code="a">$1!2![J!HP!HP(B</subfield></datafield>
 </record>
</collection>"#;
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "v.xml",
        xml.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(report.inserted, 3, "{:?}", report.errors);
    assert_eq!(
        catalog::search(&db, "治国理政", 0, 5).unwrap().total,
        2,
        "two volumes"
    );
    assert_eq!(catalog::search(&db, "Zheng dang", 0, 5).unwrap().total, 1);
    assert!(
        report.warnings.iter().any(|w| w.message.contains("880")),
        "{:?}",
        report.warnings
    );

    let csv = "书名,ISBN\n毛泽东选集 第一卷,9787010009148\n毛泽东选集 第二卷,9787010009148\n";
    let db = Db::open_in_memory().unwrap();
    let report =
        catalog::import_books_file(&db, &Actor::CommandLine, "选集.csv", csv.as_bytes(), dry())
            .unwrap();
    assert_eq!((report.inserted, report.updated), (1, 1));
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.field == "isbn" && w.message.contains("不同卷册")),
        "{:?}",
        report.warnings
    );
}

/// The start of a workbook Excel saved with an opening password: an OLE
/// file whose directory names an "EncryptedPackage".
fn encrypted_workbook() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(2048, 0);
    bytes
}

/// A librarian's sheet: a title above the header, a blank row between the
/// books. An error names the row as Excel numbers it.
#[test]
fn a_problem_is_named_by_the_row_excel_shows() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("新书").unwrap();
    for (r, row) in [
        (0, ["2026年新书目录", "", ""]),
        (2, ["书名", "ISBN", "条码号"]),
        (3, ["万历十五年", "9787108009821", "SX0001"]),
        (5, ["乡土中国", "9787101052037", "SX0002"]),
        (6, ["重复的条码", "", "SX0001"]),
    ] {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write(r, c as u16, *v).unwrap();
            }
        }
    }
    let bytes = book.save_to_buffer().unwrap();
    let db = Db::open_in_memory().unwrap();
    let report =
        catalog::import_books_file(&db, &Actor::CommandLine, "新书.xlsx", &bytes, dry()).unwrap();
    let isbn = report.errors.iter().find(|e| e.field == "isbn").unwrap();
    assert_eq!(isbn.line, Some(6), "the sheet's row 6: {isbn:?}");
    let twice = report.errors.iter().find(|e| e.field == "barcode").unwrap();
    assert_eq!(twice.line, Some(7), "{twice:?}");
    assert!(twice.message.contains("与第 4 行重复"), "{}", twice.message);
    assert_eq!(twice.row, 3, "the JSON's row stays the data row");
    assert_eq!(report.sheet.as_deref(), Some("新书"));

    // A CSV with blank lines: the line as an editor numbers it.
    let csv = "书名,ISBN\n\n甲,9787108009821\n\n\n乙,9787101052036\n";
    let report =
        catalog::import_books_file(&db, &Actor::CommandLine, "书.csv", csv.as_bytes(), dry())
            .unwrap();
    let isbn = report.errors.iter().find(|e| e.field == "isbn").unwrap();
    assert_eq!(isbn.line, Some(6), "{isbn:?}");
    // The JSON carries it beside the row.
    let json = serde_json::to_value(&report.errors[0]).unwrap();
    assert_eq!(json["line"], 6);
}

#[test]
fn a_holdings_list_with_loan_columns_is_taken_for_its_books_and_the_loans_are_said_not_to_be() {
    let csv = "标准编码,题名,条码号,借阅人,应还日期,Year Published\n\
        9787108009821,万历十五年,SX0001,张三,2026-12-01,1982\n";
    let db = Db::open_in_memory().unwrap();
    let report = catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        "馆藏.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.inserted, 1);
    let hint = report.warnings.iter().find(|w| w.field == "file").unwrap();
    assert!(hint.message.contains("像是借阅记录"), "{}", hint.message);
    assert!(
        hint.message.contains("“借阅人”“应还日期”"),
        "{}",
        hint.message
    );
    let found = catalog::search(&db, "SX0001", 0, 5).unwrap();
    assert_eq!(
        found.items[0].title, "万历十五年",
        "条码号 and 标准编码 read"
    );
    let title = catalog::search(&db, "9787108009821", 0, 5).unwrap();
    assert_eq!(
        title.items[0].year.as_deref(),
        Some("1982"),
        "Year Published read"
    );
}
