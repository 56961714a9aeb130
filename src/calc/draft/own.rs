//! A draft checked against itself, no ledger needed: statements within a paragraph whose
//! figures must fit together, each checked at the precision the figures were written with
//! ([`stated_bounds`] and [`Bounds`] arithmetic).
//!
//! - **Rates** after their two counts: "安排项目120个…已开工78个,开工率65%" (78 ÷ 120 = 65.0 %).
//!   The numerator is the nearest earlier figure whose clause holds the rate's stem (开工 for
//!   开工率, not negated as in 未开工); the denominator the nearest figure before it in the same
//!   unit whose clause does not.
//! - **Shares of a plan**: "完成投资41.3亿元,占年度计划的82.6%" against "年度计划投资50亿元"
//!   earlier in the paragraph.
//! - **Remainders**: "安排项目120个,已开工78个,未开工42个" (42 = 120 − 78).
//! - **Gaps to time elapsed**: "1-10月完成年度计划的90%,超过时间进度6.7个百分点" (10 of 12
//!   months is 83.3 %; 90 − 83.3 = 6.7).
//! - **Parts under 其中**: the parts must not add up to more than their total; when they are
//!   clearly all of it (introduced with 分别, or nothing else follows them in the sentence) their
//!   sum must be the total ("审批941个,其中…641个,…250个,…23个": 914 is not 941).
//!
//! Every lookup goes back at most [`LOOKBACK`] figures, so the work per figure is bounded.

use super::figures::{FigureKind, Reading};
use super::text::{is_word_char, Sentence, CLAUSE_REACH};
use super::{FigureValue, OwnCheck, OwnFinding};
use crate::calc::precision::{stated_bounds, Bounds};
use crate::model::{Date, Period, Qualifier};
use rust_decimal::Decimal;

/// How many figures back a check looks for the figures it is computed from.
const LOOKBACK: usize = 24;

/// A figure of a paragraph with the sentence it was read from, and the words of its clause
/// (read once: the checks look at each figure's words many times).
pub(super) struct Placed<'a> {
    pub sentence: &'a Sentence,
    pub sentence_index: usize,
    pub reading: &'a Reading,
    /// The figure's clause up to its number.
    before: String,
    /// The figure's whole clause.
    clause: String,
}

impl<'a> Placed<'a> {
    pub fn new(sentence: &'a Sentence, sentence_index: usize, reading: &'a Reading) -> Placed<'a> {
        let start = sentence.clause_start(reading.number_start, CLAUSE_REACH);
        let end = sentence.clause_end(reading.end, CLAUSE_REACH);
        Placed {
            sentence,
            sentence_index,
            reading,
            before: sentence.slice(start..reading.number_start),
            clause: sentence.slice(start..end),
        }
    }

    fn before(&self) -> &str {
        &self.before
    }

    fn clause(&self) -> &str {
        &self.clause
    }

    fn bounds(&self) -> Bounds {
        stated_bounds(self.reading.amount, self.reading.qualifier)
    }

    fn is_quantity(&self) -> bool {
        self.reading.kind == FigureKind::Quantity
    }
}

/// Every own-check finding of one paragraph; `stated` and `inputs` index into `figures`.
pub(super) fn own_checks(figures: &[Placed]) -> Vec<OwnFinding> {
    let mut findings = Vec::new();
    for (index, figure) in figures.iter().enumerate() {
        let finding = match figure.reading.kind {
            FigureKind::Percent => rate(figures, index).or_else(|| plan_share(figures, index)),
            FigureKind::Points => time_progress(figures, index),
            FigureKind::Quantity => remainder(figures, index),
            FigureKind::Multiple | FigureKind::Rank => None,
        };
        findings.extend(finding);
    }
    findings.extend(parts(figures));
    // In the order of the text, by the figure each finding is about.
    crate::sorting::sort_by_key(&mut findings, |f| f.stated.index);
    findings
}

/// The figures before `index`, nearest first, at most [`LOOKBACK`] of them.
fn earlier<'p, 'a>(
    figures: &'p [Placed<'a>],
    index: usize,
) -> impl Iterator<Item = (usize, &'p Placed<'a>)> {
    let from = index.saturating_sub(LOOKBACK);
    (from..index)
        .rev()
        .filter_map(move |i| figures.get(i).map(|f| (i, f)))
}

/// Whether a clause names an action (开工) without negating it (未开工, 尚未开工, 不开工).
fn names_done(clause: &str, stem: &str) -> bool {
    clause.match_indices(stem).any(|(at, _)| {
        let before = clause.get(..at).and_then(|b| b.chars().last());
        !matches!(before, Some('未' | '不' | '没' | '无'))
    })
}

/// The word chars just before `at` in `text`, at most two ("开工" before 率).
fn stem_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let mut stem: Vec<char> = head
        .chars()
        .rev()
        .take_while(|c| is_word_char(*c))
        .take(2)
        .collect();
    stem.reverse();
    stem.into_iter().collect()
}

/// "开工率65%": the rate after its two counts.
fn rate(figures: &[Placed], index: usize) -> Option<OwnFinding> {
    let stated = figures.get(index)?;
    let before = stated.before();
    let at = before.rfind('率')?;
    let stem = stem_before(before, at);
    if stem.chars().count() < 2 {
        return None;
    }
    let (numerator_index, numerator) =
        earlier(figures, index).find(|(_, f)| f.is_quantity() && names_done(f.clause(), &stem))?;
    let (denominator_index, denominator) = earlier(figures, numerator_index).find(|(_, f)| {
        f.is_quantity()
            && f.reading.unit == numerator.reading.unit
            && !f.clause().contains(stem.as_str())
    })?;
    let computed = numerator
        .bounds()
        .div(&denominator.bounds())?
        .scale(Decimal::ONE_HUNDRED)?;
    let centre = percent_of(numerator.reading.amount, denominator.reading.amount)?;
    Some(finding(
        OwnCheck::Rate,
        format!("{stem}率"),
        figures,
        index,
        &[numerator_index, denominator_index],
        centre,
        stated.bounds().overlaps(&computed),
    ))
}

/// "占年度计划的82.6%": a done amount over the plan named earlier in the paragraph.
fn plan_share(figures: &[Placed], index: usize) -> Option<OwnFinding> {
    let stated = figures.get(index)?;
    let before = stated.before();
    if !(before.contains("计划") && (before.contains('占') || before.contains("完成"))) {
        return None;
    }
    let (done_index, done) = earlier(figures, index).find(|(_, f)| {
        f.sentence_index == stated.sentence_index && f.is_quantity() && !f.clause().contains("计划")
    })?;
    let done_scale = unit_scale(&done.reading.unit);
    let (plan_index, plan) = earlier(figures, done_index).find(|(_, f)| {
        f.is_quantity()
            && f.clause().contains("计划")
            && unit_scale(&f.reading.unit).0 == done_scale.0
    })?;
    let plan_scale = unit_scale(&plan.reading.unit).1;
    let done_bounds = done.bounds().scale(done_scale.1)?;
    let plan_bounds = plan.bounds().scale(plan_scale)?;
    let computed = done_bounds.div(&plan_bounds)?.scale(Decimal::ONE_HUNDRED)?;
    let centre = percent_of(
        done.reading.amount.checked_mul(done_scale.1)?,
        plan.reading.amount.checked_mul(plan_scale)?,
    )?;
    Some(finding(
        OwnCheck::PlanShare,
        String::new(),
        figures,
        index,
        &[done_index, plan_index],
        centre,
        stated.bounds().overlaps(&computed),
    ))
}

/// "未开工42个": the total less what was done.
fn remainder(figures: &[Placed], index: usize) -> Option<OwnFinding> {
    let stated = figures.get(index)?;
    let before = stated.before();
    let at = before.rfind('未')?;
    let stem: String = before
        .get(at + '未'.len_utf8()..)?
        .chars()
        .take_while(|c| is_word_char(*c))
        .take(2)
        .collect();
    if stem.chars().count() < 2 {
        return None;
    }
    let unit = &stated.reading.unit;
    let (done_index, done) = earlier(figures, index).find(|(_, f)| {
        f.is_quantity() && &f.reading.unit == unit && names_done(f.clause(), &stem)
    })?;
    let (total_index, total) = earlier(figures, done_index).find(|(_, f)| {
        f.is_quantity() && &f.reading.unit == unit && !f.clause().contains(stem.as_str())
    })?;
    let computed = total.bounds().sub(&done.bounds())?;
    let centre = total.reading.amount.checked_sub(done.reading.amount)?;
    Some(finding(
        OwnCheck::Remainder,
        stem,
        figures,
        index,
        &[total_index, done_index],
        centre,
        stated.bounds().overlaps(&computed),
    ))
}

/// "1-10月完成年度计划的90%,超过时间进度6.7个百分点": the gap between a share of the year's
/// plan and the share of the year gone by.
fn time_progress(figures: &[Placed], index: usize) -> Option<OwnFinding> {
    let stated = figures.get(index)?;
    let before = stated.before();
    if !["时间进度", "序时进度", "时序进度"]
        .iter()
        .any(|w| before.contains(w))
    {
        return None;
    }
    let ahead = ["超过", "超出", "快于", "高于", "领先", "超"]
        .iter()
        .any(|w| before.contains(w));
    let behind = ["落后", "低于", "慢于", "滞后", "差"]
        .iter()
        .any(|w| before.contains(w));
    if ahead == behind {
        return None;
    }
    let (percent_index, percent) = earlier(figures, index).find(|(_, f)| {
        f.sentence_index == stated.sentence_index && f.reading.kind == FigureKind::Percent
    })?;
    let period = percent.reading.period.or(stated.reading.period)?;
    let elapsed = elapsed_percent(&period)?;
    let elapsed_bounds = Bounds::exact(elapsed);
    let (computed, centre) = if ahead {
        (
            percent.bounds().sub(&elapsed_bounds)?,
            percent.reading.amount.checked_sub(elapsed)?,
        )
    } else {
        (
            elapsed_bounds.sub(&percent.bounds())?,
            elapsed.checked_sub(percent.reading.amount)?,
        )
    };
    Some(finding(
        OwnCheck::TimeProgress { elapsed },
        String::new(),
        figures,
        index,
        &[percent_index],
        centre,
        stated.bounds().overlaps(&computed),
    ))
}

/// The share of its year a period has gone through, by months: January–October is 10 / 12.
fn elapsed_percent(period: &Period) -> Option<Decimal> {
    let months = match *period {
        Period::Year(_) => 12,
        Period::YearToDate { through_month, .. } => through_month,
        Period::AsOf(date) if Date::end_of_month(date.year, date.month).ok() == Some(date) => {
            date.month
        }
        _ => return None,
    };
    Decimal::from(months)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from(12))
}

/// Parts listed under 其中 against their total.
fn parts(figures: &[Placed]) -> Vec<OwnFinding> {
    let mut findings = Vec::new();
    let mut index = 0;
    while index < figures.len() {
        let Some(first) = figures.get(index) else {
            break;
        };
        let sentence = first.sentence;
        let sentence_index = first.sentence_index;
        let in_sentence: Vec<usize> = (index..figures.len())
            .take_while(|i| {
                figures
                    .get(*i)
                    .is_some_and(|f| f.sentence_index == sentence_index)
            })
            .collect();
        let next = index + in_sentence.len().max(1);
        for at in qizhong_positions(sentence) {
            findings.extend(parts_at(figures, &in_sentence, index, at));
        }
        index = next;
    }
    findings
}

/// Where 其中 stands in a sentence (outside quotes and titles).
fn qizhong_positions(sentence: &Sentence) -> Vec<usize> {
    (0..sentence.len())
        .filter(|i| sentence.has_at(*i, "其中") && !sentence.is_masked(*i))
        .collect()
}

/// The parts after one 其中 (up to the next 其中 or the sentence's end) and their totals.
fn parts_at(
    figures: &[Placed],
    in_sentence: &[usize],
    first_of_sentence: usize,
    at: usize,
) -> Vec<OwnFinding> {
    let Some(sentence) = figures.get(first_of_sentence).map(|f| f.sentence) else {
        return Vec::new();
    };
    let next_at = (at + 2..sentence.len())
        .find(|i| sentence.has_at(*i, "其中"))
        .unwrap_or(sentence.len());
    let starts = |i: &usize| figures.get(*i).map_or(0, |f| f.reading.number_start);
    let first_after = in_sentence.partition_point(|i| starts(i) < at);
    let first_beyond = in_sentence.partition_point(|i| starts(i) < next_at);
    let before = in_sentence.get(..first_after).unwrap_or(&[]);
    let mut totals: Vec<usize> = before
        .get(before.len().saturating_sub(LOOKBACK)..)
        .unwrap_or(&[])
        .to_vec();
    // "…完成投资100亿元。其中,政府投资60亿元…": the totals are the sentence before's.
    if totals.is_empty() && at <= 1 && first_of_sentence > 0 {
        let previous = figures.get(first_of_sentence - 1).map(|f| f.sentence_index);
        totals = earlier(figures, first_of_sentence)
            .filter(|(_, f)| Some(f.sentence_index) == previous)
            .map(|(i, _)| i)
            .collect();
        totals.reverse();
    }
    let after = in_sentence
        .get(first_after..first_beyond.max(first_after))
        .unwrap_or(&[]);
    // Each part goes with the nearest total before 其中 in a unit it converts to.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut stray = false;
    for part in after {
        let Some(placed) = figures.get(*part) else {
            continue;
        };
        let dimension = unit_scale(&placed.reading.unit).0;
        let total = totals.iter().rev().copied().find(|t| {
            figures.get(*t).is_some_and(|f| {
                f.is_quantity()
                    && placed.is_quantity()
                    && unit_scale(&f.reading.unit).0 == dimension
            })
        });
        match total {
            Some(total) => match groups.iter_mut().find(|(t, _)| *t == total) {
                Some((_, members)) => members.push(*part),
                None => groups.push((total, vec![*part])),
            },
            None => stray = true,
        }
    }
    let introduced_as_all =
        (at + 2..(at + 6).min(sentence.len())).any(|i| sentence.has_at(i, "分别"));
    let complete = introduced_as_all || !stray;
    groups
        .into_iter()
        .filter_map(|(total, members)| parts_finding(figures, total, &members, complete))
        .collect()
}

fn parts_finding(
    figures: &[Placed],
    total_index: usize,
    members: &[usize],
    complete: bool,
) -> Option<OwnFinding> {
    let total = figures.get(total_index)?;
    let (dimension, total_scale) = unit_scale(&total.reading.unit);
    let mut sum = Bounds::exact(Decimal::ZERO);
    let mut centre = Decimal::ZERO;
    for member in members {
        let part = figures.get(*member)?;
        let (part_dimension, scale) = unit_scale(&part.reading.unit);
        if part_dimension != dimension {
            return None;
        }
        let factor = scale.checked_div(total_scale)?;
        sum = sum.add(&part.bounds().scale(factor)?)?;
        centre = centre.checked_add(part.reading.amount.checked_mul(factor)?)?;
    }
    let total_bounds = total.bounds();
    let complete = complete && members.len() >= 2;
    let holds = if complete {
        sum.overlaps(&total_bounds)
    } else {
        sum.lo <= total_bounds.hi
    };
    Some(finding(
        OwnCheck::Parts { complete },
        String::new(),
        figures,
        total_index,
        members,
        centre.normalize(),
        holds,
    ))
}

/// `part / whole × 100`, `None` for a zero whole.
fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)
}

/// A unit's dimension and its size in the dimension's base, for converting within a draft
/// ("41.3亿元" against "5000万元"): money in 元, areas in 平方米, masses in 千克 … A unit not
/// listed is a dimension of its own, of size 1; "万人" is 10000 人.
fn unit_scale(symbol: &str) -> (String, Decimal) {
    const SCALES: &[(&str, &str, i64)] = &[
        ("元", "money", 1),
        ("千元", "money", 1_000),
        ("万元", "money", 10_000),
        ("百万元", "money", 1_000_000),
        ("亿元", "money", 100_000_000),
        ("美元", "usd", 1),
        ("万美元", "usd", 10_000),
        ("亿美元", "usd", 100_000_000),
        ("平方米", "area", 1),
        ("万平方米", "area", 10_000),
        ("公顷", "area", 10_000),
        ("平方公里", "area", 1_000_000),
        ("千克", "mass", 1),
        ("吨", "mass", 1_000),
        ("万吨", "mass", 10_000_000),
        ("立方米", "volume", 1),
        ("万立方米", "volume", 10_000),
        ("千瓦时", "energy", 1),
        ("万千瓦时", "energy", 10_000),
        ("千瓦", "power", 1),
        ("兆瓦", "power", 1_000),
        ("万千瓦", "power", 10_000),
        ("米", "length", 1),
        ("km", "length", 1_000),
    ];
    if let Some((_, dimension, factor)) = SCALES.iter().find(|(s, _, _)| *s == symbol) {
        return ((*dimension).to_string(), Decimal::from(*factor));
    }
    for (prefix, factor) in [("万", 10_000i64), ("亿", 100_000_000)] {
        if let Some(rest) = symbol.strip_prefix(prefix) {
            if !rest.is_empty() {
                let (dimension, scale) = unit_scale(rest);
                let scaled = scale.checked_mul(Decimal::from(factor)).unwrap_or(scale);
                return (dimension, scaled);
            }
        }
    }
    (symbol.to_string(), Decimal::ONE)
}

fn figure_value(figures: &[Placed], index: usize) -> Option<FigureValue> {
    let placed = figures.get(index)?;
    Some(FigureValue {
        index,
        amount: placed.reading.amount,
        unit: placed.reading.unit.clone(),
        kind: placed.reading.kind,
        qualifier: placed.reading.qualifier,
    })
}

fn finding(
    check: OwnCheck,
    label: String,
    figures: &[Placed],
    stated: usize,
    inputs: &[usize],
    computed: Decimal,
    holds: bool,
) -> OwnFinding {
    let fallback = FigureValue {
        index: stated,
        amount: Decimal::ZERO,
        unit: String::new(),
        kind: FigureKind::Quantity,
        qualifier: Qualifier::Exact,
    };
    OwnFinding {
        check,
        holds,
        label,
        stated: figure_value(figures, stated).unwrap_or(fallback),
        inputs: inputs
            .iter()
            .filter_map(|i| figure_value(figures, *i))
            .collect(),
        computed,
    }
}
