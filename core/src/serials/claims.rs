//! The 缺刊催询单 as a workbook, beside the printed sheets: the issues late
//! on a day with their supplier, days late, copies missing and the claims
//! made so far — to send to the post office or keep with the year's files.

use std::path::Path;

use chrono::NaiveDate;

use super::{LateIssue, late};
use crate::db::Db;
use crate::error::{Error, Result};

const HEAD: [&str; 9] = [
    "订阅渠道",
    "邮发代号",
    "报刊名称",
    "期次",
    "应到日期",
    "逾期天数",
    "缺份数",
    "已催询次数",
    "状态",
];

/// Writes the issues late on `on` to `path` (.xlsx), by supplier as the
/// late list orders them; the rows written.
pub fn export_claims(db: &Db, on: NaiveDate, path: &Path) -> Result<Vec<LateIssue>> {
    let rows = late(db, on)?;
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::workbook_not_saved(path, e);
    let mut book = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("缺刊催询单").map_err(xlsx)?;
    for (c, h) in HEAD.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
        sheet
            .set_column_width(c as u16, if c == 2 || c == 3 { 26 } else { 12 })
            .map_err(xlsx)?;
    }
    for (i, l) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &l.supplier).map_err(xlsx)?;
        sheet
            .write_string(r, 1, l.postal_code.as_deref().unwrap_or(""))
            .map_err(xlsx)?;
        sheet.write_string(r, 2, &l.title).map_err(xlsx)?;
        sheet.write_string(r, 3, &l.label).map_err(xlsx)?;
        sheet.write_string(r, 4, &l.expected_on).map_err(xlsx)?;
        sheet.write_number(r, 5, l.days_late as f64).map_err(xlsx)?;
        sheet
            .write_number(r, 6, l.copies_missing as f64)
            .map_err(xlsx)?;
        sheet.write_number(r, 7, l.claims as f64).map_err(xlsx)?;
        sheet.write_string(r, 8, l.status.label()).map_err(xlsx)?;
    }
    book.save(path).map_err(xlsx)?;
    Ok(rows)
}

/// Writes the issues late on `on` into the export folder `dir` as
/// `缺刊催询单 {on}.xlsx`; the file's path.
pub fn export_claims_for_user(db: &Db, on: NaiveDate, dir: &Path) -> Result<String> {
    let path = crate::home::export_path(dir, &format!("缺刊催询单 {on}.xlsx"))?;
    export_claims(db, on, &path)?;
    Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use calamine::Reader;

    use super::*;
    use crate::audit::Actor;
    use crate::clock::Clock;
    use crate::serials::{self, SerialDraft, SubscriptionDraft};

    #[test]
    fn the_claims_workbook_lists_each_late_issue_with_its_supplier_and_claims() {
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(Clock::Fixed("2027-03-01T02:00:00Z".parse().unwrap()));
        let added = serials::add_subscription(
            &db,
            &Actor::CommandLine,
            &SerialDraft {
                title: "中国人大".into(),
                postal_code: Some("2-873".into()),
                ..Default::default()
            },
            &SubscriptionDraft {
                frequency: "月刊".into(),
                year: Some(2027),
                copies: Some(2),
                supplier: Some("县邮政局".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let on = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let first = serials::late(&db, on).unwrap()[0].issue_id;
        serials::claim(&db, &Actor::CommandLine, &[first], on).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = export_claims_for_user(&db, on, dir.path()).unwrap();
        assert!(path.ends_with("缺刊催询单 2027-03-01.xlsx"), "{path}");

        let mut book = calamine::open_workbook_auto(&path).unwrap();
        let sheet = book.worksheet_range("缺刊催询单").unwrap();
        let rows: Vec<Vec<String>> = sheet
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        assert_eq!(rows[0], HEAD, "the header as the sheet prints it");
        assert_eq!(
            rows.len(),
            3,
            "January's and February's issues (10th, 15 days' grace) are late on 1 March"
        );
        assert_eq!(
            rows[1],
            [
                "县邮政局",
                "2-873",
                "中国人大",
                "2027年第1期",
                "2027-01-10",
                "50",
                "2",
                "1",
                "已催询"
            ],
            "days late, copies missing and the claim so far"
        );
        assert_eq!(rows[2][7], "0", "not yet claimed");
        let _ = added;
    }
}
