//! Report periods (报告期): the [`Period`] a figure belongs to, its canonical code (the `PERIOD`
//! strings of `docs/data-format.md`), its labels in Chinese and English, its total order, and
//! [`parse_period`], which reads what people type ("2016年1-10月", "截至10月底", "十二五").
//! Also the calendar [`Date`] and [`YearMonth`] periods are built from, and the UI [`Lang`].
//!
//! Invariant: every `Period` and `Date` this module hands out (from [`Period::from_code`],
//! [`parse_period`], [`Period::previous_year`], [`Date::new`], serde) is valid — years in
//! 1900..=2200, months 1..=12, quarters 1..=4, days within their month, ranges strictly
//! increasing — and `Period::from_code(&p.code()) == Ok(p)`. Values built by hand with
//! out-of-range fields never cause a panic: `start`/`end` clamp them.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2200;

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Why a period or date could not be read. `input` is the text as given (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("empty period")]
    Empty,
    #[error("unrecognized period \"{input}\"")]
    Unrecognized { input: String },
    #[error("month {month} is not 1-12 in \"{input}\"")]
    MonthOutOfRange { input: String, month: u32 },
    #[error("day {day} does not exist in that month in \"{input}\"")]
    DayOutOfRange { input: String, day: u32 },
    #[error("quarter {quarter} is not 1-4 in \"{input}\"")]
    QuarterOutOfRange { input: String, quarter: u32 },
    #[error("year {year} is not 1900-2200 in \"{input}\"")]
    YearOutOfRange { input: String, year: i32 },
    #[error("range does not go forward in \"{input}\"")]
    RangeNotIncreasing { input: String },
}

/// The language of labels and of the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A calendar day (proleptic Gregorian). Ordered by (year, month, day); displayed as ISO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// A calendar month of a year. Ordered by (year, month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

/// A report period. See the module invariant for which field values are valid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year: "2016".
    Year(i32),
    /// January through `through_month` (1..=12) of `year`: "2016-YTD10".
    YearToDate { year: i32, through_month: u32 },
    /// A quarter (1..=4): "2016-Q3".
    Quarter { year: i32, quarter: u32 },
    /// A month: "2016-10".
    Month { year: i32, month: u32 },
    /// Whole years `from_year..=to_year`, `from_year < to_year`: "2012..2016".
    Span { from_year: i32, to_year: i32 },
    /// A run of months `from..=to`, `from < to`: "2012-01..2016-10".
    Cumulative { from: YearMonth, to: YearMonth },
    /// A stock at a date: "@2016-10-31".
    AsOf(Date),
}

// ---------------------------------------------------------------------------------------------
// Internal error: what went wrong, before the input text is attached.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    Empty,
    Unrecognized,
    Year(i64),
    Month(u64),
    Day(u64),
    Quarter(u64),
    Range,
}

impl Bad {
    fn at(self, input: &str) -> PeriodError {
        let input = input.to_string();
        match self {
            Bad::Empty => PeriodError::Empty,
            Bad::Unrecognized => PeriodError::Unrecognized { input },
            Bad::Year(year) => PeriodError::YearOutOfRange {
                input,
                year: saturate_i32(year),
            },
            Bad::Month(month) => PeriodError::MonthOutOfRange {
                input,
                month: saturate_u32(month),
            },
            Bad::Day(day) => PeriodError::DayOutOfRange {
                input,
                day: saturate_u32(day),
            },
            Bad::Quarter(quarter) => PeriodError::QuarterOutOfRange {
                input,
                quarter: saturate_u32(quarter),
            },
            Bad::Range => PeriodError::RangeNotIncreasing { input },
        }
    }
}

fn saturate_i32(value: i64) -> i32 {
    i32::try_from(value).unwrap_or(if value < 0 { i32::MIN } else { i32::MAX })
}

fn saturate_u32(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn saturate_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn check_year(year: i64) -> Result<i32, Bad> {
    if (i64::from(MIN_YEAR)..=i64::from(MAX_YEAR)).contains(&year) {
        i32::try_from(year).map_err(|_| Bad::Year(year))
    } else {
        Err(Bad::Year(year))
    }
}

fn check_month(month: u64) -> Result<u32, Bad> {
    if (1..=12).contains(&month) {
        u32::try_from(month).map_err(|_| Bad::Month(month))
    } else {
        Err(Bad::Month(month))
    }
}

fn check_quarter(quarter: u64) -> Result<u32, Bad> {
    if (1..=4).contains(&quarter) {
        u32::try_from(quarter).map_err(|_| Bad::Quarter(quarter))
    } else {
        Err(Bad::Quarter(quarter))
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month; an out-of-range month is clamped into 1..=12.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month.clamp(1, 12) {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn checked_date(year: i64, month: u64, day: u64) -> Result<Date, Bad> {
    let year = check_year(year)?;
    let month = check_month(month)?;
    if day == 0 || day > u64::from(days_in_month(year, month)) {
        return Err(Bad::Day(day));
    }
    let day = u32::try_from(day).map_err(|_| Bad::Day(day))?;
    Ok(Date { year, month, day })
}

fn checked_end_of_month(year: i64, month: u64) -> Result<Date, Bad> {
    let year = check_year(year)?;
    let month = check_month(month)?;
    Ok(Date {
        year,
        month,
        day: days_in_month(year, month),
    })
}

/// A date from fields that may be out of range (hand-built periods): month clamped.
fn first_of(year: i32, month: u32) -> Date {
    Date {
        year,
        month: month.clamp(1, 12),
        day: 1,
    }
}

fn last_of(year: i32, month: u32) -> Date {
    let month = month.clamp(1, 12);
    Date {
        year,
        month,
        day: days_in_month(year, month),
    }
}

fn month_abbr(month: u32) -> &'static str {
    let index = usize::try_from(month.clamp(1, 12) - 1).unwrap_or(0);
    MONTH_ABBR.get(index).copied().unwrap_or("Jan")
}

// ---------------------------------------------------------------------------------------------
// Date

impl Date {
    /// A validated date: year 1900..=2200, month 1..=12, day within the month.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, PeriodError> {
        checked_date(i64::from(year), u64::from(month), u64::from(day))
            .map_err(|bad| bad.at(&format!("{year:04}-{month:02}-{day:02}")))
    }

    /// The last day of a month.
    pub fn end_of_month(year: i32, month: u32) -> Result<Date, PeriodError> {
        checked_end_of_month(i64::from(year), u64::from(month))
            .map_err(|bad| bad.at(&format!("{year:04}-{month:02}")))
    }

    /// Reads exactly "YYYY-MM-DD" (surrounding whitespace allowed), e.g. "2016-10-31".
    pub fn parse_iso(s: &str) -> Result<Date, PeriodError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(PeriodError::Empty);
        }
        iso_date(text).map_err(|bad| bad.at(text))
    }

    /// "2016-10-31".
    pub fn to_iso(&self) -> String {
        self.to_string()
    }

    fn is_end_of_month(&self) -> bool {
        self.day == days_in_month(self.year, self.month)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Exactly `n` ASCII digits.
fn fixed_digits(text: &str, n: usize) -> Option<u64> {
    if text.len() == n && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

fn iso_date(text: &str) -> Result<Date, Bad> {
    let mut parts = text.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Bad::Unrecognized);
    };
    match (fixed_digits(y, 4), fixed_digits(m, 2), fixed_digits(d, 2)) {
        (Some(y), Some(m), Some(d)) => checked_date(saturate_i64(y), m, d),
        _ => Err(Bad::Unrecognized),
    }
}

// ---------------------------------------------------------------------------------------------
// Period: dates, codes, labels

impl Period {
    /// The first day the period covers (for `AsOf`, its date).
    pub fn start(&self) -> Date {
        match *self {
            Period::Year(year) | Period::YearToDate { year, .. } => first_of(year, 1),
            Period::Quarter { year, quarter } => first_of(year, quarter.clamp(1, 4) * 3 - 2),
            Period::Month { year, month } => first_of(year, month),
            Period::Span { from_year, .. } => first_of(from_year, 1),
            Period::Cumulative { from, .. } => first_of(from.year, from.month),
            Period::AsOf(date) => date,
        }
    }

    /// The last day the period covers (for `AsOf`, its date).
    pub fn end(&self) -> Date {
        match *self {
            Period::Year(year) => last_of(year, 12),
            Period::YearToDate {
                year,
                through_month,
            } => last_of(year, through_month),
            Period::Quarter { year, quarter } => last_of(year, quarter.clamp(1, 4) * 3),
            Period::Month { year, month } => last_of(year, month),
            Period::Span { to_year, .. } => last_of(to_year, 12),
            Period::Cumulative { to, .. } => last_of(to.year, to.month),
            Period::AsOf(date) => date,
        }
    }

    /// The canonical code: "2016", "2016-YTD10", "2016-Q3", "2016-10", "2012..2016",
    /// "2012-01..2016-10", "@2016-10-31".
    pub fn code(&self) -> String {
        match *self {
            Period::Year(year) => format!("{year:04}"),
            Period::YearToDate {
                year,
                through_month,
            } => format!("{year:04}-YTD{through_month}"),
            Period::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
            Period::Span { from_year, to_year } => format!("{from_year:04}..{to_year:04}"),
            Period::Cumulative { from, to } => format!(
                "{:04}-{:02}..{:04}-{:02}",
                from.year, from.month, to.year, to.month
            ),
            Period::AsOf(date) => format!("@{date}"),
        }
    }

    /// Reads a canonical code, strictly: only the exact spelling `code` writes is accepted
    /// ("2016-9" and "2016-YTD09" are not codes).
    pub fn from_code(code: &str) -> Result<Period, PeriodError> {
        period_from_code(code).map_err(|bad| bad.at(code))
    }

    /// How the period reads in a label or table heading.
    pub fn label(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.label_zh(),
            Lang::En => self.label_en(),
        }
    }

    fn label_zh(&self) -> String {
        match *self {
            Period::Year(year) => format!("{year}年"),
            Period::YearToDate {
                year,
                through_month: 1,
            } => format!("{year}年1月(累计)"),
            Period::YearToDate {
                year,
                through_month,
            } => format!("{year}年1\u{2014}{through_month}月"),
            Period::Quarter { year, quarter } => format!("{year}年第{quarter}季度"),
            Period::Month { year, month } => format!("{year}年{month}月"),
            Period::Span { from_year, to_year } => format!("{from_year}\u{2014}{to_year}年"),
            Period::Cumulative { from, to } => format!(
                "{}年{}月\u{2014}{}年{}月",
                from.year, from.month, to.year, to.month
            ),
            Period::AsOf(date) if date.is_end_of_month() => {
                format!("截至{}年{}月底", date.year, date.month)
            }
            Period::AsOf(date) => format!("截至{}年{}月{}日", date.year, date.month, date.day),
        }
    }

    fn label_en(&self) -> String {
        match *self {
            Period::Year(year) => format!("{year}"),
            Period::YearToDate {
                year,
                through_month: 1,
            } => format!("Jan {year} (cumulative)"),
            Period::YearToDate {
                year,
                through_month,
            } => format!("Jan\u{2013}{} {year}", month_abbr(through_month)),
            Period::Quarter { year, quarter } => format!("Q{quarter} {year}"),
            Period::Month { year, month } => format!("{} {year}", month_abbr(month)),
            Period::Span { from_year, to_year } => format!("{from_year}\u{2013}{to_year}"),
            Period::Cumulative { from, to } => format!(
                "{} {} \u{2013} {} {}",
                month_abbr(from.month),
                from.year,
                month_abbr(to.month),
                to.year
            ),
            Period::AsOf(date) if date.is_end_of_month() => {
                format!("as of end {} {}", month_abbr(date.month), date.year)
            }
            Period::AsOf(date) => format!(
                "as of {} {} {}",
                date.day,
                month_abbr(date.month),
                date.year
            ),
        }
    }

    /// A part of one year: a year-to-date through January–November, a quarter or a month.
    pub fn is_partial_year(&self) -> bool {
        match *self {
            Period::YearToDate { through_month, .. } => through_month < 12,
            Period::Quarter { .. } | Period::Month { .. } => true,
            _ => false,
        }
    }

    /// The whole years a `Year` or `Span` covers (first, last); `None` for other kinds.
    pub fn years(&self) -> Option<(i32, i32)> {
        match *self {
            Period::Year(year) => Some((year, year)),
            Period::Span { from_year, to_year } => Some((from_year, to_year)),
            _ => None,
        }
    }

    /// The next period of a regular series — the year, quarter or month after — for a table
    /// that grows to the right (a pasted block wider than the table). `None` for other kinds,
    /// whose next column is not obvious, and past 2200.
    pub fn next_in_series(&self) -> Option<Period> {
        let next = match *self {
            Period::Year(year) => Period::Year(year + 1),
            Period::Quarter { year, quarter: 4 } => Period::Quarter {
                year: year + 1,
                quarter: 1,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter + 1,
            },
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
            _ => return None,
        };
        (next.start().year <= MAX_YEAR).then_some(next)
    }

    /// The same period one year earlier (29 February becomes the 28th). `None` for spans and
    /// cumulative runs, and when the earlier year would fall before 1900 or after 2200.
    pub fn previous_year(&self) -> Option<Period> {
        fn earlier(year: i32) -> Option<i32> {
            let year = year.checked_sub(1)?;
            (MIN_YEAR..=MAX_YEAR).contains(&year).then_some(year)
        }
        match *self {
            Period::Year(year) => Some(Period::Year(earlier(year)?)),
            Period::YearToDate {
                year,
                through_month,
            } => Some(Period::YearToDate {
                year: earlier(year)?,
                through_month,
            }),
            Period::Quarter { year, quarter } => Some(Period::Quarter {
                year: earlier(year)?,
                quarter,
            }),
            Period::Month { year, month } => Some(Period::Month {
                year: earlier(year)?,
                month,
            }),
            Period::AsOf(date) => {
                let year = earlier(date.year)?;
                Some(Period::AsOf(Date {
                    year,
                    month: date.month,
                    day: date.day.min(days_in_month(year, date.month)),
                }))
            }
            Period::Span { .. } | Period::Cumulative { .. } => None,
        }
    }

    /// AsOf < Month < Quarter < YearToDate < Year < Cumulative < Span.
    fn kind_rank(&self) -> u8 {
        match self {
            Period::AsOf(_) => 0,
            Period::Month { .. } => 1,
            Period::Quarter { .. } => 2,
            Period::YearToDate { .. } => 3,
            Period::Year(_) => 4,
            Period::Cumulative { .. } => 5,
            Period::Span { .. } => 6,
        }
    }

    /// The fields themselves: the last tie-break, so the order stays consistent with `Eq`
    /// even for hand-built values whose clamped dates coincide.
    fn raw_key(&self) -> [i64; 4] {
        match *self {
            Period::Year(year) => [i64::from(year), 0, 0, 0],
            Period::YearToDate {
                year,
                through_month,
            } => [i64::from(year), i64::from(through_month), 0, 0],
            Period::Quarter { year, quarter } => [i64::from(year), i64::from(quarter), 0, 0],
            Period::Month { year, month } => [i64::from(year), i64::from(month), 0, 0],
            Period::Span { from_year, to_year } => [i64::from(from_year), i64::from(to_year), 0, 0],
            Period::Cumulative { from, to } => [
                i64::from(from.year),
                i64::from(from.month),
                i64::from(to.year),
                i64::from(to.month),
            ],
            Period::AsOf(date) => [
                i64::from(date.year),
                i64::from(date.month),
                i64::from(date.day),
                0,
            ],
        }
    }
}

/// Totally ordered: by end date, then by start date descending (the shorter period first),
/// then by kind (AsOf < Month < Quarter < YearToDate < Year < Cumulative < Span).
impl Ord for Period {
    fn cmp(&self, other: &Period) -> Ordering {
        self.end()
            .cmp(&other.end())
            .then_with(|| other.start().cmp(&self.start()))
            .then_with(|| self.kind_rank().cmp(&other.kind_rank()))
            .then_with(|| self.raw_key().cmp(&other.raw_key()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The canonical code.
impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {
            type Value = Period;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a period code such as \"2016\" or \"2016-YTD10\"")
            }

            fn visit_str<E: serde::de::Error>(self, code: &str) -> Result<Period, E> {
                Period::from_code(code).map_err(E::custom)
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}

fn code_year(text: &str) -> Option<i64> {
    fixed_digits(text, 4).map(saturate_i64)
}

fn code_year_month(text: &str) -> Result<Option<YearMonth>, Bad> {
    let Some((y, m)) = text.split_once('-') else {
        return Ok(None);
    };
    match (code_year(y), fixed_digits(m, 2)) {
        (Some(y), Some(m)) => Ok(Some(YearMonth {
            year: check_year(y)?,
            month: check_month(m)?,
        })),
        _ => Ok(None),
    }
}

fn period_from_code(code: &str) -> Result<Period, Bad> {
    if code.is_empty() {
        return Err(Bad::Empty);
    }
    if let Some(date) = code.strip_prefix('@') {
        return iso_date(date).map(Period::AsOf);
    }
    if let Some((a, b)) = code.split_once("..") {
        if let (Some(from), Some(to)) = (code_year(a), code_year(b)) {
            let (from_year, to_year) = (check_year(from)?, check_year(to)?);
            return if from_year < to_year {
                Ok(Period::Span { from_year, to_year })
            } else {
                Err(Bad::Range)
            };
        }
        return match (code_year_month(a)?, code_year_month(b)?) {
            (Some(from), Some(to)) if from < to => Ok(Period::Cumulative { from, to }),
            (Some(_), Some(_)) => Err(Bad::Range),
            _ => Err(Bad::Unrecognized),
        };
    }
    if let Some(year) = code_year(code) {
        return Ok(Period::Year(check_year(year)?));
    }
    let Some((y, rest)) = code.split_once('-') else {
        return Err(Bad::Unrecognized);
    };
    let Some(year) = code_year(y) else {
        return Err(Bad::Unrecognized);
    };
    if let Some(n) = rest.strip_prefix("YTD") {
        let canonical = (matches!(n.len(), 1 | 2) && !n.starts_with('0')) || n == "0";
        return match fixed_digits(n, n.len()) {
            Some(month) if canonical => Ok(Period::YearToDate {
                year: check_year(year)?,
                through_month: check_month(month)?,
            }),
            _ => Err(Bad::Unrecognized),
        };
    }
    if let Some(n) = rest.strip_prefix('Q') {
        return match fixed_digits(n, 1) {
            Some(quarter) => Ok(Period::Quarter {
                year: check_year(year)?,
                quarter: check_quarter(quarter)?,
            }),
            None => Err(Bad::Unrecognized),
        };
    }
    match fixed_digits(rest, 2) {
        Some(month) => Ok(Period::Month {
            year: check_year(year)?,
            month: check_month(month)?,
        }),
        None => Err(Bad::Unrecognized),
    }
}

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

fn cn_digit(c: char) -> Option<u64> {
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
fn months(from: YearMonth, to: YearMonth) -> Result<Period, Bad> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> Date {
        Date {
            year: 2016,
            month: 10,
            day: 31,
        }
    }

    fn p(input: &str) -> Result<Period, PeriodError> {
        parse_period(input, doc())
    }

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn d(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn ytd(year: i32, through_month: u32) -> Period {
        Period::YearToDate {
            year,
            through_month,
        }
    }

    fn month(year: i32, month: u32) -> Period {
        Period::Month { year, month }
    }

    fn quarter(year: i32, quarter: u32) -> Period {
        Period::Quarter { year, quarter }
    }

    fn span(from_year: i32, to_year: i32) -> Period {
        Period::Span { from_year, to_year }
    }

    fn cumulative(fy: i32, fm: u32, ty: i32, tm: u32) -> Period {
        Period::Cumulative {
            from: ym(fy, fm),
            to: ym(ty, tm),
        }
    }

    fn as_of(year: i32, month: u32, day: u32) -> Period {
        Period::AsOf(d(year, month, day))
    }

    fn unrecognized(input: &str) -> PeriodError {
        PeriodError::Unrecognized {
            input: input.to_string(),
        }
    }

    /// Many valid periods of every kind, around the sample's years.
    fn sample_periods() -> Vec<Period> {
        let mut all = Vec::new();
        for year in [1900, 2011, 2012, 2015, 2016, 2200] {
            all.push(Period::Year(year));
            for m in 1..=12 {
                all.push(ytd(year, m));
                all.push(month(year, m));
                all.push(Period::AsOf(last_of(year, m)));
                all.push(as_of(year, m, 1));
                all.push(as_of(year, m, 15));
            }
            for q in 1..=4 {
                all.push(quarter(year, q));
            }
        }
        all.push(as_of(2016, 2, 29));
        for (a, b) in [(2011, 2015), (2012, 2016), (2015, 2016), (1900, 2200)] {
            all.push(span(a, b));
        }
        for (fy, fm, ty, tm) in [
            (2012, 1, 2016, 10),
            (2012, 1, 2016, 12),
            (2016, 1, 2016, 10),
            (2016, 2, 2016, 3),
            (2016, 7, 2016, 12),
            (2015, 12, 2016, 1),
            (2012, 6, 2016, 6),
        ] {
            all.push(cumulative(fy, fm, ty, tm));
        }
        let mut unique: Vec<Period> = Vec::new();
        for period in all {
            if !unique.contains(&period) {
                unique.push(period);
            }
        }
        unique
    }

    // --- Date -----------------------------------------------------------------------------

    #[test]
    fn date_new_accepts_real_days_including_leap_days() {
        assert_eq!(Date::new(2016, 10, 31), Ok(d(2016, 10, 31)));
        assert_eq!(Date::new(2016, 2, 29), Ok(d(2016, 2, 29)));
        assert_eq!(Date::new(2000, 2, 29), Ok(d(2000, 2, 29)));
        assert_eq!(Date::new(2015, 12, 1), Ok(d(2015, 12, 1)));
    }

    #[test]
    fn date_new_rejects_days_that_do_not_exist() {
        assert!(matches!(
            Date::new(2015, 2, 29),
            Err(PeriodError::DayOutOfRange { day: 29, .. })
        ));
        assert!(matches!(
            Date::new(1900, 2, 29),
            Err(PeriodError::DayOutOfRange { day: 29, .. })
        ));
        assert!(matches!(
            Date::new(2016, 4, 31),
            Err(PeriodError::DayOutOfRange { day: 31, .. })
        ));
        assert!(matches!(
            Date::new(2016, 1, 0),
            Err(PeriodError::DayOutOfRange { day: 0, .. })
        ));
    }

    #[test]
    fn date_new_rejects_months_outside_one_to_twelve() {
        assert_eq!(
            Date::new(2016, 13, 1),
            Err(PeriodError::MonthOutOfRange {
                input: "2016-13-01".to_string(),
                month: 13
            })
        );
        assert!(matches!(
            Date::new(2016, 0, 1),
            Err(PeriodError::MonthOutOfRange { month: 0, .. })
        ));
    }

    #[test]
    fn date_new_rejects_years_outside_1900_to_2200() {
        assert!(matches!(
            Date::new(1899, 12, 31),
            Err(PeriodError::YearOutOfRange { year: 1899, .. })
        ));
        assert!(matches!(
            Date::new(2201, 1, 1),
            Err(PeriodError::YearOutOfRange { year: 2201, .. })
        ));
        assert!(Date::new(1900, 1, 1).is_ok());
        assert!(Date::new(2200, 12, 31).is_ok());
    }

    #[test]
    fn end_of_month_knows_every_month_length() {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        for (m, days) in (1..=12).zip(lengths) {
            assert_eq!(Date::end_of_month(2015, m), Ok(d(2015, m, days)));
        }
        assert_eq!(Date::end_of_month(2016, 2), Ok(d(2016, 2, 29)));
        assert!(matches!(
            Date::end_of_month(2016, 13),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
    }

    #[test]
    fn parse_iso_reads_exactly_year_month_day() {
        assert_eq!(Date::parse_iso("2016-10-31"), Ok(d(2016, 10, 31)));
        assert_eq!(Date::parse_iso(" 2016-01-05 "), Ok(d(2016, 1, 5)));
        assert_eq!(Date::parse_iso(""), Err(PeriodError::Empty));
        for bad in [
            "2016-1-5",
            "2016/10/31",
            "16-10-31",
            "2016-10-31-1",
            "２016-10-31",
            "x",
        ] {
            assert_eq!(Date::parse_iso(bad), Err(unrecognized(bad)), "{bad}");
        }
        assert!(matches!(
            Date::parse_iso("2016-02-30"),
            Err(PeriodError::DayOutOfRange { day: 30, .. })
        ));
        assert!(matches!(
            Date::parse_iso("2016-13-01"),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
        assert!(matches!(
            Date::parse_iso("1850-01-01"),
            Err(PeriodError::YearOutOfRange { year: 1850, .. })
        ));
    }

    #[test]
    fn iso_text_round_trips_and_display_is_iso() {
        let date = d(2016, 3, 7);
        assert_eq!(date.to_iso(), "2016-03-07");
        assert_eq!(date.to_string(), "2016-03-07");
        assert_eq!(Date::parse_iso(&date.to_iso()), Ok(date));
    }

    #[test]
    fn dates_order_by_year_then_month_then_day() {
        let mut dates = vec![
            d(2016, 10, 1),
            d(2015, 12, 31),
            d(2016, 2, 29),
            d(2016, 10, 31),
        ];
        dates.sort();
        assert_eq!(
            dates,
            vec![
                d(2015, 12, 31),
                d(2016, 2, 29),
                d(2016, 10, 1),
                d(2016, 10, 31)
            ]
        );
        assert!(ym(2015, 12) < ym(2016, 1));
    }

    // --- start, end, kinds --------------------------------------------------------------------

    #[test]
    fn start_and_end_are_the_first_and_last_day_covered() {
        let cases = [
            (Period::Year(2016), d(2016, 1, 1), d(2016, 12, 31)),
            (ytd(2016, 10), d(2016, 1, 1), d(2016, 10, 31)),
            (ytd(2016, 2), d(2016, 1, 1), d(2016, 2, 29)),
            (quarter(2016, 3), d(2016, 7, 1), d(2016, 9, 30)),
            (quarter(2016, 1), d(2016, 1, 1), d(2016, 3, 31)),
            (month(2015, 2), d(2015, 2, 1), d(2015, 2, 28)),
            (span(2012, 2016), d(2012, 1, 1), d(2016, 12, 31)),
            (
                cumulative(2012, 1, 2016, 10),
                d(2012, 1, 1),
                d(2016, 10, 31),
            ),
            (as_of(2016, 10, 15), d(2016, 10, 15), d(2016, 10, 15)),
        ];
        for (period, start, end) in cases {
            assert_eq!(period.start(), start, "{period:?}");
            assert_eq!(period.end(), end, "{period:?}");
        }
    }

    #[test]
    fn hand_built_out_of_range_periods_never_panic() {
        let odd = [
            month(2016, 13),
            month(2016, 0),
            quarter(2016, 0),
            quarter(2016, 9),
            ytd(2016, 99),
            Period::Year(i32::MIN),
            Period::Year(i32::MAX),
            span(2016, 2012),
            cumulative(2016, 14, 2012, 0),
            as_of(2016, 2, 31),
            as_of(-5, 0, 0),
        ];
        for period in odd {
            let _ = (
                period.start(),
                period.end(),
                period.code(),
                period.previous_year(),
            );
            let _ = (
                period.label(Lang::Zh),
                period.label(Lang::En),
                period.to_string(),
            );
            let _ = (period.is_partial_year(), period.years());
            assert_eq!(period.cmp(&period), Ordering::Equal);
        }
        assert_eq!(month(2016, 13).end(), d(2016, 12, 31));
        assert!(month(2016, 13) != month(2016, 12));
        assert_ne!(month(2016, 13).cmp(&month(2016, 12)), Ordering::Equal);
    }

    #[test]
    fn partial_years_are_months_quarters_and_unfinished_years_to_date() {
        assert!(ytd(2016, 10).is_partial_year());
        assert!(ytd(2016, 1).is_partial_year());
        assert!(!ytd(2016, 12).is_partial_year());
        assert!(quarter(2016, 3).is_partial_year());
        assert!(month(2016, 12).is_partial_year());
        assert!(!Period::Year(2016).is_partial_year());
        assert!(!span(2012, 2016).is_partial_year());
        assert!(!cumulative(2016, 1, 2016, 10).is_partial_year());
        assert!(!as_of(2016, 10, 31).is_partial_year());
    }

    #[test]
    fn years_are_given_only_for_whole_years_and_spans() {
        assert_eq!(Period::Year(2016).years(), Some((2016, 2016)));
        assert_eq!(span(2012, 2016).years(), Some((2012, 2016)));
        assert_eq!(ytd(2016, 12).years(), None);
        assert_eq!(month(2016, 10).years(), None);
        assert_eq!(cumulative(2012, 1, 2016, 12).years(), None);
        assert_eq!(as_of(2016, 12, 31).years(), None);
    }

    #[test]
    fn previous_year_moves_each_kind_back_one_year() {
        assert_eq!(Period::Year(2016).previous_year(), Some(Period::Year(2015)));
        assert_eq!(ytd(2016, 10).previous_year(), Some(ytd(2015, 10)));
        assert_eq!(quarter(2016, 3).previous_year(), Some(quarter(2015, 3)));
        assert_eq!(month(2016, 10).previous_year(), Some(month(2015, 10)));
        assert_eq!(
            as_of(2016, 10, 31).previous_year(),
            Some(as_of(2015, 10, 31))
        );
    }

    #[test]
    fn previous_year_of_a_leap_day_is_the_28th() {
        assert_eq!(as_of(2016, 2, 29).previous_year(), Some(as_of(2015, 2, 28)));
        assert_eq!(as_of(2017, 2, 28).previous_year(), Some(as_of(2016, 2, 28)));
    }

    #[test]
    fn previous_year_is_none_for_spans_cumulatives_and_before_1900() {
        assert_eq!(span(2012, 2016).previous_year(), None);
        assert_eq!(cumulative(2012, 1, 2016, 10).previous_year(), None);
        assert_eq!(Period::Year(1900).previous_year(), None);
        assert_eq!(as_of(1900, 5, 1).previous_year(), None);
        assert_eq!(Period::Year(i32::MIN).previous_year(), None);
    }

    // --- codes --------------------------------------------------------------------------------

    #[test]
    fn codes_match_the_data_format_table() {
        let cases = [
            (Period::Year(2016), "2016"),
            (ytd(2016, 10), "2016-YTD10"),
            (ytd(2016, 9), "2016-YTD9"),
            (quarter(2016, 3), "2016-Q3"),
            (month(2016, 10), "2016-10"),
            (month(2016, 3), "2016-03"),
            (span(2012, 2016), "2012..2016"),
            (cumulative(2012, 1, 2016, 10), "2012-01..2016-10"),
            (as_of(2016, 10, 31), "@2016-10-31"),
            (as_of(2016, 3, 5), "@2016-03-05"),
        ];
        for (period, code) in cases {
            assert_eq!(period.code(), code);
            assert_eq!(period.to_string(), code);
            assert_eq!(Period::from_code(code), Ok(period));
        }
    }

    #[test]
    fn every_sample_period_round_trips_through_its_code() {
        for period in sample_periods() {
            assert_eq!(Period::from_code(&period.code()), Ok(period), "{period:?}");
        }
    }

    #[test]
    fn from_code_accepts_only_the_canonical_spelling() {
        for code in [
            "2016-9",
            "2016-YTD09",
            "2016-YTD",
            "2016-ytd10",
            "2016-q3",
            "2016-Q03",
            " 2016",
            "2016年",
            "16",
            "20160",
            "2016-10-31",
            "@2016-1-31",
            "2012..2016-10",
            "2012...2016",
            "2016-",
            "-2016",
            "abc",
        ] {
            assert_eq!(Period::from_code(code), Err(unrecognized(code)), "{code}");
        }
        assert_eq!(Period::from_code(""), Err(PeriodError::Empty));
    }

    #[test]
    fn from_code_names_the_field_that_is_out_of_range() {
        assert_eq!(
            Period::from_code("2016-13"),
            Err(PeriodError::MonthOutOfRange {
                input: "2016-13".to_string(),
                month: 13
            })
        );
        assert!(matches!(
            Period::from_code("2016-YTD13"),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
        assert!(matches!(
            Period::from_code("2016-YTD0"),
            Err(PeriodError::MonthOutOfRange { month: 0, .. })
        ));
        assert!(matches!(
            Period::from_code("2016-Q5"),
            Err(PeriodError::QuarterOutOfRange { quarter: 5, .. })
        ));
        assert!(matches!(
            Period::from_code("1899"),
            Err(PeriodError::YearOutOfRange { year: 1899, .. })
        ));
        assert!(matches!(
            Period::from_code("@2015-02-29"),
            Err(PeriodError::DayOutOfRange { day: 29, .. })
        ));
        assert_eq!(
            Period::from_code("2016..2012"),
            Err(PeriodError::RangeNotIncreasing {
                input: "2016..2012".to_string()
            })
        );
        assert!(matches!(
            Period::from_code("2016..2016"),
            Err(PeriodError::RangeNotIncreasing { .. })
        ));
        assert!(matches!(
            Period::from_code("2016-10..2016-10"),
            Err(PeriodError::RangeNotIncreasing { .. })
        ));
        assert!(matches!(
            Period::from_code("2016-01..2016-13"),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
    }

    #[test]
    fn year_to_date_through_december_has_its_own_code() {
        assert_eq!(ytd(2016, 12).code(), "2016-YTD12");
        assert_eq!(Period::from_code("2016-YTD12"), Ok(ytd(2016, 12)));
        assert_ne!(ytd(2016, 12), Period::Year(2016));
    }

    // --- order --------------------------------------------------------------------------------

    #[test]
    fn mixed_periods_sort_by_end_then_shorter_first_then_kind() {
        let mut periods = vec![
            span(2012, 2016),
            Period::Year(2016),
            cumulative(2012, 1, 2016, 12),
            ytd(2016, 12),
            quarter(2016, 4),
            month(2016, 12),
            as_of(2016, 12, 31),
            cumulative(2012, 1, 2016, 10),
            ytd(2016, 10),
            month(2016, 10),
            as_of(2016, 10, 31),
            ytd(2016, 9),
            quarter(2016, 3),
            month(2016, 9),
            as_of(2016, 9, 30),
            span(2011, 2015),
            Period::Year(2015),
            as_of(2015, 12, 31),
        ];
        periods.sort();
        assert_eq!(
            periods,
            vec![
                as_of(2015, 12, 31),
                Period::Year(2015),
                span(2011, 2015),
                as_of(2016, 9, 30),
                month(2016, 9),
                quarter(2016, 3),
                ytd(2016, 9),
                as_of(2016, 10, 31),
                month(2016, 10),
                ytd(2016, 10),
                cumulative(2012, 1, 2016, 10),
                as_of(2016, 12, 31),
                month(2016, 12),
                quarter(2016, 4),
                ytd(2016, 12),
                Period::Year(2016),
                cumulative(2012, 1, 2016, 12),
                span(2012, 2016),
            ]
        );
    }

    #[test]
    fn a_year_sorts_before_a_span_ending_the_same_year() {
        assert!(Period::Year(2016) < span(2012, 2016));
        assert!(span(2015, 2016) < span(2012, 2016));
        assert!(span(2012, 2015) < Period::Year(2016));
        assert!(month(2016, 10) > as_of(2016, 10, 30));
        assert!(month(2016, 10) < as_of(2016, 11, 1));
        assert!(month(2016, 10) > as_of(2016, 10, 31));
    }

    #[test]
    fn the_order_is_total_and_consistent_with_equality() {
        let mut all = sample_periods();
        all.push(month(2016, 13));
        all.push(quarter(2016, 7));
        for a in &all {
            for b in &all {
                let ordering = a.cmp(b);
                assert_eq!(ordering == Ordering::Equal, a == b, "{a:?} {b:?}");
                assert_eq!(ordering, b.cmp(a).reverse(), "{a:?} {b:?}");
                assert_eq!(a.partial_cmp(b), Some(ordering));
                if a.end() != b.end() {
                    assert_eq!(ordering, a.end().cmp(&b.end()));
                } else if a.start() != b.start() {
                    assert_eq!(ordering, b.start().cmp(&a.start()));
                }
            }
        }
        let mut sorted = all.clone();
        sorted.sort();
        for pair in sorted.windows(2) {
            assert!(pair[0] < pair[1], "{:?} {:?}", pair[0], pair[1]);
        }
        for a in sorted.iter().step_by(7) {
            for b in sorted.iter().step_by(5) {
                for c in sorted.iter().step_by(11) {
                    if a <= b && b <= c {
                        assert!(a <= c);
                    }
                }
            }
        }
    }

    #[test]
    fn the_minimum_year_sentinel_sorts_below_every_valid_period() {
        let sentinel = Period::Year(i32::MIN);
        for period in sample_periods() {
            assert!(sentinel < period, "{period:?}");
        }
    }

    // --- serde --------------------------------------------------------------------------------

    #[test]
    fn serde_writes_a_period_as_its_code_string() -> Result<(), serde_json::Error> {
        assert_eq!(serde_json::to_string(&quarter(2016, 3))?, "\"2016-Q3\"");
        assert_eq!(
            serde_json::to_string(&cumulative(2012, 1, 2016, 10))?,
            "\"2012-01..2016-10\""
        );
        assert_eq!(
            serde_json::from_str::<Period>("\"@2016-10-31\"")?,
            as_of(2016, 10, 31)
        );
        Ok(())
    }

    #[test]
    fn serde_round_trips_every_sample_period() -> Result<(), serde_json::Error> {
        let all = sample_periods();
        let json = serde_json::to_string(&all)?;
        let back: Vec<Period> = serde_json::from_str(&json)?;
        assert_eq!(back, all);
        Ok(())
    }

    #[test]
    fn serde_rejects_a_bad_code_with_the_period_error_message() {
        let error = serde_json::from_str::<Period>("\"2016-13\"").err();
        let message = error.map(|e| e.to_string()).unwrap_or_default();
        let expected = PeriodError::MonthOutOfRange {
            input: "2016-13".to_string(),
            month: 13,
        }
        .to_string();
        assert!(message.contains(&expected), "{message}");
        assert!(serde_json::from_str::<Period>("\"2016年\"").is_err());
        assert!(serde_json::from_str::<Period>("2016").is_err());
    }

    #[test]
    fn lang_serializes_lowercase_and_defaults_to_chinese() -> Result<(), serde_json::Error> {
        assert_eq!(serde_json::to_string(&Lang::Zh)?, "\"zh\"");
        assert_eq!(serde_json::to_string(&Lang::En)?, "\"en\"");
        assert_eq!(serde_json::from_str::<Lang>("\"en\"")?, Lang::En);
        assert!(serde_json::from_str::<Lang>("\"EN\"").is_err());
        assert_eq!(Lang::default(), Lang::Zh);
        Ok(())
    }

    // --- labels -------------------------------------------------------------------------------

    #[test]
    fn chinese_labels_match_the_data_format_table() {
        let cases = [
            (Period::Year(2016), "2016年"),
            (ytd(2016, 10), "2016年1—10月"),
            (ytd(2016, 1), "2016年1月(累计)"),
            (ytd(2016, 12), "2016年1—12月"),
            (quarter(2016, 3), "2016年第3季度"),
            (month(2016, 10), "2016年10月"),
            (span(2012, 2016), "2012—2016年"),
            (cumulative(2012, 1, 2016, 10), "2012年1月—2016年10月"),
            (as_of(2016, 10, 30), "截至2016年10月30日"),
            (as_of(2016, 10, 31), "截至2016年10月底"),
            (as_of(2016, 2, 29), "截至2016年2月底"),
            (as_of(2015, 2, 28), "截至2015年2月底"),
            (as_of(2016, 2, 28), "截至2016年2月28日"),
        ];
        for (period, label) in cases {
            assert_eq!(period.label(Lang::Zh), label);
        }
        assert!(ytd(2016, 10).label(Lang::Zh).contains('\u{2014}'));
    }

    #[test]
    fn english_labels_match_the_data_format_table() {
        let cases = [
            (Period::Year(2016), "2016"),
            (ytd(2016, 10), "Jan–Oct 2016"),
            (ytd(2016, 1), "Jan 2016 (cumulative)"),
            (quarter(2016, 3), "Q3 2016"),
            (month(2016, 10), "Oct 2016"),
            (span(2012, 2016), "2012–2016"),
            (cumulative(2012, 1, 2016, 10), "Jan 2012 – Oct 2016"),
            (as_of(2016, 10, 30), "as of 30 Oct 2016"),
            (as_of(2016, 10, 31), "as of end Oct 2016"),
            (as_of(2016, 9, 30), "as of end Sep 2016"),
        ];
        for (period, label) in cases {
            assert_eq!(period.label(Lang::En), label);
        }
        assert!(span(2012, 2016).label(Lang::En).contains('\u{2013}'));
    }

    #[test]
    fn labels_of_canonical_periods_parse_back_in_both_languages() {
        for period in sample_periods() {
            let canonical = p(&period.code()).is_ok()
                && !matches!(
                    period,
                    Period::YearToDate {
                        through_month: 12,
                        ..
                    }
                )
                && match period {
                    Period::Cumulative { from, to } => months(from, to) == Ok(period),
                    _ => true,
                };
            if !canonical {
                continue;
            }
            for lang in [Lang::Zh, Lang::En] {
                let label = period.label(lang);
                assert_eq!(p(&label), Ok(period), "{label}");
            }
        }
    }

    // --- parse_period: accepted forms ---------------------------------------------------------

    fn assert_parses(cases: &[(&str, Period)]) {
        for (input, expected) in cases {
            assert_eq!(p(input), Ok(*expected), "{input}");
        }
    }

    #[test]
    fn years_parse_with_or_without_nian_and_relative_to_the_document() {
        assert_parses(&[
            ("2016", Period::Year(2016)),
            ("2016年", Period::Year(2016)),
            ("  2016年 ", Period::Year(2016)),
            ("2016年度", Period::Year(2016)),
            ("2016年全年", Period::Year(2016)),
            ("今年", Period::Year(2016)),
            ("本年度", Period::Year(2016)),
            ("去年", Period::Year(2015)),
            ("上年", Period::Year(2015)),
            ("上年度", Period::Year(2015)),
            ("前年", Period::Year(2014)),
            ("明年", Period::Year(2017)),
            ("二〇一六年", Period::Year(2016)),
        ]);
        assert_eq!(parse_period("今年", d(2012, 1, 1)), Ok(Period::Year(2012)));
    }

    #[test]
    fn full_width_digits_parse_like_ascii() {
        assert_parses(&[
            ("２０１６年", Period::Year(2016)),
            ("２０１６年１－１０月", ytd(2016, 10)),
            ("２０１６年１０月", month(2016, 10)),
            ("２０１６Ｑ３", quarter(2016, 3)),
            ("２０１２～２０１６年", span(2012, 2016)),
            ("＠２０１６－１０－３１", as_of(2016, 10, 31)),
            ("　2016年　", Period::Year(2016)),
        ]);
    }

    #[test]
    fn years_to_date_parse_in_every_usual_spelling() {
        assert_parses(&[
            ("2016年1-10月", ytd(2016, 10)),
            ("2016年1—9月", ytd(2016, 9)),
            ("2016年1–9月", ytd(2016, 9)),
            ("2016年1~9月", ytd(2016, 9)),
            ("2016年1～9月", ytd(2016, 9)),
            ("2016年1——9月", ytd(2016, 9)),
            ("2016.1-10", ytd(2016, 10)),
            ("2016年1至10月", ytd(2016, 10)),
            ("2016年1到10月", ytd(2016, 10)),
            ("2016年1月-10月", ytd(2016, 10)),
            ("2016年1-10月份", ytd(2016, 10)),
            ("2016年 1 - 10 月", ytd(2016, 10)),
            ("今年1-10月", ytd(2016, 10)),
            ("去年1-10月", ytd(2015, 10)),
            ("1-10月", ytd(2016, 10)),
            ("2016年前三季度", ytd(2016, 9)),
            ("今年前三季度", ytd(2016, 9)),
            ("2016年前两季度", ytd(2016, 6)),
            ("2016年前10个月", ytd(2016, 10)),
            ("2016年上半年", ytd(2016, 6)),
            ("上半年", ytd(2016, 6)),
            ("今年截至10月", ytd(2016, 10)),
            ("今年截至10月底", ytd(2016, 10)),
            ("2016年截止9月", ytd(2016, 9)),
            ("2016年截至三季度", ytd(2016, 9)),
            ("2016年1-3季度", ytd(2016, 9)),
            ("2016年第一至三季度", ytd(2016, 9)),
            ("2016年1月(累计)", ytd(2016, 1)),
            ("2016年3月累计", ytd(2016, 3)),
            ("2016年1-10月累计", ytd(2016, 10)),
            ("Jan–Oct 2016", ytd(2016, 10)),
            ("jan-oct 2016", ytd(2016, 10)),
        ]);
    }

    #[test]
    fn january_through_december_is_the_whole_year() {
        assert_parses(&[
            ("2016年1-12月", Period::Year(2016)),
            ("2016年1—12月", Period::Year(2016)),
            ("2016年前四季度", Period::Year(2016)),
            ("2016年前12个月", Period::Year(2016)),
            ("2016年截至12月", Period::Year(2016)),
        ]);
    }

    #[test]
    fn months_parse_with_nian_dots_slashes_and_dashes() {
        assert_parses(&[
            ("2016年10月", month(2016, 10)),
            ("2016年10月份", month(2016, 10)),
            ("2016年十月", month(2016, 10)),
            ("2016年十二月", month(2016, 12)),
            ("2016-10", month(2016, 10)),
            ("2016-9", month(2016, 9)),
            ("2016.10", month(2016, 10)),
            ("2016/10", month(2016, 10)),
            ("2016/3", month(2016, 3)),
            ("今年10月", month(2016, 10)),
            ("去年3月", month(2015, 3)),
            ("10月", month(2016, 10)),
            ("Oct 2016", month(2016, 10)),
            ("october 2016", month(2016, 10)),
            ("2016年3-3月", month(2016, 3)),
        ]);
    }

    #[test]
    fn quarters_parse_with_arabic_or_chinese_numerals() {
        assert_parses(&[
            ("2016年第3季度", quarter(2016, 3)),
            ("2016年第三季度", quarter(2016, 3)),
            ("2016年三季度", quarter(2016, 3)),
            ("2016年3季度", quarter(2016, 3)),
            ("2016年一季度", quarter(2016, 1)),
            ("2016年第四季", quarter(2016, 4)),
            ("2016Q3", quarter(2016, 3)),
            ("2016q3", quarter(2016, 3)),
            ("2016 Q3", quarter(2016, 3)),
            ("2016年Q2", quarter(2016, 2)),
            ("Q3 2016", quarter(2016, 3)),
            ("Q3", quarter(2016, 3)),
            ("今年二季度", quarter(2016, 2)),
            ("三季度", quarter(2016, 3)),
            ("2016年7-9月", quarter(2016, 3)),
            ("2016年4月-6月", quarter(2016, 2)),
        ]);
    }

    #[test]
    fn spans_of_whole_years_parse_with_any_dash() {
        assert_parses(&[
            ("2012-2016", span(2012, 2016)),
            ("2012—2016年", span(2012, 2016)),
            ("2012–2016", span(2012, 2016)),
            ("2012年-2016年", span(2012, 2016)),
            ("2012年—2016年", span(2012, 2016)),
            ("2012至2016年", span(2012, 2016)),
            ("2012到2016年", span(2012, 2016)),
            ("2012-2016年度", span(2012, 2016)),
            ("2012-2016年期间", span(2012, 2016)),
            ("2012年1月-2016年12月", span(2012, 2016)),
            ("2012-去年", span(2012, 2015)),
            ("2016-2016年", Period::Year(2016)),
        ]);
    }

    #[test]
    fn five_year_plans_parse_as_their_spans() {
        assert_parses(&[
            ("十二五", span(2011, 2015)),
            ("十三五", span(2016, 2020)),
            ("十一五", span(2006, 2010)),
            ("十四五", span(2021, 2025)),
            ("十五", span(2001, 2005)),
            ("九五", span(1996, 2000)),
            ("“十二五”", span(2011, 2015)),
            ("\"十三五\"", span(2016, 2020)),
            ("“十二五”期间", span(2011, 2015)),
            ("十二五时期", span(2011, 2015)),
            ("“十三五”时期", span(2016, 2020)),
            ("十三五规划期", span(2016, 2020)),
        ]);
    }

    #[test]
    fn cumulative_runs_parse_and_a_bare_start_year_means_january() {
        assert_parses(&[
            ("2012年-今年10月", cumulative(2012, 1, 2016, 10)),
            ("2012年—2016年10月", cumulative(2012, 1, 2016, 10)),
            ("2012年1月-2016年10月", cumulative(2012, 1, 2016, 10)),
            ("2012年1月—2016年10月", cumulative(2012, 1, 2016, 10)),
            ("2012.01-2016.10", cumulative(2012, 1, 2016, 10)),
            ("2012.1-2016.10", cumulative(2012, 1, 2016, 10)),
            ("2012-01-2016-10", cumulative(2012, 1, 2016, 10)),
            ("2012年至2016年10月底", cumulative(2012, 1, 2016, 10)),
            ("2012年至今", cumulative(2012, 1, 2016, 10)),
            ("2015年12月-2016年1月", cumulative(2015, 12, 2016, 1)),
            ("2012年6月-2016年", cumulative(2012, 6, 2016, 12)),
            ("2016年下半年", cumulative(2016, 7, 2016, 12)),
            ("2016年2-3月", cumulative(2016, 2, 2016, 3)),
            ("Jan 2012 – Oct 2016", cumulative(2012, 1, 2016, 10)),
        ]);
    }

    #[test]
    fn stocks_parse_as_of_a_date_and_a_month_means_its_last_day() {
        assert_parses(&[
            ("截至2016年10月底", as_of(2016, 10, 31)),
            ("截至2016年10月末", as_of(2016, 10, 31)),
            ("截至2016年10月", as_of(2016, 10, 31)),
            ("截止2016年10月31日", as_of(2016, 10, 31)),
            ("截至2016年10月15日", as_of(2016, 10, 15)),
            ("截至2016年10月15号", as_of(2016, 10, 15)),
            ("截至2015年12月", as_of(2015, 12, 31)),
            ("截至2015年底", as_of(2015, 12, 31)),
            ("截至2016年2月", as_of(2016, 2, 29)),
            ("到2016年10月底", as_of(2016, 10, 31)),
            ("至2016年10月底", as_of(2016, 10, 31)),
            ("截止到2016年10月底", as_of(2016, 10, 31)),
            ("截至目前", as_of(2016, 10, 31)),
            ("截至目前为止", as_of(2016, 10, 31)),
            ("截至10月底", as_of(2016, 10, 31)),
            ("截至9月底", as_of(2016, 9, 30)),
            ("截至去年底", as_of(2015, 12, 31)),
            ("截至三季度末", as_of(2016, 9, 30)),
            ("@2016-10-31", as_of(2016, 10, 31)),
            ("@2016-10", as_of(2016, 10, 31)),
            ("2016-10-31", as_of(2016, 10, 31)),
            ("2016.10.31", as_of(2016, 10, 31)),
            ("2016/2/29", as_of(2016, 2, 29)),
            ("2016年10月31日", as_of(2016, 10, 31)),
            ("2016年10月底", as_of(2016, 10, 31)),
            ("2015年末", as_of(2015, 12, 31)),
            ("as of 31 Oct 2016", as_of(2016, 10, 31)),
            ("as of end Oct 2016", as_of(2016, 10, 31)),
            ("As of 30 Sep 2016", as_of(2016, 9, 30)),
        ]);
        assert_eq!(
            parse_period("截至目前", d(2016, 6, 15)),
            Ok(as_of(2016, 6, 15))
        );
        assert_eq!(
            parse_period("截至10月底", d(2015, 3, 1)),
            Ok(as_of(2015, 10, 31))
        );
    }

    #[test]
    fn every_canonical_code_is_accepted_as_input() {
        for period in sample_periods() {
            assert_eq!(p(&period.code()), Ok(period), "{period:?}");
        }
        assert_eq!(p("2016-ytd10"), Ok(ytd(2016, 10)));
        assert_eq!(p("2016-q3"), Ok(quarter(2016, 3)));
        assert_eq!(p(" 2012..2016 "), Ok(span(2012, 2016)));
    }

    // --- parse_period: errors -----------------------------------------------------------------

    #[test]
    fn empty_input_is_the_empty_error() {
        assert_eq!(p(""), Err(PeriodError::Empty));
        assert_eq!(p("   "), Err(PeriodError::Empty));
        assert_eq!(p("　"), Err(PeriodError::Empty));
        assert_eq!(p("“”"), Err(PeriodError::Empty));
    }

    #[test]
    fn months_out_of_range_name_the_month() {
        assert_eq!(
            p("2016年13月"),
            Err(PeriodError::MonthOutOfRange {
                input: "2016年13月".to_string(),
                month: 13
            })
        );
        assert_eq!(
            p("2016年1-13月"),
            Err(PeriodError::MonthOutOfRange {
                input: "2016年1-13月".to_string(),
                month: 13
            })
        );
        assert!(matches!(
            p("2016年0月"),
            Err(PeriodError::MonthOutOfRange { month: 0, .. })
        ));
        assert!(matches!(
            p("2016-13"),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
        assert!(matches!(
            p("截至2016年13月"),
            Err(PeriodError::MonthOutOfRange { month: 13, .. })
        ));
        assert!(matches!(
            p("2016年99999999999月"),
            Err(PeriodError::MonthOutOfRange {
                month: u32::MAX,
                ..
            })
        ));
    }

    #[test]
    fn quarters_out_of_range_name_the_quarter() {
        assert_eq!(
            p("2016年第5季度"),
            Err(PeriodError::QuarterOutOfRange {
                input: "2016年第5季度".to_string(),
                quarter: 5
            })
        );
        assert!(matches!(
            p("2016Q0"),
            Err(PeriodError::QuarterOutOfRange { quarter: 0, .. })
        ));
        assert!(matches!(
            p("2016年前五季度"),
            Err(PeriodError::QuarterOutOfRange { quarter: 5, .. })
        ));
        assert!(matches!(
            p("2016-Q5"),
            Err(PeriodError::QuarterOutOfRange { quarter: 5, .. })
        ));
    }

    #[test]
    fn days_that_do_not_exist_name_the_day() {
        assert_eq!(
            p("2016年2月30日"),
            Err(PeriodError::DayOutOfRange {
                input: "2016年2月30日".to_string(),
                day: 30
            })
        );
        assert!(matches!(
            p("2015-02-29"),
            Err(PeriodError::DayOutOfRange { day: 29, .. })
        ));
        assert!(matches!(
            p("截至2016年4月31日"),
            Err(PeriodError::DayOutOfRange { day: 31, .. })
        ));
    }

    #[test]
    fn years_outside_1900_to_2200_name_the_year() {
        assert!(matches!(
            p("1899年"),
            Err(PeriodError::YearOutOfRange { year: 1899, .. })
        ));
        assert!(matches!(
            p("2201"),
            Err(PeriodError::YearOutOfRange { year: 2201, .. })
        ));
        assert!(matches!(
            p("16年"),
            Err(PeriodError::YearOutOfRange { year: 16, .. })
        ));
        assert_eq!(
            p("99999999999999999999年"),
            Err(PeriodError::YearOutOfRange {
                input: "99999999999999999999年".to_string(),
                year: i32::MAX
            })
        );
        assert!(matches!(
            parse_period("明年", d(2200, 1, 1)),
            Err(PeriodError::YearOutOfRange { year: 2201, .. })
        ));
    }

    #[test]
    fn backward_ranges_are_not_increasing() {
        assert_eq!(
            p("2016-2012"),
            Err(PeriodError::RangeNotIncreasing {
                input: "2016-2012".to_string()
            })
        );
        for input in [
            "2016年—2012年",
            "2016年10月-2016年3月",
            "2016年10-3月",
            "2016..2012",
        ] {
            assert!(
                matches!(p(input), Err(PeriodError::RangeNotIncreasing { .. })),
                "{input}"
            );
        }
    }

    #[test]
    fn text_that_is_not_a_period_is_unrecognized() {
        for input in [
            "abc",
            "2016年10月31日-2016年11月",
            "10",
            "1-10",
            "截至",
            "累计",
            "as 2016",
            "2016年10月份左右",
            "十二六",
            "2016年@10月@",
            "@@2016",
            "2016 10",
            "今年截至目前",
        ] {
            assert_eq!(p(input), Err(unrecognized(input)), "{input}");
        }
        assert_eq!(p("  abc "), Err(unrecognized("abc")));
    }

    #[test]
    fn error_messages_are_short_english_sentences() {
        assert_eq!(PeriodError::Empty.to_string(), "empty period");
        assert_eq!(
            unrecognized("abc").to_string(),
            "unrecognized period \"abc\""
        );
        assert_eq!(
            PeriodError::MonthOutOfRange {
                input: "2016年13月".to_string(),
                month: 13
            }
            .to_string(),
            "month 13 is not 1-12 in \"2016年13月\""
        );
    }

    /// A tiny deterministic generator, so the odd-input test needs no dependency.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn below(&mut self, n: usize) -> usize {
            usize::try_from(self.next()).unwrap_or(0) % n
        }
    }

    #[test]
    fn odd_inputs_never_panic_and_any_period_returned_is_valid() {
        let pieces = [
            "2016",
            "年",
            "月",
            "日",
            "-",
            "—",
            "至",
            "到",
            "截至",
            "截止",
            "季度",
            "季",
            "第",
            "Q",
            "q",
            "1",
            "10",
            "12",
            "13",
            "0",
            "00",
            "31",
            "99999999999999999999",
            "今年",
            "去年",
            "上半年",
            "下半年",
            "前",
            "三",
            "十",
            "十二",
            "十二五",
            "〇",
            "两",
            "个",
            "@",
            "..",
            ".",
            "/",
            " ",
            "😀",
            "底",
            "末",
            "累计",
            "(",
            ")",
            "as of",
            "as",
            "of",
            "Jan",
            "end",
            "",
            "\u{0}",
            "é",
            "２０１６",
            "ＹＴＤ",
            "YTD",
            "目前",
            "今",
            "全年",
            "为止",
            "期间",
            "“",
            "”",
            "\u{200B}",
            "-2016",
            "Ω",
            "٣",
            "\u{FF10}",
            "\u{FFFF}",
            "\u{10FFFF}",
            "¥",
        ];
        let documents = [
            d(2016, 10, 31),
            d(1900, 1, 1),
            d(2200, 12, 31),
            d(2016, 2, 29),
        ];
        let mut rng = Lcg(20_161_031);
        let mut inputs: Vec<String> = vec![
            "99999999999999999999年".to_string(),
            "2016年99999999999999999999月99999999999999999999日".to_string(),
            "-".to_string(),
            "—".to_string(),
            "——".to_string(),
            "..".to_string(),
            "@".to_string(),
            "😀".to_string(),
            "十十十五".to_string(),
            "一二三四五六七八九十五".to_string(),
            "Q99999999999999999999".to_string(),
            "前99999999999999999999季度".to_string(),
            "2016-YTD99999999999999999999".to_string(),
            "1".repeat(500),
        ];
        for _ in 0..600 {
            let count = 1 + rng.below(8);
            let text: String = (0..count)
                .map(|_| pieces[rng.below(pieces.len())])
                .collect();
            inputs.push(text);
        }
        for _ in 0..300 {
            let len = rng.below(24);
            let bytes: Vec<u8> = (0..len).map(|_| (rng.next() & 0xFF) as u8).collect();
            inputs.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        for (i, input) in inputs.iter().enumerate() {
            let document = documents[i % documents.len()];
            let _ = Period::from_code(input);
            let _ = Date::parse_iso(input);
            match parse_period(input, document) {
                Ok(period) => {
                    assert_eq!(Period::from_code(&period.code()), Ok(period), "{input:?}");
                }
                Err(error) => assert!(!error.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn an_invalid_document_date_is_an_error_not_a_panic() {
        let broken = d(2016, 2, 31);
        assert!(matches!(
            parse_period("截至目前", broken),
            Err(PeriodError::DayOutOfRange { day: 31, .. })
        ));
        assert_eq!(parse_period("今年", broken), Ok(Period::Year(2016)));
        let far = d(i32::MAX, 1, 1);
        assert!(parse_period("去年", far).is_err());
        assert!(parse_period("明年", d(i32::MIN, 1, 1)).is_err());
    }
}
