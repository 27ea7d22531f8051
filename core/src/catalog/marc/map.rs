//! From a MARC record to the fields of a title, for both families:
//! MARC21 020/100/245/250/260/264/650/084/520/700 and CNMARC
//! 010/200/205/210/330/606/610/690/701/702/905.

use super::{MarcField, MarcRecord};

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Whether text is in a CJK script (Han, kana, Hangul): an 880 that is not
/// (MARC-8 East Asian codes this reader does not decode) is no title.
fn in_cjk_script(s: &str) -> bool {
    s.chars().any(|c| {
        ('\u{3040}'..='\u{30ff}').contains(&c)
            || ('\u{3400}'..='\u{9fff}').contains(&c)
            || ('\u{ac00}'..='\u{d7af}').contains(&c)
            || ('\u{f900}'..='\u{faff}').contains(&c)
    })
}

/// An ISBN as another library's record gives it: a wrong check digit is
/// kept in the note with a warning (the record is taken); otherwise the
/// cell goes to the importer's ISBN reading as it is.
fn other_librarys_isbn(
    tag: &str,
    cell: &str,
    put: &mut impl FnMut(&'static str, String),
    warnings: &mut Vec<String>,
) {
    // The ISBN itself: what leads the cell before any binding or price.
    let token: String = isbn_token(cell)
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | 'X' | 'x'))
        .collect();
    let digits = token.chars().filter(|c| *c != '-').count();
    if (digits == 10 || digits == 13) && crate::catalog::Isbn::parse(&token).is_err() {
        warnings.push(format!(
            "{tag} 中的 ISBN“{token}”校验位不对，没有作为 ISBN 导入，已记在备注中。"
        ));
        put("note", format!("原记录 ISBN（校验位不对）：{token}"));
    } else {
        put("isbn", cell.trim().to_owned());
    }
}

/// Of parallel fields in several scripts (UNIMARC `$7`: `ba` Latin, `ea`
/// Han), the one a Chinese reading room wants: Han script first.
fn preferred<'a>(r: &'a MarcRecord, tag: &str) -> Option<&'a MarcField> {
    let mut fields = r.fields.iter().filter(|f| f.tag == tag);
    let first = fields.clone().next()?;
    Some(
        fields
            .find(|f| {
                f.subfield('7').is_some_and(|s| s.starts_with("ea"))
                    || f.subfields.iter().any(|(_, v)| has_han(v))
            })
            .unwrap_or(first),
    )
}

/// A personal name as `$a, $b` (surname, forename) when there is a forename.
fn name(f: &MarcField) -> Option<String> {
    let a = tidy(f.subfield('a')?);
    Some(match f.subfield('b').map(tidy).filter(|b| !b.is_empty()) {
        Some(b) if !has_han(&a) => format!("{a}, {b}"),
        Some(b) => format!("{a}{b}"),
        None => a,
    })
}

/// The fields [`record_to_row`] reads, of either family.
const MAPPED: &[&str] = &[
    "010", "020", "084", "100", "110", "130", "200", "205", "210", "214", "240", "245", "246",
    "250", "260", "264", "880", "330", "520", "600", "606", "610", "650", "651", "690", "700",
    "701", "702", "710", "711", "712", "905",
];

/// Whether the import reads field `tag` (of MARC21 or UNIMARC).
pub(crate) fn is_mapped(tag: &str) -> bool {
    MAPPED.contains(&tag)
}

/// Which MARC family a record belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarcFlavour {
    Marc21,
    Unimarc,
}

impl MarcFlavour {
    /// MARC21 has its title in 245, UNIMARC/CNMARC in 200.
    pub fn of(record: &MarcRecord) -> MarcFlavour {
        if record.fields("245").next().is_none() && record.fields("200").next().is_some() {
            MarcFlavour::Unimarc
        } else {
            MarcFlavour::Marc21
        }
    }
}

/// ISBD punctuation MARC21 leaves at the end of subfields: `Title /`, `1997.`
fn tidy(s: &str) -> String {
    s.trim()
        .trim_end_matches([' ', '/', ':', ';', ',', '=', '.'])
        .trim()
        .to_owned()
}

/// The first word of an ISBN subfield: `9780306406157 (pbk.)` → `9780306406157`.
fn isbn_token(s: &str) -> String {
    s.split([' ', '(', ':'])
        .find(|t| !t.is_empty())
        .unwrap_or("")
        .to_owned()
}

/// A subject heading: the subfields `codes` of `f` in the field's order,
/// tidied, joined by `sep`.
fn heading(f: &MarcField, codes: &[char], sep: &str) -> String {
    f.subfields
        .iter()
        .filter(|(c, _)| codes.contains(c))
        .map(|(_, v)| tidy(v))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

fn join(values: impl Iterator<Item = String>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for v in values.filter(|v| !v.is_empty()) {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.join("；")
}

/// The record as cells keyed by the book import's field keys, and what was
/// read in spite of the record's form (for the report).
pub fn record_to_row(r: &MarcRecord) -> (Vec<(&'static str, String)>, Vec<String>) {
    let mut row: Vec<(&'static str, String)> = Vec::new();
    let mut put = |key: &'static str, value: String| {
        if !value.trim().is_empty() {
            row.push((key, value));
        }
    };
    let mut warnings = Vec::new();
    match MarcFlavour::of(r) {
        MarcFlavour::Marc21 => marc21_fields(r, &mut put, &mut warnings),
        MarcFlavour::Unimarc => unimarc_fields(r, &mut put, &mut warnings),
    }
    (row, warnings)
}

/// The 880 field holding `tag`'s vernacular form (Chinese, Japanese…),
/// linked by its `$6` (`245-01/$1`).
fn vernacular<'a>(r: &'a MarcRecord, tag: &str) -> Option<&'a MarcField> {
    r.fields("880").find(|f| {
        f.subfield('6')
            .is_some_and(|link| link.starts_with(tag) && link[tag.len()..].starts_with('-'))
    })
}

/// The first value of subfield `code` of `tag`, in its own script when the
/// record carries it in an 880, else as romanised.
fn own_script<'a>(r: &'a MarcRecord, tag: &str, code: char) -> Option<&'a str> {
    vernacular(r, tag)
        .and_then(|f| f.subfield(code))
        .or_else(|| r.first(tag, code))
}

/// A title from a 245 (or its 880): `$a` with the part's number and name
/// (`$n`, `$p`: 第二卷) so volumes stay apart, or where a record has no
/// `$a`, the form (`$k`) or the part alone.
fn title_of(f: &MarcField) -> String {
    let a = f.subfield('a').map(tidy).unwrap_or_default();
    let part = f
        .subfields
        .iter()
        .filter(|(c, _)| matches!(c, 'n' | 'p'))
        .map(|(_, v)| tidy(v))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !a.is_empty() {
        return if part.is_empty() {
            a
        } else {
            format!("{a} {part}")
        };
    }
    let k = f.subfield('k').map(tidy).unwrap_or_default();
    if !k.is_empty() {
        return k;
    }
    part
}

/// The fields of a MARC21 record, each given to `put` by its key; what was
/// read in spite of the record's form goes to `warnings`.
fn marc21_fields(
    r: &MarcRecord,
    put: &mut impl FnMut(&'static str, String),
    warnings: &mut Vec<String>,
) {
    // Records from other libraries carry ISBNs with a wrong check digit
    // (MARC's own answer is 020 $z): kept in the note, said in a warning.
    if let Some(cell) = r.first("020", 'a') {
        other_librarys_isbn("020", &isbn_token(cell), put, warnings);
    }
    put("price", r.first("020", 'c').map(tidy).unwrap_or_default());
    // The title in its own script (880), the romanised one kept beside it;
    // without a 245 title, the uniform or varying titles.
    let romanised = r.fields("245").next().map(title_of).unwrap_or_default();
    let mut own = vernacular(r, "245").map(title_of).unwrap_or_default();
    if !own.is_empty() && !in_cjk_script(&own) {
        warnings.push(
            "880 字段的中日韩文字无法解码（MARC-8 东亚字符集），书名用了罗马字形式。".to_owned(),
        );
        own.clear();
    }
    let title = [own.clone(), romanised.clone()]
        .into_iter()
        .chain(
            ["240", "130", "246"]
                .iter()
                .map(|t| r.first(t, 'a').map(tidy).unwrap_or_default()),
        )
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    if !own.is_empty() && own != romanised {
        put("alt_title", romanised);
    }
    put("title", title);
    put(
        "subtitle",
        own_script(r, "245", 'b').map(tidy).unwrap_or_default(),
    );
    let names = join(["100", "110", "700", "710"].iter().flat_map(|t| {
        // Each name in its own script where the record has it.
        r.fields(t)
            .map(move |f| {
                let linked = f.subfield('6').and_then(|link| {
                    let occurrence = link.split(['/', '-']).nth(1)?;
                    r.fields("880").find(|v| {
                        v.subfield('6')
                            .is_some_and(|l| l.starts_with(&format!("{t}-{occurrence}")))
                    })
                });
                linked.unwrap_or(f)
            })
            .filter_map(|f| f.subfield('a'))
            .map(tidy)
    }));
    let names = if names.is_empty() {
        own_script(r, "245", 'c').map(tidy).unwrap_or_default()
    } else {
        names
    };
    put("authors", names);
    put(
        "edition",
        own_script(r, "250", 'a').map(tidy).unwrap_or_default(),
    );
    put(
        "publisher",
        own_script(r, "264", 'b')
            .or(own_script(r, "260", 'b'))
            .map(tidy)
            .unwrap_or_default(),
    );
    put(
        "year",
        r.first("264", 'c')
            .or(r.first("260", 'c'))
            .map(tidy)
            .unwrap_or_default(),
    );
    // A 650/651 heading with its subdivisions ($x topic, $y period, $z
    // place, $v form), as MARC21 prints them: Economic policy--China.
    put(
        "subjects",
        join(
            r.fields("650")
                .map(|f| heading(f, &['a', 'x', 'y', 'z', 'v'], "--"))
                .chain(r.all("600", 'a').map(tidy))
                .chain(
                    r.fields("651")
                        .map(|f| heading(f, &['a', 'x', 'y', 'z', 'v'], "--")),
                ),
        ),
    );
    // 084 is a CLC number when its $2 says so; one without a $2 (Chinese
    // libraries' exports leave it out) when it reads like one. Other
    // schemes' numbers are not the 中图法.
    let clc = r
        .fields("084")
        .find(|f| match f.subfield('2') {
            Some(s) => s.trim().eq_ignore_ascii_case("clc"),
            None => f
                .subfield('a')
                .and_then(|a| a.trim().chars().next())
                .is_some_and(|c| c.is_ascii_uppercase()),
        })
        .and_then(|f| f.subfield('a'));
    put("clc", clc.map(tidy).unwrap_or_default());
    put(
        "summary",
        r.first("520", 'a')
            .map(str::trim)
            .unwrap_or_default()
            .to_owned(),
    );
}

/// The fields of a CNMARC/UNIMARC record, each given to `put` by its key,
/// with the local holdings Chinese systems keep in 905.
fn unimarc_fields(
    r: &MarcRecord,
    put: &mut impl FnMut(&'static str, String),
    warnings: &mut Vec<String>,
) {
    // Chinese catalogues write what they please beside the ISBN
    // (`978-7-…（平装）`, `: CNY45.00`): the importer's ISBN cell reading
    // takes it apart and says so; a wrong check digit, as for MARC21.
    if let Some(cell) = r.first("010", 'a') {
        other_librarys_isbn("010", cell, put, warnings);
    }
    put("price", r.first("010", 'd').map(tidy).unwrap_or_default());
    let title = preferred(r, "200");
    let sub = |code: char| {
        title
            .and_then(|f| f.subfield(code))
            .map(tidy)
            .unwrap_or_default()
    };
    // The part's number and name (200 $h, $i: 第二卷) keep volumes apart.
    let part = [sub('h'), sub('i')]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let main = sub('a');
    put(
        "title",
        if part.is_empty() || main.is_empty() {
            format!("{main}{part}")
        } else {
            format!("{main} {part}")
        },
    );
    put("subtitle", sub('e'));
    let names = join(
        ["700", "701", "702", "710", "711", "712"]
            .iter()
            .flat_map(|tag| r.fields(tag))
            .filter(|f| {
                f.subfield('7').is_none_or(|s| s.starts_with("ea"))
                    || !r.fields.iter().any(|g| {
                        g.tag == f.tag && g.subfield('7').is_some_and(|s| s.starts_with("ea"))
                    })
            })
            .filter_map(name),
    );
    // Names only in Latin script while the title is Chinese: the
    // statement of responsibility (200 $f) reads right for readers.
    let responsibility = sub('f');
    let names = if names.is_empty() || (has_han(&responsibility) && !has_han(&names)) {
        responsibility
    } else {
        names
    };
    put("authors", names);
    put(
        "edition",
        preferred(r, "205")
            .and_then(|f| f.subfield('a'))
            .map(tidy)
            .unwrap_or_default(),
    );
    let publication = preferred(r, "210").or(preferred(r, "214"));
    put(
        "publisher",
        publication
            .and_then(|f| f.subfield('c'))
            .map(tidy)
            .unwrap_or_default(),
    );
    put(
        "year",
        publication
            .and_then(|f| f.subfield('d'))
            .map(tidy)
            .unwrap_or_default(),
    );
    // A 606 heading is its entry and its subdivisions ($x topic, $y place,
    // $z period, $j form), joined as Chinese catalogues print them:
    // 经济改革-研究-中国.
    put(
        "subjects",
        join(
            r.fields("606")
                .map(|f| heading(f, &['a', 'x', 'y', 'z', 'j'], "-"))
                .chain(r.all("610", 'a').map(tidy)),
        ),
    );
    put("clc", r.first("690", 'a').map(tidy).unwrap_or_default());
    put(
        "summary",
        preferred(r, "330")
            .and_then(|f| f.subfield('a'))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned(),
    );
    // 905: local holdings as Chinese systems write them: $b 登录号 (barcode),
    // $c 馆藏地, $d 分类号 and $e 种次号 of the call number.
    put("barcode", join(r.all("905", 'b').map(tidy)));
    put(
        "location",
        r.first("905", 'c').map(tidy).unwrap_or_default(),
    );
    match (r.first("905", 'd'), r.first("905", 'e')) {
        (Some(class), Some(seq)) => put("call_number", format!("{}/{}", tidy(class), tidy(seq))),
        // Some systems write the whole call number in $d: D23/12.
        (Some(whole), None) if tidy(whole).contains('/') => put("call_number", tidy(whole)),
        _ => {}
    }
}
