//! Which chunk holds which record, and how chunks change. Pure: the browser store and the
//! in-memory twin both use it, so what is tested natively is what runs in the browser.
//!
//! A chunk is a JSON object `{ id: record }` of one collection and one id bucket, key
//! `"values/3f"`; deleted records sit in `"tombstones/3f"`; the dataset's own description sits
//! in the chunk `"meta"`. Records are stored in their file shape (`format::v1`), so loading a
//! store is reading a file.

use super::StoreError;
use crate::format::v1::{DatasetMetaV1, FileV1, FORMAT_VERSION, TYPE_TAG};
use crate::format::{self, Loaded};
use crate::model::{Dataset, RecordId, RecordKind};
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;

pub const META_KEY: &str = "meta";
pub use crate::model::record::TOMBSTONES;
/// The chunk holding the user's boundary map (`{"basemap": {name, geojson}}`), kept apart so
/// the meta chunk stays small.
pub const BASEMAP_KEY: &str = "basemap";

/// One chunk's content: id → record in file shape.
pub type Chunk = Map<String, Json>;

pub fn chunk_key(collection: &str, id: &RecordId) -> String {
    format!("{collection}/{:02x}", id.bucket())
}

/// The `meta` chunk: the dataset's description and the format version of the chunks.
pub fn meta_chunk(dataset: &Dataset) -> Json {
    serde_json::json!({
        "format_version": FORMAT_VERSION,
        "dataset": format::dataset_meta_to_v1(dataset),
        "file_extra": dataset.file_extra,
    })
}

/// The basemap chunk, when the ledger has a boundary map.
pub fn basemap_chunk(dataset: &Dataset) -> Option<Chunk> {
    let basemap = dataset.basemap.as_ref()?;
    let json = format::to_json(&format::basemap_to_v1(basemap));
    let mut chunk = Chunk::new();
    chunk.insert(BASEMAP_KEY.to_string(), json);
    Some(chunk)
}

/// Every chunk of a dataset, for writing a whole dataset (first run, import).
pub fn all_chunks(dataset: &Dataset) -> BTreeMap<String, Chunk> {
    let mut chunks: BTreeMap<String, Chunk> = BTreeMap::new();
    for kind in RecordKind::ALL {
        for (key, id, record) in records_of(dataset, kind) {
            chunks.entry(key).or_default().insert(id, record);
        }
    }
    for tombstone in dataset.tombstones() {
        let json = format::to_json(&format::tombstone_to_v1(tombstone));
        chunks
            .entry(chunk_key(TOMBSTONES, &tombstone.id))
            .or_default()
            .insert(tombstone.id.to_string(), json);
    }
    if let Some(chunk) = basemap_chunk(dataset) {
        chunks.insert(BASEMAP_KEY.to_string(), chunk);
    }
    chunks
}

/// Every chunk of a dataset as the text the store keeps, for writing a whole dataset (first
/// run, import): each record goes from its file shape straight to text, never through a JSON
/// tree, and the result parses to exactly [`all_chunks`].
pub fn all_chunk_texts(dataset: &Dataset) -> BTreeMap<String, String> {
    let whole = WholeLedger::of(dataset);
    let mut steps = ChunkTextSteps::default();
    while !steps.step(&whole, usize::MAX) {}
    steps.finish(&whole)
}

/// A whole ledger to store, in file shape: what [`ChunkTextSteps`] turns into chunk texts.
#[derive(Debug, Clone, PartialEq)]
pub struct WholeLedger {
    pub file: crate::format::v1::FileV1,
    /// The boundary map's chunk text, if the ledger has one.
    pub basemap: Option<String>,
}

impl WholeLedger {
    pub fn of(dataset: &Dataset) -> WholeLedger {
        WholeLedger::steps(dataset).finish()
    }

    /// The same, made a slice of records at a time (an imported city ledger, before it
    /// replaces the open one through the workspace's `replace`).
    pub fn steps(dataset: &Dataset) -> WholeLedgerSteps<'_> {
        WholeLedgerSteps {
            dataset,
            file: format::V1Steps::new(dataset, None),
        }
    }
}

/// [`WholeLedger::of`] in steps over a borrowed (so unchanging) dataset.
pub struct WholeLedgerSteps<'a> {
    dataset: &'a Dataset,
    file: format::V1Steps<'a>,
}

impl WholeLedgerSteps<'_> {
    /// Converts up to `budget` more records; whether every record is converted.
    pub fn step(&mut self, budget: usize) -> bool {
        self.file.step(budget)
    }

    pub fn finish(self) -> WholeLedger {
        WholeLedger {
            file: self.file.finish(),
            basemap: basemap_chunk(self.dataset).map(|chunk| Json::Object(chunk).to_string()),
        }
    }
}

/// Turns a [`WholeLedger`] into the store's chunk texts a slice of records at a time (the
/// browser gives the page a turn between slices while it writes an imported city ledger). Ids
/// are `[a-z0-9-]`, so a chunk's keys need no escaping beyond the quotes around them.
#[derive(Debug, Default)]
pub struct ChunkTextSteps {
    texts: BTreeMap<String, String>,
    /// The collection being written (in `collections()` order) and the next record in it.
    collection: usize,
    index: usize,
}

impl ChunkTextSteps {
    fn add<T: serde::Serialize>(&mut self, collection: &str, id: &str, record: &T) {
        let Some(parsed) = RecordId::parse(id) else {
            return;
        };
        let text = self
            .texts
            .entry(chunk_key(collection, &parsed))
            .or_insert_with(|| String::from("{"));
        if text.len() > 1 {
            text.push(',');
        }
        // Serializing plain structs of strings and numbers cannot fail.
        text.push_str(&serde_json::to_string(id).unwrap_or_default());
        text.push(':');
        text.push_str(&serde_json::to_string(record).unwrap_or_default());
    }

    /// Writes up to `budget` more records; whether every record is written.
    pub fn step(&mut self, whole: &WholeLedger, budget: usize) -> bool {
        let file = &whole.file;
        let mut left = budget;
        macro_rules! collection {
            ($field:ident, $name:expr) => {{
                while left > 0 && self.index < file.$field.len() {
                    let record = &file.$field[self.index];
                    self.add($name, &record.id, record);
                    self.index += 1;
                    left -= 1;
                }
                self.index >= file.$field.len()
            }};
        }
        while left > 0 {
            let done = match self.collection {
                0 => collection!(areas, RecordKind::Area.collection()),
                1 => collection!(units, RecordKind::Unit.collection()),
                2 => collection!(indicators, RecordKind::Indicator.collection()),
                3 => collection!(values, RecordKind::Value.collection()),
                4 => collection!(relations, RecordKind::Relation.collection()),
                5 => collection!(projects, RecordKind::Project.collection()),
                6 => collection!(progress_reports, RecordKind::Report.collection()),
                7 => collection!(supervision_items, RecordKind::Supervision.collection()),
                8 => collection!(bulletins, RecordKind::Bulletin.collection()),
                9 => collection!(summaries, RecordKind::Summary.collection()),
                10 => collection!(meetings, RecordKind::Meeting.collection()),
                11 => collection!(approvals, RecordKind::Approval.collection()),
                12 => collection!(reminders, RecordKind::Reminder.collection()),
                13 => collection!(tombstones, TOMBSTONES),
                _ => return true,
            };
            if done {
                self.collection += 1;
                self.index = 0;
            }
        }
        self.collection > 13
    }

    /// The chunk texts, once every record is written.
    pub fn finish(mut self, whole: &WholeLedger) -> BTreeMap<String, String> {
        for text in self.texts.values_mut() {
            text.push('}');
        }
        if let Some(basemap) = &whole.basemap {
            self.texts.insert(BASEMAP_KEY.to_string(), basemap.clone());
        }
        self.texts
    }
}

fn records_of(dataset: &Dataset, kind: RecordKind) -> Vec<(String, String, Json)> {
    dataset
        .ids(kind)
        .into_iter()
        .filter_map(|id| {
            let record = dataset.record(&id)?;
            Some((
                chunk_key(kind.collection(), &id),
                id.to_string(),
                format::record_to_v1_in(dataset, &record),
            ))
        })
        .collect()
}

/// One change to one chunk: set (or, with `None`, remove) the entry for an id. `base` is the
/// entry as the writer last knew it: when the stored entry is no longer that (another tab
/// wrote it meanwhile), the two are merged instead of one overwriting the other.
#[derive(Debug, Clone, PartialEq)]
pub struct ChunkChange {
    pub key: String,
    pub id: String,
    pub new: Option<Json>,
    pub base: Option<Json>,
}

/// What the store must write after an edit touched these records: the record's own chunk
/// entry (set when live, removed when deleted) and its tombstone chunk entry.
pub fn changes_for(dataset: &Dataset, touched: &[(RecordKind, RecordId)]) -> Vec<ChunkChange> {
    let mut changes = Vec::with_capacity(touched.len() * 2);
    for (kind, id) in touched {
        let live = dataset
            .record(id)
            .filter(|r| r.kind() == *kind)
            .map(|r| format::record_to_v1_in(dataset, &r));
        changes.push(ChunkChange {
            key: chunk_key(kind.collection(), id),
            id: id.to_string(),
            new: live,
            base: None,
        });
        let tombstone = dataset
            .tombstone(id)
            .map(|t| format::to_json(&format::tombstone_to_v1(t)));
        changes.push(ChunkChange {
            key: chunk_key(TOMBSTONES, id),
            id: id.to_string(),
            new: tombstone,
            base: None,
        });
    }
    changes
}

/// What to store after an applied edit: the touched records' chunks, the description and the
/// boundary map when they changed, or everything when the ledger was replaced.
pub fn write_for(dataset: &Dataset, applied: &crate::model::Applied) -> super::Write {
    if applied.replaced {
        return write_everything(dataset);
    }
    super::Write::Changes {
        records: changes_for(dataset, &applied.touched),
        meta: applied.meta_changed.then(|| meta_chunk(dataset)),
        meta_base: None,
        basemap: applied.basemap_changed.then(|| basemap_chunk(dataset)),
    }
}

/// A whole ledger to store (first run, a ledger restored from elsewhere).
pub fn write_everything(dataset: &Dataset) -> super::Write {
    super::Write::Everything {
        meta: meta_chunk(dataset),
        ledger: std::sync::Arc::new(WholeLedger::of(dataset)),
    }
}

/// The chunk keys a set of changes reads and writes.
pub fn keys_of(changes: &[ChunkChange]) -> Vec<String> {
    let mut keys: Vec<String> = changes.iter().map(|c| c.key.clone()).collect();
    crate::sorting::sort(&mut keys);
    keys.dedup();
    keys
}

/// The stored entries (records and tombstones) of ids as they are now: the `base` of the
/// changes a later write makes to them.
/// The chunk keys that hold these records and their tombstones.
pub fn keys_holding(ids: &[(RecordKind, RecordId)]) -> Vec<String> {
    let mut keys: Vec<String> = ids
        .iter()
        .flat_map(|(kind, id)| [chunk_key(kind.collection(), id), chunk_key(TOMBSTONES, id)])
        .collect();
    crate::sorting::sort(&mut keys);
    keys.dedup();
    keys
}

/// What the store holds for these records (read from their chunks): live, deleted or absent.
pub fn stored_states(
    stored: &BTreeMap<String, Chunk>,
    ids: &[(RecordKind, RecordId)],
) -> Vec<crate::model::Adopted> {
    use crate::model::Adopted;
    ids.iter()
        .map(|(kind, id)| {
            let entry = stored
                .get(&chunk_key(kind.collection(), id))
                .and_then(|chunk| chunk.get(id.as_str()));
            if let Some((record, extra)) =
                entry.and_then(|e| format::record_from_entry(kind.collection(), e))
            {
                return Adopted::Live { record, extra };
            }
            let tombstone = stored
                .get(&chunk_key(TOMBSTONES, id))
                .and_then(|chunk| chunk.get(id.as_str()))
                .and_then(format::tombstone_from_entry);
            match tombstone {
                Some(tombstone) => Adopted::Deleted(tombstone),
                None => Adopted::Absent {
                    kind: *kind,
                    id: id.clone(),
                },
            }
        })
        .collect()
}

/// Stored entries by chunk key and id.
pub type Entries = BTreeMap<(String, String), Json>;

pub fn entries_of(dataset: &Dataset, ids: &[(RecordKind, RecordId)]) -> Entries {
    let mut entries = Entries::new();
    for (kind, id) in ids {
        if let Some(record) = dataset.record(id).filter(|r| r.kind() == *kind) {
            entries.insert(
                (chunk_key(kind.collection(), id), id.to_string()),
                format::record_to_v1_in(dataset, &record),
            );
        }
        if let Some(tombstone) = dataset
            .tombstone(id)
            .map(|t| format::to_json(&format::tombstone_to_v1(t)))
        {
            entries.insert((chunk_key(TOMBSTONES, id), id.to_string()), tombstone);
        }
    }
    entries
}

/// Gives each change the entry its writer last knew (see [`ChunkChange::base`]).
///
/// A tombstone that was not there and is not there now is no change at all (an edit of a live
/// record): it is left out, so an edit reads and writes its record's chunk alone, not also the
/// tombstones' chunk (issue 14: one round trip less for every edit).
pub fn with_bases(mut changes: Vec<ChunkChange>, before: &Entries) -> Vec<ChunkChange> {
    for change in &mut changes {
        change.base = before
            .get(&(change.key.clone(), change.id.clone()))
            .cloned();
    }
    changes.retain(|c| !(c.key.starts_with(TOMBSTONES) && c.new.is_none() && c.base.is_none()));
    changes
}

/// Applies the changes that belong to one chunk. A change whose writer knew the stored entry
/// as it is replaces it. Otherwise another tab wrote it meanwhile: two versions of one record
/// are merged field by field (each side keeps the fields it changed, see
/// [`merge_record_entry`]), and a deletion on either side wins over an edit.
pub fn apply_to_chunk(key: &str, chunk: &mut Chunk, changes: &[ChunkChange]) {
    for change in changes.iter().filter(|c| c.key == key) {
        let current = chunk.get(&change.id);
        let unchanged_since = current == change.base.as_ref();
        let next = if unchanged_since {
            change.new.clone()
        } else {
            match (current, &change.new, &change.base) {
                // Both sides changed the record: merge.
                (Some(current), Some(new), Some(base)) => {
                    Some(merge_record_entry(base, current, new))
                }
                // The other side deleted it (its tombstone went in): the deletion stays.
                (None, Some(_), Some(_)) if !key.starts_with(TOMBSTONES) => None,
                // Our change removes a tombstone the other side wrote: the deletion stays.
                (Some(current), None, _) if key.starts_with(TOMBSTONES) => Some(current.clone()),
                _ => change.new.clone(),
            }
        };
        match next {
            Some(entry) => {
                chunk.insert(change.id.clone(), entry);
            }
            None => {
                chunk.remove(&change.id);
            }
        }
    }
}

/// A field's stamp in an entry, comparable as stamps compare (counter, then device, then time).
fn stamp_key(stamps: &Map<String, Json>, field: &str) -> Option<(u64, String, String)> {
    let stamp = stamps.get(field)?;
    Some((
        stamp.get("counter").and_then(Json::as_u64).unwrap_or(0),
        stamp
            .get("device")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string(),
        stamp
            .get("at")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string(),
    ))
}

/// A record's stored entry merged three-way: `base` as the writer knew it, `theirs` as another
/// tab stored it meanwhile, `ours` as the writer has it now. Each field (a key other than the
/// id and the bookkeeping) is ours where only we changed it since the base, theirs where only
/// they did, and where both did the one with the later stamp — so both tabs end with the same
/// value whatever order they write in; unknown keys likewise.
pub fn merge_record_entry(base: &Json, theirs: &Json, ours: &Json) -> Json {
    let empty = Map::new();
    let (base, theirs_map, ours_map) = (
        base.as_object().unwrap_or(&empty),
        theirs.as_object().unwrap_or(&empty),
        ours.as_object().unwrap_or(&empty),
    );
    let stamps = |entry: &Map<String, Json>| -> Map<String, Json> {
        entry
            .get("stamps")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (their_stamps, our_stamps) = (stamps(theirs_map), stamps(ours_map));
    let mut merged = theirs_map.clone();
    let mut merged_stamps = their_stamps;
    let mut took_ours = false;
    let keys: std::collections::BTreeSet<&String> = ours_map
        .keys()
        .chain(theirs_map.keys())
        .chain(base.keys())
        .filter(|k| !matches!(k.as_str(), "id" | "stamps" | "updated_by"))
        .collect();
    for key in keys {
        if ours_map.get(key) == base.get(key) {
            continue;
        }
        let theirs_changed = theirs_map.get(key) != base.get(key);
        if theirs_changed && stamp_key(&merged_stamps, key) > stamp_key(&our_stamps, key) {
            continue;
        }
        took_ours = true;
        match ours_map.get(key) {
            Some(value) => {
                merged.insert(key.clone(), value.clone());
            }
            None => {
                merged.remove(key);
            }
        }
        match our_stamps.get(key) {
            Some(stamp) => {
                merged_stamps.insert(key.clone(), stamp.clone());
            }
            None => {
                merged_stamps.remove(key);
            }
        }
    }
    if took_ours {
        if let Some(author) = ours_map.get("updated_by") {
            merged.insert("updated_by".to_string(), author.clone());
        }
    }
    if merged_stamps.is_empty() {
        merged.remove("stamps");
    } else {
        merged.insert("stamps".to_string(), Json::Object(merged_stamps));
    }
    Json::Object(merged)
}

/// What a store holding `chunks` chunks but not the description is: damaged (a write lost
/// half-way), never "nothing stored yet", which would open the sample over what remains.
pub fn missing_description(chunks: usize) -> StoreError {
    StoreError::Corrupt {
        detail: format!(
            "the ledger's description ({META_KEY}) is missing; {chunks} other chunks are stored"
        ),
    }
}

/// Rebuilds the dataset from the stored chunk texts: those of this format version are read
/// straight into a file's records ([`file_of_chunk_texts`]) and restored like an import; an
/// older store goes through [`load_from_chunks`] to be migrated.
pub fn load_from_chunk_texts(
    meta: &Json,
    texts: impl IntoIterator<Item = (String, String)>,
) -> Result<Loaded, StoreError> {
    let texts: Vec<(String, String)> = texts.into_iter().collect();
    match file_of_chunk_texts(meta, &texts)? {
        Some(file) => {
            drop(texts);
            // Checked exactly like an import; a problem is a corrupt store.
            format::restore(file).map_err(|e| StoreError::Corrupt {
                detail: e.to_string(),
            })
        }
        None => {
            let mut chunks = Vec::with_capacity(texts.len());
            for (key, text) in texts {
                let chunk: Chunk =
                    serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                        detail: format!("chunk {key}: {e}"),
                    })?;
                chunks.push((key, chunk));
            }
            load_from_chunks(meta, chunks)
        }
    }
}

/// The stored chunks of this format version as one ledger file's records: each chunk's text
/// parsed once, straight into the records' file types (no JSON trees, no file text put
/// together and parsed again). The records stay in the store's order (chunk by chunk, by id
/// within a chunk), not sorted by id as a written file has them: a dataset does not depend on
/// the order its records are read in (what a record refers to is of a collection restored
/// before it), and sorting 180,000 reports by id was a third of the reload's reading. `None`
/// for a store of an older version, which goes through [`load_from_chunks`] to be migrated.
pub fn file_of_chunk_texts(
    meta: &Json,
    texts: &[(String, String)],
) -> Result<Option<FileV1>, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { detail };
    let stored_version = meta.get("format_version").and_then(Json::as_u64);
    if stored_version != Some(u64::from(FORMAT_VERSION)) {
        return Ok(None);
    }
    // The envelope as a file would have it: its description and the unknown top-level keys of
    // the file the ledger came from, kept for re-export.
    let mut envelope = Map::new();
    envelope.insert("type".to_string(), Json::from(TYPE_TAG));
    envelope.insert("format_version".to_string(), Json::from(FORMAT_VERSION));
    envelope.insert(
        "dataset".to_string(),
        meta.get("dataset").cloned().unwrap_or(Json::Null),
    );
    if let Some(Json::Object(extra)) = meta.get("file_extra") {
        let known = |key: &str| {
            ["type", "format_version", "dataset", BASEMAP_KEY].contains(&key)
                || crate::model::record::collections().any(|c| c == key)
        };
        for (key, value) in extra.iter().filter(|(key, _)| !known(key)) {
            envelope.insert(key.clone(), value.clone());
        }
    }
    let mut file: FileV1 = crate::format::from_json(&Json::Object(envelope))
        .map_err(|e| corrupt(format!("meta: {e}")))?;

    /// A chunk's records (an object id → record) parsed straight onto the end of the
    /// collection's list (a record is a few hundred bytes; a city
    /// ledger has 180,000 monthly reports, so every move of them counts).
    fn read_into<T: serde::de::DeserializeOwned>(
        key: &str,
        text: &str,
        into: &mut Vec<T>,
    ) -> Result<(), StoreError> {
        struct Onto<'a, T>(&'a mut Vec<T>);
        impl<'de, T: serde::de::DeserializeOwned> serde::de::Visitor<'de> for Onto<'_, T> {
            type Value = ();
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a chunk: an object of records by id")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                // The key is the record's own id, which the record holds.
                while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                    self.0.push(map.next_value()?);
                }
                Ok(())
            }
        }
        let corrupt = |e: serde_json::Error| StoreError::Corrupt {
            detail: format!("chunk {key}: {e}"),
        };
        let mut reader = serde_json::Deserializer::from_str(text);
        serde::Deserializer::deserialize_map(&mut reader, Onto(into)).map_err(corrupt)?;
        reader.end().map_err(corrupt)
    }
    macro_rules! collections {
        ($($field:ident),+ $(,)?) => {{
            let mut basemap = None;
            for (key, text) in texts {
                let collection = key.split('/').next().unwrap_or_default();
                match collection {
                    $(stringify!($field) => read_into(key, text, &mut file.$field)?,)+
                    BASEMAP_KEY => {
                        let mut chunk: BTreeMap<String, crate::format::v1::BasemapV1> =
                            serde_json::from_str(text)
                                .map_err(|e| corrupt(format!("chunk {key}: {e}")))?;
                        basemap = chunk.remove(BASEMAP_KEY);
                    }
                    // A collection this version does not know is left out, as a file's
                    // unknown collection would be read by it.
                    _ => {}
                }
            }
            file.basemap = basemap;
        }};
    }
    collections!(
        areas,
        units,
        indicators,
        values,
        relations,
        tombstones,
        projects,
        progress_reports,
        supervision_items,
        bulletins,
        summaries,
        meetings,
        approvals,
        reminders,
    );
    Ok(Some(file))
}

/// Rebuilds the dataset from the meta chunk and every other chunk, through the same restore
/// as a file (so a store is validated exactly like an import).
pub fn load_from_chunks(
    meta: &Json,
    chunks: impl IntoIterator<Item = (String, Chunk)>,
) -> Result<Loaded, StoreError> {
    load_from_chunks_with(meta, chunks, FORMAT_VERSION, crate::format::migrate::STEPS)
}

/// [`load_from_chunks`] for a given current version and migration steps (a test pretends a
/// later version to check that today's profiles will load after a format change): a profile
/// of a newer version is refused, an older one is brought forward step by step.
/// The description to store when this tab changed it from `base` to `ours` and another tab may
/// have stored its own change meanwhile (`stored`): each field of the dataset's description
/// takes ours where this tab changed it and the stored one otherwise, and the lineage (the ids
/// of the files exported) is the union, stored order first — so a reporting date set in one tab
/// and an export made in another both stay.
pub fn merge_meta(stored: Option<&Json>, base: &Json, ours: &Json) -> Json {
    let Some(stored) = stored else {
        return ours.clone();
    };
    let fields = |meta: &Json| {
        meta.get("dataset")
            .and_then(Json::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let (stored_fields, base_fields, our_fields) = (fields(stored), fields(base), fields(ours));
    // A field left out (an empty lineage, `sample: false`) is a field too: every name any of
    // the three has.
    let names: std::collections::BTreeSet<&String> = stored_fields
        .keys()
        .chain(base_fields.keys())
        .chain(our_fields.keys())
        .collect();
    let mut dataset = serde_json::Map::new();
    for name in names {
        let value = if name == "lineage" {
            let ids = |fields: &serde_json::Map<String, Json>| {
                fields
                    .get("lineage")
                    .and_then(Json::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            let mut lineage = ids(&stored_fields);
            for id in ids(&our_fields) {
                if !lineage.contains(&id) {
                    lineage.push(id);
                }
            }
            (!lineage.is_empty()).then_some(Json::Array(lineage))
        } else if our_fields.get(name) != base_fields.get(name) {
            our_fields.get(name).cloned()
        } else {
            stored_fields.get(name).cloned()
        };
        if let Some(value) = value {
            dataset.insert(name.clone(), value);
        }
    }
    let mut merged = ours.clone();
    if let Some(object) = merged.as_object_mut() {
        object.insert("dataset".to_string(), Json::Object(dataset));
    }
    merged
}

/// Refuses to write over a store a newer version of the app wrote (its description's format
/// version above this one's): an old tab left open after an update stops saving instead of
/// overwriting records in a shape it does not know. `stored` is the stored description, if any.
pub fn refuse_if_newer(stored: Option<&Json>) -> Result<(), StoreError> {
    let found = stored
        .and_then(|meta| meta.get("format_version"))
        .and_then(Json::as_u64)
        .and_then(|v| u32::try_from(v).ok());
    match found {
        Some(found) if found > FORMAT_VERSION => Err(StoreError::Newer {
            found,
            supported: FORMAT_VERSION,
        }),
        _ => Ok(()),
    }
}

pub fn load_from_chunks_with(
    meta: &Json,
    chunks: impl IntoIterator<Item = (String, Chunk)>,
    current_version: u32,
    steps: &[crate::format::migrate::Step],
) -> Result<Loaded, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { detail };
    let stored_version = meta
        .get("format_version")
        .and_then(Json::as_u64)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| corrupt("meta: no format_version".to_string()))?;
    if stored_version > current_version {
        return Err(StoreError::Newer {
            found: stored_version,
            supported: current_version,
        });
    }
    let dataset_meta: DatasetMetaV1 =
        crate::format::from_json(meta.get("dataset").unwrap_or(&Json::Null))
            .map_err(|e| corrupt(format!("meta: {e}")))?;
    let mut collections: BTreeMap<String, Vec<Json>> = BTreeMap::new();
    for (key, chunk) in chunks {
        let collection = key.split('/').next().unwrap_or_default().to_string();
        let entries = collections.entry(collection).or_default();
        entries.extend(chunk.into_iter().map(|(_, record)| record));
    }
    let mut take = |name: &str| -> Json {
        let mut records = collections.remove(name).unwrap_or_default();
        let id = |r: &Json| r.get("id").and_then(Json::as_str).map(str::to_string);
        records.sort_by_cached_key(id);
        Json::Array(records)
    };
    let mut envelope = serde_json::json!({
        "type": TYPE_TAG,
        "format_version": FORMAT_VERSION,
        "dataset": dataset_meta,
    });
    if let Some(object) = envelope.as_object_mut() {
        for collection in crate::model::record::collections() {
            object.insert(collection.to_string(), take(collection));
        }
    }
    if let (Some(Json::Array(mut maps)), Some(object)) =
        (Some(take(BASEMAP_KEY)), envelope.as_object_mut())
    {
        if let Some(basemap) = maps.pop() {
            object.insert(BASEMAP_KEY.to_string(), basemap);
        }
    }
    // Unknown top-level keys of the file the ledger came from, kept for re-export.
    if let (Some(Json::Object(extra)), Some(object)) =
        (meta.get("file_extra"), envelope.as_object_mut())
    {
        for (key, value) in extra {
            object.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    if stored_version < current_version {
        if let Some(object) = envelope.as_object_mut() {
            object.insert("format_version".to_string(), Json::from(stored_version));
        }
        envelope =
            crate::format::migrate::migrate_with(envelope, stored_version, steps, current_version)
                .map_err(|e| corrupt(e.to_string()))?;
        // What restore reads is this version's shape.
        if let Some(object) = envelope.as_object_mut() {
            object.insert("format_version".to_string(), Json::from(FORMAT_VERSION));
        }
    }
    let file: FileV1 = crate::format::from_json(&envelope).map_err(|e| corrupt(e.to_string()))?;
    format::restore(file).map_err(|e| corrupt(e.to_string()))
}
