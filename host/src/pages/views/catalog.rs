//! The pages anyone may open: the front page, search, a title and what is
//! coming up.

use maud::{Markup, html};
use shuxiang_core::catalog::{CopyStatus, Title};
use shuxiang_core::circulation::ReaderTitle;
use shuxiang_core::people::Page;
use shuxiang_core::sharing::ComingEvent;

use super::{availability, event_item, title_item};
use crate::Reader;
use crate::html::{Notice, form_token, query_value, search_box, when};

/// The front page: the search box, what is coming up, the newest titles.
pub fn home(arrivals: &[Title], events: &[ComingEvent]) -> Markup {
    html! {
        h1 { "查书" }
        (search_box(""))
        div class="columns" {
            section {
                h2 { "近期活动" }
                @if events.is_empty() {
                    p class="empty" { "近期没有安排读书分享或培训。" }
                } @else {
                    ol class="results" {
                        @for e in events.iter().take(4) { (event_item(e)) }
                    }
                    p { a href="/events" { "全部近期活动" } }
                }
            }
            section {
                h2 { "新书上架" }
                @if arrivals.is_empty() {
                    p class="empty" { "阅览室还没有编目的图书。" }
                } @else {
                    ol class="results" {
                        @for t in arrivals { (title_item(t)) }
                    }
                }
            }
        }
    }
}

/// Page `number` of the titles found for `q`, `size` to a page; no
/// results yet when nothing was asked.
pub fn search(q: &str, number: u32, results: Option<&Page<Title>>, size: u32) -> Markup {
    html! {
        h1 { "查书" }
        (search_box(q))
        @match results {
            None => {
                p class="empty" {
                    "输入书名、作者、主题词，或它们的拼音、拼音首字母（如 wlswn 即“万历十五年”），也可以扫描或输入 ISBN、索书号。"
                }
            }
            Some(page) if page.items.is_empty() => {
                p class="empty" {
                    "没有找到与“" (q) "”相关的图书。换个词、少写几个字，或试试拼音首字母。"
                }
            }
            Some(page) => {
                p class="meta" {
                    "找到 " @if page.capped { "超过 " } (page.total) " 种，第 " (number) " 页"
                }
                ol class="results" {
                    @for t in &page.items { (title_item(t)) }
                }
                nav class="pager" aria-label="翻页" {
                    @if number > 1 {
                        a href={ "/search?q=" (query_value(q)) "&page=" (number - 1) } { "上一页" }
                    }
                    @if u64::from(number * size) < page.total {
                        a href={ "/search?q=" (query_value(q)) "&page=" (number + 1) } { "下一页" }
                    }
                }
            }
        }
    }
}

fn copy_state(status: CopyStatus, due_on: Option<&str>) -> String {
    match (status, due_on) {
        (CopyStatus::OnLoan, Some(due)) => format!("借出，{} 应还", when(due)),
        (status, _) => status.label().to_owned(),
    }
}

/// A title with its copies and the way to hold it; `notice` says what
/// was just refused.
pub fn title(page: &ReaderTitle, signed: Option<&Reader>, notice: Option<&Notice>) -> Markup {
    let t = &page.title;
    let fields = [
        ("作者", &t.authors),
        ("出版社", &t.publisher),
        ("出版年", &t.year),
        ("版次", &t.edition),
        ("ISBN", &t.isbn),
        ("索书号", &t.call_number),
        ("主题", &t.subjects),
    ];
    html! {
        @if let Some(notice) = notice { (notice) }
        h1 {
            (t.title)
            @if let Some(sub) = &t.subtitle {
                " " span class="sub" { (sub) }
            }
        }
        dl class="fields" {
            @for (label, value) in fields {
                @if let Some(value) = value {
                    dt { (label) }
                    dd { (value) }
                }
            }
            dt { "馆藏" }
            dd { (availability(t)) }
        }
        @if let Some(summary) = &t.summary {
            p { (summary) }
        }
        h2 { "各册所在" }
        @if page.copies.is_empty() {
            p class="empty" { "这种书暂无可借的册。" }
        } @else {
            table {
                thead { tr { th { "条码" } th { "位置" } th { "状态" } } }
                tbody {
                    @for c in &page.copies {
                        tr {
                            td { (c.barcode) }
                            td { (c.location.as_deref().unwrap_or("—")) }
                            td { (copy_state(c.status, c.due_on.as_deref())) }
                        }
                    }
                }
            }
        }
        h2 { "预约" }
        @if page.holds_waiting > 0 {
            p class="meta" { "已有 " (page.holds_waiting) " 人在排队。" }
        }
        @match signed {
            Some(reader) => {
                form method="post" action={ "/titles/" (t.id) "/hold" } {
                    (form_token(&reader.form_token))
                    button type="submit" { "预约这本书" }
                }
            }
            None => {
                p {
                    a href={ "/login?next=/titles/" (t.id) } { "登录" }
                    "后可以预约；书到后阅览室会为您留书。"
                }
            }
        }
    }
}

/// What is coming up in the next `days` days.
pub fn events(events: &[ComingEvent], days: u64) -> Markup {
    html! {
        h1 { "近期活动" }
        p class="meta" { "今后 " (days) " 天的读书分享和代表履职培训。" }
        @if events.is_empty() {
            p class="empty" { "这段时间没有安排活动。新的安排会在组织者排定后出现在这里。" }
        } @else {
            ol class="results" {
                @for e in events { (event_item(e)) }
            }
        }
    }
}
