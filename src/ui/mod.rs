//! The Leptos shell: app state in context, hash-driven pages, shared widgets and the one
//! ECharts component. Components format and dispatch edits; they do not compute — the core
//! (`model`, `calc`, `charts`) does.
//!
//! Pages are driven by `location.hash` (`#/`, `#/indicators/<area>`, `#/indicator/<id>`,
//! `#/data`, `#/projects…`, `#/project/<id>`; see [`crate::route`]), so the built `dist/` works from any static host and sub-path without rewrites.

pub mod components;
pub mod pages;
pub mod route;
pub mod sheets;
pub mod state;

use crate::i18n::text;
use crate::model::Lang;
use leptos::prelude::*;
use route::Route;
use state::{AppState, LoadState};

/// Mounts the app on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    state.start();
    listen_for_undo_keys(state);
    let lang = state.lang;
    // What the header shows of the ledger, as memos: an edit of a figure changes none of them,
    // so it re-renders nothing of the header (issue 14: an edit within one frame).
    let is_sample = Memo::new(move |_| state.is_sample());
    let can_undo = Memo::new(move |_| state.can_undo());
    let can_redo = Memo::new(move |_| state.can_redo());

    view! {
        <header class="top">
            <a class="brand" href="#/">
                <span class="brand-title">{move || text(lang.get(), "app.title")}</span>
                <span class="brand-sub">{move || text(lang.get(), "app.subtitle")}</span>
            </a>
            <nav class="nav" data-testid="nav">
                <a href="#/" class:active=move || matches!(state.route.get(), Route::Dashboard) data-testid="nav-dashboard">
                    {move || text(lang.get(), "nav.dashboard")}
                </a>
                <a href=move || format!("#/indicators/{}", state.current_area())
                    class:active=move || matches!(state.route.get(), Route::Indicators(_) | Route::Indicator(_))
                    data-testid="nav-indicators">
                    {move || text(lang.get(), "nav.indicators")}
                </a>
                <a href="#/projects" class:active=move || state.route.get().is_project_page() data-testid="nav-projects">
                    {move || text(lang.get(), "nav.projects")}
                </a>
                <a href="#/report" class:active=move || matches!(state.route.get(), Route::Report | Route::Summary(_)) data-testid="nav-report">
                    {move || text(lang.get(), "nav.report")}
                </a>
                <a href="#/checks" class:active=move || matches!(state.route.get(), Route::Checks) data-testid="nav-checks">
                    {move || text(lang.get(), "nav.checks")}
                    {move || {
                        let open = state.findings.with(|f| f.iter().filter(|f| f.severity.is_open()).count());
                        (open > 0).then(|| view! { <span class="nav-count" data-testid="nav-checks-count">{open}</span> })
                    }}
                </a>
                <a href="#/data" class:active=move || matches!(state.route.get(), Route::Data) data-testid="nav-data">
                    {move || text(lang.get(), "nav.data")}
                </a>
            </nav>
            <Show when=move || is_sample.get()>
                <a class="badge sample" href="#/data" data-testid="sample-badge">{move || text(lang.get(), "sample.badge")}</a>
            </Show>
            <span class="save-status" data-testid="save-status" data-state=move || state.save_state.with(|s| s.code())>
                {move || state.save_status_text()}
                <Show when=move || matches!(state.save_state.get(), state::SaveState::Failed(_))>
                    " "<button class="link" data-testid="retry-save" on:click=move |_| state.retry_saving()>
                        {move || text(lang.get(), "status.retry")}
                    </button>
                </Show>
            </span>
            <button class="link" data-testid="undo" title="Ctrl+Z"
                disabled=move || !can_undo.get()
                on:click=move |_| report(state, state.undo())>
                {move || text(lang.get(), "action.undo")}
            </button>
            <button class="link" data-testid="redo" title="Ctrl+Y"
                disabled=move || !can_redo.get()
                on:click=move |_| report(state, state.redo())>
                {move || text(lang.get(), "action.redo")}
            </button>
            <button class="lang" data-testid="lang-switch" on:click=move |_| state.toggle_lang()>
                {move || text(lang.get(), "lang.switch")}
            </button>
        </header>
        <components::ErrorBanner />
        // Plain http on another computer's address: no offline use, no persistent storage.
        <Show when=move || !state.secure_context()>
            <div class="notice insecure-notice" role="status" data-testid="insecure-notice">
                {move || text(lang.get(), "notice.insecure")}
            </div>
        </Show>
        <Show when=move || state.update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <span>{move || text(lang.get(), "update.ready")}</span>
                <button data-testid="apply-update" on:click=move |_| state.apply_update()>
                    {move || text(lang.get(), "update.reload")}
                </button>
            </div>
        </Show>
        <main class="page">
            {move || match state.load.get() {
                LoadState::Loading => view! { <p class="loading">{text(lang.get(), "status.loading")}</p> }.into_any(),
                // In both languages, the chosen one first: the app may not be usable enough to
                // switch (storage refused, say).
                LoadState::Failed(message) => {
                    let first = lang.get();
                    let second = match first { Lang::Zh => Lang::En, Lang::En => Lang::Zh };
                    view! {
                        <div class="error" role="alert" data-testid="load-error">
                            <p lang=lang_code(first)>{message.render(first)}</p>
                            <p lang=lang_code(second)>{message.render(second)}</p>
                        </div>
                    }.into_any()
                }
                LoadState::Damaged { reason, readable } => view! { <pages::recovery::RecoveryPage reason=reason readable=readable /> }.into_any(),
                LoadState::Ready => match state.route.get() {
                    Route::Dashboard => view! { <pages::dashboard::DashboardPage /> }.into_any(),
                    Route::Indicators(area) => view! { <pages::indicators::IndicatorsPage area=area /> }.into_any(),
                    Route::Indicator(id) => view! { <pages::indicator::IndicatorPage id=id /> }.into_any(),
                    Route::Data => view! { <pages::data::DataPage /> }.into_any(),
                    Route::Projects(query) => view! { <pages::projects::ProjectsPage query=query /> }.into_any(),
                    Route::Project(id) => view! { <pages::project::ProjectPage id=id /> }.into_any(),
                    Route::NewProject => view! { <pages::project::NewProjectPage /> }.into_any(),
                    Route::ProjectStats => view! { <pages::project_stats::ProjectStatsPage /> }.into_any(),
                    Route::ProjectMap => view! { <pages::project_map::ProjectMapPage /> }.into_any(),
                    Route::Supervision => view! { <pages::supervision::SupervisionPage /> }.into_any(),
                    Route::Bulletins => view! { <pages::bulletins::BulletinsPage /> }.into_any(),
                    Route::Deadlines => view! { <pages::approvals::DeadlinesPage /> }.into_any(),
                    Route::Meetings => view! { <pages::approvals::MeetingsPage /> }.into_any(),
                    Route::Checks => view! { <pages::checks::ChecksPage /> }.into_any(),
                    Route::Report => view! { <pages::report::ReportPage /> }.into_any(),
                    Route::Summary(id) => view! { <pages::report::ReportPage summary=id /> }.into_any(),
                },
            }}
        </main>
    }
}

/// Shows an undo/redo that could not be applied (the ledger changed under it) in the banner.
fn report(state: AppState, result: Result<(), crate::i18n::Message>) {
    if let Err(message) = result {
        state.error.set(Some(message));
    }
}

/// Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) outside text fields undo and redo.
fn listen_for_undo_keys(state: AppState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        let in_field = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        match (ev.key().as_str(), ev.shift_key()) {
            ("z" | "Z", false) => {
                ev.prevent_default();
                report(state, state.undo());
            }
            ("y" | "Y", _) | ("z" | "Z", true) => {
                ev.prevent_default();
                report(state, state.redo());
            }
            _ => {}
        }
    });
    std::mem::forget(handle);
}

/// The language's code for `<html lang>` and ECharts' locale.
pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// Lets the browser run other tasks (paint a status line, finish a writer) before going on.
pub async fn yield_to_browser() {
    sleep_ms(0).await;
}

pub use crate::store::browser::{now_ms, perf_mark, sleep_ms, Turns};

/// A chosen file's text, read as bytes and taken into the app a few megabytes at a time —
/// copied, checked as UTF-8 and appended — with the page getting turns between (`File.text()`
/// would hand over a JS string whose conversion into the app, 32 MB for a city ledger, is one
/// long freeze). Like `File.text()`, a UTF-8 byte-order mark is dropped and bytes that are not
/// UTF-8 read as U+FFFD.
pub async fn read_text_in_slices(file: &web_sys::File) -> Result<String, wasm_bindgen::JsValue> {
    const SLICE_BYTES: u32 = 4 << 20;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await?;
    let array = js_sys::Uint8Array::new(&buffer);
    let length = array.length();
    let mut text = String::with_capacity(length as usize);
    // The slice being taken in, after the bytes of a character the last slice cut in two.
    let mut slice: Vec<u8> = Vec::with_capacity(SLICE_BYTES as usize + 4);
    let mut turns = Turns::start();
    let mut at = 0u32;
    while at < length {
        let end = length.min(at.saturating_add(SLICE_BYTES));
        let carried = slice.len();
        slice.resize(carried + (end - at) as usize, 0);
        array.subarray(at, end).copy_to(&mut slice[carried..]);
        at = end;
        match std::str::from_utf8(&slice) {
            Ok(valid) => {
                text.push_str(valid);
                slice.clear();
            }
            // Cut inside a character: take what is whole, keep the rest for the next slice.
            Err(cut) if cut.error_len().is_none() && at < length => {
                let whole = cut.valid_up_to();
                if let Ok(valid) = std::str::from_utf8(&slice[..whole]) {
                    text.push_str(valid);
                }
                slice.drain(..whole);
            }
            Err(_) => {
                text.push_str(&String::from_utf8_lossy(&slice));
                slice.clear();
            }
        }
        if turns.due() {
            turns.give().await;
        }
    }
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}
