//! The intranet host (DESIGN.md, "One office, many PCs"): the catalogue and
//! each reader's own loans and holds as a JSON API under `/api/v1/`, over
//! the same core the window uses — the same search and ranking, the same
//! desk rules, the same log. Reader sessions are random tokens held in
//! memory with an idle expiry. Errors are `{code, message}` in Chinese with
//! a 4xx status, never internals.
//!
//! Transport: HTTPS with a certificate made on first start or the
//! office's own (`tls`), or plain HTTP on request; `serve` holds the
//! limits of an open port.

mod client;
mod clients;
mod error;
mod html;
mod operators;
mod pages;
mod readers;
mod serve;
mod sessions;
mod signal;
mod start;
mod tls;

use std::sync::Arc;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shuxiang_core::{Db, Error, catalog, circulation, people};

pub use client::{HostClient, RemoteError, SignedIn};
pub use clients::{Client, Clients, reader_urls};
pub use error::ApiError;
use error::ApiResult;
pub use pages::OverTls;
pub use serve::{Limits, serve_with};
pub use sessions::{OPERATOR_IDLE, Owned, Reader, SESSION_IDLE, Sessions};
pub use signal::shutdown_signal;
pub use start::{Running, start};
pub use tls::{CERT_FILE, Certificate, KEY_FILE, PinnedCertificate, fingerprint_of};

/// The largest request body the host reads: a login or a hold is tiny, a
/// reading note of 5,000 characters about 15 KB.
pub const MAX_BODY: usize = 32 * 1024;
/// The most search results one request returns.
pub const MAX_LIMIT: u32 = 100;

/// Sign-ins checked at once: each PIN check is deliberately slow (argon2),
/// so a flood of logins queues here instead of taking every core.
const LOGINS_AT_ONCE: usize = 2;

/// What every request shares: the database and the readers' sessions.
#[derive(Clone)]
pub struct Host {
    db: Arc<Db>,
    sessions: Arc<Sessions<Reader>>,
    /// Operators at other PCs, signed in with their operator account.
    operators: Arc<Sessions<operators::OperatorSession>>,
    /// Wrong passwords and PINs counted per client address.
    door: Arc<shuxiang_commands::Doorkeeper>,
    logins: Arc<tokio::sync::Semaphore>,
    clients: Arc<Clients>,
}

impl Host {
    pub fn new(db: Db) -> Host {
        Host::with_sessions(db, Sessions::default())
    }

    /// A host whose reader sessions end as `sessions` says.
    pub fn with_sessions(db: Db, sessions: Sessions<Reader>) -> Host {
        Host::shared(Arc::new(db), sessions)
    }

    /// A host over a database the window also uses (设置 → 局域网共享).
    pub fn shared(db: Arc<Db>, sessions: Sessions<Reader>) -> Host {
        Host {
            db,
            sessions: Arc::new(sessions),
            operators: Arc::new(Sessions::with_idle(OPERATOR_IDLE)),
            door: Arc::default(),
            logins: Arc::new(tokio::sync::Semaphore::new(LOGINS_AT_ONCE)),
            clients: Arc::new(Clients::default()),
        }
    }

    /// The client computers connected now.
    pub fn clients(&self) -> Vec<Client> {
        self.clients.list()
    }

    /// How many readers are signed in on the pages.
    pub fn readers_signed_in(&self) -> usize {
        self.sessions.count()
    }

    /// The database the host serves.
    pub fn db(&self) -> &Db {
        &self.db
    }

    /// The readers' pages and the routes of `/api/v1/`.
    pub fn router(self) -> Router {
        let reader = Router::new()
            .route("/api/v1/reader/me", get(me))
            .route("/api/v1/reader/logout", post(logout))
            .route("/api/v1/reader/holds", post(place_hold))
            .route("/api/v1/reader/holds/{id}/cancel", post(cancel_hold))
            .merge(readers::reader_routes())
            .route_layer(axum::middleware::from_fn_with_state(
                self.clone(),
                reader_first,
            ));
        Router::new()
            .merge(pages::routes())
            .merge(operators::routes(self.clone()))
            .merge(reader)
            .merge(readers::public_routes())
            .route("/api/v1/ping", get(ping))
            .route("/api/v1/search", get(search))
            .route("/api/v1/titles/{id}", get(title))
            .route("/api/v1/reader/login", post(login))
            .fallback(not_found)
            .method_not_allowed_fallback(method_not_allowed)
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .layer(axum::middleware::map_response(safe_headers))
            .with_state(self)
    }

    /// Runs a sign-in, one of a few at a time.
    async fn run_login<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Db) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _turn = self
            .logins
            .acquire()
            .await
            .map_err(|_| ApiError::internal())?;
        self.run(f).await
    }

    /// Runs `f` on the database off the async threads (SQLite blocks).
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Db) -> Result<T, Error> + Send + 'static,
    ) -> Result<T, ApiError> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || f(&db))
            .await
            .map_err(|_| ApiError::internal())?
            .map_err(ApiError::from)
    }
}

/// Serves `host` over plain HTTP on `listener` until `shutdown` resolves,
/// then lets requests in flight finish.
pub async fn serve(
    host: Host,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(host, listener, None, Limits::default(), shutdown).await
}

/// The host is the only writer of its database, so it keeps the daily
/// backup the window would: one now when none was made today, then a look
/// every hour. A failure is said on standard error and tried again.
pub async fn keep_daily_backups(host: Host) {
    loop {
        let db = host.db.clone();
        match tokio::task::spawn_blocking(move || shuxiang_core::backup::daily_backup(&db)).await {
            Ok(Ok(Some(made))) => eprintln!("已完成每日备份：{}", made.path.display()),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => eprintln!("每日备份没有完成：{e}（一小时后再试）"),
            Err(_) => eprintln!("每日备份没有完成（一小时后再试）"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(60 * 60)).await;
    }
}

async fn ping() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "ok": true }))
}

/// An unknown address: JSON under `/api/`, a page elsewhere.
async fn not_found(uri: axum::http::Uri) -> Response {
    refuse_address(
        &uri,
        StatusCode::NOT_FOUND,
        "not_found",
        "没有这个页面或接口。",
    )
}

/// A known address asked with the wrong method (a PUT to a page).
async fn method_not_allowed(uri: axum::http::Uri) -> Response {
    refuse_address(
        &uri,
        StatusCode::METHOD_NOT_ALLOWED,
        "invalid",
        "这个地址不接受这种请求。",
    )
}

/// A refusal of an address, as the API or as a page, by where it points.
fn refuse_address(
    uri: &axum::http::Uri,
    status: StatusCode,
    code: &'static str,
    message: &str,
) -> Response {
    let e = ApiError {
        status,
        code,
        message: message.into(),
        field: None,
    };
    if uri.path().starts_with("/api/") {
        e.into_response()
    } else {
        pages::PageError::from(e).into_response()
    }
}

/// What every answer carries: the pages' CSP, no sniffing, no framing, no
/// referrer to elsewhere, and nothing personal kept in caches.
async fn safe_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, html::CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in fixed {
        if !headers.contains_key(&name) {
            headers.insert(name, axum::http::HeaderValue::from_static(value));
        }
    }
    response
}

#[derive(Deserialize)]
struct SearchQuery {
    #[serde(default)]
    q: String,
    limit: Option<u32>,
}

/// The list `shuxiang search --json` prints, for the same query.
async fn search(
    State(host): State<Host>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult<Vec<catalog::Title>> {
    let Query(query) = query?;
    let limit = query.limit.unwrap_or(20).clamp(1, MAX_LIMIT);
    // No page here says "of N": the titles without counting them all.
    Ok(Json(
        host.run(move |db| catalog::search_first(db, &query.q, limit))
            .await?,
    ))
}

/// A title with where its copies stand, never who has them, and the
/// readers' published notes on it.
async fn title(
    State(host): State<Host>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<readers::TitlePage> {
    let Path(id) = id?;
    Ok(Json(host.run(move |db| readers::title_of(db, id)).await?))
}

#[derive(Deserialize)]
struct Login {
    card: String,
    pin: String,
}

/// `{"card","pin"}` → `{"token","name"}`; any wrong case → 401 in the same
/// words; the sixth wrong one from an address in 15 minutes → 429.
async fn login(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    login: Result<Json<Login>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(login) = login?;
    let (person, signed) = host.reader_login(client, login.card, login.pin).await?;
    let token = host.sessions.open(Reader::new(signed, &person.name));
    Ok(Json(
        serde_json::json!({ "token": token, "name": person.name }),
    ))
}

impl Host {
    /// A reader signing in from `client`, counted at the host's door.
    async fn reader_login(
        &self,
        client: Option<String>,
        card: String,
        pin: String,
    ) -> Result<(people::Person, people::ReaderSignedIn), ApiError> {
        let door = self.door.clone();
        self.run_login(move |db| {
            shuxiang_commands::sign_in_reader(db, &door, client.as_deref(), &card, &pin)
        })
        .await
    }

    /// The reader of a session as they are now; the session is ended when
    /// their PIN changed or they were deactivated since.
    async fn current_reader(
        &self,
        token: &str,
        client: Option<String>,
    ) -> Result<(Reader, shuxiang_core::Actor), ApiError> {
        let reader = self
            .sessions
            .get(token)
            .ok_or_else(ApiError::unauthenticated)?;
        let db = self.db.clone();
        let signed = reader.signed;
        match self
            .run(move |_| {
                shuxiang_commands::Ctx::reader(db, signed, client).map(|c| c.actor().clone())
            })
            .await
        {
            Ok(actor) => Ok((reader, actor)),
            Err(e) => {
                self.sessions.close(token);
                Err(e)
            }
        }
    }
}

/// The signed-in reader a request was let in as.
#[derive(Clone)]
struct SignedReader {
    person: i64,
    client: Option<String>,
}

/// Lets a reader's API request in only with a live session whose reader
/// is still who they were (read fresh), before its body is read.
async fn reader_first(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let Some(token) = bearer(request.headers()).map(str::to_owned) else {
        return ApiError::unauthenticated().into_response();
    };
    if operators::declared_length(request.headers()).is_some_and(|n| n > MAX_BODY as u64) {
        return ApiError::unreadable(StatusCode::PAYLOAD_TOO_LARGE).into_response();
    }
    match host.current_reader(&token, client.clone()).await {
        Ok((reader, _)) => {
            let mut request = request;
            request.extensions_mut().insert(SignedReader {
                person: reader.person(),
                client,
            });
            next.run(request).await
        }
        Err(e) => e.into_response(),
    }
}

/// Ends the reader's session (the token is forgotten at once).
async fn logout(State(host): State<Host>, headers: HeaderMap) -> ApiResult<serde_json::Value> {
    if let Some(token) = bearer(&headers) {
        host.sessions.close(token);
    }
    Ok(Json(serde_json::json!({ "ok": true })))
}

/// The address of the computer a request came from, for the log (absent
/// when the router is called without a socket, as in tests).
pub struct ClientAddr(pub Option<String>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|c| c.0.ip().to_canonical().to_string()),
        ))
    }
}

/// The token of `Authorization: Bearer TOKEN`.
fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
}

async fn me(
    State(host): State<Host>,
    Extension(SignedReader { person, .. }): Extension<SignedReader>,
) -> ApiResult<readers::Me> {
    Ok(Json(host.run(move |db| readers::me_of(db, person)).await?))
}

#[derive(Deserialize)]
struct NewHold {
    title_id: i64,
}

async fn place_hold(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    hold: Result<Json<NewHold>, JsonRejection>,
) -> ApiResult<circulation::ReaderHold> {
    let Json(hold) = hold?;
    Ok(Json(
        host.run(move |db| {
            circulation::reader_place_hold(db, person, hold.title_id, client.as_deref())
        })
        .await?,
    ))
}

async fn cancel_hold(
    State(host): State<Host>,
    Extension(SignedReader { person, client }): Extension<SignedReader>,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<circulation::ReaderHold> {
    let Path(id) = id?;
    Ok(Json(
        host.run(move |db| circulation::reader_cancel_hold(db, person, id, client.as_deref()))
            .await?,
    ))
}

#[cfg(test)]
mod tests;
