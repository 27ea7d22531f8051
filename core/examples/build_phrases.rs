//! Builds `core/data/phrases.txt`, the phrase table of the pinyin converter:
//! from a full phrase list (`word: pin yin` per line, as in the MIT-licensed
//! pinyin-data / pinyin-converter word lists), only the phrases whose reading
//! differs from reading each character on its own — the polyphones that need
//! context (重庆 chong qing, 银行 yin hang). That keeps the table small enough
//! to load in a few milliseconds at first write.
//!
//! Run: `cargo run -p shuxiang-core --example build_phrases -- words_*.txt > core/data/phrases.txt`

use pinyin::ToPinyin;

fn strip_tone(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' => 'a',
            'ē' | 'é' | 'ě' | 'è' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' => 'v',
            'ń' | 'ň' | 'ǹ' => 'n',
            'ḿ' => 'm',
            other => other,
        })
        .collect()
}

fn main() {
    let mut out: Vec<(String, String)> = Vec::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).expect("readable word list");
        for line in text.lines() {
            let Some((word, reading)) = line.split_once(": ") else {
                continue;
            };
            let chars: Vec<char> = word.chars().collect();
            if !(2..=8).contains(&chars.len())
                || !chars.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            {
                continue;
            }
            let syllables: Vec<String> = reading.split_whitespace().map(strip_tone).collect();
            if syllables.len() != chars.len()
                || syllables
                    .iter()
                    .any(|s| !s.chars().all(|c| c.is_ascii_lowercase()))
            {
                continue;
            }
            let alone: Vec<String> = chars
                .iter()
                .map(|c| {
                    c.to_pinyin()
                        .map(|p| p.plain().to_owned())
                        .unwrap_or_default()
                })
                .collect();
            if alone != syllables {
                out.push((word.to_owned(), syllables.join(" ")));
            }
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    for (word, reading) in out {
        println!("{word}\t{reading}");
    }
}
