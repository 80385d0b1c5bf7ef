//! Reading scenario files from disk for the CLI (the app fetches the same files over HTTP).

use drill_core::diag::Diagnostic;
use drill_core::load::{load_banned, load_catalogue, load_index, Library, Source};
use std::path::{Path, PathBuf};

/// Reads a file as a `Source` named by its path; unreadable or non-UTF-8 files become a
/// diagnostic instead (boxed: a `Diagnostic` is large and the `Ok` path is the common one).
pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Source::new(name, text)),
            Err(_) => Err(Box::new(Diagnostic::error(
                "encoding",
                &name,
                0,
                0,
                "",
                "文件不是 UTF-8 编码",
                "用编辑器另存为 UTF-8",
            ))),
        },
        Err(e) => Err(Box::new(Diagnostic::error("io", &name, 0, 0, "", format!("无法读取文件：{e}"), ""))),
    }
}

/// All `.yaml`/`.yml` files under `path` (or `path` itself), sorted.
pub fn yaml_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let p = entry?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Loads a whole scenarios folder through its `index.yaml`, as the app does.
pub fn load_folder(dir: &Path) -> Result<(Library, Vec<Source>), Vec<Diagnostic>> {
    let index_src = read(&dir.join("index.yaml")).map_err(|d| vec![*d])?;
    let index = load_index(&index_src)?;
    let catalogue = load_catalogue(&read(&dir.join(&index.standards)).map_err(|d| vec![*d])?)?;
    let banned = load_banned(&read(&dir.join(&index.banned)).map_err(|d| vec![*d])?, &catalogue)?;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for name in &index.packs {
        match read(&dir.join(name)) {
            Ok(s) => sources.push(s),
            Err(d) => problems.push(*d),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let library = Library::build(catalogue, banned, &sources);
    Ok((library, sources))
}
