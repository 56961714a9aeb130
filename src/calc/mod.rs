//! Derived figures: year-on-year growth, CAGR, cumulative sums and shares. Pure functions over
//! the dataset; nothing here is ever typed by a user or stored.
//!
//! Invariant: a year-to-date (or otherwise partial) figure is never silently compared with a
//! full-year one — such a result carries [`Comparability::Partial`] and the UI says so.

pub mod approvals;
pub mod checks;
pub mod draft;
pub mod precision;
pub mod projects;

use crate::model::{Amount, Dataset, Period, RecordId, Unit, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Whether two figures measure like with like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparability {
    /// Same kind of period (two years, two Jan–Oct runs …).
    Comparable,
    /// One side covers only part of what the other covers (2016 Jan–Sep vs 2015).
    Partial,
    /// The two figures are counted differently (their scope notes differ: 2013's subsidies add
    /// provincial funds; 计划总投资 vs 计划投资额).
    ScopeDiffers,
}

/// A percentage change from one figure to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Growth {
    pub from: Period,
    pub to: Period,
    /// Percent, rounded to 2 decimals (69.72 means +69.72 %).
    pub percent: Decimal,
    pub comparability: Comparability,
}

/// Compound annual growth rate between two periods `years` apart.
#[derive(Debug, Clone, PartialEq)]
pub struct Cagr {
    pub from: Period,
    pub to: Period,
    pub years: i32,
    /// Percent per year, rounded to 2 decimals.
    pub percent: f64,
    pub comparability: Comparability,
}

/// A total over a span, with what it is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cumulative {
    pub from_year: i32,
    pub to_year: i32,
    pub total: Decimal,
    pub years_present: Vec<i32>,
    pub years_missing: Vec<i32>,
}

/// Percent growth from `before` to `after`: `(after − before) / before × 100`, or `None` when
/// `before` is zero.
pub fn growth_percent(before: Decimal, after: Decimal) -> Option<Decimal> {
    if before.is_zero() {
        return None;
    }
    let ratio = (after - before).checked_div(before)?;
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.round_dp(2))
}

/// Whether comparing these two periods is like with like.
pub fn comparability(a: &Period, b: &Period) -> Comparability {
    let same_shape = match (a, b) {
        (Period::Year(_), Period::Year(_)) => true,
        (
            Period::YearToDate {
                through_month: x, ..
            },
            Period::YearToDate {
                through_month: y, ..
            },
        ) => x == y,
        (Period::Quarter { quarter: x, .. }, Period::Quarter { quarter: y, .. }) => x == y,
        (Period::Month { .. }, Period::Month { .. }) => true,
        (Period::AsOf(_), Period::AsOf(_)) => true,
        (
            Period::Span {
                from_year: a1,
                to_year: a2,
            },
            Period::Span {
                from_year: b1,
                to_year: b2,
            },
        ) => a2 - a1 == b2 - b1,
        _ => false,
    };
    if same_shape {
        Comparability::Comparable
    } else {
        Comparability::Partial
    }
}

/// Whether two values measure like with like: same shape of period and the same scope.
pub fn value_comparability(before: &Value, after: &Value) -> Comparability {
    match comparability(&before.period, &after.period) {
        Comparability::Comparable if before.scope_note != after.scope_note => {
            Comparability::ScopeDiffers
        }
        other => other,
    }
}

/// Growth between two values of one indicator.
pub fn growth_between(before: &Value, after: &Value) -> Option<Growth> {
    Some(Growth {
        from: before.period,
        to: after.period,
        percent: growth_percent(before.amount.0, after.amount.0)?,
        comparability: value_comparability(before, after),
    })
}

/// Year-on-year growth of a value: against the same period one year earlier when the ledger
/// has it, otherwise against the previous full year (then marked partial if shapes differ).
pub fn year_on_year(dataset: &Dataset, value: &Value) -> Option<Growth> {
    let previous = value.period.previous_year()?;
    let earlier = dataset
        .value_at(&value.indicator, &previous)
        .or_else(|| match value.period {
            Period::YearToDate { year, .. }
            | Period::Quarter { year, .. }
            | Period::Month { year, .. } => {
                dataset.value_at(&value.indicator, &Period::Year(year - 1))
            }
            _ => None,
        })?;
    growth_between(earlier, value)
}

/// CAGR between two values, `(after / before)^(1/years) − 1`.
pub fn cagr_between(before: &Value, after: &Value) -> Option<Cagr> {
    let start = before.period.end();
    let end = after.period.end();
    let years = end.year - start.year;
    if years <= 0 {
        return None;
    }
    let ratio = after.amount.0.checked_div(before.amount.0)?.to_f64()?;
    if ratio <= 0.0 {
        return None;
    }
    let rate = (ratio.powf(1.0 / f64::from(years)) - 1.0) * 100.0;
    Some(Cagr {
        from: before.period,
        to: after.period,
        years,
        percent: (rate * 100.0).round() / 100.0,
        comparability: value_comparability(before, after),
    })
}

/// Sum of an indicator's full-year values from `from_year` to `to_year`, saying which years
/// the ledger lacks.
pub fn cumulative(
    dataset: &Dataset,
    indicator: &RecordId,
    from_year: i32,
    to_year: i32,
) -> Cumulative {
    let mut total = Decimal::ZERO;
    let mut years_present = Vec::new();
    let mut years_missing = Vec::new();
    for year in from_year..=to_year {
        match dataset.value_at(indicator, &Period::Year(year)) {
            Some(value) => {
                total += value.amount.0;
                years_present.push(year);
            }
            None => years_missing.push(year),
        }
    }
    Cumulative {
        from_year,
        to_year,
        total,
        years_present,
        years_missing,
    }
}

/// `part / whole × 100`, rounded to 2 decimals; `None` when the whole is zero.
pub fn share_percent(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_div(whole)?
        .checked_mul(Decimal::ONE_HUNDRED)
        .map(|p| p.round_dp(2))
}

/// Converts an amount between two units of one dimension, exactly; `None` when the units do
/// not convert (different dimensions or no factor).
pub fn convert(amount: Amount, from: &Unit, to: &Unit) -> Option<Amount> {
    if from.id == to.id {
        return Some(amount);
    }
    if from.dimension != to.dimension {
        return None;
    }
    let base = amount.0.checked_mul(from.factor?.0)?;
    Some(Amount(base.checked_div(to.factor?.0)?.normalize()))
}

/// Everything the indicator page shows under its chart, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedFigures {
    /// Year-on-year growth of each value that has an earlier comparable figure.
    pub growth: Vec<Growth>,
    /// CAGR from the first to the last full-year value, when there are two.
    pub cagr: Option<Cagr>,
    /// The sum of full-year values, beside any stated multi-year total.
    pub cumulative: Option<Cumulative>,
}

/// Derived figures for one indicator. Growth between consecutive full years is given even when
/// years in between are missing (then it is the growth over the gap, and `from` says so).
pub fn derive_for_indicator(dataset: &Dataset, indicator: &RecordId) -> DerivedFigures {
    let values = dataset.values_of(indicator);
    let mut growth: Vec<Growth> = values
        .iter()
        .filter_map(|v| year_on_year(dataset, v))
        .collect();
    let years: Vec<&&Value> = values
        .iter()
        .filter(|v| matches!(v.period, Period::Year(_)))
        .collect();
    // Consecutive full-year values with a gap between them: give the growth over the gap.
    for pair in years.windows(2) {
        if let [before, after] = pair {
            let already = growth.iter().any(|g| g.to == after.period);
            if !already {
                if let Some(g) = growth_between(before, after) {
                    growth.push(g);
                }
            }
        }
    }
    crate::sorting::sort_by_key(&mut growth, |g| g.to);
    let cagr = match (years.first(), years.last()) {
        (Some(first), Some(last)) if first.period != last.period => cagr_between(first, last),
        _ => None,
    };
    let cumulative = match (years.first(), years.last()) {
        (Some(first), Some(last)) if first.period != last.period => {
            let (Period::Year(from), Period::Year(to)) = (first.period, last.period) else {
                return DerivedFigures {
                    growth,
                    cagr,
                    cumulative: None,
                };
            };
            Some(cumulative(dataset, indicator, from, to))
        }
        _ => None,
    };
    DerivedFigures {
        growth,
        cagr,
        cumulative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        crate::sample::lucheng_for_tests()
    }

    #[test]
    fn growth_into_a_year_counted_differently_says_so() {
        let dataset = sample();
        let subsidy = RecordId::parse("ind-central-subsidy").expect("id");
        let y2012 = dataset
            .value_at(&subsidy, &Period::Year(2012))
            .expect("2012");
        let y2013 = dataset
            .value_at(&subsidy, &Period::Year(2013))
            .expect("2013");
        let y2014 = dataset
            .value_at(&subsidy, &Period::Year(2014))
            .expect("2014");
        let y2015 = dataset
            .value_at(&subsidy, &Period::Year(2015))
            .expect("2015");
        assert_eq!(
            growth_between(y2012, y2013).map(|g| g.comparability),
            Some(Comparability::ScopeDiffers)
        );
        assert_eq!(
            growth_between(y2013, y2014).map(|g| g.comparability),
            Some(Comparability::ScopeDiffers)
        );
        assert_eq!(
            growth_between(y2014, y2015).map(|g| g.comparability),
            Some(Comparability::Comparable)
        );
    }

    #[test]
    fn growth_from_zero_has_no_percentage() {
        assert_eq!(growth_percent(Decimal::ZERO, Decimal::ONE), None);
        assert_eq!(share_percent(Decimal::ONE, Decimal::ZERO), None);
    }

    #[test]
    fn periods_of_different_shape_are_not_comparable() {
        assert_eq!(
            comparability(&Period::Year(2015), &Period::Year(2016)),
            Comparability::Comparable
        );
        assert_eq!(
            comparability(
                &Period::Year(2015),
                &Period::YearToDate {
                    year: 2016,
                    through_month: 9
                }
            ),
            Comparability::Partial
        );
        assert_eq!(
            comparability(
                &Period::YearToDate {
                    year: 2015,
                    through_month: 9
                },
                &Period::YearToDate {
                    year: 2016,
                    through_month: 9
                }
            ),
            Comparability::Comparable
        );
    }
}

/// One year's plan submission (计划报送) of one project class compared with what the indicator
/// ledger says for that year ("2015年安排重点建设项目16个 … 计划投资额60.85亿元").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanCheck {
    pub class: String,
    pub year: i32,
    /// Projects of the class with a plan for the year, and their planned total in the ledger
    /// indicator's unit (converted exactly).
    pub projects: usize,
    pub planned_total: Option<Decimal>,
    /// What the indicator ledger states.
    pub ledger_count: Option<Decimal>,
    pub ledger_total: Option<Decimal>,
    /// Findings: empty when the two agree.
    pub mismatches: Vec<PlanMismatch>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanMismatch {
    Count {
        projects: usize,
        ledger: Decimal,
    },
    Total {
        planned: Decimal,
        ledger: Decimal,
    },
    /// The planned total cannot be put in the ledger indicator's unit.
    UnitMismatch,
}

/// Compares a class's project plans for a year with the ledger's count and total indicators.
/// Project plans are in 万元; the total is converted into the total indicator's unit exactly.
/// This is one relation kind a general consistency checker can take in.
pub fn plan_vs_ledger(
    dataset: &Dataset,
    class: &str,
    year: i32,
    count_indicator: &RecordId,
    total_indicator: &RecordId,
) -> PlanCheck {
    let planned: Vec<Decimal> = dataset
        .projects()
        .filter(|p| p.class == class)
        .filter_map(|p| {
            p.annual_plans
                .iter()
                .find(|(y, _)| *y == year)
                .map(|(_, a)| a.0)
        })
        .collect();
    let projects = planned.len();
    let sum_wan: Decimal = planned.iter().copied().sum();
    let ledger_count = dataset
        .value_at(count_indicator, &Period::Year(year))
        .map(|v| v.amount.0);
    let total_value = dataset.value_at(total_indicator, &Period::Year(year));
    let ledger_total = total_value.map(|v| v.amount.0);
    let wan = dataset.unit_by_symbol("万元");
    let total_unit = dataset
        .indicator(total_indicator)
        .and_then(|i| dataset.unit(&i.unit));
    let planned_total = match (wan, total_unit) {
        (Some(wan), Some(unit)) => convert(Amount(sum_wan), wan, unit).map(|a| a.0),
        _ => None,
    };
    let mut mismatches = Vec::new();
    if let Some(ledger) = ledger_count {
        if Decimal::from(projects as u64) != ledger {
            mismatches.push(PlanMismatch::Count { projects, ledger });
        }
    }
    match (planned_total, ledger_total) {
        (Some(planned), Some(ledger)) if planned.normalize() != ledger.normalize() => {
            mismatches.push(PlanMismatch::Total { planned, ledger })
        }
        (None, Some(_)) if projects > 0 => mismatches.push(PlanMismatch::UnitMismatch),
        _ => {}
    }
    PlanCheck {
        class: class.to_string(),
        year,
        projects,
        planned_total,
        ledger_count,
        ledger_total,
        mismatches,
    }
}
