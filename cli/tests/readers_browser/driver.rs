//! Driving headless Chromium for the readers' pages: chromedriver on a
//! free port, waiting for pages and elements, pictures for the guide, and
//! axe-core (vendored, offline) run over a page.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// A child process stopped when dropped, also when the test panics.
pub struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub async fn browser(log: &Path) -> (Running, Client) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::from(std::fs::File::create(log).unwrap()))
        .spawn()
        .expect("chromedriver (package chromium-driver) is installed");
    let driver = Running(driver);
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    let caps = json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1366,768", "--lang=zh-CN"]
        }
    });
    let client = tokio::time::timeout(
        Duration::from_secs(60),
        ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}")),
    )
    .await
    .expect("a Chromium session within 60 s")
    .expect("a Chromium session");
    (driver, client)
}

/// The text of the first element matching `css`, waiting for it; found
/// again when a page that was still being replaced took it away.
pub async fn text(client: &Client, css: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let found = client.find(Locator::Css(css)).await;
        let read = match found {
            Ok(element) => element.text().await,
            Err(e) => Err(e),
        };
        match read {
            Ok(text) => return text,
            Err(e) if Instant::now() > deadline => panic!("{css}: {e}"),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
}

pub async fn shot(client: &Client, name: &str) {
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/shots");
    std::fs::create_dir_all(&out).unwrap();
    let png = client.screenshot().await.unwrap();
    std::fs::write(out.join(name), png).unwrap();
}

/// No script ran and no element came from stored text.
pub async fn nothing_injected(client: &Client, page: &str) {
    let found = client
        .execute(
            "return [window.__xss === undefined, document.scripts.length, \
             document.querySelectorAll('main img').length];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(found, json!([true, 0, 0]), "on {page}");
}

/// Waits until the browser shows the page at `path` (a prefix of it).
pub async fn arrive(client: &Client, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = client.current_url().await.unwrap();
        if now.path().starts_with(path) {
            // And the page there is loaded.
            let ready = client
                .execute("return document.readyState === 'complete';", vec![])
                .await
                .unwrap_or_default();
            if ready == json!(true) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "never reached {path}: at {now}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Signs in on the login page and waits until the browser has left it.
pub async fn sign_in(client: &Client, card: &str, pin: &str) {
    let form = client.form(Locator::Css("form.login")).await.unwrap();
    form.set_by_name("card", card).await.unwrap();
    form.set_by_name("pin", pin).await.unwrap();
    form.submit().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.current_url().await.unwrap().path() == "/login" {
        assert!(Instant::now() < deadline, "still on the login page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// axe-core, checked in (tests/vendor/axe-core): no network at run time.
const AXE: &str = include_str!("../vendor/axe-core/axe.min.js");

/// The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA (GB/T 37668
/// holds the pages to WCAG 2.0 AA).
const WCAG_A_AA: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/// The WCAG A and AA violations axe-core finds on the page open now, each
/// as "rule (impact): where".
pub async fn axe_violations(client: &Client) -> Vec<String> {
    let loaded = client
        .execute(&format!("{AXE}\n;return typeof window.axe;"), vec![])
        .await
        .unwrap();
    assert_eq!(loaded, json!("object"), "axe-core is loaded into the page");
    let found = client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']}) \
               .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + \
                    v.nodes.map(n => n.target.join(' ')).join(', ')))) \
               .catch(e => done(['axe-core failed: ' + e]));",
            vec![json!(WCAG_A_AA)],
        )
        .await
        .unwrap();
    match found {
        Value::Array(items) => items
            .into_iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect(),
        other => vec![format!("axe-core answered {other}")],
    }
}

/// Whether the page open now fits the window's width: no sideways
/// scrolling.
pub async fn fits_the_width(client: &Client) -> bool {
    client
        .execute(
            "return document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap()
        == json!(true)
}
