//! Opening a colleague's file: read → plan → decisions → apply → log.
//!
//! A file of the same ledger (same dataset id) is merged three-way against the last file the
//! two exchanged (kept in the store, found through the file's lineage) or, without one, against
//! the stamps; the user decides each conflict; the decided merge is applied as one undoable
//! edit ([`Edit::Adopt`] with the lineage extended), and the file is kept as the base of later
//! merges. A file of another ledger can only replace this one, again as one undoable edit.
//! Nothing is stored before the user applied the merge or confirmed the replacement.
//!
//! The store steps are async (IndexedDB), the rest is plain functions, so the browser shell can
//! hold the workspace in a signal between them; [`import_file`] runs the whole sequence for
//! native tests and the CLI.

use super::Workspace;
use crate::format::merge::{adopt_edit, merge, overlay, put_edit, MergePlan, Resolution};
use crate::format::v1::ExportV1;
use crate::format::{self, ChecksumStatus, FormatError, Loaded};
use crate::model::{Dataset, Edit, EditError, RecordId, RecordKind};
use crate::store::{Store, StoreError};

/// The file both sides last exchanged, read from the store: the merge's common base.
#[derive(Debug, Clone)]
pub struct Base {
    /// Its export id.
    pub id: String,
    /// When and by whom it was exported.
    pub export: Option<ExportV1>,
    pub dataset: Dataset,
}

/// The newest file both sides have: the newest of the file's own lineage that is also in
/// this ledger's lineage (`ours`: exported from here or merged in, and not undone since) and
/// kept in the store.
pub async fn find_base<S: Store>(
    store: &mut S,
    export: Option<&ExportV1>,
    ours: &[String],
) -> Option<Base> {
    let export = export?;
    let mut candidates: Vec<String> = export.derived_from.clone();
    candidates.push(export.id.clone());
    for id in candidates.into_iter().rev() {
        if !ours.contains(&id) {
            continue;
        }
        if let Ok(Some(text)) = store.exchange(&id).await {
            if let Ok(loaded) = format::read_file(&text) {
                if loaded.problems.is_empty() {
                    return Some(Base {
                        id,
                        export: loaded.export,
                        dataset: loaded.dataset,
                    });
                }
            }
        }
    }
    None
}

/// A colleague's file of this ledger, planned and waiting for the user's decisions.
#[derive(Debug, Clone)]
pub struct ImportPlan {
    pub file_name: String,
    /// The file's text, kept after the merge as the base of later merges.
    pub text: String,
    pub export: Option<ExportV1>,
    pub merge: MergePlan,
    /// The base the merge ran against; `None` when none was found (the stamps decided).
    pub base_id: Option<String>,
    pub base_export: Option<ExportV1>,
    /// The file's content no longer matches its checksum (edited by hand or damaged).
    pub checksum_mismatch: bool,
    /// A spreadsheet laid over the ledger (`sheet::import`): applied as the user's own puts,
    /// stamped now, rather than adopted with a colleague's stamps.
    pub from_sheet: bool,
}

/// What an opened file is for this ledger.
#[derive(Debug, Clone)]
pub enum Opened {
    /// A file of this ledger: a merge to preview and decide.
    Merge(Box<ImportPlan>),
    /// Another ledger's file: it can only replace this one.
    Other(Box<Replacement>),
}

/// Another ledger, ready to replace this one.
#[derive(Debug, Clone)]
pub struct Replacement {
    pub file_name: String,
    pub text: String,
    pub export: Option<ExportV1>,
    pub dataset: Dataset,
}

/// Plans what a file read without problems does to the open ledger (`base`: what
/// [`find_base`] found for the file's export).
pub fn plan(
    ours: &Dataset,
    file_name: &str,
    text: String,
    loaded: Loaded,
    base: Option<Base>,
) -> Opened {
    if ours.meta.id != loaded.dataset.meta.id {
        return Opened::Other(Box::new(Replacement {
            file_name: file_name.to_string(),
            text,
            export: loaded.export,
            dataset: loaded.dataset,
        }));
    }
    let (base_id, base_export, base) = match base {
        Some(base) => (Some(base.id), base.export, base.dataset),
        None => (None, None, Dataset::new(ours.meta.clone())),
    };
    Opened::Merge(Box::new(ImportPlan {
        file_name: file_name.to_string(),
        text,
        merge: merge(&base, ours, &loaded.dataset),
        export: loaded.export,
        base_id,
        base_export,
        checksum_mismatch: loaded.checksum == ChecksumStatus::Mismatch,
        from_sheet: false,
    }))
}

/// Plans laying a workbook over the ledger: read through its layout (every problem at its
/// sheet, row and column, and nothing planned when there is one), then previewed, decided and
/// applied like a colleague's file.
pub fn plan_sheet(
    ours: &Dataset,
    file_name: &str,
    book: &crate::sheet::Book,
    layout: &crate::sheet::layout::Layout,
    ids: &mut dyn crate::model::IdSource,
) -> Result<ImportPlan, Vec<crate::sheet::import::SheetProblem>> {
    let theirs = crate::sheet::import::read(book, layout, ours, ids)?;
    Ok(ImportPlan {
        file_name: file_name.to_string(),
        text: String::new(),
        export: None,
        merge: overlay(ours, &theirs),
        base_id: None,
        base_export: None,
        checksum_mismatch: false,
        from_sheet: true,
    })
}

/// Adds export ids to a lineage, oldest first, each once.
pub fn extend_lineage(lineage: &[String], export: Option<&ExportV1>) -> Vec<String> {
    let mut out = lineage.to_vec();
    if let Some(export) = export {
        for id in export.derived_from.iter().chain([&export.id]) {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

/// Why an import was not applied.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("not every conflict is decided ({undecided} open)")]
    Undecided { undecided: usize },
    /// All or nothing was asked for, and the ledger cannot hold some records of the merge.
    #[error("{count} records cannot be merged in")]
    PartlyRefused { count: usize },
    #[error(transparent)]
    Refused(#[from] EditError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the file cannot be imported: {0}")]
    Unreadable(ReadError),
}

/// What an applied import did, for the outcome shown and the import log.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Records the merged ledger could not hold, left out, with the reason.
    pub rejected: Vec<(RecordKind, RecordId, EditError)>,
    /// The import log's entry (kept by the app in its preferences, the last 50).
    pub log: serde_json::Value,
}

/// The decided merge as one edit: the records as the merge decided them and the lineage with
/// the file's; and what the ledger could not hold.
pub fn decide(
    ours: &Dataset,
    plan: &ImportPlan,
    decisions: &[Resolution],
) -> (Edit, Vec<(RecordKind, RecordId, EditError)>) {
    let merged = plan.merge.resolve(decisions);
    if plan.from_sheet {
        return (put_edit(ours, &merged.dataset), merged.rejected);
    }
    let mut edits = vec![adopt_edit(ours, &merged.dataset)];
    let lineage = extend_lineage(&ours.meta.lineage, plan.export.as_ref());
    if lineage != ours.meta.lineage {
        edits.push(Edit::SetLineage(lineage));
    }
    (Edit::Batch(edits), merged.rejected)
}

/// Applies a decided merge to the workspace as one undoable step. With `all_or_nothing`, a
/// merge the ledger cannot take whole is not applied at all.
pub fn apply_merge(
    workspace: &mut Workspace,
    plan: &ImportPlan,
    decisions: &[Option<Resolution>],
    all_or_nothing: bool,
    at: &str,
) -> Result<Outcome, ImportError> {
    let undecided = decisions.iter().filter(|d| d.is_none()).count()
        + plan.merge.conflicts.len().saturating_sub(decisions.len());
    if undecided > 0 {
        return Err(ImportError::Undecided { undecided });
    }
    let decided: Vec<Resolution> = decisions.iter().flatten().copied().collect();
    let (edit, rejected) = decide(workspace.dataset(), plan, &decided);
    if all_or_nothing && !rejected.is_empty() {
        return Err(ImportError::PartlyRefused {
            count: rejected.len(),
        });
    }
    workspace.apply(edit, at)?;
    Ok(Outcome {
        log: log_entry(plan, at),
        rejected,
    })
}

impl Replacement {
    /// The ledger that replaces the open one (moved out, leaving an empty one): the file's,
    /// with the file's lineage added.
    pub fn ledger(&mut self) -> Dataset {
        let empty = Dataset::new(self.dataset.meta.clone());
        let mut dataset = std::mem::replace(&mut self.dataset, empty);
        dataset.meta.lineage = extend_lineage(&dataset.meta.lineage, self.export.as_ref());
        dataset
    }
}

/// Replaces the ledger with another ledger's file (its [`Replacement::ledger`]), as one
/// undoable step; `prepared` is that ledger's file shape for the store (`WholeLedger::of`, or
/// made in slices by the browser for a city-scale file: [`Workspace::replace`]).
pub fn apply_replacement(
    workspace: &mut Workspace,
    ledger: Dataset,
    prepared: crate::store::chunks::WholeLedger,
    at: &str,
) -> Result<(), ImportError> {
    workspace.replace(ledger, prepared, at)?;
    Ok(())
}

/// Keeps an imported file as a possible base of later merges (files without an export id —
/// the built-in sample, hand-made files — cannot be named by a later file and are not kept).
pub async fn keep_file<S: Store>(
    store: &mut S,
    export: Option<&ExportV1>,
    text: &str,
) -> Result<(), StoreError> {
    match export {
        Some(export) => store.keep_exchange(&export.id, text).await,
        None => Ok(()),
    }
}

/// One line of the import log: when, which file, which export, against which base, and the
/// counts per record type.
pub fn log_entry(plan: &ImportPlan, at: &str) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> = plan
        .merge
        .report
        .iter()
        .map(|(kind, r)| {
            (
                kind.collection().to_string(),
                serde_json::json!({
                    "created": r.created,
                    "updated": r.updated,
                    "deleted": r.deleted,
                    "matched": r.matched,
                    "conflicting": r.conflicting
                }),
            )
        })
        .collect();
    serde_json::json!({
        "at": at,
        "file": plan.file_name,
        "export_id": plan.export.as_ref().map(|e| e.id.clone()),
        "base": plan.base_id,
        "counts": counts,
    })
}

/// Why a file could not be opened at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    /// Not a ledger file, unreadable, or of a newer format.
    #[error(transparent)]
    File(FormatError),
    /// Records with problems, each at its JSON path; nothing is imported.
    #[error("{} records with problems", .0.len())]
    Problems(Vec<format::Problem>),
}

/// Reads a file as the import does: the whole file must read without problems.
pub fn read(text: &str) -> Result<Loaded, ReadError> {
    match format::read_file(text) {
        Err(error) => Err(ReadError::File(error)),
        Ok(loaded) if !loaded.problems.is_empty() => Err(ReadError::Problems(loaded.problems)),
        Ok(loaded) => Ok(loaded),
    }
}

/// What [`import_file`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum Imported {
    Merged(Outcome),
    Replaced,
}

/// The whole sequence for one file, as the app runs it step by step: read, find the base,
/// plan, let `decide` choose each conflict (or decline a replacement by returning `None`),
/// apply as one step, keep the file, and make the writes.
pub async fn import_file<S: Store>(
    workspace: &mut Workspace,
    store: &mut S,
    file_name: &str,
    text: &str,
    decide: impl FnOnce(&Opened) -> Option<Vec<Option<Resolution>>>,
    at: &str,
) -> Result<Option<Imported>, ImportError> {
    let loaded = read(text).map_err(ImportError::Unreadable)?;
    let lineage = workspace.dataset().meta.lineage.clone();
    let base = find_base(store, loaded.export.as_ref(), &lineage).await;
    let opened = plan(
        workspace.dataset(),
        file_name,
        text.to_string(),
        loaded,
        base,
    );
    let Some(decisions) = decide(&opened) else {
        return Ok(None);
    };
    let imported = match opened {
        Opened::Merge(plan) => {
            let outcome = apply_merge(workspace, &plan, &decisions, false, at)?;
            keep_file(store, plan.export.as_ref(), &plan.text).await?;
            Imported::Merged(outcome)
        }
        Opened::Other(mut replacement) => {
            let ledger = replacement.ledger();
            let prepared = crate::store::chunks::WholeLedger::of(&ledger);
            apply_replacement(workspace, ledger, prepared, at)?;
            keep_file(store, replacement.export.as_ref(), &replacement.text).await?;
            Imported::Replaced
        }
    };
    workspace.persist(store).await?;
    Ok(Some(imported))
}
