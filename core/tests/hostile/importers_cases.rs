//! Hostile input: importers.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let books = |name: &'static str, bytes: Vec<u8>| -> Box<dyn Fn(&World) -> Answer> {
        Box::new(move |w: &World| {
            import_answer(catalog::import_books_file(
                &w.db,
                &ME,
                name,
                &bytes,
                ImportOptions::default(),
            ))
        })
    };
    c.push(("导入书目：空文件", books("a.csv", vec![])));
    c.push((
        "导入书目：随机字节",
        books(
            "a.dat",
            (0..2000u32).map(|i| (i * 7919 % 251) as u8).collect(),
        ),
    ));
    c.push((
        "导入书目：截断的 xlsx",
        books(
            "a.xlsx",
            include_bytes!("../fixtures/books.xlsx")[..400].to_vec(),
        ),
    ));
    c.push((
        "导入书目：伪装成 xlsx 的文本",
        books("a.xlsx", b"PK\x03\x04 not a zip at all".to_vec()),
    ));
    c.push((
        "导入书目：只有表头",
        books("a.csv", "书名,作者\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：没有书名列",
        books("a.csv", "序号,作者\n1,费孝通\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：错误 ISBN",
        books(
            "a.csv",
            "书名,ISBN\n乡土,9787010224859\n".as_bytes().to_vec(),
        ),
    ));
    c.push((
        "导入书目：册数为负",
        books("a.csv", "书名,册数\n乡土,-2\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：册数是文字",
        books("a.csv", "书名,册数\n乡土,三\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：条码重复",
        books("a.csv", "书名,条码\n甲,SX1\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入书目：文件内条码重复",
        books("a.csv", "书名,条码\n甲,N9\n乙,N9\n".as_bytes().to_vec()),
    ));
    c.push(("导入书目：合并单元格", books("merged.xlsx", merged_xlsx())));
    c.push((
        "导入书目：xlsx 压缩炸弹",
        books(
            "bomb.xlsx",
            support::xlsx_with("xl/sharedStrings.xml", |w| {
                w.write_all(b"<sst uniqueCount=\"1\"><si><t>").unwrap();
                let chunk = vec![b'a'; 1 << 20];
                for _ in 0..70 {
                    w.write_all(&chunk).unwrap();
                }
                w.write_all(b"</t></si></sst>").unwrap();
            }),
        ),
    ));
    c.push((
        "导入书目：xlsx 谎报共享字符串数",
        books(
            "liar.xlsx",
            support::xlsx_with("xl/sharedStrings.xml", |w| {
                w.write_all(b"<sst uniqueCount=\"99999999999999999999\"><si><t>a</t></si></sst>")
                    .unwrap();
            }),
        ),
    ));
    c.push((
        "导入书目：xlsx 目录损坏",
        books("broken.xlsx", {
            let mut bytes = support::xlsx_with("docProps/x.xml", |w| w.write_all(b"<x/>").unwrap());
            let at = (0..bytes.len() - 3)
                .rev()
                .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
                .unwrap();
            bytes[at + 16..at + 20].copy_from_slice(&u32::MAX.to_le_bytes());
            bytes
        }),
    ));
    c.push((
        "导入书目：超过 500 万个单元格",
        books(
            "commas.csv",
            format!("书名{}\n", ",".repeat(5_000_001)).into_bytes(),
        ),
    ));
    c.push((
        "导入书目：UTF-16 无 BOM 的乱码",
        books(
            "a.csv",
            "书名\n乡土中国\n"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes())
                .collect(),
        ),
    ));
    c.push((
        "导入书目：MARC 长度是字母",
        books(
            "bad.mrc",
            b"abcdenam a22000977a 4500001001300000\x1e\x1d".to_vec(),
        ),
    ));
    c.push((
        "导入书目：坏的 MARC 记录",
        books(
            "bad.mrc",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/samples/broken/bad_records.mrc"
            ))
            .unwrap(),
        ),
    ));
    c.push((
        "导入书目：截断的 MARC",
        books(
            "cut.mrc",
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/samples/marc21/chabon.mrc"
            ))
            .unwrap()[..300]
                .to_vec(),
        ),
    ));
    c.push((
        "导入书目：坏的 MARC XML",
        books(
            "bad.xml",
            b"<collection><record><datafield tag=\"245\"><subfield code=\"a\">".to_vec(),
        ),
    ));
    let ppl = |name: &'static str, bytes: Vec<u8>| -> Box<dyn Fn(&World) -> Answer> {
        Box::new(move |w: &World| {
            import_answer(people::import_people_file(
                &w.db,
                &ME,
                name,
                &bytes,
                ImportOptions::default(),
            ))
        })
    };
    c.push(("导入人员：空文件", ppl("a.csv", vec![])));
    c.push((
        "导入人员：随机字节",
        ppl("a.xls", vec![0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]),
    ));
    c.push((
        "导入人员：未知类别",
        ppl("a.csv", "姓名,类别\n王五,外宾\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入人员：没有姓名",
        ppl("a.csv", "姓名,类别\n,机关干部\n".as_bytes().to_vec()),
    ));
    c.push((
        "导入人员：文件内证号重复",
        ppl(
            "a.csv",
            "姓名,类别,借书证号\n甲,机关干部,X1\n乙,机关干部,X1\n"
                .as_bytes()
                .to_vec(),
        ),
    ));
    c.push((
        "导入人员：证号已被使用",
        ppl(
            "a.csv",
            "姓名,类别,借书证号\n甲,机关干部,C1\n".as_bytes().to_vec(),
        ),
    ));
    c.push((
        "导入人员：未知专业小组",
        ppl(
            "a.csv",
            "姓名,类别,专业小组\n甲,人大代表,外交组\n"
                .as_bytes()
                .to_vec(),
        ),
    ));
}
