//! Reading a book file of any kind the reading room gets — spreadsheets,
//! ISO 2709 MARC, MARC XML — into the importer's table, one row per record.

use super::BOOK_FIELDS;
use crate::error::{Error, Result};
use crate::import::{self, RowIssue, Sheet};

/// What kind of file a book import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BookFileFormat {
    /// Told by the file's first bytes, then by its name.
    #[default]
    Auto,
    Csv,
    Xlsx,
    /// ISO 2709 (MARC21 or CNMARC/UNIMARC).
    Marc,
    /// MARC XML (MARC21 slim, CNMARC/UNIMARC XML, SRU responses).
    MarcXml,
}

/// Reads the book file at `path` (see [`read_book_file`]).
pub fn read_book_path(path: &std::path::Path, format: BookFileFormat) -> Result<Sheet> {
    let (bytes, name) = import::file_bytes(path)?;
    read_book_file(&bytes, &name, format)
}

/// Reads a book file of any supported kind into the importer's table: a
/// MARC record becomes one row, numbered as the record is.
pub fn read_book_file(bytes: &[u8], name: &str, format: BookFileFormat) -> Result<Sheet> {
    use super::marc::{read_iso2709, read_marc_json, read_marcxml, read_mrk};
    let records = match Kind::of(bytes, name, format)? {
        Kind::Table => {
            return Ok(Sheet::choose(
                import::read_tables(bytes, name)?,
                BOOK_FIELDS,
            ));
        }
        Kind::Iso2709 => read_iso2709(bytes),
        Kind::MarcXml => read_marcxml(&import::decode_text(bytes)?),
        Kind::Mrk => read_mrk(&import::decode_text(bytes)?),
        Kind::MarcJson => read_marc_json(&import::decode_text(bytes)?),
    };
    if records.is_empty() {
        return Err(Error::invalid(
            "file",
            format!("{name} 中没有找到 MARC 记录。"),
        ));
    }
    sheet_of_records(records)
}

/// What a book file holds, told by its first bytes (its name only to say
/// what it was meant to be).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Table,
    Iso2709,
    MarcXml,
    /// MarcEdit's text form.
    Mrk,
    /// MARC-in-JSON.
    MarcJson,
}

impl Kind {
    fn of(bytes: &[u8], name: &str, format: BookFileFormat) -> Result<Kind> {
        use super::marc::{is_marc_json, is_mrk, sniff};
        let text_kind = || {
            let head = &bytes[..bytes.len().min(64 * 1024)];
            let text = String::from_utf8_lossy(head);
            if is_mrk(&text) {
                Some(Kind::Mrk)
            } else if is_marc_json(&text) {
                Some(Kind::MarcJson)
            } else {
                None
            }
        };
        match format {
            BookFileFormat::Csv | BookFileFormat::Xlsx => return Ok(Kind::Table),
            BookFileFormat::MarcXml => return Ok(Kind::MarcXml),
            BookFileFormat::Marc => return Ok(text_kind().unwrap_or(Kind::Iso2709)),
            BookFileFormat::Auto => {}
        }
        if let Some(e) = import::not_a_table(bytes, name)
            && sniff(bytes).is_none()
        {
            return Err(e);
        }
        // Workbooks (zip or the old OLE file) are binary, terminators and all.
        if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Ok(Kind::Table);
        }
        match sniff(bytes) {
            Some(true) => return Ok(Kind::MarcXml),
            Some(false) => return Ok(Kind::Iso2709),
            None => {}
        }
        if let Some(kind) = text_kind() {
            return Ok(kind);
        }
        // Field and record terminators: ISO 2709 with a broken leader, whose
        // records the reader names.
        let head = &bytes[..bytes.len().min(64 * 1024)];
        if head.contains(&0x1D) && head.contains(&0x1E) {
            return Ok(Kind::Iso2709);
        }
        let lower = name.to_lowercase();
        let trimmed = String::from_utf8_lossy(&head[..head.len().min(256)]);
        let trimmed = trimmed.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return Err(Error::invalid(
                "file",
                format!(
                    "{name} 是 JSON 文件，但不是 MARC-in-JSON（每条记录应有 leader 和 fields）。请在原系统导出为 ISO 2709（.mrc）、MARCXML 或 Excel 表格。"
                ),
            ));
        }
        if [".mrc", ".iso", ".marc", ".mrk", ".mrk8", ".usm"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            return Err(Error::invalid(
                "file",
                format!(
                    "{name} 的扩展名是 MARC 文件，但内容不是 MARC 记录（ISO 2709 文件以 24 位数字开头的头标区开始，MarcEdit 文本以 =LDR 开始）。请确认导出时选的是 MARC 格式。"
                ),
            ));
        }
        Ok(Kind::Table)
    }
}

/// The importer's table of MARC records: a header of field keys, one row a
/// record, numbered as the record is.
fn sheet_of_records(records: Vec<super::marc::ReadRecord>) -> Result<Sheet> {
    let mut sheet = Sheet::default();
    sheet.grid.push_row(BOOK_FIELDS.iter().map(|f| f.key))?;
    for (i, record) in records.into_iter().enumerate() {
        let mut cells = vec![String::new(); BOOK_FIELDS.len()];
        match record {
            Ok(r) => {
                sheet
                    .warnings
                    .extend(r.warnings.iter().map(|message| RowIssue {
                        line: None,
                        row: i + 1,
                        field: "record".into(),
                        message: message.clone(),
                    }));
                let (row, read_in_spite) = super::marc::record_to_row(&r);
                sheet
                    .warnings
                    .extend(read_in_spite.into_iter().map(|message| RowIssue {
                        line: None,
                        row: i + 1,
                        field: "record".into(),
                        message,
                    }));
                for (key, value) in row {
                    if let Some(col) = BOOK_FIELDS.iter().position(|f| f.key == key) {
                        cells[col] = value;
                    }
                }
                if cells.iter().all(String::is_empty) {
                    let message = format!("第 {} 条记录没有题名等书目数据。", i + 1);
                    sheet.unreadable.push(RowIssue {
                        line: None,
                        row: i + 1,
                        field: "title".into(),
                        message,
                    });
                }
            }
            Err(message) => sheet.unreadable.push(RowIssue {
                line: None,
                row: i + 1,
                field: "record".into(),
                message,
            }),
        }
        sheet.grid.push_row(&cells)?;
    }
    Ok(sheet)
}
