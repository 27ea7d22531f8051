//! People (人员).

use shuxiang_core::import::ImportReport;
use shuxiang_core::people::{self, NewPerson, Page, PeopleQuery, Person};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn list_people(
    state: State<'_, AppState>,
    query: PeopleQuery,
) -> Result<Page<Person>, CommandError> {
    Ok(people::search_people_as(
        &*state.db()?,
        &state.actor()?,
        &query,
    )?)
}

#[tauri::command(async)]
pub fn get_person(state: State<'_, AppState>, id: i64) -> Result<Person, CommandError> {
    Ok(people::person_as(&*state.db()?, &state.actor()?, id)?)
}

#[tauri::command(async)]
pub fn create_person(
    state: State<'_, AppState>,
    person: NewPerson,
) -> Result<Person, CommandError> {
    Ok(people::create_person(
        &*state.db()?,
        &state.actor()?,
        &person,
    )?)
}

#[tauri::command(async)]
pub fn update_person(
    state: State<'_, AppState>,
    id: i64,
    person: NewPerson,
) -> Result<Person, CommandError> {
    Ok(people::edit_person(
        &*state.db()?,
        &state.actor()?,
        id,
        &person,
    )?)
}

#[tauri::command(async)]
pub fn set_reader_pin(
    state: State<'_, AppState>,
    card: String,
    pin: String,
) -> Result<Person, CommandError> {
    Ok(people::set_pin(
        &*state.db()?,
        &state.actor()?,
        &card,
        &pin,
    )?)
}

#[tauri::command(async)]
pub fn set_person_active(
    state: State<'_, AppState>,
    id: i64,
    active: bool,
) -> Result<Person, CommandError> {
    Ok(people::deactivate_person(
        &*state.db()?,
        &state.actor()?,
        id,
        active,
    )?)
}

#[tauri::command(async)]
pub fn import_people<R: tauri::Runtime>(
    state: State<'_, AppState>,
    webview: tauri::Webview<R>,
    request: tauri::ipc::Request<'_>,
) -> Result<ImportReport, CommandError> {
    let file = super::dropped_file(webview, &request)?;
    Ok(people::import_people_file(
        &*state.db()?,
        &state.actor()?,
        &file.name,
        &file.content,
        file.options,
    )?)
}
