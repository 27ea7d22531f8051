//! The audit log written to a spreadsheet in this PC's folder.

use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn export_audit(
    state: State<'_, AppState>,
    query: shuxiang_core::audit::AuditQuery,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(shuxiang_core::audit::export_audit(
        &*state.db()?,
        &query,
        &state.data_dir(),
    )?)
}
