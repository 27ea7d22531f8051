//! Backups with SQLite's online backup API, checks, and verified restore.
//! A restore checks the file first, keeps a copy of the current data, and
//! replaces the database only when nobody else has it open.

mod automatic;
mod clear;
mod sealed;
mod store;

pub use automatic::*;
pub use clear::*;
pub use sealed::*;

use std::path::{Path, PathBuf};

use rusqlite::backup::NO_PROGRESS;
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::Serialize;

use crate::audit::{self, Actor};
use crate::clock::Clock;
use crate::db::{Db, not_a_database, open_connection, open_untrusted};
use crate::error::{Error, Result};
use crate::home::DbLock;
use crate::schema::{self, CORE_TABLES, SCHEMA_VERSION};

/// The result of a database check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    pub ok: bool,
    pub problems: Vec<String>,
}

/// A backup written.
#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub bytes: u64,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct RestoreReport {
    /// The copy of the data that was replaced, if there was any.
    pub previous_data_saved_to: Option<PathBuf>,
    /// The schema version of the restored file before migration.
    pub restored_version: i64,
    /// The backup folder the restored data named that does not exist on
    /// this computer (another PC's): set back to the default, and said.
    pub backup_dir_reset: Option<String>,
}

/// Copies the whole database, consistently, to `dest` while others go on
/// reading and writing. Written to a temporary file first, so `dest` is
/// never a half-written backup.
pub fn backup_to(db: &Db, dest: &Path) -> Result<BackupInfo> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("无法创建备份文件夹 {}", dir.display()), e))?;
    }
    let tmp = with_suffix(dest, ".part");
    let _ = std::fs::remove_file(&tmp);
    match db.path() {
        // A connection of its own for the copy: it reads one snapshot while
        // the app goes on writing, and the pages it reads do not stay behind
        // in the writer's cache (a start-up backup at 100,000 volumes filled
        // it with 32 MB the app then kept).
        Some(path) => {
            let conn = open_connection(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
            conn.pragma_update(None, "query_only", true)?;
            conn.backup(MAIN_DB, &tmp, NO_PROGRESS)?;
        }
        None => db.with_writer(|conn| Ok(conn.backup(MAIN_DB, &tmp, NO_PROGRESS)?))?,
    }
    std::fs::rename(&tmp, dest)
        .map_err(|e| Error::io(format!("无法写入备份文件 {}", dest.display()), e))?;
    let bytes = std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo {
        path: dest.to_owned(),
        bytes,
    })
}

/// Checks an open database: SQLite's integrity check (the quick one unless
/// `full`), foreign keys, and the schema version.
pub fn check(db: &Db, full: bool) -> Result<CheckReport> {
    db.read(|tx| check_connection(tx, full))
}

fn check_connection(conn: &Connection, full: bool) -> Result<CheckReport> {
    let mut problems: Vec<String> = store::integrity_problems(conn, full, None)?
        .into_iter()
        .map(|line| format!("数据文件损坏：{line}"))
        .collect();
    for (table, rowid) in store::dangling_references(conn)? {
        problems.push(format!(
            "表 {table} 第 {} 行引用了不存在的记录",
            rowid.unwrap_or_default()
        ));
    }
    let version = schema::version(conn)?;
    if version != SCHEMA_VERSION {
        problems.push(format!("结构版本为 {version}，应为 {SCHEMA_VERSION}"));
    } else {
        // What one action writes together must agree.
        let disagree = store::count_copies_disagreeing_with_loans(conn)?;
        if disagree > 0 {
            problems.push(format!("{disagree} 册图书的状态与借阅记录不一致"));
        }
        let cancelled = store::count_sessions_disagreeing_with_bookings(conn)?;
        if cancelled > 0 {
            problems.push(format!("{cancelled} 次活动的状态与场地预订不一致"));
        }
    }
    Ok(CheckReport {
        ok: problems.is_empty(),
        problems,
    })
}

/// Checks that `file` is a sound Shuxiang database this version can use,
/// and returns its schema version. Nothing is written to it.
pub fn verify_backup_file(file: &Path) -> Result<i64> {
    if !file.is_file() {
        return Err(Error::NotFound(format!(
            "找不到备份文件 {}。",
            file.display()
        )));
    }
    let conn = open_untrusted(file)?;
    let version = schema::version(&conn).map_err(|e| match e {
        Error::Sqlite(e) => not_a_database(file, e),
        other => other,
    })?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerDatabase {
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Anything added to a backup (a trigger that empties the catalogue on
    // the next write) is refused before a page of it is copied.
    schema::refuse_foreign_schema(&conn, file).map_err(|e| match e {
        Error::Sqlite(e) => not_a_database(file, e),
        other => other,
    })?;
    for table in CORE_TABLES {
        if !store::has_table(&conn, table)? {
            return Err(Error::invalid(
                "file",
                format!(
                    "{} 不是书香的备份文件（缺少数据表 {table}）。",
                    file.display()
                ),
            ));
        }
    }
    rows_keep_the_rules(&conn, file)?;
    Ok(version)
}

/// Refuses a file whose rows break the schema's rules: SQLite's full
/// integrity check (CHECK and NOT NULL constraints included — which it
/// checks only on a connection that may write, so it runs on a scratch
/// copy) and foreign keys. A role no version has, a copy whose status is
/// none, a loan of a copy that does not exist: nothing is replaced.
fn rows_keep_the_rules(conn: &Connection, file: &Path) -> Result<()> {
    let scratch = std::env::temp_dir().join(format!(
        "书香-核对-{}-{}.db",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let checked = (|| {
        conn.backup(MAIN_DB, &scratch, NO_PROGRESS)?;
        let copy = open_connection(&scratch, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        let integrity = store::integrity_problems(&copy, true, Some(1))?;
        let dangling = store::dangling_references(&copy)?;
        Ok::<_, Error>((integrity, dangling))
    })();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(with_suffix(&scratch, suffix));
    }
    let (integrity, dangling) = checked?;
    if let Some(problem) = integrity.first() {
        return Err(Error::invalid(
            "file",
            format!(
                "备份文件 {} 已损坏或有不合规则的数据（{problem}），未做任何更改。",
                file.display()
            ),
        ));
    }
    if let Some((table, rowid)) = dangling.first() {
        return Err(Error::invalid(
            "file",
            format!(
                "备份文件 {} 的表 {table} 第 {} 行引用了不存在的记录，未做任何更改。",
                file.display(),
                rowid.unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// Replaces the database at `db_path` with the backup `file`: verified
/// first, migrated if older, the current data saved to `safety_dir` first.
/// Refused while the app or another command has the database open.
pub fn restore(
    file: &Path,
    db_path: &Path,
    safety_dir: &Path,
    actor: &Actor,
    clock: Clock,
) -> Result<RestoreReport> {
    restore_with_password(file, None, db_path, safety_dir, actor, clock)
}

/// [`restore`] of a backup that may be password-protected.
pub fn restore_with_password(
    given: &Path,
    password: Option<&str>,
    db_path: &Path,
    safety_dir: &Path,
    actor: &Actor,
    clock: Clock,
) -> Result<RestoreReport> {
    actor.require(crate::Entity::Database)?;
    if !given.is_file() {
        return Err(Error::NotFound(format!(
            "找不到备份文件 {}。",
            given.display()
        )));
    }
    let opened = open_backup(given, password, db_path.parent().unwrap_or(Path::new(".")))?;
    let file = opened.path.as_path();
    let restored_version = verify_backup_file(file)?;
    let _lock = DbLock::exclusive(db_path)?;
    let previous_data_saved_to = if db_path.exists() {
        // Named in office time, as the daily backups are.
        let stamp = clock
            .now()
            .with_timezone(&crate::clock::office_offset())
            .format("%Y%m%d-%H%M%S");
        let dest = safety_dir.join(format!("恢复前-{stamp}.db"));
        std::fs::create_dir_all(safety_dir)
            .map_err(|e| Error::io(format!("无法创建备份文件夹 {}", safety_dir.display()), e))?;
        let current = open_connection(db_path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        current.backup(MAIN_DB, &dest, NO_PROGRESS)?;
        Some(dest)
    } else {
        None
    };
    let staged = with_suffix(db_path, ".restoring");
    let _ = std::fs::remove_file(&staged);
    let backup_dir_reset;
    {
        let source = open_untrusted(file)?;
        source.backup(MAIN_DB, &staged, NO_PROGRESS)?;
        let conn = open_connection(&staged, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        schema::migrate(&conn)?;
        audit::record(
            &conn,
            actor,
            &clock.now_text(),
            crate::Action::Restore,
            crate::Entity::Database,
            None,
            &format!("从备份恢复：{}", given.display()),
        )?;
        backup_dir_reset = reset_foreign_backup_dir(&conn, actor, clock)?;
    }
    // The old write-ahead log belongs to the old file: it must not be
    // replayed onto the restored one.
    for suffix in ["-wal", "-shm"] {
        let side = with_suffix(db_path, suffix);
        if side.exists() {
            std::fs::remove_file(&side)
                .map_err(|e| Error::io(format!("无法删除旧的日志文件 {}", side.display()), e))?;
        }
    }
    std::fs::rename(&staged, db_path)
        .map_err(|e| Error::io(format!("无法替换数据文件 {}", db_path.display()), e))?;
    Ok(RestoreReport {
        previous_data_saved_to,
        restored_version,
        backup_dir_reset,
    })
}

/// A restored file's backup folder, when it names one that does not exist
/// here (moving to a new PC: D:\书香备份 on the old one): set back to the
/// default beside the data, in the log; the old path, to say so.
fn reset_foreign_backup_dir(
    conn: &Connection,
    actor: &Actor,
    clock: Clock,
) -> Result<Option<String>> {
    let Some(dir) = crate::settings::get(conn, "backup_dir")?.filter(|d| !d.trim().is_empty())
    else {
        return Ok(None);
    };
    let here = Path::new(&dir);
    if here.is_absolute() && here.is_dir() {
        return Ok(None);
    }
    crate::settings::put_on(conn, "backup_dir", "")?;
    audit::record(
        conn,
        actor,
        &clock.now_text(),
        crate::Action::Update,
        crate::Entity::Backup,
        None,
        &format!("恢复的数据所指的备份文件夹 {dir} 在这台电脑上不存在，已改回默认位置"),
    )?;
    Ok(Some(dir))
}

// ---- password-protected backups ----

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests;
