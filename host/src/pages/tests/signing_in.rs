//! Signing in and out and the forms of a signed-in reader, as a browser
//! meets them: the cookie's attributes, a form without a live session or
//! from another site, and where a sign-in may lead.

use super::*;

/// `post`, as if it came over TLS.
async fn post_over_tls(router: &Router, uri: &str, cookie: Option<&str>, form: &str) -> Answer {
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "reading-room:7443")
        .header(header::ORIGIN, "https://reading-room:7443");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    let mut request = request.body(Body::from(form.to_owned())).unwrap();
    request.extensions_mut().insert(crate::OverTls(true));
    send(router, request).await
}

fn set_cookie(answer: &Answer) -> &str {
    answer.headers[header::SET_COOKIE].to_str().unwrap()
}

#[tokio::test]
async fn over_tls_the_cookie_and_its_removal_are_secure_and_alike() {
    let room = room();
    let router = Host::new(room.db).router();
    let signed = post_over_tls(&router, "/login", None, "card=B001&pin=2468").await;
    let cookie = set_cookie(&signed);
    for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
        assert!(
            cookie.split("; ").any(|a| a == attribute),
            "the session cookie is {attribute} over TLS: {cookie}"
        );
    }
    let session = cookie.split(';').next().unwrap().to_owned();
    let me = get(&router, "/me", Some(&session)).await;
    let token = form_token(&me.page);

    let out = post_over_tls(
        &router,
        "/logout",
        Some(&session),
        &format!("form_token={token}"),
    )
    .await;
    assert_eq!(out.location(), "/");
    let removal = set_cookie(&out);
    for attribute in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/",
        "Secure",
        "Max-Age=0",
    ] {
        assert!(
            removal.split("; ").any(|a| a == attribute),
            "a browser drops only a cookie matched by the same attributes ({attribute}): {removal}"
        );
    }
    assert!(removal.starts_with("shuxiang_reader=;"), "{removal}");
    assert!(
        get(&router, "/me", Some(&session))
            .await
            .location()
            .starts_with("/login"),
        "the session ended with its own form"
    );

    // Over plain HTTP the cookie could never come back if it were Secure.
    let plain = post(&router, "/login", None, "card=B001&pin=2468").await;
    assert!(
        !set_cookie(&plain).contains("Secure"),
        "{}",
        set_cookie(&plain)
    );
}

#[tokio::test]
async fn a_form_without_a_live_session_or_from_elsewhere_changes_nothing() {
    let room = room();
    let host = Host::new(room.db);
    let router = host.clone().router();
    let b = sign_in(&router, "B001").await;
    let token = form_token(&get(&router, "/me", Some(&b)).await.page);
    let hold = format!("/titles/{}/hold", room.title);

    // Signed out, a hold leads to the sign-in and back to the title.
    let signed_out = post(&router, &hold, None, "form_token=x").await;
    assert_eq!(
        signed_out.location(),
        format!("/login?next=%2Ftitles%2F{}", room.title)
    );
    let expired = post(&router, &hold, Some("shuxiang_reader=gone"), "form_token=x").await;
    assert_eq!(
        expired.status,
        StatusCode::SEE_OTHER,
        "an ended session signs in again"
    );
    let cancel = post(&router, "/me/holds/1/cancel", None, "form_token=x").await;
    assert_eq!(cancel.status, StatusCode::FORBIDDEN, "{}", cancel.page);
    assert!(cancel.page.contains("这个表单已过期"));

    // Another site's sign-out form ends no session.
    let request = Request::post("/logout")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "reading-room:7443")
        .header(header::ORIGIN, "https://evil.example")
        .header(header::COOKIE, &b)
        .body(Body::from(format!("form_token={token}")))
        .unwrap();
    assert_eq!(send(&router, request).await.location(), "/");
    assert_eq!(get(&router, "/me", Some(&b)).await.status, StatusCode::OK);

    // A form with the cookie among others still finds its session.
    let cookies = format!("theme=dark; {b}; other=1");
    let placed = post(
        &router,
        &hold,
        Some(&cookies),
        &format!("form_token={token}"),
    )
    .await;
    assert_eq!(placed.location(), "/me?done=hold");
    assert_eq!(
        circulation::title_holds(host.db(), room.title)
            .unwrap()
            .len(),
        1
    );
}

/// Where a browser goes for a Location: it drops tabs and line breaks and
/// reads `\` as `/`; `None` when it leaves this host.
fn followed_on_this_host(location: &[u8]) -> Option<String> {
    let seen: String = String::from_utf8_lossy(location)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    (seen.starts_with('/') && !seen.starts_with("//")).then_some(seen)
}

#[tokio::test]
async fn after_signing_in_next_leads_only_to_a_plain_path_on_this_host() {
    let room = room();
    let router = Host::new(room.db).router();
    let b = sign_in(&router, "B001").await;
    let cases = [
        ("/%09/evil.example/", "/me"),
        ("//evil", "/me"),
        ("/%5Cevil", "/me"),
        ("%2F%5Cevil", "/me"),
        ("https://evil", "/me"),
        ("https%3A%2F%2Fevil", "/me"),
        ("/%0D%0ASet-Cookie:%20x=1", "/me"),
        ("/%0A/evil.example", "/me"),
        ("/%0D/evil.example", "/me"),
        ("/titles/3%7F", "/me"),
        ("evil.example", "/me"),
        ("", "/me"),
        ("/titles/3", "/titles/3"),
        ("%2Ftitles%2F3", "/titles/3"),
        ("/me/record?year=2025", "/me/record?year=2025"),
    ];
    for (next, goes) in cases {
        // Signing in with the form, and opening the sign-in page signed in.
        let form = format!("card=B001&pin=2468&next={next}");
        let signed = post(&router, "/login", None, &form).await;
        assert_eq!(
            signed.status,
            StatusCode::SEE_OTHER,
            "{next}: {}",
            signed.page
        );
        assert_eq!(signed.location(), goes, "{next}");
        let again = get(&router, &format!("/login?next={next}"), Some(&b)).await;
        assert_eq!(
            again.status,
            StatusCode::SEE_OTHER,
            "{next}: {}",
            again.page
        );
        assert_eq!(again.location(), goes, "{next}");
    }

    // Whatever follows the slash, the answer is a redirect on this host.
    let mut tried = 0;
    for c in (0..0x250).chain([0x85, 0x2028, 0x3000, 0xFEFF, 0xFF0F]) {
        let Some(c) = char::from_u32(c) else { continue };
        for next in [format!("/{c}/evil.example/"), format!("{c}//evil.example/")] {
            let uri = format!("/login?next={}", crate::html::query_value(&next));
            let answer = get(&router, &uri, Some(&b)).await;
            assert_eq!(
                answer.status,
                StatusCode::SEE_OTHER,
                "{next:?}: {}",
                answer.page
            );
            let location = answer.headers[header::LOCATION].as_bytes();
            let seen = followed_on_this_host(location);
            assert!(seen.is_some(), "{next:?} led to {location:?}");
            tried += 1;
        }
    }
    assert!(tried > 1000);

    // Not signed in, the page keeps only a plain path for after.
    let page = get(&router, "/login?next=/%09/evil.example/", None).await;
    assert!(
        page.page.contains(r#"name="next" value="/me""#),
        "{}",
        page.page
    );
    let page = get(&router, "/login?next=/titles/3", None).await;
    assert!(page.page.contains(r#"name="next" value="/titles/3""#));
}
