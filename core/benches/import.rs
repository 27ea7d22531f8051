//! The import budget (DESIGN.md) as the librarian meets it: a real book
//! list repeated with distinct titles (a number appended, and an ISBN of
//! its own where the row had one) to 100,000 and 1,000,000 rows in one CSV
//! file, imported by the `shuxiang import books` process — wall clock and
//! peak memory from `/usr/bin/time -v` — beside its dry run (reading,
//! checking, pinyin and the rows' writes, without the search index) and the
//! engine's floor in the same run; then the demo's repetitive titles the
//! same way. Run by `scripts/bench-import`, which builds the release
//! `shuxiang` and says where the real lists come from.
//!
//! Settings: `SHUXIANG_BIN` the `shuxiang` to run (required);
//! `SHUXIANG_BENCH_LISTS` real lists, `:`-separated, in any format the
//! importer reads (default: the real MARC records in ../shared/samples);
//! `SHUXIANG_BENCH_COLUMNS` the user's column corrections, as
//! `header=field,…`; `SHUXIANG_BENCH_ROWS` (default `100000,1000000`);
//! `SHUXIANG_BENCH_DEMO=0` leaves out the demo's titles.

#[path = "support/floor.rs"]
mod floor;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use shuxiang_core::catalog::{
    BOOK_FIELDS, BookFileFormat, ExportFormat, export_books, read_book_path,
};
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::import::Mapping;
use shuxiang_core::{Actor, Db};

/// The fields a repeated list carries: a barcode is the copy's own and
/// cannot repeat, so copies are numbered by the importer.
const LEFT_OUT: [&str; 1] = ["barcode"];

fn main() {
    let bin = PathBuf::from(std::env::var_os("SHUXIANG_BIN").expect(
        "SHUXIANG_BIN names the release `shuxiang` to measure (scripts/bench-import sets it)",
    ));
    assert!(
        Path::new("/usr/bin/time").exists(),
        "/usr/bin/time measures the process's peak memory (Debian: apt-get install time)"
    );
    let sizes: Vec<usize> = std::env::var("SHUXIANG_BENCH_ROWS")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000]);
    let lists: Vec<PathBuf> = match std::env::var("SHUXIANG_BENCH_LISTS") {
        Ok(l) if !l.is_empty() => l.split(':').map(PathBuf::from).collect(),
        _ => shared_samples(),
    };
    let columns: Vec<(String, String)> = std::env::var("SHUXIANG_BENCH_COLUMNS")
        .unwrap_or_default()
        .split(',')
        .filter_map(|pair| pair.split_once('='))
        .map(|(h, k)| (h.trim().to_owned(), k.trim().to_owned()))
        .collect();
    let real = real_rows(&lists, &columns);
    println!(
        "real list: {} rows from {}",
        real.rows.len(),
        lists
            .iter()
            .map(|p| p.file_name().unwrap_or_default().to_string_lossy())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "{:<24} {:>9} {:>22} {:>8} {:>10} {:>22} {:>10} {:>22} {:>8} {:>7}",
        "input",
        "rows",
        "shuxiang import books",
        "CPU",
        "peak RSS",
        "its dry run",
        "peak RSS",
        "engine floor",
        "CPU",
        "÷ floor"
    );
    for &rows in &sizes {
        let tmp = tempfile::tempdir().unwrap();
        let csv = tmp.path().join("books.csv");
        real.write(&csv, rows);
        measure(&bin, tmp.path(), &csv, "real titles, repeated");
    }
    if std::env::var("SHUXIANG_BENCH_DEMO").as_deref() != Ok("0") {
        for &volumes in &sizes {
            let tmp = tempfile::tempdir().unwrap();
            let csv = tmp.path().join("books.csv");
            demo_csv(&csv, volumes);
            measure(&bin, tmp.path(), &csv, &format!("demo, {volumes} volumes"));
        }
    }
}

/// The real records DESIGN.md's tests read: MARC21 and UNIMARC from other
/// libraries' test suites and a national bibliography.
fn shared_samples() -> Vec<PathBuf> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples");
    [
        "unimarc/bnf_unimarc_utf8.mrc",
        "marc21/marc.dat",
        "marc21/brkrtest_UTF8.mrc",
        "marc21/chabon.mrc",
    ]
    .iter()
    .map(|f| samples.join(f))
    .collect()
}

/// A real list's rows, by field, as the importer reads them.
struct RealRows {
    /// The fields some row has, in BOOK_FIELDS order.
    fields: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

fn real_rows(lists: &[PathBuf], columns: &[(String, String)]) -> RealRows {
    let mut by_field: Vec<Vec<String>> = Vec::new();
    // A book in two of the lists is one book (else it merges as a copy).
    let mut seen = std::collections::HashSet::new();
    for path in lists {
        let sheet = read_book_path(path, BookFileFormat::Auto)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (header, mapping) = Mapping::find(&sheet.grid, BOOK_FIELDS, columns).unwrap();
        for row in sheet.grid.iter().skip(header + 1) {
            let record: Vec<String> = BOOK_FIELDS
                .iter()
                .map(|f| {
                    mapping
                        .column(f.key)
                        .filter(|_| !LEFT_OUT.contains(&f.key))
                        .map_or("", |c| row.get(c).trim())
                        .to_owned()
                })
                .collect();
            if !record[title_col()].is_empty() && seen.insert(record.clone()) {
                by_field.push(record);
            }
        }
    }
    assert!(!by_field.is_empty(), "no titled row in {lists:?}");
    let kept: Vec<usize> = (0..BOOK_FIELDS.len())
        .filter(|&c| by_field.iter().any(|r| !r[c].is_empty()))
        .collect();
    RealRows {
        fields: kept.iter().map(|&c| BOOK_FIELDS[c].key).collect(),
        rows: by_field
            .into_iter()
            .map(|r| kept.iter().map(|&c| r[c].clone()).collect())
            .collect(),
    }
}

fn title_col() -> usize {
    BOOK_FIELDS.iter().position(|f| f.key == "title").unwrap()
}

impl RealRows {
    /// `rows` rows: the list again and again, each pass's titles numbered,
    /// each ISBN made distinct (so no row becomes another's copy).
    fn write(&self, path: &Path, rows: usize) {
        let mut out = csv::Writer::from_path(path).unwrap();
        let label = |key: &str| BOOK_FIELDS.iter().find(|f| f.key == key).unwrap().label;
        out.write_record(self.fields.iter().map(|k| label(k)))
            .unwrap();
        let title = self.fields.iter().position(|k| *k == "title").unwrap();
        let isbn = self.fields.iter().position(|k| *k == "isbn");
        for i in 0..rows {
            let pass = i / self.rows.len();
            let mut record = self.rows[i % self.rows.len()].clone();
            if pass > 0 {
                record[title] = format!("{} {pass}", record[title]);
            }
            if let Some(c) = isbn.filter(|&c| !record[c].is_empty()) {
                record[c] = isbn13(i);
            }
            out.write_record(&record).unwrap();
        }
        out.flush().unwrap();
    }
}

/// The ISBN-13 978-7-… numbered `n`, with its check digit.
fn isbn13(n: usize) -> String {
    let body = format!("9787{n:08}");
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// The demo catalogue of `volumes` copies, exported as a librarian's CSV.
fn demo_csv(path: &Path, volumes: usize) {
    let dir = path.parent().unwrap();
    let source = Db::open(&dir.join("demo.db")).unwrap();
    load_demo(
        &source,
        &Actor::System,
        DemoOptions {
            seed: 1,
            staff: 0,
            deputies: 0,
            volumes,
        },
    )
    .unwrap();
    export_books(&source, path, ExportFormat::Csv).unwrap();
}

/// One process's run: its wall clock, its peak resident memory, and its
/// report.
struct Run {
    took: Duration,
    /// User and system time: what the wall clock would be on an idle machine.
    cpu: f64,
    peak_mb: u64,
    inserted: u64,
}

/// `shuxiang import books csv` into a new database in `dir`, timed.
fn import(bin: &Path, dir: &Path, csv: &Path, dry_run: bool) -> (Run, PathBuf) {
    let db = dir.join(if dry_run { "dry.db" } else { "imported.db" });
    let home = dir.join(if dry_run { "home-dry" } else { "home" });
    let status = Command::new(bin)
        .env("SHUXIANG_HOME", &home)
        .arg("--db")
        .arg(&db)
        .arg("init")
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let mut command = Command::new("/usr/bin/time");
    command
        .env("SHUXIANG_HOME", &home)
        .arg("-v")
        .arg(bin)
        .arg("--db")
        .arg(&db)
        .args(["import", "books"])
        .arg(csv)
        .arg("--json");
    if dry_run {
        command.arg("--dry-run");
    }
    let started = Instant::now();
    let out = command.output().unwrap();
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let field = |name: &str| -> f64 {
        stderr
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {stderr}"))
    };
    let peak_kb = field("Maximum resident set size (kbytes): ") as u64;
    let cpu = field("User time (seconds): ") + field("System time (seconds): ");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["errors"].as_array().map(Vec::len),
        Some(0),
        "{}",
        report["errors"]
    );
    let run = Run {
        took,
        cpu,
        peak_mb: peak_kb / 1024,
        inserted: report["inserted"].as_u64().unwrap(),
    };
    (run, db)
}

fn measure(bin: &Path, dir: &Path, csv: &Path, input: &str) {
    let (dry, _) = import(bin, dir, csv, true);
    let (run, db) = import(bin, dir, csv, false);
    assert_eq!(
        run.inserted, dry.inserted,
        "the dry run said what the import did"
    );
    let (floor, floor_cpu) = floor::floor_timed(&Db::open(&db).unwrap(), &dir.join("floor.db"));
    let rows = run.inserted as f64;
    let rate = |d: Duration| format!("{:.2} s {:>7.0}/s", d.as_secs_f64(), rows / d.as_secs_f64());
    let mb = std::fs::metadata(csv).unwrap().len() / (1024 * 1024);
    println!(
        "{:<24} {:>9} {:>22} {:>6.2} s {:>7} MB {:>22} {:>7} MB {:>22} {:>6.2} s {:>6.2}×   ({mb} MB file)",
        input,
        run.inserted,
        rate(run.took),
        run.cpu,
        run.peak_mb,
        rate(dry.took),
        dry.peak_mb,
        rate(floor),
        floor_cpu,
        run.took.as_secs_f64() / floor.as_secs_f64()
    );
}
