//! The trainee page's first screen (`index.html`, `src/main.rs`): the pack list, drawn by a
//! module that holds little else, then handed over to the practice module (`app.rs`) once
//! that has loaded in the background, or the moment the trainee goes past the list. Why, and
//! what makes that safe: `handover.rs`.
//!
//! It draws the same frame and list as the practice module (`shell::Frame`,
//! `pack_list::pack_list`), from `packs.json` and the stored progress, so the handover does
//! not change what the trainee sees.

use super::components::pack_list::{pack_list, TITLE};
use super::components::use_title;
use super::handover;
use super::route::{Page, Route};
use super::shell::Frame;
use super::state::{IndexRef, Shared};
use drill_core::results::TraineeStore;
use gloo::events::EventListener;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// What the list needs. `None` when the first screen should not draw (see `handover.rs`).
#[derive(Clone, PartialEq)]
pub struct HomeData {
    pub index: IndexRef,
    pub store: Shared<TraineeStore>,
}

impl HomeData {
    /// The list and the stored progress, if this is the healthy everyday case: the list's
    /// route, a usable pack list, storage that takes writes, a readable store with a
    /// complete profile.
    pub fn check(index: Option<IndexRef>, store: Option<TraineeStore>) -> Option<HomeData> {
        if Route::current() != Route::Home {
            return None;
        }
        let store = store.filter(|s| s.profile.as_ref().is_some_and(|p| p.is_complete()))?;
        Some(HomeData { index: index?, store: Shared::new(store) })
    }
}

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub home: Option<HomeData>,
}

/// Where the handover stands, as the trainee sees it.
#[derive(Clone, PartialEq)]
enum Opening {
    Idle,
    /// The practice module is loading for a view the trainee asked for.
    Busy,
    /// It could not be loaded: why (the trainee can try again).
    Failed(String),
}

/// Why the practice module is to take over.
enum Ask {
    /// The list is drawn: load it in the background and take over when it is there.
    Background,
    /// Nothing is drawn (not the list's case): at once.
    Now,
    /// 开始练习 on a card: a new run of this pack.
    Start(String),
    /// The trainee went to another route (a card's link, the profile, the back button).
    Route,
}

/// What the practice module opens with, gathered while it loads: the callbacks that fill it
/// in outlive renders, so it is a shared cell rather than state.
#[derive(Default)]
struct Request {
    start: Option<String>,
    /// Focus the new view's heading (the trainee acted).
    focus: bool,
    /// The trainee is waiting: say that it is loading.
    banner: bool,
    /// Say it when loading fails (in the background, the trainee's next step tries again).
    report: bool,
    running: bool,
}

thread_local! {
    /// The first screen's app, destroyed once the practice module has the page.
    static MOUNTED: RefCell<Option<yew::AppHandle<HomeApp>>> = const { RefCell::new(None) };
}

/// Renders the first screen into its own element (`#home`), not `<body>`, where the practice
/// module renders (emptying it first, the first screen with it): the two never share an
/// element that Yew delegates events from.
pub fn mount(home: Option<HomeData>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Ok(host), Some(body)) = (doc.create_element("div"), doc.body()) else { return };
    host.set_id("home");
    if body.append_child(&host).is_err() {
        return;
    }
    let app = yew::Renderer::<HomeApp>::with_root_and_props(host, HomeProps { home }).render();
    MOUNTED.with(|m| *m.borrow_mut() = Some(app));
}

/// What can take keyboard focus on the list, in document order: the same in both modules'
/// lists, so the n-th of one is the n-th of the other.
const FOCUSABLE: &str = "a[href], button, summary, [tabindex]";

/// Where keyboard focus is on the first screen: the index of the focused element among its
/// [`FOCUSABLE`] ones. Taken before the practice module renders, which empties `<body>`.
fn focused_index() -> Option<u32> {
    let doc = web_sys::window()?.document()?;
    let (active, host) = (doc.active_element()?, doc.get_element_by_id("home")?);
    let all = host.query_selector_all(FOCUSABLE).ok()?;
    (0..all.length()).find(|&i| all.get(i).is_some_and(|n| n.is_same_node(Some(&active))))
}

/// Once the practice module has drawn the page (its renderer has emptied `<body>`, the first
/// screen's element with it): focus goes to the same place in its list as it was in the
/// first screen's (`focused`, a keyboard user mid-way down the list when the module came in
/// the background), and the first screen's app (listeners, hooks) is destroyed, in a task of
/// its own since this runs in the app's own future.
fn unmount(focused: Option<u32>) {
    let doc = web_sys::window().and_then(|w| w.document());
    if let Some(n) = focused.and_then(|i| doc?.query_selector_all(FOCUSABLE).ok()?.get(i)) {
        if let Ok(el) = n.dyn_into::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    }
    gloo::timers::callback::Timeout::new(0, || {
        if let Some(app) = MOUNTED.with(|m| m.borrow_mut().take()) {
            app.destroy();
        }
    })
    .forget();
}

#[component]
pub fn HomeApp(props: &HomeProps) -> Html {
    let opening = use_state(|| Opening::Idle);
    let request = use_mut_ref(Request::default);
    let ask = {
        let opening = opening.clone();
        Callback::from(move |ask: Ask| {
            let mut r = request.borrow_mut();
            match ask {
                Ask::Background => {}
                Ask::Now => r.report = true,
                Ask::Start(id) => (r.start, r.focus, r.banner, r.report) = (Some(id), true, true, true),
                Ask::Route => {
                    // A new run asked for earlier (a load that failed) only while its pack is
                    // still the route: not after the trainee went elsewhere.
                    if r.start.as_ref().is_some_and(|id| Route::current() != Route::Pack(id.clone())) {
                        r.start = None;
                    }
                    (r.focus, r.banner, r.report) = (true, true, true);
                }
            }
            if r.banner {
                opening.set(Opening::Busy);
            }
            let now = r.banner || r.report;
            if std::mem::replace(&mut r.running, true) {
                // The handover under way opens with what is asked now; hurry its load if it
                // waits for the list to be on screen.
                if now {
                    handover::hurry();
                }
                return;
            }
            drop(r);
            let (opening, request) = (opening.clone(), request.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let opened = match handover::load(now).await {
                    Ok(()) => {
                        // Loaded: open with what the trainee asked for meanwhile.
                        let (start, focus) = {
                            let r = request.borrow();
                            (r.start.clone(), r.focus)
                        };
                        let focused = if focus { None } else { focused_index() };
                        handover::open(start, focus).await.map(|()| focused)
                    }
                    Err(why) => Err(why),
                };
                match opened {
                    Ok(focused) => unmount(focused),
                    Err(why) => {
                        let mut r = request.borrow_mut();
                        r.running = false;
                        if r.report {
                            super::remove_boot();
                            opening.set(Opening::Failed(why));
                        } else {
                            super::fetch::console_warn(&format!("练习模块未能在后台加载：{why}"));
                        }
                    }
                }
            });
        })
    };

    // Not the list's case (`HomeData::check`: a first visit, a fault, a deep link): hand over
    // at once. Else take over once the practice module has loaded in the background (so the
    // list is checked against content.json, as before), or as soon as the trainee goes past
    // the list, whichever comes first.
    {
        let ask = ask.clone();
        let draw = props.home.is_some();
        use_effect_with((), move |_| {
            ask.emit(if draw { Ask::Background } else { Ask::Now });
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    if Route::current() != Route::Home {
                        ask.emit(Ask::Route);
                    }
                })
            });
            move || drop(listener)
        });
    }
    use_title(TITLE.to_owned());

    let status = match &*opening {
        Opening::Idle => html! {},
        Opening::Busy => html! {
            <div class="banner banner--info banner--later" role="status" data-testid="practice-opening">
                <div class="banner__inner"><p>{ "正在打开练习，请稍候……" }</p></div>
            </div>
        },
        Opening::Failed(why) => {
            let retry = ask.reform(|_| Ask::Route);
            html! {
                <div class="banner banner--warn" role="alert" data-testid="practice-failed">
                    <div class="banner__inner">
                        <p>
                            <strong>{ "练习页面未能加载。" }</strong>
                            { format!("原因：{why}。请检查网络连接后重试；如问题持续，请联系系统管理员。练习记录不受影响。") }
                        </p>
                        <button type="button" class="button button--small" onclick={retry} data-testid="practice-retry">{ "重试" }</button>
                    </div>
                </div>
            }
        }
    };

    let Some(home) = &props.home else {
        // Nothing drawn while the practice module loads (the page's own loading message shows
        // if it takes more than half a second), unless it failed.
        return html! { <main id="main" class="main" tabindex="-1">{ status }</main> };
    };
    let on_start = ask.reform(|id: String| {
        // The route first: the practice module draws the view in the address bar.
        Route::Pack(id.clone()).go();
        Ask::Start(id)
    });
    html! {
        <Frame page={Page::Trainee} route={Route::Home} profile={home.store.profile.clone()} banners={status}>
            { pack_list(&home.index, &home.store, &on_start) }
        </Frame>
    }
}
