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
    Backup,
    Submit,
    Decide,
    OpenSignup,
    SignUp,
    ChangePin,
    Receive,
    Claim,
    Bind,
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
        Action::Backup,
        Action::Submit,
        Action::Decide,
        Action::OpenSignup,
        Action::SignUp,
        Action::ChangePin,
        Action::Receive,
        Action::Claim,
        Action::Bind,
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
            Action::Backup => "backup",
            Action::Submit => "submit",
            Action::Decide => "decide",
            Action::OpenSignup => "open_signup",
            Action::SignUp => "sign_up",
            Action::ChangePin => "change_pin",
            Action::Receive => "receive",
            Action::Claim => "claim",
            Action::Bind => "bind",
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
            Action::Backup => "备份",
            Action::Submit => "提交",
            Action::Decide => "处理",
            Action::OpenSignup => "开放报名",
            Action::SignUp => "报名",
            Action::ChangePin => "修改 PIN",
            Action::Receive => "到刊",
            Action::Claim => "催询",
            Action::Bind => "合订",
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
    match crate::Entity::from_code(entity) {
        Some(known) => known.label(),
        None => entity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_record_kind_reads_in_chinese_and_belongs_to_an_area() {
        for e in crate::Entity::ALL {
            assert_ne!(e.label(), e.code(), "{e:?} has no words");
            assert_eq!(crate::Entity::from_code(e.code()), Some(*e));
            assert_eq!(entity_words(e.code()), e.label());
            assert!(crate::Area::ALL.contains(&e.area()));
        }
        assert_eq!(entity_words("from_a_newer_version"), "from_a_newer_version");
    }
}
