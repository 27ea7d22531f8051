//! The accept loop: plain HTTP or TLS over one listener, with the limits an
//! open port on an office network needs — a cap on connections, a TLS
//! handshake and request headers that must arrive in time (slow clients are
//! dropped), a deadline for each request — and a graceful stop that lets
//! requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use crate::{ApiError, Host, OverTls};

/// What the host allows each client.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once; beyond it new ones wait in the queue.
    pub connections: usize,
    /// Connections one client address may hold open; beyond it new ones
    /// are closed at once, so one computer cannot take the host.
    pub per_address: usize,
    /// Time for a TLS handshake.
    pub handshake: Duration,
    /// Time for a request's headers, and how long a kept-alive connection
    /// may sit idle.
    pub headers: Duration,
    /// Time to answer one request.
    pub request: Duration,
    /// Time requests in flight get to finish after the stop.
    pub drain: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 2_000,
            per_address: 256,
            handshake: Duration::from_secs(10),
            headers: Duration::from_secs(20),
            request: Duration::from_secs(30),
            drain: Duration::from_secs(10),
        }
    }
}

/// Serves `host` on `listener`, over TLS when `tls` is given, until
/// `shutdown` resolves; then stops accepting and lets requests in flight
/// finish (for at most `limits.drain`).
pub async fn serve_with(
    host: Host,
    listener: TcpListener,
    tls: Option<Arc<rustls::ServerConfig>>,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let clients = host.clients.clone();
    let router = host.router();
    let tls = tls.map(TlsAcceptor::from);
    let slots = Arc::new(Semaphore::new(limits.connections.max(1)));
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let slot = tokio::select! {
            () = &mut shutdown => break,
            slot = slots.clone().acquire_owned() => slot.map_err(std::io::Error::other)?,
        };
        let (stream, remote) = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file handles or a connection reset before accept:
                // wait a moment rather than spin, and go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(listed) = clients.connected(remote, limits.per_address, limits.connections) else {
            // That computer has its share open already: closed unread.
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let tls = tls.clone();
        let watcher = graceful.watcher();
        tokio::spawn(async move {
            let _slot = slot;
            let _listed = listed;
            match tls {
                None => serve_connection(stream, remote, router, limits, watcher).await,
                Some(tls) => {
                    let handshake =
                        tokio::time::timeout(limits.handshake, tls.accept(stream)).await;
                    if let Ok(Ok(stream)) = handshake {
                        serve_connection(stream, remote, router, limits, watcher).await;
                    }
                }
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(limits.drain, graceful.shutdown()).await;
    Ok(())
}

async fn serve_connection<S>(
    stream: S,
    remote: SocketAddr,
    router: Router,
    limits: Limits,
    watcher: hyper_util::server::graceful::Watcher,
) where
    S: Secure + tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(ConnectInfo(remote));
        request.extensions_mut().insert(OverTls(S::SECURE));
        let mut router = router.clone();
        async move {
            let answer = tower_service::Service::call(&mut router, request);
            match tokio::time::timeout(limits.request, answer).await {
                Ok(response) => response,
                Err(_) => Ok(ApiError::timed_out().into_response()),
            }
        }
    });
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.headers)
        .max_buf_size(64 * 1024);
    let connection = http.serve_connection(TokioIo::new(stream), service);
    // A client that goes away or sends garbage only ends its own connection.
    let _ = watcher.watch(connection).await;
}

/// Whether a connection is encrypted, known from its type.
trait Secure {
    const SECURE: bool;
}

impl Secure for tokio::net::TcpStream {
    const SECURE: bool = false;
}

impl Secure for tokio_rustls::server::TlsStream<tokio::net::TcpStream> {
    const SECURE: bool = true;
}
