//! The floor for start-up: the least a Yew 0.23 app can do to show an interactive list.
use yew::prelude::*;

#[component]
fn App() -> Html {
    let clicks = use_state(|| 0u32);
    let onclick = {
        let clicks = clicks.clone();
        Callback::from(move |_| clicks.set(*clicks + 1))
    };
    html! {
        <main>
            <h1>{ "服务演练" }</h1>
            <div data-testid="pack-list">
                <article data-testid="pack-card">
                    <button type="button" data-testid="pack-start" {onclick}>{ format!("开始练习 {}", *clicks) }</button>
                </article>
            </div>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
