//! 书香's desktop shell: builds the Tauri app around `shuxiang-core` and
//! little else. Commands live in `commands/`, one file per area.

mod backend;
mod commands;
mod error;
mod instance;
mod intranet;
mod remote;
mod state;
mod webview;

use tauri::{Builder, Manager, Runtime};

pub use error::CommandError;
pub use state::AppState;

/// Starts the desktop app, or — when it already runs on this data folder —
/// brings the running window forward and exits.
pub fn run() {
    let state = AppState::start();
    let guard = match state.home() {
        Some(home) => match instance::claim(&home.dir) {
            instance::Claim::Primary(guard) => Some(guard),
            instance::Claim::AlreadyRunning => {
                eprintln!(
                    "书香已在运行（数据文件夹 {}），已切换到它的窗口。",
                    home.dir.display()
                );
                return;
            }
        },
        None => None,
    };
    if let Some(home) = state.home() {
        shuxiang_core::about::log(
            home,
            &format!(
                "启动 书香 {}，{}；数据库：{}",
                env!("CARGO_PKG_VERSION"),
                shuxiang_core::about::os_name(),
                match state.open_db() {
                    Ok(_) => "已打开".to_owned(),
                    Err(e) => format!("未能打开：{}", e.message),
                }
            ),
        );
    }
    run_app(Builder::default(), state)
        // The window opens where it was left, at the size it was left.
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(move |app| {
            if let Some(window) = app.get_webview_window("main") {
                webview::set_up(&window);
            }
            resume_sharing(&app.state::<AppState>());
            if let Some(guard) = guard {
                let handle = app.handle().clone();
                guard.on_second_launch(move || {
                    if let Some(window) = handle.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                });
            }
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("书香无法启动窗口");
}

/// Sharing left on when the window last closed is on again (a PC restarted
/// overnight still serves the readers' pages once 书香 is open).
fn resume_sharing(state: &AppState) {
    let dir = state.data_dir();
    let Some(port) = intranet::remembered_port(&dir) else {
        return;
    };
    if state.remote().is_some() {
        return;
    }
    let started = state
        .open_db()
        .and_then(|db| state.intranet.start(db, &dir, port));
    if let (Err(e), Some(home)) = (started, state.home()) {
        shuxiang_core::about::log(
            home,
            &format!("未能恢复局域网共享（端口 {port}）：{}", e.message),
        );
    }
}

/// The app's state and commands on any builder (a test drives a mock one).
pub fn run_app<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::check_database,
            commands::app::about,
            commands::app::export_diagnostics,
            commands::app::first_run,
            commands::app::mark_welcomed,
            commands::app::set_data_dir,
            commands::backup::latest_good_backup,
            commands::session::login,
            commands::session::logout,
            commands::session::session_state,
            commands::backup::daily_backup,
            commands::backup::set_backup_folder,
            commands::backup::backup_to_file,
            commands::call,
            commands::files::export,
            commands::host_link::host_link,
            commands::host_link::probe_host,
            commands::host_link::connect_host,
            commands::host_link::disconnect_host,
            commands::host_link::host_ping,
            commands::intranet::intranet_status,
            commands::intranet::start_intranet,
            commands::intranet::stop_intranet,
            commands::intranet::install_intranet_certificate,
            commands::backup::verify_backup,
            commands::backup::restore_backup,
            commands::backup::stage_backup_file,
            commands::files::import_people,
            commands::files::import_holidays,
            commands::files::import_subscriptions,
            commands::files::import_books,
            commands::files::import_books_path,
            commands::files::add_share_attachment,
        ])
}
