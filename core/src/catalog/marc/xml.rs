//! MARC XML in any namespace: MARC21 slim, CNMARC/UNIMARC XML, records inside
//! an SRU response. A `record` element is a MARC record when it holds a
//! leader or fields itself; a wrapper `record` (SRU) holding one is not.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{MarcField, MarcRecord, ReadRecord};

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| AsRef::<str>::as_ref(&a.key.local_name()) == name)
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.trim().to_owned())
}

/// Reads every record of a MARC XML document; a document that is not
/// well-formed XML gives one error naming where it broke.
pub fn read_marcxml(text: &str) -> Vec<ReadRecord> {
    let mut reader = Reader::from_str(text);
    let mut records = Records::default();
    loop {
        match reader.read_event() {
            Err(e) => {
                let n = records.out.len() + 1;
                records
                    .out
                    .push(Err(format!("第 {n} 条记录附近的 XML 格式有误：{e}。")));
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => records.start(&e),
            Ok(Event::Text(t)) if records.gathering => records
                .buffer
                .push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Ok(Event::GeneralRef(r)) if records.gathering => match r.resolve_char_ref() {
                Ok(Some(c)) => records.buffer.push(c),
                _ => records.entity(&r.xml_content(XmlVersion::Implicit1_0)),
            },
            Ok(Event::CData(t)) if records.gathering => records
                .buffer
                .push_str(&t.xml_content(XmlVersion::Implicit1_0)),
            Ok(Event::End(e)) => records.end(AsRef::<str>::as_ref(&e.local_name())),
            Ok(_) => {}
        }
    }
    records.out
}

/// The records read so far and the one being read: a stack, since an SRU
/// wrapper `record` holds the MARC one; its field and subfield, and the
/// text of a leader, control field or subfield while it is being read.
#[derive(Default)]
struct Records {
    out: Vec<ReadRecord>,
    stack: Vec<MarcRecord>,
    field: Option<MarcField>,
    sub: Option<char>,
    gathering: bool,
    buffer: String,
}

impl Records {
    fn gather(&mut self) {
        self.buffer.clear();
        self.gathering = true;
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let field = |indicators| MarcField {
            tag: attr(e, "tag").unwrap_or_default(),
            indicators,
            data: None,
            subfields: Vec::new(),
        };
        match AsRef::<str>::as_ref(&e.local_name()) {
            "record" => self.stack.push(MarcRecord::default()),
            "leader" => self.gather(),
            "controlfield" => {
                self.gather();
                self.field = Some(field([' ', ' ']));
            }
            "datafield" => {
                let ind = |n: &str| attr(e, n).and_then(|v| v.chars().next()).unwrap_or(' ');
                self.field = Some(field([ind("ind1"), ind("ind2")]));
            }
            "subfield" => {
                self.gather();
                self.sub = Some(
                    attr(e, "code")
                        .and_then(|c| c.chars().next())
                        .unwrap_or('?'),
                );
            }
            _ => {}
        }
    }

    /// A named entity: XML's five are text; one of the file's own DTD is
    /// never expanded (a "billion laughs") nor fetched (`SYSTEM
    /// "file:///…"`): it is left out, and said so.
    fn entity(&mut self, name: &str) {
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            other => {
                if let Some(r) = self.stack.last_mut() {
                    let tag = self.field.as_ref().map_or("", |f| f.tag.as_str());
                    let shown: String = other.chars().take(40).collect();
                    r.warnings.push(format!(
                        "字段 {tag} 中的实体引用 &{shown}; 是文件自定义的，书香不展开，已略去。"
                    ));
                }
                return;
            }
        };
        self.buffer.push(c);
    }

    fn end(&mut self, name: &str) {
        let text = self.buffer.trim().to_owned();
        match name {
            "leader" => {
                if let Some(r) = self.stack.last_mut() {
                    r.leader = text;
                }
            }
            "controlfield" => {
                if let (Some(mut f), Some(r)) = (self.field.take(), self.stack.last_mut()) {
                    f.data = Some(text);
                    r.fields.push(f);
                }
            }
            "subfield" => {
                if let (Some(code), Some(f)) = (self.sub.take(), self.field.as_mut()) {
                    let mut ignored = Vec::new();
                    let warnings = self
                        .stack
                        .last_mut()
                        .map_or(&mut ignored, |r| &mut r.warnings);
                    f.push_subfield(code, text, warnings);
                }
            }
            "datafield" => {
                if let (Some(f), Some(r)) = (self.field.take(), self.stack.last_mut()) {
                    r.fields.push(f);
                }
                return;
            }
            "record" => {
                if let Some(r) = self.stack.pop()
                    && (!r.leader.is_empty() || !r.fields.is_empty())
                {
                    self.out.push(Ok(r));
                }
                return;
            }
            _ => return,
        }
        self.gathering = false;
    }
}
