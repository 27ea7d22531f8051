//! Hostile input: reading-share.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
                revision: None,
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
                revision: None,
                host_id: Some(99_999),
                ..session("会", "2026-12-04T15:00", "2026-12-04T16:00")
            }
        )
    ));
    case!("分享：纪要 100 KB", {
        let big = big.repeat(2);
        move |w| {
            answer(sharing::save_minutes(
                &w.db,
                &ME,
                w.session,
                &big,
                Some(
                    sharing::session_detail(&w.db, w.session)
                        .unwrap()
                        .session
                        .revision,
                ),
            ))
        }
    });
    case!("分享：附件名走出文件夹", |w| answer(
        sharing::add_attachment(&w.db, &ME, w.session, "../..", b"\xFF\xD8\xFF\xE0")
    ));
    case!("分享：附件名是设备名", |w| answer(
        sharing::add_attachment(&w.db, &ME, w.session, "NUL.jpg", b"\xFF\xD8\xFF\xE0")
    ));
    case!("分享：附件冒充图片", |w| answer(
        sharing::add_attachment(&w.db, &ME, w.session, "合影.jpg", b"MZ\x90\0 a program")
    ));
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
            ],
            Some(
                sharing::session_detail(&w.db, w.session)
                    .unwrap()
                    .session
                    .revision
            )
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
            }],
            Some(
                sharing::session_detail(&w.db, w.session)
                    .unwrap()
                    .session
                    .revision
            )
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
}
