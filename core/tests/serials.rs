//! The periodicals room, end to end: a year subscribed, issues checked in by
//! the cover's barcode (重复到刊 and partial copies), late on the right day
//! and not the day before, claims, binding into a lendable copy, an edit
//! that redoes only what has not come, and next year's 征订单 read back.

mod support;

use calamine::Reader;
use chrono::NaiveDate;
use shuxiang_core::serials::routing::{self, Stop};
use shuxiang_core::serials::{self, IssueStatus, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Db, catalog, circulation};
use support::{ME, at, staff};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn db() -> Db {
    Db::open_in_memory()
        .unwrap()
        .with_clock(at("2027-01-04T02:00:00Z"))
}

/// 中国人大 as a 半月刊 with two copies and a 1–2 合刊. Its ISSN here is
/// Nature's real one (0028-0836), so the cover's EAN-13 is a real code.
fn subscribe(db: &Db) -> serials::Added {
    serials::add_subscription(
        db,
        &ME,
        &SerialDraft {
            title: "中国人大".into(),
            issn: Some("0028-0836".into()),
            cn: Some("11-3402/D".into()),
            postal_code: Some("2-873".into()),
            frequency: Some("半月刊".into()),
            sponsor: Some("全国人大常委会办公厅".into()),
        },
        &SubscriptionDraft {
            frequency: "半月刊".into(),
            year: Some(2027),
            copies: Some(2),
            price: Some("180.00".into()),
            first_total: Some(601),
            combine: vec![(1, 2)],
            grace_days: Some(15),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn a_scan_checks_in_the_oldest_issue_due_and_a_second_scan_changes_nothing() {
    let db = db();
    let added = subscribe(&db);
    assert_eq!(added.issues, 23, "24 half-months, 1–2 as one");
    let issues = serials::issues(&db, added.subscription_id).unwrap();
    assert_eq!(issues[0].label, "2027年第1-2期（总第601-602期）");
    assert_eq!(issues[1].label, "2027年第3期（总第603期）");
    assert_eq!(
        issues[1].published_on, "2027-02-01",
        "the 16th's issue is the second of the 合刊"
    );

    // The cover's EAN-13: 977 + the ISSN's digits + 00 + check digit.
    let first = serials::receive(&db, &ME, "9770028083002", day(2027, 1, 4), Some(1)).unwrap();
    assert_eq!(first.status, IssueStatus::Partial, "one of two copies");
    assert_eq!(first.issue.issue_no_from, Some(1));
    let rest = serials::receive(&db, &ME, "2-873", day(2027, 1, 5), None).unwrap();
    assert_eq!(
        (rest.status, rest.issue.copies_received),
        (IssueStatus::Received, 2)
    );
    // 第3期 is published on 1 February: more than a week ahead on the 5th.
    let again = serials::receive(&db, &ME, "9770028083002", day(2027, 1, 5), None).unwrap_err();
    assert!(again.to_string().contains("重复到刊"), "{again}");
    let untouched = serials::issues(&db, added.subscription_id).unwrap();
    assert_eq!(
        untouched[1].status,
        IssueStatus::Expected,
        "nothing changed"
    );
    // A week ahead it may come early.
    let early = serials::receive(&db, &ME, "中国人大", day(2027, 1, 25), None).unwrap();
    assert_eq!(early.issue.issue_no_from, Some(3));
    let too_many = serials::receive(&db, &ME, "2-873", day(2027, 2, 10), Some(3)).unwrap_err();
    assert!(too_many.to_string().contains("还差 2 份"), "{too_many}");
    let unknown = serials::receive(&db, &ME, "9787508617725", day(2027, 2, 1), None).unwrap_err();
    assert_eq!(unknown.code(), "not_found");
}

#[test]
fn an_issue_is_late_the_day_after_its_grace_and_not_before() {
    let db = db();
    let added = subscribe(&db);
    // 第3期: published 2027-02-01, grace 15 days: late from 2027-02-17.
    let late_on = |d: NaiveDate| {
        serials::late(&db, d)
            .unwrap()
            .into_iter()
            .filter(|l| l.label.contains("第3期"))
            .count()
    };
    assert_eq!(late_on(day(2027, 2, 16)), 0, "the last day of grace");
    assert_eq!(late_on(day(2027, 2, 17)), 1, "late the day after");
    let late = serials::late(&db, day(2027, 2, 17)).unwrap();
    let third = late.iter().find(|l| l.label.contains("第3期")).unwrap();
    assert_eq!((third.days_late, third.copies_missing), (16, 2));
    assert_eq!(third.supplier, "邮局");
    serials::claim(&db, &ME, &[third.issue_id], day(2027, 2, 17)).unwrap();
    let claimed = serials::late(&db, day(2027, 2, 18)).unwrap();
    let third = claimed.iter().find(|l| l.label.contains("第3期")).unwrap();
    assert_eq!((third.claims, third.status), (1, IssueStatus::Claimed));
    // Received after the claim (the overdue 1–2 first), it leaves the list.
    serials::receive(&db, &ME, "2-873", day(2027, 2, 19), None).unwrap();
    serials::receive(&db, &ME, "2-873", day(2027, 2, 19), None).unwrap();
    assert!(
        serials::late(&db, day(2027, 2, 19))
            .unwrap()
            .iter()
            .all(|l| !l.label.contains("第3期"))
    );
    let _ = added;
}

#[test]
fn binding_makes_a_copy_that_lends_and_names_the_missing_issues() {
    let db = db();
    let added = subscribe(&db);
    let issues = serials::issues(&db, added.subscription_id).unwrap();
    for i in issues.iter().take(4) {
        let on: NaiveDate = i.expected_on.parse().unwrap();
        serials::receive(&db, &ME, "2-873", on, None).unwrap();
    }
    // 第6期 (the fourth issue) never comes: mark it missing.
    let fifth = &serials::issues(&db, added.subscription_id).unwrap()[4];
    serials::mark_missing(&db, &ME, fifth.id).unwrap();
    let bound = serials::bind(&db, &ME, added.subscription_id, 1, 7).unwrap();
    assert_eq!(bound.issues, 4);
    assert_eq!(bound.missing.len(), 2, "{:?}", bound.missing);
    assert!(bound.call_number.ends_with("/2027"));
    let after = serials::issues(&db, added.subscription_id).unwrap();
    assert!(after[..4].iter().all(|i| i.status == IssueStatus::Bound));
    // The bound volume is an ordinary copy: found and lent.
    let found = catalog::search(&db, "中国人大", 0, 5).unwrap();
    assert_eq!(found.items[0].copies, 1);
    let reader = staff(&db, "周琳", "C-20", "研究室");
    circulation::lend_copy(&db, &ME, reader.id, bound.copy_id).unwrap();
    let again = serials::bind(&db, &ME, added.subscription_id, 1, 7).unwrap_err();
    assert_eq!(again.code(), "conflict", "nothing left to bind: {again}");
}

#[test]
fn an_edit_redoes_only_the_issues_not_yet_in() {
    let db = db();
    let added = subscribe(&db);
    serials::receive(&db, &ME, "2-873", day(2027, 1, 4), None).unwrap();
    let edited = serials::edit_subscription(
        &db,
        &ME,
        added.subscription_id,
        &SubscriptionDraft {
            frequency: "月刊".into(),
            year: Some(2027),
            copies: Some(2),
            first_total: Some(601),
            combine: vec![(1, 2)],
            revision: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(edited.revision, 1);
    let issues = serials::issues(&db, edited.id).unwrap();
    assert_eq!(issues[0].status, IssueStatus::Received, "what came stays");
    assert_eq!(issues[0].label, "2027年第1-2期（总第601-602期）");
    assert_eq!(issues.len(), 11, "the monthly year, the received 1–2 kept");
    assert_eq!(issues[1].published_on, "2027-03-10");
}

#[test]
fn next_years_renewal_list_reads_back_from_its_workbook() {
    let db = db();
    subscribe(&db);
    let daily = serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "人民日报".into(),
            postal_code: Some("1-1".into()),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "日报".into(),
            year: Some(2027),
            price: Some("¥540".into()),
            holiday_pause: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(daily.issues, 365);
    let stopped = serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "停订的刊".into(),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "季刊".into(),
            year: Some(2027),
            ..Default::default()
        },
    )
    .unwrap();
    serials::set_subscription_stopped(&db, &ME, stopped.subscription_id, true).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2028年征订单.xlsx");
    let list = serials::export_renewal_list(&db, 2028, &path).unwrap();
    assert_eq!(list.lines.len(), 2, "the stopped one left out");
    assert_eq!(list.total, 900.0, "2 × 180 + 540");
    let mut book = calamine::open_workbook_auto(&path).unwrap();
    let sheet = book.worksheet_range("2028年征订单").unwrap();
    let rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][1], "邮发代号");
    assert!(rows.iter().any(|r| r[2] == "人民日报" && r[1] == "1-1"));
    assert!(
        rows.iter()
            .any(|r| r[2] == "中国人大" && r[4] == "2" && r[6] == "360")
    );
    let total = rows.last().unwrap();
    assert_eq!((total[2].as_str(), total[6].as_str()), ("合计", "900"));
}

#[test]
fn a_supplement_and_an_irregular_issue_are_added_by_hand() {
    let db = db();
    let irregular = serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "内部参考".into(),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "不定期".into(),
            year: Some(2027),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(irregular.issues, 0);
    let first =
        serials::add_issue(&db, &ME, irregular.subscription_id, day(2027, 3, 2), false).unwrap();
    let second =
        serials::add_issue(&db, &ME, irregular.subscription_id, day(2027, 5, 9), false).unwrap();
    assert_eq!(
        (first.label.as_str(), second.label.as_str()),
        ("2027年第1期", "2027年第2期")
    );
    let extra =
        serials::add_issue(&db, &ME, irregular.subscription_id, day(2027, 6, 1), true).unwrap();
    assert_eq!(extra.label, "2027年增刊");
    assert!(extra.supplement);
}

#[test]
fn a_post_office_subscription_list_imports_all_or_nothing() {
    let db = db();
    let csv = "邮发代号,报刊名称,刊期,份数,全年定价\n\
        1-1,人民日报,日报,2,540.00\n\
        2-25,求是,半月刊,5,180\n\
        82-1,中国人大,半月刊,1,216\n";
    let report = serials::import_subscriptions_file(
        &db,
        &ME,
        "2027年订阅清单.csv",
        csv.as_bytes(),
        2027,
        shuxiang_core::import::ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed, "{:?}", report.errors);
    assert_eq!(report.inserted, 3);
    let subs = serials::subscriptions(&db, 2027).unwrap();
    assert_eq!(subs.len(), 3);
    let qiushi = subs.iter().find(|s| s.title == "求是").unwrap();
    assert_eq!((qiushi.copies, qiushi.issues), (5, 24));
    assert_eq!(qiushi.postal_code.as_deref(), Some("2-25"));

    let bad = "邮发代号,报刊名称,刊期,份数\n3-1,光明日报,双周刊,1\n4-1,经济日报,日报,零\n";
    let report = serials::import_subscriptions_file(
        &db,
        &ME,
        "错的清单.csv",
        bad.as_bytes(),
        2027,
        shuxiang_core::import::ImportOptions::default(),
    )
    .unwrap();
    assert!(!report.committed);
    assert_eq!(report.errors.len(), 2, "{:?}", report.errors);
    assert_eq!(
        serials::subscriptions(&db, 2027).unwrap().len(),
        3,
        "nothing of it kept"
    );
}

#[test]
fn a_routed_issue_is_overdue_after_its_working_days_across_a_weekend() {
    use serials::routing::{self, Stop};
    let db = db();
    let added = subscribe(&db);
    let chief = staff(&db, "王主任", "C-30", "办公厅").id;
    routing::set_routing(
        &db,
        &ME,
        added.title_id,
        &[
            Stop {
                person_id: Some(chief),
                days: 2,
                ..Default::default()
            },
            Stop {
                department: Some("研究室".into()),
                days: 1,
                ..Default::default()
            },
        ],
        Some(0),
    )
    .unwrap();
    // The list saved from two places at once: the second is refused, and
    // an edit without the revision it was based on too.
    let list = routing::routing(&db, added.title_id).unwrap();
    assert_eq!((list.revision, list.stops.len()), (1, 2));
    let stale = routing::set_routing(&db, &ME, added.title_id, &[], Some(0)).unwrap_err();
    assert_eq!(stale.code(), "conflict", "{stale}");
    let blind = routing::set_routing(&db, &ME, added.title_id, &[], None).unwrap_err();
    assert_eq!(blind.code(), "invalid", "{blind}");
    assert_eq!(
        routing::routing(&db, added.title_id).unwrap().stops.len(),
        2
    );
    // A book is not routed, and a person is on a list once.
    let book = support::shelve(&db, support::named("乡土中国"), None, &["B-1"]).id;
    let not_serial = routing::set_routing(&db, &ME, book, &[], Some(0)).unwrap_err();
    assert_eq!(not_serial.code(), "invalid", "{not_serial}");
    assert!(
        not_serial.to_string().contains("不是订阅的报刊"),
        "{not_serial}"
    );
    let twice = Stop {
        person_id: Some(chief),
        days: 1,
        ..Default::default()
    };
    let again = routing::set_routing(&db, &ME, added.title_id, &[twice.clone(), twice], Some(1))
        .unwrap_err();
    assert!(again.to_string().contains("出现了两次"), "{again}");
    let issue = serials::issues(&db, added.subscription_id).unwrap()[0].id;
    serials::receive(&db, &ME, "2-873", day(2027, 1, 8), None).unwrap();
    // Given on Friday 8 January 2027: two working days are Monday and
    // Tuesday (the reading room is closed on Saturdays and Sundays).
    let legs = routing::start_routing(&db, &ME, issue, day(2027, 1, 8)).unwrap();
    assert_eq!(legs[0].due_on.as_deref(), Some("2027-01-12"));
    assert!(legs[1].given_on.is_none());
    let overdue = |d| routing::overdue_routing(&db, d).unwrap().len();
    assert_eq!(overdue(day(2027, 1, 12)), 0, "due that day");
    assert_eq!(overdue(day(2027, 1, 13)), 1, "overdue the day after");
    assert_eq!(
        routing::routing_with(&db, chief).unwrap().len(),
        1,
        "王主任's 传阅"
    );
    let legs = routing::pass_on(&db, &ME, issue, day(2027, 1, 13)).unwrap();
    assert_eq!(legs[0].returned_on.as_deref(), Some("2027-01-13"));
    assert_eq!(
        legs[1].due_on.as_deref(),
        Some("2027-01-14"),
        "研究室 keeps it one day"
    );
    assert!(routing::routing_with(&db, chief).unwrap().is_empty());
    let again = routing::start_routing(&db, &ME, issue, day(2027, 1, 14)).unwrap_err();
    assert!(again.to_string().contains("已在传阅"));
}

#[test]
fn a_serials_title_and_its_bound_volume_are_not_deleted_from_the_catalogue() {
    let db = db();
    let added = subscribe(&db);
    let e = catalog::delete_title(&db, &ME, added.title_id).unwrap_err();
    assert!(e.to_string().contains("报刊"), "{e}");
    serials::receive(&db, &ME, "2-873", day(2027, 1, 4), None).unwrap();
    let bound = serials::bind(&db, &ME, added.subscription_id, 1, 2).unwrap();
    let e = catalog::delete_copy(&db, &ME, bound.copy_id).unwrap_err();
    assert!(e.to_string().contains("合订本"), "{e}");
    assert_eq!(
        serials::issues(&db, added.subscription_id).unwrap().len(),
        23
    );
}

#[test]
fn confirming_the_renewal_list_subscribes_next_year_with_its_combined_issue() {
    let db = db();
    let added = subscribe(&db);
    let stopped = serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "停订的刊".into(),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "季刊".into(),
            year: Some(2027),
            ..Default::default()
        },
    )
    .unwrap();
    serials::set_subscription_stopped(&db, &ME, stopped.subscription_id, true).unwrap();
    let renewed = serials::confirm_renewal(&db, &ME, 2028).unwrap();
    assert_eq!((renewed.subscriptions, renewed.issues), (1, 23));
    let next = serials::subscriptions(&db, 2028).unwrap();
    assert_eq!(next.len(), 1);
    let issues = serials::issues(&db, next[0].id).unwrap();
    assert_eq!(
        issues[0].label, "2028年第1-2期（总第625-626期）",
        "the 合刊 carried, the 总期号 going on from 2027's last (624)"
    );
    assert_eq!(next[0].title_id, added.title_id, "the same serial");
    let again = serials::confirm_renewal(&db, &ME, 2028).unwrap();
    assert_eq!((again.subscriptions, again.already), (0, 1));

    // The year's figures: what came of what was due.
    serials::receive(&db, &ME, "2-873", day(2027, 1, 4), None).unwrap();
    let figures = serials::serial_figures(&db, 2027, day(2027, 2, 28)).unwrap();
    let title = figures
        .titles
        .iter()
        .find(|t| t.name == "中国人大")
        .unwrap();
    assert_eq!((title.due, title.arrived), (3, 1));
    assert_eq!(title.rate, Some(33.3));
}

/// Two people editing one subscription: the second, on the revision both
/// opened, is refused in words; an edit that names no revision too.
#[test]
fn an_edit_on_an_older_revision_or_none_is_refused() {
    let db = db();
    let added = subscribe(&db);
    let draft = |revision| SubscriptionDraft {
        frequency: "月刊".into(),
        year: Some(2027),
        copies: Some(3),
        revision,
        ..Default::default()
    };
    let first = serials::edit_subscription(&db, &ME, added.subscription_id, &draft(Some(0)));
    assert_eq!(first.unwrap().copies, 3);
    let second =
        serials::edit_subscription(&db, &ME, added.subscription_id, &draft(Some(0))).unwrap_err();
    assert_eq!(second.code(), "conflict");
    assert!(second.to_string().contains("已被他人修改"), "{second}");
    let none =
        serials::edit_subscription(&db, &ME, added.subscription_id, &draft(None)).unwrap_err();
    assert_eq!(none.code(), "invalid");
}

/// A daily paper scanned twice on one day: the second is 重复到刊, not
/// tomorrow's paper; a weekly dated ahead may still come days early.
#[test]
fn a_second_scan_of_todays_paper_is_a_duplicate_not_tomorrows() {
    let db = db();
    let add = |title: &str, postal: &str, frequency: &str| {
        serials::add_subscription(
            &db,
            &ME,
            &SerialDraft {
                title: title.into(),
                postal_code: Some(postal.into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: frequency.into(),
                year: Some(2027),
                ..Default::default()
            },
        )
        .unwrap()
    };
    add("人民日报", "1-1", "日报");
    add("瞭望", "2-418", "周刊");
    let first = serials::receive(&db, &ME, "1-1", day(2027, 1, 1), None).unwrap();
    assert_eq!(first.issue.published_on, "2027-01-01");
    let again = serials::receive(&db, &ME, "1-1", day(2027, 1, 1), None).unwrap_err();
    assert!(again.to_string().contains("重复到刊"), "{again}");
    let next = serials::receive(&db, &ME, "1-1", day(2027, 1, 2), None).unwrap();
    assert_eq!(next.issue.published_on, "2027-01-02");
    // The weekly of Friday 8 January, in on Monday the 4th after the 1st's.
    serials::receive(&db, &ME, "2-418", day(2027, 1, 1), None).unwrap();
    let early = serials::receive(&db, &ME, "2-418", day(2027, 1, 4), None).unwrap();
    assert_eq!(early.issue.published_on, "2027-01-08");
}

#[test]
fn a_subscription_out_of_its_bounds_is_refused_in_words() {
    let db = db();
    let serial = SerialDraft {
        title: "求是".into(),
        ..Default::default()
    };
    for (draft, field) in [
        (
            SubscriptionDraft {
                frequency: "月刊".into(),
                from: Some(day(2027, 12, 1)),
                to: Some(day(2027, 1, 1)),
                ..Default::default()
            },
            "to",
        ),
        (
            SubscriptionDraft {
                frequency: "月刊".into(),
                year: Some(2027),
                first_issue: Some(u32::MAX),
                ..Default::default()
            },
            "first_issue",
        ),
        (
            SubscriptionDraft {
                frequency: "月刊".into(),
                year: Some(2027),
                first_total: Some(0),
                ..Default::default()
            },
            "first_total",
        ),
        (
            SubscriptionDraft {
                frequency: "月刊".into(),
                year: Some(0),
                ..Default::default()
            },
            "year",
        ),
    ] {
        let e = serials::add_subscription(&db, &ME, &serial, &draft).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid", Some(field)), "{e}");
    }
    serials::add_subscription(
        &db,
        &ME,
        &serial,
        &SubscriptionDraft {
            frequency: "月刊".into(),
            year: Some(2027),
            ..Default::default()
        },
    )
    .unwrap();
    let far = serials::receive(&db, &ME, "求是", NaiveDate::MAX, None).unwrap_err();
    assert_eq!(
        far.code(),
        "invalid",
        "a date past the calendar, said, not a panic"
    );
}

/// Next year's holidays entered after the 征订单 made next year's issues:
/// a paper that pauses on holidays has its issues not yet in predicted
/// again; what came stays; no holiday becomes a false late issue.
#[test]
fn holidays_entered_after_the_year_was_predicted_take_its_issues_off() {
    use shuxiang_core::calendar::{self, CalendarDay, DayKind};
    let db = db();
    let added = serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "人民日报".into(),
            postal_code: Some("1-1".into()),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "日报".into(),
            year: Some(2027),
            holiday_pause: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(added.issues, 365);
    serials::receive(&db, &ME, "1-1", day(2027, 1, 1), None).unwrap();
    let holiday = |d: NaiveDate| CalendarDay {
        day: d,
        kind: DayKind::Holiday,
        name: "国庆节".into(),
    };
    calendar::save_calendar_day_and(
        &db,
        &ME,
        &holiday(day(2027, 10, 1)),
        &serials::holidays_changed,
    )
    .unwrap();
    // A holiday on a day whose paper already came changes nothing.
    calendar::save_calendar_day_and(
        &db,
        &ME,
        &holiday(day(2027, 1, 1)),
        &serials::holidays_changed,
    )
    .unwrap();
    let issues = serials::issues(&db, added.subscription_id).unwrap();
    assert!(
        !issues.iter().any(|i| i.published_on == "2027-10-01"),
        "no paper on a holiday"
    );
    let first = issues
        .iter()
        .find(|i| i.published_on == "2027-01-01")
        .unwrap();
    assert_eq!(first.status, IssueStatus::Received, "what came stays");
    assert_eq!(issues.len(), 364);
    assert!(
        serials::late(&db, day(2027, 10, 20))
            .unwrap()
            .iter()
            .all(|l| l.expected_on != "2027-10-01")
    );
}

/// What the outside attack found the periodicals room took without a word:
/// a volume past the subscription's last number, routing an issue not
/// here, claiming one not due or twice, an issue outside the subscription.
#[test]
fn binding_routing_claims_and_issues_by_hand_keep_to_what_is_there() {
    let db = db();
    let added = subscribe(&db);
    let sub = added.subscription_id;
    // 1–2 (a 合刊) came on 4 January; the rest of the year is to come.
    let first = serials::receive(&db, &ME, "2-873", day(2027, 1, 4), None).unwrap();
    let past = serials::bind(&db, &ME, sub, 1, 99).unwrap_err();
    assert_eq!(past.code(), "invalid", "{past}");
    assert!(past.to_string().contains("只到第 24 期"), "{past}");

    routing::set_routing(
        &db,
        &ME,
        added.title_id,
        &[Stop {
            person_id: None,
            name: None,
            department: Some("研究室".into()),
            days: 2,
        }],
        Some(0),
    )
    .unwrap();
    let next = serials::issues(&db, sub).unwrap()[1].clone();
    let not_here = routing::start_routing(&db, &ME, next.id, day(2027, 1, 4)).unwrap_err();
    assert!(not_here.to_string().contains("不能传阅"), "{not_here}");
    routing::start_routing(&db, &ME, first.issue.id, day(2027, 1, 4)).unwrap();

    let not_due = serials::claim(&db, &ME, &[next.id], day(2027, 1, 5)).unwrap_err();
    assert!(not_due.to_string().contains("还没到应到日期"), "{not_due}");
    let twice = serials::claim(&db, &ME, &[next.id, next.id], day(2027, 3, 1)).unwrap();
    assert_eq!(twice, 1, "one issue claimed once");
    assert_eq!(serials::issues(&db, sub).unwrap()[1].claims, 1);
    let received = serials::claim(&db, &ME, &[first.issue.id], day(2027, 3, 1)).unwrap_err();
    assert_eq!(received.code(), "conflict", "{received}");

    let outside = serials::add_issue(&db, &ME, sub, day(2026, 12, 31), true).unwrap_err();
    assert_eq!(outside.code(), "invalid", "{outside}");
}
