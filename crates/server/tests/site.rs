//! The built site and the API served together, at the root and under a base path (the
//! database does not matter here: SQLite).

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use std::path::PathBuf;
use tower::ServiceExt;

/// Removes a temporary folder when dropped, also when a test fails.
struct Gone(PathBuf);

impl Drop for Gone {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A stand-in for `dist/`: the three pages and an asset.
fn site() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("drill-site-{}", drill_server::db::random_hex(6)));
    std::fs::create_dir_all(dir.join("study")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>trainee</title>").unwrap();
    std::fs::write(dir.join("study/index.html"), "<!doctype html><title>study</title>").unwrap();
    std::fs::write(dir.join("main-abc.css"), "body{}").unwrap();
    dir
}

async fn get(app: &axum::Router, path: &str) -> (StatusCode, String, Option<String>) {
    let r = app.clone().oneshot(Request::get(path).body(Body::empty()).unwrap()).await.unwrap();
    let status = r.status();
    let location = r.headers().get(header::LOCATION).map(|v| v.to_str().unwrap().to_owned());
    let body = String::from_utf8_lossy(&r.into_body().collect().await.unwrap().to_bytes()).into_owned();
    (status, body, location)
}

async fn state(base: &str) -> (drill_server::state::AppState, PathBuf) {
    let dir = std::env::temp_dir().join(format!("drill-site-db-{}", drill_server::db::random_hex(6)));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.join("drill.db").display());
    (
        drill_server::start_with_bundle(&url, common::bundle_json().to_owned(), base, false, Vec::new()).await.unwrap(),
        dir,
    )
}

#[tokio::test]
async fn site_and_api_at_the_root() {
    let dist = site();
    let (state, db) = state("/").await;
    let _gone = (Gone(dist.clone()), Gone(db.clone()));
    let app = drill_server::app(state, Some(&dist));
    assert!(get(&app, "/").await.1.contains("trainee"));
    assert!(get(&app, "/study/").await.1.contains("study"));
    assert_eq!(get(&app, "/main-abc.css").await.1, "body{}");
    assert_eq!(get(&app, "/missing.wasm").await.0, StatusCode::NOT_FOUND);
    // The content is the server's, not whatever content.json the site was built with.
    std::fs::write(dist.join("content.json"), "{\"stale\": true}").unwrap();
    let (status, body, _) = get(&app, "/content.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(&common::library().content_version), "the server's content version");
    let (_, packs, _) = get(&app, "/packs.json").await;
    assert!(packs.contains(&common::library().packs[0].id));
    let (status, body, _) = get(&app, "/api/v1/status").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("\"mode\":\"server\""));
    let (status, body, _) = get(&app, "/api/v1/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("没有这个接口"), "JSON error under /api, not a file 404: {body}");
}

#[tokio::test]
async fn site_and_api_under_a_base_path() {
    let dist = site();
    let (state, db) = state("training").await;
    let _gone = (Gone(dist.clone()), Gone(db.clone()));
    assert_eq!(state.base_path, "/training/");
    let app = drill_server::app(state.clone(), Some(&dist));
    assert!(get(&app, "/training/").await.1.contains("trainee"));
    assert!(get(&app, "/training/study/").await.1.contains("study"));
    assert_eq!(get(&app, "/training/main-abc.css").await.1, "body{}");
    assert!(get(&app, "/training/content.json").await.1.contains(&common::library().content_version));
    let (status, _, location) = get(&app, "/training").await;
    assert!(status.is_redirection());
    assert_eq!(location.as_deref(), Some("/training/"));
    assert_eq!(get(&app, "/training/api/v1/status").await.0, StatusCode::OK);
    assert_eq!(get(&app, "/").await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/api/v1/status").await.0, StatusCode::NOT_FOUND);
    // The session cookie belongs to the base path.
    let (_, code) = drill_server::bootstrap_admin(&state).await.unwrap().unwrap();
    let req = Request::post("/training/api/v1/auth/code")
        .header("content-type", "application/json")
        .header("x-drill-csrf", "1")
        .body(Body::from(format!(r#"{{"employee_no":"admin","code":"{code}","new_password":"admin-password"}}"#)))
        .unwrap();
    let r = app.clone().oneshot(req).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()[header::SET_COOKIE].to_str().unwrap().contains("Path=/training/"));
}

#[test]
fn base_paths_are_normalised_or_refused() {
    use drill_server::normalize_base_path as n;
    assert_eq!(n("").unwrap(), "/");
    assert_eq!(n("/").unwrap(), "/");
    assert_eq!(n("/training").unwrap(), "/training/");
    assert_eq!(n("training/").unwrap(), "/training/");
    assert_eq!(n("/a/b/").unwrap(), "/a/b/");
    assert!(n("/../etc/").is_err());
    assert!(n("/a//b/").is_err());
    assert!(n("/培训/").is_err());
}
