//! Readers taking part, the staff's side (待处理): the inbox's counts,
//! sign-up opened and waiting readers decided, offers, leave, reading notes
//! and purchase suggestions decided, and reading lists (书单).

use chrono::NaiveDate;
use shuxiang_core::participation::{
    self as part, Event, EventKind, InboxCounts, LeaveRequest, LeaveStatus, Note, NoteDecision,
    NoteStatus, Offer, OfferStatus, ReadingList, ReadingListDetail, ReadingListDraft, Suggestion,
    SuggestionStatus, WaitingSignup,
};

commands! {
    read fn inbox_counts(ctx) -> InboxCounts {
        part::inbox(ctx.db())
    }

    read fn signup_events(ctx) -> Vec<Event> {
        part::events(ctx.db())
    }

    write(ShareSession) fn open_share_signup(
        ctx,
        session_id: i64,
        open: bool,
        until: Option<NaiveDate>,
        capacity: Option<i64>,
    ) -> Event {
        part::open_signup(ctx.db(), ctx.actor(), EventKind::Sharing, session_id, open, until, capacity)
    }

    write(TrainingBatch) fn open_batch_signup(
        ctx,
        batch_id: i64,
        open: bool,
        until: Option<NaiveDate>,
        capacity: Option<i64>,
    ) -> Event {
        part::open_signup(ctx.db(), ctx.actor(), EventKind::Training, batch_id, open, until, capacity)
    }

    read fn waiting_signups(ctx) -> Vec<WaitingSignup> {
        part::waiting_signups(ctx.db())
    }

    write(ShareSession) fn decide_share_waitlist(ctx, session_id: i64, person_id: i64, admit: bool) -> Event {
        part::decide_signup(ctx.db(), ctx.actor(), EventKind::Sharing, session_id, person_id, admit)
    }

    write(TrainingBatch) fn decide_batch_waitlist(ctx, batch_id: i64, person_id: i64, admit: bool) -> Event {
        part::decide_signup(ctx.db(), ctx.actor(), EventKind::Training, batch_id, person_id, admit)
    }

    read fn list_offers(ctx, status: Option<OfferStatus>) -> Vec<Offer> {
        part::list_offers(ctx.db(), status)
    }

    write(ShareOffer) fn decide_offer(ctx, id: i64, accept: bool, reason: Option<String>) -> Offer {
        part::decide_offer(ctx.db(), ctx.actor(), id, accept, reason.as_deref())
    }

    read fn list_leave(ctx, status: Option<LeaveStatus>) -> Vec<LeaveRequest> {
        part::list_leave(ctx.db(), status)
    }

    write(LeaveRequest) fn decide_leave(ctx, id: i64, approve: bool, answer: Option<String>) -> LeaveRequest {
        part::decide_leave(ctx.db(), ctx.actor(), id, approve, answer.as_deref())
    }

    read fn list_notes(ctx, status: Option<NoteStatus>) -> Vec<Note> {
        part::list_notes(ctx.db(), status)
    }

    write(ReadingNote) fn decide_note(ctx, id: i64, decision: NoteDecision) -> Note {
        part::decide_note(ctx.db(), ctx.actor(), id, &decision)
    }

    read fn list_suggestions(ctx, status: Option<SuggestionStatus>) -> Vec<Suggestion> {
        part::list_suggestions(ctx.db(), status)
    }

    write(Suggestion) fn decide_suggestion(ctx, id: i64, accept: bool, reason: Option<String>) -> Suggestion {
        part::decide_suggestion(ctx.db(), ctx.actor(), id, accept, reason.as_deref())
    }

    read fn reading_lists(ctx) -> Vec<ReadingList> {
        part::reading_lists(ctx.db(), false)
    }

    read fn reading_list(ctx, id: i64) -> ReadingListDetail {
        part::reading_list(ctx.db(), id, false)
    }

    write(ReadingList) fn create_reading_list(ctx, draft: ReadingListDraft) -> ReadingListDetail {
        part::create_reading_list(ctx.db(), ctx.actor(), &draft)
    }

    write(ReadingList) fn edit_reading_list(ctx, id: i64, draft: ReadingListDraft) -> ReadingListDetail {
        part::edit_reading_list(ctx.db(), ctx.actor(), id, &draft)
    }

    write(ReadingList) fn delete_reading_list(ctx, id: i64) -> () {
        part::delete_reading_list(ctx.db(), ctx.actor(), id)
    }
}
