//! Widgets the project pages share: the section's tabs, the light badge, the reporting date
//! they judge by, and 万元 for reading.

use crate::calc::projects::light_code;
use crate::i18n::text;
use crate::model::project::Light;
use crate::model::Date;
use crate::ui::route::{ProjectQuery, Route};
use crate::ui::state::AppState;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// What the project list and the dashboard's summary are worked out from: the revisions of the
/// projects, their monthly reports and supervision items (equal numbers, equal records) and the
/// reporting date they are judged by.
type ProjectsKey = (u64, u64, u64, Date);

fn projects_key(dataset: &crate::model::Dataset) -> ProjectsKey {
    use crate::model::RecordKind;
    (
        dataset.revision(RecordKind::Project),
        dataset.revision(RecordKind::Report),
        dataset.revision(RecordKind::Supervision),
        dataset.meta.document_date,
    )
}

thread_local! {
    /// The open ledger's project rows and summary as last worked out, kept while the records
    /// they read are unchanged: opening the list, the statistics or the dashboard again, or an
    /// edit to an indicator, does not re-read a city ledger's 180,000 monthly reports (about
    /// 0.2 s each time, issue 14).
    static ROWS: std::cell::RefCell<Option<(ProjectsKey, std::sync::Arc<Vec<crate::calc::projects::ProjectRow>>)>> =
        const { std::cell::RefCell::new(None) };
    static SUMMARY: std::cell::RefCell<Option<(ProjectsKey, crate::calc::projects::LedgerSummary)>> =
        const { std::cell::RefCell::new(None) };
}

/// What `cell` keeps if it was worked out for `dataset`'s projects as they are now; else
/// `work_out`'s answer, kept in its place.
fn kept<T: Clone>(
    cell: &'static std::thread::LocalKey<std::cell::RefCell<Option<(ProjectsKey, T)>>>,
    dataset: &crate::model::Dataset,
    work_out: impl FnOnce() -> T,
) -> T {
    let key = projects_key(dataset);
    cell.with(|cell| {
        let mut kept = cell.borrow_mut();
        match kept.as_ref() {
            Some((built_from, value)) if *built_from == key => value.clone(),
            _ => {
                let value = work_out();
                *kept = Some((key, value.clone()));
                value
            }
        }
    })
}

/// The ledger's project rows as the list shows them, as of its reporting date (see `ROWS`).
pub fn project_rows_of(
    dataset: &crate::model::Dataset,
) -> std::sync::Arc<Vec<crate::calc::projects::ProjectRow>> {
    kept(&ROWS, dataset, || {
        std::sync::Arc::new(crate::calc::projects::project_rows(
            dataset,
            dataset.meta.document_date,
        ))
    })
}

/// The project ledger at a glance, as of the reporting date (see `ROWS`).
pub fn summary_of(dataset: &crate::model::Dataset) -> crate::calc::projects::LedgerSummary {
    kept(&SUMMARY, dataset, || {
        crate::calc::projects::summarize(dataset, dataset.meta.document_date)
    })
}

/// The date the project pages judge by: the ledger's reporting date (截至).
pub fn as_of(state: AppState) -> Option<Date> {
    state
        .dataset
        .with(|d| d.as_ref().map(|d| d.meta.document_date))
}

/// The translation key of a light code.
pub fn light_key(code: &str) -> &'static str {
    match code {
        "red" => "light.red",
        "yellow" => "light.yellow",
        "green" => "light.green",
        _ => "light.none",
    }
}

/// 万元 as typed (exact), with a thousands separator for reading.
pub fn wan(amount: Decimal) -> String {
    crate::model::Amount(amount).grouped()
}

/// A coloured dot and the light's name (colour is never the only signal).
#[component]
pub fn LightBadge(light: Option<Light>) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let code = light_code(light);
    view! {
        <span class=format!("light light-{code}") data-testid="light" data-light=code>
            {move || text(lang.get(), light_key(code))}
        </span>
    }
}

/// The tabs of the project section.
#[component]
pub fn ProjectTabs() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let tab = move |route: Route, key: &'static str, test_id: &'static str| {
        let hash = route.to_hash();
        let active = move || {
            let current = state.route.get();
            std::mem::discriminant(&current) == std::mem::discriminant(&route)
        };
        view! {
            <a href=hash class:active=active data-testid=test_id>{move || text(lang.get(), key)}</a>
        }
    };
    view! {
        <nav class="tabs" data-testid="project-tabs">
            {tab(Route::Projects(ProjectQuery::default()), "projects.list", "tab-projects")}
            {tab(Route::ProjectStats, "projects.stats", "tab-stats")}
            {tab(Route::ProjectMap, "projects.map", "tab-map")}
            {tab(Route::Supervision, "projects.supervision", "tab-supervision")}
            {tab(Route::Bulletins, "projects.bulletins", "tab-bulletins")}
            {tab(Route::Deadlines, "projects.deadlines", "tab-deadlines")}
            {tab(Route::Meetings, "projects.meetings", "tab-meetings")}
            <a href="#/projects/new" class="button" data-testid="project-new">{move || text(lang.get(), "projects.new")}</a>
        </nav>
    }
}
