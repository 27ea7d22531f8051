//! What training reached: a deputy's history, each professional group's
//! coverage by topic, and a batch's roster as a spreadsheet.

use super::*;

/// One deputy's training: each batch, and whether they completed it.
#[derive(Debug, Clone, Serialize)]
pub struct TrainingRecord {
    pub batch: Batch,
    pub status: EnrolStatus,
    pub held: i64,
    pub present: i64,
    pub leave: i64,
    pub completed: bool,
}

/// A deputy's training history.
pub fn person_history(db: &Db, person_id: i64) -> Result<Vec<TrainingRecord>> {
    db.read(|tx| {
        let percent = store::completion_percent(tx)?;
        store::person_batches(tx, person_id)?
            .into_iter()
            .map(|c| {
                let batch = get_batch(tx, c.batch_id)?;
                Ok(TrainingRecord {
                    completed: c.status == EnrolStatus::Enrolled
                        && super::attendance::completed(batch.settled, c.held, c.present, percent),
                    batch,
                    status: c.status,
                    held: c.held,
                    present: c.present,
                    leave: c.leave,
                })
            })
            .collect()
    })
}

/// Coverage of one professional group: per topic, who completed, who is
/// enrolled; and who has not been trained this year at all.
#[derive(Debug, Clone, Serialize)]
pub struct GroupCoverage {
    pub group: String,
    pub deputies: i64,
    pub topics: Vec<TopicCoverage>,
    /// (id, name, delegation) of the group's deputies in no batch this year.
    pub untrained: Vec<(i64, String, Option<String>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicCoverage {
    pub topic_id: i64,
    pub topic: String,
    pub completed: i64,
    pub enrolled: i64,
}

/// Coverage of every professional group in `year`.
pub fn coverage(db: &Db, year: i32) -> Result<Vec<GroupCoverage>> {
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    db.read(|tx| {
        let deputies = store::list_deputies(tx)?;
        let percent = store::completion_percent(tx)?;
        let topics = list_topics(tx)?;
        let batches: Vec<Batch> = list_batches(tx, None)?
            .into_iter()
            .filter(|b| {
                let start = b.starts_on.clone().unwrap_or_default();
                let end = b.ends_on.clone().unwrap_or(start.clone());
                start.as_str() <= to.as_str() && end.as_str() >= from.as_str()
            })
            .collect();
        // person → [(topic, completed)]
        let mut per_person: HashMap<i64, Vec<(i64, bool)>> = HashMap::new();
        for b in &batches {
            let detail = detail_in(tx, b.id)?;
            let done: HashSet<i64> = results(
                &detail.sessions,
                &detail.enrolments,
                &detail.attendance,
                percent,
                b.closed,
            )
            .into_iter()
            .filter(|r| r.completed)
            .map(|r| r.person_id)
            .collect();
            for e in detail
                .enrolments
                .iter()
                .filter(|e| e.status == EnrolStatus::Enrolled)
            {
                per_person
                    .entry(e.person_id)
                    .or_default()
                    .push((b.topic_id, done.contains(&e.person_id)));
            }
        }
        Ok(crate::people::PROFESSIONAL_GROUPS
            .iter()
            .map(|g| {
                let members: Vec<_> = deputies
                    .iter()
                    .filter(|d| d.professional_group.as_deref() == Some(*g))
                    .collect();
                GroupCoverage {
                    group: (*g).to_owned(),
                    deputies: members.len() as i64,
                    topics: topics
                        .iter()
                        .map(|t| {
                            let mut c = TopicCoverage {
                                topic_id: t.id,
                                topic: t.name.clone(),
                                completed: 0,
                                enrolled: 0,
                            };
                            for m in &members {
                                for (topic, done) in per_person.get(&m.id).into_iter().flatten() {
                                    if *topic == t.id {
                                        if *done {
                                            c.completed += 1;
                                        } else {
                                            c.enrolled += 1;
                                        }
                                    }
                                }
                            }
                            c
                        })
                        .collect(),
                    untrained: members
                        .iter()
                        .filter(|m| !per_person.contains_key(&m.id))
                        .map(|m| (m.id, m.name.clone(), m.delegation.clone()))
                        .collect(),
                }
            })
            .collect())
    })
}

/// Writes a batch's roster and results as .xlsx (Documents/书香导出).
pub fn export_batch_for_user(
    db: &Db,
    batch_id: i64,
    export_dir: &std::path::Path,
) -> Result<String> {
    use rust_xlsxwriter::{Format, Workbook};
    let d = batch_detail(db, batch_id)?;
    let xlsx =
        |e: rust_xlsxwriter::XlsxError| Error::io("无法生成培训名册", std::io::Error::other(e));
    let guard = crate::text::guard_cell;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet().set_name("名册与结业").map_err(xlsx)?;
    let head = [
        "序号",
        "姓名",
        "专业小组",
        "代表团",
        "应到课次",
        "出勤",
        "请假",
        "缺勤",
        "出勤率",
        "结业",
    ];
    for (c, h) in head.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx)?;
    }
    for (r, t) in d.results.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_number(row, 0, (r + 1) as f64).map_err(xlsx)?;
        sheet.write_string(row, 1, guard(&t.name)).map_err(xlsx)?;
        sheet
            .write_string(row, 2, guard(t.professional_group.as_deref().unwrap_or("")))
            .map_err(xlsx)?;
        sheet
            .write_string(row, 3, guard(t.delegation.as_deref().unwrap_or("")))
            .map_err(xlsx)?;
        for (c, v) in [t.held, t.present, t.leave, t.absent].iter().enumerate() {
            sheet
                .write_number(row, 4 + c as u16, *v as f64)
                .map_err(xlsx)?;
        }
        sheet
            .write_string(row, 8, t.rate.map(|r| format!("{r}%")).unwrap_or_default())
            .map_err(xlsx)?;
        sheet
            .write_string(row, 9, if t.completed { "结业" } else { "" })
            .map_err(xlsx)?;
    }
    sheet.set_column_width(3, 18).map_err(xlsx)?;
    let safe: String = format!("{}-{}", d.batch.topic_name, d.batch.name)
        .chars()
        .map(|c| if "\\/:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    let path = crate::home::export_path(export_dir, &format!("培训名册-{safe}.xlsx"))?;
    book.save(&path)
        .map_err(|e| crate::Error::workbook_not_saved(&path, e))?;
    Ok(path.display().to_string())
}
