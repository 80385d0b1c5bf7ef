//! Why a `content.json` cannot be used. The app shows it in place of the pack list, so each
//! case says, in Chinese, what is wrong and what to do; a bundle is never half-used.

use super::{BUNDLE_FILE, BUNDLE_FORMAT};
use std::fmt;

/// What the person who publishes the site should do about any bad bundle.
const REMEDY: &str = "请培训师在题库文件夹上重新运行 drill bundle 生成 content.json 并重新发布";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON at all (an HTML error page served instead, another file).
    NotJson(String),
    /// The JSON stops early: the file was cut off while copying or downloading.
    Truncated,
    /// Written by a `drill bundle` of another format: `found` is what the file says.
    WrongFormat { found: u32 },
    /// JSON, but not shaped like a bundle (a field missing or of the wrong type).
    Malformed(String),
    /// Well-formed, but something in it does not hold together (a rule cited that is not
    /// in the catalogue, a dialogue reply leading to no node, an id used twice): what.
    Inconsistent(String),
}

impl BundleError {
    /// One short line for a heading.
    pub fn title(&self) -> &'static str {
        match self {
            BundleError::NotJson(_) | BundleError::Malformed(_) => "题库数据文件无法读取",
            BundleError::Truncated => "题库数据文件不完整",
            BundleError::WrongFormat { found } if *found < BUNDLE_FORMAT => "题库数据文件版本过旧",
            BundleError::WrongFormat { .. } => "题库数据文件版本过新",
            BundleError::Inconsistent(_) => "题库数据文件内容有误",
        }
    }

    /// What is wrong and what to do.
    pub fn detail(&self) -> String {
        match self {
            BundleError::NotJson(why) => {
                format!("{BUNDLE_FILE} 不是有效的 JSON（{why}），可能服务器返回了别的页面。{REMEDY}。")
            }
            BundleError::Truncated => format!("{BUNDLE_FILE} 在中途被截断，可能没有复制或上传完整。{REMEDY}。"),
            BundleError::WrongFormat { found } if *found < BUNDLE_FORMAT => {
                format!("{BUNDLE_FILE} 是旧版 drill bundle 生成的（格式 {found}），本程序需要格式 {BUNDLE_FORMAT}。{REMEDY}。")
            }
            BundleError::WrongFormat { found } => {
                format!("{BUNDLE_FILE} 是更新版本的 drill bundle 生成的（格式 {found}），本程序只支持格式 {BUNDLE_FORMAT}。请用与本程序同一版本的 drill 重新生成，或升级程序。")
            }
            BundleError::Malformed(why) => {
                format!("{BUNDLE_FILE} 的结构不对（{why}），不是本程序的 drill bundle 生成的。{REMEDY}。")
            }
            BundleError::Inconsistent(what) => format!("{BUNDLE_FILE} 中{what}。文件可能被手工修改或损坏。{REMEDY}。"),
        }
    }
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}：{}", self.title(), self.detail())
    }
}

impl std::error::Error for BundleError {}
