//! Labels and cards for the label printer's A4 sheets: Code 128 barcode
//! labels and spine labels for copies, and borrower cards (借书证). The core
//! encodes the bars (with the `barcoders` crate) and gathers the text; the
//! window lays them out on the chosen sheet and prints.

mod store;

use serde::{Deserialize, Serialize};

use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};

/// At most this many labels in one print job.
pub const MAX_LABELS: usize = 2000;

/// The Code 128 modules of `text`, 1 = bar, 0 = space, from the start
/// symbol to the stop pattern (quiet zones are the layout's job). Digit runs
/// are packed in code set C, everything else is code set B.
pub fn code128(text: &str) -> Result<Vec<u8>> {
    if text.is_empty() || !text.chars().all(|c| (' '..='~').contains(&c)) {
        return Err(Error::invalid(
            "barcode",
            format!("“{text}”含有条码无法表示的字符（只能用字母、数字和常用符号）。"),
        ));
    }
    let marked = with_code_sets(text);
    let code = barcoders::sym::code128::Code128::new(&marked)
        .map_err(|e| Error::invalid("barcode", format!("无法为“{text}”生成条码：{e}")))?;
    Ok(code.encode())
}

/// Marks where code sets change, in the notation `barcoders` reads:
/// `Ć` set C (digit pairs), `Ɓ` set B (printable ASCII).
fn with_code_sets(text: &str) -> String {
    const B: char = 'Ɓ';
    const C: char = 'Ć';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 4);
    let mut set = None;
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let at_start = i == 0;
        let at_end = i + run == chars.len();
        // Set C pays off for 4+ digits at either end, 6+ in the middle.
        let worth_c =
            run >= 4 && (at_start || at_end) || run >= 6 || (at_start && at_end && run >= 2);
        if worth_c {
            // An odd run keeps its first digit in set B.
            let lead = run % 2;
            if lead == 1 {
                if set != Some(B) {
                    out.push(B);
                    set = Some(B);
                }
                out.push(chars[i]);
            }
            if set != Some(C) {
                out.push(C);
                set = Some(C);
            }
            out.extend(&chars[i + lead..i + run]);
            i += run;
        } else {
            if set != Some(B) {
                out.push(B);
                set = Some(B);
            }
            let n = run.max(1);
            out.extend(&chars[i..i + n]);
            i += n;
        }
    }
    out
}

/// The bars as text (`1101…`), the form the window draws.
fn bars(text: &str) -> Result<String> {
    Ok(code128(text)?
        .into_iter()
        .map(|m| if m == 1 { '1' } else { '0' })
        .collect())
}

/// Which copies to print labels for: chosen copies, every copy of chosen
/// titles, and/or a barcode range (`SX000001`–`SX000100`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabelSelection {
    pub copy_ids: Vec<i64>,
    pub title_ids: Vec<i64>,
    pub barcode_from: Option<String>,
    pub barcode_to: Option<String>,
}

/// One copy's barcode and spine label.
#[derive(Debug, Clone, Serialize)]
pub struct CopyLabel {
    pub copy_id: i64,
    pub barcode: String,
    /// Code 128 modules, `1` bar, `0` space.
    pub bars: String,
    pub title: String,
    pub call_number: Option<String>,
    /// The call number as the spine shows it: class, then 种次号.
    pub spine_lines: Vec<String>,
    pub location: Option<String>,
}

/// One borrower card (借书证).
#[derive(Debug, Clone, Serialize)]
pub struct CardLabel {
    pub person_id: i64,
    pub name: String,
    /// 机关干部 / 人大代表
    pub kind_label: String,
    /// Department, or delegation and professional group.
    pub unit: String,
    pub card_barcode: String,
    pub bars: String,
}

/// How the office printer is calibrated and which sheet it last used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrintSetup {
    /// The sheet layout preset the window offers (its id).
    pub preset: String,
    /// Millimetres to shift everything right / down (negative: left / up).
    pub offset_x_mm: f64,
    pub offset_y_mm: f64,
    /// Scale in percent (printers that shrink "to fit": 100 = none).
    pub scale_percent: f64,
}

impl Default for PrintSetup {
    fn default() -> Self {
        PrintSetup {
            preset: "a4-3x8".into(),
            offset_x_mm: 0.0,
            offset_y_mm: 0.0,
            scale_percent: 100.0,
        }
    }
}

/// Splits a call number for a spine label: `D62/15` → `D62`, `15`; a long
/// class number breaks after its point: `F812.745/3` → `F812.`, `745`, `3`.
pub fn spine_lines(call_number: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let (class, seq) = match call_number.split_once('/') {
        Some((c, s)) => (c.trim(), Some(s.trim())),
        None => (call_number.trim(), None),
    };
    match class.split_once('.') {
        Some((head, tail)) if class.len() > 7 => {
            lines.push(format!("{head}."));
            lines.push(tail.to_owned());
        }
        _ => lines.push(class.to_owned()),
    }
    if let Some(seq) = seq.filter(|s| !s.is_empty()) {
        lines.push(seq.to_owned());
    }
    lines.retain(|l| !l.is_empty());
    lines
}

/// The labels of the chosen copies, in shelf order.
pub fn copy_labels(db: &Db, selection: &LabelSelection) -> Result<Vec<CopyLabel>> {
    let range = match (&selection.barcode_from, &selection.barcode_to) {
        (Some(from), Some(to)) if !from.trim().is_empty() || !to.trim().is_empty() => {
            let from = crate::catalog::normalize_barcode(from)?;
            let to = crate::catalog::normalize_barcode(to)?;
            if from.len() != to.len() || from > to {
                return Err(Error::invalid(
                    "barcode_to",
                    "条码范围应首尾等长、起始不大于结束，例如 SX000001 到 SX000100。",
                ));
            }
            Some((from, to))
        }
        _ => None,
    };
    let rows = db.read(|tx| store::list_label_copies(tx, selection, range.as_ref()))?;
    if rows.len() > MAX_LABELS {
        return Err(Error::invalid(
            "selection",
            format!("一次最多打印 {MAX_LABELS} 张标签，请缩小范围。"),
        ));
    }
    rows.into_iter()
        .map(|r| {
            Ok(CopyLabel {
                bars: bars(&r.barcode)?,
                spine_lines: r
                    .call_number
                    .as_deref()
                    .map(spine_lines)
                    .unwrap_or_default(),
                copy_id: r.copy_id,
                barcode: r.barcode,
                title: r.title,
                call_number: r.call_number,
                location: r.location,
            })
        })
        .collect()
}

/// Borrower cards for the chosen people (those without a card barcode are
/// left out: a card needs a number to scan).
pub fn card_labels(db: &Db, person_ids: &[i64]) -> Result<Vec<CardLabel>> {
    if person_ids.len() > MAX_LABELS {
        return Err(Error::invalid(
            "selection",
            format!("一次最多打印 {MAX_LABELS} 张借书证。"),
        ));
    }
    let people = db.read(|tx| {
        person_ids
            .iter()
            .map(|id| crate::people::store::get_person(tx, *id))
            .collect::<Result<Vec<_>>>()
    })?;
    people
        .into_iter()
        .filter_map(|p| {
            let card = p.card_barcode.clone()?;
            let unit = match p.kind {
                crate::people::PersonKind::Staff => p.department.clone().unwrap_or_default(),
                crate::people::PersonKind::Deputy => {
                    [p.delegation.clone(), p.professional_group.clone()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" · ")
                }
            };
            Some(bars(&card).map(|bars| CardLabel {
                person_id: p.id,
                kind_label: p.kind.label().to_owned(),
                name: p.name,
                unit,
                card_barcode: card,
                bars,
            }))
        })
        .collect()
}

/// Borrower cards for everyone a people query matches (a department, a
/// group, everyone active), page by page up to [`MAX_LABELS`].
pub fn card_labels_matching(db: &Db, query: &crate::people::PeopleQuery) -> Result<Vec<CardLabel>> {
    let mut ids = Vec::new();
    let mut q = query.clone();
    q.offset = 0;
    q.limit = Some(200);
    loop {
        let page = crate::people::list_people(db, &q)?;
        let n = page.items.len();
        ids.extend(
            page.items
                .into_iter()
                .filter(|p| p.card_barcode.is_some())
                .map(|p| p.id),
        );
        if n < 200 || ids.len() > MAX_LABELS {
            break;
        }
        q.offset += 200;
    }
    card_labels(db, &ids)
}

/// The saved print setup.
pub fn print_setup(db: &Db) -> Result<PrintSetup> {
    db.read(|tx| {
        Ok(crate::settings::get(tx, "label_print_setup")?
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    })
}

/// Saves the print setup (after a test print), as one action.
pub fn save_print_setup(db: &Db, actor: &crate::Actor, setup: &PrintSetup) -> Result<PrintSetup> {
    if !(-30.0..=30.0).contains(&setup.offset_x_mm) || !(-30.0..=30.0).contains(&setup.offset_y_mm)
    {
        return Err(Error::invalid(
            "offset_x_mm",
            "偏移应在 -30 到 30 毫米之间。",
        ));
    }
    if !(50.0..=150.0).contains(&setup.scale_percent) {
        return Err(Error::invalid(
            "scale_percent",
            "缩放应在 50% 到 150% 之间。",
        ));
    }
    if setup.preset.is_empty() || setup.preset.len() > 40 {
        return Err(Error::invalid("preset", "请选择标签纸规格。"));
    }
    db.write(actor, |tx: &mut WriteTx<'_>| {
        crate::settings::put_audited(
            tx,
            crate::Entity::Labels,
            "label_print_setup",
            &serde_json::to_string(setup).expect("setup serialises"),
            &format!(
                "标签打印校准：{}，偏移 {:.1}/{:.1} 毫米，缩放 {:.0}%",
                setup.preset, setup.offset_x_mm, setup.offset_y_mm, setup.scale_percent
            ),
        )?;
        Ok(setup.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_sets_pack_digit_runs() {
        assert_eq!(with_code_sets("SX000123"), "ƁSXĆ000123");
        assert_eq!(with_code_sets("123456"), "Ć123456");
        assert_eq!(with_code_sets("12345"), "Ɓ1Ć2345");
        assert_eq!(with_code_sets("7"), "Ɓ7");
        assert_eq!(with_code_sets("AB12CD"), "ƁAB12CD");
        assert_eq!(with_code_sets("A-1234567-B"), "ƁA-1Ć234567Ɓ-B");
        assert_eq!(with_code_sets("C001"), "ƁC001");
    }

    #[test]
    fn text_a_barcode_cannot_hold_is_refused() {
        assert_eq!(code128("书香").unwrap_err().code(), "invalid");
        assert_eq!(code128("").unwrap_err().code(), "invalid");
    }

    #[test]
    fn spine_lines_split_class_and_sequence() {
        assert_eq!(spine_lines("D62/15"), ["D62", "15"]);
        assert_eq!(spine_lines("F812.745/3"), ["F812.", "745", "3"]);
        assert_eq!(spine_lines("I247.5"), ["I247.5"]);
    }
}
