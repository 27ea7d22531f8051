//! Guessing slowed per client address (or per card): each attempt claims
//! its place in the count *before* it is checked, so attempts sent at once
//! cannot all read "four wrong so far"; a right one gives its place back.
//! Past the limit, the key is refused until its window is over — that key
//! only, never the account for everyone.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use shuxiang_core::Error;

/// The most keys remembered; past it, the oldest window is forgotten.
const MAX_KEYS: usize = 50_000;

type Now = Arc<dyn Fn() -> Instant + Send + Sync>;

/// Attempts counted per key in a window.
pub struct Throttle {
    max: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
    now: Now,
}

/// An attempt's place in its key's count; it stays counted unless
/// [`Claim::give_back`] is called (a right password).
#[must_use]
pub struct Claim<'a> {
    throttle: &'a Throttle,
    key: String,
}

impl Throttle {
    /// At most `max` attempts per key in each `window`.
    pub fn new(max: u32, window: Duration) -> Throttle {
        Throttle::with_clock(max, window, Arc::new(Instant::now))
    }

    /// The same with the time given (tests move it on).
    pub fn with_clock(max: u32, window: Duration, now: Now) -> Throttle {
        Throttle {
            max,
            window,
            seen: Mutex::default(),
            now,
        }
    }

    /// Claims a place for an attempt by `key`, or refuses it (`too_many_attempts`)
    /// when the key has used its window's places; `what` names the attempt
    /// in the refusal.
    pub fn claim(&self, key: &str, what: &str) -> Result<Claim<'_>, Error> {
        let now = (self.now)();
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        if seen.len() >= MAX_KEYS {
            let window = self.window;
            seen.retain(|_, (start, _)| now.duration_since(*start) < window);
            if seen.len() >= MAX_KEYS
                && let Some(oldest) = seen
                    .iter()
                    .min_by_key(|(_, (start, _))| *start)
                    .map(|(k, _)| k.clone())
            {
                seen.remove(&oldest);
            }
        }
        let entry = seen.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.max {
            let left = self.window.saturating_sub(now.duration_since(entry.0));
            let minutes = left.as_secs().div_ceil(60).max(1);
            return Err(Error::TooManyAttempts(format!(
                "{what}次数过多，请 {minutes} 分钟后再试。忘记了请联系管理员。"
            )));
        }
        entry.1 += 1;
        Ok(Claim {
            throttle: self,
            key: key.to_owned(),
        })
    }
}

impl Claim<'_> {
    /// The attempt was right: its place is given back. (Not the others':
    /// someone with one good account cannot wipe their guesses at another.)
    pub fn give_back(self) {
        let mut seen = self.throttle.seen.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = seen.get_mut(&self.key) {
            entry.1 = entry.1.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> (Arc<Mutex<Instant>>, Now) {
        let t = Arc::new(Mutex::new(Instant::now()));
        let read = t.clone();
        (t, Arc::new(move || *read.lock().unwrap()))
    }

    #[test]
    fn a_key_is_refused_past_its_places_until_the_window_is_over() {
        let (t, now) = clock();
        let throttle = Throttle::with_clock(5, Duration::from_secs(900), now);
        for _ in 0..5 {
            let _ = throttle.claim("10.0.0.9", "登录").unwrap();
        }
        let e = throttle.claim("10.0.0.9", "登录").err().unwrap();
        assert_eq!(e.code(), "too_many_attempts");
        assert!(e.to_string().contains("15 分钟"), "{e}");
        assert!(
            throttle.claim("10.0.0.10", "登录").is_ok(),
            "another address is not touched"
        );
        *t.lock().unwrap() += Duration::from_secs(901);
        assert!(throttle.claim("10.0.0.9", "登录").is_ok());
    }

    #[test]
    fn a_right_attempt_gives_back_only_its_own_place() {
        let (_, now) = clock();
        let throttle = Throttle::with_clock(3, Duration::from_secs(60), now);
        let _ = throttle.claim("a", "登录").unwrap();
        let _ = throttle.claim("a", "登录").unwrap();
        throttle.claim("a", "登录").unwrap().give_back();
        let _ = throttle.claim("a", "登录").unwrap();
        assert!(
            throttle.claim("a", "登录").is_err(),
            "two wrong ones still count"
        );
    }
}
