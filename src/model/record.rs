//! The ledger's records: work areas, units, indicators, values, relations, tombstones.
//!
//! Every record carries its id, the change stamp of each field that was ever changed, and the
//! author of its last change. The per-field stamps are what the three-way merge compares: a
//! per-record counter cannot tell that two colleagues both went from 3 to 4 separately.

use super::amount::{Amount, Qualifier};
use super::id::RecordId;
use super::period::Period;
use std::collections::BTreeMap;

/// Shared text of the bookkeeping (a stamp's device, time and author, a field's name): a
/// ledger holds hundreds of thousands of stamps but few distinct devices, times and authors,
/// so each distinct text is kept once (`format::restore` shares them) and a copy is a count.
pub type Shared = std::sync::Arc<str>;

/// The stamp of one change to one field.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// Lamport counter: greater than every counter the dataset had seen when it was made.
    pub counter: u64,
    /// Device id from settings.
    pub device: Shared,
    /// Wall time, ISO 8601 UTC, for people only (ordering uses the counter).
    pub at: Shared,
    /// The author name from settings of whoever made the change (for people only; empty when
    /// not set or in files from before stamps carried it).
    pub by: Shared,
}

/// Field name → stamp of its last change. A field with no entry was never changed.
pub type FieldStamps = BTreeMap<Shared, Stamp>;

/// A work area (工作板块), e.g. 固定资产投资.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area {
    pub id: RecordId,
    pub name: String,
    pub name_en: String,
    pub order: i64,
    /// Period columns the user added to the area's table, shown even while no indicator has a
    /// figure for them (kept sorted and without repeats; see [`Area::with_column`]).
    pub columns: Vec<Period>,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

impl Area {
    /// The area with one more period column (sorted, each once).
    pub fn with_column(&self, period: Period) -> Area {
        let mut area = self.clone();
        area.columns.push(period);
        crate::sorting::sort(&mut area.columns);
        area.columns.dedup();
        area
    }

    /// The area without a period column.
    pub fn without_column(&self, period: &Period) -> Area {
        let mut area = self.clone();
        area.columns.retain(|p| p != period);
        area
    }
}

/// Period codes one per line: how a list of periods is compared and merged as one field.
pub fn period_list_field(periods: &[Period]) -> String {
    periods
        .iter()
        .map(Period::code)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A unit of measure. Units convert only within one dimension, by their exact `factor`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub id: RecordId,
    pub symbol: String,
    pub name_en: String,
    pub dimension: String,
    /// Size in the dimension's base unit (money: 元), when the conversion is exact.
    pub factor: Option<Amount>,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A flow over a period (investment in 2016) or a stock at a moment (piles built by a date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IndicatorKind {
    #[default]
    Flow,
    Stock,
}

impl IndicatorKind {
    pub fn code(self) -> &'static str {
        match self {
            IndicatorKind::Flow => "flow",
            IndicatorKind::Stock => "stock",
        }
    }

    pub fn from_code(code: &str) -> Option<IndicatorKind> {
        match code {
            "flow" => Some(IndicatorKind::Flow),
            "stock" => Some(IndicatorKind::Stock),
            _ => None,
        }
    }
}

/// A stated aim for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub period: Period,
    pub amount: Amount,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    pub id: RecordId,
    pub area: RecordId,
    pub name: String,
    pub name_en: String,
    pub unit: RecordId,
    pub kind: IndicatorKind,
    pub description: String,
    pub scope_note: String,
    pub order: i64,
    pub targets: Vec<Target>,
    /// The approvals register's count this indicator states, when it is one (then the page
    /// and the checks show the records' count beside the typed figure).
    pub counted: Option<super::approval::RecordCount>,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// One figure of one indicator for one period, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Value {
    pub id: RecordId,
    pub indicator: RecordId,
    pub period: Period,
    pub amount: Amount,
    pub qualifier: Qualifier,
    /// The sentence the figure came from, verbatim.
    pub source: String,
    /// Where this value's scope differs from its indicator's.
    pub scope_note: String,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A figure named by indicator and period.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ValueRef {
    pub indicator: RecordId,
    pub period: Period,
}

/// What a relation states about its figures (`subject` and `base`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationKind {
    /// The subject grew by `stated` percent over the base ("增长83.1%").
    StatedGrowth,
    /// The subject is `stated` times the base ("是…的1.7倍", "翻一番" = 2).
    StatedMultiple,
    /// The subject (a percentage) is `stated` percentage points above the base ("提高2个百分点").
    StatedPoints,
    /// The subject is `stated` percent of the base, the whole ("占…的36%", "办结率89.8%").
    StatedShare,
    /// The subject is the total of the base, its parts ("其中…"): all of them when `complete`,
    /// otherwise some of them (their sum must not exceed it).
    PartsOf,
    /// The subject, a total over a span, is the sum of the base — or, with no base, of the
    /// subject indicator's full-year values over the span ("五年累计").
    CumulativeOf,
    /// The subject is the first base figure less the second ("核减", "节约").
    StatedDifference,
    /// The subject ranks `stated` (1 = largest) among itself and the base ("位列全市第一").
    StatedRank,
}

impl RelationKind {
    /// Every kind, in the order findings list them.
    pub const ALL: [RelationKind; 8] = [
        RelationKind::PartsOf,
        RelationKind::StatedGrowth,
        RelationKind::StatedMultiple,
        RelationKind::StatedPoints,
        RelationKind::StatedShare,
        RelationKind::CumulativeOf,
        RelationKind::StatedDifference,
        RelationKind::StatedRank,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RelationKind::StatedGrowth => "stated_growth",
            RelationKind::StatedMultiple => "stated_multiple",
            RelationKind::StatedPoints => "stated_points",
            RelationKind::StatedShare => "stated_share",
            RelationKind::PartsOf => "parts_of",
            RelationKind::CumulativeOf => "cumulative_of",
            RelationKind::StatedDifference => "stated_difference",
            RelationKind::StatedRank => "stated_rank",
        }
    }

    pub fn from_code(code: &str) -> Option<RelationKind> {
        RelationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the relation states a number of its own in `stated` (a rate, multiple, rank).
    pub fn states_a_number(self) -> bool {
        matches!(
            self,
            RelationKind::StatedGrowth
                | RelationKind::StatedMultiple
                | RelationKind::StatedPoints
                | RelationKind::StatedShare
                | RelationKind::StatedRank
        )
    }
}

/// A machine-checkable statement between figures ("投资增长了170%"), input of the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub id: RecordId,
    pub kind: RelationKind,
    pub subject: ValueRef,
    pub base: Vec<ValueRef>,
    /// The stated figure, in what the kind states: a percentage (growth, share), percentage
    /// points (points), a multiple (multiple: 1.7 for "是…的1.7倍", 2 for "翻一番"), a rank
    /// (rank: 1 for "第一"). Parts, cumulative totals and differences state no number of their
    /// own: their subject value is the stated figure. Kept under the file key `stated_pct`.
    pub stated: Option<Amount>,
    pub complete: bool,
    pub qualifier: Qualifier,
    pub source: String,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A construction project in the project ledger (重点建设 / 重大前期 / 政府投资 …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: RecordId,
    pub name: String,
    /// 重点建设, 重大前期, 政府投资, 服务业, PPP, 城市有机更新, or a class the user adds.
    pub class: String,
    /// 省重点 / 市重点 / 区重点, or empty.
    pub level: String,
    /// The national project code (赋码) or an older free-form code; empty if not yet coded.
    pub code: String,
    pub owner: String,
    pub section: String,
    pub entered_by: String,
    pub street: String,
    /// Longitude and latitude, when known.
    pub location: Option<(Amount, Amount)>,
    /// Total investment in 万元.
    pub total_investment: Option<Amount>,
    pub start: Option<super::period::Date>,
    pub planned_completion: Option<super::period::Date>,
    /// `None` where the status is not known (the sample states it only where the seed does).
    pub status: Option<super::project::ProjectStatus>,
    pub subprojects: Option<u32>,
    /// The actual completion date (竣工), once known: no monthly report may follow it.
    pub completed_on: Option<super::period::Date>,
    /// Pre-project milestones (立项 → 可研 → 初设 → 开工) with their dates, in stage order,
    /// at most one per stage.
    pub milestones: Vec<Milestone>,
    /// Planned investment per year (计划报送), 万元, in year order.
    pub annual_plans: Vec<(i32, Amount)>,
    pub tags: Vec<String>,
    pub note: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

impl Default for Project {
    /// An empty project under the all-zero id: give it its own id (`Project { id, ..default }`)
    /// before it goes into a ledger.
    fn default() -> Project {
        Project {
            id: RecordId::from_random(0),
            name: String::new(),
            class: String::new(),
            level: String::new(),
            code: String::new(),
            owner: String::new(),
            section: String::new(),
            entered_by: String::new(),
            street: String::new(),
            location: None,
            total_investment: None,
            start: None,
            planned_completion: None,
            status: None,
            subprojects: None,
            completed_on: None,
            milestones: Vec::new(),
            annual_plans: Vec::new(),
            tags: Vec::new(),
            note: String::new(),
            stamps: FieldStamps::new(),
            updated_by: String::new(),
        }
    }
}

/// One reached stage of a pre-project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Milestone {
    pub stage: super::project::MilestoneStage,
    pub date: super::period::Date,
}

/// A project's monthly progress report (月度进度): at most one per project and month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressReport {
    pub id: RecordId,
    pub project: RecordId,
    pub month: super::period::YearMonth,
    /// Investment completed in the month, 万元.
    pub invested_month: Option<Amount>,
    /// Investment completed since the project began, up to the end of the month, 万元.
    pub invested_cumulative: Option<Amount>,
    /// Physical progress (形象进度), as reported.
    pub progress: String,
    /// Problems met (存在问题).
    pub problems: String,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A supervision item (督办事项) raised on a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisionItem {
    pub id: RecordId,
    pub project: RecordId,
    pub problem: String,
    /// The unit responsible for the rectification (责任单位).
    pub responsible: String,
    pub raised: super::period::Date,
    pub deadline: Option<super::period::Date>,
    pub status: super::project::SupervisionStatus,
    /// What was done (整改情况).
    pub rectification: String,
    /// The joint review meeting that raised it as a follow-up, if one did.
    pub meeting: Option<RecordId>,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// A dated notice (信息发布), linked to the projects it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bulletin {
    pub id: RecordId,
    pub date: super::period::Date,
    pub title: String,
    pub body: String,
    pub projects: Vec<RecordId>,
    pub stamps: FieldStamps,
    pub updated_by: String,
}

/// Which collection a record lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    Area,
    Unit,
    Indicator,
    Value,
    Relation,
    Project,
    Report,
    Meeting,
    Supervision,
    Bulletin,
    Summary,
    Approval,
    Reminder,
}

impl RecordKind {
    /// In dependency order: a record refers only to kinds before it.
    pub const ALL: [RecordKind; 13] = [
        RecordKind::Area,
        RecordKind::Unit,
        RecordKind::Indicator,
        RecordKind::Value,
        RecordKind::Relation,
        RecordKind::Project,
        RecordKind::Report,
        RecordKind::Meeting,
        RecordKind::Supervision,
        RecordKind::Bulletin,
        RecordKind::Summary,
        RecordKind::Approval,
        RecordKind::Reminder,
    ];

    /// The collection's name in files and in the store ("areas", "values" …).
    pub fn collection(self) -> &'static str {
        match self {
            RecordKind::Area => "areas",
            RecordKind::Unit => "units",
            RecordKind::Indicator => "indicators",
            RecordKind::Value => "values",
            RecordKind::Relation => "relations",
            RecordKind::Project => "projects",
            RecordKind::Report => "progress_reports",
            RecordKind::Supervision => "supervision_items",
            RecordKind::Bulletin => "bulletins",
            RecordKind::Summary => "summaries",
            RecordKind::Meeting => "meetings",
            RecordKind::Approval => "approvals",
            RecordKind::Reminder => "reminders",
        }
    }

    pub fn from_collection(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.collection() == name)
    }
}

/// The tombstones' collection in files and in the store.
pub const TOMBSTONES: &str = "tombstones";

/// Every collection a file and the store hold: each record kind's, then the tombstones. The one
/// list the file format, sliced reading, the store and the texts use.
pub fn collections() -> impl Iterator<Item = &'static str> {
    RecordKind::ALL
        .into_iter()
        .map(RecordKind::collection)
        .chain([TOMBSTONES])
}

/// A deleted record: its id stays taken and a merge keeps it deleted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tombstone {
    pub id: RecordId,
    pub kind: RecordKind,
    pub deleted: Stamp,
}

/// Any one record, as an edit carries it. A project is much larger than a value; records are
/// moved one at a time (edits, merge decisions), so boxing would buy little and cost clarity.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    Area(Area),
    Unit(Unit),
    Indicator(Indicator),
    Value(Value),
    Relation(Relation),
    Project(Project),
    Report(ProgressReport),
    Supervision(SupervisionItem),
    Bulletin(Bulletin),
    Summary(super::summary::Summary),
    Meeting(super::approval::Meeting),
    Approval(super::approval::Approval),
    Reminder(super::approval::Reminder),
}

impl Record {
    pub fn id(&self) -> &RecordId {
        match self {
            Record::Area(r) => &r.id,
            Record::Unit(r) => &r.id,
            Record::Indicator(r) => &r.id,
            Record::Value(r) => &r.id,
            Record::Relation(r) => &r.id,
            Record::Project(r) => &r.id,
            Record::Report(r) => &r.id,
            Record::Supervision(r) => &r.id,
            Record::Bulletin(r) => &r.id,
            Record::Summary(r) => &r.id,
            Record::Meeting(r) => &r.id,
            Record::Approval(r) => &r.id,
            Record::Reminder(r) => &r.id,
        }
    }

    pub fn kind(&self) -> RecordKind {
        match self {
            Record::Area(_) => RecordKind::Area,
            Record::Unit(_) => RecordKind::Unit,
            Record::Indicator(_) => RecordKind::Indicator,
            Record::Value(_) => RecordKind::Value,
            Record::Relation(_) => RecordKind::Relation,
            Record::Project(_) => RecordKind::Project,
            Record::Report(_) => RecordKind::Report,
            Record::Supervision(_) => RecordKind::Supervision,
            Record::Bulletin(_) => RecordKind::Bulletin,
            Record::Summary(_) => RecordKind::Summary,
            Record::Meeting(_) => RecordKind::Meeting,
            Record::Approval(_) => RecordKind::Approval,
            Record::Reminder(_) => RecordKind::Reminder,
        }
    }

    pub fn stamps(&self) -> &FieldStamps {
        match self {
            Record::Area(r) => &r.stamps,
            Record::Unit(r) => &r.stamps,
            Record::Indicator(r) => &r.stamps,
            Record::Value(r) => &r.stamps,
            Record::Relation(r) => &r.stamps,
            Record::Project(r) => &r.stamps,
            Record::Report(r) => &r.stamps,
            Record::Supervision(r) => &r.stamps,
            Record::Bulletin(r) => &r.stamps,
            Record::Summary(r) => &r.stamps,
            Record::Meeting(r) => &r.stamps,
            Record::Approval(r) => &r.stamps,
            Record::Reminder(r) => &r.stamps,
        }
    }

    fn stamps_and_author_mut(&mut self) -> (&mut FieldStamps, &mut String) {
        match self {
            Record::Area(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Unit(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Indicator(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Value(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Relation(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Project(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Report(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Supervision(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Bulletin(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Summary(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Meeting(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Approval(r) => (&mut r.stamps, &mut r.updated_by),
            Record::Reminder(r) => (&mut r.stamps, &mut r.updated_by),
        }
    }

    /// Sets the bookkeeping (stamps and author) that the dataset writes on every change.
    pub fn set_bookkeeping(&mut self, stamps: FieldStamps, author: String) {
        let (own_stamps, own_author) = self.stamps_and_author_mut();
        *own_stamps = stamps;
        *own_author = author;
    }

    /// Copies one data field (by its name in [`Record::fields`]) from a record of the same
    /// kind, with that field's stamp. Returns false when the kinds differ or the name is not a
    /// field. The merge builds a record field by field with it.
    pub fn copy_field_from(&mut self, other: &Record, name: &str) -> bool {
        macro_rules! copy {
            ($to:expr, $from:expr, $($field:ident),+) => {
                match name {
                    $(stringify!($field) => $to.$field = $from.$field.clone(),)+
                    _ => return false,
                }
            };
        }
        match (&mut *self, other) {
            (Record::Area(to), Record::Area(from)) => {
                copy!(to, from, name, name_en, order, columns)
            }
            (Record::Unit(to), Record::Unit(from)) => {
                copy!(to, from, symbol, name_en, dimension, factor)
            }
            (Record::Indicator(to), Record::Indicator(from)) => copy!(
                to,
                from,
                area,
                name,
                name_en,
                unit,
                kind,
                description,
                scope_note,
                order,
                targets,
                counted
            ),
            (Record::Value(to), Record::Value(from)) => {
                copy!(to, from, indicator, period, amount, qualifier, source, scope_note, note)
            }
            (Record::Relation(to), Record::Relation(from)) => {
                // The stated figure keeps its file and stamp name, `stated_pct`.
                if name == "stated_pct" {
                    to.stated = from.stated;
                } else {
                    copy!(to, from, kind, subject, base, complete, qualifier, source, note)
                }
            }
            (Record::Project(to), Record::Project(from)) => copy!(
                to,
                from,
                name,
                class,
                level,
                code,
                owner,
                section,
                entered_by,
                street,
                location,
                total_investment,
                start,
                planned_completion,
                status,
                subprojects,
                completed_on,
                milestones,
                annual_plans,
                tags,
                note
            ),
            (Record::Report(to), Record::Report(from)) => copy!(
                to,
                from,
                project,
                month,
                invested_month,
                invested_cumulative,
                progress,
                problems
            ),
            (Record::Supervision(to), Record::Supervision(from)) => copy!(
                to,
                from,
                project,
                problem,
                responsible,
                raised,
                deadline,
                status,
                rectification,
                meeting
            ),
            (Record::Bulletin(to), Record::Bulletin(from)) => {
                copy!(to, from, date, title, body, projects)
            }
            (Record::Summary(to), Record::Summary(from)) => {
                copy!(to, from, title, blocks)
            }
            (Record::Meeting(to), Record::Meeting(from)) => {
                copy!(to, from, date, title, attendees, items, note)
            }
            (Record::Approval(to), Record::Approval(from)) => copy!(
                to,
                from,
                project,
                procedure,
                item,
                body,
                applied,
                issued,
                document_no,
                validity,
                status,
                extensions,
                on_behalf,
                note
            ),
            (Record::Reminder(to), Record::Reminder(from)) => {
                copy!(to, from, approval, date, note)
            }
            _ => return false,
        }
        let stamp = other.stamps().get(name).cloned();
        let (stamps, _) = self.stamps_and_author_mut();
        match stamp {
            Some(stamp) => {
                stamps.insert(name.into(), stamp);
            }
            None => {
                stamps.remove(name);
            }
        }
        true
    }

    /// The author of the record's last change.
    pub fn updated_by(&self) -> &str {
        match self {
            Record::Area(r) => &r.updated_by,
            Record::Unit(r) => &r.updated_by,
            Record::Indicator(r) => &r.updated_by,
            Record::Value(r) => &r.updated_by,
            Record::Relation(r) => &r.updated_by,
            Record::Project(r) => &r.updated_by,
            Record::Report(r) => &r.updated_by,
            Record::Supervision(r) => &r.updated_by,
            Record::Bulletin(r) => &r.updated_by,
            Record::Summary(r) => &r.updated_by,
            Record::Meeting(r) => &r.updated_by,
            Record::Approval(r) => &r.updated_by,
            Record::Reminder(r) => &r.updated_by,
        }
    }

    /// The record's data fields by name, each rendered to a comparable string, bookkeeping
    /// (id, stamps, author) left out. Per-field stamps and the merge work on these names.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        fn opt(amount: &Option<Amount>) -> String {
            amount.map(|a| a.canonical()).unwrap_or_default()
        }
        match self {
            Record::Area(r) => vec![
                ("name", r.name.clone()),
                ("name_en", r.name_en.clone()),
                ("order", r.order.to_string()),
                ("columns", period_list_field(&r.columns)),
            ],
            Record::Unit(r) => vec![
                ("symbol", r.symbol.clone()),
                ("name_en", r.name_en.clone()),
                ("dimension", r.dimension.clone()),
                ("factor", opt(&r.factor)),
            ],
            Record::Indicator(r) => vec![
                ("area", r.area.to_string()),
                ("name", r.name.clone()),
                ("name_en", r.name_en.clone()),
                ("unit", r.unit.to_string()),
                ("kind", r.kind.code().to_string()),
                ("description", r.description.clone()),
                ("scope_note", r.scope_note.clone()),
                ("order", r.order.to_string()),
                (
                    "targets",
                    r.targets
                        .iter()
                        .map(|t| format!("{}={}:{}", t.period.code(), t.amount.canonical(), t.note))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                (
                    "counted",
                    r.counted.map(|c| c.code()).unwrap_or_default().to_string(),
                ),
            ],
            Record::Value(r) => vec![
                ("indicator", r.indicator.to_string()),
                ("period", r.period.code()),
                ("amount", r.amount.canonical()),
                ("qualifier", r.qualifier.code().to_string()),
                ("source", r.source.clone()),
                ("scope_note", r.scope_note.clone()),
                ("note", r.note.clone()),
            ],
            Record::Relation(r) => vec![
                ("kind", r.kind.code().to_string()),
                (
                    "subject",
                    format!("{}@{}", r.subject.indicator, r.subject.period.code()),
                ),
                (
                    "base",
                    r.base
                        .iter()
                        .map(|b| format!("{}@{}", b.indicator, b.period.code()))
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                ("stated_pct", opt(&r.stated)),
                ("complete", r.complete.to_string()),
                ("qualifier", r.qualifier.code().to_string()),
                ("source", r.source.clone()),
                ("note", r.note.clone()),
            ],
            Record::Project(r) => {
                let date =
                    |d: &Option<super::period::Date>| d.map(|d| d.to_iso()).unwrap_or_default();
                vec![
                    ("name", r.name.clone()),
                    ("class", r.class.clone()),
                    ("level", r.level.clone()),
                    ("code", r.code.clone()),
                    ("owner", r.owner.clone()),
                    ("section", r.section.clone()),
                    ("entered_by", r.entered_by.clone()),
                    ("street", r.street.clone()),
                    (
                        "location",
                        r.location
                            .map(|(lon, lat)| format!("{},{}", lon.canonical(), lat.canonical()))
                            .unwrap_or_default(),
                    ),
                    ("total_investment", opt(&r.total_investment)),
                    ("start", date(&r.start)),
                    ("planned_completion", date(&r.planned_completion)),
                    (
                        "status",
                        r.status.map(|s| s.code()).unwrap_or_default().to_string(),
                    ),
                    (
                        "subprojects",
                        r.subprojects.map(|n| n.to_string()).unwrap_or_default(),
                    ),
                    ("completed_on", date(&r.completed_on)),
                    (
                        "milestones",
                        r.milestones
                            .iter()
                            .map(|m| format!("{}={}", m.stage.code(), m.date.to_iso()))
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    (
                        "annual_plans",
                        r.annual_plans
                            .iter()
                            .map(|(year, amount)| format!("{year}={}", amount.canonical()))
                            .collect::<Vec<_>>()
                            .join(","),
                    ),
                    ("tags", r.tags.join(",")),
                    ("note", r.note.clone()),
                ]
            }
            Record::Report(r) => vec![
                ("project", r.project.to_string()),
                ("month", format!("{:04}-{:02}", r.month.year, r.month.month)),
                ("invested_month", opt(&r.invested_month)),
                ("invested_cumulative", opt(&r.invested_cumulative)),
                ("progress", r.progress.clone()),
                ("problems", r.problems.clone()),
            ],
            Record::Supervision(r) => vec![
                ("project", r.project.to_string()),
                ("problem", r.problem.clone()),
                ("responsible", r.responsible.clone()),
                ("raised", r.raised.to_iso()),
                (
                    "deadline",
                    r.deadline.map(|d| d.to_iso()).unwrap_or_default(),
                ),
                ("status", r.status.code().to_string()),
                ("rectification", r.rectification.clone()),
                (
                    "meeting",
                    r.meeting
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_default(),
                ),
            ],
            Record::Summary(r) => vec![
                ("title", r.title.clone()),
                ("blocks", super::summary::blocks_text(&r.blocks)),
            ],
            Record::Meeting(r) => vec![
                ("date", r.date.to_iso()),
                ("title", r.title.clone()),
                ("attendees", r.attendees.join(",")),
                ("items", super::approval::meeting_items_field(&r.items)),
                ("note", r.note.clone()),
            ],
            Record::Approval(r) => vec![
                ("project", r.project.to_string()),
                ("procedure", r.procedure.code().to_string()),
                ("item", r.item.clone()),
                ("body", r.body.clone()),
                ("applied", r.applied.to_iso()),
                ("issued", r.issued.map(|d| d.to_iso()).unwrap_or_default()),
                ("document_no", r.document_no.clone()),
                ("validity", super::approval::validity_field(&r.validity)),
                ("status", r.status.code().to_string()),
                (
                    "extensions",
                    super::approval::extensions_field(&r.extensions),
                ),
                ("on_behalf", r.on_behalf.to_string()),
                ("note", r.note.clone()),
            ],
            Record::Reminder(r) => vec![
                ("approval", r.approval.to_string()),
                ("date", r.date.to_iso()),
                ("note", r.note.clone()),
            ],
            Record::Bulletin(r) => vec![
                ("date", r.date.to_iso()),
                ("title", r.title.clone()),
                ("body", r.body.clone()),
                (
                    "projects",
                    r.projects
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                ),
            ],
        }
    }
}
