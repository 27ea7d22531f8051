//! A catalogue of a million rows imports from one CSV file, in under 1 GB
//! (issue 24: the table was once refused past five million cells). A
//! minute in a release build, far longer in a debug one, so it is left out
//! of the usual run: `cargo test --release -p shuxiang-core --test
//! large_import -- --ignored`. Its speed is measured by
//! `scripts/bench-import`, not here.

use std::fmt::Write;

use shuxiang_core::catalog::{self, BookFileFormat};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::{Actor, Db};

/// The ISBN-13 978-7-… numbered `n`, with its check digit.
fn isbn(n: usize) -> String {
    let body = format!("9787{n:08}");
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// The process's high-water mark of resident memory, when Linux tells it.
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? / 1024)
}

#[test]
#[ignore = "a minute in release, longer in debug: run with --release -- --ignored"]
fn a_million_row_csv_imports_in_one_file_in_under_a_gigabyte() {
    const ROWS: usize = 1_000_000;
    let mut csv = String::from("ISBN,书名,作者,出版社,出版年,分类号,价格,馆藏位置\n");
    for i in 0..ROWS {
        writeln!(
            csv,
            "{},中国近代史研究第{i}卷,某某{} 著,人民出版社,{},K25,{}.00,A区{}架",
            isbn(i),
            i % 997,
            1980 + i % 45,
            20 + i % 80,
            i % 40
        )
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("big.db")).unwrap();
    let sheet = catalog::read_book_file(csv.as_bytes(), "big.csv", BookFileFormat::Auto).unwrap();
    drop(csv);
    let report =
        catalog::import_books(&db, &Actor::CommandLine, &sheet, ImportOptions::default()).unwrap();
    assert!(report.errors.is_empty(), "{:?}", &report.errors[..3]);
    assert_eq!(report.inserted, ROWS, "every row a title of its own");
    let found = catalog::search(&db, &isbn(ROWS - 1), 0, 5).unwrap();
    assert_eq!(found.total, 1, "the last row is there and found");
    if let Some(peak) = peak_mb() {
        eprintln!("peak {peak} MB");
        assert!(peak <= 1024, "peak {peak} MB, over 1 GB");
    }
}
