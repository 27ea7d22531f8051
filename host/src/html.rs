//! HTML for the readers' pages, built as text: everything from the
//! database goes through `esc`, so a title, a name or a theme holding
//! markup shows as the characters it is. No script at all: the pages work
//! in any browser, and the CSP allows nothing but the host's own style
//! sheet.

use std::fmt::Write;

/// The style sheet, served from the host itself.
pub const SITE_CSS: &str = include_str!("../assets/site.css");

/// The policy every page is sent with: no script, no frames, nothing from
/// elsewhere, forms only back to the host.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                       form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Text made safe inside an element or a quoted attribute.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

/// Who is signed in, as the page header shows it.
pub struct Signed<'a> {
    pub name: &'a str,
    pub form_token: &'a str,
}

/// A whole page: the header with the way around and the sign-in state, then
/// `body`.
pub fn page(title: &str, signed: Option<&Signed<'_>>, body: &str) -> String {
    let account = match signed {
        Some(s) => format!(
            r#"<a href="/me">我的借阅（{}）</a><form class="inline" method="post" action="/logout">{}<button type="submit" class="link">退出</button></form>"#,
            esc(s.name),
            form_token(s.form_token)
        ),
        None => r#"<a href="/login">读者登录</a>"#.to_owned(),
    };
    format!(
        r#"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · 书香读者查询</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header class="top">
<a class="brand" href="/">书香 · 读者查询</a>
<nav><a href="/search">查书</a><a href="/events">近期活动</a>{account}</nav>
</header>
<main>
{body}
</main>
<footer>阅览室 · 书香。借书、还书请到阅览室服务台。</footer>
</body>
</html>
"#,
        title = esc(title),
    )
}

/// The hidden field that ties a form to the session that showed it.
pub fn form_token(token: &str) -> String {
    format!(
        r#"<input type="hidden" name="form_token" value="{}">"#,
        esc(token)
    )
}

/// A notice above a page's content: `kind` is `error` or `done`.
pub fn notice(kind: &str, text: &str) -> String {
    format!(
        r#"<p class="notice {kind}" role="status">{}</p>"#,
        esc(text)
    )
}

/// The search box, with `q` in it.
pub fn search_box(q: &str) -> String {
    format!(
        r#"<form class="search" method="get" action="/search" role="search">
<input type="search" name="q" value="{}" placeholder="书名、作者、拼音或首字母、ISBN、索书号" aria-label="查书" autofocus>
<button type="submit">查找</button>
</form>"#,
        esc(q)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_the_database_is_shown_as_text() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        let p = page("<b>书</b>", None, "");
        assert!(p.contains("&lt;b&gt;书&lt;/b&gt; · 书香读者查询"));
        assert!(!p.contains("<b>书"));
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
