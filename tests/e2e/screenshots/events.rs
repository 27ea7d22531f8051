//! Reading-share and training: the coming year's sessions, a new series
//! whose preview shows a clash, one past session's presenters and sign-in,
//! the calendar, a topic's batches, a batch's attendance and results, and
//! coverage by professional group; then what readers asked, in 待处理.

use super::{Camera, pause};

pub async fn shots(cam: &Camera<'_>) {
    sharing(cam).await;
    training(cam).await;
    inbox(cam).await;
}

/// What the demo's readers asked from their browsers, waiting in 待处理.
async fn inbox(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("inbox").await;
    app.wait_for("#inbox-total").await;
    app.wait_for("article.request").await;
    pause(300).await;
    cam.shot("inbox.png").await;
}

async fn sharing(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("sharing").await;
    app.wait_for("#sharing-body tr[data-id]").await;
    cam.shot("sharing.png").await;

    // This year's latest session that took place.
    app.eval(
        "(() => { const held = document.querySelectorAll('#sharing-body .earlier-group tr[data-id]'); \
         (held[held.length - 1] ?? document.querySelector('#sharing-body tr[data-id]')).click(); return true; })()",
    )
    .await;
    cam.click("dialog[open] [data-tab=presenters]").await;
    app.wait_for("dialog[open] #sd-presenters").await;
    cam.shot("session-presenters.png").await;
    cam.click("dialog[open] [data-tab=people]").await;
    app.wait_for("dialog[open] #sd-attendees").await;
    cam.shot("session-signin.png").await;
    cam.close_dialogs().await;

    // A new series in the room the demo's series uses: its dates clash.
    cam.click(".view-head [data-act=new-series]").await;
    app.wait_for("dialog[open] #sr-name").await;
    app.type_into("#sr-name", "青年干部读书会").await;
    app.type_into("#sr-theme", "青年干部读书会 好书共读").await;
    app.eval(
        "(() => { const v = document.querySelector('#sr-venue'); \
         v.value = [...v.options].find((o) => o.textContent.startsWith('阅览室')).value; \
         v.dispatchEvent(new Event('change', { bubbles: true })); return true; })()",
    )
    .await;
    for _ in 0..50 {
        if app
            .eval("document.querySelector('#sr-preview tr.clash') !== null")
            .await
            == serde_json::json!(true)
        {
            break;
        }
        pause(100).await;
    }
    cam.shot("series-preview.png").await;
    cam.close_dialogs().await;

    app.open_view("calendar").await;
    pause(600).await;
    cam.shot("calendar.png").await;
}

async fn training(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("training").await;
    app.wait_for("#training-batches tr[data-id]").await;
    cam.shot("training.png").await;
    cam.click("#training-batches tr[data-id]").await;
    cam.click("dialog[open] [data-tab=attendance]").await;
    app.wait_for("dialog[open] #bd-attendance").await;
    cam.shot("training-attendance.png").await;
    cam.click("dialog[open] [data-tab=results]").await;
    app.wait_for("dialog[open] #bd-results").await;
    cam.shot("training-results.png").await;
    cam.close_dialogs().await;
    // A batch still to come: its results wait until its sessions are held.
    app.eval(
        "(() => { const rows = [...document.querySelectorAll('#training-batches tr[data-id]')]; \
         (rows.find((r) => r.lastElementChild.textContent.trim().startsWith('0/')) ?? rows.at(-1)).click(); return true; })()",
    )
    .await;
    cam.click("dialog[open] [data-tab=results]").await;
    app.wait_for("dialog[open] #bd-settled").await;
    cam.shot("training-pending.png").await;
    cam.close_dialogs().await;
    cam.click("[data-mode=coverage]").await;
    app.wait_for("#training-coverage").await;
    cam.shot("training-coverage.png").await;
}
