//! All SQL about the office calendar's days.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};

use super::{CalendarDay, DayKind, OpenDays, parse_weekdays};
use crate::db::WriteTx;
use crate::error::{Error, Result};

/// The weekly pattern and every listed day.
pub fn load_open_days(conn: &Connection) -> Result<OpenDays> {
    let weekdays: Option<String> = conn
        .prepare_cached("SELECT value FROM settings WHERE key = 'closed_weekdays'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    Ok(OpenDays::new(
        parse_weekdays(weekdays.as_deref().unwrap_or("6,7")),
        list_calendar_days(conn)?,
    ))
}

/// Every listed holiday and make-up workday, by date.
pub fn list_calendar_days(conn: &Connection) -> Result<Vec<CalendarDay>> {
    let mut stmt = conn.prepare_cached("SELECT day, kind, name FROM calendar_days ORDER BY day")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut days = Vec::new();
    for row in rows {
        let (day, kind, name) = row?;
        if let Ok(day) = day.parse() {
            days.push(CalendarDay {
                day,
                kind: DayKind::from_code(&kind),
                name,
            });
        }
    }
    Ok(days)
}

/// Stores the weekdays the room is normally closed.
pub fn set_closed_weekdays(tx: &WriteTx<'_>, weekdays: &[u8]) -> Result<()> {
    let mut days = weekdays.to_vec();
    days.sort_unstable();
    days.dedup();
    let text = days.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    tx.execute(
        "INSERT OR REPLACE INTO settings (key, value) VALUES ('closed_weekdays', ?1)",
        [&text],
    )?;
    tx.audit("update", "calendar", None, &format!("闭馆星期改为 {text}"))
}

/// Adds or replaces a listed day.
pub fn put_calendar_day(tx: &WriteTx<'_>, day: &CalendarDay) -> Result<()> {
    tx.execute(
        "INSERT OR REPLACE INTO calendar_days (day, kind, name) VALUES (?1, ?2, ?3)",
        (day.day.to_string(), day.kind.code(), &day.name),
    )?;
    let what = match day.kind {
        DayKind::Holiday => "节假日",
        DayKind::Workday => "调休上班日",
    };
    tx.audit(
        "update",
        "calendar",
        None,
        &format!("{} 设为{what} {}", day.day, day.name),
    )
}

/// Removes a listed day.
pub fn delete_calendar_day(tx: &WriteTx<'_>, day: NaiveDate) -> Result<()> {
    let n = tx.execute(
        "DELETE FROM calendar_days WHERE day = ?1",
        [day.to_string()],
    )?;
    if n == 0 {
        return Err(Error::NotFound(format!("{day} 不在节假日列表中。")));
    }
    tx.audit("delete", "calendar", None, &format!("{day} 移出节假日列表"))
}
