//! 设置 → 局域网共享 in the real window: sharing is turned on with a
//! chosen port, the panel gives the address and the certificate's
//! fingerprint, a browser's requests over HTTPS pinned to that fingerprint
//! reach the window's own data (a reader finds a book and holds it), the
//! panel lists the connected computer, sharing is on again when the window
//! is opened again, the office's own certificate replaces the one made
//! here, and stopping closes the port.

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use shuxiang_core::people;
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home, free_port, seed_reader_and_book};

/// One HTTPS exchange with a host whose certificate has `fingerprint`.
fn https(port: u16, fingerprint: &str, request: &str) -> String {
    let (config, _) = shuxiang_host::PinnedCertificate::client_config(Some(fingerprint));
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let connection = rustls::ClientConnection::new(config, name).unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    String::from_utf8_lossy(&response).into_owned()
}

fn post_json(path: &str, token: Option<&str>, body: &str) -> String {
    let auth = token
        .map(|t| format!("Authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n{auth}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn body_json(response: &str) -> serde_json::Value {
    let body = response.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or(serde_json::Value::Null)
}

#[tokio::test]
async fn sharing_serves_the_windows_data_to_browsers_and_stops() {
    let home = Home::new();
    seed_reader_and_book(&home, "甲读者", "A001", "乡土中国", "SX1");
    people::set_reader_pin(
        &Db::open(&home.db()).unwrap(),
        &Actor::CommandLine,
        "A001",
        "2468",
    )
    .unwrap();
    let port = free_port();
    let app = App::start(&home).await;
    let fingerprint = app.share_on(port).await;
    let urls = app.texts("#intranet-panel [data-url]").await;
    assert!(
        urls.iter()
            .all(|u| u.starts_with("https://") && u.ends_with(&format!(":{port}/"))),
        "{urls:?}"
    );
    assert_eq!(fingerprint.len(), 95, "{fingerprint}");

    // A reader's browser, trusting exactly that fingerprint.
    let page = https(
        port,
        &fingerprint,
        "GET /search?q=xtzg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(
        page.starts_with("HTTP/1.1 200") && page.contains("乡土中国"),
        "{page}"
    );
    let login = https(
        port,
        &fingerprint,
        &post_json(
            "/api/v1/reader/login",
            None,
            r#"{"card":"A001","pin":"2468"}"#,
        ),
    );
    let token = body_json(&login)["token"].as_str().unwrap().to_owned();
    let search = https(
        port,
        &fingerprint,
        "GET /api/v1/search?q=xtzg HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    let title = body_json(&search)[0]["id"].as_i64().unwrap();
    let held = https(
        port,
        &fingerprint,
        &post_json(
            "/api/v1/reader/holds",
            Some(&token),
            &format!(r#"{{"title_id":{title}}}"#),
        ),
    );
    assert!(held.starts_with("HTTP/1.1 200"), "{held}");

    // A computer holding a connection open is listed as connected.
    let (config, _) = shuxiang_host::PinnedCertificate::client_config(Some(&fingerprint));
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut open =
        rustls::StreamOwned::new(rustls::ClientConnection::new(config, name).unwrap(), tcp);
    open.write_all(b"GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 12];
    open.read_exact(&mut first).unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let listed = app.texts("#intranet-panel table td.mono").await;
        if listed.iter().any(|a| a == "127.0.0.1") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the connected computer is listed: {listed:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    drop(open);

    // Closed and opened again, the window shares again on the same port.
    app.stop().await;
    let app = App::start(&home).await;
    app.open_view("settings").await;
    app.wait_for("#intranet-panel [data-url]").await;
    assert_eq!(app.texts("#intranet-panel [data-url]").await, urls);
    let again = https(
        port,
        &fingerprint,
        "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(again.ends_with(r#"{"ok":true}"#), "{again}");

    // The office's own certificate replaces the one made here; sharing goes on with it.
    let office = tempfile::tempdir().unwrap();
    let own = shuxiang_host::Certificate::in_folder(office.path()).unwrap();
    let cert = office.path().join(shuxiang_host::CERT_FILE);
    let key = office.path().join(shuxiang_host::KEY_FILE);
    app.eval("document.querySelector('#intranet-panel details.own-cert').open = true")
        .await;
    app.type_into("#intranet-cert-form [name=cert]", cert.to_str().unwrap())
        .await;
    app.type_into("#intranet-cert-form [name=key]", key.to_str().unwrap())
        .await;
    app.eval("document.querySelector('#intranet-cert-form button[type=submit]').click()")
        .await;
    app.wait_until(
        "the office's certificate shown",
        &format!(
            "document.querySelector('#intranet-fingerprint')?.textContent === '{}'",
            own.fingerprint()
        ),
    )
    .await;
    let served = https(
        port,
        own.fingerprint(),
        "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(served.ends_with(r#"{"ok":true}"#), "{served}");

    // Stopped: the port is closed.
    app.eval("document.querySelector('[data-act=stop-intranet]').click()")
        .await;
    app.wait_for("#intranet-form").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
        assert!(
            Instant::now() < deadline,
            "the port closes when sharing stops"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.stop().await;

    // The hold placed from the browser is in the window's own database.
    let db = Db::open(&home.db()).unwrap();
    let holds = shuxiang_core::circulation::title_holds(&db, title).unwrap();
    assert_eq!(holds.len(), 1);
    assert_eq!(holds[0].person_name, "甲读者");
    let log = shuxiang_core::audit::audit_log(&db, &Default::default()).unwrap();
    assert!(
        log.items.iter().any(|e| e.actor_name == "甲读者"
            && e.entity == "hold"
            && e.client.as_deref() == Some("127.0.0.1")),
        "the browser's change is logged with its computer's address"
    );
}
