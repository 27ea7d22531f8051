//! What the window's commands share: the data folder and the open database,
//! or the reason it could not be opened (shown in the window, not a crash).

use shuxiang_core::Db;
use shuxiang_core::home::DataHome;

use crate::error::CommandError;

/// The app's managed state.
pub struct AppState {
    home: Option<DataHome>,
    db: Result<Db, CommandError>,
}

impl AppState {
    /// Resolves the data folder and opens (creating on first start) its database.
    pub fn start() -> AppState {
        match DataHome::resolve() {
            Ok(home) => {
                let db = Db::open(&home.db_path()).map_err(CommandError::from);
                AppState {
                    home: Some(home),
                    db,
                }
            }
            Err(e) => AppState {
                home: None,
                db: Err(e.into()),
            },
        }
    }

    /// State around an already open database (tests).
    pub fn with_db(db: Db) -> AppState {
        AppState {
            home: None,
            db: Ok(db),
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
    pub fn db(&self) -> Result<&Db, CommandError> {
        self.db.as_ref().map_err(|e| CommandError {
            code: e.code,
            message: e.message.clone(),
            field: None,
        })
    }
}
