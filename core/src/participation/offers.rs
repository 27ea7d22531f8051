//! 我要分享: a reader offers to present a book from the catalogue, with a
//! topic, at a coming reading-share session. Accepted, they are one of the
//! session's presenters with that book, as if the organizer had added them.

use serde::{Deserialize, Serialize};

use super::store::{self, Pending};
use super::*;
use crate::sharing::{PresenterDraft, SessionStatus};
use crate::text::checked_text;

/// An offer as the reader makes it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OfferDraft {
    pub session_id: i64,
    pub title_id: i64,
    pub topic: String,
}

/// A stored offer, for staff and for its reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    pub id: i64,
    pub session_id: i64,
    pub session_theme: String,
    /// Office-local `YYYY-MM-DDTHH:MM`.
    pub session_starts_at: String,
    pub person_id: i64,
    pub person_name: String,
    pub unit: Option<String>,
    pub card_barcode: Option<String>,
    pub title_id: Option<i64>,
    pub book_title: Option<String>,
    pub topic: String,
    pub status: OfferStatus,
    /// Why not, when declined.
    pub reason: Option<String>,
    pub created_at: String,
    pub decided_at: Option<String>,
}

/// The signed-in reader offers to share a book at a coming session.
pub fn reader_offer(
    db: &Db,
    person_id: i64,
    draft: &OfferDraft,
    client: Option<&str>,
) -> Result<RequestAnswer> {
    let (person, actor) = reader(db, person_id, client)?;
    let topic = checked_text("topic", "分享题目", Some(&draft.topic), 200, false)?
        .ok_or_else(|| Error::invalid("topic", "请写下分享的题目。"))?;
    let today = db.clock().today();
    db.write(&actor, |tx| {
        refuse_too_many(
            store::pending_of(tx, Pending::Offers, person_id)?,
            "分享报名",
        )?;
        let session = crate::sharing::get_session(tx, draft.session_id)?;
        if session.status != SessionStatus::Planned
            || crate::calendar::session_day(&session.starts_at).is_some_and(|d| d < today)
        {
            return Err(Error::conflict(format!(
                "“{}”已经结束或取消，请选一次还没举行的活动。",
                session.theme
            )));
        }
        let title = crate::catalog::get_title(tx, draft.title_id)?;
        if crate::sharing::list_presenters(tx, session.id)?
            .iter()
            .any(|p| p.person_id == person_id)
        {
            return Err(Error::conflict(format!(
                "你已是“{}”的领读人。",
                session.theme
            )));
        }
        if store::list_offers(tx, Some(OfferStatus::Pending), Some(person_id))?
            .iter()
            .any(|o| o.session_id == session.id)
        {
            return Err(Error::conflict(format!(
                "你已报名在“{}”分享，正等组织者回复。",
                session.theme
            )));
        }
        let id = store::insert_offer(tx, session.id, person_id, title.id, &topic)?;
        tx.audit(
            crate::Action::Submit,
            crate::Entity::ShareOffer,
            Some(id),
            &format!(
                "{} 报名在“{}”分享《{}》",
                person.name, session.theme, title.title
            ),
        )?;
        Ok(RequestAnswer {
            id,
            status: OfferStatus::Pending.code(),
        })
    })
}

/// Offers for staff, newest first, of one status or all.
pub fn list_offers(db: &Db, status: Option<OfferStatus>) -> Result<Vec<Offer>> {
    db.read(|tx| store::list_offers(tx, status, None))
}

/// The organizer accepts an offer — the reader joins the session's
/// presenters with the book and topic — or declines it with a reason, as
/// one action.
pub fn decide_offer(
    db: &Db,
    actor: &Actor,
    id: i64,
    accept: bool,
    reason: Option<&str>,
) -> Result<Offer> {
    let reason = if accept {
        None
    } else {
        Some(required_reason(reason, "不接受分享报名")?)
    };
    let today = db.clock().today();
    db.write(actor, |tx| {
        let offer = store::get_offer(tx, id)?;
        if offer.status != OfferStatus::Pending {
            return Err(Error::conflict(format!(
                "这条分享报名{}，无需再处理。",
                offer.status.label()
            )));
        }
        if accept {
            let mut drafts: Vec<PresenterDraft> = Vec::new();
            let mut rows = Vec::new();
            for p in crate::sharing::list_presenters(tx, offer.session_id)? {
                drafts.push(PresenterDraft {
                    person_id: p.person_id,
                    title_id: p.title_id,
                    topic: p.topic.clone(),
                    hold: false,
                });
                rows.push((p.person_id, p.title_id, p.topic));
            }
            drafts.push(PresenterDraft {
                person_id: offer.person_id,
                title_id: offer.title_id,
                topic: Some(offer.topic.clone()),
                hold: false,
            });
            rows.push((offer.person_id, offer.title_id, Some(offer.topic.clone())));
            crate::sharing::set_presenters_in(tx, offer.session_id, &drafts, &rows, today)?;
        }
        let status = if accept {
            OfferStatus::Accepted
        } else {
            OfferStatus::Declined
        };
        store::decide_offer_row(tx, id, status, reason.as_deref())?;
        tx.audit(
            crate::Action::Decide,
            crate::Entity::ShareOffer,
            Some(id),
            &format!(
                "{} 在“{}”的分享报名：{}",
                offer.person_name,
                offer.session_theme,
                status.label()
            ),
        )?;
        store::get_offer(tx, id)
    })
}
