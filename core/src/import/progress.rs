//! How far an import has got, for a progress bar.

use std::sync::Arc;

use serde::Serialize;

/// How far an import has got: `done` of `total` data rows checked (and, unless
/// a dry run, written), then the search index being built for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub stage: ImportStage,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStage {
    /// Rows being checked and written.
    Rows,
    /// Every row written; what the import wrote is being indexed and committed.
    Finishing,
}

/// Receives an import's progress, from the thread that runs the import.
#[derive(Clone)]
pub struct ProgressSink(Arc<dyn Fn(ImportProgress) + Send + Sync>);

impl ProgressSink {
    pub fn new(report: impl Fn(ImportProgress) + Send + Sync + 'static) -> ProgressSink {
        ProgressSink(Arc::new(report))
    }

    pub(crate) fn report(&self, progress: ImportProgress) {
        (self.0)(progress)
    }
}

impl std::fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressSink")
    }
}

/// Rows between two progress reports: a few dozen reports for a large file.
pub(crate) const PROGRESS_EVERY: usize = 1_000;
