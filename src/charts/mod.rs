//! Chart builders: data in, a `charming::Chart` plus the same data as a table out. Pure and
//! tested natively on the option JSON; the one chart component in `ui` renders the option.
//! `projects` draws the project ledger (groups, shares, rankings, plan completion) and `map`
//! the project map, whose option charming cannot express and which is built as raw JSON.
//!
//! Invariants: partial periods (a year to date, a quarter) are drawn in a lighter colour and
//! named as partial, so nobody reads 2016年1—9月 as a full year; no formatter is a JS function
//! (a strict CSP forbids `new Function`), so labels and tooltips use ECharts' templates and
//! text prepared here.

use crate::i18n::text;
use crate::model::{Dataset, Indicator, IndicatorKind, Lang, Period, RecordId};
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{AxisType, ItemStyle, LineStyle, LineStyleType, Tooltip, Trigger};
use charming::series::{Bar, Line};
use charming::Chart;
use rust_decimal::prelude::ToPrimitive;

pub mod map;
pub mod projects;

pub use map::RegisteredMap;

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
/// Values whose scope differs from their indicator's (the seed's 2013 subsidies add provincial
/// funds to the central budget) are drawn in amber, so the bar is not read as like with like.
pub const SCOPE_COLOUR: &str = "#d48806";

/// A chart and the same figures as a table (for screen readers and for copying).
#[derive(Debug, Clone)]
pub struct ChartSpec {
    pub title: String,
    pub body: ChartBody,
    pub table: ChartTable,
    /// GeoJSON maps the option names (a `geo` component's `map`); the component registers each
    /// with ECharts before it sets the option. Empty for every chart but the project map.
    pub maps: Vec<RegisteredMap>,
}

/// What ECharts draws: an option charming built, or one written as JSON because charming cannot
/// express it (a `geo` component on a registered map) or lacks a field it needs (a data item's
/// `id`). The chart is boxed: charming's `Chart` is several kilobytes.
#[derive(Debug, Clone)]
pub enum ChartBody {
    Charming(Box<Chart>),
    Raw(serde_json::Value),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartTable {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl ChartSpec {
    /// A chart charming built, with no maps to register.
    pub fn from_chart(title: impl Into<String>, chart: Chart, table: ChartTable) -> ChartSpec {
        ChartSpec {
            title: title.into(),
            body: ChartBody::Charming(Box::new(chart)),
            table,
            maps: Vec::new(),
        }
    }

    /// A chart whose option is JSON written here, with no maps to register.
    pub fn from_option(
        title: impl Into<String>,
        option: serde_json::Value,
        table: ChartTable,
    ) -> ChartSpec {
        ChartSpec {
            title: title.into(),
            body: ChartBody::Raw(option),
            table,
            maps: Vec::new(),
        }
    }

    /// The ECharts option as JSON text: the one way the component gets it. charming's chart
    /// goes through `serde_json::to_value`, as the charts that add ids to it do, not through its
    /// `Display` (pretty printed): one serializer's copy of charming's option types in the wasm,
    /// not two (about 40 KB gzip). The charts use no raw JavaScript, which only `Display` handles.
    pub fn option_json(&self) -> String {
        match &self.body {
            // Serializing charming's types cannot fail (string keys, no custom errors); should
            // it ever, an empty option draws nothing rather than taking the app down.
            ChartBody::Charming(chart) => serde_json::to_value(chart.as_ref())
                .unwrap_or(serde_json::Value::Null)
                .to_string(),
            ChartBody::Raw(option) => option.to_string(),
        }
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

/// The periods in order, with every full year between the first and the last year present:
/// a year the ledger lacks is a visible gap on the axis, never left out (five years must not
/// read as two adjacent points).
fn with_missing_years(mut periods: Vec<Period>) -> Vec<Period> {
    let years: Vec<i32> = periods
        .iter()
        .filter_map(|p| match p {
            Period::Year(y) => Some(*y),
            _ => None,
        })
        .collect();
    if let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) {
        periods.extend(
            (first..=last)
                .filter(|y| !years.contains(y))
                .map(Period::Year),
        );
    }
    crate::sorting::sort(&mut periods);
    periods.dedup();
    periods
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

fn point(amount: f64, colour: &str) -> DataPoint {
    DataPoint::Item(DataPointItem::new(amount).item_style(ItemStyle::new().color(colour)))
}

/// The colour of one value's mark: partial periods lighter, a differing scope amber.
fn colour_of(value: &crate::model::Value, base: &'static str) -> &'static str {
    if value.period.is_partial_year() {
        PARTIAL_COLOUR
    } else if !value.scope_note.is_empty() {
        SCOPE_COLOUR
    } else {
        base
    }
}

/// A figure in a chart's table as the bureau writes it: qualifier kept ("约6,000").
fn figure_of(value: &crate::model::Value, lang: Lang) -> String {
    crate::model::figure_text(value.amount, value.qualifier, lang)
}

/// What the table says beside a figure: partial period, differing scope.
fn remark_of(value: &crate::model::Value, lang: Lang) -> String {
    let mut remarks = Vec::new();
    if value.period.is_partial_year() {
        remarks.push(text(lang, "chart.partial_period").to_string());
    }
    if !value.scope_note.is_empty() {
        remarks.push(format!(
            "{}: {}",
            text(lang, "indicator.scope"),
            value.scope_note
        ));
    }
    remarks.join("; ")
}

/// The trend of one indicator over its periods, with its targets (if any) as a dashed line.
pub fn indicator_trend(
    dataset: &Dataset,
    indicator_id: &RecordId,
    style: ChartStyle,
    lang: Lang,
) -> Option<ChartSpec> {
    let indicator = dataset.indicator(indicator_id)?;
    let mut periods = trend_periods(dataset, indicator);
    let targets: Vec<&crate::model::Target> = indicator
        .targets
        .iter()
        .filter(|t| !matches!(t.period, Period::Span { .. } | Period::Cumulative { .. }))
        .collect();
    periods.extend(targets.iter().map(|t| t.period));
    periods = with_missing_years(periods);
    let unit = unit_symbol(dataset, indicator);
    let name = indicator_name(indicator, lang);
    let labels: Vec<String> = periods.iter().map(|p| period_label(p, lang)).collect();
    let missing = || DataPoint::Value("-".into());
    let mut rows = Vec::new();
    let mut points = Vec::new();
    let mut target_points = Vec::new();
    for period in &periods {
        let value = dataset.value_at(&indicator.id, period);
        let target = targets.iter().find(|t| t.period == *period);
        points.push(match value {
            Some(value) => point(
                value.amount.0.to_f64().unwrap_or(0.0),
                colour_of(value, FULL_COLOUR),
            ),
            None => missing(),
        });
        target_points.push(match target {
            Some(target) => DataPoint::Value(target.amount.0.to_f64().unwrap_or(0.0).into()),
            None => missing(),
        });
        let mut row = vec![
            period_label(period, lang),
            value.map(|v| figure_of(v, lang)).unwrap_or_default(),
        ];
        if !targets.is_empty() {
            row.push(target.map(|t| t.amount.canonical()).unwrap_or_default());
        }
        row.push(
            value
                .map(|v| remark_of(v, lang))
                .unwrap_or_else(|| text(lang, "chart.no_figure").to_string()),
        );
        rows.push(row);
    }
    let y_axis = Axis::new().type_(AxisType::Value).name(unit.clone());
    let x_axis = Axis::new().type_(AxisType::Category).data(labels);
    let mut chart = Chart::new()
        .title(Title::new().text(name.clone()))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left("12%").right("6%").bottom("12%"))
        .x_axis(x_axis)
        .y_axis(y_axis);
    chart = match style {
        ChartStyle::Line => chart.series(
            Line::new()
                .name(name.clone())
                // A missing year breaks the line: no figure is drawn where there is none.
                .connect_nulls(false)
                .item_style(ItemStyle::new().color(FULL_COLOUR))
                .line_style(LineStyle::new().color(FULL_COLOUR))
                .data(points),
        ),
        ChartStyle::Bar => chart.series(
            Bar::new()
                .name(name.clone())
                .item_style(ItemStyle::new().color(FULL_COLOUR))
                .data(points),
        ),
    };
    let mut columns = vec![
        text(lang, "table.period").to_string(),
        format!("{} ({unit})", text(lang, "table.value")),
    ];
    if !targets.is_empty() {
        chart = chart.legend(Legend::new().bottom(0)).series(
            Line::new()
                .name(text(lang, "indicator.target"))
                .connect_nulls(true)
                .item_style(ItemStyle::new().color(SECOND_COLOUR))
                .line_style(
                    LineStyle::new()
                        .color(SECOND_COLOUR)
                        .type_(LineStyleType::Dashed),
                )
                .data(target_points),
        );
        columns.push(format!("{} ({unit})", text(lang, "indicator.target")));
    }
    columns.push(text(lang, "table.remark").to_string());
    Some(ChartSpec::from_chart(
        name,
        chart,
        ChartTable { columns, rows },
    ))
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
    crate::sorting::sort(&mut periods);
    periods.dedup();
    let labels: Vec<String> = periods.iter().map(|p| period_label(p, lang)).collect();
    let bar_unit = unit_symbol(dataset, bar_indicator);
    let line_unit = unit_symbol(dataset, line_indicator);
    let bar_name = indicator_name(bar_indicator, lang);
    let line_name = indicator_name(line_indicator, lang);
    let series_points =
        |indicator: &Indicator, colour: &'static str| -> (Vec<DataPoint>, Vec<String>) {
            periods
                .iter()
                .map(|period| match dataset.value_at(&indicator.id, period) {
                    Some(v) => (
                        point(v.amount.0.to_f64().unwrap_or(0.0), colour_of(v, colour)),
                        figure_of(v, lang),
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
    Some(ChartSpec::from_chart(
        title,
        chart,
        ChartTable {
            columns: vec![
                text(lang, "table.period").to_string(),
                format!("{bar_name} ({bar_unit})"),
                format!("{line_name} ({line_unit})"),
            ],
            rows,
        },
    ))
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
    crate::sorting::sort_by(&mut ranked, |a, b| {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Dataset {
        crate::sample::lucheng_for_tests()
    }

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).expect("id")
    }

    fn option(spec: &ChartSpec) -> serde_json::Value {
        serde_json::from_str(&spec.option_json()).expect("option is JSON")
    }

    /// charming writes a single axis as an object and several as an array.
    fn first_axis(axes: &serde_json::Value) -> &serde_json::Value {
        if axes.is_array() {
            &axes[0]
        } else {
            axes
        }
    }

    #[test]
    fn a_year_to_date_point_is_drawn_lighter_and_named_partial() {
        let dataset = sample();
        let spec = indicator_trend(
            &dataset,
            &id("ind-service-value-added"),
            ChartStyle::Line,
            Lang::Zh,
        )
        .expect("chart");
        let json = option(&spec);
        let labels = first_axis(&json["xAxis"])["data"]
            .as_array()
            .expect("categories");
        // 2012, the gap years 2013 and 2014, 2015, then Jan–Sep 2016.
        assert_eq!(labels.len(), 5);
        assert_eq!(labels[4], "2016年1—9月(不完整期间)");
        let data = json["series"][0]["data"].as_array().expect("data");
        assert_eq!(data[0]["itemStyle"]["color"], FULL_COLOUR);
        assert_eq!(data[4]["itemStyle"]["color"], PARTIAL_COLOUR);
        assert_eq!(data[4]["value"], 464.2);
        assert_eq!(spec.table.rows[4][1], "464.2");
        assert!(spec.table.rows[4][2].contains("不完整"));
    }

    #[test]
    fn the_table_view_keeps_a_figures_qualifier_and_separators() {
        let dataset = sample();
        let spec = indicator_trend(
            &dataset,
            &id("ind-central-subsidy"),
            ChartStyle::Bar,
            Lang::Zh,
        )
        .expect("chart");
        let row = spec
            .table
            .rows
            .iter()
            .find(|r| r[0].starts_with("2014"))
            .expect("2014");
        assert_eq!(row[1], "约2,980");
        let english = indicator_trend(
            &dataset,
            &id("ind-central-subsidy"),
            ChartStyle::Bar,
            Lang::En,
        )
        .expect("chart");
        let row = english
            .table
            .rows
            .iter()
            .find(|r| r[0].starts_with("2014"))
            .expect("2014");
        assert_eq!(row[1], "~2,980");
    }

    #[test]
    fn a_value_whose_scope_differs_is_marked_in_chart_and_table() {
        let dataset = sample();
        let spec = indicator_trend(
            &dataset,
            &id("ind-central-subsidy"),
            ChartStyle::Bar,
            Lang::Zh,
        )
        .expect("chart");
        let json = option(&spec);
        assert_eq!(json["series"][0]["type"], "bar");
        let data = json["series"][0]["data"].as_array().expect("data");
        assert_eq!(data.len(), 5);
        assert_eq!(
            data[1]["itemStyle"]["color"], SCOPE_COLOUR,
            "2013 adds provincial funds"
        );
        assert_eq!(data[0]["itemStyle"]["color"], FULL_COLOUR);
        assert!(spec.table.rows[1][2].starts_with("口径"));
    }

    #[test]
    fn multi_year_totals_are_left_out_of_a_flow_trend() {
        let dataset = sample();
        let spec = indicator_trend(&dataset, &id("ind-fai-total"), ChartStyle::Line, Lang::En)
            .expect("chart");
        let json = option(&spec);
        // Every year of the range is on the axis: the three the ledger lacks are gaps, and the
        // line is broken there rather than joining 2012 straight to 2016.
        assert_eq!(
            first_axis(&json["xAxis"])["data"],
            serde_json::json!(["2012", "2013", "2014", "2015", "2016"])
        );
        assert_eq!(json["series"][0]["type"], "line");
        assert_eq!(json["series"][0]["connectNulls"], false);
        let data = json["series"][0]["data"].as_array().expect("data");
        assert_eq!(data[1], "-");
        assert_eq!(data[3], "-");
        assert_eq!(data[4]["value"], 370.0);
        assert_eq!(spec.table.columns[0], "Period");
        assert_eq!(spec.table.rows[2][1], "");
        assert_eq!(spec.table.rows[2][2], "no figure in the ledger");
    }

    #[test]
    fn targets_are_a_dashed_second_line_and_a_table_column() {
        let dataset = sample();
        let with_target = dataset
            .indicators()
            .find(|i| {
                i.targets
                    .iter()
                    .any(|t| matches!(t.period, Period::Year(_)))
            })
            .expect("the sample has a yearly target (e.g. 17 plans published in 2016)");
        let spec =
            indicator_trend(&dataset, &with_target.id, ChartStyle::Bar, Lang::Zh).expect("chart");
        let json = option(&spec);
        let series = json["series"].as_array().expect("series");
        assert_eq!(series.len(), 2);
        assert_eq!(series[1]["lineStyle"]["type"], "dashed");
        assert_eq!(spec.table.columns.len(), 4);
        assert!(spec.table.columns[2].starts_with("目标"));
        let target = with_target
            .targets
            .iter()
            .find(|t| matches!(t.period, Period::Year(_)))
            .expect("target");
        let label = period_label(&target.period, Lang::Zh);
        let row = spec
            .table
            .rows
            .iter()
            .find(|r| r[0] == label)
            .expect("target row");
        assert_eq!(row[2], target.amount.canonical());
    }

    #[test]
    fn no_formatter_is_a_javascript_function() {
        let dataset = sample();
        for indicator in dataset.indicators() {
            for style in [ChartStyle::Line, ChartStyle::Bar] {
                if let Some(spec) = indicator_trend(&dataset, &indicator.id, style, Lang::Zh) {
                    let text = spec.option_json();
                    assert!(!text.contains("function"), "{}", indicator.name);
                }
            }
        }
    }

    #[test]
    fn the_dashboard_shows_the_indicators_with_the_longest_runs_of_years() {
        let dataset = sample();
        let chosen = dashboard_indicators(&dataset, 4);
        assert_eq!(chosen.len(), 4);
        for indicator in &chosen {
            let years = dataset
                .values_of(indicator)
                .iter()
                .filter(|v| matches!(v.period, Period::Year(_)))
                .count();
            assert_eq!(years, 5, "{indicator}");
        }
        assert_eq!(chosen[0], id("ind-central-subsidy"));
    }

    #[test]
    fn a_pair_chart_puts_the_second_indicator_on_its_own_axis() {
        let dataset = sample();
        let spec = pair_by_year(
            &dataset,
            &id("ind-key-projects-count"),
            &id("ind-key-projects-planned-investment"),
            Lang::Zh,
        )
        .expect("chart");
        let json = option(&spec);
        assert_eq!(json["yAxis"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["series"][1]["yAxisIndex"], 1.0);
        assert_eq!(spec.table.rows.len(), 5);
        assert_eq!(spec.table.rows[0], vec!["2012年", "42", "81.72"]);
    }
}
