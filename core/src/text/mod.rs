//! Text rules shared by every area: folding what scanners and input methods
//! send, the pinyin keys Chinese names are found by, and safe `LIKE` patterns.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::{ToPinyin, ToPinyinMulti};

/// Folds full-width ASCII (what a Chinese input method types) and the
/// ideographic space to their plain forms: `ＡＢ１２３` → `AB123`.
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Trims, and turns an empty result into `None`.
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Whether `s` holds control characters (other than none at all): such text
/// cannot be shown or printed and is refused.
pub fn has_control_chars(s: &str) -> bool {
    s.chars().any(char::is_control)
}

/// A form or import field's text: trimmed (`None` when empty), refused with
/// a Chinese message naming `label` when it holds control characters (line
/// breaks allowed only where `multiline`) or is longer than `max` characters.
pub fn checked_text(
    field: &str,
    label: &str,
    value: Option<&str>,
    max: usize,
    multiline: bool,
) -> crate::Result<Option<String>> {
    let Some(v) = non_empty(value) else {
        return Ok(None);
    };
    if v.chars()
        .any(|c| c.is_control() && !(multiline && c == '\n'))
    {
        return Err(crate::Error::invalid(
            field,
            format!("{label}含有不可见的控制字符，请重新输入。"),
        ));
    }
    if v.chars().count() > max {
        return Err(crate::Error::invalid(
            field,
            format!("{label}过长（最多 {max} 个字）。"),
        ));
    }
    Ok(Some(v))
}

/// The rules of one text field: a form refuses what breaks them, an import
/// keeps the text (cut only past `keep_max`) and says what it did.
#[derive(Debug, Clone, Copy)]
pub struct TextRule {
    pub field: &'static str,
    pub label: &'static str,
    /// The most a form takes.
    pub max: usize,
    /// The most an import keeps; longer text is cut here, the cut named.
    pub keep_max: usize,
    pub multiline: bool,
}

/// A field an import kept although it broke a form's rule, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldNote {
    pub field: &'static str,
    pub message: String,
}

impl TextRule {
    /// The rules of field `field`, named `label` in messages.
    pub const fn new(
        field: &'static str,
        label: &'static str,
        max: usize,
        keep_max: usize,
        multiline: bool,
    ) -> TextRule {
        TextRule {
            field,
            label,
            max,
            keep_max,
            multiline,
        }
    }

    /// A form's check: see [`checked_text`].
    pub fn strict(&self, value: Option<&str>) -> crate::Result<Option<String>> {
        checked_text(self.field, self.label, value, self.max, self.multiline)
    }

    /// A form's check of an edit: a value the record already holds passes
    /// as it is (an import may have kept it longer than a form allows), so
    /// a long author list never stops the librarian correcting the year.
    pub fn strict_unless_kept(
        &self,
        value: Option<&str>,
        stored: Option<&str>,
    ) -> crate::Result<Option<String>> {
        let given = non_empty(value);
        if given.is_some() && given.as_deref() == stored {
            return Ok(given);
        }
        self.strict(value)
    }

    /// An import's reading: control characters removed (line breaks kept
    /// where multiline, else made spaces), text over the form's limit kept
    /// whole up to `keep_max` and cut there; each change noted.
    pub fn lenient(&self, value: Option<&str>, notes: &mut Vec<FieldNote>) -> Option<String> {
        let v = non_empty(value)?;
        let v = if v
            .chars()
            .any(|c| c.is_control() && !(self.multiline && c == '\n'))
        {
            let cleaned: String = v
                .chars()
                .filter_map(|c| match c {
                    '\n' if self.multiline => Some('\n'),
                    '\n' | '\r' | '\t' => Some(' '),
                    c if c.is_control() => None,
                    c => Some(c),
                })
                .collect();
            notes.push(FieldNote {
                field: self.field,
                message: format!("{}中的不可见控制字符已删除。", self.label),
            });
            non_empty(Some(&cleaned))?
        } else {
            v
        };
        let n = v.chars().count();
        if n <= self.max {
            return Some(v);
        }
        if n <= self.keep_max {
            notes.push(FieldNote {
                field: self.field,
                message: format!(
                    "{}共 {n} 字，超过表单的 {} 字上限，已完整保存。",
                    self.label, self.max
                ),
            });
            return Some(v);
        }
        let cut = v
            .char_indices()
            .nth(self.keep_max)
            .map_or(v.len(), |(i, _)| i);
        let (kept, dropped) = v.split_at(cut);
        let shown: String = dropped.chars().take(20).collect();
        notes.push(FieldNote {
            field: self.field,
            message: format!(
                "{}共 {n} 字，已保留前 {} 字，删去了末尾 {} 字（“{shown}{}”）。",
                self.label,
                self.keep_max,
                n - self.keep_max,
                if dropped.chars().count() > 20 {
                    "……"
                } else {
                    ""
                }
            ),
        });
        Some(kept.trim_end().to_owned())
    }
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
pub fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Surnames whose reading differs from the character's everyday one.
const SURNAMES: &[(&str, &[&str])] = &[
    ("万俟", &["mo", "qi"]),
    ("尉迟", &["yu", "chi"]),
    ("长孙", &["zhang", "sun"]),
    ("单于", &["chan", "yu"]),
    ("令狐", &["ling", "hu"]),
    ("澹台", &["tan", "tai"]),
    ("曾", &["zeng"]),
    ("单", &["shan"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("朴", &["piao"]),
    ("区", &["ou"]),
    ("查", &["zha"]),
    ("覃", &["qin"]),
    ("翟", &["zhai"]),
    ("盖", &["ge"]),
    ("乐", &["yue"]),
    ("缪", &["miao"]),
    ("召", &["shao"]),
    ("种", &["chong"]),
    ("秘", &["bi"]),
    ("员", &["yun"]),
    ("折", &["she"]),
    ("繁", &["po"]),
    ("宿", &["su"]),
    ("沈", &["shen"]),
    ("贾", &["jia"]),
    ("过", &["guo"]),
    ("句", &["gou"]),
    ("那", &["na"]),
    ("重", &["chong"]),
    ("柏", &["bai"]),
    ("华", &["hua"]),
    ("任", &["ren"]),
    ("纪", &["ji"]),
    ("殷", &["yin"]),
];

const MAX_COMBINATIONS: usize = 16;

/// Search keys and sort key of a person's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKeys {
    /// ` zhangsan zs ` — every plausible reading, full pinyin and initials,
    /// space-delimited so a `LIKE '% q%'` matches any key by prefix.
    pub keys: String,
    /// The surname-aware pinyin, syllables separated by spaces so that
    /// 陈 (chen) sorts before 程 (cheng), as in a Chinese dictionary.
    pub sort: String,
}

/// The pinyin keys of a name: a surname read as a surname (曾 zeng, 单 shan),
/// other polyphones in every reading, so whichever the user types finds it.
pub fn name_keys(name: &str) -> NameKeys {
    let chars: Vec<char> = name.chars().collect();
    let mut readings: Vec<Vec<String>> = Vec::new();
    let mut i = 0;
    if let Some((surname, sounds)) = SURNAMES.iter().find(|(s, _)| name.starts_with(s)) {
        readings.extend(sounds.iter().map(|s| vec![(*s).to_owned()]));
        i = surname.chars().count();
    }
    for &c in &chars[i..] {
        if let Some(r) = char_readings(c) {
            readings.push(r);
        }
    }
    let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
    for options in &readings {
        let mut next = Vec::new();
        for combo in &combos {
            for option in options {
                if next.len() >= MAX_COMBINATIONS {
                    break;
                }
                let mut c = combo.clone();
                c.push(option.as_str());
                next.push(c);
            }
        }
        combos = next;
    }
    let mut keys: Vec<String> = Vec::new();
    for combo in &combos {
        for key in [
            combo.concat(),
            combo.iter().filter_map(|s| s.get(..1)).collect::<String>(),
        ] {
            if !key.is_empty() && !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    let sort = combos.first().map(|c| c.join(" ")).unwrap_or_default();
    NameKeys {
        keys: format!(" {} ", keys.join(" ")),
        sort,
    }
}

/// The readings of one character: its everyday reading first, then the
/// others; a letter or digit stands for itself; anything else has none.
fn char_readings(c: char) -> Option<Vec<String>> {
    if c.is_ascii_alphanumeric() {
        return Some(vec![c.to_ascii_lowercase().to_string()]);
    }
    let folded = fold_width(&c.to_string());
    if folded.chars().all(|f| f.is_ascii_alphanumeric()) && folded != c.to_string() {
        return Some(vec![folded.to_ascii_lowercase()]);
    }
    let multi = c.to_pinyin_multi()?;
    let mut out: Vec<String> = Vec::new();
    if let Some(first) = c.to_pinyin() {
        out.push(first.plain().to_owned());
    }
    for p in multi {
        let plain = p.plain().to_owned();
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    Some(out)
}

/// Words whose reading needs context, from `core/data/phrases.txt`.
fn phrases() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../../data/phrases.txt")
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

const MAX_PHRASE: usize = 8;

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Calls `each` with the pinyin of running text, one syllable or word at a
/// time, phrase-aware: the longest known word at each place decides its
/// characters' readings (重庆 chong qing, 银行 yin hang, 长征 chang zheng);
/// other characters take their everyday reading. Letters and digits come as
/// lower-case words; punctuation separates. Allocates nothing per character:
/// an import runs this over every title.
fn each_syllable(text: &str, mut each: impl FnMut(&str)) {
    let folded = fold_width(text);
    // Each character with its byte offset, and the end, so a candidate word
    // is a slice of `folded`.
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(folded.len(), |(at, _)| *at);
    let table = phrases();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if is_han(c) {
            let run = chars[i..]
                .iter()
                .take(MAX_PHRASE)
                .take_while(|(_, c)| is_han(*c))
                .count();
            let found = (2..=run)
                .rev()
                .find_map(|len| table.get(&folded[at..end_of(i + len)]).map(|r| (len, *r)));
            match found {
                Some((len, reading)) => {
                    reading.split(' ').for_each(&mut each);
                    i += len;
                }
                None => {
                    if let Some(p) = c.to_pinyin() {
                        each(p.plain());
                    }
                    i += 1;
                }
            }
        } else if c.is_ascii_alphanumeric() {
            let len = chars[i..]
                .iter()
                .take_while(|(_, c)| c.is_ascii_alphanumeric())
                .count();
            let word = &folded[at..end_of(i + len)];
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                each(&word.to_ascii_lowercase());
            } else {
                each(word);
            }
            i += len;
        } else {
            i += 1;
        }
    }
}

/// Full pinyin without spaces and initials of a text, as stored for search:
/// `("wanlishiwunian", "wlswn")`.
pub fn pinyin_keys(text: &str) -> (String, String) {
    let mut full = String::with_capacity(text.len() * 2);
    let mut initials = String::with_capacity(text.len() / 2);
    each_syllable(text, |s| {
        full.push_str(s);
        if let Some(first) = s.get(..1) {
            initials.push_str(first);
        }
    });
    (full, initials)
}

/// Orders two texts as a Chinese reader expects a list of names to read:
/// by pinyin, syllable by syllable (陈 chen before 程 cheng, as in a
/// dictionary), then by the characters themselves where readings tie.
pub fn zh_order(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |text: &str| {
        let mut key = String::with_capacity(text.len() * 2);
        each_syllable(text, |s| {
            key.push_str(s);
            key.push(' ');
        });
        key
    };
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

/// Text with every printable ASCII character in its full-width form
/// (`wlswn1` → `ｗｌｓｗｎ１`), the rest as it is: how the pinyin index holds
/// pinyin and initials, and how a search asks it.
pub fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(u32::from(c) - 0x21 + 0xFF01).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Text with every CJK character set apart by spaces, so a word tokenizer
/// sees each character as a token: `中国经济 AI` → ` 中  国  经  济  AI`.
pub fn spaced_cjk(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in fold_width(text).chars() {
        if is_han(c) {
            out.push(' ');
            out.push(c);
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Normalises what a user typed into a search box for matching against
/// pinyin keys: width folded, lower case, no spaces or apostrophes.
pub fn search_key(query: &str) -> String {
    fold_width(query)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Guards a cell a spreadsheet would read as a formula (every export).
pub fn guard_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests;
