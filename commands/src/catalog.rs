//! The catalogue (书目与馆藏): titles, copies, ISBN lookup, CLC classes and call numbers, barcode numbering.

use shuxiang_core::catalog::{
    self, BarcodeNumbering, CatalogQuery, Copy, NewCopies, NewTitle, Title, TitleDetail,
    clc::ClcClass,
};
use shuxiang_core::paging::Page;

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

    /// Every import, newest first, to undo one.
    read fn import_runs(ctx) -> Vec<shuxiang_core::import::runs::ImportRun> {
        shuxiang_core::import::runs::import_runs(ctx.db())
    }

    /// Undoes an import as one action, or says what blocks it. The door is
    /// the right to change people, the least an import's undo needs (an
    /// organizer undoes a people list); the core then asks for the right
    /// its kind needs — a book list's the right to change titles.
    write(Person) fn undo_import(ctx, run_id: i64) -> shuxiang_core::import::runs::UndoReport {
        shuxiang_core::import::runs::undo_import(ctx.db(), ctx.actor(), run_id)
    }

    /// Deletes a copy entered by mistake (never lent).
    write(Copy) fn delete_copy(ctx, copy_id: i64) -> () {
        catalog::delete_copy(ctx.db(), ctx.actor(), copy_id)
    }

    /// Deletes a title entered by mistake, with its copies (none ever lent).
    write(Title) fn delete_title(ctx, title_id: i64) -> () {
        catalog::delete_title(ctx.db(), ctx.actor(), title_id)
    }

    /// Moves copies to another shelf (调架), one or many.
    write(Copy) fn move_copies(ctx, copy_ids: Vec<i64>, location: String) -> usize {
        catalog::move_copies(ctx.db(), ctx.actor(), &copy_ids, &location)
    }
}
