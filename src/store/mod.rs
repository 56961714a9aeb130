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
pub mod snapshots;

#[cfg(target_arch = "wasm32")]
pub mod browser;

use crate::format::Loaded;
use chunks::{Chunk, ChunkChange};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// What the store is asked to write after a change, worked out by [`chunks::write_for`] from
/// what the change did.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// A read-modify-write of the chunks holding the records changed, and of the description
    /// and the boundary map when they changed (`Some(None)` removes the map).
    Changes {
        records: Vec<ChunkChange>,
        meta: Option<Json>,
        /// The description as this tab knew it before its change, when it changed: the store
        /// then keeps what another tab stored meanwhile in the fields this change left alone
        /// (`chunks::merge_meta`) instead of writing the whole description over it.
        meta_base: Option<Json>,
        basemap: Option<Option<Chunk>>,
    },
    /// A whole ledger: everything stored is replaced in one transaction. The ledger comes in
    /// file shape; the store turns it into chunk texts (`chunks::ChunkTextSteps`, in slices in
    /// the browser) before it writes.
    Everything {
        meta: Json,
        ledger: std::sync::Arc<chunks::WholeLedger>,
    },
    /// A snapshot of the ledger as stored when this write's turn comes (so before the writes
    /// queued after it): the store copies its chunks as they are into the snapshot `info.id`,
    /// sets `info.bytes` to their size, and drops the snapshots the policy no longer keeps, in
    /// one transaction. Nothing of the ledger goes through the app on the way (a city-scale
    /// ledger's 26 MB stay inside the store), and nothing is written when nothing is stored.
    Snapshot {
        info: snapshots::SnapshotInfo,
        policy: snapshots::SnapshotPolicy,
    },
}

/// Where a ledger is kept: IndexedDB in the browser ([`browser::BrowserStore`]), a map in
/// native tests ([`memory::MemoryStore`]). The workspace uses both the same way.
#[allow(async_fn_in_trait)]
pub trait Store {
    /// The stored ledger, or `None` when nothing is stored yet. A profile written by an older
    /// format is migrated; one written by a newer app is refused.
    async fn load(&mut self) -> Result<Option<Loaded>, StoreError>;
    /// Writes one change, all of it or nothing.
    async fn write(&mut self, write: &Write) -> Result<(), StoreError>;
    /// Keeps a file exchanged with a colleague (exported or merged in) under its export id: the
    /// base of a later merge.
    async fn keep_exchange(&mut self, id: &str, text: &str) -> Result<(), StoreError>;
    /// A file kept under an export id.
    async fn exchange(&mut self, id: &str) -> Result<Option<String>, StoreError>;
    /// Some chunks as stored now, by key (the description's chunk is an object too): what
    /// another tab wrote, for this one to take in.
    async fn read_chunks(&mut self, keys: &[String])
        -> Result<BTreeMap<String, Chunk>, StoreError>;
    /// The snapshots kept, as their index lists them.
    async fn snapshots(&mut self) -> Result<Vec<snapshots::SnapshotInfo>, StoreError>;
    /// A snapshot's ledger, read back (`None` when there is no such snapshot). The loaded
    /// ledger's problems say whether it is damaged.
    async fn snapshot(&mut self, id: &str) -> Result<Option<Loaded>, StoreError>;
}

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
    /// The stored ledger was written by a newer version of the app (another tab or an update
    /// that was rolled back): this version does not read or overwrite it.
    #[error("the stored ledger has format {found}; this version reads up to {supported}")]
    Newer { found: u32, supported: u32 },
}

use crate::i18n::{Message, ToMessage};

impl ToMessage for StoreError {
    fn to_message(&self) -> Message {
        let (code, detail) = match self {
            StoreError::Unavailable { detail } => ("store.unavailable", detail),
            StoreError::QuotaExceeded { detail } => ("store.quota", detail),
            StoreError::Corrupt { detail } => ("store.corrupt", detail),
            StoreError::Failed { detail } => ("store.failed", detail),
            StoreError::Newer { found, supported } => {
                return Message::new("store.newer")
                    .with("found", found)
                    .with("supported", supported)
            }
        };
        Message::new(code).with("detail", detail)
    }
}

/// A storage failure as the banner shows it: "存储失败:…" with the reason.
pub fn storage_failed(error: &StoreError) -> Message {
    Message::new("error.storage_failed").with_message("reason", error.to_message())
}
