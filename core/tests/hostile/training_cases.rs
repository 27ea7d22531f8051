//! Hostile input: training.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
                status: None,
                revision: None
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
                status: None,
                revision: None
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
}
