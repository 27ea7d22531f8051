//! What the cross-area scenarios share: who acts, a clock stopped at a
//! given instant, a database file to reopen at another time, a reader with
//! a card, a title with its copies on a shelf. Each scenario file uses what
//! it needs (`mod support;`).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use shuxiang_core::catalog::{self, NewCopies, NewTitle, Title};
use shuxiang_core::people::{self, NewPerson, Person, PersonKind};
use shuxiang_core::{Actor, Clock, Db};

/// The librarian at the desktop app.
pub const ME: Actor = Actor::Desktop;

/// A clock stopped at `instant` (UTC; the office is UTC+8).
pub fn at(instant: &str) -> Clock {
    Clock::Fixed(instant.parse::<DateTime<Utc>>().unwrap())
}

/// A database file that can be reopened, as the app restarts, at another time.
pub struct Room {
    dir: tempfile::TempDir,
}

impl Room {
    pub fn new() -> Room {
        Room {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Where the database file is.
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("shuxiang.db")
    }

    /// The database as seen at `instant`.
    pub fn at(&self, instant: &str) -> Db {
        Db::open(&self.path()).unwrap().with_clock(at(instant))
    }
}

/// A reader with card `card`; `unit` is the department of a staff member
/// or the delegation of a deputy.
pub fn reader(db: &Db, name: &str, kind: PersonKind, card: &str, unit: &str) -> Person {
    let (department, delegation) = match kind {
        PersonKind::Staff => (Some(unit.into()), None),
        PersonKind::Deputy => (None, Some(unit.into())),
    };
    people::create_person(
        db,
        &ME,
        &NewPerson {
            kind: Some(kind),
            name: name.into(),
            department,
            delegation,
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap()
}

/// A staff member of `department` with card `card`.
pub fn staff(db: &Db, name: &str, card: &str, department: &str) -> Person {
    reader(db, name, PersonKind::Staff, card, department)
}

/// A title with nothing but its name.
pub fn named(name: &str) -> NewTitle {
    NewTitle {
        title: name.into(),
        ..Default::default()
    }
}

/// Catalogues `title` with one copy per barcode, filed under `location`.
pub fn shelve(db: &Db, title: NewTitle, location: Option<&str>, barcodes: &[&str]) -> Title {
    catalog::create_title(
        db,
        &ME,
        &title,
        &NewCopies {
            barcodes: barcodes.iter().map(|b| b.to_string()).collect(),
            location: location.map(str::to_owned),
            ..Default::default()
        },
    )
    .unwrap()
}
