//! The boundary's two rules about a request, decided here for every
//! command of every transport: whether its actor may run it at all
//! ([`Ctx::allow`], from the command's declared [`Access`]), and what of its
//! answer they may see ([`Ctx::reveal`]).

use serde::Serialize;
use serde_json::Value;
use shuxiang_core::{Actor, Entity, Error};

use crate::Ctx;

/// What a command touches, as its table declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "access", content = "entity", rename_all = "snake_case")]
pub enum Access {
    /// Answered before anyone signs in: the window's start, its login, its
    /// link to a host (nothing of the data in it).
    Open,
    /// Reads what every signed-in operator may read.
    Read,
    /// Reads records only some roles may look at (the log, backups,
    /// operators' accounts).
    See(Entity),
    /// Changes records of this kind.
    Write(Entity),
}

/// How a command travels from the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Arguments in, an answer out, by name through [`crate::call`].
    Data,
    /// Writes a file for the user ([`crate::files::export`]).
    Export,
    /// Takes in a file's bytes ([`crate::files::import`]).
    Import,
    /// Answered by the window's shell itself (its disk, its login, its data
    /// folder); declared by the shell.
    Window,
}

/// One command as the UI may call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Command {
    pub name: &'static str,
    /// Its arguments' names, as the Rust function has them (snake_case; the
    /// UI sends them in camelCase).
    pub args: &'static [&'static str],
    #[serde(flatten)]
    pub access: Access,
    pub kind: Kind,
}

impl Command {
    /// The argument names as the UI sends them (camelCase).
    pub fn js_args(&self) -> Vec<String> {
        self.args.iter().map(|a| camel_case(a)).collect()
    }
}

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Keys whose values are people's phone numbers, in any answer.
const PHONE_KEYS: &[&str] = &["phone"];
/// Keys whose values are paths on the disk of the computer holding the
/// data: nothing a caller at another computer needs, or may see.
const PATH_KEYS: &[&str] = &["path", "dir", "saved_to", "previous_data_saved_to"];

impl Ctx {
    /// Refuses, before it runs, a command this request's actor may not run.
    pub fn allow(&self, access: Access) -> Result<(), Error> {
        // Readers act through the readers' pages and API, each a core
        // function that takes their own id; no command is theirs.
        if let Actor::Reader { .. } = self.actor() {
            return Err(Error::Forbidden(
                "读者只能在读者页面上查看目录和办理自己的事项。".into(),
            ));
        }
        match access {
            Access::Open => Ok(()),
            Access::Read => match self.actor() {
                Actor::Reader { .. } => {
                    Err(Error::Forbidden("读者只能查看目录和自己的记录。".into()))
                }
                _ => Ok(()),
            },
            Access::See(entity) => self.actor().require_sight(entity),
            Access::Write(entity) => self.actor().require(entity),
        }
    }

    /// Whether the request came from another computer (an operator at
    /// another PC, a reader's browser).
    pub fn is_remote(&self) -> bool {
        self.actor().client().is_some()
    }

    /// An answer as this request's actor may see it, whatever type carried
    /// it: phone numbers only for roles that call readers; paths on this
    /// computer's disk (by key, or any string that is one) for nobody at
    /// another.
    pub fn reveal(&self, mut answer: Value) -> Value {
        let phones = self.actor().sees_phones();
        let paths = !self.is_remote();
        if !(phones && paths) {
            hide(&mut answer, phones, paths);
        }
        answer
    }
}

/// A path on this computer's disk given as a bare string (a folder an
/// answer names): `/…/…`, `C:\…`, `\\server\…`.
fn looks_like_a_path(text: &str) -> bool {
    let b = text.as_bytes();
    (text.starts_with('/') && text[1..].contains('/'))
        || text.starts_with("\\\\")
        || (b.len() > 2
            && b[0].is_ascii_alphabetic()
            && b[1] == b':'
            && (b[2] == b'\\' || b[2] == b'/'))
}

fn hide(value: &mut Value, phones: bool, paths: bool) {
    if !paths
        && let Value::String(text) = value
        && looks_like_a_path(text)
    {
        *value = Value::Null;
        return;
    }
    match value {
        Value::Object(fields) => {
            for (key, field) in fields.iter_mut() {
                let hidden = (!phones && PHONE_KEYS.contains(&key.as_str()))
                    || (!paths && PATH_KEYS.contains(&key.as_str()));
                if hidden {
                    *field = Value::Null;
                } else {
                    hide(field, phones, paths);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                hide(item, phones, paths);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_names_go_to_the_ui_in_camel_case() {
        assert_eq!(camel_case("title_id"), "titleId");
        assert_eq!(camel_case("mark_missing_lost"), "markMissingLost");
        assert_eq!(camel_case("id"), "id");
    }

    #[test]
    fn phones_and_paths_are_hidden_wherever_they_sit() {
        let mut answer = serde_json::json!({
            "person": {"name": "张三", "phone": "13800000000"},
            "candidates": [{"phone": "010-1"}, {"phone": null}],
            "path": "/home/librarian/书香导出/a.xlsx",
            "titles": 3,
        });
        hide(&mut answer, false, false);
        assert_eq!(answer["person"]["phone"], Value::Null);
        assert_eq!(answer["person"]["name"], "张三");
        assert_eq!(answer["candidates"][0]["phone"], Value::Null);
        assert_eq!(answer["path"], Value::Null);
        assert_eq!(answer["titles"], 3);
        let mut kept = serde_json::json!({"phone": "1", "path": "p"});
        hide(&mut kept, true, false);
        assert_eq!(kept, serde_json::json!({"phone": "1", "path": null}));
    }
}
