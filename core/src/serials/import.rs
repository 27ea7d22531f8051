//! A subscription list from a spreadsheet — the post office's 订阅清单 or
//! the librarian's own: 邮发代号, 报刊名称, 刊期, 份数, 单价/全年定价 … —
//! each row a year's subscription (the serial catalogued when new), all
//! or nothing, with the import's report.

use super::{SerialDraft, SubscriptionDraft, add_in, engine::Frequency};
use crate::audit::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::import::{self, Applied, Field, ImportOptions, ImportReport, Row, RowIssue};

pub const SUBSCRIPTION_FIELDS: &[Field] = &[
    Field {
        key: "postal_code",
        label: "邮发代号",
        names: &["邮发代号", "代号", "邮发号", "postalcode"],
        required: false,
    },
    Field {
        key: "title",
        label: "报刊名称",
        names: &[
            "报刊名称",
            "报刊名",
            "刊名",
            "报纸名称",
            "期刊名称",
            "名称",
            "title",
        ],
        required: true,
    },
    Field {
        key: "frequency",
        label: "刊期",
        names: &["刊期", "出版周期", "周期", "frequency"],
        required: true,
    },
    Field {
        key: "copies",
        label: "份数",
        names: &["份数", "订数", "订阅份数", "数量", "copies"],
        required: false,
    },
    Field {
        key: "price",
        label: "全年定价",
        names: &["全年定价", "年价", "单价", "定价", "全年价", "price"],
        required: false,
    },
    Field {
        key: "issn",
        label: "ISSN",
        names: &["issn", "国际标准刊号"],
        required: false,
    },
    Field {
        key: "cn",
        label: "国内统一刊号",
        names: &["国内统一刊号", "统一刊号", "刊号", "cn"],
        required: false,
    },
    Field {
        key: "sponsor",
        label: "主办单位",
        names: &["主办单位", "主办", "sponsor"],
        required: false,
    },
    Field {
        key: "supplier",
        label: "订阅渠道",
        names: &["订阅渠道", "渠道", "供应商", "supplier"],
        required: false,
    },
];

struct Line {
    serial: SerialDraft,
    subscription: SubscriptionDraft,
}

fn prepare(row: &mut Row<'_>, year: i32) -> std::result::Result<Line, Vec<RowIssue>> {
    let get = |k: &str| {
        row.get(k)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let mut errors = Vec::new();
    let frequency = get("frequency").unwrap_or_default();
    if let Err(e) = Frequency::parse(&frequency) {
        errors.push(row.error("frequency", e.to_string()));
    }
    let copies = match get("copies") {
        None => Some(1),
        Some(t) => match t.trim_end_matches('份').parse::<i64>() {
            Ok(n) if (1..=1000).contains(&n) => Some(n),
            _ => {
                errors.push(row.error("copies", format!("份数“{t}”应为 1 到 1000 的整数。")));
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Line {
        serial: SerialDraft {
            title: get("title").unwrap_or_default(),
            issn: get("issn"),
            cn: get("cn"),
            postal_code: get("postal_code"),
            frequency: Some(frequency.clone()),
            sponsor: get("sponsor"),
        },
        subscription: SubscriptionDraft {
            frequency,
            year: Some(year),
            copies,
            price: get("price"),
            supplier: get("supplier"),
            ..Default::default()
        },
    })
}

/// Imports a subscription list for `year` from a file's bytes (see
/// [`crate::import::run`]): one subscription per row.
pub fn import_subscriptions_file(
    db: &Db,
    actor: &Actor,
    name: &str,
    bytes: &[u8],
    year: i32,
    mut options: ImportOptions,
) -> Result<ImportReport> {
    options.source = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned());
    let sheet = import::Sheet::choose(import::read_tables(bytes, name)?, SUBSCRIPTION_FIELDS);
    import::run(
        db,
        actor,
        &sheet,
        import::Target {
            fields: SUBSCRIPTION_FIELDS,
            entity: crate::Entity::Serial,
        },
        options,
        |row| prepare(row, year),
        |tx, row, line| {
            add_in(tx, &line.serial, &line.subscription)
                .map(|_| Applied::Inserted)
                .map_err(|e| vec![row.error(e.field().unwrap_or("title"), e.to_string())])
        },
        |_| Ok(()),
    )
}
