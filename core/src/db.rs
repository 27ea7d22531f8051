//! The one `Db`: a writer connection and reader connections to one SQLite
//! file, reached only through `read` and `write` closures so every user action
//! is exactly one transaction, and every write names its actor and is audited.

use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::audit::{self, Actor};
use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::home::{self, DbLock};
use crate::schema;

const READERS: usize = 2;

/// An open database: one writer, a few readers, the clock its actions use.
pub struct Db {
    writer: Mutex<Connection>,
    /// Empty for an in-memory database, whose reads go to the writer.
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    clock: Clock,
    path: Option<PathBuf>,
    _lock: Option<DbLock>,
}

/// A write transaction: the SQL connection plus who acts and when.
pub struct WriteTx<'a> {
    tx: Transaction<'a>,
    actor: &'a Actor,
    now: String,
    abandon: bool,
    one_entry: bool,
    /// The import this action is, when it is one (what it changes is kept).
    import_run: Option<i64>,
}

impl Db {
    /// Opens (creating if needed) the database file at `path` and migrates it.
    /// Refuses a file on a network share, one written by a newer version, and
    /// one being restored by another process.
    pub fn open(path: &Path) -> Result<Db> {
        Self::open_file(path).map_err(|e| match e {
            Error::Sqlite(e) => not_a_database(path, e),
            other => other,
        })
    }

    fn open_file(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            home::refuse_network_share(dir)?;
            std::fs::create_dir_all(dir)
                .map_err(|e| Error::io(format!("无法创建数据文件夹 {}", dir.display()), e))?;
        }
        let lock = DbLock::shared(path)?;
        let writer = open_connection(path, OpenFlags::default())?;
        // A data folder moved in, a file named with --db: before anything
        // is written, the schema must be the app's own.
        schema::refuse_foreign_schema(&writer, path)?;
        writer.pragma_update(None, "journal_mode", "WAL")?;
        // A catalogue import touches many index pages; 32 MB keeps them in
        // memory instead of re-reading them (SQLite's default is 2 MB).
        writer.pragma_update(None, "cache_size", -32_768)?;
        // A database from an older version is copied before it is upgraded.
        let found = schema::version(&writer)?;
        if found > 0 && found < schema::SCHEMA_VERSION {
            let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
            std::fs::create_dir_all(&dir)
                .map_err(|e| Error::io(format!("无法创建备份文件夹 {}", dir.display()), e))?;
            let stamp = Clock::System
                .now()
                .with_timezone(&crate::clock::office_offset())
                .format("%Y%m%d-%H%M%S");
            let dest = dir.join(format!("书香-升级前-{stamp}.db"));
            writer.backup(rusqlite::MAIN_DB, &dest, rusqlite::backup::NO_PROGRESS)?;
        }
        schema::migrate(&writer)?;
        let readers = (0..READERS)
            .map(|_| {
                // Each connection is used by one thread at a time (its
                // Mutex): SQLite's own lock on every call is not needed.
                let conn = open_connection(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                conn.pragma_update(None, "query_only", true)?;
                Ok(Mutex::new(conn))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            clock: Clock::System,
            path: Some(path.to_owned()),
            _lock: Some(lock),
        })
    }

    /// A private, migrated database in memory, for tests.
    pub fn open_in_memory() -> Result<Db> {
        let writer = Connection::open_in_memory()?;
        configure(&writer)?;
        schema::migrate(&writer)?;
        Ok(Db {
            writer: Mutex::new(writer),
            readers: Vec::new(),
            next_reader: AtomicUsize::new(0),
            clock: Clock::System,
            path: None,
            _lock: None,
        })
    }

    /// The same database, with actions timed by `clock`.
    pub fn with_clock(mut self, clock: Clock) -> Db {
        self.clock = clock;
        self
    }

    /// The clock this database's actions use.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Gives each reading connection a page cache of `kib` KiB (SQLite's
    /// default is 2 MB). A host answering the office's searches ranks a
    /// broad query's first 2,000 titles, spread over some 6 MB of pages:
    /// with them kept in memory the 经济 search costs 1.7 ms, not 3.1 ms
    /// re-reading them from the file each time. The pages are taken only
    /// as they are read.
    pub fn set_read_cache(&self, kib: u32) -> Result<()> {
        for r in &self.readers {
            lock(r).pragma_update(None, "cache_size", -i64::from(kib))?;
        }
        Ok(())
    }

    /// Runs `f` in a read transaction: one consistent snapshot, never waiting
    /// on a writer.
    pub fn read<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.reader();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }

    /// Runs `f` as one user action by `actor`: committed if it returns `Ok`
    /// (unless it called [`WriteTx::abandon`]), rolled back otherwise.
    pub fn write<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut WriteTx<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut conn = lock(&self.writer);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut wtx = WriteTx {
            tx,
            actor,
            now: self.clock.now_text(),
            abandon: false,
            one_entry: false,
            import_run: None,
        };
        let value = f(&mut wtx)?;
        if wtx.abandon {
            wtx.tx.rollback()?;
        } else {
            wtx.tx.commit()?;
        }
        Ok(value)
    }

    /// Runs `f` on the writer connection outside any transaction, for work
    /// SQLite must do on a connection rather than in a transaction (backups).
    pub(crate) fn with_writer<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&lock(&self.writer))
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        if self.readers.is_empty() {
            return lock(&self.writer);
        }
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[i])
    }
}

impl WriteTx<'_> {
    /// Who performs this action.
    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// When this action happens, as stored (UTC RFC 3339).
    pub fn now(&self) -> &str {
        &self.now
    }

    /// Moves this action's "now" to another instant: the demo replays months
    /// of lending through the real rules, each step at its own time.
    pub(crate) fn set_now(&mut self, now: String) {
        self.now = now;
    }

    /// Records a change in the audit log, in this transaction — unless the
    /// action is recorded as one entry (see [`WriteTx::audit_as_one_entry`]).
    pub fn audit(
        &self,
        action: audit::Action,
        entity: crate::Entity,
        entity_id: Option<i64>,
        summary: &str,
    ) -> Result<()> {
        // The command layer decided before the write ran; the core checks
        // again, so a caller of the core that forgot is still refused.
        self.actor.require(entity)?;
        if self.one_entry {
            return Ok(());
        }
        audit::record(
            &self.tx, self.actor, &self.now, action, entity, entity_id, summary,
        )
    }

    /// Makes this action one audit entry, written with [`WriteTx::audit_action`],
    /// instead of one per record it changes: an import of 50,000 rows is one
    /// thing a person did, and its log entry says what it did in numbers.
    pub fn audit_as_one_entry(&mut self) {
        self.one_entry = true;
    }

    /// Records the action as a whole in the audit log.
    pub fn audit_action(
        &self,
        action: audit::Action,
        entity: crate::Entity,
        summary: &str,
    ) -> Result<()> {
        self.actor.require(entity)?;
        audit::record(
            &self.tx, self.actor, &self.now, action, entity, None, summary,
        )
    }

    /// Marks this action as the import `run`, so what it changes is kept
    /// for undoing it.
    pub(crate) fn set_import_run(&mut self, run: i64) {
        self.import_run = Some(run);
    }

    /// The import this action is, when it is one.
    pub(crate) fn import_run(&self) -> Option<i64> {
        self.import_run
    }

    /// Rolls the whole action back when the closure returns, even on `Ok`:
    /// a dry run, or an import that found errors.
    pub fn abandon(&mut self) {
        self.abandon = true;
    }
}

impl Deref for WriteTx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    // A panic while holding the lock rolled its transaction back when the
    // guard's Transaction dropped, so the connection is still consistent.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Opens a connection to `path` with the per-connection pragmas.
pub(crate) fn open_connection(path: &Path, flags: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_database(path, e))?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens a file from elsewhere (a backup, a file to restore) read-only, with
/// nothing of its schema trusted to run.
pub(crate) fn open_untrusted(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_a_database(path, e))?;
    conn.pragma_update(None, "trusted_schema", false)
        .map_err(|e| not_a_database(path, e))?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    // A file's schema runs nothing it was not made with: no function or
    // virtual table reached from a trigger or view that was slipped in
    // (and every file is checked against the app's own schema on opening).
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    crate::schema::add_functions(conn)?;
    // Shelf names sort as people number shelves: A区2架 before A区10架.
    conn.create_collation("shelf_order", |a: &str, b: &str| {
        alphanumeric_sort::compare_str(a, b)
    })?;
    // Names (venues, operators, units) in pinyin order, as people look them up.
    conn.create_collation("zh", crate::text::zh_order)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

/// Turns SQLite's "not a database" into words a user can act on.
pub(crate) fn not_a_database(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::invalid(
            "file",
            format!("{} 不是书香的数据文件（或已损坏）。", path.display()),
        ),
        Some(rusqlite::ErrorCode::CannotOpen) => Error::io(
            format!("无法打开 {}，请检查路径和权限。", path.display()),
            std::io::Error::other(e.to_string()),
        ),
        _ => e.into(),
    }
}
