//! Charts of the project ledger: projects per group (class, level, status, street, year) with
//! their investment, shares, a stacked plan by year, a top-ten ranking and plan completion.
//!
//! Every builder takes its words (title, axis names) from the page, which owns the i18n table,
//! and hard-codes none. Invariants: every bar or slice carries what a click needs to open the
//! matching project list — the group's key or the project's id as the data item's `id` (charming
//! has no such field, so it is added to the JSON charming made); tooltips and labels are
//! ECharts template strings, never JS functions (the CSP forbids `new Function`); each chart
//! comes with the same figures as a table.

use super::{ChartSpec, ChartTable, FULL_COLOUR, SECOND_COLOUR};
use crate::model::Lang;
use charming::component::{Axis, Grid, Legend, Title};
use charming::datatype::{DataPoint, DataPointItem};
use charming::element::{
    AxisType, ItemStyle, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Pie};
use charming::Chart;
use serde_json::Value;

/// One group of projects (a class, level, status, street or year).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The filter value the project list opens with when this group is clicked.
    pub key: String,
    pub label: String,
    pub count: usize,
    /// Total investment of the group's projects, 万元.
    pub investment_wan: f64,
}

/// The words a project chart shows besides its title. The page takes them from the i18n table;
/// they name the axes and head the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AxisNames<'a> {
    /// What the categories are (类别, 街道, 年度, 项目): the category axis and the first column.
    pub category: &'a str,
    /// The value (项目数, 计划投资, 完成率 (%)): the value axis, its series and its column.
    pub value: &'a str,
    /// The second value where a chart has one (总投资 (亿元)); `count_and_investment_bar` and
    /// `share_pie` use it for the investment, the others ignore it.
    pub second_value: &'a str,
}

/// The colours of stacked series, in order (ECharts' default palette, which people know).
pub const SERIES_COLOURS: [&str; 9] = [
    "#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4",
    "#ea7ccc",
];

/// How many projects a ranking shows.
pub const RANKING_LENGTH: usize = 10;

/// Project names longer than this are shortened on the ranking's axis (the tooltip and the
/// table keep the whole name).
const AXIS_NAME_CHARS: usize = 14;

/// 万元 per 亿元.
const WAN_PER_YI: f64 = 10_000.0;

/// Chinese text puts a full-width colon after a name, English a colon and a space.
fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// A number and its unit as each language writes them: "3.5亿元", "3.5 亿元".
fn with_unit(number: &str, unit: &str, lang: Lang) -> String {
    match (unit.is_empty(), lang) {
        (true, _) => number.to_string(),
        (false, Lang::Zh) => format!("{number}{unit}"),
        (false, Lang::En) => format!("{number} {unit}"),
    }
}

/// A column heading with its unit: "计划投资 (万元)".
fn heading(name: &str, unit: &str) -> String {
    if unit.is_empty() {
        name.to_string()
    } else {
        format!("{name} ({unit})")
    }
}

/// Rounded to `decimals` places; a value that is not finite (a page's division by zero) is 0,
/// so no chart shows NaN.
fn rounded(value: f64, decimals: i32) -> f64 {
    if !value.is_finite() {
        return 0.0;
    }
    let scale = 10f64.powi(decimals);
    let result = (value * scale).round() / scale;
    // -0.0 prints as "-0".
    if result == 0.0 {
        0.0
    } else {
        result
    }
}

/// A figure as table text: 亿元 to four places (one 万元), shortest form ("3", "81.72").
fn number_text(value: f64) -> String {
    rounded(value, 4).to_string()
}

fn wan_to_yi(investment_wan: f64) -> f64 {
    rounded(investment_wan / WAN_PER_YI, 4)
}

/// A bar or slice with its shown name and, optionally, its own colour.
fn item(value: f64, name: &str, colour: Option<&str>) -> DataPoint {
    let mut item = DataPointItem::new(value).name(name);
    if let Some(colour) = colour {
        item = item.item_style(ItemStyle::new().color(colour));
    }
    DataPoint::Item(item)
}

/// The option JSON charming made, with each data item's `id` set: `ids[s][i]` for item `i` of
/// series `s`. charming's data items have no `id`; the chart component hands a clicked item's
/// `id` to the page, which opens the matching list with it.
fn option_with_ids(chart: &Chart, ids: &[&[String]]) -> Value {
    // Serializing charming's types cannot fail (string keys, no custom errors); should it ever,
    // an empty option draws nothing rather than taking the app down.
    let mut option = serde_json::to_value(chart).unwrap_or(Value::Null);
    let Some(series) = option.get_mut("series").and_then(Value::as_array_mut) else {
        return option;
    };
    for (series, ids) in series.iter_mut().zip(ids) {
        let Some(data) = series.get_mut("data").and_then(Value::as_array_mut) else {
            continue;
        };
        for (data_item, id) in data.iter_mut().zip(ids.iter()) {
            match data_item {
                Value::Object(fields) => {
                    fields.insert("id".into(), Value::String(id.clone()));
                }
                plain => {
                    *plain = serde_json::json!({ "value": plain.clone(), "id": id });
                }
            }
        }
    }
    option
}

fn title(text: &str) -> Title {
    Title::new().text(text)
}

/// Project count (bars on the left axis) and total investment in 亿元 (bars on the right axis)
/// per group. `names.value` names the count, `names.second_value` the investment (with its
/// unit, e.g. "总投资 (亿元)"). Clicking a bar gives the group's key.
pub fn count_and_investment_bar(
    title_text: &str,
    rows: &[GroupRow],
    names: AxisNames,
    lang: Lang,
) -> ChartSpec {
    let labels: Vec<String> = rows.iter().map(|row| row.label.clone()).collect();
    let keys: Vec<String> = rows.iter().map(|row| row.key.clone()).collect();
    let counts: Vec<DataPoint> = rows
        .iter()
        .map(|row| item(row.count as f64, &row.label, None))
        .collect();
    let investments: Vec<DataPoint> = rows
        .iter()
        .map(|row| item(wan_to_yi(row.investment_wan), &row.label, None))
        .collect();
    let chart = Chart::new()
        .title(title(title_text))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter(format!("{{b}}<br/>{{a}}{}{{c}}", colon(lang)).as_str()),
        )
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left("10%").right("10%").bottom("18%"))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(names.category)
                .data(labels),
        )
        .y_axis(
            Axis::new()
                .type_(AxisType::Value)
                .name(names.value)
                .min_interval(1),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(names.second_value))
        .series(
            Bar::new()
                .name(names.value)
                .item_style(ItemStyle::new().color(SECOND_COLOUR))
                .data(counts),
        )
        .series(
            Bar::new()
                .name(names.second_value)
                .y_axis_index(1)
                .item_style(ItemStyle::new().color(FULL_COLOUR))
                .data(investments),
        );
    let table_rows = rows
        .iter()
        .map(|row| {
            vec![
                row.label.clone(),
                row.count.to_string(),
                number_text(wan_to_yi(row.investment_wan)),
            ]
        })
        .collect();
    ChartSpec::from_option(
        title_text,
        option_with_ids(&chart, &[&keys, &keys]),
        ChartTable {
            columns: vec![
                names.category.to_string(),
                names.value.to_string(),
                names.second_value.to_string(),
            ],
            rows: table_rows,
        },
    )
}

/// Each group's share of the total investment (in 亿元), or of the project count when no group
/// has a known investment. Groups with nothing to share are left out of the pie but kept in the
/// table. `names` as for `count_and_investment_bar`. Clicking a slice gives the group's key.
pub fn share_pie(title_text: &str, rows: &[GroupRow], names: AxisNames, lang: Lang) -> ChartSpec {
    let by_investment = rows
        .iter()
        .any(|row| row.investment_wan.is_finite() && row.investment_wan > 0.0);
    let measure = |row: &GroupRow| -> f64 {
        if by_investment {
            wan_to_yi(row.investment_wan).max(0.0)
        } else {
            row.count as f64
        }
    };
    let total: f64 = rows.iter().map(measure).sum();
    let shown: Vec<&GroupRow> = rows.iter().filter(|row| measure(row) > 0.0).collect();
    let keys: Vec<String> = shown.iter().map(|row| row.key.clone()).collect();
    let slices: Vec<DataPoint> = shown
        .iter()
        .enumerate()
        .map(|(index, row)| {
            item(
                measure(row),
                &row.label,
                Some(SERIES_COLOURS[index % SERIES_COLOURS.len()]),
            )
        })
        .collect();
    let measure_name = if by_investment {
        names.second_value
    } else {
        names.value
    };
    let chart = Chart::new()
        .title(title(title_text))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter(format!("{{a}}<br/>{{b}}{}{{c}} ({{d}}%)", colon(lang)).as_str()),
        )
        .legend(Legend::new().bottom(0))
        .series(
            Pie::new()
                .name(measure_name)
                .radius(vec!["30%", "62%"])
                .label(
                    Label::new()
                        .show(true)
                        .formatter(format!("{{b}}{}{{d}}%", colon(lang)).as_str()),
                )
                .data(slices),
        );
    let table_rows = rows
        .iter()
        .map(|row| {
            let share = if total > 0.0 {
                format!("{}%", rounded(measure(row) / total * 100.0, 1))
            } else {
                String::new()
            };
            vec![
                row.label.clone(),
                row.count.to_string(),
                number_text(wan_to_yi(row.investment_wan)),
                share,
            ]
        })
        .collect();
    ChartSpec::from_option(
        title_text,
        option_with_ids(&chart, &[&keys]),
        ChartTable {
            columns: vec![
                names.category.to_string(),
                names.value.to_string(),
                names.second_value.to_string(),
                "%".to_string(),
            ],
            rows: table_rows,
        },
    )
}

/// "category, series: value unit" on hover over one item (a template: the CSP forbids functions).
fn item_tooltip(unit: &str, lang: Lang) -> Tooltip {
    Tooltip::new().trigger(Trigger::Item).formatter(
        format!(
            "{{b}}<br/>{{a}}{}{}",
            colon(lang),
            with_unit("{c}", unit, lang)
        )
        .as_str(),
    )
}

/// Values per category stacked by series, e.g. planned investment by year stacked by class.
/// A series shorter than `categories` has no bar for the missing ones. The value axis is named
/// by `unit`; clicking a segment gives its category (the data item's name).
pub fn stacked_bar(
    title_text: &str,
    categories: &[String],
    series: &[(String, Vec<f64>)],
    names: AxisNames,
    unit: &str,
    lang: Lang,
) -> ChartSpec {
    let mut chart = Chart::new()
        .title(title(title_text))
        .tooltip(item_tooltip(unit, lang))
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left("10%").right("6%").bottom("18%"))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(names.category)
                .data(categories.to_vec()),
        )
        .y_axis(Axis::new().type_(AxisType::Value).name(unit));
    for (index, (name, values)) in series.iter().enumerate() {
        let colour = SERIES_COLOURS[index % SERIES_COLOURS.len()];
        let points: Vec<DataPoint> = categories
            .iter()
            .enumerate()
            .map(|(position, category)| match values.get(position) {
                Some(value) => item(rounded(*value, 4), category, None),
                None => DataPoint::Value("-".into()),
            })
            .collect();
        chart = chart.series(
            Bar::new()
                .name(name.as_str())
                .stack("total")
                .item_style(ItemStyle::new().color(colour))
                .data(points),
        );
    }
    let mut columns = vec![names.category.to_string()];
    columns.extend(series.iter().map(|(name, _)| heading(name, unit)));
    let rows = categories
        .iter()
        .enumerate()
        .map(|(position, category)| {
            let mut row = vec![category.clone()];
            row.extend(series.iter().map(|(_, values)| {
                values
                    .get(position)
                    .map(|value| number_text(*value))
                    .unwrap_or_default()
            }));
            row
        })
        .collect();
    let option = serde_json::to_value(&chart).unwrap_or(Value::Null);
    ChartSpec::from_option(title_text, option, ChartTable { columns, rows })
}

/// A name short enough for an axis label.
fn shortened(name: &str) -> String {
    if name.chars().count() <= AXIS_NAME_CHARS {
        name.to_string()
    } else {
        let mut short: String = name.chars().take(AXIS_NAME_CHARS - 1).collect();
        short.push('…');
        short
    }
}

/// The ten largest values as horizontal bars, the largest on top (equal values in name order).
/// `rows` are (project id, project name, value); `names.category` heads the project column,
/// `names.value` the value (with `unit`). Clicking a bar gives the project's id.
pub fn ranking(
    title_text: &str,
    rows: &[(String, String, f64)],
    names: AxisNames,
    unit: &str,
    lang: Lang,
) -> ChartSpec {
    let mut ranked: Vec<&(String, String, f64)> = rows
        .iter()
        .filter(|(_, _, value)| value.is_finite())
        .collect();
    crate::sorting::sort_by(&mut ranked, |a, b| {
        b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1))
    });
    ranked.truncate(RANKING_LENGTH);
    let ids: Vec<String> = ranked.iter().map(|(id, _, _)| id.clone()).collect();
    let axis_labels: Vec<String> = ranked.iter().map(|(_, name, _)| shortened(name)).collect();
    let bars: Vec<DataPoint> = ranked
        .iter()
        .map(|(_, name, value)| item(rounded(*value, 4), name, None))
        .collect();
    let chart = Chart::new()
        .title(title(title_text))
        .tooltip(item_tooltip(unit, lang))
        .grid(Grid::new().left("28%").right("12%").bottom("8%"))
        .x_axis(Axis::new().type_(AxisType::Value).name(unit))
        .y_axis(
            Axis::new()
                .type_(AxisType::Category)
                .inverse(true)
                .data(axis_labels),
        )
        .series(
            Bar::new()
                .name(names.value)
                .item_style(ItemStyle::new().color(SECOND_COLOUR))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Right)
                        .formatter("{c}"),
                )
                .data(bars),
        );
    let table_rows = ranked
        .iter()
        .map(|(_, name, value)| vec![name.clone(), number_text(*value)])
        .collect();
    ChartSpec::from_option(
        title_text,
        option_with_ids(&chart, &[&ids]),
        ChartTable {
            columns: vec![names.category.to_string(), heading(names.value, unit)],
            rows: table_rows,
        },
    )
}

/// The plan completion rate (%) per group, with a dashed line at 100 %. `rows` are (group key,
/// label, rate in percent); `names.value` names the rate axis. Clicking a bar gives the key.
pub fn completion_rate_bar(
    title_text: &str,
    rows: &[(String, String, f64)],
    names: AxisNames,
    lang: Lang,
) -> ChartSpec {
    let keys: Vec<String> = rows.iter().map(|(key, _, _)| key.clone()).collect();
    let labels: Vec<String> = rows.iter().map(|(_, label, _)| label.clone()).collect();
    let bars: Vec<DataPoint> = rows
        .iter()
        .map(|(_, label, rate)| item(rounded(*rate, 1), label, None))
        .collect();
    let full_plan = MarkLine::new()
        .silent(true)
        .symbol(vec![Symbol::None, Symbol::None])
        .line_style(
            LineStyle::new()
                .color(FULL_COLOUR)
                .type_(LineStyleType::Dashed),
        )
        .label(Label::new().show(true).formatter("100%"))
        .data(vec![MarkLineVariant::Simple(
            MarkLineData::new().y_axis(100),
        )]);
    // ECharts does not stretch an axis to reach a mark line: while no group is over plan, the
    // axis is fixed a little above 100 so the line and its label show.
    let mut rate_axis = Axis::new().type_(AxisType::Value).name(names.value);
    let highest = rows
        .iter()
        .map(|(_, _, rate)| rounded(*rate, 1))
        .fold(0.0, f64::max);
    if highest <= 100.0 {
        rate_axis = rate_axis.max(120);
    }
    let chart = Chart::new()
        .title(title(title_text))
        .tooltip(
            Tooltip::new()
                .trigger(Trigger::Item)
                .formatter(format!("{{b}}<br/>{{a}}{}{{c}}%", colon(lang)).as_str()),
        )
        .grid(Grid::new().left("10%").right("8%").bottom("12%"))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .name(names.category)
                .data(labels),
        )
        .y_axis(rate_axis)
        .series(
            Bar::new()
                .name(names.value)
                .item_style(ItemStyle::new().color(SECOND_COLOUR))
                .label(
                    Label::new()
                        .show(true)
                        .position(LabelPosition::Top)
                        .formatter("{c}%"),
                )
                .mark_line(full_plan)
                .data(bars),
        );
    let table_rows = rows
        .iter()
        .map(|(_, label, rate)| vec![label.clone(), format!("{}%", rounded(*rate, 1))])
        .collect();
    ChartSpec::from_option(
        title_text,
        option_with_ids(&chart, &[&keys]),
        ChartTable {
            columns: vec![names.category.to_string(), names.value.to_string()],
            rows: table_rows,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(spec: &ChartSpec) -> Value {
        serde_json::from_str(&spec.option_json()).expect("option is JSON")
    }

    /// charming writes a single axis as an object and several as an array.
    fn axis(axes: &Value, index: usize) -> &Value {
        if axes.is_array() {
            &axes[index]
        } else {
            axes
        }
    }

    fn group(key: &str, label: &str, count: usize, investment_wan: f64) -> GroupRow {
        GroupRow {
            key: key.into(),
            label: label.into(),
            count,
            investment_wan,
        }
    }

    fn classes() -> Vec<GroupRow> {
        vec![
            group("重点建设", "重点建设", 42, 817_200.0),
            group("重大前期", "重大前期", 17, 250_000.0),
            group("PPP", "PPP", 3, 0.0),
        ]
    }

    const NAMES: AxisNames<'static> = AxisNames {
        category: "类别",
        value: "项目数",
        second_value: "总投资 (亿元)",
    };

    #[test]
    fn counts_and_investment_in_yi_sit_on_two_axes_and_each_bar_carries_its_group_key() {
        let spec = count_and_investment_bar("项目类别", &classes(), NAMES, Lang::Zh);
        let json = option(&spec);
        assert_eq!(json["yAxis"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["yAxis"][1]["name"], "总投资 (亿元)");
        let series = json["series"].as_array().expect("series");
        assert_eq!(series.len(), 2);
        assert_eq!(series[0]["type"], "bar");
        assert_eq!(series[1]["yAxisIndex"], 1.0);
        assert_eq!(series[0]["data"][0]["value"], 42.0);
        assert_eq!(
            series[1]["data"][0]["value"], 81.72,
            "817200 万元 = 81.72 亿元"
        );
        assert_eq!(series[1]["data"][1]["id"], "重大前期");
        assert_eq!(series[0]["data"][2]["id"], "PPP");
        assert_eq!(series[0]["data"][2]["name"], "PPP");
        assert_eq!(spec.table.columns, vec!["类别", "项目数", "总投资 (亿元)"]);
        assert_eq!(spec.table.rows[0], vec!["重点建设", "42", "81.72"]);
        assert_eq!(spec.table.rows[2], vec!["PPP", "3", "0"]);
    }

    #[test]
    fn a_group_key_differs_from_its_label_and_the_click_gets_the_key() {
        let rows = vec![group("newly_started", "新开工", 5, 1000.0)];
        let spec = count_and_investment_bar("按状态", &rows, NAMES, Lang::Zh);
        let json = option(&spec);
        assert_eq!(axis(&json["xAxis"], 0)["data"][0], "新开工");
        assert_eq!(json["series"][0]["data"][0]["name"], "新开工");
        assert_eq!(json["series"][0]["data"][0]["id"], "newly_started");
    }

    #[test]
    fn the_pie_shares_investment_and_leaves_out_groups_without_any() {
        let spec = share_pie("投资构成", &classes(), NAMES, Lang::Zh);
        let json = option(&spec);
        let series = &json["series"][0];
        assert_eq!(series["type"], "pie");
        assert_eq!(series["name"], "总投资 (亿元)");
        let data = series["data"].as_array().expect("data");
        assert_eq!(data.len(), 2, "PPP has no investment and no slice");
        assert_eq!(data[1]["id"], "重大前期");
        assert_eq!(data[1]["value"], 25.0);
        assert_eq!(spec.table.columns.len(), 4);
        assert_eq!(spec.table.rows[0][3], "76.6%");
        assert_eq!(spec.table.rows[2], vec!["PPP", "3", "0", "0%"]);
    }

    #[test]
    fn the_pie_shares_the_count_when_no_investment_is_known() {
        let rows = vec![group("a", "甲", 3, 0.0), group("b", "乙", 1, 0.0)];
        let spec = share_pie("项目构成", &rows, NAMES, Lang::En);
        let json = option(&spec);
        assert_eq!(json["series"][0]["name"], "项目数");
        assert_eq!(json["series"][0]["data"][0]["value"], 3.0);
        assert_eq!(json["series"][0]["data"][1]["id"], "b");
        assert_eq!(spec.table.rows[0][3], "75%");
        assert_eq!(json["series"][0]["label"]["formatter"], "{b}: {d}%");
    }

    #[test]
    fn stacked_bars_share_one_stack_and_a_short_series_has_a_gap() {
        let categories = vec!["2015".to_string(), "2016".to_string()];
        let series = vec![
            ("重点建设".to_string(), vec![120.5, 130.0]),
            ("PPP".to_string(), vec![20.0]),
        ];
        let names = AxisNames {
            category: "年度",
            ..NAMES
        };
        let spec = stacked_bar("计划投资", &categories, &series, names, "万元", Lang::Zh);
        let json = option(&spec);
        let drawn = json["series"].as_array().expect("series");
        assert_eq!(drawn.len(), 2);
        assert!(drawn.iter().all(|s| s["stack"] == "total"));
        assert_eq!(drawn[0]["data"][1]["value"], 130.0);
        assert_eq!(drawn[0]["data"][1]["name"], "2016");
        assert_eq!(drawn[1]["data"][1], "-");
        assert_ne!(
            drawn[0]["itemStyle"]["color"],
            drawn[1]["itemStyle"]["color"]
        );
        assert_eq!(axis(&json["yAxis"], 0)["name"], "万元");
        assert_eq!(
            spec.table.columns,
            vec!["年度", "重点建设 (万元)", "PPP (万元)"]
        );
        assert_eq!(spec.table.rows[1], vec!["2016", "130", ""]);
        assert_eq!(json["tooltip"]["formatter"], "{b}<br/>{a}：{c}万元");
    }

    #[test]
    fn the_ranking_shows_the_ten_largest_with_the_largest_on_top_and_their_ids() {
        let rows: Vec<(String, String, f64)> = (1..=12)
            .map(|n| {
                (
                    format!("prj-{n}"),
                    format!("项目{n}"),
                    f64::from(n) * 1000.0,
                )
            })
            .collect();
        let names = AxisNames {
            category: "项目",
            value: "总投资",
            second_value: "",
        };
        let spec = ranking("投资前十", &rows, names, "万元", Lang::Zh);
        let json = option(&spec);
        let y_axis = axis(&json["yAxis"], 0);
        assert_eq!(
            y_axis["inverse"], true,
            "the first category is drawn on top"
        );
        assert_eq!(y_axis["data"][0], "项目12");
        let data = json["series"][0]["data"].as_array().expect("data");
        assert_eq!(data.len(), RANKING_LENGTH);
        assert_eq!(data[0]["id"], "prj-12");
        assert_eq!(data[0]["value"], 12000.0);
        assert_eq!(data[9]["id"], "prj-3");
        assert_eq!(spec.table.rows.len(), RANKING_LENGTH);
        assert_eq!(spec.table.rows[0], vec!["项目12", "12000"]);
        assert_eq!(spec.table.columns[1], "总投资 (万元)");
    }

    #[test]
    fn a_long_project_name_is_shortened_on_the_axis_only() {
        let long = "鹿城区瓯江路沿江景观带综合提升改造工程二期".to_string();
        let rows = vec![("prj-1".to_string(), long.clone(), 5.0)];
        let spec = ranking("投资前十", &rows, NAMES, "万元", Lang::Zh);
        let json = option(&spec);
        let label = axis(&json["yAxis"], 0)["data"][0]
            .as_str()
            .expect("label")
            .to_string();
        assert!(label.ends_with('…'));
        assert_eq!(label.chars().count(), AXIS_NAME_CHARS);
        assert_eq!(json["series"][0]["data"][0]["name"], long.as_str());
        assert_eq!(spec.table.rows[0][0], long);
    }

    #[test]
    fn completion_rates_have_a_dashed_line_at_one_hundred_percent() {
        let rows = vec![
            ("重点建设".to_string(), "重点建设".to_string(), 104.26),
            ("PPP".to_string(), "PPP".to_string(), f64::NAN),
        ];
        let names = AxisNames {
            category: "类别",
            value: "完成率 (%)",
            second_value: "",
        };
        let spec = completion_rate_bar("计划完成率", &rows, names, Lang::Zh);
        let json = option(&spec);
        let series = &json["series"][0];
        assert_eq!(series["markLine"]["data"][0]["yAxis"], 100);
        assert_eq!(series["markLine"]["lineStyle"]["type"], "dashed");
        assert_eq!(series["data"][0]["value"], 104.3);
        assert_eq!(series["data"][0]["id"], "重点建设");
        assert_eq!(series["data"][1]["value"], 0.0, "NaN is drawn as 0");
        assert_eq!(spec.table.rows[0], vec!["重点建设", "104.3%"]);
        assert!(
            axis(&json["yAxis"], 0).get("max").is_none(),
            "a group over plan lets the axis grow"
        );
    }

    #[test]
    fn while_every_group_is_under_plan_the_axis_still_reaches_the_hundred_percent_line() {
        let rows = vec![("a".to_string(), "甲".to_string(), 64.0)];
        let spec = completion_rate_bar("计划完成率", &rows, NAMES, Lang::Zh);
        let json = option(&spec);
        assert_eq!(axis(&json["yAxis"], 0)["max"], 120);
    }

    #[test]
    fn no_project_chart_has_a_javascript_function() {
        let rows = vec![("a".to_string(), "甲".to_string(), 50.0)];
        let specs = [
            count_and_investment_bar("t", &classes(), NAMES, Lang::En),
            share_pie("t", &classes(), NAMES, Lang::En),
            stacked_bar(
                "t",
                &["2016".into()],
                &[("甲".into(), vec![1.0])],
                NAMES,
                "",
                Lang::En,
            ),
            ranking("t", &rows, NAMES, "", Lang::En),
            completion_rate_bar("t", &rows, NAMES, Lang::En),
        ];
        for spec in specs {
            assert!(!spec.option_json().contains("function"), "{}", spec.title);
        }
    }
}
