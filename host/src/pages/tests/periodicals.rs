//! The periodicals room on the readers' pages: 现刊 for anyone with each
//! serial's newest issue and the day it came, bound volumes found in the
//! ordinary search and lendable, and 我的传阅 showing a reader the issues
//! routed to them — never anyone else's, and nothing without signing in.

use chrono::{Datelike, Days, NaiveDate};
use shuxiang_core::serials::{self, SerialDraft, SubscriptionDraft, routing};

use super::*;
use crate::tests::call;

const ME: Actor = Actor::Desktop;

fn qiushi() -> SerialDraft {
    SerialDraft {
        title: "求是".into(),
        issn: Some("1002-4980".into()),
        cn: Some("11-1000/D".into()),
        postal_code: Some("2-25".into()),
        frequency: Some("半月刊".into()),
        sponsor: None,
    }
}

/// 求是 of last January, both issues in and bound; this year's subscribed
/// with its first issue checked in today. This year's subscription.
fn subscribe_and_bind(db: &Db) -> i64 {
    let today = db.clock().today();
    let last = today.year() - 1;
    let january = serials::add_subscription(
        db,
        &ME,
        &qiushi(),
        &SubscriptionDraft {
            frequency: "半月刊".into(),
            from: NaiveDate::from_ymd_opt(last, 1, 1),
            to: NaiveDate::from_ymd_opt(last, 1, 31),
            ..Default::default()
        },
    )
    .unwrap();
    for day in [2, 17] {
        let on = NaiveDate::from_ymd_opt(last, 1, day).unwrap();
        serials::receive(db, &ME, "2-25", on, None).unwrap();
    }
    serials::bind(db, &ME, january.subscription_id, 1, 2).unwrap();
    let this_year = serials::add_subscription(
        db,
        &ME,
        &qiushi(),
        &SubscriptionDraft {
            frequency: "半月刊".into(),
            year: Some(today.year()),
            copies: Some(2),
            ..Default::default()
        },
    )
    .unwrap();
    serials::receive(db, &ME, "9771002498003", today, None).unwrap();
    this_year.subscription_id
}

#[tokio::test]
async fn anyone_sees_the_newest_issue_of_each_serial_and_finds_the_bound_volume() {
    let room = room();
    let db = room.db;
    subscribe_and_bind(&db);
    let today = db.clock().today();
    let year = today.year();
    let router = Host::new(db).router();

    let home = get(&router, "/", None).await.page;
    assert!(
        home.contains(r#"<a href="/periodicals">现刊</a>"#),
        "the menu leads to the 现刊"
    );
    let shelf = get(&router, "/periodicals", None).await;
    assert_eq!(shelf.status, StatusCode::OK, "open to anyone");
    let page = shelf.page;
    assert!(page.contains("<h1>现刊</h1>") && page.contains("<h2>期刊</h2>"));
    assert!(page.contains(&format!("<td>{year}年第1期</td>")), "{page}");
    assert!(
        page.contains(&crate::html::when(&today.to_string())),
        "with the day it came: {page}"
    );
    assert!(page.contains("1 册可借"), "the bound volume is offered");
    assert!(
        !page.contains("甲读者") && !page.contains("A001"),
        "nobody's name on the shelf"
    );

    // The bound volume is a copy of the title, found like any book.
    let found = get(&router, "/search?q=%E6%B1%82%E6%98%AF", None)
        .await
        .page;
    let at = found
        .find(">求是</a>")
        .expect("the serial is in the search");
    assert!(found[at..].contains("在架 1 册"), "{found}");
    let id = found[..at].rsplit("/titles/").next().unwrap();
    let id = &id[..id.find('"').unwrap()];
    let title = get(&router, &format!("/titles/{id}"), None).await.page;
    assert!(
        title.contains(&format!("{}年第1-2期", year - 1)),
        "the copy says which issues it binds: {title}"
    );

    let (status, json) = call(&router, "GET", "/api/v1/periodicals", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json[0]["title"], "求是");
    assert_eq!(json[0]["latest"]["label"], format!("{year}年第1期"));
    assert_eq!(json[0]["bound_volumes"], 1);
}

#[tokio::test]
async fn a_reader_sees_the_issues_routed_to_them_and_nobody_elses() {
    let room = room();
    let db = room.db;
    let subscription = subscribe_and_bind(&db);
    let today = db.clock().today();
    let people = people::list_people(&db, &Default::default()).unwrap().items;
    let (jia, yi) = (people[0].id, people[1].id);
    assert_eq!(people[0].name, "甲读者");
    let title_id = serials::subscription(&db, subscription).unwrap().title_id;
    let stop = |person| routing::Stop {
        person_id: Some(person),
        days: 2,
        ..Default::default()
    };
    routing::set_routing(&db, &ME, title_id, &[stop(jia), stop(yi)], Some(0)).unwrap();
    let issue = serials::issues(&db, subscription).unwrap()[0].id;
    // Given to 甲 ten days ago for two working days: past its day.
    routing::start_routing(&db, &ME, issue, today - Days::new(10)).unwrap();
    let host = Host::new(db);
    let router = host.clone().router();

    let anonymous = get(&router, "/me/routing", None).await;
    assert_eq!(anonymous.location(), "/login?next=%2Fme%2Frouting");

    let a = sign_in(&router, "A001").await;
    let me = get(&router, "/me", Some(&a)).await.page;
    assert!(me.contains(r#"<a href="/me/routing">我的传阅</a>"#));
    let page = get(&router, "/me/routing", Some(&a)).await.page;
    assert!(page.contains("甲读者 的传阅"), "{page}");
    assert!(page.contains(&format!("{}年第1期", today.year())), "{page}");
    assert!(
        page.contains(&crate::html::when(&(today - Days::new(10)).to_string())),
        "since when"
    );
    assert!(page.contains("已过期"), "past its day: {page}");

    let b = sign_in(&router, "B001").await;
    let page = get(&router, "/me/routing", Some(&b)).await.page;
    assert!(
        page.contains("您手上现在没有传阅的报刊") && !page.contains("求是"),
        "乙 does not see 甲's leg: {page}"
    );
    let token = crate::tests::sign_in(&router, "B001").await;
    let (_, legs) = call(&router, "GET", "/api/v1/reader/routing", Some(&token), None).await;
    assert_eq!(legs, serde_json::json!([]), "nor through the API");

    // 甲 passes it on: now it is 乙's, and no longer 甲's.
    routing::pass_on(host.db(), &ME, issue, today).unwrap();
    let page = get(&router, "/me/routing", Some(&b)).await.page;
    assert!(page.contains("乙读者 的传阅") && page.contains("求是"));
    assert!(!page.contains("已过期"), "given today, due later");
    let page = get(&router, "/me/routing", Some(&a)).await.page;
    assert!(page.contains("您手上现在没有传阅的报刊"), "{page}");
    let (status, legs) = call(&router, "GET", "/api/v1/reader/routing", Some(&token), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(legs[0]["title"], "求是");
    assert_eq!(legs[0]["person_id"], yi);
}
