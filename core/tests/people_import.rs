//! Importing people from the spreadsheets offices really keep: Excel files
//! with a title row and an empty first sheet, GB18030 CSV from Chinese
//! Excel, and files with bad rows that must leave the database unchanged.

use std::path::PathBuf;

use shuxiang_core::import::{ImportOptions, read_file};
use shuxiang_core::people::{PeopleQuery, Person, PersonKind, import_people, list_people};
use shuxiang_core::{Actor, Db};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn everyone(db: &Db) -> Vec<Person> {
    let q = PeopleQuery {
        include_inactive: true,
        limit: Some(200),
        ..Default::default()
    };
    list_people(db, &q).unwrap().items
}

fn find<'a>(people: &'a [Person], name: &str) -> &'a Person {
    people
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("{name} was imported"))
}

#[test]
fn an_excel_list_with_a_title_row_imports_every_person_with_their_fields() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people.xlsx")).unwrap();
    let report = import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    assert_eq!((report.inserted, report.updated, report.skipped), (4, 0, 0));
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        report.ignored_columns,
        ["序号"],
        "the preview says which columns were left out"
    );
    let people = everyone(&db);
    let zhang = find(&people, "张三");
    assert_eq!(
        zhang.card_barcode.as_deref(),
        Some("100001"),
        "a numeric cell is a card number, not 100001.0"
    );
    assert_eq!(zhang.phone.as_deref(), Some("13800138000"));
    assert_eq!(zhang.department.as_deref(), Some("办公厅"));
    let li = find(&people, "李四");
    assert_eq!(li.kind, PersonKind::Deputy);
    assert_eq!(
        li.professional_group.as_deref(),
        Some("经济发展"),
        "经济发展组 is the group 经济发展"
    );
    assert_eq!(li.delegation.as_deref(), Some("海淀区代表团"));
    // A phone that is not a number harms nothing: kept as text, with a warning on its row.
    assert_eq!(find(&people, "曾国强").phone.as_deref(), Some("暂无"));
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(
        (report.warnings[0].row, report.warnings[0].field.as_str()),
        (3, "phone")
    );
}

#[test]
fn a_gb18030_csv_from_chinese_excel_imports_with_warnings_for_mangled_phones() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people_gbk.csv")).unwrap();
    let report = import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    assert_eq!(report.inserted, 3, "{:?}", report.errors);
    let people = everyone(&db);
    assert_eq!(
        find(&people, "王芳").professional_group.as_deref(),
        Some("预算审计")
    );
    assert_eq!(
        find(&people, "単一").kind,
        PersonKind::Staff,
        "工作人员 means staff"
    );
    let w: Vec<_> = report
        .warnings
        .iter()
        .map(|w| (w.row, w.field.as_str()))
        .collect();
    assert_eq!(
        w,
        [(2, "phone")],
        "Excel's 1.38001E+10 lost digits: kept, and flagged"
    );
}

#[test]
fn a_file_with_bad_rows_imports_nothing_and_names_each_row_and_field() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people_bad.xlsx")).unwrap();
    let report = import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    let errors: Vec<_> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str()))
        .collect();
    assert_eq!(
        errors,
        [(2, "professional_group"), (3, "name"), (4, "card_barcode")]
    );
    assert!(
        report.errors[0].message.contains("体育"),
        "{}",
        report.errors[0].message
    );
    // Rows as Excel numbers them, the header being row 1.
    assert_eq!(report.errors[2].line, Some(5));
    assert!(
        report.errors[2].message.contains("第 2 行"),
        "the duplicate names its first row as Excel shows it"
    );
    assert!(!report.committed);
    assert!(
        everyone(&db).is_empty(),
        "one bad row keeps the whole file out"
    );
    let log = shuxiang_core::audit::audit_log(&db, &Default::default()).unwrap();
    assert!(
        log.items.is_empty(),
        "a refused import leaves no trace but its report"
    );
}

#[test]
fn skipping_bad_rows_imports_the_good_ones_and_counts_each_row_once() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people_bad.xlsx")).unwrap();
    let options = ImportOptions {
        skip_bad_rows: true,
        ..Default::default()
    };
    let report = import_people(&db, &Actor::CommandLine, &grid, options).unwrap();
    assert_eq!(
        (report.inserted, report.skipped, report.errors.len()),
        (1, 3, 0)
    );
    assert_eq!(report.warnings.len(), 3, "each skipped row says why");
    assert_eq!(everyone(&db).len(), 1);
}

#[test]
fn a_dry_run_reports_what_would_happen_and_changes_nothing() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people.xlsx")).unwrap();
    let options = ImportOptions {
        dry_run: true,
        ..Default::default()
    };
    let report = import_people(&db, &Actor::CommandLine, &grid, options).unwrap();
    assert_eq!(report.inserted, 4);
    assert!(everyone(&db).is_empty());
}

#[test]
fn importing_the_same_list_again_updates_instead_of_duplicating() {
    let db = Db::open_in_memory().unwrap();
    let grid = read_file(&fixture("people.xlsx")).unwrap();
    import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    let again = import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    assert_eq!(
        (again.inserted, again.updated),
        (0, 4),
        "matched by card, or by name and unit without one"
    );
    assert_eq!(everyone(&db).len(), 4);
}

#[test]
fn a_card_already_held_by_someone_else_is_an_error_on_that_row() {
    let db = Db::open_in_memory().unwrap();
    let csv = "姓名,证号\n张三,K1\n";
    let grid = shuxiang_core::import::read_grid(csv.as_bytes(), "a.csv").unwrap();
    import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    let grid =
        shuxiang_core::import::read_grid("姓名,证号\n李四,K2\n王五,k1\n".as_bytes(), "b.csv")
            .unwrap();
    let report = import_people(&db, &Actor::CommandLine, &grid, ImportOptions::default()).unwrap();
    assert_eq!(report.errors.len(), 1);
    assert_eq!(
        (report.errors[0].row, report.errors[0].field.as_str()),
        (2, "card_barcode")
    );
    assert!(report.errors[0].message.contains("张三"));
    assert_eq!(
        everyone(&db).len(),
        1,
        "李四 was not imported either: all or nothing"
    );
}

#[test]
fn an_organizers_list_cannot_change_a_phone_the_organizer_cannot_see() {
    let db = Db::open_in_memory().unwrap();
    let first = "姓名,借书证号,电话\n单涛,J00002,13800000001\n";
    shuxiang_core::people::import_people_file(
        &db,
        &Actor::CommandLine,
        "名单.csv",
        first.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    let organizer = Actor::Operator {
        id: 7,
        name: "组织者".into(),
        role: shuxiang_core::audit::Role::Organizer,
        client: None,
    };
    let second = "姓名,借书证号,电话,部门\n单涛,J00002,13911112222,研究室\n";
    let report = shuxiang_core::people::import_people_file(
        &db,
        &organizer,
        "名单2.csv",
        second.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    assert!(report.committed, "{:?}", report.errors);
    let people = everyone(&db);
    let shan = find(&people, "单涛");
    assert_eq!(
        shan.phone.as_deref(),
        Some("13800000001"),
        "the phone stays"
    );
    assert_eq!(
        shan.department.as_deref(),
        Some("研究室"),
        "the rest is taken"
    );
}
