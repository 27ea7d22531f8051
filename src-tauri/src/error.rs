//! Errors as the UI receives them: `{code, message, field}`, the message in
//! Chinese and fit to show.

use serde::Serialize;
use shuxiang_core::Error;

/// A failed command.
#[derive(Debug, Serialize)]
pub struct CommandError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<Error> for CommandError {
    fn from(e: Error) -> Self {
        CommandError {
            code: e.code(),
            field: e.field().map(str::to_owned),
            message: e.to_string(),
        }
    }
}
