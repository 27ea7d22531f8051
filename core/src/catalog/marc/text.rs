//! MARC in the two text forms librarians meet besides ISO 2709 and XML:
//! MarcEdit's mnemonic form (`.mrk`: `=245  10$aTitle$cAuthor`, one field a
//! line, a blank line between records) and MARC-in-JSON (`{"leader": …,
//! "fields": [{"245": {"ind1": …, "subfields": [{"a": …}]}}]}`, one record
//! or a list). Both read without panicking on any input.

use serde_json::Value;

use super::{MarcField, MarcRecord, ReadRecord};

/// Whether text is MarcEdit's mnemonic form: its first line a leader.
pub fn is_mrk(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .get(..5)
        .is_some_and(|head| head.eq_ignore_ascii_case("=LDR ") || head == "=000 ")
}

/// Whether text is MARC-in-JSON: a JSON object (or list of them) with a
/// leader and fields.
pub fn is_marc_json(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(4096)
        .collect();
    (head.starts_with('{') || head.starts_with('['))
        && head.contains("\"leader\"")
        && head.contains("\"fields\"")
}

/// MarcEdit's escapes for the characters its form uses itself.
fn unescape(value: &str) -> String {
    if !value.contains('{') {
        return value.to_owned();
    }
    value
        .replace("{dollar}", "$")
        .replace("{lcub}", "{")
        .replace("{rcub}", "}")
        .replace("{bsol}", "\\")
}

/// A blank in MarcEdit's form is written `\`.
fn blank(c: char) -> char {
    if c == '\\' { ' ' } else { c }
}

/// Reads every record of a `.mrk` file.
pub fn read_mrk(text: &str) -> Vec<ReadRecord> {
    let mut out = Vec::new();
    let mut record: Option<Result<MarcRecord, String>> = None;
    let finish = |record: &mut Option<Result<MarcRecord, String>>, out: &mut Vec<ReadRecord>| {
        if let Some(r) = record.take() {
            out.push(r);
        }
    };
    for line in text.trim_start_matches('\u{feff}').lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut record, &mut out);
            continue;
        }
        let n = out.len() + 1;
        let Some(rest) = line.strip_prefix('=') else {
            // A line that is not a field continues the one before (a long
            // field wrapped by an editor).
            if let Some(Ok(r)) = record.as_mut()
                && let Some(field) = r.fields.last_mut()
            {
                match (&mut field.data, field.subfields.last_mut()) {
                    (Some(data), _) => data.push_str(line.trim()),
                    (None, Some((_, value))) => value.push_str(&unescape(line.trim())),
                    _ => {}
                }
            }
            continue;
        };
        let tag: String = rest.chars().take(3).collect();
        let body = rest.get(3..).unwrap_or("").strip_prefix("  ").unwrap_or("");
        if tag.eq_ignore_ascii_case("LDR") || tag == "000" {
            finish(&mut record, &mut out);
            record = Some(Ok(MarcRecord {
                leader: body.replace('\\', " "),
                ..Default::default()
            }));
            continue;
        }
        let Some(Ok(r)) = record.as_mut() else {
            if record.is_none() {
                record = Some(Err(format!(
                    "第 {n} 条记录没有头标区（=LDR 行），字段 {tag} 之前应有一行 =LDR。"
                )));
            }
            continue;
        };
        if tag.chars().count() != 3 || !tag.chars().all(|c| c.is_ascii_alphanumeric()) {
            record = Some(Err(format!("第 {n} 条记录中“{line}”不是字段行。")));
            continue;
        }
        if tag.as_str() < "010" && tag.bytes().all(|b| b.is_ascii_digit()) {
            r.fields.push(MarcField {
                tag,
                indicators: [' ', ' '],
                data: Some(body.replace('\\', " ")),
                subfields: Vec::new(),
            });
            continue;
        }
        let mut chars = body.chars();
        let indicators = [
            blank(chars.next().unwrap_or(' ')),
            blank(chars.next().unwrap_or(' ')),
        ];
        let mut field = MarcField {
            tag,
            indicators,
            data: None,
            subfields: Vec::new(),
        };
        let mut warnings = Vec::new();
        for part in chars.as_str().split('$').skip(1) {
            let mut cs = part.chars();
            let Some(code) = cs.next() else { continue };
            field.push_subfield(code, unescape(cs.as_str()), &mut warnings);
        }
        r.warnings.extend(warnings);
        r.fields.push(field);
    }
    finish(&mut record, &mut out);
    out
}

/// Reads every record of a MARC-in-JSON file; a file that is not JSON is
/// one error naming where.
pub fn read_marc_json(text: &str) -> Vec<ReadRecord> {
    let value: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            return vec![Err(format!(
                "JSON 格式有误（第 {} 行第 {} 列附近）。",
                e.line(),
                e.column()
            ))];
        }
    };
    let items = match value {
        Value::Array(items) => items,
        one => vec![one],
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            json_record(item).map_err(|e| format!("第 {} 条记录无法读取：{e}。", i + 1))
        })
        .collect()
}

fn json_record(item: &Value) -> Result<MarcRecord, String> {
    let leader = item
        .get("leader")
        .and_then(Value::as_str)
        .ok_or("没有头标区（leader）")?;
    let fields = item
        .get("fields")
        .and_then(Value::as_array)
        .ok_or("没有字段列表（fields）")?;
    let mut record = MarcRecord {
        leader: leader.to_owned(),
        ..Default::default()
    };
    for entry in fields {
        let Some((tag, content)) = entry.as_object().and_then(|o| o.iter().next()) else {
            return Err("字段不是“标识符: 内容”的形式".into());
        };
        match content {
            Value::String(data) => record.fields.push(MarcField {
                tag: tag.clone(),
                indicators: [' ', ' '],
                data: Some(data.clone()),
                subfields: Vec::new(),
            }),
            Value::Object(o) => {
                let ind = |k: &str| {
                    o.get(k)
                        .and_then(Value::as_str)
                        .and_then(|s| s.chars().next())
                        .unwrap_or(' ')
                };
                let mut field = MarcField {
                    tag: tag.clone(),
                    indicators: [ind("ind1"), ind("ind2")],
                    data: None,
                    subfields: Vec::new(),
                };
                let subfields = o.get("subfields").and_then(Value::as_array);
                for sub in subfields.into_iter().flatten() {
                    if let Some((code, value)) = sub.as_object().and_then(|s| s.iter().next())
                        && let (Some(c), Some(v)) = (code.chars().next(), value.as_str())
                    {
                        field.push_subfield(c, v.to_owned(), &mut record.warnings);
                    }
                }
                record.fields.push(field);
            }
            _ => return Err(format!("字段 {tag} 的内容不是文字或子字段")),
        }
    }
    Ok(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marcedit_escapes_and_blanks_are_read() {
        let text = "=LDR  00000nam\\\\2200000\\a\\4500\n=001  ocm1\n\
                    =245  10$aCost {dollar}5 /$cA.\n=650  \\0$aTea.\n\n";
        let records = read_mrk(text);
        assert_eq!(records.len(), 1);
        let r = records[0].as_ref().unwrap();
        assert_eq!(r.leader, "00000nam  2200000 a 4500");
        assert_eq!(r.first("245", 'a'), Some("Cost $5 /"));
        let tea = r.fields("650").next().unwrap();
        assert_eq!(tea.indicators, [' ', '0']);
    }

    #[test]
    fn odd_text_gives_errors_never_a_panic() {
        for text in [
            "=",
            "=24",
            "=245",
            "=245  ",
            "=245  1",
            "$a$",
            "=LDR\n=0",
            "{",
            "[1,2]",
            "{\"leader\":1}",
        ] {
            let _ = read_mrk(text);
            let _ = read_marc_json(text);
        }
        assert!(
            read_mrk("=245  10$aX\n")[0].is_err(),
            "a field before any leader"
        );
    }
}
