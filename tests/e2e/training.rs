//! Training in the real window, on the demo data: a topic with two batches
//! created, a session added, 40 deputies assigned automatically and
//! confirmed, attendance ticked, the completion figures read, and the
//! certificate print view showing one certificate per completed deputy.

use std::path::PathBuf;
use std::process::Command;

use crate::harness::{App, Home};

async fn js(app: &App, script: &str) {
    app.client.execute(script, vec![]).await.unwrap();
}

async fn set(app: &App, css: &str, value: &str) {
    js(
        app,
        &format!(
            "const el = document.querySelector({css:?}); el.value = {value:?}; \
             el.dispatchEvent(new Event('input', {{ bubbles: true }})); \
             el.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ),
    )
    .await;
}

#[tokio::test]
async fn forty_deputies_are_assigned_attend_and_completers_get_certificates() {
    let home = Home::new();
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_shuxiang-desktop")).with_file_name("shuxiang");
    let status = Command::new(&cli)
        .arg("--db")
        .arg(home.db())
        .args(["demo", "--volumes", "300"])
        .output()
        .expect("build the CLI first: cargo build -p shuxiang-cli");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let app = App::start(&home).await;
    app.open_view("training").await;

    // A topic and two mixed batches of 20, next year.
    app.type_into("#tt-name", "数字政府建设").await;
    js(
        &app,
        "document.querySelector('#training-new-topic button').click()",
    )
    .await;
    app.wait_for("#training-new-batch").await;
    app.wait_until(
        "the new topic chosen",
        "document.querySelector('.topic-main h2')?.textContent.includes('数字政府建设')",
    )
    .await;
    for (name, start) in [("第1期", "2027-03-01"), ("第2期", "2027-04-05")] {
        app.type_into("#tb-name", name).await;
        set(&app, "#tb-capacity", "20").await;
        set(&app, "#tb-start", start).await;
        js(
            &app,
            "document.querySelector('#training-new-batch button[type=submit]').click()",
        )
        .await;
        app.wait_until(
            "the batch listed",
            &format!("[...document.querySelectorAll('#training-batches td.name')].some(td => td.textContent === {name:?})"),
        )
        .await;
    }

    // A session for the first batch, today: attendance is taken on the
    // day (a session to come is not held, and completes nobody).
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    js(
        &app,
        "document.querySelector('#training-batches tr[data-id]').click()",
    )
    .await;
    app.wait_for("dialog[open] #bd-new-session").await;
    app.type_into("#bd-subject", "数字政府建设概论").await;
    set(&app, "#bd-start", &format!("{today}T09:00")).await;
    set(&app, "#bd-end", "11:30").await;
    app.type_into("#bd-lecturer", "王教授").await;
    js(
        &app,
        "document.querySelector('#bd-new-session button[type=submit]').click()",
    )
    .await;
    app.wait_until(
        "the session listed",
        "document.querySelectorAll('#bd-sessions tbody tr').length === 1",
    )
    .await;
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=close]').click()",
    )
    .await;

    // Automatic assignment: 40 seats for 160 deputies.
    app.wait_until(
        "the dialog closed",
        "!document.querySelector('dialog[open]')",
    )
    .await;
    js(
        &app,
        "document.querySelector('.topic-main [data-act=assign]').click()",
    )
    .await;
    app.wait_for("dialog[open] #as-summary").await;
    let summary = app.texts("#as-summary").await;
    assert!(summary[0].contains("可编入 40 人"), "{summary:?}");
    assert!(summary[0].contains("未能编入 120 人"), "{summary:?}");
    let reasons = app.texts("#as-unplaced td:nth-child(2)").await;
    assert!(
        reasons.iter().all(|r| r.contains("没有空位")),
        "{:?}",
        &reasons[..3]
    );
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=confirm]').click()",
    )
    .await;
    app.wait_until(
        "both batches full",
        "[...document.querySelectorAll('#training-batches tbody tr')].every(r => r.children[2].textContent === '20/20')",
    )
    .await;

    // Attendance: three of the first batch present at its one session.
    js(
        &app,
        "document.querySelector('#training-batches tr[data-id]').click()",
    )
    .await;
    app.wait_for("dialog[open] [data-tab=attendance]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("#bd-attendance").await;
    for i in 0..3 {
        js(
            &app,
            &format!("document.querySelectorAll('#bd-attendance tbody tr')[{i}].querySelector('input[value=present]').click()"),
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    app.wait_for("dialog[open] [data-tab=results]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the completion figures",
        "document.querySelector('#bd-completion')?.textContent.includes('结业 3 人')",
    )
    .await;
    let figures = app.texts("#bd-completion").await;
    assert!(
        figures[0].contains("学员 20 人") && figures[0].contains("已举行 1 次课"),
        "{figures:?}"
    );

    // The certificate print view: one per completed deputy.
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=print-certificates]').click()",
    )
    .await;
    app.wait_for(".print-preview #pv-pages").await;
    assert_eq!(
        app.eval("document.querySelectorAll('.print-preview #pv-pages .certificate').length")
            .await,
        3
    );
    let names: Vec<String> = app.texts(".print-preview .certificate .cert-body b").await;
    assert_eq!(names.len(), 3);
    app.stop().await;
}
