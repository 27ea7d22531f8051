//! The periodicals room's budgets, measured (DESIGN.md, issue 26): a year
//! predicted and written for 200 subscriptions (日报 included) in one
//! action, beside the same written one action per subscription; a check-in
//! scan at 200 serials with five years of issues, beside a naive scan of
//! every issue in Rust; the late list, beside the same filter in Rust.
//! Run: `cargo bench -p shuxiang-core --bench serials`

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use shuxiang_core::import::ImportOptions;
use shuxiang_core::serials::{self, IssueStatus, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Actor, Db};

const ME: Actor = Actor::CommandLine;
const KINDS: [&str; 5] = ["日报", "周刊", "月刊", "半月刊", "双月刊"];

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn issn(n: u32) -> String {
    let seven = format!("{:07}", 1_000_000 + n);
    let sum: u32 = seven
        .chars()
        .zip((2..=8).rev())
        .map(|(c, w)| c.to_digit(10).unwrap() * w)
        .sum();
    let check = match (11 - sum % 11) % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap(),
    };
    format!("{}-{}{check}", &seven[..4], &seven[4..])
}

fn ean(issn: &str) -> String {
    let d = format!("977{}00", issn.replace('-', "").get(..7).unwrap());
    let sum: u32 = d
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{d}{}", (10 - sum % 10) % 10)
}

fn list(year: i32) -> String {
    let mut csv = String::from("报刊名称,刊期,份数,全年定价,ISSN\n");
    for n in 0..200u32 {
        csv.push_str(&format!(
            "报刊{n},{},2,120,{}\n",
            KINDS[n as usize % KINDS.len()],
            issn(n)
        ));
    }
    let _ = year;
    csv
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // One action for the year's 200 subscriptions.
    let db = Db::open(&dir.path().join("one.db")).unwrap();
    let start = Instant::now();
    let report = serials::import_subscriptions_file(
        &db,
        &ME,
        "list.csv",
        list(2027).as_bytes(),
        2027,
        ImportOptions::default(),
    )
    .unwrap();
    let one_action = start.elapsed();
    assert_eq!(report.inserted, 200);
    // The naive way: an action per subscription.
    let naive_db = Db::open(&dir.path().join("naive.db")).unwrap();
    let start = Instant::now();
    for n in 0..200u32 {
        serials::add_subscription(
            &naive_db,
            &ME,
            &SerialDraft {
                title: format!("报刊{n}"),
                issn: Some(issn(n)),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: KINDS[n as usize % KINDS.len()].into(),
                year: Some(2027),
                copies: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let per_subscription = start.elapsed();
    println!(
        "predict and write a year, 200 subscriptions: {} in one action (budget 200 ms); {} one action each",
        ms(one_action),
        ms(per_subscription)
    );

    // Five years of issues, then scans and the late list.
    for year in 2023..2027 {
        serials::import_subscriptions_file(
            &db,
            &ME,
            "list.csv",
            list(year).as_bytes(),
            year,
            ImportOptions::default(),
        )
        .unwrap();
    }
    // As a reading room's years are: what came before May is in (set
    // straight in the file; checking in 100,000 issues is not the bench).
    rusqlite::Connection::open(dir.path().join("one.db"))
        .unwrap()
        .execute(
            "UPDATE issues SET status = 'received', copies_received = copies_expected
              WHERE published_on < '2027-05-01'",
            [],
        )
        .unwrap();
    let mut scans = Vec::new();
    let mut naive = Vec::new();
    let day = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    for n in (0..200u32).step_by(5) {
        let code = ean(&issn(n));
        let start = Instant::now();
        let _ = serials::receive(&db, &ME, &code, day, None);
        scans.push(start.elapsed());
        // Naive: every issue of every year of the title, picked in Rust.
        let start = Instant::now();
        let mut oldest: Option<(String, i64)> = None;
        for year in 2023..=2027 {
            for s in serials::subscriptions(&db, year).unwrap() {
                if s.issn.as_deref() != Some(issn(n).as_str()) {
                    continue;
                }
                for i in serials::issues(&db, s.id).unwrap() {
                    if matches!(i.status, IssueStatus::Expected | IssueStatus::Partial)
                        && oldest.as_ref().is_none_or(|(d, _)| i.published_on < *d)
                    {
                        oldest = Some((i.published_on.clone(), i.id));
                    }
                }
            }
        }
        naive.push(start.elapsed());
    }
    println!(
        "check-in scan, 200 serials × five years: p50 {} p95 {} (budget 50 ms); naive p50 {}",
        ms(percentile(&mut scans, 0.5)),
        ms(percentile(&mut scans, 0.95)),
        ms(percentile(&mut naive, 0.5))
    );
    let mut late = Vec::new();
    let mut naive_late = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let n = serials::late(&db, day).unwrap().len();
        late.push(start.elapsed());
        let start = Instant::now();
        let mut count = 0;
        for s in serials::subscriptions(&db, 2027).unwrap() {
            for i in serials::issues(&db, s.id).unwrap() {
                let expected: NaiveDate = i.expected_on.parse().unwrap();
                if matches!(i.status, IssueStatus::Expected | IssueStatus::Partial)
                    && expected + chrono::Days::new(s.grace_days as u64) < day
                {
                    count += 1;
                }
            }
        }
        naive_late.push(start.elapsed());
        assert!(count <= n);
    }
    println!(
        "late list: p50 {} p95 {} (budget 20 ms); naive (this year only) p50 {}",
        ms(percentile(&mut late, 0.5)),
        ms(percentile(&mut late, 0.95)),
        ms(percentile(&mut naive_late, 0.5))
    );
}
