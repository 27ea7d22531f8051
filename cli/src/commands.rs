//! What each command does, once its arguments are parsed: open the
//! database, call the core, say the result for people or as JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use shuxiang_core::backup::{self, CheckReport};
use shuxiang_core::catalog::{self, BookFileFormat, ExportFormat};
use shuxiang_core::demo::{self, DemoOptions};
use shuxiang_core::home::{self, DataHome};
use shuxiang_core::import::{self, ImportOptions};
use shuxiang_core::operators::{self, NewOperator};
use shuxiang_core::{Actor, Clock, Db, Error, people};

use crate::exit;
use crate::output::{self, Output};

const ACTOR: Actor = Actor::CommandLine;

pub(crate) fn init(path: &Path, out: &Output) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let report = backup::check(&db, false)?;
    out.value(
        &serde_json::json!({ "path": path, "schema_version": shuxiang_core::schema::SCHEMA_VERSION }),
        || format!("数据库已就绪：{}", path.display()),
    );
    Ok(exit(report.ok))
}

pub(crate) fn demo(
    path: &Path,
    seed: u64,
    volumes: usize,
    out: &Output,
) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let options = DemoOptions {
        seed,
        volumes,
        ..DemoOptions::default()
    };
    let r = demo::load_demo(&db, &ACTOR, options)?;
    out.value(&r, || {
        format!(
            "已装入演示数据：机关干部 {} 人，人大代表 {} 人，书目 {} 种 {} 册；\
             近一年借阅 {} 次，在借 {} 册（逾期 {} 册），预约 {} 条，盘点 {} 次；\
             场地 {} 个，读书分享 {} 次（已举行 {} 次）；\
             培训专题 {} 个、批次 {} 个、课次 {} 次，报名 {} 人次，结业 {} 人次；\
             读者在网上报名 {} 人次（候补 {} 人）、报名分享 {} 条、请假 {} 条、\
             读书心得 {} 篇、荐购 {} 条，书单 {} 份；\
             报刊 {} 种（订阅 {} 笔，记到 {} 期，逾期未到 {} 期（已催询 {} 期），缺期 {} 期，\
             合订本 {} 册，传阅 {} 期、超期 {} 站），图书订单 {} 种（已验收 {} 种），\
             明年征订单草稿 {} 种 {:.2} 元。\n\
             演示读者在局域网读者页面上用借书证号（如 J00001）和 PIN {} 登录。",
            r.staff,
            r.deputies,
            r.titles,
            r.volumes,
            r.lending.loans,
            r.lending.on_loan,
            r.lending.overdue,
            r.lending.holds,
            r.lending.stocktakes,
            r.sharing.venues,
            r.sharing.sessions,
            r.sharing.held,
            r.training.topics,
            r.training.batches,
            r.training.sessions,
            r.training.enrolled,
            r.training.completed,
            r.taking_part.signups,
            r.taking_part.waitlisted,
            r.taking_part.offers,
            r.taking_part.leave,
            r.taking_part.notes,
            r.taking_part.suggestions,
            r.taking_part.lists,
            r.periodicals.serials,
            r.periodicals.subscriptions,
            r.periodicals.received,
            r.periodicals.late,
            r.periodicals.claimed,
            r.periodicals.missing,
            r.periodicals.bound,
            r.periodicals.routed,
            r.periodicals.routing_overdue,
            r.periodicals.order_lines,
            r.periodicals.lines_received,
            r.periodicals.renewal_lines,
            r.periodicals.renewal_total,
            r.reader_pin
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn search(
    path: &Path,
    query: &str,
    limit: u32,
    out: &Output,
) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let page = catalog::search(&db, query, 0, limit)?;
    out.value(&page.items, || output::titles_text(&page));
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn export_books(
    path: &Path,
    file: &Path,
    format: ExportFormat,
    out: &Output,
) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let r = catalog::export_books(&db, file, format)?;
    out.value(&r, || {
        format!(
            "已导出书目 {} 种、{} 册到 {}",
            r.titles,
            r.copies,
            file.display()
        )
    });
    Ok(ExitCode::SUCCESS)
}

/// Reads `file` (refusing an unreadable one) before opening the database
/// that `db` names.
pub(crate) fn import_books(
    file: &Path,
    format: BookFileFormat,
    db: impl FnOnce() -> Result<PathBuf, Error>,
    options: ImportOptions,
    out: &Output,
) -> Result<ExitCode, Error> {
    let sheet = catalog::read_book_path(file, format)?;
    let db = Db::open(&db()?)?;
    let dry_run = options.dry_run;
    let report = catalog::import_books(&db, &ACTOR, &sheet, options);
    output::end_import_progress();
    let report = report?;
    out.import_report(&report, dry_run);
    Ok(exit(!report.refused()))
}

/// Reads `file` (refusing an unreadable one) before opening the database
/// that `db` names.
pub(crate) fn import_people(
    file: &Path,
    db: impl FnOnce() -> Result<PathBuf, Error>,
    options: ImportOptions,
    out: &Output,
) -> Result<ExitCode, Error> {
    let (bytes, name) = import::file_bytes(file)?;
    // The file is read, and refused if unreadable, before the database is opened.
    let tables = import::read_tables(&bytes, &name)?;
    drop(tables);
    let db = Db::open(&db()?)?;
    let dry_run = options.dry_run;
    let report = people::import_people_file(&db, &ACTOR, &name, &bytes, options);
    output::end_import_progress();
    let report = report?;
    out.import_report(&report, dry_run);
    Ok(exit(!report.refused()))
}

pub(crate) fn backup(path: &Path, file: &Path, out: &Output) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    // SHUXIANG_BACKUP_PASSWORD seals the backup with a password.
    let password = std::env::var("SHUXIANG_BACKUP_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty());
    let info = backup::backup_sealed(&db, file, password.as_deref())?;
    out.value(&info, || {
        format!("已备份到 {}（{} 字节）", info.path.display(), info.bytes)
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn restore(path: &Path, file: &Path, out: &Output) -> Result<ExitCode, Error> {
    let safety = path.parent().unwrap_or(Path::new(".")).join("backups");
    let password = std::env::var("SHUXIANG_BACKUP_PASSWORD").ok();
    let report = backup::restore_with_password(
        file,
        password.as_deref(),
        path,
        &safety,
        &ACTOR,
        Clock::System,
    )?;
    out.value(&report, || {
        let mut said = match &report.previous_data_saved_to {
            Some(saved) => format!(
                "已从 {} 恢复。原有数据已另存为 {}",
                file.display(),
                saved.display()
            ),
            None => format!("已从 {} 恢复。", file.display()),
        };
        if let Some(dir) = &report.backup_dir_reset {
            said.push_str(&format!(
                "\n备份文件夹 {dir} 在这台电脑上不存在，已改回默认位置（数据文件夹下的 backups）。"
            ));
        }
        said
    });
    Ok(ExitCode::SUCCESS)
}

/// A database that cannot be opened is a problem the report names, not a
/// failure of the command.
pub(crate) fn check(path: &Path, out: &Output) -> Result<ExitCode, Error> {
    let report = if !path.is_file() {
        CheckReport {
            ok: false,
            problems: vec![format!("数据文件 {} 不存在。", path.display())],
        }
    } else {
        match Db::open(path).and_then(|db| backup::check(&db, true)) {
            Ok(report) => report,
            Err(e) => CheckReport {
                ok: false,
                problems: vec![e.to_string()],
            },
        }
    };
    out.check_report(&report);
    Ok(exit(report.ok))
}

pub(crate) fn barcodes(
    path: &Path,
    prefix: Option<&str>,
    next: Option<u64>,
    out: &Output,
) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    let mut numbering = catalog::copy_barcode_numbering(&db)?;
    if prefix.is_some() || next.is_some() {
        numbering = catalog::BarcodeNumbering {
            prefix: prefix.map_or(numbering.prefix, str::to_owned),
            next: next.unwrap_or(numbering.next),
        };
        numbering = catalog::change_copy_barcode_numbering(&db, &ACTOR, &numbering)?;
    }
    out.value(&numbering, || {
        format!(
            "新册条码从 {}{:06} 开始编号。",
            numbering.prefix, numbering.next
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn list_operators(db: &Db, out: &Output) -> Result<ExitCode, Error> {
    let list = operators::operators(db)?;
    out.value(&list, || {
        list.iter()
            .map(|o| {
                format!(
                    "{}\t{}\t{}",
                    o.name,
                    o.role.label(),
                    if o.active { "启用" } else { "停用" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn add_operator(
    db: &Db,
    name: &str,
    role: &str,
    out: &Output,
) -> Result<ExitCode, Error> {
    let role = shuxiang_core::audit::Role::from_code(role).ok_or_else(|| {
        Error::invalid("role", "角色应为 admin、librarian、organizer 或 viewer。")
    })?;
    let new = NewOperator {
        name: name.to_owned(),
        role,
        password: read_password()?,
    };
    let o = operators::create_operator(db, &ACTOR, &new)?;
    out.value(&o, || {
        format!("已新增操作员 {}（{}）。", o.name, o.role.label())
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn reset_password(db: &Db, name: &str, out: &Output) -> Result<ExitCode, Error> {
    let o = operators::reset_operator_password(db, &ACTOR, name, &read_password()?)?;
    out.value(&o, || {
        format!("已重设 {} 的密码；此前在各处的登录都已结束。", o.name)
    });
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn set_reader_pin(db: &Db, card: &str, out: &Output) -> Result<ExitCode, Error> {
    let pin = read_password()?;
    let p = shuxiang_core::people::set_reader_pin(db, &ACTOR, card, pin.trim())?;
    out.value(
        &serde_json::json!({ "id": p.id, "name": p.name, "card": p.card_barcode }),
        || format!("已为 {} 设置读者 PIN。", p.name),
    );
    Ok(ExitCode::SUCCESS)
}

/// Serves the catalogue and readers' own records on the intranet until
/// Ctrl+C or SIGTERM, then lets requests in flight finish: over HTTPS with
/// the office's certificate or one made beside the database on first start,
/// or over plain HTTP when asked.
pub(crate) fn serve(
    path: &Path,
    listen: &str,
    http: bool,
    own: Option<(&Path, &Path)>,
    out: &Output,
) -> Result<ExitCode, Error> {
    let addr: std::net::SocketAddr = listen.parse().map_err(|_| {
        Error::invalid(
            "listen",
            format!("“{listen}”不是“地址:端口”，例如 0.0.0.0:7443。"),
        )
    })?;
    // Each client holds a file handle; Linux's usual soft limit of 1,024
    // would refuse connections long before the host's own cap.
    let _ = rlimit::increase_nofile_limit(8_192);
    let db = std::sync::Arc::new(Db::open(path)?);
    let certificate = match (http, own) {
        (true, _) => None,
        (false, Some((cert, key))) => Some(shuxiang_host::Certificate::from_files(cert, key)?),
        (false, None) => {
            let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
            Some(shuxiang_host::Certificate::in_folder(
                folder.unwrap_or(Path::new(".")),
            )?)
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::io("无法启动主机", e))?;
    runtime.block_on(async {
        // Listening for a stop before saying it has started.
        let stopped = shuxiang_host::shutdown_signal();
        let running = shuxiang_host::start(
            &tokio::runtime::Handle::current(),
            db,
            addr,
            certificate.as_ref(),
            stopped,
        )?;
        let bound = running.bound;
        let scheme = if http { "http" } else { "https" };
        let url = format!("{scheme}://{bound}/");
        let fingerprint = running.fingerprint.clone();
        if http {
            eprintln!(
                "注意：明文 HTTP 不加密，PIN 和借阅记录在网络上可被看到，只应在可信的内网中使用。"
            );
        }
        out.line(
            &serde_json::json!({ "url": url, "fingerprint": fingerprint }),
            || {
                let open = shuxiang_host::reader_urls(bound, !http).join(" 或 ");
                match &fingerprint {
                    Some(f) => format!(
                        "书香主机已启动：读者在浏览器中打开 {open}；证书指纹（SHA-256）：{f}（按 Ctrl+C 停止）"
                    ),
                    None => format!(
                        "书香主机已启动：读者在浏览器中打开 {open}（明文 HTTP；按 Ctrl+C 停止）"
                    ),
                }
            },
        );
        running.finished().await
    })?;
    Ok(ExitCode::SUCCESS)
}

/// A new password: one line of standard input, so it stays out of the
/// shell's history and the process list.
fn read_password() -> Result<String, Error> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::io("无法读取新密码", e))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

pub(crate) fn export_ics(
    path: &Path,
    file: &Path,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    out: &Output,
) -> Result<ExitCode, Error> {
    let db = Db::open(path)?;
    // Stored times are plain `YYYY-MM-DD…` text: keep the bounds four-digit years.
    let from = from.unwrap_or(chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date"));
    let to = to.unwrap_or(chrono::NaiveDate::from_ymd_opt(9998, 12, 31).expect("a date"));
    if from > to {
        return Err(Error::invalid("from", "起始日期晚于结束日期。"));
    }
    let events = shuxiang_core::sharing::ics::export_ics(&db, file, from, to)?;
    out.value(
        &serde_json::json!({ "file": file.display().to_string(), "events": events }),
        || format!("已导出 {events} 个日程到 {}", file.display()),
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn data_dir(set: Option<&Path>, out: &Output) -> Result<ExitCode, Error> {
    if let Some(dir) = set {
        // A folder named relative to where the command runs (`D:书香` on
        // Windows too) is meant from there.
        let dir = std::path::absolute(dir)
            .map_err(|e| Error::io(format!("无法理解文件夹路径 {}", dir.display()), e))?;
        home::choose_data_dir(&dir)?;
    }
    let home = DataHome::resolve()?;
    out.value(&home, || {
        let mut text = format!("数据文件夹：{}", home.dir.display());
        match (set, home.source) {
            (Some(_), home::HomeSource::Environment) => {
                text.push_str("\n注意：环境变量 SHUXIANG_HOME 已设置，它优先于保存的选择。")
            }
            (Some(_), home::HomeSource::Portable) => {
                text.push_str("\n注意：这是绿色版，程序旁的“数据”文件夹优先于保存的选择。")
            }
            _ => {}
        }
        text
    });
    Ok(ExitCode::SUCCESS)
}
