//! The core's one error type. Every variant carries a Chinese message fit to
//! show a user; `code()` gives the closed set of codes the UI branches on.

use std::path::PathBuf;

/// A failed or refused operation of the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The record asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The action clashes with what is stored (a duplicate barcode, a booked
    /// room); `field` names the form field that holds the clashing value.
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    /// A field the user gave is wrong; `field` names it so a form can mark it.
    #[error("{message}")]
    Invalid { field: String, message: String },
    /// The actor may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The database file was written by a newer version of the app.
    #[error(
        "数据文件由较新版本的书香创建（结构版本 {found}，本程序支持到 {supported}），为避免损坏数据已拒绝打开。请安装新版本后再使用。"
    )]
    NewerDatabase { found: i64, supported: i64 },
    /// The data folder is on a network share, where SQLite's locking is unsafe.
    #[error(
        "数据文件夹 {0} 位于网络共享（网络驱动器）上，多台电脑同时访问会损坏数据。请选择本机磁盘上的文件夹，例如 D:\\书香数据。"
    )]
    NetworkShare(PathBuf),
    /// Another process holds the database in a way this action cannot share.
    #[error("{0}")]
    Busy(String),
    /// Nobody is logged in, or the login failed.
    #[error("{0}")]
    Unauthenticated(String),
    /// Too many wrong attempts in a short time: refused without checking.
    #[error("{0}")]
    TooManyAttempts(String),
    /// A file could not be read or written.
    #[error("{message}{}", io_reason(source))]
    Io {
        message: String,
        #[source]
        source: std::io::Error,
    },
    /// SQLite failed for a reason the user cannot fix by changing input.
    /// The engine's own words stay in the source (for diagnostics), never
    /// in what a user is shown.
    #[error(
        "数据库没能完成这项操作，什么都没有改动。请重试；如果一再出现，请在“关于”中导出诊断信息交给信息中心。"
    )]
    Sqlite(#[source] rusqlite::Error),
}

/// Why a file could not be read or written, in words a user can act on
/// (after the message saying which file): empty when the reason is rare.
fn io_reason(e: &std::io::Error) -> &'static str {
    // Windows: ERROR_SHARING_VIOLATION and ERROR_LOCK_VIOLATION, what a file
    // open in Excel or WPS gives anyone else who tries to write it.
    if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) {
        return "：文件正被其他程序（例如 Excel、WPS）打开，请先关闭它再试。";
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => "：找不到这个文件或文件夹。",
        std::io::ErrorKind::PermissionDenied => {
            "：没有权限（文件可能是只读的，或正被其他程序打开）。"
        }
        std::io::ErrorKind::StorageFull => "：磁盘已满，请先腾出空间。",
        std::io::ErrorKind::ReadOnlyFilesystem => "：这个磁盘只能读不能写。",
        _ => "",
    }
}

/// What the second of two operators editing one record is told.
pub const EDITED_ELSEWHERE: &str = "已被他人修改，请刷新后再改。";

/// Refuses an edit made on an older revision of a record than the one
/// stored, and an edit that names none: without it, any client could
/// overwrite another's change silently.
pub(crate) fn check_revision(stored: i64, sent: Option<i64>) -> Result<()> {
    match sent {
        Some(sent) if sent == stored => Ok(()),
        Some(_) => Err(Error::conflict(EDITED_ELSEWHERE)),
        // Without the revision it was based on, an edit could overwrite
        // another's silently: refused, whoever sends it.
        None => Err(Error::invalid(
            "revision",
            "这次修改没有说明是在哪个版本上改的，为免覆盖他人的修改，没有保存。请刷新后再改。",
        )),
    }
}

/// What a user is told when the database stayed locked past the busy
/// timeout: another import, a backup or another window holds it.
pub const BUSY_MESSAGE: &str =
    "数据正被另一项操作（导入、备份或另一个窗口）占用，本次操作没有执行。请稍候片刻再试。";

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                Error::Busy(BUSY_MESSAGE.to_owned())
            }
            _ => Error::Sqlite(e),
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable code a caller branches on: one of `not_found`, `conflict`,
    /// `invalid`, `forbidden`, `unauthenticated`, `too_many_attempts`, `io`,
    /// `internal`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::Conflict { .. } | Error::Busy(_) => "conflict",
            Error::Invalid { .. } => "invalid",
            Error::Forbidden(_) => "forbidden",
            Error::Unauthenticated(_) => "unauthenticated",
            Error::TooManyAttempts(_) => "too_many_attempts",
            Error::NewerDatabase { .. } | Error::NetworkShare(_) | Error::Io { .. } => "io",
            Error::Sqlite(_) => "internal",
        }
    }

    /// The field a form should mark, when the error is about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Conflict { field, .. } => field.as_deref(),
            _ => None,
        }
    }

    /// An invalid-field error.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.to_owned(),
            message: message.into(),
        }
    }

    /// A clash with what is stored, not tied to one field.
    pub fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict {
            field: None,
            message: message.into(),
        }
    }

    /// A clash with what is stored, caused by the value of `field`.
    pub fn conflict_on(field: &str, message: impl Into<String>) -> Self {
        Error::Conflict {
            field: Some(field.to_owned()),
            message: message.into(),
        }
    }

    /// An I/O error with a message saying what was being done to which file.
    pub fn io(message: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            message: message.into(),
            source,
        }
    }

    /// A workbook that could not be saved as `path`, with the file
    /// system's reason when that is what failed (a file open in Excel).
    pub fn workbook_not_saved(path: &std::path::Path, e: rust_xlsxwriter::XlsxError) -> Self {
        let source = match e {
            rust_xlsxwriter::XlsxError::IoError(io) => io,
            other => std::io::Error::other(other),
        };
        Error::io(format!("无法写入 {}", path.display()), source)
    }

    /// A file that could not be written as `path`.
    pub fn not_written(path: &std::path::Path, e: std::io::Error) -> Self {
        Error::io(format!("无法写入 {}", path.display()), e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_error_says_which_file_and_why_in_words() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(
            Error::not_written(std::path::Path::new("书目.csv"), missing).to_string(),
            "无法写入 书目.csv：找不到这个文件或文件夹。"
        );
        let saved = Error::workbook_not_saved(
            std::path::Path::new("书目.xlsx"),
            rust_xlsxwriter::XlsxError::IoError(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            )),
        );
        assert!(
            saved
                .to_string()
                .ends_with("没有权限（文件可能是只读的，或正被其他程序打开）。"),
            "the workbook's file-system reason is kept: {saved}"
        );
        let rare = std::io::Error::other("x");
        assert_eq!(Error::io("无法写入 a", rare).to_string(), "无法写入 a");
    }

    #[cfg(windows)]
    #[test]
    fn a_file_open_in_excel_is_named_as_the_reason() {
        let held = std::io::Error::from_raw_os_error(32);
        let e = Error::not_written(std::path::Path::new(r"D:\书目.xlsx"), held);
        assert!(e.to_string().contains("Excel"), "{e}");
    }
}
