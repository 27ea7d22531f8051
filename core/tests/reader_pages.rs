//! What a signed-in reader may see and do, as the intranet pages will call
//! it: a title page never names a borrower; a reader sees only their own
//! loans and holds and cannot cancel another's, by guessing ids too; a hold
//! placed by a reader is in the desk's queue at once, under the desk's
//! rules, and in the log under the reader's name.

mod support;

use shuxiang_core::audit::{self, AuditQuery};
use shuxiang_core::circulation::{self, HoldStatus};
use shuxiang_core::people;
use support::{ME, Room, shelve, staff};

#[test]
fn a_title_page_gives_where_and_when_never_who() {
    let room = Room::new();
    let db = room.at("2026-12-01T02:00:00Z");
    let zhang = staff(&db, "张三", "R001", "办公厅");
    let t = shelve(
        &db,
        support::named("乡土中国"),
        Some("社科区2架"),
        &["SX1", "SX2"],
    );
    circulation::desk_scan(&db, &ME, Some(zhang.id), "SX1").unwrap();
    let page = circulation::reader_title(&db, t.id).unwrap();
    assert_eq!(page.copies.len(), 2);
    let lent = page.copies.iter().find(|c| c.barcode == "SX1").unwrap();
    assert!(lent.due_on.is_some(), "a lent copy shows when it is due");
    assert_eq!(lent.location.as_deref(), Some("社科区2架"));
    let shown = serde_json::to_string(&page).unwrap();
    assert!(
        !shown.contains("张三") && !shown.contains("R001") && !shown.contains("办公厅"),
        "never the borrower: {shown}"
    );
}

#[test]
fn a_reader_sees_and_cancels_only_their_own() {
    let room = Room::new();
    let db = room.at("2026-12-01T02:00:00Z");
    let a = staff(&db, "甲读者", "A001", "办公厅");
    let b = staff(&db, "乙读者", "B001", "研究室");
    let t = shelve(&db, support::named("中国经济"), None, &["SX9"]);
    let other = shelve(&db, support::named("政府工作"), None, &["SX8"]);
    circulation::desk_scan(&db, &ME, Some(a.id), "SX9").unwrap();
    circulation::desk_scan(&db, &ME, Some(a.id), "SX8").unwrap();

    // B queues for both; the desk sees B's holds at once.
    let hold = circulation::reader_place_hold(&db, b.id, t.id, None).unwrap();
    assert_eq!((hold.status, hold.position), (HoldStatus::Waiting, Some(1)));
    circulation::reader_place_hold(&db, b.id, other.id, None).unwrap();
    let queue = circulation::title_holds(&db, t.id).unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].person_id, b.id);

    // The desk's rules: A has it on loan, so A need not hold it.
    let e = circulation::reader_place_hold(&db, a.id, t.id, None).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");

    // A sees A's loans and no holds; B sees B's holds and no loans.
    let me_a = circulation::reader_me(&db, a.id).unwrap();
    assert_eq!((me_a.loans.len(), me_a.holds.len()), (2, 0));
    let me_b = circulation::reader_me(&db, b.id).unwrap();
    assert_eq!((me_b.loans.len(), me_b.holds.len()), (0, 2));

    // A cannot cancel B's hold, whatever id A tries.
    for id in 0..=hold.id + 5 {
        let e = circulation::reader_cancel_hold(&db, a.id, id, None).unwrap_err();
        assert_eq!(e.code(), "not_found", "hold {id}: {e}");
        assert_eq!(
            e.to_string(),
            "没有找到这条预约。",
            "nothing told about hold {id}"
        );
    }
    assert_eq!(circulation::reader_me(&db, b.id).unwrap().holds.len(), 2);

    // B can, and the log says B did it, from which computer.
    let cancelled =
        circulation::reader_cancel_hold(&db, b.id, hold.id, Some("192.168.1.31")).unwrap();
    assert_eq!(cancelled.status, HoldStatus::Cancelled);
    let log = audit::audit_log(&db, &AuditQuery::default()).unwrap();
    assert!(
        log.items.iter().any(|e| e.actor_kind == "reader"
            && e.actor_name == "乙读者"
            && e.action == "cancel"
            && e.client.as_deref() == Some("192.168.1.31")),
        "the reader's own change is logged under their name and address"
    );
    assert!(
        log.items
            .iter()
            .filter(|e| e.actor_kind != "reader")
            .all(|e| e.client.is_none()),
        "changes made at this PC name no address"
    );
}

#[test]
fn a_deactivated_reader_places_nothing_and_a_reader_actor_changes_nothing_else() {
    let room = Room::new();
    let db = room.at("2026-12-01T02:00:00Z");
    let a = staff(&db, "甲读者", "A001", "办公厅");
    let t = shelve(&db, support::named("中国经济"), None, &["SX9"]);
    people::set_person_active(&db, &ME, a.id, false).unwrap();
    let e = circulation::reader_place_hold(&db, a.id, t.id, None).unwrap_err();
    assert_eq!(e.code(), "forbidden", "{e}");
    let reader = shuxiang_core::Actor::Reader {
        person_id: a.id,
        name: "甲读者".into(),
        client: None,
    };
    assert_eq!(
        reader
            .require(shuxiang_core::Entity::Title)
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert!(reader.require(shuxiang_core::Entity::Hold).is_ok());
    assert!(!reader.sees_phones());
}

/// A reading-share session on `day` at 15:00.
fn share_session(db: &shuxiang_core::Db, theme: &str, day: &str) -> i64 {
    shuxiang_core::sharing::create_session(
        db,
        &ME,
        &shuxiang_core::sharing::SessionDraft {
            revision: None,
            theme: theme.into(),
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
    .id
}

#[test]
fn a_title_says_where_the_reader_stands_and_notes_go_only_under_their_own_sessions() {
    use shuxiang_core::participation::{self as part, EventKind, NoteDraft};
    let room = Room::new();
    let db = room.at("2026-12-07T02:00:00Z");
    let a = staff(&db, "甲读者", "A001", "办公厅");
    let b = staff(&db, "乙读者", "B001", "研究室");
    let t = shelve(&db, support::named("乡土中国"), None, &["SX1"]);
    circulation::desk_scan(&db, &ME, Some(a.id), "SX1").unwrap();
    circulation::reader_place_hold(&db, b.id, t.id, None).unwrap();
    let theirs = circulation::reader_standing(&db, b.id, t.id).unwrap();
    assert_eq!(
        theirs.hold.map(|h| h.position),
        Some(Some(1)),
        "乙 is told their place in the queue"
    );
    let lent = circulation::reader_standing(&db, a.id, t.id).unwrap();
    assert_eq!(lent.loan.map(|l| l.barcode).as_deref(), Some("SX1"));
    assert!(lent.hold.is_none(), "甲 has no hold, and sees none of 乙's");

    let s = share_session(&db, "读《乡土中国》", "2027-01-14");
    part::open_signup(&db, &ME, EventKind::Sharing, s, true, None, None).unwrap();
    part::reader_sign_up(&db, b.id, EventKind::Sharing, s, None).unwrap();
    let signed = part::reader_signups(&db, b.id).unwrap();
    assert_eq!((signed.len(), signed[0].id), (1, s));
    assert!(part::reader_signups(&db, a.id).unwrap().is_empty());
    assert_eq!(
        part::note_sessions(&db, b.id)
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>(),
        [s]
    );
    assert!(part::note_sessions(&db, a.id).unwrap().is_empty());
    let note = |person: i64, session: i64| {
        part::reader_write_note(
            &db,
            person,
            &NoteDraft {
                title_id: t.id,
                body: "差序格局。".into(),
                session_id: Some(session),
            },
            None,
        )
    };
    for session in [s, s + 100] {
        let e = note(a.id, session).unwrap_err();
        assert_eq!(
            (e.code(), e.to_string()),
            (
                "not_found",
                "你不在这次读书分享活动的名单上，心得不能记在它名下。".to_owned()
            ),
            "a session of others and none at all are told alike"
        );
    }
    assert_eq!(note(b.id, s).unwrap().status, "pending");
}

#[test]
fn a_trainee_is_offered_leave_from_their_coming_sessions_only() {
    use shuxiang_core::participation::{self as part, EventKind, LeaveDraft, LeaveStatus};
    use shuxiang_core::people::PersonKind;
    use shuxiang_core::training::{self, NewBatch, NewTopic, NewTrainingSession};
    let room = Room::new();
    let db = room.at("2026-12-07T02:00:00Z");
    let deputy = support::reader(&db, "孙丽", PersonKind::Deputy, "D-9", "东城区代表团");
    let other = staff(&db, "甲读者", "A001", "办公厅");
    let topic = training::create_topic(
        &db,
        &ME,
        &NewTopic {
            name: "预算审查监督".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let batch = training::create_batch(
        &db,
        &ME,
        &NewBatch {
            topic_id: topic,
            name: "2027年第1期".into(),
            capacity: Some(10),
            starts_on: Some("2027-01-05".into()),
            ends_on: Some("2027-01-12".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let sessions: Vec<i64> = ["2027-01-05", "2027-01-12"]
        .iter()
        .map(|day| {
            training::add_session(
                &db,
                &ME,
                batch,
                &NewTrainingSession {
                    subject: format!("{day} 讲座"),
                    starts_at: format!("{day}T09:00"),
                    ends_at: format!("{day}T11:30"),
                    venue_id: None,
                    lecturer_id: None,
                    lecturer_name: None,
                    status: None,
                    revision: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    assert!(part::leave_choices(&db, deputy.id).unwrap().is_empty());
    part::open_signup(&db, &ME, EventKind::Training, batch, true, None, None).unwrap();
    part::reader_sign_up(&db, deputy.id, EventKind::Training, batch, None).unwrap();
    part::reader_ask_leave(
        &db,
        deputy.id,
        &LeaveDraft {
            session_id: sessions[0],
            reason: "出差".into(),
        },
        None,
    )
    .unwrap();
    let choices = part::leave_choices(&db, deputy.id).unwrap();
    assert_eq!(
        choices
            .iter()
            .map(|c| (c.session_id, c.leave))
            .collect::<Vec<_>>(),
        [
            (sessions[0], Some(LeaveStatus::Pending)),
            (sessions[1], None)
        ]
    );
    assert_eq!(choices[0].batch_name, "预算审查监督2027年第1期");
    assert!(
        part::leave_choices(&db, other.id).unwrap().is_empty(),
        "no one else's sessions"
    );
}
