//! How a report says a change: the wording rules, pure and tested on the sample's figures.
//!
//! - A rate (an indicator in %) changes by percentage points: "比上年提高2.1个百分点".
//! - A figure compared with the same stretch of the year before is 同比 ("1—9月…同比增长8.7%");
//!   with the year before, 比上年; with an earlier period, that period is named ("比2012年").
//! - A figure that at least doubled on the year before, or grew by half or more over a longer
//!   span, is said as a multiple ("是2012年的1.7倍"); otherwise 增长 / 下降 x%.
//! - A partial period is never compared with a full one: there is no base then.
//! - Figures counted differently (scope notes differ) say so: "(口径不同)".

use crate::calc::{comparability, growth_percent, Comparability};
use crate::model::{Dataset, Lang, Period, Value};
use rust_decimal::Decimal;

/// What the change between two figures is called.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrowthWording {
    /// 增长 / 下降 x% (one decimal).
    Percent {
        pct: Decimal,
        base: Period,
        base_kind: BaseKind,
        scope_differs: bool,
    },
    /// 是 {base} 的 x 倍.
    Multiple {
        times: Decimal,
        base: Period,
        base_kind: BaseKind,
        scope_differs: bool,
    },
    /// 提高 / 下降 x 个百分点.
    Points {
        points: Decimal,
        base: Period,
        base_kind: BaseKind,
    },
}

/// How the base period relates to the figure's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseKind {
    /// The same stretch one year earlier (同比) — for a part of a year.
    SamePeriodLastYear,
    /// The year before (比上年).
    PreviousYear,
    /// An earlier period, named.
    Earlier,
}

/// The value a figure is compared with: the same period a year earlier when the ledger has
/// it, otherwise — for a full year — the latest earlier full year; a partial period has no
/// other base.
pub fn comparison_base<'a>(dataset: &'a Dataset, value: &Value) -> Option<&'a Value> {
    if let Some(previous) = value
        .period
        .previous_year()
        .and_then(|p| dataset.value_at(&value.indicator, &p))
    {
        return Some(previous);
    }
    match value.period {
        Period::Year(year) => dataset
            .values_of(&value.indicator)
            .into_iter()
            .filter(|v| matches!(v.period, Period::Year(y) if y < year))
            .max_by_key(|v| v.period),
        _ => None,
    }
}

/// The wording for the change from `before` to `after` (of one indicator); `None` when the
/// base is zero or the periods are not like with like.
pub fn growth_wording(dataset: &Dataset, before: &Value, after: &Value) -> Option<GrowthWording> {
    if comparability(&before.period, &after.period) == Comparability::Partial {
        return None;
    }
    let base = before.period;
    let base_kind = if after.period.previous_year() == Some(base) {
        if after.period.is_partial_year() {
            BaseKind::SamePeriodLastYear
        } else {
            BaseKind::PreviousYear
        }
    } else {
        BaseKind::Earlier
    };
    let scope_differs = before.scope_note != after.scope_note;
    let percent_unit = dataset
        .indicator(&after.indicator)
        .and_then(|i| dataset.unit(&i.unit))
        .is_some_and(|u| u.dimension == "percent");
    if percent_unit {
        return Some(GrowthWording::Points {
            points: (after.amount.0 - before.amount.0).round_dp(1).normalize(),
            base,
            base_kind,
        });
    }
    let pct = growth_percent(before.amount.0, after.amount.0)?;
    let ratio = after.amount.0.checked_div(before.amount.0)?;
    let multiple = match base_kind {
        BaseKind::Earlier => ratio >= Decimal::new(15, 1),
        _ => ratio >= Decimal::TWO,
    };
    Some(if multiple {
        GrowthWording::Multiple {
            times: ratio.round_dp(1).normalize(),
            base,
            base_kind,
            scope_differs,
        }
    } else {
        GrowthWording::Percent {
            pct: pct.round_dp(1).normalize(),
            base,
            base_kind,
            scope_differs,
        }
    })
}

impl GrowthWording {
    /// The wording in a language: "比上年增长83.1%", "同比增长8.7%", "是2012年的1.7倍" /
    /// "up 83.1 % on the year before", "1.7 times the figure of 2012".
    pub fn text(&self, lang: Lang) -> String {
        let abs = |d: &Decimal| d.abs().normalize().to_string();
        let scope = |differs: bool| match (differs, lang) {
            (false, _) => "",
            (true, Lang::Zh) => "(口径不同)",
            (true, Lang::En) => " (counted differently)",
        };
        let compared = |kind: BaseKind, base: &Period| match (kind, lang) {
            (BaseKind::SamePeriodLastYear, Lang::Zh) => "同比".to_string(),
            (BaseKind::PreviousYear, Lang::Zh) => "比上年".to_string(),
            (BaseKind::Earlier, Lang::Zh) => format!("比{}", base.label(lang)),
            (BaseKind::SamePeriodLastYear, Lang::En) => "year on year".to_string(),
            (BaseKind::PreviousYear, Lang::En) => "on the year before".to_string(),
            (BaseKind::Earlier, Lang::En) => format!("on {}", base.label(lang)),
        };
        match self {
            GrowthWording::Percent {
                pct,
                base,
                base_kind,
                scope_differs,
            } => {
                let falling = pct.is_sign_negative();
                match lang {
                    Lang::Zh => format!(
                        "{}{}{}%{}",
                        compared(*base_kind, base),
                        if falling { "下降" } else { "增长" },
                        abs(pct),
                        scope(*scope_differs)
                    ),
                    Lang::En => format!(
                        "{} {} % {}{}",
                        if falling { "down" } else { "up" },
                        abs(pct),
                        compared(*base_kind, base),
                        scope(*scope_differs)
                    ),
                }
            }
            GrowthWording::Multiple {
                times,
                base,
                base_kind,
                scope_differs,
            } => {
                let of = match (base_kind, lang) {
                    (BaseKind::PreviousYear, Lang::Zh) => "上年".to_string(),
                    (BaseKind::SamePeriodLastYear, Lang::Zh) => "上年同期".to_string(),
                    (_, Lang::Zh) => base.label(lang),
                    (BaseKind::PreviousYear, Lang::En) => "the year before".to_string(),
                    (BaseKind::SamePeriodLastYear, Lang::En) => {
                        "the same period a year earlier".to_string()
                    }
                    (_, Lang::En) => base.label(lang),
                };
                match lang {
                    Lang::Zh => format!("是{of}的{}倍{}", abs(times), scope(*scope_differs)),
                    Lang::En => format!(
                        "{} times the figure of {of}{}",
                        abs(times),
                        scope(*scope_differs)
                    ),
                }
            }
            GrowthWording::Points {
                points,
                base,
                base_kind,
            } => {
                let falling = points.is_sign_negative();
                match lang {
                    Lang::Zh => format!(
                        "{}{}{}个百分点",
                        compared(*base_kind, base),
                        if falling { "下降" } else { "提高" },
                        abs(points)
                    ),
                    Lang::En => format!(
                        "{} {} percentage points {}",
                        if falling { "down" } else { "up" },
                        abs(points),
                        compared(*base_kind, base)
                    ),
                }
            }
        }
    }
}
