//! Raw HTTP/1.1 as an attacker sends it, from any loopback address, and
//! the reading room the attacks run against: the demo on a real
//! `shuxiang serve --http`, with one operator of each role.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream};
use std::time::Duration;

use serde_json::{Value, json};
use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};

use crate::common::serve::ServeProcess;
use crate::common::shuxiang;

/// An answer: status, headers as text, body.
pub struct Answer {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

/// Connects to `addr` from the loopback address `from` (127.0.0.x: each a
/// computer of its own to the host).
pub fn connect(addr: &str, from: [u8; 4]) -> TcpStream {
    let target: SocketAddr = addr.parse().unwrap();
    let socket = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    socket
        .bind(&SocketAddr::new(IpAddr::from(from), 0).into())
        .unwrap();
    socket.connect(&target.into()).unwrap();
    let stream: TcpStream = socket.into();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Offers the start of a body the host is expected to refuse unread: as
/// much as the connection takes without waiting, never blocking on the
/// rest. (A blocking send to a host that answered and reset the connection
/// can wait for ever under Wine, whose send does not always see the reset.)
pub fn offer(stream: &mut TcpStream, body: &[u8]) {
    stream.set_nonblocking(true).unwrap();
    let mut sent = 0;
    while sent < body.len() {
        match stream.write(&body[sent..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => sent += n,
        }
    }
    stream.set_nonblocking(false).unwrap();
}

/// One raw HTTP/1.1 request from `from`, the connection closed after.
pub fn send(
    addr: &str,
    from: [u8; 4],
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    let mut stream = connect(addr, from);
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-length"))
    {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    let _ = stream.write_all(body);
    read_answer(&mut stream)
}

pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("an HTTP answer: {}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

/// A reading room on a real host: the demo's people, books and sessions
/// (every reader's PIN 123456), and one operator of each role.
pub struct Room {
    _dir: tempfile::TempDir,
    pub db: String,
    pub host: ServeProcess,
}

pub const HERE: [u8; 4] = [127, 0, 0, 1];

impl Room {
    pub fn new() -> Room {
        Room::prepared(|_| {})
    }

    /// The same, with `prepare` run on the database before the host starts.
    pub fn prepared(prepare: impl FnOnce(&Db)) -> Room {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("shuxiang.db").display().to_string();
        let demo = shuxiang(&["--db", &db, "demo", "--volumes", "300"], &[]);
        assert!(
            demo.status.success(),
            "{}",
            String::from_utf8_lossy(&demo.stderr)
        );
        {
            let open = Db::open(std::path::Path::new(&db)).unwrap();
            for (name, role) in [
                ("管理员", Role::Admin),
                ("第二管理员", Role::Admin),
                ("图书管理员", Role::Librarian),
                ("组织者", Role::Organizer),
                ("只读", Role::Viewer),
            ] {
                let new = NewOperator {
                    name: name.into(),
                    role,
                    password: format!("{}-口令-2026", role.code()),
                };
                operators::create_operator(&open, &Actor::CommandLine, &new).unwrap();
            }
            prepare(&open);
        }
        let host = ServeProcess::start(&db, &["--http"]);
        Room {
            _dir: dir,
            db,
            host,
        }
    }

    pub fn addr(&self) -> String {
        self.host.addr()
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.post_from(HERE, path, token, body)
    }

    pub fn post_from(&self, from: [u8; 4], path: &str, token: Option<&str>, body: Value) -> Answer {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(b) = &bearer {
            headers.push(("Authorization", b));
        }
        send(
            &self.addr(),
            from,
            "POST",
            path,
            &headers,
            body.to_string().as_bytes(),
        )
    }

    pub fn get(&self, path: &str, token: Option<&str>) -> Answer {
        let bearer = token.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = bearer
            .iter()
            .map(|b| ("Authorization", b.as_str()))
            .collect();
        send(&self.addr(), HERE, "GET", path, &headers, b"")
    }

    /// An operator's token, signed in as `name`.
    pub fn operator(&self, name: &str, role: &str) -> String {
        let a = self.post(
            "/api/v1/op/login",
            None,
            json!({"name": name, "password": format!("{role}-口令-2026")}),
        );
        assert_eq!(a.status, 200, "{}", a.text());
        a.json()["token"].as_str().unwrap().to_owned()
    }

    pub fn call(&self, token: &str, command: &str, args: Value) -> Answer {
        self.post(&format!("/api/v1/op/call/{command}"), Some(token), args)
    }

    /// A reader's token (the demo's PIN).
    pub fn reader(&self, card: &str) -> String {
        let a = self.post(
            "/api/v1/reader/login",
            None,
            json!({"card": card, "pin": "123456"}),
        );
        assert_eq!(a.status, 200, "{}", a.text());
        a.json()["token"].as_str().unwrap().to_owned()
    }

    /// A person of the demo with a card: (id, card).
    pub fn someone(&self, admin: &str, nth: usize) -> (i64, String) {
        let page = self
            .call(admin, "list_people", json!({"query": {"limit": 20}}))
            .json();
        let p = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["card_barcode"].is_string())
            .nth(nth)
            .unwrap()
            .clone();
        (
            p["id"].as_i64().unwrap(),
            p["card_barcode"].as_str().unwrap().to_owned(),
        )
    }

    pub fn operator_id(&self, admin: &str, name: &str) -> i64 {
        self.call(admin, "operators", json!({}))
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    }
}

/// Every table's rows, in order.
pub fn everything(db: &str) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    out
}

/// The host's resident memory, in KiB, where the system tells it (Linux's
/// /proc; elsewhere the memory check is left to the Linux run).
pub fn rss_kib(pid: u32) -> Option<u64> {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
}

/// Whether a phone number is anywhere in an answer.
pub fn has_phone(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields
            .iter()
            .any(|(k, v)| (k == "phone" && !v.is_null()) || has_phone(v)),
        Value::Array(items) => items.iter().any(has_phone),
        _ => false,
    }
}
