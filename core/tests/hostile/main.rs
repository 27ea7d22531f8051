//! Hostile input, table-driven: over a hundred bad inputs across the forms
//! (as the window sends them), the importers and the scan fields — empty,
//! whitespace, 100 KB strings, control characters, invalid dates, negative
//! numbers, duplicates, wrong encodings, random and truncated files, merged
//! cells, broken MARC. Each must be refused with a clear Chinese message,
//! and nothing may be saved (no audit entry appears: every write logs one).
//! A panic anywhere fails the test.

#[path = "../support/mod.rs"]
mod support;

use shuxiang_core::calendar::{self, CalendarDay, DayKind, NewVenue};
use shuxiang_core::catalog::{self, CopyStatus, NewCopies, NewTitle};
use shuxiang_core::circulation::{self, DeskSettings, LoanRule};
use shuxiang_core::import::{ImportOptions, ImportReport};
use shuxiang_core::labels::{self, LabelSelection, PrintSetup};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{
    self, End, InviteSelection, Pattern, Recurrence, SeriesDraft, SessionDraft,
};
use shuxiang_core::stocktake;
use shuxiang_core::training::{self, EnrolSelection, NewBatch, NewTopic, NewTrainingSession};
use shuxiang_core::{Actor, Db, Error};

mod calendar_cases;
mod catalogue_cases;
mod desk_cases;
mod importers_cases;
mod people_cases;
mod sharing_cases;
mod stocktake_cases;
mod training_cases;

const ME: Actor = Actor::Desktop;

/// A 100 KB string (~35,000 characters).
fn big() -> String {
    "书".repeat(35_000)
}

/// A name with control characters in it.
const CTRL: &str = "张\u{0}三\u{7}";

/// How an input was answered: refused with a message, or accepted.
enum Answer {
    Refused(String),
    Accepted,
}

fn answer<T>(r: Result<T, Error>) -> Answer {
    match r {
        Err(e) => Answer::Refused(e.to_string()),
        Ok(_) => Answer::Accepted,
    }
}

fn import_answer(r: Result<ImportReport, Error>) -> Answer {
    match r {
        Err(e) => Answer::Refused(e.to_string()),
        Ok(report) if report.refused() => Answer::Refused(report.errors[0].message.clone()),
        Ok(_) => Answer::Accepted,
    }
}

struct World {
    db: Db,
    person: i64,
    deputy: i64,
    title: i64,
    session: i64,
    /// A session in the venue for two.
    small: i64,
    batch: i64,
}

fn world() -> World {
    let db = Db::open_in_memory().unwrap();
    people::create_person(&db, &ME, &person("王五")).unwrap();
    let person = people::create_person(
        &db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Staff),
            name: "张三".into(),
            card_barcode: Some("C1".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let deputy = people::create_person(
        &db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Deputy),
            name: "李代表".into(),
            professional_group: Some("司法监督".into()),
            card_barcode: Some("D1".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let title = catalog::create_title(
        &db,
        &ME,
        &NewTitle {
            title: "乡土中国".into(),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec!["SX1".into()],
            location: Some("A1".into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let venue = calendar::create_venue(
        &db,
        &ME,
        &NewVenue {
            name: "三楼会议室".into(),
            capacity: Some(2),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let small = sharing::create_session(
        &db,
        &ME,
        &SessionDraft {
            revision: None,
            venue_id: Some(venue),
            ..session("小会", "2026-12-10T15:00", "2026-12-10T16:00")
        },
    )
    .unwrap()
    .id;
    let session = sharing::create_session(
        &db,
        &ME,
        &session("读书会", "2026-12-03T15:00", "2026-12-03T17:00"),
    )
    .unwrap()
    .id;
    let topic = training::create_topic(
        &db,
        &ME,
        &NewTopic {
            name: "依法履职".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let batch = training::create_batch(
        &db,
        &ME,
        &NewBatch {
            topic_id: topic,
            name: "第1期".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    World {
        db,
        person,
        deputy,
        title,
        session,
        small,
        batch,
    }
}

fn session(theme: &str, start: &str, end: &str) -> SessionDraft {
    SessionDraft {
        revision: None,
        theme: theme.into(),
        starts_at: start.into(),
        ends_at: end.into(),
        venue_id: None,
        host_id: None,
        capacity: None,
        status: None,
        note: None,
    }
}

fn person(name: &str) -> NewPerson {
    NewPerson {
        kind: Some(PersonKind::Staff),
        name: name.into(),
        ..Default::default()
    }
}

fn title(name: &str) -> NewTitle {
    NewTitle {
        title: name.into(),
        ..Default::default()
    }
}

fn series(pattern: Pattern, end: End, start_time: &str) -> SeriesDraft {
    SeriesDraft {
        name: "系列".into(),
        theme: None,
        recurrence: Recurrence {
            pattern,
            start: "2026-01-01".parse().unwrap(),
            end,
            skip_holidays: true,
            skip: vec![],
        },
        start_time: start_time.into(),
        end_time: "17:00".into(),
        venue_id: None,
        host_id: None,
        capacity: None,
        history: true,
    }
}

fn audit_count(db: &Db) -> u64 {
    shuxiang_core::audit::audit_log(db, &Default::default())
        .unwrap()
        .total
}

/// An .xlsx with merged header cells and an empty merged title column.
fn merged_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 2, "馆藏清单", &rust_xlsxwriter::Format::new())
        .unwrap();
    sheet.write_string(1, 0, "书名").unwrap();
    sheet.write_string(1, 1, "作者").unwrap();
    sheet
        .merge_range(2, 0, 3, 0, "", &rust_xlsxwriter::Format::new())
        .unwrap();
    sheet.write_string(2, 1, "费孝通").unwrap();
    sheet.write_string(3, 1, "黄仁宇").unwrap();
    book.save_to_buffer().unwrap()
}

type Case = (&'static str, Box<dyn Fn(&World) -> Answer>);

fn cases() -> Vec<Case> {
    let mut c: Vec<Case> = Vec::new();
    people_cases::cases(&mut c);
    catalogue_cases::cases(&mut c);
    desk_cases::cases(&mut c);
    calendar_cases::cases(&mut c);
    sharing_cases::cases(&mut c);
    training_cases::cases(&mut c);
    stocktake_cases::cases(&mut c);
    importers_cases::cases(&mut c);
    c
}

#[test]
fn over_a_hundred_bad_inputs_are_refused_in_words_and_change_nothing() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let w = world();
        let before = audit_count(&w.db);
        match case(&w) {
            Answer::Refused(message) => {
                let chinese = message
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
                if !chinese || message.chars().count() > 400 {
                    failures.push(format!(
                        "{name}: the message is not a clear Chinese sentence: {message:?}"
                    ));
                }
                if message.contains("Sqlite")
                    || message.contains("SQLITE")
                    || message.contains("constraint")
                {
                    failures.push(format!(
                        "{name}: a raw database error reached the user: {message}"
                    ));
                }
            }
            Answer::Accepted => failures.push(format!("{name}: accepted")),
        }
        let after = audit_count(&w.db);
        if after != before {
            failures.push(format!("{name}: {} change(s) were saved", after - before));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
