//! Learning records and figures: each person's 学习档案 across reading,
//! reading-share and training; the same in totals per department or
//! professional group; the home dashboard; the annual reading report. All
//! read-only, over a period of office-local days.

mod export;
mod store;

pub use export::*;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::calendar::CalendarEntry;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::people::Person;
use crate::people::store::get_person;
use crate::sharing::SessionStatus;

/// A count with its key and, where useful, a label (a class's name, a title).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub key: String,
    pub label: Option<String>,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BorrowedBook {
    pub title_id: i64,
    pub title: String,
    pub authors: Option<String>,
    pub clc: Option<String>,
    pub barcode: String,
    pub borrowed_on: String,
    pub due_on: String,
    pub returned_on: Option<String>,
    /// returned / lost / damaged, when ended.
    pub outcome: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresentedSession {
    pub session_id: i64,
    pub theme: String,
    pub starts_at: String,
    pub book: Option<String>,
    pub topic: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendedSession {
    pub session_id: i64,
    pub theme: String,
    pub starts_at: String,
    pub invited: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrainingLine {
    pub batch_id: i64,
    pub topic: String,
    pub batch: String,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub held: i64,
    pub present: i64,
    pub leave: i64,
    pub completed: bool,
    /// The batch is over (no session left to hold) and they did not complete it.
    pub missed: bool,
}

/// A reading note (读书心得) of the person's, published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrittenNote {
    pub note_id: i64,
    pub title_id: i64,
    pub title: String,
    /// YYYY-MM-DD, office-local.
    pub published_on: String,
    pub featured: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecordTotals {
    pub borrowed: i64,
    /// Reading notes published.
    pub notes: i64,
    pub presented: i64,
    pub attended: i64,
    pub trainings: i64,
    pub trainings_completed: i64,
    pub trainings_missed: i64,
}

/// A person's learning record (学习档案) for a period.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRecord {
    pub person: Person,
    pub from: String,
    pub to: String,
    pub borrowed: Vec<BorrowedBook>,
    pub presented: Vec<PresentedSession>,
    pub attended: Vec<AttendedSession>,
    pub trainings: Vec<TrainingLine>,
    /// Reading notes published in the period (only published ones count).
    pub notes: Vec<WrittenNote>,
    pub totals: RecordTotals,
}

/// A department's or group's figures for a period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitFigures {
    pub unit: String,
    pub people: i64,
    /// People who borrowed at least once.
    pub readers: i64,
    pub borrowed: i64,
    pub presented: i64,
    pub attended: i64,
    pub trainings_completed: i64,
    /// Reading notes published.
    pub notes: i64,
    /// (borrowed + presented + attended + trainings completed + notes
    /// published) per person.
    pub per_head: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionAttendance {
    pub session_id: i64,
    pub theme: String,
    pub starts_at: String,
    pub invited: i64,
    pub signed_in: i64,
}

/// Training coverage of one professional group in a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupCoverageCount {
    pub group: String,
    pub deputies: i64,
    /// Deputies in at least one batch this year.
    pub trained: i64,
    pub completed: i64,
}

/// The home screen (首页).
#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub today: String,
    pub due_today: i64,
    pub overdue: i64,
    pub on_loan: i64,
    pub holds_ready: i64,
    pub holds_waiting: i64,
    /// The next sessions of both kinds, from now.
    pub upcoming: Vec<CalendarEntry>,
    /// The last twelve months, oldest first, months without loans included.
    pub loans_per_month: Vec<Count>,
    pub loans_by_class: Vec<Count>,
    pub top_titles: Vec<Count>,
    pub attendance: Vec<SessionAttendance>,
    pub coverage: Vec<GroupCoverageCount>,
}

/// The annual reading report (年度阅读报告).
#[derive(Debug, Clone, Serialize)]
pub struct AnnualReport {
    pub year: i32,
    pub volumes_added: i64,
    pub titles_added: i64,
    pub loans: i64,
    pub active_readers: i64,
    pub top_titles: Vec<Count>,
    pub top_readers: Vec<Count>,
    pub by_class: Vec<Count>,
    /// (department or delegation, loans, readers)
    pub by_unit: Vec<(String, i64, i64)>,
    pub loans_per_month: Vec<Count>,
    pub sharing: crate::sharing::Figures,
    pub training: TrainingSummary,
    /// The periodicals room: arrival per title and supplier, binding.
    pub periodicals: crate::serials::SerialFigures,
    /// The year's budgets as they stand.
    pub budgets: Vec<crate::acquisitions::BudgetStatus>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TrainingSummary {
    pub batches: i64,
    pub sessions_held: i64,
    pub trainees: i64,
    pub completed: i64,
    pub completion_rate: Option<f64>,
    pub coverage: Vec<GroupCoverageCount>,
}

fn period(from: NaiveDate, to: NaiveDate) -> Result<(String, String)> {
    if to < from {
        return Err(Error::invalid("to", "结束日期早于开始日期。"));
    }
    Ok((from.to_string(), to.to_string()))
}

/// Each training batch overlapping the period, with its results.
fn batches_in(
    conn: &rusqlite::Connection,
    from: &str,
    to: &str,
) -> Result<Vec<crate::training::BatchDetail>> {
    crate::training::list_batches(conn, None)?
        .into_iter()
        .filter(|b| {
            let start = b.starts_on.clone().unwrap_or_else(|| "0000".into());
            let end = b.ends_on.clone().unwrap_or_else(|| start.clone());
            start.as_str() <= to && end.as_str() >= from
        })
        .map(|b| crate::training::detail_for_demo(conn, b.id))
        .collect()
}

fn training_line(d: &crate::training::BatchDetail, person_id: i64) -> Option<TrainingLine> {
    let r = d.results.iter().find(|r| r.person_id == person_id)?;
    let over = d
        .sessions
        .iter()
        .all(|s| s.status != SessionStatus::Planned)
        && r.held > 0;
    Some(TrainingLine {
        batch_id: d.batch.id,
        topic: d.batch.topic_name.clone(),
        batch: d.batch.name.clone(),
        starts_on: d.batch.starts_on.clone(),
        ends_on: d.batch.ends_on.clone(),
        held: r.held,
        present: r.present,
        leave: r.leave,
        completed: r.completed,
        missed: over && !r.completed,
    })
}

/// A person's learning record for the office-local days [from, to].
pub fn person_record(
    db: &Db,
    person_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<PersonRecord> {
    let (f, t) = period(from, to)?;
    db.read(|tx| {
        let person = get_person(tx, person_id)?;
        let borrowed = store::person_loans(tx, person_id, &f, &t)?;
        let presented = store::person_presented(tx, person_id, &f, &t)?;
        let attended = store::person_attended(tx, person_id, &f, &t)?;
        let notes = store::person_notes(tx, person_id, &f, &t)?;
        let mut trainings = Vec::new();
        for batch_id in store::person_batch_ids(tx, person_id, &f, &t)? {
            let d = crate::training::detail_for_demo(tx, batch_id)?;
            trainings.extend(training_line(&d, person_id));
        }
        let totals = RecordTotals {
            borrowed: borrowed.len() as i64,
            notes: notes.len() as i64,
            presented: presented.len() as i64,
            attended: attended.len() as i64,
            trainings: trainings.len() as i64,
            trainings_completed: trainings.iter().filter(|t| t.completed).count() as i64,
            trainings_missed: trainings.iter().filter(|t| t.missed).count() as i64,
        };
        Ok(PersonRecord {
            person,
            from: f,
            to: t,
            borrowed,
            presented,
            attended,
            trainings,
            notes,
            totals,
        })
    })
}

/// Per department (staff) and delegation (deputies), or per professional
/// group, the period's figures, ranked by activity per head.
pub fn unit_figures(
    db: &Db,
    by_group: bool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<UnitFigures>> {
    let (f, t) = period(from, to)?;
    db.read(|tx| {
        let mut units = store::unit_figures(tx, by_group, &f, &t)?;
        // Completed trainings, counted per person, then per unit.
        let mut completed: HashMap<i64, i64> = HashMap::new();
        for d in batches_in(tx, &f, &t)? {
            for r in d.results.iter().filter(|r| r.completed) {
                *completed.entry(r.person_id).or_default() += 1;
            }
        }
        let mut per_unit: HashMap<String, i64> = HashMap::new();
        for (id, unit, group) in store::people_units(tx)? {
            let key = if by_group { group } else { unit };
            if let (Some(k), Some(n)) = (key, completed.get(&id)) {
                *per_unit.entry(k).or_default() += n;
            }
        }
        for u in &mut units {
            u.trainings_completed = per_unit.get(&u.unit).copied().unwrap_or(0);
            let activity = u.borrowed + u.presented + u.attended + u.trainings_completed + u.notes;
            u.per_head = if u.people > 0 {
                (activity as f64 * 100.0 / u.people as f64).round() / 100.0
            } else {
                0.0
            };
        }
        units.sort_by(|a, b| {
            b.per_head
                .total_cmp(&a.per_head)
                .then_with(|| crate::text::zh_order(&a.unit, &b.unit))
        });
        Ok(units)
    })
}

fn coverage_counts(
    conn: &rusqlite::Connection,
    from: &str,
    to: &str,
) -> Result<Vec<GroupCoverageCount>> {
    let deputies = crate::training::store_deputies(conn)?;
    let mut trained: HashMap<i64, bool> = HashMap::new();
    for d in batches_in(conn, from, to)? {
        for r in &d.results {
            let done = trained.entry(r.person_id).or_default();
            *done |= r.completed;
        }
    }
    Ok(crate::people::PROFESSIONAL_GROUPS
        .iter()
        .map(|g| {
            let members: Vec<i64> = deputies
                .iter()
                .filter(|d| d.professional_group.as_deref() == Some(*g))
                .map(|d| d.id)
                .collect();
            GroupCoverageCount {
                group: (*g).to_owned(),
                deputies: members.len() as i64,
                trained: members.iter().filter(|m| trained.contains_key(m)).count() as i64,
                completed: members
                    .iter()
                    .filter(|m| trained.get(m) == Some(&true))
                    .count() as i64,
            }
        })
        .collect())
}

/// Every month of [first of `from`'s month, `to`'s month], with zeros.
fn months(counts: Vec<Count>, from: NaiveDate, to: NaiveDate) -> Vec<Count> {
    let mut out = Vec::new();
    let mut m = from.with_day(1).expect("day 1");
    while m <= to {
        let key = m.format("%Y-%m").to_string();
        let count = counts.iter().find(|c| c.key == key).map_or(0, |c| c.count);
        out.push(Count {
            key,
            label: None,
            count,
        });
        m = m + Months::new(1);
    }
    out
}

/// The most borrowed titles as counts; two editions of one title read
/// alike in a list, so their publisher and year tell them apart.
fn most_borrowed(rows: Vec<store::BorrowedTitle>) -> Vec<Count> {
    rows.iter()
        .map(|r| {
            let twins = rows.iter().filter(|o| o.title == r.title).count() > 1;
            let edition = [r.publisher.as_deref(), r.year.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join("，");
            Count {
                key: r.id.to_string(),
                label: Some(if twins && !edition.is_empty() {
                    format!("{}（{edition}）", r.title)
                } else {
                    r.title.clone()
                }),
                count: r.count,
            }
        })
        .collect()
}

/// The home screen's figures as of today.
pub fn dashboard(db: &Db) -> Result<Dashboard> {
    let now = db
        .clock()
        .now()
        .with_timezone(&crate::clock::office_offset());
    let today = now.date_naive();
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("a date");
    let twelve = (today.with_day(1).expect("day 1") - Months::new(11)).to_string();
    let (ys, t) = (year_start.to_string(), today.to_string());
    let summary = crate::circulation::circulation_summary(db)?;
    db.read(|tx| {
        let upcoming: Vec<CalendarEntry> = crate::calendar::list_calendar_entries(
            tx,
            &now.format("%Y-%m-%dT%H:%M").to_string(),
            &(today + chrono::Days::new(120)).to_string(),
        )?
        .into_iter()
        .filter(|e| e.status != "cancelled")
        .take(6)
        .collect();
        Ok(Dashboard {
            due_today: store::due_on(tx, &t)?,
            overdue: summary.overdue,
            on_loan: summary.on_loan,
            holds_ready: summary.holds_ready,
            holds_waiting: summary.holds_waiting,
            upcoming,
            loans_per_month: months(
                store::loans_per_month(tx, &twelve, &t)?,
                twelve.parse().expect("a date"),
                today,
            ),
            loans_by_class: store::loans_by_class(tx, &ys, &t)?,
            top_titles: most_borrowed(store::top_titles(tx, &ys, &t, 10)?),
            attendance: store::session_attendance(tx, &ys, &t)?,
            coverage: coverage_counts(tx, &ys, &format!("{}-12-31", today.year()))?,
            today: t.clone(),
        })
    })
}

/// The annual reading report of a calendar year.
pub fn annual_report(db: &Db, year: i32) -> Result<AnnualReport> {
    let from =
        NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(|| Error::invalid("year", "年份不对。"))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");
    let (f, t) = (from.to_string(), to.to_string());
    let sharing = crate::sharing::figures(db, year)?;
    let until = to.min(db.clock().today());
    let periodicals = crate::serials::serial_figures(db, year, until)?;
    let budgets = crate::acquisitions::budgets(db, year)?;
    db.read(|tx| {
        let [loans, readers, volumes, titles] = store::year_counts(tx, &f, &t)?;
        let batches = batches_in(tx, &f, &t)?;
        let trainees: i64 = batches.iter().map(|d| d.results.len() as i64).sum();
        let completed: i64 = batches
            .iter()
            .map(|d| d.results.iter().filter(|r| r.completed).count() as i64)
            .sum();
        Ok(AnnualReport {
            year,
            volumes_added: volumes,
            titles_added: titles,
            loans,
            active_readers: readers,
            top_titles: most_borrowed(store::top_titles(tx, &f, &t, 10)?),
            top_readers: store::top_readers(tx, &f, &t, 10)?,
            by_class: store::loans_by_class(tx, &f, &t)?,
            by_unit: store::loans_by_unit(tx, &f, &t)?,
            loans_per_month: months(store::loans_per_month(tx, &f, &t)?, from, to),
            sharing,
            training: TrainingSummary {
                batches: batches.len() as i64,
                sessions_held: batches.iter().map(|d| d.batch.held).sum(),
                trainees,
                completed,
                completion_rate: (trainees > 0)
                    .then(|| (completed as f64 * 1000.0 / trainees as f64).round() / 10.0),
                coverage: coverage_counts(tx, &f, &t)?,
            },
            periodicals,
            budgets,
        })
    })
}

// ---- exports ----
