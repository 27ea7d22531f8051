//! The year's purchases (采购): a budget per year and kind (图书购置费,
//! 报刊订阅费), book orders to a supplier whose lines come from readers'
//! suggestions, are typed or given by ISBN, and land in the catalogue when
//! received — the title catalogued, its copies made with barcodes, and the
//! suggestion it came from 已到馆 with a hold for its reader. What is
//! committed and spent is reckoned against the budget, with a warning at
//! 90 % and over.

mod store;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::catalog::{Isbn, NewCopies, NewTitle, Title};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::{checked_text, non_empty};

/// The two budgets of a 机关阅览室.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetKind {
    /// 图书购置费.
    Books,
    /// 报刊订阅费.
    Periodicals,
}

impl BudgetKind {
    pub fn code(self) -> &'static str {
        match self {
            BudgetKind::Books => "books",
            BudgetKind::Periodicals => "periodicals",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BudgetKind::Books => "图书购置费",
            BudgetKind::Periodicals => "报刊订阅费",
        }
    }
}

/// A budget as the year stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetStatus {
    pub year: i32,
    pub kind: BudgetKind,
    /// The budget, in fen; `None` when none was set.
    pub amount_fen: Option<i64>,
    /// Ordered, not yet received (books); subscribed (periodicals).
    pub committed_fen: i64,
    /// Received (books).
    pub spent_fen: i64,
    /// (committed + spent) / budget, in percent, when there is a budget.
    pub percent: Option<f64>,
    /// 已用 90 % or over the budget, in words.
    pub warning: Option<String>,
    /// What the budget's note says (如：局办公会批准).
    pub note: Option<String>,
    /// The budget's revision, 0 when none was set: an edit sends the one
    /// it was based on (see [`set_budget`]).
    pub revision: i64,
}

/// An order to a supplier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Order {
    pub id: i64,
    pub year: i32,
    pub supplier: String,
    pub note: Option<String>,
    pub lines: i64,
    pub received: i64,
    pub total_fen: i64,
    pub created_at: String,
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderLine {
    pub id: i64,
    pub order_id: i64,
    pub suggestion_id: Option<i64>,
    pub title: String,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub isbn: Option<String>,
    pub copies: i64,
    pub price_fen: i64,
    /// `ordered`, `received` or `cancelled`.
    pub status: String,
    pub title_id: Option<i64>,
    pub received_on: Option<String>,
}

/// An order with its lines and the budget it draws on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderDetail {
    pub order: Order,
    pub lines: Vec<OrderLine>,
    pub budget: BudgetStatus,
}

/// A line as typed, by ISBN, or from a suggestion (whose fields fill in
/// what is left empty).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LineDraft {
    pub suggestion_id: Option<i64>,
    pub title: Option<String>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub isbn: Option<String>,
    pub copies: Option<i64>,
    /// Price per copy in yuan, as people write it: 45, 45.50, ¥45.
    pub price: Option<String>,
}

/// An order as its form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OrderDraft {
    pub year: i32,
    pub supplier: String,
    pub note: Option<String>,
    pub lines: Vec<LineDraft>,
}

/// How a received line is catalogued: what the librarian corrects of the
/// title, its class and call number, and where its copies go.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct Receipt {
    pub title: Option<NewTitle>,
    pub location: Option<String>,
    /// Copies that came, when fewer than ordered: the rest stays on order
    /// as a line of its own.
    pub copies: Option<i64>,
}

/// Yuan as people write them, in fen.
pub fn fen_of(text: &str) -> Result<i64> {
    let t = text
        .trim()
        .trim_start_matches("CNY")
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    let wrong = || {
        Error::invalid(
            "price",
            format!("金额“{}”不对，应为如 45 或 45.50 的数。", text.trim()),
        )
    };
    let value: f64 = t.parse().map_err(|_| wrong())?;
    if !value.is_finite() || !(0.0..=100_000_000.0).contains(&value) {
        return Err(wrong());
    }
    Ok((value * 100.0).round() as i64)
}

fn status_in(tx: &rusqlite::Connection, year: i32, kind: BudgetKind) -> Result<BudgetStatus> {
    let budget = store::budget(tx, year, kind)?;
    let amount = budget.as_ref().map(|b| b.0);
    let (committed, spent) = match kind {
        BudgetKind::Books => store::book_money(tx, year)?,
        BudgetKind::Periodicals => {
            let subscribed = store::subscription_prices(tx, year)?
                .into_iter()
                .filter_map(|(copies, price)| Some(fen_of(&price?).ok()? * copies))
                .sum();
            (subscribed, 0)
        }
    };
    let used = committed + spent;
    let percent = amount
        .filter(|a| *a > 0)
        .map(|a| (used as f64 * 1000.0 / a as f64).round() / 10.0);
    let warning = match (amount, percent) {
        (Some(a), _) if used > a => Some(format!(
            "{year}年{}已超出预算 {:.2} 元。",
            kind.label(),
            (used - a) as f64 / 100.0
        )),
        (_, Some(p)) if p >= 90.0 => {
            Some(format!("{year}年{}已用 {p:.1}%，接近预算。", kind.label()))
        }
        _ => None,
    };
    Ok(BudgetStatus {
        year,
        kind,
        amount_fen: amount,
        committed_fen: committed,
        spent_fen: spent,
        percent,
        warning,
        revision: budget.as_ref().map_or(0, |b| b.1),
        note: budget.and_then(|b| b.2),
    })
}

/// A budget's or an order's year, as an office plans them.
fn check_year(year: i32) -> Result<()> {
    if (1900..=2200).contains(&year) {
        Ok(())
    } else {
        Err(Error::invalid("year", "年度应在 1900 到 2200 之间。"))
    }
}

/// Sets a year's budget of a kind (yuan as written), as one action.
///
/// `revision` is the one the form showed ([`BudgetStatus::revision`], 0
/// for a budget not yet set): a budget changed elsewhere meanwhile is not
/// overwritten.
pub fn set_budget(
    db: &Db,
    actor: &Actor,
    year: i32,
    kind: BudgetKind,
    amount: &str,
    note: Option<&str>,
    revision: Option<i64>,
) -> Result<BudgetStatus> {
    check_year(year)?;
    let fen = fen_of(amount)?;
    let note = checked_text("note", "说明", note, 200, false)?;
    db.write(actor, |tx| {
        let stored = store::budget(tx, year, kind)?.map_or(0, |b| b.1);
        crate::error::check_revision(stored, revision)?;
        store::set_budget(tx, year, kind, fen, note.as_deref())?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::Order,
            None,
            &format!("{year}年{} {:.2} 元", kind.label(), fen as f64 / 100.0),
        )?;
        status_in(tx, year, kind)
    })
}

/// Both budgets of a year as they stand.
pub fn budgets(db: &Db, year: i32) -> Result<Vec<BudgetStatus>> {
    check_year(year)?;
    db.read(|tx| {
        Ok(vec![
            status_in(tx, year, BudgetKind::Books)?,
            status_in(tx, year, BudgetKind::Periodicals)?,
        ])
    })
}

fn add_line(tx: &crate::db::WriteTx<'_>, order_id: i64, draft: &LineDraft) -> Result<i64> {
    let from = match draft.suggestion_id {
        Some(id) => Some(crate::participation::suggestion_for_order(tx, id)?),
        None => None,
    };
    let pick = |given: &Option<String>, fallback: Option<&String>| {
        non_empty(given.as_deref()).or_else(|| fallback.cloned())
    };
    let title = pick(&draft.title, from.as_ref().map(|s| &s.title))
        .ok_or_else(|| Error::invalid("title", "订单行要有书名（或从荐购选）。"))?;
    let title = checked_text("title", "书名", Some(&title), 500, false)?.unwrap_or_default();
    let authors = pick(
        &draft.authors,
        from.as_ref().and_then(|s| s.author.as_ref()),
    );
    let publisher = pick(
        &draft.publisher,
        from.as_ref().and_then(|s| s.publisher.as_ref()),
    );
    let isbn = match pick(&draft.isbn, from.as_ref().and_then(|s| s.isbn.as_ref())) {
        Some(i) => Some(
            Isbn::parse(&i)
                .map_err(|e| Error::invalid("isbn", e.0))?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let copies = draft.copies.unwrap_or(1);
    if !(1..=500).contains(&copies) {
        return Err(Error::invalid("copies", "册数应为 1 到 500。"));
    }
    let price_fen = match non_empty(draft.price.as_deref()) {
        Some(p) => fen_of(&p)?,
        None => 0,
    };
    store::insert_line(
        tx,
        order_id,
        &store::NewLine {
            suggestion_id: draft.suggestion_id,
            title: &title,
            authors: authors.as_deref(),
            publisher: publisher.as_deref(),
            isbn: isbn.as_deref(),
            copies,
            price_fen,
            title_id: None,
        },
    )
}

fn detail_in(tx: &rusqlite::Connection, id: i64) -> Result<OrderDetail> {
    let order = store::get_order(tx, id)?;
    Ok(OrderDetail {
        lines: store::lines_of(tx, id)?,
        budget: status_in(tx, order.year, BudgetKind::Books)?,
        order,
    })
}

/// Places an order with its lines, as one action; the detail says how the
/// books budget stands (with its warning).
pub fn create_order(db: &Db, actor: &Actor, draft: &OrderDraft) -> Result<OrderDetail> {
    let supplier = checked_text("supplier", "供应商", Some(&draft.supplier), 100, false)?
        .ok_or_else(|| Error::invalid("supplier", "请填写供应商（书店）。"))?;
    if draft.lines.is_empty() || draft.lines.len() > 1000 {
        return Err(Error::invalid("lines", "订单应有 1 到 1000 行。"));
    }
    check_year(draft.year)?;
    db.write(actor, |tx| {
        let id = store::insert_order(tx, draft.year, &supplier, draft.note.as_deref())?;
        for line in &draft.lines {
            add_line(tx, id, line)?;
        }
        tx.audit(
            crate::Action::Create,
            crate::Entity::Order,
            Some(id),
            &format!("向 {supplier} 订购 {} 种", draft.lines.len()),
        )?;
        detail_in(tx, id)
    })
}

/// An order with its lines.
pub fn order(db: &Db, id: i64) -> Result<OrderDetail> {
    db.read(|tx| detail_in(tx, id))
}

/// A year's orders, newest first.
pub fn orders(db: &Db, year: i32) -> Result<Vec<Order>> {
    db.read(|tx| store::list_orders(tx, year))
}

/// Receives a line, as one action: the title is catalogued (from the line,
/// as corrected in `receipt`), its copies made with barcodes, and the
/// suggestion it came from 已到馆 with a hold for its reader. When fewer
/// copies came than were ordered, the line is received with those and the
/// rest stays on order as a new line.
pub fn receive_line(
    db: &Db,
    actor: &Actor,
    line_id: i64,
    receipt: &Receipt,
    on: NaiveDate,
) -> Result<Title> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        let line = store::get_line(tx, line_id)?;
        if line.status != "ordered" {
            return Err(Error::conflict(format!(
                "《{}》这一行已{}。",
                line.title,
                if line.status == "received" {
                    "验收"
                } else {
                    "取消"
                }
            )));
        }
        let copies = receipt.copies.unwrap_or(line.copies);
        if !(1..=line.copies).contains(&copies) {
            return Err(Error::invalid(
                "copies",
                format!("实到册数应为 1 到订购的 {} 册。", line.copies),
            ));
        }
        let new = receipt.title.clone().unwrap_or_else(|| NewTitle {
            title: line.title.clone(),
            authors: line.authors.clone(),
            publisher: line.publisher.clone(),
            isbn: line.isbn.clone(),
            price: Some(format!("{:.2}", line.price_fen as f64 / 100.0)),
            source: Some("采购".into()),
            ..Default::default()
        });
        // The rest of a line partly received goes to the title its first
        // copies went to; a book the catalogue already has (by ISBN) gets
        // the new copies.
        let existing = match (
            line.title_id,
            new.isbn.as_deref().and_then(|i| Isbn::parse(i).ok()),
        ) {
            (Some(id), _) => Some(id),
            (None, Some(isbn)) => {
                crate::catalog::find_title_by_isbn(tx, isbn.as_str())?.map(|t| t.id)
            }
            (None, None) => None,
        };
        let title_id = match existing {
            Some(id) => id,
            None => crate::catalog::insert_title(tx, &new.validate()?)?,
        };
        crate::catalog::add_copies(
            tx,
            title_id,
            &NewCopies {
                count: copies as u32,
                location: receipt.location.clone(),
                acquired_on: Some(on.to_string()),
                ..Default::default()
            },
        )?;
        store::set_line_received(tx, line_id, title_id, &on.to_string(), copies)?;
        let rest = line.copies - copies;
        if rest > 0 {
            store::insert_line(
                tx,
                line.order_id,
                &store::NewLine {
                    suggestion_id: None,
                    title: &line.title,
                    authors: line.authors.as_deref(),
                    publisher: line.publisher.as_deref(),
                    isbn: line.isbn.as_deref(),
                    copies: rest,
                    price_fen: line.price_fen,
                    title_id: Some(title_id),
                },
            )?;
        }
        if let Some(s) = line.suggestion_id
            && let Some(person) = store::suggestion_arrived(tx, s, title_id)?
            && crate::circulation::find_open_hold_of(tx, title_id, person)?.is_none()
        {
            crate::circulation::place_hold_in(tx, title_id, person, today)?;
        }
        tx.audit(
            crate::Action::Receive,
            crate::Entity::Order,
            Some(line.order_id),
            &if rest > 0 {
                format!("验收《{}》{copies} 册，余 {rest} 册待到", line.title)
            } else {
                format!("验收《{}》{copies} 册", line.title)
            },
        )?;
        crate::catalog::get_title(tx, title_id)
    })
}

/// Cancels a line not yet received, as one action.
pub fn cancel_line(db: &Db, actor: &Actor, line_id: i64) -> Result<OrderDetail> {
    db.write(actor, |tx| {
        let line = store::get_line(tx, line_id)?;
        if line.status != "ordered" {
            return Err(Error::conflict(format!(
                "《{}》这一行不能再取消。",
                line.title
            )));
        }
        store::set_line_cancelled(tx, line_id)?;
        tx.audit(
            crate::Action::Cancel,
            crate::Entity::Order,
            Some(line.order_id),
            &format!("取消订购《{}》", line.title),
        )?;
        detail_in(tx, line.order_id)
    })
}
