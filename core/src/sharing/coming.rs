//! What is coming up, as readers see it on the intranet pages (读者查询):
//! reading-share sessions with their presenters and books, and training
//! sessions, from the one calendar both book into. Who is invited and who
//! signed in stays with the organizer.

use chrono::NaiveDate;
use serde::Serialize;

use super::store::{list_presenters, list_sessions};
use crate::calendar::{BookingKind, list_calendar_entries};
use crate::db::Db;
use crate::error::Result;

/// A presenter and the book they share, as readers see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComingPresenter {
    pub name: String,
    pub title_id: Option<i64>,
    pub book_title: Option<String>,
    pub call_number: Option<String>,
}

/// One coming event: a reading-share session or a training session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComingEvent {
    pub kind: BookingKind,
    /// The reading-share or training session.
    pub session_id: Option<i64>,
    /// The training batch, for a training session.
    pub batch_id: Option<i64>,
    pub theme: String,
    pub series: Option<String>,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub ends_at: String,
    pub venue: Option<String>,
    pub host: Option<String>,
    pub presenters: Vec<ComingPresenter>,
}

/// The planned sessions of both kinds in the office-local days [from, to],
/// in time order; cancelled ones are left out.
pub fn coming_events(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<ComingEvent>> {
    let (f, t) = (
        format!("{from}T00:00"),
        format!("{}T00:00", to.succ_opt().unwrap_or(to)),
    );
    db.read(|tx| {
        let mut events = Vec::new();
        for s in list_sessions(tx, &f, &t, None)? {
            if s.status != super::SessionStatus::Planned {
                continue;
            }
            let presenters = list_presenters(tx, s.id)?
                .into_iter()
                .map(|p| ComingPresenter {
                    name: p.person_name,
                    title_id: p.title_id,
                    book_title: p.book_title,
                    call_number: p.call_number,
                })
                .collect();
            events.push(ComingEvent {
                kind: BookingKind::Share,
                session_id: Some(s.id),
                batch_id: None,
                theme: s.theme,
                series: s.series_name,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                venue: s.venue_name,
                host: s.host_name,
                presenters,
            });
        }
        for e in list_calendar_entries(tx, &f, &t)? {
            if e.kind == BookingKind::Training && e.status == "planned" {
                events.push(ComingEvent {
                    kind: e.kind,
                    session_id: e.session_id,
                    batch_id: e.batch_id,
                    theme: e.title,
                    series: None,
                    starts_at: e.starts_at,
                    ends_at: e.ends_at,
                    venue: e.venue,
                    host: None,
                    presenters: Vec::new(),
                });
            }
        }
        events.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
        Ok(events)
    })
}
