//! `shuxiang sessions export-ics` checked by independent parsers: Python's
//! `icalendar` and `recurring_ical_events` (installed by scripts/test into
//! target/pyenv; SHUXIANG_PYTHON points elsewhere) read the file and check
//! every session, the time zone, the 75-octet lines and CRLF, and that a
//! second export keeps the UIDs. Not under Wine: the parsers are Linux
//! programs a Windows process cannot start (the file's bytes are the same
//! on every platform).

#![cfg(not(windows))]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::shuxiang;
use shuxiang_core::calendar::{self, NewVenue};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{
    self, End, Pattern, PresenterDraft, Recurrence, SeriesDraft, SessionDraft, SessionStatus,
};
use shuxiang_core::{Actor, Db};

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("SHUXIANG_PYTHON") {
        return PathBuf::from(p);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/pyenv/bin/python");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

fn check(file: &Path, expected: &serde_json::Value, again: Option<&Path>) {
    let spec = file.with_extension("json");
    std::fs::write(&spec, expected.to_string()).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ics/check_ics.py");
    let mut cmd = Command::new(python());
    cmd.arg(script).arg(file).arg(&spec);
    if let Some(a) = again {
        cmd.arg(a);
    }
    let out = cmd
        .output()
        .expect("python runs (scripts/test installs target/pyenv)");
    assert!(
        out.status.success(),
        "the independent parser refused the export:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_ics_export_reads_right_in_independent_parsers() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("shuxiang.db");
    {
        let db = Db::open(&db_path).unwrap();
        let me = Actor::CommandLine;
        let room = calendar::create_venue(
            &db,
            &me,
            &NewVenue {
                name: "三楼会议室; 东侧, 301".into(),
                capacity: Some(40),
                ..Default::default()
            },
        )
        .unwrap();
        let host = people::create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: "欧阳明华".into(),
                department: Some("机关党委".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let series = sharing::create_series(
            &db,
            &me,
            &SeriesDraft {
                name: "书香润初心 奋进新征程".into(),
                theme: Some("书香润初心 奋进新征程——月度读书分享会（机关干部与人大代表共读经典，交流心得体会）".into()),
                recurrence: Recurrence {
                    pattern: Pattern::MonthlyWeekday { every: 1, nth: -1, weekday: 4 },
                    start: "2026-09-01".parse().unwrap(),
                    end: End::Count { count: 3 },
                    skip_holidays: true,
                    skip: vec![],
                },
                start_time: "15:00".into(),
                end_time: "17:00".into(),
                venue_id: Some(room.id),
                host_id: Some(host.id),
                capacity: None,
                history: true,
            },
            &[],
        )
        .unwrap();
        sharing::set_presenters(
            &db,
            &me,
            series.sessions[0].id,
            &[PresenterDraft {
                person_id: host.id,
                title_id: None,
                topic: Some(
                    "读《乡土中国》：差序格局, 礼治秩序; 与基层治理\n——兼谈调研方法".into(),
                ),
                hold: false,
            }],
            Some(
                sharing::session_detail(&db, series.sessions[0].id)
                    .unwrap()
                    .session
                    .revision,
            ),
        )
        .unwrap();
        // October's is cancelled; a one-off session without a venue is added.
        let oct = &series.sessions[1];
        sharing::edit_session(
            &db,
            &me,
            oct.id,
            &SessionDraft {
                revision: Some(oct.revision),
                theme: oct.theme.clone(),
                starts_at: oct.starts_at.clone(),
                ends_at: oct.ends_at.clone(),
                venue_id: oct.venue_id,
                host_id: oct.host_id,
                capacity: None,
                status: Some(SessionStatus::Cancelled),
                note: None,
            },
        )
        .unwrap();
        sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: "新书推荐".into(),
                starts_at: "2026-12-01T09:30".into(),
                ends_at: "2026-12-01T10:30".into(),
                venue_id: None,
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
        .unwrap();
        // Outside the range: not exported.
        sharing::create_session(
            &db,
            &me,
            &SessionDraft {
                revision: None,
                theme: "明年的活动".into(),
                starts_at: "2027-01-14T15:00".into(),
                ends_at: "2027-01-14T16:00".into(),
                venue_id: None,
                host_id: None,
                capacity: None,
                status: None,
                note: None,
            },
        )
        .unwrap();
    }
    let db_arg = db_path.display().to_string();
    let export = |name: &str| {
        let file = dir.path().join(name);
        let out = shuxiang(
            &[
                "--db",
                &db_arg,
                "sessions",
                "export-ics",
                &file.display().to_string(),
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--json",
            ],
            &[],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(common::json(&out)["events"], 4);
        file
    };
    let first = export("a.ics");
    let second = export("b.ics");
    let theme = "读书分享：书香润初心 奋进新征程——月度读书分享会（机关干部与人大代表共读经典，交流心得体会）";
    let expected = serde_json::json!({
        "from": "2026-01-01", "to": "2027-01-01",
        "events": [
            { "summary": theme, "start": "2026-09-24T15:00", "end": "2026-09-24T17:00", "location": "三楼会议室; 东侧, 301", "status": "CONFIRMED",
              "description_has": ["主持人：欧阳明华", "领读人：欧阳明华：读《乡土中国》：差序格局, 礼治秩序; 与基层治理\n——兼谈调研方法"] },
            { "summary": theme, "start": "2026-10-29T15:00", "end": "2026-10-29T17:00", "location": "三楼会议室; 东侧, 301", "status": "CANCELLED" },
            { "summary": theme, "start": "2026-11-26T15:00", "end": "2026-11-26T17:00", "location": "三楼会议室; 东侧, 301", "status": "CONFIRMED" },
            { "summary": "读书分享：新书推荐", "start": "2026-12-01T09:30", "end": "2026-12-01T10:30", "status": "CONFIRMED" }
        ]
    });
    check(&first, &expected, Some(&second));

    // A bad date is bad usage: exit 2.
    let out = shuxiang(
        &[
            "--db",
            &db_arg,
            "sessions",
            "export-ics",
            "x.ics",
            "--from",
            "明天",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
}
