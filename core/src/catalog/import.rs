//! Importing books from the spreadsheets librarians keep: headers in Chinese
//! or English in any order, Excel-mangled ISBNs repaired where the check
//! digit proves it, a 册数 column making that many copies, duplicates (same
//! ISBN, or same title, authors, publisher and year) merged as extra copies.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use super::copies::{
    BarcodeNumbering, barcode_numbering, check_new_barcodes, insert_checked_copies,
    save_barcode_next,
};
use super::isbn::IsbnCell;
use super::store::{TitleKeys, find_duplicate, insert_title_row_keyed, titles_added};
use super::{NewCopies, NewTitle, ValidTitle, normalize_barcode, normalize_clc};
use crate::audit::Actor;
use crate::db::{Db, WriteTx};
use crate::error::Result;
use crate::import::{self, Applied, Field, ImportOptions, ImportReport, Row, RowIssue, Sheet};

/// The columns a book spreadsheet may have, with the names librarians use.
pub const BOOK_FIELDS: &[Field] = &[
    Field {
        key: "isbn",
        label: "ISBN",
        names: &[
            "ISBN编号",
            "ISBN",
            "书号",
            "国际标准书号",
            "ISBN号",
            "isbn13",
            "isbn10",
            "标准编码",
            "标准书号",
            "统一书号",
            "ISBN/ISSN",
        ],
        required: false,
    },
    Field {
        key: "title",
        label: "书名",
        names: &[
            "书籍名称",
            "书籍名",
            "图书名",
            "书名",
            "题名",
            "正题名",
            "书刊名",
            "图书名称",
            "名称",
            "title",
            "booktitle",
        ],
        required: true,
    },
    Field {
        key: "subtitle",
        label: "副书名",
        names: &["副书名", "副题名", "subtitle"],
        required: false,
    },
    Field {
        key: "alt_title",
        label: "其他题名",
        names: &[
            "其他题名",
            "并列题名",
            "原题名",
            "外文题名",
            "othertitle",
            "alt_title",
        ],
        required: false,
    },
    Field {
        key: "authors",
        label: "作者",
        names: &[
            "书籍作者",
            "图书作者",
            "作者",
            "责任者",
            "著者",
            "主要责任者",
            "编著者",
            "author",
            "authors",
            "creator",
        ],
        required: false,
    },
    Field {
        key: "publisher",
        label: "出版社",
        names: &[
            "出版商",
            "出版社",
            "出版者",
            "出版单位",
            "出版发行",
            "出版发行者",
            "publisher",
        ],
        required: false,
    },
    Field {
        key: "year",
        label: "出版年",
        names: &[
            "出版年份",
            "出版年",
            "出版日期",
            "出版时间",
            "出版年月",
            "year",
            "date",
            "pubdate",
            "publicationyear",
            "yearpublished",
        ],
        required: false,
    },
    Field {
        key: "edition",
        label: "版次",
        names: &["版次", "版本", "edition"],
        required: false,
    },
    Field {
        key: "clc",
        label: "分类号",
        names: &[
            "分类号",
            "中图法",
            "中图分类号",
            "中图法分类号",
            "clc",
            "class",
            "classification",
        ],
        required: false,
    },
    Field {
        key: "call_number",
        label: "索书号",
        names: &["索书号", "索取号", "索书号码", "callnumber", "callno"],
        required: false,
    },
    Field {
        key: "subjects",
        label: "主题词",
        names: &[
            "主题词",
            "主题",
            "关键词",
            "subjects",
            "subject",
            "keywords",
        ],
        required: false,
    },
    Field {
        key: "summary",
        label: "摘要",
        names: &[
            "书籍简介",
            "图书简介",
            "摘要",
            "内容简介",
            "简介",
            "提要",
            "summary",
            "abstract",
        ],
        required: false,
    },
    Field {
        key: "price",
        label: "价格",
        names: &["价格", "定价", "单价", "price"],
        required: false,
    },
    Field {
        key: "copies",
        label: "册数",
        names: &[
            "馆藏本数",
            "馆藏数量",
            "本数",
            "册数",
            "复本",
            "复本数",
            "数量",
            "copies",
            "count",
            "quantity",
        ],
        required: false,
    },
    Field {
        key: "barcode",
        label: "条码",
        names: &[
            "书籍编号",
            "图书编号",
            "馆藏条码",
            "条码",
            "条形码",
            "登录号",
            "财产号",
            "条码号",
            "册条码号",
            "册条码",
            "图书条码",
            "barcode",
            "barcodes",
        ],
        required: false,
    },
    Field {
        key: "location",
        label: "馆藏位置",
        names: &[
            "书籍位置",
            "存放位置",
            "书架",
            "馆藏位置",
            "架位",
            "位置",
            "书架",
            "馆藏地",
            "馆藏地点",
            "典藏地点",
            "典藏位置",
            "location",
            "shelf",
        ],
        required: false,
    },
    Field {
        key: "source",
        label: "来源",
        names: &["来源", "source"],
        required: false,
    },
    Field {
        key: "note",
        label: "备注",
        names: &["备注", "附注", "note", "notes", "remark"],
        required: false,
    },
];

/// A cell written by our own export (or a careful user) as `'=…`: the
/// apostrophe only kept a spreadsheet from reading it as a formula.
fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

struct BookRow {
    title: ValidTitle,
    keys: TitleKeys,
    copies: NewCopies,
}

fn looks_like_price(p: &str) -> bool {
    let t = p
        .trim_start_matches(['¥', '￥'])
        .trim_start_matches("CNY")
        .trim_start_matches("RMB")
        .trim_end_matches('元')
        .trim();
    !t.is_empty()
        && t.split_once('.')
            .map_or(t.bytes().all(|b| b.is_ascii_digit()), |(a, b)| {
                !a.is_empty()
                    && a.bytes().all(|x| x.is_ascii_digit())
                    && b.len() <= 2
                    && b.bytes().all(|x| x.is_ascii_digit())
            })
}

/// A publication year as people write it, as kept: the forms of
/// [`looks_like_year`] as written; `2010年1月`, `2009年`, `2010年1月第1版`
/// (the edition or printing after the date, as a 版权页 reads),
/// `19980528`, `201001` and a catalogue's `cop. 2011` as the year itself.
/// `None` when it is none of these.
fn year_as_written(y: &str) -> Option<String> {
    if looks_like_year(y) {
        return Some(y.to_owned());
    }
    if let Some(rest) = y.strip_prefix("cop.").or_else(|| y.strip_prefix("cop ")) {
        let year = rest.trim();
        return (year.len() == 4 && looks_like_year(year)).then(|| year.to_owned());
    }
    let digits: String = y.chars().take_while(char::is_ascii_digit).collect();
    let rest = &y[digits.len()..];
    let year_ok = digits.len() >= 4
        && digits[..4]
            .parse::<u32>()
            .is_ok_and(|n| (1000..=2100).contains(&n));
    // 年, then a month and a day, then what the 版权页 says after the date:
    // 第1版, 第3次印刷, （修订本）.
    let after_date =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '年' | '月' | '日'));
    let chinese = digits.len() == 4
        && rest.starts_with('年')
        && (after_date.trim().is_empty() || after_date.trim_start().starts_with(['第', '（', '(']));
    let compact = rest.is_empty()
        && (digits.len() == 8
            || (digits.len() == 6
                && digits[4..]
                    .parse::<u32>()
                    .is_ok_and(|m| (1..=12).contains(&m))));
    (year_ok && (chinese || compact)).then(|| digits[..4].to_owned())
}

fn looks_like_year(y: &str) -> bool {
    // MARC writes copyright and inferred years as c2000, ©2000, [2000], p1999.
    let y = y
        .trim_start_matches(['c', '©', 'p', '['])
        .trim_end_matches([']', '?']);
    let parts: Vec<&str> = y.split(['-', '.', '/']).collect();
    let year_ok = parts[0].len() == 4
        && parts[0]
            .parse::<u32>()
            .is_ok_and(|n| (1000..=2100).contains(&n));
    year_ok
        && parts.len() <= 3
        && parts[1..]
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.parse::<u32>().is_ok())
}

/// What stood beside the ISBN in its cell: a price goes to the price field
/// (or, when that holds another, to the note), the rest to the note.
fn take_isbn_extras(
    row: &mut Row<'_>,
    title: &mut ValidTitle,
    price: Option<String>,
    rest: Option<String>,
) {
    fn add_to_note(title: &mut ValidTitle, text: &str) {
        title.note = Some(match title.note.take() {
            Some(note) => format!("{note}；{text}"),
            None => text.to_owned(),
        });
    }
    if let Some(p) = price {
        match title.price.clone() {
            None => {
                row.warn("price", format!("ISBN 栏中的价格“{p}”已移到价格栏。"));
                title.price = Some(p);
            }
            Some(same) if same == p => {}
            Some(other) => {
                row.warn(
                    "note",
                    format!("ISBN 栏中的价格“{p}”与价格栏的“{other}”不同，已记入备注。"),
                );
                add_to_note(title, &format!("ISBN 栏价格 {p}"));
            }
        }
    }
    if let Some(r) = rest {
        row.warn("note", format!("ISBN 栏中 ISBN 后的“{r}”已移到备注。"));
        add_to_note(title, &r);
    }
}

fn parse_row(row: &mut Row<'_>) -> Result<BookRow, Vec<RowIssue>> {
    let get = |row: &Row<'_>, key: &str| row.get(key).map(|v| unguard(v).to_owned());
    let mut errors = Vec::new();
    let isbn = match get(row, "isbn") {
        None => None,
        Some(text) => match IsbnCell::read(&text) {
            Ok(cell) => {
                if let Some(why) = &cell.repaired {
                    row.warn("isbn", why.clone());
                }
                Some(cell)
            }
            Err(e) => {
                errors.push(row.error("isbn", e.0));
                None
            }
        },
    };
    let clc_text = get(row, "clc");
    let new = NewTitle {
        revision: None,
        isbn: None,
        title: get(row, "title").unwrap_or_default(),
        subtitle: get(row, "subtitle"),
        authors: get(row, "authors"),
        publisher: get(row, "publisher"),
        year: get(row, "year"),
        edition: get(row, "edition"),
        clc: None,
        call_number: get(row, "call_number"),
        subjects: get(row, "subjects"),
        summary: get(row, "summary"),
        price: get(row, "price"),
        source: get(row, "source"),
        note: get(row, "note"),
        alt_title: get(row, "alt_title"),
    };
    let mut notes = Vec::new();
    let mut title = match new.validate_imported(&mut notes) {
        Ok(t) => t,
        Err(e) => {
            errors.push(row.error(e.field().unwrap_or("title"), e.to_string()));
            return Err(errors);
        }
    };
    for note in notes {
        row.warn(note.field, note.message);
    }
    if let Some(cell) = isbn {
        title.isbn = Some(cell.isbn);
        take_isbn_extras(row, &mut title, cell.price, cell.rest);
    }
    if let Some(c) = clc_text {
        title.clc = match normalize_clc(&c) {
            Ok(v) => v,
            Err(e) => {
                row.warn("clc", format!("{e}已按原文保存。"));
                Some(c)
            }
        };
    }
    // One wording for every row, so a report groups them (“价格…：312 行”).
    if let Some(p) = &title.price
        && !looks_like_price(p)
    {
        row.warn("price", FOREIGN_PRICE);
    }
    if let Some(y) = title.year.take() {
        title.year = Some(match year_as_written(&y) {
            Some(year) => year,
            None => {
                row.warn(
                    "year",
                    "出版年不是“2021”“2021-05”“2021年5月”这样的写法，已按原文保存。",
                );
                y
            }
        });
    }
    let mut barcodes = Vec::new();
    if let Some(cell) = get(row, "barcode") {
        for b in cell
            .split([',', ';', '，', '；', '、', ' ', '\n'])
            .filter(|b| !b.trim().is_empty())
        {
            match normalize_barcode(b) {
                Ok(code) => barcodes.push(code),
                Err(e) => errors.push(row.error("barcode", e.to_string())),
            }
        }
    }
    let count = match get(row, "copies") {
        None => barcodes.len().max(1),
        Some(text) => match text.trim().trim_end_matches(['册', '本']).parse::<usize>() {
            Ok(n) if (1..=500).contains(&n) => n.max(barcodes.len()),
            _ => {
                errors.push(row.error("copies", format!("册数“{text}”应为 1 到 500 之间的整数。")));
                0
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let location = get(row, "location");
    let generated = (count - barcodes.len()) as u32;
    Ok(BookRow {
        keys: TitleKeys::of(&title),
        title,
        copies: NewCopies {
            count: generated,
            barcodes,
            location,
            acquired_on: None,
        },
    })
}

/// A row's price in another currency (USD 25.00, NT$300): kept as written,
/// said once for the file (see [`import_books`]).
const FOREIGN_PRICE: &str = "价格不是人民币金额，已按原文保存。";

/// Applies one row; a new title's id goes to `new_ids` (indexed at the end)
/// and `made` (its row, for the merges a later row says it makes).
fn apply_row(
    tx: &WriteTx<'_>,
    row: &mut Row<'_>,
    book: &BookRow,
    new_ids: &Cell<Option<(i64, i64)>>,
    made: &mut HashMap<i64, usize>,
    numbering: &mut BarcodeNumbering,
) -> Result<Applied> {
    let numbering = Some(numbering);
    // Checked before anything of the row is written.
    let barcodes = check_new_barcodes(tx, &book.copies, "（馆藏中已有这一册）。")?;
    let isbn = book.title.isbn.as_ref().map(|i| i.as_str());
    let existing = find_duplicate(tx, isbn, book.keys.match_key(), book.title.year.as_deref())?;
    match existing {
        Some((id, title)) => {
            // One ISBN under two titles (volumes sharing an ISBN, a typo):
            // said, since the rows become copies of one title.
            if isbn.is_some()
                && crate::catalog::match_part(&title)
                    != crate::catalog::match_part(&book.title.title)
            {
                row.warn(
                    "isbn",
                    format!(
                        "ISBN 与{}的“{title}”相同，但书名是“{}”：作为它的复本导入。如是不同卷册，请核对 ISBN。",
                        match made.get(&id) {
                            Some(first) => format!("第 {first} 行"),
                            None => "馆藏中".to_owned(),
                        },
                        book.title.title
                    ),
                );
            }
            // Without an ISBN a merge is a judgement: the report lists each.
            if isbn.is_none() {
                let whose = match made.get(&id) {
                    Some(first) => format!("第 {first} 行"),
                    None => "馆藏中".to_owned(),
                };
                row.warn(
                    "title",
                    format!(
                        "与{whose}的“{title}”书名、作者、出版社、出版年都相同（都没有 ISBN），作为它的复本导入。"
                    ),
                );
            }
            insert_checked_copies(tx, id, &title, barcodes, &book.copies, numbering)?;
            Ok(Applied::Updated)
        }
        None => {
            // The lookup above found no title with this ISBN: it is free.
            let id = insert_title_row_keyed(tx, &book.title, &book.keys)?;
            new_ids.set(Some(
                new_ids.get().map_or((id, id), |(first, _)| (first, id)),
            ));
            made.insert(id, row.at());
            insert_checked_copies(tx, id, &book.title.title, barcodes, &book.copies, numbering)?;
            Ok(Applied::Inserted)
        }
    }
}

/// Imports books from `sheet` as one action (see [`crate::import::run`]).
pub fn import_books(
    db: &Db,
    actor: &Actor,
    sheet: &Sheet,
    options: ImportOptions,
) -> Result<ImportReport> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let new_ids: Cell<Option<(i64, i64)>> = Cell::new(None);
    let mut made: HashMap<i64, usize> = HashMap::new();
    // Generated barcodes go on from the stored numbering, read when the
    // first row needs it and saved once at the end if it moved (not read
    // and written for every row); with the number it was read at.
    let numbering: RefCell<Option<(BarcodeNumbering, u64)>> = RefCell::new(None);
    let mut report = import::run(
        db,
        actor,
        sheet,
        import::Target {
            fields: BOOK_FIELDS,
            entity: crate::Entity::Title,
        },
        options,
        parse_row,
        |tx, row, book| {
            for code in &book.copies.barcodes {
                if let Some(first) = seen.insert(code.clone(), row.at()) {
                    return Err(vec![
                        row.error("barcode", format!("条码 {code} 与第 {first} 行重复。")),
                    ]);
                }
            }
            let mut numbering = numbering.borrow_mut();
            let (numbering, _) = match &mut *numbering {
                Some(n) => n,
                None => {
                    let read = barcode_numbering(tx)
                        .map_err(|e| vec![row.error("barcode", e.to_string())])?;
                    let at = read.next;
                    numbering.insert((read, at))
                }
            };
            apply_row(tx, row, &book, &new_ids, &mut made, numbering)
                .map_err(|e| vec![row.error(e.field().unwrap_or("title"), e.to_string())])
        },
        // The new titles join the search indexes, a statement each, and
        // answer the suggestions they match.
        |tx| {
            if let Some((numbering, read_at)) = &*numbering.borrow()
                && numbering.next != *read_at
            {
                save_barcode_next(tx, numbering)?;
            }
            match new_ids.get() {
                Some((first, last)) => titles_added(tx, first, last),
                None => Ok(()),
            }
        },
    )?;
    // Prices in another currency are no fault of a row: one line says how
    // many, at the first of them.
    let foreign: Vec<(usize, Option<usize>)> = report
        .warnings
        .iter()
        .filter(|w| w.field == "price" && w.message == FOREIGN_PRICE)
        .map(|w| (w.row, w.line))
        .collect();
    if let Some(&(row, line)) = foreign.first() {
        let first = line.unwrap_or(row);
        report
            .warnings
            .retain(|w| !(w.field == "price" && w.message == FOREIGN_PRICE));
        report.warnings.push(RowIssue {
            line,
            row,
            field: "price".into(),
            message: format!(
                "共 {} 行的价格不是人民币金额（如 USD 25.00），已按原文保存（第一行为第 {first} 行）。",
                foreign.len()
            ),
        });
        report.warnings.sort_by_key(|w| w.row);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_and_years_in_the_usual_forms_are_clean() {
        for p in ["45", "45.00", "CNY45.00", "¥38.5", "58元"] {
            assert!(looks_like_price(p), "{p}");
        }
        for p in ["NT$999", "四十五元", "45.005"] {
            assert!(!looks_like_price(p), "{p}");
        }
        for y in ["2021", "2021-05", "2021.5", "2021/05/01", "c2000", "[1998]"] {
            assert!(looks_like_year(y), "{y}");
        }
        for y in ["1997年5月", "民国二十年", "21", "cop. 1976"] {
            assert!(!looks_like_year(y), "{y}");
        }
        for (written, year) in [
            ("2010年1月", "2010"),
            ("2009年", "2009"),
            ("2012年5月3日", "2012"),
            ("19980528", "1998"),
            ("1998.5", "1998.5"),
            ("c2002", "c2002"),
            ("2010年1月第1版", "2010"),
            ("2015年3月第3次印刷", "2015"),
            ("1999年（修订本）", "1999"),
            ("201001", "2010"),
            ("cop. 1976", "1976"),
            ("cop. 2011", "2011"),
        ] {
            assert_eq!(year_as_written(written).as_deref(), Some(year), "{written}");
        }
        for y in [
            "民国二十年",
            "21",
            "12345年",
            "9998年",
            "201013",
            "2010年左右",
            "cop. 76",
        ] {
            assert_eq!(year_as_written(y), None, "{y}");
        }
    }

    #[test]
    fn a_guarded_formula_cell_loses_only_its_guard() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'s Gravenhage"), "'s Gravenhage");
    }
}
