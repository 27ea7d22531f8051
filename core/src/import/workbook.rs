//! Reading a workbook that came from elsewhere without trusting it.
//!
//! An `.xlsx` is a zip of XML parts. Before calamine sees one, its central
//! directory is read and every XML part inflated into nothing with a cap,
//! so a broken directory is named and a zip bomb (a part that inflates to
//! gigabytes) is refused before anything is kept in memory. Its worksheets
//! are then read cell by cell into rows, not through calamine's dense
//! range, which would allocate the whole rectangle between two far-apart
//! cells (A1 and XFD1048576 is seventeen billion).

use std::borrow::Cow;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use super::grid::{Grid, MAX_CELLS, MAX_TEXT_BYTES};
use crate::error::{Error, Result};

const MB: u64 = 1024 * 1024;
/// The shared strings are all kept in memory while a sheet is read.
const MAX_SHARED_STRINGS_BYTES: u64 = 64 * MB;
/// The distinct texts a sheet may hold: calamine reserves room for as many
/// as the file claims before it reads one.
const MAX_UNIQUE_STRINGS: u64 = 2_000_000;
/// A worksheet is streamed, so it may be large; other parts are small.
const MAX_SHEET_BYTES: u64 = 256 * MB;
const MAX_OTHER_PART_BYTES: u64 = 32 * MB;
const MAX_TOTAL_BYTES: u64 = 512 * MB;
/// A workbook holds tens of parts; a zip with more is not a workbook.
const MAX_PARTS: u64 = 10_000;

/// Reads every sheet laid out as a table from an Excel or WPS workbook
/// (`.xlsx`, `.xls`, `.xlsb`, `.ods`, `.et`), by name, in the workbook's
/// order; a workbook with no table gives its first sheet with anything in
/// it. The caller chooses the sheet that is its list.
pub(super) fn read_workbook(bytes: &[u8]) -> Result<Vec<(String, Grid)>> {
    if bytes.starts_with(b"PK\x03\x04") {
        check_zip(bytes)?;
        if let Ok(book) = calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
            return read_xlsx(book);
        }
    }
    read_other(bytes)
}

/// `.xls`, `.xlsb` and `.ods`, through calamine's ranges. An `.xls` holds
/// at most 65,536 × 256 cells, so its range is bounded.
fn read_other(bytes: &[u8]) -> Result<Vec<(String, Grid)>> {
    // A workbook with an opening password is an OLE file holding an
    // "EncryptedPackage" (named in UTF-16 in its directory).
    let encrypted: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        && bytes.windows(encrypted.len()).any(|w| w == encrypted)
    {
        return Err(Error::invalid(
            "file",
            "这个 Excel 文件设了打开密码，无法读取。请在 Excel 或 WPS 中打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空）后另存，再导入。",
        ));
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    tables(book.sheet_names(), |name, filled| {
        let range = book.worksheet_range(name).map_err(|e| bad_sheet(name, e))?;
        // The range's cells count from its first used cell; the sheet's
        // rows from the top.
        let (top, left) = range.start().unwrap_or((0, 0));
        for (row, col, cell) in range.cells() {
            filled.push(
                top + row as u32,
                left + col as u32,
                &cell_text(&cell_ref(cell)),
            )?;
        }
        Ok(())
    })
}

fn read_xlsx(mut book: Xlsx<Cursor<&[u8]>>) -> Result<Vec<(String, Grid)>> {
    tables(book.sheet_names(), |name, filled| {
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            // A chart sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => return Ok(()),
            Err(e) => return Err(bad_sheet(name, e)),
        };
        while let Some(cell) = reader.next_cell().map_err(|e| bad_sheet(name, e))? {
            let (row, col) = cell.get_position();
            filled.push(row, col, &cell_text(cell.get_value()))?;
        }
        Ok(())
    })
}

/// The filled cells of a sheet as read, `(row, column, end of its text)`,
/// their text in one buffer: twelve bytes a cell until they are laid out
/// as rows. The caps hold for the whole workbook, however many sheets.
#[derive(Default)]
struct Filled {
    text: String,
    cells: Vec<(u32, u32, u32)>,
    /// Cells and text of the sheets read before this one.
    earlier_cells: usize,
    earlier_text: usize,
}

impl Filled {
    fn push(&mut self, row: u32, col: u32, text: &str) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        if self.earlier_cells + self.cells.len() == MAX_CELLS {
            return Err(too_many_cells());
        }
        if self.earlier_text + self.text.len() + text.len() > MAX_TEXT_BYTES {
            return Err(too_much_text());
        }
        self.text.push_str(text);
        self.cells.push((row, col, self.text.len() as u32));
        Ok(())
    }

    /// Cell `i`'s text.
    fn text(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.cells[i - 1].2 };
        &self.text[start as usize..self.cells[i].2 as usize]
    }

    /// The rows of the filled cells, in row order, column 0 being the
    /// sheet's first used column (a cell written twice keeps its last
    /// text). Blank rows are left out, as the CSV reader leaves out blank
    /// lines: an error's row is the same data row whichever format the
    /// list is in.
    fn lay_out(&mut self) -> Result<Grid> {
        let mut order: Vec<usize> = (0..self.cells.len()).collect();
        // Stable: of a cell written twice, the last stays last.
        order.sort_by_key(|&i| (self.cells[i].0, self.cells[i].1));
        let first_col = self.cells.iter().map(|c| c.1).min().unwrap_or(0);
        let mut grid = Grid::new();
        let mut row: Vec<(usize, &str)> = Vec::new();
        let mut at = 0;
        while at < order.len() {
            let line = self.cells[order[at]].0;
            row.clear();
            while at < order.len() && self.cells[order[at]].0 == line {
                let i = order[at];
                let col = (self.cells[i].1 - first_col) as usize;
                match row.last_mut() {
                    Some(last) if last.0 == col => last.1 = self.text(i),
                    _ => row.push((col, self.text(i))),
                }
                at += 1;
            }
            let width = row.last().map_or(0, |c| c.0 + 1);
            if self.earlier_cells + grid.cells() + width > MAX_CELLS {
                return Err(too_many_cells());
            }
            grid.push_sparse_row(width, row.iter().copied())?;
            grid.set_line(line as usize + 1);
        }
        self.earlier_cells += grid.cells();
        self.earlier_text += self.text.len();
        self.text = String::new();
        self.cells = Vec::new();
        Ok(grid)
    }
}

/// The sheets laid out as tables: lists often come after an empty sheet,
/// or a "填写说明" sheet of notes one per line, and a reading room's own
/// workbook keeps 读者, 书籍 and 借阅记录 side by side. With no table, the
/// first sheet with anything in it.
fn tables(
    names: Vec<String>,
    mut read: impl FnMut(&str, &mut Filled) -> Result<()>,
) -> Result<Vec<(String, Grid)>> {
    let mut found = Vec::new();
    let mut first_filled = None;
    let mut filled = Filled::default();
    for name in names {
        read(&name, &mut filled)?;
        let grid = filled.lay_out()?;
        if looks_like_a_table(&grid) {
            found.push((name, grid));
        } else if first_filled.is_none() && !grid.is_empty() {
            first_filled = Some((name, grid));
        }
    }
    if found.is_empty() {
        found.extend(first_filled);
    }
    Ok(found)
}

/// Whether a sheet has, near its top, a row of two or more filled cells: a
/// header row, where a sheet of notes has one cell a line.
fn looks_like_a_table(grid: &Grid) -> bool {
    grid.iter()
        .take(20)
        .any(|row| row.iter().filter(|c| !c.is_empty()).count() >= 2)
}

/// A cell as the text a user sees in Excel: whole numbers without `.0`,
/// dates as `2026-11-26`.
fn cell_text<'a>(cell: &'a DataRef<'_>) -> Cow<'a, str> {
    match cell {
        DataRef::Empty => Cow::Borrowed(""),
        DataRef::String(s) => Cow::Borrowed(s.trim()),
        DataRef::SharedString(s) => Cow::Borrowed(s.trim()),
        DataRef::Int(i) => Cow::Owned(i.to_string()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
            Cow::Owned(format!("{}", *f as i64))
        }
        DataRef::Float(f) => Cow::Owned(f.to_string()),
        DataRef::Bool(b) => Cow::Borrowed(if *b { "是" } else { "否" }),
        DataRef::DateTime(dt) => Cow::Owned(match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Some(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            None => dt.as_f64().to_string(),
        }),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cow::Borrowed(s),
        DataRef::Error(e) => Cow::Owned(format!("#{e:?}")),
    }
}

fn cell_ref(cell: &Data) -> DataRef<'_> {
    match cell {
        Data::Empty => DataRef::Empty,
        Data::String(s) => DataRef::SharedString(s),
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
    }
}

/// Reads the zip's directory and inflates each XML part into nothing,
/// counting: a broken directory, a damaged part or one that inflates past
/// its cap refuses the file before calamine keeps anything.
fn check_zip(bytes: &[u8]) -> Result<()> {
    if let Some(parts) = declared_parts(bytes)
        && parts > MAX_PARTS
    {
        return Err(Error::invalid(
            "file",
            format!("文件内含 {parts} 个部件，不像 Excel 表格，已拒绝读取。"),
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(broken)?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let lower = name.to_ascii_lowercase();
        if !(lower.ends_with(".xml") || lower.ends_with(".rels")) {
            continue;
        }
        let shared = lower.ends_with("sharedstrings.xml");
        let cap = if shared {
            MAX_SHARED_STRINGS_BYTES
        } else if lower.contains("worksheets/") {
            MAX_SHEET_BYTES
        } else {
            MAX_OTHER_PART_BYTES
        };
        let mut head = [0u8; 4096];
        let mut head_len = 0;
        while head_len < head.len() {
            match part.read(&mut head[head_len..]).map_err(broken)? {
                0 => break,
                n => head_len += n,
            }
        }
        let rest =
            std::io::copy(&mut (&mut part).take(cap + 1), &mut std::io::sink()).map_err(broken)?;
        let size = head_len as u64 + rest;
        if size > cap {
            return Err(bomb(&name, cap));
        }
        total += size;
        if total > MAX_TOTAL_BYTES {
            return Err(bomb(&name, MAX_TOTAL_BYTES));
        }
        if shared
            && let Some(n) = unique_count(&head[..head_len])
            && (n > MAX_UNIQUE_STRINGS || n > size / 5 + 1)
        {
            return Err(Error::invalid(
                "file",
                format!(
                    "文件声称有 {n} 个不同的文字（共享字符串），与其内容不符或过多，已拒绝读取。\
                     请在 Excel 或 WPS 中打开并另存为 .xlsx，或拆分后分批导入。"
                ),
            ));
        }
    }
    Ok(())
}

/// The entry count of the zip's end-of-directory record (its Zip64 record
/// when the count does not fit 16 bits), read before the directory itself
/// is read into memory; `None` if there is no such record (the zip reader
/// then says the file is broken).
fn declared_parts(bytes: &[u8]) -> Option<u64> {
    let from = bytes.len().saturating_sub(22 + 65_535);
    let at = (from..=bytes.len().checked_sub(22)?)
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))?;
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let count = u16_at(at + 10);
    if count != u16::MAX {
        return Some(count.into());
    }
    let locator = at.checked_sub(20)?;
    if !bytes[locator..].starts_with(b"PK\x06\x07") {
        return Some(count.into());
    }
    let u64_at = |i: usize| -> Option<u64> {
        Some(u64::from_le_bytes(bytes.get(i..i + 8)?.try_into().ok()?))
    };
    let record = usize::try_from(u64_at(locator + 8)?).ok()?;
    if !bytes.get(record..)?.starts_with(b"PK\x06\x06") {
        return None;
    }
    u64_at(record + 32)
}

/// `uniqueCount` from the opening `<sst …>` tag of sharedStrings.xml.
fn unique_count(head: &[u8]) -> Option<u64> {
    let key = b"uniqueCount=";
    let at = head.windows(key.len()).position(|w| w == key)? + key.len();
    let digits: Vec<u8> = head[at..]
        .iter()
        .skip(1)
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    if digits.len() > 18 {
        return Some(u64::MAX);
    }
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

fn broken(e: impl std::fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!(
            "Excel 文件已损坏，无法读取（{e}）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后重试。"
        ),
    )
}

fn bomb(part: &str, cap: u64) -> Error {
    Error::invalid(
        "file",
        format!(
            "文件中的“{part}”解压后超过 {} MB，不像正常的表格（可能是恶意构造的“压缩炸弹”），已拒绝读取。",
            cap / MB
        ),
    )
}

fn too_many_cells() -> Error {
    Error::invalid(
        "file",
        format!(
            "表格有内容的区域太大（超过 {} 万个单元格）。请删去无关的行和列，或拆分后分批导入。",
            MAX_CELLS / 10_000
        ),
    )
}

fn too_much_text() -> Error {
    Error::invalid(
        "file",
        format!(
            "表格的文字超过 {} MB，超出一次导入能读的范围。请删去无关的行和列，或拆分后分批导入。",
            MAX_TEXT_BYTES / (1024 * 1024)
        ),
    )
}

fn unreadable(e: impl std::fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!("无法读取 Excel 文件：{e}。请在 Excel 或 WPS 中另存为 .xlsx 后重试。"),
    )
}

fn bad_sheet(name: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid("file", format!("无法读取工作表“{name}”：{e}"))
}
