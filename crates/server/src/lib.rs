//! `drill serve`: the team server over the core (docs/SERVER.md).
//!
//! One process serves the built site (`dist/`) and the API under `/api/v1` on SQLite (a file
//! under `--data`, no set-up) or PostgreSQL (`--database` / `DATABASE_URL`), through one code
//! path (`sqlx::Any`). Attempts are re-scored with the core against the content version they
//! name; the lead's report is the core's `TeamReport` over the database.
//!
//! - `db.rs`: connecting, migrations (refusing a newer database), ids and codes.
//! - `gate.rs`: who is asking (session cookie), CSRF, the audit log of refusals.
//! - `json.rs`, `error.rs`: strict request reading and the one error shape.
//! - `api/`: the endpoints, each with its OpenAPI description.
//! - `content.rs`: content versions kept forever; `throttle.rs`: sign-in throttling (in the
//!   database); `proxy.rs`: the client's address behind trusted reverse proxies.

// Native only (Cargo.toml declares its dependencies for non-wasm32 targets alone).
#![cfg(not(target_arch = "wasm32"))]

pub mod api;
pub mod content;
pub mod db;
pub mod error;
pub mod gate;
pub mod json;
pub mod password;
pub mod proxy;
pub mod role;
pub mod state;
pub mod throttle;

use crate::error::ApiError;
use crate::role::Role;
use crate::state::{AppState, Inner};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{any, get};
use axum::{Json, Router};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_http::services::ServeDir;
use utoipa_axum::router::OpenApiRouter;

/// What `drill serve` is given.
#[derive(Debug, Clone)]
pub struct Options {
    pub host: String,
    pub port: u16,
    /// Folder of the SQLite database file (when no `database` URL is given).
    pub data: PathBuf,
    /// `postgres://…` or `sqlite://…`; `None` = `sqlite://<data>/drill.db`.
    pub database: Option<String>,
    /// `/` or `/training/`.
    pub base_path: String,
    pub scenarios: PathBuf,
    /// The built site to serve (`dist/`); `None` serves the API alone.
    pub site: Option<PathBuf>,
    pub secure_cookies: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
}

/// `training`, `/training`, `/training/` → `/training/`; empty → `/`.
pub fn normalize_base_path(path: &str) -> Result<String, String> {
    let trimmed = path.trim().trim_matches('/');
    if trimmed.is_empty() {
        return Ok("/".into());
    }
    if trimmed.split('/').any(|seg| seg.is_empty() || seg == "." || seg == "..")
        || !trimmed.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        return Err(format!("--base-path {path} 不是有效的路径（例如 /training/）"));
    }
    Ok(format!("/{trimmed}/"))
}

/// The database URL: the one given, or the SQLite file under `data` (the folder is created).
pub fn database_url(options: &Options) -> Result<String, String> {
    if let Some(url) = &options.database {
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://") || url.starts_with("sqlite:")) {
            return Err(format!("不支持的数据库地址 {}（应以 postgres:// 或 sqlite:// 开头）", db::redact(url)));
        }
        return Ok(url.clone());
    }
    std::fs::create_dir_all(&options.data)
        .map_err(|e| format!("无法创建数据文件夹 {}：{e}", options.data.display()))?;
    Ok(format!("sqlite://{}?mode=rwc", options.data.join("drill.db").display()))
}

/// Opens the database (migrating it) and the content: everything a server needs.
pub async fn start(
    url: &str,
    scenarios: &Path,
    base_path: &str,
    secure_cookies: bool,
    trusted_proxies: Vec<ipnet::IpNet>,
) -> Result<AppState, String> {
    let bundle = content::compile_folder(scenarios)?;
    start_with_bundle(url, bundle, base_path, secure_cookies, trusted_proxies).await
}

/// Like [`start`], with the content bundle's JSON given.
pub async fn start_with_bundle(
    url: &str,
    bundle: String,
    base_path: &str,
    secure_cookies: bool,
    trusted_proxies: Vec<ipnet::IpNet>,
) -> Result<AppState, String> {
    let db = db::open(url).await.map_err(|e| e.to_string())?;
    let content = content::ContentStore::start(&db, bundle).await?;
    Ok(AppState(Arc::new(Inner {
        db,
        content,
        base_path: normalize_base_path(base_path)?,
        secure_cookies,
        trusted_proxies,
    })))
}

/// The API router (`/api/v1/…`, with `/api/v1/openapi.json`), gated.
pub fn api(state: AppState) -> Router {
    let (router, doc) = OpenApiRouter::with_openapi(<api::ApiDoc as utoipa::OpenApi>::openapi())
        .nest("/api/v1", api::router())
        .split_for_parts();
    let doc = Arc::new(doc);
    router
        .route("/api/v1/openapi.json", get(move || async move { Json(doc.as_ref().clone()) }))
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .layer(axum::middleware::from_fn_with_state(state.clone(), gate::gate))
        .with_state(state)
}

fn json_file(body: String) -> axum::response::Response {
    ([(axum::http::header::CONTENT_TYPE, "application/json"), (axum::http::header::CACHE_CONTROL, "no-cache")], body)
        .into_response()
}

async fn api_not_found() -> ApiError {
    ApiError::not_found(None, "没有这个接口")
}

/// The whole site: the API, and the built pages under the base path.
pub fn app(state: AppState, site: Option<&Path>) -> Router {
    let base = state.base_path.clone();
    let state_content = state.clone();
    let state_content = &state_content.content;
    let mut inner = Router::new().merge(api(state.clone()));
    if let Some(site) = site {
        // The pages route by `#…`, so no path needs index.html in its place: a missing file
        // is a 404, not the page (a missing .wasm answered with HTML fails obscurely).
        // The pages' content is the server's (compiled from --scenarios at start), whatever
        // content.json the site was built with: the attempts they send name its version,
        // which the server can then re-score.
        let (json, index) = (state_content.current_json.clone(), state_content.current_index.clone());
        inner = inner
            .route("/content.json", get(move || async move { json_file(json.to_string()) }))
            .route("/packs.json", get(move || async move { json_file(index.to_string()) }))
            .fallback_service(ServeDir::new(site).append_index_html_on_directories(true));
    }
    if base == "/" {
        return inner;
    }
    // Under a base path: requests below it go to the site with the prefix taken off; the
    // prefix without its slash is redirected to it; anything else is not ours.
    let prefix = base.trim_end_matches('/').to_owned();
    Router::new().fallback_service(inner).layer(axum::middleware::from_fn(move |mut req: Request, next: Next| {
        let prefix = prefix.clone();
        async move {
            let path = req.uri().path();
            if path == prefix {
                return Redirect::permanent(&format!("{prefix}/")).into_response();
            }
            let Some(rest) = path.strip_prefix(prefix.as_str()).filter(|r| r.starts_with('/')) else {
                return (StatusCode::NOT_FOUND, "Not found").into_response();
            };
            let target = match req.uri().query() {
                Some(q) => format!("{rest}?{q}"),
                None => rest.to_owned(),
            };
            match target.parse() {
                Ok(uri) => {
                    *req.uri_mut() = uri;
                    next.run(req).await
                }
                Err(_) => (StatusCode::BAD_REQUEST, "Bad request").into_response(),
            }
        }
    }))
}

/// On a database with no administrator who can sign in, a one-time code for the first one
/// (工号 `admin`): returned so `drill serve` can print it.
pub async fn bootstrap_admin(state: &AppState) -> Result<Option<(String, String)>, String> {
    let err = |e: sqlx::Error| format!("数据库错误：{e}");
    let ready: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM accounts WHERE role = $1 AND disabled = 0 AND password_hash IS NOT NULL")
            .bind(Role::Admin.key())
            .fetch_one(&state.db)
            .await
            .map_err(err)?;
    if ready.0 > 0 {
        return Ok(None);
    }
    let existing: Option<(String, String)> = sqlx::query_as(
        "SELECT id, employee_no FROM accounts WHERE role = $1 AND disabled = 0 ORDER BY created_ms LIMIT 1",
    )
    .bind(Role::Admin.key())
    .fetch_optional(&state.db)
    .await
    .map_err(err)?;
    let code = db::new_code();
    let now = db::now_ms();
    let (id, employee_no) = match existing {
        Some(found) => found,
        None => {
            let id = db::new_id();
            sqlx::query(
                "INSERT INTO accounts (id, employee_no, name, team_id, role, disabled, created_ms, updated_ms) VALUES ($1, 'admin', '管理员', NULL, $2, 0, $3, $3)",
            )
            .bind(&id)
            .bind(Role::Admin.key())
            .bind(now)
            .execute(&state.db)
            .await
            .map_err(err)?;
            (id, "admin".to_owned())
        }
    };
    sqlx::query("UPDATE accounts SET code_hash = $1, code_expires_ms = $2 WHERE id = $3")
        .bind(password::hash(&code))
        .bind(now + api::accounts::CODE_MS)
        .bind(&id)
        .execute(&state.db)
        .await
        .map_err(err)?;
    Ok(Some((employee_no, code)))
}

/// Prints a line for the host; a closed stdout (`drill serve | head`) must not stop the server.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Runs the server until Ctrl-C (or SIGTERM).
pub fn run(options: Options) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let url = database_url(&options)?;
        let base = normalize_base_path(&options.base_path)?;
        let state =
            start(&url, &options.scenarios, &base, options.secure_cookies, options.trusted_proxies.clone()).await?;
        if let Some(site) = &options.site {
            if !site.join("index.html").is_file() {
                return Err(format!("网站文件夹 {} 中没有 index.html：先构建网站（trunk build），或用 --site 指定，或用 --no-site 只提供接口", site.display()));
            }
        }
        let listener = tokio::net::TcpListener::bind((options.host.as_str(), options.port))
            .await
            .map_err(|e| format!("无法监听 {}:{}：{e}", options.host, options.port))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let shown_host = if options.host == "0.0.0.0" || options.host == "::" { "127.0.0.1".to_owned() } else { options.host.clone() };
        let site_url = if shown_host.contains(':') { format!("http://[{shown_host}]:{}{base}", addr.port()) } else { format!("http://{shown_host}:{}{base}", addr.port()) };
        say!("服务演练 服务器已启动：{site_url}");
        say!("  数据库：{}", db::redact(&url));
        say!("  题库版本：{}", state.content.current_version);
        if !state.trusted_proxies.is_empty() {
            let list: Vec<String> = state.trusted_proxies.iter().map(ToString::to_string).collect();
            say!("  信任的反向代理：{}（来自它们的请求按 X-Forwarded-For 识别客户端地址）", list.join("、"));
        }
        if let Some((employee_no, code)) = bootstrap_admin(&state).await? {
            say!();
            say!("  首次使用：请在 {site_url} 用工号 {employee_no} 和一次性登录码 {code} 登录并设置管理员密码。");
            say!("  （登录码只能用一次，30 天内有效；接口：POST {base}api/v1/auth/code）");
        }
        let app = app(state, options.site.as_deref());
        axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| e.to_string())
    })
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
