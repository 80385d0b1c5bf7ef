//! `scenarios/index.yaml`: which catalogue, banned list and packs to load.

use super::fields::{index, Map};
use super::report::Report;
use super::{version, yaml, Index, Source};
use crate::diag::Diagnostic;

const FIELDS: &[&str] = &["version", "standards", "banned", "packs"];

pub(crate) fn load(src: &Source) -> Result<Index, Vec<Diagnostic>> {
    let mut report = Report::new(&src.name);
    let index = read(&src.text, &mut report);
    match index {
        Some(index) if !report.has_errors() => Ok(index),
        _ => Err(report.into_diagnostics()),
    }
}

fn read(text: &str, report: &mut Report) -> Option<Index> {
    let root = yaml::parse(text, report)?;
    let top = Map::open(report, &root, "", "目录文件")?;
    if !version::check(report, &top) {
        return None;
    }
    top.check_fields(report, FIELDS, "目录文件", &|_| None);
    let standards = top.text(report, "standards", true, "standards: standards.yaml");
    let banned = top.text(report, "banned", true, "banned: banned.yaml");
    let packs = top.texts(report, "packs", true, "packs: [hall-etiquette.yaml]");
    let packs = packs?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, pack) in packs.iter().enumerate() {
        if pack.value.trim().is_empty() {
            report.error(
                "bad-value",
                &pack.at,
                &index("packs", i),
                "题包文件名是空的",
                "写出题包的文件名，例如 - repair-basics.yaml",
            );
        } else if !seen.insert(pack.value.as_str()) {
            report.error(
                "duplicate-id",
                &pack.at,
                &index("packs", i),
                format!("题包文件 {} 登记了两次", pack.value),
                "删去重复的一行",
            );
        }
    }
    Some(Index {
        standards: standards?.value,
        banned: banned?.value,
        packs: packs.into_iter().map(|p| p.value).collect(),
    })
}
