//! All SQL of the catalogue: titles (here: storing, indexing for search,
//! finding them), copies, the CLC table, and the search itself.

mod arrivals;
pub(super) mod clc;
pub(super) mod copies;
pub(super) mod search;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Copy, Title, ValidTitle};
use crate::db::WriteTx;
use crate::error::{Error, Result};
use crate::text::{fold_width, pinyin_keys};

/// The columns of a title row plus its copy counts.
pub(super) const TITLE_COLUMNS: &str = "t.*,
    (SELECT count(*) FROM copies c WHERE c.title_id = t.id AND c.status <> 'withdrawn') AS copies,
    (SELECT count(*) FROM copies c WHERE c.title_id = t.id AND c.status = 'on_shelf'
        AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.copy_id = c.id AND h.status = 'ready'))
        AS available";

impl Title {
    pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Title> {
        Ok(Title {
            id: row.get("id")?,
            isbn: row.get("isbn")?,
            title: row.get("title")?,
            subtitle: row.get("subtitle")?,
            authors: row.get("authors")?,
            publisher: row.get("publisher")?,
            year: row.get("year")?,
            edition: row.get("edition")?,
            clc: row.get("clc")?,
            call_number: row.get("call_number")?,
            subjects: row.get("subjects")?,
            summary: row.get("summary")?,
            price: row.get("price")?,
            source: row.get("source")?,
            note: row.get("note")?,
            alt_title: row.get("alt_title")?,
            copies: row.get("copies")?,
            available: row.get("available")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
            revision: row.get("revision")?,
        })
    }
}

/// The key that finds a duplicate without an ISBN: title, authors and
/// publisher, folded and without spaces or punctuation.
pub(crate) fn match_key(t: &ValidTitle) -> String {
    [Some(&t.title), t.authors.as_ref(), t.publisher.as_ref()]
        .iter()
        .map(|part| match_part(part.map(String::as_str).unwrap_or("")))
        .collect::<Vec<_>>()
        .join("|")
}

/// One part of [`match_key`]: folded, lower-case, letters and digits only
/// (a reader's suggestion is matched to arriving titles by these).
pub(crate) fn match_part(text: &str) -> String {
    fold_width(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One title with its copy counts, or `not_found`.
pub(crate) fn get_title(conn: &Connection, id: i64) -> Result<Title> {
    conn.prepare_cached(&format!(
        "SELECT {TITLE_COLUMNS} FROM titles t WHERE t.id = ?1"
    ))?
    .query_row([id], Title::from_row)
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的书目。")))
}

/// The title with this ISBN-13.
pub(crate) fn find_title_by_isbn(conn: &Connection, isbn: &str) -> Result<Option<Title>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {TITLE_COLUMNS} FROM titles t WHERE t.isbn = ?1"
        ))?
        .query_row([isbn], Title::from_row)
        .optional()?)
}

/// The id and title of the title with this ISBN-13, or else (for records
/// without one) of the first with the same title, authors, publisher and
/// year of publication: the duplicate an imported row becomes extra copies
/// of. Without an ISBN, two editions differ by publisher or by year.
pub(crate) fn find_duplicate(
    conn: &Connection,
    isbn: Option<&str>,
    match_key: &str,
    year: Option<&str>,
) -> Result<Option<(i64, String)>> {
    if let Some(isbn) = isbn {
        return Ok(conn
            .prepare_cached("SELECT id, title FROM titles WHERE isbn = ?1")?
            .query_row([isbn], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?);
    }
    let mut statement =
        conn.prepare_cached("SELECT id, title, year FROM titles WHERE match_key = ?1 ORDER BY id")?;
    let mut rows = statement.query([match_key])?;
    let wanted = year_of(year);
    while let Some(r) = rows.next()? {
        let stored: Option<String> = r.get(2)?;
        if year_of(stored.as_deref()) == wanted {
            return Ok(Some((r.get(0)?, r.get(1)?)));
        }
    }
    Ok(None)
}

/// The year of publication as compared for duplicates: its first four
/// digits (2004, 2004-05 and c2004 are one year), else the text as written.
fn year_of(year: Option<&str>) -> Option<String> {
    let y = year?.trim();
    if y.is_empty() {
        return None;
    }
    let digits: Vec<char> = y.chars().collect();
    let found = digits
        .windows(4)
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect());
    Some(found.unwrap_or_else(|| y.to_owned()))
}

/// The next 种次号 in a class: one past the highest number used in `clc/…`.
pub(crate) fn next_call_sequence(conn: &Connection, clc: &str) -> Result<u32> {
    let class = clc.trim().to_ascii_uppercase();
    // The highest numbered call number of the class is the last one in shelf
    // order among those whose 种次号 starts with a digit ('0' … ':' in the
    // padded key): one index lookup, however large the class.
    let last: Option<String> = conn
        .prepare_cached(
            "SELECT call_number FROM titles WHERE call_sort >= ?1 AND call_sort < ?2
             ORDER BY call_sort DESC LIMIT 1",
        )?
        .query_row([format!("{class}/0"), format!("{class}/:")], |r| r.get(0))
        .optional()?;
    let max = last
        .as_deref()
        .and_then(|c| c.split_once('/'))
        .and_then(|(_, rest)| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse::<u32>()
                .ok()
        })
        .unwrap_or(0);
    Ok(max + 1)
}

/// The shelf-order key of a call number: the 种次号 padded so that
/// D62/2 sorts before D62/10, as the books stand.
pub(crate) fn call_sort(call_number: &str) -> String {
    match call_number.split_once('/') {
        Some((class, rest)) => {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u64>() {
                Ok(n) => format!("{class}/{n:08}{}", &rest[digits.len()..]),
                Err(_) => call_number.to_owned(),
            }
        }
        None => call_number.to_owned(),
    }
}

fn refuse_taken_isbn(conn: &Connection, t: &ValidTitle, except: Option<i64>) -> Result<()> {
    if let Some(isbn) = &t.isbn
        && let Some(other) =
            find_title_by_isbn(conn, isbn.as_str())?.filter(|o| Some(o.id) != except)
    {
        return Err(Error::conflict_on(
            "isbn",
            format!(
                "ISBN {isbn} 已是《{}》的书号。如是同一种书，请给它添加复本。",
                other.title
            ),
        ));
    }
    Ok(())
}

/// What a title is found and matched by, derived from its fields: worked
/// out apart from the write (an import does it on a second thread).
pub(crate) struct TitleKeys {
    /// Pinyin of title and authors, phrase-aware, no spaces.
    pinyin: String,
    initials: String,
    match_key: String,
}

impl TitleKeys {
    pub(crate) fn of(t: &ValidTitle) -> TitleKeys {
        // The other title (a romanised one) is found by its letters too.
        let text = format!(
            "{} {} {}",
            t.title,
            t.authors.as_deref().unwrap_or(""),
            t.alt_title.as_deref().unwrap_or("")
        );
        let (pinyin, initials) = pinyin_keys(&text);
        TitleKeys {
            pinyin,
            initials,
            match_key: match_key(t),
        }
    }

    pub(crate) fn match_key(&self) -> &str {
        &self.match_key
    }
}

/// The columns of the trigram index over a title's own words.
const FTS_COLUMNS: &str = "title, subtitle, authors, publisher, subjects, clc, call_number";

/// What the pinyin index holds of a title (migration 0026): its pinyin and
/// initials with every letter and digit in full width, `ｗａｎｌｉ`, as a
/// search asks it. Three ASCII letters make a poor key for the full-text
/// index's in-memory hash (five probes per lookup, against one for the
/// same letters in full width): the import wrote its index twice as fast
/// this way, with the same matches.
const PINYIN_VALUES: &str = "fullwidth(pinyin), fullwidth(initials)";

/// The text of a title the short-query index holds.
const CHARS_TEXT: &str = "concat_ws(' ', spaced_cjk(concat_ws(' ', title, subtitle, authors, publisher, subjects)), initials, pinyin)";

/// Adds titles `first..=last` to the search indexes.
pub(crate) fn index_titles(tx: &WriteTx<'_>, first: i64, last: i64) -> Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO titles_fts (rowid, {FTS_COLUMNS}) SELECT id, {FTS_COLUMNS} FROM titles WHERE id BETWEEN ?1 AND ?2"
    ))?
    .execute([first, last])?;
    tx.prepare_cached(&format!(
        "INSERT INTO titles_pinyin (rowid, pinyin, initials) SELECT id, {PINYIN_VALUES} FROM titles WHERE id BETWEEN ?1 AND ?2"
    ))?
    .execute([first, last])?;
    tx.prepare_cached(&format!(
        "INSERT INTO titles_chars (rowid, text) SELECT id, {CHARS_TEXT} FROM titles WHERE id BETWEEN ?1 AND ?2"
    ))?
    .execute([first, last])?;
    Ok(())
}

/// New titles `first..=last` join the search indexes and answer the
/// readers' suggestions they match.
pub(crate) fn titles_added(tx: &WriteTx<'_>, first: i64, last: i64) -> Result<()> {
    index_titles(tx, first, last)?;
    arrivals::suggestions_arrive(tx, first, last)
}

/// Takes the titles `ids` (a query of their ids with one parameter, `?1`
/// = `param`), as they are stored now, out of the search indexes: the
/// external-content indexes are told the values they were given.
fn unindex_titles(tx: &WriteTx<'_>, ids: &str, param: i64) -> Result<()> {
    tx.prepare_cached(&format!(
        "INSERT INTO titles_fts (titles_fts, rowid, {FTS_COLUMNS})
         SELECT 'delete', id, {FTS_COLUMNS} FROM titles WHERE id IN ({ids})"
    ))?
    .execute([param])?;
    tx.prepare_cached(&format!(
        "INSERT INTO titles_pinyin (titles_pinyin, rowid, pinyin, initials)
         SELECT 'delete', id, {PINYIN_VALUES} FROM titles WHERE id IN ({ids})"
    ))?
    .execute([param])?;
    tx.prepare_cached(&format!("DELETE FROM titles_chars WHERE rowid IN ({ids})"))?
        .execute([param])?;
    Ok(())
}

/// Takes title `id`, as it is stored now, out of the search indexes.
fn unindex_title(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    unindex_titles(tx, "SELECT ?1", id)
}

/// Takes title `id` out of the search indexes and deletes it, its copies
/// with it.
pub(crate) fn remove_title_row(tx: &WriteTx<'_>, id: i64) -> Result<()> {
    unindex_title(tx, id)?;
    tx.prepare_cached("DELETE FROM titles WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Stores a validated title and indexes it for search; an empty call number
/// gets the next 种次号 of its class.
pub(crate) fn insert_title(tx: &WriteTx<'_>, t: &ValidTitle) -> Result<i64> {
    let id = insert_title_unindexed(tx, t)?;
    titles_added(tx, id, id)?;
    Ok(id)
}

/// Stores a validated title without indexing it: the caller indexes a whole
/// batch with [`titles_added`] before its transaction ends.
pub(crate) fn insert_title_unindexed(tx: &WriteTx<'_>, t: &ValidTitle) -> Result<i64> {
    refuse_taken_isbn(tx, t, None)?;
    insert_title_row(tx, t)
}

/// Stores a title whose ISBN the caller has just checked is free.
pub(crate) fn insert_title_row(tx: &WriteTx<'_>, t: &ValidTitle) -> Result<i64> {
    insert_title_row_keyed(tx, t, &TitleKeys::of(t))
}

/// [`insert_title_row`] with the title's keys already worked out.
pub(crate) fn insert_title_row_keyed(
    tx: &WriteTx<'_>,
    t: &ValidTitle,
    keys: &TitleKeys,
) -> Result<i64> {
    let call_number = match (&t.call_number, &t.clc) {
        (Some(c), _) => Some(c.clone()),
        (None, Some(clc)) => Some(format!("{clc}/{}", next_call_sequence(tx, clc)?)),
        (None, None) => None,
    };
    tx.prepare_cached(
        "INSERT INTO titles (isbn, title, subtitle, authors, publisher, year, edition, clc, call_number, subjects,
                             summary, price, source, note, pinyin, initials, match_key, created_at, updated_at, call_sort,
                             alt_title)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?19, ?20)",
    )?
    .execute(params![
        t.isbn.as_ref().map(|i| i.as_str()),
        t.title,
        t.subtitle,
        t.authors,
        t.publisher,
        t.year,
        t.edition,
        t.clc,
        call_number,
        t.subjects,
        t.summary,
        t.price,
        t.source,
        t.note,
        keys.pinyin,
        keys.initials,
        keys.match_key,
        tx.now(),
        call_number.as_deref().map(call_sort),
        t.alt_title,
    ])?;
    let id = tx.last_insert_rowid();
    tx.audit(
        crate::Action::Create,
        crate::Entity::Title,
        Some(id),
        &format!("新增书目：《{}》", t.title),
    )?;
    Ok(id)
}

/// Replaces a title's fields with validated ones.
pub(crate) fn update_title(tx: &WriteTx<'_>, id: i64, t: &ValidTitle) -> Result<()> {
    get_title(tx, id)?;
    refuse_taken_isbn(tx, t, Some(id))?;
    unindex_title(tx, id)?;
    let keys = TitleKeys::of(t);
    tx.prepare_cached(
        "UPDATE titles SET isbn = ?2, title = ?3, subtitle = ?4, authors = ?5, publisher = ?6, year = ?7, edition = ?8,
                clc = ?9, call_number = ?10, subjects = ?11, summary = ?12, price = ?13, source = ?14, note = ?15,
                pinyin = ?16, initials = ?17, match_key = ?18, updated_at = ?19, call_sort = ?20,
                alt_title = ?21, revision = revision + 1
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        t.isbn.as_ref().map(|i| i.as_str()),
        t.title,
        t.subtitle,
        t.authors,
        t.publisher,
        t.year,
        t.edition,
        t.clc,
        t.call_number,
        t.subjects,
        t.summary,
        t.price,
        t.source,
        t.note,
        keys.pinyin,
        keys.initials,
        keys.match_key,
        tx.now(),
        t.call_number.as_deref().map(call_sort),
        t.alt_title,
    ])?;
    index_titles(tx, id, id)?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::Title,
        Some(id),
        &format!("修改书目：《{}》", t.title),
    )?;
    Ok(())
}

/// Every title with its copies, in call-number order, handed to `each` one
/// at a time (an export of the whole catalogue never holds it all in memory).
pub(crate) fn each_title_with_copies(
    conn: &Connection,
    mut each: impl FnMut(&Title, &[Copy]) -> Result<()>,
) -> Result<()> {
    let mut titles = conn.prepare(&format!(
        "SELECT {TITLE_COLUMNS} FROM titles t ORDER BY t.call_sort IS NULL, t.call_sort, t.id"
    ))?;
    let mut copies =
        conn.prepare_cached("SELECT * FROM copies WHERE title_id = ?1 ORDER BY barcode")?;
    let mut rows = titles.query([])?;
    while let Some(row) = rows.next()? {
        let title = Title::from_row(row)?;
        let list = copies
            .query_map([title.id], Copy::from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        each(&title, &list)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::catalog::{NewCopies, NewTitle, create_title, next_call_sequence};
    use crate::{Actor, Db};

    fn add(db: &Db, clc: &str, call: Option<&str>) -> Option<String> {
        let new = NewTitle {
            title: format!("书{clc}{call:?}"),
            clc: Some(clc.into()),
            call_number: call.map(Into::into),
            ..Default::default()
        };
        create_title(db, &Actor::CommandLine, &new, &NewCopies::default())
            .unwrap()
            .call_number
    }

    #[test]
    fn the_next_call_number_in_a_class_follows_the_highest_used() {
        let db = Db::open_in_memory().unwrap();
        assert_eq!(
            add(&db, "D62", None).as_deref(),
            Some("D62/1"),
            "the first title of a class gets 1"
        );
        add(&db, "D62", Some("D62/15"));
        add(&db, "D621", Some("D621/40"));
        add(&db, "D62", Some("D62/7:2"));
        assert_eq!(
            db.read(|tx| next_call_sequence(tx, "D62")).unwrap(),
            16,
            "D621/40 is another class; 7:2 counts as 7"
        );
        assert_eq!(add(&db, "d62", None).as_deref(), Some("D62/16"));
        assert_eq!(db.read(|tx| next_call_sequence(tx, "K248")).unwrap(), 1);
    }

    #[test]
    fn call_numbers_sort_in_shelf_order() {
        use super::call_sort;
        let mut calls = ["D62/10", "D62/2", "D621/1", "D62/2:1", "K248"];
        calls.sort_by_key(|c| call_sort(c));
        assert_eq!(calls, ["D62/2", "D62/2:1", "D62/10", "D621/1", "K248"]);
    }

    #[test]
    fn a_second_title_with_the_same_isbn_is_refused_with_a_hint() {
        let db = Db::open_in_memory().unwrap();
        let new = NewTitle {
            title: "长征".into(),
            isbn: Some("7-02-005383-1".into()),
            ..Default::default()
        };
        create_title(&db, &Actor::CommandLine, &new, &NewCopies::default()).unwrap();
        let err = create_title(&db, &Actor::CommandLine, &new, &NewCopies::default()).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert!(err.to_string().contains("添加复本"), "{err}");
    }
}
