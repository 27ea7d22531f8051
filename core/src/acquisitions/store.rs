//! All SQL about budgets, orders and their lines.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{BudgetKind, Order, OrderLine};
use crate::db::WriteTx;
use crate::error::{Error, Result};

pub(crate) fn set_budget(
    tx: &WriteTx<'_>,
    year: i32,
    kind: BudgetKind,
    amount_fen: i64,
    note: Option<&str>,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO budgets (year, kind, amount_fen, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (year, kind) DO UPDATE SET amount_fen = excluded.amount_fen,
             note = excluded.note, updated_at = excluded.updated_at,
             revision = budgets.revision + 1",
    )?
    .execute(params![year, kind.code(), amount_fen, note, tx.now()])?;
    Ok(())
}

/// A year's budget of a kind: (amount in fen, revision, note).
pub(crate) fn budget(
    conn: &Connection,
    year: i32,
    kind: BudgetKind,
) -> Result<Option<(i64, i64, Option<String>)>> {
    Ok(conn
        .prepare_cached(
            "SELECT amount_fen, revision, note FROM budgets WHERE year = ?1 AND kind = ?2",
        )?
        .query_row(params![year, kind.code()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// Books: (committed on lines still ordered, spent on lines received), in fen.
pub(crate) fn book_money(conn: &Connection, year: i32) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(CASE WHEN l.status = 'ordered' THEN l.price_fen * l.copies END), 0),
                coalesce(sum(CASE WHEN l.status = 'received' THEN l.price_fen * l.copies END), 0)
           FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.year = ?1",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// The year's subscriptions: (copies, price as given) of each.
pub(crate) fn subscription_prices(
    conn: &Connection,
    year: i32,
) -> Result<Vec<(i64, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT copies, price FROM subscriptions
          WHERE substr(starts_on, 1, 4) <= ?1 AND substr(ends_on, 1, 4) >= ?1",
    )?;
    let rows = stmt.query_map([year.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn insert_order(
    tx: &WriteTx<'_>,
    year: i32,
    supplier: &str,
    note: Option<&str>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO orders (year, supplier, note, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?
    .execute(params![year, supplier, note, tx.now()])?;
    Ok(tx.last_insert_rowid())
}

const ORDER_SELECT: &str = "SELECT o.*,
        (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) AS lines,
        (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.status = 'received') AS received,
        (SELECT coalesce(sum(l.price_fen * l.copies), 0) FROM order_lines l
          WHERE l.order_id = o.id AND l.status <> 'cancelled') AS total_fen
    FROM orders o";

fn order(r: &Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        id: r.get("id")?,
        year: r.get("year")?,
        supplier: r.get("supplier")?,
        note: r.get("note")?,
        lines: r.get("lines")?,
        received: r.get("received")?,
        total_fen: r.get("total_fen")?,
        created_at: r.get("created_at")?,
    })
}

pub(crate) fn get_order(conn: &Connection, id: i64) -> Result<Order> {
    conn.prepare_cached(&format!("{ORDER_SELECT} WHERE o.id = ?1"))?
        .query_row([id], order)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的订单。")))
}

pub(crate) fn list_orders(conn: &Connection, year: i32) -> Result<Vec<Order>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.year = ?1 ORDER BY o.id DESC"
    ))?;
    let rows = stmt.query_map([year], order)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) struct NewLine<'a> {
    pub suggestion_id: Option<i64>,
    pub title: &'a str,
    pub authors: Option<&'a str>,
    pub publisher: Option<&'a str>,
    pub isbn: Option<&'a str>,
    pub copies: i64,
    pub price_fen: i64,
    /// The title the line's books go to, when known before they come (the
    /// rest of a line partly received).
    pub title_id: Option<i64>,
}

pub(crate) fn insert_line(tx: &WriteTx<'_>, order_id: i64, l: &NewLine<'_>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO order_lines (order_id, suggestion_id, title, authors, publisher, isbn, copies, price_fen,
                                  title_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        order_id,
        l.suggestion_id,
        l.title,
        l.authors,
        l.publisher,
        l.isbn,
        l.copies,
        l.price_fen,
        l.title_id
    ])?;
    Ok(tx.last_insert_rowid())
}

fn line(r: &Row<'_>) -> rusqlite::Result<OrderLine> {
    Ok(OrderLine {
        id: r.get("id")?,
        order_id: r.get("order_id")?,
        suggestion_id: r.get("suggestion_id")?,
        title: r.get("title")?,
        authors: r.get("authors")?,
        publisher: r.get("publisher")?,
        isbn: r.get("isbn")?,
        copies: r.get("copies")?,
        price_fen: r.get("price_fen")?,
        status: r.get("status")?,
        title_id: r.get("title_id")?,
        received_on: r.get("received_on")?,
    })
}

pub(crate) fn get_line(conn: &Connection, id: i64) -> Result<OrderLine> {
    conn.prepare_cached("SELECT * FROM order_lines WHERE id = ?1")?
        .query_row([id], line)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的订单行。")))
}

pub(crate) fn lines_of(conn: &Connection, order_id: i64) -> Result<Vec<OrderLine>> {
    let mut stmt =
        conn.prepare_cached("SELECT * FROM order_lines WHERE order_id = ?1 ORDER BY id")?;
    let rows = stmt.query_map([order_id], line)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A line received, with the copies that came.
pub(crate) fn set_line_received(
    tx: &WriteTx<'_>,
    id: i64,
    title_id: i64,
    on: &str,
    copies: i64,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE order_lines SET status = 'received', title_id = ?2, received_on = ?3, copies = ?4
          WHERE id = ?1",
    )?
    .execute(params![id, title_id, on, copies])?;
    Ok(())
}

pub(crate) fn set_line_cancelled(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE order_lines SET status = 'cancelled' WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Marks a suggestion arrived with its title (when the catalogue's own
/// matching did not find it, the book being catalogued under other words).
pub(crate) fn suggestion_arrived(
    tx: &WriteTx<'_>,
    suggestion_id: i64,
    title_id: i64,
) -> Result<Option<i64>> {
    let person: Option<i64> = tx
        .prepare_cached(
            "UPDATE suggestions SET status = 'arrived', title_id = ?2, arrived_at = ?3
              WHERE id = ?1 AND status IN ('submitted', 'accepted') RETURNING person_id",
        )?
        .query_row(params![suggestion_id, title_id, tx.now()], |r| r.get(0))
        .optional()?;
    Ok(person)
}
