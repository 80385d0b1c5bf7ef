//! `drill`: the command line for trainers and team leads, sharing the app's core.
//!
//! - `drill check PATH...` — check scenario files or folders (exit 0 clean, 1 errors, 2 usage).
//! - `drill report FILES...` — the team summary from exported results files.
//! - `drill schema` — the pack format's JSON Schema (shipped as `schema/pack.schema.json`).
//! - `drill bundle [DIR] --out FILE` — the scenario folder compiled into the one JSON file
//!   the app fetches (`content.json`).
//! - `drill serve` — the team server (`drill-server`): the site, sign-in, synced results.
//! - `drill scan [FILE]` — the banned-phrase check on replies, one per line (stdin when no
//!   file): which phrase, which rule, where; `--format json` for one object per line.

mod bundle;
mod check;
mod render;
mod report;
mod scan;
mod scenarios;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "drill", version, about = "服务演练命令行：检查题包、汇总班组成绩")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 检查题包、标准库、忌语表和用语手册（文件或文件夹）
    Check {
        /// 要检查的文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// 标准库文件（默认在题包所在文件夹中查找 standards.yaml）
        #[arg(long)]
        standards: Option<PathBuf>,
        /// 忌语表文件（默认在同一文件夹中查找 banned.yaml）
        #[arg(long)]
        banned: Option<PathBuf>,
    },
    /// 汇总学员导出的成绩文件：学员、规范、题目三张表
    Report {
        /// 成绩文件（.json）或包含成绩文件的文件夹
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 输出格式
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// 只看某个班组
        #[arg(long)]
        team: Option<String>,
        /// 题库文件夹（含 index.yaml），用于重新评分核对和显示对话选项原文
        #[arg(long)]
        scenarios: Option<PathBuf>,
    },
    /// 用忌语表检查回答：每行一句（不给文件时读标准输入），指出忌语、违反的规范和位置
    Scan {
        /// 每行一句回答的文本文件（UTF-8）；不写或写 - 时读标准输入
        file: Option<PathBuf>,
        /// 输出格式：human 中文报告；json 每行输入对应一行 JSON
        #[arg(long, value_enum, default_value_t = scan::ScanFormat::Human)]
        format: scan::ScanFormat,
        /// 题库文件夹（含 index.yaml），默认 scenarios
        #[arg(long, default_value = "scenarios")]
        scenarios: PathBuf,
    },
    /// 输出题包文件的 JSON Schema（编辑器自动补全与校验用），保存为 schema/pack.schema.json
    Schema,
    /// 把题库文件夹编译成应用读取的 content.json（题包、标准库、忌语表、用语手册及其错误）
    Bundle {
        /// 题库文件夹（含 index.yaml）
        #[arg(default_value = "scenarios")]
        dir: PathBuf,
        /// 输出文件，例如 dist/content.json；同一文件夹中另写题包列表 packs.json（先写临时文件再改名，不会出现半个文件）
        #[arg(long)]
        out: PathBuf,
        /// 缩进排版（便于阅读；默认紧凑，体积更小）
        #[arg(long)]
        pretty: bool,
    },
    /// 启动服务器：网站页面、登录、成绩同步到数据库（SQLite 或 PostgreSQL）
    Serve(ServeArgs),
}

/// `drill serve`'s flags (the server itself is `drill-server`).
#[derive(clap::Args)]
struct ServeArgs {
    /// 监听地址（0.0.0.0 允许其他电脑访问）
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// 端口
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// 数据文件夹：未指定 --database 时，SQLite 数据库文件 drill.db 保存在这里（不存在则创建）
    #[arg(long, default_value = "data")]
    data: PathBuf,
    /// 数据库地址，例如 postgres://用户@主机/库名（也可用环境变量 DATABASE_URL）；不指定则用 --data 下的 SQLite
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database: Option<String>,
    /// 网站所在的路径前缀，例如 /training/（反向代理把 https://主机/training/ 转到本服务时）
    #[arg(long, default_value = "/")]
    base_path: String,
    /// 题库文件夹（含 index.yaml）：启动时编译，作答按它重新评分
    #[arg(long, default_value = "scenarios")]
    scenarios: PathBuf,
    /// 构建好的网站文件夹（trunk build 的输出）
    #[arg(long, default_value = "dist")]
    site: PathBuf,
    /// 只提供接口，不提供网站页面
    #[arg(long, conflicts_with = "site")]
    no_site: bool,
    /// 会话 Cookie 总是加 Secure（经 HTTPS 反向代理访问、而代理不发送 X-Forwarded-Proto 时）
    #[arg(long)]
    secure_cookies: bool,
    /// 信任的反向代理（IP 地址或网段，如 10.0.0.1 或 10.0.0.0/8；可重复）。只有来自这些地址的请求，才按 X-Forwarded-For 最右边一个不属于信任代理的地址识别客户端（用于登录限流和审计日志）；其他请求忽略该请求头，客户端无法伪造地址
    #[arg(long = "trusted-proxy", value_name = "地址或网段", value_parser = drill_server::proxy::parse_trusted)]
    trusted_proxy: Vec<drill_server::proxy::IpNet>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check { paths, format, standards, banned } => {
            check::run(&paths, format, standards.as_deref(), banned.as_deref())
        }
        Command::Report { files, format, team, scenarios } => {
            report::run(&files, format, team.as_deref(), scenarios.as_deref())
        }
        Command::Bundle { dir, out, pretty } => bundle::run(&dir, &out, pretty),
        Command::Serve(args) => {
            let options = drill_server::Options {
                host: args.host,
                port: args.port,
                data: args.data,
                database: args.database.filter(|url| !url.trim().is_empty()),
                base_path: args.base_path,
                scenarios: args.scenarios,
                site: (!args.no_site).then_some(args.site),
                secure_cookies: args.secure_cookies,
                trusted_proxies: args.trusted_proxy,
            };
            match drill_server::run(options) {
                Ok(()) => 0,
                Err(message) => {
                    eprintln!("drill serve: {message}");
                    2
                }
            }
        }
        Command::Scan { file, format, scenarios } => scan::run(file.as_deref(), format, &scenarios),
        Command::Schema => {
            print!("{}", drill_core::schema::pack_schema_json());
            0
        }
    };
    ExitCode::from(code)
}
