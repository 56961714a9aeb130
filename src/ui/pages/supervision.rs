//! Progress and supervision at a glance (进度管理 · 项目督办): the projects whose monthly report for
//! a chosen month is missing, the overdue supervision items, and the items counted per project
//! and per responsible unit.

use crate::calc::projects::{
    due_report_month, missing_reports, overdue_items, supervision_counts, SupervisionBy,
};
use crate::i18n::text;
use crate::model::dataset::month_code;
use crate::model::{Date, Period, YearMonth};
use crate::ui::components::project::{as_of, ProjectTabs};
use crate::ui::state::AppState;
use leptos::prelude::*;

#[component]
pub fn SupervisionPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let today = as_of(state).unwrap_or(Date {
        year: 2016,
        month: 1,
        day: 1,
    });
    let default_month = due_report_month(today);
    let month_text = RwSignal::new(month_code(default_month));
    let month = move || match Period::from_code(&month_text.get()) {
        Ok(Period::Month { year, month }) => Some(YearMonth { year, month }),
        _ => None,
    };
    let missing = move || {
        let Some(month) = month() else {
            return Vec::new();
        };
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    missing_reports(d, month)
                        .into_iter()
                        .map(|p| {
                            (
                                p.id.clone(),
                                p.name.clone(),
                                p.owner.clone(),
                                p.section.clone(),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let overdue = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    overdue_items(d, today)
                        .into_iter()
                        .map(|i| {
                            let project = d
                                .project(&i.project)
                                .map(|p| p.name.clone())
                                .unwrap_or_default();
                            (
                                i.project.clone(),
                                project,
                                i.problem.clone(),
                                i.responsible.clone(),
                                i.deadline,
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let counts = move |by: SupervisionBy| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    supervision_counts(d, by, today)
                        .into_iter()
                        .map(|c| {
                            let label = match by {
                                SupervisionBy::Project => crate::model::RecordId::parse(&c.key)
                                    .and_then(|id| d.project(&id).map(|p| p.name.clone()))
                                    .unwrap_or_else(|| c.key.clone()),
                                SupervisionBy::Responsible if c.key.is_empty() => "—".to_string(),
                                SupervisionBy::Responsible => c.key.clone(),
                            };
                            (label, c)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let count_table = move |by: SupervisionBy, test_id: &'static str, first: &'static str| {
        view! {
            <table class="ledger" data-testid=test_id>
                <thead><tr>
                    <th>{move || text(lang.get(), first)}</th>
                    <th class="num">{move || text(lang.get(), "supervision.open")}</th>
                    <th class="num">{move || text(lang.get(), "supervision.rectified")}</th>
                    <th class="num">{move || text(lang.get(), "supervision.closed")}</th>
                    <th class="num">{move || text(lang.get(), "supervision.overdue")}</th>
                </tr></thead>
                <tbody>
                    {move || counts(by).into_iter().map(|(label, c)| view! {
                        <tr data-testid="count-row">
                            <td>{label}</td><td class="num">{c.open}</td><td class="num">{c.rectified}</td>
                            <td class="num">{c.closed}</td><td class="num">{c.overdue}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    view! {
        <section class="supervision-page" data-testid="supervision-page">
            <h1>{move || text(lang.get(), "projects.supervision")}</h1>
            <ProjectTabs />
            <h2>{move || text(lang.get(), "supervision.missing_reports")}</h2>
            <label class="field">
                <span>{move || text(lang.get(), "report.month")}</span>
                <input type="month" data-testid="missing-month" prop:value=move || month_text.get()
                    on:input=move |ev| month_text.set(event_target_value(&ev)) />
            </label>
            <table class="ledger" data-testid="missing-reports">
                <thead><tr>
                    <th>{move || text(lang.get(), "project.name")}</th>
                    <th>{move || text(lang.get(), "project.owner")}</th>
                    <th>{move || text(lang.get(), "project.section")}</th>
                </tr></thead>
                <tbody>
                    {move || missing().into_iter().map(|(id, name, owner, section)| view! {
                        <tr data-testid="missing-row"><td><a href=format!("#/project/{id}")>{name}</a></td><td>{owner}</td><td>{section}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            <p class="muted" data-testid="missing-count">{move || {
                let n = missing().len();
                text(lang.get(), "supervision.missing_count").replace("{count}", &n.to_string())
            }}</p>
            <h2>{move || text(lang.get(), "supervision.overdue_list")}</h2>
            <p class="muted">{move || format!("{} {}", text(lang.get(), "project.as_of"), today.to_iso())}</p>
            <table class="ledger" data-testid="overdue-items">
                <thead><tr>
                    <th>{move || text(lang.get(), "project.name")}</th>
                    <th>{move || text(lang.get(), "supervision.problem")}</th>
                    <th>{move || text(lang.get(), "supervision.responsible")}</th>
                    <th>{move || text(lang.get(), "supervision.deadline")}</th>
                </tr></thead>
                <tbody>
                    {move || overdue().into_iter().map(|(id, project, problem, responsible, deadline)| view! {
                        <tr data-testid="overdue-row">
                            <td><a href=format!("#/project/{id}")>{project}</a></td><td>{problem}</td><td>{responsible}</td>
                            <td>{deadline.map(|d| d.to_iso()).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <h2>{move || text(lang.get(), "supervision.by_project")}</h2>
            {count_table(SupervisionBy::Project, "counts-by-project", "project.name")}
            <h2>{move || text(lang.get(), "supervision.by_unit")}</h2>
            {count_table(SupervisionBy::Responsible, "counts-by-unit", "supervision.responsible")}
        </section>
    }
}
