//! Readers take part (读者参与): from their own browser a reader renews,
//! signs up for a session or a batch, offers to share a book (我要分享),
//! asks for leave (请假), writes a reading note (读书心得) and suggests a
//! purchase (荐购); staff decide each in one inbox (待处理), every decision
//! one logged action. Staff's reading lists (书单) are read by everyone.
//!
//! Every reader function takes the signed-in reader's id: another reader's
//! request is "not found", and nothing here shows a phone or anyone else's
//! requests. Statuses travel as English words; the pages say them in Chinese.

mod inbox;
mod leave;
mod lists;
mod notes;
mod offers;
mod signups;
mod store;
mod suggestions;

pub use inbox::*;
pub use leave::*;
pub use lists::*;
pub use notes::*;
pub use offers::*;
pub use signups::*;
pub use suggestions::*;

use serde::Serialize;

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::people::Person;
use crate::people::store::get_person;

/// How many requests of one kind a reader may have waiting for a decision
/// at once: enough for anyone, a bound for a script.
pub const MAX_PENDING: i64 = 20;

/// What a reader's request came to, as the API answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestAnswer {
    pub id: i64,
    pub status: &'static str,
}

/// The signed-in reader as the actor of what they do, refused when their
/// card was stopped.
pub(crate) fn reader(db: &Db, person_id: i64, client: Option<&str>) -> Result<(Person, Actor)> {
    let person = db.read(|tx| get_person(tx, person_id))?;
    if !person.active {
        return Err(Error::Forbidden(format!(
            "{} 的借书证已停用，请联系阅览室。",
            person.name
        )));
    }
    let actor = Actor::Reader {
        person_id,
        name: person.name.clone(),
        client: client.map(str::to_owned),
    };
    Ok((person, actor))
}

/// Refuses a new request when the reader already has `pending` of its kind
/// waiting.
pub(crate) fn refuse_too_many(pending: i64, what: &str) -> Result<()> {
    if pending >= MAX_PENDING {
        return Err(Error::conflict(format!(
            "你已有 {pending} 条{what}在等待处理，请等处理后再提交。"
        )));
    }
    Ok(())
}

/// A reason a decision must give (a refusal, a note returned), checked.
pub(crate) fn required_reason(reason: Option<&str>, what: &str) -> Result<String> {
    crate::text::checked_text("reason", "理由", reason, 500, true)?
        .ok_or_else(|| Error::invalid("reason", format!("{what}时请写明理由，读者会看到。")))
}

/// A status of a reader's request: stored and sent as an English word,
/// shown in Chinese.
macro_rules! status {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The status stored as `code`, or a refusal naming the words known.
            pub fn parse(code: &str) -> Result<$name> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|s| s.code() == code.trim())
                    .ok_or_else(|| {
                        let known: Vec<&str> = $name::ALL.iter().map(|s| s.code()).collect();
                        Error::invalid("status", format!("状态“{code}”不对，应为 {}。", known.join("、")))
                    })
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|s| s.code() == text)
                    .ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}

status!(
    /// 荐购: submitted → accepted / rejected → arrived; held when the
    /// reading room already had the book.
    SuggestionStatus {
        Submitted = "submitted" / "待处理",
        Accepted = "accepted" / "已采纳",
        Rejected = "rejected" / "不采纳",
        Arrived = "arrived" / "已到馆",
        Held = "held" / "馆内已有",
    }
);

status!(
    /// What a 荐购 asks for: a book to buy, or a periodical to subscribe to.
    SuggestionKind {
        Book = "book" / "图书",
        Periodical = "periodical" / "报刊",
    }
);

// The status! macro derives no Default; a suggestion is of a book unless said.
#[allow(clippy::derivable_impls)]
impl Default for SuggestionKind {
    fn default() -> Self {
        SuggestionKind::Book
    }
}

status!(
    /// 读书心得: pending until reviewed.
    NoteStatus {
        Pending = "pending" / "待审核",
        Published = "published" / "已发表",
        Returned = "returned" / "已退回",
        Hidden = "hidden" / "已隐藏",
    }
);

status!(
    /// 我要分享.
    OfferStatus {
        Pending = "pending" / "待处理",
        Accepted = "accepted" / "已接受",
        Declined = "declined" / "未接受",
        Withdrawn = "withdrawn" / "已撤回",
    }
);

status!(
    /// 请假.
    LeaveStatus {
        Pending = "pending" / "待批准",
        Approved = "approved" / "已准假",
        Refused = "refused" / "未准假",
        Withdrawn = "withdrawn" / "已撤回",
    }
);
