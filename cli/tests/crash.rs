//! Crash safety, proven by killing: `shuxiang-stress` imports book lists,
//! lends and returns, and edits sessions in a loop; it is killed with
//! SIGKILL at a random moment, again and again (200 times here; set
//! SHUXIANG_CRASH_KILLS for a longer run). After every kill the database
//! must pass the full check, and every action must be whole or absent: an
//! import's 40 titles all there or none, each copy's status agreeing with
//! its loans, each session's status with its booking.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use shuxiang_core::{Db, backup};

fn check(path: &Path, round: usize) {
    let db = Db::open(path)
        .unwrap_or_else(|e| panic!("round {round}: the database no longer opens: {e}"));
    let report = backup::check(&db, true).unwrap();
    assert!(report.ok, "round {round}: {:?}", report.problems);
    drop(db);
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT source, count(*) FROM titles WHERE source LIKE '批次%' GROUP BY source")
        .unwrap();
    let batches: Vec<(String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (batch, n) in batches {
        assert_eq!(n, 40, "round {round}: import {batch} is half there");
    }
}

#[test]
fn killing_the_process_at_any_moment_leaves_whole_actions_and_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shuxiang.db");
    let kills: usize = std::env::var("SHUXIANG_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut rng = fastrand::Rng::with_seed(2026);
    let mut imports_seen = 0;
    for round in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_shuxiang-stress"))
            .arg(&path)
            .arg(round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Half the rounds kill from the start (opening, migrating, setting
        // up); the other half once the worker is at its actions, however
        // slowly its process started.
        if round % 2 == 1 {
            let mut line = String::new();
            let stdout = child.stdout.as_mut().unwrap();
            std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
        }
        std::thread::sleep(Duration::from_millis(rng.u64(5..120)));
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            panic!("round {round}: the worker stopped by itself ({status}): {err}");
        }
        // SIGKILL: no destructor, no flush, nothing.
        child.kill().unwrap();
        child.wait().unwrap();
        check(&path, round);
        if round % 50 == 49 {
            let conn = rusqlite::Connection::open(&path).unwrap();
            imports_seen = conn
                .query_row(
                    "SELECT count(DISTINCT source) FROM titles WHERE source LIKE '批次%'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
        }
    }
    assert!(imports_seen > 0, "some imports completed between the kills");
}
