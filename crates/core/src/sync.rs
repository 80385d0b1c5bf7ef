//! Sending a signed-in trainee's answers to the team server (`drill serve`): which answers
//! still have to go, in what batches, when to try again, and bringing the server's record
//! back into the browser on another PC. Pure transitions over a small stored document
//! ([`SyncDoc`], kept under its own browser key beside the trainee store), the clock passed
//! in, tested natively; the page only makes the requests.
//!
//! Every answer is saved in the trainee store the moment it is given (`session::apply`),
//! and queued here in the outbox when the page next looks ([`SyncDoc::observe`]). An
//! attempt's id is derived from the attempt itself ([`attempt_id`]), so an answer has the
//! same id whoever computes it: a resend after a lost reply is harmless (the server keeps
//! one attempt per id), and attempts brought back from the server are recognised, never
//! duplicated. The outbox keeps the content version the page was showing when it queued
//! the answer, which the server re-scores against.
//!
//! Each account signed in on a browser has its own document and its own trainee store (a
//! shared PC in a service hall): the outbox only ever holds answers from the account's own
//! store. What was practised on the browser without signing in (its own store) is never
//! sent on its own: it is offered to an account once ([`SyncDoc::offer_local`]), uploaded
//! only after the trainee confirms it is theirs, and then moves into their store.

use crate::from_json::{parse, read, FromJson, Json, Reader};
use crate::results::{Attempt, TraineeStore};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Current format of the stored [`SyncDoc`].
/// Format 2: one document per account (format 1 was one per browser, `split_record`).
pub const SYNC_FORMAT: u32 = 2;
/// Most attempts sent in one request (the server takes up to 500).
pub const BATCH: usize = 100;
/// The wait after the first failed send; it doubles with each failure in a row.
pub const FIRST_RETRY_MS: f64 = 2_000.0;
/// The longest wait between tries.
pub const MAX_RETRY_MS: f64 = 60_000.0;

/// The id of an attempt: FNV-1a (two bases, 128 bits) over the pack, the item and the two
/// times, which together name one answer. Same attempt, same id, on any PC.
pub fn attempt_id(a: &Attempt) -> String {
    let text = format!("{}\u{0}{}\u{0}{}\u{0}{}", a.pack_id, a.item_id, a.started_ms as i64, a.answered_ms as i64);
    let fnv = |mut hash: u64| {
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash
    };
    format!("a{:016x}{:016x}", fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142))
}

/// The wait before try number `failures + 1` after `failures` failures in a row.
pub fn retry_delay(failures: u32) -> f64 {
    if failures == 0 {
        return 0.0;
    }
    (FIRST_RETRY_MS * 2f64.powi(failures.min(16) as i32 - 1)).min(MAX_RETRY_MS)
}

/// An answer waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Queued {
    pub id: String,
    /// The content version the answer was given against.
    pub content_version: String,
    pub queued_ms: f64,
}

/// An answer the server refused (e.g. its item no longer exists): kept aside with why, so
/// it does not hold up the others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rejected {
    pub id: String,
    pub reason: String,
}

/// What became of the record practised before the first sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LocalRecord {
    /// There is none.
    #[default]
    None,
    /// There is one, waiting for the trainee to say whether it is theirs.
    Offered,
    Uploaded,
    /// The trainee said no (or the server already has one): it stays in this browser only.
    Declined,
}

/// The sync state of this browser's trainee store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncDoc {
    pub format: u32,
    /// The account (server id) the answers are sent for (`None` only in a document stored
    /// before it was known).
    pub account: Option<String>,
    /// Answers to send, oldest first.
    pub outbox: Vec<Queued>,
    /// Ids the server has (sent from here, or brought back from it).
    pub acked: BTreeSet<String>,
    /// Ids of the record practised on this browser without signing in (the browser's own
    /// store), offered to this account and never sent without the trainee's word.
    pub local: Vec<String>,
    pub local_record: LocalRecord,
    pub rejected: Vec<Rejected>,
    /// Failed sends in a row.
    pub failures: u32,
    /// Not before this time (ms since epoch) is the next send tried.
    pub next_try_ms: f64,
    /// Why the last send failed.
    pub last_error: Option<String>,
}

impl Default for SyncDoc {
    fn default() -> SyncDoc {
        SyncDoc {
            format: SYNC_FORMAT,
            account: None,
            outbox: Vec::new(),
            acked: BTreeSet::new(),
            local: Vec::new(),
            local_record: LocalRecord::None,
            rejected: Vec::new(),
            failures: 0,
            next_try_ms: 0.0,
            last_error: None,
        }
    }
}

/// An answer ready to go: its queue entry and the attempt from the store.
pub struct Outgoing<'a> {
    pub queued: &'a Queued,
    pub attempt: &'a Attempt,
}

impl SyncDoc {
    /// Every id this document already accounts for.
    fn known(&self) -> BTreeSet<&str> {
        let mut known: BTreeSet<&str> = self.acked.iter().map(String::as_str).collect();
        known.extend(self.outbox.iter().map(|q| q.id.as_str()));
        known.extend(self.local.iter().map(String::as_str));
        known.extend(self.rejected.iter().map(|r| r.id.as_str()));
        known
    }

    /// Queues every answer in the store not yet accounted for, when an account is signed in
    /// on this browser; returns how many were queued.
    pub fn observe(&mut self, store: &TraineeStore, content_version: &str, now_ms: f64) -> usize {
        if self.account.is_none() {
            return 0;
        }
        let known = self.known();
        let fresh: Vec<Queued> = store
            .attempts
            .iter()
            .map(attempt_id)
            .filter(|id| !known.contains(id.as_str()))
            .map(|id| Queued { id, content_version: content_version.to_owned(), queued_ms: now_ms })
            .collect();
        let n = fresh.len();
        self.outbox.extend(fresh);
        n
    }

    /// A fresh document for `account`. Each account signed in on a browser has a document
    /// and a trainee store of its own (a shared PC in a service hall): its outbox only ever
    /// holds answers from its own store, so one person's answers are never sent as
    /// another's.
    pub fn new(account: &str) -> SyncDoc {
        SyncDoc { account: Some(account.to_owned()), ..SyncDoc::default() }
    }

    /// Offers the record practised on this browser without signing in (`before`, the
    /// browser's own store) to this account, for upload after the trainee confirms it is
    /// theirs: once, while nothing has been offered to this account yet (after an upload or
    /// a "not mine" it is not asked again). Returns whether anything changed.
    pub fn offer_local(&mut self, before: &TraineeStore) -> bool {
        if self.local_record != LocalRecord::None {
            return false;
        }
        let known = self.known();
        let ids: Vec<String> =
            before.attempts.iter().map(attempt_id).filter(|id| !known.contains(id.as_str())).collect();
        if ids.is_empty() {
            return false;
        }
        self.local = ids;
        self.local_record = LocalRecord::Offered;
        true
    }

    /// Answers waiting to be sent.
    pub fn pending(&self) -> usize {
        self.outbox.len()
    }

    /// Whether a send is due now.
    pub fn due(&self, now_ms: f64) -> bool {
        self.account.is_some() && !self.outbox.is_empty() && now_ms >= self.next_try_ms
    }

    /// Try at once (the trainee asked, or the browser is back online).
    pub fn retry_now(&mut self) {
        self.next_try_ms = 0.0;
    }

    /// The next batch to send, oldest first. Queue entries whose answer is no longer in the
    /// store (it was cleared) cannot be sent: they are set aside as rejected.
    pub fn batch<'a>(&'a mut self, store: &'a TraineeStore) -> Vec<Outgoing<'a>> {
        let by_id: BTreeMap<String, &Attempt> = store.attempts.iter().map(|a| (attempt_id(a), a)).collect();
        let (kept, gone): (Vec<Queued>, Vec<Queued>) =
            std::mem::take(&mut self.outbox).into_iter().partition(|q| by_id.contains_key(&q.id));
        self.outbox = kept;
        self.rejected.extend(
            gone.into_iter()
                .map(|q| Rejected {
                    id: q.id, reason: "本机记录中已没有这条作答（可能已被清除）".to_owned()
                }),
        );
        self.outbox.iter().take(BATCH).map(|q| Outgoing { queued: q, attempt: by_id[&q.id] }).collect()
    }

    /// The server has these: out of the queue, and the back-off is over.
    pub fn sent(&mut self, ids: &[String]) {
        self.outbox.retain(|q| !ids.contains(&q.id));
        self.acked.extend(ids.iter().cloned());
        self.failures = 0;
        self.next_try_ms = 0.0;
        self.last_error = None;
    }

    /// A send failed (no network, server down, an error): wait longer each time.
    pub fn failed(&mut self, now_ms: f64, why: &str) {
        self.failures = self.failures.saturating_add(1);
        self.next_try_ms = now_ms + retry_delay(self.failures);
        self.last_error = Some(why.to_owned());
    }

    /// The server refused one answer for good (the batch is then sent again without it).
    pub fn reject(&mut self, id: &str, reason: &str) {
        if let Some(at) = self.outbox.iter().position(|q| q.id == id) {
            let q = self.outbox.remove(at);
            self.rejected.push(Rejected { id: q.id, reason: reason.to_owned() });
        }
    }

    /// The local record's attempts (from the browser's own store, `before`), for the
    /// one-time upload.
    pub fn local_attempts<'a>(&self, before: &'a TraineeStore) -> Vec<(String, &'a Attempt)> {
        let wanted: BTreeSet<&str> = self.local.iter().map(String::as_str).collect();
        before.attempts.iter().map(|a| (attempt_id(a), a)).filter(|(id, _)| wanted.contains(id.as_str())).collect()
    }

    /// The local record was uploaded: the server has it, so it moves out of the browser's
    /// own store (`before`) into the account's (`mine`), where it is never sent again and no
    /// later account is offered it. Returns how many attempts moved.
    pub fn local_uploaded(&mut self, mine: &mut TraineeStore, before: &mut TraineeStore) -> usize {
        let ids: BTreeSet<String> = std::mem::take(&mut self.local).into_iter().collect();
        let moved: Vec<(String, Attempt)> =
            take_attempts(before, &ids).into_iter().map(|a| (attempt_id(&a), a)).collect();
        self.acked.extend(ids);
        self.local_record = LocalRecord::Uploaded;
        let n = moved.len();
        self.merge(mine, moved);
        n
    }

    /// The trainee said it is not theirs, or the server has one already: it stays here.
    pub fn local_declined(&mut self) {
        self.local_record = LocalRecord::Declined;
    }

    /// Brings attempts from the server into the store (signing in on another PC): those the
    /// store does not have are added, the store is kept in time order (the runs' indexes
    /// follow), and none of them is queued to be sent back. Returns how many were added.
    pub fn merge(&mut self, store: &mut TraineeStore, server: Vec<(String, Attempt)>) -> usize {
        let mut have: BTreeSet<String> = store.attempts.iter().map(attempt_id).collect();
        let mut added = 0;
        for (server_id, attempt) in server {
            let id = attempt_id(&attempt);
            self.acked.insert(server_id.clone());
            self.acked.insert(id.clone());
            if have.contains(&id) || have.contains(&server_id) {
                continue;
            }
            have.insert(id);
            store.attempts.push(attempt);
            added += 1;
        }
        if added > 0 {
            sort_attempts(store);
        }
        added
    }

    /// Reads a stored document; `Err` with why when it is not one (the page then starts a
    /// fresh one and keeps the text aside).
    pub fn from_json(text: &str) -> Result<SyncDoc, String> {
        let value = parse(text).map_err(|e| e.to_string())?;
        match value.get("format").and_then(Json::as_u64) {
            Some(f) if f <= u64::from(SYNC_FORMAT) => {}
            Some(f) => return Err(format!("同步记录来自更新版本的程序（格式 {f}）")),
            None => return Err("缺少 format 字段".to_owned()),
        }
        read::<SyncDoc>(value)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data")
    }
}

/// Puts the store's attempts in time order (stable), and points the runs at their new places.
fn sort_attempts(store: &mut TraineeStore) {
    let mut order: Vec<usize> = (0..store.attempts.len()).collect();
    order.sort_by(|&a, &b| store.attempts[a].answered_ms.total_cmp(&store.attempts[b].answered_ms));
    let mut new_place = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_place[old] = new;
    }
    let mut old: Vec<Option<Attempt>> = std::mem::take(&mut store.attempts).into_iter().map(Some).collect();
    store.attempts = order.iter().filter_map(|&i| old[i].take()).collect();
    for run in store.runs.values_mut() {
        for index in run.answers.values_mut() {
            if let Some(&to) = new_place.get(*index) {
                *index = to;
            }
        }
    }
}

/// Takes the attempts with these ids out of `store`, and gives them back in store order.
/// The runs follow the attempts left; a run that had one of the taken attempts among its
/// answers is dropped (its place in the pack is lost, never an answer).
pub fn take_attempts(store: &mut TraineeStore, ids: &BTreeSet<String>) -> Vec<Attempt> {
    let mut new_place: Vec<Option<usize>> = Vec::with_capacity(store.attempts.len());
    let mut taken = Vec::new();
    for attempt in std::mem::take(&mut store.attempts) {
        if ids.contains(&attempt_id(&attempt)) {
            new_place.push(None);
            taken.push(attempt);
        } else {
            new_place.push(Some(store.attempts.len()));
            store.attempts.push(attempt);
        }
    }
    if taken.is_empty() {
        return taken;
    }
    store.runs.retain(|_, run| run.answers.values().all(|&i| new_place.get(i).is_some_and(Option::is_some)));
    for run in store.runs.values_mut() {
        for index in run.answers.values_mut() {
            if let Some(Some(to)) = new_place.get(*index) {
                *index = *to;
            }
        }
    }
    taken
}

/// Splits a trainee store kept before per-account stores existed (one store per browser,
/// with one sync document) into the signed-in account's record and the browser's own
/// record: the latter is what the document still holds as the local record (practised
/// before the first sign-in and neither uploaded nor merged); the rest is the account's.
/// The profile stays with the account's record.
pub fn split_record(mut store: TraineeStore, doc: &SyncDoc) -> (TraineeStore, TraineeStore) {
    let local: BTreeSet<String> = doc.local.iter().cloned().collect();
    let before = TraineeStore { attempts: take_attempts(&mut store, &local), ..TraineeStore::default() };
    (store, before)
}

/// The account a stored sync document is for, read without reading the rest (the trainee
/// page's modules use it to find a browser's store kept from before per-account stores).
pub fn stored_account(text: &str) -> Option<String> {
    parse(text).ok()?.get("account")?.as_str().map(str::to_owned)
}

/// One attempt as the server takes it (`POST /api/v1/attempts`).
#[derive(Serialize)]
struct AttemptOut<'a> {
    id: &'a str,
    content_version: &'a str,
    pack_id: &'a str,
    item_id: &'a str,
    answer: &'a crate::score::Answer,
    started_ms: f64,
    answered_ms: f64,
    claimed_points: f64,
}

#[derive(Serialize)]
struct BatchOut<'a> {
    attempts: Vec<AttemptOut<'a>>,
}

/// The request body for `POST /api/v1/attempts` (or `/attempts/local`): `(id, content
/// version, attempt)` each.
pub fn upload_body<'a>(items: impl IntoIterator<Item = (&'a str, &'a str, &'a Attempt)>) -> String {
    let attempts = items
        .into_iter()
        .map(|(id, content_version, a)| AttemptOut {
            id,
            content_version,
            pack_id: &a.pack_id,
            item_id: &a.item_id,
            answer: &a.answer,
            started_ms: a.started_ms,
            answered_ms: a.answered_ms,
            claimed_points: a.outcome.points,
        })
        .collect();
    serde_json::to_string(&BatchOut { attempts }).expect("plain data")
}

/// Reads `GET /api/v1/attempts`: each stored attempt's server id and the attempt.
pub fn read_server_attempts(text: &str) -> Result<Vec<(String, Attempt)>, String> {
    let value = parse(text).map_err(|e| e.to_string())?;
    let Json::Array(items) = value else { return Err("应为数组".to_owned()) };
    items
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            let id = v.get("id").and_then(Json::as_str).map(str::to_owned).ok_or_else(|| format!("[{i}]：缺少 id"))?;
            let attempt = read::<Attempt>(v).map_err(|e| format!("[{i}]：{e}"))?;
            Ok((id, attempt))
        })
        .collect()
}

/// The index of the attempt a server error names (`attempts[3].item_id` → 3).
pub fn error_index(field: &str) -> Option<usize> {
    let rest = field.strip_prefix("attempts[")?;
    rest[..rest.find(']')?].parse().ok()
}

crate::from_json::keywords!(
    LocalRecord,
    [LocalRecord::None, LocalRecord::Offered, LocalRecord::Uploaded, LocalRecord::Declined],
    |r| match r {
        LocalRecord::None => "none",
        LocalRecord::Offered => "offered",
        LocalRecord::Uploaded => "uploaded",
        LocalRecord::Declined => "declined",
    }
);

crate::from_json::read_struct!(Queued { id: req, content_version: req, queued_ms: req });
crate::from_json::read_struct!(Rejected { id: req, reason: req });

impl FromJson for SyncDoc {
    fn from_json(value: Json<'_>, r: &mut Reader) -> SyncDoc {
        let mut f = crate::from_json::Fields::new(value, r);
        let acked: Vec<String> = f.opt("acked");
        SyncDoc {
            format: f.req("format"),
            account: f.opt("account"),
            outbox: f.opt("outbox"),
            acked: acked.into_iter().collect(),
            local: f.opt("local"),
            local_record: f.opt("local_record"),
            rejected: f.opt("rejected"),
            failures: f.opt("failures"),
            next_try_ms: f.opt("next_try_ms"),
            last_error: f.opt("last_error"),
        }
    }
}
