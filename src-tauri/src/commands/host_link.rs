//! 连接到局域网主机: linking this window to a host, as SSH does — the
//! certificate's fingerprint is shown on first contact, compared by the
//! user with the one the host's 设置 shows, and pinned.

use tauri::State;

use crate::remote::{self, HostLink};
use crate::{AppState, CommandError};

/// The host this window works on, if any.
#[tauri::command]
pub fn host_link(state: State<'_, AppState>) -> Option<HostLink> {
    state.remote().map(|r| r.link())
}

/// First contact with a host: the fingerprint its certificate shows.
#[tauri::command]
pub async fn probe_host(address: String) -> Result<HostLink, CommandError> {
    let fingerprint = shuxiang_host::HostClient::probe(&address)
        .await
        .map_err(remote::error)?;
    let client = shuxiang_host::HostClient::new(&address, &fingerprint);
    Ok(HostLink {
        address: client.address().to_owned(),
        fingerprint,
    })
}

/// Links this window to the host whose certificate has `fingerprint`
/// (checked again now), until 断开. Whoever was logged in is logged out.
#[tauri::command]
pub async fn connect_host(
    state: State<'_, AppState>,
    address: String,
    fingerprint: String,
) -> Result<HostLink, CommandError> {
    state.local_only()?;
    if state.intranet.is_running() {
        return Err(CommandError {
            code: "conflict",
            message: "本机正在局域网共享自己的数据，不能同时连接到别的主机。请先停止共享。".into(),
            field: None,
        });
    }
    let client = shuxiang_host::HostClient::new(&address, &fingerprint);
    client.ping().await.map_err(remote::error)?;
    let link = HostLink {
        address: client.address().to_owned(),
        fingerprint,
    };
    state.set_remote(Some(&link))?;
    Ok(link)
}

/// Back to this PC's own data.
#[tauri::command]
pub async fn disconnect_host(state: State<'_, AppState>) -> Result<(), CommandError> {
    if let Some(remote) = state.remote()
        && let Some(signed) = remote.signed_in()
    {
        remote.client.logout(&signed.token).await;
    }
    state.set_remote(None)
}

/// Whether the host answers now (the window retries while it does not).
#[tauri::command]
pub async fn host_ping(state: State<'_, AppState>) -> Result<(), CommandError> {
    match state.remote() {
        Some(remote) => remote.client.ping().await.map_err(remote::error),
        None => Ok(()),
    }
}
