//! A reader's PIN for the intranet pages (读者查询): set by the librarian at
//! the desk or the people screen (or `shuxiang readers set-pin`), hashed
//! with argon2id like an operator's password. A signed-in reader is their
//! id and the epoch their sessions carry ([`ReaderSignedIn`]): a new PIN, a
//! cleared one or the reader's deactivation raises it, ending every session
//! at its next request. Wrong PINs are slowed per client address by the
//! command layer, never by locking the card for everyone.

use super::{Person, store};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::operators::{hash, verify_or_waste};

/// A reader signed in: who, and their sessions' epoch then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderSignedIn {
    pub person_id: i64,
    pub epoch: i64,
}

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
pub fn set_reader_pin(db: &Db, actor: &Actor, card: &str, pin: &str) -> Result<Person> {
    check_pin(pin)?;
    let hashed = hash(pin).map_err(|_| Error::invalid("pin", "无法保存 PIN，请重试。"))?;
    db.write(actor, |tx| {
        tx.actor().require(crate::Entity::Pin)?;
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
            crate::Entity::Pin,
            Some(person.id),
            &format!("为 {} 设置读者 PIN", person.name),
        )?;
        Ok(person)
    })
}

/// The signed-in reader changes their own PIN, giving the old one: one
/// action, in the log (without either PIN). Every session of theirs ends
/// (the epoch is raised); the one they changed it from continues with the
/// sign-in returned.
pub fn reader_change_pin(
    db: &Db,
    person_id: i64,
    old: &str,
    new: &str,
    client: Option<&str>,
) -> Result<ReaderSignedIn> {
    check_pin(new).map_err(|_| Error::invalid("new", "新 PIN 应为 4 至 12 位数字。"))?;
    let person = db.read(|c| store::get_person(c, person_id))?;
    let stored = db.read(|c| store::reader_pin(c, person_id))?;
    if !verify_or_waste(old, stored.as_deref()) {
        return Err(Error::invalid("old", "原 PIN 不对。"));
    }
    if old == new {
        return Err(Error::invalid("new", "新 PIN 与原 PIN 相同。"));
    }
    let hashed = hash(new).map_err(|_| Error::invalid("new", "无法保存 PIN，请重试。"))?;
    let actor = Actor::Reader {
        person_id,
        name: person.name.clone(),
        client: client.map(str::to_owned),
    };
    db.write(&actor, |tx| {
        store::set_reader_pin(tx, person_id, &hashed)?;
        tx.audit(
            crate::Action::ChangePin,
            crate::Entity::Pin,
            Some(person_id),
            &format!("{} 修改了自己的读者 PIN", person.name),
        )?;
        let epoch = store::reader_standing(tx, person_id)?.map_or(0, |(_, e)| e);
        Ok(ReaderSignedIn { person_id, epoch })
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
        tx.actor().require(crate::Entity::Pin)?;
        let person = store::get_person(tx, person_id)?;
        let had = store::clear_reader_pin(tx, person_id)?;
        if had {
            tx.audit(
                crate::Action::ClearPin,
                crate::Entity::Pin,
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

/// A reader signing in on the web pages with card and PIN: the reader
/// signed in, or one refusal for every wrong case — an unknown card, a
/// deactivated reader, no PIN, a wrong PIN — in the same words and the same
/// time, so a card's existence is not told.
pub fn reader_login(db: &Db, card: &str, pin: &str) -> Result<(Person, ReaderSignedIn)> {
    // A card that is not even a card's shape is as wrong as an unknown one;
    // a database that cannot answer is said as such.
    let found = match db.read(|c| store::find_person_by_card(c, card)) {
        Err(e) if e.code() == "invalid" => None,
        other => other?,
    }
    .filter(|p| p.active);
    let stored = match &found {
        Some(p) => db.read(|c| store::reader_pin(c, p.id))?,
        None => None,
    };
    if !verify_or_waste(pin, stored.as_deref()) {
        return Err(Error::Unauthenticated(
            "借书证号或 PIN 不对。还没有 PIN 的读者请到阅览室请管理员设置。".into(),
        ));
    }
    let person = found.expect("a PIN was checked, so the reader was found");
    let epoch = db
        .read(|c| store::reader_standing(c, person.id))?
        .map_or(0, |(_, epoch)| epoch);
    let signed = ReaderSignedIn {
        person_id: person.id,
        epoch,
    };
    Ok((person, signed))
}

/// The reader of a session as they are now, or a refusal when their PIN
/// was changed or cleared, or they were deactivated, since.
pub fn current_reader(db: &Db, session: ReaderSignedIn) -> Result<Person> {
    match db.read(|c| store::reader_standing(c, session.person_id))? {
        Some((true, epoch)) if epoch == session.epoch => {
            db.read(|c| store::get_person(c, session.person_id))
        }
        _ => Err(Error::Unauthenticated(
            "登录已失效（PIN 已更改或借书证已停用），请重新登录。".into(),
        )),
    }
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
                set_reader_pin(&db, &Actor::Desktop, "R001", bad)
                    .unwrap_err()
                    .field(),
                Some("pin")
            );
        }
        assert!(set_reader_pin(&db, &Actor::Desktop, "X999", "2468").is_err());
        set_reader_pin(&db, &Actor::Desktop, "r001", "2468").unwrap();
        let (person, session) = reader_login(&db, "R001", "2468").unwrap();
        assert_eq!(person.name, "张三");
        assert_eq!(current_reader(&db, session).unwrap().name, "张三");
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
    fn a_new_pin_a_cleared_pin_or_deactivation_ends_the_readers_sessions() {
        let db = room("2026-12-04T02:00:00Z");
        let person = set_reader_pin(&db, &Actor::Desktop, "R001", "2468").unwrap();
        let (_, first) = reader_login(&db, "R001", "2468").unwrap();
        set_reader_pin(&db, &Actor::Desktop, "R001", "97531").unwrap();
        assert_eq!(
            current_reader(&db, first).unwrap_err().code(),
            "unauthenticated"
        );
        assert!(reader_login(&db, "R001", "2468").is_err(), "the old PIN");
        let (_, second) = reader_login(&db, "R001", "97531").unwrap();
        assert!(has_pin(&db, person.id).unwrap());
        assert!(clear_pin(&db, &Actor::Desktop, person.id).unwrap());
        assert!(current_reader(&db, second).is_err());
        assert_eq!(
            reader_login(&db, "R001", "97531").unwrap_err().code(),
            "unauthenticated"
        );
        set_reader_pin(&db, &Actor::Desktop, "R001", "97531").unwrap();
        assert!(current_reader(&db, second).is_err(), "a PIN set again");
        let (_, third) = reader_login(&db, "R001", "97531").unwrap();
        crate::people::set_person_active(&db, &Actor::Desktop, person.id, false).unwrap();
        assert!(current_reader(&db, third).is_err());
        assert!(reader_login(&db, "R001", "97531").is_err());
    }

    #[test]
    fn only_an_administrator_or_a_librarian_sets_pins() {
        let db = room("2026-12-04T02:00:00Z");
        let as_role = |role| Actor::Operator {
            id: 1,
            name: "某人".into(),
            role,
            client: None,
        };
        for role in [crate::Role::Organizer, crate::Role::Viewer] {
            let e = set_reader_pin(&db, &as_role(role), "R001", "2468").unwrap_err();
            assert_eq!(e.code(), "forbidden", "{role:?}");
        }
        set_reader_pin(&db, &as_role(crate::Role::Librarian), "R001", "2468").unwrap();
        let person = reader_login(&db, "R001", "2468").unwrap().0;
        assert_eq!(
            clear_pin(&db, &as_role(crate::Role::Organizer), person.id)
                .unwrap_err()
                .code(),
            "forbidden"
        );
    }
}
