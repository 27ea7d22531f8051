//! The desk (借还台): lending, returns, renewals, holds, overdue loans, loan rules, desk settings.

use shuxiang_core::catalog::{Copy, CopyStatus};
use shuxiang_core::circulation::{
    self, Borrower, CirculationSummary, DeskOutcome, DeskSettings, Hold, Loan, LoanRule,
    OverdueQuery, ReturnResult,
};

commands! {
    write(Loan) fn desk_scan(ctx, borrower: Option<i64>, code: String) -> DeskOutcome {
        circulation::desk_scan(
            ctx.db(),
            ctx.actor(),
            borrower,
            &code,
        )
    }

    read fn borrower(ctx, person_id: i64) -> Borrower {
        circulation::borrower(ctx.db(), person_id)
    }

    write(Loan) fn lend_copy(ctx, person_id: i64, copy_id: i64) -> Loan {
        circulation::lend_copy(
            ctx.db(),
            ctx.actor(),
            person_id,
            copy_id,
        )
    }

    write(Loan) fn return_copy(ctx, copy_id: i64) -> ReturnResult {
        circulation::return_copy(
            ctx.db(),
            ctx.actor(),
            copy_id,
        )
    }

    write(Loan) fn renew_loan(ctx, loan_id: i64) -> Loan {
        circulation::renew_loan(ctx.db(), ctx.actor(), loan_id)
    }

    write(Hold) fn place_hold(ctx, title_id: i64, person_id: i64) -> Hold {
        circulation::place_hold(
            ctx.db(),
            ctx.actor(),
            title_id,
            person_id,
        )
    }

    write(Hold) fn cancel_hold(ctx, hold_id: i64) -> Hold {
        circulation::cancel_hold(
            ctx.db(),
            ctx.actor(),
            hold_id,
        )
    }

    write(Hold) fn expire_holds(ctx) -> usize {
        circulation::expire_holds(ctx.db(), ctx.actor())
    }

    write(Copy) fn mark_copy(ctx, copy_id: i64, status: CopyStatus, note: String) -> Copy {
        circulation::mark_copy(
            ctx.db(),
            ctx.actor(),
            copy_id,
            status,
            &note,
        )
    }

    read fn overdue_loans(ctx, query: OverdueQuery) -> Vec<Loan> {
        circulation::overdue_loans(ctx.db(), &query)
    }

    read fn circulation_summary(ctx) -> CirculationSummary {
        circulation::circulation_summary(ctx.db())
    }

    read fn ready_holds(ctx) -> Vec<Hold> {
        circulation::ready_holds(ctx.db())
    }

    read fn title_holds(ctx, title_id: i64) -> Vec<Hold> {
        circulation::title_holds(ctx.db(), title_id)
    }

    read fn person_loans(ctx, person_id: i64, limit: u32) -> Vec<Loan> {
        circulation::person_loans(ctx.db(), person_id, limit)
    }

    read fn copy_loans(ctx, copy_id: i64, limit: u32) -> Vec<Loan> {
        circulation::copy_loans(ctx.db(), copy_id, limit)
    }

    read fn loan_rules(ctx) -> Vec<LoanRule> {
        circulation::loan_rules(ctx.db())
    }

    write(LoanRule) fn change_loan_rule(ctx, rule: LoanRule) -> LoanRule {
        circulation::change_loan_rule(
            ctx.db(),
            ctx.actor(),
            &rule,
        )
    }

    read fn desk_settings(ctx) -> DeskSettings {
        circulation::desk_settings(ctx.db())
    }

    write(Settings) fn change_desk_settings(ctx, settings: DeskSettings) -> DeskSettings {
        circulation::change_desk_settings(
            ctx.db(),
            ctx.actor(),
            &settings,
        )
    }
}
