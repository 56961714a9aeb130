//! 工作总结: the work summary drafted from the ledger (`report::first_draft`) in the page's
//! language, every figure a token rendered from the ledger as it is now (a missing one a marked
//! gap), each run of figures followed by its chart and table. It prints on A4 (the print
//! stylesheet follows GB/T 9704: margins, 仿宋 body, 小标宋/黑体 title, page numbers; charts print
//! as images) and copies or downloads as Markdown.

use crate::charts::{self, ChartStyle};
use crate::i18n::{text, Message};
use crate::model::{Edit, Record, RecordId, RecordKind};
use crate::report::{
    docx_parts, figures_gap, first_draft, gaps, render_token, to_markdown, Block, Inline, Rendered,
    ReportDoc,
};
use crate::ui::components::{download_bytes, download_text, EChart};
use crate::ui::state::AppState;
use leptos::prelude::*;

/// The summaries kept in the ledger, each opening its page, and the draft's "keep" button.
#[component]
fn SavedSummaries(#[prop(into)] draft: Signal<Option<ReportDoc>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let saved = move || {
        state.dataset.with(|d| {
            d.map(|d| {
                d.summaries()
                    .map(|s| (s.id.clone(), s.title.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        })
    };
    let keep = move |_| {
        let Some(doc) = draft.get_untracked() else {
            return;
        };
        let id = state.new_id();
        if state
            .dispatch(Edit::Put(Record::Summary(doc.into_summary(id.clone()))))
            .is_ok()
        {
            crate::ui::route::navigate(&crate::ui::route::Route::Summary(id));
        }
    };
    view! {
        <div class="saved-summaries">
            <button data-testid="report-keep" on:click=keep>{move || text(lang.get(), "report.keep")}</button>
            <h3>{move || text(lang.get(), "report.saved")}</h3>
            <ul data-testid="report-saved">
                {move || saved().into_iter().map(|(id, title)| {
                    let for_delete = id.clone();
                    view! {
                        <li data-testid="report-saved-item">
                            <a href=format!("#/report/{id}")>{title}</a>" "
                            <button class="link danger" data-testid="report-saved-delete" on:click=move |_| {
                                let _ = state.dispatch(Edit::Delete { kind: RecordKind::Summary, id: for_delete.clone() });
                            }>{move || text(lang.get(), "report.delete")}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn ReportPage(#[prop(optional)] summary: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let summary = StoredValue::new(summary);
    // While editing, the working copy; the page shows it as the preview.
    let editing = RwSignal::new(None::<crate::model::Summary>);
    let doc = Memo::new(move |_| {
        let current = lang.get();
        if let Some(working) = editing.get() {
            return Some(ReportDoc::of_summary(&working));
        }
        state.dataset.with(|d| {
            let d = d?;
            match summary.get_value() {
                Some(id) => d.summary(&id).map(ReportDoc::of_summary),
                None => Some(first_draft(d, current)),
            }
        })
    });
    let notice = RwSignal::new(None::<Message>);

    let markdown = move || {
        let current = lang.get_untracked();
        state.dataset.with_untracked(|d| {
            let d = d?;
            doc.with_untracked(|doc| doc.as_ref().map(|doc| to_markdown(d, doc, current)))
        })
    };
    let download_md = move |_| {
        if let Some(md) = markdown() {
            let title = doc
                .with_untracked(|d| d.as_ref().map(|d| d.title.clone()))
                .unwrap_or_default();
            if let Err(error) =
                download_text(&format!("{title}.md"), "text/markdown;charset=utf-8", &md)
            {
                notice.set(Some(
                    Message::new("report.download_failed").with("detail", error),
                ));
            }
        }
    };
    let download_docx = move |_| {
        let current = lang.get_untracked();
        let charts = drawn_charts();
        let parts = state.dataset.with_untracked(|d| {
            let d = d?;
            doc.with_untracked(|doc| {
                doc.as_ref()
                    .map(|doc| (doc.title.clone(), docx_parts(d, doc, current, &charts)))
            })
        });
        let Some((title, parts)) = parts else {
            return;
        };
        // The parts are zipped in the loaded spreadsheet module, which carries the deflate code.
        leptos::task::spawn_local(async move {
            let outcome = match crate::ui::sheets::write_zip(&parts).await {
                Ok(bytes) => download_bytes(
                    &format!("{title}.docx"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    &bytes,
                )
                .map_err(|error| Message::new("report.download_failed").with("detail", error)),
                Err(message) => Err(message),
            };
            if let Err(message) = outcome {
                notice.set(Some(message));
            }
        });
    };
    let copy_md = move |_| {
        let Some(md) = markdown() else {
            return;
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let clipboard = window.navigator().clipboard();
        leptos::task::spawn_local(async move {
            let copied = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&md)).await;
            notice.set(Some(Message::new(if copied.is_ok() {
                "report.copied"
            } else {
                "report.copy_failed"
            })));
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };

    let gap_list = move || {
        let current = lang.get();
        state.dataset.with(|d| {
            let d = d?;
            let list = doc.with(|doc| doc.as_ref().map(|doc| gaps(d, doc, current)))?;
            (!list.is_empty()).then(|| {
                view! {
                    <div class="notice report-gaps" data-testid="report-gaps">
                        <p>{text(current, "report.gaps_first")}</p>
                        <ul>{list.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
                    </div>
                }
            })
        })
    };

    let body = move || {
        let current = lang.get();
        doc.with(|doc| {
            let doc = doc.as_ref()?;
            let blocks = doc
                .blocks
                .iter()
                .map(|block| match block {
                    Block::Heading {
                        level: 1,
                        number,
                        text,
                    } => view! { <h2 data-testid="report-heading">{format!("{number}{text}")}</h2> }
                        .into_any(),
                    Block::Heading {
                        level: 2,
                        number,
                        text,
                    } => view! { <h3>{format!("{number}{text}")}</h3> }.into_any(),
                    Block::Heading { number, text, .. } => {
                        view! { <h4>{format!("{number}{text}")}</h4> }.into_any()
                    }
                    Block::Paragraph(inlines) => {
                        let pieces = inlines
                            .iter()
                            .map(|inline| match inline {
                                Inline::Text(t) => view! { {t.clone()} }.into_any(),
                                Inline::Token(token) => {
                                    let rendered = state
                                        .dataset
                                        .with(|d| d.map(|d| render_token(d, token, current)));
                                    match rendered {
                                        Some(Rendered::Text(t)) => view! {
                                            <span class="token" data-testid="report-token">{t}</span>
                                        }
                                        .into_any(),
                                        Some(gap) => view! {
                                            <span class="gap" data-testid="report-gap">{gap.text(current)}</span>
                                        }
                                        .into_any(),
                                        None => view! { <span></span> }.into_any(),
                                    }
                                }
                            })
                            .collect_view();
                        view! { <p class="report-paragraph" data-testid="report-paragraph">{pieces}</p> }
                            .into_any()
                    }
                    Block::Figures { indicator }
                        if state.dataset.with(|d| {
                            d.is_some_and(|d| figures_gap(d, indicator, current).is_some())
                        }) =>
                    {
                        // No blank chart and no header-only table: the gap, where they would be.
                        let gap = state
                            .dataset
                            .with(|d| d.and_then(|d| figures_gap(d, indicator, current)))
                            .map(|gap| gap.text(current))
                            .unwrap_or_default();
                        view! {
                            <p class="report-figures-gap"><span class="gap" data-testid="report-gap">{gap}</span></p>
                        }
                        .into_any()
                    }
                    Block::Figures { indicator } => {
                        let id = indicator.clone();
                        let spec = Signal::derive(move || {
                            state.dataset.with(|d| {
                                d.and_then(|d| {
                                    charts::indicator_trend(d, &id, ChartStyle::Bar, lang.get())
                                })
                            })
                        });
                        let table = spec.with_untracked(|s| {
                            s.as_ref().map(|s| {
                                let header = s
                                    .table
                                    .columns
                                    .iter()
                                    .map(|c| view! { <th>{c.clone()}</th> })
                                    .collect_view();
                                let rows = s
                                    .table
                                    .rows
                                    .iter()
                                    .map(|row| {
                                        let cells = row
                                            .iter()
                                            .map(|c| view! { <td>{c.clone()}</td> })
                                            .collect_view();
                                        view! { <tr>{cells}</tr> }
                                    })
                                    .collect_view();
                                view! {
                                    <table class="report-table" data-testid="report-table">
                                        <thead><tr>{header}</tr></thead><tbody>{rows}</tbody>
                                    </table>
                                }
                            })
                        });
                        view! {
                            <div class="report-figures" data-indicator=indicator.to_string()>
                                <EChart spec=spec test_id="report-chart" height=260 print_image=true />
                                {table}
                            </div>
                        }
                        .into_any()
                    }
                })
                .collect_view();
            Some(view! {
                <h1 class="report-title" data-testid="report-title">{doc.title.clone()}</h1>
                {blocks}
            })
        })
    };

    view! {
        // While a summary is edited, the editor and the preview sit side by side on a wide
        // screen (style/main.css), the preview following each keystroke.
        <section class="report-page" class:editing=move || editing.with(Option::is_some) data-testid="report-page">
            <div class="report-tools screen-only">
                <p class="muted">{move || text(lang.get(), "report.intro")}</p>
                <div class="actions">
                    <button data-testid="report-print" on:click=print>{move || text(lang.get(), "report.print")}</button>
                    <button data-testid="report-copy-md" on:click=copy_md>{move || text(lang.get(), "report.copy_md")}</button>
                    <button data-testid="report-download-md" on:click=download_md>{move || text(lang.get(), "report.download_md")}</button>
                    <button data-testid="report-download-docx" on:click=download_docx>{move || text(lang.get(), "report.download_docx")}</button>
                </div>
                {move || notice.get().map(|m| view! { <p class="notice" role="status" data-testid="report-notice">{m.render(lang.get())}</p> })}
                {move || match summary.get_value() {
                    None => view! { <SavedSummaries draft=Signal::derive(move || doc.get()) /> }.into_any(),
                    Some(id) => view! {
                        <p><a href="#/report">{move || text(lang.get(), "report.back_to_draft")}</a></p>
                        <super::summary_editor::SummaryEditor id=id editing=editing />
                    }.into_any(),
                }}
                {move || (summary.get_value().is_some() && doc.with(Option::is_none)).then(|| view! {
                    <p class="notice" data-testid="report-missing">{text(lang.get(), "report.missing")}</p>
                })}
            </div>
            // The gaps are part of the document: printed first, as export lists them first.
            <article class="report" data-testid="report">{gap_list}{body}</article>
        </section>
    }
}

/// The charts as drawn on the page, by indicator: the PNG behind each report chart's image.
fn drawn_charts() -> std::collections::BTreeMap<RecordId, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let Some(window) = web_sys::window() else {
        return out;
    };
    let Some(document) = window.document() else {
        return out;
    };
    let Ok(figures) = document.query_selector_all(".report-figures[data-indicator]") else {
        return out;
    };
    for n in 0..figures.length() {
        let Some(element) = figures
            .item(n)
            .and_then(|node| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(node).ok())
        else {
            continue;
        };
        let id = element
            .get_attribute("data-indicator")
            .and_then(|id| RecordId::parse(id.as_str()));
        let src = element
            .query_selector("img.chart-image")
            .ok()
            .flatten()
            .and_then(|img| img.get_attribute("src"));
        let (Some(id), Some(src)) = (id, src) else {
            continue;
        };
        let Some(base64) = src.strip_prefix("data:image/png;base64,") else {
            continue;
        };
        if let Ok(binary) = window.atob(base64) {
            // atob gives one char per byte.
            let bytes: Vec<u8> = binary.chars().map(|c| c as u32 as u8).collect();
            out.insert(id, bytes);
        }
    }
    out
}
