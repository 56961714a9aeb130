//! The file format: reading a Taizhang file into a [`Dataset`] and writing one back.
//!
//! Reading is "probe, parse, restore": the envelope's type tag and version are read first
//! (without building the records), a current-version file is then parsed straight into its
//! serde types ([`v1`]), and restore converts each record into the model, reporting every
//! problem with its JSON path and skipping only the records that have one. Writing is
//! canonical — keys in a fixed order, arrays sorted — so equal data gives equal bytes.
//!
//! Invariant: nothing here touches storage; a caller applies the restored dataset only after
//! the reader returned it, so a bad file never half-writes anything.

pub mod csv;
pub mod diff;
pub mod docx;
pub mod generate;
pub mod geojson;
pub mod ics;
pub mod merge;
pub mod migrate;
mod restore;
pub mod select;
pub mod sliced;
pub mod v1;
mod write;

use crate::model::{Dataset, PeriodError, RecordKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use v1::*;

pub use restore::{record_from_entry, restore, tombstone_from_entry, Restoring};
pub use write::{
    basemap_to_v1, dataset_meta_to_v1, dataset_to_v1, export_file_name, record_to_v1,
    record_to_v1_in, tombstone_to_v1, write_file, V1Steps,
};

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not JSON: {detail} (line {line}, column {column})")]
    NotJson {
        detail: String,
        line: usize,
        column: usize,
    },
    #[error("not a Taizhang file (type tag is {found:?})")]
    NotTaizhang { found: String },
    #[error("written by a newer Taizhang (format {found}, this app reads up to {supported})")]
    NewerVersion { found: u32, supported: u32 },
    #[error("format version {found} is not known")]
    UnknownVersion { found: u32 },
    #[error("the file does not have the shape of format {version}: {detail}")]
    BadShape { version: u32, detail: String },
    #[error("the dataset's {field} is invalid: {detail}")]
    BadDataset { field: &'static str, detail: String },
}

/// One problem in one record; the record was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// JSON path, e.g. `$.values[12].amount`.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ProblemKind {
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    BadAmount {
        text: String,
    },
    /// A period, date or month field that does not read; the reason says why, in either
    /// language.
    BadPeriod {
        text: String,
        reason: PeriodError,
    },
    /// The boundary map (named) is not usable GeoJSON; the error names what and where in it.
    BadGeoJson {
        name: String,
        error: geojson::GeoError,
    },
    BadCode {
        field: &'static str,
        text: String,
    },
    Refused {
        reason: crate::model::EditError,
    },
}

/// Whether the file is as it was exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumStatus {
    /// The checksum matches the content.
    Valid,
    /// The file carries no checksum (written by hand or by another tool).
    Missing,
    /// The content changed after export (edited by hand, or damaged in transit).
    Mismatch,
}

/// A file read into a dataset, with what had to be left out.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
    pub export: Option<ExportV1>,
    pub checksum: ChecksumStatus,
    /// Unknown top-level keys, kept for re-export.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `"sha256:<hex>"` over the canonical compact JSON of the file with its checksum left out.
pub fn checksum_of(file: &FileV1) -> String {
    if file.checksum.is_none() {
        return unsigned_checksum(file);
    }
    let mut unsigned = file.clone();
    unsigned.checksum = None;
    unsigned_checksum(&unsigned)
}

/// The checksum of a file that carries none: its compact JSON hashed a record at a time
/// (`ChecksumSteps`), so a city ledger's 30 MB never sit in memory as one more text.
/// `tests/core.rs` holds it to the hash of the whole file's compact text.
fn unsigned_checksum(file: &FileV1) -> String {
    let mut hashing = ChecksumSteps::default();
    loop {
        if let Some(sum) = hashing.step(file, usize::MAX) {
            return sum;
        }
    }
}

/// The checksum of a file computed a slice of records at a time (for a large file read in
/// slices): the same bytes `serde_json` writes for the whole file without its checksum, part
/// by part, into one hash. [`ChecksumSteps::step`] until it returns `Some`, which is
/// [`unsigned_checksum`]'s answer (a test holds them to it).
pub struct ChecksumSteps {
    hasher: sha2::Sha256,
    /// The next part: 0 the head, 1..=14 the collections in the file's field order, 15 the
    /// tail; and the next record within a collection.
    part: usize,
    index: usize,
}

impl Default for ChecksumSteps {
    fn default() -> Self {
        use sha2::Digest;
        ChecksumSteps {
            hasher: sha2::Sha256::new(),
            part: 0,
            index: 0,
        }
    }
}

impl ChecksumSteps {
    fn raw(&mut self, text: &str) {
        use sha2::Digest;
        self.hasher.update(text.as_bytes());
    }

    fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        // Through a text, not a writer of its own: each serializer is compiled once more for
        // every type of the file (issue 14: the app's weight), and `to_string` is the one the
        // store uses anyway. Serializing plain structs cannot fail.
        self.raw(&serde_json::to_string(value).unwrap_or_default());
    }

    /// `"sha256:<hex>"` of everything written so far.
    fn finish(&mut self) -> String {
        use sha2::Digest;
        let digest = std::mem::take(&mut self.hasher).finalize();
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        format!("sha256:{hex}")
    }

    fn key(&mut self, key: &str) {
        self.raw(",");
        self.json(key);
        self.raw(":");
    }

    /// Hashes up to `budget` more records of `file`; the checksum once the whole file is in.
    pub fn step(&mut self, file: &FileV1, budget: usize) -> Option<String> {
        let mut left = budget;
        while left > 0 {
            match self.part {
                0 => {
                    self.raw("{\"type\":");
                    self.json(&file.type_tag);
                    self.key("format_version");
                    self.json(&file.format_version);
                    self.key("app_version");
                    self.json(&file.app_version);
                    self.key("dataset");
                    self.json(&file.dataset);
                    if let Some(export) = &file.export {
                        self.key("export");
                        self.json(export);
                    }
                    self.part = 1;
                }
                1..=14 => {
                    let done = self.collection_step(file, &mut left);
                    if done {
                        self.part += 1;
                        self.index = 0;
                    }
                }
                _ => {
                    if let Some(basemap) = &file.basemap {
                        self.key("basemap");
                        self.json(basemap);
                    }
                    for (key, value) in &file.extra {
                        self.key(key);
                        self.json(value);
                    }
                    self.raw("}");
                    return Some(self.finish());
                }
            }
        }
        None
    }

    /// One collection's records, as many as the budget allows; whether it is all in.
    fn collection_step(&mut self, file: &FileV1, left: &mut usize) -> bool {
        macro_rules! collection {
            ($name:expr, $records:expr, $skip_empty:expr) => {{
                let records = &$records;
                if $skip_empty && records.is_empty() {
                    return true;
                }
                if self.index == 0 {
                    self.key($name);
                    self.raw("[");
                }
                while *left > 0 && self.index < records.len() {
                    if self.index > 0 {
                        self.raw(",");
                    }
                    self.json(&records[self.index]);
                    self.index += 1;
                    *left -= 1;
                }
                if self.index >= records.len() {
                    self.raw("]");
                    true
                } else {
                    false
                }
            }};
        }
        match self.part {
            1 => collection!(RecordKind::Area.collection(), file.areas, false),
            2 => collection!(RecordKind::Unit.collection(), file.units, false),
            3 => collection!(RecordKind::Indicator.collection(), file.indicators, false),
            4 => collection!(RecordKind::Value.collection(), file.values, false),
            5 => collection!(RecordKind::Relation.collection(), file.relations, false),
            6 => collection!(crate::model::record::TOMBSTONES, file.tombstones, false),
            7 => collection!(RecordKind::Project.collection(), file.projects, true),
            8 => collection!(RecordKind::Report.collection(), file.progress_reports, true),
            9 => collection!(
                RecordKind::Supervision.collection(),
                file.supervision_items,
                true
            ),
            10 => collection!(RecordKind::Bulletin.collection(), file.bulletins, true),
            11 => collection!(RecordKind::Summary.collection(), file.summaries, true),
            12 => collection!(RecordKind::Meeting.collection(), file.meetings, true),
            13 => collection!(RecordKind::Approval.collection(), file.approvals, true),
            _ => collection!(RecordKind::Reminder.collection(), file.reminders, true),
        }
    }
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "type", default)]
    type_tag: Option<serde_json::Value>,
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

fn not_json(error: &serde_json::Error) -> FormatError {
    FormatError::NotJson {
        detail: error.to_string(),
        line: error.line(),
        column: error.column(),
    }
}

/// Reads a file's text. Fails only when the file as a whole cannot be used; record-level
/// problems are returned beside the dataset.
pub fn read_file(text: &str) -> Result<Loaded, FormatError> {
    // A ledger is a JSON object; anything else is either not JSON or another kind of JSON.
    if !text.trim_start().starts_with('{') {
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(error) => Err(not_json(&error)),
            Ok(_) => Err(FormatError::NotTaizhang {
                found: "(not an object)".to_string(),
            }),
        };
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => FormatError::NotTaizhang {
            found: "(not an object)".to_string(),
        },
        _ => not_json(&e),
    })?;
    match &probe.type_tag {
        Some(serde_json::Value::String(tag)) if tag == TYPE_TAG => {}
        other => {
            return Err(FormatError::NotTaizhang {
                found: other.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            })
        }
    }
    let version = probe
        .format_version
        .as_ref()
        .and_then(|v| v.as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| FormatError::BadShape {
            version: 0,
            detail: "format_version must be a positive integer".to_string(),
        })?;
    if version > FORMAT_VERSION {
        return Err(FormatError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version != FORMAT_VERSION {
        // An older file: raw JSON through the migration steps, then into the current types.
        let raw: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        let current = migrate::migrate(raw, version)?;
        let file: FileV1 = from_json(&current).map_err(|e| FormatError::BadShape {
            version: FORMAT_VERSION,
            detail: e.to_string(),
        })?;
        return restore(file);
    }
    let file: FileV1 = serde_json::from_str(text).map_err(|e| FormatError::BadShape {
        version,
        detail: e.to_string(),
    })?;
    restore(file)
}

/// A JSON value read into a type by way of its text. `serde_json::from_value` compiles a second
/// deserializer (from a `Value`) for every type read that way, about 80 KB of wasm before
/// wasm-opt (issue 14: the app's weight); the places that hold a `Value` to read are rare or
/// small (an older file or store migrated, the store's description, another tab's records), so
/// writing the value out and reading the text costs little there.
pub fn from_json<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

/// A value as JSON by way of its text, for the places that keep a `serde_json::Value` (the
/// store's chunk entries): `serde_json::to_value` would compile a second serializer for every
/// type written that way (issue 14: the app's weight). `Null` if it cannot be written (plain
/// structs of strings and numbers always can).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Value {
    serde_json::to_string(value)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(serde_json::Value::Null)
}

/// Reads a file written by a newer Taizhang as far as this version understands it, for a
/// read-only view: the parts it knows are restored, everything else is ignored here (and kept,
/// as unknown keys, if the view is saved again). Never used to import.
pub fn read_newer_for_viewing(text: &str) -> Result<Loaded, FormatError> {
    let mut raw: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
    if let Some(object) = raw.as_object_mut() {
        object.insert(
            "format_version".to_string(),
            serde_json::Value::from(FORMAT_VERSION),
        );
    }
    let file: FileV1 = from_json(&raw).map_err(|e| FormatError::BadShape {
        version: FORMAT_VERSION,
        detail: e.to_string(),
    })?;
    restore(file)
}
