//! Assignments (必做题包): a pack given to a team with a due date, and who has done it.

use serde::{Deserialize, Serialize};

/// `POST /assignments`.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAssignment {
    pub team_id: String,
    pub pack_id: String,
    /// Due date, `YYYY-MM-DD` (the whole day counts, China Standard Time).
    pub due: String,
}

/// `PATCH /assignments/{id}`: its due date, its pack, or both.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EditAssignment {
    /// New due date, `YYYY-MM-DD` (China Standard Time); not a day already over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    /// Another pack of the current content; progress still counts from when it was assigned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack_id: Option<String>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Assignment {
    pub id: String,
    pub team_id: String,
    pub team: String,
    pub pack_id: String,
    pub pack_title: String,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// The end of the due day, UTC ms.
    pub due_ms: i64,
    pub created_ms: i64,
    /// Counts over the team (for a lead).
    pub progress: Option<Progress>,
    /// The caller's own status (for a trainee).
    pub mine: Option<AssignmentStatus>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Progress {
    pub members: usize,
    pub finished: usize,
    pub passed: usize,
    pub overdue: usize,
    pub people: Vec<PersonStatus>,
}

/// One person's state on an assignment.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignmentStatus {
    /// Every item of the pack answered since the assignment was given.
    pub finished: bool,
    /// Finished at or above the pack's pass mark.
    pub passed: bool,
    /// Not finished and the due day is over.
    pub overdue: bool,
    /// 0–100 over the items answered.
    pub score_pct: f64,
}

#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonStatus {
    pub employee_no: String,
    pub name: String,
    #[serde(flatten)]
    pub status: AssignmentStatus,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_person_status_is_flat_both_ways() {
        let p = PersonStatus {
            employee_no: "1001".into(),
            name: "张三".into(),
            status: AssignmentStatus { finished: true, passed: false, overdue: false, score_pct: 50.0 },
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["finished"], true, "{json}");
        assert_eq!(serde_json::from_value::<PersonStatus>(json).unwrap(), p);
    }

    #[test]
    fn an_edit_of_the_due_date_alone_names_only_it() {
        let edit = EditAssignment { due: Some("2099-01-01".into()), ..EditAssignment::default() };
        assert_eq!(serde_json::to_string(&edit).unwrap(), r#"{"due":"2099-01-01"}"#);
    }
}
