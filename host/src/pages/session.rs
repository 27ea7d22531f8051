//! Who is signed in on the pages, and what a form that changes something
//! must show before it is taken: a live session cookie, the host's own
//! origin, a length the host reads and the session's form token, all
//! checked by `FormReader` before the form's own fields are read.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, CookieBuilder, SameSite};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use shuxiang_core::{Db, Error};

use super::{MAX_NOTE_FORM, PageError};
use crate::operators::declared_length;
use crate::{ApiError, ClientAddr, Host, Reader};

/// The session cookie's name.
pub const COOKIE: &str = "shuxiang_reader";

/// Marks a request that came over TLS, so the cookie is sent only back
/// over it. Absent (as in tests through the router) means plain HTTP.
#[derive(Debug, Clone, Copy, Default)]
pub struct OverTls(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for OverTls {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<OverTls>()
            .copied()
            .unwrap_or_default())
    }
}

/// A reader's session on the pages: the token in the cookie and the reader
/// it signs in.
pub struct Session {
    /// What the cookie holds; ends the session on signing out.
    pub token: String,
    /// Who is signed in.
    pub reader: Reader,
}

/// The session whose cookie came with the request, if it is live. Every
/// page and form learns who is signed in here and nowhere else; it is
/// async because a session may come to resolve its reader from the
/// database (it does: every request reads the reader fresh).
pub async fn signed_in(host: &Host, headers: &HeaderMap) -> Option<Session> {
    let token = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == COOKIE)?
        .value()
        .to_owned();
    // The reader as they are now: a session whose PIN was changed or
    // cleared, or whose reader was deactivated, since is over.
    let (reader, _) = host.current_reader(&token, None).await.ok()?;
    Some(Session { token, reader })
}

/// The session cookie holding `value`: only for this host's own requests
/// (SameSite=Strict), never readable by a script, and over TLS only sent
/// back over TLS.
fn session_cookie(value: &str, tls: OverTls) -> CookieBuilder<'_> {
    Cookie::build((COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(tls.0)
}

/// `response`, signing this browser in with the session `token`.
pub fn sign_in(response: Response, token: &str, tls: OverTls) -> Response {
    set_cookie(response, session_cookie(token, tls).build())
}

/// `response`, signing this browser out. The removal carries the same
/// attributes as the cookie it replaces, so a browser matches and drops it.
pub fn sign_out(response: Response, tls: OverTls) -> Response {
    set_cookie(response, session_cookie("", tls).removal().build())
}

fn set_cookie(mut response: Response, cookie: Cookie<'_>) -> Response {
    if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// Whether a form was sent from the host's own pages: a browser says where
/// a form came from (Origin, or Sec-Fetch-Site); another site's is refused.
pub fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// What a form that cannot be taken shows (403).
pub fn refused_form() -> PageError {
    PageError(ApiError {
        status: StatusCode::FORBIDDEN,
        code: "forbidden",
        message: "这个表单已过期或不是从本页面提交的。请回到页面，刷新后再试。".into(),
        field: None,
    })
}

/// A form that changes something, sent by a signed-in reader from one of
/// the host's own pages with their session's form token, so another site
/// cannot act for them; its fields are `T`. A handler taking it has only
/// its own work left.
pub struct FormReader<T = NoFields> {
    /// The host the form was sent to.
    pub host: Host,
    /// The session that sent it.
    pub session: Session,
    /// The computer it came from, for the log.
    client: Option<String>,
    /// What the form says besides its token.
    pub form: T,
}

/// A form of one button: nothing but its token.
#[derive(Deserialize)]
pub struct NoFields {}

/// Why a form was not taken.
pub enum FormRefused {
    /// No live session came with it: the reader may sign in and send it
    /// again.
    SignedOut,
    /// Another site's form, or a page's from another session.
    Forged,
    /// A body that is not this form, or too large to read (its status).
    Unreadable(StatusCode),
}

impl From<FormRefused> for PageError {
    fn from(refused: FormRefused) -> PageError {
        match refused {
            FormRefused::SignedOut | FormRefused::Forged => refused_form(),
            FormRefused::Unreadable(StatusCode::PAYLOAD_TOO_LARGE) => PageError(ApiError {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: "invalid",
                message: format!(
                    "提交的内容太长，主机没有处理。读书心得最多 {} 字，其他内容也请删短后再提交。",
                    shuxiang_core::participation::MAX_NOTE
                ),
                field: None,
            }),
            FormRefused::Unreadable(status) => PageError(ApiError::unreadable(status)),
        }
    }
}

impl IntoResponse for FormRefused {
    fn into_response(self) -> Response {
        PageError::from(self).into_response()
    }
}

#[derive(Deserialize)]
struct TokenForm {
    #[serde(default)]
    form_token: String,
}

impl<T: DeserializeOwned + Send> FromRequest<Host> for FormReader<T> {
    type Rejection = FormRefused;

    async fn from_request(request: Request, host: &Host) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = request.into_parts();
        let Ok(ClientAddr(client)) = ClientAddr::from_request_parts(&mut parts, host).await;
        // Who and from where are known from the headers: a refused form's
        // body is never read, nor one declared longer than the host reads.
        let session = signed_in(host, &parts.headers)
            .await
            .ok_or(FormRefused::SignedOut)?;
        if !same_origin(&parts.headers) {
            return Err(FormRefused::Forged);
        }
        // The longest any page form may be; the route's own limit (32 KB
        // but for a note) holds while the body is read.
        if declared_length(&parts.headers).is_some_and(|n| n > MAX_NOTE_FORM as u64) {
            return Err(FormRefused::Unreadable(StatusCode::PAYLOAD_TOO_LARGE));
        }
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(FormRefused::Unreadable(StatusCode::BAD_REQUEST));
        }
        let bytes = Bytes::from_request(Request::from_parts(parts, body), host)
            .await
            .map_err(|e| FormRefused::Unreadable(e.status()))?;
        let token: TokenForm = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| FormRefused::Unreadable(StatusCode::BAD_REQUEST))?;
        if token.form_token != session.reader.form_token {
            return Err(FormRefused::Forged);
        }
        let form = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| FormRefused::Unreadable(StatusCode::BAD_REQUEST))?;
        Ok(FormReader {
            host: host.clone(),
            session,
            client,
            form,
        })
    }
}

impl<T> FormReader<T> {
    /// The signed-in reader.
    pub fn reader(&self) -> &Reader {
        &self.session.reader
    }

    /// Runs `change` on the database for the reader (their person id) from
    /// the computer the form came from; the core's refusal comes back for
    /// the page to show.
    pub async fn run<U: Send + 'static>(
        &self,
        change: impl FnOnce(&Db, i64, Option<&str>) -> Result<U, Error> + Send + 'static,
    ) -> Result<U, ApiError> {
        let person = self.session.reader.person();
        let client = self.client.clone();
        self.host
            .run(move |db| change(db, person, client.as_deref()))
            .await
    }
}

/// Whoever opens a page: a signed-in reader, or `None` for anyone else.
pub struct Visitor(pub Option<Reader>);

impl FromRequestParts<Host> for Visitor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, host: &Host) -> Result<Self, Self::Rejection> {
        Ok(Visitor(
            signed_in(host, &parts.headers).await.map(|s| s.reader),
        ))
    }
}
