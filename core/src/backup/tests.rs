//! Backups, checks, restore, sealing and rotation, on real files.

use super::*;

fn file(kind: BackupKind, name: &str, made_at: &str) -> BackupFile {
    BackupFile {
        path: name.into(),
        name: name.into(),
        kind,
        bytes: 1,
        made_at: made_at.into(),
    }
}

#[test]
fn backup_names_say_what_and_when() {
    assert_eq!(
        file_kind("书香-每日-20261126-153000.db"),
        Some((BackupKind::Daily, "2026-11-26 15:30:00".into()))
    );
    assert_eq!(
        file_kind("书香-导入前-20260101-080000.db").unwrap().0,
        BackupKind::Before
    );
    assert_eq!(
        file_kind("书香-手动-20260101-080000.db").unwrap().0,
        BackupKind::Manual
    );
    assert_eq!(file_kind("别的文件.db"), None);
    assert_eq!(
        file_kind("书香-每日-20261126-15300002.db").unwrap().1,
        "2026-11-26 15:30:00"
    );
}

#[test]
fn a_password_protects_backups_and_is_needed_to_restore_them() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("shuxiang.db");
    let db = Db::open(&db_path).unwrap();
    add(&db, "张三");
    assert!(
        set_backup_password(&db, &Actor::CommandLine, "123").is_err(),
        "too short"
    );
    set_backup_password(&db, &Actor::CommandLine, "书香备份密码").unwrap();
    assert!(backup_password_set(&db).unwrap());
    let made = backup_named(&db, "手动").unwrap().unwrap();
    assert!(made.path.extension().is_some_and(|e| e == "sxbk"));
    assert!(is_sealed(&made.path));
    let raw = std::fs::read(&made.path).unwrap();
    assert!(
        !raw.windows("张三".len()).any(|w| w == "张三".as_bytes()),
        "the names are not readable"
    );
    assert_eq!(
        list_backups(&tmp.path().join("backups")).unwrap()[0].kind,
        BackupKind::Manual
    );
    // Verification and restore need the password, and the right one.
    assert_eq!(
        verify_backup(&made.path, None).unwrap_err().field(),
        Some("password")
    );
    assert!(
        verify_backup(&made.path, Some("错误的密码"))
            .unwrap_err()
            .to_string()
            .contains("密码不对")
    );
    assert_eq!(
        verify_backup(&made.path, Some("书香备份密码")).unwrap(),
        SCHEMA_VERSION
    );
    add(&db, "李四");
    drop(db);
    let safety = tmp.path().join("safety");
    let refused = restore_with_password(
        &made.path,
        Some("x"),
        &db_path,
        &safety,
        &Actor::CommandLine,
        Clock::System,
    );
    assert!(refused.is_err());
    restore_with_password(
        &made.path,
        Some("书香备份密码"),
        &db_path,
        &safety,
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap();
    let db = Db::open(&db_path).unwrap();
    assert_eq!(names(&db), ["张三"]);
    assert!(
        !tmp.path()
            .read_dir()
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("解密中")),
        "no decrypted copy is left behind"
    );
}

#[test]
fn an_older_database_is_backed_up_before_it_is_upgraded() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("shuxiang.db");
    {
        let conn = Connection::open(&path).unwrap();
        schema::migrate_to(&conn, 3).unwrap();
    }
    let db = Db::open(&path).unwrap();
    let list = list_backups(&tmp.path().join("backups")).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].name.starts_with("书香-升级前-"));
    assert_eq!(verify_backup_file(Path::new(&list[0].path)).unwrap(), 3);
    drop(db);
    // Opening the now current database makes no second copy.
    Db::open(&path).unwrap();
    assert_eq!(list_backups(&tmp.path().join("backups")).unwrap().len(), 1);
}

#[test]
fn rotation_keeps_seven_days_four_weeks_twelve_months() {
    let today: chrono::NaiveDate = "2026-11-26".parse().unwrap();
    // A daily backup every day for 400 days, two on the latest day.
    let mut files: Vec<BackupFile> = (0..400)
        .map(|n| {
            let day = today - chrono::Days::new(n);
            let name = format!("书香-每日-{}-090000.db", day.format("%Y%m%d"));
            file(BackupKind::Daily, &name, &format!("{day} 09:00:00"))
        })
        .collect();
    files.push(file(
        BackupKind::Daily,
        "书香-每日-20261126-080000.db",
        "2026-11-26 08:00:00",
    ));
    for n in 0..15 {
        let name = format!("书香-导入前-202611{:02}-100000.db", n + 1);
        files.push(file(
            BackupKind::Before,
            &name,
            &format!("2026-11-{:02} 10:00:00", n + 1),
        ));
    }
    files.push(file(
        BackupKind::Manual,
        "书香-手动-20200101-000000.db",
        "2020-01-01 00:00:00",
    ));
    let keep = rotation_keep(&files, today);
    let daily: Vec<&String> = keep.iter().filter(|k| k.contains("每日")).collect();
    // 7 days; weeks and months add the newest of each older week/month.
    assert!(daily.iter().any(|k| k.contains("20261120")), "day 7");
    assert!(
        !daily.iter().any(|k| k.contains("20261126-080000")),
        "one per day, the newest"
    );
    assert!(
        daily.len() >= 7 + 2 + 10 && daily.len() <= 7 + 4 + 12,
        "{}",
        daily.len()
    );
    assert!(
        !daily.iter().any(|k| k.starts_with("书香-每日-2025100")),
        "older than a year"
    );
    assert_eq!(keep.iter().filter(|k| k.contains("导入前")).count(), 10);
    assert!(keep.iter().any(|k| k.contains("手动")));
}

#[test]
fn the_daily_backup_is_made_once_a_day_and_an_import_backs_up_first() {
    let tmp = tempfile::tempdir().unwrap();
    let at = |t: &str| {
        Db::open(&tmp.path().join("shuxiang.db"))
            .unwrap()
            .with_clock(Clock::Fixed(t.parse().unwrap()))
    };
    let db = at("2026-11-26T01:00:00Z");
    assert!(daily_backup(&db).unwrap().is_some());
    assert!(daily_backup(&db).unwrap().is_none(), "once a day");
    drop(db);
    let db = at("2026-11-27T01:00:00Z");
    assert!(daily_backup(&db).unwrap().is_some());
    let csv = "姓名,类别\n张三,机关干部\n";
    crate::people::import_people_file(
        &db,
        &Actor::CommandLine,
        "名单.csv",
        csv.as_bytes(),
        crate::import::ImportOptions::default(),
    )
    .unwrap();
    let list = backups(&db).unwrap();
    let count = |k| list.iter().filter(|b| b.kind == k).count();
    assert_eq!(
        (count(BackupKind::Daily), count(BackupKind::Before)),
        (2, 1)
    );
    assert!(latest_good_backup(&db).unwrap().is_some());
    // Another folder, chosen in settings.
    let other = tmp.path().join("D盘备份");
    set_backup_dir(&db, &Actor::CommandLine, &other.display().to_string()).unwrap();
    backup_named(&db, "手动").unwrap();
    assert_eq!(list_backups(&other).unwrap().len(), 1);
}

#[test]
fn backups_by_hand_are_the_administrators_logged_and_rotated() {
    let tmp = tempfile::tempdir().unwrap();
    let db = Db::open(&tmp.path().join("shuxiang.db")).unwrap();
    let dir = tmp.path().join("备份");
    set_backup_dir(&db, &Actor::CommandLine, &dir.display().to_string()).unwrap();
    for role in [
        crate::Role::Viewer,
        crate::Role::Organizer,
        crate::Role::Librarian,
    ] {
        let someone = Actor::Operator {
            id: 7,
            name: "某人".into(),
            role,
            client: None,
        };
        assert_eq!(
            backup_now(&db, &someone).unwrap_err().code(),
            "forbidden",
            "{role:?}"
        );
    }
    assert!(list_backups(&dir).unwrap().is_empty());
    let admin = Actor::Operator {
        id: 1,
        name: "管理员".into(),
        role: crate::Role::Admin,
        client: None,
    };
    for _ in 0..MANUAL_KEPT + 5 {
        backup_now(&db, &admin).unwrap().unwrap();
    }
    let kept = list_backups(&dir).unwrap();
    assert_eq!(kept.len(), MANUAL_KEPT, "the newest are kept, no more");
    let log = crate::audit::audit_log(
        &db,
        &crate::audit::AuditQuery {
            text: Some("手动备份".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(log.total as usize, MANUAL_KEPT + 5);
    assert_eq!(log.items[0].actor_name, "管理员");
}
use crate::people::{NewPerson, PeopleQuery, PersonKind, create_person, list_people};

fn add(db: &Db, name: &str) {
    let p = NewPerson {
        kind: Some(PersonKind::Staff),
        name: name.into(),
        ..Default::default()
    };
    create_person(db, &Actor::CommandLine, &p).unwrap();
}

fn names(db: &Db) -> Vec<String> {
    list_people(db, &PeopleQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.name)
        .collect()
}

#[test]
fn a_backup_restores_every_row_after_the_data_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("shuxiang.db");
    let backup = tmp.path().join("b.db");
    {
        let db = Db::open(&db_path).unwrap();
        add(&db, "张三");
        backup_to(&db, &backup).unwrap();
        add(&db, "李四");
    }
    let report = restore(
        &backup,
        &db_path,
        &tmp.path().join("safety"),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap();
    let db = Db::open(&db_path).unwrap();
    assert_eq!(names(&db), ["张三"], "the data is exactly the backup's");
    let saved = Db::open(&report.previous_data_saved_to.unwrap()).unwrap();
    assert_eq!(
        names(&saved),
        ["李四", "张三"],
        "the replaced data was kept first"
    );
    assert!(check(&db, true).unwrap().ok);
    assert_eq!(report.backup_dir_reset, None, "no folder was chosen");
}

/// Moving to a new PC: the old PC's backup folder does not exist here; the
/// restored data backs up beside itself again, and says so.
#[test]
fn a_backup_folder_from_another_pc_is_set_back_to_the_default() {
    let old_pc = tempfile::tempdir().unwrap();
    let new_pc = tempfile::tempdir().unwrap();
    let folder = old_pc.path().join("D盘书香备份");
    let backup = new_pc.path().join("从旧电脑带来.db");
    {
        let db = Db::open(&old_pc.path().join("shuxiang.db")).unwrap();
        add(&db, "张三");
        set_backup_dir(&db, &Actor::CommandLine, &folder.display().to_string()).unwrap();
        backup_to(&db, &backup).unwrap();
    }
    drop(old_pc);
    let db_path = new_pc.path().join("数据").join("shuxiang.db");
    std::fs::create_dir_all(db_path.parent().unwrap()).unwrap();
    let report = restore(
        &backup,
        &db_path,
        &new_pc.path().join("safety"),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap();
    assert_eq!(
        report.backup_dir_reset.as_deref(),
        Some(folder.display().to_string().as_str())
    );
    let db = Db::open(&db_path).unwrap();
    assert_eq!(names(&db), ["张三"]);
    assert_eq!(
        backup_dir(&db).unwrap().unwrap(),
        db_path.parent().unwrap().join("backups")
    );
    let log = crate::audit::audit_log(
        &db,
        &crate::audit::AuditQuery {
            text: Some("已改回默认位置".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(log.total, 1);
}

#[test]
fn a_restore_is_refused_while_the_database_is_open() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("shuxiang.db");
    let db = Db::open(&db_path).unwrap();
    add(&db, "张三");
    let backup = tmp.path().join("b.db");
    backup_to(&db, &backup).unwrap();
    let err = restore(
        &backup,
        &db_path,
        tmp.path(),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap_err();
    assert!(err.to_string().contains("关闭书香"), "{err}");
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_before_anything_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("shuxiang.db");
    drop(Db::open(&db_path).unwrap());
    let junk = tmp.path().join("junk.db");
    std::fs::write(&junk, b"this is not sqlite at all, just some words").unwrap();
    let err = restore(
        &junk,
        &db_path,
        tmp.path(),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap_err();
    assert!(err.to_string().contains("不是书香的数据文件"), "{err}");
    let other = tmp.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let err = restore(
        &other,
        &db_path,
        tmp.path(),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("不是书香的数据文件") && err.to_string().contains("“t”"),
        "the table that is not ours is named: {err}"
    );
}

#[test]
fn an_older_backup_is_migrated_on_restore_and_a_newer_one_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let old = tmp.path().join("old.db");
    schema::migrate_to(&Connection::open(&old).unwrap(), 1).unwrap();
    let db_path = tmp.path().join("shuxiang.db");
    let report = restore(
        &old,
        &db_path,
        tmp.path(),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap();
    assert_eq!(report.restored_version, 1);
    let db = Db::open(&db_path).unwrap();
    assert!(
        check(&db, true).unwrap().ok,
        "the restored database is at the current version"
    );
    drop(db);
    let newer = tmp.path().join("newer.db");
    let conn = Connection::open(&newer).unwrap();
    schema::migrate(&conn).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    let err = restore(
        &newer,
        &db_path,
        tmp.path(),
        &Actor::CommandLine,
        Clock::System,
    )
    .unwrap_err();
    assert!(matches!(err, Error::NewerDatabase { .. }));
}
