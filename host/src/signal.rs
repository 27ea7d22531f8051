//! The host's stop: Ctrl+C, a service stopped, a console closed or the PC
//! shutting down, whichever comes first on this system.

/// Resolves on Ctrl+C or, on Unix, SIGTERM (a service being stopped); on
/// Windows also on Ctrl+Break, its console closed, or the PC shutting down. The
/// signals are taken over when this is called (inside the runtime), not when
/// it is first awaited: a stop sent the moment the host says it has started
/// still finishes cleanly.
pub fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt()).ok();
        let mut terminate = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |s: &mut Option<tokio::signal::unix::Signal>| {
                let s = s.take();
                async move {
                    match s {
                        Some(mut s) => {
                            s.recv().await;
                        }
                        None => std::future::pending::<()>().await,
                    }
                }
            };
            tokio::select! {
                () = wait(&mut interrupt) => {}
                () = wait(&mut terminate) => {}
            }
        }
    }
    // Windows: Ctrl+C or Ctrl+Break in its console, the console window
    // closed, or the PC shutting down.
    #[cfg(windows)]
    {
        use tokio::signal::windows;
        let mut c = windows::ctrl_c().ok();
        let mut brk = windows::ctrl_break().ok();
        let mut close = windows::ctrl_close().ok();
        let mut shutdown = windows::ctrl_shutdown().ok();
        async move {
            macro_rules! wait {
                ($s:expr) => {
                    async {
                        match $s.as_mut() {
                            Some(s) => {
                                s.recv().await;
                            }
                            None => std::future::pending::<()>().await,
                        }
                    }
                };
            }
            tokio::select! {
                () = wait!(c) => {}
                () = wait!(brk) => {}
                () = wait!(close) => {}
                () = wait!(shutdown) => {}
            }
        }
    }
    #[cfg(not(any(unix, windows)))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
