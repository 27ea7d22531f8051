//! 现刊: what the readers' pages show of the periodicals room — each
//! serial subscribed on a day with its latest issue in and the day it came,
//! and how many bound volumes (合订本) of it can be borrowed.

mod store;

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::Db;
use crate::error::Result;

/// A serial on the 现刊 shelf.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CurrentSerial {
    pub title_id: i64,
    pub title: String,
    /// 刊期, as the subscription has it.
    pub frequency: String,
    pub postal_code: Option<String>,
    /// Whether it comes out weekly or more often (a newspaper).
    pub newspaper: bool,
    /// The latest issue in, when one has come: its label, publication
    /// date and the day it was checked in.
    pub latest: Option<LatestIssue>,
    /// Bound volumes a reader may borrow (not withdrawn).
    pub bound_volumes: i64,
}

/// The newest issue of a serial that has come in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestIssue {
    pub label: String,
    pub published_on: String,
    pub received_on: String,
}

/// The serials subscribed (and not stopped) on `on`, each with its newest
/// issue in by then; newspapers first, then by title.
pub fn current_serials(db: &Db, on: NaiveDate) -> Result<Vec<CurrentSerial>> {
    db.read(|tx| store::current(tx, &on.to_string()))
}

/// Whether a 刊期 is a newspaper's: out on set weekdays, more than once a week.
fn is_newspaper(frequency: &str) -> bool {
    matches!(
        frequency,
        "日报" | "周六刊" | "周五刊" | "周三刊" | "周二刊"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Actor;
    use crate::clock::Clock;
    use crate::serials::{self, SerialDraft, SubscriptionDraft};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn subscribe(db: &Db, title: &str, postal: &str, frequency: &str) {
        serials::add_subscription(
            db,
            &Actor::CommandLine,
            &SerialDraft {
                title: title.into(),
                postal_code: Some(postal.into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: frequency.into(),
                year: Some(2027),
                ..Default::default()
            },
        )
        .unwrap();
    }

    #[test]
    fn the_shelf_shows_each_serials_newest_issue_in_and_the_day_it_came() {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(Clock::Fixed("2027-02-20T02:00:00Z".parse().unwrap()));
        subscribe(&db, "求是", "2-25", "半月刊");
        subscribe(&db, "人民日报", "1-1", "日报");
        subscribe(&db, "党建", "2-613", "月刊");
        // 求是 of 1 and 16 January and 1 February in; 党建 not yet.
        serials::receive(&db, &Actor::CommandLine, "2-25", day(1, 3), None).unwrap();
        serials::receive(&db, &Actor::CommandLine, "2-25", day(1, 17), None).unwrap();
        serials::receive(&db, &Actor::CommandLine, "2-25", day(2, 2), None).unwrap();
        serials::receive(&db, &Actor::CommandLine, "1-1", day(1, 1), None).unwrap();

        let shelf = current_serials(&db, day(2, 20)).unwrap();
        let names: Vec<&str> = shelf.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(names, ["人民日报", "党建", "求是"], "newspapers first");
        assert!(shelf[0].newspaper && !shelf[2].newspaper);
        let qiushi = shelf[2].latest.as_ref().expect("求是 has come");
        assert_eq!(
            (qiushi.label.as_str(), qiushi.received_on.as_str()),
            ("2027年第3期", "2027-02-02"),
            "the newest issue in, with the day it was checked in"
        );
        assert_eq!(shelf[1].latest, None, "党建 has not come yet");
        assert!(
            current_serials(&db, NaiveDate::from_ymd_opt(2028, 1, 5).unwrap())
                .unwrap()
                .is_empty(),
            "nothing is subscribed next year yet"
        );
    }
}
