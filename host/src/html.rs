//! The frame of the readers' pages, built with maud: every value is
//! escaped as it is spliced in, so a title, a name or a theme holding
//! markup shows as the characters it is. No script at all: the pages work
//! in any browser, and the CSP allows nothing but the host's own style
//! sheet.

use std::fmt::Write;

use maud::{DOCTYPE, Markup, Render, html};

use crate::{ApiError, Reader};

/// The style sheet, served from the host itself.
pub const SITE_CSS: &str = include_str!("../assets/site.css");

/// The policy every page is sent with: no script, no frames, nothing from
/// elsewhere, forms only back to the host.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// A query-string value, percent-encoded.
pub fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// `2026-11-26T15:00` → `2026年11月26日 15:00`; `2026-11-26` → `2026年11月26日`.
pub fn when(stamp: &str) -> String {
    let (day, time) = stamp.split_once('T').unwrap_or((stamp, ""));
    let mut parts = day.splitn(3, '-');
    let date = match (parts.next(), parts.next(), parts.next()) {
        (Some(y), Some(m), Some(d)) => {
            let m = m.trim_start_matches('0');
            let d = d.trim_start_matches('0');
            format!("{y}年{m}月{d}日")
        }
        _ => day.to_owned(),
    };
    match time.get(..5) {
        Some(hm) => format!("{date} {hm}"),
        None => date,
    }
}

/// A whole page: a link past the header to the content, the header with
/// the way around and the sign-in state of `signed`, then `body`.
pub fn page(title: &str, signed: Option<&Reader>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 书香读者查询" }
                link rel="stylesheet" href="/assets/site.css";
            }
            body {
                a class="skip" href="#main" { "跳到主要内容" }
                header class="top" {
                    a class="brand" href="/" { "书香 · 读者查询" }
                    nav aria-label="主导航" {
                        a href="/search" { "查书" }
                        a href="/periodicals" { "现刊" }
                        a href="/events" { "近期活动" }
                        a href="/lists" { "书单" }
                        @match signed {
                            Some(reader) => {
                                a href="/me" { "我的借阅（" (reader.name) "）" }
                                form class="inline" method="post" action="/logout" {
                                    (form_token(&reader.form_token))
                                    button type="submit" class="link" { "退出" }
                                }
                            }
                            None => {
                                a href="/login" { "读者登录" }
                            }
                        }
                    }
                }
                main id="main" tabindex="-1" { (body) }
                footer { "阅览室 · 书香。借书、还书请到阅览室服务台。" }
            }
        }
    }
}

/// The hidden field that ties a form to the session that showed it.
pub fn form_token(token: &str) -> Markup {
    html! { input type="hidden" name="form_token" value=(token); }
}

/// The id of a page's notice, which a field at fault points at.
pub const NOTICE_ID: &str = "notice";

/// A notice above a page's content. It takes the focus when the page
/// opens, so a screen reader reads it first (a server-made page has no
/// live region to announce); a field it blames is marked invalid and
/// described by it.
pub enum Notice {
    /// What the host refused, in the refusal's own words, and the form
    /// field at fault when there is one.
    Error {
        message: String,
        field: Option<String>,
    },
    /// What was done. Only fixed words, so nothing from the address can
    /// reach the page through it.
    Done(&'static str),
}

impl Notice {
    /// A refusal not tied to one field.
    pub fn error(message: impl Into<String>) -> Notice {
        Notice::Error {
            message: message.into(),
            field: None,
        }
    }

    /// What the host refused, with the field the core named.
    pub fn refused(e: ApiError) -> Notice {
        Notice::Error {
            message: e.message,
            field: e.field,
        }
    }

    /// Whether it says that `field` is wrong.
    pub fn blames(&self, field: &str) -> bool {
        matches!(self, Notice::Error { field: Some(f), .. } if f == field)
    }
}

/// Whether `notice` blames `field`: its `aria-invalid` and
/// `aria-describedby` values, both `None` when not.
pub fn blamed(
    notice: Option<&Notice>,
    field: &str,
) -> (Option<&'static str>, Option<&'static str>) {
    if notice.is_some_and(|n| n.blames(field)) {
        (Some("true"), Some(NOTICE_ID))
    } else {
        (None, None)
    }
}

impl Render for Notice {
    fn render(&self) -> Markup {
        match self {
            Notice::Error { message, .. } => html! {
                p id=(NOTICE_ID) class="notice error" role="alert" tabindex="-1" autofocus { (message) }
            },
            Notice::Done(text) => html! {
                p id=(NOTICE_ID) class="notice done" role="status" tabindex="-1" autofocus { (text) }
            },
        }
    }
}

/// Text for screen readers only: what a button acts on, when its visible
/// words are the same in every row.
pub fn unseen(text: &str) -> Markup {
    html! { span class="vh" { (text) } }
}

/// Text as paragraphs, one per line written.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            p { (line) }
        }
    }
}

/// The search box, with `q` in it, and what it takes said above it. It
/// does not take the focus: the page starts at the top, the menu first.
pub fn search_box(q: &str) -> Markup {
    html! {
        form class="search" method="get" action="/search" role="search" {
            label for="q" { "书名、作者、拼音或首字母、ISBN、索书号" }
            div class="row" {
                input type="search" id="q" name="q" value=(q);
                button type="submit" { "查找" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_the_database_is_shown_as_text() {
        let evil = r#"<script>alert("x")</script> & 'y'"#;
        // A quote cannot end an attribute maud writes: they are all in
        // double quotes, and `"` is escaped.
        assert_eq!(
            html! { (evil) }.into_string(),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 'y'"
        );
        assert_eq!(
            search_box(evil).into_string().matches('"').count(),
            search_box("").into_string().matches('"').count(),
            "a value in an attribute stays inside its quotes"
        );
        let p = page("<b>书</b>", None, html! {}).into_string();
        assert!(p.contains("&lt;b&gt;书&lt;/b&gt; · 书香读者查询"));
        assert!(!p.contains("<b>书"));
        let notice = Notice::error("<i>不行</i>").render().into_string();
        assert!(
            notice.contains(r#"role="alert""#) && notice.contains(">&lt;i&gt;不行&lt;/i&gt;</p>"),
            "{notice}"
        );
    }

    #[test]
    fn dates_read_the_chinese_way() {
        assert_eq!(when("2026-11-26T15:00"), "2026年11月26日 15:00");
        assert_eq!(when("2026-01-05"), "2026年1月5日");
        assert_eq!(
            query_value("乡土 中国&x"),
            "%E4%B9%A1%E5%9C%9F%20%E4%B8%AD%E5%9B%BD%26x"
        );
    }
}
