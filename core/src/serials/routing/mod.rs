//! 传阅: a serial's issues passed along a list of people or departments,
//! in order, each keeping an issue some working days (the office calendar's
//! open days); at check-in the first leg is given, each return gives the
//! next, and legs past their due day are listed — computed when asked.

mod store;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::store as serial_store;
use crate::audit::Actor;
use crate::calendar::OpenDays;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::checked_text;

/// A stop on a routing list: a person, or a department by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stop {
    pub person_id: Option<i64>,
    /// The person's name, as stored (for showing).
    #[serde(skip_deserializing)]
    pub name: Option<String>,
    pub department: Option<String>,
    /// Working days the stop keeps the issue.
    pub days: i64,
}

/// A serial's routing list as it stands: its stops in order and the
/// revision an edit sends back (0: never set).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoutingList {
    pub revision: i64,
    pub stops: Vec<Stop>,
}

/// One leg of an issue's way round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Leg {
    pub id: i64,
    pub issue_id: i64,
    pub position: i64,
    pub person_id: Option<i64>,
    pub name: Option<String>,
    pub department: Option<String>,
    pub days: i64,
    pub given_on: Option<String>,
    pub due_on: Option<String>,
    pub returned_on: Option<String>,
    /// The issue's label and the serial's title.
    pub label: String,
    pub title: String,
}

/// The day `days` working days after `from` (open days of the office
/// calendar; the day given does not count).
pub fn working_days_after(days: &OpenDays, from: NaiveDate, n: i64) -> NaiveDate {
    let mut d = from;
    let mut left = n.max(1);
    while left > 0 {
        d = d + Days::new(1);
        if days.is_open(d) {
            left -= 1;
        }
    }
    d
}

/// Sets a serial's routing list (empty: no routing), as one action;
/// `revision` is the one the form showed ([`RoutingList::revision`]): a
/// list changed elsewhere meanwhile is not overwritten.
pub fn set_routing(
    db: &Db,
    actor: &Actor,
    title_id: i64,
    stops: &[Stop],
    revision: Option<i64>,
) -> Result<RoutingList> {
    if stops.len() > 100 {
        return Err(Error::invalid("stops", "传阅名单最多 100 个。"));
    }
    let mut checked = Vec::new();
    for s in stops {
        let department = checked_text("department", "部门", s.department.as_deref(), 100, false)?;
        if s.person_id.is_some() == department.is_some() {
            return Err(Error::invalid(
                "stops",
                "传阅名单的每一项是一个人或一个部门（二者选一）。",
            ));
        }
        if !(1..=30).contains(&s.days) {
            return Err(Error::invalid(
                "days",
                "每一站的传阅天数应为 1 到 30 个工作日。",
            ));
        }
        checked.push(Stop {
            person_id: s.person_id,
            name: None,
            department,
            days: s.days,
        });
    }
    db.write(actor, |tx| {
        let title = crate::catalog::get_title(tx, title_id)?;
        if !serial_store::is_serial(tx, title_id)? {
            return Err(Error::invalid(
                "title_id",
                format!(
                    "《{}》不是订阅的报刊，不能设传阅名单：传阅名单是报刊的。",
                    title.title
                ),
            ));
        }
        crate::error::check_revision(store::revision(tx, title_id)?, revision)?;
        let mut seen = Vec::new();
        for s in &checked {
            if let Some(p) = s.person_id {
                let person = crate::people::store::get_person(tx, p)?;
                if seen.contains(&p) {
                    return Err(Error::invalid(
                        "stops",
                        format!("{} 在传阅名单中出现了两次。", person.name),
                    ));
                }
                seen.push(p);
            }
        }
        store::replace_stops(tx, title_id, &checked)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::Serial,
            Some(title_id),
            &format!("《{}》传阅名单 {} 站", title.title, checked.len()),
        )?;
        list_in(tx, title_id)
    })
}

fn list_in(conn: &rusqlite::Connection, title_id: i64) -> Result<RoutingList> {
    Ok(RoutingList {
        revision: store::revision(conn, title_id)?,
        stops: store::stops(conn, title_id)?,
    })
}

/// A serial's routing list.
pub fn routing(db: &Db, title_id: i64) -> Result<RoutingList> {
    db.read(|tx| list_in(tx, title_id))
}

/// Starts an issue on its way round its serial's list, the first leg
/// given on `on`, as one action; the legs.
pub fn start_routing(db: &Db, actor: &Actor, issue_id: i64, on: NaiveDate) -> Result<Vec<Leg>> {
    db.write(actor, |tx| {
        let issue = serial_store::get_issue(tx, issue_id)?;
        let subscription = serial_store::get_subscription(tx, issue.subscription_id)?;
        if !store::legs_of(tx, issue_id)?.is_empty() {
            return Err(Error::conflict(format!("{} 已在传阅中。", issue.label)));
        }
        // Only an issue on hand goes round: not one still to come, nor one
        // bound into a volume.
        if !matches!(
            issue.status,
            crate::serials::IssueStatus::Received | crate::serials::IssueStatus::Partial
        ) {
            return Err(Error::conflict(format!(
                "《{}》{}{}，不能传阅：请在它到了之后开始传阅。",
                subscription.title,
                issue.label,
                issue.status.label()
            )));
        }
        let stops = store::stops(tx, subscription.title_id)?;
        if stops.is_empty() {
            return Err(Error::conflict(format!(
                "《{}》还没有传阅名单，请先设置。",
                subscription.title
            )));
        }
        for (i, s) in stops.iter().enumerate() {
            store::insert_leg(tx, issue_id, i as i64 + 1, s)?;
        }
        let days = crate::calendar::load_open_days(tx)?;
        let first = &store::legs_of(tx, issue_id)?[0];
        let due = working_days_after(&days, on, first.days);
        store::give(tx, first.id, &on.to_string(), &due.to_string())?;
        tx.audit(
            crate::Action::Start,
            crate::Entity::Serial,
            Some(subscription.title_id),
            &format!("《{}》{} 开始传阅", subscription.title, issue.label),
        )?;
        store::legs_of(tx, issue_id)
    })
}

/// The issue comes back from its current leg on `on`; the next leg is
/// given the same day, as one action. The legs.
pub fn pass_on(db: &Db, actor: &Actor, issue_id: i64, on: NaiveDate) -> Result<Vec<Leg>> {
    db.write(actor, |tx| {
        let legs = store::legs_of(tx, issue_id)?;
        let Some(current) = legs
            .iter()
            .find(|l| l.given_on.is_some() && l.returned_on.is_none())
        else {
            return Err(Error::conflict("这一期没有在传阅中。"));
        };
        store::take_back(tx, current.id, &on.to_string())?;
        if let Some(next) = legs.iter().find(|l| l.position == current.position + 1) {
            let days = crate::calendar::load_open_days(tx)?;
            let due = working_days_after(&days, on, next.days);
            store::give(tx, next.id, &on.to_string(), &due.to_string())?;
        }
        tx.audit(
            crate::Action::Return,
            crate::Entity::Serial,
            None,
            &format!(
                "{} 传阅：{} 交回",
                current.label,
                current
                    .name
                    .as_deref()
                    .or(current.department.as_deref())
                    .unwrap_or("")
            ),
        )?;
        store::legs_of(tx, issue_id)
    })
}

/// Legs past their due day on `on`, most overdue first.
pub fn overdue_routing(db: &Db, on: NaiveDate) -> Result<Vec<Leg>> {
    db.read(|tx| store::overdue(tx, &on.to_string()))
}

/// The issues a person has on routing now (their 传阅).
pub fn routing_with(db: &Db, person_id: i64) -> Result<Vec<Leg>> {
    db.read(|tx| store::with_person(tx, person_id))
}

/// An issue's legs.
pub fn issue_routing(db: &Db, issue_id: i64) -> Result<Vec<Leg>> {
    db.read(|tx| store::legs_of(tx, issue_id))
}
