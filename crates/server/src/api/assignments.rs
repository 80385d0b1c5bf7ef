//! Assignments: a lead gives a pack to a team with a due date; trainees see their 必做 packs,
//! the lead sees who has finished, who passed, who is overdue.

use super::attempts::core_attempts;
use super::report::{date_of, day_start, members, team_for};
use crate::db::{new_id, now_ms};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gate::Caller;
use crate::json::{StrictJson, StrictQuery};
use crate::role::Role;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
pub use drill_api::{Assignment, AssignmentStatus, EditAssignment, NewAssignment, PersonStatus, Progress};
use drill_core::scenario::Pack;
use serde::Deserialize;
use std::collections::BTreeMap;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct Which {
    /// A team the caller leads (班组长, 管理员): its assignments with everyone's progress.
    /// Without it: the caller's own team's assignments with their own progress.
    pub team_id: Option<String>,
}

/// Assign a pack to a team the caller leads.
#[utoipa::path(post, path = "/assignments", tag = "assignments", request_body = NewAssignment,
    responses((status = 201, body = Assignment), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<NewAssignment>,
) -> ApiResult<(StatusCode, Json<Assignment>)> {
    caller.require(&[Role::Lead, Role::Admin], "布置必做题包")?;
    let team = team_for(&state, &caller, &body.team_id).await?;
    let pack = current_pack(&state, &body.pack_id)?;
    let now = now_ms();
    let due_ms = due_end(&body.due, now)?;
    let id = new_id();
    sqlx::query("INSERT INTO assignments (id, team_id, pack_id, due_ms, created_by, created_ms) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(&body.team_id)
        .bind(&pack.id)
        .bind(due_ms)
        .bind(&caller.id)
        .bind(now)
        .execute(&state.db)
        .await?;
    let progress = Some(team_progress(&state, &body.team_id, pack, now, due_ms).await?);
    Ok((
        StatusCode::CREATED,
        Json(Assignment {
            id,
            team_id: body.team_id,
            team,
            pack_id: pack.id.clone(),
            pack_title: pack.title.clone(),
            due: date_of(due_ms - 1),
            due_ms,
            created_ms: now,
            progress,
            mine: None,
        }),
    ))
}

/// A pack of the current content, or a 422 on `pack_id`.
fn current_pack<'a>(state: &'a AppState, pack_id: &str) -> ApiResult<&'a Pack> {
    state
        .content
        .current
        .packs
        .iter()
        .find(|p| p.id == pack_id)
        .ok_or_else(|| ApiError::field("pack_id", format!("题库中没有题包 {pack_id}")))
}

/// The end of a `YYYY-MM-DD` due day in UTC ms, or a 422 on `due` (malformed, or already over).
fn due_end(due: &str, now: i64) -> ApiResult<i64> {
    let due_ms = day_start("due", due).map_err(|e| ApiError::field("due", e.message))? + 86_400_000;
    if due_ms <= now {
        return Err(ApiError::field("due", "截止日期已过"));
    }
    Ok(due_ms)
}

/// An assignment the caller may change: 403 unless they are a 班组长 or 管理员, 404 when
/// there is no such assignment, 403 when it belongs to a team they do not lead.
/// Returns (team id, team name, pack id, due ms, created ms).
async fn managed(
    state: &AppState,
    caller: &Caller,
    id: &str,
    verb: &str,
) -> ApiResult<(String, String, String, i64, i64)> {
    caller.require(&[Role::Lead, Role::Admin], &format!("{verb}必做题包"))?;
    let row: Option<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT s.team_id, t.name, s.pack_id, s.due_ms, s.created_ms FROM assignments s JOIN teams t ON t.id = s.team_id \
         WHERE s.id = $1",
    )
    .bind(id)
    .fetch_optional(&state.db)
    .await?;
    let Some(row) = row else {
        return Err(ApiError::not_found(Some("id"), "没有这个必做题包（可能已被删除）"));
    };
    if !caller.may_see_team(&row.0) {
        return Err(ApiError::forbidden(format!("只能{verb}自己所带班组的必做题包")));
    }
    Ok(row)
}

/// Change an assignment's due date or pack (the lead of its team, or an administrator).
#[utoipa::path(patch, path = "/assignments/{id}", tag = "assignments", request_body = EditAssignment,
    params(("id" = String, Path, description = "assignment id")),
    responses((status = 200, body = Assignment), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    StrictJson(body): StrictJson<EditAssignment>,
) -> ApiResult<Json<Assignment>> {
    let (team_id, team, pack_id, due_ms, created_ms) = managed(&state, &caller, &id, "修改").await?;
    if body.due.is_none() && body.pack_id.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            "没有要修改的内容：请给出新的截止日期（due）或题包（pack_id）",
        ));
    }
    let pack = current_pack(&state, body.pack_id.as_deref().unwrap_or(&pack_id))?;
    let due_ms = match &body.due {
        Some(due) => due_end(due, now_ms())?,
        None => due_ms,
    };
    let done = sqlx::query("UPDATE assignments SET pack_id = $1, due_ms = $2 WHERE id = $3")
        .bind(&pack.id)
        .bind(due_ms)
        .bind(&id)
        .execute(&state.db)
        .await?;
    if done.rows_affected() != 1 {
        return Err(ApiError::not_found(Some("id"), "没有这个必做题包（可能已被删除）"));
    }
    let progress = Some(team_progress(&state, &team_id, pack, created_ms, due_ms).await?);
    Ok(Json(Assignment {
        id,
        team_id,
        team,
        pack_id: pack.id.clone(),
        pack_title: pack.title.clone(),
        due: date_of(due_ms - 1),
        due_ms,
        created_ms,
        progress,
        mine: None,
    }))
}

/// Remove an assignment (the lead of its team, or an administrator). The attempts made for
/// it stay: they are the trainees' answers, not the assignment's.
#[utoipa::path(delete, path = "/assignments/{id}", tag = "assignments",
    params(("id" = String, Path, description = "assignment id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn remove(State(state): State<AppState>, caller: Caller, Path(id): Path<String>) -> ApiResult<StatusCode> {
    managed(&state, &caller, &id, "删除").await?;
    let done = sqlx::query("DELETE FROM assignments WHERE id = $1").bind(&id).execute(&state.db).await?;
    if done.rows_affected() != 1 {
        return Err(ApiError::not_found(Some("id"), "没有这个必做题包（可能已被删除）"));
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn status_of(
    state: &AppState,
    account: &str,
    pack: Option<&Pack>,
    since: i64,
    due_ms: i64,
) -> ApiResult<AssignmentStatus> {
    let attempts = match pack {
        Some(pack) => core_attempts(state, account, since, i64::MAX / 2, Some(&pack.id)).await?,
        None => Vec::new(),
    };
    let mut latest = BTreeMap::new();
    for (_, a) in &attempts {
        latest.insert(a.item_id.as_str(), a);
    }
    let (points, max): (f64, f64) =
        latest.values().fold((0.0, 0.0), |(p, m), a| (p + a.outcome.points, m + a.outcome.max));
    let finished =
        pack.is_some_and(|p| !p.items.is_empty() && p.items.iter().all(|i| latest.contains_key(i.id.as_str())));
    let pct = if max > 0.0 { points / max * 100.0 } else { 0.0 };
    let passed = finished && pack.is_some_and(|p| pct >= p.pass_mark - 1e-9);
    Ok(AssignmentStatus {
        finished,
        passed,
        overdue: !finished && now_ms() > due_ms,
        score_pct: (pct * 10.0).round() / 10.0,
    })
}

async fn team_progress(state: &AppState, team_id: &str, pack: &Pack, since: i64, due_ms: i64) -> ApiResult<Progress> {
    let mut people = Vec::new();
    for (account, employee_no, name) in members(state, team_id).await? {
        let status = status_of(state, &account, Some(pack), since, due_ms).await?;
        people.push(PersonStatus { employee_no, name, status });
    }
    Ok(Progress {
        members: people.len(),
        finished: people.iter().filter(|p| p.status.finished).count(),
        passed: people.iter().filter(|p| p.status.passed).count(),
        overdue: people.iter().filter(|p| p.status.overdue).count(),
        people,
    })
}

/// Assignments: a lead's view of one of their teams (`team_id`), or the caller's own team's.
#[utoipa::path(get, path = "/assignments", tag = "assignments", params(Which),
    responses((status = 200, body = [Assignment]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    caller: Caller,
    StrictQuery(which): StrictQuery<Which>,
) -> ApiResult<Json<Vec<Assignment>>> {
    let (team_id, lead_view) = match which.team_id {
        Some(t) => {
            team_for(&state, &caller, &t).await?;
            (t, true)
        }
        None => match caller.team_id.clone() {
            Some(t) => (t, false),
            None => return Ok(Json(Vec::new())),
        },
    };
    let rows: Vec<(String, String, String, i64, i64, String)> = sqlx::query_as(
        "SELECT s.id, s.team_id, s.pack_id, s.due_ms, s.created_ms, t.name FROM assignments s JOIN teams t ON t.id = s.team_id \
         WHERE s.team_id = $1 ORDER BY s.due_ms, s.id",
    )
    .bind(&team_id)
    .fetch_all(&state.db)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, team_id, pack_id, due_ms, created_ms, team) in rows {
        let pack = state.content.current.packs.iter().find(|p| p.id == pack_id);
        let (progress, mine) = if lead_view {
            match pack {
                Some(p) => (Some(team_progress(&state, &team_id, p, created_ms, due_ms).await?), None),
                None => (None, None),
            }
        } else {
            (None, Some(status_of(&state, &caller.id, pack, created_ms, due_ms).await?))
        };
        out.push(Assignment {
            id,
            team_id,
            team,
            pack_title: pack.map(|p| p.title.clone()).unwrap_or_else(|| pack_id.clone()),
            pack_id,
            due: date_of(due_ms - 1),
            due_ms,
            created_ms,
            progress,
            mine,
        });
    }
    Ok(Json(out))
}
