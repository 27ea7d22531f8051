//! A table as an import holds it: every cell's text in one buffer, each
//! cell an offset into it, each row a run of cells. Memory grows with the
//! file's text (four bytes a cell, four a row), not a heap block per cell,
//! so a million-row catalogue is read in one piece; the caps bound what a
//! file built to exhaust memory can make it hold.

use std::fmt;

use crate::error::{Error, Result};

/// The most text a table holds: a CSV file of [`super::table::MAX_FILE_BYTES`]
/// in GB18030 or UTF-16 grows by half when decoded, and no more.
pub const MAX_TEXT_BYTES: usize = 300 * 1024 * 1024;
/// The most cells a table holds, empty ones included: a million rows of
/// thirty columns, in 128 MB of offsets.
pub const MAX_CELLS: usize = 32_000_000;
/// The most rows: twice what Excel holds.
pub const MAX_ROWS: usize = 2_000_000;
/// The most cells of one row: Excel's 16,384 columns.
pub const MAX_COLUMNS: usize = 16_384;

/// A sheet as rows of cell text; row `i` is the `i + 1`-th non-blank line
/// of the file.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Grid {
    text: String,
    /// Where each cell's text ends in `text`; it starts where the previous
    /// cell's ends.
    cell_ends: Vec<u32>,
    /// Where each row's cells end in `cell_ends`.
    row_ends: Vec<u32>,
    /// Each row's line in the file or sheet (1-based, as Excel numbers its
    /// rows), when the reader gave them all: blank lines are left out of
    /// the table, so row `i` need not be line `i + 1`.
    lines: Vec<u32>,
}

/// One row of a [`Grid`]: its cells' text, in column order.
#[derive(Clone, Copy)]
pub struct Cells<'a> {
    text: &'a str,
    /// The row's cells' ends in `text`.
    ends: &'a [u32],
    /// Where the row's first cell starts in `text`.
    start: u32,
}

impl Grid {
    /// An empty table.
    pub fn new() -> Grid {
        Grid::default()
    }

    /// A table of these rows, or the message of the cap a row passes.
    pub fn from_rows<R, C>(rows: impl IntoIterator<Item = R>) -> Result<Grid>
    where
        R: IntoIterator<Item = C>,
        C: AsRef<str>,
    {
        let mut grid = Grid::new();
        for row in rows {
            grid.push_row(row)?;
        }
        Ok(grid)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.row_ends.len()
    }

    /// Whether the table has no row.
    pub fn is_empty(&self) -> bool {
        self.row_ends.is_empty()
    }

    /// The number of cells, empty ones included.
    pub fn cells(&self) -> usize {
        self.cell_ends.len()
    }

    /// Row `i`, or `None` past the last.
    pub fn get(&self, i: usize) -> Option<Cells<'_>> {
        let end = *self.row_ends.get(i)? as usize;
        let first = if i == 0 {
            0
        } else {
            self.row_ends[i - 1] as usize
        };
        let start = if first == 0 {
            0
        } else {
            self.cell_ends[first - 1]
        };
        Some(Cells {
            text: &self.text,
            ends: &self.cell_ends[first..end],
            start,
        })
    }

    /// Row `i`; panics past the last, as indexing a slice does.
    pub fn row(&self, i: usize) -> Cells<'_> {
        self.get(i)
            .unwrap_or_else(|| panic!("row {i} of a table of {} rows", self.len()))
    }

    /// The rows, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Cells<'_>> + DoubleEndedIterator + '_ {
        (0..self.len()).map(|i| self.row(i))
    }

    /// Notes the line (1-based) of the row just added. Lines are kept only
    /// when every row has one.
    pub fn set_line(&mut self, line: usize) {
        if self.lines.len() + 1 == self.row_ends.len() {
            self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        }
    }

    /// The line in the file or sheet of row `i`, when known.
    pub fn line(&self, i: usize) -> Option<usize> {
        if self.lines.len() != self.row_ends.len() {
            return None;
        }
        self.lines.get(i).map(|&l| l as usize)
    }

    /// Adds a row; refused past a cap ([`MAX_COLUMNS`], [`MAX_CELLS`],
    /// [`MAX_ROWS`], [`MAX_TEXT_BYTES`]), the table then being unfinished.
    pub fn push_row<C: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = C>) -> Result<()> {
        if self.row_ends.len() == MAX_ROWS {
            return Err(too_big(format!("表格超过 {} 万行，", MAX_ROWS / 10_000)));
        }
        let first = self.cell_ends.len();
        for cell in cells {
            self.push_cell(cell.as_ref(), first)?;
        }
        self.end_row();
        Ok(())
    }

    /// Adds a row of `width` cells from the filled ones `(column, text)`,
    /// in column order; the others are empty.
    pub(super) fn push_sparse_row<'t>(
        &mut self,
        width: usize,
        filled: impl IntoIterator<Item = (usize, &'t str)>,
    ) -> Result<()> {
        if width > MAX_COLUMNS {
            return Err(too_wide(self.len() + 1));
        }
        if self.cell_ends.len() + width > MAX_CELLS {
            return Err(too_many_cells());
        }
        let first = self.cell_ends.len();
        for (col, text) in filled {
            while self.cell_ends.len() < first + col {
                self.push_cell("", first)?;
            }
            self.push_cell(text, first)?;
        }
        while self.cell_ends.len() < first + width {
            self.push_cell("", first)?;
        }
        self.end_row();
        Ok(())
    }

    fn push_cell(&mut self, text: &str, row_start: usize) -> Result<()> {
        if self.cell_ends.len() - row_start == MAX_COLUMNS {
            return Err(too_wide(self.len() + 1));
        }
        if self.cell_ends.len() == MAX_CELLS {
            return Err(too_many_cells());
        }
        if self.text.len() + text.len() > MAX_TEXT_BYTES {
            return Err(too_big(format!(
                "表格的文字超过 {} MB，",
                MAX_TEXT_BYTES / (1024 * 1024)
            )));
        }
        self.text.push_str(text);
        // Below MAX_TEXT_BYTES, which is below u32::MAX.
        self.cell_ends.push(self.text.len() as u32);
        Ok(())
    }

    fn end_row(&mut self) {
        // Below MAX_CELLS, which is below u32::MAX.
        self.row_ends.push(self.cell_ends.len() as u32);
    }
}

impl<'a> Cells<'a> {
    /// The number of cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cell.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text of column `col`; empty past the row's last cell, as a
    /// spreadsheet's cell is.
    pub fn get(&self, col: usize) -> &'a str {
        let Some(&end) = self.ends.get(col) else {
            return "";
        };
        let start = if col == 0 {
            self.start
        } else {
            self.ends[col - 1]
        };
        &self.text[start as usize..end as usize]
    }

    /// The cells' text, in column order.
    pub fn iter(&self) -> CellsIter<'a> {
        CellsIter {
            row: *self,
            front: 0,
            back: self.len(),
        }
    }

    /// The cells as owned text.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_owned).collect()
    }
}

/// The cells of a row, in column order.
#[derive(Clone)]
pub struct CellsIter<'a> {
    row: Cells<'a>,
    front: usize,
    back: usize,
}

impl<'a> Iterator for CellsIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        (self.front < self.back).then(|| {
            self.front += 1;
            self.row.get(self.front - 1)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for CellsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        (self.front < self.back).then(|| {
            self.back -= 1;
            self.row.get(self.back)
        })
    }
}

impl ExactSizeIterator for CellsIter<'_> {}

impl<'a> IntoIterator for Cells<'a> {
    type Item = &'a str;
    type IntoIter = CellsIter<'a>;

    fn into_iter(self) -> CellsIter<'a> {
        self.iter()
    }
}

impl fmt::Debug for Grid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for Cells<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: AsRef<str>> PartialEq<[T]> for Cells<'_> {
    fn eq(&self, other: &[T]) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<T: AsRef<str>, const N: usize> PartialEq<[T; N]> for Cells<'_> {
    fn eq(&self, other: &[T; N]) -> bool {
        *self == other[..]
    }
}

impl<T: AsRef<str>> PartialEq<Vec<T>> for Cells<'_> {
    fn eq(&self, other: &Vec<T>) -> bool {
        *self == other[..]
    }
}

impl PartialEq for Cells<'_> {
    fn eq(&self, other: &Cells<'_>) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T: AsRef<str>> PartialEq<Vec<Vec<T>>> for Grid {
    fn eq(&self, other: &Vec<Vec<T>>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(row, o)| row == *o)
    }
}

fn too_big(what: String) -> Error {
    Error::invalid(
        "file",
        format!("{what}超出一次导入能读的范围。请删去无关的行和列，或拆分后分批导入。"),
    )
}

/// A row of the file past [`MAX_COLUMNS`], by its line.
pub(super) fn too_wide(line: usize) -> Error {
    Error::invalid(
        "file",
        format!(
            "第 {line} 行超过 {MAX_COLUMNS} 列（Excel 一行最多 1.6 万个单元格），不像书目或名单。\
             请删去多余的列（常见于多余的逗号），或在 Excel 中另存为 .xlsx 后再导入。"
        ),
    )
}

fn too_many_cells() -> Error {
    Error::invalid(
        "file",
        format!(
            "表格太大（超过 {} 万个单元格）。请删去无关的行和列，或拆分后分批导入。",
            MAX_CELLS / 10_000
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_give_back_their_cells_empty_ones_and_all() {
        let grid = Grid::from_rows([vec!["书名", "", "作者"], vec![], vec!["乡土中国"]]).unwrap();
        assert_eq!(grid.len(), 3);
        assert_eq!(grid.row(0), ["书名", "", "作者"]);
        assert!(grid.row(1).is_empty(), "a row of no cells stays one");
        assert_eq!(grid.row(2).get(0), "乡土中国");
        assert_eq!(grid.row(2).get(5), "", "past the row's end a cell is empty");
        assert_eq!(grid.cells(), 4);
        assert!(grid.get(3).is_none());
    }

    #[test]
    fn a_sparse_row_fills_its_gaps_with_empty_cells() {
        let mut grid = Grid::new();
        grid.push_sparse_row(5, [(1, "甲"), (3, "乙")]).unwrap();
        assert_eq!(grid.row(0), ["", "甲", "", "乙", ""]);
    }

    #[test]
    fn a_row_past_excels_width_is_refused_in_words_that_say_so() {
        let mut grid = Grid::new();
        assert!(
            grid.push_row(vec![""; MAX_COLUMNS]).is_ok(),
            "Excel's widest row"
        );
        let e = grid.push_row(vec![""; MAX_COLUMNS + 1]).unwrap_err();
        assert!(e.to_string().contains("万个单元格"), "{e}");
        assert!(e.to_string().contains("第 2 行"), "{e}");
        let e = Grid::new()
            .push_sparse_row(MAX_COLUMNS + 1, [])
            .unwrap_err();
        assert!(e.to_string().contains("第 1 行"), "{e}");
    }

    #[test]
    fn memory_is_the_text_and_four_bytes_a_cell() {
        let grid = Grid::from_rows((0..1000).map(|i| [format!("第{i}本"), "某某".into()])).unwrap();
        assert_eq!(grid.cell_ends.len(), 2000);
        assert_eq!(
            grid.text.len(),
            grid.iter()
                .flat_map(|r| r.iter())
                .map(str::len)
                .sum::<usize>(),
            "each cell's text once, nothing between"
        );
    }
}
