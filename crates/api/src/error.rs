//! The one error shape every endpoint answers a 4xx or 5xx with.

use serde::{Deserialize, Serialize};

/// `{"error": {"field": …, "message": …}}`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    /// Path of the field at fault (`attempts[2].item_id`), or null for the request as a whole.
    pub field: Option<String>,
    /// 中文说明，可直接显示给用户。
    pub message: String,
}
