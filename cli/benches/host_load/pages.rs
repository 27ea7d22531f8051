//! The readers' pages in the host bench: what each run asks (the search
//! page over the API's mix and for 经济 alone, 我的借阅 and 近期活动 for a
//! signed-in reader, a title with its published notes), and the core's
//! counted search beside the page's, in this process.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use shuxiang_core::participation::{self as part, NoteDecision, NoteDraft};
use shuxiang_core::{Actor, Db, catalog, people};

use crate::{QUERIES, Target};

/// 经济, the broad two-character query the issue measured.
const ECONOMY: &str = "%E7%BB%8F%E6%B5%8E";

/// A title with published notes: the featured one's, or one given six
/// notes now.
pub fn prepare(db: &Path) -> i64 {
    let db = Db::open(db).unwrap();
    if let Some(note) = part::featured_notes(&db, 1).unwrap().first() {
        return note.title_id;
    }
    let title = catalog::search_first(&db, "经济", 1).unwrap()[0].id;
    let readers = people::list_people(
        &db,
        &people::PeopleQuery {
            limit: Some(6),
            ..Default::default()
        },
    )
    .unwrap();
    for (i, reader) in readers.items.iter().enumerate() {
        let note = part::reader_write_note(
            &db,
            reader.id,
            &NoteDraft {
                title_id: title,
                body: "读后很受启发：书里讲的道理，放到基层工作里一一都能对上。".repeat(8),
                session_id: None,
            },
            None,
        )
        .unwrap();
        part::decide_note(
            &db,
            &Actor::Desktop,
            note.id,
            &NoteDecision::Publish { featured: i == 0 },
        )
        .unwrap();
    }
    title
}

/// A demo reader's session cookie, signed in through the login form.
fn sign_in(addr: &str) -> String {
    let form = format!("card=J00001&pin={}", shuxiang_core::demo::DEMO_READER_PIN);
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{form}",
        form.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let line = answer
        .lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .unwrap_or_else(|| panic!("signed in: {answer}"));
    line.split_once(':')
        .unwrap()
        .1
        .trim()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

/// The page runs, by name.
pub fn targets(base: &str, title: i64) -> Vec<(&'static str, Arc<Target>)> {
    let cookie = sign_in(base.trim_start_matches("http://"));
    let signed = |paths: Vec<String>| {
        Arc::new(Target {
            paths,
            cookie: Some(cookie.clone()),
        })
    };
    vec![
        (
            "page:search",
            Target::open(QUERIES.iter().map(|q| format!("/search?q={q}")).collect()),
        ),
        (
            "page:经济",
            Target::open(vec![format!("/search?q={ECONOMY}")]),
        ),
        ("page:me", signed(vec!["/me".to_owned()])),
        ("page:title", signed(vec![format!("/titles/{title}")])),
        ("page:events", signed(vec!["/events".to_owned()])),
    ]
}

fn p50_p95(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    (at(0.5).as_secs_f64() * 1e3, at(0.95).as_secs_f64() * 1e3)
}

/// The search page's cost in the core, beside what it cost before: the
/// counted search (every match up to 10,000) for 经济.
pub fn core_search_baseline(db: &Path) {
    let db = Db::open(db).unwrap();
    let time = |f: &dyn Fn()| {
        (0..60)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect::<Vec<_>>()
    };
    let (c50, c95) = p50_p95(time(&|| {
        catalog::search(&db, "经济", 0, 20).unwrap();
    }));
    let (p50, p95) = p50_p95(time(&|| {
        catalog::search_page(&db, "经济", 0, 20).unwrap();
    }));
    let counted = catalog::search(&db, "经济", 0, 20).unwrap();
    let page = catalog::search_page(&db, "经济", 0, 20).unwrap();
    println!(
        "core, 经济: the page's search (counts what it ranks: {}{}) p50 {p50:.1} ms, p95 {p95:.1} ms; \
         the counted search it replaced ({}{}) p50 {c50:.1} ms, p95 {c95:.1} ms",
        page.total,
        if page.capped { "+" } else { "" },
        counted.total,
        if counted.capped { "+" } else { "" },
    );
    // The host's reading connections keep 8 MB of pages each, not SQLite's
    // 2 MB: the ranked titles are read from memory.
    db.set_read_cache(8 * 1024).unwrap();
    let (h50, h95) = p50_p95(time(&|| {
        catalog::search_page(&db, "经济", 0, 20).unwrap();
    }));
    println!(
        "core, 经济, the page's search with the host's read cache: p50 {h50:.1} ms, p95 {h95:.1} ms \
         (SQLite's default cache, above: p50 {p50:.1} ms)"
    );
}
