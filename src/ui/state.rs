//! App state: a small `Copy` struct of signals, provided as context. It owns the dataset in
//! memory, dispatches edits through the core, and hands what changed to the store.

use super::route::Route;
use crate::i18n::{storage_failed, text, Message, ToMessage};
use crate::model::{ChangeContext, Dataset, Edit, Lang, RecordId};
use crate::store::browser::{self, preferences};
use crate::store::chunks;
use leptos::prelude::*;
use leptos::task::spawn_local;

const PREF_LANG: &str = "taizhang.lang";
pub const PREF_PAGE: &str = "taizhang.last_page";
const PREF_DEVICE: &str = "taizhang.device";
const PREF_AUTHOR: &str = "taizhang.author";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(Message),
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub dataset: RwSignal<Option<Dataset>>,
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub load: RwSignal<LoadState>,
    /// Saves started and not yet finished.
    pub pending_saves: RwSignal<u32>,
    /// The last storage or load failure, shown until dismissed (in the current language).
    pub error: RwSignal<Option<Message>>,
    /// Inverses of the edits made in this session, newest last (undo applies the last).
    pub undo_stack: RwSignal<Vec<Edit>>,
    /// Inverses of undone edits (redo applies the last); cleared by any new edit.
    pub redo_stack: RwSignal<Vec<Edit>>,
    /// A form on screen holds input not yet saved: leaving the page (another page, reload,
    /// closing the tab) asks first.
    pub unsaved_form: RwSignal<bool>,
    /// A colleague's file chosen on the dashboard, for the data page to open.
    pub pending_import: RwSignal<Option<web_sys::File>, LocalStorage>,
}

/// Which history an applied edit's inverse goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    New,
    Undo,
    Redo,
}

/// Today's date on this computer's clock (local time): read when a new ledger is created, and
/// then stored with it.
pub fn today() -> crate::model::Date {
    let now = js_sys::Date::new_0();
    crate::model::Date::new(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or(crate::model::Date {
        year: 2026,
        month: 1,
        day: 1,
    })
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

fn random_u64() -> u64 {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        // No Web Crypto (very old browser): fall back to Math.random, still unique enough
        // for record ids within one ledger.
        let high = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        let low = (js_sys::Math::random() * f64::from(u32::MAX)) as u64;
        return (high << 32) | low;
    }
    u64::from_le_bytes(bytes)
}

impl AppState {
    pub fn new() -> AppState {
        let lang = match preferences::get(PREF_LANG).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        };
        let hash = current_hash();
        let route = if hash.is_empty() || hash == "#" {
            preferences::get(PREF_PAGE)
                .map(|h| Route::from_hash(&h))
                .unwrap_or(Route::Dashboard)
        } else {
            Route::from_hash(&hash)
        };
        AppState {
            dataset: RwSignal::new(None),
            lang: RwSignal::new(lang),
            route: RwSignal::new(route),
            load: RwSignal::new(LoadState::Loading),
            pending_saves: RwSignal::new(0),
            error: RwSignal::new(None),
            undo_stack: RwSignal::new(Vec::new()),
            redo_stack: RwSignal::new(Vec::new()),
            unsaved_form: RwSignal::new(false),
            pending_import: RwSignal::new_local(None),
        }
    }

    /// Follows the hash, keeps `<html lang>` true, and loads the ledger (the stored one, or
    /// the built-in sample on first run).
    pub fn start(self) {
        let route = self.route;
        let unsaved = self.unsaved_form;
        let lang = self.lang;
        let handle = window_event_listener(leptos::ev::hashchange, move |_| {
            let next = Route::from_hash(&current_hash());
            if unsaved.get_untracked() && next != route.get_untracked() {
                let leave = web_sys::window()
                    .and_then(|w| {
                        w.confirm_with_message(text(lang.get_untracked(), "confirm.leave_unsaved"))
                            .ok()
                    })
                    .unwrap_or(true);
                if !leave {
                    // Stay: put the form's address back without another hashchange.
                    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&route.get_untracked().to_hash()),
                        );
                    }
                    return;
                }
                unsaved.set(false);
            }
            let _ = preferences::set(PREF_PAGE, &next.to_hash());
            route.set(next);
        });
        // The listeners live as long as the app.
        std::mem::forget(handle);
        // Reloading or closing the tab with unsaved input: the browser asks first.
        let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
            if unsaved.get_untracked() {
                ev.prevent_default();
                ev.set_return_value("unsaved");
            }
        });
        std::mem::forget(handle);
        // A page restored from the last visit is written into the address, so reload and
        // bookmarks see it too.
        let _ = preferences::set(PREF_PAGE, &self.route.get_untracked().to_hash());
        let hash = current_hash();
        if hash.is_empty() || hash == "#" {
            let restored = self.route.get_untracked().to_hash();
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let _ = location.set_hash(restored.trim_start_matches('#'));
            }
        }
        let lang = self.lang;
        Effect::new(move |_| {
            let code = super::lang_code(lang.get());
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", code);
            }
        });
        spawn_local(async move {
            match browser::load().await {
                Ok(Some(loaded)) => {
                    super::perf_mark("taizhang:stored-loaded");
                    self.dataset.set(Some(loaded.dataset));
                    self.load.set(LoadState::Ready);
                }
                Ok(None) => self.load_sample_into_store().await,
                Err(error) => self.load.set(LoadState::Failed(storage_failed(&error))),
            }
        });
    }

    /// Reads the embedded sample and stores it; on any failure nothing is stored.
    pub async fn load_sample_into_store(self) {
        let failed =
            |reason: Message| Message::new("error.sample_failed").with_message("reason", reason);
        match crate::sample::load_lucheng_sample() {
            Ok(loaded) if loaded.problems.is_empty() => self.replace_dataset(loaded.dataset).await,
            Ok(loaded) => {
                let first = loaded
                    .problems
                    .first()
                    .map(|p| p.to_message())
                    .unwrap_or_else(|| Message::new("error.sample_failed"));
                self.load.set(LoadState::Failed(failed(first)));
            }
            Err(error) => self.load.set(LoadState::Failed(failed(error.to_message()))),
        }
    }

    /// Stores a whole dataset (one transaction), then shows it.
    pub async fn replace_dataset(self, dataset: Dataset) {
        self.pending_saves.update(|n| *n += 1);
        let result = browser::save_all(&dataset).await;
        self.pending_saves.update(|n| *n = n.saturating_sub(1));
        match result {
            Ok(()) => {
                self.dataset.set(Some(dataset));
                // Only on the first load: setting it again would re-create the page on screen
                // and lose its local state (an import's outcome, say).
                if self.load.get_untracked() != LoadState::Ready {
                    self.load.set(LoadState::Ready);
                }
                // The history belongs to the ledger it was made on.
                self.undo_stack.set(Vec::new());
                self.redo_stack.set(Vec::new());
            }
            Err(error) => {
                let message = storage_failed(&error);
                if self.dataset.with_untracked(Option::is_none) {
                    self.load.set(LoadState::Failed(message));
                } else {
                    self.error.set(Some(message));
                }
            }
        }
    }

    pub fn toggle_lang(self) {
        let next = match self.lang.get_untracked() {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        };
        self.lang.set(next);
        let code = if next == Lang::En { "en" } else { "zh" };
        if let Err(error) = preferences::set(PREF_LANG, code) {
            self.error.set(Some(
                Message::new("error.preferences_failed").with("detail", error),
            ));
        }
    }

    pub fn is_sample(self) -> bool {
        self.dataset
            .with(|d| d.as_ref().is_some_and(|d| d.meta.sample))
    }

    pub fn save_status_text(self) -> &'static str {
        let lang = self.lang.get();
        if self.pending_saves.get() > 0 {
            text(lang, "status.saving")
        } else {
            ""
        }
    }

    /// The area the indicators tab opens: the one on screen, else the first.
    pub fn current_area(self) -> String {
        if let Route::Indicators(Some(area)) = self.route.get() {
            return area.to_string();
        }
        if let Route::Indicator(id) = self.route.get() {
            if let Some(area) = self.dataset.with(|d| {
                d.as_ref()
                    .and_then(|d| d.indicator(&id).map(|i| i.area.clone()))
            }) {
                return area.to_string();
            }
        }
        self.dataset
            .with(|d| {
                d.as_ref()
                    .and_then(|d| d.areas().first().map(|a| a.id.to_string()))
            })
            .unwrap_or_default()
    }

    /// The author name from settings, written into every change and export.
    pub fn author(self) -> String {
        preferences::get(PREF_AUTHOR).unwrap_or_default()
    }

    pub fn set_author(self, name: &str) {
        if let Err(error) = preferences::set(PREF_AUTHOR, name.trim()) {
            self.error.set(Some(
                Message::new("error.preferences_failed").with("detail", error),
            ));
        }
    }

    /// A fresh random id for an export (`x-` and 16 hex digits).
    pub fn new_export_id(self) -> String {
        format!("x-{:016x}", random_u64())
    }

    pub fn new_id(self) -> RecordId {
        RecordId::from_random(random_u64())
    }

    fn change_context(self) -> ChangeContext {
        let device = preferences::get(PREF_DEVICE).unwrap_or_else(|| {
            let device = format!("d-{:016x}", random_u64());
            let _ = preferences::set(PREF_DEVICE, &device);
            device
        });
        ChangeContext {
            device,
            author: preferences::get(PREF_AUTHOR).unwrap_or_default(),
            at: String::from(js_sys::Date::new_0().to_iso_string()),
        }
    }

    /// Applies an edit through the core and persists what it touched. A refused edit changes
    /// nothing and comes back as a message for the field that caused it.
    pub fn dispatch(self, edit: Edit) -> Result<(), Message> {
        self.apply_and_save(edit, Direction::New)
    }

    /// Undoes the last edit of this session, if any.
    pub fn undo(self) -> Result<(), Message> {
        match self.undo_stack.try_update(Vec::pop).flatten() {
            Some(inverse) => self.apply_and_save(inverse, Direction::Undo),
            None => Ok(()),
        }
    }

    /// Redoes the last undone edit, if any.
    pub fn redo(self) -> Result<(), Message> {
        match self.redo_stack.try_update(Vec::pop).flatten() {
            Some(inverse) => self.apply_and_save(inverse, Direction::Redo),
            None => Ok(()),
        }
    }

    fn apply_and_save(self, edit: Edit, direction: Direction) -> Result<(), Message> {
        super::perf_mark("taizhang:edit-start");
        let context = self.change_context();
        // Untracked, so a refused edit re-renders nothing (the message stays at its field);
        // subscribers are notified below only when something changed.
        let result = self.dataset.try_update_untracked(|dataset| match dataset {
            Some(dataset) => dataset
                .apply(edit, &context)
                .map(|applied| {
                    let meta = applied.meta_changed.then(|| chunks::meta_chunk(dataset));
                    let changed = applied.changed_anything();
                    (
                        chunks::changes_for(dataset, &applied.touched),
                        meta,
                        changed,
                        applied.inverse,
                    )
                })
                .map_err(|e| e.to_message()),
            None => Err(Message::new("edit.not_found").with("id", "dataset")),
        });
        let (changes, meta, changed, inverse) =
            result.unwrap_or_else(|| Err(Message::new("edit.not_found").with("id", "dataset")))?;
        if !changed {
            return Ok(());
        }
        match direction {
            Direction::New => {
                self.undo_stack.update(|stack| stack.push(inverse));
                self.redo_stack.update(Vec::clear);
            }
            Direction::Undo => self.redo_stack.update(|stack| stack.push(inverse)),
            Direction::Redo => self.undo_stack.update(|stack| stack.push(inverse)),
        }
        self.dataset.notify();
        self.pending_saves.update(|n| *n += 1);
        spawn_local(async move {
            let mut result = if changes.is_empty() {
                Ok(())
            } else {
                browser::save_changes(changes).await
            };
            if let (Ok(()), Some(meta)) = (&result, &meta) {
                result = browser::save_meta_chunk(meta).await;
            }
            super::perf_mark("taizhang:edit-persisted");
            self.pending_saves.update(|n| *n = n.saturating_sub(1));
            if let Err(error) = result {
                self.error.set(Some(storage_failed(&error)));
            }
        });
        Ok(())
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}
