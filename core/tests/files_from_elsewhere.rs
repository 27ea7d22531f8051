//! Files from elsewhere are taken as they come. Every MARC file in
//! `../shared/samples` and the records built here the way open-access
//! publishers, vendors and Chinese catalogues write them import whole: a
//! long field or an odd subfield code is a warning, never a refused book.
//! What is truly wrong still refuses, and entity tricks in XML expand
//! nothing. Files built to harm: `harmful_inputs.rs`.

mod support;

use std::path::PathBuf;

use shuxiang_core::catalog::{
    self, BookFileFormat, NewTitle, Title, import_books, read_book_file, search,
};
use shuxiang_core::import::{ImportOptions, ImportReport};
use shuxiang_core::people;
use shuxiang_core::{Actor, Db};
use support::{ME, iso2709, sub};

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples")
}

fn import(db: &Db, bytes: &[u8], name: &str) -> ImportReport {
    let sheet = read_book_file(bytes, name, BookFileFormat::Auto).unwrap();
    import_books(db, &Actor::CommandLine, &sheet, ImportOptions::default()).unwrap()
}

fn only(db: &Db) -> Title {
    let page = catalog::list_titles(db, &Default::default()).unwrap();
    assert_eq!(page.items.len(), 1, "one title");
    page.items.into_iter().next().unwrap()
}

/// Every file in the shared samples, with the records each gives: none
/// refused for a harmless field. The broken file's unreadable records are
/// the only ones left out, and only when asked to skip them.
#[test]
fn every_sample_file_imports_its_readable_records_whole() {
    let expected: &[(&str, usize, usize)] = &[
        // (file, records taken, records unreadable)
        ("marc21/marc.dat", 20, 0),
        ("marc21/chabon.mrc", 2, 0),
        ("marc21/chabon.xml", 2, 0),
        ("marc21/brkrtest_UTF8.mrc", 8, 0),
        ("unimarc/bnf_unimarc_utf8.mrc", 148, 0),
        ("broken/bad_leaders_10_11.mrc", 1, 0),
        ("broken/bad_subfield_code.dat", 1, 0),
        ("broken/bad_records.mrc", 2, 6),
    ];
    let mut seen = Vec::new();
    for entry in walk(&samples()) {
        let rel = entry
            .strip_prefix(samples())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel.ends_with(".md") {
            continue;
        }
        seen.push(rel.clone());
        let bytes = std::fs::read(&entry).unwrap();
        if rel == "cnmarc/marcdef.xml" {
            // A definition of CNMARC's fields, not a catalogue: named so.
            let e = read_book_file(&bytes, &rel, BookFileFormat::Auto).unwrap_err();
            assert!(e.to_string().contains("没有找到 MARC 记录"), "{e}");
            continue;
        }
        let &(_, taken, unreadable) = expected
            .iter()
            .find(|(f, ..)| *f == rel)
            .unwrap_or_else(|| panic!("{rel} has an expected count here"));
        let sheet = read_book_file(&bytes, &rel, BookFileFormat::Auto).unwrap();
        assert_eq!(
            sheet.unreadable.len(),
            unreadable,
            "{rel}: unreadable records"
        );
        let db = Db::open_in_memory().unwrap();
        let options = ImportOptions {
            skip_bad_rows: unreadable > 0,
            ..Default::default()
        };
        let r = import_books(&db, &Actor::CommandLine, &sheet, options).unwrap();
        assert!(
            r.errors.is_empty(),
            "{rel}: no record refused for a harmless field: {:?}",
            r.errors
        );
        assert_eq!(r.inserted + r.updated, taken, "{rel}: records taken");
        assert_eq!(r.skipped, unreadable, "{rel}: skipped");
    }
    seen.sort();
    assert_eq!(
        seen.len(),
        expected.len() + 1,
        "every sample was tried: {seen:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// An open-access book as a publisher's MARC21 gives it: 45 contributors,
/// a long subtitle, a long publisher statement, a long edition statement,
/// and a `"` where a subfield code should be in its summary.
#[test]
fn an_open_access_record_with_long_fields_and_an_odd_code_is_taken_whole() {
    let long_subtitle = "a comparative study of ".repeat(20);
    let long_publisher = "Published by the Open Book Collective and partners ".repeat(5);
    let long_edition = "First edition, revised and expanded with new chapters ".repeat(2);
    let mut fields = vec![
        ("001", b"oa-1".to_vec()),
        ("020", sub("  ", &[('a', b"9787300123455")])),
        ("100", sub("1 ", &[('a', b"Editor, First")])),
        (
            "245",
            sub(
                "10",
                &[('a', b"Open governance :"), ('b', long_subtitle.as_bytes())],
            ),
        ),
        ("250", sub("  ", &[('a', long_edition.as_bytes())])),
        (
            "260",
            sub(
                "  ",
                &[
                    ('a', b"Cambridge :"),
                    ('b', long_publisher.as_bytes()),
                    ('c', b"2021"),
                ],
            ),
        ),
        (
            "520",
            sub("  ", &[('a', b"A summary "), ('"', b"quoted words")]),
        ),
        ("590", sub("  ", &[('a', b"local"), ('!', b"odd")])),
    ];
    let names: Vec<String> = (1..=45)
        .map(|i| format!("Contributor{i:02}, Given Name"))
        .collect();
    for name in &names {
        fields.push(("700", sub("1 ", &[('a', name.as_bytes())])));
    }
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &iso2709(b'a', &fields), "oa.mrc");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = only(&db);
    let authors = t.authors.clone().unwrap();
    assert!(authors.chars().count() > 300, "all contributors are kept");
    assert!(authors.contains("Contributor01") && authors.contains("Contributor45"));
    assert!(t.subtitle.as_deref().unwrap().chars().count() > 300);
    assert!(t.publisher.as_deref().unwrap().chars().count() > 200);
    assert!(t.edition.as_deref().unwrap().chars().count() > 60);
    assert!(
        t.summary.as_deref().unwrap().contains("\"quoted words"),
        "the odd code in a mapped field is read as data: {:?}",
        t.summary
    );
    let warned: Vec<&str> = r.warnings.iter().map(|w| w.field.as_str()).collect();
    for field in ["subtitle", "authors", "publisher", "edition"] {
        assert!(
            warned.contains(&field),
            "{field} is warned about: {warned:?}"
        );
    }
    assert!(
        r.warnings
            .iter()
            .any(|w| w.message.contains("590") && w.message.contains("略过")),
        "the odd code in an unmapped field is passed over with a warning: {:?}",
        r.warnings
    );

    // The title holding what a form would refuse can still be edited.
    let mut edit = NewTitle::from(&t);
    edit.note = Some("已核对".into());
    let edited = catalog::edit_title(&db, &ME, t.id, &edit).unwrap();
    assert_eq!(
        edited.authors, t.authors,
        "the long authors stay as they were"
    );
    // But a form does not take a new value over its limit.
    let mut edit = NewTitle::from(&edited);
    edit.publisher = Some("出".repeat(201));
    let e = catalog::edit_title(&db, &ME, t.id, &edit).unwrap_err();
    assert_eq!(e.field(), Some("publisher"), "{e}");
}

#[test]
fn authors_past_the_generous_limit_are_cut_and_the_cut_named() {
    let name = "Member of the Drafting Committee, With A Long Affiliation ".repeat(2);
    let mut fields = vec![(
        "245",
        sub("10", &[('a', b"Proceedings of a very large assembly")]),
    )];
    let names: Vec<String> = (0..100).map(|i| format!("{i:03} {name}")).collect();
    for name in &names {
        fields.push(("700", sub("1 ", &[('a', name.as_bytes())])));
    }
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &iso2709(b'a', &fields), "big.mrc");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let authors = only(&db).authors.unwrap();
    assert_eq!(authors.chars().count(), 10_000, "cut at the kept limit");
    let w = r.warnings.iter().find(|w| w.field == "authors").unwrap();
    assert!(
        w.message.contains("10000") || w.message.contains("10,000") || w.message.contains("1 万"),
        "the cut is named: {}",
        w.message
    );
}

/// CNMARC from a Chinese vendor, in GB18030: 010$a holds the ISBN with its
/// binding or its price beside it.
#[test]
fn cnmarc_isbn_subfields_with_binding_and_price_are_taken_apart() {
    let gb = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    let record = |isbn_a: &str| {
        iso2709(
            b' ',
            &[
                ("010", sub("  ", &[('a', &gb(isbn_a))])),
                ("200", sub("1 ", &[('a', &gb("乡土中国"))])),
                ("701", sub(" 0", &[('a', &gb("费孝通"))])),
            ],
        )
    };
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record("978-7-01-022485-5（平装）"), "a.iso");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = only(&db);
    assert_eq!(t.isbn.as_deref(), Some("9787010224855"));
    assert!(
        t.note.as_deref().unwrap_or("").contains("平装"),
        "{:?}",
        t.note
    );
    assert!(!r.warnings.is_empty());

    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record("978-7-01-022485-5 : CNY45.00"), "b.iso");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = only(&db);
    assert_eq!(t.isbn.as_deref(), Some("9787010224855"));
    assert_eq!(t.price.as_deref(), Some("CNY45.00"));

    // Another library's record with a wrong check digit is taken, the
    // digits kept in the note, as MARC21's 020 is (issue 24).
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record("978-7-01-022485-9（平装）"), "c.iso");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    assert!(
        r.warnings.iter().any(|w| w.message.contains("010")),
        "{:?}",
        r.warnings
    );
    let t = only(&db);
    assert_eq!(t.isbn, None);
    assert!(t.note.unwrap_or_default().contains("978-7-01-022485-9"));
}

#[test]
fn marcxml_with_odd_codes_reads_them_as_marc21_does() {
    let xml = r##"<?xml version="1.0" encoding="UTF-8"?>
<collection xmlns="http://www.loc.gov/MARC21/slim">
 <record>
  <leader>00000nam a2200000 a 4500</leader>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Reading rooms</subfield></datafield>
  <datafield tag="520" ind1=" " ind2=" "><subfield code="a">About</subfield><subfield code="&quot;">them</subfield></datafield>
  <datafield tag="856" ind1="4" ind2="0"><subfield code="#">http://example.org</subfield></datafield>
 </record>
</collection>"##;
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, xml.as_bytes(), "a.xml");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    assert_eq!(only(&db).summary.as_deref(), Some("About\"them"));
    assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
}

/// Entities declared in a DTD are never expanded and never read from disk:
/// a "billion laughs" costs nothing, `file:///etc/passwd` is not opened.
#[test]
fn marcxml_with_a_dtd_expands_no_entity_and_reads_no_file() {
    let mut dtd = String::from("<!ENTITY lol0 \"lol\">\n");
    for i in 1..10 {
        let refs = format!("&lol{};", i - 1).repeat(10);
        dtd.push_str(&format!("<!ENTITY lol{i} \"{refs}\">\n"));
    }
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "SECRET-CONTENT").unwrap();
    dtd.push_str(&format!(
        "<!ENTITY xxe SYSTEM \"file://{}\">\n",
        secret.path().display()
    ));
    let xml = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE collection [
{dtd}]>
<collection xmlns="http://www.loc.gov/MARC21/slim">
 <record>
  <leader>00000nam a2200000 a 4500</leader>
  <datafield tag="245" ind1="1" ind2="0"><subfield code="a">Laughs &lol9;</subfield></datafield>
  <datafield tag="500" ind1=" " ind2=" "><subfield code="a">Note &xxe;</subfield></datafield>
 </record>
</collection>"#
    );
    let db = Db::open_in_memory().unwrap();
    let started = std::time::Instant::now();
    let r = import(&db, xml.as_bytes(), "a.xml");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "nothing was expanded"
    );
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = only(&db);
    assert_eq!(t.title, "Laughs", "the entity is left out");
    let all = format!("{t:?}");
    assert!(!all.contains("lol") && !all.contains("SECRET"), "{all}");
    let said: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        said.iter().any(|m| m.contains("&lol9;")) && said.iter().any(|m| m.contains("&xxe;")),
        "each left-out entity is named: {said:?}"
    );
}

#[test]
fn a_spreadsheet_keeps_long_fields_and_takes_isbn_cells_apart() {
    let csv = format!(
        "书名,作者,出版社,ISBN,价格\n\
         乡土中国,{authors},{publisher},978-7-01-022485-5 : CNY45.00,\n\
         中国经济,某某,人民出版社,ISBN 7-5097-1236-X/D·123,\n\
         政府工作,某某,人民出版社,978-7-300-12345-5（平装）,30.00\n",
        authors = "作者甲、".repeat(100),
        publisher = "出版社".repeat(80),
    );
    let db = Db::open_in_memory().unwrap();
    let r = catalog::import_books_file(
        &db,
        &ME,
        "list.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((r.inserted, r.errors.len()), (3, 0), "{:?}", r.errors);
    let one = search(&db, "9787010224855", 0, 1).unwrap().items.remove(0);
    assert_eq!(one.price.as_deref(), Some("CNY45.00"));
    assert!(one.authors.unwrap().chars().count() > 300);
    assert!(one.publisher.unwrap().chars().count() > 200);
    let two = search(&db, "中国经济", 0, 1).unwrap().items.remove(0);
    assert!(two.isbn.is_some());
    assert!(two.note.unwrap_or_default().contains("D·123"));
    let three = search(&db, "9787300123455", 0, 1).unwrap().items.remove(0);
    assert_eq!(three.price.as_deref(), Some("30.00"));
    assert!(three.note.unwrap_or_default().contains("平装"));
    assert!(
        r.warnings.len() >= 5,
        "each change is a warning: {:?}",
        r.warnings
    );

    // The same long author typed into the form is refused with a message.
    let e = catalog::create_title(
        &db,
        &ME,
        &NewTitle {
            title: "表单".into(),
            authors: Some("作者甲、".repeat(100)),
            ..Default::default()
        },
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("authors"), "{e}");
}

#[test]
fn a_person_with_a_100_kb_name_is_kept_cut_with_a_warning() {
    let db = Db::open_in_memory().unwrap();
    let csv = format!("姓名,类别\n{},机关干部\n", "名".repeat(35_000));
    let r =
        people::import_people_file(&db, &ME, "p.csv", csv.as_bytes(), Default::default()).unwrap();
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    assert!(
        r.warnings.iter().any(|w| w.field == "name"),
        "{:?}",
        r.warnings
    );
    let page = people::list_people(&db, &Default::default()).unwrap();
    assert_eq!(page.items[0].name.chars().count(), 50);
}
