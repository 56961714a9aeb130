//! The dashboard: headline figures (each with its period), the project ledger at a glance
//! (projects, red lights, missing reports, overdue supervision items, each opening its list) and
//! the charts of the indicators with the longest runs of years.

use crate::charts::{self, ChartStyle};
use crate::i18n::text;
use crate::model::{Dataset, Lang, Period, RecordId};
use crate::ui::components::{format_amount, EChart};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// One headline: an area's first indicator that has figures, with its latest single-period
/// figure (multi-year totals are shown too when that is all there is).
#[derive(Debug, Clone, PartialEq)]
struct Headline {
    indicator: RecordId,
    area: String,
    name: String,
    figure: String,
    unit: String,
    period: String,
}

fn headlines(dataset: &Dataset, lang: Lang) -> Vec<Headline> {
    let mut out = Vec::new();
    for area in dataset.areas() {
        for indicator in dataset.indicators_in(&area.id) {
            let values = dataset.values_of(&indicator.id);
            let latest = values
                .iter()
                .rev()
                .find(|v| !matches!(v.period, Period::Span { .. } | Period::Cumulative { .. }))
                .or(values.last());
            if let Some(value) = latest {
                let pick = |zh: &str, en: &str| match lang {
                    Lang::En if !en.is_empty() => en.to_string(),
                    _ => zh.to_string(),
                };
                out.push(Headline {
                    indicator: indicator.id.clone(),
                    area: pick(&area.name, &area.name_en),
                    name: pick(&indicator.name, &indicator.name_en),
                    figure: format_amount(value, lang),
                    unit: dataset
                        .unit(&indicator.unit)
                        .map(|u| u.symbol.clone())
                        .unwrap_or_default(),
                    period: value.period.label(lang),
                });
                break;
            }
        }
    }
    out
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let cards = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| headlines(d, lang.get()))
                .unwrap_or_default()
        })
    };
    // The project ledger at a glance, when the ledger has projects.
    let summary = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .filter(|d| d.projects().next().is_some())
                .map(|d| crate::ui::components::project::summary_of(d))
        })
    };
    // Approval deadlines as of the reporting date, when the ledger keeps approvals.
    let approvals_due = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .filter(|d| d.approvals().next().is_some())
                .map(|d| {
                    let options = state.deadline_options.get();
                    crate::ui::perf_mark("taizhang:deadline-counts-start");
                    let counts =
                        super::approvals::deadline_table(d).counts(d.meta.document_date, &options);
                    crate::ui::perf_mark("taizhang:deadline-counts-end");
                    counts
                })
        })
    };
    let s_date = move || {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.meta.document_date.to_iso()))
            .unwrap_or_default()
    };
    let chart_ids = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| charts::dashboard_indicators(d, 4))
                .unwrap_or_default()
        })
    });

    let as_of_label = move || {
        state
            .dataset
            .with(|d| {
                d.as_ref()
                    .map(|d| Period::AsOf(d.meta.document_date).label(lang.get()))
            })
            .unwrap_or_default()
    };
    let open_colleague_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        state.pending_import.set(Some(file));
        crate::ui::route::navigate(&crate::ui::route::Route::Data);
    };

    view! {
        <section data-testid="dashboard">
            <Show when=move || state.is_sample()>
                <section class="notice welcome" data-testid="welcome">
                    <p>{move || text(lang.get(), "sample.welcome")}</p>
                    <div class="actions">
                        <button data-testid="welcome-start-empty" on:click=move |_| super::data::start_empty_ledger(state)>
                            {move || text(lang.get(), "sample.start_empty")}
                        </button>
                        <label class="button" data-testid="welcome-open-file-label">
                            {move || text(lang.get(), "sample.open_file")}
                            <input type="file" class="visually-hidden" accept=".json,application/json"
                                data-testid="welcome-open-file" on:change=open_colleague_file />
                        </label>
                    </div>
                </section>
            </Show>
            {move || state.backup_overdue.get().map(|days| view! {
                <p class="notice" role="status" data-testid="backup-reminder">
                    {crate::i18n::Message::new("backup.overdue").with("days", days).render(lang.get())}" "
                    <a href="#/data" data-testid="backup-export-link">{text(lang.get(), "backup.export_now")}</a>
                </p>
            })}
            <p class="as-of" data-testid="dashboard-as-of">
                {move || text(lang.get(), "dashboard.as_of")}": "
                <strong data-testid="dashboard-as-of-date">{as_of_label}</strong>" "
                <a href="#/data" class="small">{move || text(lang.get(), "dashboard.change_date")}</a>
            </p>
            {move || {
                let [errors, warnings, ..] = state.findings.with(|f| crate::calc::checks::counts(f));
                let summary = crate::i18n::Message::new("checks.open_summary")
                    .with("errors", errors)
                    .with("warnings", warnings)
                    .render(lang.get());
                view! {
                    <p class="notice checks-notice" class:ok=errors + warnings == 0 data-testid="dashboard-findings">
                        <b>{text(lang.get(), "checks.open_findings")}": "</b>
                        <span data-testid="dashboard-findings-summary">{summary}</span>" "
                        <a href="#/checks">{text(lang.get(), "checks.see_all")}</a>
                    </p>
                }
            }}
            <h1>{move || text(lang.get(), "dashboard.headlines")}</h1>
            <Show when=move || !cards().is_empty()
                fallback=move || view! { <p class="muted" data-testid="dashboard-empty">{text(lang.get(), "dashboard.empty")}</p> }>
                <div class="cards">
                    {move || cards().into_iter().map(|h| view! {
                        <a class="card" href=format!("#/indicator/{}", h.indicator) data-testid="headline">
                            <span class="card-area">{h.area}</span>
                            <span class="card-name">{h.name}</span>
                            <span class="card-figure"><strong data-testid="headline-figure">{h.figure}</strong>" "{h.unit}</span>
                            <span class="card-period" data-testid="headline-period">{h.period}</span>
                        </a>
                    }).collect_view()}
                </div>
            </Show>
            {move || summary().map(|s| {
                let light_href = |code: &str| format!("#/projects?light={code}");
                let month = crate::model::dataset::month_code(s.report_month);
                view! {
                    <h2>{text(lang.get(), "nav.projects")}</h2>
                    <div class="cards" data-testid="project-summary-cards">
                        <a class="card" href="#/projects" data-testid="summary-projects">
                            <span class="card-name">{text(lang.get(), "dashboard.projects")}</span>
                            <span class="card-figure"><strong>{s.projects}</strong></span>
                            <span class="card-period">{format!("{} {}", text(lang.get(), "project.as_of"), s_date())}</span>
                        </a>
                        <a class="card" href=light_href("red") data-testid="summary-red">
                            <span class="card-name"><span class="light light-red">{text(lang.get(), "light.red")}</span></span>
                            <span class="card-figure"><strong>{s.red}</strong></span>
                            <span class="card-period">{format!("{} {} · {} {}", text(lang.get(), "light.yellow"), s.yellow, text(lang.get(), "light.green"), s.green)}</span>
                        </a>
                        <a class="card" href="#/projects/supervision" data-testid="summary-missing">
                            <span class="card-name">{text(lang.get(), "supervision.missing_reports")}</span>
                            <span class="card-figure"><strong>{s.missing_reports}</strong></span>
                            <span class="card-period">{month}</span>
                        </a>
                        <a class="card" href="#/projects/supervision" data-testid="summary-overdue">
                            <span class="card-name">{text(lang.get(), "supervision.overdue_list")}</span>
                            <span class="card-figure"><strong>{s.overdue_items}</strong></span>
                        </a>
                        {approvals_due().map(|c| view! {
                            <a class="card" href="#/projects/deadlines" data-testid="summary-deadlines">
                                <span class="card-name">{text(lang.get(), "dashboard.approvals")}</span>
                                <span class="card-figure"><strong data-testid="summary-deadlines-due">{c.expired + c.expiring}</strong></span>
                                <span class="card-period">{crate::i18n::Message::new("dashboard.approvals_due")
                                    .with("expired", c.expired).with("expiring", c.expiring).with("pending", c.long_pending)
                                    .render(lang.get())}</span>
                            </a>
                        })}
                    </div>
                }
            })}
            <h2>{move || text(lang.get(), "dashboard.charts")}</h2>
            <p class="muted small">{move || text(lang.get(), "chart.colour_key")}</p>
            <div class="chart-grid">
                <For each=move || chart_ids.get() key=|id| id.clone() let:id>
                    {
                        let id_for_spec = id.clone();
                        let spec = Signal::derive(move || {
                            state.dataset.with(|d| {
                                d.as_ref().and_then(|d| charts::indicator_trend(d, &id_for_spec, ChartStyle::Bar, lang.get()))
                            })
                        });
                        let target = id.clone();
                        let open = Callback::new(move |_: String| {
                            crate::ui::route::navigate(&crate::ui::route::Route::Indicator(target.clone()))
                        });
                        view! { <EChart spec=spec test_id="dashboard-chart" on_click=open /> }
                    }
                </For>
            </div>
        </section>
    }
}
