//! Work areas and units are records the user edits like any other: rename an area, add one;
//! add a unit with its dimension and exact factor, correct one; rename an approval item across
//! every approval that names it. Shown on the data page.

use crate::i18n::{text, Message, ToMessage};
use crate::model::{parse_amount_input, Area, Edit, Lang, Record, RecordId, RecordKind, Unit};
use crate::ui::components::FieldError;
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// One editable row of the area list.
#[component]
fn AreaRow(area: Area) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let name = RwSignal::new(area.name.clone());
    let name_en = RwSignal::new(area.name_en.clone());
    let error = RwSignal::new(None::<Message>);
    let id = StoredValue::new(area.id.clone());
    let save = move |_| {
        let Some(mut area) = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.area(id).cloned()))
        }) else {
            return;
        };
        area.name = name.get_untracked().trim().to_string();
        area.name_en = name_en.get_untracked().trim().to_string();
        error.set(state.dispatch(Edit::Put(Record::Area(area))).err());
    };
    let delete = move |_| {
        let edit = Edit::Delete {
            kind: RecordKind::Area,
            id: id.get_value(),
        };
        error.set(state.dispatch(edit).err());
    };
    view! {
        <tr data-testid="area-row">
            <td><input data-testid="area-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></td>
            <td><input data-testid="area-name-en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev)) /></td>
            <td>
                <button data-testid="area-save" on:click=save>{move || text(lang.get(), "action.save")}</button>
                <button class="link danger" data-testid="area-delete" on:click=delete>{move || text(lang.get(), "indicators.delete")}</button>
                <FieldError error=error test_id="area-error" />
            </td>
        </tr>
    }
}

/// Reads a unit factor field: empty means "no exact conversion".
fn parse_factor(text: &str) -> Result<Option<crate::model::Amount>, Message> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    use crate::i18n::ToMessage;
    parse_amount_input(text)
        .map(|typed| Some(typed.amount))
        .map_err(|e| e.to_message())
}

#[component]
fn UnitRow(unit: Unit) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let symbol = RwSignal::new(unit.symbol.clone());
    let name_en = RwSignal::new(unit.name_en.clone());
    let dimension = RwSignal::new(unit.dimension.clone());
    let factor = RwSignal::new(unit.factor.map(|f| f.canonical()).unwrap_or_default());
    let error = RwSignal::new(None::<Message>);
    let id = StoredValue::new(unit.id.clone());
    let save = move |_| {
        let Some(mut unit) = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| id.with_value(|id| d.unit(id).cloned()))
        }) else {
            return;
        };
        unit.symbol = symbol.get_untracked().trim().to_string();
        unit.name_en = name_en.get_untracked().trim().to_string();
        unit.dimension = dimension.get_untracked().trim().to_string();
        match parse_factor(&factor.get_untracked()) {
            Ok(parsed) => {
                unit.factor = parsed;
                error.set(state.dispatch(Edit::Put(Record::Unit(unit))).err());
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let delete = move |_| {
        let edit = Edit::Delete {
            kind: RecordKind::Unit,
            id: id.get_value(),
        };
        error.set(state.dispatch(edit).err());
    };
    view! {
        <tr data-testid="unit-row">
            <td><input class="short" data-testid="unit-symbol" prop:value=move || symbol.get() on:input=move |ev| symbol.set(event_target_value(&ev)) /></td>
            <td><input data-testid="unit-name-en" prop:value=move || name_en.get() on:input=move |ev| name_en.set(event_target_value(&ev)) /></td>
            <td><input class="short" data-testid="unit-dimension" prop:value=move || dimension.get() on:input=move |ev| dimension.set(event_target_value(&ev)) /></td>
            <td><input class="short" data-testid="unit-factor" prop:value=move || factor.get() on:input=move |ev| factor.set(event_target_value(&ev)) /></td>
            <td>
                <button data-testid="unit-save" on:click=save>{move || text(lang.get(), "action.save")}</button>
                <button class="link danger" data-testid="unit-delete" on:click=delete>{move || text(lang.get(), "indicators.delete")}</button>
                <FieldError error=error test_id="unit-error" />
            </td>
        </tr>
    }
}

/// One approval item the ledger uses, with how many approvals name it and a field to rename it
/// in all of them (one undoable edit; renaming onto another item merges the two).
#[component]
fn ApprovalItemRow(item: String, count: usize) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let name = RwSignal::new(item.clone());
    let error = RwSignal::new(None::<Message>);
    let from = StoredValue::new(item.clone());
    let rename = move |_| {
        let edit = state.dataset.with_untracked(|d| {
            d.as_ref().map(|d| {
                from.with_value(|from| d.rename_approval_item_edit(from, &name.get_untracked()))
            })
        });
        match edit {
            Some(Ok(Some(edit))) => error.set(state.dispatch(edit).err()),
            Some(Err(refused)) => error.set(Some(refused.to_message())),
            Some(Ok(None)) | None => error.set(None),
        }
    };
    let label = (crate::model::approval::item_label_en(&item) != item)
        .then(|| crate::model::approval::item_label_en(&item).to_string());
    view! {
        <tr data-testid="approval-item-row" data-item=item.clone()>
            <td><input data-testid="approval-item-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                {label.map(|en| view! { <span class="muted" data-testid="approval-item-en">" "{move || (lang.get() == Lang::En).then(|| en.clone())}</span> })}</td>
            <td class="num" data-testid="approval-item-count">{count}</td>
            <td>
                <button data-testid="approval-item-rename" on:click=rename>{move || text(lang.get(), "catalogue.rename_item")}</button>
                <FieldError error=error test_id="approval-item-error" />
            </td>
        </tr>
    }
}

/// The lists of areas and units with their add forms.
#[component]
pub fn Catalogue() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let areas = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| d.areas().into_iter().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let units = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| d.units().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let new_area = RwSignal::new(String::new());
    let area_error = RwSignal::new(None::<Message>);
    let add_area = move || {
        let order = areas.with_untracked(|a| a.iter().map(|a| a.order).max().unwrap_or(0) + 1);
        let area = Area {
            id: state.new_id(),
            name: new_area.get_untracked().trim().to_string(),
            name_en: String::new(),
            order,
            columns: Vec::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        };
        match state.dispatch(Edit::Put(Record::Area(area))) {
            Ok(()) => {
                new_area.set(String::new());
                area_error.set(None);
            }
            Err(message) => area_error.set(Some(message)),
        }
    };
    let new_symbol = RwSignal::new(String::new());
    let new_dimension = RwSignal::new(String::new());
    let new_factor = RwSignal::new(String::new());
    let unit_error = RwSignal::new(None::<Message>);
    let add_unit = move || {
        let factor = match parse_factor(&new_factor.get_untracked()) {
            Ok(factor) => factor,
            Err(message) => {
                unit_error.set(Some(message));
                return;
            }
        };
        let symbol = new_symbol.get_untracked().trim().to_string();
        let unit = Unit {
            id: state.new_id(),
            name_en: symbol.clone(),
            symbol,
            dimension: new_dimension.get_untracked().trim().to_string(),
            factor,
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        };
        match state.dispatch(Edit::Put(Record::Unit(unit))) {
            Ok(()) => {
                new_symbol.set(String::new());
                new_factor.set(String::new());
                unit_error.set(None);
            }
            Err(message) => unit_error.set(Some(message)),
        }
    };
    let approval_items = Memo::new(move |_| {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.approval_items()).unwrap_or_default())
    });
    let key_of = |id: &RecordId, stamps: usize| format!("{id}:{stamps}");
    view! {
        <h2>{move || text(lang.get(), "catalogue.areas")}</h2>
        <table class="catalogue" data-testid="areas-table">
            <thead><tr>
                <th>{move || text(lang.get(), "catalogue.name_zh")}</th>
                <th>{move || text(lang.get(), "catalogue.name_en")}</th>
                <th></th>
            </tr></thead>
            <tbody>
                <For each=move || areas.get() key=move |a| key_of(&a.id, a.stamps.len()) + &a.name + &a.name_en let:area>
                    <AreaRow area=area />
                </For>
            </tbody>
        </table>
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); add_area(); }>
            <input data-testid="new-area-name" placeholder=move || text(lang.get(), "catalogue.name_zh")
                prop:value=move || new_area.get() on:input=move |ev| new_area.set(event_target_value(&ev)) />
            <button type="submit" data-testid="new-area-submit">{move || text(lang.get(), "catalogue.add_area")}</button>
            <FieldError error=area_error test_id="new-area-error" />
        </form>
        <h2>{move || text(lang.get(), "catalogue.units")}</h2>
        <p class="muted">{move || text(lang.get(), "catalogue.units_explain")}</p>
        <table class="catalogue" data-testid="units-table">
            <thead><tr>
                <th>{move || text(lang.get(), "catalogue.symbol")}</th>
                <th>{move || text(lang.get(), "catalogue.name_en")}</th>
                <th>{move || text(lang.get(), "catalogue.dimension")}</th>
                <th>{move || text(lang.get(), "catalogue.factor")}</th>
                <th></th>
            </tr></thead>
            <tbody>
                <For each=move || units.get() key=move |u| key_of(&u.id, u.stamps.len()) + &u.symbol let:unit>
                    <UnitRow unit=unit />
                </For>
            </tbody>
        </table>
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); add_unit(); }>
            <input class="short" data-testid="new-unit-symbol" placeholder=move || text(lang.get(), "catalogue.symbol")
                prop:value=move || new_symbol.get() on:input=move |ev| new_symbol.set(event_target_value(&ev)) />
            <input class="short" data-testid="new-unit-dimension" placeholder=move || text(lang.get(), "catalogue.dimension")
                prop:value=move || new_dimension.get() on:input=move |ev| new_dimension.set(event_target_value(&ev)) />
            <input class="short" data-testid="new-unit-factor" placeholder=move || text(lang.get(), "catalogue.factor")
                prop:value=move || new_factor.get() on:input=move |ev| new_factor.set(event_target_value(&ev)) />
            <button type="submit" data-testid="new-unit-submit">{move || text(lang.get(), "catalogue.add_unit")}</button>
            <FieldError error=unit_error test_id="new-unit-error" />
        </form>
        <h2>{move || text(lang.get(), "catalogue.approval_items")}</h2>
        <p class="muted">{move || text(lang.get(), "catalogue.approval_items_explain")}</p>
        <Show when=move || !approval_items.with(Vec::is_empty)
            fallback=move || view! { <p class="muted" data-testid="approval-items-empty">{move || text(lang.get(), "catalogue.approval_items_none")}</p> }>
            <table class="catalogue" data-testid="approval-items-table">
                <thead><tr>
                    <th>{move || text(lang.get(), "approval.item")}</th>
                    <th>{move || text(lang.get(), "catalogue.approval_item_count")}</th>
                    <th></th>
                </tr></thead>
                <tbody>
                    <For each=move || approval_items.get() key=|(item, n)| (item.clone(), *n) let:row>
                        <ApprovalItemRow item=row.0 count=row.1 />
                    </For>
                </tbody>
            </table>
        </Show>
    }
}
