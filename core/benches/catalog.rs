//! The catalogue's budgets, measured: CSV import rows/s (including the
//! search index and pinyin) of the demo's catalogue, in this process,
//! beside the engine's floor and a naive import, and search p50/p95 for
//! each query kind beside a naive scan, at several catalogue sizes, all in
//! the same process. (The import of real titles by the `shuxiang` process:
//! the `import` bench, run by `scripts/bench-import`.) Sizes in volumes: `SHUXIANG_BENCH_SIZES=5000,100000,1000000`
//! (default 5000,100000); `SHUXIANG_BENCH_DB=path` measures search alone on
//! an existing catalogue. Run: `cargo bench -p shuxiang-core --bench catalog`

#[path = "support/floor.rs"]
mod floor;

use std::io::Write;
use std::time::{Duration, Instant};

use shuxiang_core::catalog::{BookFileFormat, import_books, read_book_file, search};
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::import::{Grid, ImportOptions};
use shuxiang_core::{Actor, Db};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(rounds: usize, mut f: impl FnMut() -> u64) -> (Duration, Duration, u64) {
    let mut hits = 0;
    let mut samples: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            hits = f();
            start.elapsed()
        })
        .collect();
    (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.95),
        hits,
    )
}

/// What a search without an index does: a LIKE scan over every text column.
fn naive(db: &Db, q: &str) -> u64 {
    db.read(|tx| {
        let pattern = format!("%{q}%");
        Ok(tx.query_row(
            "SELECT count(*) FROM titles WHERE title LIKE ?1 OR authors LIKE ?1 OR publisher LIKE ?1
               OR subjects LIKE ?1 OR pinyin LIKE ?1 OR initials LIKE ?1 OR isbn LIKE ?1 OR call_number LIKE ?1
               OR id IN (SELECT title_id FROM copies WHERE barcode LIKE ?1)",
            [pattern],
            |r| r.get::<_, i64>(0),
        )? as u64)
    })
    .unwrap()
}

fn main() {
    // An existing catalogue, to measure search alone while working on it.
    if let Some(path) = std::env::var_os("SHUXIANG_BENCH_DB") {
        let db = Db::open(std::path::Path::new(&path)).unwrap();
        search_figures(&db);
        return;
    }
    let sizes: Vec<usize> = std::env::var("SHUXIANG_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![5_000, 100_000]);
    for volumes in sizes {
        let tmp = tempfile::tempdir().unwrap();
        // The demo catalogue, exported as a librarian's CSV, is the import input.
        let source = Db::open(&tmp.path().join("source.db")).unwrap();
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
        let csv = tmp.path().join("books.csv");
        let exported = shuxiang_core::catalog::export_books(
            &source,
            &csv,
            shuxiang_core::catalog::ExportFormat::Csv,
        )
        .unwrap();
        drop(source);
        println!("\n== {volumes} volumes ({} titles)", exported.titles);

        let db = Db::open(&tmp.path().join("bench.db")).unwrap();
        let bytes = std::fs::read(&csv).unwrap();
        let started = Instant::now();
        let sheet = read_book_file(&bytes, "books.csv", BookFileFormat::Csv).unwrap();
        let report =
            import_books(&db, &Actor::CommandLine, &sheet, ImportOptions::default()).unwrap();
        let took = started.elapsed();
        assert!(
            report.errors.is_empty(),
            "{:?}",
            &report.errors[..report.errors.len().min(3)]
        );
        let rows = exported.titles as f64;
        // Baseline: the same rows, one transaction per row, on a sample.
        let sample: Vec<Vec<String>> = sheet
            .grid
            .iter()
            .take(1 + 1000.min(exported.titles))
            .map(|row| row.to_vec())
            .collect();
        let base_db = Db::open(&tmp.path().join("baseline.db")).unwrap();
        let base_start = Instant::now();
        for row in sample.iter().skip(1) {
            let one = Grid::from_rows([&sample[0], row]).unwrap();
            import_books(
                &base_db,
                &Actor::CommandLine,
                &one.into(),
                ImportOptions::default(),
            )
            .unwrap();
        }
        let base_rate = (sample.len() - 1) as f64 / base_start.elapsed().as_secs_f64();
        println!(
            "import from CSV: {:>9.0} rows/s ({rows} rows in {took:.2?})   naive (a transaction per row): {base_rate:>7.0} rows/s",
            rows / took.as_secs_f64()
        );
        let floor_took = floor::floor_timed(&db, &tmp.path().join("floor.db")).0;
        println!(
            "engine floor:    {:>9.0} rows/s ({rows} rows in {floor_took:.2?})   the import takes {:.2}× the floor (budget: 2×)",
            rows / floor_took.as_secs_f64(),
            took.as_secs_f64() / floor_took.as_secs_f64()
        );

        if std::env::var_os("SHUXIANG_BENCH_PROFILE").is_some() {
            let t = Instant::now();
            let sheet2 = read_book_file(&bytes, "books.csv", BookFileFormat::Csv).unwrap();
            println!(
                "  reading the CSV: {:.2?} ({} rows)",
                t.elapsed(),
                sheet2.grid.len()
            );
            let t = Instant::now();
            db.write(&Actor::System, |tx| {
                Ok(tx.execute_batch("INSERT INTO titles_fts (titles_fts) VALUES ('rebuild')")?)
            })
            .unwrap();
            println!(
                "  rebuilding the full-text index alone: {:.2?}",
                t.elapsed()
            );
        }
        if std::env::var_os("SHUXIANG_BENCH_IMPORT_ONLY").is_some() {
            continue;
        }
        search_figures(&db);
        std::io::stdout().flush().unwrap();
    }
}

/// Search p50/p95 for each query kind, beside the naive scan.
fn search_figures(db: &Db) {
    let probe = search(db, "长征", 0, 1)
        .unwrap()
        .items
        .into_iter()
        .next()
        .expect("the classics are there");
    let isbn = probe.isbn.clone().unwrap();
    let detail = shuxiang_core::catalog::title_detail(db, probe.id).unwrap();
    let barcode = detail.copies[0].barcode.clone();
    let queries = [
        ("3+ Chinese chars (马克思)", "马克思".to_owned()),
        ("full pinyin (makesi)", "makesi".to_owned()),
        ("initials (wlswn)", "wlswn".to_owned()),
        ("ISBN-13", isbn.clone()),
        (
            "ISBN hyphenated",
            format!("{}-{}-{}", &isbn[..3], &isbn[3..4], &isbn[4..]),
        ),
        ("copy barcode", barcode),
        ("call number prefix (D62/1)", "D62/1".to_owned()),
        ("two characters (经济)", "经济".to_owned()),
        ("one common char (中)", "中".to_owned()),
    ];
    println!(
        "{:<30} {:>9} {:>9} {:>8}   {:>11} {:>11}",
        "query", "p50", "p95", "hits", "naive p50", "naive p95"
    );
    for (label, q) in queries {
        let (p50, p95, hits) = measure(60, || search(db, &q, 0, 20).unwrap().total);
        let (n50, n95, _) = measure(10, || naive(db, &q));
        println!("{label:<30} {p50:>9.2?} {p95:>9.2?} {hits:>8}   {n50:>11.2?} {n95:>11.2?}");
    }
}
