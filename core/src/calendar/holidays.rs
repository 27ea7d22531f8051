//! Next year's holidays and make-up working days (放假调休) from a file, as
//! office IT receives them: the State Council's notice pasted into a text
//! file (“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）
//! 上班。”), a plain list (“2027-10-01 至 2027-10-07 国庆节 休”, one per
//! line, in a .txt or .csv from Excel), or an .ics calendar of holidays.
//! Read first, all or nothing: a dry run says what would be listed; the
//! import lists every day in one action. And each December, a reminder
//! while next year has no days listed.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{CalendarDay, DayKind};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};

/// What a holiday file gave (or, in a dry run, would give).
#[derive(Debug, Clone, Serialize)]
pub struct HolidayReport {
    pub days: Vec<CalendarDay>,
    pub holidays: usize,
    pub workdays: usize,
    /// Whether the days were listed (false for a dry run).
    pub committed: bool,
}

/// Reads a holiday file (its bytes, UTF-8 or GB18030; an .ics is known by
/// its content) into the days it lists, by date.
pub fn read_holiday_file(bytes: &[u8]) -> Result<Vec<CalendarDay>> {
    let text = crate::import::decode_text(bytes)?;
    let mut days = if text.contains("BEGIN:VCALENDAR") {
        read_ics(&text)?
    } else {
        read_text(&text)?
    };
    if days.is_empty() {
        return Err(Error::invalid(
            "file",
            "文件里没有找到日期。请用国务院放假通知的原文、每行一个日期（如“2027-10-01 至 2027-10-07 国庆节 休”）的清单，或节假日 .ics 日历。",
        ));
    }
    days.sort_by_key(|d| d.day);
    // A later line for the same day wins (a correction below the first).
    days.reverse();
    days.dedup_by_key(|d| d.day);
    days.reverse();
    Ok(days)
}

/// Lists the days of a holiday file, as one action (or, with `dry_run`,
/// says what it would list and changes nothing).
pub fn import_holidays(
    db: &Db,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<HolidayReport> {
    import_holidays_and(db, actor, file_name, bytes, dry_run, &|_, _, _| Ok(0))
}

/// [`import_holidays`], and what `follows` from the days it changed in the
/// same action.
pub fn import_holidays_and(
    db: &Db,
    actor: &Actor,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
    follows: super::DaysChanged<'_>,
) -> Result<HolidayReport> {
    let days = read_holiday_file(bytes)?;
    let holidays = days.iter().filter(|d| d.kind == DayKind::Holiday).count();
    let workdays = days.len() - holidays;
    if !dry_run {
        db.write(actor, |tx| {
            tx.audit_as_one_entry();
            for d in &days {
                super::store::put_calendar_day(tx, d)?;
            }
            if let (Some(first), Some(last)) = (
                days.iter().map(|d| d.day).min(),
                days.iter().map(|d| d.day).max(),
            ) {
                follows(tx, first, last)?;
            }
            tx.audit_action(
                crate::Action::Import,
                crate::Entity::Calendar,
                &format!("从 {file_name} 导入节假日：放假 {holidays} 天，调休上班 {workdays} 天"),
            )
        })?;
    }
    Ok(HolidayReport {
        days,
        holidays,
        workdays,
        committed: !dry_run,
    })
}

/// In December, while next year has no holiday listed, what to remind the
/// librarian of; `None` otherwise.
pub fn holiday_reminder(db: &Db) -> Result<Option<String>> {
    let today = db.clock().today();
    if today.month() != 12 {
        return Ok(None);
    }
    let next = today.year() + 1;
    let listed = db.read(|tx| super::store::list_calendar_days(tx))?;
    if listed.iter().any(|d| d.day.year() == next) {
        return Ok(None);
    }
    Ok(Some(format!(
        "还没有 {next} 年的节假日。国务院公布放假安排后，请在“设置 → 开馆日”中导入（通知原文、清单或 .ics 均可），到期日和开馆日才会避开假期。"
    )))
}

/// The kind a piece of text says: 上班 / 补班 / 调休上班 is a working day,
/// anything else (放假, 休) a holiday.
fn kind_of(text: &str) -> DayKind {
    if text.contains('班') || text.contains("工作日") {
        DayKind::Workday
    } else {
        DayKind::Holiday
    }
}

/// The words of a line that name the holiday: what is left of it without
/// dates, numbering, weekdays and the words for the kind.
fn name_of(text: &str) -> String {
    let mut name = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '周' | '星') {
            // 周六 / 星期六: drop with the next one or two characters.
            let skip = if c == '星' { 2 } else { 1 };
            for _ in 0..skip {
                chars.next();
            }
            continue;
        }
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            name.push(c);
        }
    }
    for word in [
        "国务院办公厅关于",
        "部分节假日安排的通知",
        "放假调休",
        "调休上班",
        "放假",
        "调休",
        "补班",
        "上班",
        "工作日",
        "共",
        "天",
        "年",
        "月",
        "日",
        "至",
        "到",
        "休",
        "班",
        "一",
        "二",
        "三",
        "四",
        "五",
        "六",
        "七",
    ] {
        name = name.replace(word, "");
    }
    name.chars().take(20).collect()
}

/// A date mention in a line: where it ends, and the date (the year may be
/// the text's, the month the one before).
#[derive(Debug, Clone, Copy)]
struct Mention {
    end: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
}

/// Every date mention in `line`: `2027-10-01`, `2027/10/1`, `2027.10.1`,
/// `2027年10月1日`, `10月1日`, and `3日` (a day of the month before).
fn mentions(line: &str) -> Vec<(usize, Mention)> {
    let chars: Vec<char> = line.chars().collect();
    let number = |at: usize| -> Option<(u32, usize)> {
        let mut end = at;
        while end < chars.len() && chars[end].is_ascii_digit() && end - at < 4 {
            end += 1;
        }
        (end > at).then(|| {
            let n: String = chars[at..end].iter().collect();
            (n.parse().unwrap_or(0), end)
        })
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let Some((first, after)) = number(i) else {
            i += 1;
            continue;
        };
        let at = |k: usize| chars.get(k).copied();
        let start = i;
        // 2027-10-01, 2027/10/1, 2027.10.1
        if after - i == 4
            && matches!(at(after), Some('-' | '/' | '.'))
            && let Some((m, a2)) = number(after + 1)
            && at(a2) == at(after)
            && let Some((d, a3)) = number(a2 + 1)
        {
            found.push((
                start,
                Mention {
                    end: a3,
                    year: Some(first as i32),
                    month: Some(m),
                    day: d,
                },
            ));
            i = a3;
            continue;
        }
        // 2027年10月1日 / 10月1日 / 3日
        let (year, month_at) = if after - i == 4 && at(after) == Some('年') {
            (Some(first as i32), after + 1)
        } else {
            (None, i)
        };
        if let Some((m, a2)) = number(month_at)
            && at(a2) == Some('月')
            && let Some((d, a3)) = number(a2 + 1)
            && at(a3) == Some('日')
        {
            found.push((
                start,
                Mention {
                    end: a3 + 1,
                    year,
                    month: Some(m),
                    day: d,
                },
            ));
            i = a3 + 1;
            continue;
        }
        if year.is_none() && at(after) == Some('日') {
            found.push((
                start,
                Mention {
                    end: after + 1,
                    year: None,
                    month: None,
                    day: first,
                },
            ));
            i = after + 1;
            continue;
        }
        i = after;
    }
    found
}

/// The year a notice or list is about: `2027年部分节假日`, else the first
/// four-digit year it names.
fn year_of(text: &str) -> Option<i32> {
    if let Some(at) = text.find("年部分节假日") {
        let before: String = text[..at]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let year: String = before.chars().rev().collect();
        if let Ok(y) = year.parse() {
            return Some(y);
        }
    }
    text.split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 4)
        .and_then(|w| w.parse().ok())
        .filter(|y| (1990..=2200).contains(y))
}

/// Days from text: each clause (a line, or a sentence of the notice) with
/// its dates and ranges, its kind and its name.
fn read_text(text: &str) -> Result<Vec<CalendarDay>> {
    let year = year_of(text).ok_or_else(|| {
        Error::invalid(
            "file",
            "文件里没有写年份。请写完整日期（如 2027-10-01），或保留通知标题中的“2027年”。",
        )
    })?;
    let mut days = Vec::new();
    for line in text.lines() {
        // The item's name (一、元旦：…) serves every clause of the line.
        let item_name = line
            .split_once(['：', ':'])
            .map(|(head, _)| name_of(head))
            .filter(|n| !n.is_empty());
        for clause in line.split(['。', '；', ';']) {
            // The title, and what the notice only encourages (安排职工在
            // 除夕休息) rather than gives.
            if clause.contains("部分节假日安排") || clause.contains("鼓励") {
                continue;
            }
            let found = mentions(clause);
            if found.is_empty() {
                continue;
            }
            // The notice's own date under its signature (国务院办公厅 /
            // 2024年11月12日): a bare date of another year.
            if item_name.is_none()
                && name_of(clause).is_empty()
                && found.iter().all(|(_, m)| m.year.is_some_and(|y| y != year))
            {
                continue;
            }
            let kind = kind_of(clause);
            let name = item_name.clone().unwrap_or_else(|| name_of(clause));
            let chars: Vec<char> = clause.chars().collect();
            let mut last: Option<NaiveDate> = None;
            let mut previous_end = 0;
            for (start, m) in found {
                let between: String = chars[previous_end.min(start)..start].iter().collect();
                let ranged = last.is_some()
                    && ["至", "到", "~", "～", "—", "–", "..", "－", "-"]
                        .iter()
                        .any(|w| between.contains(w));
                let month = m.month.or(last.map(|d| d.month())).unwrap_or(1);
                let y = m.year.unwrap_or(last.map_or(year, |d| d.year()));
                let date = NaiveDate::from_ymd_opt(y, month, m.day).ok_or_else(|| {
                    Error::invalid("file", format!("“{}”里的日期不存在。", clause.trim()))
                })?;
                match (ranged, last) {
                    (true, Some(from)) if date >= from && (date - from).num_days() <= 31 => {
                        let mut d = from;
                        while d < date {
                            d = d.succ_opt().expect("a date after another has a next day");
                            days.push(CalendarDay {
                                day: d,
                                kind,
                                name: name.clone(),
                            });
                        }
                    }
                    _ => days.push(CalendarDay {
                        day: date,
                        kind,
                        name: name.clone(),
                    }),
                }
                last = Some(date);
                previous_end = m.end;
            }
        }
    }
    Ok(days)
}

/// Days from an .ics calendar of holidays: each all-day event, from its
/// start to the day before its end; a summary saying 班 is a working day.
fn read_ics(text: &str) -> Result<Vec<CalendarDay>> {
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime};
    let calendar: icalendar::Calendar = text.parse().map_err(|_| {
        Error::invalid(
            "file",
            "这个 .ics 文件读不出来，可能已损坏。请重新导出，或改用放假通知原文。",
        )
    })?;
    let date_of = |d: Option<DatePerhapsTime>| -> Option<NaiveDate> {
        match d? {
            DatePerhapsTime::Date(d) => Some(d),
            DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => {
                Some(t.with_timezone(&crate::clock::office_offset()).date_naive())
            }
            DatePerhapsTime::DateTime(CalendarDateTime::Floating(t)) => Some(t.date()),
            DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, .. }) => {
                Some(date_time.date())
            }
        }
    };
    let mut days = Vec::new();
    for event in calendar.events() {
        let Some(start) = date_of(event.get_start()) else {
            continue;
        };
        let end = date_of(event.get_end()).unwrap_or(start.succ_opt().unwrap_or(start));
        let summary = event.get_summary().unwrap_or_default();
        let kind = kind_of(summary);
        let name = name_of(summary);
        let mut d = start;
        while d < end.max(start.succ_opt().unwrap_or(start)) && (d - start).num_days() <= 31 {
            days.push(CalendarDay {
                day: d,
                kind,
                name: name.clone(),
            });
            d = d.succ_opt().unwrap_or(d);
            if d == start {
                break;
            }
        }
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(days: &[CalendarDay], on: &str) -> Option<(DayKind, String)> {
        let on: NaiveDate = on.parse().unwrap();
        days.iter()
            .find(|d| d.day == on)
            .map(|d| (d.kind, d.name.clone()))
    }

    /// The 2024 notice with what it only encourages and its signature:
    /// neither is a day off.
    #[test]
    fn a_notice_s_encouragement_and_its_own_date_are_not_days_off() {
        let notice = "国务院办公厅关于2024年部分节假日安排的通知\n\
            二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。\n\
            国务院办公厅\n\
            2023年10月25日";
        let days = read_holiday_file(notice.as_bytes()).unwrap();
        assert_eq!(day(&days, "2024-02-09"), None, "除夕 is only encouraged");
        assert_eq!(day(&days, "2023-10-25"), None, "the notice's own date");
        assert_eq!(day(&days, "2024-02-10").unwrap().0, DayKind::Holiday);
        assert_eq!(day(&days, "2024-02-18").unwrap().0, DayKind::Workday);
        // A bare date of the list's own year is still a day.
        let list = "2027年节假日\n2027-10-01\n2027-10-02 国庆节";
        let days = read_holiday_file(list.as_bytes()).unwrap();
        assert!(day(&days, "2027-10-01").is_some());
    }

    #[test]
    fn the_state_councils_notice_as_pasted() {
        let notice = "国务院办公厅关于2026年部分节假日安排的通知\n\
            一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n\
            二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。\n\
            五、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。";
        let days = read_holiday_file(notice.as_bytes()).unwrap();
        assert_eq!(
            day(&days, "2026-01-02"),
            Some((DayKind::Holiday, "元旦".into()))
        );
        assert_eq!(day(&days, "2026-01-04").unwrap().0, DayKind::Workday);
        assert_eq!(day(&days, "2026-02-23").unwrap().0, DayKind::Holiday);
        assert_eq!(day(&days, "2026-02-14").unwrap().0, DayKind::Workday);
        assert_eq!(day(&days, "2026-02-28").unwrap().0, DayKind::Workday);
        assert_eq!(day(&days, "2026-02-24"), None);
        let spring = days
            .iter()
            .filter(|d| d.name == "春节" && d.kind == DayKind::Holiday)
            .count();
        assert_eq!(spring, 9);
        assert_eq!(day(&days, "2026-05-09").unwrap().0, DayKind::Workday);
    }

    #[test]
    fn a_list_one_line_a_day_or_a_range_in_gbk_from_excel() {
        let list = "日期,名称,类型\n2027-10-01 至 2027-10-07,国庆节,休\n2027/9/26,国庆节,补班\n2027年10月9日 调休上班\n";
        let (bytes, _, _) = encoding_rs::GB18030.encode(list);
        let days = read_holiday_file(&bytes).unwrap();
        assert_eq!(
            days.iter().filter(|d| d.kind == DayKind::Holiday).count(),
            7
        );
        assert_eq!(day(&days, "2027-09-26").unwrap().0, DayKind::Workday);
        assert_eq!(day(&days, "2027-10-09").unwrap().0, DayKind::Workday);
        assert_eq!(day(&days, "2027-10-07").unwrap().1, "国庆节");
    }

    #[test]
    fn an_ics_of_holidays() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//CN\r\n\
            BEGIN:VEVENT\r\nUID:a\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104\r\nSUMMARY:元旦（休）\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nUID:b\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:元旦 补班\r\nEND:VEVENT\r\n\
            END:VCALENDAR\r\n";
        let days = read_holiday_file(ics.as_bytes()).unwrap();
        assert_eq!(days.len(), 4);
        assert_eq!(
            day(&days, "2027-01-03"),
            Some((DayKind::Holiday, "元旦".into()))
        );
        assert_eq!(day(&days, "2027-01-04").unwrap().0, DayKind::Workday);
    }

    #[test]
    fn a_file_without_dates_or_a_year_is_refused_in_words() {
        let e = read_holiday_file("春节放假".as_bytes()).unwrap_err();
        assert_eq!(e.code(), "invalid");
        let e = read_holiday_file("元旦：1月1日放假".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("年份"), "{e}");
        let e = read_holiday_file("2027-02-30 休".as_bytes()).unwrap_err();
        assert!(e.to_string().contains("不存在"), "{e}");
    }

    #[test]
    fn in_december_a_year_without_holidays_is_remembered() {
        let december = Db::open_in_memory()
            .unwrap()
            .with_clock(crate::Clock::Fixed("2026-12-07T02:00:00Z".parse().unwrap()));
        assert!(
            holiday_reminder(&december)
                .unwrap()
                .unwrap()
                .contains("2027 年")
        );
        import_holidays(
            &december,
            &Actor::Desktop,
            "2027.txt",
            "2027-01-01 元旦 休".as_bytes(),
            true,
        )
        .unwrap();
        assert!(
            holiday_reminder(&december).unwrap().is_some(),
            "a dry run lists nothing"
        );
        let report = import_holidays(
            &december,
            &Actor::Desktop,
            "2027.txt",
            "2027-01-01 元旦 休".as_bytes(),
            false,
        )
        .unwrap();
        assert!(report.committed && report.holidays == 1);
        assert_eq!(holiday_reminder(&december).unwrap(), None);
        let november =
            december.with_clock(crate::Clock::Fixed("2026-11-07T02:00:00Z".parse().unwrap()));
        assert_eq!(holiday_reminder(&november).unwrap(), None);
    }
}
