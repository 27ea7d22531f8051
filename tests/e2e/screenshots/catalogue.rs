//! People and the catalogue: the people list and a name list being checked
//! (one row's group misnamed), the catalogue and a pinyin search, a new
//! title's form, a title's copies with one chosen for 调架, a book list being
//! checked (one ISBN wrong), imported, and the list of imports.

use std::path::PathBuf;

use super::desk::one;
use super::{Camera, pause};

/// An ISBN-13 with its check digit, from its first twelve digits.
fn isbn(first12: &str) -> String {
    let sum: u32 = first12
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    format!("{first12}{}", (10 - sum % 10) % 10)
}

/// A file as a librarian would have it, beside the run's data folder (gone
/// with it).
fn file(cam: &Camera<'_>, name: &str, text: &str) -> PathBuf {
    let dir = cam.home.data().with_file_name("文件");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    path
}

/// Sets a field's text and tells the page, as typing would; for fields with
/// a list of suggestions, whose popup would stay on the display.
pub async fn set_value(cam: &Camera<'_>, css: &str, text: &str) {
    cam.app.wait_for(css).await;
    cam.app
        .eval(&format!(
            "(() => {{ const el = document.querySelector({css:?}); el.value = {text:?}; \
             el.dispatchEvent(new Event('input', {{ bubbles: true }})); \
             el.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()"
        ))
        .await;
}

pub async fn shots(cam: &Camera<'_>) {
    people(cam).await;
    catalogue(cam).await;
    import(cam).await;
}

async fn people(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("people").await;
    app.wait_for("#people-body tr[data-id]").await;
    cam.shot("people.png").await;
    let known = one(
        cam,
        "SELECT name || ',' || department || ',' || card_barcode FROM people
         WHERE kind = 'staff' AND department IS NOT NULL AND card_barcode IS NOT NULL ORDER BY id LIMIT 1",
    );
    let list = file(
        cam,
        "人员名单.csv",
        &format!(
            "类别,姓名,部门,代表团,专业小组,借书证号,电话\n\
             机关干部,赵丽华,办公厅,,,J09001,010-6512 3456\n\
             机关干部,孙建国,研究室,,,J09002,\n\
             人大代表,钱玉兰,,朝阳区代表团,城建环保,D09001,\n\
             人大代表,周海燕,,海淀区代表团,教育文化组,D09002,13800001234\n\
             机关干部,{known_name},{known_dept},,,{known_card},010-6512 8800\n",
            known_name = known.split(',').next().unwrap(),
            known_dept = known.split(',').nth(1).unwrap(),
            known_card = known.split(',').nth(2).unwrap(),
        ),
    );
    cam.click(".view-head [data-act=import]").await;
    app.wait_for("dialog[open] #import-file")
        .await
        .send_keys(&list.display().to_string())
        .await
        .unwrap();
    app.wait_until(
        "the check",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    cam.shot("people-import.png").await;
    cam.close_dialogs().await;
}

async fn catalogue(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("catalog").await;
    app.wait_until(
        "the list",
        "document.querySelector('#catalog-body tr[data-id]') !== null",
    )
    .await;
    cam.shot("catalog.png").await;
    app.type_into("#catalog-search", "zgjj").await;
    pause(600).await;
    cam.shot("catalog-search.png").await;

    // A title's copies, one chosen to move to another shelf.
    app.eval(
        "(() => { const rows = [...document.querySelectorAll('#catalog-body tr[data-id]')]; \
         (rows.find((r) => r.lastElementChild.textContent.includes('共 3')) ?? rows[0]).click(); return true; })()",
    )
    .await;
    app.wait_for("dialog[open] #td-title").await;
    cam.click("dialog[open] #td-copies [data-act=choose]").await;
    set_value(cam, "dialog[open] #td-move [name=location]", "F区1架").await;
    cam.shot("title-detail.png").await;
    cam.close_dialogs().await;

    // A new title: its ISBN scanned, its class shown, a call number suggested.
    cam.click(".view-head [data-act=new]").await;
    app.wait_for("dialog[open] #tf-isbn").await;
    app.type_into("#tf-isbn", &isbn("978751629501")).await;
    app.type_into("#tf-title", "人大代表履职读本").await;
    app.type_into("#tf-authors", "本书编写组").await;
    app.type_into("#tf-publisher", "中国民主法制出版社").await;
    app.type_into("#tf-year", "2026").await;
    set_value(cam, "#tf-clc", "D622").await;
    app.wait_until(
        "the class path",
        "document.querySelector('#tf-class-path').textContent.includes('D6 ')",
    )
    .await;
    cam.click("dialog[open] [data-act=suggest]").await;
    app.wait_until(
        "the call number",
        "document.querySelector('#tf-call_number').value !== ''",
    )
    .await;
    app.type_into("#tf-location", "D区2架").await;
    cam.shot("title-form.png").await;
    cam.close_dialogs().await;
}

async fn import(cam: &Camera<'_>) {
    let app = cam.app;
    let list = file(
        cam,
        "新书目录.csv",
        &format!(
            "书名,作者,出版社,出版年,ISBN,分类号,册数,馆藏位置\n\
             地方人大监督工作实务,本书编写组,中国民主法制出版社,2025,{},D624,2,D区2架\n\
             预算审查监督实务,李明 编著,中国财政经济出版社,2024,{},F812.3,1,F区5架\n\
             乡村振兴的路径与实践,王晓东,人民出版社,2023,{},F320.3,1,F区3架\n\
             城市更新与社区治理,陈静,社会科学文献出版社,2025,9787520112346,D669.3,1,D区6架\n\
             基层立法联系点工作手册,本书编写组,法律出版社,2024,{},D920.0,3,D区9架\n",
            isbn("978751629101"),
            isbn("978750959201"),
            isbn("978701029301"),
            isbn("978751979401"),
        ),
    );
    cam.click(".view-head [data-act=import]").await;
    app.wait_for("dialog[open] #import-file")
        .await
        .send_keys(&list.display().to_string())
        .await
        .unwrap();
    app.wait_until(
        "the check",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    cam.shot("import-check.png").await;

    // The good rows imported; then where the import can be undone.
    cam.click("dialog[open] #import-skip").await;
    app.wait_until(
        "the check without the bad row",
        "!document.querySelector('dialog[open] [data-act=import]').disabled",
    )
    .await;
    cam.click("dialog[open] [data-act=import]").await;
    app.wait_for("#import-done [data-act=runs]").await;
    cam.click("#import-done [data-act=runs]").await;
    app.wait_for("dialog[open] #ir-list").await;
    cam.shot("import-runs.png").await;
    cam.close_dialogs().await;
}
