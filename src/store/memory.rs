//! The in-memory twin of the browser store: the same chunk logic over a `BTreeMap`, for native
//! tests of persistence (edit → touched chunks → reload gives the same dataset) and of the
//! workspace's workflows through the [`Store`] interface.

use super::chunks::{self, Chunk};
use super::{Store, StoreError, Write};
use crate::format::Loaded;
use crate::model::{Dataset, RecordId, RecordKind};
use serde_json::Value as Json;
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    pub meta: Option<Json>,
    pub chunks: BTreeMap<String, Chunk>,
    /// How many chunk writes the store has done (tests check that an edit writes few).
    pub chunk_writes: usize,
    /// Files exchanged with colleagues, by export id.
    pub exchanges: BTreeMap<String, String>,
    /// Every write handed to the store, in order (tests check what an import wrote).
    pub writes: Vec<Write>,
    /// Snapshots: their index, and each one's copy of the stored description and chunks.
    pub snapshot_index: Vec<super::snapshots::SnapshotInfo>,
    pub snapshot_copies: BTreeMap<String, (Json, BTreeMap<String, Chunk>)>,
}

impl MemoryStore {
    /// Replaces everything with this dataset.
    pub fn save_all(&mut self, dataset: &Dataset) {
        self.apply(&chunks::write_everything(dataset));
    }

    /// Persists the records an edit touched: read-modify-write of their chunks only.
    pub fn save_touched(&mut self, dataset: &Dataset, touched: &[(RecordKind, RecordId)]) {
        self.apply(&Write::Changes {
            records: chunks::changes_for(dataset, touched),
            meta: None,
            meta_base: None,
            basemap: None,
        });
    }

    /// Persists what an applied edit changed: the touched records' chunks, and the meta chunk
    /// when the dataset's description changed.
    pub fn save_applied(&mut self, dataset: &Dataset, applied: &crate::model::Applied) {
        self.apply(&chunks::write_for(dataset, applied));
    }

    /// Carries out one write.
    pub fn apply(&mut self, write: &Write) {
        match write {
            Write::Everything { meta, ledger } => {
                self.meta = Some(meta.clone());
                let mut steps = chunks::ChunkTextSteps::default();
                while !steps.step(ledger, usize::MAX) {}
                self.chunks = steps
                    .finish(ledger)
                    .iter()
                    .map(|(key, text)| {
                        let chunk: Chunk = serde_json::from_str(text).unwrap_or_default();
                        (key.clone(), chunk)
                    })
                    .collect();
                self.chunk_writes += self.chunks.len();
            }
            Write::Changes {
                records,
                meta,
                meta_base,
                basemap,
            } => {
                for key in chunks::keys_of(records) {
                    let mut chunk = self.chunks.remove(&key).unwrap_or_default();
                    chunks::apply_to_chunk(&key, &mut chunk, records);
                    if !chunk.is_empty() {
                        self.chunks.insert(key, chunk);
                    }
                    self.chunk_writes += 1;
                }
                if let Some(meta) = meta {
                    self.meta = Some(match meta_base {
                        Some(base) => chunks::merge_meta(self.meta.as_ref(), base, meta),
                        None => meta.clone(),
                    });
                    self.chunk_writes += 1;
                }
                match basemap {
                    Some(Some(chunk)) => {
                        self.chunks
                            .insert(chunks::BASEMAP_KEY.to_string(), chunk.clone());
                        self.chunk_writes += 1;
                    }
                    Some(None) => {
                        self.chunks.remove(chunks::BASEMAP_KEY);
                        self.chunk_writes += 1;
                    }
                    None => {}
                }
            }
            Write::Snapshot { info, policy } => {
                let Some(meta) = &self.meta else {
                    return;
                };
                // The size as the browser counts it: the stored texts' lengths.
                let bytes = meta.to_string().len()
                    + self
                        .chunks
                        .values()
                        .map(|c| Json::Object(c.clone()).to_string().len())
                        .sum::<usize>();
                let info = super::snapshots::SnapshotInfo {
                    bytes: bytes as u64,
                    ..info.clone()
                };
                let delete =
                    super::snapshots::add_to_index(&mut self.snapshot_index, info.clone(), policy);
                for id in &delete {
                    self.snapshot_copies.remove(id);
                }
                self.snapshot_copies
                    .insert(info.id, (meta.clone(), self.chunks.clone()));
            }
        }
    }

    pub fn load(&self) -> Result<Option<Loaded>, StoreError> {
        let Some(meta) = &self.meta else {
            // As the browser store: chunks without the description are a damaged store.
            if self.chunks.is_empty() {
                return Ok(None);
            }
            return Err(chunks::missing_description(self.chunks.len()));
        };
        // As the browser store reads: the chunks' texts.
        let texts = self
            .chunks
            .iter()
            .map(|(key, chunk)| (key.clone(), Json::Object(chunk.clone()).to_string()));
        chunks::load_from_chunk_texts(meta, texts).map(Some)
    }
}

impl Store for MemoryStore {
    async fn load(&mut self) -> Result<Option<Loaded>, StoreError> {
        MemoryStore::load(self)
    }

    async fn write(&mut self, write: &Write) -> Result<(), StoreError> {
        chunks::refuse_if_newer(self.meta.as_ref())?;
        self.apply(write);
        self.writes.push(write.clone());
        Ok(())
    }

    async fn keep_exchange(&mut self, id: &str, text: &str) -> Result<(), StoreError> {
        self.exchanges.insert(id.to_string(), text.to_string());
        Ok(())
    }

    async fn exchange(&mut self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self.exchanges.get(id).cloned())
    }

    async fn snapshots(&mut self) -> Result<Vec<super::snapshots::SnapshotInfo>, StoreError> {
        Ok(self.snapshot_index.clone())
    }

    async fn snapshot(&mut self, id: &str) -> Result<Option<Loaded>, StoreError> {
        let Some((meta, chunks)) = self.snapshot_copies.get(id) else {
            return Ok(None);
        };
        let texts = chunks
            .iter()
            .map(|(key, chunk)| (key.clone(), Json::Object(chunk.clone()).to_string()));
        chunks::load_from_chunk_texts(meta, texts).map(Some)
    }

    async fn read_chunks(
        &mut self,
        keys: &[String],
    ) -> Result<BTreeMap<String, Chunk>, StoreError> {
        let mut out = BTreeMap::new();
        for key in keys {
            if key == chunks::META_KEY {
                if let Some(Json::Object(meta)) = &self.meta {
                    out.insert(key.clone(), meta.clone());
                }
            } else if let Some(chunk) = self.chunks.get(key) {
                out.insert(key.clone(), chunk.clone());
            }
        }
        Ok(out)
    }
}

/// Runs a future that never waits (the memory store's, the workspace's over it) to its end on
/// this thread: native tests drive the async workflows with it.
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}
