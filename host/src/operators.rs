//! Operators at other PCs (`/api/v1/op/`): sign in with an operator account,
//! then run any command of the command layer by name — the same functions,
//! arguments and answers the window uses — under that operator's role, with
//! the computer's address in the log; make an export here and send the file
//! back (`export/…`), or take in a file chosen there (`import/…`). Nothing
//! here — not a byte of a body — without a signed-in operator whose account
//! is read fresh on every request; the command layer's boundary decides
//! what their role may run and see, as it does for the window.

use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Extension, Path, Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde::Deserialize;
use shuxiang_commands::Ctx;
use shuxiang_core::Actor;
use shuxiang_core::operators::SignedIn;

use crate::{ApiError, ApiResult, ClientAddr, Host, bearer};

/// An operator's request may carry a small file (a list to enrol, as the
/// window sends it); far less than this.
pub const MAX_OPERATOR_BODY: usize = 8 * 1024 * 1024;
/// A file an operator imports: a catalogue from another library's system
/// or a session's photos.
pub const MAX_IMPORT_BODY: usize = 200 * 1024 * 1024;
/// The header beside an imported file's bytes: what the import dialog chose,
/// as ASCII JSON (the window's own header).
pub const IMPORT_HEADER: &str = "shuxiang-import";

/// An operator's network session: whose account, and the computer.
#[derive(Debug, Clone)]
pub struct OperatorSession {
    pub signed: SignedIn,
    pub client: Option<String>,
}

impl crate::sessions::Owned for OperatorSession {
    fn owner(&self) -> i64 {
        self.signed.id
    }
}

/// The operator a request was let in as, read fresh before its body.
#[derive(Clone)]
struct Operator(Actor);

pub fn routes(host: Host) -> Router<Host> {
    let signed_in = Router::new()
        .route("/api/v1/op/logout", post(logout))
        .route(
            "/api/v1/op/call/{command}",
            post(call).layer(DefaultBodyLimit::max(MAX_OPERATOR_BODY)),
        )
        .route(
            "/api/v1/op/export/{command}",
            post(export).layer(DefaultBodyLimit::max(MAX_OPERATOR_BODY)),
        )
        .route(
            "/api/v1/op/import/{command}",
            post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BODY)),
        )
        .route_layer(middleware::from_fn_with_state(host, operator_first));
    Router::new()
        .route("/api/v1/op/login", post(login))
        .merge(signed_in)
}

/// Lets a request in only for a signed-in operator whose account is still
/// what it was (read fresh from the database), before a byte of its body
/// is read; a declared length over the route's limit is refused at once.
async fn operator_first(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    request: Request,
    next: Next,
) -> Response {
    let token = bearer(request.headers()).map(str::to_owned);
    let Some((token, session)) =
        token.and_then(|t| host.operators.get(&t).map(|session| (t, session)))
    else {
        return ApiError::operator_needed().into_response();
    };
    let limit = if request.uri().path().starts_with("/api/v1/op/import/") {
        MAX_IMPORT_BODY
    } else {
        MAX_OPERATOR_BODY
    };
    if declared_length(request.headers()).is_some_and(|n| n > limit as u64) {
        return ApiError::unreadable(axum::http::StatusCode::PAYLOAD_TOO_LARGE).into_response();
    }
    let db = host.db.clone();
    let signed = session.signed;
    let at = client.or(session.client);
    // The command a call, export or import names is checked against the
    // operator's role here, before its body (up to 200 MB) is read.
    let command = request
        .uri()
        .path()
        .strip_prefix("/api/v1/op/")
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, name)| name.to_owned());
    let resolved = host
        .run(move |_| {
            let ctx = Ctx::operator(db, signed, at)?;
            if let Some(name) = &command {
                ctx.allow_command(name).map_err(|e| match e {
                    shuxiang_core::Error::Forbidden(_) => e,
                    // An unknown command answers as before, after sign-in.
                    _ => shuxiang_core::Error::NotFound(e.to_string()),
                })?;
            }
            Ok(ctx.actor().clone())
        })
        .await;
    match resolved {
        Ok(actor) => {
            let mut request = request;
            request.extensions_mut().insert(Operator(actor));
            next.run(request).await
        }
        Err(e) if e.code == "unauthenticated" => {
            // Deactivated, demoted or given a new password: this session
            // is over everywhere.
            host.operators.close(&token);
            e.into_response()
        }
        // A command the role may not run, or none of that name: refused
        // unread, the session goes on.
        Err(e) => e.into_response(),
    }
}

/// The body length a request declares, when it declares one.
pub(crate) fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

/// `{"name","password"}` → `{"token","name","role"}`; any wrong case → 401
/// in the same words; too many wrong from one address → 429 for it only.
async fn login(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    login: Result<Json<Login>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(login) = login?;
    let door = host.door.clone();
    let at = client.clone();
    let db = host.db.clone();
    let (signed, actor) = host
        .run_login(move |_| {
            let signed = shuxiang_commands::sign_in_operator(
                &db,
                &door,
                at.as_deref(),
                &login.name,
                &login.password,
            )?;
            let ctx = Ctx::operator(db, signed, at)?;
            Ok((signed, ctx.actor().clone()))
        })
        .await?;
    let Actor::Operator { name, role, .. } = actor else {
        return Err(ApiError::internal());
    };
    let token = host.operators.open(OperatorSession { signed, client });
    Ok(Json(
        serde_json::json!({ "token": token, "name": name, "role": role }),
    ))
}

async fn logout(State(host): State<Host>, headers: HeaderMap) -> ApiResult<serde_json::Value> {
    if let Some(token) = bearer(&headers) {
        host.operators.close(token);
    }
    Ok(Json(serde_json::json!({ "ok": true })))
}

/// Runs one command: the body is its arguments as the window sends them.
async fn call(
    State(host): State<Host>,
    Extension(Operator(actor)): Extension<Operator>,
    command: Result<Path<String>, PathRejection>,
    args: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Path(command) = command?;
    let Json(args) = args?;
    let db = host.db.clone();
    Ok(Json(
        host.run(move |_| shuxiang_commands::call(&Ctx::new(db, actor), &command, args))
            .await?,
    ))
}

/// Makes an export in a folder of the host's own and sends the file back:
/// `{"answer", "file_name", "content"}` (the bytes in base64), for the
/// operator's PC to save in its own export folder.
async fn export(
    State(host): State<Host>,
    Extension(Operator(actor)): Extension<Operator>,
    command: Result<Path<String>, PathRejection>,
    args: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    use base64::Engine;
    let Path(command) = command?;
    let Json(args) = args?;
    let db = host.db.clone();
    Ok(Json(
        host.run(move |_| {
            let dir = tempfile::tempdir()
                .map_err(|e| shuxiang_core::Error::io("主机无法准备导出文件", e))?;
            let made =
                shuxiang_commands::files::export(&Ctx::new(db, actor), &command, args, dir.path())?;
            let content = std::fs::read(&made.path)
                .map_err(|e| shuxiang_core::Error::io("主机无法读取导出的文件", e))?;
            let file_name = made
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "导出".into());
            Ok(serde_json::json!({
                // Where the file was made here is nothing the operator's
                // PC needs: it saves the file where it chooses.
                "answer": shuxiang_commands::files::moved(made.answer, std::path::Path::new(&file_name)),
                "file_name": file_name,
                "content": base64::engine::general_purpose::STANDARD.encode(content),
            }))
        })
        .await?,
    ))
}

/// Takes in a file an operator chose at their PC: the body is its bytes,
/// the `shuxiang-import` header what the import dialog chose.
async fn import(
    State(host): State<Host>,
    Extension(Operator(actor)): Extension<Operator>,
    headers: HeaderMap,
    command: Result<Path<String>, PathRejection>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<serde_json::Value> {
    let Path(command) = command?;
    let content = body.map_err(|r| ApiError::unreadable(r.status()))?;
    let choices: shuxiang_commands::files::FileChoices = headers
        .get(IMPORT_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str(v).ok())
        .ok_or_else(|| ApiError::unreadable(axum::http::StatusCode::BAD_REQUEST))?;
    let db = host.db.clone();
    Ok(Json(
        host.run(move |_| {
            shuxiang_commands::files::import(
                &Ctx::new(db, actor),
                &command,
                choices,
                &content,
                None,
            )
        })
        .await?,
    ))
}

#[cfg(test)]
mod tests;
