//! The results file a trainee exports and a team lead imports.
//!
//! Self-describing: besides every attempt it carries the trainee, the app and content
//! versions, and a description of each item attempted (pack, kind, rule ids, maximum), so a
//! lead can aggregate a team's files without having the same content loaded, and `drill
//! report` can work from the files alone. A totals block lets import catch hand-edited
//! numbers; where the lead has the same content, answers are re-scored as well.

use super::store::{Attempt, Profile, TraineeStore};
use crate::from_json::read;
use crate::from_json::read_struct;
use crate::library::Library;
use crate::points::hundredths;
use crate::scenario::{ItemKind, Points, RuleId};
use crate::score::{score, Verdict};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Marks the file as ours, so a random JSON file is rejected with a clear reason.
pub const RESULTS_KIND: &str = "service-drill-results";
/// Bump when the shape changes; `ResultsFile::parse` migrates older formats.
pub const RESULTS_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultsFile {
    pub kind: String,
    pub format: u32,
    pub app_version: String,
    /// Fingerprint of the scenario content the answers were scored against.
    pub content_version: String,
    pub exported_ms: f64,
    pub trainee: Profile,
    /// Every pack the attempts belong to.
    pub packs: Vec<PackInfo>,
    /// Every item attempted.
    pub items: Vec<ItemInfo>,
    pub attempts: Vec<Attempt>,
    pub totals: Totals,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub title: String,
    pub pass_mark: f64,
    pub max_points: Points,
    pub item_count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemInfo {
    pub id: String,
    pub pack_id: String,
    pub kind: ItemKind,
    pub standards: Vec<RuleId>,
    pub max_points: Points,
    /// The prompt, so a report can show which question an id is.
    pub prompt: String,
    /// Option texts for `choice` items (for "how often each option was chosen").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
}

/// Sums over `attempts`, checked on import.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Totals {
    pub attempts: usize,
    pub points: Points,
    pub max: Points,
}

impl Totals {
    fn of(attempts: &[Attempt]) -> Totals {
        Totals {
            attempts: attempts.len(),
            points: hundredths(attempts.iter().map(|a| a.outcome.points).sum()),
            max: hundredths(attempts.iter().map(|a| a.outcome.max).sum()),
        }
    }
}

/// A fingerprint of the loaded content: equal fingerprints mean answers can be re-scored
/// and compared exactly. Computed once when the library is built (`scenario::fingerprint`);
/// the trainee app takes it from `content.json`, so it never serialises the packs itself
/// (that would link a serialiser for every model type into its wasm).
pub fn content_version(library: &Library) -> String {
    library.content_version.clone()
}

impl ResultsFile {
    /// Builds the export from a trainee's store and the content they practised.
    pub fn build(store: &TraineeStore, library: &Library, now_ms: f64) -> ResultsFile {
        let mut packs: BTreeMap<&str, PackInfo> = BTreeMap::new();
        let mut items: BTreeMap<&str, ItemInfo> = BTreeMap::new();
        for attempt in &store.attempts {
            let Some(pack) = library.packs.iter().find(|p| p.id == attempt.pack_id) else { continue };
            packs.entry(&pack.id).or_insert_with(|| PackInfo {
                id: pack.id.clone(),
                title: pack.title.clone(),
                pass_mark: pack.pass_mark,
                max_points: pack.max_points(),
                item_count: pack.items.len(),
            });
            if let Some(item) = pack.item(&attempt.item_id) {
                items.entry(&item.id).or_insert_with(|| ItemInfo {
                    id: item.id.clone(),
                    pack_id: pack.id.clone(),
                    kind: item.kind(),
                    standards: item.standards.clone(),
                    max_points: item.max_points(),
                    prompt: item.prompt.clone(),
                    options: match &item.body {
                        crate::scenario::ItemBody::Choice(c) => c.options.iter().map(|o| o.text.clone()).collect(),
                        _ => Vec::new(),
                    },
                });
            }
        }
        ResultsFile {
            kind: RESULTS_KIND.to_owned(),
            format: RESULTS_FORMAT,
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            content_version: content_version(library),
            exported_ms: now_ms,
            trainee: store.profile.clone().unwrap_or_default(),
            packs: packs.into_values().collect(),
            items: items.into_values().collect(),
            attempts: store.attempts.clone(),
            totals: Totals::of(&store.attempts),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data always serialises")
    }

    /// Reads and checks a results file. With `library`, answers whose content fingerprint
    /// matches are re-scored and must give the stored points.
    pub fn parse(text: &str, library: Option<&Library>) -> Result<ResultsFile, ImportError> {
        // Windows Notepad and some mail clients add a byte-order mark when a file is saved
        // again; it is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value = crate::from_json::parse(text).map_err(|e| {
            if e.is_eof() {
                ImportError::Truncated
            } else {
                ImportError::NotJson(e.to_string())
            }
        })?;
        if value.get("kind").and_then(|k| k.as_str()) != Some(RESULTS_KIND) {
            return Err(ImportError::NotResults);
        }
        let format = value.get("format").and_then(|f| f.as_u64()).ok_or(ImportError::NotResults)?;
        if format > u64::from(RESULTS_FORMAT) {
            return Err(ImportError::TooNew(format));
        }
        let file: ResultsFile = read(value).map_err(ImportError::Malformed)?;
        file.check(library)?;
        Ok(file)
    }

    fn check(&self, library: Option<&Library>) -> Result<(), ImportError> {
        if self.trainee.employee_no.trim().is_empty() {
            return Err(ImportError::Malformed("缺少学员工号".into()));
        }
        for (i, a) in self.attempts.iter().enumerate() {
            let o = &a.outcome;
            let fits = o.points.is_finite() && o.max.is_finite() && o.points >= 0.0 && o.points <= o.max + 1e-9;
            if !fits || o.verdict != Verdict::from_points(o.points, o.max) {
                return Err(ImportError::Tampered(format!(
                    "第 {} 条作答（{}）的得分 {} / {} 不合理",
                    i + 1,
                    a.item_id,
                    o.points,
                    o.max
                )));
            }
            if let Some(info) = self.items.iter().find(|it| it.id == a.item_id) {
                if (info.max_points - o.max).abs() > 1e-9 {
                    return Err(ImportError::Tampered(format!(
                        "第 {} 条作答（{}）的满分 {} 与题目满分 {} 不符",
                        i + 1,
                        a.item_id,
                        o.max,
                        info.max_points
                    )));
                }
            }
        }
        let totals = Totals::of(&self.attempts);
        if totals.attempts != self.totals.attempts
            || (totals.points - self.totals.points).abs() > 0.011
            || (totals.max - self.totals.max).abs() > 0.011
        {
            return Err(ImportError::Tampered(format!(
                "合计不符：文件记载 {} 条、{} / {} 分，实际为 {} 条、{} / {} 分",
                self.totals.attempts, self.totals.points, self.totals.max, totals.attempts, totals.points, totals.max
            )));
        }
        if let Some(library) = library.filter(|l| content_version(l) == self.content_version) {
            for (i, a) in self.attempts.iter().enumerate() {
                let Some(item) = library.packs.iter().find(|p| p.id == a.pack_id).and_then(|p| p.item(&a.item_id))
                else {
                    continue;
                };
                let rescored = score(item, &a.answer, &library.taboo);
                if (rescored.points - a.outcome.points).abs() > 0.011 {
                    return Err(ImportError::Tampered(format!(
                        "第 {} 条作答（{}）记载得分 {}，按题库重新评分为 {}",
                        i + 1,
                        a.item_id,
                        a.outcome.points,
                        rescored.points
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Why a file was not imported. Each is shown beside the file name; other files still import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    NotJson(String),
    Truncated,
    NotResults,
    TooNew(u64),
    Malformed(String),
    Tampered(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(why) => write!(f, "不是有效的 JSON 文件（{why}）"),
            ImportError::Truncated => write!(f, "文件不完整，可能在复制或下载时被截断，请让学员重新导出"),
            ImportError::NotResults => write!(f, "不是服务演练的成绩文件"),
            ImportError::TooNew(v) => write!(f, "成绩文件来自更新版本的程序（格式 {v}），请升级后再导入"),
            ImportError::Malformed(why) => write!(f, "成绩文件内容不完整或格式有误（{why}）"),
            ImportError::Tampered(why) => write!(f, "成绩数据对不上，文件可能被改动过：{why}"),
        }
    }
}

// Read back by hand (`crate::from_json` says why); serde's `Serialize` above writes them.

read_struct!(PackInfo { id: req, title: req, pass_mark: req, max_points: req, item_count: req });

read_struct!(ItemInfo { id: req, pack_id: req, kind: req, standards: req, max_points: req, prompt: req, options: opt });

read_struct!(Totals { attempts: req, points: req, max: req });

read_struct!(ResultsFile {
    kind: req,
    format: req,
    app_version: req,
    content_version: req,
    exported_ms: req,
    trainee: req,
    packs: req,
    items: req,
    attempts: req,
    totals: req,
});
