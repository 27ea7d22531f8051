//! Catalogue search and listing: one box finds titles by Chinese words of
//! any length, full pinyin, initials, ISBN-10/13, call number or class
//! prefix, and copy barcode; the list filters by class, copy status and
//! location and sorts. Tokens of three or more characters go to the FTS5
//! trigram index, shorter ones to `LIKE` and prefix paths. Exact matches rank
//! first. Paged in SQL: the UI never loads a whole catalogue.

use rusqlite::{Connection, params_from_iter, types::Value};
use serde::Deserialize;

use super::super::{CopyStatus, Isbn, Title, normalize_barcode};
use super::TITLE_COLUMNS;
use crate::error::Result;
use crate::paging::Page;
use crate::text::{fold_width, full_width, like_escape};

const MAX_PAGE: u32 = 200;

/// How a list of titles is ordered when no search ranks it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TitleSort {
    /// 索书号, as the shelves stand.
    #[default]
    CallNumber,
    /// 书名, by pinyin.
    Title,
    /// Newest publication year first.
    Year,
    /// Most recently catalogued first.
    Added,
}

/// Which titles to list: a search text and filters, and which page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CatalogQuery {
    pub text: Option<String>,
    /// A CLC class prefix: `D` lists all of 政治、法律, `D62` its subclass.
    pub clc: Option<String>,
    /// Titles with at least one copy in this status.
    pub status: Option<CopyStatus>,
    /// Titles with at least one copy at this location.
    pub location: Option<String>,
    pub sort: TitleSort,
    pub offset: u32,
    /// At most 200; 50 when not given.
    pub limit: Option<u32>,
}

fn fts_phrase(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

/// Matches are ranked among the first this many (exact ones always
/// included): a one-character query matching half the catalogue is answered
/// in milliseconds, and no one pages past the first thousands anyway.
const RANK_WINDOW: u32 = 2_000;
/// Totals are counted up to this; beyond it the page says "more than".
const COUNT_CAP: u64 = 10_000;

/// The smallest string greater than every string starting with `prefix`.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9fff}').contains(&c)
}

/// The most words a search looks for; further words are left out (a
/// search of every word of a paragraph would build one subquery each).
pub const MAX_WORDS: usize = 8;
/// The most characters of search text looked at.
pub const MAX_QUERY_CHARS: usize = 100;

/// Search text as the index is asked: full-width folded, control
/// characters (a NUL, a tab) read as spaces, at most [`MAX_WORDS`] words of
/// at most [`MAX_QUERY_CHARS`] characters in all. Whatever anyone types is
/// answered, never refused by the engine.
pub(crate) fn clean_query(text: &str) -> String {
    let folded: String = fold_width(text)
        .chars()
        .take(MAX_QUERY_CHARS * 4)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = String::new();
    for word in folded.split_whitespace().take(MAX_WORDS) {
        if out.chars().count() + word.chars().count() > MAX_QUERY_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A page of titles matching `text`, best first.
pub(crate) fn search_titles(
    conn: &Connection,
    text: &str,
    offset: u32,
    limit: u32,
) -> Result<Page<Title>> {
    let query = CatalogQuery {
        text: Some(text.to_owned()),
        offset,
        limit: Some(limit),
        ..Default::default()
    };
    if clean_query(text).is_empty() {
        return Ok(Page {
            items: Vec::new(),
            total: 0,
            offset,
            limit: limit.clamp(1, MAX_PAGE),
            capped: false,
        });
    }
    titles_matching(conn, &query)
}

/// A page of titles matching `text`, best first, for the readers' search
/// page: counted only as far as the titles ranked anyway (the first
/// [`RANK_WINDOW`] matches and the exact ones), so a broad query costs no
/// more than the API's uncounted search; past that the page is `capped`.
pub(crate) fn search_titles_page(
    conn: &Connection,
    text: &str,
    offset: u32,
    limit: u32,
) -> Result<Page<Title>> {
    let q = clean_query(text);
    let limit = limit.clamp(1, MAX_PAGE);
    if q.is_empty() {
        return Ok(Page {
            items: Vec::new(),
            total: 0,
            offset,
            limit,
            capped: false,
        });
    }
    let sql = Sql { args: Vec::new() };
    list_matches(conn, sql, &[], &q, offset, limit, Count::Ranked)
}

/// How far a search counts its matches.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Count {
    /// Up to [`COUNT_CAP`], in a query of its own.
    Capped,
    /// Only the titles ranked anyway (one past the window says there are
    /// more), from the index's row ids.
    Ranked,
    /// Not at all.
    None,
}

/// Builds SQL with numbered parameters.
struct Sql {
    args: Vec<Value>,
}

impl Sql {
    fn arg(&mut self, v: String) -> String {
        self.args.push(Value::Text(v));
        format!("?{}", self.args.len())
    }
}

/// The ids of titles one search token matches, as a subquery with column `id`.
fn token_ids(sql: &mut Sql, token: &str) -> String {
    let lower = token.to_lowercase();
    if token.chars().count() >= 3 {
        let m = sql.arg(fts_phrase(&lower));
        let words = format!("SELECT rowid AS id FROM titles_fts WHERE titles_fts MATCH {m}");
        // Pinyin and initials are held with their printable ASCII in full
        // width (migration 0026): asked so when the word has any to find.
        if !lower.chars().any(|c| c.is_ascii_graphic()) {
            return words;
        }
        let p = sql.arg(fts_phrase(&full_width(&lower)));
        return format!(
            "{words} UNION SELECT rowid AS id FROM titles_pinyin WHERE titles_pinyin MATCH {p}"
        );
    }
    if token.chars().any(is_cjk) {
        let spaced: Vec<String> = token.chars().map(String::from).collect();
        let m = sql.arg(fts_phrase(&spaced.join(" ")));
        return format!("SELECT rowid AS id FROM titles_chars WHERE titles_chars MATCH {m}");
    }
    // One or two letters or digits: a prefix of the pinyin, the initials or
    // a word (the character index's prefix lookup), or of a class or call
    // number (index ranges).
    let upper = token.to_uppercase();
    let (class_low, class_high) = (sql.arg(upper.clone()), sql.arg(prefix_end(&upper)));
    let m = sql.arg(format!("{}*", fts_phrase(&lower)));
    format!(
        "SELECT rowid AS id FROM titles_chars WHERE titles_chars MATCH {m}
         UNION SELECT id FROM titles WHERE clc >= {class_low} AND clc < {class_high}
         UNION SELECT id FROM titles WHERE call_sort >= {class_low} AND call_sort < {class_high}"
    )
}

/// A page of titles: matching the search text (best first) or all, within
/// the filters, in the chosen order.
pub(crate) fn titles_matching(conn: &Connection, query: &CatalogQuery) -> Result<Page<Title>> {
    let limit = query.limit.unwrap_or(50).clamp(1, MAX_PAGE);
    let mut sql = Sql { args: Vec::new() };
    let filters = filters(&mut sql, query);
    let q = clean_query(query.text.as_deref().unwrap_or(""));
    if q.is_empty() {
        list_all(conn, sql, &filters, query.sort, query.offset, limit)
    } else {
        list_matches(conn, sql, &filters, &q, query.offset, limit, Count::Capped)
    }
}

/// The first `limit` titles matching `text`, best first, without counting
/// how many match in all: what the intranet host's search answers, where no
/// page says "of N" (the ranking is the same as [`search_titles`]').
pub(crate) fn search_titles_first(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Title>> {
    let q = clean_query(text);
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.clamp(1, MAX_PAGE);
    let sql = Sql { args: Vec::new() };
    Ok(list_matches(conn, sql, &[], &q, 0, limit, Count::None)?.items)
}

/// The conditions the filters put on a title `t` (class, copy status,
/// shelf), their values added to `sql`.
fn filters(sql: &mut Sql, query: &CatalogQuery) -> Vec<String> {
    let mut filters: Vec<String> = Vec::new();
    if let Some(clc) = query
        .clc
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let c = clc.to_ascii_uppercase();
        // A class prefix as an index range: 'D62' ≤ clc < 'D62' + U+10FFFF.
        let (low, high) = (sql.arg(c.clone()), sql.arg(prefix_end(&c)));
        filters.push(format!("t.clc >= {low} AND t.clc < {high}"));
    }
    let location = query
        .location
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if query.status.is_some() || location.is_some() {
        let mut c = vec!["c.title_id = t.id".to_owned()];
        if let Some(s) = query.status {
            c.push(format!("c.status = {}", sql.arg(s.code().to_owned())));
        }
        if let Some(l) = location {
            c.push(format!("c.location = {}", sql.arg(l.to_owned())));
        }
        filters.push(format!(
            "EXISTS (SELECT 1 FROM copies c WHERE {})",
            c.join(" AND ")
        ));
    }
    filters
}

/// `WHERE` and the filters, with `extra` when given; nothing without any.
fn where_clause(filters: &[String], extra: &str) -> String {
    let all: Vec<&str> = filters
        .iter()
        .map(String::as_str)
        .chain([extra].into_iter().filter(|e| !e.is_empty()))
        .collect();
    if all.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", all.join(" AND "))
    }
}

/// Every title within the filters, in the chosen order.
fn list_all(
    conn: &Connection,
    sql: Sql,
    filters: &[String],
    sort: TitleSort,
    offset: u32,
    limit: u32,
) -> Result<Page<Title>> {
    let order = match sort {
        TitleSort::CallNumber => "t.call_sort IS NULL, t.call_sort, t.pinyin",
        TitleSort::Title => "t.pinyin, t.title",
        TitleSort::Year => "t.year IS NULL, t.year DESC, t.pinyin",
        TitleSort::Added => "t.id DESC",
    };
    let where_ = where_clause(filters, "");
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM titles t {where_}"))?
        .query_row(params_from_iter(sql.args.iter()), |r| r.get(0))?;
    let items = conn
        .prepare_cached(&format!(
            "SELECT {TITLE_COLUMNS} FROM titles t {where_} ORDER BY {order}, t.id LIMIT {limit} OFFSET {offset}"
        ))?
        .query_map(params_from_iter(sql.args.iter()), Title::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page {
        items,
        total: total as u64,
        offset,
        limit,
        capped: false,
    })
}

/// The titles matching `q` within the filters, best first: exact hits
/// (title, ISBN, a copy's barcode), then prefix, then contained, then the
/// rest of the first matches, counted as `count` says.
fn list_matches(
    conn: &Connection,
    mut sql: Sql,
    filters: &[String],
    q: &str,
    offset: u32,
    limit: u32,
    count: Count,
) -> Result<Page<Title>> {
    let whole = sql.arg(q.to_owned());
    let isbn = sql.arg(
        Isbn::parse(q)
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default(),
    );
    let barcode = sql.arg(normalize_barcode(q).unwrap_or_default());
    let exact = format!(
        "SELECT t.id FROM titles t {}",
        where_clause(
            filters,
            &format!(
                "t.id IN (SELECT id FROM titles WHERE title = {whole} OR isbn = {isbn}
                      UNION SELECT title_id FROM copies WHERE barcode = {barcode})"
            )
        )
    );
    let hits = hits(&mut sql, filters, q);
    let window = RANK_WINDOW.max(offset + limit);
    // Counting up to the cap, or only what is ranked (one match past the
    // window tells whether there are more), in a query of its own: the
    // index's row ids alone, no title read. (A count(*) OVER () in the
    // ranking query kept every ranked row to count them: 0.7 ms more for
    // 经济 at 100,000 volumes.)
    let count_to = match count {
        Count::Capped => Some(COUNT_CAP + 1),
        Count::Ranked => Some(u64::from(window) + 1),
        Count::None => None,
    };
    let counted: u64 = match count_to {
        Some(to) => conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM ({exact} UNION SELECT id FROM ({hits} LIMIT {to}))"
            ))?
            .query_row(params_from_iter(sql.args.iter()), |r| r.get::<_, i64>(0))?
            as u64,
        None => 0,
    };
    let prefix = sql.arg(format!("{}%", like_escape(q)));
    let contains = sql.arg(format!("%{}%", like_escape(q)));
    let ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "WITH exact(id) AS ({exact}),
                  candidates(id) AS (SELECT id FROM exact UNION SELECT id FROM ({hits} LIMIT {window}))
             SELECT t.id FROM titles t JOIN candidates c ON c.id = t.id
             ORDER BY CASE WHEN t.id IN (SELECT id FROM exact) THEN 0
                           WHEN t.title LIKE {prefix} ESCAPE '\\' OR t.call_number LIKE {prefix} ESCAPE '\\'
                                OR t.pinyin LIKE {prefix} ESCAPE '\\' OR t.initials LIKE {prefix} ESCAPE '\\' THEN 1
                           WHEN t.title LIKE {contains} ESCAPE '\\' THEN 2 ELSE 3 END,
                      length(t.title), t.pinyin, t.id
             LIMIT {limit} OFFSET {offset}"
        ))?
        .query_map(params_from_iter(sql.args.iter()), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let items = titles_in_order(conn, &ids)?;
    let (total, capped) = match count {
        Count::Capped => (counted.min(COUNT_CAP), counted > COUNT_CAP),
        Count::Ranked => (counted.min(u64::from(window)), counted > u64::from(window)),
        Count::None => (items.len() as u64, false),
    };
    Ok(Page {
        items,
        total,
        offset,
        limit,
        capped,
    })
}

/// The ids every token of `q` matches, within the filters, as a query.
fn hits(sql: &mut Sql, filters: &[String], q: &str) -> String {
    let mut sources = q
        .split_whitespace()
        .map(|token| token_ids(sql, token))
        .collect::<Vec<_>>()
        .into_iter();
    let first = sources.next().expect("a non-empty query has a token");
    let others: String = sources.map(|s| format!(" AND m.id IN ({s})")).collect();
    // Without filters the index's row ids are the answer: no title row is
    // read to count thousands of hits.
    if filters.is_empty() {
        let others = others.replacen(" AND ", " WHERE ", 1);
        format!("SELECT m.id FROM ({first}) m{others}")
    } else {
        format!(
            "SELECT t.id FROM ({first}) m JOIN titles t ON t.id = m.id {}",
            where_clause(filters, &others.replacen(" AND ", "", 1))
        )
    }
}

/// The titles with `ids`, copy counts included, in the order given.
fn titles_in_order(conn: &Connection, ids: &[i64]) -> Result<Vec<Title>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let mut found: Vec<Title> = conn
        .prepare(&format!(
            "SELECT {TITLE_COLUMNS} FROM titles t WHERE t.id IN ({list})"
        ))?
        .query_map([], Title::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    found.sort_by_key(|t| ids.iter().position(|id| *id == t.id));
    Ok(found)
}

#[cfg(test)]
mod tests;
