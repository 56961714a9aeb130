//! What a merge's changes and conflicts look like to people: field names in the reader's
//! language ("数值" / "Value", never "amount"), values with their units, periods and names
//! instead of codes and ids, and who changed each side of a conflict and when (from the
//! stamps). The import preview shows these; they are pure and tested natively.

use crate::format::diff::{describe, Change, Difference};
use crate::format::merge::{Conflict, ConflictKind, MergePlan};
use crate::i18n::{field_name, status_key, text};
use crate::model::{Dataset, Lang, Period, Qualifier, Record, RecordId, Stamp};

/// A field's value for people: an amount with its unit ("371 万元"), a period's label, a
/// qualifier's word, a status's name, a referenced record's name. `record` is the record the
/// value belongs to (for the unit of an amount), `dataset` the ledger that names references.
pub fn field_value(
    dataset: &Dataset,
    record: &Record,
    field: &str,
    raw: &str,
    lang: Lang,
) -> String {
    if raw.is_empty() {
        return "—".to_string();
    }
    let name_of = |id: &str| {
        RecordId::parse(id)
            .and_then(|id| dataset.record(&id))
            .map(|r| describe(dataset, &r, lang))
            .unwrap_or_else(|| id.to_string())
    };
    match (record, field) {
        (Record::Value(value), "amount") => {
            let unit = dataset
                .indicator(&value.indicator)
                .and_then(|i| dataset.unit(&i.unit))
                .map(|u| u.symbol.clone())
                .unwrap_or_default();
            let figure = crate::model::Amount::from_canonical(raw)
                .map(|a| a.grouped())
                .unwrap_or_else(|_| raw.to_string());
            format!("{figure} {unit}").trim_end().to_string()
        }
        (
            Record::Report(_) | Record::Project(_),
            "invested_month" | "invested_cumulative" | "total_investment",
        ) => {
            let figure = crate::model::Amount::from_canonical(raw)
                .map(|a| a.grouped())
                .unwrap_or_else(|_| raw.to_string());
            format!("{figure} {}", text(lang, "project.wan"))
        }
        (_, "period") => Period::from_code(raw)
            .map(|p| p.label(lang))
            .unwrap_or_else(|_| raw.to_string()),
        (_, "columns") => raw
            .lines()
            .map(|code| {
                Period::from_code(code)
                    .map(|p| p.label(lang))
                    .unwrap_or_else(|_| code.to_string())
            })
            .collect::<Vec<_>>()
            .join(", "),
        (_, "qualifier") => match Qualifier::from_code(raw) {
            Some(Qualifier::Exact) => text(lang, "qualifier.exact").to_string(),
            Some(Qualifier::About) => text(lang, "qualifier.about").to_string(),
            Some(Qualifier::AtLeast) => text(lang, "qualifier.at_least").to_string(),
            None => raw.to_string(),
        },
        (_, "status") if matches!(record, Record::Project(_)) => {
            text(lang, status_key(raw)).to_string()
        }
        (Record::Indicator(_), "kind") => match raw {
            "flow" => text(lang, "kind.flow").to_string(),
            "stock" => text(lang, "kind.stock").to_string(),
            other => other.to_string(),
        },
        (_, "indicator" | "area" | "unit" | "project") => name_of(raw),
        _ => raw.to_string(),
    }
}

/// One difference as a line for people: "固定资产投资额 2016年 · 数值: 370 亿元 → 371 亿元".
pub fn difference_line(
    before: &Dataset,
    after: &Dataset,
    difference: &Difference,
    lang: Lang,
) -> String {
    let word = |key: &'static str| text(lang, key).to_string();
    let what = match &difference.change {
        Change::Changed {
            field,
            before: old,
            after: new,
        } => {
            let old_record = before.record(&difference.id);
            let new_record = after.record(&difference.id);
            let old_text = old_record
                .as_ref()
                .map(|r| field_value(before, r, field, old, lang))
                .unwrap_or_else(|| old.clone());
            let new_text = new_record
                .as_ref()
                .map(|r| field_value(after, r, field, new, lang))
                .unwrap_or_else(|| new.clone());
            format!("{}: {old_text} → {new_text}", field_name(field, lang))
        }
        Change::Added => word("import.created"),
        Change::Removed | Change::Deleted => word("import.deleted"),
        Change::Restored => word("import.restored"),
    };
    format!("{} · {what}", difference.label)
}

/// Who made a change and when, from its stamp ("" when the stamp does not say).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedBy {
    pub author: String,
    /// ISO 8601 UTC, as stamped.
    pub at: String,
}

impl ChangedBy {
    fn of(stamp: Option<&Stamp>, fallback_author: &str) -> ChangedBy {
        match stamp {
            Some(stamp) => ChangedBy {
                author: if stamp.by.is_empty() {
                    fallback_author.to_string()
                } else {
                    stamp.by.to_string()
                },
                at: stamp.at.to_string(),
            },
            None => ChangedBy {
                author: fallback_author.to_string(),
                at: String::new(),
            },
        }
    }

    /// The newest stamp of a record (its last change).
    fn last_change_of(record: &Record) -> ChangedBy {
        ChangedBy::of(
            record.stamps().values().max_by_key(|s| s.counter),
            record.updated_by(),
        )
    }
}

/// One side of a conflict as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictSide {
    pub text: String,
    pub changed: ChangedBy,
}

/// A conflict as the preview shows it: the record, what is in conflict, and both sides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictView {
    pub record: String,
    pub what: String,
    pub mine: ConflictSide,
    pub theirs: ConflictSide,
}

/// Describes a conflict of `plan` (planned with `ours` as our side) for people.
pub fn explain_conflict(
    plan: &MergePlan,
    ours: &Dataset,
    conflict: &Conflict,
    lang: Lang,
) -> ConflictView {
    let our_record = ours.record(&conflict.id);
    let record = our_record
        .as_ref()
        .map(|r| describe(ours, r, lang))
        .or_else(|| {
            plan.their_record(&conflict.id)
                .map(|r| describe(ours, r, lang))
        })
        .unwrap_or_else(|| conflict.id.to_string());
    let word = |key: &'static str| text(lang, key).to_string();
    let deleted_by = |dataset_stamp: Option<&Stamp>| ChangedBy::of(dataset_stamp, "");
    match &conflict.what {
        ConflictKind::Field {
            field,
            ours: mine,
            theirs,
            ..
        } => {
            let their_record = plan.their_record(&conflict.id);
            let side = |record: Option<&Record>, raw: &str| ConflictSide {
                text: record
                    .map(|r| field_value(ours, r, field, raw, lang))
                    .unwrap_or_else(|| raw.to_string()),
                changed: record
                    .map(|r| ChangedBy::of(r.stamps().get(*field), r.updated_by()))
                    .unwrap_or_default(),
            };
            ConflictView {
                record,
                what: field_name(field, lang),
                mine: side(our_record.as_ref(), mine),
                theirs: side(their_record, theirs),
            }
        }
        ConflictKind::DeletedByUs { theirs } => ConflictView {
            record: describe(ours, theirs, lang),
            what: word("import.deleted_by_us"),
            mine: ConflictSide {
                text: word("import.deleted"),
                changed: deleted_by(ours.tombstone(&conflict.id).map(|t| &t.deleted)),
            },
            theirs: ConflictSide {
                text: word("import.edited"),
                changed: ChangedBy::last_change_of(theirs),
            },
        },
        ConflictKind::DeletedByThem { ours: mine } => ConflictView {
            record,
            what: word("import.deleted_by_them"),
            mine: ConflictSide {
                text: word("import.edited"),
                changed: ChangedBy::last_change_of(mine),
            },
            theirs: ConflictSide {
                text: word("import.deleted"),
                changed: deleted_by(plan.their_tombstone(&conflict.id).map(|t| &t.deleted)),
            },
        },
        ConflictKind::SameFigure {
            ours: mine, theirs, ..
        } => {
            let figure = |record: &Record| match record {
                Record::Value(v) => {
                    field_value(ours, record, "amount", &v.amount.canonical(), lang)
                }
                Record::Report(r) => {
                    let amount = |a: Option<crate::model::Amount>| {
                        a.map(|a| a.canonical()).unwrap_or_default()
                    };
                    format!(
                        "{} / {}",
                        field_value(
                            ours,
                            record,
                            "invested_month",
                            &amount(r.invested_month),
                            lang
                        ),
                        field_value(
                            ours,
                            record,
                            "invested_cumulative",
                            &amount(r.invested_cumulative),
                            lang
                        )
                    )
                }
                _ => String::new(),
            };
            ConflictView {
                record,
                what: word("import.same_figure"),
                mine: ConflictSide {
                    text: figure(mine),
                    changed: ChangedBy::last_change_of(mine),
                },
                theirs: ConflictSide {
                    text: figure(theirs),
                    changed: ChangedBy::last_change_of(theirs),
                },
            }
        }
    }
}
