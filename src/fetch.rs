//! Loading the content at run time: one request for `content.json`, the scenario folder
//! compiled by `drill bundle` (at every build, and by trainers after editing a file), then
//! `bundle::open` — JSON and an integrity check, no YAML (the YAML reader is not in the
//! trainee's wasm; see docs/PERFORMANCE.md). The request revalidates with the server
//! (`no-cache`) so a re-published bundle shows on the next reload.
//!
//! The request is started by each page's HTML, before the wasm is even downloaded
//! (`window.drillContent`, see `index.html`), so the download of the content overlaps the
//! app's; [`early_response`] takes it. On a slow link that is the difference between one
//! round of waiting and two (docs/PERFORMANCE.md, "Start-up").
//!
//! The trainee page starts no request for `content.json` early: its HTML starts one for the
//! pack list, `packs.json` (`window.drillIndex`, [`early_index`]), which is all its first
//! screen needs, and the content is fetched after the list is drawn, so the two do not
//! compete for the link while the page starts. The study page and the staff tools, whose
//! first screens need the content, start `content.json` early (`window.drillContent`).
//!
//! Packs that failed to compile arrive inside the bundle as `broken` and are shown beside
//! the others; only a missing or unusable bundle stops the app.

use super::route::Page;
use drill_core::bundle::{self, BundleError, BundledPhrasebook, PackIndex, BUNDLE_FILE, PACKS_FILE};
use drill_core::diag::Diagnostic;
use drill_core::load::Library;
use gloo::net::http::{Request, Response};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::RequestCache;

/// Why nothing could be loaded (shown instead of the pack list).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadFailure {
    pub title: String,
    pub detail: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a page runs on: the packs and, where the page reads it, the phrasebook.
pub struct Content {
    pub library: Library,
    pub phrasebook: Option<BundledPhrasebook>,
}

/// How a page opens `content.json`: [`packs_only`] or [`with_phrasebook`]. A function
/// rather than a flag so the trainee app's wasm holds no code to read a phrasebook.
pub type Opener = fn(&str) -> Result<Content, BundleError>;

/// The packs; the phrasebook skipped unread (the trainee app).
pub fn packs_only(json: &str) -> Result<Content, BundleError> {
    Ok(Content { library: bundle::open_packs(json)?, phrasebook: None })
}

/// The packs and the phrasebook (the study page, the staff tools).
pub fn with_phrasebook(json: &str) -> Result<Content, BundleError> {
    let opened = bundle::open(json)?;
    Ok(Content { library: opened.library, phrasebook: Some(opened.phrasebook) })
}

/// The promise a page's HTML left in `window[name]` for the wasm (an early request), taken
/// off the window so it is used once and a later load fetches afresh.
fn take_page_promise(window: &web_sys::Window, name: &str) -> Option<js_sys::Promise> {
    let key = JsValue::from_str(name);
    let promise = js_sys::Reflect::get(window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(window, &key);
    Some(promise)
}

/// The page's early request for `content.json` (`window.drillContent`: a promise of the
/// `Response`, or of `null` when it failed), taken once so a later load fetches afresh.
/// `None` when there is none or it failed: the caller fetches itself.
async fn early_response() -> Option<Response> {
    let promise = take_page_promise(&web_sys::window()?, "drillContent")?;
    let response = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    response.dyn_into::<web_sys::Response>().ok().map(Response::from)
}

/// The pack list the trainee page's HTML started fetching (`window.drillIndex`: a promise of
/// the text of `packs.json`, or of `null`), read and checked. `None` when there is none or
/// it cannot be used: the list then waits for `content.json`, which is the source of truth
/// anyway, so nothing is lost (the reason goes to the console for whoever publishes the site).
///
/// The page shows nothing but its boot screen while this waits, so it waits at most
/// [`INDEX_PATIENCE_MS`] after the wasm started: a server that stalls on `packs.json` must
/// not keep the page from starting.
pub async fn early_index() -> Option<PackIndex> {
    let window = web_sys::window()?;
    // Read, not taken: both of the trainee page's modules read it (`handover.rs`). Taken off
    // the window only when it cannot be used, so the second does not wait for it again.
    let key = JsValue::from_str("drillIndex");
    let promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let timeout = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, INDEX_PATIENCE_MS);
    });
    let first = js_sys::Promise::race(&js_sys::Array::of2(&promise, &timeout));
    let value = wasm_bindgen_futures::JsFuture::from(first).await.ok();
    let index = match value {
        // The timer won (the page's promise gives a text or null).
        Some(v) if v.is_undefined() => Err(format!("{PACKS_FILE} 未能及时取得")),
        Some(v) => match v.as_string() {
            Some(text) => bundle::open_index(&text).map_err(|e| e.to_string()),
            None => Err(format!("{PACKS_FILE} 未能取得")),
        },
        None => Err(format!("{PACKS_FILE} 未能取得")),
    };
    index
        .map_err(|why| {
            let _ = js_sys::Reflect::delete_property(&window, &key);
            console_warn(&format!("{why}；题包列表改为在 {BUNDLE_FILE} 读取后显示"));
        })
        .ok()
}

/// How long the trainee page waits for `packs.json` once its wasm runs (the file is a few KB
/// and was requested when the page started, so on any link it is normally there first).
const INDEX_PATIENCE_MS: i32 = 2_000;

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// `console.warn` with one string (gloo's macro builds an array of values: more code in
    /// the first load for this one message).
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    pub(crate) fn console_warn(message: &str);
}

/// Fetches `content.json` (the page's early request if there is one), revalidating with the
/// server so edits show on reload.
async fn fetch_bundle(url: &str) -> Result<String, String> {
    let response = match early_response().await {
        Some(response) => response,
        None => Request::get(url).cache(RequestCache::NoCache).send().await.map_err(|e| format!("网络错误：{e}"))?,
    };
    if !response.ok() {
        return Err(format!("服务器返回 {} {}", response.status(), response.status_text()));
    }
    response.text().await.map_err(|e| format!("读取内容失败：{e}"))
}

/// `content.json` relative to a page: next to the trainee app, one folder up from the study
/// page (`study/`) and the staff tools (`tools/`).
fn bundle_url(page: Page) -> String {
    match page {
        Page::Trainee => BUNDLE_FILE.to_owned(),
        Page::Study | Page::Tools => format!("../{BUNDLE_FILE}"),
    }
}

/// Loads the content for the page `page`, opened by `open`; `Err` when the bundle cannot be
/// fetched or used.
pub async fn load_library(page: Page, open: Opener) -> Result<Content, LoadFailure> {
    let url = bundle_url(page);
    let text = fetch_bundle(&url).await.map_err(|why| LoadFailure {
        title: "无法读取题库".to_owned(),
        detail: format!("{BUNDLE_FILE}：{why}。请确认站点已发布题库数据文件（scripts/serve.sh 会自动生成；手动发布时在题库文件夹上运行 drill bundle）。"),
        diagnostics: Vec::new(),
    })?;
    open(&text).map_err(|e| LoadFailure { title: e.title().to_owned(), detail: e.detail(), diagnostics: Vec::new() })
}
