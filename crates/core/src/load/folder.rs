//! The scenario folder as a whole: a file in it that `index.yaml` does not list is read by
//! nobody — not the app, not `drill bundle` — so a trainer who copied a new pack in and
//! forgot to register it would see it silently missing. `drill check` of the folder and
//! `drill bundle` both report it, at the `packs:` line where it has to be added.

use super::{Index, Source};
use crate::diag::Diagnostic;

/// Files found by their fixed names, without being listed (`bundle::INDEX_FILE`,
/// `bundle::PHRASEBOOK_FILE`).
const FIXED: [&str; 2] = ["index.yaml", "phrasebook.yaml"];

/// Each `.yaml` file of the folder (`present`, names relative to the folder, `/`-separated)
/// that `index` does not name, in the order given, with its `unlisted-file` error (reported
/// on `index_src` at its `packs:` key).
pub fn unlisted_files(index_src: &Source, index: &Index, present: &[String]) -> Vec<(String, Diagnostic)> {
    let clean = |name: &str| name.trim().trim_start_matches("./").replace('\\', "/");
    let known: Vec<String> = FIXED
        .into_iter()
        .chain([index.standards.as_str(), index.banned.as_str()])
        .chain(index.packs.iter().map(String::as_str))
        .map(clean)
        .collect();
    let (line, column) = packs_key(&index_src.text);
    present
        .iter()
        .filter(|name| !known.contains(&clean(name)))
        .map(|name| {
            let d = Diagnostic::error(
                "unlisted-file",
                &index_src.name,
                line,
                column,
                "packs",
                format!("文件夹中的 {name} 没有在 index.yaml 中登记：应用和 drill bundle 都不会读取它"),
                format!("如果它是题包，在 packs 下加一行：  - {name}；不需要的文件请移出这个文件夹"),
            )
            .with_width("packs".len());
            (name.clone(), d)
        })
        .collect()
}

/// The warning for a scenario folder without `phrasebook.yaml` (`file`: where it would be).
/// Not an error: the packs work without it; the study page's phrasebook stays empty.
pub fn missing_phrasebook(file: &str) -> Diagnostic {
    Diagnostic::warning(
        "missing-file",
        file,
        0,
        0,
        "",
        "文件夹中没有规范用语手册 phrasebook.yaml：题包照常使用，学习页的“规范用语”将是空的",
        "需要规范用语时，按 docs/FORMAT.md 在这个文件夹中加上 phrasebook.yaml（可从 scenarios/ 复制一份改写）",
    )
}

/// Where the top-level `packs:` key is (1:1 if it cannot be found).
fn packs_key(text: &str) -> (u32, u32) {
    text.lines()
        .position(|l| l.starts_with("packs:") || l.starts_with("packs :"))
        .map_or((1, 1), |n| (u32::try_from(n + 1).unwrap_or(u32::MAX), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_the_index_does_not_name() {
        let src = Source::new(
            "scenarios/index.yaml",
            "version: 1\nstandards: standards.yaml\nbanned: banned.yaml\npacks:\n  - a.yaml\n  - ./sub/b.yaml\n",
        );
        let index = super::super::load_index(&src).expect("index");
        let present: Vec<String> =
            ["index.yaml", "standards.yaml", "banned.yaml", "phrasebook.yaml", "a.yaml", "sub/b.yaml", "draft.yaml"]
                .map(String::from)
                .to_vec();
        let d = unlisted_files(&src, &index, &present);
        assert_eq!(d.len(), 1, "{d:?}");
        let (file, d) = &d[0];
        assert_eq!((file.as_str(), d.code.as_str(), d.line, d.column), ("draft.yaml", "unlisted-file", 4, 1));
        assert!(d.message.contains("draft.yaml") && d.hint.contains("- draft.yaml"), "{d}");
    }
}
