//! The window's commands, one file per area; each a one-liner into the core.

pub mod app;
pub mod catalog;
pub mod circulation;
pub mod labels;
pub mod people;
pub mod reports;
pub mod sharing;
pub mod stocktake;
pub mod training;

use shuxiang_core::import::{ImportOptions, ImportProgress, ProgressSink};
use tauri::ipc::Channel;

/// What the import dialog chose, with its progress bar listening on `progress`.
pub(crate) fn import_options(
    dry_run: bool,
    skip_bad_rows: bool,
    columns: Vec<(String, String)>,
    progress: Channel<ImportProgress>,
) -> ImportOptions {
    ImportOptions {
        dry_run,
        skip_bad_rows,
        columns,
        // A closed window just stops listening: the import goes on.
        progress: Some(ProgressSink::new(move |p| {
            let _ = progress.send(p);
        })),
    }
}
