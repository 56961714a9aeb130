//! The one component that owns an ECharts instance. charming builds the option; this binds
//! the parts of ECharts charming does not (init with a locale, setOption with notMerge,
//! resize, dispose, click events, getDataURL) through our own extern type.
//!
//! Invariants: one instance per mounted component, disposed on cleanup and re-created when
//! the language changes (ECharts picks its UI language at init); every option replaces the
//! previous one entirely (`notMerge`), so removed series do not linger.

use crate::charts::ChartSpec;
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

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &EchartsInstance, option: &JsValue, options: &JsValue);

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

/// A chart with its table view and PNG export. `on_click` receives the clicked category
/// (the period label).
#[component]
pub fn EChart(
    #[prop(into)] spec: Signal<Option<ChartSpec>>,
    #[prop(optional)] test_id: &'static str,
    #[prop(optional)] on_click: Option<Callback<String>>,
    #[prop(default = 320)] height: u32,
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

    Effect::new(move |_| {
        let current_lang = lang.get();
        let table = show_table.get();
        let option = spec.with(|s| s.as_ref().map(ChartSpec::option_json));
        let Some(element) = container.get() else {
            return;
        };
        if table {
            dispose_instance(serial);
            return;
        }
        let Some(option) = option else {
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
                    let name = js_sys::Reflect::get(&params, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string())
                        .unwrap_or_default();
                    callback.run(name);
                });
                instance.on("click", handler.as_ref().unchecked_ref());
                // The handler lives as long as the instance; ECharts drops it on dispose.
                handler.forget();
            }
            INSTANCES.with(|map| map.borrow_mut().insert(serial, (instance, current_lang)));
        }
        INSTANCES.with(|map| {
            if let Some((instance, _)) = map.borrow().get(&serial) {
                match js_sys::JSON::parse(&option) {
                    Ok(parsed) => {
                        instance.set_option(&parsed, &js_object(&[("notMerge", JsValue::TRUE)]));
                        crate::ui::perf_mark("taizhang:chart-drawn");
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
            <div class="chart-canvas" node_ref=container
                style:height=format!("{height}px")
                style:display=move || if show_table.get() { "none" } else { "block" }
                data-testid="chart-canvas"></div>
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
