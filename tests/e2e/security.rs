//! The web view's defences in the real window: the CSP refuses inline
//! scripts and remote loads, and hostile strings stored in every area —
//! a person's name, a title, a venue, a session's theme and minutes, a
//! training topic — are shown as text everywhere, never run.

use shuxiang_core::calendar::{self, NewVenue};
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::training::{self, NewTopic};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home};

const HOSTILE: &str = "<img src=x onerror=\"window.__pwned=1\">";

#[tokio::test]
async fn the_csp_blocks_inline_scripts_and_remote_loads() {
    let home = Home::new();
    let app = App::start(&home).await;
    let inline = app
        .eval("(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.head.append(s); return window.__inline === undefined; })()")
        .await;
    assert_eq!(inline, true, "an inline script does not run");
    let remote = app
        .client
        .execute_async(
            "const done = arguments[0]; fetch('http://127.0.0.1:9/x').then(() => done('loaded'), () => done('refused'));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(remote, "refused");
    let evaluated = app
        .eval("(() => { try { eval('1'); return 'ran'; } catch (e) { return 'refused'; } })()")
        .await;
    assert_eq!(evaluated, "refused", "no eval");
    app.stop().await;
}

#[tokio::test]
async fn hostile_strings_are_shown_as_text_in_every_area() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        let me = Actor::CommandLine;
        people::create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: format!("张{HOSTILE}"),
                department: Some(HOSTILE.into()),
                card_barcode: Some("C1".into()),
                ..Default::default()
            },
        )
        .unwrap();
        catalog::create_title(
            &db,
            &me,
            &NewTitle {
                title: format!("书{HOSTILE}"),
                authors: Some(HOSTILE.into()),
                ..Default::default()
            },
            &NewCopies {
                barcodes: vec!["SX1".into()],
                location: Some(HOSTILE.into()),
                ..Default::default()
            },
        )
        .unwrap();
        let venue = calendar::create_venue(
            &db,
            &me,
            &NewVenue {
                name: format!("室{HOSTILE}"),
                ..Default::default()
            },
        )
        .unwrap();
        let s = sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: format!("主题{HOSTILE}"),
                starts_at: "2026-12-03T15:00".into(),
                ends_at: "2026-12-03T17:00".into(),
                venue_id: Some(venue.id),
                host_id: None,
                capacity: None,
                status: None,
                note: Some(HOSTILE.into()),
            },
        )
        .unwrap();
        sharing::save_minutes(
            &db,
            &me,
            s.id,
            HOSTILE,
            Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
        )
        .unwrap();
        training::create_topic(
            &db,
            &me,
            &NewTopic {
                name: format!("专题{HOSTILE}"),
                description: Some(HOSTILE.into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let app = App::start(&home).await;
    for (view, shown) in [
        ("people", "#people-body"),
        ("catalog", "#catalog-body"),
        ("sharing", "#sharing-body"),
        ("training", "#training-topics"),
        ("audit", "#audit-body"),
    ] {
        app.open_view(view).await;
        app.wait_until(
            &format!("{view} shows the hostile text"),
            &format!("document.querySelector('{shown}')?.textContent.includes('onerror')"),
        )
        .await;
        assert_eq!(
            app.eval("document.querySelectorAll('#view img:not([src$=\"icon.png\"])').length")
                .await,
            0,
            "{view}: no img element was made"
        );
    }
    // The session's minutes, the desk's borrower, the calendar entry.
    app.open_view("sharing").await;
    app.client
        .execute(
            "document.querySelector('#sharing-body tr[data-id]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] [data-tab=minutes]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the minutes as text",
        "document.querySelector('#sd-minutes')?.value.includes('onerror')",
    )
    .await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=close]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.open_view("desk").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("C1\u{E007}")
        .await
        .unwrap();
    app.wait_until(
        "the borrower as text",
        "document.querySelector('#desk-borrower h2')?.textContent.includes('onerror')",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelectorAll('img[src=x]').length")
            .await,
        0
    );
    assert_eq!(
        app.eval("window.__pwned === undefined").await,
        true,
        "nothing ran"
    );
    app.stop().await;
}
