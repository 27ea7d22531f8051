//! Training scenarios: the waitlist moving up, the completion rule, clashes
//! across kinds (a training session and a reading-share session in one
//! venue; an enrolled deputy presenting elsewhere at the same time),
//! enrolment from a spreadsheet, automatic assignment proposed and confirmed.

use shuxiang_core::calendar::{self, NewVenue};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, PresenterDraft, SessionDraft, SessionStatus};
use shuxiang_core::training::{
    self, AttendanceStatus, EnrolSelection, EnrolStatus, NewBatch, NewTopic, NewTrainingSession,
};
use shuxiang_core::{Actor, Db};

const ME: Actor = Actor::Desktop;

fn deputy(db: &Db, name: &str, card: &str, group: &str) -> i64 {
    people::create_person(
        db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Deputy),
            name: name.into(),
            delegation: Some("东城区代表团".into()),
            professional_group: Some(group.into()),
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn topic(db: &Db, name: &str) -> i64 {
    training::create_topic(
        db,
        &ME,
        &NewTopic {
            name: name.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn batch(
    db: &Db,
    topic: i64,
    name: &str,
    group: Option<&str>,
    capacity: i64,
    venue: Option<i64>,
) -> i64 {
    training::create_batch(
        db,
        &ME,
        &NewBatch {
            topic_id: topic,
            name: name.into(),
            professional_group: group.map(str::to_owned),
            capacity: Some(capacity),
            venue_id: venue,
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn session(db: &Db, batch: i64, subject: &str, start: &str, end: &str) -> i64 {
    training::add_session(
        db,
        &ME,
        batch,
        &NewTrainingSession {
            subject: subject.into(),
            starts_at: start.into(),
            ends_at: end.into(),
            venue_id: None,
            lecturer_id: None,
            lecturer_name: Some("王教授".into()),
            status: None,
            revision: None,
        },
    )
    .unwrap()
    .id
}

#[test]
fn the_waitlist_moves_up_when_someone_withdraws() {
    let db = Db::open_in_memory().unwrap();
    let t = topic(&db, "预算审查监督");
    let b = batch(&db, t, "2026年第1期", Some("预算审计"), 2, None);
    let ids: Vec<i64> = (1..=4)
        .map(|i| deputy(&db, &format!("代表{i}"), &format!("D{i}"), "预算审计"))
        .collect();
    let r = training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: ids.clone(),
            professional_group: None,
        },
    )
    .unwrap();
    assert_eq!((r.enrolled.len(), r.waitlisted.len()), (2, 2));
    let d = training::withdraw(&db, &ME, b, ids[0]).unwrap();
    let status = |id: i64| {
        d.enrolments
            .iter()
            .find(|e| e.person_id == id)
            .unwrap()
            .status
    };
    assert_eq!(status(ids[0]), EnrolStatus::Withdrawn);
    assert_eq!(
        status(ids[2]),
        EnrolStatus::Enrolled,
        "the first on the waitlist moved up"
    );
    assert_eq!(status(ids[3]), EnrolStatus::Waitlisted);
    // A whole group at once; a staff member is refused with a reason.
    let staff = people::create_person(
        &db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "干部甲".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let r = training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![staff.id],
            professional_group: None,
        },
    )
    .unwrap();
    assert_eq!(
        r.refused,
        [("干部甲".to_owned(), "不是人大代表".to_owned())]
    );
}

#[test]
fn completion_follows_the_attendance_rule_and_leave_is_not_absence() {
    let db = Db::open_in_memory().unwrap();
    let t = topic(&db, "依法履职");
    let b = batch(&db, t, "第2期", None, 30, None);
    let a = deputy(&db, "甲", "D1", "司法监督");
    let c = deputy(&db, "乙", "D2", "司法监督");
    training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![a, c],
            professional_group: None,
        },
    )
    .unwrap();
    let sessions: Vec<i64> = (1..=5)
        .map(|i| {
            session(
                &db,
                b,
                &format!("第{i}讲"),
                &format!("2026-03-0{i}T09:00"),
                &format!("2026-03-0{i}T11:30"),
            )
        })
        .collect();
    for (i, s) in sessions.iter().enumerate() {
        training::mark_attendance(
            &db,
            &ME,
            *s,
            a,
            Some(if i == 4 {
                AttendanceStatus::Leave
            } else {
                AttendanceStatus::Present
            }),
        )
        .unwrap();
        if i < 3 {
            training::mark_attendance(&db, &ME, *s, c, Some(AttendanceStatus::Present)).unwrap();
        }
    }
    // Scanning a card marks present too (and shows the session was held).
    let (name, d) = training::attendance_scan(&db, &ME, sessions[4], "ｄ２").unwrap();
    assert_eq!(name, "乙");
    let r = |id: i64| {
        d.results
            .iter()
            .find(|r| r.person_id == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (r(a).held, r(a).present, r(a).leave, r(a).absent),
        (5, 4, 1, 0)
    );
    assert_eq!(r(a).rate, Some(80.0));
    assert!(r(a).completed, "4 of 5 is 80%");
    assert_eq!(r(c).present, 4);
    training::mark_attendance(&db, &ME, sessions[4], c, Some(AttendanceStatus::Absent)).unwrap();
    let d = training::batch_detail(&db, b).unwrap();
    let c_result = d.results.iter().find(|r| r.person_id == c).unwrap();
    assert!(
        !c_result.completed && c_result.absent == 2,
        "unmarked at a held session counts as absent"
    );
    training::set_completion_percent(&db, &ME, 60).unwrap();
    let d = training::batch_detail(&db, b).unwrap();
    assert!(
        d.results.iter().all(|r| r.completed),
        "3 of 5 meets a 60% rule"
    );
    assert!(training::person_history(&db, a).unwrap()[0].completed);
    let lecturer = training::batch_detail(&db, b).unwrap().sessions[0]
        .lecturer
        .clone();
    assert_eq!(
        lecturer.as_deref(),
        Some("王教授"),
        "marking attendance keeps the lecturer"
    );
}

#[test]
fn clashes_are_found_across_training_and_reading_share() {
    let db = Db::open_in_memory().unwrap();
    let room = calendar::create_venue(
        &db,
        &ME,
        &NewVenue {
            name: "三楼会议室".into(),
            capacity: Some(40),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let t = topic(&db, "乡村振兴");
    let b = batch(&db, t, "第1期", Some("乡村振兴"), 30, Some(room));
    session(&db, b, "乡村产业", "2026-05-14T14:00", "2026-05-14T17:00");

    // A reading-share session in the same room at an overlapping time.
    let clash = sharing::create_session(
        &db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: "读书会".into(),
            starts_at: "2026-05-14T15:00".into(),
            ends_at: "2026-05-14T16:00".into(),
            venue_id: Some(room),
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )
    .unwrap_err();
    assert!(
        clash
            .to_string()
            .contains("三楼会议室 已被履职培训《乡村振兴：乡村产业》占用"),
        "{clash}"
    );

    // A deputy presents at a reading-share session elsewhere at that time:
    // enrolling them is refused with the reason…
    let li = deputy(&db, "李代表", "D9", "乡村振兴");
    let share = sharing::create_session(
        &db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: "读《乡土中国》".into(),
            starts_at: "2026-05-14T16:30".into(),
            ends_at: "2026-05-14T18:00".into(),
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
        share.id,
        &[PresenterDraft {
            person_id: li,
            title_id: None,
            topic: None,
            hold: false,
        }],
        Some(
            sharing::session_detail(&db, share.id)
                .unwrap()
                .session
                .revision,
        ),
    )
    .unwrap();
    assert_eq!(training::enrol_check(&db, b, li).unwrap().len(), 1);
    let r = training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![li],
            professional_group: None,
        },
    )
    .unwrap();
    assert!(r.refused[0].1.contains("读《乡土中国》"), "{:?}", r.refused);

    // …and the other way round: an enrolled deputy cannot be made a presenter then.
    let wang = deputy(&db, "王代表", "D8", "乡村振兴");
    training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![wang],
            professional_group: None,
        },
    )
    .unwrap();
    let refused = sharing::set_presenters(
        &db,
        &ME,
        share.id,
        &[PresenterDraft {
            person_id: wang,
            title_id: None,
            topic: None,
            hold: false,
        }],
        Some(
            sharing::session_detail(&db, share.id)
                .unwrap()
                .session
                .revision,
        ),
    )
    .unwrap_err();
    assert!(
        refused.to_string().contains("王代表 同时要参加履职培训"),
        "{refused}"
    );

    // Cancelling the reading-share session frees 李代表.
    sharing::edit_session(
        &db,
        &ME,
        share.id,
        &SessionDraft {
            revision: Some(
                sharing::session_detail(&db, share.id)
                    .unwrap()
                    .session
                    .revision,
            ),
            theme: "读《乡土中国》".into(),
            starts_at: "2026-05-14T16:30".into(),
            ends_at: "2026-05-14T18:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: Some(SessionStatus::Cancelled),
            note: None,
        },
    )
    .unwrap();
    assert!(training::enrol_check(&db, b, li).unwrap().is_empty());

    // Training sessions are in the calendar file.
    let ics = sharing::ics::calendar_text(
        &db,
        "2026-05-01".parse().unwrap(),
        "2026-05-31".parse().unwrap(),
    )
    .unwrap();
    assert!(ics.contains("SUMMARY:履职培训：乡村产业（第1期）"), "{ics}");
}

#[test]
fn deputies_are_enrolled_from_a_spreadsheet_and_assigned_automatically() {
    let db = Db::open_in_memory().unwrap();
    let t = topic(&db, "代表建议撰写");
    let judicial = batch(&db, t, "司法监督班", Some("司法监督"), 3, None);
    let mixed = batch(&db, t, "混合班", None, 3, None);
    session(
        &db,
        judicial,
        "开班",
        "2026-06-01T09:00",
        "2026-06-01T12:00",
    );
    session(&db, mixed, "开班", "2026-06-02T09:00", "2026-06-02T12:00");
    let mut ids = Vec::new();
    for i in 0..4 {
        ids.push(deputy(
            &db,
            &format!("司法{i}"),
            &format!("S{i}"),
            "司法监督",
        ));
    }
    for i in 0..2 {
        ids.push(deputy(
            &db,
            &format!("教育{i}"),
            &format!("E{i}"),
            "教育文化",
        ));
    }
    // A spreadsheet with a card, a name, and someone unknown.
    let csv = "序号,姓名,借书证号\n1,,S0\n2,教育1,\n3,查无此人,\n";
    let r = training::enrol_from_file(&db, &ME, mixed, "名单.csv", csv.as_bytes()).unwrap();
    assert_eq!(r.enrolled, ["司法0", "教育1"]);
    assert_eq!(r.refused.len(), 1);
    assert!(r.refused[0].1.contains("第 4 行"), "{:?}", r.refused);

    // The rest are proposed: 司法1–3 to their group's batch, 教育0 to the mixed one.
    let p = training::propose(&db, t, None, &[]).unwrap();
    assert!(p.plan.unplaced.is_empty(), "{:?}", p.plan.unplaced);
    let placed = |name: &str| {
        let id = p.people.iter().find(|x| x.name == name).unwrap().id;
        p.plan
            .placements
            .iter()
            .find(|x| x.person_id == id)
            .unwrap()
            .batch_id
    };
    assert_eq!(placed("司法1"), judicial);
    assert_eq!(placed("司法3"), judicial);
    assert_eq!(placed("教育0"), mixed);
    let confirmed = training::confirm(&db, &ME, &p.plan.placements).unwrap();
    assert_eq!(confirmed.enrolled.len(), 4);
    assert_eq!(
        training::batch_detail(&db, judicial)
            .unwrap()
            .batch
            .enrolled,
        3
    );
    // Confirming the same proposal again is refused whole.
    assert_eq!(
        training::confirm(&db, &ME, &p.plan.placements)
            .unwrap_err()
            .code(),
        "conflict"
    );
}

/// Issue: certificates before the training. A session is held only once its
/// day has come; completion and certificates wait until the batch's sessions
/// are held or the organizer closes it, and the batch list, its detail and
/// the figures agree.
#[test]
fn nothing_is_held_or_completed_before_its_day() {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(shuxiang_core::Clock::Fixed(
            "2026-12-07T02:00:00Z".parse().unwrap(),
        ));
    let li = deputy(&db, "李代表", "D1", "经济发展");
    let wang = deputy(&db, "王代表", "D2", "经济发展");
    let t = topic(&db, "预算审查");
    let b = batch(&db, t, "第一期", Some("经济发展"), 10, None);
    training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![li, wang],
            professional_group: None,
        },
    )
    .unwrap();
    let first = session(&db, b, "预算法", "2027-03-02T09:00", "2027-03-02T11:00");
    let second = session(&db, b, "审计报告", "2027-03-03T09:00", "2027-03-03T11:00");

    // Three months ahead: no attendance by card or by tick, no 已举行.
    let e = training::attendance_scan(&db, &ME, first, "D1").unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("2027年3月2日"), "{e}");
    let e = training::mark_attendance(&db, &ME, first, wang, Some(AttendanceStatus::Present))
        .unwrap_err();
    assert_eq!(e.code(), "conflict");
    // Leave may be asked for ahead.
    training::mark_attendance(&db, &ME, second, wang, Some(AttendanceStatus::Leave)).unwrap();
    let detail = training::batch_detail(&db, b).unwrap();
    assert_eq!(detail.batch.held, 0);
    assert!(!detail.settled);
    assert!(detail.results.iter().all(|r| !r.completed));
    let s = &detail.sessions[0];
    let mut held = NewTrainingSession {
        subject: s.subject.clone(),
        starts_at: s.starts_at.clone(),
        ends_at: s.ends_at.clone(),
        venue_id: None,
        lecturer_id: None,
        lecturer_name: None,
        status: Some(SessionStatus::Held),
        revision: Some(s.revision),
    };
    assert_eq!(
        training::edit_session(&db, &ME, first, &held)
            .unwrap_err()
            .code(),
        "conflict"
    );

    // On the first day: 李 scanned in, the session is held; still nobody
    // completes while the second is to come.
    let on_day = db.with_clock(shuxiang_core::Clock::Fixed(
        "2027-03-02T01:30:00Z".parse().unwrap(),
    ));
    training::attendance_scan(&on_day, &ME, first, "D1").unwrap();
    let detail = training::batch_detail(&on_day, b).unwrap();
    assert_eq!(detail.batch.held, 1);
    assert!(!detail.batch.settled && !detail.settled);
    assert!(
        detail.results.iter().all(|r| !r.completed),
        "the second is to come"
    );
    assert!(
        training::person_history(&on_day, li)
            .unwrap()
            .iter()
            .all(|h| !h.completed)
    );
    // The organizer closes the batch: the unheld session is named, and the
    // results are final on the one held session.
    let closed = training::set_batch_closed(&on_day, &ME, b, true).unwrap();
    assert!(closed.settled && closed.batch.closed);
    let li_result = closed.results.iter().find(|r| r.person_id == li).unwrap();
    assert!(li_result.completed);
    assert!(training::person_history(&on_day, li).unwrap()[0].completed);
    let log = shuxiang_core::audit::audit_log(
        &on_day,
        &shuxiang_core::audit::AuditQuery {
            text: Some("结束培训批次".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        log.items[0].summary.contains("审计报告"),
        "{}",
        log.items[0].summary
    );
    // Opened again, it waits for its second session once more.
    let open = training::set_batch_closed(&on_day, &ME, b, false).unwrap();
    assert!(!open.settled && open.results.iter().all(|r| !r.completed));
    held.revision = Some(training::batch_detail(&on_day, b).unwrap().sessions[0].revision);
    training::edit_session(&on_day, &ME, first, &held).unwrap();
}

/// A mistaken tick taken back: the session was held only by that presence,
/// so it is 计划 again and holds nobody's completion.
#[test]
fn the_last_presence_taken_back_leaves_the_session_unheld() {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(shuxiang_core::Clock::Fixed(
            "2027-03-02T01:30:00Z".parse().unwrap(),
        ));
    let li = deputy(&db, "李代表", "D1", "经济发展");
    let t = topic(&db, "预算审查");
    let b = batch(&db, t, "第一期", Some("经济发展"), 10, None);
    training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![li],
            professional_group: None,
        },
    )
    .unwrap();
    let first = session(&db, b, "预算法", "2027-03-02T09:00", "2027-03-02T11:00");
    let d =
        training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Present)).unwrap();
    assert_eq!(d.sessions[0].status, SessionStatus::Held);
    let d = training::mark_attendance(&db, &ME, first, li, None).unwrap();
    assert_eq!(
        d.sessions[0].status,
        SessionStatus::Planned,
        "the tick taken back"
    );
    assert_eq!(d.batch.held, 0);
    // Present changed to absent: the session took place, the trainee missed it.
    training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Present)).unwrap();
    let d = training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Absent)).unwrap();
    assert_eq!(d.sessions[0].status, SessionStatus::Held);
}

/// A closed batch's attendance stands as its results and certificates were
/// given; reopened, it may be corrected.
#[test]
fn a_closed_batch_takes_no_more_attendance_until_it_is_reopened() {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(shuxiang_core::Clock::Fixed(
            "2027-03-02T01:30:00Z".parse().unwrap(),
        ));
    let li = deputy(&db, "李代表", "D1", "经济发展");
    let t = topic(&db, "预算审查");
    let b = batch(&db, t, "第一期", Some("经济发展"), 10, None);
    training::enrol(
        &db,
        &ME,
        b,
        &EnrolSelection {
            person_ids: vec![li],
            professional_group: None,
        },
    )
    .unwrap();
    let first = session(&db, b, "预算法", "2027-03-02T09:00", "2027-03-02T11:00");
    training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Present)).unwrap();
    training::set_batch_closed(&db, &ME, b, true).unwrap();
    let e =
        training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Absent)).unwrap_err();
    assert_eq!(e.code(), "conflict");
    assert!(e.to_string().contains("已结束"), "{e}");
    assert!(training::attendance_scan(&db, &ME, first, "D1").is_err());
    let d = training::batch_detail(&db, b).unwrap();
    assert!(d.results[0].completed, "the result given stands");
    training::set_batch_closed(&db, &ME, b, false).unwrap();
    training::mark_attendance(&db, &ME, first, li, Some(AttendanceStatus::Absent)).unwrap();
}
