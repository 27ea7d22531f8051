//! Taking part from the pages, as a browser does it: renewing on 我的借阅,
//! signing up and cancelling on 近期活动, a note from a title page, a
//! suggestion, an offer to share, leave, a new PIN — each refusal in the
//! core's words on the page, and reader B never reaching A's.

use shuxiang_core::participation::NoteDecision;
use shuxiang_core::training::{self, NewBatch, NewTopic, NewTrainingSession};

use super::*;

/// A deputy with card D001 (PIN 2468) enrolled in a batch with two coming
/// sessions; the sessions' ids.
fn trainee(db: &Db) -> Vec<i64> {
    let me = Actor::Desktop;
    let person = people::create_person(
        db,
        &me,
        &NewPerson {
            kind: Some(PersonKind::Deputy),
            name: "丁代表".into(),
            delegation: Some("东城区代表团".into()),
            professional_group: Some("预算审计".into()),
            card_barcode: Some("D001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_reader_pin(db, &me, "D001", "2468").unwrap();
    let topic = training::create_topic(
        db,
        &me,
        &NewTopic {
            name: "预算审查监督".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let days: Vec<String> = [20, 27]
        .iter()
        .map(|d| (db.clock().today() + chrono::Days::new(*d)).to_string())
        .collect();
    let batch = training::create_batch(
        db,
        &me,
        &NewBatch {
            topic_id: topic,
            name: "第1期".into(),
            capacity: Some(10),
            starts_on: Some(days[0].clone()),
            ends_on: Some(days[1].clone()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let sessions = days
        .iter()
        .map(|day| {
            training::add_session(
                db,
                &me,
                batch,
                &NewTrainingSession {
                    subject: format!("{day} 专题讲座"),
                    starts_at: format!("{day}T09:00"),
                    ends_at: format!("{day}T11:30"),
                    venue_id: None,
                    lecturer_id: None,
                    lecturer_name: None,
                    status: None,
                    revision: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    part::open_signup(db, &me, EventKind::Training, batch, true, None, None).unwrap();
    part::reader_sign_up(db, person.id, EventKind::Training, batch, None).unwrap();
    sessions
}

#[tokio::test]
async fn a_reader_renews_on_me_and_a_refusal_is_the_desks_own_words() {
    let room = room();
    let host = Host::new(room.db);
    let router = host.clone().router();
    let a = sign_in(&router, "A001").await;
    let (me, token) = page_and_token(&router, "/me", &a).await;
    assert!(
        me.contains("续借<span class=\"vh\">《乡土中国》</span>"),
        "{me}"
    );
    let renewed = post(
        &router,
        "/me/loans/renew",
        Some(&a),
        &format!("form_token={token}&barcode=SX1"),
    )
    .await;
    assert_eq!(renewed.location(), "/me?done=renew", "{}", renewed.page);

    // 乙 cannot renew 甲's copy, and then queues for the title: 甲's next
    // renewal is refused in the desk's words.
    let b = sign_in(&router, "B001").await;
    let (_, b_token) = page_and_token(&router, "/me", &b).await;
    let stolen = post(
        &router,
        "/me/loans/renew",
        Some(&b),
        &format!("form_token={b_token}&barcode=SX1"),
    )
    .await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    assert!(stolen.page.contains("你没有借这一册书"), "{}", stolen.page);
    let db = host.db();
    let b_id = people::list_people(db, &Default::default())
        .unwrap()
        .items
        .iter()
        .find(|p| p.card_barcode.as_deref() == Some("B001"))
        .unwrap()
        .id;
    circulation::desk_scan(db, &Actor::Desktop, Some(b_id), "SX2").unwrap();
    let c = people::create_person(
        db,
        &Actor::Desktop,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "丙读者".into(),
            card_barcode: Some("C001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    circulation::reader_place_hold(db, c.id, room.title, None).unwrap();
    let refused = post(
        &router,
        "/me/loans/renew",
        Some(&a),
        &format!("form_token={token}&barcode=SX1"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused.page.contains("有其他读者预约，不能续借"),
        "{}",
        refused.page
    );
    assert!(refused.page.contains("<title>错误：我的借阅"));
    assert!(!refused.page.contains("丙读者"), "never who is waiting");
}

#[tokio::test]
async fn readers_sign_up_wait_and_move_up_on_the_events_page() {
    let room = room();
    let session = open_session(&room.db);
    let router = Host::new(room.db).router();
    let out = get(&router, "/events", None).await.page;
    assert!(out.contains("报名中，还有 1 个名额"), "{out}");
    assert!(out.contains("登录</a>后可以报名"));

    let a = sign_in(&router, "A001").await;
    let (events, a_token) = page_and_token(&router, "/events", &a).await;
    let signup = format!("/events/sharing/{session}/signup");
    assert!(events.contains(&format!(r#"action="{signup}""#)));
    assert!(events.contains("报名<span class=\"vh\">“读《乡土中国》”</span>"));
    let done = post(&router, &signup, Some(&a), &format!("form_token={a_token}")).await;
    assert_eq!(done.location(), "/events?done=signup");
    let events = get(&router, "/events?done=signup", Some(&a)).await.page;
    assert!(events.contains("您已报名") && events.contains("已报名。"));

    let b = sign_in(&router, "B001").await;
    let (_, b_token) = page_and_token(&router, "/events", &b).await;
    let waiting = post(&router, &signup, Some(&b), &format!("form_token={b_token}")).await;
    assert_eq!(waiting.location(), "/events?done=waitlist");
    let events = get(&router, "/events", Some(&b)).await.page;
    assert!(events.contains("您在候补第 1 位"), "{events}");
    let again = post(&router, &signup, Some(&b), &format!("form_token={b_token}")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.page.contains("候补"), "{}", again.page);

    // 甲 cancels from 我的借阅: 乙 moves up by themselves.
    let me = get(&router, "/me", Some(&a)).await.page;
    assert!(me.contains("我的报名") && me.contains("已报名"));
    let cancel = format!("/events/sharing/{session}/cancel");
    let cancelled = post(
        &router,
        &cancel,
        Some(&a),
        &format!("form_token={a_token}&back=me"),
    )
    .await;
    assert_eq!(cancelled.location(), "/me?done=unsigned");
    let theirs = get(&router, "/me", Some(&b)).await.page;
    assert!(theirs.contains("由候补转为正式报名"), "{theirs}");
    assert!(!theirs.contains("甲读者"));
    let nonsense = post(
        &router,
        &format!("/events/party/{session}/signup"),
        Some(&b),
        &format!("form_token={b_token}"),
    )
    .await;
    assert_eq!(nonsense.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_note_written_on_a_title_page_waits_for_review_then_shows_signed() {
    let room = room();
    let session = open_session(&room.db);
    let host = Host::new(room.db);
    let router = host.clone().router();
    let title = format!("/titles/{}", room.title);
    let a = sign_in(&router, "A001").await;
    let (page, token) = page_and_token(&router, &title, &a).await;
    assert!(page.contains("写读书心得") && !page.contains("name=\"session_id\""));

    // A session 甲 is not in is refused, the note kept as written.
    let notes = format!("{title}/notes");
    let form = format!(
        "form_token={token}&body=%E5%B7%AE%E5%BA%8F%E6%A0%BC%E5%B1%80&session_id={session}"
    );
    let refused = post(&router, &notes, Some(&a), &form).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
    assert!(
        refused.page.contains("心得不能记在它名下"),
        "{}",
        refused.page
    );
    assert!(refused.page.contains(">差序格局</textarea>"));
    let blank = post(
        &router,
        &notes,
        Some(&a),
        &format!("form_token={token}&body=+"),
    )
    .await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST);
    assert!(
        blank
            .page
            .contains(r#"aria-invalid="true" aria-describedby="notice""#),
        "the body is blamed: {}",
        blank.page
    );

    // Signed up, 甲 may file it under the session.
    let signup = format!("/events/sharing/{session}/signup");
    post(&router, &signup, Some(&a), &format!("form_token={token}")).await;
    let page = get(&router, &title, Some(&a)).await.page;
    assert!(
        page.contains(&format!(r#"<option value="{session}""#)),
        "{page}"
    );
    let written = post(&router, &notes, Some(&a), &form).await;
    assert_eq!(written.location(), "/me?done=note", "{}", written.page);
    let me = get(&router, "/me?done=note", Some(&a)).await.page;
    assert!(me.contains("我的读书心得") && me.contains("待审核"), "{me}");
    let b = sign_in(&router, "B001").await;
    for uri in ["/me", title.as_str(), "/"] {
        let seen = get(&router, uri, Some(&b)).await.page;
        assert!(!seen.contains("差序格局"), "not before review: {uri}");
    }

    let id = part::list_notes(host.db(), None).unwrap()[0].id;
    part::decide_note(
        host.db(),
        &Actor::Desktop,
        id,
        &NoteDecision::Publish { featured: true },
    )
    .unwrap();
    let shown = get(&router, &title, None).await.page;
    assert!(
        shown.contains("差序格局") && shown.contains("—— 甲读者"),
        "{shown}"
    );
    let home = get(&router, "/", None).await.page;
    assert!(home.contains("读书心得精选") && home.contains("差序格局"));
    let me = get(&router, "/me", Some(&a)).await.page;
    assert!(me.contains("已发表（精选）") && me.contains("并被选为精选"));
}

#[tokio::test]
async fn a_suggestion_of_a_book_already_here_is_answered_at_once() {
    let room = room();
    let router = Host::new(room.db).router();
    let b = sign_in(&router, "B001").await;
    let (form, token) = page_and_token(&router, "/suggest", &b).await;
    assert!(form.contains(r#"name="isbn""#) && form.contains(r#"name="reason""#));
    let held = post(
        &router,
        "/suggest",
        Some(&b),
        &format!("form_token={token}&title=%E4%B9%A1%E5%9C%9F%E4%B8%AD%E5%9B%BD&author=%E8%B4%B9%E5%AD%9D%E9%80%9A&publisher=&isbn=&reason="),
    )
    .await;
    assert_eq!(held.status, StatusCode::OK);
    assert!(held.page.contains("阅览室已有这本书"), "{}", held.page);
    assert!(
        held.page
            .contains(&format!(r#"href="/titles/{}""#, room.title))
    );

    let bad_isbn = post(
        &router,
        "/suggest",
        Some(&b),
        &format!("form_token={token}&title=%E7%BD%AE%E8%BA%AB%E4%BA%8B%E5%86%85&isbn=12345"),
    )
    .await;
    assert_eq!(bad_isbn.status, StatusCode::BAD_REQUEST);
    assert!(bad_isbn.page.contains(r#"name="isbn" value="12345""#));
    assert!(
        bad_isbn.page.contains("value=\"置身事内\""),
        "what was typed is kept"
    );

    let submitted = post(
        &router,
        "/suggest",
        Some(&b),
        &format!("form_token={token}&title=%E7%BD%AE%E8%BA%AB%E4%BA%8B%E5%86%85&author=%E5%85%B0%E5%B0%8F%E6%AC%A2"),
    )
    .await;
    assert_eq!(submitted.location(), "/me?done=suggest");
    let me = get(&router, "/me", Some(&b)).await.page;
    assert!(me.contains("我的荐购") && me.contains("置身事内") && me.contains("待处理"));
    let a = sign_in(&router, "A001").await;
    assert!(
        !get(&router, "/me", Some(&a))
            .await
            .page
            .contains("置身事内")
    );
}

#[tokio::test]
async fn a_periodical_is_suggested_for_next_years_subscription() {
    let room = room();
    let router = Host::new(room.db).router();
    let b = sign_in(&router, "B001").await;
    let (form, token) = page_and_token(&router, "/suggest", &b).await;
    assert!(
        form.contains(r#"name="kind" value="periodical""#),
        "the form asks whether it is a book or a periodical"
    );
    let submitted = post(
        &router,
        "/suggest",
        Some(&b),
        // 三联生活周刊
        &format!("form_token={token}&kind=periodical&title=%E4%B8%89%E8%81%94%E7%94%9F%E6%B4%BB%E5%91%A8%E5%88%8A"),
    )
    .await;
    assert_eq!(submitted.location(), "/me?done=suggest");
    let me = get(&router, "/me", Some(&b)).await.page;
    assert!(
        me.contains("三联生活周刊") && me.contains("报刊，采纳后列入明年的征订单"),
        "stored as a periodical: {me}"
    );
}

#[tokio::test]
async fn an_offer_to_share_starts_from_the_title_page_and_leave_from_me() {
    let room = room();
    let session = open_session(&room.db);
    let lessons = trainee(&room.db);
    let router = Host::new(room.db).router();
    assert_eq!(
        get(&router, &format!("/share?title={}", room.title), None)
            .await
            .location(),
        format!("/login?next=%2Fshare%3Ftitle%3D{}", room.title)
    );
    let a = sign_in(&router, "A001").await;
    let (share, token) = page_and_token(&router, &format!("/share?title={}", room.title), &a).await;
    assert!(share.contains("《<a href=\"/titles/") && share.contains("乡土中国"));
    assert!(share.contains(&format!(r#"<option value="{session}""#)));
    let found = get(&router, "/share?q=xtzg", Some(&a)).await.page;
    assert!(found.contains(r#"type="radio" name="title_id""#), "{found}");
    let no_topic = format!(
        "form_token={token}&session_id={session}&title_id={}&topic=",
        room.title
    );
    let refused = post(&router, "/share", Some(&a), &no_topic).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    let offered = post(
        &router,
        "/share",
        Some(&a),
        &format!("{no_topic}%E5%B7%AE%E5%BA%8F%E6%A0%BC%E5%B1%80"),
    )
    .await;
    assert_eq!(offered.location(), "/me?done=offer", "{}", offered.page);
    let me = get(&router, "/me", Some(&a)).await.page;
    assert!(me.contains("我要分享") && me.contains("差序格局") && me.contains("待处理"));

    // Leave: 甲 has no training; the deputy asks for one session.
    let none = get(&router, "/me/leave", Some(&a)).await.page;
    assert!(none.contains("您没有即将开始的培训课程"));
    let stranger = post(
        &router,
        "/me/leave",
        Some(&a),
        &format!("form_token={token}&session_id={}&reason=x", lessons[0]),
    )
    .await;
    assert_eq!(stranger.status, StatusCode::NOT_FOUND);
    let d = sign_in(&router, "D001").await;
    let (page, d_token) = page_and_token(&router, "/me/leave", &d).await;
    assert!(page.contains("专题讲座") && page.contains(r#"name="reason""#));
    let asked = post(
        &router,
        "/me/leave",
        Some(&d),
        &format!(
            "form_token={d_token}&session_id={}&reason=%E5%87%BA%E5%B7%AE",
            lessons[0]
        ),
    )
    .await;
    assert_eq!(asked.location(), "/me?done=leave", "{}", asked.page);
    let page = get(&router, "/me/leave", Some(&d)).await.page;
    assert!(page.contains("待批准"));
    assert_eq!(
        page.matches("<option value=").count(),
        1,
        "only the session without leave is offered again"
    );
    assert!(
        get(&router, "/me", Some(&d))
            .await
            .page
            .contains("我的请假")
    );
}

#[tokio::test]
async fn a_whole_note_of_chinese_fits_the_form_and_a_longer_one_is_refused_in_words() {
    let room = room();
    let router = Host::new(room.db).router();
    let a = sign_in(&router, "A001").await;
    let notes = format!("/titles/{}/notes", room.title);
    let (_, token) = page_and_token(&router, &format!("/titles/{}", room.title), &a).await;
    let encoded = |chars: usize| crate::html::query_value(&"读".repeat(chars));
    // 5,000 characters: about 45 KB as a browser sends the form.
    let whole = post(
        &router,
        &notes,
        Some(&a),
        &format!("form_token={token}&body={}", encoded(5_000)),
    )
    .await;
    assert_eq!(whole.location(), "/me?done=note", "{}", whole.page);
    let longer = post(
        &router,
        &notes,
        Some(&a),
        &format!("form_token={token}&body={}", encoded(5_001)),
    )
    .await;
    assert_eq!(longer.status, StatusCode::BAD_REQUEST);
    assert!(
        longer.page.contains("心得过长（最多 5000 个字）"),
        "{}",
        longer.page
    );
    let huge = post(
        &router,
        &notes,
        Some(&a),
        &format!("form_token={token}&body={}", encoded(8_000)),
    )
    .await;
    assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(huge.page.contains("提交的内容太长"), "{}", huge.page);
    // Any other form stays within 32 KB.
    let suggestion = post(
        &router,
        "/suggest",
        Some(&a),
        &format!("form_token={token}&title=x&reason={}", encoded(4_000)),
    )
    .await;
    assert_eq!(suggestion.status, StatusCode::PAYLOAD_TOO_LARGE);
}
