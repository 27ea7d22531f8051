//! Files to and from this PC: exports written into the user's export
//! folder, files the user chose taken in (books, people, a session's
//! photos) with the import dialog's progress bar. On this PC's data they go
//! through the command layer directly; when the window works on a host's,
//! an export is made at the host and its file saved here, and a chosen
//! file is sent to the host to be taken in there.

use serde_json::Value;
use shuxiang_commands::files::{self, FileChoices};
use shuxiang_core::import::ImportProgress;
use tauri::State;
use tauri::ipc::Channel;

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
    if let Some(remote) = state.remote() {
        let token = remote.token()?;
        let (answer, file_name, content) = remote
            .client
            .export(&token, &command, &args)
            .await
            .map_err(crate::remote::error)?;
        let name = std::path::Path::new(&file_name)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "导出".into());
        let path = shuxiang_core::home::unused_export_path(&dir, &name)?;
        std::fs::write(&path, content).map_err(|e| {
            CommandError::from(shuxiang_core::Error::io(
                format!("无法把主机传来的文件保存到 {}", path.display()),
                e,
            ))
        })?;
        return Ok(files::moved(answer, &path));
    }
    let ctx = state.ctx()?;
    blocking(move || files::export(&ctx, &command, args, &dir).map(|made| made.answer)).await
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
    if let Some(remote) = state.remote() {
        let token = remote.token()?;
        let sent = serde_json::json!({
            "fileName": choices.file_name,
            "dryRun": choices.dry_run,
            "skipBadRows": choices.skip_bad_rows,
            "columns": choices.columns,
            "id": choices.id,
        });
        return remote
            .client
            .import(&token, command, &sent, content)
            .await
            .map_err(crate::remote::error);
    }
    let ctx = state.ctx()?;
    let sink = progress.map(|channel| {
        shuxiang_core::import::ProgressSink::new(move |p| {
            let _ = channel.send(p);
        })
    });
    blocking(move || files::import(&ctx, command, choices, &content, sink)).await
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
    let Some(remote) = state.remote() else {
        // On this PC the core reads the file itself, a block at a time.
        let ctx = state.ctx()?;
        let options = super::import_options(dry_run, skip_bad_rows, columns, on_progress);
        let report = blocking(move || {
            shuxiang_core::catalog::import_books_path(ctx.db(), ctx.actor(), &path, options)
        })
        .await?;
        return Ok(serde_json::to_value(report).unwrap_or_default());
    };
    drop(remote);
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
    };
    take_in(&state, "import_books", choices, content, Some(on_progress)).await
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
