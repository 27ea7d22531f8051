//! The demo's periodicals: a county 人大 office's newspapers and journals
//! with their real codes (ISSN with its check digit, CN, 邮发代号), 刊期,
//! copies and yearly prices, as the post office's 订阅清单 gives them.

use crate::serials::{SerialDraft, SubscriptionDraft};

/// A periodical the reading room takes, with its real-looking codes.
pub(super) struct Periodical {
    pub(super) title: &'static str,
    pub(super) issn: Option<&'static str>,
    pub(super) cn: &'static str,
    pub(super) postal: &'static str,
    pub(super) frequency: &'static str,
    pub(super) weekdays: &'static [u32],
    pub(super) days: &'static [u32],
    pub(super) sponsor: &'static str,
    pub(super) copies: i64,
    /// 全年定价 per copy, in yuan.
    pub(super) price: &'static str,
    /// 总期号 of the first issue of 2026, for those numbered so, and
    /// how many numbers a year.
    pub(super) total_2026: Option<(u32, u32)>,
    pub(super) combine: &'static [(u32, u32)],
    pub(super) transit: i64,
    pub(super) grace: i64,
    pub(super) supplier: Option<&'static str>,
    pub(super) newspaper: bool,
}

const fn journal(
    title: &'static str,
    issn: &'static str,
    cn: &'static str,
    postal: &'static str,
    frequency: &'static str,
    days: &'static [u32],
    sponsor: &'static str,
) -> Periodical {
    Periodical {
        title,
        issn: Some(issn),
        cn,
        postal,
        frequency,
        weekdays: &[],
        days,
        sponsor,
        copies: 1,
        price: "",
        total_2026: None,
        combine: &[],
        transit: 4,
        grace: 15,
        supplier: None,
        newspaper: false,
    }
}

pub(super) fn periodicals() -> Vec<Periodical> {
    vec![
        Periodical {
            copies: 3,
            price: "192",
            total_2026: Some((917, 24)),
            ..journal(
                "求是",
                "1002-4980",
                "11-1000/D",
                "2-25",
                "半月刊",
                &[1, 16],
                "中国共产党中央委员会",
            )
        },
        Periodical {
            copies: 2,
            price: "240",
            total_2026: Some((613, 24)),
            ..journal(
                "中国人大",
                "1007-3159",
                "11-3559/D",
                "82-823",
                "半月刊",
                &[5, 20],
                "全国人大常委会办公厅",
            )
        },
        Periodical {
            copies: 2,
            price: "132",
            combine: &[(7, 8)],
            supplier: Some("人大建设杂志社（直订）"),
            transit: 5,
            ..journal(
                "人大建设",
                "1009-4571",
                "13-1214/D",
                "18-88",
                "月刊",
                &[15],
                "河北省人大常委会",
            )
        },
        Periodical {
            price: "144",
            total_2026: Some((1009, 24)),
            ..journal(
                "半月谈",
                "1002-3402",
                "11-1271/D",
                "2-305",
                "半月刊",
                &[10, 25],
                "新华通讯社",
            )
        },
        Periodical {
            price: "480",
            weekdays: &[1],
            ..journal(
                "瞭望",
                "1002-5030",
                "11-1077/D",
                "2-418",
                "周刊",
                &[],
                "新华通讯社",
            )
        },
        Periodical {
            price: "432",
            ..journal(
                "人民论坛",
                "1004-3381",
                "11-3281/D",
                "2-728",
                "旬刊",
                &[5, 15, 25],
                "人民日报社",
            )
        },
        Periodical {
            price: "600",
            total_2026: Some((841, 24)),
            ..journal(
                "新华文摘",
                "1001-6651",
                "11-1024/Z",
                "2-411",
                "半月刊",
                &[1, 16],
                "人民出版社",
            )
        },
        Periodical {
            price: "216",
            ..journal(
                "中国纪检监察",
                "1674-5272",
                "10-1198/D",
                "80-700",
                "半月刊",
                &[1, 16],
                "中央纪委国家监委",
            )
        },
        Periodical {
            price: "96",
            ..journal(
                "党建",
                "1002-719X",
                "11-2635/D",
                "2-613",
                "月刊",
                &[5],
                "中共中央宣传部",
            )
        },
        Periodical {
            title: "人民日报",
            issn: Some("1672-8386"),
            cn: "11-0065",
            postal: "1-1",
            frequency: "日报",
            weekdays: &[],
            days: &[],
            sponsor: "人民日报社",
            copies: 3,
            price: "648",
            total_2026: None,
            combine: &[],
            transit: 0,
            grace: 5,
            supplier: None,
            newspaper: true,
        },
        Periodical {
            title: "法治日报",
            issn: None,
            cn: "11-0069",
            postal: "1-41",
            frequency: "周五刊",
            sponsor: "法治日报社",
            copies: 1,
            price: "480",
            ..newspaper()
        },
        Periodical {
            title: "学习时报",
            issn: Some("1672-8378"),
            cn: "11-0079",
            postal: "1-216",
            frequency: "周三刊",
            sponsor: "中共中央党校（国家行政学院）",
            copies: 1,
            price: "300",
            ..newspaper()
        },
    ]
}

const fn newspaper() -> Periodical {
    Periodical {
        title: "",
        issn: None,
        cn: "",
        postal: "",
        frequency: "",
        weekdays: &[],
        days: &[],
        sponsor: "",
        copies: 1,
        price: "",
        total_2026: None,
        combine: &[],
        transit: 1,
        grace: 5,
        supplier: None,
        newspaper: true,
    }
}

impl Periodical {
    pub(super) fn serial(&self) -> SerialDraft {
        SerialDraft {
            title: self.title.into(),
            issn: self.issn.map(Into::into),
            // A newspaper's CN (11-0065) carries no class, which the form asks for.
            cn: (!self.newspaper).then(|| self.cn.to_owned()),
            postal_code: Some(self.postal.into()),
            frequency: Some(self.frequency.into()),
            sponsor: Some(self.sponsor.into()),
        }
    }

    pub(super) fn subscription(&self, year: i32) -> SubscriptionDraft {
        let first_total = self.total_2026.and_then(|(first, per_year)| {
            let t = i64::from(first) + i64::from(per_year) * i64::from(year - 2026);
            u32::try_from(t).ok().filter(|t| *t > 0)
        });
        SubscriptionDraft {
            frequency: self.frequency.into(),
            weekdays: self.weekdays.to_vec(),
            days: self.days.to_vec(),
            year: Some(year),
            copies: Some(self.copies),
            price: Some(self.price.into()),
            first_total,
            combine: self.combine.to_vec(),
            holiday_pause: self.newspaper,
            grace_days: Some(self.grace),
            transit_days: Some(self.transit),
            supplier: self.supplier.map(Into::into),
            ..Default::default()
        }
    }

    /// What the librarian scans: the cover's EAN-13 (`977` + the ISSN's
    /// digits + `00` + check digit), or the 邮发代号 of a paper without one.
    pub(super) fn scan_code(&self) -> String {
        match self.issn {
            Some(issn) if !self.newspaper => {
                let mut digits = format!("977{}00", issn.replace('-', "").get(..7).unwrap_or(""));
                let sum: u32 = digits
                    .chars()
                    .filter_map(|c| c.to_digit(10))
                    .enumerate()
                    .map(|(i, d)| if i % 2 == 0 { d } else { d * 3 })
                    .sum();
                digits.push(char::from_digit((10 - sum % 10) % 10, 10).expect("a digit"));
                digits
            }
            _ => self.postal.to_owned(),
        }
    }
}
