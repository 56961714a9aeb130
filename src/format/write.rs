//! Writing: a dataset in its file shape, canonically (keys in a fixed order, arrays sorted),
//! so equal data gives equal bytes, with the checksum over the compact form.

use super::v1::*;
use super::*;
use crate::model::dataset::{month_code, Basemap};
use crate::model::{
    Approval, Area, Bulletin, Dataset, Indicator, Meeting, Period, ProgressReport, Project, Record,
    RecordId, Relation, Reminder, Stamp, SupervisionItem, Tombstone, Unit, Validity, Value,
    ValueRef,
};
use std::collections::BTreeMap;

fn stamp_to_v1(stamp: &Stamp) -> StampV1 {
    StampV1 {
        device: stamp.device.to_string(),
        counter: stamp.counter,
        at: stamp.at.to_string(),
        by: stamp.by.to_string(),
    }
}

fn bookkeeping_to_v1(stamps: &crate::model::record::FieldStamps, author: &str) -> BookkeepingV1 {
    BookkeepingV1 {
        stamps: stamps
            .iter()
            .map(|(field, s)| (field.to_string(), stamp_to_v1(s)))
            .collect(),
        updated_by: author.to_string(),
    }
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
        meeting: r.meeting.as_ref().map(|m| m.to_string()),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn summary_to_v1(r: &crate::model::Summary) -> SummaryV1 {
    use crate::model::summary::{Block, Inline, Token};
    let inline = |i: &Inline| match i {
        Inline::Text(t) => InlineV1::Text(t.clone()),
        Inline::Token(Token::Figure { indicator, period }) => InlineV1::Figure {
            indicator: indicator.to_string(),
            period: period.code(),
        },
        Inline::Token(Token::Growth {
            indicator,
            from,
            to,
        }) => InlineV1::Growth {
            indicator: indicator.to_string(),
            from: from.code(),
            to: to.code(),
        },
        Inline::Token(Token::Cagr {
            indicator,
            from,
            to,
        }) => InlineV1::Cagr {
            indicator: indicator.to_string(),
            from: *from,
            to: *to,
        },
        Inline::Token(Token::Cumulative {
            indicator,
            from,
            to,
        }) => InlineV1::Cumulative {
            indicator: indicator.to_string(),
            from: *from,
            to: *to,
        },
        Inline::Token(Token::Share {
            indicator,
            period,
            whole,
            whole_period,
        }) => InlineV1::Share {
            indicator: indicator.to_string(),
            period: period.code(),
            whole: whole.to_string(),
            whole_period: whole_period.code(),
        },
        Inline::Token(Token::Rank { indicator, period }) => InlineV1::Rank {
            indicator: indicator.to_string(),
            period: period.code(),
        },
    };
    SummaryV1 {
        id: r.id.to_string(),
        title: r.title.clone(),
        blocks: r
            .blocks
            .iter()
            .map(|b| match b {
                Block::Heading {
                    level,
                    number,
                    text,
                } => BlockV1::Heading {
                    level: *level,
                    number: number.clone(),
                    text: text.clone(),
                },
                Block::Paragraph(inlines) => {
                    BlockV1::Paragraph(inlines.iter().map(inline).collect())
                }
                Block::Figures { indicator } => BlockV1::Figures {
                    indicator: indicator.to_string(),
                },
            })
            .collect(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
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
    match record {
        Record::Area(r) => super::to_json(&area_to_v1(r)),
        Record::Unit(r) => super::to_json(&unit_to_v1(r)),
        Record::Indicator(r) => super::to_json(&indicator_to_v1(r)),
        Record::Value(r) => super::to_json(&value_to_v1(r)),
        Record::Relation(r) => super::to_json(&relation_to_v1(r)),
        Record::Project(r) => super::to_json(&project_to_v1(r)),
        Record::Report(r) => super::to_json(&report_to_v1(r)),
        Record::Supervision(r) => super::to_json(&supervision_to_v1(r)),
        Record::Bulletin(r) => super::to_json(&bulletin_to_v1(r)),
        Record::Meeting(r) => super::to_json(&meeting_to_v1(r)),
        Record::Approval(r) => super::to_json(&approval_to_v1(r)),
        Record::Reminder(r) => super::to_json(&reminder_to_v1(r)),
        Record::Summary(r) => super::to_json(&summary_to_v1(r)),
    }
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
        counted: r.counted.map(|c| c.code().to_string()),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn approval_to_v1(r: &Approval) -> ApprovalV1 {
    let (validity_months, valid_until) = match r.validity {
        None => (None, None),
        Some(Validity::Months(months)) => (Some(i64::from(months)), None),
        Some(Validity::Until(day)) => (None, Some(day.to_iso())),
    };
    ApprovalV1 {
        id: r.id.to_string(),
        project: r.project.to_string(),
        procedure: r.procedure.code().to_string(),
        item: r.item.clone(),
        body: r.body.clone(),
        applied: r.applied.to_iso(),
        issued: r.issued.map(|d| d.to_iso()),
        document_no: r.document_no.clone(),
        validity_months,
        valid_until,
        status: r.status.code().to_string(),
        extensions: r
            .extensions
            .iter()
            .map(|e| ExtensionV1 {
                granted: e.granted.to_iso(),
                until: e.until.to_iso(),
                note: e.note.clone(),
            })
            .collect(),
        on_behalf: r.on_behalf,
        note: r.note.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn reminder_to_v1(r: &Reminder) -> ReminderV1 {
    ReminderV1 {
        id: r.id.to_string(),
        approval: r.approval.to_string(),
        date: r.date.to_iso(),
        note: r.note.clone(),
        bookkeeping: bookkeeping_to_v1(&r.stamps, &r.updated_by),
        extra: BTreeMap::new(),
    }
}

fn meeting_to_v1(r: &Meeting) -> MeetingV1 {
    MeetingV1 {
        id: r.id.to_string(),
        date: r.date.to_iso(),
        title: r.title.clone(),
        attendees: r.attendees.clone(),
        items: r
            .items
            .iter()
            .map(|i| MeetingItemV1 {
                project: i.project.to_string(),
                decision: i.decision.clone(),
            })
            .collect(),
        note: r.note.clone(),
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
        stated_pct: r.stated.map(|p| p.canonical()),
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
    let mut steps = V1Steps::new(dataset, export);
    while !steps.step(usize::MAX) {}
    steps.finish()
}

/// A boxed walk over one kind of record, held across steps.
type Walk<'a, T> = Box<dyn Iterator<Item = &'a T> + 'a>;

/// [`dataset_to_v1`] a slice of records at a time, so a city-scale ledger (197,509 records)
/// can be put in file shape for the store while the page keeps getting turns. The dataset is
/// borrowed for the whole walk, so it cannot change under it; the result is exactly
/// `dataset_to_v1`'s (which is this with an unlimited budget).
pub struct V1Steps<'a> {
    dataset: &'a Dataset,
    file: FileV1,
    units: Walk<'a, Unit>,
    indicators: Walk<'a, Indicator>,
    values: Walk<'a, Value>,
    relations: Walk<'a, Relation>,
    tombstones: Walk<'a, Tombstone>,
    projects: Walk<'a, Project>,
    reports: Walk<'a, ProgressReport>,
    supervision: Walk<'a, SupervisionItem>,
    bulletins: Walk<'a, Bulletin>,
    summaries: Walk<'a, crate::model::Summary>,
    meetings: Walk<'a, Meeting>,
    approvals: Walk<'a, Approval>,
    reminders: Walk<'a, Reminder>,
}

impl<'a> V1Steps<'a> {
    pub fn new(dataset: &'a Dataset, export: Option<ExportV1>) -> V1Steps<'a> {
        let extra_of = |id: &RecordId| dataset.extra(id).cloned().unwrap_or_default();
        // The areas are few and come sorted by the model: taken at once.
        let areas: Vec<AreaV1> = dataset
            .areas()
            .into_iter()
            .map(|r| AreaV1 {
                extra: extra_of(&r.id),
                ..area_to_v1(r)
            })
            .collect();
        V1Steps {
            dataset,
            file: FileV1 {
                type_tag: TYPE_TAG.to_string(),
                format_version: FORMAT_VERSION,
                app_version: crate::APP_VERSION.to_string(),
                dataset: dataset_meta_to_v1(dataset),
                export,
                areas,
                units: Vec::new(),
                indicators: Vec::new(),
                values: Vec::with_capacity(dataset.count(crate::model::RecordKind::Value)),
                relations: Vec::new(),
                tombstones: Vec::new(),
                projects: Vec::new(),
                progress_reports: Vec::with_capacity(
                    dataset.count(crate::model::RecordKind::Report),
                ),
                supervision_items: Vec::new(),
                bulletins: Vec::new(),
                summaries: Vec::new(),
                meetings: Vec::new(),
                approvals: Vec::new(),
                reminders: Vec::new(),
                basemap: dataset.basemap.as_ref().map(basemap_to_v1),
                checksum: None,
                extra: dataset.file_extra.clone(),
            },
            units: Box::new(dataset.units()),
            indicators: Box::new(dataset.indicators()),
            values: Box::new(dataset.values()),
            relations: Box::new(dataset.relations()),
            tombstones: Box::new(dataset.tombstones()),
            projects: Box::new(dataset.projects()),
            reports: Box::new(dataset.reports()),
            supervision: Box::new(dataset.supervision_items()),
            bulletins: Box::new(dataset.bulletins()),
            summaries: Box::new(dataset.summaries()),
            meetings: Box::new(dataset.meetings()),
            approvals: Box::new(dataset.approvals()),
            reminders: Box::new(dataset.reminders()),
        }
    }

    /// Converts up to `budget` more records; whether every record is converted.
    pub fn step(&mut self, budget: usize) -> bool {
        let dataset = self.dataset;
        let extra_of = |id: &RecordId| dataset.extra(id).cloned().unwrap_or_default();
        let mut left = budget;
        // Each record in file shape with the unknown keys it came with; the model's maps are
        // keyed by id, so these come out sorted by id already.
        macro_rules! take {
            ($walk:ident, $field:ident, |$r:ident| $make:expr) => {
                while left > 0 {
                    let Some($r) = self.$walk.next() else { break };
                    self.file.$field.push($make);
                    left -= 1;
                }
            };
            ($walk:ident, $field:ident, $shape:ident, $to_v1:ident) => {
                take!($walk, $field, |r| $shape {
                    extra: extra_of(&r.id),
                    ..$to_v1(r)
                })
            };
        }
        take!(units, units, UnitV1, unit_to_v1);
        take!(indicators, indicators, IndicatorV1, indicator_to_v1);
        take!(values, values, ValueV1, value_to_v1);
        take!(relations, relations, RelationV1, relation_to_v1);
        take!(tombstones, tombstones, |t| tombstone_to_v1(t));
        take!(projects, projects, ProjectV1, project_to_v1);
        take!(reports, progress_reports, ProgressReportV1, report_to_v1);
        take!(
            supervision,
            supervision_items,
            SupervisionItemV1,
            supervision_to_v1
        );
        take!(bulletins, bulletins, BulletinV1, bulletin_to_v1);
        take!(summaries, summaries, SummaryV1, summary_to_v1);
        take!(meetings, meetings, MeetingV1, meeting_to_v1);
        take!(approvals, approvals, ApprovalV1, approval_to_v1);
        take!(reminders, reminders, ReminderV1, reminder_to_v1);
        // Every walk stops early only when it ran out of budget.
        left > 0
    }

    /// The file, once every record is converted.
    pub fn finish(mut self) -> FileV1 {
        while !self.step(usize::MAX) {}
        crate::sorting::sort_by(&mut self.file.indicators, |a, b| {
            a.order.cmp(&b.order).then_with(|| a.id.cmp(&b.id))
        });
        self.file
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

/// Compact JSON laid out as `serde_json::to_string_pretty` lays it out (2-space indent, `": "`
/// after a key, `[]` and `{}` for empty ones), byte for byte: compact JSON has no whitespace
/// outside its strings, and a string's text is copied as it is.
pub fn pretty(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 4);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', depth * 2));
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = true;
                out.push(b);
            }
            b'{' | b'[' => {
                let close = if b == b'{' { b'}' } else { b']' };
                if bytes.get(i + 1) == Some(&close) {
                    out.extend([b, close]);
                    i += 1;
                } else {
                    out.push(b);
                    depth += 1;
                    newline(&mut out, depth);
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(&mut out, depth);
            }
            b':' => out.extend(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
    // Only ASCII was inserted, between whole characters of valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Writes a dataset as canonical, pretty-printed JSON (2-space indent, trailing newline), with
/// its checksum.
pub fn write_file(dataset: &Dataset, export: Option<ExportV1>) -> String {
    // (Keys and arrays come out in canonical order; see `dataset_to_v1`.)
    let mut file = dataset_to_v1(dataset, export);
    file.checksum = Some(checksum_of(&file));
    // Compact first, then laid out: `serde_json::to_string_pretty` would compile another
    // serializer for every type of the file (issue 14: the app's weight).
    let mut text = pretty(&serde_json::to_string(&file).unwrap_or_default());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_lays_out_compact_json_byte_for_byte_as_serde_json_does() {
        let tricky = serde_json::json!({
            "empty_object": {},
            "empty_array": [],
            "nested": [[], {}, [1, [2, {"a": [], "b": {}}]]],
            "strings": ["{[,:]}", "quote \" backslash \\ both \\\"", "换行\n制表\t", "\u{1F600}", "", ":", ","],
            "numbers": [0, -1, 1.5, 1e300, 12345678901234567890u64],
            "others": [true, false, null],
            "key with : and , and {": {"x": {"y": {"z": "deep"}}}
        });
        let compact = serde_json::to_string(&tricky).expect("written");
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(&tricky).expect("written")
        );
        // The sample as a whole file, with its checksum, as `write_file` writes it.
        let dataset = crate::sample::lucheng_for_tests();
        let mut file = dataset_to_v1(&dataset, None);
        file.checksum = Some(crate::format::checksum_of(&file));
        let expected = serde_json::to_string_pretty(&file).expect("written") + "\n";
        assert_eq!(write_file(&dataset, None), expected);
    }
}
