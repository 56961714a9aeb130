//! Deadlines and counts of the approvals register: what expires soon, what lapsed without an
//! extension, what has been in progress too long (到期提醒), and the counts a work summary
//! states (办结 … 件, 联审会 … 次, 到期提醒 … 家, 延期 … 家, 代办备案 … 个) for any period.
//!
//! An approval whose project started building while it was valid has done its work: its end
//! is no longer a deadline ([`BuildingStart::used_in_time`]).
//!
//! The as-of date is always passed in (the ledger's reporting date), never read from a clock.

use crate::model::approval::BuildingStart;
use crate::model::{
    Approval, ApprovalStatus, Dataset, Date, Period, Procedure, Project, RecordCount, RecordId,
    RecordKind,
};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// The deadline settings (preferences of the user, not of the ledger).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineOptions {
    /// An approval ending within this many days of the as-of date is listed as expiring.
    pub expiring_within_days: i64,
    /// An application in progress (在办) longer than this many days is listed as long-running.
    pub pending_over_days: i64,
}

impl Default for DeadlineOptions {
    fn default() -> DeadlineOptions {
        DeadlineOptions {
            expiring_within_days: 30,
            pending_over_days: 60,
        }
    }
}

/// Why an approval is on the reminder list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Due {
    /// Ended before the as-of date and not extended since (its end is the latest extension's).
    Expired { days_ago: i64 },
    /// Ends on the as-of date or within the setting's days after it (0 = ends that day).
    Expiring { days_left: i64 },
    /// Applied for this many days ago and still in progress.
    LongPending { days: i64 },
}

/// One approval that needs the owner's attention (borrowed from the dataset: a city ledger
/// has tens of thousands of these, and the page shows a screenful).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueApproval<'a> {
    pub approval: &'a Approval,
    pub project: &'a Project,
    /// The owner the reminder goes to (see [`owner_name`]).
    pub owner: &'a str,
    pub due: Due,
    /// Its last valid day (for expiring and expired approvals).
    pub end: Option<Date>,
    /// The latest reminder given about it, if any.
    pub last_reminded: Option<Date>,
}

/// Who a reminder about a project's approval goes to: its owner, or the project itself when
/// no owner is recorded.
pub fn owner_name(project: &Project) -> &str {
    let owner = project.owner.trim();
    if owner.is_empty() {
        project.name.trim()
    } else {
        owner
    }
}

/// The judgement of one approval as of a day, `None` when nothing is due. Lapsed approvals and
/// approvals applied for after the as-of date are never due; an approval issued after it was
/// still in progress (在办) on that day, and an extension granted after it had not yet moved its
/// end. (Whether the project started building in time is the table's part: see
/// [`DeadlineTable`].)
pub fn judge(approval: &Approval, as_of: Date, options: &DeadlineOptions) -> Option<Due> {
    Facts::of(approval).judge(as_of, options)
}

/// What the judgement reads of an approval.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Facts {
    lapsed: bool,
    /// Marked in progress (在办) with no day issued: in progress whatever the day.
    pending: bool,
    applied: Date,
    issued: Option<Date>,
    /// Its last valid day as issued.
    issued_end: Option<Date>,
    /// Its extensions, oldest first: granted on, valid to (each ends later than the one
    /// before). Most approvals have none, and an empty list allocates nothing.
    extensions: Box<[(Date, Date)]>,
}

impl Facts {
    fn of(approval: &Approval) -> Facts {
        Facts {
            lapsed: approval.status == ApprovalStatus::Lapsed,
            pending: approval.status == ApprovalStatus::Pending && approval.issued.is_none(),
            applied: approval.applied,
            issued: approval.issued,
            issued_end: approval.issued_end(),
            extensions: approval
                .extensions
                .iter()
                .map(|e| (e.granted, e.until))
                .collect(),
        }
    }

    /// In progress on a day: marked so, or issued only after it.
    fn pending_on(&self, as_of: Date) -> bool {
        self.pending || self.issued.is_some_and(|issued| issued > as_of)
    }

    /// The last valid day as of a day ([`Approval::end_as_of`], from the table's copy).
    fn end(&self, as_of: Date) -> Option<Date> {
        if self.issued.is_some_and(|issued| issued > as_of) {
            return None;
        }
        self.extensions
            .iter()
            .filter(|(granted, _)| *granted <= as_of)
            .map(|(_, until)| *until)
            .max()
            .or(self.issued_end)
    }

    fn judge(&self, as_of: Date, options: &DeadlineOptions) -> Option<Due> {
        if self.lapsed || self.applied > as_of {
            return None;
        }
        if self.pending_on(as_of) {
            let days = as_of.days_since(&self.applied);
            return (days > options.pending_over_days).then_some(Due::LongPending { days });
        }
        let days_left = self.end(as_of)?.days_since(&as_of);
        if days_left < 0 {
            Some(Due::Expired {
                days_ago: -days_left,
            })
        } else if days_left <= options.expiring_within_days {
            Some(Due::Expiring { days_left })
        } else {
            None
        }
    }
}

/// The register as the deadline judgement needs it: each approval of a live project reduced to
/// its dates, its owner's place in name order and its project's building start. Built once per
/// state of the approvals and projects ([`DeadlineTable::key`]), then judged for any day and
/// settings without touching the records again — a city's 40,000 approvals in well under a
/// frame, where reading them from the ledger takes several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineTable {
    /// The ledger's revisions of approvals and projects the table was built from.
    pub built_from: (u64, u64),
    /// Owners in name order.
    owners: Vec<String>,
    /// One row per approval, in approval id order (every approval's project is live: the
    /// model's references resolve).
    rows: Vec<Row>,
}

/// An approval's row; its place in `rows` is its place in the ledger's approvals (id order).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    /// Place in `owners`.
    owner: u32,
    facts: Facts,
    start: BuildingStart,
}

/// One approval due, as a place in its [`DeadlineTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueEntry {
    row: u32,
    /// The owner's place in name order.
    pub owner: u32,
    pub due: Due,
    /// Its last valid day as of the day judged (for expiring and expired approvals).
    pub end: Option<Date>,
}

impl DeadlineTable {
    /// What a table built from this ledger would be built from.
    pub fn key(dataset: &Dataset) -> (u64, u64) {
        (
            dataset.revision(RecordKind::Approval),
            dataset.revision(RecordKind::Project),
        )
    }

    pub fn of(dataset: &Dataset) -> DeadlineTable {
        let names: BTreeSet<&str> = dataset.projects().map(owner_name).collect();
        let place: FxHashMap<&str, u32> = names
            .iter()
            .zip(0u32..)
            .map(|(name, place)| (*name, place))
            .collect();
        let projects: FxHashMap<&RecordId, (u32, BuildingStart)> = dataset
            .projects()
            .filter_map(|p| Some((&p.id, (*place.get(owner_name(p))?, BuildingStart::of(p)))))
            .collect();
        let mut rows = Vec::with_capacity(dataset.count(RecordKind::Approval));
        rows.extend(dataset.approvals().map(|approval| {
            let (owner, start) = projects
                .get(&approval.project)
                .copied()
                .unwrap_or((u32::MAX, BuildingStart::NotStarted));
            Row {
                owner,
                facts: Facts::of(approval),
                start,
            }
        }));
        DeadlineTable {
            built_from: DeadlineTable::key(dataset),
            owners: names.into_iter().map(str::to_string).collect(),
            rows,
        }
    }

    /// Calls `found` with every row due as of a day.
    fn each_due(
        &self,
        as_of: Date,
        options: &DeadlineOptions,
        mut found: impl FnMut(u32, &Row, Due),
    ) {
        for (place, row) in (0u32..).zip(&self.rows) {
            if row.owner == u32::MAX {
                continue;
            }
            let Some(due) = row.facts.judge(as_of, options) else {
                continue;
            };
            let ends = matches!(due, Due::Expired { .. } | Due::Expiring { .. });
            if ends
                && row
                    .facts
                    .end(as_of)
                    .is_some_and(|end| row.start.used_in_time(end, as_of))
            {
                continue;
            }
            found(place, row, due);
        }
    }

    /// Every approval due as of a day, ordered by owner (name order), and within an owner the
    /// most urgent first: expired (longest ago first), expiring soonest, then the longest
    /// pending; ties in approval id order.
    pub fn due(&self, as_of: Date, options: &DeadlineOptions) -> Vec<DueEntry> {
        let mut list = Vec::new();
        self.each_due(as_of, options, |row, found, due| {
            list.push(DueEntry {
                row,
                owner: found.owner,
                due,
                end: found.facts.end(as_of),
            });
        });
        list.sort_unstable_by_key(|entry| (entry.owner, urgency(&entry.due), entry.row));
        list
    }

    /// The counts of what is due as of a day, without listing it (the dashboard's card).
    pub fn counts(&self, as_of: Date, options: &DeadlineOptions) -> DueCounts {
        let mut counts = DueCounts::default();
        let mut reached = vec![false; self.owners.len()];
        self.each_due(as_of, options, |_, row, due| {
            reached[row.owner as usize] = true;
            counts.add(due);
        });
        counts.owners = reached.into_iter().filter(|r| *r).count();
        counts
    }

    pub fn owner(&self, entry: &DueEntry) -> &str {
        &self.owners[entry.owner as usize]
    }

    /// The approvals of some entries, in the entries' order (one walk over the ledger's
    /// approvals, so resolving a page of rows costs no lookups by id). `dataset` is the ledger
    /// the table was built from: a row's place is its approval's place there.
    pub fn approvals<'a>(&self, dataset: &'a Dataset, entries: &[DueEntry]) -> Vec<&'a Approval> {
        debug_assert_eq!(self.built_from, DeadlineTable::key(dataset));
        let mut wanted: Vec<(u32, usize)> = (0..)
            .zip(entries)
            .map(|(at, entry)| (entry.row, at))
            .collect();
        crate::sorting::sort(&mut wanted);
        let mut found: Vec<Option<&Approval>> = vec![None; entries.len()];
        let mut next = wanted.iter().peekable();
        for (row, approval) in (0u32..).zip(dataset.approvals()) {
            while let Some(&&(want, at)) = next.peek() {
                if want != row {
                    break;
                }
                found[at] = Some(approval);
                next.next();
            }
            if next.peek().is_none() {
                break;
            }
        }
        found.into_iter().flatten().collect()
    }

    /// Some entries with their records borrowed from the ledger (a page of the list), in the
    /// entries' order.
    pub fn resolve<'a>(&self, dataset: &'a Dataset, entries: &[DueEntry]) -> Vec<DueApproval<'a>> {
        let reminded = last_reminders(dataset);
        entries
            .iter()
            .zip(self.approvals(dataset, entries))
            .filter_map(|(entry, approval)| {
                let project = dataset.project(&approval.project)?;
                Some(DueApproval {
                    approval,
                    project,
                    owner: owner_name(project),
                    due: entry.due,
                    end: entry.end,
                    last_reminded: reminded.get(&approval.id).copied(),
                })
            })
            .collect()
    }
}

/// The latest reminder given about each approval.
fn last_reminders(dataset: &Dataset) -> FxHashMap<&RecordId, Date> {
    let mut last: FxHashMap<&RecordId, Date> = FxHashMap::default();
    for reminder in dataset.reminders() {
        let latest = last.entry(&reminder.approval).or_insert(reminder.date);
        *latest = (*latest).max(reminder.date);
    }
    last
}

/// Every approval due as of a day with its records borrowed from the ledger, in the order of
/// [`DeadlineTable::due`].
pub fn due_list<'a>(
    dataset: &'a Dataset,
    as_of: Date,
    options: &DeadlineOptions,
) -> Vec<DueApproval<'a>> {
    let table = DeadlineTable::of(dataset);
    table.resolve(dataset, &table.due(as_of, options))
}

/// A due list cut into its owners' runs, in order.
pub fn by_owner<'l, 'a>(list: &'l [DueApproval<'a>]) -> Vec<(&'a str, &'l [DueApproval<'a>])> {
    list.chunk_by(|a, b| a.owner == b.owner)
        .map(|run| (run[0].owner, run))
        .collect()
}

/// Sort key: expired (longest ago first), expiring (soonest first), long pending (longest
/// first).
fn urgency(due: &Due) -> (u8, i64) {
    match *due {
        Due::Expired { days_ago } => (0, -days_ago),
        Due::Expiring { days_left } => (1, days_left),
        Due::LongPending { days } => (2, -days),
    }
}

/// How many approvals are due, by reason: the dashboard's counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DueCounts {
    pub expiring: usize,
    pub expired: usize,
    pub long_pending: usize,
    /// Distinct owners with something due.
    pub owners: usize,
}

impl DueCounts {
    fn add(&mut self, due: Due) {
        match due {
            Due::Expiring { .. } => self.expiring += 1,
            Due::Expired { .. } => self.expired += 1,
            Due::LongPending { .. } => self.long_pending += 1,
        }
    }

    /// The counts of a due list (ordered by owner, as [`due_list`] gives it).
    pub fn of(list: &[DueApproval<'_>]) -> DueCounts {
        DueCounts::tally(list, |a, b| a.owner == b.owner, |due| due.due)
    }

    /// The counts of a table's due list (ordered by owner, as [`DeadlineTable::due`] gives it).
    pub fn of_entries(list: &[DueEntry]) -> DueCounts {
        DueCounts::tally(list, |a, b| a.owner == b.owner, |entry| entry.due)
    }

    fn tally<T>(
        list: &[T],
        same_owner: impl FnMut(&T, &T) -> bool,
        due: impl Fn(&T) -> Due,
    ) -> DueCounts {
        let mut counts = DueCounts {
            owners: list.chunk_by(same_owner).count(),
            ..DueCounts::default()
        };
        list.iter().for_each(|item| counts.add(due(item)));
        counts
    }
}

/// The counts of what is due as of a day, without listing it.
pub fn due_counts(dataset: &Dataset, as_of: Date, options: &DeadlineOptions) -> DueCounts {
    DeadlineTable::of(dataset).counts(as_of, options)
}

/// What the records say for one of the register's counts over a period:
/// - approvals issued (办结): issued within the period;
/// - joint review meetings: held within the period;
/// - owners reminded: distinct owners of the approvals reminded within the period;
/// - owners extended: distinct owners of the approvals extended (granted) within the period;
/// - filings on an owner's behalf: filings (备案) marked 代办 applied for within the period.
pub fn count(dataset: &Dataset, what: RecordCount, period: &Period) -> usize {
    let (first, last) = (period.start(), period.end());
    let within = |day: Date| first <= day && day <= last;
    let owner_of_approval = |id: &RecordId| {
        dataset
            .approval(id)
            .and_then(|a| dataset.project(&a.project))
            .map(|p| owner_name(p).to_string())
    };
    match what {
        RecordCount::ApprovalsDone => dataset
            .approvals()
            .filter(|a| a.issued.is_some_and(within))
            .count(),
        RecordCount::JointMeetings => dataset.meetings().filter(|m| within(m.date)).count(),
        RecordCount::RemindedOwners => dataset
            .reminders()
            .filter(|r| within(r.date))
            .filter_map(|r| owner_of_approval(&r.approval))
            .collect::<BTreeSet<_>>()
            .len(),
        RecordCount::ExtensionOwners => dataset
            .approvals()
            .filter(|a| a.extensions.iter().any(|e| within(e.granted)))
            .filter_map(|a| {
                dataset
                    .project(&a.project)
                    .map(|p| owner_name(p).to_string())
            })
            .collect::<BTreeSet<_>>()
            .len(),
        RecordCount::ProxyFilings => dataset
            .approvals()
            .filter(|a| a.on_behalf && a.procedure == Procedure::Filing)
            .filter(|a| within(a.applied))
            .count(),
    }
}

/// Whether the ledger keeps the records a count is made of at all: with none kept, a count of
/// zero says nothing about the typed figure (the sample states its counts but records none).
pub fn keeps_records_for(dataset: &Dataset, what: RecordCount) -> bool {
    match what {
        RecordCount::JointMeetings => dataset.meetings().next().is_some(),
        RecordCount::RemindedOwners => dataset.reminders().next().is_some(),
        RecordCount::ApprovalsDone | RecordCount::ExtensionOwners | RecordCount::ProxyFilings => {
            dataset.approvals().next().is_some()
        }
    }
}

/// The records' count beside a bound indicator's typed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountComparison {
    pub indicator: RecordId,
    pub period: Period,
    pub what: RecordCount,
    /// The typed figure (whole, as counts are).
    pub typed: Option<rust_decimal::Decimal>,
    /// The records' count; `None` when the ledger keeps no records of that kind.
    pub counted: Option<usize>,
}

impl CountComparison {
    /// The typed figure and the records' count disagree (both known).
    pub fn differs(&self) -> bool {
        match (self.typed, self.counted) {
            (Some(typed), Some(counted)) => typed != rust_decimal::Decimal::from(counted),
            _ => false,
        }
    }
}

/// Every bound indicator's figures against the records' count for the same period.
pub fn compare_counts(dataset: &Dataset) -> Vec<CountComparison> {
    let mut out = Vec::new();
    for indicator in dataset.indicators() {
        let Some(what) = indicator.counted else {
            continue;
        };
        let keeps = keeps_records_for(dataset, what);
        for value in dataset.values_of(&indicator.id) {
            out.push(CountComparison {
                indicator: indicator.id.clone(),
                period: value.period,
                what,
                typed: Some(value.amount.0),
                counted: keeps.then(|| count(dataset, what, &value.period)),
            });
        }
    }
    out
}
