//! The catalogue in the real window: a spreadsheet imported through the
//! import dialog, found by pinyin initials, opened with its copies.

use std::path::PathBuf;

use crate::harness::{App, Home};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[tokio::test]
async fn a_spreadsheet_imported_in_the_window_is_found_by_initials_and_opens_with_its_copies() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("catalog").await;
    app.wait_until(
        "the empty catalogue's offer",
        "document.querySelector('#catalog-body .empty') !== null",
    )
    .await;

    app.client
        .execute(
            "document.querySelector('.view-head [data-act=import]').click()",
            vec![],
        )
        .await
        .unwrap();
    let input = app.wait_for("dialog[open] #import-file").await;
    // Every text the progress bar shows, as the core reports it.
    app.eval(
        "(() => {
           window.progressSeen = [];
           new MutationObserver(() => {
             const bar = document.querySelector('#import-report .progress span');
             if (bar) window.progressSeen.push(bar.textContent);
           }).observe(document.querySelector('#import-report'), { subtree: true, childList: true, characterData: true });
           return true;
         })()",
    )
    .await;
    // A file named as librarians name them: the name travels in the request's header.
    let named = home.data().join("新书目录（2026年）.csv");
    std::fs::create_dir_all(home.data()).unwrap();
    std::fs::copy(fixture("books_gbk.csv"), &named).unwrap();
    input.send_keys(&named.display().to_string()).await.unwrap();
    app.wait_until(
        "the check of the file",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    let counts = app.texts("#import-report .counts").await;
    assert!(
        counts[0].contains("新增 2"),
        "the dry run reports what would happen: {counts:?}"
    );
    let seen = app.eval("window.progressSeen").await;
    assert!(
        seen.as_array()
            .unwrap()
            .iter()
            .any(|t| t.as_str().unwrap().contains("正在检查：")
                && t.as_str().unwrap().contains(" / 2 行")),
        "the core's progress reached the bar: {seen}"
    );
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=import]').click()",
            vec![],
        )
        .await
        .unwrap();
    // Kept: the dialog says so (and where to undo it) until it is closed.
    app.wait_for("#import-done").await;
    app.eval("document.querySelector('dialog[open] [data-act=close]').click()")
        .await;
    app.wait_for_rows("#catalog-body", &["行政管理学", "中国共产党简史"])
        .await; // D035 shelves before D23

    app.type_into("#catalog-search", "xzglx").await;
    app.wait_for_rows("#catalog-body", &["行政管理学"]).await;
    app.client
        .execute(
            "document.querySelector('#catalog-body tr[data-id]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #td-title").await;
    assert_eq!(
        app.texts("dialog[open] #td-title").await,
        ["《行政管理学》"]
    );
    let barcodes = app.texts("dialog[open] tbody td.mono").await;
    assert_eq!(
        barcodes,
        ["T0002", "T0003"],
        "the copies with the barcodes from the file"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_typed_path_imports_a_marc_file_after_checking_it() {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("catalog").await;
    app.client
        .execute(
            "document.querySelector('.view-head [data-act=import]').click()",
            vec![],
        )
        .await
        .unwrap();
    let marc =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/samples/marc21/chabon.mrc");
    app.type_into("dialog[open] #import-path", &marc.display().to_string())
        .await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=use-path]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the check of the file",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    assert!(app.texts("#import-report .counts").await[0].contains("新增 2"));
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=import]').click()",
            vec![],
        )
        .await
        .unwrap();
    // Kept: the dialog says so (and where to undo it) until it is closed.
    app.wait_for("#import-done").await;
    app.eval("document.querySelector('dialog[open] [data-act=close]').click()")
        .await;
    app.type_into("#catalog-search", "Kavalier").await;
    app.wait_for_rows(
        "#catalog-body",
        &["The amazing adventures of Kavalier and Clay"],
    )
    .await;
    app.stop().await;
}

/// The title form asks the core whether an ISBN is right as it is entered:
/// a wrong check digit is said under the field in the core's words, and a
/// title already held is offered for more copies.
#[tokio::test]
async fn the_title_form_has_the_core_judge_an_isbn_as_it_is_entered() {
    let home = Home::new();
    {
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        shuxiang_core::catalog::create_title(
            &db,
            &shuxiang_core::Actor::CommandLine,
            &shuxiang_core::catalog::NewTitle {
                title: "乡土中国".into(),
                isbn: Some("9787010224855".into()),
                ..Default::default()
            },
            &Default::default(),
        )
        .unwrap();
    }
    let app = App::start(&home).await;
    app.open_view("catalog").await;
    app.eval("document.querySelector('.view-head [data-act=new]').click()")
        .await;
    app.wait_for("dialog[open] [name=isbn]").await;
    app.type_into("dialog[open] [name=isbn]", "978-7-01-022485-9")
        .await;
    app.eval(
        "document.querySelector('dialog[open] [name=isbn]').dispatchEvent(new Event('change'))",
    )
    .await;
    app.wait_until(
        "the core's word on the check digit",
        "document.querySelector('#tf-isbn-error')?.textContent.includes('校验位不对')",
    )
    .await;
    app.type_into("dialog[open] [name=isbn]", "978-7-01-022485-5")
        .await;
    app.eval(
        "document.querySelector('dialog[open] [name=isbn]').dispatchEvent(new Event('change'))",
    )
    .await;
    app.wait_until(
        "the title already held",
        "!document.querySelector('#tf-existing').hidden && document.querySelector('#tf-existing').textContent.includes('乡土中国')",
    )
    .await;
    assert_eq!(app.texts("#tf-isbn-error").await, [""], "the error is gone");
    app.stop().await;
}

/// Opens the import dialog from the catalogue's head, chooses `file` and
/// waits for the check.
async fn check_import(app: &App, file: &std::path::Path) {
    app.eval("document.querySelector('.view-head [data-act=import]').click()")
        .await;
    app.wait_for("dialog[open] #import-file")
        .await
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    app.wait_until(
        "the check of the file",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
}

/// A catalogue imported from the wrong file is undone from 导入记录: the
/// check shows each field by its Chinese name and the same hint on many
/// rows as one line; the import says where it can be undone; undoing it
/// empties the catalogue again. Imported once more and one of its copies
/// lent, the undo is refused, the refusal naming the copy.
#[tokio::test]
async fn an_import_is_undone_from_the_import_list_and_refused_once_a_copy_was_lent() {
    let home = Home::new();
    std::fs::create_dir_all(home.data()).unwrap();
    let file = home.data().join("错的书单.csv");
    std::fs::write(
        &file,
        "书名,出版年,条码\n乡土中国,一九四八,SX1\n万历十五年,一九八二,SX2\n国富论,2021,SX3\n",
    )
    .unwrap();
    let app = App::start(&home).await;
    app.open_view("catalog").await;
    check_import(&app, &file).await;
    assert_eq!(
        app.texts("#import-issues tbody td:nth-child(3)").await,
        ["出版年"],
        "the field by its Chinese name, the two rows' hint as one line"
    );
    let summary = app
        .texts("#import-issues details.issue-group summary")
        .await;
    assert!(
        summary[0].starts_with("出版年不是") && summary[0].ends_with("：2 行"),
        "one line, the rows counted: {summary:?}"
    );
    app.eval("document.querySelector('#import-issues details.issue-group summary').click()")
        .await;
    app.wait_until(
        "the rows behind the line, by their lines in the file (the header is line 1): they say the same",
        "document.querySelector('#import-issues .issue-rows')?.textContent === '第 2、3 行'",
    )
    .await;

    app.eval("document.querySelector('dialog[open] [data-act=import]').click()")
        .await;
    app.wait_for("#import-done [data-act=runs]").await;
    assert!(
        app.texts("#import-done").await[0].contains("可以在“导入记录”中撤销这次导入"),
        "the import says where to undo it"
    );
    app.wait_until(
        "the three titles listed",
        "document.querySelectorAll('#catalog-body tr[data-id]').length === 3",
    )
    .await;
    app.eval("document.querySelector('#import-done [data-act=runs]').click()")
        .await;
    app.wait_for("dialog[open] #ir-list tr.marked [data-act=undo]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the confirmation",
        "document.querySelector('dialog[open] #cf-title')?.textContent === '撤销这次导入'",
    )
    .await;
    app.eval("document.querySelector('dialog[open] [data-act=ok]').click()")
        .await;
    app.wait_until(
        "the undo's answer",
        "document.querySelector('#ir-message')?.textContent === '已撤销这次导入：删除了书目 3 种、3 册。'",
    )
    .await;
    assert!(
        app.texts("#ir-list tbody td.row-actions").await[0].starts_with("已于"),
        "the import is listed as undone"
    );
    app.eval("document.querySelector('dialog[open] [data-act=close]').click()")
        .await;
    app.wait_until(
        "the catalogue empty again",
        "document.querySelector('#catalog-body .empty') !== null",
    )
    .await;

    // Again, and one copy lent: the refusal names it, in full.
    check_import(&app, &file).await;
    app.eval("document.querySelector('dialog[open] [data-act=import]').click()")
        .await;
    app.wait_for("#import-done").await;
    app.eval("document.querySelector('dialog[open] [data-act=close]').click()")
        .await;
    {
        use shuxiang_core::people::{self, NewPerson, PersonKind};
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        let me = shuxiang_core::Actor::CommandLine;
        let reader = people::create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "张伟".into(),
                ..Default::default()
            },
        )
        .unwrap();
        let sx1 = shuxiang_core::catalog::list_titles(&db, &Default::default())
            .unwrap()
            .items
            .into_iter()
            .find(|t| t.title == "乡土中国")
            .map(|t| {
                shuxiang_core::catalog::title_detail(&db, t.id)
                    .unwrap()
                    .copies[0]
                    .id
            })
            .unwrap();
        shuxiang_core::circulation::lend_copy(&db, &me, reader.id, sx1).unwrap();
    }
    app.eval("document.querySelector('.view-head [data-act=runs]').click()")
        .await;
    app.wait_for("dialog[open] #ir-list tbody tr:first-child [data-act=undo]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("dialog[open] #cf-title").await;
    app.eval("document.querySelector('dialog[open] [data-act=ok]').click()")
        .await;
    app.wait_until(
        "the refusal",
        "document.querySelector('#ir-message.tone-error')?.textContent.includes('不能整批撤销')",
    )
    .await;
    let refusal = app.texts("#ir-message").await.remove(0);
    assert!(
        refusal.contains("SX1") && refusal.contains("备份恢复"),
        "what blocks it and what to do instead: {refusal}"
    );
    app.stop().await;
}

/// 调架: two of a title's three copies chosen and moved to another shelf;
/// 全选 chooses them all; a copy entered by mistake is deleted.
#[tokio::test]
async fn chosen_copies_move_to_another_shelf_and_a_copy_entered_by_mistake_is_deleted() {
    let home = Home::new();
    {
        let db = shuxiang_core::Db::open(&home.db()).unwrap();
        shuxiang_core::catalog::create_title(
            &db,
            &shuxiang_core::Actor::CommandLine,
            &shuxiang_core::catalog::NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &shuxiang_core::catalog::NewCopies {
                barcodes: vec!["SX1".into(), "SX2".into(), "SX3".into()],
                location: Some("A1".into()),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let app = App::start(&home).await;
    app.open_view("catalog").await;
    app.wait_for("#catalog-body tr[data-id]").await;
    app.eval("document.querySelector('#catalog-body tr[data-id] td.name').click()")
        .await;
    app.wait_for("dialog[open] #td-copies").await;
    for barcode in ["SX1", "SX2"] {
        app.wait_for(&format!(
            "dialog[open] #td-copies input[aria-label='选择 {barcode}']"
        ))
        .await
        .click()
        .await
        .unwrap();
    }
    app.wait_until(
        "two chosen",
        "document.querySelector('#td-chosen').textContent === '已选 2 册'",
    )
    .await;
    app.type_into("dialog[open] #td-move [name=location]", "B2")
        .await;
    app.eval("document.querySelector('dialog[open] #td-move [type=submit]').click()")
        .await;
    app.wait_until(
        "the move said",
        "document.querySelector('#td-message')?.textContent.startsWith('已将 2 册调到 B2')",
    )
    .await;
    assert_eq!(
        app.texts("dialog[open] #td-copies tbody td:nth-child(3)")
            .await,
        ["B2", "B2", "A1"],
        "the chosen two are on B2, the third stays"
    );
    app.wait_for("dialog[open] #td-all")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "all chosen",
        "document.querySelector('#td-chosen').textContent === '已选 3 册' && [...document.querySelectorAll('#td-copies [data-act=choose]')].every(b => b.checked)",
    )
    .await;

    app.eval("[...document.querySelectorAll('#td-copies tbody tr')].find(r => r.textContent.includes('SX3')).querySelector('[data-act=delete-copy]').click()")
        .await;
    app.wait_for("dialog[open] #cf-title").await;
    app.eval("document.querySelector('dialog[open] [data-act=ok]').click()")
        .await;
    app.wait_until(
        "the copy deleted",
        "document.querySelector('#td-message')?.textContent === '已删除 SX3。'",
    )
    .await;
    assert_eq!(
        app.texts("dialog[open] #td-copies tbody td.mono").await,
        ["SX1", "SX2"]
    );
    app.stop().await;
}
