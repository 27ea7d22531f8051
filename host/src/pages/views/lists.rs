//! 书单: the reading lists staff publish, and one list's titles with
//! what is on the shelf and a hold button each (naming its book).

use maud::{Markup, html};
use shuxiang_core::circulation::ReaderMe;
use shuxiang_core::participation::{ReadingList, ReadingListDetail};

use super::{availability, byline};
use crate::Reader;
use crate::html::{form_token, paragraphs, unseen};

/// What a list is for: its topic or series.
fn about(l: &ReadingList) -> Markup {
    html! {
        @if let Some(topic) = &l.topic_name { "培训专题：" (topic) " · " }
        @if let Some(series) = &l.series_name { "读书分享：" (series) " · " }
        (l.items) " 种书"
    }
}

/// The published lists.
pub fn lists(all: &[ReadingList]) -> Markup {
    html! {
        h1 { "书单" }
        p { "阅览室为学习专题、培训和读书分享活动整理的书目。" }
        @if all.is_empty() {
            p class="empty" { "阅览室还没有发布书单。" }
        } @else {
            ol class="results" {
                @for l in all {
                    li {
                        h2 class="plain" { a class="title" href={ "/lists/" (l.id) } { (l.name) } }
                        @if let Some(d) = &l.description { p { (d) } }
                        div class="meta" { (about(l)) }
                    }
                }
            }
        }
    }
}

/// One list with its titles; a signed-in reader (with their loans and
/// holds in `mine`) may hold each title they neither hold nor have.
pub fn list(detail: &ReadingListDetail, signed: Option<(&Reader, &ReaderMe)>) -> Markup {
    let l = &detail.list;
    html! {
        h1 { (l.name) }
        @if let Some(d) = &l.description { (paragraphs(d)) }
        p class="meta" { (about(l)) }
        @if signed.is_none() {
            p { a href={ "/login?next=/lists/" (l.id) } { "登录" } "后可以直接从书单预约。" }
        }
        @if detail.titles.is_empty() {
            p class="empty" { "这个书单还没有书。" }
        } @else {
            ol class="results" {
                @for t in &detail.titles {
                    li {
                        h2 class="plain" { a class="title" href={ "/titles/" (t.title_id) } { (t.title) } }
                        div class="meta" { (byline([&t.authors, &t.publisher, &t.year])) }
                        div class="meta" {
                            @if let Some(call) = &t.call_number { "索书号 " (call) " · " }
                            (availability(t.copies, t.available))
                        }
                        @if let Some(note) = &t.note { p { (note) } }
                        @if let Some((reader, mine)) = signed {
                            div class="actions" {
                                @if mine.loans.iter().any(|x| x.title_id == t.title_id) {
                                    span class="mine" { "您正借着这本书" }
                                } @else if mine.holds.iter().any(|h| h.title_id == t.title_id) {
                                    span class="mine" { "您已预约这本书" }
                                    a href="/me" { "看排队情况" }
                                } @else if t.copies > 0 {
                                    form class="plain" method="post" action={ "/titles/" (t.title_id) "/hold" } {
                                        (form_token(&reader.form_token))
                                        button type="submit" class="quiet" {
                                            "预约" (unseen(&format!("《{}》", t.title)))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        p { a href="/lists" { "全部书单" } }
    }
}
