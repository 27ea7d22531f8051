//! The readers' pages in a real browser: headless Chromium driven through
//! chromedriver (WebDriver) against `shuxiang serve --http` on 127.0.0.1 at
//! a random port. A reader finds a book by its pinyin initials, opens it,
//! signs in, places a hold and finds it under 我的预约; markup stored in a
//! title, a name and a session theme shows as text and never runs. Each
//! page is also saved as a picture in `target/shots/` for the guide.
//! `taking_part` renews, signs up, writes a note and suggests a book, and
//! runs axe-core over every page signed in and out.
//!
//! Needs `chromium` and `chromium-driver` (scripts/setup installs them).

#![cfg(unix)]

#[path = "../common/mod.rs"]
mod common;
mod driver;
mod taking_part;

use common::serve::ServeProcess;
use driver::{arrive, browser, nothing_injected, shot, sign_in, text};

use std::path::Path;

use fantoccini::Locator;
use serde_json::json;
use shuxiang_core::{Actor, Db, catalog, people, sharing};

const XSS: &str = r#"<script>window.__xss=1</script><img src=x onerror="window.__xss=2">"#;
/// A name has at most 50 characters.
const NAME_XSS: &str = "<img src=x onerror=__xss=3>";

/// The demo, plus a title, a reader and a coming session whose texts are
/// markup; returns the reader's card.
fn prepare(db_path: &Path) -> String {
    let out = common::shuxiang(
        &[
            "--db",
            db_path.to_str().unwrap(),
            "demo",
            "--volumes",
            "300",
        ],
        &[],
    );
    assert!(out.status.success());
    let db = Db::open(db_path).unwrap();
    let me = Actor::Desktop;
    let title = catalog::create_title(
        &db,
        &me,
        &catalog::NewTitle {
            title: format!("注入测试{XSS}"),
            authors: Some(XSS.into()),
            ..Default::default()
        },
        &catalog::NewCopies {
            barcodes: vec!["XSS001".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let reader = people::create_person(
        &db,
        &me,
        &people::NewPerson {
            kind: Some(people::PersonKind::Staff),
            name: format!("测{NAME_XSS}"),
            card_barcode: Some("X0001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_reader_pin(&db, &me, "X0001", "135790").unwrap();
    // Far enough ahead that the home page's first events are the demo's.
    let day = db.clock().today() + chrono::Days::new(50);
    let session = sharing::create_session(
        &db,
        &me,
        &sharing::SessionDraft {
            theme: format!("主题{XSS}"),
            starts_at: format!("{day}T19:00"),
            ends_at: format!("{day}T20:30"),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
            revision: None,
        },
    )
    .unwrap();
    sharing::set_presenters(
        &db,
        &me,
        session.id,
        &[sharing::PresenterDraft {
            person_id: reader.id,
            title_id: Some(title.id),
            topic: None,
            hold: false,
        }],
        Some(
            sharing::session_detail(&db, session.id)
                .unwrap()
                .session
                .revision,
        ),
    )
    .unwrap();
    "X0001".into()
}

#[tokio::test]
async fn a_reader_finds_a_book_signs_in_and_holds_it_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shuxiang.db");
    let card = prepare(&db);
    let host = ServeProcess::start(db.to_str().unwrap(), &["--http"]);
    let url = host.url();
    let (_driver, client) = browser(&dir.path().join("chromedriver.log")).await;

    // Search by pinyin initials from the home page.
    client.goto(&format!("{url}/")).await.unwrap();
    shot(&client, "readers-home.png").await;
    let search = client
        .find(Locator::Css("form.search input[name=q]"))
        .await
        .unwrap();
    search.send_keys("wlswn\n").await.unwrap();
    arrive(&client, "/search").await;
    let first = text(&client, "ol.results li a.title").await;
    assert_eq!(first, "万历十五年");
    shot(&client, "readers-search.png").await;

    // Open the title: where its copies stand.
    client
        .find(Locator::Css("ol.results li a.title"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    arrive(&client, "/titles/").await;
    assert!(text(&client, "h1").await.starts_with("万历十五年"));
    assert!(text(&client, "table").await.contains("位置"));
    let title_url = client.current_url().await.unwrap();
    shot(&client, "readers-title.png").await;

    // Sign in from the title page as a demo reader, and come back to it.
    client
        .find(Locator::LinkText("登录"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    arrive(&client, "/login").await;
    shot(&client, "readers-login.png").await;
    sign_in(&client, "J00001", shuxiang_core::demo::DEMO_READER_PIN).await;
    assert_eq!(client.current_url().await.unwrap(), title_url);

    // Place a hold: it is under 我的预约.
    client
        .find(Locator::XPath("//button[text()='预约这本书']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    arrive(&client, "/me").await;
    assert!(text(&client, ".notice.done").await.contains("已预约"));
    let holds = client
        .execute(
            "return [...document.querySelectorAll('h2')].find(h => h.textContent === '我的预约')\
             .nextElementSibling.textContent;",
            vec![],
        )
        .await
        .unwrap();
    assert!(holds.as_str().unwrap().contains("万历十五年"), "{holds}");
    shot(&client, "readers-me.png").await;

    // Sign out, and in again as the reader whose name is markup.
    client
        .find(Locator::XPath("//button[text()='退出']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    arrive(&client, "/").await;
    client.goto(&format!("{url}/login")).await.unwrap();
    sign_in(&client, &card, "135790").await;
    let header = text(&client, "header.top nav").await;
    assert!(
        header.contains(&format!("测{NAME_XSS}")),
        "the name shows as text: {header}"
    );
    nothing_injected(&client, "我的借阅").await;

    // Stored markup shows as text wherever it appears.
    client
        .goto(&format!(
            "{url}/search?q=%E6%B3%A8%E5%85%A5%E6%B5%8B%E8%AF%95"
        ))
        .await
        .unwrap();
    assert_eq!(
        text(&client, "ol.results li a.title").await,
        format!("注入测试{XSS}")
    );
    nothing_injected(&client, "the search page").await;
    client.goto(&format!("{url}/events")).await.unwrap();
    let events = text(&client, "main").await;
    assert!(events.contains(&format!("主题{XSS}")), "{events}");
    nothing_injected(&client, "the events page").await;
    client.goto(&format!("{url}/me/record")).await.unwrap();
    assert!(text(&client, "h1").await.contains("的学习档案"));
    nothing_injected(&client, "the record page").await;

    // A narrow window still reads: the search box stays on screen.
    client.set_window_size(420, 800).await.unwrap();
    client.goto(&format!("{url}/search?q=zg")).await.unwrap();
    let fits = client
        .execute(
            "const r = document.querySelector('form.search button').getBoundingClientRect(); \
             return r.right <= window.innerWidth && document.documentElement.scrollWidth <= window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(fits, json!(true), "no sideways scrolling at 420 px");
    shot(&client, "readers-narrow.png").await;
    client.close().await.unwrap();
}
