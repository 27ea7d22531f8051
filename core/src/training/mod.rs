//! Deputy training (代表履职培训), "小班式、专题化、分批次、分类别": topics,
//! batches (small classes, by professional group or mixed) made of sessions
//! that are bookings in the shared model — so the venue, the lecturer and
//! every enrolled deputy are checked for clashes across training and
//! reading-share alike — enrolment with capacity and an ordered waitlist,
//! automatic assignment (`assign`), attendance, completion and coverage.

pub mod assign;
mod attendance;
mod coverage;
mod enrolment;
mod sessions;
mod signup;
mod store;

pub use attendance::*;
pub use coverage::*;
pub use enrolment::*;
pub use sessions::*;
pub use signup::*;

pub(crate) use store::{
    find_enrolment, get_batch, get_session as get_training_session, get_topic, list_batches,
    list_enrolments, list_sessions, list_topics,
};

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::calendar::SessionStatus;
use crate::calendar::bookings::parse_time;
use crate::calendar::{
    BookingDraft, BookingKind, Conflict, Role, find_conflicts, list_booking_people,
    set_booking_active, update_booking,
};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::people::store::{find_person_by_card, get_person};
use crate::people::{PersonKind, parse_group};
use crate::text::checked_text;

/// An active deputy, as assignment and coverage see them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deputy {
    pub id: i64,
    pub name: String,
    pub professional_group: Option<String>,
    pub delegation: Option<String>,
}

/// A person's place in one batch, with the counts completion needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BatchCounts {
    pub batch_id: i64,
    pub status: EnrolStatus,
    pub held: i64,
    pub present: i64,
    pub leave: i64,
}

/// A topic (专题).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    /// The professional groups it is for; empty = every group.
    pub target_groups: Vec<String>,
    pub batches: i64,
    /// Raised by each edit; an edit form sends back the one it showed.
    pub revision: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewTopic {
    pub name: String,
    pub description: Option<String>,
    pub target_groups: Vec<String>,
    /// The revision the edit form showed (see [`Topic::revision`]).
    pub revision: Option<i64>,
}

/// A batch (批次).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Batch {
    pub id: i64,
    pub topic_id: i64,
    pub topic_name: String,
    pub name: String,
    /// None for a mixed batch.
    pub professional_group: Option<String>,
    pub capacity: i64,
    pub trainer: Option<String>,
    pub venue_id: Option<i64>,
    pub venue_name: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub note: Option<String>,
    pub enrolled: i64,
    pub waitlisted: i64,
    pub sessions: i64,
    pub held: i64,
    /// Closed by the organizer: the results are final though sessions
    /// were left unheld.
    pub closed: bool,
    /// The results are final (every session held, or the batch closed):
    /// only then does anyone complete it.
    pub settled: bool,
    /// Raised by each edit of the batch's details.
    pub revision: i64,
    /// Opened for deputies to sign up (报名) on the intranet pages.
    pub signup_open: bool,
    /// The last day to sign up (YYYY-MM-DD), when there is one.
    pub signup_until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewBatch {
    pub topic_id: i64,
    pub name: String,
    pub professional_group: Option<String>,
    pub capacity: Option<i64>,
    pub trainer: Option<String>,
    pub venue_id: Option<i64>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub note: Option<String>,
    /// The revision the form showed (see [`Batch::revision`]).
    pub revision: Option<i64>,
}

/// A session (课次) of a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingSession {
    pub id: i64,
    pub batch_id: i64,
    pub booking_id: i64,
    pub subject: String,
    pub starts_at: String,
    pub ends_at: String,
    pub venue_id: Option<i64>,
    pub venue_name: Option<String>,
    pub lecturer_id: Option<i64>,
    /// The lecturer's name (a registered person's, or as typed).
    pub lecturer: Option<String>,
    pub status: SessionStatus,
    /// Raised by each edit; an edit form sends back the one it showed.
    pub revision: i64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewTrainingSession {
    pub subject: String,
    pub starts_at: String,
    pub ends_at: String,
    /// None: the batch's venue.
    #[serde(default)]
    pub venue_id: Option<i64>,
    #[serde(default)]
    pub lecturer_id: Option<i64>,
    #[serde(default)]
    pub lecturer_name: Option<String>,
    #[serde(default)]
    pub status: Option<SessionStatus>,
    /// The revision the edit form showed (see [`TrainingSession::revision`]).
    #[serde(default)]
    pub revision: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolStatus {
    Enrolled,
    Waitlisted,
    Withdrawn,
}

impl EnrolStatus {
    pub const ALL: &[EnrolStatus] = &[
        EnrolStatus::Enrolled,
        EnrolStatus::Waitlisted,
        EnrolStatus::Withdrawn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EnrolStatus::Enrolled => "已报名",
            EnrolStatus::Waitlisted => "候补",
            EnrolStatus::Withdrawn => "已退出",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EnrolStatus::Enrolled => "enrolled",
            EnrolStatus::Waitlisted => "waitlisted",
            EnrolStatus::Withdrawn => "withdrawn",
        }
    }

    fn from_code(code: &str) -> EnrolStatus {
        match code {
            "waitlisted" => EnrolStatus::Waitlisted,
            "withdrawn" => EnrolStatus::Withdrawn,
            _ => EnrolStatus::Enrolled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Enrolment {
    pub batch_id: i64,
    pub person_id: i64,
    pub name: String,
    pub professional_group: Option<String>,
    pub delegation: Option<String>,
    pub card_barcode: Option<String>,
    pub status: EnrolStatus,
    pub queued_at: String,
    pub pinned: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Present,
    /// 请假: absent with leave.
    Leave,
    Absent,
}

impl AttendanceStatus {
    pub const ALL: &[AttendanceStatus] = &[
        AttendanceStatus::Present,
        AttendanceStatus::Leave,
        AttendanceStatus::Absent,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "出勤",
            AttendanceStatus::Leave => "请假",
            AttendanceStatus::Absent => "缺勤",
        }
    }

    /// One character for the attendance grid.
    pub fn short(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "✓",
            AttendanceStatus::Leave => "假",
            AttendanceStatus::Absent => "✗",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            AttendanceStatus::Present => "present",
            AttendanceStatus::Leave => "leave",
            AttendanceStatus::Absent => "absent",
        }
    }

    fn from_code(code: &str) -> AttendanceStatus {
        match code {
            "present" => AttendanceStatus::Present,
            "leave" => AttendanceStatus::Leave,
            _ => AttendanceStatus::Absent,
        }
    }
}

/// A trainee's attendance and completion in a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeResult {
    pub person_id: i64,
    pub name: String,
    pub professional_group: Option<String>,
    pub delegation: Option<String>,
    /// Tells two deputies of one name apart on rosters and certificates.
    pub card_barcode: Option<String>,
    pub held: i64,
    pub present: i64,
    pub leave: i64,
    pub absent: i64,
    /// Present of held, in percent (None before any session is held).
    pub rate: Option<f64>,
    pub completed: bool,
}

/// A batch with everything its screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct BatchDetail {
    pub batch: Batch,
    pub sessions: Vec<TrainingSession>,
    pub enrolments: Vec<Enrolment>,
    /// (session, person, status)
    pub attendance: Vec<(i64, i64, AttendanceStatus)>,
    pub results: Vec<TraineeResult>,
    /// Whether the results are final (see [`Batch::settled`]).
    pub settled: bool,
    pub completion_percent: i64,
}

fn valid_topic(t: &NewTopic) -> Result<NewTopic> {
    let name = checked_text("name", "专题名称", Some(&t.name), 100, false)?
        .ok_or_else(|| Error::invalid("name", "请填写专题名称。"))?;
    let mut groups = Vec::new();
    for g in &t.target_groups {
        let group = parse_group(g)
            .ok_or_else(|| Error::invalid("target_groups", format!("“{g}”不是专业小组。")))?;
        if !groups.iter().any(|x: &String| x == group) {
            groups.push(group.to_owned());
        }
    }
    Ok(NewTopic {
        name,
        description: checked_text("description", "说明", t.description.as_deref(), 2000, true)?,
        target_groups: groups,
        revision: t.revision,
    })
}

fn valid_batch(b: &NewBatch) -> Result<NewBatch> {
    let name = checked_text("name", "批次名称", Some(&b.name), 60, false)?
        .ok_or_else(|| Error::invalid("name", "请填写批次名称，如 2026年第3期。"))?;
    let group = match b
        .professional_group
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty() && *g != "混合")
    {
        None => None,
        Some(g) => Some(
            parse_group(g)
                .ok_or_else(|| {
                    Error::invalid("professional_group", format!("“{g}”不是专业小组。"))
                })?
                .to_owned(),
        ),
    };
    let capacity = b.capacity.unwrap_or(30);
    if !(1..=500).contains(&capacity) {
        return Err(Error::invalid(
            "capacity",
            "人数上限应为 1 到 500（小班一般 30 人）。",
        ));
    }
    let day = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => crate::calendar::bookings::parse_day(s)
                .map(|d| Some(d.to_string()))
                .map_err(|m| Error::invalid(field, m)),
        }
    };
    let starts_on = day("starts_on", &b.starts_on)?;
    let ends_on = day("ends_on", &b.ends_on)?;
    if let (Some(a), Some(z)) = (&starts_on, &ends_on)
        && z < a
    {
        return Err(Error::invalid("ends_on", "结束日期早于开始日期。"));
    }
    Ok(NewBatch {
        revision: b.revision,
        topic_id: b.topic_id,
        name,
        professional_group: group,
        capacity: Some(capacity),
        trainer: checked_text("trainer", "带班负责人", b.trainer.as_deref(), 60, true)?,
        venue_id: b.venue_id,
        starts_on,
        ends_on,
        note: checked_text("note", "备注", b.note.as_deref(), 500, true)?,
    })
}

/// Every topic, the newest first.
pub fn topics(db: &Db) -> Result<Vec<Topic>> {
    db.read(|tx| list_topics(tx))
}

/// Adds a topic, as one action.
pub fn create_topic(db: &Db, actor: &Actor, t: &NewTopic) -> Result<Topic> {
    let t = valid_topic(t)?;
    db.write(actor, |tx| create_topic_in(tx, &t))
}

pub(crate) fn create_topic_in(tx: &WriteTx<'_>, t: &NewTopic) -> Result<Topic> {
    let id = store::insert_topic(tx, t)?;
    tx.audit(
        crate::Action::Create,
        crate::Entity::TrainingTopic,
        Some(id),
        &format!("新建培训专题“{}”", t.name),
    )?;
    get_topic(tx, id)
}

/// Changes a topic, as one action.
pub fn edit_topic(db: &Db, actor: &Actor, id: i64, t: &NewTopic) -> Result<Topic> {
    let t = valid_topic(t)?;
    db.write(actor, |tx| {
        crate::error::check_revision(get_topic(tx, id)?.revision, t.revision)?;
        store::update_topic(tx, id, &t)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::TrainingTopic,
            Some(id),
            &format!("修改培训专题“{}”", t.name),
        )?;
        get_topic(tx, id)
    })
}

/// Closes a batch: its results are final though sessions were left unheld
/// (named in the log) — or, with `closed` false, opens it again. As one
/// action.
pub fn set_batch_closed(db: &Db, actor: &Actor, id: i64, closed: bool) -> Result<BatchDetail> {
    db.write(actor, |tx| {
        let batch = get_batch(tx, id)?;
        store::set_batch_closed(tx, id, closed)?;
        let unheld: Vec<String> = list_sessions(tx, id)?
            .into_iter()
            .filter(|s| s.status == SessionStatus::Planned)
            .map(|s| {
                format!(
                    "{}（{}）",
                    s.subject,
                    &s.starts_at[..10.min(s.starts_at.len())]
                )
            })
            .collect();
        let summary = match (closed, unheld.is_empty()) {
            (true, true) => format!("结束培训批次“{}”", batch.name),
            (true, false) => format!(
                "结束培训批次“{}”，未举行的课次：{}",
                batch.name,
                unheld.join("、")
            ),
            (false, _) => format!("重新开放培训批次“{}”", batch.name),
        };
        tx.audit(
            if closed {
                crate::Action::Finish
            } else {
                crate::Action::Start
            },
            crate::Entity::TrainingBatch,
            Some(id),
            &summary,
        )?;
        attendance::detail_in(tx, id)
    })
}

/// A topic's batches (every batch when `topic_id` is None).
pub fn batches(db: &Db, topic_id: Option<i64>) -> Result<Vec<Batch>> {
    db.read(|tx| list_batches(tx, topic_id))
}

/// Adds a batch, as one action.
pub fn create_batch(db: &Db, actor: &Actor, b: &NewBatch) -> Result<Batch> {
    let b = valid_batch(b)?;
    db.write(actor, |tx| create_batch_in(tx, &b))
}

pub(crate) fn create_batch_in(tx: &WriteTx<'_>, b: &NewBatch) -> Result<Batch> {
    let topic = get_topic(tx, b.topic_id)?;
    if let Some(v) = b.venue_id {
        crate::calendar::get_venue(tx, v)?;
    }
    let id = store::insert_batch(tx, b)?;
    tx.audit(
        crate::Action::Create,
        crate::Entity::TrainingBatch,
        Some(id),
        &format!("“{}”新建批次 {}", topic.name, b.name),
    )?;
    get_batch(tx, id)
}

/// Changes a batch, as one action; its capacity may not drop below those enrolled.
pub fn edit_batch(db: &Db, actor: &Actor, id: i64, b: &NewBatch) -> Result<Batch> {
    let b = valid_batch(b)?;
    db.write(actor, |tx| {
        let before = get_batch(tx, id)?;
        crate::error::check_revision(before.revision, b.revision)?;
        if b.capacity.unwrap_or(30) < before.enrolled {
            return Err(Error::invalid(
                "capacity",
                format!("已有 {} 人报名，人数上限不能低于此数。", before.enrolled),
            ));
        }
        store::update_batch(tx, id, &b)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::TrainingBatch,
            Some(id),
            &format!("修改批次 {}", b.name),
        )?;
        get_batch(tx, id)
    })
}
