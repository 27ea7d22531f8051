//! Hostile input: desk.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
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
        circulation::renew_loan(&w.db, &ME, 99_999)
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
                max_renewals: 1,
                revision: None,
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
                max_renewals: 1,
                revision: None,
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
                max_renewals: 1,
                revision: None,
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
                max_renewals: -1,
                revision: None,
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
                scanner_suffix: String::new(),
                refuse_while_overdue: false,
                revision: None,
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
                scanner_suffix: String::new(),
                refuse_while_overdue: false,
                revision: None,
            }
        )
    ));
}
