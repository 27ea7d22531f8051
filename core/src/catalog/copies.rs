//! Copies (册): finding them by barcode, adding them with scanned or
//! generated barcodes, and the numbering those barcodes follow. Their SQL
//! is in the store.

use rusqlite::Connection;

use super::store::copies as store;
use super::{Copy, CopyStatus, NewCopies, normalize_barcode};
use crate::db::WriteTx;
use crate::error::{Error, Result};

/// The most copies one form (or one row of a list) adds at once.
pub const MAX_COPIES_AT_ONCE: u32 = 500;

/// The copy with this barcode (as scanned: folded, upper-cased).
pub fn find_copy_by_barcode(conn: &Connection, barcode: &str) -> Result<Option<Copy>> {
    let Ok(code) = normalize_barcode(barcode) else {
        return Ok(None);
    };
    store::copy_by_barcode(conn, &code)
}

pub(crate) use store::barcode_taken;
pub(crate) use store::{get_copy, list_copies_by_title, set_copy_status};

/// How generated copy barcodes are numbered: `SX` + `000001`, `000002`, …
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BarcodeNumbering {
    pub prefix: String,
    pub next: u64,
}

/// The current numbering of generated barcodes.
pub fn barcode_numbering(conn: &Connection) -> Result<BarcodeNumbering> {
    Ok(BarcodeNumbering {
        prefix: crate::settings::get(conn, "copy_barcode_prefix")?.unwrap_or_else(|| "SX".into()),
        next: crate::settings::get(conn, "copy_barcode_next")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(1),
    })
}

/// Sets the numbering of generated barcodes (e.g. to match labels already
/// printed): a prefix of up to 10 letters, digits or `-`, and the next number.
pub fn set_barcode_numbering(
    tx: &WriteTx<'_>,
    numbering: &BarcodeNumbering,
) -> Result<BarcodeNumbering> {
    let prefix = crate::text::fold_width(&numbering.prefix)
        .trim()
        .to_ascii_uppercase();
    if prefix.len() > 10
        || !prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(Error::invalid(
            "prefix",
            "条码前缀只能包含字母、数字和“-”，最多 10 位。",
        ));
    }
    if numbering.next == 0 || numbering.next > 999_999_999 {
        return Err(Error::invalid(
            "next",
            "起始编号应为 1 到 999999999 之间的整数。",
        ));
    }
    crate::settings::put(tx, "copy_barcode_prefix", &prefix)?;
    crate::settings::put(tx, "copy_barcode_next", &numbering.next.to_string())?;
    tx.audit(
        crate::Action::Update,
        crate::Entity::Settings,
        None,
        &format!("条码编号改为 {prefix}{:06} 起", numbering.next),
    )?;
    Ok(BarcodeNumbering {
        prefix,
        next: numbering.next,
    })
}

/// The next `n` free barcodes from the configured prefix and sequence, none
/// of them among `given`.
fn generate_barcodes(tx: &WriteTx<'_>, n: u32, given: &[String]) -> Result<Vec<String>> {
    let mut numbering = barcode_numbering(tx)?;
    let out = next_free_barcodes(tx, &mut numbering, n, given)?;
    save_barcode_next(tx, &numbering)?;
    Ok(out)
}

/// The next `n` barcodes of `numbering` that no copy has and that are not
/// among `given` (the barcodes scanned for the same new copies), `numbering`
/// moved past them (saved by the caller: an import saves it once at its end).
fn next_free_barcodes(
    conn: &Connection,
    numbering: &mut BarcodeNumbering,
    n: u32,
    given: &[String],
) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(n as usize);
    while out.len() < n as usize {
        let code = format!("{}{:06}", numbering.prefix, numbering.next);
        numbering.next += 1;
        if !given.contains(&code) && !barcode_taken(conn, &code)? {
            out.push(code);
        }
    }
    Ok(out)
}

/// Keeps where generated barcodes go on from.
pub(crate) fn save_barcode_next(tx: &WriteTx<'_>, numbering: &BarcodeNumbering) -> Result<()> {
    crate::settings::put(tx, "copy_barcode_next", &numbering.next.to_string())
}

/// Adds copies to a title: the given barcodes, then `count` generated ones.
pub fn add_copies(tx: &WriteTx<'_>, title_id: i64, new: &NewCopies) -> Result<Vec<Copy>> {
    let title = store::title_name(tx, title_id)?;
    insert_copies(tx, title_id, &title, new)
}

/// The barcodes `new` brings, normalised and each checked free: refused when
/// one is given twice, or is already in the catalogue (the message then ends
/// with `taken`), or when too many copies are asked for.
pub(crate) fn check_new_barcodes(
    conn: &Connection,
    new: &NewCopies,
    taken: &str,
) -> Result<Vec<String>> {
    if new.count > MAX_COPIES_AT_ONCE {
        return Err(Error::invalid(
            "count",
            format!("一次最多添加 {MAX_COPIES_AT_ONCE} 册。"),
        ));
    }
    let mut barcodes = Vec::with_capacity(new.barcodes.len());
    for b in &new.barcodes {
        let code = normalize_barcode(b)?;
        if barcodes.contains(&code) {
            return Err(Error::conflict_on(
                "barcode",
                format!("条码 {code} 填了两次，请换一个条码。"),
            ));
        }
        if barcode_taken(conn, &code)? {
            return Err(Error::conflict_on(
                "barcode",
                format!("条码 {code} 已被使用{taken}"),
            ));
        }
        barcodes.push(code);
    }
    Ok(barcodes)
}

/// Adds copies to a title: the given barcodes (checked), then `new.count`
/// generated ones; one audit entry names them all.
pub(crate) fn insert_copies(
    tx: &WriteTx<'_>,
    title_id: i64,
    title: &str,
    new: &NewCopies,
) -> Result<Vec<Copy>> {
    let barcodes = check_new_barcodes(tx, new, "，请换一个条码。")?;
    insert_checked_copies(tx, title_id, title, barcodes, new, None)
}

/// [`insert_copies`] with `barcodes` already through [`check_new_barcodes`].
/// Generated barcodes follow `numbering` when given (the caller saves it),
/// else the stored numbering.
pub(crate) fn insert_checked_copies(
    tx: &WriteTx<'_>,
    title_id: i64,
    title: &str,
    mut barcodes: Vec<String>,
    new: &NewCopies,
    numbering: Option<&mut BarcodeNumbering>,
) -> Result<Vec<Copy>> {
    if new.count > 0 {
        let generated = match numbering {
            Some(numbering) => next_free_barcodes(tx, numbering, new.count, &barcodes)?,
            None => generate_barcodes(tx, new.count, &barcodes)?,
        };
        barcodes.extend(generated);
    }
    if barcodes.is_empty() {
        return Ok(Vec::new());
    }
    let location = crate::text::non_empty(new.location.as_deref());
    let mut copies = Vec::with_capacity(barcodes.len());
    for code in barcodes {
        let id = store::insert_copy(
            tx,
            title_id,
            &code,
            location.as_deref(),
            new.acquired_on.as_deref(),
        )?;
        copies.push(Copy {
            id,
            title_id,
            barcode: code,
            location: location.clone(),
            status: CopyStatus::OnShelf,
            acquired_on: new.acquired_on.clone(),
            note: None,
            volume: None,
        });
    }
    let codes: Vec<&str> = copies.iter().map(|c| c.barcode.as_str()).collect();
    tx.audit(
        crate::Action::AddCopies,
        crate::Entity::Title,
        Some(title_id),
        &format!("《{title}》添加 {} 册：{}", codes.len(), codes.join("、")),
    )?;
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use crate::catalog::{NewCopies, NewTitle, create_title};
    use crate::{Actor, Db};

    #[test]
    fn barcode_numbering_can_be_set_to_match_printed_labels() {
        use super::{BarcodeNumbering, set_barcode_numbering};
        let db = Db::open_in_memory().unwrap();
        let wanted = BarcodeNumbering {
            prefix: "ｙｌｓ".into(),
            next: 120,
        };
        let set = db
            .write(&Actor::Desktop, |tx| set_barcode_numbering(tx, &wanted))
            .unwrap();
        assert_eq!(set.prefix, "YLS", "full-width and lower case folded");
        let t = create_title(
            &db,
            &Actor::Desktop,
            &NewTitle {
                title: "书".into(),
                ..Default::default()
            },
            &NewCopies {
                count: 2,
                ..Default::default()
            },
        )
        .unwrap();
        let codes: Vec<_> = crate::catalog::title_detail(&db, t.id)
            .unwrap()
            .copies
            .into_iter()
            .map(|c| c.barcode)
            .collect();
        assert_eq!(codes, ["YLS000120", "YLS000121"]);
        let bad = BarcodeNumbering {
            prefix: "书香".into(),
            next: 1,
        };
        assert_eq!(
            db.write(&Actor::Desktop, |tx| set_barcode_numbering(tx, &bad))
                .unwrap_err()
                .field(),
            Some("prefix")
        );
    }

    #[test]
    fn generated_barcodes_skip_ones_already_taken() {
        let db = Db::open_in_memory().unwrap();
        let taken = NewCopies {
            barcodes: vec!["sx000002".into()],
            ..Default::default()
        };
        let first = create_title(
            &db,
            &Actor::CommandLine,
            &NewTitle {
                title: "甲".into(),
                ..Default::default()
            },
            &taken,
        )
        .unwrap();
        let copies = crate::catalog::add_title_copies(
            &db,
            &Actor::CommandLine,
            first.id,
            &NewCopies {
                count: 2,
                ..Default::default()
            },
        )
        .unwrap();
        let codes: Vec<_> = copies.iter().map(|c| c.barcode.as_str()).collect();
        assert_eq!(
            codes,
            ["SX000001", "SX000003"],
            "SX000002 was scanned in by hand"
        );
    }

    #[test]
    fn a_barcode_given_twice_or_already_used_is_refused_with_the_reason() {
        let db = Db::open_in_memory().unwrap();
        let new = |codes: &[&str]| NewCopies {
            barcodes: codes.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        };
        let t = create_title(
            &db,
            &Actor::Desktop,
            &NewTitle {
                title: "书".into(),
                ..Default::default()
            },
            &new(&["A1"]),
        )
        .unwrap();
        let add = |codes: &[&str]| {
            db.write(&Actor::Desktop, |tx| {
                super::add_copies(tx, t.id, &new(codes))
            })
            .unwrap_err()
            .to_string()
        };
        assert!(
            add(&["B1", "b1"]).contains("B1 填了两次"),
            "{}",
            add(&["B1", "b1"])
        );
        assert!(add(&["a1"]).contains("A1 已被使用，请换一个条码"));
    }
}
