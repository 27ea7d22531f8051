//! The Chinese Library Classification (中图法): the seeded classes, the class
//! path of any class number (D62 → D 政治、法律 › D6 中国政治), and a picker's
//! search. Its SQL is in the store.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::Result;

/// One class of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClcClass {
    pub code: String,
    pub name: String,
    /// An alternative class (交替类目, `[C7]`): shown, not offered for new records.
    pub alternative: bool,
}

use super::store::clc::{ClassRow as Row, all_classes as all};

fn bare(code: &str) -> &str {
    code.trim_start_matches('[').trim_end_matches(']')
}

/// How specifically a table code covers `number`: its length when it does.
/// `D6` covers `D62`; the range `D33/37` covers `D35` and `D351`.
fn covers(code: &str, number: &str) -> Option<usize> {
    let code = bare(code);
    match code.split_once('/') {
        None => number.starts_with(code).then_some(code.len()),
        Some((low, high)) => {
            let digits = high.len();
            let stem = low.get(..low.len().checked_sub(digits)?)?;
            let rest = number.strip_prefix(stem)?;
            let part = rest.get(..digits)?;
            (low[stem.len()..] <= *part && *part <= *high).then_some(low.len())
        }
    }
}

fn to_class(r: &Row) -> ClcClass {
    ClcClass {
        code: r.code.clone(),
        name: r.name.clone(),
        alternative: r.code.starts_with('['),
    }
}

/// The classes a class number belongs to, broadest first; empty when the
/// number fits no class of the table.
pub fn class_path(conn: &Connection, number: &str) -> Result<Vec<ClcClass>> {
    let number = number
        .split('/')
        .next()
        .unwrap_or(number)
        .trim()
        .to_ascii_uppercase();
    let rows = all(conn)?;
    let best = rows
        .iter()
        .filter_map(|r| covers(&r.code, &number).map(|len| (len, r.code.starts_with('['), r)))
        // The most specific class; a regular class before an alternative one.
        .max_by_key(|(len, alternative, _)| (*len, !alternative));
    let mut path = Vec::new();
    let mut current = best.map(|(_, _, r)| r);
    while let Some(r) = current {
        path.push(to_class(r));
        current = r
            .parent
            .as_deref()
            .and_then(|p| rows.iter().find(|x| x.code == p));
    }
    path.reverse();
    Ok(path)
}

/// Classes whose code or name contains `text`, for the class picker; the
/// regular classes, in code order.
pub fn search_classes(conn: &Connection, text: &str) -> Result<Vec<ClcClass>> {
    let t = text.trim().to_ascii_uppercase();
    let mut found: Vec<ClcClass> = all(conn)?
        .iter()
        .filter(|r| !r.code.starts_with('['))
        .filter(|r| t.is_empty() || r.code.starts_with(&t) || r.name.contains(text.trim()))
        .map(to_class)
        .collect();
    found.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Db;

    fn path(number: &str) -> Vec<String> {
        let db = Db::open_in_memory().unwrap();
        db.read(|tx| class_path(tx, number))
            .unwrap()
            .into_iter()
            .map(|c| format!("{} {}", c.code, c.name))
            .collect()
    }

    #[test]
    fn a_deeper_number_shows_the_path_of_the_classes_it_belongs_to() {
        assert_eq!(path("D62"), ["D 政治、法律", "D6 中国政治"]);
        assert_eq!(
            path("d62/15"),
            ["D 政治、法律", "D6 中国政治"],
            "a call number's class part, any case"
        );
        assert_eq!(
            path("A"),
            ["A 马克思主义、列宁主义、毛泽东思想、邓小平理论"]
        );
    }

    #[test]
    fn a_number_inside_a_range_class_belongs_to_it() {
        let p = path("D351");
        assert_eq!(p.last().map(String::as_str), Some("D33/37 各国共产党"));
    }

    #[test]
    fn an_unknown_number_has_no_path() {
        assert!(path("Ω1").is_empty());
    }

    #[test]
    fn the_picker_finds_classes_by_code_or_name_without_alternative_classes() {
        let db = Db::open_in_memory().unwrap();
        let found = db.read(|tx| search_classes(tx, "中国政治")).unwrap();
        assert_eq!(
            found.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
            ["D6"]
        );
        let all = db.read(|tx| search_classes(tx, "")).unwrap();
        assert!(all.iter().all(|c| !c.alternative));
        assert!(all.len() > 200, "the seeded table is there");
    }
}
