//! Loading the scenario content at run time: `scenarios/index.yaml`, then the catalogue, the
//! banned-phrase list and every pack it lists (relative URLs, never cached), so a trainer can
//! edit a YAML file on the server and reload without a rebuild.
//!
//! Only the index and the catalogue are essential; a pack that cannot be fetched or parsed
//! becomes a `BrokenPack` shown beside the others, and a broken banned list is reported the
//! same way while the packs still load (without banned-phrase checks).

use crate::diag::Diagnostic;
use crate::load::{self, BrokenPack, Library, Source};
use crate::scenario::BannedList;
use gloo::net::http::Request;
use web_sys::RequestCache;

/// Where the content lives, relative to the page.
pub const BASE: &str = "scenarios/";
pub const INDEX: &str = "index.yaml";

/// Why nothing could be loaded (shown instead of the pack list).
#[derive(Debug, Clone, PartialEq)]
pub struct LoadFailure {
    pub title: String,
    pub detail: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Fetches a text file, bypassing the HTTP cache so edits show on reload.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .cache(RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| format!("网络错误：{e}"))?;
    if !response.ok() {
        return Err(format!("服务器返回 {} {}", response.status(), response.status_text()));
    }
    response.text().await.map_err(|e| format!("读取内容失败：{e}"))
}

fn fetch_diagnostic(file: &str, why: &str) -> Diagnostic {
    Diagnostic::error("fetch", file, 0, 0, "", format!("无法读取文件：{why}"), "检查文件是否存在、是否已在 index.yaml 中正确登记文件名。")
}

/// Loads everything; `Err` only when the index or the catalogue is unusable.
pub async fn load_library() -> Result<Library, LoadFailure> {
    let index_name = format!("{BASE}{INDEX}");
    let index_text = fetch_text(&index_name).await.map_err(|why| LoadFailure {
        title: "无法读取题库目录".to_owned(),
        detail: format!("{index_name}：{why}"),
        diagnostics: Vec::new(),
    })?;
    let index = load::load_index(&Source::new(&index_name, index_text)).map_err(|diagnostics| LoadFailure {
        title: "题库目录有错误".to_owned(),
        detail: format!("{index_name} 无法解析，请培训师按下列提示修改后刷新页面。"),
        diagnostics,
    })?;

    let standards_name = format!("{BASE}{}", index.standards);
    let standards_text = fetch_text(&standards_name).await.map_err(|why| LoadFailure {
        title: "无法读取规范标准库".to_owned(),
        detail: format!("{standards_name}：{why}"),
        diagnostics: Vec::new(),
    })?;
    let catalogue = load::load_catalogue(&Source::new(&standards_name, standards_text)).map_err(|diagnostics| LoadFailure {
        title: "规范标准库有错误".to_owned(),
        detail: format!("{standards_name} 无法解析；所有题目都引用它，修改后刷新页面即可。"),
        diagnostics,
    })?;

    let mut extra_broken = Vec::new();
    let banned_name = format!("{BASE}{}", index.banned);
    let banned = match fetch_text(&banned_name).await {
        Ok(text) => match load::load_banned(&Source::new(&banned_name, text), &catalogue) {
            Ok(b) => b,
            Err(diagnostics) => {
                extra_broken.push(BrokenPack { file: banned_name.clone(), title: Some("服务忌语表（本次未启用忌语检查）".to_owned()), diagnostics });
                BannedList::default()
            }
        },
        Err(why) => {
            extra_broken.push(BrokenPack {
                file: banned_name.clone(),
                title: Some("服务忌语表（本次未启用忌语检查）".to_owned()),
                diagnostics: vec![fetch_diagnostic(&banned_name, &why)],
            });
            BannedList::default()
        }
    };

    let mut sources = Vec::new();
    for file in &index.packs {
        let name = format!("{BASE}{file}");
        match fetch_text(&name).await {
            Ok(text) => sources.push(Source::new(name, text)),
            Err(why) => extra_broken.push(BrokenPack { file: name.clone(), title: None, diagnostics: vec![fetch_diagnostic(&name, &why)] }),
        }
    }
    let mut library = Library::build(catalogue, banned, &sources);
    library.broken.extend(extra_broken);
    Ok(library)
}
