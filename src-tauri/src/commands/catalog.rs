//! The catalogue (书目与馆藏).

use serde::Deserialize;
use shuxiang_core::catalog::{
    self, BarcodeNumbering, CatalogQuery, Copy, ExportFormat, NewCopies, NewTitle, SavedExport,
    Title, TitleDetail, clc::ClcClass,
};
use shuxiang_core::import::{ImportProgress, ImportReport};
use shuxiang_core::people::Page;
use tauri::State;
use tauri::ipc::Channel;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn list_titles(
    state: State<'_, AppState>,
    query: CatalogQuery,
) -> Result<Page<Title>, CommandError> {
    Ok(catalog::catalog_page(&*state.db()?, &query)?)
}

#[tauri::command(async)]
pub fn title_detail(state: State<'_, AppState>, id: i64) -> Result<TitleDetail, CommandError> {
    Ok(catalog::title_detail(&*state.db()?, id)?)
}

#[tauri::command(async)]
pub fn create_title(
    state: State<'_, AppState>,
    title: NewTitle,
    copies: NewCopies,
) -> Result<Title, CommandError> {
    Ok(catalog::create_title(
        &*state.db()?,
        &state.actor()?,
        &title,
        &copies,
    )?)
}

#[tauri::command(async)]
pub fn update_title(
    state: State<'_, AppState>,
    id: i64,
    title: NewTitle,
) -> Result<Title, CommandError> {
    Ok(catalog::edit_title(
        &*state.db()?,
        &state.actor()?,
        id,
        &title,
    )?)
}

#[tauri::command(async)]
pub fn add_copies(
    state: State<'_, AppState>,
    title_id: i64,
    copies: NewCopies,
) -> Result<Vec<Copy>, CommandError> {
    Ok(catalog::add_title_copies(
        &*state.db()?,
        &state.actor()?,
        title_id,
        &copies,
    )?)
}

#[tauri::command(async)]
pub fn title_by_isbn(
    state: State<'_, AppState>,
    isbn: String,
) -> Result<Option<Title>, CommandError> {
    Ok(catalog::title_by_isbn(&*state.db()?, &isbn)?)
}

#[tauri::command(async)]
pub fn suggest_call_number(
    state: State<'_, AppState>,
    clc: String,
) -> Result<String, CommandError> {
    Ok(catalog::suggest_call_number(&*state.db()?, &clc)?)
}

#[tauri::command(async)]
pub fn class_path(state: State<'_, AppState>, code: String) -> Result<Vec<ClcClass>, CommandError> {
    Ok(catalog::class_path_of(&*state.db()?, &code)?)
}

#[tauri::command(async)]
pub fn find_classes(
    state: State<'_, AppState>,
    text: String,
) -> Result<Vec<ClcClass>, CommandError> {
    Ok(catalog::find_classes(&*state.db()?, &text)?)
}

#[tauri::command(async)]
pub fn import_books<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<ImportReport, CommandError> {
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
    let options = super::import_options(dry_run, skip_bad_rows, columns, on_progress);
    Ok(catalog::import_books_path(
        &*state.db()?,
        &state.actor()?,
        std::path::Path::new(path.trim()),
        options,
    )?)
}

#[tauri::command(async)]
pub fn copy_barcode_numbering(
    state: State<'_, AppState>,
) -> Result<BarcodeNumbering, CommandError> {
    Ok(catalog::copy_barcode_numbering(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn change_copy_barcode_numbering(
    state: State<'_, AppState>,
    numbering: BarcodeNumbering,
) -> Result<BarcodeNumbering, CommandError> {
    Ok(catalog::change_copy_barcode_numbering(
        &*state.db()?,
        &state.actor()?,
        &numbering,
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
