//! What the pages ask first (is there a server?), and the records for staff.

use serde::{Deserialize, Serialize};

/// `GET /status`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Status {
    /// Always "server": the static site has no `/api`, so a page that gets this knows its mode.
    pub mode: String,
    pub version: String,
    pub schema_version: i64,
    pub content_version: String,
}

/// `GET /content/versions`: one content version the server keeps.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContentVersion {
    pub version: String,
    pub created_ms: i64,
    pub current: bool,
    /// Attempts scored against it.
    pub attempts: i64,
}

/// `GET /audit`: one refused request.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub at_ms: i64,
    pub account_id: Option<String>,
    pub address: String,
    pub method: String,
    pub path: String,
    pub status: i64,
    pub reason: String,
}
