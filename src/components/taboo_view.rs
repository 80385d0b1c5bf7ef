//! Banned phrases in a typed reply: the text with each hit marked (as typed), and the list of
//! hits with the standard wording to use instead.

use drill_core::results::highlight_segments;
use drill_core::text::TabooHit;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HighlightedProps {
    pub text: String,
    pub hits: Vec<TabooHit>,
}

/// The reply with banned phrases in `<mark>` (text nodes only).
#[component]
pub fn Highlighted(props: &HighlightedProps) -> Html {
    let ranges: Vec<(usize, usize)> = props.hits.iter().map(|h| (h.start, h.end)).collect();
    html! {
        <p class="highlighted" data-testid="reply-highlighted">
            { for highlight_segments(&props.text, &ranges).into_iter().map(|(seg, hit)| match hit {
                Some(_) => html! { <mark class="taboo" data-testid="taboo-mark">{ seg }</mark> },
                None => html! { <span>{ seg }</span> },
            }) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct TabooHitsProps {
    pub hits: Vec<TabooHit>,
}

/// One line per distinct banned phrase: what was typed, how serious, what to say instead.
#[component]
pub fn TabooHits(props: &TabooHitsProps) -> Html {
    let mut seen = Vec::new();
    html! {
        <ul class="taboo-list">
            { for props.hits.iter().filter(|h| {
                if seen.contains(&h.phrase) { false } else { seen.push(h.phrase); true }
            }).map(|h| html! {
                <li data-testid="taboo-hit">
                    <span class="taboo-list__said">{ "“" }<mark class="taboo">{ h.quote.clone() }</mark>{ "”" }</span>
                    <span class="badge badge--fail">{ h.severity.label() }</span>
                    <span class="taboo-list__instead">{ "建议说：" }<strong>{ h.instead.clone() }</strong></span>
                </li>
            }) }
        </ul>
    }
}
