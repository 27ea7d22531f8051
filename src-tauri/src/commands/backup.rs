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

/// A backup file chosen in the window (its system file dialog, or dropped)
/// arrives as the request's body, its name in a header: it is kept in the
/// data folder's `恢复用` folder, and the path comes back for the usual
/// verify-then-restore. (A web view gives a chosen file's bytes, never its
/// path.)
#[tauri::command]
pub async fn stage_backup_file(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<String, CommandError> {
    state.local_only()?;
    super::allow(&state, "stage_backup_file")?;
    let (name, content) = super::staged_file(&request)?;
    let dir = state.data_dir().join("恢复用");
    off_runtime(move || {
        let file = std::path::Path::new(&name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "备份.db".into());
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(dir.join(&file), content))
            .map_err(|e| {
                CommandError::from(shuxiang_core::Error::io(
                    format!("无法把备份文件放到 {}", dir.display()),
                    e,
                ))
            })?;
        Ok(dir.join(file).display().to_string())
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
