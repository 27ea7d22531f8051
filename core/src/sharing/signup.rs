//! Readers signing up (报名) for a session the organizer opened for it: a
//! sign-up is an invitation like the organizer's (one list), within the
//! session's capacity (its own, else its venue's); beyond it, readers wait
//! in order and move up by themselves when a place frees.

use super::*;
use crate::calendar::{SignupStatus, check_signup_terms, refuse_after_signup_until, session_day};

/// The most a session's own capacity may be.
const MAX_CAPACITY: i64 = 10_000;

/// Opens a session for sign-up until `until` (or its day), optionally
/// setting its capacity; or closes it (`open` false), as one action.
pub fn open_session_signup(
    db: &Db,
    actor: &Actor,
    id: i64,
    open: bool,
    until: Option<NaiveDate>,
    capacity: Option<i64>,
) -> Result<Session> {
    let today = db.clock().today();
    db.write(actor, |tx| {
        let session = get_session(tx, id)?;
        let day = session_day(&session.starts_at);
        if open {
            if session.status != SessionStatus::Planned {
                return Err(Error::conflict(format!(
                    "“{}”{}，不能开放报名。",
                    session.theme,
                    session.status.label()
                )));
            }
            if day.is_some_and(|d| d < today) {
                return Err(Error::conflict(format!(
                    "“{}”已经过去，不能开放报名。",
                    session.theme
                )));
            }
        }
        let until = check_signup_terms(until, capacity, MAX_CAPACITY, day)?;
        store::set_signup(tx, id, open, until.as_deref(), capacity)?;
        move_up_in(tx, id)?;
        tx.audit(
            crate::Action::OpenSignup,
            crate::Entity::ShareSession,
            Some(id),
            &if open {
                format!(
                    "“{}”开放报名{}",
                    session.theme,
                    until.map(|u| format!("，{u} 截止")).unwrap_or_default()
                )
            } else {
                format!("“{}”停止报名", session.theme)
            },
        )?;
        get_session(tx, id)
    })
}

/// The capacity that counts for a session: its own, else its venue's.
pub(crate) fn capacity_of(tx: &rusqlite::Connection, session: &Session) -> Result<Option<i64>> {
    Ok(session.capacity.or(match session.venue_id {
        Some(v) => crate::calendar::get_venue(tx, v)?.capacity,
        None => None,
    }))
}

/// A reader signs up for a session: a place while there is one, else the
/// waitlist; refused, in words, when the session is not open for it.
pub(crate) fn sign_up_in(
    tx: &WriteTx<'_>,
    id: i64,
    person: &Person,
    today: NaiveDate,
) -> Result<SignupStatus> {
    let session = get_session(tx, id)?;
    if !session.signup_open {
        return Err(Error::conflict(format!(
            "“{}”没有开放报名。",
            session.theme
        )));
    }
    if session.status != SessionStatus::Planned
        || session_day(&session.starts_at).is_some_and(|d| d < today)
    {
        return Err(Error::conflict(format!(
            "“{}”已经结束或取消，不能报名。",
            session.theme
        )));
    }
    refuse_after_signup_until(session.signup_until.as_deref(), today)?;
    if store::find_invitation(tx, id, person.id)?.is_some() {
        return Err(Error::conflict(format!(
            "{} 已在“{}”的名单中。",
            person.name, session.theme
        )));
    }
    if let Some(place) = store::waitlist_place(tx, id, person.id)? {
        return Err(Error::conflict(format!(
            "{} 已在“{}”的候补名单第 {place} 位。",
            person.name, session.theme
        )));
    }
    let full = capacity_of(tx, &session)?.is_some_and(|c| session.invited >= c);
    let status = if full {
        store::insert_waitlisted(tx, id, person.id)?;
        SignupStatus::Waitlisted
    } else {
        store::insert_sign_up(tx, id, person.id, false)?;
        SignupStatus::SignedUp
    };
    tx.audit(
        crate::Action::SignUp,
        crate::Entity::ShareSession,
        Some(id),
        &format!(
            "{} 报名“{}”：{}",
            person.name,
            session.theme,
            status.label()
        ),
    )?;
    Ok(status)
}

/// A reader cancels their sign-up (or their invitation) before the
/// session; the first on the waitlist moves up into a freed place.
pub(crate) fn cancel_sign_up_in(
    tx: &WriteTx<'_>,
    id: i64,
    person: &Person,
    today: NaiveDate,
) -> Result<()> {
    let session = get_session(tx, id)?;
    if session_day(&session.starts_at).is_some_and(|d| d < today) {
        return Err(Error::conflict(format!(
            "“{}”已经过去，无需取消。",
            session.theme
        )));
    }
    let was = if store::delete_waitlisted(tx, id, person.id)? {
        "候补"
    } else if store::find_invitation(tx, id, person.id)?.is_some() {
        store::delete_invitation(tx, id, person.id)?;
        "报名"
    } else {
        return Err(Error::NotFound(format!(
            "{} 没有报名“{}”。",
            person.name, session.theme
        )));
    };
    tx.audit(
        crate::Action::Cancel,
        crate::Entity::ShareSession,
        Some(id),
        &format!("{} 取消“{}”的{was}", person.name, session.theme),
    )?;
    move_up_in(tx, id)
}

/// Fills free places from the waitlist, in order.
pub(crate) fn move_up_in(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    loop {
        let session = get_session(tx, id)?;
        if capacity_of(tx, &session)?.is_some_and(|c| session.invited >= c) {
            return Ok(());
        }
        let Some(next) = store::first_waitlisted(tx, id)? else {
            return Ok(());
        };
        store::delete_waitlisted(tx, id, next)?;
        store::insert_sign_up(tx, id, next, true)?;
        let name = get_person(tx, next)?.name;
        tx.audit(
            crate::Action::SignUp,
            crate::Entity::ShareSession,
            Some(id),
            &format!("{name} 由候补递补为“{}”的正式报名", session.theme),
        )?;
    }
}

/// The organizer takes a waitlisted reader in beyond the capacity
/// (`admit`), or takes them off the waitlist.
pub(crate) fn decide_waitlisted_in(
    tx: &WriteTx<'_>,
    id: i64,
    person_id: i64,
    admit: bool,
) -> Result<()> {
    let session = get_session(tx, id)?;
    let person = get_person(tx, person_id)?;
    if !store::delete_waitlisted(tx, id, person_id)? {
        return Err(Error::NotFound(format!(
            "{} 不在“{}”的候补名单中。",
            person.name, session.theme
        )));
    }
    if admit {
        store::insert_sign_up(tx, id, person_id, true)?;
    }
    tx.audit(
        crate::Action::Decide,
        crate::Entity::ShareSession,
        Some(id),
        &format!(
            "“{}”候补的 {}：{}",
            session.theme,
            person.name,
            if admit {
                "超出人数上限准予参加"
            } else {
                "不再候补"
            }
        ),
    )
}

/// A reader's place on the waitlist of a session (1 = next).
pub(crate) fn waitlist_place(
    conn: &rusqlite::Connection,
    id: i64,
    person_id: i64,
) -> Result<Option<i64>> {
    store::waitlist_place(conn, id, person_id)
}
