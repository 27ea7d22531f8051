//! Training in the real window, on the demo data: a topic with two batches
//! created, a session today and one to come, 40 deputies assigned
//! automatically and confirmed, attendance ticked (and refused ahead of the
//! day), results not final while a session is to come — no certificates —
//! then the batch closed, the completion figures read, and the certificate
//! print view showing one certificate per completed deputy, dated the day
//! of the last held session.

use std::path::PathBuf;
use std::process::Command;

use chrono::Datelike;

use crate::harness::{App, Home};

async fn js(app: &App, script: &str) {
    app.client.execute(script, vec![]).await.unwrap();
}

async fn set(app: &App, css: &str, value: &str) {
    js(
        app,
        &format!(
            "const el = document.querySelector({css:?}); el.value = {value:?}; \
             el.dispatchEvent(new Event('input', {{ bubbles: true }})); \
             el.dispatchEvent(new Event('change', {{ bubbles: true }}));"
        ),
    )
    .await;
}

#[tokio::test]
async fn forty_deputies_are_assigned_attend_and_completers_get_certificates() {
    let home = Home::new();
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_shuxiang-desktop")).with_file_name("shuxiang");
    let status = Command::new(&cli)
        .arg("--db")
        .arg(home.db())
        .args(["demo", "--volumes", "300"])
        .output()
        .expect("build the CLI first: cargo build -p shuxiang-cli");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let app = App::start(&home).await;
    app.open_view("training").await;

    // A topic and two mixed batches of 20, next year.
    app.type_into("#tt-name", "数字政府建设").await;
    js(
        &app,
        "document.querySelector('#training-new-topic button').click()",
    )
    .await;
    app.wait_for("#training-new-batch").await;
    app.wait_until(
        "the new topic chosen",
        "document.querySelector('.topic-main h2')?.textContent.includes('数字政府建设')",
    )
    .await;
    for (name, start) in [("第1期", "2027-03-01"), ("第2期", "2027-04-05")] {
        app.type_into("#tb-name", name).await;
        set(&app, "#tb-capacity", "20").await;
        set(&app, "#tb-start", start).await;
        js(
            &app,
            "document.querySelector('#training-new-batch button[type=submit]').click()",
        )
        .await;
        app.wait_until(
            "the batch listed",
            &format!("[...document.querySelectorAll('#training-batches td.name')].some(td => td.textContent === {name:?})"),
        )
        .await;
    }

    // Two sessions for the first batch, today and in two months (clear of the
    // demo's batches): attendance is taken on the day (a session to come is
    // not held, and completes nobody).
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let later = today + chrono::Duration::days(60);
    js(
        &app,
        "document.querySelector('#training-batches tr[data-id]').click()",
    )
    .await;
    app.wait_for("dialog[open] #bd-new-session").await;
    for (n, (subject, day)) in [
        ("数字政府建设概论", today),
        ("数据安全与个人信息保护", later),
    ]
    .into_iter()
    .enumerate()
    {
        app.type_into("#bd-subject", subject).await;
        set(&app, "#bd-start", &format!("{day}T09:00")).await;
        set(&app, "#bd-end", "11:30").await;
        app.type_into("#bd-lecturer", "王教授").await;
        js(
            &app,
            "document.querySelector('#bd-new-session button[type=submit]').click()",
        )
        .await;
        app.wait_until(
            "the session listed",
            &format!(
                "document.querySelectorAll('#bd-sessions tbody tr').length === {}",
                n + 1
            ),
        )
        .await;
    }
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=close]').click()",
    )
    .await;

    // Automatic assignment: 40 seats for 160 deputies.
    app.wait_until(
        "the dialog closed",
        "!document.querySelector('dialog[open]')",
    )
    .await;
    js(
        &app,
        "document.querySelector('.topic-main [data-act=assign]').click()",
    )
    .await;
    app.wait_for("dialog[open] #as-summary").await;
    let summary = app.texts("#as-summary").await;
    assert!(summary[0].contains("可编入 40 人"), "{summary:?}");
    assert!(summary[0].contains("未能编入 120 人"), "{summary:?}");
    let reasons = app.texts("#as-unplaced td:nth-child(2)").await;
    assert!(
        reasons.iter().all(|r| r.contains("没有空位")),
        "{:?}",
        &reasons[..3]
    );
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=confirm]').click()",
    )
    .await;
    app.wait_until(
        "both batches full",
        "[...document.querySelectorAll('#training-batches tbody tr')].every(r => r.children[2].textContent === '20/20')",
    )
    .await;

    // Attendance: three of the first batch present at today's session.
    js(
        &app,
        "document.querySelector('#training-batches tr[data-id]').click()",
    )
    .await;
    app.wait_for("dialog[open] [data-tab=attendance]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("#bd-attendance").await;
    // The later session: presence is refused until its day, said beside the grid.
    js(
        &app,
        "const s = document.querySelector('#bd-att-session'); s.value = s.options[1].value; \
         s.dispatchEvent(new Event('change', { bubbles: true }));",
    )
    .await;
    app.wait_until(
        "the later session chosen",
        "document.querySelector('#bd-att-session')?.selectedIndex === 1",
    )
    .await;
    js(
        &app,
        "document.querySelector('#bd-attendance tbody tr input[value=present]').click()",
    )
    .await;
    app.wait_until(
        "the refusal shown",
        "document.querySelector('#bd-att-msg .tone-error')?.textContent.includes('还没到')",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelector('#bd-attendance tbody tr input[value=present]').checked")
            .await,
        false,
        "the grid shows what is stored, not the refused mark"
    );
    js(
        &app,
        "const s = document.querySelector('#bd-att-session'); s.value = s.options[0].value; \
         s.dispatchEvent(new Event('change', { bubbles: true }));",
    )
    .await;
    app.wait_until(
        "today's session chosen",
        "document.querySelector('#bd-att-session')?.selectedIndex === 0",
    )
    .await;
    for i in 0..3 {
        js(
            &app,
            &format!("document.querySelectorAll('#bd-attendance tbody tr')[{i}].querySelector('input[value=present]').click()"),
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    app.wait_for("dialog[open] [data-tab=results]")
        .await
        .click()
        .await
        .unwrap();

    // One session is still to come: the results are not final, nobody is
    // listed as completing and no certificate can be printed.
    app.wait_for("#bd-settled").await;
    let settled = app.texts("#bd-settled").await;
    assert!(
        settled[0].contains("还有 1 次课未举行")
            && settled[0].contains("结业名单在全部课次举行后确定"),
        "{settled:?}"
    );
    let figures = app.texts("#bd-completion").await;
    assert!(
        figures[0].contains("结业名单待定") && !figures[0].contains("结业 3 人"),
        "{figures:?}"
    );
    assert_eq!(
        app.eval("document.querySelectorAll('#bd-results .tone-ok').length")
            .await,
        0,
        "no completion is listed before the results are final"
    );
    assert_eq!(
        app.eval("document.querySelector('[data-act=print-certificates]').disabled")
            .await,
        true
    );
    let why = app
        .eval("document.querySelector('[data-act=print-certificates]').title")
        .await;
    assert!(why.as_str().unwrap().contains("还有 1 次课未举行"), "{why}");
    // The dialog and the batch list show the one held count.
    assert_eq!(app.texts("#bd-held").await, ["1/2"]);
    app.wait_until(
        "the list's held count",
        "document.querySelector('#training-batches tr[data-id]').lastElementChild.textContent.trim() === '1/2'",
    )
    .await;

    // Closing the batch names the session left unheld; then the results are final.
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=close-batch]').click()",
    )
    .await;
    app.wait_for("#cf-title").await;
    let question = app.texts("#cf-title + p").await;
    assert!(
        question[0].contains(&format!("数据安全与个人信息保护（{later}")),
        "{question:?}"
    );
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=ok]').click()",
    )
    .await;
    app.wait_until(
        "the completion figures",
        "document.querySelector('#bd-completion')?.textContent.includes('结业 3 人')",
    )
    .await;
    let figures = app.texts("#bd-completion").await;
    assert!(
        figures[0].contains("学员 20 人") && figures[0].contains("已举行 1 次课"),
        "{figures:?}"
    );
    assert!(app.texts("#bd-settled").await[0].contains("本批次已结束"));
    assert_eq!(
        app.eval("document.querySelectorAll('#bd-results .tone-ok').length")
            .await,
        3
    );
    app.wait_until(
        "the list says the batch is closed",
        "document.querySelector('#training-batches tr[data-id]').lastElementChild.textContent.includes('已结束')",
    )
    .await;

    // The certificate print view: one per completed deputy.
    js(
        &app,
        "document.querySelector('dialog[open] [data-act=print-certificates]').click()",
    )
    .await;
    app.wait_for(".print-preview #pv-pages").await;
    assert_eq!(
        app.eval("document.querySelectorAll('.print-preview #pv-pages .certificate').length")
            .await,
        3
    );
    let names: Vec<String> = app.texts(".print-preview .certificate .cert-body b").await;
    assert_eq!(names.len(), 3);
    // Dated the last held session (today's), not a session still to come.
    let foot = app.texts(".print-preview .certificate .cert-foot").await;
    let day = format!("{}年{}月{}日", today.year(), today.month(), today.day());
    assert!(foot.iter().all(|f| f.contains(&day)), "{foot:?}");
    app.stop().await;
}

/// Two deputies named 梁建国 in one batch (issue 27, point 4): the
/// attendance grid tells them apart by card and delegation, and ticking one
/// marks that one only.
#[tokio::test]
async fn attendance_for_one_of_two_deputies_of_one_name_marks_that_one() {
    use shuxiang_core::people::{self, NewPerson, PersonKind};
    use shuxiang_core::training::{self, EnrolSelection, NewBatch, NewTopic, NewTrainingSession};
    use shuxiang_core::{Actor, Db};

    let home = Home::new();
    let today = (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive();
    let (batch, east, west) = {
        let db = Db::open(&home.db()).unwrap();
        let me = Actor::Desktop;
        let deputy = |delegation: &str, card: &str| {
            people::create_person(
                &db,
                &me,
                &NewPerson {
                    kind: Some(PersonKind::Deputy),
                    name: "梁建国".into(),
                    delegation: Some(delegation.into()),
                    card_barcode: Some(card.into()),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
        };
        let east = deputy("东城区代表团", "D1001");
        let west = deputy("西城区代表团", "D2002");
        let topic = training::create_topic(
            &db,
            &me,
            &NewTopic {
                name: "预算审查监督".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let batch = training::create_batch(
            &db,
            &me,
            &NewBatch {
                topic_id: topic,
                name: "第1期".into(),
                capacity: Some(10),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        training::add_session(
            &db,
            &me,
            batch,
            &NewTrainingSession {
                subject: "预算法解读".into(),
                starts_at: format!("{today}T09:00"),
                ends_at: format!("{today}T11:30"),
                venue_id: None,
                lecturer_id: None,
                lecturer_name: Some("王教授".into()),
                status: None,
                revision: None,
            },
        )
        .unwrap();
        training::enrol(
            &db,
            &me,
            batch,
            &EnrolSelection {
                person_ids: vec![east, west],
                professional_group: None,
            },
        )
        .unwrap();
        (batch, east, west)
    };
    let app = App::start(&home).await;
    app.open_view("training").await;
    app.wait_for("#training-batches tr[data-id]").await;
    js(
        &app,
        "document.querySelector('#training-batches tr[data-id]').click()",
    )
    .await;
    app.wait_for("dialog[open] [data-tab=attendance]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "both rows",
        "document.querySelectorAll('#bd-attendance tr[data-person]').length === 2",
    )
    .await;
    let rows = app
        .texts("#bd-attendance tr[data-person] td:first-child")
        .await;
    assert!(rows.iter().all(|r| r.contains("同名")), "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("西城区代表团")), "{rows:?}");
    assert_ne!(rows[0], rows[1], "the two rows read differently: {rows:?}");
    js(
        &app,
        &format!("document.querySelector('#bd-attendance tr[data-person=\"{west}\"] input[value=present]').click()"),
    )
    .await;
    app.wait_until(
        "the mark kept",
        &format!("document.querySelector('#bd-attendance tr[data-person=\"{west}\"] input[value=present]')?.checked === true && !document.querySelector('#bd-att-msg .tone-error')"),
    )
    .await;
    app.stop().await;
    let db = Db::open(&home.db()).unwrap();
    let detail = training::batch_detail(&db, batch).unwrap();
    let present: Vec<i64> = detail
        .attendance
        .iter()
        .filter(|(_, _, s)| *s == training::AttendanceStatus::Present)
        .map(|(_, person, _)| *person)
        .collect();
    assert_eq!(present, vec![west], "only 西城's 梁建国 (not {east})");
}
