//! The command layer by name, as both transports call it.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde_json::json;
use shuxiang_core::audit::Role;
use shuxiang_core::{Actor, Db};

use super::*;

fn ctx(actor: Actor) -> Ctx {
    Ctx::new(Arc::new(Db::open_in_memory().unwrap()), actor)
}

fn organizer() -> Actor {
    Actor::Operator {
        id: 1,
        name: "组织者".into(),
        role: Role::Organizer,
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
        "add_copies",
        json!({"titleId": id, "copies": {"barcodes": ["SX2"]}}),
    )
    .unwrap();
    assert_eq!(copies.as_array().unwrap().len(), 1);
    let page = call(&ctx, "list_titles", json!({"query": {"text": "xtzg"}})).unwrap();
    assert_eq!(page["items"][0]["title"], "乡土中国");
    assert_eq!(page["items"][0]["copies"], 2);
    // No arguments at all is the same as none given.
    assert!(call(&ctx, "loan_rules", serde_json::Value::Null).is_ok());
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
    let e = call(&ctx, "title_detail", json!({})).unwrap_err();
    assert_eq!(e.code(), "invalid", "a missing argument: {e}");
}

#[test]
fn the_actor_of_the_context_is_the_one_the_core_checks() {
    let ctx = ctx(organizer());
    let e = call(
        &ctx,
        "create_title",
        json!({"title": {"title": "乡土中国"}, "copies": {}}),
    )
    .unwrap_err();
    assert_eq!(e.code(), "forbidden", "{e}");
    assert!(
        e.to_string().contains("组织者") || e.to_string().contains("角色"),
        "{e}"
    );
    // What the organizer's role allows goes through, under their name.
    call(
        &ctx,
        "create_venue",
        json!({"venue": {"name": "三楼会议室", "capacity": 40}}),
    )
    .unwrap();
    let log = call(&ctx, "audit_log", json!({"query": {}})).unwrap();
    assert_eq!(log["items"][0]["actor_name"], "组织者");
}

#[test]
fn every_command_has_one_name() {
    let all: Vec<_> = names().collect();
    let unique: BTreeSet<_> = all.iter().collect();
    assert_eq!(all.len(), unique.len(), "a name defined twice");
    assert!(all.len() > 100, "{}", all.len());
}

/// The UI's one bridge file: each command it names is one of the command
/// layer's, one of its exports (EXPORT_COMMANDS, through the shell's
/// `export`), or one the window answers itself (WINDOW_COMMANDS, exactly the
/// shell's own commands besides `call` and `export`).
#[test]
fn every_command_the_ui_calls_exists_on_one_side() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = std::fs::read_to_string(root.join("ui/api.js")).unwrap();
    let build = std::fs::read_to_string(root.join("src-tauri/build.rs")).unwrap();
    let quoted = |text: &str, open: &str| -> BTreeSet<String> {
        text.split(open)
            .skip(1)
            .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name.to_owned()))
            .collect()
    };
    let called = quoted(&api, "call('");
    let window_block = api
        .split("WINDOW_COMMANDS = new Set([")
        .nth(1)
        .and_then(|rest| rest.split("]);").next())
        .unwrap();
    let window: BTreeSet<String> = window_block
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let shell: BTreeSet<String> = build
        .split("const COMMANDS")
        .nth(1)
        .and_then(|rest| rest.split("];").next())
        .unwrap()
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|n| *n != "call" && *n != "export")
        .map(str::to_owned)
        .collect();
    let export_block = api
        .split("EXPORT_COMMANDS = new Set([")
        .nth(1)
        .and_then(|rest| rest.split("]);").next())
        .unwrap();
    let exports: BTreeSet<String> = export_block
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    let known: BTreeSet<String> = files::EXPORTS.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        exports, known,
        "EXPORT_COMMANDS and the command layer's exports differ"
    );
    assert_eq!(
        window, shell,
        "WINDOW_COMMANDS and the shell's commands differ"
    );
    let layer: BTreeSet<String> = names().map(str::to_owned).collect();
    for name in &called {
        assert!(
            layer.contains(name) || window.contains(name) || exports.contains(name),
            "api.js calls {name}, which nothing answers"
        );
    }
    assert!(
        layer.is_disjoint(&window),
        "a command on both sides: {:?}",
        layer.intersection(&window).collect::<Vec<_>>()
    );
}
