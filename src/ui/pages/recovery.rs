//! When the stored ledger is damaged (a crash mid-write, a disk fault): what is wrong, and the
//! ways on — the newest intact snapshot (or an older one), what could still be read, or the
//! sample — never a blank app.

use crate::i18n::{text, Message};
use crate::model::Dataset;
use crate::ui::components::snapshots::SnapshotList;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RecoveryPage(reason: Message, readable: Option<Box<Dataset>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let problem = RwSignal::new(None::<Message>);
    let readable = StoredValue::new(readable);
    let choose = Callback::new(move |id: String| {
        spawn_local(async move {
            match state.read_snapshot(&id).await {
                Ok(dataset) => state.open_instead(dataset).await,
                Err(message) => problem.set(Some(message)),
            }
        });
    });
    let use_readable = move |_| {
        if let Some(dataset) = readable.get_value() {
            spawn_local(async move { state.open_instead(*dataset).await });
        }
    };
    let use_sample = move |_| {
        if let Ok(loaded) = crate::sample::load_lucheng_sample() {
            spawn_local(async move { state.open_instead(loaded.dataset).await });
        }
    };
    let reason_text = reason.clone();
    view! {
        <section class="recovery" data-testid="recovery">
            <h1>{move || text(lang.get(), "recovery.title")}</h1>
            <p class="error" data-testid="recovery-reason">{move || reason_text.render(lang.get())}</p>
            <p>{move || text(lang.get(), "recovery.explain")}</p>
            <h2>{move || text(lang.get(), "recovery.snapshots")}</h2>
            <SnapshotList action="recovery.open_snapshot" on_choose=choose />
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
