//! The office calendar: which days the reading room is open — a weekly
//! pattern of closed weekdays, public holidays it is closed, and make-up
//! workdays (调休) it opens although they fall on a weekend. Due dates move
//! to the next open day; reading-share schedules skip the same holidays.
//! And the venues and bookings every scheduled session shares (`bookings`).

pub mod bookings;
mod holidays;
mod store;

pub use bookings::{
    BookingDraft, BookingKind, CalendarEntry, Conflict, ConflictReason, NewVenue, Role, Venue,
};
pub use holidays::{
    HolidayReport, holiday_reminder, import_holidays, import_holidays_and, read_holiday_file,
};
pub(crate) use store::{
    delete_calendar_day, find_conflicts, get_venue, insert_booking, list_booking_people,
    list_calendar_entries, list_venues, load_open_days, put_calendar_day, set_booking_active,
    set_closed_weekdays, update_booking,
};

use std::collections::HashMap;

/// Where a session of either kind stands (a reading-share or a training
/// session, as its booking does).
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

    pub(crate) fn from_code(code: &str) -> SessionStatus {
        match code {
            "held" => SessionStatus::Held,
            "cancelled" => SessionStatus::Cancelled,
            _ => SessionStatus::Planned,
        }
    }
}

/// Where a reader's sign-up (报名) for a session or a batch stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignupStatus {
    SignedUp,
    Waitlisted,
    Cancelled,
}

impl SignupStatus {
    pub fn label(self) -> &'static str {
        match self {
            SignupStatus::SignedUp => "已报名",
            SignupStatus::Waitlisted => "候补",
            SignupStatus::Cancelled => "已取消",
        }
    }
}

/// Checks what an organizer opens sign-up with: a capacity within
/// `1..=max`, a last day not after the event's own.
pub(crate) fn check_signup_terms(
    until: Option<NaiveDate>,
    capacity: Option<i64>,
    max: i64,
    event_day: Option<NaiveDate>,
) -> Result<Option<String>> {
    if let Some(c) = capacity
        && !(1..=max).contains(&c)
    {
        return Err(Error::invalid(
            "capacity",
            format!("人数上限应在 1 到 {max} 之间。"),
        ));
    }
    if let (Some(u), Some(day)) = (until, event_day)
        && u > day
    {
        return Err(Error::invalid(
            "until",
            format!(
                "报名截止日不能晚于活动当天（{}）。",
                day.format("%Y年%-m月%-d日")
            ),
        ));
    }
    Ok(until.map(|u| u.to_string()))
}

/// Refuses a reader's sign-up once its last day has passed.
pub(crate) fn refuse_after_signup_until(until: Option<&str>, today: NaiveDate) -> Result<()> {
    if let Some(u) = until.and_then(|u| u.parse::<NaiveDate>().ok())
        && today > u
    {
        return Err(Error::conflict(format!(
            "报名已于{}截止。",
            u.format("%Y年%-m月%-d日")
        )));
    }
    Ok(())
}

/// The office-local day of a session starting at `starts_at`
/// (`YYYY-MM-DDTHH:MM`).
pub fn session_day(starts_at: &str) -> Option<NaiveDate> {
    starts_at.get(..10).and_then(|d| d.parse().ok())
}

/// Whether a session starting at `starts_at` may count as held on `today`:
/// its day has come. The one meaning of "held" every view, certificate and
/// figure uses — a session is held once its day has come and it took place
/// (attendance, a sign-in, or the organizer's mark on or after the day).
pub fn day_has_come(starts_at: &str, today: NaiveDate) -> bool {
    session_day(starts_at).is_some_and(|day| day <= today)
}

/// Refuses `what` (签到, 考勤, 标为已举行) for a `kind` (活动, 课) whose
/// day has not come, saying when it is and what to do instead.
pub(crate) fn refuse_before_its_day(
    starts_at: &str,
    now: &str,
    kind: &str,
    what: &str,
    instead: &str,
) -> Result<()> {
    let today = crate::clock::office_date(now).unwrap_or(NaiveDate::MAX);
    if day_has_come(starts_at, today) {
        return Ok(());
    }
    let day = session_day(starts_at)
        .map(|d| d.format("%Y年%-m月%-d日").to_string())
        .unwrap_or_else(|| starts_at.to_owned());
    Err(Error::conflict(format!(
        "这次{kind}定在{day}，还没到，不能{what}。{instead}"
    )))
}

/// Refuses `booking` when it clashes with any other (but `exclude`, the
/// booking it replaces), naming every clash.
pub fn refuse_clashes(
    conn: &rusqlite::Connection,
    booking: &BookingDraft,
    exclude: Option<i64>,
) -> crate::error::Result<()> {
    let clashes = find_conflicts(conn, booking, exclude)?;
    if clashes.is_empty() {
        Ok(())
    } else {
        Err(bookings::conflicts_error(&clashes))
    }
}

/// Books a time and place for a session of either kind: refused, naming
/// every clash, when a person or the venue is taken then; the booking's id.
pub(crate) fn book(
    tx: &crate::db::WriteTx<'_>,
    booking: &BookingDraft,
) -> crate::error::Result<i64> {
    refuse_clashes(tx, booking, None)?;
    insert_booking(tx, booking)
}

/// Moves or changes a booking. An `active` one (a session not cancelled) is
/// refused as [`book`] is when it would clash; an inactive one keeps its
/// time without holding anyone to it.
pub(crate) fn rebook(
    tx: &crate::db::WriteTx<'_>,
    id: i64,
    booking: &BookingDraft,
    active: bool,
) -> crate::error::Result<()> {
    if active {
        refuse_clashes(tx, booking, Some(id))?;
    }
    update_booking(tx, id, booking)?;
    set_booking_active(tx, id, active)
}

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};

/// A day that differs from the weekly pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 节假日: closed.
    Holiday,
    /// 调休上班: open although a weekend.
    Workday,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    fn from_code(code: &str) -> DayKind {
        if code == "workday" {
            DayKind::Workday
        } else {
            DayKind::Holiday
        }
    }
}

/// One listed day: `2026-10-01 节假日 国庆节`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub kind: DayKind,
    #[serde(default)]
    pub name: String,
}

/// When the reading room is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenDays {
    /// ISO weekdays (1 = Monday … 7 = Sunday) the room is normally closed.
    pub closed_weekdays: Vec<u8>,
    /// Holidays and make-up workdays, by date.
    pub days: Vec<CalendarDay>,
    #[serde(skip)]
    by_date: HashMap<NaiveDate, DayKind>,
}

/// The longest run of closed days a schedule will step over before deciding
/// the calendar is wrong (every weekday closed, or a year of holidays).
const MAX_CLOSED_RUN: u32 = 366;

impl OpenDays {
    pub fn new(closed_weekdays: Vec<u8>, days: Vec<CalendarDay>) -> OpenDays {
        let by_date = days.iter().map(|d| (d.day, d.kind)).collect();
        OpenDays {
            closed_weekdays,
            days,
            by_date,
        }
    }

    /// Whether the room is open on `day`.
    pub fn is_open(&self, day: NaiveDate) -> bool {
        match self.by_date.get(&day) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !self
                .closed_weekdays
                .contains(&(day.weekday().number_from_monday() as u8)),
        }
    }

    /// Whether `day` is a listed holiday (a schedule skips it even when it
    /// is a weekday the room is normally open).
    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.by_date.get(&day) == Some(&DayKind::Holiday)
    }

    /// `day` itself if the room is open then, else the next open day.
    pub fn on_or_after(&self, day: NaiveDate) -> NaiveDate {
        let mut d = day;
        for _ in 0..MAX_CLOSED_RUN {
            if self.is_open(d) {
                return d;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return day,
            }
        }
        // No open day within a year: the calendar closes everything; the
        // date as computed is better than none.
        day
    }
}

/// Parses `"6,7"` as stored; ignores anything that is not a weekday number.
pub(crate) fn parse_weekdays(text: &str) -> Vec<u8> {
    let mut days: Vec<u8> = text
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|d| (1..=7).contains(d))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The opening days as configured.
pub fn open_days(db: &Db) -> Result<OpenDays> {
    db.read(|tx| load_open_days(tx))
}

/// Sets the weekdays the room is normally closed, as one action.
pub fn change_closed_weekdays(db: &Db, actor: &Actor, weekdays: &[u8]) -> Result<OpenDays> {
    if weekdays.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::invalid(
            "closed_weekdays",
            "星期应为 1（周一）到 7（周日）。",
        ));
    }
    if weekdays.len() >= 7 {
        return Err(Error::invalid(
            "closed_weekdays",
            "不能每天都闭馆，请至少保留一天开放。",
        ));
    }
    db.write(actor, |tx| {
        set_closed_weekdays(tx, weekdays)?;
        load_open_days(tx)
    })
}

/// What follows in the same action from days off that changed between two
/// dates (areas that read the calendar, wired in by the caller: the
/// calendar comes before them).
pub type DaysChanged<'f> =
    &'f dyn Fn(&crate::db::WriteTx<'_>, NaiveDate, NaiveDate) -> Result<usize>;

fn nothing_follows(_: &crate::db::WriteTx<'_>, _: NaiveDate, _: NaiveDate) -> Result<usize> {
    Ok(0)
}

/// Adds or changes a holiday or make-up workday, as one action.
pub fn save_calendar_day(db: &Db, actor: &Actor, day: &CalendarDay) -> Result<OpenDays> {
    save_calendar_day_and(db, actor, day, &nothing_follows)
}

/// [`save_calendar_day`], and what `follows` in the same action.
pub fn save_calendar_day_and(
    db: &Db,
    actor: &Actor,
    day: &CalendarDay,
    follows: DaysChanged<'_>,
) -> Result<OpenDays> {
    let name =
        crate::text::checked_text("name", "名称", Some(&day.name), 40, true)?.unwrap_or_default();
    db.write(actor, |tx| {
        put_calendar_day(
            tx,
            &CalendarDay {
                day: day.day,
                kind: day.kind,
                name: name.clone(),
            },
        )?;
        follows(tx, day.day, day.day)?;
        load_open_days(tx)
    })
}

/// Removes a listed day, as one action.
pub fn remove_calendar_day(db: &Db, actor: &Actor, day: &str) -> Result<OpenDays> {
    remove_calendar_day_and(db, actor, day, &nothing_follows)
}

/// [`remove_calendar_day`], and what `follows` in the same action.
pub fn remove_calendar_day_and(
    db: &Db,
    actor: &Actor,
    day: &str,
    follows: DaysChanged<'_>,
) -> Result<OpenDays> {
    let day: NaiveDate = day
        .trim()
        .parse()
        .map_err(|_| Error::invalid("day", format!("“{day}”不是日期，应写作 2026-10-01。")))?;
    db.write(actor, |tx| {
        delete_calendar_day(tx, day)?;
        follows(tx, day, day)?;
        load_open_days(tx)
    })
}

/// Every venue.
pub fn venues(db: &Db) -> Result<Vec<Venue>> {
    db.read(|tx| list_venues(tx))
}

/// Adds a venue, as one action.
pub fn create_venue(db: &Db, actor: &Actor, new: &NewVenue) -> Result<Venue> {
    let v = new.validate()?;
    db.write(actor, |tx| store::insert_venue(tx, &v))
}

pub(crate) fn create_venue_in(tx: &crate::db::WriteTx<'_>, new: &NewVenue) -> Result<Venue> {
    store::insert_venue(tx, &new.validate()?)
}

/// Changes a venue, as one action.
pub fn edit_venue(db: &Db, actor: &Actor, id: i64, new: &NewVenue) -> Result<Venue> {
    let v = new.validate()?;
    db.write(actor, |tx| store::update_venue(tx, id, &v))
}

/// Every booking in the office-local days [from, to], for the calendar.
pub fn calendar_entries(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<CalendarEntry>> {
    let end = to.succ_opt().unwrap_or(to);
    db.read(|tx| list_calendar_entries(tx, &format!("{from}T00:00"), &format!("{end}T00:00")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn office() -> OpenDays {
        OpenDays::new(
            vec![6, 7],
            vec![
                CalendarDay {
                    day: d("2026-10-01"),
                    kind: DayKind::Holiday,
                    name: "国庆节".into(),
                },
                CalendarDay {
                    day: d("2026-10-02"),
                    kind: DayKind::Holiday,
                    name: "国庆节".into(),
                },
                CalendarDay {
                    day: d("2026-10-10"),
                    kind: DayKind::Workday,
                    name: "国庆调休".into(),
                },
            ],
        )
    }

    #[test]
    fn weekends_and_holidays_are_closed_makeup_days_open() {
        let days = office();
        assert!(days.is_open(d("2026-11-26"))); // Thursday
        assert!(!days.is_open(d("2026-11-28"))); // Saturday
        assert!(!days.is_open(d("2026-10-01"))); // holiday on a Thursday
        assert!(days.is_open(d("2026-10-10"))); // make-up Saturday
        assert!(days.is_holiday(d("2026-10-01")));
        assert!(!days.is_holiday(d("2026-11-28")));
    }

    #[test]
    fn a_closed_day_moves_to_the_next_open_one() {
        let days = office();
        assert_eq!(days.on_or_after(d("2026-11-26")), d("2026-11-26"));
        assert_eq!(days.on_or_after(d("2026-11-28")), d("2026-11-30"));
        // Thursday and Friday holidays, then a weekend: the next Monday.
        assert_eq!(days.on_or_after(d("2026-10-01")), d("2026-10-05"));
        // Friday 9th is open; Saturday 10th too (调休).
        assert_eq!(days.on_or_after(d("2026-10-10")), d("2026-10-10"));
    }

    #[test]
    fn a_calendar_closing_every_day_does_not_loop() {
        let days = OpenDays::new(vec![1, 2, 3, 4, 5, 6, 7], vec![]);
        assert_eq!(days.on_or_after(d("2026-11-26")), d("2026-11-26"));
    }

    #[test]
    fn stored_weekdays_are_read_forgivingly() {
        assert_eq!(parse_weekdays("7, 6,x,9,6"), vec![6, 7]);
        assert_eq!(parse_weekdays(""), Vec::<u8>::new());
    }

    #[test]
    fn venues_are_listed_in_pinyin_order() {
        let db = Db::open_in_memory().unwrap();
        for name in ["阅览室", "三楼会议室", "第二会议室", "机关报告厅"] {
            let venue = NewVenue {
                name: name.into(),
                ..Default::default()
            };
            create_venue(&db, &Actor::System, &venue).unwrap();
        }
        let names: Vec<String> = venues(&db).unwrap().into_iter().map(|v| v.name).collect();
        assert_eq!(names, ["第二会议室", "机关报告厅", "三楼会议室", "阅览室"]);
    }
}
