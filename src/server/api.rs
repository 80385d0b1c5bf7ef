//! Requests to the team server's API (`/api/v1`, docs/SERVER.md), relative to the page so
//! the site works under any sub-path (`drill serve --base-path`). State-changing requests
//! carry the header the server asks of its own pages (`X-Drill-CSRF`); the session is an
//! HttpOnly cookie the browser sends by itself. Errors come back as the server's Chinese
//! message (and the field at fault), or a plain reason when the server could not be reached.

use super::types::{ErrorBody, Me, SessionInfo, Status};
use crate::route::Page;
use gloo::net::http::{Method, RequestBuilder};

/// The header the server requires on every state-changing request (`gate.rs` there).
const CSRF_HEADER: &str = "X-Drill-CSRF";

/// What went wrong with a request.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status, or 0 when the server could not be reached.
    pub status: u16,
    /// The field at fault, as the server names it (`attempts[2].item_id`).
    pub field: Option<String>,
    /// In Chinese, ready to show.
    pub message: String,
}

impl ApiError {
    /// The server could not be reached (no network, the server is down).
    pub fn offline(&self) -> bool {
        self.status == 0 || self.status == 502 || self.status == 503 || self.status == 504
    }
}

/// The API URL of `path` (`"me"`, `"teams/x/report"`) from a page: the trainee page is at
/// the site's root, the study page and the staff tools one folder below it.
pub fn url(page: Page, path: &str) -> String {
    let up = if page == Page::Trainee { "" } else { "../" };
    format!("{up}api/v1/{path}")
}

async fn run(builder: RequestBuilder, body: Option<(&str, String)>) -> Result<String, ApiError> {
    let network = |e: gloo::net::Error| ApiError {
        status: 0,
        field: None,
        message: format!("无法连接服务器，请检查网络后重试（{e}）"),
    };
    let request = match body {
        Some((content_type, body)) => builder.header("Content-Type", content_type).body(body).map_err(network)?,
        None => builder.build().map_err(network)?,
    };
    let response = request.send().await.map_err(network)?;
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    if (200..300).contains(&status) {
        return Ok(text);
    }
    let (field, message) = match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => (body.error.field, body.error.message),
        Err(_) => (None, format!("服务器返回 {status} {}", response.status_text())),
    };
    Err(ApiError { status, field, message })
}

/// `GET` the API path from `page`: the response text.
pub async fn get(page: Page, path: &str) -> Result<String, ApiError> {
    let builder = RequestBuilder::new(&url(page, path))
        .method(Method::GET)
        .cache(web_sys::RequestCache::NoStore)
        .header("Accept", "application/json");
    run(builder, None).await
}

/// A state-changing request with a JSON body (`None`: no body).
pub async fn send(method: Method, page: Page, path: &str, json: Option<String>) -> Result<String, ApiError> {
    send_as(method, page, path, json.map(|j| ("application/json", j))).await
}

/// A state-changing request with a body of the given type.
pub async fn send_as(method: Method, page: Page, path: &str, body: Option<(&str, String)>) -> Result<String, ApiError> {
    let builder = RequestBuilder::new(&url(page, path))
        .method(method)
        .header("Accept", "application/json")
        .header(CSRF_HEADER, "1");
    run(builder, body).await
}

/// Reads a JSON answer into `T` (a server answering something else is an error to show).
pub fn read<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError {
        status: 200,
        field: None,
        message: format!("服务器的回答无法读取（{e}）"),
    })
}

/// Whether the page is served by `drill serve`: `Ok(Some(status))` when it is, `Ok(None)`
/// for a static site (the path is not found, or answered with the site's HTML), `Err` when
/// the server could not be reached (the caller decides what it knew before).
pub async fn status(page: Page) -> Result<Option<Status>, ApiError> {
    match get(page, "status").await {
        Ok(text) => Ok(serde_json::from_str::<Status>(&text).ok().filter(|s| s.mode == "server")),
        Err(e) if e.offline() => Err(e),
        Err(_) => Ok(None),
    }
}

/// Who is signed in (`GET auth/session`, which answers 200 either way, so a signed-out page
/// logs no failed request): `Ok(None)` when nobody is.
pub async fn session(page: Page) -> Result<Option<Me>, ApiError> {
    let text = get(page, "auth/session").await?;
    read::<SessionInfo>(&text).map(|s| s.me)
}
