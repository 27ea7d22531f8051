//! Reading-share in the real window: a monthly series created through the
//! series dialog — which plans the coming twelve months from today, shows
//! dates already passed as 已过 and refuses them unless recording history —
//! a venue clash flagged in its preview and skipped, the new sessions listed
//! under 今后一年, a past session still planned shown as 待确认, two people
//! signed in by scanning their cards, the session found in the month view of
//! the calendar.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use shuxiang_core::calendar::{self, NewVenue};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft, recurrence::nth_weekday};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home};

const ENTER: &str = "\u{E007}";

fn last_thursday(year: i32, month: u32) -> NaiveDate {
    nth_weekday(year, month, -1, chrono::Weekday::Thu).unwrap()
}

/// Sets a form control's value and tells the page, as typing would.
async fn set(app: &App, css: &str, value: &str, event: &str) {
    app.client
        .execute(
            &format!(
                "const el = document.querySelector({css:?}); el.value = {value:?}; \
                 el.dispatchEvent(new Event({event:?}, {{ bubbles: true }}));"
            ),
            vec![],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_monthly_series_is_planned_around_a_clash_people_sign_in_and_it_shows_in_the_month() {
    let home = Home::new();
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let first = today.with_day(1).unwrap();
    let next = first + chrono::Months::new(1);
    let clash_day = last_thursday(next.year(), next.month());
    let room_id = {
        let db = Db::open(&home.db()).unwrap();
        let me = Actor::CommandLine;
        let room = calendar::create_venue(
            &db,
            &me,
            &NewVenue {
                name: "三楼会议室".into(),
                capacity: Some(40),
                ..Default::default()
            },
        )
        .unwrap();
        for (name, card) in [("张伟", "C001"), ("李娜", "C002")] {
            people::create_person(
                &db,
                &me,
                &NewPerson {
                    kind: Some(PersonKind::Staff),
                    name: name.into(),
                    department: Some("办公厅".into()),
                    card_barcode: Some(card.into()),
                    ..Default::default()
                },
            )
            .unwrap();
        }
        // Today's reading-share session, in another room: people sign in on
        // the day (the series' sessions are still to come).
        sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: "今日读书会".into(),
                starts_at: format!("{today}T15:00"),
                ends_at: format!("{today}T16:00"),
                venue_id: None,
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
        .unwrap();
        // Last week's session, never settled: the list asks to settle it.
        sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: "上周读书会".into(),
                starts_at: format!("{}T15:00", today - Duration::days(7)),
                ends_at: format!("{}T16:00", today - Duration::days(7)),
                venue_id: None,
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
        .unwrap();
        sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: "党组会".into(),
                starts_at: format!("{clash_day}T15:30"),
                ends_at: format!("{clash_day}T16:30"),
                venue_id: Some(room.id),
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
        .unwrap();
        room.id
    };
    let app = App::start(&home).await;
    app.open_view("sharing").await;

    // What is to come is listed first; last week's planned session waits to be settled.
    app.wait_until(
        "last week's session to settle",
        "[...document.querySelectorAll('#sharing-body tbody.pending-group tr[data-id]')].some(r => r.textContent.includes('上周读书会') && r.textContent.includes('待确认'))",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelector('#sharing-range').value")
            .await,
        "coming"
    );
    app.client
        .execute(
            "document.querySelector('.view-head [data-act=new-series]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #sr-name").await;
    app.type_into("#sr-name", "书香润初心 奋进新征程").await;

    // The defaults: the coming twelve months, from today.
    let year_on = NaiveDate::from_ymd_opt(today.year() + 1, today.month(), today.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year() + 1, 3, 1).unwrap());
    assert_eq!(
        app.eval("document.querySelector('#sr-start').value").await,
        today.to_string()
    );
    assert_eq!(
        app.eval("document.querySelector('#sr-until').value").await,
        (year_on - Duration::days(1)).to_string()
    );

    // Set back two months: the dates already passed say 已过, never 可以, and
    // the series is refused unless it records history.
    let back = first - chrono::Months::new(2);
    set(&app, "#sr-start", &back.to_string(), "input").await;
    let past_row = "#sr-preview tr.past:not(.muted)";
    app.wait_until(
        "a past date in the preview",
        &format!("document.querySelectorAll({past_row:?}).length >= 1"),
    )
    .await;
    let text = app.texts(past_row).await;
    assert!(
        text[0].contains("已过") && !text[0].contains("可以"),
        "{text:?}"
    );
    assert!(app.texts("#sr-summary").await[0].contains("日期已过"));
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=create]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the refusal",
        "document.querySelector('#sr-error')?.textContent.includes('补录以前的活动')",
    )
    .await;

    set(&app, "#sr-start", &today.to_string(), "input").await;
    let until = next + chrono::Months::new(2) - Duration::days(1);
    set(&app, "#sr-until", &until.to_string(), "input").await;
    set(&app, "#sr-venue", &room_id.to_string(), "change").await;

    // Two dates; the second clashes with the meeting in the same room.
    let clash_row = format!("#sr-preview tr[data-date='{clash_day}']");
    app.wait_until(
        "the clash in the preview",
        &format!("document.querySelector(\"{clash_row}\")?.classList.contains('clash')"),
    )
    .await;
    let text = app.texts(&format!("{clash_row} .conflict")).await;
    assert!(
        text[0].contains("三楼会议室 已被读书分享《党组会》占用"),
        "{text:?}"
    );
    assert_eq!(
        app.eval("document.querySelectorAll('#sr-preview tr.clash').length")
            .await,
        1
    );

    // Skip it, then create the series.
    app.client
        .execute(
            &format!("document.querySelector(\"{clash_row} [data-skip]\").click()"),
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "no clash left",
        "document.querySelectorAll('#sr-preview tr.clash').length === 0",
    )
    .await;
    assert_eq!(
        app.eval("document.querySelectorAll('#sr-preview tr.past').length")
            .await,
        0,
        "from today, nothing has passed"
    );
    let made = app
        .eval("document.querySelectorAll('#sr-preview tr:not(.muted)').length")
        .await;
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=create]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the dialog to close",
        "!document.querySelector('dialog[open]')",
    )
    .await;
    app.wait_for("#sharing-body tr[data-id]").await;

    // Every new session is listed under 今后一年, and the toast says so;
    // today's session is opened and two people sign in by card.
    app.wait_until(
        "the series' sessions",
        &format!("[...document.querySelectorAll('#sharing-body tbody.coming-group tr[data-id]')].filter(r => r.textContent.includes('书香润初心')).length === {made}"),
    )
    .await;
    let toasts = app.texts(".toast").await;
    assert!(
        toasts.iter().any(|t| t.contains("列在“今后一年”中")),
        "{toasts:?}"
    );
    app.client
        .execute(
            "[...document.querySelectorAll('#sharing-body tr[data-id]')].find(r => r.textContent.includes('今日读书会')).click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] [data-tab=people]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_until(
        "the sign-in field",
        "document.activeElement?.id === 'sd-signin'",
    )
    .await;
    for card in ["C001", "C002"] {
        app.client
            .active_element()
            .await
            .unwrap()
            .send_keys(&format!("{card}{ENTER}"))
            .await
            .unwrap();
    }
    app.wait_until(
        "two signed in",
        "document.querySelector('#sd-signed')?.textContent === '2'",
    )
    .await;
    let names = app.texts("#sd-attendees tbody tr td:nth-child(2)").await;
    assert_eq!(names.len(), 2);
    assert!(
        names.iter().all(|n| n.contains("未邀请")),
        "walk-ins are marked: {names:?}"
    );

    // A photo of the board: its bytes travel as the request's body, its
    // name (with a path a browser might add) in a header; only the name stays.
    app.wait_for("dialog[open] [data-tab=minutes]")
        .await
        .click()
        .await
        .unwrap();
    let photo = home.data().join("活动合影 1.jpg");
    std::fs::create_dir_all(home.data()).unwrap();
    std::fs::write(
        &photo,
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0],
    )
    .unwrap();
    app.wait_for("dialog[open] #sd-file")
        .await
        .send_keys(&photo.display().to_string())
        .await
        .unwrap();
    app.wait_until(
        "the attachment listed",
        "[...document.querySelectorAll('dialog[open] tr[data-attachment] td')].some(td => td.textContent === '活动合影 1.jpg')",
    )
    .await;
    // The minutes, saved after this dialog's own sign-ins moved the session
    // on: saved, not refused as changed elsewhere.
    let toast_says = |words: &str| {
        format!(
            "[...document.querySelectorAll('.toast')].some(t => t.textContent.includes('{words}'))"
        )
    };
    set(&app, "#sd-minutes", "张伟、李娜谈了读书体会。", "input").await;
    app.eval("document.querySelector('dialog[open] [data-act=save-minutes]').click()")
        .await;
    app.wait_until("the minutes saved", &toast_says("纪要已保存"))
        .await;
    // Another PC sets the presenters while this dialog is open: the
    // dialog's own list, read before, is refused, and the other PC's stands.
    let (db, session) = {
        let db = Db::open(&home.db()).unwrap();
        let session = sharing::sessions_between(&db, today, today, None)
            .unwrap()
            .into_iter()
            .find(|s| s.theme == "今日读书会")
            .unwrap();
        (db, session)
    };
    let li = people::list_people(&db, &Default::default())
        .unwrap()
        .items
        .into_iter()
        .find(|p| p.name == "李娜")
        .unwrap()
        .id;
    sharing::set_presenters(
        &db,
        &Actor::CommandLine,
        session.id,
        &[sharing::PresenterDraft {
            person_id: li,
            title_id: None,
            topic: Some("另一台电脑定的题目".into()),
            hold: false,
        }],
        Some(session.revision),
    )
    .unwrap();
    app.wait_for("dialog[open] [data-tab=presenters]")
        .await
        .click()
        .await
        .unwrap();
    app.eval("document.querySelector('dialog[open] [data-act=save-presenters]').click()")
        .await;
    app.wait_until("the stale list refused", &toast_says("已被他人修改"))
        .await;
    let kept = sharing::session_detail(&db, session.id).unwrap().presenters;
    assert_eq!(kept.len(), 1, "the other PC's presenters stand");
    app.wait_for("dialog[open] [data-tab=minutes]")
        .await
        .click()
        .await
        .unwrap();
    app.client
        .execute(
            "document.querySelector('dialog[open] [data-act=close]').click()",
            vec![],
        )
        .await
        .unwrap();

    // The month view shows it on its day.
    app.open_view("calendar").await;
    app.wait_until(
        "the session in the month",
        &format!("[...document.querySelectorAll(\"td[data-day='{today}'] .entry.kind-share\")].some(e => e.textContent.includes('15:00'))"),
    )
    .await;
    app.stop().await;
}
