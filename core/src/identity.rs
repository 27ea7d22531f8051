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
    pub const ALL: &[Role] = &[Role::Admin, Role::Librarian, Role::Organizer, Role::Viewer];

    /// What the role may do, in a line for the operators' screen.
    pub fn hint(self) -> &'static str {
        match self {
            Role::Admin => "全部功能，含操作员、备份与恢复、操作日志",
            Role::Librarian => "书目、借还、盘点、标签、人员与读者 PIN",
            Role::Organizer => "读书分享、履职培训、人员（看不到电话）",
            Role::Viewer => "只能查看，不能修改（看不到电话）",
        }
    }

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

    /// Whether this role may change records of `entity`: every write is
    /// decided here, before it runs.
    pub fn may_change(self, entity: Entity) -> bool {
        use Entity::*;
        match self {
            Role::Admin => true,
            Role::Librarian => matches!(
                entity,
                Person
                    | Pin
                    | Title
                    | Copy
                    | Labels
                    | Loan
                    | Hold
                    | LoanRule
                    | Stocktake
                    | Settings
                    | Calendar
                    | Suggestion
                    | ReadingNote
                    | ReadingList
                    | Serial
                    | Order
            ),
            Role::Organizer => matches!(
                entity,
                Person
                    | Hold
                    | Calendar
                    | Venue
                    | ShareSession
                    | ShareSeries
                    | Training
                    | TrainingTopic
                    | TrainingBatch
                    | TrainingSession
                    | ShareOffer
                    | LeaveRequest
                    | ReadingNote
                    | ReadingList
            ),
            Role::Viewer => false,
        }
    }

    /// Whether this role may look at records of `entity` at all: the log,
    /// the backups and the operators' accounts are the administrator's;
    /// everything else every role may read.
    pub fn may_see(self, entity: Entity) -> bool {
        match entity {
            Entity::Log | Entity::Backup | Entity::Database | Entity::Operator => {
                self == Role::Admin
            }
            _ => true,
        }
    }

    /// Whether this role sees people's phone numbers (the desk calls readers).
    pub fn sees_phones(self) -> bool {
        matches!(self, Role::Admin | Role::Librarian)
    }
}

/// A kind of record: what a role may change (and see), and what the log
/// names. Stored in the log by its code; said in words by its label, in
/// the area its screen belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Person,
    /// A reader's PIN for the intranet pages: whoever sets it can sign in
    /// as that reader, so it is not the person record's.
    Pin,
    Title,
    Copy,
    Labels,
    Loan,
    Hold,
    LoanRule,
    Stocktake,
    Venue,
    ShareSession,
    ShareSeries,
    Training,
    TrainingTopic,
    TrainingBatch,
    TrainingSession,
    Operator,
    /// Operators' logins and logouts.
    Login,
    Settings,
    /// Open days, closed weekdays and holidays.
    Calendar,
    Backup,
    Database,
    /// The audit log itself (read, never changed).
    Log,
    /// 读者的荐购.
    Suggestion,
    /// 读者的读书心得.
    ReadingNote,
    /// Staff's reading lists (书单).
    ReadingList,
    /// 读者的我要分享.
    ShareOffer,
    /// 学员的请假.
    LeaveRequest,
    /// Serials, their subscriptions and issues (报刊).
    Serial,
    /// Budgets, orders and their lines (采购).
    Order,
}

/// The areas the log's filter and the refusals name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Area {
    People,
    Catalogue,
    Circulation,
    Sharing,
    Training,
    Periodicals,
    System,
}

impl Area {
    pub const ALL: &[Area] = &[
        Area::People,
        Area::Catalogue,
        Area::Circulation,
        Area::Sharing,
        Area::Training,
        Area::Periodicals,
        Area::System,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Area::People => "人员",
            Area::Catalogue => "书目与馆藏",
            Area::Circulation => "借阅与盘点",
            Area::Sharing => "读书分享",
            Area::Training => "履职培训",
            Area::Periodicals => "报刊与采购",
            Area::System => "设置与数据",
        }
    }

    /// The entities of this area, as the log stores them.
    pub fn entities(self) -> impl Iterator<Item = Entity> {
        Entity::ALL
            .iter()
            .copied()
            .filter(move |e| e.area() == self)
    }
}

impl Entity {
    pub const ALL: &[Entity] = &[
        Entity::Person,
        Entity::Pin,
        Entity::Title,
        Entity::Copy,
        Entity::Labels,
        Entity::Loan,
        Entity::Hold,
        Entity::LoanRule,
        Entity::Stocktake,
        Entity::Venue,
        Entity::ShareSession,
        Entity::ShareSeries,
        Entity::Training,
        Entity::TrainingTopic,
        Entity::TrainingBatch,
        Entity::TrainingSession,
        Entity::Operator,
        Entity::Login,
        Entity::Settings,
        Entity::Calendar,
        Entity::Backup,
        Entity::Database,
        Entity::Log,
        Entity::Suggestion,
        Entity::ReadingNote,
        Entity::ReadingList,
        Entity::ShareOffer,
        Entity::LeaveRequest,
        Entity::Serial,
        Entity::Order,
    ];

    /// As stored in the log (`session` for logins, as older logs hold).
    pub fn code(self) -> &'static str {
        match self {
            Entity::Person => "person",
            Entity::Pin => "pin",
            Entity::Title => "title",
            Entity::Copy => "copy",
            Entity::Labels => "labels",
            Entity::Loan => "loan",
            Entity::Hold => "hold",
            Entity::LoanRule => "loan_rule",
            Entity::Stocktake => "stocktake",
            Entity::Venue => "venue",
            Entity::ShareSession => "share_session",
            Entity::ShareSeries => "share_series",
            Entity::Training => "training",
            Entity::TrainingTopic => "training_topic",
            Entity::TrainingBatch => "training_batch",
            Entity::TrainingSession => "training_session",
            Entity::Operator => "operator",
            Entity::Login => "session",
            Entity::Settings => "settings",
            Entity::Calendar => "calendar",
            Entity::Backup => "backup",
            Entity::Database => "database",
            Entity::Log => "audit_log",
            Entity::Suggestion => "suggestion",
            Entity::ReadingNote => "reading_note",
            Entity::ReadingList => "reading_list",
            Entity::ShareOffer => "share_offer",
            Entity::LeaveRequest => "leave_request",
            Entity::Serial => "serial",
            Entity::Order => "order",
        }
    }

    /// In words, for the log screen, its export and refusals.
    pub fn label(self) -> &'static str {
        match self {
            Entity::Person => "人员",
            Entity::Pin => "读者 PIN",
            Entity::Title => "书目",
            Entity::Copy => "册",
            Entity::Labels => "标签",
            Entity::Loan => "借阅",
            Entity::Hold => "预约",
            Entity::LoanRule => "借阅规则",
            Entity::Stocktake => "盘点",
            Entity::Venue => "场地",
            Entity::ShareSession => "读书分享活动",
            Entity::ShareSeries => "读书分享系列",
            Entity::Training => "履职培训",
            Entity::TrainingTopic => "培训专题",
            Entity::TrainingBatch => "培训批次",
            Entity::TrainingSession => "培训课次",
            Entity::Operator => "操作员",
            Entity::Login => "登录",
            Entity::Settings => "设置",
            Entity::Calendar => "开馆日",
            Entity::Backup => "备份",
            Entity::Database => "数据库",
            Entity::Log => "操作日志",
            Entity::Suggestion => "荐购",
            Entity::ReadingNote => "读书心得",
            Entity::ReadingList => "书单",
            Entity::ShareOffer => "分享报名",
            Entity::LeaveRequest => "请假",
            Entity::Serial => "报刊",
            Entity::Order => "采购",
        }
    }

    /// The area whose screen holds these records.
    pub fn area(self) -> Area {
        use Entity::*;
        match self {
            Person | Pin => Area::People,
            Title | Copy | Labels | Suggestion | ReadingNote | ReadingList => Area::Catalogue,
            Loan | Hold | LoanRule | Stocktake => Area::Circulation,
            Venue | ShareSession | ShareSeries | ShareOffer => Area::Sharing,
            Training | TrainingTopic | TrainingBatch | TrainingSession | LeaveRequest => {
                Area::Training
            }
            Serial | Order => Area::Periodicals,
            Operator | Login | Settings | Calendar | Backup | Database | Log => Area::System,
        }
    }

    /// The entity the log stored as `code`, when this version knows it.
    pub fn from_code(code: &str) -> Option<Entity> {
        Entity::ALL.iter().copied().find(|e| e.code() == code)
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
    pub fn require(&self, entity: Entity) -> Result<()> {
        match self {
            Actor::Operator { role, .. } if !role.may_change(entity) => {
                Err(crate::Error::Forbidden(format!(
                    "您的角色是“{}”，不能修改{}。如需修改，请联系管理员。",
                    role.label(),
                    entity.label()
                )))
            }
            Actor::Reader { .. } if !Actor::reader_may_change(entity) => Err(
                crate::Error::Forbidden("读者只能办理自己的预约、续借和报名等事项。".into()),
            ),
            _ => Ok(()),
        }
    }

    /// What a reader signed in on the intranet pages may change: their own
    /// records only, which the reader functions check by whose they are —
    /// holds, renewals, their PIN, their requests, and their place on a
    /// session's or a batch's list (sign-up).
    fn reader_may_change(entity: Entity) -> bool {
        use Entity::*;
        matches!(
            entity,
            Hold | Loan
                | Pin
                | Suggestion
                | ReadingNote
                | ShareOffer
                | LeaveRequest
                | ShareSession
                | TrainingBatch
        )
    }

    /// Refuses, with the reason, a look at records this actor may not see.
    pub fn require_sight(&self, entity: Entity) -> Result<()> {
        match self {
            Actor::Operator { role, .. } if !role.may_see(entity) => {
                Err(crate::Error::Forbidden(format!(
                    "您的角色是“{}”，不能查看{}。如需查看，请联系管理员。",
                    role.label(),
                    entity.label()
                )))
            }
            Actor::Reader { .. } => Err(crate::Error::Forbidden(
                "读者只能查看目录和自己的记录。".into(),
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
