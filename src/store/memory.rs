//! The in-memory twin of the browser store: the same chunk logic over a `BTreeMap`, for native
//! tests of persistence (edit → touched chunks → reload gives the same dataset).

use super::chunks::{self, Chunk};
use super::StoreError;
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
}

impl MemoryStore {
    /// Replaces everything with this dataset.
    pub fn save_all(&mut self, dataset: &Dataset) {
        self.meta = Some(chunks::meta_chunk(dataset));
        self.chunks = chunks::all_chunks(dataset);
        self.chunk_writes += self.chunks.len();
    }

    /// Persists the records an edit touched: read-modify-write of their chunks only.
    pub fn save_touched(&mut self, dataset: &Dataset, touched: &[(RecordKind, RecordId)]) {
        let changes = chunks::changes_for(dataset, touched);
        for key in chunks::keys_of(&changes) {
            let mut chunk = self.chunks.remove(&key).unwrap_or_default();
            chunks::apply_to_chunk(&key, &mut chunk, &changes);
            if !chunk.is_empty() {
                self.chunks.insert(key, chunk);
            }
            self.chunk_writes += 1;
        }
    }

    /// Persists what an applied edit changed: the touched records' chunks, and the meta chunk
    /// when the dataset's description changed.
    pub fn save_applied(&mut self, dataset: &Dataset, applied: &crate::model::Applied) {
        self.save_touched(dataset, &applied.touched);
        if applied.meta_changed {
            self.meta = Some(chunks::meta_chunk(dataset));
            self.chunk_writes += 1;
        }
    }

    pub fn load(&self) -> Result<Option<Loaded>, StoreError> {
        let Some(meta) = &self.meta else {
            return Ok(None);
        };
        chunks::load_from_chunks(meta, self.chunks.clone()).map(Some)
    }
}
