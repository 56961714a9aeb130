//! 数据核对: every finding of the ledger's figures (`calc::checks`), grouped by severity, each
//! linking the figures it is about, with stated against computed and the wording the data
//! supports. The findings are the state's memo, so they re-run as the ledger changes.

use crate::calc::checks::{figure_name, Finding, Severity};
use crate::i18n::{text, Message};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// One finding: what is checked, the figures (each a link to its indicator), what it says,
/// what the data supports, and the sentence it came from.
#[component]
pub fn FindingItem(finding: Finding) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let finding = StoredValue::new(finding);
    let body = move || {
        let current = lang.get();
        state.dataset.with(|d| {
            let Some(d) = d else {
                return view! { <span></span> }.into_any();
            };
            finding.with_value(|f| {
                let figures = f
                    .figures
                    .iter()
                    .enumerate()
                    .map(|(n, at)| {
                        let arrow = (n > 0).then_some(" ← ");
                        view! {
                            {arrow}
                            <a href=format!("#/indicator/{}", at.indicator) data-testid="finding-figure">
                                {figure_name(at, d, current)}
                            </a>
                        }
                    })
                    .collect_view();
                let supported = f.supported_texts(d, current);
                let supported = (!supported.is_empty()).then(|| {
                    view! {
                        <p class="supported" data-testid="finding-supported">
                            <b>{text(current, "checks.supported")}": "</b>{supported.join(" / ")}
                        </p>
                    }
                });
                let comparability = f.comparability_message().map(|m| {
                    view! { <p class="scope">{m.render(current)}</p> }
                });
                view! {
                    <p class="finding-head">
                        <b>{text(current, f.check.name_key())}</b>" · "{figures}
                    </p>
                    <p data-testid="finding-message">{f.describe(d, current)}</p>
                    {comparability}
                    {supported}
                    {(!f.source.is_empty()).then(|| view! { <blockquote class="source">{f.source.clone()}</blockquote> })}
                    {(!f.note.is_empty()).then(|| view! { <p class="note">{f.note.clone()}</p> })}
                }
                .into_any()
            })
        })
    };
    let (severity, relation) =
        finding.with_value(|f| (f.severity.code(), f.relation().map(|r| r.to_string())));
    view! {
        <li class=format!("finding {severity}") data-testid="finding" data-severity=severity
            data-relation=relation.unwrap_or_default()>
            {body}
        </li>
    }
}

/// The findings of one severity; errors and warnings open, the others folded.
#[component]
fn FindingGroup(severity: Severity) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let of_severity = move || {
        state.findings.with(|all| {
            all.iter()
                .filter(|f| f.severity == severity)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let count = move || of_severity().len();
    let list = move || {
        of_severity()
            .into_iter()
            .map(|f| view! { <FindingItem finding=f /> })
            .collect_view()
    };
    view! {
        <details class="finding-group" data-testid=format!("findings-{}", severity.code()) open=severity.is_open()>
            <summary>
                <h2>{move || text(lang.get(), severity.name_key())}" "
                    <span class="count" data-testid="findings-count">{count}</span></h2>
            </summary>
            <ul class="findings">{list}</ul>
        </details>
    }
}

#[component]
pub fn ChecksPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let factor = RwSignal::new(
        state
            .check_options
            .get_untracked()
            .jump_factor
            .normalize()
            .to_string(),
    );
    let factor_error = RwSignal::new(None::<Message>);
    let set_factor = move || match factor
        .get_untracked()
        .trim()
        .parse::<rust_decimal::Decimal>()
    {
        Ok(f) if f > rust_decimal::Decimal::ONE => {
            factor_error.set(None);
            state.set_jump_factor(f);
        }
        _ => factor_error.set(Some(
            Message::new("checks.bad_factor").with("input", factor.get_untracked()),
        )),
    };
    let summary = move || {
        state
            .findings
            .with(|f| crate::calc::checks::summary_message(f))
            .render(lang.get())
    };
    view! {
        <section data-testid="checks-page">
            <h1>{move || text(lang.get(), "checks.title")}</h1>
            <p class="muted">{move || text(lang.get(), "checks.intro")}</p>
            <p data-testid="checks-summary"><b>{summary}</b></p>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); set_factor(); }>
                <label>{move || text(lang.get(), "checks.jump_factor")}
                    <input type="text" inputmode="decimal" size="4" data-testid="jump-factor"
                        prop:value=move || factor.get()
                        on:input=move |ev| factor.set(event_target_value(&ev)) />
                </label>
                <button type="submit">{move || text(lang.get(), "action.save")}</button>
                {move || factor_error.get().map(|m| view! { <span class="error">{m.render(lang.get())}</span> })}
            </form>
            {Severity::ALL.into_iter().map(|s| view! { <FindingGroup severity=s /> }).collect_view()}
            <crate::ui::pages::draft::DraftCheck />
        </section>
    }
}
