//! Spreadsheets on the data page: the ledger exported as an Excel workbook (or one sheet as
//! CSV), and a bureau's own .xlsx / .xls / .ods / CSV opened, its reading shown for correction
//! (which sheet is what, the heading row, what each column holds, every problem at its cell),
//! then handed to the same merge preview, decisions and undo as a colleague's file.
//!
//! The reading and writing happen in the spreadsheet module, loaded on first use
//! (`crate::ui::sheets`); the layout, the problems and the merge plan are the core's
//! (`crate::sheet`, `workspace::import::plan_sheet`), recomputed on every correction.

use crate::i18n::{text, text_of, Message};
use crate::model::{Lang, Period};
use crate::sheet::import::SheetProblem;
use crate::sheet::layout::{self, Column, Layout, Role};
use crate::sheet::{cell_text, export, Book};
use crate::ui::state::{AppState, StateIds};
use crate::workspace::import::{plan_sheet, ImportPlan};
use leptos::prelude::*;
use leptos::task::spawn_local;

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Rows of each sheet shown in the preview below its heading row.
const PREVIEW_ROWS: usize = 6;
/// Columns shown in the preview.
const PREVIEW_COLUMNS: usize = 14;

/// An opened workbook waiting for its reading to be confirmed.
#[derive(Clone)]
struct Opened {
    file_name: String,
    book: Book,
}

/// What the current reading gives.
#[derive(Clone)]
enum Reading {
    Problems(Vec<SheetProblem>),
    Ready(Box<ImportPlan>),
}

fn role_label(role: Role, lang: Lang) -> &'static str {
    text_of(lang, &format!("sheets.role.{}", role.code())).unwrap_or("")
}

fn field_label(key: &str, lang: Lang) -> String {
    if let Some(year) = key.strip_prefix("plan:") {
        return Message::new("sheets.field.plan")
            .with("year", year)
            .render(lang);
    }
    for (prefix, label) in [
        ("target_note:", "sheets.field.target_note"),
        ("target:", "sheets.field.target"),
    ] {
        if let Some(code) = key.strip_prefix(prefix) {
            let period = Period::from_code(code)
                .map(|p| p.label(lang))
                .unwrap_or_else(|_| code.to_string());
            return Message::new(label).with("period", period).render(lang);
        }
    }
    if let Some(stage) = key.strip_prefix("milestone:") {
        return text_of(lang, &format!("milestone.{stage}"))
            .unwrap_or(stage)
            .to_string();
    }
    text_of(lang, &format!("sheets.field.{key}"))
        .unwrap_or(key)
        .to_string()
}

fn column_label(column: &Column, lang: Lang) -> String {
    let period = |code: &str| {
        Period::from_code(code)
            .map(|p| p.label(lang))
            .unwrap_or_else(|_| code.to_string())
    };
    match column {
        Column::Ignore => text(lang, "sheets.col.ignore").to_string(),
        Column::Name => text(lang, "sheets.col.name").to_string(),
        Column::Unit => text(lang, "sheets.col.unit").to_string(),
        Column::Note => text(lang, "sheets.col.note").to_string(),
        Column::Period(code) => Message::new("sheets.col.period")
            .with("period", period(code))
            .render(lang),
        Column::Qualifier(code) => Message::new("sheets.col.qualifier")
            .with("period", period(code))
            .render(lang),
        Column::Field(key) => field_label(key, lang),
    }
}

/// The choices a column's select offers: the plain roles, the column's current one and what
/// its heading says (so a change can be undone by choosing again).
fn column_choices(role: Role, current: &Column, guessed: &Column) -> Vec<Column> {
    let mut choices = vec![Column::Ignore];
    match role {
        Role::Figures => choices.extend([Column::Name, Column::Unit, Column::Note]),
        Role::Skip => {}
        _ => choices.extend(
            layout::field_keys(role)
                .into_iter()
                .map(|k| Column::Field(k.to_string())),
        ),
    }
    for extra in [guessed, current] {
        if !choices.contains(extra) {
            choices.push(extra.clone());
        }
    }
    choices
}

#[component]
pub fn SheetsPanel(#[prop(into)] on_planned: Callback<ImportPlan>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let opened = RwSignal::new(None::<Opened>);
    let layout = RwSignal::new(Layout::default());
    let reading = RwSignal::new(None::<Reading>);
    let csv_sheet = RwSignal::new(String::new());

    // The reading follows every correction of the layout (and every change of the ledger).
    Effect::new(move |_| {
        let result = opened.with(|o| {
            o.as_ref().and_then(|o| {
                layout.with(|l| {
                    state.dataset.with(|d| {
                        d.map(|d| plan_sheet(d, &o.file_name, &o.book, l, &mut StateIds(state)))
                    })
                })
            })
        });
        reading.set(result.map(|r| match r {
            Ok(plan) => Reading::Ready(Box::new(plan)),
            Err(problems) => Reading::Problems(problems),
        }));
    });

    let sheet_names = move || {
        state.dataset.with(|d| {
            d.map(|d| export::sheet_choices(d, lang.get()))
                .unwrap_or_default()
        })
    };
    // What a download did, said once for both kinds.
    let downloaded = move |result: Result<(), String>, file_name: &str| {
        let current = lang.get_untracked();
        match result {
            Ok(()) => notice.set(Some(
                Message::new("sheet.exported")
                    .with("file", file_name)
                    .render(current),
            )),
            Err(detail) => error.set(Some(
                Message::new("error.download_failed")
                    .with("detail", detail)
                    .render(current),
            )),
        }
    };

    let file_stem = move || {
        state
            .dataset
            .with_untracked(|d| d.map(|d| format!("{}-{}", d.meta.name, d.meta.document_date)))
            .unwrap_or_else(|| "taizhang".to_string())
    };

    let export_xlsx = move |_| {
        let Some(spec) = state.dataset.with_untracked(|d| d.map(export::workbook)) else {
            return;
        };
        let current = lang.get_untracked();
        let file_name = format!("{}.xlsx", file_stem());
        spawn_local(async move {
            busy.set(true);
            error.set(None);
            let written = crate::ui::sheets::write_xlsx(&spec).await;
            busy.set(false);
            match written {
                Ok(bytes) => {
                    downloaded(
                        crate::ui::components::download_bytes(&file_name, XLSX_MIME, &bytes),
                        &file_name,
                    );
                }
                Err(message) => error.set(Some(message.render(current))),
            }
        });
    };

    let export_csv = move |_| {
        let wanted = csv_sheet.get_untracked();
        let Some(sheet) = state
            .dataset
            .with_untracked(|d| d.and_then(|d| export::one_sheet(d, &wanted)))
        else {
            return;
        };
        let file_name = format!("{}-{}.csv", file_stem(), sheet.name);
        downloaded(
            crate::ui::components::download_text(
                &file_name,
                "text/csv;charset=utf-8",
                &export::sheet_csv(&sheet),
            ),
            &file_name,
        );
    };

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        let current = lang.get_untracked();
        let file_name = file.name();
        // The same cap as a ledger file: the bytes and the sheets read are held in memory.
        const MAX_BYTES: f64 = 50.0 * 1024.0 * 1024.0;
        if file.size() > MAX_BYTES {
            error.set(Some(format!(
                "{file_name}: {}",
                Message::new("file.too_large")
                    .with("size", format!("{:.1}", file.size() / 1024.0 / 1024.0))
                    .with("limit", format!("{:.0}", MAX_BYTES / 1024.0 / 1024.0))
                    .render(current)
            )));
            return;
        }
        spawn_local(async move {
            busy.set(true);
            error.set(None);
            notice.set(None);
            opened.set(None);
            let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                Err(_) => {
                    busy.set(false);
                    error.set(Some(text(current, "data.read_failed").to_string()));
                    return;
                }
            };
            let read = crate::ui::sheets::read_book(&bytes, &file_name).await;
            busy.set(false);
            let book = match read {
                Ok(book) => book,
                Err(message) => {
                    error.set(Some(format!("{file_name}: {}", message.render(current))));
                    return;
                }
            };
            let stem = file_name
                .rsplit_once('.')
                .map_or(file_name.as_str(), |(stem, _)| stem)
                .to_string();
            let today = state
                .dataset
                .with_untracked(|d| d.map(|d| d.meta.document_date))
                .unwrap_or_else(crate::ui::state::today);
            let mut guessed = layout::guess(&book, today, &stem);
            let known: Vec<String> = state
                .dataset
                .with_untracked(|d| d.map(|d| d.areas().iter().map(|a| a.name.clone()).collect()))
                .unwrap_or_default();
            layout::prefer_known_areas(&mut guessed, &known);
            layout.set(guessed);
            opened.set(Some(Opened { file_name, book }));
        });
    };

    let go_on = move |_| {
        if let Some(Reading::Ready(plan)) = reading.get_untracked() {
            opened.set(None);
            on_planned.run(*plan);
        }
    };

    view! {
        <h2>{move || text(lang.get(), "sheets.title")}</h2>
        <p class="muted">{move || text(lang.get(), "sheets.explain")}</p>
        <div class="inline-form">
            <button data-testid="sheet-export-xlsx" on:click=export_xlsx prop:disabled=move || busy.get()>
                {move || text(lang.get(), "sheets.export_xlsx")}
            </button>
            <select data-testid="sheet-csv-sheet" on:change=move |ev| csv_sheet.set(event_target_value(&ev))>
                {move || sheet_names().into_iter().map(|(name, label)| view! { <option value=name>{label}</option> }).collect_view()}
            </select>
            <button data-testid="sheet-export-csv" on:click=export_csv>{move || text(lang.get(), "sheets.export_csv")}</button>
        </div>
        <p>
            <label>{move || text(lang.get(), "sheets.open")}" "
                <input type="file" data-testid="sheet-open"
                    accept=".xlsx,.xls,.ods,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet,text/csv"
                    on:change=on_file />
            </label>
        </p>
        <Show when=move || busy.get()>
            <p class="muted" data-testid="sheet-busy">{move || text(lang.get(), "sheets.loading")}</p>
        </Show>
        {move || error.get().map(|e| view! { <p class="field-error" role="alert" data-testid="sheet-error">{e}</p> })}
        {move || notice.get().map(|n| view! { <p class="notice" data-testid="sheet-notice">{n}</p> })}
        {move || opened.get().map(|o| view! {
            <MappingView opened=o layout=layout reading=reading on_continue=go_on on_cancel=move |_| opened.set(None) />
        })}
    }
}

#[component]
fn MappingView(
    opened: Opened,
    layout: RwSignal<Layout>,
    reading: RwSignal<Option<Reading>>,
    on_continue: impl Fn(leptos::ev::MouseEvent) + 'static,
    on_cancel: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let book = StoredValue::new(opened.book.clone());
    let today = state
        .dataset
        .with_untracked(|d| d.map(|d| d.meta.document_date))
        .unwrap_or_else(crate::ui::state::today);
    let encoding = opened.book.encoding.clone();
    let cards = (0..opened.book.sheets.len())
        .map(|index| view! { <SheetCard index=index book=book layout=layout today=today /> })
        .collect_view();
    let ready = move || reading.with(|r| matches!(r, Some(Reading::Ready(_))));
    let summary = move || {
        let current = lang.get();
        reading.with(|r| match r {
            Some(Reading::Ready(plan)) => {
                let (created, updated, conflicting) =
                    plan.merge.report.values().fold((0, 0, 0), |(c, u, k), r| {
                        (c + r.created, u + r.updated, k + r.conflicting)
                    });
                Message::new("sheets.ready")
                    .with("created", created)
                    .with("updated", updated)
                    .with("conflicting", conflicting)
                    .render(current)
            }
            Some(Reading::Problems(problems)) => Message::new("sheets.problem_count")
                .with("count", problems.len())
                .render(current),
            None => String::new(),
        })
    };
    let problems = move || {
        let current = lang.get();
        reading.with(|r| match r {
            Some(Reading::Problems(problems)) => problems
                .iter()
                .take(100)
                .map(|p| view! { <li data-testid="sheet-problem">{p.render(current)}</li> })
                .collect_view()
                .into_any(),
            _ => ().into_any(),
        })
    };
    view! {
        <section class="sheet-mapping" data-testid="sheet-mapping">
            <h3>{move || text(lang.get(), "sheets.mapping")}": "{opened.file_name.clone()}</h3>
            <p class="muted">{move || text(lang.get(), "sheets.mapping_explain")}
                {encoding.clone().map(|e| format!(" · {}", Message::new("sheets.encoding").with("encoding", e).render(lang.get_untracked())))}
            </p>
            {cards}
            <p data-testid="sheet-summary" class:field-error=move || !ready()>{summary}</p>
            <ul class="field-error" data-testid="sheet-problems">{problems}</ul>
            <div class="inline-form">
                <button data-testid="sheet-continue" prop:disabled=move || !ready() on:click=on_continue>
                    {move || text(lang.get(), "sheets.continue")}
                </button>
                <button data-testid="sheet-cancel" on:click=on_cancel>{move || text(lang.get(), "sheets.cancel")}</button>
            </div>
        </section>
    }
}

#[component]
fn SheetCard(
    index: usize,
    book: StoredValue<Book>,
    layout: RwSignal<Layout>,
    today: crate::model::Date,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let sheet_name = book.with_value(|b| b.sheets[index].name.clone());
    let current = move || layout.with(|l| l.sheets.get(index).cloned());
    // Changing the role or the heading row reads the columns again from the sheet.
    let relayout = move |role: Role, header_row: usize| {
        let columns =
            book.with_value(|b| layout::guess_columns(&b.sheets[index], role, header_row, today));
        layout.update(|l| {
            if let Some(s) = l.sheets.get_mut(index) {
                s.role = role;
                s.header_row = header_row;
                s.columns = columns;
            }
        });
    };
    let on_role = move |ev: leptos::ev::Event| {
        let Some(role) = Role::from_code(&event_target_value(&ev)) else {
            return;
        };
        let header_row = current().map_or(0, |s| s.header_row);
        relayout(role, header_row);
    };
    let on_header = move |ev: leptos::ev::Event| {
        let Ok(row) = event_target_value(&ev).trim().parse::<usize>() else {
            return;
        };
        let role = current().map_or(Role::Skip, |s| s.role);
        relayout(role, row.max(1) - 1);
    };
    let set_text = move |area: bool, value: String| {
        layout.update(|l| {
            if let Some(s) = l.sheets.get_mut(index) {
                if area {
                    s.area = value;
                } else {
                    s.unit = value;
                }
            }
        })
    };
    let table = move || {
        let Some(sheet_layout) = current() else {
            return ().into_any();
        };
        let current_lang = lang.get();
        let (rows, width, total) = book.with_value(|b| {
            let sheet = &b.sheets[index];
            let first = sheet_layout.header_row;
            let last = (first + PREVIEW_ROWS).min(sheet.rows.len().saturating_sub(1));
            let width = sheet.width().min(PREVIEW_COLUMNS);
            let rows: Vec<(usize, Vec<String>)> = (first..=last)
                .filter(|r| *r < sheet.rows.len())
                .map(|r| (r, (0..width).map(|c| layout::shown(sheet, r, c)).collect()))
                .collect();
            (rows, width, sheet.rows.len())
        });
        let guessed = book.with_value(|b| {
            layout::guess_columns(
                &b.sheets[index],
                sheet_layout.role,
                sheet_layout.header_row,
                today,
            )
        });
        let role = sheet_layout.role;
        let selects = (0..width)
            .map(|col| {
                let column = sheet_layout.columns.get(col).cloned().unwrap_or(Column::Ignore);
                let guess = guessed.get(col).cloned().unwrap_or(Column::Ignore);
                let choices = column_choices(role, &column, &guess);
                let chosen = serde_json::to_string(&column).unwrap_or_default();
                let options = choices
                    .into_iter()
                    .map(|choice| {
                        let value = serde_json::to_string(&choice).unwrap_or_default();
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{column_label(&choice, current_lang)}</option> }
                    })
                    .collect_view();
                let on_change = move |ev: leptos::ev::Event| {
                    if let Ok(column) = serde_json::from_str::<Column>(&event_target_value(&ev)) {
                        layout.update(|l| {
                            if let Some(s) = l.sheets.get_mut(index) {
                                if s.columns.len() <= col {
                                    s.columns.resize(col + 1, Column::Ignore);
                                }
                                s.columns[col] = column;
                            }
                        });
                    }
                };
                view! {
                    <th><select data-testid="sheet-col" data-col=col.to_string() on:change=on_change>{options}</select></th>
                }
            })
            .collect_view();
        let body = rows
            .into_iter()
            .map(|(r, cells)| {
                let heading = r == sheet_layout.header_row;
                view! {
                    <tr class:sheet-heading=heading>
                        <th class="muted">{r + 1}</th>
                        {cells.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        let more = total.saturating_sub(sheet_layout.header_row + PREVIEW_ROWS + 1);
        view! {
            <div class="table-scroll">
                <table class="sheet-preview">
                    <thead><tr><th></th>{selects}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            {(more > 0).then(|| view! { <p class="muted">{Message::new("sheets.rows_more").with("count", more).render(current_lang)}</p> })}
        }
        .into_any()
    };
    let role_options = move || {
        let current_lang = lang.get();
        let chosen = current().map_or(Role::Skip, |s| s.role);
        Role::ALL
            .into_iter()
            .map(|role| {
                view! { <option value=role.code() selected=role == chosen>{role_label(role, current_lang)}</option> }
            })
            .collect_view()
    };
    let is_figures = move || current().is_some_and(|s| s.role == Role::Figures);
    let first_cells = book.with_value(|b| {
        b.sheets[index]
            .rows
            .first()
            .map(|r| {
                r.iter()
                    .map(cell_text)
                    .filter(|t| !t.is_empty())
                    .take(1)
                    .collect::<String>()
            })
            .unwrap_or_default()
    });
    let title = if sheet_name.is_empty() {
        first_cells
    } else {
        sheet_name.clone()
    };
    view! {
        <div class="sheet-card" data-testid="sheet-card" data-sheet=sheet_name.clone()>
            <h4>{title}</h4>
            <div class="inline-form">
                <label>{move || text(lang.get(), "sheets.role")}" "
                    <select data-testid="sheet-role" on:change=on_role>{role_options}</select>
                </label>
                <Show when=move || current().is_some_and(|s| s.role != Role::Skip)>
                    <label>{move || text(lang.get(), "sheets.header_row")}" "
                        <input class="short" type="number" min="1" data-testid="sheet-header-row"
                            prop:value=move || current().map_or(1, |s| s.header_row + 1).to_string()
                            on:change=on_header />
                    </label>
                </Show>
                <Show when=is_figures>
                    <label>{move || text(lang.get(), "sheets.area")}" "
                        <input data-testid="sheet-area" prop:value=move || current().map(|s| s.area).unwrap_or_default()
                            on:change=move |ev| set_text(true, event_target_value(&ev)) />
                    </label>
                    <label>{move || text(lang.get(), "sheets.unit")}" "
                        <input class="short" data-testid="sheet-unit" prop:value=move || current().map(|s| s.unit).unwrap_or_default()
                            on:change=move |ev| set_text(false, event_target_value(&ev)) />
                    </label>
                </Show>
            </div>
            <Show when=move || current().is_some_and(|s| s.role != Role::Skip)>{table}</Show>
        </div>
    }
}
