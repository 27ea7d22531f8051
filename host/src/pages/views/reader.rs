//! The reader's own pages: signing in, their loans and holds, and their
//! 学习档案 for a year.

use maud::{Markup, html};
use shuxiang_core::circulation::{HoldStatus, ReaderMe};
use shuxiang_core::reports::PersonRecord;

use crate::html::{Notice, form_token, when};

/// The sign-in form, with the card typed so far and where to go after.
pub fn login(card: &str, next: &str, notice: Option<&Notice>) -> Markup {
    html! {
        h1 { "读者登录" }
        @if let Some(notice) = notice { (notice) }
        form class="login" method="post" action="/login" {
            input type="hidden" name="next" value=(next);
            label {
                "借书证号"
                input type="text" name="card" value=(card) autocomplete="username" required autofocus;
            }
            label {
                "PIN"
                input type="password" name="pin" inputmode="numeric" autocomplete="current-password" required;
            }
            button type="submit" { "登录" }
        }
        p class="meta" {
            "PIN 由阅览室设置。没有 PIN 或忘记了，请到阅览室服务台办理；在同一台电脑上连续输错 5 次，要等 15 分钟才能再试。"
        }
    }
}

fn hold_state(status: HoldStatus, position: Option<usize>, expires_on: Option<&str>) -> String {
    match (status, position, expires_on) {
        (HoldStatus::Ready, _, Some(day)) => format!("已留书，请于 {} 前到服务台领取", when(day)),
        (HoldStatus::Ready, _, None) => "已留书，请到服务台领取".to_owned(),
        (HoldStatus::Waiting, Some(n), _) => format!("排队中，第 {n} 位"),
        (HoldStatus::Waiting, None, _) => "排队中".to_owned(),
        (HoldStatus::Collected, ..) => "已取书".to_owned(),
        (HoldStatus::Cancelled, ..) => "已取消".to_owned(),
        (HoldStatus::Expired, ..) => "已过期".to_owned(),
    }
}

/// The reader's loans and holds; each hold's form carries `token`.
pub fn me(mine: &ReaderMe, token: &str, notice: Option<&Notice>) -> Markup {
    html! {
        @if let Some(notice) = notice { (notice) }
        h1 { (mine.name) " 的借阅" }
        p { a href="/me/record" { "我的学习档案" } }
        h2 { "在借的书" }
        @if mine.loans.is_empty() {
            p class="empty" { "您现在没有在借的书。" a href="/search" { "去查书" } }
        } @else {
            table {
                thead { tr { th { "书名" } th { "条码" } th { "应还日期" } } }
                tbody {
                    @for l in &mine.loans {
                        tr {
                            td { a href={ "/titles/" (l.title_id) } { (l.title) } }
                            td { (l.barcode) }
                            td {
                                (when(&l.due))
                                @if l.overdue_days > 0 {
                                    " " span class="overdue" { "已逾期 " (l.overdue_days) " 天" }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "我的预约" }
        @if mine.holds.is_empty() {
            p class="empty" { "您现在没有预约。书都借出时，可以在书的页面上预约。" }
        } @else {
            table {
                thead { tr { th { "书名" } th { "状态" } th {} } }
                tbody {
                    @for h in &mine.holds {
                        tr {
                            td { a href={ "/titles/" (h.title_id) } { (h.title) } }
                            td { (hold_state(h.status, h.position, h.expires_on.as_deref())) }
                            td {
                                form class="plain" method="post" action={ "/me/holds/" (h.id) "/cancel" } {
                                    (form_token(token))
                                    button type="submit" class="quiet" { "取消预约" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The reader's 学习档案 for `year`, with the way to the years around it
/// up to `this_year`.
pub fn record(r: &PersonRecord, year: i32, this_year: i32) -> Markup {
    let t = &r.totals;
    html! {
        h1 { (r.person.name) " 的学习档案 " span class="sub" { (year) " 年" } }
        p {
            "借阅 " (t.borrowed) " 册 · 领读 " (t.presented) " 次 · 参加读书分享 " (t.attended)
            " 次 · 培训 " (t.trainings) " 个批次（结业 " (t.trainings_completed) " 个）"
        }
        nav class="pager" {
            a href={ "/me/record?year=" (year - 1) } { (year - 1) " 年" }
            @if year < this_year {
                a href={ "/me/record?year=" (year + 1) } { (year + 1) " 年" }
            }
        }
        h2 { "借阅" }
        @if r.borrowed.is_empty() {
            p class="empty" { "这一年没有借阅记录。" }
        } @else {
            table {
                thead { tr { th { "书名" } th { "借出" } th { "归还" } } }
                tbody {
                    @for b in &r.borrowed {
                        tr {
                            td { a href={ "/titles/" (b.title_id) } { (b.title) } }
                            td { (when(&b.borrowed_on)) }
                            td {
                                @match &b.returned_on {
                                    Some(day) => { (when(day)) }
                                    None => { "在借" }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "读书分享" }
        @if r.presented.is_empty() && r.attended.is_empty() {
            p class="empty" { "这一年没有参加读书分享。" }
        } @else {
            table {
                thead { tr { th { "日期" } th { "主题" } th { "身份" } } }
                tbody {
                    @for p in &r.presented {
                        tr {
                            td { (when(&p.starts_at)) }
                            td { (p.theme) }
                            td {
                                "领读人"
                                @if let Some(book) = &p.book { "（分享《" (book) "》）" }
                            }
                        }
                    }
                    @for a in &r.attended {
                        tr {
                            td { (when(&a.starts_at)) }
                            td { (a.theme) }
                            td { "参加" }
                        }
                    }
                }
            }
        }
        h2 { "履职培训" }
        @if r.trainings.is_empty() {
            p class="empty" { "这一年没有参加培训。" }
        } @else {
            table {
                thead { tr { th { "专题" } th { "批次" } th { "出勤" } th { "结果" } } }
                tbody {
                    @for l in &r.trainings {
                        tr {
                            td { (l.topic) }
                            td { (l.batch) }
                            td { (l.present) " / " (l.held) " 次" }
                            td {
                                @if l.completed { "已结业" }
                                @else if l.missed { "未结业" }
                                @else { "进行中" }
                            }
                        }
                    }
                }
            }
        }
    }
}
