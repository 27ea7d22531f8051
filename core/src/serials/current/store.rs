//! All SQL of the 现刊 shelf.

use rusqlite::Connection;

use super::{CurrentSerial, LatestIssue, is_newspaper};
use crate::error::Result;

/// The serials with a subscription covering `on`, not stopped, each with
/// its newest issue checked in by `on`.
pub(crate) fn current(conn: &Connection, on: &str) -> Result<Vec<CurrentSerial>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.title, u.frequency, s.postal_code, i.label, i.published_on, i.received_on,
                (SELECT count(*) FROM copies c
                  WHERE c.title_id = t.id AND c.status <> 'withdrawn') AS volumes
           FROM subscriptions u
           JOIN serials s ON s.title_id = u.title_id
           JOIN titles t ON t.id = u.title_id
           LEFT JOIN issues i ON i.id = (
                SELECT j.id FROM subscriptions v
                  JOIN issues j ON j.subscription_id = v.id
                 WHERE v.title_id = u.title_id
                   AND j.status IN ('received', 'partial', 'bound')
                   AND j.received_on <= ?1
                 ORDER BY j.published_on DESC, j.id DESC LIMIT 1)
          WHERE u.starts_on <= ?1 AND u.ends_on >= ?1 AND u.stopped = 0
          GROUP BY t.id
          ORDER BY t.title COLLATE zh",
    )?;
    let rows = stmt.query_map([on], |r| {
        let frequency: String = r.get(2)?;
        let latest = match (r.get(4)?, r.get(5)?, r.get(6)?) {
            (Some(label), Some(published_on), Some(received_on)) => Some(LatestIssue {
                label,
                published_on,
                received_on,
            }),
            _ => None,
        };
        Ok(CurrentSerial {
            title_id: r.get(0)?,
            title: r.get(1)?,
            newspaper: is_newspaper(&frequency),
            frequency,
            postal_code: r.get(3)?,
            latest,
            bound_volumes: r.get(7)?,
        })
    })?;
    let mut shelf: Vec<CurrentSerial> = rows.collect::<rusqlite::Result<_>>()?;
    // Newspapers first; the order by title is kept within each.
    shelf.sort_by_key(|s| !s.newspaper);
    Ok(shelf)
}
