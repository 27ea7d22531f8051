//! 待处理 in the real window: readers' requests of every kind, made through
//! the core as the readers' pages make them, decided one button each — a
//! waiting reader taken in beyond the capacity, an offer accepted (the
//! reader a presenter), leave refused with a reason (asked for when left
//! blank), a note published as 精选 and another returned, a suggestion
//! rejected and another accepted — the two people named 张伟 told apart, a
//! refusal of the core's said beside its entry, the sidebar's count going
//! down to nothing; and a session opened for sign-up from its dialog.

use chrono::{Days, Duration, NaiveDate, Utc};
use shuxiang_core::audit::Role;
use shuxiang_core::catalog::{self, NewCopies, NewTitle};
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::participation::{
    self as part, EventKind, LeaveDraft, LeaveStatus, NoteDecision, NoteDraft, NoteStatus,
    OfferDraft, OfferStatus, SuggestionDraft, SuggestionStatus,
};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::training::{self, EnrolSelection, NewBatch, NewTopic, NewTrainingSession};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home};

const ME: Actor = Actor::CommandLine;

fn today() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

fn person(db: &Db, kind: PersonKind, name: &str, card: &str, unit: &str) -> i64 {
    let deputy = kind == PersonKind::Deputy;
    people::create_person(
        db,
        &ME,
        &NewPerson {
            kind: Some(kind),
            name: name.into(),
            department: (!deputy).then(|| unit.into()),
            delegation: deputy.then(|| unit.into()),
            professional_group: deputy.then(|| "预算审计".into()),
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn book(db: &Db, title: &str, authors: &str, barcode: &str) -> i64 {
    catalog::create_title(
        db,
        &ME,
        &NewTitle {
            title: title.into(),
            authors: Some(authors.into()),
            publisher: Some("北京大学出版社".into()),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec![barcode.into()],
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn session(db: &Db, theme: &str, day: NaiveDate, capacity: Option<i64>) -> i64 {
    sharing::create_session(
        db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: theme.into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T17:00"),
            venue_id: None,
            host_id: None,
            capacity,
            status: None,
            note: None,
        },
    )
    .unwrap()
    .id
}

/// The ids the test decides about.
struct Requests {
    session: i64,
    twin_waiting: i64,
    twin_offering: i64,
    notes: [i64; 3],
}

/// Readers ask for everything, as from their browsers.
fn readers_ask(db: &Db) -> Requests {
    let staff = PersonKind::Staff;
    let twin_waiting = person(db, staff, "张伟", "J001", "办公厅");
    let twin_offering = person(db, staff, "张伟", "J002", "研究室");
    let li = person(db, staff, "李娜", "J003", "办公厅");
    let wang = person(db, staff, "王芳", "J004", "机关党委");
    let zhao = person(db, PersonKind::Deputy, "赵强", "D001", "东城区代表团");
    let xiangtu = book(db, "乡土中国", "费孝通 著", "B001");
    let wanli = book(db, "万历十五年", "黄仁宇 著", "B002");

    let day = today() + Days::new(12);
    let s = session(db, "读《乡土中国》分享会", day, Some(1));
    part::open_signup(db, &ME, EventKind::Sharing, s, true, None, None).unwrap();
    part::reader_sign_up(db, li, EventKind::Sharing, s, None).unwrap();
    part::reader_sign_up(db, twin_waiting, EventKind::Sharing, s, None).unwrap();
    let offer = OfferDraft {
        session_id: s,
        title_id: xiangtu,
        topic: "差序格局与基层治理".into(),
    };
    part::reader_offer(db, twin_offering, &offer, None).unwrap();

    let topic = training::create_topic(
        db,
        &ME,
        &NewTopic {
            name: "预算审查监督".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let first = today() + Days::new(20);
    let batch = training::create_batch(
        db,
        &ME,
        &NewBatch {
            topic_id: topic.id,
            name: "第1期".into(),
            capacity: Some(20),
            starts_on: Some(first.to_string()),
            ends_on: Some(first.to_string()),
            ..Default::default()
        },
    )
    .unwrap();
    let lesson = training::add_session(
        db,
        &ME,
        batch.id,
        &NewTrainingSession {
            subject: "部门预算审查方法".into(),
            starts_at: format!("{first}T09:00"),
            ends_at: format!("{first}T11:30"),
            venue_id: None,
            lecturer_id: None,
            lecturer_name: Some("王教授".into()),
            status: None,
            revision: None,
        },
    )
    .unwrap();
    let everyone = EnrolSelection {
        person_ids: vec![zhao],
        professional_group: None,
    };
    training::enrol(db, &ME, batch.id, &everyone).unwrap();
    let leave = LeaveDraft {
        session_id: lesson.id,
        reason: "当天随代表团外出调研。".into(),
    };
    part::reader_ask_leave(db, zhao, &leave, None).unwrap();

    let note = |who, title_id, body: &str| {
        let draft = NoteDraft {
            title_id,
            body: body.into(),
            session_id: None,
        };
        part::reader_write_note(db, who, &draft, None).unwrap().id
    };
    let notes = [
        note(wang, xiangtu, "差序格局讲透了熟人社会。"),
        note(li, wanli, "以道德代替法制是明朝的症结。"),
        note(li, xiangtu, "第二遍读，记了笔记。"),
    ];
    for (who, title, author) in [
        (wang, "置身事内", "兰小欢"),
        (li, "明朝那些事儿", "当年明月"),
    ] {
        let draft = SuggestionDraft {
            title: title.into(),
            author: Some(author.into()),
            ..Default::default()
        };
        part::reader_suggest(db, who, &draft, None).unwrap();
    }
    Requests {
        session: s,
        twin_waiting,
        twin_offering,
        notes,
    }
}

/// The entry of `key` whose text holds `text`, as a CSS-free script path.
fn entry(key: &str, text: &str) -> String {
    format!(
        "[...document.querySelectorAll('#inbox-{key} article.request')].find(a => a.textContent.includes({text:?}))"
    )
}

/// Clicks the button `words` of the entry of `key` holding `text`.
async fn decide(app: &App, key: &str, text: &str, words: &str) {
    let script = format!(
        "(() => {{ const a = {}; const b = a && [...a.querySelectorAll('button')].find(b => b.textContent.trim() === {words:?}); if (b) b.click(); return Boolean(b); }})()",
        entry(key, text)
    );
    assert_eq!(
        app.eval(&script).await,
        serde_json::json!(true),
        "{key}: {text} has {words}"
    );
}

/// Waits until the entry of `key` holding `text` says `done` in its place.
async fn done(app: &App, key: &str, done: &str) {
    app.wait_until(
        &format!("{key}: {done}"),
        &format!("[...document.querySelectorAll('#inbox-{key} .req-done')].some(p => p.textContent.includes({done:?}))"),
    )
    .await;
}

/// Writes `reason` in the open reason field of `key`'s entry holding `text`, and sends it.
async fn give_reason(app: &App, key: &str, text: &str, reason: &str) {
    app.wait_until(
        "the reason field",
        &format!("{}?.querySelector('.req-reason input')", entry(key, text)),
    )
    .await;
    let input = app
        .client
        .active_element()
        .await
        .expect("the reason field has focus");
    input.send_keys(&format!("{reason}\u{E007}")).await.unwrap();
}

#[tokio::test]
async fn the_inbox_decides_each_kind_of_request_one_button_each() {
    let home = Home::new();
    let asked = {
        let db = Db::open(&home.db()).unwrap();
        readers_ask(&db)
    };
    let app = App::start(&home).await;
    app.wait_until(
        "the sidebar counts eight requests",
        "document.querySelector('#nav-inbox').textContent === '8'",
    )
    .await;
    app.open_view("inbox").await;
    app.wait_for("#inbox-notes article.request").await;
    look(&app, "inbox").await;
    assert_eq!(
        app.texts(".inbox-jump button").await,
        ["报名候补 1", "我要分享 1", "请假 1", "读书心得 3", "荐购 2"],
        "without login every kind is this window's to decide"
    );
    // The two 张伟 are told apart: card and department, and marked 同名.
    let twins = app.texts("article.request .req-who").await;
    let zhang: Vec<&String> = twins.iter().filter(|t| t.starts_with("张伟")).collect();
    assert_eq!(zhang.len(), 2);
    assert!(
        zhang[0].contains("J001") && zhang[0].contains("办公厅") && zhang[0].contains("同名"),
        "{zhang:?}"
    );
    assert!(
        zhang[1].contains("J002") && zhang[1].contains("研究室"),
        "{zhang:?}"
    );

    decide(&app, "signups", "张伟", "准予参加（超出名额）").await;
    done(&app, "signups", "已准予参加：张伟").await;
    decide(&app, "offers", "差序格局", "接受，成为领读人").await;
    done(&app, "offers", "已接受，成为领读人：张伟").await;

    // A refusal needs a reason the reader sees: blank, it is asked for.
    decide(&app, "leave", "赵强", "不准假…").await;
    give_reason(&app, "leave", "赵强", "").await;
    app.wait_until(
        "the reason asked for",
        &format!(
            "{}.querySelector('.req-msg')?.textContent.includes('请写明理由')",
            entry("leave", "赵强")
        ),
    )
    .await;
    look(&app, "inbox-reason").await;
    give_reason(&app, "leave", "赵强", "本次为必修课，请调整调研时间").await;
    done(&app, "leave", "已回复不准假：赵强").await;

    decide(&app, "notes", "差序格局讲透", "发表为精选").await;
    done(&app, "notes", "已发表为精选：王芳《乡土中国》").await;
    decide(&app, "notes", "以道德代替法制", "退回…").await;
    give_reason(&app, "notes", "以道德代替法制", "请补充结合工作的体会").await;
    done(&app, "notes", "已退回：李娜《万历十五年》").await;
    // Returned meanwhile by someone else: the core's refusal beside it.
    {
        let db = Db::open(&home.db()).unwrap();
        let back = NoteDecision::Return {
            reason: "同一本书请合并为一篇".into(),
        };
        part::decide_note(&db, &ME, asked.notes[2], &back).unwrap();
    }
    decide(&app, "notes", "第二遍读", "发表").await;
    app.wait_until(
        "the core's refusal said beside the note",
        &format!(
            "{}.querySelector('.req-msg.tone-error')?.textContent.includes('已退回给作者')",
            entry("notes", "第二遍读")
        ),
    )
    .await;

    // The suggestions say what the catalogue holds.
    app.wait_until(
        "the catalogue checked",
        &format!(
            "{}.querySelector('.req-check')?.textContent.includes('馆内没有这本书')",
            entry("suggestions", "置身事内")
        ),
    )
    .await;
    decide(&app, "suggestions", "明朝那些事儿", "不采纳…").await;
    give_reason(&app, "suggestions", "明朝那些事儿", "请到区图书馆借阅").await;
    done(&app, "suggestions", "已回复不采纳：李娜").await;
    decide(&app, "suggestions", "置身事内", "采纳").await;
    done(&app, "suggestions", "已采纳：王芳").await;
    look(&app, "inbox-decided").await;
    {
        let db = Db::open(&home.db()).unwrap();
        let published = part::list_notes(&db, Some(NoteStatus::Published)).unwrap();
        assert!(
            published.len() == 1 && published[0].featured,
            "one note, 精选"
        );
    }
    // Published notes are looked at again: 精选 taken back.
    app.eval("(() => { const s = document.querySelector('#inbox-notes-status'); s.value = 'published'; s.dispatchEvent(new Event('change', { bubbles: true })); })()")
        .await;
    app.wait_until(
        "the published notes listed",
        &entry("notes", "差序格局讲透"),
    )
    .await;
    decide(&app, "notes", "差序格局讲透", "取消精选").await;
    done(&app, "notes", "已取消精选：王芳《乡土中国》").await;
    app.wait_until(
        "nothing left in the badge but the note returned elsewhere",
        "document.querySelector('#nav-inbox').hidden",
    )
    .await;

    let db = Db::open(&home.db()).unwrap();
    let detail = sharing::session_detail(&db, asked.session).unwrap();
    assert!(
        detail
            .attendees
            .iter()
            .any(|a| a.person_id == asked.twin_waiting && a.invited),
        "the waiting 张伟 is on the list"
    );
    assert!(
        detail
            .presenters
            .iter()
            .any(|p| p.person_id == asked.twin_offering),
        "the offering 张伟 presents"
    );
    assert_eq!(
        part::list_offers(&db, Some(OfferStatus::Accepted))
            .unwrap()
            .len(),
        1
    );
    let leave = part::list_leave(&db, Some(LeaveStatus::Refused)).unwrap();
    assert_eq!(
        leave[0].answer.as_deref(),
        Some("本次为必修课，请调整调研时间")
    );
    let published = part::list_notes(&db, Some(NoteStatus::Published)).unwrap();
    assert!(
        published.len() == 1 && !published[0].featured,
        "published, no longer 精选"
    );
    assert_eq!(
        part::list_notes(&db, Some(NoteStatus::Returned))
            .unwrap()
            .len(),
        2
    );
    let rejected = part::list_suggestions(&db, Some(SuggestionStatus::Rejected)).unwrap();
    assert_eq!(rejected[0].answer.as_deref(), Some("请到区图书馆借阅"));
    assert_eq!(
        part::list_suggestions(&db, Some(SuggestionStatus::Accepted))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(part::inbox(&db).unwrap().total(), 0);
    app.stop().await;
}

#[tokio::test]
async fn a_librarian_decides_notes_and_suggestions_and_reads_the_organizers_requests() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        readers_ask(&db);
        for (name, role, password) in [
            ("管理员", Role::Admin, "管理员密码123"),
            ("小王", Role::Librarian, "小王的密码123"),
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
    app.type_into("#login-name", "小王").await;
    app.type_into("#login-password", "小王的密码123").await;
    app.eval("document.querySelector('#login-overlay button[type=submit]').click()")
        .await;
    app.wait_until("logged in", "!document.querySelector('#login-overlay')")
        .await;
    app.wait_until(
        "the badge counts the librarian's five: three notes, two suggestions",
        "document.querySelector('#nav-inbox').textContent === '5'",
    )
    .await;
    // Alt+0 opens 待处理, as Alt+1 … Alt+9 the views before it.
    app.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: '0', altKey: true, bubbles: true }))")
        .await;
    app.wait_for("#inbox-notes article.request").await;
    assert_eq!(
        app.texts(".inbox-jump button").await,
        ["读书心得 3", "荐购 2", "报名候补 1", "我要分享 1", "请假 1"],
        "the librarian's kinds first"
    );
    assert!(app.texts("#inbox-total").await[0].contains("共 8 件，5 件由你处理"));
    for kind in ["signups", "offers", "leave"] {
        assert_eq!(
            app.eval(&format!(
                "document.querySelectorAll('#inbox-{kind} .req-actions button').length"
            ))
            .await,
            serde_json::json!(0),
            "{kind}: nothing to press"
        );
        assert!(
            app.texts(&format!("#inbox-{kind} .head-row")).await[0].contains("由活动组织者处理")
        );
    }
    decide(&app, "suggestions", "置身事内", "采纳").await;
    done(&app, "suggestions", "已采纳：王芳").await;
    app.wait_until(
        "four left",
        "document.querySelector('#nav-inbox').textContent === '4'",
    )
    .await;
    app.stop().await;
}

#[tokio::test]
async fn a_session_is_opened_for_sign_up_from_its_dialog_and_shows_who_waits() {
    let home = Home::new();
    let day = today() + Days::new(15);
    let until = today() + Days::new(10);
    let (s, readers) = {
        let db = Db::open(&home.db()).unwrap();
        let s = session(&db, "读书分享：在阅读中提升履职本领", day, None);
        let readers: Vec<i64> = ["甲", "乙", "丙"]
            .iter()
            .enumerate()
            .map(|(i, n)| {
                person(
                    &db,
                    PersonKind::Staff,
                    &format!("读者{n}"),
                    &format!("R{i}"),
                    "办公厅",
                )
            })
            .collect();
        (s, readers)
    };
    let app = App::start(&home).await;
    app.open_view("sharing").await;
    app.eval(&format!(
        "document.querySelector('#sharing-body tr[data-id=\"{s}\"]').click()"
    ))
    .await;
    app.wait_for("dialog .tabs [data-tab=signup]").await;
    app.eval("document.querySelector('dialog .tabs [data-tab=signup]').click()")
        .await;
    app.wait_for("#su-form").await;
    assert!(app.texts("#su-state").await[0].contains("未开放报名"));
    app.type_into("#su-capacity", "2").await;
    app.eval(&format!(
        "(() => {{ const u = document.querySelector('#su-until'); u.value = '{until}'; u.dispatchEvent(new Event('input', {{ bubbles: true }})); }})()"
    ))
    .await;
    app.eval("document.querySelector('#su-form button[type=submit]').click()")
        .await;
    app.wait_until(
        "the session open for sign-up",
        "document.querySelector('#su-state')?.textContent.includes('正在报名')",
    )
    .await;
    assert!(app.texts("#su-state").await[0].contains(&format!("{until} 截止，还有 2 个名额")));
    {
        let db = Db::open(&home.db()).unwrap();
        let stored = sharing::session_detail(&db, s).unwrap().session;
        assert!(stored.signup_open);
        assert_eq!(
            (stored.capacity, stored.signup_until),
            (Some(2), Some(until.to_string()))
        );
        for &r in &readers {
            part::reader_sign_up(&db, r, EventKind::Sharing, s, None).unwrap();
        }
    }
    // Drawn afresh: two on the list, the third waiting first in line.
    app.eval("document.querySelector('dialog .tabs [data-tab=people]').click()")
        .await;
    app.eval("document.querySelector('dialog .tabs [data-tab=signup]').click()")
        .await;
    app.wait_until(
        "one waiting",
        "document.querySelector('#su-waiting')?.textContent === '1'",
    )
    .await;
    assert_eq!(app.texts("#su-listed").await, ["2"]);
    assert!(app.texts("#su-waitlist td").await[1].contains("读者丙"));
    look(&app, "session-signup").await;
    app.eval("document.querySelector('[data-act=stop-signup]').click()")
        .await;
    app.wait_until(
        "sign-up stopped",
        "document.querySelector('#su-msg')?.textContent.includes('已停止报名')",
    )
    .await;
    let db = Db::open(&home.db()).unwrap();
    assert!(!sharing::session_detail(&db, s).unwrap().session.signup_open);
    app.stop().await;
}

/// A picture of the window for whoever works on these screens, into the
/// folder `SHUXIANG_LOOK` names; nothing when it is not set.
async fn look(app: &App, name: &str) {
    let Some(dir) = std::env::var_os("SHUXIANG_LOOK") else {
        return;
    };
    app.client.set_window_rect(0, 0, 1366, 768).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let tree = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&tree.stdout);
    let id = tree
        .lines()
        .find(|l| l.contains("\"书香\":"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let path = std::path::Path::new(&dir).join(format!("{name}.png"));
    std::process::Command::new("import")
        .args(["-window", &id])
        .arg(path)
        .status()
        .unwrap();
}

#[tokio::test]
async fn with_the_demo_the_home_page_the_inbox_and_the_reading_lists_are_alive() {
    let home = Home::new();
    {
        std::fs::create_dir_all(home.data()).unwrap();
        let db = Db::open(&home.db()).unwrap();
        shuxiang_core::demo::load_demo(&db, &Actor::Desktop, Default::default()).unwrap();
    }
    let app = App::start(&home).await;
    app.wait_for("#home-inbox .chip").await;
    look(&app, "home").await;
    let chips = app.texts("#home-inbox .chip").await;
    assert_eq!(chips.len(), 5, "{chips:?}");
    assert!(
        chips.iter().all(|c| !c.ends_with(" 0")),
        "readers of the demo asked for something of every kind: {chips:?}"
    );
    app.eval("document.querySelector('#home-inbox .chip[data-kind=suggestions]').click()")
        .await;
    app.wait_for("#inbox-suggestions article.request").await;
    app.wait_for("#inbox-arrived").await;
    look(&app, "inbox-demo").await;
    app.eval("document.querySelector('#inbox-h-suggestions').scrollIntoView()")
        .await;
    look(&app, "inbox-demo-suggestions").await;

    // The coming batch was opened for sign-up by the demo's organizer.
    app.open_view("training").await;
    app.wait_until(
        "the topics listed",
        "[...document.querySelectorAll('[data-topic]')].some(t => t.textContent.includes('乡村振兴'))",
    )
    .await;
    app.eval("[...document.querySelectorAll('[data-topic]')].find(t => t.textContent.includes('乡村振兴')).click()")
        .await;
    app.wait_until(
        "the topic's batches",
        "document.querySelector('#training-body .view-head h2')?.textContent.startsWith('乡村振兴') && document.querySelectorAll('#training-body tr[data-id]').length >= 2",
    )
    .await;
    app.eval("[...document.querySelectorAll('#training-body tr[data-id]')].at(-1).click()")
        .await;
    app.wait_for("dialog .tabs [data-tab=signup]").await;
    app.eval("document.querySelector('dialog .tabs [data-tab=signup]').click()")
        .await;
    app.wait_for("#su-form").await;
    assert!(app.texts("#su-state").await[0].contains("正在报名"));
    look(&app, "batch-signup").await;
    app.eval("document.querySelector('dialog [data-act=close]').click()")
        .await;

    app.open_view("lists").await;
    app.wait_for("#list-titles").await;
    assert_eq!(app.texts("#lists-index li").await.len(), 2);
    look(&app, "lists").await;
    app.eval("document.querySelector('[data-act=edit]').click()")
        .await;
    app.wait_for("#rl-table").await;
    look(&app, "list-dialog").await;
    app.stop().await;
}
