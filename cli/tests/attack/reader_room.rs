//! The room the readers' attacks run in: reader B (a deputy) with a loan,
//! a hold, a sign-up, a place in a training batch, a note waiting for
//! review and a suggestion; reader A with a loan of their own; and a
//! reader signed in on the pages with their cookie and form token.

use shuxiang_core::participation::{self as part, EventKind, NoteDraft, SuggestionDraft};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::training::{self, NewBatch, NewTopic, NewTrainingSession};
use shuxiang_core::{Actor, Db, catalog, circulation, sharing};

use crate::raw::{Answer, HERE, Room, send};

/// What B has that A aims at.
pub struct Targets {
    pub title: i64,
    pub hold: i64,
    pub session: i64,
    pub batch: i64,
    pub lesson: i64,
}

pub const B_NOTE: &str = "守方还没审核的心得";

fn person(db: &Db, name: &str, card: &str, deputy: bool) -> i64 {
    let me = Actor::Desktop;
    let id = people::create_person(
        db,
        &me,
        &NewPerson {
            kind: Some(if deputy {
                PersonKind::Deputy
            } else {
                PersonKind::Staff
            }),
            name: name.into(),
            department: (!deputy).then(|| "研究室".into()),
            delegation: deputy.then(|| "东城区代表团".into()),
            professional_group: deputy.then(|| "预算审计".into()),
            card_barcode: Some(card.into()),
            phone: Some("13800000000".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    people::set_reader_pin(db, &me, card, "123456").unwrap();
    id
}

/// B (a deputy, card ATK-B) has a loan, a hold, a sign-up, a place in a
/// training batch, a note waiting for review and a suggestion; A (card
/// ATK-A) has a loan of their own and nothing else.
pub fn targets(db: &Db) -> Targets {
    let me = Actor::Desktop;
    let a = person(db, "攻方读者", "ATK-A", false);
    let b = person(db, "守方读者", "ATK-B", true);
    let shelve = |name: &str, barcode: &str| {
        catalog::create_title(
            db,
            &me,
            &catalog::NewTitle {
                title: name.into(),
                ..Default::default()
            },
            &catalog::NewCopies {
                barcodes: vec![barcode.into()],
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let title = shelve("攻防之书", "ATK-1");
    let queued = shelve("排队之书", "ATK-2");
    circulation::desk_scan(db, &me, Some(b), "ATK-1").unwrap();
    circulation::desk_scan(db, &me, Some(a), "ATK-2").unwrap();
    let hold = circulation::reader_place_hold(db, b, queued, None)
        .unwrap()
        .id;
    let day = db.clock().today() + chrono::Days::new(30);
    let session = sharing::create_session(
        db,
        &me,
        &sharing::SessionDraft {
            theme: "守方的读书会".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
            venue_id: None,
            host_id: None,
            capacity: Some(10),
            status: None,
            note: None,
            revision: None,
        },
    )
    .unwrap()
    .id;
    part::open_signup(db, &me, EventKind::Sharing, session, true, None, None).unwrap();
    part::reader_sign_up(db, b, EventKind::Sharing, session, None).unwrap();
    let topic = training::create_topic(
        db,
        &me,
        &NewTopic {
            name: "攻防专题".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let day = db.clock().today() + chrono::Days::new(20);
    let batch = training::create_batch(
        db,
        &me,
        &NewBatch {
            topic_id: topic,
            name: "第1期".into(),
            capacity: Some(10),
            starts_on: Some(day.to_string()),
            ends_on: Some(day.to_string()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let lesson = training::add_session(
        db,
        &me,
        batch,
        &NewTrainingSession {
            subject: "守方的课".into(),
            starts_at: format!("{day}T09:00"),
            ends_at: format!("{day}T11:00"),
            venue_id: None,
            lecturer_id: None,
            lecturer_name: None,
            status: None,
            revision: None,
        },
    )
    .unwrap()
    .id;
    part::open_signup(db, &me, EventKind::Training, batch, true, None, None).unwrap();
    part::reader_sign_up(db, b, EventKind::Training, batch, None).unwrap();
    part::reader_write_note(
        db,
        b,
        &NoteDraft {
            title_id: title,
            body: B_NOTE.into(),
            session_id: Some(session),
        },
        None,
    )
    .unwrap();
    part::reader_suggest(
        db,
        b,
        &SuggestionDraft {
            title: "守方的荐购".into(),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    Targets {
        title,
        hold,
        session,
        batch,
        lesson,
    }
}

/// A reader signed in on the pages: their cookie and form token.
pub struct PageReader {
    pub cookie: String,
    pub token: String,
}

impl Room {
    pub fn page_reader(&self, card: &str) -> PageReader {
        let a = send(
            &self.addr(),
            HERE,
            "POST",
            "/login",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            format!("card={card}&pin=123456").as_bytes(),
        );
        assert_eq!(a.status, 303, "{}", a.text());
        let cookie = a.header("set-cookie").unwrap();
        let cookie = cookie.split(';').next().unwrap().to_owned();
        let me = self.page("GET", "/me", &cookie, "");
        let page = me.text();
        let field = r#"name="form_token" value=""#;
        let at = page.find(field).unwrap() + field.len();
        let token = page[at..at + page[at..].find('"').unwrap()].to_owned();
        PageReader { cookie, token }
    }

    /// A page or a form from the host's own pages, with `cookie`.
    pub fn page(&self, method: &str, path: &str, cookie: &str, form: &str) -> Answer {
        self.page_from(method, path, cookie, form, None)
    }

    /// The same, saying it comes from `origin`.
    pub fn page_from(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        form: &str,
        origin: Option<&str>,
    ) -> Answer {
        let mut headers = vec![
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", cookie),
        ];
        if let Some(o) = origin {
            headers.push(("Origin", o));
        }
        send(&self.addr(), HERE, method, path, &headers, form.as_bytes())
    }
}
