//! Files to and from this PC: exports written into the user's export
//! folder, files the user chose taken in (books, people, a session's
//! photos) with the import dialog's progress bar. On this PC's data they go
//! through the command layer directly; when the window works on a host's,
//! an export is made at the host and its file saved here, and a chosen
//! file is sent to the host to be taken in there.

use serde_json::Value;
use shuxiang_commands::files::FileChoices;
use shuxiang_core::import::ImportProgress;
use tauri::State;
use tauri::ipc::Channel;

use crate::backend::Backend;
use crate::{AppState, CommandError};

/// Makes the export `command` (the answer the window shows, naming where
/// the file now is on this PC).
#[tauri::command]
pub async fn export(
    state: State<'_, AppState>,
    command: String,
    args: Value,
) -> Result<Value, CommandError> {
    let dir = shuxiang_core::home::exports_dir(&state.data_dir());
    state.backend()?.export(command, args, dir).await
}

/// Runs core work off the async runtime (the database blocks).
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, shuxiang_core::Error> + Send + 'static,
) -> Result<T, CommandError> {
    super::off_runtime(move || work().map_err(CommandError::from)).await
}

/// Takes in a chosen file here, or sends it to the host.
async fn take_in(
    state: &AppState,
    command: &'static str,
    choices: FileChoices,
    content: Vec<u8>,
    progress: Option<Channel<ImportProgress>>,
) -> Result<Value, CommandError> {
    state
        .backend()?
        .import(command, choices, content, progress)
        .await
}

#[tauri::command]
pub async fn import_books<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<Value, CommandError> {
    let (choices, content, progress) = super::dropped_file(webview, &request)?;
    take_in(&state, "import_books", choices, content, Some(progress)).await
}

#[tauri::command]
pub async fn import_books_path(
    state: State<'_, AppState>,
    path: String,
    dry_run: bool,
    skip_bad_rows: bool,
    columns: Vec<(String, String)>,
    on_progress: Channel<ImportProgress>,
) -> Result<Value, CommandError> {
    let path = std::path::PathBuf::from(path.trim());
    super::allow(&state, "import_books_path")?;
    let backend = state.backend()?;
    if let Backend::Local(ctx) = backend {
        // On this PC the core reads the file itself, a block at a time.
        let options = super::import_options(dry_run, skip_bad_rows, columns, on_progress);
        let report = blocking(move || {
            shuxiang_core::catalog::import_books_path(ctx.db(), ctx.actor(), &path, options)
        })
        .await?;
        return Ok(serde_json::to_value(report).unwrap_or_default());
    }
    // At a host the file travels: read here, taken in there.
    let content = std::fs::read(&path).map_err(|e| {
        CommandError::from(shuxiang_core::Error::io(
            format!("无法读取 {}", path.display()),
            e,
        ))
    })?;
    let choices = FileChoices {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        dry_run,
        skip_bad_rows,
        columns,
        id: None,
        year: None,
    };
    backend
        .import("import_books", choices, content, Some(on_progress))
        .await
}

#[tauri::command]
pub async fn import_people<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<Value, CommandError> {
    let (choices, content, progress) = super::dropped_file(webview, &request)?;
    take_in(&state, "import_people", choices, content, Some(progress)).await
}

/// A subscription list (邮发代号, 报刊名称, 刊期, 份数 …) for the year the
/// dialog chose.
#[tauri::command]
pub async fn import_subscriptions<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<Value, CommandError> {
    let (choices, content, progress) = super::dropped_file(webview, &request)?;
    take_in(
        &state,
        "import_subscriptions",
        choices,
        content,
        Some(progress),
    )
    .await
}

/// Next year's holidays from a file the user chose: the notice as pasted,
/// a list, or an .ics (a dry run says what it would list).
#[tauri::command]
pub async fn import_holidays<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<Value, CommandError> {
    let (choices, content, _) = super::dropped_file(webview, &request)?;
    take_in(&state, "import_holidays", choices, content, None).await
}

#[tauri::command]
pub async fn add_share_attachment(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<Value, CommandError> {
    let (id, file_name, content) = super::attached_file(&request)?;
    let choices = FileChoices {
        file_name,
        id: Some(id),
        ..FileChoices::default()
    };
    take_in(&state, "add_share_attachment", choices, content, None).await
}
