//! Demo readers taking part, as they would from their browsers (the
//! participation module's `reader_*` functions, each reader by their id),
//! and staff deciding some of it: a coming session opened for sign-up and
//! full (a waitlist, one place freed and taken), the coming training batch
//! opened, offers to share, leave, reading notes (published, one 精选, one
//! returned, some waiting), purchase suggestions in every state (one
//! arriving with its hold), and two reading lists — so the inbox, the
//! notes on title pages and the lists are alive at first start.

use chrono::{Datelike, Days};

use crate::audit::Actor;
use crate::catalog::{self, NewCopies, NewTitle};
use crate::db::Db;
use crate::error::Result;
use crate::participation::{
    self as part, EventKind, LeaveDraft, ListItemDraft, NoteDecision, NoteDraft, OfferDraft,
    ReadingListDraft, SuggestionDraft,
};
use crate::sharing::{self, SessionDraft};

/// What readers did in the demo.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct TakingPartReport {
    /// Readers who signed up (a place or the waitlist).
    pub signups: usize,
    /// Still waiting for a place.
    pub waitlisted: usize,
    pub offers: usize,
    pub leave: usize,
    pub notes: usize,
    pub suggestions: usize,
    pub lists: usize,
}

/// Copies of the book that arrives for a suggestion: counted among the
/// volumes the demo was asked for.
pub(super) const ARRIVING_COPIES: usize = 1;

/// Whether the demo has people and books enough for readers to take part.
pub(super) fn fits(staff: usize, deputies: usize, volumes: usize) -> bool {
    staff >= 30 && deputies >= 20 && volumes >= 60
}

const NOTES: &[&str] = &[
    "费孝通先生用“差序格局”讲清了乡土社会的人际关系。读完再看基层治理中的许多难题，就明白了为什么“熟人社会”的规矩常常比条文更管用。做群众工作，先要懂得群众的生活逻辑。",
    "黄仁宇从万历十五年这个“平淡无奇”的年份切入，写出了制度与人的张力。书中说“以道德代替法制”是明朝的症结，这对我们今天强调依法行政、用制度管权很有启发。",
    "王树增的《长征》材料扎实、叙述克制。读到湘江战役一章，深感今天的工作条件来之不易。把书中“坚定信念、实事求是”的精神带到岗位上，是对这段历史最好的致敬。",
    "孙少平在煤矿里读书的情节给我印象最深：平凡的人也可以有不平凡的精神世界。机关工作大多琐碎，但每一份材料、每一次接待都关系到群众，平凡处见担当。",
    "白鹿原上几代人的命运，写的是乡村社会在大时代里的变迁。读后对“乡规民约”在基层治理中的作用有了新的认识，也更理解乡村振兴中“留住乡愁”的分量。",
    "重读《共产党宣言》，篇幅不长却字字千钧。“为绝大多数人谋利益”这句话，是我们做好机关服务、代表服务工作的根本遵循。读了两遍，第二遍边读边做笔记，推荐同事们一起读。",
    "史记中的人物列传读来常读常新。太史公“不虚美、不隐恶”的态度，也是我们写调研报告、起草材料时应有的态度：讲真话、写实情。",
    "红岩里的英雄形象过去读过，这次结合党史学习教育重读，更能体会到信仰的力量。建议在下一期读书分享会上围绕“初心”展开讨论。",
];

/// The suggestions: (title, author, reason).
const SUGGESTIONS: &[(&str, &str, &str)] = &[
    (
        "置身事内：中国政府与经济发展",
        "兰小欢",
        "讲地方政府在经济发展中的作用，对审查预算和国有资产报告很有帮助。",
    ),
    (
        "大国大城",
        "陆铭",
        "城市化和区域发展的讨论，适合城乡建设与环境保护小组的代表阅读。",
    ),
    (
        "明朝那些事儿",
        "当年明月",
        "轻松好读，想借来利用午休时间看。",
    ),
    (
        "县乡中国",
        "杨华",
        "县乡干部的工作日常和治理难题，和基层治理专题培训很贴近。",
    ),
    ("枢纽：3000年的中国", "施展", "从世界史看中国，视野开阔。"),
    ("乡土中国", "费孝通", "经典，想再读一遍。"),
];

/// Readers take part; staff decide part of it. Ids of the people by kind.
pub(super) fn load(
    db: &Db,
    actor: &Actor,
    rng: &mut fastrand::Rng,
    staff: &[i64],
    deputies: &[i64],
) -> Result<TakingPartReport> {
    let mut report = TakingPartReport::default();
    let today = db.clock().today();
    let mut readers = staff.to_vec();
    rng.shuffle(&mut readers);
    let session = coming_session(db, actor)?;
    sign_up(db, actor, session, &readers, &mut report)?;
    offers(db, actor, session, &readers[10..], &mut report)?;
    training(db, actor, deputies, &mut report)?;
    notes(db, actor, &readers[14..], &mut report)?;
    suggestions(db, actor, &readers[22..], &mut report)?;
    lists(db, actor, today.year(), &mut report)?;
    Ok(report)
}

/// The first reading-share session after today, or a one-off a fortnight
/// ahead when the year's series has none left.
fn coming_session(db: &Db, actor: &Actor) -> Result<i64> {
    let today = db.clock().today();
    let after = format!("{}", today + Days::new(1));
    if let Some(e) = part::events(db)?
        .into_iter()
        .find(|e| e.kind == EventKind::Sharing && e.start >= after)
    {
        return Ok(e.id);
    }
    let day = today + Days::new(14);
    let s = sharing::create_session(
        db,
        actor,
        &SessionDraft {
            revision: None,
            theme: "读书分享会：在阅读中提升履职本领".into(),
            starts_at: format!("{day}T15:00"),
            ends_at: format!("{day}T17:00"),
            venue_id: None,
            host_id: None,
            capacity: None,
            status: None,
            note: None,
        },
    )?;
    Ok(s.id)
}

/// The session opened with two places left; five readers sign up, three
/// wait; one of those with a place cancels and the first waiting moves up.
fn sign_up(
    db: &Db,
    actor: &Actor,
    session: i64,
    readers: &[i64],
    report: &mut TakingPartReport,
) -> Result<()> {
    let detail = sharing::session_detail(db, session)?;
    let listed: Vec<i64> = detail.attendees.iter().map(|a| a.person_id).collect();
    let day = detail.session.starts_at[..10]
        .parse::<chrono::NaiveDate>()
        .ok();
    let until = day.and_then(|d| d.checked_sub_days(Days::new(1)));
    part::open_signup(
        db,
        actor,
        EventKind::Sharing,
        session,
        true,
        until.filter(|u| *u >= db.clock().today()),
        Some(detail.session.invited + 2),
    )?;
    let newcomers: Vec<i64> = readers
        .iter()
        .copied()
        .filter(|p| !listed.contains(p))
        .take(5)
        .collect();
    for &p in &newcomers {
        part::reader_sign_up(db, p, EventKind::Sharing, session, None)?;
        report.signups += 1;
    }
    part::reader_cancel_signup(db, newcomers[0], EventKind::Sharing, session, None)?;
    report.waitlisted += sharing::session_detail(db, session)?.session.waitlisted as usize;
    Ok(())
}

/// Two readers offer to present a book at the session; one is accepted.
fn offers(
    db: &Db,
    actor: &Actor,
    session: i64,
    readers: &[i64],
    report: &mut TakingPartReport,
) -> Result<()> {
    let presenters: Vec<i64> = sharing::session_detail(db, session)?
        .presenters
        .iter()
        .map(|p| p.person_id)
        .collect();
    let mut readers = readers.iter().copied().filter(|p| !presenters.contains(p));
    let mut ids = Vec::new();
    for (query, topic) in [
        ("乡土中国", "从《乡土中国》看基层治理中的“礼治”与“法治”"),
        ("行政法", "依法履职从读懂法律开始"),
    ] {
        let (Some(book), Some(person)) = (
            catalog::search_first(db, query, 1)?.into_iter().next(),
            readers.next(),
        ) else {
            continue;
        };
        let answer = part::reader_offer(
            db,
            person,
            &OfferDraft {
                session_id: session,
                title_id: book.id,
                topic: topic.into(),
            },
            None,
        )?;
        ids.push(answer.id);
        report.offers += 1;
    }
    if let Some(&first) = ids.first() {
        part::decide_offer(db, actor, first, true, None)?;
    }
    Ok(())
}

/// The coming batch opened for sign-up: two deputies sign up; three of
/// its trainees ask for leave from a session, one approved.
fn training(db: &Db, actor: &Actor, deputies: &[i64], report: &mut TakingPartReport) -> Result<()> {
    let Some(batch) = part::events(db)?
        .into_iter()
        .find(|e| e.kind == EventKind::Training && e.start > db.clock().today().to_string())
    else {
        return Ok(());
    };
    part::open_signup(db, actor, EventKind::Training, batch.id, true, None, None)?;
    let detail = crate::training::batch_detail(db, batch.id)?;
    let enrolled: Vec<i64> = detail
        .enrolments
        .iter()
        .filter(|e| e.status == crate::training::EnrolStatus::Enrolled)
        .map(|e| e.person_id)
        .collect();
    let known: Vec<i64> = detail.enrolments.iter().map(|e| e.person_id).collect();
    let mut signed = 0;
    for &p in deputies.iter().filter(|p| !known.contains(p)) {
        if signed == 2 {
            break;
        }
        if let Ok(status) = part::reader_sign_up(db, p, EventKind::Training, batch.id, None) {
            signed += 1;
            report.signups += 1;
            if status == crate::calendar::SignupStatus::Waitlisted {
                report.waitlisted += 1;
            }
        }
    }
    let reasons = [
        "当天需参加所在代表团的专题调研，无法到场，请假半天。",
        "单位安排出差，已提前看过课程材料，请假一次。",
        "身体不适，医院复查，请假。",
    ];
    let Some(session) = detail.sessions.get(1).or(detail.sessions.first()) else {
        return Ok(());
    };
    let mut asked = Vec::new();
    for (i, &p) in enrolled.iter().take(reasons.len()).enumerate() {
        let draft = LeaveDraft {
            session_id: session.id,
            reason: reasons[i].into(),
        };
        asked.push(part::reader_ask_leave(db, p, &draft, None)?.id);
        report.leave += 1;
    }
    if let Some(&first) = asked.first() {
        part::decide_leave(db, actor, first, true, None)?;
    }
    Ok(())
}

/// Eight notes on the classics (there at any size): four published (the
/// first 精选), one returned, three waiting; one written for a held session.
fn notes(db: &Db, actor: &Actor, readers: &[i64], report: &mut TakingPartReport) -> Result<()> {
    let today = db.clock().today();
    let held = sharing::sessions_between(db, today - Days::new(366), today, None)?
        .into_iter()
        .rfind(|s| s.status == crate::calendar::SessionStatus::Held)
        .map(|s| s.id);
    // The note for that session is by someone who was there.
    let was_there = match held {
        Some(id) => sharing::session_detail(db, id)?
            .attendees
            .iter()
            .find(|a| a.signed_at.is_some() && !readers[..8].contains(&a.person_id))
            .map(|a| a.person_id),
        None => None,
    };
    let titles = [
        "乡土中国",
        "万历十五年",
        "长征",
        "平凡的世界",
        "白鹿原",
        "共产党宣言",
        "史记",
        "红岩",
    ];
    for (i, (query, body)) in titles.iter().zip(NOTES).enumerate() {
        let Some(book) = catalog::search_first(db, query, 1)?.into_iter().next() else {
            continue;
        };
        let draft = NoteDraft {
            title_id: book.id,
            body: (*body).into(),
            session_id: if i == 1 { was_there.and(held) } else { None },
        };
        let writer = if i == 1 {
            was_there.unwrap_or(readers[i])
        } else {
            readers[i]
        };
        let id = part::reader_write_note(db, writer, &draft, None)?.id;
        report.notes += 1;
        let decision = match i {
            0 => NoteDecision::Publish { featured: true },
            1..=3 => NoteDecision::Publish { featured: false },
            4 => NoteDecision::Return {
                reason: "写得很好，请再补充一两条结合本职工作的具体做法后重新提交。".into(),
            },
            _ => continue,
        };
        part::decide_note(db, actor, id, &decision)?;
    }
    Ok(())
}

/// Suggestions in every state: accepted and waiting, two waiting for a
/// decision, one rejected with a reason, one arriving when catalogued (the
/// hold placed for its reader), one the reading room already had.
fn suggestions(
    db: &Db,
    actor: &Actor,
    readers: &[i64],
    report: &mut TakingPartReport,
) -> Result<()> {
    let mut ids = Vec::new();
    for (i, (title, author, reason)) in SUGGESTIONS.iter().enumerate() {
        let draft = SuggestionDraft {
            title: (*title).into(),
            author: Some((*author).into()),
            reason: Some((*reason).into()),
            ..Default::default()
        };
        ids.push(part::reader_suggest(db, readers[i], &draft, None)?.id);
        report.suggestions += 1;
    }
    part::decide_suggestion(db, actor, ids[0], true, None)?;
    part::decide_suggestion(
        db,
        actor,
        ids[2],
        false,
        Some("阅览室以政务和履职类图书为主，这套书可到区图书馆借阅。"),
    )?;
    part::decide_suggestion(db, actor, ids[3], true, None)?;
    // 县乡中国 arrives: catalogued, it is the suggestion's, with a hold.
    catalog::create_title(
        db,
        actor,
        &NewTitle {
            title: SUGGESTIONS[3].0.into(),
            authors: Some(format!("{} 著", SUGGESTIONS[3].1)),
            publisher: Some("上海人民出版社".into()),
            year: Some("2022".into()),
            clc: Some("D63".into()),
            source: Some("采购".into()),
            ..Default::default()
        },
        &NewCopies {
            count: ARRIVING_COPIES as u32,
            location: Some("D区3架".into()),
            ..Default::default()
        },
    )?;
    Ok(())
}

/// A list for the budget topic and one for the reading-share series.
fn lists(db: &Db, actor: &Actor, year: i32, report: &mut TakingPartReport) -> Result<()> {
    let topic = crate::training::topics(db)?
        .into_iter()
        .find(|t| t.name == "预算审查监督")
        .map(|t| t.id);
    let series = sharing::series(db)?.into_iter().next().map(|s| s.id);
    let mut budget = Vec::new();
    for (query, note) in [
        ("预算", "先读这本：预算审查的基本方法和常见问题。"),
        ("审计", "审计工作报告怎么读，配合审查决算使用。"),
        ("财政", "理解财政收支结构的入门读物。"),
        ("政府债务", "地方政府债务管理的政策与案例。"),
    ] {
        for t in catalog::search_first(db, query, 2)? {
            if budget.iter().all(|i: &ListItemDraft| i.title_id != t.id) {
                budget.push(ListItemDraft {
                    title_id: t.id,
                    note: Some(note.into()),
                });
                break;
            }
        }
    }
    let mut classics = Vec::new();
    for (query, note) in [
        ("乡土中国", "读懂中国基层社会的钥匙，本年度第一期分享书目。"),
        ("万历十五年", "从一个年份看制度与人，适合结合依法行政讨论。"),
        ("长征", "党史学习教育推荐书目。"),
        ("平凡的世界", "读书分享会上讨论最热烈的一本。"),
        ("史记", "常读常新的经典，可选读列传。"),
    ] {
        if let Some(t) = catalog::search_first(db, query, 1)?.into_iter().next() {
            classics.push(ListItemDraft {
                title_id: t.id,
                note: Some(note.into()),
            });
        }
    }
    for draft in [
        ReadingListDraft {
            name: "预算审查监督专题书单".into(),
            description: Some(
                "配合“预算审查监督”专题培训，供参训代表课前课后阅读；在架的书可在读者页面上预约。"
                    .into(),
            ),
            topic_id: topic,
            titles: budget,
            published: Some(true),
            ..Default::default()
        },
        ReadingListDraft {
            name: format!("书香润初心 奋进新征程·{year}年推荐书目"),
            description: Some("本年度读书分享活动中领读人推荐、大家讨论最多的书。".into()),
            series_id: series,
            titles: classics,
            published: Some(true),
            ..Default::default()
        },
    ] {
        part::create_reading_list(db, actor, &draft)?;
        report.lists += 1;
    }
    Ok(())
}
