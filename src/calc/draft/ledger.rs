//! Matching a draft's figures to the ledger: which value (or stated relation) a figure is, and
//! whether the two agree at the precision each was written with.
//!
//! A figure is compared only with values whose unit converts from its unit ([`convert`]: a
//! draft's 亿元 against a ledger in 万元 converts exactly; 个 never meets 亿元) and whose period
//! fits the figure's (see [`periods_fit`]; a figure whose sentence names no period fits any).
//! Among those, the words decide. Each candidate scores on overlaps of character bigrams:
//!
//! - **name** — how much of the indicator's name the figure's own clause holds (cut at the
//!   figures before and after it: "6项一般专项规划以及7项…"), or, at a discount, its clause
//!   and the clause before ("其中政府投资项目审批641个,总投资526.17亿元" holds most of
//!   "政府投资项目审批总投资");
//! - **local** — how alike those clauses are to the clauses around the value's own figure in
//!   its source sentence (the sample's sources are the sentences of the report, so a pasted
//!   report finds each figure's own clause);
//! - **source** — how much of the value's source sentence the text around the figure holds.
//!
//! When the figure's own clause has words, one of them must be in the candidate's name or its
//! source clause ("已开工78个" is not the "安排重点建设项目" of the clause before). A candidate
//! needs [`MIN_SCORE`]. Candidates within [`AMBIGUITY_MARGIN`] of the best are "about equal"
//! (for a figure without a period, values of the best indicator within
//! [`SAME_INDICATOR_MARGIN`] too: its years are worded alike): if one of them agrees with the
//! figure, the figure agrees with it (the words could not tell them apart, the amount can); if
//! none agrees and they are different values, the figure is ambiguous; otherwise it differs
//! from the best. Agreement is at the precision both were written with ([`stated_bounds`]), the
//! two ranges sharing more than an end point ([`agree`]).
//!
//! Percentages, multiples, percentage points and ranks are usually statements about figures
//! (a growth, a share) rather than figures themselves: they are matched to the ledger's
//! relations the same way (by the relation's source sentence and its subject's name), and then
//! checked against what the ledger's own figures give ("投资增长了170%": 370 over 218 is
//! 69.7 %), or, where the ledger lacks the figures to compute it, against the statement it
//! recorded.
//!
//! Limits: the words are compared as bigrams, so a draft that names an indicator in quite
//! other words than the ledger finds nothing (and is marked not in the ledger rather than
//! matched to something else); names that differ in one character ("市重点项目" and
//! "省重点项目") are told apart by the clauses around them, not by the names; the scores'
//! weights and thresholds are set on the seed report and hand-written paragraphs, not learnt.

use super::figures::{read_sentence, FigureKind, Reading};
use super::periods::find_periods;
use super::text::{bigrams, Sentence};
use super::{LedgerFigure, Mark, RelationMark};
use crate::calc::convert;
use crate::calc::precision::{stated_bounds, Bounds};
use crate::model::{
    Amount, Dataset, Date, Indicator, IndicatorKind, Period, Qualifier, Relation, RelationKind,
    Unit, Value,
};
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The least score a candidate needs to be the figure's match at all.
pub(super) const MIN_SCORE: f64 = 0.3;

/// Candidates this close to the best score are taken as equally likely.
pub(super) const AMBIGUITY_MARGIN: f64 = 0.05;

/// How close the values of the best candidate's indicator must score to be taken as equally
/// likely when the figure's sentence names no period.
pub(super) const SAME_INDICATOR_MARGIN: f64 = 0.15;

/// How many candidates an ambiguous mark lists.
const MAX_CANDIDATES: usize = 5;

/// How much the name, the local clauses and the source sentence count.
#[derive(Debug, Clone, Copy)]
struct Weights {
    name: f64,
    local: f64,
    source: f64,
    /// Added when the figure's own clause holds the whole name: a text that writes the
    /// indicator's name out ("市级重点建设项目中续建6个") means that indicator, however the
    /// source sentence put it ("10个项目列入市级重点建设项目,其中…6个为续建").
    full_name: f64,
}

const VALUE_WEIGHTS: Weights = Weights {
    name: 0.4,
    local: 0.45,
    source: 0.15,
    full_name: 0.25,
};

/// A relation is named by its source sentence more than by its subject's name ("占比位列全市
/// 第一" names no indicator).
const RELATION_WEIGHTS: Weights = Weights {
    name: 0.2,
    local: 0.5,
    source: 0.3,
    full_name: 0.0,
};

/// How much of the name the figure's context may supply: the clause before a figure often
/// names the figure before it ("安排重点建设项目97个,其中市重点项目21个").
const CONTEXT_NAME_FACTOR: f64 = 0.6;

/// The sizes the shared bigrams are measured against.
struct Lengths {
    name: usize,
    local_own: usize,
    local: usize,
    source: usize,
}

/// A candidate's score in 0..=1: the share of its name the figure's clause holds (or, at
/// [`CONTEXT_NAME_FACTOR`], its context), how alike the clauses around it in its source are
/// (own clause and context, Dice), and how much of its source the window holds.
fn score(counts: &Counts, lengths: &Lengths, query: &FigureQuery, weights: Weights) -> f64 {
    let [name_own, name_context, local_own, local, source] = *counts;
    let name = fraction(name_own, lengths.name)
        .max(CONTEXT_NAME_FACTOR * fraction(name_context, lengths.name));
    let local = (dice(local_own, query.own.len(), lengths.local_own)
        + dice(local, query.context.len(), lengths.local))
        / 2.0;
    let full_name = if lengths.name > 0 && name_own as usize >= lengths.name {
        weights.full_name
    } else {
        0.0
    };
    weights.name * name
        + weights.local * local
        + weights.source * fraction(source, lengths.source)
        + full_name
}

/// Whether the words of the figure's own clause could name the candidate: when the clause
/// has words of its own, at least one bigram of them is in the candidate's name or in the
/// words around its figure in its source. "已开工78个" after "安排重点建设项目120个" is not
/// the number of projects arranged, however well the clause before names those.
fn names_it(counts: &Counts, query: &FigureQuery) -> bool {
    let [name_own, _, local_own, _, _] = *counts;
    query.own.is_empty() || name_own > 0 || local_own > 0
}

/// Whether two written figures agree: the ranges they stand for share more than an end point
/// (6 and 7 share only 6.5, and are different counts). A computed point agrees with a range
/// that holds it.
pub(super) fn agree(a: &Bounds, b: &Bounds) -> bool {
    if a.lo == a.hi || b.lo == b.hi {
        a.overlaps(b)
    } else {
        a.lo < b.hi && b.lo < a.hi
    }
}

/// What the matcher is told about one figure of the draft.
#[derive(Debug, Clone)]
pub(super) struct FigureQuery<'a> {
    pub amount: Decimal,
    pub unit: &'a str,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
    pub period: Option<Period>,
    /// Bigrams of the figure's own clause (cut at its neighbours).
    pub own: Vec<u64>,
    /// Bigrams of the figure's clause and the clause before it.
    pub context: Vec<u64>,
    /// Bigrams of the sentence around the figure.
    pub window: Vec<u64>,
    /// A percentage after 下降 / 减少: a fall, compared as a negative growth.
    pub falling: bool,
}

/// A hasher for bigram keys (two chars in a `u64`): one multiply per key. The keys come from
/// the ledger, not from the draft, so there is nothing to gain from a keyed hash.
#[derive(Debug, Default, Clone, Copy)]
struct BigramHasher(u64);

impl std::hash::Hasher for BigramHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type BuildBigramHasher = std::hash::BuildHasherDefault<BigramHasher>;

/// Bigram → the entries whose text has it.
#[derive(Debug, Default)]
struct Postings(HashMap<u64, Vec<u32>, BuildBigramHasher>);

impl Postings {
    fn add(&mut self, entry: usize, grams: &[u64]) {
        let Ok(entry) = u32::try_from(entry) else {
            return;
        };
        for gram in grams {
            self.0.entry(*gram).or_default().push(entry);
        }
    }

    /// Adds, for each entry, how many of `query`'s bigrams its text has, into `slot` of
    /// `counts` (one row per entry).
    fn count(&self, query: &[u64], slot: usize, counts: &mut [Counts]) {
        for gram in query {
            if let Some(entries) = self.0.get(gram) {
                for entry in entries {
                    let row = usize::try_from(*entry).ok().and_then(|e| counts.get_mut(e));
                    if let Some(count) = row.and_then(|r| r.get_mut(slot)) {
                        *count += 1;
                    }
                }
            }
        }
    }
}

/// Per entry: shared bigrams of the name with the figure's own clause and with its context, of
/// the local clauses (own, context) and of the source with the window.
type Counts = [u32; 5];

/// The bigrams around a record's own figure in its source sentence.
#[derive(Debug, Clone, Default)]
struct Local {
    own: Vec<u64>,
    context: Vec<u64>,
}

/// A value of the ledger, ready for matching.
#[derive(Debug)]
struct ValueEntry<'d> {
    value: &'d Value,
    indicator: &'d Indicator,
    unit: &'d Unit,
    name_len: usize,
    local_own_len: usize,
    local_len: usize,
    source_len: usize,
}

/// A relation stating a number (growth, share, multiple, points, rank), ready for matching.
#[derive(Debug)]
struct RelationEntry<'d> {
    relation: &'d Relation,
    states: FigureKind,
    subject: &'d Indicator,
    name_len: usize,
    local_own_len: usize,
    local_len: usize,
    source_len: usize,
}

/// The ledger indexed for matching many figures: built once per check, in time linear in
/// the ledger's size.
#[derive(Debug)]
pub struct LedgerIndex<'d> {
    dataset: &'d Dataset,
    as_of: Date,
    values: Vec<ValueEntry<'d>>,
    names: Postings,
    local_owns: Postings,
    locals: Postings,
    sources: Postings,
    relations: Vec<RelationEntry<'d>>,
    relation_names: Postings,
    relation_local_owns: Postings,
    relation_locals: Postings,
    relation_sources: Postings,
}

impl<'d> LedgerIndex<'d> {
    /// Indexes a ledger; `as_of` is the document date the draft's "今年" refers to.
    pub fn new(dataset: &'d Dataset, as_of: Date) -> LedgerIndex<'d> {
        let mut index = LedgerIndex {
            dataset,
            as_of,
            values: Vec::new(),
            names: Postings::default(),
            local_owns: Postings::default(),
            locals: Postings::default(),
            sources: Postings::default(),
            relations: Vec::new(),
            relation_names: Postings::default(),
            relation_local_owns: Postings::default(),
            relation_locals: Postings::default(),
            relation_sources: Postings::default(),
        };
        for value in dataset.values() {
            index.add_value(value);
        }
        for relation in dataset.relations() {
            index.add_relation(relation);
        }
        index
    }

    fn add_value(&mut self, value: &'d Value) {
        let Some(indicator) = self.dataset.indicator(&value.indicator) else {
            return;
        };
        let Some(unit) = self.dataset.unit(&indicator.unit) else {
            return;
        };
        let name = bigrams(indicator.name.chars());
        let source = bigrams(value.source.chars());
        let local = self
            .local_context(
                &value.source,
                |reading| {
                    reading.kind == FigureKind::Quantity || reading.kind == FigureKind::Percent
                },
                |reading| {
                    self.reading_in(reading, unit)
                        .is_some_and(|amount| amount.normalize() == value.amount.0.normalize())
                },
                &name,
            )
            .unwrap_or_else(|| Local {
                own: source.clone(),
                context: source.clone(),
            });
        let entry = self.values.len();
        self.names.add(entry, &name);
        self.local_owns.add(entry, &local.own);
        self.locals.add(entry, &local.context);
        self.sources.add(entry, &source);
        self.values.push(ValueEntry {
            value,
            indicator,
            unit,
            name_len: name.len(),
            local_own_len: local.own.len(),
            local_len: local.context.len(),
            source_len: source.len(),
        });
    }

    fn add_relation(&mut self, relation: &'d Relation) {
        let Some(states) = figure_kind_stated(relation.kind) else {
            return;
        };
        let Some(subject) = self.dataset.indicator(&relation.subject.indicator) else {
            return;
        };
        let name = bigrams(subject.name.chars());
        let source = bigrams(relation.source.chars());
        let stated = relation.stated.map(|a| a.0.normalize());
        let local = self
            .local_context(
                &relation.source,
                |reading| reading.kind == states,
                |reading| Some(reading.amount.normalize()) == stated,
                &name,
            )
            .unwrap_or_else(|| Local {
                own: source.clone(),
                context: source.clone(),
            });
        let entry = self.relations.len();
        self.relation_names.add(entry, &name);
        self.relation_local_owns.add(entry, &local.own);
        self.relation_locals.add(entry, &local.context);
        self.relation_sources.add(entry, &source);
        self.relations.push(RelationEntry {
            relation,
            states,
            subject,
            name_len: name.len(),
            local_own_len: local.own.len(),
            local_len: local.context.len(),
            source_len: source.len(),
        });
    }

    /// The bigrams around a record's own figure in its source sentence: the figure is found by
    /// reading the source like a draft and taking the reading that is the record's figure (of
    /// several, the one whose clauses hold most of the indicator's name).
    fn local_context(
        &self,
        source: &str,
        kind_fits: impl Fn(&Reading) -> bool,
        is_the_figure: impl Fn(&Reading) -> bool,
        name: &[u64],
    ) -> Option<Local> {
        let sentence = Sentence::new(source, 0..source.len());
        let marks = find_periods(&sentence, self.as_of);
        read_sentence(&sentence, &marks)
            .iter()
            .filter(|r| kind_fits(r) && is_the_figure(r))
            .map(|r| Local {
                own: sentence.own_bigrams(r.own_start..r.own_end, r.start..r.end),
                context: sentence.bigrams_of(r.context_start..r.own_end),
            })
            .max_by_key(|local| overlap(name, &local.own))
    }

    /// A reading of a source converted into a unit of the ledger, if its unit converts.
    fn reading_in(&self, reading: &Reading, target: &Unit) -> Option<Decimal> {
        let (unit, multiplier) = self.resolve_unit(&reading.unit)?;
        let base = reading.amount.checked_mul(multiplier)?;
        convert(Amount(base), unit, target).map(|a| a.0)
    }

    /// The ledger's unit for a unit symbol of the draft, with the magnitude the draft wrote
    /// in front of it ("万人" is 人 × 10000 when the ledger has no 万人).
    fn resolve_unit(&self, symbol: &str) -> Option<(&'d Unit, Decimal)> {
        if let Some(unit) = self.dataset.unit_by_symbol(symbol) {
            return Some((unit, Decimal::ONE));
        }
        for (prefix, factor) in [
            ("百万", Decimal::from(1_000_000)),
            ("亿", Decimal::from(100_000_000)),
            ("万", Decimal::from(10_000)),
            ("千", Decimal::from(1_000)),
        ] {
            if let Some(rest) = symbol.strip_prefix(prefix) {
                if let Some(unit) = self.dataset.unit_by_symbol(rest) {
                    return Some((unit, factor));
                }
            }
        }
        None
    }

    /// The mark of one figure.
    pub(super) fn mark(&self, query: &FigureQuery) -> Mark {
        let relation = match query.kind {
            FigureKind::Quantity => None,
            _ => self.best_relation(query),
        };
        if let Some((score, mark)) = &relation {
            if *score >= MIN_SCORE {
                return mark.clone();
            }
        }
        self.mark_by_value(query).unwrap_or(Mark::NotInLedger)
    }

    /// The mark from the ledger's values, `None` when no value fits.
    fn mark_by_value(&self, query: &FigureQuery) -> Option<Mark> {
        let (draft_unit, multiplier) = self.resolve_unit(query.unit)?;
        let mut counts: Vec<Counts> = vec![Counts::default(); self.values.len()];
        self.names.count(&query.own, 0, &mut counts);
        self.names.count(&query.context, 1, &mut counts);
        self.local_owns.count(&query.own, 2, &mut counts);
        self.locals.count(&query.context, 3, &mut counts);
        self.sources.count(&query.window, 4, &mut counts);
        let mut scored: Vec<(f64, &ValueEntry)> = counts
            .iter()
            .zip(&self.values)
            .filter(|(counts, _)| counts.iter().any(|c| *c > 0))
            .filter_map(|(counts, entry)| {
                if !converts(entry.unit, draft_unit) {
                    return None;
                }
                if let Some(period) = query.period {
                    if !periods_fit(
                        &period,
                        &entry.value.period,
                        entry.indicator.kind,
                        self.as_of,
                    ) {
                        return None;
                    }
                }
                let lengths = Lengths {
                    name: entry.name_len,
                    local_own: entry.local_own_len,
                    local: entry.local_len,
                    source: entry.source_len,
                };
                if !names_it(counts, query) {
                    return None;
                }
                let score = score(counts, &lengths, query, VALUE_WEIGHTS);
                (score >= MIN_SCORE).then_some((score, entry))
            })
            .collect();
        if scored.is_empty() {
            return None;
        }
        crate::sorting::sort_by(&mut scored, |a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.value.id.cmp(&b.1.value.id))
        });
        let (best, best_entry) = *scored.first()?;
        let best_indicator = &best_entry.indicator.id;
        // With no period in its sentence, a figure fits every period of its indicator about
        // equally: the sources of those values are worded alike and differ in length, which
        // says nothing about which one the draft means.
        let is_near = |score: f64, entry: &ValueEntry| {
            score >= best - AMBIGUITY_MARGIN
                || (query.period.is_none()
                    && &entry.indicator.id == best_indicator
                    && score >= best - SAME_INDICATOR_MARGIN)
        };
        let near: Vec<(LedgerFigure, bool)> = scored
            .iter()
            .filter(|(score, entry)| is_near(*score, entry))
            .filter_map(|(_, entry)| {
                let (figure, bounds) = self.ledger_figure(entry, draft_unit, multiplier, query)?;
                let agrees = agree(&stated_bounds(query.amount, query.qualifier), &bounds);
                Some((figure, agrees))
            })
            .collect();
        if let Some((figure, _)) = near.iter().find(|(_, agrees)| *agrees) {
            return Some(Mark::Agrees(figure.clone()));
        }
        let mut candidates: Vec<LedgerFigure> = near.into_iter().map(|(f, _)| f).collect();
        match candidates.len() {
            0 => None,
            1 => candidates.pop().map(Mark::Differs),
            _ => {
                candidates.truncate(MAX_CANDIDATES);
                Some(Mark::Ambiguous(candidates))
            }
        }
    }

    /// A value as the draft would write it (in the draft's unit), with the range it stands
    /// for.
    fn ledger_figure(
        &self,
        entry: &ValueEntry,
        draft_unit: &Unit,
        multiplier: Decimal,
        query: &FigureQuery,
    ) -> Option<(LedgerFigure, Bounds)> {
        let value = entry.value;
        let into_draft = |amount: Decimal| -> Option<Decimal> {
            convert(Amount(amount), entry.unit, draft_unit)?
                .0
                .checked_div(multiplier)
                .map(|d| d.normalize())
        };
        let written = stated_bounds(value.amount.0, value.qualifier);
        let bounds = Bounds {
            lo: into_draft(written.lo)?,
            hi: into_draft(written.hi)?,
        };
        Some((
            LedgerFigure {
                value: value.id.clone(),
                indicator: entry.indicator.id.clone(),
                name: entry.indicator.name.clone(),
                period: value.period,
                amount: into_draft(value.amount.0)?,
                unit: query.unit.to_string(),
                kind: query.kind,
                qualifier: value.qualifier,
            },
            bounds,
        ))
    }

    /// The best matching relation and the mark it gives, with its score.
    fn best_relation(&self, query: &FigureQuery) -> Option<(f64, Mark)> {
        let mut counts: Vec<Counts> = vec![Counts::default(); self.relations.len()];
        self.relation_names.count(&query.own, 0, &mut counts);
        self.relation_names.count(&query.context, 1, &mut counts);
        self.relation_local_owns.count(&query.own, 2, &mut counts);
        self.relation_locals.count(&query.context, 3, &mut counts);
        self.relation_sources.count(&query.window, 4, &mut counts);
        let stated = stated_bounds(query.amount, query.qualifier);
        let mut best: Option<(f64, bool, &RelationEntry)> = None;
        for (counts, entry) in counts.iter().zip(&self.relations) {
            if counts.iter().all(|c| *c == 0) {
                continue;
            }
            if entry.states != query.kind {
                continue;
            }
            if let Some(period) = query.period {
                let subject = &entry.relation.subject.period;
                if !periods_fit(&period, subject, entry.subject.kind, self.as_of) {
                    continue;
                }
            }
            let lengths = Lengths {
                name: entry.name_len,
                local_own: entry.local_own_len,
                local: entry.local_len,
                source: entry.source_len,
            };
            if !names_it(counts, query) {
                continue;
            }
            let score = score(counts, &lengths, query, RELATION_WEIGHTS);
            let same_number = entry
                .relation
                .stated
                .is_some_and(|s| agree(&stated, &stated_bounds(s.0, entry.relation.qualifier)));
            let better = match best {
                None => true,
                Some((best_score, best_same, best_entry)) => {
                    if (score - best_score).abs() < AMBIGUITY_MARGIN && same_number != best_same {
                        same_number
                    } else if (score - best_score).abs() < f64::EPSILON {
                        entry.relation.id < best_entry.relation.id
                    } else {
                        score > best_score
                    }
                }
            };
            if better {
                best = Some((score, same_number, entry));
            }
        }
        let (score, _, entry) = best?;
        Some((score, Mark::Relation(self.relation_mark(entry, query))))
    }

    /// What the ledger says about a stated relation the figure is.
    fn relation_mark(&self, entry: &RelationEntry, query: &FigureQuery) -> RelationMark {
        let relation = entry.relation;
        let mut said = stated_bounds(query.amount, query.qualifier);
        if query.falling {
            said = Bounds {
                lo: -said.hi,
                hi: -said.lo,
            };
        }
        let computed = self.compute_relation(relation);
        let recorded = relation.stated.map(|a| a.0);
        let agrees = match (&computed, recorded) {
            (Some((_, bounds)), _) => agree(&said, bounds),
            (None, Some(recorded)) => agree(&said, &stated_bounds(recorded, relation.qualifier)),
            (None, None) => false,
        };
        RelationMark {
            relation: relation.id.clone(),
            kind: relation.kind,
            subject: entry.subject.name.clone(),
            period: relation.subject.period,
            stated: query.amount,
            figure_kind: query.kind,
            recorded,
            computed: computed.map(|(centre, _)| centre),
            agrees,
        }
    }

    /// What the ledger's own figures give for a relation: the exact result and the range the
    /// figures' written precision allows. `None` when a figure it needs is not in the ledger.
    fn compute_relation(&self, relation: &Relation) -> Option<(Decimal, Bounds)> {
        let dataset = self.dataset;
        let subject = dataset.value_at(&relation.subject.indicator, &relation.subject.period)?;
        let subject_unit = self.unit_of(subject)?;
        if relation.base.is_empty() {
            return None;
        }
        let base: Vec<&Value> = relation
            .base
            .iter()
            .map(|b| dataset.value_at(&b.indicator, &b.period))
            .collect::<Option<Vec<_>>>()?;
        let hundred = Decimal::ONE_HUNDRED;
        match relation.kind {
            RelationKind::StatedGrowth => {
                let (s, s_range) = self.value_in(subject, subject_unit)?;
                let (b, b_range) = self.value_in(base.first()?, subject_unit)?;
                let centre = s
                    .checked_div(b)?
                    .checked_sub(Decimal::ONE)?
                    .checked_mul(hundred)?;
                let range = s_range
                    .div(&b_range)?
                    .shift(-Decimal::ONE)?
                    .scale(hundred)?;
                Some((centre, range))
            }
            RelationKind::StatedShare => {
                let whole = base.first()?;
                let whole_unit = self.unit_of(whole)?;
                let (p, p_range) = self.value_in(subject, whole_unit)?;
                let (w, w_range) = self.value_in(whole, whole_unit)?;
                let centre = p.checked_div(w)?.checked_mul(hundred)?;
                Some((centre, p_range.div(&w_range)?.scale(hundred)?))
            }
            RelationKind::StatedMultiple => {
                let (s, s_range) = self.value_in(subject, subject_unit)?;
                let (b, b_range) = self.value_in(base.first()?, subject_unit)?;
                Some((s.checked_div(b)?, s_range.div(&b_range)?))
            }
            RelationKind::StatedPoints => {
                let (s, s_range) = self.value_in(subject, subject_unit)?;
                let (b, b_range) = self.value_in(base.first()?, subject_unit)?;
                Some((s.checked_sub(b)?, s_range.sub(&b_range)?))
            }
            RelationKind::StatedRank => {
                let (s, _) = self.value_in(subject, subject_unit)?;
                let mut rank = Decimal::ONE;
                for other in &base {
                    let (amount, _) = self.value_in(other, subject_unit)?;
                    if amount > s {
                        rank += Decimal::ONE;
                    }
                }
                Some((rank, Bounds::exact(rank)))
            }
            RelationKind::PartsOf | RelationKind::CumulativeOf | RelationKind::StatedDifference => {
                None
            }
        }
    }

    fn unit_of(&self, value: &Value) -> Option<&'d Unit> {
        let indicator = self.dataset.indicator(&value.indicator)?;
        self.dataset.unit(&indicator.unit)
    }

    /// A value in a unit, exactly, with the range its written precision stands for.
    fn value_in(&self, value: &Value, target: &Unit) -> Option<(Decimal, Bounds)> {
        let unit = self.unit_of(value)?;
        let into = |amount: Decimal| convert(Amount(amount), unit, target).map(|a| a.0);
        let written = stated_bounds(value.amount.0, value.qualifier);
        Some((
            into(value.amount.0)?,
            Bounds {
                lo: into(written.lo)?,
                hi: into(written.hi)?,
            },
        ))
    }
}

/// The kind of figure a relation states, if it states one.
fn figure_kind_stated(kind: RelationKind) -> Option<FigureKind> {
    match kind {
        RelationKind::StatedGrowth | RelationKind::StatedShare => Some(FigureKind::Percent),
        RelationKind::StatedMultiple => Some(FigureKind::Multiple),
        RelationKind::StatedPoints => Some(FigureKind::Points),
        RelationKind::StatedRank => Some(FigureKind::Rank),
        RelationKind::PartsOf | RelationKind::CumulativeOf | RelationKind::StatedDifference => None,
    }
}

/// Whether amounts convert between two units (the same unit, or one dimension with factors).
fn converts(from: &Unit, to: &Unit) -> bool {
    from.id == to.id
        || (from.dimension == to.dimension && from.factor.is_some() && to.factor.is_some())
}

/// Whether a draft's period fits a ledger value's period. Beyond equal periods:
///
/// - a draft's "截至" date (`AsOf`) fits a value counted up to that day (a flow from a start
///   the draft does not say, "截至10月底…审查项目3个" against Jan–Oct) or a stock at it;
/// - a stock at a date fits a draft period ending then ("2012年…教授级高工12人" against the
///   end of 2012);
/// - periods that start together and end together once cut at the document date are the same
///   stretch of time ("今年" in October is Jan–Oct; "近五年" is 2012-01 to 2016-10).
pub(super) fn periods_fit(
    draft: &Period,
    ledger: &Period,
    kind: IndicatorKind,
    as_of: Date,
) -> bool {
    if draft == ledger {
        return true;
    }
    let cut = |p: &Period| p.end().min(as_of);
    match (draft, ledger) {
        (Period::AsOf(date), _) => ledger.end() == *date,
        (_, Period::AsOf(date)) => kind == IndicatorKind::Stock && cut(draft) == *date,
        _ => draft.start() == ledger.start() && cut(draft) == cut(ledger),
    }
}

fn fraction(count: u32, of: usize) -> f64 {
    if of == 0 {
        return 0.0;
    }
    f64::from(count) / of as f64
}

fn dice(common: u32, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        return 0.0;
    }
    2.0 * f64::from(common) / (a + b) as f64
}

/// How many bigrams two sorted lists share.
fn overlap(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Date {
        Date::new(y, m, d).expect("date")
    }

    fn period(code: &str) -> Period {
        Period::from_code(code).expect("period")
    }

    #[test]
    fn periods_fit_as_the_same_stretch_of_time_cut_at_the_document_date() {
        let as_of = date(2016, 10, 31);
        let flow = IndicatorKind::Flow;
        let stock = IndicatorKind::Stock;
        let fits = |a: &str, b: &str, kind| periods_fit(&period(a), &period(b), kind, as_of);
        assert!(fits("2016", "2016", flow));
        assert!(fits("2016", "2016-YTD10", flow));
        assert!(fits("2012..2016", "2012-01..2016-10", flow));
        assert!(fits("@2016-10-31", "2016-YTD10", flow));
        assert!(fits("@2015-12-31", "2012-01..2015-12", flow));
        assert!(fits("2012", "@2012-12-31", stock));
        assert!(fits("2016", "@2016-10-31", stock));
        assert!(!fits("2016", "@2016-10-31", flow));
        assert!(!fits("2015", "2016", flow));
        assert!(!fits("2016-YTD9", "2016-YTD10", flow));
        assert!(!fits("@2016-10-31", "2016", flow));
    }

    #[test]
    fn overlaps_of_sorted_bigrams_are_counted_once() {
        assert_eq!(overlap(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(overlap(&[], &[1]), 0);
        assert!((dice(2, 4, 4) - 0.5).abs() < 1e-9);
        assert!(fraction(1, 0).abs() < 1e-9);
    }
}
