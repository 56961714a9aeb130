//! An indicator's findings and the statements (relations) recorded about it: each finding as on
//! the 数据核对 page, each relation editable and deletable (one undoable step), and a form to add
//! one. The form is read by `workspace::forms::read_relation`; the model judges its shape.

use crate::calc::checks::{kind_name_key, Severity};
use crate::i18n::{text, Message};
use crate::model::{Edit, Record, RecordId, RecordKind, RelationKind};
use crate::ui::components::findings::FindingItem;
use crate::ui::components::FieldError;
use crate::ui::state::AppState;
use crate::workspace::forms::{read_relation, RelationInput};
use leptos::prelude::*;

/// The form adding a relation about `indicator` (or editing `relation`).
#[component]
fn RelationForm(
    indicator: RecordId,
    relation: Option<RecordId>,
    #[prop(into)] on_done: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let Some((input, document_date)) = state.dataset.with_untracked(|d| {
        d.map(|d| {
            let existing = relation.as_ref().and_then(|id| d.relation(id));
            let latest = d
                .values_of(&indicator)
                .last()
                .map(|v| v.period.code())
                .unwrap_or_default();
            (
                RelationInput::from_relation(existing, &latest),
                d.meta.document_date,
            )
        })
    }) else {
        return view! { <span></span> }.into_any();
    };
    let kind = RwSignal::new(input.kind.clone());
    let subject_period = RwSignal::new(input.subject_period.clone());
    let mut rows = input.base.clone();
    if rows.is_empty() {
        rows.push((indicator.to_string(), String::new()));
    }
    let base = RwSignal::new(rows);
    let stated = RwSignal::new(input.stated.clone());
    let qualifier = RwSignal::new(input.qualifier.clone());
    let complete = RwSignal::new(input.complete);
    let source = RwSignal::new(input.source.clone());
    let note = RwSignal::new(input.note.clone());
    let errors: [RwSignal<Option<Message>>; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let field_index = |field: &str| match field {
        "kind" => 0,
        "subject" => 1,
        "base" | "indicator" => 2,
        _ => 3,
    };
    let indicators = state.dataset.with_untracked(|d| {
        d.map(|d| {
            d.indicators()
                .map(|i| (i.id.to_string(), i.name.clone()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let indicators = StoredValue::new(indicators);
    let id = StoredValue::new(relation.clone().unwrap_or_else(|| state.new_id()));
    let subject = StoredValue::new(indicator);
    let save = move || {
        for e in errors {
            e.set(None);
        }
        let input = RelationInput {
            kind: kind.get_untracked(),
            subject_period: subject_period.get_untracked(),
            base: base.get_untracked(),
            stated: stated.get_untracked(),
            qualifier: qualifier.get_untracked(),
            complete: complete.get_untracked(),
            source: source.get_untracked(),
            note: note.get_untracked(),
        };
        let read = read_relation(&input, id.get_value(), subject.get_value(), document_date);
        match read {
            Err(problems) => {
                for (field, message) in problems {
                    errors[field_index(field)].set(Some(message));
                }
            }
            Ok(relation) => match state.dispatch(Edit::Put(Record::Relation(relation))) {
                Ok(()) => on_done.run(()),
                Err(message) => {
                    let at = field_index(message.field.unwrap_or("stated_pct"));
                    errors[at].set(Some(message));
                }
            },
        }
    };
    let kinds = RelationKind::ALL;
    view! {
        <form class="edit-form relation-form" data-testid="relation-form"
            on:submit=move |ev| { ev.prevent_default(); save(); }>
            <label>{move || text(lang.get(), "relation.kind")}
                <select data-testid="relation-kind" prop:value=move || kind.get()
                    on:change=move |ev| kind.set(event_target_value(&ev))>
                    {kinds.into_iter().map(|k| view! {
                        <option value=k.code() selected=input.kind == k.code()>{move || text(lang.get(), kind_name_key(k))}</option>
                    }).collect_view()}
                </select>
            </label>
            <FieldError error=errors[0] />
            <label>{move || text(lang.get(), "relation.subject_period")}
                <input type="text" data-testid="relation-subject-period" prop:value=move || subject_period.get()
                    on:input=move |ev| subject_period.set(event_target_value(&ev)) />
            </label>
            <FieldError error=errors[1] />
            <fieldset>
                <legend>{move || text(lang.get(), "relation.base")}</legend>
                {move || {
                    let rows = base.get();
                    rows.into_iter().enumerate().map(|(n, (ind, period))| {
                        view! {
                            <div class="base-row" data-testid="relation-base-row">
                                <select data-testid="relation-base-indicator"
                                    on:change=move |ev| { let v = event_target_value(&ev); base.update(|b| b[n].0 = v); }>
                                    <option value="" selected=ind.is_empty()>{move || text(lang.get(), "relation.none")}</option>
                                    {indicators.with_value(|all| all.iter().map(|(value, name)| view! {
                                        <option value=value.clone() selected=*value == ind>{name.clone()}</option>
                                    }).collect_view())}
                                </select>
                                <input type="text" data-testid="relation-base-period" placeholder="2015"
                                    prop:value=period.clone()
                                    on:change=move |ev| { let v = event_target_value(&ev); base.update(|b| b[n].1 = v); } />
                            </div>
                        }
                    }).collect_view()
                }}
                <button type="button" class="link" data-testid="relation-add-base"
                    on:click=move |_| base.update(|b| b.push((String::new(), String::new())))>
                    {move || text(lang.get(), "relation.add_base")}
                </button>
            </fieldset>
            <FieldError error=errors[2] />
            <label>{move || text(lang.get(), "relation.stated")}
                <input type="text" data-testid="relation-stated" prop:value=move || stated.get()
                    on:input=move |ev| stated.set(event_target_value(&ev)) />
            </label>
            <label>{move || text(lang.get(), "relation.qualifier")}
                <select data-testid="relation-qualifier" on:change=move |ev| qualifier.set(event_target_value(&ev))>
                    {["exact", "about", "at_least"].into_iter().map(|q| view! {
                        <option value=q selected=input.qualifier == q>{move || text(lang.get(), match q {
                            "about" => "qualifier.about",
                            "at_least" => "qualifier.at_least",
                            _ => "qualifier.exact",
                        })}</option>
                    }).collect_view()}
                </select>
            </label>
            <FieldError error=errors[3] test_id="relation-error" />
            <label class="check">
                <input type="checkbox" data-testid="relation-complete" prop:checked=move || complete.get()
                    on:change=move |ev| complete.set(event_target_checked(&ev)) />
                {move || text(lang.get(), "relation.complete")}
            </label>
            <label>{move || text(lang.get(), "relation.source")}
                <textarea rows="2" data-testid="relation-source" prop:value=move || source.get()
                    on:input=move |ev| source.set(event_target_value(&ev))></textarea>
            </label>
            <label>{move || text(lang.get(), "relation.note")}
                <input type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            <div class="actions">
                <button type="submit" data-testid="relation-save">{move || text(lang.get(), "action.save")}</button>
                <button type="button" on:click=move |_| on_done.run(())>{move || text(lang.get(), "action.cancel")}</button>
            </div>
        </form>
    }
    .into_any()
}

/// The findings about an indicator and the statements recorded about it.
#[component]
pub fn IndicatorChecks(id: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let indicator = StoredValue::new(id);
    // `None`: no form; `Some(None)`: adding; `Some(Some(id))`: editing that relation.
    let editing = RwSignal::new(None::<Option<RecordId>>);
    let findings = move || {
        state.findings.with(|all| {
            indicator.with_value(|id| {
                all.iter()
                    .filter(|f| f.involves(id))
                    .cloned()
                    .collect::<Vec<_>>()
            })
        })
    };
    let open = move || findings().iter().filter(|f| f.severity.is_open()).count();
    let list = move || {
        findings()
            .into_iter()
            .map(|f| {
                let relation = f.relation().cloned();
                let confirmed = f.severity == Severity::Confirmed;
                let actions = relation.map(|rel| {
                    let for_edit = rel.clone();
                    view! {
                        <div class="actions">
                            <button class="link" data-testid="relation-edit"
                                on:click=move |_| editing.set(Some(Some(for_edit.clone())))>
                                {move || text(lang.get(), "relation.edit")}
                            </button>
                            <button class="link danger" data-testid="relation-delete"
                                on:click=move |_| {
                                    let _ = state.dispatch(Edit::Delete { kind: RecordKind::Relation, id: rel.clone() });
                                }>
                                {move || text(lang.get(), "relation.delete")}
                            </button>
                        </div>
                    }
                });
                view! {
                    <div class="indicator-finding" class:confirmed=confirmed>
                        <ul class="findings"><FindingItem finding=f /></ul>
                        {actions}
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <section data-testid="indicator-checks">
            <h2>{move || text(lang.get(), "checks.title")}" "
                {move || (open() > 0).then(|| view! { <span class="nav-count" data-testid="indicator-open-findings">{open()}</span> })}
            </h2>
            {move || findings().is_empty().then(|| view! { <p class="muted">{text(lang.get(), "relation.none_yet")}</p> })}
            {list}
            {move || match editing.get() {
                None => view! {
                    <button data-testid="relation-add" on:click=move |_| editing.set(Some(None))>
                        {move || text(lang.get(), "relation.add")}
                    </button>
                }.into_any(),
                Some(relation) => view! {
                    <RelationForm indicator=indicator.get_value() relation=relation on_done=move |_| editing.set(None) />
                }.into_any(),
            }}
        </section>
    }
}
