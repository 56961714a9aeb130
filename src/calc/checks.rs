//! The consistency checks (数据核对): every relation the ledger records, evaluated against its
//! figures, plus the plain range rules and the project plans against the ledger. Pure: a
//! dataset in, findings out; the page, the dashboard and `taizhang-cli check` all show these.
//!
//! Every figure is compared at the precision it was written with ([`super::precision`]): a
//! result holds when the stated figures could all be true together. Units are converted
//! exactly through the ledger's units; figures whose units do not convert (个 with 亿元) are
//! not compared. Invariant: a check never panics and never guesses — a figure it lacks makes
//! the finding "cannot be checked" with what is missing, never a comparison with zero.

use super::precision::{stated_bounds, Bounds};
use super::{convert, value_comparability, Comparability};
use crate::i18n::Message;
use crate::model::{
    Dataset, Lang, Period, Qualifier, RecordId, Relation, RelationKind, Value, ValueRef,
};
use rust_decimal::Decimal;

/// How serious a finding is; findings are listed in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// A stated figure the data contradicts.
    Error,
    /// Worth a look: a comparison of unlike periods, a rate above 100 %, a jump.
    Warning,
    /// A figure the check needs is not in the ledger.
    CannotCheck,
    /// The statement holds.
    Confirmed,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Error,
        Severity::Warning,
        Severity::CannotCheck,
        Severity::Confirmed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::CannotCheck => "cannot_check",
            Severity::Confirmed => "confirmed",
        }
    }

    /// The text key of the severity's name (错误, 提醒, 无法核对, 已核实).
    pub fn name_key(self) -> &'static str {
        match self {
            Severity::Error => "checks.severity.error",
            Severity::Warning => "checks.severity.warning",
            Severity::CannotCheck => "checks.severity.cannot_check",
            Severity::Confirmed => "checks.severity.confirmed",
        }
    }

    /// Whether the finding asks the user to do something.
    pub fn is_open(self) -> bool {
        matches!(self, Severity::Error | Severity::Warning)
    }
}

/// The plain rules every figure is held to, with no relation recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RangeRule {
    /// A rate or share (办结率, 比重 …) above 100 %.
    RateAbove100,
    /// A count (个, 件, 家 …) below zero or not a whole number.
    CountNotWhole,
    /// A figure more than [`CheckOptions::jump_factor`] times (or less than its inverse) the
    /// same period one year earlier.
    Jump,
}

impl RangeRule {
    pub fn code(self) -> &'static str {
        match self {
            RangeRule::RateAbove100 => "rate_above_100",
            RangeRule::CountNotWhole => "count_not_whole",
            RangeRule::Jump => "jump",
        }
    }
}

/// What a finding checks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    /// A relation the ledger records.
    Relation { id: RecordId, kind: RelationKind },
    /// A range rule on one figure (or on a relation's stated rate).
    Range(RangeRule),
    /// A project class's plans for a year against the indicator ledger (`plan_vs_ledger`).
    Plan { class: String, year: i32 },
    /// A typed count against the approvals register's records (`approvals::count`).
    RecordCount(crate::model::RecordCount),
}

impl Check {
    /// The text key of the check's name.
    pub fn name_key(&self) -> &'static str {
        match self {
            Check::Relation { kind, .. } => kind_name_key(*kind),
            Check::Range(RangeRule::RateAbove100) => "checks.rule.rate_above_100",
            Check::Range(RangeRule::CountNotWhole) => "checks.rule.count_not_whole",
            Check::Range(RangeRule::Jump) => "checks.rule.jump",
            Check::Plan { .. } => "checks.rule.plan",
            Check::RecordCount(_) => "checks.rule.record_count",
        }
    }
}

/// The text key of a relation kind's name (增长, 倍数, 其中 …).
pub fn kind_name_key(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::StatedGrowth => "checks.kind.stated_growth",
        RelationKind::StatedMultiple => "checks.kind.stated_multiple",
        RelationKind::StatedPoints => "checks.kind.stated_points",
        RelationKind::StatedShare => "checks.kind.stated_share",
        RelationKind::PartsOf => "checks.kind.parts_of",
        RelationKind::CumulativeOf => "checks.kind.cumulative_of",
        RelationKind::StatedDifference => "checks.kind.stated_difference",
        RelationKind::StatedRank => "checks.kind.stated_rank",
    }
}

/// Why a statement cannot be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// These figures are not in the ledger (no value for the indicator and period).
    Figures(Vec<ValueRef>),
    /// The relation names an indicator the ledger no longer has.
    Indicator(RecordId),
    /// The years of a cumulative total the ledger lacks.
    Years(Vec<i32>),
    /// The statement's base (the whole, the earlier figure, the others ranked) is not in the
    /// ledger at all; the relation's note says what it was.
    Base,
    /// The relation states no figure of its own where its kind needs one.
    StatedFigure,
    /// Two figures' units do not convert into each other (个 with 亿元).
    Units { from: String, to: String },
    /// The base is zero (or could be, at its precision): no rate or multiple of it.
    ZeroBase,
}

/// What a finding's stated and computed figures are measured in.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Measure {
    /// Percent (growth, share, rate).
    #[default]
    Percent,
    /// Times (倍).
    Times,
    /// Percentage points (个百分点).
    Points,
    /// A rank (第 n).
    Rank,
    /// An amount in a unit of the ledger.
    Unit(RecordId),
}

/// How the data would put it: the wording a finding suggests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Wording {
    /// 增长 x% (negative: 下降).
    Growth(Decimal),
    /// 是 {period} 的 x 倍.
    Multiple { times: Decimal, of: Period },
    /// 提高 / 下降 x 个百分点.
    Points(Decimal),
    /// 占 x%.
    Share(Decimal),
    /// The figure itself: a total or difference, in the subject's unit.
    Figure { amount: Decimal, unit: Measure },
    /// 第 n.
    Rank(u32),
}

/// One finding: a check, what it says, and the figures it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub check: Check,
    /// The figures involved, the statement's subject first.
    pub figures: Vec<ValueRef>,
    /// The figure as stated and as computed from the ledger (percent, multiple, points, rank
    /// or an amount in `unit`), and computed − stated.
    pub stated: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub difference: Option<Decimal>,
    /// How far the computed figure may be from the stated one and still agree.
    pub tolerance: Option<Decimal>,
    /// What `stated` and `computed` are measured in.
    pub unit: Measure,
    /// For parts of a total: the parts are only some of it (其中 … without the rest), so
    /// their sum must only not exceed it.
    pub some_parts: bool,
    /// Some figure involved is approximate (约, 多 …): the tolerance was widened.
    pub approximate: bool,
    pub comparability: Comparability,
    pub missing: Option<Missing>,
    /// The wording the data supports, when the statement fails.
    pub supported: Vec<Wording>,
    /// The sentence the statement came from, and the relation's note.
    pub source: String,
    pub note: String,
}

impl Finding {
    fn new(check: Check, figures: Vec<ValueRef>) -> Finding {
        Finding {
            severity: Severity::Confirmed,
            check,
            figures,
            stated: None,
            computed: None,
            difference: None,
            tolerance: None,
            unit: Measure::Percent,
            some_parts: false,
            approximate: false,
            comparability: Comparability::Comparable,
            missing: None,
            supported: Vec::new(),
            source: String::new(),
            note: String::new(),
        }
    }

    fn cannot(mut self, missing: Missing) -> Finding {
        self.severity = Severity::CannotCheck;
        self.missing = Some(missing);
        self
    }

    /// The relation the finding comes from, if any.
    pub fn relation(&self) -> Option<&RecordId> {
        match &self.check {
            Check::Relation { id, .. } => Some(id),
            _ => None,
        }
    }

    /// Whether the finding is about this indicator (as subject or base).
    pub fn involves(&self, indicator: &RecordId) -> bool {
        self.figures.iter().any(|f| &f.indicator == indicator)
    }

    /// What the finding says, in the reader's language: the numbers, and what is missing or
    /// approximate (the figures' names are shown beside it by the caller).
    pub fn describe(&self, dataset: &Dataset, lang: Lang) -> String {
        self.message(dataset, lang).render(lang)
    }

    fn message(&self, dataset: &Dataset, lang: Lang) -> Message {
        if let Some(missing) = &self.missing {
            return missing_message(missing, dataset, lang);
        }
        let shown = |d: Option<Decimal>| {
            d.map(|d| measured(d, &self.unit, dataset, lang))
                .unwrap_or_default()
        };
        let code = match (&self.check, self.severity) {
            (Check::Range(RangeRule::RateAbove100), _) => "checks.rate_above_100",
            (Check::Range(RangeRule::CountNotWhole), _) => "checks.count_not_whole",
            (Check::Range(RangeRule::Jump), _) => "checks.jump",
            (Check::Plan { .. }, Severity::CannotCheck) => "checks.plan_incomplete",
            (Check::Plan { .. }, Severity::Confirmed) => "checks.plan_holds",
            (Check::Plan { .. }, _) => "checks.plan_differs",
            (Check::RecordCount(_), Severity::Confirmed) => "checks.count_holds",
            (Check::RecordCount(_), _) => "checks.count_differs",
            (Check::Relation { .. }, Severity::Confirmed) if self.some_parts => {
                "checks.parts_within"
            }
            (Check::Relation { .. }, Severity::Confirmed) => "checks.holds",
            (Check::Relation { .. }, _) if self.some_parts => "checks.parts_exceed",
            (Check::Relation { .. }, _) => "checks.differs",
        };
        let plain = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
        let mut message = Message::new(code)
            .with("stated", shown(self.stated))
            .with("computed", shown(self.computed))
            .with("difference", shown(self.difference))
            .with("tolerance", shown(self.tolerance))
            .with("ratio", plain(self.difference))
            .with("factor", plain(self.tolerance));
        message = if self.approximate {
            message.with_message("approx", Message::new("checks.approximate"))
        } else {
            message.with("approx", "")
        };
        message
    }

    /// The wordings the data supports, in the reader's language ("增长69.7%", "是2012年的1.7倍").
    pub fn supported_texts(&self, dataset: &Dataset, lang: Lang) -> Vec<String> {
        self.supported
            .iter()
            .map(|w| wording_text(w, dataset, lang))
            .collect()
    }

    /// Why the comparison is not like with like, when it is not.
    pub fn comparability_message(&self) -> Option<Message> {
        match self.comparability {
            Comparability::Comparable => None,
            Comparability::Partial => Some(Message::new("checks.partial")),
            Comparability::ScopeDiffers => Some(Message::new("checks.scope_differs")),
        }
    }
}

fn missing_message(missing: &Missing, dataset: &Dataset, lang: Lang) -> Message {
    match missing {
        Missing::Figures(refs) => Message::new("checks.missing_figures").with(
            "figures",
            refs.iter()
                .map(|r| figure_name(r, dataset, lang))
                .collect::<Vec<_>>()
                .join(if lang == Lang::Zh { "、" } else { "; " }),
        ),
        Missing::Indicator(id) => Message::new("checks.missing_indicator").with("id", id),
        Missing::Years(years) => Message::new("checks.missing_years").with(
            "years",
            years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Missing::Base => Message::new("checks.missing_base"),
        Missing::StatedFigure => Message::new("checks.missing_stated"),
        Missing::Units { from, to } => Message::new("checks.units_differ")
            .with("from", unit_name(dataset, from, lang))
            .with("to", unit_name(dataset, to, lang)),
        Missing::ZeroBase => Message::new("checks.zero_base"),
    }
}

/// An indicator's name in a language (its Chinese name where it has no English one: the
/// user's data).
pub fn indicator_name(dataset: &Dataset, indicator: &RecordId, lang: Lang) -> String {
    match dataset.indicator(indicator) {
        Some(i) if lang == Lang::En && !i.name_en.is_empty() => i.name_en.clone(),
        Some(i) => i.name.clone(),
        None => indicator.to_string(),
    }
}

/// A figure named for people: "固定资产投资 2016年" / "Fixed-asset investment 2016".
pub fn figure_name(at: &ValueRef, dataset: &Dataset, lang: Lang) -> String {
    let name = indicator_name(dataset, &at.indicator, lang);
    let period = at.period.label(lang);
    match lang {
        Lang::Zh => format!("{period}{name}"),
        Lang::En => format!("{name}, {period}"),
    }
}

/// A unit's name in a language, from its symbol.
fn unit_name(dataset: &Dataset, symbol: &str, lang: Lang) -> String {
    match dataset.unit_by_symbol(symbol) {
        Some(u) if lang == Lang::En && !u.name_en.is_empty() => u.name_en.clone(),
        _ => symbol.to_string(),
    }
}

/// A number with what it measures: "69.7%", "1.7倍" / "1.7 times", "2亿元" / "2 100 million
/// yuan".
fn measured(value: Decimal, measure: &Measure, dataset: &Dataset, lang: Lang) -> String {
    let number = value.normalize().to_string();
    match (measure, lang) {
        (Measure::Percent, Lang::Zh) => format!("{number}%"),
        (Measure::Percent, Lang::En) => format!("{number} %"),
        (Measure::Times, Lang::Zh) => format!("{number}倍"),
        (Measure::Times, Lang::En) => format!("{number} times"),
        (Measure::Points, Lang::Zh) => format!("{number}个百分点"),
        (Measure::Points, Lang::En) => format!("{number} percentage points"),
        (Measure::Rank, Lang::Zh) => format!("第{number}"),
        (Measure::Rank, Lang::En) => format!("no. {number}"),
        (Measure::Unit(id), _) => match dataset.unit(id) {
            Some(u) if lang == Lang::En => {
                let name = if u.name_en.is_empty() {
                    &u.symbol
                } else {
                    &u.name_en
                };
                format!("{number} {name}")
            }
            Some(u) => format!("{number}{}", u.symbol),
            None => number,
        },
    }
}

/// A suggested wording in a language.
pub fn wording_text(wording: &Wording, dataset: &Dataset, lang: Lang) -> String {
    let abs = |d: &Decimal| d.abs().normalize().to_string();
    match (wording, lang) {
        (Wording::Growth(p), Lang::Zh) if p.is_sign_negative() => format!("下降{}%", abs(p)),
        (Wording::Growth(p), Lang::Zh) => format!("增长{}%", abs(p)),
        (Wording::Growth(p), Lang::En) if p.is_sign_negative() => format!("down {} %", abs(p)),
        (Wording::Growth(p), Lang::En) => format!("up {} %", abs(p)),
        (Wording::Multiple { times, of }, Lang::Zh) => {
            format!("是{}的{}倍", of.label(lang), abs(times))
        }
        (Wording::Multiple { times, of }, Lang::En) => {
            format!("{} times the figure of {}", abs(times), of.label(lang))
        }
        (Wording::Points(p), Lang::Zh) if p.is_sign_negative() => {
            format!("下降{}个百分点", abs(p))
        }
        (Wording::Points(p), Lang::Zh) => format!("提高{}个百分点", abs(p)),
        (Wording::Points(p), Lang::En) if p.is_sign_negative() => {
            format!("down {} percentage points", abs(p))
        }
        (Wording::Points(p), Lang::En) => format!("up {} percentage points", abs(p)),
        (Wording::Share(p), Lang::Zh) => format!("占{}%", abs(p)),
        (Wording::Share(p), Lang::En) => format!("{} % of the whole", abs(p)),
        (Wording::Figure { amount, unit }, _) => measured(*amount, unit, dataset, lang),
        (Wording::Rank(n), Lang::Zh) => format!("位列第{n}"),
        (Wording::Rank(n), Lang::En) => format!("ranks no. {n}"),
    }
}

/// Settings of the range rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// A figure more than this many times the same period a year earlier (or less than its
    /// inverse) is a jump worth a look.
    pub jump_factor: Decimal,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            jump_factor: Decimal::from(3),
        }
    }
}

/// Every finding of the ledger: its relations, the range rules and the project plans, most
/// serious first (then in the order of the relations' ids and the figures).
pub fn check_all(dataset: &Dataset, options: &CheckOptions) -> Vec<Finding> {
    let mut findings: Vec<Finding> = dataset
        .relations()
        .flat_map(|r| check_relation(dataset, r))
        .collect();
    findings.extend(range_findings(dataset, options));
    findings.extend(plan_findings(dataset));
    findings.extend(record_count_findings(dataset));
    crate::sorting::sort_by(&mut findings, |a, b| {
        (a.severity, &a.check, &a.figures).cmp(&(b.severity, &b.check, &b.figures))
    });
    findings
}

/// The open findings (errors and warnings) about one indicator.
pub fn open_findings_of<'a>(findings: &'a [Finding], indicator: &RecordId) -> Vec<&'a Finding> {
    findings
        .iter()
        .filter(|f| f.severity.is_open() && f.involves(indicator))
        .collect()
}

/// How many findings there are of each severity, in [`Severity::ALL`]'s order.
pub fn counts(findings: &[Finding]) -> [usize; 4] {
    let mut counts = [0; 4];
    for finding in findings {
        counts[finding.severity as usize] += 1;
    }
    counts
}

/// "错误 2 项,提醒 2 项,无法核对 29 项,已核实 18 项": the findings counted, for the page and
/// the CLI alike.
pub fn summary_message(findings: &[Finding]) -> Message {
    let [errors, warnings, cannot, confirmed] = counts(findings);
    Message::new("checks.summary")
        .with("errors", errors)
        .with("warnings", warnings)
        .with("cannot", cannot)
        .with("confirmed", confirmed)
}

/// A figure of the ledger with the range of numbers it stands for, in a given unit.
struct Figure<'a> {
    value: &'a Value,
    bounds: Bounds,
}

/// The unit of an indicator, as the dataset knows it.
fn unit_of<'a>(dataset: &'a Dataset, indicator: &RecordId) -> Option<&'a crate::model::Unit> {
    dataset
        .indicator(indicator)
        .and_then(|i| dataset.unit(&i.unit))
}

/// What an indicator's figures are measured in.
fn measure_of(dataset: &Dataset, indicator: &RecordId) -> Measure {
    match dataset.indicator(indicator) {
        Some(i) if i.unit.as_str() != "" => Measure::Unit(i.unit.clone()),
        _ => Measure::Percent,
    }
}

/// Looks a figure up and converts the range it stands for into `target`'s unit.
fn figure_in<'a>(
    dataset: &'a Dataset,
    at: &ValueRef,
    target: &RecordId,
) -> Result<Figure<'a>, Missing> {
    if dataset.indicator(&at.indicator).is_none() {
        return Err(Missing::Indicator(at.indicator.clone()));
    }
    let value = dataset
        .value_at(&at.indicator, &at.period)
        .ok_or_else(|| Missing::Figures(vec![at.clone()]))?;
    let from = unit_of(dataset, &at.indicator);
    let to = unit_of(dataset, target);
    let stated = stated_bounds(value.amount.0, value.qualifier);
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Figure {
            value,
            bounds: stated,
        });
    };
    let convert_one = |d: Decimal| convert_counting(d, from, to);
    match (convert_one(stated.lo), convert_one(stated.hi)) {
        (Some(lo), Some(hi)) => Ok(Figure {
            value,
            bounds: Bounds { lo, hi },
        }),
        _ => Err(Missing::Units {
            from: from.symbol.clone(),
            to: to.symbol.clone(),
        }),
    }
}

/// Looks up every figure, collecting all the missing ones into one `Missing`.
fn figures_in<'a>(
    dataset: &'a Dataset,
    refs: &[ValueRef],
    target: &RecordId,
) -> Result<Vec<Figure<'a>>, Missing> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for at in refs {
        match figure_in(dataset, at, target) {
            Ok(f) => found.push(f),
            Err(Missing::Figures(mut refs)) => missing.append(&mut refs),
            Err(other) => return Err(other),
        }
    }
    if missing.is_empty() {
        Ok(found)
    } else {
        Err(Missing::Figures(missing))
    }
}

/// Decimal places to show a computed rate with: one more than the stated figure has, at least
/// one ("170%" against 69.7 %, "83.1%" against 83.10 %).
fn shown_scale(stated: Decimal) -> u32 {
    (stated.normalize().scale() + 1).clamp(1, 4)
}

/// A tolerance as people read it: three significant digits (±0.0829 %, ±2.30 %, ±0.0601亿元).
fn shown_tolerance(reach: Decimal) -> Decimal {
    reach.round_sf(3).unwrap_or(reach).normalize()
}

/// Evaluates one relation. Most relations give one finding; a stated rate above 100 % gives a
/// second (the range rule).
pub fn check_relation(dataset: &Dataset, relation: &Relation) -> Vec<Finding> {
    let check = Check::Relation {
        id: relation.id.clone(),
        kind: relation.kind,
    };
    let mut figures = vec![relation.subject.clone()];
    figures.extend(relation.base.iter().cloned());
    let mut finding = Finding::new(check, figures.clone());
    finding.source = relation.source.clone();
    finding.note = relation.note.clone();
    let mut out = Vec::new();
    if relation.kind == RelationKind::StatedShare {
        if let Some(stated) = relation.stated {
            // "投保率超100%": above 100 % as stated, or stated as more than 100 %.
            let above = stated.0 > Decimal::ONE_HUNDRED
                || (stated.0 == Decimal::ONE_HUNDRED && relation.qualifier == Qualifier::AtLeast);
            if above {
                let mut rule = Finding::new(Check::Range(RangeRule::RateAbove100), figures);
                rule.severity = Severity::Warning;
                rule.stated = Some(stated.0);
                rule.unit = Measure::Percent;
                rule.approximate = relation.qualifier != Qualifier::Exact;
                rule.source = relation.source.clone();
                rule.note = relation.note.clone();
                out.push(rule);
            }
        }
    }
    let evaluated = match evaluate(dataset, relation, finding.clone()) {
        Ok(finding) => finding,
        Err(missing) => finding.cannot(missing),
    };
    out.insert(0, evaluated);
    out
}

fn evaluate(dataset: &Dataset, relation: &Relation, mut f: Finding) -> Result<Finding, Missing> {
    let subject_indicator = &relation.subject.indicator;
    let subject = figure_in(dataset, &relation.subject, subject_indicator)?;
    let stated_rate = || -> Result<(Decimal, Bounds), Missing> {
        let stated = relation.stated.ok_or(Missing::StatedFigure)?;
        Ok((stated.0, stated_bounds(stated.0, relation.qualifier)))
    };
    let approximate = |figures: &[&Figure]| {
        relation.qualifier != Qualifier::Exact
            || figures
                .iter()
                .any(|f| f.value.qualifier != Qualifier::Exact)
    };
    match relation.kind {
        RelationKind::PartsOf | RelationKind::CumulativeOf | RelationKind::StatedDifference => {
            let parts: Vec<Figure> = match relation.kind {
                RelationKind::CumulativeOf if relation.base.is_empty() => {
                    years_of_span(dataset, &relation.subject)?
                }
                _ => {
                    if relation.base.is_empty() {
                        return Err(Missing::Base);
                    }
                    figures_in(dataset, &relation.base, subject_indicator)?
                }
            };
            if relation.kind == RelationKind::CumulativeOf && relation.base.is_empty() {
                f.figures.extend(parts.iter().map(|p| ValueRef {
                    indicator: p.value.indicator.clone(),
                    period: p.value.period,
                }));
            }
            let (computed, point) = if relation.kind == RelationKind::StatedDifference {
                let [first, second] = parts.as_slice() else {
                    return Err(Missing::Base);
                };
                let point = point_in(dataset, first.value, subject_indicator)?
                    - point_in(dataset, second.value, subject_indicator)?;
                (first.bounds.sub(&second.bounds), point)
            } else {
                let mut sum = Bounds::exact(Decimal::ZERO);
                let mut point = Decimal::ZERO;
                for part in &parts {
                    sum = sum.add(&part.bounds).ok_or(Missing::ZeroBase)?;
                    point += point_in(dataset, part.value, subject_indicator)?;
                }
                (Some(sum), point)
            };
            let computed = computed.ok_or(Missing::ZeroBase)?;
            let stated = subject.value.amount.0;
            let all: Vec<&Figure> = std::iter::once(&subject).chain(parts.iter()).collect();
            f.approximate = approximate(&all);
            f.unit = measure_of(dataset, subject_indicator);
            f.computed = Some(point);
            f.difference = Some(point - stated);
            let holds = if relation.kind == RelationKind::PartsOf && !relation.complete {
                // Some of the parts: their sum must not exceed the total.
                computed.lo <= subject.bounds.hi
            } else {
                computed.overlaps(&subject.bounds)
            };
            f.some_parts = relation.kind == RelationKind::PartsOf && !relation.complete;
            f.stated = Some(stated);
            f.tolerance = Some(shown_tolerance(
                computed.reach_from(point) + subject.bounds.reach_from(stated),
            ));
            if !holds {
                f.severity = Severity::Error;
                f.supported = vec![Wording::Figure {
                    amount: point.normalize(),
                    unit: f.unit.clone(),
                }];
            }
        }
        RelationKind::StatedGrowth
        | RelationKind::StatedMultiple
        | RelationKind::StatedPoints
        | RelationKind::StatedShare => {
            let (stated, stated_range) = stated_rate()?;
            let base_ref = relation.base.first().ok_or(Missing::Base)?;
            // A share converts the part into the whole's unit; the others compare an
            // indicator with itself or with one of the same unit.
            let target = if relation.kind == RelationKind::StatedShare {
                &base_ref.indicator
            } else {
                subject_indicator
            };
            let base = figure_in(dataset, base_ref, target)?;
            let subject = if relation.kind == RelationKind::StatedShare {
                figure_in(dataset, &relation.subject, target)?
            } else {
                subject
            };
            f.approximate = approximate(&[&subject, &base]);
            f.comparability = if relation.kind == RelationKind::StatedShare {
                if subject.value.period == base.value.period {
                    Comparability::Comparable
                } else {
                    Comparability::Partial
                }
            } else {
                value_comparability(base.value, subject.value)
            };
            let hundred = Decimal::ONE_HUNDRED;
            let after = point_in(dataset, subject.value, target)?;
            let before = point_in(dataset, base.value, target)?;
            let ratio_range = || subject.bounds.div(&base.bounds).ok_or(Missing::ZeroBase);
            let ratio = || after.checked_div(before).ok_or(Missing::ZeroBase);
            let (range, point, unit) = match relation.kind {
                RelationKind::StatedGrowth => (
                    ratio_range()?
                        .shift(-Decimal::ONE)
                        .and_then(|r| r.scale(hundred)),
                    (ratio()? - Decimal::ONE) * hundred,
                    Measure::Percent,
                ),
                RelationKind::StatedMultiple => (Some(ratio_range()?), ratio()?, Measure::Times),
                RelationKind::StatedPoints => (
                    subject.bounds.sub(&base.bounds),
                    after - before,
                    Measure::Points,
                ),
                _ => (
                    ratio_range()?.scale(hundred),
                    ratio()? * hundred,
                    Measure::Percent,
                ),
            };
            let range = range.ok_or(Missing::ZeroBase)?;
            let point = point.round_dp(shown_scale(stated));
            f.unit = unit;
            f.stated = Some(stated);
            f.computed = Some(point);
            f.difference = Some(point - stated);
            f.tolerance = Some(shown_tolerance(
                range.reach_from(point) + stated_range.reach_from(stated),
            ));
            if !range.overlaps(&stated_range) {
                f.severity = if f.comparability == Comparability::Comparable {
                    Severity::Error
                } else {
                    Severity::Warning
                };
                f.supported = supported_wording(relation.kind, after, before, base.value.period);
            }
        }
        RelationKind::StatedRank => {
            let (stated, _) = stated_rate()?;
            if relation.base.is_empty() {
                return Err(Missing::Base);
            }
            let others = figures_in(dataset, &relation.base, subject_indicator)?;
            let mine = point_in(dataset, subject.value, subject_indicator)?;
            let mut above = 0u32;
            for other in &others {
                if point_in(dataset, other.value, subject_indicator)? > mine {
                    above += 1;
                }
            }
            let rank = Decimal::from(above + 1);
            f.unit = Measure::Rank;
            f.stated = Some(stated);
            f.computed = Some(rank);
            f.difference = Some(rank - stated);
            f.tolerance = Some(Decimal::ZERO);
            if rank != stated.normalize() {
                f.severity = Severity::Error;
                f.supported = vec![Wording::Rank(above + 1)];
            }
        }
    }
    Ok(f)
}

/// Converts exactly, as `calc::convert` does — except that counts in different measure words
/// (量词: "11项规划" and "17个规划") are one count: a relation that adds them up says they
/// count the same things.
fn convert_counting(
    amount: Decimal,
    from: &crate::model::Unit,
    to: &crate::model::Unit,
) -> Option<Decimal> {
    if from.dimension == "count" && to.dimension == "count" && from.factor == to.factor {
        return Some(amount);
    }
    convert(crate::model::Amount(amount), from, to).map(|a| a.0)
}

/// A value's amount converted into `target`'s unit (exactly).
fn point_in(dataset: &Dataset, value: &Value, target: &RecordId) -> Result<Decimal, Missing> {
    match (unit_of(dataset, &value.indicator), unit_of(dataset, target)) {
        (Some(from), Some(to)) => {
            convert_counting(value.amount.0, from, to).ok_or_else(|| Missing::Units {
                from: from.symbol.clone(),
                to: to.symbol.clone(),
            })
        }
        _ => Ok(value.amount.0),
    }
}

/// The full-year values a span total adds up ("五年累计"): every year of the subject's span.
fn years_of_span<'a>(dataset: &'a Dataset, subject: &ValueRef) -> Result<Vec<Figure<'a>>, Missing> {
    let Some((from, to)) = subject.period.years() else {
        return Err(Missing::Base);
    };
    let refs: Vec<ValueRef> = (from..=to)
        .map(|year| ValueRef {
            indicator: subject.indicator.clone(),
            period: Period::Year(year),
        })
        .collect();
    figures_in(dataset, &refs, &subject.indicator).map_err(|missing| match missing {
        Missing::Figures(refs) => Missing::Years(
            refs.iter()
                .filter_map(|r| r.period.years().map(|(y, _)| y))
                .collect(),
        ),
        other => other,
    })
}

/// The wordings the figures support when a stated rate fails: the growth and — from +50 %
/// up, where people say it that way — the multiple; or the share or the points.
fn supported_wording(
    kind: RelationKind,
    after: Decimal,
    before: Decimal,
    of: Period,
) -> Vec<Wording> {
    let hundred = Decimal::ONE_HUNDRED;
    let Some(ratio) = after.checked_div(before) else {
        return Vec::new();
    };
    match kind {
        RelationKind::StatedGrowth | RelationKind::StatedMultiple => {
            let growth = ((ratio - Decimal::ONE) * hundred).round_dp(1);
            let mut out = vec![Wording::Growth(growth.normalize())];
            if ratio >= Decimal::new(15, 1) || kind == RelationKind::StatedMultiple {
                out.push(Wording::Multiple {
                    times: ratio.round_dp(1).normalize(),
                    of,
                });
            }
            if kind == RelationKind::StatedMultiple {
                out.reverse();
            }
            out
        }
        RelationKind::StatedPoints => {
            vec![Wording::Points((after - before).round_dp(1).normalize())]
        }
        _ => vec![Wording::Share((ratio * hundred).round_dp(1).normalize())],
    }
}

/// Whether an indicator is a rate or share that cannot exceed 100 % (办结率, 比重, 占比 …, but
/// not a growth rate, 增长率 / 增速).
fn is_bounded_rate(dataset: &Dataset, indicator: &RecordId) -> bool {
    let Some(i) = dataset.indicator(indicator) else {
        return false;
    };
    let percent = unit_of(dataset, indicator).is_some_and(|u| u.dimension == "percent");
    let rate_word = ["率", "比重", "占比", "覆盖"]
        .iter()
        .any(|w| i.name.contains(w));
    let growth_word = ["增长", "增速", "增幅", "涨"]
        .iter()
        .any(|w| i.name.contains(w));
    percent && rate_word && !growth_word
}

/// The range rules over every value, an indicator at a time: what the rules need to know of
/// the indicator (its unit, whether it is a bounded rate) is looked up once for all its values,
/// and the year before a value is found among the indicator's own (this runs after every edit).
fn range_findings(dataset: &Dataset, options: &CheckOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    for (indicator, values) in dataset.values_by_indicator() {
        let bounded = is_bounded_rate(dataset, indicator);
        let count = unit_of(dataset, indicator).is_some_and(|u| u.dimension == "count");
        let by_period: std::collections::BTreeMap<Period, &Value> =
            values.iter().map(|v| (v.period, *v)).collect();
        for value in &values {
            let amount = value.amount.0;
            let finding = |rule: RangeRule| {
                let at = ValueRef {
                    indicator: value.indicator.clone(),
                    period: value.period,
                };
                let mut f = Finding::new(Check::Range(rule), vec![at]);
                f.severity = Severity::Warning;
                f.stated = Some(amount.normalize());
                f.unit = measure_of(dataset, indicator);
                f.approximate = value.qualifier != Qualifier::Exact;
                f.source = value.source.clone();
                f
            };
            if bounded && amount > Decimal::ONE_HUNDRED {
                out.push(finding(RangeRule::RateAbove100));
            }
            if count && (amount.is_sign_negative() || !amount.fract().is_zero()) {
                out.push(finding(RangeRule::CountNotWhole));
            }
            let previous = value.period.previous_year().and_then(|p| by_period.get(&p));
            if let Some(previous) = previous {
                let before = previous.amount.0;
                if before > Decimal::ZERO && amount > Decimal::ZERO {
                    let ratio = amount / before;
                    let factor = options.jump_factor;
                    if ratio > factor || ratio * factor < Decimal::ONE {
                        let mut f = finding(RangeRule::Jump);
                        f.figures.push(ValueRef {
                            indicator: previous.indicator.clone(),
                            period: previous.period,
                        });
                        f.stated = Some(before.normalize());
                        f.computed = Some(amount.normalize());
                        f.difference = Some(ratio.round_dp(1).normalize());
                        f.tolerance = Some(factor);
                        out.push(f);
                    }
                }
            }
        }
    }
    out
}

/// Each project class's plans for each year against the indicator ledger's count and total.
/// A project ledger holding fewer of the year's projects than the count cannot be checked yet
/// (the bureau enters its projects over time); more projects, or a different total for the
/// same number of projects, is an error.
/// Each typed count bound to the approvals register against the records' count for its
/// period; nothing while the ledger keeps no records of that kind (a count of none says
/// nothing about the typed figure).
fn record_count_findings(dataset: &Dataset) -> Vec<Finding> {
    super::approvals::compare_counts(dataset)
        .into_iter()
        .filter_map(|c| {
            let counted = Decimal::from(c.counted? as u64);
            let differs = c.differs();
            let unit = measure_of(dataset, &c.indicator);
            let mut f = Finding::new(
                Check::RecordCount(c.what),
                vec![ValueRef {
                    indicator: c.indicator,
                    period: c.period,
                }],
            );
            f.stated = c.typed;
            f.computed = Some(counted);
            f.difference = c.typed.map(|typed| counted - typed);
            f.unit = unit;
            if differs {
                f.severity = Severity::Error;
            }
            Some(f)
        })
        .collect()
}

fn plan_findings(dataset: &Dataset) -> Vec<Finding> {
    let mut out = Vec::new();
    for plan in super::projects::plan_checks(dataset) {
        let count_ind = dataset
            .indicators()
            .find(|i| i.name == format!("安排{}项目", plan.class))
            .map(|i| i.id.clone());
        let total_ind = dataset
            .indicators()
            .find(|i| i.name == format!("{}项目计划投资", plan.class))
            .map(|i| i.id.clone());
        let figures: Vec<ValueRef> = [count_ind, total_ind.clone()]
            .into_iter()
            .flatten()
            .map(|indicator| ValueRef {
                indicator,
                period: Period::Year(plan.year),
            })
            .filter(|r| dataset.value_at(&r.indicator, &r.period).is_some())
            .collect();
        let mut f = Finding::new(
            Check::Plan {
                class: plan.class.clone(),
                year: plan.year,
            },
            figures,
        );
        f.stated = plan.ledger_count;
        f.computed = Some(Decimal::from(plan.projects as u64));
        f.unit = dataset
            .unit_by_symbol("个")
            .map_or(Measure::Rank, |u| Measure::Unit(u.id.clone()));
        if plan.projects == 0 {
            // The project ledger holds no plan of this class for the year: nothing to compare.
            continue;
        }
        let fewer = plan
            .ledger_count
            .is_some_and(|n| Decimal::from(plan.projects as u64) < n);
        if fewer {
            f.difference = plan
                .ledger_count
                .map(|n| Decimal::from(plan.projects as u64) - n);
            f.severity = Severity::CannotCheck;
        } else if !plan.mismatches.is_empty() {
            f.severity = Severity::Error;
            if let (Some(planned), Some(ledger)) = (plan.planned_total, plan.ledger_total) {
                f.stated = Some(ledger);
                f.computed = Some(planned);
                if let Some(total) = &total_ind {
                    f.unit = measure_of(dataset, total);
                }
            }
            f.difference = match (f.computed, f.stated) {
                (Some(c), Some(s)) => Some(c - s),
                _ => None,
            };
        }
        out.push(f);
    }
    out
}
