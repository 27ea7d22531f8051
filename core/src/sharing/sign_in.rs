//! Who comes: invitations by department, group, kind or by hand within the
//! capacity, and sign-in by card scan or by a tick on the list.

use super::*;

/// Invites a department, a group, a kind or hand-picked people, as one
/// action; refused when the invitations would exceed the session's capacity
/// (its own, else its venue's).
pub fn invite(
    db: &Db,
    actor: &Actor,
    id: i64,
    selection: &InviteSelection,
) -> Result<InviteResult> {
    db.write(actor, |tx| invite_in(tx, id, selection))
}

pub(crate) fn invite_in(
    tx: &WriteTx<'_>,
    id: i64,
    selection: &InviteSelection,
) -> Result<InviteResult> {
    {
        let session = get_session(tx, id)?;
        let mut ids = selection.person_ids.clone();
        if selection.department.is_some()
            || selection.professional_group.is_some()
            || selection.kind.is_some()
        {
            let mut q = PeopleQuery {
                department: selection
                    .department
                    .clone()
                    .filter(|d| !d.trim().is_empty()),
                professional_group: selection
                    .professional_group
                    .clone()
                    .filter(|g| !g.trim().is_empty()),
                kind: selection.kind,
                limit: Some(200),
                ..Default::default()
            };
            loop {
                let page = list_people(tx, &q)?;
                let n = page.items.len();
                ids.extend(page.items.into_iter().map(|p| p.id));
                if n < 200 {
                    break;
                }
                q.offset += 200;
            }
        }
        for p in &selection.person_ids {
            get_person(tx, *p)?;
        }
        let added = store::insert_invitations(tx, id, &ids)?;
        let now = get_session(tx, id)?;
        let capacity = session.capacity.or(match session.venue_id {
            Some(v) => crate::calendar::get_venue(tx, v)?.capacity,
            None => None,
        });
        if let Some(c) = capacity
            && now.invited > c
        {
            return Err(Error::conflict(format!(
                "邀请后共 {} 人，超过人数上限 {c} 人。请少邀请一些，或调高上限、换更大的场地。",
                now.invited
            )));
        }
        tx.audit(
            crate::Action::Invite,
            crate::Entity::ShareSession,
            Some(id),
            &format!("“{}”新邀请 {added} 人", session.theme),
        )?;
        Ok(InviteResult {
            added,
            invited: now.invited,
            capacity,
        })
    }
}

/// Withdraws an invitation, as one action.
pub fn uninvite(db: &Db, actor: &Actor, id: i64, person_id: i64) -> Result<SessionDetail> {
    db.write(actor, |tx| {
        store::delete_invitation(tx, id, person_id)?;
        tx.audit(
            crate::Action::Uninvite,
            crate::Entity::ShareSession,
            Some(id),
            &format!("取消邀请人员 {person_id}"),
        )?;
        // A freed place goes to the first reader waiting for one.
        super::signup::move_up_in(tx, id)?;
        detail_in(tx, id)
    })
}

/// Signs in whoever's card was scanned, as one action (walk-ins too).
pub fn sign_in_card(db: &Db, actor: &Actor, id: i64, raw: &str) -> Result<SignIn> {
    db.write(actor, |tx| {
        let session = get_session(tx, id)?;
        if session.status == SessionStatus::Cancelled {
            return Err(Error::conflict("这次活动已取消，不能签到。"));
        }
        let settings = crate::circulation::desk_settings_in(tx)?;
        let code =
            crate::circulation::scan_code(raw, &settings.scanner_prefix, &settings.scanner_suffix);
        let person = find_person_by_card(tx, &code)
            .unwrap_or(None)
            .ok_or_else(|| {
                Error::NotFound(format!("借书证 {code} 不属于任何人员，请核对或手动勾选。"))
            })?;
        sign_in_in(tx, &session, person, "scan")
    })
}

pub(crate) fn sign_in_in(
    tx: &WriteTx<'_>,
    session: &Session,
    person: Person,
    method: &str,
) -> Result<SignIn> {
    crate::calendar::refuse_before_its_day(
        &session.starts_at,
        tx.now(),
        "活动",
        "签到",
        "要提前请人参加，请用“邀请”。",
    )?;
    let new = store::insert_signin(tx, session.id, person.id, method)?;
    // A sign-in on the day means the session took place (the organizer can
    // still cancel it).
    if session.status == SessionStatus::Planned {
        store::set_session_status(tx, session.id, SessionStatus::Held)?;
    }
    if new {
        tx.audit(
            crate::Action::SignIn,
            crate::Entity::ShareSession,
            Some(session.id),
            &format!("{} 签到“{}”", person.name, session.theme),
        )?;
    }
    let attendees = list_attendees(tx, session.id)?;
    let invited = attendees
        .iter()
        .any(|a| a.person_id == person.id && a.invited);
    Ok(SignIn {
        person,
        new,
        invited,
        signed_in: get_session(tx, session.id)?.signed_in,
    })
}

/// Ticks (or unticks) a person's sign-in, as one action.
pub fn tick_sign_in(
    db: &Db,
    actor: &Actor,
    id: i64,
    person_id: i64,
    present: bool,
) -> Result<SessionDetail> {
    db.write(actor, |tx| {
        let session = get_session(tx, id)?;
        let person = get_person(tx, person_id)?;
        if present {
            sign_in_in(tx, &session, person, "tick")?;
        } else {
            let was_signed_in = list_attendees(tx, id)?
                .iter()
                .any(|a| a.person_id == person_id && a.signed_at.is_some());
            store::delete_signin(tx, id, person_id)?;
            tx.audit(
                crate::Action::SignOut,
                crate::Entity::ShareSession,
                Some(id),
                &format!("取消 {} 的签到", person.name),
            )?;
            // The last sign-in taken back (a mistaken tick): nothing says
            // the session took place any more.
            let now = get_session(tx, id)?;
            if was_signed_in && now.status == SessionStatus::Held && now.signed_in == 0 {
                store::set_session_status(tx, id, SessionStatus::Planned)?;
            }
        }
        detail_in(tx, id)
    })
}
