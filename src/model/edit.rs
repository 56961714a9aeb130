//! The one door through which a dataset changes.
//!
//! An [`Edit`] is applied by [`Dataset::apply`], which validates it, stamps every field it
//! changed (device, Lamport counter, time) with the author from settings, and returns the
//! inverse edit plus the records it touched. Undo applies the inverse; the store rewrites only
//! the touched records' chunks; history, autosave, merge and tab sync all see the same edits.
//! A failed edit leaves the dataset exactly as it was (a batch is rolled back).

use super::dataset::{Basemap, Dataset, Extra};
use super::id::RecordId;
use super::period::{Date, Period};
use super::record::{FieldStamps, Record, RecordKind, Stamp, Tombstone};

/// One change to a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Creates a record, or replaces the record with the same id field by field.
    Put(Record),
    /// Deletes a record, leaving a tombstone.
    Delete { kind: RecordKind, id: RecordId },
    /// Brings a deleted record back (the inverse of a delete): drops its tombstone.
    Restore(Record),
    /// Several edits that succeed or fail together.
    Batch(Vec<Edit>),
    /// Sets the ledger's reporting date (截至日期): what "今年" means and the day project
    /// lights, overdue items and due reports are judged on. Part of the dataset's description,
    /// not a record: it has no stamp, and a merge keeps our own.
    SetDocumentDate(Date),
    /// Takes records and tombstones as a merge decided them, their stamps kept: the incoming
    /// changes are the colleague's, made when they made them. Its inverse is the same kind of
    /// edit holding what was there before, so undoing an import gives the ledger back exactly.
    Adopt(Vec<Adopted>),
    /// Replaces the whole ledger (another ledger's file, an empty ledger, the sample again).
    Replace(Box<Dataset>),
    /// Sets the export ids this ledger has exchanged (the lineage a merge finds its base in).
    SetLineage(Vec<String>),
    /// Sets or removes the bureau's boundary map.
    SetBasemap(Option<Basemap>),
}

impl Edit {
    /// Whether the edit replaces or merges into the whole ledger (a replacement, an adopted
    /// merge): a snapshot is taken before one.
    pub fn is_whole(&self) -> bool {
        match self {
            Edit::Replace(_) | Edit::Adopt(_) => true,
            Edit::Batch(edits) => edits.iter().any(Edit::is_whole),
            _ => false,
        }
    }

    /// The records this edit names (an edit changes no other record): what a writer must know
    /// as they were before it, to merge with another tab's write of them.
    pub fn named_records(&self) -> Vec<(RecordKind, RecordId)> {
        let mut out = Vec::new();
        self.collect_named(&mut out);
        crate::sorting::sort(&mut out);
        out.dedup();
        out
    }

    /// Whether the edit replaces the whole ledger.
    fn replaces(&self) -> bool {
        match self {
            Edit::Replace(_) => true,
            Edit::Batch(edits) => edits.iter().any(Edit::replaces),
            _ => false,
        }
    }

    fn collect_named(&self, out: &mut Vec<(RecordKind, RecordId)>) {
        match self {
            Edit::Put(record) | Edit::Restore(record) => {
                out.push((record.kind(), record.id().clone()))
            }
            Edit::Delete { kind, id } => out.push((*kind, id.clone())),
            Edit::Adopt(items) => out.extend(items.iter().map(|i| (i.kind(), i.id().clone()))),
            Edit::Batch(edits) => {
                for edit in edits {
                    edit.collect_named(out);
                }
            }
            Edit::SetDocumentDate(_)
            | Edit::SetLineage(_)
            | Edit::SetBasemap(_)
            | Edit::Replace(_) => {}
        }
    }
}

/// What one id is after an [`Edit::Adopt`]. (Most items are live records, so boxing them
/// would only add allocations.)
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(clippy::large_enum_variant)]
pub enum Adopted {
    /// A live record, with the unknown keys it carries.
    Live { record: Record, extra: Extra },
    /// Deleted: its tombstone.
    Deleted(Tombstone),
    /// Never known (what the inverse of adopting a new record says).
    Absent { kind: RecordKind, id: RecordId },
}

impl Adopted {
    fn id(&self) -> &RecordId {
        match self {
            Adopted::Live { record, .. } => record.id(),
            Adopted::Deleted(tombstone) => &tombstone.id,
            Adopted::Absent { id, .. } => id,
        }
    }

    fn kind(&self) -> RecordKind {
        match self {
            Adopted::Live { record, .. } => record.kind(),
            Adopted::Deleted(tombstone) => tombstone.kind,
            Adopted::Absent { kind, .. } => *kind,
        }
    }

    /// What the dataset holds for an id now.
    pub fn of(dataset: &Dataset, kind: RecordKind, id: &RecordId) -> Adopted {
        if let Some(record) = dataset.record(id) {
            return Adopted::Live {
                extra: dataset.extra(id).cloned().unwrap_or_default(),
                record,
            };
        }
        match dataset.tombstone(id) {
            Some(tombstone) => Adopted::Deleted(tombstone.clone()),
            None => Adopted::Absent {
                kind,
                id: id.clone(),
            },
        }
    }
}

/// Who makes a change, from where, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeContext {
    pub device: String,
    pub author: String,
    /// ISO 8601 UTC.
    pub at: String,
}

/// What an applied edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// Applying this undoes the edit.
    pub inverse: Edit,
    /// Records whose stored form changed (live, deleted or restored).
    pub touched: Vec<(RecordKind, RecordId)>,
    /// The dataset's description (reporting date, lineage …) changed and must be stored too.
    pub meta_changed: bool,
    /// The boundary map changed.
    pub basemap_changed: bool,
    /// The whole ledger was replaced: everything is stored anew.
    pub replaced: bool,
}

impl Applied {
    fn records(inverse: Edit, touched: Vec<(RecordKind, RecordId)>) -> Applied {
        Applied {
            inverse,
            touched,
            meta_changed: false,
            basemap_changed: false,
            replaced: false,
        }
    }

    /// Whether the edit changed anything at all.
    pub fn changed_anything(&self) -> bool {
        self.meta_changed || self.basemap_changed || self.replaced || !self.touched.is_empty()
    }
}

/// Why an edit was refused. Each variant is a message code with parameters (see `i18n`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("{field} must not be empty")]
    EmptyName { field: &'static str },
    #[error("'{name}' already exists")]
    DuplicateName { field: &'static str, name: String },
    #[error("{indicator} already has a value for {period}")]
    DuplicateValue { indicator: String, period: Period },
    #[error("{field} refers to '{id}', which does not exist")]
    MissingReference { field: &'static str, id: String },
    #[error("id '{id}' belongs to a record of another kind")]
    IdTakenByOtherKind { id: String },
    #[error("record '{id}' was deleted; its id cannot be reused")]
    IdDeleted { id: String },
    #[error("record '{id}' is both deleted and live")]
    DeletedAndLive { id: String },
    #[error("record '{id}' does not exist")]
    NotFound { id: String },
    #[error("{field} {amount} is negative")]
    NegativeAmount { field: &'static str, amount: String },
    #[error("unit {symbol} needs a positive factor")]
    BadFactor { symbol: String },
    #[error("'{name}' is still used by {count} records")]
    StillUsed { name: String, count: usize },
    #[error("invalid project code '{code}': {problem}")]
    BadProjectCode {
        code: String,
        problem: super::project::CodeProblem,
    },
    #[error("planned completion {end} is before the start {start}")]
    EndBeforeStart { start: String, end: String },
    #[error("completion {completed} is before the start {start}")]
    CompletedBeforeStart { start: String, completed: String },
    #[error("milestones out of order: {later} comes before {earlier}")]
    MilestonesOutOfOrder { earlier: String, later: String },
    #[error("a report for {month} is dated after the completion on {completed}")]
    ReportAfterCompletion {
        field: &'static str,
        month: String,
        completed: String,
    },
    #[error("{project} already has a report for {month}")]
    DuplicateReport { project: String, month: String },
    #[error("'{month}' is not a month")]
    BadMonth { month: String },
    #[error("cumulative investment {cumulative} is less than this month's {month}")]
    CumulativeBelowMonth { month: String, cumulative: String },
    #[error("deadline {deadline} is before the day raised {raised}")]
    DeadlineBeforeRaised { raised: String, deadline: String },
    #[error("a project cannot move from {from} to {to}")]
    StatusMove { from: String, to: String },
    #[error("longitude {lon} / latitude {lat} is not a place on Earth (-180..180, -90..90)")]
    LocationOutOfRange { lon: String, lat: String },
    #[error("{year} is not a plan year (1900-2200)")]
    BadPlanYear { year: i32 },
    #[error("the plan for {year} is given twice")]
    DuplicatePlanYear { year: i32 },
    /// A relation whose shape its kind does not allow; `rule` names which
    /// (`difference_needs_two`, `rank_whole`, `multiple_positive`, `subject_in_base`).
    #[error("relation: {rule}")]
    BadRelation {
        field: &'static str,
        rule: &'static str,
    },
    /// An approval that breaks one of `approval::check_approval`'s rules, named by `rule`.
    #[error("approval: {rule}")]
    BadApproval {
        field: &'static str,
        rule: super::approval::ApprovalRule,
    },
    /// A document number the approving body has already given another approval.
    #[error("document number {number} of {body} is already recorded")]
    DuplicateDocumentNo { body: String, number: String },
}

impl EditError {
    /// The field of the record the refusal is about (its name in `Record::fields`), so a form
    /// puts the message at that field; `None` when it is about the record as a whole.
    pub fn field(&self) -> Option<&'static str> {
        Some(match self {
            EditError::EmptyName { field }
            | EditError::DuplicateName { field, .. }
            | EditError::MissingReference { field, .. }
            | EditError::NegativeAmount { field, .. }
            | EditError::ReportAfterCompletion { field, .. }
            | EditError::BadRelation { field, .. }
            | EditError::BadApproval { field, .. } => field,
            EditError::DuplicateValue { .. } => "period",
            EditError::DuplicateDocumentNo { .. } => "document_no",
            EditError::BadFactor { .. } => "factor",
            EditError::BadProjectCode { .. } => "code",
            EditError::EndBeforeStart { .. } => "planned_completion",
            EditError::CompletedBeforeStart { .. } => "completed_on",
            EditError::MilestonesOutOfOrder { .. } => "milestones",
            EditError::DuplicateReport { .. } | EditError::BadMonth { .. } => "month",
            EditError::CumulativeBelowMonth { .. } => "invested_cumulative",
            EditError::DeadlineBeforeRaised { .. } => "deadline",
            EditError::StatusMove { .. } => "status",
            EditError::LocationOutOfRange { .. } => "location",
            EditError::BadPlanYear { .. } | EditError::DuplicatePlanYear { .. } => "annual_plans",
            EditError::IdTakenByOtherKind { .. }
            | EditError::IdDeleted { .. }
            | EditError::DeletedAndLive { .. }
            | EditError::NotFound { .. }
            | EditError::StillUsed { .. } => return None,
        })
    }
}

/// The name a refusal shows for a record others still use.
fn display_name(record: &Record) -> String {
    match record {
        Record::Area(a) => a.name.clone(),
        Record::Unit(u) => u.symbol.clone(),
        Record::Indicator(i) => i.name.clone(),
        Record::Project(p) => p.name.clone(),
        other => other.id().to_string(),
    }
}

/// An id's live record, tombstone and unknown keys before a batch.
type KeptRecord = (RecordId, Option<Record>, Option<Tombstone>, Option<Extra>);

/// What a batch may change, as it was before: the records (live or deleted) its edits name,
/// the clock and the reporting date. Restoring it puts the dataset back byte for byte.
struct Rollback {
    clock: u64,
    document_date: super::period::Date,
    lineage: Vec<String>,
    basemap: Option<Basemap>,
    /// The whole ledger, when the batch replaces it.
    replaced: Option<Box<Dataset>>,
    /// Each named id's live record, tombstone and unknown keys before the batch, in the order
    /// first named.
    records: Vec<KeptRecord>,
    seen: std::collections::BTreeSet<RecordId>,
}

impl Rollback {
    fn new(dataset: &Dataset) -> Rollback {
        Rollback {
            clock: dataset.clock,
            document_date: dataset.meta.document_date,
            lineage: dataset.meta.lineage.clone(),
            basemap: dataset.basemap.clone(),
            replaced: None,
            records: Vec::new(),
            seen: std::collections::BTreeSet::new(),
        }
    }

    /// Keeps the prior state of every record the edit names (an edit changes only those), in
    /// the order first named: restoring runs backwards, so an index slot one record gave up
    /// and another took comes back to the first. A replacement keeps the whole ledger.
    fn remember(&mut self, dataset: &Dataset, edit: &Edit) {
        if self.replaced.is_none() && edit.replaces() {
            self.replaced = Some(Box::new(dataset.clone()));
        }
        let mut named = Vec::new();
        edit.collect_named(&mut named);
        for (_, id) in named {
            self.keep(dataset, &id);
        }
    }

    fn keep(&mut self, dataset: &Dataset, id: &RecordId) {
        if self.seen.insert(id.clone()) {
            self.records.push((
                id.clone(),
                dataset.record(id),
                dataset.tombstone(id).cloned(),
                dataset.extra(id).cloned(),
            ));
        }
    }

    fn restore(self, dataset: &mut Dataset) {
        if let Some(whole) = self.replaced {
            *dataset = *whole;
            return;
        }
        for (id, live, tombstone, extra) in self.records.into_iter().rev() {
            dataset.set_extra(id.clone(), extra.unwrap_or_default());
            if let Some(current) = dataset.record(&id) {
                dataset.remove_unchecked(current.kind(), &id);
            }
            dataset.tombstones.remove(&id);
            if let Some(record) = live {
                dataset.put_unchecked(record);
            }
            if let Some(tombstone) = tombstone {
                dataset.tombstones.insert(id, tombstone);
            }
        }
        dataset.clock = self.clock;
        dataset.meta.document_date = self.document_date;
        dataset.meta.lineage = self.lineage;
        dataset.basemap = self.basemap;
    }
}

impl Dataset {
    /// Takes in what another tab stored (no history, nothing to write): each field of a record
    /// is taken where its stamp is newer than ours, a deletion is taken, a record new to us is
    /// added. A record the ledger cannot hold as it stands now is left as ours. Returns whether
    /// anything changed.
    pub fn absorb(&mut self, items: Vec<Adopted>) -> bool {
        let mut changed = false;
        let rank = |item: &Adopted| {
            RecordKind::ALL
                .iter()
                .position(|k| *k == item.kind())
                .unwrap_or(usize::MAX)
        };
        // Records in go in dependency order (areas before indicators before values); deletions
        // go the other way (values before their indicator).
        let (mut live, mut gone): (Vec<Adopted>, Vec<Adopted>) = items
            .into_iter()
            .partition(|item| matches!(item, Adopted::Live { .. }));
        crate::sorting::sort_by_key(&mut live, rank);
        crate::sorting::sort_by_key(&mut gone, |item| std::cmp::Reverse(rank(item)));
        for item in live.into_iter().chain(gone) {
            match item {
                Adopted::Live { record, extra } => {
                    let id = record.id().clone();
                    let merged = match self.record(&id) {
                        Some(ours) if ours.kind() == record.kind() => {
                            let mut merged = ours.clone();
                            let mut took = false;
                            for (name, _) in record.fields() {
                                if record.stamps().get(name) > ours.stamps().get(name) {
                                    took |= merged.copy_field_from(&record, name);
                                }
                            }
                            if !took {
                                continue;
                            }
                            let stamps = merged.stamps().clone();
                            merged.set_bookkeeping(stamps, record.updated_by().to_string());
                            merged
                        }
                        Some(_) => continue,
                        None => record,
                    };
                    if self.check_record(&merged).is_err() {
                        continue;
                    }
                    for stamp in merged.stamps().values() {
                        self.clock = self.clock.max(stamp.counter);
                    }
                    self.tombstones.remove(&id);
                    if let Some(current) = self.record(&id) {
                        self.remove_unchecked(current.kind(), &id);
                    }
                    self.put_unchecked(merged);
                    self.set_extra(id, extra);
                    changed = true;
                }
                Adopted::Deleted(tombstone) => {
                    if self.tombstone(&tombstone.id) == Some(&tombstone) {
                        continue;
                    }
                    if let Some(current) = self.record(&tombstone.id) {
                        if self.users_of(&current) > 0 {
                            continue;
                        }
                        self.remove_unchecked(current.kind(), &tombstone.id);
                    }
                    self.clock = self.clock.max(tombstone.deleted.counter);
                    self.set_extra(tombstone.id.clone(), Extra::new());
                    self.tombstones.insert(tombstone.id.clone(), tombstone);
                    changed = true;
                }
                // Absent in the store: ours may not be written yet; it stays.
                Adopted::Absent { .. } => {}
            }
        }
        changed
    }

    /// Applies an edit, or refuses it and changes nothing: a refused batch leaves the dataset
    /// exactly as it was (same records, stamps, tombstones and clock), not merely "undone".
    pub fn apply(&mut self, edit: Edit, context: &ChangeContext) -> Result<Applied, EditError> {
        match edit {
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                let mut touched = Vec::new();
                let mut meta_changed = false;
                let mut basemap_changed = false;
                let mut replaced = false;
                let mut saved = Rollback::new(self);
                for edit in edits {
                    saved.remember(self, &edit);
                    match self.apply(edit, context) {
                        Ok(applied) => {
                            inverses.push(applied.inverse);
                            touched.extend(applied.touched);
                            meta_changed |= applied.meta_changed;
                            basemap_changed |= applied.basemap_changed;
                            replaced |= applied.replaced;
                        }
                        Err(error) => {
                            saved.restore(self);
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                crate::sorting::sort(&mut touched);
                touched.dedup();
                Ok(Applied {
                    inverse: Edit::Batch(inverses),
                    touched,
                    meta_changed,
                    basemap_changed,
                    replaced,
                })
            }
            Edit::SetDocumentDate(date) => {
                let previous = std::mem::replace(&mut self.meta.document_date, date);
                Ok(Applied {
                    meta_changed: previous != date,
                    ..Applied::records(Edit::SetDocumentDate(previous), Vec::new())
                })
            }
            Edit::SetLineage(lineage) => {
                let changed = self.meta.lineage != lineage;
                let previous = std::mem::replace(&mut self.meta.lineage, lineage);
                Ok(Applied {
                    meta_changed: changed,
                    ..Applied::records(Edit::SetLineage(previous), Vec::new())
                })
            }
            Edit::SetBasemap(basemap) => {
                let changed = self.basemap != basemap;
                let previous = std::mem::replace(&mut self.basemap, basemap);
                Ok(Applied {
                    basemap_changed: changed,
                    ..Applied::records(Edit::SetBasemap(previous), Vec::new())
                })
            }
            Edit::Replace(dataset) => {
                let previous = std::mem::replace(self, *dataset);
                Ok(Applied {
                    replaced: true,
                    ..Applied::records(Edit::Replace(Box::new(previous)), Vec::new())
                })
            }
            Edit::Adopt(items) => self.apply_adopt(items),
            Edit::Put(record) => self.apply_put(record, context, false),
            Edit::Restore(record) => self.apply_put(record, context, true),
            Edit::Delete { kind, id } => self.apply_delete(kind, id, context),
        }
    }

    fn next_stamp(&mut self, context: &ChangeContext) -> Stamp {
        self.clock += 1;
        Stamp {
            counter: self.clock,
            device: context.device.as_str().into(),
            at: context.at.as_str().into(),
            by: context.author.as_str().into(),
        }
    }

    fn apply_put(
        &mut self,
        mut record: Record,
        context: &ChangeContext,
        restoring: bool,
    ) -> Result<Applied, EditError> {
        let id = record.id().clone();
        let kind = record.kind();
        if self.tombstones.contains_key(&id) && !restoring {
            return Err(EditError::IdDeleted { id: id.to_string() });
        }
        self.check_record(&record)?;
        let old = self.record(&id);
        if let (Some(Record::Project(before)), Record::Project(after)) = (&old, &record) {
            if let (Some(from), Some(to)) = (before.status, after.status) {
                // A move the life cycle allows, or the reversal of one (so undo always works).
                if !from.can_move_to(to) && !to.can_move_to(from) {
                    return Err(EditError::StatusMove {
                        from: from.code().to_string(),
                        to: to.code().to_string(),
                    });
                }
            }
        }
        // Fields that differ from the stored record get a fresh stamp; the rest keep theirs.
        let mut stamps: FieldStamps = old.as_ref().map(|r| r.stamps().clone()).unwrap_or_default();
        let old_fields = old.as_ref().map(Record::fields).unwrap_or_default();
        let changed: Vec<&'static str> = record
            .fields()
            .into_iter()
            .filter(|(name, value)| {
                old_fields
                    .iter()
                    .find(|(old_name, _)| old_name == name)
                    .is_none_or(|(_, old_value)| old_value != value)
            })
            .map(|(name, _)| name)
            .collect();
        if old.is_some() && changed.is_empty() && !restoring {
            let unchanged = old.unwrap_or(record);
            return Ok(Applied::records(Edit::Put(unchanged), Vec::new()));
        }
        let stamp = self.next_stamp(context);
        if restoring {
            // A restored record is newer than its tombstone in every field, so a merge sees
            // the restore as a change made after the deletion.
            stamps = record
                .fields()
                .into_iter()
                .map(|(name, _)| (name.into(), stamp.clone()))
                .collect();
        } else {
            for name in changed {
                stamps.insert(name.into(), stamp.clone());
            }
        }
        record.set_bookkeeping(stamps, context.author.clone());
        if restoring {
            self.tombstones.remove(&id);
        }
        self.put_unchecked(record);
        let inverse = match old {
            Some(previous) => Edit::Put(previous),
            None => Edit::Delete {
                kind,
                id: id.clone(),
            },
        };
        Ok(Applied::records(inverse, vec![(kind, id)]))
    }

    /// Puts every id in the state given, all or nothing: what is there now is taken out, then
    /// the live records go in in dependency order (areas and units before indicators, those
    /// before their values …) through the record checks, and no live record may be left
    /// pointing at one that is gone. Stamps are kept as given; the clock moves past them.
    fn apply_adopt(&mut self, items: Vec<Adopted>) -> Result<Applied, EditError> {
        let mut saved = Rollback::new(self);
        for item in &items {
            saved.keep(self, item.id());
        }
        let previous: Vec<Adopted> = items
            .iter()
            .map(|item| Adopted::of(self, item.kind(), item.id()))
            .collect();
        let touched: Vec<(RecordKind, RecordId)> =
            items.iter().map(|i| (i.kind(), i.id().clone())).collect();
        for item in &items {
            if let Some(current) = self.record(item.id()) {
                self.remove_unchecked(current.kind(), item.id());
            }
            self.tombstones.remove(item.id());
        }
        let mut ordered: Vec<&Adopted> = items.iter().collect();
        crate::sorting::sort_by_key(&mut ordered, |item| {
            RecordKind::ALL
                .iter()
                .position(|k| *k == item.kind())
                .unwrap_or(usize::MAX)
        });
        let mut result = Ok(());
        for item in ordered {
            match item {
                Adopted::Live { record, extra } => {
                    if let Err(error) = self.check_record(record) {
                        result = Err(error);
                        break;
                    }
                    for stamp in record.stamps().values() {
                        self.clock = self.clock.max(stamp.counter);
                    }
                    self.put_unchecked(record.clone());
                    self.set_extra(record.id().clone(), extra.clone());
                }
                Adopted::Deleted(tombstone) => {
                    self.clock = self.clock.max(tombstone.deleted.counter);
                    self.tombstones
                        .insert(tombstone.id.clone(), tombstone.clone());
                    self.set_extra(tombstone.id.clone(), Extra::new());
                }
                Adopted::Absent { id, .. } => self.set_extra(id.clone(), Extra::new()),
            }
        }
        // What was taken away must not be needed by what stays.
        if result.is_ok() {
            for (item, before) in items.iter().zip(&previous) {
                if matches!(item, Adopted::Live { .. }) {
                    continue;
                }
                if let Adopted::Live { record, .. } = before {
                    let users = self.users_of(record);
                    if users > 0 {
                        result = Err(EditError::StillUsed {
                            name: display_name(record),
                            count: users,
                        });
                        break;
                    }
                }
            }
        }
        if let Err(error) = result {
            saved.restore(self);
            return Err(error);
        }
        Ok(Applied::records(Edit::Adopt(previous), touched))
    }

    fn apply_delete(
        &mut self,
        kind: RecordKind,
        id: RecordId,
        context: &ChangeContext,
    ) -> Result<Applied, EditError> {
        let record = self
            .record(&id)
            .filter(|r| r.kind() == kind)
            .ok_or_else(|| EditError::NotFound { id: id.to_string() })?;
        let users = self.users_of(&record);
        if users > 0 {
            return Err(EditError::StillUsed {
                name: display_name(&record),
                count: users,
            });
        }
        let stamp = self.next_stamp(context);
        self.remove_unchecked(kind, &id);
        self.tombstones.insert(
            id.clone(),
            Tombstone {
                id: id.clone(),
                kind,
                deleted: stamp,
            },
        );
        Ok(Applied::records(Edit::Restore(record), vec![(kind, id)]))
    }

    /// How many live records refer to this one (a record still used cannot be deleted).
    fn users_of(&self, record: &Record) -> usize {
        match record {
            Record::Area(area) => self
                .indicators
                .values()
                .filter(|i| i.area == area.id)
                .count(),
            Record::Unit(unit) => self
                .indicators
                .values()
                .filter(|i| i.unit == unit.id)
                .count(),
            Record::Indicator(indicator) => {
                self.values_of(&indicator.id).len()
                    + self
                        .relations
                        .values()
                        .filter(|r| {
                            r.subject.indicator == indicator.id
                                || r.base.iter().any(|b| b.indicator == indicator.id)
                        })
                        .count()
            }
            Record::Project(project) => {
                self.reports_of(&project.id).len()
                    + self.supervision_of(&project.id).len()
                    + self.bulletins_of(&project.id).len()
                    + self.approvals_of(&project.id).len()
                    + self.meetings_of(&project.id).len()
            }
            Record::Approval(approval) => self.reminders_of(&approval.id).len(),
            Record::Meeting(meeting) => self.follow_ups_of(&meeting.id).len(),
            Record::Value(_)
            | Record::Relation(_)
            | Record::Report(_)
            | Record::Supervision(_)
            | Record::Bulletin(_)
            | Record::Summary(_)
            | Record::Reminder(_) => 0,
        }
    }

    /// The edit that deletes an indicator together with its values and the relations that
    /// mention it (one undoable step).
    pub fn delete_indicator_edit(&self, indicator: &RecordId) -> Edit {
        let mut edits: Vec<Edit> = self
            .relations
            .values()
            .filter(|r| {
                &r.subject.indicator == indicator
                    || r.base.iter().any(|b| &b.indicator == indicator)
            })
            .map(|r| Edit::Delete {
                kind: RecordKind::Relation,
                id: r.id.clone(),
            })
            .collect();
        edits.extend(self.values_of(indicator).into_iter().map(|v| Edit::Delete {
            kind: RecordKind::Value,
            id: v.id.clone(),
        }));
        edits.push(Edit::Delete {
            kind: RecordKind::Indicator,
            id: indicator.clone(),
        });
        Edit::Batch(edits)
    }

    /// The edit that deletes an approval together with the reminders given about it.
    pub fn delete_approval_edit(&self, approval: &RecordId) -> Edit {
        let mut edits: Vec<Edit> = self
            .reminders_of(approval)
            .into_iter()
            .map(|r| Edit::Delete {
                kind: RecordKind::Reminder,
                id: r.id.clone(),
            })
            .collect();
        edits.push(Edit::Delete {
            kind: RecordKind::Approval,
            id: approval.clone(),
        });
        Edit::Batch(edits)
    }

    /// The approval items the ledger uses, in name order, each with how many approvals name it
    /// (the data page's list of items).
    pub fn approval_items(&self) -> Vec<(String, usize)> {
        let mut items: std::collections::BTreeMap<&str, usize> = Default::default();
        for approval in self.approvals() {
            *items.entry(approval.item.as_str()).or_default() += 1;
        }
        items
            .into_iter()
            .map(|(item, n)| (item.to_string(), n))
            .collect()
    }

    /// The edit that renames an approval item (`from` → `to`) in every approval naming it, as
    /// one undoable step; renaming onto an item in use merges the two. `None` when nothing
    /// would change; refused with the item rule when `to` is empty.
    pub fn rename_approval_item_edit(
        &self,
        from: &str,
        to: &str,
    ) -> Result<Option<Edit>, EditError> {
        let to = to.trim();
        if to.is_empty() {
            return Err(EditError::BadApproval {
                field: "item",
                rule: super::approval::ApprovalRule::ItemEmpty,
            });
        }
        if to == from {
            return Ok(None);
        }
        let edits: Vec<Edit> = self
            .approvals()
            .filter(|a| a.item == from)
            .map(|a| {
                let mut renamed = a.clone();
                renamed.item = to.to_string();
                Edit::Put(Record::Approval(renamed))
            })
            .collect();
        Ok((!edits.is_empty()).then_some(Edit::Batch(edits)))
    }

    /// The edit that deletes a joint review meeting; its follow-up items stay as supervision
    /// items of their projects, no longer linked to it.
    pub fn delete_meeting_edit(&self, meeting: &RecordId) -> Edit {
        let mut edits: Vec<Edit> = self
            .follow_ups_of(meeting)
            .into_iter()
            .map(|item| {
                let mut kept = item.clone();
                kept.meeting = None;
                Edit::Put(Record::Supervision(kept))
            })
            .collect();
        edits.push(Edit::Delete {
            kind: RecordKind::Meeting,
            id: meeting.clone(),
        });
        Edit::Batch(edits)
    }

    /// The edit that deletes a project together with its monthly reports and supervision items,
    /// and drops it from the bulletins that mention it (one undoable step).
    pub fn delete_project_edit(&self, project: &RecordId) -> Edit {
        let mut edits: Vec<Edit> = self
            .reports_of(project)
            .into_iter()
            .map(|r| Edit::Delete {
                kind: RecordKind::Report,
                id: r.id.clone(),
            })
            .collect();
        edits.extend(
            self.supervision_of(project)
                .into_iter()
                .map(|s| Edit::Delete {
                    kind: RecordKind::Supervision,
                    id: s.id.clone(),
                }),
        );
        edits.extend(self.bulletins_of(project).into_iter().map(|b| {
            let mut kept = b.clone();
            kept.projects.retain(|p| p != project);
            Edit::Put(Record::Bulletin(kept))
        }));
        edits.extend(self.meetings_of(project).into_iter().map(|m| {
            let mut kept = m.clone();
            kept.items.retain(|i| &i.project != project);
            Edit::Put(Record::Meeting(kept))
        }));
        for approval in self.approvals_of(project) {
            edits.extend(
                self.reminders_of(&approval.id)
                    .into_iter()
                    .map(|r| Edit::Delete {
                        kind: RecordKind::Reminder,
                        id: r.id.clone(),
                    }),
            );
            edits.push(Edit::Delete {
                kind: RecordKind::Approval,
                id: approval.id.clone(),
            });
        }
        edits.push(Edit::Delete {
            kind: RecordKind::Project,
            id: project.clone(),
        });
        Edit::Batch(edits)
    }
}
