//! Generates the permissions of the app's own commands, so the capability
//! file can grant the window exactly the commands the UI calls.

const COMMANDS: &[&str] = &[
    "app_info",
    "check_database",
    "load_demo",
    "list_people",
    "get_person",
    "create_person",
    "update_person",
    "set_person_active",
    "import_people",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
