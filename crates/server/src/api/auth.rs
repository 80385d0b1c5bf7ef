//! Signing in (工号 + one-time code, setting a password at the same time; or 工号 + password),
//! signing out, and who am I.

use crate::db::{now_ms, random_hex};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gate::{clear_cookie, session_cookie, token_hash, Address, Caller, SESSION_MS};
use crate::json::StrictJson;
use crate::password;
use crate::role::Role;
use crate::state::AppState;
use crate::throttle;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
pub use drill_api::{AuthSession, ChangePassword, CodeSignIn, Me, PasswordSignIn, TeamRef};

struct Row {
    id: String,
    disabled: bool,
    password_hash: Option<String>,
    code_hash: Option<String>,
    code_expires_ms: Option<i64>,
}

/// id, disabled, password hash, code hash, code expiry.
type SignInRow = (String, i64, Option<String>, Option<String>, Option<i64>);

async fn account_by_employee_no(state: &AppState, employee_no: &str) -> ApiResult<Option<Row>> {
    let row: Option<SignInRow> = sqlx::query_as(
        "SELECT id, disabled, password_hash, code_hash, code_expires_ms FROM accounts WHERE employee_no = $1",
    )
    .bind(employee_no.trim())
    .fetch_optional(&state.db)
    .await?;
    Ok(row.map(|(id, disabled, password_hash, code_hash, code_expires_ms)| Row {
        id,
        disabled: disabled != 0,
        password_hash,
        code_hash,
        code_expires_ms,
    }))
}

async fn throttled(state: &AppState, employee_no: &str, address: &str) -> ApiResult<()> {
    match throttle::blocked(&state.db, employee_no.trim(), address, now_ms()).await? {
        Some(minutes) => Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            None,
            format!("登录失败次数过多，请 {minutes} 分钟后再试"),
        )),
        None => Ok(()),
    }
}

/// The 401 of a failed sign-in, once the failure is counted.
async fn wrong(state: &AppState, employee_no: &str, address: &str, message: &str) -> ApiError {
    if let Err(e) = throttle::failed(&state.db, employee_no.trim(), address, now_ms()).await {
        return e.into();
    }
    ApiError::new(StatusCode::UNAUTHORIZED, None, message)
}

/// Starts a session for the account: a random token in the cookie, its hash in the table.
async fn start_session(state: &AppState, headers: &HeaderMap, account_id: &str) -> ApiResult<Response> {
    let token = random_hex(32);
    let now = now_ms();
    sqlx::query("DELETE FROM sessions WHERE expires_ms <= $1").bind(now).execute(&state.db).await?;
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_ms, expires_ms) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(account_id)
        .bind(now)
        .bind(now + SESSION_MS)
        .execute(&state.db)
        .await?;
    let me = me_of(state, account_id).await?;
    Ok(([(header::SET_COOKIE, session_cookie(state, headers, &token))], Json(me)).into_response())
}

/// Sign in with 工号 and the one-time code, and set the password: the code is then used up.
#[utoipa::path(post, path = "/auth/code", tag = "auth", request_body = CodeSignIn,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set"),
              (status = 401, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in_with_code(
    State(state): State<AppState>,
    Address(address): Address,
    headers: HeaderMap,
    StrictJson(body): StrictJson<CodeSignIn>,
) -> ApiResult<Response> {
    throttled(&state, &body.employee_no, &address).await?;
    password::check_new(&body.new_password).map_err(|m| ApiError::field("new_password", m))?;
    let bad = "工号或登录码不正确，或登录码已用过、已过期";
    let Some(account) = account_by_employee_no(&state, &body.employee_no).await? else {
        password::dummy_verify(&body.code);
        return Err(wrong(&state, &body.employee_no, &address, bad).await);
    };
    let code = body.code.trim().to_uppercase();
    let valid = account.code_hash.as_deref().is_some_and(|h| password::verify(&code, h))
        && account.code_expires_ms.is_some_and(|t| t > now_ms());
    if !valid || account.disabled {
        return Err(wrong(
            &state,
            &body.employee_no,
            &address,
            if account.disabled && valid { "该账号已停用，请联系管理员" } else { bad },
        )
        .await);
    }
    // Used up in the same statement that sets the password: a code works once.
    let done = sqlx::query(
        "UPDATE accounts SET password_hash = $1, code_hash = NULL, code_expires_ms = NULL, updated_ms = $2 WHERE id = $3 AND code_hash = $4",
    )
    .bind(password::hash(&body.new_password))
    .bind(now_ms())
    .bind(&account.id)
    .bind(account.code_hash.as_deref().unwrap_or_default())
    .execute(&state.db)
    .await?;
    if done.rows_affected() != 1 {
        return Err(wrong(&state, &body.employee_no, &address, bad).await);
    }
    throttle::succeeded(&state.db, body.employee_no.trim()).await?;
    start_session(&state, &headers, &account.id).await
}

/// Sign in with 工号 and password.
#[utoipa::path(post, path = "/auth/sign-in", tag = "auth", request_body = PasswordSignIn,
    responses((status = 200, body = Me, description = "Signed in; the session cookie is set"),
              (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Address(address): Address,
    headers: HeaderMap,
    StrictJson(body): StrictJson<PasswordSignIn>,
) -> ApiResult<Response> {
    throttled(&state, &body.employee_no, &address).await?;
    let bad = "工号或密码不正确";
    let Some(account) = account_by_employee_no(&state, &body.employee_no).await? else {
        password::dummy_verify(&body.password);
        return Err(wrong(&state, &body.employee_no, &address, bad).await);
    };
    let Some(hash) = account.password_hash.as_deref() else {
        password::dummy_verify(&body.password);
        return Err(wrong(&state, &body.employee_no, &address, "该账号还没有设置密码，请用登录码登录并设置密码").await);
    };
    if !password::verify(&body.password, hash) {
        return Err(wrong(&state, &body.employee_no, &address, bad).await);
    }
    if account.disabled {
        return Err(wrong(&state, &body.employee_no, &address, "该账号已停用，请联系管理员").await);
    }
    throttle::succeeded(&state.db, body.employee_no.trim()).await?;
    start_session(&state, &headers, &account.id).await
}

/// Sign out: the session is deleted and the cookie cleared.
#[utoipa::path(post, path = "/auth/sign-out", tag = "auth", responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn sign_out(State(state): State<AppState>, caller: Caller, headers: HeaderMap) -> ApiResult<Response> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(&caller.token_hash).execute(&state.db).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, clear_cookie(&state, &headers))]).into_response())
}

/// Change one's own password (other sessions are ended).
#[utoipa::path(post, path = "/auth/password", tag = "auth", request_body = ChangePassword,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<ChangePassword>,
) -> ApiResult<StatusCode> {
    password::check_new(&body.new_password).map_err(|m| ApiError::field("new_password", m))?;
    let (hash,): (Option<String>,) = sqlx::query_as("SELECT password_hash FROM accounts WHERE id = $1")
        .bind(&caller.id)
        .fetch_one(&state.db)
        .await?;
    if !hash.as_deref().is_some_and(|h| password::verify(&body.current_password, h)) {
        return Err(ApiError::field("current_password", "当前密码不正确"));
    }
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1, updated_ms = $2 WHERE id = $3")
        .bind(password::hash(&body.new_password))
        .bind(now_ms())
        .bind(&caller.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
        .bind(&caller.id)
        .bind(&caller.token_hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn me_of(state: &AppState, account_id: &str) -> ApiResult<Me> {
    let (id, employee_no, name, role, team_id, team, local): (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        Option<i64>,
    ) = sqlx::query_as(
        "SELECT a.id, a.employee_no, a.name, a.role, a.team_id, t.name, a.local_upload_ms FROM accounts a \
             LEFT JOIN teams t ON t.id = a.team_id WHERE a.id = $1",
    )
    .bind(account_id)
    .fetch_one(&state.db)
    .await?;
    let role = Role::from_key(&role).unwrap_or(Role::Trainee);
    let lead_teams: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.id, t.name FROM lead_teams l JOIN teams t ON t.id = l.team_id WHERE l.account_id = $1 ORDER BY t.name",
    )
    .bind(account_id)
    .fetch_all(&state.db)
    .await?;
    Ok(Me {
        id,
        employee_no,
        name,
        role,
        role_label: role.label().to_owned(),
        team_id,
        team,
        lead_teams: lead_teams.into_iter().map(|(id, name)| TeamRef { id, name }).collect(),
        local_record_uploaded: local.is_some(),
    })
}

/// The signed-in account.
#[utoipa::path(get, path = "/me", tag = "auth", responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Me>> {
    Ok(Json(me_of(&state, &caller.id).await?))
}

/// Whether anyone is signed in, and who: always 200, `{"me": null}` when nobody is. Pages ask
/// this on loading; `GET /me` (401 when signed out) stays for API clients.
#[utoipa::path(get, path = "/auth/session", tag = "auth", responses((status = 200, body = AuthSession)))]
pub async fn session(State(state): State<AppState>, caller: Option<Caller>) -> ApiResult<Json<AuthSession>> {
    let me = match caller {
        Some(caller) => Some(me_of(&state, &caller.id).await?),
        None => None,
    };
    Ok(Json(AuthSession { me }))
}
