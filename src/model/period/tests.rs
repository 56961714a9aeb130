//! Periods: codes, labels, order and what people type.

use super::parse::months;
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
