//! The catalogue (书目与馆藏): titles — bibliographic records with ISBN, CLC
//! class and call number — and their copies (册), each with a unique barcode,
//! a shelf location and a status. Search lives in `search`, CLC in `clc`.

pub mod clc;
mod copies;
mod export;
mod files;
mod import;
pub mod isbn;
pub mod marc;
mod store;

pub use crate::text::guard_cell;
pub(crate) use copies::insert_copies;
pub use copies::{
    BarcodeNumbering, add_copies, barcode_numbering, find_copy_by_barcode, get_copy,
    list_copies_by_title, set_barcode_numbering, set_copy_status,
};
pub use export::{ExportFormat, ExportReport, export_books};
pub use files::{BookFileFormat, read_book_file, read_book_path};
pub use import::{BOOK_FIELDS, import_books};
pub use isbn::{Isbn, IsbnRead};
pub use store::search::{CatalogQuery, TitleSort, list_titles, search_titles, search_titles_first};
pub use store::{find_title_by_isbn, get_title, next_call_sequence};
pub(crate) use store::{index_titles, insert_title, insert_title_unindexed, update_title};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::paging::Page;
use crate::text::{FieldNote, TextRule, fold_width, has_control_chars, non_empty};

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

/// A title's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidTitle {
    pub isbn: Option<Isbn>,
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
}

/// Normalises a CLC class number (`d62` → `D62`) and checks its form.
pub fn normalize_clc(value: &str) -> Result<Option<String>> {
    let v = fold_width(value).trim().to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let mut chars = v.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if !first_ok
        || !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-=:()\"<>/+".contains(c))
        || v.len() > 40
    {
        return Err(Error::invalid(
            "clc",
            format!("“{v}”不是中图法分类号，应以大写字母开头，例如 D62 或 F812.7。"),
        ));
    }
    Ok(Some(v))
}

/// Normalises a copy barcode as a scanner or input method sends it.
pub fn normalize_barcode(value: &str) -> Result<String> {
    let v = fold_width(value).trim().to_ascii_uppercase();
    if v.is_empty() {
        return Err(Error::invalid("barcode", "条码为空。"));
    }
    if v.len() > 32 || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(
            "barcode",
            format!("条码“{v}”只能包含字母、数字和“-”，最多 32 位。"),
        ));
    }
    Ok(v)
}

/// The title's free-text fields: what a form takes, and what an import keeps
/// (open-access books list dozens of contributors; vendors' notes run long).
const TITLE_TEXT: [TextRule; 10] = [
    rule("subtitle", "副书名", 300, 2_000, true),
    rule("authors", "作者", 300, 10_000, true),
    rule("publisher", "出版社", 200, 1_000, true),
    rule("year", "出版年", 40, 200, true),
    rule("edition", "版次", 60, 500, true),
    rule("subjects", "主题词", 500, 5_000, true),
    rule("summary", "摘要", 5_000, 50_000, true),
    rule("price", "价格", 40, 200, true),
    rule("source", "来源", 100, 500, true),
    rule("note", "备注", 500, 10_000, true),
];

/// The title proper: the store holds at most 500 characters.
const TITLE_RULE: TextRule = rule("title", "书名", 500, 500, false);

/// A call number as a form takes it (the import keeps up to 200 characters).
const CALL_NUMBER_RULE: TextRule = rule("call_number", "索书号", 60, 200, false);

const fn rule(
    field: &'static str,
    label: &'static str,
    max: usize,
    keep_max: usize,
    multiline: bool,
) -> TextRule {
    TextRule {
        field,
        label,
        max,
        keep_max,
        multiline,
    }
}

impl NewTitle {
    fn text(&self, field: &str) -> Option<&str> {
        match field {
            "subtitle" => self.subtitle.as_deref(),
            "authors" => self.authors.as_deref(),
            "publisher" => self.publisher.as_deref(),
            "year" => self.year.as_deref(),
            "edition" => self.edition.as_deref(),
            "subjects" => self.subjects.as_deref(),
            "summary" => self.summary.as_deref(),
            "price" => self.price.as_deref(),
            "source" => self.source.as_deref(),
            "note" => self.note.as_deref(),
            _ => None,
        }
    }

    /// A form's check: anything over a field's limit, or unprintable, is
    /// refused with a message naming the field.
    pub(crate) fn validate(&self) -> Result<ValidTitle> {
        self.validate_edit(None)
    }

    /// A form's check of an edit of `stored`: values the title already holds
    /// pass as they are (an import may have kept them longer than a form
    /// allows); new values meet the form's rules.
    pub(crate) fn validate_edit(&self, stored: Option<&Title>) -> Result<ValidTitle> {
        let stored_form = stored.map(NewTitle::from);
        let kept = |field: &str| stored_form.as_ref().and_then(|t| t.text(field));
        let title = TITLE_RULE
            .strict_unless_kept(Some(&self.title), stored.map(|t| t.title.as_str()))?
            .ok_or_else(|| Error::invalid("title", "请填写书名。"))?;
        let isbn = match non_empty(self.isbn.as_deref()) {
            None => None,
            Some(text) => Some(Isbn::parse(&text).map_err(|e| Error::invalid("isbn", e.0))?),
        };
        let call_number = match non_empty(self.call_number.as_deref()) {
            None => None,
            Some(c) => {
                let c = fold_width(&c).trim().to_ascii_uppercase();
                let unchanged = stored.and_then(|t| t.call_number.as_deref()) == Some(c.as_str());
                if !unchanged && (has_control_chars(&c) || c.len() > CALL_NUMBER_RULE.max) {
                    return Err(Error::invalid(
                        "call_number",
                        "索书号格式不对，应为“分类号/种次号”，例如 D62/15。",
                    ));
                }
                Some(c)
            }
        };
        let mut text: [Option<String>; 10] = Default::default();
        for (slot, rule) in text.iter_mut().zip(&TITLE_TEXT) {
            *slot = rule.strict_unless_kept(self.text(rule.field), kept(rule.field))?;
        }
        let clc = match (
            non_empty(self.clc.as_deref()),
            stored.and_then(|t| t.clc.as_deref()),
        ) {
            (Some(given), Some(old)) if given == old => Some(given),
            _ => normalize_clc(self.clc.as_deref().unwrap_or(""))?,
        };
        Ok(ValidTitle::from_parts(title, isbn, clc, call_number, text))
    }

    /// An import row's reading: only what makes a record wrong is an error
    /// (no title; the ISBN and class are read by the importer). Text over a
    /// form's limit is kept, cut only past a generous one; control
    /// characters are removed; each change is noted for the report.
    pub(crate) fn validate_imported(&self, notes: &mut Vec<FieldNote>) -> Result<ValidTitle> {
        let title = TITLE_RULE
            .lenient(Some(&self.title), notes)
            .ok_or_else(|| Error::invalid("title", "请填写书名。"))?;
        let call_number = CALL_NUMBER_RULE.lenient(
            non_empty(self.call_number.as_deref())
                .map(|c| fold_width(&c).trim().to_ascii_uppercase())
                .as_deref(),
            notes,
        );
        let mut text: [Option<String>; 10] = Default::default();
        for (slot, rule) in text.iter_mut().zip(&TITLE_TEXT) {
            *slot = rule.lenient(self.text(rule.field), notes);
        }
        Ok(ValidTitle::from_parts(title, None, None, call_number, text))
    }
}

/// A stored title as its edit form sends it back, at the revision shown.
impl From<&Title> for NewTitle {
    fn from(t: &Title) -> NewTitle {
        NewTitle {
            revision: Some(t.revision),
            isbn: t.isbn.clone(),
            title: t.title.clone(),
            subtitle: t.subtitle.clone(),
            authors: t.authors.clone(),
            publisher: t.publisher.clone(),
            year: t.year.clone(),
            edition: t.edition.clone(),
            clc: t.clc.clone(),
            call_number: t.call_number.clone(),
            subjects: t.subjects.clone(),
            summary: t.summary.clone(),
            price: t.price.clone(),
            source: t.source.clone(),
            note: t.note.clone(),
        }
    }
}

impl ValidTitle {
    /// The fields in [`TITLE_TEXT`]'s order.
    fn from_parts(
        title: String,
        isbn: Option<Isbn>,
        clc: Option<String>,
        call_number: Option<String>,
        text: [Option<String>; 10],
    ) -> ValidTitle {
        let [
            subtitle,
            authors,
            publisher,
            year,
            edition,
            subjects,
            summary,
            price,
            source,
            note,
        ] = text;
        ValidTitle {
            isbn,
            title,
            subtitle,
            authors,
            publisher,
            year,
            edition,
            clc,
            call_number,
            subjects,
            summary,
            price,
            source,
            note,
        }
    }
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
    options: crate::import::ImportOptions,
) -> Result<crate::import::ImportReport> {
    let sheet = read_book_file(bytes, name, BookFileFormat::Auto)?;
    import_books(db, actor, &sheet, options)
}

/// Imports the book file at `path` (a path the user typed or pasted).
pub fn import_books_path(
    db: &Db,
    actor: &Actor,
    path: &std::path::Path,
    options: crate::import::ImportOptions,
) -> Result<crate::import::ImportReport> {
    let sheet = read_book_path(path, BookFileFormat::Auto)?;
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
pub fn catalog_page(db: &Db, query: &CatalogQuery) -> Result<Page<Title>> {
    db.read(|tx| list_titles(tx, query))
}

/// The first titles matching `query`, best first, uncounted (see
/// [`search_titles_first`]).
pub fn search_first(db: &Db, query: &str, limit: u32) -> Result<Vec<Title>> {
    db.read(|tx| search_titles_first(tx, query, limit))
}

/// Searches the catalogue (see [`search_titles`]).
pub fn search(db: &Db, query: &str, offset: u32, limit: u32) -> Result<Page<Title>> {
    db.read(|tx| search_titles(tx, query, offset, limit))
}
