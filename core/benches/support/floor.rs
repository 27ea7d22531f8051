//! The engine's floor (DESIGN.md, Budgets), shared by the benches that
//! measure an import beside it: `#[path = "support/floor.rs"] mod floor;`.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::types::Value;

use shuxiang_core::{Actor, Db};

/// Every row of `table` in `db`, each column as stored, and the column names.
fn all_rows(db: &Db, table: &str) -> (Vec<String>, Vec<Vec<Value>>) {
    db.read(|tx| {
        let mut stmt = tx.prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))?;
        let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        let rows = stmt
            .query_map([], |r| {
                (0..names.len()).map(|i| r.get::<_, Value>(i)).collect()
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((names, rows))
    })
    .unwrap()
}

/// This thread's CPU time so far, in seconds (Linux; 0 elsewhere): beside
/// the wall clock, what a busy machine does not inflate.
fn thread_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/thread-self/stat") else {
        return 0.0;
    };
    // The fields after the command name: utime and stime are 14th and 15th.
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| fields.get(i).and_then(|t| t.parse::<f64>().ok());
    (ticks(11).unwrap_or(0.0) + ticks(12).unwrap_or(0.0)) / 100.0
}

/// The engine's floor (DESIGN.md, Budgets): the rows the import stored —
/// titles with their pinyin, keys and call numbers already worked out, and
/// their copies — bulk-inserted into the same schema by a minimal program,
/// the full-text indexes filled from them as the store fills them, in one
/// transaction: what writing these rows costs SQLite before any reading,
/// checking or pinyin.
/// Its wall clock, and its CPU time (seconds).
pub fn floor_timed(imported: &Db, path: &Path) -> (Duration, f64) {
    let tables = [all_rows(imported, "titles"), all_rows(imported, "copies")];
    let db = Db::open(path).unwrap();
    let started = Instant::now();
    let cpu = thread_cpu();
    db.write(&Actor::System, |tx| {
        for ((names, rows), table) in tables.iter().zip(["titles", "copies"]) {
            let marks = vec!["?"; names.len()].join(", ");
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {table} ({}) VALUES ({marks})",
                names.join(", ")
            ))?;
            for row in rows {
                insert.execute(rusqlite::params_from_iter(row))?;
            }
        }
        // The three statements of catalog::store::index_titles, over every title.
        tx.execute_batch(
            "INSERT INTO titles_fts (rowid, title, subtitle, authors, publisher, subjects, clc, call_number)
               SELECT id, title, subtitle, authors, publisher, subjects, clc, call_number FROM titles;
             INSERT INTO titles_pinyin (rowid, pinyin, initials)
               SELECT id, fullwidth(pinyin), fullwidth(initials) FROM titles;
             INSERT INTO titles_chars (rowid, text)
               SELECT id, concat_ws(' ', spaced_cjk(concat_ws(' ', title, subtitle, authors, publisher, subjects)), initials, pinyin)
               FROM titles;",
        )?;
        Ok(())
    })
    .unwrap();
    let took = (started.elapsed(), thread_cpu() - cpu);
    let count = |db: &Db| {
        db.read(|tx| {
            Ok(tx.query_row(
                "SELECT (SELECT count(*) FROM titles), (SELECT count(*) FROM copies)",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )?)
        })
        .unwrap()
    };
    assert_eq!(
        count(&db),
        count(imported),
        "the floor wrote every row the import did"
    );
    took
}
