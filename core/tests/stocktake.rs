//! A stocktake from start to report: frozen expectations, scans shelf by
//! shelf, the report's lists, a one-click return, resuming after a restart,
//! finishing with missing copies marked lost, and the .xlsx export.

use calamine::{Reader, Xlsx, open_workbook};
use shuxiang_core::Db;
use shuxiang_core::catalog::{self, CopyStatus};
use shuxiang_core::circulation::{self, DeskOutcome};
use shuxiang_core::stocktake::{self, ScanFinding, StocktakeStatus};

mod support;
use support::{ME, at, named, shelve, staff};

fn open(path: &std::path::Path) -> Db {
    Db::open(path)
        .unwrap()
        .with_clock(at("2026-11-26T02:00:00Z"))
}

fn barcodes(items: &[stocktake::StocktakeItem]) -> Vec<&str> {
    let mut v: Vec<&str> = items.iter().map(|i| i.barcode.as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn a_stocktake_reports_missing_misplaced_unexpected_and_loaned_copies() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    let db = open(&path);
    shelve(&db, named("中国近代史"), Some("A1"), &["X1", "X2", "X3"]);
    shelve(&db, named("国家治理"), Some("A2"), &["Y1", "Y2"]);
    shelve(&db, named("西方经济学"), Some("B1"), &["Z1"]);
    let reader = staff(&db, "刘洋", "C9", "办公厅");
    let DeskOutcome::Lent { .. } = circulation::desk_scan(&db, &ME, Some(reader.id), "X3").unwrap()
    else {
        panic!()
    };

    // Y3 is on loan when the stocktake starts and comes back before the end,
    // after its shelf was counted: accounted for, not missing.
    shelve(&db, named("国家治理（续）"), Some("A2"), &["Y3"]);
    circulation::desk_scan(&db, &ME, Some(reader.id), "Y3").unwrap();
    let st =
        stocktake::start_stocktake(&db, &ME, "A区年度盘点", &["A1".into(), "A2".into()]).unwrap();
    assert_eq!(
        st.expected, 6,
        "the copies of A1 and A2, frozen at the start"
    );
    let second = stocktake::start_stocktake(&db, &ME, "", &[]).unwrap_err();
    assert!(second.to_string().contains("尚未结束"));

    // Copies shelved after the start are not expected.
    shelve(&db, named("新到图书"), Some("A1"), &["N1"]);

    let scan =
        |db: &Db, code: &str| stocktake::scan_copy(db, &ME, st.id, Some("A1"), code).unwrap();
    assert_eq!(scan(&db, "X1").finding, ScanFinding::Expected);
    assert_eq!(scan(&db, "x1").finding, ScanFinding::AlreadySeen);
    let misplaced = scan(&db, "Y1");
    assert_eq!(misplaced.finding, ScanFinding::Misplaced);
    assert!(misplaced.message.contains("A2"));
    let on_loan = scan(&db, "X3");
    assert_eq!(on_loan.finding, ScanFinding::OnLoan);
    drop(db);

    // The app restarts; the stocktake is still open and resumes.
    let db = open(&path);
    let resumed = stocktake::stocktakes(&db).unwrap();
    assert_eq!(resumed[0].status, StocktakeStatus::Open);
    assert_eq!(resumed[0].seen, 3);
    assert_eq!(scan(&db, "Z1").finding, ScanFinding::Unexpected);
    assert_eq!(scan(&db, "N1").finding, ScanFinding::Unexpected);
    assert_eq!(scan(&db, "NOPE7").finding, ScanFinding::Unknown);
    assert_eq!(
        stocktake::stocktakes(&db).unwrap()[0].seen,
        5,
        "unexpected copies count as seen, a rescan and an unknown barcode do not"
    );

    circulation::desk_scan(&db, &ME, None, "Y3").unwrap();
    let report = stocktake::stocktake_report(&db, st.id).unwrap();
    assert_eq!(barcodes(&report.missing), ["X2", "Y2"]);
    assert_eq!(report.out_on_loan, 1, "Y3 was out when counting began");
    assert_eq!(barcodes(&report.misplaced), ["Y1"]);
    assert_eq!(barcodes(&report.unexpected), ["N1", "Z1"]);
    assert_eq!(barcodes(&report.on_loan_on_shelf), ["X3"]);
    assert_eq!(report.unknown[0].barcode, "NOPE7");

    // One click returns the copy found on the shelf.
    circulation::return_copy(&db, &ME, on_loan.copy_id.unwrap()).unwrap();
    let report = stocktake::stocktake_report(&db, st.id).unwrap();
    assert_eq!(report.on_loan_on_shelf[0].status_now, "on_shelf");

    let xlsx = dir.path().join("report.xlsx");
    stocktake::export_report(&db, st.id, &xlsx).unwrap();
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let missing = book.worksheet_range("未找到").unwrap();
    let rows: Vec<String> = missing.rows().skip(1).map(|r| r[0].to_string()).collect();
    assert_eq!(rows, ["X2", "Y2"]);
    let misplaced = book.worksheet_range("错架").unwrap();
    assert_eq!(misplaced.rows().nth(1).unwrap()[4].to_string(), "A1");

    // Finishing, after confirmation, marks the missing copies lost.
    let done = stocktake::finish_stocktake(&db, &ME, st.id, true).unwrap();
    assert_eq!(done.stocktake.status, StocktakeStatus::Finished);
    assert_eq!(done.stocktake.marked_lost, 2);
    assert_eq!(barcodes(&done.missing), ["X2", "Y2"]);
    let x2 = db
        .read(|tx| catalog::find_copy_by_barcode(tx, "X2"))
        .unwrap()
        .unwrap();
    assert_eq!(x2.status, CopyStatus::Lost);
    assert!(x2.note.unwrap().contains("A区年度盘点"));
    let closed = stocktake::scan_copy(&db, &ME, st.id, Some("A1"), "X1").unwrap_err();
    assert_eq!(closed.code(), "conflict");
}

#[test]
fn a_stocktake_without_marking_leaves_copies_as_they_were() {
    let db = Db::open_in_memory().unwrap();
    shelve(&db, named("红楼梦"), Some("C1"), &["H1", "H2"]);
    let empty = stocktake::start_stocktake(&db, &ME, "空", &["无此书架".into()]).unwrap_err();
    assert_eq!(empty.code(), "invalid");
    let st = stocktake::start_stocktake(&db, &ME, "", &[]).unwrap();
    assert!(st.name.ends_with("盘点"));
    stocktake::scan_copy(&db, &ME, st.id, None, "H1").unwrap();
    let done = stocktake::finish_stocktake(&db, &ME, st.id, false).unwrap();
    assert_eq!(barcodes(&done.missing), ["H2"]);
    let h2 = db
        .read(|tx| catalog::find_copy_by_barcode(tx, "H2"))
        .unwrap()
        .unwrap();
    assert_eq!(h2.status, CopyStatus::OnShelf);
}

#[test]
fn shelves_are_listed_and_reported_in_the_order_they_are_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let db = open(&dir.path().join("shuxiang.db"));
    shelve(&db, named("国家治理"), Some("A区10架"), &["T10"]);
    shelve(&db, named("中国近代史"), Some("A区2架"), &["T2"]);
    shelve(&db, named("西方经济学"), Some("B区1架"), &["T21"]);
    shelve(&db, named("乡土中国"), Some("A区1架"), &["T1"]);
    let shelves: Vec<String> = stocktake::locations(&db)
        .unwrap()
        .into_iter()
        .map(|(shelf, _)| shelf)
        .collect();
    assert_eq!(shelves, ["A区1架", "A区2架", "A区10架", "B区1架"]);

    // Nothing scanned: the missing list walks the shelves in the same order.
    let open = stocktake::start_stocktake(&db, &ME, "全馆盘点", &[]).unwrap();
    let report = stocktake::stocktake_report(&db, open.id).unwrap();
    let walk: Vec<&str> = report.missing.iter().map(|i| i.barcode.as_str()).collect();
    assert_eq!(walk, ["T1", "T2", "T10", "T21"]);
}
