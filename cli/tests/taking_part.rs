//! The staff's side of readers taking part from the command line: the
//! inbox's counts, suggestions and notes decided, an event opened — JSON
//! shapes and exit codes as DESIGN.md gives them.

mod common;

use common::{json, shuxiang};
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::participation::{self as part, NoteDraft, SuggestionDraft};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::{Actor, Db};

struct Room {
    _dir: tempfile::TempDir,
    db: String,
    suggestion: i64,
    note: i64,
    session: i64,
}

fn room() -> Room {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("书香.db");
    let db = Db::open(&path).unwrap();
    let me = Actor::CommandLine;
    let reader = people::create_person(
        &db,
        &me,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "陈晨".into(),
            department: Some("研究室".into()),
            card_barcode: Some("C-7".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let book = catalog::create_title(
        &db,
        &me,
        &NewTitle {
            title: "万历十五年".into(),
            ..Default::default()
        },
        &NewCopies {
            count: 1,
            ..Default::default()
        },
    )
    .unwrap();
    let suggestion = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "置身事内".into(),
            author: Some("兰小欢".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap()
    .id;
    let note = part::reader_write_note(
        &db,
        reader,
        &NoteDraft {
            title_id: book.id,
            body: "以小见大。".into(),
            session_id: None,
        },
        None,
    )
    .unwrap()
    .id;
    let day = (chrono::Utc::now().date_naive() + chrono::Days::new(40)).to_string();
    let session = sharing::create_session(
        &db,
        &me,
        &SessionDraft {
            revision: None,
            theme: "读书分享会".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )
    .unwrap()
    .id;
    drop(db);
    Room {
        db: path.to_str().unwrap().to_owned(),
        _dir: dir,
        suggestion,
        note,
        session,
    }
}

#[test]
fn the_inbox_counts_and_each_request_is_decided_from_the_command_line() {
    let r = room();
    let db = r.db.as_str();
    let inbox = shuxiang(&["--db", db, "inbox", "--json"], &[]);
    assert!(inbox.status.success());
    let counts = json(&inbox);
    for key in ["signups", "offers", "leave", "notes", "suggestions"] {
        assert!(counts[key].is_i64(), "{key}: {counts}");
    }
    assert_eq!(
        (counts["notes"].as_i64(), counts["suggestions"].as_i64()),
        (Some(1), Some(1))
    );

    let list = json(&shuxiang(
        &[
            "--db",
            db,
            "suggestions",
            "list",
            "--status",
            "submitted",
            "--json",
        ],
        &[],
    ));
    assert_eq!(list[0]["id"].as_i64(), Some(r.suggestion));
    assert_eq!(list[0]["status"], "submitted");
    let bad = shuxiang(
        &[
            "--db",
            db,
            "suggestions",
            "list",
            "--status",
            "maybe",
            "--json",
        ],
        &[],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        json(&bad)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("submitted")
    );

    let id = r.suggestion.to_string();
    let no_reason = shuxiang(
        &["--db", db, "suggestions", "decide", &id, "reject", "--json"],
        &[],
    );
    assert_eq!(no_reason.status.code(), Some(1));
    assert!(
        json(&no_reason)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("理由")
    );
    let rejected = shuxiang(
        &[
            "--db",
            db,
            "suggestions",
            "decide",
            &id,
            "reject",
            "--reason",
            "本年度预算已用完",
            "--json",
        ],
        &[],
    );
    assert!(rejected.status.success());
    assert_eq!(json(&rejected)["status"], "rejected");
    assert_eq!(json(&rejected)["answer"], "本年度预算已用完");

    let note = r.note.to_string();
    let published = shuxiang(
        &[
            "--db",
            db,
            "notes",
            "publish",
            &note,
            "--featured",
            "--json",
        ],
        &[],
    );
    assert!(published.status.success());
    let published = json(&published);
    assert_eq!(
        (
            published["status"].as_str(),
            published["featured"].as_bool()
        ),
        (Some("published"), Some(true))
    );
    let listed = json(&shuxiang(
        &[
            "--db",
            db,
            "notes",
            "list",
            "--status",
            "published",
            "--json",
        ],
        &[],
    ));
    assert_eq!(listed.as_array().unwrap().len(), 1);

    let inbox = json(&shuxiang(&["--db", db, "inbox", "--json"], &[]));
    assert_eq!(
        (inbox["notes"].as_i64(), inbox["suggestions"].as_i64()),
        (Some(0), Some(0))
    );
}

#[test]
fn events_open_opens_a_session_for_sign_up_and_refuses_in_words() {
    let r = room();
    let db = r.db.as_str();
    let id = r.session.to_string();
    let opened = shuxiang(
        &[
            "--db",
            db,
            "events",
            "open",
            "sharing",
            &id,
            "--capacity",
            "30",
            "--json",
        ],
        &[],
    );
    assert!(
        opened.status.success(),
        "{}",
        String::from_utf8_lossy(&opened.stdout)
    );
    let event = json(&opened);
    assert_eq!(
        (event["signup"].as_str(), event["places_left"].as_i64()),
        (Some("open"), Some(30))
    );
    assert_eq!(event["kind"], "sharing");
    let wrong_kind = shuxiang(&["--db", db, "events", "open", "party", &id, "--json"], &[]);
    assert_eq!(wrong_kind.status.code(), Some(1));
    assert!(
        json(&wrong_kind)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("sharing")
    );
    let no_such = shuxiang(
        &["--db", db, "events", "open", "training", "999", "--json"],
        &[],
    );
    assert_eq!(no_such.status.code(), Some(1));
    let bad_day = shuxiang(
        &[
            "--db", db, "events", "open", "sharing", &id, "--until", "明天",
        ],
        &[],
    );
    assert_eq!(
        bad_day.status.code(),
        Some(2),
        "a date that is no date is bad usage"
    );
}
