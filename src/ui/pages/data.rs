//! The data page: what is stored on this computer, the ways to start over (an empty ledger,
//! or the sample again), the author name, sharing (export, open and merge a colleague's file:
//! `exchange.rs`), and the work areas and units (`catalogue.rs`).

use crate::i18n::text;
use crate::model::{Dataset, DatasetMeta, Record, RecordKind};
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An empty ledger that keeps the work areas and units (configuration, not figures) of the
/// ledger it replaces, so the user can start entering indicators at once.
fn empty_ledger_from(current: &Dataset, id: String) -> Dataset {
    let mut empty = Dataset::new(DatasetMeta {
        id,
        name: "我的台账".to_string(),
        document_date: current.meta.document_date,
        sample: false,
        source_title: String::new(),
        lineage: Vec::new(),
    });
    for area in current.areas() {
        let _ = empty.insert_loaded(Record::Area(area.clone()));
    }
    for unit in current.units() {
        let _ = empty.insert_loaded(Record::Unit(unit.clone()));
    }
    empty
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let counts = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    RecordKind::ALL
                        .iter()
                        .map(|k| (k.collection(), d.count(*k)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let name = move || {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.meta.name.clone()).unwrap_or_default())
    };
    let start_empty = move |_| {
        if !confirm(text(lang.get_untracked(), "confirm.start_empty")) {
            return;
        }
        let Some(empty) = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| empty_ledger_from(d, format!("ds-{}", state.new_id())))
        }) else {
            return;
        };
        spawn_local(async move { state.replace_dataset(empty).await });
    };
    let author = RwSignal::new(state.author());
    let reload_sample = move |_| {
        if !confirm(text(lang.get_untracked(), "confirm.reload_sample")) {
            return;
        }
        spawn_local(async move { state.load_sample_into_store().await });
    };

    view! {
        <section data-testid="data-page">
            <h1>{move || text(lang.get(), "data.title")}</h1>
            <p>{move || text(lang.get(), "data.storage")}</p>
            <h2>{move || text(lang.get(), "data.counts")}</h2>
            <p data-testid="dataset-name">{name}</p>
            <table class="counts" data-testid="counts">
                {move || counts().into_iter().map(|(kind, n)| view! {
                    <tr><th>{move || text(lang.get(), crate::i18n::collection_key(kind))}</th><td data-testid=format!("count-{kind}")>{n}</td></tr>
                }).collect_view()}
            </table>
            <Show when=move || state.is_sample()>
                <p class="notice">{move || text(lang.get(), "sample.explain")}</p>
            </Show>
            <div class="actions">
                <button data-testid="start-empty" on:click=start_empty>{move || text(lang.get(), "sample.start_empty")}</button>
                <button data-testid="reload-sample" on:click=reload_sample>{move || text(lang.get(), "sample.reload")}</button>
            </div>
            <h2>{move || text(lang.get(), "data.settings")}</h2>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); state.set_author(&author.get_untracked()); }>
                <label>{move || text(lang.get(), "data.author")}" "
                    <input data-testid="author-name" prop:value=move || author.get()
                        on:input=move |ev| author.set(event_target_value(&ev))
                        on:change=move |_| state.set_author(&author.get_untracked()) />
                </label>
                <span class="muted small">{move || text(lang.get(), "data.author_explain")}</span>
            </form>
            <super::exchange::ExchangePanel />
            <super::catalogue::Catalogue />
        </section>
    }
}
