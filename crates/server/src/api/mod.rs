//! The HTTP API under `/api/v1`, one file per area; every handler carries its OpenAPI
//! description (`utoipa::path`), and `router` collects them into the served document.

pub mod accounts;
pub mod assignments;
pub mod attempts;
pub mod auth;
pub mod meta;
pub mod report;

use crate::state::AppState;
use axum::extract::DefaultBodyLimit;
use utoipa::OpenApi;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// The largest JSON body (a batch of attempts; the pre-sign-in record).
pub const JSON_LIMIT: usize = 2 * 1024 * 1024;
/// The largest staff CSV.
pub const CSV_LIMIT: usize = 1024 * 1024;
/// Everything else.
pub const SMALL_LIMIT: usize = 64 * 1024;

#[derive(OpenApi)]
#[openapi(info(title = "服务演练 API", description = "Service Drill server API (`drill serve`)."))]
pub struct ApiDoc;

/// The routes under `/api/v1` with the OpenAPI document they describe.
pub fn router() -> OpenApiRouter<AppState> {
    let small = || DefaultBodyLimit::max(SMALL_LIMIT);
    OpenApiRouter::new()
        .routes(routes!(meta::status))
        .routes(routes!(meta::content))
        .routes(routes!(meta::content_versions))
        .routes(routes!(meta::audit))
        .routes(routes!(auth::sign_in_with_code).layer(small()))
        .routes(routes!(auth::sign_in).layer(small()))
        .routes(routes!(auth::sign_out))
        .routes(routes!(auth::change_password).layer(small()))
        .routes(routes!(auth::me))
        .routes(routes!(auth::session))
        .routes(routes!(accounts::list, accounts::add).layer(small()))
        .routes(routes!(accounts::edit).layer(small()))
        .routes(routes!(accounts::reset_code))
        .routes(routes!(accounts::import).layer(DefaultBodyLimit::max(CSV_LIMIT)))
        .routes(routes!(accounts::teams))
        .routes(routes!(attempts::upload, attempts::own).layer(DefaultBodyLimit::max(JSON_LIMIT)))
        .routes(routes!(attempts::upload_local).layer(DefaultBodyLimit::max(JSON_LIMIT)))
        .routes(routes!(report::team_report))
        .routes(routes!(assignments::create, assignments::list).layer(small()))
        .routes(routes!(assignments::edit, assignments::remove).layer(small()))
}
