//! Numbers as a draft writes them: Arabic digits with thousands separators and decimals
//! ("1,338.71"), and Chinese numerals ("三", "十一", "百", "两千三百", "二〇一六").
//!
//! Invariant: reading never panics and never overflows. A number longer than `Decimal` holds
//! (28 significant digits) is still skipped over as one run, but has no value, so the caller
//! leaves it out rather than guess.

use rust_decimal::Decimal;
use std::str::FromStr;

/// The most significant digits a figure may have (what `Decimal` holds exactly).
const MAX_DIGITS: usize = 28;

/// The longest Chinese numeral read as a number; longer runs are not figures.
const MAX_CHINESE_RUN: usize = 24;

/// An Arabic number read from position `start`: where it ends and its value, `None` when it
/// has too many digits to hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ArabicNumber {
    pub end: usize,
    pub value: Option<Decimal>,
}

/// Reads digits at `start` (which must be an ASCII digit): a first group, then thousands
/// groups (",338" — exactly three digits, and only after a first group of one to three), then
/// a decimal part (".71"). A comma not followed by exactly three digits ends the number: in
/// "4,6个" the comma lists two figures.
pub(super) fn read_arabic(chars: &[char], start: usize) -> ArabicNumber {
    let is_digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut digits = String::new();
    let mut i = start;
    while is_digit(i) {
        push_digit(&mut digits, chars[i]);
        i += 1;
    }
    let first_group = i - start;
    if first_group <= 3 {
        while chars.get(i) == Some(&',')
            && is_digit(i + 1)
            && is_digit(i + 2)
            && is_digit(i + 3)
            && !is_digit(i + 4)
        {
            for offset in 1..=3 {
                push_digit(&mut digits, chars[i + offset]);
            }
            i += 4;
        }
    }
    if chars.get(i) == Some(&'.') && is_digit(i + 1) {
        digits.push('.');
        i += 1;
        while is_digit(i) {
            push_digit(&mut digits, chars[i]);
            i += 1;
        }
    }
    let significant = digits
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|c| *c == '0')
        .count();
    let value = if significant > MAX_DIGITS || digits.len() > 2 * MAX_DIGITS {
        None
    } else {
        Decimal::from_str(&digits).ok().map(|d| d.normalize())
    };
    ArabicNumber { end: i, value }
}

/// Keeps the digits of a run only while they could still make a number (a run of a million
/// digits is skipped over, not copied).
fn push_digit(digits: &mut String, c: char) {
    if digits.len() <= 2 * MAX_DIGITS {
        digits.push(c);
    }
}

/// The value of a Chinese digit: the model's reading (`model::period::cn_digit`).
pub(super) fn chinese_digit(c: char) -> Option<u32> {
    crate::model::period::cn_digit(c).and_then(|d| u32::try_from(d).ok())
}

/// The multiplier a Chinese numeral unit stands for.
fn chinese_unit(c: char) -> Option<u128> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1_000),
        '万' => Some(10_000),
        '亿' => Some(100_000_000),
        _ => None,
    }
}

pub(super) fn is_chinese_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || chinese_unit(c).is_some()
}

/// The end of the run of Chinese numeral chars starting at `start`.
pub(super) fn chinese_run_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while chars.get(end).is_some_and(|c| is_chinese_numeral(*c)) {
        end += 1;
    }
    end
}

/// The value of a Chinese numeral: "三" 3, "十一" 11, "百" 100, "两千三百" 2300,
/// "一万二千" 12000, "二〇一六" 2016 (digit by digit when no unit is written). `None` for what
/// is not a well-formed number ("一二十", a run that starts with 万 or 亿, an over-long run).
pub(super) fn chinese_value(run: &[char]) -> Option<Decimal> {
    if run.is_empty() || run.len() > MAX_CHINESE_RUN {
        return None;
    }
    if matches!(run.first(), Some('万' | '亿')) {
        return None;
    }
    let has_unit = run.iter().any(|c| chinese_unit(*c).is_some());
    if !has_unit {
        let mut value: u128 = 0;
        for c in run {
            value = value
                .checked_mul(10)?
                .checked_add(u128::from(chinese_digit(*c)?))?;
        }
        return decimal_from(value);
    }
    let mut total: u128 = 0; // whole hundred-millions
    let mut wan: u128 = 0; // whole ten-thousands below them
    let mut section: u128 = 0; // below ten thousand
    let mut digit: Option<u128> = None;
    for c in run {
        if let Some(d) = chinese_digit(*c) {
            if d == 0 {
                digit = None;
                continue;
            }
            if digit.is_some() {
                return None;
            }
            digit = Some(u128::from(d));
            continue;
        }
        match chinese_unit(*c)? {
            multiplier @ (10 | 100 | 1_000) => {
                section = section.checked_add(digit.unwrap_or(1).checked_mul(multiplier)?)?;
            }
            10_000 => {
                let below = section.checked_add(digit.unwrap_or(0))?;
                wan = wan.checked_add(below.checked_mul(10_000)?)?;
                section = 0;
            }
            _ => {
                let below = wan.checked_add(section)?.checked_add(digit.unwrap_or(0))?;
                total = total.checked_add(below)?.checked_mul(100_000_000)?;
                wan = 0;
                section = 0;
            }
        }
        digit = None;
    }
    let value = total
        .checked_add(wan)?
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    decimal_from(value)
}

fn decimal_from(value: u128) -> Option<Decimal> {
    i64::try_from(value).ok().map(Decimal::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arabic(text: &str) -> (usize, Option<String>) {
        let chars: Vec<char> = text.chars().collect();
        let number = read_arabic(&chars, 0);
        (number.end, number.value.map(|v| v.to_string()))
    }

    fn chinese(text: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        chinese_value(&chars).map(|v| v.to_string())
    }

    #[test]
    fn arabic_numbers_take_thousands_groups_and_decimals() {
        assert_eq!(arabic("1,338.71亿元"), (8, Some("1338.71".into())));
        assert_eq!(arabic("29145.77万元"), (8, Some("29145.77".into())));
        assert_eq!(arabic("12,345,678个"), (10, Some("12345678".into())));
        assert_eq!(arabic("3.个"), (1, Some("3".into())));
    }

    #[test]
    fn a_comma_that_does_not_group_three_digits_lists_two_figures() {
        assert_eq!(arabic("4,6个"), (1, Some("4".into())));
        assert_eq!(arabic("2012,2013"), (4, Some("2012".into())));
        assert_eq!(arabic("1,2345"), (1, Some("1".into())));
    }

    #[test]
    fn a_number_too_long_to_hold_is_skipped_whole_without_a_value() {
        let long = "9".repeat(40);
        assert_eq!(arabic(&long), (40, None));
        let huge = "1".repeat(100_000);
        assert_eq!(arabic(&huge).0, 100_000);
        assert_eq!(
            arabic(&format!("0000{}", "1".repeat(28)))
                .1
                .map(|v| v.len()),
            Some(28)
        );
    }

    #[test]
    fn chinese_numerals_read_as_numbers() {
        assert_eq!(chinese("三"), Some("3".into()));
        assert_eq!(chinese("两"), Some("2".into()));
        assert_eq!(chinese("十"), Some("10".into()));
        assert_eq!(chinese("十一"), Some("11".into()));
        assert_eq!(chinese("二十"), Some("20".into()));
        assert_eq!(chinese("百"), Some("100".into()));
        assert_eq!(chinese("一百零五"), Some("105".into()));
        assert_eq!(chinese("两千三百"), Some("2300".into()));
        assert_eq!(chinese("一万二千三百四十五"), Some("12345".into()));
        assert_eq!(chinese("三千五百万"), Some("35000000".into()));
        assert_eq!(chinese("十二亿三千万"), Some("1230000000".into()));
        assert_eq!(chinese("二〇一六"), Some("2016".into()));
    }

    #[test]
    fn malformed_chinese_numerals_have_no_value() {
        assert_eq!(chinese("万"), None);
        assert_eq!(chinese("亿元"), None);
        assert_eq!(chinese("一二十"), None);
        assert_eq!(chinese(&"亿".repeat(30)), None);
        assert_eq!(chinese(&format!("一{}", "亿".repeat(10))), None);
    }
}
