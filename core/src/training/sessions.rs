//! A batch's sessions (课次) as bookings: added, moved, held or cancelled
//! with the venue, the lecturer and every enrolled deputy checked for clashes.

use super::*;

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

/// A session form's texts, checked: the subject (required) and the
/// lecturer's name as typed.
fn valid_texts(s: &NewTrainingSession) -> Result<(String, Option<String>)> {
    let subject = checked_text("subject", "课程内容", Some(&s.subject), 200, false)?
        .ok_or_else(|| Error::invalid("subject", "请填写课程内容。"))?;
    let lecturer_name = checked_text(
        "lecturer_name",
        "授课人",
        s.lecturer_name.as_deref(),
        60,
        true,
    )?;
    Ok((subject, lecturer_name))
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
    let (subject, lecturer_name) = valid_texts(s)?;
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
    let booking_id = crate::calendar::book(tx, &booking)?;
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
        crate::Action::Create,
        crate::Entity::TrainingSession,
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
    db.write(actor, |tx| {
        crate::error::check_revision(store::get_session(tx, id)?.revision, s.revision)?;
        edit_session_in(tx, id, s)
    })
}

pub(crate) fn edit_session_in(
    tx: &WriteTx<'_>,
    id: i64,
    s: &NewTrainingSession,
) -> Result<TrainingSession> {
    let (subject, lecturer_name) = valid_texts(s)?;
    let before = store::get_session(tx, id)?;
    let batch = get_batch(tx, before.batch_id)?;
    let status = s.status.unwrap_or(before.status);
    if status == SessionStatus::Held && before.status != SessionStatus::Held {
        crate::calendar::refuse_before_its_day(
            &s.starts_at,
            tx.now(),
            "课",
            "标为已举行",
            "到了上课当天再标，或直接在考勤中记出勤。",
        )?;
    }
    let booking = session_booking(
        tx,
        &batch,
        &subject,
        &s.starts_at,
        &s.ends_at,
        s.venue_id.or(before.venue_id),
        s.lecturer_id,
    )?;
    crate::calendar::rebook(
        tx,
        before.booking_id,
        &booking,
        status != SessionStatus::Cancelled,
    )?;
    store::update_session_row(
        tx,
        id,
        &subject,
        s.lecturer_id,
        lecturer_name.as_deref(),
        status,
    )?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::TrainingSession,
        Some(id),
        &format!("修改课次“{subject}”（{}，{}）", s.starts_at, status.label()),
    )?;
    store::get_session(tx, id)
}

/// Rebinds a batch's sessions to its lecturer and enrolled deputies.
pub(super) fn rebind_batch(tx: &WriteTx<'_>, batch_id: i64) -> Result<()> {
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
pub(super) fn clashes_in_batch(
    tx: &rusqlite::Connection,
    batch_id: i64,
    person_id: i64,
) -> Result<Vec<String>> {
    Ok(store::clash_pairs(tx, &[person_id], &[batch_id])?
        .into_iter()
        .map(|(_, _, what)| what)
        .collect())
}
