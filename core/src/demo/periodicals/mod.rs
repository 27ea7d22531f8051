//! Demo periodicals room and purchases, through the same actions the
//! librarian takes: last year's journals renewed by confirming the 征订单,
//! this year's newspapers added, the mail checked in by scanning up to two
//! days ago (two titles stalled, one chased, one issue 缺期, one partial),
//! 求是 routed to three stops with a leg overdue, last year bound, the
//! year's budgets, a book order with one line received, a reader's
//! periodical accepted for next year, and next year's 征订单 left in draft
//! — all dated from the day the demo is loaded.

mod purchases;
mod titles;

use chrono::{Datelike, Days, NaiveDate};

use crate::audit::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::serials::routing::{self, Stop};
use crate::serials::{self, Issue, IssueStatus};
use titles::{Periodical, periodicals};

/// What the demo's periodicals room and purchases hold.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PeriodicalsReport {
    /// Newspapers and magazines subscribed this year.
    pub serials: usize,
    /// Subscriptions, last year's journals and this year's.
    pub subscriptions: usize,
    /// Issues predicted for them.
    pub issues: usize,
    /// Issues checked in (记到).
    pub received: usize,
    /// Late on the day the demo was loaded, and of those claimed (催询).
    pub late: usize,
    pub claimed: usize,
    /// Issues marked 缺期.
    pub missing: usize,
    /// 合订本 made of last year's issues.
    pub bound: usize,
    /// Issues on routing (传阅), and legs past their day.
    pub routed: usize,
    pub routing_overdue: usize,
    /// Book order lines, and those received into the catalogue.
    pub order_lines: usize,
    pub lines_received: usize,
    /// Next year's 征订单, not confirmed: its lines and total in yuan.
    pub renewal_lines: usize,
    pub renewal_total: f64,
}

/// Loads the periodicals room and the year's purchases; `staff` are the
/// people routing lists may name.
pub(super) fn load(
    db: &Db,
    actor: &Actor,
    rng: &mut fastrand::Rng,
    staff: &[i64],
) -> Result<PeriodicalsReport> {
    let mut report = PeriodicalsReport::default();
    let today = db.clock().today();
    let year = today.year();
    let list = periodicals();
    // Last year's journals, renewed for this year by confirming last
    // autumn's 征订单; the newspapers are subscribed this year.
    for p in list.iter().filter(|p| !p.newspaper) {
        let added = serials::add_subscription(db, actor, &p.serial(), &p.subscription(year - 1))?;
        report.subscriptions += 1;
        report.issues += added.issues;
    }
    let renewed = serials::confirm_renewal(db, actor, year)?;
    report.subscriptions += renewed.subscriptions;
    report.issues += renewed.issues;
    for p in list.iter().filter(|p| p.newspaper) {
        let added = serials::add_subscription(db, actor, &p.serial(), &p.subscription(year))?;
        report.subscriptions += 1;
        report.issues += added.issues;
    }
    let subscriptions = serials::subscriptions(db, year - 1)?
        .into_iter()
        .chain(serials::subscriptions(db, year)?)
        .collect::<Vec<_>>();
    report.serials = serials::subscriptions(db, year)?.len();
    for p in &list {
        let mut issues: Vec<Issue> = Vec::new();
        for s in subscriptions.iter().filter(|s| s.title == p.title) {
            issues.extend(serials::issues(db, s.id)?);
        }
        issues.sort_by(|a, b| (&a.published_on, a.id).cmp(&(&b.published_on, b.id)));
        let received = check_in(db, actor, rng, p, &issues, today, &mut report)?;
        report.received += received;
    }
    // The stalled weekly was chased three days ago.
    let chased: Vec<i64> = serials::late(db, today - Days::new(3))?
        .into_iter()
        .filter(|l| l.title == "瞭望")
        .map(|l| l.issue_id)
        .collect();
    if !chased.is_empty() {
        serials::claim(db, actor, &chased, today - Days::new(3))?;
    }
    let late = serials::late(db, today)?;
    report.late = late.len();
    report.claimed = late
        .iter()
        .filter(|l| l.status == IssueStatus::Claimed)
        .count();
    // 求是 went round before last year's volume was bound.
    route(db, actor, staff, today, &mut report)?;
    // Last year's 求是 and 中国人大 bound (the latter naming its 缺期).
    for s in subscriptions
        .iter()
        .filter(|s| s.starts_on.starts_with(&(year - 1).to_string()))
        .filter(|s| s.title == "求是" || s.title == "中国人大")
    {
        serials::bind(db, actor, s.id, 1, 24)?;
        report.bound += 1;
    }
    purchases::purchases(db, actor, year, today, &mut report)?;
    if let Some(&reader) = staff.get(2) {
        purchases::suggest_a_periodical(db, actor, reader)?;
    }
    let renewal = serials::renewal_list(db, year + 1)?;
    report.renewal_lines = renewal.lines.len();
    report.renewal_total = renewal.total;
    Ok(report)
}

/// Checks in one serial's issues as its mail came, up to two days ago: the
/// stalled ones stop a month back, 中国人大 lost one issue last October
/// (claimed twice, then 缺期), and 求是's latest came short of a copy.
fn check_in(
    db: &Db,
    actor: &Actor,
    rng: &mut fastrand::Rng,
    p: &Periodical,
    issues: &[Issue],
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<usize> {
    let stall = match p.title {
        "瞭望" => 30,
        "半月谈" => 35,
        _ => 2,
    };
    let until = today - Days::new(stall);
    let due: Vec<(&Issue, NaiveDate)> = issues
        .iter()
        .filter_map(|i| Some((i, i.expected_on.parse::<NaiveDate>().ok()?)))
        .filter(|(_, expected)| *expected <= until)
        .collect();
    // Last October's first issue, so the bound volume names it.
    let october = format!("{}-10", today.year() - 1);
    let lost = (p.title == "中国人大")
        .then(|| {
            due.iter()
                .position(|(i, _)| i.published_on.starts_with(&october))
        })
        .flatten();
    let short = (p.title == "求是").then(|| due.len().saturating_sub(1));
    let code = p.scan_code();
    let mut received = 0;
    for (k, (issue, expected)) in due.iter().enumerate() {
        if Some(k) == lost {
            for after in [20, 35] {
                let on = *expected + Days::new(after);
                if on < today {
                    serials::claim(db, actor, &[issue.id], on)?;
                }
            }
            serials::mark_missing(db, actor, issue.id)?;
            report.missing += 1;
            continue;
        }
        let late_by = if p.newspaper { 0 } else { rng.u64(0..=3) };
        let on = (*expected + Days::new(late_by)).min(until);
        let copies = (Some(k) == short && p.copies > 1).then_some(p.copies - 1);
        serials::receive(db, actor, &code, on, copies)?;
        received += 1;
    }
    Ok(received)
}

/// 求是 goes round a leader, the research office and another leader, two
/// or three working days each: an earlier issue has reached the third stop
/// and is past its day there; the latest is with the first.
fn route(
    db: &Db,
    actor: &Actor,
    staff: &[i64],
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<()> {
    let (Some(&first), Some(&third)) = (staff.first(), staff.get(1)) else {
        return Ok(());
    };
    let qiushi = serials::subscriptions(db, today.year())?
        .into_iter()
        .find(|s| s.title == "求是");
    let Some(qiushi) = qiushi else {
        return Ok(());
    };
    let stops = [
        Stop {
            person_id: Some(first),
            days: 2,
            ..Default::default()
        },
        Stop {
            department: Some("研究室".into()),
            days: 3,
            ..Default::default()
        },
        Stop {
            person_id: Some(third),
            days: 2,
            ..Default::default()
        },
    ];
    routing::set_routing(db, actor, qiushi.title_id, &stops, Some(0))?;
    let open = crate::calendar::open_days(db)?;
    let mut arrived: Vec<(i64, NaiveDate)> = Vec::new();
    for s in serials::subscriptions(db, today.year() - 1)?
        .into_iter()
        .chain([qiushi])
        .filter(|s| s.title == "求是")
    {
        for i in serials::issues(db, s.id)? {
            if let Some(on) = i.received_on.as_deref().and_then(|d| d.parse().ok()) {
                arrived.push((i.id, on));
            }
        }
    }
    arrived.sort_by_key(|(_, on)| *on);
    // The newest issue whose third leg, each stop keeping it its full
    // time, fell due before today.
    let mut earlier = None;
    for &(id, on) in arrived.iter().rev() {
        let second = routing::working_days_after(&open, on, stops[0].days);
        let third_given = routing::working_days_after(&open, second, stops[1].days);
        let third_due = routing::working_days_after(&open, third_given, stops[2].days);
        if third_due < today {
            earlier = Some((id, on, second, third_given));
            break;
        }
    }
    if let Some((id, on, second, third_given)) = earlier {
        routing::start_routing(db, actor, id, on)?;
        routing::pass_on(db, actor, id, second)?;
        routing::pass_on(db, actor, id, third_given)?;
        report.routed += 1;
    }
    if let Some(&(id, on)) = arrived.last()
        && earlier.is_none_or(|(e, ..)| e != id)
    {
        routing::start_routing(db, actor, id, on)?;
        report.routed += 1;
    }
    report.routing_overdue = routing::overdue_routing(db, today)?.len();
    Ok(())
}
