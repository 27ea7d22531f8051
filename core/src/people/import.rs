//! Importing people from a spreadsheet: 类别, 姓名, 部门, 代表团, 专业小组,
//! 借书证号, 电话 in any order, Chinese or English headers.

use std::collections::HashMap;

use super::store::{find_by_name, find_person_by_card, insert_valid, update_valid};
use super::{NewPerson, PersonKind, ValidPerson, check_phone};
use crate::audit::Actor;
use crate::db::{Db, WriteTx};
use crate::error::{Error, Result};
use crate::import::{self, Applied, Field, Grid, ImportOptions, ImportReport, Row, RowIssue};

/// The columns a people spreadsheet may have.
pub const PEOPLE_FIELDS: &[Field] = &[
    Field {
        key: "kind",
        label: "类别",
        names: &[
            "类别",
            "人员类别",
            "类型",
            "身份",
            "kind",
            "type",
            "category",
        ],
        required: false,
    },
    Field {
        key: "name",
        label: "姓名",
        names: &["姓名", "名字", "读者姓名", "name", "fullname"],
        required: true,
    },
    Field {
        key: "department",
        label: "部门",
        names: &["部门", "处室", "单位", "所在部门", "department", "dept"],
        required: false,
    },
    Field {
        key: "delegation",
        label: "代表团",
        names: &["代表团", "所属代表团", "delegation"],
        required: false,
    },
    Field {
        key: "professional_group",
        label: "专业小组",
        names: &["专业小组", "小组", "专业组", "group", "professionalgroup"],
        required: false,
    },
    Field {
        key: "card_barcode",
        label: "借书证号",
        names: &[
            "借书证号",
            "证号",
            "卡号",
            "借书证",
            "读者证号",
            "条码",
            "card",
            "cardno",
            "cardnumber",
            "cardbarcode",
            "barcode",
        ],
        required: false,
    },
    Field {
        key: "phone",
        label: "电话",
        names: &[
            "电话",
            "手机",
            "联系电话",
            "手机号",
            "phone",
            "mobile",
            "tel",
            "telephone",
        ],
        required: false,
    },
    Field {
        key: "note",
        label: "备注",
        names: &["备注", "note", "notes", "remark"],
        required: false,
    },
];

/// Imports people from a file's bytes (`name` helps tell its format).
pub fn import_people_file(
    db: &Db,
    actor: &Actor,
    name: &str,
    bytes: &[u8],
    mut options: ImportOptions,
) -> Result<ImportReport> {
    options.source = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
    let sheet = import::Sheet::choose(import::read_tables(bytes, name)?, PEOPLE_FIELDS);
    import_people_sheet(db, actor, &sheet, options)
}

/// Imports people from `grid` (see [`crate::import::run`]).
pub fn import_people(
    db: &Db,
    actor: &Actor,
    grid: &Grid,
    options: ImportOptions,
) -> Result<ImportReport> {
    // A people list is small: copying it into a sheet costs nothing noticeable.
    import_people_sheet(db, actor, &grid.clone().into(), options)
}

/// Imports people from a sheet (a workbook's chosen sheet, named in the report).
fn import_people_sheet(
    db: &Db,
    actor: &Actor,
    sheet: &import::Sheet,
    options: ImportOptions,
) -> Result<ImportReport> {
    let mut seen_cards: HashMap<String, usize> = HashMap::new();
    import::run(
        db,
        actor,
        sheet,
        import::Target {
            fields: PEOPLE_FIELDS,
            entity: crate::Entity::Person,
        },
        options,
        parse_row,
        |tx, row, person| {
            if let Some(card) = &person.card_barcode
                && let Some(first) = seen_cards.insert(card.clone(), row.at())
            {
                return Err(vec![row.error(
                    "card_barcode",
                    format!("借书证号 {card} 与第 {first} 行重复。"),
                )]);
            }
            apply_row(tx, &person)
                .map_err(|e| vec![row.error(e.field().unwrap_or("name"), e.to_string())])
        },
        |_| Ok(()),
    )
}

fn parse_row(row: &mut Row<'_>) -> Result<ValidPerson, Vec<RowIssue>> {
    let kind = match row.get("kind") {
        Some(text) => match PersonKind::parse(text) {
            Some(kind) => Some(kind),
            None => {
                return Err(vec![row.error(
                    "kind",
                    format!("未知的人员类别“{text}”，应为“机关干部”或“人大代表”。"),
                )]);
            }
        },
        // Without a 类别 column, a delegation or group makes the row a deputy.
        None if row.get("delegation").is_some() || row.get("professional_group").is_some() => {
            Some(PersonKind::Deputy)
        }
        None => Some(PersonKind::Staff),
    };
    let new = NewPerson {
        revision: None,
        kind,
        name: row.get("name").unwrap_or_default().to_owned(),
        department: row.get("department").map(Into::into),
        delegation: row.get("delegation").map(Into::into),
        professional_group: row.get("professional_group").map(Into::into),
        card_barcode: row.get("card_barcode").map(Into::into),
        phone: None,
        note: row.get("note").map(Into::into),
    };
    let mut notes = Vec::new();
    let mut valid = new
        .validate_imported(&mut notes)
        .map_err(|e| vec![row.error(e.field().unwrap_or("name"), e.to_string())])?;
    for note in notes {
        row.warn(note.field, note.message);
    }
    if let Some(phone) = row.get("phone").map(str::to_owned) {
        valid.phone = match check_phone(&phone) {
            Ok(p) => p,
            Err(reason) => {
                row.warn("phone", format!("{reason}已按原文保存。"));
                Some(phone)
            }
        };
    }
    Ok(valid)
}

/// Inserts the row's person, or updates the one it matches: same card
/// barcode and name, or — without a card — same name, kind and unit.
fn apply_row(tx: &WriteTx<'_>, p: &ValidPerson) -> Result<Applied> {
    let existing = match &p.card_barcode {
        Some(card) => match find_person_by_card(tx, card)? {
            Some(holder) if holder.name == p.name => Some(holder),
            Some(holder) => {
                return Err(Error::invalid(
                    "card_barcode",
                    format!(
                        "借书证号 {card} 已属于{}，与本行姓名“{}”不符。",
                        holder.name, p.name
                    ),
                ));
            }
            None => None,
        },
        None => find_by_name(tx, p)?,
    };
    match existing {
        None => insert_valid(tx, p).map(|_| Applied::Inserted),
        Some(old) => {
            // What it was, so undoing the import gives it back.
            crate::import::runs::keep_before(
                tx,
                old.id,
                old.revision,
                &crate::import::runs::PersonFields {
                    kind: old.kind.code().to_owned(),
                    name: old.name.clone(),
                    department: old.department.clone(),
                    delegation: old.delegation.clone(),
                    professional_group: old.professional_group.clone(),
                    card_barcode: old.card_barcode.clone(),
                    phone: old.phone.clone(),
                    note: old.note.clone(),
                },
            )?;
            // Empty cells keep what is stored; the file only adds and corrects.
            let merged = ValidPerson {
                kind: p.kind,
                name: p.name.clone(),
                department: p.department.clone().or(old.department),
                delegation: p.delegation.clone().or(old.delegation),
                professional_group: p.professional_group.or(old
                    .professional_group
                    .as_deref()
                    .and_then(super::parse_group)),
                card_barcode: p.card_barcode.clone().or(old.card_barcode),
                // A role that may not see phones may not change one it
                // cannot see either: the stored phone stays.
                phone: if tx.actor().sees_phones() {
                    p.phone.clone().or(old.phone)
                } else {
                    old.phone
                },
                note: p.note.clone().or(old.note),
            };
            update_valid(tx, old.id, &merged).map(|_| Applied::Updated)
        }
    }
}
