//! Readers' sessions: a random token per sign-in, held in memory (a host
//! restart signs everyone out), ended after a while without use.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long a session lasts without a request.
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);

/// The open sessions: token → (reader, last use).
pub struct Sessions {
    open: Mutex<HashMap<String, (i64, Instant)>>,
    idle: Duration,
}

impl Default for Sessions {
    fn default() -> Sessions {
        Sessions::with_idle(SESSION_IDLE)
    }
}

impl Sessions {
    /// Sessions that end after `idle` without use (tests use a short one).
    pub fn with_idle(idle: Duration) -> Sessions {
        Sessions {
            open: Mutex::default(),
            idle,
        }
    }

    /// A new session for `person`: 32 random bytes from the OS, in hex.
    pub fn open(&self, person: i64) -> String {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        open.retain(|_, (_, used)| used.elapsed() < idle);
        open.insert(token.clone(), (person, Instant::now()));
        token
    }

    /// The reader of a live session, which counts as a use; `None` for an
    /// unknown or expired token.
    pub fn person(&self, token: &str) -> Option<i64> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        match open.get_mut(token) {
            Some((person, used)) if used.elapsed() < idle => {
                *used = Instant::now();
                Some(*person)
            }
            Some(_) => {
                open.remove(token);
                None
            }
            None => None,
        }
    }
}
