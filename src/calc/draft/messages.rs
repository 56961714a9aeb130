//! Marks and own-check findings said as [`Message`]s, in Chinese or English: the templates are
//! in `src/i18n/draft.rs`. Figures are nested messages ("约527亿元" / "~527 亿元"), so the
//! qualifier and the percent sign read right in either language; periods go by their code
//! (`period_code`), which the renderer labels in the reader's language. Indicator names and
//! units are the ledger's and the draft's own words and stay as written.

use super::figures::FigureKind;
use super::{DraftFigure, FigureValue, LedgerFigure, Mark, OwnCheck, OwnFinding, RelationMark};
use crate::i18n::Message;
use crate::model::{Amount, Qualifier};
use rust_decimal::Decimal;

/// Most candidates an ambiguous mark names.
const LISTED_CANDIDATES: usize = 3;

/// A figure for reading: its number with the qualifier, and its unit or sign by kind.
pub(super) fn figure_message(
    amount: Decimal,
    unit: &str,
    kind: FigureKind,
    qualifier: Qualifier,
) -> Message {
    let number_code = match qualifier {
        Qualifier::Exact => "draft.number.exact",
        Qualifier::About => "draft.number.about",
        Qualifier::AtLeast => "draft.number.at_least",
    };
    let number = Message::new(number_code).with("value", Amount(amount).grouped());
    let code = match kind {
        FigureKind::Quantity => "draft.figure.quantity",
        FigureKind::Percent => "draft.figure.percent",
        FigureKind::Points => "draft.figure.points",
        FigureKind::Multiple => "draft.figure.multiple",
        FigureKind::Rank => "draft.figure.rank",
    };
    Message::new(code)
        .with_message("number", number)
        .with("unit", unit)
}

/// A computed figure, rounded to one decimal more than the figure it is compared with (at
/// least one, at most four): 69.72… beside "170%" reads 69.7, 65 beside "70%" reads 65.0.
fn computed_message(computed: Decimal, like: &FigureValueLike) -> Message {
    let places = match like.kind {
        FigureKind::Rank => 0,
        _ => (like.amount.normalize().scale() + 1).clamp(1, 4),
    };
    let rounded = computed.round_dp(places);
    let shown = if rounded.scale() < places {
        let mut padded = rounded;
        padded.rescale(places);
        padded
    } else {
        rounded
    };
    let number = Message::new("draft.number.exact").with("value", grouped_keeping_zeros(shown));
    let code = match like.kind {
        FigureKind::Quantity => "draft.figure.quantity",
        FigureKind::Percent => "draft.figure.percent",
        FigureKind::Points => "draft.figure.points",
        FigureKind::Multiple => "draft.figure.multiple",
        FigureKind::Rank => "draft.figure.rank",
    };
    Message::new(code)
        .with_message("number", number)
        .with("unit", &like.unit)
}

/// A quantity (a sum, a remainder) as exactly as it comes out, in the figure's unit.
fn exact_message(amount: Decimal, like: &FigureValueLike) -> Message {
    figure_message(amount.normalize(), &like.unit, like.kind, Qualifier::Exact)
}

/// "1,338.70" with its trailing zero: grouping without normalising away the places shown.
fn grouped_keeping_zeros(value: Decimal) -> String {
    let text = value.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let grouped = Amount(whole.parse().unwrap_or(Decimal::ZERO)).grouped();
    let grouped = if whole.starts_with('-') && !grouped.starts_with('-') {
        format!("-{grouped}")
    } else {
        grouped
    };
    if fraction.is_empty() {
        grouped
    } else {
        format!("{grouped}.{fraction}")
    }
}

/// What a computed figure is shown like: the kind and unit of the figure it is compared with.
struct FigureValueLike {
    amount: Decimal,
    unit: String,
    kind: FigureKind,
}

impl From<&FigureValue> for FigureValueLike {
    fn from(value: &FigureValue) -> FigureValueLike {
        FigureValueLike {
            amount: value.amount,
            unit: value.unit.clone(),
            kind: value.kind,
        }
    }
}

fn value_message(value: &FigureValue) -> Message {
    figure_message(value.amount, &value.unit, value.kind, value.qualifier)
}

fn ledger_message(figure: &LedgerFigure) -> Message {
    figure_message(figure.amount, &figure.unit, figure.kind, figure.qualifier)
}

fn candidate_message(figure: &LedgerFigure) -> Message {
    Message::new("draft.candidate")
        .with("period_code", figure.period.code())
        .with("indicator", &figure.name)
        .with_message("ledger", ledger_message(figure))
}

/// "a; b; c" as nested messages, so each part renders in the reader's language.
fn list_message(mut items: Vec<Message>) -> Message {
    let Some(last) = items.pop() else {
        return Message::new("draft.list.end");
    };
    items.into_iter().rev().fold(last, |rest, first| {
        Message::new("draft.list")
            .with_message("first", first)
            .with_message("rest", rest)
    })
}

impl Mark {
    /// The mark said for people.
    pub fn message(&self) -> Message {
        match self {
            Mark::Agrees(figure) => Message::new("draft.agrees")
                .with("period_code", figure.period.code())
                .with("indicator", &figure.name)
                .with_message("ledger", ledger_message(figure)),
            Mark::Differs(figure) => Message::new("draft.differs")
                .with("period_code", figure.period.code())
                .with("indicator", &figure.name)
                .with_message("ledger", ledger_message(figure)),
            Mark::NotInLedger => Message::new("draft.not_in_ledger"),
            Mark::Ambiguous(candidates) => {
                let listed = candidates
                    .iter()
                    .take(LISTED_CANDIDATES)
                    .map(candidate_message)
                    .collect();
                Message::new("draft.ambiguous")
                    .with("count", candidates.len())
                    .with_message("candidates", list_message(listed))
            }
            Mark::Relation(relation) => relation.message(),
        }
    }

    /// The UI key of the mark's short label (一致, 不一致, …).
    pub fn label_key(&self) -> &'static str {
        match self {
            Mark::Agrees(_) => "draft.mark.agrees",
            Mark::Differs(_) => "draft.mark.differs",
            Mark::NotInLedger => "draft.mark.not_in_ledger",
            Mark::Ambiguous(_) => "draft.mark.ambiguous",
            Mark::Relation(r) if r.agrees => "draft.mark.agrees",
            Mark::Relation(_) => "draft.mark.differs",
        }
    }
}

impl RelationMark {
    /// The relation's mark said for people.
    pub fn message(&self) -> Message {
        let like = FigureValueLike {
            amount: self.stated,
            unit: String::new(),
            kind: self.figure_kind,
        };
        let stated = figure_message(self.stated, "", self.figure_kind, Qualifier::Exact);
        let recorded = self
            .recorded
            .map(|r| figure_message(r, "", self.figure_kind, Qualifier::Exact));
        let base = |code: &'static str| {
            Message::new(code)
                .with("period_code", self.period.code())
                .with("subject", &self.subject)
        };
        match (self.computed, self.agrees, recorded) {
            (Some(computed), true, _) => base("draft.relation.holds")
                .with_message("computed", computed_message(computed, &like)),
            (Some(computed), false, _) => base("draft.relation.differs")
                .with_message("computed", computed_message(computed, &like))
                .with_message("stated", stated),
            (None, true, Some(recorded)) => {
                base("draft.relation.recorded").with_message("recorded", recorded)
            }
            (None, false, Some(recorded)) => base("draft.relation.recorded_differs")
                .with_message("recorded", recorded)
                .with_message("stated", stated),
            (None, _, None) => base("draft.relation.unchecked"),
        }
    }
}

impl OwnFinding {
    /// The finding said for people.
    pub fn message(&self) -> Message {
        let stated = value_message(&self.stated);
        let like = FigureValueLike::from(&self.stated);
        let input = |index: usize| self.inputs.get(index).map(value_message);
        let computed = computed_message(self.computed, &like);
        let with_inputs = |message: Message, names: [&'static str; 2]| {
            let mut message = message;
            for (position, name) in names.into_iter().enumerate() {
                if let Some(figure) = input(position) {
                    message = message.with_message(name, figure);
                }
            }
            message
        };
        match self.check {
            OwnCheck::Rate => with_inputs(
                Message::new(if self.holds {
                    "draft.own.rate_holds"
                } else {
                    "draft.own.rate_differs"
                })
                .with("rate", &self.label),
                ["numerator", "denominator"],
            )
            .with_message("computed", computed)
            .with_message("stated", stated),
            OwnCheck::PlanShare => with_inputs(
                Message::new(if self.holds {
                    "draft.own.share_holds"
                } else {
                    "draft.own.share_differs"
                }),
                ["done", "plan"],
            )
            .with_message("computed", computed)
            .with_message("stated", stated),
            OwnCheck::Remainder => with_inputs(
                Message::new(if self.holds {
                    "draft.own.remainder_holds"
                } else {
                    "draft.own.remainder_differs"
                }),
                ["total", "done"],
            )
            .with_message("computed", exact_message(self.computed, &like))
            .with_message("stated", stated),
            OwnCheck::TimeProgress { elapsed } => {
                let elapsed_like = FigureValueLike {
                    amount: Decimal::new(1, 1),
                    unit: String::new(),
                    kind: FigureKind::Percent,
                };
                with_inputs(
                    Message::new(if self.holds {
                        "draft.own.progress_holds"
                    } else {
                        "draft.own.progress_differs"
                    }),
                    ["percent", "unused"],
                )
                .with_message("elapsed", computed_message(elapsed, &elapsed_like))
                .with_message("computed", computed)
                .with_message("stated", stated)
            }
            OwnCheck::Parts { complete } => {
                let code = match (complete, self.holds) {
                    (true, true) => "draft.own.parts_holds",
                    (true, false) => "draft.own.parts_differ",
                    (false, true) => "draft.own.parts_within",
                    (false, false) => "draft.own.parts_exceed",
                };
                let parts = self
                    .inputs
                    .iter()
                    .map(|p| Amount(p.amount).grouped())
                    .collect::<Vec<_>>()
                    .join(" + ");
                Message::new(code)
                    .with("parts", parts)
                    .with_message("computed", exact_message(self.computed, &like))
                    .with_message("stated", stated)
            }
        }
    }

    /// The UI key of the finding's short label.
    pub fn label_key(&self) -> &'static str {
        if self.holds {
            "draft.own.holds"
        } else {
            "draft.own.fails"
        }
    }
}

impl DraftFigure {
    /// The figure as the draft states it, for reading ("约527亿元" / "~527 亿元").
    pub fn message(&self) -> Message {
        figure_message(self.amount, &self.unit, self.kind, self.qualifier)
    }
}
