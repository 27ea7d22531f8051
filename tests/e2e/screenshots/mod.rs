//! Screenshots of the real window with demo data, for looking at the screens
//! and, later, for the user guide. Not a test of behaviour: run on demand with
//! `xvfb-run -a cargo test -p shuxiang-desktop --test e2e screenshots -- --ignored`;
//! the pictures go to `target/shots/`. They are taken from the X display
//! (xwininfo and ImageMagick's `import`), as a person sees the window:
//! WebDriver's own screenshot never returns when the web view draws without
//! accelerated compositing, as it does on a display without a GPU.

use std::path::PathBuf;
use std::process::Command;

use crate::harness::{App, Home};

#[tokio::test]
#[ignore = "makes pictures, checks nothing; run on demand"]
async fn screenshots() {
    let home = Home::new();
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_shuxiang-desktop")).with_file_name("shuxiang");
    let status = Command::new(&cli)
        .arg("--db")
        .arg(home.db())
        .args(["demo", "--volumes", "3000"])
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "build the CLI first: cargo build -p shuxiang-cli"
    );
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/shots");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start(&home).await;
    let shot = |name: &'static str| {
        let path = out.join(name);
        async move { capture(&path) }
    };
    let pause = |ms: u64| tokio::time::sleep(std::time::Duration::from_millis(ms));
    // The desk with a borrower who has an overdue book, then after a return.
    pause(800).await;
    shot("home.png").await;
    app.open_view("desk").await;
    app.wait_for("#desk-scan").await;
    let overdue_card = {
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        let loans = shuxiang_core::circulation::overdue_loans(&db, &Default::default()).unwrap();
        loans[0].card_barcode.clone().unwrap()
    };
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("{overdue_card}\u{E007}"))
        .await
        .unwrap();
    app.wait_for("#desk-loans").await;
    pause(400).await;
    shot("desk.png").await;
    app.open_view("overdue").await;
    pause(600).await;
    shot("overdue.png").await;
    app.open_view("stocktake").await;
    app.wait_for("[data-report]").await;
    app.client
        .execute("document.querySelector('[data-report]').click()", vec![])
        .await
        .unwrap();
    app.wait_for("#stocktake-report .report").await;
    pause(300).await;
    shot("stocktake.png").await;
    app.open_view("labels").await;
    app.type_into("#labels-from", "SX000001").await;
    app.type_into("#labels-to", "SX000030").await;
    app.wait_for("#labels-preview .sheet-label").await;
    pause(500).await;
    shot("labels.png").await;
    app.client
        .execute("document.querySelector('[data-kind=card]').click()", vec![])
        .await
        .unwrap();
    pause(900).await;
    shot("cards.png").await;
    app.open_view("settings").await;
    pause(500).await;
    shot("settings.png").await;
    app.open_view("sharing").await;
    app.wait_for("#sharing-body tr[data-id]").await;
    pause(400).await;
    shot("sharing.png").await;
    app.client
        .execute(
            "document.querySelectorAll('#sharing-body tr[data-id]')[1].click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] [data-tab=presenters]")
        .await
        .click()
        .await
        .unwrap();
    pause(400).await;
    shot("session-presenters.png").await;
    app.wait_for("dialog[open] [data-tab=people]")
        .await
        .click()
        .await
        .unwrap();
    pause(400).await;
    shot("session-signin.png").await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=close]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.client
        .execute(
            "document.querySelector('.view-head [data-act=new-series]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #sr-name").await;
    app.type_into("#sr-name", "青年读书会").await;
    app.client
        .execute(
            "const v = document.querySelector('#sr-venue'); v.selectedIndex = 1; v.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    pause(800).await;
    shot("series-preview.png").await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=cancel]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.open_view("calendar").await;
    pause(600).await;
    shot("calendar.png").await;
    app.open_view("training").await;
    app.wait_for("#training-batches tr[data-id]").await;
    pause(400).await;
    shot("training.png").await;
    app.client
        .execute(
            "document.querySelector('#training-batches tr[data-id]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] [data-tab=results]")
        .await
        .click()
        .await
        .unwrap();
    pause(500).await;
    shot("training-results.png").await;
    app.wait_for("dialog[open] [data-tab=attendance]")
        .await
        .click()
        .await
        .unwrap();
    pause(500).await;
    shot("training-attendance.png").await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=close]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.client
        .execute(
            "document.querySelector('[data-mode=coverage]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#training-coverage").await;
    pause(400).await;
    shot("training-coverage.png").await;
    app.open_view("reports").await;
    app.wait_for("#report-totals").await;
    pause(500).await;
    shot("reports.png").await;
    app.open_view("records").await;
    app.client
        .execute("document.querySelector('[data-mode=unit]').click()", vec![])
        .await
        .unwrap();
    app.wait_for("#units-table").await;
    pause(300).await;
    shot("records-units.png").await;
    app.open_view("backup").await;
    app.wait_for("#backup-list").await;
    pause(300).await;
    shot("backup.png").await;
    for view in ["people", "audit", "operators", "about"] {
        app.open_view(view).await;
        pause(700).await;
        capture(&out.join(format!("{view}.png")));
    }
    let reader = {
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        shuxiang_core::circulation::overdue_loans(&db, &Default::default()).unwrap()[0].person_id
    };
    app.client
        .execute(
            &format!("location.hash = '#records?person={reader}'"),
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#record-totals").await;
    pause(400).await;
    shot("records-person.png").await;
    app.open_view("catalog").await;
    app.wait_until(
        "the list",
        "document.querySelector('#catalog-body tr[data-id]') !== null",
    )
    .await;
    shot("catalog.png").await;
    app.type_into("#catalog-search", "zgjj").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    shot("catalog-search.png").await;
    app.client
        .execute(
            "document.querySelector('#catalog-body tr[data-id]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #td-title").await;
    shot("title-detail.png").await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=edit]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #tf-clc").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    shot("title-form.png").await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=cancel]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.client
        .execute(
            "document.querySelector('.view-head [data-act=import]').click()",
            vec![],
        )
        .await
        .unwrap();
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/fixtures/books.xlsx");
    app.wait_for("dialog[open] #import-file")
        .await
        .send_keys(&fixture.display().to_string())
        .await
        .unwrap();
    app.wait_until(
        "the check",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    shot("import-check.png").await;
    // A large list, checked through a typed path: the progress bar.
    let big = std::env::temp_dir().join(format!("书香-大批书目-{}.csv", std::process::id()));
    let mut text = String::from("书名,作者,出版社,册数\n");
    for i in 1..=40_000 {
        text.push_str(&format!("地方治理研究第{i}辑,编写组{i} 编,人民出版社,1\n"));
    }
    std::fs::write(&big, text).unwrap();
    app.type_into("dialog[open] #import-path", &big.display().to_string())
        .await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=use-path]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the progress of the check",
        "/[1-9][0-9,]* \\/ 40,000/.test(document.querySelector('#import-report .progress span')?.textContent ?? '')",
    )
    .await;
    shot("import-progress.png").await;
    app.wait_until(
        "the end of the check",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    let _ = std::fs::remove_file(&big);
    // 设置 → 局域网共享, turned on.
    app.eval("document.querySelectorAll('dialog[open]').forEach((d) => d.close())")
        .await;
    app.open_view("settings").await;
    app.wait_for("#intranet-form").await;
    app.eval("document.querySelector('#intranet-port').value = '17443'")
        .await;
    app.eval("document.querySelector('#intranet-form button[type=submit]').click()")
        .await;
    app.wait_for("#intranet-panel [data-url]").await;
    app.eval("document.querySelector('#intranet-panel').scrollIntoView()")
        .await;
    pause(400).await;
    shot("intranet.png").await;
    app.eval("document.querySelector('[data-act=stop-intranet]').click()")
        .await;
    // 设置 → 连接到局域网主机, before an address is given.
    app.wait_for("#intranet-form").await;
    app.eval("document.querySelector('#host-panel').scrollIntoView()")
        .await;
    pause(300).await;
    shot("host-link.png").await;
    app.stop().await;

    // The first start, on an empty data folder.
    let fresh = Home::new();
    let app = App::start(&fresh).await;
    app.wait_for("#view .view[data-view=welcome]").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    capture(&out.join("welcome.png"));
    app.stop().await;
}

/// Saves the app's window (the top-level X window titled 书香) as a PNG.
fn capture(path: &std::path::Path) {
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
