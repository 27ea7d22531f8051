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
    let name = attachment_name(name)?;
    if bytes.is_empty() {
        return Err(Error::invalid("file", "文件是空的。"));
    }
    if bytes.len() > MAX_ATTACHMENT {
        return Err(Error::invalid("file", "文件超过 20 MB，请压缩后再添加。"));
    }
    if let Some(kind) = image_kind(&name)
        && !kind.matches(bytes)
    {
        return Err(Error::invalid(
            "file",
            format!(
                "“{name}”的内容不是 {} 图片（可能已损坏，或只是改了扩展名），没有添加。",
                kind.label
            ),
        ));
    }
    db.write(actor, |tx| {
        let s = get_session(tx, id)?;
        store::insert_attachment(tx, id, &name, bytes)?;
        tx.audit(
            crate::Action::Attach,
            crate::Entity::ShareSession,
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
            crate::Action::Detach,
            crate::Entity::ShareSession,
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
    export_dir: &std::path::Path,
) -> Result<String> {
    let (name, data) = db.read(|tx| store::get_attachment_data(tx, attachment_id))?;
    // Names stored before names were checked may still hold a path.
    let name = attachment_name(&name).unwrap_or_else(|_| format!("附件{attachment_id}"));
    let path = crate::home::unused_export_path(export_dir, &name)?;
    std::fs::write(&path, data)
        .map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    Ok(path.display().to_string())
}

/// An attachment's name as a file name of its own: the last part of a
/// path a browser or a dropped file may give (`C:\照片\黑板.jpg` is
/// `黑板.jpg`), trailing dots and spaces dropped as Windows drops them.
/// Nothing that walks out of a folder or that Windows reserves (`..`,
/// `CON`, `NUL.txt`, `COM1`) and no control character.
pub(crate) fn attachment_name(name: &str) -> Result<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let last = last.trim().trim_end_matches(['.', ' ']);
    let refuse = |why: &str| {
        Err(Error::invalid(
            "name",
            format!(
                "文件名“{}”{why}，请改名后再添加。",
                name.chars()
                    .filter(|c| !c.is_control())
                    .take(60)
                    .collect::<String>()
            ),
        ))
    };
    if last.is_empty() {
        return refuse("不是有效的文件名");
    }
    if last
        .chars()
        .any(|c| c.is_control() || ":*?\"<>|".contains(c))
    {
        return refuse("含有不能用于文件名的字符");
    }
    let stem = last
        .split('.')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        return refuse("是 Windows 保留的设备名");
    }
    if last.chars().count() > 200 {
        return refuse("超过 200 个字");
    }
    Ok(last.to_owned())
}

/// An image format, told by a file's extension and checked by its first
/// bytes.
struct ImageKind {
    label: &'static str,
    magic: &'static [&'static [u8]],
}

impl ImageKind {
    fn matches(&self, bytes: &[u8]) -> bool {
        if self.label == "WebP" {
            return bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP";
        }
        self.magic.iter().any(|m| bytes.starts_with(m))
    }
}

fn image_kind(name: &str) -> Option<ImageKind> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    let (label, magic): (&str, &[&[u8]]) = match ext.as_str() {
        "jpg" | "jpeg" | "jpe" => ("JPEG", &[b"\xFF\xD8\xFF"]),
        "png" => ("PNG", &[b"\x89PNG\r\n\x1A\n"]),
        "gif" => ("GIF", &[b"GIF87a", b"GIF89a"]),
        "bmp" => ("BMP", &[b"BM"]),
        "webp" => ("WebP", &[]),
        "tif" | "tiff" => ("TIFF", &[b"II*\0", b"MM\0*"]),
        _ => return None,
    };
    Some(ImageKind { label, magic })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_its_last_part_and_refuses_what_walks_out_or_windows_reserves() {
        assert_eq!(attachment_name("黑板.jpg").unwrap(), "黑板.jpg");
        assert_eq!(attachment_name("C:\\照片\\黑板.jpg").unwrap(), "黑板.jpg");
        assert_eq!(attachment_name("../../etc/passwd").unwrap(), "passwd");
        assert_eq!(attachment_name("纪要.docx. . ").unwrap(), "纪要.docx");
        for bad in [
            "", "..", "a/..", "/", "NUL.txt", "con", "COM1.jpg", "lpt9", "a\u{0}b", "a:b",
        ] {
            assert!(attachment_name(bad).is_err(), "{bad:?} is refused");
        }
        assert!(attachment_name("COM10.txt").is_ok() && attachment_name("console.txt").is_ok());
    }

    #[test]
    fn an_image_name_must_hold_an_image() {
        let png = image_kind("合影.PNG").unwrap();
        assert!(png.matches(b"\x89PNG\r\n\x1A\n...."));
        assert!(!png.matches(b"MZ\x90\0 an exe"));
        assert!(image_kind("x.jpg").unwrap().matches(b"\xFF\xD8\xFF\xE0"));
        assert!(
            image_kind("x.webp")
                .unwrap()
                .matches(b"RIFF\0\0\0\0WEBPVP8 ")
        );
        assert!(!image_kind("x.webp").unwrap().matches(b"RIFF\0\0\0\0WAVE"));
        assert!(
            image_kind("讲稿.pptx").is_none(),
            "other files are taken as they are"
        );
    }
}
