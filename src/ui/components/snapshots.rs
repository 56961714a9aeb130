//! The list of kept snapshots of the ledger, newest first, each with what it holds and a button
//! that hands its id to the page (the data page restores it as an undoable step; the recovery
//! page opens it instead of a damaged store, and marks those found not to read). A list that
//! cannot be read says so.

use crate::i18n::{text, Message};
use crate::store::snapshots::SnapshotReason;
use crate::ui::components::local_time;
use crate::ui::state::AppState;
use leptos::prelude::*;

fn reason_key(reason: SnapshotReason) -> &'static str {
    match reason {
        SnapshotReason::Changes => "snapshot.reason_changes",
        SnapshotReason::Daily => "snapshot.reason_daily",
        SnapshotReason::BeforeWholeChange => "snapshot.reason_whole",
    }
}

/// Bytes for people: "1.2 MB".
pub fn size_text(bytes: f64) -> String {
    if bytes >= 1024.0 * 1024.0 * 1024.0 {
        format!("{:.1} GB", bytes / 1024.0 / 1024.0 / 1024.0)
    } else if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / 1024.0 / 1024.0)
    } else {
        format!("{:.0} KB", (bytes / 1024.0).max(1.0))
    }
}

#[component]
pub fn SnapshotList(
    /// What the button on each snapshot says (a text key).
    action: &'static str,
    on_choose: Callback<String>,
    /// Snapshots found not to read, by id, with why (the recovery page marks them).
    #[prop(optional)]
    damaged: Option<RwSignal<Vec<(String, Message)>>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let damage = move |id: &str| {
        damaged.and_then(|d| d.with(|d| d.iter().find(|(i, _)| i == id).map(|(_, m)| m.clone())))
    };
    let rows = move || {
        let mut list = state.snapshots.get();
        crate::sorting::sort_by(&mut list, |a, b| b.at.cmp(&a.at));
        list
    };
    let total = move || {
        let used: u64 = state.snapshots.with(|s| s.iter().map(|s| s.bytes).sum());
        let budget = crate::store::snapshots::SnapshotPolicy::default().budget_bytes;
        Message::new("snapshot.total")
            .with("count", state.snapshots.with(Vec::len))
            .with("used", size_text(used as f64))
            .with("budget", size_text(budget as f64))
            .render(lang.get())
    };
    view! {
        <crate::ui::components::FieldError error=state.snapshots_problem test_id="snapshots-problem" />
        <p class="muted small" data-testid="snapshot-total">{total}</p>
        <Show when=move || state.snapshots.with(|s| !s.is_empty())
            fallback=move || view! { <p class="muted" data-testid="snapshots-none">{move || text(lang.get(), "snapshot.none")}</p> }>
            <table class="counts" data-testid="snapshots">
                <tbody>
                    {move || rows().into_iter().map(|snapshot| {
                        let id = snapshot.id.clone();
                        let damage = {
                            let id = snapshot.id.clone();
                            move || damage(&id)
                        };
                        let is_damaged = {
                            let damage = damage.clone();
                            move || damage().is_some()
                        };
                        let state_code = {
                            let is_damaged = is_damaged.clone();
                            move || if is_damaged() { "damaged" } else { "unchecked" }
                        };
                        let why = move || damage().map(|m| m.render(lang.get()));
                        view! {
                            <tr data-testid="snapshot" data-id=snapshot.id.clone() data-state=state_code>
                                <td>{local_time(&snapshot.at)}</td>
                                <td>{move || text(lang.get(), reason_key(snapshot.reason))}</td>
                                <td>{move || Message::new("snapshot.records").with("count", snapshot.records).render(lang.get())}</td>
                                <td>{size_text(snapshot.bytes as f64)}</td>
                                <td>
                                    <Show when=is_damaged.clone()
                                        fallback=move || {
                                            let id = id.clone();
                                            view! {
                                                <button class="link" data-testid="snapshot-restore" on:click=move |_| on_choose.run(id.clone())>
                                                    {move || text(lang.get(), action)}
                                                </button>
                                            }
                                        }>
                                        <span class="error" data-testid="snapshot-damaged" title=why.clone()>
                                            {move || text(lang.get(), "snapshot.unreadable")}
                                        </span>
                                    </Show>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}
