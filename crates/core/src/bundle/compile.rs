//! The scenario folder → a [`ContentBundle`], with the semantics the app had when it fetched
//! and loaded the YAML files itself, so trainers see the same packs and the same errors:
//!
//! - `index.yaml` and the catalogue it names are essential: without them nothing can be
//!   shown, so compiling fails (and `drill bundle` writes nothing).
//! - A broken or unreadable `banned.yaml` is set aside as a broken entry titled
//!   "服务忌语表（本次未启用忌语检查）" and the packs load without banned-phrase checks.
//! - A pack that cannot be read is broken with a `fetch` diagnostic; a pack with errors is
//!   broken with the loader's diagnostics (`Library::build`); the others are unaffected.
//! - `phrasebook.yaml` (fixed name) is loaded against the catalogue, or its problem is kept.
//!
//! Files are named `scenarios/<file>` in every message, as the app showed them. The titles
//! are the app's; the details say to re-run `drill bundle` (reloading the page no longer
//! picks up an edited YAML file).
//!
//! A pure function over a file reader, so tests can feed it files from memory and the CLI
//! reads them from disk.

use super::content::{BrokenPhrasebook, BundledPhrasebook, ContentBundle};
use super::{source_name, INDEX_FILE, PHRASEBOOK_FILE};
use crate::diag::Diagnostic;
use crate::library::{BrokenPack, Library};
use crate::load::{self, Source};
use crate::phrasebook::load_phrasebook;
use crate::scenario::BannedList;
use std::fmt;

/// The title the app gives a banned list that did not load.
const BANNED_BROKEN_TITLE: &str = "服务忌语表（本次未启用忌语检查）";

/// Why no bundle could be built: the index or the catalogue is unusable. Shaped like the
/// app's load-failure panel (a title, one line of detail, the diagnostics to fix).
#[derive(Debug, Clone, PartialEq)]
pub struct CompileFailure {
    pub title: String,
    pub detail: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for CompileFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.title, self.detail)
    }
}

/// The `fetch` diagnostic of a file that could not be read (same wording as the app's).
fn unreadable(file: &str, why: &str) -> Diagnostic {
    Diagnostic::error(
        "fetch",
        file,
        0,
        0,
        "",
        format!("无法读取文件：{why}"),
        "检查文件是否存在、是否已在 index.yaml 中正确登记文件名。",
    )
}

/// Compiles a scenario folder. `read` is given a file name relative to the folder, as
/// written in `index.yaml` (`index.yaml`, `standards.yaml`, `repair.yaml`, …), and returns
/// its text or why it could not be read. `Err` only when the index or the catalogue is
/// unusable.
pub fn compile(mut read: impl FnMut(&str) -> Result<String, String>) -> Result<ContentBundle, CompileFailure> {
    compile_inner(|file| read(file).map_err(|why| Box::new(unreadable(&source_name(file), &why))), None)
}

/// [`compile`] from a folder on disk: `read` returns a file's bytes (decoded here, so a Word
/// document or a GBK file is named as such: `load::decode`), and `present` lists every
/// `.yaml` file in the folder (relative, `/`-separated): those `index.yaml` does not list
/// are set aside as broken with an `unlisted-file` error, and a missing `phrasebook.yaml`
/// is a `missing-file` warning, as `drill check` reports them.
pub fn compile_folder(
    mut read: impl FnMut(&str) -> Result<Vec<u8>, String>,
    present: &[String],
) -> Result<ContentBundle, CompileFailure> {
    compile_inner(
        |file| {
            let name = source_name(file);
            let bytes = read(file).map_err(|why| Box::new(unreadable(&name, &why)))?;
            load::decode(&name, &bytes).map(|src| src.text)
        },
        Some(present),
    )
}

fn compile_inner(
    mut read: impl FnMut(&str) -> Result<String, Box<Diagnostic>>,
    present: Option<&[String]>,
) -> Result<ContentBundle, CompileFailure> {
    let index_name = source_name(INDEX_FILE);
    let index_text = read(INDEX_FILE).map_err(|d| CompileFailure {
        title: "无法读取题库目录".to_owned(),
        detail: format!("{index_name}：{}", d.message),
        diagnostics: unless_fetch(*d),
    })?;
    let index_src = Source::new(&index_name, index_text);
    let index = load::load_index(&index_src).map_err(|diagnostics| CompileFailure {
        title: "题库目录有错误".to_owned(),
        detail: format!("{index_name} 无法解析，请按下列提示修改后重新运行 drill bundle。"),
        diagnostics,
    })?;

    let standards_name = source_name(&index.standards);
    let standards_text = read(&index.standards).map_err(|d| CompileFailure {
        title: "无法读取规范标准库".to_owned(),
        detail: format!("{standards_name}：{}", d.message),
        diagnostics: unless_fetch(*d),
    })?;
    let catalogue =
        load::load_catalogue(&Source::new(&standards_name, standards_text)).map_err(|diagnostics| CompileFailure {
            title: "规范标准库有错误".to_owned(),
            detail: format!("{standards_name} 无法解析；所有题目都引用它，请按下列提示修改后重新运行 drill bundle。"),
            diagnostics,
        })?;

    let mut extra_broken = Vec::new();
    let banned_name = source_name(&index.banned);
    let banned = match read(&index.banned) {
        Ok(text) => load::load_banned(&Source::new(&banned_name, text), &catalogue),
        Err(d) => Err(vec![*d]),
    };
    let banned = banned.unwrap_or_else(|diagnostics| {
        extra_broken.push(BrokenPack {
            file: banned_name.clone(),
            title: Some(BANNED_BROKEN_TITLE.to_owned()),
            diagnostics,
        });
        BannedList::default()
    });

    let mut sources = Vec::with_capacity(index.packs.len());
    for file in &index.packs {
        let name = source_name(file);
        match read(file) {
            Ok(text) => sources.push(Source::new(name, text)),
            Err(d) => extra_broken.push(BrokenPack { file: name.clone(), title: None, diagnostics: vec![*d] }),
        }
    }
    // Files in the folder nobody reads: shown beside the broken packs, where a trainer
    // looks for the pack that did not appear.
    if let Some(present) = present {
        for (file, d) in load::unlisted_files(&index_src, &index, present) {
            extra_broken.push(BrokenPack { file: source_name(&file), title: None, diagnostics: vec![d] });
        }
    }

    let phrasebook_name = source_name(PHRASEBOOK_FILE);
    let phrasebook_absent = present.is_some_and(|p| !p.iter().any(|f| f == PHRASEBOOK_FILE));
    let phrasebook = match read(PHRASEBOOK_FILE) {
        Err(_) if phrasebook_absent => BundledPhrasebook::Broken(BrokenPhrasebook {
            detail: format!("{phrasebook_name}：文件不存在"),
            diagnostics: vec![load::missing_phrasebook(&phrasebook_name)],
            file: phrasebook_name,
        }),
        Err(d) => BundledPhrasebook::Broken(BrokenPhrasebook {
            detail: format!("{phrasebook_name}：{}", d.message.trim_start_matches("无法读取文件：")),
            diagnostics: unless_fetch(*d),
            file: phrasebook_name,
        }),
        Ok(text) => match load_phrasebook(&Source::new(&phrasebook_name, text), &catalogue) {
            Ok(file) => BundledPhrasebook::Loaded(file),
            Err(diagnostics) => BundledPhrasebook::Broken(BrokenPhrasebook {
                detail: format!("{phrasebook_name} 有错误，请培训师按下列提示修改后重新生成题库数据（drill bundle）。"),
                file: phrasebook_name,
                diagnostics,
            }),
        },
    };

    let mut library = Library::build(catalogue, banned, &sources);
    library.broken.extend(extra_broken);
    Ok(ContentBundle::from_library(library, phrasebook))
}

/// A read failure's diagnostic, unless it only says the file could not be fetched (the
/// failure's detail says that already).
fn unless_fetch(d: Diagnostic) -> Vec<Diagnostic> {
    if d.code == "fetch" {
        Vec::new()
    } else {
        vec![d]
    }
}
