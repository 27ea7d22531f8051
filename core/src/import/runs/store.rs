//! All SQL of import runs: recording what an import made, what blocks
//! undoing it, and the undoing.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{ImportRun, PersonFields, UndoReport};
use crate::db::WriteTx;
use crate::error::{Error, Result};

impl ImportRun {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<ImportRun> {
        Ok(ImportRun {
            id: row.get("id")?,
            kind: row.get("kind")?,
            file_name: row.get("file_name")?,
            at: row.get("at")?,
            actor_name: row.get("actor_name")?,
            inserted: row.get("inserted")?,
            updated: row.get("updated")?,
            undone_at: row.get("undone_at")?,
        })
    }
}

/// The largest title, copy and person ids now: an import's rows come after.
pub(super) fn max_ids(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn.query_row(
        "SELECT (SELECT coalesce(max(id), 0) FROM titles), (SELECT coalesce(max(id), 0) FROM copies),
                (SELECT coalesce(max(id), 0) FROM people)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}

pub(super) fn insert_run(
    tx: &WriteTx<'_>,
    kind: &str,
    file_name: &str,
    (titles, copies, people): (i64, i64, i64),
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO import_runs (kind, file_name, at, actor_name, inserted, updated,
                                  first_title, first_copy, first_person)
         VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6, ?7)",
    )?
    .execute(params![
        kind,
        file_name,
        tx.now(),
        tx.actor().name(),
        titles + 1,
        copies + 1,
        people + 1
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Closes a run: its counts, the last ids it made, and the revision each
/// person it updated was left at.
pub(super) fn close_run(tx: &WriteTx<'_>, run: i64, inserted: i64, updated: i64) -> Result<()> {
    let (titles, copies, people) = max_ids(tx)?;
    tx.prepare_cached(
        "UPDATE import_runs SET inserted = ?2, updated = ?3,
             last_title = ?4, last_copy = ?5, last_person = ?6
         WHERE id = ?1",
    )?
    .execute(params![run, inserted, updated, titles, copies, people])?;
    tx.prepare_cached(
        "UPDATE import_people_before
            SET revision = (SELECT p.revision FROM people p WHERE p.id = person_id)
          WHERE run_id = ?1",
    )?
    .execute([run])?;
    Ok(())
}

pub(super) fn list_runs(conn: &Connection) -> Result<Vec<ImportRun>> {
    let mut stmt = conn.prepare_cached("SELECT * FROM import_runs ORDER BY id DESC")?;
    let rows = stmt.query_map([], ImportRun::from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn get_run(conn: &Connection, id: i64) -> Result<ImportRun> {
    conn.prepare_cached("SELECT * FROM import_runs WHERE id = ?1")?
        .query_row([id], ImportRun::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的导入记录。")))
}

pub(super) fn keep_person_before(
    tx: &WriteTx<'_>,
    run: i64,
    person_id: i64,
    revision: i64,
    before: &PersonFields,
) -> Result<()> {
    let fields = serde_json::to_string(before).expect("plain fields serialise");
    // The first update of a person in the file keeps what was there before.
    tx.prepare_cached(
        "INSERT OR IGNORE INTO import_people_before (run_id, person_id, revision, fields)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![run, person_id, revision, fields])?;
    Ok(())
}

/// The columns of the trigram index over a title's words (the catalogue's
/// store writes them; pinyin and initials have an index of their own).
const FTS_COLUMNS: &str = "title, subtitle, authors, publisher, subjects, clc, call_number";

/// The rows a run made, as a condition on table alias `x` (its ids past
/// what was there before, written at the run's instant).
fn made(x: &str) -> String {
    let (first, last) = match x {
        "t" => ("first_title", "last_title"),
        "c" => ("first_copy", "last_copy"),
        _ => ("first_person", "last_person"),
    };
    format!(
        "{x}.id BETWEEN (SELECT {first} FROM import_runs WHERE id = ?1)
                   AND (SELECT coalesce({last}, 0) FROM import_runs WHERE id = ?1)
         AND {x}.created_at = (SELECT at FROM import_runs WHERE id = ?1)"
    )
}

/// Whether a person `p` has been used since: anything that refers to them
/// and is not deleted with them. (A test holds this to the schema's
/// foreign keys: every table that refers to people is named here.)
pub(crate) const PERSON_USED: &str = "EXISTS (SELECT 1 FROM loans x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM holds x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_signins x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_invitations x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_presenters x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_sessions x WHERE x.host_id = p.id)
        OR EXISTS (SELECT 1 FROM enrolments x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM attendance x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM training_sessions x WHERE x.lecturer_id = p.id)
        OR EXISTS (SELECT 1 FROM booking_people x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM reader_pins x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM suggestions x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM reading_notes x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_offers x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM leave_requests x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_waitlist x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM share_series x WHERE x.host_id = p.id)
        OR EXISTS (SELECT 1 FROM routing_stops x WHERE x.person_id = p.id)
        OR EXISTS (SELECT 1 FROM routing_legs x WHERE x.person_id = p.id)";

/// Everything that blocks undoing run `run`, in words: what was made and
/// used or changed since.
pub(super) fn blockers(conn: &Connection, run: i64) -> Result<Vec<String>> {
    let copies = format!(
        "SELECT '册 ' || c.barcode || '《' || t.title || '》' ||
            CASE WHEN EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id) THEN '已借出过'
                 WHEN c.status <> 'on_shelf' THEN '状态已改过'
                 WHEN EXISTS (SELECT 1 FROM stocktake_items s WHERE s.copy_id = c.id) THEN '已列入盘点'
                 WHEN EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id) THEN '已为预约留书'
                 WHEN EXISTS (SELECT 1 FROM issues i WHERE i.bound_copy_id = c.id) THEN '是报刊合订本'
                 ELSE '已修改过' END
         FROM copies c JOIN titles t ON t.id = c.title_id
         WHERE {} AND (EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id)
                       OR c.status <> 'on_shelf' OR c.updated_at <> c.created_at
                       OR EXISTS (SELECT 1 FROM stocktake_items s WHERE s.copy_id = c.id)
                       OR EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id)
                       OR EXISTS (SELECT 1 FROM issues i WHERE i.bound_copy_id = c.id))",
        made("c")
    );
    let titles = format!(
        "SELECT '《' || t.title || '》' ||
            CASE WHEN t.revision > 0 THEN '已修改过'
                 WHEN EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id) THEN '有人预约过'
                 WHEN EXISTS (SELECT 1 FROM share_presenters p WHERE p.title_id = t.id) THEN '已用于读书分享'
                 WHEN EXISTS (SELECT 1 FROM reading_notes n WHERE n.title_id = t.id) THEN '有读者写了心得'
                 WHEN EXISTS (SELECT 1 FROM reading_list_items i WHERE i.title_id = t.id) THEN '已列入书单'
                 WHEN EXISTS (SELECT 1 FROM suggestions g WHERE g.title_id = t.id) THEN '是读者荐购的书'
                 WHEN EXISTS (SELECT 1 FROM share_offers o WHERE o.title_id = t.id) THEN '有读者报名分享'
                 WHEN EXISTS (SELECT 1 FROM serials r WHERE r.title_id = t.id) THEN '是订阅的报刊'
                 WHEN EXISTS (SELECT 1 FROM order_lines o WHERE o.title_id = t.id) THEN '是采购验收的书'
                 ELSE '此后又加了册' END
         FROM titles t
         WHERE {} AND (t.revision > 0
                       OR EXISTS (SELECT 1 FROM holds h WHERE h.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM share_presenters p WHERE p.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM reading_notes n WHERE n.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM reading_list_items i WHERE i.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM suggestions g WHERE g.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM share_offers o WHERE o.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM serials r WHERE r.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM order_lines o WHERE o.title_id = t.id)
                       OR EXISTS (SELECT 1 FROM copies c WHERE c.title_id = t.id AND NOT ({})))",
        made("t"),
        made("c")
    );
    let used = PERSON_USED;
    let people = format!(
        "SELECT p.name || CASE WHEN p.revision > 0 THEN '（已修改过）' ELSE '（已借书、报名、签到、设了 PIN 或列入传阅名单）' END
         FROM people p WHERE {} AND (p.revision > 0 OR {used})",
        made("p")
    );
    let updated = "SELECT p.name || '（导入后又修改过）'
         FROM import_people_before b JOIN people p ON p.id = b.person_id
         WHERE b.run_id = ?1 AND p.revision <> b.revision";
    let mut found = Vec::new();
    for sql in [copies.as_str(), titles.as_str(), people.as_str(), updated] {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([run], |r| r.get::<_, String>(0))?;
        found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    Ok(found)
}

/// Removes what run `run` made and gives people it updated their fields
/// back; marks it undone. The caller checked [`blockers`]. Without
/// `phones` (a role that does not see phone numbers), a phone is kept as
/// stored, as that role's own edits keep it.
pub(super) fn undo(tx: &WriteTx<'_>, run: i64, phones: bool) -> Result<UndoReport> {
    // People it updated: their fields as they were.
    let restored: Vec<(i64, String)> = {
        let mut stmt = tx.prepare_cached(
            "SELECT person_id, fields FROM import_people_before WHERE run_id = ?1",
        )?;
        let rows = stmt.query_map([run], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (id, fields) in &restored {
        let b: PersonFields = serde_json::from_str(fields)
            .map_err(|_| Error::conflict("导入前的人员资料无法读取，没有撤销。"))?;
        let keys = crate::text::name_keys(&b.name);
        tx.prepare_cached(
            "UPDATE people SET kind = ?2, name = ?3, department = ?4, delegation = ?5,
                    professional_group = ?6, card_barcode = ?7,
                    phone = CASE WHEN ?13 THEN ?8 ELSE phone END, note = ?9,
                    name_keys = ?10, sort_key = ?11, updated_at = ?12, revision = revision + 1
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            b.kind,
            b.name,
            b.department,
            b.delegation,
            b.professional_group,
            b.card_barcode,
            b.phone,
            b.note,
            keys.keys,
            keys.sort,
            tx.now(),
            phones
        ])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::conflict(format!(
                "{} 导入前的借书证号 {} 此后已给了别人，没有撤销。",
                b.name,
                b.card_barcode.as_deref().unwrap_or("")
            )),
            _ => e.into(),
        })?;
    }
    let copies = tx.execute(
        &format!(
            "DELETE FROM copies WHERE id IN (SELECT c.id FROM copies c WHERE {})",
            made("c")
        ),
        [run],
    )?;
    // The titles out of the search indexes (as the catalogue's store
    // takes one out: the values it gave them), then gone.
    let made_titles = format!("SELECT t.id FROM titles t WHERE {}", made("t"));
    tx.execute(
        &format!(
            "INSERT INTO titles_fts (titles_fts, rowid, {FTS_COLUMNS})
             SELECT 'delete', id, {FTS_COLUMNS} FROM titles WHERE id IN ({made_titles})"
        ),
        [run],
    )?;
    tx.execute(
        &format!(
            "INSERT INTO titles_pinyin (titles_pinyin, rowid, pinyin, initials)
             SELECT 'delete', id, fullwidth(pinyin), fullwidth(initials) FROM titles
              WHERE id IN ({made_titles})"
        ),
        [run],
    )?;
    tx.execute(
        &format!("DELETE FROM titles_chars WHERE rowid IN ({made_titles})"),
        [run],
    )?;
    let titles = tx.execute(
        &format!("DELETE FROM titles WHERE id IN ({made_titles})"),
        [run],
    )?;
    let people = tx.execute(
        &format!(
            "DELETE FROM people WHERE id IN (SELECT p.id FROM people p WHERE {})",
            made("p")
        ),
        [run],
    )?;
    tx.prepare_cached("UPDATE import_runs SET undone_at = ?2 WHERE id = ?1")?
        .execute(params![run, tx.now()])?;
    Ok(UndoReport {
        titles,
        copies,
        people_removed: people,
        people_restored: restored.len(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_table_that_refers_to_a_person_blocks_the_undo() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::schema::migrate(&conn).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                  WHERE m.type = 'table' AND f.\"table\" = 'people' AND f.on_delete <> 'CASCADE'",
            )
            .unwrap();
        let refs: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(refs.len() > 10, "{refs:?}");
        for (table, column) in refs {
            let named = format!("FROM {table} x WHERE x.{column} = p.id");
            assert!(
                super::PERSON_USED.contains(&named),
                "undoing a people import would break {table}.{column}: add it to PERSON_USED"
            );
        }
    }
}
