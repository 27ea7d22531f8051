//! Catalogue search and listing: one box finds titles by Chinese words of
//! any length, full pinyin, initials, ISBN-10/13, call number or class
//! prefix, and copy barcode; the list filters by class, copy status and
//! location and sorts. Tokens of three or more characters go to the FTS5
//! trigram index, shorter ones to `LIKE` and prefix paths. Exact matches rank
//! first. Paged in SQL: the UI never loads a whole catalogue.

use rusqlite::{Connection, params_from_iter, types::Value};
use serde::Deserialize;

use super::store::TITLE_COLUMNS;
use super::{CopyStatus, Isbn, Title, normalize_barcode};
use crate::error::Result;
use crate::people::Page;
use crate::text::{fold_width, like_escape};

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

/// A page of titles matching `text`, best first.
pub fn search_titles(
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
    if fold_width(text).trim().is_empty() {
        return Ok(Page {
            items: Vec::new(),
            total: 0,
            offset,
            limit: limit.clamp(1, MAX_PAGE),
        });
    }
    list_titles(conn, &query)
}

/// A page of titles: matching the search text (best first) or all, within
/// the filters, in the chosen order.
pub fn list_titles(conn: &Connection, query: &CatalogQuery) -> Result<Page<Title>> {
    let limit = query.limit.unwrap_or(50).clamp(1, MAX_PAGE);
    let offset = query.offset;
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    let mut filters: Vec<String> = Vec::new();
    let mut rank = String::new();
    let q = fold_width(query.text.as_deref().unwrap_or(""))
        .trim()
        .to_owned();
    if !q.is_empty() {
        let whole = arg(q.clone());
        let whole_prefix = arg(format!("{}%", like_escape(&q)));
        let whole_contains = arg(format!("%{}%", like_escape(&q)));
        let isbn = arg(Isbn::parse(&q)
            .map(|i| i.as_str().to_owned())
            .unwrap_or_default());
        let barcode = arg(normalize_barcode(&q).unwrap_or_default());
        let mut token_conditions = Vec::new();
        let mut long_tokens = Vec::new();
        for token in q.split_whitespace() {
            let lower = token.to_lowercase();
            if token.chars().count() >= 3 {
                long_tokens.push(fts_phrase(&lower));
                continue;
            }
            let contains = arg(format!("%{}%", like_escape(token)));
            let prefix = arg(format!("{}%", like_escape(&lower)));
            token_conditions.push(format!(
                "(t.title LIKE {contains} ESCAPE '\\' OR t.authors LIKE {contains} ESCAPE '\\'
                  OR t.publisher LIKE {contains} ESCAPE '\\' OR t.subjects LIKE {contains} ESCAPE '\\'
                  OR t.initials LIKE {prefix} ESCAPE '\\' OR t.pinyin LIKE {prefix} ESCAPE '\\'
                  OR t.clc LIKE {prefix} ESCAPE '\\' OR t.call_number LIKE {prefix} ESCAPE '\\')"
            ));
        }
        if !long_tokens.is_empty() {
            let m = arg(long_tokens.join(" AND "));
            token_conditions.push(format!(
                "t.id IN (SELECT rowid FROM titles_fts WHERE titles_fts MATCH {m})"
            ));
        }
        let by_code = format!(
            "t.isbn = {isbn} OR t.id IN (SELECT title_id FROM copies WHERE barcode = {barcode})"
        );
        filters.push(format!(
            "(({}) OR {by_code})",
            token_conditions.join(" AND ")
        ));
        rank = format!(
            "CASE WHEN {by_code} OR t.title = {whole} THEN 0
                  WHEN t.title LIKE {whole_prefix} ESCAPE '\\' OR t.call_number LIKE {whole_prefix} ESCAPE '\\' THEN 1
                  WHEN t.title LIKE {whole_contains} ESCAPE '\\' THEN 2 ELSE 3 END, length(t.title), "
        );
    }
    if let Some(clc) = query
        .clc
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let c = clc.to_ascii_uppercase();
        // A class prefix as an index range: 'D62' ≤ clc < 'D62' + U+10FFFF.
        let (low, high) = (arg(c.clone()), arg(format!("{c}\u{10FFFF}")));
        filters.push(format!("t.clc >= {low} AND t.clc < {high}"));
    }
    match (
        query.status,
        query
            .location
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty()),
    ) {
        (None, None) => {}
        (status, location) => {
            let mut c = vec!["c.title_id = t.id".to_owned()];
            if let Some(s) = status {
                c.push(format!("c.status = {}", arg(s.code().to_owned())));
            }
            if let Some(l) = location {
                c.push(format!("c.location = {}", arg(l.to_owned())));
            }
            filters.push(format!(
                "EXISTS (SELECT 1 FROM copies c WHERE {})",
                c.join(" AND ")
            ));
        }
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    let order = match query.sort {
        TitleSort::CallNumber => "t.call_sort IS NULL, t.call_sort, t.pinyin",
        TitleSort::Title => "t.pinyin, t.title",
        TitleSort::Year => "t.year IS NULL, t.year DESC, t.pinyin",
        TitleSort::Added => "t.id DESC",
    };
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM titles t {filter}"))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    let sql = format!(
        "SELECT {TITLE_COLUMNS} FROM titles t {filter} ORDER BY {rank}{order}, t.id LIMIT {limit} OFFSET {offset}"
    );
    let items = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), Title::from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page {
        items,
        total: total as u64,
        offset,
        limit,
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::{NewCopies, NewTitle, create_title, search};
    use crate::{Actor, Db};

    fn add(db: &Db, title: &str, authors: &str, isbn: Option<&str>, clc: Option<&str>) -> i64 {
        let new = NewTitle {
            title: title.into(),
            authors: Some(authors.into()),
            publisher: Some("人民出版社".into()),
            isbn: isbn.map(Into::into),
            clc: clc.map(Into::into),
            ..Default::default()
        };
        create_title(
            db,
            &Actor::CommandLine,
            &new,
            &NewCopies {
                count: 1,
                ..Default::default()
            },
        )
        .unwrap()
        .id
    }

    fn titles(db: &Db, q: &str) -> Vec<String> {
        search(db, q, 0, 20)
            .unwrap()
            .items
            .into_iter()
            .map(|t| t.title)
            .collect()
    }

    fn library() -> Db {
        let db = Db::open_in_memory().unwrap();
        add(
            &db,
            "万历十五年",
            "黄仁宇",
            Some("978-7-108-00982-1"),
            Some("K248"),
        );
        add(&db, "重庆银行发展史", "张三", None, Some("F832"));
        add(&db, "长征", "王树增", Some("7-02-005383-1"), Some("I25"));
        add(&db, "中国共产党简史", "本书编写组", None, Some("D23"));
        add(&db, "中国政治制度史", "李四", None, Some("D69"));
        add(&db, "政治", "某某", None, Some("D0"));
        db
    }

    #[test]
    fn chinese_words_of_any_length_find_titles_authors_and_publishers() {
        let db = library();
        assert_eq!(titles(&db, "万历十五"), ["万历十五年"]);
        assert_eq!(titles(&db, "长"), ["长征"], "one character");
        assert_eq!(titles(&db, "黄仁宇"), ["万历十五年"], "an author");
        assert_eq!(titles(&db, "人民出版社").len(), 6, "a publisher");
    }

    #[test]
    fn an_exact_title_ranks_first() {
        let db = library();
        assert_eq!(titles(&db, "政治")[0], "政治");
    }

    #[test]
    fn full_pinyin_and_initials_find_titles_with_polyphones_read_right() {
        let db = library();
        assert_eq!(titles(&db, "wanlishiwunian"), ["万历十五年"]);
        assert_eq!(titles(&db, "wlswn"), ["万历十五年"]);
        assert_eq!(
            titles(&db, "chongqing"),
            ["重庆银行发展史"],
            "重庆 is chongqing"
        );
        assert_eq!(
            titles(&db, "yinhang"),
            ["重庆银行发展史"],
            "银行 is yinhang"
        );
        assert_eq!(titles(&db, "changzheng"), ["长征"], "长征 is changzheng");
        assert_eq!(titles(&db, "cz"), ["长征"], "initials of two characters");
    }

    #[test]
    fn isbn_10_or_13_with_or_without_hyphens_finds_its_title() {
        let db = library();
        assert_eq!(titles(&db, "9787108009821"), ["万历十五年"]);
        assert_eq!(titles(&db, "978-7-108-00982-1"), ["万历十五年"]);
        assert_eq!(
            titles(&db, "7-02-005383-1"),
            ["长征"],
            "an ISBN-10 finds the title stored as ISBN-13"
        );
        assert_eq!(titles(&db, "7020053831"), ["长征"]);
    }

    #[test]
    fn call_numbers_and_class_prefixes_find_titles() {
        let db = library();
        assert_eq!(
            titles(&db, "K248/1"),
            ["万历十五年"],
            "the call number given automatically"
        );
        let d = titles(&db, "D");
        assert!(
            d.contains(&"中国共产党简史".to_owned()) && d.contains(&"政治".to_owned()),
            "{d:?}"
        );
        assert_eq!(titles(&db, "D69"), ["中国政治制度史"]);
    }

    #[test]
    fn a_copy_barcode_finds_its_title() {
        let db = library();
        assert_eq!(
            titles(&db, "sx000003"),
            ["长征"],
            "the third generated barcode, typed in lower case"
        );
    }

    #[test]
    fn the_list_filters_by_class_prefix_status_and_location_and_sorts() {
        use crate::catalog::{CatalogQuery, CopyStatus, TitleSort, list_titles};
        let db = library();
        let list = |q: CatalogQuery| -> Vec<String> {
            db.read(|tx| list_titles(tx, &q))
                .unwrap()
                .items
                .into_iter()
                .map(|t| t.title)
                .collect()
        };
        let d = list(CatalogQuery {
            clc: Some("d".into()),
            sort: TitleSort::CallNumber,
            ..Default::default()
        });
        assert_eq!(
            d,
            ["政治", "中国共产党简史", "中国政治制度史"],
            "class D by call number: D0, D23, D69"
        );
        let both = list(CatalogQuery {
            text: Some("中国".into()),
            clc: Some("D6".into()),
            ..Default::default()
        });
        assert_eq!(both, ["中国政治制度史"], "search within a class");
        let on_loan = list(CatalogQuery {
            status: Some(CopyStatus::OnLoan),
            ..Default::default()
        });
        assert!(on_loan.is_empty(), "no copy is lent yet");
        let shelf = list(CatalogQuery {
            status: Some(CopyStatus::OnShelf),
            sort: TitleSort::Title,
            limit: Some(2),
            ..Default::default()
        });
        assert_eq!(
            shelf,
            ["长征", "重庆银行发展史"],
            "by pinyin of the title: changzheng, chongqing …"
        );
    }

    #[test]
    fn nothing_matches_nonsense_and_wildcards_are_literal() {
        let db = library();
        assert!(titles(&db, "不存在的书名").is_empty());
        assert!(titles(&db, "%").is_empty());
        assert!(
            titles(&db, "\"").is_empty(),
            "a quote cannot break the full-text query"
        );
    }
}
