//! The user guide's pictures (docs/images/), taken from the real window with
//! the demo data, as a librarian sees each screen at 1366×768; run on demand
//! by `scripts/screenshots` (`cargo test -p shuxiang-desktop --test e2e
//! screenshots -- --ignored` under xvfb-run). Not a test of behaviour. The
//! window is captured from the X display (xwininfo and ImageMagick's
//! `import`): WebDriver's own screenshot never returns when the web view
//! draws without accelerated compositing. The readers' pages are taken in
//! headless Chromium from the window's own 局域网共享. The data folder shows
//! as an office PC's (`D:\书香数据`) rather than the test's temporary one.

mod catalogue;
mod desk;
mod events;
mod office;
mod periodicals;
mod readers;
mod shelves;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::harness::{App, Home};

/// Every picture this run makes, by its file name in docs/images/; the
/// guide's test (ui/test/guide.test.js) reads this list.
pub const PICTURES: &[&str] = &[
    "welcome.png",
    "home.png",
    "people.png",
    "people-import.png",
    "catalog.png",
    "catalog-search.png",
    "title-form.png",
    "title-detail.png",
    "import-check.png",
    "import-runs.png",
    "desk.png",
    "desk-names.png",
    "desk-return.png",
    "desk-focus.png",
    "overdue.png",
    "settings.png",
    "holiday-import.png",
    "stocktake-scan.png",
    "stocktake.png",
    "labels.png",
    "cards.png",
    "sharing.png",
    "series-preview.png",
    "session-presenters.png",
    "session-signin.png",
    "calendar.png",
    "training.png",
    "training-attendance.png",
    "training-results.png",
    "training-pending.png",
    "training-coverage.png",
    "records-person.png",
    "records-units.png",
    "reports.png",
    "backup.png",
    "intranet.png",
    "host-link.png",
    "readers-home.png",
    "readers-search.png",
    "readers-title.png",
    "readers-login.png",
    "readers-me.png",
    "readers-events.png",
    "readers-periodicals.png",
    "inbox.png",
    "periodicals-checkin.png",
    "periodicals-subscriptions.png",
    "periodicals-issues.png",
    "periodicals-late.png",
    "periodicals-routing.png",
    "periodicals-renewal.png",
    "periodicals-orders.png",
    "login.png",
    "operators.png",
    "audit.png",
];

/// Where the pictures go: a folder of their own, emptied first, that
/// scripts/screenshots copies into docs/images/.
fn out_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/shots/guide")
}

/// The window under the camera, and how its data folder is shown.
pub struct Camera<'a> {
    pub app: &'a App,
    pub home: &'a Home,
    /// The folder shown where the window names the data folder.
    shown: &'static str,
}

impl<'a> Camera<'a> {
    /// The camera on `app`, its data folder shown as `shown`.
    pub fn new(app: &'a App, home: &'a Home, shown: &'static str) -> Camera<'a> {
        Camera { app, home, shown }
    }

    /// Takes picture `name` of the window as it is now.
    pub async fn shot(&self, name: &str) {
        assert!(PICTURES.contains(&name), "{name} is listed in PICTURES");
        pause(350).await;
        self.dress().await;
        // Painted before it is taken.
        pause(300).await;
        capture(&out_dir().join(name));
    }

    /// Shows the data folder's path (and the paths under it) as `shown`,
    /// with a Windows PC's separators, wherever the window writes it.
    async fn dress(&self) {
        let real = self.home.data().display().to_string();
        let script = format!(
            r#"(() => {{
  const real = {real:?}, shown = {shown:?};
  const re = new RegExp(real.replace(/[.*+?^${{}}()|[\]\\]/g, '\\$&') + '([^\\s，。；、）)”"]*)', 'g');
  const fix = (s) => s.replace(re, (_, tail) => shown + tail.replace(/\//g, '\\'));
  let fixed = 0;
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) if (n.nodeValue.includes(real)) {{
    n.nodeValue = fix(n.nodeValue);
    fixed += 1;
  }}
  for (const el of document.querySelectorAll('input, textarea')) if (el.value.includes(real)) el.value = fix(el.value);
  document.getElementById('toasts')?.replaceChildren();
  for (const el of document.querySelectorAll('[title]')) if (el.title.includes(real)) el.title = fix(el.title);
  return fixed || document.getElementById('data-dir').textContent.includes(shown);
}})()"#,
            shown = self.shown
        );
        let shown = self.app.eval(&script).await;
        // The navigation's foot names the data folder on every screen.
        assert_ne!(
            shown,
            serde_json::json!(false),
            "the data folder {real} is on screen"
        );
    }

    /// Clicks the first element matching `css`.
    pub async fn click(&self, css: &str) {
        self.app.wait_for(css).await;
        self.app
            .eval(&format!("document.querySelector({css:?}).click()"))
            .await;
    }

    /// Types `text` into the focused element, then Enter (as a scanner does).
    pub async fn scan(&self, text: &str) {
        self.app
            .client
            .active_element()
            .await
            .unwrap()
            .send_keys(&format!("{text}\u{E007}"))
            .await
            .unwrap();
    }

    /// Closes every open dialog.
    pub async fn close_dialogs(&self) {
        self.app
            .eval("document.querySelectorAll('dialog[open]').forEach((d) => { d.close(); d.remove(); })")
            .await;
    }
}

pub async fn pause(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

#[tokio::test]
#[ignore = "makes the guide's pictures, checks nothing; run by scripts/screenshots"]
async fn screenshots() {
    let out = out_dir();
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let home = Home::new();
    {
        // The demo, as 装入演示数据 loads it.
        std::fs::create_dir_all(home.data()).unwrap();
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        shuxiang_core::demo::load_demo(&db, &shuxiang_core::Actor::Desktop, Default::default())
            .unwrap();
    }
    desk::overdue_books(&home);

    let app = App::start(&home).await;
    full_size(&app).await;
    let cam = Camera::new(&app, &home, r"D:\书香数据");
    desk::shots(&cam).await;
    catalogue::shots(&cam).await;
    shelves::shots(&cam).await;
    events::shots(&cam).await;
    periodicals::shots(&cam).await;
    office::shots(&cam).await;
    readers::shots(&cam).await;
    app.stop().await;

    office::accounts(&home).await;

    // The first start, on an empty data folder in the usual place.
    let fresh = Home::new();
    let app = App::start(&fresh).await;
    app.wait_for("#view .view[data-view=welcome]").await;
    full_size(&app).await;
    let cam = Camera::new(&app, &fresh, r"C:\Users\阅览室\AppData\Roaming\shuxiang");
    cam.shot("welcome.png").await;
    app.stop().await;

    for name in PICTURES {
        assert!(out.join(name).exists(), "{name} was taken");
    }
}

/// The window at the size of a common office screen, 1366×768.
pub async fn full_size(app: &App) {
    app.client.set_window_rect(0, 0, 1366, 768).await.unwrap();
    pause(500).await;
}

/// Saves the app's window (the top-level X window titled 书香) as a PNG.
fn capture(path: &Path) {
    let tree = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo (package x11-utils)");
    let tree = String::from_utf8_lossy(&tree.stdout);
    let id = tree
        .lines()
        .find(|l| l.contains("\"书香\":"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the window titled 书香 is on the display");
    let status = Command::new("import")
        .args(["-window", id])
        .arg(path)
        .status()
        .expect("import (package imagemagick)");
    assert!(status.success(), "import could not capture the window");
}
