//! Labels and borrower cards.

use shuxiang_core::labels::{self, CardLabel, CopyLabel, LabelSelection, PrintSetup};
use shuxiang_core::people::PeopleQuery;
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn copy_labels(
    state: State<'_, AppState>,
    selection: LabelSelection,
) -> Result<Vec<CopyLabel>, CommandError> {
    Ok(labels::copy_labels(&*state.db()?, &selection)?)
}

#[tauri::command(async)]
pub fn card_labels(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> Result<Vec<CardLabel>, CommandError> {
    Ok(labels::card_labels_matching(&*state.db()?, &query)?)
}

#[tauri::command(async)]
pub fn print_setup(state: State<'_, AppState>) -> Result<PrintSetup, CommandError> {
    Ok(labels::print_setup(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn save_print_setup(
    state: State<'_, AppState>,
    setup: PrintSetup,
) -> Result<PrintSetup, CommandError> {
    Ok(labels::save_print_setup(
        &*state.db()?,
        &state.actor()?,
        &setup,
    )?)
}
