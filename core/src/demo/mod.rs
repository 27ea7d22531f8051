//! Realistic demo data, deterministic for a seed, so a newcomer sees the
//! whole app at work in one click and benchmarks have something to chew on.

mod books;
mod circulation;
mod periodicals;
mod sharing;
mod taking_part;
mod training;

pub use circulation::LendingReport;
pub use periodicals::PeriodicalsReport;
pub use sharing::SharingReport;
pub use taking_part::TakingPartReport;
pub use training::TrainingReport;

use serde::Serialize;

use crate::audit::Actor;
use crate::catalog::{
    CatalogQuery, insert_copies, insert_title_unindexed, titles_added, titles_matching,
};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::people::store::{insert_person, list_people};
use crate::people::{NewPerson, PROFESSIONAL_GROUPS, PeopleQuery, PersonKind};

/// What the demo added.
#[derive(Debug, Clone, Default, Serialize)]
pub struct DemoReport {
    pub staff: usize,
    pub deputies: usize,
    pub titles: usize,
    pub volumes: usize,
    /// Loans, holds and stocktakes replayed over the last months.
    pub lending: LendingReport,
    /// Venues and the year's reading-share sessions.
    pub sharing: SharingReport,
    /// Training topics, batches, enrolments and attendance.
    pub training: TrainingReport,
    /// Readers' sign-ups, offers, leave, notes, suggestions; reading lists.
    pub taking_part: TakingPartReport,
    /// The periodicals room (subscriptions, check-in, late, routing,
    /// binding) and the year's budgets and book order.
    pub periodicals: PeriodicalsReport,
    /// The PIN every demo reader signs in with on the intranet pages.
    pub reader_pin: &'static str,
}

/// The PIN of every demo reader on the intranet pages (读者查询).
pub const DEMO_READER_PIN: &str = "123456";

/// How much demo data to make.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub seed: u64,
    pub staff: usize,
    pub deputies: usize,
    /// Copies (册) in the catalogue.
    pub volumes: usize,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            seed: 2026,
            staff: 80,
            deputies: 160,
            volumes: 5000,
        }
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "萧", "田", "董", "潘", "袁", "蔡", "蒋", "余", "于", "杜", "叶", "程", "魏", "苏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "单", "解", "欧阳", "司马", "上官",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "志强", "晓东", "海燕",
    "国庆", "卫东", "建国", "春梅", "玉兰", "长青", "振华", "思远", "雨桐", "子涵", "浩然", "佳怡",
    "一鸣", "梓萱", "宇航", "欣然", "嘉懿", "乐", "重阳",
];
const DEPARTMENTS: &[&str] = &[
    "办公厅",
    "研究室",
    "法制工作委员会",
    "财政经济委员会",
    "预算工作委员会",
    "教育科学文化卫生委员会",
    "社会建设委员会",
    "城乡建设环境保护委员会",
    "农业与农村委员会",
    "人事代表工作委员会",
    "机关党委",
    "信息中心",
];
const DELEGATIONS: &[&str] = &[
    "东城区代表团",
    "西城区代表团",
    "朝阳区代表团",
    "海淀区代表团",
    "丰台区代表团",
    "石景山区代表团",
    "通州区代表团",
    "顺义区代表团",
    "大兴区代表团",
    "昌平区代表团",
    "房山区代表团",
    "解放军代表团",
];

/// Fills an empty database with demo data: people, books and the past
/// year as one action, then readers' requests as each reader makes them
/// (their own actions, some decided by staff), then the periodicals room
/// and the year's purchases as the librarian works them. Refused when the database
/// already holds people or books, so real data is never mixed with invented.
pub fn load_demo(db: &Db, actor: &Actor, options: DemoOptions) -> Result<DemoReport> {
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let taking_part = taking_part::fits(options.staff, options.deputies, options.volumes);
    // The book that arrives for a suggestion is one of the volumes asked for.
    let arriving = if taking_part {
        taking_part::ARRIVING_COPIES
    } else {
        0
    };
    let (mut report, people) = db.write(actor, |tx| {
        // One action, one audit entry; the catalogue indexed in one go at the end.
        tx.audit_as_one_entry();
        let one = Some(1);
        let people = list_people(
            tx,
            &PeopleQuery {
                include_inactive: true,
                limit: one,
                ..Default::default()
            },
        )?;
        let titles = titles_matching(
            tx,
            &CatalogQuery {
                limit: one,
                ..Default::default()
            },
        )?;
        if people.total > 0 || titles.total > 0 {
            return Err(Error::conflict(
                "数据库中已有人员或书目，演示数据只能装入空的数据库。请换一个数据文件夹再试。",
            ));
        }
        let mut report = DemoReport::default();
        let mut people = Vec::with_capacity(options.staff + options.deputies);
        for i in 1..=options.staff {
            let person = NewPerson {
                kind: Some(PersonKind::Staff),
                name: name(&mut rng),
                department: Some(pick(&mut rng, DEPARTMENTS).into()),
                card_barcode: Some(format!("J{i:05}")),
                phone: Some(format!("010-6{:07}", rng.u32(0..10_000_000))),
                ..Default::default()
            };
            people.push(insert_person(tx, &person)?.id);
            report.staff += 1;
        }
        for i in 1..=options.deputies {
            let person = NewPerson {
                kind: Some(PersonKind::Deputy),
                name: name(&mut rng),
                delegation: Some(pick(&mut rng, DELEGATIONS).into()),
                professional_group: Some(PROFESSIONAL_GROUPS[i % PROFESSIONAL_GROUPS.len()].into()),
                card_barcode: Some(format!("D{i:05}")),
                phone: Some(format!("13{}{:08}", rng.u8(0..10), rng.u32(0..100_000_000))),
                ..Default::default()
            };
            people.push(insert_person(tx, &person)?.id);
            report.deputies += 1;
        }
        crate::people::give_demo_pins(tx, &people, DEMO_READER_PIN)?;
        report.reader_pin = DEMO_READER_PIN;
        let mut first_title: Option<i64> = None;
        let mut last_title = 0;
        for (title, copies) in books::catalogue(&mut rng, options.volumes - arriving, name) {
            let valid = title.validate()?;
            let id = insert_title_unindexed(tx, &valid)?;
            first_title.get_or_insert(id);
            last_title = id;
            report.volumes += insert_copies(tx, id, &valid.title, &copies)?.len();
            report.titles += 1;
        }
        if let Some(first) = first_title {
            titles_added(tx, first, last_title)?;
            report.lending =
                circulation::replay(tx, &mut rng, db.clock().today(), &people, first, last_title)?;
            let (staff, deputies) = people.split_at(report.staff);
            report.sharing = sharing::load(
                tx,
                &mut rng,
                db.clock().today(),
                staff,
                deputies,
                first,
                last_title,
            )?;
            let venues = report.sharing.venue_ids.clone();
            report.training = training::load(tx, &mut rng, db.clock().today(), &venues)?;
        }
        tx.audit_action(
            crate::Action::Demo,
            crate::Entity::Database,
            &format!(
                "装入演示数据：机关干部 {} 人，人大代表 {} 人，书目 {} 种 {} 册，借阅 {} 次，读书分享 {} 次",
                report.staff,
                report.deputies,
                report.titles,
                report.volumes,
                report.lending.loans,
                report.sharing.sessions
            ),
        )?;
        Ok((report, people))
    })?;
    // Then readers take part as they would from their browsers, each action
    // their own, and staff decide some of it.
    if taking_part && report.titles > 0 {
        let (staff, deputies) = people.split_at(report.staff);
        report.taking_part = taking_part::load(db, actor, &mut rng, staff, deputies)?;
        report.titles += 1;
        report.volumes += arriving;
        report.periodicals = periodicals::load(db, actor, &mut rng, staff)?;
    }
    Ok(report)
}

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(0..list.len())]
}

fn name(rng: &mut fastrand::Rng) -> String {
    let mut n = pick(rng, SURNAMES).to_owned();
    n.push_str(pick(rng, GIVEN));
    if n.chars().count() == 2 && rng.bool() {
        n.push_str(pick(rng, &GIVEN[..20]));
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{PeopleQuery, list_people};

    fn all_names(db: &Db) -> Vec<String> {
        let q = PeopleQuery {
            limit: Some(200),
            ..Default::default()
        };
        list_people(db, &q)
            .unwrap()
            .items
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    #[test]
    fn the_same_seed_gives_the_same_people() {
        let options = DemoOptions {
            seed: 7,
            staff: 10,
            deputies: 20,
            volumes: 30,
        };
        let (a, b) = (Db::open_in_memory().unwrap(), Db::open_in_memory().unwrap());
        load_demo(&a, &Actor::System, options).unwrap();
        load_demo(&b, &Actor::System, options).unwrap();
        assert_eq!(all_names(&a), all_names(&b));
        assert_eq!(list_people(&a, &PeopleQuery::default()).unwrap().total, 30);
    }

    #[test]
    fn the_demo_lends_books_with_overdue_loans_holds_and_a_finished_stocktake() {
        let now = "2026-11-26T06:00:00Z".parse().unwrap();
        let db = Db::open_in_memory()
            .unwrap()
            .with_clock(crate::Clock::Fixed(now));
        let report = load_demo(&db, &Actor::System, DemoOptions::default()).unwrap();
        let lending = &report.lending;
        assert!(lending.loans > 100, "{lending:?}");
        assert!(lending.on_loan > 10 && lending.overdue > 0, "{lending:?}");
        let summary = crate::circulation::circulation_summary(&db).unwrap();
        assert_eq!(summary.on_loan as usize, lending.on_loan);
        assert!(
            summary.holds_ready > 0 && summary.holds_waiting > 0,
            "{summary:?}"
        );
        let overdue = crate::circulation::overdue_loans(&db, &Default::default()).unwrap();
        assert_eq!(overdue.len(), lending.overdue);
        assert!(overdue.iter().all(|l| l.overdue_days > 0));
        let t = &report.training;
        assert!(t.topics == 3 && t.batches >= 6 && t.sessions >= 20, "{t:?}");
        assert!(t.enrolled > 100 && t.completed > 20, "{t:?}");
        let sharing = crate::sharing::figures(&db, 2026).unwrap();
        assert!(sharing.held >= 10, "{sharing:?}");
        assert!(sharing.attendance_rate.is_some_and(|r| r > 60.0));
        assert!(sharing.books >= 20 && sharing.presenters.len() >= 10);
        let stocktakes = crate::stocktake::stocktakes(&db).unwrap();
        assert_eq!(stocktakes.len(), 1);
        let report = crate::stocktake::stocktake_report(&db, stocktakes[0].id).unwrap();
        assert_eq!(
            report.stocktake.status,
            crate::stocktake::StocktakeStatus::Finished
        );
        assert!(!report.missing.is_empty() && !report.misplaced.is_empty());
        // Nothing was dated after the moment the demo was loaded.
        let latest: Vec<_> = crate::circulation::person_loans(&db, overdue[0].person_id, 50)
            .unwrap()
            .into_iter()
            .map(|l| l.borrowed_at)
            .collect();
        assert!(latest.iter().all(|t| t.as_str() <= "2026-11-26T06:00:00Z"));
    }

    #[test]
    fn the_demo_has_overdue_books_whatever_the_day_it_is_loaded() {
        for now in [
            "2026-03-02T02:00:00Z",
            "2026-08-20T02:00:00Z",
            "2026-12-08T02:00:00Z",
        ] {
            let db = Db::open_in_memory()
                .unwrap()
                .with_clock(crate::Clock::Fixed(now.parse().unwrap()));
            let options = DemoOptions {
                volumes: 400,
                ..DemoOptions::default()
            };
            let report = load_demo(&db, &Actor::System, options).unwrap();
            assert!(report.lending.overdue >= 3, "{now}: {:?}", report.lending);
        }
    }

    #[test]
    fn the_demo_catalogue_has_exactly_the_volumes_asked_for_and_is_searchable() {
        let db = Db::open_in_memory().unwrap();
        let options = DemoOptions {
            seed: 5,
            staff: 0,
            deputies: 0,
            volumes: 200,
        };
        let report = load_demo(&db, &Actor::System, options).unwrap();
        assert_eq!(report.volumes, 200);
        let wanli = crate::catalog::search(&db, "wlswn", 0, 5).unwrap();
        assert_eq!(
            wanli.items[0].title, "万历十五年",
            "the classics are there, found by initials"
        );
        assert_eq!(wanli.items[0].call_number.as_deref(), Some("K248/1"));
        let law = crate::catalog::search(&db, "D92", 0, 5).unwrap();
        assert!(law.items.iter().all(|t| {
            t.call_number
                .as_deref()
                .is_some_and(|c| c.starts_with("D92/"))
        }));
    }

    #[test]
    fn demo_data_is_refused_on_a_database_with_books_only() {
        let db = Db::open_in_memory().unwrap();
        let t = crate::catalog::NewTitle {
            title: "真实的书".into(),
            ..Default::default()
        };
        crate::catalog::create_title(&db, &Actor::Desktop, &t, &Default::default()).unwrap();
        let err = load_demo(&db, &Actor::System, DemoOptions::default()).unwrap_err();
        assert_eq!(
            err.code(),
            "conflict",
            "a real catalogue is never mixed with demo data"
        );
        assert_eq!(list_people(&db, &PeopleQuery::default()).unwrap().total, 0);
    }

    #[test]
    fn deputies_cover_every_professional_group() {
        let db = Db::open_in_memory().unwrap();
        load_demo(
            &db,
            &Actor::System,
            DemoOptions {
                seed: 1,
                staff: 0,
                deputies: 16,
                volumes: 0,
            },
        )
        .unwrap();
        for group in PROFESSIONAL_GROUPS {
            let q = PeopleQuery {
                professional_group: Some(group.into()),
                ..Default::default()
            };
            assert_eq!(
                list_people(&db, &q).unwrap().total,
                2,
                "{group} has its deputies"
            );
        }
    }

    #[test]
    fn demo_data_is_refused_on_a_database_with_people() {
        let db = Db::open_in_memory().unwrap();
        load_demo(
            &db,
            &Actor::System,
            DemoOptions {
                seed: 1,
                staff: 1,
                deputies: 0,
                volumes: 0,
            },
        )
        .unwrap();
        let err = load_demo(&db, &Actor::System, DemoOptions::default()).unwrap_err();
        assert_eq!(err.code(), "conflict");
        assert_eq!(
            list_people(&db, &PeopleQuery::default()).unwrap().total,
            1,
            "nothing was added"
        );
    }
}
