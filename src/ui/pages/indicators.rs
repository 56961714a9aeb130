//! The indicator ledger of one work area: a table of indicators × periods with inline
//! editing. Typed values are understood by the core (`parse_amount_input`, `parse_period`);
//! a refused value shows its message at the cell and nothing is stored.

use crate::calc;
use crate::i18n::{text, Message, ToMessage};
use crate::model::{
    parse_amount_input, parse_period, Edit, Indicator, IndicatorKind, Lang, Period, Record,
    RecordId, RecordKind, Unit, Value,
};
use crate::ui::components::{format_amount, FieldError};
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// What a typed cell becomes, or why not.
enum CellOutcome {
    Delete(RecordId),
    Nothing,
    Put(Value),
    UnknownUnit(String),
}

fn understand_cell(
    state: AppState,
    indicator: &RecordId,
    period: Period,
    input: &str,
) -> Result<CellOutcome, Message> {
    state.dataset.with_untracked(|dataset| {
        let dataset = dataset
            .as_ref()
            .ok_or_else(|| Message::new("edit.not_found").with("id", "dataset"))?;
        let existing = dataset.value_at(indicator, &period).cloned();
        if input.trim().is_empty() {
            return Ok(match existing {
                Some(value) => CellOutcome::Delete(value.id),
                None => CellOutcome::Nothing,
            });
        }
        let typed = parse_amount_input(input).map_err(|e| e.to_message())?;
        let indicator_record = dataset
            .indicator(indicator)
            .ok_or_else(|| Message::new("edit.not_found").with("id", indicator))?;
        let own_unit = dataset.unit(&indicator_record.unit);
        let mut amount = typed.amount;
        if let (Some(symbol), Some(own_unit)) = (&typed.unit, own_unit) {
            if symbol != &own_unit.symbol {
                let Some(typed_unit) = dataset.unit_by_symbol(symbol) else {
                    return Ok(CellOutcome::UnknownUnit(symbol.clone()));
                };
                amount = calc::convert(amount, typed_unit, own_unit).ok_or_else(|| {
                    Message::new("amount.unit_mismatch")
                        .with("expected", &own_unit.symbol)
                        .with("unit", symbol)
                })?;
            }
        }
        let value = match existing {
            Some(mut value) => {
                value.amount = amount;
                value.qualifier = typed.qualifier;
                value
            }
            None => Value {
                id: state.new_id(),
                indicator: indicator.clone(),
                period,
                amount,
                qualifier: typed.qualifier,
                source: String::new(),
                scope_note: String::new(),
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            },
        };
        Ok(CellOutcome::Put(value))
    })
}

/// Adds a unit nobody has defined yet (dimension unknown, no conversion).
fn add_unit(state: AppState, symbol: &str) -> Result<(), Message> {
    state.dispatch(Edit::Put(Record::Unit(Unit {
        id: state.new_id(),
        symbol: symbol.to_string(),
        name_en: symbol.to_string(),
        dimension: "other".to_string(),
        factor: None,
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    })))
}

/// One row of the table, as much as its layout needs.
#[derive(Debug, Clone, PartialEq)]
struct RowShape {
    id: RecordId,
    name: String,
    name_en: String,
    unit: String,
}

#[derive(Debug, Clone, PartialEq)]
struct TableShape {
    rows: Vec<RowShape>,
    periods: Vec<Period>,
}

#[component]
fn Cell(indicator: RecordId, period: Period) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let indicator_for_value = indicator.clone();
    let shown = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .and_then(|d| d.value_at(&indicator_for_value, &period))
                .map(|v| format_amount(v, lang.get()))
                .unwrap_or_default()
        })
    });
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let unknown_unit = RwSignal::new(None::<String>);
    let indicator_for_commit = indicator.clone();
    let commit = move || {
        let input = draft.get_untracked();
        unknown_unit.set(None);
        let outcome = understand_cell(state, &indicator_for_commit, period, &input);
        let result = match outcome {
            Err(message) => Err(message),
            Ok(CellOutcome::Nothing) => Ok(()),
            Ok(CellOutcome::UnknownUnit(symbol)) => {
                unknown_unit.set(Some(symbol.clone()));
                Err(Message::new("amount.unknown_unit").with("unit", symbol))
            }
            Ok(CellOutcome::Delete(id)) => state.dispatch(Edit::Delete {
                kind: RecordKind::Value,
                id,
            }),
            Ok(CellOutcome::Put(value)) => state.dispatch(Edit::Put(Record::Value(value))),
        };
        match result {
            Ok(()) => {
                error.set(None);
                editing.set(false);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let commit_on_key = commit.clone();
    let period_code = period.code();
    view! {
        <td class="cell" class:invalid=move || error.with(Option::is_some)
            data-testid="cell" data-indicator=indicator.to_string() data-period=period_code
            on:click=move |_| if !editing.get_untracked() {
                draft.set(shown.get_untracked());
                editing.set(true);
            }>
            <Show when=move || editing.get() fallback=move || view! { <span class="cell-value">{move || shown.get()}</span> }>
                <input class="cell-input" data-testid="cell-input" prop:value=move || draft.get()
                    autofocus=true
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:blur={
                        // Leaving the cell saves a changed figure, as in a spreadsheet; an
                        // unchanged one just closes. A refused figure keeps its message.
                        let commit = commit_on_key.clone();
                        move |_| {
                            if !editing.get_untracked() || error.with_untracked(Option::is_some) {
                                return;
                            }
                            if draft.get_untracked() == shown.get_untracked() {
                                editing.set(false);
                            } else {
                                commit();
                            }
                        }
                    }
                    on:keydown={
                        let commit = commit_on_key.clone();
                        move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
                            "Enter" => commit(),
                            "Escape" => { error.set(None); unknown_unit.set(None); editing.set(false); }
                            _ => {}
                        }
                    } />
            </Show>
            <Show when=move || error.with(Option::is_some)>
                <div class="field-error" role="alert" data-testid="cell-error">
                    {move || error.with(|e| e.as_ref().map(|m| m.render(lang.get())).unwrap_or_default())}
                    <Show when=move || unknown_unit.with(Option::is_some)>
                        <button class="link" data-testid="add-unit" on:click=move |ev| {
                            ev.stop_propagation();
                            if let Some(symbol) = unknown_unit.get_untracked() {
                                match add_unit(state, &symbol) {
                                    Ok(()) => { unknown_unit.set(None); error.set(None); }
                                    Err(message) => error.set(Some(message)),
                                }
                            }
                        }>
                            {move || format!("{} “{}”", text(lang.get(), "indicators.add_unit"), unknown_unit.get().unwrap_or_default())}
                        </button>
                    </Show>
                </div>
            </Show>
        </td>
    }
}

/// The form that adds an indicator to the area.
#[component]
fn AddIndicator(area: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let kind = RwSignal::new(IndicatorKind::Flow);
    let error = RwSignal::new(None::<Message>);
    let unknown_unit = RwSignal::new(false);
    let units = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| d.units().map(|u| u.symbol.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let submit = move |add_missing_unit: bool| {
        let symbol = unit.get_untracked().trim().to_string();
        let indicator_name = name.get_untracked().trim().to_string();
        if indicator_name.is_empty() {
            error.set(Some(Message::new("edit.empty_name").with("field", "name")));
            return;
        }
        if symbol.is_empty() {
            error.set(Some(Message::new("edit.empty_name").with("field", "unit")));
            return;
        }
        let existing_unit = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.unit_by_symbol(&symbol).map(|u| u.id.clone()))
        });
        let mut edits = Vec::new();
        let unit_id = match existing_unit {
            Some(id) => id,
            None if add_missing_unit => {
                let id = state.new_id();
                edits.push(Edit::Put(Record::Unit(Unit {
                    id: id.clone(),
                    symbol: symbol.clone(),
                    name_en: symbol.clone(),
                    dimension: "other".to_string(),
                    factor: None,
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                })));
                id
            }
            None => {
                unknown_unit.set(true);
                error.set(Some(
                    Message::new("amount.unknown_unit").with("unit", symbol),
                ));
                return;
            }
        };
        let order = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| {
                    d.indicators_in(&area)
                        .iter()
                        .map(|i| i.order)
                        .max()
                        .unwrap_or(0)
                        + 1
                })
                .unwrap_or(1)
        });
        edits.push(Edit::Put(Record::Indicator(Indicator {
            id: state.new_id(),
            area: area.clone(),
            name: indicator_name,
            name_en: String::new(),
            unit: unit_id,
            kind: kind.get_untracked(),
            description: String::new(),
            scope_note: String::new(),
            order,
            targets: Vec::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        })));
        match state.dispatch(Edit::Batch(edits)) {
            Ok(()) => {
                name.set(String::new());
                error.set(None);
                unknown_unit.set(false);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let submit_again = submit.clone();
    view! {
        <form class="inline-form" data-testid="add-indicator" on:submit=move |ev| { ev.prevent_default(); submit(false); }>
            <input data-testid="new-indicator-name" placeholder=move || text(lang.get(), "indicators.name")
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <input data-testid="new-indicator-unit" list="unit-symbols" placeholder=move || text(lang.get(), "table.unit")
                prop:value=move || unit.get() on:input=move |ev| { unit.set(event_target_value(&ev)); unknown_unit.set(false); } />
            <datalist id="unit-symbols">
                {move || units().into_iter().map(|s| view! { <option value=s.clone()></option> }).collect_view()}
            </datalist>
            <select data-testid="new-indicator-kind" on:change=move |ev| kind.set(
                IndicatorKind::from_code(&event_target_value(&ev)).unwrap_or_default())>
                <option value="flow">{move || text(lang.get(), "kind.flow")}</option>
                <option value="stock">{move || text(lang.get(), "kind.stock")}</option>
            </select>
            <button type="submit" data-testid="new-indicator-submit">{move || text(lang.get(), "indicators.add")}</button>
            <FieldError error=error test_id="add-indicator-error" />
            <Show when=move || unknown_unit.get()>
                <button type="button" class="link" data-testid="add-unit-and-indicator" on:click={
                    let submit = submit_again.clone();
                    move |_| submit(true)
                }>{move || text(lang.get(), "indicators.add_unit")}</button>
            </Show>
        </form>
    }
}

#[component]
pub fn IndicatorsPage(area: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let area_id = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref().and_then(|d| match &area {
                Some(id) if d.area(id).is_some() => Some(id.clone()),
                _ => d.areas().first().map(|a| a.id.clone()),
            })
        })
    });
    let extra_periods = RwSignal::new(Vec::<Period>::new());
    let period_input = RwSignal::new(String::new());
    let period_error = RwSignal::new(None::<Message>);

    let tabs = move || {
        state.dataset.with(|d| {
            let current = area_id.get();
            d.as_ref()
                .map(|d| {
                    d.areas()
                        .into_iter()
                        .map(|a| {
                            let label = if lang.get() == Lang::En && !a.name_en.is_empty() { a.name_en.clone() } else { a.name.clone() };
                            let active = Some(&a.id) == current.as_ref();
                            view! {
                                <a class="tab" class:active=active href=format!("#/indicators/{}", a.id) data-testid="area-tab">{label}</a>
                            }
                        })
                        .collect_view()
                })
        })
    };

    let columns = move || {
        let Some(area) = area_id.get() else {
            return Vec::new();
        };
        let mut periods = state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let ids: Vec<RecordId> = d
                        .indicators_in(&area)
                        .iter()
                        .map(|i| i.id.clone())
                        .collect();
                    d.periods_used_by(&ids)
                })
                .unwrap_or_default()
        });
        periods.extend(extra_periods.get());
        periods.sort();
        periods.dedup();
        periods
    };

    let add_period = move || {
        let input = period_input.get_untracked();
        let document_date = state
            .dataset
            .with_untracked(|d| d.as_ref().map(|d| d.meta.document_date));
        let Some(document_date) = document_date else {
            return;
        };
        match parse_period(&input, document_date) {
            Err(error) => period_error.set(Some(error.to_message())),
            Ok(period) => {
                if columns().contains(&period) {
                    period_error.set(Some(
                        Message::new("period.exists")
                            .with("period", period.label(lang.get_untracked())),
                    ));
                } else {
                    extra_periods.update(|p| p.push(period));
                    period_input.set(String::new());
                    period_error.set(None);
                }
            }
        }
    };

    // The table's shape (rows and columns) is a memo of its own, so editing a figure re-renders
    // one cell, not the whole table (a large ledger has thousands of cells per area).
    let shape = Memo::new(move |_| {
        let area = area_id.get()?;
        let periods = columns();
        state.dataset.with(|d| {
            let d = d.as_ref()?;
            let rows = d
                .indicators_in(&area)
                .into_iter()
                .map(|indicator| RowShape {
                    id: indicator.id.clone(),
                    name: indicator.name.clone(),
                    name_en: indicator.name_en.clone(),
                    unit: d
                        .unit(&indicator.unit)
                        .map(|u| u.symbol.clone())
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>();
            Some(TableShape { rows, periods })
        })
    });

    let table = move || {
        let Some(TableShape { rows, periods }) = shape.get() else {
            return view! { <p></p> }.into_any();
        };
        let current_lang = lang.get();
        if rows.is_empty() {
            return view! { <p class="muted" data-testid="indicators-empty">{text(current_lang, "indicators.empty")}</p> }.into_any();
        }
        let header = periods
            .iter()
            .map(|p| view! { <th data-testid="period-header" data-period=p.code()>{p.label(current_lang)}</th> })
            .collect_view();
        let rows = rows
            .into_iter()
            .map(|row| {
                let name = if current_lang == Lang::En && !row.name_en.is_empty() { row.name_en.clone() } else { row.name.clone() };
                let cells = periods
                    .iter()
                    .map(|period| view! { <Cell indicator=row.id.clone() period=*period /> })
                    .collect_view();
                let delete_id = row.id.clone();
                let delete = move |_| {
                    let confirmed = web_sys::window()
                        .and_then(|w| w.confirm_with_message(text(lang.get_untracked(), "indicators.confirm_delete")).ok())
                        .unwrap_or(false);
                    if confirmed {
                        let edit = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.delete_indicator_edit(&delete_id)));
                        if let Some(edit) = edit {
                            if let Err(message) = state.dispatch(edit) {
                                state.error.set(Some(message.render(lang.get_untracked())));
                            }
                        }
                    }
                };
                view! {
                    <tr data-testid="indicator-row" data-indicator=row.id.to_string()>
                        <th class="row-name"><a href=format!("#/indicator/{}", row.id) data-testid="indicator-link">{name}</a></th>
                        <td class="unit">{row.unit.clone()}</td>
                        {cells}
                        <td><button class="link danger" data-testid="delete-indicator" on:click=delete>{text(current_lang, "indicators.delete")}</button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="ledger" data-testid="ledger-table">
                    <thead><tr>
                        <th>{text(current_lang, "table.indicator")}</th>
                        <th>{text(current_lang, "table.unit")}</th>
                        {header}
                        <th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    view! {
        <section data-testid="indicators-page">
            <nav class="tabs">{tabs}</nav>
            <p class="muted">{move || text(lang.get(), "indicators.edit_hint")}</p>
            <form class="inline-form" data-testid="add-period" on:submit=move |ev| { ev.prevent_default(); add_period(); }>
                <input data-testid="new-period" placeholder=move || text(lang.get(), "indicators.period_placeholder")
                    prop:value=move || period_input.get() on:input=move |ev| period_input.set(event_target_value(&ev)) />
                <button type="submit" data-testid="new-period-submit">{move || text(lang.get(), "indicators.add_period")}</button>
                <FieldError error=period_error test_id="period-error" />
            </form>
            {table}
            {move || area_id.get().map(|area| view! { <AddIndicator area=area /> })}
        </section>
    }
}
