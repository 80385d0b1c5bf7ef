//! The lead's team page, read live: the core's `TeamReport` (the same tables the static
//! page builds from imported files) over the team's attempts in a date range.

use super::attempts::core_attempts;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gate::Caller;
use crate::json::StrictQuery;
use crate::role::Role;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::Json;
pub use drill_api::{ItemRowOut, ProgressOut, RuleRowOut, TeamReportOut, TraineeRowOut};
use drill_core::results::export::ResultsFile;
use drill_core::results::{Profile, TraineeStore};
use drill_core::team::{time, Roster, TeamReport};
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// First day, `YYYY-MM-DD` (China Standard Time), inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
}

const DAY_MS: i64 = 86_400_000;

/// A `YYYY-MM-DD` day's start in UTC ms (China Standard Time).
pub fn day_start(field: &str, text: &str) -> ApiResult<i64> {
    let date = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::bad_request(Some(field), format!("日期 {text} 格式不对，应为 YYYY-MM-DD")))?;
    let midnight = date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc().timestamp_millis();
    Ok(midnight - 8 * 3_600_000)
}

pub fn range_ms(range: &Range) -> ApiResult<(i64, i64)> {
    let from = match &range.from {
        Some(f) => day_start("from", f)?,
        None => 0,
    };
    let to = match &range.to {
        Some(t) => day_start("to", t)? + DAY_MS,
        None => i64::MAX / 2,
    };
    if from >= to {
        return Err(ApiError::bad_request(Some("to"), "结束日期早于开始日期"));
    }
    Ok((from, to))
}

/// The team's name, when the caller may see the team (403 otherwise; 404 for an
/// administrator asking for a team that does not exist).
pub async fn team_for(state: &AppState, caller: &Caller, team_id: &str) -> ApiResult<String> {
    caller.require(&[Role::Lead, Role::Admin], "查看班组成绩")?;
    if !caller.may_see_team(team_id) {
        return Err(ApiError::forbidden("只能查看自己所带班组的成绩"));
    }
    let row: Option<(String,)> =
        sqlx::query_as("SELECT name FROM teams WHERE id = $1").bind(team_id).fetch_optional(&state.db).await?;
    row.map(|(n,)| n).ok_or_else(|| ApiError::not_found(Some("team_id"), "没有这个班组"))
}

/// (account id, 工号, 姓名) of the team's active members.
pub async fn members(state: &AppState, team_id: &str) -> ApiResult<Vec<(String, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, employee_no, name FROM accounts WHERE team_id = $1 AND disabled = 0 ORDER BY employee_no",
    )
    .bind(team_id)
    .fetch_all(&state.db)
    .await?)
}

/// The team's report over a date range.
#[utoipa::path(get, path = "/teams/{team_id}/report", tag = "teams", params(("team_id" = String, Path), Range),
    responses((status = 200, body = TeamReportOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn team_report(
    State(state): State<AppState>,
    caller: Caller,
    Path(team_id): Path<String>,
    StrictQuery(range): StrictQuery<Range>,
) -> ApiResult<Json<TeamReportOut>> {
    let team = team_for(&state, &caller, &team_id).await?;
    let (from, to) = range_ms(&range)?;
    let mut roster = Roster::default();
    let mut flagged: BTreeMap<String, usize> = BTreeMap::new();
    for (account, employee_no, name) in members(&state, &team_id).await? {
        let profile = Profile { name, employee_no: employee_no.clone(), team: team.clone() };
        let attempts = core_attempts(&state, &account, from, to, None).await?;
        let (n,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM attempts WHERE account_id = $1 AND flagged <> 0 AND answered_ms >= $2 AND answered_ms < $3",
        )
        .bind(&account)
        .bind(from)
        .bind(to)
        .fetch_one(&state.db)
        .await?;
        flagged.insert(employee_no, n as usize);
        // One results file per content version, each described by its own content; the
        // roster merges them per trainee, as the lead's import does.
        let mut by_version: BTreeMap<String, Vec<_>> = BTreeMap::new();
        for (version, a) in attempts {
            by_version.entry(version).or_default().push(a);
        }
        if by_version.is_empty() {
            let store = TraineeStore { profile: Some(profile.clone()), ..TraineeStore::default() };
            roster.import(ResultsFile::build(&store, &state.content.current, 0.0));
        }
        for (version, attempts) in by_version {
            let library =
                state.content.version(&state.db, &version).await?.unwrap_or_else(|| state.content.current.clone());
            let store = TraineeStore { profile: Some(profile.clone()), attempts, ..TraineeStore::default() };
            roster.import(ResultsFile::build(&store, &library, 0.0));
        }
    }
    let report = TeamReport::build(&roster, None, Some(&state.content.current));
    Ok(Json(TeamReportOut::from_core(report, team_id, team, range.from, range.to, |no| {
        flagged.get(no).copied().unwrap_or(0)
    })))
}

/// `2026-12-05` for a UTC ms, in China Standard Time.
pub fn date_of(ms: i64) -> String {
    time::date(ms as f64)
}
