//! Demo training: three topics, batches by professional group and mixed
//! over the current year, each with sessions in the venues, deputies
//! enrolled (some waitlisted), attendance for the sessions already held
//! (with some leave and some absence), and so some completions.

use chrono::{Datelike, Days, NaiveDate};

use crate::db::WriteTx;
use crate::error::Result;
use crate::sharing::SessionStatus;
use crate::training::{
    self, AttendanceStatus, EnrolSelection, NewBatch, NewTopic, NewTrainingSession,
};

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TrainingReport {
    pub topics: usize,
    pub batches: usize,
    pub sessions: usize,
    pub enrolled: usize,
    pub completed: usize,
}

const TOPICS: &[(&str, &str, &[&str])] = &[
    (
        "预算审查监督",
        "部门预算、决算和审计工作报告的审查方法与实务。",
        &["预算审计", "经济发展"],
    ),
    (
        "依法履职与代表建议",
        "代表依法履职的程序与规范，代表建议的调研与撰写。",
        &[],
    ),
    (
        "乡村振兴与基层治理",
        "乡村产业、人才与治理的政策与案例。",
        &["乡村振兴", "城乡建设与环境保护"],
    ),
];

const SUBJECTS: &[&str] = &[
    "开班动员与专题导学",
    "政策解读",
    "案例研讨",
    "实地调研",
    "结业交流",
];
const LECTURERS: &[&str] = &["王教授", "李研究员", "张处长", "刘主任", "陈教授"];

pub(super) fn load(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    today: NaiveDate,
    venues: &[i64],
) -> Result<TrainingReport> {
    let mut report = TrainingReport::default();
    if venues.len() < 3 {
        return Ok(report);
    }
    let real_now = tx.now().to_owned();
    let year = today.year();
    // Batches follow each other five weeks apart, Monday to Thursday, the
    // last one starting a week and a half from now: most are over, one is ahead.
    let total: usize = TOPICS.iter().map(|(_, _, g)| g.len().max(1) + 1).sum();
    let mut k = 0usize;
    for (t, (name, description, groups)) in TOPICS.iter().enumerate() {
        let topic = training::create_topic_in(
            tx,
            &NewTopic {
                name: (*name).into(),
                description: Some((*description).into()),
                target_groups: groups.iter().map(|g| (*g).to_owned()).collect(),
                revision: None,
            },
        )?;
        report.topics += 1;
        // One batch per target group (or two mixed), then one mixed batch.
        let mut kinds: Vec<Option<&str>> = groups.iter().map(|g| Some(*g)).collect();
        if kinds.is_empty() {
            kinds.push(None);
        }
        kinds.push(None);
        for (i, group) in kinds.iter().enumerate() {
            let ahead = today + Days::new(10);
            let back = Days::new(35 * (total - 1 - k) as u64);
            let day = ahead - back;
            let start = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
            k += 1;
            let batch = training::create_batch_in(
                tx,
                &NewBatch {
                    revision: None,
                    topic_id: topic.id,
                    name: format!("{year}年第{}期", i + 1),
                    professional_group: group.map(str::to_owned),
                    capacity: Some(if group.is_some() { 30 } else { 24 }),
                    trainer: Some(["赵老师", "孙老师", "周老师"][t].into()),
                    venue_id: Some(venues[1 + (i % 2)]),
                    starts_on: Some(start.to_string()),
                    ends_on: Some((start + Days::new(3)).to_string()),
                    note: None,
                },
            )?;
            report.batches += 1;
            report.enrolled += enrol(tx, rng, batch.id, *group)?;
            let held = sessions(tx, batch.id, start, t)?;
            report.sessions += held.len();
            attend(tx, rng, batch.id, &held, today)?;
            let detail = training::detail_for_demo(tx, batch.id)?;
            report.completed += detail.results.iter().filter(|r| r.completed).count();
        }
    }
    tx.set_now(real_now);
    Ok(report)
}

/// Enrols the group's deputies (or a mix), a few beyond capacity; how many got a place.
fn enrol(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    batch_id: i64,
    group: Option<&str>,
) -> Result<usize> {
    let selection = match group {
        Some(g) => EnrolSelection {
            person_ids: vec![],
            professional_group: Some(g.into()),
        },
        None => EnrolSelection {
            person_ids: training::store_deputy_ids(tx)?
                .into_iter()
                .filter(|_| rng.u8(0..100) < 16)
                .collect(),
            professional_group: None,
        },
    };
    Ok(training::enrol_in(tx, batch_id, &selection, false)?
        .enrolled
        .len())
}

/// Four half-day sessions over four days from `start`; a day that clashes
/// with the demo's other bookings is left out. The sessions added, with their days.
fn sessions(
    tx: &mut WriteTx<'_>,
    batch_id: i64,
    start: NaiveDate,
    topic: usize,
) -> Result<Vec<(i64, NaiveDate)>> {
    let mut ids = Vec::new();
    for d in 0..4u64 {
        let day = start + Days::new(d);
        let s = training::add_session_in(
            tx,
            batch_id,
            &NewTrainingSession {
                subject: SUBJECTS[d as usize % SUBJECTS.len()].into(),
                starts_at: format!("{day}T09:00"),
                ends_at: format!("{day}T11:30"),
                venue_id: None,
                lecturer_id: None,
                lecturer_name: Some(LECTURERS[(topic + d as usize) % LECTURERS.len()].into()),
                status: None,
                revision: None,
            },
        );
        if let Ok(s) = s {
            ids.push((s.id, day));
        }
    }
    Ok(ids)
}

/// Attendance for the sessions held before `today`: most present, some on
/// leave, a few absent, by a card scan or a tick.
fn attend(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    batch_id: i64,
    sessions: &[(i64, NaiveDate)],
    today: NaiveDate,
) -> Result<()> {
    let trainees: Vec<i64> = training::list_enrolments(tx, batch_id)?
        .into_iter()
        .filter(|e| e.status == training::EnrolStatus::Enrolled)
        .map(|e| e.person_id)
        .collect();
    for (sid, day) in sessions {
        if *day >= today {
            continue;
        }
        tx.set_now(format!("{}T01:30:00Z", day));
        let session = training::get_training_session(tx, *sid)?;
        for p in &trainees {
            let status = match rng.u8(0..100) {
                0..=84 => AttendanceStatus::Present,
                85..=93 => AttendanceStatus::Leave,
                _ => AttendanceStatus::Absent,
            };
            training::mark_in(
                tx,
                &session,
                *p,
                Some(status),
                if rng.bool() { "scan" } else { "tick" },
            )?;
        }
        training::set_status_in(tx, *sid, SessionStatus::Held)?;
    }
    Ok(())
}
