//! The app as a whole: where its data lives, its health, the About box,
//! diagnostics and the first start.

use serde::Serialize;
use shuxiang_core::backup::{self, CheckReport};
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
    /// The host this window works on, when it is linked to one.
    host: Option<crate::remote::HostLink>,
    /// The core's words (roles, kinds, groups, statuses, marks, the log's
    /// areas, field limits, today in the office), which the UI never restates.
    vocabulary: shuxiang_core::vocabulary::Vocabulary,
}

#[tauri::command(async)]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        schema_version: schema::SCHEMA_VERSION,
        data_dir: state.home().map(|h| h.dir.display().to_string()),
        database: state.home().map(|h| h.db_path().display().to_string()),
        problem: state.open_db().err(),
        login_required: state.remote().is_some()
            || state
                .open_db()
                .ok()
                .and_then(|db| shuxiang_core::operators::login_required(&db).ok())
                .unwrap_or(false),
        operator: match state.remote() {
            Some(remote) => remote.signed_in().map(|s| (s.name, s.role)),
            None => match state.actor() {
                Ok(shuxiang_core::Actor::Operator { name, role, .. }) => Some((name, role)),
                _ => None,
            },
        },
        host: state.remote().map(|r| r.link()),
        vocabulary: shuxiang_core::vocabulary::vocabulary(&shuxiang_core::Clock::System),
    }
}

#[tauri::command]
pub async fn check_database(state: State<'_, AppState>) -> Result<CheckReport, CommandError> {
    let db = state.open_db()?;
    super::off_runtime(move || Ok(backup::check(&db, false)?)).await
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
        &shuxiang_core::home::exports_dir(&state.data_dir()),
    )?)
}

#[tauri::command(async)]
pub fn first_run(state: State<'_, AppState>) -> Result<bool, CommandError> {
    super::allow(&state, "first_run")?;
    Ok(shuxiang_core::about::first_run(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn mark_welcomed(state: State<'_, AppState>) -> Result<(), CommandError> {
    super::allow(&state, "mark_welcomed")?;
    Ok(shuxiang_core::about::mark_welcomed(
        &*state.db()?,
        &state.actor()?,
    )?)
}

/// Moves the data folder (e.g. to D:): saved for the next start. The
/// administrator's, while the data opens; anyone's when it does not (then
/// choosing another folder is the way out).
#[tauri::command(async)]
pub fn set_data_dir(state: State<'_, AppState>, dir: String) -> Result<String, CommandError> {
    if state.open_db().is_ok() {
        super::allow(&state, "set_data_dir")?;
    }
    Ok(shuxiang_core::home::choose_data_dir(std::path::Path::new(
        dir.trim(),
    ))?)
}
