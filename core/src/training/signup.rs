//! Deputies signing up (报名) for a batch the organizer opened for it: a
//! sign-up is an enrolment like the organizer's (one list, the same clash
//! checks), within the batch's capacity; beyond it the deputy waits in order
//! and moves up by themselves when a seat frees. A batch of one professional
//! group takes that group's deputies; a mixed batch any deputy.

use chrono::NaiveDate;

use super::*;
use crate::calendar::{SignupStatus, check_signup_terms, refuse_after_signup_until};
use crate::people::Person;

/// The most a batch's capacity may be.
const MAX_CAPACITY: i64 = 500;

fn first_day(batch: &Batch) -> Option<NaiveDate> {
    batch.starts_on.as_deref().and_then(|d| d.parse().ok())
}

/// Opens a batch for sign-up until `until` (or its first day), optionally
/// setting its capacity; or closes it (`open` false), as one action.
pub fn open_batch_signup(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    open: bool,
    until: Option<NaiveDate>,
    capacity: Option<i64>,
) -> Result<Batch> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        let batch = get_batch(tx, batch_id)?;
        let label = format!("{}{}", batch.topic_name, batch.name);
        if open && batch.closed {
            return Err(Error::conflict(format!("{label}已结束，不能开放报名。")));
        }
        let last = batch
            .ends_on
            .as_deref()
            .and_then(|d| d.parse::<NaiveDate>().ok());
        if open && last.is_some_and(|d| d < today) {
            return Err(Error::conflict(format!("{label}已经结束，不能开放报名。")));
        }
        if let Some(c) = capacity
            && c < batch.enrolled
        {
            return Err(Error::conflict(format!(
                "已有 {} 人报名，人数上限不能低于这个数。",
                batch.enrolled
            )));
        }
        let until = check_signup_terms(until, capacity, MAX_CAPACITY, last)?;
        store::set_batch_signup(tx, batch_id, open, until.as_deref(), capacity)?;
        while move_up_in(tx, batch_id)?.is_some() {}
        rebind_batch(tx, batch_id)?;
        tx.audit(
            crate::Action::OpenSignup,
            crate::Entity::TrainingBatch,
            Some(batch_id),
            &if open {
                format!(
                    "{label}开放报名{}",
                    until.map(|u| format!("，{u} 截止")).unwrap_or_default()
                )
            } else {
                format!("{label}停止报名")
            },
        )?;
        get_batch(tx, batch_id)
    })
}

/// A deputy signs up for a batch: a seat while there is one, else the
/// waitlist; refused, in words, when they may not or cannot.
pub(crate) fn sign_up_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    person: &Person,
    today: NaiveDate,
) -> Result<SignupStatus> {
    let batch = get_batch(tx, batch_id)?;
    let label = format!("{}{}", batch.topic_name, batch.name);
    if !batch.signup_open || batch.closed {
        return Err(Error::conflict(format!("{label}没有开放报名。")));
    }
    if first_day(&batch).is_some_and(|d| d < today) {
        return Err(Error::conflict(format!(
            "{label}已经开始，不能再报名。如需参加请联系组织者。"
        )));
    }
    refuse_after_signup_until(batch.signup_until.as_deref(), today)?;
    if person.kind != PersonKind::Deputy {
        return Err(Error::conflict(
            "履职培训只面向人大代表，工作人员不能报名。",
        ));
    }
    if let Some(group) = &batch.professional_group
        && person.professional_group.as_ref() != Some(group)
    {
        return Err(Error::conflict(format!(
            "{label}面向“{group}”专业小组的代表；可以报名面向本小组或混合编班的批次。"
        )));
    }
    let mut report = EnrolReport::default();
    enrol_one(tx, &batch, person.id, false, &mut report)?;
    if let Some((_, why)) = report.refused.first() {
        return Err(Error::conflict(format!("不能报名{label}：{why}。")));
    }
    store::mark_signed_up(tx, batch_id, person.id)?;
    rebind_batch(tx, batch_id)?;
    let status = if report.enrolled.is_empty() {
        SignupStatus::Waitlisted
    } else {
        SignupStatus::SignedUp
    };
    tx.audit(
        crate::Action::SignUp,
        crate::Entity::TrainingBatch,
        Some(batch_id),
        &format!("{} 报名{label}：{}", person.name, status.label()),
    )?;
    Ok(status)
}

/// A deputy cancels their sign-up before the batch begins; the first on
/// the waitlist without a clash moves up.
pub(crate) fn cancel_sign_up_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    person: &Person,
    today: NaiveDate,
) -> Result<()> {
    let batch = get_batch(tx, batch_id)?;
    let label = format!("{}{}", batch.topic_name, batch.name);
    if !matches!(
        store::find_enrolment(tx, batch_id, person.id)?,
        Some(EnrolStatus::Enrolled | EnrolStatus::Waitlisted)
    ) {
        return Err(Error::NotFound(format!(
            "{} 没有报名{label}。",
            person.name
        )));
    }
    if first_day(&batch).is_some_and(|d| d <= today) {
        return Err(Error::conflict(format!(
            "{label}已经开始，不能在网上取消；如需请假请提交请假申请，或联系组织者。"
        )));
    }
    withdraw_in(tx, batch_id, person.id)
}

/// The organizer takes a waitlisted deputy in beyond the capacity
/// (`admit`), or takes them off the waitlist.
pub(crate) fn decide_waitlisted_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    person_id: i64,
    admit: bool,
) -> Result<()> {
    let batch = get_batch(tx, batch_id)?;
    let person = get_person(tx, person_id)?;
    if store::find_enrolment(tx, batch_id, person_id)? != Some(EnrolStatus::Waitlisted) {
        return Err(Error::NotFound(format!(
            "{} 不在{}{}的候补名单中。",
            person.name, batch.topic_name, batch.name
        )));
    }
    if admit {
        let clashes = clashes_in_batch(tx, batch_id, person_id)?;
        if !clashes.is_empty() {
            return Err(Error::conflict(format!(
                "{} 时间冲突：{}",
                person.name,
                clashes.join("；")
            )));
        }
        store::put_enrolment(tx, batch_id, person_id, EnrolStatus::Enrolled, false)?;
        store::mark_moved_up(tx, batch_id, person_id)?;
    } else {
        store::put_enrolment(tx, batch_id, person_id, EnrolStatus::Withdrawn, false)?;
    }
    rebind_batch(tx, batch_id)?;
    tx.audit(
        crate::Action::Decide,
        crate::Entity::TrainingBatch,
        Some(batch_id),
        &format!(
            "{}{}候补的 {}：{}",
            batch.topic_name,
            batch.name,
            person.name,
            if admit {
                "超出人数上限准予参加"
            } else {
                "不再候补"
            }
        ),
    )
}

/// A deputy's place on a batch's waitlist (1 = next).
pub(crate) fn batch_waitlist_place(
    conn: &rusqlite::Connection,
    batch_id: i64,
    person_id: i64,
) -> Result<Option<i64>> {
    store::batch_waitlist_place(conn, batch_id, person_id)
}
