//! The catalogue (书目与馆藏): titles — bibliographic records with ISBN, CLC
//! class and call number — and their copies (册), each with a unique barcode,
//! a shelf location and a status. What the fields may hold is `fields`; the
//! SQL, search included, is `store`; CLC is `clc`.

pub mod clc;
mod copies;
mod export;
mod fields;
mod files;
mod import;
pub mod isbn;
pub mod marc;
mod mistakes;
mod store;

pub use crate::text::guard_cell;
pub(crate) use copies::insert_copies;
pub use copies::{
    BarcodeNumbering, MAX_COPIES_AT_ONCE, add_copies, barcode_numbering, find_copy_by_barcode,
    set_barcode_numbering,
};
pub(crate) use copies::{get_copy, list_copies_by_title, set_copy_status};
pub use export::{ExportFormat, ExportReport, export_books};
pub(crate) use fields::ValidTitle;
pub use fields::{form_limits, normalize_barcode, normalize_clc};
pub use files::{BookFileFormat, read_book_file, read_book_path};
pub use import::{BOOK_FIELDS, import_books};
pub use isbn::{Isbn, IsbnRead};
pub use mistakes::{delete_copy, delete_title, move_copies};
pub(crate) use store::copies::describe_copy;
pub(crate) use store::search::titles_matching;
pub use store::search::{CatalogQuery, TitleSort};
pub(crate) use store::search::{search_titles, search_titles_first, search_titles_page};
pub(crate) use store::{find_title_by_isbn, get_title, match_part, next_call_sequence};
pub(crate) use store::{
    insert_title, insert_title_unindexed, remove_title_row, titles_added, update_title,
};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::paging::Page;

/// Where a copy is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopyStatus {
    /// 在架
    OnShelf,
    /// 借出
    OnLoan,
    /// 修补
    Repair,
    /// 遗失
    Lost,
    /// 剔除
    Withdrawn,
}

impl CopyStatus {
    /// Every status, in the order lists offer them.
    pub const ALL: [CopyStatus; 5] = [
        CopyStatus::OnShelf,
        CopyStatus::OnLoan,
        CopyStatus::Repair,
        CopyStatus::Lost,
        CopyStatus::Withdrawn,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            CopyStatus::OnShelf => "on_shelf",
            CopyStatus::OnLoan => "on_loan",
            CopyStatus::Repair => "repair",
            CopyStatus::Lost => "lost",
            CopyStatus::Withdrawn => "withdrawn",
        }
    }

    /// The Chinese word librarians use.
    pub fn label(self) -> &'static str {
        match self {
            CopyStatus::OnShelf => "在架",
            CopyStatus::OnLoan => "借出",
            CopyStatus::Repair => "修补",
            CopyStatus::Lost => "遗失",
            CopyStatus::Withdrawn => "剔除",
        }
    }

    pub fn from_code(code: &str) -> CopyStatus {
        match code {
            "on_loan" => CopyStatus::OnLoan,
            "repair" => CopyStatus::Repair,
            "lost" => CopyStatus::Lost,
            "withdrawn" => CopyStatus::Withdrawn,
            _ => CopyStatus::OnShelf,
        }
    }
}

/// A title as entered in a form or an import row.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewTitle {
    /// The revision the edit form showed; an older one than stored is
    /// refused. `None` (a new title, an import, the command line) is not checked.
    pub revision: Option<i64>,
    pub isbn: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub edition: Option<String>,
    pub clc: Option<String>,
    pub call_number: Option<String>,
    pub subjects: Option<String>,
    pub summary: Option<String>,
    pub price: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// 其他题名: the romanised form of a title in its own script, or a
    /// parallel title; searchable.
    pub alt_title: Option<String>,
}

/// A stored title, with how many copies it has and how many are on the shelf.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Title {
    pub id: i64,
    pub isbn: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub edition: Option<String>,
    pub clc: Option<String>,
    pub call_number: Option<String>,
    pub subjects: Option<String>,
    pub summary: Option<String>,
    pub price: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// 其他题名 (see [`NewTitle::alt_title`]).
    pub alt_title: Option<String>,
    pub copies: i64,
    pub available: i64,
    pub created_at: String,
    pub updated_at: String,
    /// Raised by each edit; an edit form sends back the one it showed.
    pub revision: i64,
}

/// A stored copy (册).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Copy {
    pub id: i64,
    pub title_id: i64,
    pub barcode: String,
    pub location: Option<String>,
    pub status: CopyStatus,
    pub acquired_on: Option<String>,
    pub note: Option<String>,
    /// What part of the title it is: a bound volume's issues (2026年第1-24期).
    pub volume: Option<String>,
}

/// Copies to add to a title: given barcodes (scanned or typed), and as many
/// more generated from the configured prefix and sequence as `count` asks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewCopies {
    pub count: u32,
    pub barcodes: Vec<String>,
    pub location: Option<String>,
    pub acquired_on: Option<String>,
}

/// A new title and its first copies, as one action.
pub fn create_title(db: &Db, actor: &Actor, new: &NewTitle, copies: &NewCopies) -> Result<Title> {
    db.write(actor, |tx| {
        let id = insert_title(tx, &new.validate()?)?;
        add_copies(tx, id, copies)?;
        get_title(tx, id)
    })
}

/// Changes a title's fields, as one action.
pub fn edit_title(db: &Db, actor: &Actor, id: i64, new: &NewTitle) -> Result<Title> {
    db.write(actor, |tx| {
        let stored = get_title(tx, id)?;
        crate::error::check_revision(stored.revision, new.revision)?;
        update_title(tx, id, &new.validate_edit(Some(&stored))?)?;
        get_title(tx, id)
    })
}

/// Adds copies to an existing title (e.g. a scanned ISBN that is already
/// catalogued), as one action.
pub fn add_title_copies(
    db: &Db,
    actor: &Actor,
    title_id: i64,
    copies: &NewCopies,
) -> Result<Vec<Copy>> {
    db.write(actor, |tx| add_copies(tx, title_id, copies))
}

/// One title with its copies.
#[derive(Debug, Clone, Serialize)]
pub struct TitleDetail {
    pub title: Title,
    pub copies: Vec<Copy>,
    /// The CLC class path, broadest first: D 政治、法律 › D6 中国政治.
    pub class_path: Vec<clc::ClcClass>,
}

/// A title, its copies and its class path.
pub fn title_detail(db: &Db, id: i64) -> Result<TitleDetail> {
    db.read(|tx| {
        let title = get_title(tx, id)?;
        let class_path = match &title.clc {
            Some(code) => clc::class_path(tx, code)?,
            None => Vec::new(),
        };
        Ok(TitleDetail {
            copies: list_copies_by_title(tx, id)?,
            class_path,
            title,
        })
    })
}

/// The numbering of generated copy barcodes.
pub fn copy_barcode_numbering(db: &Db) -> Result<BarcodeNumbering> {
    db.read(|tx| barcode_numbering(tx))
}

/// Changes the numbering of generated copy barcodes, as one action.
pub fn change_copy_barcode_numbering(
    db: &Db,
    actor: &Actor,
    numbering: &BarcodeNumbering,
) -> Result<BarcodeNumbering> {
    db.write(actor, |tx| set_barcode_numbering(tx, numbering))
}

/// The title a typed or scanned ISBN belongs to, if it is catalogued.
pub fn title_by_isbn(db: &Db, isbn: &str) -> Result<Option<Title>> {
    let isbn = Isbn::parse(isbn).map_err(|e| Error::invalid("isbn", e.0))?;
    db.read(|tx| find_title_by_isbn(tx, isbn.as_str()))
}

/// The call number a new title in class `clc` should get: `D62/16`.
pub fn suggest_call_number(db: &Db, clc: &str) -> Result<String> {
    let clc = normalize_clc(clc)?.ok_or_else(|| Error::invalid("clc", "请先填写分类号。"))?;
    let next = db.read(|tx| next_call_sequence(tx, &clc))?;
    Ok(format!("{clc}/{next}"))
}

/// The class path of a class number, broadest first.
pub fn class_path_of(db: &Db, number: &str) -> Result<Vec<clc::ClcClass>> {
    db.read(|tx| clc::class_path(tx, number))
}

/// Classes for the class picker.
pub fn find_classes(db: &Db, text: &str) -> Result<Vec<clc::ClcClass>> {
    db.read(|tx| clc::search_classes(tx, text))
}

/// Imports a book file given as bytes (the window's file picker or a
/// dropped file), its kind told from its content and name.
pub fn import_books_file(
    db: &Db,
    actor: &Actor,
    name: &str,
    bytes: &[u8],
    mut options: crate::import::ImportOptions,
) -> Result<crate::import::ImportReport> {
    let sheet = read_book_file(bytes, name, BookFileFormat::Auto)?;
    options.source = file_name_of(name);
    import_books(db, actor, &sheet, options)
}

/// A file's own name (without the folders), as the list of imports shows it.
fn file_name_of(name: &str) -> String {
    std::path::Path::new(name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

/// Imports the book file at `path` (a path the user typed or pasted).
pub fn import_books_path(
    db: &Db,
    actor: &Actor,
    path: &std::path::Path,
    mut options: crate::import::ImportOptions,
) -> Result<crate::import::ImportReport> {
    let sheet = read_book_path(path, BookFileFormat::Auto)?;
    options.source = file_name_of(&path.display().to_string());
    import_books(db, actor, &sheet, options)
}

/// Where an export from the window goes: `Documents/书香导出/馆藏-2026-11-26.xlsx`
/// (the data folder's `exports` when there is no documents folder).
pub fn export_books_for_user(
    db: &Db,
    export_dir: &std::path::Path,
    format: ExportFormat,
) -> Result<SavedExport> {
    let ext = if format == ExportFormat::Csv {
        "csv"
    } else {
        "xlsx"
    };
    let day = db.clock().today().format("%Y-%m-%d");
    let path = crate::home::export_path(export_dir, &format!("馆藏-{day}.{ext}"))?;
    let report = export_books(db, &path, format)?;
    Ok(SavedExport {
        path: path.display().to_string(),
        titles: report.titles,
        copies: report.copies,
    })
}

/// An export written for the user, and where.
#[derive(Debug, Clone, Serialize)]
pub struct SavedExport {
    pub path: String,
    pub titles: usize,
    pub copies: usize,
}

/// A page of the catalogue list (see [`list_titles`]).
pub fn list_titles(db: &Db, query: &CatalogQuery) -> Result<Page<Title>> {
    db.read(|tx| titles_matching(tx, query))
}

/// The first titles matching `query`, best first, uncounted (see
/// [`search_titles_first`]).
pub fn search_first(db: &Db, query: &str, limit: u32) -> Result<Vec<Title>> {
    db.read(|tx| search_titles_first(tx, query, limit))
}

/// A page of the readers' search, counted only as far as it ranks (see
/// [`search_titles_page`]).
pub fn search_page(db: &Db, query: &str, offset: u32, limit: u32) -> Result<Page<Title>> {
    db.read(|tx| search_titles_page(tx, query, offset, limit))
}

/// Searches the catalogue (see [`search_titles`]).
pub fn search(db: &Db, query: &str, offset: u32, limit: u32) -> Result<Page<Title>> {
    db.read(|tx| search_titles(tx, query, offset, limit))
}
