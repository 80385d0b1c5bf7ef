//! Accounts and teams, for the administrator: the staff CSV import, add, edit, disable,
//! reset a sign-in code; the team list.

use crate::db::{new_code, new_id, now_ms};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::gate::Caller;
use crate::json::{read_body, StrictJson};
use crate::password;
use crate::role::Role;
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::Json;
pub use drill_api::{Account, AddAccount, EditAccount, ImportReport, IssuedCode, NewAccount, RowError, Team};
use sqlx::{Any, Transaction};
use std::collections::{HashMap, HashSet};

/// How long a one-time code stays valid.
pub const CODE_MS: i64 = 30 * 24 * 3600 * 1000;

fn admin(caller: &Caller, what: &str) -> ApiResult<()> {
    caller.require(&[Role::Admin], what)
}

type AccountRow = (String, String, String, Option<String>, Option<String>, String, i64, Option<String>, Option<String>);
const ACCOUNT_SELECT: &str =
    "SELECT a.id, a.employee_no, a.name, a.team_id, t.name, a.role, a.disabled, a.password_hash, a.code_hash \
     FROM accounts a LEFT JOIN teams t ON t.id = a.team_id";

async fn lead_team_names(db: &sqlx::AnyPool, id: &str) -> ApiResult<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT t.name FROM lead_teams l JOIN teams t ON t.id = l.team_id WHERE l.account_id = $1 ORDER BY t.name",
    )
    .bind(id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|(n,)| n).collect())
}

fn account_of(row: AccountRow, lead_teams: Vec<String>) -> Account {
    let (id, employee_no, name, team_id, team, role, disabled, password_hash, code_hash) = row;
    let role = Role::from_key(&role).unwrap_or(Role::Trainee);
    Account {
        id,
        employee_no,
        name,
        team_id,
        team,
        role,
        role_label: role.label().to_owned(),
        disabled: disabled != 0,
        has_password: password_hash.is_some(),
        code_pending: code_hash.is_some(),
        lead_teams,
    }
}

async fn load_account(state: &AppState, id: &str) -> ApiResult<Option<Account>> {
    let row: Option<AccountRow> =
        sqlx::query_as(&format!("{ACCOUNT_SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&state.db).await?;
    match row {
        Some(row) => {
            let leads = lead_team_names(&state.db, id).await?;
            Ok(Some(account_of(row, leads)))
        }
        None => Ok(None),
    }
}

/// Every account (administrator).
#[utoipa::path(get, path = "/accounts", tag = "accounts",
    responses((status = 200, body = [Account]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Account>>> {
    admin(&caller, "查看账号")?;
    let rows: Vec<AccountRow> =
        sqlx::query_as(&format!("{ACCOUNT_SELECT} ORDER BY a.employee_no")).fetch_all(&state.db).await?;
    let leads: Vec<(String, String)> = sqlx::query_as(
        "SELECT l.account_id, t.name FROM lead_teams l JOIN teams t ON t.id = l.team_id ORDER BY t.name",
    )
    .fetch_all(&state.db)
    .await?;
    let mut by_account: HashMap<String, Vec<String>> = HashMap::new();
    for (a, t) in leads {
        by_account.entry(a).or_default().push(t);
    }
    Ok(Json(
        rows.into_iter()
            .map(|r| {
                let leads = by_account.remove(&r.0).unwrap_or_default();
                account_of(r, leads)
            })
            .collect(),
    ))
}

/// The team id for a name, created when new.
async fn team_id(tx: &mut Transaction<'static, Any>, name: &str) -> ApiResult<String> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM teams WHERE name = $1").bind(name).fetch_optional(&mut **tx).await?;
    if let Some((id,)) = found {
        return Ok(id);
    }
    let id = new_id();
    sqlx::query("INSERT INTO teams (id, name, created_ms) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(name)
        .bind(now_ms())
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// A 班组长 leads their own team; other roles lead none.
async fn sync_lead_team(
    tx: &mut Transaction<'static, Any>,
    account: &str,
    role: Role,
    team: Option<&str>,
) -> ApiResult<()> {
    if role != Role::Lead {
        sqlx::query("DELETE FROM lead_teams WHERE account_id = $1").bind(account).execute(&mut **tx).await?;
    } else if let Some(team) = team {
        sqlx::query(
            "INSERT INTO lead_teams (account_id, team_id) VALUES ($1, $2) ON CONFLICT (account_id, team_id) DO NOTHING",
        )
        .bind(account)
        .bind(team)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// What a 工号 may look like: letters, digits, `-` and `_`, up to 32.
pub fn check_employee_no(no: &str) -> Result<(), &'static str> {
    if no.is_empty() {
        Err("工号不能为空")
    } else if no.chars().count() > 32 || !no.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        Err("工号只能包含字母、数字、- 和 _，最多 32 个字符")
    } else {
        Ok(())
    }
}

fn check_name(name: &str) -> Result<(), &'static str> {
    if name.is_empty() {
        Err("姓名不能为空")
    } else if name.chars().count() > 50 {
        Err("姓名最多 50 个字符")
    } else {
        Ok(())
    }
}

fn check_team(team: Option<&str>, role: Role) -> Result<(), &'static str> {
    match team {
        None if matches!(role, Role::Trainee | Role::Lead) => Err("学员和班组长必须填写班组"),
        Some(t) if t.chars().count() > 50 => Err("班组名称最多 50 个字符"),
        _ => Ok(()),
    }
}

/// A new one-time code and its argon2 hash.
struct FreshCode {
    code: String,
    hash: String,
}

/// `n` new codes, hashed on tokio's blocking pool before any transaction begins. argon2 takes
/// ~15–20 ms a code: inside the transaction it held SQLite's one connection (every other
/// request waited for a whole staff import, ~10 s for 520 people), and on an async worker it
/// stalled the requests queued there (docs/PERFORMANCE.md, "Team server").
async fn fresh_codes(n: usize) -> ApiResult<Vec<FreshCode>> {
    tokio::task::spawn_blocking(move || {
        (0..n)
            .map(|_| {
                let code = new_code();
                let hash = password::hash(&code);
                FreshCode { code, hash }
            })
            .collect()
    })
    .await
    .map_err(|_| ApiError::internal())
}

async fn fresh_code() -> ApiResult<FreshCode> {
    fresh_codes(1).await?.pop().ok_or_else(ApiError::internal)
}

async fn issue_code(tx: &mut Transaction<'static, Any>, account: &str, fresh: FreshCode) -> ApiResult<(String, i64)> {
    let expires = now_ms() + CODE_MS;
    sqlx::query("UPDATE accounts SET code_hash = $1, code_expires_ms = $2, updated_ms = $3 WHERE id = $4")
        .bind(&fresh.hash)
        .bind(expires)
        .bind(now_ms())
        .bind(account)
        .execute(&mut **tx)
        .await?;
    Ok((fresh.code, expires))
}

async fn insert_account(
    tx: &mut Transaction<'static, Any>,
    employee_no: &str,
    name: &str,
    team: Option<&str>,
    role: Role,
    fresh: FreshCode,
) -> ApiResult<(String, String, i64)> {
    let id = new_id();
    let team_id = match team {
        Some(t) => Some(team_id(tx, t).await?),
        None => None,
    };
    let now = now_ms();
    sqlx::query(
        "INSERT INTO accounts (id, employee_no, name, team_id, role, disabled, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $5, 0, $6, $6)",
    )
    .bind(&id)
    .bind(employee_no)
    .bind(name)
    .bind(&team_id)
    .bind(role.key())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sync_lead_team(tx, &id, role, team_id.as_deref()).await?;
    let (code, expires) = issue_code(tx, &id, fresh).await?;
    Ok((id, code, expires))
}

fn blank_to_none(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Add one account; its one-time code is in the answer (and nowhere else).
#[utoipa::path(post, path = "/accounts", tag = "accounts", request_body = AddAccount,
    responses((status = 201, body = NewAccount), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add(
    State(state): State<AppState>,
    caller: Caller,
    StrictJson(body): StrictJson<AddAccount>,
) -> ApiResult<(StatusCode, Json<NewAccount>)> {
    admin(&caller, "添加账号")?;
    let employee_no = body.employee_no.trim();
    let name = body.name.trim();
    let team = blank_to_none(body.team.as_deref());
    check_employee_no(employee_no).map_err(|m| ApiError::field("employee_no", m))?;
    check_name(name).map_err(|m| ApiError::field("name", m))?;
    check_team(team, body.role).map_err(|m| ApiError::field("team", m))?;
    let fresh = fresh_code().await?;
    let mut tx = state.db.begin().await?;
    let exists: Option<(String,)> = sqlx::query_as("SELECT id FROM accounts WHERE employee_no = $1")
        .bind(employee_no)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_some() {
        return Err(ApiError::conflict(Some("employee_no"), format!("工号 {employee_no} 已有账号")));
    }
    let (id, code, expires_ms) = insert_account(&mut tx, employee_no, name, team, body.role, fresh).await?;
    tx.commit().await?;
    let account = load_account(&state, &id).await?.ok_or_else(ApiError::internal)?;
    let code = IssuedCode {
        employee_no: employee_no.to_owned(),
        name: name.to_owned(),
        team: team.map(str::to_owned),
        code,
        expires_ms,
    };
    Ok((StatusCode::CREATED, Json(NewAccount { account, code })))
}

/// Edit an account: name, team, role, disabled (ends its sessions), the teams a lead leads.
#[utoipa::path(patch, path = "/accounts/{id}", tag = "accounts", request_body = EditAccount,
    params(("id" = String, Path, description = "account id")),
    responses((status = 200, body = Account), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    StrictJson(body): StrictJson<EditAccount>,
) -> ApiResult<Json<Account>> {
    admin(&caller, "修改账号")?;
    let Some(current) = load_account(&state, &id).await? else {
        return Err(ApiError::not_found(Some("id"), "没有这个账号"));
    };
    if id == caller.id && (body.disabled == Some(true) || body.role.is_some_and(|r| r != Role::Admin)) {
        return Err(ApiError::field(
            if body.disabled == Some(true) { "disabled" } else { "role" },
            "不能停用自己或取消自己的管理员角色",
        ));
    }
    let name = body.name.as_deref().map(str::trim).unwrap_or(&current.name).to_owned();
    check_name(&name).map_err(|m| ApiError::field("name", m))?;
    let role = body.role.unwrap_or(current.role);
    let team = match body.team.as_deref() {
        Some(t) => blank_to_none(Some(t)).map(str::to_owned),
        None => current.team.clone(),
    };
    check_team(team.as_deref(), role).map_err(|m| ApiError::field("team", m))?;
    let mut tx = state.db.begin().await?;
    let team_id = match &team {
        Some(t) => Some(team_id(&mut tx, t).await?),
        None => None,
    };
    let disabled = body.disabled.unwrap_or(current.disabled);
    sqlx::query("UPDATE accounts SET name = $1, team_id = $2, role = $3, disabled = $4, updated_ms = $5 WHERE id = $6")
        .bind(&name)
        .bind(&team_id)
        .bind(role.key())
        .bind(i64::from(disabled))
        .bind(now_ms())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(&id).execute(&mut *tx).await?;
    }
    sync_lead_team(&mut tx, &id, role, team_id.as_deref()).await?;
    if let Some(names) = &body.lead_teams {
        if role != Role::Lead {
            return Err(ApiError::field("lead_teams", "只有班组长可以带班组"));
        }
        sqlx::query("DELETE FROM lead_teams WHERE account_id = $1").bind(&id).execute(&mut *tx).await?;
        for (i, n) in names.iter().enumerate() {
            let found: Option<(String,)> =
                sqlx::query_as("SELECT id FROM teams WHERE name = $1").bind(n.trim()).fetch_optional(&mut *tx).await?;
            let Some((t,)) = found else {
                return Err(ApiError::field(format!("lead_teams[{i}]"), format!("没有名为 {} 的班组", n.trim())));
            };
            sqlx::query("INSERT INTO lead_teams (account_id, team_id) VALUES ($1, $2) ON CONFLICT (account_id, team_id) DO NOTHING")
                .bind(&id)
                .bind(&t)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(Json(load_account(&state, &id).await?.ok_or_else(ApiError::internal)?))
}

/// A new one-time code for the account (forgotten password): its password is cleared and its
/// sessions end until the code is used.
#[utoipa::path(post, path = "/accounts/{id}/code", tag = "accounts",
    params(("id" = String, Path, description = "account id")),
    responses((status = 200, body = IssuedCode), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn reset_code(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<IssuedCode>> {
    admin(&caller, "重置登录码")?;
    let Some(account) = load_account(&state, &id).await? else {
        return Err(ApiError::not_found(Some("id"), "没有这个账号"));
    };
    let fresh = fresh_code().await?;
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE accounts SET password_hash = NULL WHERE id = $1").bind(&id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1").bind(&id).execute(&mut *tx).await?;
    let (code, expires_ms) = issue_code(&mut tx, &id, fresh).await?;
    tx.commit().await?;
    Ok(Json(IssuedCode { employee_no: account.employee_no, name: account.name, team: account.team, code, expires_ms }))
}

/// Teams: every team for an administrator, the teams they lead for a 班组长.
#[utoipa::path(get, path = "/teams", tag = "accounts",
    responses((status = 200, body = [Team]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn teams(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Vec<Team>>> {
    caller.require(&[Role::Admin, Role::Lead], "查看班组")?;
    let rows: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT t.id, t.name, (SELECT COUNT(*) FROM accounts a WHERE a.team_id = t.id AND a.disabled = 0) FROM teams t ORDER BY t.name",
    )
    .fetch_all(&state.db)
    .await?;
    Ok(Json(
        rows.into_iter()
            .filter(|(id, _, _)| caller.may_see_team(id))
            .map(|(id, name, members)| Team { id, name, members })
            .collect(),
    ))
}

/// One good row of the staff CSV.
pub struct StaffRow {
    pub line: u64,
    pub name: String,
    pub employee_no: String,
    pub team: Option<String>,
    pub role: Role,
}

/// Reads the staff CSV: a header naming 姓名, 工号, 班组, 角色 (any order, extra columns ignored),
/// then one person a row. Returns the good rows and the bad ones with their reasons.
pub fn read_staff_csv(bytes: &[u8]) -> Result<(Vec<StaffRow>, Vec<RowError>), ApiError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(ApiError::field("file", "文件不是 UTF-8 编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"));
    };
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| ApiError::field("file", format!("无法读取表头：{e}")))?.clone();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.trim()));
    let (Some(c_name), Some(c_no), Some(c_team), Some(c_role)) =
        (col(&["姓名", "name"]), col(&["工号", "employee_no"]), col(&["班组", "team"]), col(&["角色", "role"]))
    else {
        return Err(ApiError::field("file", "第 1 行应为表头：姓名,工号,班组,角色"));
    };
    // The line a record starts on, counted from its byte offset (1 = the header).
    // (With CRLF endings csv puts a record's start on the previous line's `\n`: skip it.)
    let line_at = |pos: Option<&csv::Position>| {
        pos.map_or(0, |p| {
            let bytes = text.as_bytes();
            let mut at = (p.byte() as usize).min(bytes.len());
            while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
                at += 1;
            }
            bytes[..at].iter().filter(|b| **b == b'\n').count() as u64 + 1
        })
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = line_at(e.position());
                errors.push(RowError { line, employee_no: None, reason: format!("无法读取这一行：{e}") });
                continue;
            }
        };
        let line = line_at(record.position());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let (name, employee_no, team, role) = (get(c_name), get(c_no), get(c_team), get(c_role));
        let no = (!employee_no.is_empty()).then(|| employee_no.clone());
        let mut fail = |reason: String| errors.push(RowError { line, employee_no: no.clone(), reason });
        let Some(role) = Role::from_label(&role) else {
            fail(if role.is_empty() {
                "角色为空（应为 学员、班组长、培训师 或 管理员）".into()
            } else {
                format!("角色“{role}”不认识（应为 学员、班组长、培训师 或 管理员）")
            });
            continue;
        };
        if let Err(m) = check_employee_no(&employee_no).and(check_name(&name)) {
            fail(m.into());
            continue;
        }
        let team = (!team.is_empty()).then_some(team);
        if let Err(m) = check_team(team.as_deref(), role) {
            fail(m.into());
            continue;
        }
        if let Some(first) = seen.get(&employee_no) {
            fail(format!("工号 {employee_no} 与第 {first} 行重复"));
            continue;
        }
        seen.insert(employee_no.clone(), line);
        rows.push(StaffRow { line, name, employee_no, team, role });
    }
    Ok((rows, errors))
}

fn codes_csv(codes: &[IssuedCode]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["姓名", "工号", "班组", "登录码", "有效期至"]);
    for c in codes {
        let until = drill_core::team::time::date(c.expires_ms as f64);
        let _ = w.write_record([c.name.as_str(), &c.employee_no, c.team.as_deref().unwrap_or(""), &c.code, &until]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// Import the staff CSV (the body: `text/csv`, UTF-8 with or without BOM). Re-importing
/// updates by 工号 and never duplicates; bad rows are listed and the others imported, in one
/// transaction.
#[utoipa::path(post, path = "/accounts/import", tag = "accounts",
    request_body(content = String, content_type = "text/csv", description = "姓名,工号,班组,角色"),
    responses((status = 200, body = ImportReport), (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(State(state): State<AppState>, caller: Caller, req: Request) -> ApiResult<Json<ImportReport>> {
    admin(&caller, "导入人员名单")?;
    let bytes = read_body(req, &()).await?;
    let (rows, mut errors) = read_staff_csv(&bytes)?;
    let mut report = ImportReport {
        created: 0,
        updated: 0,
        unchanged: 0,
        errors: Vec::new(),
        codes: Vec::new(),
        codes_csv: String::new(),
    };
    // Codes for the rows that add an account, made before the transaction (`fresh_codes`).
    // Accounts are never deleted, so a 工号 unknown now is new or, if another request adds
    // it meanwhile, takes the update branch below and its code goes unused.
    let known: HashSet<String> = sqlx::query_as::<_, (String,)>("SELECT employee_no FROM accounts")
        .fetch_all(&state.db)
        .await?
        .into_iter()
        .map(|(no,)| no)
        .collect();
    let mut codes = fresh_codes(rows.iter().filter(|r| !known.contains(&r.employee_no)).count()).await?;
    let mut tx = state.db.begin().await?;
    for row in rows {
        // id, name, team name, role, team id.
        type Existing = (String, String, Option<String>, String, Option<String>);
        let existing: Option<Existing> = sqlx::query_as(
            "SELECT a.id, a.name, t.name, a.role, a.team_id FROM accounts a LEFT JOIN teams t ON t.id = a.team_id WHERE a.employee_no = $1",
        )
                .bind(&row.employee_no)
                .fetch_optional(&mut *tx)
                .await?;
        match existing {
            None => {
                let fresh = match codes.pop() {
                    Some(fresh) => fresh,
                    None => fresh_code().await?,
                };
                let (_, code, expires_ms) =
                    insert_account(&mut tx, &row.employee_no, &row.name, row.team.as_deref(), row.role, fresh).await?;
                report.created += 1;
                report.codes.push(IssuedCode {
                    employee_no: row.employee_no,
                    name: row.name,
                    team: row.team,
                    code,
                    expires_ms,
                });
            }
            Some((id, name, team, role, old_team_id)) => {
                if name == row.name && team == row.team && role == row.role.key() {
                    report.unchanged += 1;
                    continue;
                }
                if id == caller.id && row.role != Role::Admin {
                    errors.push(RowError {
                        line: row.line,
                        employee_no: Some(row.employee_no),
                        reason: "不能取消自己的管理员角色".into(),
                    });
                    continue;
                }
                let team_id = match &row.team {
                    Some(t) => Some(team_id(&mut tx, t).await?),
                    None => None,
                };
                sqlx::query("UPDATE accounts SET name = $1, team_id = $2, role = $3, updated_ms = $4 WHERE id = $5")
                    .bind(&row.name)
                    .bind(&team_id)
                    .bind(row.role.key())
                    .bind(now_ms())
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
                if role != row.role.key() {
                    sqlx::query("DELETE FROM lead_teams WHERE account_id = $1").bind(&id).execute(&mut *tx).await?;
                } else if old_team_id != team_id {
                    // A lead moved to another 班组 no longer leads the one they left.
                    if let Some(old) = &old_team_id {
                        sqlx::query("DELETE FROM lead_teams WHERE account_id = $1 AND team_id = $2")
                            .bind(&id)
                            .bind(old)
                            .execute(&mut *tx)
                            .await?;
                    }
                }
                sync_lead_team(&mut tx, &id, row.role, team_id.as_deref()).await?;
                report.updated += 1;
            }
        }
    }
    tx.commit().await?;
    errors.sort_by_key(|e| e.line);
    report.errors = errors;
    report.codes_csv = codes_csv(&report.codes);
    Ok(Json(report))
}
