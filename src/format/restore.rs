//! Restore: a file's records (its serde shapes) converted into the model one by one, every
//! problem reported at its JSON path and only the records that have one left out.

use super::v1::*;
use super::*;
use crate::model::approval::ApprovalRule;
use crate::model::dataset::{Basemap, Bulk};
use crate::model::record::Shared;
use crate::model::{
    Amount, Approval, ApprovalStatus, Area, Bulletin, Dataset, DatasetMeta, Date, Indicator,
    IndicatorKind, Milestone, MilestoneStage, Period, PeriodError, ProgressReport, Project,
    ProjectStatus, Qualifier, Record, RecordId, RecordKind, Relation, RelationKind, Stamp,
    SupervisionItem, SupervisionStatus, Target, Tombstone, Unit, Value, ValueRef, YearMonth,
};
use crate::model::{Extension, Meeting, MeetingItem, Procedure, RecordCount, Reminder, Validity};
use std::collections::BTreeMap;

fn parse_id(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<RecordId> {
    let id = RecordId::parse(text);
    if id.is_none() {
        problems.push(Problem {
            path: path(),
            kind: ProblemKind::BadId {
                id: text.to_string(),
            },
        });
    }
    id
}

fn parse_amount(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<Amount> {
    match Amount::from_canonical(text) {
        Ok(amount) => Some(amount),
        Err(_) => {
            problems.push(Problem {
                path: path(),
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
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
    parse: impl FnOnce(&str) -> Result<T, PeriodError>,
) -> Option<T> {
    match parse(text) {
        Ok(parsed) => Some(parsed),
        Err(error) => {
            problems.push(Problem {
                path: path(),
                kind: ProblemKind::BadPeriod {
                    text: text.to_string(),
                    reason: error,
                },
            });
            None
        }
    }
}

fn parse_period_code(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<Period> {
    parse_reported(text, path, problems, Period::from_code)
}

fn parse_qualifier(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<Qualifier> {
    let parsed = Qualifier::from_code(text);
    if parsed.is_none() {
        problems.push(Problem {
            path: path(),
            kind: ProblemKind::BadCode {
                field: "qualifier",
                text: text.to_string(),
            },
        });
    }
    parsed
}

std::thread_local! {
    /// The texts of the stamps read so far by the [`Restoring`] stepping on this thread (it
    /// lends them here for a step): a ledger's few devices, times, authors and field names,
    /// each kept once however many records share it (a city-scale ledger has over a million
    /// stamp texts but a few thousand distinct ones). Outside a step, texts are not shared.
    static SHARED_TEXTS: std::cell::RefCell<Option<rustc_hash::FxHashSet<Shared>>> =
        const { std::cell::RefCell::new(None) };
}

/// The text shared with an equal one already read in this restore, or a new one.
fn shared(text: &str) -> Shared {
    SHARED_TEXTS.with(|texts| match texts.borrow_mut().as_mut() {
        Some(texts) => match texts.get(text) {
            Some(known) => known.clone(),
            None => {
                let new: Shared = Shared::from(text);
                texts.insert(new.clone());
                new
            }
        },
        None => Shared::from(text),
    })
}

fn stamps_from(bookkeeping: &BookkeepingV1) -> BTreeMap<Shared, Stamp> {
    bookkeeping
        .stamps
        .iter()
        .map(|(field, s)| {
            (
                shared(field),
                Stamp {
                    counter: s.counter,
                    device: shared(&s.device),
                    at: shared(&s.at),
                    by: shared(&s.by),
                },
            )
        })
        .collect()
}

fn area_from_v1(
    r: &AreaV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems)?;
    let mut columns = Vec::with_capacity(r.columns.len());
    for (index, code) in r.columns.iter().enumerate() {
        columns.push(parse_period_code(
            code,
            || format!("{path}.columns[{index}]"),
            problems,
        )?);
    }
    crate::sorting::sort(&mut columns);
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

fn unit_from_v1(
    r: &UnitV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let factor = match &r.factor {
        Some(text) => Some(parse_amount(text, || format!("{path}.factor"), problems)?),
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

fn indicator_from_v1(
    r: &IndicatorV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let area = parse_id(&r.area, || format!("{path}.area"), problems);
    let unit = parse_id(&r.unit, || format!("{path}.unit"), problems);
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
            || format!("{path}.targets[{index}].period"),
            problems,
        );
        let amount = parse_amount(
            &target.amount,
            || format!("{path}.targets[{index}].amount"),
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
    crate::sorting::sort_by_key(&mut targets, |t| t.period);
    if !targets_ok {
        return None;
    }
    let counted = match &r.counted {
        None => Some(None),
        Some(code) => {
            let counted = RecordCount::from_code(code);
            if counted.is_none() {
                problems.push(Problem {
                    path: format!("{path}.counted"),
                    kind: ProblemKind::BadCode {
                        field: "counted",
                        text: code.clone(),
                    },
                });
            }
            counted.map(Some)
        }
    };
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
        counted: counted?,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn value_from_v1(
    r: &ValueV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let indicator = parse_id(&r.indicator, || format!("{path}.indicator"), problems);
    let period = parse_period_code(&r.period, || format!("{path}.period"), problems);
    let amount = parse_amount(&r.amount, || format!("{path}.amount"), problems);
    let qualifier = parse_qualifier(&r.qualifier, || format!("{path}.qualifier"), problems);
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

fn value_ref_from_v1(
    r: &ValueRefV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<ValueRef> {
    let indicator = parse_id(&r.indicator, || format!("{path}.indicator"), problems);
    let period = parse_period_code(&r.period, || format!("{path}.period"), problems);
    Some(ValueRef {
        indicator: indicator?,
        period: period?,
    })
}

fn relation_from_v1(
    r: &RelationV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
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
        Some(text) => Some(parse_amount(
            text,
            || format!("{path}.stated_pct"),
            problems,
        )?),
        None => None,
    };
    let qualifier = parse_qualifier(&r.qualifier, || format!("{path}.qualifier"), problems);
    let base: Option<Vec<ValueRef>> = base.into_iter().collect();
    Some(Record::Relation(Relation {
        id: id?,
        kind: kind?,
        subject: subject?,
        base: base?,
        stated: stated_pct,
        complete: r.complete,
        qualifier: qualifier?,
        source: r.source.clone(),
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn project_from_v1(
    r: &ProjectV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let mut ok = true;
    let mut date = |text: &Option<String>, field: &str, problems: &mut Vec<Problem>| {
        let text = text.as_ref()?;
        let parsed = parse_date(text, || format!("{path}.{field}"), problems);
        ok &= parsed.is_some();
        parsed
    };
    let start = date(&r.start, "start", problems);
    let planned_completion = date(&r.planned_completion, "planned_completion", problems);
    let completed_on = date(&r.completed_on, "completed_on", problems);
    let total_investment = optional_amount(
        &r.total_investment,
        || format!("{path}.total_investment"),
        problems,
    )
    .ok()?;
    let location = match &r.location {
        Some([lon, lat]) => Some((
            parse_amount(lon, || format!("{path}.location[0]"), problems)?,
            parse_amount(lat, || format!("{path}.location[1]"), problems)?,
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
            || format!("{path}.annual_plans.{year_text}"),
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
    crate::sorting::sort_by_key(&mut annual_plans, |(year, _)| *year);
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
            parse_date(date_text, || format!("{path}.{field}"), problems),
        ) {
            (Some(stage), Some(date)) => milestones.push(Milestone { stage, date }),
            _ => ok = false,
        }
    }
    crate::sorting::sort_by_key(&mut milestones, |m| m.stage);
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

fn parse_date(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<Date> {
    parse_reported(text, path, problems, Date::parse_iso)
}

/// Reads `"2016-10"`.
fn parse_month(
    text: &str,
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Option<YearMonth> {
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
    path: impl FnOnce() -> String,
    problems: &mut Vec<Problem>,
) -> Result<Option<Amount>, ()> {
    match text {
        None => Ok(None),
        Some(text) => parse_amount(text, path, problems).map(Some).ok_or(()),
    }
}

fn report_from_v1(
    r: &ProgressReportV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let project = parse_id(&r.project, || format!("{path}.project"), problems);
    let month = parse_month(&r.month, || format!("{path}.month"), problems);
    let invested_month = optional_amount(
        &r.invested_month,
        || format!("{path}.invested_month"),
        problems,
    );
    let invested_cumulative = optional_amount(
        &r.invested_cumulative,
        || format!("{path}.invested_cumulative"),
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

fn supervision_from_v1(
    r: &SupervisionItemV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let project = parse_id(&r.project, || format!("{path}.project"), problems);
    let raised = parse_date(&r.raised, || format!("{path}.raised"), problems);
    let deadline = match &r.deadline {
        None => Ok(None),
        Some(text) => parse_date(text, || format!("{path}.deadline"), problems)
            .map(Some)
            .ok_or(()),
    };
    let meeting = match &r.meeting {
        None => Some(None),
        Some(text) => parse_id(text, || format!("{path}.meeting"), problems).map(Some),
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
        meeting: meeting?,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

/// A code field read with `from_code`, its problem reported at `{path}.{field}`.
fn code_field<T>(
    text: &str,
    field: &'static str,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
    from_code: fn(&str) -> Option<T>,
) -> Option<T> {
    let value = from_code(text);
    if value.is_none() {
        problems.push(Problem {
            path: format!("{path}.{field}"),
            kind: ProblemKind::BadCode {
                field,
                text: text.to_string(),
            },
        });
    }
    value
}

fn approval_from_v1(
    r: &ApprovalV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let project = parse_id(&r.project, || format!("{path}.project"), problems);
    let procedure = code_field(
        &r.procedure,
        "procedure",
        path,
        problems,
        Procedure::from_code,
    );
    let status = code_field(
        &r.status,
        "status",
        path,
        problems,
        ApprovalStatus::from_code,
    );
    let applied = parse_date(&r.applied, || format!("{path}.applied"), problems);
    let issued = match &r.issued {
        None => Some(None),
        Some(text) => parse_date(text, || format!("{path}.issued"), problems).map(Some),
    };
    // A validity the approval rules refuse, at the key that holds it.
    let refuse = |problems: &mut Vec<Problem>, key: &str, rule: ApprovalRule| {
        problems.push(Problem {
            path: format!("{path}.{key}"),
            kind: ProblemKind::Refused {
                reason: crate::model::EditError::BadApproval {
                    field: "validity",
                    rule,
                },
            },
        });
        None
    };
    let validity = match (r.validity_months, &r.valid_until) {
        (None, None) => Some(None),
        (Some(months), None) => match u32::try_from(months).ok().filter(|m| *m > 0) {
            Some(months) => Some(Some(Validity::Months(months))),
            None => refuse(problems, "validity_months", ApprovalRule::ValidityMonths),
        },
        (None, Some(text)) => parse_date(text, || format!("{path}.valid_until"), problems)
            .map(|day| Some(Validity::Until(day))),
        (Some(_), Some(_)) => refuse(problems, "valid_until", ApprovalRule::ValidityBoth),
    };
    let mut extensions = Vec::new();
    let mut extensions_ok = true;
    for (index, e) in r.extensions.iter().enumerate() {
        let granted = parse_date(
            &e.granted,
            || format!("{path}.extensions[{index}].granted"),
            problems,
        );
        let until = parse_date(
            &e.until,
            || format!("{path}.extensions[{index}].until"),
            problems,
        );
        match (granted, until) {
            (Some(granted), Some(until)) => extensions.push(Extension {
                granted,
                until,
                note: e.note.clone(),
            }),
            _ => extensions_ok = false,
        }
    }
    if !extensions_ok {
        return None;
    }
    Some(Record::Approval(Approval {
        id: id?,
        project: project?,
        procedure: procedure?,
        item: r.item.clone(),
        body: r.body.clone(),
        applied: applied?,
        issued: issued?,
        document_no: r.document_no.clone(),
        validity: validity?,
        status: status?,
        extensions,
        on_behalf: r.on_behalf,
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn reminder_from_v1(
    r: &ReminderV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let approval = parse_id(&r.approval, || format!("{path}.approval"), problems);
    let date = parse_date(&r.date, || format!("{path}.date"), problems);
    Some(Record::Reminder(Reminder {
        id: id?,
        approval: approval?,
        date: date?,
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn meeting_from_v1(
    r: &MeetingV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let date = parse_date(&r.date, || format!("{path}.date"), problems);
    let mut items = Vec::new();
    let mut ok = true;
    for (index, item) in r.items.iter().enumerate() {
        match parse_id(
            &item.project,
            || format!("{path}.items[{index}].project"),
            problems,
        ) {
            Some(project) => items.push(MeetingItem {
                project,
                decision: item.decision.clone(),
            }),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Record::Meeting(Meeting {
        id: id?,
        date: date?,
        title: r.title.clone(),
        attendees: r.attendees.clone(),
        items,
        note: r.note.clone(),
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
}

fn bulletin_from_v1(
    r: &BulletinV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let date = parse_date(&r.date, || format!("{path}.date"), problems);
    let mut projects = Vec::new();
    let mut ok = true;
    for (index, text) in r.projects.iter().enumerate() {
        match parse_id(text, || format!("{path}.projects[{index}]"), problems) {
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

fn summary_from_v1(
    r: &SummaryV1,
    path: &dyn std::fmt::Display,
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    use crate::model::summary::{Block, Inline, Token};
    let id = parse_id(&r.id, || format!("{path}.id"), problems);
    let mut blocks = Vec::new();
    let mut ok = true;
    for (b, block) in r.blocks.iter().enumerate() {
        let at = format!("{path}.blocks[{b}]");
        let block = match block {
            BlockV1::Heading {
                level,
                number,
                text,
            } => Some(Block::Heading {
                level: *level,
                number: number.clone(),
                text: text.clone(),
            }),
            BlockV1::Figures { indicator } => {
                parse_id(indicator, || format!("{at}.indicator"), problems)
                    .map(|indicator| Block::Figures { indicator })
            }
            BlockV1::Paragraph(inlines) => {
                let mut out = Vec::new();
                let mut fine = true;
                for (i, inline) in inlines.iter().enumerate() {
                    let at = format!("{at}[{i}]");
                    let indicator = |text: &str, problems: &mut Vec<Problem>| {
                        parse_id(text, || format!("{at}.indicator"), problems)
                    };
                    let token = match inline {
                        InlineV1::Text(t) => Some(Inline::Text(t.clone())),
                        InlineV1::Figure {
                            indicator: i,
                            period,
                        } => {
                            let id = indicator(i, problems);
                            let period =
                                parse_period_code(period, || format!("{at}.period"), problems);
                            id.zip(period).map(|(indicator, period)| {
                                Inline::Token(Token::Figure { indicator, period })
                            })
                        }
                        InlineV1::Growth {
                            indicator: i,
                            from,
                            to,
                        } => {
                            let id = indicator(i, problems);
                            let from = parse_period_code(from, || format!("{at}.from"), problems);
                            let to = parse_period_code(to, || format!("{at}.to"), problems);
                            match (id, from, to) {
                                (Some(indicator), Some(from), Some(to)) => {
                                    Some(Inline::Token(Token::Growth {
                                        indicator,
                                        from,
                                        to,
                                    }))
                                }
                                _ => None,
                            }
                        }
                        InlineV1::Cagr {
                            indicator: i,
                            from,
                            to,
                        } => indicator(i, problems).map(|indicator| {
                            Inline::Token(Token::Cagr {
                                indicator,
                                from: *from,
                                to: *to,
                            })
                        }),
                        InlineV1::Cumulative {
                            indicator: i,
                            from,
                            to,
                        } => indicator(i, problems).map(|indicator| {
                            Inline::Token(Token::Cumulative {
                                indicator,
                                from: *from,
                                to: *to,
                            })
                        }),
                        InlineV1::Share {
                            indicator: i,
                            period,
                            whole,
                            whole_period,
                        } => {
                            let id = indicator(i, problems);
                            let period =
                                parse_period_code(period, || format!("{at}.period"), problems);
                            let whole = parse_id(whole, || format!("{at}.whole"), problems);
                            let whole_period = parse_period_code(
                                whole_period,
                                || format!("{at}.whole_period"),
                                problems,
                            );
                            match (id, period, whole, whole_period) {
                                (
                                    Some(indicator),
                                    Some(period),
                                    Some(whole),
                                    Some(whole_period),
                                ) => Some(Inline::Token(Token::Share {
                                    indicator,
                                    period,
                                    whole,
                                    whole_period,
                                })),
                                _ => None,
                            }
                        }
                        InlineV1::Rank {
                            indicator: i,
                            period,
                        } => {
                            let id = indicator(i, problems);
                            let period =
                                parse_period_code(period, || format!("{at}.period"), problems);
                            id.zip(period).map(|(indicator, period)| {
                                Inline::Token(Token::Rank { indicator, period })
                            })
                        }
                    };
                    match token {
                        Some(t) => out.push(t),
                        None => fine = false,
                    }
                }
                fine.then_some(Block::Paragraph(out))
            }
        };
        match block {
            Some(block) => blocks.push(block),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    Some(Record::Summary(crate::model::Summary {
        id: id?,
        title: r.title.clone(),
        blocks,
        stamps: stamps_from(&r.bookkeeping),
        updated_by: r.bookkeeping.updated_by.clone(),
    }))
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
            let shape: $shape = crate::format::from_json(entry).ok()?;
            let record = $convert(&shape, &"$", &mut problems)?;
            Some((record, shape.extra.clone()))
        }};
    }
    match RecordKind::from_collection(collection)? {
        RecordKind::Area => read!(AreaV1, area_from_v1),
        RecordKind::Unit => read!(UnitV1, unit_from_v1),
        RecordKind::Indicator => read!(IndicatorV1, indicator_from_v1),
        RecordKind::Value => read!(ValueV1, value_from_v1),
        RecordKind::Relation => read!(RelationV1, relation_from_v1),
        RecordKind::Project => read!(ProjectV1, project_from_v1),
        RecordKind::Report => read!(ProgressReportV1, report_from_v1),
        RecordKind::Supervision => read!(SupervisionItemV1, supervision_from_v1),
        RecordKind::Bulletin => read!(BulletinV1, bulletin_from_v1),
        RecordKind::Summary => read!(SummaryV1, summary_from_v1),
        RecordKind::Meeting => read!(MeetingV1, meeting_from_v1),
        RecordKind::Approval => read!(ApprovalV1, approval_from_v1),
        RecordKind::Reminder => read!(ReminderV1, reminder_from_v1),
    }
}

/// One stored tombstone read back.
pub fn tombstone_from_entry(entry: &serde_json::Value) -> Option<Tombstone> {
    let t: TombstoneV1 = crate::format::from_json(entry).ok()?;
    Some(Tombstone {
        id: RecordId::parse(&t.id)?,
        kind: RecordKind::from_collection(&t.record_type)?,
        deleted: Stamp {
            counter: t.deleted.counter,
            device: t.deleted.device.as_str().into(),
            at: t.deleted.at.as_str().into(),
            by: t.deleted.by.as_str().into(),
        },
    })
}

/// Restores a file's records into a dataset in one go (see [`Restoring`] for the steps).
pub fn restore(file: FileV1) -> Result<Loaded, FormatError> {
    let mut restoring = Restoring::new(file)?;
    restoring.step(usize::MAX);
    Ok(restoring.finish())
}

/// The collections in the order their records are restored (what a record refers to comes
/// before it).
const COLLECTIONS: usize = 13;

/// Where a record sits in the file, `$.values[12]`: written out only for a problem (a
/// city-scale ledger has 200,000 records and, in a good file, no problem).
#[derive(Clone, Copy)]
struct Place {
    collection: &'static str,
    index: usize,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "$.{}[{}]", self.collection, self.index)
    }
}

/// A converted record: where it was, the record (`None` if it cannot stand), its unknown keys.
type Converted = (Place, Option<Record>, crate::model::dataset::Extra);

/// Converts the `index`th record of collection number `collection`, with its place and unknown
/// keys; `None` past the collection's end.
fn convert_at(
    file: &FileV1,
    collection: usize,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<Converted> {
    macro_rules! at {
        ($($n:literal => $collection:ident => $convert:ident),+ $(,)?) => {
            match collection {
                $($n => {
                    let r = file.$collection.get(index)?;
                    let place = Place { collection: stringify!($collection), index };
                    let record = $convert(r, &place, problems);
                    Some((place, record, r.extra.clone()))
                })+
                _ => None,
            }
        };
    }
    at!(
        0 => areas => area_from_v1,
        1 => units => unit_from_v1,
        2 => indicators => indicator_from_v1,
        3 => values => value_from_v1,
        4 => relations => relation_from_v1,
        5 => projects => project_from_v1,
        6 => progress_reports => report_from_v1,
        7 => meetings => meeting_from_v1,
        8 => supervision_items => supervision_from_v1,
        9 => bulletins => bulletin_from_v1,
        10 => summaries => summary_from_v1,
        11 => approvals => approval_from_v1,
        12 => reminders => reminder_from_v1,
    )
}

/// Where a [`Restoring`] is.
enum Phase {
    /// Checking the file's stated checksum, a slice of records at a time.
    Hashing(Box<super::ChecksumSteps>),
    /// Converting file records into model records and adding each to the dataset at once, in
    /// collection order: collection number and index. (Nothing is kept between the two: a
    /// converted city ledger held whole would be a second copy of 200,000 records.)
    Restoring(usize, usize),
    /// Letting go of the file's records and the restore's bookkeeping a slice at a time (freeing
    /// 200,000 parsed records at once is itself a freeze of a tenth of a second).
    Releasing,
    Done,
}

/// Drops up to `budget` of what a finished restore no longer needs, from the ends of its
/// vectors; whether all of it is gone. The tombstones, the boundary map and the unknown keys
/// stay for [`Restoring::finish`].
fn release(file: &mut FileV1, seen_ids: &mut SeenIds, budget: usize) -> bool {
    let mut left = budget;
    macro_rules! shorten {
        ($($v:expr),*) => {$(
            let n = $v.len().min(left);
            $v.truncate($v.len() - n);
            left -= n;
            if $v.is_empty() {
                $v.shrink_to_fit();
            }
        )*};
    }
    shorten!(
        file.areas,
        file.units,
        file.indicators,
        file.values,
        file.relations,
        file.projects,
        file.progress_reports,
        file.supervision_items,
        file.bulletins,
        file.summaries,
        file.meetings,
        file.approvals,
        file.reminders
    );
    if left > 0 && !seen_ids.is_empty() {
        let mut dropped = 0;
        seen_ids.retain(|_, _| {
            dropped += 1;
            dropped > left
        });
        left = left.saturating_sub(dropped);
    }
    left > 0
}

/// Where each id was first seen. Fx rather than the
/// standard library's SipHash: ids come from the ledger's own file, and this map is filled once
/// per record of a restore (natively 55–60 against 70–80 ms for a city ledger's 197,509 ids).
type SeenIds = rustc_hash::FxHashMap<RecordId, Place>;

/// A file being restored into a dataset a slice of records at a time, so a page can repaint
/// between slices; stepping it to the end gives exactly what [`restore`] gives. Each record is
/// converted (each problem with its JSON path) and inserted at once, in collection order, so
/// what a record refers to is there before it; a record that cannot stand is left out and
/// reported, the rest is kept.
pub struct Restoring {
    file: FileV1,
    checksum: ChecksumStatus,
    dataset: Dataset,
    problems: Vec<Problem>,
    /// Where each id was first seen: a hash, as a ledger holds
    /// hundreds of thousands of ids.
    seen_ids: SeenIds,
    /// This restore's shared stamp texts (see [`shared`]).
    texts: rustc_hash::FxHashSet<Shared>,
    /// Values and reports checked and indexed, put into their maps when the inserting is done.
    bulk: Bulk,
    phase: Phase,
    done: usize,
}

impl Restoring {
    /// Checks the file's description and its checksum; the records come in [`Restoring::step`].
    pub fn new(file: FileV1) -> Result<Restoring, FormatError> {
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
        let dataset = Dataset::new(DatasetMeta {
            id: file.dataset.id.clone(),
            name: file.dataset.name.clone(),
            document_date,
            sample: file.dataset.sample,
            source_title: file.dataset.source_title.clone(),
            lineage: file.dataset.lineage.clone(),
        });
        let (checksum, phase) = match file.checksum {
            None => (ChecksumStatus::Missing, Phase::Restoring(0, 0)),
            // Settled when the hashing is done.
            Some(_) => (ChecksumStatus::Mismatch, Phase::Hashing(Box::default())),
        };
        Ok(Restoring {
            checksum,
            dataset,
            problems: Vec::new(),
            seen_ids: SeenIds::with_capacity_and_hasher(
                Self::record_count(&file),
                Default::default(),
            ),
            texts: Default::default(),
            bulk: Bulk::with_capacity(file.values.len(), file.progress_reports.len()),
            phase,
            done: 0,
            file,
        })
    }

    fn record_count(file: &FileV1) -> usize {
        file.areas.len()
            + file.units.len()
            + file.indicators.len()
            + file.values.len()
            + file.relations.len()
            + file.projects.len()
            + file.progress_reports.len()
            + file.supervision_items.len()
            + file.bulletins.len()
            + file.summaries.len()
            + file.meetings.len()
            + file.approvals.len()
            + file.reminders.len()
    }

    /// Steps taken and steps in all (each record is converted, then inserted; the hashing of
    /// a file with a checksum is not counted).
    pub fn progress(&self) -> (usize, usize) {
        (self.done, 2 * Self::record_count(&self.file))
    }

    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// Takes up to `budget` steps: a record restored is two (see [`Restoring::progress`]).
    pub fn step(&mut self, budget: usize) {
        SHARED_TEXTS.with(|texts| {
            *texts.borrow_mut() = Some(std::mem::take(&mut self.texts));
        });
        let mut left = budget;
        while left > 0 {
            match &mut self.phase {
                Phase::Hashing(steps) => {
                    // Hashing a record is cheaper than restoring one: a bigger slice of them.
                    let budget = left.saturating_mul(4);
                    if let Some(checksum) = steps.step(&self.file, budget) {
                        if self.file.checksum.as_deref() == Some(checksum.as_str()) {
                            self.checksum = ChecksumStatus::Valid;
                        }
                        self.phase = Phase::Restoring(0, 0);
                    } else {
                        break;
                    }
                }
                &mut Phase::Restoring(collection, index) if collection < COLLECTIONS => {
                    match convert_at(&self.file, collection, index, &mut self.problems) {
                        Some(converted) => {
                            self.insert(converted);
                            self.phase = Phase::Restoring(collection, index + 1);
                            // A record is two steps of the progress (converted, inserted), as
                            // it was when they were apart; a slice of `budget` steps is as long.
                            self.done += 2;
                            left = left.saturating_sub(2);
                        }
                        None => self.phase = Phase::Restoring(collection + 1, 0),
                    }
                }
                Phase::Restoring(..) => {
                    self.dataset.finish_bulk(std::mem::take(&mut self.bulk));
                    self.phase = Phase::Releasing;
                }
                Phase::Releasing => {
                    // Letting go is cheaper than restoring: a bigger slice.
                    let budget = left.saturating_mul(8);
                    if release(&mut self.file, &mut self.seen_ids, budget) {
                        self.phase = Phase::Done;
                    }
                    break;
                }
                Phase::Done => break,
            }
        }
        self.texts = SHARED_TEXTS
            .with(|texts| texts.borrow_mut().take())
            .unwrap_or_default();
    }

    fn insert(&mut self, (path, record, extra): Converted) {
        let Some(record) = record else {
            return;
        };
        if let Some(first) = self.seen_ids.get(record.id()) {
            self.problems.push(Problem {
                path: format!("{path}.id"),
                kind: ProblemKind::DuplicateId {
                    id: format!("{} (first at {first})", record.id()),
                },
            });
            return;
        }
        self.seen_ids.insert(record.id().clone(), path);
        let record_id = record.id().clone();
        // Every id is new to the dataset (checked just above), so no other kind holds it.
        match self.dataset.insert_loaded_bulk(record, &mut self.bulk) {
            Ok(()) => self.dataset.set_extra(record_id, extra),
            Err(reason) => self.problems.push(Problem {
                path: path.to_string(),
                kind: ProblemKind::Refused { reason },
            }),
        }
    }

    /// The tombstones, the boundary map and the unknown keys, after the last step (stepping
    /// to the end first if needed).
    pub fn finish(mut self) -> Loaded {
        if !self.is_done() {
            self.step(usize::MAX);
        }
        let Restoring {
            file,
            checksum,
            mut dataset,
            mut problems,
            texts,
            ..
        } = self;
        SHARED_TEXTS.with(|shared| *shared.borrow_mut() = Some(texts));
        dataset.meta_extra = file.dataset.extra.clone();
        for (index, t) in file.tombstones.iter().enumerate() {
            let path = format!("$.tombstones[{index}]");
            let Some(id) = parse_id(&t.id, || format!("{path}.id"), &mut problems) else {
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
                    device: shared(&t.deleted.device),
                    at: shared(&t.deleted.at),
                    by: shared(&t.deleted.by),
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
            match geojson::read_geojson(&text) {
                Ok(_) => {
                    dataset.basemap = Some(Basemap {
                        name: basemap.name.clone(),
                        geojson: text,
                    })
                }
                Err(error) => problems.push(Problem {
                    path: "$.basemap.geojson".to_string(),
                    kind: ProblemKind::BadGeoJson {
                        name: basemap.name.clone(),
                        error,
                    },
                }),
            }
        }
        SHARED_TEXTS.with(|shared| *shared.borrow_mut() = None);
        Loaded {
            dataset,
            problems,
            export: file.export,
            checksum,
            extra: file.extra,
        }
    }
}
