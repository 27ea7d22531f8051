//! How results reach the terminal: words for people, or one JSON document
//! with `--json` — also when the operation is refused.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use shuxiang_core::Error;
use shuxiang_core::backup::CheckReport;
use shuxiang_core::catalog::Title;
use shuxiang_core::import::ImportReport;
use shuxiang_core::people::Page;

/// A search result as lines for people: call number, title, author, availability.
pub fn titles_text(page: &Page<Title>) -> String {
    if page.items.is_empty() {
        return "没有找到。".to_owned();
    }
    let mut lines: Vec<String> = page
        .items
        .iter()
        .map(|t| {
            format!(
                "{:<12} 《{}》 {} {} {}  在架 {}/{}",
                t.call_number.as_deref().unwrap_or("-"),
                t.title,
                t.authors.as_deref().unwrap_or(""),
                t.publisher.as_deref().unwrap_or(""),
                t.year.as_deref().unwrap_or(""),
                t.available,
                t.copies
            )
        })
        .collect();
    if page.total as usize > page.items.len() {
        lines.push(format!(
            "……共 {} 条，显示前 {} 条。",
            page.total,
            page.items.len()
        ));
    }
    lines.join("\n")
}

/// One line on stdout. A reader that stops early (`… | head`, `grep -q`)
/// closes the pipe: the rest of the output is no longer wanted, so a failed
/// write is dropped instead of panicking as `println!` would; the exit code
/// still says how the command itself went.
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}").and_then(|()| out.flush());
}

/// Where an import run at a terminal shows how far it has got: one line on
/// stderr, rewritten in place and cleared at the end. Nothing for a script
/// (stderr not a terminal), so logs and captured output stay clean.
pub fn import_progress() -> Option<shuxiang_core::import::ProgressSink> {
    use shuxiang_core::import::{ImportStage, ProgressSink};
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    Some(ProgressSink::new(|p| {
        let line = match p.stage {
            ImportStage::Rows => format!("已处理 {} / {} 行", p.done, p.total),
            ImportStage::Finishing => format!("已处理 {} 行，正在保存……", p.total),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K{line}");
        let _ = err.flush();
    }))
}

/// Clears the progress line once the import has answered.
pub fn end_import_progress() {
    use std::io::IsTerminal;
    if std::io::stderr().is_terminal() {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

/// One line on stderr, dropped like `say`'s when nobody reads it.
fn complain(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

pub struct Output {
    json: bool,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output { json }
    }

    /// Prints `value` as JSON, or `text()` for people.
    /// One line, JSON on one line with `--json`: what a service manager or
    /// a script reads as the first line of a long-running command.
    pub fn line<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            say(&serde_json::to_string(value).expect("serialisable"));
        } else {
            say(&text());
        }
    }

    pub fn value<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            say(&serde_json::to_string_pretty(value).expect("serialisable"));
        } else {
            say(&text());
        }
    }

    /// An import's summary, per-row errors and warnings.
    pub fn import_report(&self, r: &ImportReport, dry_run: bool) {
        if !self.json {
            if let Some(sheet) = &r.sheet {
                say(&format!("读取的工作表：{sheet}"));
            }
            // The row as the file shows it (Excel's row, the CSV's line),
            // the field by its Chinese name.
            let place = |i: &shuxiang_core::import::RowIssue| {
                let label = r
                    .fields
                    .iter()
                    .find(|f| f.key == i.field)
                    .map_or(i.field.as_str(), |f| f.label.as_str());
                match i.line.unwrap_or(i.row) {
                    0 => String::new(),
                    n => format!("第 {n} 行 [{label}]："),
                }
            };
            for e in &r.errors {
                complain(&format!("{}{}", place(e), e.message));
            }
            for w in &r.warnings {
                say(&format!("提示：{}{}", place(w), w.message));
            }
            if !r.ignored_columns.is_empty() {
                say(&format!(
                    "未识别、未导入的列：{}",
                    r.ignored_columns.join("、")
                ));
            }
        } else if r.refused() {
            complain(&format!("导入未执行：{} 行有错误。", r.errors.len()));
        }
        let verdict = if r.refused() {
            format!(
                "有 {} 行错误，未导入任何数据。改正后重试，或加 --skip-bad-rows 跳过错误行。",
                r.errors.len()
            )
        } else if dry_run {
            "（试运行，未做任何更改）".to_owned()
        } else {
            "导入完成。".to_owned()
        };
        self.value(r, || {
            format!(
                "新增 {}，更新 {}，跳过 {}，错误 {}，提示 {}。{verdict}",
                r.inserted,
                r.updated,
                r.skipped,
                r.errors.len(),
                r.warnings.len()
            )
        });
    }

    /// `check`'s verdict.
    pub fn check_report(&self, r: &CheckReport) {
        if !r.ok {
            for p in &r.problems {
                complain(p);
            }
        }
        self.value(r, || {
            if r.ok {
                "数据库完好。".to_owned()
            } else {
                "数据库有问题，见上。".to_owned()
            }
        });
    }

    /// A failed or refused operation: reason on stderr, and as JSON on stdout
    /// with `--json`. Exit 1.
    pub fn error(&self, e: &Error) -> ExitCode {
        complain(&format!("错误：{e}"));
        if self.json {
            let doc = serde_json::json!({ "error": { "code": e.code(), "message": e.to_string(), "field": e.field() } });
            say(&serde_json::to_string_pretty(&doc).expect("serialisable"));
        }
        ExitCode::FAILURE
    }
}
