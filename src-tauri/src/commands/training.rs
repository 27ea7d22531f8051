//! Deputy training (代表履职培训).

use shuxiang_core::calendar::Conflict;
use shuxiang_core::training::{
    self, AttendanceStatus, Batch, BatchDetail, EnrolReport, EnrolSelection, GroupCoverage,
    NewBatch, NewTopic, NewTrainingSession, Proposal, Topic, TrainingRecord, TrainingSession,
    assign::Placement,
};
use tauri::State;

use crate::{AppState, CommandError};

#[tauri::command(async)]
pub fn training_topics(state: State<'_, AppState>) -> Result<Vec<Topic>, CommandError> {
    Ok(training::topics(&*state.db()?)?)
}

#[tauri::command(async)]
pub fn create_training_topic(
    state: State<'_, AppState>,
    topic: NewTopic,
) -> Result<Topic, CommandError> {
    Ok(training::create_topic(
        &*state.db()?,
        &state.actor()?,
        &topic,
    )?)
}

#[tauri::command(async)]
pub fn update_training_topic(
    state: State<'_, AppState>,
    id: i64,
    topic: NewTopic,
) -> Result<Topic, CommandError> {
    Ok(training::edit_topic(
        &*state.db()?,
        &state.actor()?,
        id,
        &topic,
    )?)
}

#[tauri::command(async)]
pub fn training_batches(
    state: State<'_, AppState>,
    topic_id: Option<i64>,
) -> Result<Vec<Batch>, CommandError> {
    Ok(training::batches(&*state.db()?, topic_id)?)
}

#[tauri::command(async)]
pub fn create_training_batch(
    state: State<'_, AppState>,
    batch: NewBatch,
) -> Result<Batch, CommandError> {
    Ok(training::create_batch(
        &*state.db()?,
        &state.actor()?,
        &batch,
    )?)
}

#[tauri::command(async)]
pub fn update_training_batch(
    state: State<'_, AppState>,
    id: i64,
    batch: NewBatch,
) -> Result<Batch, CommandError> {
    Ok(training::edit_batch(
        &*state.db()?,
        &state.actor()?,
        id,
        &batch,
    )?)
}

#[tauri::command(async)]
pub fn training_batch_detail(
    state: State<'_, AppState>,
    id: i64,
) -> Result<BatchDetail, CommandError> {
    Ok(training::batch_detail(&*state.db()?, id)?)
}

#[tauri::command(async)]
pub fn add_training_session(
    state: State<'_, AppState>,
    batch_id: i64,
    session: NewTrainingSession,
) -> Result<TrainingSession, CommandError> {
    Ok(training::add_session(
        &*state.db()?,
        &state.actor()?,
        batch_id,
        &session,
    )?)
}

#[tauri::command(async)]
pub fn update_training_session(
    state: State<'_, AppState>,
    id: i64,
    session: NewTrainingSession,
) -> Result<TrainingSession, CommandError> {
    Ok(training::edit_session(
        &*state.db()?,
        &state.actor()?,
        id,
        &session,
    )?)
}

#[tauri::command(async)]
pub fn training_session_conflicts(
    state: State<'_, AppState>,
    batch_id: i64,
    id: Option<i64>,
    session: NewTrainingSession,
) -> Result<Vec<Conflict>, CommandError> {
    Ok(training::session_conflicts(
        &*state.db()?,
        batch_id,
        id,
        &session,
    )?)
}

#[tauri::command(async)]
pub fn enrol_check(
    state: State<'_, AppState>,
    batch_id: i64,
    person_id: i64,
) -> Result<Vec<String>, CommandError> {
    Ok(training::enrol_check(&*state.db()?, batch_id, person_id)?)
}

#[tauri::command(async)]
pub fn enrol_deputies(
    state: State<'_, AppState>,
    batch_id: i64,
    selection: EnrolSelection,
) -> Result<EnrolReport, CommandError> {
    Ok(training::enrol(
        &*state.db()?,
        &state.actor()?,
        batch_id,
        &selection,
    )?)
}

#[tauri::command(async)]
pub fn enrol_from_file(
    state: State<'_, AppState>,
    batch_id: i64,
    file_name: String,
    content: Vec<u8>,
) -> Result<EnrolReport, CommandError> {
    Ok(training::enrol_from_file(
        &*state.db()?,
        &state.actor()?,
        batch_id,
        &file_name,
        &content,
    )?)
}

#[tauri::command(async)]
pub fn withdraw_enrolment(
    state: State<'_, AppState>,
    batch_id: i64,
    person_id: i64,
) -> Result<BatchDetail, CommandError> {
    Ok(training::withdraw(
        &*state.db()?,
        &state.actor()?,
        batch_id,
        person_id,
    )?)
}

#[tauri::command(async)]
pub fn propose_assignment(
    state: State<'_, AppState>,
    topic_id: i64,
    person_ids: Option<Vec<i64>>,
    pins: Vec<(i64, i64)>,
) -> Result<Proposal, CommandError> {
    Ok(training::propose(
        &*state.db()?,
        topic_id,
        person_ids.as_deref(),
        &pins,
    )?)
}

#[tauri::command(async)]
pub fn confirm_assignment(
    state: State<'_, AppState>,
    placements: Vec<Placement>,
) -> Result<EnrolReport, CommandError> {
    Ok(training::confirm(
        &*state.db()?,
        &state.actor()?,
        &placements,
    )?)
}

#[tauri::command(async)]
pub fn mark_attendance(
    state: State<'_, AppState>,
    session_id: i64,
    person_id: i64,
    status: Option<AttendanceStatus>,
) -> Result<BatchDetail, CommandError> {
    Ok(training::mark_attendance(
        &*state.db()?,
        &state.actor()?,
        session_id,
        person_id,
        status,
    )?)
}

#[tauri::command(async)]
pub fn attendance_scan(
    state: State<'_, AppState>,
    session_id: i64,
    code: String,
) -> Result<(String, BatchDetail), CommandError> {
    Ok(training::attendance_scan(
        &*state.db()?,
        &state.actor()?,
        session_id,
        &code,
    )?)
}

#[tauri::command(async)]
pub fn set_completion_percent(
    state: State<'_, AppState>,
    percent: i64,
) -> Result<i64, CommandError> {
    Ok(training::set_completion_percent(
        &*state.db()?,
        &state.actor()?,
        percent,
    )?)
}

#[tauri::command(async)]
pub fn training_coverage(
    state: State<'_, AppState>,
    year: i32,
) -> Result<Vec<GroupCoverage>, CommandError> {
    Ok(training::coverage(&*state.db()?, year)?)
}

#[tauri::command(async)]
pub fn training_history(
    state: State<'_, AppState>,
    person_id: i64,
) -> Result<Vec<TrainingRecord>, CommandError> {
    Ok(training::person_history(&*state.db()?, person_id)?)
}

#[tauri::command(async)]
pub fn export_training_batch(
    state: State<'_, AppState>,
    batch_id: i64,
) -> Result<String, CommandError> {
    Ok(training::export_batch_for_user(
        &*state.db()?,
        batch_id,
        &state.data_dir(),
    )?)
}
