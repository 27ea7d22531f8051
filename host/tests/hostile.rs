//! Requests built to harm, over a real socket: oversized bodies, bad JSON,
//! 10,000 random paths, a flood of sign-ins. Each is answered with a 4xx
//! and a Chinese message, never a 5xx or an internal detail, and the host
//! answers a plain ping after all of them.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::{Actor, Db};
use shuxiang_host::{Host, Limits, serve_with};
use tokio::net::TcpListener;

type Http = Client<HttpConnector, Body>;

struct Answer {
    status: StatusCode,
    body: String,
}

async fn send(client: &Http, method: Method, uri: &str, kind: &str, body: Vec<u8>) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", kind)
        .body(Body::from(body))
        .unwrap();
    let response = client.request(request).await.expect("the host answers");
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        body: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn says_in_chinese(answer: &Answer) -> bool {
    answer
        .body
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A refusal as the host must give it: a 4xx, in Chinese, no internals.
fn refused_well(what: &str, answer: &Answer) {
    assert!(
        answer.status.is_client_error(),
        "{what}: {} {}",
        answer.status,
        answer.body
    );
    assert!(says_in_chinese(answer), "{what}: {}", answer.body);
    for internal in [
        "panicked", "rusqlite", "SQLITE", "sqlite", "Error {", "at src/",
    ] {
        assert!(!answer.body.contains(internal), "{what}: {}", answer.body);
    }
}

async fn start() -> (String, tokio::sync::oneshot::Sender<()>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("x.db")).unwrap();
    people::create_person(
        &db,
        &Actor::Desktop,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "甲读者".into(),
            card_barcode: Some("A001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_reader_pin(&db, &Actor::Desktop, "A001", "2468").unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(serve_with(
        Host::new(db),
        listener,
        None,
        Limits::default(),
        async {
            let _ = stopped.await;
        },
    ));
    (format!("http://{addr}"), stop, dir)
}

/// A path of pieces that attackers and broken clients send.
fn random_path(rng: &mut fastrand::Rng) -> String {
    const PIECES: &[&str] = &[
        "/",
        "..",
        "%2e%2e",
        "%2f",
        "%00",
        "api",
        "v1",
        "titles",
        "reader",
        "holds",
        "me",
        "search",
        "login",
        "assets",
        "site.css",
        "shuxiang.db",
        "backups",
        "etc",
        "passwd",
        "~",
        "%",
        "%zz",
        "?",
        "&",
        "=",
        "q",
        "id",
        "-1",
        "99999999999999999999",
        "0x10",
        "书",
        "%E4%B9%A6",
        "'",
        "\"",
        "<script>",
        ";",
        "\\",
        "cancel",
        "record",
        "events",
        "%ff%fe",
        "\u{202e}",
        " ",
        "#",
    ];
    let mut path = String::from("/");
    for _ in 0..rng.usize(1..8) {
        path.push_str(PIECES[rng.usize(..PIECES.len())]);
    }
    path
}

#[tokio::test]
async fn harmful_requests_get_a_chinese_4xx_and_the_host_stays_up() {
    let (base, stop, _dir) = start().await;
    let client: Http = Client::builder(TokioExecutor::new()).build_http();

    // Bodies far beyond what a sign-in or a hold needs.
    let big = vec![b'x'; 1024 * 1024];
    for (uri, kind) in [
        ("/api/v1/reader/login", "application/json"),
        ("/api/v1/reader/holds", "application/json"),
        ("/login", "application/x-www-form-urlencoded"),
    ] {
        let answer = send(
            &client,
            Method::POST,
            &format!("{base}{uri}"),
            kind,
            big.clone(),
        )
        .await;
        refused_well(uri, &answer);
        // Refused as too large, or before it is read: a hold needs a sign-in.
        assert!(
            matches!(
                answer.status,
                StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNAUTHORIZED
            ),
            "{uri}: {}",
            answer.status
        );
    }

    // JSON that is not, or not what was asked.
    for body in [
        "{not json",
        "[]",
        r#"{"card": 1}"#,
        "\u{0}",
        r#"{"card":"A001"}"#,
    ] {
        let uri = format!("{base}/api/v1/reader/login");
        let answer = send(&client, Method::POST, &uri, "application/json", body.into()).await;
        refused_well(body, &answer);
    }
    let uri = format!("{base}/api/v1/reader/login");
    let answer = send(
        &client,
        Method::POST,
        &uri,
        "text/plain",
        b"card=A001".to_vec(),
    )
    .await;
    refused_well("a login that is not JSON", &answer);

    // 10,000 random paths with random methods.
    let mut rng = fastrand::Rng::with_seed(15);
    let methods = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::HEAD,
    ];
    for _ in 0..10_000 {
        let path = random_path(&mut rng);
        let Ok(uri) = format!("{base}{path}").parse::<axum::http::Uri>() else {
            continue;
        };
        let method = methods[rng.usize(..methods.len())].clone();
        let request = Request::builder()
            .method(method.clone())
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        let response = client.request(request).await.expect("the host answers");
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let answer = Answer {
            status,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        assert!(!status.is_server_error(), "{method} {path}: {status}");
        if status.is_client_error() && method != Method::HEAD {
            refused_well(&format!("{method} {path}"), &answer);
        }
        assert!(!answer.body.contains("root:"), "{path}");
    }

    // A flood of sign-ins: wrong PINs on a real card and on made-up ones.
    let mut flood = Vec::new();
    for i in 0..60 {
        let client = client.clone();
        let card = if i % 2 == 0 {
            "A001".to_owned()
        } else {
            format!("Z{i:04}")
        };
        let uri = format!("{base}/api/v1/reader/login");
        flood.push(tokio::spawn(async move {
            let body = format!(r#"{{"card":"{card}","pin":"0000"}}"#);
            send(
                &client,
                Method::POST,
                &uri,
                "application/json",
                body.into_bytes(),
            )
            .await
        }));
    }
    let mut locked = 0;
    for answer in flood {
        let answer = answer.await.unwrap();
        refused_well("a flood of sign-ins", &answer);
        locked += usize::from(answer.status == StatusCode::TOO_MANY_REQUESTS);
    }
    // Sent at once from one computer, still exactly five are checked: each
    // claims its place first; that computer waits out the window.
    assert_eq!(
        locked, 55,
        "five wrong PINs from one address, then it waits"
    );

    // Still up, still quick.
    let ping = tokio::time::timeout(
        Duration::from_secs(5),
        send(
            &client,
            Method::GET,
            &format!("{base}/api/v1/ping"),
            "text/plain",
            Vec::new(),
        ),
    )
    .await
    .expect("a ping after all that");
    assert_eq!(ping.body, r#"{"ok":true}"#);
    let _ = stop.send(());
}
