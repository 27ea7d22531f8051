//! Sessions: a random token per sign-in, held in memory (a host restart
//! signs everyone out), ended after a while without use. Readers' sessions
//! hold the reader; operators' sessions hold the operator as an actor.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};

/// How long a session lasts without a request.
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);

/// The most sessions held at once; past it the longest idle is ended.
const MAX_SESSIONS: usize = 20_000;

/// The reader of a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub person: i64,
    pub name: String,
    /// What the reader's page forms send back, so another site's form
    /// cannot act for them (CSRF).
    pub form_token: String,
}

impl Reader {
    /// A reader signing in now, with a fresh form token.
    pub fn new(person: i64, name: &str) -> Reader {
        Reader {
            person,
            name: name.to_owned(),
            form_token: random_token(),
        }
    }
}

/// The open sessions by token: who (`T`) and when last used.
pub struct Sessions<T = Reader> {
    open: Mutex<HashMap<String, (T, Instant)>>,
    idle: Duration,
}

impl<T: Clone> Default for Sessions<T> {
    fn default() -> Sessions<T> {
        Sessions::with_idle(SESSION_IDLE)
    }
}

impl<T: Clone> Sessions<T> {
    /// Sessions that end after `idle` without use (tests use a short one).
    pub fn with_idle(idle: Duration) -> Sessions<T> {
        Sessions {
            open: Mutex::default(),
            idle,
        }
    }

    /// A new session for `who`: a token of 32 random bytes from the OS.
    pub fn open(&self, who: T) -> String {
        let token = random_token();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        open.retain(|_, (_, used)| used.elapsed() < idle);
        if open.len() >= MAX_SESSIONS
            && let Some(oldest) = open
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(t, _)| t.clone())
        {
            open.remove(&oldest);
        }
        open.insert(token.clone(), (who, Instant::now()));
        token
    }

    /// Who holds a live session, which counts as a use; `None` for an
    /// unknown or expired token.
    pub fn get(&self, token: &str) -> Option<T> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        match open.get_mut(token) {
            Some((who, used)) if used.elapsed() < idle => {
                *used = Instant::now();
                Some(who.clone())
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
            .filter(|(_, used)| used.elapsed() < self.idle)
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
