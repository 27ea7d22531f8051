//! The reader's requests on 我的借阅, each with its state in the core's
//! own Chinese words: sign-ups, reading notes, purchase suggestions,
//! offers to share and leave. Only the reader's own reach this page; a
//! kind they never used is left out.

use maud::{Markup, html};
use shuxiang_core::calendar::SignupStatus;
use shuxiang_core::participation::{
    EventKind, NoteStatus, ReaderRequests, SuggestionKind, SuggestionStatus,
};

use crate::html::{form_token, unseen, when};

/// Every kind of request the reader has made.
pub fn all(r: &ReaderRequests, token: &str) -> Markup {
    html! {
        @if !r.signups.is_empty() { (signups(r, token)) }
        @if !r.notes.is_empty() { (notes(r)) }
        @if !r.suggestions.is_empty() { (suggestions(r)) }
        @if !r.offers.is_empty() { (offers(r)) }
        @if !r.leave.is_empty() { (leave(r)) }
    }
}

/// The office's day of an instant stored in UTC.
fn day(instant: &str) -> String {
    shuxiang_core::clock::office_date(instant)
        .map_or_else(|| instant.to_owned(), |d| when(&d.to_string()))
}

fn signups(r: &ReaderRequests, token: &str) -> Markup {
    html! {
        h2 { "我的报名" }
        table {
            thead { tr { th scope="col" { "活动" } th scope="col" { "时间" } th scope="col" { "状态" } th scope="col" { "操作" } } }
            tbody {
                @for s in &r.signups {
                    tr {
                        td {
                            a href={ "/events#" (s.kind.code()) "-" (s.id) } { (s.title) }
                        }
                        td { (when(&s.start)) }
                        td {
                            @match (s.status, s.place) {
                                (SignupStatus::Waitlisted, Some(n)) => { "候补第 " (n) " 位" }
                                (status, _) => { (status.label()) }
                            }
                            @if !s.by_reader && s.status == SignupStatus::SignedUp {
                                span class="meta" {
                                    @match s.kind { EventKind::Sharing => "（组织者邀请）", EventKind::Training => "（组织者安排）" }
                                }
                            }
                        }
                        td {
                            form class="plain" method="post" action={ "/events/" (s.kind.code()) "/" (s.id) "/cancel" } {
                                (form_token(token))
                                input type="hidden" name="back" value="me";
                                button type="submit" class="quiet" {
                                    @if s.status == SignupStatus::Waitlisted { "取消候补" } @else { "取消报名" }
                                    (unseen(&format!("“{}”", s.title)))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn notes(r: &ReaderRequests) -> Markup {
    html! {
        h2 { "我的读书心得" }
        table {
            thead { tr { th scope="col" { "书名" } th scope="col" { "提交" } th scope="col" { "状态" } } }
            tbody {
                @for n in &r.notes {
                    tr {
                        td {
                            a href={ "/titles/" (n.title_id) } { (n.book_title) }
                            @if let Some(theme) = &n.session_theme {
                                div class="meta" { "读书分享：" (theme) }
                            }
                        }
                        td { (day(&n.created_at)) }
                        td {
                            (n.status.label())
                            @if n.featured && n.status == NoteStatus::Published { "（精选）" }
                            @if n.status == NoteStatus::Returned {
                                @if let Some(reason) = &n.reason { div class="meta" { "退回理由：" (reason) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn suggestions(r: &ReaderRequests) -> Markup {
    html! {
        h2 { "我的荐购" }
        table {
            thead { tr { th scope="col" { "书名" } th scope="col" { "提交" } th scope="col" { "状态" } } }
            tbody {
                @for s in &r.suggestions {
                    tr {
                        td {
                            @match s.title_id {
                                Some(id) => { a href={ "/titles/" (id) } { (s.title) } }
                                None => { (s.title) }
                            }
                            @if let Some(author) = &s.author { div class="meta" { (author) } }
                            @if s.kind == SuggestionKind::Periodical {
                                div class="meta" { "报刊，采纳后列入明年的征订单" }
                            }
                        }
                        td { (day(&s.created_at)) }
                        td {
                            (s.status.label())
                            @if matches!(s.status, SuggestionStatus::Rejected | SuggestionStatus::Accepted) {
                                @if let Some(answer) = &s.answer { div class="meta" { (answer) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn offers(r: &ReaderRequests) -> Markup {
    html! {
        h2 { "我要分享" }
        table {
            thead { tr { th scope="col" { "活动" } th scope="col" { "书和题目" } th scope="col" { "状态" } } }
            tbody {
                @for o in &r.offers {
                    tr {
                        td { (o.session_theme) div class="meta" { (when(&o.session_starts_at)) } }
                        td {
                            @if let (Some(id), Some(book)) = (o.title_id, &o.book_title) {
                                "《" a href={ "/titles/" (id) } { (book) } "》"
                            }
                            div { (o.topic) }
                        }
                        td {
                            (o.status.label())
                            @if let Some(reason) = &o.reason { div class="meta" { (reason) } }
                        }
                    }
                }
            }
        }
    }
}

fn leave(r: &ReaderRequests) -> Markup {
    html! {
        h2 { "我的请假" }
        table {
            thead { tr { th scope="col" { "课程" } th scope="col" { "理由" } th scope="col" { "状态" } } }
            tbody {
                @for l in &r.leave {
                    tr {
                        td { (l.subject) div class="meta" { (l.batch_name) " · " (when(&l.starts_at)) } }
                        td { (l.reason) }
                        td {
                            (l.status.label())
                            @if let Some(answer) = &l.answer { div class="meta" { (answer) } }
                        }
                    }
                }
            }
        }
    }
}
