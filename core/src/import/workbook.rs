//! Reading a workbook that came from elsewhere without trusting it.
//!
//! An `.xlsx` is a zip of XML parts. Before calamine sees one, its central
//! directory is read and every XML part inflated into nothing with a cap,
//! so a broken directory is named and a zip bomb (a part that inflates to
//! gigabytes) is refused before anything is kept in memory. Its worksheets
//! are then read cell by cell into rows, not through calamine's dense
//! range, which would allocate the whole rectangle between two far-apart
//! cells (A1 and XFD1048576 is seventeen billion).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{Data, DataRef, Reader, Xlsx, XlsxError};

use super::table::Grid;
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
/// Cells of the rows kept, counted from each row's first used column to its
/// last: 5,000 rows of 1,000 columns.
pub(super) const MAX_CELLS: usize = 5_000_000;

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
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    tables(book.sheet_names(), |name| {
        let range = book.worksheet_range(name).map_err(|e| bad_sheet(name, e))?;
        let cells = range.cells().filter_map(|(row, col, cell)| {
            let text = cell_text(&cell_ref(cell));
            (!text.is_empty()).then_some((row as u32, col as u32, text))
        });
        rows_of(cells)
    })
}

fn read_xlsx(mut book: Xlsx<Cursor<&[u8]>>) -> Result<Vec<(String, Grid)>> {
    let mut kept = 0;
    tables(book.sheet_names(), |name| {
        let mut reader = match book.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            // A chart sheet holds no cells.
            Err(XlsxError::NotAWorksheet(_)) => return Ok(Grid::new()),
            Err(e) => return Err(bad_sheet(name, e)),
        };
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell().map_err(|e| bad_sheet(name, e))? {
            let text = cell_text(cell.get_value());
            if !text.is_empty() {
                // The cap holds for the whole workbook, however many sheets.
                if kept == MAX_CELLS {
                    return Err(too_many_cells());
                }
                kept += 1;
                let (row, col) = cell.get_position();
                cells.push((row, col, text));
            }
        }
        rows_of(cells.into_iter())
    })
}

/// The sheets laid out as tables: lists often come after an empty sheet,
/// or a "填写说明" sheet of notes one per line, and a reading room's own
/// workbook keeps 读者, 书籍 and 借阅记录 side by side. With no table, the
/// first sheet with anything in it.
fn tables(
    names: Vec<String>,
    mut read: impl FnMut(&str) -> Result<Grid>,
) -> Result<Vec<(String, Grid)>> {
    let mut found = Vec::new();
    let mut first_filled = None;
    for name in names {
        let grid = read(&name)?;
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

/// Rows from the filled cells `(row, column, text)`, in row order, column
/// 0 being the sheet's first used column. Blank rows are left out, as the
/// CSV reader leaves out blank lines: an error's row is the same data row
/// whichever format the list is in.
fn rows_of(cells: impl Iterator<Item = (u32, u32, String)>) -> Result<Grid> {
    let mut rows: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut first_col = u32::MAX;
    for (row, col, text) in cells {
        first_col = first_col.min(col);
        rows.entry(row).or_default().push((col, text));
    }
    let mut total = 0usize;
    let mut grid = Grid::with_capacity(rows.len());
    for (_, cells) in rows {
        let width = cells
            .iter()
            .map(|(c, _)| c - first_col + 1)
            .max()
            .unwrap_or(0) as usize;
        total += width;
        if total > MAX_CELLS {
            return Err(too_many_cells());
        }
        let mut line = vec![String::new(); width];
        for (col, text) in cells {
            line[(col - first_col) as usize] = text;
        }
        grid.push(line);
    }
    Ok(grid)
}

/// A cell as the text a user sees in Excel: whole numbers without `.0`,
/// dates as `2026-11-26`.
fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.trim().to_owned(),
        DataRef::SharedString(s) => s.trim().to_owned(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => d.format("%Y-%m-%d").to_string(),
            Some(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            None => dt.as_f64().to_string(),
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
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

fn unreadable(e: impl std::fmt::Display) -> Error {
    Error::invalid(
        "file",
        format!("无法读取 Excel 文件：{e}。请在 Excel 或 WPS 中另存为 .xlsx 后重试。"),
    )
}

fn bad_sheet(name: &str, e: impl std::fmt::Display) -> Error {
    Error::invalid("file", format!("无法读取工作表“{name}”：{e}"))
}
