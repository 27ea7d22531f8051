//! What a reader sees and does on the intranet pages (读者查询): a title
//! with where each copy stands and when a lent one is due — never who has
//! it; their own loans and holds with the queue position; placing and
//! cancelling their own holds under exactly the desk's rules. Every
//! function takes the signed-in reader's id, and a hold of someone else's
//! is "not found", so guessing ids tells nothing.

use serde::Serialize;

use super::{HoldStatus, holds, store};
use crate::audit::Actor;
use crate::catalog::{CopyStatus, Title, get_title, list_copies_by_title};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::people::store::get_person;

/// A copy as a reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderCopy {
    pub barcode: String,
    pub location: Option<String>,
    /// A bound volume's issues (合订本), when it is one.
    pub volume: Option<String>,
    pub status: CopyStatus,
    /// YYYY-MM-DD, when lent.
    pub due_on: Option<String>,
}

/// A title page for readers: the title, its copies, and how many are
/// waiting for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderTitle {
    pub title: Title,
    pub copies: Vec<ReaderCopy>,
    pub holds_waiting: usize,
}

/// One of the reader's loans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderLoan {
    pub title_id: i64,
    pub title: String,
    pub barcode: String,
    /// YYYY-MM-DD, office-local.
    pub due: String,
    pub overdue_days: i64,
}

/// One of the reader's holds, with their place in the title's queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderHold {
    pub id: i64,
    pub title_id: i64,
    pub title: String,
    pub status: HoldStatus,
    /// 1 = next in line; `None` once a copy is set aside.
    pub position: Option<usize>,
    /// Last day to collect, once set aside.
    pub expires_on: Option<String>,
}

/// What a signed-in reader sees of themselves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderMe {
    pub name: String,
    pub loans: Vec<ReaderLoan>,
    pub holds: Vec<ReaderHold>,
}

/// A title page for readers.
pub fn reader_title(db: &Db, title_id: i64) -> Result<ReaderTitle> {
    db.read(|tx| {
        let title = get_title(tx, title_id)?;
        let mut dues = store::open_loan_dues_by_title(tx, title_id)?;
        let copies = list_copies_by_title(tx, title_id)?
            .into_iter()
            .filter(|c| !matches!(c.status, CopyStatus::Withdrawn))
            .map(|c| ReaderCopy {
                due_on: dues.remove(&c.id),
                barcode: c.barcode,
                location: c.location,
                volume: c.volume,
                status: c.status,
            })
            .collect();
        let holds_waiting = store::list_open_holds_by_title(tx, title_id)?
            .iter()
            .filter(|h| h.status == HoldStatus::Waiting)
            .count();
        Ok(ReaderTitle {
            title,
            copies,
            holds_waiting,
        })
    })
}

/// The signed-in reader's own loans and holds.
pub fn reader_me(db: &Db, person_id: i64) -> Result<ReaderMe> {
    let today = db.clock().today();
    db.read(|tx| {
        let person = get_person(tx, person_id)?;
        let loans = store::list_open_loans_by_person(tx, person_id, today)?
            .into_iter()
            .map(|l| ReaderLoan {
                title_id: l.title_id,
                title: l.title,
                barcode: l.barcode,
                due: l.due_on,
                overdue_days: l.overdue_days,
            })
            .collect();
        let holds = store::list_open_holds_by_person(tx, person_id)?
            .into_iter()
            .map(|h| reader_hold(tx, h))
            .collect::<Result<_>>()?;
        Ok(ReaderMe {
            name: person.name,
            loans,
            holds,
        })
    })
}

fn reader_hold(tx: &rusqlite::Connection, h: super::Hold) -> Result<ReaderHold> {
    let position = if h.status == HoldStatus::Waiting {
        store::list_open_holds_by_title(tx, h.title_id)?
            .iter()
            .filter(|q| q.status == HoldStatus::Waiting)
            .position(|q| q.id == h.id)
            .map(|i| i + 1)
    } else {
        None
    };
    Ok(ReaderHold {
        id: h.id,
        title_id: h.title_id,
        title: h.title,
        status: h.status,
        position,
        expires_on: h.expires_on,
    })
}

/// Where the signed-in reader stands with one title: their open hold on
/// it, their loan of it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReaderStanding {
    pub hold: Option<ReaderHold>,
    pub loan: Option<ReaderLoan>,
}

/// Where the signed-in reader stands with a title, so its page says "you
/// are in the queue" instead of offering the hold again.
pub fn reader_standing(db: &Db, person_id: i64, title_id: i64) -> Result<ReaderStanding> {
    let today = db.clock().today();
    db.read(|tx| {
        let hold = store::find_open_hold(tx, title_id, person_id)?
            .map(|h| reader_hold(tx, h))
            .transpose()?;
        let loan = store::list_open_loans_by_person(tx, person_id, today)?
            .into_iter()
            .find(|l| l.title_id == title_id)
            .map(|l| ReaderLoan {
                title_id: l.title_id,
                title: l.title,
                barcode: l.barcode,
                due: l.due_on,
                overdue_days: l.overdue_days,
            });
        Ok(ReaderStanding { hold, loan })
    })
}

/// The signed-in reader places a hold on a title, under the desk's rules;
/// the desk sees it in the title's queue at once. `client` is the address
/// of the computer they used, for the log.
pub fn reader_place_hold(
    db: &Db,
    person_id: i64,
    title_id: i64,
    client: Option<&str>,
) -> Result<ReaderHold> {
    let actor = reader_actor(db, person_id, client)?;
    let hold = holds::place_hold(db, &actor, title_id, person_id)?;
    db.read(|tx| reader_hold(tx, hold))
}

/// The signed-in reader cancels one of their own holds; anyone else's is
/// not found.
pub fn reader_cancel_hold(
    db: &Db,
    person_id: i64,
    hold_id: i64,
    client: Option<&str>,
) -> Result<ReaderHold> {
    let actor = reader_actor(db, person_id, client)?;
    let not_found = || Error::NotFound("没有找到这条预约。".into());
    let hold = db
        .read(|tx| store::get_hold(tx, hold_id))
        .map_err(|_| not_found())?;
    if hold.person_id != person_id {
        return Err(not_found());
    }
    let hold = holds::cancel_hold(db, &actor, hold_id)?;
    db.read(|tx| reader_hold(tx, hold))
}

/// The signed-in reader renews one of their loans (by the copy's barcode)
/// under the desk's rules, refused in the desk's words — but never naming
/// who is waiting for the book.
pub fn reader_renew(
    db: &Db,
    person_id: i64,
    barcode: &str,
    client: Option<&str>,
) -> Result<ReaderLoan> {
    let actor = reader_actor(db, person_id, client)?;
    let today = db.clock().today();
    let not_yours = || Error::NotFound("你没有借这一册书。".into());
    let loan = db.read(|tx| {
        let copy = crate::catalog::find_copy_by_barcode(tx, barcode)
            .ok()
            .flatten()
            .ok_or_else(not_yours)?;
        let loan = store::find_open_loan_by_copy(tx, copy.id, today)?
            .filter(|l| l.person_id == person_id)
            .ok_or_else(not_yours)?;
        if store::first_waiting_hold(tx, loan.title_id)?.is_some() {
            return Err(Error::conflict(format!(
                "《{}》有其他读者预约，不能续借，请按期归还。",
                loan.title
            )));
        }
        Ok(loan)
    })?;
    let renewed = holds::renew_loan(db, &actor, loan.id)?;
    Ok(ReaderLoan {
        title_id: renewed.title_id,
        title: renewed.title,
        barcode: renewed.barcode,
        due: renewed.due_on,
        overdue_days: renewed.overdue_days,
    })
}

fn reader_actor(db: &Db, person_id: i64, client: Option<&str>) -> Result<Actor> {
    let person = db.read(|tx| get_person(tx, person_id))?;
    if !person.active {
        return Err(Error::Forbidden(format!(
            "{} 的借书证已停用，请联系阅览室。",
            person.name
        )));
    }
    Ok(Actor::Reader {
        person_id,
        name: person.name,
        client: client.map(str::to_owned),
    })
}
