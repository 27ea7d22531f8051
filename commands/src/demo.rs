//! Demo data for a first look at the whole app.

use shuxiang_core::demo::{self, DemoOptions, DemoReport};

commands! {
    write(Database) fn load_demo(ctx) -> DemoReport {
        demo::load_demo(
            ctx.db(),
            ctx.actor(),
            DemoOptions::default(),
        )
    }
}
