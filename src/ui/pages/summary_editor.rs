//! Editing a work summary kept in the ledger: the title, headings and prose as text boxes,
//! each figure a chip (its value rendered from the ledger, removable), and a figure inserted by
//! searching the indicators and picking a period of theirs — the figure itself, its change, its
//! rank, its growth a year since the first full year, the total since then, or its share of
//! another indicator (picked by a second search). The page beside shows the working copy as the
//! preview, as it is typed; 保存 stores it as one undoable edit.

use crate::i18n::text;
use crate::model::summary::{Block, Inline, Token};
use crate::model::{Edit, Lang, Period, Record, RecordId, Summary};
use crate::report::render_token;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// A period of an indicator offered for insertion, and the tokens derived from it the ledger
/// can fill.
#[derive(Clone)]
struct Offered {
    period: Period,
    /// The base a change would be measured from (the same period a year earlier, or the
    /// latest earlier year), if the ledger has one.
    growth_from: Option<Period>,
    /// For a full year: the indicator's first full year before it (growth a year, CAGR).
    cagr_from: Option<i32>,
    /// For a full year: the first year of an unbroken run of full years ending at it (total).
    cumulative_from: Option<i32>,
}

/// Indicators whose name (either language) holds the query, at most a few, with their periods.
fn search(state: AppState, query: &str, lang: Lang) -> Vec<(RecordId, String, Vec<Offered>)> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    state.dataset.with_untracked(|d| {
        let Some(d) = d else {
            return Vec::new();
        };
        d.indicators()
            .filter(|i| {
                i.name.contains(query) || i.name_en.to_lowercase().contains(&query.to_lowercase())
            })
            .take(8)
            .map(|i| {
                let name = match lang {
                    Lang::En if !i.name_en.is_empty() => i.name_en.clone(),
                    _ => i.name.clone(),
                };
                let values = d.values_of(&i.id);
                let years: Vec<i32> = values
                    .iter()
                    .filter_map(|v| match v.period {
                        Period::Year(y) => Some(y),
                        _ => None,
                    })
                    .collect();
                let periods = values
                    .iter()
                    .map(|v| {
                        let growth_from = crate::report::comparison_base(d, v)
                            .filter(|b| crate::report::growth_wording(d, b, v).is_some())
                            .map(|b| b.period);
                        let (cagr_from, cumulative_from) = match v.period {
                            Period::Year(year) => {
                                let first = years.iter().copied().filter(|y| *y < year).min();
                                let mut run = year;
                                while years.contains(&(run - 1)) {
                                    run -= 1;
                                }
                                (first, (run < year).then_some(run))
                            }
                            _ => (None, None),
                        };
                        Offered {
                            period: v.period,
                            growth_from,
                            cagr_from,
                            cumulative_from,
                        }
                    })
                    .collect();
                (i.id.clone(), name, periods)
            })
            .collect()
    })
}

/// The insert-a-figure control of one paragraph.
#[component]
fn InsertFigure(block: usize, working: RwSignal<Option<Summary>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let query = RwSignal::new(String::new());
    // A share's part, picked first; the next period picked is its whole.
    let share_part = RwSignal::new(None::<(RecordId, Period)>);
    let results = move || search(state, &query.get(), lang.get());
    let insert = move |token: Token| {
        working.update(|w| {
            if let Some(Block::Paragraph(inlines)) =
                w.as_mut().and_then(|w| w.blocks.get_mut(block))
            {
                inlines.push(Inline::Token(token));
                inlines.push(Inline::Text(String::new()));
            }
        });
        query.set(String::new());
        share_part.set(None);
    };
    // A period picked: the figure itself, or — while a share's part waits — the whole.
    let pick = move |indicator: RecordId, period: Period| match share_part.get_untracked() {
        Some((part, part_period)) => insert(Token::Share {
            indicator: part,
            period: part_period,
            whole: indicator,
            whole_period: period,
        }),
        None => insert(Token::Figure { indicator, period }),
    };
    view! {
        <div class="insert-figure">
            <input type="search" data-testid="summary-search" prop:value=move || query.get()
                placeholder=move || text(lang.get(), "summary.search")
                on:input=move |ev| query.set(event_target_value(&ev)) />
            {move || share_part.get().map(|_| view! {
                <p class="notice" data-testid="summary-share-whole">
                    {text(lang.get(), "summary.share_whole")}" "
                    <button class="link" on:click=move |_| share_part.set(None)>{text(lang.get(), "action.cancel")}</button>
                </p>
            })}
            <ul class="search-results">
                {move || results().into_iter().map(|(id, name, periods)| view! {
                    <li data-testid="summary-search-result">
                        <b>{name}</b>": "
                        {periods.into_iter().map(|offered| {
                            let p = offered.period;
                            let for_pick = id.clone();
                            let for_share = id.clone();
                            let rank = Token::Rank { indicator: id.clone(), period: p };
                            let growth = offered.growth_from.map(|from| Token::Growth { indicator: id.clone(), from, to: p });
                            let (cagr, cumulative) = match p {
                                Period::Year(to) => (
                                    offered.cagr_from.map(|from| Token::Cagr { indicator: id.clone(), from, to }),
                                    offered.cumulative_from.map(|from| Token::Cumulative { indicator: id.clone(), from, to }),
                                ),
                                _ => (None, None),
                            };
                            let offer = |token: Option<Token>, test_id: &'static str, key: &'static str| {
                                token.map(|token| view! {
                                    <button class="link small" data-testid=test_id data-period=p.code()
                                        on:click=move |_| insert(token.clone())>
                                        {text(lang.get_untracked(), key)}
                                    </button>
                                })
                            };
                            view! {
                                <span class="offer">
                                    <button class="link" data-testid="summary-insert" data-period=p.code()
                                        on:click=move |_| pick(for_pick.clone(), p)>
                                        {p.label(lang.get_untracked())}
                                    </button>
                                    {offer(growth, "summary-insert-growth", "summary.insert_growth")}
                                    {offer(cagr, "summary-insert-cagr", "summary.insert_cagr")}
                                    {offer(cumulative, "summary-insert-cumulative", "summary.insert_cumulative")}
                                    {offer(Some(rank), "summary-insert-rank", "summary.insert_rank")}
                                    <button class="link small" data-testid="summary-insert-share" data-period=p.code()
                                        on:click=move |_| {
                                            share_part.set(Some((for_share.clone(), p)));
                                            query.set(String::new());
                                        }>
                                        {text(lang.get_untracked(), "summary.insert_share")}
                                    </button>
                                </span>" "
                            }
                        }).collect_view()}
                    </li>
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn SummaryEditor(id: RecordId, editing: RwSignal<Option<Summary>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let id = StoredValue::new(id);
    let start = move |_| {
        let stored = state
            .dataset
            .with_untracked(|d| d.and_then(|d| id.with_value(|id| d.summary(id).cloned())));
        editing.set(stored);
    };
    let save = move |_| {
        let Some(working) = editing.get_untracked() else {
            return;
        };
        match state.dispatch(Edit::Put(Record::Summary(working))) {
            Ok(()) => editing.set(None),
            Err(message) => state.error.set(Some(message)),
        }
    };
    let chip = move |token: Token| {
        state
            .dataset
            .with(|d| d.map(|d| render_token(d, &token, lang.get()).text(lang.get())))
            .unwrap_or_default()
    };
    // The editor is drawn from the summary's shape — its blocks and where its figures are —
    // not from its text, so typing in a box never redraws the boxes (nor takes the focus away);
    // inserting or removing a figure does.
    let shape = Memo::new(move |_| {
        editing.with(|w| {
            w.as_ref().map(|w| {
                w.blocks
                    .iter()
                    .map(|b| match b {
                        Block::Paragraph(inlines) => inlines
                            .iter()
                            .map(|i| match i {
                                Inline::Text(_) => None,
                                Inline::Token(t) => Some(t.clone()),
                            })
                            .collect::<Vec<_>>(),
                        _ => Vec::new(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let is_editing = Memo::new(move |_| editing.with(Option::is_some));
    let blocks = move || {
        shape.with(|_| ());
        let Some(working) = editing.get_untracked() else {
            return Vec::new();
        };
        working
            .blocks
            .iter()
            .enumerate()
            .map(|(b, block)| match block {
                Block::Heading { number, text: heading, .. } => view! {
                    <div class="summary-heading">
                        <span>{number.clone()}</span>
                        <input type="text" data-testid="summary-heading" prop:value=heading.clone()
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                editing.update(|w| {
                                    if let Some(Block::Heading { text, .. }) = w.as_mut().and_then(|w| w.blocks.get_mut(b)) {
                                        *text = value;
                                    }
                                });
                            } />
                    </div>
                }
                .into_any(),
                Block::Paragraph(inlines) => {
                    let pieces = inlines
                        .iter()
                        .enumerate()
                        .map(|(i, inline)| match inline {
                            Inline::Text(t) => view! {
                                <input type="text" class="prose" data-testid="summary-text" prop:value=t.clone()
                                    on:input=move |ev| {
                                        let value = event_target_value(&ev);
                                        editing.update(|w| {
                                            if let Some(Block::Paragraph(inlines)) = w.as_mut().and_then(|w| w.blocks.get_mut(b)) {
                                                if let Some(Inline::Text(t)) = inlines.get_mut(i) {
                                                    *t = value;
                                                }
                                            }
                                        });
                                    } />
                            }
                            .into_any(),
                            Inline::Token(token) => {
                                let token = token.clone();
                                view! {
                                    <span class="chip" data-testid="summary-chip">
                                        {chip(token)}
                                        <button class="link" data-testid="summary-chip-remove" on:click=move |_| {
                                            editing.update(|w| {
                                                if let Some(Block::Paragraph(inlines)) = w.as_mut().and_then(|w| w.blocks.get_mut(b)) {
                                                    if i < inlines.len() {
                                                        inlines.remove(i);
                                                    }
                                                }
                                            });
                                        }>"×"</button>
                                    </span>
                                }
                                .into_any()
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="summary-paragraph" data-testid="summary-paragraph">
                            {pieces}
                            <InsertFigure block=b working=editing />
                        </div>
                    }
                    .into_any()
                }
                Block::Figures { .. } => view! { <p class="muted">{text(lang.get(), "summary.figures_block")}</p> }.into_any(),
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="summary-editor" data-testid="summary-editor">
            {move || match is_editing.get().then(|| editing.get_untracked()).flatten() {
                None => view! {
                    <button data-testid="summary-edit" on:click=start>{move || text(lang.get(), "summary.edit")}</button>
                }.into_any(),
                Some(working) => view! {
                    <label>{move || text(lang.get(), "summary.title")}
                        <input type="text" data-testid="summary-title" prop:value=working.title.clone()
                            on:input=move |ev| {
                                let value = event_target_value(&ev);
                                editing.update(|w| if let Some(w) = w.as_mut() { w.title = value; });
                            } />
                    </label>
                    <div class="actions">
                        <button data-testid="summary-save" on:click=save>{move || text(lang.get(), "action.save")}</button>
                        <button data-testid="summary-cancel" on:click=move |_| editing.set(None)>{move || text(lang.get(), "action.cancel")}</button>
                    </div>
                }.into_any(),
            }}
            {blocks}
        </div>
    }
}
