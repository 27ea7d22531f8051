//! The log as an Excel file.

use super::*;

/// The filtered log as .xlsx (Documents/书香导出), up to 100,000 entries.
pub fn export_audit(
    db: &crate::Db,
    q: &AuditQuery,
    export_dir: &std::path::Path,
) -> Result<String> {
    let day = db.clock().today();
    let path = crate::home::export_path(export_dir, &format!("操作日志-{day}.xlsx"))?;
    export_audit_to(db, q, &path)?;
    Ok(path.display().to_string())
}

/// The filtered log as an .xlsx file at `path`, its actions and kinds of
/// record in words.
pub fn export_audit_to(db: &crate::Db, q: &AuditQuery, path: &std::path::Path) -> Result<()> {
    let mut all = q.clone();
    all.offset = 0;
    all.limit = Some(5000);
    let mut rows = Vec::new();
    loop {
        let page = audit_log(db, &all)?;
        let n = page.items.len();
        rows.extend(page.items);
        if n < 5000 || rows.len() >= 100_000 {
            break;
        }
        all.offset += 5000;
    }
    let xlsx = |e: rust_xlsxwriter::XlsxError| {
        crate::Error::io("无法生成操作日志", std::io::Error::other(e))
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("操作日志").map_err(xlsx)?;
    for (c, h) in [
        "时间（北京时间）",
        "操作人",
        "操作",
        "对象",
        "编号",
        "内容",
        "来自",
    ]
    .iter()
    .enumerate()
    {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
    }
    sheet.set_column_width(0, 20).map_err(xlsx)?;
    sheet.set_column_width(5, 80).map_err(xlsx)?;
    for (r, e) in rows.iter().enumerate() {
        let at = chrono::DateTime::parse_from_rfc3339(&e.at)
            .map(|t| {
                t.with_timezone(&crate::clock::office_offset())
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|_| e.at.clone());
        let cells = [
            at,
            e.actor_name.clone(),
            e.action_label.clone(),
            e.entity_label.clone(),
            e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            e.summary.clone(),
            e.client.clone().unwrap_or_default(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet
                .write_string(r as u32 + 1, c as u16, crate::text::guard_cell(v))
                .map_err(xlsx)?;
        }
    }
    book.save(path)
        .map_err(|e| crate::Error::workbook_not_saved(path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{NewPerson, PersonKind, create_person};

    #[test]
    fn the_exported_log_says_what_was_done_in_words() {
        use calamine::{Reader, Xlsx, open_workbook};
        let db = crate::Db::open_in_memory().unwrap();
        let person = NewPerson {
            kind: Some(PersonKind::Staff),
            name: "张三".into(),
            ..Default::default()
        };
        create_person(&db, &Actor::Desktop, &person).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.xlsx");
        export_audit_to(&db, &AuditQuery::default(), &path).unwrap();
        let mut book: Xlsx<_> = open_workbook(&path).unwrap();
        let sheet = book.worksheet_range("操作日志").unwrap();
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(
            rows[0],
            [
                "时间（北京时间）",
                "操作人",
                "操作",
                "对象",
                "编号",
                "内容",
                "来自"
            ]
        );
        assert_eq!(rows[1][1..4], ["本机用户", "新增", "人员"]);
        assert!(rows[1][5].contains("张三"), "{:?}", rows[1]);
    }
}
