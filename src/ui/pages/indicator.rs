//! One indicator: its chart (line or bar, partial periods marked), derived figures computed by
//! `calc`, and each value with its source sentence, scope and note.

use crate::calc::{self, Comparability};
use crate::charts::{self, ChartStyle};
use crate::i18n::text;
use crate::model::{Lang, RecordId};
use crate::ui::components::{format_amount, EChart};
use crate::ui::state::AppState;
use leptos::prelude::*;

fn percent(value: impl std::fmt::Display) -> String {
    format!("{value}%")
}

#[component]
pub fn IndicatorPage(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let style = RwSignal::new(ChartStyle::Line);
    let id_for_spec = id.clone();
    let spec = Signal::derive(move || {
        state.dataset.with(|d| {
            d.as_ref()
                .and_then(|d| charts::indicator_trend(d, &id_for_spec, style.get(), lang.get()))
        })
    });
    let id_for_body = id.clone();
    let body = move || {
        let current_lang = lang.get();
        state.dataset.with(|d| {
            let Some(d) = d.as_ref() else { return view! { <p></p> }.into_any() };
            let Some(indicator) = d.indicator(&id_for_body) else {
                return view! { <p class="error" data-testid="indicator-missing">{text(current_lang, "indicator.not_found")}</p> }.into_any();
            };
            let unit = d.unit(&indicator.unit).map(|u| u.symbol.clone()).unwrap_or_default();
            let name = if current_lang == Lang::En && !indicator.name_en.is_empty() { indicator.name_en.clone() } else { indicator.name.clone() };
            let derived = calc::derive_for_indicator(d, &indicator.id);
            let partial_note = move |c: Comparability| match c {
                Comparability::Comparable => String::new(),
                Comparability::Partial => format!(" ({})", text(current_lang, "indicator.partial_warning")),
            };
            let growth = derived
                .growth
                .iter()
                .map(|g| {
                    view! {
                        <li data-testid="derived-growth" class:partial=g.comparability == Comparability::Partial>
                            {format!("{} {} → {}: {}{}", text(current_lang, "indicator.yoy"), g.from.label(current_lang),
                                g.to.label(current_lang), percent(g.percent), partial_note(g.comparability))}
                        </li>
                    }
                })
                .collect_view();
            let cagr = derived.cagr.as_ref().map(|c| {
                view! {
                    <li data-testid="derived-cagr">
                        {format!("{} {} → {}: {}{}", text(current_lang, "indicator.cagr"), c.from.label(current_lang),
                            c.to.label(current_lang), percent(c.percent), partial_note(c.comparability))}
                    </li>
                }
            });
            let cumulative = derived.cumulative.as_ref().map(|c| {
                let missing = if c.years_missing.is_empty() {
                    String::new()
                } else {
                    format!(" ({}: {})", text(current_lang, "indicator.missing_years"),
                        c.years_missing.iter().map(|y| y.to_string()).collect::<Vec<_>>().join(", "))
                };
                view! {
                    <li data-testid="derived-cumulative">
                        {format!("{} {}—{}: {} {}{}", text(current_lang, "indicator.cumulative"), c.from_year, c.to_year,
                            c.total.normalize(), unit, missing)}
                    </li>
                }
            });
            let nothing_derived = derived.growth.is_empty() && derived.cagr.is_none() && derived.cumulative.is_none();
            let values = d
                .values_of(&indicator.id)
                .into_iter()
                .map(|v| {
                    let scope = (!v.scope_note.is_empty()).then(|| view! {
                        <p class="scope"><b>{text(current_lang, "indicator.scope")}": "</b>{v.scope_note.clone()}</p>
                    });
                    let note = (!v.note.is_empty()).then(|| view! {
                        <p class="note"><b>{text(current_lang, "indicator.note")}": "</b>{v.note.clone()}</p>
                    });
                    let source = (!v.source.is_empty()).then(|| view! {
                        <blockquote class="source" data-testid="value-source">{v.source.clone()}</blockquote>
                    });
                    view! {
                        <li class="value-item" data-testid="value-item" data-period=v.period.code()>
                            <p><b>{v.period.label(current_lang)}</b>": "<span data-testid="value-amount">{format_amount(v, current_lang)}</span>" "{unit.clone()}</p>
                            {source}{scope}{note}
                        </li>
                    }
                })
                .collect_view();
            let targets = indicator
                .targets
                .iter()
                .map(|t| view! { <li>{format!("{}: {} {} {}", t.period.label(current_lang), t.amount, unit, t.note)}</li> })
                .collect_view();
            let kind = text(current_lang, match indicator.kind {
                crate::model::IndicatorKind::Flow => "kind.flow",
                crate::model::IndicatorKind::Stock => "kind.stock",
            });
            view! {
                <h1 data-testid="indicator-title">{name}</h1>
                <p class="muted">{format!("{unit} · {kind}")}</p>
                {(!indicator.description.is_empty()).then(|| view! { <p><b>{text(current_lang, "indicator.description")}": "</b>{indicator.description.clone()}</p> })}
                {(!indicator.scope_note.is_empty()).then(|| view! { <p class="scope" data-testid="indicator-scope"><b>{text(current_lang, "indicator.scope")}": "</b>{indicator.scope_note.clone()}</p> })}
                <h2>{text(current_lang, "indicator.derived")}</h2>
                <ul class="derived" data-testid="derived">
                    {growth}{cagr}{cumulative}
                    {nothing_derived.then(|| view! { <li class="muted">{text(current_lang, "indicator.none_derived")}</li> })}
                </ul>
                {(!indicator.targets.is_empty()).then(|| view! { <h2>{text(current_lang, "indicator.targets")}</h2><ul>{targets}</ul> })}
                <h2>{text(current_lang, "indicator.values")}</h2>
                <ul class="values">{values}</ul>
            }
            .into_any()
        })
    };
    view! {
        <section data-testid="indicator-page">
            <p><a href=move || format!("#/indicators/{}", state.current_area())>{move || text(lang.get(), "indicator.back")}</a></p>
            <div class="chart-style">
                <button data-testid="style-line" class:active=move || style.get() == ChartStyle::Line on:click=move |_| style.set(ChartStyle::Line)>{move || text(lang.get(), "chart.line")}</button>
                <button data-testid="style-bar" class:active=move || style.get() == ChartStyle::Bar on:click=move |_| style.set(ChartStyle::Bar)>{move || text(lang.get(), "chart.bar")}</button>
            </div>
            <EChart spec=spec test_id="indicator-chart" height=360 />
            {body}
        </section>
    }
}
