//! Collects the diagnostics for one file while it is checked, so every mistake is reported,
//! not just the first.

use super::tree::position;
use crate::diag::{Diagnostic, Level};
use serde_saphyr::Location;

pub(crate) struct Report {
    file: String,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub(crate) fn new(file: &str) -> Report {
        Report { file: file.to_owned(), diagnostics: Vec::new() }
    }

    pub(crate) fn error(
        &mut self,
        code: &str,
        at: &Location,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.error_at(code, position(at), path, message, hint);
    }

    pub(crate) fn error_at(
        &mut self,
        code: &str,
        (line, column): (u32, u32),
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.diagnostics.push(Diagnostic::error(code, &self.file, line, column, path, message, hint));
    }

    pub(crate) fn warning(
        &mut self,
        code: &str,
        at: &Location,
        path: &str,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let (line, column) = position(at);
        self.diagnostics.push(Diagnostic::warning(code, &self.file, line, column, path, message, hint));
    }

    /// A diagnostic made elsewhere (`yaml.rs`: a file that is not text, a typing mistake).
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn file(&self) -> &str {
        &self.file
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.level == Level::Error).count()
    }

    /// In file order, so a trainer can fix them top to bottom.
    pub(crate) fn into_diagnostics(mut self) -> Vec<Diagnostic> {
        self.diagnostics.sort_by_key(|d| (d.line, d.column));
        self.diagnostics
    }
}
