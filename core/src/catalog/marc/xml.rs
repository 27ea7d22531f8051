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
    let mut out: Vec<ReadRecord> = Vec::new();
    let mut stack: Vec<MarcRecord> = Vec::new();
    let mut field: Option<MarcField> = None;
    let mut sub: Option<(char, String)> = None;
    let mut text_target: Option<&'static str> = None;
    let mut buffer = String::new();
    loop {
        match reader.read_event() {
            Err(e) => {
                out.push(Err(format!(
                    "第 {} 条记录附近的 XML 格式有误：{e}。",
                    out.len() + 1
                )));
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = e.local_name();
                match AsRef::<str>::as_ref(&name) {
                    "record" => stack.push(MarcRecord::default()),
                    "leader" => {
                        buffer.clear();
                        text_target = Some("leader");
                    }
                    "controlfield" => {
                        buffer.clear();
                        text_target = Some("control");
                        field = Some(MarcField {
                            tag: attr(&e, "tag").unwrap_or_default(),
                            indicators: [' ', ' '],
                            data: None,
                            subfields: Vec::new(),
                        });
                    }
                    "datafield" => {
                        let ind =
                            |n: &str| attr(&e, n).and_then(|v| v.chars().next()).unwrap_or(' ');
                        field = Some(MarcField {
                            tag: attr(&e, "tag").unwrap_or_default(),
                            indicators: [ind("ind1"), ind("ind2")],
                            data: None,
                            subfields: Vec::new(),
                        });
                    }
                    "subfield" => {
                        buffer.clear();
                        text_target = Some("subfield");
                        sub = Some((
                            attr(&e, "code")
                                .and_then(|c| c.chars().next())
                                .unwrap_or('?'),
                            String::new(),
                        ));
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(t)) if text_target.is_some() => {
                buffer.push_str(&t.xml_content(XmlVersion::Implicit1_0))
            }
            Ok(Event::GeneralRef(r)) if text_target.is_some() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    buffer.push(c);
                } else {
                    let name = r.xml_content(XmlVersion::Implicit1_0);
                    match name.as_ref() {
                        "lt" => buffer.push('<'),
                        "gt" => buffer.push('>'),
                        "amp" => buffer.push('&'),
                        "quot" => buffer.push('"'),
                        "apos" => buffer.push('\''),
                        // An entity of the file's own DTD is never expanded
                        // (a "billion laughs") nor fetched (`SYSTEM
                        // "file:///…"`): it is left out, and said so.
                        other => {
                            if let Some(r) = stack.last_mut() {
                                let tag = field.as_ref().map_or("", |f| f.tag.as_str());
                                let shown: String = other.chars().take(40).collect();
                                r.warnings.push(format!(
                                    "字段 {tag} 中的实体引用 &{shown}; 是文件自定义的，书香不展开，已略去。"
                                ));
                            }
                        }
                    }
                }
            }
            Ok(Event::CData(t)) if text_target.is_some() => {
                buffer.push_str(&t.xml_content(XmlVersion::Implicit1_0))
            }
            Ok(Event::End(e)) => match AsRef::<str>::as_ref(&e.local_name()) {
                "leader" => {
                    if let Some(r) = stack.last_mut() {
                        r.leader = buffer.trim().to_owned();
                    }
                    text_target = None;
                }
                "controlfield" => {
                    if let (Some(mut f), Some(r)) = (field.take(), stack.last_mut()) {
                        f.data = Some(buffer.trim().to_owned());
                        r.fields.push(f);
                    }
                    text_target = None;
                }
                "subfield" => {
                    if let (Some((code, _)), Some(f)) = (sub.take(), field.as_mut()) {
                        let mut ignored = Vec::new();
                        let warnings = stack.last_mut().map_or(&mut ignored, |r| &mut r.warnings);
                        f.push_subfield(code, buffer.trim().to_owned(), warnings);
                    }
                    text_target = None;
                }
                "datafield" => {
                    if let (Some(f), Some(r)) = (field.take(), stack.last_mut()) {
                        r.fields.push(f);
                    }
                }
                "record" => {
                    if let Some(r) = stack.pop()
                        && (!r.leader.is_empty() || !r.fields.is_empty())
                    {
                        out.push(Ok(r));
                    }
                }
                _ => {}
            },
            Ok(_) => {}
        }
    }
    out
}
