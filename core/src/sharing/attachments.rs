//! Photos and files kept with a session (the slides, a photo of the board).

use super::*;

/// The largest attachment kept (a photo from a phone, a scanned page).
pub const MAX_ATTACHMENT: usize = 20 * 1024 * 1024;

/// Keeps a photo or file with the session, as one action.
pub fn add_attachment(
    db: &Db,
    actor: &Actor,
    id: i64,
    name: &str,
    bytes: &[u8],
) -> Result<SessionDetail> {
    let name = checked_text("name", "文件名", Some(name), 200, false)?
        .ok_or_else(|| Error::invalid("name", "文件没有名字。"))?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "文件是空的。"));
    }
    if bytes.len() > MAX_ATTACHMENT {
        return Err(Error::invalid("file", "文件超过 20 MB，请压缩后再添加。"));
    }
    db.write(actor, |tx| {
        let s = get_session(tx, id)?;
        store::insert_attachment(tx, id, &name, bytes)?;
        tx.audit(
            "attach",
            "share_session",
            Some(id),
            &format!("“{}”添加附件 {name}", s.theme),
        )?;
        detail_in(tx, id)
    })
}

/// Removes an attachment, as one action.
pub fn remove_attachment(db: &Db, actor: &Actor, attachment_id: i64) -> Result<SessionDetail> {
    db.write(actor, |tx| {
        let session = store::delete_attachment(tx, attachment_id)?;
        tx.audit(
            "detach",
            "share_session",
            Some(session),
            &format!("删除附件 {attachment_id}"),
        )?;
        detail_in(tx, session)
    })
}

/// Writes an attachment out for the user to open (Documents/书香导出).
pub fn save_attachment_for_user(
    db: &Db,
    attachment_id: i64,
    fallback_dir: &std::path::Path,
) -> Result<String> {
    let (name, data) = db.read(|tx| store::get_attachment_data(tx, attachment_id))?;
    let safe: String = name
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let path = crate::home::export_path(fallback_dir, &safe)?;
    std::fs::write(&path, data)
        .map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    Ok(path.display().to_string())
}
