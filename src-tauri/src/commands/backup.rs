//! Backups that touch this PC's own disk: the folder they go to, a backup
//! to a chosen file, checking and restoring one (which reopens the
//! window's database), the newest good one after a failed start.

use shuxiang_core::backup;
use tauri::{Manager, State};

use super::off_runtime;
use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn set_backup_folder(state: State<'_, AppState>, dir: String) -> Result<String, CommandError> {
    state.local_only()?;
    super::allow(&state, "set_backup_folder")?;
    Ok(backup::set_backup_dir(
        &*state.db()?,
        &state.actor()?,
        &dir,
    )?)
}

#[tauri::command]
pub async fn backup_to_file(
    state: State<'_, AppState>,
    path: String,
) -> Result<backup::BackupInfo, CommandError> {
    state.local_only()?;
    super::allow(&state, "backup_to_file")?;
    let db = state.db()?;
    let actor = state.actor()?;
    off_runtime(move || {
        Ok(backup::backup_to_file_for_user(
            &db,
            &actor,
            std::path::Path::new(path.trim()),
        )?)
    })
    .await
}

/// The daily backup of this PC's data, made by the app itself (whoever is
/// logged in, and before anyone is): after the first paint and every hour
/// for a window left open. A window working on a host's data makes none:
/// the host keeps its own.
#[tauri::command]
pub async fn daily_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupInfo>, CommandError> {
    if state.remote().is_some() {
        return Ok(None);
    }
    let db = state.open_db()?;
    off_runtime(move || Ok(backup::daily_backup(&db)?)).await
}

#[tauri::command]
pub async fn verify_backup(path: String, password: Option<String>) -> Result<i64, CommandError> {
    off_runtime(move || {
        Ok(backup::verify_backup(
            std::path::Path::new(path.trim()),
            password.as_deref(),
        )?)
    })
    .await
}

#[tauri::command]
pub async fn restore_backup<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    path: String,
    password: Option<String>,
) -> Result<backup::RestoreReport, CommandError> {
    off_runtime(move || {
        let state = app.state::<AppState>();
        state.local_only()?;
        super::allow(&state, "restore_backup")?;
        state.restore(std::path::Path::new(path.trim()), password.as_deref())
    })
    .await
}

#[tauri::command]
pub async fn latest_good_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupFile>, CommandError> {
    let db = state.open_db()?;
    off_runtime(move || Ok(backup::latest_good_backup(&db)?)).await
}
