//! Generates the permissions of the app's own commands, so the capability
//! file can grant the window exactly the commands the UI calls.

const COMMANDS: &[&str] = &[
    "call",
    "export",
    "host_link",
    "probe_host",
    "connect_host",
    "disconnect_host",
    "host_ping",
    "app_info",
    "check_database",
    "about",
    "export_diagnostics",
    "first_run",
    "mark_welcomed",
    "set_data_dir",
    "latest_good_backup",
    "login",
    "logout",
    "session_state",
    "daily_backup",
    "set_backup_folder",
    "backup_to_file",
    "intranet_status",
    "start_intranet",
    "stop_intranet",
    "install_intranet_certificate",
    "verify_backup",
    "restore_backup",
    "stage_backup_file",
    "import_people",
    "import_holidays",
    "import_subscriptions",
    "import_books",
    "import_books_path",
    "add_share_attachment",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
