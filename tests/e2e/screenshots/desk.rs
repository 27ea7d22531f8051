//! The home page, the desk (a reader with an overdue book, a name that
//! finds several readers, a book returned while a reader is on screen, the
//! scan field without focus), overdue reminders, and 借阅设置 with next
//! year's holidays being imported.

use shuxiang_core::{Actor, Clock, Db, circulation};

use super::{Camera, pause};
use crate::harness::Home;

/// A few books lent weeks ago and not back yet, as there are in any
/// reading room (the demo's own loans are all recent on some days): the
/// desk, the overdue list and the home page have overdue books to show.
pub fn overdue_books(home: &Home) {
    let db = Db::open(&home.db()).unwrap();
    let ids = |sql: &str| -> Vec<i64> {
        db.read(|tx| {
            let mut stmt = tx.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        })
        .unwrap()
    };
    let readers = ids(
        "SELECT id FROM people p WHERE active = 1 AND card_barcode IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.person_id = p.id AND l.returned_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.person_id = p.id AND h.status IN ('waiting', 'ready'))
         ORDER BY id DESC LIMIT 4",
    );
    let copies = ids(
        "SELECT c.id FROM copies c WHERE c.status = 'on_shelf'
           AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = c.title_id AND h.status IN ('waiting', 'ready'))
         ORDER BY c.id DESC LIMIT 4",
    );
    for ((person, copy), days) in readers.iter().zip(&copies).zip([75, 52, 47, 40]) {
        let at: String = db
            .read(|tx| {
                Ok(tx.query_row(
                    &format!("SELECT strftime('%Y-%m-%dT02:30:00Z', 'now', '-{days} days')"),
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        let then = Db::open(&home.db())
            .unwrap()
            .with_clock(Clock::Fixed(at.parse().unwrap()));
        circulation::lend_copy(&then, &Actor::Desktop, *person, *copy).unwrap();
    }
}

/// A text the database answers to `sql` (one row, one column).
pub fn one(cam: &Camera<'_>, sql: &str) -> String {
    let db = Db::open(&cam.home.db()).unwrap();
    db.read(|tx| Ok(tx.query_row(sql, [], |r| r.get::<_, String>(0))?))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

pub async fn shots(cam: &Camera<'_>) {
    let app = cam.app;
    app.open_view("home").await;
    app.wait_for("#home-charts svg").await;
    pause(600).await;
    cam.shot("home.png").await;

    // A reader with an overdue book.
    app.open_view("desk").await;
    app.wait_for("#desk-scan").await;
    let overdue_card = one(
        cam,
        "SELECT p.card_barcode FROM loans l JOIN people p ON p.id = l.person_id
         WHERE l.returned_at IS NULL AND l.due_on < date('now', '+8 hours') AND p.card_barcode IS NOT NULL
         ORDER BY l.due_on LIMIT 1",
    );
    cam.scan(&overdue_card).await;
    app.wait_for("#desk-loans").await;
    cam.shot("desk.png").await;

    // A name several readers share: the desk asks which.
    cam.scan("\u{E00C}").await;
    let twin = one(
        cam,
        "SELECT name FROM people WHERE active = 1 GROUP BY name HAVING count(*) > 1 ORDER BY count(*) DESC, name LIMIT 1",
    );
    app.eval("document.querySelector('#desk-scan').focus()")
        .await;
    cam.scan(&twin).await;
    app.wait_for("#desk-borrower [data-pick]").await;
    cam.shot("desk-names.png").await;
    app.eval("document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))")
        .await;
    pause(200).await;

    // A book someone else borrowed comes back while a reader is on screen:
    // the desk returns it and offers to lend it on.
    let reader = one(
        cam,
        "SELECT p.card_barcode FROM people p WHERE p.active = 1 AND p.kind = 'staff' AND p.card_barcode IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM loans l WHERE l.person_id = p.id AND l.returned_at IS NULL)
           AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.person_id = p.id AND h.status IN ('waiting', 'ready'))
         ORDER BY p.id LIMIT 1",
    );
    let book = one(
        cam,
        "SELECT c.barcode FROM loans l JOIN copies c ON c.id = l.copy_id
         WHERE l.returned_at IS NULL AND l.due_on >= date('now', '+8 hours')
           AND NOT EXISTS (SELECT 1 FROM holds h WHERE h.title_id = c.title_id AND h.status IN ('waiting', 'ready'))
         ORDER BY l.id LIMIT 1",
    );
    app.eval("document.querySelector('#desk-scan').focus()")
        .await;
    cam.scan(&reader).await;
    app.wait_until(
        "the reader",
        "document.querySelector('#desk-who b') !== null",
    )
    .await;
    cam.scan(&book).await;
    app.wait_for("#desk-message [data-act=lend-offer]").await;
    cam.shot("desk-return.png").await;

    // Focus elsewhere: the scan row says so.
    app.eval("document.querySelector('#desk-borrower [data-act=history]').focus()")
        .await;
    app.wait_until(
        "the focus warning",
        "!document.querySelector('#desk-refocus').hidden",
    )
    .await;
    cam.shot("desk-focus.png").await;
    app.eval("document.querySelector('#desk-scan').focus()")
        .await;

    app.open_view("overdue").await;
    app.wait_for("#view [data-person]").await;
    cam.shot("overdue.png").await;

    app.open_view("settings").await;
    app.wait_for("#holidays-panel").await;
    cam.shot("settings.png").await;
    cam.click("[data-act=import-holidays]").await;
    app.wait_for("dialog[open] #hi-paste").await;
    app.eval("document.querySelector('dialog[open] details.paste-box').open = true")
        .await;
    let year = one(cam, "SELECT strftime('%Y', 'now', '+8 hours', '+1 year')");
    // Set as a paste sets it: typed keys would lose the line breaks.
    app.eval(&format!(
        "(() => {{ const t = document.querySelector('#hi-paste'); t.value = {:?}; \
         t.dispatchEvent(new Event('input', {{ bubbles: true }})); return true; }})()",
        notice(&year)
    ))
    .await;
    cam.click("dialog[open] [data-act=check-paste]").await;
    app.wait_for("#hi-counts").await;
    cam.shot("holiday-import.png").await;
    cam.close_dialogs().await;
}

/// Next year's holiday notice as the State Council words it (its first
/// items), pasted as a librarian would.
fn notice(year: &str) -> String {
    format!(
        "国务院办公厅关于{year}年部分节假日安排的通知\n\
         一、元旦：1月1日放假，与周末连休。\n\
         二、春节：2月6日至12日放假调休，共7天。2月20日上班。\n\
         三、清明节：4月5日放假，与周末连休。\n\
         四、劳动节：5月1日至5日放假调休，共5天。4月25日、5月8日上班。\n\
         五、端午节：6月9日放假，与周末连休。\n\
         六、中秋节、国庆节：10月1日至7日放假调休，共7天。9月26日、10月9日上班。"
    )
}
