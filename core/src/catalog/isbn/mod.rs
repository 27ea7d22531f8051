//! ISBN rules: ISBN-10 (last character may be X) or ISBN-13 beginning 978 or
//! 979, each with a valid check digit; hyphens, spaces and full-width digits
//! folded; stored as ISBN-13. Excel's damage (lost leading zeros, scientific
//! notation) is repaired only where the check digit proves the repair.

use std::fmt;

use crate::text::fold_width;

/// A valid ISBN, held as ISBN-13.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Isbn(String);

/// Why a text is not an ISBN, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsbnError(pub String);

impl fmt::Display for IsbnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How an ISBN was read from a spreadsheet cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IsbnRead {
    /// Exactly as written (after folding hyphens, spaces, width).
    Clean(Isbn),
    /// Repaired from Excel's damage; the message says how.
    Repaired(Isbn, String),
}

impl Isbn {
    /// Parses an ISBN-10 or ISBN-13 as people write it: `978-7-5097-1234-5`,
    /// `ISBN 7-5097-1234-X`, `９７８７…`.
    pub fn parse(text: &str) -> Result<Isbn, IsbnError> {
        let compact = compact(text);
        if compact.is_empty() {
            return Err(IsbnError("ISBN 为空。".into()));
        }
        if let Some(c) = compact.chars().find(|c| !c.is_ascii_digit() && *c != 'X') {
            return Err(IsbnError(format!(
                "ISBN“{}”含有非法字符“{c}”。",
                text.trim()
            )));
        }
        match compact.len() {
            10 => from_isbn10(&compact).ok_or_else(|| bad_check(text)),
            13 => {
                if !(compact.starts_with("978") || compact.starts_with("979")) {
                    return Err(IsbnError(format!(
                        "ISBN“{}”应以 978 或 979 开头。",
                        text.trim()
                    )));
                }
                if compact.contains('X') || check13(&compact[..12]) != compact.as_bytes()[12] - b'0'
                {
                    return Err(bad_check(text));
                }
                Ok(Isbn(compact))
            }
            n => Err(IsbnError(format!(
                "ISBN“{}”有 {n} 位，应为 10 位或 13 位。",
                text.trim()
            ))),
        }
    }

    /// Reads a spreadsheet cell, repairing what Excel does to ISBNs when
    /// the check digit proves the repair right.
    pub fn read_cell(text: &str) -> Result<IsbnRead, IsbnError> {
        let first = match Isbn::parse(text) {
            Ok(isbn) => return Ok(IsbnRead::Clean(isbn)),
            Err(e) => e,
        };
        let compact = compact(text);
        // A number that lost its leading zeros: 0306406152 → 306406152.
        if (7..=9).contains(&compact.len()) && compact.bytes().all(|b| b.is_ascii_digit()) {
            let padded = format!("{compact:0>10}");
            if let Some(isbn) = from_isbn10(&padded) {
                return Ok(IsbnRead::Repaired(
                    isbn,
                    format!(
                        "ISBN“{}”丢失了开头的 0，已按校验位补全为 {padded}。",
                        text.trim()
                    ),
                ));
            }
        }
        // Scientific notation: 9.78711E+12. Only when every digit survived.
        if let Some(digits) = expand_scientific(&compact) {
            let candidate = if digits.len() < 10 {
                format!("{digits:0>10}")
            } else {
                digits
            };
            if let Ok(isbn) = Isbn::parse(&candidate) {
                return Ok(IsbnRead::Repaired(
                    isbn,
                    format!(
                        "ISBN“{}”被 Excel 显示为科学计数法，已还原为 {candidate}。",
                        text.trim()
                    ),
                ));
            }
            return Err(IsbnError(format!(
                "ISBN“{}”被 Excel 改成了科学计数法，丢失了数字，无法还原。请把该列设为“文本”格式后重新填写。",
                text.trim()
            )));
        }
        Err(first)
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ISBN-10 form, for 978 ISBNs (979 has none).
    pub fn to_isbn10(&self) -> Option<String> {
        let body = self.0.strip_prefix("978")?;
        let nine = &body[..9];
        let check = check10(nine);
        Some(format!(
            "{nine}{}",
            if check == 10 {
                'X'
            } else {
                char::from(b'0' + check)
            }
        ))
    }

    /// Whether `text` looks like someone typed an ISBN (for search routing).
    pub fn looks_like(text: &str) -> bool {
        let c = compact(text);
        (c.len() == 10 || c.len() == 13) && c.bytes().take(9).all(|b| b.is_ascii_digit())
    }
}

impl fmt::Display for Isbn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn compact(text: &str) -> String {
    let folded = fold_width(text).to_uppercase();
    let t = folded.trim();
    let t = t
        .strip_prefix("ISBN")
        .map(|r| r.trim_start_matches([':', '：', ' ']))
        .unwrap_or(t);
    t.chars()
        .filter(|c| !matches!(c, '-' | ' ' | '‐' | '‑' | '–' | '—' | '\u{a0}'))
        .collect()
}

fn bad_check(text: &str) -> IsbnError {
    IsbnError(format!(
        "ISBN“{}”的校验位不对，可能有数字抄错了。",
        text.trim()
    ))
}

fn check10(nine: &str) -> u8 {
    let sum: u32 = nine
        .bytes()
        .enumerate()
        .map(|(i, b)| (10 - i as u32) * u32::from(b - b'0'))
        .sum();
    ((11 - sum % 11) % 11) as u8
}

fn check13(twelve: &str) -> u8 {
    let sum: u32 = twelve
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn from_isbn10(ten: &str) -> Option<Isbn> {
    let (nine, last) = ten.split_at(9);
    if !nine.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let expected = check10(nine);
    let given = match last {
        "X" => 10,
        d if d.as_bytes()[0].is_ascii_digit() => d.as_bytes()[0] - b'0',
        _ => return None,
    };
    if given != expected {
        return None;
    }
    let twelve = format!("978{nine}");
    let check = check13(&twelve);
    Some(Isbn(format!("{twelve}{check}")))
}

/// An ISBN cell as Chinese catalogues fill it: `978-7-01-012345-6 : CNY45.00`,
/// `978-7-…（平装）`, `ISBN 7-01-…/D·123` — the ISBN, and what stood beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsbnCell {
    pub isbn: Isbn,
    /// How Excel's damage was repaired, when it was.
    pub repaired: Option<String>,
    /// A price written after the ISBN, as written (`CNY45.00`, `45.00元`).
    pub price: Option<String>,
    /// Anything else written beside it (`（平装）`, `/D·123`), as written.
    pub rest: Option<String>,
}

impl IsbnCell {
    /// Reads a cell: an ISBN alone (repaired as [`Isbn::read_cell`] does), or
    /// an ISBN followed by a price or a qualifier. The ISBN must still be
    /// valid: wrong digits are an error whatever stands beside them.
    pub fn read(text: &str) -> Result<IsbnCell, IsbnError> {
        let whole = match Isbn::read_cell(text) {
            Ok(IsbnRead::Clean(isbn)) => return Ok(IsbnCell::plain(isbn, None)),
            Ok(IsbnRead::Repaired(isbn, why)) => return Ok(IsbnCell::plain(isbn, Some(why))),
            Err(e) => e,
        };
        let original: Vec<char> = text.trim().chars().collect();
        let folded: Vec<char> = fold_width(text.trim()).to_uppercase().chars().collect();
        // Upper-casing keeps one char per char for what an ISBN cell holds;
        // where it would not, the cell is read as a whole.
        if folded.len() != original.len() {
            return Err(whole);
        }
        let mut start = 0;
        if folded.starts_with(&['I', 'S', 'B', 'N']) {
            start = 4;
            while start < folded.len() && matches!(folded[start], ':' | '：' | ' ') {
                start += 1;
            }
        }
        let run_end = (start..folded.len())
            .find(|&i| {
                !matches!(
                    folded[i],
                    '0'..='9' | 'X' | '-' | ' ' | '‐' | '‑' | '–' | '—'
                )
            })
            .unwrap_or(folded.len());
        // The ISBN ends at a separator or where the run ends: a longer run
        // of digits is a wrong ISBN, never an ISBN and a price.
        let longest = (start + 1..=run_end).rev().find_map(|end| {
            let ends_at_separator = end == run_end || !matches!(folded[end], '0'..='9' | 'X');
            (ends_at_separator && matches!(folded[end - 1], '0'..='9' | 'X'))
                .then(|| Isbn::parse(&folded[start..end].iter().collect::<String>()).ok())
                .flatten()
                .map(|isbn| (isbn, end))
        });
        let Some((isbn, end)) = longest else {
            // `978-…-8 : CNY45` is wrong for its check digit, not for the colon.
            let run: String = folded[start..run_end].iter().collect();
            let digits = run.chars().filter(|c| c.is_ascii_digit()).count();
            return Err(match Isbn::parse(&run) {
                Err(e) if digits >= 10 => e,
                _ => whole,
            });
        };
        let rest: String = original[end..].iter().collect();
        let (price, rest) = take_price(&rest);
        Ok(IsbnCell {
            isbn,
            repaired: None,
            price,
            rest: non_empty_text(rest.trim_matches(SEPARATORS)),
        })
    }

    fn plain(isbn: Isbn, repaired: Option<String>) -> IsbnCell {
        IsbnCell {
            isbn,
            repaired,
            price: None,
            rest: None,
        }
    }
}

/// What separates the parts of an ISBN cell.
const SEPARATORS: &[char] = &[' ', ':', '：', ',', '，', ';', '；', '\u{3000}'];

fn non_empty_text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// A price in `text` (`CNY45.00`, `RMB 30`, `¥38.5`, `定价：45元`, `45.00元`),
/// as written, and the text without it.
fn take_price(text: &str) -> (Option<String>, String) {
    const MARKERS: &[&str] = &["定价", "价格", "售价", "CNY", "RMB", "¥", "￥"];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let amount_at = |from: usize| -> Option<usize> {
        // Digits, then at most one point and two more digits; the byte end.
        let mut i = from;
        let digits = |i: &mut usize| {
            let start = *i;
            while *i < chars.len() && chars[*i].1.is_ascii_digit() {
                *i += 1;
            }
            *i > start
        };
        if !digits(&mut i) {
            return None;
        }
        if i + 1 < chars.len() && chars[i].1 == '.' && chars[i + 1].1.is_ascii_digit() {
            i += 1;
            digits(&mut i);
        }
        if i < chars.len() && chars[i].1 == '元' {
            i += 1;
        }
        Some(i)
    };
    let byte = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    for (k, &(at, _)) in chars.iter().enumerate() {
        let rest = &text[at..];
        let marker = MARKERS.iter().find(|m| rest.starts_with(**m));
        let (price_start, mut j) = match marker {
            // A label (定价) is not part of the price; a currency is.
            Some(m) if m.starts_with(['定', '价', '售']) => (None, k + m.chars().count()),
            Some(m) => (Some(k), k + m.chars().count()),
            None => continue,
        };
        while j < chars.len() && matches!(chars[j].1, ':' | '：' | ' ') {
            j += 1;
        }
        // 定价：CNY45 — the currency after the label.
        if price_start.is_none()
            && let Some(m) = MARKERS[3..]
                .iter()
                .find(|m| text[byte(j)..].starts_with(**m))
        {
            let from = j;
            j += m.chars().count();
            while j < chars.len() && chars[j].1 == ' ' {
                j += 1;
            }
            if let Some(end) = amount_at(j) {
                return cut(text, at, byte(from), byte(end));
            }
            continue;
        }
        if let Some(end) = amount_at(j) {
            return cut(text, at, byte(price_start.unwrap_or(j)), byte(end));
        }
    }
    // A bare amount after the ISBN, or one in 元 anywhere: 45.00, 45.00元.
    let bare = text.trim_matches(SEPARATORS);
    if let Some((int, frac)) = Some(bare.split_once('.').unwrap_or((bare, "")))
        && (1..=5).contains(&int.len())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() <= 2
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        return (Some(bare.to_owned()), String::new());
    }
    for k in 0..chars.len() {
        if chars[k].1.is_ascii_digit()
            && (k == 0 || !chars[k - 1].1.is_ascii_digit() && chars[k - 1].1 != '.')
            && let Some(end) = amount_at(k)
            && chars[end - 1].1 == '元'
        {
            return cut(text, byte(k), byte(k), byte(end));
        }
    }
    (None, text.to_owned())
}

/// The price `text[from..to]`, and the text without `text[at..to]`.
fn cut(text: &str, at: usize, from: usize, to: usize) -> (Option<String>, String) {
    let price = text[from..to].trim().to_owned();
    let rest = format!("{} {}", text[..at].trim_end(), text[to..].trim_start());
    (Some(price), rest.trim().to_owned())
}

/// `9.78711E+12` → the integer's digits, when the text is scientific notation.
fn expand_scientific(text: &str) -> Option<String> {
    let (mantissa, exponent) = text.split_once('E')?;
    let exponent: usize = exponent.trim_start_matches('+').parse().ok()?;
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if frac.len() > exponent {
        return None;
    }
    Some(format!("{int}{frac}{}", "0".repeat(exponent - frac.len())))
}

#[cfg(test)]
mod tests;
