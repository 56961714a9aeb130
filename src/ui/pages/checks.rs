//! 数据核对: every finding of the ledger's figures (`calc::checks`), grouped by severity, each
//! linking the figures it is about, with stated against computed and the wording the data
//! supports. The findings are the state's memo, so they re-run as the ledger changes.

use crate::calc::checks::Severity;
use crate::i18n::{text, Message};
use crate::ui::components::findings::FindingItem;
use crate::ui::state::AppState;
use leptos::prelude::*;

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
