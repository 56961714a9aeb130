//! The indicator ledger of one work area: a table of indicators × periods that takes figures
//! the way Excel and WPS do. One cell at a time holds the cursor and an edit box with the caret
//! in it; typing replaces the figure, F2 or a double click edits it in place; Enter, Tab and
//! the arrow keys save and move; Esc cancels; Delete clears; a block pasted from a spreadsheet
//! fills the cells to the right and below as one undoable edit. What typed and pasted text
//! becomes is decided by the workspace (`workspace::entry`); this page only renders and
//! dispatches, and a refused figure keeps its message at the cell while nothing is stored.

use crate::i18n::{text, Message, ToMessage};
use crate::model::{
    figure_input_text, figure_text, parse_period, Amount, Edit, Indicator, IndicatorKind, Lang,
    Period, Qualifier, Record, RecordId, Unit,
};
use crate::ui::components::FieldError;
use crate::ui::state::AppState;
use crate::workspace::entry::{
    enter_figure, is_block, move_cursor, plan_paste, read_block, CellPosition, CursorMove,
    EntryError, PasteError, TableLayout,
};
use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;

/// Adds a unit nobody has defined yet (dimension unknown, no conversion).
fn add_unit(state: AppState, symbol: &str) -> Result<(), Message> {
    state.dispatch(Edit::Put(Record::Unit(Unit {
        id: state.new_id(),
        symbol: symbol.to_string(),
        name_en: symbol.to_string(),
        dimension: "other".to_string(),
        factor: None,
        stamps: BTreeMap::new(),
        updated_by: String::new(),
    })))
}

/// One row of the table, as much as its layout needs.
#[derive(Debug, Clone, PartialEq)]
struct RowShape {
    id: RecordId,
    name: String,
    name_en: String,
    unit: String,
}

/// A column: its period, and whether it is one the user added that holds no figure yet (only
/// such a column can be removed; one with figures stays while they do).
#[derive(Debug, Clone, PartialEq)]
struct ColumnShape {
    period: Period,
    removable: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct TableShape {
    area: RecordId,
    rows: Vec<RowShape>,
    columns: Vec<ColumnShape>,
}

impl TableShape {
    fn row_ids(&self) -> Vec<RecordId> {
        self.rows.iter().map(|r| r.id.clone()).collect()
    }

    fn periods(&self) -> Vec<Period> {
        self.columns.iter().map(|c| c.period).collect()
    }
}

/// How the cursor's cell is being edited, as in Excel: `Ready` shows the figure selected (typing
/// replaces it, arrows move), `Typing` after the first key (arrows save and move), `InPlace`
/// after F2 or a double click (left and right move the caret).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellMode {
    Ready,
    Typing,
    InPlace,
}

/// A refused figure: where, why, and the unit to offer adding when that is why.
#[derive(Debug, Clone, PartialEq)]
struct Refusal {
    position: CellPosition,
    message: Message,
    unknown_unit: Option<String>,
}

/// What the last paste did or why it did nothing.
#[derive(Debug, Clone, PartialEq)]
enum PasteNotice {
    Done(usize),
    Refused(Vec<String>),
    DoesNotFit(Message),
    /// The block is wider than the table and the next periods can be added.
    OfferColumns {
        message: Message,
        periods: Vec<Period>,
        anchor: CellPosition,
        text: String,
    },
}

/// Where new record ids come from in the browser.
struct BrowserIds(AppState);

impl crate::model::IdSource for BrowserIds {
    fn next_id(&mut self) -> RecordId {
        self.0.new_id()
    }
}

/// A shown cell's figure: its signal, and the figure it was last drawn from (a figure that has
/// not changed is not formatted again when the ledger changes elsewhere).
struct Figure {
    indicator: RecordId,
    period: Period,
    shown: RwSignal<String>,
    drawn: Option<(Amount, Qualifier)>,
}

/// The table's cursor and its open edit, shared by every cell of the page.
#[derive(Clone, Copy)]
struct Grid {
    state: AppState,
    shape: Memo<Option<TableShape>>,
    cursor: RwSignal<Option<CellPosition>>,
    mode: RwSignal<CellMode>,
    draft: RwSignal<String>,
    refusal: RwSignal<Option<Refusal>>,
    paste: RwSignal<Option<PasteNotice>>,
    /// Bumped to ask the cursor's edit box to take the focus again.
    focus_request: RwSignal<u32>,
    /// Which cell holds the cursor, and which a refused figure, as selectors: a move notifies
    /// the two cells concerned, not every cell of a table of thousands.
    cursor_at: StoredValue<Selector<Option<CellPosition>>>,
    refused_at: StoredValue<Selector<Option<CellPosition>>>,
    /// Each shown cell's figure as a signal of its own, kept up to date by one effect of the
    /// page (`follow_figures`): a cell reads its signal only, so a change to the ledger wakes
    /// one effect and the cells whose figure changed — not thousands of cell memos all
    /// subscribed to the ledger (whose unsubscribing alone took longer than a frame).
    figures: StoredValue<Vec<Figure>>,
}

impl Grid {
    fn new(state: AppState, shape: Memo<Option<TableShape>>) -> Grid {
        let cursor = RwSignal::new(None);
        let refusal = RwSignal::new(None::<Refusal>);
        Grid {
            state,
            shape,
            cursor,
            mode: RwSignal::new(CellMode::Ready),
            draft: RwSignal::new(String::new()),
            refusal,
            paste: RwSignal::new(None),
            focus_request: RwSignal::new(0),
            cursor_at: StoredValue::new(Selector::new(move || cursor.get())),
            refused_at: StoredValue::new(Selector::new(move || {
                refusal.with(|r| r.as_ref().map(|r| r.position))
            })),
            figures: StoredValue::new(Vec::new()),
        }
    }

    /// A signal for a cell's figure, followed by [`Grid::follow_figures`].
    fn figure_of(self, indicator: &RecordId, period: Period) -> RwSignal<String> {
        let lang = self.state.lang.get_untracked();
        let drawn = self.state.dataset.with_untracked(|d| {
            d.and_then(|d| d.value_at(indicator, &period))
                .map(|v| (v.amount, v.qualifier))
        });
        let shown = RwSignal::new(
            drawn
                .map(|(amount, qualifier)| figure_text(amount, qualifier, lang))
                .unwrap_or_default(),
        );
        self.figures.update_value(|figures| {
            figures.push(Figure {
                indicator: indicator.clone(),
                period,
                shown,
                drawn,
            })
        });
        shown
    }

    /// Keeps every shown cell's figure up to date: one effect on the ledger and the language.
    /// A change of the ledger formats again only the figures that changed; a change of the
    /// language, all of them.
    fn follow_figures(self) {
        Effect::new(move |last_lang: Option<Lang>| {
            let lang = self.state.lang.get();
            let every = last_lang != Some(lang);
            self.state.dataset.with(|d| {
                let Some(d) = d else { return };
                self.figures.update_value(|figures| {
                    for figure in figures {
                        let now = d
                            .value_at(&figure.indicator, &figure.period)
                            .map(|v| (v.amount, v.qualifier));
                        if !every && now == figure.drawn {
                            continue;
                        }
                        figure.drawn = now;
                        let text = now
                            .map(|(amount, qualifier)| figure_text(amount, qualifier, lang))
                            .unwrap_or_default();
                        if figure.shown.try_with_untracked(|old| *old != text) == Some(true) {
                            figure.shown.set(text);
                        }
                    }
                })
            });
            lang
        });
    }

    /// Whether the cursor is on a cell (reactive, for that cell only).
    fn is_active(self, position: CellPosition) -> bool {
        self.cursor_at
            .try_with_value(|s| s.selected(&Some(position)))
            .unwrap_or(false)
    }

    /// Whether a cell holds a refused figure (reactive, for that cell only).
    fn is_refused(self, position: CellPosition) -> bool {
        self.refused_at
            .try_with_value(|s| s.selected(&Some(position)))
            .unwrap_or(false)
    }

    /// Sets what differs only: every set notifies its readers.
    fn set_mode(self, mode: CellMode) {
        if self.mode.get_untracked() != mode {
            self.mode.set(mode);
        }
    }

    fn set_draft(self, draft: String) {
        if self.draft.with_untracked(|d| d != &draft) {
            self.draft.set(draft);
        }
    }

    fn clear_refusal(self) {
        if self.refusal.with_untracked(Option::is_some) {
            self.refusal.set(None);
        }
    }

    fn at(self, position: CellPosition) -> Option<(RecordId, Period)> {
        self.shape.with_untracked(|shape| {
            let shape = shape.as_ref()?;
            Some((
                shape.rows.get(position.row)?.id.clone(),
                shape.columns.get(position.column)?.period,
            ))
        })
    }

    /// The figure of a cell as its edit box shows it (plain number with its qualifier).
    fn input_text(self, position: CellPosition) -> String {
        let Some((indicator, period)) = self.at(position) else {
            return String::new();
        };
        let lang = self.state.lang.get_untracked();
        self.state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.value_at(&indicator, &period))
                .map(|v| figure_input_text(v.amount, v.qualifier, lang))
                .unwrap_or_default()
        })
    }

    /// Puts the cursor on a cell, unless the cursor's cell holds a refused figure: that one
    /// keeps the cursor (and the focus) until it is corrected or cancelled, as in a spreadsheet.
    fn activate(self, position: CellPosition, mode: CellMode) {
        let current = self.cursor.get_untracked();
        let held = self
            .refusal
            .with_untracked(|r| r.as_ref().map(|r| r.position))
            .filter(|held| Some(*held) == current);
        if let Some(held) = held {
            if held != position {
                self.focus_request.update(|n| *n += 1);
                return;
            }
        }
        if current == Some(position) {
            if mode == CellMode::InPlace {
                self.set_mode(CellMode::InPlace);
            }
            self.focus_request.update(|n| *n += 1);
            return;
        }
        // Moving on saves what was typed in the cell being left, as in a spreadsheet.
        if current.is_some() && !self.commit() {
            return;
        }
        self.set_draft(self.input_text(position));
        self.set_mode(mode);
        self.cursor.set(Some(position));
    }

    /// Saves the cursor cell's typed figure, if it was changed. False when refused (the message
    /// is at the cell and nothing was stored).
    fn commit(self) -> bool {
        let Some(Some(position)) = self.cursor.try_get_untracked() else {
            return true;
        };
        if self.mode.try_get_untracked() == Some(CellMode::Ready) {
            return true;
        }
        let Some(input) = self.draft.try_get_untracked() else {
            return true;
        };
        self.save(position, &input)
    }

    fn save(self, position: CellPosition, input: &str) -> bool {
        let Some((indicator, period)) = self.at(position) else {
            return true;
        };
        let planned = self.state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| enter_figure(d, &indicator, period, input, &mut BrowserIds(self.state)))
        });
        let result = match planned {
            None | Some(Ok(None)) => Ok(()),
            Some(Ok(Some(edit))) => self.state.dispatch(edit).map_err(|m| (m, None)),
            Some(Err(error)) => {
                let unknown_unit = match &error {
                    EntryError::UnknownUnit { unit } => Some(unit.clone()),
                    _ => None,
                };
                Err((error.to_message(), unknown_unit))
            }
        };
        match result {
            Ok(()) => {
                self.clear_refusal();
                self.set_mode(CellMode::Ready);
                self.set_draft(self.input_text(position));
                true
            }
            Err((message, unknown_unit)) => {
                self.refusal.set(Some(Refusal {
                    position,
                    message,
                    unknown_unit,
                }));
                self.focus_request.update(|n| *n += 1);
                false
            }
        }
    }

    /// Saves, then moves the cursor (a refused figure keeps it where it is).
    fn commit_and_move(self, step: CursorMove) {
        if !self.commit() {
            return;
        }
        let Some(from) = self.cursor.get_untracked() else {
            return;
        };
        let (rows, columns) = self.shape.with_untracked(|s| {
            s.as_ref()
                .map(|s| (s.rows.len(), s.columns.len()))
                .unwrap_or_default()
        });
        let to = move_cursor(from, step, rows, columns);
        if to == from {
            self.focus_request.update(|n| *n += 1);
        } else {
            self.activate(to, CellMode::Ready);
        }
    }

    /// Esc: the figure as stored again, nothing saved.
    fn cancel(self) {
        self.clear_refusal();
        self.set_mode(CellMode::Ready);
        if let Some(position) = self.cursor.get_untracked() {
            self.set_draft(self.input_text(position));
        }
        self.focus_request.update(|n| *n += 1);
    }

    /// Delete on a selected cell: its figure is removed (one undoable edit).
    fn clear(self) {
        if let Some(position) = self.cursor.get_untracked() {
            self.set_mode(CellMode::Typing);
            self.set_draft(String::new());
            self.save(position, "");
            self.focus_request.update(|n| *n += 1);
        }
    }

    /// Ctrl+Z / Ctrl+Y in a cell that is not being typed into: the ledger's undo and redo.
    fn undo_or_redo(self, redo: bool) {
        let result = if redo {
            self.state.redo()
        } else {
            self.state.undo()
        };
        if let Err(message) = result {
            self.state.error.set(Some(message));
        }
        if let Some(position) = self.cursor.get_untracked() {
            self.set_draft(self.input_text(position));
        }
        self.focus_request.update(|n| *n += 1);
    }

    /// A block pasted with its top-left at `anchor`: all of it, as one edit, or nothing.
    fn paste(self, anchor: CellPosition, text: &str, add_columns: bool) {
        let Some(shape) = self.shape.get_untracked() else {
            return;
        };
        let lang = self.state.lang.get_untracked();
        let block = read_block(text);
        let rows = shape.row_ids();
        let periods = shape.periods();
        let table = TableLayout {
            area: &shape.area,
            rows: &rows,
            columns: &periods,
        };
        let planned = self.state.dataset.with_untracked(|d| {
            d.as_ref().map(|d| {
                plan_paste(
                    d,
                    table,
                    anchor,
                    &block,
                    add_columns,
                    &mut BrowserIds(self.state),
                )
            })
        });
        let notice = match planned {
            None | Some(Err(PasteError::Empty)) => None,
            Some(Ok(plan)) => match self.state.dispatch(plan.edit) {
                Ok(()) => {
                    self.clear_refusal();
                    self.set_mode(CellMode::Ready);
                    self.set_draft(self.input_text(anchor));
                    Some(PasteNotice::Done(plan.cells))
                }
                Err(message) => Some(PasteNotice::Refused(vec![message.render(lang)])),
            },
            Some(Err(PasteError::Refused(problems))) => {
                let mut lines = vec![Message::new("paste.refused")
                    .with("count", problems.len())
                    .render(lang)];
                lines.extend(problems.iter().map(|problem| {
                    let indicator = shape
                        .rows
                        .get(problem.position.row)
                        .map(|r| {
                            if lang == Lang::En && !r.name_en.is_empty() {
                                r.name_en.clone()
                            } else {
                                r.name.clone()
                            }
                        })
                        .unwrap_or_default();
                    Message::new("paste.cell_problem")
                        .with("indicator", indicator)
                        .with("period", problem.period.label(lang))
                        .with("reason", problem.error.to_message().render(lang))
                        .render(lang)
                }));
                Some(PasteNotice::Refused(lines))
            }
            Some(Err(PasteError::DoesNotFit {
                rows_over,
                columns_over,
                cells_outside,
                columns_to_add,
            })) => {
                if rows_over == 0 && columns_to_add.len() == columns_over {
                    Some(PasteNotice::OfferColumns {
                        message: Message::new("paste.offer_columns").with("columns", columns_over),
                        periods: columns_to_add,
                        anchor,
                        text: text.to_string(),
                    })
                } else {
                    Some(PasteNotice::DoesNotFit(
                        Message::new("paste.does_not_fit")
                            .with("cells", cells_outside)
                            .with("rows", rows_over)
                            .with("columns", columns_over),
                    ))
                }
            }
        };
        self.paste.set(notice);
        self.focus_request.update(|n| *n += 1);
    }
}

/// Whether a DOM node lies inside the ledger grid (its cells and its edit box).
fn inside_table(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-grid]").ok().flatten())
        .is_some()
}

/// The cell element at a position of the grid's table.
fn cell_element(
    container: &web_sys::Element,
    position: CellPosition,
) -> Option<web_sys::HtmlElement> {
    let selector = format!("td[data-cell=\"{}:{}\"]", position.row, position.column);
    container
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Lays the edit box over the cursor's cell and brings that cell into view. Called in an
/// animation frame: the page's changes of the turn are in by then, and reading the cell's place
/// lays the table out once, the layout the frame needs anyway.
/// `placed` is where the box was put last (left, top, width): a style set again to what it
/// was still makes the browser work out the box's style anew.
fn place_editor(
    grid: Grid,
    input: &web_sys::HtmlInputElement,
    placed: StoredValue<Option<(i32, i32, i32)>>,
    scroll: bool,
) {
    let Some(Some(position)) = grid.cursor.try_get_untracked() else {
        return;
    };
    let Some(container) = input.parent_element() else {
        return;
    };
    let Some(cell) = cell_element(&container, position) else {
        return;
    };
    // The cell's place in the scrolling box, summed over its offset parents (the table, then
    // the box itself, which is positioned).
    let (mut left, mut top) = (0, 0);
    let mut at: Option<web_sys::Element> = Some(cell.clone().into());
    while let Some(element) = at {
        if element == container {
            break;
        }
        let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() else {
            break;
        };
        left += element.offset_left();
        top += element.offset_top();
        at = element.offset_parent();
    }
    let width = cell.offset_width();
    let last = placed.get_value();
    let style = web_sys::HtmlElement::style(input);
    if last.map(|(l, t, _)| (l, t)) != Some((left, top)) {
        let _ = style.set_property("transform", &format!("translate({left}px, {top}px)"));
    }
    if last.map(|(_, _, w)| w) != Some(width) {
        let _ = style.set_property("width", &format!("{width}px"));
    }
    placed.set_value(Some((left, top, width)));
    if scroll {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        cell.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The grid's one edit box. It stays in the page and keeps the keyboard focus while the cursor
/// moves: it is laid over the cursor's cell, holds that cell's figure selected (or the caret at
/// the end for an edit in place), and typing goes into it at once. Moving the cursor moves the
/// box; no element is made, taken out, focused or blurred for it (issue 14: each of those cost
/// the browser a layout or a style pass of the whole table, about half of an edit's time).
#[component]
fn GridEditor(grid: Grid) -> impl IntoView {
    let input_ref = NodeRef::<leptos::html::Input>::new();
    // Whether a frame is already asked for, and whether it is to scroll the cell into view.
    let frame = StoredValue::new(None::<bool>);
    let last_cursor = StoredValue::new(None::<CellPosition>);
    let placed = StoredValue::new(None::<(i32, i32, i32)>);
    let ask_frame = move |scroll: bool| {
        let asked = frame.get_value();
        frame.set_value(Some(asked.unwrap_or(false) || scroll));
        if asked.is_none() {
            request_animation_frame(move || {
                let Some(Some(scroll)) = frame.try_get_value() else {
                    return;
                };
                frame.set_value(None);
                if let Some(input) = input_ref.get_untracked() {
                    place_editor(grid, &input, placed, scroll);
                }
            });
        }
    };
    // A table drawn anew (another language) or a window resized moves the cells: the box follows.
    let resized = window_event_listener(leptos::ev::resize, move |_| ask_frame(false));
    on_cleanup(move || resized.remove());
    Effect::new(move |_| {
        grid.focus_request.track();
        grid.shape.track();
        grid.state.lang.track();
        let cursor = grid.cursor.get();
        let Some(input) = input_ref.get() else {
            return;
        };
        let Some(position) = cursor else {
            if last_cursor.get_value().is_some() {
                let _ = web_sys::HtmlElement::style(&input).set_property("display", "none");
                last_cursor.set_value(None);
            }
            return;
        };
        // The box's value binding may be applied after this runs; set it now so the
        // selection below covers the figure.
        let draft = grid.draft.get_untracked();
        if input.value() != draft {
            input.set_value(&draft);
        }
        let focused = document()
            .active_element()
            .is_some_and(|e| &e == input.as_ref() as &web_sys::Element);
        if last_cursor.get_value().is_none() {
            // Shown before it takes the focus (a box not shown cannot have it), where it was
            // until the frame lays it over its cell.
            let _ = web_sys::HtmlElement::style(&input).set_property("display", "block");
        }
        if !focused {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = input.focus_with_options(&options);
        }
        match grid.mode.get_untracked() {
            CellMode::InPlace => {
                let end = input.value().encode_utf16().count() as u32;
                let _ = input.set_selection_range(end, end);
            }
            CellMode::Ready => input.select(),
            CellMode::Typing => {}
        }
        let moved = last_cursor.get_value() != Some(position);
        last_cursor.set_value(Some(position));
        ask_frame(moved);
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Keys that confirm an input method's candidate are the IME's, not the grid's.
        if ev.is_composing() || ev.key() == "Process" {
            return;
        }
        let mode = grid.mode.get_untracked();
        let shift = ev.shift_key();
        let control = ev.ctrl_key() || ev.meta_key();
        let step = match ev.key().as_str() {
            "Enter" if shift => Some(CursorMove::Up),
            "Enter" => Some(CursorMove::Down),
            "Tab" if shift => Some(CursorMove::Previous),
            "Tab" => Some(CursorMove::Next),
            "ArrowUp" => Some(CursorMove::Up),
            "ArrowDown" => Some(CursorMove::Down),
            "ArrowLeft" if mode != CellMode::InPlace => Some(CursorMove::Left),
            "ArrowRight" if mode != CellMode::InPlace => Some(CursorMove::Right),
            "Home" if mode == CellMode::Ready => Some(CursorMove::RowStart),
            "End" if mode == CellMode::Ready => Some(CursorMove::RowEnd),
            _ => None,
        };
        if let Some(step) = step {
            if control && !matches!(step, CursorMove::Next | CursorMove::Previous) {
                return;
            }
            ev.prevent_default();
            grid.commit_and_move(step);
            return;
        }
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                grid.cancel();
            }
            "F2" => {
                ev.prevent_default();
                grid.mode.set(CellMode::InPlace);
                grid.focus_request.update(|n| *n += 1);
            }
            "Delete" if mode == CellMode::Ready => {
                ev.prevent_default();
                grid.clear();
            }
            "z" | "Z" if control && mode == CellMode::Ready => {
                ev.prevent_default();
                grid.undo_or_redo(shift);
            }
            "y" | "Y" if control && mode == CellMode::Ready => {
                ev.prevent_default();
                grid.undo_or_redo(true);
            }
            _ => {}
        }
    };
    view! {
        <input class="cell-input" data-testid="cell-input" node_ref=input_ref tabindex="-1"
            prop:value=move || grid.draft.get()
            on:input=move |ev| {
                grid.draft.set(event_target_value(&ev));
                if grid.mode.get_untracked() == CellMode::Ready {
                    grid.mode.set(CellMode::Typing);
                }
            }
            on:keydown=on_keydown
            // A click on the box of a figure that is not being typed keeps the figure selected
            // (typing replaces it, as in a spreadsheet); while typing it places the caret.
            on:mousedown=move |ev: leptos::ev::MouseEvent| {
                if grid.mode.get_untracked() == CellMode::Ready {
                    ev.prevent_default();
                    grid.focus_request.update(|n| *n += 1);
                }
            }
            on:dblclick=move |_| {
                if let Some(position) = grid.cursor.get_untracked() {
                    grid.activate(position, CellMode::InPlace);
                }
            }
            on:paste=move |ev: web_sys::ClipboardEvent| {
                let text = ev
                    .clipboard_data()
                    .and_then(|data| data.get_data("text/plain").ok())
                    .unwrap_or_default();
                if let (true, Some(position)) = (is_block(&text), grid.cursor.get_untracked()) {
                    ev.prevent_default();
                    grid.paste(position, &text, false);
                }
            }
            on:blur=move |ev: web_sys::FocusEvent| {
                // Leaving the grid saves a changed figure, as in a spreadsheet. The grid may be
                // gone already (the page was left): then there is nothing to do here (the page's
                // clean-up saved it).
                if !matches!(grid.cursor.try_get_untracked(), Some(Some(_))) {
                    return;
                }
                if !grid.commit() {
                    return;
                }
                if !inside_table(ev.related_target()) {
                    grid.cursor.set(None);
                }
            } />
    }
}

#[component]
fn Cell(grid: Grid, indicator: RecordId, period: Period, position: CellPosition) -> impl IntoView {
    let state = grid.state;
    let lang = state.lang;
    let shown = grid.figure_of(&indicator, period);
    let active = move || grid.is_active(position);
    let refused = move || {
        grid.is_refused(position)
            .then(|| grid.refusal.with(|r| r.clone()))
            .flatten()
    };
    let first = position.row == 0 && position.column == 0;
    view! {
        <td class="cell" class:active=active class:invalid=move || grid.is_refused(position)
            tabindex=if first { "0" } else { "-1" }
            data-testid="cell" data-indicator=indicator.to_string() data-period=period.code()
            data-cell=format!("{}:{}", position.row, position.column)
            // Reached with Tab from outside the grid.
            on:focus=move |_| grid.activate(position, CellMode::Ready)
            on:mousedown=move |ev: leptos::ev::MouseEvent| {
                // The grid moves the focus itself: the browser's own focus change on mouse down
                // would land on the cell, not the edit box, and drop the figure's selection.
                ev.prevent_default();
                grid.activate(position, CellMode::Ready);
            }
            on:dblclick=move |_| grid.activate(position, CellMode::InPlace)>
            // The figure stays in the cell under the edit box (which covers it), so the column
            // keeps its width and the cell its text while the cursor is on it.
            <span class="cell-value">{move || shown.get()}</span>
            {move || refused().map(|refusal| {
                let unknown = refusal.unknown_unit.clone();
                view! {
                    <div class="field-error" role="alert" data-testid="cell-error">
                        {refusal.message.render(lang.get())}
                        {unknown.map(|symbol| {
                            let label = format!("{} “{}”", text(lang.get(), "indicators.add_unit"), symbol);
                            view! {
                                <button class="link" data-testid="add-unit" tabindex="-1"
                                    on:mousedown=move |ev| ev.prevent_default()
                                    on:click=move |ev| {
                                        ev.stop_propagation();
                                        match add_unit(state, &symbol) {
                                            Ok(()) => { grid.commit(); }
                                            Err(message) => grid.refusal.set(Some(Refusal { position, message, unknown_unit: None })),
                                        }
                                    }>
                                    {label}
                                </button>
                            }
                        })}
                    </div>
                }
            })}
        </td>
    }
}

/// The form that adds an indicator to the area.
#[component]
fn AddIndicator(area: RecordId) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let kind = RwSignal::new(IndicatorKind::Flow);
    let error = RwSignal::new(None::<Message>);
    let unknown_unit = RwSignal::new(false);
    // A memo: the unit list is drawn again only when the units change, not on every edit.
    let units = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| d.units().map(|u| u.symbol.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let submit = move |add_missing_unit: bool| {
        let symbol = unit.get_untracked().trim().to_string();
        let indicator_name = name.get_untracked().trim().to_string();
        if indicator_name.is_empty() {
            error.set(Some(Message::new("edit.empty_name").with("field", "name")));
            return;
        }
        if symbol.is_empty() {
            error.set(Some(Message::new("edit.empty_name").with("field", "unit")));
            return;
        }
        let existing_unit = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.unit_by_symbol(&symbol).map(|u| u.id.clone()))
        });
        let mut edits = Vec::new();
        let unit_id = match existing_unit {
            Some(id) => id,
            None if add_missing_unit => {
                let id = state.new_id();
                edits.push(Edit::Put(Record::Unit(Unit {
                    id: id.clone(),
                    symbol: symbol.clone(),
                    name_en: symbol.clone(),
                    dimension: "other".to_string(),
                    factor: None,
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                })));
                id
            }
            None => {
                unknown_unit.set(true);
                error.set(Some(
                    Message::new("amount.unknown_unit").with("unit", symbol),
                ));
                return;
            }
        };
        let order = state.dataset.with_untracked(|d| {
            d.as_ref()
                .map(|d| {
                    d.indicators_in(&area)
                        .iter()
                        .map(|i| i.order)
                        .max()
                        .unwrap_or(0)
                        + 1
                })
                .unwrap_or(1)
        });
        edits.push(Edit::Put(Record::Indicator(Indicator {
            id: state.new_id(),
            area: area.clone(),
            name: indicator_name,
            name_en: String::new(),
            unit: unit_id,
            kind: kind.get_untracked(),
            description: String::new(),
            scope_note: String::new(),
            order,
            targets: Vec::new(),
            counted: None,
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        })));
        match state.dispatch(Edit::Batch(edits)) {
            Ok(()) => {
                name.set(String::new());
                error.set(None);
                unknown_unit.set(false);
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let submit_again = submit.clone();
    view! {
        <form class="inline-form" data-testid="add-indicator" on:submit=move |ev| { ev.prevent_default(); submit(false); }>
            <input data-testid="new-indicator-name" placeholder=move || text(lang.get(), "indicators.name")
                prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            <input data-testid="new-indicator-unit" list="unit-symbols" placeholder=move || text(lang.get(), "table.unit")
                prop:value=move || unit.get() on:input=move |ev| { unit.set(event_target_value(&ev)); unknown_unit.set(false); } />
            <datalist id="unit-symbols">
                {move || units.get().into_iter().map(|s| view! { <option value=s.clone()></option> }).collect_view()}
            </datalist>
            <select data-testid="new-indicator-kind" on:change=move |ev| kind.set(
                IndicatorKind::from_code(&event_target_value(&ev)).unwrap_or_default())>
                <option value="flow">{move || text(lang.get(), "kind.flow")}</option>
                <option value="stock">{move || text(lang.get(), "kind.stock")}</option>
            </select>
            <button type="submit" data-testid="new-indicator-submit">{move || text(lang.get(), "indicators.add")}</button>
            <FieldError error=error test_id="add-indicator-error" />
            <Show when=move || unknown_unit.get()>
                <button type="button" class="link" data-testid="add-unit-and-indicator" on:click={
                    let submit = submit_again.clone();
                    move |_| submit(true)
                }>{move || text(lang.get(), "indicators.add_unit")}</button>
            </Show>
        </form>
    }
}

#[component]
pub fn IndicatorsPage(area: Option<RecordId>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let area_id = Memo::new(move |_| {
        state.dataset.with(|d| {
            d.as_ref().and_then(|d| match &area {
                Some(id) if d.area(id).is_some() => Some(id.clone()),
                _ => d.areas().first().map(|a| a.id.clone()),
            })
        })
    });
    let period_input = RwSignal::new(String::new());
    let period_error = RwSignal::new(None::<Message>);

    // The work areas' tabs, a memo of their ids and names: an edit of a figure leaves it as it
    // was and re-renders no tab.
    let tab_list = Memo::new(move |_| {
        let lang = lang.get();
        state.dataset.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.areas()
                        .into_iter()
                        .map(|a| {
                            let label = if lang == Lang::En && !a.name_en.is_empty() {
                                a.name_en.clone()
                            } else {
                                a.name.clone()
                            };
                            (a.id.clone(), label)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let tabs = move || {
        let current = area_id.get();
        tab_list
            .get()
            .into_iter()
            .map(|(id, label)| {
                let active = Some(&id) == current.as_ref();
                view! {
                    <a class="tab" class:active=active href=format!("#/indicators/{}", id) data-testid="area-tab">{label}</a>
                }
            })
            .collect_view()
    };

    // The table's shape (rows and columns) is a memo of its own, so editing a figure re-renders
    // one cell, not the whole table (a large ledger has thousands of cells per area). Its
    // columns are the periods the area's indicators have figures for and the columns the user
    // added (kept with the area, so they stay across reloads, tabs and merges).
    let shape = Memo::new(move |_| {
        let area = area_id.get()?;
        state.dataset.with(|d| {
            let d = d.as_ref()?;
            let indicators = d.indicators_in(&area);
            let ids: Vec<RecordId> = indicators.iter().map(|i| i.id.clone()).collect();
            let used = d.periods_used_by(&ids);
            let added = d.area(&area).map(|a| a.columns.clone()).unwrap_or_default();
            let mut periods: Vec<Period> = used.iter().chain(&added).copied().collect();
            crate::sorting::sort(&mut periods);
            periods.dedup();
            let columns = periods
                .into_iter()
                .map(|period| ColumnShape {
                    period,
                    removable: added.contains(&period) && !used.contains(&period),
                })
                .collect();
            let rows = indicators
                .into_iter()
                .map(|indicator| RowShape {
                    id: indicator.id.clone(),
                    name: indicator.name.clone(),
                    name_en: indicator.name_en.clone(),
                    unit: d
                        .unit(&indicator.unit)
                        .map(|u| u.symbol.clone())
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>();
            Some(TableShape {
                area,
                rows,
                columns,
            })
        })
    });

    let grid = Grid::new(state, shape);
    // Leaving the page (another tab, Back) with a figure typed and not yet saved saves it, like
    // leaving the cell would; a refused one is dropped with the page.
    on_cleanup(move || {
        grid.commit();
    });

    let add_period = move || {
        let input = period_input.get_untracked();
        let Some(area) = area_id.get_untracked() else {
            return;
        };
        let document_date = state
            .dataset
            .with_untracked(|d| d.as_ref().map(|d| d.meta.document_date));
        let Some(document_date) = document_date else {
            return;
        };
        match parse_period(&input, document_date) {
            Err(error) => period_error.set(Some(error.to_message())),
            Ok(period) => {
                let exists = shape.with_untracked(|s| {
                    s.as_ref()
                        .is_some_and(|s| s.columns.iter().any(|c| c.period == period))
                });
                if exists {
                    period_error.set(Some(
                        Message::new("period.exists")
                            .with("period", period.label(lang.get_untracked())),
                    ));
                    return;
                }
                let edit = state.dataset.with_untracked(|d| {
                    d.as_ref()
                        .and_then(|d| d.area(&area))
                        .map(|a| Edit::Put(Record::Area(a.with_column(period))))
                });
                let Some(edit) = edit else { return };
                match state.dispatch(edit) {
                    Ok(()) => {
                        period_input.set(String::new());
                        period_error.set(None);
                    }
                    Err(message) => period_error.set(Some(message)),
                }
            }
        }
    };
    let remove_column = move |period: Period| {
        let Some(area) = area_id.get_untracked() else {
            return;
        };
        let edit = state.dataset.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.area(&area))
                .map(|a| Edit::Put(Record::Area(a.without_column(&period))))
        });
        if let Some(Err(message)) = edit.map(|edit| state.dispatch(edit)) {
            period_error.set(Some(message));
        }
    };

    grid.follow_figures();
    let table = move || {
        // The cells about to be made register their figures anew.
        grid.figures.set_value(Vec::new());
        let Some(TableShape { rows, columns, .. }) = shape.get() else {
            return view! { <p></p> }.into_any();
        };
        let current_lang = lang.get();
        if rows.is_empty() {
            return view! { <p class="muted" data-testid="indicators-empty">{text(current_lang, "indicators.empty")}</p> }.into_any();
        }
        let header = columns
            .iter()
            .map(|column| {
                let period = column.period;
                let remove = column.removable.then(|| view! {
                    <button class="link small" tabindex="-1" data-testid="remove-column"
                        title=text(current_lang, "indicators.remove_column")
                        aria-label=text(current_lang, "indicators.remove_column")
                        on:click=move |_| remove_column(period)>"×"</button>
                });
                view! { <th data-testid="period-header" data-period=period.code()><span data-testid="period-label">{period.label(current_lang)}</span>{remove}</th> }
            })
            .collect_view();
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(row_index, row)| {
                let name = if current_lang == Lang::En && !row.name_en.is_empty() { row.name_en.clone() } else { row.name.clone() };
                let cells = columns
                    .iter()
                    .enumerate()
                    .map(|(column_index, column)| {
                        let position = CellPosition { row: row_index, column: column_index };
                        view! { <Cell grid=grid indicator=row.id.clone() period=column.period position=position /> }
                    })
                    .collect_view();
                let delete_id = row.id.clone();
                let delete = move |_| {
                    let confirmed = web_sys::window()
                        .and_then(|w| w.confirm_with_message(text(lang.get_untracked(), "indicators.confirm_delete")).ok())
                        .unwrap_or(false);
                    if confirmed {
                        let edit = state.dataset.with_untracked(|d| d.as_ref().map(|d| d.delete_indicator_edit(&delete_id)));
                        if let Some(edit) = edit {
                            if let Err(message) = state.dispatch(edit) {
                                state.error.set(Some(message));
                            }
                        }
                    }
                };
                view! {
                    <tr data-testid="indicator-row" data-indicator=row.id.to_string()>
                        <th class="row-name"><a href=format!("#/indicator/{}", row.id) tabindex="-1" data-testid="indicator-link">{name}</a></th>
                        <td class="unit">{row.unit.clone()}</td>
                        {cells}
                        // Reached by the mouse only: Tab and the arrows stay in the grid, and the
                        // deletion asks first and can be undone.
                        <td><button class="link danger" tabindex="-1" data-testid="delete-indicator" on:click=delete>{text(current_lang, "indicators.delete")}</button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="ledger" data-testid="ledger-table">
                <thead><tr>
                    <th>{text(current_lang, "table.indicator")}</th>
                    <th>{text(current_lang, "table.unit")}</th>
                    {header}
                    <th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };

    let paste_notice = move || {
        let current_lang = lang.get();
        grid.paste.get().map(|notice| match notice {
            PasteNotice::Done(count) => view! {
                <p class="notice" role="status" data-testid="paste-notice">
                    {Message::new("paste.done").with("count", count).render(current_lang)}
                </p>
            }
            .into_any(),
            PasteNotice::Refused(lines) => view! {
                <ul class="field-error" role="alert" data-testid="paste-notice">
                    {lines.into_iter().map(|line| view! { <li data-testid="paste-problem">{line}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
            PasteNotice::DoesNotFit(message) => view! {
                <p class="field-error" role="alert" data-testid="paste-notice">{message.render(current_lang)}</p>
            }
            .into_any(),
            PasteNotice::OfferColumns { message, periods, anchor, text: pasted } => {
                let names = periods.iter().map(|p| p.label(current_lang)).collect::<Vec<_>>().join(", ");
                view! {
                    <p class="notice" role="alert" data-testid="paste-notice">
                        {message.render(current_lang)}" "
                        <button data-testid="paste-add-columns" on:click=move |_| grid.paste(anchor, &pasted, true)>
                            {Message::new("paste.add_columns").with("periods", names.clone()).render(current_lang)}
                        </button>
                        " "
                        <button class="link" on:click=move |_| grid.paste.set(None)>{text(current_lang, "action.cancel")}</button>
                    </p>
                }
                .into_any()
            }
        })
    };

    view! {
        <section data-testid="indicators-page">
            <nav class="tabs">{tabs}</nav>
            <p class="muted">{move || text(lang.get(), "indicators.edit_hint")}</p>
            <form class="inline-form" data-testid="add-period" on:submit=move |ev| { ev.prevent_default(); add_period(); }>
                <input data-testid="new-period" placeholder=move || text(lang.get(), "indicators.period_placeholder")
                    prop:value=move || period_input.get() on:input=move |ev| period_input.set(event_target_value(&ev)) />
                <button type="submit" data-testid="new-period-submit">{move || text(lang.get(), "indicators.add_period")}</button>
                <FieldError error=period_error test_id="period-error" />
            </form>
            {paste_notice}
            // The table and its one edit box, which stays while the table is drawn anew.
            <div class="grid-scroll" data-grid="">
                {table}
                <GridEditor grid=grid />
            </div>
            {move || area_id.get().map(|area| view! { <AddIndicator area=area /> })}
        </section>
    }
}
