//! The catalogue (书目与馆藏): titles, copies, ISBN lookup, CLC classes and call numbers, barcode numbering.

use shuxiang_core::catalog::{
    self, BarcodeNumbering, CatalogQuery, Copy, NewCopies, NewTitle, Title, TitleDetail,
    clc::ClcClass,
};
use shuxiang_core::people::Page;

commands! {
    read fn list_titles(ctx, query: CatalogQuery) -> Page<Title> {
        catalog::list_titles(ctx.db(), &query)
    }

    read fn title_detail(ctx, id: i64) -> TitleDetail {
        catalog::title_detail(ctx.db(), id)
    }

    write(Title) fn create_title(ctx, title: NewTitle, copies: NewCopies) -> Title {
        catalog::create_title(
            ctx.db(),
            ctx.actor(),
            &title,
            &copies,
        )
    }

    write(Title) fn edit_title(ctx, id: i64, title: NewTitle) -> Title {
        catalog::edit_title(
            ctx.db(),
            ctx.actor(),
            id,
            &title,
        )
    }

    write(Copy) fn add_title_copies(ctx, title_id: i64, copies: NewCopies) -> Vec<Copy> {
        catalog::add_title_copies(
            ctx.db(),
            ctx.actor(),
            title_id,
            &copies,
        )
    }

    read fn title_by_isbn(ctx, isbn: String) -> Option<Title> {
        catalog::title_by_isbn(ctx.db(), &isbn)
    }

    read fn suggest_call_number(ctx, clc: String) -> String {
        catalog::suggest_call_number(ctx.db(), &clc)
    }

    read fn class_path_of(ctx, code: String) -> Vec<ClcClass> {
        catalog::class_path_of(ctx.db(), &code)
    }

    read fn find_classes(ctx, text: String) -> Vec<ClcClass> {
        catalog::find_classes(ctx.db(), &text)
    }

    read fn copy_barcode_numbering(ctx) -> BarcodeNumbering {
        catalog::copy_barcode_numbering(ctx.db())
    }

    write(Settings) fn change_copy_barcode_numbering(ctx, numbering: BarcodeNumbering) -> BarcodeNumbering {
        catalog::change_copy_barcode_numbering(
            ctx.db(),
            ctx.actor(),
            &numbering,
        )
    }
}
