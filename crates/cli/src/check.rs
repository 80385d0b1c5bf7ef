//! `drill check`: everything the app would reject, and the content rules, before a trainer
//! publishes a file.

use crate::render::render;
use crate::scenarios::{folder_files, read, yaml_files};
use crate::CheckFormat;
use annotate_snippets::Renderer;
use drill_core::diag::{Diagnostic, Level};
use drill_core::lint::{lint_library, lint_wordings};
use drill_core::load::{load_banned, load_catalogue, load_index, missing_phrasebook, unlisted_files, Library, Source};
use drill_core::phrasebook::load_phrasebook;
use drill_core::scenario::BannedList;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Index,
    Standards,
    Banned,
    Phrasebook,
    Pack,
}

/// Tells file kinds apart by their top-level keys, so names don't matter.
fn classify(text: &str) -> Kind {
    let Ok(keys) = serde_saphyr::from_str::<BTreeMap<String, serde::de::IgnoredAny>>(text) else { return Kind::Pack };
    if keys.contains_key("items") {
        Kind::Pack
    } else if keys.contains_key("packs") {
        Kind::Index
    } else if keys.contains_key("phrases") {
        Kind::Banned
    } else if keys.contains_key("entries") {
        Kind::Phrasebook
    } else if keys.contains_key("standards") {
        Kind::Standards
    } else {
        Kind::Pack
    }
}

/// `name` next to one of the given files, or in a `scenarios/` folder above them.
fn find_near(files: &[PathBuf], name: &str) -> Option<PathBuf> {
    for f in files {
        let mut dir = f.parent();
        while let Some(d) = dir {
            for candidate in [d.join(name), d.join("scenarios").join(name)] {
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            dir = d.parent();
        }
    }
    None
}

pub fn run(paths: &[PathBuf], format: CheckFormat, standards: Option<&Path>, banned: Option<&Path>) -> u8 {
    let mut files = Vec::new();
    for p in paths {
        match yaml_files(p) {
            Ok(found) if p.exists() => files.extend(found),
            _ => {
                eprintln!("drill check: 找不到 {}", p.display());
                return 2;
            }
        }
    }
    if files.is_empty() {
        eprintln!("drill check: 没有找到 .yaml 文件");
        return 2;
    }
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut by_kind: Vec<(Kind, Source)> = Vec::new();
    for f in &files {
        match read(f) {
            Ok(s) => {
                texts.insert(s.name.clone(), s.text.clone());
                by_kind.push((classify(&s.text), s));
            }
            Err(d) => diagnostics.push(*d),
        }
    }
    let pick = |kind: Kind, flag: Option<&Path>, name: &str| -> Option<Source> {
        if let Some(path) = flag {
            return read(path).ok();
        }
        by_kind
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, s)| s.clone())
            .or_else(|| find_near(&files, name).and_then(|p| read(&p).ok()))
    };
    let Some(catalogue_src) = pick(Kind::Standards, standards, "standards.yaml") else {
        eprintln!("drill check: 找不到标准库 standards.yaml，请用 --standards 指定");
        return 2;
    };
    texts.entry(catalogue_src.name.clone()).or_insert_with(|| catalogue_src.text.clone());
    let catalogue = match load_catalogue(&catalogue_src) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.extend(d);
            return finish(&diagnostics, &texts, files.len(), format);
        }
    };
    let banned_src = pick(Kind::Banned, banned, "banned.yaml");
    let banned_list = match &banned_src {
        Some(src) => {
            texts.entry(src.name.clone()).or_insert_with(|| src.text.clone());
            load_banned(src, &catalogue).unwrap_or_else(|d| {
                diagnostics.extend(d);
                BannedList::default()
            })
        }
        None => BannedList::default(),
    };
    for (kind, src) in &by_kind {
        if *kind == Kind::Index {
            match load_index(src) {
                Ok(index) => {
                    let dir = Path::new(&src.name).parent().unwrap_or(Path::new("."));
                    // What `drill bundle` of this folder says too: files it would not read,
                    // and no phrasebook.
                    let present = folder_files(dir);
                    diagnostics.extend(unlisted_files(src, &index, &present).into_iter().map(|(_, d)| d));
                    if !present.iter().any(|f| f == "phrasebook.yaml") {
                        diagnostics.push(missing_phrasebook(&dir.join("phrasebook.yaml").display().to_string()));
                    }
                    for name in index.packs.iter().chain([&index.standards, &index.banned]) {
                        if !dir.join(name).is_file() {
                            let (line, column) = line_of(&src.text, name);
                            diagnostics.push(Diagnostic::error(
                                "missing-file",
                                &src.name,
                                line,
                                column,
                                "packs",
                                format!("目录中登记的文件 {name} 不存在"),
                                "检查文件名拼写，或把文件放到 index.yaml 所在的文件夹",
                            ));
                        }
                    }
                }
                Err(d) => diagnostics.extend(d),
            }
        }
    }
    let mut packs: Vec<Source> = by_kind.iter().filter(|(k, _)| *k == Kind::Pack).map(|(_, s)| s.clone()).collect();
    // In index order (files it does not list last), as the app loads them: of two packs
    // using one id, the later one is the new one, to be told to change it.
    let order = index_order(&files);
    let rank = |s: &Source| order.iter().position(|p| same_file(p, Path::new(&s.name))).unwrap_or(usize::MAX);
    packs.sort_by_key(rank);
    // Item and pack ids must be unique across the whole library: when single files are
    // checked, the other packs listed in the nearby index.yaml are loaded first (not reported
    // on) so a clash with them is found too.
    let context = if by_kind.iter().any(|(k, _)| *k == Kind::Index) { Vec::new() } else { context_packs(&files) };
    for s in &context {
        texts.entry(s.name.clone()).or_insert_with(|| s.text.clone());
    }
    let checked: Vec<&str> = packs.iter().map(|s| s.name.as_str()).collect();
    let mut all: Vec<Source> = context.into_iter().chain(packs.iter().cloned()).collect();
    all.sort_by_key(rank);
    let library = Library::build(catalogue.clone(), banned_list, &all);
    for broken in &library.broken {
        if checked.contains(&broken.file.as_str()) {
            diagnostics.extend(broken.diagnostics.iter().cloned());
        } else {
            // A newer pack (not checked) reusing an id of a checked one: the clash is the
            // checked file's business too, but the newer pack is the one to change.
            diagnostics.extend(
                broken
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        d.code == "duplicate-id" && checked.iter().any(|c| d.message.contains(&format!("（{c}")))
                    })
                    .cloned(),
            );
        }
    }
    diagnostics.extend(library.warnings.iter().filter(|d| checked.contains(&d.file.as_str())).cloned());
    diagnostics.extend(lint_library(&library, &packs).into_iter().filter(|d| checked.contains(&d.file.as_str())));
    let phrasebooks: Vec<&Source> = by_kind.iter().filter(|(k, _)| *k == Kind::Phrasebook).map(|(_, s)| s).collect();
    let mut phrasebook = None;
    for src in &phrasebooks {
        match load_phrasebook(src, &catalogue) {
            Ok(file) => phrasebook = Some((file, (*src).clone())),
            Err(d) => diagnostics.extend(d),
        }
    }
    if let Some(src) = &banned_src {
        diagnostics.extend(lint_wordings(&library, src, phrasebook.as_ref().map(|(f, s)| (f, s))));
    }
    finish(&diagnostics, &texts, files.len(), format)
}

/// The packs the `index.yaml` of the checked files (among them, or in their folder or above)
/// lists, in its order.
fn index_order(files: &[PathBuf]) -> Vec<PathBuf> {
    let index_path = files.iter().find(|f| f.file_name().is_some_and(|n| n == "index.yaml")).cloned().or_else(|| {
        files.iter().find_map(|f| f.ancestors().skip(1).map(|d| d.join("index.yaml")).find(|p| p.is_file()))
    });
    let Some(index_path) = index_path else { return Vec::new() };
    let Ok(index) = read(&index_path).map_err(|_| ()).and_then(|src| load_index(&src).map_err(|_| ())) else {
        return Vec::new();
    };
    let dir = index_path.parent().unwrap_or(Path::new("."));
    index.packs.iter().map(|name| dir.join(name)).collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The packs listed in the `index.yaml` in the checked files' folder (or above), except the
/// checked files themselves.
fn context_packs(files: &[PathBuf]) -> Vec<Source> {
    // Only an index in the file's own folder (or above): a file elsewhere is not part of
    // that library.
    let Some(index_path) =
        files.iter().find_map(|f| f.ancestors().skip(1).map(|d| d.join("index.yaml")).find(|p| p.is_file()))
    else {
        return Vec::new();
    };
    let Ok(index) = read(&index_path).map_err(|_| ()).and_then(|src| load_index(&src).map_err(|_| ())) else {
        return Vec::new();
    };
    let dir = index_path.parent().unwrap_or(Path::new("."));
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    index
        .packs
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| !files.iter().any(|f| same(f, p)))
        .filter_map(|p| read(&p).ok())
        .collect()
}

fn line_of(text: &str, needle: &str) -> (u32, u32) {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#'))
        .find_map(|(n, l)| l.find(needle).map(|at| ((n + 1) as u32, (l[..at].chars().count() + 1) as u32)))
        .unwrap_or((0, 0))
}

fn finish(diagnostics: &[Diagnostic], texts: &BTreeMap<String, String>, files: usize, format: CheckFormat) -> u8 {
    let mut sorted = diagnostics.to_vec();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column, &a.code).cmp(&(&b.file, b.line, b.column, &b.code)));
    sorted.dedup();
    let errors = sorted.iter().filter(|d| d.level == Level::Error).count();
    let warnings = sorted.len() - errors;
    match format {
        CheckFormat::Json => {
            let out =
                serde_json::json!({ "files": files, "errors": errors, "warnings": warnings, "diagnostics": sorted });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        CheckFormat::Human => {
            let renderer = Renderer::styled();
            for d in &sorted {
                anstream::println!("{}\n", render(d, texts.get(&d.file).map(String::as_str), &renderer));
            }
            println!("检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告");
        }
    }
    u8::from(errors > 0)
}
