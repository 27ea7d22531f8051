//! Lending scenarios with the clock passed in: loan rules and due dates on
//! open days, the loan limit, renewals, the holds queue with expiry, the
//! desk's scan handling, lost copies and the overdue list.

use shuxiang_core::Db;
use shuxiang_core::calendar::{self, CalendarDay, DayKind};
use shuxiang_core::catalog::{self, CopyStatus};
use shuxiang_core::circulation::{
    self, DeskOutcome, DeskSettings, HoldStatus, LoanOutcome, LoanRule, OverdueQuery,
};
use shuxiang_core::people::{self, Person, PersonKind};

mod support;
use support::{ME, Room, at, named, reader, shelve};

fn scan(db: &Db, borrower: Option<&Person>, code: &str) -> DeskOutcome {
    circulation::desk_scan(db, &ME, borrower.map(|p| p.id), code).unwrap()
}

fn refusal(db: &Db, borrower: Option<&Person>, code: &str) -> String {
    circulation::desk_scan(db, &ME, borrower.map(|p| p.id), code)
        .unwrap_err()
        .to_string()
}

fn copy_id(db: &Db, barcode: &str) -> i64 {
    db.read(|tx| catalog::find_copy_by_barcode(tx, barcode))
        .unwrap()
        .unwrap()
        .id
}

// Thursday 2026-11-26, 10:00 in the office.
const THURSDAY: &str = "2026-11-26T02:00:00Z";

#[test]
fn due_dates_follow_the_rule_and_move_to_the_next_open_day() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    let zhang = reader(&db, "张伟", PersonKind::Staff, "C001", "办公厅");
    let li = reader(&db, "李娜", PersonKind::Deputy, "D001", "第一代表团");
    shelve(&db, named("万历十五年"), Some("A1"), &["B1", "B2"]);
    circulation::change_loan_rule(
        &db,
        &ME,
        &LoanRule {
            person_kind: PersonKind::Deputy,
            loan_days: 60,
            max_loans: 3,
            max_renewals: 2,
            revision: circulation::loan_rules(&db)
                .unwrap()
                .iter()
                .find(|r| r.person_kind == PersonKind::Deputy)
                .unwrap()
                .revision,
        },
    )
    .unwrap();

    // 30 days after Thursday 26 November is Saturday 26 December: closed,
    // so the book is due on Monday the 28th.
    let DeskOutcome::Lent { loan, .. } = scan(&db, Some(&zhang), "B1") else {
        panic!("lent")
    };
    assert_eq!(loan.due_on, "2026-12-28");

    // Deputies borrow for 60 days: Sunday 25 January 2027; but 25 January
    // is listed as a holiday here, and 26 January as one too.
    for day in ["2027-01-25", "2027-01-26"] {
        calendar::save_calendar_day(
            &db,
            &ME,
            &CalendarDay {
                day: day.parse().unwrap(),
                kind: DayKind::Holiday,
                name: "闭馆".into(),
            },
        )
        .unwrap();
    }
    let DeskOutcome::Lent { loan, borrower } = scan(&db, Some(&li), "B2") else {
        panic!("lent")
    };
    assert_eq!(loan.due_on, "2027-01-27");
    assert_eq!(borrower.rule.loan_days, 60);
    assert_eq!(borrower.loans.len(), 1);

    // A make-up workday on a Saturday is open: due dates may land on it.
    calendar::save_calendar_day(
        &db,
        &ME,
        &CalendarDay {
            day: "2026-12-26".parse().unwrap(),
            kind: DayKind::Workday,
            name: "调休".into(),
        },
    )
    .unwrap();
    shelve(&db, named("乡土中国"), Some("A1"), &["B3"]);
    let DeskOutcome::Lent { loan, .. } = scan(&db, Some(&zhang), "B3") else {
        panic!("lent")
    };
    assert_eq!(loan.due_on, "2026-12-26");
}

#[test]
fn the_loan_limit_refuses_the_next_book_until_one_is_returned() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    circulation::change_loan_rule(
        &db,
        &ME,
        &LoanRule {
            person_kind: PersonKind::Staff,
            loan_days: 30,
            max_loans: 2,
            max_renewals: 1,
            revision: circulation::loan_rules(&db)
                .unwrap()
                .iter()
                .find(|r| r.person_kind == PersonKind::Staff)
                .unwrap()
                .revision,
        },
    )
    .unwrap();
    let wang = reader(&db, "王芳", PersonKind::Staff, "C002", "研究室");
    shelve(&db, named("国富论"), Some("A1"), &["G1", "G2", "G3"]);
    scan(&db, Some(&wang), "G1");
    let DeskOutcome::Lent { borrower, .. } = scan(&db, Some(&wang), "G2") else {
        panic!("lent")
    };
    assert!(borrower.blocked.as_deref().unwrap().contains("上限"));
    let refused = refusal(&db, Some(&wang), "G3");
    assert!(refused.contains("达到借阅上限"), "{refused}");
    assert_eq!(
        db.read(|tx| catalog::find_copy_by_barcode(tx, "G3"))
            .unwrap()
            .unwrap()
            .status,
        CopyStatus::OnShelf,
        "a refused loan changes nothing"
    );

    // A copy scanned on its own is a return.
    let DeskOutcome::Returned { loan, hold, .. } = scan(&db, None, "g1") else {
        panic!("returned")
    };
    assert_eq!(loan.outcome, Some(LoanOutcome::Returned));
    assert!(hold.is_none());
    scan(&db, Some(&wang), "G3");

    // A copy out to 王芳 scanned with 赵磊 on screen comes back from her.
    let zhao = reader(&db, "赵磊", PersonKind::Staff, "C003", "研究室");
    let DeskOutcome::Returned { loan, borrower, .. } = scan(&db, Some(&zhao), "G2") else {
        panic!("returned")
    };
    assert_eq!(loan.person_name, "王芳");
    assert_eq!(borrower.unwrap().person.id, zhao.id);
    // An inactive card cannot borrow.
    people::set_person_active(&db, &ME, zhao.id, false).unwrap();
    let refused = refusal(&db, Some(&zhao), "G1");
    assert!(refused.contains("已停用"), "{refused}");
}

#[test]
fn a_room_that_says_so_lends_nothing_more_until_overdue_books_are_back() {
    let room = Room::new();
    let db = room.at("2026-10-09T02:00:00Z");
    let liu = reader(&db, "刘洋", PersonKind::Staff, "C010", "办公厅");
    shelve(&db, named("乡土中国"), Some("A1"), &["X1", "X2", "X3"]);
    scan(&db, Some(&liu), "X1");
    // Six weeks later the book is overdue.
    let db = room.at("2026-11-20T02:00:00Z");
    // By default the desk lends, and the borrower line warns.
    let DeskOutcome::Lent { borrower, .. } = scan(&db, Some(&liu), "X2") else {
        panic!("lent despite the overdue book")
    };
    assert_eq!(borrower.overdue, 1);
    assert!(borrower.blocked.is_none());

    let mut settings = circulation::desk_settings(&db).unwrap();
    assert!(!settings.refuse_while_overdue);
    settings.refuse_while_overdue = true;
    circulation::change_desk_settings(&db, &ME, &settings).unwrap();
    assert!(
        circulation::desk_settings(&db)
            .unwrap()
            .refuse_while_overdue
    );
    let refused = refusal(&db, Some(&liu), "X3");
    assert!(refused.contains("1 册书逾期未还"), "{refused}");
    let borrower = circulation::borrower(&db, liu.id).unwrap();
    assert!(borrower.blocked.unwrap().contains("须先归还"));

    // The overdue book comes back: the reader may borrow again.
    scan(&db, None, "X1");
    let DeskOutcome::Lent { .. } = scan(&db, Some(&liu), "X3") else {
        panic!("lent once the overdue book is back")
    };
}

#[test]
fn the_desk_reads_scans_cards_names_and_unknown_codes() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    let chen = reader(&db, "陈静", PersonKind::Staff, "C100", "人事处");
    reader(&db, "陈刚", PersonKind::Staff, "C101", "人事处");
    shelve(&db, named("资本论"), Some("A1"), &["SX000001"]);
    circulation::change_desk_settings(
        &db,
        &ME,
        &DeskSettings {
            hold_pickup_days: 7,
            scanner_prefix: "*".into(),
            scanner_suffix: "#".into(),
            refuse_while_overdue: false,
            revision: circulation::desk_settings(&db).unwrap().revision,
        },
    )
    .unwrap();

    // Full-width characters from an input method, the scanner's prefix and
    // suffix, a stray carriage return: all the card.
    let DeskOutcome::Borrower { borrower } = scan(&db, None, "*ｃ１００#\r") else {
        panic!("borrower")
    };
    assert_eq!(borrower.person.id, chen.id);
    let DeskOutcome::Lent { loan, .. } = scan(&db, Some(&chen), "*SX000001#") else {
        panic!("lent")
    };
    assert_eq!(loan.person_name, "陈静");

    // A name: one match chooses the borrower, several are offered.
    let DeskOutcome::Borrower { borrower } = scan(&db, None, "陈静") else {
        panic!("borrower")
    };
    assert_eq!(borrower.loans.len(), 1);
    let DeskOutcome::Candidates { people } = scan(&db, None, "chen") else {
        panic!("candidates")
    };
    assert_eq!(people.len(), 2);

    let unknown = circulation::desk_scan(&db, &ME, None, "XX999").unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    assert!(unknown.to_string().contains("XX999"));
    let nobody = circulation::desk_scan(&db, &ME, None, "欧阳修").unwrap_err();
    assert!(nobody.to_string().contains("没有找到读者"));

    // Returning a copy that is on the shelf explains itself.
    scan(&db, None, "SX000001");
    let again = refusal(&db, None, "SX000001");
    assert!(again.contains("没有借出记录"), "{again}");
}

/// Issue: the desk will not take a book back while a reader is selected.
/// A copy on loan is taken back whoever is on screen; the reader on screen
/// stays, and may borrow it next; a name with a reader on screen searches.
#[test]
fn a_book_on_loan_is_taken_back_whoever_is_on_screen() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    let chen = reader(&db, "陈静", PersonKind::Staff, "C100", "人事处");
    let li = reader(&db, "李娜", PersonKind::Staff, "C200", "办公厅");
    reader(&db, "李刚", PersonKind::Staff, "C201", "办公厅");
    shelve(&db, named("资本论"), Some("A1"), &["SX1"]);
    shelve(&db, named("国富论"), Some("A2"), &["SX2"]);
    scan(&db, Some(&chen), "SX1");

    // 李娜 is on screen; 陈静's book comes back across the desk.
    let DeskOutcome::Returned {
        loan,
        hold,
        borrower,
    } = scan(&db, Some(&li), "SX1")
    else {
        panic!("returned")
    };
    assert_eq!(loan.person_name, "陈静");
    assert!(loan.returned_at.is_some() && hold.is_none());
    assert_eq!(borrower.unwrap().person.id, li.id, "李娜 stays on screen");
    // Scanned again, it is lent to her (the desk's one key).
    let DeskOutcome::Lent { loan, .. } = scan(&db, Some(&li), "SX1") else {
        panic!("lent")
    };
    assert_eq!(loan.person_name, "李娜");
    // Her own book back while she is on screen: returned, she stays.
    let DeskOutcome::Returned { loan, borrower, .. } = scan(&db, Some(&li), "SX1") else {
        panic!("returned")
    };
    assert_eq!(
        (loan.person_name.as_str(), borrower.is_some()),
        ("李娜", true)
    );
    // A book on the shelf is lent to whoever is on screen.
    assert!(matches!(
        scan(&db, Some(&li), "SX2"),
        DeskOutcome::Lent { .. }
    ));
    // A name typed with a reader on screen searches people, not barcodes.
    let DeskOutcome::Candidates { people } = scan(&db, Some(&chen), "李") else {
        panic!("candidates")
    };
    assert_eq!(people.len(), 2);
    let DeskOutcome::Borrower { borrower } = scan(&db, Some(&li), "陈静") else {
        panic!("borrower")
    };
    assert_eq!(borrower.person.id, chen.id);
    // With nobody on screen, a return is as before.
    let DeskOutcome::Returned { borrower, .. } = scan(&db, None, "SX2") else {
        panic!("returned")
    };
    assert!(borrower.is_none());
}

#[test]
fn renewals_are_limited_and_refused_when_someone_waits() {
    let room = Room::new();
    let db = room.at(THURSDAY);
    let zhang = reader(&db, "张伟", PersonKind::Staff, "C001", "办公厅");
    let li = reader(&db, "李娜", PersonKind::Staff, "C002", "办公厅");
    shelve(&db, named("论语"), Some("A1"), &["L1"]);
    shelve(&db, named("孟子"), Some("A1"), &["M1"]);
    let DeskOutcome::Lent { loan: lunyu, .. } = scan(&db, Some(&zhang), "L1") else {
        panic!()
    };
    let DeskOutcome::Lent { loan: mengzi, .. } = scan(&db, Some(&zhang), "M1") else {
        panic!()
    };
    drop(db);

    // Twenty days later (Wednesday 16 December): renewed for 30 days from
    // today, Friday 15 January.
    let db = room.at("2026-12-16T02:00:00Z");
    let renewed = circulation::renew_loan(&db, &ME, lunyu.id).unwrap();
    assert_eq!(renewed.due_on, "2027-01-15");
    assert_eq!(renewed.renewals, 1);
    let again = circulation::renew_loan(&db, &ME, lunyu.id).unwrap_err();
    assert!(again.to_string().contains("最多续借 1 次"), "{again}");

    // Someone waits for 孟子: no renewal.
    let hold = circulation::place_hold(&db, &ME, mengzi.title_id, li.id).unwrap();
    assert_eq!(hold.status, HoldStatus::Waiting);
    assert_eq!(hold.position, Some(1));
    let refused = circulation::renew_loan(&db, &ME, mengzi.id).unwrap_err();
    assert!(refused.to_string().contains("有读者预约"), "{refused}");
}

#[test]
fn holds_queue_sets_aside_returned_copies_and_expire_to_the_next_in_line() {
    let room = Room::new();
    let db = room.at(THURSDAY);
    let a = reader(&db, "甲", PersonKind::Staff, "P1", "一处");
    let b = reader(&db, "乙", PersonKind::Staff, "P2", "二处");
    let c = reader(&db, "丙", PersonKind::Deputy, "P3", "第二代表团");
    let book = shelve(&db, named("长征"), Some("A1"), &["CZ1"]);
    scan(&db, Some(&a), "CZ1");
    let hb = circulation::place_hold(&db, &ME, book.id, b.id).unwrap();
    let hc = circulation::place_hold(&db, &ME, book.id, c.id).unwrap();
    assert_eq!((hb.position, hc.position), (Some(1), Some(2)));
    let dup = circulation::place_hold(&db, &ME, book.id, b.id).unwrap_err();
    assert!(dup.to_string().contains("已预约"));
    let own = circulation::place_hold(&db, &ME, book.id, a.id).unwrap_err();
    assert!(own.to_string().contains("正借着"));

    // 甲 returns it: set aside for 乙 until seven days on, an open day:
    // Thursday 3 December.
    let DeskOutcome::Returned { hold, .. } = scan(&db, None, "CZ1") else {
        panic!()
    };
    let hold = hold.expect("set aside for the first in the queue");
    assert_eq!(hold.person_id, b.id);
    assert_eq!(hold.expires_on.as_deref(), Some("2026-12-03"));
    let t = catalog::title_detail(&db, book.id).unwrap().title;
    assert_eq!(t.available, 0, "a set-aside copy is not available");
    let refused = refusal(&db, Some(&c), "CZ1");
    assert!(refused.contains("为 乙 预约保留"), "{refused}");
    drop(db);

    // 乙 never comes. On 4 December the hold has lapsed: the copy passes to 丙.
    let db = room.at("2026-12-04T01:00:00Z");
    assert_eq!(circulation::expire_holds(&db, &ME).unwrap(), 1);
    assert_eq!(
        circulation::get_hold_by_id(&db, hb.id).unwrap().status,
        HoldStatus::Expired
    );
    let now_c = circulation::get_hold_by_id(&db, hc.id).unwrap();
    assert_eq!(now_c.status, HoldStatus::Ready);
    assert_eq!(now_c.copy_barcode.as_deref(), Some("CZ1"));
    // 丙 collects it: the hold is done.
    let DeskOutcome::Lent { borrower, .. } = scan(&db, Some(&c), "CZ1") else {
        panic!()
    };
    assert!(borrower.holds.is_empty());
    assert_eq!(
        circulation::get_hold_by_id(&db, hc.id).unwrap().status,
        HoldStatus::Collected
    );
}

#[test]
fn a_hold_on_a_title_on_the_shelf_is_ready_at_once_and_cancelling_passes_it_on() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    let a = reader(&db, "甲", PersonKind::Staff, "P1", "一处");
    let b = reader(&db, "乙", PersonKind::Staff, "P2", "二处");
    let book = shelve(&db, named("重庆谈判"), Some("A1"), &["CQ1"]);
    let ha = circulation::place_hold(&db, &ME, book.id, a.id).unwrap();
    assert_eq!(ha.status, HoldStatus::Ready);
    let hb = circulation::place_hold(&db, &ME, book.id, b.id).unwrap();
    assert_eq!(hb.status, HoldStatus::Waiting);
    circulation::cancel_hold(&db, &ME, ha.id).unwrap();
    let hb = circulation::get_hold_by_id(&db, hb.id).unwrap();
    assert_eq!(hb.status, HoldStatus::Ready);
    assert_eq!(hb.copy_barcode.as_deref(), Some("CQ1"));
    let again = circulation::cancel_hold(&db, &ME, ha.id).unwrap_err();
    assert_eq!(again.code(), "conflict");
}

#[test]
fn a_copy_lost_on_loan_ends_the_loan_and_overdue_loans_are_listed() {
    let room = Room::new();
    let db = room.at(THURSDAY);
    let a = reader(&db, "甲", PersonKind::Staff, "P1", "一处");
    let b = reader(&db, "乙", PersonKind::Deputy, "P2", "第三代表团");
    shelve(&db, named("银行业务"), Some("A1"), &["Y1", "Y2", "Y3"]);
    scan(&db, Some(&a), "Y1");
    scan(&db, Some(&a), "Y2");
    scan(&db, Some(&b), "Y3");
    let lost =
        circulation::mark_copy(&db, &ME, copy_id(&db, "Y2"), CopyStatus::Lost, "读者报失").unwrap();
    assert_eq!(lost.status, CopyStatus::Lost);
    let history = circulation::copy_loans(&db, lost.id, 10).unwrap();
    assert_eq!(history[0].outcome, Some(LoanOutcome::Lost));
    assert_eq!(history[0].note.as_deref(), Some("读者报失"));
    drop(db);

    // Due 28 December; on 5 January 甲 and 乙 are 8 days overdue.
    let db = room.at("2027-01-05T02:00:00Z");
    let all = circulation::overdue_loans(&db, &OverdueQuery::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|l| l.overdue_days == 8));
    let one_unit = circulation::overdue_loans(
        &db,
        &OverdueQuery {
            unit: Some("一处".into()),
            min_days: None,
        },
    )
    .unwrap();
    assert_eq!(one_unit.len(), 1);
    assert_eq!(one_unit[0].person_name, "甲");
    let long = circulation::overdue_loans(
        &db,
        &OverdueQuery {
            unit: None,
            min_days: Some(9),
        },
    )
    .unwrap();
    assert!(long.is_empty());
    let summary = circulation::circulation_summary(&db).unwrap();
    assert_eq!((summary.on_loan, summary.overdue), (2, 2));
    let history = circulation::person_loans(&db, a.id, 10).unwrap();
    assert_eq!(history.len(), 2);
}

#[test]
fn a_loan_rule_or_the_desk_settings_changed_in_two_places_refuse_the_second() {
    let db = Db::open_in_memory().unwrap().with_clock(at(THURSDAY));
    let read = circulation::loan_rules(&db).unwrap()[0];
    let rule = |days| LoanRule {
        loan_days: days,
        ..read
    };
    circulation::change_loan_rule(&db, &ME, &rule(45)).unwrap();
    // A second PC that read the rule before: refused, the first stands.
    let e = circulation::change_loan_rule(&db, &ME, &rule(60)).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    let blind = LoanRule {
        revision: None,
        ..rule(60)
    };
    assert_eq!(
        circulation::change_loan_rule(&db, &ME, &blind)
            .unwrap_err()
            .code(),
        "invalid"
    );
    let now = circulation::loan_rules(&db).unwrap()[0];
    assert_eq!(now.loan_days, 45);
    // Read again, it saves.
    let saved = circulation::change_loan_rule(
        &db,
        &ME,
        &LoanRule {
            loan_days: 60,
            ..now
        },
    )
    .unwrap();
    assert_ne!(saved.revision, now.revision);

    let desk = circulation::desk_settings(&db).unwrap();
    let changed = DeskSettings {
        hold_pickup_days: 10,
        ..desk.clone()
    };
    circulation::change_desk_settings(&db, &ME, &changed).unwrap();
    let stale = DeskSettings {
        scanner_prefix: "*".into(),
        ..desk
    };
    let e = circulation::change_desk_settings(&db, &ME, &stale).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(
        circulation::desk_settings(&db).unwrap().hold_pickup_days,
        10
    );
}
