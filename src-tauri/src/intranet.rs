//! 设置 → 局域网共享: the intranet host run inside the window, over the
//! database the window uses — the same server `shuxiang serve` runs, on the
//! runtime Tauri already has. Office PCs reach the readers' pages over
//! HTTPS with the certificate kept in the data folder.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use shuxiang_core::{Db, Error};
use shuxiang_host::{Certificate, Client, Host, Limits, Sessions};

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

/// The host while it runs.
struct Running {
    host: Host,
    listen: SocketAddr,
    fingerprint: String,
    stop: tokio::sync::oneshot::Sender<()>,
}

/// Sharing on or off.
#[derive(Default)]
pub struct Intranet {
    running: Mutex<Option<Running>>,
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
                port: r.listen.port(),
                urls: shuxiang_host::reader_urls(r.listen, true),
                fingerprint: Some(r.fingerprint.clone()),
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
        let tls = certificate.server_config()?;
        let listen = SocketAddr::from(([0, 0, 0, 0], port));
        let socket = std::net::TcpListener::bind(listen)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|e| {
                Error::io(
                    format!(
                        "无法在端口 {port} 上开启共享（端口可能已被其他程序占用，可换一个端口）"
                    ),
                    e,
                )
            })?;
        let host = Host::shared(db, Sessions::default());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let served = host.clone();
        tauri::async_runtime::spawn(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(socket) else {
                return;
            };
            let shutdown = async {
                let _ = stopped.await;
            };
            if let Err(e) =
                shuxiang_host::serve_with(served, listener, Some(tls), Limits::default(), shutdown)
                    .await
            {
                eprintln!("局域网共享出错停止：{e}");
            }
        });
        *running = Some(Running {
            host,
            listen,
            fingerprint: certificate.fingerprint().to_owned(),
            stop,
        });
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
            let _ = r.stop.send(());
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
