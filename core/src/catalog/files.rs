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
    use super::marc::{read_iso2709, read_marcxml, record_to_row, sniff};
    let format = match format {
        BookFileFormat::Auto => match sniff(bytes) {
            Some(true) => BookFileFormat::MarcXml,
            Some(false) => BookFileFormat::Marc,
            None => BookFileFormat::Csv,
        },
        other => other,
    };
    let records = match format {
        BookFileFormat::Csv | BookFileFormat::Xlsx | BookFileFormat::Auto => {
            return Ok(Sheet::choose(
                import::read_tables(bytes, name)?,
                BOOK_FIELDS,
            ));
        }
        BookFileFormat::Marc => read_iso2709(bytes),
        BookFileFormat::MarcXml => read_marcxml(&import::decode_text(bytes)?),
    };
    if records.is_empty() {
        return Err(Error::invalid(
            "file",
            format!("{name} 中没有找到 MARC 记录。"),
        ));
    }
    let mut sheet = Sheet::default();
    sheet
        .grid
        .push(BOOK_FIELDS.iter().map(|f| f.key.to_owned()).collect());
    for (i, record) in records.into_iter().enumerate() {
        let mut cells = vec![String::new(); BOOK_FIELDS.len()];
        match record {
            Ok(r) => {
                sheet
                    .warnings
                    .extend(r.warnings.iter().map(|message| RowIssue {
                        row: i + 1,
                        field: "record".into(),
                        message: message.clone(),
                    }));
                let (row, read_in_spite) = record_to_row(&r);
                sheet
                    .warnings
                    .extend(read_in_spite.into_iter().map(|message| RowIssue {
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
                        row: i + 1,
                        field: "title".into(),
                        message,
                    });
                }
            }
            Err(message) => sheet.unreadable.push(RowIssue {
                row: i + 1,
                field: "record".into(),
                message,
            }),
        }
        sheet.grid.push(cells);
    }
    Ok(sheet)
}
