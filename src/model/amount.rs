//! Exact decimal amounts and what people type for them.
//!
//! Amounts are `rust_decimal::Decimal` (28 significant digits), written to files as canonical
//! decimal strings ("742.3464", never "7.423464e2"), so sums do not drift and 1亿元 = 10000万元
//! exactly. Entry accepts full-width digits, thousands separators, a trailing unit ("370亿",
//! "2000多万元") and the qualifiers 约 / 多 / 余 / 超 / 以上.

use super::period::Lang;
use rust_decimal::Decimal;
use std::fmt;
use std::str::FromStr;

/// An exact amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    pub fn zero() -> Amount {
        Amount(Decimal::ZERO)
    }

    /// Parses a canonical decimal string as files hold it: optional '-', digits, optional
    /// fraction. No exponent, no spaces, no unit.
    pub fn from_canonical(text: &str) -> Result<Amount, AmountError> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let digits_ok = !whole.is_empty()
            && whole.chars().all(|c| c.is_ascii_digit())
            && fraction.chars().all(|c| c.is_ascii_digit())
            && !(body.contains('.') && fraction.is_empty());
        if !digits_ok {
            return Err(AmountError::NotANumber {
                input: text.to_string(),
            });
        }
        Decimal::from_str(text)
            .map(|d| Amount(d.normalize()))
            .map_err(|_| AmountError::TooLarge {
                input: text.to_string(),
            })
    }

    /// The canonical string: normalized (no trailing zeros), plain notation.
    pub fn canonical(&self) -> String {
        let normalized = self.0.normalize();
        if normalized.is_zero() {
            "0".to_string()
        } else {
            normalized.to_string()
        }
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// The canonical string with thousands separators in the whole part, for reading:
    /// "29,145.77", "-1,000", "742.3464".
    pub fn grouped(&self) -> String {
        let text = self.canonical();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let (sign, digits) = whole.strip_prefix('-').map_or(("", whole), |d| ("-", d));
        let mut grouped = String::with_capacity(text.len() + digits.len() / 3);
        grouped.push_str(sign);
        for (index, digit) in digits.chars().enumerate() {
            if index > 0 && (digits.len() - index) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        if !fraction.is_empty() {
            grouped.push('.');
            grouped.push_str(fraction);
        }
        grouped
    }
}

/// A figure as the bureau writes it, for reading: thousands separators and the qualifier —
/// "约2,980" / "2,000以上" in Chinese, "~2,980" / "2,000+" in English.
pub fn figure_text(amount: Amount, qualifier: Qualifier, lang: Lang) -> String {
    qualified(amount.grouped(), qualifier, lang)
}

/// A figure as an edit box shows it: the plain number with its qualifier ("约2980", "~2980"),
/// which [`parse_amount_input`] reads back to the same amount and qualifier.
pub fn figure_input_text(amount: Amount, qualifier: Qualifier, lang: Lang) -> String {
    qualified(amount.canonical(), qualifier, lang)
}

fn qualified(number: String, qualifier: Qualifier, lang: Lang) -> String {
    match (qualifier, lang) {
        (Qualifier::Exact, _) => number,
        (Qualifier::About, Lang::Zh) => format!("约{number}"),
        (Qualifier::About, Lang::En) => format!("~{number}"),
        (Qualifier::AtLeast, Lang::Zh) => format!("{number}以上"),
        (Qualifier::AtLeast, Lang::En) => format!("{number}+"),
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical())
    }
}

/// How exact a stated figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Qualifier {
    #[default]
    Exact,
    /// 约, 接近: about.
    About,
    /// 多, 余, 超, 以上: at least.
    AtLeast,
}

impl Qualifier {
    pub fn code(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
        }
    }

    pub fn from_code(code: &str) -> Option<Qualifier> {
        match code {
            "exact" => Some(Qualifier::Exact),
            "about" => Some(Qualifier::About),
            "at_least" => Some(Qualifier::AtLeast),
            _ => None,
        }
    }
}

/// Why a typed amount was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("no amount given")]
    Empty,
    #[error("'{input}' is not a number")]
    NotANumber { input: String },
    #[error("'{input}' is too large or too precise (28 significant digits at most)")]
    TooLarge { input: String },
    /// Digits with a space between them ("352 370"): two figures, or one mistyped.
    #[error("'{input}' has a space between digits")]
    SpaceInNumber { input: String },
    /// Thousands separators that do not group by three ("1,2,3", "12,34").
    #[error("'{input}' has thousands separators in the wrong places")]
    BadGrouping { input: String },
    /// Several cells in one ("352\t370\t280.5", pasted from a spreadsheet row).
    #[error("'{input}' holds {count} figures, not one")]
    SeveralCells { input: String, count: usize },
}

/// What a person typed into an amount field, understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountInput {
    pub amount: Amount,
    pub qualifier: Qualifier,
    /// A unit written after the number ("亿元", "万元", "个"), as typed; `亿`/`万` alone are
    /// completed to 亿元/万元 only when followed by nothing (the caller checks it against the
    /// indicator's unit and offers a conversion or a new unit).
    pub unit: Option<String>,
}

/// Understands "370", "370亿", "370亿元", "约2980万元", "2000多万元", "１４８５", "1,338.71",
/// "60余项", "-3.5". Refuses "abc", "1e999", "NaN", "∞", "" with a reason, and never joins two
/// figures into one: a space between digits ("352 370"), thousands separators out of groups of
/// three ("1,2,3") and tabs or line breaks (a spreadsheet row pasted into one cell) are refused.
pub fn parse_amount_input(input: &str) -> Result<AmountInput, AmountError> {
    let trimmed = input.trim();
    // A tab or line break inside is cells pasted together, never one figure.
    if trimmed.contains(['\t', '\n', '\r']) {
        let count = trimmed
            .split(['\t', '\n', '\r'])
            .filter(|part| !part.trim().is_empty())
            .count();
        return Err(AmountError::SeveralCells {
            input: trimmed.split_whitespace().collect::<Vec<_>>().join(" "),
            count,
        });
    }
    // A list separator between figures ("352、370", "352;370", and "352，370" typed with an
    // ordinary comma of Chinese text) is several figures too, never 352370. A full-width comma
    // groups thousands only among full-width digits ("１，３３８．７１", typed with the IME).
    let full_width_digits = trimmed.contains(|c: char| ('０'..='９').contains(&c));
    let is_list_separator =
        |c: char| matches!(c, '、' | '；' | ';') || (c == '，' && !full_width_digits);
    if trimmed.contains(is_list_separator) {
        let parts: Vec<&str> = trimmed
            .split(is_list_separator)
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 {
            return Err(AmountError::SeveralCells {
                input: parts.join(" "),
                count: parts.len(),
            });
        }
    }
    let widened: Vec<char> = trimmed
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '，' => ',',
            '＋' => '+',
            _ => c,
        })
        .collect();
    // Spaces may stand between a qualifier, the number and its unit ("约 2980 万元"), but not
    // inside the number: "352 370" is two figures (or a typo), not 352370.
    let is_number_char = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    for (index, c) in widened.iter().enumerate() {
        if !c.is_whitespace() {
            continue;
        }
        let before = widened[..index].iter().rev().find(|c| !c.is_whitespace());
        let after = widened[index..].iter().find(|c| !c.is_whitespace());
        if let (Some(&before), Some(&after)) = (before, after) {
            if is_number_char(before) && (is_number_char(after) || after == '-') {
                return Err(AmountError::SpaceInNumber {
                    input: trimmed.to_string(),
                });
            }
        }
    }
    let normalized: String = widened.into_iter().filter(|c| !c.is_whitespace()).collect();
    if normalized.is_empty() {
        return Err(AmountError::Empty);
    }
    let not_a_number = || AmountError::NotANumber {
        input: input.trim().to_string(),
    };

    let mut qualifier = Qualifier::Exact;
    let mut rest = normalized.as_str();
    for prefix in ["约", "大约", "近", "接近", "~", "≈", "～"] {
        if let Some(stripped) = rest.strip_prefix(prefix) {
            qualifier = Qualifier::About;
            rest = stripped;
            break;
        }
    }
    for prefix in ["超过", "超", "逾"] {
        if let Some(stripped) = rest.strip_prefix(prefix) {
            qualifier = Qualifier::AtLeast;
            rest = stripped;
            break;
        }
    }

    // The number: sign, digits, separators, one decimal point.
    let number_end = rest
        .char_indices()
        .find(|&(index, c)| {
            !(c.is_ascii_digit() || c == '.' || c == ',' || (index == 0 && (c == '-' || c == '+')))
        })
        .map(|(index, _)| index)
        .unwrap_or(rest.len());
    let (number_text, mut tail) = rest.split_at(number_end);
    if number_text.contains(',') && !thousands_groups_are_valid(number_text) {
        return Err(AmountError::BadGrouping {
            input: input.trim().to_string(),
        });
    }
    let number_text: String = number_text.chars().filter(|&c| c != ',').collect();
    let number_text = number_text.strip_prefix('+').unwrap_or(&number_text);
    if number_text.is_empty() || number_text == "-" {
        return Err(not_a_number());
    }
    let amount = Amount::from_canonical(number_text).map_err(|error| match error {
        AmountError::TooLarge { .. } => AmountError::TooLarge {
            input: input.trim().to_string(),
        },
        _ => not_a_number(),
    })?;

    for marker in ["多", "余", "以上", "+"] {
        if let Some(stripped) = tail.strip_prefix(marker) {
            qualifier = Qualifier::AtLeast;
            tail = stripped;
            break;
        }
    }
    let mut unit = tail.to_string();
    for suffix in ["以上", "多", "余"] {
        if let Some(stripped) = unit.strip_suffix(suffix) {
            qualifier = Qualifier::AtLeast;
            unit = stripped.to_string();
            break;
        }
    }
    if unit == "亿" || unit == "万" {
        unit.push('元');
    }
    // Letters glued to digits ("12abc", "1e999") are not a unit we could know.
    let looks_like_unit = unit.is_empty()
        || unit == "%"
        || !unit.is_ascii()
        || unit.eq_ignore_ascii_case("kwp")
        || unit.eq_ignore_ascii_case("km");
    // Punctuation is never where a unit begins ("370、", "370。", "370)").
    let starts_with_punctuation = unit.chars().next().is_some_and(|c| {
        c.is_ascii_punctuation() && c != '%'
            || matches!(
                c,
                '、' | '，' | '。' | '；' | '：' | '！' | '？' | '（' | '）' | '“' | '”'
            )
    });
    if !looks_like_unit || starts_with_punctuation {
        return Err(not_a_number());
    }
    Ok(AmountInput {
        amount,
        qualifier,
        unit: (!unit.is_empty()).then_some(unit),
    })
}

/// "1,338.71", "12,345,678", "-1,000": the integer part in groups of three after a first group
/// of one to three digits, and no separator in the fraction.
fn thousands_groups_are_valid(number: &str) -> bool {
    let unsigned = number.trim_start_matches(['-', '+']);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    if fraction.contains(',') {
        return false;
    }
    let mut groups = whole.split(',');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    first_ok && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Amount {
        Amount::from_canonical(text).expect("canonical amount")
    }

    #[test]
    fn canonical_strings_print_exactly_as_written() {
        assert_eq!(amount("742.3464").canonical(), "742.3464");
        assert_eq!(amount("60.20").canonical(), "60.2");
        assert_eq!(amount("0.000").canonical(), "0");
        assert_eq!(amount("-3").canonical(), "-3");
        assert_eq!(amount("29145.77").canonical(), "29145.77");
    }

    #[test]
    fn canonical_parsing_refuses_exponents_and_words() {
        assert!(Amount::from_canonical("1e3").is_err());
        assert!(Amount::from_canonical("NaN").is_err());
        assert!(Amount::from_canonical("Infinity").is_err());
        assert!(Amount::from_canonical("1.").is_err());
        assert!(Amount::from_canonical(".5").is_err());
        assert!(Amount::from_canonical(" 1").is_err());
    }

    #[test]
    fn sums_of_decimal_amounts_do_not_drift() {
        let total = amount("0.1").0 + amount("0.2").0;
        assert_eq!(Amount(total).canonical(), "0.3");
        let parts = ["526.17", "742.3464", "70.2"]
            .iter()
            .map(|t| amount(t).0)
            .sum::<Decimal>();
        assert_eq!(Amount(parts).canonical(), "1338.7164");
    }

    #[test]
    fn typed_amounts_accept_units_qualifiers_and_full_width_digits() {
        let typed = parse_amount_input("370亿").expect("370亿");
        assert_eq!(typed.amount, amount("370"));
        assert_eq!(typed.unit.as_deref(), Some("亿元"));
        assert_eq!(typed.qualifier, Qualifier::Exact);

        let typed = parse_amount_input("2000多万元").expect("2000多万元");
        assert_eq!(typed.amount, amount("2000"));
        assert_eq!(typed.qualifier, Qualifier::AtLeast);
        assert_eq!(typed.unit.as_deref(), Some("万元"));

        let typed = parse_amount_input("约2980万元").expect("约2980万元");
        assert_eq!(typed.qualifier, Qualifier::About);

        let typed = parse_amount_input("１４８５").expect("full width");
        assert_eq!(typed.amount, amount("1485"));
        assert_eq!(typed.unit, None);

        let typed = parse_amount_input("1,338.71 亿元").expect("separators");
        assert_eq!(typed.amount, amount("1338.71"));

        let typed = parse_amount_input("60余项").expect("60余项");
        assert_eq!(typed.qualifier, Qualifier::AtLeast);
        assert_eq!(typed.unit.as_deref(), Some("项"));

        let typed = parse_amount_input("69.3%").expect("percent");
        assert_eq!(typed.unit.as_deref(), Some("%"));
        assert_eq!(
            parse_amount_input("1008KWp").expect("kwp").unit.as_deref(),
            Some("KWp")
        );
    }

    #[test]
    fn typed_amounts_refuse_what_is_not_a_number() {
        assert_eq!(parse_amount_input("   "), Err(AmountError::Empty));
        for bad in [
            "abc", "1e999", "NaN", "Infinity", "∞", "1.2.3", "-", "12abc", "--1",
        ] {
            assert!(parse_amount_input(bad).is_err(), "{bad} must be refused");
        }
        assert!(matches!(
            parse_amount_input("99999999999999999999999999999999"),
            Err(AmountError::TooLarge { .. })
        ));
    }

    #[test]
    fn a_space_between_digits_is_refused_never_joined() {
        for bad in ["352 370", "352\u{3000}370", "1 338.71", "12 .5", "3. 5"] {
            assert!(
                matches!(
                    parse_amount_input(bad),
                    Err(AmountError::SpaceInNumber { .. })
                ),
                "{bad:?} must be refused as a space between digits"
            );
        }
        // Spaces around the number are fine.
        let typed = parse_amount_input(" 约 2980 万元 ").expect("spaces around");
        assert_eq!(typed.amount, amount("2980"));
        assert_eq!(typed.qualifier, Qualifier::About);
        assert_eq!(typed.unit.as_deref(), Some("万元"));
    }

    #[test]
    fn a_pasted_spreadsheet_row_is_several_cells_not_one_number() {
        assert_eq!(
            parse_amount_input("352\t370\t280.5"),
            Err(AmountError::SeveralCells {
                input: "352 370 280.5".into(),
                count: 3
            })
        );
        assert!(matches!(
            parse_amount_input("352\r\n370"),
            Err(AmountError::SeveralCells { count: 2, .. })
        ));
    }

    #[test]
    fn figures_listed_with_chinese_punctuation_are_several_never_joined() {
        for (typed, count) in [
            ("352，370", 2),
            ("352、370、280.5", 3),
            ("352；370", 2),
            ("352;370", 2),
            ("1，338.71", 2),
        ] {
            assert!(
                matches!(
                    parse_amount_input(typed),
                    Err(AmountError::SeveralCells { count: c, .. }) if c == count
                ),
                "{typed} must be {count} figures, got {:?}",
                parse_amount_input(typed)
            );
        }
        // Among full-width digits the full-width comma groups thousands, as the IME types it.
        let typed = parse_amount_input("１，３３８．７１").expect("full-width grouping");
        assert_eq!(typed.amount.canonical(), "1338.71");
        // A figure with a stray separator after it is refused, not given the unit "、".
        assert_eq!(
            parse_amount_input("370、"),
            Err(AmountError::NotANumber {
                input: "370、".into()
            })
        );
    }

    #[test]
    fn thousands_separators_are_accepted_only_in_groups_of_three() {
        for (good, canonical) in [
            ("1,338.71", "1338.71"),
            ("12,345,678", "12345678"),
            ("-1,000", "-1000"),
            ("１，３３８．７１", "1338.71"),
            ("999", "999"),
        ] {
            let typed = parse_amount_input(good).unwrap_or_else(|e| panic!("{good}: {e}"));
            assert_eq!(typed.amount.canonical(), canonical, "{good}");
        }
        for bad in [
            "1,2,3", "12,34", "1234,567", ",123", "1,000,00", "1.000,5", "1,,000",
        ] {
            assert!(
                matches!(
                    parse_amount_input(bad),
                    Err(AmountError::BadGrouping { .. })
                ),
                "{bad} must be refused for its grouping"
            );
        }
    }

    #[test]
    fn figures_read_with_separators_and_edit_as_plain_numbers_that_parse_back() {
        assert_eq!(amount("29145.77").grouped(), "29,145.77");
        assert_eq!(amount("-1000").grouped(), "-1,000");
        assert_eq!(amount("742.3464").grouped(), "742.3464");
        assert_eq!(amount("100").grouped(), "100");
        assert_eq!(amount("1234567").grouped(), "1,234,567");
        for lang in [Lang::Zh, Lang::En] {
            for qualifier in [Qualifier::Exact, Qualifier::About, Qualifier::AtLeast] {
                for figure in ["2980", "1338.71", "-3.5"] {
                    let a = amount(figure);
                    for text in [
                        figure_input_text(a, qualifier, lang),
                        figure_text(a, qualifier, lang),
                    ] {
                        let typed = parse_amount_input(&text).expect(&text);
                        assert_eq!((typed.amount, typed.qualifier), (a, qualifier), "{text}");
                    }
                }
            }
        }
        assert_eq!(
            figure_text(amount("2980"), Qualifier::About, Lang::Zh),
            "约2,980"
        );
        assert_eq!(
            figure_input_text(amount("2000"), Qualifier::AtLeast, Lang::En),
            "2000+"
        );
    }
}
