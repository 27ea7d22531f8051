//! The staff's side of readers taking part, for office IT and scripts:
//! `inbox`, `suggestions list|decide`, `notes list|publish|return|hide`,
//! `events open`.

use std::process::ExitCode;

use clap::Subcommand;
use shuxiang_core::participation::{
    self as part, EventKind, NoteDecision, NoteStatus, SuggestionStatus,
};
use shuxiang_core::{Actor, Db, Error};

use crate::output::Output;

#[derive(Subcommand)]
pub(crate) enum SuggestionsWhat {
    /// 列出读者荐购（最新的在前）
    List {
        /// submitted、accepted、rejected、arrived 或 held
        #[arg(long)]
        status: Option<String>,
    },
    /// 采纳（accept）或不采纳（reject，须写 --reason，读者会看到）
    Decide {
        id: i64,
        /// accept 或 reject
        decision: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Subcommand)]
pub(crate) enum NotesWhat {
    /// 列出读书心得（最新的在前）
    List {
        /// pending、published、returned 或 hidden
        #[arg(long)]
        status: Option<String>,
    },
    /// 发表（--featured 同时选为精选）
    Publish {
        id: i64,
        #[arg(long)]
        featured: bool,
    },
    /// 退回给作者，须写明理由
    Return {
        id: i64,
        #[arg(long)]
        reason: String,
    },
    /// 隐藏（不再显示）
    Hide { id: i64 },
}

#[derive(Subcommand)]
pub(crate) enum EventsWhat {
    /// 开放报名：sharing（读书分享活动）或 training（培训批次）
    Open {
        /// sharing 或 training
        kind: String,
        id: i64,
        /// 人数上限
        #[arg(long)]
        capacity: Option<i64>,
        /// 报名截止日（含），如 2027-01-10
        #[arg(long, value_parser = shuxiang_core::calendar::bookings::parse_day)]
        until: Option<chrono::NaiveDate>,
    },
}

const CLI: Actor = Actor::CommandLine;

pub(crate) fn inbox(db: &Db, out: &Output) -> Result<ExitCode, Error> {
    let counts = part::inbox(db)?;
    out.value(&counts, || {
        format!(
            "待处理：报名候补 {}，分享报名 {}，请假 {}，读书心得 {}，荐购 {}",
            counts.signups, counts.offers, counts.leave, counts.notes, counts.suggestions
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn suggestions(
    db: &Db,
    what: &SuggestionsWhat,
    out: &Output,
) -> Result<ExitCode, Error> {
    match what {
        SuggestionsWhat::List { status } => {
            let status = status.as_deref().map(SuggestionStatus::parse).transpose()?;
            let list = part::list_suggestions(db, status)?;
            out.value(&list, || {
                if list.is_empty() {
                    return "没有荐购。".into();
                }
                list.iter()
                    .map(|s| {
                        format!(
                            "{}\t{}\t《{}》{}\t{}",
                            s.id,
                            s.status.label(),
                            s.title,
                            s.author
                                .as_deref()
                                .map(|a| format!(" {a}"))
                                .unwrap_or_default(),
                            s.person_name
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SuggestionsWhat::Decide {
            id,
            decision,
            reason,
        } => {
            let accept = match decision.as_str() {
                "accept" => true,
                "reject" => false,
                other => {
                    return Err(Error::invalid(
                        "decision",
                        format!("“{other}”应为 accept（采纳）或 reject（不采纳）。"),
                    ));
                }
            };
            let s = part::decide_suggestion(db, &CLI, *id, accept, reason.as_deref())?;
            out.value(&s, || format!("《{}》：{}", s.title, s.status.label()));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn notes(db: &Db, what: &NotesWhat, out: &Output) -> Result<ExitCode, Error> {
    let (id, decision) = match what {
        NotesWhat::List { status } => {
            let status = status.as_deref().map(NoteStatus::parse).transpose()?;
            let list = part::list_notes(db, status)?;
            out.value(&list, || {
                if list.is_empty() {
                    return "没有读书心得。".into();
                }
                list.iter()
                    .map(|n| {
                        format!(
                            "{}\t{}\t《{}》\t{}\t{}",
                            n.id,
                            n.status.label(),
                            n.book_title,
                            n.person_name,
                            n.body
                                .chars()
                                .take(30)
                                .collect::<String>()
                                .replace('\n', " ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            return Ok(ExitCode::SUCCESS);
        }
        NotesWhat::Publish { id, featured } => (
            *id,
            NoteDecision::Publish {
                featured: *featured,
            },
        ),
        NotesWhat::Return { id, reason } => (
            *id,
            NoteDecision::Return {
                reason: reason.clone(),
            },
        ),
        NotesWhat::Hide { id } => (*id, NoteDecision::Hide),
    };
    let note = part::decide_note(db, &CLI, id, &decision)?;
    out.value(&note, || {
        format!(
            "{} 的《{}》读书心得：{}{}",
            note.person_name,
            note.book_title,
            note.status.label(),
            if note.featured { "（精选）" } else { "" }
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn events(db: &Db, what: &EventsWhat, out: &Output) -> Result<ExitCode, Error> {
    let EventsWhat::Open {
        kind,
        id,
        capacity,
        until,
    } = what;
    let kind = EventKind::parse(kind)?;
    let event = part::open_signup(db, &CLI, kind, *id, true, *until, *capacity)?;
    out.value(&event, || {
        format!(
            "“{}”已开放报名{}{}",
            event.title,
            event
                .places_left
                .map(|n| format!("，还有 {n} 个名额"))
                .unwrap_or_default(),
            event
                .until
                .as_deref()
                .map(|u| format!("，{u} 截止"))
                .unwrap_or_default()
        )
    });
    Ok(ExitCode::SUCCESS)
}
