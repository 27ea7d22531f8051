//! The whole `shuxiang search` process, opening the database included, over
//! a mix of query kinds: DESIGN.md's budget is p95 ≤ 100 ms at 1M volumes.
//! `SHUXIANG_BENCH_DB=path` measures an existing catalogue (build one with
//! `shuxiang --db path demo --volumes 1000000`); without it a 100,000-volume
//! demo is built first. Run: `cargo bench -p shuxiang-cli --bench search_process`

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_shuxiang");

fn shuxiang(db: &PathBuf, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("shuxiang runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let db = match std::env::var_os("SHUXIANG_BENCH_DB") {
        Some(path) => PathBuf::from(path),
        None => {
            let db = tmp.path().join("bench.db");
            shuxiang(&db, &["demo", "--volumes", "100000", "--seed", "1"]);
            db
        }
    };
    // An ISBN and a barcode that exist, found the way a user would.
    let found: serde_json::Value =
        serde_json::from_str(&shuxiang(&db, &["search", "长征", "--json"])).unwrap();
    let first = &found["items"][0];
    let isbn = first["isbn"].as_str().unwrap_or("9787020053831").to_owned();
    let queries = [
        "马克思".to_owned(),
        "makesi".to_owned(),
        "wlswn".to_owned(),
        isbn.clone(),
        format!("{}-{}-{}", &isbn[..3], &isbn[3..4], &isbn[4..]),
        "SX000001".to_owned(),
        "D62/1".to_owned(),
        "经济".to_owned(),
        "中".to_owned(),
        "国家治理".to_owned(),
    ];
    let mut all: Vec<Duration> = Vec::new();
    println!("{:<24} {:>9} {:>9}", "query", "p50", "p95");
    for q in &queries {
        let mut times: Vec<Duration> = (0..20)
            .map(|_| {
                let start = Instant::now();
                shuxiang(&db, &["search", q, "--json"]);
                start.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{q:<24} {:>9.2?} {:>9.2?}",
            times[times.len() / 2],
            times[(times.len() * 95).div_ceil(100) - 1]
        );
        all.extend(times);
    }
    all.sort();
    println!(
        "all {} runs: p50 {:.2?}, p95 {:.2?}",
        all.len(),
        all[all.len() / 2],
        all[(all.len() * 95).div_ceil(100) - 1]
    );
}
