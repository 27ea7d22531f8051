//! Catalogue search: one box finds titles by Chinese words of any length,
//! full pinyin, initials, ISBN-10/13, call number or class prefix, and copy
//! barcode. Tokens of three or more characters go to the FTS5 trigram index;
//! shorter ones to `LIKE` and prefix paths. Exact matches rank first.

use rusqlite::{Connection, params_from_iter, types::Value};

use super::store::TITLE_COLUMNS;
use super::{Isbn, Title, normalize_barcode};
use crate::error::Result;
use crate::people::Page;
use crate::text::{fold_width, like_escape};

const MAX_PAGE: u32 = 200;

fn fts_phrase(token: &str) -> String {
    format!("\"{}\"", token.replace('"', "\"\""))
}

/// A page of titles matching `query`, best first.
pub fn search_titles(
    conn: &Connection,
    query: &str,
    offset: u32,
    limit: u32,
) -> Result<Page<Title>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let q = fold_width(query).trim().to_owned();
    if q.is_empty() {
        return Ok(Page {
            items: Vec::new(),
            total: 0,
            offset,
            limit,
        });
    }
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
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
    let filter = format!("({}) OR {by_code}", token_conditions.join(" AND "));
    let rank = format!(
        "CASE WHEN {by_code} OR t.title = {whole} THEN 0
              WHEN t.title LIKE {whole_prefix} ESCAPE '\\' OR t.call_number LIKE {whole_prefix} ESCAPE '\\' THEN 1
              WHEN t.title LIKE {whole_contains} ESCAPE '\\' THEN 2 ELSE 3 END"
    );
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM titles t WHERE {filter}"))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    let sql = format!(
        "SELECT {TITLE_COLUMNS} FROM titles t WHERE {filter}
         ORDER BY {rank}, length(t.title), t.pinyin, t.id LIMIT {limit} OFFSET {offset}"
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
