//! MARC records as Chinese and foreign libraries deliver them: ISO 2709
//! (MARC21 and CNMARC/UNIMARC; UTF-8, MARC-8 or GB18030) and MARC XML (MARC21
//! slim, CNMARC/UNIMARC XML in other namespaces, possibly inside an SRU
//! response), read without panicking on any input, and mapped to titles.

mod iso2709;
mod map;
mod marc8;
mod text;
mod xml;

pub use iso2709::read_iso2709;
pub use map::{MarcFlavour, record_to_row};
pub use text::{is_marc_json, is_mrk, read_marc_json, read_mrk};
pub use xml::read_marcxml;

/// One field of a record: a control field (`001`–`009`) has `data`, a data
/// field has indicators and subfields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarcField {
    pub tag: String,
    pub indicators: [char; 2],
    pub data: Option<String>,
    pub subfields: Vec<(char, String)>,
}

/// A decoded record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarcRecord {
    pub leader: String,
    pub fields: Vec<MarcField>,
    /// What was read in spite of the record's form (an odd subfield code),
    /// in words for the import's report.
    pub warnings: Vec<String>,
}

impl MarcRecord {
    /// Every field with `tag`.
    pub fn fields<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a MarcField> + 'a {
        self.fields.iter().filter(move |f| f.tag == tag)
    }

    /// The first value of subfield `code` in the first field `tag` that has it.
    pub fn first(&self, tag: &str, code: char) -> Option<&str> {
        self.fields
            .iter()
            .filter(|f| f.tag == tag)
            .find_map(|f| f.subfield(code))
    }

    /// Every value of subfield `code` in every field `tag`.
    pub fn all<'a>(&'a self, tag: &'a str, code: char) -> impl Iterator<Item = &'a str> + 'a {
        self.fields(tag).flat_map(move |f| {
            f.subfields
                .iter()
                .filter(move |(c, _)| *c == code)
                .map(|(_, v)| v.as_str())
        })
    }
}

impl MarcField {
    /// Adds a subfield as a file gives it. A code that is not a letter or a
    /// digit (a `"` where a code should be, a byte of a broken character) is
    /// no reason to refuse a book: in a field the import reads it is taken
    /// as data — a punctuation mark with the text after it, a broken
    /// character without — joined to the subfield before it (or as `$a`);
    /// in any other field the subfield is passed over. Either way it is noted.
    pub(crate) fn push_subfield(&mut self, code: char, value: String, warnings: &mut Vec<String>) {
        if code.is_ascii_alphanumeric() {
            self.subfields.push((code, value));
            return;
        }
        let shown = if code.is_control() {
            format!(" 0x{:02X} ", code as u32)
        } else {
            format!("“{code}”")
        };
        if !map::is_mapped(&self.tag) {
            warnings.push(format!(
                "字段 {} 的子字段代码{shown}无效，该子字段已略过。",
                self.tag
            ));
            return;
        }
        let data = if code.is_ascii() && !code.is_control() {
            format!("{code}{value}")
        } else {
            value
        };
        warnings.push(format!(
            "字段 {} 的子字段代码{shown}无效，其内容已作为数据读入。",
            self.tag
        ));
        match self.subfields.last_mut() {
            Some((_, before)) => before.push_str(&data),
            None => self.subfields.push(('a', data.trim().to_owned())),
        }
    }

    /// The first value of subfield `code`.
    pub fn subfield(&self, code: char) -> Option<&str> {
        self.subfields
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, v)| v.as_str())
    }
}

/// A record of a file, or why it could not be read; numbered from 1.
pub type ReadRecord = Result<MarcRecord, String>;

/// Whether bytes look like MARC (see [`crate::import::sniff_marc`]).
pub use crate::import::sniff_marc as sniff;
