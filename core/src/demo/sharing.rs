//! Demo reading-share: the venues, and a monthly series over the current
//! year ("书香润初心 奋进新征程", last Thursday afternoons in the reading
//! room) with presenters and their books, invitations, sign-ins and minutes
//! for the sessions already held; plus a one-off World Book Day session.

use chrono::{Datelike, NaiveDate, NaiveTime};

use crate::calendar::bookings::NewVenue;
use crate::db::WriteTx;
use crate::error::Result;
use crate::people::store::get_person;
use crate::sharing::{
    self, DateChoice, End, InviteSelection, Pattern, PresenterDraft, Recurrence, SeriesDraft,
    SessionStatus,
};

/// What the demo's reading-share year made.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SharingReport {
    pub venues: usize,
    /// The venues' ids, for the training demo.
    #[serde(skip)]
    pub venue_ids: Vec<i64>,
    pub sessions: usize,
    pub held: usize,
}

const TOPICS: &[&str] = &[
    "从书中看基层治理的变与不变",
    "读史明智：制度建设的历史经验",
    "共同富裕的理论与实践",
    "法治思维与依法履职",
    "文化自信从哪里来",
    "数字政府建设的机遇与挑战",
    "乡村振兴中的人才与产业",
    "经典重读：调查研究的方法",
];

const MINUTES: &[&str] = &[
    "两位领读人分别结合工作实际分享了阅读体会，与会同志围绕“学用结合”展开讨论，大家表示要把读书收获转化为履职本领。",
    "活动由主持人开场，领读人介绍了书的主要观点和自己的思考；交流环节中，多位同志结合调研经历发言，气氛热烈。",
    "本次分享围绕主题展开，领读人推荐了延伸阅读书目；会后部分同志在阅览室借阅了相关图书。",
];

pub(super) fn load(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    today: NaiveDate,
    staff: &[i64],
    deputies: &[i64],
    first_title: i64,
    last_title: i64,
) -> Result<SharingReport> {
    let mut report = SharingReport::default();
    let real_now = tx.now().to_owned();
    if staff.len() < 6 || last_title < first_title {
        return Ok(report);
    }
    let venue_ids = venues(tx)?;
    report.venues = venue_ids.len();
    report.venue_ids = venue_ids.clone();
    let host = staff[rng.usize(0..staff.len())];
    let sessions = plan_year(tx, rng, today.year(), staff, &venue_ids, host)?;
    report.sessions = sessions.len();
    let everyone: Vec<i64> = staff.iter().chain(deputies.iter()).copied().collect();
    let books = first_title..=last_title;
    for (i, &(id, date)) in sessions.iter().enumerate() {
        let invited = prepare_session(tx, rng, i, id, today, &everyone, host, &books)?;
        if date < today {
            hold_session(tx, rng, i, id, date, &invited)?;
            report.held += 1;
        }
    }
    tx.set_now(real_now);
    Ok(report)
}

/// The rooms sessions are held in.
fn venues(tx: &WriteTx<'_>) -> Result<Vec<i64>> {
    let mut venue_ids = Vec::new();
    for (name, capacity) in [
        ("阅览室", 40),
        ("三楼会议室", 60),
        ("第二会议室", 20),
        ("机关报告厅", 150),
    ] {
        let v = crate::calendar::create_venue_in(
            tx,
            &NewVenue {
                name: name.into(),
                capacity: Some(capacity),
                ..Default::default()
            },
        )?;
        venue_ids.push(v.id);
    }
    Ok(venue_ids)
}

/// The year's sessions: the monthly series on last Thursdays, and World
/// Book Day (4月23日) as a one-off in the lecture hall.
fn plan_year(
    tx: &WriteTx<'_>,
    rng: &mut fastrand::Rng,
    year: i32,
    staff: &[i64],
    venue_ids: &[i64],
    host: i64,
) -> Result<Vec<(i64, NaiveDate)>> {
    let draft = SeriesDraft {
        name: "书香润初心 奋进新征程".into(),
        theme: Some("书香润初心 奋进新征程 读书分享会".into()),
        recurrence: Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: -1,
                weekday: 4,
            },
            start: NaiveDate::from_ymd_opt(year, 1, 1).expect("a date"),
            end: End::Until {
                date: NaiveDate::from_ymd_opt(year, 12, 31).expect("a date"),
            },
            skip_holidays: true,
            skip: vec![],
        },
        start_time: "15:00".into(),
        end_time: "17:00".into(),
        venue_id: Some(venue_ids[0]),
        host_id: Some(host),
        capacity: Some(40),
        // The demo's year is mostly past: it records it as history.
        history: true,
    };
    let choices: Vec<DateChoice> = Vec::new();
    let created = sharing::create_series_in(
        tx,
        &draft,
        &choices,
        &draft.name,
        draft.theme.as_deref(),
        draft.capacity,
    )?;
    let mut sessions: Vec<(i64, NaiveDate)> = created
        .sessions
        .iter()
        .filter_map(|s| Some((s.id, s.starts_at.get(..10)?.parse().ok()?)))
        .collect();
    let book_day = NaiveDate::from_ymd_opt(year, 4, 23).expect("a date");
    let one_off = sharing::create_session_in(
        tx,
        &sharing::SessionDraft {
            revision: None,
            theme: "世界读书日专题分享：让阅读成为习惯".into(),
            starts_at: format!("{book_day}T09:30"),
            ends_at: format!("{book_day}T11:30"),
            venue_id: Some(venue_ids[3]),
            host_id: Some(staff[rng.usize(0..staff.len())]),
            capacity: Some(120),
            status: None,
            note: Some("机关干部和在京代表参加".into()),
        },
    )?;
    sessions.push((one_off.id, book_day));
    Ok(sessions)
}

/// Two presenters with a book from the catalogue and a topic each, and 24
/// to 36 people invited; those invited.
#[allow(clippy::too_many_arguments)]
fn prepare_session(
    tx: &WriteTx<'_>,
    rng: &mut fastrand::Rng,
    i: usize,
    id: i64,
    today: NaiveDate,
    everyone: &[i64],
    host: i64,
    books: &std::ops::RangeInclusive<i64>,
) -> Result<Vec<i64>> {
    let mut presenters = Vec::new();
    while presenters.len() < 2 {
        let p = everyone[rng.usize(0..everyone.len())];
        if p != host && !presenters.iter().any(|d: &PresenterDraft| d.person_id == p) {
            presenters.push(PresenterDraft {
                person_id: p,
                title_id: Some(rng.i64(books.clone())),
                topic: Some(TOPICS[(i * 2 + presenters.len()) % TOPICS.len()].into()),
                hold: false,
            });
        }
    }
    let rows: Vec<_> = presenters
        .iter()
        .map(|p| (p.person_id, p.title_id, p.topic.clone()))
        .collect();
    sharing::set_presenters_in(tx, id, &presenters, &rows, today)?;
    let count = rng.usize(24..=36).min(everyone.len());
    let mut invited: Vec<i64> = Vec::with_capacity(count);
    while invited.len() < count {
        let p = everyone[rng.usize(0..everyone.len())];
        if !invited.contains(&p) {
            invited.push(p);
        }
    }
    sharing::invite_in(
        tx,
        id,
        &InviteSelection {
            person_ids: invited.clone(),
            ..Default::default()
        },
    )?;
    Ok(invited)
}

/// A session already past: about four in five of those invited signed in
/// just before it began, and it was held, with minutes.
fn hold_session(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    i: usize,
    id: i64,
    date: NaiveDate,
    invited: &[i64],
) -> Result<()> {
    let session = sharing::get_session(tx, id)?;
    let at = NaiveTime::from_hms_opt(14, 50, 0).expect("a time");
    tx.set_now(
        (date.and_time(at) - chrono::Duration::hours(8))
            .and_utc()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    );
    for p in invited {
        if rng.u8(0..100) >= 82 {
            continue;
        }
        let person = get_person(tx, *p)?;
        let method = if rng.bool() { "scan" } else { "tick" };
        sharing::sign_in_in(tx, &session, person, method)?;
    }
    sharing::close_session_in(
        tx,
        id,
        SessionStatus::Held,
        Some(MINUTES[i % MINUTES.len()]),
    )
}
