//! Password-protected backups (.sxbk): the database file sealed with
//! ChaCha20-Poly1305 under a key stretched from the password by Argon2id.

use super::*;

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
pub(super) struct Opened {
    pub(super) path: PathBuf,
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

pub(super) fn open_backup(file: &Path, password: Option<&str>, scratch: &Path) -> Result<Opened> {
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
pub fn backup_to_file_for_user(db: &Db, actor: &Actor, dest: &Path) -> Result<BackupInfo> {
    actor.require(crate::Entity::Backup)?;
    if dest.as_os_str().is_empty() || dest.is_dir() {
        return Err(Error::invalid(
            "path",
            "请填写备份文件的完整路径，例如 E:\\书香备份.db。",
        ));
    }
    let password = db
        .read(|tx| crate::settings::get(tx, "backup_password"))?
        .filter(|p| !p.is_empty());
    let made = backup_sealed(db, dest, password.as_deref())?;
    db.write(actor, |tx| {
        tx.audit_action(
            crate::Action::Backup,
            crate::Entity::Backup,
            &format!("备份到 {}", dest.display()),
        )
    })?;
    Ok(made)
}

/// Sets (or with an empty one, clears) the password backups are sealed with.
pub fn set_backup_password(db: &Db, actor: &Actor, password: &str) -> Result<bool> {
    if !password.is_empty() && password.chars().count() < 6 {
        return Err(Error::invalid("password", "备份密码至少 6 位。"));
    }
    db.write(actor, |tx| {
        crate::settings::put_audited(
            tx,
            crate::Entity::Backup,
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
        .read(|tx| crate::settings::get(tx, "backup_password"))?
        .is_some_and(|p| !p.is_empty()))
}
