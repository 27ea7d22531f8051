use super::*;

/// The syllables `each_syllable` gives, one string each.
fn text_pinyin(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_syllable(text, |s| out.push(s.to_owned()));
    out
}

fn has_key(name: &str, key: &str) -> bool {
    name_keys(name).keys.contains(&format!(" {key} "))
}

#[test]
fn a_name_is_found_by_full_pinyin_and_by_initials() {
    assert!(has_key("张三", "zhangsan"));
    assert!(has_key("张三", "zs"));
    assert_eq!(name_keys("张三").sort, "zhang san");
}

#[test]
fn polyphone_surnames_are_read_as_surnames() {
    assert!(
        has_key("曾国藩", "zengguofan"),
        "曾 as a surname is zeng, not ceng"
    );
    assert!(has_key("单雄信", "shanxiongxin"), "单 as a surname is shan");
    assert!(has_key("解缙", "xiejin"));
    assert!(
        has_key("尉迟恭", "yuchigong"),
        "a compound surname keeps its own reading"
    );
    assert_eq!(
        name_keys("曾国藩").sort,
        "zeng guo fan",
        "names sort by the surname reading"
    );
}

#[test]
fn a_polyphone_in_a_given_name_is_found_by_either_reading() {
    assert!(has_key("李长春", "lichangchun"));
    assert!(has_key("李长春", "lcc"));
    assert!(
        has_key("李长春", "lizhangchun"),
        "the other reading of 长 still finds the person"
    );
}

#[test]
fn lists_of_names_read_in_pinyin_order() {
    let mut venues = ["阅览室", "三楼会议室", "第二会议室", "机关报告厅", "302室"];
    venues.sort_by(|a, b| zh_order(a, b));
    assert_eq!(
        venues,
        ["302室", "第二会议室", "机关报告厅", "三楼会议室", "阅览室"]
    );
    let mut names = ["程思远", "陈敏", "重庆代表团", "陈军静"];
    names.sort_by(|a, b| zh_order(a, b));
    assert_eq!(names, ["陈军静", "陈敏", "程思远", "重庆代表团"]);
}

#[test]
fn names_sort_syllable_by_syllable_like_a_dictionary() {
    let mut names = ["程思远", "陈军静", "陈敏"];
    names.sort_by_key(|n| name_keys(n).sort);
    assert_eq!(
        names,
        ["陈军静", "陈敏", "程思远"],
        "chen comes before cheng"
    );
}

#[test]
fn letters_and_full_width_letters_in_a_name_are_kept() {
    assert!(has_key("王Ａ", "wanga"));
    assert!(has_key("李Lei", "lilei"));
}

#[test]
fn polyphones_in_titles_are_read_by_their_word() {
    assert_eq!(
        text_pinyin("重庆银行长征"),
        ["chong", "qing", "yin", "hang", "chang", "zheng"]
    );
    assert_eq!(
        pinyin_keys("万历十五年"),
        ("wanlishiwunian".into(), "wlswn".into())
    );
    assert_eq!(pinyin_keys("长江经济带").0, "changjiangjingjidai");
    assert_eq!(
        pinyin_keys("重要讲话").0,
        "zhongyaojianghua",
        "重 alone keeps its everyday reading"
    );
}

#[test]
fn letters_digits_and_punctuation_in_titles() {
    assert_eq!(
        text_pinyin("《ＷＴＯ与中国》2版"),
        ["wto", "yu", "zhong", "guo", "2", "ban"]
    );
    assert_eq!(pinyin_keys("").0, "");
}

#[test]
fn full_width_text_folds_to_ascii() {
    assert_eq!(fold_width("ＡＢ１２３　x"), "AB123 x");
    assert_eq!(search_key(" Zhang San "), "zhangsan");
}

#[test]
fn like_patterns_escape_wildcards() {
    assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
}

#[test]
fn full_width_turns_printable_ascii_only() {
    assert_eq!(full_width("wlswn1"), "ｗｌｓｗｎ１");
    assert_eq!(full_width("D62/15 万历"), "Ｄ６２／１５ 万历");
    assert_eq!(full_width("~!"), "～！");
}
