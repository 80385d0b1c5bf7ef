//! The authorisation matrix: every endpoint × every role (and nobody signed in) × own / other
//! team's data, with the status each must get. A new endpoint fails
//! `every_endpoint_is_in_the_matrix` until it has its row here. Runs on both databases.

mod common;

use axum::http::{Method, StatusCode};
use common::{attempt, choice_item, Client, Harness};
use serde_json::{json, Value};
use std::collections::BTreeSet;

const STAFF: &str = "姓名,工号,班组,角色\n甲学员,1001,一班,学员\n甲组长,1002,一班,班组长\n乙学员,2001,二班,学员\n乙组长,2002,二班,班组长\n培训师,T01,,培训师\n";

/// Who asks, in the order of each row's expectations.
const WHO: [&str; 5] = ["nobody", "trainee", "lead", "trainer", "admin"];

struct Ids {
    team_a: String,
    team_b: String,
    other_trainee: String,
    /// An assignment of each team per caller (`{AS}`, `{BS}`): a removal by one caller must not
    /// make the next caller's answer a 404.
    assign_a: Vec<String>,
    assign_b: Vec<String>,
}

/// One row: method, path (with `{A}`, `{B}`, `{other}` filled in), a body maker (given the
/// caller's index in WHO), and the expected status per caller.
struct Row {
    method: Method,
    path: &'static str,
    body: fn(usize, &Ids) -> Option<Value>,
    expect: [u16; 5],
}

fn none(_: usize, _: &Ids) -> Option<Value> {
    None
}

fn rows() -> Vec<Row> {
    use Method as M;
    vec![
        Row { method: M::GET, path: "/api/v1/status", body: none, expect: [200, 200, 200, 200, 200] },
        Row { method: M::GET, path: "/api/v1/openapi.json", body: none, expect: [200, 200, 200, 200, 200] },
        Row { method: M::GET, path: "/api/v1/content", body: none, expect: [200, 200, 200, 200, 200] },
        Row { method: M::GET, path: "/api/v1/content/versions", body: none, expect: [401, 403, 403, 200, 200] },
        Row { method: M::GET, path: "/api/v1/audit", body: none, expect: [401, 403, 403, 403, 200] },
        Row { method: M::GET, path: "/api/v1/me", body: none, expect: [401, 200, 200, 200, 200] },
        // Public: nobody gets `{"me": null}` (checked below), never a 401.
        Row { method: M::GET, path: "/api/v1/auth/session", body: none, expect: [200, 200, 200, 200, 200] },
        // Wrong credentials are 401 for everyone (an unknown 工号 per caller: no throttling).
        Row {
            method: M::POST,
            path: "/api/v1/auth/sign-in",
            body: |i, _| Some(json!({"employee_no": format!("x{i}"), "password": "wrong-password"})),
            expect: [401, 401, 401, 401, 401],
        },
        Row {
            method: M::POST,
            path: "/api/v1/auth/code",
            body: |i, _| {
                Some(json!({"employee_no": format!("x{i}"), "code": "AAAAAAAA", "new_password": "new-password"}))
            },
            expect: [401, 401, 401, 401, 401],
        },
        // Signed in, the wrong current password is the only obstacle (422), not the role.
        Row {
            method: M::POST,
            path: "/api/v1/auth/password",
            body: |_, _| Some(json!({"current_password": "not-it-at-all", "new_password": "another-password"})),
            expect: [401, 422, 422, 422, 422],
        },
        Row { method: M::GET, path: "/api/v1/accounts", body: none, expect: [401, 403, 403, 403, 200] },
        Row {
            method: M::POST,
            path: "/api/v1/accounts",
            body: |i, _| Some(json!({"name": "新", "employee_no": format!("9{i}"), "team": "一班", "role": "trainee"})),
            expect: [401, 403, 403, 403, 201],
        },
        Row {
            method: M::PATCH,
            path: "/api/v1/accounts/{other}",
            body: |_, _| Some(json!({"name": "乙学员"})),
            expect: [401, 403, 403, 403, 200],
        },
        Row { method: M::POST, path: "/api/v1/accounts/{other}/code", body: none, expect: [401, 403, 403, 403, 200] },
        Row { method: M::POST, path: "/api/v1/accounts/import", body: none, expect: [401, 403, 403, 403, 200] },
        Row { method: M::GET, path: "/api/v1/teams", body: none, expect: [401, 403, 200, 403, 200] },
        // Own team (A: the trainee's and the lead's) and the other team (B).
        Row { method: M::GET, path: "/api/v1/teams/{A}/report", body: none, expect: [401, 403, 200, 403, 200] },
        Row { method: M::GET, path: "/api/v1/teams/{B}/report", body: none, expect: [401, 403, 403, 403, 200] },
        Row { method: M::GET, path: "/api/v1/assignments", body: none, expect: [401, 200, 200, 200, 200] },
        Row { method: M::GET, path: "/api/v1/assignments?team_id={A}", body: none, expect: [401, 403, 200, 403, 200] },
        Row { method: M::GET, path: "/api/v1/assignments?team_id={B}", body: none, expect: [401, 403, 403, 403, 200] },
        Row {
            method: M::POST,
            path: "/api/v1/assignments",
            body: |_, ids| Some(json!({"team_id": ids.team_a, "pack_id": choice_item().0, "due": "2099-01-01"})),
            expect: [401, 403, 201, 403, 201],
        },
        // Changing or removing an assignment: the lead of its team (A), or an administrator.
        Row {
            method: M::PATCH,
            path: "/api/v1/assignments/{AS}",
            body: |_, _| Some(json!({"due": "2099-02-01"})),
            expect: [401, 403, 200, 403, 200],
        },
        Row {
            method: M::PATCH,
            path: "/api/v1/assignments/{BS}",
            body: |_, _| Some(json!({"due": "2099-02-01"})),
            expect: [401, 403, 403, 403, 200],
        },
        Row { method: M::DELETE, path: "/api/v1/assignments/{AS}", body: none, expect: [401, 403, 204, 403, 204] },
        Row { method: M::DELETE, path: "/api/v1/assignments/{BS}", body: none, expect: [401, 403, 403, 403, 204] },
        Row {
            method: M::POST,
            path: "/api/v1/assignments#B",
            body: |_, ids| Some(json!({"team_id": ids.team_b, "pack_id": choice_item().0, "due": "2099-01-01"})),
            expect: [401, 403, 403, 403, 201],
        },
        // Everyone signed in keeps their own attempts (the answers are theirs; GET returns only them).
        Row {
            method: M::POST,
            path: "/api/v1/attempts",
            body: |_, _| Some(json!({"attempts": [attempt("m-1", 0, None, 1_796_000_000_000.0)]})),
            expect: [401, 200, 200, 200, 200],
        },
        Row { method: M::GET, path: "/api/v1/attempts", body: none, expect: [401, 200, 200, 200, 200] },
        Row {
            method: M::POST,
            path: "/api/v1/attempts/local",
            body: |_, _| Some(json!({"attempts": []})),
            expect: [401, 200, 200, 200, 200],
        },
        // Last: it ends the session.
        Row { method: M::POST, path: "/api/v1/auth/sign-out", body: none, expect: [401, 204, 204, 204, 204] },
    ]
}

/// The row's path for the caller at index `who` in WHO.
fn fill(path: &str, ids: &Ids, who: usize) -> String {
    path.split('#')
        .next()
        .unwrap()
        .replace("{A}", &ids.team_a)
        .replace("{B}", &ids.team_b)
        .replace("{other}", &ids.other_trainee)
        .replace("{AS}", &ids.assign_a[who])
        .replace("{BS}", &ids.assign_b[who])
}

both_databases!(every_endpoint_every_role, every_endpoint_is_in_the_matrix);

/// One assignment of `team` per caller in WHO, made by the administrator.
async fn one_assignment_each(admin: &mut Client, team: &str) -> Vec<String> {
    let mut out = Vec::new();
    for _ in WHO {
        let r = admin
            .post("/api/v1/assignments", json!({"team_id": team, "pack_id": choice_item().0, "due": "2099-01-01"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
        out.push(r.body["id"].as_str().unwrap().to_owned());
    }
    out
}

async fn every_endpoint_every_role(h: &Harness) {
    let mut admin = h.admin().await;
    let staff = h.staff(&mut admin, STAFF).await;
    let by_no = |no: &str| staff.iter().find(|(n, _)| n == no).unwrap().1.clone();
    let teams = admin.get("/api/v1/teams").await.body;
    let team = |name: &str| {
        teams.as_array().unwrap().iter().find(|t| t["name"] == name).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let accounts = admin.get("/api/v1/accounts").await.body;
    let other_trainee = accounts.as_array().unwrap().iter().find(|a| a["employee_no"] == "2001").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let (team_a, team_b) = (team("一班"), team("二班"));
    let assign_a = one_assignment_each(&mut admin, &team_a).await;
    let assign_b = one_assignment_each(&mut admin, &team_b).await;
    let ids = Ids { team_a, team_b, other_trainee, assign_a, assign_b };
    let mut callers: Vec<Client> = vec![h.client(), by_no("1001"), by_no("1002"), by_no("T01"), admin];
    let audit_before = h.count("SELECT COUNT(*) FROM audit_log WHERE status = 403").await;
    let mut refusals = 0;
    let mut wrong = Vec::new();
    for row in rows() {
        for (i, caller) in callers.iter_mut().enumerate() {
            let path = fill(row.path, &ids, i);
            let r = if row.path.ends_with("/import") {
                let csv = format!("姓名,工号,班组,角色\n导入{i},8{i},一班,学员\n");
                caller.send_raw(row.method.clone(), &path, "text/csv", csv.into_bytes()).await
            } else {
                match (row.body)(i, &ids) {
                    Some(body) => {
                        caller
                            .send_raw(row.method.clone(), &path, "application/json", body.to_string().into_bytes())
                            .await
                    }
                    None if row.method == Method::GET => caller.get(&path).await,
                    None => caller.send_raw(row.method.clone(), &path, "application/json", b"null".to_vec()).await,
                }
            };
            let expected = row.expect[i];
            if row.path == "/api/v1/auth/session" {
                let me = &r.body["me"];
                assert!(me.is_object() || me.is_null(), "{:?}", r.body);
                assert_eq!(me.is_null(), WHO[i] == "nobody", "session as {}: {:?}", WHO[i], r.body);
            }
            if r.status.as_u16() != expected {
                wrong.push(format!(
                    "{} {} as {}: got {}, expected {expected}: {:?}",
                    row.method, row.path, WHO[i], r.status, r.body
                ));
            }
            if r.status == StatusCode::FORBIDDEN || r.status == StatusCode::UNAUTHORIZED {
                let (_, message) = r.error();
                assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message: {message}");
            }
            if r.status == StatusCode::FORBIDDEN {
                refusals += 1;
            }
        }
    }
    assert!(wrong.is_empty(), "{} cells wrong:\n{}", wrong.len(), wrong.join("\n"));
    let audit_after = h.count("SELECT COUNT(*) FROM audit_log WHERE status = 403").await;
    assert_eq!(audit_after - audit_before, refusals, "every 403 is in the audit log");
    // Every caller's own attempts only: each signed-in caller stored one attempt "m-1".
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 4);
}

async fn every_endpoint_is_in_the_matrix(h: &Harness) {
    let doc = h.client().get("/api/v1/openapi.json").await.body;
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    let ids = Ids {
        team_a: "{team_id}".into(),
        team_b: "{team_id}".into(),
        other_trainee: "{id}".into(),
        assign_a: vec!["{id}".into(); WHO.len()],
        assign_b: vec!["{id}".into(); WHO.len()],
    };
    let covered: BTreeSet<String> =
        rows().iter().map(|r| format!("{} {}", r.method, fill(r.path, &ids, 0).split('?').next().unwrap())).collect();
    let missing: Vec<_> =
        documented.iter().filter(|d| !covered.contains(*d) && !d.ends_with("/openapi.json")).collect();
    assert!(missing.is_empty(), "endpoints without a row in the matrix: {missing:?}");
    assert!(documented.len() >= 18, "{documented:?}");
}
