//! Operators in the real window: once an administrator exists the window
//! asks for a login, a wrong password is refused, a librarian logs in and
//! is refused what only an organizer may do, and logging out asks again.

use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home};

#[tokio::test]
async fn a_librarian_logs_in_and_is_refused_an_organizers_work() {
    let home = Home::new();
    {
        let db = Db::open(&home.db()).unwrap();
        operators::create_operator(
            &db,
            &Actor::CommandLine,
            &NewOperator {
                name: "管理员".into(),
                role: Role::Admin,
                password: "管理员密码123".into(),
            },
        )
        .unwrap();
        operators::create_operator(
            &db,
            &Actor::CommandLine,
            &NewOperator {
                name: "小王".into(),
                role: Role::Librarian,
                password: "小王的密码123".into(),
            },
        )
        .unwrap();
    }
    let app = App::start(&home).await;
    app.wait_for("#login-overlay #login-name").await;
    app.type_into("#login-name", "小王").await;
    app.type_into("#login-password", "不对的密码").await;
    app.client
        .execute(
            "document.querySelector('#login-overlay button[type=submit]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the refusal",
        "document.querySelector('#login-error').textContent.includes('用户名或密码不对')",
    )
    .await;
    app.type_into("#login-password", "小王的密码123").await;
    app.client
        .execute(
            "document.querySelector('#login-overlay button[type=submit]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until("logged in", "!document.querySelector('#login-overlay')")
        .await;
    assert!(app.texts("#operator span").await[0].contains("小王（图书管理员）"));

    // Reading-share is the organizer's: the core refuses, the window says why.
    app.open_view("sharing").await;
    app.client
        .execute(
            "document.querySelector('.view-head [data-act=new-session]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("dialog[open] #sd-theme").await;
    app.type_into("#sd-theme", "读书会").await;
    app.client
        .execute(
            "document.querySelector('#sd-form button[type=submit]').click()",
            vec![],
        )
        .await
        .unwrap();
    app.wait_until(
        "the refusal",
        "[...document.querySelectorAll('.toast-error')].some(t => t.textContent.includes('不能修改读书分享'))",
    )
    .await;
    app.client
        .execute("document.querySelector('dialog[open]')?.close()", vec![])
        .await
        .unwrap();

    // Logging out asks for a login again.
    app.client
        .execute("document.querySelector('#logout').click()", vec![])
        .await
        .unwrap();
    app.wait_for("#login-overlay #login-name").await;
    app.stop().await;
}
