//! Attempts: a trainee's answers, sent in batches (each with the id the browser gave it, so a
//! resend is harmless), re-scored with the core against the content version they name; and
//! the one-time upload of the record kept in the browser before signing in.

use crate::db::now_ms;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gate::Caller;
use crate::json::StrictJson;
use crate::state::AppState;
use axum::extract::State;
use axum::Json;
pub use drill_api::attempts::{
    AnswerIn, AttemptBatch, AttemptIn, AttemptResult, BatchResult, LocalUploadResult, Skipped, StoredAttempt,
};
use drill_core::load::Library;
use drill_core::results::Attempt;
use drill_core::score::{score, Answer, Outcome};
use std::collections::HashSet;
use std::sync::Arc;

/// Most attempts in one request.
pub const MAX_BATCH: usize = 500;
/// A claimed score further than this from the server's is flagged.
const TOLERANCE: f64 = 0.011;

/// An attempt checked and scored, ready to be written.
struct Scored {
    id: String,
    content_version: String,
    attempt: Attempt,
    claimed: Option<f64>,
    flagged: bool,
}

fn check_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn check_time(ms: f64) -> bool {
    ms.is_finite() && ms > 0.0 && ms < 8.64e15
}

/// Checks one attempt against its library and scores it; the error names the field.
fn score_one(i: usize, a: AttemptIn, library: &Library, prefix: &str) -> ApiResult<Scored> {
    let field = |name: &str| format!("{prefix}[{i}].{name}");
    let Some(pack) = library.packs.iter().find(|p| p.id == a.pack_id) else {
        return Err(ApiError::field(
            field("pack_id"),
            format!("题库版本 {} 中没有题包 {}", a.content_version, a.pack_id),
        ));
    };
    let Some(item) = pack.item(&a.item_id) else {
        return Err(ApiError::field(field("item_id"), format!("题包 {} 中没有题目 {}", a.pack_id, a.item_id)));
    };
    if !check_time(a.started_ms) {
        return Err(ApiError::field(field("started_ms"), "时间不合理"));
    }
    if !check_time(a.answered_ms) || a.answered_ms < a.started_ms {
        return Err(ApiError::field(field("answered_ms"), "时间不合理（应不早于 started_ms）"));
    }
    if a.claimed_points.is_some_and(|p| !p.is_finite()) {
        return Err(ApiError::field(field("claimed_points"), "应为数字"));
    }
    let answer: Answer = a.answer.into();
    let outcome: Outcome = score(item, &answer, &library.taboo);
    let flagged = a.claimed_points.is_some_and(|c| (c - outcome.points).abs() > TOLERANCE);
    Ok(Scored {
        id: a.id,
        content_version: a.content_version,
        claimed: a.claimed_points,
        flagged,
        attempt: Attempt {
            pack_id: a.pack_id,
            item_id: a.item_id,
            answer,
            outcome,
            started_ms: a.started_ms.round(),
            answered_ms: a.answered_ms.round(),
        },
    })
}

/// Looks up each attempt's content version (once per version).
async fn library_for(
    state: &AppState,
    cache: &mut Vec<(String, Arc<Library>)>,
    version: &str,
) -> ApiResult<Option<Arc<Library>>> {
    if let Some((_, lib)) = cache.iter().find(|(v, _)| v == version) {
        return Ok(Some(lib.clone()));
    }
    let lib = state.content.version(&state.db, version).await?;
    if let Some(lib) = &lib {
        cache.push((version.to_owned(), lib.clone()));
    }
    Ok(lib)
}

fn check_batch(attempts: &[AttemptIn], prefix: &str) -> ApiResult<()> {
    if attempts.len() > MAX_BATCH {
        return Err(ApiError::field(prefix, format!("一次最多上传 {MAX_BATCH} 条作答")));
    }
    let mut ids = HashSet::new();
    for (i, a) in attempts.iter().enumerate() {
        if !check_id(&a.id) {
            return Err(ApiError::field(format!("{prefix}[{i}].id"), "作答编号应为 1–64 个字母、数字、- 或 _"));
        }
        if !ids.insert(a.id.as_str()) {
            return Err(ApiError::field(format!("{prefix}[{i}].id"), format!("作答编号 {} 在本次请求中重复", a.id)));
        }
    }
    Ok(())
}

/// Writes scored attempts in one transaction; an id already stored for this account is a
/// duplicate and is left as it was.
async fn store(state: &AppState, account: &str, scored: Vec<Scored>, source: &str) -> ApiResult<Vec<AttemptResult>> {
    let now = now_ms();
    let mut tx = state.db.begin().await?;
    let mut results = Vec::with_capacity(scored.len());
    for s in scored {
        let outcome = &s.attempt.outcome;
        let done = sqlx::query(
            "INSERT INTO attempts (account_id, id, content_version, pack_id, item_id, answer, outcome, points, max_points, claimed_points, flagged, started_ms, answered_ms, received_ms, source) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (account_id, id) DO NOTHING",
        )
        .bind(account)
        .bind(&s.id)
        .bind(&s.content_version)
        .bind(&s.attempt.pack_id)
        .bind(&s.attempt.item_id)
        .bind(serde_json::to_string(&s.attempt.answer).unwrap_or_default())
        .bind(serde_json::to_string(outcome).unwrap_or_default())
        .bind(outcome.points)
        .bind(outcome.max)
        .bind(s.claimed)
        .bind(i64::from(s.flagged))
        .bind(s.attempt.started_ms as i64)
        .bind(s.attempt.answered_ms as i64)
        .bind(now)
        .bind(source)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 1 {
            results.push(AttemptResult {
                id: s.id,
                points: outcome.points,
                max: outcome.max,
                flagged: s.flagged,
                duplicate: false,
            });
        } else {
            let (points, max, flagged): (f64, f64, i64) =
                sqlx::query_as("SELECT points, max_points, flagged FROM attempts WHERE account_id = $1 AND id = $2")
                    .bind(account)
                    .bind(&s.id)
                    .fetch_one(&mut *tx)
                    .await?;
            results.push(AttemptResult { id: s.id, points, max, flagged: flagged != 0, duplicate: true });
        }
    }
    tx.commit().await?;
    Ok(results)
}

/// Upload attempts (any signed-in account, for itself). All or nothing: one bad attempt
/// rejects the request with its field path, and nothing is written.
#[utoipa::path(post, path = "/attempts", tag = "attempts", request_body = AttemptBatch,
    responses((status = 200, body = BatchResult), (status = 401, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<AttemptBatch>,
) -> ApiResult<Json<BatchResult>> {
    check_batch(&body.attempts, "attempts")?;
    let mut cache = Vec::new();
    let mut scored = Vec::with_capacity(body.attempts.len());
    for (i, a) in body.attempts.into_iter().enumerate() {
        let Some(library) = library_for(&state, &mut cache, &a.content_version).await? else {
            return Err(ApiError::field(
                format!("attempts[{i}].content_version"),
                format!("服务器上没有题库版本 {}", a.content_version),
            ));
        };
        scored.push(score_one(i, a, &library, "attempts")?);
    }
    let results = store(&state, &caller.id, scored, "sync").await?;
    let duplicates = results.iter().filter(|r| r.duplicate).count();
    Ok(Json(BatchResult { stored: results.len() - duplicates, duplicates, results }))
}

/// Upload, once, the record kept in the browser before signing in (after the trainee
/// confirmed it is theirs). Attempts whose content the server never had, or whose item it
/// does not know, are listed as skipped; the rest are stored. A second upload is refused.
#[utoipa::path(post, path = "/attempts/local", tag = "attempts", request_body = AttemptBatch,
    responses((status = 200, body = LocalUploadResult), (status = 401, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn upload_local(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<AttemptBatch>,
) -> ApiResult<Json<LocalUploadResult>> {
    check_batch(&body.attempts, "attempts")?;
    let (uploaded,): (Option<i64>,) = sqlx::query_as("SELECT local_upload_ms FROM accounts WHERE id = $1")
        .bind(&caller.id)
        .fetch_one(&state.db)
        .await?;
    if uploaded.is_some() {
        return Err(ApiError::conflict(None, "本机记录已经上传过，不能再次上传"));
    }
    let mut cache = Vec::new();
    let mut scored = Vec::new();
    let mut skipped = Vec::new();
    for (i, a) in body.attempts.into_iter().enumerate() {
        let id = a.id.clone();
        let Some(library) = library_for(&state, &mut cache, &a.content_version).await? else {
            skipped.push(Skipped {
                id, reason: format!("服务器上没有题库版本 {}，无法重新评分", a.content_version)
            });
            continue;
        };
        match score_one(i, a, &library, "attempts") {
            Ok(s) => scored.push(s),
            Err(e) if e.field.as_deref().is_some_and(|f| f.ends_with("pack_id") || f.ends_with("item_id")) => {
                skipped.push(Skipped { id, reason: e.message });
            }
            Err(e) => return Err(e),
        }
    }
    // Marked first: of two concurrent uploads, only one passes this update.
    let marked = sqlx::query("UPDATE accounts SET local_upload_ms = $1 WHERE id = $2 AND local_upload_ms IS NULL")
        .bind(now_ms())
        .bind(&caller.id)
        .execute(&state.db)
        .await?;
    if marked.rows_affected() != 1 {
        return Err(ApiError::conflict(None, "本机记录已经上传过，不能再次上传"));
    }
    let results = match store(&state, &caller.id, scored, "local").await {
        Ok(r) => r,
        Err(e) => {
            // Nothing was written: let the trainee try again.
            let _ = sqlx::query("UPDATE accounts SET local_upload_ms = NULL WHERE id = $1")
                .bind(&caller.id)
                .execute(&state.db)
                .await;
            return Err(e);
        }
    };
    let duplicates = results.iter().filter(|r| r.duplicate).count();
    Ok(Json(LocalUploadResult { stored: results.len() - duplicates, duplicates, skipped }))
}

pub type AttemptRow = (String, String, String, String, String, String, f64, f64, Option<f64>, i64, i64, i64);
pub const ATTEMPT_SELECT: &str = "SELECT id, content_version, pack_id, item_id, answer, outcome, points, max_points, claimed_points, flagged, started_ms, answered_ms FROM attempts";

fn stored_of(r: AttemptRow) -> StoredAttempt {
    let (
        id,
        content_version,
        pack_id,
        item_id,
        answer,
        outcome,
        points,
        max,
        claimed_points,
        flagged,
        started_ms,
        answered_ms,
    ) = r;
    StoredAttempt {
        id,
        content_version,
        pack_id,
        item_id,
        answer: serde_json::from_str(&answer).unwrap_or_default(),
        outcome: serde_json::from_str(&outcome).unwrap_or_default(),
        points,
        max,
        claimed_points,
        flagged: flagged != 0,
        started_ms,
        answered_ms,
    }
}

/// One's own attempts, oldest first (what a new PC restores).
#[utoipa::path(get, path = "/attempts", tag = "attempts",
    responses((status = 200, body = [StoredAttempt]), (status = 401, body = ErrorBody)))]
pub async fn own(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<StoredAttempt>>> {
    let rows: Vec<AttemptRow> =
        sqlx::query_as(&format!("{ATTEMPT_SELECT} WHERE account_id = $1 ORDER BY answered_ms, id"))
            .bind(&caller.id)
            .fetch_all(&state.db)
            .await?;
    Ok(Json(rows.into_iter().map(stored_of).collect()))
}

/// Reads an account's attempts back as the core's `Attempt`s with their content version: all
/// of them in the time range, or one pack's when `pack` is given (an assignment's progress
/// needs its pack alone; re-reading every attempt's JSON made a lead's assignment view cost
/// 68 ms of CPU for a team of 25, docs/PERFORMANCE.md, "Team server").
pub async fn core_attempts(
    state: &AppState,
    account: &str,
    from_ms: i64,
    to_ms: i64,
    pack: Option<&str>,
) -> ApiResult<Vec<(String, Attempt)>> {
    let sql = format!(
        "{ATTEMPT_SELECT} WHERE account_id = $1 AND answered_ms >= $2 AND answered_ms < $3{} ORDER BY answered_ms, id",
        if pack.is_some() { " AND pack_id = $4" } else { "" }
    );
    let mut query = sqlx::query_as(&sql).bind(account).bind(from_ms).bind(to_ms);
    if let Some(pack) = pack {
        query = query.bind(pack);
    }
    let rows: Vec<AttemptRow> = query.fetch_all(&state.db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (_, version, pack_id, item_id, answer, outcome, _, _, _, _, started, answered) in rows {
        // The stored JSON is what the core wrote; re-read with the core's own reader.
        let store = format!(
            r#"{{"format":1,"attempts":[{{"pack_id":{},"item_id":{},"answer":{answer},"outcome":{outcome},"started_ms":{started},"answered_ms":{answered}}}]}}"#,
            serde_json::Value::String(pack_id),
            serde_json::Value::String(item_id),
        );
        match drill_core::results::TraineeStore::from_json(&store) {
            Ok(mut s) if s.attempts.len() == 1 => out.push((version, s.attempts.remove(0))),
            _ => eprintln!("drill serve: a stored attempt of {account} could not be read back"),
        }
    }
    Ok(out)
}
