//! Sign-up (报名) as readers meet it: the coming events with whether they
//! are open, the reader's own sign-ups, and the organizer's side — opening
//! an event, and deciding about readers left waiting. The rules of each
//! kind live with it (`sharing::signup`, `training::signup`).

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::store;
use super::*;
use crate::calendar::{SessionStatus, SignupStatus, session_day};

/// The two kinds of event readers sign up for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A reading-share session (读书分享活动).
    Sharing,
    /// A training batch (代表履职培训批次).
    Training,
}

impl EventKind {
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Sharing => "sharing",
            EventKind::Training => "training",
        }
    }

    /// `sharing` or `training`, or a refusal in words.
    pub fn parse(text: &str) -> Result<EventKind> {
        match text.trim() {
            "sharing" => Ok(EventKind::Sharing),
            "training" => Ok(EventKind::Training),
            other => Err(Error::invalid(
                "kind",
                format!("“{other}”不是活动类别，应为 sharing（读书分享）或 training（履职培训）。"),
            )),
        }
    }
}

/// A coming event as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub kind: EventKind,
    pub id: i64,
    pub title: String,
    /// Office-local `YYYY-MM-DDTHH:MM` for a session, `YYYY-MM-DD` for a batch.
    pub start: String,
    pub end: String,
    pub venue: Option<String>,
    /// `open`, `full` (readers join the waitlist), `closed` (past its last
    /// day) or `none` (not opened for sign-up).
    pub signup: &'static str,
    /// Places left within the capacity; `None` without a capacity.
    pub places_left: Option<i64>,
    /// The last day to sign up, when there is one.
    pub until: Option<String>,
    /// The professional group a batch is for (`None`: a mixed batch).
    pub group: Option<String>,
}

fn signup_state(open: bool, closed: bool, places_left: Option<i64>) -> &'static str {
    match (open, closed, places_left) {
        (false, _, _) => "none",
        (true, true, _) => "closed",
        (true, false, Some(0)) => "full",
        _ => "open",
    }
}

fn past(until: Option<&str>, today: NaiveDate) -> bool {
    until
        .and_then(|u| u.parse::<NaiveDate>().ok())
        .is_some_and(|u| today > u)
}

fn sharing_event(
    tx: &rusqlite::Connection,
    s: &crate::sharing::Session,
    today: NaiveDate,
) -> Result<Event> {
    let places_left = crate::sharing::capacity_of(tx, s)?.map(|c| (c - s.invited).max(0));
    let closed = past(s.signup_until.as_deref(), today)
        || session_day(&s.starts_at).is_some_and(|d| d < today);
    Ok(Event {
        kind: EventKind::Sharing,
        id: s.id,
        title: s.theme.clone(),
        start: s.starts_at.clone(),
        end: s.ends_at.clone(),
        venue: s.venue_name.clone(),
        signup: signup_state(s.signup_open, closed, places_left),
        places_left,
        until: s.signup_until.clone(),
        group: None,
    })
}

fn training_event(b: &crate::training::Batch, today: NaiveDate) -> Event {
    let places_left = Some((b.capacity - b.enrolled).max(0));
    let started = b
        .starts_on
        .as_deref()
        .and_then(|d| d.parse::<NaiveDate>().ok())
        .is_some_and(|d| d < today);
    Event {
        kind: EventKind::Training,
        id: b.id,
        title: format!("{}{}", b.topic_name, b.name),
        start: b.starts_on.clone().unwrap_or_default(),
        end: b.ends_on.clone().unwrap_or_default(),
        venue: b.venue_name.clone(),
        signup: signup_state(
            b.signup_open,
            b.closed || started || past(b.signup_until.as_deref(), today),
            places_left,
        ),
        places_left,
        until: b.signup_until.clone(),
        group: b.professional_group.clone(),
    }
}

/// The coming year's planned reading-share sessions and the training
/// batches not yet over, in time order, each with its sign-up state.
pub fn events(db: &Db) -> Result<Vec<Event>> {
    let today = db.clock().today();
    let to = today + Days::new(366);
    db.read(|tx| {
        let mut out = Vec::new();
        for s in crate::sharing::list_sessions(
            tx,
            &format!("{today}T00:00"),
            &format!("{to}T00:00"),
            None,
        )? {
            if s.status == SessionStatus::Planned {
                out.push(sharing_event(tx, &s, today)?);
            }
        }
        for b in crate::training::list_batches(tx, None)? {
            let over = b.closed
                || b.ends_on
                    .as_deref()
                    .and_then(|d| d.parse::<NaiveDate>().ok())
                    .is_some_and(|d| d < today);
            if !over && b.sessions > 0 {
                out.push(training_event(&b, today));
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
        Ok(out)
    })
}

/// One event with its sign-up state.
pub fn event(db: &Db, kind: EventKind, id: i64) -> Result<Event> {
    let today = db.clock().today();
    db.read(|tx| match kind {
        EventKind::Sharing => sharing_event(tx, &crate::sharing::get_session(tx, id)?, today),
        EventKind::Training => Ok(training_event(&crate::training::get_batch(tx, id)?, today)),
    })
}

/// The signed-in reader signs up: `signed_up`, or `waitlisted` when full.
pub fn reader_sign_up(
    db: &Db,
    person_id: i64,
    kind: EventKind,
    id: i64,
    client: Option<&str>,
) -> Result<SignupStatus> {
    let (person, actor) = reader(db, person_id, client)?;
    let today = db.clock().today();
    db.write(&actor, |tx| match kind {
        EventKind::Sharing => crate::sharing::sign_up_in(tx, id, &person, today),
        EventKind::Training => crate::training::sign_up_in(tx, id, &person, today),
    })
}

/// The signed-in reader cancels their sign-up (or their waiting place).
pub fn reader_cancel_signup(
    db: &Db,
    person_id: i64,
    kind: EventKind,
    id: i64,
    client: Option<&str>,
) -> Result<SignupStatus> {
    let (person, actor) = reader(db, person_id, client)?;
    let today = db.clock().today();
    db.write(&actor, |tx| match kind {
        EventKind::Sharing => crate::sharing::cancel_sign_up_in(tx, id, &person, today),
        EventKind::Training => crate::training::cancel_sign_up_in(tx, id, &person, today),
    })?;
    Ok(SignupStatus::Cancelled)
}

/// Opens an event for sign-up (until a day, with a capacity) or closes it,
/// as one action; the event as readers now see it.
pub fn open_signup(
    db: &Db,
    actor: &Actor,
    kind: EventKind,
    id: i64,
    open: bool,
    until: Option<NaiveDate>,
    capacity: Option<i64>,
) -> Result<Event> {
    match kind {
        EventKind::Sharing => {
            crate::sharing::open_session_signup(db, actor, id, open, until, capacity)?;
        }
        EventKind::Training => {
            crate::training::open_batch_signup(db, actor, id, open, until, capacity)?;
        }
    }
    event(db, kind, id)
}

/// A reader waiting for a place, as the organizer's inbox lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaitingSignup {
    pub kind: EventKind,
    pub event_id: i64,
    pub event_title: String,
    pub start: String,
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    pub card_barcode: Option<String>,
    pub queued_at: String,
}

/// Readers waiting for a place at coming events, in the order they joined.
pub fn waiting_signups(db: &Db) -> Result<Vec<WaitingSignup>> {
    db.read(|tx| store::waiting_signups(tx))
}

/// The organizer takes a waiting reader in beyond the capacity (`admit`)
/// or takes them off the waitlist, as one action.
pub fn decide_signup(
    db: &Db,
    actor: &Actor,
    kind: EventKind,
    id: i64,
    person_id: i64,
    admit: bool,
) -> Result<Event> {
    db.write(actor, |tx| match kind {
        EventKind::Sharing => crate::sharing::decide_waitlisted_in(tx, id, person_id, admit),
        EventKind::Training => crate::training::decide_waitlisted_in(tx, id, person_id, admit),
    })?;
    event(db, kind, id)
}

/// One of the reader's sign-ups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MySignup {
    pub kind: EventKind,
    pub id: i64,
    pub title: String,
    pub start: String,
    /// `signed_up` or `waitlisted`.
    pub status: SignupStatus,
    /// Their place on the waitlist (1 = next).
    pub place: Option<i64>,
    /// Signed up themselves (else invited or enrolled by the organizer).
    pub by_reader: bool,
}

/// The signed-in reader's places and waiting places at coming events (the
/// readers' 近期活动 page marks each event with it).
pub fn reader_signups(db: &Db, person_id: i64) -> Result<Vec<MySignup>> {
    let today = db.clock().today();
    db.read(|tx| my_signups(tx, person_id, today))
}

pub(crate) fn my_signups(
    tx: &rusqlite::Connection,
    person_id: i64,
    today: NaiveDate,
) -> Result<Vec<MySignup>> {
    let mut out = Vec::new();
    for (kind, id, title, start, waiting, by_reader) in
        store::my_signups(tx, person_id, &format!("{today}T00:00"))?
    {
        let kind = EventKind::parse(&kind)?;
        let place = match (waiting, kind) {
            (false, _) => None,
            (true, EventKind::Sharing) => crate::sharing::waitlist_place(tx, id, person_id)?,
            (true, EventKind::Training) => {
                crate::training::batch_waitlist_place(tx, id, person_id)?
            }
        };
        out.push(MySignup {
            kind,
            id,
            title,
            start,
            status: if waiting {
                SignupStatus::Waitlisted
            } else {
                SignupStatus::SignedUp
            },
            place,
            by_reader,
        });
    }
    Ok(out)
}
