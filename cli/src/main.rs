//! `shuxiang`: the headless face of the Shuxiang core, for office IT,
//! scripts and tests. Exit 0 success, 1 a failed or refused operation,
//! 2 bad usage; with `--json`, one JSON document on stdout in every case.

mod output;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shuxiang_core::backup::{self, CheckReport};
use shuxiang_core::catalog::{self, BookFileFormat, ExportFormat};
use shuxiang_core::demo::{self, DemoOptions};
use shuxiang_core::home::{self, DataHome};
use shuxiang_core::import::{self, ImportOptions};
use shuxiang_core::{Actor, Clock, Db, Error, people};

use output::Output;

/// 书香 — 机关阅览室与学习活动管理（命令行）
#[derive(Parser)]
#[command(name = "shuxiang", version, about, long_about = None)]
struct Cli {
    /// 数据库文件（默认：书香桌面程序自己的数据文件；也可用环境变量 SHUXIANG_DB）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以 JSON 输出结果（出错时也是）
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 创建（或升级）数据库
    Init,
    /// 装入演示数据（只用于空数据库）
    Demo {
        /// 馆藏册数
        #[arg(long, default_value_t = 5000)]
        volumes: usize,
        /// 随机种子：同一种子生成同样的数据
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// 检索书目：书名、作者、拼音、首字母、ISBN、索书号或条码
    Search {
        query: String,
        /// 最多显示几条
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// 导出
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// 从文件导入
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// 把整个数据库备份到文件
    Backup { file: PathBuf },
    /// 从备份文件恢复（先校验，再保存当前数据，然后替换）
    Restore { file: PathBuf },
    /// 检查数据库是否完好
    Check,
    /// 显示或设置新册条码的编号规则（前缀与起始编号）
    Barcodes {
        /// 条码前缀，例如 SX
        #[arg(long)]
        prefix: Option<String>,
        /// 下一个编号，例如 1200
        #[arg(long)]
        next: Option<u64>,
    },
    /// 操作员账号：列出、新增，或为忘记密码的人重设密码（新密码从标准输入读一行）
    Operators {
        #[command(subcommand)]
        what: OperatorsWhat,
    },
    /// 活动日程
    Sessions {
        #[command(subcommand)]
        what: SessionsWhat,
    },
    /// 显示数据文件夹，或用 --set 改到另一个文件夹（例如 D 盘）
    DataDir {
        #[arg(long, value_name = "DIR")]
        set: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum OperatorsWhat {
    /// 列出操作员
    List,
    /// 新增操作员（第一个必须是 admin）；密码从标准输入读一行
    Add {
        name: String,
        /// admin、librarian、organizer 或 viewer
        #[arg(long, default_value = "admin")]
        role: String,
    },
    /// 重设某个操作员的密码并解除锁定；新密码从标准输入读一行
    ResetPassword { name: String },
}

#[derive(Subcommand)]
enum SessionsWhat {
    /// 把读书分享和培训的日程导出为 .ics（Outlook、手机日历可导入）
    ExportIcs {
        file: PathBuf,
        /// 从哪天起（含），如 2026-01-01；不填则不限
        #[arg(long, value_parser = shuxiang_core::calendar::bookings::parse_day)]
        from: Option<chrono::NaiveDate>,
        /// 到哪天止（含），如 2026-12-31；不填则不限
        #[arg(long, value_parser = shuxiang_core::calendar::bookings::parse_day)]
        to: Option<chrono::NaiveDate>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// 导出全部书目和馆藏（.xlsx 或带 BOM 的 UTF-8 .csv）
    Books {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: Option<ExportFileFormat>,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ExportFileFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum BookFormat {
    Auto,
    Csv,
    Xlsx,
    Marc,
    Marcxml,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// 导入书目（.xlsx、.xls 或 .csv）
    Books {
        file: PathBuf,
        #[arg(long, value_enum, default_value = "auto")]
        format: BookFormat,
        /// 只检查并报告，不做任何更改
        #[arg(long)]
        dry_run: bool,
        /// 跳过有错误的行，导入其余各行
        #[arg(long)]
        skip_bad_rows: bool,
    },
    /// 导入人员名单（.xlsx、.xls 或 .csv）
    People {
        file: PathBuf,
        /// 只检查并报告，不做任何更改
        #[arg(long)]
        dry_run: bool,
        /// 跳过有错误的行，导入其余各行
        #[arg(long)]
        skip_bad_rows: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let out = Output::new(cli.json);
    match run(&cli, &out) {
        Ok(code) => code,
        Err(e) => out.error(&e),
    }
}

fn db_path(cli: &Cli) -> Result<PathBuf, Error> {
    if let Some(p) = &cli.db {
        return Ok(p.clone());
    }
    if let Some(p) = std::env::var_os("SHUXIANG_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    Ok(DataHome::resolve()?.db_path())
}

fn run(cli: &Cli, out: &Output) -> Result<ExitCode, Error> {
    let actor = Actor::CommandLine;
    match &cli.command {
        Command::Init => {
            let path = db_path(cli)?;
            let db = Db::open(&path)?;
            let report = backup::check(&db, false)?;
            out.value(&serde_json::json!({ "path": path, "schema_version": shuxiang_core::schema::SCHEMA_VERSION }), || {
                format!("数据库已就绪：{}", path.display())
            });
            Ok(exit(report.ok))
        }
        Command::Demo { seed, volumes } => {
            let db = Db::open(&db_path(cli)?)?;
            let options = DemoOptions {
                seed: *seed,
                volumes: *volumes,
                ..DemoOptions::default()
            };
            let r = demo::load_demo(&db, &actor, options)?;
            out.value(&r, || {
                format!(
                    "已装入演示数据：机关干部 {} 人，人大代表 {} 人，书目 {} 种 {} 册；\
                     近一年借阅 {} 次，在借 {} 册（逾期 {} 册），预约 {} 条，盘点 {} 次；\
                     场地 {} 个，读书分享 {} 次（已举行 {} 次）；\
                     培训专题 {} 个、批次 {} 个、课次 {} 次，报名 {} 人次，结业 {} 人次。",
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
                    r.training.completed
                )
            });
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, limit } => {
            let db = Db::open(&db_path(cli)?)?;
            let page = catalog::search(&db, query, 0, *limit)?;
            out.value(&page.items, || output::titles_text(&page));
            Ok(ExitCode::SUCCESS)
        }
        Command::Export {
            what: ExportWhat::Books { file, format },
        } => {
            let db = Db::open(&db_path(cli)?)?;
            let format = match format {
                Some(ExportFileFormat::Csv) => ExportFormat::Csv,
                Some(ExportFileFormat::Xlsx) => ExportFormat::Xlsx,
                None => ExportFormat::from_path(file),
            };
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
        Command::Import {
            what:
                ImportWhat::Books {
                    file,
                    format,
                    dry_run,
                    skip_bad_rows,
                },
        } => {
            let bytes = std::fs::read(file)
                .map_err(|e| Error::io(format!("无法读取文件 {}", file.display()), e))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let format = match format {
                BookFormat::Auto => BookFileFormat::Auto,
                BookFormat::Csv => BookFileFormat::Csv,
                BookFormat::Xlsx => BookFileFormat::Xlsx,
                BookFormat::Marc => BookFileFormat::Marc,
                BookFormat::Marcxml => BookFileFormat::MarcXml,
            };
            let sheet = catalog::read_book_file(&bytes, &name, format)?;
            let db = Db::open(&db_path(cli)?)?;
            let options = ImportOptions {
                dry_run: *dry_run,
                skip_bad_rows: *skip_bad_rows,
                ..Default::default()
            };
            let report = catalog::import_books(&db, &actor, &sheet, options)?;
            out.import_report(&report, *dry_run);
            Ok(exit(!report.refused()))
        }
        Command::Import {
            what:
                ImportWhat::People {
                    file,
                    dry_run,
                    skip_bad_rows,
                },
        } => {
            let grid = import::read_file(file)?;
            let db = Db::open(&db_path(cli)?)?;
            let options = ImportOptions {
                dry_run: *dry_run,
                skip_bad_rows: *skip_bad_rows,
                ..Default::default()
            };
            let report = people::import_people(&db, &actor, &grid, options)?;
            out.import_report(&report, *dry_run);
            Ok(exit(!report.refused()))
        }
        Command::Backup { file } => {
            let db = Db::open(&db_path(cli)?)?;
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
        Command::Restore { file } => {
            let path = db_path(cli)?;
            let safety = path.parent().unwrap_or(Path::new(".")).join("backups");
            let password = std::env::var("SHUXIANG_BACKUP_PASSWORD").ok();
            let report = backup::restore_with_password(
                file,
                password.as_deref(),
                &path,
                &safety,
                &actor,
                Clock::System,
            )?;
            out.value(&report, || match &report.previous_data_saved_to {
                Some(saved) => format!(
                    "已从 {} 恢复。原有数据已另存为 {}",
                    file.display(),
                    saved.display()
                ),
                None => format!("已从 {} 恢复。", file.display()),
            });
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => {
            let path = db_path(cli)?;
            let report = if !path.is_file() {
                CheckReport {
                    ok: false,
                    problems: vec![format!("数据文件 {} 不存在。", path.display())],
                }
            } else {
                match Db::open(&path).and_then(|db| backup::check(&db, true)) {
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
        Command::Barcodes { prefix, next } => {
            let db = Db::open(&db_path(cli)?)?;
            let mut numbering = catalog::copy_barcode_numbering(&db)?;
            if prefix.is_some() || next.is_some() {
                numbering = catalog::BarcodeNumbering {
                    prefix: prefix.clone().unwrap_or(numbering.prefix),
                    next: next.unwrap_or(numbering.next),
                };
                numbering = catalog::change_copy_barcode_numbering(&db, &actor, &numbering)?;
            }
            out.value(&numbering, || {
                format!(
                    "新册条码从 {}{:06} 开始编号。",
                    numbering.prefix, numbering.next
                )
            });
            Ok(ExitCode::SUCCESS)
        }
        Command::Operators { what } => {
            let db = Db::open(&db_path(cli)?)?;
            let read_password = || -> Result<String, Error> {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .map_err(|e| Error::io("无法读取新密码", e))?;
                Ok(line.trim_end_matches(['\r', '\n']).to_owned())
            };
            match what {
                OperatorsWhat::List => {
                    let list = shuxiang_core::operators::operators(&db)?;
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
                }
                OperatorsWhat::Add { name, role } => {
                    let role = shuxiang_core::audit::Role::from_code(role).ok_or_else(|| {
                        Error::invalid("role", "角色应为 admin、librarian、organizer 或 viewer。")
                    })?;
                    let new = shuxiang_core::operators::NewOperator {
                        name: name.clone(),
                        role,
                        password: read_password()?,
                    };
                    let o = shuxiang_core::operators::create_operator(&db, &actor, &new)?;
                    out.value(&o, || {
                        format!("已新增操作员 {}（{}）。", o.name, o.role.label())
                    });
                }
                OperatorsWhat::ResetPassword { name } => {
                    let o = shuxiang_core::operators::reset_password(
                        &db,
                        &actor,
                        name,
                        &read_password()?,
                    )?;
                    out.value(&o, || format!("已重设 {} 的密码，并解除锁定。", o.name));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Sessions {
            what: SessionsWhat::ExportIcs { file, from, to },
        } => {
            let db = Db::open(&db_path(cli)?)?;
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
        Command::DataDir { set } => {
            if let Some(dir) = set {
                let config = home::config_file().ok_or_else(|| {
                    Error::invalid("config", "找不到用户配置文件夹，无法保存数据文件夹的位置。")
                })?;
                home::save_data_dir(&config, dir)?;
            }
            let home = DataHome::resolve()?;
            out.value(&home, || {
                let mut text = format!("数据文件夹：{}", home.dir.display());
                if set.is_some() && home.source == home::HomeSource::Environment {
                    text.push_str("\n注意：环境变量 SHUXIANG_HOME 已设置，它优先于保存的选择。");
                }
                text
            });
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
