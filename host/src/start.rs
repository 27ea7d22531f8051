//! Starting the host, once for both who run it: `shuxiang serve` (office
//! IT, a service) and the window's 设置 → 局域网共享. The port is taken
//! before anything else (so a busy port is said at once), the host serves
//! over TLS with the certificate given (or plain HTTP), keeps the daily
//! backup while it runs (it is its data's only writer), and stops — letting
//! requests in flight finish — when told.

use std::net::SocketAddr;
use std::sync::Arc;

use shuxiang_core::{Db, Error};
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use crate::{Certificate, Host, Limits, Sessions, keep_daily_backups, serve_with};

/// A host serving.
pub struct Running {
    /// The host, for who is connected and signed in.
    pub host: Host,
    /// The address it listens on (the port chosen when 0 was asked).
    pub bound: SocketAddr,
    /// The certificate's SHA-256 fingerprint; none over plain HTTP.
    pub fingerprint: Option<String>,
    stop: oneshot::Sender<()>,
    served: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Starts serving `db` on `listen` on the runtime `runtime`, over TLS with
/// `certificate` when given. `also_stop` ends it too (a signal for
/// `serve`); so does [`Running::stop`].
pub fn start(
    runtime: &Handle,
    db: Arc<Db>,
    listen: SocketAddr,
    certificate: Option<&Certificate>,
    also_stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<Running, Error> {
    let tls = certificate.map(Certificate::server_config).transpose()?;
    let socket = std::net::TcpListener::bind(listen)
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| {
            Error::io(
                format!("无法在 {listen} 上开启共享（端口可能已被其他程序占用，可换一个端口）"),
                e,
            )
        })?;
    let bound = socket
        .local_addr()
        .map_err(|e| Error::io("无法读取监听地址", e))?;
    // Many readers searching at once: the pages they rank stay in memory
    // (16 MB at most for the two reading connections; host RSS budget 150 MB).
    db.set_read_cache(8 * 1024)?;
    let host = Host::shared(db, Sessions::default());
    let (stop, stopped) = oneshot::channel::<()>();
    let served = host.clone();
    let keeper = runtime.spawn(keep_daily_backups(host.clone()));
    let served = runtime.spawn(async move {
        let listener = tokio::net::TcpListener::from_std(socket)?;
        let shutdown = async move {
            tokio::select! {
                _ = stopped => {}
                () = also_stop => {}
            }
        };
        let result = serve_with(served, listener, tls, Limits::default(), shutdown).await;
        keeper.abort();
        result
    });
    Ok(Running {
        host,
        bound,
        fingerprint: certificate.map(|c| c.fingerprint().to_owned()),
        stop,
        served,
    })
}

impl Running {
    /// Stops serving; requests in flight finish on their own.
    pub fn stop(self) {
        let _ = self.stop.send(());
    }

    /// Waits until the host has stopped (told to, or failing).
    pub async fn finished(self) -> Result<(), Error> {
        let Running { stop, served, .. } = self;
        let result = served.await;
        drop(stop);
        match result {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(Error::io("主机出错停止", e)),
            Err(_) => Err(Error::io(
                "主机出错停止",
                std::io::Error::other("the serving task ended"),
            )),
        }
    }
}
