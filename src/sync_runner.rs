//! The trainee page's link to the team server: sends every answer to `drill serve` when the
//! site is served by it, and shows the sync bar (who is signed in, 已同步 / 待同步 n 条, the
//! 必做 packs with their due dates). On a static site it asks once (`api::status`) and does
//! nothing more.
//!
//! It is the page's third wasm module (`src/bin/sync.rs`), which `index.html` loads only
//! when the page is served by `drill serve`: the first module and the practice module carry
//! none of it (both are held to a size budget, docs/PERFORMANCE.md, "Size"), and a static
//! site loads nothing more. It never writes the trainee store the page shows, which the
//! practice module owns: it reads it (every answer is saved there the moment it is given)
//! and keeps the account's own document (`server::sync_store`: the outbox, what the server
//! has), whose rules are `drill_core::sync`. When the server says another account (or
//! none) is signed in than the one whose store the page shows, it readies that store
//! (`server::account_slot`) and reloads the page, so practice never goes into, and is never
//! sent from, another person's record. Its bar is its own element, put back after the header
//! whenever a module redraws the page.

use crate::route::Page;
use crate::server::api::{self, ApiError};
use crate::server::types::{Assignment, Me};
use crate::server::{account_slot, sync_store};
use crate::storage::{self, DocumentStatus};
use drill_core::results::TraineeStore;
use drill_core::sync::{self, SyncDoc};
use gloo::events::EventListener;
use gloo::net::http::Method;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// How often the loop looks at the store and the outbox.
const TICK_MS: i32 = 1_000;
/// How often who is signed in and the assignments are asked again.
const REFRESH_MS: f64 = 30_000.0;

/// Starts the loop when the page is served by `drill serve`. `content_version` is the
/// version of the pack list the page shows (`packs.json`): answers are queued against it.
pub fn start(content_version: Option<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        let account = storage::account();
        let server_version = match api::status(Page::Trainee).await {
            Ok(Some(s)) => s.content_version,
            Ok(None) => return,
            // Unreachable now, but an account is signed in on this browser: a server site
            // whose server is down. Practice goes on; answers wait in the outbox.
            Err(_) if account.is_some() => String::new(),
            Err(_) => return,
        };
        let version = content_version.filter(|v| !v.is_empty()).unwrap_or(server_version);
        let Some(mut runner) = Runner::new(account, version) else { return };
        loop {
            runner.tick().await;
            sleep(TICK_MS).await;
        }
    });
}

async fn sleep(ms: i32) {
    let done = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(done).await;
}

struct Runner {
    /// The account whose store the page shows (`storage::account`), read when the page
    /// opened: the page is reloaded when that changes, so its store and this one agree.
    account: Option<String>,
    /// That account's sync document (an empty one without an account).
    doc: SyncDoc,
    status: DocumentStatus,
    /// The stored text of the sync document as last read or written (another page, e.g.
    /// signing in on the study page, may change it).
    doc_raw: Option<String>,
    store: TraineeStore,
    store_raw: Option<String>,
    version: String,
    me: Option<Me>,
    /// The server could not be reached on the last request.
    offline: bool,
    /// Why the signed-in account's record could not be shown (browser storage refused).
    switch_error: Option<String>,
    assignments: Vec<Assignment>,
    next_refresh: f64,
    bar: web_sys::Element,
    /// Set by 立即同步 and by the browser coming back online.
    kick: Rc<Cell<bool>>,
    shown: String,
}

impl Runner {
    fn new(account: Option<String>, version: String) -> Option<Runner> {
        let (doc, status) = match &account {
            Some(id) => sync_store::open(id),
            None => (SyncDoc::default(), DocumentStatus::default()),
        };
        let window = web_sys::window()?;
        let document = window.document()?;
        let bar = document.create_element("aside").ok()?;
        bar.set_id("sync-bar");
        bar.set_class_name("sync-bar");
        let _ = bar.set_attribute("aria-label", "成绩同步");
        let _ = bar.set_attribute("data-testid", "sync-bar");
        let kick = Rc::new(Cell::new(false));
        let on_click = {
            let kick = kick.clone();
            EventListener::new(&bar, "click", move |e| {
                let asked = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest("[data-action=sync-now]").ok().flatten())
                    .is_some();
                if asked {
                    kick.set(true);
                }
            })
        };
        on_click.forget();
        let kick_online = kick.clone();
        EventListener::new(&window, "online", move |_| kick_online.set(true)).forget();
        let doc_raw = account.as_deref().and_then(sync_store::raw);
        Some(Runner {
            account,
            doc,
            status,
            doc_raw,
            store: TraineeStore::default(),
            store_raw: None,
            version,
            me: None,
            offline: false,
            switch_error: None,
            assignments: Vec::new(),
            next_refresh: 0.0,
            bar,
            kick,
            shown: String::new(),
        })
    }

    async fn tick(&mut self) {
        let now = js_sys::Date::now();
        let kicked = self.kick.replace(false);
        if storage::account() != self.account {
            // Signed in or out on another page: show that store.
            reload_page();
            return;
        }
        self.reload_doc();
        if kicked || now >= self.next_refresh {
            self.refresh().await;
            self.next_refresh = js_sys::Date::now() + REFRESH_MS;
        }
        self.reload_store();
        if !self.version.is_empty() && self.doc.observe(&self.store, &self.version, now) > 0 {
            self.save();
        }
        if kicked {
            self.doc.retry_now();
        }
        if self.signed_in_here() && self.doc.due(now) {
            self.send(now).await;
        }
        self.render();
    }

    /// Whether the account signed in is the one whose store the page shows (only then are
    /// answers sent).
    fn signed_in_here(&self) -> bool {
        self.me.as_ref().is_some_and(|me| self.account.as_deref() == Some(me.id.as_str()))
    }

    /// Who is signed in, and the team's assignments. When the server's answer differs from
    /// the store the page shows (signed in on the staff tools, or the session has ended),
    /// the page shows the right store: the signed-in account's, or the browser's own.
    async fn refresh(&mut self) {
        if self.version.is_empty() {
            if let Ok(Some(s)) = api::status(Page::Trainee).await {
                self.version = s.content_version;
            }
        }
        match api::session(Page::Trainee).await {
            Ok(Some(me)) => {
                self.offline = false;
                if self.account.as_deref() != Some(me.id.as_str()) {
                    match account_slot::enter(&me) {
                        Ok(()) => return reload_page(),
                        Err(why) => self.switch_error = Some(why),
                    }
                }
                self.me = Some(me);
            }
            Ok(None) => {
                self.offline = false;
                self.me = None;
                if self.account.is_some() {
                    account_slot::leave();
                    return reload_page();
                }
            }
            Err(e) => self.offline = e.offline(),
        }
        if self.signed_in_here() {
            if let Ok(list) = api::get(Page::Trainee, "assignments").await.and_then(|t| api::read(&t)) {
                self.assignments = list;
            }
        }
    }

    fn reload_doc(&mut self) {
        let Some(account) = self.account.clone() else { return };
        let raw = sync_store::raw(&account);
        if raw != self.doc_raw {
            let (doc, status) = sync_store::open(&account);
            self.doc = doc;
            self.status = status;
            self.doc_raw = raw;
        }
    }

    fn reload_store(&mut self) {
        let key = storage::store_key(self.account.as_deref());
        let raw = storage::storage().ok().and_then(|s| s.get_item(&key).ok().flatten());
        if raw != self.store_raw {
            // A store the practice module cannot read either is its to deal with (backup,
            // notice); the last one read stays here meanwhile.
            if let Some(store) = raw.as_deref().and_then(|r| TraineeStore::from_json(r).ok()) {
                self.store = store;
            }
            self.store_raw = raw;
        }
    }

    fn save(&mut self) {
        sync_store::save(&self.doc, &mut self.status);
        self.doc_raw = self.account.as_deref().and_then(sync_store::raw);
    }

    /// Sends the next batch: on success it leaves the outbox; an answer the server refuses
    /// for good is set aside (the rest go on the next tick); anything else backs off.
    async fn send(&mut self, now: f64) {
        let (ids, body) = {
            let batch = self.doc.batch(&self.store);
            let ids: Vec<String> = batch.iter().map(|o| o.queued.id.clone()).collect();
            let body = sync::upload_body(
                batch.iter().map(|o| (o.queued.id.as_str(), o.queued.content_version.as_str(), o.attempt)),
            );
            (ids, body)
        };
        if ids.is_empty() {
            self.save();
            return;
        }
        match api::send(Method::POST, Page::Trainee, "attempts", Some(body)).await {
            Ok(_) => {
                self.doc.sent(&ids);
                self.offline = false;
                // The 必做 states may have changed.
                self.next_refresh = 0.0;
            }
            Err(ApiError { status: 401, .. }) => self.me = None,
            Err(e) => match e.field.as_deref().and_then(sync::error_index).filter(|_| e.status == 422) {
                Some(i) if i < ids.len() => self.doc.reject(&ids[i], &e.message),
                _ => {
                    self.offline = e.offline();
                    self.doc.failed(now, &e.message);
                }
            },
        }
        self.save();
    }

    fn render(&mut self) {
        let html = self.html();
        if html != self.shown {
            self.bar.set_inner_html(&html);
            self.shown = html;
        }
        self.attach();
        // The frame's footer says records stay in the browser; here they are synced.
        if let Some(p) =
            web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(".site-footer p").ok().flatten())
        {
            if p.text_content().as_deref() != Some(crate::shell::SERVER_FOOTER) {
                p.set_text_content(Some(crate::shell::SERVER_FOOTER));
            }
        }
    }

    /// Puts the bar right after the page header (each module's first render empties the
    /// page), or first in `<body>` while there is no header yet.
    fn attach(&self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        let header = document.query_selector("body > header").ok().flatten();
        let placed = match &header {
            Some(h) => h.next_element_sibling().is_some_and(|n| n == self.bar),
            None => self.bar.parent_element().is_some(),
        };
        if placed {
            return;
        }
        let Some(body) = document.body() else { return };
        let before = match &header {
            Some(h) => h.next_sibling(),
            None => body.first_child(),
        };
        let _ = body.insert_before(&self.bar, before.as_ref());
    }

    fn html(&self) -> String {
        let mut out = String::from(r#"<div class="sync-bar__inner"><p class="sync-bar__line">"#);
        let pending = self.doc.pending();
        let rejected = self.doc.rejected.len();
        match (&self.me, &self.account) {
            (Some(me), _) if self.switch_error.is_some() => {
                out += &format!(
                    r#"<span class="sync-bar__who" data-testid="sync-who">已登录：{}（{}）。无法在本机打开你的练习记录：{}</span>"#,
                    esc(&me.name),
                    esc(&me.employee_no),
                    esc(self.switch_error.as_deref().unwrap_or_default())
                );
            }
            (Some(me), _) => {
                out += &format!(
                    r#"<span class="sync-bar__who" data-testid="sync-who">已登录：{}（{}）</span>"#,
                    esc(&me.name),
                    esc(&me.employee_no)
                );
            }
            (None, Some(_)) if self.offline => {
                out += r#"<span class="sync-bar__who" data-testid="sync-who">无法连接服务器，练习照常进行，恢复后自动同步。</span>"#;
            }
            (None, Some(_)) => {
                out += r#"<span class="sync-bar__who" data-testid="sync-who">登录已失效：请重新登录，登录后继续同步。</span>"#;
            }
            (None, None) => {
                out += r#"<span class="sync-bar__who" data-testid="sync-who">未登录：练习记录只保存在本机。登录后成绩会同步给班组长。</span>"#;
            }
        }
        if self.account.is_some() {
            let (class, text) = match (pending, self.offline) {
                (0, _) => ("ok", "已同步".to_owned()),
                (n, true) => ("wait", format!("待同步 {n} 条（网络恢复后自动发送）")),
                (n, false) => ("wait", format!("待同步 {n} 条")),
            };
            out += &format!(
                r#" <span class="sync-status sync-status--{class}" role="status" data-testid="sync-status" data-pending="{pending}">{text}</span>"#
            );
            if rejected > 0 {
                out += &format!(
                    r#" <span class="sync-status sync-status--bad" data-testid="sync-rejected" title="{}">{rejected} 条未能同步</span>"#,
                    esc(&self.doc.rejected.last().map(|r| r.reason.clone()).unwrap_or_default())
                );
            }
            if pending > 0 {
                out += r#" <button type="button" class="button button--small" data-action="sync-now" data-testid="sync-now">立即同步</button>"#;
            }
        }
        let account_label = if self.me.is_some() { "账号" } else { "登录" };
        out += &format!(
            r#" <a class="button button--ghost button--small" href="{}" data-testid="sync-account">{account_label}</a></p>"#,
            account_href()
        );
        if self.signed_in_here() && self.doc.local_record == sync::LocalRecord::Offered && !self.doc.local.is_empty() {
            out += &format!(
                r#"<p class="sync-bar__note" data-testid="local-record-offer">本机有 {} 条登录前的练习记录，尚未上传。<a href="{}">确认后上传到我的账号</a></p>"#,
                self.doc.local.len(),
                account_href()
            );
        }
        if self.signed_in_here() && !self.assignments.is_empty() {
            out += r#"<section class="assignments" aria-labelledby="assignments-title" data-testid="assignments"><h2 id="assignments-title" class="assignments__title">必做题包</h2><ul class="assignments__list">"#;
            for a in &self.assignments {
                let (state, label) = match &a.mine {
                    Some(s) if s.passed => ("passed", "已完成 · 及格".to_owned()),
                    Some(s) if s.finished => ("finished", format!("已完成 · {}%", s.score_pct)),
                    Some(s) if s.overdue => ("overdue", "已逾期".to_owned()),
                    _ => ("todo", "未完成".to_owned()),
                };
                out += &format!(
                    r##"<li class="assignment assignment--{state}" data-testid="assignment" data-pack="{}" data-state="{state}"><span class="tag tag--must">必做</span> <a href="#/pack/{}">{}</a> <span class="assignment__due">截止 {}</span> <span class="assignment__state">{label}</span></li>"##,
                    esc(&a.pack_id),
                    js_sys::encode_uri_component(&a.pack_id),
                    esc(&a.pack_title),
                    esc(&a.due)
                );
            }
            out += "</ul></section>";
        }
        out += "</div>";
        out
    }
}

/// Loads the page again, so every module reads the store now shown.
fn reload_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// The study page's account view, from the trainee page.
fn account_href() -> &'static str {
    "study/#/account"
}

/// Text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
