//! Request bodies and queries read strictly: unknown fields, wrong types and malformed JSON
//! are 4xx errors naming the field path (`serde_path_to_error`) with a Chinese message, never
//! axum's plain-text rejections.

use crate::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

/// A JSON body of type `T` (which should `deny_unknown_fields`).
pub struct StrictJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for StrictJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/json"));
        if !is_json {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                None,
                "请求内容须为 JSON（Content-Type: application/json）",
            ));
        }
        let bytes = read_body(req, state).await?;
        parse(&bytes).map(StrictJson)
    }
}

/// The body as bytes, within the route's size limit.
pub async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(req, state).await.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, None, "请求内容过大")
        } else {
            ApiError::bad_request(None, "无法读取请求内容")
        }
    })
}

/// Parses JSON text into `T`, naming the field at fault.
pub fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        explain(&path, &inner)
    })?;
    de.end().map_err(|e| {
        ApiError::bad_request(None, format!("JSON 之后还有多余的内容（第 {} 行第 {} 列）", e.line(), e.column()))
    })?;
    Ok(value)
}

fn explain(path: &str, e: &serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    let field = if path == "." || path.is_empty() { None } else { Some(path.to_owned()) };
    match e.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            ApiError::bad_request(None, format!("请求内容不是有效的 JSON（第 {} 行第 {} 列）", e.line(), e.column()))
        }
        Category::Data => {
            let text = e.to_string();
            let quoted = text.split('`').nth(1).unwrap_or("").to_owned();
            let join = |name: &str| match &field {
                Some(p) => format!("{p}.{name}"),
                None => name.to_owned(),
            };
            if text.starts_with("unknown field") {
                // The path already ends at the unknown field.
                ApiError::field(field.unwrap_or_else(|| quoted.clone()), format!("不认识的字段 {quoted}"))
            } else if text.starts_with("missing field") {
                ApiError::field(join(&quoted), format!("缺少字段 {quoted}"))
            } else if text.starts_with("unknown variant") {
                ApiError::field(field.unwrap_or_default(), format!("不认识的取值 {quoted}"))
            } else if text.starts_with("invalid type") {
                let expected = text.split("expected ").nth(1).unwrap_or("").split(" at line").next().unwrap_or("");
                ApiError::field(field.unwrap_or_default(), format!("类型不对：应为 {}", expected_zh(expected)))
            } else {
                let detail = text.split(" at line").next().unwrap_or(&text).to_owned();
                ApiError::field(field.unwrap_or_default(), format!("取值不对（{detail}）"))
            }
        }
    }
}

/// serde's "expected …" in Chinese, for the common shapes.
fn expected_zh(expected: &str) -> String {
    let e = expected.trim();
    if e.contains("string") {
        "字符串".into()
    } else if e.contains("sequence") {
        "数组".into()
    } else if e.contains("usize") || e.contains("u32") || e.contains("u64") || e.contains("integer") {
        "非负整数".into()
    } else if e.contains("f64") || e.contains("number") {
        "数字".into()
    } else if e.contains("bool") {
        "true 或 false".into()
    } else if e.contains("struct") || e.contains("map") || e.contains("internally tagged") {
        "对象".into()
    } else {
        e.to_owned()
    }
}

/// A query string read into `T`; errors are 400 with the Chinese message.
pub struct StrictQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for StrictQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        Query::<T>::try_from_uri(&parts.uri).map(|q| StrictQuery(q.0)).map_err(|e| {
            let text = e.body_text();
            let quoted = text.split('`').nth(1).map(str::to_owned);
            if text.contains("unknown field") {
                ApiError::bad_request(
                    quoted.as_deref(),
                    format!("不认识的查询参数 {}", quoted.clone().unwrap_or_default()),
                )
            } else {
                ApiError::bad_request(quoted.as_deref(), "查询参数有误")
            }
        })
    }
}
