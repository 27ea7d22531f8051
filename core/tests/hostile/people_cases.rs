//! Hostile input: people.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    let ctrl = CTRL;
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
}
