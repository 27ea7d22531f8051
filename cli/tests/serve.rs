//! `shuxiang serve` as office IT runs it: plain HTTP when asked, HTTPS with
//! a certificate it makes and keeps (or the office's own), one JSON line
//! naming its URL and fingerprint, a clean stop on SIGTERM (on Windows,
//! where an office server runs it as a scheduled task, ended as the Task
//! Scheduler ends it).

mod common;

use common::serve::ServeProcess;
use common::{json, shuxiang};
use rustls_pki_types::pem::PemObject;

/// A raw HTTP/1.1 GET, as any client sends it; the response's body.
fn http_get(addr: &str, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}

/// `serve --http` prints its URL as JSON (no fingerprint), answers
/// `/api/v1/ping` and `/api/v1/search` with what `search --json` prints,
/// never serves files, and stops cleanly on SIGTERM.
#[test]
fn serve_answers_the_api_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    assert!(
        shuxiang(&["--db", db, "demo", "--volumes", "200"], &[])
            .status
            .success()
    );
    let expected = json(&shuxiang(&["--db", db, "--json", "search", "中国"], &[]));

    let host = ServeProcess::start(db, &["--http"]);
    assert!(
        host.started["url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:")
    );
    assert!(host.started["fingerprint"].is_null());
    let addr = host.addr();
    let (status, body) = http_get(&addr, "/api/v1/ping");
    assert!(status.contains("200"), "{status}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        serde_json::json!({"ok": true})
    );
    let (status, body) = http_get(&addr, "/api/v1/search?q=%E4%B8%AD%E5%9B%BD");
    assert!(status.contains("200"), "{status}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).unwrap(),
        expected
    );
    let (status, body) = http_get(&addr, "/../../etc/passwd");
    assert!(
        status.contains("404") && !body.contains("root:"),
        "{status} {body}"
    );
    host.stop();
}

/// Without `--http`, `serve` makes a certificate beside the database on
/// first start, keeps it on the next, prints its fingerprint, and answers
/// over TLS to a client that pins that fingerprint; `--cert/--key` serve
/// the office's own, and a key that does not fit is refused in Chinese.
#[test]
fn serve_speaks_https_with_a_certificate_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db = db.to_str().unwrap();
    assert!(shuxiang(&["--db", db, "init"], &[]).status.success());

    let host = ServeProcess::start(db, &[]);
    let url = host.started["url"].as_str().unwrap().to_owned();
    let fingerprint = host.started["fingerprint"].as_str().unwrap().to_owned();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let cert = dir.path().join(shuxiang_host::CERT_FILE);
    let pem = std::fs::read(&cert).unwrap();
    let der = rustls_pki_types::CertificateDer::from_pem_slice(&pem).unwrap();
    assert_eq!(fingerprint, shuxiang_host::fingerprint_of(&der));
    let (status, body) = https_get(&host.addr(), "/api/v1/ping", &fingerprint);
    assert!(status.contains("200"), "{status}");
    assert_eq!(body, r#"{"ok":true}"#);
    // The host is the only writer: it keeps the daily backup itself, soon
    // after it starts (slower under Wine, hence the wait).
    let daily = || {
        std::fs::read_dir(dir.path().join("backups"))
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .any(|n| n.contains("每日"))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !daily() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(
        daily(),
        "a daily backup in {:?}",
        dir.path().join("backups")
    );
    host.stop();

    let again = ServeProcess::start(db, &[]);
    assert_eq!(again.started["fingerprint"], fingerprint.as_str());
    again.stop();

    let key = dir.path().join(shuxiang_host::KEY_FILE);
    let own = ServeProcess::start(
        db,
        &[
            "--cert",
            cert.to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
        ],
    );
    assert_eq!(own.started["fingerprint"], fingerprint.as_str());
    own.stop();

    let wrong = shuxiang(
        &[
            "--db",
            db,
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--cert",
            cert.to_str().unwrap(),
            "--key",
            cert.to_str().unwrap(),
        ],
        &[],
    );
    let said = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(1), "{said}");
    assert!(said.contains("不是 PEM 格式的私钥"), "{said}");
}

/// A GET over TLS to a host whose certificate has `fingerprint`.
fn https_get(addr: &str, path: &str, fingerprint: &str) -> (String, String) {
    use std::io::{Read, Write};
    let (config, _) = shuxiang_host::PinnedCertificate::client_config(Some(fingerprint));
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let connection = rustls::ClientConnection::new(config, name).unwrap();
    let tcp = std::net::TcpStream::connect(addr).unwrap();
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let response = String::from_utf8(response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_owned(), body.to_owned())
}
