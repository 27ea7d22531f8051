//! The data folder: where the database, attachments, backups and logs live.
//! `SHUXIANG_HOME` wins; then a `数据` folder beside the program (the portable
//! copy, 绿色版, run from D: or a USB stick); then the folder the user moved it
//! to (a small config file in the OS's per-user config folder); then the OS's
//! per-user data folder (`%APPDATA%\shuxiang` on Windows).

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The environment variable that overrides the data folder.
pub const HOME_ENV: &str = "SHUXIANG_HOME";
/// The folder beside the program that makes it a portable copy.
pub const PORTABLE_DIR: &str = "数据";
/// The database file's name inside the data folder.
pub const DB_FILE: &str = "shuxiang.db";

/// How the data folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HomeSource {
    /// From `SHUXIANG_HOME`.
    Environment,
    /// The `数据` folder beside the program (the portable copy).
    Portable,
    /// From the user's choice saved in the config file.
    Config,
    /// The OS's per-user data folder.
    Default,
}

/// The resolved data folder.
#[derive(Debug, Clone, Serialize)]
pub struct DataHome {
    pub dir: PathBuf,
    pub source: HomeSource,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    data_dir: Option<PathBuf>,
}

impl DataHome {
    /// The data folder for this user, per the order in the module docs.
    pub fn resolve() -> Result<DataHome> {
        let env = std::env::var_os(HOME_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let portable = portable_dir();
        let configured = config_file().and_then(|f| read_config(&f).data_dir);
        let default = dirs::data_dir().map(|d| d.join("shuxiang"));
        resolve_from(env, portable, configured, default)
    }

    /// The database file.
    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// Where automatic backups go unless the user chose another folder.
    pub fn backups_dir(&self) -> PathBuf {
        self.dir.join("backups")
    }

    /// Where the app writes its log.
    pub fn logs_dir(&self) -> PathBuf {
        self.dir.join("logs")
    }
}

/// The `数据` folder beside the running program, when there is one.
pub fn portable_dir() -> Option<PathBuf> {
    portable_dir_beside(&std::env::current_exe().ok()?)
}

/// The `数据` folder beside the program file `exe`, when it exists.
pub fn portable_dir_beside(exe: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?.join(PORTABLE_DIR);
    dir.is_dir().then_some(dir)
}

/// The pure part of [`DataHome::resolve`].
pub fn resolve_from(
    env: Option<PathBuf>,
    portable: Option<PathBuf>,
    configured: Option<PathBuf>,
    default: Option<PathBuf>,
) -> Result<DataHome> {
    let (dir, source) = match (env, portable, configured, default) {
        (Some(dir), ..) => (dir, HomeSource::Environment),
        (None, Some(dir), ..) => (dir, HomeSource::Portable),
        (None, None, Some(dir), _) => (dir, HomeSource::Config),
        (None, None, None, Some(dir)) => (dir, HomeSource::Default),
        (None, None, None, None) => {
            return Err(Error::invalid(
                "data_dir",
                format!("找不到存放数据的用户文件夹，请设置环境变量 {HOME_ENV} 指定数据文件夹。"),
            ));
        }
    };
    refuse_network_share(&dir)?;
    Ok(DataHome { dir, source })
}

/// The config file holding the user's choice of data folder.
pub fn config_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("shuxiang").join("config.json"))
}

fn read_config(path: &Path) -> Config {
    // A missing or unreadable config means "no choice made": the default applies.
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Saves `dir` as the data folder in the config file at `config`, after
/// checking it is a local folder that can be created.
pub fn save_data_dir(config: &Path, dir: &Path) -> Result<()> {
    refuse_network_share(dir)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("无法创建文件夹 {}", dir.display()), e))?;
    let mut cfg = read_config(config);
    cfg.data_dir = Some(dir.to_owned());
    if let Some(parent) = config.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(format!("无法创建配置文件夹 {}", parent.display()), e))?;
    }
    let text = serde_json::to_vec_pretty(&cfg).expect("config serialises");
    std::fs::write(config, text)
        .map_err(|e| Error::io(format!("无法写入配置文件 {}", config.display()), e))
}

/// Chooses the data folder for the next start (the window's welcome and
/// settings): an absolute, local folder, saved in the user's config file.
pub fn choose_data_dir(dir: &Path) -> Result<String> {
    if let Some(portable) = portable_dir() {
        return Err(Error::invalid(
            "dir",
            format!(
                "这是绿色版：数据就在程序旁的“数据”文件夹（{}）里。要换地方，请把整个书香文件夹搬过去。",
                portable.display()
            ),
        ));
    }
    if !dir.is_absolute() {
        return Err(Error::invalid(
            "dir",
            "请填写完整的文件夹路径，例如 D:\\书香数据。",
        ));
    }
    let config = config_file()
        .ok_or_else(|| Error::invalid("dir", "找不到用户配置文件夹，无法保存数据文件夹的位置。"))?;
    save_data_dir(&config, dir)?;
    Ok(dir.display().to_string())
}

/// Refuses a folder on a network share (UNC path, SMB/NFS mount), where
/// SQLite's file locking is not safe.
pub fn refuse_network_share(dir: &Path) -> Result<()> {
    if is_network_path(dir) {
        return Err(Error::NetworkShare(dir.to_owned()));
    }
    Ok(())
}

fn is_network_path(dir: &Path) -> bool {
    let text = dir.to_string_lossy();
    if is_unc(&text) {
        return true;
    }
    #[cfg(target_os = "linux")]
    if let Ok(mounts) = std::fs::read_to_string("/proc/self/mounts") {
        return mount_is_network(&mounts, &nearest_existing(dir));
    }
    // A mapped network drive (Z: for \\server\share): Windows resolves the
    // real path of what exists to its `\\?\UNC\server\share\…` form.
    #[cfg(windows)]
    if is_unc(&nearest_existing(dir).to_string_lossy()) {
        return true;
    }
    false
}

/// `\\server\share\…` or `//server/share/…`, but not the local `\\?\C:\` form.
fn is_unc(path: &str) -> bool {
    let p = path.replace('/', "\\");
    if let Some(rest) = p.strip_prefix("\\\\?\\") {
        return rest.to_ascii_uppercase().starts_with("UNC\\");
    }
    p.starts_with("\\\\") && !p.starts_with("\\\\.\\")
}

/// `dir` made absolute and resolved through its nearest existing ancestor.
#[cfg(any(target_os = "linux", windows))]
fn nearest_existing(dir: &Path) -> PathBuf {
    let abs = if dir.is_absolute() {
        dir.to_owned()
    } else {
        std::env::current_dir().unwrap_or_default().join(dir)
    };
    abs.ancestors()
        .find_map(|a| a.canonicalize().ok())
        .unwrap_or(abs)
}

/// Whether the mount (from `/proc/self/mounts` text) holding `path` is a network file system.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn mount_is_network(mounts: &str, path: &Path) -> bool {
    const NETWORK: &[&str] = &[
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "9p",
        "afs",
        "ceph",
        "glusterfs",
        "davfs",
        "ncpfs",
    ];
    mounts
        .lines()
        .filter_map(|line| {
            let mut f = line.split_whitespace();
            let (_dev, point, fstype) = (f.next()?, f.next()?, f.next()?);
            let point = point.replace("\\040", " ");
            path.starts_with(&point)
                .then(|| (point.len(), fstype.to_owned()))
        })
        .max_by_key(|(len, _)| *len)
        .is_some_and(|(_, fstype)| {
            let t = fstype.strip_prefix("fuse.").unwrap_or(&fstype);
            NETWORK.contains(&t) || t == "sshfs"
        })
}

/// A lock beside the database file that says who has it open: every opener
/// holds it shared; a restore needs it exclusive, so it cannot replace a
/// database the app or another command is using.
#[derive(Debug)]
pub struct DbLock(#[allow(dead_code)] File);

impl DbLock {
    fn file(db: &Path) -> Result<File> {
        let mut name = db.as_os_str().to_owned();
        name.push(".lock");
        let path = PathBuf::from(name);
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(format!("无法创建锁文件 {}", path.display()), e))
    }

    /// Shared: any number of users of the database at once.
    pub fn shared(db: &Path) -> Result<DbLock> {
        let file = Self::file(db)?;
        match file.try_lock_shared() {
            Ok(()) => Ok(DbLock(file)),
            Err(TryLockError::WouldBlock) => {
                Err(Error::Busy("数据正在恢复或迁移中，请稍候片刻再试。".into()))
            }
            Err(TryLockError::Error(e)) => Err(Error::io("无法锁定数据文件", e)),
        }
    }

    /// Exclusive: only when nobody else has the database open.
    pub fn exclusive(db: &Path) -> Result<DbLock> {
        let file = Self::file(db)?;
        match file.try_lock() {
            Ok(()) => Ok(DbLock(file)),
            Err(TryLockError::WouldBlock) => Err(Error::Busy(
                "书香程序或另一个 shuxiang 命令正在使用这个数据文件。请先关闭书香（以及其他命令）再恢复。".into(),
            )),
            Err(TryLockError::Error(e)) => Err(Error::io("无法锁定数据文件", e)),
        }
    }
}

/// Where files exported from the window go: the user's Documents folder,
/// `书香导出` (the data folder's `exports` when there is no documents
/// folder). The intranet host gives a folder of its own instead when it
/// makes an export for an operator at another PC.
pub fn exports_dir(fallback_dir: &Path) -> PathBuf {
    dirs::document_dir()
        .map(|d| d.join("书香导出"))
        .unwrap_or_else(|| fallback_dir.join("exports"))
}

/// `file_name` in the export folder `dir`, created when missing.
pub fn export_path(dir: &Path, file_name: &str) -> Result<PathBuf> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format!("无法创建导出文件夹 {}", dir.display()), e))?;
    Ok(dir.join(file_name))
}

/// Like [`export_path`], but never a file that is already there: the second
/// `合影.jpg` saved is `合影 (2).jpg`.
pub fn unused_export_path(dir: &Path, file_name: &str) -> Result<PathBuf> {
    let first = export_path(dir, file_name)?;
    if !first.exists() {
        return Ok(first);
    }
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (file_name, String::new()),
    };
    (2..10_000)
        .map(|n| first.with_file_name(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .ok_or_else(|| {
            Error::io(
                format!("导出文件夹里已有太多名为 {file_name} 的文件"),
                std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuxiang_home_wins_over_the_saved_choice_and_the_default() {
        let h = resolve_from(
            Some("/a".into()),
            Some("/p".into()),
            Some("/b".into()),
            Some("/c".into()),
        )
        .unwrap();
        assert_eq!(
            (h.dir, h.source),
            (PathBuf::from("/a"), HomeSource::Environment)
        );
        let h = resolve_from(None, Some("/p".into()), Some("/b".into()), None).unwrap();
        assert_eq!(
            (h.dir, h.source),
            (PathBuf::from("/p"), HomeSource::Portable),
            "a portable copy's own folder beats this PC's saved choice"
        );
        let h = resolve_from(None, None, Some("/b".into()), Some("/c".into())).unwrap();
        assert_eq!(
            (h.dir, h.source),
            (PathBuf::from("/b"), HomeSource::Config),
            "a moved folder beats the default"
        );
        let h = resolve_from(None, None, None, Some("/c".into())).unwrap();
        assert_eq!(h.source, HomeSource::Default);
    }

    #[test]
    fn a_data_folder_beside_the_program_makes_it_a_portable_copy() {
        let tmp = tempfile::tempdir().unwrap();
        let exe = tmp.path().join("书香 绿色版").join("shuxiang.exe");
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        assert_eq!(
            portable_dir_beside(&exe),
            None,
            "no 数据 folder, no portable copy"
        );
        let data = exe.parent().unwrap().join(PORTABLE_DIR);
        std::fs::write(&data, b"").unwrap();
        assert_eq!(
            portable_dir_beside(&exe),
            None,
            "a file named 数据 is not the folder"
        );
        std::fs::remove_file(&data).unwrap();
        std::fs::create_dir(&data).unwrap();
        assert_eq!(portable_dir_beside(&exe), Some(data));
    }

    #[test]
    fn a_saved_data_folder_is_read_back_from_the_config_file() {
        let tmp = tempfile::tempdir().unwrap();
        let cfg = tmp.path().join("cfg").join("config.json");
        let data = tmp.path().join("D盘数据");
        save_data_dir(&cfg, &data).unwrap();
        assert_eq!(read_config(&cfg).data_dir, Some(data.clone()));
        assert!(data.is_dir(), "the chosen folder is created");
    }

    #[test]
    fn unc_paths_are_network_shares_but_local_long_paths_are_not() {
        assert!(is_unc(r"\\fileserver\共享\书香"));
        assert!(is_unc("//fileserver/share"));
        assert!(is_unc(r"\\?\UNC\server\share"));
        assert!(!is_unc(r"\\?\C:\书香"));
        assert!(!is_unc(r"D:\书香数据"));
        assert!(!is_unc("/home/user/.local/share/shuxiang"));
        assert!(
            resolve_from(Some(r"\\server\share".into()), None, None, None).is_err(),
            "a UNC data folder is refused"
        );
    }

    #[test]
    fn a_folder_under_an_nfs_or_smb_mount_is_a_network_share() {
        let mounts = "/dev/vda / ext4 rw 0 0\nserver:/export /mnt/nfs nfs4 rw 0 0\n//srv/share /mnt/office\\040share cifs rw 0 0\nsshfs#x /mnt/ssh fuse.sshfs rw 0 0\n";
        assert!(mount_is_network(mounts, Path::new("/mnt/nfs/shuxiang")));
        assert!(
            mount_is_network(mounts, Path::new("/mnt/office share/data")),
            "escaped spaces in mount points"
        );
        assert!(mount_is_network(mounts, Path::new("/mnt/ssh")));
        assert!(
            !mount_is_network(mounts, Path::new("/home/user/shuxiang")),
            "the root ext4 mount is local"
        );
    }

    #[test]
    fn a_restore_cannot_lock_a_database_that_someone_has_open() {
        let tmp = tempfile::tempdir().unwrap();
        let db = tmp.path().join("x.db");
        let user = DbLock::shared(&db).unwrap();
        let err = DbLock::exclusive(&db).unwrap_err();
        assert_eq!(err.code(), "conflict", "an open database blocks a restore");
        drop(user);
        let restore = DbLock::exclusive(&db).unwrap();
        assert!(
            DbLock::shared(&db).is_err(),
            "nobody opens the database during a restore"
        );
        drop(restore);
    }
}
