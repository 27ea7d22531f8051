//! The periodicals room and the year's purchases on the demo: the day's
//! check-in with a cover scanned, the year's subscriptions and one title's
//! issues, the late list by supplier, routing, next year's 征订单 and the
//! budgets with an order.

use super::{Camera, pause};

const VIEW: &str = ".view[data-view=periodicals]";

async fn tab(cam: &Camera<'_>, key: &str, ready: &str) {
    cam.click(&format!("{VIEW} [role=tab][data-tab={key}]"))
        .await;
    cam.app.wait_for(ready).await;
    pause(300).await;
}

pub async fn shots(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("periodicals").await;
    app.wait_for("#checkin-scan").await;
    // The first issue due checked in, as one Enter on its row does.
    if app
        .eval("!!document.querySelector('#checkin-due tr[data-due]')")
        .await
        == serde_json::json!(true)
    {
        cam.click("#checkin-due tr[data-due]").await;
        app.wait_for("#checkin-answer *").await;
    }
    pause(300).await;
    cam.shot("periodicals-checkin.png").await;

    tab(cam, "subscriptions", "#subs-table tr[data-id]").await;
    cam.shot("periodicals-subscriptions.png").await;
    // A journal's issues: the 7-8 合刊, those in, one 缺期.
    app.eval(
        "(() => { const rows = [...document.querySelectorAll('#subs-table tr[data-id]')]; \
         (rows.find((r) => r.textContent.includes('人大')) ?? rows[0]).querySelector('[data-act=issues]').click(); })()",
    )
    .await;
    app.wait_for("dialog[open] tr[data-issue]").await;
    pause(300).await;
    cam.shot("periodicals-issues.png").await;
    cam.close_dialogs().await;

    tab(cam, "late", "#late-table").await;
    cam.shot("periodicals-late.png").await;
    tab(cam, "routing", "#routing-overdue").await;
    cam.shot("periodicals-routing.png").await;
    tab(cam, "renewal", "#renewal-lines").await;
    cam.shot("periodicals-renewal.png").await;
    tab(cam, "orders", "#orders-table").await;
    cam.shot("periodicals-orders.png").await;
}
