//! Reading-share sessions (读书分享活动): a series with a recurrence whose
//! every occurrence is stored as its own session (so one can be moved,
//! cancelled or given its own theme), one-off sessions, presenters and the
//! books they share, invitations, sign-in by card or tick, minutes, photos
//! and files, the year's figures, and the .ics calendar for Outlook.
//! Every session is a booking in the shared model (`calendar::bookings`), so
//! venue and person clashes are found across every kind of session.

mod attachments;
mod coming;
pub mod ics;
pub mod recurrence;
mod series;
mod sessions;
mod sign_in;
mod signup;
mod store;

pub use attachments::*;
pub use coming::*;
pub use series::*;
pub use sessions::*;
pub use sign_in::*;
pub use signup::*;

pub use recurrence::{End, Occurrence, Pattern, Recurrence};
pub(crate) use store::{
    get_session, list_attachments, list_attendees, list_presenters, list_sessions, series_exists,
};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::calendar::bookings::{conflicts_error, format_time, parse_time};
use crate::calendar::{
    BookingDraft, BookingKind, Conflict, Role, find_conflicts, insert_booking, load_open_days,
    set_booking_active,
};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::people::store::{find_person_by_card, get_person, list_people};
use crate::people::{PeopleQuery, Person};
use crate::text::checked_text;

pub use crate::calendar::SessionStatus;

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
    /// Raised by each edit of the session's details.
    pub revision: i64,
    /// Opened for readers to sign up (报名) on the intranet pages.
    pub signup_open: bool,
    /// The last day to sign up (YYYY-MM-DD), when there is one.
    pub signup_until: Option<String>,
    /// Readers waiting for a place, the session being full.
    pub waitlisted: i64,
}

/// A presenter (领读人) and the book they share.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Presenter {
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    /// Tells two people of one name apart.
    pub card_barcode: Option<String>,
    pub title_id: Option<i64>,
    pub book_title: Option<String>,
    /// The edition: publisher and year beside the title.
    pub book_publisher: Option<String>,
    pub book_year: Option<String>,
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
    /// Recording sessions that already took place (补录以前的活动): only
    /// then may a series have dates in the past.
    #[serde(default)]
    pub history: bool,
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
    /// The date has passed (a series plans what is to come, unless it
    /// records history on purpose).
    pub past: bool,
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
    /// The revision the form showed (see [`Session::revision`]).
    #[serde(default)]
    pub revision: Option<i64>,
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
