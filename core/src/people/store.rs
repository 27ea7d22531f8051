//! All SQL about people.

use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter, types::Value};

use super::{NewPerson, Page, PeopleQuery, Person, PersonKind, ValidPerson};
use crate::db::WriteTx;
use crate::error::{Error, Result};
use crate::text::{like_escape, name_keys, search_key};

impl Person {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
        Ok(Person {
            id: row.get("id")?,
            kind: PersonKind::from_code(&row.get::<_, String>("kind")?),
            name: row.get("name")?,
            department: row.get("department")?,
            delegation: row.get("delegation")?,
            professional_group: row.get("professional_group")?,
            card_barcode: row.get("card_barcode")?,
            phone: row.get("phone")?,
            note: row.get("note")?,
            active: row.get("active")?,
            created_at: row.get("created_at")?,
            updated_at: row.get("updated_at")?,
            revision: row.get("revision")?,
        })
    }
}

/// One person, or `not_found`.
pub(crate) fn get_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.prepare_cached("SELECT * FROM people WHERE id = ?1")?
        .query_row([id], Person::from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("找不到编号为 {id} 的人员，可能已被删除。")))
}

/// The person holding a card barcode (as scanned: folded and upper-cased).
pub(crate) fn find_person_by_card(conn: &Connection, card: &str) -> Result<Option<Person>> {
    let Some(card) = super::normalize_card(card)? else {
        return Ok(None);
    };
    Ok(conn
        .prepare_cached("SELECT * FROM people WHERE card_barcode = ?1")?
        .query_row([card], Person::from_row)
        .optional()?)
}

fn refuse_taken_card(conn: &Connection, card: Option<&str>, except: Option<i64>) -> Result<()> {
    let Some(card) = card else { return Ok(()) };
    if let Some(holder) = find_person_by_card(conn, card)?.filter(|p| Some(p.id) != except) {
        return Err(Error::conflict_on(
            "card_barcode",
            format!("借书证号 {card} 已属于{}，请换一个证号。", holder.name),
        ));
    }
    Ok(())
}

/// The person a card-less import row means: same name, kind and unit.
pub(crate) fn find_by_name(conn: &Connection, p: &ValidPerson) -> Result<Option<Person>> {
    Ok(conn
        .prepare_cached(
            "SELECT * FROM people WHERE name = ?1 AND kind = ?2
               AND ifnull(department, '') = ifnull(?3, '') AND ifnull(delegation, '') = ifnull(?4, '')
             ORDER BY id LIMIT 1",
        )?
        .query_row(params![p.name, p.kind.code(), p.department, p.delegation], Person::from_row)
        .optional()?)
}

pub(crate) fn insert_valid(tx: &WriteTx<'_>, p: &ValidPerson) -> Result<Person> {
    refuse_taken_card(tx, p.card_barcode.as_deref(), None)?;
    let keys = name_keys(&p.name);
    tx.prepare_cached(
        "INSERT INTO people (kind, name, department, delegation, professional_group, card_barcode,
                             phone, note, name_keys, sort_key, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params![
        p.kind.code(),
        p.name,
        p.department,
        p.delegation,
        p.professional_group,
        p.card_barcode,
        p.phone,
        p.note,
        keys.keys,
        keys.sort,
        tx.now(),
    ])?;
    let id = tx.last_insert_rowid();
    tx.audit(
        crate::Action::Create,
        crate::Entity::Person,
        Some(id),
        &format!("新增{}：{}", p.kind.label(), p.name),
    )?;
    get_person(tx, id)
}

pub(crate) fn update_valid(tx: &WriteTx<'_>, id: i64, p: &ValidPerson) -> Result<Person> {
    let before = get_person(tx, id)?;
    refuse_taken_card(tx, p.card_barcode.as_deref(), Some(id))?;
    let keys = name_keys(&p.name);
    tx.prepare_cached(
        "UPDATE people SET kind = ?2, name = ?3, department = ?4, delegation = ?5, professional_group = ?6,
                card_barcode = ?7, phone = ?8, note = ?9, name_keys = ?10, sort_key = ?11, updated_at = ?12,
                revision = revision + 1
         WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.kind.code(),
        p.name,
        p.department,
        p.delegation,
        p.professional_group,
        p.card_barcode,
        p.phone,
        p.note,
        keys.keys,
        keys.sort,
        tx.now(),
    ])?;
    let summary = if before.name == p.name {
        format!("修改人员：{}", p.name)
    } else {
        format!("修改人员：{} → {}", before.name, p.name)
    };
    tx.audit(
        crate::Action::Update,
        crate::Entity::Person,
        Some(id),
        &summary,
    )?;
    get_person(tx, id)
}

/// Validates and stores a new person.
pub(crate) fn insert_person(tx: &WriteTx<'_>, new: &NewPerson) -> Result<Person> {
    insert_valid(tx, &new.validate()?)
}

/// Validates and stores new fields for person `id`.
pub(crate) fn update_person(tx: &WriteTx<'_>, id: i64, new: &NewPerson) -> Result<Person> {
    let stored = get_person(tx, id)?;
    crate::error::check_revision(stored.revision, new.revision)?;
    let mut valid = new.validate_edit(&stored)?;
    // A role that does not see phone numbers saves the one stored: the
    // empty field its form showed is not an edit.
    if !tx.actor().sees_phones() {
        valid.phone = stored.phone.clone();
    }
    update_valid(tx, id, &valid)
}

/// Marks a person active or inactive.
pub(crate) fn set_person_active(tx: &WriteTx<'_>, id: i64, active: bool) -> Result<Person> {
    let person = get_person(tx, id)?;
    if person.active == active {
        return Ok(person);
    }
    // Deactivating ends the reader's sessions on the intranet pages.
    tx.prepare_cached(
        "UPDATE people SET active = ?2, updated_at = ?3, reader_epoch = reader_epoch + 1 WHERE id = ?1",
    )?
    .execute(params![id, active, tx.now()])?;
    let (action, verb) = if active {
        (crate::Action::Reactivate, "恢复")
    } else {
        (crate::Action::Deactivate, "停用")
    };
    tx.audit(
        action,
        crate::Entity::Person,
        Some(id),
        &format!("{verb}人员：{}", person.name),
    )?;
    get_person(tx, id)
}

const MAX_PAGE: u32 = 200;

/// A page of people, best matches first when searching, else by pinyin of name.
pub(crate) fn list_people(conn: &Connection, q: &PeopleQuery) -> Result<Page<Person>> {
    let mut filters: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut rank = String::new();
    if !q.include_inactive {
        filters.push("active = 1".into());
    }
    if let Some(kind) = q.kind {
        args.push(kind.code().to_owned().into());
        filters.push(format!("kind = ?{}", args.len()));
    }
    if let Some(group) = q.professional_group.as_deref().filter(|g| !g.is_empty()) {
        args.push(group.to_owned().into());
        filters.push(format!("professional_group = ?{}", args.len()));
    }
    if let Some(dept) = q.department.as_deref().filter(|d| !d.is_empty()) {
        args.push(dept.to_owned().into());
        filters.push(format!("department = ?{}", args.len()));
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let key = search_key(text);
        args.push(text.to_owned().into());
        let exact = args.len();
        args.push(format!("%{}%", like_escape(text)).into());
        let contains = args.len();
        args.push(format!("% {}%", like_escape(&key)).into());
        let pinyin = args.len();
        args.push(key.to_ascii_uppercase().into());
        let card = args.len();
        filters.push(format!(
            "(name LIKE ?{contains} ESCAPE '\\' OR name_keys LIKE ?{pinyin} ESCAPE '\\' OR card_barcode = ?{card})"
        ));
        rank = format!(
            "CASE WHEN name = ?{exact} OR card_barcode = ?{card} THEN 0
                  WHEN substr(name, 1, length(?{exact})) = ?{exact} THEN 1
                  WHEN name_keys LIKE ?{pinyin} ESCAPE '\\' THEN 2 ELSE 3 END, "
        );
    }
    let filter = if filters.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", filters.join(" AND "))
    };
    let limit = q.limit.unwrap_or(50).clamp(1, MAX_PAGE);
    // One pass: the page and, with each row, how many match in all.
    let sql = format!(
        "SELECT *, count(*) OVER () AS total FROM people {filter}
         ORDER BY {rank}sort_key, id LIMIT {limit} OFFSET {}",
        q.offset
    );
    let mut total: i64 = 0;
    let items: Vec<Person> = conn
        .prepare_cached(&sql)?
        .query_map(params_from_iter(args.iter()), |r| {
            total = r.get("total")?;
            Person::from_row(r)
        })?
        .collect::<rusqlite::Result<_>>()?;
    if items.is_empty() && q.offset > 0 {
        // Past the end: count separately, so the pager still knows the total.
        total = conn
            .prepare_cached(&format!("SELECT count(*) FROM people {filter}"))?
            .query_row(params_from_iter(args.iter()), |r| r.get(0))?;
    }
    Ok(Page {
        items,
        total: total as u64,
        offset: q.offset,
        limit,
        capped: false,
    })
}

/// A reader's PIN hash, when they have one.
pub(crate) fn reader_pin(conn: &Connection, person_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT pin_hash FROM reader_pins WHERE person_id = ?1")?
        .query_row([person_id], |r| r.get(0))
        .optional()?)
}

/// A reader's sign-in as it stands: whether they are active and have a
/// PIN, and the epoch their sessions must carry.
pub(crate) fn reader_standing(conn: &Connection, person_id: i64) -> Result<Option<(bool, i64)>> {
    Ok(conn
        .prepare_cached(
            "SELECT p.active AND EXISTS (SELECT 1 FROM reader_pins WHERE person_id = p.id), p.reader_epoch
             FROM people p WHERE p.id = ?1",
        )?
        .query_row([person_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Sets (or replaces) a reader's PIN; their sessions end.
pub(crate) fn set_reader_pin(tx: &WriteTx<'_>, person_id: i64, hash: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO reader_pins (person_id, pin_hash, set_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (person_id) DO UPDATE SET pin_hash = ?2, set_at = ?3",
        params![person_id, hash, tx.now()],
    )?;
    end_reader_sessions(tx, person_id)
}

/// Removes a reader's PIN, ending their sessions; whether there was one.
pub(crate) fn clear_reader_pin(tx: &WriteTx<'_>, person_id: i64) -> Result<bool> {
    let had = tx.execute("DELETE FROM reader_pins WHERE person_id = ?1", [person_id])? > 0;
    end_reader_sessions(tx, person_id)?;
    Ok(had)
}

fn end_reader_sessions(tx: &WriteTx<'_>, person_id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE people SET reader_epoch = reader_epoch + 1 WHERE id = ?1")?
        .execute([person_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, Db};

    fn add(db: &Db, kind: PersonKind, name: &str, card: Option<&str>) -> Person {
        let new = NewPerson {
            kind: Some(kind),
            name: name.into(),
            card_barcode: card.map(Into::into),
            ..Default::default()
        };
        super::super::create_person(db, &Actor::CommandLine, &new).unwrap()
    }

    fn names(db: &Db, text: &str) -> Vec<String> {
        let q = PeopleQuery {
            text: Some(text.into()),
            ..Default::default()
        };
        super::super::list_people(db, &q)
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn people_are_found_by_chinese_pinyin_initials_and_card() {
        let db = Db::open_in_memory().unwrap();
        add(&db, PersonKind::Staff, "张三", Some("C001"));
        add(&db, PersonKind::Deputy, "李四", Some("C002"));
        add(&db, PersonKind::Staff, "张三丰", None);
        assert_eq!(
            names(&db, "zs"),
            ["张三", "张三丰"],
            "initials find both, the shorter name first by pinyin"
        );
        assert_eq!(names(&db, "lisi"), ["李四"]);
        assert_eq!(
            names(&db, "三"),
            ["张三", "张三丰"],
            "a Chinese character anywhere in the name"
        );
        assert_eq!(names(&db, "c002"), ["李四"], "a card barcode, any case");
        assert_eq!(
            names(&db, "张三"),
            ["张三", "张三丰"],
            "the exact name first"
        );
        assert!(
            names(&db, "%").is_empty(),
            "a LIKE wildcard is matched literally"
        );
    }

    #[test]
    fn a_card_barcode_cannot_belong_to_two_people() {
        let db = Db::open_in_memory().unwrap();
        add(&db, PersonKind::Staff, "张三", Some("C001"));
        let new = NewPerson {
            kind: Some(PersonKind::Staff),
            name: "王五".into(),
            card_barcode: Some("ｃ００１".into()),
            ..Default::default()
        };
        let err = super::super::create_person(&db, &Actor::CommandLine, &new).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            err.field(),
            Some("card_barcode"),
            "the form marks the card field"
        );
        assert!(
            err.to_string().contains("张三"),
            "the message names who holds the card: {err}"
        );
        assert_eq!(names(&db, "王五").len(), 0, "nothing was saved");
    }

    #[test]
    fn editing_keeps_the_own_card_and_updates_the_search_keys() {
        let db = Db::open_in_memory().unwrap();
        let p = add(&db, PersonKind::Staff, "张三", Some("C001"));
        let new = NewPerson {
            kind: Some(PersonKind::Staff),
            name: "曾三".into(),
            card_barcode: Some("C001".into()),
            revision: Some(p.revision),
            ..Default::default()
        };
        super::super::edit_person(&db, &Actor::Desktop, p.id, &new).unwrap();
        assert_eq!(names(&db, "zengsan"), ["曾三"]);
        assert!(
            names(&db, "zhangsan").is_empty(),
            "the old name's keys are gone"
        );
    }

    #[test]
    fn deactivated_people_leave_the_list_but_keep_their_record() {
        let db = Db::open_in_memory().unwrap();
        let p = add(&db, PersonKind::Deputy, "赵六", None);
        super::super::set_person_active(&db, &Actor::Desktop, p.id, false).unwrap();
        assert!(names(&db, "赵六").is_empty());
        let q = PeopleQuery {
            text: Some("赵六".into()),
            include_inactive: true,
            ..Default::default()
        };
        assert_eq!(super::super::list_people(&db, &q).unwrap().total, 1);
    }

    #[test]
    fn every_change_is_in_the_audit_log_with_its_actor() {
        let db = Db::open_in_memory().unwrap();
        let p = add(&db, PersonKind::Staff, "张三", None);
        super::super::set_person_active(&db, &Actor::Desktop, p.id, false).unwrap();
        let log = db
            .read(|tx| crate::audit::list_entries_for(tx, "person", p.id, 10))
            .unwrap();
        let actions: Vec<_> = log
            .iter()
            .map(|e| (e.action.as_str(), e.actor_name.as_str()))
            .collect();
        assert_eq!(actions, [("deactivate", "本机用户"), ("create", "命令行")]);
    }

    #[test]
    fn lists_are_paged_with_the_total() {
        let db = Db::open_in_memory().unwrap();
        for i in 0..25 {
            add(&db, PersonKind::Staff, &format!("人员{i:02}"), None);
        }
        let q = PeopleQuery {
            offset: 20,
            limit: Some(10),
            ..Default::default()
        };
        let page = super::super::list_people(&db, &q).unwrap();
        assert_eq!(
            (page.total, page.items.len()),
            (25, 5),
            "the last page holds the remainder"
        );
    }
}
