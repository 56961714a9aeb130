//! Deadlines and counts of the approvals register: what expires soon, what lapsed without an
//! extension, what has been in progress too long (到期提醒), and the counts a work summary
//! states (办结 … 件, 联审会 … 次, 到期提醒 … 家, 延期 … 家, 代办备案 … 个) for any period.
//!
//! The as-of date is always passed in (the ledger's reporting date), never read from a clock.

use crate::model::{
    Approval, ApprovalStatus, Dataset, Date, Period, Procedure, Project, RecordCount, RecordId,
};
use std::collections::{BTreeMap, BTreeSet};

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

/// One approval that needs the owner's attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueApproval {
    pub approval: RecordId,
    pub project: RecordId,
    /// The owner the reminder goes to (the project's 业主单位, else the project's name).
    pub owner: String,
    pub due: Due,
    /// Its last valid day (for expiring and expired approvals).
    pub end: Option<Date>,
    /// The latest reminder given about it, if any.
    pub last_reminded: Option<Date>,
}

/// Who a reminder about a project's approval goes to: its owner, or the project itself when
/// no owner is recorded.
pub fn owner_of(project: &Project) -> String {
    let owner = project.owner.trim();
    if owner.is_empty() {
        project.name.trim().to_string()
    } else {
        owner.to_string()
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

/// Every approval due as of a day, grouped by owner (owners in name order), and within an
/// owner the most urgent first: expired, then expiring soonest, then the longest pending.
pub fn due_list(
    dataset: &Dataset,
    as_of: Date,
    options: &DeadlineOptions,
) -> BTreeMap<String, Vec<DueApproval>> {
    let mut last_reminded: BTreeMap<&RecordId, Date> = BTreeMap::new();
    for reminder in dataset.reminders() {
        let latest = last_reminded
            .entry(&reminder.approval)
            .or_insert(reminder.date);
        *latest = (*latest).max(reminder.date);
    }
    let mut by_owner: BTreeMap<String, Vec<DueApproval>> = BTreeMap::new();
    for approval in dataset.approvals() {
        let Some(due) = judge(approval, as_of, options) else {
            continue;
        };
        let Some(project) = dataset.project(&approval.project) else {
            continue;
        };
        let owner = owner_of(project);
        by_owner
            .entry(owner.clone())
            .or_default()
            .push(DueApproval {
                approval: approval.id.clone(),
                project: approval.project.clone(),
                owner,
                due,
                end: approval.end(),
                last_reminded: last_reminded.get(&approval.id).copied(),
            });
    }
    for list in by_owner.values_mut() {
        list.sort_by(|a, b| {
            urgency(&a.due)
                .cmp(&urgency(&b.due))
                .then_with(|| a.approval.cmp(&b.approval))
        });
    }
    by_owner
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

/// The dashboard's counts of a due list.
pub fn due_counts(list: &BTreeMap<String, Vec<DueApproval>>) -> DueCounts {
    let mut counts = DueCounts {
        owners: list.len(),
        ..DueCounts::default()
    };
    for due in list.values().flatten() {
        match due.due {
            Due::Expiring { .. } => counts.expiring += 1,
            Due::Expired { .. } => counts.expired += 1,
            Due::LongPending { .. } => counts.long_pending += 1,
        }
    }
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
            .map(owner_of)
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
            .filter_map(|a| dataset.project(&a.project).map(owner_of))
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
