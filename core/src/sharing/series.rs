//! A series (系列) of reading-share sessions: its dates previewed from a
//! recurrence rule, clashes shown per date, and created in one action.

use super::*;

fn series_times(draft: &SeriesDraft) -> Result<(NaiveTime, NaiveTime)> {
    let start = parse_clock("start_time", &draft.start_time)?;
    let end = parse_clock("end_time", &draft.end_time)?;
    if end <= start {
        return Err(Error::invalid("end_time", "结束时间应晚于开始时间。"));
    }
    Ok((start, end))
}

fn preview_in(
    conn: &rusqlite::Connection,
    draft: &SeriesDraft,
    choices: &[DateChoice],
    today: NaiveDate,
) -> Result<Vec<PreviewItem>> {
    let (start, end) = series_times(draft)?;
    let days = load_open_days(conn)?;
    let mut out = Vec::new();
    for occ in draft.recurrence.expand(&days)? {
        let choice = choices.iter().find(|c| c.date == Some(occ.date));
        let venue_id = choice.and_then(|c| c.venue_id).or(draft.venue_id);
        let skipped = occ
            .skipped
            .or_else(|| choice.filter(|c| c.skip).map(|_| "已选择跳过".to_owned()));
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id,
            starts_at: occ.date.and_time(start),
            ends_at: occ.date.and_time(end),
            title: draft.name.clone(),
            people: draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
        };
        let conflicts = if skipped.is_none() {
            find_conflicts(conn, &booking, None)?
        } else {
            Vec::new()
        };
        out.push(PreviewItem {
            date: occ.date,
            starts_at: format_time(booking.starts_at),
            ends_at: format_time(booking.ends_at),
            skipped,
            note: occ.note,
            venue_id,
            conflicts,
            past: occ.date < today,
        });
    }
    Ok(out)
}

/// The dates a series would have, each with its clashes, before saving.
pub fn preview_series(
    db: &Db,
    draft: &SeriesDraft,
    choices: &[DateChoice],
) -> Result<Vec<PreviewItem>> {
    let today = db.clock().today();
    db.read(|tx| preview_in(tx, draft, choices, today))
}

/// What creating a series made.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesCreated {
    pub series_id: i64,
    pub sessions: Vec<Session>,
    pub skipped: usize,
}

/// Creates a series and one session per date, as one action. Refused while
/// any date still clashes: the organizer skips it or picks another venue.
pub fn create_series(
    db: &Db,
    actor: &Actor,
    draft: &SeriesDraft,
    choices: &[DateChoice],
) -> Result<SeriesCreated> {
    let name = checked_text("name", "系列名称", Some(&draft.name), 100, false)?
        .ok_or_else(|| Error::invalid("name", "请填写系列名称。"))?;
    let theme = checked_text("theme", "主题", draft.theme.as_deref(), 200, true)?;
    let capacity = check_capacity(draft.capacity)?;
    db.write(actor, |tx| {
        create_series_in(tx, draft, choices, &name, theme.as_deref(), capacity)
    })
}

pub(crate) fn create_series_in(
    tx: &WriteTx<'_>,
    draft: &SeriesDraft,
    choices: &[DateChoice],
    name: &str,
    theme: Option<&str>,
    capacity: Option<i64>,
) -> Result<SeriesCreated> {
    if let Some(h) = draft.host_id {
        get_person(tx, h)?;
    }
    let today = crate::clock::office_date(tx.now()).unwrap_or(NaiveDate::MIN);
    let preview = preview_in(tx, draft, choices, today)?;
    let clashes: Vec<Conflict> = preview
        .iter()
        .flat_map(|p| {
            p.conflicts.iter().map(move |c| Conflict {
                message: format!("{}：{}", p.date, c.message),
                ..c.clone()
            })
        })
        .collect();
    if !clashes.is_empty() {
        return Err(conflicts_error(&clashes));
    }
    let held: Vec<&PreviewItem> = preview.iter().filter(|p| p.skipped.is_none()).collect();
    let past: Vec<&&PreviewItem> = held.iter().filter(|p| p.past).collect();
    if !draft.history && !past.is_empty() {
        return Err(Error::invalid(
            "recurrence",
            format!(
                "有 {} 次活动的日期已经过去（最早 {}）。新的系列请从今天以后开始；如果是在补录以前举行过的活动，请勾选“补录以前的活动”。",
                past.len(),
                past[0].date.format("%Y年%-m月%-d日")
            ),
        ));
    }
    if held.is_empty() {
        return Err(Error::invalid(
            "recurrence",
            "按这个规则没有一次活动，请调整日期范围。",
        ));
    }
    let rule = serde_json::to_string(&draft.recurrence).expect("rule serialises");
    let series_id = store::insert_series(
        tx,
        name,
        theme,
        &rule,
        draft.start_time.trim(),
        draft.end_time.trim(),
        draft.venue_id,
        draft.host_id,
        capacity,
    )?;
    let mut sessions = Vec::new();
    for p in &held {
        let booking = BookingDraft {
            kind: BookingKind::Share,
            venue_id: p.venue_id,
            starts_at: parse_time("starts_at", &p.starts_at)?,
            ends_at: parse_time("ends_at", &p.ends_at)?,
            title: theme.unwrap_or(name).to_owned(),
            people: draft.host_id.map(|h| (h, Role::Host)).into_iter().collect(),
        };
        let booking_id = insert_booking(tx, &booking)?;
        let id = store::insert_session(
            tx,
            Some(series_id),
            booking_id,
            theme.unwrap_or(name),
            SessionStatus::Planned,
            draft.host_id,
            capacity,
            None,
        )?;
        sessions.push(get_session(tx, id)?);
    }
    tx.audit(
        crate::Action::Create,
        crate::Entity::ShareSeries,
        Some(series_id),
        &format!(
            "新建分享系列“{name}”：{} 次活动（{} 至 {}）",
            sessions.len(),
            held[0].date,
            held[held.len() - 1].date
        ),
    )?;
    Ok(SeriesCreated {
        series_id,
        skipped: preview.len() - held.len(),
        sessions,
    })
}
