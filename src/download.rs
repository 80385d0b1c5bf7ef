//! Saving a file from the page: a Blob, an object URL and a temporary `<a download>` that is
//! clicked and removed. Nothing goes to a server.

use wasm_bindgen::JsCast;

/// Offers `content` as a download named `file_name`. `Err` with a reason in Chinese.
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(content, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = web_sys::window().and_then(|w| w.document()).ok_or("没有浏览器窗口")?;
    let body = document.body().ok_or("页面尚未加载完成")?;
    let a = document.create_element("a").map_err(|_| "无法创建下载链接")?;
    a.set_attribute("href", &url).map_err(|_| "无法创建下载链接")?;
    a.set_attribute("download", file_name).map_err(|_| "无法创建下载链接")?;
    a.set_attribute("hidden", "").ok();
    body.append_child(&a).map_err(|_| "无法创建下载链接")?;
    if let Some(el) = a.dyn_ref::<web_sys::HtmlElement>() {
        el.click();
    }
    a.remove();
    // The browser has started reading the blob; revoke the URL a little later.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}

/// A file-name-safe version of free text (工号, dates): no path or reserved characters.
pub fn safe_name(s: &str) -> String {
    let cleaned: String = s
        .trim()
        .chars()
        .map(|c| if c.is_control() || "\\/:*?\"<>|".contains(c) || c.is_whitespace() { '_' } else { c })
        .collect();
    if cleaned.is_empty() {
        "未填写".to_owned()
    } else {
        cleaned
    }
}
