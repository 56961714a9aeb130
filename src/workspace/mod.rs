//! The open ledger: the one place a running app changes its ledger. A [`Workspace`] owns the
//! dataset, the undo and redo stacks, the queue of writes the store has yet to make and the
//! change context (device and author); every change — a typed figure, a form, a pasted block,
//! an import or merge, replacing the ledger, the reporting date, the boundary map — goes
//! through [`Workspace::apply`] as an [`Edit`] through the model's one door, becomes one step
//! of the history, and queues exactly the store writes it needs.
//!
//! Pure and tested natively: pages render and call it (through `ui::state::AppState`, its thin
//! reactive wrapper), never the store or `Dataset::apply` directly (`tests/purity.rs`).
//! Invariants: the history holds inverses that were produced by applying the edits, newest
//! last; a refused edit changes nothing, records no history and queues no write; the writes
//! queued are in the order the changes were made.
//!
//! `entry` is how typed and pasted figures become edits and how the table's cursor moves;
//! `forms` how the project pages' forms are read into records; `import` the sequence of
//! opening a colleague's file (read → plan → decisions → apply → log).

pub mod entry;
pub mod explain;
pub mod forms;
pub mod import;
pub mod project_paste;

use crate::model::{ChangeContext, Dataset, Edit, EditError, RecordId, RecordKind};
use crate::store::snapshots::{SnapshotInfo, SnapshotPolicy};
use crate::store::{chunks, Store, StoreError, Write};

/// The open ledger with its history and its pending writes.
#[derive(Debug, Clone)]
pub struct Workspace {
    dataset: Dataset,
    undo: Vec<Edit>,
    redo: Vec<Edit>,
    pending: Vec<Write>,
    device: String,
    author: String,
    snapshot_policy: SnapshotPolicy,
    newest_snapshot: Option<SnapshotInfo>,
    changes_since_snapshot: u32,
}

/// Which history an applied edit's inverse goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    New,
    Undo,
    Redo,
}

impl Workspace {
    /// Opens a ledger (loaded from the store, or new) for a device and author. Nothing is
    /// written: a ledger that is not stored yet is stored by [`Workspace::store_everything`].
    pub fn new(
        dataset: Dataset,
        device: impl Into<String>,
        author: impl Into<String>,
    ) -> Workspace {
        Workspace {
            dataset,
            undo: Vec::new(),
            redo: Vec::new(),
            pending: Vec::new(),
            device: device.into(),
            author: author.into(),
            snapshot_policy: SnapshotPolicy::default(),
            newest_snapshot: None,
            changes_since_snapshot: 0,
        }
    }

    /// The newest snapshot the store keeps (read when the ledger opens), so the workspace knows
    /// when the next is due.
    pub fn set_newest_snapshot(&mut self, newest: Option<SnapshotInfo>) {
        self.newest_snapshot = newest;
    }

    /// Queues a snapshot of the ledger as it is now when one is due before `edit` (see
    /// `store::snapshots::due`): a [`Write::Snapshot`] ahead of the edit's own write, so the
    /// store copies what it holds before the edit lands. The ledger is not written out here:
    /// for a city-scale ledger that took half a second inside the step.
    fn snapshot_if_due(&mut self, edit: &Edit, at: &str) {
        let today = at.get(..10).unwrap_or(at);
        let Some(reason) = crate::store::snapshots::due(
            &self.snapshot_policy,
            self.newest_snapshot.as_ref(),
            self.changes_since_snapshot,
            edit.is_whole(),
            today,
        ) else {
            return;
        };
        let records = RecordKind::ALL
            .iter()
            .map(|kind| self.dataset.count(*kind) as u64)
            .sum();
        let stamp: String = at.chars().filter(char::is_ascii_digit).collect();
        let info = SnapshotInfo {
            id: format!("s-{stamp}-{}", self.dataset.clock),
            at: at.to_string(),
            reason,
            // The store sets it from what it copies.
            bytes: 0,
            records,
        };
        self.newest_snapshot = Some(info.clone());
        self.changes_since_snapshot = 0;
        self.pending.push(Write::Snapshot {
            info,
            policy: self.snapshot_policy,
        });
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The author name written into later changes.
    pub fn set_author(&mut self, author: impl Into<String>) {
        self.author = author.into();
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps can be undone.
    pub fn history_len(&self) -> usize {
        self.undo.len()
    }

    fn context(&self, at: &str) -> ChangeContext {
        ChangeContext {
            device: self.device.clone(),
            author: self.author.clone(),
            at: at.to_string(),
        }
    }

    /// Applies an edit made at `at` (ISO time, from the caller's clock): one step of the
    /// history, and its writes queued. A refused edit changes nothing.
    pub fn apply(&mut self, edit: Edit, at: &str) -> Result<(), EditError> {
        self.apply_as(edit, at, Direction::New, None)
    }

    /// Replaces the ledger ([`Edit::Replace`], one undoable step) with `dataset`, whose file
    /// shape for the store, `prepared`, the caller made beforehand from exactly this dataset
    /// (`WholeLedger::steps`, in slices while the page kept getting turns), so the step
    /// itself does not convert 200,000 records at once.
    pub fn replace(
        &mut self,
        dataset: Dataset,
        prepared: chunks::WholeLedger,
        at: &str,
    ) -> Result<(), EditError> {
        debug_assert!(prepared == chunks::WholeLedger::of(&dataset));
        self.apply_as(
            Edit::Replace(Box::new(dataset)),
            at,
            Direction::New,
            Some(prepared),
        )
    }

    /// The ledger the next undo (or redo, with `redo`) would put back, when that step replaces
    /// the whole ledger (an import taken back): taken off its history, so the caller can make
    /// its store shape in slices (`WholeLedger::steps`) and hand both to
    /// [`Workspace::put_back_whole`]. `None`, and nothing taken, for any other step.
    pub fn take_whole_step(&mut self, redo: bool) -> Option<Dataset> {
        let history = if redo { &mut self.redo } else { &mut self.undo };
        if !matches!(history.last(), Some(Edit::Replace(_))) {
            return None;
        }
        match history.pop() {
            Some(Edit::Replace(dataset)) => Some(*dataset),
            _ => None,
        }
    }

    /// Undoes (or redoes) a whole-ledger step taken by [`Workspace::take_whole_step`], with
    /// `prepared` made from exactly `dataset`: as [`Workspace::undo`] would, without converting
    /// 200,000 records inside the step.
    pub fn put_back_whole(
        &mut self,
        dataset: Dataset,
        prepared: chunks::WholeLedger,
        at: &str,
        redo: bool,
    ) -> Result<(), EditError> {
        debug_assert!(prepared == chunks::WholeLedger::of(&dataset));
        let direction = if redo {
            Direction::Redo
        } else {
            Direction::Undo
        };
        self.apply_as(
            Edit::Replace(Box::new(dataset)),
            at,
            direction,
            Some(prepared),
        )
    }

    /// Undoes the last step, if any (false when there is none). An undo the ledger can no
    /// longer take (another tab changed what it would restore) is refused and dropped.
    pub fn undo(&mut self, at: &str) -> Result<bool, EditError> {
        match self.undo.pop() {
            Some(inverse) => self
                .apply_as(inverse, at, Direction::Undo, None)
                .map(|()| true),
            None => Ok(false),
        }
    }

    /// Redoes the last undone step, if any.
    pub fn redo(&mut self, at: &str) -> Result<bool, EditError> {
        match self.redo.pop() {
            Some(inverse) => self
                .apply_as(inverse, at, Direction::Redo, None)
                .map(|()| true),
            None => Ok(false),
        }
    }

    fn apply_as(
        &mut self,
        edit: Edit,
        at: &str,
        direction: Direction,
        prepared: Option<chunks::WholeLedger>,
    ) -> Result<(), EditError> {
        self.snapshot_if_due(&edit, at);
        let context = self.context(at);
        // The stored entries as this workspace knows them, so the store can merge rather than
        // overwrite when another tab wrote them meanwhile.
        let before = chunks::entries_of(&self.dataset, &edit.named_records());
        // An edit of the description (a merge extends the lineage too) carries it as this tab
        // knew it, so the store merges it with another tab's change instead of overwriting it.
        let meta_base = matches!(
            edit,
            Edit::SetDocumentDate(_) | Edit::SetLineage(_) | Edit::Adopt(_)
        )
        .then(|| chunks::meta_chunk(&self.dataset));
        let applied = self.dataset.apply(edit, &context)?;
        if !applied.changed_anything() {
            return Ok(());
        }
        self.changes_since_snapshot += 1;
        let write = match prepared.filter(|_| applied.replaced) {
            Some(ledger) => Write::Everything {
                meta: chunks::meta_chunk(&self.dataset),
                ledger: std::sync::Arc::new(ledger),
            },
            None => chunks::write_for(&self.dataset, &applied),
        };
        let write = match write {
            Write::Changes {
                records,
                meta,
                basemap,
                ..
            } => Write::Changes {
                records: chunks::with_bases(records, &before),
                meta_base: meta.as_ref().and(meta_base),
                meta,
                basemap,
            },
            everything => everything,
        };
        self.pending.push(write);
        match direction {
            Direction::New => {
                self.undo.push(applied.inverse);
                self.redo.clear();
            }
            Direction::Undo => self.redo.push(applied.inverse),
            Direction::Redo => self.undo.push(applied.inverse),
        }
        Ok(())
    }

    /// Writes the ledger (or the selected part of it) as a file for a colleague: its export id
    /// goes into the lineage — bookkeeping, stored but not a step of the history, as an export
    /// changes nothing the user made — so a colleague's reply finds this file as its base.
    /// Returns the file's name, its text and its export description; the caller offers it and
    /// keeps it (`Store::keep_exchange`).
    pub fn export(
        &mut self,
        selection: &crate::format::select::Selection,
        export_id: &str,
        at: &str,
    ) -> (String, String, crate::format::v1::ExportV1) {
        let part = crate::format::select::select(&self.dataset, selection);
        let info = crate::format::v1::ExportV1 {
            id: export_id.to_string(),
            exported_at: at.to_string(),
            exported_by: self.author.clone(),
            derived_from: self.dataset.meta.lineage.clone(),
        };
        let file_name = crate::format::export_file_name(&self.dataset.meta.name, at);
        let text = crate::format::write_file(&part, Some(info.clone()));
        let mut lineage = self.dataset.meta.lineage.clone();
        if !lineage.iter().any(|id| id == export_id) {
            lineage.push(export_id.to_string());
            let context = self.context(at);
            let base = chunks::meta_chunk(&self.dataset);
            if let Ok(applied) = self.dataset.apply(Edit::SetLineage(lineage), &context) {
                let mut write = chunks::write_for(&self.dataset, &applied);
                if let Write::Changes { meta_base, .. } = &mut write {
                    *meta_base = Some(base);
                }
                self.pending.push(write);
            }
        }
        (file_name, text, info)
    }

    /// Takes in what another tab stored for these records, read back from the store (`stored`:
    /// their chunks by key, and the description's chunk when it changed): no history, nothing
    /// to write. Returns whether anything changed.
    pub fn absorb(
        &mut self,
        stored: &std::collections::BTreeMap<String, crate::store::chunks::Chunk>,
        change: &TabChange,
    ) -> bool {
        let records = change.records();
        let mut changed = self.dataset.absorb(chunks::stored_states(stored, &records));
        if let Some(meta) = stored
            .get(chunks::META_KEY)
            .filter(|_| change.meta)
            .and_then(|m| m.get("dataset"))
            .and_then(|d| crate::format::from_json::<crate::format::v1::DatasetMetaV1>(d).ok())
        {
            if let Ok(date) = crate::model::Date::parse_iso(&meta.document_date) {
                changed |= self.dataset.meta.document_date != date;
                self.dataset.meta.document_date = date;
            }
            changed |= self.dataset.meta.lineage != meta.lineage;
            self.dataset.meta.lineage = meta.lineage;
        }
        if change.basemap {
            let basemap = stored
                .get(chunks::BASEMAP_KEY)
                .and_then(|chunk| chunk.get(chunks::BASEMAP_KEY))
                .and_then(|b| crate::format::from_json::<crate::format::v1::BasemapV1>(b).ok())
                .map(|b| crate::model::dataset::Basemap {
                    name: b.name,
                    geojson: b.geojson.to_string(),
                });
            changed |= self.dataset.basemap != basemap;
            self.dataset.basemap = basemap;
        }
        changed
    }

    /// Another tab replaced the whole ledger: this one follows. Its history belonged to the
    /// ledger it replaced, so it is dropped.
    pub fn follow(&mut self, dataset: Dataset) {
        self.dataset = dataset;
        self.undo.clear();
        self.redo.clear();
    }

    /// Queues a write of the whole ledger (the first run stores the sample this way).
    pub fn store_everything(&mut self) {
        self.pending.push(chunks::write_everything(&self.dataset));
    }

    /// The writes waiting for the store, oldest first; the caller makes them in this order.
    pub fn take_writes(&mut self) -> Vec<Write> {
        std::mem::take(&mut self.pending)
    }

    /// Puts writes that could not be made back at the front of the queue (a retry makes them
    /// first, before any made since).
    pub fn requeue(&mut self, mut writes: Vec<Write>) {
        writes.append(&mut self.pending);
        self.pending = writes;
    }

    /// Makes every pending write, in order. On a failure the write that failed and those after
    /// it stay queued, and the error is returned.
    pub async fn persist<S: Store>(&mut self, store: &mut S) -> Result<(), StoreError> {
        let writes = self.take_writes();
        for (index, write) in writes.iter().enumerate() {
            if let Err(error) = store.write(write).await {
                let mut unwritten = writes[index..].to_vec();
                unwritten.append(&mut self.pending);
                self.pending = unwritten;
                return Err(error);
            }
        }
        Ok(())
    }
}

/// What one tab tells the others it stored (a `BroadcastChannel` message in the browser): which
/// records, whether the description or the boundary map, or the whole ledger — and the file
/// format it wrote, so a tab of an older version stops writing instead of overwriting.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TabChange {
    pub format_version: u32,
    /// Collection name and id of each record written.
    pub records: Vec<(String, String)>,
    pub meta: bool,
    pub basemap: bool,
    pub everything: bool,
}

impl TabChange {
    /// What a write stores, as the other tabs need to hear it.
    pub fn of(write: &Write) -> TabChange {
        let empty = TabChange {
            format_version: crate::format::v1::FORMAT_VERSION,
            records: Vec::new(),
            meta: false,
            basemap: false,
            everything: false,
        };
        match write {
            Write::Everything { .. } => TabChange {
                everything: true,
                ..empty
            },
            // Snapshots are the store's own; another tab's ledger does not change.
            Write::Snapshot { .. } => empty,
            Write::Changes {
                records,
                meta,
                basemap,
                ..
            } => {
                let mut ids: Vec<(String, String)> = records
                    .iter()
                    .filter(|c| !c.key.starts_with(chunks::TOMBSTONES))
                    .map(|c| {
                        let collection = c.key.split('/').next().unwrap_or_default().to_string();
                        (collection, c.id.clone())
                    })
                    .collect();
                crate::sorting::sort(&mut ids);
                ids.dedup();
                TabChange {
                    records: ids,
                    meta: meta.is_some(),
                    basemap: basemap.is_some(),
                    ..empty
                }
            }
        }
    }

    /// The records named, as kinds and ids (unknown names are left out).
    pub fn records(&self) -> Vec<(RecordKind, RecordId)> {
        self.records
            .iter()
            .filter_map(|(collection, id)| {
                Some((
                    RecordKind::from_collection(collection)?,
                    RecordId::parse(id)?,
                ))
            })
            .collect()
    }

    /// The chunk keys to read for it.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = chunks::keys_holding(&self.records());
        if self.meta {
            keys.push(chunks::META_KEY.to_string());
        }
        if self.basemap {
            keys.push(chunks::BASEMAP_KEY.to_string());
        }
        keys
    }

    /// Written by a newer version of the app than this one.
    pub fn is_from_newer_version(&self) -> bool {
        self.format_version > crate::format::v1::FORMAT_VERSION
    }

    /// Reads another tab's message. Its format version is read first, on its own: a newer
    /// version may have changed the rest of the message's shape, and must still stop this tab
    /// from writing. `None` for a message that is not a tab's change at all.
    pub fn read(text: &str) -> Option<TabMessage> {
        #[derive(serde::Deserialize)]
        struct Version {
            format_version: u32,
        }
        let version = serde_json::from_str::<Version>(text).ok()?.format_version;
        if version > crate::format::v1::FORMAT_VERSION {
            return Some(TabMessage::Newer);
        }
        serde_json::from_str::<TabChange>(text)
            .ok()
            .map(TabMessage::Change)
    }
}

/// What another tab said: what it stored, or that it runs a newer version of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabMessage {
    Change(TabChange),
    Newer,
}

/// An empty ledger that keeps the work areas and units (configuration, not figures) of the
/// ledger it replaces, so the user can start entering indicators at once. Its reporting date is
/// `today` (the caller reads the clock once, at creation; it is stored with the ledger), and its
/// name is "我的台账" / "My ledger" in the language it is started in (the user renames it).
/// Installed with `Edit::Replace`, it is one undoable step like any other.
pub fn empty_ledger(
    current: &Dataset,
    id: String,
    today: crate::model::Date,
    lang: crate::model::Lang,
) -> Dataset {
    let mut empty = Dataset::new(crate::model::DatasetMeta {
        id,
        name: crate::i18n::text(lang, "data.new_ledger_name").to_string(),
        document_date: today,
        sample: false,
        source_title: String::new(),
        lineage: Vec::new(),
    });
    for area in current.areas() {
        let _ = empty.insert_loaded(crate::model::Record::Area(area.clone()));
    }
    for unit in current.units() {
        let _ = empty.insert_loaded(crate::model::Record::Unit(unit.clone()));
    }
    empty
}

/// How many days since the ledger was last saved as a file (or, never exported, since it was
/// first used) when that is `every_days` or more: time to remind the user to export a backup.
pub fn backup_overdue(
    last_export: Option<crate::model::Date>,
    first_used: crate::model::Date,
    today: crate::model::Date,
    every_days: u32,
) -> Option<i64> {
    let since = last_export.unwrap_or(first_used);
    let days = today.day_number() - since.day_number();
    (every_days > 0 && days >= i64::from(every_days)).then_some(days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("date")
    }

    #[test]
    fn a_backup_is_overdue_after_the_set_number_of_days_since_the_last_export() {
        assert_eq!(date(1970, 1, 1).day_number(), 0);
        assert_eq!(
            date(2026, 3, 1).day_number() - date(2026, 2, 28).day_number(),
            1
        );
        assert_eq!(
            date(2024, 3, 1).day_number() - date(2024, 2, 28).day_number(),
            2
        );
        let today = date(2026, 11, 30);
        assert_eq!(
            backup_overdue(Some(date(2026, 11, 20)), date(2026, 1, 1), today, 7),
            Some(10)
        );
        assert_eq!(
            backup_overdue(Some(date(2026, 11, 25)), date(2026, 1, 1), today, 7),
            None
        );
        // Never exported: counted from the first use.
        assert_eq!(backup_overdue(None, date(2026, 11, 1), today, 7), Some(29));
        assert_eq!(backup_overdue(None, today, today, 7), None);
        // 0 turns the reminder off.
        assert_eq!(backup_overdue(None, date(2026, 1, 1), today, 0), None);
    }
}
