//! The harness the API tests share: one fresh database per test (a SQLite file in a temp
//! folder, or a PostgreSQL database created for the test and dropped after it), the app
//! driven in-process with `tower::ServiceExt::oneshot`, and clients that keep their cookie.
//!
//! PostgreSQL: `DRILL_TEST_POSTGRES=postgres://postgres@%2Fvar%2Frun%2Fpostgresql/postgres`
//! (any database the user may connect to; each test creates `drill_test_…` beside it).
//! Unset, the PostgreSQL half of each test is skipped and says so, unless
//! `DRILL_REQUIRE_POSTGRES=1`, which makes it fail (scripts/test.sh sets both).
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use drill_core::load::Library;
use drill_server::state::AppState;
use http_body_util::BodyExt;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;
use tower::ServiceExt;

/// Runs `$body` (an async fn taking `&Harness`) once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let h = $crate::common::Harness::sqlite().await;
                    super::$name(&h).await;
                    h.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(h) = $crate::common::Harness::postgres(stringify!($name)).await else { return };
                    super::$name(&h).await;
                    h.finish().await;
                }
            )*
        }
    };
}

pub fn bundle_json() -> &'static str {
    static BUNDLE: OnceLock<String> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scenarios");
        drill_server::content::compile_folder(&dir).expect("the shipped scenarios compile")
    })
}

pub fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| drill_core::bundle::open(bundle_json()).expect("opens").library)
}

pub struct Harness {
    pub state: AppState,
    pub app: Router,
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        match self {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                // Drop runs inside the test's runtime: drop the database from a thread of its own.
                let (admin_url, name) = (admin_url.clone(), name.clone());
                let dropped = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                    rt.block_on(async {
                        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await?;
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut conn)
                            .await
                            .map(|_| ())
                    })
                })
                .join();
                if !matches!(dropped, Ok(Ok(()))) {
                    eprintln!("could not drop a test database");
                }
            }
        }
    }
}

fn unique() -> String {
    drill_server::db::random_hex(6)
}

impl Harness {
    pub async fn sqlite() -> Harness {
        let dir = std::env::temp_dir().join(format!("drill-server-test-{}", unique()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = format!("sqlite://{}?mode=rwc", dir.join("drill.db").display());
        Harness::on(url, Cleanup::Dir(dir)).await
    }

    /// `None` (after saying so) when no PostgreSQL is configured and none is required.
    pub async fn postgres(test: &str) -> Option<Harness> {
        let Some(base) = std::env::var("DRILL_TEST_POSTGRES").ok().filter(|s| !s.is_empty()) else {
            if std::env::var("DRILL_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                panic!("DRILL_REQUIRE_POSTGRES=1 but DRILL_TEST_POSTGRES is not set: the PostgreSQL half of {test} cannot run");
            }
            eprintln!("SKIPPED: PostgreSQL half of {test} (set DRILL_TEST_POSTGRES=postgres://… to run it)");
            return None;
        };
        let name = format!("drill_test_{}", unique());
        let (prefix, query) = match base.split_once('?') {
            Some((p, q)) => (p.to_owned(), format!("?{q}")),
            None => (base.clone(), String::new()),
        };
        let root = &prefix[..prefix.rfind('/').expect("a database URL has a path")];
        let admin_url = format!("{root}/postgres{query}");
        let url = format!("{root}/{name}{query}");
        sqlx::any::install_default_drivers();
        let mut conn =
            <sqlx::AnyConnection as sqlx::Connection>::connect(&admin_url).await.expect("connect to PostgreSQL");
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create the test database");
        Some(Harness::on(url, Cleanup::Postgres { admin_url, name }).await)
    }

    async fn on(url: String, cleanup: Cleanup) -> Harness {
        let state = drill_server::start_with_bundle(&url, bundle_json().to_owned(), "/", false, Vec::new())
            .await
            .expect("server starts");
        let app = drill_server::app(state.clone(), None);
        Harness { state, app, url, cleanup }
    }

    /// Closes the pool; the database goes when the harness is dropped (also after a failure).
    pub async fn finish(self) {
        self.state.db.close().await;
    }

    pub fn client(&self) -> Client {
        Client { app: self.app.clone(), cookie: None }
    }

    /// Another server on the same database: the same one after a restart, or a second
    /// process beside it. Close its pool (`state.db.close()`) when done.
    pub async fn second_server(&self, trusted_proxies: Vec<drill_server::proxy::IpNet>) -> (AppState, Client) {
        let state = drill_server::start_with_bundle(&self.url, bundle_json().to_owned(), "/", false, trusted_proxies)
            .await
            .expect("a second server starts");
        let client = Client { app: drill_server::app(state.clone(), None), cookie: None };
        (state, client)
    }

    /// A signed-in administrator (the first one, through the bootstrap code).
    pub async fn admin(&self) -> Client {
        let (employee_no, code) =
            drill_server::bootstrap_admin(&self.state).await.unwrap().expect("a code on an empty database");
        let mut c = self.client();
        let r = c
            .post(
                "/api/v1/auth/code",
                serde_json::json!({"employee_no": employee_no, "code": code, "new_password": "admin-password"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        c
    }

    /// Imports staff and signs each new account in (code → password `pw-<工号>`).
    pub async fn staff(&self, admin: &mut Client, csv: &str) -> Vec<(String, Client)> {
        let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", csv.as_bytes().to_vec()).await;
        assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
        let mut out = Vec::new();
        for code in r.body["codes"].as_array().unwrap() {
            let no = code["employee_no"].as_str().unwrap().to_owned();
            let mut c = self.client();
            let s = c
                .post("/api/v1/auth/code", serde_json::json!({"employee_no": no, "code": code["code"], "new_password": format!("pw-{no}-long")}))
                .await;
            assert_eq!(s.status, StatusCode::OK, "{:?}", s.body);
            out.push((no, c));
        }
        out
    }

    pub async fn count(&self, sql: &str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&self.state.db).await.unwrap();
        n
    }
}

#[derive(Clone)]
pub struct Client {
    app: Router,
    pub cookie: Option<String>,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub set_cookie: Option<String>,
}

impl Reply {
    /// The error's field and message (panics when this is not an error body).
    pub fn error(&self) -> (Option<String>, String) {
        let e = &self.body["error"];
        assert!(e.is_object(), "not an error body: {:?}", self.body);
        (e["field"].as_str().map(str::to_owned), e["message"].as_str().unwrap().to_owned())
    }
}

impl Client {
    pub async fn request(&mut self, req: Request<Body>) -> Reply {
        let response = self.app.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let set_cookie = response.headers().get(header::SET_COOKIE).map(|v| v.to_str().unwrap().to_owned());
        if let Some(c) = &set_cookie {
            let pair = c.split(';').next().unwrap().to_owned();
            self.cookie = if pair.ends_with('=') { None } else { Some(pair) };
        }
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Reply { status, body, set_cookie }
    }

    pub fn builder(&self, method: Method, path: &str) -> axum::http::request::Builder {
        let mut b = Request::builder().method(method).uri(path).header("x-drill-csrf", "1");
        if let Some(c) = &self.cookie {
            b = b.header(header::COOKIE, c);
        }
        b
    }

    pub async fn send_raw(&mut self, method: Method, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let req = self.builder(method, path).header(header::CONTENT_TYPE, content_type).body(Body::from(body)).unwrap();
        self.request(req).await
    }

    pub async fn get(&mut self, path: &str) -> Reply {
        let req = self.builder(Method::GET, path).body(Body::empty()).unwrap();
        self.request(req).await
    }

    pub async fn post(&mut self, path: &str, json: Value) -> Reply {
        self.send_raw(Method::POST, path, "application/json", serde_json::to_vec(&json).unwrap()).await
    }

    pub async fn patch(&mut self, path: &str, json: Value) -> Reply {
        self.send_raw(Method::PATCH, path, "application/json", serde_json::to_vec(&json).unwrap()).await
    }
}

/// A choice item of the shipped content: (pack id, item id, index of its best option).
pub fn choice_item() -> (String, String, usize) {
    for pack in &library().packs {
        for item in &pack.items {
            if let drill_core::scenario::ItemBody::Choice(c) = &item.body {
                let best =
                    (0..c.options.len()).max_by(|a, b| c.options[*a].score.total_cmp(&c.options[*b].score)).unwrap();
                return (pack.id.clone(), item.id.clone(), best);
            }
        }
    }
    panic!("the shipped content has a choice item");
}

pub fn content_version() -> String {
    library().content_version.clone()
}

/// One attempt at the choice item.
pub fn attempt(id: &str, option: usize, claimed: Option<f64>, answered_ms: f64) -> Value {
    let (pack, item, _) = choice_item();
    let mut a = serde_json::json!({
        "id": id, "content_version": content_version(), "pack_id": pack, "item_id": item,
        "answer": {"kind": "choice", "option": option}, "started_ms": answered_ms - 5000.0, "answered_ms": answered_ms
    });
    if let Some(c) = claimed {
        a["claimed_points"] = serde_json::json!(c);
    }
    a
}
