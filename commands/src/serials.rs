//! The periodicals room (报刊): subscriptions, their issues, check-in,
//! the late list, claims, binding, and next year's 征订单.

use chrono::NaiveDate;
use shuxiang_core::serials::routing::{self, Leg, RoutingList, Stop};
use shuxiang_core::serials::{
    self, Added, Bound, DueIssue, Issue, LateIssue, Received, RenewalList, Renewed, SerialDraft,
    SerialFigures, Subscription, SubscriptionDraft,
};

commands! {
    read fn subscriptions(ctx, year: i32) -> Vec<Subscription> {
        serials::subscriptions(ctx.db(), year)
    }

    read fn subscription_issues(ctx, subscription_id: i64) -> Vec<Issue> {
        serials::issues(ctx.db(), subscription_id)
    }

    write(Serial) fn add_subscription(ctx, serial: SerialDraft, draft: SubscriptionDraft) -> Added {
        serials::add_subscription(ctx.db(), ctx.actor(), &serial, &draft)
    }

    write(Serial) fn edit_subscription(ctx, id: i64, draft: SubscriptionDraft) -> Subscription {
        serials::edit_subscription(ctx.db(), ctx.actor(), id, &draft)
    }

    write(Serial) fn set_subscription_stopped(ctx, id: i64, stopped: bool) -> Subscription {
        serials::set_subscription_stopped(ctx.db(), ctx.actor(), id, stopped)
    }

    write(Serial) fn receive_issue(ctx, code: String, on: Option<NaiveDate>, copies: Option<i64>) -> Received {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        serials::receive(ctx.db(), ctx.actor(), &code, on, copies)
    }

    read fn due_issues(ctx, on: Option<NaiveDate>, days: Option<u64>) -> Vec<DueIssue> {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        serials::due_issues(ctx.db(), on, days.unwrap_or(7).min(366))
    }

    read fn late_issues(ctx, on: Option<NaiveDate>) -> Vec<LateIssue> {
        serials::late(ctx.db(), on.unwrap_or_else(|| ctx.db().clock().today()))
    }

    write(Serial) fn claim_issues(ctx, issue_ids: Vec<i64>, on: Option<NaiveDate>) -> usize {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        serials::claim(ctx.db(), ctx.actor(), &issue_ids, on)
    }

    write(Serial) fn mark_issue_missing(ctx, issue_id: i64) -> Issue {
        serials::mark_missing(ctx.db(), ctx.actor(), issue_id)
    }

    write(Serial) fn bind_issues(ctx, subscription_id: i64, from: u32, to: u32) -> Bound {
        serials::bind(ctx.db(), ctx.actor(), subscription_id, from, to)
    }

    write(Serial) fn add_issue(ctx, subscription_id: i64, published_on: NaiveDate, supplement: bool) -> Issue {
        serials::add_issue(ctx.db(), ctx.actor(), subscription_id, published_on, supplement)
    }

    read fn renewal_list(ctx, year: i32) -> RenewalList {
        serials::renewal_list(ctx.db(), year)
    }

    read fn routing_list(ctx, title_id: i64) -> RoutingList {
        routing::routing(ctx.db(), title_id)
    }

    write(Serial) fn set_routing_list(ctx, title_id: i64, stops: Vec<Stop>, revision: Option<i64>) -> RoutingList {
        routing::set_routing(ctx.db(), ctx.actor(), title_id, &stops, revision)
    }

    write(Serial) fn start_routing(ctx, issue_id: i64, on: Option<NaiveDate>) -> Vec<Leg> {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        routing::start_routing(ctx.db(), ctx.actor(), issue_id, on)
    }

    write(Serial) fn pass_routing_on(ctx, issue_id: i64, on: Option<NaiveDate>) -> Vec<Leg> {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        routing::pass_on(ctx.db(), ctx.actor(), issue_id, on)
    }

    read fn overdue_routing(ctx, on: Option<NaiveDate>) -> Vec<Leg> {
        routing::overdue_routing(ctx.db(), on.unwrap_or_else(|| ctx.db().clock().today()))
    }

    read fn issue_routing(ctx, issue_id: i64) -> Vec<Leg> {
        routing::issue_routing(ctx.db(), issue_id)
    }

    write(Serial) fn confirm_renewal(ctx, year: i32) -> Renewed {
        serials::confirm_renewal(ctx.db(), ctx.actor(), year)
    }

    read fn serial_figures(ctx, year: i32) -> SerialFigures {
        let until = ctx.db().clock().today();
        serials::serial_figures(ctx.db(), year, until)
    }
}
