//! The bodies of the readers' pages, as maud markup: every value from the
//! database is escaped where it is spliced in; links carry only ids and
//! percent-encoded queries. The catalogue's pages are open to anyone, the
//! reader's own need a sign-in.

mod catalog;
mod reader;

pub use catalog::{events, home, search, title};
pub use reader::{login, me, record};

use maud::{Markup, html};
use shuxiang_core::calendar::BookingKind;
use shuxiang_core::catalog::Title;
use shuxiang_core::sharing::ComingEvent;

use crate::html::when;

/// How many copies are in, as a reader wants to know it.
fn availability(t: &Title) -> Markup {
    html! {
        @if t.copies == 0 {
            span class="none" { "暂无馆藏" }
        } @else if t.available > 0 {
            span class="avail" { "在架 " (t.available) " 册" } "（共 " (t.copies) " 册）"
        } @else {
            span class="none" { "全部借出" } "（共 " (t.copies) " 册，可预约）"
        }
    }
}

/// Authors, publisher and year, those that are known, between dots.
fn byline(t: &Title) -> Markup {
    html! {
        @for (i, part) in [&t.authors, &t.publisher, &t.year].into_iter().flatten().enumerate() {
            @if i > 0 { " · " }
            (part)
        }
    }
}

/// A title in a list of results.
fn title_item(t: &Title) -> Markup {
    html! {
        li {
            a class="title" href={ "/titles/" (t.id) } { (t.title) }
            @if let Some(sub) = &t.subtitle {
                " " span class="sub" { (sub) }
            }
            div class="meta" { (byline(t)) }
            div class="meta" {
                @if let Some(call) = &t.call_number {
                    "索书号 " (call) " · "
                }
                (availability(t))
            }
        }
    }
}

/// A reading session or a training in a list of what is coming up.
fn event_item(e: &ComingEvent) -> Markup {
    let kind = match e.kind {
        BookingKind::Share => "读书分享",
        BookingKind::Training => "履职培训",
    };
    html! {
        li {
            span class="kind" { (kind) }
            b { (e.theme) }
            div class="meta" {
                (span(&e.starts_at, &e.ends_at))
                @if let Some(venue) = &e.venue { " · " (venue) }
                @if let Some(series) = &e.series { " · " (series) }
                @if let Some(host) = &e.host { " · 主持人 " (host) }
            }
            @for p in &e.presenters {
                div class="meta" {
                    "领读人 " (p.name)
                    @match (&p.book_title, p.title_id) {
                        (Some(book), Some(id)) => {
                            "，分享《" a href={ "/titles/" (id) } { (book) } "》"
                        }
                        (Some(book), None) => { "，分享《" (book) "》" }
                        _ => {}
                    }
                }
            }
        }
    }
}

/// `2026年11月26日 15:00–17:00`
fn span(starts_at: &str, ends_at: &str) -> String {
    let same_day = starts_at.get(..10) == ends_at.get(..10);
    match ends_at.get(11..16) {
        Some(end) if same_day => format!("{}–{end}", when(starts_at)),
        _ => format!("{} 至 {}", when(starts_at), when(ends_at)),
    }
}
