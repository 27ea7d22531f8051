//! Two operators at two PCs open the same record; the first saves, and the
//! second save — made on what they saw before — is refused with
//! "已被他人修改，请刷新后再改", never a silent overwrite. Opened again, it
//! saves. An edit that names no revision is refused, whoever sends it. For
//! a title, a person, a reading-share session (its fields, minutes and
//! presenters), a training batch, a venue, a topic and a training session.
//! (Budgets, routing lists and subscriptions: core/tests/acquisitions.rs
//! and serials.rs.)

mod support;

use shuxiang_core::calendar::{self, NewVenue};
use shuxiang_core::catalog::{self, NewTitle};
use shuxiang_core::error::EDITED_ELSEWHERE;
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::training::{self, NewBatch, NewTopic, NewTrainingSession};
use shuxiang_core::{Actor, Db, Error};
use support::{Room, shelve};

fn operator(name: &str) -> Actor {
    Actor::Operator {
        id: 1,
        name: name.into(),
        role: shuxiang_core::audit::Role::Admin,
        client: None,
    }
}

fn refused_as_edited_elsewhere<T: std::fmt::Debug>(r: Result<T, Error>) {
    let e = r.unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert_eq!(e.to_string(), EDITED_ELSEWHERE);
}

fn db() -> Db {
    Room::new().at("2026-12-04T02:00:00Z")
}

#[test]
fn a_title_edited_by_two_keeps_the_first_save_and_refuses_the_second() {
    let db = db();
    let t = shelve(&db, support::named("乡土中国"), None, &["SX1"]);
    let (a, b) = (operator("甲"), operator("乙"));
    let form = |t: &catalog::Title, publisher: &str| NewTitle {
        revision: Some(t.revision),
        title: t.title.clone(),
        publisher: Some(publisher.into()),
        ..Default::default()
    };
    let seen_by_b = t.clone();
    let saved = catalog::edit_title(&db, &a, t.id, &form(&t, "三联书店")).unwrap();
    assert_eq!(saved.revision, t.revision + 1);
    refused_as_edited_elsewhere(catalog::edit_title(
        &db,
        &b,
        t.id,
        &form(&seen_by_b, "北京大学出版社"),
    ));
    let now = catalog::title_detail(&db, t.id).unwrap().title;
    assert_eq!(
        now.publisher.as_deref(),
        Some("三联书店"),
        "the first save stands"
    );
    catalog::edit_title(&db, &b, t.id, &form(&now, "北京大学出版社")).unwrap();
    // An edit that does not say which revision it was made on could
    // overwrite silently: refused, whoever sends it.
    let no_revision = NewTitle {
        title: "乡土中国".into(),
        ..Default::default()
    };
    let refused = catalog::edit_title(&db, &Actor::CommandLine, t.id, &no_revision).unwrap_err();
    assert_eq!(refused.field(), Some("revision"));
    assert_eq!(
        catalog::title_detail(&db, t.id)
            .unwrap()
            .title
            .publisher
            .as_deref(),
        Some("北京大学出版社")
    );
}

#[test]
fn a_person_edited_by_two_keeps_the_first_save_and_refuses_the_second() {
    let db = db();
    let p = support::staff(&db, "张三", "R001", "办公厅");
    let form = |p: &people::Person, department: &str| NewPerson {
        revision: Some(p.revision),
        kind: Some(PersonKind::Staff),
        name: p.name.clone(),
        department: Some(department.into()),
        card_barcode: p.card_barcode.clone(),
        ..Default::default()
    };
    people::edit_person(&db, &operator("甲"), p.id, &form(&p, "研究室")).unwrap();
    refused_as_edited_elsewhere(people::edit_person(
        &db,
        &operator("乙"),
        p.id,
        &form(&p, "秘书处"),
    ));
    let now = people::get_person(&db, p.id).unwrap();
    assert_eq!(now.department.as_deref(), Some("研究室"));
    people::edit_person(&db, &operator("乙"), p.id, &form(&now, "秘书处")).unwrap();
}

#[test]
fn a_session_edited_by_two_keeps_the_first_save_and_refuses_the_second() {
    let db = db();
    let draft = |theme: &str, revision: Option<i64>| SessionDraft {
        theme: theme.into(),
        starts_at: "2026-12-10T15:00".into(),
        ends_at: "2026-12-10T16:30".into(),
        venue_id: None,
        host_id: None,
        capacity: None,
        status: None,
        note: None,
        revision,
    };
    let s = sharing::create_session(&db, &operator("甲"), &draft("读书会", None)).unwrap();
    sharing::edit_session(
        &db,
        &operator("甲"),
        s.id,
        &draft("读《乡土中国》", Some(s.revision)),
    )
    .unwrap();
    refused_as_edited_elsewhere(sharing::edit_session(
        &db,
        &operator("乙"),
        s.id,
        &draft("读《江村经济》", Some(s.revision)),
    ));
    let now = sharing::session_detail(&db, s.id).unwrap().session;
    assert_eq!(now.theme, "读《乡土中国》");
    sharing::edit_session(
        &db,
        &operator("乙"),
        s.id,
        &draft("读《江村经济》", Some(now.revision)),
    )
    .unwrap();

    // The minutes: 甲 saves first, 乙's save on the page as it was is
    // refused, and 甲's words stay; a save without a revision too.
    let opened = sharing::session_detail(&db, s.id).unwrap().session.revision;
    sharing::save_minutes(&db, &operator("甲"), s.id, "甲记的纪要", Some(opened)).unwrap();
    refused_as_edited_elsewhere(sharing::save_minutes(
        &db,
        &operator("乙"),
        s.id,
        "乙记的纪要",
        Some(opened),
    ));
    let blind = sharing::save_minutes(&db, &operator("乙"), s.id, "乙记的纪要", None);
    assert_eq!(blind.unwrap_err().code(), "invalid");
    let now = sharing::session_detail(&db, s.id).unwrap().session;
    assert_eq!(now.minutes.as_deref(), Some("甲记的纪要"));

    // The presenters: a list set from a page opened before the minutes
    // were saved is refused; set on the session as it is, it is kept.
    let zhang = support::staff(&db, "张伟", "C-88", "研究室").id;
    let presenter = |person_id| {
        [sharing::PresenterDraft {
            person_id,
            title_id: None,
            topic: Some("差序格局".into()),
            hold: false,
        }]
    };
    refused_as_edited_elsewhere(sharing::set_presenters(
        &db,
        &operator("乙"),
        s.id,
        &presenter(zhang),
        Some(opened),
    ));
    let set = sharing::set_presenters(
        &db,
        &operator("乙"),
        s.id,
        &presenter(zhang),
        Some(now.revision),
    )
    .unwrap();
    assert_eq!(set.presenters.len(), 1);
    // Setting them changed the session: the minutes page opened before is
    // out of date.
    refused_as_edited_elsewhere(sharing::save_minutes(
        &db,
        &operator("甲"),
        s.id,
        "甲改的纪要",
        Some(now.revision),
    ));
}

#[test]
fn a_batch_edited_by_two_keeps_the_first_save_and_refuses_the_second() {
    let db = db();
    let topic = training::create_topic(
        &db,
        &operator("甲"),
        &NewTopic {
            name: "依法履职".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let form = |name: &str, revision: Option<i64>| NewBatch {
        topic_id: topic.id,
        name: name.into(),
        revision,
        ..Default::default()
    };
    let b = training::create_batch(&db, &operator("甲"), &form("第1期", None)).unwrap();
    training::edit_batch(
        &db,
        &operator("甲"),
        b.id,
        &form("第一期", Some(b.revision)),
    )
    .unwrap();
    refused_as_edited_elsewhere(training::edit_batch(
        &db,
        &operator("乙"),
        b.id,
        &form("一期", Some(b.revision)),
    ));
    let now = training::batch_detail(&db, b.id).unwrap().batch;
    assert_eq!(now.name, "第一期");
    training::edit_batch(
        &db,
        &operator("乙"),
        b.id,
        &form("一期", Some(now.revision)),
    )
    .unwrap();
}

#[test]
fn a_venue_a_topic_and_a_training_session_refuse_the_second_save_and_a_blind_one() {
    let db = db();
    let (a, b) = (operator("甲"), operator("乙"));
    let venue = calendar::create_venue(
        &db,
        &a,
        &NewVenue {
            name: "三楼会议室".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let venue_form = |name: &str, revision| NewVenue {
        name: name.into(),
        revision,
        ..Default::default()
    };
    calendar::edit_venue(
        &db,
        &a,
        venue.id,
        &venue_form("第一会议室", Some(venue.revision)),
    )
    .unwrap();
    refused_as_edited_elsewhere(calendar::edit_venue(
        &db,
        &b,
        venue.id,
        &venue_form("大会议室", Some(venue.revision)),
    ));
    let blind = calendar::edit_venue(&db, &b, venue.id, &venue_form("大会议室", None));
    assert_eq!(blind.unwrap_err().field(), Some("revision"));

    let topic = training::create_topic(
        &db,
        &a,
        &NewTopic {
            name: "依法履职".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let topic_form = |name: &str, revision| NewTopic {
        name: name.into(),
        revision,
        ..Default::default()
    };
    training::edit_topic(
        &db,
        &a,
        topic.id,
        &topic_form("依法履职专题", Some(topic.revision)),
    )
    .unwrap();
    refused_as_edited_elsewhere(training::edit_topic(
        &db,
        &b,
        topic.id,
        &topic_form("预算审查", Some(topic.revision)),
    ));

    let batch = training::create_batch(
        &db,
        &a,
        &NewBatch {
            topic_id: topic.id,
            name: "第一期".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let session_form = |subject: &str, revision| NewTrainingSession {
        subject: subject.into(),
        starts_at: "2027-03-02T09:00".into(),
        ends_at: "2027-03-02T11:00".into(),
        venue_id: None,
        lecturer_id: None,
        lecturer_name: None,
        status: None,
        revision,
    };
    let s = training::add_session(&db, &a, batch.id, &session_form("宪法", None)).unwrap();
    training::edit_session(&db, &a, s.id, &session_form("宪法学习", Some(s.revision))).unwrap();
    refused_as_edited_elsewhere(training::edit_session(
        &db,
        &b,
        s.id,
        &session_form("代表法", Some(s.revision)),
    ));
    let blind = training::edit_session(&db, &b, s.id, &session_form("代表法", None));
    assert_eq!(blind.unwrap_err().field(), Some("revision"));
}
