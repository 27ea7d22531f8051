//! What the cross-area scenarios share: who acts, a clock stopped at a
//! given instant, a database file to reopen at another time, a reader with
//! a card, a title with its copies on a shelf. Each scenario file uses what
//! it needs (`mod support;`).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use shuxiang_core::catalog::{self, NewCopies, NewTitle, Title};
use shuxiang_core::people::{self, NewPerson, Person, PersonKind};
use shuxiang_core::{Actor, Clock, Db};

/// The librarian at the desktop app.
pub const ME: Actor = Actor::Desktop;

/// A clock stopped at `instant` (UTC; the office is UTC+8).
pub fn at(instant: &str) -> Clock {
    Clock::Fixed(instant.parse::<DateTime<Utc>>().unwrap())
}

/// A database file that can be reopened, as the app restarts, at another time.
pub struct Room {
    dir: tempfile::TempDir,
}

impl Room {
    pub fn new() -> Room {
        Room {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// Where the database file is.
    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("shuxiang.db")
    }

    /// The database as seen at `instant`.
    pub fn at(&self, instant: &str) -> Db {
        Db::open(&self.path()).unwrap().with_clock(at(instant))
    }
}

/// A reader with card `card`; `unit` is the department of a staff member
/// or the delegation of a deputy.
pub fn reader(db: &Db, name: &str, kind: PersonKind, card: &str, unit: &str) -> Person {
    let (department, delegation) = match kind {
        PersonKind::Staff => (Some(unit.into()), None),
        PersonKind::Deputy => (None, Some(unit.into())),
    };
    people::create_person(
        db,
        &ME,
        &NewPerson {
            kind: Some(kind),
            name: name.into(),
            department,
            delegation,
            card_barcode: Some(card.into()),
            ..Default::default()
        },
    )
    .unwrap()
}

/// A staff member of `department` with card `card`.
pub fn staff(db: &Db, name: &str, card: &str, department: &str) -> Person {
    reader(db, name, PersonKind::Staff, card, department)
}

/// A title with nothing but its name.
pub fn named(name: &str) -> NewTitle {
    NewTitle {
        title: name.into(),
        ..Default::default()
    }
}

/// Catalogues `title` with one copy per barcode, filed under `location`.
pub fn shelve(db: &Db, title: NewTitle, location: Option<&str>, barcodes: &[&str]) -> Title {
    catalog::create_title(
        db,
        &ME,
        &title,
        &NewCopies {
            barcodes: barcodes.iter().map(|b| b.to_string()).collect(),
            location: location.map(str::to_owned),
            ..Default::default()
        },
    )
    .unwrap()
}

/// An ISO 2709 record from (tag, field bytes) pairs, data fields already
/// holding their indicators and subfield delimiters.
pub fn iso2709(leader_09: u8, fields: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut directory = Vec::new();
    let mut data = Vec::new();
    for (tag, bytes) in fields {
        let mut f = bytes.clone();
        f.push(0x1E);
        directory.extend(format!("{tag}{:04}{:05}", f.len(), data.len()).bytes());
        data.extend(f);
    }
    directory.push(0x1E);
    let base = 24 + directory.len();
    let total = base + data.len() + 1;
    let mut out = format!("{total:05}nam {}22{base:05}   4500", leader_09 as char).into_bytes();
    out.extend(directory);
    out.extend(data);
    out.push(0x1D);
    out
}

pub fn sub(ind: &str, parts: &[(char, &[u8])]) -> Vec<u8> {
    let mut v = ind.as_bytes().to_vec();
    for (code, value) in parts {
        v.push(0x1F);
        v.push(*code as u8);
        v.extend(*value);
    }
    v
}

/// A one-book list as Excel writes it: 书名, 作者 and 乡土中国, 费孝通.
pub fn one_book_workbook() -> rust_xlsxwriter::Workbook {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, (header, value)) in [("书名", "乡土中国"), ("作者", "费孝通")]
        .into_iter()
        .enumerate()
    {
        sheet.write(0, col as u16, header).unwrap();
        sheet.write(1, col as u16, value).unwrap();
    }
    book
}

/// The one-book .xlsx rebuilt with `part` replaced by what `fill` writes.
pub fn xlsx_with(part: &str, fill: impl FnOnce(&mut dyn std::io::Write)) -> Vec<u8> {
    use std::io::{Read, Write};
    let original = one_book_workbook().save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(original)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    let mut fill = Some(fill);
    let mut found = false;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        out.start_file(name.as_str(), options).unwrap();
        if name == part {
            found = true;
            (fill.take().unwrap())(&mut out);
        } else {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    if !found {
        out.start_file(part, options).unwrap();
        (fill.take().unwrap())(&mut out);
    }
    out.finish().unwrap().into_inner()
}

/// A CSV book list of `rows` rows of `columns` columns, as another system
/// exports one: 书名 then columns of short text.
pub fn long_list(rows: usize, columns: usize) -> String {
    use std::fmt::Write;
    let mut csv = String::from("书名");
    for c in 2..=columns {
        write!(csv, ",列{c}").unwrap();
    }
    csv.push('\n');
    for r in 1..=rows {
        write!(csv, "书{r}").unwrap();
        for c in 2..=columns {
            write!(csv, ",值{c}").unwrap();
        }
        csv.push('\n');
    }
    csv
}
