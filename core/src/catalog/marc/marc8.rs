//! MARC-8 as MARC21 files from older systems use it: ASCII plus the ANSEL
//! extended Latin set, whose combining diacritics come *before* the letter
//! they mark (Unicode puts them after). Other MARC-8 sets (reached by escape
//! sequences: Greek, Cyrillic, EACC for CJK) are not decoded; their bytes
//! become U+FFFD so the rest of the record still reads.

use unicode_normalization::UnicodeNormalization;

/// ANSEL spacing characters, 0xA1–0xC8.
fn spacing(b: u8) -> Option<char> {
    Some(match b {
        0xA1 => 'Ł',
        0xA2 => 'Ø',
        0xA3 => 'Đ',
        0xA4 => 'Þ',
        0xA5 => 'Æ',
        0xA6 => 'Œ',
        0xA7 => 'ʹ',
        0xA8 => '·',
        0xA9 => '♭',
        0xAA => '®',
        0xAB => '±',
        0xAC => 'Ơ',
        0xAD => 'Ư',
        0xAE => 'ʼ',
        0xB0 => 'ʻ',
        0xB1 => 'ł',
        0xB2 => 'ø',
        0xB3 => 'đ',
        0xB4 => 'þ',
        0xB5 => 'æ',
        0xB6 => 'œ',
        0xB7 => 'ʺ',
        0xB8 => 'ı',
        0xB9 => '£',
        0xBA => 'ð',
        0xBC => 'ơ',
        0xBD => 'ư',
        0xC0 => '°',
        0xC1 => 'ℓ',
        0xC2 => '℗',
        0xC3 => '©',
        0xC4 => '♯',
        0xC5 => '¿',
        0xC6 => '¡',
        0xC7 => 'ß',
        0xC8 => '€',
        _ => return None,
    })
}

/// ANSEL combining marks, 0xE0–0xFE.
fn combining(b: u8) -> Option<char> {
    Some(match b {
        0xE0 => '\u{0309}',
        0xE1 => '\u{0300}',
        0xE2 => '\u{0301}',
        0xE3 => '\u{0302}',
        0xE4 => '\u{0303}',
        0xE5 => '\u{0304}',
        0xE6 => '\u{0306}',
        0xE7 => '\u{0307}',
        0xE8 => '\u{0308}',
        0xE9 => '\u{030C}',
        0xEA => '\u{030A}',
        0xEB => '\u{FE20}',
        0xEC => '\u{FE21}',
        0xED => '\u{0315}',
        0xEE => '\u{030B}',
        0xEF => '\u{0310}',
        0xF0 => '\u{0327}',
        0xF1 => '\u{0328}',
        0xF2 => '\u{0323}',
        0xF3 => '\u{0324}',
        0xF4 => '\u{0325}',
        0xF5 => '\u{0333}',
        0xF6 => '\u{0332}',
        0xF7 => '\u{0326}',
        0xF8 => '\u{031C}',
        0xF9 => '\u{032E}',
        0xFA => '\u{FE22}',
        0xFB => '\u{FE23}',
        0xFE => '\u{0313}',
        _ => return None,
    })
}

/// Whether every byte is ASCII, an ANSEL character, an escape, or a
/// non-sort mark — i.e. the bytes can be MARC-8 Latin text.
pub fn is_ansel(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| {
        b < 0x80
            || matches!(b, 0x88 | 0x89 | 0x8D | 0x8E)
            || spacing(b).is_some()
            || combining(b).is_some()
    })
}

/// Decodes MARC-8 (ASCII + ANSEL) to NFC Unicode.
pub fn decode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut pending: Vec<char> = Vec::new();
    let mut other_set = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        if b == 0x1B {
            // ESC ( B / ESC s: back to ASCII; anything else switches to a set we do not decode.
            let rest = &bytes[i..];
            let (len, back_to_latin) = match rest {
                [b's', ..] => (1, true),
                [b'(', b'B', ..] | [b',', b'B', ..] | [b')', b'E', ..] | [b'-', b'E', ..] => {
                    (2, true)
                }
                [b'$', _, _, ..] if matches!(rest[1], b',' | b')' | b'-') => (3, false),
                [_, _, ..] => (2, false),
                _ => (rest.len(), false),
            };
            i += len;
            other_set = !back_to_latin;
            continue;
        }
        if other_set && b > 0x20 {
            out.push('\u{FFFD}');
            continue;
        }
        if let Some(mark) = combining(b) {
            pending.push(mark);
            continue;
        }
        let c = match b {
            0x88 | 0x89 | 0x8D | 0x8E => continue,
            b if b < 0x80 => char::from(b),
            b => spacing(b).unwrap_or('\u{FFFD}'),
        };
        out.push(c);
        out.extend(pending.drain(..));
    }
    out.extend(pending);
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_move_after_their_letter_and_compose() {
        assert_eq!(decode(b"Caf\xe2e"), "Café");
        assert_eq!(decode(b"\xe8uber"), "über");
        assert_eq!(decode(b"\xa1\xf3d\xb2"), "Łd̤ø");
    }

    #[test]
    fn ansel_detection_rejects_gb18030_text() {
        assert!(is_ansel(b"Caf\xe2e"));
        let (gb, _, _) = encoding_rs::GB18030.encode("中国");
        assert!(!is_ansel(&gb), "中 is D6D0, not ANSEL");
    }
}
