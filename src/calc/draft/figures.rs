//! Reading the figures of a sentence: a number (Arabic or Chinese), what it counts (its unit,
//! written after it), how exact it claims to be (约 / 近 / 接近 before it: about; 多 / 余 after
//! it, 超 / 超过 before it, 以上 after the unit: at least), and what kind of figure it is (a
//! quantity, a percentage, percentage points, a multiple, a rank).
//!
//! Being conservative is the point: a figure is a number *with a unit*. So years ("2012年"),
//! dates ("8月8日", "6月底"), codes and ids ("9-1地块", "c-7-1", "a-37a-1", "5+X", "4A级",
//! "10号地块"), plan names in quotes ("十三五"), titles (《2012年度…》) and Chinese numerals in
//! words ("一站式", "一批", "一月一走访", "一期", "三次产业", "第一幼儿园", "第三批", "前四批")
//! are not figures. A Chinese numeral counts only before a unit or measure word (and a lone 一 only
//! before 个: "一个省级工业园区"), before 倍, in a fraction (四分之一 = 25 %), in 翻一番 (a
//! multiple of 2), or after 第 as a rank ("第七位", "位列全市第一").

use super::numbers::{chinese_run_end, chinese_value, is_chinese_numeral, read_arabic};
use super::periods::{Governor, PeriodMark};
use super::text::{ends_clause, is_word_char, Sentence, CLAUSE_REACH};
use crate::model::{Period, Qualifier};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What a figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureKind {
    /// An amount of something, in a unit: "370亿元", "42个".
    Quantity,
    /// A percentage: "69.3%", "四分之一" (25), "百分之八十".
    Percent,
    /// Percentage points: "6.7个百分点".
    Points,
    /// A multiple: "1.7倍", "三倍", "翻一番" (2).
    Multiple,
    /// A rank, 1 the first: "第七位", "位列全市第一".
    Rank,
}

/// One figure read from a sentence (char indices into the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reading {
    /// The figure as written, qualifier and unit included.
    pub start: usize,
    pub end: usize,
    /// The number itself.
    pub number_start: usize,
    pub number_end: usize,
    pub amount: Decimal,
    /// The unit's usual symbol ("亿元" also for "64.15亿", "户" for "农户").
    pub unit: String,
    pub kind: FigureKind,
    pub qualifier: Qualifier,
    pub period: Option<Period>,
    /// The words naming the figure: its own clause, cut at the figures before and after it
    /// ("6项一般专项规划以及7项…": "6项一般专项规划以及"), and where the clause before it starts.
    pub own_start: usize,
    pub own_end: usize,
    pub context_start: usize,
}

/// A unit as written, its usual symbol, and what kind of figure it makes.
struct UnitWord {
    written: &'static str,
    symbol: &'static str,
    kind: FigureKind,
}

const fn unit(written: &'static str, symbol: &'static str) -> UnitWord {
    UnitWord {
        written,
        symbol,
        kind: FigureKind::Quantity,
    }
}

/// Units and measure words. Latin ones match in any case and must end a word.
const UNITS: &[UnitWord] = &[
    UnitWord {
        written: "个百分点",
        symbol: "个百分点",
        kind: FigureKind::Points,
    },
    UnitWord {
        written: "百分点",
        symbol: "个百分点",
        kind: FigureKind::Points,
    },
    UnitWord {
        written: "%",
        symbol: "%",
        kind: FigureKind::Percent,
    },
    UnitWord {
        written: "倍",
        symbol: "倍",
        kind: FigureKind::Multiple,
    },
    // Money.
    unit("亿美元", "亿美元"),
    unit("万美元", "万美元"),
    unit("美元", "美元"),
    unit("百万元", "百万元"),
    unit("亿元", "亿元"),
    unit("万元", "万元"),
    unit("千元", "千元"),
    unit("元", "元"),
    // Area, mass, volume, energy, power, length.
    unit("万平方米", "万平方米"),
    unit("平方公里", "平方公里"),
    unit("平方千米", "平方公里"),
    unit("平方米", "平方米"),
    unit("m²", "平方米"),
    unit("㎡", "平方米"),
    unit("万亩", "万亩"),
    unit("亩", "亩"),
    unit("公顷", "公顷"),
    unit("万吨", "万吨"),
    unit("吨", "吨"),
    unit("千克", "千克"),
    unit("公斤", "千克"),
    unit("kg", "千克"),
    unit("万立方米", "万立方米"),
    unit("立方米", "立方米"),
    unit("m³", "立方米"),
    unit("万千瓦时", "万千瓦时"),
    unit("千瓦时", "千瓦时"),
    unit("kWh", "千瓦时"),
    unit("KWp", "KWp"),
    unit("万千瓦", "万千瓦"),
    unit("千瓦", "千瓦"),
    unit("kW", "千瓦"),
    unit("兆瓦", "兆瓦"),
    unit("MW", "兆瓦"),
    unit("公里", "km"),
    unit("千米", "km"),
    unit("km", "km"),
    unit("米", "米"),
    unit("‰", "‰"),
    // Time.
    unit("个月", "个月"),
    unit("小时", "小时"),
    unit("天", "天"),
    // Counts and measure words.
    unit("人次", "人次"),
    unit("户次", "户次"),
    unit("家次", "家次"),
    unit("批次", "批"),
    unit("农户", "户"),
    unit("个", "个"),
    unit("件", "件"),
    unit("家", "家"),
    unit("次", "次"),
    unit("项", "项"),
    unit("幢", "幢"),
    unit("栋", "栋"),
    unit("户", "户"),
    unit("座", "座"),
    unit("只", "只"),
    unit("篇", "篇"),
    unit("期", "期"),
    unit("人", "人"),
    unit("名", "名"),
    unit("位", "位"),
    unit("台", "台"),
    unit("批", "批"),
    unit("条", "条"),
    unit("所", "所"),
    unit("处", "处"),
    unit("套", "套"),
    unit("辆", "辆"),
    unit("场", "场"),
    unit("份", "份"),
    unit("宗", "宗"),
    unit("块", "块"),
    unit("张", "张"),
    unit("间", "间"),
    unit("例", "例"),
    unit("起", "起"),
    unit("轮", "轮"),
    unit("届", "届"),
    unit("支", "支"),
    // "九大重点产业平台": nine of them.
    unit("大", "个"),
];

/// Words after a Chinese numeral that look like a unit but make a word ("三次产业").
const NOT_FIGURES: &[&str] = &["三次产业", "二次", "一次性", "两手", "三大件"];

/// Words before 第N that make it a rank ("居全省…第七位", "位列全市第一").
const RANK_WORDS: &[&str] = &[
    "位列", "排名", "排在", "居", "列", "全市", "全省", "全国", "全区", "全县",
];

/// How far back the clause before 第N is searched for a rank word, in chars.
const RANK_REACH: usize = 24;

/// Characters before a lone 一个 that make it part of a word (统一, 唯一, 同一, 每一个).
const LONE_ONE_WORDS: &[char] = &['统', '唯', '同', '单', '逐', '每', '任', '万', '之', '第'];

/// Every figure of a sentence, in order, with the period governing it.
pub(super) fn read_sentence(sentence: &Sentence, marks: &[PeriodMark]) -> Vec<Reading> {
    let mut figures: Vec<Reading> = Vec::new();
    let mut i = 0;
    let mut mark_index = 0;
    let mut governor = Governor::new(marks);
    let mut base_governor = Governor::new(marks);
    while i < sentence.len() {
        while marks.get(mark_index).is_some_and(|m| m.end <= i) {
            mark_index += 1;
        }
        let in_period = marks
            .get(mark_index)
            .is_some_and(|m| m.start <= i && i < m.end);
        if sentence.is_masked(i) || in_period {
            i += 1;
            continue;
        }
        let Some(c) = sentence.get(i) else { break };
        let previous = i.checked_sub(1).and_then(|p| sentence.get(p));
        let read = if c == '第' {
            Some(read_rank(sentence, i))
        } else if c == '翻' {
            Some(read_doubling(sentence, i))
        } else if c.is_ascii_digit() && !previous.is_some_and(|p| p.is_ascii_digit()) {
            Some(read_arabic_figure(sentence, i))
        } else if is_chinese_numeral(c) && !previous.is_some_and(is_chinese_numeral) {
            Some(read_chinese_figure(sentence, i))
        } else {
            None
        };
        match read {
            Some(Step { next, figure }) => {
                if let Some(mut figure) = figure {
                    let clause_start = sentence.clause_start(figure.number_start, RANK_REACH);
                    let first_in_clause = figures.last().is_none_or(|f| f.end <= clause_start);
                    if figure.qualifier == Qualifier::Exact
                        && first_in_clause
                        && opens_with_about(sentence, clause_start)
                    {
                        figure.qualifier = Qualifier::About;
                    }
                    figure.period = governor.at(figure.number_start);
                    let before_clause = base_governor.at(clause_start);
                    // "是2012年的1.7倍", "接近我区“十一五”期间累计完成投资的三倍": the words
                    // before 的 name the base, and so does a period word among them.
                    let of_base = figure.kind == FigureKind::Multiple
                        && figure.start > 0
                        && sentence.get(figure.start - 1) == Some('的');
                    if of_base {
                        figure.period = before_clause;
                    }
                    figures.push(figure);
                }
                i = next.max(i + 1);
            }
            None => i += 1,
        }
    }
    place_contexts(sentence, &mut figures);
    figures
}

/// Sets where the words naming each figure lie: its clause cut at its neighbours, and the
/// clause before.
fn place_contexts(sentence: &Sentence, figures: &mut [Reading]) {
    let ends: Vec<usize> = figures.iter().map(|f| f.end).collect();
    let starts: Vec<usize> = figures.iter().map(|f| f.start).collect();
    for (index, figure) in figures.iter_mut().enumerate() {
        let clause_start = sentence.clause_start(figure.number_start, CLAUSE_REACH);
        let clause_end = sentence.clause_end(figure.end, CLAUSE_REACH);
        let previous_end = index
            .checked_sub(1)
            .and_then(|i| ends.get(i))
            .copied()
            .unwrap_or(0);
        let next_start = starts.get(index + 1).copied().unwrap_or(usize::MAX);
        figure.own_start = clause_start.max(previous_end).min(figure.number_start);
        figure.own_end = clause_end.min(next_start).max(figure.end);
        figure.context_start =
            if clause_start > 0 && sentence.get(clause_start - 1).is_some_and(ends_clause) {
                sentence.clause_start(clause_start - 1, CLAUSE_REACH)
            } else {
                clause_start
            };
    }
}

/// What reading at a position gave: where to go on, and the figure if there was one.
struct Step {
    next: usize,
    figure: Option<Reading>,
}

impl Step {
    fn skip(next: usize) -> Step {
        Step { next, figure: None }
    }
}

/// Digits at `start`: an Arabic figure, unless it is part of an id, a code, a range or a date.
fn read_arabic_figure(sentence: &Sentence, start: usize) -> Step {
    let number = read_arabic(&sentence.chars, start);
    let Some(value) = number.value else {
        return Step::skip(number.end);
    };
    let before = start.checked_sub(1).and_then(|i| sentence.get(i));
    let before_that = start.checked_sub(2).and_then(|i| sentence.get(i));
    // "a37", "c-7", "9-1", "b-9", "No.5", "#3": part of a code or a range.
    let joined_before = before.is_some_and(|c| c.is_ascii_alphabetic())
        || (before.is_some_and(|c| matches!(c, '-' | '_' | '/' | '.' | '#' | '+'))
            && before_that.is_some_and(|c| c.is_ascii_alphanumeric()));
    let after = sentence.get(number.end);
    let after_that = sentence.get(number.end + 1);
    let joined_after = matches!(after, Some('+' | '_' | '/'))
        || (matches!(after, Some('-' | '~' | '.'))
            && after_that.is_some_and(|c| c.is_ascii_alphanumeric()));
    if joined_before || joined_after || is_first_n(sentence, start, number.end) {
        return Step::skip(number.end);
    }
    let negative = matches!(before, Some('-' | '\u{2212}'))
        && !before_that.is_some_and(|c| c.is_ascii_alphanumeric());
    let amount = if negative { -value } else { value };
    let figure_start = if negative { start - 1 } else { start };
    match finish(sentence, figure_start, start, number.end, amount, false) {
        Some(figure) => Step {
            next: figure.end,
            figure: Some(figure),
        },
        None => Step::skip(number.end),
    }
}

/// A run of Chinese numerals at `start`: a fraction ("四分之一"), or a figure when a unit
/// follows and the numeral is not part of a word.
fn read_chinese_figure(sentence: &Sentence, start: usize) -> Step {
    let run_end = chinese_run_end(&sentence.chars, start);
    if let Some(fraction) = read_fraction(sentence, start, run_end) {
        return Step {
            next: fraction.end,
            figure: Some(fraction),
        };
    }
    if is_frequency(sentence, start)
        || is_first_n(sentence, start, run_end)
        || NOT_FIGURES.iter().any(|word| sentence.has_at(start, word))
    {
        return Step::skip(run_end);
    }
    let run = sentence.chars.get(start..run_end).unwrap_or(&[]);
    // "三千五百万元": the trailing 万 belongs to the unit 万元 when it makes one.
    let mut number_end = run_end;
    if run.len() > 1
        && matches!(run.last(), Some('万' | '亿'))
        && unit_at(sentence, run_end - 1).is_some_and(|(_, w)| w.written.chars().count() > 1)
    {
        number_end = run_end - 1;
    }
    let Some(value) = chinese_value(sentence.chars.get(start..number_end).unwrap_or(&[])) else {
        return Step::skip(run_end);
    };
    let lone_one = sentence.chars.get(start..number_end) == Some(&['一'][..]);
    match finish(sentence, start, start, number_end, value, true) {
        Some(figure) => {
            let unit_ok = !(figure.unit == "期" && figure.kind == FigureKind::Quantity);
            let one_ok = !lone_one
                || (sentence.get(number_end) == Some('个')
                    && !start
                        .checked_sub(1)
                        .and_then(|i| sentence.get(i))
                        .is_some_and(|c| LONE_ONE_WORDS.contains(&c)));
            if unit_ok && one_ok {
                Step {
                    next: figure.end,
                    figure: Some(figure),
                }
            } else {
                Step::skip(run_end)
            }
        }
        None => Step::skip(run_end),
    }
}

/// "前四批", "前三届", "前两轮": the first N batches or terms — which ones, not how many were
/// made in the period ("共发展三批…,并对前四批…进行复评"), so not a figure to check.
/// (前三季度 is a period, 前10名 a rank: neither ends with these words.)
fn is_first_n(sentence: &Sentence, start: usize, number_end: usize) -> bool {
    start
        .checked_sub(1)
        .and_then(|i| sentence.get(i))
        .is_some_and(|c| c == '前')
        && matches!(sentence.get(number_end), Some('批' | '届' | '轮' | '期'))
}

/// "一周两次", "每月一次", "一月一走访": a frequency, not a figure.
fn is_frequency(sentence: &Sentence, start: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| sentence.get(i));
    let before_that = start.checked_sub(2).and_then(|i| sentence.get(i));
    matches!(before, Some('周' | '月' | '年' | '天' | '日' | '季'))
        && matches!(before_that, Some('每' | '一'))
}

/// "N分之M" (a fraction, as a percentage) and "百分之M".
fn read_fraction(sentence: &Sentence, start: usize, run_end: usize) -> Option<Reading> {
    if !sentence.has_at(run_end, "分之") {
        return None;
    }
    let denominator = chinese_value(sentence.chars.get(start..run_end)?)?;
    let numerator_start = run_end + 2;
    let (numerator, numerator_end) = number_at(sentence, numerator_start)?;
    if denominator.is_zero() {
        return None;
    }
    let percent = numerator
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(denominator)?
        .round_dp(2)
        .normalize();
    let (qualifier, figure_start) = qualifier_before(sentence, start);
    Some(Reading {
        start: figure_start,
        end: numerator_end,
        number_start: start,
        number_end: numerator_end,
        amount: percent,
        unit: "%".to_string(),
        kind: FigureKind::Percent,
        qualifier,
        period: None,
        own_start: 0,
        own_end: 0,
        context_start: 0,
    })
}

/// A number in digits or Chinese numerals at `start`, and where it ends.
fn number_at(sentence: &Sentence, start: usize) -> Option<(Decimal, usize)> {
    let first = sentence.get(start)?;
    if first.is_ascii_digit() {
        let number = read_arabic(&sentence.chars, start);
        return Some((number.value?, number.end));
    }
    if is_chinese_numeral(first) {
        let end = chinese_run_end(&sentence.chars, start);
        return Some((chinese_value(sentence.chars.get(start..end)?)?, end));
    }
    None
}

/// "翻一番" (2), "翻两番" (4), "翻了一番", "翻番": a multiple.
fn read_doubling(sentence: &Sentence, start: usize) -> Step {
    let mut i = start + 1;
    if sentence.get(i) == Some('了') {
        i += 1;
    }
    let (times, end) = if sentence.get(i) == Some('番') {
        (1u32, i + 1)
    } else {
        let Some((count, number_end)) = number_at(sentence, i) else {
            return Step::skip(start + 1);
        };
        if sentence.get(number_end) != Some('番') {
            return Step::skip(start + 1);
        }
        match count.to_u32() {
            Some(n @ 1..=10) if count.fract().is_zero() => (n, number_end + 1),
            _ => return Step::skip(number_end + 1),
        }
    };
    let (qualifier, figure_start) = qualifier_before(sentence, start);
    Step {
        next: end,
        figure: Some(Reading {
            start: figure_start,
            end,
            number_start: start,
            number_end: end,
            amount: Decimal::from(2u64.pow(times)),
            unit: "倍".to_string(),
            kind: FigureKind::Multiple,
            qualifier,
            period: None,
            own_start: 0,
            own_end: 0,
            context_start: 0,
        }),
    }
}

/// 第N: a rank when 位 / 名 follows, or when it ends a clause that says where it ranks
/// ("居全市第一。", "位列全市第一"). Otherwise an ordinal ("第三批", "第一幼儿园"), not a figure.
fn read_rank(sentence: &Sentence, start: usize) -> Step {
    let Some((value, number_end)) = number_at(sentence, start + 1) else {
        return Step::skip(start + 1);
    };
    let next = sentence.get(number_end);
    let (is_rank, end) = if matches!(next, Some('位' | '名')) {
        (true, number_end + 1)
    } else {
        let ends_here = next.is_none_or(ends_clause);
        let clause_start = sentence.clause_start(start, RANK_REACH);
        let clause = sentence.slice(clause_start..start);
        (
            ends_here && RANK_WORDS.iter().any(|w| clause.contains(w)),
            number_end,
        )
    };
    if !is_rank || value < Decimal::ONE {
        return Step::skip(number_end);
    }
    Step {
        next: end,
        figure: Some(Reading {
            start,
            end,
            number_start: start + 1,
            number_end,
            amount: value,
            unit: "位".to_string(),
            kind: FigureKind::Rank,
            qualifier: Qualifier::Exact,
            period: None,
            own_start: 0,
            own_end: 0,
            context_start: 0,
        }),
    }
}

/// After the number: 多 / 余, the unit, then 以上 / 多 / 余 / 左右. `None` without a unit.
fn finish(
    sentence: &Sentence,
    figure_start: usize,
    number_start: usize,
    number_end: usize,
    amount: Decimal,
    chinese: bool,
) -> Option<Reading> {
    let mut qualifier = Qualifier::Exact;
    let mut i = number_end;
    if matches!(sentence.get(i), Some('多' | '余')) {
        qualifier = Qualifier::AtLeast;
        i += 1;
    }
    let (length, word) = unit_at(sentence, i)?;
    if chinese && word.written.is_ascii() {
        return None;
    }
    let symbol = magnitude_symbol(sentence, i, word);
    i += length;
    if sentence.has_at(i, "左右") {
        qualifier = Qualifier::About;
        i += 2;
    } else if sentence.has_at(i, "以上") || sentence.has_at(i, "有余") {
        qualifier = Qualifier::AtLeast;
        i += 2;
    } else if matches!(sentence.get(i), Some('多' | '余')) && word.kind == FigureKind::Quantity {
        qualifier = Qualifier::AtLeast;
        i += 1;
    }
    let (before, start) = qualifier_before(sentence, figure_start);
    if qualifier == Qualifier::Exact {
        qualifier = before;
    }
    Some(Reading {
        start,
        end: i,
        number_start,
        number_end,
        amount,
        unit: symbol,
        kind: word.kind,
        qualifier,
        period: None,
        own_start: 0,
        own_end: 0,
        context_start: 0,
    })
}

/// The unit written at `i`: its length in chars and the word. A magnitude (万 / 亿) before a
/// unit that has no entry of its own makes "万人", "亿人"; 亿 alone before punctuation or the
/// end is 亿元 ("计划总投资64.15亿;"), 万 alone stays 万.
fn unit_at(sentence: &Sentence, i: usize) -> Option<(usize, &'static UnitWord)> {
    let first = sentence.get(i)?;
    let mut best: Option<(usize, &'static UnitWord)> = None;
    for word in UNITS {
        // Most entries fail on their first char: test it before anything else.
        let begins = word
            .written
            .chars()
            .next()
            .is_some_and(|w| w == first || w.eq_ignore_ascii_case(&first));
        if !begins {
            continue;
        }
        let length = word.written.chars().count();
        if best.is_some_and(|(l, _)| l >= length) {
            continue;
        }
        let matches = if word.written.is_ascii() {
            word.written.chars().enumerate().all(|(k, w)| {
                sentence
                    .get(i + k)
                    .is_some_and(|c| c.eq_ignore_ascii_case(&w))
            }) && !sentence
                .get(i + length)
                .is_some_and(|c| c.is_ascii_alphabetic())
        } else {
            sentence.has_at(i, word.written)
        };
        if matches {
            best = Some((length, word));
        }
    }
    if best.is_some() {
        return best;
    }
    let magnitude = sentence.get(i)?;
    if !matches!(magnitude, '万' | '亿') {
        return None;
    }
    if let Some((length, word)) = unit_at_plain(sentence, i + 1) {
        return Some((length + 1, word));
    }
    let after = sentence.get(i + 1);
    if after.is_some_and(|c| is_word_char(c) || c.is_ascii_digit()) {
        return None;
    }
    Some((1, if magnitude == '亿' { &YI_YUAN } else { &WAN }))
}

/// A unit after a magnitude: only the ones without a magnitude of their own.
fn unit_at_plain(sentence: &Sentence, i: usize) -> Option<(usize, &'static UnitWord)> {
    UNITS
        .iter()
        .filter(|w| w.kind == FigureKind::Quantity && !w.written.is_ascii())
        .filter(|w| !w.written.starts_with(['万', '亿', '百', '千', '元']))
        .filter(|w| sentence.has_at(i, w.written))
        .max_by_key(|w| w.written.chars().count())
        .map(|w| (w.written.chars().count(), w))
}

static YI_YUAN: UnitWord = unit("亿", "亿元");
static WAN: UnitWord = unit("万", "万");

/// The symbol of the unit at `i`: the word's own, or the magnitude before a plain unit
/// ("万人").
fn magnitude_symbol(sentence: &Sentence, i: usize, word: &UnitWord) -> String {
    match sentence.get(i) {
        Some(m @ ('万' | '亿')) if !word.written.starts_with(m) => format!("{m}{}", word.symbol),
        _ => word.symbol.to_string(),
    }
}

/// 约 / 近 / 接近 / 将近 / 大约 (about) or 超 / 超过 / 逾 / 突破 (at least) right before a
/// number, and where the figure then starts.
fn qualifier_before(sentence: &Sentence, number_start: usize) -> (Qualifier, usize) {
    const WORDS: &[(&str, Qualifier)] = &[
        ("接近", Qualifier::About),
        ("将近", Qualifier::About),
        ("大约", Qualifier::About),
        ("超过", Qualifier::AtLeast),
        ("突破", Qualifier::AtLeast),
        ("约", Qualifier::About),
        ("近", Qualifier::About),
        ("超", Qualifier::AtLeast),
        ("逾", Qualifier::AtLeast),
    ];
    for (word, qualifier) in WORDS {
        if sentence.has_before(number_start, word) {
            let start = number_start - word.chars().count();
            // 最近, 附近 are "recent", "nearby"; 节约, 签约 are "save", "sign": not qualifiers.
            let previous = start.checked_sub(1).and_then(|i| sentence.get(i));
            let in_a_word = match *word {
                "近" => previous.is_some_and(|c| NOT_NEAR.contains(&c)),
                "约" => previous.is_some_and(|c| NOT_ABOUT.contains(&c)),
                _ => false,
            };
            if in_a_word {
                break;
            }
            return (*qualifier, start);
        }
    }
    (Qualifier::Exact, number_start)
}

/// Characters before 近 that make a word of it (最近, 附近, 靠近, 就近, 邻近).
const NOT_NEAR: &[char] = &['最', '附', '靠', '就', '亲', '邻', '远', '贴'];

/// Characters before 约 that make a word of it (节约, 签约, 制约, 合约, 集约 …).
const NOT_ABOUT: &[char] = &[
    '节', '制', '合', '契', '预', '签', '公', '条', '邀', '特', '集', '履', '违', '践', '简', '婚',
];

/// Whether a clause opens with 接近 / 将近 / 大约: "接近我区“十一五”期间累计完成投资的三倍".
fn opens_with_about(sentence: &Sentence, clause_start: usize) -> bool {
    ["接近", "将近", "大约"]
        .iter()
        .any(|w| sentence.has_at(clause_start, w))
}

#[cfg(test)]
mod tests {
    use super::super::periods::find_periods;
    use super::*;
    use crate::model::Date;

    fn read(text: &str) -> Vec<Reading> {
        let sentence = Sentence::new(text, 0..text.len());
        let as_of = Date::new(2016, 10, 31).expect("date");
        let marks = find_periods(&sentence, as_of);
        read_sentence(&sentence, &marks)
    }

    /// Each figure as "text=amount unit qualifier".
    fn said(text: &str) -> Vec<String> {
        let sentence = Sentence::new(text, 0..text.len());
        read(text)
            .into_iter()
            .map(|f| {
                format!(
                    "{}={} {} {}",
                    sentence.slice(f.start..f.end),
                    f.amount,
                    f.unit,
                    f.qualifier.code()
                )
            })
            .collect()
    }

    #[test]
    fn arabic_figures_take_their_unit_and_qualifiers() {
        assert_eq!(
            said("总投资1,338.71亿元,约527亿元,2000多万元,60余项,16亿元以上,超100%"),
            vec![
                "1,338.71亿元=1338.71 亿元 exact",
                "约527亿元=527 亿元 about",
                "2000多万元=2000 万元 at_least",
                "60余项=60 项 at_least",
                "16亿元以上=16 亿元 at_least",
                "超100%=100 % at_least",
            ]
        );
        assert_eq!(said("计划总投资64.15亿;"), vec!["64.15亿=64.15 亿元 exact"]);
        assert_eq!(said("共188569农户"), vec!["188569农户=188569 户 exact"]);
        assert_eq!(said("铺设5km以上一般管线"), vec!["5km以上=5 km at_least"]);
        assert_eq!(said("安装1008KWp并网"), vec!["1008KWp=1008 KWp exact"]);
        assert_eq!(said("仅用6个月时间"), vec!["6个月=6 个月 exact"]);
        assert_eq!(said("人口97.1万人"), vec!["97.1万人=97.1 万人 exact"]);
        assert_eq!(said("全区１２３个"), vec!["123个=123 个 exact"]);
        assert_eq!(said("节约3亿元"), vec!["3亿元=3 亿元 exact"]);
        assert_eq!(said("最近3个月"), vec!["3个月=3 个月 exact"]);
    }

    #[test]
    fn years_dates_codes_and_ids_are_not_figures() {
        for text in [
            "2012年",
            "8月8日诚信日",
            "6月底前",
            "葡萄居住区9-1地块、东村城中村改造c-7-1、c-12-1地块、黎二村10号地块",
            "横渎河西a-37a-1地块、洞桥旧村改造b-9地块",
            "按照“5+X”机制",
            "旅游4A级景区",
            "黎明92文创园",
            "主动谋划1-2个项目",
            "创成网络经济产值百亿区",
            "主营业务收入超亿元企业",
        ] {
            assert!(said(text).is_empty(), "{text}: {:?}", said(text));
        }
    }

    #[test]
    fn chinese_numerals_count_only_before_a_unit() {
        assert_eq!(said("三个项目拟得到"), vec!["三个=3 个 exact"]);
        assert_eq!(said("九大重点产业平台"), vec!["九大=9 个 exact"]);
        assert_eq!(said("协助解决难题百余个"), vec!["百余个=100 个 at_least"]);
        assert_eq!(said("两批次共计"), vec!["两批次=2 批 exact"]);
        assert_eq!(
            said("共发展三批53家"),
            vec!["三批=3 批 exact", "53家=53 家 exact"]
        );
        assert_eq!(said("拥有一个省级工业园区"), vec!["一个=1 个 exact"]);
        assert_eq!(said("三千五百万元"), vec!["三千五百万元=3500 万元 exact"]);
        for text in [
            "一站式集中受理",
            "等一批国内顶级规划专家",
            "坚持一月一走访",
            "瓯江治理一期",
            "鞋都总部二期人才公寓",
            "三次产业结构",
            "做好一周两次的数据上报",
            "每月召开一次",
            "温州市第一幼儿园",
            "温州市第三批、第四批ppp推介项目",
            "掌握第一手资料",
            "全省统一投资项目",
            "开展“十三五”规划纲要编制",
            "入选省文化产业重点县(市、区)十强",
        ] {
            assert!(said(text).is_empty(), "{text}: {:?}", said(text));
        }
    }

    #[test]
    fn fractions_multiples_points_and_ranks_are_figures_of_their_kind() {
        let kinds = |text: &str| -> Vec<(String, FigureKind)> {
            read(text)
                .into_iter()
                .map(|f| (f.amount.to_string(), f.kind))
                .collect()
        };
        assert_eq!(
            kinds("占到温州市四分之一"),
            vec![("25".into(), FigureKind::Percent)]
        );
        assert_eq!(
            kinds("总数占温州市三分之一"),
            vec![("33.33".into(), FigureKind::Percent)]
        );
        assert_eq!(
            kinds("百分之八十"),
            vec![("80".into(), FigureKind::Percent)]
        );
        assert_eq!(
            kinds("投资翻一番"),
            vec![("2".into(), FigureKind::Multiple)]
        );
        assert_eq!(
            kinds("投资翻两番"),
            vec![("4".into(), FigureKind::Multiple)]
        );
        assert_eq!(
            kinds("是2012年的1.7倍"),
            vec![("1.7".into(), FigureKind::Multiple)]
        );
        assert_eq!(
            kinds("超过时间进度6.7个百分点"),
            vec![("6.7".into(), FigureKind::Points)]
        );
        assert_eq!(
            kinds("居全省90个县(市、区)第七位。"),
            vec![
                ("90".into(), FigureKind::Quantity),
                ("7".into(), FigureKind::Rank)
            ]
        );
        assert_eq!(
            kinds("占比位列全市第一。"),
            vec![("1".into(), FigureKind::Rank)]
        );
    }

    #[test]
    fn a_clause_opening_with_接近_makes_its_first_figure_approximate_and_a_multiple_keeps_its_own_period(
    ) {
        let figures = read("五年累计实现投资1485亿元,接近我区“十一五”期间累计完成投资的三倍。");
        let qualifiers: Vec<Qualifier> = figures.iter().map(|f| f.qualifier).collect();
        assert_eq!(qualifiers, vec![Qualifier::Exact, Qualifier::About]);
        let five_years = Some(Period::Span {
            from_year: 2012,
            to_year: 2016,
        });
        assert_eq!(figures[0].period, five_years);
        // "“十一五”期间" names the base of the multiple, not the period of the 三倍.
        assert_eq!(figures[1].period, five_years);
    }

    #[test]
    fn a_figure_quoted_as_a_name_is_masked_but_one_after_the_quote_is_read() {
        assert_eq!(
            said("创成“亿元税收楼”7幢、“千万元税收”楼24幢。"),
            vec!["7幢=7 幢 exact", "24幢=24 幢 exact"]
        );
    }

    #[test]
    fn huge_numbers_are_refused_and_negative_ones_keep_their_sign() {
        let long = format!("投资{}亿元", "9".repeat(40));
        assert!(said(&long).is_empty());
        assert_eq!(said("增长-3.5%"), vec!["-3.5%=-3.5 % exact"]);
    }
}
