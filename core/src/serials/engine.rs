//! The 刊期 engine: a pure function of a subscription's pattern and the
//! office calendar that predicts the whole period's issues at once —
//! weekday sets (日报, 周六刊 …), days of the month (旬刊, 半月刊, 月刊),
//! months (双月刊 … 年刊), with 合刊 consuming numbers, 休刊 and the
//! office's holidays dropping dates — numbered 当年期号 per year and 总期号
//! onwards, labelled the way Chinese periodicals are.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The 刊期 presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    日报,
    周六刊,
    周五刊,
    周三刊,
    周二刊,
    周刊,
    旬刊,
    半月刊,
    月刊,
    双月刊,
    季刊,
    半年刊,
    年刊,
    不定期,
}

impl Frequency {
    pub const ALL: &[Frequency] = &[
        Frequency::日报,
        Frequency::周六刊,
        Frequency::周五刊,
        Frequency::周三刊,
        Frequency::周二刊,
        Frequency::周刊,
        Frequency::旬刊,
        Frequency::半月刊,
        Frequency::月刊,
        Frequency::双月刊,
        Frequency::季刊,
        Frequency::半年刊,
        Frequency::年刊,
        Frequency::不定期,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Frequency::日报 => "日报",
            Frequency::周六刊 => "周六刊",
            Frequency::周五刊 => "周五刊",
            Frequency::周三刊 => "周三刊",
            Frequency::周二刊 => "周二刊",
            Frequency::周刊 => "周刊",
            Frequency::旬刊 => "旬刊",
            Frequency::半月刊 => "半月刊",
            Frequency::月刊 => "月刊",
            Frequency::双月刊 => "双月刊",
            Frequency::季刊 => "季刊",
            Frequency::半年刊 => "半年刊",
            Frequency::年刊 => "年刊",
            Frequency::不定期 => "不定期",
        }
    }

    /// A 刊期 as printed or as people write it: 月刊, 月, 每月, 周五刊,
    /// 周刊(五), 双周刊 is not a preset (half-monthly is 半月刊).
    pub fn parse(text: &str) -> Result<Frequency> {
        let t: String = text.split_whitespace().collect();
        let t = t.trim_end_matches(['（', '(']).to_owned();
        let found = match t.as_str() {
            "日报" | "日刊" | "每日" | "日" | "daily" => Some(Frequency::日报),
            "周六刊" | "周6刊" => Some(Frequency::周六刊),
            "周五刊" | "周5刊" => Some(Frequency::周五刊),
            "周三刊" | "周3刊" => Some(Frequency::周三刊),
            "周二刊" | "周2刊" => Some(Frequency::周二刊),
            "周刊" | "周报" | "每周" | "周" | "weekly" => Some(Frequency::周刊),
            "旬刊" | "旬" => Some(Frequency::旬刊),
            "半月刊" | "半月" => Some(Frequency::半月刊),
            "月刊" | "月" | "每月" | "monthly" => Some(Frequency::月刊),
            "双月刊" | "双月" => Some(Frequency::双月刊),
            "季刊" | "季" => Some(Frequency::季刊),
            "半年刊" | "半年" => Some(Frequency::半年刊),
            "年刊" | "年" | "每年" => Some(Frequency::年刊),
            "不定期" | "不定期刊" => Some(Frequency::不定期),
            _ => None,
        };
        found.ok_or_else(|| {
            let names: Vec<&str> = Frequency::ALL.iter().map(|f| f.name()).collect();
            Error::invalid(
                "frequency",
                format!("刊期“{text}”不认识，应为 {}。", names.join("、")),
            )
        })
    }

    /// The weekdays (1 = Monday) a weekly kind comes out on by default.
    fn default_weekdays(self) -> &'static [u32] {
        match self {
            Frequency::日报 => &[1, 2, 3, 4, 5, 6, 7],
            Frequency::周六刊 => &[1, 2, 3, 4, 5, 6],
            Frequency::周五刊 => &[1, 2, 3, 4, 5],
            Frequency::周三刊 => &[1, 3, 5],
            Frequency::周二刊 => &[2, 5],
            Frequency::周刊 => &[5],
            _ => &[],
        }
    }

    fn weekly(self) -> bool {
        !self.default_weekdays().is_empty()
    }

    fn default_days(self) -> &'static [u32] {
        match self {
            Frequency::旬刊 => &[5, 15, 25],
            Frequency::半月刊 => &[1, 16],
            Frequency::月刊
            | Frequency::双月刊
            | Frequency::季刊
            | Frequency::半年刊
            | Frequency::年刊 => &[10],
            _ => &[],
        }
    }

    fn default_months(self) -> &'static [u32] {
        match self {
            Frequency::双月刊 => &[1, 3, 5, 7, 9, 11],
            Frequency::季刊 => &[1, 4, 7, 10],
            Frequency::半年刊 => &[1, 7],
            Frequency::年刊 => &[1],
            Frequency::旬刊 | Frequency::半月刊 | Frequency::月刊 => {
                &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
            }
            _ => &[],
        }
    }
}

/// A subscription's pattern and period, as the engine reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub frequency: Frequency,
    /// Weekdays (1 = Monday … 7 = Sunday) for the weekly kinds; empty for the preset's.
    pub weekdays: Vec<u32>,
    /// Days of the month; empty for the preset's. A day past a month's end
    /// is its last day.
    pub days: Vec<u32>,
    /// Months (1–12); empty for the preset's.
    pub months: Vec<u32>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The first issue's 当年期号 (later years start at 1).
    pub first_issue: u32,
    /// The first issue's 总期号, when the periodical numbers them.
    pub first_total: Option<u32>,
    /// 合刊: 当年期号 ranges published as one issue, every year.
    pub combine: Vec<(u32, u32)>,
    /// 休刊: date ranges without issues (numbers not consumed).
    pub skip: Vec<(NaiveDate, NaiveDate)>,
    /// The office's holidays off (newspapers).
    pub holiday_pause: bool,
    /// Days between publication and arrival.
    pub transit_days: u32,
}

/// One predicted issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Predicted {
    pub issue_no: (u32, u32),
    pub total_no: Option<(u32, u32)>,
    pub published_on: NaiveDate,
    pub expected_on: NaiveDate,
    pub label: String,
}

/// `2027年第7-8期（总第307-308期）`, `2027年第7期`.
pub fn label(year: i32, issue: (u32, u32), total: Option<(u32, u32)>) -> String {
    let range = |(a, b): (u32, u32)| {
        if a == b {
            a.to_string()
        } else {
            format!("{a}-{b}")
        }
    };
    match total {
        Some(t) => format!("{year}年第{}期（总第{}期）", range(issue), range(t)),
        None => format!("{year}年第{}期", range(issue)),
    }
}

fn last_day_of(year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .expect("a month has a last day")
}

fn check(plan: &Plan) -> Result<()> {
    if plan.from > plan.to {
        return Err(Error::invalid("to", "订阅的结束日期早于开始日期。"));
    }
    if (plan.to - plan.from).num_days() > 366 * 5 {
        return Err(Error::invalid("to", "一次订阅最长五年，请按年分开订阅。"));
    }
    if plan.weekdays.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::invalid("days", "星期应为 1 到 7（星期一为 1）。"));
    }
    if plan.days.iter().any(|d| !(1..=31).contains(d)) {
        return Err(Error::invalid("days", "日期应为每月的 1 到 31 日。"));
    }
    if plan.months.iter().any(|m| !(1..=12).contains(m)) {
        return Err(Error::invalid("months", "月份应为 1 到 12。"));
    }
    if let Some((a, b)) = plan.combine.iter().find(|(a, b)| a >= b || *a == 0) {
        return Err(Error::invalid(
            "combine",
            format!("合刊“{a}-{b}”不对：应为前小后大的两个期号，如 7-8。"),
        ));
    }
    Ok(())
}

/// The dates the pattern gives in the period, before exceptions.
fn pattern_dates(plan: &Plan) -> Vec<NaiveDate> {
    let f = plan.frequency;
    let mut out = Vec::new();
    if f == Frequency::不定期 {
        return out;
    }
    if f.weekly() {
        let weekdays: &[u32] = if plan.weekdays.is_empty() {
            f.default_weekdays()
        } else {
            &plan.weekdays
        };
        let mut d = plan.from;
        while d <= plan.to {
            if weekdays.contains(&d.weekday().number_from_monday()) {
                out.push(d);
            }
            d = d + Days::new(1);
        }
        return out;
    }
    let days: &[u32] = if plan.days.is_empty() {
        f.default_days()
    } else {
        &plan.days
    };
    let months: &[u32] = if plan.months.is_empty() {
        f.default_months()
    } else {
        &plan.months
    };
    for year in plan.from.year()..=plan.to.year() {
        for &m in months {
            let last = last_day_of(year, m);
            let mut in_month: Vec<NaiveDate> = days
                .iter()
                .map(|&d| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(last))
                .collect();
            in_month.sort();
            in_month.dedup();
            out.extend(
                in_month
                    .into_iter()
                    .filter(|d| *d >= plan.from && *d <= plan.to),
            );
        }
    }
    out.sort();
    out
}

/// Predicts every issue of the plan's period. `holiday` says whether the
/// office is closed for a holiday on a day (used when `holiday_pause`).
pub fn predict(plan: &Plan, holiday: &dyn Fn(NaiveDate) -> bool) -> Result<Vec<Predicted>> {
    check(plan)?;
    let dates = pattern_dates(plan).into_iter().filter(|d| {
        let paused = plan.skip.iter().any(|(a, b)| d >= a && d <= b);
        let closed = plan.holiday_pause && holiday(*d);
        !paused && !closed
    });
    let mut out: Vec<Predicted> = Vec::new();
    let mut year = plan.from.year();
    let mut issue = plan.first_issue;
    let mut total = plan.first_total;
    // The dates still to be swallowed by the 合刊 being built.
    let mut swallow = 0u32;
    for date in dates {
        if date.year() != year {
            year = date.year();
            issue = 1;
            swallow = 0;
        }
        if swallow > 0 {
            swallow -= 1;
            continue;
        }
        let (to, extra) = match plan.combine.iter().find(|(a, _)| *a == issue) {
            Some((a, b)) => (*b, b - a),
            None => (issue, 0),
        };
        let total_range = total.map(|t| (t, t + extra));
        out.push(Predicted {
            issue_no: (issue, to),
            total_no: total_range,
            published_on: date,
            expected_on: date + Days::new(u64::from(plan.transit_days)),
            label: label(year, (issue, to), total_range),
        });
        swallow = extra;
        issue = to + 1;
        total = total.map(|t| t + extra + 1);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
