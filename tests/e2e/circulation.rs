//! Circulation in the real window: a scanner's keystrokes at the desk (card
//! and Enter, copy and Enter) lend two books, the third is refused at the
//! loan limit, one scan returns a book; a stocktake started, three copies
//! scanned, the report listing the missing and the misplaced; the label
//! view showing one label per chosen copy.

use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::circulation::{self, LoanRule};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home};

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

fn shelve(db: &Db, title: &str, location: &str, barcodes: &[&str]) -> i64 {
    catalog::create_title(
        db,
        &Actor::CommandLine,
        &NewTitle {
            title: title.into(),
            call_number: Some("D62/1".into()),
            ..Default::default()
        },
        &NewCopies {
            barcodes: barcodes.iter().map(|b| b.to_string()).collect(),
            location: Some(location.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// Types into whatever has focus, as a scanner does: the keys, then Enter.
async fn scan(app: &App, code: &str) {
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys(&format!("{code}{ENTER}")).await.unwrap();
}

#[tokio::test]
async fn at_the_desk_two_scans_lend_a_book_the_limit_refuses_and_one_scan_returns() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        people::create_person(
            &db,
            &Actor::CommandLine,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "张伟".into(),
                department: Some("办公厅".into()),
                card_barcode: Some("C001".into()),
                ..Default::default()
            },
        )
        .unwrap();
        circulation::change_loan_rule(
            &db,
            &Actor::CommandLine,
            &LoanRule {
                person_kind: PersonKind::Staff,
                loan_days: 30,
                max_loans: 2,
                max_renewals: 1,
                revision: circulation::loan_rules(&db)
                    .unwrap()
                    .iter()
                    .find(|r| r.person_kind == PersonKind::Staff)
                    .unwrap()
                    .revision,
            },
        )
        .unwrap();
        shelve(&db, "万历十五年", "A1", &["SX000001"]);
        shelve(&db, "乡土中国", "A1", &["SX000002"]);
        shelve(&db, "国富论", "A1", &["SX000003"]);
    }
    let app = App::start(&home).await;
    app.open_view("desk").await;
    app.wait_for("#desk-scan").await;
    app.wait_until(
        "the scan field to have focus",
        "document.activeElement.id === 'desk-scan'",
    )
    .await;

    // Card, then two books in a quick burst, as a scanner sends them.
    scan(&app, "C001").await;
    app.wait_until(
        "the borrower",
        "document.querySelector('#desk-borrower h2')?.textContent.includes('张伟')",
    )
    .await;
    scan(&app, "SX000001").await;
    scan(&app, "SX000002").await;
    app.wait_until(
        "two loans",
        "document.querySelectorAll('#desk-loans tbody tr').length === 2",
    )
    .await;
    assert_eq!(
        app.texts("#desk-loans tbody td:nth-child(2)").await,
        ["《万历十五年》", "《乡土中国》"]
    );

    // The third is refused: the limit is two.
    scan(&app, "SX000003").await;
    app.wait_until(
        "the refusal",
        "document.querySelector('#desk-message').textContent.includes('达到借阅上限')",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelectorAll('#desk-loans tbody tr').length")
            .await,
        2
    );
    assert_eq!(
        app.eval("document.activeElement.id").await,
        "desk-scan",
        "focus stays where the next scan goes"
    );

    // Esc: nobody chosen; one scan of a book returns it.
    scan(&app, ESCAPE).await;
    app.wait_until(
        "the desk to reset",
        "!document.querySelector('#desk-who b')",
    )
    .await;
    scan(&app, "SX000001").await;
    app.wait_until(
        "the return",
        "document.querySelector('#desk-message').textContent.includes('归还《万历十五年》')",
    )
    .await;
    scan(&app, "C001").await;
    app.wait_until(
        "one loan left",
        "document.querySelectorAll('#desk-loans tbody tr').length === 1",
    )
    .await;
    assert_eq!(
        app.texts("#desk-loans tbody td:nth-child(2)").await,
        ["《乡土中国》"]
    );

    // 设置: the loan rules saved here carry what the page read; changed at
    // another PC meanwhile, the save is refused and theirs stands.
    app.open_view("settings").await;
    app.wait_for("#rules-form").await;
    let save_rules = |days: u32| {
        format!(
            "(() => {{ const f = document.querySelector('#rules-form');
               f.querySelector('tr[data-kind=staff] [name=loan_days]').value = '{days}';
               f.requestSubmit(); }})()"
        )
    };
    app.eval(&save_rules(40)).await;
    app.wait_until(
        "the rules saved",
        "[...document.querySelectorAll('.toast')].some(t => t.textContent.includes('借阅规则已保存'))",
    )
    .await;
    let staff = |db: &Db| {
        circulation::loan_rules(db)
            .unwrap()
            .into_iter()
            .find(|r| r.person_kind == PersonKind::Staff)
            .unwrap()
    };
    {
        let db = Db::open(&home.db()).unwrap();
        let read = staff(&db);
        assert_eq!(read.loan_days, 40);
        circulation::change_loan_rule(
            &db,
            &Actor::CommandLine,
            &LoanRule {
                loan_days: 21,
                ..read
            },
        )
        .unwrap();
    }
    app.eval(&save_rules(50)).await;
    app.wait_until(
        "the stale rules refused",
        "[...document.querySelectorAll('.toast')].some(t => t.textContent.includes('已被他人修改'))",
    )
    .await;
    assert_eq!(staff(&Db::open(&home.db()).unwrap()).loan_days, 21);
    app.stop().await;
}

#[tokio::test]
async fn a_stocktake_scans_three_copies_and_reports_the_missing_and_the_misplaced() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        shelve(&db, "中国近代史纲要", "A1", &["S1", "S2", "S3"]);
        shelve(&db, "国家治理现代化", "A2", &["T1", "T2"]);
    }
    let app = App::start(&home).await;
    app.open_view("stocktake").await;
    app.wait_for("#stocktake-start").await;
    app.type_into("#st-name", "年终盘点").await;
    app.client
        .execute(
            "document.querySelector('#stocktake-start button[type=submit]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#stocktake-scan").await;
    app.type_into("#stocktake-shelf", "A1").await;
    app.client
        .execute(
            "const s = document.querySelector('#stocktake-shelf'); s.dispatchEvent(new Event('change', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the scan field to have focus",
        "document.activeElement.id === 'stocktake-scan'",
    )
    .await;
    for code in ["S1", "S2", "T1"] {
        scan(&app, code).await;
    }
    app.wait_until(
        "three scans",
        "document.querySelector('#stocktake-progress').textContent.includes('已扫描 3 / 应盘 5')",
    )
    .await;
    let findings = app.texts("#stocktake-scans td:first-child").await;
    assert_eq!(findings, ["错架", "已盘到", "已盘到"], "newest first");

    app.client
        .execute(
            "document.querySelector('.view-head [data-act=report]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#stocktake-report table[data-list=missing]")
        .await;
    assert_eq!(
        app.texts("#stocktake-report table[data-list=missing] tbody td:first-child")
            .await,
        ["S3", "T2"]
    );
    assert_eq!(
        app.texts("#stocktake-report table[data-list=misplaced] tbody td:first-child")
            .await,
        ["T1"]
    );
    app.stop().await;
}

#[tokio::test]
async fn the_label_view_shows_one_barcode_label_per_chosen_copy() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        shelve(
            &db,
            "论中国共产党历史",
            "B3",
            &["SX000101", "SX000102", "SX000103"],
        );
        shelve(&db, "其他图书", "B3", &["SX000200"]);
    }
    let app = App::start(&home).await;
    app.open_view("labels").await;
    app.type_into("#labels-title-search", "lzggcdls").await;
    let hit = app.wait_for("#labels-title-hits [data-choose]").await;
    hit.click().await.unwrap();
    app.wait_until(
        "three labels",
        "document.querySelectorAll('#labels-preview .sheet-label').length === 3",
    )
    .await;
    let codes = app
        .eval("[...document.querySelectorAll('#labels-preview .sheet-label')].map(l => l.dataset.code)")
        .await;
    assert_eq!(
        codes,
        serde_json::json!(["SX000101", "SX000102", "SX000103"])
    );
    assert_eq!(
        app.eval(
            "document.querySelectorAll('#labels-preview .sheet-label svg.barcode rect').length > 60"
        )
        .await,
        true,
        "each label carries drawn bars"
    );
    // A barcode range chooses copies too.
    app.client
        .execute("document.querySelector('[data-unchoose]').click()", vec![])
        .await
        .unwrap();
    app.type_into("#labels-from", "SX000102").await;
    app.type_into("#labels-to", "SX000200").await;
    app.wait_until(
        "three labels from the range",
        "[...document.querySelectorAll('#labels-preview .sheet-label')].map(l => l.dataset.code).join() === 'SX000102,SX000103,SX000200'",
    )
    .await;
    app.stop().await;
}

/// Three editions of one title look alike by name: the labels view tells
/// them apart by publisher, year and call number, and labels only the one
/// chosen (issue 27, point 5).
#[tokio::test]
async fn labels_for_one_of_several_editions_are_labels_of_that_edition_only() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        for (publisher, year, codes) in [
            ("中华书局", "1982", ["SX000301", "SX000302"]),
            ("生活·读书·新知三联书店", "1997", ["SX000311", "SX000312"]),
            ("中华书局", "2006", ["SX000321", "SX000322"]),
        ] {
            catalog::create_title(
                &db,
                &Actor::CommandLine,
                &NewTitle {
                    title: "万历十五年".into(),
                    publisher: Some(publisher.into()),
                    year: Some(year.into()),
                    ..Default::default()
                },
                &NewCopies {
                    barcodes: codes.iter().map(|b| b.to_string()).collect(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
    }
    let app = App::start(&home).await;
    app.open_view("labels").await;
    app.type_into("#labels-title-search", "万历十五年").await;
    app.wait_until(
        "three editions listed",
        "document.querySelectorAll('#labels-title-hits [data-choose]').length === 3",
    )
    .await;
    let hits = app.texts("#labels-title-hits [data-choose]").await;
    assert!(
        hits.iter()
            .any(|h| h.contains("生活·读书·新知三联书店 · 1997")),
        "{hits:?}"
    );
    assert_eq!(
        hits.iter().collect::<std::collections::HashSet<_>>().len(),
        3,
        "no two lines alike: {hits:?}"
    );
    app.client
        .execute(
            "[...document.querySelectorAll('#labels-title-hits [data-choose]')].find(li => li.textContent.includes('1997')).click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the 1997 edition's two labels",
        "[...document.querySelectorAll('#labels-preview .sheet-label')].map(l => l.dataset.code).join() === 'SX000311,SX000312'",
    )
    .await;
    assert!(app.texts("#labels-chosen .chip").await[0].contains("1997"));
    app.stop().await;
}

/// A reader on screen, and a book another reader had comes back: the desk
/// takes it back, keeps the reader, and Enter in the empty scan field lends
/// it to them. A click on nothing in particular gives the scan field its
/// focus back; while it has none, the screen says so, and Esc brings it
/// back without letting go of the reader.
#[tokio::test]
async fn a_book_returned_while_a_reader_is_on_screen_is_lent_to_them_with_enter() {
    let home = Home::new();
    let copy = {
        let db = Db::open(&home.db()).unwrap();
        let mut ids = Vec::new();
        for (name, card) in [("张伟", "C001"), ("李娜", "C002")] {
            let p = people::create_person(
                &db,
                &Actor::CommandLine,
                &NewPerson {
                    kind: Some(PersonKind::Staff),
                    name: name.into(),
                    card_barcode: Some(card.into()),
                    ..Default::default()
                },
            )
            .unwrap();
            ids.push(p.id);
        }
        let title = shelve(&db, "万历十五年", "A1", &["SX000001"]);
        let copy = catalog::title_detail(&db, title).unwrap().copies[0].id;
        circulation::lend_copy(&db, &Actor::CommandLine, ids[0], copy).unwrap();
        copy
    };
    let app = App::start(&home).await;
    app.open_view("desk").await;
    app.wait_until(
        "the scan field to have focus",
        "document.activeElement.id === 'desk-scan'",
    )
    .await;
    scan(&app, "C002").await;
    app.wait_until(
        "李娜 on screen",
        "document.querySelector('#desk-who b')?.textContent === '李娜'",
    )
    .await;

    // 张伟's book comes back while 李娜 is on screen.
    scan(&app, "SX000001").await;
    app.wait_until(
        "the return and the offer",
        "document.querySelector('#desk-message [data-act=lend-offer]')?.textContent === '按 Enter 借给 李娜'",
    )
    .await;
    assert!(
        app.texts("#desk-message .tone-ok").await[0].contains("张伟 归还《万历十五年》SX000001"),
        "the return is said"
    );
    assert_eq!(
        app.texts("#desk-who b").await,
        ["李娜"],
        "the reader on screen stays"
    );
    assert_eq!(
        app.eval("document.activeElement.id").await,
        "desk-scan",
        "Enter goes to the empty scan field"
    );

    // Enter in the empty field lends it to her.
    scan(&app, "").await;
    app.wait_until(
        "the loan to 李娜",
        "[...document.querySelectorAll('#desk-loans tbody td:nth-child(2)')].some(td => td.textContent === '《万历十五年》')",
    )
    .await;
    assert!(
        app.eval("document.querySelector('#desk-message [data-act=lend-offer]') === null")
            .await
            .as_bool()
            .unwrap(),
        "the offer is taken"
    );
    {
        let db = Db::open(&home.db()).unwrap();
        let borrowers: Vec<String> = circulation::copy_loans(&db, copy, 10)
            .unwrap()
            .into_iter()
            .filter(|l| l.returned_at.is_none())
            .map(|l| l.person_name)
            .collect();
        assert_eq!(borrowers, ["李娜"], "the copy is now lent to 李娜");
    }

    // Focus elsewhere: the screen says so; Esc brings it back, 李娜 stays.
    app.eval("document.querySelector('#desk-borrower [data-act=history]').focus()")
        .await;
    app.wait_until(
        "the notice that the scan field has no focus",
        "!document.querySelector('#desk-refocus').hidden && document.querySelector('.scan-row').classList.contains('lost')",
    )
    .await;
    scan(&app, ESCAPE).await;
    app.wait_until(
        "the scan field to have focus again",
        "document.activeElement.id === 'desk-scan' && document.querySelector('#desk-refocus').hidden",
    )
    .await;
    assert_eq!(
        app.texts("#desk-who b").await,
        ["李娜"],
        "Esc outside the field keeps the reader"
    );

    // A click on nothing in particular gives the focus back too.
    app.eval("document.querySelector('#desk-borrower [data-act=history]').focus()")
        .await;
    app.wait_until(
        "the notice",
        "!document.querySelector('#desk-refocus').hidden",
    )
    .await;
    app.wait_for("#desk-log").await.click().await.unwrap();
    app.wait_until(
        "the scan field to have focus after the click",
        "document.activeElement.id === 'desk-scan' && document.querySelector('#desk-refocus').hidden",
    )
    .await;
    app.stop().await;
}
