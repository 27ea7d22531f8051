//! The app as a whole: where its data lives, its health, demo data.

use serde::Serialize;
use shuxiang_core::backup::{self, CheckReport};
use shuxiang_core::demo::{self, DemoOptions, DemoReport};
use shuxiang_core::{Actor, schema};
use tauri::State;

use crate::{AppState, CommandError};

/// Facts the About box and the first-start offer show.
#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    schema_version: i64,
    data_dir: Option<String>,
    database: Option<String>,
    /// Why the database could not be opened, when it could not.
    problem: Option<CommandError>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        schema_version: schema::SCHEMA_VERSION,
        data_dir: state.home().map(|h| h.dir.display().to_string()),
        database: state.home().map(|h| h.db_path().display().to_string()),
        problem: state.db().err(),
    }
}

#[tauri::command(async)]
pub fn check_database(state: State<'_, AppState>) -> Result<CheckReport, CommandError> {
    Ok(backup::check(&*state.db()?, false)?)
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> Result<DemoReport, CommandError> {
    Ok(demo::load_demo(
        &*state.db()?,
        &Actor::Desktop,
        DemoOptions::default(),
    )?)
}

#[tauri::command(async)]
pub fn backups(state: State<'_, AppState>) -> Result<Vec<backup::BackupFile>, CommandError> {
    Ok(backup::backups(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn backup_folder(state: State<'_, AppState>) -> Result<Option<String>, CommandError> {
    Ok(backup::backup_dir(&*state.db()?)?.map(|d| d.display().to_string()))
}

#[tauri::command(async)]
pub fn set_backup_folder(state: State<'_, AppState>, dir: String) -> Result<String, CommandError> {
    Ok(backup::set_backup_dir(
        &*state.db()?,
        &Actor::Desktop,
        &dir,
    )?)
}

#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> Result<Option<backup::BackupInfo>, CommandError> {
    Ok(backup::backup_named(&*state.db()?, "手动")?)
}

#[tauri::command(async)]
pub fn backup_to_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<backup::BackupInfo, CommandError> {
    Ok(backup::backup_to(
        &*state.db()?,
        std::path::Path::new(path.trim()),
    )?)
}

#[tauri::command(async)]
pub fn daily_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupInfo>, CommandError> {
    Ok(backup::daily_backup(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn verify_backup(path: String) -> Result<i64, CommandError> {
    Ok(backup::verify_backup_file(std::path::Path::new(
        path.trim(),
    ))?)
}

#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: String,
) -> Result<backup::RestoreReport, CommandError> {
    state.restore(std::path::Path::new(path.trim()))
}

#[tauri::command(async)]
pub fn audit_log(
    state: State<'_, AppState>,
    query: shuxiang_core::audit::AuditQuery,
) -> Result<shuxiang_core::people::Page<shuxiang_core::audit::AuditEntry>, CommandError> {
    Ok(shuxiang_core::audit::audit_log(&*state.db()?, &query)?)
}

#[tauri::command(async)]
pub fn audit_actors(state: State<'_, AppState>) -> Result<Vec<String>, CommandError> {
    Ok(shuxiang_core::audit::audit_actors(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn export_audit(
    state: State<'_, AppState>,
    query: shuxiang_core::audit::AuditQuery,
) -> Result<String, CommandError> {
    Ok(shuxiang_core::audit::export_audit(
        &*state.db()?,
        &query,
        &state.data_dir(),
    )?)
}
