//! The window's commands. Everything a view asks of the data goes through
//! one door, [`call`], into the command layer (`shuxiang-commands`), the
//! same functions the intranet host serves; what only this window can do —
//! files on its own disk, import progress, its data folder, its login,
//! sharing it on the intranet — is here, one file per area.

pub mod app;
pub mod backup;
pub mod files;
pub mod host_link;
pub mod intranet;
pub mod session;

use serde::Deserialize;
use shuxiang_commands::{Access, Command, Kind};
use shuxiang_core::import::{ImportOptions, ImportProgress, ProgressSink};
use shuxiang_core::{Entity, Error};
use tauri::ipc::{Channel, InvokeBody, JavaScriptChannelId, Request};
use tauri::{Runtime, Webview};

use crate::{AppState, CommandError};

/// A window command as the table states it.
const fn window(name: &'static str, args: &'static [&'static str], access: Access) -> Command {
    Command {
        name,
        args,
        access,
        kind: Kind::Window,
    }
}

/// The commands this window's shell answers itself, stated as the command
/// layer states its own: their names, arguments and access. With the
/// layer's table they make `ui/commands.gen.js`, and a test checks that
/// `generate_handler!`, `build.rs` and the capability name exactly these,
/// with `call`, `export` and the imports.
pub const WINDOW: &[Command] = &[
    window("app_info", &[], Access::Open),
    window("check_database", &[], Access::Open),
    window("about", &[], Access::Open),
    window("export_diagnostics", &[], Access::Open),
    window("first_run", &[], Access::Read),
    window("mark_welcomed", &[], Access::Write(Entity::Settings)),
    window("set_data_dir", &["dir"], Access::Write(Entity::Database)),
    window("latest_good_backup", &[], Access::Open),
    window("login", &["name", "password"], Access::Open),
    window("logout", &[], Access::Open),
    window("session_state", &["active"], Access::Open),
    window("daily_backup", &[], Access::Open),
    window("set_backup_folder", &["dir"], Access::Write(Entity::Backup)),
    window("backup_to_file", &["path"], Access::Write(Entity::Backup)),
    window("verify_backup", &["path", "password"], Access::Open),
    // A file's bytes as the body, as the imports travel.
    Command {
        name: "stage_backup_file",
        args: &[],
        access: Access::Write(Entity::Database),
        kind: Kind::Import,
    },
    window(
        "restore_backup",
        &["path", "password"],
        Access::Write(Entity::Database),
    ),
    window("host_link", &[], Access::Open),
    window("probe_host", &["address"], Access::Open),
    window("connect_host", &["address", "fingerprint"], Access::Open),
    window("disconnect_host", &[], Access::Open),
    window("host_ping", &[], Access::Open),
    window("intranet_status", &[], Access::Read),
    window("start_intranet", &["port"], Access::Write(Entity::Database)),
    window("stop_intranet", &[], Access::Write(Entity::Database)),
    window(
        "install_intranet_certificate",
        &["cert", "key"],
        Access::Write(Entity::Database),
    ),
    window(
        "import_books_path",
        &["path", "dry_run", "skip_bad_rows", "columns", "on_progress"],
        Access::Write(Entity::Title),
    ),
];

/// Refuses a window command the one at the window may not run, as its line
/// in [`WINDOW`] says — the same rule the command layer applies to its own.
/// While the window works on a host's data, the host decides for what goes
/// there (and what only this PC can do is refused as such).
pub(crate) fn allow(state: &AppState, command: &str) -> Result<(), CommandError> {
    if state.remote().is_some() {
        return Ok(());
    }
    let access = WINDOW
        .iter()
        .find(|c| c.name == command)
        .map(|c| c.access)
        .unwrap_or_else(|| panic!("the window command {command} is in WINDOW"));
    match access {
        Access::Open => Ok(()),
        Access::Read => state.actor().map(drop),
        Access::See(entity) => Ok(state.actor()?.require_sight(entity)?),
        Access::Write(entity) => Ok(state.actor()?.require(entity)?),
    }
}

/// Runs a command of the command layer by name, with its arguments as the
/// UI sends them: on this PC's data for whoever is logged in to the window,
/// or — when the window is linked to a host — at the host, for the operator
/// signed in there.
#[tauri::command]
pub async fn call(
    state: tauri::State<'_, AppState>,
    command: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, CommandError> {
    state.backend()?.call(command, args).await
}

pub(crate) use crate::backend::off_runtime;

/// What the import dialog chose, with its progress bar listening on `progress`.
pub(crate) fn import_options(
    dry_run: bool,
    skip_bad_rows: bool,
    columns: Vec<(String, String)>,
    progress: Channel<ImportProgress>,
) -> ImportOptions {
    ImportOptions {
        dry_run,
        skip_bad_rows,
        columns,
        // A closed window just stops listening: the import goes on.
        progress: Some(ProgressSink::new(move |p| {
            let _ = progress.send(p);
        })),
        source: String::new(),
    }
}

/// The header in which the import dialog sends its choices, as ASCII JSON.
const IMPORT_HEADER: &str = "shuxiang-import";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportChoices {
    file_name: String,
    dry_run: bool,
    skip_bad_rows: bool,
    #[serde(default)]
    columns: Vec<(String, String)>,
    /// The progress bar's channel (`__CHANNEL__:id`).
    on_progress: String,
    /// The year of a subscription list.
    #[serde(default)]
    year: Option<i32>,
}

/// The header in which an attachment's session and name are sent.
const ATTACHMENT_HEADER: &str = "shuxiang-attachment";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AttachmentChoice {
    id: i64,
    file_name: String,
}

/// A file sent as the request's raw body with what goes with it as ASCII
/// JSON in `header`; `None` when either is missing or unreadable.
fn file_request<T: serde::de::DeserializeOwned>(
    request: &Request<'_>,
    header: &str,
) -> Option<(T, Vec<u8>)> {
    let choices = request
        .headers()
        .get(header)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str(v).ok())?;
    let content = match request.body() {
        InvokeBody::Raw(bytes) => bytes.clone(),
        // Where the web view cannot send raw bytes, Tauri sends them as numbers.
        InvokeBody::Json(value) => serde_json::from_value(value.clone()).ok()?,
    };
    Some((choices, content))
}

/// The header in which a chosen backup's name is sent.
const STAGED_HEADER: &str = "shuxiang-staged";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StagedChoice {
    file_name: String,
}

/// A backup file sent as the request's raw body: `(name, bytes)`.
pub(crate) fn staged_file(request: &Request<'_>) -> Result<(String, Vec<u8>), CommandError> {
    let (choice, content): (StagedChoice, _) =
        file_request(request, STAGED_HEADER).ok_or_else(|| {
            CommandError::from(Error::invalid("file", "没有收到备份文件，请重新选择。"))
        })?;
    Ok((choice.file_name, content))
}

/// An attachment sent as the request's raw body: `(session id, name, bytes)`.
pub(crate) fn attached_file(request: &Request<'_>) -> Result<(i64, String, Vec<u8>), CommandError> {
    let (choice, content): (AttachmentChoice, _) = file_request(request, ATTACHMENT_HEADER)
        .ok_or_else(|| {
            CommandError::from(Error::invalid(
                "file",
                "添加附件的请求不完整，请重新选择文件。",
            ))
        })?;
    Ok((choice.id, choice.file_name, content))
}

/// A file the user chose or dropped, sent as the request's raw body (a
/// large spreadsheet as a JSON array of numbers cost seconds): what the
/// dialog chose for it, its bytes, and the progress bar's channel.
pub(crate) fn dropped_file<R: Runtime>(
    webview: Webview<R>,
    request: &Request<'_>,
) -> Result<
    (
        shuxiang_commands::files::FileChoices,
        Vec<u8>,
        Channel<ImportProgress>,
    ),
    CommandError,
> {
    let unreadable = || {
        CommandError::from(Error::invalid(
            "file",
            "导入请求不完整，请关闭导入窗口后重试。",
        ))
    };
    let (choices, content): (ImportChoices, _) =
        file_request(request, IMPORT_HEADER).ok_or_else(unreadable)?;
    let progress: Channel<ImportProgress> = choices
        .on_progress
        .parse::<JavaScriptChannelId>()
        .map_err(|_| unreadable())?
        .channel_on(webview);
    let chosen = shuxiang_commands::files::FileChoices {
        file_name: choices.file_name,
        dry_run: choices.dry_run,
        skip_bad_rows: choices.skip_bad_rows,
        columns: choices.columns,
        id: None,
        year: choices.year,
    };
    Ok((chosen, content, progress))
}

#[cfg(test)]
mod tests;
