//! The reader's forms of one page each: a new PIN, a purchase suggestion
//! (荐购) and leave from a training session (请假). A refused form comes
//! back with what was typed, the refusal first and the field it blames
//! marked.

use maud::{Markup, html};
use shuxiang_core::circulation::ReaderTitle;
use shuxiang_core::participation::{LeaveChoice, LeaveStatus};

use super::{availability, byline, span};
use crate::Reader;
use crate::html::{Notice, blamed, form_token};

/// The PIN form: nothing is kept of what was typed.
pub struct PinForm<'a> {
    pub reader: &'a Reader,
    pub notice: Option<&'a Notice>,
}

/// Changing the PIN: the old one and the new one twice.
pub fn pin(v: &PinForm<'_>) -> Markup {
    let fields = [
        ("old", "原 PIN", "current-password"),
        ("new", "新 PIN（4 至 12 位数字）", "new-password"),
        ("confirm", "再输一次新 PIN", "new-password"),
    ];
    html! {
        @if let Some(notice) = v.notice { (notice) }
        h1 { "修改 PIN" }
        p { "修改后，您在其他电脑或手机上的登录都会退出，这台电脑上的登录继续有效。" }
        form class="stack" method="post" action="/me/pin" {
            (form_token(&v.reader.form_token))
            @for (name, label, complete) in fields {
                @let (invalid, described) = blamed(v.notice, name);
                label {
                    (label)
                    input type="password" name=(name) inputmode="numeric" autocomplete=(complete)
                        required aria-invalid=[invalid] aria-describedby=[described];
                }
            }
            button type="submit" { "修改 PIN" }
        }
        p { a href="/me" { "回到我的借阅" } }
    }
}

/// A suggestion as typed.
#[derive(Default)]
pub struct SuggestForm<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub publisher: &'a str,
    pub isbn: &'a str,
    pub reason: &'a str,
    /// `periodical` when a newspaper or magazine is asked for.
    pub kind: &'a str,
}

/// The 荐购 form.
pub fn suggest(reader: &Reader, typed: &SuggestForm<'_>, notice: Option<&Notice>) -> Markup {
    let fields = [
        ("title", "书名或报刊名（必填）", typed.title, 500),
        ("author", "作者", typed.author, 200),
        ("publisher", "出版社", typed.publisher, 200),
        ("isbn", "ISBN", typed.isbn, 20),
    ];
    let (reason_invalid, reason_described) = blamed(notice, "reason");
    html! {
        @if let Some(notice) = notice { (notice) }
        h1 { "荐购" }
        p {
            "想读的书阅览室还没有？告诉我们。阅览室已有的书会马上告诉您；其他的由图书管理员决定是否采购，"
            "书到馆后会自动为您预约。处理进展在" a href="/me" { "我的借阅" } "里。"
            "想看的报纸、杂志也可以荐购，采纳后列入明年的征订单。"
        }
        form class="stack" method="post" action="/suggest" {
            (form_token(&reader.form_token))
            fieldset {
                legend { "荐购的是" }
                label { input type="radio" name="kind" value="book" checked[typed.kind != "periodical"]; " 图书" }
                label { input type="radio" name="kind" value="periodical" checked[typed.kind == "periodical"]; " 报纸或杂志" }
            }
            @for (name, label, value, max) in fields {
                @let (invalid, described) = blamed(notice, name);
                label {
                    (label)
                    input type="text" name=(name) value=(value) maxlength=(max) required[name == "title"]
                        aria-invalid=[invalid] aria-describedby=[described];
                }
            }
            label {
                "荐购理由" span class="hint" { "最多 1000 字，可不填" }
                textarea name="reason" rows="4" maxlength="1000"
                    aria-invalid=[reason_invalid] aria-describedby=[reason_described] { (typed.reason) }
            }
            button type="submit" { "提交荐购" }
        }
    }
}

/// A suggestion answered at once: the reading room has the book.
pub fn suggestion_held(page: &ReaderTitle) -> Markup {
    let t = &page.title;
    html! {
        (Notice::Done("阅览室已有这本书，不必荐购。"))
        h1 { "荐购" }
        ol class="results" {
            li {
                h3 { a class="title" href={ "/titles/" (t.id) } { (t.title) } }
                div class="meta" { (byline([&t.authors, &t.publisher, &t.year])) }
                div class="meta" {
                    @if let Some(call) = &t.call_number { "索书号 " (call) " · " }
                    (availability(t.copies, t.available))
                }
            }
        }
        p { a href={ "/titles/" (t.id) } { "去这本书的页面看看，或预约它" } }
        p { a href="/suggest" { "再荐购一本" } }
    }
}

/// The leave form: the reader's coming sessions and a reason.
pub struct LeaveForm<'a> {
    pub reader: &'a Reader,
    pub choices: &'a [LeaveChoice],
    pub session: Option<i64>,
    pub reason: &'a str,
    pub notice: Option<&'a Notice>,
}

fn leave_state(c: &LeaveChoice) -> Markup {
    html! {
        @match c.leave {
            None => "—",
            Some(status) => {
                (status.label())
                @if status == LeaveStatus::Refused {
                    @if let Some(answer) = &c.answer { "：" (answer) }
                }
            }
        }
    }
}

/// 请假: the coming sessions of the reader's batches, and the request.
pub fn leave(v: &LeaveForm<'_>) -> Markup {
    let open: Vec<&LeaveChoice> = v
        .choices
        .iter()
        .filter(|c| !matches!(c.leave, Some(LeaveStatus::Pending | LeaveStatus::Approved)))
        .collect();
    let (session_invalid, session_described) = blamed(v.notice, "session_id");
    let (reason_invalid, reason_described) = blamed(v.notice, "reason");
    html! {
        @if let Some(notice) = v.notice { (notice) }
        h1 { "请假" }
        @if v.choices.is_empty() {
            p class="empty" {
                "您没有即将开始的培训课程。请假只适用于已报名的代表履职培训批次里还没上的课；"
                "读书分享活动不能参加时，在" a href="/events" { "近期活动" } "里取消报名即可。"
            }
        } @else {
            table {
                caption class="vh" { "您即将开始的培训课程" }
                thead { tr { th scope="col" { "时间" } th scope="col" { "课程" } th scope="col" { "批次" } th scope="col" { "请假" } } }
                tbody {
                    @for c in v.choices {
                        tr {
                            td { (span(&c.starts_at, &c.ends_at)) }
                            td { (c.subject) }
                            td { (c.batch_name) }
                            td { (leave_state(c)) }
                        }
                    }
                }
            }
            @if open.is_empty() {
                p class="meta" { "每次课都已请过假。" }
            } @else {
                h2 { "提交请假" }
                form class="stack" method="post" action="/me/leave" {
                    (form_token(&v.reader.form_token))
                    label {
                        "哪次课"
                        select name="session_id" required aria-invalid=[session_invalid] aria-describedby=[session_described] {
                            @for c in &open {
                                option value=(c.session_id) selected[v.session == Some(c.session_id)] {
                                    (span(&c.starts_at, &c.ends_at)) " " (c.subject)
                                }
                            }
                        }
                    }
                    label {
                        "请假理由" span class="hint" { "最多 500 字，组织者会看到" }
                        textarea name="reason" rows="3" maxlength="500" required
                            aria-invalid=[reason_invalid] aria-describedby=[reason_described] { (v.reason) }
                    }
                    button type="submit" { "提交请假" }
                }
            }
        }
        p { a href="/me" { "回到我的借阅" } }
    }
}
