//! Two desktop windows: one the host (its data shared on the intranet from
//! 设置), one on another "PC" linked to it. The linked window's operator
//! logs in with the host's account and lends a book at the desk; the host's
//! own desk shows it on loan at once, and the log names the computer. Then
//! the host goes away: the linked window says the connection is gone.

use shuxiang_core::audit::Role;
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Db};

use crate::harness::{App, Home, free_port, seed_reader_and_book};

const ENTER: &str = "\u{E007}";

async fn log_in(app: &App, name: &str, password: &str) {
    app.wait_for("#login-overlay #login-name").await;
    app.type_into("#login-name", name).await;
    app.type_into("#login-password", password).await;
    app.eval("document.querySelector('#login-overlay button[type=submit]').click()")
        .await;
    app.wait_until("logged in", "!document.querySelector('#login-overlay')")
        .await;
}

async fn scan(app: &App, code: &str) {
    let focused = app.client.active_element().await.unwrap();
    focused.send_keys(&format!("{code}{ENTER}")).await.unwrap();
}

#[tokio::test]
async fn a_linked_window_lends_at_the_host_and_says_when_the_host_is_gone() {
    let host_home = Home::new();
    {
        let db = Db::open(&host_home.db()).unwrap();
        let me = Actor::CommandLine;
        operators::create_operator(
            &db,
            &me,
            &NewOperator {
                name: "馆员甲".into(),
                role: Role::Admin,
                password: "馆员甲的密码123".into(),
            },
        )
        .unwrap();
    }
    seed_reader_and_book(&host_home, "张伟", "C001", "万历十五年", "SX000001");
    let port = free_port();

    // The host: logged in, sharing on.
    let host = App::start(&host_home).await;
    log_in(&host, "馆员甲", "馆员甲的密码123").await;
    let fingerprint = host.share_on(port).await;

    // The other PC, linked to it (as 设置 → 连接到局域网主机 leaves it).
    let pc_home = Home::new();
    std::fs::create_dir_all(pc_home.data()).unwrap();
    std::fs::write(
        pc_home.data().join("host.json"),
        serde_json::json!({ "address": format!("127.0.0.1:{port}"), "fingerprint": fingerprint })
            .to_string(),
    )
    .unwrap();
    let pc = App::start_beside(&pc_home, &host).await;
    assert_eq!(
        pc.texts("#data-dir").await,
        [format!("主机：127.0.0.1:{port}")]
    );
    log_in(&pc, "馆员甲", "馆员甲的密码123").await;

    // Lending at the linked window's desk.
    pc.open_view("desk").await;
    pc.wait_for("#desk-scan").await;
    pc.wait_until(
        "the scan field to have focus",
        "document.activeElement.id === 'desk-scan'",
    )
    .await;
    scan(&pc, "C001").await;
    pc.wait_until(
        "the borrower from the host",
        "document.querySelector('#desk-borrower h2')?.textContent.includes('张伟')",
    )
    .await;
    scan(&pc, "SX000001").await;
    pc.wait_until(
        "the loan",
        "document.querySelectorAll('#desk-loans tbody tr').length === 1",
    )
    .await;

    // An export made at the host lands in this PC's export folder.
    let saved = pc
        .client
        .execute_async(
            "const done = arguments[0]; import('./api.js').then((api) => api.exportBooks('csv')).then((r) => done(r), (e) => done({ error: e.message }));",
            vec![],
        )
        .await
        .unwrap();
    let path = saved["path"].as_str().unwrap_or_else(|| panic!("{saved}"));
    assert!(path.ends_with(".csv"), "{path}");
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains("万历十五年"), "{text}");
    let _ = std::fs::remove_file(path);

    // The host's own desk shows it on loan.
    host.open_view("desk").await;
    host.wait_for("#desk-scan").await;
    host.wait_until(
        "the scan field to have focus",
        "document.activeElement.id === 'desk-scan'",
    )
    .await;
    scan(&host, "C001").await;
    host.wait_until(
        "the loan made at the other PC",
        "document.querySelectorAll('#desk-loans tbody tr').length === 1",
    )
    .await;
    assert_eq!(
        host.texts("#desk-loans tbody td:nth-child(2)").await,
        ["《万历十五年》"]
    );

    // The host goes away: the linked window says so, in words.
    host.stop().await;
    pc.eval("location.hash = '#catalog'").await;
    pc.wait_until(
        "the banner saying the connection is gone",
        "!document.querySelector('#banner').hidden && document.querySelector('#banner').textContent.includes('与主机的连接已断开')",
    )
    .await;
    pc.stop().await;

    // Nothing the other PC did was lost, and the log names where it came from.
    let db = Db::open(&host_home.db()).unwrap();
    let log = shuxiang_core::audit::audit_log(&db, &Default::default()).unwrap();
    assert!(
        log.items.iter().any(|e| e.entity == "loan"
            && e.actor_name == "馆员甲"
            && e.client.as_deref() == Some("127.0.0.1")),
        "the loan is logged with the other PC's address"
    );
}
