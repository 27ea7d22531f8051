//! The open port attacked by its own tests (DESIGN.md, "Who may do and see
//! what"): a real `shuxiang serve --http` on 127.0.0.1 over the demo data,
//! driven by raw HTTP/1.1 as an attacker would send it. Every finding of
//! the security review is here: old tokens after deactivation, demotion, a
//! password reset or a new PIN; anonymous bodies; phones to roles that may
//! not see them; backups and PINs beyond a role; redirects; guessing from
//! one address; one address holding a thousand connections; searches the
//! engine could not answer; an edit without its revision; random calls as
//! 只读. `readers` attacks the readers' taking part: another reader's ids,
//! forms without their token or from another site, huge notes, a
//! thousand suggestions.

#[path = "../common/mod.rs"]
mod common;
mod raw;
mod reader_room;
mod readers;

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use common::shuxiang;
use raw::{HERE, Room, connect, everything, has_phone, offer, read_answer, rss_kib, send};
use serde_json::{Value, json};

#[test]
fn an_operators_or_readers_old_token_ends_when_the_account_changes() {
    let room = Room::new();
    let admin = room.operator("管理员", "admin");
    // An administrator deactivated and demoted cannot use the token they
    // had to put themselves back or make a new administrator.
    let second = room.operator("第二管理员", "admin");
    let id = room.operator_id(&admin, "第二管理员");
    let a = room.call(
        &admin,
        "edit_operator",
        json!({"id": id, "role": "viewer", "active": false}),
    );
    assert_eq!(a.status, 200, "{}", a.text());
    let back = room.call(
        &second,
        "edit_operator",
        json!({"id": id, "role": "admin", "active": true}),
    );
    assert_eq!(back.status, 401, "{}", back.text());
    let made = room.call(
        &second,
        "create_operator",
        json!({"operator": {"name": "后门", "role": "admin", "password": "后门口令12345"}}),
    );
    assert_eq!(made.status, 401);
    // A demoted organizer stops writing at once.
    let organizer = room.operator("组织者", "organizer");
    let venue = json!({"venue": {"name": "攻防演练室", "capacity": 20}});
    assert_eq!(
        room.call(&organizer, "create_venue", venue.clone()).status,
        200
    );
    let id = room.operator_id(&admin, "组织者");
    room.call(
        &admin,
        "edit_operator",
        json!({"id": id, "role": "viewer", "active": true}),
    );
    assert_eq!(room.call(&organizer, "create_venue", venue).status, 401);
    // A librarian's token does not outlive a password reset.
    let librarian = room.operator("图书管理员", "librarian");
    let reset = room.call(
        &admin,
        "reset_operator_password",
        json!({"name": "图书管理员", "password": "新的口令-2026"}),
    );
    assert_eq!(reset.status, 200, "{}", reset.text());
    assert_eq!(
        room.call(&librarian, "list_titles", json!({"query": {}}))
            .status,
        401
    );

    // A reader's session outlives neither a new PIN nor deactivation, and
    // the API signs out.
    let (person, card) = room.someone(&admin, 0);
    let reader = room.reader(&card);
    assert_eq!(room.get("/api/v1/reader/me", Some(&reader)).status, 200);
    let pin = room.call(
        &admin,
        "set_reader_pin",
        json!({"card": card, "pin": "24680"}),
    );
    assert_eq!(pin.status, 200, "{}", pin.text());
    assert_eq!(room.get("/api/v1/reader/me", Some(&reader)).status, 401);
    let again = room.post(
        "/api/v1/reader/login",
        None,
        json!({"card": card, "pin": "24680"}),
    );
    let again = again.json()["token"].as_str().unwrap().to_owned();
    assert_eq!(room.get("/api/v1/reader/me", Some(&again)).status, 200);
    room.call(
        &admin,
        "set_person_active",
        json!({"id": person, "active": false}),
    );
    assert_eq!(room.get("/api/v1/reader/me", Some(&again)).status, 401);
    let (_, other) = room.someone(&admin, 1);
    let token = room.reader(&other);
    assert_eq!(
        room.post("/api/v1/reader/logout", Some(&token), json!({}))
            .status,
        200
    );
    assert_eq!(room.get("/api/v1/reader/me", Some(&token)).status, 401);
}

#[test]
fn no_anonymous_body_is_read_and_a_declared_length_over_the_limit_is_refused_at_once() {
    let room = Room::new();
    let before = rss_kib(room.host.pid());
    let megabyte = vec![b'x'; 1024 * 1024];
    for path in [
        "/api/v1/op/import/import_books",
        "/api/v1/op/call/list_titles",
        "/api/v1/op/export/export_books",
        "/api/v1/reader/holds",
    ] {
        for _ in 0..8 {
            // 200 MB announced, the first megabyte sent: the answer comes
            // before the rest would be.
            let mut stream = connect(&room.addr(), HERE);
            write!(
                stream,
                "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                200 * 1024 * 1024
            )
            .unwrap();
            offer(&mut stream, &megabyte);
            let answer = read_answer(&mut stream);
            assert_eq!(answer.status, 401, "{path}: {}", answer.text());
            assert!(answer.json()["message"].as_str().unwrap().contains("登录"));
        }
    }
    if let (Some(before), Some(after)) = (before, rss_kib(room.host.pid())) {
        assert!(
            after < before + 32 * 1024,
            "the host grew from {before} KiB to {after} KiB on bodies it should not read"
        );
    } else if cfg!(target_os = "linux") {
        panic!("/proc tells the host's memory");
    }
    // Signed in, a declared length past the route's limit is refused unread.
    let viewer = room.operator("只读", "viewer");
    let auth = format!("Bearer {viewer}");
    let too_long = send(
        &room.addr(),
        HERE,
        "POST",
        "/api/v1/op/call/list_titles",
        &[("Authorization", &auth), ("Content-Length", "9000000")],
        b"{}",
    );
    assert_eq!(too_long.status, 413, "{}", too_long.text());
    // A viewer may not import: 150 MB announced, the first megabyte sent,
    // refused before the rest — and the viewer's session goes on.
    let before = rss_kib(room.host.pid());
    for _ in 0..4 {
        let mut stream = connect(&room.addr(), HERE);
        write!(
            stream,
            "POST /api/v1/op/import/import_books HTTP/1.1\r\nHost: x\r\nAuthorization: {auth}\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            150 * 1024 * 1024
        )
        .unwrap();
        offer(&mut stream, &megabyte);
        let answer = read_answer(&mut stream);
        assert_eq!(answer.status, 403, "{}", answer.text());
    }
    if let (Some(before), Some(after)) = (before, rss_kib(room.host.pid())) {
        assert!(
            after < before + 32 * 1024,
            "a viewer's refused uploads grew the host from {before} KiB to {after} KiB"
        );
    }
    let still = send(
        &room.addr(),
        HERE,
        "POST",
        "/api/v1/op/call/list_titles",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        br#"{"query":{}}"#,
    );
    assert_eq!(still.status, 200, "{}", still.text());
}

#[test]
fn no_phone_reaches_a_viewer_or_an_organizer_and_an_organizers_edit_keeps_it() {
    let room = Room::new();
    let admin = room.operator("管理员", "admin");
    let (person, card) = room.someone(&admin, 0);
    let stored = room
        .call(&admin, "get_person", json!({"id": person}))
        .json();
    assert!(stored["phone"].is_string(), "the demo gives phones");
    let session = room
        .call(
            &admin,
            "share_sessions",
            json!({"from": "2020-01-01", "to": "2030-12-31"}),
        )
        .json()[0]["id"]
        .as_i64()
        .unwrap();
    let batch = room.call(&admin, "training_batches", json!({})).json()[0]["id"]
        .as_i64()
        .unwrap();
    let asks = [
        ("list_people", json!({"query": {"text": card}})),
        ("list_people", json!({"query": {"limit": 200}})),
        ("get_person", json!({"id": person})),
        ("borrower", json!({"personId": person})),
        (
            "person_record",
            json!({"personId": person, "from": "2020-01-01", "to": "2030-12-31"}),
        ),
        ("share_session_detail", json!({"id": session})),
        ("training_batch_detail", json!({"id": batch})),
        ("card_labels_matching", json!({"query": {}})),
        ("dashboard", json!({})),
    ];
    for (name, role) in [("只读", "viewer"), ("组织者", "organizer")] {
        let token = room.operator(name, role);
        for (command, args) in &asks {
            let a = room.call(&token, command, args.clone());
            assert_eq!(a.status, 200, "{role} {command}: {}", a.text());
            assert!(!has_phone(&a.json()), "{role} {command} carried a phone");
        }
        // Every read command with no arguments, or the wrong ones.
        for c in shuxiang_commands::commands() {
            let a = room.call(&token, c.name, json!({}));
            assert!(!has_phone(&a.json()), "{role} {}", c.name);
        }
    }
    // The organizer signs the reader in to a session: the answer names them
    // without their phone.
    let organizer = room.operator("组织者", "organizer");
    let signed = room.call(
        &organizer,
        "share_sign_in_card",
        json!({"id": session, "code": card}),
    );
    assert!(!has_phone(&signed.json()), "{}", signed.text());
    // The organizer edits the person: the phone they never saw is kept.
    let seen = room
        .call(&organizer, "get_person", json!({"id": person}))
        .json();
    let mut edit = seen.clone();
    edit["department"] = json!("研究室");
    let saved = room.call(
        &organizer,
        "edit_person",
        json!({"id": person, "person": edit}),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    let now = room
        .call(&admin, "get_person", json!({"id": person}))
        .json();
    assert_eq!(now["phone"], stored["phone"], "the phone is kept");
    assert_eq!(now["department"], "研究室");
    // The librarian, who calls readers, sees it.
    let librarian = room.operator("图书管理员", "librarian");
    assert!(has_phone(
        &room
            .call(&librarian, "borrower", json!({"personId": person}))
            .json()
    ));
}

#[test]
fn backups_are_the_administrators_and_pins_are_not_the_organizers() {
    let room = Room::new();
    let viewer = room.operator("只读", "viewer");
    let organizer = room.operator("组织者", "organizer");
    let librarian = room.operator("图书管理员", "librarian");
    let admin = room.operator("管理员", "admin");
    for token in [&viewer, &organizer, &librarian] {
        let a = room.call(token, "backup_now", json!({}));
        assert_eq!(a.status, 403, "{}", a.text());
        assert_eq!(room.call(token, "backups", json!({})).status, 403);
        assert_eq!(
            room.call(token, "audit_log", json!({"query": {}})).status,
            403
        );
    }
    let (_, card) = room.someone(&admin, 0);
    let pin = room.call(
        &organizer,
        "set_reader_pin",
        json!({"card": card, "pin": "13579"}),
    );
    assert_eq!(pin.status, 403, "{}", pin.text());
    let signed = room.post(
        "/api/v1/reader/login",
        None,
        json!({"card": card, "pin": "13579"}),
    );
    assert_eq!(signed.status, 401, "the organizer's PIN was not set");
    let made = room.call(&admin, "backup_now", json!({}));
    assert_eq!(made.status, 200, "{}", made.text());
    assert!(
        made.json()["path"].is_null(),
        "no path of the host's disk: {}",
        made.text()
    );
    let log = room
        .call(&admin, "audit_log", json!({"query": {"text": "手动备份"}}))
        .json();
    assert_eq!(log["total"], 1);
}

#[test]
fn after_signing_in_nothing_leads_off_the_host() {
    let room = Room::new();
    let admin = room.operator("管理员", "admin");
    let (_, card) = room.someone(&admin, 0);
    for next in [
        "/%09/evil.example/",
        "//evil.example/",
        "/%5Cevil.example",
        "https://evil.example/",
        "/%0D%0ASet-Cookie:%20x=1",
        "/%0a/evil",
    ] {
        let form = format!("card={card}&pin=123456&next={next}");
        let a = send(
            &room.addr(),
            HERE,
            "POST",
            "/login",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            form.as_bytes(),
        );
        assert_eq!(a.status, 303, "{next}: {}", a.text());
        assert_eq!(a.header("location").as_deref(), Some("/me"), "{next}");
    }
}

#[test]
fn guesses_from_one_address_do_not_lock_anyone_out_elsewhere() {
    let room = Room::new();
    let attacker = [127, 0, 0, 66];
    for _ in 0..5 {
        let a = room.post_from(
            attacker,
            "/api/v1/op/login",
            None,
            json!({"name": "管理员", "password": "猜"}),
        );
        assert_eq!(a.status, 401);
    }
    let sixth = room.post_from(
        attacker,
        "/api/v1/op/login",
        None,
        json!({"name": "管理员", "password": "admin-口令-2026"}),
    );
    assert_eq!(sixth.status, 429, "that address waits: {}", sixth.text());
    // The administrator, at another PC, signs in.
    room.operator("管理员", "admin");
    // Unknown, disabled and known accounts: the same words.
    let unknown = room.post_from(
        [127, 0, 0, 67],
        "/api/v1/op/login",
        None,
        json!({"name": "无此人", "password": "猜"}),
    );
    let known = room.post_from(
        [127, 0, 0, 67],
        "/api/v1/op/login",
        None,
        json!({"name": "只读", "password": "猜"}),
    );
    assert_eq!(unknown.json()["message"], known.json()["message"]);
    assert_eq!((unknown.status, known.status), (401, 401));
    // The same for PINs: one address waits, the reader signs in elsewhere.
    let admin = room.operator("管理员", "admin");
    let (_, card) = room.someone(&admin, 2);
    for _ in 0..5 {
        let a = room.post_from(
            attacker,
            "/api/v1/reader/login",
            None,
            json!({"card": card, "pin": "0000"}),
        );
        assert_eq!(a.status, 401);
    }
    let a = room.post_from(
        attacker,
        "/api/v1/reader/login",
        None,
        json!({"card": card, "pin": "123456"}),
    );
    assert_eq!(a.status, 429);
    room.reader(&card);
}

#[test]
fn one_address_holding_a_thousand_connections_does_not_keep_others_waiting() {
    let room = Room::new();
    let addr = room.addr();
    let _ = rlimit::increase_nofile_limit(8_192);
    // More than the host holds in all (2,000): before each address had its
    // share, every other computer waited for one of these to time out.
    let hog: Vec<TcpStream> = (0..2_100)
        .map(|_| connect(&addr, [127, 0, 0, 99]))
        .collect();
    // Another computer is answered while they are held.
    let started = std::time::Instant::now();
    let mut stream = connect(&addr, HERE);
    stream
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    write!(
        stream,
        "GET /api/v1/ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let answer = read_answer(&mut stream);
    assert_eq!(answer.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "answered only after {:?}",
        started.elapsed()
    );
    drop(hog);
}

#[test]
fn any_search_text_is_answered_in_words_never_a_500() {
    let room = Room::new();
    let words: Vec<String> = (0..17).map(|i| format!("词{i}")).collect();
    let many = words.join("%20");
    for q in [
        many.as_str(),
        "%00",
        "%E4%B9%A1%00%E5%9C%9F",
        "a%01b%02c",
        &"x%20".repeat(300),
    ] {
        let api = room.get(&format!("/api/v1/search?q={q}"), None);
        assert_eq!(api.status, 200, "{q}: {}", api.text());
        assert!(api.json().is_array());
        let page = room.get(&format!("/search?q={q}"), None);
        assert_eq!(page.status, 200, "{q}");
    }
    let cli = shuxiang(
        &["--db", &room.db, "search", &words.join(" "), "--json"],
        &[],
    );
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let cli = shuxiang(&["--db", &room.db, "search", "乡土\u{7}中国"], &[]);
    assert!(!String::from_utf8_lossy(&cli.stderr).contains("SQL"));
}

#[test]
fn an_edit_without_the_revision_it_was_based_on_is_refused() {
    let room = Room::new();
    let librarian = room.operator("图书管理员", "librarian");
    let title = room
        .call(&librarian, "title_detail", json!({"id": 1}))
        .json()["title"]
        .clone();
    let mut blind = title.clone();
    blind.as_object_mut().unwrap().remove("revision");
    blind["title"] = json!("被悄悄改掉的书名");
    let a = room.call(&librarian, "edit_title", json!({"id": 1, "title": blind}));
    assert_eq!(a.status, 400, "{}", a.text());
    assert_eq!(a.json()["field"], "revision");
    let now = room
        .call(&librarian, "title_detail", json!({"id": 1}))
        .json();
    assert_eq!(
        now["title"]["title"], title["title"],
        "nothing was overwritten"
    );
}

#[test]
fn random_calls_as_viewer_over_the_network_change_nothing() {
    let room = Room::new();
    let viewer = room.operator("只读", "viewer");
    let before = everything(&room.db);
    let names: Vec<&str> = shuxiang_commands::commands().map(|c| c.name).collect();
    let values = [
        json!(1),
        json!(-1),
        json!("SX00001"),
        json!(null),
        json!(true),
        json!({"name": "x", "role": "admin", "password": "12345678aa", "title": "x"}),
    ];
    let keys = [
        "id", "personId", "titleId", "copyId", "code", "query", "title", "person", "operator",
        "active", "role", "name", "password", "pin", "card", "draft",
    ];
    let mut rng = fastrand::Rng::with_seed(2026);
    for _ in 0..300 {
        let name = names[rng.usize(..names.len())];
        let mut args = serde_json::Map::new();
        for _ in 0..rng.usize(0..4) {
            args.insert(
                keys[rng.usize(..keys.len())].into(),
                values[rng.usize(..values.len())].clone(),
            );
        }
        let kind = ["call", "export", "import"][rng.usize(..3)];
        let a = room.post(
            &format!("/api/v1/op/{kind}/{name}"),
            Some(&viewer),
            Value::Object(args),
        );
        assert!(a.status < 500, "{kind}/{name}: {}", a.text());
    }
    // Logins are logged; nothing else may change.
    let after = everything(&room.db);
    let without_log = |s: &str| {
        s.lines()
            .filter(|l| !l.contains("登录"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert!(
        without_log(&before) == without_log(&after),
        "a viewer's calls changed the data"
    );
}
