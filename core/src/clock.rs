//! Time is passed in: domain logic asks a `Clock`, so tests can fix "now".

use chrono::{DateTime, Utc};

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, Default)]
pub enum Clock {
    /// The computer's clock.
    #[default]
    System,
    /// A fixed instant, for tests and reproducible demo data.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => *at,
        }
    }

    /// The current instant as stored: UTC RFC 3339 with seconds.
    pub fn now_text(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

/// The office's time zone, Asia/Shanghai: UTC+8 all year (China keeps no
/// daylight saving time).
pub fn office_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset")
}

impl Clock {
    /// Today's date in the office: what due dates and opening days count in.
    pub fn today(&self) -> chrono::NaiveDate {
        self.now().with_timezone(&office_offset()).date_naive()
    }
}

/// The office-local date of a stored instant (UTC RFC 3339), if it parses.
pub fn office_date(instant: &str) -> Option<chrono::NaiveDate> {
    DateTime::parse_from_rfc3339(instant)
        .ok()
        .map(|t| t.with_timezone(&office_offset()).date_naive())
}
