//! `shuxiang serials …` as DESIGN.md gives it: JSON shapes, exit codes, a
//! scan with nothing due refused, the 征订单 written.

mod common;

use common::{json, shuxiang};

fn db() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("书香.db").to_str().unwrap().to_owned();
    assert!(shuxiang(&["--db", &path, "init"], &[]).status.success());
    (dir, path)
}

#[test]
fn a_subscription_is_added_checked_in_late_and_bound_from_the_command_line() {
    let (dir, db) = db();
    let added = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "add",
            "--title",
            "求是",
            "--frequency",
            "半月刊",
            "--issn",
            "1002-4980",
            "--cn",
            "11-1000/D",
            "--postal-code",
            "2-25",
            "--year",
            "2027",
            "--copies",
            "2",
            "--price",
            "180",
            "--first-total",
            "601",
            "--combine",
            "1-2",
            "--json",
        ],
        &[],
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let added = json(&added);
    assert_eq!(added["issues"], 23);
    let sub = added["subscription_id"].as_i64().unwrap().to_string();
    assert!(added["title_id"].is_i64());

    let issues = json(&shuxiang(
        &["--db", &db, "serials", "issues", &sub, "--json"],
        &[],
    ));
    let first = &issues[0];
    for key in [
        "id",
        "label",
        "issue_no_from",
        "issue_no_to",
        "total_no_from",
        "total_no_to",
        "published_on",
        "expected_on",
        "status",
        "copies_expected",
        "copies_received",
    ] {
        assert!(first.get(key).is_some(), "{key}: {first}");
    }
    assert_eq!(first["label"], "2027年第1-2期（总第601-602期）");
    assert_eq!(first["status"], "expected");

    // 求是's cover: 977 + 1002498 + 00 + its check digit.
    let ean = {
        let d = "977100249800";
        let sum: u32 = d
            .chars()
            .enumerate()
            .map(|(i, c)| c.to_digit(10).unwrap() * if i % 2 == 0 { 1 } else { 3 })
            .sum();
        format!("{d}{}", (10 - sum % 10) % 10)
    };
    let got = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "receive",
            &ean,
            "--on",
            "2027-01-02",
            "--copies",
            "1",
            "--json",
        ],
        &[],
    );
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    let got = json(&got);
    assert_eq!(
        (
            got["status"].as_str(),
            got["issue"]["copies_received"].as_i64()
        ),
        (Some("partial"), Some(1))
    );
    assert_eq!(got["subscription_id"].as_i64().unwrap().to_string(), sub);
    let rest = json(&shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "receive",
            "2-25",
            "--on",
            "2027-01-02",
            "--json",
        ],
        &[],
    ));
    assert_eq!(rest["status"], "received");
    let again = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "receive",
            "2-25",
            "--on",
            "2027-01-02",
            "--json",
        ],
        &[],
    );
    assert_eq!(again.status.code(), Some(1), "nothing due");
    assert!(
        json(&again)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("重复到刊")
    );

    let late = json(&shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "late",
            "--on",
            "2027-03-01",
            "--json",
        ],
        &[],
    ));
    let row = &late[0];
    for key in [
        "subscription_id",
        "title",
        "postal_code",
        "label",
        "expected_on",
        "days_late",
        "copies_missing",
    ] {
        assert!(row.get(key).is_some(), "{key}: {row}");
    }
    assert_eq!(row["label"], "2027年第3期（总第603期）");

    let bound = shuxiang(
        &[
            "--db", &db, "serials", "bind", &sub, "--issues", "1-4", "--json",
        ],
        &[],
    );
    assert!(
        bound.status.success(),
        "{}",
        String::from_utf8_lossy(&bound.stderr)
    );
    let bound = json(&bound);
    assert_eq!(bound["issues"], 1);
    assert_eq!(bound["missing"].as_array().unwrap().len(), 2);
    assert!(bound["barcode"].is_string() && bound["call_number"].is_string());

    let file = dir.path().join("2028年征订单.xlsx");
    let made = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "renewal-list",
            "2028",
            file.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let tables =
        shuxiang_core::import::read_tables(&std::fs::read(&file).unwrap(), "x.xlsx").unwrap();
    let text = format!("{:?}", tables);
    assert!(
        text.contains("求是") && text.contains("2-25") && text.contains("360"),
        "{text}"
    );
}

#[test]
fn a_subscription_list_imports_and_wrong_usage_is_refused() {
    let (dir, db) = db();
    let list = dir.path().join("订阅清单.csv");
    std::fs::write(
        &list,
        "邮发代号,报刊名称,刊期,份数,全年定价\n1-1,人民日报,日报,2,540\n2-25,求是,半月刊,5,180\n",
    )
    .unwrap();
    let report = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "import",
            list.to_str().unwrap(),
            "--year",
            "2027",
            "--json",
        ],
        &[],
    );
    assert!(
        report.status.success(),
        "{}",
        String::from_utf8_lossy(&report.stdout)
    );
    assert_eq!(json(&report)["inserted"], 2);
    let wrong = shuxiang(
        &[
            "--db",
            &db,
            "serials",
            "add",
            "--title",
            "X",
            "--frequency",
            "双周刊",
            "--json",
        ],
        &[],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        json(&wrong)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("刊期")
    );
    let usage = shuxiang(&["--db", &db, "serials", "receive"], &[]);
    assert_eq!(usage.status.code(), Some(2));
}
