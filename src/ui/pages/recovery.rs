//! When the stored ledger is damaged (a crash mid-write, a disk fault): what is wrong, and the
//! ways on — the newest intact snapshot (or an older one), what could still be read, or the
//! sample — never a blank app.
//!
//! The snapshots are tried newest first: each one that does not read is marked damaged in the
//! list, and the first that reads is offered on its own, ready to open.

use crate::i18n::{text, Message};
use crate::model::Dataset;
use crate::store::snapshots::SnapshotInfo;
use crate::ui::components::local_time;
use crate::ui::components::snapshots::SnapshotList;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the search for an intact snapshot is.
#[derive(Debug, Clone, PartialEq)]
enum Search {
    Searching,
    /// The newest snapshot that reads.
    Found(SnapshotInfo),
    /// None reads (or none is kept).
    NoneIntact,
}

#[component]
pub fn RecoveryPage(reason: Message, readable: Option<Box<Dataset>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let problem = RwSignal::new(None::<Message>);
    let readable = StoredValue::new(readable);
    let damaged = RwSignal::new(Vec::<(String, Message)>::new());
    let search = RwSignal::new(Search::Searching);
    // The newest intact snapshot's ledger, read while searching: opening it reads nothing again.
    let found = StoredValue::new(None::<Dataset>);
    spawn_local(async move {
        let mut newest_first = state.snapshots.get_untracked();
        crate::sorting::sort_by(&mut newest_first, |a, b| b.at.cmp(&a.at));
        for info in newest_first {
            match state.read_snapshot(&info.id).await {
                Ok(dataset) => {
                    found.set_value(Some(dataset));
                    let _ = search.try_set(Search::Found(info));
                    return;
                }
                Err(message) => {
                    let _ = damaged.try_update(|d| d.push((info.id.clone(), message)));
                }
            }
        }
        let _ = search.try_set(Search::NoneIntact);
    });
    let choose = Callback::new(move |id: String| {
        spawn_local(async move {
            match state.read_snapshot(&id).await {
                Ok(dataset) => state.open_instead(dataset).await,
                Err(message) => {
                    damaged.update(|d| d.push((id, message.clone())));
                    problem.set(Some(message));
                }
            }
        });
    });
    let use_found = move |_| {
        if let Some(dataset) = found.get_value() {
            spawn_local(async move { state.open_instead(dataset).await });
        }
    };
    let use_readable = move |_| {
        if let Some(dataset) = readable.get_value() {
            spawn_local(async move { state.open_instead(*dataset).await });
        }
    };
    let use_sample = move |_| {
        spawn_local(async move {
            match AppState::sample().await {
                Ok(dataset) => state.open_instead(dataset).await,
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let offer = move || {
        match search.get() {
        Search::Searching => view! {
            <p class="muted" data-testid="recovery-searching">{move || text(lang.get(), "recovery.searching")}</p>
        }
        .into_any(),
        Search::Found(info) => {
            let records = info.records;
            view! {
                <div class="notice" data-testid="recovery-newest" data-id=info.id.clone()>
                    <strong>{move || text(lang.get(), "recovery.newest_intact")}</strong>
                    " "{local_time(&info.at)}" · "
                    {move || Message::new("snapshot.records").with("count", records).render(lang.get())}
                    " "<button data-testid="recovery-use-newest" on:click=use_found>
                        {move || text(lang.get(), "recovery.open_snapshot")}
                    </button>
                </div>
            }
            .into_any()
        }
        Search::NoneIntact => view! {
            <p class="error" data-testid="recovery-none-intact">{move || text(lang.get(), "recovery.none_intact")}</p>
        }
        .into_any(),
    }
    };
    let reason_text = reason.clone();
    view! {
        <section class="recovery" data-testid="recovery">
            <h1>{move || text(lang.get(), "recovery.title")}</h1>
            <p class="error" data-testid="recovery-reason">{move || reason_text.render(lang.get())}</p>
            <p>{move || text(lang.get(), "recovery.explain")}</p>
            {offer}
            <h2>{move || text(lang.get(), "recovery.snapshots")}</h2>
            <SnapshotList action="recovery.open_snapshot" on_choose=choose damaged=damaged />
            <crate::ui::components::FieldError error=problem test_id="recovery-problem" />
            <div class="actions">
                <Show when=move || readable.with_value(Option::is_some)>
                    <button data-testid="recovery-readable" on:click=use_readable>{move || text(lang.get(), "recovery.use_readable")}</button>
                </Show>
                <button data-testid="recovery-sample" on:click=use_sample>{move || text(lang.get(), "recovery.use_sample")}</button>
            </div>
        </section>
    }
}
