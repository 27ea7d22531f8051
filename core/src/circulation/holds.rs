//! Away from the scan: renewals, holds (预约) placed, cancelled and expired, and
//! a copy marked lost, damaged, withdrawn or back on the shelf.

use super::*;

/// Renews a loan: a new period from today (never earlier than the current
/// due date), if renewals remain and nobody waits for the title.
pub fn renew_loan(db: &Db, actor: &Actor, loan_id: i64) -> Result<Loan> {
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
            crate::Action::Renew,
            crate::Entity::Loan,
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
            crate::Action::Place,
            crate::Entity::Hold,
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
            crate::Action::Cancel,
            crate::Entity::Hold,
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
            crate::Action::Mark,
            crate::Entity::Copy,
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
