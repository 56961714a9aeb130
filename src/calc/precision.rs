//! What a stated figure stands for: the numbers that would be written the same way.
//!
//! "1338.71亿元" stands for anything from 1338.705 to 1338.715 (half a unit of its last written
//! digit either way), so it agrees with 526.17 + 742.3464 + 70.2 = 1338.7164 once the parts'
//! own precision is counted too (70.2 stands for 70.15 … 70.25). Qualifiers widen a figure:
//! 约 / 近 (`About`) to ±5 % of it (or the half unit, whichever is wider), 多 / 余 / 超 / 以上
//! (`AtLeast`) to the figure up to one more unit of its last non-zero digit ("2000多" is 2000 …
//! 3000, "60余" 60 … 70, "超100%" 100 … 200). Checks compute with these bounds, so a result
//! holds exactly when the stated figures could all be true together.

use crate::model::Qualifier;
use rust_decimal::Decimal;

/// How much an approximate figure (约, 近) may differ from what it states, as a fraction.
pub const ABOUT_FRACTION: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// A closed range of numbers `lo ..= hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub lo: Decimal,
    pub hi: Decimal,
}

impl Bounds {
    /// A single number, taken as exact (a computed figure, a count of records).
    pub fn exact(value: Decimal) -> Bounds {
        Bounds {
            lo: value,
            hi: value,
        }
    }

    pub fn contains(&self, value: Decimal) -> bool {
        self.lo <= value && value <= self.hi
    }

    /// Whether some number lies in both ranges.
    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    pub fn add(&self, other: &Bounds) -> Option<Bounds> {
        Some(Bounds {
            lo: self.lo.checked_add(other.lo)?,
            hi: self.hi.checked_add(other.hi)?,
        })
    }

    pub fn sub(&self, other: &Bounds) -> Option<Bounds> {
        Some(Bounds {
            lo: self.lo.checked_sub(other.hi)?,
            hi: self.hi.checked_sub(other.lo)?,
        })
    }

    /// `self / other`; `None` when `other` may be zero (its range holds 0) or on overflow.
    pub fn div(&self, other: &Bounds) -> Option<Bounds> {
        if other.lo <= Decimal::ZERO && other.hi >= Decimal::ZERO {
            return None;
        }
        let corners = [
            self.lo.checked_div(other.lo)?,
            self.lo.checked_div(other.hi)?,
            self.hi.checked_div(other.lo)?,
            self.hi.checked_div(other.hi)?,
        ];
        Some(Bounds {
            lo: corners.iter().copied().min()?,
            hi: corners.iter().copied().max()?,
        })
    }

    /// Multiplies both ends by a non-negative factor.
    pub fn scale(&self, factor: Decimal) -> Option<Bounds> {
        Some(Bounds {
            lo: self.lo.checked_mul(factor)?,
            hi: self.hi.checked_mul(factor)?,
        })
    }

    /// Shifts both ends.
    pub fn shift(&self, by: Decimal) -> Option<Bounds> {
        Some(Bounds {
            lo: self.lo.checked_add(by)?,
            hi: self.hi.checked_add(by)?,
        })
    }

    /// The larger distance from `centre` to either end: the tolerance a finding reports.
    pub fn reach_from(&self, centre: Decimal) -> Decimal {
        (centre - self.lo).abs().max((self.hi - centre).abs())
    }
}

/// One unit of the last digit written: 0.01 for "1338.71", 1 for "941" and for "8300".
pub fn last_digit_unit(value: Decimal) -> Decimal {
    let scale = value.normalize().scale();
    Decimal::new(1, scale)
}

/// Half a unit of the last digit written: what rounding to the written precision hides.
pub fn half_unit(value: Decimal) -> Decimal {
    last_digit_unit(value) / Decimal::TWO
}

/// One unit of the last non-zero digit: 1000 for "2000", 10 for "150", 0.1 for "1.5".
pub fn last_nonzero_digit_unit(value: Decimal) -> Decimal {
    let normal = value.normalize();
    if normal.scale() > 0 || normal.is_zero() {
        return last_digit_unit(normal);
    }
    let mut unit = Decimal::ONE;
    let mut rest = normal.abs();
    let ten = Decimal::TEN;
    while !rest.is_zero() && (rest % ten).is_zero() {
        rest /= ten;
        unit *= ten;
    }
    unit
}

/// The numbers a stated figure stands for, given how it was written and its qualifier.
pub fn stated_bounds(value: Decimal, qualifier: Qualifier) -> Bounds {
    let half = half_unit(value);
    match qualifier {
        Qualifier::Exact => Bounds {
            lo: value - half,
            hi: value + half,
        },
        Qualifier::About => {
            let reach = (value.abs() * ABOUT_FRACTION).max(half);
            Bounds {
                lo: value - reach,
                hi: value + reach,
            }
        }
        Qualifier::AtLeast => Bounds {
            lo: value - half,
            hi: value + last_nonzero_digit_unit(value),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("decimal")
    }

    #[test]
    fn a_figure_stands_for_half_a_unit_of_its_last_digit_either_way() {
        let total = stated_bounds(d("1338.71"), Qualifier::Exact);
        assert_eq!((total.lo, total.hi), (d("1338.705"), d("1338.715")));
        let parts = [d("526.17"), d("742.3464"), d("70.2")]
            .into_iter()
            .map(|p| stated_bounds(p, Qualifier::Exact))
            .try_fold(Bounds::exact(Decimal::ZERO), |sum, b| sum.add(&b))
            .expect("sum");
        assert!(parts.overlaps(&total));
        assert!(parts.contains(d("1338.7164")));
        assert_eq!(half_unit(d("941")), d("0.5"));
        assert!(!stated_bounds(d("941"), Qualifier::Exact).overlaps(&Bounds::exact(d("914"))));
    }

    #[test]
    fn a_rate_holds_for_anything_that_rounds_to_it() {
        let rate = stated_bounds(d("8.7"), Qualifier::Exact);
        assert!(rate.contains(d("8.65")) && rate.contains(d("8.749")));
        assert!(!rate.contains(d("8.76")) && !rate.contains(d("8.64")));
    }

    #[test]
    fn qualifiers_widen_a_figure() {
        let about = stated_bounds(d("527"), Qualifier::About);
        assert_eq!((about.lo, about.hi), (d("500.65"), d("553.35")));
        let more = stated_bounds(d("2000"), Qualifier::AtLeast);
        assert_eq!((more.lo, more.hi), (d("1999.5"), d("3000")));
        assert_eq!(last_nonzero_digit_unit(d("150")), d("10"));
        assert_eq!(last_nonzero_digit_unit(d("60")), d("10"));
        assert_eq!(last_nonzero_digit_unit(d("1.5")), d("0.1"));
        let over = stated_bounds(d("100"), Qualifier::AtLeast);
        assert!(over.contains(d("150")) && !over.contains(d("99")));
        // As written: "70余次" is 70 up to 80; "近20次" is about 20, ±5 %.
        let written = |text: &str| {
            let input = crate::model::amount::parse_amount_input(text).expect(text);
            (
                input.qualifier,
                stated_bounds(input.amount.0, input.qualifier),
            )
        };
        let (qualifier, more) = written("70余次");
        assert_eq!(qualifier, Qualifier::AtLeast);
        assert_eq!((more.lo, more.hi), (d("69.5"), d("80")));
        assert!(more.contains(d("79")) && !more.contains(d("81")) && !more.contains(d("69")));
        let (qualifier, near) = written("近20次");
        assert_eq!(qualifier, Qualifier::About);
        assert_eq!((near.lo, near.hi), (d("19"), d("21")));
        assert!(near.contains(d("19.5")) && !near.contains(d("21.5")));
    }

    #[test]
    fn division_by_a_range_that_holds_zero_is_refused() {
        let zero = stated_bounds(Decimal::ZERO, Qualifier::Exact);
        assert_eq!(Bounds::exact(Decimal::ONE).div(&zero), None);
        let q = Bounds::exact(d("370"))
            .div(&Bounds::exact(d("218")))
            .expect("ratio");
        assert!(q.lo > d("1.697") && q.hi < d("1.698"));
    }
}
