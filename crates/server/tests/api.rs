//! The API, end to end in-process, on SQLite and on PostgreSQL (the same functions;
//! `both_databases!` makes a test of each for each database).

mod common;

use axum::http::{Method, StatusCode};
use common::{attempt, choice_item, content_version, library, Harness};
use serde_json::json;

const NOW: f64 = 1_796_000_000_000.0;

const STAFF: &str =
    "\u{feff}姓名,工号,班组,角色\n张三,1001,营业厅一班,学员\n李四,1002,营业厅一班,班组长\n王五,2001,营业厅二班,学员\n";

both_databases!(
    first_admin_signs_in_with_the_bootstrap_code_once,
    password_sign_in_sign_out_and_me,
    session_says_who_is_signed_in_without_a_401,
    staff_csv_import_lists_bad_rows_and_reimport_updates,
    staff_csv_without_bom_and_unusable_files,
    administrator_adds_edits_disables_and_resets,
    attempts_are_rescored_flagged_and_idempotent,
    bad_attempt_batches_write_nothing,
    malformed_requests_get_field_errors,
    local_record_uploads_once,
    lead_reads_own_team_report_in_a_date_range,
    assignments_show_progress,
    assignments_are_edited_and_removed_by_their_lead,
    sign_in_is_throttled_and_refusals_are_logged,
    throttling_survives_a_restart_and_is_shared,
    forwarded_for_is_believed_only_from_a_trusted_proxy,
    cross_site_requests_are_refused,
    migrations_refuse_a_newer_database,
    openapi_document_lists_the_api,
    concurrent_uploads_all_arrive_once,
);

async fn first_admin_signs_in_with_the_bootstrap_code_once(h: &Harness) {
    let (no, code) = drill_server::bootstrap_admin(&h.state).await.unwrap().unwrap();
    assert_eq!(no, "admin");
    let mut c = h.client();
    let short = c.post("/api/v1/auth/code", json!({"employee_no": no, "code": code, "new_password": "short"})).await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(short.error().0.as_deref(), Some("new_password"));
    let r = c
        .post(
            "/api/v1/auth/code",
            json!({"employee_no": no, "code": code.to_lowercase(), "new_password": "admin-password"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["role"], "admin");
    let cookie = r.set_cookie.unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP: no Secure");
    // The code is used up.
    let again = h
        .client()
        .post("/api/v1/auth/code", json!({"employee_no": no, "code": code, "new_password": "other-password"}))
        .await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED);
    // Once an administrator has a password, no more bootstrap codes.
    assert!(drill_server::bootstrap_admin(&h.state).await.unwrap().is_none());
    // Behind an HTTPS proxy the cookie is Secure.
    let mut p = h.client();
    let req = p
        .builder(Method::POST, "/api/v1/auth/sign-in")
        .header("content-type", "application/json")
        .header("x-forwarded-proto", "https")
        .body(axum::body::Body::from(r#"{"employee_no":"admin","password":"admin-password"}"#))
        .unwrap();
    let r = p.request(req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.set_cookie.unwrap().contains("; Secure"));
}

async fn password_sign_in_sign_out_and_me(h: &Harness) {
    let mut admin = h.admin().await;
    let _ = h.staff(&mut admin, STAFF).await;
    let mut c = h.client();
    assert_eq!(c.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    let wrong = c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "nope-nope"})).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.error().1, "工号或密码不正确");
    let ok = c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    assert_eq!(ok.status, StatusCode::OK);
    let me = c.get("/api/v1/me").await;
    assert_eq!(
        (me.body["name"].as_str(), me.body["team"].as_str(), me.body["role_label"].as_str()),
        (Some("张三"), Some("营业厅一班"), Some("学员"))
    );
    let stolen = c.clone();
    let out = c.post("/api/v1/auth/sign-out", json!(null)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.set_cookie.unwrap().contains("Max-Age=0"));
    // The old cookie no longer works: the session is gone from the database.
    let mut stolen = stolen;
    assert_eq!(stolen.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
    // Changing the password ends the other sessions.
    let mut a = h.client();
    let mut b = h.client();
    a.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    b.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    let bad = a
        .post("/api/v1/auth/password", json!({"current_password": "wrong-one", "new_password": "new-password-1"}))
        .await;
    assert_eq!(bad.error().0.as_deref(), Some("current_password"));
    let changed = a
        .post("/api/v1/auth/password", json!({"current_password": "pw-1001-long", "new_password": "new-password-1"}))
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT);
    assert_eq!(a.get("/api/v1/me").await.status, StatusCode::OK);
    assert_eq!(b.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED);
}

async fn session_says_who_is_signed_in_without_a_401(h: &Harness) {
    let mut admin = h.admin().await;
    let _ = h.staff(&mut admin, STAFF).await;
    let mut c = h.client();
    let out = c.get("/api/v1/auth/session").await;
    assert_eq!(out.status, StatusCode::OK);
    assert_eq!(out.body, json!({"me": null}));
    c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    let signed_in = c.get("/api/v1/auth/session").await;
    assert_eq!(signed_in.status, StatusCode::OK);
    let me = c.get("/api/v1/me").await;
    assert_eq!(signed_in.body, json!({"me": me.body}), "the same object as GET /me");
    // What the pages read it into (the shared API types) takes every field.
    let read: drill_api::AuthSession = serde_json::from_value(signed_in.body.clone()).unwrap();
    assert_eq!(read.me.as_ref().map(|m| (m.role, m.employee_no.as_str())), Some((drill_api::Role::Trainee, "1001")));
    assert_eq!(signed_in.body["me"]["employee_no"], "1001");
    assert_eq!(signed_in.body["me"]["name"], "张三");
    c.post("/api/v1/auth/sign-out", json!(null)).await;
    let after = c.get("/api/v1/auth/session").await;
    assert_eq!((after.status, after.body), (StatusCode::OK, json!({"me": null})));
    // A cookie that names no session (expired, signed out elsewhere) is nobody, not an error.
    let mut stale = h.client();
    stale.cookie = Some("drill_session=0123456789abcdef".into());
    let r = stale.get("/api/v1/auth/session").await;
    assert_eq!((r.status, r.body), (StatusCode::OK, json!({"me": null})));
    // Nothing about it is a refusal worth keeping.
    assert_eq!(h.count("SELECT COUNT(*) FROM audit_log WHERE path = '/api/v1/auth/session'").await, 0);
}

async fn staff_csv_import_lists_bad_rows_and_reimport_updates(h: &Harness) {
    let mut admin = h.admin().await;
    let csv = "\u{feff}姓名,工号,班组,角色\r\n张三,1001,营业厅一班,学员\r\n王五,,营业厅一班,学员\r\n赵六,1003,营业厅二班,组长\r\n钱七,1004,,学员\r\n孙八,1001,营业厅二班,学员\r\n周九,T01,,培训师\r\n";
    let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!((r.body["created"].as_u64(), r.body["updated"].as_u64()), (Some(2), Some(0)));
    let errors: Vec<(u64, String)> = r.body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["reason"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), vec![3, 4, 5, 6], "{errors:?}");
    assert!(errors[0].1.contains("工号不能为空"));
    assert!(errors[1].1.contains("组长"));
    assert!(errors[2].1.contains("班组"));
    assert!(errors[3].1.contains("与第 2 行重复"));
    let sheet = r.body["codes_csv"].as_str().unwrap();
    assert!(sheet.starts_with("\u{feff}姓名,工号,班组,登录码,有效期至"), "{sheet}");
    assert!(sheet.contains("张三,1001,营业厅一班,"));
    assert_eq!(r.body["codes"].as_array().unwrap().len(), 2);
    // Re-import: one changed team, one the same, one new; never a duplicate.
    let again = "姓名,工号,班组,角色\n张三,1001,营业厅二班,班组长\n周九,T01,,培训师\n吴十,1005,营业厅一班,学员\n";
    let r = admin
        .send_raw(Method::POST, "/api/v1/accounts/import", "text/csv; charset=utf-8", again.as_bytes().to_vec())
        .await;
    assert_eq!(
        (r.body["created"].as_u64(), r.body["updated"].as_u64(), r.body["unchanged"].as_u64()),
        (Some(1), Some(1), Some(1)),
        "{:?}",
        r.body
    );
    assert_eq!(h.count("SELECT COUNT(*) FROM accounts WHERE employee_no = '1001'").await, 1);
    assert_eq!(h.count("SELECT COUNT(*) FROM accounts").await, 4, "admin + 3");
    let list = admin.get("/api/v1/accounts").await;
    let zhang = list.body.as_array().unwrap().iter().find(|a| a["employee_no"] == "1001").unwrap().clone();
    assert_eq!((zhang["team"].as_str(), zhang["role"].as_str()), (Some("营业厅二班"), Some("lead")));
    assert_eq!(zhang["lead_teams"], json!(["营业厅二班"]));
    // A lead moved by the next import leads the new team, not the old one.
    let moved = "姓名,工号,班组,角色\n张三,1001,营业厅三班,班组长\n";
    admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", moved.as_bytes().to_vec()).await;
    let list = admin.get("/api/v1/accounts").await;
    let zhang = list.body.as_array().unwrap().iter().find(|a| a["employee_no"] == "1001").unwrap().clone();
    assert_eq!(zhang["lead_teams"], json!(["营业厅三班"]));
}

async fn staff_csv_without_bom_and_unusable_files(h: &Harness) {
    let mut admin = h.admin().await;
    let plain = "工号,姓名,角色,班组,备注\n3001,甲,学员,三班,x\n";
    let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", plain.as_bytes().to_vec()).await;
    assert_eq!(r.body["created"], 1, "columns in any order, extra ignored: {:?}", r.body);
    let gbk = vec![0xd0, 0xd5, 0xc3, 0xfb, b',', b'1', b'\n'];
    let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", gbk).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.error().1.contains("UTF-8"));
    let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", "a,b\n1,2\n".into()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.error().1.contains("表头"));
    let huge = vec![b'x'; drill_server::api::CSV_LIMIT + 10];
    let r = admin.send_raw(Method::POST, "/api/v1/accounts/import", "text/csv", huge).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(h.count("SELECT COUNT(*) FROM accounts").await, 2);
}

async fn administrator_adds_edits_disables_and_resets(h: &Harness) {
    let mut admin = h.admin().await;
    let r = admin
        .post("/api/v1/accounts", json!({"name": "新人", "employee_no": "4001", "team": "四班", "role": "trainee"}))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let id = r.body["account"]["id"].as_str().unwrap().to_owned();
    let code = r.body["code"]["code"].as_str().unwrap().to_owned();
    let dup = admin
        .post("/api/v1/accounts", json!({"name": "别人", "employee_no": "4001", "team": "四班", "role": "trainee"}))
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT);
    assert_eq!(dup.error().0.as_deref(), Some("employee_no"));
    let noteam =
        admin.post("/api/v1/accounts", json!({"name": "别人", "employee_no": "4002", "role": "trainee"})).await;
    assert_eq!(noteam.error().0.as_deref(), Some("team"));
    let badrole = admin
        .post("/api/v1/accounts", json!({"name": "别人", "employee_no": "4002", "team": "x", "role": "boss"}))
        .await;
    assert_eq!(badrole.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(badrole.error().0.as_deref(), Some("role"));
    let mut user = h.client();
    assert_eq!(
        user.post("/api/v1/auth/code", json!({"employee_no": "4001", "code": code, "new_password": "user-password"}))
            .await
            .status,
        StatusCode::OK
    );
    let edited = admin.patch(&format!("/api/v1/accounts/{id}"), json!({"name": "新人甲", "team": "五班"})).await;
    assert_eq!((edited.body["name"].as_str(), edited.body["team"].as_str()), (Some("新人甲"), Some("五班")));
    let off = admin.patch(&format!("/api/v1/accounts/{id}"), json!({"disabled": true})).await;
    assert_eq!(off.body["disabled"], true);
    assert_eq!(user.get("/api/v1/me").await.status, StatusCode::UNAUTHORIZED, "disabled: sessions end");
    let r = h.client().post("/api/v1/auth/sign-in", json!({"employee_no": "4001", "password": "user-password"})).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.error().1.contains("停用"));
    admin.patch(&format!("/api/v1/accounts/{id}"), json!({"disabled": false})).await;
    let reset = admin.post(&format!("/api/v1/accounts/{id}/code"), json!(null)).await;
    assert_eq!(reset.status, StatusCode::OK);
    let new_code = reset.body["code"].as_str().unwrap();
    assert_eq!(
        h.client()
            .post("/api/v1/auth/sign-in", json!({"employee_no": "4001", "password": "user-password"}))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        h.client()
            .post(
                "/api/v1/auth/code",
                json!({"employee_no": "4001", "code": new_code, "new_password": "fresh-password"})
            )
            .await
            .status,
        StatusCode::OK
    );
    let missing = admin.patch("/api/v1/accounts/nope", json!({"name": "x"})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let me = admin.get("/api/v1/me").await.body["id"].as_str().unwrap().to_owned();
    let selfoff = admin.patch(&format!("/api/v1/accounts/{me}"), json!({"disabled": true})).await;
    assert_eq!(selfoff.status, StatusCode::UNPROCESSABLE_ENTITY);
    let leads = admin.patch(&format!("/api/v1/accounts/{id}"), json!({"lead_teams": ["五班"]})).await;
    assert_eq!(leads.error().0.as_deref(), Some("lead_teams"));
    let lead =
        admin.patch(&format!("/api/v1/accounts/{id}"), json!({"role": "lead", "lead_teams": ["五班", "四班"]})).await;
    assert_eq!(
        lead.body["lead_teams"],
        json!(["五班", "四班"])
            .as_array()
            .map(|a| {
                let mut v = a.clone();
                v.sort_by_key(|x| x.as_str().unwrap().to_owned());
                json!(v)
            })
            .unwrap(),
        "{:?}",
        lead.body
    );
    let unknown = admin.patch(&format!("/api/v1/accounts/{id}"), json!({"role": "lead", "lead_teams": ["没有"]})).await;
    assert_eq!(unknown.error().0.as_deref(), Some("lead_teams[0]"));
}

async fn attempts_are_rescored_flagged_and_idempotent(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let (_, item_id, best) = choice_item();
    let max = {
        let (p, i, _) = choice_item();
        library().packs.iter().find(|x| x.id == p).unwrap().item(&i).unwrap().max_points()
    };
    let wrong = if best == 0 { 1 } else { 0 };
    let t = &mut staff[0].1;
    let batch =
        json!({"attempts": [attempt("a-1", best, Some(max), NOW), attempt("a-2", wrong, Some(max), NOW + 1000.0)]});
    let r = t.post("/api/v1/attempts", batch.clone()).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!((r.body["stored"].as_u64(), r.body["duplicates"].as_u64()), (Some(2), Some(0)));
    let results = r.body["results"].as_array().unwrap();
    assert_eq!(results[0]["points"].as_f64(), Some(max));
    assert_eq!(results[0]["flagged"], false);
    assert!(results[1]["points"].as_f64().unwrap() < max);
    assert_eq!(results[1]["flagged"], true, "claimed full marks for a wrong answer");
    // Sent again (a retry after a lost reply): nothing new.
    let again = t.post("/api/v1/attempts", batch).await;
    assert_eq!((again.body["stored"].as_u64(), again.body["duplicates"].as_u64()), (Some(0), Some(2)));
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 2);
    let own = t.get("/api/v1/attempts").await;
    let own = own.body.as_array().unwrap();
    assert_eq!(own.len(), 2);
    assert_eq!(own[0]["item_id"].as_str(), Some(item_id.as_str()));
    assert_eq!(own[1]["flagged"], true);
    assert_eq!(own[0]["outcome"]["verdict"], "correct");
    // Another trainee using the same ids stores their own rows and sees only them.
    let other = &mut staff[2].1;
    let r = other.post("/api/v1/attempts", json!({"attempts": [attempt("a-1", wrong, None, NOW)]})).await;
    assert_eq!(r.body["stored"], 1);
    assert_eq!(other.get("/api/v1/attempts").await.body.as_array().unwrap().len(), 1);
}

async fn bad_attempt_batches_write_nothing(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let t = &mut staff[0].1;
    let (_, _, best) = choice_item();
    let mut unknown_item = attempt("b-2", best, None, NOW);
    unknown_item["item_id"] = json!("no-such-item");
    let r = t.post("/api/v1/attempts", json!({"attempts": [attempt("b-1", best, None, NOW), unknown_item]})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.error().0.as_deref(), Some("attempts[1].item_id"));
    assert!(r.error().1.contains("no-such-item"));
    let mut unknown_version = attempt("b-3", best, None, NOW);
    unknown_version["content_version"] = json!("0000000000000000");
    let r = t.post("/api/v1/attempts", json!({"attempts": [unknown_version]})).await;
    assert_eq!(r.error().0.as_deref(), Some("attempts[0].content_version"));
    let mut unknown_pack = attempt("b-4", best, None, NOW);
    unknown_pack["pack_id"] = json!("nope");
    assert_eq!(
        t.post("/api/v1/attempts", json!({"attempts": [unknown_pack]})).await.error().0.as_deref(),
        Some("attempts[0].pack_id")
    );
    let mut backwards = attempt("b-5", best, None, NOW);
    backwards["started_ms"] = json!(NOW + 10.0);
    assert_eq!(
        t.post("/api/v1/attempts", json!({"attempts": [backwards]})).await.error().0.as_deref(),
        Some("attempts[0].answered_ms")
    );
    let r = t.post("/api/v1/attempts", json!({"attempts": [attempt("bad id!", best, None, NOW)]})).await;
    assert_eq!(r.error().0.as_deref(), Some("attempts[0].id"));
    let r = t
        .post(
            "/api/v1/attempts",
            json!({"attempts": [attempt("same", best, None, NOW), attempt("same", best, None, NOW)]}),
        )
        .await;
    assert_eq!(r.error().0.as_deref(), Some("attempts[1].id"));
    let many: Vec<_> =
        (0..=drill_server::api::attempts::MAX_BATCH).map(|i| attempt(&format!("m{i}"), best, None, NOW)).collect();
    assert_eq!(t.post("/api/v1/attempts", json!({"attempts": many})).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A wrong answer shape for the item is scored (0 points, a finding saying why), as the core does.
    let mut mismatched = attempt("b-6", best, None, NOW);
    mismatched["answer"] = json!({"kind": "reply", "text": "您好"});
    let r = t.post("/api/v1/attempts", json!({"attempts": [mismatched]})).await;
    assert_eq!(r.body["results"][0]["points"], 0.0);
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 1, "only the last, valid request wrote");
}

async fn malformed_requests_get_field_errors(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let t = &mut staff[0].1;
    let cases: Vec<(&str, StatusCode, Option<&str>)> = vec![
        ("{\"attempts\": [", StatusCode::BAD_REQUEST, None),
        ("not json", StatusCode::BAD_REQUEST, None),
        ("{\"attempts\": []} trailing", StatusCode::BAD_REQUEST, None),
        ("{\"attempts\": [], \"extra\": 1}", StatusCode::UNPROCESSABLE_ENTITY, Some("extra")),
        ("{\"attempts\": 5}", StatusCode::UNPROCESSABLE_ENTITY, Some("attempts")),
        ("{}", StatusCode::UNPROCESSABLE_ENTITY, Some("attempts")),
        ("[]", StatusCode::UNPROCESSABLE_ENTITY, None),
    ];
    for (body, status, field) in cases {
        let r = t.send_raw(Method::POST, "/api/v1/attempts", "application/json", body.as_bytes().to_vec()).await;
        assert_eq!(r.status, status, "{body}: {:?}", r.body);
        let (f, message) = r.error();
        if field.is_some() {
            assert_eq!(f.as_deref(), field, "{body}");
        }
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese message: {message}");
    }
    let mut a = attempt("c-1", 0, None, NOW);
    a["answer"] = json!({"kind": "choice", "option": "two"});
    let r = t.post("/api/v1/attempts", json!({"attempts": [a]})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.error().0.unwrap().starts_with("attempts[0].answer"));
    let mut a = attempt("c-2", 0, None, NOW);
    a["surprise"] = json!(true);
    assert_eq!(
        t.post("/api/v1/attempts", json!({"attempts": [a]})).await.error().0.as_deref(),
        Some("attempts[0].surprise")
    );
    let r = t.send_raw(Method::POST, "/api/v1/attempts", "text/plain", b"{}".to_vec()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let big = format!("{{\"attempts\": [], \"x\": \"{}\"}}", "y".repeat(drill_server::api::JSON_LIMIT));
    assert_eq!(
        t.send_raw(Method::POST, "/api/v1/attempts", "application/json", big.into_bytes()).await.status,
        StatusCode::PAYLOAD_TOO_LARGE
    );
    let r = t.get("/api/v1/nothing-here").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.error().1.contains("接口"));
    let r = admin.get("/api/v1/teams/x/report?since=2026-01-01").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 0);
}

async fn local_record_uploads_once(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let t = &mut staff[0].1;
    let (_, _, best) = choice_item();
    let mut old = attempt("l-2", best, None, NOW);
    old["content_version"] = json!("ffffffffffffffff");
    let r = t.post("/api/v1/attempts/local", json!({"attempts": [attempt("l-1", best, None, NOW), old]})).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    assert_eq!(r.body["stored"], 1);
    assert_eq!(r.body["skipped"][0]["id"], "l-2");
    assert_eq!(t.get("/api/v1/me").await.body["local_record_uploaded"], true);
    let again = t.post("/api/v1/attempts/local", json!({"attempts": [attempt("l-3", best, None, NOW)]})).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 1);
    // A rejected upload (bad shape) does not use up the one chance.
    let u = &mut staff[2].1;
    let r = u.post("/api/v1/attempts/local", json!({"attempts": [attempt("bad id", best, None, NOW)]})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(u.post("/api/v1/attempts/local", json!({"attempts": []})).await.status, StatusCode::OK);
}

async fn lead_reads_own_team_report_in_a_date_range(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let (_, item, best) = choice_item();
    // 2026-11-30 08:00 Beijing.
    let day = 1_796_083_200_000.0 - 8.0 * 3_600_000.0 + 8.0 * 3_600_000.0;
    let r = staff[0].1.post("/api/v1/attempts", json!({"attempts": [attempt("r-1", best, None, day)]})).await;
    assert_eq!(r.status, StatusCode::OK);
    staff[2].1.post("/api/v1/attempts", json!({"attempts": [attempt("r-2", best, None, day)]})).await;
    let me = staff[1].1.get("/api/v1/me").await;
    let team = me.body["lead_teams"][0]["id"].as_str().unwrap().to_owned();
    let lead = &mut staff[1].1;
    let r = lead.get(&format!("/api/v1/teams/{team}/report")).await;
    assert_eq!(r.status, StatusCode::OK, "{:?}", r.body);
    let names: Vec<&str> = r.body["trainees"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 2, "both members of 营业厅一班, and nobody else: {names:?}");
    assert!(!names.contains(&"王五"));
    let zhang = r.body["trainees"].as_array().unwrap().iter().find(|t| t["name"] == "张三").unwrap();
    assert_eq!(zhang["attempts"], 1);
    // The page reads it into the shared type and back into the core's report it draws.
    let read: drill_api::TeamReportOut = serde_json::from_value(r.body.clone()).unwrap();
    assert_eq!(read.to_core().trainees.len(), 2);
    assert_eq!(zhang["score_pct"], 100.0);
    assert!(r.body["items"].as_array().unwrap().iter().any(|i| i["item_id"] == item.as_str()));
    assert!(!r.body["rules"].as_array().unwrap().is_empty());
    let date = drill_core::team::time::date(day);
    let inside = lead.get(&format!("/api/v1/teams/{team}/report?from={date}&to={date}")).await;
    assert_eq!(
        inside.body["trainees"].as_array().unwrap().iter().map(|t| t["attempts"].as_u64().unwrap()).sum::<u64>(),
        1
    );
    let after = lead.get(&format!("/api/v1/teams/{team}/report?from=2027-01-01")).await;
    assert_eq!(
        after.body["trainees"].as_array().unwrap().iter().map(|t| t["attempts"].as_u64().unwrap()).sum::<u64>(),
        0
    );
    let bad = lead.get(&format!("/api/v1/teams/{team}/report?from=2026-13-01")).await;
    assert_eq!((bad.status, bad.error().0.as_deref()), (StatusCode::BAD_REQUEST, Some("from")));
    let backwards = lead.get(&format!("/api/v1/teams/{team}/report?from=2026-12-02&to=2026-12-01")).await;
    assert_eq!(backwards.status, StatusCode::BAD_REQUEST);
    let teams = admin.get("/api/v1/teams").await;
    let other = teams.body.as_array().unwrap().iter().find(|t| t["name"] == "营业厅二班").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refused = lead.get(&format!("/api/v1/teams/{other}/report")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.error().1.contains("自己所带班组"));
    assert_eq!(admin.get("/api/v1/teams/nope/report").await.status, StatusCode::NOT_FOUND);
    assert_eq!(lead.get("/api/v1/teams").await.body.as_array().unwrap().len(), 1);
}

async fn assignments_show_progress(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let me = staff[1].1.get("/api/v1/me").await;
    let team = me.body["lead_teams"][0]["id"].as_str().unwrap().to_owned();
    let pack = library()
        .packs
        .iter()
        .find(|p| p.items.iter().all(|i| matches!(i.body, drill_core::scenario::ItemBody::Choice(_))))
        .unwrap_or(&library().packs[0])
        .clone();
    let lead = &mut staff[1].1;
    let bad = lead.post("/api/v1/assignments", json!({"team_id": team, "pack_id": "nope", "due": "2099-01-01"})).await;
    assert_eq!(bad.error().0.as_deref(), Some("pack_id"));
    let past =
        lead.post("/api/v1/assignments", json!({"team_id": team, "pack_id": pack.id, "due": "2020-01-01"})).await;
    assert_eq!(past.error().0.as_deref(), Some("due"));
    let baddate = lead.post("/api/v1/assignments", json!({"team_id": team, "pack_id": pack.id, "due": "明天"})).await;
    assert_eq!(baddate.error().0.as_deref(), Some("due"));
    let r = lead.post("/api/v1/assignments", json!({"team_id": team, "pack_id": pack.id, "due": "2099-12-31"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    assert_eq!(r.body["due"], "2099-12-31");
    assert_eq!(r.body["progress"]["members"], 2);
    let now = drill_server::db::now_ms() as f64 + 1000.0;
    // Answers to another pack's items count for nothing here.
    let other = library().packs.iter().find(|p| p.id != pack.id).unwrap();
    let elsewhere: Vec<_> = other
        .items
        .iter()
        .filter(|i| matches!(i.body, drill_core::scenario::ItemBody::Choice(_)))
        .enumerate()
        .map(|(k, item)| {
            json!({"id": format!("o{k}"), "content_version": content_version(), "pack_id": other.id, "item_id": item.id, "answer": {"kind": "choice", "option": 0}, "started_ms": now, "answered_ms": now + k as f64})
        })
        .collect();
    assert!(!elsewhere.is_empty());
    let t = &mut staff[0].1;
    assert_eq!(t.post("/api/v1/attempts", json!({"attempts": elsewhere})).await.status, StatusCode::OK);
    let mine = t.get("/api/v1/assignments").await;
    assert_eq!((&mine.body[0]["mine"]["finished"], &mine.body[0]["mine"]["score_pct"]), (&json!(false), &json!(0.0)));
    // The trainee answers every item of the pack correctly (best options, scored by the core).
    let answers: Vec<_> = pack
        .items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let answer = match &item.body {
                drill_core::scenario::ItemBody::Choice(c) => {
                    json!({"kind": "choice", "option": (0..c.options.len()).max_by(|a, b| c.options[*a].score.total_cmp(&c.options[*b].score)).unwrap()})
                }
                _ => json!({"kind": "reply", "text": ""}),
            };
            json!({"id": format!("p{k}"), "content_version": content_version(), "pack_id": pack.id, "item_id": item.id, "answer": answer, "started_ms": now, "answered_ms": now + k as f64})
        })
        .collect();
    let t = &mut staff[0].1;
    assert_eq!(t.post("/api/v1/attempts", json!({"attempts": answers})).await.status, StatusCode::OK);
    let mine = t.get("/api/v1/assignments").await;
    assert_eq!(mine.status, StatusCode::OK);
    assert_eq!(mine.body[0]["mine"]["finished"], true);
    assert!(mine.body[0]["progress"].is_null(), "a trainee sees no one else's progress");
    let lead = &mut staff[1].1;
    let view = lead.get(&format!("/api/v1/assignments?team_id={team}")).await;
    let progress = &view.body[0]["progress"];
    assert_eq!((progress["finished"].as_u64(), progress["overdue"].as_u64()), (Some(1), Some(0)), "{progress:?}");
    let all_choice = pack.items.iter().all(|i| matches!(i.body, drill_core::scenario::ItemBody::Choice(_)));
    if all_choice {
        assert_eq!(progress["passed"], 1);
    }
    // An assignment whose due day has passed: the one who did not finish is overdue.
    sqlx::query("INSERT INTO assignments (id, team_id, pack_id, due_ms, created_by, created_ms) VALUES ('old', $1, $2, 1000, $3, 0)")
        .bind(&team)
        .bind(&pack.id)
        .bind(me.body["id"].as_str().unwrap())
        .execute(&h.state.db)
        .await
        .unwrap();
    let view = lead.get(&format!("/api/v1/assignments?team_id={team}")).await;
    let old = view.body.as_array().unwrap().iter().find(|a| a["id"] == "old").unwrap();
    assert_eq!((old["progress"]["finished"].as_u64(), old["progress"]["overdue"].as_u64()), (Some(1), Some(1)));
    let unknown = lead.get("/api/v1/assignments?team=1").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

async fn assignments_are_edited_and_removed_by_their_lead(h: &Harness) {
    let mut admin = h.admin().await;
    let mut staff = h.staff(&mut admin, STAFF).await;
    let mut other_lead = h.staff(&mut admin, "姓名,工号,班组,角色\n赵六,2002,营业厅二班,班组长\n").await.remove(0).1;
    let me = staff[1].1.get("/api/v1/me").await;
    let team = me.body["lead_teams"][0]["id"].as_str().unwrap().to_owned();
    let (first, second) = (library().packs[0].id.clone(), library().packs[1].id.clone());
    let lead = &mut staff[1].1;
    let r = lead.post("/api/v1/assignments", json!({"team_id": team, "pack_id": first, "due": "2099-12-31"})).await;
    assert_eq!(r.status, StatusCode::CREATED, "{:?}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/assignments/{id}");
    let trainee_sees = |body: &serde_json::Value| -> Vec<(String, String)> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|a| (a["pack_id"].as_str().unwrap().to_owned(), a["due"].as_str().unwrap().to_owned()))
            .collect()
    };
    assert_eq!(
        trainee_sees(&staff[0].1.get("/api/v1/assignments").await.body),
        vec![(first.clone(), "2099-12-31".into())]
    );

    // The lead moves the due date: the trainee sees the new one.
    let lead = &mut staff[1].1;
    let moved = lead.patch(&path, json!({"due": "2099-06-30"})).await;
    assert_eq!(moved.status, StatusCode::OK, "{:?}", moved.body);
    assert_eq!((moved.body["id"].as_str(), moved.body["due"].as_str()), (Some(id.as_str()), Some("2099-06-30")));
    assert_eq!(moved.body["progress"]["members"], 2, "the lead's view, with everyone's progress");
    let read: drill_api::Assignment = serde_json::from_value(moved.body.clone()).unwrap();
    assert_eq!(read.progress.map(|p| p.people.len()), Some(2));
    assert_eq!(
        trainee_sees(&staff[0].1.get("/api/v1/assignments").await.body),
        vec![(first.clone(), "2099-06-30".into())]
    );

    // Refused edits change nothing, and name the field.
    let lead = &mut staff[1].1;
    for (body, field) in [
        (json!({"due": "2020-01-01"}), Some("due")),
        (json!({"due": "下周五"}), Some("due")),
        (json!({"due": "2099-02-30"}), Some("due")),
        (json!({"pack_id": "no-such-pack"}), Some("pack_id")),
        (json!({"due": "2099-01-01", "pack_id": "no-such-pack"}), Some("pack_id")),
        (json!({"due": "2099-01-01", "team_id": team}), Some("team_id")),
        (json!({}), None),
    ] {
        let r = lead.patch(&path, body.clone()).await;
        assert!(r.status.is_client_error(), "{body}: {:?}", r.body);
        let (got, message) = r.error();
        assert_eq!(got.as_deref(), field, "{body}: {message}");
        assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "Chinese: {message}");
    }
    assert_eq!(
        trainee_sees(&staff[0].1.get("/api/v1/assignments").await.body),
        vec![(first.clone(), "2099-06-30".into())]
    );

    // The pack can be changed too.
    let lead = &mut staff[1].1;
    let repacked = lead.patch(&path, json!({"pack_id": second})).await;
    assert_eq!((repacked.status, repacked.body["pack_id"].as_str()), (StatusCode::OK, Some(second.as_str())));
    assert_eq!(repacked.body["due"], "2099-06-30", "the due date is kept");

    // Nobody but the team's lead or an administrator: the trainee, another team's lead.
    let before = h.count("SELECT COUNT(*) FROM audit_log WHERE status = 403").await;
    let t = &mut staff[0].1;
    assert_eq!(t.patch(&path, json!({"due": "2099-01-01"})).await.status, StatusCode::FORBIDDEN);
    assert_eq!(t.send_raw(Method::DELETE, &path, "application/json", Vec::new()).await.status, StatusCode::FORBIDDEN);
    let refused = other_lead.patch(&path, json!({"due": "2099-01-01"})).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.error().1.contains("自己所带班组"), "{:?}", refused.body);
    let refused = other_lead.send_raw(Method::DELETE, &path, "application/json", Vec::new()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(h.count("SELECT COUNT(*) FROM audit_log WHERE status = 403").await - before, 4, "every refusal logged");
    assert_eq!(
        trainee_sees(&staff[0].1.get("/api/v1/assignments").await.body),
        vec![(second.clone(), "2099-06-30".into())]
    );

    // An unknown id is a 404 naming it.
    let lead = &mut staff[1].1;
    let missing = lead.patch("/api/v1/assignments/nope", json!({"due": "2099-01-01"})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let read: drill_api::ErrorBody = serde_json::from_value(missing.body.clone()).unwrap();
    assert_eq!(read.error.field.as_deref(), Some("id"));
    assert_eq!(missing.error().0.as_deref(), Some("id"));
    assert!(missing.error().1.contains("没有这个必做题包"));

    // Removed: gone for the trainee; removing again is a 404; attempts are untouched.
    let removed = lead.send_raw(Method::DELETE, &path, "application/json", Vec::new()).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{:?}", removed.body);
    assert!(staff[0].1.get("/api/v1/assignments").await.body.as_array().unwrap().is_empty());
    let lead = &mut staff[1].1;
    let again = lead.send_raw(Method::DELETE, &path, "application/json", Vec::new()).await;
    assert_eq!((again.status, again.error().0.as_deref()), (StatusCode::NOT_FOUND, Some("id")));
    assert_eq!(h.count("SELECT COUNT(*) FROM assignments").await, 0);

    // An overdue assignment (its day over: written directly, the API refuses past days) is
    // overdue for the trainee who has not finished it; moving the date on makes it not.
    sqlx::query("INSERT INTO assignments (id, team_id, pack_id, due_ms, created_by, created_ms) VALUES ('late', $1, $2, 1000, $3, 0)")
        .bind(&team)
        .bind(&first)
        .bind(me.body["id"].as_str().unwrap())
        .execute(&h.state.db)
        .await
        .unwrap();
    let mine = staff[0].1.get("/api/v1/assignments").await;
    assert_eq!(mine.body[0]["mine"]["overdue"], true, "{:?}", mine.body);
    let lead = &mut staff[1].1;
    let view = lead.get(&format!("/api/v1/assignments?team_id={team}")).await;
    assert_eq!(view.body[0]["progress"]["overdue"], 2, "{:?}", view.body);
    let moved = lead.patch("/api/v1/assignments/late", json!({"due": "2099-01-01"})).await;
    assert_eq!(moved.body["progress"]["overdue"], 0, "{:?}", moved.body);
    assert_eq!(staff[0].1.get("/api/v1/assignments").await.body[0]["mine"]["overdue"], false);
    // An administrator may remove any team's.
    assert_eq!(
        admin.send_raw(Method::DELETE, "/api/v1/assignments/late", "application/json", Vec::new()).await.status,
        StatusCode::NO_CONTENT
    );
}

async fn sign_in_is_throttled_and_refusals_are_logged(h: &Harness) {
    let mut admin = h.admin().await;
    let _ = h.staff(&mut admin, STAFF).await;
    let mut c = h.client();
    for _ in 0..drill_server::throttle::PER_ACCOUNT {
        assert_eq!(
            c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "guess-guess"})).await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let r = c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    assert!(r.error().1.contains("分钟后再试"));
    // Another account is not locked by it.
    assert_eq!(
        c.post("/api/v1/auth/sign-in", json!({"employee_no": "1002", "password": "pw-1002-long"})).await.status,
        StatusCode::OK
    );
    let trainee = &mut c;
    assert_eq!(trainee.get("/api/v1/accounts").await.status, StatusCode::FORBIDDEN);
    let log = admin.get("/api/v1/audit").await;
    let entries = log.body.as_array().unwrap();
    assert!(entries.iter().any(|e| e["status"] == 429));
    assert!(entries.iter().any(|e| e["status"] == 403
        && e["path"] == "/api/v1/accounts"
        && e["reason"].as_str().unwrap().contains("管理员")));
    assert!(entries.iter().filter(|e| e["status"] == 401).count() >= drill_server::throttle::PER_ACCOUNT);
}

async fn throttling_survives_a_restart_and_is_shared(h: &Harness) {
    let mut admin = h.admin().await;
    let _ = h.staff(&mut admin, STAFF).await;
    let mut c = h.client();
    for _ in 0..drill_server::throttle::PER_ACCOUNT {
        let r = c.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "guess-guess"})).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // A new server on the same database (a restart; or a second process on PostgreSQL)
    // still refuses, even the right password.
    let (state, mut restarted) = h.second_server(Vec::new()).await;
    let r = restarted.post("/api/v1/auth/sign-in", json!({"employee_no": "1001", "password": "pw-1001-long"})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{:?}", r.body);
    assert!(r.error().1.contains("分钟后再试"));
    // Failures counted by the second add up with the first's.
    for _ in 0..2 {
        restarted.post("/api/v1/auth/sign-in", json!({"employee_no": "1002", "password": "guess-guess"})).await;
    }
    for _ in 0..3 {
        c.post("/api/v1/auth/sign-in", json!({"employee_no": "1002", "password": "guess-guess"})).await;
    }
    let r = c.post("/api/v1/auth/sign-in", json!({"employee_no": "1002", "password": "pw-1002-long"})).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // A success clears the account's failures for every server.
    let ok = restarted.post("/api/v1/auth/sign-in", json!({"employee_no": "2001", "password": "guess-guess"})).await;
    assert_eq!(ok.status, StatusCode::UNAUTHORIZED);
    let ok = c.post("/api/v1/auth/sign-in", json!({"employee_no": "2001", "password": "pw-2001-long"})).await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(h.count("SELECT COUNT(*) FROM sign_in_failures WHERE kind = 'account' AND key = '2001'").await, 0);
    state.db.close().await;
}

async fn forwarded_for_is_believed_only_from_a_trusted_proxy(h: &Harness) {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    let mut admin = h.admin().await;
    let _ = h.staff(&mut admin, STAFF).await;
    let trusted = vec![drill_server::proxy::parse_trusted("10.0.0.0/8").unwrap()];
    let (state, mut c) = h.second_server(trusted).await;
    let peer = |ip: &str| ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40_000));
    // One sign-in as `employee_no` from `from`, saying X-Forwarded-For: `xff`.
    async fn sign_in(
        c: &mut common::Client,
        from: ConnectInfo<SocketAddr>,
        xff: &str,
        employee_no: &str,
        password: &str,
    ) -> StatusCode {
        let body = json!({"employee_no": employee_no, "password": password}).to_string();
        let req = c
            .builder(Method::POST, "/api/v1/auth/sign-in")
            .header("content-type", "application/json")
            .header("x-forwarded-for", xff)
            .extension(from)
            .body(axum::body::Body::from(body))
            .unwrap();
        c.request(req).await.status
    }
    let last_address = || async {
        let (a,): (String,) = sqlx::query_as("SELECT address FROM audit_log ORDER BY at_ms DESC, id LIMIT 1")
            .fetch_one(&h.state.db)
            .await
            .unwrap();
        a
    };
    // Through the proxy: the address the proxy saw, not what the client wrote before it.
    assert_eq!(
        sign_in(&mut c, peer("10.1.2.3"), "6.6.6.6, 203.0.113.7", "x1", "nope-nope").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(last_address().await, "203.0.113.7");
    // Straight from a client: its own address, whatever the header says.
    assert_eq!(sign_in(&mut c, peer("198.51.100.1"), "203.0.113.7", "x2", "nope-nope").await, StatusCode::UNAUTHORIZED);
    assert_eq!(last_address().await, "198.51.100.1");

    // The per-address limit falls on the client behind the proxy, not on the proxy: another
    // client through the same proxy still signs in. A made-up left part does not help.
    for i in 1..drill_server::throttle::PER_ADDRESS {
        let status =
            sign_in(&mut c, peer("10.1.2.3"), &format!("1.1.1.{i}, 203.0.113.7"), &format!("y{i}"), "nope-nope").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let blocked = sign_in(&mut c, peer("10.1.2.3"), "9.9.9.9, 203.0.113.7", "1001", "pw-1001-long").await;
    assert_eq!(blocked, StatusCode::TOO_MANY_REQUESTS, "30 failures from 203.0.113.7");
    assert_eq!(sign_in(&mut c, peer("10.1.2.3"), "203.0.113.8", "1001", "pw-1001-long").await, StatusCode::OK);
    // Without --trusted-proxy (the first server), the header is never believed: the
    // failures counted for 203.0.113.7 do not stop a direct client claiming to be it...
    let direct = sign_in(&mut h.client(), peer("198.51.100.2"), "203.0.113.7", "1002", "pw-1002-long").await;
    assert_eq!(direct, StatusCode::OK);
    // ...and the blocked client cannot get out by writing another address: it is its own.
    let spoof = sign_in(&mut c, peer("10.1.2.3"), "203.0.113.7, 10.0.0.9", "1002", "pw-1002-long").await;
    assert_eq!(spoof, StatusCode::TOO_MANY_REQUESTS, "trusted hops are skipped, the client stays 203.0.113.7");
    state.db.close().await;
}

async fn cross_site_requests_are_refused(h: &Harness) {
    let mut admin = h.admin().await;
    let body = || axum::body::Body::from(r#"{"name":"x","employee_no":"9","team":"t","role":"trainee"}"#);
    let cookie = admin.cookie.clone().unwrap();
    let plain = axum::http::Request::post("/api/v1/accounts")
        .header("content-type", "application/json")
        .header("cookie", &cookie)
        .body(body())
        .unwrap();
    let r = admin.request(plain).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.error().1.contains("跨站"));
    let foreign = admin
        .builder(Method::POST, "/api/v1/accounts")
        .header("content-type", "application/json")
        .header("host", "drill.example")
        .header("origin", "https://evil.example")
        .body(body())
        .unwrap();
    assert_eq!(admin.request(foreign).await.status, StatusCode::FORBIDDEN);
    let fetch_site = admin
        .builder(Method::POST, "/api/v1/accounts")
        .header("content-type", "application/json")
        .header("sec-fetch-site", "cross-site")
        .body(body())
        .unwrap();
    assert_eq!(admin.request(fetch_site).await.status, StatusCode::FORBIDDEN);
    assert_eq!(h.count("SELECT COUNT(*) FROM accounts").await, 1);
    let same = admin
        .builder(Method::POST, "/api/v1/accounts")
        .header("content-type", "application/json")
        .header("host", "drill.example")
        .header("origin", "https://drill.example")
        .body(body())
        .unwrap();
    assert_eq!(admin.request(same).await.status, StatusCode::CREATED);
    // Sign-in itself is a state change: the header is needed there too.
    let r = h
        .client()
        .request(
            axum::http::Request::post("/api/v1/auth/sign-in")
                .header("content-type", "application/json")
                .body(axum::body::Body::from("{}"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

async fn migrations_refuse_a_newer_database(h: &Harness) {
    // Opening again is a no-op (the migration is recorded once).
    drill_server::db::migrate(&h.state.db).await.unwrap();
    assert_eq!(h.count("SELECT COUNT(*) FROM _sqlx_migrations").await, drill_server::db::SCHEMA_VERSION);
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (999, 'from the future', CURRENT_TIMESTAMP, TRUE, $1, 0)")
        .bind(vec![0u8; 48])
        .execute(&h.state.db)
        .await
        .unwrap();
    match drill_server::db::open(&h.url).await {
        Err(drill_server::db::DbError::TooNew(999)) => {}
        other => panic!("expected TooNew(999), got {:?}", other.map(|_| ())),
    }
    let message = drill_server::db::DbError::TooNew(999).to_string();
    assert!(message.contains("拒绝启动"), "{message}");
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 999").execute(&h.state.db).await.unwrap();
}

async fn openapi_document_lists_the_api(h: &Harness) {
    let r = h.client().get("/api/v1/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["info"]["title"], "服务演练 API");
    let paths: Vec<&str> = r.body["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    for p in [
        "/api/v1/auth/sign-in",
        "/api/v1/attempts",
        "/api/v1/teams/{team_id}/report",
        "/api/v1/assignments",
        "/api/v1/accounts/import",
    ] {
        assert!(paths.contains(&p), "{p} in {paths:?}");
    }
    assert!(r.body["components"]["schemas"]["AttemptIn"].is_object());
    assert!(paths.contains(&"/api/v1/auth/session") && paths.contains(&"/api/v1/assignments/{id}"), "{paths:?}");
    // The shared API types (crates/api, feature `openapi`) are what the document describes.
    for schema in [
        "Me",
        "AuthSession",
        "Role",
        "Assignment",
        "AssignmentStatus",
        "EditAssignment",
        "TeamReportOut",
        "ErrorBody",
        "Status",
    ] {
        assert!(r.body["components"]["schemas"][schema].is_object(), "{schema} in the document");
    }
}

async fn concurrent_uploads_all_arrive_once(h: &Harness) {
    let mut admin = h.admin().await;
    let staff = h.staff(&mut admin, STAFF).await;
    let (_, _, best) = choice_item();
    let mut tasks = Vec::new();
    for (k, (_, client)) in staff.into_iter().enumerate() {
        for round in 0..4 {
            let mut c = client.clone();
            tasks.push(tokio::spawn(async move {
                // Each batch is sent twice at once, as a retry racing its original.
                let batch = json!({"attempts": (0..5).map(|i| attempt(&format!("c{round}-{i}"), best, None, NOW + f64::from(i))).collect::<Vec<_>>()});
                let mut twin = c.clone();
                let (a, b) = tokio::join!(twin.post("/api/v1/attempts", batch.clone()), c.post("/api/v1/attempts", batch));
                (k, a.status, b.status)
            }));
        }
    }
    for t in tasks {
        let (k, a, b) = t.await.unwrap();
        assert_eq!((a, b), (StatusCode::OK, StatusCode::OK), "client {k}");
    }
    assert_eq!(h.count("SELECT COUNT(*) FROM attempts").await, 3 * 4 * 5, "every attempt exactly once");
}
