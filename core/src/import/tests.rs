use std::sync::Arc;

use super::*;

const FIELDS: &[Field] = &[Field {
    key: "name",
    label: "书名",
    names: &["书名"],
    required: true,
}];

/// A sheet of `rows` data rows, several preparation blocks long.
fn sheet(rows: usize) -> Sheet {
    let header = std::iter::once(vec!["书名".to_owned()]);
    Grid::from_rows(header.chain((1..=rows).map(|i| vec![format!("第{i}本")])))
        .unwrap()
        .into()
}

fn options(skip_bad_rows: bool) -> ImportOptions {
    ImportOptions {
        skip_bad_rows,
        ..Default::default()
    }
}

fn stored(db: &Db) -> i64 {
    db.read(|tx| {
        Ok(tx.query_row(
            "SELECT count(*) FROM settings WHERE key LIKE 'test:%'",
            [],
            |r| r.get(0),
        )?)
    })
    .unwrap()
}

#[test]
fn prepared_rows_reach_the_write_in_file_order_with_their_warnings() {
    let db = Db::open_in_memory().unwrap();
    let rows = BLOCK * 3 + 17;
    let mut order = Vec::new();
    let report = run(
        &db,
        &Actor::CommandLine,
        &sheet(rows),
        Target {
            fields: FIELDS,
            entity: crate::Entity::Title,
        },
        options(false),
        |row| {
            if row.number % 1000 == 0 {
                row.warn("name", "整千");
            }
            Ok(row.get("name").unwrap().to_owned())
        },
        |tx, row, name| {
            assert_eq!(name, format!("第{}本", row.number));
            order.push(row.number);
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, '')",
                [format!("test:{name}")],
            )
            .unwrap();
            Ok(Applied::Inserted)
        },
        |_| Ok(()),
    )
    .unwrap();
    assert_eq!(order, (1..=rows).collect::<Vec<_>>());
    assert_eq!(report.inserted, rows);
    let warned: Vec<usize> = report.warnings.iter().map(|w| w.row).collect();
    assert_eq!(
        warned,
        (1..=rows / 1000).map(|k| k * 1000).collect::<Vec<_>>()
    );
    assert_eq!(stored(&db), rows as i64);
}

#[test]
fn progress_is_reported_every_thousand_rows_then_while_finishing() {
    let import = |dry_run: bool| {
        let db = Db::open_in_memory().unwrap();
        let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = Arc::clone(&seen);
        let options = ImportOptions {
            dry_run,
            progress: Some(ProgressSink::new(move |p| sink.lock().unwrap().push(p))),
            ..Default::default()
        };
        run(
            &db,
            &Actor::CommandLine,
            &sheet(2_500),
            Target {
                fields: FIELDS,
                entity: crate::Entity::Title,
            },
            options,
            |row| Ok(row.get("name").unwrap().to_owned()),
            |tx, _, name| {
                tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, '')",
                    [format!("test:{name}")],
                )
                .unwrap();
                Ok(Applied::Inserted)
            },
            |_| Ok(()),
        )
        .unwrap();
        let seen = seen.lock().unwrap().clone();
        seen.into_iter()
            .map(|p| (p.stage, p.done, p.total))
            .collect::<Vec<_>>()
    };
    use ImportStage::{Finishing, Rows};
    assert_eq!(
        import(false),
        [
            (Rows, 0, 2_500),
            (Rows, 1_000, 2_500),
            (Rows, 2_000, 2_500),
            (Rows, 2_500, 2_500),
            (Finishing, 2_500, 2_500)
        ]
    );
    // A dry run keeps nothing, so it has nothing to finish.
    assert_eq!(import(true).last(), Some(&(Rows, 2_500, 2_500)));
}

#[test]
fn a_row_failing_after_writing_undoes_a_large_import_and_stops_the_preparing() {
    let db = Db::open_in_memory().unwrap();
    let err = run(
        &db,
        &Actor::CommandLine,
        &sheet(BLOCK * 8),
        Target {
            fields: FIELDS,
            entity: crate::Entity::Title,
        },
        options(true),
        |row| Ok(row.number),
        |tx, row, number| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, '')",
                [format!("test:{number}")],
            )
            .unwrap();
            if number == 5 {
                return Err(vec![row.error("name", "写到一半出错")]);
            }
            Ok(Applied::Inserted)
        },
        |_| Ok(()),
    )
    .unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(err.to_string().contains("第 5 行"), "{err}");
    assert_eq!(stored(&db), 0, "nothing of the import stays");
}
