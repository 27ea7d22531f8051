//! `shuxiang-stress`: the crash-safety harness's worker. It does real user
//! actions in a loop on the database given — imports of whole book lists,
//! loans and returns, reading-share session edits — until it is killed.
//! The harness (cli/tests/crash.rs) kills it with SIGKILL at random moments
//! and checks the database after every kill. Not for people to run.

use std::path::PathBuf;
use std::process::ExitCode;

use shuxiang_core::catalog::{self, CopyStatus, NewCopies, NewTitle};
use shuxiang_core::circulation;
use shuxiang_core::import::ImportOptions;
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::{Actor, Db};

const ME: Actor = Actor::CommandLine;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(seed)) = (args.next(), args.next()) else {
        eprintln!("usage: shuxiang-stress DB SEED");
        return ExitCode::from(2);
    };
    let seed: u64 = seed.parse().unwrap_or(1);
    match run(&PathBuf::from(db), seed) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn setup(db: &Db) -> shuxiang_core::Result<()> {
    if people::list_people(db, &Default::default())?.total > 0 {
        return Ok(());
    }
    for i in 0..6 {
        people::create_person(
            db,
            &ME,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: format!("读者{i}"),
                card_barcode: Some(format!("R{i}")),
                ..Default::default()
            },
        )?;
    }
    for i in 0..8 {
        catalog::create_title(
            db,
            &ME,
            &NewTitle {
                title: format!("馆藏{i}"),
                ..Default::default()
            },
            &NewCopies {
                barcodes: vec![format!("K{i}A"), format!("K{i}B")],
                ..Default::default()
            },
        )?;
    }
    sharing::create_session(
        db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: "主题0".into(),
            starts_at: "2026-12-01T15:00".into(),
            ends_at: "2026-12-01T17:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )?;
    Ok(())
}

fn run(path: &std::path::Path, seed: u64) -> shuxiang_core::Result<()> {
    let db = Db::open(path)?;
    setup(&db)?;
    // The test waits for this in half its rounds, so that a slow start (a
    // Windows process under Wine) still leaves time for whole actions.
    println!("ready");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut n = seed * 1_000_000;
    loop {
        n += 1;
        match n % 3 {
            0 => {
                // A whole list of 40 books, all marked with the batch it came in.
                let mut csv = String::from("书名,作者,来源,册数\n");
                for i in 0..40 {
                    csv.push_str(&format!("压力测试{n}-{i},作者{i},批次{n},1\n"));
                }
                catalog::import_books_file(
                    &db,
                    &ME,
                    "list.csv",
                    csv.as_bytes(),
                    ImportOptions::default(),
                )?;
            }
            1 => {
                let barcode = format!("K{}{}", rng.u8(0..8), if rng.bool() { 'A' } else { 'B' });
                let copy = db.read(|tx| catalog::find_copy_by_barcode(tx, &barcode))?;
                match copy.map(|c| c.status) {
                    Some(CopyStatus::OnLoan) => {
                        circulation::desk_scan(&db, &ME, None, &barcode)?;
                    }
                    Some(_) => {
                        let card = format!("R{}", rng.u8(0..6));
                        let person = people::find_person_by_card(&db, &card)?;
                        if let Some(p) = person {
                            // The loan limit may refuse: that is an answer, not a crash.
                            let _ = circulation::desk_scan(&db, &ME, Some(p.id), &barcode);
                        }
                    }
                    None => {}
                }
            }
            _ => {
                let sessions = sharing::sessions_between(
                    &db,
                    "2026-01-01".parse().expect("a date"),
                    "2027-12-31".parse().expect("a date"),
                    None,
                )?;
                if let Some(s) = sessions.first() {
                    let cancelled = rng.u8(0..4) == 0;
                    sharing::edit_session(
                        &db,
                        &ME,
                        s.id,
                        &SessionDraft {
                            revision: Some(s.revision),
                            theme: format!("主题{n}"),
                            starts_at: s.starts_at.clone(),
                            ends_at: s.ends_at.clone(),
                            venue_id: None,
                            host_id: None,
                            capacity: None,
                            status: Some(if cancelled {
                                sharing::SessionStatus::Cancelled
                            } else {
                                sharing::SessionStatus::Planned
                            }),
                            note: None,
                        },
                    )?;
                }
            }
        }
    }
}
