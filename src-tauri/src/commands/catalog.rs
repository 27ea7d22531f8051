//! The catalogue (书目与馆藏).

use serde::Deserialize;
use shuxiang_core::catalog::{self, ExportFormat, SavedExport};
use shuxiang_core::import::{ImportProgress, ImportReport};
use tauri::State;
use tauri::ipc::Channel;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn import_books<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<ImportReport, CommandError> {
    state.local_only()?;
    let file = super::dropped_file(webview, &request)?;
    Ok(catalog::import_books_file(
        &*state.db()?,
        &state.actor()?,
        &file.name,
        &file.content,
        file.options,
    )?)
}

#[tauri::command(async)]
pub fn import_books_path(
    state: State<'_, AppState>,
    path: String,
    dry_run: bool,
    skip_bad_rows: bool,
    columns: Vec<(String, String)>,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, CommandError> {
    state.local_only()?;
    let options = super::import_options(dry_run, skip_bad_rows, columns, on_progress);
    Ok(catalog::import_books_path(
        &*state.db()?,
        &state.actor()?,
        std::path::Path::new(path.trim()),
        options,
    )?)
}

/// The file kind an export is written as.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Xlsx,
    Csv,
}

#[tauri::command(async)]
pub fn export_books(
    state: State<'_, AppState>,
    kind: ExportKind,
) -> Result<SavedExport, CommandError> {
    state.local_only()?;
    let format = match kind {
        ExportKind::Xlsx => ExportFormat::Xlsx,
        ExportKind::Csv => ExportFormat::Csv,
    };
    Ok(catalog::export_books_for_user(
        &*state.db()?,
        &state.data_dir(),
        format,
    )?)
}
