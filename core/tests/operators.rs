//! Operators and roles: login off until an administrator exists, argon2
//! passwords, one refusal for every wrong login, sessions that end when the
//! account changes, and roles enforced by the core itself — a forbidden
//! operation called directly is refused.

use chrono::{DateTime, Utc};
use shuxiang_core::audit::Role;
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::training::{self, NewTopic};
use shuxiang_core::{Actor, Clock, Db};

fn at(path: &std::path::Path, t: &str) -> Db {
    Db::open(path)
        .unwrap()
        .with_clock(Clock::Fixed(t.parse::<DateTime<Utc>>().unwrap()))
}

/// Logs in and turns the session into the operator as they are now.
fn sign_in(db: &Db, name: &str, password: &str) -> Actor {
    let session = operators::login(db, name, password, None).unwrap();
    operators::current(db, session, None).unwrap()
}

fn op(name: &str, role: Role) -> NewOperator {
    NewOperator {
        name: name.into(),
        role,
        password: "书香密码2026".into(),
    }
}

#[test]
fn login_starts_with_the_first_administrator_and_locks_after_five_failures() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    let db = at(&path, "2026-11-26T02:00:00Z");
    assert!(!operators::login_required(&db).unwrap());
    let first =
        operators::create_operator(&db, &Actor::Desktop, &op("小王", Role::Librarian)).unwrap_err();
    assert!(first.to_string().contains("第一个操作员必须是管理员"));
    let short = operators::create_operator(
        &db,
        &Actor::Desktop,
        &NewOperator {
            password: "123".into(),
            ..op("管理员", Role::Admin)
        },
    )
    .unwrap_err();
    assert_eq!(short.field(), Some("password"));
    operators::create_operator(&db, &Actor::Desktop, &op("管理员", Role::Admin)).unwrap();
    assert!(operators::login_required(&db).unwrap());

    let admin = sign_in(&db, "管理员", "书香密码2026");
    assert!(matches!(
        admin,
        Actor::Operator {
            role: Role::Admin,
            ..
        }
    ));
    // Wrong passwords never lock the account for everyone (the command
    // layer slows the address they come from): the right one still works.
    let wrong = operators::login(&db, "管理员", "wrong", Some("10.0.0.9")).unwrap_err();
    for _ in 0..6 {
        assert_eq!(
            operators::login(&db, "管理员", "wrong", None)
                .unwrap_err()
                .code(),
            "unauthenticated"
        );
    }
    let unknown = operators::login(&db, "无此人", "wrong", None).unwrap_err();
    assert_eq!(
        wrong.to_string(),
        unknown.to_string(),
        "one refusal for all"
    );
    drop(db);
    let later = at(&path, "2026-11-26T02:01:00Z");
    sign_in(&later, "管理员", "书香密码2026");
    let failures = shuxiang_core::audit::audit_log(
        &later,
        &shuxiang_core::audit::AuditQuery {
            text: Some("登录失败".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(failures.total, 8, "every failure is in the log");
    assert!(
        failures
            .items
            .iter()
            .any(|e| e.summary.contains("10.0.0.9"))
    );
    // The password is stored as an argon2id hash, never as given.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let stored: String = conn
        .query_row("SELECT password_hash FROM operators", [], |r| r.get(0))
        .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains("书香密码"));
    // The last administrator cannot be deactivated.
    let ops = operators::operators(&later).unwrap();
    assert_eq!(
        operators::edit_operator(&later, &admin, ops[0].id, Role::Admin, false)
            .unwrap_err()
            .code(),
        "conflict"
    );
    // Office IT resets a password from the command line, audited.
    operators::reset_operator_password(&later, &Actor::CommandLine, "管理员", "新的密码12345")
        .unwrap();
    sign_in(&later, "管理员", "新的密码12345");
}

#[test]
fn a_deactivated_demoted_or_reset_operators_sessions_end_at_once() {
    let db = Db::open_in_memory().unwrap();
    operators::create_operator(&db, &Actor::Desktop, &op("管理员", Role::Admin)).unwrap();
    let admin = sign_in(&db, "管理员", "书香密码2026");
    let other = operators::create_operator(&db, &admin, &op("组织", Role::Organizer)).unwrap();
    let session = || operators::login(&db, "组织", "书香密码2026", None).unwrap();
    let ended = |s| {
        operators::current(&db, s, None)
            .unwrap_err()
            .code()
            .to_owned()
    };

    let before = session();
    operators::edit_operator(&db, &admin, other.id, Role::Viewer, true).unwrap();
    assert_eq!(ended(before), "unauthenticated", "demoted");
    let now = operators::current(&db, session(), None).unwrap();
    assert!(matches!(
        now,
        Actor::Operator {
            role: Role::Viewer,
            ..
        }
    ));

    let before = session();
    operators::reset_operator_password(&db, &admin, "组织", "另一个密码123").unwrap();
    assert_eq!(ended(before), "unauthenticated", "password reset");

    let before = operators::login(&db, "组织", "另一个密码123", None).unwrap();
    operators::edit_operator(&db, &admin, other.id, Role::Viewer, false).unwrap();
    assert_eq!(ended(before), "unauthenticated", "deactivated");
    let disabled = operators::login(&db, "组织", "另一个密码123", None).unwrap_err();
    assert_eq!(
        disabled.to_string(),
        "用户名或密码不对。",
        "said like any wrong login"
    );
}

#[test]
fn the_core_refuses_what_a_role_may_not_change() {
    let db = Db::open_in_memory().unwrap();
    operators::create_operator(&db, &Actor::Desktop, &op("管理员", Role::Admin)).unwrap();
    let admin = sign_in(&db, "管理员", "书香密码2026");
    for (name, role) in [
        ("图书", Role::Librarian),
        ("组织", Role::Organizer),
        ("只读", Role::Viewer),
    ] {
        operators::create_operator(&db, &admin, &op(name, role)).unwrap();
    }
    let librarian = sign_in(&db, "图书", "书香密码2026");
    let organizer = sign_in(&db, "组织", "书香密码2026");
    let viewer = sign_in(&db, "只读", "书香密码2026");

    let title = |who: &Actor| {
        catalog::create_title(
            &db,
            who,
            &NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &NewCopies::default(),
        )
    };
    let session = |who: &Actor| {
        sharing::create_session(
            &db,
            who,
            &SessionDraft {
                revision: None,
                theme: "读书会".into(),
                starts_at: "2026-12-01T15:00".into(),
                ends_at: "2026-12-01T16:00".into(),
                venue_id: None,
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
    };
    let topic = |who: &Actor| {
        training::create_topic(
            &db,
            who,
            &NewTopic {
                name: format!("专题{}", who.name()),
                ..Default::default()
            },
        )
    };
    let person = |who: &Actor| {
        people::create_person(
            &db,
            who,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "张三".into(),
                phone: Some("010-65123456".into()),
                ..Default::default()
            },
        )
    };

    title(&librarian).unwrap();
    assert_eq!(session(&librarian).unwrap_err().code(), "forbidden");
    assert_eq!(topic(&librarian).unwrap_err().code(), "forbidden");
    session(&organizer).unwrap();
    topic(&organizer).unwrap();
    let refused = title(&organizer).unwrap_err();
    assert_eq!(refused.code(), "forbidden");
    assert!(refused.to_string().contains("活动组织者"), "{refused}");
    assert_eq!(title(&viewer).unwrap_err().code(), "forbidden");
    assert_eq!(session(&viewer).unwrap_err().code(), "forbidden");
    assert_eq!(topic(&viewer).unwrap_err().code(), "forbidden");
    assert_eq!(
        person(&viewer).unwrap_err().code(),
        "forbidden",
        "viewer changes nothing"
    );
    let p = person(&librarian).unwrap();
    // Operators are the administrator's.
    assert_eq!(
        operators::create_operator(&db, &librarian, &op("新人", Role::Viewer))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    // An organizer, who does not see phone numbers, edits the person: the
    // phone stays as stored.
    let edited = people::edit_person(
        &db,
        &organizer,
        p.id,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "张三".into(),
            department: Some("研究室".into()),
            phone: None,
            revision: Some(p.revision),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(edited.department.as_deref(), Some("研究室"));
    assert_eq!(edited.phone.as_deref(), Some("010-65123456"));
    // An edit that says nothing of the revision it was based on is refused.
    let blind = people::edit_person(
        &db,
        &librarian,
        p.id,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "张三丰".into(),
            ..Default::default()
        },
    )
    .unwrap_err();
    assert_eq!(blind.field(), Some("revision"));
    // A refusal saves nothing.
    let log = shuxiang_core::audit::audit_log(&db, &Default::default())
        .unwrap()
        .total;
    let _ = title(&viewer);
    assert_eq!(
        shuxiang_core::audit::audit_log(&db, &Default::default())
            .unwrap()
            .total,
        log
    );
}
