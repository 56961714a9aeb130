//! One finding of the checks (`calc::checks::Finding`) as 数据核对 and an indicator's page show
//! it: what is checked, the figures it is about (each a link), what it says, what the data
//! supports, and the sentence it came from.

use crate::calc::checks::{figure_name, Finding};
use crate::i18n::text;
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
