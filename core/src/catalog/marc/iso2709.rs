//! ISO 2709: a 24-byte leader, a directory of 12-byte entries (tag, length,
//! start), then the fields. Every length and offset is checked, so a
//! truncated or damaged record is an error naming it, never a panic; the
//! reader then resumes at the next record terminator.

use super::{MarcField, MarcRecord, ReadRecord, marc8};

const FIELD_END: u8 = 0x1E;
const RECORD_END: u8 = 0x1D;
const SUBFIELD: u8 = 0x1F;

/// How a record's text is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    Utf8,
    Marc8,
    Gb18030,
}

fn number(bytes: &[u8]) -> Option<usize> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(bytes).ok()?.parse().ok()
}

/// Reads every record of an ISO 2709 file.
pub fn read_iso2709(bytes: &[u8]) -> Vec<ReadRecord> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        // Stray line breaks between records (files passed through a text editor).
        if rest[0] == b'\n' || rest[0] == b'\r' || rest[0] == b' ' {
            rest = &rest[1..];
            continue;
        }
        let n = out.len() + 1;
        let declared = rest.get(..5).and_then(number);
        match declared {
            Some(len) if len >= 24 && len <= rest.len() && rest[len - 1] == RECORD_END => {
                out.push(
                    parse_record(&rest[..len]).map_err(|e| format!("第 {n} 条记录无法读取：{e}")),
                );
                rest = &rest[len..];
            }
            _ => {
                let end = rest.iter().position(|b| *b == RECORD_END);
                // A length that disagrees with the bytes (off by a few, or
                // counted in characters by the exporter), with a sound record
                // up to the terminator, is read as it is: a librarian wants
                // the record. Beyond a few bytes, the report says so.
                if let (Some(len), Some(i)) = (declared, end)
                    && rest.len() >= 24
                    && let Ok(mut record) = parse_record(&rest[..=i])
                {
                    if len.abs_diff(i + 1) > 16 && record.warnings.is_empty() {
                        record.warnings.push(format!(
                            "头标区的记录长度（{len}）与实际字节数（{}）不符，已按记录结束符读取。",
                            i + 1
                        ));
                    }
                    out.push(Ok(record));
                    rest = &rest[i + 1..];
                    continue;
                }
                let why = match (declared, end) {
                    (Some(len), None) if len > rest.len() => "记录不完整，文件可能被截断",
                    (None, _) => "记录长度不是数字（头标区损坏）",
                    _ => "记录长度与实际内容不符",
                };
                out.push(Err(format!("第 {n} 条记录无法读取：{why}。")));
                match end {
                    Some(i) => rest = &rest[i + 1..],
                    None => break,
                }
            }
        }
    }
    out
}

fn parse_record(rec: &[u8]) -> Result<MarcRecord, String> {
    // A terminator early in a damaged file leaves less than a leader.
    let Some(leader) = rec.get(..24) else {
        return Err("记录太短，没有完整的头标区".into());
    };
    let base = number(&leader[12..17]).ok_or("数据起始位置不是数字")?;
    if base < 25 || base > rec.len() {
        return Err("数据起始位置超出记录范围".into());
    }
    let directory = &rec[24..base - 1];
    if !directory.len().is_multiple_of(12) {
        return Err("目次区长度不对".into());
    }
    let mut raw: Vec<(String, &[u8])> = Vec::with_capacity(directory.len() / 12);
    let mut warnings = Vec::new();
    let mut agrees = true;
    for entry in directory.chunks(12) {
        let tag = std::str::from_utf8(&entry[..3])
            .map_err(|_| "字段标识符无效")?
            .to_owned();
        let len = number(&entry[3..7]).ok_or_else(|| format!("字段 {tag} 的长度不是数字"))?;
        let start =
            number(&entry[7..12]).ok_or_else(|| format!("字段 {tag} 的起始位置不是数字"))?;
        let from = base + start;
        match rec.get(from..from + len) {
            Some(data) if data.last() == Some(&FIELD_END) => {
                raw.push((tag, &data[..data.len() - 1]));
            }
            data => {
                agrees = false;
                raw.push((tag, data.unwrap_or_default()));
            }
        }
    }
    if !agrees {
        // The directory's lengths disagree with the bytes (an exporter that
        // counted characters): the fields are read by their terminators, in
        // the directory's order, when there are as many as it lists.
        let body = rec[base..]
            .strip_suffix(&[RECORD_END])
            .unwrap_or(&rec[base..]);
        let pieces: Vec<&[u8]> = body.split(|b| *b == FIELD_END).collect();
        let pieces = match pieces.split_last() {
            Some(([], rest)) => rest,
            _ => &pieces[..],
        };
        if pieces.len() != raw.len() {
            return Err(format!(
                "目次区列出 {} 个字段，记录中有 {} 个，字段长度也与实际不符",
                raw.len(),
                pieces.len()
            ));
        }
        for ((_, data), piece) in raw.iter_mut().zip(pieces) {
            *data = piece;
        }
        warnings.push(
            "目次区的字段长度与实际字节数不符（导出程序可能按字符计数），已按字段结束符读取，请核对。"
                .to_owned(),
        );
    }
    let unimarc = raw.iter().any(|(t, _)| t == "200") && !raw.iter().any(|(t, _)| t == "245");
    let charset = charset(leader, &raw, unimarc);
    let mut fields = Vec::with_capacity(raw.len());
    for (tag, data) in raw {
        fields.push(parse_field(tag, data, charset, &mut warnings));
    }
    Ok(MarcRecord {
        leader: String::from_utf8_lossy(leader).into_owned(),
        fields,
        warnings,
    })
}

/// UTF-8 when the bytes are valid UTF-8; MARC-8 for a MARC21 record that
/// says so (leader/09 blank) and decodes as ANSEL; otherwise GB18030, the
/// encoding of most Chinese CNMARC files.
fn charset(leader: &[u8], raw: &[(String, &[u8])], unimarc: bool) -> Charset {
    if raw.iter().all(|(_, d)| std::str::from_utf8(d).is_ok()) {
        return Charset::Utf8;
    }
    if !unimarc && leader[9] == b' ' && raw.iter().all(|(_, d)| marc8::is_ansel(d)) {
        return Charset::Marc8;
    }
    Charset::Gb18030
}

fn decode(bytes: &[u8], charset: Charset) -> String {
    let text = match charset {
        Charset::Utf8 => String::from_utf8_lossy(bytes).into_owned(),
        Charset::Marc8 => marc8::decode(bytes),
        Charset::Gb18030 => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    };
    // Non-sorting markers around a leading article ("\u{98}Les \u{9c}Misérables")
    // are for sorting machines, not for people.
    text.chars()
        .filter(|c| !matches!(c, '\u{88}' | '\u{89}' | '\u{98}' | '\u{9C}'))
        .collect::<String>()
        .trim()
        .to_owned()
}

fn parse_field(
    tag: String,
    data: &[u8],
    charset: Charset,
    warnings: &mut Vec<String>,
) -> MarcField {
    if tag.as_str() < "010" && tag.bytes().all(|b| b.is_ascii_digit()) {
        return MarcField {
            tag,
            indicators: [' ', ' '],
            data: Some(decode(data, charset)),
            subfields: Vec::new(),
        };
    }
    let indicators = match data {
        [a, b, ..] if *a != SUBFIELD && *b != SUBFIELD => [char::from(*a), char::from(*b)],
        _ => [' ', ' '],
    };
    let body = if data.len() >= 2 && data[0] != SUBFIELD {
        &data[2..]
    } else {
        data
    };
    let mut field = MarcField {
        tag,
        indicators,
        data: None,
        subfields: Vec::new(),
    };
    for part in body.split(|b| *b == SUBFIELD).skip(1) {
        let Some((&code, value)) = part.split_first() else {
            continue;
        };
        if code.is_ascii() {
            field.push_subfield(char::from(code), decode(value, charset), warnings);
        } else {
            // The code byte begins a character of the record's encoding: the
            // character it begins stands where the code should.
            let text = decode(part, charset);
            let mut chars = text.chars();
            let shown = chars.next().unwrap_or('?');
            field.push_subfield(shown, chars.as_str().to_owned(), warnings);
        }
    }
    field
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_and_truncated_bytes_give_errors_never_a_panic() {
        let mut seed = 7u64;
        for len in [0usize, 1, 5, 23, 24, 25, 100, 1000] {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 56) as u8
                })
                .collect();
            let _ = read_iso2709(&bytes);
            let mut fake = b"00100nam  2200049   4500".to_vec();
            fake.extend(&bytes);
            let _ = read_iso2709(&fake);
        }
    }

    /// A length that disagrees, and a record terminator before the end of
    /// what would be the leader: an error, not a slice past the record (a
    /// case the fuzz test found).
    #[test]
    fn a_terminator_inside_the_leader_is_an_error() {
        let mut bytes = b"00100nam\x1d".to_vec();
        bytes.extend([b'x'; 30]);
        let records = read_iso2709(&bytes);
        assert!(records.iter().all(Result::is_err), "{records:?}");
    }

    #[test]
    fn a_record_cut_short_is_named() {
        let full = b"00052nam  2200037   4500245000500000\x1e\x1fa\xe4\xb8\xad\x1e\x1d";
        let records = read_iso2709(&full[..40]);
        assert_eq!(records.len(), 1);
        assert!(
            records[0].as_ref().unwrap_err().contains("第 1 条记录"),
            "{records:?}"
        );
    }
}
