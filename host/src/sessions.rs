//! Sessions: a random token per sign-in, held in memory (a host restart
//! signs everyone out), ended after a while without use. A session holds
//! whose account it is and the account's epoch then — never a snapshot of
//! a role: every request reads the account fresh through the command
//! layer. One account holds a few sessions at most; a new one past that
//! ends its oldest.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use shuxiang_core::people::ReaderSignedIn;

/// How long a reader's session lasts without a request.
pub const SESSION_IDLE: Duration = Duration::from_secs(2 * 60 * 60);
/// How long an operator's session lasts without a request: the window's
/// 20 minutes, the same at every PC.
pub const OPERATOR_IDLE: Duration = Duration::from_secs(20 * 60);

/// The most sessions held at once; past it the longest idle is ended.
const MAX_SESSIONS: usize = 20_000;
/// The most sessions one account holds (a reader's phone, office PC and
/// home… an operator's few PCs); a new one past it ends the oldest.
const MAX_PER_ACCOUNT: usize = 5;

/// Whose account a session is.
pub trait Owned {
    fn owner(&self) -> i64;
}

/// The reader of a live session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    /// Who, and their sessions' epoch when they signed in.
    pub signed: ReaderSignedIn,
    pub name: String,
    /// What the reader's page forms send back, so another site's form
    /// cannot act for them (CSRF).
    pub form_token: String,
}

impl Reader {
    /// A reader signing in now, with a fresh form token.
    pub fn new(signed: ReaderSignedIn, name: &str) -> Reader {
        Reader {
            signed,
            name: name.to_owned(),
            form_token: random_token(),
        }
    }

    /// The reader's person id.
    pub fn person(&self) -> i64 {
        self.signed.person_id
    }
}

impl Owned for Reader {
    fn owner(&self) -> i64 {
        self.signed.person_id
    }
}

type Now = Arc<dyn Fn() -> Instant + Send + Sync>;

/// The open sessions by token: who (`T`) and when last used.
pub struct Sessions<T = Reader> {
    open: Mutex<HashMap<String, (T, Instant)>>,
    idle: Duration,
    now: Now,
}

impl<T: Clone + Owned> Default for Sessions<T> {
    fn default() -> Sessions<T> {
        Sessions::with_idle(SESSION_IDLE)
    }
}

impl<T: Clone + Owned> Sessions<T> {
    /// Sessions that end after `idle` without use.
    pub fn with_idle(idle: Duration) -> Sessions<T> {
        Sessions::with_clock(idle, Arc::new(Instant::now))
    }

    /// The same with the time given (tests move it on instead of sleeping).
    pub fn with_clock(idle: Duration, now: Now) -> Sessions<T> {
        Sessions {
            open: Mutex::default(),
            idle,
            now,
        }
    }

    /// A new session for `who`: a token of 32 random bytes from the OS.
    pub fn open(&self, who: T) -> String {
        let token = random_token();
        let now = (self.now)();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        open.retain(|_, (_, used)| now.duration_since(*used) < idle);
        let owner = who.owner();
        let mut theirs: Vec<(String, Instant)> = open
            .iter()
            .filter(|(_, (w, _))| w.owner() == owner)
            .map(|(t, (_, used))| (t.clone(), *used))
            .collect();
        theirs.sort_by_key(|(_, used)| *used);
        for (oldest, _) in theirs
            .iter()
            .take((theirs.len() + 1).saturating_sub(MAX_PER_ACCOUNT))
        {
            open.remove(oldest);
        }
        if open.len() >= MAX_SESSIONS
            && let Some(oldest) = open
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(t, _)| t.clone())
        {
            open.remove(&oldest);
        }
        open.insert(token.clone(), (who, now));
        token
    }

    /// Who holds a live session, which counts as a use; `None` for an
    /// unknown or expired token.
    pub fn get(&self, token: &str) -> Option<T> {
        let now = (self.now)();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        let idle = self.idle;
        match open.get_mut(token) {
            Some((who, used)) if now.duration_since(*used) < idle => {
                *used = now;
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
        let now = (self.now)();
        let open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.values()
            .filter(|(_, used)| now.duration_since(*used) < self.idle)
            .count()
    }

    /// Changes what a live session holds (a reader's new PIN keeps the
    /// session they changed it from); whether the session was live.
    pub fn update(&self, token: &str, change: impl FnOnce(&mut T)) -> bool {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        match open.get_mut(token) {
            Some((who, _)) => {
                change(who);
                true
            }
            None => false,
        }
    }

    /// Ends a session (signing out, or an account that changed).
    pub fn close(&self, token: &str) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(token);
    }
}

/// 32 random bytes from the OS, in hex.
pub(crate) fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(person_id: i64) -> Reader {
        Reader::new(
            ReaderSignedIn {
                person_id,
                epoch: 0,
            },
            "张三",
        )
    }

    #[test]
    fn a_session_ends_after_its_idle_time_and_one_account_holds_a_few() {
        let t = Arc::new(Mutex::new(Instant::now()));
        let read = t.clone();
        let sessions: Sessions<Reader> = Sessions::with_clock(
            Duration::from_secs(60),
            Arc::new(move || *read.lock().unwrap()),
        );
        let first = sessions.open(reader(1));
        *t.lock().unwrap() += Duration::from_secs(30);
        assert!(sessions.get(&first).is_some(), "a use keeps it alive");
        *t.lock().unwrap() += Duration::from_secs(59);
        assert!(sessions.get(&first).is_some());
        let others: Vec<String> = (0..MAX_PER_ACCOUNT)
            .map(|_| {
                *t.lock().unwrap() += Duration::from_millis(1);
                sessions.open(reader(1))
            })
            .collect();
        assert!(sessions.get(&first).is_none(), "the oldest of six is ended");
        assert!(others.iter().all(|t| sessions.get(t).is_some()));
        let someone_else = sessions.open(reader(2));
        *t.lock().unwrap() += Duration::from_secs(61);
        assert!(sessions.get(&someone_else).is_none(), "idle too long");
        assert_eq!(sessions.count(), 0);
    }
}
