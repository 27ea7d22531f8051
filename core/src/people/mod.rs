//! People (人员): one registry for staff (机关干部) and deputies (人大代表),
//! who are the borrowers, presenters, attendees and trainees of every area.

mod import;
mod pins;
pub(crate) mod store;

pub use import::{PEOPLE_FIELDS, import_people, import_people_file};
pub(crate) use pins::give_demo_pins;
pub use pins::{
    ReaderSignedIn, clear_pin, current_reader, has_pin, reader_change_pin, reader_login,
    set_reader_pin,
};

use serde::{Deserialize, Serialize};

use crate::audit::Actor;
use crate::db::Db;
use crate::error::{Error, Result};
pub use crate::paging::Page;
use crate::text::{FieldNote, TextRule, fold_width, non_empty};

/// The deputies' eight professional groups (专业小组).
pub const PROFESSIONAL_GROUPS: [&str; 8] = [
    "司法监督",
    "经济发展",
    "社会建设",
    "城乡建设与环境保护",
    "乡村振兴",
    "预算审计",
    "教育文化",
    "卫生健康",
];

/// Staff member or deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonKind {
    /// 机关干部
    Staff,
    /// 人大代表
    Deputy,
}

impl PersonKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Staff => "staff",
            PersonKind::Deputy => "deputy",
        }
    }

    /// The Chinese name users see.
    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Staff => "机关干部",
            PersonKind::Deputy => "人大代表",
        }
    }

    /// Reads a kind as people write it in a spreadsheet.
    pub fn parse(text: &str) -> Option<PersonKind> {
        match fold_width(text).trim().to_lowercase().as_str() {
            "机关干部" | "干部" | "工作人员" | "职工" | "staff" | "employee" => {
                Some(PersonKind::Staff)
            }
            "人大代表" | "代表" | "deputy" | "delegate" => Some(PersonKind::Deputy),
            _ => None,
        }
    }

    fn from_code(code: &str) -> PersonKind {
        if code == "deputy" {
            PersonKind::Deputy
        } else {
            PersonKind::Staff
        }
    }
}

/// Reads a professional group as written: `经济发展`, `经济发展组`, `经济发展专业小组`.
pub fn parse_group(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let t = ["专业小组", "小组", "组"]
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .unwrap_or(t);
    PROFESSIONAL_GROUPS.iter().copied().find(|g| *g == t)
}

/// A person as entered in a form or an import row, before it is stored.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewPerson {
    /// The revision the edit form showed (see [`Person::revision`]).
    #[serde(default)]
    pub revision: Option<i64>,
    pub kind: Option<PersonKind>,
    pub name: String,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub delegation: Option<String>,
    #[serde(default)]
    pub professional_group: Option<String>,
    #[serde(default)]
    pub card_barcode: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub id: i64,
    pub kind: PersonKind,
    pub name: String,
    pub department: Option<String>,
    pub delegation: Option<String>,
    pub professional_group: Option<String>,
    pub card_barcode: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
    pub active: bool,
    pub created_at: String,
    pub updated_at: String,
    /// Raised by each edit; an edit form sends back the one it showed.
    pub revision: i64,
}

/// A person's fields after validation: trimmed, folded, checked.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValidPerson {
    pub kind: PersonKind,
    pub name: String,
    pub department: Option<String>,
    pub delegation: Option<String>,
    pub professional_group: Option<&'static str>,
    pub card_barcode: Option<String>,
    pub phone: Option<String>,
    pub note: Option<String>,
}

const MAX_NAME: usize = 50;
const MAX_TEXT: usize = 100;
const MAX_NOTE: usize = 500;
const MAX_CARD: usize = 32;

/// Normalises a card barcode as a scanner or input method sends it: width
/// folded, surrounding spaces dropped. Letters, digits and `-` only.
pub fn normalize_card(value: &str) -> Result<Option<String>> {
    let v = fold_width(value).trim().to_owned();
    if v.is_empty() {
        return Ok(None);
    }
    if v.chars().count() > MAX_CARD {
        return Err(Error::invalid(
            "card_barcode",
            format!("借书证号过长（最多 {MAX_CARD} 位）。"),
        ));
    }
    if !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(
            "card_barcode",
            "借书证号只能包含字母、数字和“-”。",
        ));
    }
    Ok(Some(v.to_ascii_uppercase()))
}

/// Checks a phone number: digits with the separators people write
/// (`010-6512 3456`, `+86 138…`, `…转 123`). Returns the folded number, or a
/// reason it looks wrong.
pub fn check_phone(value: &str) -> Result<Option<String>, String> {
    let v = fold_width(value).trim().to_owned();
    if v.is_empty() {
        return Ok(None);
    }
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let allowed = v
        .chars()
        .all(|c| c.is_ascii_digit() || " -+()转分机ext.".contains(c));
    if !allowed || !(5..=20).contains(&digits) || v.chars().count() > 30 {
        return Err(format!(
            "电话号码“{v}”格式不对，应为 5 到 20 位数字，可带“-”、空格、“+”或“转”分机号。"
        ));
    }
    Ok(Some(v))
}

/// How one text field is read: by a form's rule or an import's.
type ReadText<'a> = dyn FnMut(&TextRule, Option<&str>) -> Result<Option<String>> + 'a;

/// A person's free-text fields: what a form takes, and what an import keeps.
/// The store holds a name of at most 50 characters.
const NAME_RULE: TextRule = TextRule::new("name", "姓名", MAX_NAME, MAX_NAME, false);
const DEPARTMENT_RULE: TextRule = TextRule::new("department", "部门", MAX_TEXT, 300, false);
const DELEGATION_RULE: TextRule = TextRule::new("delegation", "代表团", MAX_TEXT, 300, false);
const NOTE_RULE: TextRule = TextRule::new("note", "备注", MAX_NOTE, 5_000, false);

/// The most characters the person form takes in each field, as the core
/// checks them.
pub fn form_limits() -> impl Iterator<Item = (&'static str, usize)> {
    [NAME_RULE, DEPARTMENT_RULE, DELEGATION_RULE, NOTE_RULE]
        .into_iter()
        .map(|r| (r.field, r.max))
        .chain([("card_barcode", MAX_CARD)])
}

impl NewPerson {
    /// A form's check: every field, with a Chinese message naming the first
    /// wrong one.
    pub(crate) fn validate(&self) -> Result<ValidPerson> {
        self.validate_with(&mut |rule, value| rule.strict(value))
    }

    /// A form's check of an edit of `stored`: text the person already has
    /// passes as it is (an import may have kept it longer than a form allows).
    pub(crate) fn validate_edit(&self, stored: &Person) -> Result<ValidPerson> {
        self.validate_with(&mut |rule, value| {
            let kept = match rule.field {
                "name" => Some(stored.name.as_str()),
                "department" => stored.department.as_deref(),
                "delegation" => stored.delegation.as_deref(),
                _ => stored.note.as_deref(),
            };
            rule.strict_unless_kept(value, kept)
        })
    }

    /// An import row's reading: text over a form's limit is kept (cut only
    /// past a generous one, a name at the 50 characters the store holds),
    /// control characters removed; each change noted. What makes a person
    /// wrong — no name, an unknown kind or group, a bad card — stays an error.
    pub(crate) fn validate_imported(&self, notes: &mut Vec<FieldNote>) -> Result<ValidPerson> {
        self.validate_with(&mut |rule, value| Ok(rule.lenient(value, notes)))
    }

    fn validate_with(&self, text: &mut ReadText<'_>) -> Result<ValidPerson> {
        let kind = self
            .kind
            .ok_or_else(|| Error::invalid("kind", "请选择人员类别：机关干部或人大代表。"))?;
        let name = text(&NAME_RULE, Some(&self.name))?
            .ok_or_else(|| Error::invalid("name", "请填写姓名。"))?;
        let department = text(&DEPARTMENT_RULE, self.department.as_deref())?;
        let delegation = text(&DELEGATION_RULE, self.delegation.as_deref())?;
        let professional_group = match non_empty(self.professional_group.as_deref()) {
            None => None,
            Some(g) => {
                let group = parse_group(&g).ok_or_else(|| {
                    Error::invalid(
                        "professional_group",
                        format!(
                            "“{g}”不是专业小组。可选：{}。",
                            PROFESSIONAL_GROUPS.join("、")
                        ),
                    )
                })?;
                if kind == PersonKind::Staff {
                    return Err(Error::invalid(
                        "professional_group",
                        "只有人大代表属于专业小组，机关干部请留空。",
                    ));
                }
                Some(group)
            }
        };
        let card_barcode = normalize_card(self.card_barcode.as_deref().unwrap_or(""))?;
        let phone = check_phone(self.phone.as_deref().unwrap_or(""))
            .map_err(|m| Error::invalid("phone", m))?;
        let note = text(&NOTE_RULE, self.note.as_deref())?;
        Ok(ValidPerson {
            kind,
            name,
            department,
            delegation,
            professional_group,
            card_barcode,
            phone,
            note,
        })
    }
}

/// Which people to list, and which page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PeopleQuery {
    /// Name (Chinese, full pinyin or initials, by prefix) or card barcode.
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub kind: Option<PersonKind>,
    #[serde(default)]
    pub professional_group: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    /// Deactivated people are left out unless asked for.
    #[serde(default)]
    pub include_inactive: bool,
    #[serde(default)]
    pub offset: u32,
    /// At most 200; 50 when not given.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// Adds a person as one action by `actor`.
pub fn create_person(db: &Db, actor: &Actor, new: &NewPerson) -> Result<Person> {
    db.write(actor, |tx| store::insert_person(tx, new))
}

/// Changes a person's fields as one action by `actor`.
pub fn edit_person(db: &Db, actor: &Actor, id: i64, new: &NewPerson) -> Result<Person> {
    db.write(actor, |tx| store::update_person(tx, id, new))
}

/// Deactivates (or reactivates) a person: kept with their history, but no
/// longer lent to, invited or enrolled.
pub fn set_person_active(db: &Db, actor: &Actor, id: i64, active: bool) -> Result<Person> {
    db.write(actor, |tx| store::set_person_active(tx, id, active))
}

/// A page of people matching `query`.
pub fn list_people(db: &Db, query: &PeopleQuery) -> Result<Page<Person>> {
    db.read(|tx| store::list_people(tx, query))
}

/// One person.
pub fn get_person(db: &Db, id: i64) -> Result<Person> {
    db.read(|tx| store::get_person(tx, id))
}

/// The person holding a card barcode (as scanned: folded and upper-cased).
pub fn find_person_by_card(db: &Db, card: &str) -> Result<Option<Person>> {
    db.read(|tx| store::find_person_by_card(tx, card))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staff(name: &str) -> NewPerson {
        NewPerson {
            kind: Some(PersonKind::Staff),
            name: name.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_is_required_and_trimmed() {
        let err = staff("  ").validate().unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert_eq!(err.to_string(), "请填写姓名。");
        assert_eq!(staff(" 张三 ").validate().unwrap().name, "张三");
    }

    #[test]
    fn a_name_with_control_characters_or_too_long_is_refused() {
        assert_eq!(
            staff("张\u{7}三").validate().unwrap_err().field(),
            Some("name")
        );
        assert!(
            staff(&"长".repeat(51))
                .validate()
                .unwrap_err()
                .to_string()
                .contains("过长")
        );
    }

    #[test]
    fn professional_groups_are_read_with_or_without_a_suffix_and_only_for_deputies() {
        assert_eq!(parse_group("经济发展组"), Some("经济发展"));
        assert_eq!(parse_group("卫生健康专业小组"), Some("卫生健康"));
        assert_eq!(parse_group("体育"), None);
        let mut p = staff("王五");
        p.professional_group = Some("经济发展".into());
        assert_eq!(
            p.validate().unwrap_err().field(),
            Some("professional_group")
        );
        p.kind = Some(PersonKind::Deputy);
        assert_eq!(p.validate().unwrap().professional_group, Some("经济发展"));
    }

    #[test]
    fn card_barcodes_fold_full_width_and_refuse_other_characters() {
        assert_eq!(
            normalize_card(" ｓｘ００１２ ").unwrap(),
            Some("SX0012".into())
        );
        assert_eq!(normalize_card("").unwrap(), None);
        assert_eq!(
            normalize_card("12 34").unwrap_err().field(),
            Some("card_barcode")
        );
    }

    #[test]
    fn phone_numbers_allow_the_separators_people_write() {
        assert_eq!(
            check_phone("010-6512 3456").unwrap(),
            Some("010-6512 3456".into())
        );
        assert_eq!(
            check_phone("＋86 13800138000").unwrap(),
            Some("+86 13800138000".into())
        );
        assert!(check_phone("0571-88001234转123").is_ok());
        assert!(check_phone("无").is_err());
        assert!(
            check_phone("123").is_err(),
            "too few digits to be a phone number"
        );
    }

    #[test]
    fn kinds_are_read_as_people_write_them() {
        assert_eq!(PersonKind::parse("人大代表"), Some(PersonKind::Deputy));
        assert_eq!(PersonKind::parse(" 机关干部 "), Some(PersonKind::Staff));
        assert_eq!(PersonKind::parse("Deputy"), Some(PersonKind::Deputy));
        assert_eq!(PersonKind::parse("游客"), None);
    }
}
