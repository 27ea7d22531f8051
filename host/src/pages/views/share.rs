//! 我要分享: a reader offers to present a book at a coming reading-share
//! session. The book is found by a search within the page (or comes from
//! its title page); the offer is a session, the book and a topic.

use maud::{Markup, html};
use shuxiang_core::catalog::Title;
use shuxiang_core::participation::Event;

use super::{byline, span};
use crate::Reader;
use crate::html::{Notice, blamed, form_token};

/// What the share page shows.
pub struct ShareView<'a> {
    pub reader: &'a Reader,
    /// The coming sessions a reader may offer at.
    pub sessions: &'a [Event],
    /// The session chosen so far.
    pub session: Option<i64>,
    /// The book chosen (from its title page, or picked before).
    pub book: Option<&'a Title>,
    /// The search for a book, and what it found.
    pub q: &'a str,
    pub found: &'a [Title],
    /// The topic typed so far.
    pub topic: &'a str,
    pub notice: Option<&'a Notice>,
}

/// The share page.
pub fn share(v: &ShareView<'_>) -> Markup {
    html! {
        @if let Some(notice) = v.notice { (notice) }
        h1 { "我要分享" }
        p {
            "选一次还没举行的读书分享活动和一本馆藏的书，写下分享的题目。组织者同意后，您就是这次活动的领读人。"
        }
        @if v.sessions.is_empty() {
            p class="empty" { "近期没有安排读书分享活动。活动排定后，可以在" a href="/events" { "近期活动" } "里报名分享。" }
        } @else {
            (book_search(v))
            @if v.book.is_some() || !v.found.is_empty() {
                (offer_form(v))
            }
        }
    }
}

/// The search for the book, or the book already chosen.
fn book_search(v: &ShareView<'_>) -> Markup {
    html! {
        h2 { "1. 要分享的书" }
        @match v.book {
            Some(book) => {
                p {
                    "《" a href={ "/titles/" (book.id) } { (book.title) } "》"
                    span class="meta" { " " (byline([&book.authors, &book.publisher, &book.year])) }
                }
                p {
                    a href={ "/share" @if let Some(s) = v.session { "?session=" (s) } } { "换一本书" }
                }
            }
            None => {
                form class="search" method="get" action="/share" role="search" {
                    @if let Some(s) = v.session { input type="hidden" name="session" value=(s); }
                    label for="book-q" { "查找要分享的书：书名、作者、拼音或首字母、ISBN" }
                    div class="row" {
                        input type="search" id="book-q" name="q" value=(v.q);
                        button type="submit" { "查找" }
                    }
                }
                @if !v.q.is_empty() && v.found.is_empty() {
                    p class="empty" { "没有找到与“" (v.q) "”相关的图书，换个词试试。" }
                }
            }
        }
    }
}

/// The offer: the session, the book (picked from the results when not
/// chosen yet), the topic.
fn offer_form(v: &ShareView<'_>) -> Markup {
    let (session_invalid, session_described) = blamed(v.notice, "session_id");
    let (topic_invalid, topic_described) = blamed(v.notice, "topic");
    html! {
        h2 { "2. 活动和题目" }
        form class="stack" method="post" action="/share" {
            (form_token(&v.reader.form_token))
            @match v.book {
                Some(book) => { input type="hidden" name="title_id" value=(book.id); }
                None => {
                    fieldset {
                        legend { "选一本书" }
                        @for (i, t) in v.found.iter().enumerate() {
                            label {
                                input type="radio" name="title_id" value=(t.id) required checked[i == 0];
                                span {
                                    "《" (t.title) "》"
                                    span class="meta" { " " (byline([&t.authors, &t.publisher, &t.year])) }
                                }
                            }
                        }
                    }
                }
            }
            label {
                "在哪次活动分享"
                select name="session_id" required aria-invalid=[session_invalid] aria-describedby=[session_described] {
                    @for s in v.sessions {
                        option value=(s.id) selected[v.session == Some(s.id)] {
                            (span(&s.start, &s.end)) " " (s.title)
                        }
                    }
                }
            }
            label {
                "分享题目" span class="hint" { "最多 200 字，如“从《乡土中国》看基层治理”" }
                input type="text" name="topic" value=(v.topic) maxlength="200" required
                    aria-invalid=[topic_invalid] aria-describedby=[topic_described];
            }
            button type="submit" { "提交分享报名" }
        }
    }
}
