//! The window's budgets (DESIGN.md), measured in the real app under
//! WebDriver: start to a usable first screen, a typed character to rendered
//! results at 100,000 volumes, and the memory of the app and its web-view
//! processes. Beside each, a baseline from the same run: the same app on an
//! empty database, and the core search alone for the same query.
//! Run under a display: `xvfb-run -a cargo bench -p shuxiang-desktop --bench window`
//! (`SHUXIANG_BENCH_VOLUMES`, default 100000; `SHUXIANG_BENCH_STARTS`, default 5;
//! `SHUXIANG_BENCH_KEYS_ONLY=1` skips the starts).

#[allow(dead_code)]
#[path = "../../tests/e2e/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use harness::{APP, App, Home};
use serde_json::json;
use shuxiang_core::catalog::{CatalogQuery, list_titles};
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::{Actor, Db};

/// Search-box queries, one per kind, as a librarian types them.
const QUERIES: &[(&str, &str)] = &[
    ("one character", "中"),
    ("two characters", "经济"),
    ("three+ characters", "马克思"),
    ("full pinyin", "makesi"),
    ("initials", "wlswn"),
    ("call number prefix", "D62"),
];

fn unix_ms(t: SystemTime) -> f64 {
    t.duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// Empties the kernel's page cache so the next start reads the app and its
/// libraries from disk, as after a reboot. Needs root; false when refused.
fn drop_caches() -> bool {
    let _ = std::process::Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// A data folder holding `template` as its database (a fresh copy per start,
/// as the app writes to it).
fn home_with(template: Option<&Path>) -> Home {
    let home = Home::new();
    std::fs::create_dir_all(home.data()).unwrap();
    if let Some(t) = template {
        std::fs::copy(t, home.db()).unwrap();
    }
    home
}

/// Starts the app and returns it with the milliseconds from asking the
/// driver to launch it to its first screen drawn with data (the page's
/// `first-screen` mark): loading the binary, the web view, the database.
async fn timed_start(home: &Home) -> (App, f64) {
    let app = App::start(home).await;
    app.wait_until(
        "the first screen",
        "performance.getEntriesByName('first-screen').length",
    )
    .await;
    let shown = app
        .eval("performance.timeOrigin + performance.getEntriesByName('first-screen')[0].startTime")
        .await
        .as_f64()
        .unwrap();
    let asked = unix_ms(app.launched_at);
    (app, shown - asked)
}

/// The app process (the one running `APP`) and every process it started
/// (WebKit's web and network processes).
fn app_processes() -> Vec<u32> {
    let app = Path::new(APP).canonicalize().unwrap();
    let mut parents: Vec<(u32, u32)> = Vec::new();
    let mut root = None;
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if std::fs::read_link(entry.path().join("exe")).is_ok_and(|e| e == app) {
            root = Some(pid);
        }
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid …: the name may hold spaces, so split after ')'.
        if let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse().ok())
        {
            parents.push((pid, ppid));
        }
    }
    let mut family = vec![root.expect("the app is running")];
    let mut i = 0;
    while i < family.len() {
        let p = family[i];
        family.extend(parents.iter().filter(|(_, pp)| *pp == p).map(|(c, _)| *c));
        i += 1;
    }
    family
}

/// A `/proc/PID/…` figure in kB, e.g. ("status", "VmRSS:") or ("smaps_rollup", "Pss:").
fn proc_kb(pid: u32, file: &str, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/{file}"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// (the app's RSS, the PSS of the app and its web-view processes), in MB.
fn memory() -> (f64, f64) {
    let family = app_processes();
    let rss = proc_kb(family[0], "status", "VmRSS:");
    let pss: u64 = family
        .iter()
        .map(|&p| proc_kb(p, "smaps_rollup", "Pss:"))
        .sum();
    (rss as f64 / 1024.0, pss as f64 / 1024.0)
}

/// Milliseconds from setting the search box to `text` (as the last key
/// typed) to the results drawn and the next frame begun.
async fn keystroke(app: &App, text: &str) -> f64 {
    let v = app
        .client
        .execute_async(
            "const [text, done] = arguments;
             const input = document.querySelector('#catalog-search');
             const body = document.querySelector('#catalog-body');
             let t0 = 0;
             const seen = new MutationObserver(() => {
               seen.disconnect();
               requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
             });
             seen.observe(body, { childList: true, subtree: true, characterData: true });
             t0 = performance.now();
             input.value = text;
             input.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![json!(text)],
        )
        .await
        .unwrap();
    v.as_f64().unwrap()
}

/// Milliseconds of the search's round trip through the bridge alone, from
/// the page: the command, the core search, the JSON both ways.
async fn bridge(app: &App, text: &str) -> f64 {
    app.client
        .execute_async(
            "const [text, done] = arguments;
             const t0 = performance.now();
             window.__TAURI__.core.invoke('list_titles', { query: { text, offset: 0, limit: 50 } })
               .then(() => done(performance.now() - t0), (e) => done(-1));",
            vec![json!(text)],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap()
}

/// The same search in core alone, on the same database: what the window adds
/// to it is the bridge, the drawing and the frame.
fn core_search_ms(db: &Db, text: &str, rounds: usize) -> f64 {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let t = Instant::now();
            list_titles(
                db,
                &CatalogQuery {
                    text: Some(text.to_owned()),
                    limit: Some(50),
                    ..Default::default()
                },
            )
            .unwrap();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    percentile(&mut samples, 0.5)
}

struct Starts {
    cold: Option<f64>,
    warm: Vec<f64>,
    rss: f64,
    pss: f64,
}

/// `n` starts of the app on a copy of `template` (the first after emptying
/// the page cache, when allowed); memory read after the last start has
/// settled, with `settle` run in the window first.
async fn starts(template: Option<&Path>, n: usize) -> Starts {
    let mut out = Starts {
        cold: None,
        warm: Vec::new(),
        rss: 0.0,
        pss: 0.0,
    };
    for i in 0..n {
        let cold = i == 0 && drop_caches();
        let home = home_with(template);
        let (app, ms) = timed_start(&home).await;
        if cold {
            out.cold = Some(ms);
        } else {
            out.warm.push(ms);
        }
        if i + 1 == n {
            tokio::time::sleep(Duration::from_secs(2)).await;
            (out.rss, out.pss) = memory();
        }
        app.stop().await;
    }
    out
}

fn print_starts(what: &str, s: &mut Starts) {
    let cold = s
        .cold
        .map(|c| format!("{c:.0} ms"))
        .unwrap_or_else(|| "not measured (page cache could not be emptied)".to_owned());
    let median = percentile(&mut s.warm, 0.5);
    println!(
        "{what:<22} start: cold {cold}, warm median {median:.0} ms over {} starts   memory: app RSS {:.0} MB, app + web view PSS {:.0} MB",
        s.warm.len(),
        s.rss,
        s.pss
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let volumes: usize = std::env::var("SHUXIANG_BENCH_VOLUMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let n: usize = std::env::var("SHUXIANG_BENCH_STARTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
        .max(2);
    let work = tempfile::tempdir().unwrap();
    let template: PathBuf = work.path().join("catalogue.db");
    {
        let db = Db::open(&template).unwrap();
        let t = Instant::now();
        load_demo(
            &db,
            &Actor::CommandLine,
            DemoOptions {
                volumes,
                ..Default::default()
            },
        )
        .unwrap();
        println!(
            "demo catalogue of {volumes} volumes built in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }

    if std::env::var_os("SHUXIANG_BENCH_KEYS_ONLY").is_none() {
        println!(
            "\n== start-up and memory (budget: start ≤ 1 s; at 100,000 volumes app RSS ≤ 200 MB, with web view PSS ≤ 350 MB)"
        );
        let mut empty = starts(None, n).await;
        print_starts("empty database", &mut empty);
        let mut full = starts(Some(&template), n).await;
        print_starts(&format!("{volumes} volumes"), &mut full);
    }

    println!("\n== a typed character to rendered results, {volumes} volumes (budget ≤ 50 ms)");
    let home = home_with(Some(&template));
    let (app, _) = timed_start(&home).await;
    app.open_view("catalog").await;
    app.wait_for("#catalog-body tr[data-id]").await;
    let core = Db::open(&home.db()).unwrap();
    for (kind, query) in QUERIES {
        let before: String = {
            let mut c: Vec<char> = query.chars().collect();
            c.pop();
            if c.is_empty() {
                "书".to_owned()
            } else {
                c.into_iter().collect()
            }
        };
        let mut samples = Vec::new();
        for _ in 0..15 {
            keystroke(&app, &before).await;
            samples.push(keystroke(&app, query).await);
        }
        let mut trips = Vec::new();
        for _ in 0..15 {
            trips.push(bridge(&app, query).await);
        }
        let core_ms = core_search_ms(&core, query, 30);
        println!(
            "{kind:<20} {query:<8} p50 {:>5.1} ms  p95 {:>5.1} ms   bridge round trip p50 {:>5.1} ms   core search alone p50 {core_ms:>5.1} ms",
            percentile(&mut samples, 0.5),
            percentile(&mut samples, 0.95),
            percentile(&mut trips, 0.5),
        );
    }
    let (rss, pss) = memory();
    println!("after searching: app RSS {rss:.0} MB, app + web view PSS {pss:.0} MB");
    app.stop().await;
}
