//! Browsing the phrasebook: standard lines by situation (cue, line, the rule with its title),
//! then 服务忌语 → 规范用语 by category. One filter box, matched after normalisation so
//! traditional characters, full width and stray punctuation still find the lines.

use crate::state::LibRef;
use drill_core::phrasebook::{PhrasebookFile, Query, Situation};
use drill_core::scenario::TabooCategory;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BrowseProps {
    pub file: Rc<PhrasebookFile>,
    pub lib: LibRef,
}

#[component]
pub fn Browse(props: &BrowseProps) -> Html {
    let typed = use_state(String::new);
    let query = Query::new(&typed);
    let lib = &props.lib;
    let rule_title = |id: &str| lib.catalogue.get(id).map(|s| s.title.clone()).unwrap_or_default();

    let mut line_count = 0;
    let situations: Vec<Html> = Situation::ALL
        .iter()
        .filter_map(|&situation| {
            let entries: Vec<Html> = props
                .file
                .entries
                .iter()
                .filter(|e| e.situation == situation)
                .filter(|e| {
                    let title = rule_title(&e.standard);
                    query.matches([e.cue.as_str(), e.line.as_str(), e.standard.as_str(), title.as_str(), situation.label()])
                })
                .map(|e| {
                    line_count += 1;
                    html! {
                        <li class="pb-entry" data-testid="pb-line" data-id={e.id.clone()}>
                            <p class="pb-entry__cue">{ e.cue.clone() }</p>
                            <p class="pb-entry__line" lang="zh-CN">{ e.line.clone() }</p>
                            <p class="pb-entry__rule">
                                <span class="pb-rule-id">{ e.standard.clone() }</span>{ " " }{ rule_title(&e.standard) }
                            </p>
                        </li>
                    }
                })
                .collect();
            (!entries.is_empty()).then(|| {
                let id = format!("pb-sit-{situation:?}").to_lowercase();
                html! {
                    <section class="pb-group" aria-labelledby={id.clone()}>
                        <h3 id={id}>{ situation.label() }<span class="pb-group__count">{ format!("{} 条", entries.len()) }</span></h3>
                        <ul class="pb-list">{ for entries }</ul>
                    </section>
                }
            })
        })
        .collect();

    let mut taboo_count = 0;
    let categories: Vec<Html> = TabooCategory::ALL
        .iter()
        .filter_map(|&category| {
            let phrases: Vec<Html> = lib
                .banned
                .phrases
                .iter()
                .filter(|p| p.category == category)
                .filter(|p| {
                    query.matches(p.wordings().chain([p.instead.as_str(), p.note.as_str(), p.standard.as_str(), category.label()]))
                })
                .map(|p| {
                    taboo_count += 1;
                    html! {
                        <li class="pb-taboo" data-testid="pb-taboo" data-id={p.id.clone()}>
                            <div class="pb-taboo__pair">
                                <p class="pb-taboo__avoid"><span class="pb-tag pb-tag--avoid">{ "忌" }</span><s>{ p.phrase.clone() }</s></p>
                                <span class="pb-taboo__arrow" aria-hidden="true">{ "→" }</span>
                                <p class="pb-taboo__instead"><span class="pb-tag pb-tag--use">{ "宜" }</span>{ p.instead.clone() }</p>
                            </div>
                            if !p.variants.is_empty() {
                                <p class="pb-taboo__variants">{ "其他说法：" }{ p.variants.join("、") }</p>
                            }
                            if !p.note.is_empty() {
                                <p class="pb-taboo__note">{ p.note.clone() }</p>
                            }
                            <p class="pb-entry__rule"><span class="pb-rule-id">{ p.standard.clone() }</span>{ " " }{ rule_title(&p.standard) }</p>
                        </li>
                    }
                })
                .collect();
            (!phrases.is_empty()).then(|| {
                let id = format!("pb-cat-{category:?}").to_lowercase();
                html! {
                    <section class="pb-group" aria-labelledby={id.clone()}>
                        <h3 id={id}>{ category.label() }<span class="pb-group__count">{ format!("{} 条", phrases.len()) }</span></h3>
                        <ul class="pb-list">{ for phrases }</ul>
                    </section>
                }
            })
        })
        .collect();

    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let status = if query.is_empty() {
        format!("共 {line_count} 条标准说法、{taboo_count} 条服务忌语")
    } else if line_count + taboo_count == 0 {
        "没有找到匹配的用语，请换个词试试。".to_owned()
    } else {
        format!("找到 {line_count} 条标准说法、{taboo_count} 条服务忌语")
    };
    html! {
        <div class="pb-browse">
            <div class="field pb-search" role="search">
                <label for="pb-search">{ "查找用语" }</label>
                <input id="pb-search" type="search" value={(*typed).clone()} oninput={oninput} autocomplete="off"
                    aria-describedby="pb-search-help pb-search-status" data-testid="pb-search" />
                <p class="field__help" id="pb-search-help">{ "输入场景、说法、忌语或规范编号；繁体、全角也能找到。" }</p>
                <p class="pb-search__status" id="pb-search-status" role="status" aria-live="polite" data-testid="pb-search-status">{ status }</p>
            </div>
            if !situations.is_empty() {
                <section class="pb-part" aria-labelledby="pb-lines-title" data-testid="pb-lines">
                    <h2 id="pb-lines-title">{ "标准说法（按场景）" }</h2>
                    { for situations }
                </section>
            }
            if !categories.is_empty() {
                <section class="pb-part" aria-labelledby="pb-taboo-title" data-testid="pb-taboos">
                    <h2 id="pb-taboo-title">{ "服务忌语 → 规范用语" }</h2>
                    { for categories }
                </section>
            }
        </div>
    }
}
