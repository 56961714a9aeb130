//! The dataset: all records of one ledger, with lookups the UI and calculations need.
//!
//! Records are only changed through [`Dataset::apply`] (see `edit.rs`) or, when a file is
//! loaded, through [`Dataset::insert_loaded`], which keeps the file's stamps as they are.

use super::approval::{Approval, Meeting, Reminder};
use super::edit::EditError;
use super::id::RecordId;
use super::period::{Date, Period, YearMonth};
use super::record::{
    Area, Bulletin, Indicator, ProgressReport, Project, Record, RecordKind, Relation,
    SupervisionItem, Tombstone, Unit, Value,
};
use std::collections::BTreeMap;

/// What the dataset says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetMeta {
    pub id: String,
    pub name: String,
    /// The date "今年" and "截至目前" refer to.
    pub document_date: Date,
    /// The built-in sample (示例数据), not the user's own ledger.
    pub sample: bool,
    pub source_title: String,
    /// The export ids this ledger has exchanged (exported or merged in), oldest first: an
    /// export says it derives from them, and an import finds its merge base among them.
    pub lineage: Vec<String>,
}

/// A boundary map for the project map: its name and GeoJSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basemap {
    pub name: String,
    pub geojson: String,
}

/// Keys a file had that this version of the app does not know, kept to be written back.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// Values and monthly reports a restore has checked and indexed, waiting to be put into their
/// maps at once (see [`Dataset::insert_loaded_bulk`]).
#[derive(Debug, Default)]
pub struct Bulk {
    values: Vec<(RecordId, Value)>,
    reports: Vec<(RecordId, ProgressReport)>,
}

impl Bulk {
    /// Room for this many values and reports, so the records are moved once (growing a vector
    /// of 180,000 reports a doubling at a time copies them all again each time).
    pub fn with_capacity(values: usize, reports: usize) -> Bulk {
        Bulk {
            values: Vec::with_capacity(values),
            reports: Vec::with_capacity(reports),
        }
    }
}

/// One ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    pub meta: DatasetMeta,
    /// The Lamport clock: the greatest stamp counter seen.
    pub clock: u64,
    pub(super) areas: BTreeMap<RecordId, Area>,
    pub(super) units: BTreeMap<RecordId, Unit>,
    pub(super) indicators: BTreeMap<RecordId, Indicator>,
    pub(super) values: BTreeMap<RecordId, Value>,
    pub(super) relations: BTreeMap<RecordId, Relation>,
    pub(super) projects: BTreeMap<RecordId, Project>,
    pub(super) reports: BTreeMap<RecordId, ProgressReport>,
    pub(super) supervision: BTreeMap<RecordId, SupervisionItem>,
    pub(super) bulletins: BTreeMap<RecordId, Bulletin>,
    pub(super) summaries: BTreeMap<RecordId, super::Summary>,
    pub(super) meetings: BTreeMap<RecordId, Meeting>,
    pub(super) approvals: BTreeMap<RecordId, Approval>,
    pub(super) reminders: BTreeMap<RecordId, Reminder>,
    /// An approval's document number is unique per body: (body, number) → approval id, for the
    /// approvals that give one.
    pub(super) approval_numbers: BTreeMap<(String, String), RecordId>,
    pub(super) tombstones: BTreeMap<RecordId, Tombstone>,
    /// Natural key of values: indicator → period → value id (nested, so a lookup borrows its
    /// key instead of building one).
    pub(super) value_index: BTreeMap<RecordId, BTreeMap<Period, RecordId>>,
    /// Projects by id, hashed, with their completion date: what a monthly report's check needs
    /// of its project (that it exists, and when it was completed) without a search among
    /// thousands of sorted ids for each report (180,000 in a city ledger's restore).
    pub(super) project_completion: rustc_hash::FxHashMap<RecordId, Option<Date>>,
    /// Natural key of projects: non-empty code → project id.
    pub(super) project_codes: BTreeMap<String, RecordId>,
    /// Natural key of monthly reports: project → month → report id. Hashed by project (only
    /// looked up, never walked in order): every monthly report of a city ledger restored looks
    /// its project up here twice, and a hash of a short id beats a walk down 5,000 sorted ones.
    pub(super) report_index: rustc_hash::FxHashMap<RecordId, BTreeMap<YearMonth, RecordId>>,
    /// The bureau's own boundary map (GeoJSON), loaded by the user and kept with the ledger.
    pub basemap: Option<Basemap>,
    /// Unknown keys of records, of the dataset description and of the file, by owner; a newer
    /// app's fields survive a round trip through this one.
    pub(super) extras: BTreeMap<RecordId, Extra>,
    pub meta_extra: Extra,
    pub file_extra: Extra,
    /// Which state of each record kind this is, for caches of tables derived from one kind.
    pub(super) revisions: Revisions,
}

/// Which state of each record kind a dataset holds, for caches of derived tables (the deadline
/// table of a city's 40,000 approvals): creating a dataset and every put or removal of a
/// record takes a number no dataset in this process has had, so two equal numbers mean the
/// same records of that kind. Bookkeeping, not part of the ledger: equality ignores it.
#[derive(Debug, Clone)]
pub struct Revisions([u64; RecordKind::ALL.len()]);

static NEXT_REVISION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

fn next_revision() -> u64 {
    NEXT_REVISION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Revisions {
    fn fresh() -> Revisions {
        let revision = next_revision();
        Revisions([revision; RecordKind::ALL.len()])
    }

    fn bump(&mut self, kind: RecordKind) {
        self.0[kind as usize] = next_revision();
    }
}

impl PartialEq for Revisions {
    fn eq(&self, _: &Revisions) -> bool {
        true
    }
}

impl Eq for Revisions {}

impl Dataset {
    pub fn new(meta: DatasetMeta) -> Dataset {
        Dataset {
            meta,
            clock: 0,
            areas: BTreeMap::new(),
            units: BTreeMap::new(),
            indicators: BTreeMap::new(),
            values: BTreeMap::new(),
            relations: BTreeMap::new(),
            projects: BTreeMap::new(),
            reports: BTreeMap::new(),
            supervision: BTreeMap::new(),
            bulletins: BTreeMap::new(),
            summaries: BTreeMap::new(),
            meetings: BTreeMap::new(),
            approvals: BTreeMap::new(),
            reminders: BTreeMap::new(),
            approval_numbers: BTreeMap::new(),
            tombstones: BTreeMap::new(),
            value_index: BTreeMap::new(),
            project_codes: BTreeMap::new(),
            project_completion: Default::default(),
            report_index: Default::default(),
            basemap: None,
            extras: BTreeMap::new(),
            meta_extra: Extra::new(),
            file_extra: Extra::new(),
            revisions: Revisions::fresh(),
        }
    }

    /// Areas in display order.
    pub fn areas(&self) -> Vec<&Area> {
        let mut areas: Vec<&Area> = self.areas.values().collect();
        crate::sorting::sort_by(&mut areas, |a, b| {
            a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id))
        });
        areas
    }

    pub fn area(&self, id: &RecordId) -> Option<&Area> {
        self.areas.get(id)
    }

    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.values()
    }

    pub fn unit(&self, id: &RecordId) -> Option<&Unit> {
        self.units.get(id)
    }

    pub fn unit_by_symbol(&self, symbol: &str) -> Option<&Unit> {
        self.units.values().find(|u| u.symbol == symbol)
    }

    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.values()
    }

    pub fn indicator(&self, id: &RecordId) -> Option<&Indicator> {
        self.indicators.get(id)
    }

    /// The indicators of one area in display order.
    pub fn indicators_in(&self, area: &RecordId) -> Vec<&Indicator> {
        let mut list: Vec<&Indicator> = self
            .indicators
            .values()
            .filter(|i| &i.area == area)
            .collect();
        crate::sorting::sort_by(&mut list, |a, b| {
            a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.values.values()
    }

    pub fn value(&self, id: &RecordId) -> Option<&Value> {
        self.values.get(id)
    }

    /// The value of an indicator for a period, if the ledger has one.
    pub fn value_at(&self, indicator: &RecordId, period: &Period) -> Option<&Value> {
        self.value_id_at(indicator, period)
            .and_then(|id| self.values.get(id))
    }

    /// The id of an indicator's value for a period, from the natural-key index alone.
    fn value_id_at(&self, indicator: &RecordId, period: &Period) -> Option<&RecordId> {
        self.value_index
            .get(indicator)
            .and_then(|periods| periods.get(period))
    }

    /// An indicator's values in period order.
    pub fn values_of(&self, indicator: &RecordId) -> Vec<&Value> {
        self.value_index
            .get(indicator)
            .into_iter()
            .flat_map(|periods| periods.values())
            .filter_map(|id| self.values.get(id))
            .collect()
    }

    /// Every value, grouped by indicator (in id order) and in period order within each.
    pub fn values_by_indicator(&self) -> impl Iterator<Item = (&RecordId, Vec<&Value>)> {
        self.value_index.iter().map(|(indicator, periods)| {
            let values = periods
                .values()
                .filter_map(|id| self.values.get(id))
                .collect();
            (indicator, values)
        })
    }

    pub fn relations(&self) -> impl Iterator<Item = &Relation> {
        self.relations.values()
    }

    pub fn relation(&self, id: &RecordId) -> Option<&Relation> {
        self.relations.get(id)
    }

    pub fn projects(&self) -> impl Iterator<Item = &Project> {
        self.projects.values()
    }

    pub fn project(&self, id: &RecordId) -> Option<&Project> {
        self.projects.get(id)
    }

    /// The project with this (non-empty) code, if any.
    pub fn project_by_code(&self, code: &str) -> Option<&Project> {
        self.project_codes
            .get(code)
            .and_then(|id| self.projects.get(id))
    }

    pub fn reports(&self) -> impl Iterator<Item = &ProgressReport> {
        self.reports.values()
    }

    pub fn report(&self, id: &RecordId) -> Option<&ProgressReport> {
        self.reports.get(id)
    }

    /// A project's report for a month, if there is one.
    pub fn report_at(&self, project: &RecordId, month: YearMonth) -> Option<&ProgressReport> {
        self.report_id_at(project, month)
            .and_then(|id| self.reports.get(id))
    }

    /// The id of a project's report for a month, from the natural-key index alone.
    fn report_id_at(&self, project: &RecordId, month: YearMonth) -> Option<&RecordId> {
        self.report_index
            .get(project)
            .and_then(|months| months.get(&month))
    }

    /// A project's monthly reports in month order.
    pub fn reports_of(&self, project: &RecordId) -> Vec<&ProgressReport> {
        self.report_index
            .get(project)
            .into_iter()
            .flat_map(|months| months.values())
            .filter_map(|id| self.reports.get(id))
            .collect()
    }

    pub fn supervision_items(&self) -> impl Iterator<Item = &SupervisionItem> {
        self.supervision.values()
    }

    pub fn supervision_item(&self, id: &RecordId) -> Option<&SupervisionItem> {
        self.supervision.get(id)
    }

    /// The supervision items raised on a project, oldest first.
    pub fn supervision_of(&self, project: &RecordId) -> Vec<&SupervisionItem> {
        let mut items: Vec<&SupervisionItem> = self
            .supervision
            .values()
            .filter(|s| &s.project == project)
            .collect();
        crate::sorting::sort_by(&mut items, |a, b| {
            a.raised.cmp(&b.raised).then_with(|| a.id.cmp(&b.id))
        });
        items
    }

    pub fn bulletins(&self) -> impl Iterator<Item = &Bulletin> {
        self.bulletins.values()
    }

    pub fn bulletin(&self, id: &RecordId) -> Option<&Bulletin> {
        self.bulletins.get(id)
    }

    /// The work summaries kept in the ledger, by id.
    pub fn summaries(&self) -> impl Iterator<Item = &super::Summary> {
        self.summaries.values()
    }

    pub fn summary(&self, id: &RecordId) -> Option<&super::Summary> {
        self.summaries.get(id)
    }

    /// The bulletins that mention a project, newest first.
    pub fn bulletins_of(&self, project: &RecordId) -> Vec<&Bulletin> {
        let mut list: Vec<&Bulletin> = self
            .bulletins
            .values()
            .filter(|b| b.projects.contains(project))
            .collect();
        crate::sorting::sort_by(&mut list, |a, b| {
            b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// The state of one kind's records (see [`Revisions`]): equal numbers, equal records.
    pub fn revision(&self, kind: RecordKind) -> u64 {
        self.revisions.0[kind as usize]
    }

    /// The approvals register, by id.
    pub fn approvals(&self) -> impl Iterator<Item = &Approval> {
        self.approvals.values()
    }

    pub fn approval(&self, id: &RecordId) -> Option<&Approval> {
        self.approvals.get(id)
    }

    /// A project's approvals, in the order they were applied for.
    pub fn approvals_of(&self, project: &RecordId) -> Vec<&Approval> {
        let mut list: Vec<&Approval> = self
            .approvals
            .values()
            .filter(|a| &a.project == project)
            .collect();
        crate::sorting::sort_by(&mut list, |a, b| {
            a.applied.cmp(&b.applied).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    pub fn reminders(&self) -> impl Iterator<Item = &Reminder> {
        self.reminders.values()
    }

    /// The reminders given about an approval, oldest first.
    pub fn reminders_of(&self, approval: &RecordId) -> Vec<&Reminder> {
        let mut list: Vec<&Reminder> = self
            .reminders
            .values()
            .filter(|r| &r.approval == approval)
            .collect();
        crate::sorting::sort_by(&mut list, |a, b| {
            a.date.cmp(&b.date).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// Joint review meetings, by id.
    pub fn meetings(&self) -> impl Iterator<Item = &Meeting> {
        self.meetings.values()
    }

    pub fn meeting(&self, id: &RecordId) -> Option<&Meeting> {
        self.meetings.get(id)
    }

    /// The meetings that discussed a project, newest first.
    pub fn meetings_of(&self, project: &RecordId) -> Vec<&Meeting> {
        let mut list: Vec<&Meeting> = self
            .meetings
            .values()
            .filter(|m| m.items.iter().any(|i| &i.project == project))
            .collect();
        crate::sorting::sort_by(&mut list, |a, b| {
            b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id))
        });
        list
    }

    /// The follow-up items (督办) a meeting raised.
    pub fn follow_ups_of(&self, meeting: &RecordId) -> Vec<&SupervisionItem> {
        let mut items: Vec<&SupervisionItem> = self
            .supervision
            .values()
            .filter(|s| s.meeting.as_ref() == Some(meeting))
            .collect();
        crate::sorting::sort_by(&mut items, |a, b| {
            a.raised.cmp(&b.raised).then_with(|| a.id.cmp(&b.id))
        });
        items
    }

    pub fn tombstones(&self) -> impl Iterator<Item = &Tombstone> {
        self.tombstones.values()
    }

    pub fn tombstone(&self, id: &RecordId) -> Option<&Tombstone> {
        self.tombstones.get(id)
    }

    /// Every period some value of the given indicators uses, in order.
    pub fn periods_used_by<'a>(
        &self,
        indicators: impl IntoIterator<Item = &'a RecordId>,
    ) -> Vec<Period> {
        // The index's keys alone: no value record is looked at (the indicator ledger asks this
        // on every change of the ledger, for a table of a thousand figures and more).
        let mut periods: Vec<Period> = indicators
            .into_iter()
            .filter_map(|id| self.value_index.get(id))
            .flat_map(|periods| periods.keys().copied())
            .collect();
        crate::sorting::sort(&mut periods);
        periods.dedup();
        periods
    }

    /// The ids of the live records of one kind, in id order.
    pub fn ids(&self, kind: RecordKind) -> Vec<RecordId> {
        match kind {
            RecordKind::Area => self.areas.keys().cloned().collect(),
            RecordKind::Unit => self.units.keys().cloned().collect(),
            RecordKind::Indicator => self.indicators.keys().cloned().collect(),
            RecordKind::Value => self.values.keys().cloned().collect(),
            RecordKind::Relation => self.relations.keys().cloned().collect(),
            RecordKind::Project => self.projects.keys().cloned().collect(),
            RecordKind::Report => self.reports.keys().cloned().collect(),
            RecordKind::Supervision => self.supervision.keys().cloned().collect(),
            RecordKind::Bulletin => self.bulletins.keys().cloned().collect(),
            RecordKind::Summary => self.summaries.keys().cloned().collect(),
            RecordKind::Meeting => self.meetings.keys().cloned().collect(),
            RecordKind::Approval => self.approvals.keys().cloned().collect(),
            RecordKind::Reminder => self.reminders.keys().cloned().collect(),
        }
    }

    /// The unknown keys a record came with, if any.
    pub fn extra(&self, id: &RecordId) -> Option<&Extra> {
        self.extras.get(id)
    }

    /// Keeps a record's unknown keys (an empty set forgets them).
    pub fn set_extra(&mut self, id: RecordId, extra: Extra) {
        if extra.is_empty() {
            self.extras.remove(&id);
        } else {
            self.extras.insert(id, extra);
        }
    }

    /// How many records of each kind the dataset holds.
    pub fn count(&self, kind: RecordKind) -> usize {
        match kind {
            RecordKind::Area => self.areas.len(),
            RecordKind::Unit => self.units.len(),
            RecordKind::Indicator => self.indicators.len(),
            RecordKind::Value => self.values.len(),
            RecordKind::Relation => self.relations.len(),
            RecordKind::Project => self.projects.len(),
            RecordKind::Report => self.reports.len(),
            RecordKind::Supervision => self.supervision.len(),
            RecordKind::Bulletin => self.bulletins.len(),
            RecordKind::Summary => self.summaries.len(),
            RecordKind::Meeting => self.meetings.len(),
            RecordKind::Approval => self.approvals.len(),
            RecordKind::Reminder => self.reminders.len(),
        }
    }

    /// Finds any live record by id.
    pub fn record(&self, id: &RecordId) -> Option<Record> {
        if let Some(r) = self.areas.get(id) {
            return Some(Record::Area(r.clone()));
        }
        if let Some(r) = self.units.get(id) {
            return Some(Record::Unit(r.clone()));
        }
        if let Some(r) = self.indicators.get(id) {
            return Some(Record::Indicator(r.clone()));
        }
        if let Some(r) = self.values.get(id) {
            return Some(Record::Value(r.clone()));
        }
        if let Some(r) = self.relations.get(id) {
            return Some(Record::Relation(r.clone()));
        }
        if let Some(r) = self.projects.get(id) {
            return Some(Record::Project(r.clone()));
        }
        if let Some(r) = self.reports.get(id) {
            return Some(Record::Report(r.clone()));
        }
        if let Some(r) = self.supervision.get(id) {
            return Some(Record::Supervision(r.clone()));
        }
        if let Some(r) = self.summaries.get(id) {
            return Some(Record::Summary(r.clone()));
        }
        if let Some(r) = self.meetings.get(id) {
            return Some(Record::Meeting(r.clone()));
        }
        if let Some(r) = self.approvals.get(id) {
            return Some(Record::Approval(r.clone()));
        }
        if let Some(r) = self.reminders.get(id) {
            return Some(Record::Reminder(r.clone()));
        }
        self.bulletins.get(id).map(|r| Record::Bulletin(r.clone()))
    }

    /// Adds a record read from a file or the store, keeping its stamps; checks its references
    /// against what is already loaded, so callers insert areas and units before indicators,
    /// indicators before values and relations.
    pub fn insert_loaded(&mut self, record: Record) -> Result<(), EditError> {
        self.check_id(&record)?;
        self.admit_loaded(&record)?;
        self.put_unchecked(record);
        Ok(())
    }

    /// Checks a loaded record's fields and moves the clock past its stamps.
    fn admit_loaded(&mut self, record: &Record) -> Result<(), EditError> {
        self.check_fields(record)?;
        for stamp in record.stamps().values() {
            self.clock = self.clock.max(stamp.counter);
        }
        Ok(())
    }

    /// [`Dataset::insert_loaded`] for a restore that adds a whole file's records, whose ids
    /// it knows are new (it checks they are unique), so that lookup is skipped: a value
    /// or a monthly report is checked and indexed at once, but kept in `bulk` and put into its
    /// map by [`Dataset::finish_bulk`], which builds the map in one pass from the sorted records
    /// instead of one search and node split per record (180,000 reports in a city ledger, in
    /// the store's order, which is not the ids' order). Until then `values` and `reports` miss
    /// what `bulk` holds: no check of a value or a report looks them up there (the
    /// natural-key indexes hold the ids), and a restore inserts nothing that refers to either.
    pub fn insert_loaded_bulk(&mut self, record: Record, bulk: &mut Bulk) -> Result<(), EditError> {
        self.admit_loaded(&record)?;
        match record {
            Record::Value(r) if self.values.is_empty() => {
                self.revisions.bump(RecordKind::Value);
                self.index_value(r.indicator.clone(), r.period, r.id.clone());
                bulk.values.push((r.id.clone(), r));
            }
            Record::Report(r) if self.reports.is_empty() => {
                self.revisions.bump(RecordKind::Report);
                self.index_report(r.project.clone(), r.month, r.id.clone());
                bulk.reports.push((r.id.clone(), r));
            }
            other => self.put_unchecked(other),
        }
        Ok(())
    }

    /// Puts the records [`Dataset::insert_loaded_bulk`] kept into their maps.
    pub fn finish_bulk(&mut self, bulk: Bulk) {
        fn build<V>(map: &mut BTreeMap<RecordId, V>, records: Vec<(RecordId, V)>) {
            if records.is_empty() {
                return;
            }
            // Kept only while the map was empty, and every id is new: collecting sorts them
            // and builds the tree bottom-up.
            debug_assert!(map.is_empty());
            *map = records.into_iter().collect();
        }
        build(&mut self.values, bulk.values);
        build(&mut self.reports, bulk.reports);
    }

    /// Adds a tombstone read from a file or the store.
    pub fn insert_tombstone(&mut self, tombstone: Tombstone) -> Result<(), EditError> {
        if self.kind_of(&tombstone.id).is_some() {
            return Err(EditError::DeletedAndLive {
                id: tombstone.id.to_string(),
            });
        }
        self.clock = self.clock.max(tombstone.deleted.counter);
        self.tombstones.insert(tombstone.id.clone(), tombstone);
        Ok(())
    }

    fn index_value(&mut self, indicator: RecordId, period: Period, id: RecordId) {
        self.value_index
            .entry(indicator)
            .or_default()
            .insert(period, id);
    }

    fn index_report(&mut self, project: RecordId, month: YearMonth, id: RecordId) {
        self.report_index
            .entry(project)
            .or_default()
            .insert(month, id);
    }

    fn unindex_value(&mut self, indicator: &RecordId, period: &Period) {
        if let Some(periods) = self.value_index.get_mut(indicator) {
            periods.remove(period);
            if periods.is_empty() {
                self.value_index.remove(indicator);
            }
        }
    }

    fn unindex_report(&mut self, project: &RecordId, month: YearMonth) {
        if let Some(months) = self.report_index.get_mut(project) {
            months.remove(&month);
            if months.is_empty() {
                self.report_index.remove(project);
            }
        }
    }

    /// The kind of the live record with this id, without copying it.
    pub fn kind_of(&self, id: &RecordId) -> Option<RecordKind> {
        let kind = if self.areas.contains_key(id) {
            RecordKind::Area
        } else if self.units.contains_key(id) {
            RecordKind::Unit
        } else if self.indicators.contains_key(id) {
            RecordKind::Indicator
        } else if self.values.contains_key(id) {
            RecordKind::Value
        } else if self.relations.contains_key(id) {
            RecordKind::Relation
        } else if self.projects.contains_key(id) {
            RecordKind::Project
        } else if self.reports.contains_key(id) {
            RecordKind::Report
        } else if self.supervision.contains_key(id) {
            RecordKind::Supervision
        } else if self.summaries.contains_key(id) {
            RecordKind::Summary
        } else if self.bulletins.contains_key(id) {
            RecordKind::Bulletin
        } else if self.meetings.contains_key(id) {
            RecordKind::Meeting
        } else if self.approvals.contains_key(id) {
            RecordKind::Approval
        } else if self.reminders.contains_key(id) {
            RecordKind::Reminder
        } else {
            return None;
        };
        Some(kind)
    }

    pub(super) fn put_unchecked(&mut self, record: Record) {
        self.revisions.bump(record.kind());
        match record {
            Record::Area(r) => {
                self.areas.insert(r.id.clone(), r);
            }
            Record::Unit(r) => {
                self.units.insert(r.id.clone(), r);
            }
            Record::Indicator(r) => {
                self.indicators.insert(r.id.clone(), r);
            }
            Record::Value(r) => {
                let (indicator, period, id) = (r.indicator.clone(), r.period, r.id.clone());
                // One lookup of the id, whether the value is new or replaces one.
                if let Some(old) = self.values.insert(id.clone(), r) {
                    self.unindex_value(&old.indicator, &old.period);
                }
                self.index_value(indicator, period, id);
            }
            Record::Relation(r) => {
                self.relations.insert(r.id.clone(), r);
            }
            Record::Project(r) => {
                if let Some(old) = self.projects.get(&r.id) {
                    self.project_codes.remove(&old.code);
                }
                if !r.code.is_empty() {
                    self.project_codes.insert(r.code.clone(), r.id.clone());
                }
                self.project_completion.insert(r.id.clone(), r.completed_on);
                self.projects.insert(r.id.clone(), r);
            }
            Record::Report(r) => {
                let (project, month, id) = (r.project.clone(), r.month, r.id.clone());
                if let Some(old) = self.reports.insert(id.clone(), r) {
                    self.unindex_report(&old.project, old.month);
                }
                self.index_report(project, month, id);
            }
            Record::Supervision(r) => {
                self.supervision.insert(r.id.clone(), r);
            }
            Record::Bulletin(r) => {
                self.bulletins.insert(r.id.clone(), r);
            }
            Record::Summary(r) => {
                self.summaries.insert(r.id.clone(), r);
            }
            Record::Meeting(r) => {
                self.meetings.insert(r.id.clone(), r);
            }
            Record::Approval(r) => {
                if let Some(old) = self.approvals.get(&r.id) {
                    let key = (old.body.clone(), old.document_no.clone());
                    self.approval_numbers.remove(&key);
                }
                if !r.document_no.trim().is_empty() {
                    self.approval_numbers
                        .insert((r.body.clone(), r.document_no.clone()), r.id.clone());
                }
                self.approvals.insert(r.id.clone(), r);
            }
            Record::Reminder(r) => {
                self.reminders.insert(r.id.clone(), r);
            }
        }
    }

    pub(super) fn remove_unchecked(&mut self, kind: RecordKind, id: &RecordId) -> Option<Record> {
        self.revisions.bump(kind);
        match kind {
            RecordKind::Area => self.areas.remove(id).map(Record::Area),
            RecordKind::Unit => self.units.remove(id).map(Record::Unit),
            RecordKind::Indicator => self.indicators.remove(id).map(Record::Indicator),
            RecordKind::Value => {
                let removed = self.values.remove(id)?;
                self.unindex_value(&removed.indicator, &removed.period);
                Some(Record::Value(removed))
            }
            RecordKind::Relation => self.relations.remove(id).map(Record::Relation),
            RecordKind::Project => {
                let removed = self.projects.remove(id)?;
                self.project_completion.remove(id);
                self.project_codes.remove(&removed.code);
                Some(Record::Project(removed))
            }
            RecordKind::Report => {
                let removed = self.reports.remove(id)?;
                self.unindex_report(&removed.project, removed.month);
                Some(Record::Report(removed))
            }
            RecordKind::Supervision => self.supervision.remove(id).map(Record::Supervision),
            RecordKind::Bulletin => self.bulletins.remove(id).map(Record::Bulletin),
            RecordKind::Summary => self.summaries.remove(id).map(Record::Summary),
            RecordKind::Meeting => self.meetings.remove(id).map(Record::Meeting),
            RecordKind::Approval => {
                let removed = self.approvals.remove(id)?;
                let key = (removed.body.clone(), removed.document_no.clone());
                if self.approval_numbers.get(&key) == Some(id) {
                    self.approval_numbers.remove(&key);
                }
                Some(Record::Approval(removed))
            }
            RecordKind::Reminder => self.reminders.remove(id).map(Record::Reminder),
        }
    }

    /// Checks that a record may stand in the dataset as it is now (replacing any record with
    /// the same id): required text present, references resolve, natural keys unique.
    pub fn check_record(&self, record: &Record) -> Result<(), EditError> {
        self.check_id(record)?;
        self.check_fields(record)
    }

    /// A record's id is not held by a record of another kind.
    fn check_id(&self, record: &Record) -> Result<(), EditError> {
        let id = record.id();
        match self.kind_of(id) {
            Some(existing) if existing != record.kind() => {
                Err(EditError::IdTakenByOtherKind { id: id.to_string() })
            }
            _ => Ok(()),
        }
    }

    /// [`Dataset::check_record`] but for the id: the record's own fields, references and
    /// natural keys.
    fn check_fields(&self, record: &Record) -> Result<(), EditError> {
        match record {
            Record::Area(area) => {
                if area.name.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "name" });
                }
                if let Some(other) = self
                    .areas
                    .values()
                    .find(|a| a.id != area.id && a.name == area.name)
                {
                    return Err(EditError::DuplicateName {
                        field: "name",
                        name: other.name.clone(),
                    });
                }
            }
            Record::Unit(unit) => {
                if unit.symbol.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "symbol" });
                }
                if unit
                    .factor
                    .is_some_and(|f| f.is_negative() || f.0.is_zero())
                {
                    return Err(EditError::BadFactor {
                        symbol: unit.symbol.clone(),
                    });
                }
                if self
                    .units
                    .values()
                    .any(|u| u.id != unit.id && u.symbol == unit.symbol)
                {
                    return Err(EditError::DuplicateName {
                        field: "symbol",
                        name: unit.symbol.clone(),
                    });
                }
            }
            Record::Indicator(indicator) => {
                if indicator.name.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "name" });
                }
                if !self.areas.contains_key(&indicator.area) {
                    return Err(EditError::MissingReference {
                        field: "area",
                        id: indicator.area.to_string(),
                    });
                }
                if !self.units.contains_key(&indicator.unit) {
                    return Err(EditError::MissingReference {
                        field: "unit",
                        id: indicator.unit.to_string(),
                    });
                }
                if let Some(other) = self.indicators.values().find(|i| {
                    i.id != indicator.id
                        && i.area == indicator.area
                        && i.name == indicator.name
                        && i.unit == indicator.unit
                }) {
                    return Err(EditError::DuplicateName {
                        field: "name",
                        name: other.name.clone(),
                    });
                }
            }
            Record::Value(value) => {
                let indicator = self.indicators.get(&value.indicator).ok_or_else(|| {
                    EditError::MissingReference {
                        field: "indicator",
                        id: value.indicator.to_string(),
                    }
                })?;
                // The index holds the id: no lookup of the value itself.
                if let Some(other) = self.value_id_at(&value.indicator, &value.period) {
                    if *other != value.id {
                        return Err(EditError::DuplicateValue {
                            indicator: indicator.name.clone(),
                            period: value.period,
                        });
                    }
                }
                let percent = self
                    .units
                    .get(&indicator.unit)
                    .is_some_and(|u| u.dimension == "percent");
                if value.amount.is_negative() && !percent {
                    return Err(EditError::NegativeAmount {
                        field: "amount",
                        amount: value.amount.canonical(),
                    });
                }
            }
            Record::Project(project) => {
                if project.name.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "name" });
                }
                if !project.code.trim().is_empty() {
                    if let Err(super::project::CodeError::Malformed { code, problem }) =
                        super::project::read_project_code(&project.code)
                    {
                        return Err(EditError::BadProjectCode { code, problem });
                    }
                    if let Some(other) = self.project_by_code(&project.code) {
                        if other.id != project.id {
                            return Err(EditError::DuplicateName {
                                field: "code",
                                name: project.code.clone(),
                            });
                        }
                    }
                }
                if let Some(investment) = project.total_investment {
                    if investment.is_negative() {
                        return Err(EditError::NegativeAmount {
                            field: "total_investment",
                            amount: investment.canonical(),
                        });
                    }
                }
                if let Some((lon, lat)) = project.location {
                    let on_earth = |value: super::amount::Amount, limit: i64| {
                        value.0 >= rust_decimal::Decimal::from(-limit)
                            && value.0 <= rust_decimal::Decimal::from(limit)
                    };
                    if !on_earth(lon, 180) || !on_earth(lat, 90) {
                        return Err(EditError::LocationOutOfRange {
                            lon: lon.canonical(),
                            lat: lat.canonical(),
                        });
                    }
                }
                let mut plan_years = std::collections::BTreeSet::new();
                for (year, plan) in &project.annual_plans {
                    if !(1900..=2200).contains(year) {
                        return Err(EditError::BadPlanYear { year: *year });
                    }
                    if !plan_years.insert(*year) {
                        return Err(EditError::DuplicatePlanYear { year: *year });
                    }
                    if plan.is_negative() {
                        return Err(EditError::NegativeAmount {
                            field: "annual_plans",
                            amount: plan.canonical(),
                        });
                    }
                }
                if let (Some(start), Some(end)) = (project.start, project.planned_completion) {
                    if end < start {
                        return Err(EditError::EndBeforeStart {
                            start: start.to_iso(),
                            end: end.to_iso(),
                        });
                    }
                }
                if let (Some(start), Some(done)) = (project.start, project.completed_on) {
                    if done < start {
                        return Err(EditError::CompletedBeforeStart {
                            start: start.to_iso(),
                            completed: done.to_iso(),
                        });
                    }
                }
                if let Some(pair) = project
                    .milestones
                    .windows(2)
                    .find(|w| w[1].stage <= w[0].stage)
                {
                    return Err(EditError::MilestonesOutOfOrder {
                        earlier: pair[0].stage.code().to_string(),
                        later: pair[1].stage.code().to_string(),
                    });
                }
                if let Some(pair) = project
                    .milestones
                    .windows(2)
                    .find(|w| w[1].date < w[0].date)
                {
                    return Err(EditError::MilestonesOutOfOrder {
                        earlier: format!("{} {}", pair[0].stage.code(), pair[0].date.to_iso()),
                        later: format!("{} {}", pair[1].stage.code(), pair[1].date.to_iso()),
                    });
                }
                if let Some(done) = project.completed_on {
                    let done_month = YearMonth {
                        year: done.year,
                        month: done.month,
                    };
                    if let Some(late) = self
                        .reports_of(&project.id)
                        .into_iter()
                        .find(|r| r.month > done_month)
                    {
                        return Err(EditError::ReportAfterCompletion {
                            field: "completed_on",
                            month: month_code(late.month),
                            completed: done.to_iso(),
                        });
                    }
                }
            }
            Record::Report(report) => {
                let completed_on =
                    *self
                        .project_completion
                        .get(&report.project)
                        .ok_or_else(|| EditError::MissingReference {
                            field: "project",
                            id: report.project.to_string(),
                        })?;
                if !(1..=12).contains(&report.month.month) {
                    return Err(EditError::BadMonth {
                        month: month_code(report.month),
                    });
                }
                // The month index holds the id: no lookup of the report itself.
                if let Some(other) = self.report_id_at(&report.project, report.month) {
                    if *other != report.id {
                        return Err(EditError::DuplicateReport {
                            project: self
                                .projects
                                .get(&report.project)
                                .map(|p| p.name.clone())
                                .unwrap_or_default(),
                            month: month_code(report.month),
                        });
                    }
                }
                for (field, amount) in [
                    ("invested_month", report.invested_month),
                    ("invested_cumulative", report.invested_cumulative),
                ] {
                    if let Some(amount) = amount.filter(|a| a.is_negative()) {
                        return Err(EditError::NegativeAmount {
                            field,
                            amount: amount.canonical(),
                        });
                    }
                }
                if let (Some(month), Some(cumulative)) =
                    (report.invested_month, report.invested_cumulative)
                {
                    if cumulative.0 < month.0 {
                        return Err(EditError::CumulativeBelowMonth {
                            month: month.canonical(),
                            cumulative: cumulative.canonical(),
                        });
                    }
                }
                if let Some(done) = completed_on {
                    let done_month = YearMonth {
                        year: done.year,
                        month: done.month,
                    };
                    if report.month > done_month {
                        return Err(EditError::ReportAfterCompletion {
                            field: "month",
                            month: month_code(report.month),
                            completed: done.to_iso(),
                        });
                    }
                }
            }
            Record::Supervision(item) => {
                if !self.projects.contains_key(&item.project) {
                    return Err(EditError::MissingReference {
                        field: "project",
                        id: item.project.to_string(),
                    });
                }
                if item.problem.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "problem" });
                }
                if let Some(meeting) = &item.meeting {
                    if !self.meetings.contains_key(meeting) {
                        return Err(EditError::MissingReference {
                            field: "meeting",
                            id: meeting.to_string(),
                        });
                    }
                }
                if let Some(deadline) = item.deadline {
                    if deadline < item.raised {
                        return Err(EditError::DeadlineBeforeRaised {
                            raised: item.raised.to_iso(),
                            deadline: deadline.to_iso(),
                        });
                    }
                }
            }
            // A summary's tokens may name indicators since deleted: they read as gaps.
            Record::Summary(summary) => {
                if summary.title.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "title" });
                }
            }
            Record::Bulletin(bulletin) => {
                if bulletin.title.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "title" });
                }
                if let Some(missing) = bulletin
                    .projects
                    .iter()
                    .find(|p| !self.projects.contains_key(p))
                {
                    return Err(EditError::MissingReference {
                        field: "projects",
                        id: missing.to_string(),
                    });
                }
            }
            Record::Meeting(meeting) => {
                if meeting.title.trim().is_empty() {
                    return Err(EditError::EmptyName { field: "title" });
                }
                if let Some(missing) = meeting
                    .items
                    .iter()
                    .find(|i| !self.projects.contains_key(&i.project))
                {
                    return Err(EditError::MissingReference {
                        field: "items",
                        id: missing.project.to_string(),
                    });
                }
            }
            Record::Approval(approval) => {
                if !self.projects.contains_key(&approval.project) {
                    return Err(EditError::MissingReference {
                        field: "project",
                        id: approval.project.to_string(),
                    });
                }
                super::approval::check_approval(approval).map_err(|problem| {
                    EditError::BadApproval {
                        field: problem.field,
                        rule: problem.rule,
                    }
                })?;
                if !approval.document_no.trim().is_empty() {
                    let key = (approval.body.clone(), approval.document_no.clone());
                    if let Some(other) = self.approval_numbers.get(&key) {
                        if other != &approval.id {
                            return Err(EditError::DuplicateDocumentNo {
                                body: approval.body.clone(),
                                number: approval.document_no.clone(),
                            });
                        }
                    }
                }
            }
            Record::Reminder(reminder) => {
                if !self.approvals.contains_key(&reminder.approval) {
                    return Err(EditError::MissingReference {
                        field: "approval",
                        id: reminder.approval.to_string(),
                    });
                }
            }
            Record::Relation(relation) => {
                for reference in std::iter::once(&relation.subject).chain(&relation.base) {
                    if !self.indicators.contains_key(&reference.indicator) {
                        return Err(EditError::MissingReference {
                            field: "indicator",
                            id: reference.indicator.to_string(),
                        });
                    }
                }
                check_relation_shape(relation)?;
            }
        }
        Ok(())
    }
}

/// A month as "2016-10".
pub fn month_code(month: YearMonth) -> String {
    Period::Month {
        year: month.year,
        month: month.month,
    }
    .code()
}

/// What a relation's kind asks of its shape: a difference is of two figures (or of none the
/// ledger holds), a rank is a whole number from 1, a multiple is positive, and nothing is
/// compared with itself.
fn check_relation_shape(relation: &super::Relation) -> Result<(), EditError> {
    use super::RelationKind;
    let bad = |field, rule| Err(EditError::BadRelation { field, rule });
    if relation.base.contains(&relation.subject) {
        return bad("base", "subject_in_base");
    }
    match relation.kind {
        RelationKind::StatedDifference if !matches!(relation.base.len(), 0 | 2) => {
            bad("base", "difference_needs_two")
        }
        RelationKind::StatedRank
            if relation
                .stated
                .is_some_and(|r| r.0 < rust_decimal::Decimal::ONE || !r.0.fract().is_zero()) =>
        {
            bad("stated_pct", "rank_whole")
        }
        RelationKind::StatedMultiple
            if relation
                .stated
                .is_some_and(|m| m.0 <= rust_decimal::Decimal::ZERO) =>
        {
            bad("stated_pct", "multiple_positive")
        }
        _ => Ok(()),
    }
}
