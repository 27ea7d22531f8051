//! The host's transport as a client meets it: HTTPS with the certificate's
//! fingerprint pinned (another one is refused), slow clients dropped, the
//! connection cap holding, and a stop that lets a request finish.

use std::sync::Arc;
use std::time::Duration;

use shuxiang_core::Db;
use shuxiang_host::{Certificate, Host, Limits, PinnedCertificate, serve_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Running {
    addr: std::net::SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
    _dir: tempfile::TempDir,
}

async fn start(tls: bool, limits: Limits) -> (Running, Option<Certificate>) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("x.db")).unwrap();
    let certificate = tls.then(|| Certificate::in_folder(dir.path()).unwrap());
    let config = certificate.as_ref().map(|c| c.server_config().unwrap());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(serve_with(Host::new(db), listener, config, limits, async {
        let _ = stopped.await;
    }));
    let running = Running {
        addr,
        stop: Some(stop),
        done,
        _dir: dir,
    };
    (running, certificate)
}

impl Running {
    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        tokio::time::timeout(Duration::from_secs(15), self.done)
            .await
            .expect("the host stops")
            .unwrap()
            .unwrap();
    }
}

async fn exchange<S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin>(
    stream: &mut S,
    path: &str,
) -> String {
    let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response).into_owned()
}

async fn tls_connect(
    addr: std::net::SocketAddr,
    pin: Option<&str>,
) -> (
    std::io::Result<tokio_rustls::client::TlsStream<TcpStream>>,
    Arc<PinnedCertificate>,
) {
    let (config, pinned) = PinnedCertificate::client_config(pin);
    let connector = tokio_rustls::TlsConnector::from(config);
    let tcp = TcpStream::connect(addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    (connector.connect(name, tcp).await, pinned)
}

#[tokio::test]
async fn https_answers_under_the_pinned_fingerprint_and_refuses_another() {
    let (host, certificate) = start(true, Limits::default()).await;
    let fingerprint = certificate.unwrap().fingerprint().to_owned();

    // First connect: nothing pinned yet; the client learns what the host shows.
    let (stream, pinned) = tls_connect(host.addr, None).await;
    let mut stream = stream.unwrap();
    assert_eq!(pinned.seen().as_deref(), Some(fingerprint.as_str()));
    let answer = exchange(&mut stream, "/api/v1/ping").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with(r#"{"ok":true}"#), "{answer}");

    // Pinned: the same host answers; any other certificate is refused.
    let (stream, _) = tls_connect(host.addr, Some(&fingerprint.to_lowercase())).await;
    assert!(stream.is_ok());
    let other = "00:".repeat(31) + "00";
    let (stream, pinned) = tls_connect(host.addr, Some(&other)).await;
    assert!(stream.is_err(), "a changed certificate is refused");
    assert_eq!(pinned.seen().as_deref(), Some(fingerprint.as_str()));

    // Plain HTTP on the HTTPS port gets nothing served.
    let mut plain = TcpStream::connect(host.addr).await.unwrap();
    let answer = tokio::time::timeout(Duration::from_secs(5), exchange(&mut plain, "/api/v1/ping"))
        .await
        .unwrap();
    assert!(!answer.contains("\"ok\""), "{answer}");
    host.stop().await;
}

#[tokio::test]
async fn a_slow_client_is_dropped_and_the_host_goes_on() {
    let limits = Limits {
        headers: Duration::from_millis(300),
        handshake: Duration::from_millis(300),
        ..Limits::default()
    };
    let (host, _) = start(false, limits).await;
    let mut slow = TcpStream::connect(host.addr).await.unwrap();
    slow.write_all(b"GET /api/v1/ping HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut buf)).await;
    assert!(closed.is_ok(), "the host closed the half-sent request");
    assert!(!String::from_utf8_lossy(&buf).contains("\"ok\""));

    let mut fine = TcpStream::connect(host.addr).await.unwrap();
    assert!(
        exchange(&mut fine, "/api/v1/ping")
            .await
            .contains(r#"{"ok":true}"#)
    );
    host.stop().await;

    // Over TLS, a client that never starts its handshake is dropped too.
    let (host, _) = start(true, limits).await;
    let mut silent = TcpStream::connect(host.addr).await.unwrap();
    let closed = tokio::time::timeout(Duration::from_secs(5), silent.read_to_end(&mut buf)).await;
    assert!(closed.is_ok(), "the host closed the silent connection");
    host.stop().await;
}

#[tokio::test]
async fn connections_beyond_the_cap_wait_their_turn() {
    let limits = Limits {
        connections: 2,
        ..Limits::default()
    };
    let (host, _) = start(false, limits).await;
    // Two idle connections hold both places.
    let idle = [
        TcpStream::connect(host.addr).await.unwrap(),
        TcpStream::connect(host.addr).await.unwrap(),
    ];
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut third = TcpStream::connect(host.addr).await.unwrap();
    let waiting = tokio::time::timeout(
        Duration::from_millis(500),
        exchange(&mut third, "/api/v1/ping"),
    )
    .await;
    assert!(
        waiting.is_err(),
        "the third is not served while two are open"
    );
    drop(idle);
    let mut fourth = TcpStream::connect(host.addr).await.unwrap();
    let served = tokio::time::timeout(
        Duration::from_secs(5),
        exchange(&mut fourth, "/api/v1/ping"),
    )
    .await
    .expect("served once a place is free");
    assert!(served.contains(r#"{"ok":true}"#), "{served}");
    host.stop().await;
}

#[tokio::test]
async fn the_desktop_client_pins_signs_in_runs_commands_and_says_when_the_host_is_gone() {
    use shuxiang_core::audit::Role;
    use shuxiang_core::operators::{self, NewOperator};
    use shuxiang_host::HostClient;

    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("x.db")).unwrap();
    operators::create_operator(
        &db,
        &shuxiang_core::Actor::Desktop,
        &NewOperator {
            name: "管理员".into(),
            role: Role::Admin,
            password: "admin-secret-1".into(),
        },
    )
    .unwrap();
    let certificate = Certificate::in_folder(dir.path()).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let done = tokio::spawn(serve_with(
        Host::new(db),
        listener,
        Some(certificate.server_config().unwrap()),
        Limits::default(),
        async {
            let _ = stopped.await;
        },
    ));

    // First contact shows the fingerprint to compare; then it is pinned.
    let seen = HostClient::probe(&addr).await.unwrap();
    assert_eq!(seen, certificate.fingerprint());
    let client = HostClient::new(&addr, &seen);
    let e = client.login("管理员", "wrong").await.unwrap_err();
    assert_eq!(e.code, "unauthenticated");
    let signed = client.login("管理员", "admin-secret-1").await.unwrap();
    assert_eq!(signed.name, "管理员");
    let made = client
        .call(
            &signed.token,
            "create_title",
            &serde_json::json!({"title": {"title": "乡土中国"}, "copies": {"barcodes": ["SX1"]}}),
        )
        .await
        .unwrap();
    assert_eq!(made["title"], "乡土中国");
    let e = client
        .call(
            &signed.token,
            "create_title",
            &serde_json::json!({"title": {"title": ""}, "copies": {}}),
        )
        .await
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("invalid", Some("title"))
    );

    // Files both ways: a list taken in at the host, the catalogue back.
    let report = client
        .import(
            &signed.token,
            "import_books",
            &serde_json::json!({"fileName": "书目.csv"}),
            "书名,条码\n万历十五年,SX9\n".as_bytes().to_vec(),
        )
        .await
        .unwrap();
    assert_eq!(report["inserted"], 1, "{report}");
    let (answer, file_name, content) = client
        .export(
            &signed.token,
            "export_books",
            &serde_json::json!({"kind": "xlsx"}),
        )
        .await
        .unwrap();
    assert_eq!(answer["titles"], 2);
    assert!(file_name.ends_with(".xlsx"), "{file_name}");
    assert!(content.starts_with(b"PK"), "an xlsx is a zip");

    // Another certificate at that address is refused, and said so.
    let other = "AB:".repeat(31) + "AB";
    let e = HostClient::new(&addr, &other).ping().await.unwrap_err();
    assert_eq!(e.code, "certificate_changed", "{e:?}");

    // The host goes away: the client says the connection is gone.
    let _ = stop.send(());
    done.await.unwrap().unwrap();
    let e = client
        .call(
            &signed.token,
            "list_titles",
            &serde_json::json!({"query": {}}),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code, "disconnected");
    assert!(e.message.contains("与主机的连接已断开"), "{}", e.message);
}
