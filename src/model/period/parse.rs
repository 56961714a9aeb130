//! `parse_period`: what people type for a period, in Chinese or English, read against the
//! ledger's reporting date.

use super::*;

// ---------------------------------------------------------------------------------------------
// parse_period: what people type

/// Reads a period as people type it, in Chinese or English, relative to `document_date`
/// (what "今年", "去年" and "截至目前" mean). Every canonical code is accepted too.
///
/// Forms: years ("2016", "2016年度", "今年", "去年"), year-to-date ("2016年1-10月",
/// "2016.1-10", "前三季度", "上半年", "今年截至10月"; "1-12月" is the year), months
/// ("2016年10月", "2016.10", "2016/10"), quarters ("2016年第三季度", "2016Q3"), spans
/// ("2012-2016年", "十二五"), cumulative runs ("2012年-2016年10月": a bare start year means its
/// January, a bare end year its December) and stocks ("截至2016年10月底", "截至目前",
/// "2016-10-31": a month without a day means its last day). Ranges that cover exactly a
/// year, a year-to-date, a quarter or whole years come back as that simpler period.
pub fn parse_period(input: &str, document_date: Date) -> Result<Period, PeriodError> {
    let trimmed = input.trim();
    let normalized = normalize(trimmed);
    let compact: String = normalized.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(PeriodError::Empty);
    }
    let coded = period_from_code(&compact.to_ascii_uppercase());
    let code_error = match coded {
        Ok(period) => return Ok(period),
        Err(bad) => bad,
    };
    if let Some(period) = five_year_plan(&compact) {
        return Ok(period);
    }
    match parse_natural(&normalized, document_date) {
        Ok(period) => Ok(period),
        Err(Bad::Unrecognized) => Err(code_error.at(trimmed)),
        Err(bad) => Err(bad.at(trimmed)),
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '~' | '\u{2010}'
            ..='\u{2015}'
                | '\u{2212}'
                | '\u{2E3A}'
                | '\u{2E3B}'
                | '\u{301C}'
                | '\u{FE58}'
                | '\u{FE63}'
                | '至'
                | '到'
    )
}

fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '”'
            | '‘'
            | '’'
            | '「'
            | '」'
            | '『'
            | '』'
            | '('
            | ')'
            | '['
            | ']'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '《'
            | '》'
    )
}

/// Full-width ASCII → ASCII; 截至/截止 and a leading 到/至 → '@'; 年度 → 年, 月份 → 月; dashes,
/// tildes, 至 and 到 → '-' (runs collapsed); quotes and brackets dropped; ASCII lowercased.
/// Whitespace is kept: it separates tokens ("Q3 2016").
fn normalize(input: &str) -> String {
    let mut text: String = input
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect();
    for pattern in ["截止到", "截至到", "截止至", "截至", "截止"] {
        text = text.replace(pattern, "@");
    }
    let text = text.trim();
    let text = match text.strip_prefix('到').or_else(|| text.strip_prefix('至')) {
        Some(rest) => format!("@{rest}"),
        None => text.to_string(),
    };
    let text = text.replace("年度", "年").replace("月份", "月");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_dropped(c) {
            continue;
        }
        if is_dash(c) {
            if !out.ends_with('-') {
                out.push('-');
            }
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The value of a Chinese digit (两 is 2, 〇 and 零 are 0): the one reading of them, for
/// periods here and for the figures of a draft (`calc::draft`).
pub fn cn_digit(c: char) -> Option<u64> {
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn is_cn_numeral(c: char) -> bool {
    c == '十' || cn_digit(c).is_some()
}

/// "三" 3, "十" 10, "十二" 12, "二十" 20, "二〇一六" 2016 (digit by digit without 十).
fn parse_cn_number(chars: &[char]) -> Option<u64> {
    let tens: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '十')
        .map(|(i, _)| i)
        .collect();
    match tens.as_slice() {
        [] if !chars.is_empty() => chars.iter().try_fold(0u64, |acc, c| {
            Some(acc.saturating_mul(10).saturating_add(cn_digit(*c)?))
        }),
        [i] => {
            let (left, right) = chars.split_at(*i);
            let right = right.get(1..).unwrap_or(&[]);
            let tens_digit = match left {
                [] => 1,
                [c] => cn_digit(*c).filter(|d| *d > 0)?,
                _ => return None,
            };
            let units = match right {
                [] => 0,
                [c] => cn_digit(*c)?,
                _ => return None,
            };
            Some(tens_digit * 10 + units)
        }
        _ => None,
    }
}

/// "十二五", "“十三五”期间", "十一五时期" → the five-year plan's years.
fn five_year_plan(compact: &str) -> Option<Period> {
    let mut text = compact;
    for suffix in ["规划期间", "规划期", "规划", "期间", "时期"] {
        if let Some(rest) = text.strip_suffix(suffix) {
            text = rest;
            break;
        }
    }
    let prefix: Vec<char> = text.strip_suffix('五')?.chars().collect();
    let positional = prefix.len() == 1 || prefix.contains(&'十');
    if prefix.is_empty() || prefix.len() > 3 || !positional {
        return None;
    }
    if !prefix.iter().all(|c| is_cn_numeral(*c)) {
        return None;
    }
    let plan = i32::try_from(parse_cn_number(&prefix)?).ok()?;
    let from_year = match plan {
        1 => 1953,
        2 => 1958,
        3..=40 => 1966 + 5 * (plan - 3),
        _ => return None,
    };
    Some(Period::Span {
        from_year,
        to_year: from_year + 4,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Num { value: u64, digits: usize },
    Nian,
    Yue,
    Ri,
    Dash,
    Dot,
    Slash,
    Q,
    Jidu,
    Di,
    Qian,
    Ge,
    FirstHalf,
    SecondHalf,
    FullYear,
    At,
    Rel(i64),
    Now,
    End,
    Leiji,
    MonthName(u32),
}

/// CJK keywords; `None` = a word that is skipped. The longest match wins.
const KEYWORDS: &[(&str, Option<Tok>)] = &[
    ("上半年", Some(Tok::FirstHalf)),
    ("下半年", Some(Tok::SecondHalf)),
    ("全年", Some(Tok::FullYear)),
    ("今年", Some(Tok::Rel(0))),
    ("本年", Some(Tok::Rel(0))),
    ("去年", Some(Tok::Rel(-1))),
    ("上年", Some(Tok::Rel(-1))),
    ("前年", Some(Tok::Rel(-2))),
    ("明年", Some(Tok::Rel(1))),
    ("目前", Some(Tok::Now)),
    ("现在", Some(Tok::Now)),
    ("今天", Some(Tok::Now)),
    ("今日", Some(Tok::Now)),
    ("今", Some(Tok::Now)),
    ("为止", None),
    ("期间", None),
    ("时期", None),
    ("季度", Some(Tok::Jidu)),
    ("季", Some(Tok::Jidu)),
    ("年", Some(Tok::Nian)),
    ("月", Some(Tok::Yue)),
    ("日", Some(Tok::Ri)),
    ("号", Some(Tok::Ri)),
    ("第", Some(Tok::Di)),
    ("前", Some(Tok::Qian)),
    ("个", Some(Tok::Ge)),
    ("底", Some(Tok::End)),
    ("末", Some(Tok::End)),
    ("累计", Some(Tok::Leiji)),
];

fn keyword_at(rest: &[char]) -> Option<(usize, Option<Tok>)> {
    let mut best: Option<(usize, Option<Tok>)> = None;
    for (keyword, tok) in KEYWORDS {
        let len = keyword.chars().count();
        let matches = rest.len() >= len && keyword.chars().zip(rest).all(|(a, b)| a == *b);
        if matches && best.is_none_or(|(best_len, _)| len > best_len) {
            best = Some((len, *tok));
        }
    }
    best
}

fn word_token(word: &str) -> Option<Tok> {
    let month = match word {
        "q" => return Some(Tok::Q),
        "end" => return Some(Tok::End),
        "cumulative" => return Some(Tok::Leiji),
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(Tok::MonthName(month))
}

fn tokenize(text: &str) -> Result<Vec<Tok>, Bad> {
    let chars: Vec<char> = text.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            let mut value: u64 = 0;
            while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(u64::from(d));
                i += 1;
            }
            toks.push(Tok::Num {
                value,
                digits: i - start,
            });
        } else if is_cn_numeral(c) {
            let start = i;
            while chars.get(i).is_some_and(|c| is_cn_numeral(*c)) {
                i += 1;
            }
            let run = chars.get(start..i).unwrap_or(&[]);
            let value = parse_cn_number(run).ok_or(Bad::Unrecognized)?;
            toks.push(Tok::Num {
                value,
                digits: run.len(),
            });
        } else if c.is_ascii_alphabetic() {
            let word = ascii_word(&chars, &mut i);
            if word == "as" {
                let mut j = i;
                while chars.get(j).is_some_and(|c| c.is_whitespace()) {
                    j += 1;
                }
                if ascii_word(&chars, &mut j) != "of" {
                    return Err(Bad::Unrecognized);
                }
                i = j;
                toks.push(Tok::At);
            } else {
                toks.push(word_token(&word).ok_or(Bad::Unrecognized)?);
            }
        } else if let Some((len, tok)) = keyword_at(chars.get(i..).unwrap_or(&[])) {
            toks.extend(tok);
            i += len;
        } else {
            toks.push(match c {
                '-' => Tok::Dash,
                '.' => Tok::Dot,
                '/' => Tok::Slash,
                '@' => Tok::At,
                _ => return Err(Bad::Unrecognized),
            });
            i += 1;
        }
    }
    Ok(toks)
}

/// The run of ASCII letters at `*i` (lowercased), advancing `*i` past it.
fn ascii_word(chars: &[char], i: &mut usize) -> String {
    let mut word = String::new();
    while let Some(c) = chars.get(*i).filter(|c| c.is_ascii_alphabetic()) {
        word.push(c.to_ascii_lowercase());
        *i += 1;
    }
    word
}

/// What one side of a range (or a whole single period) names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gran {
    Year,
    Month(u32),
    Quarter(u32),
    Day(u32, u64),
    Ytd(u32),
    SecondHalf,
    Now,
}

#[derive(Debug, Clone, Copy)]
struct Point {
    /// The year as written (unchecked), `None` when not written.
    year: Option<i64>,
    gran: Gran,
    /// A month written as a bare number, without 月 or a separator ("2016年1-10月": the 1).
    unmarked: bool,
}

impl Point {
    fn new(year: Option<i64>, gran: Gran) -> Point {
        Point {
            year,
            gran,
            unmarked: false,
        }
    }

    /// A bare small number and nothing else: not a period on its own.
    fn is_naked(&self) -> bool {
        self.unmarked && self.year.is_none()
    }
}

struct Parser<'a> {
    toks: &'a [Tok],
    pos: usize,
    doc_year: i64,
}

impl<'a> Parser<'a> {
    fn new(toks: &'a [Tok], doc: Date) -> Parser<'a> {
        Parser {
            toks,
            pos: 0,
            doc_year: i64::from(doc.year),
        }
    }

    fn peek(&self) -> Option<Tok> {
        self.toks.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<Tok> {
        self.toks.get(self.pos + ahead).copied()
    }

    fn bump(&mut self) {
        self.pos += 1;
    }

    fn eat(&mut self, tok: Tok) -> bool {
        if self.peek() == Some(tok) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn finish(&self) -> Result<(), Bad> {
        if self.pos >= self.toks.len() {
            Ok(())
        } else {
            Err(Bad::Unrecognized)
        }
    }

    fn number(&mut self) -> Result<u64, Bad> {
        match self.peek() {
            Some(Tok::Num { value, .. }) => {
                self.bump();
                Ok(value)
            }
            _ => Err(Bad::Unrecognized),
        }
    }

    /// An English trailing year: "Oct 2016", "Q3 2016".
    fn trailing_year(&mut self) -> Option<i64> {
        match self.peek() {
            Some(Tok::Num { value, digits }) if digits >= 3 => {
                self.bump();
                Some(saturate_i64(value))
            }
            _ => None,
        }
    }

    fn point(&mut self) -> Result<Point, Bad> {
        match (self.peek(), self.peek_at(1)) {
            (Some(Tok::Now), _) => {
                self.bump();
                Ok(Point::new(None, Gran::Now))
            }
            (Some(Tok::Q), _) => {
                self.bump();
                let quarter = check_quarter(self.number()?)?;
                let year = self.trailing_year();
                Ok(Point::new(year, Gran::Quarter(quarter)))
            }
            (Some(Tok::MonthName(month)), _) => {
                self.bump();
                let year = self.trailing_year();
                Ok(Point::new(year, Gran::Month(month)))
            }
            (Some(Tok::Rel(offset)), _) => {
                self.bump();
                self.after_year(Some(self.doc_year + offset))
            }
            (Some(Tok::Num { value, .. }), Some(Tok::Nian)) => {
                self.pos += 2;
                self.after_year(Some(saturate_i64(value)))
            }
            (Some(Tok::Num { value, digits }), Some(Tok::MonthName(month))) if digits <= 2 => {
                self.pos += 2;
                let year = self.trailing_year();
                Ok(Point::new(year, Gran::Day(month, value)))
            }
            (Some(Tok::Num { value, digits }), _) if digits >= 3 => {
                self.bump();
                self.after_bare_year(saturate_i64(value))
            }
            _ => self.after_year(None),
        }
    }

    /// What follows "2016年", "今年", or nothing ("10月", "第三季度", "上半年").
    fn after_year(&mut self, year: Option<i64>) -> Result<Point, Bad> {
        let gran = match self.peek() {
            None | Some(Tok::Dash) | Some(Tok::At) => {
                return match year {
                    Some(_) => Ok(Point::new(year, Gran::Year)),
                    None => Err(Bad::Unrecognized),
                };
            }
            Some(Tok::FullYear) => {
                self.bump();
                Gran::Year
            }
            Some(Tok::FirstHalf) => {
                self.bump();
                Gran::Ytd(6)
            }
            Some(Tok::SecondHalf) => {
                self.bump();
                Gran::SecondHalf
            }
            Some(Tok::Qian) => {
                self.bump();
                let n = self.number()?;
                self.eat(Tok::Ge);
                if self.eat(Tok::Yue) {
                    Gran::Ytd(check_month(n)?)
                } else if self.eat(Tok::Jidu) {
                    Gran::Ytd(3 * check_quarter(n)?)
                } else {
                    return Err(Bad::Unrecognized);
                }
            }
            Some(Tok::Di) => {
                self.bump();
                let quarter = check_quarter(self.number()?)?;
                self.eat(Tok::Jidu);
                Gran::Quarter(quarter)
            }
            Some(Tok::Q) => {
                self.bump();
                Gran::Quarter(check_quarter(self.number()?)?)
            }
            Some(Tok::Num { value, .. }) => {
                self.bump();
                if self.eat(Tok::Jidu) {
                    Gran::Quarter(check_quarter(value)?)
                } else if self.eat(Tok::Yue) {
                    let month = check_month(value)?;
                    match self.peek() {
                        Some(Tok::Num { value: day, .. }) => {
                            self.bump();
                            self.eat(Tok::Ri);
                            Gran::Day(month, day)
                        }
                        _ => Gran::Month(month),
                    }
                } else {
                    return Ok(Point {
                        year,
                        gran: Gran::Month(check_month(value)?),
                        unmarked: true,
                    });
                }
            }
            _ => return Err(Bad::Unrecognized),
        };
        Ok(Point::new(year, gran))
    }

    /// What follows a year written without 年: "2016-10", "2016.10.31", "2016/10", "2016Q3".
    fn after_bare_year(&mut self, year: i64) -> Result<Point, Bad> {
        let year = Some(year);
        match (self.peek(), self.peek_at(1)) {
            (Some(sep @ (Tok::Dash | Tok::Dot | Tok::Slash)), Some(Tok::Num { value, digits }))
                if digits <= 2 =>
            {
                self.pos += 2;
                let month = check_month(value)?;
                if let (Some(next), Some(Tok::Num { value: day, digits })) =
                    (self.peek(), self.peek_at(1))
                {
                    if next == sep && digits <= 2 {
                        self.pos += 2;
                        return Ok(Point::new(year, Gran::Day(month, day)));
                    }
                }
                Ok(Point::new(year, Gran::Month(month)))
            }
            (Some(Tok::Dash), Some(Tok::Q)) | (Some(Tok::Q), _) => {
                self.eat(Tok::Dash);
                self.bump();
                let quarter = check_quarter(self.number()?)?;
                Ok(Point::new(year, Gran::Quarter(quarter)))
            }
            _ => Ok(Point::new(year, Gran::Year)),
        }
    }
}

fn parse_natural(normalized: &str, doc: Date) -> Result<Period, Bad> {
    let raw = tokenize(normalized)?;
    let cumulative_marker = raw.contains(&Tok::Leiji);
    let end_marker = raw.contains(&Tok::End);
    let toks: Vec<Tok> = raw
        .into_iter()
        .filter(|t| !matches!(t, Tok::Leiji | Tok::End))
        .collect();
    let ats: Vec<usize> = toks
        .iter()
        .enumerate()
        .filter(|(_, t)| **t == Tok::At)
        .map(|(i, _)| i)
        .collect();
    match ats.as_slice() {
        [] => plain(&toks, doc, cumulative_marker, end_marker),
        [0] => {
            let mut parser = Parser::new(toks.get(1..).unwrap_or(&[]), doc);
            let point = parser.point()?;
            parser.finish()?;
            if point.is_naked() {
                return Err(Bad::Unrecognized);
            }
            Ok(Period::AsOf(end_date(point, doc)?))
        }
        [at] => {
            let (left, right) = toks.split_at(*at);
            through(left, right.get(1..).unwrap_or(&[]), doc)
        }
        _ => Err(Bad::Unrecognized),
    }
}

fn plain(
    toks: &[Tok],
    doc: Date,
    cumulative_marker: bool,
    end_marker: bool,
) -> Result<Period, Bad> {
    let mut parser = Parser::new(toks, doc);
    let first = parser.point()?;
    if parser.eat(Tok::Dash) {
        let second = parser.point()?;
        parser.finish()?;
        return range(first, second, doc);
    }
    parser.finish()?;
    if first.is_naked() {
        return Err(Bad::Unrecognized);
    }
    if end_marker {
        return Ok(Period::AsOf(end_date(first, doc)?));
    }
    if first.gran == Gran::Now {
        return Ok(Period::AsOf(valid_document_date(doc)?));
    }
    let year = check_year(first.year.unwrap_or(i64::from(doc.year)))?;
    Ok(match first.gran {
        Gran::Year => Period::Year(year),
        Gran::Month(month) if cumulative_marker => year_to_date(year, month),
        Gran::Month(month) => Period::Month { year, month },
        Gran::Quarter(quarter) => Period::Quarter { year, quarter },
        Gran::Ytd(month) => year_to_date(year, month),
        Gran::SecondHalf => Period::Cumulative {
            from: YearMonth { year, month: 7 },
            to: YearMonth { year, month: 12 },
        },
        Gran::Day(..) | Gran::Now => Period::AsOf(end_date(first, doc)?),
    })
}

/// "今年截至10月", "2016年截至三季度末": January through a month of one year.
fn through(left: &[Tok], right: &[Tok], doc: Date) -> Result<Period, Bad> {
    let mut parser = Parser::new(left, doc);
    let year_point = parser.point()?;
    parser.finish()?;
    let (Gran::Year, Some(year)) = (year_point.gran, year_point.year) else {
        return Err(Bad::Unrecognized);
    };
    let mut parser = Parser::new(right, doc);
    let until = parser.point()?;
    parser.finish()?;
    if until.year.is_some_and(|y| y != year) {
        return Err(Bad::Unrecognized);
    }
    let year = check_year(year)?;
    match until.gran {
        Gran::Month(month) | Gran::Ytd(month) => Ok(year_to_date(year, month)),
        Gran::Quarter(quarter) => Ok(year_to_date(year, quarter * 3)),
        Gran::Day(month, day) => {
            let date = checked_date(i64::from(year), u64::from(month), day)?;
            if date.is_end_of_month() {
                Ok(year_to_date(year, month))
            } else {
                Err(Bad::Unrecognized)
            }
        }
        Gran::Year | Gran::SecondHalf | Gran::Now => Err(Bad::Unrecognized),
    }
}

fn year_to_date(year: i32, through_month: u32) -> Period {
    if through_month == 12 {
        Period::Year(year)
    } else {
        Period::YearToDate {
            year,
            through_month,
        }
    }
}

fn valid_document_date(doc: Date) -> Result<Date, Bad> {
    checked_date(
        i64::from(doc.year),
        u64::from(doc.month),
        u64::from(doc.day),
    )
}

/// The last day a point covers: a stock "截至" it.
fn end_date(point: Point, doc: Date) -> Result<Date, Bad> {
    if point.gran == Gran::Now {
        return valid_document_date(doc);
    }
    let year = point.year.unwrap_or(i64::from(doc.year));
    match point.gran {
        Gran::Year | Gran::SecondHalf | Gran::Now => checked_end_of_month(year, 12),
        Gran::Month(month) | Gran::Ytd(month) => checked_end_of_month(year, u64::from(month)),
        Gran::Quarter(quarter) => checked_end_of_month(year, u64::from(quarter * 3)),
        Gran::Day(month, day) => checked_date(year, u64::from(month), day),
    }
}

/// First (`start`) or last month a side of a range covers.
fn range_month(gran: Gran, year: i64, start: bool, doc: Date) -> Result<YearMonth, Bad> {
    if gran == Gran::Now {
        let date = valid_document_date(doc)?;
        return Ok(YearMonth {
            year: date.year,
            month: date.month,
        });
    }
    let year = check_year(year)?;
    let month = match (gran, start) {
        (Gran::Year, true) | (Gran::Ytd(_), true) => 1,
        (Gran::Year, false) | (Gran::SecondHalf, false) => 12,
        (Gran::SecondHalf, true) => 7,
        (Gran::Month(month), _) | (Gran::Ytd(month), false) => month,
        (Gran::Quarter(quarter), true) => quarter * 3 - 2,
        (Gran::Quarter(quarter), false) => quarter * 3,
        (Gran::Day(..), _) | (Gran::Now, _) => return Err(Bad::Unrecognized),
    };
    Ok(YearMonth { year, month })
}

fn range(first: Point, second: Point, doc: Date) -> Result<Period, Bad> {
    if first.is_naked() && second.is_naked() {
        return Err(Bad::Unrecognized);
    }
    let (mut from_gran, mut to_gran) = (first.gran, second.gran);
    // "2016年1-3季度", "2016Q1-3": a bare number beside a quarter is a quarter.
    match (from_gran, to_gran) {
        (Gran::Quarter(_), Gran::Month(n)) if second.unmarked => {
            to_gran = Gran::Quarter(check_quarter(u64::from(n))?);
        }
        (Gran::Month(n), Gran::Quarter(_)) if first.unmarked => {
            from_gran = Gran::Quarter(check_quarter(u64::from(n))?);
        }
        _ => {}
    }
    // "Jan–Oct 2016" takes its year from the end, "2016年1-10月" from the start.
    let from_year = first.year.or(second.year).unwrap_or(i64::from(doc.year));
    let to_year = second.year.unwrap_or(from_year);
    let from = range_month(from_gran, from_year, true, doc)?;
    let to = range_month(to_gran, to_year, false, doc)?;
    months(from, to)
}

/// The simplest period covering the months `from..=to`.
pub(super) fn months(from: YearMonth, to: YearMonth) -> Result<Period, Bad> {
    if from > to {
        return Err(Bad::Range);
    }
    if from == to {
        return Ok(Period::Month {
            year: from.year,
            month: from.month,
        });
    }
    if from.year == to.year {
        if from.month == 1 {
            return Ok(year_to_date(from.year, to.month));
        }
        if from.month % 3 == 1 && to.month == from.month + 2 {
            return Ok(Period::Quarter {
                year: from.year,
                quarter: to.month / 3,
            });
        }
    } else if from.month == 1 && to.month == 12 {
        return Ok(Period::Span {
            from_year: from.year,
            to_year: to.year,
        });
    }
    Ok(Period::Cumulative { from, to })
}
