//! The office's side: a reader's learning record, the departments ranked,
//! the annual report, backups; then, with operator accounts made, the login,
//! the accounts and the log.

use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};

use super::desk::one;
use super::{Camera, pause};
use crate::harness::{App, Home};

pub async fn shots(cam: &Camera<'_>) {
    let app = cam.app;
    let reader = one(
        cam,
        "SELECT CAST(person_id AS TEXT) FROM loans GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1",
    );
    app.eval(&format!("location.hash = '#records?person={reader}'"))
        .await;
    app.wait_for("#record-totals").await;
    cam.shot("records-person.png").await;
    cam.click("[data-mode=unit]").await;
    app.wait_for("#units-table").await;
    cam.shot("records-units.png").await;

    app.open_view("reports").await;
    app.wait_for("#report-totals").await;
    pause(400).await;
    cam.shot("reports.png").await;

    app.open_view("backup").await;
    app.wait_for("#backup-list").await;
    cam.shot("backup.png").await;
}

/// Operator accounts made (as office IT or the first administrator would),
/// the window opened again: its login, the accounts, and the log.
pub async fn accounts(home: &Home) {
    {
        let db = Db::open(&home.db()).unwrap();
        for (name, role) in [
            ("王敏", Role::Admin),
            ("李卫东", Role::Librarian),
            ("陈晓燕", Role::Organizer),
            ("办公厅查询", Role::Viewer),
        ] {
            operators::create_operator(
                &db,
                &Actor::CommandLine,
                &NewOperator {
                    name: name.into(),
                    role,
                    password: "书香阅览室2026".into(),
                },
            )
            .unwrap();
        }
    }
    let app = App::start(home).await;
    super::full_size(&app).await;
    let cam = Camera::new(&app, home, r"D:\书香数据");
    app.wait_for("#login-overlay #login-name").await;
    app.type_into("#login-name", "李卫东").await;
    cam.shot("login.png").await;
    app.type_into("#login-name", "王敏").await;
    app.type_into("#login-password", "书香阅览室2026").await;
    cam.click("#login-overlay button[type=submit]").await;
    app.wait_until("logged in", "!document.querySelector('#login-overlay')")
        .await;
    app.open_view("operators").await;
    app.wait_for("#operators-table").await;
    cam.shot("operators.png").await;
    app.open_view("audit").await;
    app.wait_for("#audit-table").await;
    cam.shot("audit.png").await;
    app.stop().await;
}
