//! The shelves: a stocktake being scanned (found, on the wrong shelf, on
//! loan yet on the shelf, unknown), a past stocktake's report, barcode
//! labels for a range of copies, and borrower cards.

use super::desk::one;
use super::{Camera, pause};

/// Barcodes the database answers to `sql` (one column).
fn codes(cam: &Camera<'_>, sql: &str) -> Vec<String> {
    let db = shuxiang_core::Db::open(&cam.home.db()).unwrap();
    db.read(|tx| {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    })
    .unwrap()
}

pub async fn shots(cam: &Camera<'_>) {
    stocktake(cam).await;
    labels(cam).await;
}

async fn stocktake(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("stocktake").await;
    app.wait_for("#stocktake-start").await;
    // Two shelves: the fullest, and another whose book turns up on it.
    let shelf = one(
        cam,
        "SELECT location FROM copies WHERE status = 'on_shelf' AND location IS NOT NULL
         GROUP BY location ORDER BY count(*) DESC LIMIT 1",
    );
    let other = one(
        cam,
        &format!(
            "SELECT location FROM copies WHERE status = 'on_shelf' AND location IS NOT NULL AND location <> '{shelf}'
             GROUP BY location ORDER BY count(*) DESC LIMIT 1"
        ),
    );
    let month = one(cam, "SELECT strftime('%Y年%m月', 'now', '+8 hours')");
    app.type_into("#st-name", &format!("{month}抽盘")).await;
    for location in [&shelf, &other] {
        cam.click(&format!("#st-locations input[value='{location}']"))
            .await;
    }
    cam.click("#stocktake-start button[type=submit]").await;
    app.wait_for("#stocktake-scan").await;

    let here = |status: &str, n: u32| {
        codes(
            cam,
            &format!(
                "SELECT barcode FROM copies WHERE status = '{status}' AND location = '{shelf}' ORDER BY id LIMIT {n}"
            ),
        )
    };
    let elsewhere = codes(
        cam,
        &format!(
            "SELECT barcode FROM copies WHERE status = 'on_shelf' AND location = '{other}' ORDER BY id LIMIT 1"
        ),
    );
    let mut scans = here("on_shelf", 5);
    scans.insert(2, elsewhere[0].clone());
    scans.extend(here("on_loan", 1));
    scans.push("SX990017".into());
    super::catalogue::set_value(cam, "#stocktake-shelf", &shelf).await;
    for code in &scans {
        app.eval("document.querySelector('#stocktake-scan').focus()")
            .await;
        cam.scan(code).await;
        pause(150).await;
    }
    app.wait_until(
        "every scan listed",
        &format!(
            "document.querySelectorAll('#stocktake-scans tr[data-copy]').length === {}",
            scans.len()
        ),
    )
    .await;
    cam.shot("stocktake-scan.png").await;

    // Given up (nothing changes), and the demo's past stocktake's report.
    cam.click(".view-head [data-act=cancel]").await;
    cam.click("dialog[open] [data-act=ok]").await;
    app.wait_for("#stocktake-start").await;
    // The demo's stocktake, finished: the first past one not given up.
    app.eval(
        "(() => { const rows = [...document.querySelectorAll('[data-report]')]; \
         (rows.find((b) => !b.closest('tr').textContent.includes('已放弃')) ?? rows[0]).click(); return true; })()",
    )
    .await;
    app.wait_for("#stocktake-report .report").await;
    cam.shot("stocktake.png").await;
}

async fn labels(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("labels").await;
    app.type_into("#labels-from", "SX000001").await;
    app.type_into("#labels-to", "SX000030").await;
    app.wait_for("#labels-preview .sheet-label").await;
    pause(400).await;
    cam.shot("labels.png").await;
    cam.click("[data-kind=card]").await;
    app.wait_for("#labels-preview .sheet-label-card").await;
    pause(500).await;
    cam.shot("cards.png").await;
}
