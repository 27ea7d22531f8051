//! People search at 10,000 people: p50/p95 per query kind through the store
//! (stored pinyin keys, one SQL query), beside a naive baseline in the same
//! run that loads everyone and converts names to pinyin at query time.
//! Run: `cargo bench -p shuxiang-core --bench people_search`

use std::time::{Duration, Instant};

use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::people::{PeopleQuery, list_people};
use shuxiang_core::text::{name_keys, search_key};
use shuxiang_core::{Actor, Db};

const ROUNDS: usize = 200;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn measure(mut f: impl FnMut() -> usize) -> (Duration, Duration, usize) {
    let mut hits = 0;
    let mut samples: Vec<Duration> = (0..ROUNDS)
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

fn naive(db: &Db, text: &str) -> usize {
    // What a store without stored keys would do: read everyone, compute keys.
    let all = db
        .read(|tx| {
            let mut stmt =
                tx.prepare("SELECT name, ifnull(card_barcode, '') FROM people WHERE active = 1")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .unwrap();
    let key = search_key(text);
    all.iter()
        .filter(|(name, card)| {
            name.contains(text)
                || card.eq_ignore_ascii_case(&key)
                || name_keys(name).keys.contains(&format!(" {key}"))
        })
        .count()
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Db::open(&tmp.path().join("bench.db")).unwrap();
    let options = DemoOptions {
        seed: 1,
        staff: 3_000,
        deputies: 7_000,
        volumes: 0,
    };
    let started = Instant::now();
    load_demo(&db, &Actor::System, options).unwrap();
    println!("10,000 people written in {:.0?}\n", started.elapsed());
    println!(
        "{:<22} {:>10} {:>10} {:>7}   {:>12} {:>12}",
        "query", "p50", "p95", "hits", "naive p50", "naive p95"
    );
    for (label, text) in [
        ("initials (zs)", "zs"),
        ("full pinyin (wangwei)", "wangwei"),
        ("one character (王)", "王"),
        ("two characters (建国)", "建国"),
        ("card barcode", "D00123"),
        ("no match", "xyzxyz"),
    ] {
        let query = PeopleQuery {
            text: Some(text.into()),
            limit: Some(50),
            ..Default::default()
        };
        let (p50, p95, hits) = measure(|| list_people(&db, &query).unwrap().total as usize);
        let (n50, n95, naive_hits) = measure(|| naive(&db, text));
        assert_eq!(
            hits, naive_hits,
            "{label}: the store and the baseline must find the same people"
        );
        println!("{label:<22} {p50:>10.2?} {p95:>10.2?} {hits:>7}   {n50:>12.2?} {n95:>12.2?}");
    }
}
