//! Backups that touch this PC's own disk: the folder they go to, a backup
//! to a chosen file, checking and restoring one (which reopens the
//! window's database), the newest good one after a failed start.

use shuxiang_core::backup;
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn set_backup_folder(state: State<'_, AppState>, dir: String) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(backup::set_backup_dir(
        &*state.db()?,
        &state.actor()?,
        &dir,
    )?)
}

#[tauri::command(async)]
pub fn backup_to_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<backup::BackupInfo, CommandError> {
    state.local_only()?;
    Ok(backup::backup_to_file_for_user(
        &*state.db()?,
        std::path::Path::new(path.trim()),
    )?)
}

#[tauri::command(async)]
pub fn verify_backup(path: String, password: Option<String>) -> Result<i64, CommandError> {
    Ok(backup::verify_backup(
        std::path::Path::new(path.trim()),
        password.as_deref(),
    )?)
}

#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    path: String,
    password: Option<String>,
) -> Result<backup::RestoreReport, CommandError> {
    state.local_only()?;
    state.restore(std::path::Path::new(path.trim()), password.as_deref())
}

#[tauri::command(async)]
pub fn latest_good_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupFile>, CommandError> {
    Ok(backup::latest_good_backup(&*state.open_db()?)?)
}
