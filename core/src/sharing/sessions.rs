//! One reading-share session as a booking: created, moved or cancelled with
//! clashes checked, its minutes, and its presenters with their books.

use super::*;

fn session_booking(
    draft: &SessionDraft,
    theme: &str,
    people: Vec<(i64, Role)>,
) -> Result<BookingDraft> {
    let booking = BookingDraft {
        kind: BookingKind::Share,
        venue_id: draft.venue_id,
        starts_at: parse_time("starts_at", &draft.starts_at)?,
        ends_at: parse_time("ends_at", &draft.ends_at)?,
        title: theme.to_owned(),
        people,
    };
    booking.check_span()?;
    Ok(booking)
}

/// The clashes a session form has now (for showing before saving).
pub fn session_conflicts(db: &Db, id: Option<i64>, draft: &SessionDraft) -> Result<Vec<Conflict>> {
    db.read(|tx| {
        let mut people: Vec<(i64, Role)> =
            draft.host_id.map(|h| (h, Role::Host)).into_iter().collect();
        let mut booking_id = None;
        if let Some(id) = id {
            let s = get_session(tx, id)?;
            booking_id = Some(s.booking_id);
            people.extend(
                list_presenters(tx, id)?
                    .into_iter()
                    .map(|p| (p.person_id, Role::Presenter)),
            );
        }
        let booking = session_booking(draft, draft.theme.trim(), people)?;
        find_conflicts(tx, &booking, booking_id)
    })
}

/// A one-off session, as one action; refused when it clashes.
pub fn create_session(db: &Db, actor: &Actor, draft: &SessionDraft) -> Result<Session> {
    db.write(actor, |tx| create_session_in(tx, draft))
}

pub(crate) fn create_session_in(tx: &WriteTx<'_>, draft: &SessionDraft) -> Result<Session> {
    let theme = theme_of(&draft.theme)?;
    let capacity = check_capacity(draft.capacity)?;
    let note = checked_text("note", "备注", draft.note.as_deref(), 500, true)?;
    if let Some(h) = draft.host_id {
        get_person(tx, h)?;
    }
    let booking = session_booking(
        draft,
        &theme,
        draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
    )?;
    let booking_id = crate::calendar::book(tx, &booking)?;
    let status = draft.status.unwrap_or(SessionStatus::Planned);
    let id = store::insert_session(
        tx,
        None,
        booking_id,
        &theme,
        status,
        draft.host_id,
        capacity,
        note.as_deref(),
    )?;
    if status == SessionStatus::Cancelled {
        set_booking_active(tx, booking_id, false)?;
    }
    tx.audit(
        crate::Action::Create,
        crate::Entity::ShareSession,
        Some(id),
        &format!("新建分享活动“{theme}”（{}）", draft.starts_at),
    )?;
    get_session(tx, id)
}

/// Changes a session (moved, another venue or host, a theme of its own,
/// held or cancelled), as one action; refused when it would clash. A
/// cancelled session frees its venue and people.
pub fn edit_session(db: &Db, actor: &Actor, id: i64, draft: &SessionDraft) -> Result<Session> {
    let theme = theme_of(&draft.theme)?;
    let capacity = check_capacity(draft.capacity)?;
    let note = checked_text("note", "备注", draft.note.as_deref(), 500, true)?;
    db.write(actor, |tx| {
        let before = get_session(tx, id)?;
        crate::error::check_revision(before.revision, draft.revision)?;
        if let Some(h) = draft.host_id {
            get_person(tx, h)?;
        }
        let status = draft.status.unwrap_or(before.status);
        if status == SessionStatus::Held && before.status != SessionStatus::Held {
            crate::calendar::refuse_before_its_day(
                &draft.starts_at,
                tx.now(),
                "活动",
                "标为已举行",
                "到了活动当天再标；当天签到后会自动标为已举行。",
            )?;
        }
        let mut people: Vec<(i64, Role)> =
            draft.host_id.map(|h| (h, Role::Host)).into_iter().collect();
        people.extend(
            list_presenters(tx, id)?
                .into_iter()
                .map(|p| (p.person_id, Role::Presenter)),
        );
        let booking = session_booking(draft, &theme, people)?;
        crate::calendar::rebook(
            tx,
            before.booking_id,
            &booking,
            status != SessionStatus::Cancelled,
        )?;
        store::update_session_row(
            tx,
            id,
            &theme,
            status,
            draft.host_id,
            capacity,
            note.as_deref(),
        )?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::ShareSession,
            Some(id),
            &format!(
                "修改分享活动“{theme}”（{}，{}）",
                draft.starts_at,
                status.label()
            ),
        )?;
        get_session(tx, id)
    })
}

/// Saves the minutes (纪要), as one action; `revision` is the session's
/// the form showed: minutes saved elsewhere meanwhile are not overwritten.
pub fn save_minutes(
    db: &Db,
    actor: &Actor,
    id: i64,
    minutes: &str,
    revision: Option<i64>,
) -> Result<Session> {
    let minutes = checked_text("minutes", "纪要", Some(minutes), 20_000, true)?;
    db.write(actor, |tx| {
        let s = get_session(tx, id)?;
        crate::error::check_revision(s.revision, revision)?;
        store::set_minutes(tx, id, minutes.as_deref())?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::ShareSession,
            Some(id),
            &format!("保存“{}”的纪要", s.theme),
        )?;
        get_session(tx, id)
    })
}

/// Sets the presenters in order with their books, as one action; refused
/// when a presenter is bound elsewhere then. `hold` gives the presenter a
/// hold on the book (kept if they already have one or are reading it).
/// `revision` is the session's the form showed: presenters changed
/// elsewhere meanwhile (another organizer, an accepted 我要分享) are not
/// overwritten.
pub fn set_presenters(
    db: &Db,
    actor: &Actor,
    id: i64,
    presenters: &[PresenterDraft],
    revision: Option<i64>,
) -> Result<SessionDetail> {
    let today = db.clock().today();
    let mut rows = Vec::new();
    for p in presenters {
        rows.push((
            p.person_id,
            p.title_id,
            checked_text("topic", "分享题目", p.topic.as_deref(), 200, true)?,
        ));
    }
    db.write(actor, |tx| {
        crate::error::check_revision(get_session(tx, id)?.revision, revision)?;
        set_presenters_in(tx, id, presenters, &rows, today)
    })
}

pub(crate) fn set_presenters_in(
    tx: &WriteTx<'_>,
    id: i64,
    presenters: &[PresenterDraft],
    rows: &[(i64, Option<i64>, Option<String>)],
    today: NaiveDate,
) -> Result<SessionDetail> {
    {
        let session = get_session(tx, id)?;
        let mut seen = Vec::new();
        for p in presenters {
            let person = get_person(tx, p.person_id)?;
            if seen.contains(&p.person_id) {
                return Err(Error::invalid(
                    "presenters",
                    format!("{} 重复出现在领读人中。", person.name),
                ));
            }
            seen.push(p.person_id);
            if let Some(t) = p.title_id {
                crate::catalog::get_title(tx, t)?;
            }
        }
        store::replace_presenters(tx, id, rows)?;
        store::bump_revision(tx, id)?;
        let people = bound_people(tx, &session)?;
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id: session.venue_id,
            starts_at: parse_time("starts_at", &session.starts_at)?,
            ends_at: parse_time("ends_at", &session.ends_at)?,
            title: session.theme.clone(),
            people,
        };
        crate::calendar::rebook(
            tx,
            session.booking_id,
            &booking,
            session.status != SessionStatus::Cancelled,
        )?;
        for p in presenters.iter().filter(|p| p.hold) {
            if let Some(t) = p.title_id
                && crate::circulation::find_open_hold_of(tx, t, p.person_id)?.is_none()
            {
                // Already reading it is fine: the hold is for having the book in time.
                if let Err(e) = crate::circulation::place_hold_in(tx, t, p.person_id, today)
                    && !e.to_string().contains("正借着")
                {
                    return Err(e);
                }
            }
        }
        tx.audit(
            crate::Action::Update,
            crate::Entity::ShareSession,
            Some(id),
            &format!("“{}”领读人 {} 位", session.theme, presenters.len()),
        )?;
        detail_in(tx, id)
    }
}

pub(super) fn detail_in(conn: &rusqlite::Connection, id: i64) -> Result<SessionDetail> {
    Ok(SessionDetail {
        session: get_session(conn, id)?,
        presenters: list_presenters(conn, id)?,
        attendees: list_attendees(conn, id)?,
        attachments: list_attachments(conn, id)?,
    })
}

/// A session with its presenters, attendees and attachments.
pub fn session_detail(db: &Db, id: i64) -> Result<SessionDetail> {
    db.read(|tx| detail_in(tx, id))
}
