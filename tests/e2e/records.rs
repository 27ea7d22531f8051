//! Learning records and figures in the real window, on the demo data: a
//! person's 学习档案 shows the counts the core computes, the dashboard's
//! charts have one mark per data point, the annual report shows its totals.

use std::path::PathBuf;
use std::process::Command;

use chrono::{Datelike, Duration, Utc};
use shuxiang_core::{Db, reports};

use crate::harness::{App, Home};

fn demo(home: &Home) {
    let cli = PathBuf::from(env!("CARGO_BIN_EXE_shuxiang-desktop")).with_file_name("shuxiang");
    let out = Command::new(&cli)
        .arg("--db")
        .arg(home.db())
        .args(["demo", "--volumes", "600"])
        .output()
        .expect("build the CLI first: cargo build -p shuxiang-cli");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test]
async fn the_dashboard_record_and_annual_report_show_the_live_figures() {
    let home = Home::new();
    demo(&home);
    let today = (Utc::now() + Duration::hours(8)).date_naive();
    let year = today.year();
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
        chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
    );
    // What the core says, read before the app opens the database.
    let (dash, person, record, annual) = {
        let db = Db::open(&home.db()).unwrap();
        let dash = reports::dashboard(&db).unwrap();
        // Someone who borrowed, presented or attended this year.
        let person = reports::unit_figures(&db, false, from, to).unwrap();
        assert!(!person.is_empty());
        let reader = shuxiang_core::circulation::overdue_loans(&db, &Default::default())
            .unwrap()
            .first()
            .map(|l| l.person_id)
            .expect("the demo has overdue loans");
        let record = reports::person_record(&db, reader, from, to).unwrap();
        let annual = reports::annual_report(&db, year).unwrap();
        (dash, reader, record, annual)
    };

    let app = App::start(&home).await;
    // The dashboard is the first screen: one mark per data point.
    app.wait_for("svg.chart[data-chart=loans-per-month]").await;
    let marks = |chart: &str| {
        format!("document.querySelectorAll('svg.chart[data-chart={chart}] .mark').length")
    };
    for (chart, n) in [
        ("loans-per-month", dash.loans_per_month.len()),
        ("loans-by-class", dash.loans_by_class.len()),
        ("top-titles", dash.top_titles.len()),
        ("attendance", dash.attendance.len()),
        ("coverage", dash.coverage.len()),
    ] {
        assert!(n > 0, "{chart} has data in the demo");
        assert_eq!(app.eval(&marks(chart)).await, n, "{chart}");
    }
    let values = app
        .eval("[...document.querySelectorAll('svg.chart[data-chart=loans-per-month] .mark')].map(m => Number(m.dataset.value))")
        .await;
    let expected: Vec<i64> = dash.loans_per_month.iter().map(|c| c.count).collect();
    assert_eq!(values, serde_json::json!(expected));
    assert_eq!(app.texts("#stat-overdue").await, [dash.overdue.to_string()]);

    // A person's learning record.
    app.client
        .execute(
            &format!("location.hash = '#records?person={person}'"),
            vec![],
        )
        .await
        .unwrap();
    app.wait_for("#record-totals").await;
    let total = |k: &str| format!("#record-totals [data-total={k}]");
    let t = &record.totals;
    for (k, v) in [
        ("borrowed", t.borrowed),
        ("presented", t.presented),
        ("attended", t.attended),
        ("trainings_completed", t.trainings_completed),
        ("trainings_missed", t.trainings_missed),
    ] {
        assert_eq!(app.texts(&total(k)).await, [v.to_string()], "{k}");
    }
    assert!(t.borrowed > 0);

    // The annual report.
    app.open_view("reports").await;
    app.wait_for("#report-totals").await;
    for (k, v) in [
        ("volumes_added", annual.volumes_added),
        ("loans", annual.loans),
        ("active_readers", annual.active_readers),
        ("sharing_held", annual.sharing.held),
        ("training_completed", annual.training.completed),
    ] {
        assert_eq!(
            app.texts(&format!("#report-totals [data-total={k}]")).await,
            [v.to_string()],
            "{k}"
        );
    }
    assert_eq!(
        app.eval("document.querySelectorAll('svg.chart[data-chart=report-months] .mark').length")
            .await,
        12
    );
    app.stop().await;
}
