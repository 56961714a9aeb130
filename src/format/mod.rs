//! The file format: reading a Taizhang file into a [`Dataset`] and writing one back.
//!
//! Reading is "probe, parse, restore": the envelope's type tag and version are read first
//! (without building the records), a current-version file is then parsed straight into its
//! serde types ([`v1`]), and restore converts each record into the model, reporting every
//! problem with its JSON path and skipping only the records that have one. Writing is
//! canonical — keys in a fixed order, arrays sorted — so equal data gives equal bytes.
//!
//! Invariant: nothing here touches storage; a caller applies the restored dataset only after
//! the reader returned it, so a bad file never half-writes anything.

pub mod csv;
pub mod diff;
pub mod explain;
pub mod generate;
pub mod merge;
pub mod migrate;
pub mod select;
pub mod sliced;
pub mod v1;

use crate::i18n::ToMessage;
use crate::model::dataset::{month_code, Basemap};
use crate::model::{
    Amount, Area, Bulletin, Dataset, DatasetMeta, Date, Indicator, IndicatorKind, Milestone,
    MilestoneStage, Period, PeriodError, ProgressReport, Project, ProjectStatus, Qualifier, Record,
    RecordId, RecordKind, Relation, RelationKind, Stamp, SupervisionItem, SupervisionStatus,
    Target, Tombstone, Unit, Value, ValueRef, YearMonth,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use v1::*;

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not JSON: {detail} (line {line}, column {column})")]
    NotJson {
        detail: String,
        line: usize,
        column: usize,
    },
    #[error("not a Taizhang file (type tag is {found:?})")]
    NotTaizhang { found: String },
    #[error("written by a newer Taizhang (format {found}, this app reads up to {supported})")]
    NewerVersion { found: u32, supported: u32 },
    #[error("format version {found} is not known")]
    UnknownVersion { found: u32 },
    #[error("the file does not have the shape of format {version}: {detail}")]
    BadShape { version: u32, detail: String },
    #[error("the dataset's {field} is invalid: {detail}")]
    BadDataset { field: &'static str, detail: String },
}

/// One problem in one record; the record was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path, e.g. `$.values[12].amount`.
    pub path: String,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    BadId {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    BadAmount {
        text: String,
    },
    /// A period, date or month field that does not read; the reason says why, in either
    /// language.
    BadPeriod {
        text: String,
        reason: PeriodError,
    },
    /// The boundary map is not usable GeoJSON; the message names what and where inside it.
    BadGeoJson {
        reason: crate::i18n::Message,
    },
    BadCode {
        field: &'static str,
        text: String,
    },
    Refused {
        reason: crate::model::EditError,
    },
}

/// Whether the file is as it was exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChecksumStatus {
    /// The checksum matches the content.
    Valid,
    /// The file carries no checksum (written by hand or by another tool).
    Missing,
    /// The content changed after export (edited by hand, or damaged in transit).
    Mismatch,
}

/// A file read into a dataset, with what had to be left out.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub problems: Vec<Problem>,
    pub export: Option<ExportV1>,
    pub checksum: ChecksumStatus,
    /// Unknown top-level keys, kept for re-export.
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// `"sha256:<hex>"` over the canonical compact JSON of the file with its checksum left out.
pub fn checksum_of(file: &FileV1) -> String {
    use sha2::{Digest, Sha256};
    let mut unsigned = file.clone();
    unsigned.checksum = None;
    let text = serde_json::to_string(&unsigned).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn checksum_status(file: &FileV1) -> ChecksumStatus {
    match &file.checksum {
        None => ChecksumStatus::Missing,
        Some(stated) if *stated == checksum_of(file) => ChecksumStatus::Valid,
        Some(_) => ChecksumStatus::Mismatch,
    }
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "type", default)]
    type_tag: Option<serde_json::Value>,
    #[serde(default)]
    format_version: Option<serde_json::Value>,
}

fn not_json(error: &serde_json::Error) -> FormatError {
    FormatError::NotJson {
        detail: error.to_string(),
        line: error.line(),
        column: error.column(),
    }
}

/// Reads a file's text. Fails only when the file as a whole cannot be used; record-level
/// problems are returned beside the dataset.
pub fn read_file(text: &str) -> Result<Loaded, FormatError> {
    // A ledger is a JSON object; anything else is either not JSON or another kind of JSON.
    if !text.trim_start().starts_with('{') {
        return match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(error) => Err(not_json(&error)),
            Ok(_) => Err(FormatError::NotTaizhang {
                found: "(not an object)".to_string(),
            }),
        };
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => FormatError::NotTaizhang {
            found: "(not an object)".to_string(),
        },
        _ => not_json(&e),
    })?;
    match &probe.type_tag {
        Some(serde_json::Value::String(tag)) if tag == TYPE_TAG => {}
        other => {
            return Err(FormatError::NotTaizhang {
                found: other.as_ref().map(|v| v.to_string()).unwrap_or_default(),
            })
        }
    }
    let version = probe
        .format_version
        .as_ref()
        .and_then(|v| v.as_u64())
        .and_then(|v| u32::try_from(v).ok())
        .ok_or_else(|| FormatError::BadShape {
            version: 0,
            detail: "format_version must be a positive integer".to_string(),
        })?;
    if version > FORMAT_VERSION {
        return Err(FormatError::NewerVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if version != FORMAT_VERSION {
        // An older file: raw JSON through the migration steps, then into the current types.
        let raw: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
        let current = migrate::migrate(raw, version)?;
        let file: FileV1 = serde_json::from_value(current).map_err(|e| FormatError::BadShape {
            version: FORMAT_VERSION,
            detail: e.to_string(),
        })?;
        return restore(file);
    }
    let file: FileV1 = serde_json::from_str(text).map_err(|e| FormatError::BadShape {
        version,
        detail: e.to_string(),
    })?;
    restore(file)
}

/// Reads a file written by a newer Taizhang as far as this version understands it, for a
/// read-only view: the parts it knows are restored, everything else is ignored here (and kept,
/// as unknown keys, if the view is saved again). Never used to import.
pub fn read_newer_for_viewing(text: &str) -> Result<Loaded, FormatError> {
    let mut raw: serde_json::Value = serde_json::from_str(text).map_err(|e| not_json(&e))?;
    if let Some(object) = raw.as_object_mut() {
        object.insert(
            "format_version".to_string(),
            serde_json::Value::from(FORMAT_VERSION),
        );
    }
    let file: FileV1 = serde_json::from_value(raw).map_err(|e| FormatError::BadShape {
        version: FORMAT_VERSION,
        detail: e.to_string(),
    })?;
    restore(file)
}

fn parse_id(text: &str, path: &str, problems: &mut Vec<Problem>) -> Option<RecordId> {
    let id = RecordId::parse(text);
    if id.is_none() {
        problems.push(Problem {
            path: path.to_string(),
            kind: ProblemKind::BadId {
                id: text.to_string(),
            },
        });
    }
    id
}

fn parse_amount(text: &str, path: String, problems: &mut Vec<Problem>) -> Option<Amount> {
    match Amount::from_canonical(text) {
        Ok(amount) => Some(amount),
        Err(_) => {
            problems.push(Problem {
                path,
                kind: ProblemKind::BadAmount {
                    text: text.to_string(),
                },
            });
            None
        }
    }
}

/// Reads a period or date field with `parse`, or reports at its path why it cannot.
fn parse_reported<T>(
    text: &str,
    path: String,
    problems: &mut Vec<Problem>,
    parse: impl FnOnce(&str) -> Result<T, PeriodError>,
) -> Option<T> {
    match parse(text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            problems.push(Problem {
                path,
                kind: ProblemKind::BadPeriod {
                    text: text.to_string(),
                    reason: error,
                },
            });
            None
        }
    }
}

fn parse_period_code(text: &str, path: String, problems: &mut Vec<Problem>) -> Option<Period> {
    parse_reported(text, path, problems, Period::from_code)
}

fn parse_qualifier(text: &str, path: String, problems: &mut Vec<Problem>) -> Option<Qualifier> {
    let parsed = Qualifier::from_code(text);
    if parsed.is_none() {
        problems.push(Problem {
            path,
            kind: ProblemKind::BadCode {
                field: "qualifier",
                text: text.to_string(),
            },
        });
    }
    parsed
}

fn stamps_from(bookkeeping: &BookkeepingV1) -> BTreeMap<String, Stamp> {
    bookkeeping
        .stamps
        .iter()
        .map(|(field, s)| {
            (
                field.clone(),
                Stamp {
                    counter: s.counter,
                    device: s.device.clone(),
                    at: s.at.clone(),
                    by: s.by.clone(),
                },
            )
        })
        .collect()
}

fn stamp_to_v1(stamp: &Stamp) -> StampV1 {
    StampV1 {
        device: stamp.device.clone(),
        counter: stamp.counter,
        at: stamp.at.clone(),
        by: stamp.by.clone(),
    }
}

fn bookkeeping_to_v1(stamps: &BTreeMap<String, Stamp>, author: &str) -> BookkeepingV1 {
    BookkeepingV1 {
        stamps: stamps
            .iter()
            .map(|(field, s)| (field.clone(), stamp_to_v1(s)))
            .collect(),
        updated_by: author.to_string(),
    }
}

fn area_from_v1(r: &AreaV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems)?;
    let mut columns = Vec::with_capacity(r.columns.len());
    for (index, code) in r.columns.iter().enumerate() {
        columns.push(parse_period_code(
            code,
            format!("{path}.columns[{index}]"),
            problems,
        )?);
    }
    columns.sort();
    columns.dedup();
    Some(Record::Area(Area {
        id,
        name: r.name.clone(),
        name_en: r.name_en.clone(),
        order: r.order,
        columns,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn unit_from_v1(r: &UnitV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let factor = match &r.factor {
        Some(text) => Some(parse_amount(text, format!("{path}.factor"), problems)?),
        None => None,
    };
    Some(Record::Unit(Unit {
        id: id?,
        symbol: r.symbol.clone(),
        name_en: r.name_en.clone(),
        dimension: r.dimension.clone(),
        factor,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn indicator_from_v1(r: &IndicatorV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let area = parse_id(&r.area, &format!("{path}.area"), problems);
    let unit = parse_id(&r.unit, &format!("{path}.unit"), problems);
    let kind = IndicatorKind::from_code(&r.kind);
    if kind.is_none() {
        problems.push(Problem {
            path: format!("{path}.kind"),
            kind: ProblemKind::BadCode {
                field: "kind",
                text: r.kind.clone(),
            },
        });
    }
    let mut targets = Vec::new();
    let mut targets_ok = true;
    for (index, target) in r.targets.iter().enumerate() {
        let period = parse_period_code(
            &target.period,
            format!("{path}.targets[{index}].period"),
            problems,
        );
        let amount = parse_amount(
            &target.amount,
            format!("{path}.targets[{index}].amount"),
            problems,
        );
        match (period, amount) {
            (Some(period), Some(amount)) => targets.push(Target {
                period,
                amount,
                note: target.note.clone(),
            }),
            _ => targets_ok = false,
        }
    }
    targets.sort_by_key(|t| t.period);
    if !targets_ok {
        return None;
    }
    Some(Record::Indicator(Indicator {
        id: id?,
        area: area?,
        name: r.name.clone(),
        name_en: r.name_en.clone(),
        unit: unit?,
        kind: kind?,
        description: r.description.clone(),
        scope_note: r.scope_note.clone(),
        order: r.order,
        targets,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn value_from_v1(r: &ValueV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let indicator = parse_id(&r.indicator, &format!("{path}.indicator"), problems);
    let period = parse_period_code(&r.period, format!("{path}.period"), problems);
    let amount = parse_amount(&r.amount, format!("{path}.amount"), problems);
    let qualifier = parse_qualifier(&r.qualifier, format!("{path}.qualifier"), problems);
    Some(Record::Value(Value {
        id: id?,
        indicator: indicator?,
        period: period?,
        amount: amount?,
        qualifier: qualifier?,
        source: r.source.clone(),
        scope_note: r.scope_note.clone(),
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn value_ref_from_v1(r: &ValueRefV1, path: &str, problems: &mut Vec<Problem>) -> Option<ValueRef> {
    let indicator = parse_id(&r.indicator, &format!("{path}.indicator"), problems);
    let period = parse_period_code(&r.period, format!("{path}.period"), problems);
    Some(ValueRef {
        indicator: indicator?,
        period: period?,
    })
}

fn relation_from_v1(r: &RelationV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let kind = RelationKind::from_code(&r.kind);
    if kind.is_none() {
        problems.push(Problem {
            path: format!("{path}.kind"),
            kind: ProblemKind::BadCode {
                field: "kind",
                text: r.kind.clone(),
            },
        });
    }
    let subject = value_ref_from_v1(&r.subject, &format!("{path}.subject"), problems);
    let base: Vec<Option<ValueRef>> = r
        .base
        .iter()
        .enumerate()
        .map(|(index, b)| value_ref_from_v1(b, &format!("{path}.base[{index}]"), problems))
        .collect();
    let stated_pct = match &r.stated_pct {
        Some(text) => Some(parse_amount(text, format!("{path}.stated_pct"), problems)?),
        None => None,
    };
    let qualifier = parse_qualifier(&r.qualifier, format!("{path}.qualifier"), problems);
    let base: Option<Vec<ValueRef>> = base.into_iter().collect();
    Some(Record::Relation(Relation {
        id: id?,
        kind: kind?,
        subject: subject?,
        base: base?,
        stated_pct,
        complete: r.complete,
        qualifier: qualifier?,
        source: r.source.clone(),
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn project_from_v1(r: &ProjectV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let mut ok = true;
    let mut date = |text: &Option<String>, field: &str, problems: &mut Vec<Problem>| {
        let text = text.as_ref()?;
        let parsed = parse_date(text, format!("{path}.{field}"), problems);
        ok &= parsed.is_some();
        parsed
    };
    let start = date(&r.start, "start", problems);
    let planned_completion = date(&r.planned_completion, "planned_completion", problems);
    let completed_on = date(&r.completed_on, "completed_on", problems);
    let total_investment = optional_amount(
        &r.total_investment,
        format!("{path}.total_investment"),
        problems,
    )
    .ok()?;
    let location = match &r.location {
        Some([lon, lat]) => Some((
            parse_amount(lon, format!("{path}.location[0]"), problems)?,
            parse_amount(lat, format!("{path}.location[1]"), problems)?,
        )),
        None => None,
    };
    let mut annual_plans = Vec::new();
    for (year_text, amount_text) in &r.annual_plans {
        let year = year_text
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y));
        let amount = parse_amount(
            amount_text,
            format!("{path}.annual_plans.{year_text}"),
            problems,
        );
        match (year, amount) {
            (Some(year), Some(amount)) => annual_plans.push((year, amount)),
            (None, _) => {
                ok = false;
                problems.push(Problem {
                    path: format!("{path}.annual_plans.{year_text}"),
                    kind: ProblemKind::BadCode {
                        field: "year",
                        text: year_text.clone(),
                    },
                });
            }
            (_, None) => ok = false,
        }
    }
    annual_plans.sort_by_key(|(year, _)| *year);
    let mut milestones = Vec::new();
    for (stage_code, date_text) in &r.milestones {
        let field = format!("milestones.{stage_code}");
        let stage = MilestoneStage::from_code(stage_code);
        if stage.is_none() {
            ok = false;
            problems.push(Problem {
                path: format!("{path}.{field}"),
                kind: ProblemKind::BadCode {
                    field: "milestone",
                    text: stage_code.clone(),
                },
            });
        }
        match (
            stage,
            parse_date(date_text, format!("{path}.{field}"), problems),
        ) {
            (Some(stage), Some(date)) => milestones.push(Milestone { stage, date }),
            _ => ok = false,
        }
    }
    milestones.sort_by_key(|m| m.stage);
    let status = match &r.status {
        None => None,
        Some(code) => match ProjectStatus::from_code(code) {
            Some(status) => Some(status),
            None => {
                ok = false;
                problems.push(Problem {
                    path: format!("{path}.status"),
                    kind: ProblemKind::BadCode {
                        field: "status",
                        text: code.clone(),
                    },
                });
                None
            }
        },
    };
    if !ok {
        return None;
    }
    Some(Record::Project(Project {
        id: id?,
        name: r.name.clone(),
        class: r.class.clone(),
        level: r.level.clone(),
        code: r.code.clone(),
        owner: r.owner.clone(),
        section: r.section.clone(),
        entered_by: r.entered_by.clone(),
        street: r.street.clone(),
        location,
        total_investment,
        start,
        planned_completion,
        status,
        subprojects: r.subprojects,
        completed_on,
        milestones,
        annual_plans,
        tags: r.tags.clone(),
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn project_to_v1(r: &Project) -> ProjectV1 {
    ProjectV1 {
        id: r.id.to_string(),
        name: r.name.clone(),
        class: r.class.clone(),
        level: r.level.clone(),
        code: r.code.clone(),
        owner: r.owner.clone(),
        section: r.section.clone(),
        entered_by: r.entered_by.clone(),
        street: r.street.clone(),
        location: r
            .location
            .map(|(lon, lat)| [lon.canonical(), lat.canonical()]),
        total_investment: r.total_investment.map(|a| a.canonical()),
        start: r.start.map(|d| d.to_iso()),
        planned_completion: r.planned_completion.map(|d| d.to_iso()),
        status: r.status.map(|s| s.code().to_string()),
        subprojects: r.subprojects,
        annual_plans: r
            .annual_plans
            .iter()
            .map(|(year, amount)| (year.to_string(), amount.canonical()))
            .collect(),
        completed_on: r.completed_on.map(|d| d.to_iso()),
        milestones: r
            .milestones
            .iter()
            .map(|m| (m.stage.code().to_string(), m.date.to_iso()))
            .collect(),
        tags: r.tags.clone(),
        note: r.note.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn parse_date(text: &str, path: String, problems: &mut Vec<Problem>) -> Option<Date> {
    parse_reported(text, path, problems, Date::parse_iso)
}

/// Reads `"2016-10"`.
fn parse_month(text: &str, path: String, problems: &mut Vec<Problem>) -> Option<YearMonth> {
    parse_reported(text, path, problems, |text| match Period::from_code(text) {
        Ok(Period::Month { year, month }) => Ok(YearMonth { year, month }),
        Ok(_) => Err(PeriodError::Unrecognized {
            input: text.to_string(),
        }),
        Err(error) => Err(error),
    })
}

fn optional_amount(
    text: &Option<String>,
    path: String,
    problems: &mut Vec<Problem>,
) -> Result<Option<Amount>, ()> {
    match text {
        None => Ok(None),
        Some(text) => parse_amount(text, path, problems).map(Some).ok_or(()),
    }
}

fn report_from_v1(r: &ProgressReportV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let project = parse_id(&r.project, &format!("{path}.project"), problems);
    let month = parse_month(&r.month, format!("{path}.month"), problems);
    let invested_month = optional_amount(
        &r.invested_month,
        format!("{path}.invested_month"),
        problems,
    );
    let invested_cumulative = optional_amount(
        &r.invested_cumulative,
        format!("{path}.invested_cumulative"),
        problems,
    );
    Some(Record::Report(ProgressReport {
        id: id?,
        project: project?,
        month: month?,
        invested_month: invested_month.ok()?,
        invested_cumulative: invested_cumulative.ok()?,
        progress: r.progress.clone(),
        problems: r.problems.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn report_to_v1(r: &ProgressReport) -> ProgressReportV1 {
    ProgressReportV1 {
        id: r.id.to_string(),
        project: r.project.to_string(),
        month: month_code(r.month),
        invested_month: r.invested_month.map(|a| a.canonical()),
        invested_cumulative: r.invested_cumulative.map(|a| a.canonical()),
        progress: r.progress.clone(),
        problems: r.problems.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn supervision_from_v1(
    r: &SupervisionItemV1,
    path: &str,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let project = parse_id(&r.project, &format!("{path}.project"), problems);
    let raised = parse_date(&r.raised, format!("{path}.raised"), problems);
    let deadline = match &r.deadline {
        None => Ok(None),
        Some(text) => parse_date(text, format!("{path}.deadline"), problems)
            .map(Some)
            .ok_or(()),
    };
    let status = SupervisionStatus::from_code(&r.status);
    if status.is_none() {
        problems.push(Problem {
            path: format!("{path}.status"),
            kind: ProblemKind::BadCode {
                field: "status",
                text: r.status.clone(),
            },
        });
    }
    Some(Record::Supervision(SupervisionItem {
        id: id?,
        project: project?,
        problem: r.problem.clone(),
        responsible: r.responsible.clone(),
        raised: raised?,
        deadline: deadline.ok()?,
        status: status?,
        rectification: r.rectification.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn supervision_to_v1(r: &SupervisionItem) -> SupervisionItemV1 {
    SupervisionItemV1 {
        id: r.id.to_string(),
        project: r.project.to_string(),
        problem: r.problem.clone(),
        responsible: r.responsible.clone(),
        raised: r.raised.to_iso(),
        deadline: r.deadline.map(|d| d.to_iso()),
        status: r.status.code().to_string(),
        rectification: r.rectification.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn bulletin_from_v1(r: &BulletinV1, path: &str, problems: &mut Vec<Problem>) -> Option<Record> {
    let id = parse_id(&r.id, &format!("{path}.id"), problems);
    let date = parse_date(&r.date, format!("{path}.date"), problems);
    let mut projects = Vec::new();
    let mut ok = true;
    for (index, text) in r.projects.iter().enumerate() {
        match parse_id(text, &format!("{path}.projects[{index}]"), problems) {
            Some(project) => projects.push(project),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Record::Bulletin(Bulletin {
        id: id?,
        date: date?,
        title: r.title.clone(),
        body: r.body.clone(),
        projects,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn bulletin_to_v1(r: &Bulletin) -> BulletinV1 {
    BulletinV1 {
        id: r.id.to_string(),
        date: r.date.to_iso(),
        title: r.title.clone(),
        body: r.body.clone(),
        projects: r.projects.iter().map(|p| p.to_string()).collect(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

/// Converts a parsed file into a dataset, record by record.
/// One stored record (its file shape, as a store chunk holds it) read back, with its unknown
/// keys; `None` when it does not read (a store written by this app always does).
pub fn record_from_entry(
    collection: &str,
    entry: &serde_json::Value,
) -> Option<(Record, crate::model::Extra)> {
    let mut problems = Vec::new();
    macro_rules! read {
        ($shape:ty, $convert:ident) => {{
            let shape: $shape = serde_json::from_value(entry.clone()).ok()?;
            let record = $convert(&shape, "$", &mut problems)?;
            Some((record, shape.extra.clone()))
        }};
    }
    match collection {
        "areas" => read!(AreaV1, area_from_v1),
        "units" => read!(UnitV1, unit_from_v1),
        "indicators" => read!(IndicatorV1, indicator_from_v1),
        "values" => read!(ValueV1, value_from_v1),
        "relations" => read!(RelationV1, relation_from_v1),
        "projects" => read!(ProjectV1, project_from_v1),
        "progress_reports" => read!(ProgressReportV1, report_from_v1),
        "supervision_items" => read!(SupervisionItemV1, supervision_from_v1),
        "bulletins" => read!(BulletinV1, bulletin_from_v1),
        _ => None,
    }
}

/// One stored tombstone read back.
pub fn tombstone_from_entry(entry: &serde_json::Value) -> Option<Tombstone> {
    let t: TombstoneV1 = serde_json::from_value(entry.clone()).ok()?;
    Some(Tombstone {
        id: RecordId::parse(&t.id)?,
        kind: RecordKind::from_collection(&t.record_type)?,
        deleted: Stamp {
            counter: t.deleted.counter,
            device: t.deleted.device.clone(),
            at: t.deleted.at.clone(),
            by: t.deleted.by.clone(),
        },
    })
}

pub fn restore(file: FileV1) -> Result<Loaded, FormatError> {
    let checksum = checksum_status(&file);
    let document_date =
        Date::parse_iso(&file.dataset.document_date).map_err(|e| FormatError::BadDataset {
            field: "document_date",
            detail: e.to_string(),
        })?;
    if file.dataset.id.trim().is_empty() {
        return Err(FormatError::BadDataset {
            field: "id",
            detail: "empty".to_string(),
        });
    }
    let mut dataset = Dataset::new(DatasetMeta {
        id: file.dataset.id.clone(),
        name: file.dataset.name.clone(),
        document_date,
        sample: file.dataset.sample,
        source_title: file.dataset.source_title.clone(),
        lineage: file.dataset.lineage.clone(),
    });
    let mut problems = Vec::new();
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();

    let mut records: Vec<(String, Option<Record>, &BTreeMap<String, serde_json::Value>)> =
        Vec::new();
    // Every collection the same way: convert each record, keeping its path and unknown keys.
    macro_rules! gather {
        ($($collection:ident => $convert:ident),+ $(,)?) => {$(
            for (index, r) in file.$collection.iter().enumerate() {
                let path = format!(concat!("$.", stringify!($collection), "[{}]"), index);
                records.push((path.clone(), $convert(r, &path, &mut problems), &r.extra));
            }
        )+};
    }
    gather!(
        areas => area_from_v1,
        units => unit_from_v1,
        indicators => indicator_from_v1,
        values => value_from_v1,
        relations => relation_from_v1,
        projects => project_from_v1,
        progress_reports => report_from_v1,
        supervision_items => supervision_from_v1,
        bulletins => bulletin_from_v1,
    );
    for (path, record, extra) in records {
        let Some(record) = record else { continue };
        let id = record.id().to_string();
        if let Some(first) = seen_ids.get(&id) {
            problems.push(Problem {
                path: format!("{path}.id"),
                kind: ProblemKind::DuplicateId {
                    id: format!("{id} (first at {first})"),
                },
            });
            continue;
        }
        seen_ids.insert(id, path.clone());
        let record_id = record.id().clone();
        match dataset.insert_loaded(record) {
            Ok(()) => dataset.set_extra(record_id, extra.clone()),
            Err(reason) => problems.push(Problem {
                path,
                kind: ProblemKind::Refused { reason },
            }),
        }
    }
    dataset.meta_extra = file.dataset.extra.clone();
    for (index, t) in file.tombstones.iter().enumerate() {
        let path = format!("$.tombstones[{index}]");
        let Some(id) = parse_id(&t.id, &format!("{path}.id"), &mut problems) else {
            continue;
        };
        let Some(kind) = RecordKind::from_collection(&t.record_type) else {
            problems.push(Problem {
                path: format!("{path}.record_type"),
                kind: ProblemKind::BadCode {
                    field: "record_type",
                    text: t.record_type.clone(),
                },
            });
            continue;
        };
        let tombstone = Tombstone {
            id,
            kind,
            deleted: Stamp {
                counter: t.deleted.counter,
                device: t.deleted.device.clone(),
                at: t.deleted.at.clone(),
                by: t.deleted.by.clone(),
            },
        };
        if let Err(reason) = dataset.insert_tombstone(tombstone) {
            problems.push(Problem {
                path,
                kind: ProblemKind::Refused { reason },
            });
        }
    }
    dataset.file_extra = file.extra.clone();
    if let Some(basemap) = &file.basemap {
        // Checked like a boundary file the user loads; a bad one is reported and left out.
        let text = basemap.geojson.to_string();
        match crate::charts::map::read_geojson(&text) {
            Ok(_) => {
                dataset.basemap = Some(Basemap {
                    name: basemap.name.clone(),
                    geojson: text,
                })
            }
            Err(error) => problems.push(Problem {
                path: "$.basemap.geojson".to_string(),
                kind: ProblemKind::BadGeoJson {
                    reason: error.to_message().with("name", &basemap.name),
                },
            }),
        }
    }
    Ok(Loaded {
        dataset,
        problems,
        export: file.export,
        checksum,
        extra: file.extra,
    })
}

/// One record of a dataset in its file shape, with the unknown keys it came with.
pub fn record_to_v1_in(dataset: &Dataset, record: &Record) -> serde_json::Value {
    let mut json = record_to_v1(record);
    if let (Some(extra), Some(object)) = (dataset.extra(record.id()), json.as_object_mut()) {
        for (key, value) in extra {
            object.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    json
}

/// One record in its file shape, as a JSON value (the store keeps records this way).
pub fn record_to_v1(record: &Record) -> serde_json::Value {
    let result = match record {
        Record::Area(r) => serde_json::to_value(area_to_v1(r)),
        Record::Unit(r) => serde_json::to_value(unit_to_v1(r)),
        Record::Indicator(r) => serde_json::to_value(indicator_to_v1(r)),
        Record::Value(r) => serde_json::to_value(value_to_v1(r)),
        Record::Relation(r) => serde_json::to_value(relation_to_v1(r)),
        Record::Project(r) => serde_json::to_value(project_to_v1(r)),
        Record::Report(r) => serde_json::to_value(report_to_v1(r)),
        Record::Supervision(r) => serde_json::to_value(supervision_to_v1(r)),
        Record::Bulletin(r) => serde_json::to_value(bulletin_to_v1(r)),
    };
    // Serializing plain structs of strings and numbers into a Value cannot fail.
    result.unwrap_or(serde_json::Value::Null)
}

pub fn tombstone_to_v1(t: &Tombstone) -> TombstoneV1 {
    TombstoneV1 {
        id: t.id.to_string(),
        record_type: t.kind.collection().to_string(),
        deleted: stamp_to_v1(&t.deleted),
    }
}

fn area_to_v1(r: &Area) -> AreaV1 {
    AreaV1 {
        id: r.id.to_string(),
        name: r.name.clone(),
        name_en: r.name_en.clone(),
        order: r.order,
        columns: r.columns.iter().map(Period::code).collect(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn unit_to_v1(r: &Unit) -> UnitV1 {
    UnitV1 {
        id: r.id.to_string(),
        symbol: r.symbol.clone(),
        name_en: r.name_en.clone(),
        dimension: r.dimension.clone(),
        factor: r.factor.map(|f| f.canonical()),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn indicator_to_v1(r: &Indicator) -> IndicatorV1 {
    IndicatorV1 {
        id: r.id.to_string(),
        area: r.area.to_string(),
        name: r.name.clone(),
        name_en: r.name_en.clone(),
        unit: r.unit.to_string(),
        kind: r.kind.code().to_string(),
        description: r.description.clone(),
        scope_note: r.scope_note.clone(),
        order: r.order,
        targets: r
            .targets
            .iter()
            .map(|t| TargetV1 {
                period: t.period.code(),
                amount: t.amount.canonical(),
                note: t.note.clone(),
            })
            .collect(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn value_to_v1(r: &Value) -> ValueV1 {
    ValueV1 {
        id: r.id.to_string(),
        indicator: r.indicator.to_string(),
        period: r.period.code(),
        amount: r.amount.canonical(),
        qualifier: r.qualifier.code().to_string(),
        source: r.source.clone(),
        scope_note: r.scope_note.clone(),
        note: r.note.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn value_ref_to_v1(r: &ValueRef) -> ValueRefV1 {
    ValueRefV1 {
        indicator: r.indicator.to_string(),
        period: r.period.code(),
    }
}

fn relation_to_v1(r: &Relation) -> RelationV1 {
    RelationV1 {
        id: r.id.to_string(),
        kind: r.kind.code().to_string(),
        subject: value_ref_to_v1(&r.subject),
        base: r.base.iter().map(value_ref_to_v1).collect(),
        stated_pct: r.stated_pct.map(|p| p.canonical()),
        complete: r.complete,
        qualifier: r.qualifier.code().to_string(),
        source: r.source.clone(),
        note: r.note.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

/// The dataset in its file shape, arrays in canonical order.
/// The dataset's own description in file shape.
pub fn dataset_meta_to_v1(dataset: &Dataset) -> DatasetMetaV1 {
    DatasetMetaV1 {
        id: dataset.meta.id.clone(),
        name: dataset.meta.name.clone(),
        document_date: dataset.meta.document_date.to_iso(),
        sample: dataset.meta.sample,
        source_title: dataset.meta.source_title.clone(),
        lineage: dataset.meta.lineage.clone(),
        extra: dataset.meta_extra.clone(),
    }
}

/// The boundary map in file shape.
pub fn basemap_to_v1(basemap: &Basemap) -> BasemapV1 {
    BasemapV1 {
        name: basemap.name.clone(),
        geojson: serde_json::from_str(&basemap.geojson).unwrap_or(serde_json::Value::Null),
    }
}

pub fn dataset_to_v1(dataset: &Dataset, export: Option<ExportV1>) -> FileV1 {
    let extra_of = |id: &RecordId| dataset.extra(id).cloned().unwrap_or_default();
    // Each record in file shape with the unknown keys it came with.
    macro_rules! with_extras {
        ($records:expr, $shape:ident, $to_v1:ident) => {
            $records
                .map(|r| $shape {
                    extra: extra_of(&r.id),
                    ..$to_v1(r)
                })
                .collect()
        };
    }
    let mut areas: Vec<AreaV1> = dataset
        .areas()
        .into_iter()
        .map(|r| AreaV1 {
            extra: extra_of(&r.id),
            ..area_to_v1(r)
        })
        .collect();
    areas.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    let mut indicators: Vec<IndicatorV1> = dataset
        .indicators()
        .map(|r| IndicatorV1 {
            extra: extra_of(&r.id),
            ..indicator_to_v1(r)
        })
        .collect();
    indicators.sort_by(|a, b| a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id)));
    FileV1 {
        type_tag: TYPE_TAG.to_string(),
        format_version: FORMAT_VERSION,
        app_version: crate::APP_VERSION.to_string(),
        dataset: dataset_meta_to_v1(dataset),
        export,
        areas,
        // The model's maps are keyed by id, so these come out sorted by id already.
        units: with_extras!(dataset.units(), UnitV1, unit_to_v1),
        indicators,
        values: with_extras!(dataset.values(), ValueV1, value_to_v1),
        relations: with_extras!(dataset.relations(), RelationV1, relation_to_v1),
        tombstones: dataset.tombstones().map(tombstone_to_v1).collect(),
        projects: with_extras!(dataset.projects(), ProjectV1, project_to_v1),
        progress_reports: with_extras!(dataset.reports(), ProgressReportV1, report_to_v1),
        supervision_items: with_extras!(
            dataset.supervision_items(),
            SupervisionItemV1,
            supervision_to_v1
        ),
        bulletins: with_extras!(dataset.bulletins(), BulletinV1, bulletin_to_v1),
        basemap: dataset.basemap.as_ref().map(basemap_to_v1),
        checksum: None,
        extra: dataset.file_extra.clone(),
    }
}

/// The name an export is saved under: `台账-<dataset>-<YYYY-MM-DD>.json`, with characters that
/// file systems refuse (`/ \ : * ? " < > |` and control characters) replaced by `_`.
pub fn export_file_name(dataset_name: &str, date_iso: &str) -> String {
    let safe: String = dataset_name
        .trim()
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let safe = if safe.is_empty() {
        "ledger".to_string()
    } else {
        safe
    };
    let day = date_iso.get(..10).unwrap_or(date_iso);
    format!("台账-{safe}-{day}.json")
}

/// Writes a dataset as canonical, pretty-printed JSON (2-space indent, trailing newline), with
/// its checksum.
pub fn write_file(dataset: &Dataset, export: Option<ExportV1>) -> String {
    // (Keys and arrays come out in canonical order; see `dataset_to_v1`.)
    let mut file = dataset_to_v1(dataset, export);
    file.checksum = Some(checksum_of(&file));
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
    text.push('\n');
    text
}
