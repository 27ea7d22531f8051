//! New titles answer the readers' suggestions waiting for them: the SQL of
//! what the `suggestions_arrive` trigger did until migration 0025, run by
//! the catalogue's store once for each batch of titles it adds (an import's
//! whole list, or one title). The tables are participation's (荐购) and
//! circulation's (预约); no code of theirs is called, so neither area
//! depends on the catalogue through the other.

use rusqlite::{OptionalExtension, params};

use crate::db::WriteTx;
use crate::error::Result;

// The first title of a batch a suggestion names, by ISBN or by its words,
// of the kind it asks for (a subscribed title answers periodicals, any
// other books). The batch's id range is written `+id` so that it is only a
// filter: the lookup goes by the ISBN or match-key index, not through every
// title of a large import for each open suggestion.
const BY_ISBN: &str = "SELECT id FROM titles WHERE isbn = ?1 AND +id BETWEEN ?2 AND ?3
      AND (CASE WHEN coalesce(source, '') = '订阅' THEN 'periodical' ELSE 'book' END) = ?4";
const BY_WORDS: &str = "SELECT min(id) FROM titles
     WHERE match_key >= ?1 || '|' AND match_key < ?1 || '}'
       AND substr(match_key, 1, length(?1) + 1) = ?1 || '|'
       AND (?5 = '' OR instr(substr(match_key, length(?1) + 2), ?5) > 0)
       AND +id BETWEEN ?2 AND ?3
       AND (CASE WHEN coalesce(source, '') = '订阅' THEN 'periodical' ELSE 'book' END) = ?4";

/// The readers' suggestions that titles `first..=last`, just catalogued,
/// answer (what the `suggestions_arrive` trigger did until migration 0025,
/// now once per batch): each open suggestion arrives with the first of them
/// that matches it — by ISBN, or by title and (when given) author as the
/// catalogue folds them, a periodical's suggestion only by a subscribed
/// title (source 订阅), a book's only by any other — and a book's reader,
/// when active, is put in the title's hold queue.
pub(super) fn suggestions_arrive(tx: &WriteTx<'_>, first: i64, last: i64) -> Result<()> {
    let open: Vec<(i64, i64, String, Option<String>, String, String)> = tx
        .prepare_cached(
            "SELECT id, person_id, kind, isbn, match_title, match_author FROM suggestions
              WHERE status IN ('submitted', 'accepted') ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, person, kind, isbn, match_title, match_author) in open {
        let by_isbn: Option<i64> = match &isbn {
            Some(isbn) => tx
                .prepare_cached(BY_ISBN)?
                .query_row(params![isbn, first, last, kind], |r| r.get(0))
                .optional()?,
            None => None,
        };
        let by_words: Option<i64> = tx
            .prepare_cached(BY_WORDS)?
            .query_row(params![match_title, first, last, kind, match_author], |r| {
                r.get(0)
            })?;
        let Some(title) = by_isbn.into_iter().chain(by_words).min() else {
            continue;
        };
        if kind == "book" {
            tx.prepare_cached(
                "INSERT INTO holds (title_id, person_id, placed_at)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM people WHERE id = ?2 AND active = 1)
                    AND NOT EXISTS (SELECT 1 FROM holds WHERE title_id = ?1 AND person_id = ?2
                                       AND status IN ('waiting', 'ready'))",
            )?
            .execute(params![title, person, tx.now()])?;
        }
        tx.prepare_cached(
            "UPDATE suggestions SET status = 'arrived', title_id = ?2, arrived_at = ?3 WHERE id = ?1",
        )?
        .execute(params![id, title, tx.now()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{BY_ISBN, BY_WORDS};
    use crate::Db;

    #[test]
    fn a_suggestion_is_looked_up_by_its_index_not_through_the_whole_batch() {
        let db = Db::open_in_memory().unwrap();
        let plan = |sql: &str| -> String {
            db.read(|tx| {
                let mut stmt = tx.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
                let args = ["x", "1", "2", "book", ""];
                let n = stmt.parameter_count();
                let rows = stmt
                    .query_map(rusqlite::params_from_iter(&args[..n]), |r| {
                        r.get::<_, String>(3)
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok(rows.join("; "))
            })
            .unwrap()
        };
        assert!(
            plan(BY_WORDS).contains("titles_match_key"),
            "{}",
            plan(BY_WORDS)
        );
        assert!(
            plan(BY_ISBN).contains("INDEX sqlite_autoindex_titles"),
            "{}",
            plan(BY_ISBN)
        );
    }
}
