//! Operators at other PCs (`/api/v1/op/`): sign in with an operator account,
//! then run any command of the command layer by name — the same functions,
//! arguments and answers the window uses — under that operator's role, with
//! the computer's address in the log. Nothing here without a signed-in
//! operator; the core enforces roles as it does for the window.

use axum::Json;
use axum::Router;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, header};
use axum::routing::post;
use serde::Deserialize;
use shuxiang_commands::Ctx;
use shuxiang_core::{Actor, operators};

use crate::{ApiError, ApiResult, ClientAddr, Host};

/// An operator's request may carry a small file (a list to enrol, as the
/// window sends it); far less than this.
pub const MAX_OPERATOR_BODY: usize = 8 * 1024 * 1024;

pub fn routes() -> Router<Host> {
    Router::new()
        .route("/api/v1/op/login", post(login))
        .route("/api/v1/op/logout", post(logout))
        .route(
            "/api/v1/op/call/{command}",
            post(call).layer(DefaultBodyLimit::max(MAX_OPERATOR_BODY)),
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
    let answer = serde_json::json!({ "name": name, "role": role });
    let token = host.operators.open(Actor::Operator {
        id,
        name,
        role,
        client,
    });
    let mut answer = answer;
    answer["token"] = token.into();
    Ok(Json(answer))
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
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

#[cfg(test)]
mod tests;
