//! Shared widgets: the one ECharts component, the error banner, the figure formatter.

pub mod chart;
pub mod findings;
pub mod project;
pub mod relations;
pub mod snapshots;

pub use chart::EChart;

use super::state::AppState;
use crate::i18n::Message;
use crate::model::{Lang, Value};
use leptos::prelude::*;

/// Shows the last storage or load failure until dismissed; never hides one.
#[component]
pub fn ErrorBanner() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || state.error.with(Option::is_some)>
            <div class="error-banner" role="alert" data-testid="error-banner">
                <span>{move || state.error.with(|e| e.as_ref().map(|m| m.render(state.lang.get())).unwrap_or_default())}</span>
                <button on:click=move |_| state.error.set(None)>"×"</button>
            </div>
        </Show>
    }
}

/// A refused input's message, at the field that caused it, in the current language.
#[component]
pub fn FieldError(
    error: RwSignal<Option<Message>>,
    #[prop(optional)] test_id: &'static str,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    view! {
        <Show when=move || error.with(Option::is_some)>
            <span class="field-error" role="alert" data-testid=test_id>
                {move || error.with(|e| e.as_ref().map(|m| m.render(lang.get())).unwrap_or_default())}
            </span>
        </Show>
    }
}

/// "约2,980", "2,000以上" / "~2,980", "2,000+": a figure as the bureau writes it, for reading.
pub fn format_amount(value: &Value, lang: Lang) -> String {
    crate::model::figure_text(value.amount, value.qualifier, lang)
}

/// An ISO 8601 time as this computer's local date and time, "2026-11-28 17:30" ("" when empty
/// or unreadable).
pub fn local_time(iso: &str) -> String {
    if iso.trim().is_empty() {
        return String::new();
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Offers text as a file download (a Blob URL on an `<a download>`), the browser's own path.
pub fn download_text(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    download_parts(file_name, mime, &wasm_bindgen::JsValue::from_str(text))
}

/// Offers bytes (a Word document) as a file download, the same way.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    download_parts(file_name, mime, &js_sys::Uint8Array::from(bytes))
}

/// A Blob of one part (a string or a byte array) offered for download.
fn download_parts(file_name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)
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
