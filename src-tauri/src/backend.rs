//! Where a request's work runs: on this PC's data, through the command
//! layer with the window's logged-in operator read fresh; or, while the
//! window is linked to a host (连接到局域网主机), at the host under the
//! operator signed in there. Decided once per request, here, so each of the
//! shell's commands is one line over it.

use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use shuxiang_commands::Ctx;
use shuxiang_commands::files::{self, FileChoices};
use shuxiang_core::import::{ImportProgress, ProgressSink};
use tauri::ipc::Channel;

use crate::remote::Remote;
use crate::{AppState, CommandError};

/// This request's side: local with its context, or the linked host.
pub enum Backend {
    Local(Ctx),
    Remote(Arc<Remote>),
}

impl AppState {
    /// Where this request runs; refused (`unauthenticated`) when a login is
    /// needed and there is none, or the operator's account changed.
    pub fn backend(&self) -> Result<Backend, CommandError> {
        match self.remote() {
            Some(remote) => Ok(Backend::Remote(remote)),
            None => Ok(Backend::Local(self.ctx()?)),
        }
    }
}

impl Backend {
    /// Runs a command of the command layer by name.
    pub async fn call(self, command: String, args: Value) -> Result<Value, CommandError> {
        match self {
            Backend::Local(ctx) => {
                off_runtime(move || Ok(shuxiang_commands::call(&ctx, &command, args)?)).await
            }
            Backend::Remote(remote) => remote
                .client
                .call(&remote.token()?, &command, &args)
                .await
                .map_err(crate::remote::error),
        }
    }

    /// Makes an export into `dir` (this PC's export folder); made at the
    /// host, its file is saved there. The answer names where it now is.
    pub async fn export(
        self,
        command: String,
        args: Value,
        dir: std::path::PathBuf,
    ) -> Result<Value, CommandError> {
        match self {
            Backend::Local(ctx) => {
                off_runtime(move || {
                    Ok(files::export(&ctx, &command, args, &dir).map(|made| made.answer)?)
                })
                .await
            }
            Backend::Remote(remote) => {
                let (answer, file_name, content) = remote
                    .client
                    .export(&remote.token()?, &command, &args)
                    .await
                    .map_err(crate::remote::error)?;
                let name = Path::new(&file_name)
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
                Ok(files::moved(answer, &path))
            }
        }
    }

    /// Takes in a file the user chose here, or sends it to the host to be
    /// taken in there; a local import reports to `progress`.
    pub async fn import(
        self,
        command: &'static str,
        choices: FileChoices,
        content: Vec<u8>,
        progress: Option<Channel<ImportProgress>>,
    ) -> Result<Value, CommandError> {
        match self {
            Backend::Local(ctx) => {
                let sink = progress.map(|channel| {
                    ProgressSink::new(move |p| {
                        let _ = channel.send(p);
                    })
                });
                off_runtime(move || Ok(files::import(&ctx, command, choices, &content, sink)?))
                    .await
            }
            Backend::Remote(remote) => {
                let sent = serde_json::to_value(&choices).unwrap_or_default();
                remote
                    .client
                    .import(&remote.token()?, command, &sent, content)
                    .await
                    .map_err(crate::remote::error)
            }
        }
    }
}

/// Runs a window command's slow work (a backup, a check, a restore, the
/// data's commands) off the async runtime the in-app host also serves on:
/// a worker blocked there can starve a task it has just woken.
pub(crate) async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| CommandError {
            code: "internal",
            message: "操作没有完成，请重试。".into(),
            field: None,
        })?
}
