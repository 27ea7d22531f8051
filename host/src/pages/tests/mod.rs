//! The readers' pages as a browser uses them: links, forms, the session
//! cookie and the form token, through the router (no socket).

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::participation::{self as part, EventKind};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::{Actor, Db, circulation, sharing};
use tower::ServiceExt;

use crate::Host;
use crate::tests::room;

mod accessibility;
mod account;
mod periodicals;
mod signing_in;
mod taking_part;

/// An answer: status, headers, the page.
struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    page: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

async fn send(router: &Router, request: Request<Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        page: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(router: &Router, uri: &str, cookie: Option<&str>) -> Answer {
    let mut request = Request::get(uri);
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    send(router, request.body(Body::empty()).unwrap()).await
}

async fn post(router: &Router, uri: &str, cookie: Option<&str>, form: &str) -> Answer {
    post_from(router, "192.168.1.20", uri, cookie, form).await
}

/// A form posted from the computer at `address`.
async fn post_from(
    router: &Router,
    address: &str,
    uri: &str,
    cookie: Option<&str>,
    form: &str,
) -> Answer {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "reading-room:7443")
        .header(header::ORIGIN, "https://reading-room:7443");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    let mut request = request.body(Body::from(form.to_owned())).unwrap();
    let from: std::net::SocketAddr = format!("{address}:50000").parse().unwrap();
    request
        .extensions_mut()
        .insert(axum::extract::ConnectInfo(from));
    send(router, request).await
}

/// Signs in through the login form; the cookie to send back.
async fn sign_in(router: &Router, card: &str) -> String {
    let answer = post(router, "/login", None, &format!("card={card}&pin=2468")).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.page);
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    cookie.split(';').next().unwrap().to_owned()
}

/// The form token in a page.
fn form_token(page: &str) -> String {
    let at = page
        .find(r#"name="form_token" value=""#)
        .expect("a form with a token");
    let rest = &page[at + r#"name="form_token" value=""#.len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

/// A reading-share session 30 days ahead, open for sign-up with one place.
fn open_session(db: &Db) -> i64 {
    let day = db.clock().today() + chrono::Days::new(30);
    let id = sharing::create_session(
        db,
        &Actor::Desktop,
        &sharing::SessionDraft {
            revision: None,
            theme: "读《乡土中国》".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
            venue_id: None,
            host_id: None,
            capacity: Some(1),
            status: None,
            note: None,
        },
    )
    .unwrap()
    .id;
    part::open_signup(
        db,
        &Actor::Desktop,
        EventKind::Sharing,
        id,
        true,
        None,
        None,
    )
    .unwrap();
    id
}

/// The page at `uri` for `cookie`, and its form token.
async fn page_and_token(router: &Router, uri: &str, cookie: &str) -> (String, String) {
    let page = get(router, uri, Some(cookie)).await.page;
    let token = form_token(&page);
    (page, token)
}

#[tokio::test]
async fn anyone_searches_by_pinyin_and_opens_a_title_without_seeing_who_has_it() {
    let room = room();
    let router = Host::new(room.db).router();
    let found = get(&router, "/search?q=xtzg", None).await;
    assert_eq!(found.status, StatusCode::OK);
    assert!(
        found
            .page
            .contains(&format!(r#"href="/titles/{}">乡土中国</a>"#, room.title))
    );
    assert!(found.page.contains("在架 1 册"), "{}", found.page);
    let csp = found.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script"),
        "{csp}"
    );
    assert_eq!(found.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");

    let none = get(
        &router,
        "/search?q=%E6%B2%A1%E6%9C%89%E8%BF%99%E6%9C%AC",
        None,
    )
    .await;
    assert!(none.page.contains("没有找到与“没有这本”相关的图书"));

    let title = get(&router, &format!("/titles/{}", room.title), None).await;
    assert_eq!(title.status, StatusCode::OK);
    assert!(title.page.contains("社科区2架") && title.page.contains("应还"));
    assert!(!title.page.contains("甲读者") && !title.page.contains("A001"));
    assert!(
        title
            .page
            .contains(&format!("/login?next=/titles/{}", room.title))
    );

    let css = get(&router, "/assets/site.css", None).await;
    assert!(
        css.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    let missing = get(&router, "/titles/99999", None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.page.contains("<h1>无法显示</h1>"));
    let unknown = get(&router, "/../../etc/passwd", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_reader_signs_in_places_a_hold_the_desk_sees_and_cancels_it() {
    let room = room();
    let host = Host::new(room.db);
    let db = host.db();
    let router = host.clone().router();
    assert_eq!(
        get(&router, "/me", None).await.location(),
        "/login?next=%2Fme"
    );

    let b = sign_in(&router, "B001").await;
    let title = get(&router, &format!("/titles/{}", room.title), Some(&b)).await;
    assert!(title.page.contains("我的借阅（乙读者）"));
    let token = form_token(&title.page);

    // Without the page's token, or from another site, nothing happens.
    let uri = format!("/titles/{}/hold", room.title);
    let forged = post(&router, &uri, Some(&b), "form_token=guess").await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let request = Request::post(&uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "reading-room:7443")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &b)
        .body(Body::from(format!("form_token={token}")))
        .unwrap();
    assert_eq!(send(&router, request).await.status, StatusCode::FORBIDDEN);
    assert!(circulation::title_holds(db, room.title).unwrap().is_empty());

    let placed = post(&router, &uri, Some(&b), &format!("form_token={token}")).await;
    assert_eq!(placed.location(), "/me?done=hold");
    let queue = circulation::title_holds(db, room.title).unwrap();
    assert_eq!(queue.len(), 1, "the desk sees the hold at once");
    let mine = get(&router, "/me?done=hold", Some(&b)).await;
    assert!(mine.page.contains("已预约") && mine.page.contains("乡土中国"));

    // The desk's rules: a second hold on the same title is refused on the page.
    let again = post(&router, &uri, Some(&b), &format!("form_token={token}")).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.page);
    assert!(again.page.contains(r#"class="notice error""#));

    // 甲 cannot cancel 乙's hold, by guessing its id.
    let a = sign_in(&router, "A001").await;
    let a_page = get(&router, "/me", Some(&a)).await;
    assert!(a_page.page.contains("乡土中国") && a_page.page.contains("应还日期"));
    assert!(!a_page.page.contains("乙读者"));
    let a_token = form_token(&a_page.page.replace("/logout", ""));
    let hold = queue[0].id;
    let cancel = format!("/me/holds/{hold}/cancel");
    let stolen = post(&router, &cancel, Some(&a), &format!("form_token={a_token}")).await;
    assert_eq!(stolen.status, StatusCode::NOT_FOUND);
    assert_eq!(circulation::title_holds(db, room.title).unwrap().len(), 1);

    let cancelled = post(&router, &cancel, Some(&b), &format!("form_token={token}")).await;
    assert_eq!(cancelled.location(), "/me?done=cancel");
    assert!(circulation::title_holds(db, room.title).unwrap().is_empty());

    let record = get(&router, "/me/record", Some(&a)).await;
    assert!(record.page.contains("的学习档案") && record.page.contains("乡土中国"));

    let out = post(&router, "/logout", Some(&b), &format!("form_token={token}")).await;
    assert!(
        out.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    assert!(
        get(&router, "/me", Some(&b))
            .await
            .location()
            .starts_with("/login")
    );
}

#[tokio::test]
async fn a_wrong_pin_is_told_the_sixth_waits_and_no_redirect_leaves_the_host() {
    let room = room();
    let router = Host::new(room.db).router();
    for _ in 0..5 {
        let wrong = post(&router, "/login", None, "card=A001&pin=0000").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.page.contains("A001"), "the card stays in the form");
    }
    let sixth = post(&router, "/login", None, "card=A001&pin=2468").await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    let any_card = post(&router, "/login", None, "card=B001&pin=2468").await;
    assert_eq!(
        any_card.status,
        StatusCode::TOO_MANY_REQUESTS,
        "that computer waits, whatever card it tries"
    );
    // Another computer, and the card itself, are not locked.
    let other = "192.168.1.21";
    assert_eq!(
        post_from(&router, other, "/login", None, "card=A001&pin=2468")
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let form = format!("card=B001&pin=2468&next={}", crate::html::query_value(next));
        let signed = post_from(&router, other, "/login", None, &form).await;
        assert_eq!(signed.location(), "/me", "{next}");
    }
    let form = format!(
        "card=B001&pin=2468&next={}",
        crate::html::query_value("/events")
    );
    assert_eq!(
        post_from(&router, other, "/login", None, &form)
            .await
            .location(),
        "/events"
    );
}

#[tokio::test]
async fn markup_stored_in_titles_names_and_themes_is_shown_as_text() {
    let room = room();
    let db = room.db;
    let evil = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"#;
    let me = Actor::Desktop;
    let t = catalog::create_title(
        &db,
        &me,
        &NewTitle {
            title: format!("读书{evil}"),
            authors: Some(evil.into()),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec!["SX7".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let p = people::create_person(
        &db,
        &me,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: format!("丙{}", "<b>x</b>"),
            card_barcode: Some("C001".into()),
            ..Default::default()
        },
    )
    .unwrap();
    people::set_reader_pin(&db, &me, "C001", "2468").unwrap();
    let today = db.clock().today();
    let day = today.succ_opt().unwrap();
    let s = sharing::create_session(
        &db,
        &me,
        &sharing::SessionDraft {
            theme: format!("主题{evil}"),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T17:00"),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
            revision: None,
        },
    )
    .unwrap();
    sharing::set_presenters(
        &db,
        &me,
        s.id,
        &[sharing::PresenterDraft {
            person_id: p.id,
            title_id: Some(t.id),
            topic: None,
            hold: false,
        }],
        Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
    )
    .unwrap();
    let router = Host::new(db).router();
    let c = sign_in(&router, "C001").await;
    for uri in [
        "/search?q=%E8%AF%BB%E4%B9%A6".to_owned(),
        format!("/titles/{}", t.id),
        "/events".to_owned(),
        "/".to_owned(),
        "/me".to_owned(),
    ] {
        let page = get(&router, &uri, Some(&c)).await.page;
        assert!(
            !page.contains("<script") && !page.contains("<img"),
            "{uri}: {page}"
        );
        assert!(!page.contains("<b>x"), "{uri}");
    }
    let events = get(&router, "/events", None).await.page;
    assert!(events.contains("主题&lt;script&gt;"), "{events}");
    assert!(events.contains("领读人 丙&lt;b&gt;x&lt;/b&gt;"), "{events}");
    assert!(events.contains(&format!(r#"href="/titles/{}">读书&lt;script&gt;"#, t.id)));
}

#[tokio::test]
async fn the_demo_can_be_tried_at_once_with_a_demo_card_and_its_pin() {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(shuxiang_core::Clock::Fixed(
            "2026-12-04T02:00:00Z".parse().unwrap(),
        ));
    shuxiang_core::demo::load_demo(
        &db,
        &Actor::System,
        shuxiang_core::demo::DemoOptions {
            seed: 3,
            staff: 20,
            deputies: 20,
            volumes: 200,
        },
    )
    .unwrap();
    let router = Host::new(db).router();
    let form = format!("card=J00001&pin={}", shuxiang_core::demo::DEMO_READER_PIN);
    let signed = post(&router, "/login", None, &form).await;
    assert_eq!(signed.location(), "/me");
    let home = get(&router, "/", None).await;
    assert!(home.page.contains("新书上架") && home.page.contains("/titles/"));
    let events = get(&router, "/events", None).await.page;
    assert!(
        events.contains("履职培训") || events.contains("读书分享"),
        "{events}"
    );
}
