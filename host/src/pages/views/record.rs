//! The reader's 学习档案 for a year: what they borrowed, presented,
//! attended and completed, with the way to the years around it.

use maud::{Markup, html};
use shuxiang_core::reports::PersonRecord;

use crate::html::when;

/// The reader's 学习档案 for `year`, with the way to the years around it
/// up to `this_year`.
pub fn record(r: &PersonRecord, year: i32, this_year: i32) -> Markup {
    let t = &r.totals;
    html! {
        h1 { (r.person.name) " 的学习档案 " span class="sub" { (year) " 年" } }
        p {
            "借阅 " (t.borrowed) " 册 · 领读 " (t.presented) " 次 · 参加读书分享 " (t.attended)
            " 次 · 培训 " (t.trainings) " 个批次（结业 " (t.trainings_completed) " 个） · 发表读书心得 "
            (t.notes) " 篇"
        }
        nav class="pager" aria-label="选择年份" {
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
                thead { tr { th scope="col" { "书名" } th scope="col" { "借出" } th scope="col" { "归还" } } }
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
                thead { tr { th scope="col" { "日期" } th scope="col" { "主题" } th scope="col" { "身份" } } }
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
        h2 { "读书心得" }
        @if r.notes.is_empty() {
            p class="empty" { "这一年没有发表读书心得。" }
        } @else {
            table {
                thead { tr { th scope="col" { "书名" } th scope="col" { "发表" } } }
                tbody {
                    @for n in &r.notes {
                        tr {
                            td {
                                a href={ "/titles/" (n.title_id) "#note-" (n.note_id) } { (n.title) }
                                @if n.featured { " " span class="kind" { "精选" } }
                            }
                            td { (when(&n.published_on)) }
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
                thead { tr { th scope="col" { "专题" } th scope="col" { "批次" } th scope="col" { "出勤" } th scope="col" { "结果" } } }
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
