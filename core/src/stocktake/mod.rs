//! Stocktaking (盘点): a stocktake freezes the copies it expects when it
//! starts (all shelves or chosen locations); scans mark them seen, shelf by
//! shelf; the report lists what is missing, on the wrong shelf, unexpected,
//! or on loan yet on the shelf. It lives in the database, so it can be left
//! and resumed across restarts; finishing can mark the missing copies 遗失.

mod export;
mod store;

pub use export::*;

pub(crate) use store::{get_stocktake, list_expected, list_locations, list_stocktakes};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::catalog::{CopyStatus, find_copy_by_barcode, normalize_barcode, set_copy_status};
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};

/// Where a stocktake stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StocktakeStatus {
    Open,
    Finished,
    Cancelled,
}

impl StocktakeStatus {
    pub fn code(self) -> &'static str {
        match self {
            StocktakeStatus::Open => "open",
            StocktakeStatus::Finished => "finished",
            StocktakeStatus::Cancelled => "cancelled",
        }
    }

    fn from_code(code: &str) -> StocktakeStatus {
        match code {
            "finished" => StocktakeStatus::Finished,
            "cancelled" => StocktakeStatus::Cancelled,
            _ => StocktakeStatus::Open,
        }
    }
}

/// A stocktake with its progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stocktake {
    pub id: i64,
    pub name: String,
    /// The locations covered; `None` = all shelves.
    pub locations: Option<Vec<String>>,
    pub status: StocktakeStatus,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub marked_lost: i64,
    /// Copies frozen as expected at the start.
    pub expected: i64,
    /// Copies scanned so far (expected or not).
    pub seen: i64,
}

/// One copy in a stocktake.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StocktakeItem {
    pub copy_id: i64,
    pub barcode: String,
    pub title_id: i64,
    pub title: String,
    pub call_number: Option<String>,
    /// Frozen at the start (false: scanned although not expected).
    pub expected: bool,
    pub expected_location: Option<String>,
    pub expected_status: String,
    pub seen_at: Option<String>,
    pub seen_location: Option<String>,
    pub status_when_seen: Option<String>,
    pub status_now: String,
}

/// What a scan during a stocktake found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanFinding {
    /// Expected here, and here.
    Expected,
    /// Scanned before in this stocktake.
    AlreadySeen,
    /// Expected, but filed under another location.
    Misplaced,
    /// Not expected by this stocktake (another area, or lost/withdrawn).
    Unexpected,
    /// On loan according to the records, yet on the shelf.
    OnLoan,
    /// Not a barcode of the catalogue.
    Unknown,
}

/// The answer to one scan.
#[derive(Debug, Clone, Serialize)]
pub struct StocktakeScan {
    pub finding: ScanFinding,
    pub barcode: String,
    pub copy_id: Option<i64>,
    pub title: Option<String>,
    pub call_number: Option<String>,
    /// Where the catalogue files it.
    pub location: Option<String>,
    pub message: String,
    pub progress: Stocktake,
}

/// The report: every list the librarian acts on.
#[derive(Debug, Clone, Serialize)]
pub struct StocktakeReport {
    pub stocktake: Stocktake,
    /// Expected, not seen, and on the shelf by the records.
    pub missing: Vec<StocktakeItem>,
    /// Seen on a different shelf than the one it is filed under.
    pub misplaced: Vec<StocktakeItem>,
    /// Scanned though not expected (another area, lost or withdrawn).
    pub unexpected: Vec<StocktakeItem>,
    /// On loan by the records when scanned on the shelf.
    pub on_loan_on_shelf: Vec<StocktakeItem>,
    /// Expected, not seen, and on loan (where they should be: not missing).
    pub out_on_loan: i64,
    /// Barcodes the catalogue does not know, with the shelf scanned on.
    pub unknown: Vec<UnknownBarcode>,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnknownBarcode {
    pub barcode: String,
    pub location: Option<String>,
}

/// Starts a stocktake over all shelves (`locations` empty) or the given
/// locations, as one action. Only one stocktake is open at a time.
pub fn start_stocktake(
    db: &Db,
    actor: &Actor,
    name: &str,
    locations: &[String],
) -> Result<Stocktake> {
    let name = crate::text::checked_text("name", "盘点名称", Some(name), 60, true)?
        .unwrap_or_else(|| format!("{} 盘点", db.clock().today()));
    let locations: Vec<String> = locations
        .iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    db.write(actor, |tx| start_in(tx, &name, &locations))
}

pub(crate) fn start_in(tx: &WriteTx<'_>, name: &str, locations: &[String]) -> Result<Stocktake> {
    {
        if let Some(open) = store::find_open_stocktake(tx)? {
            let open = get_stocktake(tx, open)?;
            return Err(Error::conflict(format!(
                "“{}”尚未结束，请先继续或结束它，再开始新的盘点。",
                open.name
            )));
        }
        let id = store::insert_stocktake(tx, name, (!locations.is_empty()).then_some(locations))?;
        let st = get_stocktake(tx, id)?;
        if st.expected == 0 {
            return Err(Error::invalid(
                "locations",
                "所选范围内没有馆藏册，请换个位置或选择全部书架。",
            ));
        }
        tx.audit(
            crate::Action::Start,
            crate::Entity::Stocktake,
            Some(id),
            &format!("开始“{}”，应盘 {} 册", st.name, st.expected),
        )?;
        Ok(st)
    }
}

fn require_open(st: &Stocktake) -> Result<()> {
    if st.status != StocktakeStatus::Open {
        return Err(Error::conflict(format!(
            "“{}”已结束，不能再扫描。",
            st.name
        )));
    }
    Ok(())
}

/// Records one scanned copy on `shelf` (the location being counted), as one
/// action, and says what it found.
pub fn scan_copy(
    db: &Db,
    actor: &Actor,
    stocktake_id: i64,
    shelf: Option<&str>,
    raw: &str,
) -> Result<StocktakeScan> {
    db.write(actor, |tx| scan_in(tx, stocktake_id, shelf, raw))
}

pub(crate) fn scan_in(
    tx: &WriteTx<'_>,
    stocktake_id: i64,
    shelf: Option<&str>,
    raw: &str,
) -> Result<StocktakeScan> {
    let shelf = shelf.map(str::trim).filter(|s| !s.is_empty());
    {
        let st = get_stocktake(tx, stocktake_id)?;
        require_open(&st)?;
        let settings = crate::circulation::desk_settings_in(tx)?;
        let code =
            crate::circulation::scan_code(raw, &settings.scanner_prefix, &settings.scanner_suffix);
        let code = normalize_barcode(&code)?;
        let Some(copy) = find_copy_by_barcode(tx, &code)? else {
            store::record_unknown(tx, stocktake_id, &code, shelf)?;
            return Ok(StocktakeScan {
                finding: ScanFinding::Unknown,
                message: format!("条码 {code} 不在馆藏中，已记入“未知条码”。"),
                barcode: code,
                copy_id: None,
                title: None,
                call_number: None,
                location: None,
                progress: get_stocktake(tx, stocktake_id)?,
            });
        };
        let title = crate::catalog::get_title(tx, copy.title_id)?;
        let before = store::find_item(tx, stocktake_id, copy.id)?;
        store::record_seen(tx, stocktake_id, copy.id, shelf, copy.status.code())?;
        let filed = copy.location.clone();
        let (finding, message) = match before {
            Some((_, true)) => (ScanFinding::AlreadySeen, "这一册已经扫描过。".to_owned()),
            _ if copy.status == CopyStatus::OnLoan => (
                ScanFinding::OnLoan,
                "记录显示此册已借出，却在架上：可以一键还书。".to_owned(),
            ),
            None | Some((false, _)) => (
                ScanFinding::Unexpected,
                match copy.status {
                    CopyStatus::Lost | CopyStatus::Withdrawn => {
                        format!("此册记录为“{}”，却在架上。", copy.status.label())
                    }
                    _ => format!(
                        "此册不在本次盘点范围（登记位置：{}）。",
                        filed.as_deref().unwrap_or("未登记")
                    ),
                },
            ),
            Some((true, false))
                if shelf.is_some() && filed.is_some() && shelf != filed.as_deref() =>
            {
                (
                    ScanFinding::Misplaced,
                    format!("错架：此册应在 {}。", filed.as_deref().unwrap_or("")),
                )
            }
            Some((true, false)) => (ScanFinding::Expected, "已盘到。".to_owned()),
        };
        Ok(StocktakeScan {
            finding,
            message,
            barcode: copy.barcode,
            copy_id: Some(copy.id),
            title: Some(title.title),
            call_number: title.call_number,
            location: filed,
            progress: get_stocktake(tx, stocktake_id)?,
        })
    }
}

fn report_in(conn: &rusqlite::Connection, stocktake_id: i64) -> Result<StocktakeReport> {
    let stocktake = get_stocktake(conn, stocktake_id)?;
    let items = store::list_items(conn, stocktake_id)?;
    let mut report = StocktakeReport {
        stocktake,
        missing: Vec::new(),
        misplaced: Vec::new(),
        unexpected: Vec::new(),
        on_loan_on_shelf: Vec::new(),
        out_on_loan: 0,
        unknown: store::list_unknown(conn, stocktake_id)?
            .into_iter()
            .map(|(barcode, location)| UnknownBarcode { barcode, location })
            .collect(),
    };
    for item in items {
        let seen = item.seen_at.is_some();
        if !seen {
            // A copy out on loan when the stocktake began is accounted for by
            // its loan, also if it came back after its shelf was counted.
            if item.expected && item.expected_status == "on_loan" {
                report.out_on_loan += 1;
            } else if item.expected {
                match item.status_now.as_str() {
                    "on_loan" => report.out_on_loan += 1,
                    // Lost copies were not expected at the start: a copy lost
                    // now was marked so by this stocktake or since; still missing.
                    "on_shelf" | "lost" => report.missing.push(item),
                    // At the repair desk or withdrawn since: accounted for.
                    _ => {}
                }
            }
            continue;
        }
        if item.status_when_seen.as_deref() == Some("on_loan") {
            report.on_loan_on_shelf.push(item.clone());
        }
        if !item.expected {
            report.unexpected.push(item);
        } else if item.seen_location.is_some()
            && item.expected_location.is_some()
            && item.seen_location != item.expected_location
        {
            report.misplaced.push(item);
        }
    }
    Ok(report)
}

/// The report of a stocktake, open or finished.
pub fn stocktake_report(db: &Db, stocktake_id: i64) -> Result<StocktakeReport> {
    db.read(|tx| report_in(tx, stocktake_id))
}

/// Ends a stocktake, as one action; with `mark_missing_lost` (after the
/// user confirmed) every missing copy is marked 遗失 with a note.
pub fn finish_stocktake(
    db: &Db,
    actor: &Actor,
    stocktake_id: i64,
    mark_missing_lost: bool,
) -> Result<StocktakeReport> {
    db.write(actor, |tx| finish_in(tx, stocktake_id, mark_missing_lost))
}

pub(crate) fn finish_in(
    tx: &WriteTx<'_>,
    stocktake_id: i64,
    mark_missing_lost: bool,
) -> Result<StocktakeReport> {
    {
        let report = report_in(tx, stocktake_id)?;
        require_open(&report.stocktake)?;
        let mut marked = 0;
        if mark_missing_lost {
            let note = format!("{}未找到", report.stocktake.name);
            for item in report.missing.iter().filter(|i| i.status_now == "on_shelf") {
                set_copy_status(tx, item.copy_id, CopyStatus::Lost, Some(&note))?;
                marked += 1;
            }
        }
        store::set_stocktake_status(tx, stocktake_id, StocktakeStatus::Finished, marked)?;
        tx.audit(
            crate::Action::Finish,
            crate::Entity::Stocktake,
            Some(stocktake_id),
            &format!(
                "结束“{}”：应盘 {}，盘到 {}，未找到 {}，错架 {}{}",
                report.stocktake.name,
                report.stocktake.expected,
                report.stocktake.seen,
                report.missing.len(),
                report.misplaced.len(),
                if marked > 0 {
                    format!("，{marked} 册标为遗失")
                } else {
                    String::new()
                }
            ),
        )?;
        report_in(tx, stocktake_id)
    }
}

/// Abandons a stocktake, as one action: nothing it saw changes any copy.
pub fn cancel_stocktake(db: &Db, actor: &Actor, stocktake_id: i64) -> Result<Stocktake> {
    db.write(actor, |tx| {
        let st = get_stocktake(tx, stocktake_id)?;
        require_open(&st)?;
        store::set_stocktake_status(tx, stocktake_id, StocktakeStatus::Cancelled, 0)?;
        tx.audit(
            crate::Action::Cancel,
            crate::Entity::Stocktake,
            Some(stocktake_id),
            &format!("放弃“{}”", st.name),
        )?;
        get_stocktake(tx, stocktake_id)
    })
}

/// Every stocktake, the latest first.
pub fn stocktakes(db: &Db) -> Result<Vec<Stocktake>> {
    db.read(|tx| list_stocktakes(tx))
}

/// The shelf locations in use, with how many copies each holds.
pub fn locations(db: &Db) -> Result<Vec<(String, i64)>> {
    db.read(|tx| list_locations(tx))
}
