//! Operators (操作员) with roles, for a PC shared by several people. Off by
//! default; once an active administrator exists, everyone logs in. Passwords
//! are hashed with argon2id; five wrong passwords lock an account for 15
//! minutes. What a role may change is enforced where every change is logged
//! (`WriteTx::audit`), so no path around the window can skip it.

mod store;

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use serde::{Deserialize, Serialize};

use crate::audit::{Actor, Role};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::text::checked_text;

/// Wrong passwords before an account locks.
pub const MAX_FAILURES: i64 = 5;
/// How long a locked account waits.
pub const LOCK_MINUTES: i64 = 15;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operator {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub active: bool,
    pub locked_until: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct NewOperator {
    pub name: String,
    pub role: Role,
    pub password: String,
}

fn check_password(password: &str) -> Result<()> {
    if password.chars().count() < 8 {
        return Err(Error::invalid("password", "密码至少 8 位。"));
    }
    if password.len() > 200 || password.chars().any(char::is_control) {
        return Err(Error::invalid("password", "密码过长或含有不可见字符。"));
    }
    Ok(())
}

pub(crate) fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::invalid("password", format!("无法保存密码：{e}")))
}

pub(crate) fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Whether the window must ask for a login.
pub fn login_required(db: &Db) -> Result<bool> {
    db.read(|tx| store::has_active_admin(tx))
}

/// Every operator.
pub fn operators(db: &Db) -> Result<Vec<Operator>> {
    db.read(|tx| store::list_operators(tx))
}

/// Adds an operator, as one action by an administrator (or, while login is
/// off, by the PC's user). The first must be an administrator.
pub fn create_operator(db: &Db, actor: &Actor, new: &NewOperator) -> Result<Operator> {
    let name = checked_text("name", "用户名", Some(&new.name), 40, false)?
        .ok_or_else(|| Error::invalid("name", "请填写用户名。"))?;
    check_password(&new.password)?;
    let hashed = hash(&new.password)?;
    db.write(actor, |tx| {
        tx.actor().require("operator")?;
        if !store::has_active_admin(tx)? && new.role != Role::Admin {
            return Err(Error::invalid("role", "第一个操作员必须是管理员。"));
        }
        let id = store::insert_operator(tx, &name, new.role, &hashed)?;
        tx.audit(
            crate::Action::Create,
            "operator",
            Some(id),
            &format!("新增操作员 {name}（{}）", new.role.label()),
        )?;
        store::get_operator(tx, id)
    })
}

/// Changes an operator's role or deactivates them, as one action; the last
/// active administrator cannot be removed (no one could manage accounts).
pub fn edit_operator(
    db: &Db,
    actor: &Actor,
    id: i64,
    role: Role,
    active: bool,
) -> Result<Operator> {
    db.write(actor, |tx| {
        tx.actor().require("operator")?;
        let before = store::get_operator(tx, id)?;
        store::update_role_active(tx, id, role, active)?;
        if before.role == Role::Admin && !store::has_active_admin(tx)? {
            return Err(Error::conflict("至少要保留一个启用的管理员。"));
        }
        tx.audit(
            crate::Action::Update,
            "operator",
            Some(id),
            &format!(
                "操作员 {}：{}，{}",
                before.name,
                role.label(),
                if active { "启用" } else { "停用" }
            ),
        )?;
        store::get_operator(tx, id)
    })
}

/// Sets a new password for an operator, as one action (an administrator,
/// or office IT from the command line: `shuxiang operators reset-password`).
pub fn reset_password(db: &Db, actor: &Actor, name: &str, password: &str) -> Result<Operator> {
    check_password(password)?;
    let hashed = hash(password)?;
    db.write(actor, |tx| {
        tx.actor().require("operator")?;
        let (op, _, _) = store::find_login(tx, name.trim())?
            .ok_or_else(|| Error::NotFound(format!("没有名为“{}”的操作员。", name.trim())))?;
        store::set_password(tx, op.id, &hashed)?;
        tx.audit(
            crate::Action::ResetPassword,
            "operator",
            Some(op.id),
            &format!("重设 {} 的密码", op.name),
        )?;
        store::get_operator(tx, op.id)
    })
}

/// Checks a name and password: the operator as an actor, or why not.
/// Wrong passwords are counted; the fifth locks the account for a while.
pub fn login(db: &Db, name: &str, password: &str) -> Result<Actor> {
    let now = db.clock().now();
    let wrong = || Error::Unauthenticated("用户名或密码不对。".into());
    // Each attempt first claims its place in the count, in one write, and
    // counts as wrong until the password proves right: attempts sent at
    // once from another PC cannot all read "four wrong so far".
    let claimed = db.write(&Actor::System, |tx| {
        let Some((op, stored, failures)) = store::find_login(tx, name.trim())? else {
            return Ok(Err(wrong()));
        };
        if !op.active {
            return Ok(Err(Error::Unauthenticated(format!(
                "账号 {} 已停用，请联系管理员。",
                op.name
            ))));
        }
        if let Some(until) = op
            .locked_until
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            && until > now
        {
            let minutes = (until.with_timezone(&chrono::Utc) - now).num_minutes() + 1;
            return Ok(Err(Error::Unauthenticated(format!(
                "密码连续输错，账号已锁定，请 {minutes} 分钟后再试。"
            ))));
        }
        let attempts = failures + 1;
        let lock = (attempts >= MAX_FAILURES).then(|| {
            (now + chrono::Duration::minutes(LOCK_MINUTES))
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        });
        store::record_failure(
            tx,
            op.id,
            if lock.is_some() { 0 } else { attempts },
            lock.as_deref(),
        )?;
        Ok(Ok((op, stored, attempts)))
    })?;
    let (op, stored, attempts) = claimed?;
    let ok = verify(password, &stored);
    db.write(&Actor::System, |tx| {
        if ok {
            store::record_success(tx, op.id)?;
            tx.audit(
                crate::Action::Login,
                "session",
                Some(op.id),
                &format!("{} 登录", op.name),
            )
        } else {
            tx.audit(
                crate::Action::LoginFailed,
                "session",
                Some(op.id),
                &format!("{} 登录失败（第 {attempts} 次）", op.name),
            )
        }
    })?;
    if !ok {
        return Err(if attempts >= MAX_FAILURES {
            Error::Unauthenticated(format!(
                "密码连续输错 {MAX_FAILURES} 次，账号已锁定 {LOCK_MINUTES} 分钟。"
            ))
        } else {
            wrong()
        });
    }
    Ok(Actor::Operator {
        id: op.id,
        name: op.name,
        role: op.role,
        client: None,
    })
}
