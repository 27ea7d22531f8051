//! The readers' taking-part routes through the router: each answers as
//! DESIGN.md says, refusals in words, and reader B never reaches A's.

use axum::http::StatusCode;
use serde_json::json;
use shuxiang_core::participation::{self as part, NoteDecision};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::{Actor, Db};

use crate::Host;
use crate::tests::{call, room, sign_in};

fn coming_session(db: &Db) -> i64 {
    let day = (db.clock().today() + chrono::Days::new(30)).to_string();
    sharing::create_session(
        db,
        &Actor::Desktop,
        &SessionDraft {
            revision: None,
            theme: "读《乡土中国》".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
            venue_id: None,
            host_id: None,
            capacity: Some(1),
            status: None,
            note: None,
        },
    )
    .unwrap()
    .id
}

#[tokio::test]
async fn a_reader_signs_up_renews_suggests_writes_and_offers_and_sees_it_all_on_me() {
    let room = room();
    let session = coming_session(&room.db);
    part::open_signup(
        &room.db,
        &Actor::Desktop,
        part::EventKind::Sharing,
        session,
        true,
        None,
        None,
    )
    .unwrap();
    let title = room.title;
    let router = Host::new(room.db).router();
    let (status, events) = call(&router, "GET", "/api/v1/events", None, None).await;
    assert_eq!(status, StatusCode::OK);
    let event = &events[0];
    for key in [
        "kind",
        "id",
        "title",
        "start",
        "end",
        "venue",
        "signup",
        "places_left",
    ] {
        assert!(event.get(key).is_some(), "{key}: {event}");
    }
    assert_eq!(
        (event["signup"].as_str(), event["places_left"].as_i64()),
        (Some("open"), Some(1))
    );

    let a = sign_in(&router, "A001").await;
    let b = sign_in(&router, "B001").await;
    let signup = format!("/api/v1/reader/events/sharing/{session}/signup");
    assert_eq!(
        call(&router, "POST", &signup, Some(&a), None).await,
        (StatusCode::OK, json!({"status": "signed_up"}))
    );
    assert_eq!(
        call(&router, "POST", &signup, Some(&b), None).await,
        (StatusCode::OK, json!({"status": "waitlisted"}))
    );
    let (status, again) = call(&router, "POST", &signup, Some(&b), None).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(again["message"].as_str().unwrap().contains("候补"));
    let (status, _) = call(
        &router,
        "POST",
        "/api/v1/reader/events/party/1/signup",
        Some(&a),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // 甲 renews the book lent to them; 乙 cannot renew 甲's.
    let (status, renewed) = call(
        &router,
        "POST",
        "/api/v1/reader/loans/SX1/renew",
        Some(&a),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{renewed}");
    assert!(renewed["due"].as_str().unwrap().len() == 10);
    let (status, _) = call(
        &router,
        "POST",
        "/api/v1/reader/loans/SX1/renew",
        Some(&b),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, suggested) = call(
        &router,
        "POST",
        "/api/v1/reader/suggestions",
        Some(&a),
        Some(json!({"title": "置身事内", "author": "兰小欢", "publisher": "上海人民出版社", "isbn": "", "reason": "了解地方财政"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{suggested}");
    assert_eq!(
        (
            suggested["status"].as_str(),
            suggested["title_id"].is_null()
        ),
        (Some("submitted"), true)
    );
    let (_, held) = call(
        &router,
        "POST",
        "/api/v1/reader/suggestions",
        Some(&a),
        Some(json!({"title": "乡土中国", "author": "费孝通"})),
    )
    .await;
    assert_eq!(
        (held["status"].as_str(), held["title_id"].as_i64()),
        (Some("held"), Some(title))
    );

    let (status, note) = call(
        &router,
        "POST",
        "/api/v1/reader/notes",
        Some(&a),
        Some(json!({"title_id": title, "body": "差序格局，一语中的。", "session_id": session})),
    )
    .await;
    assert_eq!(
        (status, note["status"].as_str()),
        (StatusCode::OK, Some("pending"))
    );
    let (status, offer) = call(
        &router,
        "POST",
        "/api/v1/reader/offers",
        Some(&a),
        Some(json!({"session_id": session, "title_id": title, "topic": "乡土社会的秩序"})),
    )
    .await;
    assert_eq!(
        (status, offer["status"].as_str()),
        (StatusCode::OK, Some("pending"))
    );
    let (status, leave) = call(
        &router,
        "POST",
        "/api/v1/reader/leave",
        Some(&a),
        Some(json!({"session_id": 999, "reason": "出差"})),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{leave}");

    let (status, me) = call(&router, "GET", "/api/v1/reader/me", Some(&a), None).await;
    assert_eq!(status, StatusCode::OK);
    for key in [
        "loans",
        "holds",
        "signups",
        "suggestions",
        "notes",
        "offers",
        "leave",
        "messages",
    ] {
        assert!(me[key].is_array(), "{key}: {me}");
    }
    assert_eq!(me["suggestions"].as_array().unwrap().len(), 2);
    assert_eq!(me["notes"][0]["status"], "pending");
    let (_, theirs) = call(&router, "GET", "/api/v1/reader/me", Some(&b), None).await;
    assert!(
        theirs["suggestions"].as_array().unwrap().is_empty(),
        "乙 sees none of 甲's"
    );
    assert!(theirs["notes"].as_array().unwrap().is_empty());
    assert_eq!(theirs["signups"][0]["status"], "waitlisted");
    assert!(!theirs.to_string().contains("phone"));

    // Cancelling frees the place: 乙 moves up by themselves.
    let cancel = format!("/api/v1/reader/events/sharing/{session}/cancel");
    assert_eq!(
        call(&router, "POST", &cancel, Some(&a), None).await,
        (StatusCode::OK, json!({"status": "cancelled"}))
    );
    let (_, theirs) = call(&router, "GET", "/api/v1/reader/me", Some(&b), None).await;
    assert_eq!(theirs["signups"][0]["status"], "signed_up");
}

#[tokio::test]
async fn a_title_shows_its_published_notes_and_a_new_pin_ends_the_other_sessions() {
    let room = room();
    let title = room.title;
    let db = std::sync::Arc::new(room.db);
    let router = Host::shared(db.clone(), Default::default()).router();
    let a = sign_in(&router, "A001").await;
    let other = sign_in(&router, "A001").await;
    let (_, note) = call(
        &router,
        "POST",
        "/api/v1/reader/notes",
        Some(&a),
        Some(json!({"title_id": title, "body": "好书"})),
    )
    .await;
    let page = format!("/api/v1/titles/{title}");
    let (_, before) = call(&router, "GET", &page, None, None).await;
    assert_eq!(before["notes"], json!([]), "not before review");
    part::decide_note(
        &db,
        &Actor::Desktop,
        note["id"].as_i64().unwrap(),
        &NoteDecision::Publish { featured: false },
    )
    .unwrap();
    let (_, after) = call(&router, "GET", &page, None, None).await;
    assert_eq!(after["notes"][0]["body"], "好书");
    assert_eq!(after["notes"][0]["author"], "甲读者");
    assert!(after["notes"][0]["date"].is_string());

    let (status, wrong) = call(
        &router,
        "POST",
        "/api/v1/reader/pin",
        Some(&a),
        Some(json!({"old": "0000", "new": "13579"})),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(wrong["message"].as_str().unwrap().contains("原 PIN"));
    assert_eq!(
        call(
            &router,
            "POST",
            "/api/v1/reader/pin",
            Some(&a),
            Some(json!({"old": "2468", "new": "13579"}))
        )
        .await,
        (StatusCode::OK, json!({"ok": true}))
    );
    assert_eq!(
        call(&router, "GET", "/api/v1/reader/me", Some(&a), None)
            .await
            .0,
        StatusCode::OK
    );
    assert_eq!(
        call(&router, "GET", "/api/v1/reader/me", Some(&other), None)
            .await
            .0,
        StatusCode::UNAUTHORIZED,
        "the other session ends"
    );
}

#[tokio::test]
async fn a_stolen_session_cannot_guess_the_pin_by_changing_it() {
    let room = room();
    let router = Host::new(room.db).router();
    let a = sign_in(&router, "A001").await;
    let mut statuses = Vec::new();
    for guess in 0..7 {
        let (status, _) = call(
            &router,
            "POST",
            "/api/v1/reader/pin",
            Some(&a),
            Some(json!({"old": format!("{guess:04}"), "new": "13579"})),
        )
        .await;
        statuses.push(status);
    }
    assert_eq!(statuses[0], StatusCode::BAD_REQUEST, "a wrong old PIN");
    assert_eq!(
        *statuses.last().unwrap(),
        StatusCode::TOO_MANY_REQUESTS,
        "counted as guesses: {statuses:?}"
    );
    // Not even the right one is tried now.
    let (status, _) = call(
        &router,
        "POST",
        "/api/v1/reader/pin",
        Some(&a),
        Some(json!({"old": "2468", "new": "13579"})),
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}
