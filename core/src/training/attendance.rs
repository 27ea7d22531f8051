//! Attendance (by hand or by card scan) and completion: who attended enough
//! of the held sessions to complete a batch.

use super::*;

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
    // Results and certificates of a closed batch stand as they were given.
    if store::get_batch(tx, session.batch_id)?.closed {
        return Err(Error::conflict(
            "这个批次已结束，考勤不再更改（结业结果和证书以结束时为准）。如需更正，请先在批次的“结业”页点“重新开放”。",
        ));
    }
    // Leave may be asked for ahead; presence and absence are known on the day.
    if matches!(
        status,
        Some(AttendanceStatus::Present | AttendanceStatus::Absent)
    ) {
        crate::calendar::refuse_before_its_day(
            &session.starts_at,
            tx.now(),
            "课",
            "记出勤或缺勤",
            "请假可以提前登记；其他到上课当天再记。",
        )?;
    }
    let was_present = store::list_attendance(tx, session.batch_id)?.contains(&(
        session.id,
        person_id,
        AttendanceStatus::Present,
    ));
    match status {
        Some(s) => store::put_attendance(tx, session.id, person_id, s, method)?,
        None => store::delete_attendance(tx, session.id, person_id)?,
    }
    // Attendance means the session took place; the last presence cleared
    // (a mistaken tick) means nothing says it did. (A presence changed to
    // absence says it took place and the trainee missed it.)
    if status == Some(AttendanceStatus::Present) && session.status == SessionStatus::Planned {
        store::set_session_status(tx, session.id, SessionStatus::Held)?;
    } else if was_present
        && status.is_none()
        && session.status == SessionStatus::Held
        && store::present_count(tx, session.id)? == 0
    {
        store::set_session_status(tx, session.id, SessionStatus::Planned)?;
    }
    tx.audit(
        crate::Action::Attend,
        crate::Entity::TrainingSession,
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

/// Whether a batch's results are final: every session not cancelled is
/// held, or the organizer closed the batch (the unheld sessions named).
pub(crate) fn settled(sessions: &[TrainingSession], closed: bool) -> bool {
    closed || sessions.iter().all(|s| s.status != SessionStatus::Planned)
}

/// Whether a trainee completed: the batch's results are final and they
/// attended enough of its held sessions. The one rule every view, the
/// certificates and the figures use.
pub(crate) fn completed(settled: bool, held: i64, present: i64, percent: i64) -> bool {
    settled && held > 0 && present * 100 >= percent * held
}

pub(super) fn results(
    sessions: &[TrainingSession],
    enrolments: &[Enrolment],
    attendance: &[(i64, i64, AttendanceStatus)],
    percent: i64,
    closed: bool,
) -> Vec<TraineeResult> {
    let held: HashSet<i64> = sessions
        .iter()
        .filter(|s| s.status == SessionStatus::Held)
        .map(|s| s.id)
        .collect();
    let settled = settled(sessions, closed);
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
                card_barcode: e.card_barcode.clone(),
                held: held_n,
                present,
                leave,
                absent: held_n - present - leave,
                rate,
                completed: completed(settled, held_n, present, percent),
            }
        })
        .collect()
}

pub(super) fn detail_in(tx: &rusqlite::Connection, batch_id: i64) -> Result<BatchDetail> {
    let batch = get_batch(tx, batch_id)?;
    let sessions = list_sessions(tx, batch_id)?;
    let enrolments = list_enrolments(tx, batch_id)?;
    let attendance = store::list_attendance(tx, batch_id)?;
    let percent = store::completion_percent(tx)?;
    Ok(BatchDetail {
        results: results(&sessions, &enrolments, &attendance, percent, batch.closed),
        settled: settled(&sessions, batch.closed),
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
        crate::settings::put_audited(
            tx,
            crate::Entity::Training,
            "completion_percent",
            &percent.to_string(),
            &format!("培训结业要求改为出勤 {percent}%"),
        )?;
        Ok(percent)
    })
}
