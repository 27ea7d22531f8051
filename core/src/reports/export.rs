//! The reports as .xlsx workbooks for the office: a person's learning record,
//! a department's or group's figures, and the year's report.

use super::*;

fn xlsx(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::io("无法生成 Excel 文件", std::io::Error::other(e))
}

fn write_table(
    book: &mut rust_xlsxwriter::Workbook,
    name: &str,
    head: &[&str],
    rows: &[Vec<String>],
) -> Result<()> {
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let sheet = book.add_worksheet().set_name(name).map_err(xlsx)?;
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
        sheet.set_column_width(c as u16, 14).map_err(xlsx)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            match v.parse::<f64>() {
                Ok(n) if !v.starts_with('0') || v == "0" || v.starts_with("0.") => sheet
                    .write_number(r as u32 + 1, c as u16, n)
                    .map_err(xlsx)?,
                _ => sheet
                    .write_string(r as u32 + 1, c as u16, crate::text::guard_cell(v))
                    .map_err(xlsx)?,
            };
        }
    }
    Ok(())
}

fn save(
    book: &mut rust_xlsxwriter::Workbook,
    export_dir: &std::path::Path,
    name: &str,
) -> Result<String> {
    let safe: String = name
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let path = crate::home::export_path(export_dir, &safe)?;
    book.save(&path)
        .map_err(|e| crate::Error::workbook_not_saved(&path, e))?;
    Ok(path.display().to_string())
}

/// A person's record as .xlsx (Documents/书香导出).
pub fn export_person_record(
    db: &Db,
    person_id: i64,
    from: NaiveDate,
    to: NaiveDate,
    export_dir: &std::path::Path,
) -> Result<String> {
    let r = person_record(db, person_id, from, to)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let t = &r.totals;
    write_table(
        &mut book,
        "概况",
        &["项目", "数量"],
        &[
            vec!["借阅图书".into(), t.borrowed.to_string()],
            vec!["领读分享".into(), t.presented.to_string()],
            vec!["参加分享".into(), t.attended.to_string()],
            vec!["参加培训".into(), t.trainings.to_string()],
            vec!["培训结业".into(), t.trainings_completed.to_string()],
            vec!["培训未结业".into(), t.trainings_missed.to_string()],
            vec!["读书心得（已发表）".into(), t.notes.to_string()],
        ],
    )?;
    write_table(
        &mut book,
        "借阅",
        &["借出日期", "书名", "作者", "条码", "应还", "归还"],
        &r.borrowed
            .iter()
            .map(|b| {
                vec![
                    b.borrowed_on.clone(),
                    b.title.clone(),
                    b.authors.clone().unwrap_or_default(),
                    b.barcode.clone(),
                    b.due_on.clone(),
                    b.returned_on.clone().unwrap_or_default(),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "读书分享",
        &["时间", "活动", "角色", "分享的书"],
        &r.presented
            .iter()
            .map(|p| {
                vec![
                    p.starts_at.replace('T', " "),
                    p.theme.clone(),
                    "领读".into(),
                    p.book.clone().unwrap_or_default(),
                ]
            })
            .chain(r.attended.iter().map(|a| {
                vec![
                    a.starts_at.replace('T', " "),
                    a.theme.clone(),
                    "参加".into(),
                    String::new(),
                ]
            }))
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "培训",
        &["专题", "批次", "开始", "出勤", "应到", "结业"],
        &r.trainings
            .iter()
            .map(|t| {
                vec![
                    t.topic.clone(),
                    t.batch.clone(),
                    t.starts_on.clone().unwrap_or_default(),
                    t.present.to_string(),
                    t.held.to_string(),
                    if t.completed {
                        "结业".into()
                    } else if t.missed {
                        "未结业".into()
                    } else {
                        "进行中".into()
                    },
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "读书心得",
        &["发表日期", "书名", "精选"],
        &r.notes
            .iter()
            .map(|n| {
                vec![
                    n.published_on.clone(),
                    n.title.clone(),
                    if n.featured { "精选" } else { "" }.into(),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    save(
        &mut book,
        export_dir,
        &format!("学习档案-{}-{}至{}.xlsx", r.person.name, r.from, r.to),
    )
}

/// Unit figures as .xlsx.
pub fn export_unit_figures(
    db: &Db,
    by_group: bool,
    from: NaiveDate,
    to: NaiveDate,
    export_dir: &std::path::Path,
) -> Result<String> {
    let units = unit_figures(db, by_group, from, to)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    write_table(
        &mut book,
        if by_group {
            "按专业小组"
        } else {
            "按部门"
        },
        &[
            "排名",
            "单位",
            "人数",
            "借阅人数",
            "借阅册次",
            "领读",
            "参加分享",
            "培训结业",
            "读书心得",
            "人均",
        ],
        &units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                vec![
                    (i + 1).to_string(),
                    u.unit.clone(),
                    u.people.to_string(),
                    u.readers.to_string(),
                    u.borrowed.to_string(),
                    u.presented.to_string(),
                    u.attended.to_string(),
                    u.trainings_completed.to_string(),
                    u.notes.to_string(),
                    format!("{:.2}", u.per_head),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    save(
        &mut book,
        export_dir,
        &format!(
            "学习统计-{}-{from}至{to}.xlsx",
            if by_group { "专业小组" } else { "部门" }
        ),
    )
}

/// The annual report as .xlsx.
pub fn export_annual_report(db: &Db, year: i32, export_dir: &std::path::Path) -> Result<String> {
    let r = annual_report(db, year)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let rate = |v: Option<f64>| v.map(|r| format!("{r}%")).unwrap_or_default();
    write_table(
        &mut book,
        "概况",
        &["项目", "数值"],
        &[
            vec!["新增图书（册）".into(), r.volumes_added.to_string()],
            vec!["新增书目（种）".into(), r.titles_added.to_string()],
            vec!["借阅（册次）".into(), r.loans.to_string()],
            vec!["借阅读者（人）".into(), r.active_readers.to_string()],
            vec!["读书分享举行（次）".into(), r.sharing.held.to_string()],
            vec!["读书分享出席率".into(), rate(r.sharing.attendance_rate)],
            vec!["分享图书（种次）".into(), r.sharing.books.to_string()],
            vec!["培训批次".into(), r.training.batches.to_string()],
            vec!["培训学员（人次）".into(), r.training.trainees.to_string()],
            vec!["培训结业（人次）".into(), r.training.completed.to_string()],
            vec!["结业率".into(), rate(r.training.completion_rate)],
        ],
    )?;
    let counts = |v: &[Count]| {
        v.iter()
            .map(|c| {
                vec![
                    c.label.clone().unwrap_or_else(|| c.key.clone()),
                    c.count.to_string(),
                ]
            })
            .collect::<Vec<_>>()
    };
    write_table(
        &mut book,
        "每月借阅",
        &["月份", "借阅"],
        &r.loans_per_month
            .iter()
            .map(|c| vec![c.key.clone(), c.count.to_string()])
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "热门图书",
        &["书名", "借阅"],
        &counts(&r.top_titles),
    )?;
    write_table(
        &mut book,
        "阅读之星",
        &["读者", "借阅"],
        &counts(&r.top_readers),
    )?;
    write_table(
        &mut book,
        "按分类",
        &["分类", "借阅"],
        &r.by_class
            .iter()
            .map(|c| {
                vec![
                    format!("{} {}", c.key, c.label.clone().unwrap_or_default()),
                    c.count.to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "按部门",
        &["部门/代表团", "借阅", "读者"],
        &r.by_unit
            .iter()
            .map(|(u, n, p)| vec![u.clone(), n.to_string(), p.to_string()])
            .collect::<Vec<_>>(),
    )?;
    write_table(
        &mut book,
        "培训覆盖",
        &["专业小组", "代表", "参训", "结业"],
        &r.training
            .coverage
            .iter()
            .map(|c| {
                vec![
                    c.group.clone(),
                    c.deputies.to_string(),
                    c.trained.to_string(),
                    c.completed.to_string(),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    let rate = |r: Option<f64>| r.map(|v| format!("{v:.1}%")).unwrap_or_default();
    let mut arrival: Vec<Vec<String>> = r
        .periodicals
        .titles
        .iter()
        .map(|a| {
            vec![
                "报刊".into(),
                a.name.clone(),
                a.due.to_string(),
                a.arrived.to_string(),
                rate(a.rate),
            ]
        })
        .collect();
    arrival.extend(r.periodicals.suppliers.iter().map(|a| {
        vec![
            "订阅渠道".into(),
            a.name.clone(),
            a.due.to_string(),
            a.arrived.to_string(),
            rate(a.rate),
        ]
    }));
    arrival.push(vec![
        "合订".into(),
        format!("{} 册合订本", r.periodicals.bound_volumes),
        String::new(),
        r.periodicals.bound_issues.to_string(),
        String::new(),
    ]);
    write_table(
        &mut book,
        "报刊到刊",
        &["类别", "名称", "应到期数", "已到期数", "到刊率"],
        &arrival,
    )?;
    let yuan = |fen: i64| format!("{:.2}", fen as f64 / 100.0);
    write_table(
        &mut book,
        "经费",
        &[
            "经费",
            "预算（元）",
            "已订未到（元）",
            "已支出（元）",
            "已用",
        ],
        &r.budgets
            .iter()
            .map(|b| {
                vec![
                    b.kind.label().into(),
                    b.amount_fen.map(yuan).unwrap_or_else(|| "未设".into()),
                    yuan(b.committed_fen),
                    yuan(b.spent_fen),
                    rate(b.percent),
                ]
            })
            .collect::<Vec<_>>(),
    )?;
    save(&mut book, export_dir, &format!("年度阅读报告-{year}.xlsx"))
}
