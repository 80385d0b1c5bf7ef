//! `#/author`: the trainers' authoring page. Open a pack from disk or paste YAML into a
//! code-style editor with line numbers; diagnostics from the same loader and content rules
//! as `drill check` appear as the trainer types (debounced 300 ms), each pointing at its line
//! (click → caret and scroll there, line marked); a valid item can be tried exactly as a
//! trainee sees it (not recorded); the file can be downloaded; the draft is kept in
//! localStorage (`draft.rs`) so a reload loses nothing.
//!
//! * `draft.rs` — the stored draft (its own versioned key) and the starter template;
//! * `check.rs` — loader + lint against the loaded library;
//! * `play.rs` — trying one item with the trainee's components.

mod check;
mod draft;
mod play;

use crate::components::use_app;
use crate::state::LoadState;
use draft::Draft;
use drill_core::diag::{Diagnostic, Level};
use gloo::file::callbacks::FileReader;
use gloo::timers::callback::Timeout;
use play::TryItem;
use yew::prelude::*;

/// Height of one editor line in CSS pixels (`style/author.css`: `--author-line: 22px`).
const LINE_PX: f64 = 22.0;
const DEBOUNCE_MS: u32 = 300;

/// Character column (1-based) → UTF-16 offset of that line start + column in `text`, as the
/// textarea's selection API counts.
fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (n, l) in text.split('\n').enumerate() {
        if n + 1 == line as usize {
            let col: u32 = l.chars().take(column.saturating_sub(1) as usize).map(|c| c.len_utf16() as u32).sum();
            return offset + col;
        }
        offset += l.chars().map(|c| c.len_utf16() as u32).sum::<u32>() + 1;
    }
    offset
}

fn save_draft(draft: &Draft, error: &UseStateHandle<Option<String>>) {
    match draft::save(draft) {
        Ok(()) => {
            if error.is_some() {
                error.set(None);
            }
        }
        Err(why) => error.set(Some(why)),
    }
}

#[component]
pub fn AuthorPage() -> Html {
    let app = use_app();
    // The stored draft, read once.
    let initial = use_memo((), |_| draft::load());
    let storage_error = use_state(|| (*initial).as_ref().err().cloned());
    let start =
        (*initial).as_ref().ok().cloned().flatten().unwrap_or_else(|| Draft::new("my-pack.yaml", draft::TEMPLATE));
    let text = use_state(|| start.text.clone());
    let name = use_state(|| start.name.clone());
    // The text last checked (after the pause in typing).
    let checked_text = use_state(|| start.text.clone());
    let timer = use_mut_ref(|| None::<Timeout>);
    let reader = use_mut_ref(|| None::<FileReader>);
    let textarea = use_node_ref();
    let gutter = use_node_ref();
    let marks = use_node_ref();
    let active_line = use_state(|| None::<u32>);
    let trying = use_state(|| None::<String>);
    let note = use_state(String::new);

    let library = app.library().cloned();
    let checked = {
        let library = library.clone();
        let name = (*name).clone();
        use_memo(((*checked_text).clone(), library.clone(), name.clone()), move |(t, lib, n)| {
            lib.as_ref().map(|l| check::check(l, n, t))
        })
    };
    let pending = *checked_text != *text;

    // Typing: keep the draft at once, check after a pause.
    let set_text = {
        let text = text.clone();
        let name = name.clone();
        let checked_text = checked_text.clone();
        let timer = timer.clone();
        let storage_error = storage_error.clone();
        Callback::from(move |value: String| {
            save_draft(&Draft::new(&name, &value), &storage_error);
            text.set(value.clone());
            let checked_text = checked_text.clone();
            *timer.borrow_mut() = Some(Timeout::new(DEBOUNCE_MS, move || checked_text.set(value)));
        })
    };
    let oninput = {
        let set_text = set_text.clone();
        Callback::from(move |e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            set_text.emit(area.value());
        })
    };
    let onscroll = {
        let gutter = gutter.clone();
        let marks = marks.clone();
        Callback::from(move |e: Event| {
            let area: web_sys::Element = e.target_unchecked_into();
            let top = area.scroll_top();
            for r in [&gutter, &marks] {
                if let Some(el) = r.cast::<web_sys::Element>() {
                    let _ = el.set_attribute("style", &format!("transform: translateY({}px)", -top));
                }
            }
        })
    };
    let on_name = {
        let name = name.clone();
        let text = text.clone();
        let storage_error = storage_error.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut v = input.value().trim().to_owned();
            if v.is_empty() {
                v = "my-pack.yaml".to_owned();
            }
            if !v.ends_with(".yaml") && !v.ends_with(".yml") {
                v.push_str(".yaml");
            }
            save_draft(&Draft::new(&v, &text), &storage_error);
            name.set(v);
        })
    };
    let on_open = {
        let name = name.clone();
        let set_text = set_text.clone();
        let checked_text = checked_text.clone();
        let note = note.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            let file = gloo::file::File::from(file);
            let file_name = file.name();
            let name = name.clone();
            let set_text = set_text.clone();
            let checked_text = checked_text.clone();
            let note = note.clone();
            // Bytes, not text: a Word document or a GBK file is named as such by the core
            // (`load::decode`, as `drill check` does) and the draft is left as it was.
            let task = gloo::file::callbacks::read_as_bytes(&file, move |result| match result {
                Ok(bytes) => match drill_core::load::decode(&file_name, &bytes) {
                    Ok(src) => {
                        name.set(file_name.clone());
                        set_text.emit(src.text.clone());
                        checked_text.set(src.text);
                        note.set(format!("已打开 {file_name}。"));
                    }
                    Err(d) => {
                        note.set(format!("无法打开 {file_name}：{}。{}。编辑区中的内容没有改动。", d.message, d.hint))
                    }
                },
                Err(err) => note.set(format!("无法读取 {file_name}：{err}")),
            });
            *reader.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    let on_download = {
        let text = text.clone();
        let name = name.clone();
        let note = note.clone();
        Callback::from(move |_: MouseEvent| match crate::download::download(&name, "text/yaml;charset=utf-8", &text) {
            Ok(()) => note.set(format!(
                "已下载 {}。把它放进 scenarios/、在 index.yaml 中登记，再重新生成题库（drill bundle）即可发布。",
                *name
            )),
            Err(why) => note.set(format!("下载失败：{why}")),
        })
    };
    let on_template = {
        let set_text = set_text.clone();
        let checked_text = checked_text.clone();
        let text = text.clone();
        let note = note.clone();
        Callback::from(move |_: MouseEvent| {
            let ok = text.trim().is_empty()
                || web_sys::window()
                    .and_then(|w| w.confirm_with_message("用示例题包替换编辑区中的全部内容？（建议先下载保存）").ok())
                    .unwrap_or(false);
            if ok {
                set_text.emit(draft::TEMPLATE.to_owned());
                checked_text.set(draft::TEMPLATE.to_owned());
                note.set("已换成示例题包。".to_owned());
            }
        })
    };
    // Click on a diagnostic: caret to its line and column, scroll there, mark the line.
    let go_to = {
        let textarea = textarea.clone();
        let text = text.clone();
        let active_line = active_line.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            active_line.set(Some(line));
            let Some(area) = textarea.cast::<web_sys::HtmlTextAreaElement>() else { return };
            let at = utf16_offset(&text, line.max(1), column.max(1));
            let _ = area.focus();
            let _ = area.set_selection_range(at, at);
            let target = ((f64::from(line.max(1)) - 1.0) * LINE_PX - f64::from(area.client_height()) / 3.0).max(0.0);
            area.set_scroll_top(target as i32);
            let _ = area.dispatch_event(&web_sys::Event::new("scroll").expect("an event"));
        })
    };

    let lines = text.split('\n').count().max(1);
    let diagnostics: Vec<Diagnostic> = checked.as_ref().as_ref().map(|c| c.diagnostics.clone()).unwrap_or_default();
    let errors = diagnostics.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diagnostics.len() - errors;
    let level_of = |line: usize| {
        let on: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.line as usize == line).collect();
        if on.iter().any(|d| d.level == Level::Error) {
            Some("error")
        } else if on.is_empty() {
            None
        } else {
            Some("warning")
        }
    };
    let gutter_html: Html = (1..=lines)
        .map(|n| {
            let level = level_of(n);
            let class = classes!(
                "author-gutter__n",
                level.map(|l| format!("is-{l}")),
                (*active_line == Some(n as u32)).then_some("is-active")
            );
            html! { <li class={class} data-line={n.to_string()}>{ n }</li> }
        })
        .collect();
    let marks_html: Html = (1..=lines)
        .filter_map(|n| {
            let level = level_of(n);
            let active = *active_line == Some(n as u32);
            (level.is_some() || active).then(|| {
                let class = classes!("author-mark", level.map(|l| format!("author-mark--{l}")), active.then_some("author-mark--active"));
                html! { <div class={class} style={format!("top: {}px", (n - 1) as f64 * LINE_PX)} data-testid="author-line-mark" data-line={n.to_string()}></div> }
            })
        })
        .collect();

    let status = match (&library, checked.as_ref()) {
        (None, _) => match &app.load {
            LoadState::Failed(_) => "题库未能加载，无法对照标准库检查。".to_owned(),
            _ => "正在加载标准库和忌语表……".to_owned(),
        },
        (_, _) if pending => "正在检查……".to_owned(),
        (_, Some(c)) if c.diagnostics.is_empty() => c
            .pack
            .as_ref()
            .map_or_else(|| "没有发现问题。".to_owned(), |p| format!("没有发现问题，共 {} 道题。", p.items.len())),
        (_, Some(_)) => format!("{errors} 个错误，{warnings} 个警告"),
        (_, None) => String::new(),
    };
    let status_class = classes!(
        "author-status",
        if errors > 0 {
            "author-status--error"
        } else if warnings > 0 {
            "author-status--warning"
        } else {
            "author-status--ok"
        }
    );

    let diag_list: Html = diagnostics
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let go_to = go_to.clone();
            let at = (d.line, d.column);
            let level = if d.level == Level::Error { "错误" } else { "警告" };
            let class = classes!("author-diag", if d.level == Level::Error { "author-diag--error" } else { "author-diag--warning" });
            html! {
                <li class={class} key={i}>
                    <button type="button" class="author-diag__go" onclick={Callback::from(move |_| go_to.emit(at))}
                        data-testid="author-diagnostic" data-code={d.code.clone()} data-line={d.line.to_string()} data-column={d.column.to_string()}>
                        <span class="author-diag__where">{ format!("第 {} 行，第 {} 列", d.line, d.column) }</span>
                        <span class="author-diag__level">{ format!("{level} [{}]", d.code) }</span>
                        <span class="author-diag__msg">{ d.message.clone() }</span>
                        if !d.path.is_empty() { <code class="author-diag__path" title={d.path.clone()}>{ d.place() }</code> }
                    </button>
                    if !d.hint.is_empty() { <p class="author-diag__hint">{ format!("提示：{}", d.hint) }</p> }
                </li>
            }
        })
        .collect();

    // A pack the index does not list is read by nobody (drill check and drill bundle say
    // `unlisted-file`): say so while it is written, not as an error — a draft is new.
    let unlisted = library.as_ref().filter(|l| !check::is_listed(l, &name)).and_then(|_| {
        checked.as_ref().as_ref().and_then(|c| c.pack.as_ref()).map(|_| {
            format!(
                "{0} 还没有在 index.yaml 中登记：发布时把它放进 scenarios/ 文件夹，并在 index.yaml 的 packs 下加一行“  - {0}”，否则应用和 drill bundle 都不会读取它。",
                *name
            )
        })
    });
    let pack = checked.as_ref().as_ref().and_then(|c| c.pack.clone());
    let try_item =
        (*trying).clone().and_then(|id| pack.as_ref().and_then(|p| p.item(&id).cloned().map(|i| (p.id.clone(), i))));

    html! {
        <div class="author" data-testid="author-page">
            <h1 id="page-title" tabindex="-1">{ "编写题目" }</h1>
            <p class="muted author__intro">
                { "打开或粘贴题包（YAML），边写边检查：错误会标出所在行，点击即可跳到那一行。格式说明见 " }
                <code>{ "docs/FORMAT.md" }</code>{ "，编写指南见 " }<code>{ "docs/GUIDE.md" }</code>{ "。草稿自动保存在本机浏览器中。" }
            </p>
            if let Some(why) = &*storage_error {
                <div class="banner banner--warn author-banner" role="alert" data-testid="author-storage-banner">
                    { format!("草稿无法保存到浏览器（{why}）。编辑区中的内容仍在，请先点“下载文件”保存到本机，以免关闭页面后丢失。") }
                </div>
            }
            <div class="author-toolbar">
                <label class="author-toolbar__file">
                    <span>{ "打开本机文件" }</span>
                    <input type="file" accept=".yaml,.yml,text/yaml" onchange={on_open} data-testid="author-open" />
                </label>
                <label class="author-toolbar__name">
                    <span>{ "文件名" }</span>
                    <input type="text" value={(*name).clone()} onchange={on_name} data-testid="author-name" spellcheck="false" />
                </label>
                <button type="button" class="button button--primary" onclick={on_download} data-testid="author-download">{ "下载文件" }</button>
                <button type="button" class="button button--ghost" onclick={on_template} data-testid="author-template">{ "换成示例" }</button>
            </div>
            <p class="author-note" role="status" aria-live="polite" data-testid="author-note">{ (*note).clone() }</p>
            <div class="author-layout">
                <div class="author-editor" data-testid="author-editor">
                    <div class="author-editor__gutter" aria-hidden="true"><ol ref={gutter}>{ gutter_html }</ol></div>
                    <div class="author-editor__body">
                        <div class="author-editor__marks" aria-hidden="true" ref={marks}>{ marks_html }</div>
                        <label for="author-text" class="visually-hidden">{ "题包内容（YAML）" }</label>
                        <textarea id="author-text" ref={textarea} class="author-editor__text" wrap="off" spellcheck="false"
                            autocapitalize="off" autocomplete="off" value={(*text).clone()} {oninput} {onscroll}
                            aria-describedby="author-status" data-testid="author-text" />
                    </div>
                </div>
                <section class="author-side" aria-labelledby="author-check-title">
                    <h2 id="author-check-title">{ "检查结果" }</h2>
                    <p id="author-status" class={status_class} role="status" aria-live="polite" data-testid="author-status"
                        data-errors={errors.to_string()} data-warnings={warnings.to_string()} data-pending={pending.to_string()}>{ status }</p>
                    if !diagnostics.is_empty() {
                        <ol class="author-diags" data-testid="author-diagnostics">{ diag_list }</ol>
                    }
                    if let Some(note) = unlisted {
                        <p class="author-unlisted muted" data-testid="author-unlisted">{ note }</p>
                    }
                    if let Some(p) = &pack {
                        <h2>{ "试做" }</h2>
                        <ul class="author-items" data-testid="author-items">
                            { for p.items.iter().map(|i| {
                                let trying = trying.clone();
                                let id = i.id.clone();
                                html! {
                                    <li>
                                        <button type="button" class="button button--small" data-testid="author-try-item" data-item-id={i.id.clone()}
                                            onclick={Callback::from(move |_| trying.set(Some(id.clone())))}>
                                            { format!("试做 {}", i.id) }
                                        </button>
                                        <span class="muted">{ format!(" {} · {}", i.kind().label(), drill_core::results::fmt_points(i.max_points())) }{ " 分" }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                </section>
            </div>
            if let Some((pack_id, item)) = try_item {
                <TryItem key={item.id.clone()} item={item.clone()} pack_id={pack_id}
                    on_close={{ let trying = trying.clone(); Callback::from(move |()| trying.set(None)) }} />
            }
        </div>
    }
}
