//! The command layer by name, as both transports call it, and the boundary
//! every call passes.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::{Value, json};
use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};

use super::*;

fn ctx(actor: Actor) -> Ctx {
    Ctx::new(Arc::new(Db::open_in_memory().unwrap()), actor)
}

fn as_role(role: Role) -> Actor {
    Actor::Operator {
        id: 1,
        name: role.label().into(),
        role,
        client: None,
    }
}

#[test]
fn a_command_runs_by_name_with_the_arguments_the_ui_sends() {
    let ctx = ctx(Actor::Desktop);
    let made = call(
        &ctx,
        "create_title",
        json!({"title": {"title": "乡土中国"}, "copies": {"barcodes": ["SX1"]}}),
    )
    .unwrap();
    let id = made["id"].as_i64().unwrap();
    // camelCase keys, as Tauri's commands took them.
    let copies = call(
        &ctx,
        "add_title_copies",
        json!({"titleId": id, "copies": {"barcodes": ["SX2"]}}),
    )
    .unwrap();
    assert_eq!(copies.as_array().unwrap().len(), 1);
    let page = call(&ctx, "list_titles", json!({"query": {"text": "xtzg"}})).unwrap();
    assert_eq!(page["items"][0]["title"], "乡土中国");
    assert_eq!(page["items"][0]["copies"], 2);
    // No arguments at all is the same as none given.
    assert!(call(&ctx, "loan_rules", Value::Null).is_ok());
}

#[test]
fn unknown_commands_and_wrong_arguments_are_refused_in_words() {
    let ctx = ctx(Actor::Desktop);
    let e = call(&ctx, "drop_everything", json!({})).unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(
        e.to_string().contains("没有名为“drop_everything”的操作"),
        "{e}"
    );
    let e = call(&ctx, "title_detail", json!({"id": "seven"})).unwrap_err();
    assert_eq!(e.code(), "invalid");
    assert!(e.to_string().contains("参数不对"), "{e}");
    assert!(e.to_string().contains("有参数的类型不对"), "{e}");
    let e = call(&ctx, "title_detail", json!({})).unwrap_err();
    assert_eq!(e.code(), "invalid", "a missing argument: {e}");
    assert!(e.to_string().contains("缺少 id"), "{e}");
    // Nothing of serde's English reaches the user.
    for e in [
        call(&ctx, "title_detail", json!({"id": "seven"})).unwrap_err(),
        call(&ctx, "late_issues", json!({"on": "2027-13-40"})).unwrap_err(),
    ] {
        let said = e.to_string();
        assert!(
            !said.contains("invalid") && !said.contains("expected"),
            "{said}"
        );
    }
}

#[test]
fn the_actor_of_the_context_is_the_one_checked() {
    let organizer = ctx(as_role(Role::Organizer));
    let e = call(
        &organizer,
        "create_title",
        json!({"title": {"title": "乡土中国"}, "copies": {}}),
    )
    .unwrap_err();
    assert_eq!(e.code(), "forbidden", "{e}");
    assert!(e.to_string().contains("活动组织者"), "{e}");
    // What the organizer's role allows goes through, under their name.
    call(
        &organizer,
        "create_venue",
        json!({"venue": {"name": "三楼会议室", "capacity": 40}}),
    )
    .unwrap();
    // The log is the administrator's to read.
    assert_eq!(
        call(&organizer, "audit_log", json!({"query": {}}))
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let admin = Ctx::new(organizer.db.clone(), as_role(Role::Admin));
    let log = call(&admin, "audit_log", json!({"query": {}})).unwrap();
    assert_eq!(log["items"][0]["actor_name"], "活动组织者");
}

#[test]
fn every_command_has_one_name_and_writes_name_their_records() {
    let all: Vec<_> = commands().map(|c| c.name).collect();
    let unique: BTreeSet<_> = all.iter().collect();
    assert_eq!(all.len(), unique.len(), "a name defined twice");
    assert!(all.len() > 100, "{}", all.len());
    // Whoever may change nothing (只读) is refused every write, before the
    // command reads its arguments: a write that forgot to log is refused all
    // the same.
    let viewer = ctx(as_role(Role::Viewer));
    for c in commands().filter(|c| c.kind == Kind::Data) {
        if let Access::Write(entity) = c.access {
            let e = call(&viewer, c.name, json!({})).unwrap_err();
            assert_eq!(e.code(), "forbidden", "{}: {e}", c.name);
            assert!(e.to_string().contains(entity.label()), "{e}");
        }
    }
}

#[test]
fn a_demoted_or_deactivated_operator_is_refused_at_the_next_call() {
    let db = Arc::new(Db::open_in_memory().unwrap());
    let admin = NewOperator {
        name: "管理员".into(),
        role: Role::Admin,
        password: "书香密码2026".into(),
    };
    operators::create_operator(&db, &Actor::Desktop, &admin).unwrap();
    let door = Doorkeeper::default();
    let session = sign_in_operator(&db, &door, None, "管理员", "书香密码2026").unwrap();
    let as_admin = Ctx::operator(db.clone(), session, None).unwrap();
    call(
        &as_admin,
        "create_operator",
        json!({"operator": {"name": "组织", "role": "organizer", "password": "组织密码12345"}}),
    )
    .unwrap();
    let theirs = sign_in_operator(&db, &door, Some("10.0.0.7"), "组织", "组织密码12345").unwrap();
    let before = Ctx::operator(db.clone(), theirs, Some("10.0.0.7".into())).unwrap();
    let venue = json!({"venue": {"name": "三楼会议室", "capacity": 40}});
    call(&before, "create_venue", venue.clone()).unwrap();
    let id = before.actor().clone();
    let Actor::Operator { id, .. } = id else {
        panic!("an operator")
    };
    call(
        &as_admin,
        "edit_operator",
        json!({"id": id, "role": "viewer", "active": true}),
    )
    .unwrap();
    // The same session, next request: read fresh, it is over.
    let e = Ctx::operator(db.clone(), theirs, None).err().unwrap();
    assert_eq!(e.code(), "unauthenticated");
    // Signed in again, they are what they are now: 只读.
    let again = sign_in_operator(&db, &door, None, "组织", "组织密码12345").unwrap();
    let viewer = Ctx::operator(db.clone(), again, None).unwrap();
    assert_eq!(
        call(&viewer, "create_venue", venue).unwrap_err().code(),
        "forbidden"
    );
}

#[test]
fn guesses_are_slowed_for_their_address_only() {
    let db = Db::open_in_memory().unwrap();
    let admin = NewOperator {
        name: "管理员".into(),
        role: Role::Admin,
        password: "书香密码2026".into(),
    };
    operators::create_operator(&db, &Actor::Desktop, &admin).unwrap();
    let host = Doorkeeper::default();
    let window = Doorkeeper::default();
    for _ in 0..sign_in::MAX_GUESSES {
        let e = sign_in_operator(&db, &host, Some("10.6.6.6"), "管理员", "猜的").unwrap_err();
        assert_eq!(e.code(), "unauthenticated");
    }
    let e = sign_in_operator(&db, &host, Some("10.6.6.6"), "管理员", "书香密码2026").unwrap_err();
    assert_eq!(
        e.code(),
        "too_many_attempts",
        "that address waits, even with the right password"
    );
    sign_in_operator(&db, &host, Some("10.0.0.2"), "管理员", "书香密码2026").unwrap();
    sign_in_operator(&db, &window, None, "管理员", "书香密码2026").unwrap();
}

/// Arguments for a read command over the demo data: every candidate an
/// argument name suggests, so most commands answer with real records.
fn candidate_args(command: &Command, people: &[i64]) -> Vec<Value> {
    let mut all = vec![serde_json::Map::new()];
    for arg in command.js_args() {
        let values: Vec<Value> = match arg.as_str() {
            "id" | "titleId" | "copyId" | "batchId" | "sessionId" | "stocktakeId" | "topicId" => {
                (1..=3).map(Value::from).collect()
            }
            "personId" => people.iter().map(|&p| Value::from(p)).collect(),
            "seriesId" => vec![Value::Null],
            "query" => vec![json!({}), json!({"text": "王"})],
            "selection" => vec![json!({"titleIds": [1, 2, 3]})],
            "from" => vec![json!("2020-01-01")],
            "to" => vec![json!("2030-12-31")],
            "year" => vec![json!(2026)],
            "limit" => vec![json!(50)],
            "byGroup" => vec![json!(false), json!(true)],
            "text" | "code" | "isbn" | "clc" => vec![json!("王")],
            _ => vec![json!({})],
        };
        all = all
            .into_iter()
            .flat_map(|args| {
                let arg = &arg;
                values.iter().map(move |v| {
                    let mut args = args.clone();
                    args.insert(arg.clone(), v.clone());
                    args
                })
            })
            .collect();
    }
    all.into_iter().map(Value::Object).collect()
}

fn has_phone(value: &Value) -> bool {
    match value {
        Value::Object(fields) => fields
            .iter()
            .any(|(k, v)| (k == "phone" && !v.is_null()) || has_phone(v)),
        Value::Array(items) => items.iter().any(has_phone),
        _ => false,
    }
}

#[test]
fn no_phone_number_reaches_a_role_that_does_not_call_readers() {
    let db = Arc::new(Db::open_in_memory().unwrap());
    let desk = Ctx::new(db.clone(), Actor::Desktop);
    call(&desk, "load_demo", Value::Null).unwrap();
    let people: Vec<i64> =
        call(&desk, "list_people", json!({"query": {"limit": 5}})).unwrap()["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
    let mut answered = BTreeSet::new();
    for role in [Role::Viewer, Role::Organizer, Role::Librarian] {
        let ctx = Ctx::new(db.clone(), as_role(role));
        let mut phones = 0;
        for c in commands().filter(|c| c.kind == Kind::Data) {
            if !matches!(c.access, Access::Read | Access::See(_)) || ctx.allow(c.access).is_err() {
                continue;
            }
            for args in candidate_args(c, &people) {
                if let Ok(answer) = call(&ctx, c.name, args) {
                    answered.insert(c.name);
                    if has_phone(&answer) {
                        assert_eq!(role, Role::Librarian, "{} gave {role:?} a phone", c.name);
                        phones += 1;
                    }
                }
            }
        }
        if role == Role::Librarian {
            assert!(phones > 0, "the librarian sees phones, so they were there");
        }
    }
    for carries_people in [
        "borrower",
        "get_person",
        "list_people",
        "person_record",
        "share_session_detail",
        "training_batch_detail",
        "card_labels_matching",
    ] {
        assert!(
            answered.contains(carries_people),
            "{carries_people} was never answered: {answered:?}"
        );
    }
}

#[test]
fn an_answer_to_another_computer_names_no_path_on_this_one() {
    let dir = tempfile_dir();
    let db = Arc::new(Db::open(&dir.join("shuxiang.db")).unwrap());
    shuxiang_core::backup::set_backup_dir(
        &db,
        &Actor::CommandLine,
        &dir.join("备份").display().to_string(),
    )
    .unwrap();
    let remote = Ctx::new(
        db.clone(),
        Actor::Operator {
            id: 1,
            name: "管理员".into(),
            role: Role::Admin,
            client: Some("10.0.0.8".into()),
        },
    );
    let made = call(&remote, "backup_now", Value::Null).unwrap();
    assert_eq!(made["path"], Value::Null, "{made}");
    assert!(made["bytes"].as_u64().unwrap() > 0);
    let list = call(&remote, "backups", Value::Null).unwrap();
    assert_eq!(list[0]["path"], Value::Null);
    assert!(list[0]["name"].as_str().unwrap().contains("手动"));
    let here = Ctx::new(db, as_role(Role::Admin));
    let list = call(&here, "backups", Value::Null).unwrap();
    assert!(list[0]["path"].as_str().unwrap().contains("备份"));
    let _ = std::fs::remove_dir_all(dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "shuxiang-commands-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every table's rows, in order: what a refused request must leave as it was.
fn everything(db: &Db) -> String {
    let path = tempfile_dir().join("copy.db");
    shuxiang_core::backup::backup_to(db, &path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..n {
                out.push_str(&format!("{:?}|", row.get_ref(i).unwrap()));
            }
            out.push('\n');
        }
    }
    let _ = std::fs::remove_dir_all(path.parent().unwrap());
    out
}

#[test]
fn random_calls_as_viewer_change_nothing() {
    let db = Arc::new(Db::open_in_memory().unwrap());
    call(
        &Ctx::new(db.clone(), Actor::Desktop),
        "load_demo",
        Value::Null,
    )
    .unwrap();
    let before = everything(&db);
    let viewer = Ctx::new(db.clone(), as_role(Role::Viewer));
    let names: Vec<&str> = commands().map(|c| c.name).collect();
    let mut rng = fastrand::Rng::with_seed(23);
    let values = [
        json!(1),
        json!(2),
        json!(-1),
        json!("SX00001"),
        json!(""),
        json!(null),
        json!(true),
        json!([1, 2]),
        json!({"title": "乡土中国", "name": "某人", "role": "admin", "password": "12345678aa"}),
    ];
    let keys = [
        "id", "personId", "titleId", "copyId", "code", "query", "title", "person", "operator",
        "active", "role", "name", "password", "pin", "card", "status", "note", "draft",
    ];
    for _ in 0..3000 {
        let name = if rng.u8(0..10) == 0 {
            "no_such_command"
        } else {
            names[rng.usize(..names.len())]
        };
        let mut args = serde_json::Map::new();
        for _ in 0..rng.usize(0..4) {
            args.insert(
                keys[rng.usize(..keys.len())].into(),
                values[rng.usize(..values.len())].clone(),
            );
        }
        let _ = call(&viewer, name, Value::Object(args));
    }
    assert!(
        before == everything(&db),
        "a viewer's calls changed the data"
    );
}

#[test]
fn a_reader_runs_no_command_and_a_remote_answer_names_no_path() {
    let db = std::sync::Arc::new(shuxiang_core::Db::open_in_memory().unwrap());
    let reader = Ctx::new(
        db.clone(),
        shuxiang_core::Actor::Reader {
            person_id: 1,
            name: "读者".into(),
            client: Some("192.168.1.9".into()),
        },
    );
    for name in ["list_titles", "set_reader_pin", "app_info", "inbox_counts"] {
        if let Some(c) = commands().find(|c| c.name == name) {
            assert!(reader.allow(c.access).is_err(), "{name}");
        }
    }
    let remote_admin = Ctx::new(
        db,
        shuxiang_core::Actor::Operator {
            id: 1,
            name: "管理员".into(),
            role: shuxiang_core::audit::Role::Admin,
            client: Some("192.168.1.9".into()),
        },
    );
    let answer = remote_admin.reveal(serde_json::json!({
        "folder": "/srv/书香数据/backups",
        "list": ["C:\\Users\\阅览室\\书香", "\\\\server\\share", "D62/15", "/"],
    }));
    assert_eq!(answer["folder"], serde_json::Value::Null);
    assert_eq!(
        answer["list"],
        serde_json::json!([null, null, "D62/15", "/"]),
        "a call number is no path"
    );
    assert_eq!(
        remote_admin.reveal(serde_json::json!("/tmp/x/backups")),
        serde_json::Value::Null,
        "a bare answer that is a path"
    );
}

#[test]
fn an_organizer_undoes_a_people_list_but_not_a_book_list() {
    use shuxiang_core::import::{ImportOptions, runs};
    let organizer = ctx(as_role(Role::Organizer));
    let db = organizer.db.clone();
    shuxiang_core::catalog::import_books_file(
        &db,
        &as_role(Role::Librarian),
        "书目.csv",
        "书名,作者\n乡土中国,费孝通\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    shuxiang_core::people::import_people_file(
        &db,
        &as_role(Role::Organizer),
        "代表名单.csv",
        "姓名,证号,类别\n王代表,D-01,代表\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    let made = runs::import_runs(&db).unwrap();
    let run_of = |kind: &str| made.iter().find(|r| r.kind == kind).unwrap().id;
    let books = call(&organizer, "undo_import", json!({"runId": run_of("books")})).unwrap_err();
    assert_eq!(books.code(), "forbidden", "{books}");
    let people = call(
        &organizer,
        "undo_import",
        json!({"runId": run_of("people")}),
    )
    .unwrap();
    assert_eq!(people["people_removed"], 1, "{people}");
    // A librarian's list that changed someone's phone, undone by an
    // organizer (who does not see phones): the rest goes back, the phone is
    // kept as stored, as the organizer's own edits keep it.
    let librarian = as_role(Role::Librarian);
    shuxiang_core::people::import_people_file(
        &db,
        &librarian,
        "名单.csv",
        "姓名,证号,类别,部门,电话\n李娜,C-01,职工,办公厅,13800000001\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    shuxiang_core::people::import_people_file(
        &db,
        &librarian,
        "名单（改）.csv",
        "姓名,证号,类别,部门,电话\n李娜,C-01,职工,研究室,13900000002\n".as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    let second = runs::import_runs(&db).unwrap()[0].id;
    call(&organizer, "undo_import", json!({"runId": second})).unwrap();
    let li = shuxiang_core::people::list_people(&db, &Default::default())
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.name == "李娜")
        .unwrap();
    assert_eq!(
        li.department.as_deref(),
        Some("办公厅"),
        "the rest goes back"
    );
    assert_eq!(
        li.phone.as_deref(),
        Some("13900000002"),
        "the phone is kept"
    );
    // A viewer is refused at the door.
    let viewer = Ctx::new(db, as_role(Role::Viewer));
    let e = call(&viewer, "undo_import", json!({"runId": run_of("books")})).unwrap_err();
    assert_eq!(e.code(), "forbidden", "{e}");
}
