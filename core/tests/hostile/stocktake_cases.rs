//! Hostile input: stocktake and labels.

use super::*;

pub(crate) fn cases(c: &mut Vec<Case>) {
    let big = big();
    macro_rules! case {
        ($name:expr, $f:expr) => {
            c.push(($name, Box::new($f)));
        };
    }
    case!("盘点：不存在的书架", |w| answer(
        stocktake::start_stocktake(&w.db, &ME, "", &["Z99".into()])
    ));
    case!("盘点：名称 100 KB", {
        let big = big.clone();
        move |w| answer(stocktake::start_stocktake(&w.db, &ME, &big, &[]))
    });
    case!("盘点：扫不存在的盘点", |w| answer(
        stocktake::scan_copy(&w.db, &ME, 99_999, None, "SX1")
    ));
    case!("标签：条码范围倒置", |w| answer(
        labels::copy_labels(
            &w.db,
            &LabelSelection {
                barcode_from: Some("SX9".into()),
                barcode_to: Some("SX1".into()),
                ..Default::default()
            }
        )
    ));
    case!("标签：条码范围长短不一", |w| answer(
        labels::copy_labels(
            &w.db,
            &LabelSelection {
                barcode_from: Some("SX1".into()),
                barcode_to: Some("SX100".into()),
                ..Default::default()
            }
        )
    ));
    case!("标签：偏移 100 毫米", |w| answer(
        labels::save_print_setup(
            &w.db,
            &ME,
            &PrintSetup {
                offset_x_mm: 100.0,
                ..Default::default()
            }
        )
    ));
    case!("标签：缩放 10%", |w| answer(labels::save_print_setup(
        &w.db,
        &ME,
        &PrintSetup {
            scale_percent: 10.0,
            ..Default::default()
        }
    )));
}
