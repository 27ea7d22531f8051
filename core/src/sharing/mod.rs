//! Reading-share sessions (读书分享活动): a series with a recurrence whose
//! every occurrence is stored as its own session (so one can be moved,
//! cancelled or given its own theme), one-off sessions, presenters and the
//! books they share, invitations, sign-in by card or tick, minutes, photos
//! and files, the year's figures, and the .ics calendar for Outlook.
//! Every session is a booking in the shared model (`calendar::bookings`), so
//! venue and person clashes are found across every kind of session.

pub mod ics;
pub mod recurrence;
mod store;

pub use recurrence::{End, Occurrence, Pattern, Recurrence};
pub use store::{get_session, list_attachments, list_attendees, list_presenters, list_sessions};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::calendar::bookings::{conflicts_error, format_time, parse_time};
use crate::calendar::{
    BookingDraft, BookingKind, Conflict, Role, find_conflicts, insert_booking, load_open_days,
    set_booking_active, update_booking,
};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::people::{PeopleQuery, Person, find_person_by_card, get_person, list_people};
use crate::text::checked_text;

/// Where a session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    Planned,
    Held,
    Cancelled,
}

impl SessionStatus {
    pub fn code(self) -> &'static str {
        match self {
            SessionStatus::Planned => "planned",
            SessionStatus::Held => "held",
            SessionStatus::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SessionStatus::Planned => "计划",
            SessionStatus::Held => "已举行",
            SessionStatus::Cancelled => "已取消",
        }
    }

    fn from_code(code: &str) -> SessionStatus {
        match code {
            "held" => SessionStatus::Held,
            "cancelled" => SessionStatus::Cancelled,
            _ => SessionStatus::Planned,
        }
    }
}

/// A stored session with what lists show of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub id: i64,
    pub series_id: Option<i64>,
    pub series_name: Option<String>,
    pub booking_id: i64,
    pub theme: String,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub venue_id: Option<i64>,
    pub venue_name: Option<String>,
    pub host_id: Option<i64>,
    pub host_name: Option<String>,
    pub status: SessionStatus,
    pub capacity: Option<i64>,
    pub minutes: Option<String>,
    pub note: Option<String>,
    pub invited: i64,
    pub signed_in: i64,
    pub presenter_names: Option<String>,
}

/// A presenter (领读人) and the book they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Presenter {
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    pub title_id: Option<i64>,
    pub book_title: Option<String>,
    pub call_number: Option<String>,
    /// Copies of the book on the shelf now.
    pub available: Option<i64>,
    pub topic: Option<String>,
}

/// Someone invited or signed in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attendee {
    pub person_id: i64,
    pub name: String,
    pub unit: Option<String>,
    pub card_barcode: Option<String>,
    pub invited: bool,
    pub signed_at: Option<String>,
    /// scan / tick
    pub method: Option<String>,
}

/// A photo or file kept with a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub session_id: i64,
    pub name: String,
    pub size: i64,
    pub added_at: String,
}

/// A series as listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSummary {
    pub id: i64,
    pub name: String,
    pub theme: Option<String>,
    pub sessions: i64,
    pub first_at: Option<String>,
    pub last_at: Option<String>,
}

/// A session with everything its screen shows.
#[derive(Debug, Clone, Serialize)]
pub struct SessionDetail {
    pub session: Session,
    pub presenters: Vec<Presenter>,
    pub attendees: Vec<Attendee>,
    pub attachments: Vec<Attachment>,
}

/// A series as the organizer describes it.
#[derive(Debug, Clone, Deserialize)]
pub struct SeriesDraft {
    pub name: String,
    #[serde(default)]
    pub theme: Option<String>,
    pub recurrence: Recurrence,
    /// `15:00`
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub venue_id: Option<i64>,
    #[serde(default)]
    pub host_id: Option<i64>,
    #[serde(default)]
    pub capacity: Option<i64>,
}

/// The organizer's choice for one date of a series preview: leave it out,
/// or hold it in another venue.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DateChoice {
    pub date: Option<NaiveDate>,
    pub skip: bool,
    pub venue_id: Option<i64>,
}

/// One date of a series preview.
#[derive(Debug, Clone, Serialize)]
pub struct PreviewItem {
    pub date: NaiveDate,
    pub starts_at: String,
    pub ends_at: String,
    /// Why no session will be held then (a holiday, skipped by hand or by choice).
    pub skipped: Option<String>,
    pub note: Option<String>,
    pub venue_id: Option<i64>,
    pub conflicts: Vec<Conflict>,
}

/// A session as entered in its form.
#[derive(Debug, Clone, Deserialize)]
pub struct SessionDraft {
    pub theme: String,
    /// `2026-11-26T15:00`
    pub starts_at: String,
    pub ends_at: String,
    #[serde(default)]
    pub venue_id: Option<i64>,
    #[serde(default)]
    pub host_id: Option<i64>,
    #[serde(default)]
    pub capacity: Option<i64>,
    #[serde(default)]
    pub status: Option<SessionStatus>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A presenter as entered.
#[derive(Debug, Clone, Deserialize)]
pub struct PresenterDraft {
    pub person_id: i64,
    #[serde(default)]
    pub title_id: Option<i64>,
    #[serde(default)]
    pub topic: Option<String>,
    /// Give the presenter a hold on the book (预约).
    #[serde(default)]
    pub hold: bool,
}

/// Whom to invite: a department, a professional group, a kind, or people by id.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct InviteSelection {
    pub department: Option<String>,
    pub professional_group: Option<String>,
    pub kind: Option<crate::people::PersonKind>,
    pub person_ids: Vec<i64>,
}

/// What an invitation did.
#[derive(Debug, Clone, Serialize)]
pub struct InviteResult {
    pub added: usize,
    pub invited: i64,
    pub capacity: Option<i64>,
}

/// What a sign-in did.
#[derive(Debug, Clone, Serialize)]
pub struct SignIn {
    pub person: Person,
    /// False when they had signed in already.
    pub new: bool,
    pub invited: bool,
    pub signed_in: i64,
}

fn parse_clock(field: &str, text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .map_err(|_| Error::invalid(field, format!("“{}”不是时间，应写作 15:00。", text.trim())))
}

fn theme_of(text: &str) -> Result<String> {
    checked_text("theme", "主题", Some(text), 200, false)?
        .ok_or_else(|| Error::invalid("theme", "请填写活动主题。"))
}

fn check_capacity(c: Option<i64>) -> Result<Option<i64>> {
    match c {
        Some(c) if !(1..=10000).contains(&c) => {
            Err(Error::invalid("capacity", "人数上限应为 1 到 10000。"))
        }
        other => Ok(other),
    }
}

/// The people a session binds: its host and presenters.
fn bound_people(conn: &rusqlite::Connection, session: &Session) -> Result<Vec<(i64, Role)>> {
    let mut people: Vec<(i64, Role)> = session
        .host_id
        .map(|h| (h, Role::Host))
        .into_iter()
        .collect();
    people.extend(
        list_presenters(conn, session.id)?
            .into_iter()
            .map(|p| (p.person_id, Role::Presenter)),
    );
    Ok(people)
}

fn series_times(draft: &SeriesDraft) -> Result<(NaiveTime, NaiveTime)> {
    let start = parse_clock("start_time", &draft.start_time)?;
    let end = parse_clock("end_time", &draft.end_time)?;
    if end <= start {
        return Err(Error::invalid("end_time", "结束时间应晚于开始时间。"));
    }
    Ok((start, end))
}

fn preview_in(
    conn: &rusqlite::Connection,
    draft: &SeriesDraft,
    choices: &[DateChoice],
) -> Result<Vec<PreviewItem>> {
    let (start, end) = series_times(draft)?;
    let days = load_open_days(conn)?;
    let mut out = Vec::new();
    for occ in draft.recurrence.expand(&days)? {
        let choice = choices.iter().find(|c| c.date == Some(occ.date));
        let venue_id = choice.and_then(|c| c.venue_id).or(draft.venue_id);
        let skipped = occ
            .skipped
            .or_else(|| choice.filter(|c| c.skip).map(|_| "已选择跳过".to_owned()));
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id,
            starts_at: occ.date.and_time(start),
            ends_at: occ.date.and_time(end),
            title: draft.name.clone(),
            people: draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
        };
        let conflicts = if skipped.is_none() {
            find_conflicts(conn, &booking, None)?
        } else {
            Vec::new()
        };
        out.push(PreviewItem {
            date: occ.date,
            starts_at: format_time(booking.starts_at),
            ends_at: format_time(booking.ends_at),
            skipped,
            note: occ.note,
            venue_id,
            conflicts,
        });
    }
    Ok(out)
}

/// The dates a series would have, each with its clashes, before saving.
pub fn preview_series(
    db: &Db,
    draft: &SeriesDraft,
    choices: &[DateChoice],
) -> Result<Vec<PreviewItem>> {
    db.read(|tx| preview_in(tx, draft, choices))
}

/// What creating a series made.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesCreated {
    pub series_id: i64,
    pub sessions: Vec<Session>,
    pub skipped: usize,
}

/// Creates a series and one session per date, as one action. Refused while
/// any date still clashes: the organizer skips it or picks another venue.
pub fn create_series(
    db: &Db,
    actor: &Actor,
    draft: &SeriesDraft,
    choices: &[DateChoice],
) -> Result<SeriesCreated> {
    let name = checked_text("name", "系列名称", Some(&draft.name), 100, false)?
        .ok_or_else(|| Error::invalid("name", "请填写系列名称。"))?;
    let theme = checked_text("theme", "主题", draft.theme.as_deref(), 200, true)?;
    let capacity = check_capacity(draft.capacity)?;
    db.write(actor, |tx| {
        create_series_in(tx, draft, choices, &name, theme.as_deref(), capacity)
    })
}

pub(crate) fn create_series_in(
    tx: &WriteTx<'_>,
    draft: &SeriesDraft,
    choices: &[DateChoice],
    name: &str,
    theme: Option<&str>,
    capacity: Option<i64>,
) -> Result<SeriesCreated> {
    if let Some(h) = draft.host_id {
        get_person(tx, h)?;
    }
    let preview = preview_in(tx, draft, choices)?;
    let clashes: Vec<Conflict> = preview
        .iter()
        .flat_map(|p| {
            p.conflicts.iter().map(move |c| Conflict {
                message: format!("{}：{}", p.date, c.message),
                ..c.clone()
            })
        })
        .collect();
    if !clashes.is_empty() {
        return Err(conflicts_error(&clashes));
    }
    let held: Vec<&PreviewItem> = preview.iter().filter(|p| p.skipped.is_none()).collect();
    if held.is_empty() {
        return Err(Error::invalid(
            "recurrence",
            "按这个规则没有一次活动，请调整日期范围。",
        ));
    }
    let rule = serde_json::to_string(&draft.recurrence).expect("rule serialises");
    let series_id = store::insert_series(
        tx,
        name,
        theme,
        &rule,
        draft.start_time.trim(),
        draft.end_time.trim(),
        draft.venue_id,
        draft.host_id,
        capacity,
    )?;
    let mut sessions = Vec::new();
    for p in &held {
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id: p.venue_id,
            starts_at: parse_time("starts_at", &p.starts_at)?,
            ends_at: parse_time("ends_at", &p.ends_at)?,
            title: theme.unwrap_or(name).to_owned(),
            people: draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
        };
        let booking_id = insert_booking(tx, &booking)?;
        let id = store::insert_session(
            tx,
            Some(series_id),
            booking_id,
            theme.unwrap_or(name),
            SessionStatus::Planned,
            draft.host_id,
            capacity,
            None,
        )?;
        sessions.push(get_session(tx, id)?);
    }
    tx.audit(
        "create",
        "share_series",
        Some(series_id),
        &format!(
            "新建分享系列“{name}”：{} 次活动（{} 至 {}）",
            sessions.len(),
            held[0].date,
            held[held.len() - 1].date
        ),
    )?;
    Ok(SeriesCreated {
        series_id,
        skipped: preview.len() - held.len(),
        sessions,
    })
}

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
    {
        if let Some(h) = draft.host_id {
            get_person(tx, h)?;
        }
        let booking = session_booking(
            draft,
            &theme,
            draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
        )?;
        let clashes = find_conflicts(tx, &booking, None)?;
        if !clashes.is_empty() {
            return Err(conflicts_error(&clashes));
        }
        let booking_id = insert_booking(tx, &booking)?;
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
            "create",
            "share_session",
            Some(id),
            &format!("新建分享活动“{theme}”（{}）", draft.starts_at),
        )?;
        get_session(tx, id)
    }
}

/// Changes a session (moved, another venue or host, a theme of its own,
/// held or cancelled), as one action; refused when it would clash. A
/// cancelled session frees its venue and people.
pub fn update_session(db: &Db, actor: &Actor, id: i64, draft: &SessionDraft) -> Result<Session> {
    let theme = theme_of(&draft.theme)?;
    let capacity = check_capacity(draft.capacity)?;
    let note = checked_text("note", "备注", draft.note.as_deref(), 500, true)?;
    db.write(actor, |tx| {
        let before = get_session(tx, id)?;
        if let Some(h) = draft.host_id {
            get_person(tx, h)?;
        }
        let status = draft.status.unwrap_or(before.status);
        let mut people: Vec<(i64, Role)> =
            draft.host_id.map(|h| (h, Role::Host)).into_iter().collect();
        people.extend(
            list_presenters(tx, id)?
                .into_iter()
                .map(|p| (p.person_id, Role::Presenter)),
        );
        let booking = session_booking(draft, &theme, people)?;
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
            &theme,
            status,
            draft.host_id,
            capacity,
            note.as_deref(),
        )?;
        tx.audit(
            "update",
            "share_session",
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

/// Saves the minutes (纪要), as one action.
pub fn save_minutes(db: &Db, actor: &Actor, id: i64, minutes: &str) -> Result<Session> {
    let minutes = checked_text("minutes", "纪要", Some(minutes), 20_000, true)?;
    db.write(actor, |tx| {
        let s = get_session(tx, id)?;
        store::set_minutes(tx, id, minutes.as_deref())?;
        tx.audit(
            "update",
            "share_session",
            Some(id),
            &format!("保存“{}”的纪要", s.theme),
        )?;
        get_session(tx, id)
    })
}

/// Sets the presenters in order with their books, as one action; refused
/// when a presenter is bound elsewhere then. `hold` gives the presenter a
/// hold on the book (kept if they already have one or are reading it).
pub fn set_presenters(
    db: &Db,
    actor: &Actor,
    id: i64,
    presenters: &[PresenterDraft],
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
        let people = bound_people(tx, &session)?;
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id: session.venue_id,
            starts_at: parse_time("starts_at", &session.starts_at)?,
            ends_at: parse_time("ends_at", &session.ends_at)?,
            title: session.theme.clone(),
            people,
        };
        if session.status != SessionStatus::Cancelled {
            let clashes = find_conflicts(tx, &booking, Some(session.booking_id))?;
            if !clashes.is_empty() {
                return Err(conflicts_error(&clashes));
            }
        }
        update_booking(tx, session.booking_id, &booking)?;
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
            "update",
            "share_session",
            Some(id),
            &format!("“{}”领读人 {} 位", session.theme, presenters.len()),
        )?;
        detail_in(tx, id)
    }
}

fn detail_in(conn: &rusqlite::Connection, id: i64) -> Result<SessionDetail> {
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
            "invite",
            "share_session",
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
            "uninvite",
            "share_session",
            Some(id),
            &format!("取消邀请人员 {person_id}"),
        )?;
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
    let new = store::insert_signin(tx, session.id, person.id, method)?;
    if new {
        tx.audit(
            "sign_in",
            "share_session",
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
            store::delete_signin(tx, id, person_id)?;
            tx.audit(
                "sign_out",
                "share_session",
                Some(id),
                &format!("取消 {} 的签到", person.name),
            )?;
        }
        detail_in(tx, id)
    })
}

/// The largest attachment kept (a photo from a phone, a scanned page).
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;

/// Keeps a photo or file with the session, as one action.
pub fn add_attachment(
    db: &Db,
    actor: &Actor,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> Result<SessionDetail> {
    let name = checked_text("name", "文件名", Some(name), 200, false)?
        .ok_or_else(|| Error::invalid("name", "文件没有名字。"))?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "文件是空的。"));
    }
    if bytes.len() > MAX_ATTACHMENT {
        return Err(Error::invalid("file", "文件超过 20 MB，请压缩后再添加。"));
    }
    db.write(actor, |tx| {
        let s = get_session(tx, id)?;
        store::insert_attachment(tx, id, &name, bytes)?;
        tx.audit(
            "attach",
            "share_session",
            Some(id),
            &format!("“{}”添加附件 {name}", s.theme),
        )?;
        detail_in(tx, id)
    })
}

/// Removes an attachment, as one action.
pub fn remove_attachment(db: &Db, actor: &Actor, attachment_id: i64) -> Result<SessionDetail> {
    db.write(actor, |tx| {
        let session = store::delete_attachment(tx, attachment_id)?;
        tx.audit(
            "detach",
            "share_session",
            Some(session),
            &format!("删除附件 {attachment_id}"),
        )?;
        detail_in(tx, session)
    })
}

/// Writes an attachment out for the user to open (Documents/书香导出).
pub fn save_attachment_for_user(
    db: &Db,
    attachment_id: i64,
    fallback_dir: &std::path::Path,
) -> Result<String> {
    let (name, data) = db.read(|tx| store::get_attachment_data(tx, attachment_id))?;
    let safe: String = name
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let path = crate::home::export_path(fallback_dir, &safe)?;
    std::fs::write(&path, data)
        .map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    Ok(path.display().to_string())
}

/// Sessions in the office-local days [from, to], optionally of one series.
pub fn sessions_between(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    series_id: Option<i64>,
) -> Result<Vec<Session>> {
    let end = to.succ_opt().unwrap_or(to);
    db.read(|tx| {
        list_sessions(
            tx,
            &format!("{from}T00:00"),
            &format!("{end}T00:00"),
            series_id,
        )
    })
}

/// Every series.
pub fn series(db: &Db) -> Result<Vec<SeriesSummary>> {
    db.read(|tx| store::list_series(tx))
}

/// The figures of a year: per series, sessions held, attendance rate, books
/// shared; and who presented.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub year: i32,
    pub series: Vec<SeriesFigures>,
    pub held: i64,
    pub planned: i64,
    pub books: i64,
    /// Signed in / invited over held sessions, in percent; None without invitations.
    pub attendance_rate: Option<f64>,
    pub presenters: Vec<PresenterCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeriesFigures {
    pub series_id: Option<i64>,
    /// The series' name; None for one-off sessions.
    pub name: Option<String>,
    pub held: i64,
    pub planned: i64,
    pub invited: i64,
    pub signed_in: i64,
    pub attendance_rate: Option<f64>,
    pub books: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PresenterCount {
    pub person_id: i64,
    pub name: String,
    pub unit: Option<String>,
    pub times: i64,
}

/// Marks a session held or cancelled and keeps its minutes (the demo's past).
pub(crate) fn close_session_in(
    tx: &WriteTx<'_>,
    id: i64,
    status: SessionStatus,
    minutes: Option<&str>,
) -> Result<()> {
    let s = get_session(tx, id)?;
    store::update_session_row(
        tx,
        id,
        &s.theme,
        status,
        s.host_id,
        s.capacity,
        s.note.as_deref(),
    )?;
    set_booking_active(tx, s.booking_id, status != SessionStatus::Cancelled)?;
    store::set_minutes(tx, id, minutes)
}

pub(crate) fn rate(signed: i64, invited: i64) -> Option<f64> {
    (invited > 0).then(|| (signed as f64 * 1000.0 / invited as f64).round() / 10.0)
}

/// The figures of one calendar year.
pub fn figures(db: &Db, year: i32) -> Result<Figures> {
    let (from, to) = (
        format!("{year}-01-01T00:00"),
        format!("{}-01-01T00:00", year + 1),
    );
    db.read(|tx| {
        let series = store::figures_rows(tx, &from, &to)?;
        let invited: i64 = series.iter().map(|s| s.invited).sum();
        let signed: i64 = series.iter().map(|s| s.signed_in).sum();
        Ok(Figures {
            year,
            held: series.iter().map(|s| s.held).sum(),
            planned: series.iter().map(|s| s.planned).sum(),
            books: series.iter().map(|s| s.books).sum(),
            attendance_rate: rate(signed, invited),
            series,
            presenters: store::presenter_counts(tx, &from, &to)?,
        })
    })
}

/// A local date-time of a session's start, for callers that compute.
pub fn start_of(session: &Session) -> Option<NaiveDateTime> {
    parse_time("starts_at", &session.starts_at).ok()
}
