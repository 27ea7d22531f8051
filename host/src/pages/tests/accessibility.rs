//! The pages held to GB/T 37668 / WCAG 2.0 AA in their markup (the
//! review's findings, ../shared/reviews/readers-pages-accessibility.md):
//! a skip link and labelled navigations on every page, nothing taking the
//! focus past the menu, a wrong PIN read first and tied to its fields,
//! text sized in rem, borders and the focus ring at 3:1, results under a
//! heading, buttons that name their book, and a held title that says so.
//! axe-core runs over the same pages in Chromium (cli/tests/readers_browser/).

use super::*;
use crate::html::SITE_CSS;

/// The value of a CSS custom property of the style sheet.
fn css_var(name: &str) -> &'static str {
    let at = SITE_CSS.find(&format!("{name}:")).unwrap();
    let rest = &SITE_CSS[at + name.len() + 1..];
    rest[..rest.find(';').unwrap()].trim()
}

/// WCAG's contrast ratio of two `#rrggbb` colours.
fn contrast(a: &str, b: &str) -> f64 {
    let luminance = |hex: &str| {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    };
    let (x, y) = (luminance(a) + 0.05, luminance(b) + 0.05);
    x.max(y) / x.min(y)
}

#[test]
fn text_is_sized_in_rem_and_borders_and_the_focus_ring_stand_out() {
    assert!(
        !SITE_CSS
            .split(';')
            .any(|d| d.contains("font-size") && d.contains("px")),
        "a reader's larger browser font must enlarge every text"
    );
    let (paper, surface) = (css_var("--paper"), css_var("--surface"));
    for background in [paper, surface] {
        assert!(
            contrast(css_var("--field"), background) >= 3.0,
            "input borders"
        );
        assert!(
            contrast(css_var("--focus"), background) >= 3.0,
            "the focus ring"
        );
    }
    assert!(contrast("#ffffff", css_var("--accent")) >= 3.0);
    assert!(
        SITE_CSS.contains("header.top :focus-visible { outline-color: #fff; }"),
        "on the red header the ring is white"
    );
}

/// Every page a reader may open, signed in as `cookie` or not.
async fn every_page(router: &Router, title: i64, cookie: Option<&str>) -> Vec<(String, String)> {
    let mut uris = vec![
        "/".to_owned(),
        "/search".to_owned(),
        "/search?q=xtzg".to_owned(),
        format!("/titles/{title}"),
        "/events".to_owned(),
        "/lists".to_owned(),
        "/periodicals".to_owned(),
    ];
    if cookie.is_some() {
        for uri in [
            "/me",
            "/me/record",
            "/me/routing",
            "/me/pin",
            "/me/leave",
            "/suggest",
            "/share",
        ] {
            uris.push(uri.to_owned());
        }
    } else {
        uris.push("/login".to_owned());
    }
    let mut pages = Vec::new();
    for uri in uris {
        let answer = get(router, &uri, cookie).await;
        assert_eq!(answer.status, StatusCode::OK, "{uri}");
        pages.push((uri, answer.page));
    }
    pages
}

#[tokio::test]
async fn every_page_starts_with_a_skip_link_and_takes_no_focus_past_the_menu() {
    let room = room();
    let router = Host::new(room.db).router();
    let a = sign_in(&router, "A001").await;
    for cookie in [None, Some(a.as_str())] {
        for (uri, page) in every_page(&router, room.title, cookie).await {
            let body = &page[page.find("<body>").unwrap() + 6..];
            assert!(
                body.starts_with(r##"<a class="skip" href="#main">跳到主要内容</a>"##),
                "{uri}"
            );
            assert!(page.contains(r#"<main id="main" tabindex="-1">"#), "{uri}");
            assert!(page.contains(r#"<nav aria-label="主导航">"#), "{uri}");
            assert!(
                !page.contains("autofocus"),
                "{uri}: nothing takes the focus when nothing was refused or done"
            );
            for nav in page.split("<nav").skip(1) {
                let tag = &nav[..nav.find('>').unwrap()];
                assert!(
                    tag.contains("aria-label="),
                    "{uri}: every navigation is labelled"
                );
            }
            assert!(page.contains(r#"<html lang="zh-CN">"#));
        }
    }
    let found = get(&router, "/search?q=xtzg", None).await.page;
    assert!(
        found.contains("<h2>找到 1 种"),
        "the results have a heading: {found}"
    );
    assert!(
        found.contains(r#"<label for="q">"#),
        "the search box has a visible label"
    );
    let record = get(&router, "/me/record", Some(&a)).await.page;
    assert!(record.contains(r#"<nav class="pager" aria-label="选择年份">"#));
}

#[tokio::test]
async fn a_wrong_pin_is_read_first_and_tied_to_both_fields() {
    let room = room();
    let router = Host::new(room.db).router();
    let wrong = post(&router, "/login", None, "card=A001&pin=0000").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let page = wrong.page;
    assert!(page.contains("<title>错误：读者登录"), "{page}");
    assert!(
        page.contains(
            r#"<p id="notice" class="notice error" role="alert" tabindex="-1" autofocus>"#
        ),
        "{page}"
    );
    assert_eq!(page.matches("autofocus").count(), 1, "only the message");
    assert_eq!(
        page.matches(r#"aria-invalid="true" aria-describedby="notice""#)
            .count(),
        2,
        "the card and the PIN both point at it"
    );
    assert!(page.contains("密码（PIN）"));
}

#[tokio::test]
async fn a_held_title_says_the_reader_is_in_the_queue_and_buttons_name_their_book() {
    let room = room();
    let host = Host::new(room.db);
    let router = host.clone().router();
    let b = sign_in(&router, "B001").await;
    let title = format!("/titles/{}", room.title);
    let token = form_token(&get(&router, &title, Some(&b)).await.page);
    // Both copies out, so 乙 waits in the queue.
    let a = people::list_people(host.db(), &Default::default())
        .unwrap()
        .items[0]
        .id;
    circulation::desk_scan(host.db(), &Actor::Desktop, Some(a), "SX2").unwrap();
    post(
        &router,
        &format!("{title}/hold"),
        Some(&b),
        &format!("form_token={token}"),
    )
    .await;
    let page = get(&router, &title, Some(&b)).await.page;
    assert!(page.contains("您已预约这本书，排在第 1 位。"), "{page}");
    assert!(!page.contains(">预约这本书</button>"), "not offered again");
    assert!(page.contains("取消预约<span class=\"vh\">《乡土中国》</span>"));
    let me = get(&router, "/me", Some(&b)).await.page;
    assert!(me.contains("取消预约<span class=\"vh\">《乡土中国》</span>"));
    assert!(
        me.contains(r#"<th scope="col">操作</th>"#),
        "no empty header"
    );
    assert!(!me.contains("<th></th>") && !me.contains(r#"<th scope="col"></th>"#));
    let lender = sign_in(&router, "A001").await;
    let lent = get(&router, &title, Some(&lender)).await.page;
    assert!(lent.contains("您正借着这本书"), "{lent}");
}
