//! A rule quoted from the standards catalogue: id, title and the rule text itself, so the
//! trainee reads the standard, not a paraphrase.

use super::use_app;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RuleQuoteProps {
    pub id: AttrValue,
    /// Show only id and title, with the text behind a disclosure.
    #[prop_or_default]
    pub compact: bool,
}

#[component]
pub fn RuleQuote(props: &RuleQuoteProps) -> Html {
    let app = use_app();
    let lib = app.library().cloned();
    let standard = lib.as_ref().and_then(|l| l.catalogue.get(&props.id).cloned());
    let source =
        lib.as_ref().zip(standard.as_ref()).and_then(|(l, s)| l.catalogue.source_title(&s.source).map(str::to_owned));
    let Some(s) = standard else {
        return html! { <span class="rule rule--unknown" data-testid="rule-quote">{ format!("规范 {}", props.id) }</span> };
    };
    let cite = match (source, s.section.is_empty()) {
        (Some(src), false) => format!("{src} · {}", s.section),
        (Some(src), true) => src,
        (None, false) => s.section.clone(),
        (None, true) => String::new(),
    };
    if props.compact {
        return html! {
            <details class="rule rule--compact" data-testid="rule-quote" data-rule-id={s.id.clone()}>
                <summary><span class="rule__id">{ s.id.clone() }</span>{ " " }<span class="rule__title">{ s.title.clone() }</span></summary>
                <blockquote class="rule__text">{ s.text.clone() }</blockquote>
                if !cite.is_empty() { <p class="rule__cite">{ cite }</p> }
            </details>
        };
    }
    html! {
        <figure class="rule" data-testid="rule-quote" data-rule-id={s.id.clone()}>
            <figcaption><span class="rule__id">{ s.id.clone() }</span>{ " " }<span class="rule__title">{ s.title.clone() }</span></figcaption>
            <blockquote class="rule__text">{ s.text.clone() }</blockquote>
            if !cite.is_empty() { <p class="rule__cite">{ format!("出处：{cite}") }</p> }
        </figure>
    }
}
