//! Venues and bookings: the one model every scheduled session uses. A
//! booking holds a venue for a span of office-local time and binds people
//! to it; a new or changed booking that overlaps another in the same venue,
//! or binds someone already bound elsewhere then, is a conflict the user
//! sees before saving. Invited people are not bound: an invitation is no clash.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// How booking times are stored and exchanged: office-local, to the minute.
pub const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// Reads `2026-11-26T15:00` (also with a space, or seconds).
pub fn parse_time(field: &str, text: &str) -> Result<NaiveDateTime> {
    let t = text.trim();
    for format in [
        TIME_FORMAT,
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(v) = NaiveDateTime::parse_from_str(t, format) {
            return Ok(v);
        }
    }
    Err(Error::invalid(
        field,
        format!("“{t}”不是日期时间，应写作 2026-11-26 15:00。"),
    ))
}

/// Reads a day as people write it: `2026-01-05`, `2026/1/5`, `2026年1月5日`.
pub fn parse_day(text: &str) -> std::result::Result<chrono::NaiveDate, String> {
    let t = crate::text::fold_width(text.trim());
    let t = t.replace(['年', '月', '/', '.'], "-").replace('日', "");
    chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
        .map_err(|_| format!("“{}”不是日期，应写作 2026-01-05。", text.trim()))
}

pub fn format_time(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// A room sessions are held in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Venue {
    pub id: i64,
    pub name: String,
    pub capacity: Option<i64>,
    pub note: Option<String>,
    pub active: bool,
    /// Raised by each edit; an edit form sends back the one it showed.
    pub revision: i64,
}

/// A venue as entered.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewVenue {
    pub name: String,
    pub capacity: Option<i64>,
    pub note: Option<String>,
    pub active: Option<bool>,
    /// The revision the edit form showed (see [`Venue::revision`]).
    pub revision: Option<i64>,
}

impl NewVenue {
    pub(crate) fn validate(&self) -> Result<NewVenue> {
        let name = crate::text::checked_text("name", "场地名称", Some(&self.name), 60, false)?
            .ok_or_else(|| Error::invalid("name", "请填写场地名称。"))?;
        if let Some(c) = self.capacity
            && !(1..=10000).contains(&c)
        {
            return Err(Error::invalid("capacity", "容纳人数应为 1 到 10000。"));
        }
        Ok(NewVenue {
            name,
            capacity: self.capacity,
            note: crate::text::checked_text("note", "备注", self.note.as_deref(), 200, true)?,
            active: self.active,
            revision: self.revision,
        })
    }
}

/// What a booking is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingKind {
    /// 读书分享
    Share,
    /// 代表履职培训
    Training,
}

impl BookingKind {
    pub fn code(self) -> &'static str {
        match self {
            BookingKind::Share => "share",
            BookingKind::Training => "training",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BookingKind::Share => "读书分享",
            BookingKind::Training => "履职培训",
        }
    }

    pub(crate) fn from_code(code: &str) -> BookingKind {
        if code == "training" {
            BookingKind::Training
        } else {
            BookingKind::Share
        }
    }
}

/// How a person is bound to a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Host,
    Presenter,
    Lecturer,
    Trainee,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Host => "host",
            Role::Presenter => "presenter",
            Role::Lecturer => "lecturer",
            Role::Trainee => "trainee",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Host => "主持人",
            Role::Presenter => "领读人",
            Role::Lecturer => "授课人",
            Role::Trainee => "学员",
        }
    }

    pub(crate) fn from_code(code: &str) -> Role {
        match code {
            "presenter" => Role::Presenter,
            "lecturer" => Role::Lecturer,
            "trainee" => Role::Trainee,
            _ => Role::Host,
        }
    }
}

/// A booking to check or store.
#[derive(Debug, Clone, PartialEq)]
pub struct BookingDraft {
    pub kind: BookingKind,
    pub venue_id: Option<i64>,
    pub starts_at: NaiveDateTime,
    pub ends_at: NaiveDateTime,
    pub title: String,
    /// The people it binds, with how.
    pub people: Vec<(i64, Role)>,
}

impl BookingDraft {
    pub(crate) fn check_span(&self) -> Result<()> {
        if self.ends_at <= self.starts_at {
            return Err(Error::invalid("ends_at", "结束时间应晚于开始时间。"));
        }
        if (self.ends_at - self.starts_at).num_hours() > 24 {
            return Err(Error::invalid("ends_at", "一次活动不能超过 24 小时。"));
        }
        Ok(())
    }
}

/// Why two bookings clash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// The same venue at overlapping times.
    Venue,
    /// The same person bound to both.
    Person,
}

/// Another booking a draft clashes with, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub booking_id: i64,
    pub kind: BookingKind,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue: Option<String>,
    pub reason: ConflictReason,
    /// The person bound to both, for a person clash.
    pub person: Option<String>,
    /// The clash in words: "三楼会议室 已被《…》占用（2026-11-26 15:00–17:00）".
    pub message: String,
}

/// A booking as the calendar shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarEntry {
    pub booking_id: i64,
    pub kind: BookingKind,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue: Option<String>,
    /// planned / held / cancelled
    pub status: String,
    /// The reading-share or training session behind it.
    pub session_id: Option<i64>,
    /// The training batch, for a training session.
    pub batch_id: Option<i64>,
}

/// "2026-11-26 15:00–17:00"
pub fn span_text(starts_at: &str, ends_at: &str) -> String {
    let start = starts_at.replace('T', " ");
    let end = match (starts_at.get(..10), ends_at.get(..10)) {
        (Some(a), Some(b)) if a == b => ends_at.get(11..).unwrap_or(ends_at).to_owned(),
        _ => ends_at.replace('T', " "),
    };
    format!("{start}–{end}")
}

/// A refusal naming every clash.
pub fn conflicts_error(conflicts: &[Conflict]) -> Error {
    let list: Vec<&str> = conflicts.iter().map(|c| c.message.as_str()).collect();
    Error::conflict(format!(
        "时间冲突：{}。请换时间、换场地或调整人员。",
        list.join("；")
    ))
}
