//! Backups with SQLite's online backup API, checks, and verified restore.
//! A restore checks the file first, keeps a copy of the current data, and
//! replaces the database only when nobody else has it open.

use std::path::{Path, PathBuf};

use rusqlite::backup::NO_PROGRESS;
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use serde::Serialize;

use crate::audit::{self, Actor};
use crate::clock::Clock;
use crate::db::{Db, not_a_database, open_connection};
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
    db.with_writer(|conn| Ok(conn.backup(MAIN_DB, &tmp, NO_PROGRESS)?))?;
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
    let mut problems = Vec::new();
    let pragma = if full {
        "integrity_check"
    } else {
        "quick_check"
    };
    let mut stmt = conn.prepare(&format!("PRAGMA {pragma}"))?;
    for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let line = line?;
        if line != "ok" {
            problems.push(format!("数据文件损坏：{line}"));
        }
    }
    let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
    for row in fk.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?))
    })? {
        let (table, rowid) = row?;
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
        let disagree: i64 = conn.query_row(
            "SELECT count(*) FROM copies c
             WHERE (c.status = 'on_loan') <> EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.returned_at IS NULL)",
            [],
            |r| r.get(0),
        )?;
        if disagree > 0 {
            problems.push(format!("{disagree} 册图书的状态与借阅记录不一致"));
        }
        let cancelled: i64 = conn.query_row(
            "SELECT count(*) FROM share_sessions s JOIN bookings b ON b.id = s.booking_id
             WHERE (s.status = 'cancelled') = (b.active = 1)",
            [],
            |r| r.get(0),
        )?;
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
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| not_a_database(file, e))?;
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
    for table in CORE_TABLES {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Err(Error::invalid(
                "file",
                format!(
                    "{} 不是书香的备份文件（缺少数据表 {table}）。",
                    file.display()
                ),
            ));
        }
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))?;
    if integrity != "ok" {
        return Err(Error::invalid(
            "file",
            format!(
                "备份文件 {} 已损坏（{integrity}），未做任何更改。",
                file.display()
            ),
        ));
    }
    Ok(version)
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
    actor.require("database")?;
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
        let stamp = clock.now().format("%Y%m%d-%H%M%S");
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
    {
        let source = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        source.backup(MAIN_DB, &staged, NO_PROGRESS)?;
        let conn = open_connection(&staged, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        schema::migrate(&conn)?;
        audit::record(
            &conn,
            actor,
            &clock.now_text(),
            "restore",
            "database",
            None,
            &format!("从备份恢复：{}", given.display()),
        )?;
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
    })
}

// ---- password-protected backups ----

/// What a password-protected backup begins with.
const SEALED_MAGIC: &[u8] = b"SHUXIANG-SEALED-BACKUP-1\n";
/// The extension of password-protected backups in the backup folder.
pub const SEALED_EXT: &str = ".sxbk";

/// Whether a file is a password-protected backup.
pub fn is_sealed(file: &Path) -> bool {
    use std::io::Read;
    let mut head = vec![0u8; SEALED_MAGIC.len()];
    std::fs::File::open(file)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == SEALED_MAGIC)
}

fn sealing_key(password: &str, salt: &[u8]) -> Result<chacha20poly1305::Key> {
    let mut key = [0u8; 32];
    argon2::Argon2::default()
        .hash_password_into(password.as_bytes(), salt, &mut key)
        .map_err(|e| Error::invalid("password", format!("无法由密码生成密钥：{e}")))?;
    Ok(key.into())
}

/// Encrypts a database file with a password (argon2id key, ChaCha20-Poly1305).
pub fn seal(plain: &Path, dest: &Path, password: &str) -> Result<()> {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    use chacha20poly1305::aead::{Aead, KeyInit};
    if password.chars().count() < 6 {
        return Err(Error::invalid("password", "备份密码至少 6 位。"));
    }
    let bytes =
        std::fs::read(plain).map_err(|e| Error::io(format!("无法读取 {}", plain.display()), e))?;
    let mut salt = [0u8; 16];
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    let cipher = chacha20poly1305::ChaCha20Poly1305::new(&sealing_key(password, &salt)?);
    let sealed = cipher
        .encrypt(&nonce.into(), bytes.as_slice())
        .map_err(|_| Error::invalid("password", "加密备份失败。"))?;
    let mut out = Vec::with_capacity(SEALED_MAGIC.len() + 28 + sealed.len());
    out.extend_from_slice(SEALED_MAGIC);
    out.extend_from_slice(&salt);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    let tmp = with_suffix(dest, ".part");
    std::fs::write(&tmp, out).map_err(|e| Error::io(format!("无法写入 {}", dest.display()), e))?;
    std::fs::rename(&tmp, dest).map_err(|e| Error::io(format!("无法写入 {}", dest.display()), e))
}

/// Decrypts a password-protected backup to `dest`.
pub fn unseal(sealed: &Path, dest: &Path, password: &str) -> Result<()> {
    use chacha20poly1305::aead::{Aead, KeyInit};
    let bytes = std::fs::read(sealed)
        .map_err(|e| Error::io(format!("无法读取 {}", sealed.display()), e))?;
    let body = bytes
        .strip_prefix(SEALED_MAGIC)
        .filter(|b| b.len() > 28)
        .ok_or_else(|| {
            Error::invalid("file", format!("{} 不是加密的书香备份。", sealed.display()))
        })?;
    let (salt, rest) = body.split_at(16);
    let (nonce, data) = rest.split_at(12);
    let cipher = chacha20poly1305::ChaCha20Poly1305::new(&sealing_key(password, salt)?);
    let plain = cipher
        .decrypt(nonce.into(), data)
        .map_err(|_| Error::invalid("password", "备份密码不对，或备份文件已损坏。"))?;
    std::fs::write(dest, plain).map_err(|e| Error::io(format!("无法写入 {}", dest.display()), e))
}

/// A backup to `dest`, encrypted with `password` when one is given.
pub fn backup_sealed(db: &Db, dest: &Path, password: Option<&str>) -> Result<BackupInfo> {
    let Some(password) = password else {
        return backup_to(db, dest);
    };
    let plain = with_suffix(dest, ".plain");
    backup_to(db, &plain)?;
    let sealed = seal(&plain, dest, password);
    let _ = std::fs::remove_file(&plain);
    sealed?;
    Ok(BackupInfo {
        path: dest.to_owned(),
        bytes: std::fs::metadata(dest).map(|m| m.len()).unwrap_or(0),
    })
}

/// The plain database a backup file holds: itself, or its decryption into a
/// temporary file (removed when the guard drops).
struct Opened {
    path: PathBuf,
    temporary: bool,
}

impl Drop for Opened {
    fn drop(&mut self) {
        if self.temporary {
            // SQLite may have made its side files next to it.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let _ = std::fs::remove_file(with_suffix(&self.path, suffix));
            }
        }
    }
}

fn open_backup(file: &Path, password: Option<&str>, scratch: &Path) -> Result<Opened> {
    if !is_sealed(file) {
        return Ok(Opened {
            path: file.to_owned(),
            temporary: false,
        });
    }
    let password = password
        .filter(|p| !p.is_empty())
        .ok_or_else(|| Error::invalid("password", "这份备份设有密码，请输入备份密码。"))?;
    std::fs::create_dir_all(scratch)
        .map_err(|e| Error::io(format!("无法创建 {}", scratch.display()), e))?;
    let path = scratch.join(format!("解密中-{}.db", std::process::id()));
    unseal(file, &path, password)?;
    Ok(Opened {
        path,
        temporary: true,
    })
}

/// Verifies a backup that may be password-protected; returns its version.
pub fn verify_backup(file: &Path, password: Option<&str>) -> Result<i64> {
    if !file.is_file() {
        return Err(Error::NotFound(format!(
            "找不到备份文件 {}。",
            file.display()
        )));
    }
    let opened = open_backup(file, password, &std::env::temp_dir())?;
    verify_backup_file(&opened.path)
}

/// A backup the user asked for into a file of their choosing, sealed with
/// the backup password when one is set.
pub fn backup_to_file_for_user(db: &Db, dest: &Path) -> Result<BackupInfo> {
    if dest.as_os_str().is_empty() || dest.is_dir() {
        return Err(Error::invalid(
            "path",
            "请填写备份文件的完整路径，例如 E:\\书香备份.db。",
        ));
    }
    let password = db
        .read(|tx| crate::circulation::setting(tx, "backup_password"))?
        .filter(|p| !p.is_empty());
    backup_sealed(db, dest, password.as_deref())
}

/// Sets (or with an empty one, clears) the password backups are sealed with.
pub fn set_backup_password(db: &Db, actor: &Actor, password: &str) -> Result<bool> {
    if !password.is_empty() && password.chars().count() < 6 {
        return Err(Error::invalid("password", "备份密码至少 6 位。"));
    }
    db.write(actor, |tx| {
        crate::circulation::put_setting_audited(
            tx,
            "backup",
            "backup_password",
            password,
            if password.is_empty() {
                "取消备份密码"
            } else {
                "设置备份密码"
            },
        )
    })?;
    Ok(!password.is_empty())
}

/// Whether backups are sealed with a password.
pub fn backup_password_set(db: &Db) -> Result<bool> {
    Ok(db
        .read(|tx| crate::circulation::setting(tx, "backup_password"))?
        .is_some_and(|p| !p.is_empty()))
}

// ---- automatic backups ----

/// What a backup file in the backup folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The daily automatic backup.
    Daily,
    /// Made before an import, a restore or a migration.
    Before,
    /// Made by hand.
    Manual,
}

/// A backup file as the backup screen lists it.
#[derive(Debug, Clone, Serialize)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub kind: BackupKind,
    pub bytes: u64,
    /// Office-local `YYYY-MM-DD HH:MM:SS`, from the file's name.
    pub made_at: String,
}

const PREFIX: &str = "书香-";

/// The folder automatic backups go to: the one chosen in settings, else
/// the data folder's `backups`.
pub fn backup_dir(db: &Db) -> Result<Option<PathBuf>> {
    let Some(path) = db.path() else {
        return Ok(None);
    };
    let chosen = db.read(|tx| crate::circulation::setting(tx, "backup_dir"))?;
    Ok(Some(match chosen.filter(|d| !d.trim().is_empty()) {
        Some(d) => PathBuf::from(d),
        None => path.parent().unwrap_or(Path::new(".")).join("backups"),
    }))
}

/// Chooses the backup folder (e.g. on another drive), as one action.
pub fn set_backup_dir(db: &Db, actor: &Actor, dir: &str) -> Result<String> {
    let dir = dir.trim();
    if !dir.is_empty() {
        let p = Path::new(dir);
        if !p.is_absolute() {
            return Err(Error::invalid(
                "backup_dir",
                "请填写完整的文件夹路径，例如 D:\\书香备份。",
            ));
        }
        crate::home::refuse_network_share(p)?;
        std::fs::create_dir_all(p).map_err(|e| Error::io(format!("无法创建文件夹 {dir}"), e))?;
    }
    db.write(actor, |tx| {
        crate::circulation::put_setting_audited(
            tx,
            "backup",
            "backup_dir",
            dir,
            &format!(
                "备份文件夹改为 {}",
                if dir.is_empty() { "默认位置" } else { dir }
            ),
        )
    })?;
    Ok(backup_dir(db)?
        .map(|d| d.display().to_string())
        .unwrap_or_default())
}

fn stamp(clock: Clock) -> String {
    clock
        .now()
        .with_timezone(&crate::clock::office_offset())
        .format("%Y%m%d-%H%M%S")
        .to_string()
}

fn file_kind(name: &str) -> Option<(BackupKind, String)> {
    let rest = name.strip_prefix(PREFIX)?;
    let rest = rest
        .strip_suffix(".db")
        .or_else(|| rest.strip_suffix(SEALED_EXT))?;
    let (kind, when) = rest.rsplit_once('-').and_then(|(head, time)| {
        let (kind, day) = head.rsplit_once('-')?;
        // A second backup in the same second has a number after the time.
        Some((kind, format!("{day}-{}", time.get(..6)?)))
    })?;
    let kind = match kind {
        "每日" => BackupKind::Daily,
        "手动" => BackupKind::Manual,
        _ => BackupKind::Before,
    };
    let t = chrono::NaiveDateTime::parse_from_str(&when, "%Y%m%d-%H%M%S").ok()?;
    Some((kind, t.format("%Y-%m-%d %H:%M:%S").to_string()))
}

/// The backups in a folder, the newest first.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupFile>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<BackupFile> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (kind, made_at) = file_kind(&name)?;
            Some(BackupFile {
                path: e.path().display().to_string(),
                bytes: e.metadata().map(|m| m.len()).unwrap_or(0),
                name,
                kind,
                made_at,
            })
        })
        .collect();
    out.sort_by(|a, b| b.made_at.cmp(&a.made_at));
    Ok(out)
}

/// The backups of the current backup folder.
pub fn backups(db: &Db) -> Result<Vec<BackupFile>> {
    match backup_dir(db)? {
        Some(dir) => list_backups(&dir),
        None => Ok(Vec::new()),
    }
}

/// A backup into the backup folder, named for what it is (`每日`, `手动`,
/// `导入前` …). None for a database in memory.
pub fn backup_named(db: &Db, what: &str) -> Result<Option<BackupInfo>> {
    let Some(dir) = backup_dir(db)? else {
        return Ok(None);
    };
    let stamp = stamp(db.clock());
    let password = db
        .read(|tx| crate::circulation::setting(tx, "backup_password"))?
        .filter(|p| !p.is_empty());
    let ext = if password.is_some() {
        SEALED_EXT
    } else {
        ".db"
    };
    let mut dest = dir.join(format!("{PREFIX}{what}-{stamp}{ext}"));
    // Two backups in one second (a fixed clock in tests) keep both.
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{PREFIX}{what}-{stamp}{n:02}{ext}"));
    }
    let made = backup_sealed(db, &dest, password.as_deref())?;
    rotate(&dir, db.clock().today())?;
    Ok(Some(made))
}

/// The daily backup: made when none was made today (office time), then the
/// folder is rotated. Returns the backup made, if one was.
pub fn daily_backup(db: &Db) -> Result<Option<BackupInfo>> {
    let Some(dir) = backup_dir(db)? else {
        return Ok(None);
    };
    let today = db.clock().today().format("%Y-%m-%d").to_string();
    let existing = list_backups(&dir)?;
    if existing
        .iter()
        .any(|b| b.kind == BackupKind::Daily && b.made_at.starts_with(&today))
    {
        return Ok(None);
    }
    backup_named(db, "每日")
}

/// Which daily backups to keep: the newest of each of the last 7 days, of
/// each of the last 4 weeks, of each of the last 12 months; and the last 10
/// made before imports, restores and migrations. Manual backups are kept.
pub fn rotation_keep(files: &[BackupFile], today: chrono::NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    let mut keep: Vec<String> = Vec::new();
    let mut daily: Vec<&BackupFile> = files
        .iter()
        .filter(|f| f.kind == BackupKind::Daily)
        .collect();
    daily.sort_by(|a, b| b.made_at.cmp(&a.made_at));
    let day_of =
        |f: &BackupFile| chrono::NaiveDate::parse_from_str(&f.made_at[..10], "%Y-%m-%d").ok();
    let mut seen_days = Vec::new();
    let mut seen_weeks = Vec::new();
    let mut seen_months = Vec::new();
    for f in &daily {
        let Some(day) = day_of(f) else { continue };
        let age = (today - day).num_days();
        let week = (day.iso_week().year(), day.iso_week().week());
        let month = (day.year(), day.month());
        let mut kept = false;
        if age < 7 && !seen_days.contains(&day) {
            seen_days.push(day);
            kept = true;
        }
        if age < 28 && !seen_weeks.contains(&week) {
            seen_weeks.push(week);
            kept = true;
        }
        if age < 366 && !seen_months.contains(&month) {
            seen_months.push(month);
            kept = true;
        }
        if kept {
            keep.push(f.name.clone());
        }
    }
    let mut before: Vec<&BackupFile> = files
        .iter()
        .filter(|f| f.kind == BackupKind::Before)
        .collect();
    before.sort_by(|a, b| b.made_at.cmp(&a.made_at));
    keep.extend(before.iter().take(10).map(|f| f.name.clone()));
    keep.extend(
        files
            .iter()
            .filter(|f| f.kind == BackupKind::Manual)
            .map(|f| f.name.clone()),
    );
    keep
}

/// Deletes the backups the rotation no longer keeps.
pub fn rotate(dir: &Path, today: chrono::NaiveDate) -> Result<usize> {
    let files = list_backups(dir)?;
    let keep = rotation_keep(&files, today);
    let mut removed = 0;
    for f in files.iter().filter(|f| !keep.contains(&f.name)) {
        if std::fs::remove_file(&f.path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// The newest backup in the folder that passes verification.
pub fn latest_good_backup(db: &Db) -> Result<Option<BackupFile>> {
    Ok(backups(db)?
        .into_iter()
        .find(|b| verify_backup_file(Path::new(&b.path)).is_ok()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(kind: BackupKind, name: &str, made_at: &str) -> BackupFile {
        BackupFile {
            path: name.into(),
            name: name.into(),
            kind,
            bytes: 1,
            made_at: made_at.into(),
        }
    }

    #[test]
    fn backup_names_say_what_and_when() {
        assert_eq!(
            file_kind("书香-每日-20261126-153000.db"),
            Some((BackupKind::Daily, "2026-11-26 15:30:00".into()))
        );
        assert_eq!(
            file_kind("书香-导入前-20260101-080000.db").unwrap().0,
            BackupKind::Before
        );
        assert_eq!(
            file_kind("书香-手动-20260101-080000.db").unwrap().0,
            BackupKind::Manual
        );
        assert_eq!(file_kind("别的文件.db"), None);
        assert_eq!(
            file_kind("书香-每日-20261126-15300002.db").unwrap().1,
            "2026-11-26 15:30:00"
        );
    }

    #[test]
    fn a_password_protects_backups_and_is_needed_to_restore_them() {
        let tmp = tempfile::tempdir().unwrap();
        let db_path = tmp.path().join("shuxiang.db");
        let db = Db::open(&db_path).unwrap();
        add(&db, "张三");
        assert!(
            set_backup_password(&db, &Actor::CommandLine, "123").is_err(),
            "too short"
        );
        set_backup_password(&db, &Actor::CommandLine, "书香备份密码").unwrap();
        assert!(backup_password_set(&db).unwrap());
        let made = backup_named(&db, "手动").unwrap().unwrap();
        assert!(made.path.extension().is_some_and(|e| e == "sxbk"));
        assert!(is_sealed(&made.path));
        let raw = std::fs::read(&made.path).unwrap();
        assert!(
            !raw.windows("张三".len()).any(|w| w == "张三".as_bytes()),
            "the names are not readable"
        );
        assert_eq!(
            list_backups(&tmp.path().join("backups")).unwrap()[0].kind,
            BackupKind::Manual
        );
        // Verification and restore need the password, and the right one.
        assert_eq!(
            verify_backup(&made.path, None).unwrap_err().field(),
            Some("password")
        );
        assert!(
            verify_backup(&made.path, Some("错误的密码"))
                .unwrap_err()
                .to_string()
                .contains("密码不对")
        );
        assert_eq!(
            verify_backup(&made.path, Some("书香备份密码")).unwrap(),
            SCHEMA_VERSION
        );
        add(&db, "李四");
        drop(db);
        let safety = tmp.path().join("safety");
        let refused = restore_with_password(
            &made.path,
            Some("x"),
            &db_path,
            &safety,
            &Actor::CommandLine,
            Clock::System,
        );
        assert!(refused.is_err());
        restore_with_password(
            &made.path,
            Some("书香备份密码"),
            &db_path,
            &safety,
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap();
        let db = Db::open(&db_path).unwrap();
        assert_eq!(names(&db), ["张三"]);
        assert!(
            !tmp.path()
                .read_dir()
                .unwrap()
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("解密中")),
            "no decrypted copy is left behind"
        );
    }

    #[test]
    fn an_older_database_is_backed_up_before_it_is_upgraded() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("shuxiang.db");
        {
            let conn = Connection::open(&path).unwrap();
            schema::migrate_to(&conn, 3).unwrap();
        }
        let db = Db::open(&path).unwrap();
        let list = list_backups(&tmp.path().join("backups")).unwrap();
        assert_eq!(list.len(), 1);
        assert!(list[0].name.starts_with("书香-升级前-"));
        assert_eq!(verify_backup_file(Path::new(&list[0].path)).unwrap(), 3);
        drop(db);
        // Opening the now current database makes no second copy.
        Db::open(&path).unwrap();
        assert_eq!(list_backups(&tmp.path().join("backups")).unwrap().len(), 1);
    }

    #[test]
    fn rotation_keeps_seven_days_four_weeks_twelve_months() {
        let today: chrono::NaiveDate = "2026-11-26".parse().unwrap();
        // A daily backup every day for 400 days, two on the latest day.
        let mut files: Vec<BackupFile> = (0..400)
            .map(|n| {
                let day = today - chrono::Days::new(n);
                let name = format!("书香-每日-{}-090000.db", day.format("%Y%m%d"));
                file(BackupKind::Daily, &name, &format!("{day} 09:00:00"))
            })
            .collect();
        files.push(file(
            BackupKind::Daily,
            "书香-每日-20261126-080000.db",
            "2026-11-26 08:00:00",
        ));
        for n in 0..15 {
            let name = format!("书香-导入前-202611{:02}-100000.db", n + 1);
            files.push(file(
                BackupKind::Before,
                &name,
                &format!("2026-11-{:02} 10:00:00", n + 1),
            ));
        }
        files.push(file(
            BackupKind::Manual,
            "书香-手动-20200101-000000.db",
            "2020-01-01 00:00:00",
        ));
        let keep = rotation_keep(&files, today);
        let daily: Vec<&String> = keep.iter().filter(|k| k.contains("每日")).collect();
        // 7 days; weeks and months add the newest of each older week/month.
        assert!(daily.iter().any(|k| k.contains("20261120")), "day 7");
        assert!(
            !daily.iter().any(|k| k.contains("20261126-080000")),
            "one per day, the newest"
        );
        assert!(
            daily.len() >= 7 + 2 + 10 && daily.len() <= 7 + 4 + 12,
            "{}",
            daily.len()
        );
        assert!(
            !daily.iter().any(|k| k.starts_with("书香-每日-2025100")),
            "older than a year"
        );
        assert_eq!(keep.iter().filter(|k| k.contains("导入前")).count(), 10);
        assert!(keep.iter().any(|k| k.contains("手动")));
    }

    #[test]
    fn the_daily_backup_is_made_once_a_day_and_an_import_backs_up_first() {
        let tmp = tempfile::tempdir().unwrap();
        let at = |t: &str| {
            Db::open(&tmp.path().join("shuxiang.db"))
                .unwrap()
                .with_clock(Clock::Fixed(t.parse().unwrap()))
        };
        let db = at("2026-11-26T01:00:00Z");
        assert!(daily_backup(&db).unwrap().is_some());
        assert!(daily_backup(&db).unwrap().is_none(), "once a day");
        drop(db);
        let db = at("2026-11-27T01:00:00Z");
        assert!(daily_backup(&db).unwrap().is_some());
        let csv = "姓名,类别\n张三,机关干部\n";
        crate::people::import_people_file(
            &db,
            &Actor::CommandLine,
            "名单.csv",
            csv.as_bytes(),
            crate::import::ImportOptions::default(),
        )
        .unwrap();
        let list = backups(&db).unwrap();
        let count = |k| list.iter().filter(|b| b.kind == k).count();
        assert_eq!(
            (count(BackupKind::Daily), count(BackupKind::Before)),
            (2, 1)
        );
        assert!(latest_good_backup(&db).unwrap().is_some());
        // Another folder, chosen in settings.
        let other = tmp.path().join("D盘备份");
        set_backup_dir(&db, &Actor::CommandLine, &other.display().to_string()).unwrap();
        backup_named(&db, "手动").unwrap();
        assert_eq!(list_backups(&other).unwrap().len(), 1);
    }
    use crate::people::{NewPerson, PeopleQuery, PersonKind, create_person, search_people};

    fn add(db: &Db, name: &str) {
        let p = NewPerson {
            kind: Some(PersonKind::Staff),
            name: name.into(),
            ..Default::default()
        };
        create_person(db, &Actor::CommandLine, &p).unwrap();
    }

    fn names(db: &Db) -> Vec<String> {
        search_people(db, &PeopleQuery::default())
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn a_backup_restores_every_row_after_the_data_changed() {
        let tmp = tempfile::tempdir().unwrap();
        let db_path = tmp.path().join("shuxiang.db");
        let backup = tmp.path().join("b.db");
        {
            let db = Db::open(&db_path).unwrap();
            add(&db, "张三");
            backup_to(&db, &backup).unwrap();
            add(&db, "李四");
        }
        let report = restore(
            &backup,
            &db_path,
            &tmp.path().join("safety"),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap();
        let db = Db::open(&db_path).unwrap();
        assert_eq!(names(&db), ["张三"], "the data is exactly the backup's");
        let saved = Db::open(&report.previous_data_saved_to.unwrap()).unwrap();
        assert_eq!(
            names(&saved),
            ["李四", "张三"],
            "the replaced data was kept first"
        );
        assert!(check(&db, true).unwrap().ok);
    }

    #[test]
    fn a_restore_is_refused_while_the_database_is_open() {
        let tmp = tempfile::tempdir().unwrap();
        let db_path = tmp.path().join("shuxiang.db");
        let db = Db::open(&db_path).unwrap();
        add(&db, "张三");
        let backup = tmp.path().join("b.db");
        backup_to(&db, &backup).unwrap();
        let err = restore(
            &backup,
            &db_path,
            tmp.path(),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap_err();
        assert!(err.to_string().contains("关闭书香"), "{err}");
    }

    #[test]
    fn a_file_that_is_not_a_backup_is_refused_before_anything_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let db_path = tmp.path().join("shuxiang.db");
        drop(Db::open(&db_path).unwrap());
        let junk = tmp.path().join("junk.db");
        std::fs::write(&junk, b"this is not sqlite at all, just some words").unwrap();
        let err = restore(
            &junk,
            &db_path,
            tmp.path(),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap_err();
        assert!(err.to_string().contains("不是书香的数据文件"), "{err}");
        let other = tmp.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let err = restore(
            &other,
            &db_path,
            tmp.path(),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap_err();
        assert!(err.to_string().contains("缺少数据表"), "{err}");
    }

    #[test]
    fn an_older_backup_is_migrated_on_restore_and_a_newer_one_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let old = tmp.path().join("old.db");
        schema::migrate_to(&Connection::open(&old).unwrap(), 1).unwrap();
        let db_path = tmp.path().join("shuxiang.db");
        let report = restore(
            &old,
            &db_path,
            tmp.path(),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap();
        assert_eq!(report.restored_version, 1);
        let db = Db::open(&db_path).unwrap();
        assert!(
            check(&db, true).unwrap().ok,
            "the restored database is at the current version"
        );
        drop(db);
        let newer = tmp.path().join("newer.db");
        let conn = Connection::open(&newer).unwrap();
        schema::migrate(&conn).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = restore(
            &newer,
            &db_path,
            tmp.path(),
            &Actor::CommandLine,
            Clock::System,
        )
        .unwrap_err();
        assert!(matches!(err, Error::NewerDatabase { .. }));
    }
}
