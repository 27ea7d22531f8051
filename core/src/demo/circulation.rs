//! Demo lending: half a year of the reading room replayed day by day through
//! the real rules (loan limits, due dates on open days, renewals, holds), so
//! the desk opens on loans, some overdue, holds set aside and waiting, and
//! a finished stocktake.

use chrono::{Days, NaiveDate, NaiveTime};

use crate::calendar::{CalendarDay, DayKind, load_open_days, put_calendar_day};
use crate::circulation;
use crate::db::WriteTx;
use crate::error::Result;
use crate::people::store::get_person;

/// What the demo's lending left behind.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct LendingReport {
    pub loans: usize,
    pub on_loan: usize,
    pub overdue: usize,
    pub holds: usize,
    pub stocktakes: usize,
}

/// The official holidays and make-up workdays around the demo's year.
const HOLIDAYS_2026: &[(&str, DayKind, &str)] = &[
    ("2026-01-01", DayKind::Holiday, "元旦"),
    ("2026-01-02", DayKind::Holiday, "元旦"),
    ("2026-01-03", DayKind::Holiday, "元旦"),
    ("2026-01-04", DayKind::Workday, "元旦调休"),
    ("2026-02-14", DayKind::Workday, "春节调休"),
    ("2026-02-15", DayKind::Holiday, "春节"),
    ("2026-02-16", DayKind::Holiday, "春节"),
    ("2026-02-17", DayKind::Holiday, "春节"),
    ("2026-02-18", DayKind::Holiday, "春节"),
    ("2026-02-19", DayKind::Holiday, "春节"),
    ("2026-02-20", DayKind::Holiday, "春节"),
    ("2026-02-23", DayKind::Holiday, "春节"),
    ("2026-02-28", DayKind::Workday, "春节调休"),
    ("2026-04-06", DayKind::Holiday, "清明节"),
    ("2026-05-01", DayKind::Holiday, "劳动节"),
    ("2026-05-04", DayKind::Holiday, "劳动节"),
    ("2026-05-05", DayKind::Holiday, "劳动节"),
    ("2026-05-09", DayKind::Workday, "劳动节调休"),
    ("2026-06-19", DayKind::Holiday, "端午节"),
    ("2026-09-20", DayKind::Workday, "国庆调休"),
    ("2026-09-25", DayKind::Holiday, "中秋节"),
    ("2026-10-01", DayKind::Holiday, "国庆节"),
    ("2026-10-02", DayKind::Holiday, "国庆节"),
    ("2026-10-05", DayKind::Holiday, "国庆节"),
    ("2026-10-06", DayKind::Holiday, "国庆节"),
    ("2026-10-07", DayKind::Holiday, "国庆节"),
    ("2026-10-10", DayKind::Workday, "国庆调休"),
];

fn at_office_time(day: NaiveDate, hour: u32, minute: u32) -> String {
    let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"));
    (local - chrono::Duration::hours(8))
        .and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Replays a year of lending, up to `today`, among `people` over the
/// titles `first_title..=last_title`.
pub(super) fn replay(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    today: NaiveDate,
    people: &[i64],
    first_title: i64,
    last_title: i64,
) -> Result<LendingReport> {
    let mut report = LendingReport::default();
    if people.is_empty() || last_title < first_title {
        return Ok(report);
    }
    for (day, kind, name) in HOLIDAYS_2026 {
        put_calendar_day(
            tx,
            &CalendarDay {
                day: day.parse().expect("valid date"),
                kind: *kind,
                name: (*name).into(),
            },
        )?;
    }
    let open = load_open_days(tx)?;
    // A reading room's regulars: a few dozen people borrow most books.
    let regulars: Vec<i64> = (0..people.len().min(45))
        .map(|_| people[rng.usize(0..people.len())])
        .collect();
    let mut year = Year {
        today,
        regulars,
        titles: first_title..=last_title,
        out: Vec::new(),
        kept_out: 0,
    };
    let stocktake_day = open.on_or_after(today - Days::new(21));
    let real_now = tx.now().to_owned();
    let mut day = today - Days::new(365);
    while day < today {
        if open.is_open(day) {
            tx.set_now(at_office_time(day, 9, 5));
            circulation::expire_lapsed_holds(tx, day)?;
            year.returns(tx, rng, day)?;
            year.renewals(tx, rng, day)?;
            report.loans += year.new_loans(tx, rng, day)?;
            // A stocktake of two shelves three weeks ago, finished the next day.
            if day == stocktake_day {
                stocktake(tx, rng, day, &open)?;
                report.stocktakes += 1;
            }
        }
        day = day + Days::new(1);
    }
    report.holds = year.holds(tx, rng)?;
    tx.set_now(real_now);
    let [on_loan, overdue, _, _] = circulation::circulation_counts(tx, today)?;
    report.on_loan = on_loan as usize;
    report.overdue = overdue as usize;
    Ok(report)
}

/// The year being replayed: who borrows, what, and the loans still out
/// with the day each comes back (None: kept out, overdue now).
struct Year {
    today: NaiveDate,
    regulars: Vec<i64>,
    titles: std::ops::RangeInclusive<i64>,
    out: Vec<(i64, i64, Option<NaiveDate>)>,
    /// Loans kept out for sure so far (see `new_loans`).
    kept_out: usize,
}

impl Year {
    /// Returns first, as the morning goes.
    fn returns(
        &mut self,
        tx: &mut WriteTx<'_>,
        rng: &mut fastrand::Rng,
        day: NaiveDate,
    ) -> Result<()> {
        let mut i = 0;
        while i < self.out.len() {
            let (_, copy_id, back) = self.out[i];
            if back.is_some_and(|b| b <= day) {
                tx.set_now(at_office_time(day, 9, 10 + rng.u32(0..50)));
                let copy = crate::catalog::get_copy(tx, copy_id)?;
                circulation::take_back(tx, &copy, day)?;
                self.out.swap_remove(i);
            } else {
                i += 1;
            }
        }
        Ok(())
    }

    /// Renewals a few days before the due date.
    fn renewals(
        &mut self,
        tx: &mut WriteTx<'_>,
        rng: &mut fastrand::Rng,
        day: NaiveDate,
    ) -> Result<()> {
        for (loan_id, _, back) in self.out.iter_mut() {
            let loan = circulation::get_loan(tx, *loan_id, day)?;
            let due: NaiveDate = loan.due_on.parse().expect("stored date");
            if loan.renewals == 0 && due - Days::new(3) == day && rng.u8(0..100) < 30 {
                tx.set_now(at_office_time(day, 10, rng.u32(0..59)));
                if let Ok(renewed) = circulation::renew_in(tx, *loan_id, day) {
                    let new_due: NaiveDate = renewed.due_on.parse().expect("stored date");
                    if back.is_some() {
                        *back = Some(new_due - Days::new(rng.u64(1..10)));
                    }
                }
            }
        }
        Ok(())
    }

    /// New loans through the day; fewer in the reading room's quiet weeks.
    /// How many were lent.
    fn new_loans(
        &mut self,
        tx: &mut WriteTx<'_>,
        rng: &mut fastrand::Rng,
        day: NaiveDate,
    ) -> Result<usize> {
        let mut lent = 0;
        for n in 0..rng.usize(0..4) {
            let person = get_person(tx, self.regulars[rng.usize(0..self.regulars.len())])?;
            let title = rng.i64(self.titles.clone());
            let Some(copy_id) = circulation::find_free_copy(tx, title)? else {
                continue;
            };
            let copy = crate::catalog::get_copy(tx, copy_id)?;
            tx.set_now(at_office_time(day, 11 + n as u32 * 2, rng.u32(0..59)));
            // A refusal (limit reached) is what the desk would say; the demo moves on.
            let Ok(loan) = circulation::lend(tx, &person, &copy, day) else {
                continue;
            };
            lent += 1;
            let due: NaiveDate = loan.due_on.parse().expect("stored date");
            // Some are kept out (overdue now) — only of the last three
            // months: older ones a reading room has long since chased back.
            // The first three lent two to three months ago always are, so
            // the desk has overdue books whatever the day the demo is loaded
            // (renewed once, they were still due more than a week ago).
            let age = self.today - day;
            let recent = age <= chrono::Duration::days(90);
            let overdue_for_sure = recent && age >= chrono::Duration::days(70) && self.kept_out < 3;
            let back = match rng.u8(0..100) {
                _ if overdue_for_sure => None,
                0..=9 if recent => None,
                0..=21 => Some(due + Days::new(rng.u64(2..20))),
                _ => Some(day + Days::new(rng.u64(5..=(due - day).num_days().max(6) as u64))),
            };
            self.kept_out += usize::from(overdue_for_sure);
            self.out.push((loan.id, copy.id, back));
        }
        Ok(lent)
    }

    /// Holds: people wait for books out on loan; two are on books on the
    /// shelf, set aside at once to collect. How many were placed.
    fn holds(&self, tx: &mut WriteTx<'_>, rng: &mut fastrand::Rng) -> Result<usize> {
        let today = self.today;
        tx.set_now(at_office_time(today - Days::new(6), 14, 20));
        let mut holds = 0;
        for (loan_id, _, _) in self.out.iter().take(12) {
            let loan = circulation::get_loan(tx, *loan_id, today)?;
            let who = self.regulars[rng.usize(0..self.regulars.len())];
            if who != loan.person_id
                && circulation::place_hold_in(tx, loan.title_id, who, today - Days::new(6)).is_ok()
            {
                holds += 1;
            }
            if holds >= 6 {
                break;
            }
        }
        tx.set_now(at_office_time(today - Days::new(2), 15, 5));
        for _ in 0..10 {
            let who = self.regulars[rng.usize(0..self.regulars.len())];
            let title = rng.i64(self.titles.clone());
            if circulation::find_free_copy(tx, title)?.is_some()
                && circulation::place_hold_in(tx, title, who, today - Days::new(2)).is_ok()
            {
                holds += 1;
                if holds >= 8 {
                    break;
                }
            }
        }
        Ok(holds)
    }
}

/// Counts two shelves: every copy found but two, one on the wrong shelf.
fn stocktake(
    tx: &mut WriteTx<'_>,
    rng: &mut fastrand::Rng,
    day: NaiveDate,
    open: &crate::calendar::OpenDays,
) -> Result<()> {
    let shelves: Vec<String> = crate::stocktake::list_locations(tx)?
        .into_iter()
        .map(|(l, _)| l)
        .filter(|l| l.starts_with('D'))
        .take(2)
        .collect();
    if shelves.is_empty() {
        return Ok(());
    }
    tx.set_now(at_office_time(day, 16, 0));
    let st = crate::stocktake::start_in(
        tx,
        &format!(
            "{}年{}季度政治类书架盘点",
            day.format("%Y"),
            (day.format("%m").to_string().parse::<u32>().unwrap_or(1) - 1) / 3 + 1
        ),
        &shelves,
    )?;
    let items = crate::stocktake::list_expected(tx, st.id)?;
    let skip_a = rng.usize(0..items.len().max(1));
    let skip_b = rng.usize(0..items.len().max(1));
    for (i, (barcode, location, status)) in items.iter().enumerate() {
        if i == skip_a || i == skip_b || status == "on_loan" {
            continue;
        }
        // One copy put back on the neighbouring shelf.
        let shelf = if i == 1 && shelves.len() > 1 {
            shelves.iter().find(|s| Some(*s) != location.as_ref())
        } else {
            location.as_ref()
        };
        tx.set_now(at_office_time(day, 16, 5 + (i % 50) as u32));
        crate::stocktake::scan_in(tx, st.id, shelf.map(String::as_str), barcode)?;
    }
    tx.set_now(at_office_time(open.on_or_after(day + Days::new(1)), 10, 0));
    crate::stocktake::finish_in(tx, st.id, true)?;
    Ok(())
}
