//! Reading scenario files from disk for the CLI (the app fetches the same files over HTTP).

use drill_core::diag::Diagnostic;
use drill_core::load::{decode, load_banned, load_catalogue, load_index, Library, Source};
use std::path::{Path, PathBuf};

/// Reads a file as a `Source` named by its path; unreadable files, and files that are not
/// UTF-8 text (a Word document, a GBK file: `load::decode` names them), become a diagnostic
/// instead (boxed: a `Diagnostic` is large and the `Ok` path is the common one).
pub fn read(path: &Path) -> Result<Source, Box<Diagnostic>> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => decode(&name, &bytes),
        Err(e) => Err(Box::new(Diagnostic::error("io", &name, 0, 0, "", format!("无法读取文件：{e}"), ""))),
    }
}

/// The `.yaml`/`.yml` files of a scenario folder, relative to it and `/`-separated, sorted;
/// a subfolder with its own `index.yaml` is another library and is left out.
pub fn folder_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.filter_map(Result::ok) {
            let p = entry.path();
            if p.is_dir() {
                if !p.join("index.yaml").is_file() {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                if let Ok(rel) = p.strip_prefix(dir) {
                    out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
                }
            }
        }
    }
    out.sort();
    out
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
