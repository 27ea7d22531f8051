//! The readers' taking part attacked over the open port: reader A aims at
//! reader B's loan, hold, sign-up, session and unpublished note through
//! the API and the pages; the pages' forms come without their token, with
//! another session's, from another site; notes past 5,000 characters and
//! bodies past the limit; a thousand suggestions from one reader. Each is
//! refused in Chinese, and B's things are as they were.

use std::io::Write;

use serde_json::{Value, json};
use shuxiang_core::participation as part;

use crate::raw::{Answer, HERE, Room, connect, everything, has_phone, read_answer, send};
use crate::reader_room::{B_NOTE, targets};

fn message(a: &Answer) -> String {
    a.json()["message"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn another_readers_loan_hold_sign_up_session_and_note_are_out_of_reach() {
    let mut t = None;
    let room = Room::prepared(|db| t = Some(targets(db)));
    let t = t.unwrap();
    let a = room.reader("ATK-A");
    let b = room.reader("ATK-B");
    let b_before = room.get("/api/v1/reader/me", Some(&b)).json();
    assert_eq!(b_before["signups"].as_array().unwrap().len(), 2);

    // Through the API.
    let renew = room.post("/api/v1/reader/loans/ATK-1/renew", Some(&a), json!({}));
    assert_eq!(
        (renew.status, message(&renew)),
        (404, "你没有借这一册书。".into())
    );
    let hold = room.post(
        &format!("/api/v1/reader/holds/{}/cancel", t.hold),
        Some(&a),
        json!({}),
    );
    assert_eq!(
        (hold.status, message(&hold)),
        (404, "没有找到这条预约。".into())
    );
    for (kind, id) in [("sharing", t.session), ("training", t.batch)] {
        let cancel = room.post(
            &format!("/api/v1/reader/events/{kind}/{id}/cancel"),
            Some(&a),
            json!({}),
        );
        assert_eq!(cancel.status, 404, "{kind}: {}", cancel.text());
    }
    let leave = room.post(
        "/api/v1/reader/leave",
        Some(&a),
        json!({"session_id": t.lesson, "reason": "替人请假"}),
    );
    assert_eq!(leave.status, 404, "{}", leave.text());
    assert!(message(&leave).contains("没有报名"));
    let note = room.post(
        "/api/v1/reader/notes",
        Some(&a),
        json!({"title_id": t.title, "body": "冒名", "session_id": t.session}),
    );
    assert_eq!(note.status, 404, "{}", note.text());
    assert!(message(&note).contains("不在这次读书分享活动的名单上"));
    let offer = room.post(
        "/api/v1/reader/offers",
        Some(&a),
        json!({"session_id": 999_999, "title_id": t.title, "topic": "x"}),
    );
    assert_eq!(offer.status, 404);

    // What A reads tells nothing of B.
    for path in [
        "/api/v1/reader/me".to_owned(),
        format!("/api/v1/titles/{}", t.title),
        "/api/v1/events".to_owned(),
        "/api/v1/lists".to_owned(),
    ] {
        let seen = room.get(&path, Some(&a));
        assert_eq!(seen.status, 200, "{path}");
        let text = seen.text();
        for b_thing in ["守方读者", "ATK-B", B_NOTE, "守方的荐购", "13800000000"] {
            assert!(!text.contains(b_thing), "{path} told {b_thing}");
        }
        assert!(!has_phone(&seen.json()), "{path}");
    }

    // Through the pages.
    let p = room.page_reader("ATK-A");
    let tok = &p.token;
    let attempts = [
        (
            "/me/loans/renew".to_owned(),
            format!("form_token={tok}&barcode=ATK-1"),
            404,
        ),
        (
            format!("/me/holds/{}/cancel", t.hold),
            format!("form_token={tok}"),
            404,
        ),
        (
            format!("/events/sharing/{}/cancel", t.session),
            format!("form_token={tok}"),
            404,
        ),
        (
            "/me/leave".to_owned(),
            format!("form_token={tok}&session_id={}&reason=x", t.lesson),
            404,
        ),
        (
            format!("/titles/{}/notes", t.title),
            format!("form_token={tok}&body=x&session_id={}", t.session),
            404,
        ),
    ];
    for (path, form, status) in &attempts {
        let answer = room.page("POST", path, &p.cookie, form);
        assert_eq!(answer.status, *status, "{path}: {}", answer.text());
        assert!(answer.text().contains("<title>错误："), "{path}");
    }
    for path in [
        "/me".to_owned(),
        format!("/titles/{}", t.title),
        "/events".to_owned(),
    ] {
        let text = room.page("GET", &path, &p.cookie, "").text();
        for b_thing in ["守方读者", "ATK-B", B_NOTE, "守方的荐购", "13800000000"] {
            assert!(!text.contains(b_thing), "{path} told {b_thing}");
        }
    }
    let b_after = room.get("/api/v1/reader/me", Some(&b)).json();
    assert_eq!(
        b_before, b_after,
        "B's loans, holds and requests are as they were"
    );
}

#[test]
fn the_pages_forms_need_their_own_token_and_their_own_site() {
    let mut t = None;
    let room = Room::prepared(|db| t = Some(targets(db)));
    let t = t.unwrap();
    let a = room.page_reader("ATK-A");
    let b = room.page_reader("ATK-B");
    let before = everything(&room.db);
    let forms = [
        "/me/loans/renew".to_owned(),
        format!("/events/sharing/{}/signup", t.session),
        format!("/titles/{}/notes", t.title),
        format!("/titles/{}/hold", t.title),
        "/suggest".to_owned(),
        "/share".to_owned(),
        "/me/leave".to_owned(),
        "/me/pin".to_owned(),
        "/logout".to_owned(),
    ];
    let fields = format!(
        "barcode=ATK-2&body=x&title=x&session_id={}&title_id={}&topic=x&reason=x&old=123456&new=2468&confirm=2468",
        t.session, t.title
    );
    for path in &forms {
        let without = room.page("POST", path, &a.cookie, &fields);
        let theirs = room.page(
            "POST",
            path,
            &a.cookie,
            &format!("form_token={}&{fields}", b.token),
        );
        let elsewhere = room.page_from(
            "POST",
            path,
            &a.cookie,
            &format!("form_token={}&{fields}", a.token),
            Some("http://evil.example"),
        );
        let cross_site = send(
            &room.addr(),
            HERE,
            "POST",
            path,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Cookie", &a.cookie),
                ("Sec-Fetch-Site", "cross-site"),
            ],
            format!("form_token={}&{fields}", a.token).as_bytes(),
        );
        for (how, answer) in [
            ("without a token", without),
            ("with B's token", theirs),
            ("from another origin", elsewhere),
            ("from another site", cross_site),
        ] {
            if path == "/logout" {
                assert_eq!(answer.status, 303, "the browser is signed out, no more");
                continue;
            }
            assert_eq!(answer.status, 403, "{path} {how}: {}", answer.text());
            assert!(answer.text().contains("这个表单已过期或不是从本页面提交的"));
        }
    }
    assert!(
        before == everything(&room.db),
        "no forged form changed anything"
    );
    assert_eq!(
        room.page("GET", "/me", &a.cookie, "").status,
        200,
        "still signed in"
    );
}

#[test]
fn notes_past_their_length_and_bodies_past_the_limit_are_refused_in_chinese() {
    let mut t = None;
    let room = Room::prepared(|db| t = Some(targets(db)));
    let t = t.unwrap();
    let a = room.reader("ATK-A");
    let long = "读".repeat(5_001);
    let api = room.post(
        "/api/v1/reader/notes",
        Some(&a),
        json!({"title_id": t.title, "body": long}),
    );
    assert_eq!(api.status, 400, "{}", api.text());
    assert_eq!(message(&api), "心得过长（最多 5000 个字）。");
    let huge = room.post(
        "/api/v1/reader/notes",
        Some(&a),
        json!({"title_id": t.title, "body": "x".repeat(40_000)}),
    );
    assert_eq!(
        (huge.status, message(&huge)),
        (413, "请求太大，主机不予处理。".into())
    );

    let p = room.page_reader("ATK-A");
    let path = format!("/titles/{}/notes", t.title);
    let encoded = |n: usize| "%E8%AF%BB".repeat(n);
    let page = room.page(
        "POST",
        &path,
        &p.cookie,
        &format!("form_token={}&body={}", p.token, encoded(5_001)),
    );
    assert_eq!(page.status, 400);
    assert!(page.text().contains("心得过长（最多 5000 个字）"));
    let page = room.page(
        "POST",
        &path,
        &p.cookie,
        &format!("form_token={}&body={}", p.token, encoded(10_000)),
    );
    assert_eq!(page.status, 413);
    assert!(page.text().contains("提交的内容太长"), "{}", page.text());

    // Ten megabytes announced: refused before they are sent, on the API
    // and on the pages alike.
    for (path, auth) in [
        (
            "/api/v1/reader/notes".to_owned(),
            format!("Authorization: Bearer {a}"),
        ),
        (path.clone(), format!("Cookie: {}", p.cookie)),
    ] {
        let mut stream = connect(&room.addr(), HERE);
        // The host may answer and close before the last of this is sent
        // (it refuses on the declared length): a failed write is no fault.
        let _ = write!(
            stream,
            "POST {path} HTTP/1.1\r\nHost: {}\r\n{auth}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000\r\nConnection: close\r\n\r\nform_token={}&body=",
            room.addr(),
            p.token
        );
        let answer = read_answer(&mut stream);
        assert_eq!(answer.status, 413, "{path}: {}", answer.text());
    }
    let mine = room.get("/api/v1/reader/me", Some(&a)).json();
    assert_eq!(mine["notes"], json!([]), "no note was kept");
}

#[test]
fn a_thousand_suggestions_from_one_reader_stop_at_twenty_waiting() {
    let room = Room::prepared(|db| {
        targets(db);
    });
    let a = room.reader("ATK-A");
    let mut taken = 0;
    let mut refusals: Vec<String> = Vec::new();
    for i in 0..1_000 {
        let answer = room.post(
            "/api/v1/reader/suggestions",
            Some(&a),
            json!({"title": format!("攻击荐购第{i}本"), "reason": "x".repeat(900)}),
        );
        match answer.status {
            200 => taken += 1,
            409 => refusals.push(message(&answer)),
            other => panic!("suggestion {i}: {other} {}", answer.text()),
        }
    }
    assert_eq!(taken, part::MAX_PENDING, "bounded by the core");
    assert_eq!(refusals.len(), 1_000 - 20);
    assert!(
        refusals
            .iter()
            .all(|m| m == "你已有 20 条荐购在等待处理，请等处理后再提交。"),
        "{:?}",
        refusals.first()
    );
    let p = room.page_reader("ATK-A");
    let page = room.page(
        "POST",
        "/suggest",
        &p.cookie,
        &format!(
            "form_token={}&title=%E5%86%8D%E6%9D%A5%E4%B8%80%E6%9C%AC",
            p.token
        ),
    );
    assert_eq!(page.status, 409);
    assert!(page.text().contains("你已有 20 条荐购在等待处理"));
    let listed = crate::common::shuxiang(&["--db", &room.db, "suggestions", "list", "--json"], &[]);
    let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
    let theirs = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["person_name"] == "攻方读者")
        .count();
    assert_eq!(theirs, 20, "nothing past the bound was stored");
}
