//! Logging in and out of this window — at the host, when it works on one.

use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    name: String,
    password: String,
) -> Result<(String, shuxiang_core::audit::Role), CommandError> {
    if let Some(remote) = state.remote() {
        let signed = remote
            .client
            .login(&name, &password)
            .await
            .map_err(crate::remote::error)?;
        let who = (signed.name.clone(), signed.role);
        remote.set_signed_in(Some(signed));
        return Ok(who);
    }
    match state.login(&name, &password)? {
        shuxiang_core::Actor::Operator { name, role, .. } => Ok((name, role)),
        _ => Err(CommandError {
            code: "internal",
            message: "登录失败。".into(),
            field: None,
        }),
    }
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> Result<(), CommandError> {
    if let Some(remote) = state.remote() {
        if let Some(signed) = remote.signed_in() {
            remote.client.logout(&signed.token).await;
        }
        remote.set_signed_in(None);
    }
    state.logout();
    Ok(())
}

/// Whether the login at this window is still live; `active` says the
/// person there has used keys or mouse since the last ask, which starts
/// the idle time again. The idle rule is the session's, not the page's.
#[tauri::command]
pub fn session_state(state: State<'_, AppState>, active: bool) -> bool {
    match state.remote() {
        // The host ends its own idle sessions; the next command says so.
        Some(remote) => remote.signed_in().is_some(),
        None => state.session_alive(active),
    }
}
