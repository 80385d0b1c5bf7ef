//! The draft being written on the authoring page, kept in localStorage under its own
//! versioned key so nothing typed is lost on reload. A failed write never loses the text (it
//! stays on screen and in memory); the page shows a banner instead.

use crate::storage::storage;
use serde::{Deserialize, Serialize};

/// The draft's key; separate from the trainee store, so authoring never touches results.
pub const DRAFT_KEY: &str = "service-drill.author.v1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Layout version of this document.
    pub format: u32,
    /// The file name offered when downloading.
    pub name: String,
    pub text: String,
}

impl Draft {
    pub fn new(name: &str, text: &str) -> Draft {
        Draft { format: 1, name: name.to_owned(), text: text.to_owned() }
    }
}

/// The stored draft, or `Err(reason)` when storage cannot be read (then the page starts from
/// the template and says so). `Ok(None)`: nothing stored yet.
pub fn load() -> Result<Option<Draft>, String> {
    let s = storage()?;
    let Some(raw) = s.get_item(DRAFT_KEY).map_err(|_| "无法读取浏览器存储".to_owned())? else {
        return Ok(None);
    };
    match serde_json::from_str::<Draft>(&raw) {
        Ok(d) if d.format == 1 => Ok(Some(d)),
        // Unknown or damaged: keep the raw text as the draft rather than dropping it.
        _ => Ok(Some(Draft::new("draft.yaml", &raw))),
    }
}

pub fn save(draft: &Draft) -> Result<(), String> {
    let s = storage()?;
    let json = serde_json::to_string(draft).map_err(|e| e.to_string())?;
    s.set_item(DRAFT_KEY, &json).map_err(|_| "浏览器存储写入失败（可能空间已满或被禁用）".to_owned())
}

/// What a new author starts from: a small valid pack with one choice item. It passes every
/// content rule, including `best-is-longest`: the right answer is short and a polished wrong
/// one is longer, the shape the guide asks trainers to copy.
pub const TEMPLATE: &str = "# yaml-language-server: $schema=../schema/pack.schema.json
version: 1
id: my-pack
title: 我的题包
category: hotline
description: 一句话介绍这个题包。
pass_mark: 80
items:
  - id: my-first-item
    kind: choice
    standards: [CALL.OPEN]
    prompt: 电话接通后，您首先应当怎么说？
    options:
      - text: 您好，95598，很高兴为您服务。
        score: 10
        feedback: 正确：接通后先问候并自报。
      - text: 喂，什么事？
        score: 0
        feedback: 不正确：应使用规范问候语。
      - text: 您好，这里是供电公司客户服务中心，请问您要找哪个部门？我帮您转接。
        score: 3
        feedback: 礼貌，但没有报出“95598 供电服务热线”，也没有主动表达服务意愿。
";
