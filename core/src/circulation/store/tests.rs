//! The circulation store against a real database.

use super::*;
use crate::audit::Actor;
use crate::catalog::{NewCopies, NewTitle, create_title, list_copies_by_title};
use crate::db::Db;
use crate::people::{NewPerson, create_person};

#[test]
fn loans_and_holds_are_stored_closed_and_found_as_the_desk_asks() {
    let db = Db::open_in_memory().unwrap();
    let me = Actor::Desktop;
    let t = create_title(
        &db,
        &me,
        &NewTitle {
            title: "乡土中国".into(),
            ..Default::default()
        },
        &NewCopies {
            barcodes: vec!["SX1".into()],
            ..Default::default()
        },
    )
    .unwrap();
    let copy = db.read(|c| list_copies_by_title(c, t.id)).unwrap()[0].id;
    let reader = |name: &str, card: &str| {
        create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: name.into(),
                card_barcode: Some(card.into()),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let (a, b) = (reader("甲读者", "A1"), reader("乙读者", "B1"));
    let today: NaiveDate = "2026-12-04".parse().unwrap();
    let due: NaiveDate = "2026-12-01".parse().unwrap();
    // As the desk lends: the loan, and the copy off the shelf.
    let loan = db
        .write(&Actor::System, |tx| {
            crate::catalog::set_copy_status(tx, copy, crate::catalog::CopyStatus::OnLoan, None)?;
            insert_loan(tx, copy, a, due)
        })
        .unwrap();
    db.read(|c| {
        assert_eq!(
            find_open_loan_by_copy(c, copy, today)?.map(|l| l.id),
            Some(loan)
        );
        assert_eq!(count_open_loans(c, a)?, 1);
        assert_eq!(get_loan(c, loan, today)?.overdue_days, 3);
        assert_eq!(list_open_loans_by_person(c, a, today)?.len(), 1);
        assert_eq!(
            open_loan_dues_by_title(c, t.id)?
                .get(&copy)
                .map(String::as_str),
            Some("2026-12-01")
        );
        Ok(())
    })
    .unwrap();
    let hold = db
        .write(&Actor::System, |tx| insert_hold(tx, t.id, b))
        .unwrap();
    db.read(|c| {
        assert_eq!(first_waiting_hold(c, t.id)?.map(|h| h.id), Some(hold));
        assert_eq!(find_open_hold(c, t.id, b)?.map(|h| h.id), Some(hold));
        assert_eq!(find_free_copy(c, t.id)?, None, "the only copy is out");
        Ok(())
    })
    .unwrap();
    db.write(&Actor::System, |tx| {
        renew_loan(tx, loan, "2026-12-31".parse().unwrap())?;
        close_loan(tx, loan, LoanOutcome::Returned, None)?;
        set_hold_ready(tx, hold, copy, "2026-12-11".parse().unwrap())
    })
    .unwrap();
    db.read(|c| {
        let closed = get_loan(c, loan, today)?;
        assert_eq!((closed.renewals, closed.returned_at.is_some()), (1, true));
        assert_eq!(count_open_loans(c, a)?, 0);
        assert_eq!(find_ready_hold_by_copy(c, copy)?.map(|h| h.id), Some(hold));
        assert_eq!(list_ready_holds(c)?.len(), 1);
        Ok(())
    })
    .unwrap();
    db.write(&Actor::System, |tx| {
        close_hold(tx, hold, HoldStatus::Collected)
    })
    .unwrap();
    assert!(
        db.read(|c| list_open_holds_by_title(c, t.id))
            .unwrap()
            .is_empty()
    );
}
