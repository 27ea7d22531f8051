//! `shuxiang serials …`: the periodicals room from the command line (DESIGN.md,
//! "The periodicals room and acquisitions").

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Subcommand;
use serde::Serialize;
use shuxiang_core::calendar::bookings::parse_day;
use shuxiang_core::import::ImportOptions;
use shuxiang_core::serials::{self, Issue, SerialDraft, SubscriptionDraft};
use shuxiang_core::{Actor, Db, Error};

use crate::output::{self, Output};

// Parsed once per run: the size of a variant costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand)]
pub(crate) enum SerialsWhat {
    /// 订阅一种报刊：预测全年各期
    Add {
        /// 报刊名称
        #[arg(long)]
        title: String,
        /// 刊期：日报 周六刊 周五刊 周三刊 周二刊 周刊 旬刊 半月刊 月刊 双月刊 季刊 半年刊 年刊 不定期
        #[arg(long)]
        frequency: String,
        /// 周刊类：星期（一,二,… 或 1–7，星期一为 1）；其余：每月的日期
        #[arg(long)]
        days: Option<String>,
        /// 出版的月份，如 1,3,5
        #[arg(long)]
        months: Option<String>,
        #[arg(long)]
        issn: Option<String>,
        /// 国内统一刊号，如 11-1000/D
        #[arg(long)]
        cn: Option<String>,
        /// 邮发代号，如 2-25
        #[arg(long)]
        postal_code: Option<String>,
        /// 订阅年份（或用 --from 与 --to）
        #[arg(long, conflicts_with_all = ["from", "to"])]
        year: Option<i32>,
        #[arg(long, value_parser = parse_day, requires = "to")]
        from: Option<NaiveDate>,
        #[arg(long, value_parser = parse_day, requires = "from")]
        to: Option<NaiveDate>,
        /// 份数
        #[arg(long)]
        copies: Option<i64>,
        /// 全年定价
        #[arg(long)]
        price: Option<String>,
        /// 第一期的当年期号
        #[arg(long)]
        first_issue: Option<u32>,
        /// 第一期的总期号
        #[arg(long)]
        first_total: Option<u32>,
        /// 合刊，如 7-8（可重复）
        #[arg(long)]
        combine: Vec<String>,
        /// 休刊的日期或日期段，如 2027-02-01..2027-02-28（可重复）
        #[arg(long)]
        skip: Vec<String>,
        /// 单位放假的日子不出版（报纸）
        #[arg(long)]
        holiday_pause: bool,
        /// 宽限天数（默认 15）
        #[arg(long)]
        grace: Option<i64>,
        /// 在途天数（默认 0）
        #[arg(long)]
        transit: Option<i64>,
    },
    /// 列出一个订阅的各期
    Issues { subscription: i64 },
    /// 记到：扫描封面条码，或输入邮发代号、刊名
    Receive {
        code: String,
        /// 到刊日期（默认今天）
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
        /// 本次到的份数（默认这一期还差的全部）
        #[arg(long)]
        copies: Option<i64>,
    },
    /// 列出迟到的期次（到期并过了宽限天数、仍未到齐）
    Late {
        #[arg(long, value_parser = parse_day)]
        on: Option<NaiveDate>,
    },
    /// 合订：把一个订阅的若干期装订成一册可借的合订本
    Bind {
        subscription: i64,
        /// 当年期号范围，如 1-12
        #[arg(long)]
        issues: String,
    },
    /// 生成下一年的征订单（.xlsx）
    RenewalList { year: i32, file: PathBuf },
    /// 从订阅清单导入（邮发代号、报刊名称、刊期、份数、全年定价 …）
    Import {
        file: PathBuf,
        /// 订阅年份（默认明年）
        #[arg(long)]
        year: Option<i32>,
        /// 只检查并报告，不做任何更改
        #[arg(long)]
        dry_run: bool,
    },
}

const CLI: Actor = Actor::CommandLine;

/// `7-8` → (7, 8).
fn range(text: &str, field: &str) -> Result<(u32, u32), Error> {
    let wrong = || Error::invalid(field, format!("“{text}”应为“7-8”这样的两个期号。"));
    let (a, b) = text.split_once(['-', '－']).ok_or_else(wrong)?;
    Ok((
        a.trim().parse().map_err(|_| wrong())?,
        b.trim().parse().map_err(|_| wrong())?,
    ))
}

/// `2027-02-01..2027-02-28` or one day.
fn day_range(text: &str) -> Result<(NaiveDate, NaiveDate), Error> {
    let (a, b) = text.split_once("..").unwrap_or((text, text));
    let day = |t: &str| parse_day(t.trim()).map_err(|e| Error::invalid("skip", e));
    Ok((day(a)?, day(b)?))
}

/// `一,三,五`, `1,3,5`, `10`, `1、16`.
fn numbers(text: &str, field: &str) -> Result<Vec<u32>, Error> {
    text.split([',', '，', '、', ' '])
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let t = t.trim().trim_start_matches("周").trim_start_matches("星期");
            let weekday = "一二三四五六日".chars().position(|c| t == c.to_string());
            match (weekday, t) {
                (Some(i), _) => Ok(i as u32 + 1),
                (None, "天") => Ok(7),
                (None, t) => t.trim_end_matches(['日', '号', '月']).parse().map_err(|_| {
                    Error::invalid(
                        field,
                        format!("“{t}”不是星期或日期，如“一,三,五”或“1,16”。"),
                    )
                }),
            }
        })
        .collect()
}

#[derive(Serialize)]
struct ReceivedAnswer<'a> {
    subscription_id: i64,
    issue: &'a Issue,
    status: serials::IssueStatus,
}

fn issue_line(i: &Issue) -> String {
    format!(
        "{}\t{}\t{}\t{}/{}",
        i.label,
        i.published_on,
        i.status.label(),
        i.copies_received,
        i.copies_expected
    )
}

pub(crate) fn run(
    db: impl FnOnce() -> Result<PathBuf, Error>,
    what: &SerialsWhat,
    out: &Output,
) -> Result<ExitCode, Error> {
    if let SerialsWhat::Import {
        file,
        year,
        dry_run,
    } = what
    {
        let (bytes, name) = shuxiang_core::import::file_bytes(file)?;
        let db = Db::open(&db()?)?;
        let year = year.unwrap_or_else(|| chrono::Datelike::year(&db.clock().today()) + 1);
        let options = ImportOptions {
            dry_run: *dry_run,
            progress: output::import_progress(),
            ..Default::default()
        };
        let report = serials::import_subscriptions_file(&db, &CLI, &name, &bytes, year, options)?;
        output::end_import_progress();
        out.import_report(&report, *dry_run);
        return Ok(crate::exit(!report.refused()));
    }
    let db = Db::open(&db()?)?;
    let today = db.clock().today();
    match what {
        SerialsWhat::Add {
            title,
            frequency,
            days,
            months,
            issn,
            cn,
            postal_code,
            year,
            from,
            to,
            copies,
            price,
            first_issue,
            first_total,
            combine,
            skip,
            holiday_pause,
            grace,
            transit,
        } => {
            let weekly = matches!(
                serials::Frequency::parse(frequency)?,
                serials::Frequency::日报
                    | serials::Frequency::周六刊
                    | serials::Frequency::周五刊
                    | serials::Frequency::周三刊
                    | serials::Frequency::周二刊
                    | serials::Frequency::周刊
            );
            let listed = days
                .as_deref()
                .map(|d| numbers(d, "days"))
                .transpose()?
                .unwrap_or_default();
            let draft = SubscriptionDraft {
                frequency: frequency.clone(),
                weekdays: if weekly { listed.clone() } else { Vec::new() },
                days: if weekly { Vec::new() } else { listed },
                months: months
                    .as_deref()
                    .map(|m| numbers(m, "months"))
                    .transpose()?
                    .unwrap_or_default(),
                year: if from.is_none() {
                    Some(year.unwrap_or_else(|| chrono::Datelike::year(&today)))
                } else {
                    None
                },
                from: *from,
                to: *to,
                copies: *copies,
                price: price.clone(),
                first_issue: *first_issue,
                first_total: *first_total,
                combine: combine
                    .iter()
                    .map(|c| range(c, "combine"))
                    .collect::<Result<_, _>>()?,
                skip: skip
                    .iter()
                    .map(|s| day_range(s))
                    .collect::<Result<_, _>>()?,
                holiday_pause: *holiday_pause,
                grace_days: *grace,
                transit_days: *transit,
                supplier: None,
                revision: None,
            };
            let serial = SerialDraft {
                title: title.clone(),
                issn: issn.clone(),
                cn: cn.clone(),
                postal_code: postal_code.clone(),
                frequency: Some(frequency.clone()),
                sponsor: None,
            };
            let added = serials::add_subscription(&db, &CLI, &serial, &draft)?;
            out.value(&added, || {
                format!(
                    "已订阅《{title}》：订阅编号 {}，预测 {} 期",
                    added.subscription_id, added.issues
                )
            });
        }
        SerialsWhat::Issues { subscription } => {
            let list = serials::issues(&db, *subscription)?;
            out.value(&list, || {
                list.iter().map(issue_line).collect::<Vec<_>>().join("\n")
            });
        }
        SerialsWhat::Receive { code, on, copies } => {
            let r = serials::receive(&db, &CLI, code, on.unwrap_or(today), *copies)?;
            let answer = ReceivedAnswer {
                subscription_id: r.subscription_id,
                issue: &r.issue,
                status: r.status,
            };
            out.value(&answer, || {
                format!(
                    "《{}》{}：{}（{}/{} 份）",
                    r.title,
                    r.issue.label,
                    r.status.label(),
                    r.issue.copies_received,
                    r.issue.copies_expected
                )
            });
        }
        SerialsWhat::Late { on } => {
            let late = serials::late(&db, on.unwrap_or(today))?;
            out.value(&late, || {
                if late.is_empty() {
                    return "没有迟到的期次。".into();
                }
                late.iter()
                    .map(|l| {
                        format!(
                            "{}\t{}\t{}\t迟到 {} 天\t缺 {} 份",
                            l.postal_code.as_deref().unwrap_or("-"),
                            l.title,
                            l.label,
                            l.days_late,
                            l.copies_missing
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SerialsWhat::Bind {
            subscription,
            issues,
        } => {
            let (a, b) = range(issues, "issues")?;
            let bound = serials::bind(&db, &CLI, *subscription, a, b)?;
            out.value(&bound, || {
                format!(
                    "合订本 {}（{}），{} 期{}",
                    bound.barcode,
                    bound.call_number,
                    bound.issues,
                    if bound.missing.is_empty() {
                        String::new()
                    } else {
                        format!("，缺：{}", bound.missing.join("、"))
                    }
                )
            });
        }
        SerialsWhat::RenewalList { year, file } => {
            let list = serials::export_renewal_list(&db, *year, file)?;
            out.value(&list, || {
                format!(
                    "已生成 {year} 年征订单 {}：{} 种，合计 {:.2} 元",
                    file.display(),
                    list.lines.len(),
                    list.total
                )
            });
        }
        SerialsWhat::Import { .. } => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}
