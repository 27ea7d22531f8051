//! The reader's account forms: a new PIN ends the other sessions, a wrong
//! one is blamed on its field; and every form that changes something is
//! refused without its session's token or from another site.

use super::*;

#[tokio::test]
async fn a_new_pin_ends_the_other_sessions_and_a_wrong_one_is_blamed() {
    let room = room();
    let router = Host::new(room.db).router();
    let a = sign_in(&router, "A001").await;
    let other = sign_in(&router, "A001").await;
    let (form, token) = page_and_token(&router, "/me/pin", &a).await;
    assert!(form.contains(r#"autocomplete="new-password""#));
    let wrong = post(
        &router,
        "/me/pin",
        Some(&a),
        &format!("form_token={token}&old=0000&new=13579&confirm=13579"),
    )
    .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.page.contains("原 PIN 不对"));
    assert!(
        wrong.page.contains(r#"name="old" inputmode="numeric" autocomplete="current-password" required aria-invalid="true" aria-describedby="notice""#),
        "{}",
        wrong.page
    );
    let mismatch = post(
        &router,
        "/me/pin",
        Some(&a),
        &format!("form_token={token}&old=2468&new=13579&confirm=13578"),
    )
    .await;
    assert!(mismatch.page.contains("两次输入的新 PIN 不一样"));
    let changed = post(
        &router,
        "/me/pin",
        Some(&a),
        &format!("form_token={token}&old=2468&new=13579&confirm=13579"),
    )
    .await;
    assert_eq!(changed.location(), "/me?done=pin");
    assert_eq!(get(&router, "/me", Some(&a)).await.status, StatusCode::OK);
    assert!(
        get(&router, "/me", Some(&other))
            .await
            .location()
            .starts_with("/login"),
        "the other session ended"
    );
    let new_pin = post(&router, "/login", None, "card=A001&pin=13579").await;
    assert_eq!(new_pin.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn every_new_form_is_refused_without_its_token_or_from_another_site() {
    let room = room();
    let session = open_session(&room.db);
    let host = Host::new(room.db);
    let router = host.clone().router();
    let a = sign_in(&router, "A001").await;
    let (_, token) = page_and_token(&router, "/me", &a).await;
    let before =
        part::reader_requests(host.db(), 1, &circulation::reader_me(host.db(), 1).unwrap())
            .unwrap();
    let forms = [
        ("/me/loans/renew".to_owned(), "barcode=SX1".to_owned()),
        (format!("/events/sharing/{session}/signup"), String::new()),
        (format!("/titles/{}/notes", room.title), "body=x".to_owned()),
        ("/suggest".to_owned(), "title=x".to_owned()),
        (
            "/share".to_owned(),
            format!("session_id={session}&title_id={}&topic=x", room.title),
        ),
        ("/me/leave".to_owned(), "session_id=1&reason=x".to_owned()),
        (
            "/me/pin".to_owned(),
            "old=2468&new=1357&confirm=1357".to_owned(),
        ),
    ];
    for (uri, fields) in &forms {
        let none = post(&router, uri, Some(&a), fields).await;
        assert_eq!(none.status, StatusCode::FORBIDDEN, "{uri} without a token");
        let guessed = post(
            &router,
            uri,
            Some(&a),
            &format!("form_token=guess&{fields}"),
        )
        .await;
        assert_eq!(
            guessed.status,
            StatusCode::FORBIDDEN,
            "{uri} with another token"
        );
        let request = Request::post(uri.as_str())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "reading-room:7443")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::COOKIE, &a)
            .body(Body::from(format!("form_token={token}&{fields}")))
            .unwrap();
        let forged = send(&router, request).await;
        assert_eq!(
            forged.status,
            StatusCode::FORBIDDEN,
            "{uri} from another site"
        );
        assert!(forged.page.contains("这个表单已过期"));
    }
    let after = part::reader_requests(host.db(), 1, &circulation::reader_me(host.db(), 1).unwrap())
        .unwrap();
    assert_eq!(before, after, "nothing changed");
    assert_eq!(
        get(&router, "/me", Some(&a)).await.status,
        StatusCode::OK,
        "the PIN is as it was"
    );
}
