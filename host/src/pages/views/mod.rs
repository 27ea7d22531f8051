//! The bodies of the readers' pages, as maud markup: every value from the
//! database is escaped where it is spliced in; links carry only ids and
//! percent-encoded queries. The catalogue's pages are open to anyone, the
//! reader's own need a sign-in. Every button that acts on one of several
//! things names it for a screen reader; every field has a label, and the
//! one a refusal blames points at it.

mod catalog;
mod events;
mod forms;
mod lists;
mod periodicals;
mod reader;
mod record;
mod requests;
mod share;

pub use catalog::{TitleView, home, search, title};
pub use events::{EventsView, events};
pub use forms::{LeaveForm, PinForm, SuggestForm, leave, pin, suggest, suggestion_held};
pub use lists::{list, lists};
pub use periodicals::{my_routing, periodicals};
pub use reader::{login, me};
pub use record::record;
pub use share::{ShareView, share};

use maud::{Markup, html};
use shuxiang_core::calendar::BookingKind;
use shuxiang_core::catalog::Title;
use shuxiang_core::sharing::ComingEvent;

use crate::html::when;

/// How many copies are in, as a reader wants to know it.
fn availability(copies: i64, available: i64) -> Markup {
    html! {
        @if copies == 0 {
            span class="none" { "暂无馆藏" }
        } @else if available > 0 {
            span class="avail" { "在架 " (available) " 册" } "（共 " (copies) " 册）"
        } @else {
            span class="none" { "全部借出" } "（共 " (copies) " 册，可预约）"
        }
    }
}

/// Authors, publisher and year, those that are known, between dots.
fn byline(parts: [&Option<String>; 3]) -> Markup {
    html! {
        @for (i, part) in parts.into_iter().flatten().enumerate() {
            @if i > 0 { " · " }
            (part)
        }
    }
}

/// A title in a list of results: its name a heading, so a screen reader
/// moves from one to the next.
fn title_item(t: &Title) -> Markup {
    html! {
        li {
            h3 { a class="title" href={ "/titles/" (t.id) } { (t.title) } }
            @if let Some(sub) = &t.subtitle {
                " " span class="sub" { (sub) }
            }
            div class="meta" { (byline([&t.authors, &t.publisher, &t.year])) }
            div class="meta" {
                @if let Some(call) = &t.call_number {
                    "索书号 " (call) " · "
                }
                (availability(t.copies, t.available))
            }
        }
    }
}

/// A reading session or a training session in the home page's short list
/// of what is coming up.
fn event_item(e: &ComingEvent) -> Markup {
    let kind = match e.kind {
        BookingKind::Share => "读书分享",
        BookingKind::Training => "履职培训",
    };
    html! {
        li {
            span class="kind" { (kind) }
            h3 { (e.theme) }
            div class="meta" {
                (span(&e.starts_at, &e.ends_at))
                @if let Some(venue) = &e.venue { " · " (venue) }
                @if let Some(series) = &e.series { " · " (series) }
                @if let Some(host) = &e.host { " · 主持人 " (host) }
            }
            (presenters(e))
        }
    }
}

/// Who presents at a reading session and the book each shares.
fn presenters(e: &ComingEvent) -> Markup {
    html! {
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

/// `2026年11月26日 15:00–17:00`; days alone for a batch.
fn span(starts_at: &str, ends_at: &str) -> String {
    let same_day = starts_at.get(..10) == ends_at.get(..10);
    match ends_at.get(11..16) {
        Some(end) if same_day => format!("{}–{end}", when(starts_at)),
        _ if ends_at.is_empty() || starts_at == ends_at => when(starts_at),
        _ => format!("{} 至 {}", when(starts_at), when(ends_at)),
    }
}

/// The first characters of a long text, for a list.
fn excerpt(text: &str, chars: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= chars {
        flat
    } else {
        let cut: String = flat.chars().take(chars).collect();
        format!("{cut}…")
    }
}
