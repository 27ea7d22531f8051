//! Logging in and out of this window.

use tauri::State;

use crate::{AppState, CommandError};

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
