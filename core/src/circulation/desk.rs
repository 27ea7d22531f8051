//! The desk: one scan lends, returns or chooses a borrower; lending checks
//! in the order the desk explains them.

use super::*;

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
    if desk_settings_in(tx)?.refuse_while_overdue {
        let overdue = list_open_loans_by_person(tx, person.id, today)?
            .iter()
            .filter(|l| l.overdue_days > 0)
            .count();
        if overdue > 0 {
            return Err(Error::conflict(overdue_refusal(person, overdue)));
        }
    }
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
        crate::Action::Lend,
        crate::Entity::Loan,
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
        crate::Action::Return,
        crate::Entity::Loan,
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
/// A copy on loan is always taken back, whoever is chosen: with a borrower
/// chosen, the answer keeps them, so the desk can lend the copy to them
/// with one more key (as a returned book handed straight to the next
/// reader). Otherwise, with no borrower chosen, a card barcode chooses one
/// and a name finds the person; with one chosen, a copy on the shelf is
/// lent to them, another card switches borrower and a name searches people.
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
            (_, None, Some(copy)) if copy.status == CopyStatus::OnLoan => {
                let result = take_back(tx, &copy, today)?;
                let serving = match borrower {
                    Some(pid) => Some(borrower_in(tx, get_person(tx, pid)?, today)?),
                    None => None,
                };
                Ok(DeskOutcome::Returned {
                    loan: result.loan,
                    hold: result.hold,
                    borrower: serving,
                })
            }
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
                    borrower: None,
                })
            }
            (_, None, None) => {
                let text = raw.trim();
                let looks_like_code = code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && code.chars().any(|c| c.is_ascii_digit());
                // A name, with or without a borrower chosen, finds people.
                if !looks_like_code && !text.is_empty() {
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
