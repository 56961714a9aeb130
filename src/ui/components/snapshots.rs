//! The list of kept snapshots of the ledger, newest first, each with what it holds and a button
//! that hands its id to the page (the data page restores it as an undoable step; the recovery
//! page opens it instead of a damaged store).

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
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let rows = move || {
        let mut list = state.snapshots.get();
        list.sort_by(|a, b| b.at.cmp(&a.at));
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
        <p class="muted small" data-testid="snapshot-total">{total}</p>
        <Show when=move || state.snapshots.with(|s| !s.is_empty())
            fallback=move || view! { <p class="muted" data-testid="snapshots-none">{move || text(lang.get(), "snapshot.none")}</p> }>
            <table class="counts" data-testid="snapshots">
                <tbody>
                    {move || rows().into_iter().map(|snapshot| {
                        let id = snapshot.id.clone();
                        view! {
                            <tr data-testid="snapshot" data-id=snapshot.id.clone()>
                                <td>{local_time(&snapshot.at)}</td>
                                <td>{move || text(lang.get(), reason_key(snapshot.reason))}</td>
                                <td>{move || Message::new("snapshot.records").with("count", snapshot.records).render(lang.get())}</td>
                                <td>{size_text(snapshot.bytes as f64)}</td>
                                <td><button class="link" data-testid="snapshot-restore" on:click=move |_| on_choose.run(id.clone())>
                                    {move || text(lang.get(), action)}
                                </button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}
