//! Drives the real built app in a real window: WebKitWebDriver (from
//! webkit2gtk-driver) launches the binary with a private data folder, and
//! fantoccini speaks WebDriver to it. Needs a display (Xvfb in CI).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator, elements::Element};
use serde_json::json;

pub const APP: &str = env!("CARGO_BIN_EXE_shuxiang-desktop");

/// A data folder and config folder private to one test.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Where the driver's and the app's output goes, shown when a start fails.
    pub fn log(&self) -> PathBuf {
        self.dir.path().join("driver.log")
    }

    pub fn db(&self) -> PathBuf {
        self.data().join("shuxiang.db")
    }

    /// The environment the app runs with: its own data, config and XDG folders.
    pub fn env(&self) -> Vec<(&'static str, PathBuf)> {
        vec![
            ("SHUXIANG_HOME", self.data()),
            ("XDG_CONFIG_HOME", self.dir.path().join("config")),
            ("XDG_DATA_HOME", self.dir.path().join("xdg-data")),
            ("XDG_CACHE_HOME", self.dir.path().join("cache")),
        ]
    }
}

/// WebKitWebDriver, stopped when dropped — also when a test panics midway.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        if let Ok(Some(_)) = self.0.try_wait() {
            return;
        }
        // SIGTERM, not SIGKILL: a killed driver orphans its browser process.
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.0.id().to_string())
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

/// The app under WebDriver.
pub struct App {
    pub client: Client,
    /// When the driver was asked to launch the app (the window benchmark
    /// times start-up from here).
    #[allow(dead_code)]
    pub launched_at: std::time::SystemTime,
    _driver: Driver,
    db: PathBuf,
    /// The first window of a test holds the lock; a second beside it does not.
    _serial: Option<tokio::sync::MutexGuard<'static, ()>>,
}

/// One app window at a time: WebKit is heavy on a 2-core CI machine, and
/// timing-sensitive waits should not compete with a second window.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A port no one on this machine listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn require_display() {
    assert!(
        std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some(),
        "the end-to-end tests need a display: run them under xvfb-run (see .ci/run)"
    );
}

impl App {
    /// Starts the app on `home` and waits for its first screen.
    pub async fn start(home: &Home) -> App {
        let serial = SERIAL.lock().await;
        App::start_holding(home, Some(serial)).await
    }

    /// Starts a second window beside one this test already started (the
    /// host and a PC connected to it).
    #[allow(dead_code)]
    pub async fn start_beside(home: &Home, _first: &App) -> App {
        App::start_holding(home, None).await
    }

    async fn start_holding(
        home: &Home,
        serial: Option<tokio::sync::MutexGuard<'static, ()>>,
    ) -> App {
        require_display();
        let port = free_port();
        let mut cmd = Command::new("WebKitWebDriver");
        cmd.arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .stdout(Stdio::null())
            .stderr(
                std::fs::File::create(home.log())
                    .map(Stdio::from)
                    .unwrap_or(Stdio::null()),
            );
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        let mut driver = Driver(
            cmd.spawn()
                .expect("WebKitWebDriver (package webkit2gtk-driver) is installed"),
        );
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "WebKitWebDriver did not listen on {port}"
            );
            if let Ok(Some(status)) = driver.0.try_wait() {
                panic!("WebKitWebDriver exited early: {status}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({ "webkitgtk:browserOptions": { "binary": APP, "args": [] } });
        let launched_at = std::time::SystemTime::now();
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = tokio::time::timeout(
            Duration::from_secs(30),
            ClientBuilder::new(connector)
                .capabilities(caps.as_object().unwrap().clone())
                .connect(&format!("http://127.0.0.1:{port}")),
        )
        .await
        .unwrap_or_else(|_| {
            panic!(
                "no WebDriver session within 30 s; log:\n{}",
                std::fs::read_to_string(home.log()).unwrap_or_default()
            )
        })
        .expect("a WebDriver session");
        let app = App {
            client,
            launched_at,
            _driver: driver,
            db: home.db(),
            _serial: serial,
        };
        app.wait_for("#view .view-head h1, #login-overlay").await;
        app
    }

    /// Opens a view from the navigation, as a person clicks it, and waits
    /// for it to be on screen.
    pub async fn open_view(&self, view: &str) {
        self.client
            .execute(
                &format!("document.querySelector('#nav a[data-view={view}]').click()"),
                vec![],
            )
            .await
            .unwrap();
        self.wait_for(&format!("#view .view[data-view={view}]"))
            .await;
    }

    /// Closes the window, waits for the app to let go of its database and of
    /// its instance lock (so a restart on the same data folder is a real
    /// second start, not a hand-over to a process still exiting), and stops
    /// the driver.
    pub async fn stop(self) {
        let _ = self.client.clone().close().await;
        let lock = self.db.with_file_name("app.lock");
        let released = || {
            processes_with_open(&self.db).is_empty()
                && std::fs::File::open(&lock)
                    .map(|f| f.try_lock().is_ok())
                    .unwrap_or(true)
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        while !released() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The element matching `css`, waiting up to 10 s for it.
    pub async fn wait_for(&self, css: &str) -> Element {
        tokio::time::timeout(
            Duration::from_secs(10),
            self.client.wait().for_element(Locator::Css(css)),
        )
        .await
        .unwrap_or_else(|_| panic!("{css} did not appear within 10 s"))
        .unwrap_or_else(|e| panic!("{css}: {e}"))
    }

    /// Waits until `script` (a JS expression) is truthy.
    pub async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let v = self
                .client
                .execute(&format!("return Boolean({script});"), vec![])
                .await
                .unwrap();
            if v == json!(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The value of a JS expression.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client
            .execute(&format!("return {script};"), vec![])
            .await
            .unwrap()
    }

    /// Texts of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let v = self
            .eval(&format!(
                "[...document.querySelectorAll({css:?})].map(e => e.textContent.trim())"
            ))
            .await;
        serde_json::from_value(v).unwrap()
    }

    /// Turns on 设置 → 局域网共享 at `port`, as a person does, and gives
    /// the certificate's fingerprint once the panel shows it.
    pub async fn share_on(&self, port: u16) -> String {
        self.open_view("settings").await;
        self.wait_for("#intranet-form").await;
        self.type_into("#intranet-port", &port.to_string()).await;
        self.eval("document.querySelector('#intranet-form button[type=submit]').click()")
            .await;
        self.wait_for("#intranet-panel [data-url]").await;
        self.wait_for("#intranet-fingerprint").await;
        self.texts("#intranet-fingerprint").await.remove(0)
    }

    /// Replaces the people search box's text, as a person types it.
    pub async fn search(&self, text: &str) {
        self.type_into("#people-search", text).await;
    }

    /// Replaces an input's text, as a person types it.
    pub async fn type_into(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input.clear().await.unwrap();
        input.send_keys(text).await.unwrap();
    }

    /// Waits until the people list shows exactly `names`, in order.
    pub async fn wait_for_names(&self, names: &[&str]) {
        self.wait_for_rows("#people-body", names).await;
    }

    /// Waits until the list in `body` shows exactly `names` (its name cells), in order.
    pub async fn wait_for_rows(&self, body: &str, names: &[&str]) {
        let expected = serde_json::to_string(names).unwrap();
        let script = format!(
            "JSON.stringify([...document.querySelectorAll('{body} td.name')].map(e => e.firstChild.textContent)) === {expected:?}"
        );
        self.wait_until(&format!("the list to show {names:?}"), &script)
            .await;
    }
}

/// A reader (staff, with a card) and a title with one copy, written into
/// the database of `home` before a window opens on it.
pub fn seed_reader_and_book(home: &Home, reader: &str, card: &str, title: &str, barcode: &str) {
    use shuxiang_core::catalog::{self, NewCopies, NewTitle};
    use shuxiang_core::people::{self, NewPerson, PersonKind};
    let db = shuxiang_core::Db::open(&home.db()).unwrap();
    let me = shuxiang_core::Actor::CommandLine;
    people::create_person(
        &db,
        &me,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: reader.into(),
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap();
    catalog::create_title(
        &db,
        &me,
        &NewTitle {
            title: title.into(),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec![barcode.into()],
            ..Default::default()
        },
    )
    .unwrap();
}

/// The processes that have `file` open, from `/proc/*/fd`.
pub fn processes_with_open(file: &Path) -> Vec<u32> {
    let target = file.canonicalize().unwrap_or_else(|_| file.to_owned());
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
            continue;
        };
        if fds
            .flatten()
            .any(|fd| std::fs::read_link(fd.path()).is_ok_and(|l| l == target))
        {
            pids.push(pid);
        }
    }
    pids
}
