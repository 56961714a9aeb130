//! Three-way merge of two ledgers against their common base, field by field.
//!
//! For every record id the merge looks at the base, ours and theirs. A field only one side
//! changed since the base is taken from that side; a field both changed to the same value is
//! simply that value; a field both changed differently is a [`Conflict`]. A deletion on one
//! side meets an unchanged record on the other: the record stays deleted (tombstones keep it
//! so); a deletion meets an edit: conflict. Records created separately by the two colleagues
//! for the same thing are matched by natural key — an indicator by work area + name + unit, a
//! value by indicator + period — and a value entered twice with different amounts is a
//! conflict, never a silent pick.
//!
//! Invariant: nothing is decided for the user. `merge` returns the records it could decide and
//! the conflicts it could not; `resolve` applies the user's choice per conflict and builds the
//! merged dataset through the model's own checks, reporting any record it had to reject.

use crate::model::{Dataset, Period, Record, RecordId, RecordKind, Tombstone};
use std::collections::BTreeMap;

/// Where a record stands in one of the three ledgers. (Most states are live records, so
/// boxing them would only add allocations.)
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
enum State {
    Absent,
    Live(Record),
    Deleted(Tombstone),
}

fn state_of(dataset: &Dataset, id: &RecordId) -> State {
    if let Some(record) = dataset.record(id) {
        return State::Live(record);
    }
    match dataset.tombstone(id) {
        Some(t) => State::Deleted(t.clone()),
        None => State::Absent,
    }
}

/// Every id a dataset knows, live or deleted, with its kind.
pub(crate) fn all_ids(dataset: &Dataset, into: &mut BTreeMap<RecordId, RecordKind>) {
    for kind in RecordKind::ALL {
        for id in dataset.ids(kind) {
            into.insert(id, kind);
        }
    }
    for t in dataset.tombstones() {
        into.insert(t.id.clone(), t.kind);
    }
}

/// What cannot be decided without the user. (Whole records ride along so the preview can show
/// both sides; conflicts are few, so their size does not matter.)
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum ConflictKind {
    /// Both changed one field, to different values.
    Field {
        field: &'static str,
        base: Option<String>,
        ours: String,
        theirs: String,
    },
    /// One side deleted the record, the other edited it.
    DeletedByUs {
        theirs: Record,
    },
    DeletedByThem {
        ours: Record,
    },
    /// The same figure (indicator + period) entered separately with different amounts.
    SameFigure {
        period: Period,
        ours: Record,
        theirs: Record,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: RecordKind,
    /// The record on our side (for `SameFigure`, our value's id).
    pub id: RecordId,
    pub what: ConflictKind,
}

/// The user's choice for one conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    KeepMine,
    TakeTheirs,
}

/// Counts per record kind, for the dry-run report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
    pub conflicting: usize,
    pub matched: usize,
    pub rejected: usize,
}

/// What a merge decided, before the user resolves its conflicts.
#[derive(Debug, Clone)]
pub struct MergePlan {
    /// The records and tombstones the merge decided, by id.
    decided: BTreeMap<RecordId, State>,
    /// Their ids that were matched to ours by natural key (their id → our id).
    pub matched: BTreeMap<RecordId, RecordId>,
    pub conflicts: Vec<Conflict>,
    pub report: BTreeMap<RecordKind, KindReport>,
    /// Their side of every record in conflict (references already pointed at our ids).
    their_states: BTreeMap<RecordId, State>,
    /// Unknown keys per record, both sides' (ours win on a clash), kept through the merge.
    extras: BTreeMap<RecordId, crate::model::Extra>,
    meta_extra: crate::model::Extra,
    file_extra: crate::model::Extra,
    /// Our boundary map, or theirs when we have none.
    basemap: Option<crate::model::dataset::Basemap>,
    meta: crate::model::DatasetMeta,
}

/// Both sides' unknown keys, ours winning where both have one.
fn union(
    ours: Option<&crate::model::Extra>,
    theirs: Option<&crate::model::Extra>,
) -> crate::model::Extra {
    let mut out = theirs.cloned().unwrap_or_default();
    out.extend(ours.cloned().unwrap_or_default());
    out
}

/// The merged ledger and the records that could not stand in it.
#[derive(Debug, Clone)]
pub struct Merged {
    pub dataset: Dataset,
    /// Records left out because the merged ledger could not hold them (e.g. their value of an
    /// indicator we deleted), with the reason.
    pub rejected: Vec<(RecordKind, RecordId, crate::model::EditError)>,
}

/// Merges field by field. `base` is the ledger both started from (the last file they
/// exchanged); with no common history, pass an empty dataset.
fn merge_live(
    base: Option<&Record>,
    ours: &Record,
    theirs: &Record,
) -> (Record, Vec<ConflictKind>, bool) {
    let base_fields: BTreeMap<&str, String> = base
        .map(|b| b.fields().into_iter().collect())
        .unwrap_or_default();
    let their_fields: BTreeMap<&str, String> = theirs.fields().into_iter().collect();
    let mut merged = ours.clone();
    let mut conflicts = Vec::new();
    let mut took_theirs = false;
    for (name, our_value) in ours.fields() {
        let their_value = their_fields.get(name).cloned().unwrap_or_default();
        if our_value == their_value {
            // Same value: keep the newer stamp so a later merge sees the latest change.
            if theirs.stamps().get(name) > ours.stamps().get(name) {
                merged.copy_field_from(theirs, name);
            }
            continue;
        }
        let base_value = base_fields.get(name);
        if let Some(columns) = merge_column_lists(base, ours, theirs, name) {
            // A set, not a value: both sides' added columns are kept, and a column either side
            // removed stays removed, so adding columns on two computers never conflicts.
            if let Record::Area(area) = &mut merged {
                if area.columns != columns {
                    area.columns = columns;
                    took_theirs = true;
                }
            }
            if theirs.stamps().get(name) > ours.stamps().get(name) {
                let stamp = theirs.stamps().get(name).cloned();
                let mut stamps = merged.stamps().clone();
                if let Some(stamp) = stamp {
                    stamps.insert(name.into(), stamp);
                }
                let author = merged.updated_by().to_string();
                merged.set_bookkeeping(stamps, author);
            }
            continue;
        }
        // Who changed the field since the common base? Without a base record, a field that was
        // never stamped is still as in the shared original (ids are random, so a record both
        // sides hold came from one origin).
        let (ours_changed, theirs_changed) = match (base, base_value) {
            (Some(_), Some(b)) => (&our_value != b, &their_value != b),
            _ => (
                ours.stamps().contains_key(name),
                theirs.stamps().contains_key(name),
            ),
        };
        if theirs_changed && !ours_changed {
            merged.copy_field_from(theirs, name);
            took_theirs = true;
        } else if ours_changed && !theirs_changed {
            // Only we changed it: keep ours.
        } else {
            conflicts.push(ConflictKind::Field {
                field: name,
                base: base_value.cloned(),
                ours: our_value,
                theirs: their_value,
            });
        }
    }
    if took_theirs {
        let author = theirs.updated_by().to_string();
        let stamps = merged.stamps().clone();
        merged.set_bookkeeping(stamps, author);
    }
    (merged, conflicts, took_theirs)
}

/// An area's added period columns merged as a set (three-way when there is a base record, a
/// union without one); `None` for every other field.
fn merge_column_lists(
    base: Option<&Record>,
    ours: &Record,
    theirs: &Record,
    field: &str,
) -> Option<Vec<Period>> {
    let (Record::Area(our_area), Record::Area(their_area)) = (ours, theirs) else {
        return None;
    };
    if field != "columns" {
        return None;
    }
    let base_columns: &[Period] = match base {
        Some(Record::Area(base_area)) => &base_area.columns,
        _ => &[],
    };
    let mut merged: Vec<Period> = our_area
        .columns
        .iter()
        .chain(&their_area.columns)
        .copied()
        .filter(|period| {
            let in_ours = our_area.columns.contains(period);
            let in_theirs = their_area.columns.contains(period);
            (in_ours && in_theirs) || !base_columns.contains(period)
        })
        .collect();
    crate::sorting::sort(&mut merged);
    merged.dedup();
    Some(merged)
}

/// Whether a record was edited since the base; without a base record, whether it was ever
/// edited at all (a record never stamped is as in the shared original).
fn changed_since(base: &State, record: &Record) -> bool {
    match base {
        State::Live(b) => b.fields() != record.fields(),
        _ => !record.stamps().is_empty(),
    }
}

/// Plans the merge of `theirs` into `ours` against `base`, the ledger both started from (the
/// last file they exchanged). Without one, pass an empty dataset: the per-field stamps then
/// tell which side changed a field since the shared original.
pub fn merge(base: &Dataset, ours: &Dataset, theirs: &Dataset) -> MergePlan {
    let mut ids = BTreeMap::new();
    all_ids(base, &mut ids);
    all_ids(ours, &mut ids);
    all_ids(theirs, &mut ids);
    let mut decided = BTreeMap::new();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut their_states = BTreeMap::new();
    let mut report: BTreeMap<RecordKind, KindReport> = BTreeMap::new();

    // Their records created separately for something we already have, matched by natural key.
    let matched = match_by_natural_key(base, ours, theirs);

    for (id, kind) in &ids {
        let entry = report.entry(*kind).or_default();
        let b = state_of(base, id);
        let o = state_of(ours, id);
        let mut t = state_of(theirs, id);
        if matched.contains_key(id) {
            // Their record is one of ours under another id: ours stands for both.
            entry.matched += 1;
            continue;
        }
        if let State::Live(record) = &mut t {
            remap_references(record, &matched);
        }
        let outcome = match (&o, &t) {
            (State::Live(our), State::Live(their)) => {
                let base_record = match &b {
                    State::Live(r) => Some(r),
                    _ => None,
                };
                let (merged, field_conflicts, took_theirs) = merge_live(base_record, our, their);
                if !field_conflicts.is_empty() {
                    entry.conflicting += 1;
                    conflicts.extend(field_conflicts.into_iter().map(|what| Conflict {
                        kind: *kind,
                        id: id.clone(),
                        what,
                    }));
                } else if took_theirs {
                    entry.updated += 1;
                } else {
                    entry.unchanged += 1;
                }
                State::Live(merged)
            }
            (State::Live(our), State::Deleted(tombstone)) => {
                if changed_since(&b, our) {
                    entry.conflicting += 1;
                    conflicts.push(Conflict {
                        kind: *kind,
                        id: id.clone(),
                        what: ConflictKind::DeletedByThem { ours: our.clone() },
                    });
                    o.clone()
                } else {
                    entry.deleted += 1;
                    State::Deleted(tombstone.clone())
                }
            }
            (State::Deleted(_), State::Live(their)) => {
                if changed_since(&b, their) {
                    entry.conflicting += 1;
                    conflicts.push(Conflict {
                        kind: *kind,
                        id: id.clone(),
                        what: ConflictKind::DeletedByUs {
                            theirs: their.clone(),
                        },
                    });
                } else {
                    entry.unchanged += 1;
                }
                o.clone()
            }
            (State::Absent, State::Live(_)) => {
                entry.created += 1;
                t.clone()
            }
            (State::Absent, State::Deleted(_)) => {
                entry.deleted += 1;
                t.clone()
            }
            (_, State::Absent) | (State::Deleted(_), State::Deleted(_)) => {
                entry.unchanged += 1;
                o.clone()
            }
        };
        if conflicts.last().is_some_and(|c| &c.id == id) {
            their_states.insert(id.clone(), t.clone());
        }
        decided.insert(id.clone(), outcome);
    }

    // The same figure (or the same project's report for a month) entered separately under
    // different ids: equal contents are one record, different contents a conflict.
    let mut by_key: BTreeMap<(RecordKind, RecordId, Period), RecordId> = BTreeMap::new();
    let mut dropped = Vec::new();
    for (id, state) in &decided {
        let key = match state {
            State::Live(Record::Value(value)) => {
                (RecordKind::Value, value.indicator.clone(), value.period)
            }
            State::Live(Record::Report(report)) => (
                RecordKind::Report,
                report.project.clone(),
                Period::Month {
                    year: report.month.year,
                    month: report.month.month,
                },
            ),
            _ => continue,
        };
        match by_key.get(&key) {
            None => {
                by_key.insert(key, id.clone());
            }
            Some(first) => dropped.push((key.0, key.2, first.clone(), id.clone())),
        }
    }
    let mut matched = matched;
    for (kind, period, first, second) in dropped {
        // Of the two, the one we had before is "ours"; the other must be new to us (a record of
        // ours moved onto another's key by their edit is left for the checks to reject).
        let ours_has = |id: &RecordId| ours.record(id).is_some();
        let (our_id, their_id) = match (ours_has(&first), ours_has(&second)) {
            (true, false) if ours.tombstone(&second).is_none() => (first, second),
            (false, true) if ours.tombstone(&first).is_none() => (second, first),
            _ => continue,
        };
        let (Some(State::Live(our)), Some(State::Live(their))) = (
            decided.get(&our_id).cloned(),
            decided.get(&their_id).cloned(),
        ) else {
            continue;
        };
        let entry = report.entry(kind).or_default();
        entry.created = entry.created.saturating_sub(1);
        let same = match kind {
            RecordKind::Value => {
                our.fields().iter().find(|(n, _)| *n == "amount")
                    == their.fields().iter().find(|(n, _)| *n == "amount")
            }
            _ => our.fields() == their.fields(),
        };
        if same {
            entry.matched += 1;
        } else {
            entry.conflicting += 1;
            conflicts.push(Conflict {
                kind,
                id: our_id.clone(),
                what: ConflictKind::SameFigure {
                    period,
                    ours: our,
                    theirs: their,
                },
            });
        }
        decided.remove(&their_id);
        matched.insert(their_id, our_id);
    }

    let extras = decided
        .keys()
        .map(|id| (id.clone(), union(ours.extra(id), theirs.extra(id))))
        .filter(|(_, extra)| !extra.is_empty())
        .collect();
    MergePlan {
        decided,
        matched,
        conflicts,
        report,
        their_states,
        extras,
        meta_extra: union(Some(&ours.meta_extra), Some(&theirs.meta_extra)),
        file_extra: union(Some(&ours.file_extra), Some(&theirs.file_extra)),
        basemap: ours.basemap.clone().or_else(|| theirs.basemap.clone()),
        meta: ours.meta.clone(),
    }
}

/// Plans laying a statement of records over ours — a workbook read by `sheet::import`, whose
/// records already carry our ids where they are ours: a record new to us is created; a field
/// the statement gives where ours is empty is filled; a field both give differently is a
/// conflict the user decides (a workbook's older figure never silently replaces the ledger's);
/// nothing is deleted.
pub fn overlay(ours: &Dataset, theirs: &Dataset) -> MergePlan {
    let mut decided = BTreeMap::new();
    let mut ids = BTreeMap::new();
    all_ids(ours, &mut ids);
    for id in ids.keys() {
        decided.insert(id.clone(), state_of(ours, id));
    }
    let mut conflicts = Vec::new();
    let mut their_states = BTreeMap::new();
    let mut report: BTreeMap<RecordKind, KindReport> = BTreeMap::new();
    for kind in RecordKind::ALL {
        for id in theirs.ids(kind) {
            let Some(their) = theirs.record(&id) else {
                continue;
            };
            let entry = report.entry(kind).or_default();
            match ours.record(&id) {
                None => {
                    entry.created += 1;
                    decided.insert(id.clone(), State::Live(their));
                }
                Some(our) => {
                    let their_fields: BTreeMap<&str, String> = their.fields().into_iter().collect();
                    let mut merged = our.clone();
                    let mut filled = false;
                    let before = conflicts.len();
                    for (name, our_value) in our.fields() {
                        let their_value = their_fields.get(name).cloned().unwrap_or_default();
                        if their_value == our_value || their_value.is_empty() {
                            continue;
                        }
                        if our_value.is_empty() {
                            merged.copy_field_from(&their, name);
                            filled = true;
                        } else {
                            conflicts.push(Conflict {
                                kind,
                                id: id.clone(),
                                what: ConflictKind::Field {
                                    field: name,
                                    base: None,
                                    ours: our_value,
                                    theirs: their_value,
                                },
                            });
                        }
                    }
                    if conflicts.len() > before {
                        entry.conflicting += 1;
                        their_states.insert(id.clone(), State::Live(their.clone()));
                    } else if filled {
                        entry.updated += 1;
                    } else {
                        entry.unchanged += 1;
                    }
                    decided.insert(id.clone(), State::Live(merged));
                }
            }
        }
    }
    let extras = decided
        .keys()
        .filter_map(|id| ours.extra(id).map(|e| (id.clone(), e.clone())))
        .filter(|(_, extra)| !extra.is_empty())
        .collect();
    MergePlan {
        decided,
        matched: BTreeMap::new(),
        conflicts,
        report,
        their_states,
        extras,
        meta_extra: ours.meta_extra.clone(),
        file_extra: ours.file_extra.clone(),
        basemap: ours.basemap.clone(),
        meta: ours.meta.clone(),
    }
}

/// The edit that makes `merged` (a resolved overlay of ours) of ours as the user's own change:
/// every record it creates or changes, put through the model's door (so it is stamped now, by
/// this author, like typing), areas and units first. One undoable step.
pub fn put_edit(ours: &Dataset, merged: &Dataset) -> crate::model::Edit {
    let mut edits = Vec::new();
    for kind in RecordKind::ALL {
        for id in merged.ids(kind) {
            let Some(record) = merged.record(&id) else {
                continue;
            };
            let same = ours
                .record(&id)
                .is_some_and(|o| o.fields() == record.fields());
            if !same {
                edits.push(crate::model::Edit::Put(record));
            }
        }
    }
    crate::model::Edit::Batch(edits)
}

/// Indicators (and units, areas) they created for something we already have: same natural key,
/// different id. Returns their id → our id.
fn match_by_natural_key(
    base: &Dataset,
    ours: &Dataset,
    theirs: &Dataset,
) -> BTreeMap<RecordId, RecordId> {
    let mut matched = BTreeMap::new();
    let new_to_us = |id: &RecordId| {
        ours.record(id).is_none() && ours.tombstone(id).is_none() && base.record(id).is_none()
    };
    for area in theirs.areas() {
        if new_to_us(&area.id) {
            if let Some(our) = ours.areas().into_iter().find(|a| a.name == area.name) {
                matched.insert(area.id.clone(), our.id.clone());
            }
        }
    }
    for unit in theirs.units() {
        if new_to_us(&unit.id) {
            if let Some(our) = ours.unit_by_symbol(&unit.symbol) {
                matched.insert(unit.id.clone(), our.id.clone());
            }
        }
    }
    for project in theirs.projects() {
        if new_to_us(&project.id) {
            if let Some(our) = ours.project_by_code(&project.code) {
                matched.insert(project.id.clone(), our.id.clone());
            }
        }
    }
    for indicator in theirs.indicators() {
        if !new_to_us(&indicator.id) {
            continue;
        }
        let area = matched
            .get(&indicator.area)
            .unwrap_or(&indicator.area)
            .clone();
        let unit = matched
            .get(&indicator.unit)
            .unwrap_or(&indicator.unit)
            .clone();
        if let Some(our) = ours
            .indicators()
            .find(|i| i.area == area && i.unit == unit && i.name == indicator.name)
        {
            matched.insert(indicator.id.clone(), our.id.clone());
        }
    }
    matched
}

/// Points a record of theirs at our ids where its references were matched.
fn remap_references(record: &mut Record, matched: &BTreeMap<RecordId, RecordId>) {
    let map = |id: &mut RecordId| {
        if let Some(our) = matched.get(id) {
            *id = our.clone();
        }
    };
    match record {
        Record::Indicator(i) => {
            map(&mut i.area);
            map(&mut i.unit);
        }
        Record::Value(v) => map(&mut v.indicator),
        Record::Relation(r) => {
            map(&mut r.subject.indicator);
            for b in &mut r.base {
                map(&mut b.indicator);
            }
        }
        Record::Report(r) => map(&mut r.project),
        Record::Supervision(s) => map(&mut s.project),
        Record::Approval(a) => map(&mut a.project),
        Record::Meeting(m) => {
            for item in &mut m.items {
                map(&mut item.project);
            }
        }
        Record::Reminder(_) => {}
        Record::Bulletin(b) => {
            for project in &mut b.projects {
                map(project);
            }
        }
        Record::Summary(s) => {
            for block in &mut s.blocks {
                match block {
                    crate::model::summary::Block::Figures { indicator } => map(indicator),
                    crate::model::summary::Block::Paragraph(inlines) => {
                        for inline in inlines {
                            if let crate::model::summary::Inline::Token(token) = inline {
                                match token {
                                    crate::model::summary::Token::Figure { indicator, .. }
                                    | crate::model::summary::Token::Growth { indicator, .. }
                                    | crate::model::summary::Token::Cagr { indicator, .. }
                                    | crate::model::summary::Token::Cumulative {
                                        indicator, ..
                                    }
                                    | crate::model::summary::Token::Rank { indicator, .. } => {
                                        map(indicator)
                                    }
                                    crate::model::summary::Token::Share {
                                        indicator,
                                        whole,
                                        ..
                                    } => {
                                        map(indicator);
                                        map(whole);
                                    }
                                }
                            }
                        }
                    }
                    crate::model::summary::Block::Heading { .. } => {}
                }
            }
        }
        Record::Area(_) | Record::Unit(_) | Record::Project(_) => {}
    }
}

impl MergePlan {
    /// Their side of a record in conflict, when they still have it.
    pub fn their_record(&self, id: &RecordId) -> Option<&Record> {
        match self.their_states.get(id) {
            Some(State::Live(record)) => Some(record),
            _ => None,
        }
    }

    /// Their tombstone of a record in conflict, when they deleted it.
    pub fn their_tombstone(&self, id: &RecordId) -> Option<&Tombstone> {
        match self.their_states.get(id) {
            Some(State::Deleted(tombstone)) => Some(tombstone),
            _ => None,
        }
    }

    /// Builds the merged ledger with one resolution per conflict (in the order of
    /// `self.conflicts`; a missing one keeps ours). Records go in through the model's checks,
    /// areas and units first; a record the result cannot hold is reported, not forced in.
    pub fn resolve(&self, resolutions: &[Resolution]) -> Merged {
        let mut decided = self.decided.clone();
        for (index, conflict) in self.conflicts.iter().enumerate() {
            let choice = resolutions
                .get(index)
                .copied()
                .unwrap_or(Resolution::KeepMine);
            if choice == Resolution::KeepMine {
                continue;
            }
            match &conflict.what {
                ConflictKind::Field { field, .. } => {
                    if let (Some(State::Live(record)), Some(State::Live(their))) = (
                        decided.get_mut(&conflict.id),
                        self.their_states.get(&conflict.id),
                    ) {
                        record.copy_field_from(their, field);
                    }
                }
                ConflictKind::DeletedByUs { theirs } => {
                    decided.insert(conflict.id.clone(), State::Live(theirs.clone()));
                }
                ConflictKind::DeletedByThem { .. } => {
                    if let Some(State::Deleted(t)) = self.their_states.get(&conflict.id) {
                        decided.insert(conflict.id.clone(), State::Deleted(t.clone()));
                    }
                }
                ConflictKind::SameFigure { theirs, .. } => {
                    if let Some(State::Live(record)) = decided.get_mut(&conflict.id) {
                        for (name, _) in theirs.fields() {
                            if !matches!(name, "indicator" | "period" | "project" | "month") {
                                record.copy_field_from(theirs, name);
                            }
                        }
                    }
                }
            }
        }
        let mut dataset = Dataset::new(self.meta.clone());
        let mut rejected = Vec::new();
        for kind in RecordKind::ALL {
            for (id, state) in &decided {
                match state {
                    State::Live(record) if record.kind() == kind => {
                        match dataset.insert_loaded(record.clone()) {
                            Ok(()) => {
                                if let Some(extra) = self.extras.get(id) {
                                    dataset.set_extra(id.clone(), extra.clone());
                                }
                            }
                            Err(error) => rejected.push((kind, id.clone(), error)),
                        }
                    }
                    _ => {}
                }
            }
        }
        for state in decided.values() {
            if let State::Deleted(t) = state {
                let _ = dataset.insert_tombstone(t.clone());
            }
        }
        dataset.meta_extra = self.meta_extra.clone();
        dataset.file_extra = self.file_extra.clone();
        dataset.basemap = self.basemap.clone();
        Merged { dataset, rejected }
    }
}

/// The edit that turns `ours` into `merged` (a resolved merge of it): every record, tombstone
/// or unknown key that differs, taken as the merge decided it with its stamps, plus the boundary
/// map when the merge brought one. Applied through the model's door, it is one undoable step.
pub fn adopt_edit(ours: &Dataset, merged: &Dataset) -> crate::model::Edit {
    use crate::model::edit::Adopted;
    let mut ids = BTreeMap::new();
    all_ids(ours, &mut ids);
    all_ids(merged, &mut ids);
    let items: Vec<Adopted> = ids
        .into_iter()
        .filter(|(id, _)| {
            state_of(ours, id) != state_of(merged, id) || ours.extra(id) != merged.extra(id)
        })
        .map(|(id, kind)| Adopted::of(merged, kind, &id))
        .collect();
    let mut edits = vec![crate::model::Edit::Adopt(items)];
    if ours.basemap != merged.basemap {
        edits.push(crate::model::Edit::SetBasemap(merged.basemap.clone()));
    }
    crate::model::Edit::Batch(edits)
}
