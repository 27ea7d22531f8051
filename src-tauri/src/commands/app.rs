//! The app as a whole: where its data lives, its health, demo data.

use serde::Serialize;
use shuxiang_core::backup::{self, CheckReport};
use shuxiang_core::demo::{self, DemoOptions, DemoReport};
use shuxiang_core::schema;
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
    /// Whether the window must ask for a login first.
    login_required: bool,
    /// The logged-in operator: (name, role).
    operator: Option<(String, shuxiang_core::audit::Role)>,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        schema_version: schema::SCHEMA_VERSION,
        data_dir: state.home().map(|h| h.dir.display().to_string()),
        database: state.home().map(|h| h.db_path().display().to_string()),
        problem: state.open_db().err(),
        login_required: state
            .open_db()
            .ok()
            .and_then(|db| shuxiang_core::operators::login_required(&db).ok())
            .unwrap_or(false),
        operator: match state.actor() {
            Ok(shuxiang_core::Actor::Operator { name, role, .. }) => Some((name, role)),
            _ => None,
        },
    }
}

#[tauri::command(async)]
pub fn check_database(state: State<'_, AppState>) -> Result<CheckReport, CommandError> {
    Ok(backup::check(&*state.open_db()?, false)?)
}

#[tauri::command(async)]
pub fn load_demo(state: State<'_, AppState>) -> Result<DemoReport, CommandError> {
    Ok(demo::load_demo(
        &*state.db()?,
        &state.actor()?,
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
        &state.actor()?,
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
    Ok(backup::backup_to_file_for_user(
        &*state.db()?,
        std::path::Path::new(path.trim()),
    )?)
}

#[tauri::command(async)]
pub fn set_backup_password(
    state: State<'_, AppState>,
    password: String,
) -> Result<bool, CommandError> {
    Ok(backup::set_backup_password(
        &*state.db()?,
        &state.actor()?,
        &password,
    )?)
}

#[tauri::command(async)]
pub fn backup_password_set(state: State<'_, AppState>) -> Result<bool, CommandError> {
    Ok(backup::backup_password_set(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn daily_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupInfo>, CommandError> {
    Ok(backup::daily_backup(&*state.db()?)?)
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
    state.restore(std::path::Path::new(path.trim()), password.as_deref())
}

/// Clears the records (after trying the demo data), keeping a backup.
#[tauri::command(async)]
pub fn clear_all_data(state: State<'_, AppState>) -> Result<backup::ClearReport, CommandError> {
    Ok(backup::clear_all_data(&*state.db()?, &state.actor()?)?)
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

#[tauri::command(async)]
pub fn login(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<(String, shuxiang_core::audit::Role), CommandError> {
    match state.login(&name, &password)? {
        shuxiang_core::Actor::Operator { name, role, .. } => Ok((name, role)),
        _ => Err(CommandError {
            code: "internal",
            message: "登录失败。".into(),
            field: None,
        }),
    }
}

#[tauri::command(async)]
pub fn logout(state: State<'_, AppState>) {
    state.logout();
}

#[tauri::command(async)]
pub fn operators(
    state: State<'_, AppState>,
) -> Result<Vec<shuxiang_core::operators::Operator>, CommandError> {
    Ok(shuxiang_core::operators::operators(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn create_operator(
    state: State<'_, AppState>,
    operator: shuxiang_core::operators::NewOperator,
) -> Result<shuxiang_core::operators::Operator, CommandError> {
    Ok(shuxiang_core::operators::create_operator(
        &*state.db()?,
        &state.actor()?,
        &operator,
    )?)
}

#[tauri::command(async)]
pub fn edit_operator(
    state: State<'_, AppState>,
    id: i64,
    role: shuxiang_core::audit::Role,
    active: bool,
) -> Result<shuxiang_core::operators::Operator, CommandError> {
    Ok(shuxiang_core::operators::edit_operator(
        &*state.db()?,
        &state.actor()?,
        id,
        role,
        active,
    )?)
}

#[tauri::command(async)]
pub fn reset_operator_password(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<shuxiang_core::operators::Operator, CommandError> {
    Ok(shuxiang_core::operators::reset_password(
        &*state.db()?,
        &state.actor()?,
        &name,
        &password,
    )?)
}

#[tauri::command(async)]
pub fn latest_good_backup(
    state: State<'_, AppState>,
) -> Result<Option<backup::BackupFile>, CommandError> {
    Ok(backup::latest_good_backup(&*state.open_db()?)?)
}

/// What the About screen shows.
#[derive(Serialize)]
pub struct About {
    version: &'static str,
    os: String,
    data_dir: Option<String>,
    database: Option<String>,
    backup_dir: Option<String>,
    log_file: Option<String>,
}

#[tauri::command(async)]
pub fn about(state: State<'_, AppState>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION"),
        os: shuxiang_core::about::os_name(),
        data_dir: state.home().map(|h| h.dir.display().to_string()),
        database: state.home().map(|h| h.db_path().display().to_string()),
        backup_dir: state
            .open_db()
            .ok()
            .and_then(|db| backup::backup_dir(&db).ok().flatten())
            .map(|d| d.display().to_string()),
        log_file: state
            .home()
            .map(|h| shuxiang_core::about::log_path(h).display().to_string()),
    }
}

#[tauri::command(async)]
pub fn export_diagnostics(state: State<'_, AppState>) -> Result<String, CommandError> {
    let db = state.open_db().ok();
    Ok(shuxiang_core::about::export_diagnostics(
        db.as_deref(),
        state.home(),
        env!("CARGO_PKG_VERSION"),
        &state.data_dir(),
    )?)
}

#[tauri::command(async)]
pub fn first_run(state: State<'_, AppState>) -> Result<bool, CommandError> {
    Ok(shuxiang_core::about::first_run(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn mark_welcomed(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(shuxiang_core::about::mark_welcomed(
        &*state.db()?,
        &state.actor()?,
    )?)
}

/// Moves the data folder (e.g. to D:): saved for the next start.
#[tauri::command(async)]
pub fn set_data_dir(dir: String) -> Result<String, CommandError> {
    Ok(shuxiang_core::home::choose_data_dir(std::path::Path::new(
        dir.trim(),
    ))?)
}
