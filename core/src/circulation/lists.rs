//! What the desk and the reports read (overdue loans, ready holds, a person's
//! or a copy's loans) and the loan rules and desk settings.

use super::*;

/// Overdue loans, the longest overdue first.
pub fn overdue_loans(db: &Db, query: &OverdueQuery) -> Result<Vec<Loan>> {
    let today = db.clock().today();
    db.read(|tx| list_overdue_loans(tx, query, today))
}

/// The home screen's circulation figures.
pub fn circulation_summary(db: &Db) -> Result<CirculationSummary> {
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
        let stored = get_loan_rule(tx, rule.person_kind)?;
        crate::error::check_revision(stored.stored_revision(), rule.revision)?;
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
        let stored = desk_settings_in(tx)?;
        crate::error::check_revision(stored.stored_revision(), s.revision)?;
        crate::settings::put(tx, "hold_pickup_days", &s.hold_pickup_days.to_string())?;
        crate::settings::put(tx, "scanner_prefix", s.scanner_prefix.trim())?;
        crate::settings::put(tx, "scanner_suffix", s.scanner_suffix.trim())?;
        let refuse = if s.refuse_while_overdue { "1" } else { "0" };
        crate::settings::put(tx, "refuse_while_overdue", refuse)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::Settings,
            None,
            &format!(
                "预约保留 {} 天；扫描枪前缀“{}”后缀“{}”；有逾期时{}",
                s.hold_pickup_days,
                s.scanner_prefix,
                s.scanner_suffix,
                if s.refuse_while_overdue {
                    "不能再借"
                } else {
                    "仍可借（提醒）"
                }
            ),
        )?;
        desk_settings_in(tx)
    })
}
