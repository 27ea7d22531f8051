//! MARC import against real files other systems wrote (`../shared/samples`):
//! MARC21 in UTF-8 and MARC-8, MARC XML, UNIMARC with Chinese records, and
//! broken records — plus CNMARC in GB18030 and CNMARC XML inside an SRU
//! response, built here the way Chinese library servers deliver them.

mod support;

use std::path::PathBuf;

use support::{iso2709, sub};

use shuxiang_core::catalog::{
    BookFileFormat, Title, import_books, read_book_file, search, title_detail,
};
use shuxiang_core::import::{ImportOptions, ImportReport};
use shuxiang_core::{Actor, Db};

fn sample(path: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/samples")
        .join(path);
    std::fs::read(&p)
        .unwrap_or_else(|e| panic!("the shared sample {} is readable: {e}", p.display()))
}

fn import(db: &Db, bytes: &[u8], name: &str) -> ImportReport {
    let sheet = read_book_file(bytes, name, BookFileFormat::Auto).unwrap();
    import_books(db, &Actor::CommandLine, &sheet, ImportOptions::default()).unwrap()
}

fn find(db: &Db, q: &str) -> Title {
    search(db, q, 0, 5)
        .unwrap()
        .items
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("{q} is found"))
}

#[test]
fn marc21_in_utf8_maps_020_100_245_250_260_to_the_title() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &sample("marc21/chabon.mrc"), "chabon.mrc");
    assert_eq!((r.inserted, r.errors.len()), (2, 0), "{:?}", r.errors);
    let t = find(&db, "9780679450047");
    assert_eq!(
        t.title, "The amazing adventures of Kavalier and Clay",
        "ISBD punctuation is trimmed"
    );
    assert_eq!(t.subtitle.as_deref(), Some("a novel"));
    assert_eq!(t.authors.as_deref(), Some("Chabon, Michael"));
    assert_eq!(t.publisher.as_deref(), Some("Random House"));
    assert_eq!(t.year.as_deref(), Some("c2000"));
    assert!(
        r.warnings.is_empty(),
        "c2000 is an ordinary MARC year: {:?}",
        r.warnings
    );
    assert_eq!(find(&db, "Summerland").edition.as_deref(), Some("1st ed"));
}

#[test]
fn marc_xml_gives_the_same_titles_as_the_binary_file() {
    let (binary, xml) = (Db::open_in_memory().unwrap(), Db::open_in_memory().unwrap());
    import(&binary, &sample("marc21/chabon.mrc"), "chabon.mrc");
    let r = import(&xml, &sample("marc21/chabon.xml"), "chabon.xml");
    assert_eq!((r.inserted, r.errors.len()), (2, 0));
    for q in ["9780679450047", "9780786808779"] {
        let (a, b) = (find(&binary, q), find(&xml, q));
        assert_eq!(
            (a.title, a.authors, a.publisher, a.year),
            (b.title, b.authors, b.publisher, b.year)
        );
    }
}

#[test]
fn marc21_files_with_many_scripts_and_in_marc8_read_without_errors() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &sample("marc21/marc.dat"), "marc.dat");
    assert_eq!((r.inserted + r.updated, r.errors.len()), (20, 0));
    assert_eq!(
        find(&db, "Learning Python").authors.as_deref(),
        Some("Lutz, Mark；Ascher, David")
    );
    let db = Db::open_in_memory().unwrap();
    let r = import(
        &db,
        &sample("marc21/brkrtest_UTF8.mrc"),
        "brkrtest_UTF8.mrc",
    );
    assert_eq!(
        (r.inserted + r.updated, r.errors.len()),
        (8, 0),
        "{:?}",
        r.errors
    );
}

#[test]
fn ansel_diacritics_of_a_marc8_record_become_unicode() {
    let record = iso2709(
        b' ',
        &[
            ("001", b"m8-1".to_vec()),
            (
                "245",
                sub(
                    "10",
                    &[('a', b"Les mis\xe2erables /"), ('c', b"Victor Hugo.")],
                ),
            ),
            ("260", sub("  ", &[('b', b"Gallimard,"), ('c', b"1995.")])),
        ],
    );
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record, "hugo.mrc");
    assert_eq!(r.inserted, 1, "{:?}", r.errors);
    assert_eq!(
        find(&db, "Gallimard").title,
        "Les misérables",
        "E2 before e is é"
    );
}

#[test]
fn unimarc_chinese_records_take_their_han_script_fields() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &sample("unimarc/bnf_unimarc_utf8.mrc"), "bnf.mrc");
    assert_eq!(
        (r.inserted + r.updated, r.errors.len()),
        (148, 0),
        "{:?}",
        r.errors
    );
    let t = find(&db, "中国修辞学通史");
    assert_eq!(
        t.isbn.as_deref(),
        Some("9787538336115"),
        "010 $a, ISBN-10 stored as ISBN-13"
    );
    // 200 $i, the volume's name, stays with the title: volumes stay apart.
    assert_eq!(t.title, "中国修辞学通史 隋唐五代宋金元卷");
    assert_eq!(t.authors.as_deref(), Some("宗廷虎, 李金苓著"));
    assert_eq!(t.publisher.as_deref(), Some("吉林教育出版社"));
    assert_eq!(t.year.as_deref(), Some("1998"));
    assert_eq!(
        find(&db, "zgxcxts").id,
        t.id,
        "initials of the Chinese title"
    );
}

#[test]
fn a_cnmarc_record_in_gb18030_maps_010_200_210_606_690_701_905() {
    let gb = |s: &str| encoding_rs::GB18030.encode(s).0.into_owned();
    let record = iso2709(
        b' ',
        &[
            ("001", b"CN0001".to_vec()),
            (
                "010",
                sub("  ", &[('a', b"978-7-01-022485-5"), ('d', &gb("CNY45.00"))]),
            ),
            (
                "200",
                sub(
                    "1 ",
                    &[('a', &gb("中国共产党简史")), ('f', &gb("本书编写组编"))],
                ),
            ),
            (
                "210",
                sub(
                    "  ",
                    &[('a', &gb("北京")), ('c', &gb("人民出版社")), ('d', b"2021")],
                ),
            ),
            (
                "606",
                sub("0 ", &[('a', &gb("中国共产党")), ('x', &gb("党史"))]),
            ),
            ("690", sub("  ", &[('a', b"D23"), ('v', b"5")])),
            ("701", sub(" 0", &[('a', &gb("本书编写组"))])),
            (
                "905",
                sub(
                    "  ",
                    &[
                        ('a', b"SXYLS"),
                        ('b', b"C0001"),
                        ('c', &gb("政治区1架")),
                        ('d', b"D23"),
                        ('e', b"12"),
                    ],
                ),
            ),
        ],
    );
    assert!(
        std::str::from_utf8(&record).is_err(),
        "the record really is GB18030, not UTF-8"
    );
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record, "cnmarc.iso");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = find(&db, "C0001");
    assert_eq!(t.title, "中国共产党简史");
    assert_eq!(t.isbn.as_deref(), Some("9787010224855"));
    assert_eq!(t.price.as_deref(), Some("CNY45.00"));
    assert_eq!(t.authors.as_deref(), Some("本书编写组"));
    assert_eq!(
        (t.publisher.as_deref(), t.year.as_deref()),
        (Some("人民出版社"), Some("2021"))
    );
    assert_eq!(t.subjects.as_deref(), Some("中国共产党-党史"));
    assert_eq!(
        (t.clc.as_deref(), t.call_number.as_deref()),
        (Some("D23"), Some("D23/12"))
    );
    let copies = title_detail(&db, t.id).unwrap().copies;
    assert_eq!(copies[0].location.as_deref(), Some("政治区1架"));
}

#[test]
fn cnmarc_headings_keep_their_subdivisions_and_a_whole_call_number_in_905_d_is_kept() {
    let record = iso2709(
        b' ',
        &[
            ("001", b"CN0002".to_vec()),
            ("200", sub("1 ", &[('a', "县域经济十讲".as_bytes())])),
            (
                "606",
                sub(
                    "0 ",
                    &[
                        ('a', "县级经济".as_bytes()),
                        ('x', "经济发展".as_bytes()),
                        ('y', "中国".as_bytes()),
                    ],
                ),
            ),
            ("606", sub("0 ", &[('a', "区域经济".as_bytes())])),
            ("610", sub("0 ", &[('a', "县域治理".as_bytes())])),
            ("690", sub("  ", &[('a', b"F127")])),
            ("905", sub("  ", &[('b', b"C0002"), ('d', b"F127/38")])),
        ],
    );
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &record, "cnmarc.iso");
    assert_eq!((r.inserted, r.errors.len()), (1, 0), "{:?}", r.errors);
    let t = find(&db, "C0002");
    assert_eq!(
        t.subjects.as_deref(),
        Some("县级经济-经济发展-中国；区域经济；县域治理")
    );
    assert_eq!(
        t.call_number.as_deref(),
        Some("F127/38"),
        "the call number as the other library shelved it, not a new 种次号"
    );
}

#[test]
fn cnmarc_xml_inside_an_sru_response_is_read_in_its_own_namespace() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<srw:searchRetrieveResponse xmlns:srw="http://www.loc.gov/zing/srw/">
  <srw:numberOfRecords>1</srw:numberOfRecords>
  <srw:records><srw:record>
    <srw:recordSchema>info:srw/schema/8/unimarcxml-v0.1</srw:recordSchema>
    <srw:recordData>
      <u:record xmlns:u="http://www.bnf.fr/unimarc">
        <u:leader>00000nam  2200000   450 </u:leader>
        <u:controlfield tag="001">CN2</u:controlfield>
        <u:datafield tag="010" ind1=" " ind2=" "><u:subfield code="a">7-5097-1234-3</u:subfield></u:datafield>
        <u:datafield tag="200" ind1="1" ind2=" "><u:subfield code="a">长征 &amp; 远行</u:subfield><u:subfield code="f">王树增著</u:subfield></u:datafield>
        <u:datafield tag="210" ind1=" " ind2=" "><u:subfield code="c">人民文学出版社</u:subfield><u:subfield code="d">2006</u:subfield></u:datafield>
        <u:datafield tag="690" ind1=" " ind2=" "><u:subfield code="a">I25</u:subfield></u:datafield>
      </u:record>
    </srw:recordData>
  </srw:record></srw:records>
</srw:searchRetrieveResponse>"#;
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, xml.as_bytes(), "sru.xml");
    assert_eq!(
        (r.inserted, r.errors.len()),
        (1, 0),
        "one record, not the SRU wrapper too: {:?}",
        r.errors
    );
    let t = find(&db, "changzheng");
    assert_eq!(t.title, "长征 & 远行", "entities are decoded");
    assert_eq!(t.clc.as_deref(), Some("I25"));
    assert_eq!(t.isbn.as_deref(), Some("9787509712344"));
}

#[test]
fn broken_records_are_named_and_nothing_is_imported_unless_skipped() {
    let db = Db::open_in_memory().unwrap();
    let r = import(&db, &sample("broken/bad_records.mrc"), "bad_records.mrc");
    assert!(!r.errors.is_empty());
    assert!(
        r.errors
            .iter()
            .all(|e| e.message.contains(&format!("第 {} 条记录", e.row))),
        "{:?}",
        r.errors
    );
    assert!(!r.committed);
    assert_eq!(
        search(&db, "a", 0, 5).unwrap().total,
        0,
        "a file with a broken record changes nothing"
    );

    let bytes = sample("broken/bad_records.mrc");
    let sheet = read_book_file(&bytes, "bad_records.mrc", BookFileFormat::Marc).unwrap();
    let skip = ImportOptions {
        skip_bad_rows: true,
        ..Default::default()
    };
    let r = import_books(&db, &Actor::CommandLine, &sheet, skip).unwrap();
    assert!(r.inserted >= 1 && r.skipped == sheet.unreadable.len() && r.errors.is_empty());

    let r = import(
        &Db::open_in_memory().unwrap(),
        &sample("broken/bad_subfield_code.dat"),
        "x.dat",
    );
    // pymarc's file: a subfield code that is a character (á), and a
    // directory that counted that character as one byte.
    assert_eq!(
        (r.inserted, r.errors.len(), r.warnings.len()),
        (1, 0, 2),
        "an odd subfield code is read as data, the fields by their terminators, each with a warning"
    );
    for said in ["子字段代码", "字段结束符"] {
        assert!(
            r.warnings.iter().any(|w| w.message.contains(said)),
            "{said}: {:?}",
            r.warnings
        );
    }
    let r = import(
        &Db::open_in_memory().unwrap(),
        &sample("broken/bad_leaders_10_11.mrc"),
        "x.mrc",
    );
    assert_eq!(
        (r.inserted, r.errors.len()),
        (1, 0),
        "wrong leader positions 10-11 harm nothing"
    );
}

#[test]
fn a_truncated_file_names_its_last_record() {
    let bytes = sample("marc21/chabon.mrc");
    let cut = &bytes[..bytes.len() - 100];
    let r = import(&Db::open_in_memory().unwrap(), cut, "cut.mrc");
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].row, 2);
    assert!(
        r.errors[0].message.contains("截断"),
        "{}",
        r.errors[0].message
    );
}
