//! What the pages ask first (is there a server?), the content, and the records for staff.

use crate::db::SCHEMA_VERSION;
use crate::error::{ApiResult, ErrorBody};
use crate::gate::Caller;
use crate::role::Role;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::Json;
pub use drill_api::{AuditEntry, ContentVersion, Status};

/// Whether a server is there (no sign-in needed).
#[utoipa::path(get, path = "/status", tag = "meta", responses((status = 200, body = Status)))]
pub async fn status(State(state): State<AppState>) -> Json<Status> {
    Json(Status {
        mode: "server".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        schema_version: SCHEMA_VERSION,
        content_version: state.content.current_version.clone(),
    })
}

/// The current content bundle (`content.json`), as the pages read it.
#[utoipa::path(get, path = "/content", tag = "meta", responses((status = 200, content_type = "application/json", description = "content.json")))]
pub async fn content(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], state.content.current_json.to_string())
}

/// Every content version the server keeps (培训师, 管理员).
#[utoipa::path(get, path = "/content/versions", tag = "meta",
    responses((status = 200, body = [ContentVersion]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn content_versions(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<ContentVersion>>> {
    caller.require(&[Role::Trainer, Role::Admin], "查看题库版本")?;
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT v.version, v.created_ms, (SELECT COUNT(*) FROM attempts a WHERE a.content_version = v.version) FROM content_versions v ORDER BY v.created_ms",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(version, created_ms, attempts)| ContentVersion {
                current: version == state.content.current_version,
                version,
                created_ms,
                attempts,
            })
            .collect(),
    ))
}

/// The latest 500 refused requests (管理员).
#[utoipa::path(get, path = "/audit", tag = "meta",
    responses((status = 200, body = [AuditEntry]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn audit(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<AuditEntry>>> {
    caller.require(&[Role::Admin], "查看拒绝记录")?;
    type AuditRow = (i64, Option<String>, String, String, String, i64, String);
    let rows: Vec<AuditRow> = sqlx::query_as(
        "SELECT at_ms, account_id, address, method, path, status, reason FROM audit_log ORDER BY at_ms DESC, id LIMIT 500",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .map(|(at_ms, account_id, address, method, path, status, reason)| AuditEntry {
                at_ms,
                account_id,
                address,
                method,
                path,
                status,
                reason,
            })
            .collect(),
    ))
}
