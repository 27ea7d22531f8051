//! Files to and from the user's PC: exports (and a saved attachment) are
//! written into a folder the caller names — the window's export folder, or
//! a folder of the host's own from which the file travels to an operator's
//! PC; imports (and a new attachment) arrive as a file's name and bytes.
//! Both transports call these, so a file works the same either way.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use serde_json::Value;
use shuxiang_core::import::{ImportOptions, ProgressSink};
use shuxiang_core::{Error, audit, catalog, people, reports, sharing, stocktake, training};

use crate::{Ctx, answer, arguments};

/// Defines the exports: each writes into `dir` and answers with what the
/// window shows (the written file's path among it). Each is preceded by its
/// access, as the data commands are.
macro_rules! exports {
    ($(
        $(#[$meta:meta])*
        $access:ident $(($entity:ident))? fn $name:ident($ctx:ident, $dir:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub fn $name($ctx: &Ctx, $dir: &Path $(, $arg: $ty)*) -> Result<$ret, Error> $body
        )*

        /// Runs the export `name` into `dir`, when the actor may: what the
        /// window shows of it (as the actor may see it), and the file written.
        pub fn export(ctx: &Ctx, name: &str, args: Value, dir: &Path) -> Result<Made, Error> {
            let command = EXPORTS
                .iter()
                .find(|c| c.name == name)
                .ok_or_else(|| Error::NotFound(format!("没有名为“{name}”的导出。")))?;
            ctx.allow(command.access)?;
            let answer = match name {
                $(
                    stringify!($name) => {
                        #[derive(Deserialize)]
                        #[serde(rename_all = "camelCase")]
                        struct Args {
                            $($arg: $ty,)*
                        }
                        let Args { $($arg,)* } = arguments(name, args)?;
                        answer($name(ctx, dir $(, $arg)*)?)?
                    }
                )*
                _ => unreachable!("every export in the table is matched"),
            };
            let path = written(&answer).ok_or_else(|| {
                Error::invalid("export", format!("导出“{name}”没有说明写到了哪里。"))
            })?;
            Ok(Made { answer: ctx.reveal(answer), path })
        }

        /// Every export [`export`] knows.
        pub const EXPORTS: &[crate::Command] = &[$(
            crate::Command {
                name: stringify!($name),
                args: &[$(stringify!($arg)),*],
                access: access!($access $(($entity))?),
                kind: crate::Kind::Export,
            }
        ),*];
    };
}

/// The file kind a catalogue export is written as.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    Xlsx,
    Csv,
}

exports! {
    read fn export_books(ctx, dir, kind: ExportKind) -> catalog::SavedExport {
        let format = match kind {
            ExportKind::Xlsx => catalog::ExportFormat::Xlsx,
            ExportKind::Csv => catalog::ExportFormat::Csv,
        };
        catalog::export_books_for_user(ctx.db(), dir, format)
    }

    see(Log) fn export_audit(ctx, dir, query: audit::AuditQuery) -> String {
        audit::export_audit(ctx.db(), &query, dir)
    }

    read fn export_stocktake(ctx, dir, stocktake_id: i64) -> String {
        stocktake::export_report_for_user(ctx.db(), stocktake_id, dir)
    }

    read fn export_sessions_ics(ctx, dir, from: NaiveDate, to: NaiveDate) -> (String, usize) {
        sharing::ics::export_ics_for_user(ctx.db(), dir, from, to)
    }

    read fn export_training_batch(ctx, dir, batch_id: i64) -> String {
        training::export_batch_for_user(ctx.db(), batch_id, dir)
    }

    read fn export_person_record(ctx, dir, person_id: i64, from: NaiveDate, to: NaiveDate) -> String {
        reports::export_person_record(ctx.db(), person_id, from, to, dir)
    }

    read fn export_unit_figures(ctx, dir, by_group: bool, from: NaiveDate, to: NaiveDate) -> String {
        reports::export_unit_figures(ctx.db(), by_group, from, to, dir)
    }

    read fn export_annual_report(ctx, dir, year: i32) -> String {
        reports::export_annual_report(ctx.db(), year, dir)
    }

    read fn export_claims(ctx, dir, on: Option<NaiveDate>) -> String {
        let on = on.unwrap_or_else(|| ctx.db().clock().today());
        shuxiang_core::serials::export_claims_for_user(ctx.db(), on, dir)
    }

    read fn export_renewal_list(ctx, dir, year: i32) -> String {
        shuxiang_core::serials::export_renewal_list_for_user(ctx.db(), year, dir)
    }

    read fn save_share_attachment(ctx, dir, attachment_id: i64) -> String {
        sharing::save_attachment_for_user(ctx.db(), attachment_id, dir)
    }
}

/// An export made: what the window shows, and the file.
#[derive(Debug)]
pub struct Made {
    pub answer: Value,
    pub path: PathBuf,
}

/// The path an export's answer names: the answer itself, its first part,
/// or its `path`.
fn written(answer: &Value) -> Option<PathBuf> {
    let path = match answer {
        Value::String(p) => p,
        Value::Array(parts) => parts.first()?.as_str()?,
        Value::Object(fields) => fields.get("path")?.as_str()?,
        _ => return None,
    };
    Some(PathBuf::from(path))
}

/// The answer with the file's path replaced by where it now is (on the PC
/// that asked for it).
pub fn moved(mut answer: Value, path: &Path) -> Value {
    let shown = Value::String(path.display().to_string());
    match &mut answer {
        Value::String(_) => answer = shown,
        Value::Array(parts) if !parts.is_empty() => parts[0] = shown,
        Value::Object(fields) => {
            fields.insert("path".into(), shown);
        }
        _ => {}
    }
    answer
}

/// What the import dialog chose for a file (the window sends it beside the
/// bytes); for an attachment, the session it goes to.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FileChoices {
    pub file_name: String,
    pub dry_run: bool,
    pub skip_bad_rows: bool,
    pub columns: Vec<(String, String)>,
    /// The reading-share session an attachment belongs to.
    pub id: Option<i64>,
    /// The year a subscription list subscribes for (this year when none).
    pub year: Option<i32>,
}

/// Every import [`import`] knows: a file's bytes, with [`FileChoices`].
pub const IMPORTS: &[crate::Command] = &[
    crate::Command {
        name: "import_books",
        args: &[],
        access: crate::Access::Write(shuxiang_core::Entity::Title),
        kind: crate::Kind::Import,
    },
    crate::Command {
        name: "import_people",
        args: &[],
        access: crate::Access::Write(shuxiang_core::Entity::Person),
        kind: crate::Kind::Import,
    },
    crate::Command {
        name: "import_holidays",
        args: &[],
        access: crate::Access::Write(shuxiang_core::Entity::Calendar),
        kind: crate::Kind::Import,
    },
    crate::Command {
        name: "import_subscriptions",
        args: &[],
        access: crate::Access::Write(shuxiang_core::Entity::Serial),
        kind: crate::Kind::Import,
    },
    crate::Command {
        name: "add_share_attachment",
        args: &[],
        access: crate::Access::Write(shuxiang_core::Entity::ShareSession),
        kind: crate::Kind::Import,
    },
];

/// Takes in a file the user chose, when the actor may: books, people or a
/// subscription list (checked first, all or nothing, reporting to
/// `progress`), next year's holidays, or a session's attachment.
pub fn import(
    ctx: &Ctx,
    name: &str,
    choices: FileChoices,
    content: &[u8],
    progress: Option<ProgressSink>,
) -> Result<Value, Error> {
    let command = IMPORTS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Error::NotFound(format!("没有名为“{name}”的导入。")))?;
    ctx.allow(command.access)?;
    let answer = take_in(ctx, name, choices, content, progress)?;
    Ok(ctx.reveal(answer))
}

fn take_in(
    ctx: &Ctx,
    name: &str,
    choices: FileChoices,
    content: &[u8],
    progress: Option<ProgressSink>,
) -> Result<Value, Error> {
    let options = ImportOptions {
        dry_run: choices.dry_run,
        skip_bad_rows: choices.skip_bad_rows,
        columns: choices.columns,
        progress,
        source: choices.file_name.clone(),
    };
    match name {
        "import_books" => answer(catalog::import_books_file(
            ctx.db(),
            ctx.actor(),
            &choices.file_name,
            content,
            options,
        )?),
        "import_people" => answer(people::import_people_file(
            ctx.db(),
            ctx.actor(),
            &choices.file_name,
            content,
            options,
        )?),
        "import_holidays" => answer(shuxiang_core::calendar::import_holidays_and(
            ctx.db(),
            ctx.actor(),
            &choices.file_name,
            content,
            choices.dry_run,
            &shuxiang_core::serials::holidays_changed,
        )?),
        "import_subscriptions" => {
            let year = choices
                .year
                .unwrap_or_else(|| ctx.db().clock().today().year());
            answer(shuxiang_core::serials::import_subscriptions_file(
                ctx.db(),
                ctx.actor(),
                &choices.file_name,
                content,
                year,
                options,
            )?)
        }
        "add_share_attachment" => {
            let id = choices
                .id
                .ok_or_else(|| Error::invalid("id", "没有说明附件属于哪一场活动。"))?;
            answer(sharing::add_attachment(
                ctx.db(),
                ctx.actor(),
                id,
                &choices.file_name,
                content,
            )?)
        }
        _ => Err(Error::NotFound(format!("没有名为“{name}”的导入。"))),
    }
}
