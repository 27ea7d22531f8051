//! Reading-share scenarios: venue and person clashes (and what is no
//! clash), a monthly series planned around a clash, presenters with a hold
//! on their book, invitations within capacity, sign-in by card, the figures.

use shuxiang_core::Db;
use shuxiang_core::calendar::{self, ConflictReason, NewVenue};
use shuxiang_core::circulation::{self, HoldStatus};
use shuxiang_core::sharing::{
    self, DateChoice, End, InviteSelection, Pattern, PresenterDraft, Recurrence, SeriesDraft,
    SessionDraft, SessionStatus,
};

mod support;
use support::{ME, at, named, shelve, staff};

fn db() -> Db {
    Db::open_in_memory()
        .unwrap()
        .with_clock(at("2026-01-05T02:00:00Z"))
}

fn venue(db: &Db, name: &str, capacity: i64) -> i64 {
    calendar::create_venue(
        db,
        &ME,
        &NewVenue {
            name: name.into(),
            capacity: Some(capacity),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn session(
    theme: &str,
    start: &str,
    end: &str,
    venue: Option<i64>,
    host: Option<i64>,
) -> SessionDraft {
    SessionDraft {
        revision: None,
        theme: theme.into(),
        starts_at: start.into(),
        ends_at: end.into(),
        venue_id: venue,
        host_id: host,
        capacity: None,
        status: None,
        note: None,
    }
}

#[test]
fn clashes_are_the_same_venue_or_a_bound_person_at_overlapping_times() {
    let db = db();
    let room = venue(&db, "三楼会议室", 40);
    let hall = venue(&db, "阅览室", 30);
    let zhang = staff(&db, "张伟", "C1", "办公厅").id;
    let li = staff(&db, "李娜", "C2", "研究室").id;
    let first = sharing::create_session(
        &db,
        &ME,
        &session(
            "读《乡土中国》",
            "2026-03-05T15:00",
            "2026-03-05T17:00",
            Some(room),
            Some(zhang),
        ),
    )
    .unwrap();

    // Same room, overlapping: refused, naming the other session.
    let err = sharing::create_session(
        &db,
        &ME,
        &session(
            "另一场",
            "2026-03-05T16:30",
            "2026-03-05T18:00",
            Some(room),
            Some(li),
        ),
    )
    .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string()
            .contains("三楼会议室 已被读书分享《读《乡土中国》》占用"),
        "{err}"
    );

    // Back to back in the same room: no clash.
    sharing::create_session(
        &db,
        &ME,
        &session(
            "接着一场",
            "2026-03-05T17:00",
            "2026-03-05T18:00",
            Some(room),
            Some(li),
        ),
    )
    .unwrap();

    // Another room, but the same host at that time: a person clash.
    let draft = session(
        "别处一场",
        "2026-03-05T16:00",
        "2026-03-05T16:45",
        Some(hall),
        Some(zhang),
    );
    let clashes = sharing::session_conflicts(&db, None, &draft).unwrap();
    assert_eq!(clashes.len(), 1);
    assert_eq!(clashes[0].reason, ConflictReason::Person);
    assert_eq!(clashes[0].person.as_deref(), Some("张伟"));
    assert!(sharing::create_session(&db, &ME, &draft).is_err());

    // A presenter is bound too. 李娜 hosts 17:00–18:00, which touches but
    // does not overlap 15:00–17:00: she may present at the first session.
    sharing::set_presenters(
        &db,
        &ME,
        first.id,
        &[PresenterDraft {
            person_id: li,
            title_id: None,
            topic: None,
            hold: false,
        }],
        Some(
            sharing::session_detail(&db, first.id)
                .unwrap()
                .session
                .revision,
        ),
    )
    .unwrap();
    let wang = staff(&db, "王芳", "C3", "研究室").id;
    sharing::set_presenters(
        &db,
        &ME,
        first.id,
        &[PresenterDraft {
            person_id: wang,
            title_id: None,
            topic: Some("差序格局".into()),
            hold: false,
        }],
        Some(
            sharing::session_detail(&db, first.id)
                .unwrap()
                .session
                .revision,
        ),
    )
    .unwrap();
    let clash = sharing::session_conflicts(
        &db,
        None,
        &session(
            "王芳另有安排",
            "2026-03-05T15:30",
            "2026-03-05T16:00",
            Some(hall),
            Some(wang),
        ),
    )
    .unwrap();
    assert_eq!(clash[0].reason, ConflictReason::Person);

    // An invitation binds nobody: inviting 王芳 elsewhere then is fine.
    let other = sharing::create_session(
        &db,
        &ME,
        &session(
            "阅览室一场",
            "2026-03-05T15:00",
            "2026-03-05T16:00",
            Some(hall),
            None,
        ),
    )
    .unwrap();
    sharing::invite(
        &db,
        &ME,
        other.id,
        &InviteSelection {
            person_ids: vec![wang],
            ..Default::default()
        },
    )
    .unwrap();

    // A cancelled session frees its room.
    let mut cancel = session(
        "读《乡土中国》",
        "2026-03-05T15:00",
        "2026-03-05T17:00",
        Some(room),
        Some(zhang),
    );
    cancel.status = Some(SessionStatus::Cancelled);
    cancel.revision = Some(
        sharing::session_detail(&db, first.id)
            .unwrap()
            .session
            .revision,
    );
    sharing::edit_session(&db, &ME, first.id, &cancel).unwrap();
    sharing::create_session(
        &db,
        &ME,
        &session(
            "改在这里",
            "2026-03-05T15:00",
            "2026-03-05T16:00",
            Some(room),
            None,
        ),
    )
    .unwrap();
}

#[test]
fn a_monthly_series_is_planned_around_a_clash_and_each_session_stands_alone() {
    let db = db();
    let room = venue(&db, "三楼会议室", 40);
    let hall = venue(&db, "阅览室", 30);
    let host = staff(&db, "赵磊", "C9", "机关党委").id;
    // The room is taken on the last Thursday of April.
    sharing::create_session(
        &db,
        &ME,
        &session(
            "党课",
            "2026-04-30T14:00",
            "2026-04-30T16:00",
            Some(room),
            None,
        ),
    )
    .unwrap();
    let draft = SeriesDraft {
        name: "书香润初心 奋进新征程".into(),
        theme: Some("月度读书分享".into()),
        recurrence: Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: -1,
                weekday: 4,
            },
            start: "2026-01-01".parse().unwrap(),
            end: End::Until {
                date: "2026-06-30".parse().unwrap(),
            },
            skip_holidays: true,
            skip: vec![],
        },
        start_time: "15:00".into(),
        end_time: "17:00".into(),
        venue_id: Some(room),
        host_id: Some(host),
        capacity: Some(30),
        history: false,
    };
    let preview = sharing::preview_series(&db, &draft, &[]).unwrap();
    assert_eq!(preview.len(), 6);
    assert!(preview.iter().all(|p| !p.past), "planned from today on");
    let clashing: Vec<String> = preview
        .iter()
        .filter(|p| !p.conflicts.is_empty())
        .map(|p| p.date.to_string())
        .collect();
    assert_eq!(clashing, ["2026-04-30"]);
    let refused = sharing::create_series(&db, &ME, &draft, &[]).unwrap_err();
    assert!(refused.to_string().contains("2026-04-30"), "{refused}");

    // April in the reading room instead.
    let choices = [DateChoice {
        date: Some("2026-04-30".parse().unwrap()),
        skip: false,
        venue_id: Some(hall),
    }];
    assert!(
        sharing::preview_series(&db, &draft, &choices)
            .unwrap()
            .iter()
            .all(|p| p.conflicts.is_empty())
    );
    let created = sharing::create_series(&db, &ME, &draft, &choices).unwrap();
    assert_eq!(created.sessions.len(), 6);
    assert_eq!(created.sessions[3].venue_name.as_deref(), Some("阅览室"));
    assert_eq!(created.sessions[0].starts_at, "2026-01-29T15:00");

    // One session moved and given its own theme; the others untouched.
    let march = &created.sessions[2];
    let mut moved = session(
        "读《平凡的世界》",
        "2026-03-27T09:00",
        "2026-03-27T11:00",
        Some(room),
        Some(host),
    );
    moved.capacity = Some(30);
    moved.revision = Some(march.revision);
    sharing::edit_session(&db, &ME, march.id, &moved).unwrap();
    let all = sharing::sessions_between(
        &db,
        "2026-01-01".parse().unwrap(),
        "2026-12-31".parse().unwrap(),
        Some(created.series_id),
    )
    .unwrap();
    assert_eq!(all[2].theme, "读《平凡的世界》");
    assert_eq!(all[2].starts_at, "2026-03-27T09:00");
    assert_eq!(all[1].theme, "月度读书分享");
    // Skipping a clashing date works too.
    let skip = [DateChoice {
        date: Some("2026-04-30".parse().unwrap()),
        skip: true,
        venue_id: None,
    }];
    let again = SeriesDraft {
        venue_id: Some(hall),
        host_id: None,
        ..draft.clone()
    };
    // (the reading room is now taken on 30 April by the first series)
    let created2 = sharing::create_series(&db, &ME, &again, &skip).unwrap();
    assert_eq!(created2.sessions.len(), 5);
    assert_eq!(created2.skipped, 1);
}

#[test]
fn presenters_share_books_people_sign_in_and_the_year_is_counted() {
    let db = db();
    let room = venue(&db, "小会议室", 3);
    let zhang = staff(&db, "张伟", "C1", "办公厅").id;
    let li = staff(&db, "李娜", "C2", "办公厅").id;
    let wang = staff(&db, "王芳", "C3", "办公厅").id;
    let zhao = staff(&db, "赵磊", "C4", "研究室").id;
    let book = shelve(&db, named("乡土中国"), None, &["SX1"]);
    let s = sharing::create_session(
        &db,
        &ME,
        &session(
            "读书分享会",
            "2026-01-08T15:00",
            "2026-01-08T17:00",
            Some(room),
            Some(zhao),
        ),
    )
    .unwrap();
    let detail = sharing::set_presenters(
        &db,
        &ME,
        s.id,
        &[PresenterDraft {
            person_id: zhang,
            title_id: Some(book.id),
            topic: Some("熟人社会".into()),
            hold: true,
        }],
        Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
    )
    .unwrap();
    assert_eq!(detail.presenters[0].book_title.as_deref(), Some("乡土中国"));
    let hold = &circulation::title_holds(&db, book.id).unwrap()[0];
    assert_eq!(
        (hold.person_id, hold.status),
        (zhang, HoldStatus::Ready),
        "the presenter's copy is set aside"
    );

    // The office of three is invited: within the room's capacity of 3.
    let r = sharing::invite(
        &db,
        &ME,
        s.id,
        &InviteSelection {
            department: Some("办公厅".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!((r.added, r.invited, r.capacity), (3, 3, Some(3)));
    let over = sharing::invite(
        &db,
        &ME,
        s.id,
        &InviteSelection {
            person_ids: vec![zhao],
            ..Default::default()
        },
    )
    .unwrap_err();
    assert!(over.to_string().contains("超过人数上限 3 人"), "{over}");

    // Three days before the session, nobody signs in yet.
    let early = sharing::sign_in_card(&db, &ME, s.id, "c1").unwrap_err();
    assert!(early.to_string().contains("2026年1月8日"), "{early}");
    // On the day, two sign in by card (one twice), a walk-in is ticked —
    // and the session is held by itself.
    let db = db.with_clock(at("2026-01-08T07:00:00Z"));
    // A walk-in ticked by mistake and unticked: the session is not held by it.
    let d = sharing::tick_sign_in(&db, &ME, s.id, zhao, true).unwrap();
    assert_eq!(d.session.status, SessionStatus::Held);
    let d = sharing::tick_sign_in(&db, &ME, s.id, zhao, false).unwrap();
    assert_eq!(
        (d.session.status, d.session.signed_in),
        (SessionStatus::Planned, 0)
    );
    let a = sharing::sign_in_card(&db, &ME, s.id, "c1").unwrap();
    assert_eq!(
        sharing::session_detail(&db, s.id).unwrap().session.status,
        SessionStatus::Held
    );
    assert!(a.new && a.invited);
    assert!(!sharing::sign_in_card(&db, &ME, s.id, "C1").unwrap().new);
    sharing::sign_in_card(&db, &ME, s.id, "ｃ２").unwrap();
    let unknown = sharing::sign_in_card(&db, &ME, s.id, "C404").unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    let d = sharing::tick_sign_in(&db, &ME, s.id, zhao, true).unwrap();
    assert_eq!(d.session.signed_in, 3);
    assert!(
        d.attendees
            .iter()
            .any(|a| a.person_id == zhao && !a.invited && a.signed_at.is_some())
    );
    assert!(
        d.attendees
            .iter()
            .any(|a| a.person_id == wang && a.signed_at.is_none())
    );
    assert!(
        d.attendees
            .iter()
            .any(|a| a.person_id == li && a.method.as_deref() == Some("scan"))
    );

    sharing::save_minutes(
        &db,
        &ME,
        s.id,
        "张伟分享了《乡土中国》……",
        Some(sharing::session_detail(&db, s.id).unwrap().session.revision),
    )
    .unwrap();
    sharing::add_attachment(&db, &ME, s.id, "合影.jpg", &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    let mut held = session(
        "读书分享会",
        "2026-01-08T15:00",
        "2026-01-08T17:00",
        Some(room),
        Some(zhao),
    );
    held.status = Some(SessionStatus::Held);
    held.revision = Some(sharing::session_detail(&db, s.id).unwrap().session.revision);
    sharing::edit_session(&db, &ME, s.id, &held).unwrap();

    let f = sharing::figures(&db, 2026).unwrap();
    assert_eq!((f.held, f.books), (1, 1));
    // Invited 3, signed in 3 of whom 2 invited: the rate counts sign-ins over invitations.
    assert_eq!(f.attendance_rate, Some(100.0));
    assert_eq!(f.presenters[0].name, "张伟");
    let detail = sharing::session_detail(&db, s.id).unwrap();
    assert_eq!(detail.attachments[0].name, "合影.jpg");
    assert_eq!(
        detail.session.minutes.as_deref(),
        Some("张伟分享了《乡土中国》……")
    );
}

/// Issue: a new series opened in December planned the year that was ending.
/// Past dates are marked in the preview, and refused unless the organizer
/// records history on purpose.
#[test]
fn a_series_plans_what_is_to_come_unless_it_records_history() {
    let db = Db::open_in_memory()
        .unwrap()
        .with_clock(at("2026-12-07T02:00:00Z"));
    let draft = SeriesDraft {
        name: "书香润初心".into(),
        theme: None,
        recurrence: Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: -1,
                weekday: 4,
            },
            start: "2026-01-01".parse().unwrap(),
            end: End::Until {
                date: "2026-12-31".parse().unwrap(),
            },
            skip_holidays: false,
            skip: vec![],
        },
        start_time: "15:00".into(),
        end_time: "17:00".into(),
        venue_id: None,
        host_id: None,
        capacity: None,
        history: false,
    };
    let preview = sharing::preview_series(&db, &draft, &[]).unwrap();
    assert_eq!(preview.iter().filter(|p| p.past).count(), 11);
    assert!(!preview.last().unwrap().past, "31 December is to come");
    let e = sharing::create_series(&db, &ME, &draft, &[]).unwrap_err();
    assert_eq!(e.field(), Some("recurrence"));
    assert!(e.to_string().contains("11 次活动的日期已经过去"), "{e}");
    let history = SeriesDraft {
        history: true,
        ..draft.clone()
    };
    assert_eq!(
        sharing::create_series(&db, &ME, &history, &[])
            .unwrap()
            .sessions
            .len(),
        12
    );
}

/// A session marked 已举行 by hand, without a sign-in sheet, stays held when
/// someone who never signed in is unticked.
#[test]
fn a_session_held_by_hand_is_not_undone_by_unticking_someone_never_signed_in() {
    let db = db().with_clock(at("2026-01-08T09:00:00Z"));
    let wang = staff(&db, "王芳", "C3", "办公厅").id;
    let s = sharing::create_session(
        &db,
        &ME,
        &session(
            "读书分享会",
            "2026-01-08T15:00",
            "2026-01-08T17:00",
            None,
            None,
        ),
    )
    .unwrap();
    let mut held = session(
        "读书分享会",
        "2026-01-08T15:00",
        "2026-01-08T17:00",
        None,
        None,
    );
    held.status = Some(SessionStatus::Held);
    held.revision = Some(s.revision);
    sharing::edit_session(&db, &ME, s.id, &held).unwrap();
    let d = sharing::tick_sign_in(&db, &ME, s.id, wang, false).unwrap();
    assert_eq!(d.session.status, SessionStatus::Held);
}
