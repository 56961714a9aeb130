//! Exact decimal amounts and what people type for them.
//!
//! Amounts are `rust_decimal::Decimal` (28 significant digits), written to files as canonical
//! decimal strings ("742.3464", never "7.423464e2"), so sums do not drift and 1亿元 = 10000万元
//! exactly. Entry accepts full-width digits, thousands separators, a trailing unit ("370亿",
//! "2000多万元") and the qualifiers 约 / 多 / 余 / 超 / 以上.

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
/// "60余项", "-3.5". Refuses "abc", "1e999", "NaN", "∞", "" with a reason.
pub fn parse_amount_input(input: &str) -> Result<AmountInput, AmountError> {
    let normalized: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '，' => ',',
            '＋' => '+',
            _ => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    if normalized.is_empty() {
        return Err(AmountError::Empty);
    }
    let not_a_number = || AmountError::NotANumber {
        input: input.trim().to_string(),
    };

    let mut qualifier = Qualifier::Exact;
    let mut rest = normalized.as_str();
    for prefix in ["约", "大约", "近", "接近"] {
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
    if !looks_like_unit {
        return Err(not_a_number());
    }
    Ok(AmountInput {
        amount,
        qualifier,
        unit: (!unit.is_empty()).then_some(unit),
    })
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
}
