//! Property-based fuzzing on stable (proptest): the MARC reader (ISO 2709
//! and XML), the spreadsheet/CSV reader and the book import, the ISBN
//! parser and the recurrence rules never panic on any input, and keep
//! their promises on valid input. Each property runs a bounded number of
//! cases (PROPTEST_CASES raises it for a longer run).

use std::path::PathBuf;

use proptest::prelude::*;
use shuxiang_core::calendar::OpenDays;
use shuxiang_core::catalog::{self, BookFileFormat, Isbn};
use shuxiang_core::import::ImportOptions;
use shuxiang_core::sharing::{End, Pattern, Recurrence};
use shuxiang_core::{Actor, Db};

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn sample(path: &str) -> Vec<u8> {
    std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/samples")
            .join(path),
    )
    .unwrap()
}

/// A real record, mutated: bytes flipped, cut short or spliced.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (prop::collection::vec((0..len, any::<u8>()), 0..12), 0..=len).prop_map(move |(flips, cut)| {
        let mut b = base.clone();
        for (i, v) in flips {
            b[i] = v;
        }
        b.truncate(cut.max(1));
        b
    })
}

proptest! {
    #![proptest_config(cases(200))]

    #[test]
    fn the_marc_reader_never_panics_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000)) {
        let _ = catalog::read_book_file(&bytes, "x.mrc", BookFileFormat::Marc);
        let _ = catalog::read_book_file(&bytes, "x.xml", BookFileFormat::MarcXml);
        let _ = catalog::read_book_file(&bytes, "x", BookFileFormat::Auto);
    }

    #[test]
    fn the_marc_reader_never_panics_on_damaged_real_records(bytes in mutated(sample("marc21/chabon.mrc"))) {
        let _ = catalog::read_book_file(&bytes, "x.mrc", BookFileFormat::Marc);
    }

    #[test]
    fn the_unimarc_reader_never_panics_on_damaged_records(bytes in mutated(sample("unimarc/bnf_unimarc_utf8.mrc"))) {
        let _ = catalog::read_book_file(&bytes, "x.mrc", BookFileFormat::Marc);
    }

    #[test]
    fn the_marcxml_reader_never_panics_on_damaged_xml(bytes in mutated(sample("marc21/chabon.xml"))) {
        let _ = catalog::read_book_file(&bytes, "x.xml", BookFileFormat::MarcXml);
    }

    #[test]
    fn a_csv_of_anything_is_read_or_refused_in_words(text in "[书名作者,ISBN\\n\"=+0-9a-z\\-\\r\\t ]{0,400}") {
        let db = Db::open_in_memory().unwrap();
        let options = ImportOptions { dry_run: true, ..Default::default() };
        match catalog::import_books_file(&db, &Actor::CommandLine, "x.csv", text.as_bytes(), options) {
            Ok(report) => prop_assert!(!report.committed),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }

    #[test]
    fn spreadsheet_bytes_never_panic(bytes in mutated(include_bytes!("fixtures/books.xlsx").to_vec())) {
        let _ = catalog::read_book_file(&bytes, "x.xlsx", BookFileFormat::Auto);
    }

    #[test]
    fn the_isbn_parser_never_panics(text in "\\PC{0,30}") {
        let _ = Isbn::parse(&text);
    }

    #[test]
    fn every_valid_isbn13_parses_and_converts(body in prop::collection::vec(0u8..10, 9)) {
        let digits: String = std::iter::once("978".to_owned()).chain(body.iter().map(|d| d.to_string())).collect();
        let sum: u32 = digits.chars().enumerate().map(|(i, c)| c.to_digit(10).unwrap() * if i % 2 == 0 { 1 } else { 3 }).sum();
        let isbn13 = format!("{digits}{}", (10 - sum % 10) % 10);
        let parsed = Isbn::parse(&isbn13).unwrap();
        prop_assert_eq!(parsed.as_str(), isbn13.as_str());
        let ten = parsed.to_isbn10().unwrap();
        let back = Isbn::parse(&ten).unwrap();
        prop_assert_eq!(back.as_str(), isbn13.as_str(), "10 → 13 round trip");
        let hyphenated = format!("{}-{}-{}", &isbn13[..3], &isbn13[3..7], &isbn13[7..]);
        let folded = Isbn::parse(&hyphenated).unwrap();
        prop_assert_eq!(folded.as_str(), isbn13.as_str());
    }

    #[test]
    fn recurrences_never_panic_and_keep_their_promises(
        kind in 0u8..3,
        every in 0u32..70,
        day in 0u8..40,
        nth in -3i8..7,
        weekdays in prop::collection::vec(0u8..10, 0..5),
        start_offset in 0i64..3000,
        until_offset in -50i64..2000,
        count in 0u32..600,
        by_count in any::<bool>(),
    ) {
        let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(start_offset as u64);
        let pattern = match kind {
            0 => Pattern::Weekly { every, weekdays: weekdays.clone() },
            1 => Pattern::MonthlyDay { every, day },
            _ => Pattern::MonthlyWeekday { every, nth, weekday: weekdays.first().copied().unwrap_or(4) },
        };
        let end = if by_count {
            End::Count { count }
        } else {
            End::Until { date: start + chrono::Duration::days(until_offset) }
        };
        let r = Recurrence { pattern: pattern.clone(), start, end, skip_holidays: true, skip: vec![] };
        if let Ok(dates) = r.expand(&OpenDays::new(vec![6, 7], vec![])) {
            prop_assert!(dates.windows(2).all(|w| w[0].date < w[1].date), "ascending, no repeats");
            prop_assert!(dates.iter().all(|o| o.date >= start));
            match end {
                End::Until { date } => prop_assert!(dates.iter().all(|o| o.date <= date)),
                End::Count { count } => prop_assert!(dates.iter().filter(|o| o.skipped.is_none()).count() <= count as usize),
            }
            if let Pattern::Weekly { weekdays, .. } = &pattern {
                use chrono::Datelike;
                prop_assert!(dates.iter().all(|o| weekdays.contains(&(o.date.weekday().number_from_monday() as u8))));
            }
        }
    }
}
