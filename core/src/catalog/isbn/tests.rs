use super::*;

fn isbn(s: &str) -> String {
    Isbn::parse(s).unwrap().to_string()
}

#[test]
fn isbn_13_with_hyphens_spaces_or_full_width_digits_is_accepted() {
    assert_eq!(isbn("978-7-01-022485-5"), "9787010224855");
    assert_eq!(isbn(" 978 7010 224855 "), "9787010224855");
    assert_eq!(isbn("９７８７０１０２２４８５５"), "9787010224855");
    assert_eq!(isbn("ISBN 978-7-01-022485-5"), "9787010224855");
}

#[test]
fn isbn_10_is_stored_as_isbn_13_and_converts_back() {
    assert_eq!(isbn("0-306-40615-2"), "9780306406157");
    assert_eq!(
        isbn("7-80050-185-X"),
        isbn("7-80050-185-x"),
        "a lower-case x is the same check digit"
    );
    let i = Isbn::parse("0306406152").unwrap();
    assert_eq!(i.to_isbn10().as_deref(), Some("0306406152"));
}

#[test]
fn a_979_isbn_has_no_isbn_10() {
    let i = Isbn::parse("979-10-90636-07-1").unwrap();
    assert_eq!(i.to_isbn10(), None);
}

#[test]
fn wrong_check_digits_prefixes_lengths_and_characters_are_refused() {
    assert!(
        Isbn::parse("978-7-01-022485-8")
            .unwrap_err()
            .0
            .contains("校验位")
    );
    assert!(
        Isbn::parse("0-306-40615-3")
            .unwrap_err()
            .0
            .contains("校验位")
    );
    assert!(
        Isbn::parse("9771234567003").unwrap_err().0.contains("978"),
        "an ISSN-like 977 prefix is not an ISBN"
    );
    assert!(Isbn::parse("12345").unwrap_err().0.contains("5 位"));
    assert!(
        Isbn::parse("978701022485A")
            .unwrap_err()
            .0
            .contains("非法字符")
    );
    assert!(
        Isbn::parse("97870102248X7").is_err(),
        "X only as an ISBN-10 check digit"
    );
    assert!(Isbn::parse("").is_err());
}

#[test]
fn excel_lost_leading_zeros_are_repaired_when_the_check_digit_agrees() {
    match Isbn::read_cell("306406152").unwrap() {
        IsbnRead::Repaired(i, why) => {
            assert_eq!(i.as_str(), "9780306406157");
            assert!(why.contains("补全"));
        }
        other => panic!("expected a repair, got {other:?}"),
    }
    assert!(
        Isbn::read_cell("306406153").is_err(),
        "a padding the check digit does not prove is refused"
    );
}

#[test]
fn excel_scientific_notation_is_repaired_only_when_no_digit_was_lost() {
    assert!(
        matches!(Isbn::read_cell("9.787010224855E+12").unwrap(), IsbnRead::Repaired(i, _) if i.as_str() == "9787010224855")
    );
    let err = Isbn::read_cell("9.78701E+12").unwrap_err();
    assert!(err.0.contains("科学计数法"), "{}", err.0);
}

fn cell(text: &str) -> IsbnCell {
    IsbnCell::read(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn an_isbn_cell_with_a_price_gives_the_isbn_and_the_price() {
    let c = cell("978-7-01-022485-5 : CNY45.00");
    assert_eq!(c.isbn.as_str(), "9787010224855");
    assert_eq!(c.price.as_deref(), Some("CNY45.00"));
    assert_eq!(c.rest, None, "nothing else stood beside it");
    let c = cell("7-01-022485-4 定价：38.50元");
    assert_eq!(
        c.price.as_deref(),
        Some("38.50元"),
        "the label 定价 is not the price"
    );
    let c = cell("9787010224855 45.00");
    assert_eq!(
        c.price.as_deref(),
        Some("45.00"),
        "a bare amount after the ISBN"
    );
    let c = cell("9787010224855 ¥45");
    assert_eq!(c.price.as_deref(), Some("¥45"));
    let c = cell("ISBN 978-7-01-022485-5 定价: CNY 45.00");
    assert_eq!(c.price.as_deref(), Some("CNY 45.00"));
}

#[test]
fn a_binding_or_an_old_book_number_beside_the_isbn_is_kept_as_written() {
    let c = cell("978-7-01-022485-5（平装）");
    assert_eq!(c.isbn.as_str(), "9787010224855");
    assert_eq!(c.rest.as_deref(), Some("（平装）"));
    assert_eq!(c.price, None);
    let c = cell("ISBN 7-5097-1236-X/D·123");
    assert_eq!(c.isbn.to_isbn10().as_deref(), Some("750971236X"));
    assert_eq!(c.rest.as_deref(), Some("/D·123"));
    let c = cell("978-7-01-022485-5 (精装) : CNY88.00");
    assert_eq!(
        (c.rest.as_deref(), c.price.as_deref()),
        (Some("(精装)"), Some("CNY88.00"))
    );
}

#[test]
fn an_isbn_with_wrong_digits_is_an_error_whatever_stands_beside_it() {
    for text in [
        "978-7-01-022485-8 : CNY45.00",
        "978-7-01-022485-8（平装）",
        "ISBN 7-01-022485-1/D·123",
        "7-5097-1236-9（平装）",
        "平装 978-7-01-022485-5",
        "CNY45.00",
        // A run of digits longer than an ISBN is a wrong ISBN, never an
        // ISBN followed by a price or a note.
        "0000000000000",
        "01234567890123456789",
        "97870102248551",
        "978701022485545.00",
    ] {
        let err = IsbnCell::read(text).unwrap_err();
        assert!(err.0.contains("ISBN"), "{text}: {}", err.0);
    }
}

#[test]
fn a_plain_or_repaired_cell_reads_as_before() {
    let c = cell("978-7-01-022485-5");
    assert_eq!((c.price, c.rest, c.repaired), (None, None, None));
    assert!(cell("306406152").repaired.is_some());
}
