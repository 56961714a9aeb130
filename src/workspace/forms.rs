//! What the project pages' forms become: the fields as typed (plain strings, as the page holds
//! them) read into records, every unreadable field named with its message. The rules a file
//! could break (a plan year, a negative plan, a place off the Earth, dates in order) are the
//! model's; here is only the reading of what people type — money in 万元 or 亿元, dates, months
//! as the browser or a person writes them — so a form and a file are judged alike.
//!
//! Field names are the records' own (`Record::fields`), so a refusal of the model
//! (`EditError::field`) and a refusal of the reading land at the same field of the form.

use crate::i18n::{Message, ToMessage};
use crate::model::project::money_in_wan;
use crate::model::{
    parse_amount_input, parse_period, Amount, Date, Milestone, MilestoneStage, Period,
    ProgressReport, Project, ProjectStatus, RecordId, SupervisionItem, SupervisionStatus,
    YearMonth,
};
use std::collections::BTreeMap;

/// A refused field: its name and why.
pub type FieldProblem = (&'static str, Message);

/// An optional date field ("" is none), as `<input type="date">` gives it.
pub fn read_date(text: &str) -> Result<Option<Date>, Message> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse_iso(text).map(Some).map_err(|e| e.to_message())
}

/// An optional money field in 万元 ("" is none); "22.5亿" is converted exactly.
pub fn read_wan(text: &str) -> Result<Option<Amount>, Message> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let typed = parse_amount_input(text).map_err(|e| e.to_message())?;
    money_in_wan(&typed).map(Some).map_err(|unit| {
        Message::new("amount.unit_mismatch")
            .with("expected", "万元")
            .with("unit", unit)
    })
}

/// A month: "2016-10" from an `<input type="month">`, or where the browser offers a plain text
/// box, what people type ("2016年10月", "2016.10", "今年10月" against the reporting date).
pub fn read_month(text: &str, reporting_date: Date) -> Result<YearMonth, Message> {
    match read_period(text, reporting_date) {
        Ok(Period::Month { year, month }) => Ok(YearMonth { year, month }),
        _ => Err(Message::new("edit.bad_month").with("month", text.trim())),
    }
}

/// The project form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectInput {
    pub name: String,
    pub class: String,
    pub level: String,
    pub code: String,
    pub owner: String,
    pub section: String,
    pub entered_by: String,
    pub street: String,
    pub lon: String,
    pub lat: String,
    /// 万元 (or typed with 亿).
    pub investment: String,
    pub start: String,
    pub planned: String,
    pub completed: String,
    /// A status code, "" for unknown.
    pub status: String,
    pub subprojects: String,
    /// One date per stage of [`MilestoneStage::ALL`], "" where none.
    pub milestones: [String; 4],
    /// Year and 万元 per row, as typed.
    pub plans: Vec<(String, String)>,
    /// Separated by 、 or commas.
    pub tags: String,
    pub note: String,
}

impl ProjectInput {
    /// The form filled from a project (or, for a new one, the default class 重点建设).
    pub fn from_project(project: Option<&Project>) -> ProjectInput {
        let Some(p) = project else {
            return ProjectInput {
                class: "重点建设".to_string(),
                ..ProjectInput::default()
            };
        };
        let date = |d: Option<Date>| d.map(|d| d.to_iso()).unwrap_or_default();
        let milestone = |stage: MilestoneStage| {
            p.milestones
                .iter()
                .find(|m| m.stage == stage)
                .map(|m| m.date.to_iso())
                .unwrap_or_default()
        };
        ProjectInput {
            name: p.name.clone(),
            class: p.class.clone(),
            level: p.level.clone(),
            code: p.code.clone(),
            owner: p.owner.clone(),
            section: p.section.clone(),
            entered_by: p.entered_by.clone(),
            street: p.street.clone(),
            lon: p.location.map(|l| l.0.canonical()).unwrap_or_default(),
            lat: p.location.map(|l| l.1.canonical()).unwrap_or_default(),
            investment: p
                .total_investment
                .map(|a| a.canonical())
                .unwrap_or_default(),
            start: date(p.start),
            planned: date(p.planned_completion),
            completed: date(p.completed_on),
            status: p.status.map(|s| s.code().to_string()).unwrap_or_default(),
            subprojects: p.subprojects.map(|n| n.to_string()).unwrap_or_default(),
            milestones: MilestoneStage::ALL.map(milestone),
            plans: p
                .annual_plans
                .iter()
                .map(|(y, a)| (y.to_string(), a.canonical()))
                .collect(),
            tags: p.tags.join("、"),
            note: p.note.clone(),
        }
    }
}

/// Reads the project form onto `base` (the stored project, or a blank one for a new project).
/// Every unreadable field is named; the model's rules are checked when the edit is applied.
pub fn read_project(input: &ProjectInput, base: Project) -> Result<Project, Vec<FieldProblem>> {
    let mut project = base;
    let mut problems: Vec<FieldProblem> = Vec::new();
    project.name = input.name.trim().to_string();
    project.class = input.class.trim().to_string();
    project.level = input.level.clone();
    project.code = input.code.trim().to_string();
    project.owner = input.owner.trim().to_string();
    project.section = input.section.trim().to_string();
    project.entered_by = input.entered_by.trim().to_string();
    project.street = input.street.trim().to_string();
    project.note = input.note.clone();
    project.tags = input
        .tags
        .split(['、', ',', '，'])
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    project.status = ProjectStatus::from_code(&input.status);
    match read_wan(&input.investment) {
        Ok(amount) => project.total_investment = amount,
        Err(message) => problems.push(("total_investment", message)),
    }
    for (field, text, slot) in [
        ("start", &input.start, &mut project.start),
        (
            "planned_completion",
            &input.planned,
            &mut project.planned_completion,
        ),
        ("completed_on", &input.completed, &mut project.completed_on),
    ] {
        match read_date(text) {
            Ok(date) => *slot = date,
            Err(message) => problems.push((field, message)),
        }
    }
    let subprojects = input.subprojects.trim();
    if subprojects.is_empty() {
        project.subprojects = None;
    } else {
        match subprojects.parse::<u32>() {
            Ok(n) => project.subprojects = Some(n),
            Err(_) => problems.push((
                "subprojects",
                Message::new("amount.not_a_number").with("input", subprojects),
            )),
        }
    }
    let (lon, lat) = (input.lon.trim(), input.lat.trim());
    match (lon.is_empty(), lat.is_empty()) {
        (true, true) => project.location = None,
        _ => match (Amount::from_canonical(lon), Amount::from_canonical(lat)) {
            (Ok(x), Ok(y)) => project.location = Some((x, y)),
            _ => problems.push(("location", Message::new("project.bad_location"))),
        },
    }
    let mut milestones = Vec::new();
    for (stage, text) in MilestoneStage::ALL.into_iter().zip(&input.milestones) {
        match read_date(text) {
            Ok(Some(date)) => milestones.push(Milestone { stage, date }),
            Ok(None) => {}
            Err(message) => problems.push(("milestones", message)),
        }
    }
    project.milestones = milestones;
    let mut plans = Vec::new();
    for (year, amount) in &input.plans {
        if year.trim().is_empty() && amount.trim().is_empty() {
            continue;
        }
        let parsed_year = year.trim().parse::<i32>();
        match (parsed_year, read_wan(amount)) {
            (Ok(y), Ok(Some(a))) => plans.push((y, a)),
            (Err(_), _) => problems.push((
                "annual_plans",
                Message::new("project.bad_year").with("input", year.trim()),
            )),
            (_, Err(message)) => problems.push(("annual_plans", message)),
            (_, Ok(None)) => problems.push(("annual_plans", Message::new("amount.empty"))),
        }
    }
    crate::sorting::sort_by_key(&mut plans, |(y, _)| *y);
    project.annual_plans = plans;
    if problems.is_empty() {
        Ok(project)
    } else {
        Err(problems)
    }
}

/// A new project as the form starts it: an id and nothing else.
pub fn blank_project(id: RecordId) -> Project {
    Project {
        id,
        ..Project::default()
    }
}

/// The monthly report form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportInput {
    pub month: String,
    pub invested_month: String,
    pub invested_cumulative: String,
    pub progress: String,
    pub problems: String,
}

/// Reads the report form for a project (a new report gets `id`; a correction keeps its own).
pub fn read_report(
    input: &ReportInput,
    id: RecordId,
    project: RecordId,
    reporting_date: Date,
) -> Result<ProgressReport, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let month = read_month(&input.month, reporting_date)
        .map_err(|message| problems.push(("month", message)))
        .ok();
    let invested_month = read_wan(&input.invested_month)
        .map_err(|message| problems.push(("invested_month", message)))
        .ok();
    let invested_cumulative = read_wan(&input.invested_cumulative)
        .map_err(|message| problems.push(("invested_cumulative", message)))
        .ok();
    match (month, invested_month, invested_cumulative) {
        (Some(month), Some(invested_month), Some(invested_cumulative)) if problems.is_empty() => {
            Ok(ProgressReport {
                id,
                project,
                month,
                invested_month,
                invested_cumulative,
                progress: input.progress.trim().to_string(),
                problems: input.problems.trim().to_string(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            })
        }
        _ => Err(problems),
    }
}

/// The supervision item form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupervisionInput {
    pub problem: String,
    pub responsible: String,
    pub raised: String,
    pub deadline: String,
}

/// Reads the supervision item form: raised on a date (required), a deadline (optional).
pub fn read_supervision_item(
    input: &SupervisionInput,
    id: RecordId,
    project: RecordId,
) -> Result<SupervisionItem, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let raised = match read_date(&input.raised) {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            problems.push(("raised", Message::new("period.empty")));
            None
        }
        Err(message) => {
            problems.push(("raised", message));
            None
        }
    };
    let deadline = read_date(&input.deadline)
        .map_err(|message| problems.push(("deadline", message)))
        .ok();
    match (raised, deadline) {
        (Some(raised), Some(deadline)) if problems.is_empty() => Ok(SupervisionItem {
            id,
            project,
            problem: input.problem.trim().to_string(),
            responsible: input.responsible.trim().to_string(),
            raised,
            deadline,
            status: SupervisionStatus::Open,
            rectification: String::new(),
            meeting: None,
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        }),
        _ => Err(problems),
    }
}

/// The relation form's fields as typed: what a statement says about an indicator's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationInput {
    /// The kind's code (`stated_growth`, `parts_of` …).
    pub kind: String,
    /// The subject's period, as typed ("2016", "2016年1-9月", "2012-2016年") or as a code.
    pub subject_period: String,
    /// The base figures: an indicator id and a period as typed, one per row; empty rows are
    /// left out.
    pub base: Vec<(String, String)>,
    /// The stated number ("83.1", "83.1%", "1.7倍", "第一" is not read: digits only).
    pub stated: String,
    /// The qualifier's code (`exact`, `about`, `at_least`).
    pub qualifier: String,
    pub complete: bool,
    pub source: String,
    pub note: String,
}

impl RelationInput {
    /// The form for an existing relation, or a blank one about `subject_period`.
    pub fn from_relation(
        relation: Option<&crate::model::Relation>,
        subject_period: &str,
    ) -> RelationInput {
        match relation {
            Some(r) => RelationInput {
                kind: r.kind.code().to_string(),
                subject_period: r.subject.period.code(),
                base: r
                    .base
                    .iter()
                    .map(|b| (b.indicator.to_string(), b.period.code()))
                    .collect(),
                stated: r.stated.map(|s| s.canonical()).unwrap_or_default(),
                qualifier: r.qualifier.code().to_string(),
                complete: r.complete,
                source: r.source.clone(),
                note: r.note.clone(),
            },
            None => RelationInput {
                kind: crate::model::RelationKind::StatedGrowth.code().to_string(),
                subject_period: subject_period.to_string(),
                qualifier: crate::model::Qualifier::Exact.code().to_string(),
                ..RelationInput::default()
            },
        }
    }
}

/// A period field: a canonical code, or what people type, against the reporting date.
fn read_period(text: &str, reporting_date: Date) -> Result<Period, Message> {
    Period::from_code(text.trim())
        .or_else(|_| parse_period(text, reporting_date))
        .map_err(|e| e.to_message())
}

/// Reads the relation form into a relation of `subject_indicator` (its stamps and author are
/// the workspace's to set). What the model requires of a kind's shape is checked when the edit
/// is applied, so a form and a file are judged alike.
pub fn read_relation(
    input: &RelationInput,
    id: RecordId,
    subject_indicator: RecordId,
    reporting_date: Date,
) -> Result<crate::model::Relation, Vec<FieldProblem>> {
    use crate::model::{Qualifier, RelationKind, ValueRef};
    let mut problems: Vec<FieldProblem> = Vec::new();
    let kind = RelationKind::from_code(&input.kind);
    if kind.is_none() {
        problems.push((
            "kind",
            Message::new("edit.relation_bad_kind").with("text", &input.kind),
        ));
    }
    let subject = read_period(&input.subject_period, reporting_date)
        .map_err(|m| problems.push(("subject", m)))
        .ok();
    let mut base = Vec::new();
    for (indicator, period) in &input.base {
        if indicator.trim().is_empty() && period.trim().is_empty() {
            continue;
        }
        let Some(indicator) = RecordId::parse(indicator.trim()) else {
            problems.push((
                "base",
                Message::new("edit.missing_reference")
                    .with("field", "indicator")
                    .with("id", indicator),
            ));
            continue;
        };
        match read_period(period, reporting_date) {
            Ok(period) => base.push(ValueRef { indicator, period }),
            Err(m) => problems.push(("base", m)),
        }
    }
    let stated = if input.stated.trim().is_empty() {
        None
    } else {
        let typed = input
            .stated
            .trim()
            .trim_end_matches(['%', '%', '倍'])
            .trim_end_matches("个百分点");
        match parse_amount_input(typed) {
            Ok(parsed) if parsed.unit.is_none() => Some(parsed.amount),
            Ok(parsed) => {
                problems.push((
                    "stated_pct",
                    Message::new("amount.not_a_number").with(
                        "input",
                        format!("{}{}", typed, parsed.unit.unwrap_or_default()),
                    ),
                ));
                None
            }
            Err(e) => {
                problems.push(("stated_pct", e.to_message()));
                None
            }
        }
    };
    if let Some(kind) = kind {
        if kind.states_a_number() && stated.is_none() && input.stated.trim().is_empty() {
            problems.push(("stated_pct", Message::new("amount.empty")));
        }
    }
    let qualifier = Qualifier::from_code(&input.qualifier).unwrap_or_default();
    match (kind, subject) {
        (Some(kind), Some(period)) if problems.is_empty() => Ok(crate::model::Relation {
            id,
            kind,
            subject: ValueRef {
                indicator: subject_indicator,
                period,
            },
            base,
            stated: if kind.states_a_number() { stated } else { None },
            complete: kind == RelationKind::PartsOf && input.complete,
            qualifier,
            source: input.source.trim().to_string(),
            note: input.note.trim().to_string(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        }),
        _ => Err(problems),
    }
}

/// The approval form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApprovalInput {
    /// A [`Procedure`](crate::model::Procedure) code.
    pub procedure: String,
    pub item: String,
    pub body: String,
    pub applied: String,
    pub issued: String,
    pub document_no: String,
    /// Whole months ("24"); or leave empty and give `valid_until`.
    pub validity_months: String,
    pub valid_until: String,
    /// An [`ApprovalStatus`](crate::model::ApprovalStatus) code; empty: issued → 办结, else 在办.
    pub status: String,
    pub on_behalf: bool,
    pub note: String,
}

/// Reads the approval form into an approval of `project` (keeping an existing one's
/// extensions and bookkeeping when it is edited): applied on a date (required), issued and a
/// validity optional, months a whole number of at least one. The model then checks the rules
/// between the fields (issued not before applied …).
pub fn read_approval(
    input: &ApprovalInput,
    id: RecordId,
    project: RecordId,
    existing: Option<&crate::model::Approval>,
) -> Result<crate::model::Approval, Vec<FieldProblem>> {
    use crate::model::{ApprovalStatus, Procedure, Validity};
    let mut problems: Vec<FieldProblem> = Vec::new();
    let applied = match read_date(&input.applied) {
        Ok(Some(day)) => Some(day),
        Ok(None) => {
            problems.push(("applied", Message::new("period.empty")));
            None
        }
        Err(message) => {
            problems.push(("applied", message));
            None
        }
    };
    let issued = read_date(&input.issued)
        .map_err(|message| problems.push(("issued", message)))
        .ok()
        .flatten();
    let until = read_date(&input.valid_until)
        .map_err(|message| problems.push(("validity", message)))
        .ok()
        .flatten();
    let months = input.validity_months.trim();
    let validity = match (months.is_empty(), until) {
        (true, None) => None,
        (true, Some(day)) => Some(Validity::Until(day)),
        (false, None) => match months.parse::<u32>() {
            Ok(months) => Some(Validity::Months(months)),
            Err(_) => {
                problems.push(("validity", Message::new("edit.approval_validity_months")));
                None
            }
        },
        (false, Some(_)) => {
            problems.push(("validity", Message::new("edit.approval_validity_both")));
            None
        }
    };
    let status = ApprovalStatus::from_code(&input.status).unwrap_or(if issued.is_some() {
        ApprovalStatus::Done
    } else {
        ApprovalStatus::Pending
    });
    let Some(applied) = applied.filter(|_| problems.is_empty()) else {
        return Err(problems);
    };
    Ok(crate::model::Approval {
        id,
        project,
        procedure: Procedure::from_code(&input.procedure).unwrap_or_default(),
        item: input.item.trim().to_string(),
        body: input.body.trim().to_string(),
        applied,
        issued,
        document_no: input.document_no.trim().to_string(),
        validity,
        status,
        extensions: existing.map(|a| a.extensions.clone()).unwrap_or_default(),
        on_behalf: input.on_behalf,
        note: input.note.trim().to_string(),
        stamps: existing.map(|a| a.stamps.clone()).unwrap_or_default(),
        updated_by: existing.map(|a| a.updated_by.clone()).unwrap_or_default(),
    })
}

/// Reads an extension typed beside an approval (granted on a day, to a new end) into the
/// extended approval; the model checks that it ends later than the current end.
pub fn read_extension(
    approval: &crate::model::Approval,
    granted: &str,
    until: &str,
    note: &str,
) -> Result<crate::model::Approval, Vec<FieldProblem>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut required = |text: &str| match read_date(text) {
        Ok(Some(day)) => Some(day),
        Ok(None) => {
            problems.push(("extensions", Message::new("period.empty")));
            None
        }
        Err(message) => {
            problems.push(("extensions", message));
            None
        }
    };
    match (required(granted), required(until)) {
        (Some(granted), Some(until)) => Ok(crate::model::approval::extended(
            approval,
            granted,
            until,
            note.trim(),
        )),
        _ => Err(problems),
    }
}

/// The meeting form's fields as typed: attendees separated by 、 , ， ; or new lines, and
/// the projects discussed with their decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingInput {
    pub date: String,
    pub title: String,
    pub attendees: String,
    pub items: Vec<(RecordId, String)>,
    pub note: String,
}

/// Reads the meeting form (a date is required; the model requires a title and live projects).
pub fn read_meeting(
    input: &MeetingInput,
    id: RecordId,
) -> Result<crate::model::Meeting, Vec<FieldProblem>> {
    let date = match read_date(&input.date) {
        Ok(Some(day)) => day,
        Ok(None) => return Err(vec![("date", Message::new("period.empty"))]),
        Err(message) => return Err(vec![("date", message)]),
    };
    let attendees = input
        .attendees
        .split(['、', ',', ',', ';', ';', '\n'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let mut items: Vec<crate::model::MeetingItem> = Vec::new();
    for (project, decision) in &input.items {
        if items.iter().all(|i| &i.project != project) {
            items.push(crate::model::MeetingItem {
                project: project.clone(),
                decision: decision.trim().to_string(),
            });
        }
    }
    Ok(crate::model::Meeting {
        id,
        date,
        title: input.title.trim().to_string(),
        attendees,
        items,
        note: input.note.trim().to_string(),
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    })
}
