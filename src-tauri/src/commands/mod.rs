//! The window's commands, one file per area; each a one-liner into the core.

pub mod app;
pub mod catalog;
pub mod circulation;
pub mod labels;
pub mod people;
pub mod reports;
pub mod sharing;
pub mod stocktake;
pub mod training;
