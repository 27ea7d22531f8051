//! 设置 → 局域网共享: the intranet host inside the window.

use tauri::State;

use crate::intranet::{DEFAULT_PORT, IntranetStatus};
use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn intranet_status(state: State<'_, AppState>) -> Result<IntranetStatus, CommandError> {
    state.actor()?;
    Ok(state.intranet.status())
}

#[tauri::command(async)]
pub fn start_intranet(
    state: State<'_, AppState>,
    port: Option<u16>,
) -> Result<IntranetStatus, CommandError> {
    state.local_only()?;
    state.actor()?.require("database")?;
    let port = port.unwrap_or(DEFAULT_PORT);
    let status = state.intranet.start(state.db()?, &state.data_dir(), port)?;
    crate::intranet::remember(&state.data_dir(), Some(port));
    Ok(status)
}

#[tauri::command(async)]
pub fn stop_intranet(state: State<'_, AppState>) -> Result<IntranetStatus, CommandError> {
    state.actor()?.require("database")?;
    crate::intranet::remember(&state.data_dir(), None);
    Ok(state.intranet.stop())
}
