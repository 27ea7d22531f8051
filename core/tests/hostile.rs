//! Hostile input, table-driven: over a hundred bad inputs across the forms
//! (as the window sends them), the importers and the scan fields — empty,
//! whitespace, 100 KB strings, control characters, invalid dates, negative
//! numbers, duplicates, wrong encodings, random and truncated files, merged
//! cells, broken MARC. Each must be refused with a clear Chinese message,
//! and nothing may be saved (no audit entry appears: every write logs one).
//! A panic anywhere fails the test.

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

const ME: Actor = Actor::Desktop;

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
    let big = "书".repeat(35_000); // ~100 KB
    let ctrl = "张\u{0}三\u{7}";
    let mut c: Vec<Case> = Vec::new();
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
    // ---- people ----
    case!("人员：空姓名", |w| answer(people::create_person(
        &w.db,
        &ME,
        &person("")
    )));
    case!("人员：只有空格", |w| answer(people::create_person(
        &w.db,
        &ME,
        &person("   \u{3000} ")
    )));
    {
        let big = big.clone();
        case!("人员：100 KB 姓名", move |w| answer(
            people::create_person(&w.db, &ME, &person(&big))
        ));
    }
    case!("人员：控制字符", move |w| answer(
        people::create_person(&w.db, &ME, &person(ctrl))
    ));
    case!("人员：51 个字的姓名", |w| answer(
        people::create_person(&w.db, &ME, &person(&"名".repeat(51)))
    ));
    case!("人员：没有类别", |w| answer(people::create_person(
        &w.db,
        &ME,
        &NewPerson {
            name: "王五".into(),
            ..Default::default()
        }
    )));
    case!("人员：证号含汉字", |w| answer(
        people::create_person(
            &w.db,
            &ME,
            &NewPerson {
                card_barcode: Some("证号一".into()),
                ..person("王五")
            }
        )
    ));
    case!("人员：证号过长", |w| answer(people::create_person(
        &w.db,
        &ME,
        &NewPerson {
            card_barcode: Some("1".repeat(40)),
            ..person("王五")
        }
    )));
    case!("人员：重复证号", |w| answer(people::create_person(
        &w.db,
        &ME,
        &NewPerson {
            card_barcode: Some("c1".into()),
            ..person("王五")
        }
    )));
    case!("人员：干部填专业小组", |w| answer(
        people::create_person(
            &w.db,
            &ME,
            &NewPerson {
                professional_group: Some("司法监督".into()),
                ..person("王五")
            }
        )
    ));
    case!("人员：未知专业小组", |w| answer(
        people::create_person(
            &w.db,
            &ME,
            &NewPerson {
                kind: Some(PersonKind::Deputy),
                professional_group: Some("外交".into()),
                ..person("王五")
            }
        )
    ));
    case!("人员：电话是字母", |w| answer(
        people::create_person(
            &w.db,
            &ME,
            &NewPerson {
                phone: Some("abcdefg".into()),
                ..person("王五")
            }
        )
    ));
    case!("人员：修改不存在的人", |w| answer(
        people::edit_person(&w.db, &ME, 99_999, &person("王五"))
    ));
    // ---- catalogue ----
    case!("书目：空书名", |w| answer(catalog::create_title(
        &w.db,
        &ME,
        &title(""),
        &NewCopies::default()
    )));
    case!("书目：只有空格", |w| answer(catalog::create_title(
        &w.db,
        &ME,
        &title(" \t "),
        &NewCopies::default()
    )));
    {
        let big = big.clone();
        case!("书目：100 KB 书名", move |w| answer(
            catalog::create_title(&w.db, &ME, &title(&big), &NewCopies::default())
        ));
    }
    case!("书目：书名含控制字符", move |w| answer(
        catalog::create_title(&w.db, &ME, &title(ctrl), &NewCopies::default())
    ));
    case!("书目：ISBN 校验位错", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                isbn: Some("978-7-01-022485-9".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：ISBN 977 开头", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                isbn: Some("9777010224855".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：ISBN 含字母", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                isbn: Some("97870A0224855".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：ISBN 位数不对", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                isbn: Some("12345".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：分类号是汉字", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                clc: Some("政治".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：分类号过长", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                clc: Some(format!("D{}", "1".repeat(60))),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：索书号含控制字符", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &NewTitle {
                call_number: Some("D6\u{1}/1".into()),
                ..title("书")
            },
            &NewCopies::default()
        )
    ));
    case!("书目：100 KB 摘要", {
        let big = big.clone();
        move |w| {
            answer(catalog::create_title(
                &w.db,
                &ME,
                &NewTitle {
                    summary: Some(big.clone()),
                    ..title("书")
                },
                &NewCopies::default(),
            ))
        }
    });
    case!("书目：重复条码", |w| answer(catalog::create_title(
        &w.db,
        &ME,
        &title("书"),
        &NewCopies {
            barcodes: vec!["sx1".into()],
            ..Default::default()
        }
    )));
    case!("书目：同一次两个相同条码", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &title("书"),
            &NewCopies {
                barcodes: vec!["Q1".into(), "q1".into()],
                ..Default::default()
            }
        )
    ));
    case!("书目：条码含空格汉字", |w| answer(
        catalog::create_title(
            &w.db,
            &ME,
            &title("书"),
            &NewCopies {
                barcodes: vec!["条 码".into()],
                ..Default::default()
            }
        )
    ));
    case!("书目：一次加 501 册", |w| answer(
        catalog::add_title_copies(
            &w.db,
            &ME,
            w.title,
            &NewCopies {
                count: 501,
                ..Default::default()
            }
        )
    ));
    case!("书目：给不存在的书目加册", |w| answer(
        catalog::add_title_copies(
            &w.db,
            &ME,
            99_999,
            &NewCopies {
                count: 1,
                ..Default::default()
            }
        )
    ));
    case!("书目：改不存在的书目", |w| answer(
        catalog::edit_title(&w.db, &ME, 99_999, &title("书"))
    ));
    case!("书目：条码前缀是汉字", |w| answer(
        catalog::change_copy_barcode_numbering(
            &w.db,
            &ME,
            &catalog::BarcodeNumbering {
                prefix: "书香".into(),
                next: 1
            }
        )
    ));
    case!("书目：起始编号为 0", |w| answer(
        catalog::change_copy_barcode_numbering(
            &w.db,
            &ME,
            &catalog::BarcodeNumbering {
                prefix: "SX".into(),
                next: 0
            }
        )
    ));
    case!("书目：按错误 ISBN 查找", |w| answer(
        catalog::title_by_isbn(&w.db, "not-an-isbn")
    ));
    case!("书目：推荐索书号无分类号", |w| answer(
        catalog::suggest_call_number(&w.db, "  ")
    ));
    // ---- desk ----
    case!("借还：空扫描", |w| answer(circulation::desk_scan(
        &w.db, &ME, None, ""
    )));
    case!("借还：只有空白", |w| answer(circulation::desk_scan(
        &w.db, &ME, None, " \r\n\t"
    )));
    {
        let big = big.clone();
        case!("借还：100 KB 扫描", move |w| answer(
            circulation::desk_scan(&w.db, &ME, None, &big)
        ));
    }
    case!("借还：未知条码", |w| answer(circulation::desk_scan(
        &w.db, &ME, None, "ZZ404"
    )));
    case!("借还：控制字符条码", |w| answer(
        circulation::desk_scan(&w.db, &ME, None, "\u{1b}[31m")
    ));
    case!("借还：借给不存在的人", |w| answer(
        circulation::desk_scan(&w.db, &ME, Some(99_999), "SX1")
    ));
    case!("借还：还未借出的书", |w| answer(
        circulation::desk_scan(&w.db, &ME, None, "SX1")
    ));
    case!("借还：续借不存在的借阅", |w| answer(
        circulation::renew(&w.db, &ME, 99_999)
    ));
    case!("借还：还不存在的册", |w| answer(
        circulation::return_copy(&w.db, &ME, 99_999)
    ));
    case!("借还：预约不存在的书目", |w| answer(
        circulation::place_hold(&w.db, &ME, 99_999, w.person)
    ));
    case!("借还：取消不存在的预约", |w| answer(
        circulation::cancel_hold(&w.db, &ME, 99_999)
    ));
    case!("借还：直接设为借出", |w| answer(
        circulation::mark_copy(&w.db, &ME, 1, CopyStatus::OnLoan, "")
    ));
    case!("借还：说明 100 KB", {
        let big = big.clone();
        move |w| {
            answer(circulation::mark_copy(
                &w.db,
                &ME,
                1,
                CopyStatus::Lost,
                &big,
            ))
        }
    });
    case!("规则：借期为负", |w| answer(
        circulation::change_loan_rule(
            &w.db,
            &ME,
            &LoanRule {
                person_kind: PersonKind::Staff,
                loan_days: -3,
                max_loans: 5,
                max_renewals: 1
            }
        )
    ));
    case!("规则：借期 0 天", |w| answer(
        circulation::change_loan_rule(
            &w.db,
            &ME,
            &LoanRule {
                person_kind: PersonKind::Staff,
                loan_days: 0,
                max_loans: 5,
                max_renewals: 1
            }
        )
    ));
    case!("规则：最多 101 册", |w| answer(
        circulation::change_loan_rule(
            &w.db,
            &ME,
            &LoanRule {
                person_kind: PersonKind::Staff,
                loan_days: 30,
                max_loans: 101,
                max_renewals: 1
            }
        )
    ));
    case!("规则：续借 -1 次", |w| answer(
        circulation::change_loan_rule(
            &w.db,
            &ME,
            &LoanRule {
                person_kind: PersonKind::Deputy,
                loan_days: 30,
                max_loans: 5,
                max_renewals: -1
            }
        )
    ));
    case!("设置：预约保留 0 天", |w| answer(
        circulation::change_desk_settings(
            &w.db,
            &ME,
            &DeskSettings {
                hold_pickup_days: 0,
                scanner_prefix: String::new(),
                scanner_suffix: String::new()
            }
        )
    ));
    case!("设置：扫描前缀过长", |w| answer(
        circulation::change_desk_settings(
            &w.db,
            &ME,
            &DeskSettings {
                hold_pickup_days: 7,
                scanner_prefix: "123456789".into(),
                scanner_suffix: String::new()
            }
        )
    ));
    // ---- calendar and venues ----
    case!("开馆日：每天闭馆", |w| answer(
        calendar::change_closed_weekdays(&w.db, &ME, &[1, 2, 3, 4, 5, 6, 7])
    ));
    case!("开馆日：星期 8", |w| answer(
        calendar::change_closed_weekdays(&w.db, &ME, &[8])
    ));
    case!("节假日：名称 100 KB", {
        let big = big.clone();
        move |w| {
            answer(calendar::save_calendar_day(
                &w.db,
                &ME,
                &CalendarDay {
                    day: "2026-10-01".parse().unwrap(),
                    kind: DayKind::Holiday,
                    name: big.clone(),
                },
            ))
        }
    });
    case!("节假日：删除无效日期", |w| answer(
        calendar::remove_calendar_day(&w.db, &ME, "2026-02-30")
    ));
    case!("节假日：删除不在列表的日子", |w| answer(
        calendar::remove_calendar_day(&w.db, &ME, "2026-03-03")
    ));
    case!("场地：空名称", |w| answer(calendar::create_venue(
        &w.db,
        &ME,
        &NewVenue::default()
    )));
    case!("场地：重名", |w| answer(calendar::create_venue(
        &w.db,
        &ME,
        &NewVenue {
            name: "三楼会议室".into(),
            ..Default::default()
        }
    )));
    case!("场地：容纳 -1 人", |w| answer(
        calendar::create_venue(
            &w.db,
            &ME,
            &NewVenue {
                name: "新场地".into(),
                capacity: Some(-1),
                ..Default::default()
            }
        )
    ));
    case!("场地：容纳 0 人", |w| answer(calendar::create_venue(
        &w.db,
        &ME,
        &NewVenue {
            name: "新场地".into(),
            capacity: Some(0),
            ..Default::default()
        }
    )));
    // ---- reading-share ----
    case!("分享：空主题", |w| answer(sharing::create_session(
        &w.db,
        &ME,
        &session("", "2026-12-04T15:00", "2026-12-04T16:00")
    )));
    case!("分享：结束早于开始", |w| answer(
        sharing::create_session(
            &w.db,
            &ME,
            &session("会", "2026-12-04T15:00", "2026-12-04T14:00")
        )
    ));
    case!("分享：不存在的日期", |w| answer(
        sharing::create_session(
            &w.db,
            &ME,
            &session("会", "2026-13-01T10:00", "2026-13-01T11:00")
        )
    ));
    case!("分享：日期是文字", |w| answer(
        sharing::create_session(&w.db, &ME, &session("会", "明天下午", "后天"))
    ));
    case!("分享：超过 24 小时", |w| answer(
        sharing::create_session(
            &w.db,
            &ME,
            &session("会", "2026-12-04T15:00", "2026-12-06T15:00")
        )
    ));
    case!("分享：人数上限为负", |w| answer(
        sharing::create_session(
            &w.db,
            &ME,
            &SessionDraft {
                capacity: Some(-5),
                ..session("会", "2026-12-04T15:00", "2026-12-04T16:00")
            }
        )
    ));
    case!("分享：主持人不存在", |w| answer(
        sharing::create_session(
            &w.db,
            &ME,
            &SessionDraft {
                host_id: Some(99_999),
                ..session("会", "2026-12-04T15:00", "2026-12-04T16:00")
            }
        )
    ));
    case!("分享：纪要 100 KB", {
        let big = big.repeat(2);
        move |w| answer(sharing::save_minutes(&w.db, &ME, w.session, &big))
    });
    case!("分享：空附件", |w| answer(sharing::add_attachment(
        &w.db,
        &ME,
        w.session,
        "a.jpg",
        &[]
    )));
    case!("分享：附件超过 20 MB", |w| answer(
        sharing::add_attachment(&w.db, &ME, w.session, "a.jpg", &vec![0u8; 21 * 1024 * 1024])
    ));
    case!("分享：附件名含控制字符", |w| answer(
        sharing::add_attachment(&w.db, &ME, w.session, "a\u{0}.jpg", &[1, 2, 3])
    ));
    case!("分享：未知借书证签到", |w| answer(
        sharing::sign_in_card(&w.db, &ME, w.session, "NOBODY")
    ));
    case!("分享：空签到", |w| answer(sharing::sign_in_card(
        &w.db, &ME, w.session, "   "
    )));
    case!("分享：邀请不存在的人", |w| answer(
        sharing::invite(
            &w.db,
            &ME,
            w.session,
            &InviteSelection {
                person_ids: vec![99_999],
                ..Default::default()
            }
        )
    ));
    case!("分享：邀请超过场地容量", |w| answer(
        sharing::invite(
            &w.db,
            &ME,
            w.small,
            &InviteSelection {
                person_ids: vec![w.person, w.deputy],
                kind: Some(PersonKind::Staff),
                ..Default::default()
            }
        )
    ));
    case!("分享：领读人重复", |w| answer(
        sharing::set_presenters(
            &w.db,
            &ME,
            w.session,
            &[
                sharing::PresenterDraft {
                    person_id: w.person,
                    title_id: None,
                    topic: None,
                    hold: false
                },
                sharing::PresenterDraft {
                    person_id: w.person,
                    title_id: None,
                    topic: None,
                    hold: false
                }
            ]
        )
    ));
    case!("分享：领读书目不存在", |w| answer(
        sharing::set_presenters(
            &w.db,
            &ME,
            w.session,
            &[sharing::PresenterDraft {
                person_id: w.person,
                title_id: Some(99_999),
                topic: None,
                hold: false
            }]
        )
    ));
    case!("系列：每周没选星期", |w| answer(
        sharing::create_series(
            &w.db,
            &ME,
            &series(
                Pattern::Weekly {
                    every: 1,
                    weekdays: vec![]
                },
                End::Count { count: 3 },
                "15:00"
            ),
            &[]
        )
    ));
    case!("系列：0 次", |w| answer(sharing::create_series(
        &w.db,
        &ME,
        &series(
            Pattern::MonthlyDay { every: 1, day: 1 },
            End::Count { count: 0 },
            "15:00"
        ),
        &[]
    )));
    case!("系列：结束早于开始", |w| answer(
        sharing::create_series(
            &w.db,
            &ME,
            &series(
                Pattern::MonthlyDay { every: 1, day: 1 },
                End::Until {
                    date: "2025-01-01".parse().unwrap()
                },
                "15:00"
            ),
            &[]
        )
    ));
    case!("系列：每月 32 日", |w| answer(
        sharing::create_series(
            &w.db,
            &ME,
            &series(
                Pattern::MonthlyDay { every: 1, day: 32 },
                End::Count { count: 3 },
                "15:00"
            ),
            &[]
        )
    ));
    case!("系列：第 6 个星期", |w| answer(
        sharing::create_series(
            &w.db,
            &ME,
            &series(
                Pattern::MonthlyWeekday {
                    every: 1,
                    nth: 6,
                    weekday: 4
                },
                End::Count { count: 3 },
                "15:00"
            ),
            &[]
        )
    ));
    case!("系列：25 点开始", |w| answer(sharing::create_series(
        &w.db,
        &ME,
        &series(
            Pattern::MonthlyDay { every: 1, day: 1 },
            End::Count { count: 3 },
            "25:00"
        ),
        &[]
    )));
    case!("系列：401 次", |w| answer(sharing::create_series(
        &w.db,
        &ME,
        &series(
            Pattern::Weekly {
                every: 1,
                weekdays: vec![1]
            },
            End::Count { count: 401 },
            "15:00"
        ),
        &[]
    )));
    case!("系列：空名称", |w| answer(sharing::create_series(
        &w.db,
        &ME,
        &SeriesDraft {
            name: " ".into(),
            ..series(
                Pattern::MonthlyDay { every: 1, day: 1 },
                End::Count { count: 3 },
                "15:00"
            )
        },
        &[]
    )));
    // ---- training ----
    case!("培训：空专题", |w| answer(training::create_topic(
        &w.db,
        &ME,
        &NewTopic::default()
    )));
    case!("培训：重名专题", |w| answer(training::create_topic(
        &w.db,
        &ME,
        &NewTopic {
            name: "依法履职".into(),
            ..Default::default()
        }
    )));
    case!("培训：未知小组", |w| answer(training::create_topic(
        &w.db,
        &ME,
        &NewTopic {
            name: "新专题".into(),
            target_groups: vec!["外交".into()],
            ..Default::default()
        }
    )));
    case!("培训：批次人数 0", |w| answer(
        training::create_batch(
            &w.db,
            &ME,
            &NewBatch {
                topic_id: 1,
                name: "第2期".into(),
                capacity: Some(0),
                ..Default::default()
            }
        )
    ));
    case!("培训：批次人数 501", |w| answer(
        training::create_batch(
            &w.db,
            &ME,
            &NewBatch {
                topic_id: 1,
                name: "第2期".into(),
                capacity: Some(501),
                ..Default::default()
            }
        )
    ));
    case!("培训：批次重名", |w| answer(training::create_batch(
        &w.db,
        &ME,
        &NewBatch {
            topic_id: 1,
            name: "第1期".into(),
            ..Default::default()
        }
    )));
    case!("培训：批次专题不存在", |w| answer(
        training::create_batch(
            &w.db,
            &ME,
            &NewBatch {
                topic_id: 99_999,
                name: "第2期".into(),
                ..Default::default()
            }
        )
    ));
    case!("培训：批次日期是文字", |w| answer(
        training::create_batch(
            &w.db,
            &ME,
            &NewBatch {
                topic_id: 1,
                name: "第2期".into(),
                starts_on: Some("明天".into()),
                ..Default::default()
            }
        )
    ));
    case!("培训：批次结束早于开始", |w| answer(
        training::create_batch(
            &w.db,
            &ME,
            &NewBatch {
                topic_id: 1,
                name: "第2期".into(),
                starts_on: Some("2026-05-02".into()),
                ends_on: Some("2026-05-01".into()),
                ..Default::default()
            }
        )
    ));
    case!("培训：课次空内容", |w| answer(
        training::add_session(
            &w.db,
            &ME,
            w.batch,
            &NewTrainingSession {
                subject: "".into(),
                starts_at: "2026-05-01T09:00".into(),
                ends_at: "2026-05-01T11:00".into(),
                venue_id: None,
                lecturer_id: None,
                lecturer_name: None,
                status: None
            }
        )
    ));
    case!("培训：课次时间倒置", |w| answer(
        training::add_session(
            &w.db,
            &ME,
            w.batch,
            &NewTrainingSession {
                subject: "课".into(),
                starts_at: "2026-05-01T11:00".into(),
                ends_at: "2026-05-01T09:00".into(),
                venue_id: None,
                lecturer_id: None,
                lecturer_name: None,
                status: None
            }
        )
    ));
    case!("培训：结业要求 0%", |w| answer(
        training::set_completion_percent(&w.db, &ME, 0)
    ));
    case!("培训：结业要求 101%", |w| answer(
        training::set_completion_percent(&w.db, &ME, 101)
    ));
    case!("培训：为干部报名", |w| {
        let r = training::enrol(
            &w.db,
            &ME,
            w.batch,
            &EnrolSelection {
                person_ids: vec![w.person],
                professional_group: None,
            },
        );
        match r {
            Ok(report) if report.enrolled.is_empty() && !report.refused.is_empty() => {
                Answer::Refused(report.refused[0].1.clone())
            }
            other => answer(other),
        }
    });
    case!("培训：报名不存在的批次", |w| answer(
        training::enrol(
            &w.db,
            &ME,
            99_999,
            &EnrolSelection {
                person_ids: vec![w.deputy],
                professional_group: None
            }
        )
    ));
    case!("培训：名单是乱码", |w| answer(
        training::enrol_from_file(
            &w.db,
            &ME,
            w.batch,
            "名单.xlsx",
            &[0x50, 0x4b, 3, 4, 9, 9, 9]
        )
    ));
    case!("培训：名单没有表头", |w| answer(
        training::enrol_from_file(&w.db, &ME, w.batch, "名单.csv", "1,2,3\n4,5,6\n".as_bytes())
    ));
    case!("培训：退出未报名的人", |w| answer(
        training::withdraw(&w.db, &ME, w.batch, w.person)
    ));
    // ---- stocktake and labels ----
    case!("盘点：不存在的书架", |w| answer(
        stocktake::start_stocktake(&w.db, &ME, "", &["Z99".into()])
    ));
    case!("盘点：名称 100 KB", {
        let big = big.clone();
        move |w| answer(stocktake::start_stocktake(&w.db, &ME, &big, &[]))
    });
    case!("盘点：扫不存在的盘点", |w| answer(
        stocktake::scan_copy(&w.db, &ME, 99_999, None, "SX1")
    ));
    case!("标签：条码范围倒置", |w| answer(
        labels::copy_labels(
            &w.db,
            &LabelSelection {
                barcode_from: Some("SX9".into()),
                barcode_to: Some("SX1".into()),
                ..Default::default()
            }
        )
    ));
    case!("标签：条码范围长短不一", |w| answer(
        labels::copy_labels(
            &w.db,
            &LabelSelection {
                barcode_from: Some("SX1".into()),
                barcode_to: Some("SX100".into()),
                ..Default::default()
            }
        )
    ));
    case!("标签：偏移 100 毫米", |w| answer(
        labels::save_print_setup(
            &w.db,
            &ME,
            &PrintSetup {
                offset_x_mm: 100.0,
                ..Default::default()
            }
        )
    ));
    case!("标签：缩放 10%", |w| answer(labels::save_print_setup(
        &w.db,
        &ME,
        &PrintSetup {
            scale_percent: 10.0,
            ..Default::default()
        }
    )));
    // ---- importers ----
    let books = |name: &'static str, bytes: Vec<u8>| -> Box<dyn Fn(&World) -> Answer> {
        Box::new(move |w: &World| {
            import_answer(catalog::import_books_file(
                &w.db,
                &ME,
                name,
                &bytes,
                ImportOptions::default(),
            ))
        })
    };
    c.push(("导入书目：空文件", books("a.csv", vec![])));
    c.push((
        "导入书目：随机字节",
        books(
            "a.dat",
            (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
    ));
    c.push((
        "导入书目：截断的 xlsx",
        books(
            "a.xlsx",
            include_bytes!("fixtures/books.xlsx")[..400].to_vec(),
        ),
    ));
    c.push((
        "导入书目：伪装成 xlsx 的文本",
        books("a.xlsx", b"PK\x03\x04 not a zip at all".to_vec()),
    ));
    c.push((
        "导入书目：只有表头",
        books("a.csv", "书名,作者\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：没有书名列",
        books("a.csv", "序号,作者\n1,费孝通\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：错误 ISBN",
        books(
            "a.csv",
            "书名,ISBN\n乡土,9787010224859\n".as_bytes().to_vec(),
        ),
    ));
    c.push((
        "导入书目：册数为负",
        books("a.csv", "书名,册数\n乡土,-2\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：册数是文字",
        books("a.csv", "书名,册数\n乡土,三\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：条码重复",
        books("a.csv", "书名,条码\n甲,SX1\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：文件内条码重复",
        books("a.csv", "书名,条码\n甲,N9\n乙,N9\n".as_bytes().to_vec()),
    ));
    c.push(("导入书目：合并单元格", books("merged.xlsx", merged_xlsx())));
    c.push((
        "导入书目：UTF-16 无 BOM 的乱码",
        books(
            "a.csv",
            "书名\n乡土中国\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect(),
        ),
    ));
    c.push((
        "导入书目：MARC 长度是字母",
        books(
            "bad.mrc",
            b"abcdenam a22000977a 4500001001300000\x1e\x1d".to_vec(),
        ),
    ));
    c.push((
        "导入书目：坏的 MARC 记录",
        books(
            "bad.mrc",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/samples/broken/bad_records.mrc"
            ))
            .unwrap(),
        ),
    ));
    c.push((
        "导入书目：截断的 MARC",
        books(
            "cut.mrc",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/samples/marc21/chabon.mrc"
            ))
            .unwrap()[..300]
                .to_vec(),
        ),
    ));
    c.push((
        "导入书目：坏的 MARC XML",
        books(
            "bad.xml",
            b"<collection><record><datafield tag=\"245\"><subfield code=\"a\">".to_vec(),
        ),
    ));
    let ppl = |name: &'static str, bytes: Vec<u8>| -> Box<dyn Fn(&World) -> Answer> {
        Box::new(move |w: &World| {
            import_answer(people::import_people_file(
                &w.db,
                &ME,
                name,
                &bytes,
                ImportOptions::default(),
            ))
        })
    };
    c.push(("导入人员：空文件", ppl("a.csv", vec![])));
    c.push((
        "导入人员：随机字节",
        ppl("a.xls", vec![0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]),
    ));
    c.push((
        "导入人员：未知类别",
        ppl("a.csv", "姓名,类别\n王五,外宾\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入人员：没有姓名",
        ppl("a.csv", "姓名,类别\n,机关干部\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入人员：文件内证号重复",
        ppl(
            "a.csv",
            "姓名,类别,借书证号\n甲,机关干部,X1\n乙,机关干部,X1\n"
                .as_bytes()
                .to_vec(),
        ),
    ));
    c.push((
        "导入人员：证号已被使用",
        ppl(
            "a.csv",
            "姓名,类别,借书证号\n甲,机关干部,C1\n".as_bytes().to_vec(),
        ),
    ));
    c.push((
        "导入人员：未知专业小组",
        ppl(
            "a.csv",
            "姓名,类别,专业小组\n甲,人大代表,外交组\n"
                .as_bytes()
                .to_vec(),
        ),
    ));
    c.push((
        "导入人员：100 KB 姓名",
        ppl(
            "a.csv",
            format!("姓名,类别\n{},机关干部\n", big).into_bytes(),
        ),
    ));
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
