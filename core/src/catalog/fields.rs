//! What a title's fields may hold: a form's strict rules (limits, the
//! ISBN's check digit, the CLC's form) and an import's lenient reading,
//! which keeps what harms nothing and notes what it changed.

use super::{Isbn, NewTitle, Title};
use crate::error::{Error, Result};
use crate::text::{FieldNote, TextRule, fold_width, has_control_chars, non_empty};

/// A title's fields after validation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidTitle {
    pub isbn: Option<Isbn>,
    pub title: String,
    pub subtitle: Option<String>,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub edition: Option<String>,
    pub clc: Option<String>,
    pub call_number: Option<String>,
    pub subjects: Option<String>,
    pub summary: Option<String>,
    pub price: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub alt_title: Option<String>,
}

/// Normalises a CLC class number (`d62` → `D62`) and checks its form.
pub fn normalize_clc(value: &str) -> Result<Option<String>> {
    let v = fold_width(value).trim().to_ascii_uppercase();
    if v.is_empty() {
        return Ok(None);
    }
    let mut chars = v.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if !first_ok
        || !v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-=:()\"<>/+".contains(c))
        || v.len() > 40
    {
        return Err(Error::invalid(
            "clc",
            format!("“{v}”不是中图法分类号，应以大写字母开头，例如 D62 或 F812.7。"),
        ));
    }
    Ok(Some(v))
}

/// Normalises a copy barcode as a scanner or input method sends it.
pub fn normalize_barcode(value: &str) -> Result<String> {
    let v = fold_width(value).trim().to_ascii_uppercase();
    if v.is_empty() {
        return Err(Error::invalid("barcode", "条码为空。"));
    }
    if v.len() > 32 || !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(
            "barcode",
            format!("条码“{v}”只能包含字母、数字和“-”，最多 32 位。"),
        ));
    }
    Ok(v)
}

/// The title's free-text fields: what a form takes, and what an import keeps
/// (open-access books list dozens of contributors; vendors' notes run long).
const TITLE_TEXT: [TextRule; 11] = [
    TextRule::new("subtitle", "副书名", 300, 2_000, true),
    TextRule::new("authors", "作者", 300, 10_000, true),
    TextRule::new("publisher", "出版社", 200, 1_000, true),
    TextRule::new("year", "出版年", 40, 200, true),
    TextRule::new("edition", "版次", 60, 500, true),
    TextRule::new("subjects", "主题词", 500, 5_000, true),
    TextRule::new("summary", "摘要", 5_000, 50_000, true),
    TextRule::new("price", "价格", 40, 200, true),
    TextRule::new("source", "来源", 100, 500, true),
    TextRule::new("note", "备注", 500, 10_000, true),
    TextRule::new("alt_title", "其他题名", 500, 2_000, false),
];

/// The title proper: a form takes 500 characters; an import keeps a real
/// record's longer title whole, up to the 2,000 the store holds.
const TITLE_RULE: TextRule = TextRule::new("title", "书名", 500, 2_000, false);

/// A call number as a form takes it (the import keeps up to 200 characters).
const CALL_NUMBER_RULE: TextRule = TextRule::new("call_number", "索书号", 60, 200, false);

/// The most characters the title form takes in each field, as the core
/// checks them (the form shows the limits; the core's refusal says them).
pub fn form_limits() -> impl Iterator<Item = (&'static str, usize)> {
    TITLE_TEXT
        .iter()
        .chain([&TITLE_RULE, &CALL_NUMBER_RULE])
        .map(|r| (r.field, r.max))
}

impl NewTitle {
    fn text(&self, field: &str) -> Option<&str> {
        match field {
            "subtitle" => self.subtitle.as_deref(),
            "authors" => self.authors.as_deref(),
            "publisher" => self.publisher.as_deref(),
            "year" => self.year.as_deref(),
            "edition" => self.edition.as_deref(),
            "subjects" => self.subjects.as_deref(),
            "summary" => self.summary.as_deref(),
            "price" => self.price.as_deref(),
            "source" => self.source.as_deref(),
            "note" => self.note.as_deref(),
            "alt_title" => self.alt_title.as_deref(),
            _ => None,
        }
    }

    /// A form's check: anything over a field's limit, or unprintable, is
    /// refused with a message naming the field.
    pub(crate) fn validate(&self) -> Result<ValidTitle> {
        self.validate_edit(None)
    }

    /// A form's check of an edit of `stored`: values the title already holds
    /// pass as they are (an import may have kept them longer than a form
    /// allows); new values meet the form's rules.
    pub(crate) fn validate_edit(&self, stored: Option<&Title>) -> Result<ValidTitle> {
        let stored_form = stored.map(NewTitle::from);
        let kept = |field: &str| stored_form.as_ref().and_then(|t| t.text(field));
        let title = TITLE_RULE
            .strict_unless_kept(Some(&self.title), stored.map(|t| t.title.as_str()))?
            .ok_or_else(|| Error::invalid("title", "请填写书名。"))?;
        let isbn = match non_empty(self.isbn.as_deref()) {
            None => None,
            Some(text) => Some(Isbn::parse(&text).map_err(|e| Error::invalid("isbn", e.0))?),
        };
        let call_number = match non_empty(self.call_number.as_deref()) {
            None => None,
            Some(c) => {
                let c = fold_width(&c).trim().to_ascii_uppercase();
                let unchanged = stored.and_then(|t| t.call_number.as_deref()) == Some(c.as_str());
                if !unchanged && (has_control_chars(&c) || c.len() > CALL_NUMBER_RULE.max) {
                    return Err(Error::invalid(
                        "call_number",
                        "索书号格式不对，应为“分类号/种次号”，例如 D62/15。",
                    ));
                }
                Some(c)
            }
        };
        let mut text: [Option<String>; 11] = Default::default();
        for (slot, rule) in text.iter_mut().zip(&TITLE_TEXT) {
            *slot = rule.strict_unless_kept(self.text(rule.field), kept(rule.field))?;
        }
        let clc = match (
            non_empty(self.clc.as_deref()),
            stored.and_then(|t| t.clc.as_deref()),
        ) {
            (Some(given), Some(old)) if given == old => Some(given),
            _ => normalize_clc(self.clc.as_deref().unwrap_or(""))?,
        };
        Ok(ValidTitle::from_parts(title, isbn, clc, call_number, text))
    }

    /// An import row's reading: only what makes a record wrong is an error
    /// (no title; the ISBN and class are read by the importer). Text over a
    /// form's limit is kept, cut only past a generous one; control
    /// characters are removed; each change is noted for the report.
    pub(crate) fn validate_imported(&self, notes: &mut Vec<FieldNote>) -> Result<ValidTitle> {
        let title = TITLE_RULE
            .lenient(Some(&self.title), notes)
            .ok_or_else(|| Error::invalid("title", "请填写书名。"))?;
        let call_number = CALL_NUMBER_RULE.lenient(
            non_empty(self.call_number.as_deref())
                .map(|c| fold_width(&c).trim().to_ascii_uppercase())
                .as_deref(),
            notes,
        );
        let mut text: [Option<String>; 11] = Default::default();
        for (slot, rule) in text.iter_mut().zip(&TITLE_TEXT) {
            *slot = rule.lenient(self.text(rule.field), notes);
        }
        Ok(ValidTitle::from_parts(title, None, None, call_number, text))
    }
}

/// A stored title as its edit form sends it back, at the revision shown.
impl From<&Title> for NewTitle {
    fn from(t: &Title) -> NewTitle {
        NewTitle {
            revision: Some(t.revision),
            isbn: t.isbn.clone(),
            title: t.title.clone(),
            subtitle: t.subtitle.clone(),
            authors: t.authors.clone(),
            publisher: t.publisher.clone(),
            year: t.year.clone(),
            edition: t.edition.clone(),
            clc: t.clc.clone(),
            call_number: t.call_number.clone(),
            subjects: t.subjects.clone(),
            summary: t.summary.clone(),
            price: t.price.clone(),
            source: t.source.clone(),
            note: t.note.clone(),
            alt_title: t.alt_title.clone(),
        }
    }
}

impl ValidTitle {
    /// The fields in [`TITLE_TEXT`]'s order.
    fn from_parts(
        title: String,
        isbn: Option<Isbn>,
        clc: Option<String>,
        call_number: Option<String>,
        text: [Option<String>; 11],
    ) -> ValidTitle {
        let [
            subtitle,
            authors,
            publisher,
            year,
            edition,
            subjects,
            summary,
            price,
            source,
            note,
            alt_title,
        ] = text;
        ValidTitle {
            isbn,
            title,
            subtitle,
            authors,
            publisher,
            year,
            edition,
            clc,
            call_number,
            subjects,
            summary,
            price,
            source,
            note,
            alt_title,
        }
    }
}
