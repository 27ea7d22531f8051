//! Operators at other PCs through the host: nothing without a sign-in, the
//! window's commands by name under the operator's role, the computer in the
//! log, and two operators' edits of one title checked by revision.

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};
use tower::ServiceExt;

use crate::Host;

/// A host whose database has an administrator, a librarian and an organizer.
fn host() -> Router {
    let db = Db::open_in_memory().unwrap();
    for (name, role) in [
        ("管理员", Role::Admin),
        ("图书管理员", Role::Librarian),
        ("组织者", Role::Organizer),
    ] {
        let by = if name == "管理员" {
            Actor::Desktop
        } else {
            let session = operators::login(&db, "管理员", "admin-secret-1", None).unwrap();
            operators::current(&db, session, None).unwrap()
        };
        operators::create_operator(
            &db,
            &by,
            &NewOperator {
                name: name.into(),
                role,
                password: format!("{}-secret-1", role.code()),
            },
        )
        .unwrap();
    }
    Host::new(db).router()
}

async fn post(router: &Router, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
    let mut request = Request::post(uri).header("content-type", "application/json");
    if let Some(t) = token {
        request = request.header("authorization", format!("Bearer {t}"));
    }
    let mut request = request.body(Body::from(body.to_string())).unwrap();
    let from: SocketAddr = "192.168.1.40:51000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(from));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn sign_in(router: &Router, name: &str, role: &str) -> String {
    let (status, body) = post(
        router,
        "/api/v1/op/login",
        None,
        json!({"name": name, "password": format!("{role}-secret-1")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["role"], role);
    body["token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn nothing_runs_without_an_operator_and_a_wrong_password_is_refused() {
    let router = host();
    let (status, e) = post(&router, "/api/v1/op/call/list_titles", None, json!({})).await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthenticated"))
    );
    let (status, _) = post(
        &router,
        "/api/v1/op/call/list_titles",
        Some("a-reader-token-or-a-guess"),
        json!({"query": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, e) = post(
        &router,
        "/api/v1/op/login",
        None,
        json!({"name": "图书管理员", "password": "wrong"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(e["message"], "用户名或密码不对。");
}

#[tokio::test]
async fn an_operator_works_by_command_under_their_role_and_address() {
    let router = host();
    let librarian = sign_in(&router, "图书管理员", "librarian").await;
    let (status, made) = post(
        &router,
        "/api/v1/op/call/create_title",
        Some(&librarian),
        json!({"title": {"title": "乡土中国"}, "copies": {"barcodes": ["SX1"]}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    let (_, page) = post(
        &router,
        "/api/v1/op/call/list_titles",
        Some(&librarian),
        json!({"query": {"text": "xtzg"}}),
    )
    .await;
    assert_eq!(page["items"][0]["id"], made["id"]);

    // The organizer may not catalogue: the core says so, in Chinese.
    let organizer = sign_in(&router, "组织者", "organizer").await;
    let (status, e) = post(
        &router,
        "/api/v1/op/call/create_title",
        Some(&organizer),
        json!({"title": {"title": "另一本"}, "copies": {}}),
    )
    .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );

    // A form error names its field.
    let (status, e) = post(
        &router,
        "/api/v1/op/call/create_title",
        Some(&librarian),
        json!({"title": {"title": ""}, "copies": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(e["field"], "title", "{e}");

    // The log (the administrator's to read) names the operator and the
    // computer they worked at.
    let (status, _) = post(
        &router,
        "/api/v1/op/call/audit_log",
        Some(&librarian),
        json!({"query": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let admin = sign_in(&router, "管理员", "admin").await;
    let (_, log) = post(
        &router,
        "/api/v1/op/call/audit_log",
        Some(&admin),
        json!({"query": {"entity": "title"}}),
    )
    .await;
    let entry = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "create" && e["actor_name"] == "图书管理员")
        .unwrap_or_else(|| panic!("{log}"));
    assert_eq!(entry["client"], "192.168.1.40");

    // Unknown commands and signed-out tokens.
    let (status, e) = post(
        &router,
        "/api/v1/op/call/format_disk",
        Some(&librarian),
        json!({}),
    )
    .await;
    assert_eq!(
        (status, e["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    post(&router, "/api/v1/op/logout", Some(&librarian), json!({})).await;
    let (status, _) = post(
        &router,
        "/api/v1/op/call/list_titles",
        Some(&librarian),
        json!({"query": {}}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn of_two_operators_editing_one_title_the_second_save_is_refused() {
    let router = host();
    let a = sign_in(&router, "管理员", "admin").await;
    let b = sign_in(&router, "图书管理员", "librarian").await;
    let (_, made) = post(
        &router,
        "/api/v1/op/call/create_title",
        Some(&a),
        json!({"title": {"title": "乡土中国"}, "copies": {}}),
    )
    .await;
    let id = made["id"].as_i64().unwrap();
    let shown = made["revision"].as_i64().unwrap();
    // Both opened the form on the same revision; A saves first.
    let (status, _) = post(
        &router,
        "/api/v1/op/call/edit_title",
        Some(&a),
        json!({"id": id, "title": {"title": "乡土中国", "authors": "费孝通", "revision": shown}}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, e) = post(
        &router,
        "/api/v1/op/call/edit_title",
        Some(&b),
        json!({"id": id, "title": {"title": "乡土中国（修订）", "revision": shown}}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{e}");
    assert_eq!(e["message"], "已被他人修改，请刷新后再改。");
    let (_, detail) = post(
        &router,
        "/api/v1/op/call/title_detail",
        Some(&b),
        json!({"id": id}),
    )
    .await;
    assert_eq!(
        detail["title"]["authors"], "费孝通",
        "A's save stands: {detail}"
    );
}

/// A request with a raw body and the import header, as the desktop client sends a file.
async fn send_file(
    router: &Router,
    uri: &str,
    token: &str,
    choices: Value,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let mut request = Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("shuxiang-import", crate::client::ascii_json(&choices))
        .body(Body::from(body))
        .unwrap();
    let from: SocketAddr = "192.168.1.41:51000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(from));
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

#[tokio::test]
async fn files_travel_between_an_operators_pc_and_the_host() {
    use base64::Engine;
    let router = host();
    let librarian = sign_in(&router, "图书管理员", "librarian").await;

    // A book list chosen at the operator's PC is checked, then taken in.
    let csv = "书名,作者,条码\n乡土中国,费孝通,SX1\n万历十五年,黄仁宇,SX2\n"
        .as_bytes()
        .to_vec();
    let choices = json!({"fileName": "书目.csv", "dryRun": true});
    let (status, checked) = send_file(
        &router,
        "/api/v1/op/import/import_books",
        &librarian,
        choices,
        csv.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    assert_eq!(checked["committed"], false);
    let choices = json!({"fileName": "书目.csv"});
    let (status, done) = send_file(
        &router,
        "/api/v1/op/import/import_books",
        &librarian,
        choices,
        csv,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        (done["inserted"].as_i64(), done["committed"].as_bool()),
        (Some(2), Some(true))
    );

    // The catalogue exported at the host comes back as the file itself.
    let (status, made) = post(
        &router,
        "/api/v1/op/export/export_books",
        Some(&librarian),
        json!({"kind": "csv"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{made}");
    assert!(made["file_name"].as_str().unwrap().ends_with(".csv"));
    assert_eq!(made["answer"]["titles"], 2);
    let content = base64::engine::general_purpose::STANDARD
        .decode(made["content"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(content).unwrap();
    assert!(text.contains("乡土中国") && text.contains("SX2"), "{text}");

    // The organizer may not import books; nobody exports without signing in.
    let organizer = sign_in(&router, "组织者", "organizer").await;
    let (status, refused) = send_file(
        &router,
        "/api/v1/op/import/import_books",
        &organizer,
        json!({"fileName": "书目.csv"}),
        "书名\n围城\n".as_bytes().to_vec(),
    )
    .await;
    // Refused before it runs, saying why.
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("不能修改书目"),
        "{refused}"
    );
    let (status, _) = post(
        &router,
        "/api/v1/op/export/export_books",
        None,
        json!({"kind": "csv"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
