//! Readers' sessions: a random token per sign-in, held in memory (a host
//! restart signs everyone out), ended after a while without use.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long a session lasts without a request.
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);

/// The most sessions held at once; past it the longest idle is ended.
const MAX_SESSIONS: usize = 20_000;

/// One signed-in reader: who, the token their page forms must send back
/// (CSRF), and when the session was last used.
struct Session {
    reader: Reader,
    used: Instant,
}

/// The reader of a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub person: i64,
    pub name: String,
    /// What the reader's page forms send back, so another site's form
    /// cannot act for them (CSRF).
    pub form_token: String,
}

/// The open sessions by token.
pub struct Sessions {
    open: Mutex<HashMap<String, Session>>,
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

    /// A new session for `person`: a token of 32 random bytes from the OS.
    pub fn open(&self, person: i64, name: &str) -> String {
        let token = random_token();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        open.retain(|_, s| s.used.elapsed() < idle);
        if open.len() >= MAX_SESSIONS
            && let Some(oldest) = open
                .iter()
                .min_by_key(|(_, s)| s.used)
                .map(|(t, _)| t.clone())
        {
            open.remove(&oldest);
        }
        let session = Session {
            reader: Reader {
                person,
                name: name.to_owned(),
                form_token: random_token(),
            },
            used: Instant::now(),
        };
        open.insert(token.clone(), session);
        token
    }

    /// The reader of a live session, which counts as a use; `None` for an
    /// unknown or expired token.
    pub fn person(&self, token: &str) -> Option<i64> {
        self.reader(token).map(|r| r.person)
    }

    /// The reader of a live session, which counts as a use.
    pub fn reader(&self, token: &str) -> Option<Reader> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        match open.get_mut(token) {
            Some(s) if s.used.elapsed() < idle => {
                s.used = Instant::now();
                Some(s.reader.clone())
            }
            Some(_) => {
                open.remove(token);
                None
            }
            None => None,
        }
    }

    /// Sessions still live.
    pub fn count(&self) -> usize {
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.values()
            .filter(|s| s.used.elapsed() < self.idle)
            .count()
    }

    /// Ends a session (signing out).
    pub fn close(&self, token: &str) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(token);
    }
}

/// 32 random bytes from the OS, in hex.
fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
