//! Circulation (借阅): lending at the desk with a barcode scanner, returns,
//! renewals, holds (预约) and their queue, overdue loans, and the loan rules
//! (period, how many, how many renewals) per kind of borrower.
//!
//! Every desk action is one transaction that first lets lapsed holds expire,
//! so the queue is right whenever anyone looks at it.

mod desk;
mod holds;
mod lists;
mod reader;
mod store;

pub use desk::*;
pub use holds::*;
pub use lists::*;
pub use reader::*;

pub(crate) use store::find_free_copy;
pub(crate) use store::{
    circulation_counts, find_open_loan_by_copy, get_hold, get_loan, get_loan_rule, list_loan_rules,
    list_loans_by_copy, list_loans_by_person, list_open_holds_by_person, list_open_holds_by_title,
    list_open_loans_by_person, list_overdue_loans, list_ready_holds,
};

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::calendar::load_open_days;
use crate::catalog::{Copy, CopyStatus, find_copy_by_barcode, get_copy, set_copy_status};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::people::store::{find_person_by_card, get_person, list_people};
use crate::people::{PeopleQuery, Person, PersonKind};
use crate::text::fold_width;

/// How long, how many and how often a kind of borrower may borrow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoanRule {
    pub person_kind: PersonKind,
    /// 借期（天）
    pub loan_days: i64,
    /// 最多同时借阅（册）
    pub max_loans: i64,
    /// 可续借次数
    pub max_renewals: i64,
    /// The rule as it was read, answered with it; a change sends it back
    /// and is refused when the rule changed meanwhile (DESIGN.md: every
    /// edit carries the revision it was based on). Read from the values
    /// themselves: days, books and renewals, each within its bounds.
    #[serde(default)]
    pub revision: Option<i64>,
}

impl LoanRule {
    /// 30 days, 5 books, 1 renewal.
    pub fn default_for(kind: PersonKind) -> LoanRule {
        LoanRule {
            person_kind: kind,
            loan_days: 30,
            max_loans: 5,
            max_renewals: 1,
            revision: None,
        }
    }

    /// The revision of the rule as stored: its three numbers side by side,
    /// which the bounds keep apart (renewals ≤ 20 in the last two digits,
    /// books ≤ 100 in the three before, days above them).
    pub(crate) fn stored_revision(&self) -> i64 {
        self.loan_days * 100_000 + self.max_loans * 100 + self.max_renewals
    }

    fn validate(&self) -> Result<()> {
        if !(1..=365).contains(&self.loan_days) {
            return Err(Error::invalid("loan_days", "借期应为 1 到 365 天。"));
        }
        if !(0..=100).contains(&self.max_loans) {
            return Err(Error::invalid("max_loans", "可借册数应为 0 到 100。"));
        }
        if !(0..=20).contains(&self.max_renewals) {
            return Err(Error::invalid("max_renewals", "续借次数应为 0 到 20。"));
        }
        Ok(())
    }
}

/// How a loan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoanOutcome {
    Returned,
    Lost,
    Damaged,
}

impl LoanOutcome {
    pub const ALL: &[LoanOutcome] = &[
        LoanOutcome::Returned,
        LoanOutcome::Lost,
        LoanOutcome::Damaged,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LoanOutcome::Returned => "已还",
            LoanOutcome::Lost => "遗失",
            LoanOutcome::Damaged => "损坏",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LoanOutcome::Returned => "returned",
            LoanOutcome::Lost => "lost",
            LoanOutcome::Damaged => "damaged",
        }
    }

    fn from_code(code: &str) -> LoanOutcome {
        match code {
            "lost" => LoanOutcome::Lost,
            "damaged" => LoanOutcome::Damaged,
            _ => LoanOutcome::Returned,
        }
    }
}

/// A loan, with what the desk shows of its copy, title and borrower.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loan {
    pub id: i64,
    pub copy_id: i64,
    pub barcode: String,
    pub title_id: i64,
    pub title: String,
    pub call_number: Option<String>,
    pub location: Option<String>,
    pub person_id: i64,
    pub person_name: String,
    /// Department (staff) or delegation (deputies).
    pub person_unit: Option<String>,
    pub card_barcode: Option<String>,
    pub borrowed_at: String,
    /// YYYY-MM-DD, office-local.
    pub due_on: String,
    pub renewals: i64,
    pub returned_at: Option<String>,
    pub outcome: Option<LoanOutcome>,
    pub note: Option<String>,
    /// Days past due for an open loan (0 when not overdue or returned).
    pub overdue_days: i64,
}

/// Where a hold stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldStatus {
    Waiting,
    Ready,
    Collected,
    Cancelled,
    Expired,
}

impl HoldStatus {
    pub const ALL: &[HoldStatus] = &[
        HoldStatus::Waiting,
        HoldStatus::Ready,
        HoldStatus::Collected,
        HoldStatus::Cancelled,
        HoldStatus::Expired,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HoldStatus::Waiting => "排队中",
            HoldStatus::Ready => "已留书待取",
            HoldStatus::Collected => "已取",
            HoldStatus::Cancelled => "已取消",
            HoldStatus::Expired => "过期未取",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            HoldStatus::Waiting => "waiting",
            HoldStatus::Ready => "ready",
            HoldStatus::Collected => "collected",
            HoldStatus::Cancelled => "cancelled",
            HoldStatus::Expired => "expired",
        }
    }

    fn from_code(code: &str) -> HoldStatus {
        match code {
            "ready" => HoldStatus::Ready,
            "collected" => HoldStatus::Collected,
            "cancelled" => HoldStatus::Cancelled,
            "expired" => HoldStatus::Expired,
            _ => HoldStatus::Waiting,
        }
    }
}

/// A hold (预约) on a title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hold {
    pub id: i64,
    pub title_id: i64,
    pub title: String,
    pub call_number: Option<String>,
    pub person_id: i64,
    pub person_name: String,
    pub person_unit: Option<String>,
    pub placed_at: String,
    pub status: HoldStatus,
    /// The copy set aside, once ready.
    pub copy_id: Option<i64>,
    pub copy_barcode: Option<String>,
    pub ready_at: Option<String>,
    /// Last day to collect a ready hold.
    pub expires_on: Option<String>,
    pub closed_at: Option<String>,
    /// Place in the queue while waiting (1 = next).
    pub position: Option<i64>,
}

/// A borrower at the desk: who, their rule, loans and holds.
#[derive(Debug, Clone, Serialize)]
pub struct Borrower {
    pub person: Person,
    pub rule: LoanRule,
    pub loans: Vec<Loan>,
    pub holds: Vec<Hold>,
    pub overdue: usize,
    /// Why this person cannot borrow now, if they cannot.
    pub blocked: Option<String>,
}

/// What a scan at the desk did.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
// Made once per scan and sent straight to the window: size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum DeskOutcome {
    /// A card (or a name with one match): this is the borrower now.
    Borrower { borrower: Borrower },
    /// A name that matches several people: the librarian picks one.
    Candidates { people: Vec<Person> },
    /// The copy was lent to the borrower.
    Lent { loan: Loan, borrower: Borrower },
    /// The copy was returned; `hold` when it is now set aside for someone;
    /// `borrower` the reader still chosen at the desk (who may borrow it
    /// next with one key), when one was.
    Returned {
        loan: Loan,
        hold: Option<Hold>,
        borrower: Option<Borrower>,
    },
}

/// What one action on a hold or loan left for the desk to show.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnResult {
    pub loan: Loan,
    /// The hold the returned copy is now set aside for.
    pub hold: Option<Hold>,
}

/// Settings of the desk: how long a ready hold waits, what the scanner adds,
/// whether a reader with overdue books may borrow more.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSettings {
    /// Days a set-aside copy waits to be collected.
    pub hold_pickup_days: i64,
    /// Characters the scanner sends before / after each code, to drop.
    pub scanner_prefix: String,
    pub scanner_suffix: String,
    /// Refuse to lend to a reader until their overdue books are back
    /// (off: the desk lends, and warns).
    #[serde(default)]
    pub refuse_while_overdue: bool,
    /// The settings as they were read, answered with them; a change sends
    /// it back and is refused when they changed meanwhile.
    #[serde(default)]
    pub revision: Option<i64>,
}

impl DeskSettings {
    /// The revision of the settings as stored: a hash of their values
    /// (FNV-1a, kept within what JavaScript's numbers hold exactly).
    pub(crate) fn stored_revision(&self) -> i64 {
        let text = format!(
            "{}\0{}\0{}\0{}",
            self.hold_pickup_days,
            self.scanner_prefix,
            self.scanner_suffix,
            self.refuse_while_overdue
        );
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        (h & ((1 << 53) - 1)) as i64
    }
}

/// What the overdue list shows.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OverdueQuery {
    /// Department or delegation.
    pub unit: Option<String>,
    /// At least this many days overdue.
    pub min_days: Option<u32>,
}

/// The home screen's circulation figures.
#[derive(Debug, Clone, Serialize)]
pub struct CirculationSummary {
    pub on_loan: i64,
    pub overdue: i64,
    pub holds_ready: i64,
    pub holds_waiting: i64,
    /// The office-local date the figures are for.
    pub today: String,
}

/// A raw scan as the scanner or keyboard sent it, made into a code: width
/// folded (an input method in full-width mode sends `ＳＸ０１`), control
/// characters and spaces dropped, the scanner's prefix/suffix removed,
/// upper-cased.
pub fn scan_code(raw: &str, prefix: &str, suffix: &str) -> String {
    let mut s: String = fold_width(raw)
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect();
    let prefix = fold_width(prefix);
    let suffix = fold_width(suffix);
    if !prefix.is_empty()
        && let Some(rest) = s.strip_prefix(prefix.as_str())
    {
        s = rest.to_owned();
    }
    if !suffix.is_empty()
        && let Some(rest) = s.strip_suffix(suffix.as_str())
    {
        s = rest.to_owned();
    }
    s.to_ascii_uppercase()
}

/// Why a reader with overdue books may not borrow, when the room says so.
pub(crate) fn overdue_refusal(person: &Person, overdue: usize) -> String {
    format!(
        "{} 有 {overdue} 册书逾期未还，按本馆规定须先归还才能再借。",
        person.name
    )
}

pub(crate) fn desk_settings_in(conn: &rusqlite::Connection) -> Result<DeskSettings> {
    let mut s = DeskSettings {
        hold_pickup_days: crate::settings::get(conn, "hold_pickup_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(7),
        scanner_prefix: crate::settings::get(conn, "scanner_prefix")?.unwrap_or_default(),
        scanner_suffix: crate::settings::get(conn, "scanner_suffix")?.unwrap_or_default(),
        refuse_while_overdue: crate::settings::get(conn, "refuse_while_overdue")?.as_deref()
            == Some("1"),
        revision: None,
    };
    s.revision = Some(s.stored_revision());
    Ok(s)
}

fn borrower_in(conn: &rusqlite::Connection, person: Person, today: NaiveDate) -> Result<Borrower> {
    let rule = get_loan_rule(conn, person.kind)?;
    let loans = list_open_loans_by_person(conn, person.id, today)?;
    let holds = list_open_holds_by_person(conn, person.id)?;
    let overdue = loans.iter().filter(|l| l.overdue_days > 0).count();
    let blocked = if !person.active {
        Some(format!("{} 的借书证已停用，不能借书。", person.name))
    } else if overdue > 0 && desk_settings_in(conn)?.refuse_while_overdue {
        Some(overdue_refusal(&person, overdue))
    } else if loans.len() as i64 >= rule.max_loans {
        Some(format!(
            "{} 已借 {} 册，达到借阅上限（{}{} 册），请先还书。",
            person.name,
            loans.len(),
            person.kind.label(),
            rule.max_loans
        ))
    } else {
        None
    };
    Ok(Borrower {
        person,
        rule,
        loans,
        holds,
        overdue,
        blocked,
    })
}

/// Lets ready holds whose collection day has passed expire, passing each
/// copy to the next in line. Runs at the start of every desk action.
pub(crate) fn expire_lapsed_holds(tx: &WriteTx<'_>, today: NaiveDate) -> Result<usize> {
    let lapsed = store::list_lapsed_holds(tx, today)?;
    for hold in &lapsed {
        store::close_hold(tx, hold.id, HoldStatus::Expired)?;
        tx.audit(
            crate::Action::Expire,
            crate::Entity::Hold,
            Some(hold.id),
            &format!(
                "{} 预约的《{}》逾期未取，预约失效",
                hold.person_name, hold.title
            ),
        )?;
        if let Some(copy_id) = hold.copy_id {
            pass_copy_on(tx, hold.title_id, copy_id, today)?;
        }
    }
    // A hold still waiting while a copy of its title stands free on the
    // shelf (copies added since, a suggested book that arrived) gets it.
    for title_id in store::titles_waiting_with_free_copy(tx)? {
        while let Some(copy_id) = store::find_free_copy(tx, title_id)? {
            if pass_copy_on(tx, title_id, copy_id, today)?.is_none() {
                break;
            }
        }
    }
    Ok(lapsed.len())
}

/// A copy came free (returned, or its hold ended): set it aside for the
/// first in the title's queue, if anyone waits.
fn pass_copy_on(
    tx: &WriteTx<'_>,
    title_id: i64,
    copy_id: i64,
    today: NaiveDate,
) -> Result<Option<Hold>> {
    let copy = get_copy(tx, copy_id)?;
    if copy.status != CopyStatus::OnShelf {
        return Ok(None);
    }
    let Some(next) = store::first_waiting_hold(tx, title_id)? else {
        return Ok(None);
    };
    let settings = desk_settings_in(tx)?;
    let days = load_open_days(tx)?;
    let expires = days.on_or_after(today + Days::new(settings.hold_pickup_days.max(1) as u64));
    store::set_hold_ready(tx, next.id, copy_id, expires)?;
    tx.audit(
        crate::Action::Ready,
        crate::Entity::Hold,
        Some(next.id),
        &format!(
            "《{}》{} 为 {} 预约保留，{} 前取书",
            next.title, copy.barcode, next.person_name, expires
        ),
    )?;
    Ok(Some(get_hold(tx, next.id)?))
}

fn refuse_unlendable(
    tx: &WriteTx<'_>,
    copy: &Copy,
    person: &Person,
    today: NaiveDate,
) -> Result<()> {
    match copy.status {
        CopyStatus::OnShelf => {}
        CopyStatus::OnLoan => {
            let loan = find_open_loan_by_copy(tx, copy.id, today)?;
            return Err(match loan {
                Some(l) if l.person_id == person.id => Error::conflict(format!(
                    "《{}》（{}）已借给{}，应还日期 {}。如要续借，请在借阅列表中点“续借”。",
                    l.title, l.barcode, l.person_name, l.due_on
                )),
                Some(l) => Error::conflict(format!(
                    "《{}》（{}）已借出给{}，应还日期 {}。请先扫描还书。",
                    l.title, l.barcode, l.person_name, l.due_on
                )),
                None => Error::conflict(format!("{} 已借出。", copy.barcode)),
            });
        }
        other => {
            return Err(Error::conflict(format!(
                "{} 的状态是“{}”，不能外借。",
                copy.barcode,
                other.label()
            )));
        }
    }
    if let Some(hold) = store::find_ready_hold_by_copy(tx, copy.id)?
        && hold.person_id != person.id
    {
        return Err(Error::conflict(format!(
            "{} 已为 {} 预约保留（{} 前取书），不能借给他人。",
            copy.barcode,
            hold.person_name,
            hold.expires_on.as_deref().unwrap_or("")
        )));
    }
    Ok(())
}

#[cfg(test)]
mod revision_tests {
    use super::*;

    #[test]
    fn rules_that_differ_have_revisions_that_differ() {
        let rule = |loan_days, max_loans, max_renewals| LoanRule {
            person_kind: PersonKind::Staff,
            loan_days,
            max_loans,
            max_renewals,
            revision: None,
        };
        // At the edges of the bounds, where a narrower layout would collide.
        assert_ne!(
            rule(1, 100, 0).stored_revision(),
            rule(2, 0, 0).stored_revision()
        );
        assert_ne!(
            rule(30, 5, 20).stored_revision(),
            rule(30, 6, 0).stored_revision()
        );
    }
}
