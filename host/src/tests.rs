//! Every route, through the router as a browser reaches it (no socket).

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::{Actor, Db, circulation};
use tower::ServiceExt;

use super::*;

const ME: Actor = Actor::Desktop;

pub(crate) struct Room {
    pub db: Db,
    pub title: i64,
}

/// Two readers with PINs, a title with two copies, one lent to 甲.
pub(crate) fn room() -> Room {
    let db = Db::open_in_memory().unwrap();
    for (name, card) in [("甲读者", "A001"), ("乙读者", "B001")] {
        people::create_person(
            &db,
            &ME,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: name.into(),
                card_barcode: Some(card.into()),
                ..Default::default()
            },
        )
        .unwrap();
        people::set_reader_pin(&db, &ME, card, "2468").unwrap();
    }
    let title = catalog::create_title(
        &db,
        &ME,
        &NewTitle {
            title: "乡土中国".into(),
            authors: Some("费孝通".into()),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec!["SX1".into(), "SX2".into()],
            location: Some("社科区2架".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let a = people::list_people(&db, &Default::default()).unwrap().items[0].id;
    circulation::desk_scan(&db, &ME, Some(a), "SX1").unwrap();
    Room { db, title }
}

pub(crate) async fn call(
    router: &Router,
    method: &str,
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    }
    .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, value)
}

pub(crate) async fn sign_in(router: &Router, card: &str) -> String {
    let (status, body) = call(
        router,
        "POST",
        "/api/v1/reader/login",
        None,
        Some(json!({"card": card, "pin": "2468"})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn ping_and_search_answer_as_the_command_line_does() {
    let room = room();
    let expected =
        serde_json::to_value(catalog::search(&room.db, "xtzg", 0, 20).unwrap().items).unwrap();
    let router = Host::new(room.db).router();
    assert_eq!(
        call(&router, "GET", "/api/v1/ping", None, None).await,
        (StatusCode::OK, json!({"ok": true}))
    );
    let (status, found) = call(&router, "GET", "/api/v1/search?q=xtzg", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        found, expected,
        "the same list `shuxiang search --json` prints"
    );
    assert_eq!(found[0]["title"], "乡土中国");
    let (status, found) = call(
        &router,
        "GET",
        "/api/v1/search?q=%E4%B9%A1%E5%9C%9F&limit=1",
        None,
        None,
    )
    .await;
    assert_eq!(
        (status, found.as_array().unwrap().len()),
        (StatusCode::OK, 1)
    );
}

#[tokio::test]
async fn a_title_page_never_names_the_borrower() {
    let room = room();
    let router = Host::new(room.db).router();
    let (status, page) = call(
        &router,
        "GET",
        &format!("/api/v1/titles/{}", room.title),
        None,
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let text = page.to_string();
    assert!(
        page["copies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["due_on"].is_string())
    );
    assert!(!text.contains("甲读者") && !text.contains("A001"), "{text}");
    let (status, e) = call(&router, "GET", "/api/v1/titles/999", None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

#[tokio::test]
async fn a_reader_sees_their_own_and_cannot_touch_anothers() {
    let room = room();
    let title = room.title;
    let router = Host::new(room.db).router();
    let a = sign_in(&router, "A001").await;
    let b = sign_in(&router, "B001").await;
    let (_, me) = call(&router, "GET", "/api/v1/reader/me", Some(&a), None).await;
    assert_eq!(
        (me["name"].as_str(), me["loans"].as_array().unwrap().len()),
        (Some("甲读者"), 1)
    );
    assert!(me["loans"][0]["due"].is_string());

    let (status, hold) = call(
        &router,
        "POST",
        "/api/v1/reader/holds",
        Some(&b),
        Some(json!({"title_id": title})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{hold}");
    let hold_id = hold["id"].as_i64().unwrap();
    let (_, me_b) = call(&router, "GET", "/api/v1/reader/me", Some(&b), None).await;
    assert_eq!(me_b["holds"][0]["title_id"], title);
    let (_, me_a) = call(&router, "GET", "/api/v1/reader/me", Some(&a), None).await;
    assert!(
        me_a["holds"].as_array().unwrap().is_empty(),
        "A never sees B's hold"
    );
    for id in 0..=hold_id + 3 {
        let (status, _) = call(
            &router,
            "POST",
            &format!("/api/v1/reader/holds/{id}/cancel"),
            Some(&a),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "A cannot cancel hold {id}");
    }
    let (status, cancelled) = call(
        &router,
        "POST",
        &format!("/api/v1/reader/holds/{hold_id}/cancel"),
        Some(&b),
        None,
    )
    .await;
    assert_eq!(
        (status, cancelled["status"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
}

#[tokio::test]
async fn a_hold_placed_on_the_web_is_in_the_desks_queue() {
    let room = room();
    let title = room.title;
    let host = Host::new(room.db);
    let db = host.db.clone();
    let router = host.router();
    let b = sign_in(&router, "B001").await;
    call(
        &router,
        "POST",
        "/api/v1/reader/holds",
        Some(&b),
        Some(json!({"title_id": title})),
    )
    .await;
    let queue = circulation::title_holds(&db, title).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].person_name, "乙读者");
}

#[tokio::test]
async fn no_expired_or_forged_token_and_the_sixth_wrong_pin_is_429() {
    let room = room();
    let router =
        Host::with_sessions(room.db, Sessions::with_idle(Duration::from_millis(200))).router();
    for token in [None, Some("forged"), Some("")] {
        let (status, e) = call(&router, "GET", "/api/v1/reader/me", token, None).await;
        assert_eq!(
            (status, e["code"].as_str()),
            (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
        );
    }
    let a = sign_in(&router, "A001").await;
    assert_eq!(
        call(&router, "GET", "/api/v1/reader/me", Some(&a), None)
            .await
            .0,
        StatusCode::OK
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        call(&router, "GET", "/api/v1/reader/me", Some(&a), None)
            .await
            .0,
        StatusCode::UNAUTHORIZED,
        "expired"
    );

    let wrong = Some(json!({"card": "B001", "pin": "0000"}));
    for _ in 0..5 {
        let (status, _) = call(&router, "POST", "/api/v1/reader/login", None, wrong.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, e) = call(&router, "POST", "/api/v1/reader/login", None, wrong).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::TOO_MANY_REQUESTS, Some("too_many_attempts"))
    );
}

#[tokio::test]
async fn bad_requests_get_a_4xx_never_internals() {
    let room = room();
    let router = Host::new(room.db).router();
    let (status, e) = call(&router, "GET", "/api/v1/etc/passwd", None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, e) = call(&router, "GET", "/api/v1/titles/abc", None, None).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid"))
    );
    assert!(e["message"].as_str().unwrap().contains("格式"));
    let big = json!({"card": "x".repeat(MAX_BODY), "pin": "1"});
    let (status, e) = call(&router, "POST", "/api/v1/reader/login", None, Some(big)).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("invalid"))
    );
    let request = Request::builder()
        .method("POST")
        .uri("/api/v1/reader/login")
        .header("content-type", "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let e: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(e["code"], "invalid", "answered as JSON in Chinese: {e}");
}
