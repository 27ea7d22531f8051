//! The year's purchases (采购): budgets, book orders, receiving lines into
//! the catalogue.

use chrono::NaiveDate;
use shuxiang_core::acquisitions::{
    self as acq, BudgetKind, BudgetStatus, Order, OrderDetail, OrderDraft, Receipt,
};
use shuxiang_core::catalog::Title;
use shuxiang_core::participation::{self as part, Suggestion};

commands! {
    read fn budgets(ctx, year: i32) -> Vec<BudgetStatus> {
        acq::budgets(ctx.db(), year)
    }

    write(Order) fn set_budget(ctx, year: i32, kind: BudgetKind, amount: String, note: Option<String>, revision: Option<i64>) -> BudgetStatus {
        acq::set_budget(ctx.db(), ctx.actor(), year, kind, &amount, note.as_deref(), revision)
    }

    read fn orders(ctx, year: i32) -> Vec<Order> {
        acq::orders(ctx.db(), year)
    }

    read fn order(ctx, id: i64) -> OrderDetail {
        acq::order(ctx.db(), id)
    }

    write(Order) fn create_order(ctx, draft: OrderDraft) -> OrderDetail {
        acq::create_order(ctx.db(), ctx.actor(), &draft)
    }

    write(Order) fn receive_order_line(ctx, line_id: i64, receipt: Receipt, on: Option<NaiveDate>) -> Title {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        acq::receive_line(ctx.db(), ctx.actor(), line_id, &receipt, on)
    }

    read fn suggestions_to_order(ctx) -> Vec<Suggestion> {
        part::suggestions_to_order(ctx.db())
    }

    write(Order) fn cancel_order_line(ctx, line_id: i64) -> OrderDetail {
        acq::cancel_line(ctx.db(), ctx.actor(), line_id)
    }
}
