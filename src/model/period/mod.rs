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

    /// Days from 1970-01-01 (negative before): differences of these count days between dates.
    pub fn day_number(&self) -> i64 {
        // Days from civil (Howard Hinnant's algorithm), exact for the proleptic Gregorian.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day with this [`Date::day_number`] (the inverse, Howard Hinnant's civil_from_days).
    pub fn from_day_number(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u32::try_from(month).unwrap_or(1),
            day: u32::try_from(day).unwrap_or(1),
        }
    }

    /// The day `days` later (earlier when negative).
    pub fn plus_days(&self, days: i64) -> Date {
        Date::from_day_number(self.day_number() + days)
    }

    /// Days from `earlier` to this day (negative when this day is before it).
    pub fn days_since(&self, earlier: &Date) -> i64 {
        self.day_number() - earlier.day_number()
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

mod label;
mod parse;

pub use parse::{cn_digit, parse_period};

#[cfg(test)]
mod tests;
