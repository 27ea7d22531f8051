//! Shuxiang's core: the domain of an office reading room, its reading-share
//! sessions and deputy training, and the SQLite store that keeps it. No
//! Tauri, no UI: the desktop shell and the `shuxiang` command both sit on this.

pub mod about;
pub mod acquisitions;
pub mod audit;
pub mod backup;
pub mod calendar;
pub mod catalog;
pub mod circulation;
pub mod clock;
pub mod db;
pub mod demo;
pub mod error;
pub mod home;
pub mod identity;
pub mod import;
pub mod labels;
pub mod operators;
pub mod paging;
pub mod participation;
pub mod people;
pub mod reports;
pub mod schema;
pub mod serials;
pub(crate) mod settings;
pub mod sharing;
pub mod stocktake;
pub mod text;
pub mod training;
pub mod vocabulary;

pub use audit::{Action, Actor};
pub use clock::Clock;
pub use db::{Db, WriteTx};
pub use error::{Error, Result};
pub use identity::{Area, Entity, Role};
