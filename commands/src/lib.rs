//! The command layer: what a view may ask of the core, stated once. Each
//! command is a function of one request context, [`Ctx`] — the database
//! and who acts (the window's logged-in operator, or an operator signed in
//! over the network) — and its arguments; [`call`] runs one by name with
//! its arguments as the UI sends them (JSON, camelCase keys). The desktop
//! window's shell and the intranet host are two thin transports over the
//! same functions, so a view works the same over either.
//!
//! The files mirror the core's areas. What only the window itself can do —
//! choosing files on its own disk, import progress, the data folder,
//! logging in — stays in the window's shell.

use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use shuxiang_core::{Actor, Db, Error};

/// Defines an area's commands: each becomes `pub fn name(ctx: &Ctx, …) ->
/// Result<T, Error>`, and the area gets a `dispatch` that runs one by name
/// with its arguments as JSON, and `NAMES`, the commands it has.
macro_rules! commands {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($ctx:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub fn $name($ctx: &$crate::Ctx $(, $arg: $ty)*) -> Result<$ret, shuxiang_core::Error>
                $body
        )*

        /// Runs the command `name` with its arguments as JSON; `None` when
        /// this area has no such command.
        pub(crate) fn dispatch(
            ctx: &$crate::Ctx,
            name: &str,
            args: serde_json::Value,
        ) -> Option<Result<serde_json::Value, shuxiang_core::Error>> {
            match name {
                $(
                    stringify!($name) => Some((|| {
                        #[derive(serde::Deserialize)]
                        #[serde(rename_all = "camelCase")]
                        struct Args {
                            $($arg: $ty,)*
                        }
                        let Args { $($arg,)* } = $crate::arguments(name, args)?;
                        $crate::answer($name(ctx $(, $arg)*)?)
                    })()),
                )*
                _ => None,
            }
        }

        /// The commands of this area.
        pub(crate) const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

pub mod audit;
pub mod backup;
pub mod calendar;
pub mod catalog;
pub mod circulation;
pub mod demo;
pub mod files;
pub mod labels;
pub mod operators;
pub mod people;
pub mod reports;
pub mod sharing;
pub mod stocktake;
pub mod training;

/// One request: the database and who acts. The window makes one per call
/// from its login; the host from the operator's network session.
pub struct Ctx {
    db: Arc<Db>,
    actor: Actor,
}

impl Ctx {
    pub fn new(db: Arc<Db>, actor: Actor) -> Ctx {
        Ctx { db, actor }
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

type Dispatch = fn(&Ctx, &str, serde_json::Value) -> Option<Result<serde_json::Value, Error>>;

const AREAS: &[(Dispatch, &[&str])] = &[
    (audit::dispatch, audit::NAMES),
    (backup::dispatch, backup::NAMES),
    (calendar::dispatch, calendar::NAMES),
    (catalog::dispatch, catalog::NAMES),
    (circulation::dispatch, circulation::NAMES),
    (demo::dispatch, demo::NAMES),
    (labels::dispatch, labels::NAMES),
    (operators::dispatch, operators::NAMES),
    (people::dispatch, people::NAMES),
    (reports::dispatch, reports::NAMES),
    (sharing::dispatch, sharing::NAMES),
    (stocktake::dispatch, stocktake::NAMES),
    (training::dispatch, training::NAMES),
];

/// Runs the command `name` with `args` (a JSON object of its arguments,
/// camelCase keys; `null` for none) and answers with its result as JSON.
pub fn call(ctx: &Ctx, name: &str, args: serde_json::Value) -> Result<serde_json::Value, Error> {
    AREAS
        .iter()
        .find_map(|(dispatch, _)| dispatch(ctx, name, args.clone()))
        .unwrap_or_else(|| Err(Error::NotFound(format!("没有名为“{name}”的操作。"))))
}

/// Every command [`call`] knows.
pub fn names() -> impl Iterator<Item = &'static str> {
    AREAS.iter().flat_map(|(_, names)| names.iter().copied())
}

/// A command's arguments from JSON; a request that does not fit is refused
/// in words, not with serde's message.
fn arguments<T: DeserializeOwned>(name: &str, args: serde_json::Value) -> Result<T, Error> {
    let args = match args {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        args => args,
    };
    serde_json::from_value(args).map_err(|e| {
        Error::invalid(
            "args",
            format!("操作“{name}”的参数不对，无法执行（{e}）。请刷新页面后重试。"),
        )
    })
}

fn answer<T: Serialize>(value: T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::invalid("result", format!("无法传回结果：{e}")))
}

#[cfg(test)]
mod tests;
