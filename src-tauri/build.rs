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
    "list_titles",
    "title_detail",
    "create_title",
    "update_title",
    "add_copies",
    "title_by_isbn",
    "suggest_call_number",
    "class_path",
    "find_classes",
    "import_books",
    "import_books_path",
    "export_books",
    "copy_barcode_numbering",
    "change_copy_barcode_numbering",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
