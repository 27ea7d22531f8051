//! After trying the demo data, the librarian starts real work: the records
//! go in one action, after a backup that brings them back; the office's
//! settings, open days, loan rules, operators and the log stay.

use shuxiang_core::audit::{self, AuditQuery, Role};
use shuxiang_core::backup;
use shuxiang_core::demo::{DemoOptions, load_demo};
use shuxiang_core::{Actor, Db, about, calendar, catalog, circulation, people, sharing};

mod support;
use support::Room;

fn demo(db: &Db) {
    load_demo(
        db,
        &Actor::System,
        DemoOptions {
            seed: 7,
            staff: 12,
            deputies: 12,
            volumes: 300,
        },
    )
    .unwrap();
}

#[test]
fn clearing_the_demo_data_keeps_the_office_settings_and_a_backup_to_go_back_to() {
    let room = Room::new();
    let db = room.at("2026-11-27T02:00:00Z");
    demo(&db);
    about::mark_welcomed(&db, &Actor::Desktop).unwrap();
    let rules = circulation::loan_rules(&db).unwrap();
    let closed = calendar::open_days(&db).unwrap();
    let found_before = catalog::search(&db, "中国", 0, 5).unwrap().total;
    assert!(found_before > 0);

    // Only someone who may restore data may clear it.
    let viewer = Actor::Operator {
        id: 1,
        name: "只读甲".into(),
        role: Role::Viewer,
        client: None,
    };
    assert!(backup::clear_all_data(&db, &viewer).is_err());

    let report = backup::clear_all_data(&db, &Actor::Desktop).unwrap();
    assert!(report.titles > 0 && report.copies >= report.titles && report.people == 24);

    // The records are gone, the search indexes with them.
    assert_eq!(catalog::search(&db, "中国", 0, 5).unwrap().total, 0);
    assert_eq!(catalog::search(&db, "zg", 0, 5).unwrap().total, 0);
    let everyone = people::PeopleQuery {
        include_inactive: true,
        ..Default::default()
    };
    assert_eq!(people::list_people(&db, &everyone).unwrap().total, 0);
    let year = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
    let sessions = sharing::sessions_between(&db, year("2025-01-01"), year("2027-12-31"), None);
    assert!(sessions.unwrap().is_empty());
    assert!(calendar::venues(&db).unwrap().is_empty());
    // The office's rules stay; the welcome page shows again; copies are
    // numbered from the start.
    assert_eq!(circulation::loan_rules(&db).unwrap(), rules);
    assert_eq!(calendar::open_days(&db).unwrap(), closed);
    assert!(about::first_run(&db).unwrap());
    assert_eq!(catalog::copy_barcode_numbering(&db).unwrap().next, 1);
    // The log says what happened and where the data went.
    let log = audit::audit_log(
        &db,
        &AuditQuery {
            text: Some("清空数据".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(log.total, 1);
    let saved = report.saved_to.expect("a backup first");
    assert!(log.items[0].summary.contains(&saved.display().to_string()));
    assert!(
        backup::check(&db, true).unwrap().ok,
        "the database stays sound"
    );

    // The backup holds the data as it was, and brings it back.
    assert!(backup::verify_backup(&saved, None).is_ok());
    drop(db);
    let db_path = room.path();
    backup::restore_with_password(
        &saved,
        None,
        &db_path,
        &db_path.parent().unwrap().join("backups"),
        &Actor::Desktop,
        support::at("2026-11-27T03:00:00Z"),
    )
    .unwrap();
    let db = room.at("2026-11-27T03:00:00Z");
    assert_eq!(
        catalog::search(&db, "中国", 0, 5).unwrap().total,
        found_before
    );

    // And a cleared database takes the demo again.
    backup::clear_all_data(&db, &Actor::Desktop).unwrap();
    demo(&db);
    assert!(catalog::search(&db, "中国", 0, 5).unwrap().total > 0);
}
