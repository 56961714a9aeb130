//! The data page: what is stored on this computer, the ways to start over (an empty ledger,
//! or the sample again), and opening a ledger file in place of the stored one. Merging a
//! colleague's file and export arrive with the sharing issue.

use crate::i18n::{text, ToMessage};
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
    });
    for area in current.areas() {
        let _ = empty.insert_loaded(Record::Area(area.clone()));
    }
    for unit in current.units() {
        let _ = empty.insert_loaded(Record::Unit(unit.clone()));
    }
    empty
}

/// The translation key of a collection's name.
fn collection_label(collection: &str) -> &'static str {
    match collection {
        "areas" => "collection.areas",
        "units" => "collection.units",
        "indicators" => "collection.indicators",
        "values" => "collection.values",
        _ => "collection.relations",
    }
}

/// Offers text as a file download (a Blob URL on an `<a download>`), the browser's own path.
fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into()
        .map_err(|_| "not an anchor".to_string())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
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
    let file_problems = RwSignal::new(Vec::<String>::new());
    let open_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let current_lang = lang.get_untracked();
        spawn_local(async move {
            super::super::perf_mark("taizhang:import-start");
            let contents = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    file_problems.set(vec![text(current_lang, "data.read_failed").to_string()]);
                    return;
                }
            };
            // Parsing is the pure core's `read_file` over the whole text, so it can move into
            // a Web Worker unchanged when files grow large.
            match crate::format::read_file(&contents) {
                Err(error) => file_problems.set(vec![error.to_message().render(current_lang)]),
                Ok(loaded) if !loaded.problems.is_empty() => file_problems.set(
                    loaded
                        .problems
                        .iter()
                        .map(|p| p.to_message().render(current_lang))
                        .collect(),
                ),
                Ok(loaded) => {
                    super::super::perf_mark("taizhang:import-parsed");
                    if !confirm(text(current_lang, "confirm.replace_with_file")) {
                        return;
                    }
                    super::super::perf_mark("taizhang:import-confirmed");
                    file_problems.set(Vec::new());
                    state.replace_dataset(loaded.dataset).await;
                    super::super::perf_mark("taizhang:import-stored");
                }
            }
        });
    };
    let author = RwSignal::new(state.author());
    let export = move |_| {
        let now = String::from(js_sys::Date::new_0().to_iso_string());
        let exported = state.dataset.with_untracked(|d| {
            d.as_ref().map(|d| {
                let info = crate::format::v1::ExportV1 {
                    id: state.new_export_id(),
                    exported_at: now.clone(),
                    exported_by: state.author(),
                    derived_from: Vec::new(),
                };
                (
                    crate::format::export_file_name(&d.meta.name, &now),
                    crate::format::write_file(d, Some(info)),
                )
            })
        });
        if let Some((file_name, text)) = exported {
            if let Err(message) = download_text(&file_name, &text) {
                state.error.set(Some(message));
            }
        }
    };
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
                    <tr><th>{move || text(lang.get(), collection_label(kind))}</th><td data-testid=format!("count-{kind}")>{n}</td></tr>
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
            <h2>{move || text(lang.get(), "data.export")}</h2>
            <p class="muted">{move || text(lang.get(), "data.export_explain")}</p>
            <button data-testid="export" on:click=export>{move || text(lang.get(), "data.export")}</button>
            <super::catalogue::Catalogue />
            <h2>{move || text(lang.get(), "data.open_file")}</h2>
            <p class="muted">{move || text(lang.get(), "data.open_file_explain")}</p>
            <input type="file" accept=".json,application/json" data-testid="open-file" on:change=open_file />
            <Show when=move || file_problems.with(|p| !p.is_empty())>
                <ul class="field-error" role="alert" data-testid="file-problems">
                    {move || file_problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                </ul>
            </Show>
        </section>
    }
}
