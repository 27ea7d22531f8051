//! Automatic backups: the backup folder, a backup at start and daily, named
//! by kind and time, and the rotation that keeps recent days, weeks and months.

use super::*;

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
    let chosen = db.read(|tx| crate::settings::get(tx, "backup_dir"))?;
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
        crate::settings::put_audited(
            tx,
            crate::Entity::Backup,
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

pub(super) fn file_kind(name: &str) -> Option<(BackupKind, String)> {
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
        .read(|tx| crate::settings::get(tx, "backup_password"))?
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

/// How many backups made by hand the folder keeps (the newest).
pub const MANUAL_KEPT: usize = 20;

/// A backup made by hand (备份 → 立即备份): an administrator's action, in
/// the log; the folder keeps the newest [`MANUAL_KEPT`] of them.
pub fn backup_now(db: &Db, actor: &crate::Actor) -> Result<Option<BackupInfo>> {
    actor.require(crate::Entity::Backup)?;
    let made = backup_named(db, "手动")?;
    if let Some(made) = &made {
        let name = made
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        db.write(actor, |tx| {
            tx.audit_action(
                crate::Action::Backup,
                crate::Entity::Backup,
                &format!("手动备份：{name}（{} KB）", made.bytes.div_ceil(1024)),
            )
        })?;
    }
    Ok(made)
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
/// made before imports, restores and migrations, and the last
/// [`MANUAL_KEPT`] made by hand.
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
    let mut manual: Vec<&BackupFile> = files
        .iter()
        .filter(|f| f.kind == BackupKind::Manual)
        .collect();
    manual.sort_by(|a, b| b.made_at.cmp(&a.made_at));
    keep.extend(manual.iter().take(MANUAL_KEPT).map(|f| f.name.clone()));
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
