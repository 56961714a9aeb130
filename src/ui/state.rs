//! App state: a small `Copy` struct of signals, provided as context — the thin reactive wrapper
//! around the [`Workspace`], which owns the ledger, its history and its pending writes. Pages
//! read the ledger through [`DatasetView`] and change it only through [`AppState::dispatch`]
//! (and undo, redo); this module hands the workspace's writes to the browser store, in order.

use super::route::Route;
use crate::i18n::{text, Message, ToMessage};
use crate::model::{Dataset, Edit, Lang, RecordId};
use crate::store::browser::{preferences, BrowserStore};
use crate::store::storage_failed;
use crate::store::Store;
use crate::workspace::{TabChange, TabMessage, Workspace};
use leptos::prelude::*;
use leptos::task::spawn_local;

const PREF_LANG: &str = "taizhang.lang";
pub const PREF_PAGE: &str = "taizhang.last_page";
const PREF_DEVICE: &str = "taizhang.device";
const PREF_AUTHOR: &str = "taizhang.author";
const PREF_LAST_EXPORT: &str = "taizhang.last_export";
const PREF_FIRST_USED: &str = "taizhang.first_used";
const PREF_BACKUP_DAYS: &str = "taizhang.backup_days";
const PREF_JUMP_FACTOR: &str = "taizhang.jump_factor";
const PREF_EXPIRING_DAYS: &str = "taizhang.deadlines.expiring_days";
const PREF_PENDING_DAYS: &str = "taizhang.deadlines.pending_days";
/// Remind the user to export a backup file after this many days by default.
pub const DEFAULT_BACKUP_DAYS: u32 = 7;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(Message),
    /// The stored ledger is damaged (a crash mid-write, a disk fault): what is wrong, and what
    /// of it could still be read; the page offers the newest intact snapshot.
    Damaged {
        reason: Message,
        readable: Option<Box<Dataset>>,
    },
}

/// Read access to the open ledger for pages (tracked or not), never write access: changes go
/// through [`AppState::dispatch`].
#[derive(Clone, Copy)]
pub struct DatasetView(RwSignal<Option<Workspace>>);

impl DatasetView {
    /// Reads the ledger, re-running the caller when it changes.
    pub fn with<R>(self, f: impl FnOnce(Option<&Dataset>) -> R) -> R {
        self.0.with(|w| f(w.as_ref().map(Workspace::dataset)))
    }

    pub fn with_untracked<R>(self, f: impl FnOnce(Option<&Dataset>) -> R) -> R {
        self.0
            .with_untracked(|w| f(w.as_ref().map(Workspace::dataset)))
    }

    /// A copy of the ledger (for work that outlives a borrow, like a merge preview).
    pub fn get_untracked(self) -> Option<Dataset> {
        self.with_untracked(|d| d.cloned())
    }
}

/// What the header says about saving. `Saved` is shown only once the store's transaction has
/// completed, so closing the tab after it loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing changed yet in this session.
    Idle,
    Saving,
    Saved,
    /// A write failed (the browser's storage is full, say): the stored ledger is as it was
    /// before, the change is kept in memory and written again on retry.
    Failed(Message),
}

impl SaveState {
    /// The state's name for tests and styles (`data-state`).
    pub fn code(&self) -> &'static str {
        match self {
            SaveState::Idle => "idle",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed(_) => "failed",
        }
    }
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub dataset: DatasetView,
    /// The open ledger, its history and its pending writes.
    workspace: RwSignal<Option<Workspace>>,
    /// Whether writes are being handed to the store now (one task at a time, in order).
    writing: StoredValue<bool>,
    /// An undo or redo that puts a whole ledger back is being prepared (in slices): further
    /// undo and redo wait for it, so a quick second Ctrl+Z does not take the step below it
    /// back against the wrong ledger.
    putting_back: StoredValue<bool>,
    /// Another tab runs a newer version of the app: this one stops writing (and says why).
    pub read_only: RwSignal<bool>,
    /// A new version of the app has been downloaded and waits for the user to reload.
    pub update_ready: RwSignal<bool>,
    /// The service worker registered (public/register-sw.js said so): the app works offline.
    pub worker_registered: RwSignal<bool>,
    /// Days since the last backup file when a reminder is due (see `workspace::backup_overdue`).
    pub backup_overdue: RwSignal<Option<i64>>,
    /// The snapshots kept in this browser, as their index lists them.
    pub snapshots: RwSignal<Vec<crate::store::snapshots::SnapshotInfo>>,
    /// Why the list of snapshots could not be read, when it could not (shown with the list).
    pub snapshots_problem: RwSignal<Option<Message>>,
    /// What the browser said about keeping this origin's data (asked once the ledger is open).
    pub storage_info: RwSignal<Option<crate::store::browser::StorageInfo>>,
    pub lang: RwSignal<Lang>,
    pub route: RwSignal<Route>,
    pub load: RwSignal<LoadState>,
    /// Whether everything changed so far is stored: what the save status says.
    pub save_state: RwSignal<SaveState>,
    /// The last storage or load failure, shown until dismissed (in the current language).
    pub error: RwSignal<Option<Message>>,
    /// A form on screen holds input not yet saved: leaving the page (another page, reload,
    /// closing the tab) asks first.
    pub unsaved_form: RwSignal<bool>,
    /// The history's length right after the last import of this session: while it still is,
    /// the import is the last step and the data page offers to undo exactly it.
    pub import_step: RwSignal<Option<usize>>,
    /// A colleague's file chosen on the dashboard, for the data page to open.
    pub pending_import: RwSignal<Option<web_sys::File>, LocalStorage>,
    /// The settings of the range rules (the jump alert), a preference.
    pub check_options: RwSignal<crate::calc::checks::CheckOptions>,
    /// The deadline settings of 到期提醒 and the dashboard's card, a preference.
    pub deadline_options: RwSignal<crate::calc::approvals::DeadlineOptions>,
    /// Every finding of the ledger's figures, re-run [`FINDINGS_DELAY_MS`] after the ledger or
    /// the settings change (once for all the changes made meanwhile): the checks read the whole
    /// ledger, so they follow a clerk's typing instead of delaying every figure saved.
    pub findings: RwSignal<Vec<crate::calc::checks::Finding>>,
    /// Whether a re-run of the checks is scheduled.
    findings_due: StoredValue<bool>,
}

/// How long after a change the checks are re-run.
pub const FINDINGS_DELAY_MS: i32 = 150;

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

/// The current time, ISO 8601 UTC: the time of a change.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// This browser profile's device id (made once, kept in the preferences).
fn device_id() -> String {
    preferences::get(PREF_DEVICE).unwrap_or_else(|| {
        let device = format!("d-{:016x}", random_u64());
        let _ = preferences::set(PREF_DEVICE, &device);
        device
    })
}

/// The app's random ids as an `IdSource`, for the core's planners that make records (a
/// workbook's, a paste's).
pub struct StateIds(pub AppState);

impl crate::model::IdSource for StateIds {
    fn next_id(&mut self) -> RecordId {
        self.0.new_id()
    }
}

impl AppState {
    /// Signals only: nothing is read or written until [`AppState::start`].
    pub fn new() -> AppState {
        let workspace: RwSignal<Option<Workspace>> = RwSignal::new(None);
        let check_options = RwSignal::new(crate::calc::checks::CheckOptions::default());
        let findings = RwSignal::new(Vec::new());
        AppState {
            check_options,
            deadline_options: RwSignal::new(Default::default()),
            findings,
            findings_due: StoredValue::new(false),
            dataset: DatasetView(workspace),
            workspace,
            writing: StoredValue::new(false),
            putting_back: StoredValue::new(false),
            read_only: RwSignal::new(false),
            update_ready: RwSignal::new(false),
            worker_registered: RwSignal::new(false),
            storage_info: RwSignal::new(None),
            snapshots: RwSignal::new(Vec::new()),
            snapshots_problem: RwSignal::new(None),
            backup_overdue: RwSignal::new(None),
            lang: RwSignal::new(Lang::Zh),
            route: RwSignal::new(Route::Dashboard),
            load: RwSignal::new(LoadState::Loading),
            save_state: RwSignal::new(SaveState::Idle),
            error: RwSignal::new(None),
            unsaved_form: RwSignal::new(false),
            import_step: RwSignal::new(None),
            pending_import: RwSignal::new_local(None),
        }
    }

    /// Reads the preferences and the address, follows the hash, keeps `<html lang>` true, and
    /// loads the ledger (the stored one, or the built-in sample on first run).
    pub fn start(self) {
        if let Some(factor) = preferences::get(PREF_JUMP_FACTOR)
            .and_then(|f| f.parse::<rust_decimal::Decimal>().ok())
            .filter(|f| *f > rust_decimal::Decimal::ONE)
        {
            self.check_options.update(|o| o.jump_factor = factor);
        }
        let days = |key: &str| {
            preferences::get(key)
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|v| *v >= 0)
        };
        self.deadline_options.update(|o| {
            o.expiring_within_days = days(PREF_EXPIRING_DAYS).unwrap_or(o.expiring_within_days);
            o.pending_over_days = days(PREF_PENDING_DAYS).unwrap_or(o.pending_over_days);
        });
        if preferences::get(PREF_LANG).as_deref() == Some("en") {
            self.lang.set(Lang::En);
        }
        let hash = current_hash();
        self.route.set(if hash.is_empty() || hash == "#" {
            preferences::get(PREF_PAGE)
                .map(|h| Route::from_hash(&h))
                .unwrap_or(Route::Dashboard)
        } else {
            Route::from_hash(&hash)
        });
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
            if unsaved.get_untracked() || self.has_unsaved_changes() {
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
        Effect::new(move |_| {
            self.workspace.track();
            self.check_options.track();
            self.schedule_checks();
        });
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
        self.listen_to_other_tabs();
        self.listen_for_updates();
        if preferences::get(PREF_FIRST_USED).is_none() {
            let _ = preferences::set(PREF_FIRST_USED, &today().to_iso());
        }
        self.check_backup();
        spawn_local(async move {
            self.refresh_snapshots().await;
            match BrowserStore.load().await {
                Ok(Some(loaded)) if loaded.problems.is_empty() => {
                    super::perf_mark("taizhang:stored-loaded");
                    self.open(loaded.dataset, false).await;
                }
                // Records that do not read: never quietly a smaller ledger.
                Ok(Some(loaded)) => self.load.set(LoadState::Damaged {
                    reason: loaded
                        .problems
                        .first()
                        .map(|p| p.to_message())
                        .unwrap_or_else(|| Message::new("store.corrupt").with("detail", "")),
                    readable: Some(Box::new(loaded.dataset)),
                }),
                Ok(None) => self.open_sample().await,
                Err(error @ crate::store::StoreError::Corrupt { .. }) => {
                    self.load.set(LoadState::Damaged {
                        reason: error.to_message(),
                        readable: None,
                    })
                }
                Err(error) => self.load.set(LoadState::Failed(storage_failed(&error))),
            }
            // Ask for the ledger to be kept (not cleared when the disk runs low), and note the
            // answer, the usage and the quota for the data page.
            let info = crate::store::browser::request_persistence().await;
            self.storage_info.set(Some(info));
        });
    }

    /// Sets the jump alert of the consistency checks (a figure more than `factor` times the
    /// same period a year earlier), kept as a preference.
    /// Re-runs the checks a moment after a change (one run for the changes made meanwhile).
    fn schedule_checks(self) {
        if self.findings_due.get_value() {
            return;
        }
        self.findings_due.set_value(true);
        spawn_local(async move {
            super::sleep_ms(FINDINGS_DELAY_MS).await;
            if self
                .findings_due
                .try_update_value(|due| *due = false)
                .is_none()
            {
                return;
            }
            let options = self.check_options.get_untracked();
            let findings = self.workspace.with_untracked(|w| {
                w.as_ref()
                    .map(|w| crate::calc::checks::check_all(w.dataset(), &options))
                    .unwrap_or_default()
            });
            let _ = self.findings.try_set(findings);
        });
    }

    pub fn set_jump_factor(self, factor: rust_decimal::Decimal) {
        self.check_options.update(|o| o.jump_factor = factor);
        if let Err(error) = preferences::set(PREF_JUMP_FACTOR, &factor.to_string()) {
            self.error.set(Some(
                Message::new("error.preferences_failed").with("detail", error),
            ));
        }
    }

    /// Sets the deadline settings and keeps them on this computer; they apply even when
    /// keeping them fails, which comes back as the message.
    pub fn set_deadline_options(
        self,
        options: crate::calc::approvals::DeadlineOptions,
    ) -> Result<(), Message> {
        self.deadline_options.set(options);
        preferences::set(
            PREF_EXPIRING_DAYS,
            &options.expiring_within_days.to_string(),
        )
        .and_then(|()| preferences::set(PREF_PENDING_DAYS, &options.pending_over_days.to_string()))
        .map_err(|error| Message::new("error.preferences_failed").with("detail", error))
    }

    /// How many days between backup reminders (0: none).
    pub fn backup_days(self) -> u32 {
        preferences::get(PREF_BACKUP_DAYS)
            .and_then(|d| d.parse().ok())
            .unwrap_or(DEFAULT_BACKUP_DAYS)
    }

    pub fn set_backup_days(self, days: u32) {
        if let Err(error) = preferences::set(PREF_BACKUP_DAYS, &days.to_string()) {
            self.error.set(Some(
                Message::new("error.preferences_failed").with("detail", error),
            ));
        }
        self.check_backup();
    }

    /// The day of the last backup file exported, if any.
    pub fn last_export(self) -> Option<crate::model::Date> {
        preferences::get(PREF_LAST_EXPORT).and_then(|d| crate::model::Date::parse_iso(&d).ok())
    }

    /// A file was exported: that is a backup.
    pub fn record_export(self) {
        let _ = preferences::set(PREF_LAST_EXPORT, &today().to_iso());
        self.check_backup();
    }

    fn check_backup(self) {
        let first_used = preferences::get(PREF_FIRST_USED)
            .and_then(|d| crate::model::Date::parse_iso(&d).ok())
            .unwrap_or_else(today);
        self.backup_overdue.set(crate::workspace::backup_overdue(
            self.last_export(),
            first_used,
            today(),
            self.backup_days(),
        ));
    }

    /// Re-reads the list of kept snapshots (for the data page and the newest's date). A list
    /// that cannot be read is said (with the list), not taken for "no snapshots".
    pub async fn refresh_snapshots(self) {
        match BrowserStore.snapshots().await {
            Ok(list) => {
                self.snapshots.set(list);
                self.snapshots_problem.set(None);
            }
            Err(error) => self.snapshots_problem.set(Some(
                Message::new("snapshot.index_failed").with_message("reason", error.to_message()),
            )),
        }
    }

    /// A kept snapshot's ledger, read back (damaged ones say so).
    pub async fn read_snapshot(self, id: &str) -> Result<Dataset, Message> {
        match BrowserStore.snapshot(id).await {
            Ok(Some(loaded)) if loaded.problems.is_empty() => Ok(loaded.dataset),
            Ok(_) | Err(crate::store::StoreError::Corrupt { .. }) => {
                Err(Message::new("snapshot.damaged"))
            }
            Err(error) => Err(storage_failed(&error)),
        }
    }

    /// Replaces the ledger with a kept snapshot: one step, undoable (and itself preceded by a
    /// snapshot of what it replaces).
    pub async fn restore_snapshot(self, id: String) -> Result<(), Message> {
        let dataset = self.read_snapshot(&id).await?;
        self.replace_ledger(dataset).await
    }

    /// On a damaged store: opens a snapshot (or what could still be read) and stores it whole.
    pub async fn open_instead(self, dataset: Dataset) {
        self.open(dataset, true).await;
    }

    /// Whether the app works offline here: its service worker registered (which needs a secure
    /// context, https or localhost, and a browser that allows it). Tracked: it turns true when
    /// the registration completes.
    pub fn offline_available(self) -> bool {
        self.worker_registered.get()
    }

    /// Whether the page was opened in a secure context (https, or this computer): without one
    /// the browser allows neither a service worker (offline use) nor persistent storage.
    pub fn secure_context(self) -> bool {
        web_sys::window().is_some_and(|w| w.is_secure_context())
    }

    /// Opens a ledger in a new workspace; one that is not stored yet is stored before it is
    /// shown, so a reload right after the first one finds it.
    async fn open(self, dataset: Dataset, store: bool) {
        let mut workspace = Workspace::new(dataset, device_id(), self.author());
        if store {
            workspace.store_everything();
        }
        workspace.set_newest_snapshot(
            self.snapshots
                .with_untracked(|s| s.iter().max_by(|a, b| a.at.cmp(&b.at)).cloned()),
        );
        self.workspace.set(Some(workspace));
        self.flush().await;
        // Storing the ledger it opened is not a change the user made.
        if self.save_state.get_untracked() == SaveState::Saved {
            self.save_state.set(SaveState::Idle);
        }
        self.load.set(LoadState::Ready);
    }

    /// The built-in sample, fetched from beside the page (`sample::SAMPLE_PATH`; the service
    /// worker caches it with the app), or why it cannot be read.
    pub async fn sample() -> Result<Dataset, Message> {
        let failed =
            |reason: Message| Message::new("error.sample_failed").with_message("reason", reason);
        let text = fetch_text(crate::sample::SAMPLE_PATH)
            .await
            .map_err(|detail| failed(Message::new("sample.unreachable").with("detail", detail)))?;
        match crate::sample::read_sample(&text) {
            Ok(loaded) if loaded.problems.is_empty() => Ok(loaded.dataset),
            Ok(loaded) => Err(failed(
                loaded
                    .problems
                    .first()
                    .map(|p| p.to_message())
                    .unwrap_or_else(|| Message::new("error.sample_failed")),
            )),
            Err(error) => Err(failed(error.to_message())),
        }
    }

    /// The built-in sample, on first run: opened and stored.
    async fn open_sample(self) {
        match Self::sample().await {
            Ok(dataset) => self.open(dataset, true).await,
            Err(message) => self.load.set(LoadState::Failed(message)),
        }
    }

    /// The built-in sample again, replacing the ledger (one undoable step).
    pub async fn reload_sample(self) -> Result<(), Message> {
        let sample = Self::sample().await?;
        self.dispatch(Edit::Replace(Box::new(sample)))
    }

    /// Replaces the ledger with an empty one dated today (`workspace::empty_ledger`: the work
    /// areas and units kept, named in the UI's language), one undoable step.
    pub fn start_empty_ledger(self) -> Result<(), Message> {
        let lang = self.lang.get_untracked();
        let Some(empty) = self.dataset.with_untracked(|d| {
            d.as_ref().map(|d| {
                crate::workspace::empty_ledger(d, format!("ds-{}", self.new_id()), today(), lang)
            })
        }) else {
            return Ok(());
        };
        self.dispatch(Edit::Replace(Box::new(empty)))
    }

    /// Writes the selected part of the ledger as a file: (file name, text, its export record).
    /// The export's lineage is bookkeeping kept with the ledger (not a history step), stored
    /// with the next write. `None` while no ledger is open.
    pub fn export_file(
        self,
        selection: &crate::format::select::Selection,
        export_id: &str,
        at: &str,
    ) -> Option<(String, String, crate::format::v1::ExportV1)> {
        let result = self
            .workspace
            .try_update(|w| w.as_mut().map(|w| w.export(selection, export_id, at)))
            .flatten();
        self.persist();
        result
    }

    /// Applies a previewed import with the user's decisions as one step of the history, and
    /// stores what it changed. Gives the outcome and the history's length after the step (so
    /// the data page can offer to undo exactly this import). `None` while no ledger is open.
    pub fn apply_merge(
        self,
        plan: &crate::workspace::import::ImportPlan,
        decisions: &[Option<crate::format::merge::Resolution>],
        all_or_nothing: bool,
        at: &str,
    ) -> Option<
        Result<(crate::workspace::import::Outcome, usize), crate::workspace::import::ImportError>,
    > {
        let result = self
            .workspace
            .try_update(|w| {
                w.as_mut().map(|w| {
                    crate::workspace::import::apply_merge(w, plan, decisions, all_or_nothing, at)
                        .map(|outcome| (outcome, w.history_len()))
                })
            })
            .flatten();
        self.persist();
        result
    }

    pub fn can_undo(self) -> bool {
        self.workspace
            .with(|w| w.as_ref().is_some_and(Workspace::can_undo))
    }

    pub fn can_redo(self) -> bool {
        self.workspace
            .with(|w| w.as_ref().is_some_and(Workspace::can_redo))
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
        match self.save_state.get() {
            SaveState::Idle => "",
            SaveState::Saving => text(lang, "status.saving"),
            SaveState::Saved => text(lang, "status.saved"),
            SaveState::Failed(_) => text(lang, "status.not_saved"),
        }
    }

    /// Writes again what a failed write left in memory.
    pub fn retry_saving(self) {
        self.error.set(None);
        self.persist();
    }

    /// Whether changes are only in memory (a write failed or is under way): closing the tab
    /// would lose them, so the browser asks first.
    pub fn has_unsaved_changes(self) -> bool {
        matches!(
            self.save_state.get_untracked(),
            SaveState::Saving | SaveState::Failed(_)
        )
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
        let name = name.trim().to_string();
        self.workspace.update_untracked(|w| {
            if let Some(w) = w {
                w.set_author(name.clone());
            }
        });
        if let Err(error) = preferences::set(PREF_AUTHOR, &name) {
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

    /// Replaces the ledger with `ledger` as one undoable step. Its file shape for the store is
    /// made first, a slice of records at a time with the page getting turns (a city-scale
    /// ledger has 200,000 records), so neither the step nor the write freezes the page.
    pub async fn replace_ledger(self, ledger: Dataset) -> Result<(), Message> {
        let prepared = whole_ledger_in_slices(&ledger).await;
        super::perf_mark("taizhang:edit-start");
        self.run(move |w, at| w.replace(ledger, prepared, at).map(|()| true))
    }

    /// Applies an edit through the workspace and stores what it touched. A refused edit
    /// changes nothing and comes back as a message for the field that caused it.
    pub fn dispatch(self, edit: Edit) -> Result<(), Message> {
        super::perf_mark("taizhang:edit-start");
        self.run(|w, at| w.apply(edit, at).map(|()| true))
    }

    /// Undoes the last step (an edit, a paste, an import …), if any.
    pub fn undo(self) -> Result<(), Message> {
        self.step_through_history(false)
    }

    /// Redoes the last undone step, if any.
    pub fn redo(self) -> Result<(), Message> {
        self.step_through_history(true)
    }

    /// An undo or redo. One that puts a whole ledger back (an import taken back) has its store
    /// shape made in slices first, as a replacement has, and is made in the background: a
    /// city-scale ledger would otherwise freeze the page for the conversion.
    fn step_through_history(self, redo: bool) -> Result<(), Message> {
        if self.read_only.get_untracked() {
            return Err(Message::new("tabs.newer_version"));
        }
        if self.putting_back.get_value() {
            return Ok(());
        }
        let whole = self
            .workspace
            .try_update_untracked(|w| w.as_mut().and_then(|w| w.take_whole_step(redo)))
            .flatten();
        let Some(ledger) = whole else {
            return self.run(move |w, at| if redo { w.redo(at) } else { w.undo(at) });
        };
        self.putting_back.set_value(true);
        spawn_local(async move {
            let prepared = whole_ledger_in_slices(&ledger).await;
            super::perf_mark("taizhang:edit-start");
            let done =
                self.run(move |w, at| w.put_back_whole(ledger, prepared, at, redo).map(|()| true));
            let _ = self.putting_back.try_set_value(false);
            if let Err(message) = done {
                self.error.set(Some(message));
            }
        });
        Ok(())
    }

    fn run(
        self,
        f: impl FnOnce(&mut Workspace, &str) -> Result<bool, crate::model::EditError>,
    ) -> Result<(), Message> {
        if self.read_only.get_untracked() {
            return Err(Message::new("tabs.newer_version"));
        }
        let at = now_iso();
        // Untracked, so a refused edit re-renders nothing (the message stays at its field);
        // readers are notified below only when something changed.
        let result = self
            .workspace
            .try_update_untracked(|w| match w {
                Some(w) => f(w, &at).map_err(|e| e.to_message()),
                None => Err(Message::new("edit.not_found").with("id", "dataset")),
            })
            .unwrap_or_else(|| Err(Message::new("edit.not_found").with("id", "dataset")))?;
        if result {
            // The write is handed to the store before the readers are told: its first request
            // goes to IndexedDB (which works beside the page) before the page re-renders, so
            // the two overlap instead of the write waiting for the render.
            self.persist();
            self.workspace.notify();
            // Not saved until the store says so (the status never claims more).
            self.save_state.set(SaveState::Saving);
        }
        Ok(())
    }

    /// Hands the workspace's pending writes to the store, in the background.
    pub fn persist(self) {
        spawn_local(self.flush());
    }

    /// Hands the workspace's pending writes to the store, in order, and returns when every
    /// write queued so far is made. One writer at a time: a second caller waits for the first.
    pub async fn flush(self) {
        loop {
            // A tab of an older version than another open one writes nothing more.
            if self.read_only.try_get_untracked() != Some(false) {
                return;
            }
            if self.writing.try_get_value() != Some(false) {
                if self.writing.try_get_value().is_none() {
                    return;
                }
                super::yield_to_browser().await;
                continue;
            }
            let writes = self
                .workspace
                .try_update_untracked(|w| w.as_mut().map(Workspace::take_writes))
                .flatten()
                .unwrap_or_default();
            if writes.is_empty() {
                return;
            }
            self.writing.set_value(true);
            self.save_state.set(SaveState::Saving);
            let mut store = BrowserStore;
            let mut failed = None;
            for (index, write) in writes.iter().enumerate() {
                let snapshot = matches!(write, crate::store::Write::Snapshot { .. });
                match store.write(write).await {
                    Ok(()) if snapshot => spawn_local(self.refresh_snapshots()),
                    Ok(()) => tell_other_tabs(&TabChange::of(write)),
                    // A snapshot that cannot be kept (the quota, say) is said and dropped: the
                    // ledger's own writes after it still go ahead.
                    Err(error) if snapshot => self.error.set(Some(storage_failed(&error))),
                    Err(error) => {
                        // The transaction was aborted: what is stored is as before. The writes
                        // not made go back to the front of the queue for a retry.
                        let unwritten = writes[index..].to_vec();
                        self.workspace.update_untracked(|w| {
                            if let Some(w) = w {
                                w.requeue(unwritten);
                            }
                        });
                        failed = Some(storage_failed(&error));
                        break;
                    }
                }
            }
            super::perf_mark("taizhang:edit-persisted");
            self.writing.set_value(false);
            if let Some(message) = failed {
                self.error.set(Some(message.clone()));
                self.save_state.set(SaveState::Failed(message));
                return;
            }
            self.save_state.set(SaveState::Saved);
        }
    }

    /// The file both sides last exchanged, from the store (a merge's base).
    pub async fn find_base(
        self,
        export: Option<&crate::format::v1::ExportV1>,
    ) -> Option<crate::workspace::import::Base> {
        let lineage = self
            .dataset
            .with_untracked(|d| d.map(|d| d.meta.lineage.clone()))
            .unwrap_or_default();
        crate::workspace::import::find_base(&mut BrowserStore, export, &lineage).await
    }

    /// Keeps a file exchanged with a colleague as the base of later merges.
    pub async fn keep_file(self, export: Option<crate::format::v1::ExportV1>, text: String) {
        let kept =
            crate::workspace::import::keep_file(&mut BrowserStore, export.as_ref(), &text).await;
        if let Err(error) = kept {
            self.error.set(Some(storage_failed(&error)));
        }
    }

    /// Remembers the page on screen, to open it again next time.
    pub fn remember_page(self, hash: &str) {
        let _ = preferences::set(PREF_PAGE, hash);
    }

    /// Appends one line to the import log (in the preferences, the last 50 imports).
    pub fn log_import(self, mut entry: serde_json::Value) {
        const KEY: &str = "taizhang.import_log";
        let mut log: Vec<serde_json::Value> = preferences::get(KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        if let Some(object) = entry.as_object_mut() {
            let lang = if self.lang.get_untracked() == Lang::En {
                "en"
            } else {
                "zh"
            };
            object.insert("lang".to_string(), serde_json::json!(lang));
        }
        log.push(entry);
        let keep = log.len().saturating_sub(50);
        let _ = preferences::set(
            KEY,
            &serde_json::Value::Array(log.split_off(keep)).to_string(),
        );
    }

    /// How many steps the history holds (a step taken right after an import can be named).
    pub fn history_len(self) -> usize {
        self.workspace
            .with(|w| w.as_ref().map_or(0, Workspace::history_len))
    }
}

impl AppState {
    /// A new version downloaded by the service worker (public/register-sw.js says so on
    /// `window.taizhangUpdate` and with an event) is offered, never swapped in unasked.
    fn listen_for_updates(self) {
        let ready_now = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"taizhangUpdate".into()).ok())
            .and_then(|u| js_sys::Reflect::get(&u, &"ready".into()).ok())
            .and_then(|r| r.as_bool())
            .unwrap_or(false);
        if ready_now {
            self.update_ready.set(true);
        }
        let update_ready = self.update_ready;
        let handle = window_event_listener_untyped("taizhang-update-ready", move |_| {
            update_ready.set(true);
        });
        std::mem::forget(handle);
        // Registered before the app started, or later.
        let registered_now = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"taizhangUpdate".into()).ok())
            .and_then(|u| js_sys::Reflect::get(&u, &"registered".into()).ok())
            .and_then(|r| r.as_bool())
            .unwrap_or(false);
        if registered_now {
            self.worker_registered.set(true);
        }
        let registered = self.worker_registered;
        let handle = window_event_listener_untyped("taizhang-sw-registered", move |_| {
            registered.set(true);
        });
        std::mem::forget(handle);
    }

    /// The user accepted the new version: the waiting worker takes over and the page reloads.
    pub fn apply_update(self) {
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::Event::new("taizhang-apply-update") {
                let _ = window.dispatch_event(&event);
            }
        }
    }
}

/// The channel open tabs of this app (same origin) tell each other what they stored on.
const TAB_CHANNEL: &str = "taizhang-ledger";

thread_local! {
    static CHANNEL: std::cell::RefCell<Option<web_sys::BroadcastChannel>> =
        const { std::cell::RefCell::new(None) };
}

/// A ledger's file shape for the store, made a slice of records at a time with the page
/// getting turns (a city-scale ledger has 200,000 records).
async fn whole_ledger_in_slices(ledger: &Dataset) -> crate::store::chunks::WholeLedger {
    let mut turns = super::Turns::start();
    turns.give().await;
    let mut steps = crate::store::chunks::WholeLedger::steps(ledger);
    while !steps.step(500) {
        if turns.due() {
            turns.give().await;
        }
    }
    turns.give().await;
    steps.finish()
}

fn tell_other_tabs(change: &TabChange) {
    let Ok(text) = serde_json::to_string(change) else {
        return;
    };
    CHANNEL.with(|channel| {
        if let Some(channel) = channel.borrow().as_ref() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&text));
        }
    });
}

impl AppState {
    /// Hears what other tabs of this app stored and takes it in (reading it back from the
    /// store), so two open tabs stay in step; a tab of an older version than the writer stops
    /// writing and says why. (Browsers without `BroadcastChannel` simply do not hear.)
    fn listen_to_other_tabs(self) {
        use wasm_bindgen::JsCast;
        let Ok(channel) = web_sys::BroadcastChannel::new(TAB_CHANNEL) else {
            return;
        };
        let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| match event
                .data()
                .as_string()
                .and_then(|text| TabChange::read(&text))
            {
                Some(TabMessage::Newer) => {
                    self.read_only.set(true);
                    self.error.set(Some(Message::new("tabs.newer_version")));
                }
                Some(TabMessage::Change(change)) => spawn_local(self.take_in(change)),
                None => {}
            },
        );
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the app.
        on_message.forget();
        CHANNEL.with(|slot| *slot.borrow_mut() = Some(channel));
    }

    /// Reads back what another tab stored and takes it into this tab's ledger.
    async fn take_in(self, change: TabChange) {
        let mut store = BrowserStore;
        if change.everything {
            match store.load().await {
                Ok(Some(loaded)) => {
                    self.workspace.update(|w| {
                        if let Some(w) = w {
                            w.follow(loaded.dataset);
                        }
                    });
                }
                Ok(None) => {}
                Err(error) => self.error.set(Some(storage_failed(&error))),
            }
            return;
        }
        match store.read_chunks(&change.keys()).await {
            Ok(stored) => {
                let changed = self
                    .workspace
                    .try_update_untracked(|w| w.as_mut().map(|w| w.absorb(&stored, &change)))
                    .flatten()
                    .unwrap_or(false);
                if changed {
                    self.workspace.notify();
                }
            }
            Err(error) => self.error.set(Some(storage_failed(&error))),
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// A file beside the page as text, or why it could not be fetched (the HTTP status, or the
/// browser's reason: offline with nothing cached, say).
async fn fetch_text(path: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let reason = |value: wasm_bindgen::JsValue| crate::ui::sheets::js_text(&value);
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(reason)?
        .dyn_into()
        .map_err(reason)?;
    if !response.ok() {
        return Err(format!("HTTP {} {}", response.status(), path));
    }
    JsFuture::from(response.text().map_err(reason)?)
        .await
        .map_err(reason)?
        .as_string()
        .ok_or_else(|| format!("{path}: not text"))
}
