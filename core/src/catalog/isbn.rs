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
mod tests {
    use super::*;

    fn isbn(s: &str) -> String {
        Isbn::parse(s).unwrap().to_string()
    }

    #[test]
    fn isbn_13_with_hyphens_spaces_or_full_width_digits_is_accepted() {
        assert_eq!(isbn("978-7-01-022485-5"), "9787010224855");
        assert_eq!(isbn(" 978 7010 224855 "), "9787010224855");
        assert_eq!(isbn("９７８７０１０２２４８５５"), "9787010224855");
        assert_eq!(isbn("ISBN 978-7-01-022485-5"), "9787010224855");
    }

    #[test]
    fn isbn_10_is_stored_as_isbn_13_and_converts_back() {
        assert_eq!(isbn("0-306-40615-2"), "9780306406157");
        assert_eq!(
            isbn("7-80050-185-X"),
            isbn("7-80050-185-x"),
            "a lower-case x is the same check digit"
        );
        let i = Isbn::parse("0306406152").unwrap();
        assert_eq!(i.to_isbn10().as_deref(), Some("0306406152"));
    }

    #[test]
    fn a_979_isbn_has_no_isbn_10() {
        let i = Isbn::parse("979-10-90636-07-1").unwrap();
        assert_eq!(i.to_isbn10(), None);
    }

    #[test]
    fn wrong_check_digits_prefixes_lengths_and_characters_are_refused() {
        assert!(
            Isbn::parse("978-7-01-022485-8")
                .unwrap_err()
                .0
                .contains("校验位")
        );
        assert!(
            Isbn::parse("0-306-40615-3")
                .unwrap_err()
                .0
                .contains("校验位")
        );
        assert!(
            Isbn::parse("9771234567003").unwrap_err().0.contains("978"),
            "an ISSN-like 977 prefix is not an ISBN"
        );
        assert!(Isbn::parse("12345").unwrap_err().0.contains("5 位"));
        assert!(
            Isbn::parse("978701022485A")
                .unwrap_err()
                .0
                .contains("非法字符")
        );
        assert!(
            Isbn::parse("97870102248X7").is_err(),
            "X only as an ISBN-10 check digit"
        );
        assert!(Isbn::parse("").is_err());
    }

    #[test]
    fn excel_lost_leading_zeros_are_repaired_when_the_check_digit_agrees() {
        match Isbn::read_cell("306406152").unwrap() {
            IsbnRead::Repaired(i, why) => {
                assert_eq!(i.as_str(), "9780306406157");
                assert!(why.contains("补全"));
            }
            other => panic!("expected a repair, got {other:?}"),
        }
        assert!(
            Isbn::read_cell("306406153").is_err(),
            "a padding the check digit does not prove is refused"
        );
    }

    #[test]
    fn excel_scientific_notation_is_repaired_only_when_no_digit_was_lost() {
        assert!(
            matches!(Isbn::read_cell("9.787010224855E+12").unwrap(), IsbnRead::Repaired(i, _) if i.as_str() == "9787010224855")
        );
        let err = Isbn::read_cell("9.78701E+12").unwrap_err();
        assert!(err.0.contains("科学计数法"), "{}", err.0);
    }
}
