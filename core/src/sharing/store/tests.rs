//! The sharing store against a real database.

use super::*;
use crate::audit::Actor;
use crate::db::Db;
use crate::people::{NewPerson, PersonKind, create_person};
use crate::sharing::{SessionDraft, create_session};

#[test]
fn invitations_sign_ins_and_attachments_are_kept_per_session() {
    let db = Db::open_in_memory().unwrap();
    let me = Actor::Desktop;
    let person = |name: &str| {
        create_person(
            &db,
            &me,
            &NewPerson {
                kind: Some(PersonKind::Staff),
                name: name.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let (a, b) = (person("甲"), person("乙"));
    let s = create_session(
        &db,
        &me,
        &SessionDraft {
            theme: "读《乡土中国》".into(),
            starts_at: "2026-12-10T15:00".into(),
            ends_at: "2026-12-10T17:00".into(),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
            revision: None,
        },
    )
    .unwrap();
    let photo = db
        .write(&Actor::System, |tx| {
            assert_eq!(insert_invitations(tx, s.id, &[a, b, a])?, 2);
            assert!(insert_signin(tx, s.id, a, "scan")?);
            assert!(!insert_signin(tx, s.id, a, "scan")?, "signed in once");
            set_minutes(tx, s.id, Some("讨论了差序格局。"))?;
            insert_attachment(tx, s.id, "合影.jpg", b"\xFF\xD8\xFF")
        })
        .unwrap();
    db.read(|c| {
        let people = list_attendees(c, s.id)?;
        assert_eq!(people.len(), 2);
        let signed: Vec<_> = people.iter().filter(|p| p.signed_at.is_some()).collect();
        assert_eq!((signed.len(), signed[0].person_id), (1, a));
        assert_eq!(
            get_session(c, s.id)?.minutes.as_deref(),
            Some("讨论了差序格局。")
        );
        assert_eq!(list_attachments(c, s.id)?[0].size, 3);
        assert_eq!(get_attachment_data(c, photo)?.1, b"\xFF\xD8\xFF");
        assert_eq!(
            list_sessions(c, "2026-12-01T00:00", "2026-12-31T00:00", None)?.len(),
            1
        );
        Ok(())
    })
    .unwrap();
    db.write(&Actor::System, |tx| {
        delete_signin(tx, s.id, a)?;
        delete_invitation(tx, s.id, b)?;
        assert_eq!(delete_attachment(tx, photo)?, s.id);
        Ok(())
    })
    .unwrap();
    db.read(|c| {
        let people = list_attendees(c, s.id)?;
        assert_eq!(people.len(), 1);
        assert!(people[0].signed_at.is_none());
        assert_eq!(
            get_attachment_data(c, photo).unwrap_err().code(),
            "not_found"
        );
        Ok(())
    })
    .unwrap();
}
