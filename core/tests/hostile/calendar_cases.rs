//! Hostile input: calendar and venues.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
}
