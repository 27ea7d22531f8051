//! Signing in, for the window and the host alike: an operator with name and
//! password, a reader with card and PIN. Guessing is slowed per client
//! address (five wrong in 15 minutes, then that address waits) and, for
//! readers, per card (ten wrong a minute from anywhere); the account is
//! never locked for everyone, and the window at the host's own PC keeps a
//! doorkeeper of its own, so failures from the network never lock it.

use std::time::Duration;

use shuxiang_core::operators::{self, SignedIn};
use shuxiang_core::people::{self, Person, ReaderSignedIn};
use shuxiang_core::{Db, Error};

use crate::Throttle;

/// Wrong passwords or PINs one address may try in [`GUESS_WINDOW`].
pub const MAX_GUESSES: u32 = 5;
/// The window in which wrong attempts from one address are counted.
pub const GUESS_WINDOW: Duration = Duration::from_secs(15 * 60);
/// Wrong PINs one card may take in a minute, from any number of addresses.
pub const MAX_CARD_TRIES_PER_MINUTE: u32 = 10;

/// The counts behind every sign-in at one door (the host's, or the window's).
pub struct Doorkeeper {
    passwords: Throttle,
    pins: Throttle,
    cards: Throttle,
}

impl Default for Doorkeeper {
    fn default() -> Doorkeeper {
        Doorkeeper {
            passwords: Throttle::new(MAX_GUESSES, GUESS_WINDOW),
            pins: Throttle::new(MAX_GUESSES, GUESS_WINDOW),
            cards: Throttle::new(MAX_CARD_TRIES_PER_MINUTE, Duration::from_secs(60)),
        }
    }
}

/// An operator signs in from `address` (the computer they are at, or
/// `None` at the window of the PC holding the data).
pub fn sign_in_operator(
    db: &Db,
    door: &Doorkeeper,
    address: Option<&str>,
    name: &str,
    password: &str,
) -> Result<SignedIn, Error> {
    let place = door
        .passwords
        .claim(address.unwrap_or("本机"), "密码输错")?;
    let signed = operators::login(db, name, password, address)?;
    place.give_back();
    Ok(signed)
}

/// A reader signs in with card and PIN from `address`.
pub fn sign_in_reader(
    db: &Db,
    door: &Doorkeeper,
    address: Option<&str>,
    card: &str,
    pin: &str,
) -> Result<(Person, ReaderSignedIn), Error> {
    let place = door.pins.claim(address.unwrap_or("本机"), "PIN 输错")?;
    let card_place = door.cards.claim(&card_key(card), "这张借书证的登录")?;
    let signed = people::reader_login(db, card, pin)?;
    place.give_back();
    card_place.give_back();
    Ok(signed)
}

/// A card as the throttle counts it: the card's own form (full-width
/// letters folded, upper case), so spelling one card another way is the
/// same card.
fn card_key(card: &str) -> String {
    match people::normalize_card(card) {
        Ok(Some(normal)) => normal,
        _ => card
            .trim()
            .chars()
            .take(64)
            .flat_map(char::to_uppercase)
            .collect(),
    }
}

/// A signed-in reader changes their PIN from `address`: a wrong old PIN is
/// a guess, counted like a wrong PIN at sign-in (per address and per
/// reader), so a stolen session cannot try PINs without limit.
pub fn change_reader_pin(
    db: &Db,
    door: &Doorkeeper,
    address: Option<&str>,
    person_id: i64,
    old: &str,
    new: &str,
) -> Result<ReaderSignedIn, Error> {
    let place = door.pins.claim(address.unwrap_or("本机"), "PIN 输错")?;
    let reader_place = door
        .cards
        .claim(&format!("reader:{person_id}"), "这位读者的 PIN")?;
    let signed = people::reader_change_pin(db, person_id, old, new, address)?;
    place.give_back();
    reader_place.give_back();
    Ok(signed)
}
