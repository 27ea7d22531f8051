//! Deputies' training (代表履职培训): topics, batches, sessions, enrolment, assignment, attendance, coverage.

use shuxiang_core::calendar::Conflict;
use shuxiang_core::training::{
    self, AttendanceStatus, Batch, BatchDetail, EnrolReport, EnrolSelection, GroupCoverage,
    NewBatch, NewTopic, NewTrainingSession, Proposal, Topic, TrainingRecord, TrainingSession,
    assign::Placement,
};

commands! {
    read fn training_topics(ctx) -> Vec<Topic> {
        training::topics(ctx.db())
    }

    write(TrainingTopic) fn create_training_topic(ctx, topic: NewTopic) -> Topic {
        training::create_topic(
            ctx.db(),
            ctx.actor(),
            &topic,
        )
    }

    write(TrainingTopic) fn edit_training_topic(ctx, id: i64, topic: NewTopic) -> Topic {
        training::edit_topic(
            ctx.db(),
            ctx.actor(),
            id,
            &topic,
        )
    }

    read fn training_batches(ctx, topic_id: Option<i64>) -> Vec<Batch> {
        training::batches(ctx.db(), topic_id)
    }

    write(TrainingBatch) fn create_training_batch(ctx, batch: NewBatch) -> Batch {
        training::create_batch(
            ctx.db(),
            ctx.actor(),
            &batch,
        )
    }

    write(TrainingBatch) fn edit_training_batch(ctx, id: i64, batch: NewBatch) -> Batch {
        training::edit_batch(
            ctx.db(),
            ctx.actor(),
            id,
            &batch,
        )
    }

    read fn training_batch_detail(ctx, id: i64) -> BatchDetail {
        training::batch_detail(ctx.db(), id)
    }

    write(TrainingSession) fn add_training_session(ctx, batch_id: i64, session: NewTrainingSession) -> TrainingSession {
        training::add_session(
            ctx.db(),
            ctx.actor(),
            batch_id,
            &session,
        )
    }

    write(TrainingSession) fn edit_training_session(ctx, id: i64, session: NewTrainingSession) -> TrainingSession {
        training::edit_session(
            ctx.db(),
            ctx.actor(),
            id,
            &session,
        )
    }

    read fn training_session_conflicts(ctx, batch_id: i64, id: Option<i64>, session: NewTrainingSession) -> Vec<Conflict> {
        training::session_conflicts(
            ctx.db(),
            batch_id,
            id,
            &session,
        )
    }

    read fn enrol_check(ctx, batch_id: i64, person_id: i64) -> Vec<String> {
        training::enrol_check(ctx.db(), batch_id, person_id)
    }

    write(TrainingBatch) fn enrol_deputies(ctx, batch_id: i64, selection: EnrolSelection) -> EnrolReport {
        training::enrol(
            ctx.db(),
            ctx.actor(),
            batch_id,
            &selection,
        )
    }

    write(TrainingBatch) fn enrol_from_file(ctx, batch_id: i64, file_name: String, content: Vec<u8>) -> EnrolReport {
        training::enrol_from_file(
            ctx.db(),
            ctx.actor(),
            batch_id,
            &file_name,
            &content,
        )
    }

    write(TrainingBatch) fn withdraw_enrolment(ctx, batch_id: i64, person_id: i64) -> BatchDetail {
        training::withdraw(
            ctx.db(),
            ctx.actor(),
            batch_id,
            person_id,
        )
    }

    read fn propose_assignment(ctx, topic_id: i64, person_ids: Option<Vec<i64>>, pins: Vec<(i64, i64)>) -> Proposal {
        training::propose(
            ctx.db(),
            topic_id,
            person_ids.as_deref(),
            &pins,
        )
    }

    write(TrainingBatch) fn confirm_assignment(ctx, placements: Vec<Placement>) -> EnrolReport {
        training::confirm(
            ctx.db(),
            ctx.actor(),
            &placements,
        )
    }

    write(TrainingSession) fn mark_attendance(ctx, session_id: i64, person_id: i64, status: Option<AttendanceStatus>) -> BatchDetail {
        training::mark_attendance(
            ctx.db(),
            ctx.actor(),
            session_id,
            person_id,
            status,
        )
    }

    write(TrainingSession) fn attendance_scan(ctx, session_id: i64, code: String) -> (String, BatchDetail) {
        training::attendance_scan(
            ctx.db(),
            ctx.actor(),
            session_id,
            &code,
        )
    }

    write(Training) fn set_completion_percent(ctx, percent: i64) -> i64 {
        training::set_completion_percent(
            ctx.db(),
            ctx.actor(),
            percent,
        )
    }

    read fn training_coverage(ctx, year: i32) -> Vec<GroupCoverage> {
        training::coverage(ctx.db(), year)
    }

    read fn training_history(ctx, person_id: i64) -> Vec<TrainingRecord> {
        training::person_history(ctx.db(), person_id)
    }

    /// Closes a batch (its results final, unheld sessions named in the log)
    /// or opens it again.
    write(TrainingBatch) fn set_batch_closed(ctx, batch_id: i64, closed: bool) -> BatchDetail {
        training::set_batch_closed(ctx.db(), ctx.actor(), batch_id, closed)
    }
}
