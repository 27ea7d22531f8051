//! Deputy training (代表履职培训).

use shuxiang_core::training::{self};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn export_training_batch(
    state: State<'_, AppState>,
    batch_id: i64,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(training::export_batch_for_user(
        &*state.db()?,
        batch_id,
        &state.data_dir(),
    )?)
}
