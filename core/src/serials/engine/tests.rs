//! The engine's counts and labels for every preset in 2027, against what
//! the calendar says (worked out by hand: 2027 begins on a Friday and has
//! 365 days, so every weekday comes 52 times and Friday 53).

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year_of(frequency: Frequency) -> Plan {
    Plan {
        frequency,
        weekdays: Vec::new(),
        days: Vec::new(),
        months: Vec::new(),
        from: day(2027, 1, 1),
        to: day(2027, 12, 31),
        first_issue: 1,
        first_total: None,
        combine: Vec::new(),
        skip: Vec::new(),
        holiday_pause: false,
        transit_days: 0,
    }
}

fn no_holidays(_: NaiveDate) -> bool {
    false
}

fn count(plan: &Plan) -> usize {
    predict(plan, &no_holidays).unwrap().len()
}

#[test]
fn every_preset_gives_the_years_count_the_calendar_gives() {
    use Frequency::*;
    for (f, n) in [
        (日报, 365),
        (周六刊, 52 * 6 + 1),
        (周五刊, 261),
        (周三刊, 52 * 3 + 1),
        (周二刊, 52 * 2 + 1),
        (周刊, 53),
        (旬刊, 36),
        (半月刊, 24),
        (月刊, 12),
        (双月刊, 6),
        (季刊, 4),
        (半年刊, 2),
        (年刊, 1),
        (不定期, 0),
    ] {
        assert_eq!(count(&year_of(f)), n, "{f:?}");
    }
    let thursdays = Plan {
        weekdays: vec![4],
        ..year_of(周刊)
    };
    assert_eq!(count(&thursdays), 52, "52 Thursdays in 2027");
}

#[test]
fn dates_fall_where_the_calendar_puts_them() {
    let daily = predict(&year_of(Frequency::周五刊), &no_holidays).unwrap();
    assert_eq!(daily[0].published_on, day(2027, 1, 1), "a Friday");
    assert_eq!(daily[1].published_on, day(2027, 1, 4), "then Monday");
    let monthly = Plan {
        days: vec![31],
        ..year_of(Frequency::月刊)
    };
    let issues = predict(&monthly, &no_holidays).unwrap();
    assert_eq!(
        issues[1].published_on,
        day(2027, 2, 28),
        "the 31st of February is its last day"
    );
    assert_eq!(issues[3].published_on, day(2027, 4, 30));
    let half = predict(&year_of(Frequency::半月刊), &no_holidays).unwrap();
    assert_eq!(
        (half[0].published_on, half[1].published_on),
        (day(2027, 1, 1), day(2027, 1, 16))
    );
    let quarterly = predict(&year_of(Frequency::季刊), &no_holidays).unwrap();
    let months: Vec<u32> = quarterly.iter().map(|i| i.published_on.month()).collect();
    assert_eq!(months, [1, 4, 7, 10]);
}

#[test]
fn a_combined_issue_consumes_its_numbers_and_labels_them() {
    let plan = Plan {
        first_total: Some(301),
        combine: vec![(7, 8)],
        ..year_of(Frequency::月刊)
    };
    let issues = predict(&plan, &no_holidays).unwrap();
    assert_eq!(issues.len(), 11, "July and August are one issue");
    let summer = &issues[6];
    assert_eq!(summer.issue_no, (7, 8));
    assert_eq!(summer.total_no, Some((307, 308)));
    assert_eq!(summer.published_on, day(2027, 7, 10));
    assert_eq!(summer.label, "2027年第7-8期（总第307-308期）");
    assert_eq!(issues[7].issue_no, (9, 9), "September is number 9");
    assert_eq!(issues[7].label, "2027年第9期（总第309期）");
    assert_eq!(issues[10].total_no, Some((312, 312)));
}

#[test]
fn holidays_and_pauses_drop_dates_without_consuming_numbers() {
    // The National Day week, closed 1–7 October 2027 (Friday to Thursday).
    let closed = |d: NaiveDate| d >= day(2027, 10, 1) && d <= day(2027, 10, 7);
    let paper = Plan {
        holiday_pause: true,
        ..year_of(Frequency::周五刊)
    };
    let issues = predict(&paper, &closed).unwrap();
    assert_eq!(issues.len(), 261 - 5, "five weekdays closed");
    let after = issues
        .iter()
        .position(|i| i.published_on == day(2027, 10, 8))
        .unwrap();
    assert_eq!(
        issues[after].issue_no.0,
        issues[after - 1].issue_no.0 + 1,
        "the next issue takes the next number"
    );
    let without_pause = predict(&year_of(Frequency::周五刊), &closed).unwrap();
    assert_eq!(
        without_pause.len(),
        261,
        "the office's holidays only when asked"
    );
    let paused = Plan {
        skip: vec![(day(2027, 2, 1), day(2027, 2, 28))],
        ..year_of(Frequency::月刊)
    };
    let issues = predict(&paused, &no_holidays).unwrap();
    assert_eq!(issues.len(), 11);
    assert_eq!(
        issues[1].issue_no,
        (2, 2),
        "March is number 2 after a 休刊 February"
    );
}

#[test]
fn part_of_a_year_and_a_new_year_number_as_periodicals_do() {
    let plan = Plan {
        from: day(2027, 7, 1),
        to: day(2028, 6, 30),
        first_issue: 7,
        first_total: Some(500),
        transit_days: 3,
        ..year_of(Frequency::月刊)
    };
    let issues = predict(&plan, &no_holidays).unwrap();
    assert_eq!(issues.len(), 12);
    assert_eq!(issues[0].label, "2027年第7期（总第500期）");
    assert_eq!(
        issues[6].label, "2028年第1期（总第506期）",
        "当年期号 starts again"
    );
    assert_eq!(
        issues[0].expected_on,
        day(2027, 7, 13),
        "published the 10th, three days in the post"
    );
}

#[test]
fn wrong_patterns_are_refused_in_words() {
    for plan in [
        Plan {
            weekdays: vec![8],
            ..year_of(Frequency::周刊)
        },
        Plan {
            days: vec![0],
            ..year_of(Frequency::月刊)
        },
        Plan {
            combine: vec![(8, 7)],
            ..year_of(Frequency::月刊)
        },
        Plan {
            to: day(2026, 1, 1),
            ..year_of(Frequency::月刊)
        },
    ] {
        let e = predict(&plan, &no_holidays).unwrap_err();
        assert_eq!(e.code(), "invalid", "{e}");
    }
}

#[test]
fn the_frequencies_people_write_are_read() {
    assert_eq!(Frequency::parse("月刊").unwrap(), Frequency::月刊);
    assert_eq!(Frequency::parse(" 双月 ").unwrap(), Frequency::双月刊);
    assert_eq!(Frequency::parse("周五刊").unwrap(), Frequency::周五刊);
    assert!(
        Frequency::parse("双周刊")
            .unwrap_err()
            .to_string()
            .contains("半月刊")
    );
}
