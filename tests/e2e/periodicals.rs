//! The periodicals room in the real window (issue 26): 记到 driven by a
//! scanner's keystrokes — the cover's EAN-13 and Enter checks an issue in
//! with all its copies, the same scan again with nothing more due says
//! 重复到刊 and changes nothing, a count in 份数 makes a partial arrival —
//! and 催缺 listing a late issue and claiming it, its 缺刊催询单 shown.
//! With `SHUXIANG_PERIODICALS_SHOTS=<folder>` it also saves pictures of
//! the screens at 1366×768.

use chrono::{Datelike, Days, NaiveDate};
use shuxiang_core::serials::routing::{self, Stop};
use shuxiang_core::serials::{self, IssueStatus, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Actor, Clock, Db};

use crate::harness::{App, Home};

const ENTER: &str = "\u{E007}";
const CONTROL: &str = "\u{E009}";
const PAGE_DOWN: &str = "\u{E00F}";
/// Releases the modifier keys held in a `send_keys`.
const NULL: &str = "\u{E000}";

/// A monthly from `from` to `to` coming out on `from`'s day of the month.
fn monthly(
    db: &Db,
    title: &str,
    issn: Option<&str>,
    postal: &str,
    copies: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> i64 {
    serials::add_subscription(
        db,
        &Actor::CommandLine,
        &SerialDraft {
            title: title.into(),
            issn: issn.map(Into::into),
            postal_code: Some(postal.into()),
            frequency: Some("月刊".into()),
            ..Default::default()
        },
        &SubscriptionDraft {
            frequency: "月刊".into(),
            days: vec![from.day()],
            from: Some(from),
            to: Some(to),
            copies: Some(copies),
            price: Some("120.00".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .subscription_id
}

/// Types into whatever has focus, as a scanner does: the keys, then Enter.
async fn scan(app: &App, code: &str) {
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys(&format!("{code}{ENTER}")).await.unwrap();
}

async fn focus_on_scan(app: &App) {
    app.wait_until(
        "the scan field to have focus",
        "document.activeElement?.id === 'checkin-scan'",
    )
    .await;
}

async fn answer(app: &App) -> String {
    app.texts("#checkin-answer").await.remove(0)
}

/// Saves the window as `name`.png when pictures were asked for.
async fn picture(app: &App, name: &str) {
    let Some(dir) = std::env::var_os("SHUXIANG_PERIODICALS_SHOTS") else {
        return;
    };
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let _ = app
        .eval("document.getElementById('toasts')?.replaceChildren()")
        .await;
    let tree = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo (package x11-utils)");
    let tree = String::from_utf8_lossy(&tree.stdout);
    let id = tree
        .lines()
        .find(|l| l.contains("\"书香\":"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the window titled 书香 is on the display")
        .to_owned();
    std::fs::create_dir_all(&dir).unwrap();
    let path = std::path::Path::new(&dir).join(format!("{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-window", &id])
        .arg(path)
        .status()
        .expect("import (package imagemagick)");
    assert!(status.success());
}

#[tokio::test]
async fn a_cover_scanned_checks_in_an_issue_a_second_scan_is_a_duplicate_and_a_late_one_is_claimed()
{
    let home = Home::new();
    let today = Clock::System.today();
    let (renmin, qiushi, renda) = {
        std::fs::create_dir_all(home.data()).unwrap();
        let db = Db::open(&home.db()).unwrap();
        let later = today + Days::new(200);
        // ISSN 0028-0836: its cover's EAN-13 is 977 0028083 00 2.
        let renmin = monthly(&db, "人民论坛", Some("0028-0836"), "2-1", 2, today, later);
        let qiushi = monthly(&db, "求是", None, "2-2", 3, today, later);
        // One issue, five weeks ago: late (15 days' grace) and not in.
        let late_day = today - Days::new(35);
        let renda = monthly(
            &db,
            "中国人大",
            None,
            "2-873",
            1,
            late_day,
            late_day + Days::new(5),
        );
        // 人民论坛 goes round one department.
        let title = serials::subscription(&db, renmin).unwrap().title_id;
        routing::set_routing(
            &db,
            &Actor::CommandLine,
            title,
            &[Stop {
                department: Some("研究室".into()),
                days: 2,
                ..Default::default()
            }],
            Some(0),
        )
        .unwrap();
        (renmin, qiushi, renda)
    };
    let issues = |id: i64| {
        let db = Db::open(&home.db()).unwrap();
        serials::issues(&db, id).unwrap()
    };

    let app = App::start(&home).await;
    if std::env::var_os("SHUXIANG_PERIODICALS_SHOTS").is_some() {
        app.client.set_window_rect(0, 0, 1366, 768).await.unwrap();
    }
    app.open_view("periodicals").await;
    app.wait_for("#checkin-scan").await;
    focus_on_scan(&app).await;
    assert_eq!(
        app.eval("location.hash").await,
        "#periodicals?tab=checkin",
        "the tab is in the address"
    );
    // 今日到刊: the two monthlies due today; the late one is 催缺's.
    app.wait_until(
        "today's arrivals",
        "document.querySelectorAll('#checkin-due tbody tr').length === 2",
    )
    .await;
    let due = app.texts("#checkin-due tbody td.name").await;
    assert_eq!(due, ["《人民论坛》", "《求是》"]);

    // The cover's barcode and Enter: the issue with both its copies.
    scan(&app, "9770028083002").await;
    app.wait_until(
        "the check-in",
        "document.querySelector('#checkin-answer .answer-big.received')",
    )
    .await;
    let said = answer(&app).await;
    assert!(said.contains("《人民论坛》"), "{said}");
    assert!(said.contains("第1期"), "{said}");
    assert!(said.contains("已到") && said.contains("2 份到齐"), "{said}");
    let first = &issues(renmin)[0];
    assert_eq!(
        (first.status, first.copies_received),
        (IssueStatus::Received, 2)
    );
    focus_on_scan(&app).await;
    app.wait_until(
        "today's arrivals without it",
        "document.querySelectorAll('#checkin-due tbody tr').length === 1",
    )
    .await;
    picture(&app, "checkin").await;

    // It has a routing list: its slip, the first leg given today.
    app.eval("document.querySelector('#checkin-answer [data-act=route]').click()")
        .await;
    app.wait_for("dialog.print-preview[open]").await;
    let slip = app.texts("dialog.print-preview #pv-pages").await.remove(0);
    assert!(
        slip.contains("传 阅 单") && slip.contains("研究室") && slip.contains("人民论坛"),
        "{slip}"
    );
    app.eval("document.querySelector('dialog.print-preview [data-act=close]').click()")
        .await;
    focus_on_scan(&app).await;

    // The same cover again: nothing more is due — 重复到刊, nothing changed.
    let before = issues(renmin);
    scan(&app, "9770028083002").await;
    app.wait_until(
        "the duplicate",
        "document.querySelector('#checkin-answer')?.textContent.includes('重复到刊')",
    )
    .await;
    assert_eq!(issues(renmin), before, "a duplicate scan changes nothing");
    focus_on_scan(&app).await;

    // One of three copies: the count in 份数, Enter, then the 邮发代号.
    app.type_into("#checkin-copies", &format!("1{ENTER}")).await;
    focus_on_scan(&app).await;
    scan(&app, "2-2").await;
    app.wait_until(
        "the partial arrival",
        "document.querySelector('#checkin-answer .answer-big.partial')",
    )
    .await;
    let said = answer(&app).await;
    assert!(
        said.contains("《求是》") && said.contains("部分到"),
        "{said}"
    );
    assert!(said.contains("已到 1 / 3 份"), "{said}");
    let first = &issues(qiushi)[0];
    assert_eq!(
        (first.status, first.copies_received),
        (IssueStatus::Partial, 1)
    );
    assert_eq!(
        app.eval("document.querySelector('#checkin-copies').value")
            .await,
        "",
        "the count was for that scan only"
    );
    picture(&app, "checkin-partial").await;

    // The rest of 求是 from 今日到刊: its row and Enter.
    app.wait_until(
        "the partial issue still awaited",
        "document.querySelector('#checkin-due tbody tr td:nth-child(5)')?.textContent.trim() === '1 / 3'",
    )
    .await;
    app.wait_for("#checkin-due tbody tr[data-due]")
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    app.wait_until(
        "the rest checked in",
        "document.querySelector('#checkin-answer .answer-big.received')?.textContent.includes('求是')",
    )
    .await;
    let first = &issues(qiushi)[0];
    assert_eq!(
        (first.status, first.copies_received),
        (IssueStatus::Received, 3)
    );
    app.wait_until(
        "today's arrivals all in",
        "!document.querySelector('#checkin-due tbody')",
    )
    .await;

    // 催缺 two tabs on, by the keyboard: Ctrl+PageDown twice.
    let keys = format!("{CONTROL}{PAGE_DOWN}{NULL}");
    for _ in 0..2 {
        app.client
            .active_element()
            .await
            .unwrap()
            .send_keys(&keys)
            .await
            .unwrap();
    }
    app.wait_for("#late-table").await;
    assert_eq!(app.eval("location.hash").await, "#periodicals?tab=late");
    assert_eq!(app.texts("#late-table td.name").await, ["《中国人大》"]);
    assert!(
        app.texts("#late-table tr.group-row").await[0].contains("邮局"),
        "grouped per supplier"
    );
    assert_eq!(
        app.texts("#late-table tbody tr[data-id] td:nth-child(6)")
            .await,
        ["35"],
        "days late"
    );
    app.eval("document.querySelector('#late-table input[data-issue]').click()")
        .await;
    app.wait_until(
        "the claim button enabled",
        "!document.querySelector('[data-act=claim]').disabled",
    )
    .await;
    app.eval("document.querySelector('[data-act=claim]').click()")
        .await;
    app.wait_for("dialog.print-preview[open]").await;
    let sheet = app.texts("dialog.print-preview #pv-pages").await.remove(0);
    assert!(
        sheet.contains("缺刊催询单") && sheet.contains("中国人大") && sheet.contains("1 次"),
        "{sheet}"
    );
    picture(&app, "claim-sheet").await;
    app.eval("document.querySelector('dialog.print-preview [data-act=close]').click()")
        .await;
    app.wait_until(
        "the claim counted",
        "document.querySelector('#late-table tbody tr[data-id] td:nth-child(8)')?.textContent.includes('1 次')",
    )
    .await;
    let late = &issues(renda)[0];
    assert_eq!((late.status, late.claims), (IssueStatus::Claimed, 1));
    // The list as a workbook, with the claim counted.
    app.eval("document.querySelector('#late-actions [data-act=export]').click()")
        .await;
    app.wait_until(
        "the export said",
        "[...document.querySelectorAll('#toasts .toast')].some((t) => t.textContent.includes('缺刊催询单已导出到'))",
    )
    .await;
    let said = app
        .eval("[...document.querySelectorAll('#toasts .toast')].map((t) => t.textContent).find((t) => t.includes('已导出到'))")
        .await;
    let path = said
        .as_str()
        .unwrap()
        .split("已导出到 ")
        .nth(1)
        .unwrap()
        .trim();
    assert!(
        std::path::Path::new(path).is_file() && path.ends_with(".xlsx"),
        "{path}"
    );
    picture(&app, "late").await;

    // 传阅: the serial with a list opens first; its issue is with 研究室
    // until passed on, the last stop.
    app.eval("document.querySelector('[role=tab][data-tab=routing]').click()")
        .await;
    app.wait_for("#routing-legs-table").await;
    assert!(
        app.texts("#routing-serial option:checked").await[0].contains("人民论坛"),
        "the routed serial first"
    );
    let leg = app.texts("#routing-legs-table tbody tr").await.remove(0);
    assert!(leg.contains("研究室") && leg.contains("传阅中"), "{leg}");
    app.eval("document.querySelector('#routing-legs [data-act=pass]').click()")
        .await;
    app.wait_until(
        "the issue back",
        "document.querySelector('#routing-legs-table tbody tr')?.textContent.includes('已交回')",
    )
    .await;
    assert!(app.texts("#routing-overdue").await[0].contains("没有逾期"));
    // The list edited here: 办公厅 added and saved ...
    let add_and_save = |department: &str| {
        format!(
            "(() => {{ document.querySelector('#routing-dept').value = '{department}';
             document.querySelector('#routing-add-dept').requestSubmit();
             document.querySelector('#routing-list [data-act=save]').click(); }})()"
        )
    };
    app.eval(&add_and_save("办公厅")).await;
    app.wait_until(
        "the list saved with two stops",
        "document.querySelectorAll('#routing-stops tbody tr').length === 2
         && document.querySelector('#routing-list [data-act=save]').disabled",
    )
    .await;
    // ... and changed at another PC meanwhile: a save here, made on the
    // list as this window showed it, is refused and overwrites nothing.
    let title = {
        let db = Db::open(&home.db()).unwrap();
        let title = serials::subscription(&db, renmin).unwrap().title_id;
        let list = routing::routing(&db, title).unwrap();
        assert_eq!(list.stops.len(), 2);
        routing::set_routing(
            &db,
            &Actor::CommandLine,
            title,
            &list.stops[..1],
            Some(list.revision),
        )
        .unwrap();
        title
    };
    app.eval(&add_and_save("综合科")).await;
    app.wait_until(
        "the stale save refused",
        "document.getElementById('toasts')?.textContent.includes('已被他人修改')",
    )
    .await;
    let kept = routing::routing(&Db::open(&home.db()).unwrap(), title).unwrap();
    assert_eq!(kept.stops.len(), 1, "the other PC's list stands");

    if std::env::var_os("SHUXIANG_PERIODICALS_SHOTS").is_some() {
        app.eval("document.querySelector('[role=tab][data-tab=subscriptions]').click()")
            .await;
        app.wait_for("#subs-table").await;
        picture(&app, "subscriptions").await;
        app.eval("document.querySelector('#subs-table [data-act=issues]').click()")
            .await;
        app.wait_for(".issues-dialog tbody tr[data-issue]").await;
        picture(&app, "issues").await;
        app.eval("document.querySelector('.issues-dialog [data-act=close]').click()")
            .await;
        app.eval("document.querySelector('[data-act=add]').click()")
            .await;
        app.wait_for("#subscription-form").await;
        picture(&app, "subscription-form").await;
        app.eval("document.querySelector('#subscription-form [data-act=cancel]').click()")
            .await;
        app.eval("document.querySelector('[role=tab][data-tab=routing]').click()")
            .await;
        app.wait_for("#routing-list").await;
        picture(&app, "routing").await;
    }
    app.stop().await;
}

#[tokio::test]
async fn a_subscription_is_added_in_its_form_a_wrong_issn_is_said_on_its_field_and_a_supplement_added_by_hand()
 {
    let home = Home::new();
    let app = App::start(&home).await;
    app.open_view("periodicals").await;
    app.eval("document.querySelector('[role=tab][data-tab=subscriptions]').click()")
        .await;
    app.wait_for("[data-act=add]").await.click().await.unwrap();
    app.wait_for("#subscription-form").await;
    app.type_into("#sf-title", "学习时报").await;
    app.type_into("#sf-issn", "0028-0837").await;
    app.eval(
        "(() => { const f = document.querySelector('#sf-frequency'); f.value = '周刊'; f.dispatchEvent(new Event('change')); })()",
    )
    .await;
    app.type_into("#sf-weekdays", "一").await;
    app.type_into("#sf-copies", "2").await;
    app.type_into("#sf-combine", "7-8").await;
    app.eval("document.querySelector('#subscription-form [type=submit]').click()")
        .await;
    app.wait_until(
        "the ISSN refused on its field",
        "document.querySelector('[data-field=issn]')?.classList.contains('invalid')",
    )
    .await;
    let said = app.texts("#sf-issn-error").await.remove(0);
    assert!(said.contains("ISSN"), "the core's words: {said}");

    app.type_into("#sf-issn", "0028-0836").await;
    app.eval("document.querySelector('#subscription-form [type=submit]').click()")
        .await;
    app.wait_until(
        "the form saved or refused",
        "document.querySelector('#subs-table') || document.querySelector('#subscription-form .field.invalid, #subscription-form .form-error:not(:empty)')",
    )
    .await;
    let refused = app
        .texts("#subscription-form .field-error, #subscription-form .form-error")
        .await;
    assert!(refused.iter().all(String::is_empty), "{refused:?}");
    app.wait_for("#subs-table").await;
    assert_eq!(app.texts("#subs-table td.name").await, ["《学习时报》"]);
    let row = app.texts("#subs-table tbody tr").await.remove(0);
    assert!(
        row.contains("周刊") && row.contains("周一") && row.contains("合刊 7-8"),
        "{row}"
    );

    // Edited in its form: saved on the revision the form was opened on.
    app.eval("document.querySelector('#subs-table [data-act=edit]').click()")
        .await;
    app.wait_for("dialog[open] #subscription-form").await;
    app.eval(
        "(() => { const c = document.querySelector('#sf-copies'); c.value = '3'; c.dispatchEvent(new Event('input', { bubbles: true })); })()",
    )
    .await;
    app.eval("document.querySelector('#subscription-form [type=submit]').click()")
        .await;
    app.wait_until(
        "the edit saved",
        "!document.querySelector('dialog[open] #subscription-form')",
    )
    .await;
    {
        let db = Db::open(&home.db()).unwrap();
        let year = Clock::System.today().year();
        let subs = serials::subscriptions(&db, year).unwrap();
        assert_eq!((subs[0].copies, subs[0].revision), (3, 1), "{subs:?}");
    }

    // Its issues: the Mondays, 7–8 as one; a 增刊 added by hand.
    app.eval("document.querySelector('#subs-table [data-act=issues]').click()")
        .await;
    app.wait_for(".issues-dialog tbody tr[data-issue]").await;
    let labels = app
        .texts(".issues-dialog tbody tr[data-issue] td:first-child")
        .await;
    assert!(labels.iter().any(|l| l.ends_with("第7-8期")), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l.ends_with("第8期")),
        "8 is consumed by the 合刊"
    );
    let n = labels.len();
    let day = app.eval("document.querySelector('.issues-dialog tbody tr[data-issue] td:nth-child(2)').textContent").await;
    let day = day.as_str().unwrap().to_owned();
    app.eval(&format!(
        "(() => {{ const f = document.querySelector('#issue-add'); f.elements.published_on.value = '{day}'; f.elements.supplement.checked = true; f.requestSubmit(); }})()"
    ))
    .await;
    app.wait_until(
        "the supplement listed",
        &format!(
            "document.querySelectorAll('.issues-dialog tbody tr[data-issue]').length === {}",
            n + 1
        ),
    )
    .await;
    let labels = app
        .texts(".issues-dialog tbody tr[data-issue] td:first-child")
        .await;
    assert!(labels.iter().any(|l| l.ends_with("年增刊")), "{labels:?}");

    // 第1期, the 增刊 of its day and 第2期 in; 1-3 bound: one volume of two
    // issues, the third named missing.
    {
        let db = Db::open(&home.db()).unwrap();
        let today = Clock::System.today();
        for _ in 0..3 {
            serials::receive(&db, &Actor::CommandLine, "9770028083002", today, None).unwrap();
        }
    }
    app.type_into("#ib-issues", "1-3").await;
    app.eval("document.querySelector('#issue-bind').requestSubmit()")
        .await;
    app.wait_for(".bound-result").await;
    let bound = app.texts(".bound-result").await.remove(0);
    assert!(
        bound.contains("条码") && bound.contains("索书号") && bound.contains("2 期"),
        "{bound}"
    );
    assert!(
        bound.contains("缺") && bound.contains("第3期"),
        "the missing issue named: {bound}"
    );
    app.wait_until(
        "the bound issues marked",
        "[...document.querySelectorAll('.issues-dialog tbody tr[data-issue] td:nth-child(4)')].filter((td) => td.textContent.includes('已合订')).length === 2",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_read_only_operator_sees_the_periodicals_room_without_a_write_button() {
    use shuxiang_core::audit::Role;
    use shuxiang_core::operators::{self, NewOperator};
    let home = Home::new();
    {
        std::fs::create_dir_all(home.data()).unwrap();
        let db = Db::open(&home.db()).unwrap();
        let today = Clock::System.today();
        monthly(&db, "求是", None, "2-2", 1, today, today + Days::new(100));
        let late_day = today - Days::new(35);
        monthly(
            &db,
            "中国人大",
            None,
            "2-873",
            1,
            late_day,
            late_day + Days::new(5),
        );
        for (name, role, password) in [
            ("管理员", Role::Admin, "管理员密码123"),
            ("小李", Role::Viewer, "小李的密码123"),
        ] {
            let new = NewOperator {
                name: name.into(),
                role,
                password: password.into(),
            };
            operators::create_operator(&db, &Actor::CommandLine, &new).unwrap();
        }
    }
    let app = App::start(&home).await;
    app.wait_for("#login-overlay #login-name").await;
    app.type_into("#login-name", "小李").await;
    app.type_into("#login-password", "小李的密码123").await;
    app.eval("document.querySelector('#login-overlay button[type=submit]').click()")
        .await;
    app.wait_until("logged in", "!document.querySelector('#login-overlay')")
        .await;
    app.open_view("periodicals").await;
    app.wait_for("#checkin-due tbody tr").await;
    assert_eq!(
        app.eval("[!!document.querySelector('#checkin-scan'), document.querySelectorAll('#checkin-due tr[tabindex]').length]")
            .await,
        serde_json::json!([false, 0]),
        "no scan field, no row to check in"
    );
    assert!(app.texts(".checkin").await[0].contains("只能查看"));

    app.eval("document.querySelector('[role=tab][data-tab=subscriptions]').click()")
        .await;
    app.wait_for("#subs-table").await;
    let writes = "document.querySelectorAll('[data-act=add], [data-act=import], [data-act=edit], [data-act=stop], [data-act=claim], [data-act=missing], input[data-issue], [data-act=save], [data-act=add-person]').length";
    assert_eq!(app.eval(writes).await, 0);
    app.eval("document.querySelector('#subs-table [data-act=issues]').click()")
        .await;
    app.wait_for(".issues-dialog tbody tr[data-issue]").await;
    assert_eq!(
        app.eval("document.querySelectorAll('#issue-add, #issue-bind, .issues-dialog [data-act=missing]').length")
            .await,
        0
    );
    app.eval("document.querySelector('.issues-dialog [data-act=close]').click()")
        .await;

    app.eval("document.querySelector('[role=tab][data-tab=late]').click()")
        .await;
    app.wait_for("#late-table").await;
    assert_eq!(app.texts("#late-table td.name").await, ["《中国人大》"]);
    assert_eq!(app.eval(writes).await, 0);

    app.eval("document.querySelector('[role=tab][data-tab=routing]').click()")
        .await;
    app.wait_for("#routing-list h2").await;
    assert_eq!(app.eval(writes).await, 0);
    app.stop().await;
}

#[tokio::test]
async fn the_post_offices_subscription_list_is_imported_for_the_year_chosen() {
    let home = Home::new();
    std::fs::create_dir_all(home.data()).unwrap();
    let next = Clock::System.today().year() + 1;
    let list = home.data().join("订阅清单.csv");
    std::fs::write(
        &list,
        "邮发代号,报刊名称,刊期,份数,全年定价\n1-1,人民日报,日报,2,648\n2-25,求是,半月刊,1,192\n",
    )
    .unwrap();
    let app = App::start(&home).await;
    app.open_view("periodicals").await;
    app.eval("document.querySelector('[role=tab][data-tab=subscriptions]').click()")
        .await;
    app.wait_for("[data-act=next-year]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "next year chosen",
        &format!("document.querySelector('#subs-year')?.value === '{next}'"),
    )
    .await;
    app.eval("document.querySelector('[data-act=import]').click()")
        .await;
    let input = app.wait_for("dialog[open] #import-file").await;
    input.send_keys(&list.display().to_string()).await.unwrap();
    app.wait_until(
        "the check of the list",
        "document.querySelector('#import-report .counts') !== null",
    )
    .await;
    let counts = app.texts("#import-report .counts").await;
    assert!(counts[0].contains("新增 2"), "{counts:?}");
    app.eval("document.querySelector('dialog[open] [data-act=import]').click()")
        .await;
    app.wait_for("#import-done").await;
    app.eval("document.querySelector('dialog[open] [data-act=close]').click()")
        .await;
    app.wait_until(
        "the list",
        "document.querySelectorAll('#subs-table tbody tr').length === 2",
    )
    .await;
    assert_eq!(
        app.texts("#subs-table td.name").await,
        ["《人民日报》", "《求是》"]
    );
    let db = Db::open(&home.db()).unwrap();
    let subs = serials::subscriptions(&db, next).unwrap();
    assert_eq!(subs.len(), 2, "subscribed for the year shown, not this one");
    assert!(subs.iter().all(|s| s.starts_on == format!("{next}-01-01")));
    app.stop().await;
}
