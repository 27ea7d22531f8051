//! The 征订单: next year's subscription list drawn from this year's (less
//! those stopped), with totals, as the .xlsx the post office and the
//! finance office take.

use serde::Serialize;

use super::{Subscription, store};
use crate::db::Db;
use crate::error::Result;

/// One line of the 征订单.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalLine {
    pub postal_code: Option<String>,
    pub title: String,
    pub frequency: String,
    pub copies: i64,
    /// The year's price per copy, as given.
    pub price: Option<String>,
    /// copies × price, when the price reads as a number.
    pub amount: Option<f64>,
    pub supplier: String,
    /// A reader's accepted suggestion of a periodical not yet subscribed:
    /// a new title, its 刊期 and price to be found out.
    pub suggestion_id: Option<i64>,
    /// Who suggested it.
    pub suggested_by: Option<String>,
}

/// Next year's list and its total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenewalList {
    pub year: i32,
    pub lines: Vec<RenewalLine>,
    pub total: f64,
    /// Lines whose price could not be read as a number (not in the total).
    pub unpriced: usize,
}

/// A price as people write it: 45, 45.00, ¥45, 45元, CNY45.
fn amount_of(price: &str) -> Option<f64> {
    let t: String = price
        .trim()
        .trim_start_matches("CNY")
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim()
        .to_owned();
    // A subscription's price, not a number past any budget.
    t.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && (0.0..=10_000_000.0).contains(v))
}

fn line_of(s: &Subscription) -> RenewalLine {
    let amount = s
        .price
        .as_deref()
        .and_then(amount_of)
        .map(|p| (p * s.copies as f64 * 100.0).round() / 100.0);
    RenewalLine {
        postal_code: s.postal_code.clone(),
        title: s.title.clone(),
        frequency: s.frequency.clone(),
        copies: s.copies,
        price: s.price.clone(),
        amount,
        supplier: s.supplier.clone(),
        suggestion_id: None,
        suggested_by: None,
    }
}

fn suggested(s: &crate::participation::Suggestion) -> RenewalLine {
    RenewalLine {
        postal_code: None,
        title: s.title.clone(),
        frequency: String::new(),
        copies: 1,
        price: None,
        amount: None,
        supplier: String::new(),
        suggestion_id: Some(s.id),
        suggested_by: Some(s.person_name.clone()),
    }
}

/// The 征订单 for `year`: the subscriptions of the year before still
/// running (not stopped), one line per serial, then the periodicals readers
/// suggested and the librarian accepted (new titles, unpriced).
pub fn renewal_list(db: &Db, year: i32) -> Result<RenewalList> {
    let last = year - 1;
    db.read(|tx| {
        let mut seen = std::collections::HashSet::new();
        let mut lines: Vec<RenewalLine> =
            store::list_subscriptions(tx, &format!("{last}-01-01"), &format!("{last}-12-31"))?
                .iter()
                .filter(|s| !s.stopped && seen.insert(s.title_id))
                .map(line_of)
                .collect();
        let mut names: std::collections::HashSet<String> =
            lines.iter().map(|l| l.title.clone()).collect();
        lines.extend(
            crate::participation::periodicals_to_subscribe(tx)?
                .iter()
                .filter(|s| names.insert(s.title.clone()))
                .map(suggested),
        );
        // Summed from 0.0: an empty f64 sum is -0.0 (合计 -0.00 元).
        let total = lines
            .iter()
            .filter_map(|l| l.amount)
            .fold(0.0, |a, b| a + b);
        Ok(RenewalList {
            year,
            unpriced: lines.iter().filter(|l| l.amount.is_none()).count(),
            total: (total * 100.0).round() / 100.0,
            lines,
        })
    })
}

/// Writes the 征订单 for `year` to `path` (.xlsx).
pub fn export_renewal_list(db: &Db, year: i32, path: &std::path::Path) -> Result<RenewalList> {
    let list = renewal_list(db, year)?;
    let xlsx = |e: rust_xlsxwriter::XlsxError| crate::Error::workbook_not_saved(path, e);
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book
        .add_worksheet()
        .set_name(format!("{year}年征订单"))
        .map_err(xlsx)?;
    let head = [
        "序号",
        "邮发代号",
        "报刊名称",
        "刊期",
        "份数",
        "全年定价",
        "金额",
        "订阅渠道",
        "说明",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
        sheet
            .set_column_width(c as u16, if c == 2 || c == 8 { 24 } else { 12 })
            .map_err(xlsx)?;
    }
    for (i, l) in list.lines.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_number(r, 0, f64::from(r)).map_err(xlsx)?;
        sheet
            .write_string(r, 1, l.postal_code.as_deref().unwrap_or(""))
            .map_err(xlsx)?;
        sheet.write_string(r, 2, &l.title).map_err(xlsx)?;
        sheet.write_string(r, 3, &l.frequency).map_err(xlsx)?;
        sheet.write_number(r, 4, l.copies as f64).map_err(xlsx)?;
        match l.price.as_deref().and_then(amount_of) {
            Some(p) => sheet.write_number(r, 5, p),
            None => sheet.write_string(r, 5, l.price.as_deref().unwrap_or("")),
        }
        .map_err(xlsx)?;
        if let Some(a) = l.amount {
            sheet.write_number(r, 6, a).map_err(xlsx)?;
        }
        sheet.write_string(r, 7, &l.supplier).map_err(xlsx)?;
        if let Some(who) = &l.suggested_by {
            sheet
                .write_string(r, 8, format!("新订（{who}荐购），刊期、定价待定"))
                .map_err(xlsx)?;
        }
    }
    let r = list.lines.len() as u32 + 1;
    sheet
        .write_string_with_format(r, 2, "合计", &bold)
        .map_err(xlsx)?;
    sheet
        .write_number(
            r,
            4,
            list.lines.iter().map(|l| l.copies as f64).sum::<f64>(),
        )
        .map_err(xlsx)?;
    sheet
        .write_number_with_format(r, 6, list.total, &bold)
        .map_err(xlsx)?;
    book.save(path).map_err(xlsx)?;
    Ok(list)
}

/// Writes the 征订单 for `year` into the export folder `dir` as
/// `{year}年征订单.xlsx`; the file's path.
pub fn export_renewal_list_for_user(db: &Db, year: i32, dir: &std::path::Path) -> Result<String> {
    let path = crate::home::export_path(dir, &format!("{year}年征订单.xlsx"))?;
    export_renewal_list(db, year, &path)?;
    Ok(path.display().to_string())
}

/// What confirming the 征订单 made.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Renewed {
    pub year: i32,
    /// Subscriptions made for the year.
    pub subscriptions: usize,
    /// Issues predicted for them.
    pub issues: usize,
    /// Serials already subscribed for the year, left as they are.
    pub already: usize,
    /// Periodicals readers suggested, on the list but not subscribed (their
    /// 刊期 is not known): to be added by hand.
    pub suggested: usize,
}

/// Confirms the 征订单 for `year`, as one action: each subscription of the
/// year before still running is renewed for `year` — its pattern, copies,
/// price and supplier, its 合刊 (a yearly 7-8月合刊) and its 休刊 a year
/// on, the 总期号 going on from the last issue's — and its issues predicted.
pub fn confirm_renewal(db: &Db, actor: &crate::audit::Actor, year: i32) -> Result<Renewed> {
    use chrono::Datelike;
    let last = year - 1;
    db.write(actor, |tx| {
        let running: Vec<Subscription> =
            store::list_subscriptions(tx, &format!("{last}-01-01"), &format!("{last}-12-31"))?
                .into_iter()
                .filter(|s| !s.stopped)
                .collect();
        let mut seen = std::collections::HashSet::new();
        let renewing: std::collections::HashSet<String> =
            running.iter().map(|s| s.title.clone()).collect();
        let (mut subscriptions, mut issues, mut already) = (0, 0, 0);
        for s in running {
            if !seen.insert(s.title_id) {
                continue;
            }
            let taken =
                store::list_subscriptions(tx, &format!("{year}-01-01"), &format!("{year}-12-31"))?
                    .iter()
                    .any(|o| o.title_id == s.title_id);
            if taken {
                already += 1;
                continue;
            }
            let next_total = store::list_issues(tx, s.id)?
                .iter()
                .filter_map(|i| i.total_no_to)
                .max()
                .map(|t| t + 1)
                .or(s.first_total);
            let a_year_on = |d: chrono::NaiveDate| {
                d.with_year(d.year() + 1)
                    .unwrap_or_else(|| d + chrono::Days::new(365))
            };
            let draft = super::SubscriptionDraft {
                frequency: s.frequency.clone(),
                weekdays: s.weekdays.clone(),
                days: s.days.clone(),
                months: s.months.clone(),
                year: Some(year),
                copies: Some(s.copies),
                price: s.price.clone(),
                first_issue: Some(1),
                first_total: next_total,
                combine: s.combine.clone(),
                skip: s
                    .skip
                    .iter()
                    .map(|(a, b)| (a_year_on(*a), a_year_on(*b)))
                    .collect(),
                holiday_pause: s.holiday_pause,
                grace_days: Some(s.grace_days),
                transit_days: Some(s.transit_days),
                supplier: Some(s.supplier.clone()),
                ..Default::default()
            };
            let added = super::add_in(
                tx,
                &super::SerialDraft {
                    title: s.title.clone(),
                    issn: s.issn.clone(),
                    postal_code: s.postal_code.clone(),
                    ..Default::default()
                },
                &draft,
            )?;
            subscriptions += 1;
            issues += added.issues;
        }
        tx.audit(
            crate::Action::Create,
            crate::Entity::Serial,
            None,
            &format!("确认{year}年征订单：续订 {subscriptions} 种，共 {issues} 期"),
        )?;
        let suggested = crate::participation::periodicals_to_subscribe(tx)?
            .iter()
            .filter(|s| !renewing.contains(&s.title))
            .map(|s| &s.title)
            .collect::<std::collections::HashSet<_>>()
            .len();
        Ok(Renewed {
            year,
            subscriptions,
            issues,
            already,
            suggested,
        })
    })
}

/// A year's periodicals figures: how much came, per title and supplier,
/// and what was bound.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SerialFigures {
    pub year: i32,
    pub titles: Vec<Arrival>,
    pub suppliers: Vec<Arrival>,
    /// Bound volumes made of the year's issues.
    pub bound_volumes: i64,
    /// Issues bound.
    pub bound_issues: i64,
}

/// How many issues were due by a day and how many came.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Arrival {
    pub name: String,
    pub due: i64,
    pub arrived: i64,
    /// arrived / due, in percent (none when nothing was due).
    pub rate: Option<f64>,
}

/// The periodicals figures of `year`, counting issues expected by `until`.
pub fn serial_figures(db: &Db, year: i32, until: chrono::NaiveDate) -> Result<SerialFigures> {
    db.read(|tx| {
        let (titles, suppliers, volumes, bound) = store::figures(tx, year, &until.to_string())?;
        let arrival = |(name, due, arrived): (String, i64, i64)| Arrival {
            rate: (due > 0).then(|| (arrived as f64 * 1000.0 / due as f64).round() / 10.0),
            name,
            due,
            arrived,
        };
        Ok(SerialFigures {
            year,
            titles: titles.into_iter().map(arrival).collect(),
            suppliers: suppliers.into_iter().map(arrival).collect(),
            bound_volumes: volumes,
            bound_issues: bound,
        })
    })
}
