//! The domain: ids, periods, amounts, units, the ledger's records, and the one door through
//! which a dataset changes ([`Edit`], applied by [`Dataset::apply`]).
//!
//! Invariant: a [`Dataset`] is always consistent — every reference resolves, natural keys are
//! unique, names are non-empty — because [`Dataset::apply`] refuses an edit that would break it
//! and leaves the dataset unchanged when it does.

pub mod amount;
pub mod approval;
pub mod dataset;
pub mod edit;
pub mod id;
pub mod period;
pub mod project;
pub mod record;
pub mod summary;

pub use amount::{
    figure_input_text, figure_text, parse_amount_input, Amount, AmountError, AmountInput, Qualifier,
};
pub use approval::{
    Approval, ApprovalStatus, Extension, Meeting, MeetingItem, Procedure, RecordCount, Reminder,
    Validity,
};
pub use dataset::{Dataset, DatasetMeta, Extra};
pub use edit::{Adopted, Applied, ChangeContext, Edit, EditError};
pub use id::{IdSource, RecordId, SeededIds};
pub use period::{parse_period, Date, Lang, Period, PeriodError, YearMonth};
pub use project::{MilestoneStage, ProjectStatus, SupervisionStatus};
pub use record::{
    Area, Bulletin, FieldStamps, Indicator, IndicatorKind, Milestone, ProgressReport, Project,
    Record, RecordKind, Relation, RelationKind, Stamp, SupervisionItem, Target, Tombstone, Unit,
    Value, ValueRef,
};
pub use summary::Summary;
