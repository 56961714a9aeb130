//! The one component that owns an ECharts instance. The builders in `charts` make the option;
//! this binds the parts of ECharts charming does not (init with a locale, setOption with
//! notMerge, registerMap, resize, dispose, click events, getDataURL) through our own extern type.
//!
//! Invariants: one instance per mounted component, disposed on cleanup and re-created when
//! the language changes (ECharts picks its UI language at init); every option replaces the
//! previous one entirely (`notMerge`), so removed series do not linger; the maps a spec carries
//! are registered before its option is set, and an option whose map cannot be registered is not
//! set at all (ECharts would draw an empty geo component).

use crate::charts::{ChartSpec, RegisteredMap};
use crate::i18n::text;
use crate::model::Lang;
use crate::ui::state::AppState;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance (`echarts.init`'s result).
    #[derive(Clone)]
    pub type EchartsInstance;

    #[wasm_bindgen(js_namespace = echarts, js_name = init)]
    fn echarts_init(
        element: &web_sys::HtmlElement,
        theme: &JsValue,
        options: &JsValue,
    ) -> EchartsInstance;

    /// Registers GeoJSON under a map name for every instance (a `geo` component's `map`).
    #[wasm_bindgen(catch, js_namespace = echarts, js_name = registerMap)]
    fn echarts_register_map(name: &str, geo_json: &JsValue) -> Result<(), JsValue>;

    /// Caught, so an option ECharts rejects is logged instead of unwinding through our borrows.
    #[wasm_bindgen(catch, method, js_name = setOption)]
    fn set_option(
        this: &EchartsInstance,
        option: &JsValue,
        options: &JsValue,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(method)]
    fn resize(this: &EchartsInstance);

    #[wasm_bindgen(method)]
    fn dispose(this: &EchartsInstance);

    /// ECharts 6 returns `undefined` before disposal, so this is not a `bool`.
    #[wasm_bindgen(method, js_name = isDisposed)]
    fn is_disposed(this: &EchartsInstance) -> JsValue;

    #[wasm_bindgen(method, js_name = getDataURL)]
    fn get_data_url(this: &EchartsInstance, options: &JsValue) -> String;

    #[wasm_bindgen(method)]
    fn on(this: &EchartsInstance, event: &str, handler: &js_sys::Function);
}

thread_local! {
    /// Live instances by component serial: signals must hold `Send` data, a JS object is not.
    static INSTANCES: RefCell<HashMap<u32, (EchartsInstance, Lang)>> = RefCell::new(HashMap::new());
    static NEXT_SERIAL: RefCell<u32> = const { RefCell::new(0) };
    /// The maps registered with ECharts (a global registry, shared by all instances): name →
    /// fingerprint of the GeoJSON text, so a map is registered again only when its text changed.
    static REGISTERED_MAPS: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}

fn js_object(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

fn dispose_instance(serial: u32) {
    if let Some((instance, _)) = INSTANCES.with(|map| map.borrow_mut().remove(&serial)) {
        if instance.is_disposed() != JsValue::TRUE {
            instance.dispose();
        }
    }
}

/// Registers each map ECharts does not hold in this version yet. False, after logging why, when
/// one cannot be registered: the option that names it must not be set.
fn register_maps(maps: &[RegisteredMap]) -> bool {
    for map in maps {
        let current = REGISTERED_MAPS
            .with(|registered| registered.borrow().get(map.name()) == Some(&map.fingerprint()));
        if current {
            continue;
        }
        let geo_json = match js_sys::JSON::parse(map.geojson()) {
            Ok(geo_json) => geo_json,
            Err(error) => {
                web_sys::console::error_2(
                    &format!("map {:?} is not JSON; the chart is not drawn", map.name()).into(),
                    &error,
                );
                return false;
            }
        };
        if let Err(error) = echarts_register_map(map.name(), &geo_json) {
            web_sys::console::error_2(
                &format!(
                    "ECharts refused map {:?}; the chart is not drawn",
                    map.name()
                )
                .into(),
                &error,
            );
            return false;
        }
        REGISTERED_MAPS.with(|registered| {
            registered
                .borrow_mut()
                .insert(map.name().to_string(), map.fingerprint())
        });
    }
    true
}

/// What a click hands the page: the clicked data item's `id` when it has a string one (a
/// project chart's group key or project id), else the item's name (a category or period label).
/// Only series items count: a click on a basemap region or a mark line opens nothing.
fn click_target(params: &JsValue) -> Option<String> {
    let field = |object: &JsValue, key: &str| js_sys::Reflect::get(object, &key.into()).ok();
    let component = field(params, "componentType").and_then(|c| c.as_string());
    if component.as_deref() != Some("series") {
        return None;
    }
    let id = field(params, "data")
        .filter(JsValue::is_object)
        .and_then(|data| field(&data, "id"))
        .and_then(|id| id.as_string());
    id.or_else(|| field(params, "name").and_then(|name| name.as_string()))
}

/// Triggers a download of a data URL under a file name.
fn download(url: &str, file_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(anchor) = document.create_element("a") {
        if let Ok(anchor) = anchor.dyn_into::<web_sys::HtmlAnchorElement>() {
            anchor.set_href(url);
            anchor.set_download(file_name);
            anchor.click();
        }
    }
}

/// A chart with its table view and PNG export. `on_click` receives the clicked data item's `id`
/// when it has one (the project charts and the map: a group key or a project id), else the
/// clicked name (the category, e.g. the period label of an indicator trend).
#[component]
pub fn EChart(
    #[prop(into)] spec: Signal<Option<ChartSpec>>,
    #[prop(optional)] test_id: &'static str,
    #[prop(optional)] on_click: Option<Callback<String>>,
    #[prop(default = 320)] height: u32,
    /// Also show the drawn chart as an image (ECharts `getDataURL`, drawn without animation),
    /// which is what prints: the report's charts on paper and in a PDF.
    #[prop(optional)]
    print_image: bool,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let serial = NEXT_SERIAL.with(|n| {
        let mut n = n.borrow_mut();
        *n += 1;
        *n
    });
    let container = NodeRef::<leptos::html::Div>::new();
    let show_table = RwSignal::new(false);
    let image = RwSignal::new(String::new());

    Effect::new(move |_| {
        let current_lang = lang.get();
        let table = show_table.get();
        // Maps are cheap to clone (their GeoJSON text is shared).
        let option = spec.with(|s| s.as_ref().map(|s| (s.option_json(), s.maps.clone())));
        let Some(element) = container.get() else {
            return;
        };
        if table {
            dispose_instance(serial);
            return;
        }
        let Some((option, maps)) = option else {
            dispose_instance(serial);
            return;
        };
        let stale = INSTANCES.with(|map| {
            map.borrow()
                .get(&serial)
                .is_some_and(|(_, made_for)| *made_for != current_lang)
        });
        if stale {
            dispose_instance(serial);
        }
        let exists = INSTANCES.with(|map| map.borrow().contains_key(&serial));
        if !exists {
            let locale = if current_lang == Lang::En { "EN" } else { "ZH" };
            let html: &web_sys::HtmlElement = element.as_ref();
            let instance = echarts_init(
                html,
                &JsValue::NULL,
                &js_object(&[("locale", locale.into())]),
            );
            if let Some(callback) = on_click {
                let handler = Closure::<dyn Fn(JsValue)>::new(move |params: JsValue| {
                    if let Some(target) = click_target(&params) {
                        callback.run(target);
                    }
                });
                instance.on("click", handler.as_ref().unchecked_ref());
                // The handler lives as long as the instance; ECharts drops it on dispose.
                handler.forget();
            }
            INSTANCES.with(|map| map.borrow_mut().insert(serial, (instance, current_lang)));
        }
        if !register_maps(&maps) {
            return;
        }
        INSTANCES.with(|map| {
            if let Some((instance, _)) = map.borrow().get(&serial) {
                match js_sys::JSON::parse(&option) {
                    Ok(parsed) => {
                        if print_image {
                            let _ =
                                js_sys::Reflect::set(&parsed, &"animation".into(), &JsValue::FALSE);
                        }
                        let not_merge = js_object(&[("notMerge", JsValue::TRUE)]);
                        match instance.set_option(&parsed, &not_merge) {
                            Ok(()) => {
                                crate::ui::perf_mark("taizhang:chart-drawn");
                                if print_image {
                                    image.set(instance.get_data_url(&js_object(&[
                                        ("type", "png".into()),
                                        ("pixelRatio", 2.into()),
                                        ("backgroundColor", "#ffffff".into()),
                                    ])));
                                }
                            }
                            Err(error) => web_sys::console::error_2(
                                &"ECharts refused the chart option".into(),
                                &error,
                            ),
                        }
                    }
                    Err(error) => {
                        web_sys::console::error_2(&"chart option is not JSON".into(), &error)
                    }
                }
            }
        });
    });

    let resize = window_event_listener(leptos::ev::resize, move |_| {
        INSTANCES.with(|map| {
            if let Some((instance, _)) = map.borrow().get(&serial) {
                instance.resize();
            }
        });
    });
    on_cleanup(move || {
        resize.remove();
        dispose_instance(serial);
    });

    let export_png = move |_| {
        let url = INSTANCES.with(|map| {
            map.borrow().get(&serial).map(|(instance, _)| {
                instance.get_data_url(&js_object(&[
                    ("type", "png".into()),
                    ("pixelRatio", 2.into()),
                    ("backgroundColor", "#ffffff".into()),
                ]))
            })
        });
        if let Some(url) = url {
            let title = spec
                .with_untracked(|s| s.as_ref().map(|s| s.title.clone()))
                .unwrap_or_default();
            download(&url, &format!("{title}.png"));
        }
    };

    view! {
        <figure class="chart" data-testid=test_id>
            <div class="chart-tools">
                <button class="link" data-testid="chart-toggle-table" on:click=move |_| show_table.update(|t| *t = !*t)>
                    {move || if show_table.get() { text(lang.get(), "chart.show_chart") } else { text(lang.get(), "chart.show_table") }}
                </button>
                <button class="link" data-testid="chart-export-png" disabled=move || show_table.get() on:click=export_png>
                    {move || text(lang.get(), "chart.export_png")}
                </button>
            </div>
            <div class="chart-canvas" node_ref=container class:screen-only=print_image
                style:height=format!("{height}px")
                style:display=move || if show_table.get() { "none" } else { "block" }
                data-testid="chart-canvas"></div>
            {print_image.then(|| view! {
                <img class="chart-image print-only" data-testid="chart-image" alt=""
                    src=move || image.get() />
            })}
            <Show when=move || show_table.get()>
                <table class="chart-table" data-testid="chart-table">
                    {move || spec.with(|s| s.as_ref().map(|s| {
                        let header = s.table.columns.iter().map(|c| view! { <th>{c.clone()}</th> }).collect_view();
                        let rows = s.table.rows.iter().map(|row| {
                            let cells = row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view();
                            view! { <tr>{cells}</tr> }
                        }).collect_view();
                        view! { <thead><tr>{header}</tr></thead><tbody>{rows}</tbody> }
                    }))}
                </table>
            </Show>
            <Show when=move || spec.with(Option::is_none)>
                <p class="muted">{move || text(lang.get(), "chart.no_data")}</p>
            </Show>
        </figure>
    }
}
