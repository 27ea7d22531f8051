//! The periodicals room on the readers' pages: 现刊 for anyone, and
//! 我的传阅 for the signed-in reader — their own legs, nobody else's.

use axum::extract::State;
use axum::http::StatusCode;
use shuxiang_core::serials::current;
use shuxiang_core::serials::routing;

use super::session::Visitor;
use super::views;
use super::{PageResult, login_redirect, respond};
use crate::Host;

pub(super) async fn periodicals(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let shelf = host
        .run(|db| current::current_serials(db, db.clock().today()))
        .await?;
    let body = views::periodicals(&shelf);
    Ok(respond(StatusCode::OK, "现刊", signed.as_ref(), body))
}

pub(super) async fn my_routing(State(host): State<Host>, Visitor(signed): Visitor) -> PageResult {
    let Some(reader) = signed else {
        return Ok(login_redirect("/me/routing"));
    };
    let person = reader.person();
    let (legs, today) = host
        .run(move |db| Ok((routing::routing_with(db, person)?, db.clock().today())))
        .await?;
    let body = views::my_routing(&reader.name, &legs, &today.to_string());
    Ok(respond(StatusCode::OK, "我的传阅", Some(&reader), body))
}
