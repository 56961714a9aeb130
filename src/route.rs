//! Pages as `location.hash` values. The project list carries its filter in the hash
//! (`#/projects?class=重点建设&light=red`), so a chart click, a bookmark and the back button all
//! land on the same list.

use crate::calc::projects::{ProjectFilter, ProjectSort};
use crate::model::RecordId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Dashboard,
    /// The indicator table of one work area (`None`: the first area).
    Indicators(Option<RecordId>),
    Indicator(RecordId),
    Data,
    /// The project list with its filter, sort and page.
    Projects(ProjectQuery),
    Project(RecordId),
    NewProject,
    ProjectStats,
    ProjectMap,
    /// Missing reports, overdue supervision items and supervision counts.
    Supervision,
    Bulletins,
    /// 到期提醒: approvals expiring, expired or pending too long, by owner.
    Deadlines,
    /// 联审会: joint review meetings.
    Meetings,
    /// 数据核对: every finding of the ledger's figures, and a pasted draft checked.
    Checks,
    /// 工作总结: the work summary drafted from the ledger.
    Report,
    /// A work summary kept in the ledger.
    Summary(RecordId),
}

/// The project list's state as the hash carries it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProjectQuery {
    pub filter: ProjectFilter,
    pub sort: ProjectSort,
    /// Zero-based page.
    pub page: usize,
}

impl ProjectQuery {
    fn from_query(query: &str) -> ProjectQuery {
        let mut out = ProjectQuery::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = percent_decode(value);
            let some = || Some(value.clone());
            match key {
                "q" => out.filter.text = value.clone(),
                "class" => out.filter.class = some(),
                "level" => out.filter.level = some(),
                "status" => out.filter.status = some(),
                "street" => out.filter.street = some(),
                "light" => out.filter.light = some(),
                "year" => out.filter.year = value.parse().ok(),
                "sort" => out.sort = ProjectSort::from_code(&value).unwrap_or_default(),
                "page" => out.page = value.parse::<usize>().unwrap_or(1).saturating_sub(1),
                _ => {}
            }
        }
        out
    }

    fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        let f = &self.filter;
        if !f.text.is_empty() {
            pairs.push(("q", f.text.clone()));
        }
        for (key, value) in [
            ("class", &f.class),
            ("level", &f.level),
            ("status", &f.status),
            ("street", &f.street),
            ("light", &f.light),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        if let Some(year) = f.year {
            pairs.push(("year", year.to_string()));
        }
        if self.sort != ProjectSort::default() {
            pairs.push(("sort", self.sort.code().to_string()));
        }
        if self.page > 0 {
            pairs.push(("page", (self.page + 1).to_string()));
        }
        pairs
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// Encodes everything but unreserved ASCII as `%XX` of its UTF-8 bytes.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` sequences (and `+` as a space); invalid sequences stay as typed.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match text
                    .get(i + 1..i + 3)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(())
                {
                    Ok(byte) => {
                        out.push(byte);
                        i += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl Route {
    /// Reads a hash such as `#/indicator/ind-fai-total`; anything unknown is the dashboard.
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or_default(), parts.next()) {
            ("indicators", area) => Route::Indicators(area.and_then(RecordId::parse)),
            ("indicator", Some(id)) => match RecordId::parse(id) {
                Some(id) => Route::Indicator(id),
                None => Route::Dashboard,
            },
            ("data", _) => Route::Data,
            ("checks", _) => Route::Checks,
            ("report", Some(id)) => match RecordId::parse(id) {
                Some(id) => Route::Summary(id),
                None => Route::Report,
            },
            ("report", _) => Route::Report,
            ("projects", None | Some("")) => Route::Projects(ProjectQuery::from_query(query)),
            ("projects", Some("stats")) => Route::ProjectStats,
            ("projects", Some("map")) => Route::ProjectMap,
            ("projects", Some("supervision")) => Route::Supervision,
            ("projects", Some("bulletins")) => Route::Bulletins,
            ("projects", Some("deadlines")) => Route::Deadlines,
            ("projects", Some("meetings")) => Route::Meetings,
            ("projects", Some("new")) => Route::NewProject,
            ("project", Some(id)) => match RecordId::parse(id) {
                Some(id) => Route::Project(id),
                None => Route::Projects(ProjectQuery::default()),
            },
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
            Route::Projects(query) => {
                let query = query.to_query();
                if query.is_empty() {
                    "#/projects".to_string()
                } else {
                    format!("#/projects?{query}")
                }
            }
            Route::Project(id) => format!("#/project/{id}"),
            Route::NewProject => "#/projects/new".to_string(),
            Route::ProjectStats => "#/projects/stats".to_string(),
            Route::ProjectMap => "#/projects/map".to_string(),
            Route::Supervision => "#/projects/supervision".to_string(),
            Route::Bulletins => "#/projects/bulletins".to_string(),
            Route::Deadlines => "#/projects/deadlines".to_string(),
            Route::Meetings => "#/projects/meetings".to_string(),
            Route::Checks => "#/checks".to_string(),
            Route::Report => "#/report".to_string(),
            Route::Summary(id) => format!("#/report/{id}"),
        }
    }

    /// Whether the page belongs to the project ledger (for the navigation).
    pub fn is_project_page(&self) -> bool {
        matches!(
            self,
            Route::Projects(_)
                | Route::Project(_)
                | Route::NewProject
                | Route::ProjectStats
                | Route::ProjectMap
                | Route::Supervision
                | Route::Bulletins
                | Route::Deadlines
                | Route::Meetings
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filtered_project_list_survives_the_hash_round_trip() {
        let query = ProjectQuery {
            filter: ProjectFilter {
                text: "大桥 & 路".to_string(),
                class: Some("重点建设".to_string()),
                light: Some("red".to_string()),
                year: Some(2016),
                ..Default::default()
            },
            sort: ProjectSort::Investment,
            page: 2,
        };
        let route = Route::Projects(query);
        let hash = route.to_hash();
        assert!(hash.is_ascii(), "{hash}");
        assert_eq!(Route::from_hash(&hash), route);
        assert_eq!(
            Route::from_hash("#/projects?class=重点建设"),
            Route::Projects(ProjectQuery {
                filter: ProjectFilter {
                    class: Some("重点建设".to_string()),
                    ..Default::default()
                },
                ..Default::default()
            })
        );
        assert_eq!(percent_decode("100%"), "100%");
        for route in [
            Route::ProjectStats,
            Route::ProjectMap,
            Route::Supervision,
            Route::Bulletins,
            Route::Deadlines,
            Route::Meetings,
            Route::Checks,
            Route::Report,
            Route::Summary(RecordId::parse("sum-2016").expect("id")),
            Route::NewProject,
            Route::Project(RecordId::parse("p-1").expect("id")),
        ] {
            assert_eq!(Route::from_hash(&route.to_hash()), route);
        }
    }
}
