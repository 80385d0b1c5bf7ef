//! `reply`: the trainee types what they would say. Banned phrases are flagged as they type
//! (with the standard wording to use instead); submit with the button or Ctrl+Enter.

use super::taboo_view::{Highlighted, TabooHits};
use super::use_app;
use drill_core::scenario::Item;
use drill_core::score::Answer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReplyProps {
    pub item: Item,
    pub on_submit: Callback<Answer>,
}

#[component]
pub fn ReplyView(props: &ReplyProps) -> Html {
    let app = use_app();
    let text = use_state(String::new);
    let hits = {
        let lib = app.library().cloned();
        use_memo((*text).clone(), move |t| lib.map(|l| l.taboo.find(t)).unwrap_or_default())
    };
    let submit = {
        let text = text.clone();
        let on_submit = props.on_submit.clone();
        move || {
            if !text.trim().is_empty() {
                on_submit.emit(Answer::Reply { text: (*text).clone() });
            }
        }
    };
    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit();
        })
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            submit();
        }
    });
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()))
    };
    let count = text.chars().count();
    html! {
        <form class="answer" onsubmit={onsubmit}>
            <div class="field">
                <label for="reply-text">{ "您的回答（直接写出您会对客户说的话）" }</label>
                <textarea id="reply-text" rows="5" value={(*text).clone()} oninput={oninput} onkeydown={onkeydown}
                    aria-describedby="item-prompt reply-help reply-taboo" data-testid="reply-input" maxlength="1000" />
                <p class="field__help" id="reply-help">{ format!("已输入 {count} 字 · 按 Ctrl+Enter 或点击“提交回答”提交") }</p>
            </div>
            <div id="reply-taboo" aria-live="polite" data-testid="taboo-live">
                if !hits.is_empty() {
                    <div class="taboo-live">
                        <p class="taboo-live__title">{ format!("注意：发现 {} 处服务忌语", hits.len()) }</p>
                        <Highlighted text={(*text).clone()} hits={(*hits).clone()} />
                        <TabooHits hits={(*hits).clone()} />
                    </div>
                }
            </div>
            <div class="answer__actions">
                <button type="submit" class="button button--primary" disabled={text.trim().is_empty()} data-testid="submit">{ "提交回答" }</button>
            </div>
        </form>
    }
}
