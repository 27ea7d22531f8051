//! The intranet host under load (DESIGN.md's budgets: ≥ 300 searches/s at
//! 50 concurrent keep-alive clients, p95 ≤ 50 ms, 1,000 idle connections
//! held, host RSS ≤ 150 MB). `shuxiang serve --http` runs as its own
//! process over a 100,000-volume demo (or `SHUXIANG_BENCH_DB=path`); a
//! hyper client drives it over keep-alive connections for a few seconds at
//! 1, 10 and 50 clients, searching a mix of query kinds, and the same with
//! `/api/v1/ping` as the baseline: what the transport alone costs. Then
//! the readers' HTML pages (DESIGN.md: ≥ 300/s each at 50 clients): the
//! search page over the same mix and for 经济 alone, 我的借阅 and 近期活动
//! signed in, a title with its notes — each as fast as answered and at
//! 300 offered a second; beside them, in this process, the core's counted
//! search (what the page did before) and the page's search for 经济, with
//! SQLite's default page cache and the host's. `SHUXIANG_BENCH_ONLY=core`
//! runs only that comparison.
//! Run: `cargo bench -p shuxiang-cli --bench host_load`

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

#[path = "host_load/pages.rs"]
mod pages;

const BIN: &str = env!("CARGO_BIN_EXE_shuxiang");
const RUN: Duration = Duration::from_secs(5);

const QUERIES: &[&str] = &[
    "%E9%A9%AC%E5%85%8B%E6%80%9D", // 马克思
    "makesi",
    "wlswn",
    "9787108000026",
    "D62%2F1",
    "%E7%BB%8F%E6%B5%8E",                   // 经济
    "%E5%9B%BD%E5%AE%B6%E6%B2%BB%E7%90%86", // 国家治理
    "zgjj",
    "SX000123",
    "%E4%B8%AD", // 中
];

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

struct Figures {
    requests: usize,
    per_second: f64,
    p50: Duration,
    p95: Duration,
}

/// What a run asks: paths taken in turn, with a session cookie or not.
struct Target {
    paths: Vec<String>,
    cookie: Option<String>,
}

impl Target {
    fn open(paths: Vec<String>) -> Arc<Target> {
        Arc::new(Target {
            paths,
            cookie: None,
        })
    }
}

/// Closed loop when `rate` is `None` (each client sends its next request as
/// soon as the last is answered: the most the host can do); otherwise the
/// clients together offer `rate` requests/s, each on its own schedule, and
/// a request's time counts from when it was due (no coordinated omission).
async fn drive(base: &str, clients: usize, target: &Arc<Target>, rate: Option<f64>) -> Figures {
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(clients)
        .build_http();
    let base = Arc::new(base.to_owned());
    let start = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let client = client.clone();
        let base = base.clone();
        let target = target.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut i = c;
            let every = rate.map(|r| Duration::from_secs_f64(clients as f64 / r));
            let mut due =
                start + every.map_or(Duration::ZERO, |e| e.mul_f64(c as f64 / clients as f64));
            while start.elapsed() < RUN {
                if every.is_some() {
                    tokio::time::sleep_until(due.into()).await;
                }
                let uri = format!("{base}{}", target.paths[i % target.paths.len()]);
                i += 1;
                let t = if every.is_some() { due } else { Instant::now() };
                let mut request = hyper::Request::get(uri);
                if let Some(cookie) = &target.cookie {
                    request = request.header(hyper::header::COOKIE, cookie);
                }
                let response = client
                    .request(request.body(Empty::new()).unwrap())
                    .await
                    .expect("answered");
                assert!(response.status().is_success(), "{}", response.status());
                response.into_body().collect().await.unwrap();
                times.push(t.elapsed());
                if let Some(every) = every {
                    due += every;
                }
            }
            times
        }));
    }
    let mut times = Vec::new();
    for t in tasks {
        times.extend(t.await.unwrap());
    }
    let elapsed = start.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Figures {
        requests: times.len(),
        per_second: times.len() as f64 / elapsed.as_secs_f64(),
        p50: at(0.50),
        p95: at(0.95),
    }
}

fn print_row(route: &str, clients: usize, f: &Figures, how: &str) {
    println!(
        "{route:<12} {clients:>7} {:>10} {:>9.0} {:>7.1}ms {:>8.1}ms  {how}",
        f.requests,
        f.per_second,
        f.p50.as_secs_f64() * 1e3,
        f.p95.as_secs_f64() * 1e3,
    );
}

fn main() {
    let _ = rlimit::increase_nofile_limit(8_192);
    let tmp = tempfile::tempdir().unwrap();
    let db = match std::env::var_os("SHUXIANG_BENCH_DB") {
        Some(path) => PathBuf::from(path),
        None => {
            let db = tmp.path().join("bench.db");
            let status = Command::new(BIN)
                .arg("--db")
                .arg(&db)
                .args(["demo", "--volumes", "100000", "--seed", "1"])
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            db
        }
    };
    if std::env::var("SHUXIANG_BENCH_ONLY").as_deref() == Ok("core") {
        pages::core_search_baseline(&db);
        return;
    }
    let title = pages::prepare(&db);
    let mut host = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .args(["--json", "serve", "--http", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(host.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let started: serde_json::Value = serde_json::from_str(&line).unwrap();
    let base = started["url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_owned();
    let addr = base.trim_start_matches("http://").to_owned();
    let pid = host.id();

    let ping = Target::open(vec!["/api/v1/ping".to_owned()]);
    let search = Target::open(
        QUERIES
            .iter()
            .map(|q| format!("/api/v1/search?q={q}&limit=20"))
            .collect(),
    );
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        println!("host RSS at start: {} MiB", rss_kib(pid) / 1024);
        println!(
            "{:<12} {:>7} {:>10} {:>9} {:>9} {:>10}",
            "route", "clients", "requests", "req/s", "p50", "p95"
        );
        let mut idle = Vec::new();
        for clients in [1, 10, 50] {
            if clients == 50 {
                // 1,000 idle keep-alive connections held through the busiest
                // run, from the office's many PCs: each loopback address
                // 127.0.0.10… holds 200 (one address may hold 256).
                let target: std::net::SocketAddr = addr.parse().unwrap();
                for i in 0..1_000u32 {
                    let socket = tokio::net::TcpSocket::new_v4().unwrap();
                    let from = std::net::Ipv4Addr::new(127, 0, 0, 10 + (i / 200) as u8);
                    socket.bind((from, 0).into()).unwrap();
                    idle.push(socket.connect(target).await.unwrap());
                }
                tokio::time::sleep(Duration::from_millis(300)).await;
                println!(
                    "1,000 idle connections open: host RSS {} MiB",
                    rss_kib(pid) / 1024
                );
            }
            for (route, target) in [("ping", &ping), ("search", &search)] {
                let f = drive(&base, clients, target, None).await;
                print_row(route, clients, &f, "as fast as answered");
            }
        }
        // The budget's load: 50 clients offering 300 searches/s between them.
        let f = drive(&base, 50, &search, Some(300.0)).await;
        print_row("search", 50, &f, "offered 300/s");
        let f = drive(&base, 50, &ping, Some(300.0)).await;
        print_row("ping", 50, &f, "offered 300/s");
        // The readers' pages, at 50 clients, with the idle connections held.
        let pages = pages::targets(&base, title);
        for (route, target) in &pages {
            let f = drive(&base, 50, target, None).await;
            print_row(route, 50, &f, "as fast as answered");
            let f = drive(&base, 50, target, Some(300.0)).await;
            print_row(route, 50, &f, "offered 300/s");
        }
        println!(
            "host RSS after the runs, idle connections still open: {} MiB",
            rss_kib(pid) / 1024
        );
        drop(idle);
    });
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
    let _ = host.wait();
    pages::core_search_baseline(&db);
}
