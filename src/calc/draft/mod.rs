//! Checking a pasted draft (核对文稿): every figure of a work summary read, matched to the
//! ledger and checked at the precision it was written with, and the draft's own statements
//! (rates, shares of a plan, remainders, gaps to time elapsed, parts under 其中) checked
//! against its own figures.
//!
//! The pieces, in the order a draft goes through them:
//!
//! - `text` cuts the draft into paragraphs (lines) and sentences (。!?; and line ends) and
//!   masks titles and short quotes, which name things ("十三五", “亿元税收楼”);
//! - `periods` finds the period words of a sentence ("2012年—今年10月", "今年截至10月",
//!   "近五年") and reads them with [`crate::model::parse_period`] against the document date; a
//!   period word governs the figures after it in its sentence until the next one;
//! - `figures` reads the figures: a number with its unit, qualifier and kind;
//! - `ledger` matches each figure to a value or a stated relation of the ledger and marks it
//!   ([`Mark`]);
//! - `own` checks the draft against itself ([`OwnFinding`]);
//! - `messages` says marks and findings in Chinese and English ([`crate::i18n::Message`]).
//!
//! Invariants: nothing here panics on any UTF-8 input; every figure's byte range lies on char
//! boundaries inside the text; the work is linear in the text's length (every look back or
//! ahead is bounded), so a long draft can be checked paragraph by paragraph with progress
//! ([`paragraphs`], [`DraftChecker::check_paragraph`]) or all at once ([`check_draft`]).

mod figures;
mod ledger;
mod messages;
mod numbers;
mod own;
mod periods;
mod text;

pub use figures::FigureKind;
pub use ledger::LedgerIndex;
pub use text::paragraphs;

use crate::model::{Dataset, Date, Period, Qualifier, RecordId, RelationKind};
use ledger::FigureQuery;
use own::Placed;
use rust_decimal::Decimal;
use std::ops::Range;
use text::Sentence;

/// A figure of the draft: where it stands, what it says, and what the ledger says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftFigure {
    /// Byte offsets into the whole text, on char boundaries: the figure as written, with its
    /// qualifier and unit ("约527亿元").
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub amount: Decimal,
    /// The unit's usual symbol: "亿元" (also for "64.15亿"), "个", "%", "个百分点", "倍", and
    /// "位" for ranks.
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
    /// The period governing the figure in its sentence; `None` when the sentence names none.
    pub period: Option<Period>,
    /// Byte range of the figure's sentence.
    pub sentence: Range<usize>,
    /// What the ledger says; `None` when the draft was checked without a ledger.
    pub mark: Option<Mark>,
}

/// A value of the ledger as the draft would write it: in the draft figure's unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerFigure {
    pub value: RecordId,
    pub indicator: RecordId,
    /// The indicator's name.
    pub name: String,
    pub period: Period,
    /// The ledger's amount converted exactly into the draft's unit.
    pub amount: Decimal,
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
}

/// What the ledger says about a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// The ledger holds this figure: at the precision both were written with, they agree.
    Agrees(LedgerFigure),
    /// The ledger holds this figure differently.
    Differs(LedgerFigure),
    /// No value of the ledger is this figure (by unit, period and words).
    NotInLedger,
    /// Several values of the ledger fit about equally and none agrees.
    Ambiguous(Vec<LedgerFigure>),
    /// The figure is a statement the ledger records as a relation (a growth, a share …).
    Relation(RelationMark),
}

/// A percentage, multiple, points or rank that the ledger records as a relation, checked
/// against what the ledger's own figures give — or, when the ledger lacks a figure the relation
/// needs (its base is not in the ledger), against the statement as the ledger recorded it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationMark {
    pub relation: RecordId,
    pub kind: RelationKind,
    /// The subject indicator's name.
    pub subject: String,
    pub period: Period,
    /// The draft's figure and its kind.
    pub stated: Decimal,
    pub figure_kind: FigureKind,
    /// The figure the ledger recorded for the statement.
    pub recorded: Option<Decimal>,
    /// What the ledger's figures give, exactly (69.72… for "投资增长了170%").
    pub computed: Option<Decimal>,
    /// Whether the draft's figure agrees: with `computed` when there is one, else with
    /// `recorded`.
    pub agrees: bool,
}

/// A figure that an own check used, as the draft wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureValue {
    /// Index into [`DraftCheck::figures`].
    pub index: usize,
    pub amount: Decimal,
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
}

/// Which statement an own check is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnCheck {
    /// A rate after its two counts (inputs: numerator, denominator).
    Rate,
    /// A share of a plan (inputs: the amount done, the plan).
    PlanShare,
    /// A remainder (inputs: the total, the part done).
    Remainder,
    /// Percentage points ahead of (or behind) the share of the year gone by (input: the
    /// percentage); `elapsed` is that share, in percent.
    TimeProgress { elapsed: Decimal },
    /// Parts under 其中 against their total (the stated figure; inputs: the parts). When
    /// `complete`, the parts must add up to the total; otherwise not exceed it.
    Parts { complete: bool },
}

/// A statement of the draft checked against its own figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnFinding {
    pub check: OwnCheck,
    /// Whether the statement holds at the precision its figures were written with.
    pub holds: bool,
    /// The rate's word ("开工率") or the remainder's action ("开工"); empty for other checks.
    pub label: String,
    /// The figure checked: the rate, the share, the remainder, the points, the total.
    pub stated: FigureValue,
    /// The figures it is computed from.
    pub inputs: Vec<FigureValue>,
    /// What they give, exactly, in the stated figure's unit.
    pub computed: Decimal,
}

/// The result of checking a draft or a part of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftCheck {
    /// Every figure, in the order of the text.
    pub figures: Vec<DraftFigure>,
    /// The draft's own statements that could be checked.
    pub own: Vec<OwnFinding>,
}

/// How many figures were marked which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub figures: usize,
    pub agrees: usize,
    pub differs: usize,
    pub not_in_ledger: usize,
    pub ambiguous: usize,
    /// Relations whose figure agrees (with the ledger's figures, or as recorded).
    pub relation_agrees: usize,
    pub relation_differs: usize,
    pub own_holds: usize,
    pub own_fails: usize,
}

impl Mark {
    /// The mark's code: `agrees`, `differs`, `not_in_ledger` or `ambiguous` (a stated rate
    /// counts as agreeing or differing) — the class the page marks a figure with, and the CLI's
    /// JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Mark::Agrees(_) => "agrees",
            Mark::Relation(r) if r.agrees => "agrees",
            Mark::Differs(_) | Mark::Relation(_) => "differs",
            Mark::NotInLedger => "not_in_ledger",
            Mark::Ambiguous(_) => "ambiguous",
        }
    }
}

/// A figure's mark code, `unchecked` when the draft was checked without a ledger.
pub fn mark_code(mark: Option<&Mark>) -> &'static str {
    mark.map_or("unchecked", Mark::code)
}

impl Tally {
    /// "共 186 个数字:与台账一致 179,…": the count said for people, page and CLI alike.
    pub fn message(&self) -> crate::i18n::Message {
        crate::i18n::Message::new("draft.tally")
            .with("figures", self.figures)
            .with("agrees", self.agrees + self.relation_agrees)
            .with("differs", self.differs + self.relation_differs)
            .with("missing", self.not_in_ledger)
            .with("ambiguous", self.ambiguous)
            .with("holds", self.own_holds)
            .with("fails", self.own_fails)
    }
}

impl DraftCheck {
    /// Adds the check of a later part of the same text (its indices shift past ours).
    pub fn append(&mut self, mut other: DraftCheck) {
        let offset = self.figures.len();
        for finding in &mut other.own {
            finding.stated.index += offset;
            for input in &mut finding.inputs {
                input.index += offset;
            }
        }
        self.figures.append(&mut other.figures);
        self.own.append(&mut other.own);
    }

    /// Counts the marks and findings.
    pub fn tally(&self) -> Tally {
        let mut tally = Tally {
            figures: self.figures.len(),
            ..Tally::default()
        };
        for figure in &self.figures {
            match &figure.mark {
                Some(Mark::Agrees(_)) => tally.agrees += 1,
                Some(Mark::Differs(_)) => tally.differs += 1,
                Some(Mark::NotInLedger) => tally.not_in_ledger += 1,
                Some(Mark::Ambiguous(_)) => tally.ambiguous += 1,
                Some(Mark::Relation(r)) if r.agrees => tally.relation_agrees += 1,
                Some(Mark::Relation(_)) => tally.relation_differs += 1,
                None => {}
            }
        }
        for finding in &self.own {
            if finding.holds {
                tally.own_holds += 1;
            } else {
                tally.own_fails += 1;
            }
        }
        tally
    }
}

/// Checks drafts against one ledger (or none): the ledger is indexed once, so a long draft can
/// be checked paragraph by paragraph.
#[derive(Debug)]
pub struct DraftChecker<'d> {
    index: Option<LedgerIndex<'d>>,
    as_of: Date,
}

impl<'d> DraftChecker<'d> {
    /// `as_of` is the document date: what "今年" and "截至目前" mean.
    pub fn new(ledger: Option<&'d Dataset>, as_of: Date) -> DraftChecker<'d> {
        DraftChecker {
            index: ledger.map(|dataset| LedgerIndex::new(dataset, as_of)),
            as_of,
        }
    }

    /// Checks one paragraph, given as a byte range of the whole text (see [`paragraphs`]); the
    /// figures' offsets are into the whole text. A range off char boundaries or outside the
    /// text yields nothing.
    pub fn check_paragraph(&self, text: &str, range: Range<usize>) -> DraftCheck {
        if text.get(range.clone()).is_none() {
            return DraftCheck::default();
        }
        let sentences: Vec<Sentence> = text::sentences(text, range)
            .into_iter()
            .map(|r| Sentence::new(text, r))
            .collect();
        let mut readings = Vec::new();
        for (sentence_index, sentence) in sentences.iter().enumerate() {
            let marks = periods::find_periods(sentence, self.as_of);
            for reading in figures::read_sentence(sentence, &marks) {
                readings.push((sentence_index, reading));
            }
        }
        let placed: Vec<Placed> = readings
            .iter()
            .filter_map(|(sentence_index, reading)| {
                Some(Placed::new(
                    sentences.get(*sentence_index)?,
                    *sentence_index,
                    reading,
                ))
            })
            .collect();
        let own = own::own_checks(&placed);
        let figures = placed
            .iter()
            .map(|p| self.draft_figure(text, p.sentence, p.reading))
            .collect();
        DraftCheck { figures, own }
    }

    /// Checks a whole text, paragraph by paragraph.
    pub fn check_draft(&self, text: &str) -> DraftCheck {
        let mut check = DraftCheck::default();
        for range in paragraphs(text) {
            check.append(self.check_paragraph(text, range));
        }
        check
    }

    fn draft_figure(
        &self,
        text: &str,
        sentence: &Sentence,
        reading: &figures::Reading,
    ) -> DraftFigure {
        let start = sentence.byte_at(reading.start);
        let end = sentence.byte_at(reading.end);
        let mark = self.index.as_ref().map(|index| {
            let falling = {
                let from = reading.number_start.saturating_sub(6);
                let before = sentence.slice(from..reading.number_start);
                ["下降", "减少", "降低", "回落"]
                    .iter()
                    .any(|w| before.contains(w))
            };
            index.mark(&FigureQuery {
                amount: reading.amount,
                unit: &reading.unit,
                kind: reading.kind,
                qualifier: reading.qualifier,
                period: reading.period,
                own: sentence.own_bigrams(
                    reading.own_start..reading.own_end,
                    reading.start..reading.end,
                ),
                context: sentence.bigrams_of(reading.context_start..reading.own_end),
                window: sentence.window_bigrams(reading.number_start, reading.number_end),
                falling,
            })
        });
        DraftFigure {
            start,
            end,
            text: text.get(start..end).unwrap_or("").to_string(),
            amount: reading.amount,
            unit: reading.unit.clone(),
            kind: reading.kind,
            qualifier: reading.qualifier,
            period: reading.period,
            sentence: sentence.range.clone(),
            mark,
        }
    }
}

/// Checks one paragraph of `text` (a byte range, see [`paragraphs`]) against a ledger (or
/// none). To check many paragraphs against one ledger, keep a [`DraftChecker`]: it indexes the
/// ledger once.
pub fn check_paragraph(
    text: &str,
    range: Range<usize>,
    ledger: Option<&Dataset>,
    as_of: Date,
) -> DraftCheck {
    DraftChecker::new(ledger, as_of).check_paragraph(text, range)
}

/// Checks a whole draft against a ledger (or none).
pub fn check_draft(text: &str, ledger: Option<&Dataset>, as_of: Date) -> DraftCheck {
    DraftChecker::new(ledger, as_of).check_draft(text)
}

#[cfg(test)]
mod tests;
