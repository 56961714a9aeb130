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
