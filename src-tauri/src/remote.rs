//! 连接到局域网主机: the window working on another PC's data. The host's
//! address and the fingerprint pinned on first connect are kept in the data
//! folder (`host.json`); while they are there every command goes to the
//! host under the operator signed in there, and the window's own database
//! is left alone. Removing the link (断开) returns to local use, which stays
//! the default.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use serde::{Deserialize, Serialize};
use shuxiang_host::{HostClient, RemoteError, SignedIn};

use crate::CommandError;

const LINK_FILE: &str = "host.json";

/// The host this window works on, as kept on disk and shown in 设置.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HostLink {
    pub address: String,
    pub fingerprint: String,
}

/// The link and the operator signed in at the host.
pub struct Remote {
    pub client: HostClient,
    signed_in: RwLock<Option<SignedIn>>,
}

impl Remote {
    pub fn new(link: &HostLink) -> Remote {
        Remote {
            client: HostClient::new(&link.address, &link.fingerprint),
            signed_in: RwLock::new(None),
        }
    }

    pub fn link(&self) -> HostLink {
        HostLink {
            address: self.client.address().to_owned(),
            fingerprint: self.client.fingerprint().to_owned(),
        }
    }

    pub fn signed_in(&self) -> Option<SignedIn> {
        self.signed_in
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn set_signed_in(&self, who: Option<SignedIn>) {
        *self.signed_in.write().unwrap_or_else(|e| e.into_inner()) = who;
    }

    /// The operator's token, or "log in first" as the window says it.
    pub fn token(&self) -> Result<String, CommandError> {
        self.signed_in()
            .map(|s| s.token)
            .ok_or_else(|| CommandError {
                code: "unauthenticated",
                message: "请先用主机上的操作员账号登录。".into(),
                field: None,
            })
    }
}

/// The link kept in `data_dir`, if any.
pub fn load(data_dir: &Path) -> Option<HostLink> {
    let text = std::fs::read_to_string(data_dir.join(LINK_FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Keeps the link in `data_dir`.
pub fn save(data_dir: &Path, link: &HostLink) -> Result<(), CommandError> {
    let path: PathBuf = data_dir.join(LINK_FILE);
    let text = serde_json::to_string_pretty(link).unwrap_or_default();
    std::fs::create_dir_all(data_dir)
        .and_then(|()| std::fs::write(&path, text))
        .map_err(|e| CommandError {
            code: "io",
            message: format!("无法保存主机地址到 {}：{e}", path.display()),
            field: None,
        })
}

/// Forgets the link.
pub fn forget(data_dir: &Path) {
    let _ = std::fs::remove_file(data_dir.join(LINK_FILE));
}

/// A failure at or on the way to the host, as the window shows errors.
pub fn error(e: RemoteError) -> CommandError {
    const CODES: &[&str] = &[
        "not_found",
        "invalid",
        "conflict",
        "forbidden",
        "unauthenticated",
        "too_many_attempts",
        "busy",
        "disconnected",
        "certificate_changed",
        "not_a_host",
    ];
    CommandError {
        code: CODES
            .iter()
            .find(|c| **c == e.code)
            .copied()
            .unwrap_or("internal"),
        message: e.message,
        field: e.field,
    }
}
