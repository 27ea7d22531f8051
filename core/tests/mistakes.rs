//! Mistakes undone (issue: mistakes cannot be undone): an import undone as
//! one action — what it added removed, what it merged taken back, people it
//! updated given their fields back — while nothing it brought has been
//! used, and refused naming what blocks it; a title or copy entered by
//! mistake deleted when never lent; copies moved between shelves.

mod support;

use shuxiang_core::catalog::{self, CatalogQuery};
use shuxiang_core::circulation;
use shuxiang_core::import::{ImportOptions, runs};
use shuxiang_core::people::{self, PeopleQuery, PersonKind};
use shuxiang_core::{Actor, Db};
use support::{ME, Room, reader};

fn books(db: &Db, file: &str, csv: &str) -> shuxiang_core::import::ImportReport {
    catalog::import_books_file(db, &ME, file, csv.as_bytes(), ImportOptions::default()).unwrap()
}

fn titles(db: &Db) -> Vec<(String, i64)> {
    catalog::list_titles(db, &CatalogQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|t| (t.title, t.copies))
        .collect()
}

fn copy(db: &Db, barcode: &str) -> catalog::Copy {
    db.read(|tx| catalog::find_copy_by_barcode(tx, barcode))
        .unwrap()
        .unwrap()
}

const FIRST: &str =
    "书名,作者,出版社,条码\n乡土中国,费孝通,北京大学出版社,SX1\n万历十五年,黄仁宇,中华书局,SX2\n";

#[test]
fn an_import_is_undone_whole_and_a_merged_one_gives_back_only_its_copies() {
    let room = Room::new();
    let db = room.at("2026-12-07T02:00:00Z");
    reader(&db, "张三", PersonKind::Staff, "C1", "办公厅");
    let first = books(&db, "第一批.csv", FIRST);
    assert_eq!((first.inserted, first.committed), (2, true));
    // The same list again a minute later, one more copy of 乡土中国 and a new title.
    let db = room.at("2026-12-07T02:01:00Z");
    let second = books(
        &db,
        "第二批.csv",
        "书名,作者,出版社,条码\n乡土中国,费孝通,北京大学出版社,SX3\n国富论,亚当·斯密,商务印书馆,SX4\n",
    );
    assert_eq!((second.inserted, second.updated), (1, 1));
    assert_eq!(titles(&db).len(), 3);

    let listed = runs::import_runs(&db).unwrap();
    assert_eq!(listed[0].file_name, "第二批.csv");
    assert_eq!(listed[0].id, second.run.unwrap());

    // Undoing the second: 国富论 goes, 乡土中国 keeps its first copy only.
    let undone = runs::undo_import(&db, &ME, second.run.unwrap()).unwrap();
    assert_eq!((undone.titles, undone.copies), (1, 2));
    let mut now = titles(&db);
    now.sort();
    assert_eq!(now, [("万历十五年".into(), 1), ("乡土中国".into(), 1)]);
    assert!(
        catalog::search(&db, "国富论", 0, 10)
            .unwrap()
            .items
            .is_empty(),
        "gone from the search index too"
    );
    let again = runs::undo_import(&db, &ME, second.run.unwrap()).unwrap_err();
    assert!(again.to_string().contains("已在"), "{again}");

    // The first, once a copy of it was lent, is refused, naming the copy.
    let zhang = people::list_people(&db, &PeopleQuery::default())
        .unwrap()
        .items[0]
        .clone();
    circulation::lend_copy(&db, &ME, zhang.id, copy(&db, "SX1").id).unwrap();
    let refused = runs::undo_import(&db, &ME, first.run.unwrap()).unwrap_err();
    assert_eq!(refused.code(), "conflict");
    assert!(
        refused.to_string().contains("SX1《乡土中国》已借出过"),
        "{refused}"
    );
    assert_eq!(titles(&db).len(), 2, "nothing changed");
    // Deleting the lent copy is refused too; its untouched neighbour goes.
    let e = catalog::delete_copy(&db, &ME, copy(&db, "SX1").id).unwrap_err();
    assert!(e.to_string().contains("借出过"), "{e}");
    let wanli = copy(&db, "SX2");
    catalog::delete_title(&db, &ME, wanli.title_id).unwrap();
    assert_eq!(titles(&db), [("乡土中国".into(), 1)]);
    let e = catalog::delete_title(&db, &ME, copy(&db, "SX1").title_id).unwrap_err();
    assert!(e.to_string().contains("SX1"), "{e}");
}

#[test]
fn a_people_import_undone_gives_updated_people_their_fields_back() {
    let room = Room::new();
    let db = room.at("2026-12-07T02:00:00Z");
    let li = reader(&db, "李四", PersonKind::Staff, "C2", "办公厅");
    let list = "类别,姓名,部门,借书证号\n机关干部,李四,研究室,C2\n机关干部,王五,法工委,C3\n";
    let report = people::import_people_file(
        &db,
        &ME,
        "名单.csv",
        list.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert_eq!((report.inserted, report.updated), (1, 1));
    assert_eq!(
        people::get_person(&db, li.id)
            .unwrap()
            .department
            .as_deref(),
        Some("研究室")
    );
    let undone = runs::undo_import(&db, &ME, report.run.unwrap()).unwrap();
    assert_eq!((undone.people_removed, undone.people_restored), (1, 1));
    assert_eq!(
        people::get_person(&db, li.id)
            .unwrap()
            .department
            .as_deref(),
        Some("办公厅"),
        "李四 as before the import"
    );
    let names: Vec<String> = people::list_people(&db, &PeopleQuery::default())
        .unwrap()
        .items
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["李四"]);

    // Imported again and 王五 edited by hand since: refused, naming him.
    let report = people::import_people_file(
        &db,
        &ME,
        "名单.csv",
        list.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    let wang = people::list_people(
        &db,
        &PeopleQuery {
            text: Some("王五".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .items[0]
        .clone();
    people::edit_person(
        &db,
        &ME,
        wang.id,
        &people::NewPerson {
            kind: Some(PersonKind::Staff),
            name: "王五".into(),
            department: Some("办公厅".into()),
            card_barcode: Some("C3".into()),
            revision: Some(wang.revision),
            ..Default::default()
        },
    )
    .unwrap();
    let e = runs::undo_import(&db, &ME, report.run.unwrap()).unwrap_err();
    assert!(e.to_string().contains("王五（已修改过）"), "{e}");
    // Only those who may change people may undo their import.
    let viewer = Actor::Operator {
        id: 9,
        name: "只读".into(),
        role: shuxiang_core::Role::Viewer,
        client: None,
    };
    assert_eq!(
        runs::undo_import(&db, &viewer, report.run.unwrap())
            .unwrap_err()
            .code(),
        "forbidden"
    );
}

#[test]
fn copies_move_between_shelves_one_or_many_at_once() {
    let room = Room::new();
    let db = room.at("2026-12-07T02:00:00Z");
    books(&db, "书.csv", FIRST);
    let ids = [copy(&db, "SX1").id, copy(&db, "SX2").id];
    assert_eq!(catalog::move_copies(&db, &ME, &ids, "A区3架").unwrap(), 2);
    assert_eq!(copy(&db, "SX2").location.as_deref(), Some("A区3架"));
    assert_eq!(
        catalog::move_copies(&db, &ME, &ids, "A区3架").unwrap(),
        0,
        "already there"
    );
    assert_eq!(
        catalog::move_copies(&db, &ME, &[], "B区")
            .unwrap_err()
            .field(),
        Some("copies")
    );
    let log = shuxiang_core::audit::audit_log(
        &db,
        &shuxiang_core::audit::AuditQuery {
            text: Some("调架".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(log.items[0].summary.contains("2 册移到 A区3架"));
    // A copy deleted by mistake's undo: a copy never lent goes, logged.
    catalog::delete_copy(&db, &ME, ids[1]).unwrap();
    assert!(
        db.read(|tx| catalog::find_copy_by_barcode(tx, "SX2"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn an_import_whose_copy_was_set_aside_for_a_hold_is_refused_in_words() {
    let db = Db::open_in_memory().unwrap();
    let report = books(&db, "新书.csv", "书名,条码\n大国大城,NEW001\n");
    let title = catalog::search(&db, "大国大城", 0, 1).unwrap().items[0].id;
    let someone = reader(&db, "钟敏", PersonKind::Staff, "C-77", "办公厅");
    circulation::place_hold(&db, &ME, title, someone.id).unwrap();
    // The hold took the only copy off the shelf for 钟敏, then ended.
    let hold = circulation::reader_me(&db, someone.id).unwrap().holds[0].id;
    circulation::cancel_hold(&db, &ME, hold).unwrap();
    let e = runs::undo_import(&db, &ME, report.run.unwrap()).unwrap_err();
    assert_eq!(e.code(), "conflict", "{e}");
    assert!(e.to_string().contains("预约"), "{e}");
}
