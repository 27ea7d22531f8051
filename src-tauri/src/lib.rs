//! 书香's desktop shell: builds the Tauri app around `shuxiang-core` and
//! little else. Commands live in `commands/`, one file per area.

mod commands;
mod error;
mod instance;
mod intranet;
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

/// The app's state and commands on any builder (a test drives a mock one).
pub fn run_app<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    builder
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::check_database,
            commands::app::load_demo,
            commands::app::about,
            commands::app::export_diagnostics,
            commands::app::first_run,
            commands::app::mark_welcomed,
            commands::app::set_data_dir,
            commands::app::latest_good_backup,
            commands::app::set_backup_password,
            commands::app::backup_password_set,
            commands::app::login,
            commands::app::logout,
            commands::app::operators,
            commands::app::create_operator,
            commands::app::edit_operator,
            commands::app::reset_operator_password,
            commands::app::audit_log,
            commands::app::audit_actors,
            commands::app::export_audit,
            commands::app::backups,
            commands::app::backup_folder,
            commands::app::set_backup_folder,
            commands::app::backup_now,
            commands::app::backup_to_file,
            commands::app::daily_backup,
            commands::intranet::intranet_status,
            commands::intranet::start_intranet,
            commands::intranet::stop_intranet,
            commands::app::verify_backup,
            commands::app::restore_backup,
            commands::app::clear_all_data,
            commands::people::list_people,
            commands::people::get_person,
            commands::people::create_person,
            commands::people::update_person,
            commands::people::set_person_active,
            commands::people::set_reader_pin,
            commands::people::import_people,
            commands::catalog::list_titles,
            commands::catalog::title_detail,
            commands::catalog::create_title,
            commands::catalog::update_title,
            commands::catalog::add_copies,
            commands::catalog::title_by_isbn,
            commands::catalog::suggest_call_number,
            commands::catalog::class_path,
            commands::catalog::find_classes,
            commands::catalog::import_books,
            commands::catalog::import_books_path,
            commands::catalog::export_books,
            commands::catalog::copy_barcode_numbering,
            commands::catalog::change_copy_barcode_numbering,
            commands::circulation::desk_scan,
            commands::circulation::borrower,
            commands::circulation::lend_copy,
            commands::circulation::return_copy,
            commands::circulation::renew_loan,
            commands::circulation::place_hold,
            commands::circulation::cancel_hold,
            commands::circulation::expire_holds,
            commands::circulation::mark_copy,
            commands::circulation::overdue_loans,
            commands::circulation::circulation_summary,
            commands::circulation::ready_holds,
            commands::circulation::title_holds,
            commands::circulation::person_loans,
            commands::circulation::copy_loans,
            commands::circulation::loan_rules,
            commands::circulation::change_loan_rule,
            commands::circulation::desk_settings,
            commands::circulation::change_desk_settings,
            commands::circulation::open_days,
            commands::circulation::change_closed_weekdays,
            commands::circulation::save_calendar_day,
            commands::circulation::remove_calendar_day,
            commands::stocktake::stocktakes,
            commands::stocktake::shelf_locations,
            commands::stocktake::start_stocktake,
            commands::stocktake::stocktake_scan,
            commands::stocktake::stocktake_report,
            commands::stocktake::finish_stocktake,
            commands::stocktake::cancel_stocktake,
            commands::stocktake::export_stocktake,
            commands::labels::copy_labels,
            commands::labels::card_labels,
            commands::labels::print_setup,
            commands::labels::save_print_setup,
            commands::sharing::venues,
            commands::sharing::create_venue,
            commands::sharing::update_venue,
            commands::sharing::calendar_entries,
            commands::sharing::preview_series,
            commands::sharing::create_series,
            commands::sharing::share_series,
            commands::sharing::share_sessions,
            commands::sharing::share_session_detail,
            commands::sharing::create_share_session,
            commands::sharing::update_share_session,
            commands::sharing::share_session_conflicts,
            commands::sharing::set_share_presenters,
            commands::sharing::share_invite,
            commands::sharing::share_uninvite,
            commands::sharing::share_sign_in_card,
            commands::sharing::share_tick_sign_in,
            commands::sharing::save_share_minutes,
            commands::sharing::add_share_attachment,
            commands::sharing::remove_share_attachment,
            commands::sharing::save_share_attachment,
            commands::sharing::share_figures,
            commands::sharing::export_sessions_ics,
            commands::training::training_topics,
            commands::training::create_training_topic,
            commands::training::update_training_topic,
            commands::training::training_batches,
            commands::training::create_training_batch,
            commands::training::update_training_batch,
            commands::training::training_batch_detail,
            commands::training::add_training_session,
            commands::training::update_training_session,
            commands::training::training_session_conflicts,
            commands::training::enrol_check,
            commands::training::enrol_deputies,
            commands::training::enrol_from_file,
            commands::training::withdraw_enrolment,
            commands::training::propose_assignment,
            commands::training::confirm_assignment,
            commands::training::mark_attendance,
            commands::training::attendance_scan,
            commands::training::set_completion_percent,
            commands::training::training_coverage,
            commands::training::training_history,
            commands::training::export_training_batch,
            commands::reports::dashboard,
            commands::reports::person_record,
            commands::reports::unit_figures,
            commands::reports::annual_report,
            commands::reports::export_person_record,
            commands::reports::export_unit_figures,
            commands::reports::export_annual_report,
        ])
}
