//! What the window's commands share: the data folder and the open database,
//! or the reason it could not be opened (shown in the window, not a crash).

use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use shuxiang_core::backup::{self, RestoreReport};
use shuxiang_core::home::DataHome;
use shuxiang_core::{Actor, Clock, Db};

use crate::error::CommandError;

/// How long a login at this window lasts without use.
pub const IDLE: Duration = Duration::from_secs(20 * 60);

/// An operator logged in at this window: whose account, its epoch then,
/// and when last used.
struct WindowSession {
    signed: shuxiang_core::operators::SignedIn,
    used: Instant,
}

fn unauthenticated(message: String) -> CommandError {
    CommandError {
        code: "unauthenticated",
        message,
        field: None,
    }
}

/// The app's managed state.
pub struct AppState {
    home: Option<DataHome>,
    /// Swapped out while a backup is restored over it.
    db: RwLock<Result<Arc<Db>, CommandError>>,
    /// The operator logged in, when accounts are in use: whose account and
    /// its epoch then, read fresh on every command.
    operator: Mutex<Option<WindowSession>>,
    /// Wrong passwords at this window, counted apart from the network's.
    door: shuxiang_commands::Doorkeeper,
    /// 设置 → 局域网共享: the host run inside the window.
    pub intranet: crate::intranet::Intranet,
    /// 连接到局域网主机: the host this window works on, when it does.
    remote: RwLock<Option<Arc<crate::remote::Remote>>>,
}

impl AppState {
    /// Resolves the data folder and opens (creating on first start) its database.
    pub fn start() -> AppState {
        match DataHome::resolve() {
            Ok(home) => {
                let remote = crate::remote::load(&home.dir)
                    .map(|link| Arc::new(crate::remote::Remote::new(&link)));
                let db = Db::open(&home.db_path())
                    .map(Arc::new)
                    .map_err(CommandError::from);
                AppState {
                    home: Some(home),
                    db: RwLock::new(db),
                    operator: Mutex::new(None),
                    door: Default::default(),
                    intranet: Default::default(),
                    remote: RwLock::new(remote),
                }
            }
            Err(e) => AppState {
                home: None,
                db: RwLock::new(Err(e.into())),
                operator: Mutex::new(None),
                door: Default::default(),
                intranet: Default::default(),
                remote: RwLock::new(None),
            },
        }
    }

    /// State around an already open database (tests).
    pub fn with_db(db: Db) -> AppState {
        AppState {
            home: None,
            db: RwLock::new(Ok(Arc::new(db))),
            operator: Mutex::new(None),
            door: Default::default(),
            intranet: Default::default(),
            remote: RwLock::new(None),
        }
    }

    /// The host this window works on, when it is linked to one.
    pub fn remote(&self) -> Option<Arc<crate::remote::Remote>> {
        self.remote
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Links this window to a host (or, with `None`, back to its own data).
    pub fn set_remote(&self, link: Option<&crate::remote::HostLink>) -> Result<(), CommandError> {
        let dir = self.data_dir();
        match link {
            Some(link) => crate::remote::save(&dir, link)?,
            None => crate::remote::forget(&dir),
        }
        *self.remote.write().unwrap_or_else(|p| p.into_inner()) =
            link.map(|l| Arc::new(crate::remote::Remote::new(l)));
        self.logout();
        Ok(())
    }

    /// Refuses what only the PC holding the data can do while this window
    /// works on a host's.
    pub fn local_only(&self) -> Result<(), CommandError> {
        match self.remote() {
            Some(r) => Err(CommandError {
                code: "remote",
                message: format!(
                    "本机已连接到局域网主机 {}：备份与恢复、数据文件夹和局域网共享，请在主机电脑上操作。",
                    r.client.address()
                ),
                field: None,
            }),
            None => Ok(()),
        }
    }

    /// The data folder, when one could be chosen.
    pub fn home(&self) -> Option<&DataHome> {
        self.home.as_ref()
    }

    /// The data folder's path (the current folder when none could be chosen).
    pub fn data_dir(&self) -> std::path::PathBuf {
        self.home
            .as_ref()
            .map(|h| h.dir.clone())
            .unwrap_or_default()
    }

    /// The database for someone allowed to use it: the logged-in operator,
    /// or anyone while no accounts are in use.
    pub fn db(&self) -> Result<Arc<Db>, CommandError> {
        self.actor()?;
        self.open_db()
    }

    /// Who acts: the logged-in operator as their account is now; the PC's
    /// user while login is off; `unauthenticated` when login is required
    /// and nobody is logged in, the login was idle for [`IDLE`], or the
    /// account was deactivated, given another role or a new password since.
    pub fn actor(&self) -> Result<Actor, CommandError> {
        let db = self.open_db()?;
        let mut slot = self.operator.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(session) = slot.as_mut() {
            if session.used.elapsed() >= IDLE {
                *slot = None;
                return Err(unauthenticated(format!(
                    "已超过 {} 分钟没有操作，请重新登录。",
                    IDLE.as_secs() / 60
                )));
            }
            return match shuxiang_core::operators::current(&db, session.signed, None) {
                Ok(actor) => {
                    session.used = Instant::now();
                    Ok(actor)
                }
                Err(e) => {
                    *slot = None;
                    Err(e.into())
                }
            };
        }
        drop(slot);
        if shuxiang_core::operators::login_required(&db)? {
            return Err(unauthenticated("请先登录。".into()));
        }
        Ok(Actor::Desktop)
    }

    /// One request's context for the command layer: who acts (refused when
    /// a login is required and nobody is logged in) and the database.
    pub fn ctx(&self) -> Result<shuxiang_commands::Ctx, CommandError> {
        let actor = self.actor()?;
        Ok(shuxiang_commands::Ctx::new(self.open_db()?, actor))
    }

    /// Logs an operator in for this window: the operator as they are.
    pub fn login(&self, name: &str, password: &str) -> Result<Actor, CommandError> {
        let db = self.open_db()?;
        let signed = shuxiang_commands::sign_in_operator(&db, &self.door, None, name, password)?;
        let actor = shuxiang_core::operators::current(&db, signed, None)?;
        *self.operator.lock().unwrap_or_else(|p| p.into_inner()) = Some(WindowSession {
            signed,
            used: Instant::now(),
        });
        Ok(actor)
    }

    /// Logs the operator out.
    pub fn logout(&self) {
        *self.operator.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Whether an operator is logged in and their login still live; with
    /// `active`, the person at the window is working (keys, mouse) and the
    /// login's idle time starts again.
    pub fn session_alive(&self, active: bool) -> bool {
        let mut slot = self.operator.lock().unwrap_or_else(|p| p.into_inner());
        match slot.as_mut() {
            Some(session) if session.used.elapsed() < IDLE => {
                if active {
                    session.used = Instant::now();
                }
                true
            }
            Some(_) => {
                *slot = None;
                false
            }
            None => false,
        }
    }

    /// The database without asking who is there (the login screen, the
    /// background check and backup).
    pub fn open_db(&self) -> Result<Arc<Db>, CommandError> {
        match &*self.db.read().unwrap_or_else(|p| p.into_inner()) {
            Ok(db) => Ok(Arc::clone(db)),
            Err(e) => Err(CommandError {
                code: e.code,
                message: e.message.clone(),
                field: None,
            }),
        }
    }

    /// Restores a backup over the open database: the database is closed
    /// (refused if a command still uses it), restored by the core (which
    /// verifies the file and keeps the current data first), and reopened.
    pub fn restore(
        &self,
        file: &std::path::Path,
        password: Option<&str>,
    ) -> Result<RestoreReport, CommandError> {
        let actor = self.actor()?;
        actor.require(shuxiang_core::Entity::Database)?;
        if self.intranet.is_running() {
            return Err(CommandError {
                code: "conflict",
                message:
                    "局域网共享正在使用这份数据。请先在“设置 → 局域网共享”中停止共享，再恢复。"
                        .into(),
                field: None,
            });
        }
        let home = self.home.as_ref().ok_or_else(|| CommandError {
            code: "io",
            message: "没有可用的数据文件夹，无法恢复。".into(),
            field: None,
        })?;
        let mut slot = self.db.write().unwrap_or_else(|p| p.into_inner());
        let safety = match &*slot {
            Ok(db) => backup::backup_dir(db)?.unwrap_or_else(|| home.backups_dir()),
            Err(_) => home.backups_dir(),
        };
        // Close our connections so the restore can take the database alone.
        *slot = Err(CommandError {
            code: "conflict",
            message: "正在恢复数据，请稍候再试。".into(),
            field: None,
        });
        let result = backup::restore_with_password(
            file,
            password,
            &home.db_path(),
            &safety,
            &actor,
            Clock::System,
        );
        *slot = Db::open(&home.db_path())
            .map(Arc::new)
            .map_err(CommandError::from);
        Ok(result?)
    }
}
