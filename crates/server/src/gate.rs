//! Every `/api` request passes here: the caller is found from the session cookie, a
//! state-changing request must prove it comes from our own pages (CSRF), and every refused
//! request (401, 403, 429) is written to the audit log with its reason.

use crate::db::{new_id, now_ms};
use crate::error::{ApiError, Refusal};
use crate::role::Role;
use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, OptionalFromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::net::SocketAddr;

pub const COOKIE: &str = "drill_session";
/// The header our pages send on every state-changing request. A cross-site form cannot set
/// it, and a cross-site script cannot without a CORS preflight, which this server never grants.
pub const CSRF_HEADER: &str = "x-drill-csrf";
/// How long a session lasts.
pub const SESSION_MS: i64 = 7 * 24 * 3600 * 1000;

/// The signed-in account making the request.
#[derive(Debug, Clone)]
pub struct Caller {
    pub id: String,
    pub employee_no: String,
    pub name: String,
    pub role: Role,
    pub team_id: Option<String>,
    /// Team ids a lead leads.
    pub lead_teams: Vec<String>,
    pub token_hash: String,
}

/// Who is asking, as the gate found it (None: not signed in).
#[derive(Clone)]
struct Found(Option<Caller>);

/// The client's address (for throttling and the audit log): the peer, or behind a trusted
/// reverse proxy the address it forwarded (`proxy.rs`).
#[derive(Clone)]
pub struct Address(pub String);

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == COOKIE && !value.is_empty()).then(|| value.to_owned())
    })
}

async fn find_caller(state: &AppState, headers: &HeaderMap) -> Result<Option<Caller>, ApiError> {
    let Some(token) = session_token(headers) else { return Ok(None) };
    let hash = token_hash(&token);
    let row: Option<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT a.id, a.employee_no, a.name, a.role, a.team_id FROM sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_ms > $2 AND a.disabled = 0",
    )
    .bind(&hash)
    .bind(now_ms())
    .fetch_optional(&state.db)
    .await?;
    let Some((id, employee_no, name, role, team_id)) = row else { return Ok(None) };
    let Some(role) = Role::from_key(&role) else { return Ok(None) };
    let lead_teams: Vec<(String,)> =
        sqlx::query_as("SELECT team_id FROM lead_teams WHERE account_id = $1").bind(&id).fetch_all(&state.db).await?;
    Ok(Some(Caller {
        id,
        employee_no,
        name,
        role,
        team_id,
        lead_teams: lead_teams.into_iter().map(|(t,)| t).collect(),
        token_hash: hash,
    }))
}

fn csrf(method: &Method, headers: &HeaderMap) -> Result<(), ApiError> {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return Ok(());
    }
    let refused = || Err(ApiError::forbidden("拒绝跨站请求：请从本系统的页面操作"));
    if headers.get(CSRF_HEADER).is_none() {
        return refused();
    }
    if headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return refused();
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let origin = origin.to_str().unwrap_or("null");
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest.trim_end_matches('/')).unwrap_or("");
        // A reverse proxy may rewrite Host; it then passes the original as X-Forwarded-Host.
        let forwarded = headers.get("x-forwarded-host").and_then(|h| h.to_str().ok()).unwrap_or("");
        if origin_host.is_empty() || (origin_host != host && origin_host != forwarded) {
            return refused();
        }
    }
    Ok(())
}

/// The middleware over `/api`.
pub async fn gate(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let address = crate::proxy::client_address(peer, req.headers(), &state.trusted_proxies);
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let caller = match find_caller(&state, req.headers()).await {
        Ok(c) => c,
        Err(e) => return e.into_response(),
    };
    let account = caller.as_ref().map(|c| c.id.clone());
    let response = match csrf(&method, req.headers()) {
        Err(e) => e.into_response(),
        Ok(()) => {
            req.extensions_mut().insert(Found(caller));
            req.extensions_mut().insert(Address(address.clone()));
            next.run(req).await
        }
    };
    let status = response.status().as_u16();
    // A page asking "am I signed in?" (a GET answered 401) is not a refusal worth keeping;
    // failed sign-ins and unauthenticated writes are.
    let logged = match status {
        403 | 429 => true,
        401 => method != Method::GET && method != Method::HEAD,
        _ => false,
    };
    if logged {
        let reason = response.extensions().get::<Refusal>().map(|r| r.0.clone()).unwrap_or_default();
        eprintln!(
            "drill serve: refused {method} {path} ({status}) for {} from {address}: {reason}",
            account.as_deref().unwrap_or("-")
        );
        let logged = sqlx::query(
            "INSERT INTO audit_log (id, at_ms, account_id, address, method, path, status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(new_id())
        .bind(now_ms())
        .bind(account)
        .bind(&address)
        .bind(method.as_str())
        .bind(&path)
        .bind(i64::from(status))
        .bind(&reason)
        .execute(&state.db)
        .await;
        if let Err(e) = logged {
            eprintln!("drill serve: audit log not written: {e}");
        }
    }
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Caller, ApiError> {
        parts.extensions.get::<Found>().and_then(|f| f.0.clone()).ok_or_else(ApiError::unauthorized)
    }
}

/// `Option<Caller>`: whoever is asking, or nobody, without a 401 (for `GET /auth/session`).
impl<S: Send + Sync> OptionalFromRequestParts<S> for Caller {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Option<Caller>, Self::Rejection> {
        Ok(parts.extensions.get::<Found>().and_then(|f| f.0.clone()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Address {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Address, ApiError> {
        Ok(parts.extensions.get::<Address>().cloned().unwrap_or_else(|| Address("local".into())))
    }
}

impl Caller {
    /// 403 unless the caller has one of `roles`.
    pub fn require(&self, roles: &[Role], what: &str) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let allowed: Vec<&str> = roles.iter().map(|r| r.label()).collect();
            Err(ApiError::forbidden(format!("{}没有权限{what}（仅限{}）", self.role.label(), allowed.join("、"))))
        }
    }

    /// May read and manage this team's results: its lead, or an administrator.
    pub fn may_see_team(&self, team_id: &str) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Lead => self.lead_teams.iter().any(|t| t == team_id),
            _ => false,
        }
    }
}

/// The `Set-Cookie` value that starts a session (hand-written: one header, no crate needed).
pub fn session_cookie(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    format!(
        "{COOKIE}={token}; Path={}; HttpOnly; SameSite=Strict; Max-Age={}{}",
        state.base_path,
        SESSION_MS / 1000,
        secure(state, headers)
    )
}

/// The `Set-Cookie` value that ends one.
pub fn clear_cookie(state: &AppState, headers: &HeaderMap) -> String {
    format!("{COOKIE}=; Path={}; HttpOnly; SameSite=Strict; Max-Age=0{}", state.base_path, secure(state, headers))
}

fn secure(state: &AppState, headers: &HeaderMap) -> &'static str {
    let https =
        headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"));
    if state.secure_cookies || https {
        "; Secure"
    } else {
        ""
    }
}
