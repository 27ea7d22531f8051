//! A known year of loans, reading-share sessions and training, and every
//! figure of a person's learning record, the units' totals, the dashboard
//! and the annual report checked exactly.

use shuxiang_core::Db;
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::circulation;
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::reports;
use shuxiang_core::sharing::{self, InviteSelection, PresenterDraft, SessionDraft, SessionStatus};
use shuxiang_core::training::{
    self, AttendanceStatus, EnrolSelection, NewBatch, NewTopic, NewTrainingSession,
};

mod support;
use support::{ME, Room, named, shelve, staff};

fn title(db: &Db, name: &str, clc: &str, barcodes: &[&str]) -> i64 {
    let title = NewTitle {
        clc: Some(clc.into()),
        ..named(name)
    };
    shelve(db, title, None, barcodes).id
}

fn lend(db: &Db, person: i64, barcode: &str) {
    circulation::desk_scan(db, &ME, Some(person), barcode).unwrap();
}

fn give_back(db: &Db, barcode: &str) {
    circulation::desk_scan(db, &ME, None, barcode).unwrap();
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_known_year_gives_exact_records_totals_and_report() {
    let year = Room::new();
    // December 2025: the catalogue and people; 王 borrows B (last year's loan).
    let db = year.at("2025-12-01T02:00:00Z");
    let zhang = staff(&db, "张伟", "C1", "办公厅").id;
    let li = staff(&db, "李娜", "C2", "办公厅").id;
    let wang = staff(&db, "王芳", "C3", "研究室").id;
    let zhao = people::create_person(
        &db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Deputy),
            name: "赵磊".into(),
            delegation: Some("第一代表团".into()),
            professional_group: Some("司法监督".into()),
            card_barcode: Some("D1".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let a = title(&db, "乡土中国", "D6", &["A1"]);
    title(&db, "国富论", "F8", &["B1"]);
    title(&db, "党的建设", "D2", &["C1X"]);
    drop(db);
    let db = year.at("2025-12-20T02:00:00Z");
    lend(&db, wang, "B1");
    drop(db);
    let db = year.at("2026-01-05T02:00:00Z");
    give_back(&db, "B1");
    drop(db);
    // 2026: one more title with two copies; the year's loans.
    let db = year.at("2026-02-01T02:00:00Z");
    title(&db, "新时代", "A8", &["N1", "N2"]);
    drop(db);
    let db = year.at("2026-03-10T02:00:00Z");
    lend(&db, zhang, "A1");
    lend(&db, zhang, "B1");
    drop(db);
    let db = year.at("2026-03-20T02:00:00Z");
    give_back(&db, "A1");
    drop(db);
    let db = year.at("2026-05-05T02:00:00Z");
    lend(&db, li, "A1");
    drop(db);
    let db = year.at("2026-07-01T02:00:00Z");
    lend(&db, zhang, "C1X");
    drop(db);

    // A reading-share session held in April: 张 presents 乡土中国; three
    // invited, 张 and 李 sign in. One planned in December.
    let db = year.at("2026-04-01T02:00:00Z");
    let s = sharing::create_session(
        &db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: "读《乡土中国》".into(),
            starts_at: "2026-04-30T15:00".into(),
            ends_at: "2026-04-30T17:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )
    .unwrap();
    sharing::set_presenters(
        &db,
        &ME,
        s.id,
        &[PresenterDraft {
            person_id: zhang,
            title_id: Some(a),
            topic: Some("差序格局".into()),
            hold: false,
        }],
        Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
    )
    .unwrap();
    sharing::invite(
        &db,
        &ME,
        s.id,
        &InviteSelection {
            person_ids: vec![zhang, li, wang],
            ..Default::default()
        },
    )
    .unwrap();
    // Signed in on the day (a sign-in ahead of it is refused).
    assert_eq!(
        sharing::sign_in_card(&db, &ME, s.id, "C1")
            .unwrap_err()
            .code(),
        "conflict"
    );
    drop(db);
    let db = year.at("2026-04-30T07:00:00Z");
    sharing::sign_in_card(&db, &ME, s.id, "C1").unwrap();
    sharing::sign_in_card(&db, &ME, s.id, "C2").unwrap();
    sharing::edit_session(
        &db,
        &ME,
        s.id,
        &SessionDraft {
            // The presenters set above changed it.
            revision: Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
            theme: "读《乡土中国》".into(),
            starts_at: "2026-04-30T15:00".into(),
            ends_at: "2026-04-30T17:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: Some(SessionStatus::Held),
            note: None,
        },
    )
    .unwrap();
    sharing::create_session(
        &db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: "年终分享".into(),
            starts_at: "2026-12-31T15:00".into(),
            ends_at: "2026-12-31T17:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )
    .unwrap();

    // Training: 赵 completes a two-session batch in June.
    let topic = training::create_topic(
        &db,
        &ME,
        &NewTopic {
            name: "依法履职".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let batch = training::create_batch(
        &db,
        &ME,
        &NewBatch {
            topic_id: topic.id,
            name: "第1期".into(),
            starts_on: Some("2026-06-01".into()),
            ends_on: Some("2026-06-02".into()),
            ..Default::default()
        },
    )
    .unwrap();
    training::enrol(
        &db,
        &ME,
        batch.id,
        &EnrolSelection {
            person_ids: vec![zhao],
            professional_group: None,
        },
    )
    .unwrap();
    let mut sessions = Vec::new();
    for day in ["2026-06-01", "2026-06-02"] {
        let s = training::add_session(
            &db,
            &ME,
            batch.id,
            &NewTrainingSession {
                subject: "课".into(),
                starts_at: format!("{day}T09:00"),
                ends_at: format!("{day}T11:00"),
                venue_id: None,
                lecturer_id: None,
                lecturer_name: None,
                status: None,
                revision: None,
            },
        )
        .unwrap();
        sessions.push(s.id);
    }
    drop(db);
    // Attendance on each day: the batch's results are final after the second.
    for (day, s) in ["2026-06-01T03:00:00Z", "2026-06-02T03:00:00Z"]
        .into_iter()
        .zip(sessions)
    {
        let db = year.at(day);
        training::mark_attendance(&db, &ME, s, zhao, Some(AttendanceStatus::Present)).unwrap();
    }

    let db = year.at("2026-12-15T02:00:00Z");
    let (from, to) = (d("2026-01-01"), d("2026-12-31"));

    // 张伟's record.
    let r = reports::person_record(&db, zhang, from, to).unwrap();
    assert_eq!(
        r.totals,
        reports::RecordTotals {
            borrowed: 3,
            notes: 0,
            presented: 1,
            attended: 1,
            trainings: 0,
            trainings_completed: 0,
            trainings_missed: 0
        }
    );
    let titles: Vec<&str> = r.borrowed.iter().map(|b| b.title.as_str()).collect();
    assert_eq!(titles, ["乡土中国", "国富论", "党的建设"]);
    assert_eq!(r.borrowed[0].borrowed_on, "2026-03-10");
    assert_eq!(r.borrowed[0].returned_on.as_deref(), Some("2026-03-20"));
    assert_eq!(r.presented[0].book.as_deref(), Some("乡土中国"));
    // 王芳 borrowed last year only; invited but absent.
    let w = reports::person_record(&db, wang, from, to).unwrap();
    assert_eq!((w.totals.borrowed, w.totals.attended), (0, 0));
    assert_eq!(
        reports::person_record(&db, wang, d("2025-01-01"), d("2025-12-31"))
            .unwrap()
            .totals
            .borrowed,
        1
    );
    // 赵磊 completed his batch.
    let z = reports::person_record(&db, zhao, from, to).unwrap();
    assert_eq!(
        (
            z.totals.trainings,
            z.totals.trainings_completed,
            z.totals.trainings_missed
        ),
        (1, 1, 0)
    );
    assert_eq!((z.trainings[0].present, z.trainings[0].held), (2, 2));

    // Units: 办公厅 first (3.5 per head), then 第一代表团 (1.0), then 研究室 (0).
    let units = reports::unit_figures(&db, false, from, to).unwrap();
    type Row<'a> = (&'a str, i64, i64, i64, i64, i64, i64, f64);
    let rows: Vec<Row> = units
        .iter()
        .map(|u| {
            (
                u.unit.as_str(),
                u.people,
                u.readers,
                u.borrowed,
                u.presented,
                u.attended,
                u.trainings_completed,
                u.per_head,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("办公厅", 2, 2, 4, 1, 2, 0, 3.5),
            ("第一代表团", 1, 0, 0, 0, 0, 1, 1.0),
            ("研究室", 1, 0, 0, 0, 0, 0, 0.0),
        ]
    );
    let groups = reports::unit_figures(&db, true, from, to).unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].unit.as_str(), groups[0].trainings_completed),
        ("司法监督", 1)
    );

    // The annual report.
    let y = reports::annual_report(&db, 2026).unwrap();
    assert_eq!(
        (y.loans, y.active_readers, y.volumes_added, y.titles_added),
        (4, 2, 2, 1)
    );
    let top: Vec<(String, i64)> = y
        .top_titles
        .iter()
        .map(|c| (c.label.clone().unwrap(), c.count))
        .collect();
    assert_eq!(top[0], ("乡土中国".to_owned(), 2));
    assert_eq!(top.len(), 3);
    let classes: Vec<(&str, i64)> = y
        .by_class
        .iter()
        .map(|c| (c.key.as_str(), c.count))
        .collect();
    assert_eq!(classes, [("D", 3), ("F", 1)]);
    assert_eq!(y.by_class[0].label.as_deref(), Some("政治、法律"));
    assert_eq!(y.by_unit, [("办公厅".to_owned(), 4, 2)]);
    assert_eq!(y.loans_per_month.len(), 12);
    let per_month: Vec<i64> = y.loans_per_month.iter().map(|c| c.count).collect();
    assert_eq!(per_month, [0, 0, 2, 0, 1, 0, 1, 0, 0, 0, 0, 0]);
    assert_eq!(y.top_readers[0].label.as_deref(), Some("张伟（办公厅）"));
    assert_eq!(
        (y.sharing.held, y.sharing.planned, y.sharing.books),
        (1, 1, 1)
    );
    assert_eq!(y.sharing.attendance_rate, Some(66.7));
    assert_eq!(
        (
            y.training.batches,
            y.training.trainees,
            y.training.completed
        ),
        (1, 1, 1)
    );
    assert_eq!(y.training.completion_rate, Some(100.0));
    let judicial = y
        .training
        .coverage
        .iter()
        .find(|c| c.group == "司法监督")
        .unwrap();
    assert_eq!(
        (judicial.deputies, judicial.trained, judicial.completed),
        (1, 1, 1)
    );

    // The dashboard as of 15 December.
    let dash = reports::dashboard(&db).unwrap();
    assert_eq!(dash.today, "2026-12-15");
    assert_eq!(dash.loans_per_month.len(), 12);
    assert_eq!(dash.loans_per_month[0].key, "2026-01");
    assert_eq!(dash.loans_per_month.iter().map(|c| c.count).sum::<i64>(), 4);
    assert_eq!(dash.on_loan, 3, "B1, A1 (李), C1X");
    assert_eq!(dash.upcoming.len(), 1, "the planned December session");
    assert_eq!(dash.attendance.len(), 1);
    assert_eq!(
        (dash.attendance[0].invited, dash.attendance[0].signed_in),
        (3, 2)
    );
}

#[test]
fn two_editions_of_one_title_are_told_apart_in_the_most_borrowed_list() {
    let db = Db::open_in_memory().unwrap();
    let reader = staff(&db, "李明", "C1", "研究室").id;
    let edition = |publisher: &str, year: &str, barcode: &str| {
        catalog::create_title(
            &db,
            &ME,
            &NewTitle {
                title: "资本论".into(),
                publisher: Some(publisher.into()),
                year: Some(year.into()),
                ..Default::default()
            },
            &NewCopies {
                barcodes: vec![barcode.into()],
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let a = edition("人民出版社", "2018", "B1");
    let b = edition("中央编译出版社", "2009", "B2");
    let other = title(&db, "乡土中国", "C91", &["B3"]);
    for t in [a, b, other] {
        let copy = catalog::title_detail(&db, t).unwrap().copies[0].id;
        circulation::lend_copy(&db, &ME, reader, copy).unwrap();
    }
    let year = db.clock().today().format("%Y").to_string().parse().unwrap();
    let mut labels: Vec<String> = reports::annual_report(&db, year)
        .unwrap()
        .top_titles
        .into_iter()
        .map(|c| c.label.unwrap())
        .collect();
    labels.sort();
    assert_eq!(
        labels,
        [
            "乡土中国",
            "资本论（中央编译出版社，2009）",
            "资本论（人民出版社，2018）"
        ],
        "a title whose name is unique in the list stays as it is"
    );
}
