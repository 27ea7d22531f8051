//! Reading-share sessions, venues and the calendar.

use chrono::NaiveDate;
use shuxiang_core::calendar::{self, CalendarEntry, Conflict, NewVenue, Venue};
use shuxiang_core::sharing::{
    self, DateChoice, Figures, InviteResult, InviteSelection, PresenterDraft, PreviewItem,
    SeriesCreated, SeriesDraft, SeriesSummary, Session, SessionDetail, SessionDraft, SignIn,
};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn venues(state: State<'_, AppState>) -> Result<Vec<Venue>, CommandError> {
    Ok(calendar::venues(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn create_venue(state: State<'_, AppState>, venue: NewVenue) -> Result<Venue, CommandError> {
    Ok(calendar::create_venue(
        &*state.db()?,
        &state.actor()?,
        &venue,
    )?)
}

#[tauri::command(async)]
pub fn update_venue(
    state: State<'_, AppState>,
    id: i64,
    venue: NewVenue,
) -> Result<Venue, CommandError> {
    Ok(calendar::edit_venue(
        &*state.db()?,
        &state.actor()?,
        id,
        &venue,
    )?)
}

#[tauri::command(async)]
pub fn calendar_entries(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CalendarEntry>, CommandError> {
    Ok(calendar::calendar_entries(&*state.db()?, from, to)?)
}

#[tauri::command(async)]
pub fn preview_series(
    state: State<'_, AppState>,
    draft: SeriesDraft,
    choices: Vec<DateChoice>,
) -> Result<Vec<PreviewItem>, CommandError> {
    Ok(sharing::preview_series(&*state.db()?, &draft, &choices)?)
}

#[tauri::command(async)]
pub fn create_series(
    state: State<'_, AppState>,
    draft: SeriesDraft,
    choices: Vec<DateChoice>,
) -> Result<SeriesCreated, CommandError> {
    Ok(sharing::create_series(
        &*state.db()?,
        &state.actor()?,
        &draft,
        &choices,
    )?)
}

#[tauri::command(async)]
pub fn share_series(state: State<'_, AppState>) -> Result<Vec<SeriesSummary>, CommandError> {
    Ok(sharing::series(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn share_sessions(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    series_id: Option<i64>,
) -> Result<Vec<Session>, CommandError> {
    Ok(sharing::sessions_between(
        &*state.db()?,
        from,
        to,
        series_id,
    )?)
}

#[tauri::command(async)]
pub fn share_session_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<SessionDetail, CommandError> {
    Ok(sharing::session_detail(&*state.db()?, id)?)
}

#[tauri::command(async)]
pub fn create_share_session(
    state: State<'_, AppState>,
    draft: SessionDraft,
) -> Result<Session, CommandError> {
    Ok(sharing::create_session(
        &*state.db()?,
        &state.actor()?,
        &draft,
    )?)
}

#[tauri::command(async)]
pub fn update_share_session(
    state: State<'_, AppState>,
    id: i64,
    draft: SessionDraft,
) -> Result<Session, CommandError> {
    Ok(sharing::update_session(
        &*state.db()?,
        &state.actor()?,
        id,
        &draft,
    )?)
}

#[tauri::command(async)]
pub fn share_session_conflicts(
    state: State<'_, AppState>,
    id: Option<i64>,
    draft: SessionDraft,
) -> Result<Vec<Conflict>, CommandError> {
    Ok(sharing::session_conflicts(&*state.db()?, id, &draft)?)
}

#[tauri::command(async)]
pub fn set_share_presenters(
    state: State<'_, AppState>,
    id: i64,
    presenters: Vec<PresenterDraft>,
) -> Result<SessionDetail, CommandError> {
    Ok(sharing::set_presenters(
        &*state.db()?,
        &state.actor()?,
        id,
        &presenters,
    )?)
}

#[tauri::command(async)]
pub fn share_invite(
    state: State<'_, AppState>,
    id: i64,
    selection: InviteSelection,
) -> Result<InviteResult, CommandError> {
    Ok(sharing::invite(
        &*state.db()?,
        &state.actor()?,
        id,
        &selection,
    )?)
}

#[tauri::command(async)]
pub fn share_uninvite(
    state: State<'_, AppState>,
    id: i64,
    person_id: i64,
) -> Result<SessionDetail, CommandError> {
    Ok(sharing::uninvite(
        &*state.db()?,
        &state.actor()?,
        id,
        person_id,
    )?)
}

#[tauri::command(async)]
pub fn share_sign_in_card(
    state: State<'_, AppState>,
    id: i64,
    code: String,
) -> Result<SignIn, CommandError> {
    Ok(sharing::sign_in_card(
        &*state.db()?,
        &state.actor()?,
        id,
        &code,
    )?)
}

#[tauri::command(async)]
pub fn share_tick_sign_in(
    state: State<'_, AppState>,
    id: i64,
    person_id: i64,
    present: bool,
) -> Result<SessionDetail, CommandError> {
    Ok(sharing::tick_sign_in(
        &*state.db()?,
        &state.actor()?,
        id,
        person_id,
        present,
    )?)
}

#[tauri::command(async)]
pub fn save_share_minutes(
    state: State<'_, AppState>,
    id: i64,
    minutes: String,
) -> Result<Session, CommandError> {
    Ok(sharing::save_minutes(
        &*state.db()?,
        &state.actor()?,
        id,
        &minutes,
    )?)
}

#[tauri::command(async)]
pub fn add_share_attachment(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<SessionDetail, CommandError> {
    let (id, file_name, content) = super::attached_file(&request)?;
    Ok(sharing::add_attachment(
        &*state.db()?,
        &state.actor()?,
        id,
        &file_name,
        &content,
    )?)
}

#[tauri::command(async)]
pub fn remove_share_attachment(
    state: State<'_, AppState>,
    attachment_id: i64,
) -> Result<SessionDetail, CommandError> {
    Ok(sharing::remove_attachment(
        &*state.db()?,
        &state.actor()?,
        attachment_id,
    )?)
}

#[tauri::command(async)]
pub fn save_share_attachment(
    state: State<'_, AppState>,
    attachment_id: i64,
) -> Result<String, CommandError> {
    Ok(sharing::save_attachment_for_user(
        &*state.db()?,
        attachment_id,
        &state.data_dir(),
    )?)
}

#[tauri::command(async)]
pub fn share_figures(state: State<'_, AppState>, year: i32) -> Result<Figures, CommandError> {
    Ok(sharing::figures(&*state.db()?, year)?)
}

#[tauri::command(async)]
pub fn export_sessions_ics(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(String, usize), CommandError> {
    Ok(sharing::ics::export_ics_for_user(
        &*state.db()?,
        &state.data_dir(),
        from,
        to,
    )?)
}
