//! The codes a periodical carries: its ISSN (with a check digit), its
//! 国内统一刊号 (CN 11-1000/D), its 邮发代号 (2-25), and the EAN-13 on the
//! cover (`977` + the ISSN's seven digits + two price digits + a check
//! digit, often followed by a 2- or 5-digit add-on with the issue number).

use crate::error::{Error, Result};

/// An ISSN as `1234-567X`, its check digit verified.
pub fn normalize_issn(text: &str) -> Result<String> {
    let chars: Vec<char> = text
        .trim()
        .trim_start_matches("ISSN")
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '－'))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let wrong = || {
        Error::invalid(
            "issn",
            format!(
                "ISSN“{}”不对：应为 8 位，如 0529-1399，最后一位是校验位。",
                text.trim()
            ),
        )
    };
    if chars.len() != 8
        || !chars[..7].iter().all(char::is_ascii_digit)
        || !(chars[7].is_ascii_digit() || chars[7] == 'X')
    {
        return Err(wrong());
    }
    let digits: String = chars[..7].iter().collect();
    if check_digit(&digits) != chars[7] {
        return Err(wrong());
    }
    Ok(format!(
        "{}-{}",
        &digits[..4],
        chars[4..].iter().collect::<String>()
    ))
}

/// The ISSN check digit of seven digits.
fn check_digit(seven: &str) -> char {
    let sum: u32 = seven
        .chars()
        .zip((2..=8).rev())
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    match (11 - sum % 11) % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).expect("a digit"),
    }
}

/// The ISSN of a cover's EAN-13 (`977…`), the add-on ignored; `None` for
/// any other code.
pub fn issn_of_ean(code: &str) -> Option<String> {
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    if code.chars().any(|c| c.is_alphabetic()) || !(13..=18).contains(&digits.len()) {
        return None;
    }
    let ean = &digits[..13];
    if !ean.starts_with("977") || !ean_check_ok(ean) {
        return None;
    }
    let seven = &ean[3..10];
    Some(format!(
        "{}-{}{}",
        &seven[..4],
        &seven[4..],
        check_digit(seven)
    ))
}

fn ean_check_ok(ean: &str) -> bool {
    let d: Vec<u32> = ean.chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = d[..12]
        .iter()
        .enumerate()
        .map(|(i, v)| if i % 2 == 0 { *v } else { v * 3 })
        .sum();
    (10 - sum % 10) % 10 == d[12]
}

/// A 国内统一刊号 as `11-1000/D`: two digits (the region), four digits, and
/// the class after a slash — a newspaper's (0001–0999) has none, `11-0065`;
/// `CN` in front is taken off.
pub fn normalize_cn(text: &str) -> Result<String> {
    let t: String = text
        .trim()
        .trim_start_matches(['C', 'c'])
        .trim_start_matches(['N', 'n'])
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '－' | '—' => '-',
            '／' => '/',
            other => other.to_ascii_uppercase(),
        })
        .collect();
    let ok = t.split_once('-').and_then(|(region, rest)| {
        // A newspaper's number (0001–0999) carries no class: 11-0065.
        let (number, class) = match rest.split_once('/') {
            Some(split) => split,
            None if rest.starts_with('0') => (rest, "N"),
            None => return None,
        };
        (region.len() == 2
            && region.chars().all(|c| c.is_ascii_digit())
            && number.len() == 4
            && number.chars().all(|c| c.is_ascii_digit())
            && !class.is_empty()
            && class.len() <= 8
            && class.starts_with(|c: char| c.is_ascii_uppercase())
            && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
        .then_some(())
    });
    match ok {
        Some(()) => Ok(t),
        None => Err(Error::invalid(
            "cn",
            format!(
                "国内统一刊号“{}”不对：应为“11-1000/D”（期刊）或“11-0065”（报纸）这样的形式。内部资料没有刊号可以不填。",
                text.trim()
            ),
        )),
    }
}

/// A 邮发代号 as `2-25` (digits, a dash, digits; a letter may follow).
pub fn normalize_postal_code(text: &str) -> Result<String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '－' | '—') { '-' } else { c })
        .collect::<String>()
        .to_ascii_uppercase();
    let ok = t.split_once('-').is_some_and(|(a, b)| {
        !a.is_empty()
            && a.len() <= 3
            && a.chars().all(|c| c.is_ascii_digit())
            && !b.is_empty()
            && b.len() <= 6
            && b.chars().all(|c| c.is_ascii_alphanumeric())
    });
    if ok {
        Ok(t)
    } else {
        Err(Error::invalid(
            "postal_code",
            format!("邮发代号“{}”不对：应为“2-25”这样的形式。", text.trim()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_issns_pass_and_a_wrong_check_digit_fails() {
        // Nature, 求是, and two more from the ISSN manual.
        for (given, want) in [
            ("0028-0836", "0028-0836"),
            ("ISSN 1002-4980", "1002-4980"),
            ("0317-8471", "0317-8471"),
            ("2434-561x", "2434-561X"),
        ] {
            assert_eq!(normalize_issn(given).unwrap(), want);
        }
        assert!(normalize_issn("0028-0837").is_err());
        assert!(normalize_issn("0028083").is_err());
    }

    #[test]
    fn a_covers_ean_gives_its_issn_and_nothing_else_does() {
        // Nature's cover: 977 0028083 00 and check digit 2; then with an add-on.
        assert_eq!(issn_of_ean("9770028083002").as_deref(), Some("0028-0836"));
        assert_eq!(issn_of_ean("977002808300205").as_deref(), Some("0028-0836"));
        assert_eq!(
            issn_of_ean("9770028083009"),
            None,
            "a wrong EAN check digit"
        );
        assert_eq!(issn_of_ean("9787508617725"), None, "a book's ISBN");
        assert_eq!(issn_of_ean("2-25"), None);
    }

    #[test]
    fn cn_and_postal_codes_are_read_in_their_forms() {
        assert_eq!(normalize_cn("CN 11-1000/D").unwrap(), "11-1000/D");
        assert_eq!(normalize_cn("11－1271／D").unwrap(), "11-1271/D");
        assert!(normalize_cn("1000/D").is_err());
        assert_eq!(normalize_cn("CN11-0065").unwrap(), "11-0065", "a newspaper");
        assert!(
            normalize_cn("11-1000").is_err(),
            "a journal names its class"
        );
        assert_eq!(normalize_postal_code(" 2-25 ").unwrap(), "2-25");
        assert_eq!(normalize_postal_code("82-1").unwrap(), "82-1");
        assert!(normalize_postal_code("225").is_err());
    }
}
