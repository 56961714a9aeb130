//! The data page: what is stored on this computer, the ways to start over (an empty ledger,
//! or the sample again), the author name, sharing (export, open and merge a colleague's file:
//! `exchange.rs`), and the work areas and units (`catalogue.rs`).

use crate::i18n::{text, Message, ToMessage};
use crate::model::{Date, Edit, RecordKind};
use crate::ui::components::FieldError;
use crate::ui::state::AppState;
use leptos::prelude::*;

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// Replaces the ledger with an empty one dated today, after asking.
pub fn start_empty_ledger(state: AppState) {
    if !confirm(text(state.lang.get_untracked(), "confirm.start_empty")) {
        return;
    }
    if let Err(message) = state.start_empty_ledger() {
        state.error.set(Some(message));
    }
}

use crate::ui::components::snapshots::{size_text, SnapshotList};

/// The snapshots kept of the ledger, each restorable in one undoable step.
#[component]
fn Snapshots() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let problem = RwSignal::new(None::<Message>);
    let restored = RwSignal::new(false);
    let choose = Callback::new(move |id: String| {
        if !confirm(text(lang.get_untracked(), "confirm.restore_snapshot")) {
            return;
        }
        leptos::task::spawn_local(async move {
            match state.restore_snapshot(id).await {
                Ok(()) => {
                    problem.set(None);
                    restored.set(true);
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    });
    leptos::task::spawn_local(state.refresh_snapshots());
    view! {
        <h2>{move || text(lang.get(), "snapshot.title")}</h2>
        <p class="muted small">{move || text(lang.get(), "snapshot.explain")}</p>
        <SnapshotList action="snapshot.restore" on_choose=choose />
        <FieldError error=problem test_id="snapshot-problem" />
        <Show when=move || restored.get()>
            <p class="notice" data-testid="snapshot-restored">{move || text(lang.get(), "snapshot.restored")}</p>
        </Show>
    }
}

/// What this browser keeps and how safely: persistent storage, usage and quota, and whether
/// the app works offline here (and why not when it does not).
#[component]
fn StorageStatus() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let persistence = move || {
        let key = match state.storage_info.get().and_then(|i| i.persistent) {
            Some(true) => "data.persistent_yes",
            Some(false) => "data.persistent_no",
            // Not a secure context: the browser offers no persistent storage at all.
            None if !state.secure_context() => "notice.insecure",
            None => "data.persistent_unknown",
        };
        text(lang.get(), key)
    };
    let usage = move || {
        state.storage_info.get().and_then(|info| {
            Some(
                Message::new("data.usage")
                    .with("usage", size_text(info.usage?))
                    .with("quota", size_text(info.quota?))
                    .render(lang.get()),
            )
        })
    };
    let offline = move || {
        text(
            lang.get(),
            if state.offline_available() {
                "data.offline_yes"
            } else if !state.secure_context() {
                "data.offline_no"
            } else {
                "data.offline_not_yet"
            },
        )
    };
    view! {
        <h2>{move || text(lang.get(), "data.storage_title")}</h2>
        <ul class="storage-status" data-testid="storage-status">
            <li data-testid="storage-persistent">{persistence}</li>
            <li data-testid="storage-usage">{usage}</li>
            <li data-testid="storage-offline">{offline}</li>
        </ul>
    }
}

/// The ledger's reporting date (截至日期): what "今年" means and the day lights, overdue items
/// and due reports are judged on. A change is an edit like any other (undo takes it back).
#[component]
fn ReportingDate() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let error = RwSignal::new(None::<Message>);
    let current = move || {
        state
            .dataset
            .with(|d| d.as_ref().map(|d| d.meta.document_date.to_iso()))
            .unwrap_or_default()
    };
    let change = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        match Date::parse_iso(typed.trim()) {
            Ok(date) => error.set(state.dispatch(Edit::SetDocumentDate(date)).err()),
            Err(crate::model::PeriodError::Empty) => {
                error.set(Some(Message::new("data.reporting_date_empty")))
            }
            Err(problem) => error.set(Some(problem.to_message())),
        }
    };
    view! {
        <h2>{move || text(lang.get(), "data.reporting_date")}</h2>
        <p class="inline-form">
            <label>{move || text(lang.get(), "data.reporting_date_label")}" "
                <input type="date" data-testid="document-date" prop:value=current on:change=change />
            </label>
            <FieldError error=error test_id="document-date-error" />
        </p>
        <p class="muted small">{move || text(lang.get(), "data.reporting_date_explain")}</p>
    }
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
    let start_empty = move |_| start_empty_ledger(state);
    let author = RwSignal::new(state.author());
    let reload_sample = move |_| {
        if !confirm(text(lang.get_untracked(), "confirm.reload_sample")) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Err(message) = state.reload_sample().await {
                state.error.set(Some(message));
            }
        });
    };

    let load_demo = move |_| {
        let current = lang.get_untracked();
        if !confirm(text(current, "confirm.load_demo")) {
            return;
        }
        leptos::task::spawn_local(async move {
            // Made a slice of records at a time (245,000 records: 1.1 s in one go froze the
            // page), then put in place as an import is.
            let mut generation = crate::format::generate::Generation::new(
                &crate::format::generate::GenerateOptions {
                    projects: 5_000,
                    approvals: 8,
                    ..Default::default()
                },
            );
            let mut turns = crate::ui::Turns::start();
            turns.give().await;
            while !generation.step(2_000) {
                if turns.due() {
                    turns.give().await;
                }
            }
            let mut demo = generation.finish();
            demo.meta.id = format!("ds-demo-{}", state.new_id());
            demo.meta.name = text(current, "demo.name").to_string();
            if let Err(message) = state.replace_ledger(demo).await {
                state.error.set(Some(message));
            }
        });
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
                <button data-testid="load-demo" on:click=load_demo>{move || text(lang.get(), "demo.load")}</button>
            </div>
            <p class="muted small">{move || text(lang.get(), "demo.explain")}</p>
            <StorageStatus />
            <Snapshots />
            <ReportingDate />
            <h2>{move || text(lang.get(), "data.settings")}</h2>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); state.set_author(&author.get_untracked()); }>
                <label>{move || text(lang.get(), "data.author")}" "
                    <input data-testid="author-name" prop:value=move || author.get()
                        on:input=move |ev| author.set(event_target_value(&ev))
                        on:change=move |_| state.set_author(&author.get_untracked()) />
                </label>
                <span class="muted small">{move || text(lang.get(), "data.author_explain")}</span>
            </form>
            <p class="inline-form">
                <label>{move || text(lang.get(), "backup.every")}" "
                    <input type="number" min="0" max="365" class="short" data-testid="backup-days"
                        prop:value=move || state.backup_days().to_string()
                        on:change=move |ev| {
                            if let Ok(days) = event_target_value(&ev).trim().parse::<u32>() {
                                state.set_backup_days(days.min(365));
                            }
                        } />
                </label>
                <span class="muted small" data-testid="backup-last">{move || {
                    state.backup_overdue.track();
                    match state.last_export() {
                        Some(date) => Message::new("backup.last").with("date", date.to_iso()).render(lang.get()),
                        None => text(lang.get(), "backup.never").to_string(),
                    }
                }}</span>
            </p>
            <super::exchange::ExchangePanel />
            <super::catalogue::Catalogue />
        </section>
    }
}
