//! Exporting part of a ledger: some work areas, a span of periods, with or without the stated
//! figures (relations). The selection is itself a consistent ledger — every unit comes along
//! (units are shared configuration) — so it exports, validates and merges like a whole one (a merge
//! treats what a partial file does not hold as unchanged, never as deleted).

use crate::model::{Dataset, Period, Record, RecordId};
use std::collections::BTreeSet;

/// What to export. `None` means "all".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub areas: Option<BTreeSet<RecordId>>,
    /// Values and relations whose period lies within `from ..= to` (by start and end date).
    pub from: Option<Period>,
    pub to: Option<Period>,
    pub relations: bool,
}

impl Selection {
    pub fn everything() -> Selection {
        Selection {
            relations: true,
            ..Selection::default()
        }
    }

    fn period_in(&self, period: &Period) -> bool {
        self.from.is_none_or(|from| period.start() >= from.start())
            && self.to.is_none_or(|to| period.end() <= to.end())
    }
}

/// The part of `dataset` a selection names, as a ledger of its own (same id and meta).
pub fn select(dataset: &Dataset, selection: &Selection) -> Dataset {
    let mut out = Dataset::new(dataset.meta.clone());
    let area_ok = |id: &RecordId| selection.areas.as_ref().is_none_or(|a| a.contains(id));
    let indicators: Vec<_> = dataset.indicators().filter(|i| area_ok(&i.area)).collect();
    let included: BTreeSet<RecordId> = indicators.iter().map(|i| i.id.clone()).collect();
    // Inserted in dependency order; every record comes from a consistent ledger, so the checks
    // cannot refuse one (a refusal would only drop that record).
    for area in dataset.areas() {
        if area_ok(&area.id) {
            let _ = out.insert_loaded(Record::Area(area.clone()));
        }
    }
    for unit in dataset.units() {
        let _ = out.insert_loaded(Record::Unit(unit.clone()));
    }
    for indicator in &indicators {
        let _ = out.insert_loaded(Record::Indicator((*indicator).clone()));
    }
    for value in dataset.values() {
        if included.contains(&value.indicator) && selection.period_in(&value.period) {
            let _ = out.insert_loaded(Record::Value(value.clone()));
        }
    }
    if selection.relations {
        for relation in dataset.relations() {
            let all_in = std::iter::once(&relation.subject)
                .chain(&relation.base)
                .all(|r| included.contains(&r.indicator));
            if all_in && selection.period_in(&relation.subject.period) {
                let _ = out.insert_loaded(Record::Relation(relation.clone()));
            }
        }
    }
    // Projects are not split by work area or period: they travel whole, with their reports,
    // supervision items, bulletins and the boundary map.
    for project in dataset.projects() {
        let _ = out.insert_loaded(Record::Project(project.clone()));
    }
    for report in dataset.reports() {
        let _ = out.insert_loaded(Record::Report(report.clone()));
    }
    for item in dataset.supervision_items() {
        let _ = out.insert_loaded(Record::Supervision(item.clone()));
    }
    for bulletin in dataset.bulletins() {
        let _ = out.insert_loaded(Record::Bulletin(bulletin.clone()));
    }
    out.basemap = dataset.basemap.clone();
    // Deletions travel with every export, so a colleague's copy stays deleted too.
    for tombstone in dataset.tombstones() {
        let _ = out.insert_tombstone(tombstone.clone());
    }
    // Unknown keys stay with the records that carry them.
    for kind in crate::model::RecordKind::ALL {
        for id in out.ids(kind) {
            if let Some(extra) = dataset.extra(&id) {
                out.set_extra(id, extra.clone());
            }
        }
    }
    out.meta_extra = dataset.meta_extra.clone();
    out.file_extra = dataset.file_extra.clone();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RecordKind;

    fn sample() -> Dataset {
        crate::sample::lucheng_for_tests()
    }

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).expect("id")
    }

    #[test]
    fn everything_is_the_whole_ledger() {
        let dataset = sample();
        assert_eq!(select(&dataset, &Selection::everything()), dataset);
    }

    #[test]
    fn one_area_brings_its_indicators_their_units_and_values_only() {
        let dataset = sample();
        let selection = Selection {
            areas: Some([id("area-key-projects")].into_iter().collect()),
            relations: true,
            ..Selection::default()
        };
        let part = select(&dataset, &selection);
        assert_eq!(part.areas().len(), 1);
        assert!(part.indicators().all(|i| i.area == id("area-key-projects")));
        assert_eq!(
            part.count(RecordKind::Indicator),
            dataset.indicators_in(&id("area-key-projects")).len()
        );
        assert_eq!(part.units().count(), dataset.units().count());
        assert!(part
            .values()
            .all(|v| part.indicator(&v.indicator).is_some()));
        let file = crate::format::write_file(&part, None);
        let reread = crate::format::read_file(&file).expect("a selection is a valid file");
        assert!(reread.problems.is_empty());
    }

    #[test]
    fn a_period_span_keeps_only_figures_inside_it() {
        let dataset = sample();
        let selection = Selection {
            from: Some(Period::Year(2015)),
            to: Some(Period::Year(2016)),
            relations: false,
            ..Selection::default()
        };
        let part = select(&dataset, &selection);
        assert!(part
            .values()
            .all(|v| v.period.start().year >= 2015 && v.period.end().year <= 2016));
        assert!(part
            .value_at(&id("ind-central-subsidy"), &Period::Year(2016))
            .is_some());
        assert!(part
            .value_at(&id("ind-central-subsidy"), &Period::Year(2014))
            .is_none());
        assert_eq!(part.count(RecordKind::Relation), 0);
    }
}
