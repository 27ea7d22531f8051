//! The importer, written once for every kind of record: read the file, map
//! its headers, validate each row, apply all rows in one transaction, and
//! report per row. Nothing is kept when any row is bad, unless the user chose
//! to skip bad rows; a dry run reports and keeps nothing.

mod grid;
mod headers;
mod progress;
pub mod runs;
pub(crate) mod table;
mod workbook;

pub use grid::{Cells, CellsIter, Grid, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TEXT_BYTES};
pub use headers::{Field, Mapping};
use progress::PROGRESS_EVERY;
pub use progress::{ImportProgress, ImportStage, ProgressSink};
pub use table::{MAX_FILE_BYTES, decode_text, not_a_table, read_grid, read_tables, sniff_marc};

use std::path::Path;

use serde::Serialize;

use crate::audit::Actor;
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};

/// What the user chose for this import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Report what would happen; change nothing.
    pub dry_run: bool,
    /// Leave bad rows out and import the rest.
    pub skip_bad_rows: bool,
    /// The user's corrections to the column mapping: a header of the file and
    /// the field key it holds (`""` to leave the column out).
    pub columns: Vec<(String, String)>,
    /// Where to report how far the import has got (the window's progress bar).
    pub progress: Option<ProgressSink>,
    /// The file's name, for the list of imports (and undoing one).
    pub source: String,
}

/// How one column of the file is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    pub header: String,
    /// The field key it is imported as; `None` when left out.
    pub field: Option<String>,
}

/// A field the file's columns may be mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChoice {
    pub key: String,
    pub label: String,
}

/// A problem with one field of one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowIssue {
    /// The 1-based data row (the file's line number minus the header's).
    pub row: usize,
    /// The row's line in the file or sheet, as Excel or a text editor
    /// numbers it (blank lines and a title above the header counted), when
    /// the file has lines: what the librarian looks for in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub field: String,
    pub message: String,
}

/// What an import did (or, in a dry run or with errors, would do).
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub inserted: usize,
    pub updated: usize,
    pub skipped: usize,
    pub errors: Vec<RowIssue>,
    pub warnings: Vec<RowIssue>,
    /// Columns of the file that were not recognised and so not imported.
    pub ignored_columns: Vec<String>,
    /// Every column of the file and the field it was read as, in file order:
    /// the preview a user corrects with [`ImportOptions::columns`].
    pub columns: Vec<ColumnUse>,
    /// The fields a column may be mapped to.
    pub fields: Vec<FieldChoice>,
    /// Whether the changes were kept (false for a dry run or a refused import).
    pub committed: bool,
    /// The import as recorded (to undo it), when its changes were kept.
    pub run: Option<i64>,
    /// The workbook's sheet read (the one that is the list), when the file
    /// is a workbook.
    pub sheet: Option<String>,
}

impl ImportReport {
    /// Whether the import was refused because of bad rows.
    pub fn refused(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// How one row was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// A new record.
    Inserted,
    /// Matched an existing record, which was brought up to date.
    Updated,
}

/// One data row, its cells looked up by field key.
pub struct Row<'a> {
    /// The 1-based data row number.
    pub number: usize,
    /// Its line in the file or sheet, when the file has lines.
    pub line: Option<usize>,
    cells: Cells<'a>,
    mapping: &'a Mapping,
    warnings: Vec<RowIssue>,
}

impl Row<'_> {
    /// The trimmed text of a field, or `None` when the column is missing or empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        let col = self.mapping.column(key)?;
        std::iter::once(col)
            .chain(self.mapping.alternates(key))
            .map(|c| self.cells.get(c).trim())
            .find(|s| !s.is_empty())
    }

    /// The row as the librarian finds it in the file: its line when the
    /// file has lines (as Excel numbers its rows), else its number.
    pub fn at(&self) -> usize {
        self.line.unwrap_or(self.number)
    }

    /// Notes a field that was kept as given although it looks wrong.
    pub fn warn(&mut self, field: &str, message: impl Into<String>) {
        self.warnings.push(RowIssue {
            line: self.line,
            row: self.number,
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// An error about `field` of this row.
    pub fn error(&self, field: &str, message: impl Into<String>) -> RowIssue {
        RowIssue {
            line: self.line,
            row: self.number,
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Reads a file for import; a clear message when it cannot be read.
pub fn read_file(path: &Path) -> Result<Grid> {
    let (bytes, name) = file_bytes(path)?;
    read_grid(&bytes, &name)
}

/// A file's bytes and its name (which tells a spreadsheet's kind), or a
/// message naming the file that cannot be read.
pub fn file_bytes(path: &Path) -> Result<(Vec<u8>, String)> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::io(format!("无法读取文件 {}", path.display()), e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((bytes, name))
}

/// A file read for import: its table, and the rows (records) that could not
/// even be read, which count as bad rows.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub grid: Grid,
    /// The workbook's sheet it came from, when it came from one.
    pub name: Option<String>,
    pub unreadable: Vec<RowIssue>,
    /// What was read in spite of a record's form (an odd MARC subfield
    /// code), reported with the row when it is imported.
    pub warnings: Vec<RowIssue>,
}

impl Sheet {
    /// The table of a file that is a list of `fields`: of a workbook's
    /// sheets, the one whose header row names the most of them (the first
    /// on a tie; the first table when none does).
    pub fn choose(tables: Vec<(Option<String>, Grid)>, fields: &[Field]) -> Sheet {
        let mut best: Option<(usize, Option<String>, Grid)> = None;
        for (name, grid) in tables {
            let score = Mapping::score(&grid, fields);
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, name, grid));
            }
        }
        let (_, name, grid) = best.unwrap_or_default();
        Sheet {
            grid,
            name,
            ..Sheet::default()
        }
    }
}

impl From<Grid> for Sheet {
    fn from(grid: Grid) -> Sheet {
        Sheet {
            grid,
            ..Sheet::default()
        }
    }
}

/// What is imported: the fields its files may have, and the audit log's
/// name for the records.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub fields: &'static [Field],
    pub entity: crate::Entity,
}

/// A row as `prepare` left it: what it worked out, or the row's errors, and
/// the warnings it noted.
type Prepared<P> = (Result<P, Vec<RowIssue>>, Vec<RowIssue>);

/// Rows go through `prepare` this many at a time, a block or two ahead of
/// the write: both run at once, and memory holds a few blocks, not a second
/// copy of a large file.
const BLOCK: usize = 2_048;

fn prepare_one<P>(
    (number, line): (usize, Option<usize>),
    cells: Cells<'_>,
    mapping: &Mapping,
    read_warnings: &[RowIssue],
    prepare: &impl Fn(&mut Row<'_>) -> Result<P, Vec<RowIssue>>,
) -> Prepared<P> {
    let mut row = Row {
        number,
        line,
        cells,
        mapping,
        warnings: read_warnings
            .iter()
            .filter(|w| w.row == number)
            .cloned()
            .collect(),
    };
    let result = prepare(&mut row);
    (result, row.warnings)
}

/// The report an import starts from: the columns found and ignored, the
/// fields a column may be given, and the records the file itself could not
/// read (errors, or skipped with a warning).
fn new_report(
    sheet: &Sheet,
    target: &Target,
    mapping: &Mapping,
    skip_bad_rows: bool,
) -> ImportReport {
    let mut report = ImportReport {
        sheet: sheet.name.clone(),
        ignored_columns: mapping.ignored().to_vec(),
        columns: mapping.uses().to_vec(),
        fields: target
            .fields
            .iter()
            .map(|f| FieldChoice {
                key: f.key.to_owned(),
                label: f.label.to_owned(),
            })
            .collect(),
        ..Default::default()
    };
    for issue in &sheet.unreadable {
        if skip_bad_rows {
            report.skipped += 1;
            report.warnings.push(RowIssue {
                message: format!("已跳过此条：{}", issue.message),
                ..issue.clone()
            });
        } else {
            report.errors.push(issue.clone());
        }
    }
    report
}

/// Columns only a loan log has (借阅人, 应还日期 …).
const LOAN_COLUMNS: &[&str] = &[
    "借阅人",
    "借书人",
    "借阅者",
    "借出日期",
    "借书日期",
    "借阅日期",
    "借出时间",
    "借阅时间",
    "应还日期",
    "应还时间",
    "还书日期",
    "还书期限",
    "归还日期",
    "归还时间",
];

/// A list whose unread columns are a loan log's (two or more of them) is
/// imported for what it lists, with a word that the loans are not: it may
/// be another system's holdings with their loan state, or a loan log.
fn loan_columns_hint(ignored: &[String]) -> Option<String> {
    let loans: Vec<&String> = ignored
        .iter()
        .filter(|h| LOAN_COLUMNS.contains(&h.trim()))
        .collect();
    (loans.len() >= 2).then(|| {
        format!(
            "表中有{}列，像是借阅记录：这些列不导入，借出状态也不导入（借出请在“借还”中办理）。如果这张表是借阅记录而不是清单，请不要导入。",
            loans
                .iter()
                .map(|h| format!("“{h}”"))
                .collect::<String>()
        )
    })
}

/// Counts one row's outcome in the report. A row that failed after writing
/// (`half_written`) cannot be skipped: the whole import is refused.
fn tally(
    report: &mut ImportReport,
    row: &mut Row<'_>,
    outcome: Result<Applied, Vec<RowIssue>>,
    skip_bad_rows: bool,
    half_written: bool,
) -> Result<()> {
    match outcome {
        Ok(applied) => {
            match applied {
                Applied::Inserted => report.inserted += 1,
                Applied::Updated => report.updated += 1,
            }
            report.warnings.append(&mut row.warnings);
        }
        Err(issues) if skip_bad_rows && half_written => {
            let why = issues
                .first()
                .map(|i| i.message.clone())
                .unwrap_or_default();
            return Err(Error::conflict(format!(
                "第 {} 行在保存途中出错（{why}），\
                 为保证数据完整，整个导入已撤销，没有做任何更改。",
                row.number
            )));
        }
        Err(issues) if skip_bad_rows => {
            report.skipped += 1;
            report.warnings.extend(issues.into_iter().map(|i| RowIssue {
                message: format!("已跳过此行：{}", i.message),
                ..i
            }));
        }
        Err(issues) => report.errors.extend(issues),
    }
    Ok(())
}

/// Runs an import of `sheet` as one action by `actor`. `prepare` reads and
/// validates one row on its own (on a second thread, a block or two ahead of
/// the write); `apply` checks it against the database and stores it, in file
/// order. Either returns the row's errors.
// The three steps are closures of one call site each; a struct around them
// would only rename the arguments.
#[allow(clippy::too_many_arguments)]
pub fn run<P: Send>(
    db: &Db,
    actor: &Actor,
    sheet: &Sheet,
    target: Target,
    options: ImportOptions,
    prepare: impl Fn(&mut Row<'_>) -> Result<P, Vec<RowIssue>> + Sync,
    mut apply: impl FnMut(&WriteTx<'_>, &mut Row<'_>, P) -> Result<Applied, Vec<RowIssue>>,
    finish: impl FnOnce(&WriteTx<'_>) -> Result<()>,
) -> Result<ImportReport> {
    let grid = &sheet.grid;
    let (header_line, mapping) = Mapping::find(grid, target.fields, &options.columns)?;
    let mut report = new_report(sheet, &target, &mapping, options.skip_bad_rows);
    if let Some(hint) = loan_columns_hint(mapping.ignored()) {
        report.warnings.push(RowIssue {
            line: None,
            row: 0,
            field: "file".into(),
            message: hint,
        });
    }
    // Each data row as (its number, its row of the grid).
    let rows: Vec<(usize, usize)> = grid
        .iter()
        .enumerate()
        .skip(header_line + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(i, _)| (i - header_line, i))
        .collect();
    if rows.is_empty() && sheet.unreadable.is_empty() {
        return Err(Error::invalid(
            "file",
            "文件中只有表头，没有要导入的数据行。",
        ));
    }
    // Whatever the file holds, the data as it was stays in a backup.
    if !options.dry_run && report.errors.is_empty() {
        crate::backup::backup_named(db, "导入前")?;
    }
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Prepared<P>>>(2);
        let (rows, mapping, prepare) = (&rows, &mapping, &prepare);
        let read_warnings = &sheet.warnings;
        scope.spawn(move || {
            for block in rows.chunks(BLOCK) {
                // Warnings of reading are few and sorted by row: each block
                // looks only at its own rows' share.
                let (first, last) = (block[0].0, block[block.len() - 1].0);
                let from = read_warnings.partition_point(|w| w.row < first);
                let to = read_warnings.partition_point(|w| w.row <= last);
                let done = block
                    .iter()
                    .map(|&(number, i)| {
                        let warnings = &read_warnings[from..to];
                        let at = (number, grid.line(i));
                        prepare_one(at, grid.row(i), mapping, warnings, prepare)
                    })
                    .collect();
                // The write has stopped (refused, or failed): so does this.
                if send.send(done).is_err() {
                    break;
                }
            }
        });
        let mut prepared = receive.into_iter().flatten();
        let total = rows.len();
        let report_progress = |stage, done| {
            if let Some(sink) = &options.progress {
                sink.report(ImportProgress { stage, done, total });
            }
        };
        report_progress(ImportStage::Rows, 0);
        db.write(actor, |tx| {
            tx.audit_as_one_entry();
            if !options.dry_run {
                runs::begin(tx, target.entity, &options.source)?;
            }
            for (index, &(number, i)) in rows.iter().enumerate() {
                if index > 0 && index % PROGRESS_EVERY == 0 {
                    report_progress(ImportStage::Rows, index);
                }
                let (ready, warnings) = prepared.next().expect("one prepared entry per row");
                let mut row = Row {
                    number,
                    line: grid.line(i),
                    cells: grid.row(i),
                    mapping,
                    warnings,
                };
                // No savepoint per row: it would make SQLite's full-text index
                // flush at every row. Rows are checked before anything is written;
                // a row that fails after writing aborts the whole import instead.
                let changes_before = tx.total_changes();
                let outcome = ready.and_then(|p| apply(tx, &mut row, p));
                let half_written = tx.total_changes() != changes_before;
                tally(
                    &mut report,
                    &mut row,
                    outcome,
                    options.skip_bad_rows,
                    half_written,
                )?;
            }
            report_progress(ImportStage::Rows, total);
            report.errors.sort_by_key(|e| e.row);
            report.warnings.sort_by_key(|w| w.row);
            // Each issue's line in the file, as the librarian will look
            // for it there.
            for issue in report.errors.iter_mut().chain(report.warnings.iter_mut()) {
                if issue.line.is_none() && issue.row > 0 {
                    issue.line = grid.line(issue.row + header_line);
                }
            }
            report.committed = !options.dry_run && report.errors.is_empty();
            if report.committed {
                report_progress(ImportStage::Finishing, total);
                finish(tx)?;
                report.run = runs::finish(tx, report.inserted, report.updated)?;
                tx.audit_action(
                    crate::Action::Import,
                    target.entity,
                    &format!(
                        "导入：新增 {}，更新 {}，跳过 {}",
                        report.inserted, report.updated, report.skipped
                    ),
                )?;
            } else {
                tx.abandon();
            }
            Ok(())
        })
    })?;
    Ok(report)
}

#[cfg(test)]
mod tests;
