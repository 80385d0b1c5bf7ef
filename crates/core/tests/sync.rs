//! The sync outbox (`drill_core::sync`): ids, queueing, back-off, the local record, merging
//! the server's record back, and the stored document's round trip.

use drill_core::results::{Attempt, PackRun, TraineeStore};
use drill_core::score::{Answer, Outcome};
use drill_core::sync::{
    attempt_id, error_index, read_server_attempts, retry_delay, split_record, take_attempts, upload_body, LocalRecord,
    SyncDoc, BATCH, FIRST_RETRY_MS, MAX_RETRY_MS,
};
use std::collections::BTreeSet;

fn attempt(item: &str, at: f64) -> Attempt {
    Attempt {
        pack_id: "p1".into(),
        item_id: item.into(),
        answer: Answer::Choice { option: 1 },
        outcome: Outcome::new(1.0, 2.0, Vec::new()),
        started_ms: at - 1000.0,
        answered_ms: at,
    }
}

fn store(n: usize) -> TraineeStore {
    let mut s = TraineeStore::default();
    for i in 0..n {
        s.record(attempt(&format!("i{i}"), 1_000_000.0 + i as f64 * 10.0));
    }
    s
}

/// A document for `acc-1`, offered the browser's own record `before`.
fn signed_in(before: &TraineeStore) -> SyncDoc {
    let mut doc = SyncDoc::new("acc-1");
    doc.offer_local(before);
    doc
}

#[test]
fn an_attempt_has_the_same_id_everywhere_and_different_attempts_differ() {
    let a = attempt("i1", 5000.0);
    assert_eq!(attempt_id(&a), attempt_id(&a.clone()));
    assert_ne!(attempt_id(&a), attempt_id(&attempt("i2", 5000.0)));
    assert_ne!(attempt_id(&a), attempt_id(&attempt("i1", 5001.0)));
    let id = attempt_id(&a);
    assert_eq!(id.len(), 33);
    assert!(id.chars().all(|c| c.is_ascii_alphanumeric()), "the server takes A-Za-z0-9_-: {id}");
}

#[test]
fn nothing_is_queued_before_an_account_signs_in() {
    let s = store(3);
    let mut doc = SyncDoc::default();
    assert_eq!(doc.observe(&s, "v1", 10.0), 0);
    assert_eq!(doc.pending(), 0);
    assert!(!doc.due(10.0));
}

#[test]
fn the_record_before_the_first_sign_in_is_offered_not_sent_and_moves_once_uploaded() {
    let mut before = store(2);
    let mut mine = TraineeStore::default();
    let mut doc = SyncDoc::new("acc-1");
    assert!(doc.offer_local(&before));
    assert_eq!(doc.local_record, LocalRecord::Offered);
    assert_eq!(doc.local.len(), 2);
    assert_eq!(doc.observe(&mine, "v1", 10.0), 0, "the account's own store is empty: nothing to send");
    // A new answer after signing in goes into the account's store and is queued.
    mine.record(attempt("new", 2_000_000.0));
    assert_eq!(doc.observe(&mine, "v1", 10.0), 1);
    assert_eq!(doc.observe(&mine, "v1", 11.0), 0, "queued once");
    assert_eq!(doc.outbox[0].content_version, "v1");
    assert_eq!(doc.local_attempts(&before).len(), 2);
    assert_eq!(doc.local_uploaded(&mut mine, &mut before), 2);
    assert_eq!(doc.local_record, LocalRecord::Uploaded);
    assert!(doc.local.is_empty());
    assert!(before.attempts.is_empty(), "uploaded, the record leaves the browser's own store");
    let items: Vec<&str> = mine.attempts.iter().map(|a| a.item_id.as_str()).collect();
    assert_eq!(items, ["i0", "i1", "new"], "and joins the account's, in time order");
    assert_eq!(doc.observe(&mine, "v1", 12.0), 0, "uploaded attempts are never queued");
    assert_eq!(doc.pending(), 1, "only the answer given signed in waits to be sent");
    assert!(!doc.offer_local(&store(3)), "an account is offered a record once");
}

#[test]
fn nothing_is_offered_when_the_browser_has_no_record_of_its_own_until_it_has_one() {
    let mut doc = SyncDoc::new("acc-1");
    assert!(!doc.offer_local(&TraineeStore::default()));
    assert_eq!(doc.local_record, LocalRecord::None);
    assert!(doc.offer_local(&store(1)), "practised later without signing in: offered at the next sign-in");
}

#[test]
fn a_declined_local_record_stays_here() {
    let s = store(2);
    let mut doc = signed_in(&s);
    doc.local_declined();
    assert_eq!(doc.local_record, LocalRecord::Declined);
    assert_eq!(doc.observe(&s, "v1", 1.0), 0);
}

#[test]
fn sending_in_batches_each_attempt_once() {
    let mut s = TraineeStore::default();
    let mut doc = signed_in(&s);
    for i in 0..(BATCH + 5) {
        s.record(attempt(&format!("i{i}"), 1000.0 + i as f64));
    }
    assert_eq!(doc.observe(&s, "v1", 1.0), BATCH + 5);
    assert!(doc.due(1.0));
    let ids: Vec<String> = doc.batch(&s).iter().map(|o| o.queued.id.clone()).collect();
    assert_eq!(ids.len(), BATCH);
    doc.sent(&ids);
    assert_eq!(doc.pending(), 5);
    let rest: Vec<String> = doc.batch(&s).iter().map(|o| o.queued.id.clone()).collect();
    assert!(rest.iter().all(|id| !ids.contains(id)), "nothing sent twice");
    doc.sent(&rest);
    assert_eq!(doc.pending(), 0);
    assert!(!doc.due(1.0));
    assert_eq!(doc.observe(&s, "v1", 2.0), 0);
}

#[test]
fn failures_back_off_doubling_up_to_a_cap_and_a_success_resets() {
    assert_eq!(retry_delay(0), 0.0);
    assert_eq!(retry_delay(1), FIRST_RETRY_MS);
    assert_eq!(retry_delay(2), 2.0 * FIRST_RETRY_MS);
    assert_eq!(retry_delay(3), 4.0 * FIRST_RETRY_MS);
    assert_eq!(retry_delay(40), MAX_RETRY_MS);
    let mut s = TraineeStore::default();
    let mut doc = signed_in(&s);
    s.record(attempt("i", 5.0));
    doc.observe(&s, "v1", 0.0);
    doc.failed(1000.0, "网络错误");
    assert!(!doc.due(1000.0 + FIRST_RETRY_MS - 1.0));
    assert!(doc.due(1000.0 + FIRST_RETRY_MS));
    doc.failed(5000.0, "网络错误");
    assert_eq!(doc.next_try_ms, 5000.0 + 2.0 * FIRST_RETRY_MS);
    assert_eq!(doc.last_error.as_deref(), Some("网络错误"));
    doc.retry_now();
    assert!(doc.due(5001.0));
    let ids: Vec<String> = doc.batch(&s).iter().map(|o| o.queued.id.clone()).collect();
    doc.sent(&ids);
    assert_eq!((doc.failures, doc.next_try_ms, doc.last_error.clone()), (0, 0.0, None));
}

#[test]
fn a_refused_attempt_is_set_aside_and_a_vanished_one_too() {
    let mut s = TraineeStore::default();
    let mut doc = signed_in(&s);
    s.record(attempt("a", 10.0));
    s.record(attempt("b", 20.0));
    doc.observe(&s, "v1", 0.0);
    let first = doc.outbox[0].id.clone();
    doc.reject(&first, "题目不存在");
    assert_eq!(doc.pending(), 1);
    assert_eq!(doc.rejected[0].reason, "题目不存在");
    assert_eq!(doc.observe(&s, "v1", 0.0), 0, "a rejected attempt is not queued again");
    s.attempts.clear();
    assert!(doc.batch(&s).is_empty());
    assert_eq!(doc.pending(), 0);
    assert_eq!(doc.rejected.len(), 2);
}

#[test]
fn another_account_on_the_same_browser_is_offered_only_the_browsers_own_record() {
    // Two people on one PC: each account has its own store and document.
    let before = store(1);
    let mut first_store = TraineeStore::default();
    let mut first = signed_in(&before);
    first.local_declined();
    first_store.record(attempt("sent", 10.0));
    first.observe(&first_store, "v1", 0.0);
    let ids: Vec<String> = first.outbox.iter().map(|q| q.id.clone()).collect();
    first.sent(&ids);
    first_store.record(attempt("unsent", 20.0));
    first.observe(&first_store, "v1", 0.0);
    assert_eq!(first.pending(), 1);

    let second_store = TraineeStore::default();
    let mut second = SyncDoc::new("acc-2");
    assert!(second.offer_local(&before), "the record the first one said was not theirs is offered");
    assert_eq!(second.local, vec![attempt_id(&before.attempts[0])]);
    assert_eq!(second.observe(&second_store, "v1", 0.0), 0, "nothing of the first account's is queued");
    assert_eq!(first.pending(), 1, "the first account's unsent answer waits for them");
}

#[test]
fn taking_attempts_out_keeps_the_runs_pointing_at_their_answers() {
    let mut s = store(4);
    let mut kept = PackRun::new("p1", vec!["i1".into(), "i3".into()], 0.0, false);
    kept.answers.insert("i1".into(), 1);
    kept.answers.insert("i3".into(), 3);
    s.runs.insert("p1".into(), kept);
    let mut touched = PackRun::new("p2", vec!["i2".into()], 0.0, false);
    touched.answers.insert("i2".into(), 2);
    s.runs.insert("p2".into(), touched);
    let ids: BTreeSet<String> = [attempt_id(&s.attempts[0]), attempt_id(&s.attempts[2])].into_iter().collect();
    let taken = take_attempts(&mut s, &ids);
    assert_eq!(taken.iter().map(|a| a.item_id.as_str()).collect::<Vec<_>>(), ["i0", "i2"]);
    assert_eq!(s.attempts.iter().map(|a| a.item_id.as_str()).collect::<Vec<_>>(), ["i1", "i3"]);
    assert_eq!(s.runs["p1"].answers["i1"], 0);
    assert_eq!(s.runs["p1"].answers["i3"], 1);
    assert!(!s.runs.contains_key("p2"), "a run whose answer left is dropped, not pointed elsewhere");
}

#[test]
fn a_store_from_before_per_account_stores_splits_into_the_accounts_and_the_browsers_own() {
    let mut s = store(3);
    s.profile =
        Some(drill_core::results::Profile { name: "张三".into(), employee_no: "T001".into(), team: "一班".into() });
    let mut doc = SyncDoc::new("acc-1");
    doc.local = vec![attempt_id(&s.attempts[0])];
    doc.local_record = LocalRecord::Declined;
    let (mine, before) = split_record(s, &doc);
    assert_eq!(mine.attempts.len(), 2);
    assert_eq!(mine.profile.as_ref().map(|p| p.employee_no.as_str()), Some("T001"));
    assert_eq!(before.attempts.len(), 1);
    assert_eq!(before.attempts[0].item_id, "i0");
    assert!(before.profile.is_none());
}

#[test]
fn merging_the_servers_record_adds_what_is_missing_in_time_order_and_queues_nothing() {
    let mut s = TraineeStore::default();
    let mut doc = signed_in(&s);
    s.record(attempt("late", 3000.0));
    let mut run = PackRun::new("p1", vec!["late".into()], 0.0, false);
    run.answers.insert("late".into(), 0);
    s.runs.insert("p1".into(), run);
    doc.observe(&s, "v1", 0.0);
    let ids: Vec<String> = doc.outbox.iter().map(|q| q.id.clone()).collect();
    doc.sent(&ids);
    let server = vec![
        ("srv-1".to_owned(), attempt("early", 1000.0)),
        (attempt_id(&s.attempts[0]), s.attempts[0].clone()),
        ("srv-2".to_owned(), attempt("middle", 2000.0)),
    ];
    assert_eq!(doc.merge(&mut s, server.clone()), 2);
    let items: Vec<&str> = s.attempts.iter().map(|a| a.item_id.as_str()).collect();
    assert_eq!(items, ["early", "middle", "late"]);
    assert_eq!(s.runs["p1"].answers["late"], 2, "the run follows its attempt");
    assert_eq!(doc.observe(&s, "v1", 0.0), 0, "merged attempts are not sent back");
    assert_eq!(doc.merge(&mut s, server), 0, "merging twice adds nothing");
    assert_eq!(s.attempts.len(), 3);
}

#[test]
fn the_document_reads_back_what_it_writes() {
    let mut s = store(3);
    let mut doc = signed_in(&s);
    s.record(attempt("x", 9e6));
    doc.observe(&s, "v1", 42.0);
    doc.failed(100.0, "服务器返回 502");
    doc.reject(&doc.outbox[0].id.clone(), "题目不存在");
    s.record(attempt("y", 9.1e6));
    doc.observe(&s, "v2", 43.0);
    doc.local_declined();
    let back = SyncDoc::from_json(&doc.to_json()).unwrap();
    assert_eq!(back, doc);
    assert_eq!(SyncDoc::from_json(r#"{"format":1}"#).unwrap(), SyncDoc::default());
    assert!(SyncDoc::from_json(r#"{"format":9}"#).unwrap_err().contains("更新版本"));
    assert!(SyncDoc::from_json("not json").is_err());
    assert!(SyncDoc::from_json(r#"{"format":1,"outbox":[{"id":3}]}"#).is_err());
}

#[test]
fn the_upload_body_is_what_the_server_reads_and_its_answers_read_back() {
    let a = attempt("i1", 5000.0);
    let id = attempt_id(&a);
    let body = upload_body([(id.as_str(), "v1", &a)]);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let one = &v["attempts"][0];
    assert_eq!(one["id"], id.as_str());
    assert_eq!(one["content_version"], "v1");
    assert_eq!(one["answer"], serde_json::json!({"kind": "choice", "option": 1}));
    assert_eq!(one["claimed_points"], 1.0);
    // The server's GET /attempts shape: the stored attempt plus fields the reader skips.
    let served = format!(
        r#"[{{"id":"{id}","content_version":"v1","pack_id":"p1","item_id":"i1","answer":{},"outcome":{},"points":1.0,"max":2.0,"claimed_points":1.0,"flagged":false,"started_ms":4000,"answered_ms":5000}}]"#,
        serde_json::to_string(&a.answer).unwrap(),
        serde_json::to_string(&a.outcome).unwrap()
    );
    let back = read_server_attempts(&served).unwrap();
    assert_eq!(back, vec![(id, a)]);
    assert!(read_server_attempts(r#"[{"pack_id":"p"}]"#).is_err());
    assert!(read_server_attempts("{}").is_err());
}

#[test]
fn a_server_error_names_the_attempt() {
    assert_eq!(error_index("attempts[3].item_id"), Some(3));
    assert_eq!(error_index("attempts[12]"), Some(12));
    assert_eq!(error_index("attempts"), None);
    assert_eq!(error_index("name"), None);
}
