//! Lists shown a page at a time.

use serde::Serialize;

/// One page of a list, with the total it was cut from.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many match (up to a cap for very broad searches, see `capped`).
    pub total: u64,
    pub offset: u32,
    pub limit: u32,
    /// Whether more match than `total` says: a broad search stops counting.
    pub capped: bool,
}
