//! 请假: an enrolled trainee asks for leave from a coming training session
//! with a reason. Approved, their attendance is marked 请假 and the
//! completion rule counts it as it counts the organizer's own mark.

use serde::{Deserialize, Serialize};

use super::store::{self, Pending};
use super::suggestions::plain;
use super::*;
use crate::calendar::SessionStatus;
use crate::text::checked_text;
use crate::training::{AttendanceStatus, EnrolStatus};

/// A request as the trainee makes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LeaveDraft {
    pub session_id: i64,
    pub reason: String,
}

/// A stored request, for staff and for its trainee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaveRequest {
    pub id: i64,
    pub session_id: i64,
    pub subject: String,
    pub batch_id: i64,
    pub batch_name: String,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    pub card_barcode: Option<String>,
    pub reason: String,
    pub status: LeaveStatus,
    /// The organizer's answer (why not, when refused).
    pub answer: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

/// A coming session of a batch the reader is enrolled in, with their latest
/// leave request for it: what the readers' 请假 page offers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeaveChoice {
    pub session_id: i64,
    pub subject: String,
    pub batch_name: String,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    /// Their latest request for it, if any.
    pub leave: Option<LeaveStatus>,
    /// The organizer's answer to it (why not, when refused).
    pub answer: Option<String>,
}

/// The signed-in reader's coming training sessions (planned, in batches
/// they are enrolled in), in time order; empty for anyone not a trainee.
pub fn leave_choices(db: &Db, person_id: i64) -> Result<Vec<LeaveChoice>> {
    let today = db.clock().today();
    db.read(|tx| store::leave_choices(tx, person_id, &format!("{today}T00:00")))
}

/// The signed-in trainee asks for leave from a session of their batch.
pub fn reader_ask_leave(
    db: &Db,
    person_id: i64,
    draft: &LeaveDraft,
    client: Option<&str>,
) -> Result<RequestAnswer> {
    let (person, actor) = reader(db, person_id, client)?;
    let reason = checked_text(
        "reason",
        "请假理由",
        plain(Some(&draft.reason)).as_deref(),
        500,
        true,
    )?
    .ok_or_else(|| Error::invalid("reason", "请写明请假理由。"))?;
    let today = db.clock().today();
    db.write(&actor, |tx| {
        refuse_too_many(
            store::pending_of(tx, Pending::Leave, person_id)?,
            "请假申请",
        )?;
        let session = crate::training::get_training_session(tx, draft.session_id)?;
        if crate::training::find_enrolment(tx, session.batch_id, person_id)?
            != Some(EnrolStatus::Enrolled)
        {
            return Err(Error::NotFound(
                "你没有报名这次课所在的批次，无需请假。".into(),
            ));
        }
        if session.status == SessionStatus::Cancelled {
            return Err(Error::conflict("这次课已取消，无需请假。"));
        }
        if crate::calendar::session_day(&session.starts_at).is_some_and(|d| d < today) {
            return Err(Error::conflict(
                "这次课已经过去，不能在网上补请假；请联系组织者。",
            ));
        }
        if let Some(open) = store::open_leave_of(tx, session.id, person_id)? {
            return Err(Error::conflict(format!(
                "你已为“{}”请过假（{}）。",
                session.subject,
                open.status.label()
            )));
        }
        let id = store::insert_leave(tx, session.id, person_id, &reason)?;
        tx.audit(
            crate::Action::Submit,
            crate::Entity::LeaveRequest,
            Some(id),
            &format!("{} 为“{}”请假", person.name, session.subject),
        )?;
        Ok(RequestAnswer {
            id,
            status: LeaveStatus::Pending.code(),
        })
    })
}

/// Leave requests for staff, newest first, of one status or all.
pub fn list_leave(db: &Db, status: Option<LeaveStatus>) -> Result<Vec<LeaveRequest>> {
    db.read(|tx| store::list_leave(tx, status, None))
}

/// The organizer approves a request — the attendance mark becomes 请假 —
/// or refuses it with a reason, as one action.
pub fn decide_leave(
    db: &Db,
    actor: &Actor,
    id: i64,
    approve: bool,
    answer: Option<&str>,
) -> Result<LeaveRequest> {
    let answer = if approve {
        checked_text("reason", "说明", answer, 500, true)?
    } else {
        Some(required_reason(answer, "不准假")?)
    };
    db.write(actor, |tx| {
        let leave = store::get_leave(tx, id)?;
        if leave.status != LeaveStatus::Pending {
            return Err(Error::conflict(format!(
                "这条请假申请{}，无需再处理。",
                leave.status.label()
            )));
        }
        if approve {
            let session = crate::training::get_training_session(tx, leave.session_id)?;
            crate::training::mark_in(
                tx,
                &session,
                leave.person_id,
                Some(AttendanceStatus::Leave),
                "tick",
            )?;
        }
        let status = if approve {
            LeaveStatus::Approved
        } else {
            LeaveStatus::Refused
        };
        store::decide_leave_row(tx, id, status, answer.as_deref())?;
        tx.audit(
            crate::Action::Decide,
            crate::Entity::LeaveRequest,
            Some(id),
            &format!(
                "{} 的“{}”请假：{}",
                leave.person_name,
                leave.subject,
                status.label()
            ),
        )?;
        store::get_leave(tx, id)
    })
}
