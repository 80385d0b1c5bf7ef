//! What the server answers, as the pages read it (the server's types are in
//! crates/server/src/api; its OpenAPI document is `/api/v1/openapi.json`). Only the fields a
//! page uses are read; the rest is ignored.

use serde::Deserialize;

#[derive(Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Deserialize)]
pub struct ErrorDetail {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Status {
    pub mode: String,
    pub content_version: String,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct TeamRef {
    pub id: String,
    pub name: String,
}

/// The signed-in account (`GET /me`).
#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Me {
    pub id: String,
    pub employee_no: String,
    pub name: String,
    /// `trainee`, `lead`, `trainer`, `admin`.
    pub role: String,
    pub role_label: String,
    pub team_id: Option<String>,
    pub team: Option<String>,
    pub lead_teams: Vec<TeamRef>,
    pub local_record_uploaded: bool,
}

impl Me {
    pub fn is_admin(&self) -> bool {
        self.role == "admin"
    }
    pub fn is_lead(&self) -> bool {
        self.role == "lead"
    }
}

/// Who is signed in (`GET /auth/session`).
#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct SessionInfo {
    pub me: Option<Me>,
}

/// An account, for the administrator.
#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Account {
    pub id: String,
    pub employee_no: String,
    pub name: String,
    pub team: Option<String>,
    pub role: String,
    pub role_label: String,
    pub disabled: bool,
    pub has_password: bool,
    pub code_pending: bool,
    pub lead_teams: Vec<String>,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct IssuedCode {
    pub employee_no: String,
    pub name: String,
    pub team: Option<String>,
    pub code: String,
    pub expires_ms: f64,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct NewAccount {
    pub account: Account,
    pub code: IssuedCode,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct RowError {
    pub line: u64,
    pub employee_no: Option<String>,
    pub reason: String,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
    pub codes: Vec<IssuedCode>,
    pub codes_csv: String,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub members: i64,
}

/// One person's state on an assignment.
#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct AssignmentStatus {
    pub finished: bool,
    pub passed: bool,
    pub overdue: bool,
    pub score_pct: f64,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct PersonStatus {
    pub employee_no: String,
    pub name: String,
    #[serde(flatten)]
    pub status: AssignmentStatus,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Progress {
    pub members: usize,
    pub finished: usize,
    pub passed: usize,
    pub overdue: usize,
    pub people: Vec<PersonStatus>,
}

#[derive(Deserialize, Clone, PartialEq, Debug)]
pub struct Assignment {
    pub id: String,
    pub team: String,
    pub pack_id: String,
    pub pack_title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub progress: Option<Progress>,
    pub mine: Option<AssignmentStatus>,
}
