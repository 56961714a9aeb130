//! Texts and messages of the consistency checks (数据核对): relation findings, range rules, the
//! page.

use super::Table;

/// UI strings: key, Chinese, English.
pub(super) const UI: Table = &[
    ("checks.kind.stated_growth", "增长", "Growth"),
    ("checks.kind.stated_multiple", "倍数", "Multiple"),
    ("checks.kind.stated_points", "百分点", "Percentage points"),
    ("checks.kind.stated_share", "占比 / 比率", "Share or rate"),
    (
        "checks.kind.parts_of",
        "分项与总数(其中)",
        "Parts of a total",
    ),
    ("checks.kind.cumulative_of", "累计", "Cumulative total"),
    (
        "checks.kind.stated_difference",
        "差额(核减、节约)",
        "Difference",
    ),
    ("checks.kind.stated_rank", "排名", "Rank"),
    (
        "checks.rule.rate_above_100",
        "比率超过 100%",
        "Rate above 100 %",
    ),
    (
        "checks.rule.count_not_whole",
        "计数不是非负整数",
        "Count not a whole number",
    ),
    (
        "checks.rule.jump",
        "与上年同期相比变化过大",
        "Jump from a year earlier",
    ),
    (
        "checks.rule.plan",
        "项目计划与指标台账",
        "Project plans against the ledger",
    ),
    ("checks.severity.error", "错误", "Errors"),
    ("checks.severity.warning", "提醒", "Warnings"),
    (
        "checks.severity.cannot_check",
        "无法核对",
        "Cannot be checked",
    ),
    ("checks.severity.confirmed", "已核实", "Confirmed"),
    ("checks.supported", "数据支持的表述", "The data supports"),
    ("checks.source", "原文", "Source"),
];

/// Message templates: code, Chinese, English. `{name}` is replaced by the parameter.
pub(super) const MESSAGES: Table = &[
    ("checks.summary", "错误 {errors} 项,提醒 {warnings} 项,无法核对 {cannot} 项,已核实 {confirmed} 项", "{errors} errors, {warnings} warnings, {cannot} cannot be checked, {confirmed} confirmed"),
    ("cli.check_needs_input", "请给出要核对的台账文件(或用 --draft 给出文稿)", "Give a ledger file to check (or a draft with --draft)"),
    ("checks.holds", "相符:表述为 {stated},按台账计算为 {computed}(允许误差 ±{tolerance}){approx}", "Holds: stated {stated}, the ledger gives {computed} (within ±{tolerance}){approx}"),
    ("checks.differs", "不符:表述为 {stated},按台账计算为 {computed},相差 {difference}(允许误差 ±{tolerance}){approx}", "Does not hold: stated {stated}, the ledger gives {computed}, a difference of {difference} (tolerance ±{tolerance}){approx}"),
    ("checks.parts_within", "所列分项合计 {computed},未超过总数 {stated}{approx}", "The parts listed add up to {computed}, within the total of {stated}{approx}"),
    ("checks.parts_exceed", "所列分项合计 {computed},超过了总数 {stated}(多 {difference}){approx}", "The parts listed add up to {computed}, more than the total of {stated} (by {difference}){approx}"),
    ("checks.approximate", ";含约数或“多、余、超”,已按约数放宽误差", "; approximate figures (about, more than) widen the tolerance"),
    ("checks.rate_above_100", "比率 {stated} 达到或超过 100%,请核实{approx}", "The rate {stated} reaches or exceeds 100 %: please check it{approx}"),
    ("checks.count_not_whole", "计数为 {stated},应为非负整数{approx}", "The count is {stated}; a count is a whole number, not negative{approx}"),
    ("checks.jump", "由上年同期的 {stated} 变为 {computed},是其 {ratio} 倍(超出 {factor} 倍的提醒界限),请核实或注明原因{approx}", "From {stated} a year earlier to {computed}, {ratio} times as much (beyond the {factor}-fold alert): check it or note why{approx}"),
    ("checks.plan_incomplete", "项目台账中该年有计划的项目为 {computed},指标台账为 {stated}:录入全部项目后才能核对{approx}", "The project ledger has {computed} with a plan for the year, the indicator ledger {stated}: enter all of them to check{approx}"),
    ("checks.plan_holds", "项目台账与指标台账一致:{computed}{approx}", "The project ledger agrees with the indicator ledger: {computed}{approx}"),
    ("checks.plan_differs", "项目台账为 {computed},指标台账为 {stated},相差 {difference}{approx}", "The project ledger has {computed}, the indicator ledger {stated}, a difference of {difference}{approx}"),
    ("checks.missing_figures", "无法核对:台账中没有{figures}", "Cannot be checked: the ledger has no figure for {figures}"),
    ("checks.missing_indicator", "无法核对:所指的指标已不存在({id})", "Cannot be checked: the indicator it names no longer exists ({id})"),
    ("checks.missing_years", "无法核对:台账中缺少 {years} 年的全年数", "Cannot be checked: the ledger lacks the full-year figures of {years}"),
    ("checks.missing_base", "无法核对:比较的基数不在台账中(见备注)", "Cannot be checked: what it is compared with is not in the ledger (see the note)"),
    ("checks.missing_stated", "无法核对:没有填写表述的数值", "Cannot be checked: the stated figure is not filled in"),
    ("checks.units_differ", "无法核对:{from} 与 {to} 不能换算", "Cannot be checked: {from} does not convert to {to}"),
    ("checks.zero_base", "无法核对:基数为零(或在其精度内可能为零),不能计算比率或倍数", "Cannot be checked: the base is zero (or could be, at its precision), so no rate or multiple exists"),
    ("checks.partial", "注意:比较的两个期间长短不同(如1—9月与全年),不是同口径比较", "Note: the two periods differ in length (e.g. Jan–Sep against a full year), so this is not like with like"),
    ("checks.scope_differs", "注意:两个数字的统计口径不同(见数值的口径说明)", "Note: the two figures are counted differently (see the values' scope notes)"),
];
