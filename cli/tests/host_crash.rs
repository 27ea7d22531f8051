//! The intranet host killed in the middle of an operator's writes from
//! another PC: every write it acknowledged is in the database, nothing is
//! half there, the database passes the full check, and the client is told
//! the connection is gone — never a raw error.

#![cfg(unix)]

mod common;

use common::serve::ServeProcess;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use shuxiang_core::{Db, backup, catalog};
use shuxiang_host::HostClient;

#[test]
fn killing_the_host_mid_write_loses_nothing_it_acknowledged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shuxiang.db");
    let db_arg = db.to_str().unwrap();
    assert!(
        common::shuxiang(&["--db", db_arg, "init"], &[])
            .status
            .success()
    );
    let mut add = Command::new(env!("CARGO_BIN_EXE_shuxiang"))
        .args([
            "--db",
            db_arg,
            "operators",
            "add",
            "馆员甲",
            "--role",
            "admin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    add.stdin
        .take()
        .unwrap()
        .write_all("馆员甲的密码123\n".as_bytes())
        .unwrap();
    assert!(add.wait().unwrap().success());

    let mut host = ServeProcess::start(db_arg, &[]);
    let (address, fingerprint) = (host.addr(), host.fingerprint().unwrap());

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let acknowledged: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let last_error = runtime.block_on(async {
        let client = HostClient::new(&address, &fingerprint);
        let signed = client.login("馆员甲", "馆员甲的密码123").await.unwrap();
        // Writes one after another until the host is gone.
        let writer = {
            let acknowledged = acknowledged.clone();
            tokio::spawn(async move {
                for i in 0.. {
                    let title = format!("断电测试第{i}种");
                    let args = serde_json::json!({
                        "title": {"title": title},
                        "copies": {"barcodes": [format!("KILL{i:05}"), format!("KILL{i:05}B")]}
                    });
                    match client.call(&signed.token, "create_title", &args).await {
                        Ok(made) => acknowledged
                            .lock()
                            .unwrap()
                            .push((made["id"].as_i64().unwrap(), title)),
                        Err(e) => return e,
                    }
                }
                unreachable!()
            })
        };
        while acknowledged.lock().unwrap().len() < 20 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // SIGKILL, in the middle of the stream of writes.
        host.kill();
        writer.await.unwrap()
    });
    assert_eq!(last_error.code, "disconnected", "{last_error:?}");
    assert!(last_error.message.contains("与主机的连接已断开"));

    let db = Db::open(&db).unwrap();
    let report = backup::check(&db, true).unwrap();
    assert!(report.ok, "{:?}", report.problems);
    let acknowledged = acknowledged.lock().unwrap().clone();
    for (id, title) in &acknowledged {
        let detail = catalog::title_detail(&db, *id)
            .unwrap_or_else(|e| panic!("acknowledged {title} is gone: {e}"));
        assert_eq!(&detail.title.title, title);
        assert_eq!(detail.copies.len(), 2, "{title} is whole");
    }
    // Whatever the host was writing when it died is whole or absent.
    let page = catalog::search(&db, "断电测试", 0, 200).unwrap();
    for t in &page.items {
        let detail = catalog::title_detail(&db, t.id).unwrap();
        assert_eq!(detail.copies.len(), 2, "{} is half there", t.title);
    }
    assert!(page.total as usize >= acknowledged.len());
}
