//! Recurrence of a series: weekly (every n weeks on chosen weekdays) or
//! monthly (by day of month, or by nth / last weekday), ending on a date or
//! after a number of sessions, skipping listed holidays and chosen dates.
//!
//! Decisions: a day of month a month lacks (31 in April, 30 in February)
//! falls on that month's last day, as an organizer means "每月30日"; a 5th
//! weekday a month lacks is no session that month; the count counts sessions
//! actually held, so a skipped holiday does not use one up.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::OpenDays;
use crate::error::{Error, Result};

/// The most sessions one series may generate, and how far ahead it may run.
pub const MAX_OCCURRENCES: usize = 400;
const MAX_YEARS: i32 = 5;

/// Which dates a series falls on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pattern {
    /// Every `every` weeks on the ISO weekdays (1 = Monday … 7 = Sunday).
    Weekly { every: u32, weekdays: Vec<u8> },
    /// Every `every` months on day `day` (1–31; a short month's last day).
    MonthlyDay { every: u32, day: u8 },
    /// Every `every` months on the `nth` (1–5, or -1 = last) `weekday`.
    MonthlyWeekday { every: u32, nth: i8, weekday: u8 },
}

/// When a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum End {
    /// The last date a session may fall on.
    Until { date: NaiveDate },
    /// How many sessions (skipped dates not counted).
    Count { count: u32 },
}

/// A series' rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub pattern: Pattern,
    /// The first date it may fall on.
    pub start: NaiveDate,
    pub end: End,
    /// Skip the holidays of the office calendar.
    #[serde(default = "yes")]
    pub skip_holidays: bool,
    /// Dates left out by hand.
    #[serde(default)]
    pub skip: Vec<NaiveDate>,
}

fn yes() -> bool {
    true
}

/// One generated date: a session, or a date skipped and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub date: NaiveDate,
    /// Why no session is held on this date, if none is.
    pub skipped: Option<String>,
    /// How the date was adjusted (a short month), if it was.
    pub note: Option<String>,
}

fn weekday(n: u8) -> Option<Weekday> {
    match n {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    }
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_next
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

/// The `nth` (-1 = last) `weekday` of a month, if the month has one.
pub fn nth_weekday(year: i32, month: u32, nth: i8, weekday: Weekday) -> Option<NaiveDate> {
    if nth == -1 {
        let last = NaiveDate::from_ymd_opt(year, month, last_day_of_month(year, month))?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        return last.checked_sub_days(Days::new(back.into()));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(nth).ok()?)
}

impl Recurrence {
    fn validate(&self) -> Result<()> {
        let bad = |m: &str| Err(Error::invalid("recurrence", m.to_owned()));
        match &self.pattern {
            Pattern::Weekly { every, weekdays } => {
                if !(1..=52).contains(every) {
                    return bad("每隔几周应为 1 到 52。");
                }
                if weekdays.is_empty() || weekdays.iter().any(|d| weekday(*d).is_none()) {
                    return bad("请选择每周的哪几天。");
                }
            }
            Pattern::MonthlyDay { every, day } => {
                if !(1..=12).contains(every) || !(1..=31).contains(day) {
                    return bad("每月的日期应为 1 到 31 日，间隔 1 到 12 个月。");
                }
            }
            Pattern::MonthlyWeekday {
                every,
                nth,
                weekday: w,
            } => {
                if !(1..=12).contains(every)
                    || !(*nth == -1 || (1..=5).contains(nth))
                    || weekday(*w).is_none()
                {
                    return bad("请选择每月第几个星期几（第 1–5 个或最后一个）。");
                }
            }
        }
        match self.end {
            End::Until { date } if date < self.start => bad("结束日期早于开始日期。"),
            End::Count { count } if count == 0 || count as usize > MAX_OCCURRENCES => {
                bad(&format!("次数应为 1 到 {MAX_OCCURRENCES}。"))
            }
            _ => Ok(()),
        }
    }

    /// The candidate dates in order, before holidays and ends are applied,
    /// with a note when a date was moved to a short month's last day.
    fn candidates(&self) -> impl Iterator<Item = (NaiveDate, Option<String>)> + '_ {
        let horizon = self
            .start
            .with_year(self.start.year() + MAX_YEARS)
            .unwrap_or(self.start);
        let start = self.start;
        let mut out: Box<dyn Iterator<Item = (NaiveDate, Option<String>)>> = match &self.pattern {
            Pattern::Weekly { every, weekdays } => {
                let mut days: Vec<u8> = weekdays.clone();
                days.sort_unstable();
                days.dedup();
                let monday = start - Days::new(start.weekday().num_days_from_monday().into());
                let every = u64::from(*every);
                Box::new(
                    (0u64..)
                        .map_while(move |week| {
                            let base = monday.checked_add_days(Days::new(week * every * 7))?;
                            (base <= horizon).then(|| {
                                days.iter()
                                    .map(|d| (base + Days::new(u64::from(*d) - 1), None))
                                    .collect::<Vec<_>>()
                            })
                        })
                        .flatten(),
                )
            }
            Pattern::MonthlyDay { every, day } => {
                let (every, day) = (*every, u32::from(*day));
                let first = start.with_day(1).expect("day 1 exists");
                Box::new((0u32..).map_while(move |k| {
                    let month = first.checked_add_months(Months::new(k * every))?;
                    (month <= horizon).then(|| {
                        let last = last_day_of_month(month.year(), month.month());
                        let d = month.with_day(day.min(last)).expect("clamped day exists");
                        let note = (day > last)
                            .then(|| format!("{}月没有{}日，改在{}日", month.month(), day, last));
                        (d, note)
                    })
                }))
            }
            Pattern::MonthlyWeekday {
                every,
                nth,
                weekday: w,
            } => {
                let (every, nth, w) = (*every, *nth, weekday(*w).expect("validated"));
                let first = start.with_day(1).expect("day 1 exists");
                Box::new(
                    (0u32..)
                        .map_while(move |k| {
                            let month = first.checked_add_months(Months::new(k * every))?;
                            (month <= horizon)
                                .then(|| nth_weekday(month.year(), month.month(), nth, w))
                        })
                        .flatten()
                        .map(|d| (d, None)),
                )
            }
        };
        std::iter::from_fn(move || out.next()).filter(move |(d, _)| *d >= start && *d <= horizon)
    }

    /// Every date of the series: the sessions, and the dates skipped (with
    /// why), for the preview. Skipped dates do not count towards a count.
    pub fn expand(&self, days: &OpenDays) -> Result<Vec<Occurrence>> {
        self.validate()?;
        let mut out = Vec::new();
        let mut held = 0usize;
        for (date, note) in self.candidates() {
            match self.end {
                End::Until { date: until } if date > until => break,
                End::Count { count } if held >= count as usize => break,
                _ => {}
            }
            let skipped = if self.skip.contains(&date) {
                Some("手动跳过".to_owned())
            } else if self.skip_holidays && days.is_holiday(date) {
                let name = days
                    .days
                    .iter()
                    .find(|d| d.day == date)
                    .map(|d| d.name.clone())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "节假日".into());
                Some(format!("{name}，跳过"))
            } else {
                None
            };
            if skipped.is_none() {
                held += 1;
            }
            out.push(Occurrence {
                date,
                skipped,
                note,
            });
            if held > MAX_OCCURRENCES {
                return Err(Error::invalid(
                    "recurrence",
                    format!("一个系列最多 {MAX_OCCURRENCES} 次活动，请缩短时间范围。"),
                ));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{CalendarDay, DayKind};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn held(r: &Recurrence, days: &OpenDays) -> Vec<String> {
        r.expand(days)
            .unwrap()
            .into_iter()
            .filter(|o| o.skipped.is_none())
            .map(|o| o.date.to_string())
            .collect()
    }

    fn none() -> OpenDays {
        OpenDays::new(vec![6, 7], vec![])
    }

    #[test]
    fn the_last_thursday_of_every_month() {
        let r = Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: -1,
                weekday: 4,
            },
            start: d("2026-01-01"),
            end: End::Until {
                date: d("2026-06-30"),
            },
            skip_holidays: true,
            skip: vec![],
        };
        assert_eq!(
            held(&r, &none()),
            [
                "2026-01-29",
                "2026-02-26",
                "2026-03-26",
                "2026-04-30",
                "2026-05-28",
                "2026-06-25"
            ]
        );
    }

    #[test]
    fn the_second_tuesday_and_a_fifth_weekday_only_where_a_month_has_one() {
        let r = Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: 2,
                weekday: 2,
            },
            start: d("2026-11-11"),
            end: End::Count { count: 3 },
            skip_holidays: true,
            skip: vec![],
        };
        // 10 November is before the start: the first is 8 December.
        assert_eq!(
            held(&r, &none()),
            ["2026-12-08", "2027-01-12", "2027-02-09"]
        );
        let fifth = Recurrence {
            pattern: Pattern::MonthlyWeekday {
                every: 1,
                nth: 5,
                weekday: 5,
            },
            start: d("2026-01-01"),
            end: End::Until {
                date: d("2026-06-30"),
            },
            skip_holidays: true,
            skip: vec![],
        };
        assert_eq!(held(&fifth, &none()), ["2026-01-30", "2026-05-29"]);
    }

    #[test]
    fn a_day_a_month_lacks_falls_on_its_last_day() {
        let r = Recurrence {
            pattern: Pattern::MonthlyDay { every: 1, day: 31 },
            start: d("2026-01-15"),
            end: End::Count { count: 4 },
            skip_holidays: true,
            skip: vec![],
        };
        let all = r.expand(&none()).unwrap();
        let dates: Vec<String> = all.iter().map(|o| o.date.to_string()).collect();
        assert_eq!(
            dates,
            ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
        );
        assert_eq!(all[1].note.as_deref(), Some("2月没有31日，改在28日"));
        // Every second month, a leap February.
        let r = Recurrence {
            pattern: Pattern::MonthlyDay { every: 2, day: 30 },
            start: d("2027-12-01"),
            end: End::Count { count: 2 },
            skip_holidays: true,
            skip: vec![],
        };
        assert_eq!(held(&r, &none()), ["2027-12-30", "2028-02-29"]);
    }

    #[test]
    fn weekly_every_other_week_on_two_days() {
        let r = Recurrence {
            pattern: Pattern::Weekly {
                every: 2,
                weekdays: vec![3, 1],
            },
            start: d("2026-11-25"), // a Wednesday
            end: End::Until {
                date: d("2026-12-24"),
            },
            skip_holidays: true,
            skip: vec![],
        };
        // Monday 23 is before the start; then the week of 7 December, 21 December.
        assert_eq!(
            held(&r, &none()),
            [
                "2026-11-25",
                "2026-12-07",
                "2026-12-09",
                "2026-12-21",
                "2026-12-23"
            ]
        );
    }

    #[test]
    fn holidays_and_chosen_dates_are_skipped_and_a_count_counts_sessions_held() {
        let days = OpenDays::new(
            vec![6, 7],
            vec![CalendarDay {
                day: d("2026-10-01"),
                kind: DayKind::Holiday,
                name: "国庆节".into(),
            }],
        );
        let r = Recurrence {
            pattern: Pattern::Weekly {
                every: 1,
                weekdays: vec![4],
            },
            start: d("2026-09-24"),
            end: End::Count { count: 3 },
            skip_holidays: true,
            skip: vec![d("2026-10-08")],
        };
        let all = r.expand(&days).unwrap();
        let shown: Vec<(String, Option<String>)> = all
            .iter()
            .map(|o| (o.date.to_string(), o.skipped.clone()))
            .collect();
        assert_eq!(
            shown,
            [
                ("2026-09-24".into(), None),
                ("2026-10-01".into(), Some("国庆节，跳过".into())),
                ("2026-10-08".into(), Some("手动跳过".into())),
                ("2026-10-15".into(), None),
                ("2026-10-22".into(), None),
            ]
        );
        // With until instead of count, the same skips, ended by the date.
        let r = Recurrence {
            end: End::Until {
                date: d("2026-10-15"),
            },
            skip_holidays: false,
            ..r
        };
        assert_eq!(held(&r, &days), ["2026-09-24", "2026-10-01", "2026-10-15"]);
    }

    #[test]
    fn bad_rules_are_refused_in_words() {
        let r = Recurrence {
            pattern: Pattern::Weekly {
                every: 1,
                weekdays: vec![],
            },
            start: d("2026-01-01"),
            end: End::Count { count: 3 },
            skip_holidays: true,
            skip: vec![],
        };
        assert!(
            r.expand(&none())
                .unwrap_err()
                .to_string()
                .contains("哪几天")
        );
        let r = Recurrence {
            pattern: Pattern::MonthlyDay { every: 1, day: 1 },
            end: End::Until {
                date: d("2025-01-01"),
            },
            ..r
        };
        assert_eq!(r.expand(&none()).unwrap_err().code(), "invalid");
    }
}
