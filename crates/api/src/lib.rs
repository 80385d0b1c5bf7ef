//! The team server's API types (`/api/v1`, docs/SERVER.md), one definition for both ends:
//! `drill-server` answers with them and reads requests into them; the web app reads the
//! answers and writes its requests with them. Every type derives `Serialize` and
//! `Deserialize` (each end uses one of the two, the tests both); with the `openapi` feature
//! (the server's) each also derives `utoipa::ToSchema`, which the server's OpenAPI document
//! is generated from. The web app builds without it: no utoipa in its wasm.
//!
//! One file per area of the API, as in `crates/server/src/api/`. Query strings (`?team_id=`,
//! `?from=&to=`) are not here: the server reads them, the pages write them into the URL.

pub mod accounts;
pub mod assignments;
pub mod attempts;
pub mod auth;
pub mod error;
pub mod meta;
pub mod report;
pub mod role;

pub use accounts::{Account, AddAccount, EditAccount, ImportReport, IssuedCode, NewAccount, RowError, Team};
pub use assignments::{Assignment, AssignmentStatus, EditAssignment, NewAssignment, PersonStatus, Progress};
pub use auth::{AuthSession, ChangePassword, CodeSignIn, Me, PasswordSignIn, TeamRef};
pub use error::{ErrorBody, ErrorDetail};
pub use meta::{AuditEntry, ContentVersion, Status};
pub use report::{ItemRowOut, ProgressOut, RuleRowOut, TeamReportOut, TraineeRowOut};
pub use role::Role;
