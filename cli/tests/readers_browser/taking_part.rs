//! A reader takes part in Chromium: renews a loan, signs up for a reading
//! session, writes a note on a title for it and suggests a book, each
//! seen on 我的借阅; then axe-core finds no WCAG A/AA violation on any page,
//! signed in and signed out (refusals included), and none scrolls sideways
//! at 420 px.

use std::path::Path;

use fantoccini::{Client, Locator};
use shuxiang_core::participation::{self as part, EventKind, ListItemDraft, NoteDraft};
use shuxiang_core::serials::routing;
use shuxiang_core::{Actor, Db, catalog, circulation, people, sharing};

use crate::common::serve::ServeProcess;
use crate::driver::{arrive, axe_violations, browser, fits_the_width, shot, sign_in, text};

/// What the room holds for the test besides the demo.
struct Room {
    /// A title lent to the reader, with a published note on it.
    book: i64,
    /// A coming reading session open for sign-up.
    session: i64,
    /// A published reading list.
    list: i64,
}

const CARD: &str = "R0001";
const PIN: &str = "246810";

fn prepare(db_path: &Path) -> Room {
    let out = crate::common::shuxiang(
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
    let book = catalog::create_title(
        &db,
        &me,
        &catalog::NewTitle {
            title: "乡土中国（浏览器测试）".into(),
            authors: Some("费孝通".into()),
            ..Default::default()
        },
        &catalog::NewCopies {
            barcodes: vec!["RN001".into()],
            location: Some("社科区2架".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let reader = people::create_person(
        &db,
        &me,
        &people::NewPerson {
            kind: Some(people::PersonKind::Staff),
            name: "任读者".into(),
            department: Some("研究室".into()),
            card_barcode: Some(CARD.into()),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_reader_pin(&db, &me, CARD, PIN).unwrap();
    // This year's first 求是 of the demo routed to the reader: 我的传阅 has a row.
    use chrono::Datelike;
    let qiushi = shuxiang_core::serials::subscriptions(&db, db.clock().today().year())
        .unwrap()
        .into_iter()
        .find(|s| s.title == "求是")
        .unwrap();
    let stop = routing::Stop {
        person_id: Some(reader.id),
        days: 3,
        ..Default::default()
    };
    // The demo routes 求是 already: this list replaces it.
    let revision = routing::routing(&db, qiushi.title_id).unwrap().revision;
    routing::set_routing(&db, &me, qiushi.title_id, &[stop], Some(revision)).unwrap();
    let first = shuxiang_core::serials::issues(&db, qiushi.id).unwrap()[0].id;
    routing::start_routing(&db, &me, first, db.clock().today()).unwrap();
    // Lent 20 days ago, so a renewal today moves its due date.
    let earlier = chrono::Utc::now() - chrono::Duration::days(20);
    let then = Db::open(db_path)
        .unwrap()
        .with_clock(shuxiang_core::Clock::Fixed(earlier));
    circulation::desk_scan(&then, &me, Some(reader.id), "RN001").unwrap();
    drop(then);
    // Another reader's note, published: the title page shows it signed.
    let other = people::list_people(&db, &Default::default()).unwrap().items[0].id;
    let note = part::reader_write_note(
        &db,
        other,
        &NoteDraft {
            title_id: book,
            body: "差序格局一说，今天读来仍然贴切。".into(),
            session_id: None,
        },
        None,
    )
    .unwrap();
    part::decide_note(
        &db,
        &me,
        note.id,
        &part::NoteDecision::Publish { featured: true },
    )
    .unwrap();
    let day = db.clock().today() + chrono::Days::new(40);
    let session = sharing::create_session(
        &db,
        &me,
        &sharing::SessionDraft {
            theme: "浏览器里的读书会".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
            venue_id: None,
            host_id: None,
            capacity: Some(5),
            status: None,
            note: None,
            revision: None,
        },
    )
    .unwrap()
    .id;
    part::open_signup(&db, &me, EventKind::Sharing, session, true, None, None).unwrap();
    let list = part::create_reading_list(
        &db,
        &me,
        &part::ReadingListDraft {
            name: "基层治理书单".into(),
            description: Some("配合基层治理专题。".into()),
            published: Some(true),
            titles: vec![ListItemDraft {
                title_id: book,
                note: Some("先读这本。".into()),
            }],
            ..Default::default()
        },
    )
    .unwrap()
    .list
    .id;
    Room {
        book,
        session,
        list,
    }
}

/// Clicks the submit button whose words start with `words` inside `scope`.
async fn press(client: &Client, scope: &str, words: &str) {
    let xpath = format!("{scope}//button[starts-with(normalize-space(.), '{words}')]");
    client
        .find(Locator::XPath(&xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .click()
        .await
        .unwrap();
}

/// The text of the table under the heading `h2`.
async fn section(client: &Client, h2: &str) -> String {
    let found = client
        .execute(
            "const h = [...document.querySelectorAll('h2')].find(h => h.textContent === arguments[0]); \
             return h ? h.nextElementSibling.textContent : '';",
            vec![serde_json::json!(h2)],
        )
        .await
        .unwrap();
    found.as_str().unwrap_or_default().to_owned()
}

/// axe-core's WCAG A/AA findings on each of `pages`, and whether each fits
/// 420 px; every finding as "page: rule".
async fn check_pages(client: &Client, url: &str, pages: &[String], found: &mut Vec<String>) {
    for page in pages {
        client.goto(&format!("{url}{page}")).await.unwrap();
        arrive(client, page.split('?').next().unwrap()).await;
        for v in axe_violations(client).await {
            found.push(format!("{page}: {v}"));
        }
    }
    client.set_window_size(420, 800).await.unwrap();
    for page in pages {
        client.goto(&format!("{url}{page}")).await.unwrap();
        arrive(client, page.split('?').next().unwrap()).await;
        if !fits_the_width(client).await {
            found.push(format!("{page}: scrolls sideways at 420 px"));
        }
    }
    client.set_window_size(1366, 768).await.unwrap();
}

#[tokio::test]
async fn a_reader_renews_signs_up_writes_a_note_and_suggests_a_book_and_every_page_passes_axe() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shuxiang.db");
    let room = prepare(&db);
    let host = ServeProcess::start(db.to_str().unwrap(), &["--http"]);
    let url = host.url();
    let (_driver, client) = browser(&dir.path().join("chromedriver.log")).await;

    client.goto(&format!("{url}/login?next=/me")).await.unwrap();
    sign_in(&client, CARD, PIN).await;
    arrive(&client, "/me").await;
    let before = section(&client, "在借的书").await;

    // Renew the loan with its own button.
    press(&client, "//table", "续借").await;
    arrive(&client, "/me").await;
    assert!(text(&client, ".notice.done").await.contains("已续借"));
    let after = section(&client, "在借的书").await;
    assert_ne!(before, after, "the due date moved: {before} → {after}");
    shot(&client, "readers-me-renewed.png").await;

    // Sign up for the reading session on 近期活动.
    client.goto(&format!("{url}/events")).await.unwrap();
    let item = format!("//li[@id='sharing-{}']", room.session);
    press(&client, &item, "报名").await;
    arrive(&client, "/events").await;
    let signed = text(&client, &format!("li#sharing-{}", room.session)).await;
    assert!(signed.contains("您已报名"), "{signed}");
    shot(&client, "readers-events.png").await;

    // Write a note on the title, for that session.
    client
        .goto(&format!("{url}/titles/{}", room.book))
        .await
        .unwrap();
    arrive(&client, "/titles/").await;
    assert!(text(&client, "ul.notes").await.contains("差序格局一说"));
    let form = client
        .form(Locator::Css(&format!(
            "form[action='/titles/{}/notes']",
            room.book
        )))
        .await
        .unwrap();
    form.set_by_name("body", "读后再看身边的基层治理，多了一层理解。")
        .await
        .unwrap();
    form.set_by_name("session_id", &room.session.to_string())
        .await
        .unwrap();
    shot(&client, "readers-title-note.png").await;
    form.submit().await.unwrap();
    arrive(&client, "/me").await;
    assert!(
        text(&client, ".notice.done")
            .await
            .contains("读书心得已提交")
    );
    let notes = section(&client, "我的读书心得").await;
    assert!(
        notes.contains("待审核") && notes.contains("浏览器里的读书会"),
        "{notes}"
    );

    // Suggest a book the reading room does not have.
    client.goto(&format!("{url}/suggest")).await.unwrap();
    let form = client
        .form(Locator::Css("form[action='/suggest']"))
        .await
        .unwrap();
    form.set_by_name("title", "置身事内").await.unwrap();
    form.set_by_name("author", "兰小欢").await.unwrap();
    form.set_by_name("reason", "了解地方财政").await.unwrap();
    shot(&client, "readers-suggest.png").await;
    form.submit().await.unwrap();
    arrive(&client, "/me").await;
    let suggested = section(&client, "我的荐购").await;
    assert!(suggested.contains("置身事内") && suggested.contains("待处理"));
    shot(&client, "readers-me-requests.png").await;

    // Every page, signed in; then a refused form (a wrong old PIN).
    let mut found = Vec::new();
    let signed_in: Vec<String> = [
        "/".to_owned(),
        "/search".to_owned(),
        "/search?q=%E7%BB%8F%E6%B5%8E".to_owned(),
        format!("/titles/{}", room.book),
        "/events".to_owned(),
        "/lists".to_owned(),
        format!("/lists/{}", room.list),
        "/me".to_owned(),
        "/me?done=renew".to_owned(),
        "/me/record".to_owned(),
        "/me/routing".to_owned(),
        "/periodicals".to_owned(),
        "/me/pin".to_owned(),
        "/me/leave".to_owned(),
        "/suggest".to_owned(),
        "/share".to_owned(),
        format!("/share?title={}", room.book),
        "/share?q=xtzg".to_owned(),
    ]
    .into();
    check_pages(&client, &url, &signed_in, &mut found).await;
    client.goto(&format!("{url}/me/pin")).await.unwrap();
    let form = client
        .form(Locator::Css("form[action='/me/pin']"))
        .await
        .unwrap();
    for (name, value) in [("old", "0000"), ("new", "13579"), ("confirm", "13579")] {
        form.set_by_name(name, value).await.unwrap();
    }
    form.submit().await.unwrap();
    assert!(text(&client, ".notice.error").await.contains("原 PIN 不对"));
    let focused = client
        .execute("return document.activeElement.id;", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        serde_json::json!("notice"),
        "the refusal is read first"
    );
    for v in axe_violations(&client).await {
        found.push(format!("a refused PIN: {v}"));
    }

    // Signed out: the same pages, and the sign-in refused.
    press(&client, "//header", "退出").await;
    arrive(&client, "/").await;
    let signed_out: Vec<String> = [
        "/".to_owned(),
        "/search?q=%E7%BB%8F%E6%B5%8E".to_owned(),
        "/search?q=qqqxxxzz".to_owned(),
        format!("/titles/{}", room.book),
        "/events".to_owned(),
        "/lists".to_owned(),
        format!("/lists/{}", room.list),
        "/periodicals".to_owned(),
        "/login".to_owned(),
    ]
    .into();
    check_pages(&client, &url, &signed_out, &mut found).await;
    client.goto(&format!("{url}/login")).await.unwrap();
    let form = client.form(Locator::Css("form.login")).await.unwrap();
    form.set_by_name("card", CARD).await.unwrap();
    form.set_by_name("pin", "000000").await.unwrap();
    form.submit().await.unwrap();
    assert!(text(&client, ".notice.error").await.contains("PIN"));
    for v in axe_violations(&client).await {
        found.push(format!("a wrong PIN: {v}"));
    }
    shot(&client, "readers-login-refused.png").await;
    assert!(
        found.is_empty(),
        "accessibility findings:\n{}",
        found.join("\n")
    );
    client.close().await.unwrap();
}
