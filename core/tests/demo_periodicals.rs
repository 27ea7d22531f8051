//! The demo's periodicals room and purchases (issue 26): whatever the day
//! it is loaded, issues are late (some claimed, one 缺期), last year's 求是
//! is a bound copy a reader can borrow, 求是's routing has a leg past its
//! day, both budgets show money committed and the books' spent, and next
//! year's 征订单 — with a reader's accepted periodical — is there to read
//! but not confirmed.

use chrono::Datelike;
use shuxiang_core::acquisitions::{self, BudgetKind};
use shuxiang_core::catalog;
use shuxiang_core::circulation;
use shuxiang_core::demo::{DemoOptions, DemoReport, load_demo};
use shuxiang_core::participation::{self as part, SuggestionKind, SuggestionStatus};
use shuxiang_core::people::{PeopleQuery, list_people};
use shuxiang_core::serials::{self, IssueStatus, routing};
use shuxiang_core::{Actor, Clock, Db};

fn demo_on(now: &str) -> (Db, DemoReport) {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(Clock::Fixed(now.parse().unwrap()));
    let options = DemoOptions {
        volumes: 300,
        ..DemoOptions::default()
    };
    let report = load_demo(&db, &Actor::System, options).unwrap();
    (db, report)
}

#[test]
fn the_periodicals_room_is_alive_whatever_the_day_the_demo_is_loaded() {
    // Early December, New Year's Eve and Day and the first Monday after
    // (last year's mail still coming), spring after the holidays, and
    // midsummer around the 7-8月合刊.
    for now in [
        "2026-12-07T02:00:00Z",
        "2026-12-31T09:00:00Z",
        "2027-01-01T01:00:00Z",
        "2027-01-04T02:00:00Z",
        "2026-03-02T02:00:00Z",
        "2026-08-20T02:00:00Z",
    ] {
        let (db, report) = demo_on(now);
        let today = db.clock().today();
        let year = today.year();
        let p = &report.periodicals;
        assert_eq!(p.serials, 12, "{now}: a dozen titles this year: {p:?}");
        assert!(p.received > 50, "{now}: the mail was checked in: {p:?}");

        let late = serials::late(&db, today).unwrap();
        assert!(!late.is_empty(), "{now}: issues are late on the day loaded");
        assert_eq!(late.len(), p.late, "{now}");
        assert!(
            late.iter()
                .any(|l| l.status == IssueStatus::Claimed && l.claims > 0),
            "{now}: some of the late ones were claimed: {late:?}"
        );
        assert!(
            late.iter().any(|l| l.status != IssueStatus::Claimed),
            "{now}: and some are not yet: {late:?}"
        );
        assert!(
            late.iter().all(|l| l.days_late > 5),
            "{now}: nothing is late within its grace days: {late:?}"
        );
        assert_eq!(p.missing, 1, "{now}: one issue marked 缺期");

        let overdue = routing::overdue_routing(&db, today).unwrap();
        assert!(
            overdue.iter().any(|l| l.title == "求是"),
            "{now}: 求是's routing has a leg past its day: {overdue:?}"
        );
        assert!(p.routed >= 1 && p.routing_overdue == overdue.len(), "{p:?}");

        let budgets = acquisitions::budgets(&db, year).unwrap();
        let books = budgets
            .iter()
            .find(|b| b.kind == BudgetKind::Books)
            .unwrap();
        assert!(
            books.amount_fen.is_some() && books.committed_fen > 0 && books.spent_fen > 0,
            "{now}: books ordered and one line received: {books:?}"
        );
        let papers = budgets
            .iter()
            .find(|b| b.kind == BudgetKind::Periodicals)
            .unwrap();
        assert!(
            papers.committed_fen > 0 && papers.warning.is_some(),
            "{now}: the subscriptions use most of the 报刊订阅费: {papers:?}"
        );

        let renewal = serials::renewal_list(&db, year + 1).unwrap();
        assert_eq!(
            renewal.lines.len(),
            13,
            "{now}: next year's 征订单 drafts this year's twelve and a reader's new one"
        );
        assert!(
            renewal
                .lines
                .iter()
                .any(|l| l.title == "民主与法制" && l.suggestion_id.is_some()),
            "{now}: the accepted periodical suggestion is on it"
        );
        assert!(renewal.total > 0.0 && (renewal.total - p.renewal_total).abs() < 0.01);
        assert!(
            serials::subscriptions(&db, year + 1).unwrap().is_empty(),
            "{now}: the 征订单 is a draft: nothing subscribed for next year yet"
        );
    }
}

#[test]
fn last_years_bound_volume_is_found_and_lent_like_any_book() {
    let (db, report) = demo_on("2026-12-07T02:00:00Z");
    assert_eq!(report.periodicals.bound, 2, "求是 and 中国人大 of 2025");
    let found = catalog::search(&db, "求是", 0, 10).unwrap();
    let qiushi = found
        .items
        .iter()
        .find(|t| t.title == "求是")
        .expect("the serial is in the ordinary search");
    let detail = catalog::title_detail(&db, qiushi.id).unwrap();
    let bound = detail
        .copies
        .iter()
        .find(|c| c.note.as_deref().is_some_and(|n| n.starts_with("合订本")))
        .expect("the bound volume is a copy of the title");
    assert!(
        bound.note.as_deref().unwrap().contains("2025年第1-24期"),
        "{bound:?}"
    );
    let reader = list_people(&db, &PeopleQuery::default()).unwrap().items[3].id;
    let loan = circulation::lend_copy(&db, &Actor::Desktop, reader, bound.id).unwrap();
    assert_eq!(loan.copy_id, bound.id, "a bound volume is lendable");

    let renmin_da = catalog::search(&db, "中国人大", 0, 10).unwrap();
    let id = renmin_da
        .items
        .iter()
        .find(|t| t.title == "中国人大")
        .unwrap()
        .id;
    let copies = catalog::title_detail(&db, id).unwrap().copies;
    assert!(
        copies
            .iter()
            .any(|c| c.note.as_deref().is_some_and(|n| n.contains("缺："))),
        "the issue marked 缺期 is named on the bound volume: {copies:?}"
    );
}

#[test]
fn the_order_holds_the_accepted_suggestion_and_one_line_landed_in_the_catalogue() {
    let (db, report) = demo_on("2026-12-07T02:00:00Z");
    let year = 2026;
    let orders = acquisitions::orders(&db, year).unwrap();
    assert_eq!(orders.len(), 1);
    let detail = acquisitions::order(&db, orders[0].id).unwrap();
    assert_eq!(detail.lines.len(), report.periodicals.order_lines);
    let accepted = part::list_suggestions(&db, Some(SuggestionStatus::Accepted)).unwrap();
    let book = accepted
        .iter()
        .find(|s| s.kind == SuggestionKind::Book)
        .unwrap();
    assert!(
        detail
            .lines
            .iter()
            .any(|l| l.suggestion_id == Some(book.id) && l.status == "ordered"),
        "the accepted suggestion is on order, still 已采纳: {:?}",
        detail.lines
    );
    let received: Vec<_> = detail
        .lines
        .iter()
        .filter(|l| l.status == "received")
        .collect();
    assert_eq!(received.len(), 1);
    let title = catalog::title_detail(&db, received[0].title_id.unwrap()).unwrap();
    assert_eq!(title.copies.len(), 3, "its copies were made");
    assert_eq!(title.title.clc.as_deref(), Some("D921.1"));
}
