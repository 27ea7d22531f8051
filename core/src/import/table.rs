//! Reading what users bring — `.xlsx`/`.xls` from Excel or WPS, `.csv` in
//! UTF-8 (with or without BOM), GB18030/GBK or UTF-16 — into a grid of text.

use std::borrow::Cow;

use super::grid::Grid;
use crate::error::{Error, Result};

/// The largest file an import reads: a catalogue of a million titles
/// exported as CSV; a reading room's lists are far smaller.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// Reads a spreadsheet or CSV file from its bytes; `name` (the file name)
/// only helps tell the format when the bytes do not.
pub fn read_grid(bytes: &[u8], name: &str) -> Result<Grid> {
    Ok(read_tables(bytes, name)?
        .into_iter()
        .next()
        .map(|(_, grid)| grid)
        .unwrap_or_default())
}

/// Every table of a file: a workbook's sheets laid out as tables, by name;
/// a CSV or text file's one table (no name).
pub fn read_tables(bytes: &[u8], name: &str) -> Result<Vec<(Option<String>, Grid)>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            "文件太大（超过 200 MB），请拆分后分批导入。",
        ));
    }
    let lower = name.to_lowercase();
    if let Some(e) = not_a_table(bytes, name) {
        return Err(e);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(super::workbook::read_workbook(bytes)?
            .into_iter()
            .map(|(sheet, grid)| (Some(sheet), grid))
            .collect());
    }
    if [".xlsx", ".xls", ".xlsm", ".et"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        && !bytes.is_empty()
    {
        // Many systems' "Excel" export is plain tab-separated text named
        // .xls: read as the table it is. (A web page's table named .xls is
        // named for what it is by `not_a_table`.)
        if let Ok(text) = decode_text(bytes) {
            let head = text.trim_start_matches('\u{feff}').trim_start();
            let first = head.lines().next().unwrap_or("");
            if (first.contains('\t') || first.contains(',')) && !text.contains(['\0', '\u{fffd}']) {
                return Ok(vec![(None, read_csv(&text)?)]);
            }
        }
        return Err(Error::invalid(
            "file",
            format!("{name} 不是有效的 Excel 文件（可能已损坏，或只是改了扩展名）。"),
        ));
    }
    Ok(vec![(None, read_csv(&decode_text(bytes)?)?)])
}

/// What a file that is no table is, in words that say what to do: an empty
/// file, an archive, a PDF, MARC records. `None` for anything else.
pub fn not_a_table(bytes: &[u8], name: &str) -> Option<Error> {
    let lower = name.to_lowercase();
    let said = |message: String| Some(Error::invalid("file", message));
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return said(format!(
            "{name} 是空文件（{} 字节），里面没有可导入的内容。请在原系统重新导出后再试。",
            bytes.len()
        ));
    }
    let archive = if bytes.starts_with(&[0x1F, 0x8B]) {
        Some("gzip 压缩文件")
    } else if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        Some("7z 压缩包")
    } else if bytes.starts_with(b"Rar!") {
        Some("RAR 压缩包")
    } else if bytes.starts_with(b"PK\x03\x04") && lower.ends_with(".zip") {
        Some("zip 压缩包")
    } else {
        None
    };
    if let Some(kind) = archive {
        return said(format!(
            "{name} 是{kind}，不是表格或 MARC 文件。请先解压（可用 7-Zip 或系统自带的解压），再导入解压出的文件。"
        ));
    }
    if bytes.starts_with(b"%PDF") {
        return said(format!(
            "{name} 是 PDF 文件，无法从中读出表格。请在原系统导出为 Excel（.xlsx）或 CSV 后再导入。"
        ));
    }
    if sniff_marc(bytes).is_some() {
        return said(format!(
            "{name} 是 MARC 书目记录，不是表格。书目请在“书目 → 导入”中导入（格式选“自动识别”或 MARC）。"
        ));
    }
    // XML that is not MARC, or a web page saved from a browser.
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]);
    if head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        // Many systems' "Excel" export is a web page's table named .xls.
        if [".xls", ".et"].iter().any(|ext| lower.ends_with(ext)) {
            return said(format!(
                "{name} 其实是网页（HTML）格式的表格，不是真正的 Excel 文件（有些系统导出的 .xls 就是这样）。请用 Excel 或 WPS 打开它，“另存为” .xlsx 后再导入。"
            ));
        }
        return said(format!(
            "{name} 是 XML 或网页文件，不是表格，也不是 MARC XML。请在原系统导出为 Excel（.xlsx）、CSV 或 MARC 后再导入。"
        ));
    }
    None
}

/// Decodes text as Chinese Excel and WPS write it: UTF-8 (BOM or not),
/// UTF-16 with a BOM ("Unicode 文本"), otherwise GB18030 (a superset of GBK).
/// UTF-8 is borrowed, not copied: a list may be tens of megabytes.
pub fn decode_text(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| undecodable());
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, bad) = encoding_rs::UTF_16LE.decode(bytes);
        return if bad { Err(undecodable()) } else { Ok(text) };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    let (text, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if bad || text.contains('\0') {
        return Err(undecodable());
    }
    Ok(text)
}

fn undecodable() -> Error {
    Error::invalid(
        "file",
        "无法识别文件的文字编码。请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后重试。",
    )
}

/// The most of one cell read: far more than any field keeps (a summary
/// keeps 50,000 characters), so a 50 MB cell is not copied whole from the
/// reader to the grid to the row before it is cut to what is kept.
const MAX_CELL_BYTES: usize = 1024 * 1024;

fn cell(text: &str) -> &str {
    let text = text.trim();
    // `="0142402494"`: how Goodreads and other exporters keep Excel from
    // turning a number-like text into a number. The text is what is inside.
    let text = text
        .strip_prefix("=\"")
        .and_then(|t| t.strip_suffix('"'))
        .map_or(text, str::trim);
    if text.len() <= MAX_CELL_BYTES {
        return text;
    }
    let mut end = MAX_CELL_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn read_csv(text: &str) -> Result<Grid> {
    if text.contains('\0') {
        return Err(Error::invalid(
            "file",
            "文件不是文本表格（含有二进制内容），请选择 .xlsx 或 .csv 文件。",
        ));
    }
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    let mut record = csv::StringRecord::new();
    // Line breaks before the byte `counted`.
    let (mut lines, mut counted) = (0usize, 0usize);
    let bytecount = |bytes: &[u8]| bytes.iter().filter(|&&b| b == b'\n').count();
    for line in 1.. {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| Error::invalid("file", format!("第 {line} 行无法解析：{e}")))?;
        if !more {
            break;
        }
        if record.len() > super::grid::MAX_COLUMNS {
            let at = record.position().map_or(line, |p| p.line() as usize);
            return Err(super::grid::too_wide(at));
        }
        grid.push_row(record.iter().map(cell))?;
        // The record's line as an editor numbers it: the csv reader's own
        // count passes over blank lines, so count the line breaks before it.
        if let Some(at) = record.position() {
            // It starts where the last record ended: blank lines first.
            let mut byte = (at.byte() as usize).min(text.len());
            while matches!(text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
                byte += 1;
            }
            if byte >= counted {
                lines += bytecount(&text.as_bytes()[counted..byte]);
                counted = byte;
            }
            grid.set_line(lines + 1);
        }
    }
    Ok(grid)
}

/// Whether bytes look like MARC: an ISO 2709 leader (`Some(false)`) or
/// MARC XML (`Some(true)`).
pub fn sniff_marc(bytes: &[u8]) -> Option<bool> {
    let head = &bytes[..bytes.len().min(2048)];
    let text = String::from_utf8_lossy(head);
    if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
    {
        let lower = text.to_lowercase();
        return (lower.contains("marc") || lower.contains("<record")).then_some(true);
    }
    let leader = head.len() >= 24
        && head[..5].iter().all(u8::is_ascii_digit)
        && head[12..17].iter().all(u8::is_ascii_digit);
    leader.then_some(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_xls_that_is_text_is_read_and_one_that_is_a_web_page_is_named() {
        // A library system's "Excel" export: tab-separated GBK text named .xls.
        let (bytes, _, _) = encoding_rs::GB18030.encode("书名\t作者\n乡土中国\t费孝通\n");
        let tables = read_tables(&bytes, "馆藏导出.xls").unwrap();
        assert_eq!(tables[0].1.row(1), ["乡土中国", "费孝通"]);
        // A web page's table saved as .xls.
        let page = "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>书名</td></tr></table></body></html>";
        let e = read_tables(page.as_bytes(), "导出.xls").unwrap_err();
        assert!(e.to_string().contains("网页（HTML）"), "{e}");
        assert!(e.to_string().contains("另存为"), "{e}");
        // Anything else named .xls is still not an Excel file.
        let e = read_tables(b"\x01\x02\x00\x03 junk", "坏的.xls").unwrap_err();
        assert!(e.to_string().contains("不是有效的 Excel 文件"), "{e}");
    }

    #[test]
    fn an_excel_escaped_cell_is_read_as_the_text_inside() {
        let grid = read_csv(
            "ISBN,ISBN13,Title\n=\"0142402494\",=\"9780142402498\",Matilda\n=\"\",=\"\",Nothing\n",
        )
        .unwrap();
        assert_eq!(grid.row(1), ["0142402494", "9780142402498", "Matilda"]);
        assert_eq!(grid.row(2), ["", "", "Nothing"]);
    }

    #[test]
    fn csv_in_gb18030_is_detected_and_decoded() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("姓名,部门\n张三,办公厅\n");
        let grid = read_grid(&bytes, "名单.csv").unwrap();
        assert_eq!(grid, vec![vec!["姓名", "部门"], vec!["张三", "办公厅"]]);
    }

    #[test]
    fn a_utf8_bom_is_dropped() {
        let grid = read_grid("\u{FEFF}姓名\n李四\n".as_bytes(), "a.csv").unwrap();
        assert_eq!(
            grid.row(0).get(0),
            "姓名",
            "the BOM must not stick to the first header"
        );
    }

    #[test]
    fn utf16_tab_separated_text_from_excel_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "姓名\t部门\r\n王五\t研究室\r\n".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let grid = read_grid(&bytes, "a.txt").unwrap();
        assert_eq!(grid.row(1), vec!["王五", "研究室"]);
    }

    #[test]
    fn random_bytes_are_refused_with_a_message_not_a_panic() {
        let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(read_grid(&bytes, "x.csv").is_err());
        let err = read_grid(b"PK\x03\x04garbage", "x.xlsx").unwrap_err();
        assert!(err.to_string().contains("Excel"), "{err}");
    }

    #[test]
    fn a_sheet_of_notes_before_the_list_is_passed_over() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let notes = book.add_worksheet().set_name("填写说明").unwrap();
        notes.write(0, 0, "请按下一页的格式填写").unwrap();
        notes.write(1, 0, "书名必填，ISBN 请设为文本格式").unwrap();
        let list = book.add_worksheet().set_name("图书").unwrap();
        for (col, text) in ["书名", "作者"].into_iter().enumerate() {
            list.write(0, col as u16, text).unwrap();
        }
        list.write(1, 0, "乡土中国").unwrap();
        list.write(1, 1, "费孝通").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let grid = read_grid(&bytes, "图书.xlsx").unwrap();
        assert_eq!(grid, vec![vec!["书名", "作者"], vec!["乡土中国", "费孝通"]]);

        // A workbook of notes alone still gives its notes (and the import
        // then says which columns it needs).
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write(0, 0, "只有说明").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(read_grid(&bytes, "a.xlsx").unwrap(), vec![vec!["只有说明"]]);
    }

    #[test]
    fn a_blank_row_counts_in_neither_a_spreadsheet_nor_a_csv_file() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (row, title) in [(0, "书名"), (1, "甲"), (3, "乙")] {
            sheet.write(row, 0, title).unwrap();
            sheet.write(row, 1, "作者").unwrap();
        }
        let from_excel = read_grid(&book.save_to_buffer().unwrap(), "a.xlsx").unwrap();
        let from_csv = read_grid("书名,作者\n甲,作者\n\n乙,作者\n".as_bytes(), "a.csv").unwrap();
        assert_eq!(from_excel, from_csv);
        assert_eq!(
            from_excel.row(2),
            ["乙", "作者"],
            "乙 is the second data row in both"
        );
    }
}
