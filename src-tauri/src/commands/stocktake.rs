//! Stocktaking (盘点).

use shuxiang_core::stocktake;
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn export_stocktake(
    state: State<'_, AppState>,
    stocktake_id: i64,
) -> Result<String, CommandError> {
    state.local_only()?;
    Ok(stocktake::export_report_for_user(
        &*state.db()?,
        stocktake_id,
        &state.data_dir(),
    )?)
}
