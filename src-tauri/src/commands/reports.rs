//! Learning records, the dashboard and the reports.

use chrono::NaiveDate;
use shuxiang_core::reports;
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn export_person_record(
    state: State<'_, AppState>,
    person_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(reports::export_person_record(
        &*state.db()?,
        person_id,
        from,
        to,
        &state.data_dir(),
    )?)
}

#[tauri::command(async)]
pub fn export_unit_figures(
    state: State<'_, AppState>,
    by_group: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(reports::export_unit_figures(
        &*state.db()?,
        by_group,
        from,
        to,
        &state.data_dir(),
    )?)
}

#[tauri::command(async)]
pub fn export_annual_report(state: State<'_, AppState>, year: i32) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(reports::export_annual_report(
        &*state.db()?,
        year,
        &state.data_dir(),
    )?)
}
