//! The window's commands, one file per area; each a one-liner into the core.

pub mod app;
pub mod catalog;
pub mod people;
