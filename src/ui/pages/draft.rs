//! 核对文稿: a draft pasted in (or opened from a .txt or .docx file) has every figure found,
//! matched to the ledger and marked, and its own statements (rates after their counts, shares
//! of a plan, remainders, gaps to time elapsed, parts under 其中) checked — all by
//! `calc::draft`. A long draft is checked a few paragraphs at a time with the progress shown,
//! so the page stays responsive.

use crate::calc::draft::{mark_code as mark_class, paragraphs, DraftCheck, DraftChecker};
use crate::i18n::{text, Message};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Figures marked in the text at most; a longer draft lists only what needs attention.
const MARKED_FIGURES: usize = 3000;

/// How long one slice of checking may run before the browser gets a turn, in milliseconds.
const SLICE_MS: f64 = 12.0;

use crate::ui::now_ms;

/// Reads a chosen file: a .docx through `format::docx`, anything else as UTF-8 text.
async fn read_draft_file(file: web_sys::File) -> Result<String, Message> {
    let name = file.name().to_lowercase();
    if name.ends_with(".docx") {
        let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map_err(|_| Message::new("draft.file_unreadable").with("name", file.name()))?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        // The zip is read in the loaded spreadsheet module, which carries the deflate code.
        let entry = crate::ui::sheets::read_zip_entry(
            &bytes,
            crate::format::docx::DOCUMENT_XML,
            crate::format::docx::MAX_DOCUMENT_XML,
        )
        .await?;
        crate::format::docx::text_of_entry(entry).map_err(|e| {
            Message::new("draft.docx_refused")
                .with("name", file.name())
                .with("detail", e)
        })
    } else if name.ends_with(".doc") || name.ends_with(".wps") || name.ends_with(".pdf") {
        Err(Message::new("draft.file_kind").with("name", file.name()))
    } else {
        let text = wasm_bindgen_futures::JsFuture::from(file.text())
            .await
            .map_err(|_| Message::new("draft.file_unreadable").with("name", file.name()))?;
        Ok(text.as_string().unwrap_or_default())
    }
}

#[component]
pub fn DraftCheck() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let draft = RwSignal::new(String::new());
    let against_ledger = RwSignal::new(true);
    // The text checked and its result (kept apart from the box, which the user may edit on).
    let checked = RwSignal::new(None::<(String, DraftCheck)>);
    let progress = RwSignal::new(None::<(usize, usize)>);
    let error = RwSignal::new(None::<Message>);
    // A new check started: an older one still running stops.
    let run = StoredValue::new(0u32);

    let check = move || {
        let text = draft.get_untracked();
        error.set(None);
        run.update_value(|r| *r += 1);
        let this_run = run.get_value();
        let ledger = if against_ledger.get_untracked() {
            state.dataset.get_untracked()
        } else {
            None
        };
        let as_of = ledger
            .as_ref()
            .map(|d| d.meta.document_date)
            .unwrap_or_else(crate::ui::state::today);
        leptos::task::spawn_local(async move {
            let ranges = paragraphs(&text);
            let total = ranges.len();
            let checker = DraftChecker::new(ledger.as_ref(), as_of);
            let mut result = DraftCheck::default();
            let mut started = now_ms();
            for (done, range) in ranges.into_iter().enumerate() {
                result.append(checker.check_paragraph(&text, range));
                if now_ms() - started > SLICE_MS {
                    progress.set(Some((done + 1, total)));
                    crate::ui::yield_to_browser().await;
                    if run.get_value() != this_run {
                        return;
                    }
                    started = now_ms();
                }
            }
            progress.set(None);
            checked.set(Some((text, result)));
        });
    };

    let open_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match read_draft_file(file).await {
                Ok(text) => {
                    draft.set(text);
                    check();
                }
                Err(message) => error.set(Some(message)),
            }
        });
    };

    let tally = move || {
        checked.with(|c| {
            c.as_ref().map(|(_, result)| {
                let t = result.tally();
                if t.figures == 0 {
                    return Message::new("draft.no_figures").render(lang.get());
                }
                t.message().render(lang.get())
            })
        })
    };

    // The text with every figure marked; its mark's message as the tooltip.
    let marked = move || {
        let current = lang.get();
        checked.with(|c| {
            let (text, result) = c.as_ref()?;
            let mut pieces = Vec::new();
            let mut at = 0;
            for figure in result.figures.iter().take(MARKED_FIGURES) {
                if figure.start < at || text.get(at..figure.start).is_none() {
                    continue;
                }
                pieces.push(view! { {text[at..figure.start].to_string()} }.into_any());
                let class = mark_class(figure.mark.as_ref());
                let title = figure
                    .mark
                    .as_ref()
                    .map(|m| m.message().render(current))
                    .unwrap_or_default();
                pieces.push(
                    view! {
                        <mark class=class data-testid="draft-figure" data-mark=class title=title>
                            {figure.text.clone()}
                        </mark>
                    }
                    .into_any(),
                );
                at = figure.end;
            }
            let shown_all = result.figures.len() <= MARKED_FIGURES;
            if shown_all {
                pieces.push(view! { {text.get(at..).unwrap_or_default().to_string()} }.into_any());
            }
            Some(view! {
                <div class="draft-marked" data-testid="draft-marked">{pieces}</div>
                {(!shown_all).then(|| view! { <p class="muted">{Message::new("draft.marked_first").with("count", MARKED_FIGURES).render(current)}</p> })}
            })
        })
    };

    // What needs attention: figures that differ or are ambiguous, and the draft's own
    // statements, each with its sentence.
    let attention = move || {
        let current = lang.get();
        checked.with(|c| {
            let (draft_text, result) = c.as_ref()?;
            let figures = result
                .figures
                .iter()
                .filter(|f| matches!(mark_class(f.mark.as_ref()), "differs" | "ambiguous"))
                .map(|f| {
                    let class = mark_class(f.mark.as_ref());
                    view! {
                        <li class=format!("finding {}", if class == "differs" { "error" } else { "warning" })
                            data-testid="draft-issue" data-mark=class>
                            <p><b>{f.text.clone()}</b>" — "
                                <span data-testid="draft-issue-message">{f.mark.as_ref().map(|m| m.message().render(current)).unwrap_or_default()}</span></p>
                            <blockquote class="source">{draft_text.get(f.sentence.clone()).unwrap_or_default().to_string()}</blockquote>
                        </li>
                    }
                })
                .collect_view();
            let own = result
                .own
                .iter()
                .map(|o| {
                    let sentence = o
                        .inputs
                        .first()
                        .and_then(|i| result.figures.get(i.index))
                        .or_else(|| result.figures.get(o.stated.index))
                        .and_then(|f| draft_text.get(f.sentence.clone()))
                        .unwrap_or_default()
                        .to_string();
                    view! {
                        <li class=if o.holds { "finding confirmed" } else { "finding error" }
                            data-testid="draft-own" data-holds=o.holds.to_string()>
                            <p><b>{text(current, o.label_key())}": "</b>
                                <span data-testid="draft-own-message">{o.message().render(current)}</span></p>
                            <blockquote class="source">{sentence}</blockquote>
                        </li>
                    }
                })
                .collect_view();
            Some(view! {
                <h3>{text(current, "draft.attention")}</h3>
                <ul class="findings" data-testid="draft-issues">{figures}</ul>
                <h3>{text(current, "draft.own.title")}</h3>
                <ul class="findings" data-testid="draft-own-list">{own}</ul>
            })
        })
    };

    view! {
        <section class="draft-check" data-testid="draft-check">
            <h2>{move || text(lang.get(), "draft.title")}</h2>
            <p class="muted">{move || text(lang.get(), "draft.intro")}</p>
            <textarea class="draft-input" data-testid="draft-input"
                prop:value=move || draft.get()
                on:input=move |ev| draft.set(event_target_value(&ev))
                placeholder=move || text(lang.get(), "draft.placeholder")></textarea>
            <div class="actions">
                <button data-testid="draft-check-button" on:click=move |_| check()>{move || text(lang.get(), "draft.check")}</button>
                <label class="button">
                    {move || text(lang.get(), "draft.open_file")}
                    <input type="file" class="visually-hidden" accept=".txt,.docx,text/plain"
                        data-testid="draft-file" on:change=open_file />
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="draft-against-ledger" prop:checked=move || against_ledger.get()
                        on:change=move |ev| against_ledger.set(event_target_checked(&ev)) />
                    {move || text(lang.get(), "draft.against_ledger")}
                </label>
            </div>
            {move || error.get().map(|m| view! { <p class="error" role="alert" data-testid="draft-error">{m.render(lang.get())}</p> })}
            {move || progress.get().map(|(done, total)| view! {
                <p class="muted" data-testid="draft-progress">
                    {Message::new("draft.progress").with("done", done).with("total", total).render(lang.get())}
                </p>
            })}
            {move || tally().map(|t| view! { <p data-testid="draft-tally"><b>{t}</b></p> })}
            {marked}
            {attention}
        </section>
    }
}
