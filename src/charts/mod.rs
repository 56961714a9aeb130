//! Chart builders: data in, a `charming::Chart` plus the same data as a table out. Pure and
//! tested natively on the option JSON; the one chart component in `ui` renders the option.
//!
//! Invariants: partial periods (a year to date, a quarter) are drawn in a lighter colour and
//! named as partial, so nobody reads 2016年1—9月 as a full year; no formatter is a JS function
//! (a strict CSP forbids `new Function`), so labels and tooltips use ECharts' templates and
//! text prepared here.

use crate::i18n::text;
use crate::model::{Dataset, Indicator, IndicatorKind, Lang, Period, RecordId};
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use rust_decimal::prelude::ToPrimitive;

/// Line or bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartStyle {
    #[default]
    Line,
    Bar,
}

/// The colour of full periods and of partial ones.
pub const FULL_COLOUR: &str = "#c23531";
pub const PARTIAL_COLOUR: &str = "#e8a9a7";
pub const SECOND_COLOUR: &str = "#2f4554";

/// A chart and the same figures as a table (for screen readers and for copying).
#[derive(Debug, Clone)]
pub struct ChartSpec {
    pub title: String,
    pub chart: Chart,
    pub table: ChartTable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl ChartSpec {
    /// The ECharts option as JSON text.
    pub fn option_json(&self) -> String {
        self.chart.to_string()
    }
}

/// The periods a trend of this indicator draws: single periods (years, parts of years,
/// dates), not multi-year totals, which would dwarf them.
fn trend_periods(dataset: &Dataset, indicator: &Indicator) -> Vec<Period> {
    dataset
        .values_of(&indicator.id)
        .into_iter()
        .map(|v| v.period)
        .filter(|p| match indicator.kind {
            IndicatorKind::Flow => !matches!(p, Period::Span { .. } | Period::Cumulative { .. }),
            IndicatorKind::Stock => true,
        })
        .collect()
}

fn unit_symbol(dataset: &Dataset, indicator: &Indicator) -> String {
    dataset
        .unit(&indicator.unit)
        .map(|u| u.symbol.clone())
        .unwrap_or_default()
}

fn indicator_name(indicator: &Indicator, lang: Lang) -> String {
    match lang {
        Lang::En if !indicator.name_en.is_empty() => indicator.name_en.clone(),
        _ => indicator.name.clone(),
    }
}

fn period_label(period: &Period, lang: Lang) -> String {
    if period.is_partial_year() {
        format!("{}{}", period.label(lang), text(lang, "chart.partial"))
    } else {
        period.label(lang)
    }
}

fn point(amount: f64, partial: bool, colour: &str) -> DataPoint {
    let colour = if partial { PARTIAL_COLOUR } else { colour };
    DataPoint::Item(DataPointItem::new(amount).item_style(ItemStyle::new().color(colour)))
}

/// The trend of one indicator over its periods.
pub fn indicator_trend(
    dataset: &Dataset,
    indicator_id: &RecordId,
    style: ChartStyle,
    lang: Lang,
) -> Option<ChartSpec> {
    let indicator = dataset.indicator(indicator_id)?;
    let periods = trend_periods(dataset, indicator);
    let unit = unit_symbol(dataset, indicator);
    let name = indicator_name(indicator, lang);
    let labels: Vec<String> = periods.iter().map(|p| period_label(p, lang)).collect();
    let mut rows = Vec::new();
    let mut points = Vec::new();
    for period in &periods {
        let Some(value) = dataset.value_at(&indicator.id, period) else {
            continue;
        };
        let amount = value.amount.0.to_f64().unwrap_or(0.0);
        points.push(point(amount, period.is_partial_year(), FULL_COLOUR));
        rows.push(vec![period_label(period, lang), value.amount.canonical()]);
    }
    let y_axis = Axis::new().type_(AxisType::Value).name(unit.clone());
    let x_axis = Axis::new().type_(AxisType::Category).data(labels);
    let mut chart = Chart::new()
        .title(Title::new().text(name.clone()).subtext(unit.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("12%").right("6%").bottom("12%"))
        .x_axis(x_axis)
        .y_axis(y_axis);
    chart = match style {
        ChartStyle::Line => chart.series(Line::new().name(name.clone()).data(points)),
        ChartStyle::Bar => chart.series(Bar::new().name(name.clone()).data(points)),
    };
    Some(ChartSpec {
        title: name,
        chart,
        table: ChartTable {
            columns: vec![
                text(lang, "table.period").to_string(),
                format!("{} ({unit})", text(lang, "table.value")),
            ],
            rows,
        },
    })
}

/// Two indicators over the same years, bars for the first and a line on a second axis for
/// the second (e.g. key projects: count and planned investment).
pub fn pair_by_year(
    dataset: &Dataset,
    bars: &RecordId,
    line: &RecordId,
    lang: Lang,
) -> Option<ChartSpec> {
    let bar_indicator = dataset.indicator(bars)?;
    let line_indicator = dataset.indicator(line)?;
    let mut periods = trend_periods(dataset, bar_indicator);
    periods.extend(trend_periods(dataset, line_indicator));
    periods.sort();
    periods.dedup();
    let labels: Vec<String> = periods.iter().map(|p| period_label(p, lang)).collect();
    let bar_unit = unit_symbol(dataset, bar_indicator);
    let line_unit = unit_symbol(dataset, line_indicator);
    let bar_name = indicator_name(bar_indicator, lang);
    let line_name = indicator_name(line_indicator, lang);
    let series_points = |indicator: &Indicator, colour: &str| -> (Vec<DataPoint>, Vec<String>) {
        periods
            .iter()
            .map(|period| match dataset.value_at(&indicator.id, period) {
                Some(v) => (
                    point(
                        v.amount.0.to_f64().unwrap_or(0.0),
                        period.is_partial_year(),
                        colour,
                    ),
                    v.amount.canonical(),
                ),
                None => (DataPoint::Value("-".into()), String::new()),
            })
            .unzip()
    };
    let (bar_points, bar_cells) = series_points(bar_indicator, SECOND_COLOUR);
    let (line_points, line_cells) = series_points(line_indicator, FULL_COLOUR);
    let title = format!("{bar_name} / {line_name}");
    let chart = Chart::new()
        .title(Title::new().text(title.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left("12%").right("12%").bottom("18%"))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels.clone()))
        .y_axis(Axis::new().type_(AxisType::Value).name(bar_unit.clone()))
        .y_axis(Axis::new().type_(AxisType::Value).name(line_unit.clone()))
        .series(Bar::new().name(bar_name.clone()).data(bar_points))
        .series(
            Line::new()
                .name(line_name.clone())
                .y_axis_index(1)
                .data(line_points),
        );
    let rows = labels
        .into_iter()
        .zip(bar_cells.into_iter().zip(line_cells))
        .map(|(label, (bar, line))| vec![label, bar, line])
        .collect();
    Some(ChartSpec {
        title,
        chart,
        table: ChartTable {
            columns: vec![
                text(lang, "table.period").to_string(),
                format!("{bar_name} ({bar_unit})"),
                format!("{line_name} ({line_unit})"),
            ],
            rows,
        },
    })
}

/// The indicators worth a chart on the dashboard: those with the most full-year values
/// (at least two), in area and indicator order among equals.
pub fn dashboard_indicators(dataset: &Dataset, how_many: usize) -> Vec<RecordId> {
    let mut ranked: Vec<(usize, usize, &Indicator)> = Vec::new();
    for (area_rank, area) in dataset.areas().into_iter().enumerate() {
        for indicator in dataset.indicators_in(&area.id) {
            let years = dataset
                .values_of(&indicator.id)
                .iter()
                .filter(|v| matches!(v.period, Period::Year(_)))
                .count();
            if years >= 2 {
                ranked.push((years, area_rank, indicator));
            }
        }
    }
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.order.cmp(&b.2.order))
    });
    ranked
        .into_iter()
        .take(how_many)
        .map(|(_, _, i)| i.id.clone())
        .collect()
}
