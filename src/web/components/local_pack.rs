//! Opening a pack file from the trainee's own disk (checked like the server's packs).

use super::use_app;
use crate::load::Source;
use crate::web::state::Action;
use gloo::file::callbacks::FileReader;
use gloo::file::File;
use yew::prelude::*;

#[component]
pub fn LocalPackInput() -> Html {
    let app = use_app();
    // Keeps the reader alive until it calls back.
    let reader = use_mut_ref(|| None::<FileReader>);
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|list| list.get(0)) else { return };
            let file = File::from(file);
            let name = file.name();
            let app = app.clone();
            let task = gloo::file::callbacks::read_as_text(&file, move |result| match result {
                Ok(text) => app.dispatch(Action::AddLocalPack(Source::new(name, text))),
                Err(err) => app.dispatch(Action::AddLocalPack(Source::new(name, format!("# 无法读取文件：{err}\n")))),
            });
            *reader.borrow_mut() = Some(task);
            input.set_value("");
        })
    };
    html! {
        <section class="panel local-pack" aria-labelledby="local-pack-title">
            <h2 id="local-pack-title">{ "打开本地题包" }</h2>
            <p class="muted">{ "培训师编写的题包文件（.yaml）也可以直接从本机打开练习，会按同样的规则检查。本地题包只在本次打开页面期间有效。" }</p>
            <label class="file-input__label" for="local-pack-file">{ "题包文件（.yaml）" }</label>
            <div class="file-input">
                <input id="local-pack-file" type="file" accept=".yaml,.yml,text/yaml" onchange={onchange} data-testid="local-pack-input" />
            </div>
            <p class="local-pack__note" role="status" aria-live="polite">{ app.local_note.clone().unwrap_or_default() }</p>
        </section>
    }
}
