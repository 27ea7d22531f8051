//! `shuxiang`: the headless face of the Shuxiang core, for office IT,
//! scripts and tests. Exit 0 success, 1 a failed or refused operation,
//! 2 bad usage; with `--json`, one JSON document on stdout in every case.

mod commands;
mod output;
mod serials;
mod taking_part;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use shuxiang_core::catalog::{BookFileFormat, ExportFormat};
use shuxiang_core::home::DataHome;
use shuxiang_core::import::ImportOptions;
use shuxiang_core::{Db, Error};

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

// Parsed once per run: the size of a variant costs nothing.
#[allow(clippy::large_enum_variant)]
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
    /// 读者：为读者设置网页查询用的 PIN（从标准输入读一行）
    Readers {
        #[command(subcommand)]
        what: ReadersWhat,
    },
    /// 活动日程
    Sessions {
        #[command(subcommand)]
        what: SessionsWhat,
    },
    /// 报刊：订阅、记到、迟到、合订、征订单
    Serials {
        #[command(subcommand)]
        what: serials::SerialsWhat,
    },
    /// 待处理：读者的报名候补、分享报名、请假、读书心得和荐购各有几件
    Inbox,
    /// 读者荐购：列出，采纳或不采纳
    Suggestions {
        #[command(subcommand)]
        what: taking_part::SuggestionsWhat,
    },
    /// 读书心得：列出，发表、退回或隐藏
    Notes {
        #[command(subcommand)]
        what: taking_part::NotesWhat,
    },
    /// 活动报名：为读书分享活动或培训批次开放报名
    Events {
        #[command(subcommand)]
        what: taking_part::EventsWhat,
    },
    /// 显示数据文件夹，或用 --set 改到另一个文件夹（例如 D 盘）
    DataDir {
        #[arg(long, value_name = "DIR")]
        set: Option<PathBuf>,
    },
    /// 作为局域网主机提供书目检索和读者查询，直到按 Ctrl+C 或服务停止
    Serve {
        /// 监听的地址和端口
        #[arg(long, default_value = "0.0.0.0:7443", value_name = "ADDR:PORT")]
        listen: String,
        /// 用明文 HTTP（仅限可信的内网）
        #[arg(long)]
        http: bool,
        /// 单位自己的证书（PEM）
        #[arg(long, value_name = "FILE", requires = "key")]
        cert: Option<PathBuf>,
        /// 证书的私钥（PEM）
        #[arg(long, value_name = "FILE", requires = "cert")]
        key: Option<PathBuf>,
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
enum ReadersWhat {
    /// 设置或重设借书证号为 CARD 的读者的 PIN（4 至 12 位数字），并清除输错次数；PIN 从标准输入读一行
    SetPin { card: String },
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
    /// 导入书目（.xlsx、.xls、.csv，或 MARC：ISO 2709 与 MARC XML）
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
    let db = || db_path(cli);
    match &cli.command {
        Command::Init => commands::init(&db()?, out),
        Command::Demo { seed, volumes } => commands::demo(&db()?, *seed, *volumes, out),
        Command::Search { query, limit } => commands::search(&db()?, query, *limit, out),
        Command::Export {
            what: ExportWhat::Books { file, format },
        } => {
            let format = match format {
                Some(ExportFileFormat::Csv) => ExportFormat::Csv,
                Some(ExportFileFormat::Xlsx) => ExportFormat::Xlsx,
                None => ExportFormat::from_path(file),
            };
            commands::export_books(&db()?, file, format, out)
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
            let format = match format {
                BookFormat::Auto => BookFileFormat::Auto,
                BookFormat::Csv => BookFileFormat::Csv,
                BookFormat::Xlsx => BookFileFormat::Xlsx,
                BookFormat::Marc => BookFileFormat::Marc,
                BookFormat::Marcxml => BookFileFormat::MarcXml,
            };
            let options = ImportOptions {
                dry_run: *dry_run,
                skip_bad_rows: *skip_bad_rows,
                progress: output::import_progress(),
                source: file_label(file),
                ..Default::default()
            };
            // The file is read, and refused if unreadable, before the database is opened.
            commands::import_books(file, format, db, options, out)
        }
        Command::Import {
            what:
                ImportWhat::People {
                    file,
                    dry_run,
                    skip_bad_rows,
                },
        } => {
            let options = ImportOptions {
                dry_run: *dry_run,
                skip_bad_rows: *skip_bad_rows,
                progress: output::import_progress(),
                source: file_label(file),
                ..Default::default()
            };
            commands::import_people(file, db, options, out)
        }
        Command::Backup { file } => commands::backup(&db()?, file, out),
        Command::Restore { file } => commands::restore(&db()?, file, out),
        Command::Check => commands::check(&db()?, out),
        Command::Barcodes { prefix, next } => {
            commands::barcodes(&db()?, prefix.as_deref(), *next, out)
        }
        Command::Operators { what } => {
            let db = Db::open(&db()?)?;
            match what {
                OperatorsWhat::List => commands::list_operators(&db, out),
                OperatorsWhat::Add { name, role } => commands::add_operator(&db, name, role, out),
                OperatorsWhat::ResetPassword { name } => commands::reset_password(&db, name, out),
            }
        }
        Command::Readers {
            what: ReadersWhat::SetPin { card },
        } => commands::set_reader_pin(&Db::open(&db()?)?, card, out),
        Command::Sessions {
            what: SessionsWhat::ExportIcs { file, from, to },
        } => commands::export_ics(&db()?, file, *from, *to, out),
        Command::Serials { what } => serials::run(db, what, out),
        Command::Inbox => taking_part::inbox(&Db::open(&db()?)?, out),
        Command::Suggestions { what } => taking_part::suggestions(&Db::open(&db()?)?, what, out),
        Command::Notes { what } => taking_part::notes(&Db::open(&db()?)?, what, out),
        Command::Events { what } => taking_part::events(&Db::open(&db()?)?, what, out),
        Command::DataDir { set } => commands::data_dir(set.as_deref(), out),
        Command::Serve {
            listen,
            http,
            cert,
            key,
        } => {
            let own = cert.as_deref().zip(key.as_deref());
            commands::serve(&db()?, listen, *http, own, out)
        }
    }
}

pub(crate) fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// A file's own name, for the list of imports.
fn file_label(file: &std::path::Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
