//! What the server answers and what the pages send it: the API's own types (`drill_api`,
//! crates/api), the same definitions the server serialises and documents in its OpenAPI
//! document (`/api/v1/openapi.json`), built here without the `openapi` feature.

/// Who is signed in (`GET /auth/session`): `{"me": …}` or `{"me": null}`.
pub use drill_api::AuthSession as SessionInfo;
pub use drill_api::{
    Account, Assignment, EditAssignment, ErrorBody, ImportReport, IssuedCode, Me, NewAccount, NewAssignment, Role,
    Status, Team, TeamReportOut,
};
