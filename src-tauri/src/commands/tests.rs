//! One table of commands, and every list that names them kept to it: the
//! shell's `generate_handler!`, `build.rs`, the window's capability and the
//! UI's `ui/commands.gen.js` (written from the table; stale is a failure).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use shuxiang_commands::{Access, Kind};

use super::WINDOW;

/// The shell's own Tauri commands: the two doors into the command layer,
/// the window commands, and the imports (a file's bytes as the body).
fn shell_commands() -> impl Iterator<Item = &'static str> {
    ["call", "export"]
        .into_iter()
        .chain(WINDOW.iter().map(|c| c.name))
        .chain(shuxiang_commands::files::IMPORTS.iter().map(|c| c.name))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// The text between `open` and the next `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> &'a str {
    let rest = text.split_once(open).unwrap_or_else(|| panic!("{open}")).1;
    rest.split_once(close).unwrap().0
}

fn shell() -> BTreeSet<String> {
    shell_commands().map(str::to_owned).collect()
}

#[test]
fn the_handler_the_build_and_the_capability_name_the_shells_commands() {
    let lib = read("src-tauri/src/lib.rs");
    let handler: BTreeSet<String> = between(&lib, "generate_handler![", "]")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| p.rsplit("::").next().unwrap().to_owned())
        .collect();
    assert_eq!(
        handler,
        shell(),
        "generate_handler! in src-tauri/src/lib.rs"
    );

    let build = read("src-tauri/build.rs");
    let built: BTreeSet<String> = between(&build, "const COMMANDS: &[&str] = &[", "];")
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    assert_eq!(built, shell(), "COMMANDS in src-tauri/build.rs");

    let capability: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .unwrap()
                .strip_prefix("allow-")
                .unwrap()
                .replace('-', "_")
        })
        .collect();
    assert_eq!(
        granted,
        shell(),
        "the permissions of capabilities/main.json"
    );
}

#[test]
fn no_command_is_both_the_layers_and_the_windows() {
    let layer: BTreeSet<&str> = shuxiang_commands::commands().map(|c| c.name).collect();
    for c in WINDOW {
        assert!(!layer.contains(c.name), "{} on both sides", c.name);
    }
}

/// What `ui/commands.gen.js` holds: every command the UI may call, by name,
/// with how it travels, its arguments as the UI sends them and its access.
fn generated() -> String {
    let mut table = BTreeMap::new();
    for c in shuxiang_commands::commands().chain(WINDOW.iter()) {
        let access = match c.access {
            Access::Open => "open".to_owned(),
            Access::Read => "read".to_owned(),
            Access::See(e) => format!("see:{}", e.code()),
            Access::Write(e) => format!("write:{}", e.code()),
        };
        let kind = match c.kind {
            Kind::Data => "data",
            Kind::Export => "export",
            Kind::Import => "import",
            Kind::Window => "window",
        };
        table.insert(
            c.name,
            serde_json::json!({ "kind": kind, "args": c.js_args(), "access": access }),
        );
    }
    let mut out = String::from(
        "// Generated from the command table (commands/src/*.rs and WINDOW in\n\
         // src-tauri/src/commands/mod.rs) by the test `commands_gen_is_current`:\n\
         //   SHUXIANG_BLESS=1 cargo test -p shuxiang-desktop --lib gen_is_current\n\
         // CI fails when it is stale. Do not edit by hand.\n\n\
         export const COMMANDS = Object.freeze({\n",
    );
    for (name, spec) in table {
        out.push_str(&format!("  {name}: {spec},\n"));
    }
    out.push_str("});\n");
    out
}

#[test]
fn commands_gen_is_current() {
    let path = root().join("ui/commands.gen.js");
    let want = generated();
    if std::env::var_os("SHUXIANG_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/commands.gen.js is stale: run SHUXIANG_BLESS=1 cargo test -p shuxiang-desktop --lib gen_is_current"
    );
}

/// The vocabulary the UI's unit tests read (`ui/test/vocabulary.gen.json`),
/// the core's own words on a fixed day; stale is a failure, as above.
#[test]
fn vocabulary_gen_is_current() {
    let path = root().join("ui/test/vocabulary.gen.json");
    let day = shuxiang_core::Clock::Fixed("2026-12-07T02:00:00Z".parse().unwrap());
    let want =
        serde_json::to_string_pretty(&shuxiang_core::vocabulary::vocabulary(&day)).unwrap() + "\n";
    if std::env::var_os("SHUXIANG_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/test/vocabulary.gen.json is stale: run SHUXIANG_BLESS=1 cargo test -p shuxiang-desktop --lib gen_is_current"
    );
}
