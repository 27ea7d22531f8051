//! What the window's commands share: the data folder and the open database,
//! or the reason it could not be opened (shown in the window, not a crash).

use std::sync::{Arc, RwLock};

use shuxiang_core::backup::{self, RestoreReport};
use shuxiang_core::home::DataHome;
use shuxiang_core::{Actor, Clock, Db};

use crate::error::CommandError;

/// The app's managed state.
pub struct AppState {
    home: Option<DataHome>,
    /// Swapped out while a backup is restored over it.
    db: RwLock<Result<Arc<Db>, CommandError>>,
}

impl AppState {
    /// Resolves the data folder and opens (creating on first start) its database.
    pub fn start() -> AppState {
        match DataHome::resolve() {
            Ok(home) => {
                let db = Db::open(&home.db_path())
                    .map(Arc::new)
                    .map_err(CommandError::from);
                AppState {
                    home: Some(home),
                    db: RwLock::new(db),
                }
            }
            Err(e) => AppState {
                home: None,
                db: RwLock::new(Err(e.into())),
            },
        }
    }

    /// State around an already open database (tests).
    pub fn with_db(db: Db) -> AppState {
        AppState {
            home: None,
            db: RwLock::new(Ok(Arc::new(db))),
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

    /// The database, or why there is none.
    pub fn db(&self) -> Result<Arc<Db>, CommandError> {
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
    pub fn restore(&self, file: &std::path::Path) -> Result<RestoreReport, CommandError> {
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
        let result = backup::restore(
            file,
            &home.db_path(),
            &safety,
            &Actor::Desktop,
            Clock::System,
        );
        *slot = Db::open(&home.db_path())
            .map(Arc::new)
            .map_err(CommandError::from);
        Ok(result?)
    }
}
