//! Rolling snapshots of the whole ledger: when one is due and which to keep. Pure; the browser
//! store keeps the snapshots' files, this decides.
//!
//! A snapshot is due after every [`SnapshotPolicy::every_changes`] changes, before a change that
//! replaces or merges into the whole ledger, and with the first change of a day. The newest
//! [`SnapshotPolicy::recent`] are kept; of older ones the newest of each day, for
//! [`SnapshotPolicy::daily_days`] days; then, oldest first, snapshots go until the total fits
//! the size budget — but the newest one always stays.

use serde::{Deserialize, Serialize};

/// Why a snapshot was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotReason {
    /// After a run of changes.
    Changes,
    /// The first change of a day.
    Daily,
    /// Just before a whole-ledger change (an import, a merge, a replacement).
    BeforeWholeChange,
}

/// One kept snapshot, as the index lists it (the file itself is stored apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    pub id: String,
    /// When it was taken, ISO 8601 UTC.
    pub at: String,
    pub reason: SnapshotReason,
    /// The size of its file, in bytes.
    pub bytes: u64,
    /// Records in it, for people choosing one.
    pub records: u64,
}

impl SnapshotInfo {
    /// The day it was taken ("2026-11-30").
    pub fn day(&self) -> &str {
        self.at.get(..10).unwrap_or(&self.at)
    }
}

/// How many snapshots, and how much space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotPolicy {
    pub every_changes: u32,
    pub recent: usize,
    pub daily_days: usize,
    pub budget_bytes: u64,
}

impl Default for SnapshotPolicy {
    fn default() -> SnapshotPolicy {
        SnapshotPolicy {
            every_changes: 20,
            recent: 20,
            daily_days: 30,
            budget_bytes: 100 * 1024 * 1024,
        }
    }
}

/// Whether a snapshot is due now. `changes_since` counts the changes made since the newest
/// snapshot; `whole` says the change about to be made replaces or merges into the whole
/// ledger; `today` is the current day ("2026-11-30").
pub fn due(
    policy: &SnapshotPolicy,
    newest: Option<&SnapshotInfo>,
    changes_since: u32,
    whole: bool,
    today: &str,
) -> Option<SnapshotReason> {
    if whole {
        return Some(SnapshotReason::BeforeWholeChange);
    }
    match newest {
        None => Some(SnapshotReason::Daily),
        Some(newest) if newest.day() < today => Some(SnapshotReason::Daily),
        Some(_) if changes_since >= policy.every_changes => Some(SnapshotReason::Changes),
        Some(_) => None,
    }
}

/// Adds a snapshot just kept to the index (replacing one of the same id) and takes out what
/// the policy no longer keeps; returns the ids taken out, whose copies the store deletes.
pub fn add_to_index(
    index: &mut Vec<SnapshotInfo>,
    info: SnapshotInfo,
    policy: &SnapshotPolicy,
) -> Vec<String> {
    index.retain(|s| s.id != info.id);
    index.push(info);
    let delete = to_delete(policy, index);
    index.retain(|s| !delete.contains(&s.id));
    delete
}

/// The snapshots to delete from `kept` (any order) so what stays follows the policy.
pub fn to_delete(policy: &SnapshotPolicy, kept: &[SnapshotInfo]) -> Vec<String> {
    let mut newest_first: Vec<&SnapshotInfo> = kept.iter().collect();
    crate::sorting::sort_by(&mut newest_first, |a, b| {
        b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id))
    });
    let mut keep: Vec<&SnapshotInfo> = Vec::new();
    let mut days: Vec<&str> = Vec::new();
    for (index, snapshot) in newest_first.iter().enumerate() {
        if index < policy.recent {
            keep.push(snapshot);
            continue;
        }
        // Older: the newest of each day, for the most recent days.
        if !days.contains(&snapshot.day()) && days.len() < policy.daily_days {
            days.push(snapshot.day());
            keep.push(snapshot);
        }
    }
    // Within the budget, dropping the oldest first; the newest always stays.
    let mut total: u64 = keep.iter().map(|s| s.bytes).sum();
    while total > policy.budget_bytes && keep.len() > 1 {
        if let Some(oldest) = keep.pop() {
            total -= oldest.bytes;
        }
    }
    newest_first
        .into_iter()
        .filter(|s| !keep.iter().any(|k| k.id == s.id))
        .map(|s| s.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(id: &str, at: &str, bytes: u64) -> SnapshotInfo {
        SnapshotInfo {
            id: id.to_string(),
            at: at.to_string(),
            reason: SnapshotReason::Changes,
            bytes,
            records: 0,
        }
    }

    #[test]
    fn a_snapshot_is_due_on_a_new_day_after_a_run_of_changes_and_before_a_whole_change() {
        let policy = SnapshotPolicy::default();
        let today = "2026-11-30";
        let newest = snapshot("s-1", "2026-11-30T09:00:00Z", 10);
        assert_eq!(
            due(&policy, None, 1, false, today),
            Some(SnapshotReason::Daily)
        );
        assert_eq!(due(&policy, Some(&newest), 3, false, today), None);
        assert_eq!(
            due(&policy, Some(&newest), 20, false, today),
            Some(SnapshotReason::Changes)
        );
        assert_eq!(
            due(&policy, Some(&newest), 0, true, today),
            Some(SnapshotReason::BeforeWholeChange)
        );
        let yesterday = snapshot("s-0", "2026-11-29T18:00:00Z", 10);
        assert_eq!(
            due(&policy, Some(&yesterday), 1, false, today),
            Some(SnapshotReason::Daily)
        );
    }

    #[test]
    fn a_snapshot_added_to_the_index_replaces_its_namesake_and_pushes_out_the_oldest() {
        let policy = SnapshotPolicy {
            every_changes: 20,
            recent: 2,
            daily_days: 0,
            budget_bytes: 1_000,
        };
        let mut index = vec![
            snapshot("a", "2026-11-30T09:00:00Z", 100),
            snapshot("b", "2026-11-30T10:00:00Z", 100),
        ];
        // Kept again under the same id (a retry): one entry, its new size.
        let deleted = add_to_index(
            &mut index,
            snapshot("b", "2026-11-30T10:00:00Z", 300),
            &policy,
        );
        assert!(deleted.is_empty());
        assert_eq!(index.len(), 2);
        assert_eq!(index[1].bytes, 300);
        // A third: the oldest goes, from the index and to the store's deletions.
        let deleted = add_to_index(
            &mut index,
            snapshot("c", "2026-11-30T11:00:00Z", 100),
            &policy,
        );
        assert_eq!(deleted, vec!["a".to_string()]);
        let ids: Vec<&str> = index.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["b", "c"]);
    }

    #[test]
    fn the_newest_are_kept_then_one_a_day_then_the_budget_decides() {
        let policy = SnapshotPolicy {
            every_changes: 20,
            recent: 3,
            daily_days: 2,
            budget_bytes: 1_000,
        };
        let kept = vec![
            snapshot("a", "2026-11-30T12:00:00Z", 100),
            snapshot("b", "2026-11-30T11:00:00Z", 100),
            snapshot("c", "2026-11-30T10:00:00Z", 100),
            // Older than the three newest: one per day, two days.
            snapshot("d", "2026-11-30T09:00:00Z", 100),
            snapshot("e", "2026-11-29T17:00:00Z", 100),
            snapshot("f", "2026-11-29T08:00:00Z", 100),
            snapshot("g", "2026-11-28T17:00:00Z", 100),
            snapshot("h", "2026-11-27T17:00:00Z", 100),
        ];
        let mut deleted = to_delete(&policy, &kept);
        deleted.sort();
        // d is the newest of 11-30 beyond the recent three, e of 11-29; then the two days are
        // used up.
        assert_eq!(deleted, vec!["f", "g", "h"]);

        // A tight budget drops the oldest kept ones, never the newest.
        let tight = SnapshotPolicy {
            budget_bytes: 250,
            ..policy
        };
        let mut deleted = to_delete(&tight, &kept);
        deleted.sort();
        assert_eq!(deleted, vec!["c", "d", "e", "f", "g", "h"]);
        let tiny = SnapshotPolicy {
            budget_bytes: 1,
            ..policy
        };
        assert!(!to_delete(&tiny, &kept).contains(&"a".to_string()));
    }
}
