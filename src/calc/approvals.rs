//! Deadlines and counts of the approvals register: what expires soon, what lapsed without an
//! extension, what has been in progress too long (到期提醒), and the counts a work summary
//! states (办结 … 件, 联审会 … 次, 到期提醒 … 家, 延期 … 家, 代办备案 … 个) for any period.
//!
//! An approval whose project started building while it was valid has done its work: its end
//! is no longer a deadline ([`used_in_time`]).
//!
//! The as-of date is always passed in (the ledger's reporting date), never read from a clock.

use crate::model::approval::used_in_time;
use crate::model::{
    Approval, ApprovalStatus, Dataset, Date, Period, Procedure, Project, RecordCount, RecordId,
};
use rustc_hash::{FxHashMap, FxHashSet};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
/// approvals applied for after the as-of date are never due.
pub fn judge(approval: &Approval, as_of: Date, options: &DeadlineOptions) -> Option<Due> {
    if approval.status == ApprovalStatus::Lapsed || approval.applied > as_of {
        return None;
    }
    if approval.status == ApprovalStatus::Pending && approval.issued.is_none() {
        let days = as_of.days_since(&approval.applied);
        return (days > options.pending_over_days).then_some(Due::LongPending { days });
    }
    let end = approval.end()?;
    let days_left = end.days_since(&as_of);
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

/// Every approval due as of a day, ordered by owner (name order), and within an owner the most
/// urgent first: expired (longest ago first), expiring soonest, then the longest pending.
pub fn due_list<'a>(
    dataset: &'a Dataset,
    as_of: Date,
    options: &DeadlineOptions,
) -> Vec<DueApproval<'a>> {
    let mut last_reminded: FxHashMap<&RecordId, Date> = FxHashMap::default();
    for reminder in dataset.reminders() {
        let latest = last_reminded
            .entry(&reminder.approval)
            .or_insert(reminder.date);
        *latest = (*latest).max(reminder.date);
    }
    let mut list: Vec<DueApproval<'a>> = Vec::new();
    each_due(dataset, as_of, options, |approval, project, owner, due| {
        list.push(DueApproval {
            approval,
            project,
            owner,
            due,
            end: approval.end(),
            last_reminded: last_reminded.get(&approval.id).copied(),
        });
    });
    list.sort_unstable_by(|a, b| {
        (a.owner, urgency(&a.due), &a.approval.id).cmp(&(b.owner, urgency(&b.due), &b.approval.id))
    });
    list
}

/// Calls `found` with every approval due as of a day, its project and owner (the one pass both
/// the list and the counts make: a city ledger holds tens of thousands of approvals, and both
/// must take less than a frame).
fn each_due<'a>(
    dataset: &'a Dataset,
    as_of: Date,
    options: &DeadlineOptions,
    mut found: impl FnMut(&'a Approval, &'a Project, &'a str, Due),
) {
    let projects: FxHashMap<&RecordId, (&Project, &str)> = dataset
        .projects()
        .map(|project| (&project.id, (project, owner_name(project))))
        .collect();
    for approval in dataset.approvals() {
        let Some(due) = judge(approval, as_of, options) else {
            continue;
        };
        let Some(&(project, owner)) = projects.get(&approval.project) else {
            continue;
        };
        let ends = matches!(due, Due::Expired { .. } | Due::Expiring { .. });
        if ends
            && approval
                .end()
                .is_some_and(|end| used_in_time(project, end, as_of))
        {
            continue;
        }
        found(approval, project, owner, due);
    }
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
    /// The counts of a due list (ordered by owner, as [`due_list`] gives it).
    pub fn of(list: &[DueApproval<'_>]) -> DueCounts {
        let mut counts = DueCounts {
            owners: list.chunk_by(|a, b| a.owner == b.owner).count(),
            ..DueCounts::default()
        };
        for due in list {
            match due.due {
                Due::Expiring { .. } => counts.expiring += 1,
                Due::Expired { .. } => counts.expired += 1,
                Due::LongPending { .. } => counts.long_pending += 1,
            }
        }
        counts
    }
}

/// The counts of what is due as of a day, without listing it (the dashboard's card).
pub fn due_counts(dataset: &Dataset, as_of: Date, options: &DeadlineOptions) -> DueCounts {
    let mut counts = DueCounts::default();
    let mut owners: FxHashSet<&str> = FxHashSet::default();
    each_due(dataset, as_of, options, |_, _, owner, due| {
        owners.insert(owner);
        match due {
            Due::Expiring { .. } => counts.expiring += 1,
            Due::Expired { .. } => counts.expired += 1,
            Due::LongPending { .. } => counts.long_pending += 1,
        }
    });
    counts.owners = owners.len();
    counts
}

/// Whether a day falls within a period (its first to its last day).
fn within(period: &Period, day: Date) -> bool {
    period.start() <= day && day <= period.end()
}

/// What the records say for one of the register's counts over a period:
/// - approvals issued (办结): issued within the period;
/// - joint review meetings: held within the period;
/// - owners reminded: distinct owners of the approvals reminded within the period;
/// - owners extended: distinct owners of the approvals extended (granted) within the period;
/// - filings on an owner's behalf: filings (备案) marked 代办 applied for within the period.
pub fn count(dataset: &Dataset, what: RecordCount, period: &Period) -> usize {
    let owner_of_approval = |id: &RecordId| {
        dataset
            .approval(id)
            .and_then(|a| dataset.project(&a.project))
            .map(|p| owner_name(p).to_string())
    };
    match what {
        RecordCount::ApprovalsDone => dataset
            .approvals()
            .filter(|a| a.issued.is_some_and(|day| within(period, day)))
            .count(),
        RecordCount::JointMeetings => dataset
            .meetings()
            .filter(|m| within(period, m.date))
            .count(),
        RecordCount::RemindedOwners => dataset
            .reminders()
            .filter(|r| within(period, r.date))
            .filter_map(|r| owner_of_approval(&r.approval))
            .collect::<BTreeSet<_>>()
            .len(),
        RecordCount::ExtensionOwners => dataset
            .approvals()
            .filter(|a| a.extensions.iter().any(|e| within(period, e.granted)))
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
            .filter(|a| within(period, a.applied))
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
