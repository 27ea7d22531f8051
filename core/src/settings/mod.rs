//! Small settings of every area (key and value): the loan desk's, the
//! barcode numbering, the backup folder and password, the label printer,
//! the completion threshold, the first-start mark. Each area names its keys;
//! this module owns the table.

mod store;

use crate::db::WriteTx;
use crate::error::Result;

/// A setting, when set.
pub(crate) fn get(conn: &rusqlite::Connection, key: &str) -> Result<Option<String>> {
    store::get(conn, key)
}

/// Sets a setting on a file being restored (no action of the app yet).
pub(crate) fn put_on(conn: &rusqlite::Connection, key: &str, value: &str) -> Result<()> {
    store::put_on(conn, key, value)
}

/// Sets a setting, inside the caller's action.
pub(crate) fn put(tx: &WriteTx<'_>, key: &str, value: &str) -> Result<()> {
    store::put(tx, key, value)
}

/// Sets a setting for a person who may change `entity`, and logs what it
/// now says.
pub(crate) fn put_audited(
    tx: &WriteTx<'_>,
    entity: crate::Entity,
    key: &str,
    value: &str,
    summary: &str,
) -> Result<()> {
    // Checked first: nothing is written for someone who may not write it.
    tx.actor().require(entity)?;
    store::put(tx, key, value)?;
    tx.audit(crate::Action::Update, entity, None, summary)
}
