//! The one error shape every endpoint answers with: `{"error": {"field": …, "message": …}}`,
//! the field path of what was wrong (or null) and a Chinese message the page can show as is.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
pub use drill_api::{ErrorBody, ErrorDetail};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub field: Option<String>,
    pub message: String,
}

/// The reason of a refused request, handed to the audit log by the gate (`gate.rs`).
#[derive(Debug, Clone)]
pub struct Refusal(pub String);

impl ApiError {
    pub fn new(status: StatusCode, field: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError { status, field: field.map(str::to_owned), message: message.into() }
    }
    /// 400/422 on one field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::UNPROCESSABLE_ENTITY, field: Some(field.into()), message: message.into() }
    }
    pub fn bad_request(field: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, field, message)
    }
    pub fn unauthorized() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, None, "请先登录")
    }
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, None, message)
    }
    pub fn not_found(field: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, field, message)
    }
    pub fn conflict(field: Option<&str>, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, field, message)
    }
    pub fn internal() -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, None, "服务器内部错误，请稍后再试")
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> ApiError {
        eprintln!("drill serve: database error: {e}");
        ApiError::internal()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody { error: ErrorDetail { field: self.field, message: self.message.clone() } };
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(Refusal(self.message));
        response
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
