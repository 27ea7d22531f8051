//! The staff's inbox (待处理) with its counts, and the reader's side: every
//! request of theirs with its state, and a short list of messages (a hold
//! ready, a note published, leave approved, a place from the waitlist, a
//! book due soon) — nothing about anyone else.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::store;
use super::*;

/// What waits for staff, by kind (`shuxiang inbox --json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InboxCounts {
    /// Readers waiting for a place at a coming event (the organizer's).
    pub signups: i64,
    /// Offers to share (the organizer's).
    pub offers: i64,
    /// Leave requests (the organizer's).
    pub leave: i64,
    /// Reading notes to review (both).
    pub notes: i64,
    /// Purchase suggestions (the librarian's).
    pub suggestions: i64,
}

impl InboxCounts {
    /// Everything waiting.
    pub fn total(&self) -> i64 {
        self.signups + self.offers + self.leave + self.notes + self.suggestions
    }
}

/// What waits for staff.
pub fn inbox(db: &Db) -> Result<InboxCounts> {
    db.read(|tx| {
        let (signups, offers, leave, notes, suggestions) = store::inbox_counts(tx)?;
        Ok(InboxCounts {
            signups,
            offers,
            leave,
            notes,
            suggestions,
        })
    })
}

/// A message for the reader, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Message {
    /// YYYY-MM-DD.
    pub date: String,
    /// `hold_ready`, `due_soon`, `note`, `leave`, `signup`, `suggestion`, `offer`.
    pub kind: &'static str,
    pub text: String,
}

/// Every request of the reader's with its state, and their messages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReaderRequests {
    pub signups: Vec<MySignup>,
    pub suggestions: Vec<Suggestion>,
    pub notes: Vec<Note>,
    pub offers: Vec<Offer>,
    pub leave: Vec<LeaveRequest>,
    pub messages: Vec<Message>,
}

/// How far back messages go.
const MESSAGE_DAYS: u64 = 30;

fn day_of(instant: &Option<String>) -> Option<NaiveDate> {
    instant.as_deref().and_then(crate::clock::office_date)
}

fn recent(instant: &Option<String>, since: NaiveDate) -> Option<String> {
    day_of(instant)
        .filter(|d| *d >= since)
        .map(|d| d.to_string())
}

/// The signed-in reader's requests and messages. `holds` and `loans` are
/// the reader's own (from [`crate::circulation::reader_me`]), for the
/// hold-ready and due-soon messages.
pub fn reader_requests(
    db: &Db,
    person_id: i64,
    me: &crate::circulation::ReaderMe,
) -> Result<ReaderRequests> {
    let today = db.clock().today();
    let since = today - Days::new(MESSAGE_DAYS);
    db.read(|tx| {
        let signups = my_signups(tx, person_id, today)?;
        let suggestions = store::list_suggestions(tx, None, Some(person_id))?;
        let notes = store::list_notes(tx, None, Some(person_id))?;
        let offers = store::list_offers(tx, None, Some(person_id))?;
        let leave = store::list_leave(tx, None, Some(person_id))?;
        let mut messages = Vec::new();
        for h in &me.holds {
            if let Some(until) = &h.expires_on {
                messages.push(Message {
                    date: today.to_string(),
                    kind: "hold_ready",
                    text: format!(
                        "预约的《{}》已为你留好，请在 {until} 前到阅览室取书。",
                        h.title
                    ),
                });
            }
        }
        for l in &me.loans {
            let due = l.due.parse::<NaiveDate>().ok();
            if due.is_some_and(|d| d >= today && d <= today + Days::new(3)) {
                messages.push(Message {
                    date: today.to_string(),
                    kind: "due_soon",
                    text: format!("《{}》将于 {} 到期，可在“我的”中续借。", l.title, l.due),
                });
            }
        }
        for n in &notes {
            let Some(date) = recent(&n.decided_at, since) else {
                continue;
            };
            let text = match n.status {
                NoteStatus::Published if n.featured => {
                    format!("你写的《{}》读书心得已发表，并被选为精选。", n.book_title)
                }
                NoteStatus::Published => format!("你写的《{}》读书心得已发表。", n.book_title),
                NoteStatus::Returned => format!(
                    "你写的《{}》读书心得被退回：{}",
                    n.book_title,
                    n.reason.as_deref().unwrap_or("")
                ),
                _ => continue,
            };
            messages.push(Message {
                date,
                kind: "note",
                text,
            });
        }
        for l in &leave {
            let Some(date) = recent(&l.decided_at, since) else {
                continue;
            };
            let text = match l.status {
                LeaveStatus::Approved => format!("“{}”的请假已批准。", l.subject),
                LeaveStatus::Refused => format!(
                    "“{}”的请假未批准：{}",
                    l.subject,
                    l.answer.as_deref().unwrap_or("")
                ),
                _ => continue,
            };
            messages.push(Message {
                date,
                kind: "leave",
                text,
            });
        }
        for (what, when) in store::moved_up_since(tx, person_id, &format!("{since}"))? {
            if let Some(date) = recent(&Some(when), since) {
                messages.push(Message {
                    date,
                    kind: "signup",
                    text: format!("{what}有了空位，你已由候补转为正式报名。"),
                });
            }
        }
        for s in &suggestions {
            let (Some(date), text) = (
                recent(&s.arrived_at, since).or_else(|| recent(&s.decided_at, since)),
                match (s.status, s.kind) {
                    // A periodical comes to the reading room, not to the desk.
                    (SuggestionStatus::Arrived, SuggestionKind::Periodical) => format!(
                        "你荐购的《{}》已订阅，可在阅览室阅读，最新一期见“现刊”。",
                        s.title
                    ),
                    (SuggestionStatus::Arrived, _) => format!(
                        "你荐购的《{}》已到馆，已为你预约，书到预约架后会通知你。",
                        s.title
                    ),
                    (SuggestionStatus::Accepted, SuggestionKind::Periodical) => {
                        format!("你荐购的《{}》已采纳，将列入明年的征订单。", s.title)
                    }
                    (SuggestionStatus::Accepted, _) => {
                        format!("你荐购的《{}》已采纳，将安排采购。", s.title)
                    }
                    (SuggestionStatus::Rejected, _) => format!(
                        "你荐购的《{}》未采纳：{}",
                        s.title,
                        s.answer.as_deref().unwrap_or("")
                    ),
                    _ => continue,
                },
            ) else {
                continue;
            };
            messages.push(Message {
                date,
                kind: "suggestion",
                text,
            });
        }
        for o in &offers {
            let Some(date) = recent(&o.decided_at, since) else {
                continue;
            };
            let text = match o.status {
                OfferStatus::Accepted => format!(
                    "你在“{}”分享的报名已接受，你是这次活动的领读人。",
                    o.session_theme
                ),
                OfferStatus::Declined => format!(
                    "你在“{}”分享的报名未接受：{}",
                    o.session_theme,
                    o.reason.as_deref().unwrap_or("")
                ),
                _ => continue,
            };
            messages.push(Message {
                date,
                kind: "offer",
                text,
            });
        }
        messages.sort_by(|a, b| b.date.cmp(&a.date));
        messages.truncate(30);
        Ok(ReaderRequests {
            signups,
            suggestions,
            notes,
            offers,
            leave,
            messages,
        })
    })
}
