//! Learning records and figures (学习档案与报表).

use chrono::NaiveDate;
use shuxiang_core::reports::{self, AnnualReport, Dashboard, PersonRecord, UnitFigures};

commands! {
    read fn dashboard(ctx) -> Dashboard {
        reports::dashboard(ctx.db())
    }

    read fn person_record(ctx, person_id: i64, from: NaiveDate, to: NaiveDate) -> PersonRecord {
        reports::person_record(ctx.db(), person_id, from, to)
    }

    read fn unit_figures(ctx, by_group: bool, from: NaiveDate, to: NaiveDate) -> Vec<UnitFigures> {
        reports::unit_figures(ctx.db(), by_group, from, to)
    }

    read fn annual_report(ctx, year: i32) -> AnnualReport {
        reports::annual_report(ctx.db(), year)
    }
}
