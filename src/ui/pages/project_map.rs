//! The project map (项目作战地图): every project on the bureau's own boundary map, coloured by
//! status and sized by investment; clicking a project opens it. No boundary data ships with the
//! app: the user loads a GeoJSON file, which is checked, kept with the ledger (its own store
//! chunk, and the `basemap` key of exported files) and can be removed. Without one the map is a
//! schematic by coordinates and street.

use crate::charts::map::{points_of, project_map, MapLabels, RegisteredMap};
use crate::i18n::{text, Message, ToMessage};
use crate::model::dataset::Basemap;
use crate::model::RecordId;
use crate::ui::components::project::ProjectTabs;
use crate::ui::components::{EChart, FieldError};
use crate::ui::route::{navigate, Route};
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The largest boundary file accepted (a district's outline is far smaller).
const MAX_GEOJSON_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// Sets or removes the boundary map: an undoable change like any other.
fn set_basemap(state: AppState, basemap: Option<Basemap>) -> Result<(), Message> {
    state.dispatch(crate::model::Edit::SetBasemap(basemap))
}

#[component]
pub fn ProjectMapPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let error = RwSignal::new(None::<Message>);
    let loaded = RwSignal::new(None::<String>);
    let basemap = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .and_then(|d| d.basemap.as_ref())
                .map(|b| RegisteredMap::new(b.name.clone(), b.geojson.clone()))
        })
    });
    let spec = Signal::derive(move || {
        let lang = lang.get();
        let points = state
            .dataset
            .with(|d| d.as_ref().map(|d| points_of(d, lang)).unwrap_or_default());
        if points.is_empty() {
            return None;
        }
        let labels = MapLabels {
            project: text(lang, "project.name"),
            status: text(lang, "project.status"),
            street: text(lang, "project.street"),
            longitude: text(lang, "project.lon"),
            latitude: text(lang, "project.lat"),
            investment: text(lang, "project.total_investment"),
            no_coordinates: text(lang, "map.no_coordinates"),
            unknown_street: text(lang, "map.unknown_street"),
        };
        let map = basemap.get();
        Some(project_map(
            text(lang, "projects.map"),
            &points,
            map.as_ref(),
            &labels,
            lang,
        ))
    });
    let on_file = move |ev: leptos::ev::Event| {
        error.set(None);
        loaded.set(None);
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > MAX_GEOJSON_BYTES {
            error.set(Some(
                Message::new("map.too_large")
                    .with("size", format!("{:.1} MB", file.size() / 1_048_576.0)),
            ));
            return;
        }
        let name = file.name();
        spawn_local(async move {
            let text_value = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(value) => value.as_string().unwrap_or_default(),
                Err(_) => {
                    error.set(Some(Message::new("map.unreadable").with("name", name)));
                    return;
                }
            };
            let map_name = name
                .trim_end_matches(".json")
                .trim_end_matches(".geojson")
                .to_string();
            match RegisteredMap::from_geojson(map_name.clone(), &text_value) {
                Ok((map, summary)) => {
                    // Kept as a JSON value writes it, so a file round trip gives the same text.
                    let normalised = serde_json::from_str::<serde_json::Value>(map.geojson())
                        .map(|v| v.to_string())
                        .unwrap_or_else(|_| map.geojson().to_string());
                    let set = set_basemap(
                        state,
                        Some(Basemap {
                            name: map_name.clone(),
                            geojson: normalised,
                        }),
                    );
                    if let Err(message) = set {
                        error.set(Some(message));
                        return;
                    }
                    loaded.set(Some(
                        text(lang.get_untracked(), "map.loaded")
                            .replace("{name}", &map_name)
                            .replace("{count}", &summary.feature_count.to_string()),
                    ));
                }
                Err(geo_error) => {
                    error.set(Some(geo_error.to_message().with("name", name)));
                }
            }
        });
    };
    let remove = move |_| {
        if let Err(message) = set_basemap(state, None) {
            error.set(Some(message));
        }
        loaded.set(None);
    };
    // Projects the map cannot place: listed so their coordinates can be filled in.
    let unplaced = move || {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    let mut list: Vec<(RecordId, String)> = d
                        .projects()
                        .filter(|p| p.location.is_none())
                        .map(|p| (p.id.clone(), p.name.clone()))
                        .collect();
                    crate::sorting::sort_by(&mut list, |a, b| a.1.cmp(&b.1));
                    list
                })
                .unwrap_or_default()
        })
    };
    let open_project = Callback::new(move |id: String| {
        if let Some(id) = RecordId::parse(&id) {
            navigate(&Route::Project(id));
        }
    });
    view! {
        <section class="project-map" data-testid="project-map-page">
            <h1>{move || text(lang.get(), "projects.map")}</h1>
            <ProjectTabs />
            <div class="map-tools">
                <p class="muted" data-testid="basemap-status">
                    {move || match basemap.get() {
                        Some(map) => text(lang.get(), "map.using").replace("{name}", map.name()),
                        None => text(lang.get(), "map.schematic").to_string(),
                    }}
                </p>
                <label class="button">
                    {move || text(lang.get(), "map.load")}
                    <input type="file" accept=".json,.geojson,application/geo+json,application/json"
                        data-testid="basemap-file" class="visually-hidden" on:change=on_file />
                </label>
                <Show when=move || basemap.with(Option::is_some)>
                    <button class="link danger" data-testid="basemap-remove" on:click=remove>{move || text(lang.get(), "map.remove")}</button>
                </Show>
                <FieldError error=error test_id="basemap-error" />
                <Show when=move || loaded.with(Option::is_some)>
                    <span class="ok" data-testid="basemap-loaded">{move || loaded.get().unwrap_or_default()}</span>
                </Show>
            </div>
            <p class="muted">{move || text(lang.get(), "map.licence_note")}</p>
            <EChart spec=spec test_id="project-map" height=560 on_click=open_project />
            <Show when=move || !unplaced().is_empty()>
                <details class="unplaced" data-testid="unplaced">
                    <summary>{move || text(lang.get(), "map.unplaced").replace("{count}", &unplaced().len().to_string())}</summary>
                    <p>
                        {move || unplaced().into_iter().map(|(id, name)| view! {
                            <a class="chip" href=Route::Project(id).to_hash()>{name}</a>
                        }).collect_view()}
                    </p>
                </details>
            </Show>
        </section>
    }
}
