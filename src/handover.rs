//! The trainee page's two wasm modules, and how the first hands the page to the second.
//!
//! `index.html` starts with a small module (`service-drill-web`, [`super::home_app`]) that
//! draws the pack list and nothing else: no content reader, matcher, scorer, player or
//! summaries, so the list is on screen sooner than a module carrying all of them could
//! draw it (docs/PERFORMANCE.md, "Start-up"). Once the list is on screen, the page loads the
//! practice module (`service-drill-practice`, [`super::app`]: profile, packs, player,
//! summaries; the whole trainee app) and `content.json` in the background, and the practice
//! module takes the page over in place as soon as it has loaded (same document, same
//! address, no reload; the same list drawn again, now checked against `content.json`), or
//! at once when the trainee goes past the list first (a pack, a summary, the profile). It is
//! then the page, with its own pack list, so coming back to the list stays in it.
//!
//! Nothing can be lost in the handover: the first screen holds nothing the trainee did (it
//! reads the store and never writes it), and it draws only when everything is as expected
//! (a usable `packs.json`, storage that takes writes, a readable store with a profile, the
//! list's route). Anything else (a first visit, a fault, a deep link) is handed over at
//! once, and the practice module deals with it exactly as before.
//!
//! The loader is the page's own script (`window.drillPractice` in `index.html`); the build
//! (`scripts/build-extra.sh`) writes the practice module's hashed file names into it.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Loads the practice module and starts fetching `content.json`: at once with `now`,
    /// else once the page has painted (the list is on screen).
    #[wasm_bindgen(catch, js_namespace = drillPractice, js_name = load)]
    fn load_js(now: bool) -> Result<js_sys::Promise, JsValue>;

    /// Calls the loaded practice module's `open`.
    #[wasm_bindgen(catch, js_namespace = drillPractice, js_name = open)]
    fn open_js(start: Option<String>, focus: bool) -> Result<js_sys::Promise, JsValue>;
}

/// Loads the practice module (once; a failed load is tried afresh): at once with `now` (the
/// trainee is waiting), else in the background once the list is on screen, so the frame
/// showing it is not held back (docs/PERFORMANCE.md, "Start-up"); see [`hurry`]. `Err` with a reason when it could not be loaded (a
/// dropped connection, a half-published site).
pub async fn load(now: bool) -> Result<(), String> {
    let promise = load_js(now).map_err(|e| describe(&e))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(drop)
        .map_err(|e| format!("无法从服务器取得练习模块（{}）", describe(&e)))
}

/// Starts a [`load`] that waits for the list to be on screen now (the trainee is waiting).
pub fn hurry() {
    let _ = load_js(true);
}

/// Hands the page to the practice module, once [`load`]ed: `start` begins a new run of that
/// pack first; `focus` moves focus to the new view's heading (the trainee acted). `Err` if
/// the module failed; the page is then unchanged.
pub async fn open(start: Option<String>, focus: bool) -> Result<(), String> {
    let promise = open_js(start, focus).map_err(|e| describe(&e))?;
    wasm_bindgen_futures::JsFuture::from(promise).await.map(drop).map_err(|e| describe(&e))
}

/// A thrown value in words (an `Error`'s message, else its string form).
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "未知错误".to_owned())
}
