//! The generated Code 128 bars decoded back to their text by an independent
//! decoder written here from the symbology's table (ISO/IEC 15417): bar and
//! space widths per symbol, the start and stop patterns, the modulo-103
//! check, and code sets B and C. If the encoder drew a wrong bar, the
//! widths would not match the table or the check would fail.

use shuxiang_core::labels::code128;

/// Element widths (bar, space, bar, space, bar, space) of values 0–105.
const WIDTHS: [&str; 106] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232",
];
const STOP: &str = "2331112";

/// Run lengths of alternating bars and spaces, starting with a bar.
fn runs(modules: &[u8]) -> String {
    assert_eq!(modules.first(), Some(&1), "a symbol starts with a bar");
    let mut out = String::new();
    let mut i = 0;
    while i < modules.len() {
        let n = modules[i..]
            .iter()
            .take_while(|m| **m == modules[i])
            .count();
        assert!(n <= 4, "no Code 128 element is wider than 4 modules");
        out.push(char::from_digit(n as u32, 10).unwrap());
        i += n;
    }
    out
}

fn decode(modules: &[u8]) -> String {
    let widths = runs(modules);
    assert!(widths.ends_with(STOP), "ends with the stop pattern");
    let body = &widths[..widths.len() - STOP.len()];
    assert_eq!(body.len() % 6, 0);
    let values: Vec<usize> = body
        .as_bytes()
        .chunks(6)
        .map(|c| {
            let w = std::str::from_utf8(c).unwrap();
            WIDTHS
                .iter()
                .position(|x| *x == w)
                .unwrap_or_else(|| panic!("{w} is no Code 128 symbol"))
        })
        .collect();
    let (data, check) = values.split_at(values.len() - 1);
    let sum: usize = data[0]
        + data[1..]
            .iter()
            .enumerate()
            .map(|(i, v)| (i + 1) * v)
            .sum::<usize>();
    assert_eq!(sum % 103, check[0], "modulo-103 check symbol");
    let mut set = match data[0] {
        104 => 'B',
        105 => 'C',
        103 => 'A',
        other => panic!("{other} is not a start symbol"),
    };
    let mut text = String::new();
    for &v in &data[1..] {
        match (set, v) {
            (_, 99) if set != 'C' => set = 'C',
            (_, 100) if set != 'B' => set = 'B',
            (_, 101) if set != 'A' => set = 'A',
            ('C', v) => text.push_str(&format!("{v:02}")),
            ('B', v) => text.push(char::from(32 + v as u8)),
            ('A', v) if v < 64 => text.push(char::from(32 + v as u8)),
            (s, v) => panic!("value {v} unexpected in set {s}"),
        }
    }
    text
}

#[test]
fn generated_barcodes_decode_back_to_their_text() {
    for text in [
        "SX000001",
        "SX123457",
        "C001",
        "20260001",
        "12345",
        "7",
        "A-1234567-B",
        "YLS000120",
        "D62-15",
    ] {
        let modules = code128(text).unwrap();
        assert_eq!(decode(&modules), text, "{text}");
        // Every symbol is 11 modules wide, the stop 13: the width proves
        // nothing was dropped or doubled.
        assert_eq!((modules.len() - 13) % 11, 0);
    }
}

#[test]
fn digit_runs_are_packed_two_per_symbol() {
    let alpha = code128("SX000001").unwrap().len();
    // Start B, S, X, code C, 00, 00, 01, check, stop: 8×11 + 13.
    assert_eq!(alpha, 8 * 11 + 13);
}
