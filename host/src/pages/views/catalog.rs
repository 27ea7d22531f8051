//! The catalogue's pages: the front page, search and a title with its
//! notes — open to anyone; a signed-in reader also sees where they stand
//! with a title and may hold it or write about it.

use maud::{Markup, html};
use shuxiang_core::catalog::{CopyStatus, Title};
use shuxiang_core::circulation::{HoldStatus, ReaderStanding, ReaderTitle};
use shuxiang_core::participation::{MAX_NOTE, NoteSession, PublicNote};
use shuxiang_core::people::Page;
use shuxiang_core::sharing::ComingEvent;

use super::{availability, event_item, excerpt, title_item};
use crate::Reader;
use crate::html::{Notice, blamed, form_token, paragraphs, query_value, search_box, unseen, when};

/// The front page: the search box, what is coming up, the newest titles
/// and the notes chosen as 精选.
pub fn home(arrivals: &[Title], events: &[ComingEvent], featured: &[PublicNote]) -> Markup {
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
                    p { a href="/events" { "全部近期活动和报名" } }
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
        @if !featured.is_empty() {
            section {
                h2 { "读书心得精选" }
                ul class="notes" {
                    @for n in featured {
                        li {
                            h3 { "读《" a href={ "/titles/" (n.title_id) "#notes" } { (n.book_title) } "》" }
                            p { (excerpt(&n.body, 140)) }
                            p class="meta" { (signature(n)) }
                        }
                    }
                }
            }
        }
    }
}

/// `—— 张三（办公厅），2026年12月1日`
fn signature(n: &PublicNote) -> Markup {
    html! {
        "—— " (n.author)
        @if let Some(unit) = &n.unit { "（" (unit) "）" }
        "，" (when(&n.date))
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
            Some(page) if page.items.is_empty() && number > 1 => {
                h2 { "“" (q) "”的查找结果" }
                p class="empty" { "这一页没有结果了。" a href={ "/search?q=" (query_value(q)) } { "回到第 1 页" } }
            }
            Some(page) if page.items.is_empty() => {
                h2 { "“" (q) "”的查找结果" }
                p class="empty" {
                    "没有找到与“" (q) "”相关的图书。换个词、少写几个字，或试试拼音首字母。"
                }
            }
            Some(page) => {
                h2 {
                    "找到 " (page.total) @if page.capped { " 多" } " 种"
                    span class="sub" { "（第 " (number) " 页）" }
                }
                @if page.capped {
                    p class="meta" { "结果很多，最相关的排在前面；多写几个字可以找得更准。" }
                }
                ol class="results" {
                    @for t in &page.items { (title_item(t)) }
                }
                nav class="pager" aria-label="翻页" {
                    @if number > 1 {
                        a href={ "/search?q=" (query_value(q)) "&page=" (number - 1) } { "上一页" }
                    }
                    @if page.capped || u64::from(number * size) < page.total {
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

/// What a title page shows.
pub struct TitleView<'a> {
    pub page: &'a ReaderTitle,
    /// Its published notes.
    pub notes: &'a [PublicNote],
    pub signed: Option<&'a Reader>,
    /// Where the signed-in reader stands with it.
    pub standing: Option<&'a ReaderStanding>,
    /// The sessions a note of theirs may be filed under.
    pub note_sessions: &'a [NoteSession],
    /// What was just refused.
    pub notice: Option<&'a Notice>,
    /// The note they wrote, kept when it was refused: body and session.
    pub draft: Option<(&'a str, Option<i64>)>,
}

/// A title with its copies, the way to hold it, its notes and the way to
/// write one.
pub fn title(v: &TitleView<'_>) -> Markup {
    let t = &v.page.title;
    // A serial's copies are bound volumes: which issues each binds.
    let volumes = v.page.copies.iter().any(|c| c.volume.is_some());
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
        @if let Some(notice) = v.notice { (notice) }
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
            dd { (availability(t.copies, t.available)) }
        }
        @if let Some(summary) = &t.summary {
            p { (summary) }
        }
        h2 { "各册所在" }
        @if v.page.copies.is_empty() {
            p class="empty" { "这种书暂无可借的册。" }
        } @else {
            table {
                caption class="vh" { "《" (t.title) "》各册的位置和状态" }
                thead {
                    tr {
                        th scope="col" { "条码" }
                        @if volumes { th scope="col" { "卷期" } }
                        th scope="col" { "位置" }
                        th scope="col" { "状态" }
                    }
                }
                tbody {
                    @for c in &v.page.copies {
                        tr {
                            td { (c.barcode) }
                            @if volumes { td { (c.volume.as_deref().unwrap_or("—")) } }
                            td { (c.location.as_deref().unwrap_or("—")) }
                            td { (copy_state(c.status, c.due_on.as_deref())) }
                        }
                    }
                }
            }
        }
        h2 { "预约" }
        (hold_part(v))
        p { a href={ "/share?title=" (t.id) } { "我要分享这本书" } "：在一次读书分享活动上做领读人。" }
        h2 id="notes" { "读书心得" }
        @if v.notes.is_empty() {
            p class="empty" { "还没有读者的心得发表。" }
        } @else {
            ul class="notes" {
                @for n in v.notes {
                    li id={ "note-" (n.id) } {
                        @if n.featured { span class="kind" { "精选" } }
                        blockquote { (paragraphs(&n.body)) }
                        p class="meta" { (signature(n)) }
                    }
                }
            }
        }
        (note_form(v))
    }
}

/// Where the reader stands with the title, and what they may do.
fn hold_part(v: &TitleView<'_>) -> Markup {
    let t = &v.page.title;
    html! {
        @if v.page.holds_waiting > 0 {
            p class="meta" { "已有 " (v.page.holds_waiting) " 人在排队。" }
        }
        @match (v.signed, v.standing) {
            (Some(_), Some(ReaderStanding { loan: Some(loan), .. })) => {
                p class="mine" {
                    "您正借着这本书（条码 " (loan.barcode) "），" (when(&loan.due)) " 应还。"
                }
                p { a href="/me" { "到“我的借阅”续借" } }
            }
            (Some(reader), Some(ReaderStanding { hold: Some(hold), .. })) => {
                p class="mine" {
                    @match (hold.status, hold.position, hold.expires_on.as_deref()) {
                        (HoldStatus::Ready, _, Some(day)) => { "已为您留书，请于 " (when(day)) " 前到服务台领取。" }
                        (HoldStatus::Ready, _, None) => { "已为您留书，请到服务台领取。" }
                        (_, Some(n), _) => { "您已预约这本书，排在第 " (n) " 位。" }
                        _ => { "您已预约这本书。" }
                    }
                }
                form class="plain" method="post" action={ "/me/holds/" (hold.id) "/cancel" } {
                    (form_token(&reader.form_token))
                    button type="submit" class="quiet" { "取消预约" (unseen(&format!("《{}》", t.title))) }
                }
            }
            (Some(reader), _) => {
                form method="post" action={ "/titles/" (t.id) "/hold" } {
                    (form_token(&reader.form_token))
                    button type="submit" { "预约这本书" }
                }
            }
            (None, _) => {
                p {
                    a href={ "/login?next=/titles/" (t.id) } { "登录" }
                    "后可以预约、写读书心得；书到后阅览室会为您留书。"
                }
            }
        }
    }
}

/// The form for a note on the title, optionally filed under a session.
fn note_form(v: &TitleView<'_>) -> Markup {
    let Some(reader) = v.signed else {
        return html! {};
    };
    let t = &v.page.title;
    let (body, session) = v.draft.unwrap_or(("", None));
    let (invalid, described) = blamed(v.notice, "body");
    let (session_invalid, session_described) = blamed(v.notice, "session_id");
    html! {
        h2 { "写读书心得" }
        form class="stack" method="post" action={ "/titles/" (t.id) "/notes" } {
            (form_token(&reader.form_token))
            label {
                "心得" span class="hint" { "最多 " (MAX_NOTE) " 字；阅览室审核后，署名发表在这本书的页面上。" }
                textarea name="body" rows="8" maxlength=(MAX_NOTE) required
                    aria-invalid=[invalid] aria-describedby=[described] { (body) }
            }
            @if !v.note_sessions.is_empty() {
                label {
                    "属于哪次读书分享（可不选）"
                    select name="session_id" aria-invalid=[session_invalid] aria-describedby=[session_described] {
                        option value="" { "不属于某次活动" }
                        @for s in v.note_sessions {
                            option value=(s.id) selected[session == Some(s.id)] {
                                (when(&s.starts_at)) " " (s.theme)
                            }
                        }
                    }
                }
            }
            button type="submit" { "提交心得" }
        }
    }
}
