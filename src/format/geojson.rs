//! GeoJSON boundary files (the bureau's own map of the district): checked before use, every
//! refusal naming what and where inside the file, and made registrable for ECharts' `geo`
//! component. Reading a file is the file format's business; `charts::map` draws what it read.

use serde_json::{json, Value};

/// What a GeoJSON file holds, for the page to show before it is used as a basemap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GeoSummary {
    pub feature_count: usize,
    /// Features with a geometry ECharts draws as an outline (Polygon, MultiPolygon, LineString,
    /// MultiLineString); a file with none draws nothing.
    pub outline_count: usize,
    /// The features' `properties.name`, in file order (those without one are left out).
    pub names: Vec<String>,
    /// `None` when no feature has a coordinate.
    pub bbox: Option<BoundingBox>,
}

/// Longitudes west to east, latitudes south to north, in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BoundingBox {
    fn around(longitude: f64, latitude: f64) -> BoundingBox {
        BoundingBox {
            west: longitude,
            south: latitude,
            east: longitude,
            north: latitude,
        }
    }

    fn extend(&mut self, longitude: f64, latitude: f64) {
        self.west = self.west.min(longitude);
        self.east = self.east.max(longitude);
        self.south = self.south.min(latitude);
        self.north = self.north.max(latitude);
    }

    /// Whether a point lies inside (edges included): a project far outside the basemap usually
    /// has its longitude and latitude swapped or mistyped.
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        (self.west..=self.east).contains(&longitude)
            && (self.south..=self.north).contains(&latitude)
    }
}

/// Why a GeoJSON file was refused, and where (a JSON path such as
/// `features[3].geometry.coordinates[0][2][1]`). `code` and `params` are for the i18n message
/// table; `Display` is English, for logs and the CLI.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeoError {
    #[error("not JSON (line {line}, column {column})")]
    NotJson { line: usize, column: usize },
    #[error("{path}: missing")]
    Missing { path: String },
    #[error("{path}: not an object")]
    NotAnObject { path: String },
    #[error("{path}: not an array")]
    NotAnArray { path: String },
    #[error("{path}: {found} is not a FeatureCollection or a Feature")]
    NotACollection { path: String, found: String },
    #[error("{path}: {found} is not a Feature")]
    NotAFeature { path: String, found: String },
    #[error("{path}: {found} is not a GeoJSON geometry type")]
    UnknownGeometry { path: String, found: String },
    #[error("{path}: not a number")]
    NotANumber { path: String },
    #[error("{path}: a position needs a longitude and a latitude")]
    ShortPosition { path: String },
    #[error(
        "{path}: {value} is not a longitude (-180 to 180); the file may use projected coordinates"
    )]
    LongitudeOutOfRange { path: String, value: f64 },
    #[error(
        "{path}: {value} is not a latitude (-90 to 90); the file may use projected coordinates"
    )]
    LatitudeOutOfRange { path: String, value: f64 },
    #[error("the file has no features")]
    NoFeatures,
    #[error(
        "the file has no outline to draw (no Polygon, MultiPolygon, LineString or MultiLineString)"
    )]
    NothingToDraw,
}

impl GeoError {
    /// A stable code for the message table.
    pub fn code(&self) -> &'static str {
        match self {
            GeoError::NotJson { .. } => "geojson.not_json",
            GeoError::Missing { .. } => "geojson.missing",
            GeoError::NotAnObject { .. } => "geojson.not_an_object",
            GeoError::NotAnArray { .. } => "geojson.not_an_array",
            GeoError::NotACollection { .. } => "geojson.not_a_collection",
            GeoError::NotAFeature { .. } => "geojson.not_a_feature",
            GeoError::UnknownGeometry { .. } => "geojson.unknown_geometry",
            GeoError::NotANumber { .. } => "geojson.not_a_number",
            GeoError::ShortPosition { .. } => "geojson.short_position",
            GeoError::LongitudeOutOfRange { .. } => "geojson.longitude_out_of_range",
            GeoError::LatitudeOutOfRange { .. } => "geojson.latitude_out_of_range",
            GeoError::NoFeatures => "geojson.no_features",
            GeoError::NothingToDraw => "geojson.nothing_to_draw",
        }
    }

    /// Where in the file, when the problem has a place.
    pub fn path(&self) -> Option<&str> {
        match self {
            GeoError::Missing { path }
            | GeoError::NotAnObject { path }
            | GeoError::NotAnArray { path }
            | GeoError::NotACollection { path, .. }
            | GeoError::NotAFeature { path, .. }
            | GeoError::UnknownGeometry { path, .. }
            | GeoError::NotANumber { path }
            | GeoError::ShortPosition { path }
            | GeoError::LongitudeOutOfRange { path, .. }
            | GeoError::LatitudeOutOfRange { path, .. } => Some(path),
            GeoError::NotJson { .. } | GeoError::NoFeatures | GeoError::NothingToDraw => None,
        }
    }

    /// The message's parameters by name: `path`, and `found`, `value`, `line`, `column` where the
    /// variant has them.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(path) = self.path() {
            params.push(("path", path.to_string()));
        }
        match self {
            GeoError::NotJson { line, column } => {
                params.push(("line", line.to_string()));
                params.push(("column", column.to_string()));
            }
            GeoError::NotACollection { found, .. }
            | GeoError::NotAFeature { found, .. }
            | GeoError::UnknownGeometry { found, .. } => params.push(("found", found.clone())),
            GeoError::LongitudeOutOfRange { value, .. }
            | GeoError::LatitudeOutOfRange { value, .. } => {
                params.push(("value", value.to_string()))
            }
            _ => {}
        }
        params
    }
}

/// Checks GeoJSON text for use as a basemap: JSON; a FeatureCollection or a single Feature;
/// each feature an object of type Feature whose geometry is null or a GeoJSON geometry (Point,
/// MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection) with
/// coordinates nested as its type requires and every position `[longitude, latitude, …]` of
/// numbers within range. Returns the feature count, names and bounding box.
pub fn read_geojson(text: &str) -> Result<GeoSummary, GeoError> {
    read_document(text).map(|(_, summary)| summary)
}

pub(crate) fn read_document(text: &str) -> Result<(Value, GeoSummary), GeoError> {
    let document: Value = serde_json::from_str(text).map_err(|error| GeoError::NotJson {
        line: error.line(),
        column: error.column(),
    })?;
    let mut summary = GeoSummary::default();
    let object = document.as_object().ok_or_else(|| GeoError::NotAnObject {
        path: "(the file)".into(),
    })?;
    match object.get("type") {
        Some(Value::String(kind)) if kind == "FeatureCollection" => {
            let features = object.get("features").ok_or_else(|| GeoError::Missing {
                path: "features".into(),
            })?;
            let features = features.as_array().ok_or_else(|| GeoError::NotAnArray {
                path: "features".into(),
            })?;
            for (index, feature) in features.iter().enumerate() {
                read_feature(feature, &format!("features[{index}]"), &mut summary)?;
            }
        }
        Some(Value::String(kind)) if kind == "Feature" => {
            read_feature(&document, "", &mut summary)?;
        }
        Some(other) => {
            return Err(GeoError::NotACollection {
                path: "type".into(),
                found: describe(other),
            })
        }
        None => {
            return Err(GeoError::Missing {
                path: "type".into(),
            })
        }
    }
    if summary.feature_count == 0 {
        return Err(GeoError::NoFeatures);
    }
    Ok((document, summary))
}

/// A value as an error names what was found: a string as itself in quotes, others by kind.
fn describe(value: &Value) -> String {
    match value {
        Value::String(text) => format!("{text:?}"),
        Value::Null => "null".into(),
        Value::Bool(_) => "a boolean".into(),
        Value::Number(number) => number.to_string(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `prefix.field`, or `field` at the top.
fn child(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

/// Geometry types ECharts draws as outlines of a basemap.
fn is_outline(kind: &str) -> bool {
    matches!(
        kind,
        "Polygon" | "MultiPolygon" | "LineString" | "MultiLineString"
    )
}

fn read_feature(feature: &Value, path: &str, summary: &mut GeoSummary) -> Result<(), GeoError> {
    let here = if path.is_empty() { "(the file)" } else { path };
    let object = feature.as_object().ok_or_else(|| GeoError::NotAnObject {
        path: here.to_string(),
    })?;
    match object.get("type") {
        Some(Value::String(kind)) if kind == "Feature" => {}
        Some(other) => {
            return Err(GeoError::NotAFeature {
                path: child(path, "type"),
                found: describe(other),
            })
        }
        None => {
            return Err(GeoError::Missing {
                path: child(path, "type"),
            })
        }
    }
    let geometry = object.get("geometry").ok_or_else(|| GeoError::Missing {
        path: child(path, "geometry"),
    })?;
    if !geometry.is_null() {
        let kind = read_geometry(geometry, &child(path, "geometry"), summary)?;
        if is_outline(kind) {
            summary.outline_count += 1;
        }
    }
    match object.get("properties") {
        None | Some(Value::Null) => {}
        Some(Value::Object(properties)) => {
            if let Some(Value::String(name)) = properties.get("name") {
                summary.names.push(name.clone());
            }
        }
        Some(_) => {
            return Err(GeoError::NotAnObject {
                path: child(path, "properties"),
            })
        }
    }
    summary.feature_count += 1;
    Ok(())
}

/// Checks one geometry and returns its type.
fn read_geometry<'v>(
    geometry: &'v Value,
    path: &str,
    summary: &mut GeoSummary,
) -> Result<&'v str, GeoError> {
    let object = geometry.as_object().ok_or_else(|| GeoError::NotAnObject {
        path: path.to_string(),
    })?;
    let kind = match object.get("type") {
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            return Err(GeoError::UnknownGeometry {
                path: child(path, "type"),
                found: describe(other),
            })
        }
        None => {
            return Err(GeoError::Missing {
                path: child(path, "type"),
            })
        }
    };
    // How deep positions are nested under `coordinates`.
    let depth = match kind {
        "Point" => 0,
        "MultiPoint" | "LineString" => 1,
        "MultiLineString" | "Polygon" => 2,
        "MultiPolygon" => 3,
        "GeometryCollection" => {
            let members_path = child(path, "geometries");
            let members = object
                .get("geometries")
                .ok_or_else(|| GeoError::Missing {
                    path: members_path.clone(),
                })?
                .as_array()
                .ok_or_else(|| GeoError::NotAnArray {
                    path: members_path.clone(),
                })?;
            for (index, member) in members.iter().enumerate() {
                read_geometry(member, &format!("{members_path}[{index}]"), summary)?;
            }
            return Ok(kind);
        }
        other => {
            return Err(GeoError::UnknownGeometry {
                path: child(path, "type"),
                found: format!("{other:?}"),
            })
        }
    };
    let coordinates_path = child(path, "coordinates");
    let coordinates = object.get("coordinates").ok_or_else(|| GeoError::Missing {
        path: coordinates_path.clone(),
    })?;
    read_positions(coordinates, depth, &coordinates_path, summary)?;
    Ok(kind)
}

fn read_positions(
    value: &Value,
    depth: usize,
    path: &str,
    summary: &mut GeoSummary,
) -> Result<(), GeoError> {
    let items = value.as_array().ok_or_else(|| GeoError::NotAnArray {
        path: path.to_string(),
    })?;
    if depth > 0 {
        for (index, item) in items.iter().enumerate() {
            read_positions(item, depth - 1, &format!("{path}[{index}]"), summary)?;
        }
        return Ok(());
    }
    if items.len() < 2 {
        return Err(GeoError::ShortPosition {
            path: path.to_string(),
        });
    }
    let mut numbers = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let number = item.as_f64().ok_or_else(|| GeoError::NotANumber {
            path: format!("{path}[{index}]"),
        })?;
        numbers.push(number);
    }
    let (longitude, latitude) = (numbers[0], numbers[1]);
    if !(-180.0..=180.0).contains(&longitude) {
        return Err(GeoError::LongitudeOutOfRange {
            path: format!("{path}[0]"),
            value: longitude,
        });
    }
    if !(-90.0..=90.0).contains(&latitude) {
        return Err(GeoError::LatitudeOutOfRange {
            path: format!("{path}[1]"),
            value: latitude,
        });
    }
    match &mut summary.bbox {
        Some(bbox) => bbox.extend(longitude, latitude),
        None => summary.bbox = Some(BoundingBox::around(longitude, latitude)),
    }
    Ok(())
}

/// Puts a checked document into the shape ECharts 6 registers (its GeoJSON parser reads
/// `features` only, skips features without `properties`, and draws outlines only); returns
/// whether anything changed.
pub(crate) fn make_registrable(document: &mut Value) -> bool {
    let mut changed = false;
    if document.get("type").and_then(Value::as_str) == Some("Feature") {
        let feature = std::mem::take(document);
        *document = json!({ "type": "FeatureCollection", "features": [feature] });
        changed = true;
    }
    let Some(features) = document.get_mut("features").and_then(Value::as_array_mut) else {
        return changed;
    };
    for feature in features {
        let Some(feature) = feature.as_object_mut() else {
            continue;
        };
        if !feature.get("properties").is_some_and(Value::is_object) {
            feature.insert("properties".into(), json!({}));
            changed = true;
        }
        let drawn = feature
            .get("geometry")
            .and_then(|geometry| geometry.get("type"))
            .and_then(Value::as_str)
            .is_some_and(is_outline);
        let has_geometry = feature.get("geometry").is_some_and(|g| !g.is_null());
        if has_geometry && !drawn {
            feature.insert("geometry".into(), Value::Null);
            changed = true;
        }
    }
    changed
}
