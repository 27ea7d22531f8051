//! 设置 → 局域网共享: the intranet host run inside the window, over the
//! database the window uses — the same server `shuxiang serve` runs, on the
//! runtime Tauri already has. Office PCs reach the readers' pages over
//! HTTPS with the certificate kept in the data folder.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use shuxiang_core::Db;
use shuxiang_host::{Certificate, Client};

use crate::CommandError;

/// The port readers' browsers use unless another is chosen.
pub const DEFAULT_PORT: u16 = 7443;

/// Where the window remembers that sharing is on, and on which port, so it
/// is on again when the window next opens.
const REMEMBERED: &str = "intranet.json";

/// The port sharing was left on in `data_dir`, if it was.
pub fn remembered_port(data_dir: &std::path::Path) -> Option<u16> {
    let text = std::fs::read_to_string(data_dir.join(REMEMBERED)).ok()?;
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()?
        .get("port")?
        .as_u64()
        .and_then(|p| u16::try_from(p).ok())
}

/// Remembers sharing on at `port`, or (with `None`) off.
pub fn remember(data_dir: &std::path::Path, port: Option<u16>) {
    let path = data_dir.join(REMEMBERED);
    match port {
        Some(port) => {
            let _ = std::fs::write(path, serde_json::json!({ "port": port }).to_string());
        }
        None => {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Sharing on or off: the host while it runs.
#[derive(Default)]
pub struct Intranet {
    running: Mutex<Option<shuxiang_host::Running>>,
}

/// What 设置 → 局域网共享 shows.
#[derive(Debug, Serialize)]
pub struct IntranetStatus {
    pub running: bool,
    pub port: u16,
    /// What readers type in their browser.
    pub urls: Vec<String>,
    /// SHA-256 of the certificate, `AB:CD:…`, to compare in the browser.
    pub fingerprint: Option<String>,
    pub clients: Vec<Client>,
    pub readers_signed_in: usize,
}

impl Intranet {
    /// Where things stand.
    pub fn status(&self) -> IntranetStatus {
        let running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        match &*running {
            Some(r) => IntranetStatus {
                running: true,
                port: r.bound.port(),
                urls: shuxiang_host::reader_urls(r.bound, true),
                fingerprint: r.fingerprint.clone(),
                clients: r.host.clients(),
                readers_signed_in: r.host.readers_signed_in(),
            },
            None => IntranetStatus {
                running: false,
                port: DEFAULT_PORT,
                urls: Vec::new(),
                fingerprint: None,
                clients: Vec::new(),
                readers_signed_in: 0,
            },
        }
    }

    /// Starts serving `db` on every network card at `port`, with the
    /// certificate kept in `data_dir` (made there on first use).
    pub fn start(
        &self,
        db: Arc<Db>,
        data_dir: &std::path::Path,
        port: u16,
    ) -> Result<IntranetStatus, CommandError> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            drop(running);
            return Ok(self.status());
        }
        let certificate = Certificate::in_folder(data_dir)?;
        let listen = SocketAddr::from(([0, 0, 0, 0], port));
        let serving = shuxiang_host::start(
            tauri::async_runtime::handle().inner(),
            db,
            listen,
            Some(&certificate),
            std::future::pending(),
        )?;
        *running = Some(serving);
        drop(running);
        Ok(self.status())
    }

    /// Stops serving; requests in flight finish.
    pub fn stop(&self) -> IntranetStatus {
        let taken = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(r) = taken {
            r.stop();
        }
        self.status()
    }

    /// Whether sharing is on (a restore must wait until it is off).
    pub fn is_running(&self) -> bool {
        self.running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some()
    }
}
