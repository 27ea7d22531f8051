//! The app's own housekeeping: its log file (start, problems, backups,
//! restores — what office IT needs when something goes wrong), the first-run
//! welcome, and the diagnostics file IT asks for.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::db::Db;
use crate::error::{Error, Result};
use crate::home::DataHome;

/// The log file's name in the data folder's `logs`.
pub const LOG_FILE: &str = "shuxiang.log";
const LOG_LIMIT: u64 = 1024 * 1024;

/// The log file of a data folder.
pub fn log_path(home: &DataHome) -> PathBuf {
    home.logs_dir().join(LOG_FILE)
}

/// Appends a line to the log (kept under 1 MB: the older half moves to
/// `shuxiang.log.1`). Never fails loudly: a log must not stop the app.
pub fn log(home: &DataHome, line: &str) {
    let path = log_path(home);
    let _ = std::fs::create_dir_all(home.logs_dir());
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > LOG_LIMIT) {
        let _ = std::fs::rename(&path, path.with_extension("log.1"));
    }
    let stamp = chrono::Utc::now()
        .with_timezone(&crate::clock::office_offset())
        .format("%Y-%m-%d %H:%M:%S");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = writeln!(f, "{stamp} {}", line.replace('\n', " "));
    }
}

/// The last `n` lines of the log.
pub fn last_log_lines(home: &DataHome, n: usize) -> Vec<String> {
    let text = std::fs::read_to_string(log_path(home)).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..]
        .iter()
        .map(|l| (*l).to_owned())
        .collect()
}

/// The operating system as people name it: `Debian GNU/Linux 12 (bookworm)`.
pub fn os_name() -> String {
    let pretty = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        });
    format!(
        "{} ({} {})",
        pretty.unwrap_or_else(|| std::env::consts::OS.to_owned()),
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// Whether this is a first start: nothing catalogued, nobody registered,
/// and the welcome not yet answered.
pub fn first_run(db: &Db) -> Result<bool> {
    db.read(|tx| {
        let welcomed = crate::settings::get(tx, "welcomed")?.is_some();
        let titles = crate::catalog::titles_matching(
            tx,
            &crate::catalog::CatalogQuery {
                limit: Some(1),
                ..Default::default()
            },
        )?
        .total;
        let people = crate::people::store::list_people(
            tx,
            &crate::people::PeopleQuery {
                include_inactive: true,
                limit: Some(1),
                ..Default::default()
            },
        )?
        .total;
        Ok(!welcomed && titles == 0 && people == 0)
    })
}

/// Records that the welcome was answered, as one action.
pub fn mark_welcomed(db: &Db, actor: &crate::Actor) -> Result<()> {
    db.write(actor, |tx| {
        crate::settings::put_audited(
            tx,
            crate::Entity::Settings,
            "welcomed",
            "1",
            "完成首次使用向导",
        )
    })
}

/// What IT needs to see: version, system, data folder, database check,
/// counts, the last log lines.
pub fn diagnostics(db: Option<&Db>, home: Option<&DataHome>, version: &str) -> String {
    let mut out = vec![
        "书香 诊断信息".to_owned(),
        format!(
            "版本：{version}（数据结构 {}）",
            crate::schema::SCHEMA_VERSION
        ),
        format!("系统：{}", os_name()),
        format!(
            "生成时间：{}",
            chrono::Utc::now()
                .with_timezone(&crate::clock::office_offset())
                .format("%Y-%m-%d %H:%M:%S")
        ),
    ];
    if let Some(h) = home {
        out.push(format!("数据文件夹：{}（{:?}）", h.dir.display(), h.source));
        out.push(format!("日志：{}", log_path(h).display()));
    }
    match db {
        Some(db) => {
            match crate::backup::check(db, false) {
                Ok(r) if r.ok => out.push("数据检查：正常".into()),
                Ok(r) => out.push(format!("数据检查：发现问题：{}", r.problems.join("；"))),
                Err(e) => out.push(format!("数据检查：无法完成：{e}")),
            }
            if let Ok(Some(dir)) = crate::backup::backup_dir(db) {
                out.push(format!("备份文件夹：{}", dir.display()));
            }
            if let Ok(list) = crate::backup::backups(db) {
                out.push(format!(
                    "备份：{} 份，最近一份 {}",
                    list.len(),
                    list.first().map(|b| b.made_at.as_str()).unwrap_or("无")
                ));
            }
            if let Ok(s) = crate::circulation::circulation_summary(db) {
                out.push(format!("在借 {} 册，逾期 {} 册", s.on_loan, s.overdue));
            }
            if let Ok(p) = crate::catalog::list_titles(
                db,
                &crate::catalog::CatalogQuery {
                    limit: Some(1),
                    ..Default::default()
                },
            ) {
                out.push(format!("书目 {} 种", p.total));
            }
        }
        None => out.push("数据库：未能打开".into()),
    }
    if let Some(h) = home {
        out.push(String::new());
        out.push("最近的日志：".into());
        out.extend(last_log_lines(h, 60));
    }
    out.join("\n") + "\n"
}

/// Writes the diagnostics for IT (Documents/书香导出) and says where.
pub fn export_diagnostics(
    db: Option<&Db>,
    home: Option<&DataHome>,
    version: &str,
    export_dir: &Path,
) -> Result<String> {
    let day = chrono::Utc::now()
        .with_timezone(&crate::clock::office_offset())
        .format("%Y%m%d-%H%M%S");
    let path = crate::home::export_path(export_dir, &format!("书香诊断-{day}.txt"))?;
    std::fs::write(&path, diagnostics(db, home, version))
        .map_err(|e| Error::io(format!("无法写入 {}", path.display()), e))?;
    Ok(path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_lines_and_the_diagnostics_read_well() {
        let tmp = tempfile::tempdir().unwrap();
        let home =
            crate::home::resolve_from(Some(tmp.path().to_owned()), None, None, None).unwrap();
        log(&home, "启动 书香 0.1.0");
        log(&home, "第二行\n不拆行");
        let lines = last_log_lines(&home, 10);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with("第二行 不拆行"));
        let db = Db::open(&home.db_path()).unwrap();
        assert!(first_run(&db).unwrap());
        mark_welcomed(&db, &crate::Actor::Desktop).unwrap();
        assert!(!first_run(&db).unwrap());
        let text = diagnostics(Some(&db), Some(&home), "0.1.0");
        assert!(text.contains("数据检查：正常"), "{text}");
        assert!(text.contains("启动 书香 0.1.0"));
    }
}
