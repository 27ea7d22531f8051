//! The first start in the real window: the welcome screen says where the
//! data lives and offers demo data; after loading it the home screen shows
//! the figures; the About screen shows the version and the folders.

use crate::harness::{App, Home};

#[tokio::test]
async fn the_first_start_welcomes_loads_demo_data_and_about_tells_where_things_are() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.wait_for("#view .view[data-view=welcome]").await;
    let dir = app.texts("#welcome-dir").await;
    assert!(dir[0].ends_with("data"), "{dir:?}");
    // The web view speaks Chinese whatever the system's language (the tests
    // run with LANG=C.UTF-8 or none): date fields read 2026/01/01.
    assert_eq!(
        app.eval("navigator.language").await,
        serde_json::json!("zh-CN"),
        "the web view's language"
    );
    app.client
        .execute(
            "document.querySelector('.choice[data-act=demo]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#view .view[data-view=home]").await;
    app.wait_until(
        "the demo's figures",
        "Number(document.querySelector('#stat-overdue')?.textContent) > 0",
    )
    .await;
    app.open_view("about").await;
    app.wait_for("#about-facts").await;
    let facts = app.texts("#about-facts dd").await;
    assert_eq!(facts[0], env!("CARGO_PKG_VERSION"));
    assert!(
        facts[2].ends_with("data") && facts[5].ends_with("shuxiang.log"),
        "{facts:?}"
    );
    app.stop().await;
    // The next start goes straight to the home screen.
    let app = App::start(&home).await;
    app.wait_for("#view .view[data-view=home]").await;
    app.stop().await;
}
