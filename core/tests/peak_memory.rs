//! Peak memory of reading each file built to harm, measured: the process's
//! high-water mark (VmHWM) is reset before each case and read after it, so
//! one test in its own binary measures the cases one after another. Each
//! stays under 300 MB. Linux only (`/proc/self/clear_refs`).

#![cfg(target_os = "linux")]

mod support;

use std::io::Write;

use shuxiang_core::catalog::{self, BookFileFormat};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::{Actor, Db};

const LIMIT_MB: u64 = 300;

fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kb: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kb / 1024
}

fn import(name: &str, bytes: &[u8]) -> Result<usize, String> {
    let db = Db::open_in_memory().unwrap();
    catalog::import_books_file(
        &db,
        &Actor::CommandLine,
        name,
        bytes,
        ImportOptions::default(),
    )
    .map(|r| r.inserted)
    .map_err(|e| e.to_string())
}

/// An .xlsx whose sharedStrings.xml inflates to `mb` megabytes.
fn xlsx_bomb(mb: usize) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let parts: [(&str, &str); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
    ];
    for (name, text) in parts {
        out.start_file(name, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    out.write_all(br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#).unwrap();
    out.start_file("xl/sharedStrings.xml", options).unwrap();
    out.write_all(br#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>"#).unwrap();
    let chunk = vec![b'a'; 1 << 20];
    for _ in 0..mb {
        out.write_all(&chunk).unwrap();
    }
    out.write_all(b"</t></si></sst>").unwrap();
    out.finish().unwrap().into_inner()
}

/// One case: reads its file, checks the answer, says what it read.
type Case = Box<dyn Fn() -> String>;

#[test]
fn each_hostile_file_is_read_in_bounded_memory() {
    if !reset_peak() {
        eprintln!("/proc/self/clear_refs cannot be written here: peak memory not measured");
        return;
    }
    let mut cases: Vec<(&str, Case)> = Vec::new();

    let bomb = xlsx_bomb(1024);
    cases.push((
        "xlsx: sharedStrings inflating to 1 GB",
        Box::new(move || {
            let r = import("bomb.xlsx", &bomb);
            assert!(r.as_ref().is_err_and(|e| e.contains("压缩炸弹")), "{r:?}");
            format!("{} KB on disk", bomb.len() / 1024)
        }),
    ));

    let mut far = support::one_book_workbook();
    far.worksheet_from_index(0)
        .unwrap()
        .write(1_048_575, 16_383, "远处")
        .unwrap();
    let far = far.save_to_buffer().unwrap();
    cases.push((
        "xlsx: cells at A1 and XFD1048576",
        Box::new(move || {
            let r = import("far.xlsx", &far);
            assert_eq!(r, Ok(1), "the far cell is under no known column");
            "1 book".into()
        }),
    ));

    let big_cell = format!(
        "书名,摘要\n乡土中国,{}\n",
        "文".repeat(50 * 1024 * 1024 / 3)
    );
    cases.push((
        "csv: one 50 MB cell",
        Box::new(move || {
            let r = import("cell.csv", big_cell.as_bytes());
            assert_eq!(r, Ok(1), "kept, cut with a warning");
            format!("{} MB file", big_cell.len() / (1024 * 1024))
        }),
    ));

    let mut wide = std::iter::once("书名".to_owned())
        .chain((1..1000).map(|i| format!("列{i}")))
        .collect::<Vec<_>>()
        .join(",");
    wide.push('\n');
    for r in 0..2000 {
        wide.push_str(&format!("书{r}"));
        wide.push_str(&",某个值".repeat(999));
        wide.push('\n');
    }
    cases.push((
        "csv: 1,000 columns × 2,000 rows",
        Box::new(move || {
            assert_eq!(import("wide.csv", wide.as_bytes()), Ok(2000));
            format!("{} MB file", wide.len() / (1024 * 1024))
        }),
    ));

    // Built inside the case: the file itself counts in its peak.
    cases.push((
        "csv: 300,000 rows × 17 columns, read in one piece",
        Box::new(|| {
            let csv = support::long_list(300_000, 17);
            let sheet =
                catalog::read_book_file(csv.as_bytes(), "long.csv", BookFileFormat::Csv).unwrap();
            assert_eq!(sheet.grid.len(), 300_001);
            format!("{} MB file", csv.len() / (1024 * 1024))
        }),
    ));

    cases.push((
        "csv: a flood of commas past the cap of cells",
        Box::new(|| {
            let line = ",".repeat(15_999) + "\n";
            let flood = format!("书名\n{}", line.repeat(2_001));
            let r = import("flood.csv", flood.as_bytes());
            assert!(r.as_ref().is_err_and(|e| e.contains("万个单元格")), "{r:?}");
            format!("{} MB file", flood.len() / (1024 * 1024))
        }),
    ));

    let mut dtd = String::from("<!ENTITY l0 \"lollollollollollollollollol\">");
    for i in 1..12 {
        dtd.push_str(&format!(
            "<!ENTITY l{i} \"{}\">",
            format!("&l{};", i - 1).repeat(10)
        ));
    }
    let laughs = format!(
        r#"<?xml version="1.0"?><!DOCTYPE collection [{dtd}]><collection xmlns="http://www.loc.gov/MARC21/slim"><record><leader>00000nam a2200000 a 4500</leader><datafield tag="245" ind1="1" ind2="0"><subfield code="a">Laughs &l11;</subfield></datafield></record></collection>"#
    );
    cases.push((
        "MARC XML: a billion laughs",
        Box::new(move || {
            let sheet =
                catalog::read_book_file(laughs.as_bytes(), "l.xml", BookFileFormat::Auto).unwrap();
            assert_eq!(sheet.grid.len(), 2, "a header and one record");
            "1 record".into()
        }),
    ));

    let mut report = Vec::new();
    for (name, case) in cases {
        assert!(reset_peak());
        let what = case();
        let peak = peak_mb();
        report.push(format!("{name}: peak {peak} MB ({what})"));
        assert!(peak < LIMIT_MB, "{name}: peak {peak} MB");
    }
    eprintln!("{}", report.join("\n"));
}
