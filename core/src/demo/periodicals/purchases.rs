//! The demo's purchases: the year's two budgets, next year's 报刊订阅费,
//! and an order to the bookseller with one line received.

use chrono::{Days, NaiveDate};

use super::PeriodicalsReport;
use crate::acquisitions::{self, BudgetKind, LineDraft, OrderDraft, Receipt};
use crate::audit::Actor;
use crate::catalog::NewTitle;
use crate::db::Db;
use crate::error::Result;
use crate::participation::{self as part, SuggestionDraft, SuggestionKind, SuggestionStatus};

/// The books of the year's order: (title, authors, publisher, ISBN,
/// copies, price, CLC); the first is received.
const BOOKS: &[(&str, &str, &str, &str, i64, &str, &str)] = &[
    (
        "各级人民代表大会常务委员会监督法释义",
        "全国人大常委会法制工作委员会 编",
        "中国民主法制出版社",
        "9787516207895",
        3,
        "68.00",
        "D921.1",
    ),
    (
        "预算审查监督工作手册",
        "本书编写组 编",
        "中国法制出版社",
        "9787521618341",
        4,
        "52.00",
        "D622",
    ),
    (
        "人大代表履职读本",
        "本书编写组 编",
        "法律出版社",
        "9787519745226",
        5,
        "35.00",
        "D622",
    ),
];

/// The year's two budgets (the periodicals' close to used up by the
/// subscriptions), next year's 报刊订阅费 for the 征订单, and an order to
/// the bookseller: the accepted suggestion waiting for its book, three
/// typed by ISBN, one of them received three days ago.
pub(super) fn purchases(
    db: &Db,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<()> {
    // A budget set before the demo was loaded is set again over it.
    let revision = |year: i32, kind: BudgetKind| -> Result<Option<i64>> {
        Ok(Some(
            acquisitions::budgets(db, year)?
                .into_iter()
                .find(|b| b.kind == kind)
                .map_or(0, |b| b.revision),
        ))
    };
    acquisitions::set_budget(
        db,
        actor,
        year,
        BudgetKind::Books,
        "50000",
        Some("年度部门预算"),
        revision(year, BudgetKind::Books)?,
    )?;
    let subscribed = acquisitions::budgets(db, year)?
        .into_iter()
        .find(|b| b.kind == BudgetKind::Periodicals)
        .map_or(0, |b| b.committed_fen);
    // A budget a little over what the subscriptions cost, rounded up to
    // a hundred yuan: past 90 %, so the warning shows.
    let periodicals = (subscribed * 105 / 100 + 9_999) / 10_000 * 100;
    acquisitions::set_budget(
        db,
        actor,
        year,
        BudgetKind::Periodicals,
        &periodicals.to_string(),
        Some("年度部门预算"),
        revision(year, BudgetKind::Periodicals)?,
    )?;
    acquisitions::set_budget(
        db,
        actor,
        year + 1,
        BudgetKind::Periodicals,
        &(periodicals + 500).to_string(),
        Some("预算建议数，待批复"),
        revision(year + 1, BudgetKind::Periodicals)?,
    )?;
    let mut lines = Vec::new();
    if let Some(s) = part::list_suggestions(db, Some(SuggestionStatus::Accepted))?
        .into_iter()
        .find(|s| s.kind == SuggestionKind::Book)
    {
        lines.push(LineDraft {
            suggestion_id: Some(s.id),
            copies: Some(2),
            price: Some("59.00".into()),
            ..Default::default()
        });
    }
    for (title, authors, publisher, isbn, copies, price, _) in BOOKS {
        lines.push(LineDraft {
            title: Some((*title).into()),
            authors: Some((*authors).into()),
            publisher: Some((*publisher).into()),
            isbn: Some((*isbn).into()),
            copies: Some(*copies),
            price: Some((*price).into()),
            ..Default::default()
        });
    }
    let order = acquisitions::create_order(
        db,
        actor,
        &OrderDraft {
            year,
            supplier: "新华书店（市店）".into(),
            note: Some("读者荐购及履职专题图书".into()),
            lines,
        },
    )?;
    report.order_lines = order.lines.len();
    let (title, authors, publisher, isbn, _, price, clc) = BOOKS[0];
    if let Some(line) = order.lines.iter().find(|l| l.title == title) {
        let receipt = Receipt {
            title: Some(NewTitle {
                title: title.into(),
                authors: Some(authors.into()),
                publisher: Some(publisher.into()),
                isbn: Some(isbn.into()),
                year: Some((year - 1).to_string()),
                clc: Some(clc.into()),
                price: Some(price.into()),
                source: Some("采购".into()),
                ..Default::default()
            }),
            location: Some("D区2架".into()),
            ..Default::default()
        };
        acquisitions::receive_line(db, actor, line.id, &receipt, today - Days::new(3))?;
        report.lines_received += 1;
    }
    Ok(())
}

/// A reader asks for 《民主与法制》 next year and the librarian accepts it:
/// a new title on next year's 征订单.
pub(super) fn suggest_a_periodical(db: &Db, actor: &Actor, reader: i64) -> Result<()> {
    let asked = part::reader_suggest(
        db,
        reader,
        &SuggestionDraft {
            title: "民主与法制".into(),
            publisher: Some("中国法学会".into()),
            reason: Some("法治宣传和基层执法案例多，常委会组成人员和代表审议时用得上。".into()),
            kind: SuggestionKind::Periodical,
            ..Default::default()
        },
        None,
    )?;
    part::decide_suggestion(db, actor, asked.id, true, None)?;
    Ok(())
}
