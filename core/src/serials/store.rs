//! All SQL about serials, subscriptions and issues.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{DueIssue, Issue, IssueStatus, LateIssue, Subscription};
use crate::db::WriteTx;
use crate::error::{Error, Result};

impl rusqlite::types::FromSql for IssueStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        IssueStatus::ALL
            .iter()
            .copied()
            .find(|s| s.code() == value.as_str().unwrap_or(""))
            .ok_or(rusqlite::types::FromSqlError::InvalidType)
    }
}

// ---- serials ----

pub(crate) fn serial_by_issn(conn: &Connection, issn: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT title_id FROM serials WHERE issn = ?1")?
        .query_row([issn], |r| r.get(0))
        .optional()?)
}

/// Serials with this 邮发代号 (usually one).
/// Whether title `title_id` is a serial's (a newspaper or magazine the
/// room subscribes to).
pub(crate) fn is_serial(conn: &Connection, title_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM serials WHERE title_id = ?1)")?
        .query_row([title_id], |r| r.get(0))?)
}

pub(crate) fn serials_by_postal_code(conn: &Connection, code: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT title_id FROM serials WHERE postal_code = ?1")?;
    let rows = stmt.query_map([code], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Serials whose title is exactly `title`.
pub(crate) fn serials_by_title(conn: &Connection, title: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.title_id FROM serials s JOIN titles t ON t.id = s.title_id WHERE t.title = ?1",
    )?;
    let rows = stmt.query_map([title], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) struct SerialRow<'a> {
    pub issn: Option<&'a str>,
    pub cn: Option<&'a str>,
    pub postal_code: Option<&'a str>,
    pub frequency: Option<&'a str>,
    pub sponsor: Option<&'a str>,
}

pub(crate) fn insert_serial(tx: &WriteTx<'_>, title_id: i64, s: &SerialRow<'_>) -> Result<()> {
    tx.prepare_cached("UPDATE titles SET kind = 'serial' WHERE id = ?1")?
        .execute([title_id])?;
    tx.prepare_cached(
        "INSERT INTO serials (title_id, issn, cn, postal_code, frequency, sponsor, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
    )?
    .execute(params![
        title_id,
        s.issn,
        s.cn,
        s.postal_code,
        s.frequency,
        s.sponsor,
        tx.now()
    ])?;
    Ok(())
}

// ---- subscriptions ----

const SUBSCRIPTION_SELECT: &str = "SELECT u.*, t.title, s.issn, s.postal_code,
        (SELECT count(*) FROM issues i WHERE i.subscription_id = u.id) AS issues,
        (SELECT count(*) FROM issues i WHERE i.subscription_id = u.id
           AND i.status IN ('received', 'bound')) AS received
    FROM subscriptions u
    JOIN serials s ON s.title_id = u.title_id
    JOIN titles t ON t.id = u.title_id";

impl Subscription {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Subscription> {
        let json = |name: &str| -> rusqlite::Result<String> { r.get(name) };
        Ok(Subscription {
            id: r.get("id")?,
            title_id: r.get("title_id")?,
            title: r.get("title")?,
            issn: r.get("issn")?,
            postal_code: r.get("postal_code")?,
            starts_on: r.get("starts_on")?,
            ends_on: r.get("ends_on")?,
            frequency: r.get("frequency")?,
            weekdays: serde_json::from_str(&json("weekdays")?).unwrap_or_default(),
            days: serde_json::from_str(&json("days")?).unwrap_or_default(),
            months: serde_json::from_str(&json("months")?).unwrap_or_default(),
            copies: r.get("copies")?,
            price: r.get("price")?,
            first_issue: r.get("first_issue")?,
            first_total: r.get("first_total")?,
            grace_days: r.get("grace_days")?,
            transit_days: r.get("transit_days")?,
            combine: serde_json::from_str(&json("combine")?).unwrap_or_default(),
            skip: serde_json::from_str(&json("skip")?).unwrap_or_default(),
            holiday_pause: r.get("holiday_pause")?,
            supplier: r.get("supplier")?,
            stopped: r.get("stopped")?,
            issues: r.get("issues")?,
            received: r.get("received")?,
            revision: r.get("revision")?,
        })
    }
}

pub(crate) fn get_subscription(conn: &Connection, id: i64) -> Result<Subscription> {
    conn.prepare_cached(&format!("{SUBSCRIPTION_SELECT} WHERE u.id = ?1"))?
        .query_row([id], Subscription::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的订阅。")))
}

/// Subscriptions covering any day of [from, to], by title.
pub(crate) fn list_subscriptions(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<Subscription>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUBSCRIPTION_SELECT} WHERE u.starts_on <= ?2 AND u.ends_on >= ?1
          ORDER BY s.postal_code IS NULL, s.postal_code, t.title, u.starts_on"
    ))?;
    let rows = stmt.query_map([from, to], Subscription::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The subscriptions of these serials covering `day`'s neighbourhood.
pub(crate) fn subscriptions_of(conn: &Connection, title_ids: &[i64]) -> Result<Vec<i64>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM subscriptions WHERE title_id = ?1 AND stopped = 0 ORDER BY starts_on",
    )?;
    for id in title_ids {
        let rows = stmt.query_map([id], |r| r.get(0))?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

pub(crate) fn insert_subscription(tx: &WriteTx<'_>, s: &Subscription) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO subscriptions (title_id, starts_on, ends_on, frequency, weekdays, days, months,
            copies, price, first_issue, first_total, grace_days, transit_days, combine, skip,
            holiday_pause, supplier, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18)",
    )?
    .execute(params![
        s.title_id,
        s.starts_on,
        s.ends_on,
        s.frequency,
        serde_json::to_string(&s.weekdays).expect("numbers"),
        serde_json::to_string(&s.days).expect("numbers"),
        serde_json::to_string(&s.months).expect("numbers"),
        s.copies,
        s.price,
        s.first_issue,
        s.first_total,
        s.grace_days,
        s.transit_days,
        serde_json::to_string(&s.combine).expect("numbers"),
        serde_json::to_string(&s.skip).expect("dates"),
        s.holiday_pause,
        s.supplier,
        tx.now()
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Replaces a subscription's pattern and terms (its issues are redone by
/// the caller).
pub(crate) fn update_subscription(tx: &WriteTx<'_>, s: &Subscription) -> Result<()> {
    tx.prepare_cached(
        "UPDATE subscriptions SET starts_on = ?2, ends_on = ?3, frequency = ?4, weekdays = ?5,
            days = ?6, months = ?7, copies = ?8, price = ?9, first_issue = ?10, first_total = ?11,
            grace_days = ?12, transit_days = ?13, combine = ?14, skip = ?15, holiday_pause = ?16,
            supplier = ?17, updated_at = ?18, revision = revision + 1
          WHERE id = ?1",
    )?
    .execute(params![
        s.id,
        s.starts_on,
        s.ends_on,
        s.frequency,
        serde_json::to_string(&s.weekdays).expect("numbers"),
        serde_json::to_string(&s.days).expect("numbers"),
        serde_json::to_string(&s.months).expect("numbers"),
        s.copies,
        s.price,
        s.first_issue,
        s.first_total,
        s.grace_days,
        s.transit_days,
        serde_json::to_string(&s.combine).expect("numbers"),
        serde_json::to_string(&s.skip).expect("dates"),
        s.holiday_pause,
        s.supplier,
        tx.now()
    ])?;
    Ok(())
}

pub(crate) fn set_stopped(tx: &WriteTx<'_>, id: i64, stopped: bool) -> Result<()> {
    tx.prepare_cached("UPDATE subscriptions SET stopped = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, stopped, tx.now()])?;
    Ok(())
}

// ---- issues ----

const ISSUE_SELECT: &str = "SELECT * FROM issues";

impl Issue {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Issue> {
        Ok(Issue {
            id: r.get("id")?,
            subscription_id: r.get("subscription_id")?,
            label: r.get("label")?,
            issue_no_from: r.get("issue_no_from")?,
            issue_no_to: r.get("issue_no_to")?,
            total_no_from: r.get("total_no_from")?,
            total_no_to: r.get("total_no_to")?,
            supplement: r.get("supplement")?,
            published_on: r.get("published_on")?,
            expected_on: r.get("expected_on")?,
            status: r.get("status")?,
            copies_expected: r.get("copies_expected")?,
            copies_received: r.get("copies_received")?,
            received_on: r.get("received_on")?,
            claims: r.get("claims")?,
        })
    }
}

pub(crate) struct NewIssue<'a> {
    pub issue_no: Option<(u32, u32)>,
    pub total_no: Option<(u32, u32)>,
    pub supplement: bool,
    pub label: &'a str,
    pub published_on: &'a str,
    pub expected_on: &'a str,
    pub copies: i64,
}

/// Rows of issues to a statement in [`insert_issues`] (eleven values a
/// row, well under SQLite's limit on a statement's parameters).
const ISSUES_PER_STATEMENT: usize = 64;

/// Writes many issues of one subscription, many rows to a statement: the
/// same rows as [`insert_issue`] one by one, in a fraction of the time.
pub(crate) fn insert_issues(
    tx: &WriteTx<'_>,
    subscription_id: i64,
    issues: &[NewIssue<'_>],
) -> Result<()> {
    let now = tx.now().to_owned();
    for chunk in issues.chunks(ISSUES_PER_STATEMENT) {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        let sql = format!(
            "INSERT INTO issues (subscription_id, issue_no_from, issue_no_to, total_no_from, total_no_to,
                supplement, label, published_on, expected_on, copies_expected, created_at)
             VALUES {}",
            vec![row; chunk.len()].join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 11);
        let numbers: Vec<[Option<u32>; 4]> = chunk
            .iter()
            .map(|i| {
                [
                    i.issue_no.map(|n| n.0),
                    i.issue_no.map(|n| n.1),
                    i.total_no.map(|n| n.0),
                    i.total_no.map(|n| n.1),
                ]
            })
            .collect();
        for (i, n) in chunk.iter().zip(&numbers) {
            values.push(&subscription_id);
            for v in n {
                values.push(v);
            }
            values.push(&i.supplement);
            values.push(&i.label);
            values.push(&i.published_on);
            values.push(&i.expected_on);
            values.push(&i.copies);
            values.push(&now);
        }
        tx.prepare_cached(&sql)?.execute(values.as_slice())?;
    }
    Ok(())
}

pub(crate) fn insert_issue(
    tx: &WriteTx<'_>,
    subscription_id: i64,
    i: &NewIssue<'_>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO issues (subscription_id, issue_no_from, issue_no_to, total_no_from, total_no_to,
            supplement, label, published_on, expected_on, copies_expected, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        subscription_id,
        i.issue_no.map(|n| n.0),
        i.issue_no.map(|n| n.1),
        i.total_no.map(|n| n.0),
        i.total_no.map(|n| n.1),
        i.supplement,
        i.label,
        i.published_on,
        i.expected_on,
        i.copies,
        tx.now()
    ])?;
    Ok(tx.last_insert_rowid())
}

pub(crate) fn get_issue(conn: &Connection, id: i64) -> Result<Issue> {
    conn.prepare_cached(&format!("{ISSUE_SELECT} WHERE id = ?1"))?
        .query_row([id], Issue::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的期次。")))
}

pub(crate) fn list_issues(conn: &Connection, subscription_id: i64) -> Result<Vec<Issue>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ISSUE_SELECT} WHERE subscription_id = ?1 ORDER BY published_on, supplement, id"
    ))?;
    let rows = stmt.query_map([subscription_id], Issue::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The oldest issue of these subscriptions not yet in, expected by `until`.
pub(crate) fn oldest_due(
    conn: &Connection,
    subscriptions: &[i64],
    until: &str,
) -> Result<Option<Issue>> {
    let mut best: Option<Issue> = None;
    let mut stmt = conn.prepare_cached(&format!(
        "{ISSUE_SELECT} WHERE subscription_id = ?1 AND status IN ('expected', 'partial', 'claimed')
           AND expected_on <= ?2 ORDER BY published_on, supplement, id LIMIT 1"
    ))?;
    for s in subscriptions {
        if let Some(i) = stmt
            .query_row(params![s, until], Issue::from_row)
            .optional()?
            && best
                .as_ref()
                .is_none_or(|b| (&i.published_on, i.id) < (&b.published_on, b.id))
        {
            best = Some(i);
        }
    }
    Ok(best)
}

/// The publication date of a subscription's issue before `published_on`
/// (supplements aside).
pub(crate) fn previous_published(
    conn: &Connection,
    subscription_id: i64,
    published_on: &str,
) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached(
            "SELECT max(published_on) FROM issues
              WHERE subscription_id = ?1 AND published_on < ?2 AND NOT supplement",
        )?
        .query_row(params![subscription_id, published_on], |r| r.get(0))?)
}

pub(crate) fn set_received(
    tx: &WriteTx<'_>,
    id: i64,
    copies_received: i64,
    status: IssueStatus,
    on: &str,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE issues SET copies_received = ?2, status = ?3, received_on = ?4 WHERE id = ?1",
    )?
    .execute(params![id, copies_received, status.code(), on])?;
    Ok(())
}

pub(crate) fn set_status(tx: &WriteTx<'_>, id: i64, status: IssueStatus) -> Result<()> {
    tx.prepare_cached("UPDATE issues SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status.code()])?;
    Ok(())
}

pub(crate) fn add_claim(tx: &WriteTx<'_>, id: i64, on: &str) -> Result<()> {
    tx.prepare_cached(
        "UPDATE issues SET claims = claims + 1, last_claimed_on = ?2, status = 'claimed'
          WHERE id = ?1 AND status IN ('expected', 'partial', 'claimed')",
    )?
    .execute(params![id, on])?;
    Ok(())
}

pub(crate) fn bind_issue(tx: &WriteTx<'_>, id: i64, copy_id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE issues SET status = 'bound', bound_copy_id = ?2 WHERE id = ?1")?
        .execute(params![id, copy_id])?;
    Ok(())
}

/// Issues not all in whose expected date plus the grace days is before `on`,
/// of subscriptions not stopped (a stopped one is chased no more).
pub(crate) fn late_issues(conn: &Connection, on: &str) -> Result<Vec<LateIssue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.subscription_id, t.title, s.postal_code, u.supplier, i.label, i.expected_on,
                CAST(julianday(?1) - julianday(i.expected_on) AS INTEGER) AS days_late,
                i.copies_expected - i.copies_received AS missing, i.claims, i.status
           FROM issues i
           JOIN subscriptions u ON u.id = i.subscription_id
           JOIN serials s ON s.title_id = u.title_id
           JOIN titles t ON t.id = u.title_id
          WHERE i.status IN ('expected', 'partial', 'claimed')
            AND i.expected_on < ?1
            AND date(i.expected_on, '+' || u.grace_days || ' days') < ?1
            AND u.stopped = 0
          ORDER BY u.supplier, s.postal_code, t.title, i.published_on",
    )?;
    let rows = stmt.query_map([on], |r| {
        Ok(LateIssue {
            issue_id: r.get(0)?,
            subscription_id: r.get(1)?,
            title: r.get(2)?,
            postal_code: r.get(3)?,
            supplier: r.get(4)?,
            label: r.get(5)?,
            expected_on: r.get(6)?,
            days_late: r.get(7)?,
            copies_missing: r.get(8)?,
            claims: r.get(9)?,
            status: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Per serial of a subscription not stopped, its oldest issue not all in
/// expected by `on` (the one a scan takes), when that issue or a newer one
/// waiting is expected on or after `since` or not yet late: a lost issue
/// does not hide the serial's current ones.
pub(crate) fn due_issues(conn: &Connection, since: &str, on: &str) -> Result<Vec<DueIssue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT w.id, w.subscription_id, w.title_id, t.title, s.issn, s.postal_code, w.label,
                w.expected_on, w.copies_expected, w.copies_received, w.status, w.waiting
           FROM (SELECT i.*, u.title_id, u.grace_days,
                        row_number() OVER (PARTITION BY u.title_id
                                           ORDER BY i.published_on, i.supplement, i.id) AS nth,
                        count(*) OVER (PARTITION BY u.title_id) AS waiting,
                        max(i.expected_on) OVER (PARTITION BY u.title_id) AS newest,
                        max(date(i.expected_on, '+' || u.grace_days || ' days'))
                            OVER (PARTITION BY u.title_id) AS newest_grace
                   FROM issues i
                   JOIN subscriptions u ON u.id = i.subscription_id
                  WHERE u.stopped = 0
                    AND i.status IN ('expected', 'partial', 'claimed')
                    AND i.expected_on <= ?2) w
           JOIN serials s ON s.title_id = w.title_id
           JOIN titles t ON t.id = w.title_id
          WHERE w.nth = 1
            AND (w.newest >= ?1 OR w.newest_grace >= ?2)
          ORDER BY s.postal_code IS NULL, s.postal_code, t.title",
    )?;
    let rows = stmt.query_map([since, on], |r| {
        Ok(DueIssue {
            issue_id: r.get(0)?,
            subscription_id: r.get(1)?,
            title_id: r.get(2)?,
            title: r.get(3)?,
            issn: r.get(4)?,
            postal_code: r.get(5)?,
            label: r.get(6)?,
            expected_on: r.get(7)?,
            copies_expected: r.get(8)?,
            copies_received: r.get(9)?,
            status: r.get(10)?,
            waiting: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Deletes the issues of a subscription that nothing has happened to yet.
/// Subscriptions not stopped that pause on holidays and run over any day
/// of [from, to].
pub(crate) fn holiday_paused_subscriptions(
    conn: &Connection,
    from: &str,
    to: &str,
) -> Result<Vec<Subscription>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUBSCRIPTION_SELECT} WHERE u.holiday_pause AND NOT u.stopped
           AND u.starts_on <= ?2 AND u.ends_on >= ?1"
    ))?;
    let rows = stmt.query_map([from, to], Subscription::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether any issue of a subscription published on or after `from` has
/// come, been chased, bound or added by hand.
pub(crate) fn touched_since(conn: &Connection, subscription_id: i64, from: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM issues WHERE subscription_id = ?1 AND published_on >= ?2
               AND (status <> 'expected' OR copies_received > 0 OR claims > 0 OR supplement))",
        )?
        .query_row(params![subscription_id, from], |r| r.get(0))?)
}

pub(crate) fn delete_untouched_issues(tx: &WriteTx<'_>, subscription_id: i64) -> Result<usize> {
    Ok(tx
        .prepare_cached(
            "DELETE FROM issues WHERE subscription_id = ?1 AND status = 'expected'
               AND copies_received = 0 AND claims = 0 AND supplement = 0",
        )?
        .execute([subscription_id])?)
}

/// (name, due, arrived) per title and per supplier for a year's issues
/// expected by `until`; and (bound volumes, bound issues).
pub(crate) type FigureRows = (Vec<(String, i64, i64)>, Vec<(String, i64, i64)>, i64, i64);

pub(crate) fn figures(conn: &Connection, year: i32, until: &str) -> Result<FigureRows> {
    let by = |group: &str| -> Result<Vec<(String, i64, i64)>> {
        let mut stmt = conn.prepare(&format!(
            "SELECT {group} AS name, count(*),
                    sum(i.status IN ('received', 'bound'))
               FROM issues i
               JOIN subscriptions u ON u.id = i.subscription_id
               JOIN titles t ON t.id = u.title_id
              WHERE substr(i.published_on, 1, 4) = ?1 AND i.expected_on <= ?2
              GROUP BY name ORDER BY name"
        ))?;
        let rows = stmt.query_map(params![year.to_string(), until], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let (volumes, bound) = conn.query_row(
        "SELECT count(DISTINCT bound_copy_id), count(*) FROM issues
          WHERE status = 'bound' AND substr(published_on, 1, 4) = ?1",
        [year.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok((by("t.title")?, by("u.supplier")?, volumes, bound))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::audit::Actor;
    use crate::clock::Clock;
    use crate::db::Db;
    use crate::serials::{self, SerialDraft, SubscriptionDraft};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, m, d).unwrap()
    }

    fn weekly(db: &Db, title: &str, postal: &str, stopped: bool) -> i64 {
        let added = serials::add_subscription(
            db,
            &Actor::CommandLine,
            &SerialDraft {
                title: title.into(),
                postal_code: Some(postal.into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: "周刊".into(),
                year: Some(2027),
                copies: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
        if stopped {
            serials::set_subscription_stopped(db, &Actor::CommandLine, added.subscription_id, true)
                .unwrap();
        }
        added.subscription_id
    }

    #[test]
    fn a_stopped_subscription_is_chased_no_more() {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(Clock::Fixed("2027-03-20T02:00:00Z".parse().unwrap()));
        weekly(&db, "学习时报", "1-200", false);
        weekly(&db, "停订周报", "1-300", true);
        let late = serials::late(&db, day(3, 20)).unwrap();
        assert!(!late.is_empty());
        assert!(late.iter().all(|l| l.title == "学习时报"), "{late:?}");
    }

    #[test]
    fn todays_arrivals_list_each_serials_oldest_issue_due_in_the_last_days() {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(Clock::Fixed("2027-01-20T02:00:00Z".parse().unwrap()));
        // Weeklies come out on Fridays: 1, 8, 15 January 2027.
        weekly(&db, "学习时报", "1-200", false);
        weekly(&db, "停订周报", "1-300", true);
        // The 1st's issue is late (催缺's), but the 8th's and the 15th's are
        // due and not late: the serial stays, with the issue a scan takes.
        let due = serials::due_issues(&db, day(1, 20), 7).unwrap();
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!((due[0].label.as_str(), due[0].waiting), ("2027年第1期", 3));
        let due = serials::due_issues(&db, day(1, 20), 30).unwrap();
        assert_eq!(due.len(), 1, "a stopped subscription is not awaited");
        assert_eq!(due[0].label, "2027年第1期", "the oldest not yet in");
        assert_eq!(due[0].waiting, 3, "1, 8 and 15 January are due");

        serials::receive(&db, &Actor::CommandLine, "1-200", day(1, 20), None).unwrap();
        serials::receive(&db, &Actor::CommandLine, "1-200", day(1, 20), Some(1)).unwrap();
        let due = serials::due_issues(&db, day(1, 20), 7).unwrap();
        assert_eq!(
            (
                due[0].label.as_str(),
                due[0].copies_received,
                due[0].waiting
            ),
            ("2027年第2期", 1, 2),
            "a partly arrived issue stays until all its copies are in; older than a week \
             but within its grace, it is listed until it is late"
        );
        let due = serials::due_issues(&db, day(1, 24), 7).unwrap();
        assert_eq!(
            due[0].label, "2027年第2期",
            "the 8th's issue is late on the 24th, the 15th's not yet: listed by the one a scan takes"
        );

        assert!(
            serials::due_issues(&db, day(1, 7), 7).unwrap().is_empty(),
            "the 8th's issue is not due on the 7th"
        );
    }
}
