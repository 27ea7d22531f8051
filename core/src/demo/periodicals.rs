//! Demo periodicals room and purchases, through the same actions the
//! librarian takes: last year's journals renewed by confirming the 征订单,
//! this year's newspapers added, the mail checked in by scanning up to two
//! days ago (two titles stalled, one chased, one issue 缺期, one partial),
//! 求是 routed to three stops with a leg overdue, last year bound, the
//! year's budgets, a book order with one line received, and next year's
//! 征订单 left in draft — all dated from the day the demo is loaded.

use chrono::{Datelike, Days, NaiveDate};

use crate::acquisitions::{self, BudgetKind, LineDraft, OrderDraft, Receipt};
use crate::audit::Actor;
use crate::catalog::NewTitle;
use crate::db::Db;
use crate::error::Result;
use crate::participation::{self as part, SuggestionStatus};
use crate::serials::routing::{self, Stop};
use crate::serials::{self, Issue, IssueStatus, SerialDraft, SubscriptionDraft};

/// What the demo's periodicals room and purchases hold.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PeriodicalsReport {
    /// Newspapers and magazines subscribed this year.
    pub serials: usize,
    /// Subscriptions, last year's journals and this year's.
    pub subscriptions: usize,
    /// Issues predicted for them.
    pub issues: usize,
    /// Issues checked in (记到).
    pub received: usize,
    /// Late on the day the demo was loaded, and of those claimed (催询).
    pub late: usize,
    pub claimed: usize,
    /// Issues marked 缺期.
    pub missing: usize,
    /// 合订本 made of last year's issues.
    pub bound: usize,
    /// Issues on routing (传阅), and legs past their day.
    pub routed: usize,
    pub routing_overdue: usize,
    /// Book order lines, and those received into the catalogue.
    pub order_lines: usize,
    pub lines_received: usize,
    /// Next year's 征订单, not confirmed: its lines and total in yuan.
    pub renewal_lines: usize,
    pub renewal_total: f64,
}

/// A periodical the reading room takes, with its real-looking codes.
struct Periodical {
    title: &'static str,
    issn: Option<&'static str>,
    cn: &'static str,
    postal: &'static str,
    frequency: &'static str,
    weekdays: &'static [u32],
    days: &'static [u32],
    sponsor: &'static str,
    copies: i64,
    /// 全年定价 per copy, in yuan.
    price: &'static str,
    /// 总期号 of the first issue of 2026, for those numbered so, and
    /// how many numbers a year.
    total_2026: Option<(u32, u32)>,
    combine: &'static [(u32, u32)],
    transit: i64,
    grace: i64,
    supplier: Option<&'static str>,
    newspaper: bool,
}

const fn journal(
    title: &'static str,
    issn: &'static str,
    cn: &'static str,
    postal: &'static str,
    frequency: &'static str,
    days: &'static [u32],
    sponsor: &'static str,
) -> Periodical {
    Periodical {
        title,
        issn: Some(issn),
        cn,
        postal,
        frequency,
        weekdays: &[],
        days,
        sponsor,
        copies: 1,
        price: "",
        total_2026: None,
        combine: &[],
        transit: 4,
        grace: 15,
        supplier: None,
        newspaper: false,
    }
}

fn periodicals() -> Vec<Periodical> {
    vec![
        Periodical {
            copies: 3,
            price: "192",
            total_2026: Some((917, 24)),
            ..journal(
                "求是",
                "1002-4980",
                "11-1000/D",
                "2-25",
                "半月刊",
                &[1, 16],
                "中国共产党中央委员会",
            )
        },
        Periodical {
            copies: 2,
            price: "240",
            total_2026: Some((613, 24)),
            ..journal(
                "中国人大",
                "1007-3159",
                "11-3559/D",
                "82-823",
                "半月刊",
                &[5, 20],
                "全国人大常委会办公厅",
            )
        },
        Periodical {
            copies: 2,
            price: "132",
            combine: &[(7, 8)],
            supplier: Some("人大建设杂志社（直订）"),
            transit: 5,
            ..journal(
                "人大建设",
                "1009-4571",
                "13-1214/D",
                "18-88",
                "月刊",
                &[15],
                "河北省人大常委会",
            )
        },
        Periodical {
            price: "144",
            total_2026: Some((1009, 24)),
            ..journal(
                "半月谈",
                "1002-3402",
                "11-1271/D",
                "2-305",
                "半月刊",
                &[10, 25],
                "新华通讯社",
            )
        },
        Periodical {
            price: "480",
            weekdays: &[1],
            ..journal(
                "瞭望",
                "1002-5030",
                "11-1077/D",
                "2-418",
                "周刊",
                &[],
                "新华通讯社",
            )
        },
        Periodical {
            price: "432",
            ..journal(
                "人民论坛",
                "1004-3381",
                "11-3281/D",
                "2-728",
                "旬刊",
                &[5, 15, 25],
                "人民日报社",
            )
        },
        Periodical {
            price: "600",
            total_2026: Some((841, 24)),
            ..journal(
                "新华文摘",
                "1001-6651",
                "11-1024/Z",
                "2-411",
                "半月刊",
                &[1, 16],
                "人民出版社",
            )
        },
        Periodical {
            price: "216",
            ..journal(
                "中国纪检监察",
                "1674-5272",
                "10-1198/D",
                "80-700",
                "半月刊",
                &[1, 16],
                "中央纪委国家监委",
            )
        },
        Periodical {
            price: "96",
            ..journal(
                "党建",
                "1002-719X",
                "11-2635/D",
                "2-613",
                "月刊",
                &[5],
                "中共中央宣传部",
            )
        },
        Periodical {
            title: "人民日报",
            issn: Some("1672-8386"),
            cn: "11-0065",
            postal: "1-1",
            frequency: "日报",
            weekdays: &[],
            days: &[],
            sponsor: "人民日报社",
            copies: 3,
            price: "648",
            total_2026: None,
            combine: &[],
            transit: 0,
            grace: 5,
            supplier: None,
            newspaper: true,
        },
        Periodical {
            title: "法治日报",
            issn: None,
            cn: "11-0069",
            postal: "1-41",
            frequency: "周五刊",
            sponsor: "法治日报社",
            copies: 1,
            price: "480",
            ..newspaper()
        },
        Periodical {
            title: "学习时报",
            issn: Some("1672-8378"),
            cn: "11-0079",
            postal: "1-216",
            frequency: "周三刊",
            sponsor: "中共中央党校（国家行政学院）",
            copies: 1,
            price: "300",
            ..newspaper()
        },
    ]
}

const fn newspaper() -> Periodical {
    Periodical {
        title: "",
        issn: None,
        cn: "",
        postal: "",
        frequency: "",
        weekdays: &[],
        days: &[],
        sponsor: "",
        copies: 1,
        price: "",
        total_2026: None,
        combine: &[],
        transit: 1,
        grace: 5,
        supplier: None,
        newspaper: true,
    }
}

impl Periodical {
    fn serial(&self) -> SerialDraft {
        SerialDraft {
            title: self.title.into(),
            issn: self.issn.map(Into::into),
            // A newspaper's CN (11-0065) carries no class, which the form asks for.
            cn: (!self.newspaper).then(|| self.cn.to_owned()),
            postal_code: Some(self.postal.into()),
            frequency: Some(self.frequency.into()),
            sponsor: Some(self.sponsor.into()),
        }
    }

    fn subscription(&self, year: i32) -> SubscriptionDraft {
        let first_total = self.total_2026.and_then(|(first, per_year)| {
            let t = i64::from(first) + i64::from(per_year) * i64::from(year - 2026);
            u32::try_from(t).ok().filter(|t| *t > 0)
        });
        SubscriptionDraft {
            frequency: self.frequency.into(),
            weekdays: self.weekdays.to_vec(),
            days: self.days.to_vec(),
            year: Some(year),
            copies: Some(self.copies),
            price: Some(self.price.into()),
            first_total,
            combine: self.combine.to_vec(),
            holiday_pause: self.newspaper,
            grace_days: Some(self.grace),
            transit_days: Some(self.transit),
            supplier: self.supplier.map(Into::into),
            ..Default::default()
        }
    }

    /// What the librarian scans: the cover's EAN-13 (`977` + the ISSN's
    /// digits + `00` + check digit), or the 邮发代号 of a paper without one.
    fn scan_code(&self) -> String {
        match self.issn {
            Some(issn) if !self.newspaper => {
                let mut digits = format!("977{}00", issn.replace('-', "").get(..7).unwrap_or(""));
                let sum: u32 = digits
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .enumerate()
                    .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
                    .sum();
                digits.push(char::from_digit((10 - sum % 10) % 10, 10).expect("a digit"));
                digits
            }
            _ => self.postal.to_owned(),
        }
    }
}

/// The books of the year's order: (title, authors, publisher, ISBN,
/// copies, price, CLC); the second is received.
const BOOKS: &[(&str, &str, &str, &str, i64, &str, &str)] = &[
    (
        "各级人民代表大会常务委员会监督法释义",
        "全国人大常委会法制工作委员会 编",
        "中国民主法制出版社",
        "9787516207895",
        3,
        "68.00",
        "D921.1",
    ),
    (
        "预算审查监督工作手册",
        "本书编写组 编",
        "中国法制出版社",
        "9787521618341",
        4,
        "52.00",
        "D622",
    ),
    (
        "人大代表履职读本",
        "本书编写组 编",
        "法律出版社",
        "9787519745226",
        5,
        "35.00",
        "D622",
    ),
];

/// Loads the periodicals room and the year's purchases; `staff` are the
/// people routing lists may name.
pub(super) fn load(
    db: &Db,
    actor: &Actor,
    rng: &mut fastrand::Rng,
    staff: &[i64],
) -> Result<PeriodicalsReport> {
    let mut report = PeriodicalsReport::default();
    let today = db.clock().today();
    let year = today.year();
    let list = periodicals();
    // Last year's journals, renewed for this year by confirming last
    // autumn's 征订单; the newspapers are subscribed this year.
    for p in list.iter().filter(|p| !p.newspaper) {
        let added = serials::add_subscription(db, actor, &p.serial(), &p.subscription(year - 1))?;
        report.subscriptions += 1;
        report.issues += added.issues;
    }
    let renewed = serials::confirm_renewal(db, actor, year)?;
    report.subscriptions += renewed.subscriptions;
    report.issues += renewed.issues;
    for p in list.iter().filter(|p| p.newspaper) {
        let added = serials::add_subscription(db, actor, &p.serial(), &p.subscription(year))?;
        report.subscriptions += 1;
        report.issues += added.issues;
    }
    let subscriptions = serials::subscriptions(db, year - 1)?
        .into_iter()
        .chain(serials::subscriptions(db, year)?)
        .collect::<Vec<_>>();
    report.serials = serials::subscriptions(db, year)?.len();
    for p in &list {
        let mut issues: Vec<Issue> = Vec::new();
        for s in subscriptions.iter().filter(|s| s.title == p.title) {
            issues.extend(serials::issues(db, s.id)?);
        }
        issues.sort_by(|a, b| (&a.published_on, a.id).cmp(&(&b.published_on, b.id)));
        let received = check_in(db, actor, rng, p, &issues, today, &mut report)?;
        report.received += received;
    }
    // The stalled weekly was chased three days ago.
    let chased: Vec<i64> = serials::late(db, today - Days::new(3))?
        .into_iter()
        .filter(|l| l.title == "瞭望")
        .map(|l| l.issue_id)
        .collect();
    if !chased.is_empty() {
        serials::claim(db, actor, &chased, today - Days::new(3))?;
    }
    let late = serials::late(db, today)?;
    report.late = late.len();
    report.claimed = late
        .iter()
        .filter(|l| l.status == IssueStatus::Claimed)
        .count();
    // Last year's 求是 and 中国人大 bound (the latter naming its 缺期).
    for s in subscriptions
        .iter()
        .filter(|s| s.starts_on.starts_with(&(year - 1).to_string()))
        .filter(|s| s.title == "求是" || s.title == "中国人大")
    {
        serials::bind(db, actor, s.id, 1, 24)?;
        report.bound += 1;
    }
    route(db, actor, staff, today, &mut report)?;
    purchases(db, actor, year, today, &mut report)?;
    let renewal = serials::renewal_list(db, year + 1)?;
    report.renewal_lines = renewal.lines.len();
    report.renewal_total = renewal.total;
    Ok(report)
}

/// Checks in one serial's issues as its mail came, up to two days ago: the
/// stalled ones stop a month back, 中国人大 lost one issue last October
/// (claimed twice, then 缺期), and 求是's latest came short of a copy.
fn check_in(
    db: &Db,
    actor: &Actor,
    rng: &mut fastrand::Rng,
    p: &Periodical,
    issues: &[Issue],
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<usize> {
    let stall = match p.title {
        "瞭望" => 30,
        "半月谈" => 35,
        _ => 2,
    };
    let until = today - Days::new(stall);
    let due: Vec<(&Issue, NaiveDate)> = issues
        .iter()
        .filter_map(|i| Some((i, i.expected_on.parse::<NaiveDate>().ok()?)))
        .filter(|(_, expected)| *expected <= until)
        .collect();
    // Last October's first issue, so the bound volume names it.
    let october = format!("{}-10", today.year() - 1);
    let lost = (p.title == "中国人大")
        .then(|| {
            due.iter()
                .position(|(i, _)| i.published_on.starts_with(&october))
        })
        .flatten();
    let short = (p.title == "求是").then(|| due.len().saturating_sub(1));
    let code = p.scan_code();
    let mut received = 0;
    for (k, (issue, expected)) in due.iter().enumerate() {
        if Some(k) == lost {
            for after in [20, 35] {
                let on = *expected + Days::new(after);
                if on < today {
                    serials::claim(db, actor, &[issue.id], on)?;
                }
            }
            serials::mark_missing(db, actor, issue.id)?;
            report.missing += 1;
            continue;
        }
        let late_by = if p.newspaper { 0 } else { rng.u64(0..=3) };
        let on = (*expected + Days::new(late_by)).min(until);
        let copies = (Some(k) == short && p.copies > 1).then_some(p.copies - 1);
        serials::receive(db, actor, &code, on, copies)?;
        received += 1;
    }
    Ok(received)
}

/// 求是 goes round a leader, the research office and another leader, two
/// or three working days each: an earlier issue has reached the third stop
/// and is past its day there; the latest is with the first.
fn route(
    db: &Db,
    actor: &Actor,
    staff: &[i64],
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<()> {
    let (Some(&first), Some(&third)) = (staff.first(), staff.get(1)) else {
        return Ok(());
    };
    let qiushi = serials::subscriptions(db, today.year())?
        .into_iter()
        .find(|s| s.title == "求是");
    let Some(qiushi) = qiushi else {
        return Ok(());
    };
    let stops = [
        Stop {
            person_id: Some(first),
            days: 2,
            ..Default::default()
        },
        Stop {
            department: Some("研究室".into()),
            days: 3,
            ..Default::default()
        },
        Stop {
            person_id: Some(third),
            days: 2,
            ..Default::default()
        },
    ];
    routing::set_routing(db, actor, qiushi.title_id, &stops)?;
    let open = crate::calendar::open_days(db)?;
    let mut arrived: Vec<(i64, NaiveDate)> = Vec::new();
    for s in serials::subscriptions(db, today.year() - 1)?
        .into_iter()
        .chain([qiushi])
        .filter(|s| s.title == "求是")
    {
        for i in serials::issues(db, s.id)? {
            if let Some(on) = i.received_on.as_deref().and_then(|d| d.parse().ok()) {
                arrived.push((i.id, on));
            }
        }
    }
    arrived.sort_by_key(|(_, on)| *on);
    // The newest issue whose third leg, each stop keeping it its full
    // time, fell due before today.
    let mut earlier = None;
    for &(id, on) in arrived.iter().rev() {
        let second = routing::working_days_after(&open, on, stops[0].days);
        let third_given = routing::working_days_after(&open, second, stops[1].days);
        let third_due = routing::working_days_after(&open, third_given, stops[2].days);
        if third_due < today {
            earlier = Some((id, on, second, third_given));
            break;
        }
    }
    if let Some((id, on, second, third_given)) = earlier {
        routing::start_routing(db, actor, id, on)?;
        routing::pass_on(db, actor, id, second)?;
        routing::pass_on(db, actor, id, third_given)?;
        report.routed += 1;
    }
    if let Some(&(id, on)) = arrived.last()
        && earlier.is_none_or(|(e, ..)| e != id)
    {
        routing::start_routing(db, actor, id, on)?;
        report.routed += 1;
    }
    report.routing_overdue = routing::overdue_routing(db, today)?.len();
    Ok(())
}

/// The year's two budgets (the periodicals' close to used up by the
/// subscriptions), next year's 报刊订阅费 for the 征订单, and an order to
/// the bookseller: the accepted suggestion waiting for its book, three
/// typed by ISBN, one of them received three days ago.
fn purchases(
    db: &Db,
    actor: &Actor,
    year: i32,
    today: NaiveDate,
    report: &mut PeriodicalsReport,
) -> Result<()> {
    acquisitions::set_budget(
        db,
        actor,
        year,
        BudgetKind::Books,
        "50000",
        Some("年度部门预算"),
    )?;
    let subscribed = acquisitions::budgets(db, year)?
        .into_iter()
        .find(|b| b.kind == BudgetKind::Periodicals)
        .map_or(0, |b| b.committed_fen);
    // A budget a little over what the subscriptions cost, rounded up to
    // a hundred yuan: past 90 %, so the warning shows.
    let periodicals = (subscribed * 105 / 100 + 9_999) / 10_000 * 100;
    acquisitions::set_budget(
        db,
        actor,
        year,
        BudgetKind::Periodicals,
        &periodicals.to_string(),
        Some("年度部门预算"),
    )?;
    acquisitions::set_budget(
        db,
        actor,
        year + 1,
        BudgetKind::Periodicals,
        &(periodicals + 500).to_string(),
        Some("预算建议数，待批复"),
    )?;
    let mut lines = Vec::new();
    if let Some(s) = part::list_suggestions(db, Some(SuggestionStatus::Accepted))?
        .into_iter()
        .next()
    {
        lines.push(LineDraft {
            suggestion_id: Some(s.id),
            copies: Some(2),
            price: Some("59.00".into()),
            ..Default::default()
        });
    }
    for (title, authors, publisher, isbn, copies, price, _) in BOOKS {
        lines.push(LineDraft {
            title: Some((*title).into()),
            authors: Some((*authors).into()),
            publisher: Some((*publisher).into()),
            isbn: Some((*isbn).into()),
            copies: Some(*copies),
            price: Some((*price).into()),
            ..Default::default()
        });
    }
    let order = acquisitions::create_order(
        db,
        actor,
        &OrderDraft {
            year,
            supplier: "新华书店（市店）".into(),
            note: Some("读者荐购及履职专题图书".into()),
            lines,
        },
    )?;
    report.order_lines = order.lines.len();
    let (title, authors, publisher, isbn, _, price, clc) = BOOKS[0];
    if let Some(line) = order.lines.iter().find(|l| l.title == title) {
        let receipt = Receipt {
            title: Some(NewTitle {
                title: title.into(),
                authors: Some(authors.into()),
                publisher: Some(publisher.into()),
                isbn: Some(isbn.into()),
                year: Some((year - 1).to_string()),
                clc: Some(clc.into()),
                price: Some(price.into()),
                source: Some("采购".into()),
                ..Default::default()
            }),
            location: Some("D区2架".into()),
        };
        acquisitions::receive_line(db, actor, line.id, &receipt, today - Days::new(3))?;
        report.lines_received += 1;
    }
    Ok(())
}
