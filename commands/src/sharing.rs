//! Reading-share sessions (读书分享): series, sessions, presenters, invitations, sign-in, minutes, figures.

use chrono::NaiveDate;
use shuxiang_core::calendar::Conflict;
use shuxiang_core::sharing::{
    self, DateChoice, Figures, InviteResult, InviteSelection, PresenterDraft, PreviewItem,
    SeriesCreated, SeriesDraft, SeriesSummary, Session, SessionDetail, SessionDraft, SignIn,
};

commands! {
    read fn preview_series(ctx, draft: SeriesDraft, choices: Vec<DateChoice>) -> Vec<PreviewItem> {
        sharing::preview_series(ctx.db(), &draft, &choices)
    }

    write(ShareSeries) fn create_series(ctx, draft: SeriesDraft, choices: Vec<DateChoice>) -> SeriesCreated {
        sharing::create_series(
            ctx.db(),
            ctx.actor(),
            &draft,
            &choices,
        )
    }

    read fn share_series(ctx) -> Vec<SeriesSummary> {
        sharing::series(ctx.db())
    }

    read fn share_sessions(ctx, from: NaiveDate, to: NaiveDate, series_id: Option<i64>) -> Vec<Session> {
        sharing::sessions_between(
            ctx.db(),
            from,
            to,
            series_id,
        )
    }

    read fn share_session_detail(ctx, id: i64) -> SessionDetail {
        sharing::session_detail(ctx.db(), id)
    }

    write(ShareSession) fn create_share_session(ctx, draft: SessionDraft) -> Session {
        sharing::create_session(
            ctx.db(),
            ctx.actor(),
            &draft,
        )
    }

    write(ShareSession) fn edit_share_session(ctx, id: i64, draft: SessionDraft) -> Session {
        sharing::edit_session(
            ctx.db(),
            ctx.actor(),
            id,
            &draft,
        )
    }

    read fn share_session_conflicts(ctx, id: Option<i64>, draft: SessionDraft) -> Vec<Conflict> {
        sharing::session_conflicts(ctx.db(), id, &draft)
    }

    write(ShareSession) fn set_share_presenters(ctx, id: i64, presenters: Vec<PresenterDraft>, revision: Option<i64>) -> SessionDetail {
        sharing::set_presenters(
            ctx.db(),
            ctx.actor(),
            id,
            &presenters,
            revision,
        )
    }

    write(ShareSession) fn share_invite(ctx, id: i64, selection: InviteSelection) -> InviteResult {
        sharing::invite(
            ctx.db(),
            ctx.actor(),
            id,
            &selection,
        )
    }

    write(ShareSession) fn share_uninvite(ctx, id: i64, person_id: i64) -> SessionDetail {
        sharing::uninvite(
            ctx.db(),
            ctx.actor(),
            id,
            person_id,
        )
    }

    write(ShareSession) fn share_sign_in_card(ctx, id: i64, code: String) -> SignIn {
        sharing::sign_in_card(
            ctx.db(),
            ctx.actor(),
            id,
            &code,
        )
    }

    write(ShareSession) fn share_tick_sign_in(ctx, id: i64, person_id: i64, present: bool) -> SessionDetail {
        sharing::tick_sign_in(
            ctx.db(),
            ctx.actor(),
            id,
            person_id,
            present,
        )
    }

    write(ShareSession) fn save_share_minutes(ctx, id: i64, minutes: String, revision: Option<i64>) -> Session {
        sharing::save_minutes(
            ctx.db(),
            ctx.actor(),
            id,
            &minutes,
            revision,
        )
    }

    write(ShareSession) fn remove_share_attachment(ctx, attachment_id: i64) -> SessionDetail {
        sharing::remove_attachment(
            ctx.db(),
            ctx.actor(),
            attachment_id,
        )
    }

    read fn share_figures(ctx, year: i32) -> Figures {
        sharing::figures(ctx.db(), year)
    }
}
