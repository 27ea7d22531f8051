//! Stocktaking (盘点).

use shuxiang_core::stocktake::{self, Stocktake, StocktakeReport, StocktakeScan};

commands! {
    read fn stocktakes(ctx) -> Vec<Stocktake> {
        stocktake::stocktakes(ctx.db())
    }

    read fn shelf_locations(ctx) -> Vec<(String, i64)> {
        stocktake::locations(ctx.db())
    }

    write(Stocktake) fn start_stocktake(ctx, name: String, locations: Vec<String>) -> Stocktake {
        stocktake::start_stocktake(
            ctx.db(),
            ctx.actor(),
            &name,
            &locations,
        )
    }

    write(Stocktake) fn stocktake_scan(ctx, stocktake_id: i64, shelf: Option<String>, code: String) -> StocktakeScan {
        stocktake::scan_copy(
            ctx.db(),
            ctx.actor(),
            stocktake_id,
            shelf.as_deref(),
            &code,
        )
    }

    read fn stocktake_report(ctx, stocktake_id: i64) -> StocktakeReport {
        stocktake::stocktake_report(ctx.db(), stocktake_id)
    }

    write(Stocktake) fn finish_stocktake(ctx, stocktake_id: i64, mark_missing_lost: bool) -> StocktakeReport {
        stocktake::finish_stocktake(
            ctx.db(),
            ctx.actor(),
            stocktake_id,
            mark_missing_lost,
        )
    }

    write(Stocktake) fn cancel_stocktake(ctx, stocktake_id: i64) -> Stocktake {
        stocktake::cancel_stocktake(
            ctx.db(),
            ctx.actor(),
            stocktake_id,
        )
    }
}
