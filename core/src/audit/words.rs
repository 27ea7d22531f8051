//! The log's actions and kinds of record in words, for the log screen and
//! its export.

/// What a log entry says was done: every action the code logs is one of
/// these, so each has its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Create,
    Update,
    Delete,
    Import,
    AddCopies,
    Lend,
    Return,
    Renew,
    Place,
    Ready,
    Expire,
    Cancel,
    Mark,
    Start,
    Finish,
    Invite,
    Uninvite,
    SignIn,
    SignOut,
    Attach,
    Detach,
    Enrol,
    Withdraw,
    Assign,
    Attend,
    Login,
    LoginFailed,
    ResetPassword,
    SetPin,
    ClearPin,
    Demo,
    Restore,
    Clear,
    Reactivate,
    Deactivate,
}

impl Action {
    /// Every action, for the test that each reads in Chinese.
    pub const ALL: &[Action] = &[
        Action::Create,
        Action::Update,
        Action::Delete,
        Action::Import,
        Action::AddCopies,
        Action::Lend,
        Action::Return,
        Action::Renew,
        Action::Place,
        Action::Ready,
        Action::Expire,
        Action::Cancel,
        Action::Mark,
        Action::Start,
        Action::Finish,
        Action::Invite,
        Action::Uninvite,
        Action::SignIn,
        Action::SignOut,
        Action::Attach,
        Action::Detach,
        Action::Enrol,
        Action::Withdraw,
        Action::Assign,
        Action::Attend,
        Action::Login,
        Action::LoginFailed,
        Action::ResetPassword,
        Action::SetPin,
        Action::ClearPin,
        Action::Demo,
        Action::Restore,
        Action::Clear,
        Action::Reactivate,
        Action::Deactivate,
    ];

    /// As stored in the log.
    pub fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
            Action::Import => "import",
            Action::AddCopies => "add_copies",
            Action::Lend => "lend",
            Action::Return => "return",
            Action::Renew => "renew",
            Action::Place => "place",
            Action::Ready => "ready",
            Action::Expire => "expire",
            Action::Cancel => "cancel",
            Action::Mark => "mark",
            Action::Start => "start",
            Action::Finish => "finish",
            Action::Invite => "invite",
            Action::Uninvite => "uninvite",
            Action::SignIn => "sign_in",
            Action::SignOut => "sign_out",
            Action::Attach => "attach",
            Action::Detach => "detach",
            Action::Enrol => "enrol",
            Action::Withdraw => "withdraw",
            Action::Assign => "assign",
            Action::Attend => "attend",
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::ResetPassword => "reset_password",
            Action::SetPin => "set_pin",
            Action::ClearPin => "clear_pin",
            Action::Demo => "demo",
            Action::Restore => "restore",
            Action::Clear => "clear",
            Action::Reactivate => "reactivate",
            Action::Deactivate => "deactivate",
        }
    }

    /// In words, for the log screen and its export.
    pub fn label(self) -> &'static str {
        match self {
            Action::Create => "新增",
            Action::Update => "修改",
            Action::Delete => "删除",
            Action::Import => "导入",
            Action::AddCopies => "加册",
            Action::Lend => "借出",
            Action::Return => "归还",
            Action::Renew => "续借",
            Action::Place => "预约",
            Action::Ready => "到书待取",
            Action::Expire => "预约过期",
            Action::Cancel => "取消",
            Action::Mark => "改状态",
            Action::Start => "开始",
            Action::Finish => "结束",
            Action::Invite => "邀请",
            Action::Uninvite => "取消邀请",
            Action::SignIn => "签到",
            Action::SignOut => "取消签到",
            Action::Attach => "添加附件",
            Action::Detach => "删除附件",
            Action::Enrol => "报名",
            Action::Withdraw => "退出",
            Action::Assign => "自动编班",
            Action::Attend => "考勤",
            Action::Login => "登录",
            Action::LoginFailed => "登录失败",
            Action::ResetPassword => "重设密码",
            Action::SetPin => "设置读者 PIN",
            Action::ClearPin => "清除读者 PIN",
            Action::Demo => "装入演示数据",
            Action::Restore => "恢复",
            Action::Clear => "清空数据",
            Action::Reactivate => "恢复",
            Action::Deactivate => "停用",
        }
    }

    pub fn from_code(code: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.code() == code)
    }
}

/// A logged action in words; an action the log holds from elsewhere (an
/// older version) shows as logged.
pub fn action_words(action: &str) -> &str {
    match Action::from_code(action) {
        Some(known) => known.label(),
        None => action,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The string literals right after each `call(` in `text`: `.audit(crate::Action::Lend,
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
    fn every_action_reads_in_chinese_and_is_stored_by_a_code_of_its_own() {
        for a in Action::ALL {
            assert_ne!(a.label(), a.code(), "{a:?} has no words");
            assert_eq!(Action::from_code(a.code()), Some(*a));
            assert_eq!(action_words(a.code()), a.label());
        }
        assert_eq!(action_words("from_a_newer_version"), "from_a_newer_version");
    }

    #[test]
    fn every_record_kind_the_code_logs_reads_in_chinese() {
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
        let mut entities = Vec::new();
        for text in &files {
            // `.audit(Action::Lend, "loan", …`: the record kind follows the action.
            for (at, _) in text.match_indices("Action::") {
                let rest = &text[at..];
                let Some(comma) = rest.find(',') else {
                    continue;
                };
                let after = rest[comma + 1..].trim_start();
                let before = text[..at].trim_end_matches("crate::").trim_end();
                if let Some(literal) = after.strip_prefix('"')
                    && let Some(end) = literal.find('"')
                    && (before.ends_with(".audit(")
                        || before.ends_with(".audit_action(")
                        || before.ends_with("now_text(),"))
                {
                    entities.push(&literal[..end]);
                }
            }
            for args in literal_arguments(text, ".require(")
                .into_iter()
                .chain(literal_arguments(text, "put_audited(tx,"))
            {
                entities.extend(args.first().copied());
            }
        }
        assert!(
            entities.contains(&"loan") && entities.contains(&"copy"),
            "the scan finds the log's calls"
        );
        for e in entities {
            assert_ne!(entity_words(e), e, "the record kind {e} has no words");
        }
    }
}
