//! Operators (操作员) with roles, for a PC shared by several people. Off by
//! default; once an active administrator exists, everyone logs in. Passwords
//! are hashed with argon2id. A signed-in operator is an id and the account's
//! epoch, read fresh on every request ([`current`]): deactivating, a role
//! change or a password reset ends their sessions at once. Wrong passwords
//! are slowed per client address by the command layer, never by locking
//! the account for everyone.

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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operator {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// Raised by whatever ends the account's sessions.
    #[serde(skip)]
    pub epoch: i64,
}

/// An operator signed in: whose account, and its epoch then. Every request
/// turns it into the operator as they are now with [`current`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedIn {
    pub id: i64,
    pub epoch: i64,
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

/// Checks `password` against `stored`, or — for an account that does not
/// exist or may not sign in — against a hash no password matches, so every
/// answer takes the time of one argon2 check and nobody can tell accounts
/// apart by how long the refusal took.
pub(crate) fn verify_or_waste(password: &str, stored: Option<&str>) -> bool {
    static NOBODY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    match stored {
        Some(stored) => verify(password, stored),
        None => {
            let nobody = NOBODY.get_or_init(|| {
                let mut random = [0u8; 32];
                argon2::password_hash::rand_core::RngCore::fill_bytes(&mut OsRng, &mut random);
                hash(&format!("{random:?}")).unwrap_or_default()
            });
            verify(password, nobody);
            false
        }
    }
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
        tx.actor().require(crate::Entity::Operator)?;
        if !store::has_active_admin(tx)? && new.role != Role::Admin {
            return Err(Error::invalid("role", "第一个操作员必须是管理员。"));
        }
        let id = store::insert_operator(tx, &name, new.role, &hashed)?;
        tx.audit(
            crate::Action::Create,
            crate::Entity::Operator,
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
        tx.actor().require(crate::Entity::Operator)?;
        let before = store::get_operator(tx, id)?;
        store::update_role_active(tx, id, role, active)?;
        if before.role == Role::Admin && !store::has_active_admin(tx)? {
            return Err(Error::conflict("至少要保留一个启用的管理员。"));
        }
        tx.audit(
            crate::Action::Update,
            crate::Entity::Operator,
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
pub fn reset_operator_password(
    db: &Db,
    actor: &Actor,
    name: &str,
    password: &str,
) -> Result<Operator> {
    check_password(password)?;
    let hashed = hash(password)?;
    db.write(actor, |tx| {
        tx.actor().require(crate::Entity::Operator)?;
        let (op, _) = store::find_login(tx, name.trim())?
            .ok_or_else(|| Error::NotFound(format!("没有名为“{}”的操作员。", name.trim())))?;
        store::set_password(tx, op.id, &hashed)?;
        tx.audit(
            crate::Action::ResetPassword,
            crate::Entity::Operator,
            Some(op.id),
            &format!("重设 {} 的密码", op.name),
        )?;
        store::get_operator(tx, op.id)
    })
}

/// Checks a name and password: the operator signed in, or one refusal for
/// every wrong case — an unknown name, a disabled account, a wrong password
/// — in the same words and the same time. A failure is logged (with the
/// client's address, when the attempt came over the network).
pub fn login(db: &Db, name: &str, password: &str, client: Option<&str>) -> Result<SignedIn> {
    let name = name.trim();
    let found = db
        .read(|c| store::find_login(c, name))?
        .filter(|(op, _)| op.active);
    let ok = verify_or_waste(password, found.as_ref().map(|(_, h)| h.as_str()));
    let from = client.map(|c| format!("（来自 {c}）")).unwrap_or_default();
    db.write(&Actor::System, |tx| match (&found, ok) {
        (Some((op, _)), true) => tx.audit(
            crate::Action::Login,
            crate::Entity::Login,
            Some(op.id),
            &format!("{} 登录{from}", op.name),
        ),
        (Some((op, _)), false) => tx.audit(
            crate::Action::LoginFailed,
            crate::Entity::Login,
            Some(op.id),
            &format!("{} 登录失败{from}", op.name),
        ),
        (None, _) => tx.audit(
            crate::Action::LoginFailed,
            crate::Entity::Login,
            None,
            &format!(
                "以“{}”登录失败：没有这个启用的账号{from}",
                name.chars()
                    .filter(|c| !c.is_control())
                    .take(40)
                    .collect::<String>()
            ),
        ),
    })?;
    match found {
        Some((op, _)) if ok => Ok(SignedIn {
            id: op.id,
            epoch: op.epoch,
        }),
        _ => Err(Error::Unauthenticated("用户名或密码不对。".into())),
    }
}

/// The operator of a session as they are now: their current role, or a
/// refusal when the account was deactivated, given another role or a new
/// password since (its epoch moved) — their sessions end everywhere.
pub fn current(db: &Db, session: SignedIn, client: Option<&str>) -> Result<Actor> {
    match db.read(|c| store::find_operator(c, session.id))? {
        Some(op) if op.active && op.epoch == session.epoch => Ok(Actor::Operator {
            id: op.id,
            name: op.name,
            role: op.role,
            client: client.map(str::to_owned),
        }),
        _ => Err(Error::Unauthenticated(
            "登录已失效：账号已被停用、改了角色或重设了密码。请重新登录。".into(),
        )),
    }
}
