//! The approvals register (审批台账): each project's approvals with their dates and validity,
//! the reminders the bureau gave owners before an approval lapsed (到期提醒), and the joint
//! review meetings (联审会) that coordinate a project's approvals.
//!
//! Pure rules only: the records live in `record.rs`, the dataset checks them through
//! [`check_approval`], and `calc::approvals` judges deadlines and counts.

use super::id::RecordId;
use super::period::Date;
use super::record::FieldStamps;

/// The procedure an approval goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Procedure {
    /// 备案: a filing (enterprise investment on the filing list).
    #[default]
    Filing,
    /// 核准: verification (enterprise projects on the verification catalogue).
    Verification,
    /// 审批: review and approval (government investment).
    Review,
}

impl Procedure {
    pub const ALL: [Procedure; 3] = [
        Procedure::Filing,
        Procedure::Verification,
        Procedure::Review,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Procedure::Filing => "filing",
            Procedure::Verification => "verification",
            Procedure::Review => "review",
        }
    }

    pub fn from_code(code: &str) -> Option<Procedure> {
        Procedure::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// Where an approval stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum ApprovalStatus {
    /// 在办: applied, not yet issued.
    #[default]
    Pending,
    /// 办结: issued.
    Done,
    /// 延期: issued and extended at least once.
    Extended,
    /// 失效: lapsed or withdrawn; no longer followed.
    Lapsed,
}

impl ApprovalStatus {
    pub const ALL: [ApprovalStatus; 4] = [
        ApprovalStatus::Pending,
        ApprovalStatus::Done,
        ApprovalStatus::Extended,
        ApprovalStatus::Lapsed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ApprovalStatus::Pending => "pending",
            ApprovalStatus::Done => "done",
            ApprovalStatus::Extended => "extended",
            ApprovalStatus::Lapsed => "lapsed",
        }
    }

    pub fn from_code(code: &str) -> Option<ApprovalStatus> {
        ApprovalStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// How long an issued approval stays valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validity {
    /// Valid for this many months from the day it was issued (有效期 N 个月).
    Months(u32),
    /// Valid up to and including this day.
    Until(Date),
}

/// An extension of an issued approval (延期): granted on a day, valid to a new end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub granted: Date,
    pub until: Date,
    pub note: String,
}

/// The approval items the seed names (立项、可研、初设/概算、规划、用地、环评、能评、施工许可 …),
/// offered first in the form; a ledger may use any other item, which is then offered too.
pub const STANDARD_ITEMS: [(&str, &str); 10] = [
    ("立项", "Project establishment"),
    ("可研", "Feasibility study"),
    ("初设/概算", "Preliminary design / estimate"),
    ("规划", "Planning permit"),
    ("用地", "Land use"),
    ("环评", "Environmental assessment"),
    ("能评", "Energy assessment"),
    ("施工许可", "Construction permit"),
    ("项目备案", "Project filing"),
    ("项目核准", "Project verification"),
];

/// An item's name for the English UI: the standard items have one; the user's own items are
/// their data and show as typed.
pub fn item_label_en(item: &str) -> &str {
    STANDARD_ITEMS
        .iter()
        .find(|(zh, _)| *zh == item)
        .map_or(item, |(_, en)| en)
}

/// One approval of a project (a 审批 record).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub id: RecordId,
    pub project: RecordId,
    pub procedure: Procedure,
    /// What is approved: 立项, 可研, 环评 … (see [`STANDARD_ITEMS`]).
    pub item: String,
    /// The approving body (审批部门).
    pub body: String,
    pub applied: Date,
    pub issued: Option<Date>,
    /// The document number (文号); unique per body when given.
    pub document_no: String,
    pub validity: Option<Validity>,
    pub status: ApprovalStatus,
    /// Extensions, oldest first; each ends later than the one before.
    pub extensions: Vec<Extension>,
    /// Handled by the bureau on the owner's behalf (代办).
    pub on_behalf: bool,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

impl Approval {
    /// The last valid day as issued, before any extension.
    pub fn issued_end(&self) -> Option<Date> {
        match (self.validity?, self.issued) {
            (Validity::Until(day), _) => Some(day),
            (Validity::Months(months), Some(issued)) => Some(months_later_eve(issued, months)),
            (Validity::Months(_), None) => None,
        }
    }

    /// The last valid day now: the latest extension's, else as issued.
    pub fn end(&self) -> Option<Date> {
        self.extensions
            .last()
            .map(|e| e.until)
            .or_else(|| self.issued_end())
    }
}

impl Approval {
    /// The last valid day as the ledger stood on `as_of`: the end of the latest extension
    /// granted by then, else as issued; `None` when it was not yet issued on that day (or has
    /// no validity).
    pub fn end_as_of(&self, as_of: Date) -> Option<Date> {
        if self.issued.is_some_and(|issued| issued > as_of) {
            return None;
        }
        self.extensions
            .iter()
            .filter(|e| e.granted <= as_of)
            .map(|e| e.until)
            .max()
            .or_else(|| self.issued_end())
    }
}

/// The day before the same day `months` later (a validity of N months from `from`): 2016-03-01
/// + 24 months ends 2018-02-28; a day past the target month's end is its last day.
pub fn months_later_eve(from: Date, months: u32) -> Date {
    let index = i64::from(from.year) * 12 + i64::from(from.month) - 1 + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month = u32::try_from(index.rem_euclid(12)).unwrap_or(0) + 1;
    let last = Date::end_of_month(year, month).map_or(31, |d| d.day);
    let same_day = Date {
        year,
        month,
        day: from.day.min(last),
    };
    same_day.plus_days(-1)
}

/// What the ledger says about when a project started building, for its approvals' deadlines:
/// the 开工 milestone, else the project's start date; a project whose status says it started
/// (新开工, 续建, 竣工, 投产) with no date recorded started on a day unknown, a preliminary one
/// (前期) or one of no status and no date has not started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildingStart {
    NotStarted,
    Undated,
    On(Date),
}

impl BuildingStart {
    pub fn of(project: &super::Project) -> BuildingStart {
        if project.status == Some(super::ProjectStatus::Preliminary) {
            return BuildingStart::NotStarted;
        }
        let day = project
            .milestones
            .iter()
            .find(|m| m.stage == super::MilestoneStage::Start)
            .map(|m| m.date)
            .or(project.start);
        match (day, project.status) {
            (Some(day), _) => BuildingStart::On(day),
            (None, Some(_)) => BuildingStart::Undated,
            (None, None) => BuildingStart::NotStarted,
        }
    }

    /// Whether building began (by `as_of`) while an approval ending on `end` was still valid:
    /// a validity is the time allowed to start building (核准文件 two years, 施工许可 three
    /// months …), so once the project started in time the approval has done its work and its
    /// end is no longer a deadline. Started on a day unknown counts as in time.
    pub fn used_in_time(self, end: Date, as_of: Date) -> bool {
        match self {
            BuildingStart::NotStarted => false,
            BuildingStart::Undated => true,
            BuildingStart::On(day) => day <= end && day <= as_of,
        }
    }
}

/// Whether the project began building while an approval ending on `end` was still valid (see
/// [`BuildingStart::used_in_time`]).
pub fn used_in_time(project: &super::Project, end: Date, as_of: Date) -> bool {
    BuildingStart::of(project).used_in_time(end, as_of)
}

/// A reminder given to a project's owner that an approval is about to lapse (到期提醒): the
/// bureau's count of "企业单位提供到期提醒服务" is the owners reminded in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub id: RecordId,
    pub approval: RecordId,
    pub date: Date,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// One project discussed at a joint review meeting, with what was decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingItem {
    pub project: RecordId,
    pub decision: String,
}

/// A joint review meeting (项目联审会, the "5+X" system): attendees, projects and decisions.
/// Its follow-up items are supervision items (督办) that name the meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: RecordId,
    pub date: Date,
    pub title: String,
    /// The units that attended (单位).
    pub attendees: Vec<String>,
    pub items: Vec<MeetingItem>,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A rule an approval keeps on its own (see [`check_approval`]); each has its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApprovalRule {
    /// An item is named.
    ItemEmpty,
    /// Issued not before applied.
    IssuedBeforeApplied,
    /// A validity of at least one month.
    ValidityMonths,
    /// A validity end not before the day issued (or applied).
    ValidityBeforeIssued,
    /// A validity in months or as an end, not both (a file or a form can give both).
    ValidityBoth,
    /// 办结 and 延期 only once issued.
    StatusNeedsIssued,
    /// 延期 only with an extension.
    ExtendedNeedsExtension,
    /// An extension only of an issued approval.
    ExtensionNotIssued,
    /// An extension only of an approval with a validity.
    ExtensionWithoutValidity,
    /// An extension granted not before the day issued.
    ExtensionBeforeIssued,
    /// Each extension ends later than the end before it.
    ExtensionNotLater,
}

impl ApprovalRule {
    pub const ALL: [ApprovalRule; 11] = [
        ApprovalRule::ItemEmpty,
        ApprovalRule::IssuedBeforeApplied,
        ApprovalRule::ValidityMonths,
        ApprovalRule::ValidityBeforeIssued,
        ApprovalRule::ValidityBoth,
        ApprovalRule::StatusNeedsIssued,
        ApprovalRule::ExtendedNeedsExtension,
        ApprovalRule::ExtensionNotIssued,
        ApprovalRule::ExtensionWithoutValidity,
        ApprovalRule::ExtensionBeforeIssued,
        ApprovalRule::ExtensionNotLater,
    ];

    /// The rule's name (`issued_before_applied` …), as files and logs say it.
    pub fn code(self) -> &'static str {
        match self {
            ApprovalRule::ItemEmpty => "item_empty",
            ApprovalRule::IssuedBeforeApplied => "issued_before_applied",
            ApprovalRule::ValidityMonths => "validity_months",
            ApprovalRule::ValidityBeforeIssued => "validity_before_issued",
            ApprovalRule::ValidityBoth => "validity_both",
            ApprovalRule::StatusNeedsIssued => "status_needs_issued",
            ApprovalRule::ExtendedNeedsExtension => "extended_needs_extension",
            ApprovalRule::ExtensionNotIssued => "extension_not_issued",
            ApprovalRule::ExtensionWithoutValidity => "extension_without_validity",
            ApprovalRule::ExtensionBeforeIssued => "extension_before_issued",
            ApprovalRule::ExtensionNotLater => "extension_not_later",
        }
    }
}

impl std::fmt::Display for ApprovalRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// What is wrong with an approval by itself; `rule` names the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalProblem {
    pub field: &'static str,
    pub rule: ApprovalRule,
}

/// The rules an approval keeps on its own (the dataset adds the project and the document
/// number per body): an item named; issued not before applied; a validity of at least one
/// month ending after it was issued; 办结 and 延期 only once issued, 延期 only with an
/// extension; an extension only of an issued approval with a validity, granted not before it
/// was issued, each ending later than the end before it.
pub fn check_approval(approval: &Approval) -> Result<(), ApprovalProblem> {
    let bad = |field, rule| Err(ApprovalProblem { field, rule });
    if approval.item.trim().is_empty() {
        return bad("item", ApprovalRule::ItemEmpty);
    }
    if let Some(issued) = approval.issued {
        if issued < approval.applied {
            return bad("issued", ApprovalRule::IssuedBeforeApplied);
        }
    }
    match approval.validity {
        Some(Validity::Months(0)) => return bad("validity", ApprovalRule::ValidityMonths),
        Some(Validity::Until(day)) if day < approval.issued.unwrap_or(approval.applied) => {
            return bad("validity", ApprovalRule::ValidityBeforeIssued);
        }
        _ => {}
    }
    let issued = approval.issued;
    if issued.is_none()
        && matches!(
            approval.status,
            ApprovalStatus::Done | ApprovalStatus::Extended
        )
    {
        return bad("issued", ApprovalRule::StatusNeedsIssued);
    }
    if approval.status == ApprovalStatus::Extended && approval.extensions.is_empty() {
        return bad("extensions", ApprovalRule::ExtendedNeedsExtension);
    }
    if approval.extensions.is_empty() {
        return Ok(());
    }
    let Some(issued) = issued else {
        return bad("extensions", ApprovalRule::ExtensionNotIssued);
    };
    let Some(mut end) = approval.issued_end() else {
        return bad("extensions", ApprovalRule::ExtensionWithoutValidity);
    };
    for extension in &approval.extensions {
        if extension.granted < issued {
            return bad("extensions", ApprovalRule::ExtensionBeforeIssued);
        }
        if extension.until <= end {
            return bad("extensions", ApprovalRule::ExtensionNotLater);
        }
        end = extension.until;
    }
    Ok(())
}

/// The approval with one more extension to `until`, granted on `granted`, and marked 延期; the
/// dataset refuses it (with [`check_approval`]'s message) unless the approval was issued and
/// `until` is later than its current end.
pub fn extended(approval: &Approval, granted: Date, until: Date, note: &str) -> Approval {
    let mut next = approval.clone();
    next.extensions.push(Extension {
        granted,
        until,
        note: note.to_string(),
    });
    if next.status != ApprovalStatus::Lapsed {
        next.status = ApprovalStatus::Extended;
    }
    next
}

/// Extensions as one comparable field: `granted>until:note` per line.
pub fn extensions_field(extensions: &[Extension]) -> String {
    extensions
        .iter()
        .map(|e| format!("{}>{}:{}", e.granted.to_iso(), e.until.to_iso(), e.note))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A validity as one comparable field: `12m` or `until:2018-02-28`.
pub fn validity_field(validity: &Option<Validity>) -> String {
    match validity {
        None => String::new(),
        Some(Validity::Months(months)) => format!("{months}m"),
        Some(Validity::Until(day)) => format!("until:{}", day.to_iso()),
    }
}

/// A meeting's items as one comparable field: `project:decision` per line.
pub fn meeting_items_field(items: &[MeetingItem]) -> String {
    items
        .iter()
        .map(|i| format!("{}:{}", i.project, i.decision))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A count the approvals register can make for any period, which an indicator may be bound to
/// (项目审批办结件数 …) so the typed figure is shown and checked beside the records' count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordCount {
    /// Approvals issued in the period (办结项目审批 … 件).
    ApprovalsDone,
    /// Joint review meetings held (召开项目联审会 … 次).
    JointMeetings,
    /// Owners reminded of an approval's expiry (为 … 家企业单位提供到期提醒服务).
    RemindedOwners,
    /// Owners whose approval was extended (… 家单位办理延期手续).
    ExtensionOwners,
    /// Filings the bureau applied for on an owner's behalf (代为办理企业项目备案申报 … 个).
    ProxyFilings,
}

impl RecordCount {
    /// The record kinds its count reads: it changes only when one of these does.
    pub fn depends_on(self) -> &'static [super::RecordKind] {
        use super::RecordKind::{Approval, Meeting, Project, Reminder};
        match self {
            RecordCount::ApprovalsDone | RecordCount::ProxyFilings => &[Approval],
            RecordCount::JointMeetings => &[Meeting],
            RecordCount::RemindedOwners => &[Reminder, Approval, Project],
            RecordCount::ExtensionOwners => &[Approval, Project],
        }
    }

    pub const ALL: [RecordCount; 5] = [
        RecordCount::ApprovalsDone,
        RecordCount::JointMeetings,
        RecordCount::RemindedOwners,
        RecordCount::ExtensionOwners,
        RecordCount::ProxyFilings,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RecordCount::ApprovalsDone => "approvals_done",
            RecordCount::JointMeetings => "joint_meetings",
            RecordCount::RemindedOwners => "reminded_owners",
            RecordCount::ExtensionOwners => "extension_owners",
            RecordCount::ProxyFilings => "proxy_filings",
        }
    }

    pub fn from_code(code: &str) -> Option<RecordCount> {
        RecordCount::ALL.into_iter().find(|c| c.code() == code)
    }
}
