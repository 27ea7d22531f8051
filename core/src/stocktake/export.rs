//! A stocktake's report as an .xlsx workbook, one sheet per list: missing,
//! misplaced, not on the list, unknown barcodes.

use super::*;

/// Writes the report as an .xlsx workbook, one sheet per list.
pub fn export_report(db: &Db, stocktake_id: i64, path: &std::path::Path) -> Result<()> {
    use rust_xlsxwriter::{Format, Workbook};
    let report = stocktake_report(db, stocktake_id)?;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let status_label = |code: &str| CopyStatus::from_code(code).label();
    let sheets: [(&str, &[StocktakeItem]); 4] = [
        ("未找到", &report.missing),
        ("错架", &report.misplaced),
        ("意外出现", &report.unexpected),
        ("借出但在架", &report.on_loan_on_shelf),
    ];
    let xlsx =
        |e: rust_xlsxwriter::XlsxError| Error::io("无法生成盘点报告", std::io::Error::other(e));
    {
        let summary = book.add_worksheet().set_name("概况").map_err(xlsx)?;
        let st = &report.stocktake;
        let rows = [
            ("盘点", st.name.clone()),
            (
                "范围",
                st.locations
                    .as_ref()
                    .map(|l| l.join("、"))
                    .unwrap_or_else(|| "全部书架".into()),
            ),
            ("开始", st.started_at.clone()),
            ("应盘册数", st.expected.to_string()),
            ("已扫描", st.seen.to_string()),
            ("未找到", report.missing.len().to_string()),
            ("错架", report.misplaced.len().to_string()),
            ("意外出现", report.unexpected.len().to_string()),
            ("借出但在架", report.on_loan_on_shelf.len().to_string()),
            ("借出未还（正常）", report.out_on_loan.to_string()),
            ("未知条码", report.unknown.len().to_string()),
        ];
        summary.set_column_width(0, 18).map_err(xlsx)?;
        summary.set_column_width(1, 30).map_err(xlsx)?;
        for (r, (k, v)) in rows.iter().enumerate() {
            summary
                .write_string_with_format(r as u32, 0, *k, &bold)
                .map_err(xlsx)?;
            summary
                .write_string(r as u32, 1, crate::text::guard_cell(v))
                .map_err(xlsx)?;
        }
    }
    for (name, items) in sheets {
        let sheet = book.add_worksheet().set_name(name).map_err(xlsx)?;
        let head = ["条码", "书名", "索书号", "登记位置", "扫描位置", "当前状态"];
        for (c, h) in head.iter().enumerate() {
            sheet
                .write_string_with_format(0, c as u16, *h, &bold)
                .map_err(xlsx)?;
        }
        sheet.set_column_width(1, 40).map_err(xlsx)?;
        for (r, item) in items.iter().enumerate() {
            let cells = [
                item.barcode.as_str(),
                item.title.as_str(),
                item.call_number.as_deref().unwrap_or(""),
                item.expected_location.as_deref().unwrap_or(""),
                item.seen_location.as_deref().unwrap_or(""),
                status_label(&item.status_now),
            ];
            for (c, v) in cells.iter().enumerate() {
                sheet
                    .write_string(r as u32 + 1, c as u16, crate::text::guard_cell(v))
                    .map_err(xlsx)?;
            }
        }
    }
    let sheet = book.add_worksheet().set_name("未知条码").map_err(xlsx)?;
    sheet
        .write_string_with_format(0, 0, "条码", &bold)
        .map_err(xlsx)?;
    sheet
        .write_string_with_format(0, 1, "扫描位置", &bold)
        .map_err(xlsx)?;
    for (r, u) in report.unknown.iter().enumerate() {
        sheet
            .write_string(r as u32 + 1, 0, crate::text::guard_cell(&u.barcode))
            .map_err(xlsx)?;
        sheet
            .write_string(
                r as u32 + 1,
                1,
                crate::text::guard_cell(u.location.as_deref().unwrap_or("")),
            )
            .map_err(xlsx)?;
    }
    book.save(path)
        .map_err(|e| crate::Error::workbook_not_saved(path, e))
}

/// Writes a stocktake's report for the user (Documents/书香导出) and says where.
pub fn export_report_for_user(
    db: &Db,
    stocktake_id: i64,
    export_dir: &std::path::Path,
) -> Result<String> {
    let st = db.read(|tx| get_stocktake(tx, stocktake_id))?;
    let safe: String = st
        .name
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let path = crate::home::export_path(export_dir, &format!("盘点报告-{safe}.xlsx"))?;
    export_report(db, stocktake_id, &path)?;
    Ok(path.display().to_string())
}
