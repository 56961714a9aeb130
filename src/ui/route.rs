//! Pages as `location.hash` values.

use crate::model::RecordId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    /// The indicator table of one work area (`None`: the first area).
    Indicators(Option<RecordId>),
    Indicator(RecordId),
    Data,
}

impl Route {
    /// Reads a hash such as `#/indicator/ind-fai-total`; anything unknown is the dashboard.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or_default(), parts.next()) {
            ("indicators", area) => Route::Indicators(area.and_then(RecordId::parse)),
            ("indicator", Some(id)) => match RecordId::parse(id) {
                Some(id) => Route::Indicator(id),
                None => Route::Dashboard,
            },
            ("data", _) => Route::Data,
            _ => Route::Dashboard,
        }
    }

    pub fn to_hash(&self) -> String {
        match self {
            Route::Dashboard => "#/".to_string(),
            Route::Indicators(Some(area)) => format!("#/indicators/{area}"),
            Route::Indicators(None) => "#/indicators".to_string(),
            Route::Indicator(id) => format!("#/indicator/{id}"),
            Route::Data => "#/data".to_string(),
        }
    }
}
