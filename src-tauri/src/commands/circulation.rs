//! Circulation (借阅): the desk, holds, overdue loans, rules and calendar.

use shuxiang_core::calendar::{self, CalendarDay, OpenDays};
use shuxiang_core::catalog::{Copy, CopyStatus};
use shuxiang_core::circulation::{
    self, Borrower, CirculationSummary, DeskOutcome, DeskSettings, Hold, Loan, LoanRule,
    OverdueQuery, ReturnResult,
};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn desk_scan(
    state: State<'_, AppState>,
    borrower: Option<i64>,
    code: String,
) -> Result<DeskOutcome, CommandError> {
    Ok(circulation::desk_scan(
        &*state.db()?,
        &state.actor()?,
        borrower,
        &code,
    )?)
}

#[tauri::command(async)]
pub fn borrower(state: State<'_, AppState>, person_id: i64) -> Result<Borrower, CommandError> {
    Ok(circulation::borrower(&*state.db()?, person_id)?)
}

#[tauri::command(async)]
pub fn lend_copy(
    state: State<'_, AppState>,
    person_id: i64,
    copy_id: i64,
) -> Result<Loan, CommandError> {
    Ok(circulation::lend_copy(
        &*state.db()?,
        &state.actor()?,
        person_id,
        copy_id,
    )?)
}

#[tauri::command(async)]
pub fn return_copy(state: State<'_, AppState>, copy_id: i64) -> Result<ReturnResult, CommandError> {
    Ok(circulation::return_copy(
        &*state.db()?,
        &state.actor()?,
        copy_id,
    )?)
}

#[tauri::command(async)]
pub fn renew_loan(state: State<'_, AppState>, loan_id: i64) -> Result<Loan, CommandError> {
    Ok(circulation::renew(&*state.db()?, &state.actor()?, loan_id)?)
}

#[tauri::command(async)]
pub fn place_hold(
    state: State<'_, AppState>,
    title_id: i64,
    person_id: i64,
) -> Result<Hold, CommandError> {
    Ok(circulation::place_hold(
        &*state.db()?,
        &state.actor()?,
        title_id,
        person_id,
    )?)
}

#[tauri::command(async)]
pub fn cancel_hold(state: State<'_, AppState>, hold_id: i64) -> Result<Hold, CommandError> {
    Ok(circulation::cancel_hold(
        &*state.db()?,
        &state.actor()?,
        hold_id,
    )?)
}

#[tauri::command(async)]
pub fn expire_holds(state: State<'_, AppState>) -> Result<usize, CommandError> {
    Ok(circulation::expire_holds(&*state.db()?, &state.actor()?)?)
}

#[tauri::command(async)]
pub fn mark_copy(
    state: State<'_, AppState>,
    copy_id: i64,
    status: CopyStatus,
    note: String,
) -> Result<Copy, CommandError> {
    Ok(circulation::mark_copy(
        &*state.db()?,
        &state.actor()?,
        copy_id,
        status,
        &note,
    )?)
}

#[tauri::command(async)]
pub fn overdue_loans(
    state: State<'_, AppState>,
    query: OverdueQuery,
) -> Result<Vec<Loan>, CommandError> {
    Ok(circulation::overdue(&*state.db()?, &query)?)
}

#[tauri::command(async)]
pub fn circulation_summary(state: State<'_, AppState>) -> Result<CirculationSummary, CommandError> {
    Ok(circulation::summary(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn ready_holds(state: State<'_, AppState>) -> Result<Vec<Hold>, CommandError> {
    Ok(circulation::ready_holds(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn title_holds(state: State<'_, AppState>, title_id: i64) -> Result<Vec<Hold>, CommandError> {
    Ok(circulation::title_holds(&*state.db()?, title_id)?)
}

#[tauri::command(async)]
pub fn person_loans(
    state: State<'_, AppState>,
    person_id: i64,
    limit: u32,
) -> Result<Vec<Loan>, CommandError> {
    Ok(circulation::person_loans(&*state.db()?, person_id, limit)?)
}

#[tauri::command(async)]
pub fn copy_loans(
    state: State<'_, AppState>,
    copy_id: i64,
    limit: u32,
) -> Result<Vec<Loan>, CommandError> {
    Ok(circulation::copy_loans(&*state.db()?, copy_id, limit)?)
}

#[tauri::command(async)]
pub fn loan_rules(state: State<'_, AppState>) -> Result<Vec<LoanRule>, CommandError> {
    Ok(circulation::loan_rules(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn change_loan_rule(
    state: State<'_, AppState>,
    rule: LoanRule,
) -> Result<LoanRule, CommandError> {
    Ok(circulation::change_loan_rule(
        &*state.db()?,
        &state.actor()?,
        &rule,
    )?)
}

#[tauri::command(async)]
pub fn desk_settings(state: State<'_, AppState>) -> Result<DeskSettings, CommandError> {
    Ok(circulation::desk_settings(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn change_desk_settings(
    state: State<'_, AppState>,
    settings: DeskSettings,
) -> Result<DeskSettings, CommandError> {
    Ok(circulation::change_desk_settings(
        &*state.db()?,
        &state.actor()?,
        &settings,
    )?)
}

#[tauri::command(async)]
pub fn open_days(state: State<'_, AppState>) -> Result<OpenDays, CommandError> {
    Ok(calendar::open_days(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn change_closed_weekdays(
    state: State<'_, AppState>,
    weekdays: Vec<u8>,
) -> Result<OpenDays, CommandError> {
    Ok(calendar::change_closed_weekdays(
        &*state.db()?,
        &state.actor()?,
        &weekdays,
    )?)
}

#[tauri::command(async)]
pub fn save_calendar_day(
    state: State<'_, AppState>,
    day: CalendarDay,
) -> Result<OpenDays, CommandError> {
    Ok(calendar::save_calendar_day(
        &*state.db()?,
        &state.actor()?,
        &day,
    )?)
}

#[tauri::command(async)]
pub fn remove_calendar_day(
    state: State<'_, AppState>,
    day: String,
) -> Result<OpenDays, CommandError> {
    Ok(calendar::remove_calendar_day(
        &*state.db()?,
        &state.actor()?,
        &day,
    )?)
}
