//! 局域网共享 turned on in the window (at the usual port when it is free),
//! the readers' pages it serves as a reader sees them in a browser (headless
//! Chromium: the home page, a pinyin search, a title, the login, their own
//! loans and holds), and 连接到局域网主机 before an address is given.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::{Camera, out_dir, pause};
use crate::harness::free_port;

/// chromedriver, stopped when dropped (SIGTERM, so Chromium goes with it).
struct Driver(Child);

impl Drop for Driver {
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

/// Headless Chromium at 1366×768 that accepts the window's own certificate
/// (as a reader does once the fingerprint is checked).
async fn browser() -> (Driver, Client) {
    let port = free_port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver (package chromium-driver) is installed");
    let driver = Driver(driver);
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    let caps = json!({
        "acceptInsecureCerts": true,
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--ignore-certificate-errors", "--window-size=1366,768", "--lang=zh-CN"]
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
    // The page itself 1366×768, whatever the browser's own bars take.
    let inner = client
        .execute("return window.innerHeight;", vec![])
        .await
        .unwrap();
    let bars = 768u32.saturating_sub(inner.as_u64().unwrap_or(768) as u32);
    client.set_window_size(1366, 768 + bars).await.unwrap();
    (driver, client)
}

/// The browser's page as picture `name`.
async fn page_shot(client: &Client, name: &str) {
    assert!(
        super::PICTURES.contains(&name),
        "{name} is listed in PICTURES"
    );
    pause(300).await;
    let png = client.screenshot().await.unwrap();
    std::fs::write(out_dir().join(name), png).unwrap();
}

/// Waits for an element matching `css` on the browser's page.
async fn wait(client: &Client, css: &str) {
    tokio::time::timeout(
        Duration::from_secs(10),
        client.wait().for_element(Locator::Css(css)),
    )
    .await
    .unwrap_or_else(|_| panic!("{css} did not appear in the browser"))
    .unwrap();
}

pub async fn shots(cam: &Camera<'_>) {
    let app = cam.app;
    // The usual port, unless something here already listens on it.
    let port = if std::net::TcpListener::bind(("0.0.0.0", 7443)).is_ok() {
        7443
    } else {
        free_port()
    };
    app.share_on(port).await;
    app.eval("document.querySelector('#intranet-panel').scrollIntoView()")
        .await;
    cam.shot("intranet.png").await;

    let (_driver, client) = browser().await;
    let url = format!("https://127.0.0.1:{port}");
    client.goto(&format!("{url}/")).await.unwrap();
    wait(&client, "form.search").await;
    page_shot(&client, "readers-home.png").await;
    client.goto(&format!("{url}/search?q=wlswn")).await.unwrap();
    wait(&client, "ol.results li a.title").await;
    page_shot(&client, "readers-search.png").await;
    client
        .find(Locator::Css("ol.results li a.title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait(&client, "h1").await;
    let title = client.current_url().await.unwrap();
    page_shot(&client, "readers-title.png").await;
    client
        .goto(&format!("{url}/login?next={}", title.path()))
        .await
        .unwrap();
    wait(&client, "form.login").await;
    let form = client.form(Locator::Css("form.login")).await.unwrap();
    form.set_by_name("card", "J00001").await.unwrap();
    page_shot(&client, "readers-login.png").await;
    form.set_by_name("pin", shuxiang_core::demo::DEMO_READER_PIN)
        .await
        .unwrap();
    form.submit().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while client.current_url().await.unwrap().path() == "/login" {
        assert!(
            Instant::now() < deadline,
            "the demo reader could not sign in"
        );
        pause(50).await;
    }
    // A hold on the book, then the reader's own page.
    if let Ok(button) = client
        .find(Locator::XPath("//button[text()='预约这本书']"))
        .await
    {
        button.click().await.unwrap();
        pause(500).await;
    }
    client.goto(&format!("{url}/me")).await.unwrap();
    wait(&client, "h1").await;
    page_shot(&client, "readers-me.png").await;
    client.goto(&format!("{url}/events")).await.unwrap();
    wait(&client, "h1").await;
    page_shot(&client, "readers-events.png").await;
    client.goto(&format!("{url}/periodicals")).await.unwrap();
    wait(&client, "h1").await;
    page_shot(&client, "readers-periodicals.png").await;
    let _ = client.close().await;

    app.eval("document.querySelector('[data-act=stop-intranet]').click()")
        .await;
    app.wait_for("#intranet-form").await;
    app.eval("document.querySelector('#host-panel').scrollIntoView()")
        .await;
    cam.shot("host-link.png").await;
}
