//! The frame of the readers' pages, built with maud: every value is
//! escaped as it is spliced in, so a title, a name or a theme holding
//! markup shows as the characters it is. No script at all: the pages work
//! in any browser, and the CSP allows nothing but the host's own style
//! sheet.

use std::fmt::Write;

use maud::{DOCTYPE, Markup, Render, html};

use crate::Reader;

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

/// A whole page: the header with the way around and the sign-in state of
/// `signed`, then `body`.
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
                header class="top" {
                    a class="brand" href="/" { "书香 · 读者查询" }
                    nav {
                        a href="/search" { "查书" }
                        a href="/events" { "近期活动" }
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
                main { (body) }
                footer { "阅览室 · 书香。借书、还书请到阅览室服务台。" }
            }
        }
    }
}

/// The hidden field that ties a form to the session that showed it.
pub fn form_token(token: &str) -> Markup {
    html! { input type="hidden" name="form_token" value=(token); }
}

/// A notice above a page's content.
pub enum Notice {
    /// What the host refused, in the refusal's own words.
    Error(String),
    /// What was done. Only fixed words, so nothing from the address can
    /// reach the page through it.
    Done(&'static str),
}

impl Render for Notice {
    fn render(&self) -> Markup {
        let (kind, text) = match self {
            Notice::Error(text) => ("error", text.as_str()),
            Notice::Done(text) => ("done", *text),
        };
        html! { p class={ "notice " (kind) } role="status" { (text) } }
    }
}

/// The search box, with `q` in it.
pub fn search_box(q: &str) -> Markup {
    html! {
        form class="search" method="get" action="/search" role="search" {
            input type="search" name="q" value=(q)
                placeholder="书名、作者、拼音或首字母、ISBN、索书号" aria-label="查书" autofocus;
            button type="submit" { "查找" }
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
        let notice = Notice::Error("<i>不行</i>".into()).render().into_string();
        assert_eq!(
            notice,
            r#"<p class="notice error" role="status">&lt;i&gt;不行&lt;/i&gt;</p>"#
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
