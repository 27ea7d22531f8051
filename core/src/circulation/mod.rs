//! Circulation (借阅): lending at the desk with a barcode scanner, returns,
//! renewals, holds (预约) and their queue, overdue loans, and the loan rules
//! (period, how many, how many renewals) per kind of borrower.
//!
//! Every desk action is one transaction that first lets lapsed holds expire,
//! so the queue is right whenever anyone looks at it.

mod store;

pub(crate) use store::find_free_copy;
pub use store::{
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
use crate::people::{
    PeopleQuery, Person, PersonKind, find_person_by_card, get_person, list_people,
};
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
}

impl LoanRule {
    /// 30 days, 5 books, 1 renewal.
    pub fn default_for(kind: PersonKind) -> LoanRule {
        LoanRule {
            person_kind: kind,
            loan_days: 30,
            max_loans: 5,
            max_renewals: 1,
        }
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
    /// The copy was returned; `hold` when it is now set aside for someone.
    Returned { loan: Loan, hold: Option<Hold> },
}

/// What one action on a hold or loan left for the desk to show.
#[derive(Debug, Clone, Serialize)]
pub struct ReturnResult {
    pub loan: Loan,
    /// The hold the returned copy is now set aside for.
    pub hold: Option<Hold>,
}

/// Settings of the desk: how long a ready hold waits, what the scanner adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskSettings {
    /// Days a set-aside copy waits to be collected.
    pub hold_pickup_days: i64,
    /// Characters the scanner sends before / after each code, to drop.
    pub scanner_prefix: String,
    pub scanner_suffix: String,
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

pub(crate) fn desk_settings_in(conn: &rusqlite::Connection) -> Result<DeskSettings> {
    Ok(DeskSettings {
        hold_pickup_days: store::get_setting(conn, "hold_pickup_days")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(7),
        scanner_prefix: store::get_setting(conn, "scanner_prefix")?.unwrap_or_default(),
        scanner_suffix: store::get_setting(conn, "scanner_suffix")?.unwrap_or_default(),
    })
}

fn borrower_in(conn: &rusqlite::Connection, person: Person, today: NaiveDate) -> Result<Borrower> {
    let rule = get_loan_rule(conn, person.kind)?;
    let loans = list_open_loans_by_person(conn, person.id, today)?;
    let holds = list_open_holds_by_person(conn, person.id)?;
    let overdue = loans.iter().filter(|l| l.overdue_days > 0).count();
    let blocked = if !person.active {
        Some(format!("{} 的借书证已停用，不能借书。", person.name))
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
            "expire",
            "hold",
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
        "ready",
        "hold",
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

/// Lends a copy to a person: the checks in the order the desk explains
/// them, then the loan with its due date moved to an open day.
pub(crate) fn lend(
    tx: &WriteTx<'_>,
    person: &Person,
    copy: &Copy,
    today: NaiveDate,
) -> Result<Loan> {
    if !person.active {
        return Err(Error::conflict(format!(
            "{} 的借书证已停用，不能借书。",
            person.name
        )));
    }
    refuse_unlendable(tx, copy, person, today)?;
    let rule = get_loan_rule(tx, person.kind)?;
    let on_loan = store::count_open_loans(tx, person.id)?;
    if on_loan >= rule.max_loans {
        return Err(Error::conflict(format!(
            "{} 已借 {on_loan} 册，达到借阅上限（{}{} 册），请先还书。",
            person.name,
            person.kind.label(),
            rule.max_loans
        )));
    }
    // Borrowing a copy of a title they hold collects the hold; a different
    // copy than the one set aside frees that one for the next in line.
    if let Some(hold) = store::find_open_hold(tx, copy.title_id, person.id)? {
        store::close_hold(tx, hold.id, HoldStatus::Collected)?;
        if let Some(other) = hold.copy_id.filter(|c| *c != copy.id) {
            pass_copy_on(tx, copy.title_id, other, today)?;
        }
    }
    let days = load_open_days(tx)?;
    let due = days.on_or_after(today + Days::new(rule.loan_days as u64));
    let id = store::insert_loan(tx, copy.id, person.id, due)?;
    set_copy_status(tx, copy.id, CopyStatus::OnLoan, None)?;
    let loan = get_loan(tx, id, today)?;
    tx.audit(
        "lend",
        "loan",
        Some(id),
        &format!(
            "《{}》{} 借给 {}，应还 {}",
            loan.title, loan.barcode, loan.person_name, loan.due_on
        ),
    )?;
    Ok(loan)
}

/// Takes a copy back: closes its loan, shelves it, and sets it aside for
/// the first in its title's queue.
pub(crate) fn take_back(tx: &WriteTx<'_>, copy: &Copy, today: NaiveDate) -> Result<ReturnResult> {
    let Some(loan) = find_open_loan_by_copy(tx, copy.id, today)? else {
        return Err(Error::conflict(format!(
            "{} 没有借出记录（状态：{}），无需还书。",
            copy.barcode,
            copy.status.label()
        )));
    };
    store::close_loan(tx, loan.id, LoanOutcome::Returned, None)?;
    set_copy_status(tx, copy.id, CopyStatus::OnShelf, None)?;
    let late = if loan.overdue_days > 0 {
        format!("，逾期 {} 天", loan.overdue_days)
    } else {
        String::new()
    };
    tx.audit(
        "return",
        "loan",
        Some(loan.id),
        &format!(
            "{} 归还《{}》{}{late}",
            loan.person_name, loan.title, loan.barcode
        ),
    )?;
    let hold = pass_copy_on(tx, copy.title_id, copy.id, today)?;
    Ok(ReturnResult {
        loan: get_loan(tx, loan.id, today)?,
        hold,
    })
}

/// One scan (or typed text) at the desk, as one action.
///
/// With no borrower chosen, a card barcode chooses one, a copy barcode
/// returns that copy, and a name finds the person. With a borrower chosen,
/// a copy barcode lends the copy to them and another card switches borrower.
pub fn desk_scan(db: &Db, actor: &Actor, borrower: Option<i64>, raw: &str) -> Result<DeskOutcome> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        expire_lapsed_holds(tx, today)?;
        let settings = desk_settings_in(tx)?;
        let code = scan_code(raw, &settings.scanner_prefix, &settings.scanner_suffix);
        if code.is_empty() {
            return Err(Error::invalid("code", "请扫描借书证或图书条码。"));
        }
        let card = find_person_by_card(tx, &code).unwrap_or(None);
        let copy = find_copy_by_barcode(tx, &code)?;
        match (borrower, card, copy) {
            (Some(pid), _, Some(copy)) => {
                let person = get_person(tx, pid)?;
                let loan = lend(tx, &person, &copy, today)?;
                Ok(DeskOutcome::Lent {
                    loan,
                    borrower: borrower_in(tx, person, today)?,
                })
            }
            (_, Some(person), _) => Ok(DeskOutcome::Borrower {
                borrower: borrower_in(tx, person, today)?,
            }),
            (None, None, Some(copy)) => {
                let result = take_back(tx, &copy, today)?;
                Ok(DeskOutcome::Returned {
                    loan: result.loan,
                    hold: result.hold,
                })
            }
            (b, None, None) => {
                let text = raw.trim();
                let looks_like_code = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && code.chars().any(|c| c.is_ascii_digit());
                if b.is_none() && !looks_like_code && !text.is_empty() {
                    let found = list_people(
                        tx,
                        &PeopleQuery {
                            text: Some(text.to_owned()),
                            limit: Some(20),
                            ..Default::default()
                        },
                    )?;
                    match found.items.len() {
                        0 => {}
                        1 => {
                            let person = found.items.into_iter().next().expect("one");
                            return Ok(DeskOutcome::Borrower {
                                borrower: borrower_in(tx, person, today)?,
                            });
                        }
                        _ => {
                            return Ok(DeskOutcome::Candidates {
                                people: found.items,
                            });
                        }
                    }
                    return Err(Error::NotFound(format!("没有找到读者“{text}”。")));
                }
                Err(Error::NotFound(format!(
                    "条码 {code} 既不是借书证也不是馆藏图书，请核对后重扫。"
                )))
            }
        }
    })
}

/// A person's open hold on a title, if any.
pub(crate) fn find_open_hold_of(
    conn: &rusqlite::Connection,
    title_id: i64,
    person_id: i64,
) -> Result<Option<Hold>> {
    store::find_open_hold(conn, title_id, person_id)
}

/// A stored setting, when set (for the other areas' small settings).
pub(crate) fn setting(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    store::get_setting(conn, key)
}

/// Stores a setting and logs what it now says.
pub(crate) fn put_setting_audited(
    tx: &WriteTx<'_>,
    entity: &str,
    key: &str,
    value: &str,
    summary: &str,
) -> Result<()> {
    // Checked first: nothing is written for someone who may not write it.
    tx.actor().require(entity)?;
    store::put_setting(tx, key, value)?;
    tx.audit("update", entity, None, summary)
}

/// A borrower as the desk shows them.
pub fn borrower(db: &Db, person_id: i64) -> Result<Borrower> {
    let today = db.clock().today();
    db.read(|tx| borrower_in(tx, get_person(tx, person_id)?, today))
}

/// Returns a copy by id (the return button, and a stocktake's one-click
/// return of a copy found on the shelf), as one action.
pub fn return_copy(db: &Db, actor: &Actor, copy_id: i64) -> Result<ReturnResult> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        expire_lapsed_holds(tx, today)?;
        take_back(tx, &get_copy(tx, copy_id)?, today)
    })
}

/// Lends a copy to a person by ids, as one action.
pub fn lend_copy(db: &Db, actor: &Actor, person_id: i64, copy_id: i64) -> Result<Loan> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        expire_lapsed_holds(tx, today)?;
        lend(
            tx,
            &get_person(tx, person_id)?,
            &get_copy(tx, copy_id)?,
            today,
        )
    })
}

/// Renews a loan: a new period from today (never earlier than the current
/// due date), if renewals remain and nobody waits for the title.
pub fn renew(db: &Db, actor: &Actor, loan_id: i64) -> Result<Loan> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        expire_lapsed_holds(tx, today)?;
        renew_in(tx, loan_id, today)
    })
}

pub(crate) fn renew_in(tx: &WriteTx<'_>, loan_id: i64, today: NaiveDate) -> Result<Loan> {
    {
        let loan = get_loan(tx, loan_id, today)?;
        if loan.returned_at.is_some() {
            return Err(Error::conflict(format!(
                "《{}》已归还，不能续借。",
                loan.title
            )));
        }
        let person = get_person(tx, loan.person_id)?;
        let rule = get_loan_rule(tx, person.kind)?;
        if loan.renewals >= rule.max_renewals {
            return Err(Error::conflict(format!(
                "《{}》已续借 {} 次，{}最多续借 {} 次。",
                loan.title,
                loan.renewals,
                person.kind.label(),
                rule.max_renewals
            )));
        }
        if let Some(waiting) = store::first_waiting_hold(tx, loan.title_id)? {
            return Err(Error::conflict(format!(
                "《{}》有读者预约（{} 等候中），不能续借，请按期归还。",
                loan.title, waiting.person_name
            )));
        }
        let days = load_open_days(tx)?;
        let current: NaiveDate = loan.due_on.parse().unwrap_or(today);
        let due = days.on_or_after((today + Days::new(rule.loan_days as u64)).max(current));
        store::renew_loan(tx, loan.id, due)?;
        tx.audit(
            "renew",
            "loan",
            Some(loan.id),
            &format!(
                "{} 续借《{}》，应还改为 {}",
                loan.person_name, loan.title, due
            ),
        )?;
        get_loan(tx, loan.id, today)
    }
}

/// Places a hold for a person on a title, as one action. When a copy is on
/// the shelf and free it is set aside at once.
pub fn place_hold(db: &Db, actor: &Actor, title_id: i64, person_id: i64) -> Result<Hold> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        expire_lapsed_holds(tx, today)?;
        place_hold_in(tx, title_id, person_id, today)
    })
}

pub(crate) fn place_hold_in(
    tx: &WriteTx<'_>,
    title_id: i64,
    person_id: i64,
    today: NaiveDate,
) -> Result<Hold> {
    {
        let person = get_person(tx, person_id)?;
        let title = crate::catalog::get_title(tx, title_id)?;
        if !person.active {
            return Err(Error::conflict(format!(
                "{} 的借书证已停用，不能预约。",
                person.name
            )));
        }
        if let Some(existing) = store::find_open_hold(tx, title_id, person_id)? {
            return Err(Error::conflict(format!(
                "{} 已预约《{}》（{}）。",
                person.name,
                title.title,
                if existing.status == HoldStatus::Ready {
                    "已留书待取"
                } else {
                    "排队中"
                }
            )));
        }
        if list_open_loans_by_person(tx, person_id, today)?
            .iter()
            .any(|l| l.title_id == title_id)
        {
            return Err(Error::conflict(format!(
                "{} 正借着《{}》，无需预约。",
                person.name, title.title
            )));
        }
        if title.copies == 0 {
            return Err(Error::conflict(format!(
                "《{}》没有可借的馆藏册，无法预约。",
                title.title
            )));
        }
        let id = store::insert_hold(tx, title_id, person_id)?;
        tx.audit(
            "place",
            "hold",
            Some(id),
            &format!("{} 预约《{}》", person.name, title.title),
        )?;
        if let Some(copy_id) = store::find_free_copy(tx, title_id)? {
            pass_copy_on(tx, title_id, copy_id, today)?;
        }
        get_hold(tx, id)
    }
}

/// Cancels a hold, as one action; a copy it held passes to the next in line.
pub fn cancel_hold(db: &Db, actor: &Actor, hold_id: i64) -> Result<Hold> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        let hold = get_hold(tx, hold_id)?;
        if !matches!(hold.status, HoldStatus::Waiting | HoldStatus::Ready) {
            return Err(Error::conflict("这条预约已经结束，无需取消。"));
        }
        store::close_hold(tx, hold.id, HoldStatus::Cancelled)?;
        tx.audit(
            "cancel",
            "hold",
            Some(hold.id),
            &format!("取消 {} 对《{}》的预约", hold.person_name, hold.title),
        )?;
        if let Some(copy_id) = hold.copy_id.filter(|_| hold.status == HoldStatus::Ready) {
            pass_copy_on(tx, hold.title_id, copy_id, today)?;
        }
        expire_lapsed_holds(tx, today)?;
        get_hold(tx, hold.id)
    })
}

/// Lets lapsed holds expire, as one action (the desk calls it on opening;
/// returns how many expired).
pub fn expire_holds(db: &Db, actor: &Actor) -> Result<usize> {
    let today = db.clock().today();
    db.write(actor, |tx| expire_lapsed_holds(tx, today))
}

/// Marks a copy lost, damaged (to repair), withdrawn, or back on the shelf,
/// with a note, as one action. A copy lost or damaged while on loan ends the
/// loan that way; a set-aside copy's hold goes back to the queue.
pub fn mark_copy(
    db: &Db,
    actor: &Actor,
    copy_id: i64,
    status: CopyStatus,
    note: &str,
) -> Result<Copy> {
    let today = db.clock().today();
    let note = crate::text::checked_text("note", "说明", Some(note), 200, true)?;
    db.write(actor, |tx| {
        let copy = get_copy(tx, copy_id)?;
        if status == CopyStatus::OnLoan {
            return Err(Error::invalid(
                "status",
                "借出状态由借书产生，不能直接设置。",
            ));
        }
        if copy.status == status {
            return Ok(copy);
        }
        if let Some(loan) = find_open_loan_by_copy(tx, copy.id, today)? {
            let outcome = match status {
                CopyStatus::Lost | CopyStatus::Withdrawn => LoanOutcome::Lost,
                CopyStatus::Repair => LoanOutcome::Damaged,
                _ => LoanOutcome::Returned,
            };
            store::close_loan(tx, loan.id, outcome, note.as_deref())?;
        }
        if let Some(hold) = store::find_ready_hold_by_copy(tx, copy.id)?
            && status != CopyStatus::OnShelf
        {
            store::set_hold_waiting(tx, hold.id)?;
        }
        set_copy_status(tx, copy.id, status, note.as_deref())?;
        tx.audit(
            "mark",
            "copy",
            Some(copy.id),
            &format!(
                "{} 由“{}”改为“{}”{}",
                copy.barcode,
                copy.status.label(),
                status.label(),
                note.as_deref()
                    .map(|n| format!("：{n}"))
                    .unwrap_or_default()
            ),
        )?;
        if status == CopyStatus::OnShelf {
            pass_copy_on(tx, copy.title_id, copy.id, today)?;
        } else if let Some(free) = store::find_free_copy(tx, copy.title_id)? {
            // The hold that lost its copy may get another one.
            pass_copy_on(tx, copy.title_id, free, today)?;
        }
        get_copy(tx, copy.id)
    })
}

/// Overdue loans, the longest overdue first.
pub fn overdue(db: &Db, query: &OverdueQuery) -> Result<Vec<Loan>> {
    let today = db.clock().today();
    db.read(|tx| list_overdue_loans(tx, query, today))
}

/// The home screen's circulation figures.
pub fn summary(db: &Db) -> Result<CirculationSummary> {
    let today = db.clock().today();
    db.read(|tx| {
        let [on_loan, overdue, holds_ready, holds_waiting] = circulation_counts(tx, today)?;
        Ok(CirculationSummary {
            on_loan,
            overdue,
            holds_ready,
            holds_waiting,
            today: today.to_string(),
        })
    })
}

/// One hold.
pub fn get_hold_by_id(db: &Db, id: i64) -> Result<Hold> {
    db.read(|tx| get_hold(tx, id))
}

/// Holds set aside, waiting to be collected.
pub fn ready_holds(db: &Db) -> Result<Vec<Hold>> {
    db.read(|tx| list_ready_holds(tx))
}

/// A title's open holds in queue order.
pub fn title_holds(db: &Db, title_id: i64) -> Result<Vec<Hold>> {
    db.read(|tx| list_open_holds_by_title(tx, title_id))
}

/// A person's loan history, the latest first.
pub fn person_loans(db: &Db, person_id: i64, limit: u32) -> Result<Vec<Loan>> {
    let today = db.clock().today();
    db.read(|tx| list_loans_by_person(tx, person_id, limit.clamp(1, 1000), today))
}

/// A copy's loan history, the latest first.
pub fn copy_loans(db: &Db, copy_id: i64, limit: u32) -> Result<Vec<Loan>> {
    let today = db.clock().today();
    db.read(|tx| list_loans_by_copy(tx, copy_id, limit.clamp(1, 1000), today))
}

/// The loan rules of both kinds of borrower.
pub fn loan_rules(db: &Db) -> Result<Vec<LoanRule>> {
    db.read(|tx| list_loan_rules(tx))
}

/// Changes one kind's loan rule, as one action.
pub fn change_loan_rule(db: &Db, actor: &Actor, rule: &LoanRule) -> Result<LoanRule> {
    rule.validate()?;
    db.write(actor, |tx| {
        store::put_loan_rule(tx, rule)?;
        get_loan_rule(tx, rule.person_kind)
    })
}

/// The desk's settings.
pub fn desk_settings(db: &Db) -> Result<DeskSettings> {
    db.read(|tx| desk_settings_in(tx))
}

/// Changes the desk's settings, as one action.
pub fn change_desk_settings(db: &Db, actor: &Actor, s: &DeskSettings) -> Result<DeskSettings> {
    if !(1..=60).contains(&s.hold_pickup_days) {
        return Err(Error::invalid(
            "hold_pickup_days",
            "预约保留天数应为 1 到 60 天。",
        ));
    }
    for (field, value) in [
        ("scanner_prefix", &s.scanner_prefix),
        ("scanner_suffix", &s.scanner_suffix),
    ] {
        if value.chars().count() > 8 {
            return Err(Error::invalid(field, "扫描枪前缀/后缀最多 8 个字符。"));
        }
    }
    db.write(actor, |tx| {
        store::put_setting(tx, "hold_pickup_days", &s.hold_pickup_days.to_string())?;
        store::put_setting(tx, "scanner_prefix", s.scanner_prefix.trim())?;
        store::put_setting(tx, "scanner_suffix", s.scanner_suffix.trim())?;
        tx.audit(
            "update",
            "settings",
            None,
            &format!(
                "预约保留 {} 天；扫描枪前缀“{}”后缀“{}”",
                s.hold_pickup_days, s.scanner_prefix, s.scanner_suffix
            ),
        )?;
        desk_settings_in(tx)
    })
}
