//! 经费与订购 and the 征订单 in the real window: the 图书购置费 set, an order
//! placed with a typed line, a reader's accepted suggestion ticked in and a
//! catalogued book found by its ISBN (the running total and the budget's
//! remainder shown as it is typed), the typed line received through the
//! title form filled from it — the book then in the catalogue with its
//! copies, the money moved from committed to spent — and next year's 征订单
//! listing this year's serial, over the 报刊订阅费 set from its notice,
//! exported as a workbook that reads back, then confirmed.

use chrono::{Datelike, Duration, Utc};
use shuxiang_core::audit::Role;
use shuxiang_core::catalog::{NewCopies, NewTitle};
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::participation::{self as part, SuggestionDraft, SuggestionStatus};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::serials::{self, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Actor, Db, catalog};

use crate::harness::{App, Home};

const ME: Actor = Actor::CommandLine;

fn this_year() -> i32 {
    (Utc::now() + Duration::hours(8)).date_naive().year()
}

/// Clicks the element matching `css`, as a person does.
async fn click(app: &App, css: &str) {
    app.wait_for(css).await.click().await.unwrap();
}

/// The text of the first element matching `css`.
async fn text(app: &App, css: &str) -> String {
    app.wait_for(css).await;
    app.texts(css).await.remove(0)
}

#[tokio::test]
async fn a_budget_an_order_received_into_the_catalogue_and_next_years_renewal_list() {
    let home = Home::new();
    let year = this_year();
    {
        let db = Db::open(&home.db()).unwrap();
        serials::add_subscription(
            &db,
            &ME,
            &SerialDraft {
                title: "中国人大".into(),
                postal_code: Some("2-873".into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: "半月刊".into(),
                year: Some(year),
                copies: Some(2),
                price: Some("180".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let reader = people::create_person(
            &db,
            &ME,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "林晓".into(),
                card_barcode: Some("C-40".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
        let suggested = part::reader_suggest(
            &db,
            reader,
            &SuggestionDraft {
                title: "大国大城".into(),
                author: Some("陆铭".into()),
                ..Default::default()
            },
            None,
        )
        .unwrap();
        part::decide_suggestion(&db, &ME, suggested.id, true, None).unwrap();
        catalog::create_title(
            &db,
            &ME,
            &NewTitle {
                title: "万历十五年".into(),
                authors: Some("黄仁宇".into()),
                isbn: Some("9787101052039".into()),
                ..Default::default()
            },
            &NewCopies {
                count: 1,
                ..Default::default()
            },
        )
        .unwrap();
    }
    let app = App::start(&home).await;
    app.eval("location.hash = '#periodicals?tab=orders'").await;
    app.wait_for(".budget-card[data-kind=books]").await;
    assert!(
        text(&app, ".budget-card[data-kind=books] .budget-amount")
            .await
            .contains("未设预算"),
        "no budget yet"
    );

    // The year's 图书购置费.
    click(&app, "[data-budget=books]").await;
    app.type_into("#bf-amount", "150").await;
    click(&app, "dialog.form-dialog [type=submit]").await;
    app.wait_until(
        "the budget set",
        "document.querySelector('.budget-card[data-kind=books] .budget-amount')?.textContent.includes('150.00')",
    )
    .await;

    // An order with one typed line: the total and what it leaves are shown as typed.
    click(&app, "[data-act=new-order]").await;
    app.type_into("#of-supplier", "新华书店").await;
    let row = "#of-rows tr:first-child";
    app.type_into(&format!("{row} [data-k=title]"), "置身事内")
        .await;
    app.type_into(&format!("{row} [data-k=authors]"), "兰小欢")
        .await;
    app.type_into(&format!("{row} [data-k=copies]"), "2").await;
    app.type_into(&format!("{row} [data-k=price]"), "70").await;
    app.wait_until(
        "the running total over the budget",
        "document.querySelector('#of-total').textContent.includes('合计 140.00 元') && document.querySelector('#of-total').textContent.includes('尚余 10.00 元')",
    )
    .await;
    // The reader's suggestion, ticked, becomes a line of its own.
    click(
        &app,
        "dialog.order-form input[type=checkbox][data-suggestion]",
    )
    .await;
    app.wait_until(
        "the suggestion's line",
        "document.querySelector('#of-rows tr[data-suggestion]:not([data-suggestion=\"\"]) [data-k=title]')?.value === '大国大城'",
    )
    .await;
    // A catalogued book found by its ISBN (a scan ends with Enter).
    click(&app, "[data-act=add-row]").await;
    let isbn = app.client.active_element().await.unwrap();
    isbn.send_keys("9787101052039\u{E007}").await.unwrap();
    app.wait_until(
        "the ISBN looked up",
        "document.querySelector('#of-rows tr:last-child [data-k=title]').value === '万历十五年' && document.querySelector('#of-isbn-note').textContent.includes('馆藏已有《万历十五年》1 册')",
    )
    .await;
    click(&app, "dialog.order-form [type=submit]").await;
    app.wait_until(
        "the order's three lines",
        "document.querySelectorAll('#order-lines tr[data-status=ordered]').length === 3",
    )
    .await;
    assert_eq!(
        app.eval("[...document.querySelectorAll('#order-lines tr')].some(tr => tr.textContent.includes('大国大城') && tr.querySelector('.tag')?.textContent === '荐购')").await,
        true,
        "the suggestion's line says where it came from"
    );
    assert!(
        text(&app, ".budget-card[data-kind=books] .budget-figures")
            .await
            .contains("已订未到 140.00 元"),
        "the order is committed against the budget"
    );
    assert_eq!(
        app.eval("document.querySelector('.budget-card[data-kind=books]').dataset.tone")
            .await,
        "warn",
        "140 of 150 is past 90 %"
    );

    // Receiving: the title form is filled from the line; the class and call number added.
    click(&app, "#order-lines tr:first-child [data-receive]").await;
    app.wait_for("#rf-clc").await;
    assert_eq!(
        app.eval("document.querySelector('#rf-title').value").await,
        "置身事内",
        "filled from the line"
    );
    assert_eq!(
        app.eval("document.querySelector('#rf-price').value").await,
        "70.00"
    );
    assert_eq!(
        app.eval("document.querySelector('#rf-copies').value").await,
        "2",
        "all the copies ordered, unless fewer came"
    );
    app.type_into("#rf-clc", "F123").await;
    app.type_into("#rf-call_number", "F123/1").await;
    app.type_into("#rf-location", "新书架").await;
    click(&app, "dialog.receive-form [type=submit]").await;
    app.wait_for("#order-lines tr[data-status=received]").await;
    assert_eq!(
        app.texts("#order-lines tr[data-status=received] .name")
            .await,
        ["置身事内"]
    );
    app.wait_until(
        "the money spent",
        "document.querySelector('.budget-card[data-kind=books] .budget-figures').textContent.includes('已支出 140.00 元')",
    )
    .await;

    // The book is in the catalogue.
    app.open_view("catalog").await;
    app.type_into("#catalog-search", "置身事内").await;
    app.wait_until(
        "the received title in the catalogue",
        "[...document.querySelectorAll('#catalog-body td')].some(td => td.textContent.includes('置身事内'))",
    )
    .await;

    // Next year's 征订单: this year's serial, its total, exported and read back.
    let next = year + 1;
    app.eval("location.hash = '#periodicals?tab=renewal'").await;
    app.wait_for("#renewal-lines tr[data-title='中国人大']")
        .await;
    assert_eq!(
        app.texts("#renewal-totals [data-total=total]").await,
        ["360.00"]
    );
    assert!(
        text(&app, "#renewal-budget").await.contains("还未设置"),
        "next year's 报刊订阅费 is not set"
    );
    // Set from here (in 经费与订购, on that year), below the list's total: over.
    click(&app, "#renewal-budget [data-act=budget]").await;
    app.wait_until(
        "经费与订购 on next year",
        &format!("document.querySelector('#orders-year')?.value === '{next}'"),
    )
    .await;
    click(&app, "[data-budget=periodicals]").await;
    app.type_into("#bf-amount", "300").await;
    click(&app, "dialog.form-dialog [type=submit]").await;
    app.wait_until(
        "next year's 报刊订阅费 set",
        "document.querySelector('.budget-card[data-kind=periodicals] .budget-amount')?.textContent.includes('300.00')",
    )
    .await;
    click(&app, "[data-tab=renewal]").await;
    app.wait_for("#renewal-lines").await;
    assert!(
        text(&app, "#renewal-budget")
            .await
            .contains(&format!("征订合计超出{next}年报刊订阅费预算 60.00 元")),
        "360 against 300"
    );
    click(&app, "[data-act=export]").await;
    app.wait_until(
        "the export said",
        "[...document.querySelectorAll('#toasts .toast')].some(t => t.textContent.includes('已导出到'))",
    )
    .await;
    let said = app
        .texts("#toasts .toast")
        .await
        .into_iter()
        .find(|t| t.contains("已导出到"))
        .unwrap();
    let path = said.trim_start_matches("已导出到").trim().to_owned();
    assert!(path.ends_with(&format!("{next}年征订单.xlsx")), "{path}");
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(&bytes[..2], b"PK", "an .xlsx is a zip");
    let tables = shuxiang_core::import::read_tables(&bytes, "x.xlsx").unwrap();
    let sheet = format!("{tables:?}");
    assert!(
        sheet.contains("中国人大") && sheet.contains("2-873") && sheet.contains("360"),
        "{sheet}"
    );
    let _ = std::fs::remove_file(&path);

    // Confirming says what it makes, then makes next year's subscription.
    click(&app, "[data-act=confirm]").await;
    let asked = text(&app, "dialog p").await;
    assert!(asked.contains("续订 1 种报刊（共 2 份）"), "{asked}");
    assert!(asked.contains("注意：征订合计超出"), "{asked}");
    click(&app, "dialog [data-act=ok]").await;
    app.wait_for("#renewal-taken").await;
    app.stop().await;

    let db = Db::open(&home.db()).unwrap();
    let renewed = serials::subscriptions(&db, next).unwrap();
    assert_eq!(renewed.len(), 1, "next year's subscription made");
    assert_eq!(renewed[0].title, "中国人大");
    let found = catalog::list_titles(&db, &Default::default()).unwrap();
    let book = found
        .items
        .iter()
        .find(|t| t.title == "置身事内")
        .expect("catalogued");
    assert_eq!(book.copies, 2, "the line's copies, with barcodes");
    assert_eq!(book.call_number.as_deref(), Some("F123/1"));
    assert_eq!(
        part::list_suggestions(&db, Some(SuggestionStatus::Accepted))
            .unwrap()
            .len(),
        1,
        "its line not received yet, the suggestion waits"
    );
    assert!(
        part::suggestions_to_order(&db).unwrap().is_empty(),
        "on the order now, it is not offered for another"
    );
}

#[tokio::test]
async fn a_viewer_reads_the_budgets_and_the_renewal_list_without_the_buttons_that_change_them() {
    let home = Home::new();
    let year = this_year();
    {
        let db = Db::open(&home.db()).unwrap();
        serials::add_subscription(
            &db,
            &ME,
            &SerialDraft {
                title: "求是".into(),
                postal_code: Some("2-25".into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: "半月刊".into(),
                year: Some(year),
                price: Some("180".into()),
                ..Default::default()
            },
        )
        .unwrap();
        shuxiang_core::acquisitions::set_budget(
            &db,
            &ME,
            year,
            shuxiang_core::acquisitions::BudgetKind::Books,
            "20000",
            None,
            Some(0),
        )
        .unwrap();
        for (name, role, password) in [
            ("管理员", Role::Admin, "管理员密码123"),
            ("小李", Role::Viewer, "小李的密码123"),
        ] {
            let new = NewOperator {
                name: name.into(),
                role,
                password: password.into(),
            };
            operators::create_operator(&db, &ME, &new).unwrap();
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

    app.eval("location.hash = '#periodicals?tab=orders'").await;
    app.wait_until(
        "the books budget shown",
        "document.querySelector('.budget-card[data-kind=books] .budget-amount')?.textContent.includes('20,000.00')",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelectorAll('[data-budget], [data-act=new-order]').length")
            .await,
        0,
        "a viewer sets no budget and places no order"
    );
    app.eval("location.hash = '#periodicals?tab=renewal'").await;
    app.wait_for("#renewal-lines tr[data-title='求是']").await;
    assert_eq!(
        app.eval("document.querySelectorAll('[data-act=confirm]').length")
            .await,
        0,
        "nor confirms the 征订单"
    );
    assert_eq!(
        app.eval("document.querySelectorAll('[data-act=export]').length")
            .await,
        1,
        "but may export it"
    );
    app.stop().await;
}
