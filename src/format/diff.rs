//! What differs between two ledgers, record by record and field by field (the CLI's `diff`,
//! and the per-record differences of an import preview).

use crate::model::{Dataset, Lang, Record, RecordId, RecordKind};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
    /// Live in the first, a tombstone in the second.
    Deleted,
    /// A tombstone in the first, live in the second.
    Restored,
    Changed {
        field: &'static str,
        before: String,
        after: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub kind: RecordKind,
    pub id: RecordId,
    /// What the record is, for people: "固定资产投资额 2016年", an area's name, a unit's symbol.
    pub label: String,
    pub change: Change,
}

/// A record described for people, in the language given.
pub fn describe(dataset: &Dataset, record: &Record, lang: Lang) -> String {
    let indicator_name = |id: &RecordId| {
        dataset
            .indicator(id)
            .map(|i| match lang {
                Lang::En if !i.name_en.is_empty() => i.name_en.clone(),
                _ => i.name.clone(),
            })
            .unwrap_or_else(|| id.to_string())
    };
    let project_name = |id: &RecordId| {
        dataset
            .project(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    match record {
        Record::Area(a) => a.name.clone(),
        Record::Unit(u) => u.symbol.clone(),
        Record::Indicator(i) => i.name.clone(),
        Record::Project(p) => p.name.clone(),
        Record::Report(r) => format!(
            "{} {}",
            project_name(&r.project),
            crate::model::dataset::month_code(r.month)
        ),
        Record::Supervision(s) => format!("{}: {}", project_name(&s.project), s.problem),
        Record::Bulletin(b) => b.title.clone(),
        Record::Summary(s) => s.title.clone(),
        Record::Meeting(m) => format!("{} {}", m.date.to_iso(), m.title),
        Record::Approval(a) => format!("{}: {}", project_name(&a.project), a.item),
        Record::Reminder(r) => {
            let about = dataset
                .approval(&r.approval)
                .map(|a| format!("{}: {}", project_name(&a.project), a.item))
                .unwrap_or_else(|| r.approval.to_string());
            format!("{} {about}", r.date.to_iso())
        }
        Record::Value(v) => format!("{} {}", indicator_name(&v.indicator), v.period.label(lang)),
        Record::Relation(r) => format!(
            "{} {} ({})",
            indicator_name(&r.subject.indicator),
            r.subject.period.label(lang),
            r.kind.code()
        ),
    }
}

/// Every difference from `before` to `after`, in record-kind then id order.
pub fn diff(before: &Dataset, after: &Dataset, lang: Lang) -> Vec<Difference> {
    let mut ids: BTreeMap<RecordId, RecordKind> = BTreeMap::new();
    super::merge::all_ids(before, &mut ids);
    super::merge::all_ids(after, &mut ids);
    let mut out = Vec::new();
    for (id, kind) in ids {
        let old = before.record(&id);
        let new = after.record(&id);
        let push =
            |out: &mut Vec<Difference>, record: &Record, source: &Dataset, change: Change| {
                out.push(Difference {
                    kind,
                    id: id.clone(),
                    label: describe(source, record, lang),
                    change,
                })
            };
        match (&old, &new) {
            (Some(a), Some(b)) => {
                let after_fields: BTreeMap<&str, String> = b.fields().into_iter().collect();
                for (field, value) in a.fields() {
                    let new_value = after_fields.get(field).cloned().unwrap_or_default();
                    if value != new_value {
                        push(
                            &mut out,
                            b,
                            after,
                            Change::Changed {
                                field,
                                before: value,
                                after: new_value,
                            },
                        );
                    }
                }
            }
            (Some(a), None) if after.tombstone(&id).is_some() => {
                push(&mut out, a, before, Change::Deleted)
            }
            (Some(a), None) => push(&mut out, a, before, Change::Removed),
            (None, Some(b)) if before.tombstone(&id).is_some() => {
                push(&mut out, b, after, Change::Restored)
            }
            (None, Some(b)) => push(&mut out, b, after, Change::Added),
            (None, None) => {}
        }
    }
    crate::sorting::sort_by(&mut out, |a, b| {
        a.kind.cmp(&b.kind).then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The figure a "same figure entered twice" conflict is about: a value's amount, a monthly
/// report's investment this month / to date (万元).
pub fn figure_of(record: &Record) -> String {
    let opt =
        |a: &Option<crate::model::Amount>| a.map(|a| a.canonical()).unwrap_or_else(|| "—".into());
    match record {
        Record::Value(v) => v.amount.canonical(),
        Record::Report(r) => format!(
            "{} / {}",
            opt(&r.invested_month),
            opt(&r.invested_cumulative)
        ),
        _ => String::new(),
    }
}
