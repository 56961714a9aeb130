//! One indicator: its chart (line or bar, partial periods marked), derived figures computed by
//! `calc`, and each value with its source sentence, scope and note.

use crate::calc::{self, Comparability};
use crate::charts::{self, ChartStyle};
use crate::i18n::text;
use crate::i18n::Message;
use crate::model::{Edit, IndicatorKind, Lang, Qualifier, Record, RecordId};
use crate::ui::components::{format_amount, EChart, FieldError};
use crate::ui::state::AppState;
use leptos::prelude::*;

fn percent(value: impl std::fmt::Display) -> String {
    format!("{value}%")
}

/// Edits what describes an indicator: names, unit, kind, description, scope.
#[component]
fn IndicatorEditor(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<Message>);
    let original = state
        .dataset
        .with_untracked(|d| d.as_ref().and_then(|d| d.indicator(&id).cloned()));
    let Some(original) = original else {
        return view! { <span></span> }.into_any();
    };
    let name = RwSignal::new(original.name.clone());
    let name_en = RwSignal::new(original.name_en.clone());
    let unit = RwSignal::new(original.unit.to_string());
    let kind = RwSignal::new(original.kind);
    let description = RwSignal::new(original.description.clone());
    let scope_note = RwSignal::new(original.scope_note.clone());
    let units = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.units()
                        .map(|u| (u.id.to_string(), u.symbol.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    // A stored id keeps `save` `Copy`, so the form (re-created by <Show>) can take it.
    let id = StoredValue::new(id);
    let save = move || {
        let Some(mut indicator) = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.indicator(id).cloned()))
        }) else {
            return;
        };
        indicator.name = name.get_untracked().trim().to_string();
        indicator.name_en = name_en.get_untracked().trim().to_string();
        if let Some(unit_id) = RecordId::parse(&unit.get_untracked()) {
            indicator.unit = unit_id;
        }
        indicator.kind = kind.get_untracked();
        indicator.description = description.get_untracked();
        indicator.scope_note = scope_note.get_untracked();
        match state.dispatch(Edit::Put(Record::Indicator(indicator))) {
            Ok(()) => {
                error.set(None);
                open.set(false);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let original_unit = original.unit.to_string();
    view! {
        <div class="editor">
            <button class="link" data-testid="edit-indicator" on:click=move |_| open.update(|o| *o = !*o)>
                {move || text(lang.get(), "indicator.edit")}
            </button>
            <Show when=move || open.get()>
                <form class="edit-form" data-testid="indicator-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                    <label>{move || text(lang.get(), "indicators.name")}
                        <input data-testid="indicator-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                    <label>"English"
                        <input data-testid="indicator-name-en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev)) /></label>
                    <label>{move || text(lang.get(), "table.unit")}
                        <select data-testid="indicator-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                            {
                                let original_unit = original_unit.clone();
                                move || units().into_iter().map(|(id, symbol)| {
                                    let selected = id == original_unit;
                                    view! { <option value=id selected=selected>{symbol}</option> }
                                }).collect_view()
                            }
                        </select></label>
                    <label>{move || text(lang.get(), "indicator.kind")}
                        <select data-testid="indicator-kind" on:change=move |ev| kind.set(IndicatorKind::from_code(&event_target_value(&ev)).unwrap_or_default())>
                            <option value="flow" selected=original.kind == IndicatorKind::Flow>{move || text(lang.get(), "kind.flow")}</option>
                            <option value="stock" selected=original.kind == IndicatorKind::Stock>{move || text(lang.get(), "kind.stock")}</option>
                        </select></label>
                    <label>{move || text(lang.get(), "indicator.description")}
                        <textarea data-testid="indicator-description" prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea></label>
                    <label>{move || text(lang.get(), "indicator.scope")}
                        <textarea data-testid="indicator-scope-note" prop:value=move || scope_note.get() on:input=move |ev| scope_note.set(event_target_value(&ev))></textarea></label>
                    <div>
                        <button type="submit" data-testid="indicator-save">{move || text(lang.get(), "action.save")}</button>
                        <FieldError error=error test_id="indicator-form-error" />
                    </div>
                </form>
            </Show>
        </div>
    }
    .into_any()
}

/// Edits one value's provenance: qualifier, source sentence, scope note, note.
#[component]
fn ValueDetailsEditor(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<Message>);
    let Some(original) = state
        .dataset
        .with_untracked(|d| d.as_ref().and_then(|d| d.value(&id).cloned()))
    else {
        return view! { <span></span> }.into_any();
    };
    let qualifier = RwSignal::new(original.qualifier);
    let source = RwSignal::new(original.source.clone());
    let scope_note = RwSignal::new(original.scope_note.clone());
    let note = RwSignal::new(original.note.clone());
    let id = StoredValue::new(id);
    let save = move || {
        let Some(mut value) = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.value(id).cloned()))
        }) else {
            return;
        };
        value.qualifier = qualifier.get_untracked();
        value.source = source.get_untracked();
        value.scope_note = scope_note.get_untracked();
        value.note = note.get_untracked();
        match state.dispatch(Edit::Put(Record::Value(value))) {
            Ok(()) => {
                error.set(None);
                open.set(false);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    view! {
        <button class="link" data-testid="edit-value" on:click=move |_| open.update(|o| *o = !*o)>
            {move || text(lang.get(), "indicator.edit_value")}
        </button>
        <Show when=move || open.get()>
            <form class="edit-form" data-testid="value-form" on:submit=move |ev| { ev.prevent_default(); save(); }>
                <label>{move || text(lang.get(), "indicator.qualifier")}
                    <select data-testid="value-qualifier" on:change=move |ev| qualifier.set(Qualifier::from_code(&event_target_value(&ev)).unwrap_or_default())>
                        <option value="exact" selected=original.qualifier == Qualifier::Exact>{move || text(lang.get(), "qualifier.exact")}</option>
                        <option value="about" selected=original.qualifier == Qualifier::About>{move || text(lang.get(), "qualifier.about")}</option>
                        <option value="at_least" selected=original.qualifier == Qualifier::AtLeast>{move || text(lang.get(), "qualifier.at_least")}</option>
                    </select></label>
                <label>{move || text(lang.get(), "indicator.source")}
                    <textarea data-testid="value-source-input" prop:value=move || source.get() on:input=move |ev| source.set(event_target_value(&ev))></textarea></label>
                <label>{move || text(lang.get(), "indicator.scope")}
                    <textarea data-testid="value-scope-input" prop:value=move || scope_note.get() on:input=move |ev| scope_note.set(event_target_value(&ev))></textarea></label>
                <label>{move || text(lang.get(), "indicator.note")}
                    <textarea data-testid="value-note-input" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea></label>
                <div>
                    <button type="submit" data-testid="value-save">{move || text(lang.get(), "action.save")}</button>
                    <FieldError error=error />
                </div>
            </form>
        </Show>
    }
    .into_any()
}

/// An indicator's targets: listed, removable, and added by period and amount as typed.
#[component]
fn TargetsEditor(id: RecordId, unit: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let id = StoredValue::new(id);
    let period_input = RwSignal::new(String::new());
    let amount_input = RwSignal::new(String::new());
    let note_input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let current = move || {
        state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.indicator(id).cloned()))
        })
    };
    let add = move || {
        use crate::i18n::ToMessage;
        let Some(mut indicator) = current() else {
            return;
        };
        let document_date = state
            .dataset
            .with_untracked(|d| d.as_ref().map(|d| d.meta.document_date));
        let Some(document_date) = document_date else {
            return;
        };
        let period = match crate::model::parse_period(&period_input.get_untracked(), document_date)
        {
            Ok(period) => period,
            Err(e) => return error.set(Some(e.to_message())),
        };
        let amount = match crate::model::parse_amount_input(&amount_input.get_untracked()) {
            Ok(typed) => typed.amount,
            Err(e) => return error.set(Some(e.to_message())),
        };
        if indicator.targets.iter().any(|t| t.period == period) {
            return error.set(Some(
                Message::new("period.exists").with("period", period.label(lang.get_untracked())),
            ));
        }
        indicator.targets.push(crate::model::Target {
            period,
            amount,
            note: note_input.get_untracked(),
        });
        crate::sorting::sort_by_key(&mut indicator.targets, |t| t.period);
        match state.dispatch(Edit::Put(Record::Indicator(indicator))) {
            Ok(()) => {
                period_input.set(String::new());
                amount_input.set(String::new());
                note_input.set(String::new());
                error.set(None);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let list = move || {
        let current_lang = lang.get();
        let targets = state.dataset.with(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.indicator(id).map(|i| i.targets.clone())))
                .unwrap_or_default()
        });
        targets
            .into_iter()
            .map(|t| {
                let period = t.period;
                let remove = move |_| {
                    let Some(mut indicator) = current() else { return };
                    indicator.targets.retain(|t| t.period != period);
                    error.set(state.dispatch(Edit::Put(Record::Indicator(indicator))).err());
                };
                view! {
                    <li data-testid="target" data-period=t.period.code()>
                        {format!("{}: {} {} {}", t.period.label(current_lang), t.amount, unit, t.note)}
                        " "<button class="link danger" data-testid="target-delete" on:click=remove>{text(current_lang, "indicators.delete")}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <ul class="targets">{list}</ul>
        <form class="inline-form" data-testid="add-target" on:submit=move |ev| { ev.prevent_default(); add(); }>
            <input class="short" data-testid="target-period" placeholder=move || text(lang.get(), "indicator.target_period")
                prop:value=move || period_input.get() on:input=move |ev| period_input.set(event_target_value(&ev)) />
            <input class="short" data-testid="target-amount" placeholder=move || text(lang.get(), "indicator.target_amount")
                prop:value=move || amount_input.get() on:input=move |ev| amount_input.set(event_target_value(&ev)) />
            <input data-testid="target-note" placeholder=move || text(lang.get(), "indicator.note")
                prop:value=move || note_input.get() on:input=move |ev| note_input.set(event_target_value(&ev)) />
            <button type="submit" data-testid="target-submit">{move || text(lang.get(), "indicator.add_target")}</button>
            <FieldError error=error test_id="target-error" />
        </form>
    }
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
                Comparability::ScopeDiffers => format!(" ({})", text(current_lang, "indicator.scope_warning")),
            };
            let growth = derived
                .growth
                .iter()
                .map(|g| {
                    view! {
                        <li data-testid="derived-growth" class:partial=g.comparability != Comparability::Comparable>
                            {format!("{} {} → {}: {}{}",
                                text(current_lang, if g.to.previous_year() == Some(g.from) { "indicator.yoy" } else { "indicator.growth" }),
                                g.from.label(current_lang),
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
                    // A count the approvals register keeps: its records' count beside the figure,
                    // and when the two disagree, by how much.
                    let counted = indicator.counted.map(|what| {
                        let keeps = crate::calc::approvals::keeps_records_for(d, what);
                        let records = keeps.then(|| crate::calc::approvals::count(d, what, &v.period));
                        let shown = match records {
                            Some(n) => n.to_string(),
                            None => text(current_lang, "indicator.counted_none").to_string(),
                        };
                        let difference = records
                            .map(|n| (v.amount.0 - rust_decimal::Decimal::from(n as u64)).abs())
                            .filter(|d| !d.is_zero());
                        let differs = difference.is_some();
                        let finding = records.zip(difference).map(|(n, difference)| {
                            let message = Message::new("indicator.counted_differs")
                                .with("counted", n)
                                .with("unit", text(current_lang, counted_unit_key(what)))
                                .with("difference", difference.normalize());
                            view! {
                                <span class="counted-difference" data-testid="value-counted-difference">{message.render(current_lang)}</span>
                            }
                        });
                        view! {
                            <p class="counted" class:differs=differs data-testid="value-counted">
                                {text(current_lang, "indicator.counted_from_records")}": "<b data-testid="value-counted-figure">{shown}</b>
                                " "{finding}
                                <a href="#/projects/deadlines">" →"</a>
                            </p>
                        }
                    });
                    view! {
                        <li class="value-item" data-testid="value-item" data-period=v.period.code()>
                            <p><b>{v.period.label(current_lang)}</b>": "<span data-testid="value-amount">{format_amount(v, current_lang)}</span>" "{unit.clone()}</p>
                            {counted}
                            {source}{scope}{note}
                            <ValueDetailsEditor id=v.id.clone() />
                        </li>
                    }
                })
                .collect_view();
            let kind = text(current_lang, match indicator.kind {
                crate::model::IndicatorKind::Flow => "kind.flow",
                crate::model::IndicatorKind::Stock => "kind.stock",
            });
            view! {
                <h1 data-testid="indicator-title">{name}</h1>
                <p class="muted">{format!("{unit} · {kind}")}</p>
                <IndicatorEditor id=indicator.id.clone() />
                {(!indicator.description.is_empty()).then(|| view! { <p><b>{text(current_lang, "indicator.description")}": "</b>{indicator.description.clone()}</p> })}
                {(!indicator.scope_note.is_empty()).then(|| view! { <p class="scope" data-testid="indicator-scope"><b>{text(current_lang, "indicator.scope")}": "</b>{indicator.scope_note.clone()}</p> })}
                <h2>{text(current_lang, "indicator.derived")}</h2>
                <ul class="derived" data-testid="derived">
                    {growth}{cagr}{cumulative}
                    {nothing_derived.then(|| view! { <li class="muted">{text(current_lang, "indicator.none_derived")}</li> })}
                </ul>
                <crate::ui::components::relations::IndicatorChecks id=indicator.id.clone() />
                <h2>{text(current_lang, "indicator.targets")}</h2>
                <TargetsEditor id=indicator.id.clone() unit=unit.clone() />
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
            <p class="muted small">{move || text(lang.get(), "chart.colour_key")}</p>
            {body}
        </section>
    }
}

/// The unit a register count is counted in (件, 次, 家 …).
fn counted_unit_key(what: crate::model::RecordCount) -> &'static str {
    use crate::model::RecordCount;
    match what {
        RecordCount::ApprovalsDone => "counted.unit.approvals_done",
        RecordCount::JointMeetings => "counted.unit.joint_meetings",
        RecordCount::RemindedOwners => "counted.unit.reminded_owners",
        RecordCount::ExtensionOwners => "counted.unit.extension_owners",
        RecordCount::ProxyFilings => "counted.unit.proxy_filings",
    }
}
