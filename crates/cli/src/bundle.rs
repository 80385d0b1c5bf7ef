//! `drill bundle [DIR] --out FILE`: compiles the scenario folder into the one JSON file the
//! app fetches (`content.json`, see `drill_core::bundle`), and writes the pack list the
//! trainee app draws first beside it (`packs.json`, `bundle::PackIndex`).
//!
//! Exit 0 when the file is written, even if some packs are broken: the app shows them
//! beside the others, and their diagnostics are printed here as `drill check` prints them.
//! Exit 2, writing nothing, when the index or the catalogue is unusable or the file cannot
//! be written. The file is replaced atomically (written beside it, then renamed), so a site
//! being served never hands out half a file.

use crate::render::render;
use crate::scenarios::folder_files;
use annotate_snippets::Renderer;
use drill_core::bundle::{self, BundledPhrasebook, ContentBundle};
use drill_core::diag::{Diagnostic, Level};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

pub fn run(dir: &Path, out: &Path, pretty: bool) -> u8 {
    // Every text read, under the name diagnostics use (`scenarios/x.yaml`), for the snippets.
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let present = folder_files(dir);
    let compiled = bundle::compile_folder(
        |file| {
            let bytes = read(&dir.join(file))?;
            if let Ok(text) = std::str::from_utf8(&bytes) {
                texts.insert(bundle::source_name(file), text.to_owned());
            }
            Ok(bytes)
        },
        &present,
    );
    let content = match compiled {
        Ok(content) => content,
        Err(failure) => {
            eprintln!("drill bundle: {}：{}（题库文件夹 {}）", failure.title, failure.detail, dir.display());
            print_diagnostics(dir, &failure.diagnostics, &texts, true);
            eprintln!("drill bundle: 没有写入 {}", out.display());
            return 2;
        }
    };
    let json = if pretty { content.to_json_pretty() } else { content.to_json() };
    // What is written must open in the app as exactly what was compiled.
    let opened = match bundle::open(&json) {
        Ok(opened) => opened,
        Err(e) => {
            eprintln!("drill bundle: 生成的文件无法通过完整性检查（程序错误，请报告）：{e}");
            return 2;
        }
    };
    let library = &opened.library;
    if !(library.packs == content.packs
        && library.catalogue == content.catalogue
        && library.banned == content.banned
        && opened.phrasebook == content.phrasebook)
    {
        eprintln!("drill bundle: 警告：有分值在 JSON 中无法逐位精确保存（相差不到十亿分之一分，不影响评分，但题库指纹会与直接读取 YAML 时不同）");
    }
    // The pack list the trainee app draws first (bundle::PackIndex), from what the app will
    // open, written after content.json: a page loaded between the two renames sees an old
    // list and replaces it with the new content's.
    let index_path = out.with_file_name(bundle::PACKS_FILE);
    let index_json = bundle::PackIndex::of(library).to_json();
    for (path, text) in [(out, &json), (index_path.as_path(), &index_json)] {
        if let Err(e) = write_atomically(path, text.as_bytes()) {
            eprintln!("drill bundle: 无法写入 {}：{e}", path.display());
            return 2;
        }
    }

    let mut diagnostics: Vec<Diagnostic> = content.broken.iter().flat_map(|b| b.diagnostics.iter().cloned()).collect();
    if let BundledPhrasebook::Broken(book) = &content.phrasebook {
        if book.diagnostics.is_empty() {
            diagnostics.push(Diagnostic::error(
                "fetch",
                &book.file,
                0,
                0,
                "",
                format!("规范用语手册无法加载：{}", book.detail),
                "",
            ));
        } else {
            diagnostics.extend(book.diagnostics.iter().cloned());
        }
    }
    print_diagnostics(dir, &diagnostics, &texts, false);
    println!("{}", summary(&content, out, json.len(), &index_path, index_json.len()));
    0
}

/// Where a file named in the bundle (`scenarios/x.yaml`) is on disk: in `dir`.
fn on_disk(dir: &Path, name: &str) -> String {
    match name.strip_prefix(bundle::SOURCE_DIR) {
        Some(rest) => dir.join(rest).display().to_string(),
        None => name.to_owned(),
    }
}

/// `已写入 content.json（123 KB）：10 个题包，214 道题；0 个文件有错误……` — one line.
fn summary(content: &ContentBundle, out: &Path, bytes: usize, index: &Path, index_bytes: usize) -> String {
    // A missing phrasebook is only a warning (`drill check` says the same).
    let (book_broken, book_warnings) = match &content.phrasebook {
        BundledPhrasebook::Broken(book)
            if book.diagnostics.iter().all(|d| !d.is_error()) && !book.diagnostics.is_empty() =>
        {
            (0, book.diagnostics.len())
        }
        BundledPhrasebook::Broken(_) => (1, 0),
        BundledPhrasebook::Loaded(_) => (0, 0),
    };
    let broken = content.broken.len() + book_broken;
    let kb = |n: usize| (n as f64 / 1024.0).ceil();
    let mut line = format!(
        "已写入 {}（{} KB）和题包列表 {}（{} KB）：{} 个题包，{} 道题；{broken} 个文件有错误",
        out.display(),
        kb(bytes),
        index.display(),
        kb(index_bytes),
        content.packs.len(),
        content.item_count()
    );
    if broken > 0 {
        line.push_str("（见上，应用中会单独列出，其余题包照常使用）");
    }
    let warnings = content.warnings.len() + book_warnings;
    if warnings > 0 {
        line.push_str(&format!("，{warnings} 个警告（用 drill check 查看）"));
    }
    line
}

/// Rendered as `drill check` renders them, in file and line order, each file named where
/// it is on disk (the bundle names them `scenarios/…` whatever the folder).
fn print_diagnostics(dir: &Path, diagnostics: &[Diagnostic], texts: &BTreeMap<String, String>, to_stderr: bool) {
    let mut sorted = diagnostics.to_vec();
    sorted.sort_by(|a, b| (&a.file, a.line, a.column, &a.code).cmp(&(&b.file, b.line, b.column, &b.code)));
    sorted.dedup();
    let renderer = Renderer::styled();
    for d in &sorted {
        let source = texts.get(&d.file).map(String::as_str);
        let shown = Diagnostic { file: on_disk(dir, &d.file), ..d.clone() };
        let text = render(&shown, source, &renderer);
        if to_stderr {
            anstream::eprintln!("{text}\n");
        } else {
            anstream::println!("{text}\n");
        }
    }
    let errors = sorted.iter().filter(|d| d.level == Level::Error).count();
    if errors > 0 && !to_stderr {
        println!("{errors} 个错误：出错的文件不会出现在应用的题包列表中，修改后重新运行 drill bundle");
    }
}

/// A file's bytes, or why it cannot be read (the app's "fetch" failures). The reason goes
/// into the bundle that trainees download, so it names no path on this machine; the file
/// is named by the diagnostic (`scenarios/x.yaml`). Whether the bytes are text is decided
/// by `bundle::compile_folder`.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err("文件不存在".to_owned()),
        Err(e) => Err(format!("{}", e.kind())),
    }
}

/// Writes `bytes` beside `out` and renames it into place: readers see the old file or the
/// new one, never a part.
fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name =
        out.file_name().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "输出路径不是文件"))?;
    let tmp: PathBuf = out.with_file_name(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}
