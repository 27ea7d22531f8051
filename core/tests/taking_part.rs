//! Readers take part: sign-up with a waitlist that moves up, a suggestion
//! arriving through a MARC import and placing the hold, a note counted only
//! once published, leave counted by the completion rule, an offer making a
//! presenter, renewals and PIN changes — and one reader never reaching
//! another's requests.

mod support;

use shuxiang_core::calendar::SignupStatus;
use shuxiang_core::catalog;
use shuxiang_core::circulation::{self, HoldStatus};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::participation::{
    self as part, EventKind, LeaveDraft, LeaveStatus, NoteDecision, NoteDraft, NoteStatus,
    OfferDraft, OfferStatus, SuggestionDraft, SuggestionKind, SuggestionStatus,
};
use shuxiang_core::people::{self, NewPerson, PersonKind};
use shuxiang_core::sharing::{self, SessionDraft};
use shuxiang_core::training::{self, AttendanceStatus, NewBatch, NewTopic, NewTrainingSession};
use shuxiang_core::{Db, Error};
use support::{ME, at, named, shelve, staff};

/// 2026-12-07, 10:00 in the office.
const NOW: &str = "2026-12-07T02:00:00Z";

fn db() -> Db {
    Db::open_in_memory().unwrap().with_clock(at(NOW))
}

fn deputy(db: &Db, name: &str, card: &str, group: &str) -> i64 {
    people::create_person(
        db,
        &ME,
        &NewPerson {
            kind: Some(PersonKind::Deputy),
            name: name.into(),
            delegation: Some("东城区代表团".into()),
            professional_group: Some(group.into()),
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn share_session(db: &Db, theme: &str, day: &str, capacity: Option<i64>) -> i64 {
    sharing::create_session(
        db,
        &ME,
        &SessionDraft {
            revision: None,
            theme: theme.into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T16:30"),
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

fn batch_with_sessions(
    db: &Db,
    group: Option<&str>,
    capacity: i64,
    days: &[&str],
) -> (i64, Vec<i64>) {
    let topic = training::create_topic(
        db,
        &ME,
        &NewTopic {
            name: "预算审查监督".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let batch = training::create_batch(
        db,
        &ME,
        &NewBatch {
            topic_id: topic,
            name: "2027年第1期".into(),
            professional_group: group.map(str::to_owned),
            capacity: Some(capacity),
            starts_on: days.first().map(|d| d.to_string()),
            ends_on: days.last().map(|d| d.to_string()),
            ..Default::default()
        },
    )
    .unwrap()
    .id;
    let sessions = days
        .iter()
        .enumerate()
        .map(|(i, day)| {
            training::add_session(
                db,
                &ME,
                batch,
                &NewTrainingSession {
                    subject: format!("第{}讲", i + 1),
                    starts_at: format!("{day}T09:00"),
                    ends_at: format!("{day}T11:30"),
                    venue_id: None,
                    lecturer_id: None,
                    lecturer_name: Some("王教授".into()),
                    status: None,
                    revision: None,
                },
            )
            .unwrap()
            .id
        })
        .collect();
    (batch, sessions)
}

#[test]
fn a_full_session_waitlists_readers_who_move_up_when_a_place_frees() {
    let db = db();
    let s = share_session(&db, "读《乡土中国》", "2027-01-14", Some(2));
    let [a, b, c] = [("张三", "C-1"), ("李四", "C-2"), ("王五", "C-3")]
        .map(|(n, card)| staff(&db, n, card, "办公厅").id);
    let refused = part::reader_sign_up(&db, a, EventKind::Sharing, s, None).unwrap_err();
    assert!(refused.to_string().contains("没有开放报名"), "{refused}");
    let event = part::open_signup(&db, &ME, EventKind::Sharing, s, true, None, None).unwrap();
    assert_eq!((event.signup, event.places_left), ("open", Some(2)));

    assert_eq!(
        part::reader_sign_up(&db, a, EventKind::Sharing, s, None).unwrap(),
        SignupStatus::SignedUp
    );
    part::reader_sign_up(&db, b, EventKind::Sharing, s, None).unwrap();
    assert_eq!(
        part::reader_sign_up(&db, c, EventKind::Sharing, s, None).unwrap(),
        SignupStatus::Waitlisted
    );
    let twice = part::reader_sign_up(&db, c, EventKind::Sharing, s, None).unwrap_err();
    assert!(twice.to_string().contains("候补名单第 1 位"), "{twice}");
    assert_eq!(
        part::event(&db, EventKind::Sharing, s).unwrap().signup,
        "full"
    );
    assert_eq!(
        part::inbox(&db).unwrap().signups,
        1,
        "the organizer sees who waits"
    );

    // The sign-ups are the organizer's list of who comes.
    let detail = sharing::session_detail(&db, s).unwrap();
    assert_eq!(detail.attendees.len(), 2);

    part::reader_cancel_signup(&db, a, EventKind::Sharing, s, None).unwrap();
    let me = circulation::reader_me(&db, c).unwrap();
    let mine = part::reader_requests(&db, c, &me).unwrap();
    assert_eq!(mine.signups.len(), 1);
    assert_eq!(
        mine.signups[0].status,
        SignupStatus::SignedUp,
        "moved up by itself"
    );
    assert!(
        mine.messages.iter().any(|m| m.kind == "signup"),
        "{:?}",
        mine.messages
    );
    assert_eq!(part::inbox(&db).unwrap().signups, 0);
}

#[test]
fn a_training_sign_up_keeps_to_its_group_and_its_clashes() {
    let db = db();
    let (b, _) = batch_with_sessions(&db, Some("预算审计"), 1, &["2027-03-02", "2027-03-09"]);
    part::open_signup(&db, &ME, EventKind::Training, b, true, None, None).unwrap();
    let other = deputy(&db, "刘洋", "D-1", "教育文化");
    let e = part::reader_sign_up(&db, other, EventKind::Training, b, None).unwrap_err();
    assert!(e.to_string().contains("预算审计"), "{e}");
    let clerk = staff(&db, "赵六", "C-1", "研究室").id;
    let e = part::reader_sign_up(&db, clerk, EventKind::Training, b, None).unwrap_err();
    assert!(e.to_string().contains("人大代表"), "{e}");
    let first = deputy(&db, "梁建国", "D-2", "预算审计");
    let second = deputy(&db, "梁建国", "D-3", "预算审计");
    assert_eq!(
        part::reader_sign_up(&db, first, EventKind::Training, b, None).unwrap(),
        SignupStatus::SignedUp
    );
    assert_eq!(
        part::reader_sign_up(&db, second, EventKind::Training, b, None).unwrap(),
        SignupStatus::Waitlisted
    );
    // The organizer admits the second beyond the capacity from the inbox.
    let waiting = part::waiting_signups(&db).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].card_barcode.as_deref(), Some("D-3"));
    part::decide_signup(&db, &ME, EventKind::Training, b, second, true).unwrap();
    let batch = training::batch_detail(&db, b).unwrap();
    assert_eq!(batch.batch.enrolled, 2);
}

#[test]
fn approved_leave_is_marked_and_counted_by_the_completion_rule() {
    let db = db();
    let (b, sessions) = batch_with_sessions(&db, None, 10, &["2027-03-02", "2027-03-09"]);
    part::open_signup(&db, &ME, EventKind::Training, b, true, None, None).unwrap();
    let d = deputy(&db, "孙丽", "D-9", "社会建设");
    part::reader_sign_up(&db, d, EventKind::Training, b, None).unwrap();
    let stranger = deputy(&db, "周七", "D-8", "社会建设");
    let e = part::reader_ask_leave(
        &db,
        stranger,
        &LeaveDraft {
            session_id: sessions[0],
            reason: "出差".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(matches!(e, Error::NotFound(_)), "{e}");
    let asked = part::reader_ask_leave(
        &db,
        d,
        &LeaveDraft {
            session_id: sessions[0],
            reason: "参加区人大常委会会议\r\n另有安排".into(),
        },
        None,
    )
    .unwrap();
    assert_eq!(asked.status, "pending");
    assert_eq!(part::inbox(&db).unwrap().leave, 1);
    let refused = part::decide_leave(&db, &ME, asked.id, false, None).unwrap_err();
    assert!(refused.to_string().contains("理由"), "{refused}");
    let approved = part::decide_leave(&db, &ME, asked.id, true, None).unwrap();
    assert_eq!(approved.status, LeaveStatus::Approved);
    let detail = training::batch_detail(&db, b).unwrap();
    let mark = detail
        .attendance
        .iter()
        .find(|(session, person, _)| *session == sessions[0] && *person == d)
        .map(|(_, _, status)| *status);
    assert_eq!(mark, Some(AttendanceStatus::Leave));
}

#[test]
fn a_suggestion_arrives_through_a_marc_import_and_holds_the_book_for_its_reader() {
    let db = db();
    let reader = staff(&db, "陈晨", "C-7", "研究室").id;
    let other = staff(&db, "吴敏", "C-8", "研究室").id;
    // Already held: answered at once.
    let held = shelve(&db, named("乡土中国"), Some("A1"), &["B0001"]);
    let answer = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "乡土中国".into(),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!((answer.status, answer.title_id), ("held", Some(held.id)));

    // The Chinese book of Open Library's real record (880 title).
    let waiting = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "乔布斯的秘密日记".into(),
            author: Some("刘宁".into()),
            reason: Some("了解企业家".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(waiting.status, "submitted");
    let by_isbn = part::reader_suggest(
        &db,
        other,
        &SuggestionDraft {
            title: "Steve Jobs diary".into(),
            isbn: Some("978-7-5086-1772-5".into()),
            ..Default::default()
        },
        None,
    )
    .unwrap();
    part::decide_suggestion(&db, &ME, waiting.id, true, None).unwrap();
    assert_eq!(
        part::inbox(&db).unwrap().suggestions,
        1,
        "one still to decide"
    );

    let marc = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/marc/880_alternate_script.mrc"),
    )
    .unwrap();
    catalog::import_books_file(&db, &ME, "new.mrc", &marc, ImportOptions::default()).unwrap();
    let all = part::list_suggestions(&db, Some(SuggestionStatus::Arrived)).unwrap();
    assert_eq!(all.len(), 2, "by title and author, and by ISBN: {all:?}");
    let title_id = all[0].title_id.unwrap();
    assert!(all.iter().all(|s| s.title_id == Some(title_id)));
    let _ = by_isbn;
    // Both readers are in the title's queue; the desk's next look sets the
    // copy aside for the first.
    circulation::expire_holds(&db, &ME).unwrap();
    let me = circulation::reader_me(&db, reader).unwrap();
    let hold = me.holds.iter().find(|h| h.title_id == title_id).unwrap();
    assert!(
        matches!(hold.status, HoldStatus::Waiting | HoldStatus::Ready),
        "{hold:?}"
    );
    let requests = part::reader_requests(&db, reader, &me).unwrap();
    assert!(requests.messages.iter().any(|m| m.kind == "suggestion"));
}

#[test]
fn each_suggestion_arrives_with_the_first_matching_title_of_a_list_and_holds_only_for_an_active_reader()
 {
    let db = db();
    let reader = staff(&db, "陈晨", "C-7", "研究室").id;
    let other = staff(&db, "吴敏", "C-8", "研究室").id;
    let gone = staff(&db, "周离", "C-9", "研究室").id;
    let suggest = |person: i64, title: &str, author: Option<&str>, isbn: Option<&str>, kind| {
        part::reader_suggest(
            &db,
            person,
            &SuggestionDraft {
                title: title.into(),
                author: author.map(Into::into),
                isbn: isbn.map(Into::into),
                kind,
                ..Default::default()
            },
            None,
        )
        .unwrap()
        .id
    };
    let by_words = suggest(reader, "资本论", Some("马克思"), None, SuggestionKind::Book);
    let by_isbn = suggest(
        other,
        "Capital",
        None,
        Some("9787010000008"),
        SuggestionKind::Book,
    );
    let of_gone = suggest(gone, "资本论", None, None, SuggestionKind::Book);
    let magazine = suggest(reader, "资本论", None, None, SuggestionKind::Periodical);
    people::set_person_active(&db, &ME, gone, false).unwrap();

    // Two editions of one book in one list: the first row answers the
    // words, the second its ISBN.
    let csv = "书名,作者,出版社,出版年,ISBN\n\
               资本论,马克思,人民出版社,2004,\n\
               资本论,马克思,中央编译出版社,2018,9787010000008\n\
               乡土中国,费孝通,北京大学出版社,2012,\n";
    catalog::import_books_file(
        &db,
        &ME,
        "书单.csv",
        csv.as_bytes(),
        ImportOptions::default(),
    )
    .unwrap();
    let found = |text: &str| catalog::search(&db, text, 0, 10).unwrap().items;
    let editions = found("资本论");
    let first = editions.iter().find(|t| t.isbn.is_none()).unwrap().id;
    let second = editions.iter().find(|t| t.isbn.is_some()).unwrap().id;
    let arrived = part::list_suggestions(&db, Some(SuggestionStatus::Arrived)).unwrap();
    let with = |id: i64| arrived.iter().find(|s| s.id == id).and_then(|s| s.title_id);
    assert_eq!(with(by_words), Some(first), "the first matching row");
    assert_eq!(with(by_isbn), Some(second), "the row with its ISBN");
    assert_eq!(
        with(of_gone),
        Some(first),
        "arrived, though its reader left"
    );
    assert_eq!(
        with(magazine),
        None,
        "a book answers no periodical's suggestion"
    );

    // A hold for each active reader, on the title that answered them.
    circulation::expire_holds(&db, &ME).unwrap();
    let holds = |person: i64| -> Vec<i64> {
        circulation::reader_me(&db, person)
            .unwrap()
            .holds
            .iter()
            .map(|h| h.title_id)
            .collect()
    };
    assert_eq!(holds(reader), [first]);
    assert_eq!(holds(other), [second]);
    assert!(holds(gone).is_empty(), "no hold for a reader who left");
}

#[test]
fn a_note_shows_and_counts_only_once_published_and_only_its_writer_sees_it_before() {
    let db = db();
    let book = shelve(&db, named("万历十五年"), Some("A2"), &["B0002"]);
    let writer = staff(&db, "郑好", "C-3", "办公厅").id;
    let other = staff(&db, "冯远", "C-4", "办公厅").id;
    let note = part::reader_write_note(
        &db,
        writer,
        &NoteDraft {
            title_id: book.id,
            body: "大历史观\r\n读来有益。".into(),
            session_id: None,
        },
        None,
    )
    .unwrap();
    assert_eq!(note.status, "pending");
    assert!(
        part::title_notes(&db, book.id).unwrap().is_empty(),
        "not before review"
    );
    let theirs =
        part::reader_requests(&db, other, &circulation::reader_me(&db, other).unwrap()).unwrap();
    assert!(theirs.notes.is_empty(), "another reader sees nothing of it");
    let returned = part::decide_note(
        &db,
        &ME,
        note.id,
        &NoteDecision::Return { reason: " ".into() },
    )
    .unwrap_err();
    assert!(returned.to_string().contains("理由"));
    let published =
        part::decide_note(&db, &ME, note.id, &NoteDecision::Publish { featured: true }).unwrap();
    assert_eq!(published.status, NoteStatus::Published);
    assert_eq!(published.body, "大历史观\n读来有益。");
    let shown = part::title_notes(&db, book.id).unwrap();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].author, "郑好");
    assert_eq!(part::featured_notes(&db, 5).unwrap().len(), 1);
    part::decide_note(&db, &ME, note.id, &NoteDecision::Hide).unwrap();
    assert!(part::title_notes(&db, book.id).unwrap().is_empty());
}

#[test]
fn an_accepted_offer_makes_the_reader_a_presenter_with_the_book() {
    let db = db();
    let s = share_session(&db, "读书分享会", "2027-02-18", None);
    let book = shelve(&db, named("中国哲学简史"), Some("A3"), &["B0003"]);
    let reader = staff(&db, "何静", "C-5", "研究室").id;
    let offer = part::reader_offer(
        &db,
        reader,
        &OfferDraft {
            session_id: s,
            title_id: book.id,
            topic: "冯友兰的人生境界说".into(),
        },
        None,
    )
    .unwrap();
    let again = part::reader_offer(
        &db,
        reader,
        &OfferDraft {
            session_id: s,
            title_id: book.id,
            topic: "再来一次".into(),
        },
        None,
    )
    .unwrap_err();
    assert!(again.to_string().contains("等组织者回复"), "{again}");
    let accepted = part::decide_offer(&db, &ME, offer.id, true, None).unwrap();
    assert_eq!(accepted.status, OfferStatus::Accepted);
    let detail = sharing::session_detail(&db, s).unwrap();
    assert_eq!(detail.presenters.len(), 1);
    assert_eq!(detail.presenters[0].person_id, reader);
    assert_eq!(detail.presenters[0].title_id, Some(book.id));
    assert_eq!(
        detail.presenters[0].topic.as_deref(),
        Some("冯友兰的人生境界说")
    );
}

#[test]
fn a_reader_renews_under_the_desks_rules_and_changes_their_pin() {
    let db = db();
    let book = shelve(&db, named("大国崛起"), Some("A4"), &["B0004"]);
    let reader = staff(&db, "钱进", "C-6", "办公厅");
    let waiting = staff(&db, "孔明", "C-9", "办公厅");
    let copy = catalog::title_detail(&db, book.id).unwrap().copies[0].id;
    circulation::lend_copy(&db, &ME, reader.id, copy).unwrap();
    let renewed = circulation::reader_renew(&db, reader.id, "B0004", None).unwrap();
    assert!(renewed.due.as_str() > "2026-12-07");
    let not_theirs = circulation::reader_renew(&db, waiting.id, "B0004", None).unwrap_err();
    assert!(matches!(not_theirs, Error::NotFound(_)));
    circulation::place_hold(&db, &ME, book.id, waiting.id).unwrap();
    let held = circulation::reader_renew(&db, reader.id, "B0004", None).unwrap_err();
    assert!(held.to_string().contains("其他读者预约"), "{held}");
    assert!(
        !held.to_string().contains("孔明"),
        "never who waits: {held}"
    );

    people::set_reader_pin(&db, &ME, "C-6", "1234").unwrap();
    let (_, before) = people::reader_login(&db, "C-6", "1234").unwrap();
    let wrong = people::reader_change_pin(&db, reader.id, "9999", "5678", None).unwrap_err();
    assert!(wrong.to_string().contains("原 PIN"), "{wrong}");
    let after = people::reader_change_pin(&db, reader.id, "1234", "5678", None).unwrap();
    assert!(
        people::current_reader(&db, before).is_err(),
        "other sessions end"
    );
    assert!(people::current_reader(&db, after).is_ok());
    assert!(people::reader_login(&db, "C-6", "5678").is_ok());
}

#[test]
fn a_reader_with_twenty_waiting_suggestions_is_asked_to_wait() {
    let db = db();
    let reader = staff(&db, "秦风", "C-10", "办公厅").id;
    for i in 0..part::MAX_PENDING {
        part::reader_suggest(
            &db,
            reader,
            &SuggestionDraft {
                title: format!("想读的书{i}"),
                ..Default::default()
            },
            None,
        )
        .unwrap();
    }
    let e = part::reader_suggest(
        &db,
        reader,
        &SuggestionDraft {
            title: "再一本".into(),
            ..Default::default()
        },
        None,
    )
    .unwrap_err();
    assert!(e.to_string().contains("等待处理"), "{e}");
}

#[test]
fn a_published_note_counts_in_the_learning_record_and_the_units_figures() {
    let db = db();
    let book = shelve(&db, named("论持久战"), Some("A5"), &["B0005"]);
    let writer = staff(&db, "严明", "C-11", "研究室").id;
    let note = part::reader_write_note(
        &db,
        writer,
        &NoteDraft {
            title_id: book.id,
            body: "战略思维。".into(),
            session_id: None,
        },
        None,
    )
    .unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let record = |db: &Db| {
        shuxiang_core::reports::person_record(db, writer, from, day)
            .unwrap()
            .totals
            .notes
    };
    let unit = |db: &Db| {
        shuxiang_core::reports::unit_figures(db, false, from, day)
            .unwrap()
            .into_iter()
            .find(|u| u.unit == "研究室")
            .unwrap()
            .notes
    };
    assert_eq!(
        (record(&db), unit(&db)),
        (0, 0),
        "pending counts for nothing"
    );
    part::decide_note(
        &db,
        &ME,
        note.id,
        &NoteDecision::Publish { featured: false },
    )
    .unwrap();
    assert_eq!((record(&db), unit(&db)), (1, 1), "published, it counts");
    let person = shuxiang_core::reports::person_record(&db, writer, from, day).unwrap();
    assert_eq!(person.notes[0].title, "论持久战");
}
