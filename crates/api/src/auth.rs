//! Signing in and who is signed in.

use crate::role::Role;
use serde::{Deserialize, Serialize};

/// `POST /auth/code`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CodeSignIn {
    /// 工号.
    pub employee_no: String,
    /// The one-time sign-in code handed out by the administrator.
    pub code: String,
    /// The password to set (8–128 characters).
    pub new_password: String,
}

/// `POST /auth/sign-in`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordSignIn {
    pub employee_no: String,
    pub password: String,
}

/// `POST /auth/password`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePassword {
    pub current_password: String,
    pub new_password: String,
}

/// The signed-in account (`GET /me`, and what signing in answers).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: String,
    pub employee_no: String,
    pub name: String,
    pub role: Role,
    /// 学员 / 班组长 / 培训师 / 管理员.
    pub role_label: String,
    pub team_id: Option<String>,
    pub team: Option<String>,
    /// Teams this account leads (班组长), by id and name.
    pub lead_teams: Vec<TeamRef>,
    /// Whether this account has already uploaded its pre-sign-in local record.
    pub local_record_uploaded: bool,
}

impl Me {
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }
    pub fn is_lead(&self) -> bool {
        self.role == Role::Lead
    }
    pub fn is_trainer(&self) -> bool {
        self.role == Role::Trainer
    }
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TeamRef {
    pub id: String,
    pub name: String,
}

/// `GET /auth/session`: who is signed in, if anyone. What a page asks on loading, so a
/// signed-out visitor costs no 401 (a browser logs every 4xx answer to a page's request in
/// its console as an error).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuthSession {
    /// The signed-in account, exactly as `GET /me` answers; null when nobody is signed in.
    pub me: Option<Me>,
}
