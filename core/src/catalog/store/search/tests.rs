//! Search by every query kind on a small catalogue: words, pinyin, initials,
//! ISBNs, call numbers, barcodes, and the ranking of exact matches.

use crate::catalog::{NewCopies, NewTitle, create_title, search};
use crate::{Actor, Db};

fn add(db: &Db, title: &str, authors: &str, isbn: Option<&str>, clc: Option<&str>) -> i64 {
    let new = NewTitle {
        title: title.into(),
        authors: Some(authors.into()),
        publisher: Some("人民出版社".into()),
        isbn: isbn.map(Into::into),
        clc: clc.map(Into::into),
        ..Default::default()
    };
    create_title(
        db,
        &Actor::CommandLine,
        &new,
        &NewCopies {
            count: 1,
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

fn titles(db: &Db, q: &str) -> Vec<String> {
    search(db, q, 0, 20)
        .unwrap()
        .items
        .into_iter()
        .map(|t| t.title)
        .collect()
}

fn library() -> Db {
    let db = Db::open_in_memory().unwrap();
    add(
        &db,
        "万历十五年",
        "黄仁宇",
        Some("978-7-108-00982-1"),
        Some("K248"),
    );
    add(&db, "重庆银行发展史", "张三", None, Some("F832"));
    add(&db, "长征", "王树增", Some("7-02-005383-1"), Some("I25"));
    add(&db, "中国共产党简史", "本书编写组", None, Some("D23"));
    add(&db, "中国政治制度史", "李四", None, Some("D69"));
    add(&db, "政治", "某某", None, Some("D0"));
    db
}

#[test]
fn chinese_words_of_any_length_find_titles_authors_and_publishers() {
    let db = library();
    assert_eq!(titles(&db, "万历十五"), ["万历十五年"]);
    assert_eq!(titles(&db, "长"), ["长征"], "one character");
    assert_eq!(titles(&db, "黄仁宇"), ["万历十五年"], "an author");
    assert_eq!(titles(&db, "人民出版社").len(), 6, "a publisher");
}

#[test]
fn an_exact_title_ranks_first() {
    let db = library();
    assert_eq!(titles(&db, "政治")[0], "政治");
}

#[test]
fn full_pinyin_and_initials_find_titles_with_polyphones_read_right() {
    let db = library();
    assert_eq!(titles(&db, "wanlishiwunian"), ["万历十五年"]);
    assert_eq!(titles(&db, "wlswn"), ["万历十五年"]);
    assert_eq!(
        titles(&db, "chongqing"),
        ["重庆银行发展史"],
        "重庆 is chongqing"
    );
    assert_eq!(
        titles(&db, "yinhang"),
        ["重庆银行发展史"],
        "银行 is yinhang"
    );
    assert_eq!(titles(&db, "changzheng"), ["长征"], "长征 is changzheng");
    assert_eq!(titles(&db, "cz"), ["长征"], "initials of two characters");
}

#[test]
fn a_title_whose_pinyin_starts_with_the_query_ranks_before_shorter_ones() {
    let db = library();
    add(&db, "千万里", "佚名", None, None);
    assert_eq!(
        titles(&db, "wanli"),
        ["万历十五年", "千万里"],
        "万历… starts with wanli; 千万里 only contains it"
    );
    assert_eq!(titles(&db, "wl")[0], "万历十五年", "by initials too");
}

#[test]
fn isbn_10_or_13_with_or_without_hyphens_finds_its_title() {
    let db = library();
    assert_eq!(titles(&db, "9787108009821"), ["万历十五年"]);
    assert_eq!(titles(&db, "978-7-108-00982-1"), ["万历十五年"]);
    assert_eq!(
        titles(&db, "7-02-005383-1"),
        ["长征"],
        "an ISBN-10 finds the title stored as ISBN-13"
    );
    assert_eq!(titles(&db, "7020053831"), ["长征"]);
}

#[test]
fn call_numbers_and_class_prefixes_find_titles() {
    let db = library();
    assert_eq!(
        titles(&db, "K248/1"),
        ["万历十五年"],
        "the call number given automatically"
    );
    let d = titles(&db, "D");
    assert!(
        d.contains(&"中国共产党简史".to_owned()) && d.contains(&"政治".to_owned()),
        "{d:?}"
    );
    assert_eq!(titles(&db, "D69"), ["中国政治制度史"]);
}

#[test]
fn a_copy_barcode_finds_its_title() {
    let db = library();
    assert_eq!(
        titles(&db, "sx000003"),
        ["长征"],
        "the third generated barcode, typed in lower case"
    );
}

#[test]
fn the_list_filters_by_class_prefix_status_and_location_and_sorts() {
    use crate::catalog::{CatalogQuery, CopyStatus, TitleSort, titles_matching};
    let db = library();
    let list = |q: CatalogQuery| -> Vec<String> {
        db.read(|tx| titles_matching(tx, &q))
            .unwrap()
            .items
            .into_iter()
            .map(|t| t.title)
            .collect()
    };
    let d = list(CatalogQuery {
        clc: Some("d".into()),
        sort: TitleSort::CallNumber,
        ..Default::default()
    });
    assert_eq!(
        d,
        ["政治", "中国共产党简史", "中国政治制度史"],
        "class D by call number: D0, D23, D69"
    );
    let both = list(CatalogQuery {
        text: Some("中国".into()),
        clc: Some("D6".into()),
        ..Default::default()
    });
    assert_eq!(both, ["中国政治制度史"], "search within a class");
    let on_loan = list(CatalogQuery {
        status: Some(CopyStatus::OnLoan),
        ..Default::default()
    });
    assert!(on_loan.is_empty(), "no copy is lent yet");
    let shelf = list(CatalogQuery {
        status: Some(CopyStatus::OnShelf),
        sort: TitleSort::Title,
        limit: Some(2),
        ..Default::default()
    });
    assert_eq!(
        shelf,
        ["长征", "重庆银行发展史"],
        "by pinyin of the title: changzheng, chongqing …"
    );
}

#[test]
fn an_edited_title_is_found_by_its_new_words_only() {
    let db = library();
    let id = add(&db, "旧书名", "某甲", None, None);
    let new = NewTitle {
        title: "新时代乡村振兴".into(),
        revision: Some(0),
        ..Default::default()
    };
    crate::catalog::edit_title(&db, &Actor::Desktop, id, &new).unwrap();
    assert!(
        titles(&db, "旧书名").is_empty() && titles(&db, "旧").is_empty(),
        "both indexes forgot the old title"
    );
    assert!(
        titles(&db, "jiushuming").is_empty() && titles(&db, "jsmmj").is_empty(),
        "the pinyin index forgot the old pinyin and initials"
    );
    assert_eq!(titles(&db, "乡村振兴"), ["新时代乡村振兴"]);
    assert_eq!(
        titles(&db, "振"),
        ["新时代乡村振兴"],
        "a one-character query uses the character index"
    );
    assert_eq!(titles(&db, "xsdxczx"), ["新时代乡村振兴"]);
}

#[test]
fn a_broad_search_stops_counting_at_the_cap_but_still_returns_a_page() {
    let db = Db::open_in_memory().unwrap();
    db.write(&Actor::CommandLine, |tx| {
        for i in 0..(super::COUNT_CAP + 5) {
            let t = NewTitle {
                title: format!("中国书{i}"),
                ..Default::default()
            }
            .validate()?;
            crate::catalog::store::insert_title_unindexed(tx, &t)?;
        }
        crate::catalog::store::index_titles(tx, 1, i64::MAX)
    })
    .unwrap();
    let page = search(&db, "中", 0, 20).unwrap();
    assert!(page.capped, "more than the cap match");
    assert_eq!((page.total, page.items.len()), (super::COUNT_CAP, 20));
    let readers = crate::catalog::search_page(&db, "中", 0, 20).unwrap();
    assert!(
        readers.capped,
        "the readers' page counts only what it ranks"
    );
    assert_eq!(
        (readers.total, readers.items.len()),
        (u64::from(super::RANK_WINDOW), 20)
    );
    assert_eq!(
        readers.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        page.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        "in the same order"
    );
}

#[test]
fn the_readers_search_page_counts_exactly_below_the_ranking_window() {
    let db = library();
    for q in ["中国", "zg", "马克思", "没有这本书", ""] {
        let counted = search(&db, q, 0, 20).unwrap();
        let page = crate::catalog::search_page(&db, q, 0, 20).unwrap();
        assert_eq!((page.total, page.capped), (counted.total, false), "{q}");
        assert_eq!(
            page.items.iter().map(|t| t.id).collect::<Vec<_>>(),
            counted.items.iter().map(|t| t.id).collect::<Vec<_>>(),
            "{q}"
        );
    }
    let past = crate::catalog::search_page(&db, "中国", 400, 20).unwrap();
    assert!(past.items.is_empty() && !past.capped);
}

#[test]
fn nothing_matches_nonsense_and_wildcards_are_literal() {
    let db = library();
    assert!(titles(&db, "不存在的书名").is_empty());
    assert!(titles(&db, "%").is_empty());
    assert!(
        titles(&db, "\"").is_empty(),
        "a quote cannot break the full-text query"
    );
}

#[test]
fn the_uncounted_search_finds_the_same_titles_in_the_same_order() {
    let db = Db::open_in_memory().unwrap();
    crate::demo::load_demo(
        &db,
        &Actor::System,
        crate::demo::DemoOptions {
            seed: 5,
            staff: 6,
            deputies: 6,
            volumes: 600,
        },
    )
    .unwrap();
    for q in [
        "中国",
        "zg",
        "wlswn",
        "经济",
        "D6",
        "中",
        "makesi",
        "没有这本书",
        "  ",
    ] {
        let counted = search(&db, q, 0, 20).unwrap().items;
        let first = crate::catalog::search_first(&db, q, 20).unwrap();
        let ids = |ts: &[crate::catalog::Title]| ts.iter().map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(&first), ids(&counted), "{q}");
    }
}

#[test]
fn any_text_is_answered_many_words_and_control_characters_included() {
    let db = library();
    add(&db, "乡土中国", "费孝通", None, None);
    let many = "乡土 中国 ".repeat(20);
    assert_eq!(
        titles(&db, &many),
        ["乡土中国"],
        "the first words are looked for"
    );
    assert_eq!(titles(&db, "乡土\0中国"), ["乡土中国"], "a NUL is a space");
    assert_eq!(titles(&db, "\t\r\n"), Vec::<String>::new());
    let long = "字".repeat(5_000);
    assert!(titles(&db, &long).is_empty());
    let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
    assert!(titles(&db, &words.join(" ")).is_empty());
    assert!(
        crate::catalog::search_first(&db, &"a ".repeat(100), 10).is_ok(),
        "the host's search too"
    );
    assert_eq!(
        super::clean_query(&format!("  一 二\u{7} 三 {}", "四 ".repeat(20))),
        "一 二 三 四 四 四 四 四"
    );
}
