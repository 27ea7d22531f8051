//! 近期活动: the coming reading-share sessions and training batches, each
//! with its sign-up state and places left, the signed-in reader's own
//! place (已报名, 候补第 N 位) and a button to sign up or cancel.

use maud::{Markup, html};
use shuxiang_core::calendar::{BookingKind, SignupStatus};
use shuxiang_core::participation::{Event, EventKind, MySignup};
use shuxiang_core::sharing::ComingEvent;

use super::{presenters, span};
use crate::Reader;
use crate::html::{Notice, form_token, unseen, when};

/// What the events page shows.
pub struct EventsView<'a> {
    /// Every coming event with its sign-up state.
    pub events: &'a [Event],
    /// The sessions of the next `days` days, with presenters.
    pub coming: &'a [ComingEvent],
    /// The last day of the next `days` days (`YYYY-MM-DD`).
    pub horizon: &'a str,
    pub days: u64,
    /// The signed-in reader and their places.
    pub mine: Option<(&'a Reader, &'a [MySignup])>,
    pub notice: Option<&'a Notice>,
}

impl EventsView<'_> {
    /// Shown: what happens within the days looked at, and what is open
    /// for sign-up whenever it is.
    fn shown(&self, kind: EventKind) -> impl Iterator<Item = &Event> {
        self.events.iter().filter(move |e| {
            e.kind == kind
                && (e.start.get(..10).is_some_and(|d| d <= self.horizon)
                    || matches!(e.signup, "open" | "full"))
        })
    }
}

/// The events page.
pub fn events(v: &EventsView<'_>) -> Markup {
    let sharing: Vec<&Event> = v.shown(EventKind::Sharing).collect();
    let training: Vec<&Event> = v.shown(EventKind::Training).collect();
    html! {
        @if let Some(notice) = v.notice { (notice) }
        h1 { "近期活动" }
        p class="meta" { "今后 " (v.days) " 天的读书分享和代表履职培训，以及正在报名的活动。" }
        @if v.mine.is_none() {
            p { a href="/login?next=/events" { "登录" } "后可以报名、取消报名，或报名做领读人。" }
        }
        h2 { "读书分享" }
        @if sharing.is_empty() {
            p class="empty" { "这段时间没有安排读书分享。新的安排会在组织者排定后出现在这里。" }
        } @else {
            ol class="results" {
                @for e in sharing { (event(v, e)) }
            }
        }
        h2 { "代表履职培训" }
        @if training.is_empty() {
            p class="empty" { "这段时间没有安排培训。" }
        } @else {
            ol class="results" {
                @for e in training { (event(v, e)) }
            }
        }
    }
}

fn event(v: &EventsView<'_>, e: &Event) -> Markup {
    let session = (e.kind == EventKind::Sharing)
        .then(|| v.coming.iter().find(|c| c.session_id == Some(e.id)))
        .flatten();
    let lessons: Vec<&ComingEvent> = match e.kind {
        EventKind::Training => v
            .coming
            .iter()
            .filter(|c| c.kind == BookingKind::Training && c.batch_id == Some(e.id))
            .collect(),
        EventKind::Sharing => Vec::new(),
    };
    html! {
        li id={ (e.kind.code()) "-" (e.id) } {
            span class="kind" {
                @match e.kind { EventKind::Sharing => "读书分享", EventKind::Training => "履职培训" }
            }
            h3 { (e.title) }
            div class="meta" {
                (span(&e.start, &e.end))
                @if let Some(venue) = &e.venue { " · " (venue) }
                @if let Some(s) = session {
                    @if let Some(series) = &s.series { " · " (series) }
                    @if let Some(host) = &s.host { " · 主持人 " (host) }
                }
                @if e.kind == EventKind::Training {
                    " · "
                    @match &e.group { Some(g) => { (g) "专业小组" }, None => "混合编班" }
                }
            }
            @if let Some(s) = session { (presenters(s)) }
            @for l in &lessons {
                div class="meta" { (span(&l.starts_at, &l.ends_at)) " " (l.theme) }
            }
            div class="meta" { (signup_state(e)) }
            (actions(v, e))
        }
    }
}

/// Whether and how readers may sign up.
fn signup_state(e: &Event) -> Markup {
    html! {
        @match e.signup {
            "open" => {
                "报名中"
                @match e.places_left {
                    Some(n) => { "，还有 " (n) " 个名额" }
                    None => { "，不限名额" }
                }
                @if let Some(until) = &e.until { "，" (when(until)) " 截止" }
            }
            "full" => { "名额已满，可以报名候补，有人取消时按顺序递补" }
            "closed" => { "报名已截止" }
            _ => { "由组织者邀请或安排" }
        }
    }
}

/// The reader's own place, and the button that changes it.
fn actions(v: &EventsView<'_>, e: &Event) -> Markup {
    let quoted = format!("“{}”", e.title);
    let base = format!("/events/{}/{}", e.kind.code(), e.id);
    html! {
        div class="actions" {
            @if let Some((reader, mine)) = v.mine {
                @let place = mine.iter().find(|s| s.kind == e.kind && s.id == e.id);
                @match place {
                    Some(s) if s.status == SignupStatus::Waitlisted => {
                        span class="mine" {
                            "您在候补"
                            @if let Some(n) = s.place { "第 " (n) " 位" }
                        }
                        (button(reader, &format!("{base}/cancel"), "取消候补", &quoted, true))
                    }
                    Some(_) => {
                        span class="mine" { "您已报名" }
                        (button(reader, &format!("{base}/cancel"), "取消报名", &quoted, true))
                    }
                    None if e.signup == "open" => {
                        (button(reader, &format!("{base}/signup"), "报名", &quoted, false))
                    }
                    None if e.signup == "full" => {
                        (button(reader, &format!("{base}/signup"), "报名候补", &quoted, false))
                    }
                    None => {}
                }
                @if e.kind == EventKind::Training && place.is_some_and(|s| s.status == SignupStatus::SignedUp) {
                    a href="/me/leave" { "请假" }
                }
            }
            @if e.kind == EventKind::Sharing {
                a href={ "/share?session=" (e.id) } { "我要分享" (crate::html::unseen(&format!("：在{quoted}做领读人"))) }
            }
        }
    }
}

/// A form of one button: `words` seen, `what` said to a screen reader.
fn button(reader: &Reader, action: &str, words: &str, what: &str, quiet: bool) -> Markup {
    html! {
        form class="plain" method="post" action=(action) {
            (form_token(&reader.form_token))
            button type="submit" class=[quiet.then_some("quiet")] { (words) (unseen(what)) }
        }
    }
}
