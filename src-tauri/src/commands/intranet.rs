//! 设置 → 局域网共享: the intranet host inside the window.

use tauri::State;

use crate::intranet::{DEFAULT_PORT, IntranetStatus};
use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn intranet_status(state: State<'_, AppState>) -> Result<IntranetStatus, CommandError> {
    super::allow(&state, "intranet_status")?;
    Ok(state.intranet.status())
}

#[tauri::command(async)]
pub fn start_intranet(
    state: State<'_, AppState>,
    port: Option<u16>,
) -> Result<IntranetStatus, CommandError> {
    state.local_only()?;
    super::allow(&state, "start_intranet")?;
    let port = port.unwrap_or(DEFAULT_PORT);
    let status = state.intranet.start(state.db()?, &state.data_dir(), port)?;
    crate::intranet::remember(&state.data_dir(), Some(port));
    Ok(status)
}

#[tauri::command(async)]
pub fn stop_intranet(state: State<'_, AppState>) -> Result<IntranetStatus, CommandError> {
    super::allow(&state, "stop_intranet")?;
    crate::intranet::remember(&state.data_dir(), None);
    Ok(state.intranet.stop())
}

/// Serves the office's own certificate (PEM files IT gives) instead of the
/// one made on first start: checked, then put in the data folder; sharing,
/// when on, starts again with it.
#[tauri::command]
pub async fn install_intranet_certificate(
    state: State<'_, AppState>,
    cert: String,
    key: String,
) -> Result<IntranetStatus, CommandError> {
    state.local_only()?;
    super::allow(&state, "install_intranet_certificate")?;
    let dir = state.data_dir();
    shuxiang_host::Certificate::install(
        &dir,
        std::path::Path::new(cert.trim()),
        std::path::Path::new(key.trim()),
    )?;
    let status = state.intranet.status();
    if !status.running {
        return Ok(status);
    }
    state.intranet.stop();
    // The port is free again once the old listener has let go of it.
    let mut tries = 0;
    loop {
        match state.intranet.start(state.db()?, &dir, status.port) {
            Ok(started) => return Ok(started),
            Err(_) if tries < 50 => {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e),
        }
    }
}
