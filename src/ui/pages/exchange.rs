//! Sharing with colleagues: export the ledger as a file, open a colleague's file, and merge it.
//!
//! A file of the same ledger (same dataset id) is merged three-way against the last file the
//! two exchanged (kept in the store's `exchanges`, found through the file's `derived_from`), or,
//! without one, against the stamps; the preview shows what would be created, updated, deleted
//! and matched, and each conflict side by side for a decision; nothing is stored until the user
//! applies it, and then all at once. A file of another ledger can replace this one. Either way
//! the ledger as it was is kept, so one action undoes the last import.

use crate::format::explain::{difference_line, explain_conflict, ChangedBy};
use crate::format::merge::{merge, MergePlan, Resolution};
use crate::format::{self, v1::ExportV1};
use crate::i18n::{text, Message, ToMessage};
use crate::model::{Dataset, Lang, RecordKind};
use crate::store::browser::{self, UNDO_IMPORT};
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// A merge waiting for the user's decisions.
#[derive(Clone)]
struct Preview {
    file_name: String,
    text: String,
    export: Option<ExportV1>,
    plan: MergePlan,
    /// Where the base came from: an export id, or `None` for the stamps.
    base_from: Option<String>,
    /// The base file's export description (when and by whom it was written).
    base_export: Option<ExportV1>,
    /// The file's content no longer matches its checksum (edited by hand or damaged).
    checksum_mismatch: bool,
}

fn confirm(message: &str) -> bool {
    web_sys::window()
        .and_then(|w| w.confirm_with_message(message).ok())
        .unwrap_or(false)
}

/// The largest file the app opens (the text and its records are held in memory at once); a
/// larger one is refused with its size named. Below it, reading goes in slices with progress.
const MAX_FILE_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

/// Lets the browser paint (a status line) before a long synchronous step.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Adds export ids to a lineage, oldest first, each once.
fn extend_lineage(lineage: &mut Vec<String>, ids: impl IntoIterator<Item = String>) {
    for id in ids {
        if !lineage.contains(&id) {
            lineage.push(id);
        }
    }
}

/// The newest file both sides have: the first of the file's own lineage (newest last) that
/// this ledger kept.
async fn find_base(export: Option<&ExportV1>) -> Option<(String, Option<ExportV1>, Dataset)> {
    let export = export?;
    let mut candidates: Vec<String> = export.derived_from.clone();
    candidates.push(export.id.clone());
    for id in candidates.into_iter().rev() {
        if let Ok(Some(text)) = browser::load_exchange(&id).await {
            if let Ok(loaded) = format::read_file(&text) {
                if loaded.problems.is_empty() {
                    return Some((id, loaded.export, loaded.dataset));
                }
            }
        }
    }
    None
}

#[component]
pub fn ExchangePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let problems = RwSignal::new(Vec::<String>::new());
    let preview = RwSignal::new(None::<Preview>);
    let choices = RwSignal::new(Vec::<Option<Resolution>>::new());
    let outcome = RwSignal::new(Vec::<String>::new());
    let can_undo = RwSignal::new(false);
    let reading = RwSignal::new(false);
    let read_progress = RwSignal::new(None::<(usize, usize)>);
    let viewing = RwSignal::new(None::<(String, u32, u32, Dataset)>);
    spawn_local(async move {
        let kept = browser::load_exchange(UNDO_IMPORT).await.ok().flatten();
        can_undo.set(kept.is_some_and(|t| !t.is_empty()));
    });

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
        let exported = state.dataset.with_untracked(|d| {
            d.as_ref().map(|d| {
                let part = format::select::select(d, &selection);
                let info = ExportV1 {
                    id: state.new_export_id(),
                    exported_at: now.clone(),
                    exported_by: state.author(),
                    derived_from: d.meta.lineage.clone(),
                };
                let id = info.id.clone();
                (
                    id,
                    format::export_file_name(&d.meta.name, &now),
                    format::write_file(&part, Some(info)),
                )
            })
        });
        let Some((id, file_name, text)) = exported else {
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
        // The export is a possible merge base: keep it, and remember it in the lineage.
        state.dataset.update(|d| {
            if let Some(d) = d {
                extend_lineage(&mut d.meta.lineage, [id.clone()]);
            }
        });
        let dataset = state.dataset.get_untracked();
        spawn_local(async move {
            let kept = browser::save_exchange(&id, &text).await;
            let meta = match &dataset {
                Some(d) => browser::save_meta(d).await,
                None => Ok(()),
            };
            if let Err(error) = kept.and(meta) {
                state.error.set(Some(crate::i18n::storage_failed(&error)));
            }
        });
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
            yield_to_browser().await;
            let contents = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    problems.set(vec![text(current_lang, "data.read_failed").to_string()]);
                    return;
                }
            };
            // Read in slices of a few thousand records, letting the page repaint (and show how
            // far it is) between them; the result is exactly `read_file`'s.
            let mut reader = format::sliced::SlicedReader::new(&contents);
            while !reader.is_done() {
                let progress = reader.step(4_000);
                read_progress.set(Some((progress.done, progress.total)));
                yield_to_browser().await;
            }
            let read = reader.finish();
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
            let Some(ours) = state.dataset.get_untracked() else {
                return;
            };
            let previous = format::write_file(&ours, None);
            if ours.meta.id != loaded.dataset.meta.id {
                // Another ledger: it can only replace this one.
                if !confirm(text(current_lang, "confirm.replace_with_file")) {
                    return;
                }
                super::super::perf_mark("taizhang:import-confirmed");
                let mut dataset = loaded.dataset;
                if let Some(export) = &loaded.export {
                    extend_lineage(
                        &mut dataset.meta.lineage,
                        export.derived_from.iter().cloned(),
                    );
                    extend_lineage(&mut dataset.meta.lineage, [export.id.clone()]);
                }
                keep_for_undo(state, &previous, can_undo).await;
                state.replace_dataset(dataset).await;
                remember_exchange(state, loaded.export.as_ref(), &contents).await;
                super::super::perf_mark("taizhang:import-stored");
                return;
            }
            let base = find_base(loaded.export.as_ref()).await;
            let (base_from, base_export, base) = match base {
                Some((id, export, dataset)) => (Some(id), export, dataset),
                None => (None, None, Dataset::new(ours.meta.clone())),
            };
            let plan = merge(&base, &ours, &loaded.dataset);
            choices.set(vec![None; plan.conflicts.len()]);
            preview.set(Some(Preview {
                file_name,
                text: contents,
                export: loaded.export,
                plan,
                base_from,
                base_export,
                checksum_mismatch: loaded.checksum == format::ChecksumStatus::Mismatch,
            }));
        });
    };

    let apply = move |_| {
        let Some(p) = preview.get_untracked() else {
            return;
        };
        let decided: Option<Vec<Resolution>> = choices.get_untracked().into_iter().collect();
        let Some(decided) = decided else { return };
        let Some(ours) = state.dataset.get_untracked() else {
            return;
        };
        let current_lang = lang.get_untracked();
        spawn_local(async move {
            let merged = p.plan.resolve(&decided);
            let mut dataset = merged.dataset;
            dataset.meta.lineage = ours.meta.lineage.clone();
            if let Some(export) = &p.export {
                extend_lineage(
                    &mut dataset.meta.lineage,
                    export.derived_from.iter().cloned(),
                );
                extend_lineage(&mut dataset.meta.lineage, [export.id.clone()]);
            }
            keep_for_undo(state, &format::write_file(&ours, None), can_undo).await;
            state.replace_dataset(dataset).await;
            remember_exchange(state, p.export.as_ref(), &p.text).await;
            let mut lines = vec![format!(
                "{}: {}",
                text(current_lang, "import.applied"),
                p.file_name
            )];
            lines.extend(merged.rejected.iter().map(|(kind, id, reason)| {
                format!(
                    "{} {} {id}: {}",
                    text(current_lang, "import.rejected"),
                    kind.collection(),
                    reason.to_message().render(current_lang)
                )
            }));
            outcome.set(lines);
            preview.set(None);
            log_import(&p, current_lang);
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

    let undo_import = move |_| {
        if !confirm(text(lang.get_untracked(), "confirm.undo_import")) {
            return;
        }
        spawn_local(async move {
            let kept = browser::load_exchange(UNDO_IMPORT)
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            match format::read_file(&kept) {
                Ok(loaded) if loaded.problems.is_empty() => {
                    state.replace_dataset(loaded.dataset).await;
                    let _ = browser::save_exchange(UNDO_IMPORT, "").await;
                    can_undo.set(false);
                    outcome.set(vec![text(lang.get_untracked(), "import.undone").to_string()]);
                }
                _ => state
                    .error
                    .set(Some(Message::new("import.nothing_to_undo"))),
            }
        });
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
        <Show when=move || can_undo.get()>
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
        {move || viewing.get().map(|(file_name, found, supported, dataset)| view! {
            <ReadOnlyView file_name=file_name found=found supported=supported dataset=dataset on_close=move |_| viewing.set(None) />
        })}
        {move || preview.get().map(|p| view! { <PreviewView preview=p choices=choices on_apply=apply on_cancel=move |_| preview.set(None) /> })}
    }
}

/// Keeps the ledger as it was before an import, so one action can bring it back.
async fn keep_for_undo(state: AppState, previous: &str, can_undo: RwSignal<bool>) {
    match browser::save_exchange(UNDO_IMPORT, previous).await {
        Ok(()) => can_undo.set(true),
        Err(error) => state.error.set(Some(crate::i18n::storage_failed(&error))),
    }
}

/// Keeps a merged-in file as a possible base of later merges.
async fn remember_exchange(state: AppState, export: Option<&ExportV1>, text: &str) {
    let Some(export) = export else { return };
    if let Err(error) = browser::save_exchange(&export.id, text).await {
        state.error.set(Some(crate::i18n::storage_failed(&error)));
    }
}

/// Appends one line to the import log (localStorage, the last 50 imports).
fn log_import(preview: &Preview, lang: Lang) {
    use crate::store::browser::preferences;
    let mut log: Vec<serde_json::Value> = preferences::get("taizhang.import_log")
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let counts: serde_json::Map<String, serde_json::Value> = preview
        .plan
        .report
        .iter()
        .map(|(kind, r)| {
            (
                kind.collection().to_string(),
                serde_json::json!({"created": r.created, "updated": r.updated, "deleted": r.deleted, "matched": r.matched, "conflicting": r.conflicting}),
            )
        })
        .collect();
    log.push(serde_json::json!({
        "at": now_iso(),
        "file": preview.file_name,
        "export_id": preview.export.as_ref().map(|e| e.id.clone()),
        "base": preview.base_from,
        "counts": counts,
        "lang": if lang == Lang::En { "en" } else { "zh" },
    }));
    let keep = log.len().saturating_sub(50);
    let _ = preferences::set(
        "taizhang.import_log",
        &serde_json::Value::Array(log.split_off(keep)).to_string(),
    );
}

#[component]
fn PreviewView(
    preview: Preview,
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
        .filter_map(|kind| preview.plan.report.get(kind).map(|r| (*kind, r.clone())))
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
        .plan
        .conflicts
        .iter()
        .enumerate()
        .map(|(index, conflict)| {
            let view = ours
                .as_ref()
                .map(|d| explain_conflict(&preview.plan, d, conflict, current_lang));
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
    let has_conflicts = !preview.plan.conflicts.is_empty();
    // The base named as people know it: who exported it and when, never its id.
    let base_note = match (&preview.base_from, &preview.base_export) {
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
    let plan = preview.plan.clone();
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
