//! Reading-share sessions, venues and the calendar.

use chrono::NaiveDate;
use shuxiang_core::sharing::{self, SessionDetail};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn add_share_attachment(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<SessionDetail, CommandError> {
    state.local_only()?;
    let (id, file_name, content) = super::attached_file(&request)?;
    Ok(sharing::add_attachment(
        &*state.db()?,
        &state.actor()?,
        id,
        &file_name,
        &content,
    )?)
}

#[tauri::command(async)]
pub fn save_share_attachment(
    state: State<'_, AppState>,
    attachment_id: i64,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(sharing::save_attachment_for_user(
        &*state.db()?,
        attachment_id,
        &state.data_dir(),
    )?)
}

#[tauri::command(async)]
pub fn export_sessions_ics(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(String, usize), CommandError> {
    state.local_only()?;
    Ok(sharing::ics::export_ics_for_user(
        &*state.db()?,
        &state.data_dir(),
        from,
        to,
    )?)
}
