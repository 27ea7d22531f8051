//! The sessions as an iCalendar file (RFC 5545) for Outlook and phone
//! calendars: METHOD:PUBLISH, a stable UID per session, times in
//! Asia/Shanghai with its VTIMEZONE, text escaped, lines folded at 75 octets
//! on character boundaries, CRLF. Events are built with the `icalendar`
//! crate (escaping, folding); the VTIMEZONE, which that crate cannot write
//! without adding properties RFC 5545 forbids there, is a fixed block.

use chrono::{NaiveDate, NaiveDateTime};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus, Property};

use crate::calendar::bookings::{TIME_FORMAT, span_text};
use crate::calendar::{BookingKind, list_calendar_entries};
use crate::db::Db;
use crate::error::{Error, Result};

/// The office's time zone as calendars name it.
pub const TZID: &str = "Asia/Shanghai";

/// China Standard Time: UTC+8 all year, no daylight saving since 1991.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nX-LIC-LOCATION:Asia/Shanghai\r\n\
BEGIN:STANDARD\r\nTZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\n\
DTSTART:19700101T000000\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Text as a calendar may carry it: one kind of line break, no control characters.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

fn local(text: &str) -> Result<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT)
        .map_err(|_| Error::invalid("starts_at", format!("日程时间“{text}”无法读取。")))
}

/// The calendar of every session (reading-share and training alike) in the
/// office-local days [from, to], as iCalendar text.
pub fn calendar_text(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<String> {
    let stamp = db.clock().now();
    let end = to.succ_opt().unwrap_or(to);
    db.read(|tx| {
        let install: String =
            crate::settings::get(tx, "installation_id")?.unwrap_or_else(|| "shuxiang".into());
        let entries = list_calendar_entries(tx, &format!("{from}T00:00"), &format!("{end}T00:00"))?;
        let mut cal = Calendar::empty();
        for (k, v) in [
            ("VERSION", "2.0"),
            ("PRODID", "-//Shuxiang//书香 阅览室与学习活动//ZH"),
            ("CALSCALE", "GREGORIAN"),
            ("METHOD", "PUBLISH"),
            ("X-WR-CALNAME", "书香活动日程"),
            ("X-WR-TIMEZONE", TZID),
        ] {
            cal.append_property(Property::new(k, v));
        }
        for entry in &entries {
            let mut event = Event::new();
            let mut description = Vec::new();
            let mut summary = entry.title.clone();
            if let (BookingKind::Share, Some(id)) = (entry.kind, entry.session_id) {
                let s = super::get_session(tx, id)?;
                summary = format!("读书分享：{}", s.theme);
                if let Some(series) = &s.series_name {
                    description.push(format!("系列：{series}"));
                }
                if let Some(host) = &s.host_name {
                    description.push(format!("主持人：{host}"));
                }
                for p in super::list_presenters(tx, id)? {
                    let book = p.book_title.map(|b| format!("《{b}》")).unwrap_or_default();
                    let topic = p.topic.map(|t| format!("：{t}")).unwrap_or_default();
                    description.push(format!("领读人：{}{book}{topic}", p.person_name));
                }
                if let Some(note) = &s.note {
                    description.push(note.clone());
                }
            }
            if let (BookingKind::Training, Some(id)) = (entry.kind, entry.session_id) {
                let s = crate::training::get_training_session(tx, id)?;
                let batch = crate::training::get_batch(tx, s.batch_id)?;
                summary = format!("履职培训：{}（{}）", s.subject, batch.name);
                description.push(format!("专题：{}", batch.topic_name));
                description.push(format!("批次：{}", batch.name));
                if let Some(l) = &s.lecturer {
                    description.push(format!("授课：{l}"));
                }
            }
            description.push(format!(
                "时间：{}（北京时间）",
                span_text(&entry.starts_at, &entry.ends_at)
            ));
            event
                .uid(&format!("booking-{}-{install}@shuxiang", entry.booking_id))
                .timestamp(stamp)
                .summary(&clean(&summary))
                .description(&clean(&description.join("\n")))
                .starts(CalendarDateTime::WithTimezone {
                    date_time: local(&entry.starts_at)?,
                    tzid: TZID.into(),
                })
                .ends(CalendarDateTime::WithTimezone {
                    date_time: local(&entry.ends_at)?,
                    tzid: TZID.into(),
                })
                .status(if entry.status == "cancelled" {
                    EventStatus::Cancelled
                } else {
                    EventStatus::Confirmed
                });
            if let Some(venue) = &entry.venue {
                event.location(&clean(venue));
            }
            event.add_property("CATEGORIES", entry.kind.label());
            cal.push(event.done());
        }
        let text = cal.to_string();
        // The time zone goes before the first event (or the end).
        let at = text
            .find("BEGIN:VEVENT")
            .or_else(|| text.find("END:VCALENDAR"))
            .unwrap_or(text.len());
        Ok(format!("{}{VTIMEZONE}{}", &text[..at], &text[at..]))
    })
}

/// Writes the calendar of [from, to] to `path`; returns how many events.
pub fn export_ics(
    db: &Db,
    path: &std::path::Path,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<usize> {
    let text = calendar_text(db, from, to)?;
    std::fs::write(path, &text)
        .map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    Ok(text.matches("BEGIN:VEVENT").count())
}

/// Writes the calendar for the user (Documents/书香导出) and says where.
pub fn export_ics_for_user(
    db: &Db,
    export_dir: &std::path::Path,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(String, usize)> {
    let path = crate::home::export_path(export_dir, &format!("书香活动-{from}至{to}.ics"))?;
    let n = export_ics(db, &path, from, to)?;
    Ok((path.display().to_string(), n))
}
