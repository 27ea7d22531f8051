//! The year's purchases: a budget, an order whose lines come from a
//! reader's suggestion and by hand, a line received into the catalogue with
//! its suggestion 已到馆 and the reader's hold, and the budget's warnings.

mod support;

use chrono::NaiveDate;
use shuxiang_core::acquisitions::{self as acq, BudgetKind, LineDraft, OrderDraft, Receipt};
use shuxiang_core::participation::{self as part, SuggestionDraft, SuggestionStatus};
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
    acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "1000", None).unwrap();
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
    acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "100", None).unwrap();
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
    let wrong = acq::set_budget(&db, &ME, 2027, BudgetKind::Books, "一百", None).unwrap_err();
    assert_eq!(wrong.code(), "invalid");
}
