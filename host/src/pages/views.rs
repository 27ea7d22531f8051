//! The bodies of the readers' pages. Every value from the database passes
//! through `esc`; links carry only ids and percent-encoded queries.

use std::fmt::Write;

use shuxiang_core::calendar::BookingKind;
use shuxiang_core::catalog::{CopyStatus, Title};
use shuxiang_core::circulation::{HoldStatus, ReaderMe, ReaderTitle};
use shuxiang_core::people::Page;
use shuxiang_core::reports::PersonRecord;
use shuxiang_core::sharing::ComingEvent;

use crate::Reader;
use crate::html::{esc, form_token, query_value, search_box, when};

/// How many copies are in, as a reader wants to know it.
fn availability(t: &Title) -> String {
    if t.copies == 0 {
        r#"<span class="none">暂无馆藏</span>"#.to_owned()
    } else if t.available > 0 {
        format!(
            r#"<span class="avail">在架 {} 册</span>（共 {} 册）"#,
            t.available, t.copies
        )
    } else {
        format!(
            r#"<span class="none">全部借出</span>（共 {} 册，可预约）"#,
            t.copies
        )
    }
}

fn byline(t: &Title) -> String {
    [&t.authors, &t.publisher, &t.year]
        .into_iter()
        .flatten()
        .map(|s| esc(s))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn title_item(t: &Title) -> String {
    let sub = t
        .subtitle
        .as_deref()
        .map(|s| format!(r#" <span class="sub">{}</span>"#, esc(s)))
        .unwrap_or_default();
    let call = t
        .call_number
        .as_deref()
        .map(|c| format!("索书号 {} · ", esc(c)))
        .unwrap_or_default();
    format!(
        r#"<li><a class="title" href="/titles/{id}">{title}</a>{sub}<div class="meta">{by}</div><div class="meta">{call}{avail}</div></li>"#,
        id = t.id,
        title = esc(&t.title),
        by = byline(t),
        avail = availability(t),
    )
}

fn event_item(e: &ComingEvent) -> String {
    let kind = match e.kind {
        BookingKind::Share => "读书分享",
        BookingKind::Training => "履职培训",
    };
    let mut out = format!(
        r#"<li><span class="kind">{kind}</span><b>{}</b><div class="meta">{}"#,
        esc(&e.theme),
        esc(&span(&e.starts_at, &e.ends_at)),
    );
    if let Some(v) = &e.venue {
        let _ = write!(out, " · {}", esc(v));
    }
    if let Some(s) = &e.series {
        let _ = write!(out, " · {}", esc(s));
    }
    if let Some(h) = &e.host {
        let _ = write!(out, " · 主持人 {}", esc(h));
    }
    out.push_str("</div>");
    for p in &e.presenters {
        let book = match (&p.book_title, p.title_id) {
            (Some(b), Some(id)) => format!(r#"，分享《<a href="/titles/{id}">{}</a>》"#, esc(b)),
            (Some(b), None) => format!("，分享《{}》", esc(b)),
            _ => String::new(),
        };
        let _ = write!(
            out,
            r#"<div class="meta">领读人 {}{book}</div>"#,
            esc(&p.name)
        );
    }
    out.push_str("</li>");
    out
}

/// `2026年11月26日 15:00–17:00`
fn span(starts_at: &str, ends_at: &str) -> String {
    let same_day = starts_at.get(..10) == ends_at.get(..10);
    match ends_at.get(11..16) {
        Some(end) if same_day => format!("{}–{end}", when(starts_at)),
        _ => format!("{} 至 {}", when(starts_at), when(ends_at)),
    }
}

pub fn home(arrivals: &[Title], events: &[ComingEvent]) -> String {
    let mut out = String::from("<h1>查书</h1>");
    out.push_str(&search_box(""));
    out.push_str(r#"<div class="columns"><section><h2>近期活动</h2>"#);
    if events.is_empty() {
        out.push_str(r#"<p class="empty">近期没有安排读书分享或培训。</p>"#);
    } else {
        out.push_str(r#"<ol class="results">"#);
        for e in events.iter().take(4) {
            out.push_str(&event_item(e));
        }
        out.push_str(r#"</ol><p><a href="/events">全部近期活动</a></p>"#);
    }
    out.push_str("</section><section><h2>新书上架</h2>");
    if arrivals.is_empty() {
        out.push_str(r#"<p class="empty">阅览室还没有编目的图书。</p>"#);
    } else {
        out.push_str(r#"<ol class="results">"#);
        for t in arrivals {
            out.push_str(&title_item(t));
        }
        out.push_str("</ol>");
    }
    out.push_str("</section></div>");
    out
}

pub fn search(q: &str, number: u32, results: Option<&Page<Title>>, size: u32) -> String {
    let mut out = String::from("<h1>查书</h1>");
    out.push_str(&search_box(q));
    let Some(page) = results else {
        out.push_str(
            r#"<p class="empty">输入书名、作者、主题词，或它们的拼音、拼音首字母（如 wlswn 即“万历十五年”），也可以扫描或输入 ISBN、索书号。</p>"#,
        );
        return out;
    };
    if page.items.is_empty() {
        let _ = write!(
            out,
            r#"<p class="empty">没有找到与“{}”相关的图书。换个词、少写几个字，或试试拼音首字母。</p>"#,
            esc(q)
        );
        return out;
    }
    let more = if page.capped { "超过 " } else { "" };
    let _ = write!(
        out,
        r#"<p class="meta">找到 {more}{} 种，第 {number} 页</p><ol class="results">"#,
        page.total
    );
    for t in &page.items {
        out.push_str(&title_item(t));
    }
    out.push_str(r#"</ol><nav class="pager" aria-label="翻页">"#);
    let q = query_value(q);
    if number > 1 {
        let _ = write!(
            out,
            r#"<a href="/search?q={q}&amp;page={}">上一页</a>"#,
            number - 1
        );
    }
    if u64::from(number * size) < page.total {
        let _ = write!(
            out,
            r#"<a href="/search?q={q}&amp;page={}">下一页</a>"#,
            number + 1
        );
    }
    out.push_str("</nav>");
    out
}

fn copy_state(status: CopyStatus, due_on: Option<&str>) -> String {
    match (status, due_on) {
        (CopyStatus::OnLoan, Some(due)) => format!("借出，{} 应还", when(due)),
        (status, _) => status.label().to_owned(),
    }
}

pub fn title(page: &ReaderTitle, signed: Option<&Reader>, notice: &str) -> String {
    let t = &page.title;
    let mut out = format!("{notice}<h1>{}", esc(&t.title));
    if let Some(s) = &t.subtitle {
        let _ = write!(out, r#" <span class="sub">{}</span>"#, esc(s));
    }
    out.push_str(r#"</h1><dl class="fields">"#);
    let fields = [
        ("作者", &t.authors),
        ("出版社", &t.publisher),
        ("出版年", &t.year),
        ("版次", &t.edition),
        ("ISBN", &t.isbn),
        ("索书号", &t.call_number),
        ("主题", &t.subjects),
    ];
    for (label, value) in fields {
        if let Some(v) = value {
            let _ = write!(out, "<dt>{label}</dt><dd>{}</dd>", esc(v));
        }
    }
    let _ = write!(out, "<dt>馆藏</dt><dd>{}</dd></dl>", availability(t));
    if let Some(s) = &t.summary {
        let _ = write!(out, "<p>{}</p>", esc(s));
    }
    out.push_str("<h2>各册所在</h2>");
    if page.copies.is_empty() {
        out.push_str(r#"<p class="empty">这种书暂无可借的册。</p>"#);
    } else {
        out.push_str(
            "<table><thead><tr><th>条码</th><th>位置</th><th>状态</th></tr></thead><tbody>",
        );
        for c in &page.copies {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&c.barcode),
                esc(c.location.as_deref().unwrap_or("—")),
                esc(&copy_state(c.status, c.due_on.as_deref())),
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("<h2>预约</h2>");
    if page.holds_waiting > 0 {
        let _ = write!(
            out,
            r#"<p class="meta">已有 {} 人在排队。</p>"#,
            page.holds_waiting
        );
    }
    match signed {
        Some(r) => {
            let _ = write!(
                out,
                r#"<form method="post" action="/titles/{}/hold">{}<button type="submit">预约这本书</button></form>"#,
                t.id,
                form_token(&r.form_token)
            );
        }
        None => {
            let _ = write!(
                out,
                r#"<p><a href="/login?next=/titles/{}">登录</a>后可以预约；书到后阅览室会为您留书。</p>"#,
                t.id
            );
        }
    }
    out
}

pub fn events(events: &[ComingEvent], days: u64) -> String {
    let mut out = String::from("<h1>近期活动</h1>");
    let _ = write!(
        out,
        r#"<p class="meta">今后 {days} 天的读书分享和代表履职培训。</p>"#
    );
    if events.is_empty() {
        out.push_str(
            r#"<p class="empty">这段时间没有安排活动。新的安排会在组织者排定后出现在这里。</p>"#,
        );
        return out;
    }
    out.push_str(r#"<ol class="results">"#);
    for e in events {
        out.push_str(&event_item(e));
    }
    out.push_str("</ol>");
    out
}

pub fn login(card: &str, next: &str, notice: &str) -> String {
    format!(
        r#"<h1>读者登录</h1>{notice}
<form class="login" method="post" action="/login">
<input type="hidden" name="next" value="{next}">
<label>借书证号<input type="text" name="card" value="{card}" autocomplete="username" required autofocus></label>
<label>PIN<input type="password" name="pin" inputmode="numeric" autocomplete="current-password" required></label>
<button type="submit">登录</button>
</form>
<p class="meta">PIN 由阅览室设置。没有 PIN 或忘记了，请到阅览室服务台办理；连续输错 5 次要等 15 分钟才能再试。</p>"#,
        next = esc(next),
        card = esc(card),
    )
}

fn hold_state(status: HoldStatus, position: Option<usize>, expires_on: Option<&str>) -> String {
    match (status, position, expires_on) {
        (HoldStatus::Ready, _, Some(day)) => format!("已留书，请于 {} 前到服务台领取", when(day)),
        (HoldStatus::Ready, _, None) => "已留书，请到服务台领取".to_owned(),
        (HoldStatus::Waiting, Some(n), _) => format!("排队中，第 {n} 位"),
        (HoldStatus::Waiting, None, _) => "排队中".to_owned(),
        (HoldStatus::Collected, ..) => "已取书".to_owned(),
        (HoldStatus::Cancelled, ..) => "已取消".to_owned(),
        (HoldStatus::Expired, ..) => "已过期".to_owned(),
    }
}

pub fn me(mine: &ReaderMe, token: &str, notice: &str) -> String {
    let mut out = format!(
        r#"{notice}<h1>{} 的借阅</h1><p><a href="/me/record">我的学习档案</a></p><h2>在借的书</h2>"#,
        esc(&mine.name)
    );
    if mine.loans.is_empty() {
        out.push_str(r#"<p class="empty">您现在没有在借的书。<a href="/search">去查书</a></p>"#);
    } else {
        out.push_str(
            "<table><thead><tr><th>书名</th><th>条码</th><th>应还日期</th></tr></thead><tbody>",
        );
        for l in &mine.loans {
            let due = if l.overdue_days > 0 {
                format!(
                    r#"{} <span class="overdue">已逾期 {} 天</span>"#,
                    esc(&when(&l.due)),
                    l.overdue_days
                )
            } else {
                esc(&when(&l.due))
            };
            let _ = write!(
                out,
                r#"<tr><td><a href="/titles/{}">{}</a></td><td>{}</td><td>{due}</td></tr>"#,
                l.title_id,
                esc(&l.title),
                esc(&l.barcode),
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("<h2>我的预约</h2>");
    if mine.holds.is_empty() {
        out.push_str(r#"<p class="empty">您现在没有预约。书都借出时，可以在书的页面上预约。</p>"#);
        return out;
    }
    out.push_str("<table><thead><tr><th>书名</th><th>状态</th><th></th></tr></thead><tbody>");
    for h in &mine.holds {
        let _ = write!(
            out,
            r#"<tr><td><a href="/titles/{}">{}</a></td><td>{}</td><td><form class="plain" method="post" action="/me/holds/{}/cancel">{}<button type="submit" class="quiet">取消预约</button></form></td></tr>"#,
            h.title_id,
            esc(&h.title),
            esc(&hold_state(h.status, h.position, h.expires_on.as_deref())),
            h.id,
            form_token(token),
        );
    }
    out.push_str("</tbody></table>");
    out
}

pub fn record(r: &PersonRecord, year: i32, this_year: i32) -> String {
    let t = &r.totals;
    let mut out = format!(
        r#"<h1>{} 的学习档案 <span class="sub">{year} 年</span></h1>
<p>借阅 {} 册 · 领读 {} 次 · 参加读书分享 {} 次 · 培训 {} 个批次（结业 {} 个）</p>
<nav class="pager">"#,
        esc(&r.person.name),
        t.borrowed,
        t.presented,
        t.attended,
        t.trainings,
        t.trainings_completed,
    );
    let _ = write!(
        out,
        r#"<a href="/me/record?year={}">{} 年</a>"#,
        year - 1,
        year - 1
    );
    if year < this_year {
        let _ = write!(
            out,
            r#"<a href="/me/record?year={}">{} 年</a>"#,
            year + 1,
            year + 1
        );
    }
    out.push_str("</nav><h2>借阅</h2>");
    if r.borrowed.is_empty() {
        out.push_str(r#"<p class="empty">这一年没有借阅记录。</p>"#);
    } else {
        out.push_str(
            "<table><thead><tr><th>书名</th><th>借出</th><th>归还</th></tr></thead><tbody>",
        );
        for b in &r.borrowed {
            let back = b
                .returned_on
                .as_deref()
                .map(when)
                .unwrap_or_else(|| "在借".into());
            let _ = write!(
                out,
                r#"<tr><td><a href="/titles/{}">{}</a></td><td>{}</td><td>{}</td></tr>"#,
                b.title_id,
                esc(&b.title),
                esc(&when(&b.borrowed_on)),
                esc(&back),
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("<h2>读书分享</h2>");
    if r.presented.is_empty() && r.attended.is_empty() {
        out.push_str(r#"<p class="empty">这一年没有参加读书分享。</p>"#);
    } else {
        out.push_str(
            "<table><thead><tr><th>日期</th><th>主题</th><th>身份</th></tr></thead><tbody>",
        );
        for p in &r.presented {
            let book = p
                .book
                .as_deref()
                .map(|b| format!("（分享《{}》）", esc(b)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>领读人{book}</td></tr>",
                esc(&when(&p.starts_at)),
                esc(&p.theme),
            );
        }
        for a in &r.attended {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>参加</td></tr>",
                esc(&when(&a.starts_at)),
                esc(&a.theme),
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("<h2>履职培训</h2>");
    if r.trainings.is_empty() {
        out.push_str(r#"<p class="empty">这一年没有参加培训。</p>"#);
    } else {
        out.push_str("<table><thead><tr><th>专题</th><th>批次</th><th>出勤</th><th>结果</th></tr></thead><tbody>");
        for l in &r.trainings {
            let result = if l.completed {
                "已结业"
            } else if l.missed {
                "未结业"
            } else {
                "进行中"
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{} / {} 次</td><td>{result}</td></tr>",
                esc(&l.topic),
                esc(&l.batch),
                l.present,
                l.held,
            );
        }
        out.push_str("</tbody></table>");
    }
    out
}
