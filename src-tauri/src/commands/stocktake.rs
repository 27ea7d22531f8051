//! Stocktaking (盘点).

use shuxiang_core::stocktake::{self, Stocktake, StocktakeReport, StocktakeScan};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn stocktakes(state: State<'_, AppState>) -> Result<Vec<Stocktake>, CommandError> {
    Ok(stocktake::stocktakes(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn shelf_locations(state: State<'_, AppState>) -> Result<Vec<(String, i64)>, CommandError> {
    Ok(stocktake::locations(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn start_stocktake(
    state: State<'_, AppState>,
    name: String,
    locations: Vec<String>,
) -> Result<Stocktake, CommandError> {
    Ok(stocktake::start_stocktake(
        &*state.db()?,
        &state.actor()?,
        &name,
        &locations,
    )?)
}

#[tauri::command(async)]
pub fn stocktake_scan(
    state: State<'_, AppState>,
    stocktake_id: i64,
    shelf: Option<String>,
    code: String,
) -> Result<StocktakeScan, CommandError> {
    Ok(stocktake::scan_copy(
        &*state.db()?,
        &state.actor()?,
        stocktake_id,
        shelf.as_deref(),
        &code,
    )?)
}

#[tauri::command(async)]
pub fn stocktake_report(
    state: State<'_, AppState>,
    stocktake_id: i64,
) -> Result<StocktakeReport, CommandError> {
    Ok(stocktake::stocktake_report(&*state.db()?, stocktake_id)?)
}

#[tauri::command(async)]
pub fn finish_stocktake(
    state: State<'_, AppState>,
    stocktake_id: i64,
    mark_missing_lost: bool,
) -> Result<StocktakeReport, CommandError> {
    Ok(stocktake::finish_stocktake(
        &*state.db()?,
        &state.actor()?,
        stocktake_id,
        mark_missing_lost,
    )?)
}

#[tauri::command(async)]
pub fn cancel_stocktake(
    state: State<'_, AppState>,
    stocktake_id: i64,
) -> Result<Stocktake, CommandError> {
    Ok(stocktake::cancel_stocktake(
        &*state.db()?,
        &state.actor()?,
        stocktake_id,
    )?)
}

#[tauri::command(async)]
pub fn export_stocktake(
    state: State<'_, AppState>,
    stocktake_id: i64,
) -> Result<String, CommandError> {
    Ok(stocktake::export_report_for_user(
        &*state.db()?,
        stocktake_id,
        &state.data_dir(),
    )?)
}
