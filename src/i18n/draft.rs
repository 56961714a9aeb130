//! Texts and messages of checking a pasted draft (核对文稿): figures found in a text, their marks, its own statements.

use super::Table;

/// UI strings: key, Chinese, English.
pub(super) const UI: Table = &[
    ("draft.title", "核对文稿", "Check a draft"),
    ("draft.explain", "粘贴一段或整篇工作总结,逐个核对其中的数字:与台账是否一致,文中的比率、占比、差额和分项之和是否自洽。", "Paste a paragraph or a whole report: each figure is checked against the ledger, and the text's own rates, shares, remainders and parts against its figures."),
    ("draft.mark.agrees", "一致", "Agrees"),
    ("draft.mark.differs", "不一致", "Differs"),
    ("draft.mark.not_in_ledger", "台账中没有", "Not in the ledger"),
    ("draft.mark.ambiguous", "无法确定", "Ambiguous"),
    ("draft.own.title", "文稿自身核对", "The draft against itself"),
    ("draft.own.holds", "相符", "Holds"),
    ("draft.own.fails", "不符", "Does not hold"),
];

/// Message templates: code, Chinese, English. `{name}` is replaced by the parameter.
pub(super) const MESSAGES: Table = &[
    // Figures for reading: the number with its qualifier, then its unit or sign.
    ("draft.number.exact", "{value}", "{value}"),
    ("draft.number.about", "约{value}", "~{value}"),
    ("draft.number.at_least", "{value}以上", "{value}+"),
    ("draft.figure.quantity", "{number}{unit}", "{number} {unit}"),
    ("draft.figure.percent", "{number}%", "{number} %"),
    ("draft.figure.points", "{number}个百分点", "{number} percentage points"),
    ("draft.figure.multiple", "{number}倍", "{number} times"),
    ("draft.figure.rank", "第{number}", "No. {number}"),
    ("draft.list", "{first};{rest}", "{first}; {rest}"),
    ("draft.list.end", "—", "—"),
    // What the ledger says about a figure.
    ("draft.agrees", "与台账一致({period_code} {indicator} {ledger})", "Agrees with the ledger ({period_code}, {indicator}: {ledger})"),
    ("draft.differs", "台账为 {ledger}({period_code} {indicator})", "The ledger has {ledger} ({period_code}, {indicator})"),
    ("draft.not_in_ledger", "台账中没有这个数字", "The ledger does not hold this figure"),
    ("draft.ambiguous", "台账中有 {count} 个数字都可能是它:{candidates}", "{count} figures of the ledger could be this one: {candidates}"),
    ("draft.candidate", "{period_code} {indicator} {ledger}", "{period_code}, {indicator}: {ledger}"),
    ("draft.relation.holds", "与台账数字相符:按台账计算为 {computed}({period_code} {subject})", "Agrees with the ledger's figures: they give {computed} ({period_code}, {subject})"),
    ("draft.relation.differs", "台账为 {computed}(按台账 {period_code} {subject} 等数字计算),文中为 {stated}", "The ledger has {computed} (computed from its figures: {period_code}, {subject}); the text says {stated}"),
    ("draft.relation.recorded", "与台账记录的表述一致({period_code} {subject} {recorded});台账中没有据以核算的数字", "Agrees with the statement the ledger records ({period_code}, {subject}: {recorded}); the ledger lacks the figures to recompute it"),
    ("draft.relation.recorded_differs", "台账记录的表述为 {recorded}({period_code} {subject}),文中为 {stated}", "The ledger records this statement as {recorded} ({period_code}, {subject}); the text says {stated}"),
    ("draft.relation.unchecked", "台账记录了这一表述({period_code} {subject}),但无法核算", "The ledger records this statement ({period_code}, {subject}) but cannot check it"),
    // The draft against itself.
    ("draft.own.rate_holds", "{rate}{stated}与 {numerator}÷{denominator}={computed} 相符", "The rate \"{rate}\" of {stated} agrees with {numerator} ÷ {denominator} = {computed}"),
    ("draft.own.rate_differs", "{rate}应为{computed}({numerator}÷{denominator}),文中为{stated}", "The rate \"{rate}\" should be {computed} ({numerator} ÷ {denominator}); the text says {stated}"),
    ("draft.own.share_holds", "占计划的{stated}与 {done}÷{plan}={computed} 相符", "The share of the plan, {stated}, agrees with {done} ÷ {plan} = {computed}"),
    ("draft.own.share_differs", "占计划的比例应为{computed}({done}÷{plan}),文中为{stated}", "The share of the plan should be {computed} ({done} ÷ {plan}); the text says {stated}"),
    ("draft.own.remainder_holds", "{stated}与 {total}−{done}={computed} 相符", "{stated} agrees with {total} − {done} = {computed}"),
    ("draft.own.remainder_differs", "应为{computed}({total}−{done}),文中为{stated}", "Should be {computed} ({total} − {done}); the text says {stated}"),
    ("draft.own.progress_holds", "{stated}与 {percent} 和时间进度 {elapsed} 之差 {computed} 相符", "{stated} agrees with the gap between {percent} and the time elapsed, {elapsed}: {computed}"),
    ("draft.own.progress_differs", "与时间进度之差应为{computed}({percent}对时间进度{elapsed}),文中为{stated}", "The gap to the time elapsed should be {computed} ({percent} against {elapsed} of the year gone by); the text says {stated}"),
    ("draft.own.parts_holds", "各分项之和 {computed}({parts})与总数 {stated} 相符", "The parts add up to {computed} ({parts}), agreeing with the total {stated}"),
    ("draft.own.parts_differ", "各分项之和为 {computed}({parts}),与总数 {stated} 不符", "The parts add up to {computed} ({parts}), not to the total {stated}"),
    ("draft.own.parts_within", "所列分项之和 {computed}({parts})未超过总数 {stated}", "The parts listed add up to {computed} ({parts}), within the total {stated}"),
    ("draft.own.parts_exceed", "所列分项之和 {computed}({parts})超过总数 {stated}", "The parts listed add up to {computed} ({parts}), more than the total {stated}"),
];
