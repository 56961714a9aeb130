//! Sharing with colleagues: export the ledger as a file, open a colleague's file, and merge it.
//!
//! The sequence is the workspace's (`workspace::import`); this panel reads the file in slices
//! with progress, shows the merge preview with a choice per conflict, and hands each step to
//! the workspace: a decided merge, or a replacement by another ledger's file, is one undoable
//! step of the same history as every edit, stored by rewriting only what it changed.

use crate::format;
use crate::format::merge::Resolution;
use crate::i18n::{text, Message, ToMessage};
use crate::model::{Dataset, Lang, RecordKind};
use crate::ui::state::{now_iso, AppState};
use crate::workspace::explain::{difference_line, explain_conflict, ChangedBy};
use crate::workspace::import::{self, ImportError, ImportPlan, Opened, ReadError};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Asks the user; the time the dialog is open is marked (`taizhang:dialog-open`/`-close`) so a
/// measurement of an import can leave out the user's time and nothing else.
fn confirm(message: &str) -> bool {
    super::super::perf_mark("taizhang:dialog-open");
    let answer = web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false);
    super::super::perf_mark("taizhang:dialog-close");
    answer
}

/// The largest file the app opens (the text and its records are held in memory at once); a
/// larger one is refused with its size named. Below it, reading goes in slices with progress.
const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

#[component]
pub fn ExchangePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let problems = RwSignal::new(Vec::<String>::new());
    let preview = RwSignal::new(None::<ImportPlan>);
    let choices = RwSignal::new(Vec::<Option<Resolution>>::new());
    let all_or_nothing = RwSignal::new(false);
    let outcome = RwSignal::new(Vec::<String>::new());
    let import_step = state.import_step;
    let reading = RwSignal::new(false);
    let read_progress = RwSignal::new(None::<(usize, usize)>);
    let viewing = RwSignal::new(None::<(String, u32, u32, Dataset)>);
    // What to export: every work area not unticked, periods between the two typed bounds.
    let excluded_areas = RwSignal::new(std::collections::BTreeSet::<crate::model::RecordId>::new());
    let period_from = RwSignal::new(String::new());
    let period_to = RwSignal::new(String::new());
    let with_relations = RwSignal::new(true);
    let selection_error = RwSignal::new(None::<crate::i18n::Message>);
    let selection = move || -> Option<format::select::Selection> {
        let document_date = state
            .dataset
            .with_untracked(|d| d.as_ref().map(|d| d.meta.document_date))?;
        let bound = |text: String| -> Result<Option<crate::model::Period>, crate::i18n::Message> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            crate::model::parse_period(&text, document_date)
                .map(Some)
                .map_err(|e| e.to_message())
        };
        let (from, to) = match (
            bound(period_from.get_untracked()),
            bound(period_to.get_untracked()),
        ) {
            (Ok(from), Ok(to)) => (from, to),
            (Err(message), _) | (_, Err(message)) => {
                selection_error.set(Some(message));
                return None;
            }
        };
        selection_error.set(None);
        let excluded = excluded_areas.get_untracked();
        let areas = (!excluded.is_empty()).then(|| {
            state.dataset.with_untracked(|d| {
                d.as_ref()
                    .map(|d| {
                        d.areas()
                            .into_iter()
                            .map(|a| a.id.clone())
                            .filter(|id| !excluded.contains(id))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        });
        Some(format::select::Selection {
            areas,
            from,
            to,
            relations: with_relations.get_untracked(),
        })
    };
    let area_choices = move || {
        let current_lang = lang.get();
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.areas()
                        .into_iter()
                        .map(|a| {
                            let id = a.id.clone();
                            let checked_id = a.id.clone();
                            let label = if current_lang == Lang::En && !a.name_en.is_empty() { a.name_en.clone() } else { a.name.clone() };
                            view! {
                                <label class="choice"><input type="checkbox" data-testid="export-area" data-area=a.id.to_string()
                                    prop:checked=move || !excluded_areas.with(|e| e.contains(&checked_id))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        excluded_areas.update(|e| { if on { e.remove(&id); } else { e.insert(id.clone()); } });
                                    } />" "{label}</label>
                            }
                        })
                        .collect_view()
                })
        })
    };
    let export = move |_| {
        let now = now_iso();
        let Some(selection) = selection() else { return };
        let id = state.new_export_id();
        let Some((file_name, text, export)) = state.export_file(&selection, &id, &now) else {
            return;
        };
        if let Err(message) =
            crate::ui::components::download_text(&file_name, "application/json", &text)
        {
            state.error.set(Some(
                Message::new("error.download_failed").with("detail", message),
            ));
            return;
        }
        state.record_export();
        // The export is a possible merge base: keep it.
        spawn_local(state.keep_file(Some(export), text));
    };

    let open_file = move |file: web_sys::File| {
        let current_lang = lang.get_untracked();
        let file_name = file.name();
        if file.size() > MAX_FILE_BYTES {
            problems.set(vec![crate::i18n::Message::new("file.too_large")
                .with("size", format!("{:.1}", file.size() / 1024.0 / 1024.0))
                .with("limit", format!("{:.0}", MAX_FILE_BYTES / 1024.0 / 1024.0))
                .render(current_lang)]);
            return;
        }
        spawn_local(async move {
            super::super::perf_mark("taizhang:import-start");
            outcome.set(Vec::new());
            viewing.set(None);
            reading.set(true);
            crate::ui::yield_to_browser().await;
            let contents = match crate::ui::read_text_in_slices(&file).await {
                Ok(text) => text,
                Err(_) => {
                    problems.set(vec![text(current_lang, "data.read_failed").to_string()]);
                    return;
                }
            };
            super::super::perf_mark("taizhang:import-read");
            // Read and restored in slices of a few hundred records, letting the page repaint
            // (and show how far it is) every `SLICE_MS`; the result is exactly `read_file`'s.
            let mut reader = format::sliced::SlicedReader::new(&contents);
            super::super::perf_mark("taizhang:import-split");
            let mut turns = crate::ui::Turns::start();
            while !reader.is_done() {
                let progress = reader.step(500);
                if turns.due() {
                    // The split counts no records yet.
                    if progress.total > 0 {
                        read_progress.set(Some((progress.done, progress.total)));
                    }
                    turns.give().await;
                }
            }
            turns.give().await;
            let read = reader.finish();
            super::super::perf_mark("taizhang:import-restored");
            read_progress.set(None);
            reading.set(false);
            let loaded = match read {
                Err(format::FormatError::NewerVersion { found, supported }) => {
                    // A newer app's file: shown read-only, as far as this version understands it.
                    match format::read_newer_for_viewing(&contents) {
                        Ok(viewed) => {
                            viewing.set(Some((file_name, found, supported, viewed.dataset)))
                        }
                        Err(error) => problems.set(vec![error.to_message().render(current_lang)]),
                    }
                    return;
                }
                Err(error) => return problems.set(vec![error.to_message().render(current_lang)]),
                Ok(loaded) if !loaded.problems.is_empty() => {
                    return problems.set(
                        loaded
                            .problems
                            .iter()
                            .map(|p| p.to_message().render(current_lang))
                            .collect(),
                    )
                }
                Ok(loaded) => loaded,
            };
            problems.set(Vec::new());
            super::super::perf_mark("taizhang:import-parsed");
            let base = state.find_base(loaded.export.as_ref()).await;
            let opened = state
                .dataset
                .with_untracked(|d| d.map(|d| import::plan(d, &file_name, contents, loaded, base)));
            super::super::perf_mark("taizhang:import-planned");
            match opened {
                None => {}
                Some(Opened::Other(mut replacement)) => {
                    // Another ledger: it can only replace this one.
                    if !confirm(text(current_lang, "confirm.replace_with_file")) {
                        return;
                    }
                    super::super::perf_mark("taizhang:import-confirmed");
                    match state.replace_ledger(replacement.ledger()).await {
                        Ok(()) => {
                            super::super::perf_mark("taizhang:import-applied");
                            import_step.set(Some(state.history_len()));
                            // The page redraws the new ledger before the store's slices begin.
                            crate::ui::yield_to_browser().await;
                            state.flush().await;
                            super::super::perf_mark("taizhang:import-flushed");
                            state.keep_file(replacement.export, replacement.text).await;
                            super::super::perf_mark("taizhang:import-stored");
                        }
                        Err(message) => problems.set(vec![message.render(current_lang)]),
                    }
                }
                Some(Opened::Merge(plan)) => {
                    choices.set(vec![None; plan.merge.conflicts.len()]);
                    preview.set(Some(*plan));
                }
            }
        });
    };

    // A file chosen on the dashboard ("打开同事的文件") is opened here like one chosen below.
    if let Some(file) = state.pending_import.try_update(Option::take).flatten() {
        open_file(file);
    }
    let on_file_chosen = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        open_file(file);
    };

    let apply = move |_| {
        let Some(plan) = preview.get_untracked() else {
            return;
        };
        let current_lang = lang.get_untracked();
        let decisions = choices.get_untracked();
        let done = state.apply_merge(
            &plan,
            &decisions,
            all_or_nothing.get_untracked(),
            &now_iso(),
        );
        let (result, step) = match done {
            Some(Ok((result, step))) => (result, step),
            Some(Err(error)) => {
                problems.set(vec![import_message(&error, current_lang)]);
                return;
            }
            None => return,
        };
        import_step.set(Some(step));
        let mut lines = vec![format!(
            "{}: {}",
            text(current_lang, "import.applied"),
            plan.file_name
        )];
        lines.extend(result.rejected.iter().map(|(kind, id, reason)| {
            format!(
                "{} {} {id}: {}",
                text(current_lang, "import.rejected"),
                kind.collection(),
                reason.to_message().render(current_lang)
            )
        }));
        outcome.set(lines);
        preview.set(None);
        state.log_import(result.log);
        spawn_local(state.keep_file(plan.export, plan.text));
    };

    let undo_import = move |_| {
        if !confirm(text(lang.get_untracked(), "confirm.undo_import")) {
            return;
        }
        if import_step.get_untracked() != Some(state.history_len()) {
            state
                .error
                .set(Some(Message::new("import.nothing_to_undo")));
            return;
        }
        match state.undo() {
            Ok(()) => {
                import_step.set(None);
                outcome.set(vec![text(lang.get_untracked(), "import.undone").to_string()]);
            }
            Err(message) => state.error.set(Some(message)),
        }
    };
    // Shown while the last import is still the last step of the history.
    let can_undo_import = move || {
        import_step
            .get()
            .is_some_and(|step| step == state.history_len())
    };

    view! {
        <h2>{move || text(lang.get(), "data.export")}</h2>
        <p class="muted">{move || text(lang.get(), "data.export_explain")}</p>
        <details class="export-selection" data-testid="export-selection">
            <summary>{move || text(lang.get(), "export.selection")}</summary>
            <div class="choices">{area_choices}</div>
            <div class="inline-form">
                <input class="short" data-testid="export-from" placeholder=move || text(lang.get(), "export.from")
                    prop:value=move || period_from.get() on:input=move |ev| period_from.set(event_target_value(&ev)) />
                "—"
                <input class="short" data-testid="export-to" placeholder=move || text(lang.get(), "export.to")
                    prop:value=move || period_to.get() on:input=move |ev| period_to.set(event_target_value(&ev)) />
                <label class="choice"><input type="checkbox" data-testid="export-relations" prop:checked=move || with_relations.get()
                    on:change=move |ev| with_relations.set(event_target_checked(&ev)) />" "{move || text(lang.get(), "export.relations")}</label>
            </div>
            <crate::ui::components::FieldError error=selection_error test_id="export-error" />
        </details>
        <button data-testid="export" on:click=export>{move || text(lang.get(), "data.export")}</button>
        <h2>{move || text(lang.get(), "data.open_file")}</h2>
        <p class="muted">{move || text(lang.get(), "data.open_file_explain")}</p>
        <input type="file" accept=".json,application/json" data-testid="open-file" on:change=on_file_chosen />
        <Show when=move || reading.get()>
            <p class="muted" data-testid="import-reading">
                {move || text(lang.get(), "import.reading")}
                {move || read_progress.get().map(|(done, total)| format!(" {done} / {total}"))}
                <progress max=move || read_progress.get().map(|(_, t)| t.max(1)).unwrap_or(1)
                    value=move || read_progress.get().map(|(d, _)| d).unwrap_or(0)></progress>
            </p>
        </Show>
        <Show when=can_undo_import>
            <button data-testid="undo-import" on:click=undo_import>{move || text(lang.get(), "import.undo")}</button>
        </Show>
        <Show when=move || problems.with(|p| !p.is_empty())>
            <ul class="field-error" role="alert" data-testid="file-problems">
                {move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        </Show>
        <Show when=move || outcome.with(|o| !o.is_empty())>
            <ul class="notice" data-testid="import-outcome">
                {move || outcome.get().into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        </Show>
        <super::sheets::SheetsPanel on_planned=move |plan: ImportPlan| {
            outcome.set(Vec::new());
            problems.set(Vec::new());
            choices.set(vec![None; plan.merge.conflicts.len()]);
            preview.set(Some(plan));
        } />
        {move || viewing.get().map(|(file_name, found, supported, dataset)| view! {
            <ReadOnlyView file_name=file_name found=found supported=supported dataset=dataset on_close=move |_| viewing.set(None) />
        })}
        {move || preview.get().map(|p| view! { <PreviewView preview=p choices=choices all_or_nothing=all_or_nothing on_apply=apply on_cancel=move |_| preview.set(None) /> })}
    }
}

/// A failed import step in the reader's language.
fn import_message(error: &ImportError, lang: Lang) -> String {
    match error {
        ImportError::Undecided { undecided } => {
            format!("{} ({undecided})", text(lang, "import.decide_first"))
        }
        ImportError::PartlyRefused { count } => Message::new("import.partly_refused")
            .with("count", count)
            .render(lang),
        ImportError::Refused(reason) => reason.to_message().render(lang),
        ImportError::Store(reason) => crate::store::storage_failed(reason).render(lang),
        ImportError::Unreadable(ReadError::File(reason)) => reason.to_message().render(lang),
        ImportError::Unreadable(ReadError::Problems(problems)) => problems
            .first()
            .map(|p| p.to_message().render(lang))
            .unwrap_or_default(),
    }
}

#[component]
fn PreviewView(
    preview: ImportPlan,
    all_or_nothing: RwSignal<bool>,
    choices: RwSignal<Vec<Option<Resolution>>>,
    on_apply: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let current_lang = lang.get_untracked();
    let ours = state.dataset.get_untracked();
    // The preview appears below the file picker, often below the fold: bring it into view.
    let section_ref = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if let Some(section) = section_ref.get() {
            section.scroll_into_view();
        }
    });
    let rows = RecordKind::ALL
        .iter()
        .filter_map(|kind| preview.merge.report.get(kind).map(|r| (*kind, r.clone())))
        .map(|(kind, r)| {
            view! {
                <tr data-testid=format!("report-{}", kind.collection())>
                    <th>{text(current_lang, crate::i18n::collection_key(kind.collection()))}</th>
                    <td>{r.created}</td><td>{r.updated}</td><td>{r.unchanged}</td><td>{r.deleted}</td>
                    <td>{r.matched}</td><td>{r.conflicting}</td>
                </tr>
            }
        })
        .collect_view();
    let conflicts = preview
        .merge
        .conflicts
        .iter()
        .enumerate()
        .map(|(index, conflict)| {
            let view = ours
                .as_ref()
                .map(|d| explain_conflict(&preview.merge, d, conflict, current_lang));
            let Some(view) = view else {
                return view! { <tr></tr> }.into_any();
            };
            let group = format!("conflict-{index}");
            let choose = move |choice: Resolution| {
                choices.update(|c| {
                    if let Some(slot) = c.get_mut(index) {
                        *slot = Some(choice);
                    }
                })
            };
            let who = |changed: &ChangedBy| changed_by_text(changed, current_lang);
            let (mine_who, theirs_who) = (who(&view.mine.changed), who(&view.theirs.changed));
            view! {
                <tr data-testid="conflict">
                    <td data-testid="conflict-record">{view.record}</td>
                    <td data-testid="conflict-what">{view.what}</td>
                    <td><label><input type="radio" name=group.clone() data-testid="keep-mine"
                        on:change=move |_| choose(Resolution::KeepMine) />" "
                        <span data-testid="conflict-mine">{view.mine.text}</span></label>
                        <div class="muted small" data-testid="conflict-mine-by">{mine_who}</div></td>
                    <td><label><input type="radio" name=group data-testid="take-theirs"
                        on:change=move |_| choose(Resolution::TakeTheirs) />" "
                        <span data-testid="conflict-theirs">{view.theirs.text}</span></label>
                        <div class="muted small" data-testid="conflict-theirs-by">{theirs_who}</div></td>
                </tr>
            }
            .into_any()
        })
        .collect_view();
    let has_conflicts = !preview.merge.conflicts.is_empty();
    // The base named as people know it: who exported it and when, never its id.
    let base_note = match (&preview.base_id, &preview.base_export) {
        (Some(_), Some(export)) => {
            let when = crate::ui::components::local_time(&export.exported_at);
            let message = if export.exported_by.trim().is_empty() {
                Message::new("import.base_file_when").with("when", when)
            } else {
                Message::new("import.base_file_by")
                    .with("when", when)
                    .with("author", export.exported_by.trim())
            };
            message.render(current_lang)
        }
        (Some(_), None) => text(current_lang, "import.base_file").to_string(),
        (None, _) => text(current_lang, "import.base_stamps").to_string(),
    };
    let undecided = move || choices.with(|c| c.iter().filter(|c| c.is_none()).count());
    // What applying would do with the choices made so far (undecided: keep mine), record by
    // record, and what the ledger could not hold.
    let plan = preview.merge.clone();
    let trial = Memo::new(move |_| {
        let chosen: Vec<Resolution> = choices.with(|c| {
            c.iter()
                .map(|c| c.unwrap_or(Resolution::KeepMine))
                .collect()
        });
        let merged = plan.resolve(&chosen);
        let lines: Vec<String> = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|ours| {
                    crate::format::diff::diff(ours, &merged.dataset, current_lang)
                        .iter()
                        .map(|d| difference_line(ours, &merged.dataset, d, current_lang))
                        .collect()
                })
                .unwrap_or_default()
        });
        (lines, merged.rejected.len())
    });
    view! {
        <section class="preview" data-testid="import-preview" node_ref=section_ref>
            <h3>{format!("{}: {}", text(current_lang, "import.preview"), preview.file_name)}</h3>
            <p class="muted small" data-testid="import-base">{base_note}</p>
            {preview.checksum_mismatch.then(|| view! {
                <p class="notice" data-testid="import-checksum">{crate::i18n::Message::new("file.checksum_mismatch").render(current_lang)}</p>
            })}
            <table class="counts">
                <thead><tr><th></th>
                    <th>{text(current_lang, "import.created")}</th><th>{text(current_lang, "import.updated")}</th>
                    <th>{text(current_lang, "import.unchanged")}</th><th>{text(current_lang, "import.deleted")}</th>
                    <th>{text(current_lang, "import.matched")}</th><th>{text(current_lang, "import.conflicting")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <details data-testid="import-differences">
                <summary>{move || format!("{} ({})", text(lang.get(), "import.differences"), trial.with(|t| t.0.len()))}</summary>
                <ul class="small">
                    {move || trial.with(|t| t.0.iter().take(500).map(|line| view! { <li>{line.clone()}</li> }).collect_view())}
                </ul>
            </details>
            <Show when=move || trial.with(|t| t.1 > 0)>
                <p class="notice" data-testid="import-rejected">{move || format!("{}: {}", text(lang.get(), "import.will_reject"), trial.with(|t| t.1))}</p>
                <label class="choice"><input type="checkbox" data-testid="import-all-or-nothing"
                    prop:checked=move || all_or_nothing.get()
                    on:change=move |ev| all_or_nothing.set(event_target_checked(&ev)) />
                    " "{move || text(lang.get(), "import.all_or_nothing")}</label>
            </Show>
            {has_conflicts.then(|| view! {
                <h3>{text(current_lang, "import.conflicts")}</h3>
                <table class="conflicts">
                    <thead><tr><th>{text(current_lang, "import.record")}</th><th>{text(current_lang, "import.what")}</th>
                        <th>{text(current_lang, "import.keep_mine")}</th><th>{text(current_lang, "import.take_theirs")}</th></tr></thead>
                    <tbody>{conflicts}</tbody>
                </table>
            })}
            <div class="actions">
                <button data-testid="apply-import" disabled=move || { undecided() > 0 } on:click=on_apply>
                    {move || if undecided() > 0 {
                        format!("{} ({})", text(lang.get(), "import.decide_first"), undecided())
                    } else {
                        text(lang.get(), "import.apply").to_string()
                    }}
                </button>
                <button data-testid="cancel-import" on:click=on_cancel>{move || text(lang.get(), "action.cancel")}</button>
            </div>
        </section>
    }
}

/// "王芳 · 2026-11-28 17:30": who changed a side of a conflict and when (local time), or what
/// is known of it.
fn changed_by_text(changed: &ChangedBy, lang: Lang) -> String {
    let when = crate::ui::components::local_time(&changed.at);
    match (changed.author.trim(), when.as_str()) {
        ("", "") => String::new(),
        ("", when) => Message::new("import.changed_at")
            .with("when", when)
            .render(lang),
        (author, "") => Message::new("import.changed_by")
            .with("author", author)
            .render(lang),
        (author, when) => Message::new("import.changed_by_at")
            .with("author", author)
            .with("when", when)
            .render(lang),
    }
}

/// A file from a newer Taizhang, shown but never imported: what this version understands of it.
#[component]
fn ReadOnlyView(
    file_name: String,
    found: u32,
    supported: u32,
    dataset: Dataset,
    on_close: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let lang = expect_context::<AppState>().lang;
    let current_lang = lang.get_untracked();
    let message = crate::i18n::Message::new("file.read_only")
        .with("found", found)
        .with("supported", supported)
        .render(current_lang);
    let mut rows = Vec::new();
    for area in dataset.areas() {
        for indicator in dataset.indicators_in(&area.id) {
            let unit = dataset
                .unit(&indicator.unit)
                .map(|u| u.symbol.clone())
                .unwrap_or_default();
            for value in dataset.values_of(&indicator.id) {
                rows.push((
                    area.name.clone(),
                    indicator.name.clone(),
                    value.period.label(current_lang),
                    value.amount.canonical(),
                    unit.clone(),
                ));
            }
        }
    }
    let total = rows.len();
    rows.truncate(300);
    let body = rows
        .into_iter()
        .map(|(area, indicator, period, amount, unit)| view! { <tr><td>{area}</td><td>{indicator}</td><td>{period}</td><td>{amount}" "{unit}</td></tr> })
        .collect_view();
    view! {
        <section class="preview" data-testid="read-only-view">
            <h3>{format!("{}: {file_name}", text(current_lang, "import.read_only_title"))}</h3>
            <p class="notice" data-testid="read-only-message">{message}</p>
            <p>{format!("{} · {} {}", dataset.meta.name, total, text(current_lang, "collection.values"))}</p>
            <table class="counts"><tbody>{body}</tbody></table>
            <button data-testid="close-read-only" on:click=on_close>{move || text(lang.get(), "action.close")}</button>
        </section>
    }
}
