//! Period words in a sentence ("2012年", "今年1-10月", "今年截至10月", "2012年—今年10月",
//! "2012年至今", "2012年以来", "截至2015年12月", "到2016年10月", "1-9月份", "近五年",
//! "五年累计", "“十一五”期间"), each read with [`crate::model::parse_period`] against the
//! document date where it can, and which of them govern the figures after them.
//!
//! A period word governs the figures after it in its sentence until the next one, except a
//! comparison base ("比去年全年增长": 比/较 before it) and the start of an activity ("自2013年末
//! 和2014年初开始": 自/从 before it and 开始/起 soon after), which say when something began or
//! what was compared, not when the figures were counted. Dates in passing without a year
//! ("8月8日", "6月底前", "5月底便") are not period words either.

use super::numbers::{chinese_run_end, chinese_value, is_chinese_numeral, read_arabic};
use super::text::{ends_clause, Sentence};
use crate::model::{parse_period, Date, Period};
use rust_decimal::prelude::ToPrimitive;

/// A period word found in a sentence (char indices).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PeriodMark {
    pub start: usize,
    pub end: usize,
    pub period: Period,
    /// Whether it governs the figures after it (see the module docs).
    pub governs: bool,
}

/// The longest "近N年" read as a span of years.
const MAX_RECENT_YEARS: i64 = 50;

/// How far after "自2013年末" an 开始 / 起 may stand and still make it a start of activity.
const START_WORD_REACH: usize = 16;

/// The parts a period word is made of, longest first; `Piece::Number` stands for digits.
const WORDS: &[&str] = &[
    "截至到",
    "截止到",
    "上半年",
    "下半年",
    "截至",
    "截止",
    "至今",
    "以来",
    "今年",
    "去年",
    "本年",
    "上年",
    "前年",
    "明年",
    "全年",
    "目前",
    "年度",
    "月份",
    "季度",
    "年",
    "月",
    "季",
    "日",
    "号",
    "底",
    "末",
    "初",
];

/// Characters that make a word with a following 目 (项目, 题目, 节目 …).
const WORDS_ENDING_IN_目: &[char] = &[
    '项', '题', '节', '科', '数', '名', '条', '栏', '书', '账', '细', '要', '纲', '剧', '曲', '篇',
];

/// Words that make a run a period word rather than a list of numbers ("1-2" is not one).
const MARKERS: &[&str] = &[
    "上半年",
    "下半年",
    "至今",
    "以来",
    "今年",
    "去年",
    "本年",
    "上年",
    "前年",
    "明年",
    "全年",
    "目前",
    "年度",
    "月份",
    "季度",
    "年",
    "月",
    "季",
];

/// Connectors of a range; 至 and 到 also open an "as of" ("到2016年10月").
fn is_connector(c: char) -> bool {
    matches!(
        c,
        '-' | '~' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{301c}' | '至' | '到'
    )
}

/// Every period word of a sentence, in order.
pub(super) fn find_periods(sentence: &Sentence, as_of: Date) -> Vec<PeriodMark> {
    let mut marks = Vec::new();
    let mut i = 0;
    while i < sentence.len() {
        if let Some(mark) = plan_period(sentence, i) {
            i = mark.end;
            marks.push(mark);
            continue;
        }
        if sentence.is_masked(i) {
            i += 1;
            continue;
        }
        if let Some(mark) = recent_years(sentence, i, as_of) {
            i = mark.end;
            marks.push(mark);
            continue;
        }
        match period_run(sentence, i) {
            Some(end) if end > i => {
                if let Some(period) = read_run(sentence, i, end, as_of) {
                    marks.push(PeriodMark {
                        start: i,
                        end,
                        period,
                        governs: governs(sentence, i, end),
                    });
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    marks
}

/// The period governing figures as they are read from left to right: the last governing
/// period word that ends before a position. Positions must not go back, so a sentence is read
/// in one pass however many period words and figures it has.
pub(super) struct Governor<'m> {
    marks: &'m [PeriodMark],
    next: usize,
    current: Option<Period>,
}

impl<'m> Governor<'m> {
    pub fn new(marks: &'m [PeriodMark]) -> Governor<'m> {
        Governor {
            marks,
            next: 0,
            current: None,
        }
    }

    /// The period governing a figure that starts at char `index` (not before the last asked).
    pub fn at(&mut self, index: usize) -> Option<Period> {
        while let Some(mark) = self.marks.get(self.next).filter(|m| m.end <= index) {
            if mark.governs {
                self.current = Some(mark.period);
            }
            self.next += 1;
        }
        self.current
    }
}

/// "近五年", "近五年来", "五年来", "五年累计", "近4年" → the last N years up to the document
/// year.
fn recent_years(sentence: &Sentence, start: usize, as_of: Date) -> Option<PeriodMark> {
    let near = sentence.get(start) == Some('近');
    let number_start = if near { start + 1 } else { start };
    let previous = number_start.checked_sub(1).and_then(|i| sentence.get(i));
    if !near && previous.is_some_and(|c| c.is_ascii_digit() || is_chinese_numeral(c)) {
        return None;
    }
    let (count, number_end) = small_number(sentence, number_start)?;
    if sentence.get(number_end) != Some('年') {
        return None;
    }
    let mut end = number_end + 1;
    let mut tail = false;
    for word in ["以来", "来", "累计"] {
        if sentence.has_at(end, word) {
            end += word.chars().count();
            tail = true;
            break;
        }
    }
    if !(near || tail) || !(1..=MAX_RECENT_YEARS).contains(&count) {
        return None;
    }
    let to_year = as_of.year;
    let from_year = to_year - i32::try_from(count).ok()? + 1;
    // Through the period's codes, so a span reaching before 1900 is refused, not made.
    let code = if from_year == to_year {
        format!("{to_year:04}")
    } else {
        format!("{from_year:04}..{to_year:04}")
    };
    let period = Period::from_code(&code).ok()?;
    Some(PeriodMark {
        start,
        end,
        period,
        governs: governs(sentence, start, end),
    })
}

/// A small count written in digits (one or two) or Chinese numerals, and where it ends.
fn small_number(sentence: &Sentence, start: usize) -> Option<(i64, usize)> {
    let first = sentence.get(start)?;
    if first.is_ascii_digit() {
        let number = read_arabic(&sentence.chars, start);
        if number.end - start > 2 {
            return None;
        }
        return Some((number.value?.to_i64()?, number.end));
    }
    if is_chinese_numeral(first) {
        let end = chinese_run_end(&sentence.chars, start);
        let value = chinese_value(sentence.chars.get(start..end)?)?;
        return Some((value.to_i64()?, end));
    }
    None
}

/// "十二五期间", "“十一五”期间", "十三五时期": a five-year plan named as a period. Not
/// "“十三五”规划": a plan's name is not a period word.
fn plan_period(sentence: &Sentence, start: usize) -> Option<PeriodMark> {
    let quoted = matches!(sentence.get(start), Some('“' | '"' | '‘'));
    let run_start = if quoted { start + 1 } else { start };
    if !quoted && sentence.is_masked(start) {
        return None;
    }
    let first = sentence.get(run_start)?;
    if !is_chinese_numeral(first) {
        return None;
    }
    if !quoted
        && run_start
            .checked_sub(1)
            .and_then(|i| sentence.get(i))
            .is_some_and(is_chinese_numeral)
    {
        return None;
    }
    let run_end = chinese_run_end(&sentence.chars, run_start);
    if run_end - run_start > 3 || sentence.get(run_end - 1) != Some('五') {
        return None;
    }
    let mut end = run_end;
    if quoted {
        if !matches!(sentence.get(end), Some('”' | '"' | '’')) {
            return None;
        }
        end += 1;
    }
    let suffix = ["期间", "时期"]
        .into_iter()
        .find(|w| sentence.has_at(end, w))?;
    let text = format!("{}{suffix}", sentence.slice(run_start..run_end));
    let period = parse_period(&text, Date::new(2000, 1, 1).ok()?).ok()?;
    let end = end + 2;
    Some(PeriodMark {
        start,
        end,
        period,
        governs: governs(sentence, start, end),
    })
}

/// The end of the run of period pieces starting at `start` (digits, Chinese numerals before
/// 年 / 月 / 季, the words of [`WORDS`], range connectors), or `None` when nothing starts here.
/// The run stops at a masked char.
fn period_run(sentence: &Sentence, start: usize) -> Option<usize> {
    if !sentence.get(start).is_some_and(may_begin_period) {
        return None;
    }
    let mut i = start;
    while i < sentence.len() && !sentence.is_masked(i) {
        let c = sentence.get(i)?;
        if c.is_ascii_digit() {
            i = read_arabic(&sentence.chars, i).end;
            // "2016.10" is not written in drafts' prose; a decimal ends the run.
            continue;
        }
        let inside_numeral_run = i == start
            && i.checked_sub(1)
                .and_then(|p| sentence.get(p))
                .is_some_and(is_chinese_numeral);
        if is_chinese_numeral(c) && inside_numeral_run {
            // Read once from the run's start; from inside it nothing begins.
            break;
        }
        if is_chinese_numeral(c) && !matches!(c, '百' | '千' | '万' | '亿') {
            let end = chinese_run_end(&sentence.chars, i);
            // Chinese numerals belong to a period only right before one of its words
            // ("十月", "第三季度", "前三季度", "二〇一六年").
            if WORDS.iter().any(|w| sentence.has_at(end, w))
                || (sentence.get(end) == Some('个') && sentence.get(end + 1) == Some('月'))
            {
                i = end;
                continue;
            }
            break;
        }
        if let Some(word) = WORDS.iter().find(|w| sentence.has_at(i, w)) {
            // "项目前期", "题目前": 目 closes another word, 目前 is not "now" there.
            let closes_word = *word == "目前"
                && i.checked_sub(1)
                    .and_then(|p| sentence.get(p))
                    .is_some_and(|p| WORDS_ENDING_IN_目.contains(&p));
            if closes_word {
                break;
            }
            i += word.chars().count();
            continue;
        }
        // 前 and 第 only as in 前三季度, 前10个月, 第三季度.
        if matches!(c, '前' | '第')
            && sentence
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_digit() || is_chinese_numeral(n))
        {
            i += 1;
            continue;
        }
        if c == '个' && sentence.get(i + 1) == Some('月') && i > start {
            i += 1;
            continue;
        }
        if is_connector(c) && i + 1 < sentence.len() {
            i += 1;
            continue;
        }
        break;
    }
    // A run never ends on a connector ("2012年至" before a place name).
    while i > start && sentence.get(i - 1).is_some_and(is_connector) {
        i -= 1;
    }
    (i > start).then_some(i)
}

/// Whether a period word may begin with this char: a digit, a Chinese numeral, the first char
/// of one of [`WORDS`], 前 / 第, or a connector ("至2015年"). Most chars of a text are none of
/// these, and are passed over at once.
fn may_begin_period(c: char) -> bool {
    c.is_ascii_digit()
        || is_chinese_numeral(c)
        || is_connector(c)
        || matches!(
            c,
            '截' | '上'
                | '下'
                | '以'
                | '今'
                | '去'
                | '本'
                | '前'
                | '明'
                | '全'
                | '目'
                | '年'
                | '月'
                | '季'
                | '日'
                | '号'
                | '底'
                | '末'
                | '初'
                | '第'
        )
}

/// Reads a run as a period, or `None` when it is not one.
fn read_run(sentence: &Sentence, start: usize, end: usize, as_of: Date) -> Option<Period> {
    let mut text = sentence.slice(start..end);
    if !MARKERS.iter().any(|m| text.contains(m)) && !text.starts_with("截") {
        return None;
    }
    if let Some(rest) = text.strip_suffix("以来") {
        text = format!("{rest}至今");
    }
    let leading_to = text.starts_with(['到', '至']);
    if leading_to {
        let rest: String = text.chars().skip(1).collect();
        // "从2012年的218亿元到2016年的370亿元": 到 closes a from-to pair; a bare year after it
        // is that year. "到2016年10月" is a date: as of its end.
        if let Some(year) = bare_year(&rest) {
            return Some(year);
        }
        text = format!("截至{rest}");
    }
    let has_year = text.contains('年') || text.contains("目前") || text.contains("至今");
    let as_of_word = text.starts_with('截');
    // "今年年度计划投资": 年度 there begins the plan's name.
    let period = match parse_period(&text, as_of) {
        Ok(period) => period,
        Err(_) => parse_period(text.strip_suffix("年度")?, as_of).ok()?,
    };
    // A date in passing ("8月8日", "6月底") is not a period word: without a year and without
    // 截至 / 到 it says when something happened, not what the figures count.
    let passing =
        !has_year && !as_of_word && matches!(period, Period::Month { .. } | Period::AsOf(_));
    (!passing).then_some(period)
}

/// "2016年" or "2016年度" alone.
fn bare_year(text: &str) -> Option<Period> {
    let digits = text
        .strip_suffix("年度")
        .or_else(|| text.strip_suffix('年'))?;
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let year: i32 = digits.parse().ok()?;
        return Period::from_code(&format!("{year:04}")).ok();
    }
    None
}

/// Whether a period word governs the figures after it: not a comparison base (比 / 较 before
/// it), not the start of an activity (自 / 从 before it and 开始 / 起 soon after, in the same
/// clause).
fn governs(sentence: &Sentence, start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| sentence.get(i));
    if matches!(before, Some('比' | '较')) || sentence.has_before(start, "相比") {
        return false;
    }
    if matches!(before, Some('自' | '从')) {
        let mut i = end;
        while i < sentence.len() && i < end + START_WORD_REACH {
            if sentence.get(i).is_some_and(ends_clause) {
                break;
            }
            if sentence.has_at(i, "开始") || sentence.get(i) == Some('起') {
                return false;
            }
            i += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> Date {
        Date::new(2016, 10, 31).expect("date")
    }

    fn marks(text: &str) -> Vec<(String, String, bool)> {
        let sentence = Sentence::new(text, 0..text.len());
        find_periods(&sentence, as_of())
            .into_iter()
            .map(|m| (sentence.slice(m.start..m.end), m.period.code(), m.governs))
            .collect()
    }

    fn codes(text: &str) -> Vec<String> {
        marks(text).into_iter().map(|(_, code, _)| code).collect()
    }

    #[test]
    fn years_months_and_ranges_read_against_the_document_date() {
        assert_eq!(codes("2012年安排重点建设项目42个"), vec!["2012"]);
        assert_eq!(codes("2013年度安排29个"), vec!["2013"]);
        assert_eq!(
            codes("今年截至10月累计办结项目审批171件"),
            vec!["2016-YTD10"]
        );
        assert_eq!(codes("今年1-10月完成投资"), vec!["2016-YTD10"]);
        assert_eq!(codes("1-9月份,完成投资13.3亿元"), vec!["2016-YTD9"]);
        assert_eq!(codes("2012年—今年10月,全区"), vec!["2012-01..2016-10"]);
        assert_eq!(codes("2012年至今,共办结"), vec!["2012-01..2016-10"]);
        assert_eq!(codes("2012年以来,鹿城区"), vec!["2012-01..2016-10"]);
        assert_eq!(codes("2012-2016年,对温州市"), vec!["2012..2016"]);
        assert_eq!(codes("组织编制2010-2015年度鹿城区"), vec!["2010..2015"]);
        assert_eq!(codes("截至2015年12月,累计委托"), vec!["@2015-12-31"]);
        assert_eq!(codes("截至10月底,组织审查"), vec!["@2016-10-31"]);
        assert_eq!(codes("截至目前已建成充电站2座"), vec!["@2016-10-31"]);
        assert_eq!(codes("目前在建小微园8个"), vec!["@2016-10-31"]);
        assert_eq!(codes("到2016年10月,共有"), vec!["@2016-10-31"]);
        assert_eq!(codes("力争全年完成投资16亿元以上"), vec!["2016"]);
        assert_eq!(codes("2016年第三季度"), vec!["2016-Q3"]);
        assert_eq!(codes("今年前三季度"), vec!["2016-YTD9"]);
        assert_eq!(codes("今年年度计划投资50亿元"), vec!["2016"]);
    }

    #[test]
    fn from_and_to_years_are_each_a_year() {
        assert_eq!(
            codes("从2012年的218亿元到2016年的370亿元,投资增长了170%"),
            vec!["2012", "2016"]
        );
        assert_eq!(
            codes("服务业增加值由2012年的389.49亿元增加至2015年的559.39亿元"),
            vec!["2012", "2015"]
        );
    }

    #[test]
    fn recent_years_count_back_from_the_document_year() {
        assert_eq!(codes("近五年,共完成238台燃煤锅炉"), vec!["2012..2016"]);
        assert_eq!(codes("近五年来全区共188569农户"), vec!["2012..2016"]);
        assert_eq!(codes("近四年来共安排约400万元"), vec!["2013..2016"]);
        assert_eq!(codes("五年累计实现投资1485亿元"), vec!["2012..2016"]);
        assert_eq!(codes("五年来,我区服务业加快转型升级"), vec!["2012..2016"]);
        assert!(codes("研究提出今后五年地区生产总值").is_empty());
        assert!(codes("对于鹿城今后5年的总体定位").is_empty());
        assert!(codes("近年来政府大量供地").is_empty());
    }

    #[test]
    fn a_five_year_plan_with_期间_is_a_period_but_a_plan_name_is_not() {
        assert_eq!(
            codes("接近我区“十一五”期间累计完成投资的三倍"),
            vec!["2006..2010"]
        );
        assert_eq!(codes("十二五时期"), vec!["2011..2015"]);
        assert!(codes("开展“十三五”规划纲要编制").is_empty());
        assert!(codes("制定《“十三五”规划工作方案》").is_empty());
    }

    #[test]
    fn dates_in_passing_and_numbers_are_not_period_words() {
        assert!(codes("推进项目前期经费回收利用").is_empty());
        assert!(codes("在项目前期研究、规划编制").is_empty());
        assert!(codes("在每年的8月8日诚信日当天").is_empty());
        assert!(codes("并在6月底前开始对项目进行赋码").is_empty());
        assert!(codes("每年均自加压力主动谋划1-2个项目").is_empty());
        assert!(codes("葡萄居住区9-1地块").is_empty());
        assert!(codes("双屿至藤桥公路工程").is_empty());
        assert!(codes("审批941个,共2016个").is_empty());
        assert!(codes("制定完善《2012年度重点建设考核办法》").is_empty());
    }

    #[test]
    fn comparison_bases_and_starts_of_activity_do_not_govern() {
        assert_eq!(
            marks("获得中央预算内投资补助8300万元,比去年全年增长83.1%"),
            vec![("去年全年".to_string(), "2015".to_string(), false)]
        );
        let found = marks("分别自2013年末和2014年初开始,签订2条天然气输送管道");
        assert!(found.iter().all(|(_, _, governs)| !governs), "{found:?}");
        let found = marks("从2012年的218亿元");
        assert_eq!(
            found,
            vec![("2012年".to_string(), "2012".to_string(), true)]
        );
    }

    #[test]
    fn every_period_word_can_begin_a_period() {
        for word in WORDS {
            let first = word.chars().next().expect("a word");
            assert!(may_begin_period(first), "{word}");
        }
    }

    #[test]
    fn the_governing_period_is_the_last_one_before_the_figure() {
        let text = "从2012年的218亿元到2016年的370亿元";
        let sentence = Sentence::new(text, 0..text.len());
        let found = find_periods(&sentence, as_of());
        let mut governor = Governor::new(&found);
        assert_eq!(governor.at(0), None);
        assert_eq!(governor.at(6), Some(Period::Year(2012)));
        assert_eq!(governor.at(20), Some(Period::Year(2016)));
    }
}
