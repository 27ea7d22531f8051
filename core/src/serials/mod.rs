//! The periodicals room (报刊): serials and their yearly subscriptions, the
//! whole year's issues predicted by the 刊期 engine, check-in by scanning
//! the cover (记到), the late list computed when asked (never by a timer),
//! claims, and binding a year's issues into one lendable copy (合订本).

mod claims;
pub mod codes;
pub mod current;
pub mod engine;
mod files;
mod import;
pub mod routing;
mod store;

pub use claims::{export_claims, export_claims_for_user};
pub use engine::{Frequency, Plan, Predicted};
pub use files::*;
pub use import::{SUBSCRIPTION_FIELDS, import_subscriptions_file};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::catalog::{NewCopies, NewTitle};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::text::{checked_text, non_empty};

/// What an issue has come to. Late is not a status: it is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueStatus {
    Expected,
    Received,
    Partial,
    Claimed,
    Missing,
    Bound,
}

impl IssueStatus {
    pub const ALL: &[IssueStatus] = &[
        IssueStatus::Expected,
        IssueStatus::Received,
        IssueStatus::Partial,
        IssueStatus::Claimed,
        IssueStatus::Missing,
        IssueStatus::Bound,
    ];

    pub fn code(self) -> &'static str {
        match self {
            IssueStatus::Expected => "expected",
            IssueStatus::Received => "received",
            IssueStatus::Partial => "partial",
            IssueStatus::Claimed => "claimed",
            IssueStatus::Missing => "missing",
            IssueStatus::Bound => "bound",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IssueStatus::Expected => "待到",
            IssueStatus::Received => "已到",
            IssueStatus::Partial => "部分到",
            IssueStatus::Claimed => "已催询",
            IssueStatus::Missing => "缺期",
            IssueStatus::Bound => "已合订",
        }
    }
}

/// A serial title as it is added: the name and the codes it carries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SerialDraft {
    pub title: String,
    pub issn: Option<String>,
    pub cn: Option<String>,
    pub postal_code: Option<String>,
    /// 刊期 as printed.
    pub frequency: Option<String>,
    pub sponsor: Option<String>,
}

/// A subscription as it is added.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SubscriptionDraft {
    /// A preset: 日报 … 不定期.
    pub frequency: String,
    pub weekdays: Vec<u32>,
    pub days: Vec<u32>,
    pub months: Vec<u32>,
    /// A calendar year, or `from` and `to`.
    pub year: Option<i32>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub copies: Option<i64>,
    pub price: Option<String>,
    pub first_issue: Option<u32>,
    pub first_total: Option<u32>,
    pub combine: Vec<(u32, u32)>,
    pub skip: Vec<(NaiveDate, NaiveDate)>,
    pub holiday_pause: bool,
    pub grace_days: Option<i64>,
    pub transit_days: Option<i64>,
    pub supplier: Option<String>,
    /// The revision an edit was based on ([`Subscription::revision`]);
    /// an edit without it, or on an older one, is refused.
    pub revision: Option<i64>,
}

/// A stored subscription.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subscription {
    pub id: i64,
    pub title_id: i64,
    pub title: String,
    pub issn: Option<String>,
    pub postal_code: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub frequency: String,
    pub weekdays: Vec<u32>,
    pub days: Vec<u32>,
    pub months: Vec<u32>,
    pub copies: i64,
    pub price: Option<String>,
    pub first_issue: u32,
    pub first_total: Option<u32>,
    pub grace_days: i64,
    pub transit_days: i64,
    pub combine: Vec<(u32, u32)>,
    pub skip: Vec<(NaiveDate, NaiveDate)>,
    pub holiday_pause: bool,
    pub supplier: String,
    pub stopped: bool,
    /// How many issues it has, and how many are in (or bound).
    pub issues: i64,
    pub received: i64,
    /// Bumped by each edit; an edit names the one it was based on.
    pub revision: i64,
}

/// One issue (期), predicted or added by hand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Issue {
    pub id: i64,
    pub subscription_id: i64,
    pub label: String,
    pub issue_no_from: Option<u32>,
    pub issue_no_to: Option<u32>,
    pub total_no_from: Option<u32>,
    pub total_no_to: Option<u32>,
    /// 增刊, outside the numbering.
    pub supplement: bool,
    pub published_on: String,
    pub expected_on: String,
    pub status: IssueStatus,
    pub copies_expected: i64,
    pub copies_received: i64,
    pub received_on: Option<String>,
    pub claims: i64,
}

/// What `serials add` answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Added {
    pub subscription_id: i64,
    pub title_id: i64,
    pub issues: usize,
}

/// What a check-in scan did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Received {
    pub subscription_id: i64,
    pub title: String,
    pub issue: Issue,
    /// `received` or `partial`.
    pub status: IssueStatus,
}

/// An issue late: its expected date and the grace days have passed with
/// copies missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateIssue {
    pub issue_id: i64,
    pub subscription_id: i64,
    pub title: String,
    pub postal_code: Option<String>,
    pub supplier: String,
    pub label: String,
    pub expected_on: String,
    /// Days since the expected date.
    pub days_late: i64,
    pub copies_missing: i64,
    /// How many times it was claimed (催询).
    pub claims: i64,
    pub status: IssueStatus,
}

/// An issue that should have come in the last days and is not all in: the
/// oldest of its serial not yet in, so the one a scan of the serial takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueIssue {
    pub issue_id: i64,
    pub subscription_id: i64,
    pub title_id: i64,
    pub title: String,
    pub issn: Option<String>,
    pub postal_code: Option<String>,
    pub label: String,
    pub expected_on: String,
    pub copies_expected: i64,
    pub copies_received: i64,
    pub status: IssueStatus,
    /// How many of the serial's issues are due by then and not all in,
    /// this one included.
    pub waiting: i64,
}

/// A bound volume made from issues.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bound {
    pub copy_id: i64,
    pub barcode: String,
    pub call_number: String,
    /// How many issues went into it.
    pub issues: usize,
    /// The labels of the issues of the range that never came.
    pub missing: Vec<String>,
}

/// How many days ahead of its expected date an issue may be checked in.
pub const EARLY_DAYS: u64 = 7;

fn plan_of(s: &Subscription) -> Result<Plan> {
    Ok(Plan {
        frequency: Frequency::parse(&s.frequency)?,
        weekdays: s.weekdays.clone(),
        days: s.days.clone(),
        months: s.months.clone(),
        from: s
            .starts_on
            .parse()
            .map_err(|_| Error::invalid("from", "开始日期不对。"))?,
        to: s
            .ends_on
            .parse()
            .map_err(|_| Error::invalid("to", "结束日期不对。"))?,
        first_issue: s.first_issue,
        first_total: s.first_total,
        combine: s.combine.clone(),
        skip: s.skip.clone(),
        holiday_pause: s.holiday_pause,
        transit_days: s.transit_days as u32,
    })
}

/// Finds the serial by ISSN, 邮发代号 or title, or catalogues it.
fn serial_in(tx: &WriteTx<'_>, draft: &SerialDraft) -> Result<i64> {
    let issn = non_empty(draft.issn.as_deref())
        .map(|i| codes::normalize_issn(&i))
        .transpose()?;
    let cn = non_empty(draft.cn.as_deref())
        .map(|c| codes::normalize_cn(&c))
        .transpose()?;
    let postal = non_empty(draft.postal_code.as_deref())
        .map(|p| codes::normalize_postal_code(&p))
        .transpose()?;
    let title = checked_text("title", "报刊名称", Some(&draft.title), 200, false)?
        .ok_or_else(|| Error::invalid("title", "请填写报刊名称。"))?;
    if let Some(i) = &issn
        && let Some(id) = store::serial_by_issn(tx, i)?
    {
        return Ok(id);
    }
    if let Some(p) = &postal
        && let [id] = store::serials_by_postal_code(tx, p)?[..]
    {
        return Ok(id);
    }
    if issn.is_none()
        && postal.is_none()
        && let [id] = store::serials_by_title(tx, &title)?[..]
    {
        return Ok(id);
    }
    let new = NewTitle {
        title: title.clone(),
        publisher: non_empty(draft.sponsor.as_deref()),
        source: Some("订阅".into()),
        ..Default::default()
    };
    let id = crate::catalog::insert_title(tx, &new.validate()?)?;
    store::insert_serial(
        tx,
        id,
        &store::SerialRow {
            issn: issn.as_deref(),
            cn: cn.as_deref(),
            postal_code: postal.as_deref(),
            frequency: non_empty(draft.frequency.as_deref()).as_deref(),
            sponsor: non_empty(draft.sponsor.as_deref()).as_deref(),
        },
    )?;
    tx.audit(
        crate::Action::Create,
        crate::Entity::Serial,
        Some(id),
        &format!("报刊《{title}》"),
    )?;
    Ok(id)
}

/// The office's holidays changed on days within [from, to]: the papers
/// that pause on holidays have their issues not yet in predicted again (the
/// holiday notice comes out after the 征订单 made next year's issues), when
/// none of their issues from the first changed day on has come or been
/// chased; what came stays.
pub fn holidays_changed(tx: &WriteTx<'_>, from: NaiveDate, to: NaiveDate) -> Result<usize> {
    let subscriptions =
        store::holiday_paused_subscriptions(tx, &from.to_string(), &to.to_string())?;
    let mut changed = 0;
    for s in &subscriptions {
        // Numbers run on from the year's first issue: predicted again, the
        // issues before `from` keep theirs only if none from `from` on has
        // come (the usual case: next year's holidays before the year).
        if store::touched_since(tx, s.id, &from.to_string())? {
            continue;
        }
        changed += 1;
        let dropped = store::delete_untouched_issues(tx, s.id)?;
        let written = write_issues(tx, s, false)?;
        if dropped != written {
            tx.audit(
                crate::Action::Update,
                crate::Entity::Serial,
                Some(s.title_id),
                &format!(
                    "节假日变了：《{}》未到期次按新的放假安排重排，{dropped} 期为 {written} 期",
                    s.title
                ),
            )?;
        }
    }
    Ok(changed)
}

/// Writes a subscription's predicted issues, leaving out the numbers
/// already there (none for a new subscription, `fresh`).
fn write_issues(tx: &WriteTx<'_>, subscription: &Subscription, fresh: bool) -> Result<usize> {
    let days = crate::calendar::load_open_days(tx)?;
    let predicted = engine::predict(&plan_of(subscription)?, &|d| days.is_holiday(d))?;
    let kept: std::collections::HashSet<(String, Option<u32>)> = if fresh {
        Default::default()
    } else {
        store::list_issues(tx, subscription.id)?
            .into_iter()
            .map(|i| (i.published_on[..4].to_owned(), i.issue_no_from))
            .collect()
    };
    let dates: Vec<(String, String)> = predicted
        .iter()
        .map(|p| (p.published_on.to_string(), p.expected_on.to_string()))
        .collect();
    let new: Vec<store::NewIssue<'_>> = predicted
        .iter()
        .zip(&dates)
        .filter(|(p, (published, _))| {
            !kept.contains(&(published[..4].to_owned(), Some(p.issue_no.0)))
        })
        .map(|(p, (published, expected))| store::NewIssue {
            issue_no: Some(p.issue_no),
            total_no: p.total_no,
            supplement: false,
            label: &p.label,
            published_on: published,
            expected_on: expected,
            copies: subscription.copies,
        })
        .collect();
    // A year of a daily paper is some 360 rows: written many to a statement.
    store::insert_issues(tx, subscription.id, &new)?;
    let written = new.len();
    Ok(written)
}

fn subscription_row(title_id: i64, draft: &SubscriptionDraft) -> Result<Subscription> {
    let frequency = Frequency::parse(&draft.frequency)?;
    let (from, to) = match (draft.year, draft.from, draft.to) {
        (Some(y), None, None) => (
            NaiveDate::from_ymd_opt(y, 1, 1).ok_or_else(|| Error::invalid("year", "年份不对。"))?,
            NaiveDate::from_ymd_opt(y, 12, 31)
                .ok_or_else(|| Error::invalid("year", "年份不对。"))?,
        ),
        (None, Some(f), Some(t)) => (f, t),
        _ => {
            return Err(Error::invalid(
                "year",
                "请给出订阅的年份，或开始和结束日期（二者选一）。",
            ));
        }
    };
    if !(1900..=2200).contains(&chrono::Datelike::year(&from))
        || !(1900..=2200).contains(&chrono::Datelike::year(&to))
    {
        return Err(Error::invalid("year", "订阅的年份应在 1900 到 2200 之间。"));
    }
    if from > to {
        return Err(Error::invalid(
            "to",
            format!("订阅的结束日期 {to} 早于开始日期 {from}。"),
        ));
    }
    // Numbers as periodicals print them, and room to count a year on.
    if draft.first_issue.is_some_and(|n| !(1..=1000).contains(&n)) {
        return Err(Error::invalid(
            "first_issue",
            "第一期的当年期号应为 1 到 1000。",
        ));
    }
    if draft
        .first_total
        .is_some_and(|n| !(1..=10_000_000).contains(&n))
    {
        return Err(Error::invalid(
            "first_total",
            "第一期的总期号应为 1 到 10000000。",
        ));
    }
    let copies = draft.copies.unwrap_or(1);
    if !(1..=1000).contains(&copies) {
        return Err(Error::invalid("copies", "份数应为 1 到 1000。"));
    }
    let grace = draft.grace_days.unwrap_or(15);
    let transit = draft.transit_days.unwrap_or(0);
    if !(0..=365).contains(&grace) || !(0..=60).contains(&transit) {
        return Err(Error::invalid(
            "grace",
            "宽限天数应为 0 到 365，在途天数应为 0 到 60。",
        ));
    }
    Ok(Subscription {
        id: 0,
        title_id,
        title: String::new(),
        issn: None,
        postal_code: None,
        starts_on: from.to_string(),
        ends_on: to.to_string(),
        frequency: frequency.name().to_owned(),
        weekdays: draft.weekdays.clone(),
        days: draft.days.clone(),
        months: draft.months.clone(),
        copies,
        price: checked_text("price", "定价", draft.price.as_deref(), 40, false)?,
        first_issue: draft.first_issue.unwrap_or(1),
        first_total: draft.first_total,
        grace_days: grace,
        transit_days: transit,
        combine: draft.combine.clone(),
        skip: draft.skip.clone(),
        holiday_pause: draft.holiday_pause,
        supplier: checked_text(
            "supplier",
            "订阅渠道",
            draft.supplier.as_deref(),
            100,
            false,
        )?
        .unwrap_or_else(|| "邮局".into()),
        stopped: false,
        revision: 0,
        issues: 0,
        received: 0,
    })
}

pub(crate) fn add_in(
    tx: &WriteTx<'_>,
    serial: &SerialDraft,
    draft: &SubscriptionDraft,
) -> Result<Added> {
    let title_id = serial_in(tx, serial)?;
    let mut row = subscription_row(title_id, draft)?;
    // The pattern is checked before anything of it is written.
    plan_of(&row)?;
    let id = store::insert_subscription(tx, &row)?;
    row.id = id;
    let issues = write_issues(tx, &row, true)?;
    tx.audit(
        crate::Action::Create,
        crate::Entity::Serial,
        Some(title_id),
        &format!(
            "订阅《{}》{} 至 {}，{} 份，{issues} 期",
            serial.title.trim(),
            row.starts_on,
            row.ends_on,
            row.copies
        ),
    )?;
    Ok(Added {
        subscription_id: id,
        title_id,
        issues,
    })
}

/// Adds a subscription (cataloguing the serial when it is new) and writes
/// its predicted issues, as one action.
pub fn add_subscription(
    db: &Db,
    actor: &Actor,
    serial: &SerialDraft,
    draft: &SubscriptionDraft,
) -> Result<Added> {
    db.write(actor, |tx| add_in(tx, serial, draft))
}

/// A subscription.
pub fn subscription(db: &Db, id: i64) -> Result<Subscription> {
    db.read(|tx| store::get_subscription(tx, id))
}

/// The subscriptions covering any day of a year, by 邮发代号 and title.
pub fn subscriptions(db: &Db, year: i32) -> Result<Vec<Subscription>> {
    db.read(|tx| store::list_subscriptions(tx, &format!("{year}-01-01"), &format!("{year}-12-31")))
}

/// A subscription's issues in publication order.
pub fn issues(db: &Db, subscription_id: i64) -> Result<Vec<Issue>> {
    db.read(|tx| {
        store::get_subscription(tx, subscription_id)?;
        store::list_issues(tx, subscription_id)
    })
}

/// The serials a check-in code names: a cover's EAN-13, an ISSN, a 邮发代号
/// or the exact title.
fn serials_named(conn: &rusqlite::Connection, code: &str) -> Result<Vec<i64>> {
    let code = code.trim();
    if let Some(issn) = codes::issn_of_ean(code).or_else(|| codes::normalize_issn(code).ok()) {
        return Ok(store::serial_by_issn(conn, &issn)?.into_iter().collect());
    }
    if let Ok(postal) = codes::normalize_postal_code(code) {
        let found = store::serials_by_postal_code(conn, &postal)?;
        if !found.is_empty() {
            return Ok(found);
        }
    }
    store::serials_by_title(conn, code)
}

/// Checks in what a scan names (记到), as one action: the oldest issue not
/// yet in whose expected date is at most a week after `on`, with `copies`
/// (else all it still lacks). A scan with nothing due is 重复到刊 and
/// changes nothing.
pub fn receive(
    db: &Db,
    actor: &Actor,
    code: &str,
    on: NaiveDate,
    copies: Option<i64>,
) -> Result<Received> {
    db.write(actor, |tx| {
        let serials = serials_named(tx, code)?;
        if serials.is_empty() {
            return Err(Error::NotFound(format!(
                "没有找到“{}”对应的报刊：请扫描封面条码，或输入邮发代号、刊名。",
                code.trim()
            )));
        }
        let subscriptions = store::subscriptions_of(tx, &serials)?;
        let until = on
            .checked_add_days(Days::new(EARLY_DAYS))
            .ok_or_else(|| Error::invalid("on", "记到日期不对。"))?;
        let duplicate = || {
            Error::conflict(
                "重复到刊：这份报刊没有待到的期次（已到齐，或下一期还没到日子），没有做任何更改。",
            )
        };
        let Some(issue) = store::oldest_due(tx, &subscriptions, &until.to_string())? else {
            return Err(duplicate());
        };
        // An issue may come early (up to a week), but a paper that comes
        // out more often than weekly not before the day after the one
        // before it: a second scan of today's paper is 重复到刊, not
        // tomorrow's paper checked in.
        if let Some(before) =
            store::previous_published(tx, issue.subscription_id, &issue.published_on)?
            && let (Ok(this), Ok(before)) = (
                issue.published_on.parse::<NaiveDate>(),
                before.parse::<NaiveDate>(),
            )
        {
            let gap = (this - before).num_days().max(1) as u64;
            // Weekly and rarer: the week DESIGN gives; more often than
            // weekly: up to the day after the issue before.
            let early = if gap >= EARLY_DAYS {
                EARLY_DAYS
            } else {
                gap - 1
            };
            let expected: NaiveDate = issue.expected_on.parse().unwrap_or(this);
            if on
                .checked_add_days(Days::new(early))
                .is_some_and(|latest| expected > latest)
            {
                return Err(duplicate());
            }
        }
        let lacking = issue.copies_expected - issue.copies_received;
        let n = copies.unwrap_or(lacking);
        if n < 1 || n > lacking {
            return Err(Error::invalid(
                "copies",
                format!("这一期还差 {lacking} 份，本次到刊份数应为 1 到 {lacking}。"),
            ));
        }
        let have = issue.copies_received + n;
        let status = if have == issue.copies_expected {
            IssueStatus::Received
        } else {
            IssueStatus::Partial
        };
        store::set_received(tx, issue.id, have, status, &on.to_string())?;
        let subscription = store::get_subscription(tx, issue.subscription_id)?;
        tx.audit(
            crate::Action::Receive,
            crate::Entity::Serial,
            Some(subscription.title_id),
            &format!("《{}》{} 到 {n} 份", subscription.title, issue.label),
        )?;
        Ok(Received {
            subscription_id: subscription.id,
            title: subscription.title,
            issue: store::get_issue(tx, issue.id)?,
            status,
        })
    })
}

/// 今日到刊: per serial still subscribed, the oldest issue not all in
/// whose expected date is on or before `on`, when that date is no more than
/// `days` days before `on` or the issue is not yet late (late ones are on
/// the late list); by 邮发代号.
pub fn due_issues(db: &Db, on: NaiveDate, days: u64) -> Result<Vec<DueIssue>> {
    let since = on
        .checked_sub_days(Days::new(days))
        .ok_or_else(|| Error::invalid("on", "日期不对。"))?;
    db.read(|tx| store::due_issues(tx, &since.to_string(), &on.to_string()))
}

/// The issues late on `on`, by supplier and 邮发代号.
pub fn late(db: &Db, on: NaiveDate) -> Result<Vec<LateIssue>> {
    db.read(|tx| store::late_issues(tx, &on.to_string()))
}

/// Records a claim (催询) of each of these issues on `on`, as one action.
pub fn claim(db: &Db, actor: &Actor, issue_ids: &[i64], on: NaiveDate) -> Result<usize> {
    let mut ids = issue_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(Error::invalid("issues", "请选择要催询的期次。"));
    }
    db.write(actor, |tx| {
        for id in &ids {
            // Only what is due and not all in is chased.
            let issue = store::get_issue(tx, *id)?;
            let open = matches!(
                issue.status,
                IssueStatus::Expected | IssueStatus::Partial | IssueStatus::Claimed
            );
            if !open || issue.expected_on.as_str() >= on.to_string().as_str() {
                return Err(Error::conflict(format!(
                    "{}{}，不用催询，没有做任何更改。",
                    issue.label,
                    if open {
                        "还没到应到日期"
                    } else {
                        issue.status.label()
                    }
                )));
            }
            store::add_claim(tx, *id, &on.to_string())?;
        }
        tx.audit(
            crate::Action::Claim,
            crate::Entity::Serial,
            None,
            &format!("缺刊催询 {} 期", ids.len()),
        )?;
        Ok(ids.len())
    })
}

/// Marks an issue missing for good (缺期), as one action.
pub fn mark_missing(db: &Db, actor: &Actor, issue_id: i64) -> Result<Issue> {
    db.write(actor, |tx| {
        let issue = store::get_issue(tx, issue_id)?;
        if !matches!(
            issue.status,
            IssueStatus::Expected | IssueStatus::Partial | IssueStatus::Claimed
        ) {
            return Err(Error::conflict(format!(
                "{}{}，不能记为缺期。",
                issue.label,
                issue.status.label()
            )));
        }
        store::set_status(tx, issue_id, IssueStatus::Missing)?;
        tx.audit(
            crate::Action::Mark,
            crate::Entity::Serial,
            None,
            &format!("{} 记为缺期", issue.label),
        )?;
        store::get_issue(tx, issue_id)
    })
}

/// Binds the issues numbered `from`–`to` (当年期号) of a subscription into
/// one ordinary copy (合订本): a new barcode, the serial's call number with
/// the volume, lendable like any book; the missing issues are named on it.
pub fn bind(db: &Db, actor: &Actor, subscription_id: i64, from: u32, to: u32) -> Result<Bound> {
    if from == 0 || to < from {
        return Err(Error::invalid("issues", "期号范围应为前小后大，如 1-12。"));
    }
    db.write(actor, |tx| {
        let s = store::get_subscription(tx, subscription_id)?;
        let all = store::list_issues(tx, subscription_id)?;
        let last = all
            .iter()
            .filter(|i| !i.supplement)
            .filter_map(|i| i.issue_no_to)
            .max()
            .unwrap_or(0);
        if to > last {
            return Err(Error::invalid(
                "issues",
                format!(
                    "《{}》这一订阅只到第 {last} 期，合订的期号不能超过它。",
                    s.title
                ),
            ));
        }
        let in_range: Vec<Issue> = all
            .into_iter()
            .filter(|i| {
                !i.supplement
                    && i.issue_no_from.is_some_and(|n| n >= from)
                    && i.issue_no_to.is_some_and(|n| n <= to)
            })
            .collect();
        let (have, missing): (Vec<&Issue>, Vec<&Issue>) = in_range
            .iter()
            .partition(|i| matches!(i.status, IssueStatus::Received | IssueStatus::Partial));
        if have.is_empty() {
            return Err(Error::conflict(format!(
                "《{}》第 {from}-{to} 期没有已到的期次可以合订。",
                s.title
            )));
        }
        let year = &s.starts_on[..4];
        let volume = format!("{year}年第{from}-{to}期");
        let title = crate::catalog::get_title(tx, s.title_id)?;
        let base = title
            .call_number
            .clone()
            .unwrap_or_else(|| format!("Z/{}", s.postal_code.as_deref().unwrap_or("报刊")));
        let call_number = format!("{base}/{year}");
        let missing_labels: Vec<String> = missing.iter().map(|i| i.label.clone()).collect();
        let copy = crate::catalog::add_copies(
            tx,
            s.title_id,
            &NewCopies {
                count: 1,
                ..Default::default()
            },
        )?
        .into_iter()
        .next()
        .expect("one copy made");
        let note = if missing_labels.is_empty() {
            format!("合订本 {volume}，索书号 {call_number}")
        } else {
            format!(
                "合订本 {volume}，索书号 {call_number}，缺：{}",
                missing_labels.join("、")
            )
        };
        crate::catalog::describe_copy(tx, copy.id, Some(&volume), Some(&note))?;
        for i in &have {
            store::bind_issue(tx, i.id, copy.id)?;
        }
        tx.audit(
            crate::Action::Bind,
            crate::Entity::Serial,
            Some(s.title_id),
            &format!("《{}》{volume} 合订为 {}", s.title, copy.barcode),
        )?;
        Ok(Bound {
            copy_id: copy.id,
            barcode: copy.barcode,
            call_number,
            issues: have.len(),
            missing: missing_labels,
        })
    })
}

/// Changes a subscription's pattern or terms, as one action: the issues
/// nothing has happened to yet are predicted again; those received,
/// claimed, missing or bound stay as they are.
pub fn edit_subscription(
    db: &Db,
    actor: &Actor,
    id: i64,
    draft: &SubscriptionDraft,
) -> Result<Subscription> {
    db.write(actor, |tx| {
        let before = store::get_subscription(tx, id)?;
        crate::error::check_revision(before.revision, draft.revision)?;
        let mut row = subscription_row(before.title_id, draft)?;
        row.id = id;
        engine::predict(&plan_of(&row)?, &|_| false)?;
        store::update_subscription(tx, &row)?;
        let dropped = store::delete_untouched_issues(tx, id)?;
        let written = write_issues(tx, &row, false)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::Serial,
            Some(before.title_id),
            &format!(
                "修改《{}》的订阅：重排未到期次 {dropped} 期为 {written} 期",
                before.title
            ),
        )?;
        store::get_subscription(tx, id)
    })
}

/// Stops (or resumes) a subscription: a stopped one is left out of next
/// year's 征订单 and of check-in.
pub fn set_subscription_stopped(
    db: &Db,
    actor: &Actor,
    id: i64,
    stopped: bool,
) -> Result<Subscription> {
    db.write(actor, |tx| {
        let s = store::get_subscription(tx, id)?;
        store::set_stopped(tx, id, stopped)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::Serial,
            Some(s.title_id),
            &format!(
                "《{}》{}",
                s.title,
                if stopped { "停订" } else { "恢复订阅" }
            ),
        )?;
        store::get_subscription(tx, id)
    })
}

/// Adds an issue by hand — the next of a 不定期 periodical, or a 增刊
/// (`supplement`, outside the numbering) — as one action.
pub fn add_issue(
    db: &Db,
    actor: &Actor,
    subscription_id: i64,
    published_on: NaiveDate,
    supplement: bool,
) -> Result<Issue> {
    db.write(actor, |tx| {
        let s = store::get_subscription(tx, subscription_id)?;
        let day = published_on.to_string();
        if day < s.starts_on || day > s.ends_on {
            return Err(Error::invalid(
                "published_on",
                format!(
                    "{day} 不在这一订阅的期间（{} 至 {}）之内。",
                    s.starts_on, s.ends_on
                ),
            ));
        }
        let year = published_on.format("%Y").to_string();
        let issues = store::list_issues(tx, subscription_id)?;
        let (issue_no, total_no, label) = if supplement {
            let n = issues
                .iter()
                .filter(|i| i.supplement && i.published_on.starts_with(&year))
                .count()
                + 1;
            (
                None,
                None,
                format!(
                    "{year}年增刊{}",
                    if n > 1 { n.to_string() } else { String::new() }
                ),
            )
        } else {
            let last = issues
                .iter()
                .filter(|i| !i.supplement && i.published_on.starts_with(&year))
                .filter_map(|i| i.issue_no_to)
                .max();
            let next = last.map_or(s.first_issue, |n| n + 1);
            let total = issues
                .iter()
                .filter_map(|i| i.total_no_to)
                .max()
                .map(|t| t + 1)
                .or(s.first_total);
            let year_no: i32 = year.parse().unwrap_or_default();
            (
                Some((next, next)),
                total.map(|t| (t, t)),
                engine::label(year_no, (next, next), total.map(|t| (t, t))),
            )
        };
        let expected = published_on + Days::new(s.transit_days as u64);
        let id = store::insert_issue(
            tx,
            subscription_id,
            &store::NewIssue {
                issue_no,
                total_no,
                supplement,
                label: &label,
                published_on: &published_on.to_string(),
                expected_on: &expected.to_string(),
                copies: s.copies,
            },
        )?;
        tx.audit(
            crate::Action::Create,
            crate::Entity::Serial,
            Some(s.title_id),
            &format!("《{}》加入 {label}", s.title),
        )?;
        store::get_issue(tx, id)
    })
}
