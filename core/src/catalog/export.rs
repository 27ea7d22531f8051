//! Exporting the catalogue to `.xlsx` or UTF-8 `.csv` with BOM (opens right
//! in Excel), in the columns the importer reads back, so an export
//! re-imports without loss. Cells starting with `= + - @` are guarded with
//! an apostrophe so no spreadsheet runs them as formulas.

use std::path::Path;

use serde::Serialize;

use super::store::each_title_with_copies;
use crate::db::Db;
use crate::error::{Error, Result};

/// The file format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// The format a file name asks for (`.csv`, else `.xlsx`).
    pub fn from_path(path: &Path) -> ExportFormat {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") | Some("txt") => ExportFormat::Csv,
            _ => ExportFormat::Xlsx,
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub titles: usize,
    pub copies: usize,
}

const HEADERS: [&str; 17] = [
    "ISBN",
    "书名",
    "副书名",
    "作者",
    "出版社",
    "出版年",
    "版次",
    "分类号",
    "索书号",
    "主题词",
    "摘要",
    "价格",
    "来源",
    "备注",
    "册数",
    "条码",
    "馆藏位置",
];

fn rows(db: &Db, mut each: impl FnMut(Vec<String>) -> Result<()>) -> Result<ExportReport> {
    let mut report = ExportReport {
        titles: 0,
        copies: 0,
    };
    db.read(|tx| {
        each_title_with_copies(tx, |t, copies| {
            // A periodical not yet bound has no copy: it is the periodicals
            // room's, and a row of 0 册 would not import.
            if copies.is_empty() && t.source.as_deref() == Some("订阅") {
                return Ok(());
            }
            report.titles += 1;
            report.copies += copies.len();
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            let barcodes: Vec<&str> = copies.iter().map(|c| c.barcode.as_str()).collect();
            let location = copies
                .iter()
                .find_map(|c| c.location.clone())
                .unwrap_or_default();
            each(
                [
                    o(&t.isbn),
                    t.title.clone(),
                    o(&t.subtitle),
                    o(&t.authors),
                    o(&t.publisher),
                    o(&t.year),
                    o(&t.edition),
                    o(&t.clc),
                    o(&t.call_number),
                    o(&t.subjects),
                    o(&t.summary),
                    o(&t.price),
                    o(&t.source),
                    o(&t.note),
                    copies.len().to_string(),
                    barcodes.join(";"),
                    location,
                ]
                .iter()
                .map(|c| crate::text::guard_cell(c))
                .collect(),
            )
        })
    })?;
    Ok(report)
}

/// Writes the whole catalogue to `path`.
pub fn export_books(db: &Db, path: &Path, format: ExportFormat) -> Result<ExportReport> {
    let written = |e: std::io::Error| Error::not_written(path, e);
    let workbook = |e: rust_xlsxwriter::XlsxError| Error::workbook_not_saved(path, e);
    match format {
        ExportFormat::Csv => {
            let file = std::fs::File::create(path)
                .map_err(|e| Error::io(format!("无法创建文件 {}", path.display()), e))?;
            let mut out = std::io::BufWriter::new(file);
            std::io::Write::write_all(&mut out, b"\xEF\xBB\xBF").map_err(written)?;
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(out);
            w.write_record(HEADERS).map_err(|e| written(e.into()))?;
            let report = rows(db, |r| w.write_record(&r).map_err(|e| written(e.into())))?;
            w.flush().map_err(written)?;
            Ok(report)
        }
        ExportFormat::Xlsx => {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("馆藏").map_err(workbook)?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, h) in HEADERS.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(workbook)?;
            }
            sheet.set_freeze_panes(1, 0).map_err(workbook)?;
            for (c, width) in [
                (0u16, 16.0),
                (1, 36.0),
                (3, 18.0),
                (4, 20.0),
                (8, 12.0),
                (15, 24.0),
            ] {
                sheet.set_column_width(c, width).map_err(workbook)?;
            }
            let mut r = 0u32;
            let report = rows(db, |row| {
                r += 1;
                for (c, cell) in row.iter().enumerate() {
                    if !cell.is_empty() {
                        sheet.write_string(r, c as u16, cell).map_err(workbook)?;
                    }
                }
                Ok(())
            })?;
            book.save(path).map_err(workbook)?;
            Ok(report)
        }
    }
}
