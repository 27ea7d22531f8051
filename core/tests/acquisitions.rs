//! The year's purchases: a budget, an order whose lines come from a
//! reader's suggestion and by hand, a line received into the catalogue with
//! its suggestion 已到馆 and the reader's hold, and the budget's warnings.

mod support;

use calamine::Reader;
use chrono::NaiveDate;
use shuxiang_core::acquisitions::{self as acq, BudgetKind, LineDraft, OrderDraft, Receipt};
use shuxiang_core::participation::{
    self as part, SuggestionDraft, SuggestionKind, SuggestionStatus,
};
use shuxiang_core::serials::{self, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Db, catalog, circulation};
use support::{ME, at, staff};

fn db() -> Db {
    Db::open_in_memory()
        .unwrap()
        .with_clock(at("2027-03-01T02:00:00Z"))
}

#[test]
fn a_received_line_lands_in_the_catalogue_and_its_suggestion_arrives_with_a_hold() {
    let db = db();
    let reader = staff(&db, "林晓", "C-40", "研究室").id;
    let suggestion = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "置身事内".into(),
            author: Some("兰小欢".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    part::decide_suggestion(&db, &ME, suggestion.id, true, None).unwrap();
    acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "1000", None, Some(0)).unwrap();
    let order = acq::create_order(
        &db,
        &ME,
        &OrderDraft {
            year: 2027,
            supplier: "新华书店".into(),
            note: None,
            lines: vec![
                LineDraft {
                    suggestion_id: Some(suggestion.id),
                    copies: Some(2),
                    price: Some("65".into()),
                    ..Default::default()
                },
                LineDraft {
                    title: Some("大国大城".into()),
                    authors: Some("陆铭".into()),
                    isbn: Some("9787208140271".into()),
                    price: Some("¥58.00".into()),
                    ..Default::default()
                },
            ],
        },
    )
    .unwrap();
    assert_eq!(
        order.lines[0].title, "置身事内",
        "filled from the suggestion"
    );
    assert_eq!(order.budget.committed_fen, 2 * 6500 + 5800);
    assert!(order.budget.warning.is_none());

    // Catalogued under corrected words: the line still brings the
    // suggestion in.
    let title = acq::receive_line(
        &db,
        &ME,
        order.lines[0].id,
        &Receipt {
            title: Some(catalog::NewTitle {
                title: "置身事内：中国政府与经济发展".into(),
                authors: Some("兰小欢 著".into()),
                clc: Some("F123".into()),
                ..Default::default()
            }),
            location: Some("新书架".into()),
            copies: None,
        },
        NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
    )
    .unwrap();
    assert_eq!(title.copies, 2);
    let arrived = part::list_suggestions(&db, Some(SuggestionStatus::Arrived)).unwrap();
    assert_eq!(arrived.len(), 1);
    assert_eq!(arrived[0].title_id, Some(title.id));
    let me = circulation::reader_me(&db, reader).unwrap();
    assert!(
        me.holds.iter().any(|h| h.title_id == title.id),
        "{:?}",
        me.holds
    );
    let again = acq::receive_line(
        &db,
        &ME,
        order.lines[0].id,
        &Receipt::default(),
        NaiveDate::from_ymd_opt(2027, 3, 2).unwrap(),
    )
    .unwrap_err();
    assert_eq!(again.code(), "conflict");
    let budget = &acq::budgets(&db, 2027).unwrap()[0];
    assert_eq!((budget.spent_fen, budget.committed_fen), (13000, 5800));
}

#[test]
fn the_budget_warns_at_ninety_percent_and_says_when_it_is_over() {
    let db = db();
    acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "100", None, Some(0)).unwrap();
    let line = |price: &str| LineDraft {
        title: Some("书".into()),
        price: Some(price.into()),
        ..Default::default()
    };
    let order = acq::create_order(
        &db,
        &ME,
        &OrderDraft {
            year: 2027,
            supplier: "书店".into(),
            note: None,
            lines: vec![line("91")],
        },
    )
    .unwrap();
    assert!(order.budget.warning.as_deref().unwrap().contains("91.0%"));
    let over = acq::create_order(
        &db,
        &ME,
        &OrderDraft {
            year: 2027,
            supplier: "书店".into(),
            note: None,
            lines: vec![line("20")],
        },
    )
    .unwrap();
    assert!(
        over.budget
            .warning
            .as_deref()
            .unwrap()
            .contains("超出预算 11.00 元")
    );
    let wrong =
        acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "一百", None, Some(1)).unwrap_err();
    assert_eq!(wrong.code(), "invalid");
}

#[test]
fn a_budget_set_from_two_places_at_once_is_refused_the_second_time() {
    let db = db();
    let never = &acq::budgets(&db, 2027).unwrap()[0];
    assert_eq!((never.amount_fen, never.revision), (None, 0));
    let set = acq::set_budget(
        &db,
        &ME,
        2027,
        BudgetKind::Books,
        "800",
        Some("局办公会批准"),
        Some(0),
    )
    .unwrap();
    assert_eq!(set.revision, 1);
    // The note is answered, so the form shows it and a save keeps it.
    assert_eq!(set.note.as_deref(), Some("局办公会批准"));
    // A second window that saw no budget yet does not overwrite the first.
    let stale = acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "900", None, Some(0));
    assert_eq!(stale.unwrap_err().code(), "conflict");
    let blind = acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "900", None, None);
    assert_eq!(blind.unwrap_err().code(), "invalid");
    let again = acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "900", None, Some(1)).unwrap();
    assert_eq!((again.amount_fen, again.revision), (Some(90000), 2));
    // The other kind and year are budgets of their own.
    let other = &acq::budgets(&db, 2027).unwrap()[1];
    assert_eq!(other.revision, 0);
}

#[test]
fn a_suggestion_on_an_order_is_not_offered_or_ordered_again() {
    let db = db();
    let reader = staff(&db, "林晓", "C-40", "研究室").id;
    let book = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "置身事内".into(),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    part::decide_suggestion(&db, &ME, book.id, true, None).unwrap();
    assert_eq!(
        part::suggestions_to_order(&db).unwrap().len(),
        1,
        "an accepted book waits for an order"
    );
    let from = |id| OrderDraft {
        year: 2027,
        supplier: "新华书店".into(),
        note: None,
        lines: vec![LineDraft {
            suggestion_id: Some(id),
            ..Default::default()
        }],
    };
    let order = acq::create_order(&db, &ME, &from(book.id)).unwrap();
    assert!(
        part::suggestions_to_order(&db).unwrap().is_empty(),
        "ordered, it is no longer offered"
    );
    let twice = acq::create_order(&db, &ME, &from(book.id)).unwrap_err();
    assert_eq!(twice.code(), "conflict", "{twice}");
    acq::cancel_line(&db, &ME, order.lines[0].id).unwrap();
    assert_eq!(
        part::suggestions_to_order(&db).unwrap().len(),
        1,
        "a cancelled line gives the suggestion back"
    );
}

#[test]
fn an_accepted_periodical_suggestion_joins_next_years_renewal_list_and_not_an_order() {
    let db = db();
    let reader = staff(&db, "林晓", "C-40", "研究室").id;
    let suggest = |title: &str, kind| {
        part::reader_suggest(
            &db,
            reader,
            &SuggestionDraft {
                title: title.into(),
                kind,
                ..Default::default()
            },
            None,
        )
        .unwrap()
        .id
    };
    let magazine = suggest("三联生活周刊", SuggestionKind::Periodical);
    let waiting = suggest("读者", SuggestionKind::Periodical);
    let book = suggest("大国大城", SuggestionKind::Book);
    part::decide_suggestion(&db, &ME, magazine, true, None).unwrap();
    part::decide_suggestion(&db, &ME, book, true, None).unwrap();
    serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "求是".into(),
            postal_code: Some("2-25".into()),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "半月刊".into(),
            year: Some(2027),
            price: Some("180".into()),
            ..Default::default()
        },
    )
    .unwrap();

    let list = serials::renewal_list(&db, 2028).unwrap();
    let titles: Vec<&str> = list.lines.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        titles,
        ["求是", "三联生活周刊"],
        "this year's subscription, then the accepted periodical; not the one waiting ({waiting}) nor the book"
    );
    let new = &list.lines[1];
    assert_eq!(new.suggestion_id, Some(magazine));
    assert_eq!(new.suggested_by.as_deref(), Some("林晓"));
    assert_eq!(
        (list.total, list.unpriced),
        (180.0, 1),
        "a new title has no price yet and is counted apart"
    );
    let offered = part::suggestions_to_order(&db).unwrap();
    assert_eq!(
        offered.iter().map(|s| s.id).collect::<Vec<_>>(),
        [book],
        "only books go on an order"
    );
    let refused = acq::create_order(
        &db,
        &ME,
        &OrderDraft {
            year: 2027,
            supplier: "书店".into(),
            note: None,
            lines: vec![LineDraft {
                suggestion_id: Some(magazine),
                ..Default::default()
            }],
        },
    )
    .unwrap_err();
    assert_eq!(refused.code(), "conflict", "{refused}");

    let dir = tempfile::tempdir().unwrap();
    let path = serials::export_renewal_list_for_user(&db, 2028, dir.path()).unwrap();
    assert!(path.ends_with("2028年征订单.xlsx"), "{path}");
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    let sheet = workbook.worksheet_range("2028年征订单").unwrap();
    let row = sheet
        .rows()
        .find(|r| r[2] == "三联生活周刊")
        .expect("the suggested periodical is on the sheet");
    assert_eq!(row[8].to_string(), "新订（林晓荐购），刊期、定价待定");

    let renewed = serials::confirm_renewal(&db, &ME, 2028).unwrap();
    assert_eq!(
        (renewed.subscriptions, renewed.suggested),
        (1, 1),
        "求是 renewed; the suggested title left to be added with its 刊期"
    );

    // Subscribed with its 刊期, the suggested periodical has arrived; its
    // reader waits in no hold queue (the issues come to the reading room).
    serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "三联生活周刊".into(),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "周刊".into(),
            year: Some(2028),
            ..Default::default()
        },
    )
    .unwrap();
    let arrived = part::list_suggestions(&db, Some(SuggestionStatus::Arrived)).unwrap();
    assert_eq!(arrived.iter().map(|s| s.id).collect::<Vec<_>>(), [magazine]);
    let me = circulation::reader_me(&db, reader).unwrap();
    assert!(me.holds.is_empty(), "{:?}", me.holds);
    assert!(
        serials::renewal_list(&db, 2028)
            .unwrap()
            .lines
            .iter()
            .all(|l| l.suggestion_id.is_none()),
        "arrived, it is no longer a new title to subscribe"
    );
}

#[test]
fn fewer_copies_received_than_ordered_leave_the_rest_on_order() {
    let db = db();
    let order = acq::create_order(
        &db,
        &ME,
        &OrderDraft {
            year: 2027,
            supplier: "新华书店".into(),
            note: None,
            lines: vec![LineDraft {
                title: Some("大国大城".into()),
                copies: Some(5),
                price: Some("58".into()),
                ..Default::default()
            }],
        },
    )
    .unwrap();
    let line = order.lines[0].id;
    let on = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    let receipt = |copies| Receipt {
        copies: Some(copies),
        ..Default::default()
    };
    let too_many = acq::receive_line(&db, &ME, line, &receipt(6), on).unwrap_err();
    assert_eq!(too_many.code(), "invalid", "more than ordered: {too_many}");
    let title = acq::receive_line(&db, &ME, line, &receipt(3), on).unwrap();
    assert_eq!(title.copies, 3, "only what came is made");
    let detail = acq::order(&db, order.order.id).unwrap();
    let lines: Vec<(&str, i64)> = detail
        .lines
        .iter()
        .map(|l| (l.status.as_str(), l.copies))
        .collect();
    assert_eq!(
        lines,
        [("received", 3), ("ordered", 2)],
        "the rest stays on order as a line of its own"
    );
    assert_eq!(
        (detail.budget.spent_fen, detail.budget.committed_fen),
        (3 * 5800, 2 * 5800),
        "paid for what came, committed for what is to come"
    );
    acq::receive_line(&db, &ME, detail.lines[1].id, &Receipt::default(), on).unwrap();
    let all = catalog::list_titles(&db, &Default::default()).unwrap();
    assert_eq!(
        all.items.iter().map(|t| t.copies).collect::<Vec<_>>(),
        [5],
        "the rest lands on the same title"
    );
}

/// A periodical and a book of one name (人民论坛 the magazine, 人民论坛 a
/// book of essays): subscribing to the magazine answers the periodical
/// suggestion only, with no hold and the reader told it is subscribed;
/// cataloguing the book answers the book's, with the hold.
#[test]
fn a_periodical_and_a_book_of_one_name_answer_their_own_suggestions() {
    let db = db();
    let reader = staff(&db, "林晓", "C-41", "研究室").id;
    let other = staff(&db, "周明", "C-42", "办公厅").id;
    let ask = |who: i64, kind| {
        let id = part::reader_suggest(
            &db,
            who,
            &SuggestionDraft {
                title: "人民论坛".into(),
                kind,
                ..Default::default()
            },
            None,
        )
        .unwrap()
        .id;
        part::decide_suggestion(&db, &ME, id, true, None).unwrap();
        id
    };
    let magazine = ask(reader, SuggestionKind::Periodical);
    let book = ask(other, SuggestionKind::Book);
    let status = |id: i64| {
        part::list_suggestions(&db, None)
            .unwrap()
            .into_iter()
            .find(|s| s.id == id)
            .unwrap()
            .status
    };
    let me = circulation::reader_me(&db, reader).unwrap();
    let accepted = part::reader_requests(&db, reader, &me).unwrap().messages;
    assert!(
        accepted
            .iter()
            .any(|m| m.text.contains("将列入明年的征订单")),
        "{accepted:?}"
    );

    serials::add_subscription(
        &db,
        &ME,
        &SerialDraft {
            title: "人民论坛".into(),
            postal_code: Some("2-728".into()),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "旬刊".into(),
            year: Some(2027),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(status(magazine), SuggestionStatus::Arrived);
    assert_eq!(
        status(book),
        SuggestionStatus::Accepted,
        "a magazine is not the book"
    );
    let them = circulation::reader_me(&db, other).unwrap();
    assert!(
        them.holds.is_empty(),
        "no hold on a magazine: {:?}",
        them.holds
    );
    let me = circulation::reader_me(&db, reader).unwrap();
    assert!(me.holds.is_empty());
    let told = part::reader_requests(&db, reader, &me).unwrap().messages;
    assert!(
        told.iter()
            .any(|m| m.text.contains("已订阅") && !m.text.contains("预约")),
        "{told:?}"
    );

    catalog::create_title(
        &db,
        &ME,
        &catalog::NewTitle {
            title: "人民论坛".into(),
            ..Default::default()
        },
        &catalog::NewCopies {
            barcodes: vec!["SX009001".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(status(book), SuggestionStatus::Arrived);
    let them = circulation::reader_me(&db, other).unwrap();
    assert_eq!(them.holds.len(), 1, "the book's reader holds it");
}
