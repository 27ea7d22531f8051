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
