//! Hostile input: catalogue.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    let ctrl = CTRL;
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
}
