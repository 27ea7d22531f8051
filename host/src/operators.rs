//! Operators at other PCs (`/api/v1/op/`): sign in with an operator account,
//! then run any command of the command layer by name — the same functions,
//! arguments and answers the window uses — under that operator's role, with
//! the computer's address in the log; make an export here and send the file
//! back (`export/…`), or take in a file chosen there (`import/…`). Nothing
//! here without a signed-in operator; the core enforces roles as it does
//! for the window.

use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use serde::Deserialize;
use shuxiang_commands::Ctx;
use shuxiang_core::{Actor, operators};

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

pub fn routes() -> Router<Host> {
    Router::new()
        .route("/api/v1/op/login", post(login))
        .route("/api/v1/op/logout", post(logout))
        .route(
            "/api/v1/op/call/{command}",
            post(call).layer(DefaultBodyLimit::max(MAX_OPERATOR_BODY)),
        )
        .route("/api/v1/op/export/{command}", post(export))
        .route(
            "/api/v1/op/import/{command}",
            post(import).layer(DefaultBodyLimit::max(MAX_IMPORT_BODY)),
        )
}

#[derive(Deserialize)]
struct Login {
    name: String,
    password: String,
}

/// `{"name","password"}` → `{"token","name","role"}`; wrong → 401, as the
/// window's login says it (and locks the account the same way).
async fn login(
    State(host): State<Host>,
    ClientAddr(client): ClientAddr,
    login: Result<Json<Login>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let Json(login) = login?;
    let actor = host
        .run_login(move |db| operators::login(db, &login.name, &login.password))
        .await?;
    let Actor::Operator { id, name, role, .. } = actor else {
        return Err(ApiError::internal());
    };
    let token = host.operators.open(Actor::Operator {
        id,
        name: name.clone(),
        role,
        client,
    });
    Ok(Json(
        serde_json::json!({ "token": token, "name": name, "role": role }),
    ))
}

/// The operator of `Authorization: Bearer TOKEN`.
fn operator(host: &Host, headers: &HeaderMap) -> Result<Actor, ApiError> {
    bearer(headers)
        .and_then(|token| host.operators.get(token))
        .ok_or_else(ApiError::operator_needed)
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
    headers: HeaderMap,
    command: Result<Path<String>, PathRejection>,
    args: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    let actor = operator(&host, &headers)?;
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
    headers: HeaderMap,
    command: Result<Path<String>, PathRejection>,
    args: Result<Json<serde_json::Value>, JsonRejection>,
) -> ApiResult<serde_json::Value> {
    use base64::Engine;
    let actor = operator(&host, &headers)?;
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
                "answer": made.answer,
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
    headers: HeaderMap,
    command: Result<Path<String>, PathRejection>,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<serde_json::Value> {
    let actor = operator(&host, &headers)?;
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
