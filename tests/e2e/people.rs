//! The People screen in the real window: adding, finding, persisting,
//! hostile names shown as text, field errors, and a second launch.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::harness::{APP, App, Home, processes_with_open};

async fn add_person(app: &App, kind: &str, name: &str, unit: &str, card: &str) {
    app.client
        .execute("document.querySelector('[data-act=new]').click()", vec![])
        .await
        .unwrap();
    let form = app.wait_for("dialog[open] form").await;
    app.client
        .execute(
            &format!(
                "document.querySelector('dialog[open] input[name=kind][value={kind}]').click()"
            ),
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#pf-name")
        .await
        .send_keys(name)
        .await
        .unwrap();
    let unit_field = if kind == "deputy" {
        "#pf-delegation"
    } else {
        "#pf-department"
    };
    app.wait_for(unit_field)
        .await
        .send_keys(unit)
        .await
        .unwrap();
    if !card.is_empty() {
        app.wait_for("#pf-card_barcode")
            .await
            .send_keys(card)
            .await
            .unwrap();
    }
    form.find(fantoccini::Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the form to close after saving",
        "!document.querySelector('dialog[open]')",
    )
    .await;
}

#[tokio::test]
async fn people_added_in_the_window_are_found_by_initials_and_survive_a_restart() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("people").await;
    add_person(&app, "staff", "张三", "办公厅", "J001").await;
    add_person(&app, "deputy", "李四", "海淀区代表团", "D001").await;
    app.wait_for_names(&["李四", "张三"]).await;

    app.search("zs").await;
    app.wait_for_names(&["张三"]).await;
    app.search("ls").await;
    app.wait_for_names(&["李四"]).await;
    app.stop().await;

    let app = App::start(&home).await;
    app.open_view("people").await;
    app.wait_for_names(&["李四", "张三"]).await;
    app.search("zs").await;
    app.wait_for_names(&["张三"]).await;
    let kinds = app.texts("#people-body tbody td:nth-child(2)").await;
    assert_eq!(
        kinds,
        ["机关干部"],
        "the staff member kept their kind across the restart"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_hostile_name_is_shown_as_text_and_never_runs() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("people").await;
    let hostile = r#"<img src=x onerror="document.title='pwned'">"#;
    add_person(&app, "staff", hostile, "办公厅", "").await;
    app.wait_for_names(&[hostile]).await;
    assert_eq!(
        app.eval("document.querySelectorAll('#people-body img').length")
            .await,
        0,
        "no element was made from the name"
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.client.title().await.unwrap(),
        "书香",
        "the page title is unchanged"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_empty_name_shows_a_chinese_field_error_and_saves_nothing() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("people").await;
    app.client
        .execute("document.querySelector('[data-act=new]').click()", vec![])
        .await
        .unwrap();
    app.wait_for("#pf-name")
        .await
        .send_keys("   ")
        .await
        .unwrap();
    app.wait_for("dialog[open] button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the name error",
        "document.querySelector('#pf-name-error').textContent !== ''",
    )
    .await;
    assert_eq!(app.texts("#pf-name-error").await, ["请填写姓名。"]);
    assert_eq!(
        app.eval("Boolean(document.querySelector('dialog[open]'))")
            .await,
        true,
        "the form stays open"
    );
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=cancel]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the empty state",
        "document.querySelector('#people-body .empty') !== null",
    )
    .await;
    assert_eq!(
        app.texts("#people-summary").await,
        ["共 0 条"],
        "nothing was saved"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_second_launch_leaves_one_window_and_one_database_connection() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("people").await;
    let before = processes_with_open(&home.db());
    assert_eq!(before.len(), 1, "the running app has the database open");

    let mut second = Command::new(APP);
    for (k, v) in home.env() {
        second.env(k, v);
    }
    let mut child = second.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the second launch kept running instead of handing over to the first");
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
    assert_eq!(
        processes_with_open(&home.db()),
        before,
        "only the first app has the database open"
    );
    assert_eq!(app.client.windows().await.unwrap().len(), 1, "one window");
    app.stop().await;
}
