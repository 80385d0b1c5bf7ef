//! Accounts and teams, for the administrator.

use crate::role::Role;
use serde::{Deserialize, Serialize};

/// An account as the administrator sees it.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Account {
    pub id: String,
    pub employee_no: String,
    pub name: String,
    pub team_id: Option<String>,
    pub team: Option<String>,
    pub role: Role,
    pub role_label: String,
    pub disabled: bool,
    /// A password is set (the account has signed in with its code).
    pub has_password: bool,
    /// A one-time code is waiting to be used.
    pub code_pending: bool,
    pub lead_teams: Vec<String>,
}

/// A one-time sign-in code, shown once (only its hash is kept).
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedCode {
    pub employee_no: String,
    pub name: String,
    pub team: Option<String>,
    pub code: String,
    /// UTC milliseconds.
    pub expires_ms: i64,
}

/// `POST /accounts`' answer: the account and its first code.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccount {
    pub account: Account,
    pub code: IssuedCode,
}

/// `POST /accounts`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AddAccount {
    pub name: String,
    pub employee_no: String,
    /// 班组 name; created if new. May be omitted for 培训师 and 管理员.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub role: Role,
}

/// `PATCH /accounts/{id}`: only what is given changes.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditAccount {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New 班组 name (created if new); "" removes the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    /// For a 班组长: every team they lead, by name (each must exist).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead_teams: Option<Vec<String>>,
}

/// `GET /teams`: a team with its member count.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Team {
    pub id: String,
    pub name: String,
    pub members: i64,
}

/// A staff CSV row not imported.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowError {
    /// Line in the file (1 = the header).
    pub line: u64,
    pub employee_no: Option<String>,
    pub reason: String,
}

/// `POST /accounts/import`'s answer.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows not imported, each with its line and why. The other rows are imported.
    pub errors: Vec<RowError>,
    /// One-time codes of the new accounts (shown once: only their hashes are kept).
    pub codes: Vec<IssuedCode>,
    /// The same codes as a CSV sheet (UTF-8 with BOM, opens in Excel) to hand out.
    pub codes_csv: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_sends_only_what_changes() {
        let edit = EditAccount { disabled: Some(true), ..EditAccount::default() };
        assert_eq!(serde_json::to_string(&edit).unwrap(), r#"{"disabled":true}"#);
        let back: EditAccount = serde_json::from_str(r#"{"disabled":true}"#).unwrap();
        assert_eq!(back, edit);
        assert!(serde_json::from_str::<EditAccount>(r#"{"surprise":1}"#).is_err(), "unknown fields refused");
    }
}
