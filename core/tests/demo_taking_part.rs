//! The demo's readers take part (issue 25): at first start the inbox has
//! requests of every kind, titles have published notes (one 精选), every
//! state of a suggestion is there (one arrived with its hold) and two
//! reading lists — whatever the day the demo is loaded.

use shuxiang_core::circulation::{self, HoldStatus};
use shuxiang_core::demo::{DemoOptions, DemoReport, load_demo};
use shuxiang_core::participation::{self as part, NoteStatus, SuggestionKind, SuggestionStatus};
use shuxiang_core::{Actor, Clock, Db};

fn demo_on(now: &str) -> (Db, DemoReport) {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(Clock::Fixed(now.parse().unwrap()));
    let options = DemoOptions {
        volumes: 600,
        ..DemoOptions::default()
    };
    let report = load_demo(&db, &Actor::System, options).unwrap();
    (db, report)
}

#[test]
fn at_first_start_the_demo_has_the_inbox_the_notes_and_the_lists_alive() {
    let (db, report) = demo_on("2026-12-07T02:00:00Z");
    assert_eq!(
        report.volumes, 600,
        "the arriving book is one of the volumes asked for"
    );
    let inbox = part::inbox(&db).unwrap();
    assert!(inbox.signups >= 2, "readers wait for a place: {inbox:?}");
    assert_eq!(
        (inbox.offers, inbox.leave, inbox.notes, inbox.suggestions),
        (1, 2, 3, 2),
        "{inbox:?}"
    );
    let published = part::list_notes(&db, Some(NoteStatus::Published)).unwrap();
    assert_eq!(published.len(), 4);
    assert_eq!(
        published.iter().filter(|n| n.featured).count(),
        1,
        "one 精选"
    );
    assert!(
        !part::title_notes(&db, published[0].title_id)
            .unwrap()
            .is_empty(),
        "a title page shows its notes"
    );
    assert_eq!(
        part::list_notes(&db, Some(NoteStatus::Returned))
            .unwrap()
            .len(),
        1
    );
    // The books readers asked for; the periodicals room adds a periodical.
    let count = |s| {
        part::list_suggestions(&db, Some(s))
            .unwrap()
            .iter()
            .filter(|x| x.kind == SuggestionKind::Book)
            .count()
    };
    for s in [
        SuggestionStatus::Accepted,
        SuggestionStatus::Rejected,
        SuggestionStatus::Arrived,
        SuggestionStatus::Held,
    ] {
        assert_eq!(count(s), 1, "one suggestion {}", s.label());
    }
    let arrived = &part::list_suggestions(&db, Some(SuggestionStatus::Arrived)).unwrap()[0];
    let holds = circulation::title_holds(&db, arrived.title_id.unwrap()).unwrap();
    assert!(
        holds
            .iter()
            .any(|h| h.person_id == arrived.person_id && h.status != HoldStatus::Cancelled),
        "the book that arrived is held for its reader"
    );
    let lists = part::reading_lists(&db, true).unwrap();
    assert_eq!(lists.len(), 2);
    assert!(lists.iter().all(|l| l.items >= 3), "{lists:?}");
    assert!(
        lists.iter().any(|l| l.topic_id.is_some()) && lists.iter().any(|l| l.series_id.is_some())
    );
    let open = part::events(&db).unwrap();
    assert!(
        open.iter().any(|e| e.signup == "full"),
        "a session opened and full"
    );
}

#[test]
fn the_demos_readers_take_part_whatever_the_day_it_is_loaded() {
    // Mid-year, with months of sessions ahead; and after the year's
    // last session, when a one-off is planned for the sign-up.
    for now in ["2026-05-11T02:00:00Z", "2026-12-31T12:00:00Z"] {
        let (db, report) = demo_on(now);
        let t = &report.taking_part;
        assert!(
            t.signups >= 5 && t.offers == 2 && t.notes == 8 && t.suggestions == 6 && t.lists == 2,
            "{now}: {t:?}"
        );
        assert!(part::inbox(&db).unwrap().total() > 5, "{now}");
    }
}
