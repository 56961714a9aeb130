//! Persistence. The dataset lives in IndexedDB as chunks: each record sits in the chunk of its
//! collection and id bucket (`values/3f`), so an edit rewrites only the few chunks it touched,
//! inside one read-modify-write transaction, and a load reads a few hundred chunks instead of
//! one IndexedDB record per ledger record (40× slower, see DESIGN.md). Preferences live in
//! localStorage.
//!
//! [`chunks`] is the pure part — which chunk holds what, and how a chunk changes — tested
//! natively together with the in-memory twin [`memory::MemoryStore`]. [`browser`] binds
//! IndexedDB and localStorage; it is the only module that touches browser storage.

pub mod chunks;
pub mod memory;

#[cfg(target_arch = "wasm32")]
pub mod browser;

/// Why storage failed, precisely enough for the user to act on it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("browser storage is not available: {detail}")]
    Unavailable { detail: String },
    #[error("the browser's storage quota is full: {detail}")]
    QuotaExceeded { detail: String },
    #[error("stored data could not be read: {detail}")]
    Corrupt { detail: String },
    #[error("storage failed: {detail}")]
    Failed { detail: String },
}
