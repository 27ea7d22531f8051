//! A reader's PIN for the intranet pages (读者查询): set by the librarian at
//! the desk or the people screen (or `shuxiang readers set-pin`), hashed
//! with argon2id like an operator's password. Wrong PINs are counted in a
//! window of 15 minutes; the sixth in one window is refused without being
//! checked, so a card's PIN cannot be guessed by trying.

use super::{Person, store};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::operators::{hash, verify};

/// Wrong PINs a window allows; the next attempt in it is refused unchecked.
pub const MAX_PIN_FAILURES: i64 = 5;
/// The window in which wrong PINs are counted.
pub const PIN_WINDOW_MINUTES: i64 = 15;

/// A PIN as a reader types it on a keypad or a keyboard: 4 to 12 digits.
fn check_pin(pin: &str) -> Result<()> {
    let n = pin.chars().count();
    if !(4..=12).contains(&n) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(Error::invalid("pin", "PIN 应为 4 至 12 位数字。"));
    }
    Ok(())
}

/// Sets (or replaces) the PIN of the reader holding `card`, clearing any
/// wrong attempts: one action, in the log (without the PIN).
pub fn set_pin(db: &Db, actor: &Actor, card: &str, pin: &str) -> Result<Person> {
    check_pin(pin)?;
    let hashed = hash(pin).map_err(|_| Error::invalid("pin", "无法保存 PIN，请重试。"))?;
    db.write(actor, |tx| {
        let person = store::find_person_by_card(tx, card)?
            .ok_or_else(|| Error::NotFound(format!("没有借书证号为 {} 的读者。", card.trim())))?;
        if !person.active {
            return Err(Error::invalid(
                "card",
                format!("{} 已停用，不能设置 PIN。", person.name),
            ));
        }
        store::set_reader_pin(tx, person.id, &hashed)?;
        tx.audit(
            crate::Action::SetPin,
            "person",
            Some(person.id),
            &format!("为 {} 设置读者 PIN", person.name),
        )?;
        Ok(person)
    })
}

/// Gives each of `people` the same PIN, inside the demo's one action, so
/// the intranet pages can be tried at once with any demo card.
pub(crate) fn give_demo_pins(tx: &crate::db::WriteTx<'_>, people: &[i64], pin: &str) -> Result<()> {
    check_pin(pin)?;
    let hashed = hash(pin).map_err(|_| Error::invalid("pin", "无法保存 PIN，请重试。"))?;
    for &id in people {
        store::set_reader_pin(tx, id, &hashed)?;
    }
    Ok(())
}

/// Removes a reader's PIN: they can no longer sign in on the web pages.
pub fn clear_pin(db: &Db, actor: &Actor, person_id: i64) -> Result<bool> {
    db.write(actor, |tx| {
        let person = store::get_person(tx, person_id)?;
        let had = store::clear_reader_pin(tx, person_id)?;
        if had {
            tx.audit(
                crate::Action::ClearPin,
                "person",
                Some(person_id),
                &format!("清除 {} 的读者 PIN", person.name),
            )?;
        }
        Ok(had)
    })
}

/// Whether a reader has a PIN (the people screen shows it).
pub fn has_pin(db: &Db, person_id: i64) -> Result<bool> {
    Ok(db.read(|c| store::reader_pin(c, person_id))?.is_some())
}

/// A reader signing in on the web pages with card and PIN: the person, or
/// one message for every wrong case (an unknown card, no PIN, a wrong PIN,
/// so a card's existence is not told); the sixth wrong attempt within 15
/// minutes is refused unchecked as `too_many_attempts`.
pub fn reader_login(db: &Db, card: &str, pin: &str) -> Result<Person> {
    let wrong = || {
        Error::Unauthenticated(
            "借书证号或 PIN 不对。还没有 PIN 的读者请到阅览室请管理员设置。".into(),
        )
    };
    let now = db.clock().now();
    // A card that is not even a card's shape is as wrong as an unknown one;
    // a database that cannot answer is said as such.
    let found = match db.read(|c| store::find_person_by_card(c, card)) {
        Err(e) if e.code() == "invalid" => None,
        other => other?,
    };
    let Some(person) = found.filter(|p| p.active) else {
        return Err(wrong());
    };
    // Each attempt first claims its place in the window, in one write, and
    // counts as wrong until the PIN proves right: attempts sent at once
    // cannot all read "4 wrong so far" and all be checked.
    let claimed = db.write(&Actor::System, |tx| {
        let Some((stored, failures, first)) = store::reader_pin(tx, person.id)? else {
            return Ok(None);
        };
        let window_start = first
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&chrono::Utc))
            .filter(|start| now - *start < chrono::Duration::minutes(PIN_WINDOW_MINUTES));
        let failures = if window_start.is_some() { failures } else { 0 };
        if let Some(start) = window_start
            && failures >= MAX_PIN_FAILURES
        {
            return Ok(Some(Err(start)));
        }
        let start = window_start.unwrap_or(now);
        store::record_pin_failures(
            tx,
            person.id,
            failures + 1,
            Some(&start.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        )?;
        Ok(Some(Ok(stored)))
    })?;
    let stored = match claimed {
        None => return Err(wrong()),
        Some(Err(start)) => {
            let left = start + chrono::Duration::minutes(PIN_WINDOW_MINUTES) - now;
            return Err(Error::TooManyAttempts(format!(
                "PIN 连续输错 {MAX_PIN_FAILURES} 次，请 {} 分钟后再试，或请管理员重设 PIN。",
                left.num_minutes() + 1
            )));
        }
        Some(Ok(stored)) => stored,
    };
    if !verify(pin, &stored) {
        return Err(wrong());
    }
    db.write(&Actor::System, |tx| {
        store::record_pin_failures(tx, person.id, 0, None)
    })?;
    Ok(person)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::people::{NewPerson, PersonKind, create_person};

    fn room(at: &str) -> Db {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(Clock::Fixed(at.parse().unwrap()));
        create_person(
            &db,
            &Actor::Desktop,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "张三".into(),
                card_barcode: Some("R001".into()),
                ..Default::default()
            },
        )
        .unwrap();
        db
    }

    #[test]
    fn a_pin_is_digits_and_signs_the_reader_in() {
        let db = room("2026-12-04T02:00:00Z");
        for bad in ["123", "abcd", "1234567890123", "12 34"] {
            assert_eq!(
                set_pin(&db, &Actor::Desktop, "R001", bad)
                    .unwrap_err()
                    .field(),
                Some("pin")
            );
        }
        assert!(set_pin(&db, &Actor::Desktop, "X999", "2468").is_err());
        set_pin(&db, &Actor::Desktop, "r001", "2468").unwrap();
        assert_eq!(reader_login(&db, "R001", "2468").unwrap().name, "张三");
        let e = reader_login(&db, "R001", "1357").unwrap_err();
        let unknown = reader_login(&db, "NOBODY", "2468").unwrap_err();
        assert_eq!(
            e.to_string(),
            unknown.to_string(),
            "a card's existence is not told"
        );
        assert_eq!(e.code(), "unauthenticated");
    }

    #[test]
    fn the_sixth_wrong_pin_in_fifteen_minutes_is_refused_even_if_right() {
        let db = room("2026-12-04T02:00:00Z");
        set_pin(&db, &Actor::Desktop, "R001", "2468").unwrap();
        for _ in 0..MAX_PIN_FAILURES {
            assert_eq!(
                reader_login(&db, "R001", "0000").unwrap_err().code(),
                "unauthenticated"
            );
        }
        let e = reader_login(&db, "R001", "0000").unwrap_err();
        assert_eq!(e.code(), "too_many_attempts", "{e}");
        assert_eq!(
            reader_login(&db, "R001", "2468").unwrap_err().code(),
            "too_many_attempts",
            "not even the right PIN is checked"
        );
        // Fifteen minutes after the first wrong one, the window is over.
        let later = db.with_clock(Clock::Fixed("2026-12-04T02:15:01Z".parse().unwrap()));
        assert_eq!(reader_login(&later, "R001", "2468").unwrap().name, "张三");
    }

    #[test]
    fn a_new_pin_clears_the_count_and_a_cleared_pin_signs_nobody_in() {
        let db = room("2026-12-04T02:00:00Z");
        set_pin(&db, &Actor::Desktop, "R001", "2468").unwrap();
        for _ in 0..=MAX_PIN_FAILURES {
            let _ = reader_login(&db, "R001", "0000");
        }
        let person = set_pin(&db, &Actor::Desktop, "R001", "97531").unwrap();
        assert!(reader_login(&db, "R001", "97531").is_ok());
        assert!(has_pin(&db, person.id).unwrap());
        assert!(clear_pin(&db, &Actor::Desktop, person.id).unwrap());
        assert_eq!(
            reader_login(&db, "R001", "97531").unwrap_err().code(),
            "unauthenticated"
        );
    }
}
