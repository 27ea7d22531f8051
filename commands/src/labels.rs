//! Labels (标签): spine and barcode labels, library cards, the printer setup.

use shuxiang_core::labels::{self, CardLabel, CopyLabel, LabelSelection, PrintSetup};
use shuxiang_core::people::PeopleQuery;

commands! {
    read fn copy_labels(ctx, selection: LabelSelection) -> Vec<CopyLabel> {
        labels::copy_labels(ctx.db(), &selection)
    }

    read fn card_labels_matching(ctx, query: PeopleQuery) -> Vec<CardLabel> {
        labels::card_labels_matching(ctx.db(), &query)
    }

    read fn print_setup(ctx) -> PrintSetup {
        labels::print_setup(ctx.db())
    }

    write(Labels) fn save_print_setup(ctx, setup: PrintSetup) -> PrintSetup {
        labels::save_print_setup(
            ctx.db(),
            ctx.actor(),
            &setup,
        )
    }
}
