//! The audit log (操作日志): who did what, when, to which record. Every write
//! appends here in its own transaction through [`crate::WriteTx::audit`].

mod store;

pub(crate) use store::record;
pub use store::{list_actors, list_entries, list_entries_for, search_entries};

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
    /// A logged-in operator.
    Operator { id: i64, name: String, role: Role },
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
        }
    }

    /// The name shown in the log.
    pub fn name(&self) -> &str {
        match self {
            Actor::CommandLine => "命令行",
            Actor::Desktop => "本机用户",
            Actor::System => "系统",
            Actor::Operator { name, .. } => name,
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
            _ => Ok(()),
        }
    }

    /// Whether this actor sees phone numbers.
    pub fn sees_phones(&self) -> bool {
        match self {
            Actor::Operator { role, .. } => role.sees_phones(),
            _ => true,
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
}

/// A logged action in words, for the log screen and its export; an action
/// without words here shows as logged.
pub fn action_words(action: &str) -> &str {
    match action {
        "create" => "新增",
        "update" => "修改",
        "delete" => "删除",
        "import" => "导入",
        "add_copies" => "加册",
        "lend" => "借出",
        "return" => "归还",
        "renew" => "续借",
        "place" => "预约",
        "ready" => "到书待取",
        "expire" => "预约过期",
        "cancel" => "取消",
        "mark" => "改状态",
        "start" => "开始",
        "finish" => "结束",
        "invite" => "邀请",
        "uninvite" => "取消邀请",
        "sign_in" => "签到",
        "sign_out" => "取消签到",
        "attach" => "添加附件",
        "detach" => "删除附件",
        "enrol" => "报名",
        "withdraw" => "退出",
        "assign" => "自动编班",
        "attend" => "考勤",
        "login" => "登录",
        "login_failed" => "登录失败",
        "reset_password" => "重设密码",
        "demo" => "装入演示数据",
        "restore" => "恢复",
        "clear" => "清空数据",
        other => other,
    }
}

/// A kind of logged record in words; a kind without words here shows as logged.
pub fn entity_words(entity: &str) -> &str {
    match entity {
        "person" => "人员",
        "title" => "书目",
        "copy" => "册",
        "labels" => "标签",
        "loan" => "借阅",
        "hold" => "预约",
        "loan_rule" => "借阅规则",
        "stocktake" => "盘点",
        "venue" => "场地",
        "share_session" => "读书分享活动",
        "share_series" => "读书分享系列",
        "session" => "活动",
        "training" => "履职培训",
        "training_topic" => "培训专题",
        "training_batch" => "培训批次",
        "training_session" => "培训课次",
        "operator" => "操作员",
        "settings" => "设置",
        "calendar" => "开馆日",
        "backup" => "备份",
        "database" => "数据库",
        other => other,
    }
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

/// The filtered log as .xlsx (Documents/书香导出), up to 100,000 entries.
pub fn export_audit(db: &crate::Db, q: &AuditQuery, fallback: &std::path::Path) -> Result<String> {
    let day = db.clock().today();
    let path = crate::home::export_path(fallback, &format!("操作日志-{day}.xlsx"))?;
    export_audit_to(db, q, &path)?;
    Ok(path.display().to_string())
}

/// The filtered log as an .xlsx file at `path`, its actions and kinds of
/// record in words.
pub fn export_audit_to(db: &crate::Db, q: &AuditQuery, path: &std::path::Path) -> Result<()> {
    let mut all = q.clone();
    all.offset = 0;
    all.limit = Some(5000);
    let mut rows = Vec::new();
    loop {
        let page = audit_log(db, &all)?;
        let n = page.items.len();
        rows.extend(page.items);
        if n < 5000 || rows.len() >= 100_000 {
            break;
        }
        all.offset += 5000;
    }
    let xlsx = |e: rust_xlsxwriter::XlsxError| {
        crate::Error::io("无法生成操作日志", std::io::Error::other(e))
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("操作日志").map_err(xlsx)?;
    for (c, h) in ["时间（北京时间）", "操作人", "操作", "对象", "编号", "内容"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
    }
    sheet.set_column_width(0, 20).map_err(xlsx)?;
    sheet.set_column_width(5, 80).map_err(xlsx)?;
    for (r, e) in rows.iter().enumerate() {
        let at = chrono::DateTime::parse_from_rfc3339(&e.at)
            .map(|t| {
                t.with_timezone(&crate::clock::office_offset())
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|_| e.at.clone());
        let cells = [
            at,
            e.actor_name.clone(),
            e.action_label.clone(),
            e.entity_label.clone(),
            e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            e.summary.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, crate::catalog::guard_cell(v))
                .map_err(xlsx)?;
        }
    }
    book.save(path).map_err(|e| {
        crate::Error::io(
            format!("无法写入 {}", path.display()),
            std::io::Error::other(e),
        )
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals right after each `call(` in `text`: `.audit("lend",
    /// "loan", …` gives `["lend", "loan"]`.
    fn literal_arguments<'a>(text: &'a str, call: &str) -> Vec<Vec<&'a str>> {
        text.match_indices(call)
            .map(|(at, _)| {
                let mut rest = &text[at + call.len()..];
                let mut found = Vec::new();
                loop {
                    rest = rest.trim_start();
                    let Some(literal) = rest.strip_prefix('"') else {
                        break;
                    };
                    let Some(end) = literal.find('"') else { break };
                    found.push(&literal[..end]);
                    rest = literal[end + 1..].trim_start();
                    match rest.strip_prefix(',') {
                        Some(after) => rest = after,
                        None => break,
                    }
                }
                found
            })
            .collect()
    }

    #[test]
    fn every_action_and_record_kind_the_code_logs_reads_in_chinese() {
        fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    // What the program logs, not what its tests do.
                    let text = std::fs::read_to_string(&path).unwrap();
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    out.push(code.to_owned());
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let (mut actions, mut entities) = (Vec::new(), Vec::new());
        for text in &files {
            for args in literal_arguments(text, ".audit(")
                .into_iter()
                .chain(literal_arguments(text, ".audit_action("))
                .chain(literal_arguments(
                    text,
                    "audit::record(&conn, actor, &clock.now_text(),",
                ))
            {
                actions.extend(args.first().copied());
                entities.extend(args.get(1).copied());
            }
            for args in literal_arguments(text, ".require(")
                .into_iter()
                .chain(literal_arguments(text, "put_setting_audited(tx,"))
            {
                entities.extend(args.first().copied());
            }
        }
        assert!(
            actions.contains(&"lend") && entities.contains(&"copy"),
            "the scan finds the log's calls"
        );
        for a in actions {
            assert_ne!(action_words(a), a, "the action {a} has no words");
        }
        for e in entities {
            assert_ne!(entity_words(e), e, "the record kind {e} has no words");
        }
    }
    use crate::people::{NewPerson, PersonKind, create_person};

    #[test]
    fn the_exported_log_says_what_was_done_in_words() {
        use calamine::{Reader, Xlsx, open_workbook};
        let db = crate::Db::open_in_memory().unwrap();
        let person = NewPerson {
            kind: Some(PersonKind::Staff),
            name: "张三".into(),
            ..Default::default()
        };
        create_person(&db, &Actor::Desktop, &person).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.xlsx");
        export_audit_to(&db, &AuditQuery::default(), &path).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let sheet = book.worksheet_range("操作日志").unwrap();
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(
            rows[0],
            ["时间（北京时间）", "操作人", "操作", "对象", "编号", "内容"]
        );
        assert_eq!(rows[1][1..4], ["本机用户", "新增", "人员"]);
        assert!(rows[1][5].contains("张三"), "{:?}", rows[1]);
    }

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
