//! How periods read in labels and table headings, in Chinese and English.

use super::{month_abbr, Lang, Period};

impl Period {
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
}
