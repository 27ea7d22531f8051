//! Enrolment: deputies placed in a batch within its capacity, the rest on an
//! ordered waitlist; by hand, from a spreadsheet, or by the assignment's
//! confirmed proposal; withdrawal moves the waitlist up.

use super::*;

/// A deputy's clashes with a batch, shown before enrolling.
pub fn enrol_check(db: &Db, batch_id: i64, person_id: i64) -> Result<Vec<String>> {
    db.read(|tx| clashes_in_batch(tx, batch_id, person_id))
}

/// Whom to enrol: hand-picked, or a whole professional group.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EnrolSelection {
    pub person_ids: Vec<i64>,
    pub professional_group: Option<String>,
}

/// What an enrolment did, person by person.
#[derive(Debug, Clone, Default, Serialize)]
pub struct EnrolReport {
    pub enrolled: Vec<String>,
    pub waitlisted: Vec<String>,
    /// (name, why not)
    pub refused: Vec<(String, String)>,
}

pub(super) fn enrol_one(
    tx: &WriteTx<'_>,
    batch: &Batch,
    person_id: i64,
    pinned: bool,
    report: &mut EnrolReport,
) -> Result<()> {
    let person = get_person(tx, person_id)?;
    if person.kind != PersonKind::Deputy {
        report.refused.push((person.name, "不是人大代表".into()));
        return Ok(());
    }
    if !person.active {
        report.refused.push((person.name, "已停用".into()));
        return Ok(());
    }
    match store::find_enrolment(tx, batch.id, person_id)? {
        Some(EnrolStatus::Enrolled) => {
            report.refused.push((person.name, "已在本批次".into()));
            return Ok(());
        }
        Some(EnrolStatus::Waitlisted) => {
            report.refused.push((person.name, "已在候补名单".into()));
            return Ok(());
        }
        _ => {}
    }
    let clashes = clashes_in_batch(tx, batch.id, person_id)?;
    if !clashes.is_empty() {
        report
            .refused
            .push((person.name, format!("时间冲突：{}", clashes.join("；"))));
        return Ok(());
    }
    let enrolled = store::enrolled_ids(tx, batch.id)?.len() as i64;
    if enrolled < batch.capacity {
        store::put_enrolment(tx, batch.id, person_id, EnrolStatus::Enrolled, pinned)?;
        report.enrolled.push(person.name);
    } else {
        store::put_enrolment(tx, batch.id, person_id, EnrolStatus::Waitlisted, pinned)?;
        report.waitlisted.push(person.name);
    }
    Ok(())
}

/// Enrols deputies, as one action: within capacity they are enrolled,
/// beyond it they join the waitlist in order; anyone who clashes with a
/// session, or is not an active deputy, is refused with the reason.
pub fn enrol(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    selection: &EnrolSelection,
) -> Result<EnrolReport> {
    db.write(actor, |tx| enrol_in(tx, batch_id, selection, false))
}

pub(crate) fn enrol_in(
    tx: &WriteTx<'_>,
    batch_id: i64,
    selection: &EnrolSelection,
    pinned: bool,
) -> Result<EnrolReport> {
    let batch = get_batch(tx, batch_id)?;
    let mut ids = selection.person_ids.clone();
    if let Some(g) = selection
        .professional_group
        .as_deref()
        .filter(|g| !g.trim().is_empty())
    {
        let group = parse_group(g)
            .ok_or_else(|| Error::invalid("professional_group", format!("“{g}”不是专业小组。")))?;
        ids.extend(
            store::list_deputies(tx)?
                .into_iter()
                .filter(|d| d.professional_group.as_deref() == Some(group))
                .map(|d| d.id),
        );
    }
    let mut seen = HashSet::new();
    let mut report = EnrolReport::default();
    for id in ids.into_iter().filter(|id| seen.insert(*id)) {
        let batch = get_batch(tx, batch_id)?;
        enrol_one(tx, &batch, id, pinned, &mut report)?;
    }
    if report.enrolled.is_empty() && report.waitlisted.is_empty() {
        // Nobody could be enrolled: nothing changes, nothing to log.
        return Ok(report);
    }
    rebind_batch(tx, batch_id)?;
    tx.audit(
        crate::Action::Enrol,
        crate::Entity::TrainingBatch,
        Some(batch_id),
        &format!(
            "{} {}：报名 {} 人，候补 {} 人，未能报名 {} 人",
            batch.topic_name,
            batch.name,
            report.enrolled.len(),
            report.waitlisted.len(),
            report.refused.len()
        ),
    )?;
    Ok(report)
}

/// Enrols the deputies listed in a spreadsheet (by card number, or by a
/// name that is unique among deputies), as one action; rows that match
/// nobody are reported, not guessed.
pub fn enrol_from_file(
    db: &Db,
    actor: &Actor,
    batch_id: i64,
    file_name: &str,
    bytes: &[u8],
) -> Result<EnrolReport> {
    let grid = crate::import::table::read_grid(bytes, file_name)?;
    let header = grid
        .iter()
        .position(|row| {
            row.iter().any(|c| {
                matches!(
                    c.trim(),
                    "姓名" | "名字" | "name" | "借书证号" | "证号" | "卡号"
                )
            })
        })
        .ok_or_else(|| Error::invalid("file", "表格中找不到“姓名”或“借书证号”列。"))?;
    let col = |names: &[&str]| {
        grid.row(header)
            .iter()
            .position(|c| names.contains(&c.trim()))
    };
    let name_col = col(&["姓名", "名字", "name"]);
    let card_col = col(&["借书证号", "证号", "卡号", "card"]);
    db.write(actor, |tx| {
        let deputies = store::list_deputies(tx)?;
        let mut by_name: HashMap<&str, Vec<i64>> = HashMap::new();
        for d in &deputies {
            by_name.entry(d.name.as_str()).or_default().push(d.id);
        }
        let mut ids = Vec::new();
        let mut unmatched = Vec::new();
        for (i, row) in grid.iter().enumerate().skip(header + 1) {
            let cell = |c: Option<usize>| c.map(|c| row.get(c).trim()).filter(|s| !s.is_empty());
            let (name, card) = (cell(name_col), cell(card_col));
            if name.is_none() && card.is_none() {
                continue;
            }
            let by_card = match card {
                Some(c) => find_person_by_card(tx, c).unwrap_or(None).map(|p| p.id),
                None => None,
            };
            match (by_card, name.and_then(|n| by_name.get(n))) {
                (Some(id), _) => ids.push(id),
                (None, Some(found)) if found.len() == 1 => ids.push(found[0]),
                (None, Some(_)) => unmatched.push((
                    name.unwrap_or("").to_owned(),
                    format!("第 {} 行：同名代表不止一位，请填写借书证号", i + 1),
                )),
                (None, None) => unmatched.push((
                    name.or(card).unwrap_or("").to_owned(),
                    format!("第 {} 行：人员名单中找不到这位代表", i + 1),
                )),
            }
        }
        let mut report = enrol_in(
            tx,
            batch_id,
            &EnrolSelection {
                person_ids: ids,
                professional_group: None,
            },
            false,
        )?;
        report.refused.extend(unmatched);
        Ok(report)
    })
}

/// Withdraws a deputy, as one action; the first on the waitlist who has no
/// clash moves up into the seat.
pub fn withdraw(db: &Db, actor: &Actor, batch_id: i64, person_id: i64) -> Result<BatchDetail> {
    db.write(actor, |tx| {
        withdraw_in(tx, batch_id, person_id)?;
        detail_in(tx, batch_id)
    })
}

pub(crate) fn withdraw_in(tx: &WriteTx<'_>, batch_id: i64, person_id: i64) -> Result<()> {
    let person = get_person(tx, person_id)?;
    let was = store::find_enrolment(tx, batch_id, person_id)?;
    if !matches!(was, Some(EnrolStatus::Enrolled | EnrolStatus::Waitlisted)) {
        return Err(Error::conflict(format!("{} 不在这个批次中。", person.name)));
    }
    store::put_enrolment(tx, batch_id, person_id, EnrolStatus::Withdrawn, false)?;
    let mut moved = None;
    if was == Some(EnrolStatus::Enrolled) {
        moved = move_up_in(tx, batch_id)?;
    }
    rebind_batch(tx, batch_id)?;
    tx.audit(
        crate::Action::Withdraw,
        crate::Entity::TrainingBatch,
        Some(batch_id),
        &format!(
            "{} 退出{}",
            person.name,
            moved
                .map(|m| format!("，候补 {m} 递补"))
                .unwrap_or_default()
        ),
    )
}

/// The first on the waitlist without a clash takes a free seat; their name.
pub(crate) fn move_up_in(tx: &WriteTx<'_>, batch_id: i64) -> Result<Option<String>> {
    let batch = get_batch(tx, batch_id)?;
    if batch.enrolled >= batch.capacity {
        return Ok(None);
    }
    for e in list_enrolments(tx, batch_id)?
        .into_iter()
        .filter(|e| e.status == EnrolStatus::Waitlisted)
    {
        if clashes_in_batch(tx, batch_id, e.person_id)?.is_empty() {
            store::put_enrolment(tx, batch_id, e.person_id, EnrolStatus::Enrolled, e.pinned)?;
            store::mark_moved_up(tx, batch_id, e.person_id)?;
            return Ok(Some(e.name));
        }
    }
    Ok(None)
}

// ---- assignment ----

/// A proposed placement for a topic, with names for showing.
#[derive(Debug, Clone, Serialize)]
pub struct Proposal {
    pub topic_id: i64,
    pub batches: Vec<Batch>,
    pub plan: assign::Plan,
    /// The deputies the proposal is about.
    pub people: Vec<Deputy>,
}

/// Proposes how to place deputies in a topic's batches: `person_ids`, or
/// by default every active deputy not yet in one of its batches; `pins`
/// are (person, batch) choices to keep. Nothing is saved.
pub fn propose(
    db: &Db,
    topic_id: i64,
    person_ids: Option<&[i64]>,
    pins: &[(i64, i64)],
) -> Result<Proposal> {
    db.read(|tx| {
        get_topic(tx, topic_id)?;
        let batches = list_batches(tx, Some(topic_id))?;
        let taken: HashSet<i64> = store::topic_people(tx, topic_id)?.into_iter().collect();
        let deputies = store::list_deputies(tx)?;
        let people: Vec<_> = match person_ids {
            Some(ids) => {
                let wanted: HashSet<i64> = ids.iter().copied().collect();
                deputies
                    .into_iter()
                    .filter(|d| wanted.contains(&d.id) && !taken.contains(&d.id))
                    .collect()
            }
            None => deputies
                .into_iter()
                .filter(|d| !taken.contains(&d.id))
                .collect(),
        };
        let batch_ids: Vec<i64> = batches.iter().map(|b| b.id).collect();
        let person_list: Vec<i64> = people.iter().map(|p| p.id).collect();
        let mut clashes: HashMap<(i64, i64), Vec<String>> = HashMap::new();
        for (p, b, what) in store::clash_pairs(tx, &person_list, &batch_ids)? {
            clashes.entry((p, b)).or_default().push(what);
        }
        let slots: Vec<assign::Slot> = batches
            .iter()
            .map(|b| assign::Slot {
                batch_id: b.id,
                group: b.professional_group.clone(),
                capacity: b.capacity.max(0) as usize,
                enrolled: b.enrolled.max(0) as usize,
            })
            .collect();
        let candidates: Vec<assign::Candidate> = people
            .iter()
            .map(|d| assign::Candidate {
                person_id: d.id,
                group: d.professional_group.clone(),
                clashes: batches
                    .iter()
                    .map(|b| {
                        clashes
                            .get(&(d.id, b.id))
                            .map(|w| format!("{}（{}）", b.name, w.join("、")))
                    })
                    .collect(),
                pinned: pins.iter().find(|(p, _)| *p == d.id).map(|(_, b)| *b),
            })
            .collect();
        Ok(Proposal {
            topic_id,
            plan: assign::assign(&slots, &candidates),
            batches,
            people,
        })
    })
}

/// Enrols a confirmed proposal, as one action; refused whole if anything
/// changed since (a batch filled, a new clash).
pub fn confirm(db: &Db, actor: &Actor, placements: &[assign::Placement]) -> Result<EnrolReport> {
    db.write(actor, |tx| {
        let mut report = EnrolReport::default();
        let mut by_batch: HashMap<i64, Vec<&assign::Placement>> = HashMap::new();
        for p in placements {
            by_batch.entry(p.batch_id).or_default().push(p);
        }
        for (batch_id, list) in by_batch {
            let batch = get_batch(tx, batch_id)?;
            if batch.enrolled + list.len() as i64 > batch.capacity {
                return Err(Error::conflict(format!(
                    "{} 的空位已不足 {} 个，请重新生成方案。",
                    batch.name,
                    list.len()
                )));
            }
            for p in list {
                let mut one = EnrolReport::default();
                enrol_one(tx, &batch, p.person_id, p.pinned, &mut one)?;
                if let Some((name, why)) = one.refused.pop() {
                    return Err(Error::conflict(format!(
                        "{name} 无法编入{}：{why}。请重新生成方案。",
                        batch.name
                    )));
                }
                report.enrolled.extend(one.enrolled);
            }
            rebind_batch(tx, batch_id)?;
        }
        tx.audit(
            crate::Action::Assign,
            crate::Entity::Training,
            None,
            &format!("确认自动编班：{} 人", report.enrolled.len()),
        )?;
        Ok(report)
    })
}
