//! Who acts: an operator's role and what it may change, and every kind of
//! actor the log names — the command line, the window without accounts,
//! the app itself, an operator, a reader on the intranet pages. Roles are
//! enforced here, for every transport alike.

use serde::Serialize;

use crate::error::Result;

/// What an operator may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 管理员: everything.
    Admin,
    /// 图书管理员: the catalogue, lending, stocktakes, labels.
    Librarian,
    /// 活动组织者: reading-share sessions and training.
    Organizer,
    /// 只读: looks, changes nothing.
    Viewer,
}

impl Role {
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Librarian => "librarian",
            Role::Organizer => "organizer",
            Role::Viewer => "viewer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "管理员",
            Role::Librarian => "图书管理员",
            Role::Organizer => "活动组织者",
            Role::Viewer => "只读",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        match code {
            "admin" => Some(Role::Admin),
            "librarian" => Some(Role::Librarian),
            "organizer" => Some(Role::Organizer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    /// Whether this role may change records of `entity` (as the log names them).
    pub fn may_change(self, entity: &str) -> bool {
        const LIBRARIAN: &[&str] = &[
            "person",
            "title",
            "copy",
            "loan",
            "hold",
            "stocktake",
            "loan_rule",
            "settings",
            "calendar",
            "labels",
        ];
        const ORGANIZER: &[&str] = &[
            "person",
            "hold",
            "calendar",
            "venue",
            "share_session",
            "share_series",
            "training",
            "training_topic",
            "training_batch",
            "training_session",
        ];
        match self {
            Role::Admin => true,
            Role::Librarian => LIBRARIAN.contains(&entity),
            Role::Organizer => ORGANIZER.contains(&entity),
            Role::Viewer => false,
        }
    }

    /// Whether this role sees people's phone numbers (the desk calls readers).
    pub fn sees_phones(self) -> bool {
        matches!(self, Role::Admin | Role::Librarian)
    }
}

/// Who performs an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// The `shuxiang` command (office IT, scripts).
    CommandLine,
    /// The desktop app on a PC without operator accounts.
    Desktop,
    /// The app itself: scheduled backups, demo data.
    System,
    /// A logged-in operator; `client` is the address of the computer they
    /// work at when it is not this one (the intranet host's operators).
    Operator {
        id: i64,
        name: String,
        role: Role,
        client: Option<String>,
    },
    /// A reader signed in on the intranet pages: may only place and cancel
    /// their own holds (the reader functions check whose); `client` is the
    /// address of the computer they used.
    Reader {
        person_id: i64,
        name: String,
        client: Option<String>,
    },
}

/// What the log calls each kind of record, in words, for refusals.
fn area_words(entity: &str) -> &'static str {
    match entity {
        "person" => "人员",
        "title" | "copy" | "labels" => "书目与馆藏",
        "loan" | "hold" | "loan_rule" => "借阅",
        "stocktake" => "盘点",
        "venue" | "share_session" | "share_series" => "读书分享",
        e if e.starts_with("training") => "履职培训",
        "operator" => "操作员账号",
        "backup" | "database" => "备份与数据",
        _ => "设置",
    }
}

impl Actor {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Actor::CommandLine => "cli",
            Actor::Desktop => "desktop",
            Actor::System => "system",
            Actor::Operator { .. } => "operator",
            Actor::Reader { .. } => "reader",
        }
    }

    /// The name shown in the log.
    pub fn name(&self) -> &str {
        match self {
            Actor::CommandLine => "命令行",
            Actor::Desktop => "本机用户",
            Actor::System => "系统",
            Actor::Operator { name, .. } => name,
            Actor::Reader { name, .. } => name,
        }
    }

    /// Refuses, with the reason, a change this actor may not make.
    pub fn require(&self, entity: &str) -> Result<()> {
        match self {
            Actor::Operator { role, .. } if !role.may_change(entity) => {
                Err(crate::Error::Forbidden(format!(
                    "您的角色是“{}”，不能修改{}。如需修改，请联系管理员。",
                    role.label(),
                    area_words(entity)
                )))
            }
            Actor::Reader { .. } if entity != "hold" => Err(crate::Error::Forbidden(
                "读者只能预约和取消自己的预约。".into(),
            )),
            _ => Ok(()),
        }
    }

    /// Whether this actor sees phone numbers.
    pub fn sees_phones(&self) -> bool {
        match self {
            Actor::Operator { role, .. } => role.sees_phones(),
            Actor::Reader { .. } => false,
            _ => true,
        }
    }

    /// The computer a remote change came from, for the log.
    pub fn client(&self) -> Option<&str> {
        match self {
            Actor::Reader { client, .. } | Actor::Operator { client, .. } => client.as_deref(),
            _ => None,
        }
    }

    pub(crate) fn id(&self) -> Option<i64> {
        match self {
            Actor::Operator { id, .. } => Some(*id),
            _ => None,
        }
    }
}
