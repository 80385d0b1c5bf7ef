//! The four roles, as the API writes them (`"trainee"`, …) and as people read them (学员, …).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 学员: practises; reads and writes only their own attempts.
    Trainee,
    /// 班组长: reads the results of the teams they lead, assigns packs to them.
    Lead,
    /// 培训师: content.
    Trainer,
    /// 管理员: accounts and teams.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Trainee, Role::Lead, Role::Trainer, Role::Admin];

    /// The API's and the database's word for it.
    pub fn key(self) -> &'static str {
        match self {
            Role::Trainee => "trainee",
            Role::Lead => "lead",
            Role::Trainer => "trainer",
            Role::Admin => "admin",
        }
    }

    /// What people call it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Trainee => "学员",
            Role::Lead => "班组长",
            Role::Trainer => "培训师",
            Role::Admin => "管理员",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == key)
    }

    /// As written in the staff CSV: the Chinese label (or the English key).
    pub fn from_label(label: &str) -> Option<Role> {
        let label = label.trim();
        Role::ALL.into_iter().find(|r| r.label() == label || r.key().eq_ignore_ascii_case(label))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_labels_and_the_json_word_agree() {
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
            assert_eq!(Role::from_label(role.label()), Some(role));
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{}\"", role.key()));
        }
        assert_eq!(Role::from_label(" LEAD "), Some(Role::Lead));
        assert_eq!(Role::from_label("组长"), None);
    }
}
