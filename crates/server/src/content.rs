//! Content versions: the scenario folder compiled at start (as `drill bundle` does), stored
//! in the database under its fingerprint, and every version ever stored kept there, so an
//! attempt is always re-scored against the content it names.

use crate::db::now_ms;
use drill_core::bundle;
use drill_core::load::Library;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub struct ContentStore {
    pub current_version: String,
    pub current: Arc<Library>,
    /// The current bundle's JSON, served to the pages (`content.json`, `GET /api/v1/content`).
    pub current_json: Arc<str>,
    /// Its pack list (`packs.json`), which the trainee page draws first.
    pub current_index: Arc<str>,
    cache: Mutex<HashMap<String, Arc<Library>>>,
}

/// Compiles the scenario folder into bundle JSON, or says why not.
pub fn compile_folder(dir: &Path) -> Result<String, String> {
    let compiled = bundle::compile(|file| std::fs::read_to_string(dir.join(file)).map_err(|e| e.to_string()));
    match compiled {
        Ok(content) => Ok(content.to_json()),
        Err(failure) => {
            let mut text = format!("{}：{}（题库文件夹 {}）", failure.title, failure.detail, dir.display());
            for d in failure.diagnostics {
                text.push_str(&format!("\n  {}:{}: {}", d.file, d.line, d.message));
            }
            Err(text)
        }
    }
}

impl ContentStore {
    /// Opens the bundle and records its version in the database (kept forever).
    pub async fn start(db: &AnyPool, json: String) -> Result<ContentStore, String> {
        let opened = bundle::open(&json).map_err(|e| format!("题库无法打开：{e}"))?;
        let library = Arc::new(opened.library);
        let version = library.content_version.clone();
        sqlx::query("INSERT INTO content_versions (version, bundle, created_ms) VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING")
            .bind(&version)
            .bind(&json)
            .bind(now_ms())
            .execute(db)
            .await
            .map_err(|e| format!("无法保存题库版本：{e}"))?;
        let mut cache = HashMap::new();
        cache.insert(version.clone(), library.clone());
        let index = bundle::PackIndex::of(&library).to_json();
        Ok(ContentStore {
            current_version: version,
            current: library,
            current_json: json.into(),
            current_index: index.into(),
            cache: Mutex::new(cache),
        })
    }

    /// The library of a stored content version, or `None` when the server never had it.
    pub async fn version(&self, db: &AnyPool, version: &str) -> Result<Option<Arc<Library>>, sqlx::Error> {
        if let Some(lib) = self.cache.lock().unwrap_or_else(|p| p.into_inner()).get(version) {
            return Ok(Some(lib.clone()));
        }
        let row: Option<(String,)> = sqlx::query_as("SELECT bundle FROM content_versions WHERE version = $1")
            .bind(version)
            .fetch_optional(db)
            .await?;
        let Some((json,)) = row else { return Ok(None) };
        match bundle::open(&json) {
            Ok(opened) => {
                let lib = Arc::new(opened.library);
                self.cache.lock().unwrap_or_else(|p| p.into_inner()).insert(version.to_owned(), lib.clone());
                Ok(Some(lib))
            }
            Err(e) => {
                eprintln!("drill serve: stored content version {version} does not open: {e}");
                Ok(None)
            }
        }
    }
}
