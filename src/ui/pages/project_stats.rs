//! Statistics of the project ledger (统计分析): counts and investment by class, level, status,
//! street and year, planned investment by year and class, plan completion by class, the largest
//! projects, and the yearly plans checked against the indicator ledger. Every chart opens the
//! matching project list (or the project) when clicked.

use crate::calc::projects::{
    group_rows, plan_checks, plans_by_year_and_class, Group, GroupBy, ProjectFilter,
};
use crate::calc::PlanMismatch;
use crate::charts::projects::{
    completion_rate_bar, count_and_investment_bar, ranking, share_pie, stacked_bar, AxisNames,
    GroupRow,
};
use crate::charts::ChartSpec;
use crate::i18n::{status_key, text};
use crate::model::{Lang, RecordId};
use crate::ui::components::project::{light_key, wan, ProjectTabs};
use crate::ui::components::EChart;
use crate::ui::route::{navigate, ProjectQuery, Route};
use crate::ui::state::AppState;
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

/// The list filtered to one group.
fn open_group(by: GroupBy, key: String) {
    let mut filter = ProjectFilter::default();
    match by {
        GroupBy::Class => filter.class = Some(key),
        GroupBy::Level => filter.level = Some(key),
        GroupBy::Status => filter.status = Some(key),
        GroupBy::Street => filter.street = Some(key),
        GroupBy::Year => filter.year = key.parse().ok(),
    }
    navigate(&Route::Projects(ProjectQuery {
        filter,
        ..ProjectQuery::default()
    }));
}

fn group_label(by: GroupBy, key: &str, lang: Lang) -> String {
    match by {
        GroupBy::Status => text(lang, status_key(key)).to_string(),
        _ if key.is_empty() => text(lang, "stats.unspecified").to_string(),
        GroupBy::Class => crate::i18n::class_label(key, lang),
        GroupBy::Level => crate::i18n::level_label(key, lang),
        _ => key.to_string(),
    }
}

fn to_rows(by: GroupBy, groups: &[Group], lang: Lang) -> Vec<GroupRow> {
    groups
        .iter()
        .map(|g| GroupRow {
            key: g.key.clone(),
            label: group_label(by, &g.key, lang),
            count: g.count,
            investment_wan: g.investment.to_f64().unwrap_or(0.0),
        })
        .collect()
}

/// A chart whose click opens the group's list.
fn group_chart(
    spec: Signal<Option<ChartSpec>>,
    by: GroupBy,
    test_id: &'static str,
) -> impl IntoView {
    // Charts with nothing to draw (no project has a year, say) are left out, not shown empty.
    view! {
        <Show when=move || spec.with(Option::is_some)>
            <EChart spec=spec test_id=test_id on_click=Callback::new(move |key: String| open_group(by, key)) />
        </Show>
    }
}

#[component]
pub fn ProjectStatsPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let rows = Memo::new(move |_| {
        state.dataset.with(|d| match d {
            Some(d) => crate::ui::components::project::project_rows_of(d),
            None => std::sync::Arc::new(Vec::new()),
        })
    });
    let groups = move |by: GroupBy| {
        state.dataset.with(|d| match d {
            Some(d) => rows.with(|r| group_rows(d, r, by)),
            None => Vec::new(),
        })
    };
    let names = move |lang: Lang, category: &'static str| AxisNames {
        category: text(lang, category),
        value: text(lang, "stats.count"),
        second_value: text(lang, "stats.investment_yi"),
    };
    let bar = move |by: GroupBy, title: &'static str, category: &'static str| {
        Signal::derive(move || {
            let lang = lang.get();
            let groups = groups(by);
            (!groups.is_empty()).then(|| {
                count_and_investment_bar(
                    text(lang, title),
                    &to_rows(by, &groups, lang),
                    names(lang, category),
                    lang,
                )
            })
        })
    };
    let by_class = bar(GroupBy::Class, "stats.by_class", "project.class");
    let by_status = bar(GroupBy::Status, "stats.by_status", "project.status");
    let by_street = bar(GroupBy::Street, "stats.by_street", "project.street");
    let by_year = bar(GroupBy::Year, "stats.by_year", "stats.year");
    let by_level = Signal::derive(move || {
        let lang = lang.get();
        let groups = groups(GroupBy::Level);
        (!groups.is_empty()).then(|| {
            share_pie(
                text(lang, "stats.by_level"),
                &to_rows(GroupBy::Level, &groups, lang),
                names(lang, "project.level"),
                lang,
            )
        })
    });
    let plans = Signal::derive(move || {
        let lang = lang.get();
        state.dataset.with(|d| {
            let d = d.as_ref()?;
            let (years, series) = rows.with(|r| plans_by_year_and_class(d, r));
            if years.is_empty() {
                return None;
            }
            let categories: Vec<String> = years.iter().map(|y| y.to_string()).collect();
            let series: Vec<(String, Vec<f64>)> = series
                .into_iter()
                .map(|(class, values)| {
                    (
                        class,
                        values.iter().map(|v| v.to_f64().unwrap_or(0.0)).collect(),
                    )
                })
                .collect();
            Some(stacked_bar(
                text(lang, "stats.plans_by_year"),
                &categories,
                &series,
                AxisNames {
                    category: text(lang, "stats.year"),
                    value: text(lang, "stats.planned_investment"),
                    second_value: "",
                },
                text(lang, "project.wan"),
                lang,
            ))
        })
    });
    let completion = Signal::derive(move || {
        let lang = lang.get();
        let groups = groups(GroupBy::Class);
        let rates: Vec<(String, String, f64)> = groups
            .iter()
            .filter_map(|g| {
                g.plan_rate().map(|rate| {
                    (
                        g.key.clone(),
                        group_label(GroupBy::Class, &g.key, lang),
                        rate.to_f64().unwrap_or(0.0),
                    )
                })
            })
            .collect();
        (!rates.is_empty()).then(|| {
            completion_rate_bar(
                text(lang, "stats.plan_rate_by_class"),
                &rates,
                AxisNames {
                    category: text(lang, "project.class"),
                    value: text(lang, "stats.rate"),
                    second_value: "",
                },
                lang,
            )
        })
    });
    let largest = Signal::derive(move || {
        let lang = lang.get();
        let ranked: Vec<(String, String, f64)> = rows.with(|r| {
            r.iter()
                .filter_map(|row| {
                    row.total_investment.map(|t| {
                        (
                            row.id.to_string(),
                            row.name.clone(),
                            t.to_f64().unwrap_or(0.0),
                        )
                    })
                })
                .collect()
        });
        (!ranked.is_empty()).then(|| {
            ranking(
                text(lang, "stats.largest"),
                &ranked,
                AxisNames {
                    category: text(lang, "project.name"),
                    value: text(lang, "project.total_investment"),
                    second_value: "",
                },
                text(lang, "project.wan"),
                lang,
            )
        })
    });
    let lights = move || {
        rows.with(|r| {
            ["red", "yellow", "green", "none"]
                .into_iter()
                .map(|code| {
                    let n = r
                        .iter()
                        .filter(|row| crate::calc::projects::light_code(row.light) == code)
                        .count();
                    (code, n)
                })
                .collect::<Vec<_>>()
        })
    };
    let checks = move || {
        state
            .dataset
            .with(|d| d.map(plan_checks).unwrap_or_default())
    };
    view! {
        <section class="project-stats" data-testid="project-stats-page">
            <h1>{move || text(lang.get(), "projects.stats")}</h1>
            <ProjectTabs />
            <p class="light-summary" data-testid="light-summary">
                {move || lights().into_iter().map(|(code, n)| {
                    let filter = ProjectFilter { light: Some(code.to_string()), ..ProjectFilter::default() };
                    let href = Route::Projects(ProjectQuery { filter, ..ProjectQuery::default() }).to_hash();
                    view! {
                        <a class=format!("light light-{code}") href=href data-testid=format!("lights-{code}")>
                            {format!("{} {n}", text(lang.get(), light_key(code)))}
                        </a>
                    }
                }).collect_view()}
            </p>
            <div class="chart-grid">
                {group_chart(by_class, GroupBy::Class, "stats-by-class")}
                {group_chart(by_level, GroupBy::Level, "stats-by-level")}
                {group_chart(by_status, GroupBy::Status, "stats-by-status")}
                {group_chart(by_street, GroupBy::Street, "stats-by-street")}
                {group_chart(by_year, GroupBy::Year, "stats-by-year")}
                {group_chart(plans, GroupBy::Year, "stats-plans-by-year")}
                {group_chart(completion, GroupBy::Class, "stats-plan-rate")}
                <Show when=move || largest.with(Option::is_some)>
                    <EChart spec=largest test_id="stats-largest"
                        on_click=Callback::new(move |id: String| {
                            if let Some(id) = RecordId::parse(&id) {
                                navigate(&Route::Project(id));
                            }
                        }) />
                </Show>
            </div>
            <h2>{move || text(lang.get(), "stats.plan_checks")}</h2>
            <p class="muted">{move || text(lang.get(), "stats.plan_checks_hint")}</p>
            <table class="ledger" data-testid="plan-checks">
                <thead><tr>
                    <th>{move || text(lang.get(), "stats.year")}</th>
                    <th>{move || text(lang.get(), "project.class")}</th>
                    <th class="num">{move || text(lang.get(), "stats.ledger_says")}</th>
                    <th class="num">{move || text(lang.get(), "stats.plans_say")}</th>
                    <th>{move || text(lang.get(), "stats.finding")}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let lang = lang.get();
                        checks().into_iter().map(|c| {
                            let ledger = format!("{} / {}",
                                c.ledger_count.map(|n| n.normalize().to_string()).unwrap_or_else(|| "—".into()),
                                c.ledger_total.map(wan).unwrap_or_else(|| "—".into()));
                            let plans = format!("{} / {}", c.projects,
                                c.planned_total.map(wan).unwrap_or_else(|| "—".into()));
                            let (class, finding) = if c.projects == 0 {
                                ("muted", text(lang, "stats.no_plans").to_string())
                            } else if c.mismatches.is_empty() {
                                ("ok", text(lang, "stats.agrees").to_string())
                            } else {
                                ("error", c.mismatches.iter().map(|m| match m {
                                    PlanMismatch::Count { projects, ledger } => text(lang, "stats.count_differs")
                                        .replace("{projects}", &projects.to_string())
                                        .replace("{ledger}", &ledger.normalize().to_string()),
                                    PlanMismatch::Total { planned, ledger } => text(lang, "stats.total_differs")
                                        .replace("{planned}", &wan(*planned))
                                        .replace("{ledger}", &wan(*ledger)),
                                    PlanMismatch::UnitMismatch => text(lang, "stats.unit_mismatch").to_string(),
                                }).collect::<Vec<_>>().join(if lang == Lang::Zh { "；" } else { "; " }))
                            };
                            view! {
                                <tr data-testid="plan-check-row">
                                    <td>{c.year}</td><td>{crate::i18n::class_label(&c.class, lang)}</td>
                                    <td class="num">{ledger}</td><td class="num">{plans}</td>
                                    <td class=class>{finding}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </section>
    }
}
