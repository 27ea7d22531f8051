//! The core's words, sent to the UI once at start (DESIGN.md: the UI
//! "never restates" them): roles and what each may do, person kinds,
//! professional groups, every status and mark with its words, the log's
//! areas and the kinds of record in each, the forms' field limits, and
//! today's date in the office with the office's offset from UTC.

use serde::Serialize;

use crate::calendar::SessionStatus;
use crate::catalog::CopyStatus;
use crate::circulation::{HoldStatus, LoanOutcome};
use crate::clock::{Clock, office_offset};
use crate::identity::{Area, Entity, Role};
use crate::participation::{LeaveStatus, NoteStatus, OfferStatus, SuggestionStatus};
use crate::people::{PROFESSIONAL_GROUPS, PersonKind};
use crate::training::{AttendanceStatus, EnrolStatus};

/// A code as stored and its words.
#[derive(Debug, Clone, Serialize)]
pub struct Word {
    pub code: &'static str,
    pub label: &'static str,
    /// A line more (a role's powers) or a short mark (attendance's ✓).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<&'static str>,
}

fn word(code: &'static str, label: &'static str) -> Word {
    Word {
        code,
        label,
        hint: None,
    }
}

/// An area of the log, with the kinds of record in it.
#[derive(Debug, Clone, Serialize)]
pub struct AreaWords {
    pub code: Area,
    pub label: &'static str,
    pub entities: Vec<Word>,
}

/// Everything the UI says in the core's words.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub roles: Vec<Word>,
    pub person_kinds: Vec<Word>,
    pub groups: Vec<&'static str>,
    pub copy_statuses: Vec<Word>,
    pub hold_statuses: Vec<Word>,
    pub loan_outcomes: Vec<Word>,
    pub session_statuses: Vec<Word>,
    pub enrol_statuses: Vec<Word>,
    pub attendance: Vec<Word>,
    /// Readers' requests: 荐购, 读书心得, 我要分享, 请假.
    pub suggestion_statuses: Vec<Word>,
    pub note_statuses: Vec<Word>,
    pub offer_statuses: Vec<Word>,
    pub leave_statuses: Vec<Word>,
    /// A periodical issue's statuses (待到 … 已合订).
    pub issue_statuses: Vec<Word>,
    /// The 刊期 presets, in the order forms offer them.
    pub frequencies: Vec<&'static str>,
    /// What each role may change, by role code: the kinds of record (so the
    /// inbox offers a decision only to the role that makes it).
    pub may_change: std::collections::BTreeMap<&'static str, Vec<&'static str>>,
    pub areas: Vec<AreaWords>,
    /// The most characters each form field takes: `person` and `title`.
    pub limits: serde_json::Value,
    /// Today in the office, `YYYY-MM-DD`.
    pub today: String,
    /// The office's offset from UTC in minutes (Asia/Shanghai: 480), so a
    /// window left open past midnight still knows the office's date.
    pub office_offset_minutes: i32,
}

/// The vocabulary, with today as `clock` says.
pub fn vocabulary(clock: &Clock) -> Vocabulary {
    let limits = |rules: &mut dyn Iterator<Item = (&'static str, usize)>| {
        serde_json::Value::Object(
            rules
                .map(|(field, max)| (field.to_owned(), serde_json::Value::from(max)))
                .collect(),
        )
    };
    Vocabulary {
        roles: Role::ALL
            .iter()
            .map(|r| Word {
                hint: Some(r.hint()),
                ..word(r.code(), r.label())
            })
            .collect(),
        person_kinds: [PersonKind::Staff, PersonKind::Deputy]
            .iter()
            .map(|k| word(k.code(), k.label()))
            .collect(),
        groups: PROFESSIONAL_GROUPS.to_vec(),
        copy_statuses: CopyStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        hold_statuses: HoldStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        loan_outcomes: LoanOutcome::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        session_statuses: [
            SessionStatus::Planned,
            SessionStatus::Held,
            SessionStatus::Cancelled,
        ]
        .iter()
        .map(|s| word(s.code(), s.label()))
        .collect(),
        enrol_statuses: EnrolStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        attendance: AttendanceStatus::ALL
            .iter()
            .map(|s| Word {
                hint: Some(s.short()),
                ..word(s.code(), s.label())
            })
            .collect(),
        suggestion_statuses: SuggestionStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        note_statuses: NoteStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        offer_statuses: OfferStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        leave_statuses: LeaveStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        issue_statuses: crate::serials::IssueStatus::ALL
            .iter()
            .map(|s| word(s.code(), s.label()))
            .collect(),
        frequencies: crate::serials::Frequency::ALL
            .iter()
            .map(|f| f.name())
            .collect(),
        may_change: Role::ALL
            .iter()
            .map(|&r| {
                let entities = Entity::ALL
                    .iter()
                    .filter(|&&e| r.may_change(e))
                    .map(|e| e.code())
                    .collect();
                (r.code(), entities)
            })
            .collect(),
        areas: Area::ALL
            .iter()
            .map(|&a| AreaWords {
                code: a,
                label: a.label(),
                entities: a.entities().map(|e| word(e.code(), e.label())).collect(),
            })
            .collect(),
        limits: serde_json::json!({
            "person": limits(&mut crate::people::form_limits()),
            "title": limits(&mut crate::catalog::form_limits()),
            "copies": crate::catalog::MAX_COPIES_AT_ONCE,
        }),
        today: clock.today().format("%Y-%m-%d").to_string(),
        office_offset_minutes: office_offset().local_minus_utc() / 60,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_of_the_core_is_there_once() {
        let v = vocabulary(&Clock::Fixed("2026-12-31T17:00:00Z".parse().unwrap()));
        assert_eq!(v.today, "2027-01-01", "the office's date, not UTC's");
        assert_eq!(v.office_offset_minutes, 480);
        assert_eq!(v.roles.len(), 4);
        assert_eq!(v.frequencies.len(), 14, "日报 … 不定期");
        assert_eq!(v.groups.len(), 8);
        let entities: usize = v.areas.iter().map(|a| a.entities.len()).sum();
        assert_eq!(
            entities,
            crate::Entity::ALL.len(),
            "each kind of record in one area"
        );
        assert_eq!(v.limits["person"]["name"], 50);
        assert_eq!(v.limits["title"]["title"], 500);
        assert!(v.may_change["organizer"].contains(&"leave_request"));
        assert!(!v.may_change["librarian"].contains(&"leave_request"));
        assert!(
            v.may_change["viewer"].is_empty(),
            "the viewer decides nothing"
        );
        for w in v
            .roles
            .iter()
            .chain(&v.hold_statuses)
            .chain(&v.attendance)
            .chain(&v.suggestion_statuses)
            .chain(&v.note_statuses)
            .chain(&v.issue_statuses)
        {
            assert_ne!(w.code, w.label);
        }
    }
}
