//! One running app per data folder. The first instance holds an exclusive
//! lock in the data folder and listens on a loopback port; a second launch
//! finds the lock taken, asks the first to show its window, and exits
//! before it opens the database. No session bus needed (Xvfb, bare desktops).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

const MESSAGE: &str = "shuxiang:show";

/// What this launch is.
pub enum Claim {
    /// The only instance: keep the guard for the app's lifetime.
    Primary(Guard),
    /// Another instance runs on this data folder and was asked to show itself.
    AlreadyRunning,
}

/// Holds the instance lock and the port a second launch knocks on.
pub struct Guard {
    _lock: Option<File>,
    listener: Option<TcpListener>,
}

fn files(dir: &Path) -> (PathBuf, PathBuf) {
    (dir.join("app.lock"), dir.join("app.port"))
}

/// Claims the data folder for this process.
pub fn claim(dir: &Path) -> Claim {
    let (lock_path, port_path) = files(dir);
    let _ = std::fs::create_dir_all(dir);
    let lock = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
    {
        Ok(f) => f,
        // Without a lock file the database's own lock still protects the data.
        Err(_) => {
            return Claim::Primary(Guard {
                _lock: None,
                listener: None,
            });
        }
    };
    match lock.try_lock() {
        Ok(()) => {
            let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).ok();
            if let Some(port) = listener
                .as_ref()
                .and_then(|l| l.local_addr().ok())
                .map(|a| a.port())
            {
                let _ = std::fs::write(&port_path, port.to_string());
            }
            Claim::Primary(Guard {
                _lock: Some(lock),
                listener,
            })
        }
        Err(TryLockError::WouldBlock) => {
            knock(&port_path);
            Claim::AlreadyRunning
        }
        Err(TryLockError::Error(_)) => Claim::Primary(Guard {
            _lock: Some(lock),
            listener: None,
        }),
    }
}

fn knock(port_path: &Path) {
    let Some(port) = std::fs::read_to_string(port_path)
        .ok()
        .and_then(|p| p.trim().parse::<u16>().ok())
    else {
        return;
    };
    if let Ok(mut stream) =
        TcpStream::connect_timeout(&(Ipv4Addr::LOCALHOST, port).into(), Duration::from_secs(2))
    {
        let _ = writeln!(stream, "{MESSAGE}");
    }
}

impl Guard {
    /// Calls `show` whenever a second launch knocks.
    pub fn on_second_launch(mut self, show: impl Fn() + Send + 'static) {
        let Some(listener) = self.listener.take() else {
            // Nobody can knock; the lock must still be held until the app exits.
            std::mem::forget(self);
            return;
        };
        std::thread::spawn(move || {
            let _guard = self;
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut line = String::new();
                if BufReader::new(stream).read_line(&mut line).is_ok() && line.trim() == MESSAGE {
                    show();
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_claim_on_the_same_folder_knocks_and_steps_aside() {
        let dir = tempfile::tempdir().unwrap();
        let Claim::Primary(guard) = claim(dir.path()) else {
            panic!("the first launch is primary")
        };
        let (tx, rx) = std::sync::mpsc::channel();
        guard.on_second_launch(move || tx.send(()).unwrap());
        assert!(matches!(claim(dir.path()), Claim::AlreadyRunning));
        rx.recv_timeout(Duration::from_secs(5))
            .expect("the first instance was asked to show its window");
    }
}
