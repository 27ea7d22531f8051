//! The command layer: what a view may ask of the core, stated once, and the
//! one boundary every request passes (DESIGN.md, "Who may do and see what").
//!
//! Each command is a function of one request context, [`Ctx`] — the
//! database and who acts, read fresh from the database for a signed-in
//! operator or reader — and its arguments. The table that states it also
//! says what it may touch ([`Access`]): [`call`] refuses a command the
//! actor's role may not run before it runs, and passes every answer through
//! [`Ctx::reveal`], which takes out what the actor may not see (phone
//! numbers, paths on the host's disk). The desktop window's shell and the
//! intranet host are two thin transports over the same functions, so a
//! view works the same over either.
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
/// with its arguments as JSON, and `COMMANDS`, what each is (its name,
/// arguments and access). Each command is preceded by its access: `read`,
/// `see(Entity)` or `write(Entity)`.
macro_rules! commands {
    ($(
        $(#[$meta:meta])*
        $access:ident $(($entity:ident))? fn $name:ident($ctx:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        $(
            $(#[$meta])*
            pub fn $name($ctx: &$crate::Ctx $(, $arg: $ty)*) -> Result<$ret, shuxiang_core::Error>
                $body
        )*

        /// Runs the command `name` with its arguments as JSON; `None` when
        /// this area has no such command. The caller has checked the access.
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
        pub(crate) const COMMANDS: &[$crate::Command] = &[$(
            $crate::Command {
                name: stringify!($name),
                args: &[$(stringify!($arg)),*],
                access: access!($access $(($entity))?),
                kind: $crate::Kind::Data,
            }
        ),*];
    };
}

/// A command's access as the tables write it.
macro_rules! access {
    (read) => {
        $crate::Access::Read
    };
    (see($entity:ident)) => {
        $crate::Access::See(shuxiang_core::Entity::$entity)
    };
    (write($entity:ident)) => {
        $crate::Access::Write(shuxiang_core::Entity::$entity)
    };
}

pub mod acquisitions;
pub mod audit;
pub mod backup;
mod boundary;
pub mod calendar;
pub mod catalog;
pub mod circulation;
pub mod demo;
pub mod files;
pub mod labels;
pub mod operators;
pub mod participation;
pub mod people;
pub mod reports;
pub mod serials;
pub mod sharing;
mod sign_in;
pub mod stocktake;
mod throttle;
pub mod training;

pub use boundary::{Access, Command, Kind};
pub use sign_in::{Doorkeeper, change_reader_pin, sign_in_operator, sign_in_reader};
pub use throttle::Throttle;

/// One request: the database and who acts. The window makes one per call
/// from its login, the host from the operator's or reader's session; both
/// read the account as it is now.
pub struct Ctx {
    db: Arc<Db>,
    actor: Actor,
}

impl Ctx {
    /// A request by an actor that needs no sign-in: the command line, the
    /// window of a PC without operator accounts, the app itself.
    pub fn new(db: Arc<Db>, actor: Actor) -> Ctx {
        Ctx { db, actor }
    }

    /// A request by a signed-in operator, as their account is now: refused
    /// (`unauthenticated`) when it was deactivated, given another role or a
    /// new password since they signed in. `client` is the address of the
    /// computer they work at, when it is not this one.
    pub fn operator(
        db: Arc<Db>,
        session: shuxiang_core::operators::SignedIn,
        client: Option<String>,
    ) -> Result<Ctx, Error> {
        let actor = shuxiang_core::operators::current(&db, session, client.as_deref())?;
        Ok(Ctx { db, actor })
    }

    /// A request by a reader signed in on the intranet pages, as they are
    /// now: refused when their PIN changed or was cleared, or they were
    /// deactivated, since.
    pub fn reader(
        db: Arc<Db>,
        session: shuxiang_core::people::ReaderSignedIn,
        client: Option<String>,
    ) -> Result<Ctx, Error> {
        let person = shuxiang_core::people::current_reader(&db, session)?;
        let actor = Actor::Reader {
            person_id: person.id,
            name: person.name,
            client,
        };
        Ok(Ctx { db, actor })
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }
}

type Dispatch = fn(&Ctx, &str, serde_json::Value) -> Option<Result<serde_json::Value, Error>>;

const AREAS: &[(Dispatch, &[Command])] = &[
    (acquisitions::dispatch, acquisitions::COMMANDS),
    (audit::dispatch, audit::COMMANDS),
    (backup::dispatch, backup::COMMANDS),
    (calendar::dispatch, calendar::COMMANDS),
    (catalog::dispatch, catalog::COMMANDS),
    (circulation::dispatch, circulation::COMMANDS),
    (demo::dispatch, demo::COMMANDS),
    (labels::dispatch, labels::COMMANDS),
    (operators::dispatch, operators::COMMANDS),
    (participation::dispatch, participation::COMMANDS),
    (people::dispatch, people::COMMANDS),
    (reports::dispatch, reports::COMMANDS),
    (serials::dispatch, serials::COMMANDS),
    (sharing::dispatch, sharing::COMMANDS),
    (stocktake::dispatch, stocktake::COMMANDS),
    (training::dispatch, training::COMMANDS),
];

/// Runs the command `name` with `args` (a JSON object of its arguments,
/// camelCase keys; `null` for none): refused before it runs when the
/// actor may not, and answered with its result as JSON as the actor may
/// see it.
pub fn call(ctx: &Ctx, name: &str, args: serde_json::Value) -> Result<serde_json::Value, Error> {
    let (dispatch, command) = AREAS
        .iter()
        .find_map(|(dispatch, commands)| {
            commands
                .iter()
                .find(|c| c.name == name)
                .map(|c| (dispatch, c))
        })
        .ok_or_else(|| Error::NotFound(format!("没有名为“{name}”的操作。")))?;
    ctx.allow(command.access)?;
    let answer =
        dispatch(ctx, name, args).expect("the area of a command in its table answers it")?;
    Ok(ctx.reveal(answer))
}

impl Ctx {
    /// Refuses, before anything of the request is read, a command this
    /// request's actor may not run (the host checks this ahead of a body of
    /// up to 200 MB); an unknown command is not found.
    pub fn allow_command(&self, name: &str) -> Result<(), Error> {
        let command = commands()
            .find(|c| c.name == name)
            .ok_or_else(|| Error::NotFound(format!("没有名为“{name}”的操作。")))?;
        self.allow(command.access)
    }
}

/// Every command [`call`] knows, exports and imports included.
pub fn commands() -> impl Iterator<Item = &'static Command> {
    AREAS
        .iter()
        .flat_map(|(_, commands)| commands.iter())
        .chain(files::EXPORTS)
        .chain(files::IMPORTS)
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
            format!(
                "操作“{name}”的参数不对（{}），无法执行。请刷新页面后重试。",
                args_fault(&e.to_string())
            ),
        )
    })
}

/// What is wrong with a request's arguments, in words: serde's message
/// names a field in backticks, the rest of it is English.
fn args_fault(serde: &str) -> String {
    let field = serde.split('`').nth(1).unwrap_or("");
    if serde.starts_with("missing field") {
        format!("缺少 {field}")
    } else if serde.starts_with("unknown field") {
        format!("多了不认识的 {field}")
    } else if serde.starts_with("invalid type") || serde.starts_with("invalid length") {
        "有参数的类型不对".to_owned()
    } else {
        "有参数的值不对".to_owned()
    }
}

fn answer<T: Serialize>(value: T) -> Result<serde_json::Value, Error> {
    serde_json::to_value(value).map_err(|e| Error::invalid("result", format!("无法传回结果：{e}")))
}

#[cfg(test)]
mod tests;
