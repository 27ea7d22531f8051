//! 书单: reading lists staff make for a theme, a training topic or a
//! reading-share series, each title with a note; readers see the published
//! ones with what is on the shelf, and hold from them.

use serde::{Deserialize, Serialize};

use super::store::{self, ListRow};
use super::*;
use crate::text::checked_text;

/// The most titles on one list.
pub const MAX_LIST_ITEMS: usize = 200;

/// A list as staff see it in a list of lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingList {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub topic_id: Option<i64>,
    pub topic_name: Option<String>,
    pub series_id: Option<i64>,
    pub series_name: Option<String>,
    /// Shown to readers.
    pub published: bool,
    /// How many titles it has.
    pub items: i64,
    pub updated_at: String,
    pub revision: i64,
}

/// A title on a list, with its note and availability.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListItem {
    pub title_id: i64,
    pub note: Option<String>,
    pub title: String,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub call_number: Option<String>,
    /// Copies that lend (on the shelf or on loan).
    pub copies: i64,
    /// Copies on the shelf and not set aside for a hold.
    pub available: i64,
}

/// A list with its titles.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingListDetail {
    pub list: ReadingList,
    pub titles: Vec<ListItem>,
}

/// A title as a list's form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ListItemDraft {
    pub title_id: i64,
    pub note: Option<String>,
}

/// A list as its form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReadingListDraft {
    pub name: String,
    pub description: Option<String>,
    pub topic_id: Option<i64>,
    pub series_id: Option<i64>,
    pub published: Option<bool>,
    pub titles: Vec<ListItemDraft>,
    /// The revision the form showed (an edit of an older one is refused).
    pub revision: Option<i64>,
}

struct Checked {
    name: String,
    description: Option<String>,
    items: Vec<(i64, Option<String>)>,
}

fn check(draft: &ReadingListDraft) -> Result<Checked> {
    let name = checked_text("name", "书单名称", Some(&draft.name), 100, false)?
        .ok_or_else(|| Error::invalid("name", "请填写书单名称。"))?;
    let description = checked_text(
        "description",
        "说明",
        super::suggestions::plain(draft.description.as_deref()).as_deref(),
        2000,
        true,
    )?;
    if draft.titles.len() > MAX_LIST_ITEMS {
        return Err(Error::invalid(
            "titles",
            format!("一个书单最多 {MAX_LIST_ITEMS} 种书。"),
        ));
    }
    let mut items = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for item in &draft.titles {
        if !seen.insert(item.title_id) {
            continue;
        }
        let note = checked_text("note", "推荐语", item.note.as_deref(), 500, true)?;
        items.push((item.title_id, note));
    }
    Ok(Checked {
        name,
        description,
        items,
    })
}

fn check_links(tx: &rusqlite::Connection, draft: &ReadingListDraft, c: &Checked) -> Result<()> {
    for (title_id, _) in &c.items {
        crate::catalog::get_title(tx, *title_id)?;
    }
    if let Some(t) = draft.topic_id {
        crate::training::get_topic(tx, t)?;
    }
    if let Some(s) = draft.series_id
        && !crate::sharing::series_exists(tx, s)?
    {
        return Err(Error::NotFound(format!(
            "找不到编号为 {s} 的读书分享系列。"
        )));
    }
    Ok(())
}

fn detail_in(tx: &rusqlite::Connection, id: i64) -> Result<ReadingListDetail> {
    Ok(ReadingListDetail {
        list: store::get_reading_list(tx, id)?,
        titles: store::list_items(tx, id)?,
    })
}

/// Every list, newest change first (staff); `published_only` for readers.
pub fn reading_lists(db: &Db, published_only: bool) -> Result<Vec<ReadingList>> {
    db.read(|tx| store::list_reading_lists(tx, published_only))
}

/// A list with its titles; an unpublished one is not found for readers.
pub fn reading_list(db: &Db, id: i64, published_only: bool) -> Result<ReadingListDetail> {
    db.read(|tx| {
        let detail = detail_in(tx, id)?;
        if published_only && !detail.list.published {
            return Err(Error::NotFound(format!("找不到编号为 {id} 的书单。")));
        }
        Ok(detail)
    })
}

/// Makes a list, as one action.
pub fn create_reading_list(
    db: &Db,
    actor: &Actor,
    draft: &ReadingListDraft,
) -> Result<ReadingListDetail> {
    let c = check(draft)?;
    db.write(actor, |tx| {
        check_links(tx, draft, &c)?;
        let id = store::insert_reading_list(
            tx,
            &ListRow {
                name: &c.name,
                description: c.description.as_deref(),
                topic_id: draft.topic_id,
                series_id: draft.series_id,
                published: draft.published.unwrap_or(true),
            },
        )?;
        store::replace_list_items(tx, id, &c.items)?;
        tx.audit(
            crate::Action::Create,
            crate::Entity::ReadingList,
            Some(id),
            &format!("书单“{}”，{} 种书", c.name, c.items.len()),
        )?;
        detail_in(tx, id)
    })
}

/// Edits a list and its titles, as one action; refused when someone else
/// changed it since the form was shown.
pub fn edit_reading_list(
    db: &Db,
    actor: &Actor,
    id: i64,
    draft: &ReadingListDraft,
) -> Result<ReadingListDetail> {
    let c = check(draft)?;
    let revision = draft.revision.ok_or_else(|| {
        Error::invalid(
            "revision",
            "修改书单时要带上打开时的版本，请重新打开书单后再改。",
        )
    })?;
    db.write(actor, |tx| {
        let before = store::get_reading_list(tx, id)?;
        check_links(tx, draft, &c)?;
        let row = ListRow {
            name: &c.name,
            description: c.description.as_deref(),
            topic_id: draft.topic_id,
            series_id: draft.series_id,
            published: draft.published.unwrap_or(before.published),
        };
        if !store::update_reading_list(tx, id, revision, &row)? {
            return Err(Error::conflict(format!(
                "书单“{}”已被别人修改过，请重新打开后再改。",
                before.name
            )));
        }
        store::replace_list_items(tx, id, &c.items)?;
        tx.audit(
            crate::Action::Update,
            crate::Entity::ReadingList,
            Some(id),
            &format!("书单“{}”，{} 种书", c.name, c.items.len()),
        )?;
        detail_in(tx, id)
    })
}

/// Deletes a list (its titles stay in the catalogue), as one action.
pub fn delete_reading_list(db: &Db, actor: &Actor, id: i64) -> Result<()> {
    db.write(actor, |tx| {
        let list = store::get_reading_list(tx, id)?;
        store::delete_reading_list(tx, id)?;
        tx.audit(
            crate::Action::Delete,
            crate::Entity::ReadingList,
            Some(id),
            &format!("书单“{}”", list.name),
        )
    })
}
