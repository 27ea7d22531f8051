//! A realistic reading-room catalogue for the demo: Chinese titles across the
//! classes a government office reads (politics, law, economics, history,
//! literature …), valid ISBNs, copies on lettered shelves.

use crate::catalog::{NewCopies, NewTitle};

/// Topics per CLC class, with the class number titles on them get.
const TOPICS: &[(&str, &[&str])] = &[
    (
        "A81",
        &[
            "马克思主义基本原理",
            "毛泽东思想",
            "中国特色社会主义理论体系",
            "马克思主义中国化",
            "共产党宣言",
        ],
    ),
    (
        "B82",
        &["中国传统文化", "伦理学", "中国哲学", "传统美德", "国学经典"],
    ),
    (
        "C93",
        &["管理学", "领导科学", "公共管理", "决策科学", "组织行为学"],
    ),
    (
        "D23",
        &[
            "中国共产党历史",
            "党的建设",
            "党内法规",
            "全面从严治党",
            "党史学习教育",
        ],
    ),
    (
        "D62",
        &[
            "人民代表大会制度",
            "代表履职",
            "基层治理",
            "地方人大工作",
            "全过程人民民主",
        ],
    ),
    (
        "D63",
        &[
            "公务员制度",
            "行政管理",
            "机关事务管理",
            "政务公开",
            "数字政府",
        ],
    ),
    (
        "D92",
        &["宪法", "立法学", "监督法", "行政法", "民法典", "预算法"],
    ),
    (
        "F12",
        &[
            "中国经济",
            "高质量发展",
            "新发展理念",
            "共同富裕",
            "经济体制改革",
        ],
    ),
    (
        "F32",
        &[
            "乡村振兴",
            "农业农村现代化",
            "粮食安全",
            "县域经济",
            "新型城镇化",
        ],
    ),
    (
        "F81",
        &["财政学", "预算管理", "审计监督", "政府债务", "税收制度"],
    ),
    (
        "F83",
        &["金融监管", "银行业", "重庆银行", "普惠金融", "资本市场"],
    ),
    (
        "G12",
        &[
            "文化建设",
            "公共文化服务",
            "文化自信",
            "非物质文化遗产",
            "全民阅读",
        ],
    ),
    (
        "G52",
        &["教育改革", "职业教育", "高等教育", "义务教育", "教育评价"],
    ),
    (
        "I20",
        &["中国当代文学", "红色经典", "散文", "诗词鉴赏", "报告文学"],
    ),
    (
        "K20",
        &["中国通史", "中国近代史", "明史", "中华文明史", "地方史志"],
    ),
    (
        "K82",
        &["人物传记", "革命先辈", "科学家故事", "英雄模范", "名人家风"],
    ),
    (
        "R19",
        &[
            "健康中国",
            "公共卫生",
            "医疗保障",
            "卫生健康事业",
            "疾病预防",
        ],
    ),
    (
        "TU98",
        &["城乡规划", "城市更新", "住房保障", "城乡建设", "美丽乡村"],
    ),
    (
        "X32",
        &[
            "生态文明建设",
            "环境保护",
            "碳达峰碳中和",
            "长江经济带",
            "河长制",
        ],
    ),
];

/// Books every reading room has, catalogued as themselves.
const CLASSICS: &[(&str, &str, &str, &str)] = &[
    ("万历十五年", "黄仁宇 著", "生活·读书·新知三联书店", "K248"),
    ("长征", "王树增 著", "人民文学出版社", "I25"),
    ("平凡的世界", "路遥 著", "人民文学出版社", "I247.5"),
    ("红岩", "罗广斌, 杨益言 著", "中国青年出版社", "I247.5"),
    ("白鹿原", "陈忠实 著", "人民文学出版社", "I247.5"),
    ("乡土中国", "费孝通 著", "北京大学出版社", "C912.82"),
    ("共产党宣言", "马克思, 恩格斯 著", "人民出版社", "A122"),
    ("史记", "司马迁 著", "中华书局", "K204.2"),
];

const SUFFIXES: &[&str] = &[
    "概论",
    "研究",
    "读本",
    "简史",
    "导论",
    "十讲",
    "理论与实践",
    "案例选编",
    "百问百答",
    "学习纲要",
    "问题解答",
    "新论",
    "实务",
    "教程",
    "论集",
];

const PUBLISHERS: &[(&str, &str)] = &[
    ("人民出版社", "01"),
    ("中共中央党校出版社", "5035"),
    ("法律出版社", "5197"),
    ("中国民主法制出版社", "5162"),
    ("中国人民大学出版社", "300"),
    ("经济科学出版社", "5218"),
    ("商务印书馆", "100"),
    ("中华书局", "101"),
    ("生活·读书·新知三联书店", "108"),
    ("人民文学出版社", "02"),
    ("社会科学文献出版社", "5201"),
    ("北京大学出版社", "301"),
];

/// The ISBN of a publisher's `item`th title, or `None` once its range is used up.
fn isbn13(registrant: &str, item: u64) -> Option<String> {
    let width = 12 - 4 - registrant.len();
    if item >= 10u64.pow(width as u32) {
        return None;
    }
    let body = format!("9787{registrant}{item:0width$}");
    let sum: u32 = body
        .bytes()
        .enumerate()
        .map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 })
        .sum();
    Some(format!("{body}{}", (10 - sum % 10) % 10))
}

/// Titles and their copies until `volumes` copies are reached.
pub(super) fn catalogue(
    rng: &mut fastrand::Rng,
    volumes: usize,
    author: impl Fn(&mut fastrand::Rng) -> String,
) -> Vec<(NewTitle, NewCopies)> {
    let mut out = Vec::new();
    let mut copies = 0;
    let mut items: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    while copies < volumes {
        let (title, authors, publisher, clc) = match CLASSICS.get(out.len()) {
            Some(&(title, authors, publisher, clc)) => {
                (title.to_owned(), authors.to_owned(), publisher, clc)
            }
            None => {
                let (clc, topics) = TOPICS[rng.usize(0..TOPICS.len())];
                let topic = topics[rng.usize(0..topics.len())];
                let title = format!("{topic}{}", SUFFIXES[rng.usize(0..SUFFIXES.len())]);
                let role = if rng.bool() { "著" } else { "主编" };
                let (publisher, _) = PUBLISHERS[rng.usize(0..PUBLISHERS.len())];
                (title, format!("{} {role}", author(rng)), publisher, clc)
            }
        };
        let registrant = PUBLISHERS
            .iter()
            .find(|(p, _)| *p == publisher)
            .map_or("5006", |(_, r)| *r);
        let item = items.entry(registrant).or_insert(0);
        *item += 1 + rng.u64(0..3);
        let item = *item;
        let n = [1, 1, 1, 2, 2, 3][rng.usize(0..6)].min(volumes - copies);
        copies += n;
        out.push((
            NewTitle {
                isbn: isbn13(registrant, item),
                title,
                authors: Some(authors),
                publisher: Some(publisher.to_owned()),
                year: Some(rng.u16(2000..=2025).to_string()),
                clc: Some(clc.to_owned()),
                price: Some(format!("CNY{}.00", rng.u16(22..=98))),
                source: Some(
                    if rng.u8(0..5) == 0 {
                        "赠送"
                    } else {
                        "采购"
                    }
                    .to_owned(),
                ),
                ..Default::default()
            },
            NewCopies {
                count: n as u32,
                location: Some(format!("{}区{}架", &clc[..1], rng.u8(1..=12))),
                acquired_on: Some(format!(
                    "{}-{:02}-{:02}",
                    rng.u16(2018..=2026),
                    rng.u8(1..=12),
                    rng.u8(1..=28)
                )),
                ..Default::default()
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Isbn;

    #[test]
    fn a_large_demo_catalogue_never_repeats_an_isbn() {
        let mut rng = fastrand::Rng::with_seed(3);
        let books = catalogue(&mut rng, 40_000, |_| "某某".into());
        let mut isbns: Vec<_> = books.iter().filter_map(|(t, _)| t.isbn.clone()).collect();
        let n = isbns.len();
        isbns.sort();
        isbns.dedup();
        assert_eq!(isbns.len(), n);
    }

    #[test]
    fn demo_isbns_are_valid() {
        for (registrant, item) in [("01", 1), ("5197", 9_999), ("108", 12_345)] {
            let isbn = isbn13(registrant, item).unwrap();
            assert!(Isbn::parse(&isbn).is_ok(), "{isbn}");
        }
    }
}
