//! The project map: projects as points coloured by status and sized by investment, on a basemap
//! the user loaded (GeoJSON registered with ECharts) or, without one, on a schematic of
//! longitude and latitude with the projects that have no coordinates placed by street.
//!
//! charming cannot express a `geo` component or register a map, so this chart's option is
//! written as JSON here and the GeoJSON travels in the spec's `maps` for the component to
//! register. Invariants: every point carries the project's `id` (a click opens the project);
//! a project without coordinates is never dropped silently — the schematic places it by street,
//! the basemap view counts it in the subtitle, and the table lists it either way; tooltips are
//! template strings (the CSP forbids JS functions). `read_geojson` accepts what ECharts can draw
//! and says what and where when it refuses a file.

use super::{ChartSpec, ChartTable};
// Reading a boundary file is reading a file: it lives in `format`; the map draws what it read.
use crate::format::geojson::{make_registrable, read_document};
pub use crate::format::geojson::{read_geojson, BoundingBox, GeoError, GeoSummary};
use crate::model::{Dataset, Lang, ProjectStatus};
use rust_decimal::prelude::ToPrimitive;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// One project as the map draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    pub id: String,
    pub name: String,
    /// Longitude and latitude, when known.
    pub location: Option<(f64, f64)>,
    /// The street (街道) or town; empty when not known.
    pub street: String,
    /// The status code (`ProjectStatus::code`: preliminary, newly_started, continuing,
    /// completed, in_service); `None` or an unknown code is drawn grey.
    pub status: Option<String>,
    /// The status as the legend names it, in the page's language.
    pub status_label: String,
    pub investment_wan: Option<f64>,
}

/// Every project of the ledger as the map draws it, statuses named in `lang`.
pub fn points_of(dataset: &Dataset, lang: Lang) -> Vec<MapPoint> {
    dataset
        .projects()
        .map(|p| MapPoint {
            id: p.id.to_string(),
            name: p.name.clone(),
            location: p
                .location
                .and_then(|(lon, lat)| Some((lon.0.to_f64()?, lat.0.to_f64()?))),
            street: p.street.clone(),
            status: p.status.map(|s| s.code().to_string()),
            status_label: crate::i18n::status_label(p.status, lang).to_string(),
            investment_wan: p.total_investment.and_then(|a| a.0.to_f64()),
        })
        .collect()
}

/// The words the map shows besides its title and the status labels, from the page's i18n table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MapLabels<'a> {
    /// Heads the table's project column.
    pub project: &'a str,
    /// Heads the table's status column.
    pub status: &'a str,
    /// Names the schematic's street axis and heads the table's street column.
    pub street: &'a str,
    pub longitude: &'a str,
    pub latitude: &'a str,
    /// Heads the table's investment column, with its unit ("总投资 (万元)").
    pub investment: &'a str,
    /// "无坐标": the subtitle's count, the schematic's street panel, the table's empty cells.
    pub no_coordinates: &'a str,
    /// Where a project's street is empty.
    pub unknown_street: &'a str,
}

/// A GeoJSON map to register with ECharts under a name before an option that names it is set.
/// The text is shared (`Arc`), as specs are cloned on every read of a signal; the fingerprint is
/// computed once, so the component can tell cheaply whether a name's map has changed.
#[derive(Clone, PartialEq, Eq)]
pub struct RegisteredMap {
    name: String,
    geojson: Arc<str>,
    fingerprint: u64,
}

impl RegisteredMap {
    /// A map from GeoJSON text taken as it is (e.g. text `from_geojson` accepted earlier and the
    /// app stored); the component refuses to draw with text ECharts cannot parse.
    pub fn new(name: impl Into<String>, geojson: impl Into<Arc<str>>) -> RegisteredMap {
        let geojson = geojson.into();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        geojson.hash(&mut hasher);
        RegisteredMap {
            name: name.into(),
            fingerprint: hasher.finish(),
            geojson,
        }
    }

    /// Reads a basemap the user loaded: checks it as `read_geojson` does, refuses one with no
    /// outline to draw, and keeps it in the shape ECharts registers — a FeatureCollection (a
    /// single Feature is wrapped in one) whose features all have `properties` (ECharts skips
    /// features without) and only geometries ECharts draws as outlines (others, e.g. points,
    /// lose their geometry in the registered copy).
    pub fn from_geojson(
        name: impl Into<String>,
        text: &str,
    ) -> Result<(RegisteredMap, GeoSummary), GeoError> {
        let (mut document, summary) = read_document(text)?;
        if summary.outline_count == 0 {
            return Err(GeoError::NothingToDraw);
        }
        let geojson: Arc<str> = if make_registrable(&mut document) {
            document.to_string().into()
        } else {
            text.into()
        };
        Ok((RegisteredMap::new(name, geojson), summary))
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn geojson(&self) -> &str {
        &self.geojson
    }

    /// A hash of the GeoJSON text: equal texts, equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

impl std::fmt::Debug for RegisteredMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisteredMap")
            .field("name", &self.name)
            .field("geojson_bytes", &self.geojson.len())
            .field("fingerprint", &self.fingerprint)
            .finish()
    }
}

/// The grey of a project whose status is not known.
pub const UNKNOWN_STATUS_COLOUR: &str = "#9e9e9e";

/// A distinct colour per status (grey for none or an unknown code), the same in every view.
pub fn status_colour(status: Option<&str>) -> &'static str {
    match status.and_then(ProjectStatus::from_code) {
        Some(ProjectStatus::Preliminary) => "#9a60b4",
        Some(ProjectStatus::NewlyStarted) => "#2f6fd6",
        Some(ProjectStatus::Continuing) => "#e8820c",
        Some(ProjectStatus::Completed) => "#2e9e44",
        Some(ProjectStatus::InService) => "#138d90",
        None => UNKNOWN_STATUS_COLOUR,
    }
}

/// The smallest and largest point, in pixels.
pub const MIN_SYMBOL_SIZE: f64 = 8.0;
pub const MAX_SYMBOL_SIZE: f64 = 40.0;

/// A point's size: its area grows with the investment (the diameter with its square root), from
/// `MIN_SYMBOL_SIZE` for nothing or an unknown investment to `MAX_SYMBOL_SIZE` for the largest.
pub fn symbol_size(investment_wan: Option<f64>, max_wan: f64) -> f64 {
    let Some(investment) = investment_wan else {
        return MIN_SYMBOL_SIZE;
    };
    if !investment.is_finite() || !max_wan.is_finite() || investment <= 0.0 || max_wan <= 0.0 {
        return MIN_SYMBOL_SIZE;
    }
    let fraction = (investment / max_wan).clamp(0.0, 1.0).sqrt();
    let size = MIN_SYMBOL_SIZE + (MAX_SYMBOL_SIZE - MIN_SYMBOL_SIZE) * fraction;
    (size * 10.0).round() / 10.0
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// A point's location when it is one (both numbers finite).
fn located(point: &MapPoint) -> Option<(f64, f64)> {
    point
        .location
        .filter(|(longitude, latitude)| longitude.is_finite() && latitude.is_finite())
}

/// A number as table text, shortest form.
fn number_text(value: f64, decimals: i32) -> String {
    let scale = 10f64.powi(decimals);
    let rounded = (value * scale).round() / scale;
    if rounded == 0.0 {
        "0".into()
    } else {
        rounded.to_string()
    }
}

/// The points of one status, in the order of `ProjectStatus::ALL`, unknown last.
struct StatusGroup<'p> {
    colour: &'static str,
    label: String,
    points: Vec<&'p MapPoint>,
}

fn status_groups(points: &[MapPoint]) -> Vec<StatusGroup<'_>> {
    let rank = |point: &MapPoint| -> usize {
        point
            .status
            .as_deref()
            .and_then(ProjectStatus::from_code)
            .and_then(|status| ProjectStatus::ALL.iter().position(|s| *s == status))
            .unwrap_or(ProjectStatus::ALL.len())
    };
    let mut by_rank: BTreeMap<usize, Vec<&MapPoint>> = BTreeMap::new();
    for point in points {
        by_rank.entry(rank(point)).or_default().push(point);
    }
    by_rank
        .into_values()
        .map(|points| StatusGroup {
            colour: status_colour(points[0].status.as_deref()),
            label: points[0].status_label.clone(),
            points,
        })
        .collect()
}

/// One point as a scatter data item: the project's id for a click, its name for the tooltip.
fn marker(point: &MapPoint, value: Value, colour: &str, max_wan: f64) -> Value {
    json!({
        "id": point.id,
        "name": point.name,
        "value": value,
        "symbolSize": symbol_size(point.investment_wan, max_wan),
        "itemStyle": { "color": colour },
    })
}

/// `[longitude, latitude]`, with the investment as a third dimension when known.
fn located_value(point: &MapPoint, (longitude, latitude): (f64, f64)) -> Value {
    match point.investment_wan.filter(|wan| wan.is_finite()) {
        Some(wan) => json!([longitude, latitude, wan]),
        None => json!([longitude, latitude]),
    }
}

fn scatter(name: &str, colour: &str, data: Vec<Value>) -> Map<String, Value> {
    let mut series = Map::new();
    series.insert("type".into(), json!("scatter"));
    series.insert("name".into(), json!(name));
    series.insert("itemStyle".into(), json!({ "color": colour }));
    series.insert("data".into(), Value::Array(data));
    series
}

/// The projects on a registered basemap (`geo`), or on a schematic when there is none. One
/// scatter series per status, so the legend shows and hides statuses; a point's colour is its
/// status's (`status_colour`), its size its investment's (`symbol_size`), its `id` the
/// project's. The map's GeoJSON goes into the spec's `maps` for the component to register.
pub fn project_map(
    title: &str,
    points: &[MapPoint],
    basemap: Option<&RegisteredMap>,
    labels: &MapLabels,
    lang: Lang,
) -> ChartSpec {
    let max_wan = points
        .iter()
        .filter_map(|point| point.investment_wan)
        .filter(|wan| wan.is_finite())
        .fold(0.0, f64::max);
    let without_coordinates = points
        .iter()
        .filter(|point| located(point).is_none())
        .count();
    let mut heading = json!({ "text": title });
    if without_coordinates > 0 {
        heading["subtext"] = json!(format!(
            "{}{}{}",
            labels.no_coordinates,
            colon(lang),
            without_coordinates
        ));
    }
    let mut option = json!({
        "title": heading,
        "tooltip": { "trigger": "item", "formatter": "{b}<br/>{a}" },
        "legend": { "bottom": 0 },
    });
    let groups = status_groups(points);
    match basemap {
        Some(map) => place_on_basemap(&mut option, map.name(), &groups, max_wan),
        None => place_on_schematic(&mut option, points, &groups, labels, max_wan),
    }
    let mut spec = ChartSpec::from_option(title, option, map_table(points, labels));
    spec.maps.extend(basemap.cloned());
    spec
}

fn place_on_basemap(option: &mut Value, map_name: &str, groups: &[StatusGroup], max_wan: f64) {
    option["geo"] = json!({
        "map": map_name,
        "roam": true,
        "top": 60,
        "bottom": 40,
        "label": { "show": false },
        "itemStyle": { "areaColor": "#f3f3f3", "borderColor": "#8c8c8c" },
        "emphasis": {
            "label": { "show": true },
            "itemStyle": { "areaColor": "#e3ecfa" },
        },
    });
    let series: Vec<Value> = groups
        .iter()
        .filter_map(|group| {
            let data: Vec<Value> = group
                .points
                .iter()
                .filter_map(|point| {
                    located(point).map(|location| {
                        marker(point, located_value(point, location), group.colour, max_wan)
                    })
                })
                .collect();
            if data.is_empty() {
                return None;
            }
            let mut series = scatter(&group.label, group.colour, data);
            series.insert("coordinateSystem".into(), json!("geo"));
            series.insert("geoIndex".into(), json!(0));
            Some(Value::Object(series))
        })
        .collect();
    option["series"] = Value::Array(series);
}

/// The schematic: projects with coordinates on longitude and latitude (left), those without in
/// rows by street, spread along the row (right). Either side takes the whole width alone.
fn place_on_schematic(
    option: &mut Value,
    points: &[MapPoint],
    groups: &[StatusGroup],
    labels: &MapLabels,
    max_wan: f64,
) {
    let streets = street_rows(
        points.iter().filter(|point| located(point).is_none()),
        labels,
    );
    let any_located = points.iter().any(|point| located(point).is_some());
    let mut grids = Vec::new();
    let mut x_axes = Vec::new();
    let mut y_axes = Vec::new();
    let located_axes = any_located.then(|| {
        let right = if streets.is_empty() {
            json!(24)
        } else {
            json!("42%")
        };
        grids.push(json!({ "left": 64, "right": right, "top": 70, "bottom": 56 }));
        x_axes.push(json!({
            "type": "value", "gridIndex": grids.len() - 1, "scale": true,
            "name": labels.longitude, "nameLocation": "middle", "nameGap": 26,
        }));
        y_axes.push(json!({
            "type": "value", "gridIndex": grids.len() - 1, "scale": true,
            "name": labels.latitude,
        }));
        grids.len() - 1
    });
    let street_axes = (!streets.is_empty()).then(|| {
        let left = if any_located {
            json!("66%")
        } else {
            json!(120)
        };
        grids.push(json!({ "left": left, "right": 24, "top": 70, "bottom": 56 }));
        let widest_row = streets.iter().map(|row| row.len()).max().unwrap_or(0);
        x_axes.push(json!({
            "type": "value", "gridIndex": grids.len() - 1,
            "min": 0, "max": widest_row + 1,
            "name": labels.no_coordinates, "nameLocation": "middle", "nameGap": 26,
            "axisLabel": { "show": false }, "axisTick": { "show": false },
            "splitLine": { "show": false },
        }));
        let street_names: Vec<&str> = streets.iter().map(|row| row.street).collect();
        y_axes.push(json!({
            "type": "category", "gridIndex": grids.len() - 1, "inverse": true,
            "name": labels.street, "data": street_names,
        }));
        grids.len() - 1
    });
    // Where each project without coordinates sits: (position along its street's row, row).
    let mut street_places: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (row_index, row) in streets.iter().enumerate() {
        for (position, point) in row.points.iter().enumerate() {
            street_places.insert(point.id.as_str(), (position + 1, row_index));
        }
    }
    let mut series = Vec::new();
    for group in groups {
        if let Some(axis) = located_axes {
            let data: Vec<Value> = group
                .points
                .iter()
                .filter_map(|point| {
                    located(point).map(|location| {
                        marker(point, located_value(point, location), group.colour, max_wan)
                    })
                })
                .collect();
            if !data.is_empty() {
                let mut located_series = scatter(&group.label, group.colour, data);
                located_series.insert("xAxisIndex".into(), json!(axis));
                located_series.insert("yAxisIndex".into(), json!(axis));
                series.push(Value::Object(located_series));
            }
        }
        if let Some(axis) = street_axes {
            let data: Vec<Value> = group
                .points
                .iter()
                .filter(|point| located(point).is_none())
                .filter_map(|point| {
                    street_places.get(point.id.as_str()).map(|(position, row)| {
                        marker(point, json!([position, row]), group.colour, max_wan)
                    })
                })
                .collect();
            if !data.is_empty() {
                let mut street_series = scatter(&group.label, group.colour, data);
                street_series.insert("xAxisIndex".into(), json!(axis));
                street_series.insert("yAxisIndex".into(), json!(axis));
                series.push(Value::Object(street_series));
            }
        }
    }
    option["grid"] = Value::Array(grids);
    option["xAxis"] = Value::Array(x_axes);
    option["yAxis"] = Value::Array(y_axes);
    option["series"] = Value::Array(series);
}

/// The projects of one street, in the page's order.
struct StreetRow<'p> {
    street: &'p str,
    points: Vec<&'p MapPoint>,
}

impl StreetRow<'_> {
    fn len(&self) -> usize {
        self.points.len()
    }
}

/// Rows by street name, in name order, the unknown street last.
fn street_rows<'p>(
    points: impl Iterator<Item = &'p MapPoint>,
    labels: &MapLabels<'p>,
) -> Vec<StreetRow<'p>> {
    let mut by_street: BTreeMap<(bool, &str), Vec<&MapPoint>> = BTreeMap::new();
    for point in points {
        let street = point.street.trim();
        let key = if street.is_empty() {
            (true, labels.unknown_street)
        } else {
            (false, street)
        };
        by_street.entry(key).or_default().push(point);
    }
    by_street
        .into_iter()
        .map(|((_, street), points)| StreetRow { street, points })
        .collect()
}

fn map_table(points: &[MapPoint], labels: &MapLabels) -> ChartTable {
    let rows = points
        .iter()
        .map(|point| {
            let street = if point.street.trim().is_empty() {
                labels.unknown_street.to_string()
            } else {
                point.street.clone()
            };
            let (longitude, latitude) = match located(point) {
                Some((longitude, latitude)) => {
                    (number_text(longitude, 6), number_text(latitude, 6))
                }
                None => (
                    labels.no_coordinates.to_string(),
                    labels.no_coordinates.to_string(),
                ),
            };
            let investment = point
                .investment_wan
                .filter(|wan| wan.is_finite())
                .map(|wan| number_text(wan, 4))
                .unwrap_or_default();
            vec![
                point.name.clone(),
                point.status_label.clone(),
                street,
                longitude,
                latitude,
                investment,
            ]
        })
        .collect();
    ChartTable {
        columns: vec![
            labels.project.to_string(),
            labels.status.to_string(),
            labels.street.to_string(),
            labels.longitude.to_string(),
            labels.latitude.to_string(),
            labels.investment.to_string(),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn every_project_of_the_ledger_becomes_a_point_with_its_status_named() {
        let dataset = crate::sample::lucheng_for_tests();
        let points = points_of(&dataset, Lang::Zh);
        assert_eq!(points.len(), dataset.projects().count());
        let bridge = points
            .iter()
            .find(|p| p.name == "瓯越大桥")
            .expect("瓯越大桥");
        assert_eq!(bridge.status.as_deref(), Some("in_service"));
        assert_eq!(bridge.status_label, "建成投用");
        let unknown = points
            .iter()
            .find(|p| p.status.is_none())
            .expect("a project without status");
        assert_eq!(unknown.status_label, "状态未知");
    }

    use super::*;

    const LABELS: MapLabels<'static> = MapLabels {
        project: "项目",
        status: "状态",
        street: "街道",
        longitude: "经度",
        latitude: "纬度",
        investment: "总投资 (万元)",
        no_coordinates: "无坐标",
        unknown_street: "街道不详",
    };

    fn point(
        id: &str,
        location: Option<(f64, f64)>,
        street: &str,
        status: Option<&str>,
        investment_wan: Option<f64>,
    ) -> MapPoint {
        let status_label = match status {
            Some("newly_started") => "新开工",
            Some("continuing") => "续建",
            Some("completed") => "竣工",
            Some("preliminary") => "前期",
            Some("in_service") => "投用",
            _ => "状态不详",
        };
        MapPoint {
            id: id.into(),
            name: format!("项目{id}"),
            location,
            street: street.into(),
            status: status.map(str::to_string),
            status_label: status_label.into(),
            investment_wan,
        }
    }

    fn sample_points() -> Vec<MapPoint> {
        vec![
            point(
                "p1",
                Some((120.65, 28.01)),
                "五马街道",
                Some("continuing"),
                Some(40_000.0),
            ),
            point(
                "p2",
                Some((120.62, 28.03)),
                "南汇街道",
                Some("newly_started"),
                Some(10_000.0),
            ),
            point("p3", None, "五马街道", Some("continuing"), Some(2_500.0)),
            point("p4", None, "南汇街道", None, None),
            point("p5", None, "", Some("completed"), Some(0.0)),
            point("p6", None, "五马街道", Some("newly_started"), None),
        ]
    }

    /// A square around the middle of Lucheng, built here so the test needs no file.
    fn lucheng_square() -> String {
        json!({
            "type": "FeatureCollection",
            "features": [{
                "type": "Feature",
                "properties": { "name": "鹿城区（测试）" },
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[
                        [120.60, 27.98], [120.70, 27.98], [120.70, 28.05],
                        [120.60, 28.05], [120.60, 27.98]
                    ]]
                }
            }]
        })
        .to_string()
    }

    fn basemap() -> RegisteredMap {
        RegisteredMap::from_geojson("lucheng", &lucheng_square())
            .expect("the square is a basemap")
            .0
    }

    fn option(spec: &ChartSpec) -> Value {
        serde_json::from_str(&spec.option_json()).expect("option is JSON")
    }

    fn series_named<'v>(json: &'v Value, name: &str) -> Vec<&'v Value> {
        json["series"]
            .as_array()
            .expect("series")
            .iter()
            .filter(|series| series["name"] == name)
            .collect()
    }

    #[test]
    fn each_status_has_its_own_colour_and_an_unknown_one_is_grey() {
        let colours: Vec<&str> = ProjectStatus::ALL
            .iter()
            .map(|status| status_colour(Some(status.code())))
            .collect();
        for (index, colour) in colours.iter().enumerate() {
            assert_ne!(*colour, UNKNOWN_STATUS_COLOUR);
            assert!(!colours[index + 1..].contains(colour), "{colour} twice");
        }
        assert_eq!(status_colour(None), UNKNOWN_STATUS_COLOUR);
        assert_eq!(status_colour(Some("demolished")), UNKNOWN_STATUS_COLOUR);
    }

    #[test]
    fn symbols_grow_with_the_square_root_of_the_investment() {
        assert_eq!(symbol_size(None, 100.0), MIN_SYMBOL_SIZE);
        assert_eq!(symbol_size(Some(0.0), 100.0), MIN_SYMBOL_SIZE);
        assert_eq!(symbol_size(Some(f64::NAN), 100.0), MIN_SYMBOL_SIZE);
        assert_eq!(symbol_size(Some(50.0), 0.0), MIN_SYMBOL_SIZE);
        assert_eq!(symbol_size(Some(100.0), 100.0), MAX_SYMBOL_SIZE);
        assert_eq!(symbol_size(Some(25.0), 100.0), 24.0, "a quarter: half way");
        assert_eq!(symbol_size(Some(400.0), 100.0), MAX_SYMBOL_SIZE);
    }

    #[test]
    fn on_a_basemap_each_status_is_a_geo_scatter_of_located_projects_with_their_ids() {
        let map = basemap();
        let spec = project_map("项目分布", &sample_points(), Some(&map), &LABELS, Lang::Zh);
        let json = option(&spec);
        assert_eq!(json["geo"]["map"], "lucheng");
        assert_eq!(json["geo"]["roam"], true);
        assert_eq!(spec.maps, vec![map]);
        let series = json["series"].as_array().expect("series");
        assert!(series.iter().all(|s| s["type"] == "scatter"));
        assert!(series.iter().all(|s| s["coordinateSystem"] == "geo"));
        let names: Vec<&str> = series.iter().filter_map(|s| s["name"].as_str()).collect();
        assert_eq!(
            names,
            vec!["新开工", "续建"],
            "statuses in life-cycle order; those with no located project have no series"
        );
        let continuing = series_named(&json, "续建")[0];
        assert_eq!(
            continuing["itemStyle"]["color"],
            status_colour(Some("continuing"))
        );
        let data = continuing["data"].as_array().expect("data");
        assert_eq!(data.len(), 1, "p3 has no coordinates");
        assert_eq!(data[0]["id"], "p1");
        assert_eq!(data[0]["name"], "项目p1");
        assert_eq!(data[0]["value"], json!([120.65, 28.01, 40000.0]));
        assert_eq!(data[0]["symbolSize"], MAX_SYMBOL_SIZE);
        assert_eq!(
            series_named(&json, "新开工")[0]["data"][0]["symbolSize"],
            24.0
        );
        assert_eq!(json["title"]["subtext"], "无坐标：4");
        assert_eq!(json["tooltip"]["formatter"], "{b}<br/>{a}");
    }

    #[test]
    fn the_table_lists_every_project_including_those_without_coordinates() {
        let spec = project_map(
            "项目分布",
            &sample_points(),
            Some(&basemap()),
            &LABELS,
            Lang::Zh,
        );
        assert_eq!(spec.table.rows.len(), 6);
        assert_eq!(spec.table.columns[3], "经度");
        assert_eq!(
            spec.table.rows[0],
            vec!["项目p1", "续建", "五马街道", "120.65", "28.01", "40000"]
        );
        assert_eq!(
            spec.table.rows[4],
            vec!["项目p5", "竣工", "街道不详", "无坐标", "无坐标", "0"]
        );
        assert_eq!(spec.table.rows[3][5], "", "unknown investment stays empty");
    }

    #[test]
    fn without_a_basemap_located_projects_sit_on_longitude_and_latitude_axes() {
        let spec = project_map("项目分布", &sample_points(), None, &LABELS, Lang::En);
        let json = option(&spec);
        assert!(json.get("geo").is_none());
        assert!(spec.maps.is_empty());
        assert_eq!(json["grid"].as_array().map(Vec::len), Some(2));
        assert_eq!(json["xAxis"][0]["type"], "value");
        assert_eq!(json["xAxis"][0]["scale"], true);
        assert_eq!(json["xAxis"][0]["name"], "经度");
        assert_eq!(json["yAxis"][0]["name"], "纬度");
        let located: Vec<&Value> = json["series"]
            .as_array()
            .expect("series")
            .iter()
            .filter(|s| s["xAxisIndex"] == 0)
            .collect();
        assert_eq!(located.len(), 2);
        assert!(located.iter().all(|s| s["coordinateSystem"].is_null()));
        assert_eq!(located[1]["data"][0]["id"], "p1");
        assert_eq!(located[1]["data"][0]["value"][0], 120.65);
        assert_eq!(json["title"]["subtext"], "无坐标: 4");
    }

    #[test]
    fn without_a_basemap_projects_without_coordinates_are_grouped_by_street() {
        let spec = project_map("项目分布", &sample_points(), None, &LABELS, Lang::Zh);
        let json = option(&spec);
        let streets = &json["yAxis"][1];
        assert_eq!(streets["type"], "category");
        assert_eq!(streets["name"], "街道");
        assert_eq!(
            streets["data"],
            json!(["五马街道", "南汇街道", "街道不详"]),
            "streets in name order, the unknown one last"
        );
        assert_eq!(json["xAxis"][1]["name"], "无坐标");
        let by_street: Vec<&Value> = json["series"]
            .as_array()
            .expect("series")
            .iter()
            .filter(|s| s["xAxisIndex"] == 1)
            .flat_map(|s| s["data"].as_array().expect("data").iter())
            .collect();
        assert_eq!(by_street.len(), 4);
        let place = |id: &str| -> Value {
            by_street
                .iter()
                .find(|item| item["id"] == id)
                .map(|item| item["value"].clone())
                .expect("placed")
        };
        let wuma = 0;
        assert_eq!(place("p3"), json!([1, wuma]));
        assert_eq!(place("p6"), json!([2, wuma]), "spread along 五马街道's row");
        assert_eq!(place("p4"), json!([1, 1]));
        assert_eq!(place("p5"), json!([1, 2]));
        let unknown = series_named(&json, "状态不详");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0]["itemStyle"]["color"], UNKNOWN_STATUS_COLOUR);
        assert_eq!(unknown[0]["data"][0]["symbolSize"], MIN_SYMBOL_SIZE);
        assert_eq!(
            series_named(&json, "新开工").len(),
            2,
            "one series per status in each panel, toggled together by the legend"
        );
    }

    #[test]
    fn a_schematic_with_only_located_projects_has_one_full_width_panel() {
        let points: Vec<MapPoint> = sample_points()
            .into_iter()
            .filter(|p| p.location.is_some())
            .collect();
        let spec = project_map("项目分布", &points, None, &LABELS, Lang::Zh);
        let json = option(&spec);
        assert_eq!(json["grid"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["grid"][0]["right"], 24);
        assert!(json["title"].get("subtext").is_none());
    }

    #[test]
    fn a_schematic_with_no_located_project_shows_only_the_streets() {
        let points: Vec<MapPoint> = sample_points()
            .into_iter()
            .filter(|p| p.location.is_none())
            .collect();
        let spec = project_map("项目分布", &points, None, &LABELS, Lang::Zh);
        let json = option(&spec);
        assert_eq!(json["grid"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["yAxis"][0]["type"], "category");
        assert!(json["series"]
            .as_array()
            .expect("series")
            .iter()
            .all(|s| s["xAxisIndex"] == 0));
    }

    #[test]
    fn the_map_has_no_javascript_function() {
        for basemap in [None, Some(basemap())] {
            let spec = project_map("t", &sample_points(), basemap.as_ref(), &LABELS, Lang::En);
            assert!(!spec.option_json().contains("function"));
        }
    }

    #[test]
    fn a_feature_collection_is_read_with_its_names_and_bounding_box() {
        let summary = read_geojson(&lucheng_square()).expect("valid");
        assert_eq!(summary.feature_count, 1);
        assert_eq!(summary.outline_count, 1);
        assert_eq!(summary.names, vec!["鹿城区（测试）"]);
        let bbox = summary.bbox.expect("bbox");
        assert_eq!(
            bbox,
            BoundingBox {
                west: 120.60,
                south: 27.98,
                east: 120.70,
                north: 28.05
            }
        );
        assert!(bbox.contains(120.65, 28.01));
        assert!(
            !bbox.contains(28.01, 120.65),
            "swapped coordinates fall outside"
        );
    }

    #[test]
    fn a_registered_basemap_keeps_a_collection_as_it_was_given() {
        let text = lucheng_square();
        let (map, _) = RegisteredMap::from_geojson("lucheng", &text).expect("valid");
        assert_eq!(map.geojson(), text);
        assert_eq!(
            map.fingerprint(),
            RegisteredMap::new("x", text.as_str()).fingerprint()
        );
        assert_ne!(
            map.fingerprint(),
            RegisteredMap::new("lucheng", "{}").fingerprint()
        );
    }

    #[test]
    fn a_single_feature_is_wrapped_in_a_collection_for_echarts() {
        let feature = json!({
            "type": "Feature",
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [[[[120.6, 27.98], [120.7, 27.98], [120.7, 28.05], [120.6, 27.98]]]]
            }
        })
        .to_string();
        let (map, summary) = RegisteredMap::from_geojson("lucheng", &feature).expect("valid");
        assert_eq!(summary.feature_count, 1);
        assert!(summary.names.is_empty());
        let registered: Value = serde_json::from_str(map.geojson()).expect("JSON");
        assert_eq!(registered["type"], "FeatureCollection");
        assert_eq!(
            registered["features"][0]["properties"],
            json!({}),
            "ECharts skips features without properties"
        );
        assert_eq!(
            registered["features"][0]["geometry"]["type"],
            "MultiPolygon"
        );
    }

    #[test]
    fn points_are_valid_geojson_but_not_a_basemap() {
        let points = json!({
            "type": "FeatureCollection",
            "features": [{
                "type": "Feature",
                "properties": { "name": "区政府" },
                "geometry": { "type": "Point", "coordinates": [120.655, 28.016] }
            }]
        })
        .to_string();
        let summary = read_geojson(&points).expect("valid GeoJSON");
        assert_eq!(summary.outline_count, 0);
        assert_eq!(
            RegisteredMap::from_geojson("x", &points).map(|(map, _)| map.name().to_string()),
            Err(GeoError::NothingToDraw)
        );
    }

    #[test]
    fn a_basemap_with_points_and_outlines_registers_only_the_outlines() {
        let mixed = json!({
            "type": "FeatureCollection",
            "features": [
                serde_json::from_str::<Value>(&lucheng_square()).expect("JSON")["features"][0],
                {
                    "type": "Feature",
                    "properties": { "name": "区政府" },
                    "geometry": { "type": "Point", "coordinates": [120.655, 28.016] }
                }
            ]
        })
        .to_string();
        let (map, summary) = RegisteredMap::from_geojson("x", &mixed).expect("valid");
        assert_eq!(summary.feature_count, 2);
        assert_eq!(summary.names, vec!["鹿城区（测试）", "区政府"]);
        let registered: Value = serde_json::from_str(map.geojson()).expect("JSON");
        assert!(registered["features"][1]["geometry"].is_null());
        assert_eq!(registered["features"][0]["geometry"]["type"], "Polygon");
    }

    fn square_with(replace: impl FnOnce(&mut Value)) -> String {
        let mut document: Value = serde_json::from_str(&lucheng_square()).expect("JSON");
        let mut features = vec![document["features"][0].clone(); 4];
        replace(&mut features[3]);
        document["features"] = Value::Array(features);
        document.to_string()
    }

    fn refusal(text: &str) -> (String, &'static str) {
        let error = read_geojson(text).expect_err("refused");
        (error.to_string(), error.code())
    }

    #[test]
    fn a_coordinate_that_is_not_a_number_is_refused_with_its_path() {
        let text = square_with(|feature| {
            feature["geometry"]["coordinates"][0][2][1] = json!("28.05");
        });
        assert_eq!(
            refusal(&text),
            (
                "features[3].geometry.coordinates[0][2][1]: not a number".to_string(),
                "geojson.not_a_number"
            )
        );
        let error = read_geojson(&text).expect_err("refused");
        assert_eq!(
            error.params(),
            vec![(
                "path",
                "features[3].geometry.coordinates[0][2][1]".to_string()
            )]
        );
    }

    #[test]
    fn coordinates_nested_too_shallowly_for_a_polygon_are_refused() {
        let text = square_with(|feature| {
            feature["geometry"]["coordinates"] = json!([[120.6, 27.98], [120.7, 27.98]]);
        });
        assert_eq!(
            refusal(&text),
            (
                "features[3].geometry.coordinates[0][0]: not an array".to_string(),
                "geojson.not_an_array"
            )
        );
    }

    #[test]
    fn a_position_with_only_one_number_is_refused() {
        let text = square_with(|feature| {
            feature["geometry"]["coordinates"][0][1] = json!([120.7]);
        });
        assert_eq!(refusal(&text).1, "geojson.short_position");
        assert!(refusal(&text)
            .0
            .starts_with("features[3].geometry.coordinates[0][1]:"));
    }

    #[test]
    fn projected_coordinates_are_refused_as_not_a_longitude() {
        let text = square_with(|feature| {
            feature["geometry"]["coordinates"][0][0] = json!([13_431_000.0, 3_248_000.0]);
        });
        let error = read_geojson(&text).expect_err("refused");
        assert_eq!(error.code(), "geojson.longitude_out_of_range");
        assert_eq!(
            error.path(),
            Some("features[3].geometry.coordinates[0][0][0]")
        );
        assert!(error.to_string().contains("projected"));
    }

    #[test]
    fn an_unknown_geometry_type_is_refused_with_its_name() {
        let text = square_with(|feature| feature["geometry"]["type"] = json!("Circle"));
        assert_eq!(
            refusal(&text),
            (
                "features[3].geometry.type: \"Circle\" is not a GeoJSON geometry type".to_string(),
                "geojson.unknown_geometry"
            )
        );
    }

    #[test]
    fn a_feature_without_a_geometry_key_is_refused_but_a_null_geometry_is_read() {
        let missing = square_with(|feature| {
            feature.as_object_mut().expect("object").remove("geometry");
        });
        assert_eq!(
            refusal(&missing),
            (
                "features[3].geometry: missing".to_string(),
                "geojson.missing"
            )
        );
        let null = square_with(|feature| feature["geometry"] = Value::Null);
        let summary = read_geojson(&null).expect("an unlocated feature is valid");
        assert_eq!(summary.feature_count, 4);
        assert_eq!(summary.outline_count, 3);
    }

    #[test]
    fn files_that_are_not_feature_collections_are_refused() {
        assert_eq!(
            read_geojson("{\"type\": \"Feature\"").map_err(|e| e.code()),
            Err("geojson.not_json")
        );
        assert_eq!(
            read_geojson("[1, 2]").map_err(|e| e.code()),
            Err("geojson.not_an_object")
        );
        assert_eq!(
            refusal("{\"type\": \"Topology\"}"),
            (
                "type: \"Topology\" is not a FeatureCollection or a Feature".to_string(),
                "geojson.not_a_collection"
            )
        );
        assert_eq!(
            refusal("{\"type\": \"FeatureCollection\"}"),
            ("features: missing".to_string(), "geojson.missing")
        );
        assert_eq!(
            refusal("{\"type\": \"FeatureCollection\", \"features\": []}"),
            (
                "the file has no features".to_string(),
                "geojson.no_features"
            )
        );
        let polygon_in_list = square_with(|feature| feature["type"] = json!("Polygon"));
        assert_eq!(
            refusal(&polygon_in_list),
            (
                "features[3].type: \"Polygon\" is not a Feature".to_string(),
                "geojson.not_a_feature"
            )
        );
    }

    #[test]
    fn a_broken_file_names_its_line_and_column() {
        let error = read_geojson("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [,]\n}")
            .expect_err("refused");
        assert_eq!(
            error.params(),
            vec![("line", "3".to_string()), ("column", "16".to_string())]
        );
    }
}
