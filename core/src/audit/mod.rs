//! The audit log (操作日志): who did what, when, to which record. Every write
//! appends here in its own transaction through [`crate::WriteTx::audit`].

mod export;
mod store;
mod words;

pub use export::*;
pub(crate) use store::record;
pub use store::{list_actors, list_entries, list_entries_for, search_entries};
pub use words::*;

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
    fn kind(&self) -> &'static str {
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

    fn id(&self) -> Option<i64> {
        match self {
            Actor::Operator { id, .. } => Some(*id),
            _ => None,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_kind: String,
    pub actor_name: String,
    pub action: String,
    /// The action in words: 新增, 借出 ….
    pub action_label: String,
    pub entity: String,
    /// What kind of record, in words: 书目, 册, 人员 ….
    pub entity_label: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    /// The computer a remote change came from (its address).
    pub client: Option<String>,
}

/// Which log entries to show: by who, by area (the entities it covers), by
/// office-local day, by words in the summary.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// The actor's name as shown (命令行, 本机用户, an operator).
    pub actor: Option<String>,
    /// The entities of an area, e.g. ["loan", "hold", "stocktake"].
    pub entities: Vec<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub offset: u32,
    pub limit: Option<u32>,
}

/// The log, filtered.
pub fn audit_log(db: &crate::Db, q: &AuditQuery) -> Result<crate::people::Page<AuditEntry>> {
    db.read(|tx| search_entries(tx, q))
}

/// The actors for the log's filter.
pub fn audit_actors(db: &crate::Db) -> Result<Vec<String>> {
    db.read(|tx| list_actors(tx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{NewPerson, PersonKind, create_person};

    #[test]
    fn the_log_is_filtered_by_actor_area_day_and_words() {
        let db = crate::Db::open_in_memory().unwrap();
        let p = |name: &str, actor: &Actor| {
            create_person(
                &db,
                actor,
                &NewPerson {
                    kind: Some(PersonKind::Staff),
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        p("张三", &Actor::CommandLine);
        p("李四", &Actor::Desktop);
        crate::catalog::create_title(
            &db,
            &Actor::Desktop,
            &crate::catalog::NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &Default::default(),
        )
        .unwrap();
        let all = audit_log(&db, &AuditQuery::default()).unwrap();
        assert_eq!(all.total, 3);
        let by_actor = audit_log(
            &db,
            &AuditQuery {
                actor: Some("命令行".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(by_actor.total, 1);
        let people = audit_log(
            &db,
            &AuditQuery {
                entities: vec!["person".into()],
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(people.total, 2);
        let words = audit_log(
            &db,
            &AuditQuery {
                text: Some("乡土".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(words.items.len(), 1);
        let future = audit_log(
            &db,
            &AuditQuery {
                from: Some("2999-01-01".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(future.total, 0);
        // In pinyin order: ben… before ming….
        assert_eq!(audit_actors(&db).unwrap(), ["本机用户", "命令行"]);
    }
}
