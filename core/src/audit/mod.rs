//! The audit log (操作日志): who did what, when, to which record. Every write
//! appends here in its own transaction through [`crate::WriteTx::audit`].

mod export;
mod store;
mod words;

pub use export::*;
#[cfg(test)]
pub(crate) use store::list_entries_for;
pub(crate) use store::record;
pub(crate) use store::{list_actors, search_entries};
pub use words::*;

use serde::Serialize;

use crate::error::Result;
pub use crate::identity::{Actor, Role};

/// One row of the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor_kind: String,
    pub actor_name: String,
    pub action: String,
    /// The action in words: 新增, 借出 ….
    pub action_label: String,
    pub entity: String,
    /// What kind of record, in words: 书目, 册, 人员 ….
    pub entity_label: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    /// The computer a remote change came from (its address).
    pub client: Option<String>,
}

/// Which log entries to show: by who, by area (the entities it covers), by
/// office-local day, by words in the summary.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// The actor's name as shown (命令行, 本机用户, an operator).
    pub actor: Option<String>,
    /// The area whose records to show (all when none).
    pub area: Option<crate::Area>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub offset: u32,
    pub limit: Option<u32>,
}

/// The log, filtered.
pub fn audit_log(db: &crate::Db, q: &AuditQuery) -> Result<crate::paging::Page<AuditEntry>> {
    db.read(|tx| search_entries(tx, q))
}

/// The actors for the log's filter.
pub fn audit_actors(db: &crate::Db) -> Result<Vec<String>> {
    db.read(|tx| list_actors(tx))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{NewPerson, PersonKind, create_person};

    #[test]
    fn the_log_is_filtered_by_actor_area_day_and_words() {
        let db = crate::Db::open_in_memory().unwrap();
        let p = |name: &str, actor: &Actor| {
            create_person(
                &db,
                actor,
                &NewPerson {
                    kind: Some(PersonKind::Staff),
                    name: name.into(),
                    ..Default::default()
                },
            )
            .unwrap()
        };
        p("张三", &Actor::CommandLine);
        p("李四", &Actor::Desktop);
        crate::catalog::create_title(
            &db,
            &Actor::Desktop,
            &crate::catalog::NewTitle {
                title: "乡土中国".into(),
                ..Default::default()
            },
            &Default::default(),
        )
        .unwrap();
        let all = audit_log(&db, &AuditQuery::default()).unwrap();
        assert_eq!(all.total, 3);
        let by_actor = audit_log(
            &db,
            &AuditQuery {
                actor: Some("命令行".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(by_actor.total, 1);
        let people = audit_log(
            &db,
            &AuditQuery {
                area: Some(crate::Area::People),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(people.total, 2);
        let words = audit_log(
            &db,
            &AuditQuery {
                text: Some("乡土".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(words.items.len(), 1);
        let future = audit_log(
            &db,
            &AuditQuery {
                from: Some("2999-01-01".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(future.total, 0);
        // In pinyin order: ben… before ming….
        assert_eq!(audit_actors(&db).unwrap(), ["本机用户", "命令行"]);
    }
}
