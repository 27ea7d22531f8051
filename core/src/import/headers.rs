//! Mapping a file's header row to fields, by the names librarians and
//! clerks actually write, in Chinese or English, in any order.

use crate::error::{Error, Result};
use crate::text::fold_width;

use super::Grid;

/// A field an importer reads, and the header names that mean it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The stable key (`name`, `card_barcode`), used in reports.
    pub key: &'static str,
    /// The Chinese name shown to users.
    pub label: &'static str,
    /// Header names that mean this field (compared after normalising).
    pub names: &'static [&'static str],
    /// Whether a file without this column cannot be imported.
    pub required: bool,
}

/// Which column holds which field, and which columns were not recognised.
#[derive(Debug, Clone)]
pub struct Mapping {
    columns: Vec<(&'static str, usize)>,
    /// Further columns that mean a field another column already holds
    /// (Goodreads' ISBN and ISBN13): read where the first is empty.
    alternates: Vec<(&'static str, usize)>,
    ignored: Vec<String>,
    uses: Vec<super::ColumnUse>,
}

/// How many leading rows may hold a title above the header row.
const HEADER_SEARCH_ROWS: usize = 10;

fn normalize(header: &str) -> String {
    let h = fold_width(header).to_lowercase();
    let h = h
        .replace(['*', ':', '：', '（', '）', '(', ')'], "")
        .replace("必填", "");
    h.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect()
}

impl Mapping {
    /// Maps one header row.
    pub fn from_headers<S: AsRef<str>>(
        headers: &[S],
        fields: &[Field],
        overrides: &[(String, String)],
    ) -> Mapping {
        let mut columns: Vec<(&'static str, usize)> = Vec::new();
        let mut alternates: Vec<(&'static str, usize)> = Vec::new();
        let mut ignored = Vec::new();
        let mut uses = Vec::new();
        // The user's choices first, so a recognised column cannot take a
        // field the user gave to another column.
        let chosen = |header: &str| {
            overrides
                .iter()
                .find(|(h, _)| h.trim() == header.trim())
                .map(|(_, k)| k.as_str())
        };
        let headers = headers.iter().map(AsRef::as_ref);
        for (col, header) in headers.clone().enumerate() {
            if let Some(f) = chosen(header).and_then(|k| fields.iter().find(|f| f.key == k))
                && !columns.iter().any(|(k, _)| *k == f.key)
            {
                columns.push((f.key, col));
            }
        }
        for (col, header) in headers.enumerate() {
            let n = normalize(header);
            if n.is_empty() {
                continue;
            }
            let field = match chosen(header) {
                Some(_) => columns
                    .iter()
                    .find(|(_, c)| *c == col)
                    .and_then(|(k, _)| fields.iter().find(|f| f.key == *k)),
                None => fields
                    .iter()
                    .find(|f| {
                        !columns.iter().any(|(k, _)| k == &f.key)
                            && f.names.iter().any(|name| normalize(name) == n)
                    })
                    .or_else(|| {
                        // A second column of a field already held stands in
                        // where the first is empty.
                        let taken = fields.iter().find(|f| {
                            f.names.iter().any(|name| normalize(name) == n)
                                && !overrides.iter().any(|(_, k)| k == f.key)
                        })?;
                        alternates.push((taken.key, col));
                        Some(taken)
                    }),
            };
            match field {
                Some(f) => {
                    if !columns.iter().any(|(_, c)| *c == col) {
                        columns.push((f.key, col));
                    }
                    uses.push(super::ColumnUse {
                        header: header.trim().to_owned(),
                        field: Some(f.key.to_owned()),
                    });
                }
                None => {
                    ignored.push(header.trim().to_owned());
                    uses.push(super::ColumnUse {
                        header: header.trim().to_owned(),
                        field: None,
                    });
                }
            }
        }
        Mapping {
            columns,
            alternates,
            ignored,
            uses,
        }
    }

    /// How much `grid` looks like a list of `fields`: the most fields a
    /// header row near its top names, 0 when a required one is missing.
    pub fn score(grid: &Grid, fields: &[Field]) -> usize {
        grid.iter()
            .take(HEADER_SEARCH_ROWS)
            .map(|row| Mapping::from_headers(&row.iter().collect::<Vec<_>>(), fields, &[]))
            .filter(|m| {
                fields
                    .iter()
                    .filter(|f| f.required)
                    .all(|f| m.column(f.key).is_some())
            })
            .map(|m| m.columns.len())
            .max()
            .unwrap_or(0)
    }

    /// Every non-empty column and the field it is read as, in file order.
    pub fn uses(&self) -> &[super::ColumnUse] {
        &self.uses
    }

    /// Finds the header row (the one among the first rows that names the
    /// most fields; a title row above it is allowed) and maps it.
    pub fn find(
        grid: &Grid,
        fields: &[Field],
        overrides: &[(String, String)],
    ) -> Result<(usize, Mapping)> {
        let best = grid
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .enumerate()
            .map(|(i, row)| {
                let headers: Vec<&str> = row.iter().collect();
                (i, Mapping::from_headers(&headers, fields, overrides))
            })
            .max_by_key(|(i, m)| (m.columns.len(), std::cmp::Reverse(*i)));
        let Some((line, mapping)) = best.filter(|(_, m)| !m.columns.is_empty()) else {
            let expected: Vec<&str> = fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.label)
                .collect();
            let loans = ["借阅", "借出", "还书", "应还", "归还", "动作", "借书日期"];
            let looks_like_loans = grid.iter().take(HEADER_SEARCH_ROWS).any(|row| {
                row.iter()
                    .filter(|c| loans.iter().any(|w| c.contains(w)))
                    .count()
                    >= 2
            });
            let hint = if looks_like_loans {
                "这张表看起来是借阅记录，不是要导入的清单。"
            } else {
                ""
            };
            return Err(Error::invalid(
                "file",
                format!(
                    "{hint}找不到表头行。第一行应为列名，至少包含：{}。",
                    expected.join("、")
                ),
            ));
        };
        if let Some(missing) = fields
            .iter()
            .find(|f| f.required && mapping.column(f.key).is_none())
        {
            let names = missing
                .names
                .iter()
                .take(3)
                .copied()
                .collect::<Vec<_>>()
                .join("、");
            return Err(Error::invalid(
                missing.key,
                format!("表头中缺少“{}”列（可用列名：{names}）。", missing.label),
            ));
        }
        Ok((line, mapping))
    }

    /// The column holding `key`.
    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| *c)
    }

    /// Further columns holding `key`, read where the first is empty.
    pub fn alternates<'a>(&'a self, key: &'a str) -> impl Iterator<Item = usize> + 'a {
        self.alternates
            .iter()
            .filter(move |(k, _)| *k == key)
            .map(|(_, c)| *c)
    }

    /// Headers that matched no field.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field {
            key: "name",
            label: "姓名",
            names: &["姓名", "name"],
            required: true,
        },
        Field {
            key: "card_barcode",
            label: "借书证号",
            names: &["借书证号", "证号", "卡号", "card"],
            required: false,
        },
    ];

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn headers_match_in_any_order_language_and_width() {
        let m = Mapping::from_headers(&row(&["序号", " 卡号 ", "Ｎａｍｅ*"]), FIELDS, &[]);
        assert_eq!(m.column("name"), Some(2));
        assert_eq!(m.column("card_barcode"), Some(1));
        assert_eq!(
            m.ignored(),
            ["序号"],
            "unknown columns are reported, not imported"
        );
    }

    #[test]
    fn the_user_can_map_an_unknown_column_and_leave_out_a_known_one() {
        let headers = row(&["读者", "卡号", "工号"]);
        let overrides = vec![
            ("读者".to_owned(), "name".to_owned()),
            ("卡号".to_owned(), String::new()),
        ];
        let m = Mapping::from_headers(&headers, FIELDS, &overrides);
        assert_eq!(
            m.column("name"),
            Some(0),
            "读者 holds the names, as the user said"
        );
        assert_eq!(
            m.column("card_barcode"),
            None,
            "卡号 was left out by the user"
        );
        let uses: Vec<_> = m
            .uses()
            .iter()
            .map(|u| (u.header.as_str(), u.field.as_deref()))
            .collect();
        assert_eq!(
            uses,
            [("读者", Some("name")), ("卡号", None), ("工号", None)]
        );
    }

    #[test]
    fn a_title_row_above_the_headers_is_skipped() {
        let grid = Grid::from_rows([
            row(&["2026年读者名单", "", ""]),
            row(&["序号", "姓名", "证号"]),
            row(&["1", "张三", "C1"]),
        ])
        .unwrap();
        let (line, m) = Mapping::find(&grid, FIELDS, &[]).unwrap();
        assert_eq!((line, m.column("name")), (1, Some(1)));
    }

    #[test]
    fn a_file_without_a_required_column_is_refused_with_the_names_to_use() {
        let grid = Grid::from_rows([row(&["证号"]), row(&["C1"])]).unwrap();
        let err = Mapping::find(&grid, FIELDS, &[]).unwrap_err();
        assert!(err.to_string().contains("姓名"), "{err}");
    }
}
