//! Deputy training (代表履职培训), "小班式、专题化、分批次、分类别": topics,
//! batches (small classes, by professional group or mixed) made of sessions
//! that are bookings in the shared model — so the venue, the lecturer and
//! every enrolled deputy are checked for clashes across training and
//! reading-share alike — enrolment with capacity and an ordered waitlist,
//! automatic assignment (`assign`), attendance, completion and coverage.

pub mod assign;
mod store;

pub use store::{
    get_batch, get_session as get_training_session, get_topic, list_batches, list_enrolments,
    list_sessions, list_topics,
};

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::calendar::bookings::{conflicts_error, parse_time};
use crate::calendar::{
    BookingDraft, BookingKind, Conflict, Role, find_conflicts, insert_booking, list_booking_people,
    set_booking_active, update_booking,
};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::people::{PersonKind, find_person_by_card, get_person, parse_group};
use crate::sharing::SessionStatus;
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
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewTopic {
    pub name: String,
    pub description: Option<String>,
    pub target_groups: Vec<String>,
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnrolStatus {
    Enrolled,
    Waitlisted,
    Withdrawn,
}

impl EnrolStatus {
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
        "create",
        "training_topic",
        Some(id),
        &format!("新建培训专题“{}”", t.name),
    )?;
    get_topic(tx, id)
}

/// Changes a topic, as one action.
pub fn edit_topic(db: &Db, actor: &Actor, id: i64, t: &NewTopic) -> Result<Topic> {
    let t = valid_topic(t)?;
    db.write(actor, |tx| {
        store::update_topic(tx, id, &t)?;
        tx.audit(
            "update",
            "training_topic",
            Some(id),
            &format!("修改培训专题“{}”", t.name),
        )?;
        get_topic(tx, id)
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
        "create",
        "training_batch",
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
        if b.capacity.unwrap_or(30) < before.enrolled {
            return Err(Error::invalid(
                "capacity",
                format!("已有 {} 人报名，人数上限不能低于此数。", before.enrolled),
            ));
        }
        store::update_batch(tx, id, &b)?;
        tx.audit(
            "update",
            "training_batch",
            Some(id),
            &format!("修改批次 {}", b.name),
        )?;
        get_batch(tx, id)
    })
}

/// The booking of a training session: venue, time, the lecturer and every
/// enrolled deputy bound.
fn session_booking(
    tx: &rusqlite::Connection,
    batch: &Batch,
    subject: &str,
    starts_at: &str,
    ends_at: &str,
    venue_id: Option<i64>,
    lecturer_id: Option<i64>,
) -> Result<BookingDraft> {
    let mut people: Vec<(i64, Role)> = lecturer_id
        .map(|l| (l, Role::Lecturer))
        .into_iter()
        .collect();
    people.extend(
        store::enrolled_ids(tx, batch.id)?
            .into_iter()
            .map(|p| (p, Role::Trainee)),
    );
    let booking = BookingDraft {
        kind: BookingKind::Training,
        venue_id: venue_id.or(batch.venue_id),
        starts_at: parse_time("starts_at", starts_at)?,
        ends_at: parse_time("ends_at", ends_at)?,
        title: format!("{}：{subject}", batch.topic_name),
        people,
    };
    booking.check_span()?;
    Ok(booking)
}

/// Adds a session to a batch, as one action; refused when the venue, the
/// lecturer or an enrolled deputy is taken then.
pub fn add_session(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    s: &NewTrainingSession,
) -> Result<TrainingSession> {
    db.write(actor, |tx| add_session_in(tx, batch_id, s))
}

pub(crate) fn add_session_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    s: &NewTrainingSession,
) -> Result<TrainingSession> {
    let subject = checked_text("subject", "课程内容", Some(&s.subject), 200, false)?
        .ok_or_else(|| Error::invalid("subject", "请填写课程内容。"))?;
    let lecturer_name = checked_text(
        "lecturer_name",
        "授课人",
        s.lecturer_name.as_deref(),
        60,
        true,
    )?;
    let batch = get_batch(tx, batch_id)?;
    if let Some(l) = s.lecturer_id {
        get_person(tx, l)?;
    }
    let booking = session_booking(
        tx,
        &batch,
        &subject,
        &s.starts_at,
        &s.ends_at,
        s.venue_id,
        s.lecturer_id,
    )?;
    let clashes = find_conflicts(tx, &booking, None)?;
    if !clashes.is_empty() {
        return Err(conflicts_error(&clashes));
    }
    let booking_id = insert_booking(tx, &booking)?;
    let status = s.status.unwrap_or(SessionStatus::Planned);
    let id = store::insert_session(
        tx,
        batch_id,
        booking_id,
        &subject,
        s.lecturer_id,
        lecturer_name.as_deref(),
        status,
    )?;
    if status == SessionStatus::Cancelled {
        set_booking_active(tx, booking_id, false)?;
    }
    tx.audit(
        "create",
        "training_session",
        Some(id),
        &format!(
            "{} {} 新增课次“{subject}”（{}）",
            batch.topic_name, batch.name, s.starts_at
        ),
    )?;
    store::get_session(tx, id)
}

/// The clashes a session form has now.
pub fn session_conflicts(
    db: &Db,
    batch_id: i64,
    id: Option<i64>,
    s: &NewTrainingSession,
) -> Result<Vec<Conflict>> {
    db.read(|tx| {
        let batch = get_batch(tx, batch_id)?;
        let booking = session_booking(
            tx,
            &batch,
            s.subject.trim(),
            &s.starts_at,
            &s.ends_at,
            s.venue_id,
            s.lecturer_id,
        )?;
        let exclude = match id {
            Some(id) => Some(store::get_session(tx, id)?.booking_id),
            None => None,
        };
        find_conflicts(tx, &booking, exclude)
    })
}

/// Changes a session (moved, held, cancelled, another lecturer), as one action.
pub fn edit_session(
    db: &Db,
    actor: &Actor,
    id: i64,
    s: &NewTrainingSession,
) -> Result<TrainingSession> {
    db.write(actor, |tx| edit_session_in(tx, id, s))
}

pub(crate) fn edit_session_in(
    tx: &WriteTx<'_>,
    id: i64,
    s: &NewTrainingSession,
) -> Result<TrainingSession> {
    let subject = checked_text("subject", "课程内容", Some(&s.subject), 200, false)?
        .ok_or_else(|| Error::invalid("subject", "请填写课程内容。"))?;
    let lecturer_name = checked_text(
        "lecturer_name",
        "授课人",
        s.lecturer_name.as_deref(),
        60,
        true,
    )?;
    let before = store::get_session(tx, id)?;
    let batch = get_batch(tx, before.batch_id)?;
    let status = s.status.unwrap_or(before.status);
    let booking = session_booking(
        tx,
        &batch,
        &subject,
        &s.starts_at,
        &s.ends_at,
        s.venue_id.or(before.venue_id),
        s.lecturer_id,
    )?;
    if status != SessionStatus::Cancelled {
        let clashes = find_conflicts(tx, &booking, Some(before.booking_id))?;
        if !clashes.is_empty() {
            return Err(conflicts_error(&clashes));
        }
    }
    update_booking(tx, before.booking_id, &booking)?;
    set_booking_active(tx, before.booking_id, status != SessionStatus::Cancelled)?;
    store::update_session_row(
        tx,
        id,
        &subject,
        s.lecturer_id,
        lecturer_name.as_deref(),
        status,
    )?;
    tx.audit(
        "update",
        "training_session",
        Some(id),
        &format!("修改课次“{subject}”（{}，{}）", s.starts_at, status.label()),
    )?;
    store::get_session(tx, id)
}

/// Rebinds a batch's sessions to its lecturer and enrolled deputies.
fn rebind_batch(tx: &WriteTx<'_>, batch_id: i64) -> Result<()> {
    let enrolled = store::enrolled_ids(tx, batch_id)?;
    for s in list_sessions(tx, batch_id)? {
        let mut people: Vec<(i64, Role)> = list_booking_people(tx, s.booking_id)?
            .into_iter()
            .filter(|(_, r)| *r != Role::Trainee)
            .collect();
        people.extend(enrolled.iter().map(|p| (*p, Role::Trainee)));
        let booking = BookingDraft {
            kind: BookingKind::Training,
            venue_id: s.venue_id,
            starts_at: parse_time("starts_at", &s.starts_at)?,
            ends_at: parse_time("ends_at", &s.ends_at)?,
            title: format!("{}：{}", get_batch(tx, batch_id)?.topic_name, s.subject),
            people,
        };
        update_booking(tx, s.booking_id, &booking)?;
    }
    Ok(())
}

/// What a deputy would clash with in a batch (its active sessions).
fn clashes_in_batch(
    tx: &rusqlite::Connection,
    batch_id: i64,
    person_id: i64,
) -> Result<Vec<String>> {
    Ok(store::clash_pairs(tx, &[person_id], &[batch_id])?
        .into_iter()
        .map(|(_, _, what)| what)
        .collect())
}

/// A deputy's clashes with a batch, shown before enrolling.
pub fn enrol_check(db: &Db, batch_id: i64, person_id: i64) -> Result<Vec<String>> {
    db.read(|tx| clashes_in_batch(tx, batch_id, person_id))
}

/// Whom to enrol: hand-picked, or a whole professional group.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EnrolSelection {
    pub person_ids: Vec<i64>,
    pub professional_group: Option<String>,
}

/// What an enrolment did, person by person.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EnrolReport {
    pub enrolled: Vec<String>,
    pub waitlisted: Vec<String>,
    /// (name, why not)
    pub refused: Vec<(String, String)>,
}

fn enrol_one(
    tx: &WriteTx<'_>,
    batch: &Batch,
    person_id: i64,
    pinned: bool,
    report: &mut EnrolReport,
) -> Result<()> {
    let person = get_person(tx, person_id)?;
    if person.kind != PersonKind::Deputy {
        report.refused.push((person.name, "不是人大代表".into()));
        return Ok(());
    }
    if !person.active {
        report.refused.push((person.name, "已停用".into()));
        return Ok(());
    }
    match store::find_enrolment(tx, batch.id, person_id)? {
        Some(EnrolStatus::Enrolled) => {
            report.refused.push((person.name, "已在本批次".into()));
            return Ok(());
        }
        Some(EnrolStatus::Waitlisted) => {
            report.refused.push((person.name, "已在候补名单".into()));
            return Ok(());
        }
        _ => {}
    }
    let clashes = clashes_in_batch(tx, batch.id, person_id)?;
    if !clashes.is_empty() {
        report
            .refused
            .push((person.name, format!("时间冲突：{}", clashes.join("；"))));
        return Ok(());
    }
    let enrolled = store::enrolled_ids(tx, batch.id)?.len() as i64;
    if enrolled < batch.capacity {
        store::put_enrolment(tx, batch.id, person_id, EnrolStatus::Enrolled, pinned)?;
        report.enrolled.push(person.name);
    } else {
        store::put_enrolment(tx, batch.id, person_id, EnrolStatus::Waitlisted, pinned)?;
        report.waitlisted.push(person.name);
    }
    Ok(())
}

/// Enrols deputies, as one action: within capacity they are enrolled,
/// beyond it they join the waitlist in order; anyone who clashes with a
/// session, or is not an active deputy, is refused with the reason.
pub fn enrol(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    selection: &EnrolSelection,
) -> Result<EnrolReport> {
    db.write(actor, |tx| enrol_in(tx, batch_id, selection, false))
}

pub(crate) fn enrol_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    selection: &EnrolSelection,
    pinned: bool,
) -> Result<EnrolReport> {
    let batch = get_batch(tx, batch_id)?;
    let mut ids = selection.person_ids.clone();
    if let Some(g) = selection
        .professional_group
        .as_deref()
        .filter(|g| !g.trim().is_empty())
    {
        let group = parse_group(g)
            .ok_or_else(|| Error::invalid("professional_group", format!("“{g}”不是专业小组。")))?;
        ids.extend(
            store::list_deputies(tx)?
                .into_iter()
                .filter(|d| d.professional_group.as_deref() == Some(group))
                .map(|d| d.id),
        );
    }
    let mut seen = HashSet::new();
    let mut report = EnrolReport::default();
    for id in ids.into_iter().filter(|id| seen.insert(*id)) {
        let batch = get_batch(tx, batch_id)?;
        enrol_one(tx, &batch, id, pinned, &mut report)?;
    }
    if report.enrolled.is_empty() && report.waitlisted.is_empty() {
        // Nobody could be enrolled: nothing changes, nothing to log.
        return Ok(report);
    }
    rebind_batch(tx, batch_id)?;
    tx.audit(
        "enrol",
        "training_batch",
        Some(batch_id),
        &format!(
            "{} {}：报名 {} 人，候补 {} 人，未能报名 {} 人",
            batch.topic_name,
            batch.name,
            report.enrolled.len(),
            report.waitlisted.len(),
            report.refused.len()
        ),
    )?;
    Ok(report)
}

/// Enrols the deputies listed in a spreadsheet (by card number, or by a
/// name that is unique among deputies), as one action; rows that match
/// nobody are reported, not guessed.
pub fn enrol_from_file(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<EnrolReport> {
    let grid = crate::import::table::read_grid(bytes, file_name)?;
    let header = grid
        .iter()
        .position(|row| {
            row.iter().any(|c| {
                matches!(
                    c.trim(),
                    "姓名" | "名字" | "name" | "借书证号" | "证号" | "卡号"
                )
            })
        })
        .ok_or_else(|| Error::invalid("file", "表格中找不到“姓名”或“借书证号”列。"))?;
    let col = |names: &[&str]| grid[header].iter().position(|c| names.contains(&c.trim()));
    let name_col = col(&["姓名", "名字", "name"]);
    let card_col = col(&["借书证号", "证号", "卡号", "card"]);
    db.write(actor, |tx| {
        let deputies = store::list_deputies(tx)?;
        let mut by_name: HashMap<&str, Vec<i64>> = HashMap::new();
        for d in &deputies {
            by_name.entry(d.name.as_str()).or_default().push(d.id);
        }
        let mut ids = Vec::new();
        let mut unmatched = Vec::new();
        for (i, row) in grid.iter().enumerate().skip(header + 1) {
            let cell = |c: Option<usize>| {
                c.and_then(|c| row.get(c))
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
            };
            let (name, card) = (cell(name_col), cell(card_col));
            if name.is_none() && card.is_none() {
                continue;
            }
            let by_card = match card {
                Some(c) => find_person_by_card(tx, c).unwrap_or(None).map(|p| p.id),
                None => None,
            };
            match (by_card, name.and_then(|n| by_name.get(n))) {
                (Some(id), _) => ids.push(id),
                (None, Some(found)) if found.len() == 1 => ids.push(found[0]),
                (None, Some(_)) => unmatched.push((
                    name.unwrap_or("").to_owned(),
                    format!("第 {} 行：同名代表不止一位，请填写借书证号", i + 1),
                )),
                (None, None) => unmatched.push((
                    name.or(card).unwrap_or("").to_owned(),
                    format!("第 {} 行：人员名单中找不到这位代表", i + 1),
                )),
            }
        }
        let mut report = enrol_in(
            tx,
            batch_id,
            &EnrolSelection {
                person_ids: ids,
                professional_group: None,
            },
            false,
        )?;
        report.refused.extend(unmatched);
        Ok(report)
    })
}

/// Withdraws a deputy, as one action; the first on the waitlist who has no
/// clash moves up into the seat.
pub fn withdraw(db: &Db, actor: &Actor, batch_id: i64, person_id: i64) -> Result<BatchDetail> {
    db.write(actor, |tx| {
        let person = get_person(tx, person_id)?;
        let was = store::find_enrolment(tx, batch_id, person_id)?;
        if !matches!(was, Some(EnrolStatus::Enrolled | EnrolStatus::Waitlisted)) {
            return Err(Error::conflict(format!("{} 不在这个批次中。", person.name)));
        }
        store::put_enrolment(tx, batch_id, person_id, EnrolStatus::Withdrawn, false)?;
        let mut moved = None;
        if was == Some(EnrolStatus::Enrolled) {
            for e in list_enrolments(tx, batch_id)?
                .into_iter()
                .filter(|e| e.status == EnrolStatus::Waitlisted)
            {
                if clashes_in_batch(tx, batch_id, e.person_id)?.is_empty() {
                    store::put_enrolment(
                        tx,
                        batch_id,
                        e.person_id,
                        EnrolStatus::Enrolled,
                        e.pinned,
                    )?;
                    moved = Some(e.name);
                    break;
                }
            }
        }
        rebind_batch(tx, batch_id)?;
        tx.audit(
            "withdraw",
            "training_batch",
            Some(batch_id),
            &format!(
                "{} 退出{}",
                person.name,
                moved
                    .map(|m| format!("，候补 {m} 递补"))
                    .unwrap_or_default()
            ),
        )?;
        detail_in(tx, batch_id)
    })
}

// ---- assignment ----

/// A proposed placement for a topic, with names for showing.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub topic_id: i64,
    pub batches: Vec<Batch>,
    pub plan: assign::Plan,
    /// The deputies the proposal is about.
    pub people: Vec<Deputy>,
}

/// Proposes how to place deputies in a topic's batches: `person_ids`, or
/// by default every active deputy not yet in one of its batches; `pins`
/// are (person, batch) choices to keep. Nothing is saved.
pub fn propose(
    db: &Db,
    topic_id: i64,
    person_ids: Option<&[i64]>,
    pins: &[(i64, i64)],
) -> Result<Proposal> {
    db.read(|tx| {
        get_topic(tx, topic_id)?;
        let batches = list_batches(tx, Some(topic_id))?;
        let taken: HashSet<i64> = store::topic_people(tx, topic_id)?.into_iter().collect();
        let deputies = store::list_deputies(tx)?;
        let people: Vec<_> = match person_ids {
            Some(ids) => {
                let wanted: HashSet<i64> = ids.iter().copied().collect();
                deputies
                    .into_iter()
                    .filter(|d| wanted.contains(&d.id) && !taken.contains(&d.id))
                    .collect()
            }
            None => deputies
                .into_iter()
                .filter(|d| !taken.contains(&d.id))
                .collect(),
        };
        let batch_ids: Vec<i64> = batches.iter().map(|b| b.id).collect();
        let person_list: Vec<i64> = people.iter().map(|p| p.id).collect();
        let mut clashes: HashMap<(i64, i64), Vec<String>> = HashMap::new();
        for (p, b, what) in store::clash_pairs(tx, &person_list, &batch_ids)? {
            clashes.entry((p, b)).or_default().push(what);
        }
        let slots: Vec<assign::Slot> = batches
            .iter()
            .map(|b| assign::Slot {
                batch_id: b.id,
                group: b.professional_group.clone(),
                capacity: b.capacity.max(0) as usize,
                enrolled: b.enrolled.max(0) as usize,
            })
            .collect();
        let candidates: Vec<assign::Candidate> = people
            .iter()
            .map(|d| assign::Candidate {
                person_id: d.id,
                group: d.professional_group.clone(),
                clashes: batches
                    .iter()
                    .map(|b| {
                        clashes
                            .get(&(d.id, b.id))
                            .map(|w| format!("{}（{}）", b.name, w.join("、")))
                    })
                    .collect(),
                pinned: pins.iter().find(|(p, _)| *p == d.id).map(|(_, b)| *b),
            })
            .collect();
        Ok(Proposal {
            topic_id,
            plan: assign::assign(&slots, &candidates),
            batches,
            people,
        })
    })
}

/// Enrols a confirmed proposal, as one action; refused whole if anything
/// changed since (a batch filled, a new clash).
pub fn confirm(db: &Db, actor: &Actor, placements: &[assign::Placement]) -> Result<EnrolReport> {
    db.write(actor, |tx| {
        let mut report = EnrolReport::default();
        let mut by_batch: HashMap<i64, Vec<&assign::Placement>> = HashMap::new();
        for p in placements {
            by_batch.entry(p.batch_id).or_default().push(p);
        }
        for (batch_id, list) in by_batch {
            let batch = get_batch(tx, batch_id)?;
            if batch.enrolled + list.len() as i64 > batch.capacity {
                return Err(Error::conflict(format!(
                    "{} 的空位已不足 {} 个，请重新生成方案。",
                    batch.name,
                    list.len()
                )));
            }
            for p in list {
                let mut one = EnrolReport::default();
                enrol_one(tx, &batch, p.person_id, p.pinned, &mut one)?;
                if let Some((name, why)) = one.refused.pop() {
                    return Err(Error::conflict(format!(
                        "{name} 无法编入{}：{why}。请重新生成方案。",
                        batch.name
                    )));
                }
                report.enrolled.extend(one.enrolled);
            }
            rebind_batch(tx, batch_id)?;
        }
        tx.audit(
            "assign",
            "training",
            None,
            &format!("确认自动编班：{} 人", report.enrolled.len()),
        )?;
        Ok(report)
    })
}

// ---- attendance and completion ----

/// Marks one deputy's attendance of a session, as one action (None clears it).
pub fn mark_attendance(
    db: &Db,
    actor: &Actor,
    session_id: i64,
    person_id: i64,
    status: Option<AttendanceStatus>,
) -> Result<BatchDetail> {
    db.write(actor, |tx| {
        let session = store::get_session(tx, session_id)?;
        mark_in(tx, &session, person_id, status, "tick")?;
        detail_in(tx, session.batch_id)
    })
}

pub(crate) fn mark_in(
    tx: &WriteTx<'_>,
    session: &TrainingSession,
    person_id: i64,
    status: Option<AttendanceStatus>,
    method: &str,
) -> Result<()> {
    let person = get_person(tx, person_id)?;
    if store::find_enrolment(tx, session.batch_id, person_id)? != Some(EnrolStatus::Enrolled) {
        return Err(Error::conflict(format!(
            "{} 没有报名这个批次。",
            person.name
        )));
    }
    if session.status == SessionStatus::Cancelled {
        return Err(Error::conflict("这次课已取消，不能考勤。"));
    }
    match status {
        Some(s) => store::put_attendance(tx, session.id, person_id, s, method)?,
        None => store::delete_attendance(tx, session.id, person_id)?,
    }
    // Attendance means the session took place.
    if status == Some(AttendanceStatus::Present) && session.status == SessionStatus::Planned {
        store::set_session_status(tx, session.id, SessionStatus::Held)?;
    }
    tx.audit(
        "attend",
        "training_session",
        Some(session.id),
        &format!(
            "{} {}",
            person.name,
            status.map(|s| s.code()).unwrap_or("清除考勤")
        ),
    )
}

/// The active deputies (reports count coverage over them).
pub(crate) fn store_deputies(tx: &rusqlite::Connection) -> Result<Vec<Deputy>> {
    store::list_deputies(tx)
}

/// The active deputies' ids (the demo's mixed batches draw from them).
pub(crate) fn store_deputy_ids(tx: &rusqlite::Connection) -> Result<Vec<i64>> {
    Ok(store::list_deputies(tx)?
        .into_iter()
        .map(|d| d.id)
        .collect())
}

/// Sets a session's status (the demo's past sessions are held).
pub(crate) fn set_status_in(tx: &WriteTx<'_>, id: i64, status: SessionStatus) -> Result<()> {
    store::set_session_status(tx, id, status)
}

/// A batch's detail on any connection (the demo and the reports count completions).
pub(crate) fn detail_for_demo(tx: &rusqlite::Connection, batch_id: i64) -> Result<BatchDetail> {
    detail_in(tx, batch_id)
}

/// Marks whoever's card was scanned present, as one action.
pub fn attendance_scan(
    db: &Db,
    actor: &Actor,
    session_id: i64,
    raw: &str,
) -> Result<(String, BatchDetail)> {
    db.write(actor, |tx| {
        let session = store::get_session(tx, session_id)?;
        let settings = crate::circulation::desk_settings_in(tx)?;
        let code =
            crate::circulation::scan_code(raw, &settings.scanner_prefix, &settings.scanner_suffix);
        let person = find_person_by_card(tx, &code)
            .unwrap_or(None)
            .ok_or_else(|| Error::NotFound(format!("借书证 {code} 不属于任何人员。")))?;
        mark_in(
            tx,
            &session,
            person.id,
            Some(AttendanceStatus::Present),
            "scan",
        )?;
        Ok((person.name, detail_in(tx, session.batch_id)?))
    })
}

fn results(
    sessions: &[TrainingSession],
    enrolments: &[Enrolment],
    attendance: &[(i64, i64, AttendanceStatus)],
    percent: i64,
) -> Vec<TraineeResult> {
    let held: HashSet<i64> = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Held)
        .map(|s| s.id)
        .collect();
    enrolments
        .iter()
        .filter(|e| e.status == EnrolStatus::Enrolled)
        .map(|e| {
            let mine = attendance
                .iter()
                .filter(|(s, p, _)| *p == e.person_id && held.contains(s));
            let count = |want: AttendanceStatus| {
                mine.clone().filter(|(_, _, st)| *st == want).count() as i64
            };
            let (present, leave) = (
                count(AttendanceStatus::Present),
                count(AttendanceStatus::Leave),
            );
            let held_n = held.len() as i64;
            let rate =
                (held_n > 0).then(|| (present as f64 * 1000.0 / held_n as f64).round() / 10.0);
            TraineeResult {
                person_id: e.person_id,
                name: e.name.clone(),
                professional_group: e.professional_group.clone(),
                delegation: e.delegation.clone(),
                held: held_n,
                present,
                leave,
                absent: held_n - present - leave,
                rate,
                completed: held_n > 0 && present * 100 >= percent * held_n,
            }
        })
        .collect()
}

fn detail_in(tx: &rusqlite::Connection, batch_id: i64) -> Result<BatchDetail> {
    let batch = get_batch(tx, batch_id)?;
    let sessions = list_sessions(tx, batch_id)?;
    let enrolments = list_enrolments(tx, batch_id)?;
    let attendance = store::list_attendance(tx, batch_id)?;
    let percent = store::completion_percent(tx)?;
    Ok(BatchDetail {
        results: results(&sessions, &enrolments, &attendance, percent),
        batch,
        sessions,
        enrolments,
        attendance,
        completion_percent: percent,
    })
}

/// A batch with its sessions, enrolments, attendance and results.
pub fn batch_detail(db: &Db, batch_id: i64) -> Result<BatchDetail> {
    db.read(|tx| detail_in(tx, batch_id))
}

/// Sets the completion rule (percent of held sessions attended), as one action.
pub fn set_completion_percent(db: &Db, actor: &Actor, percent: i64) -> Result<i64> {
    if !(1..=100).contains(&percent) {
        return Err(Error::invalid(
            "completion_percent",
            "结业要求应为 1% 到 100%。",
        ));
    }
    db.write(actor, |tx| {
        crate::circulation::put_setting_audited(
            tx,
            "training",
            "completion_percent",
            &percent.to_string(),
            &format!("培训结业要求改为出勤 {percent}%"),
        )?;
        Ok(percent)
    })
}

/// One deputy's training: each batch, and whether they completed it.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingRecord {
    pub batch: Batch,
    pub status: EnrolStatus,
    pub held: i64,
    pub present: i64,
    pub leave: i64,
    pub completed: bool,
}

/// A deputy's training history.
pub fn person_history(db: &Db, person_id: i64) -> Result<Vec<TrainingRecord>> {
    db.read(|tx| {
        let percent = store::completion_percent(tx)?;
        store::person_batches(tx, person_id)?
            .into_iter()
            .map(|c| {
                Ok(TrainingRecord {
                    batch: get_batch(tx, c.batch_id)?,
                    status: c.status,
                    held: c.held,
                    present: c.present,
                    leave: c.leave,
                    completed: c.status == EnrolStatus::Enrolled
                        && c.held > 0
                        && c.present * 100 >= percent * c.held,
                })
            })
            .collect()
    })
}

/// Coverage of one professional group: per topic, who completed, who is
/// enrolled; and who has not been trained this year at all.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCoverage {
    pub group: String,
    pub deputies: i64,
    pub topics: Vec<TopicCoverage>,
    /// (id, name, delegation) of the group's deputies in no batch this year.
    pub untrained: Vec<(i64, String, Option<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicCoverage {
    pub topic_id: i64,
    pub topic: String,
    pub completed: i64,
    pub enrolled: i64,
}

/// Coverage of every professional group in `year`.
pub fn coverage(db: &Db, year: i32) -> Result<Vec<GroupCoverage>> {
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    db.read(|tx| {
        let deputies = store::list_deputies(tx)?;
        let percent = store::completion_percent(tx)?;
        let topics = list_topics(tx)?;
        let batches: Vec<Batch> = list_batches(tx, None)?
            .into_iter()
            .filter(|b| {
                let start = b.starts_on.clone().unwrap_or_default();
                let end = b.ends_on.clone().unwrap_or(start.clone());
                start.as_str() <= to.as_str() && end.as_str() >= from.as_str()
            })
            .collect();
        // person → [(topic, completed)]
        let mut per_person: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
        for b in &batches {
            let detail = detail_in(tx, b.id)?;
            let done: HashSet<i64> = results(
                &detail.sessions,
                &detail.enrolments,
                &detail.attendance,
                percent,
            )
            .into_iter()
            .filter(|r| r.completed)
            .map(|r| r.person_id)
            .collect();
            for e in detail
                .enrolments
                .iter()
                .filter(|e| e.status == EnrolStatus::Enrolled)
            {
                per_person
                    .entry(e.person_id)
                    .or_default()
                    .push((b.topic_id, done.contains(&e.person_id)));
            }
        }
        Ok(crate::people::PROFESSIONAL_GROUPS
            .iter()
            .map(|g| {
                let members: Vec<_> = deputies
                    .iter()
                    .filter(|d| d.professional_group.as_deref() == Some(*g))
                    .collect();
                GroupCoverage {
                    group: (*g).to_owned(),
                    deputies: members.len() as i64,
                    topics: topics
                        .iter()
                        .map(|t| {
                            let mut c = TopicCoverage {
                                topic_id: t.id,
                                topic: t.name.clone(),
                                completed: 0,
                                enrolled: 0,
                            };
                            for m in &members {
                                for (topic, done) in per_person.get(&m.id).into_iter().flatten() {
                                    if *topic == t.id {
                                        if *done {
                                            c.completed += 1;
                                        } else {
                                            c.enrolled += 1;
                                        }
                                    }
                                }
                            }
                            c
                        })
                        .collect(),
                    untrained: members
                        .iter()
                        .filter(|m| !per_person.contains_key(&m.id))
                        .map(|m| (m.id, m.name.clone(), m.delegation.clone()))
                        .collect(),
                }
            })
            .collect())
    })
}

/// Writes a batch's roster and results as .xlsx (Documents/书香导出).
pub fn export_batch_for_user(
    db: &Db,
    batch_id: i64,
    fallback_dir: &std::path::Path,
) -> Result<String> {
    use rust_xlsxwriter::{Format, Workbook};
    let d = batch_detail(db, batch_id)?;
    let xlsx =
        |e: rust_xlsxwriter::XlsxError| Error::io("无法生成培训名册", std::io::Error::other(e));
    let guard = crate::catalog::guard_cell;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("名册与结业").map_err(xlsx)?;
    let head = [
        "序号",
        "姓名",
        "专业小组",
        "代表团",
        "应到课次",
        "出勤",
        "请假",
        "缺勤",
        "出勤率",
        "结业",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
    }
    for (r, t) in d.results.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, (r + 1) as f64).map_err(xlsx)?;
        sheet.write_string(row, 1, guard(&t.name)).map_err(xlsx)?;
        sheet
            .write_string(row, 2, guard(t.professional_group.as_deref().unwrap_or("")))
            .map_err(xlsx)?;
        sheet
            .write_string(row, 3, guard(t.delegation.as_deref().unwrap_or("")))
            .map_err(xlsx)?;
        for (c, v) in [t.held, t.present, t.leave, t.absent].iter().enumerate() {
            sheet
                .write_number(row, 4 + c as u16, *v as f64)
                .map_err(xlsx)?;
        }
        sheet
            .write_string(row, 8, t.rate.map(|r| format!("{r}%")).unwrap_or_default())
            .map_err(xlsx)?;
        sheet
            .write_string(row, 9, if t.completed { "结业" } else { "" })
            .map_err(xlsx)?;
    }
    sheet.set_column_width(3, 18).map_err(xlsx)?;
    let safe: String = format!("{}-{}", d.batch.topic_name, d.batch.name)
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let path = crate::home::export_path(fallback_dir, &format!("培训名册-{safe}.xlsx"))?;
    book.save(&path).map_err(|e| {
        Error::io(
            format!("无法写入 {}", path.display()),
            std::io::Error::other(e),
        )
    })?;
    Ok(path.display().to_string())
}
