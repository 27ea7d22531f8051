//! People (人员).

use shuxiang_core::import::ImportReport;
use shuxiang_core::people;
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn import_people<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<ImportReport, CommandError> {
    state.local_only()?;
    let file = super::dropped_file(webview, &request)?;
    Ok(people::import_people_file(
        &*state.db()?,
        &state.actor()?,
        &file.name,
        &file.content,
        file.options,
    )?)
}
