//! Entering figures into an area's table as in a spreadsheet: one typed cell, a block pasted
//! from Excel, WPS or a web table, and how the cursor moves between cells.
//!
//! Invariant: what a user typed or pasted becomes one [`Edit`] or a list of refusals, never a
//! partly applied change and never a figure the user did not write (a pasted row is several
//! cells, not one number glued together).

use crate::calc;
use crate::i18n::{Message, ToMessage};
use crate::model::{
    parse_amount_input, AmountError, Dataset, Edit, IdSource, Period, Record, RecordId, RecordKind,
    Value,
};
use std::collections::BTreeMap;

/// Why a typed or pasted figure was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    #[error(transparent)]
    Amount(#[from] AmountError),
    /// A unit that is not in the unit table (the page offers to add it).
    #[error("the unit {unit} is not in the unit table")]
    UnknownUnit { unit: String },
    /// A unit of another dimension than the indicator's (个 for an indicator in 亿元).
    #[error("the indicator's unit is {expected}; the figure says {unit}")]
    UnitMismatch { expected: String, unit: String },
    /// The indicator is gone (deleted in another tab, say).
    #[error("indicator {id} does not exist")]
    NoIndicator { id: String },
}

/// The edit a typed figure makes for one indicator and period: a new or changed value, the
/// deletion of an emptied one, or nothing (an empty cell left empty). A unit typed after the
/// number is converted exactly to the indicator's own ("2500000万元" in a 亿元 row is 250).
pub fn enter_figure(
    dataset: &Dataset,
    indicator: &RecordId,
    period: Period,
    input: &str,
    ids: &mut dyn IdSource,
) -> Result<Option<Edit>, EntryError> {
    let existing = dataset.value_at(indicator, &period);
    if input.trim().is_empty() {
        return Ok(existing.map(|value| Edit::Delete {
            kind: RecordKind::Value,
            id: value.id.clone(),
        }));
    }
    let typed = parse_amount_input(input)?;
    let indicator_record = dataset
        .indicator(indicator)
        .ok_or_else(|| EntryError::NoIndicator {
            id: indicator.to_string(),
        })?;
    let own_unit = dataset.unit(&indicator_record.unit);
    let mut amount = typed.amount;
    if let (Some(symbol), Some(own_unit)) = (&typed.unit, own_unit) {
        if symbol != &own_unit.symbol {
            let typed_unit =
                dataset
                    .unit_by_symbol(symbol)
                    .ok_or_else(|| EntryError::UnknownUnit {
                        unit: symbol.clone(),
                    })?;
            amount = calc::convert(amount, typed_unit, own_unit).ok_or_else(|| {
                EntryError::UnitMismatch {
                    expected: own_unit.symbol.clone(),
                    unit: symbol.clone(),
                }
            })?;
        }
    }
    let value = match existing {
        Some(value) if value.amount == amount && value.qualifier == typed.qualifier => {
            return Ok(None)
        }
        Some(value) => Value {
            amount,
            qualifier: typed.qualifier,
            ..value.clone()
        },
        None => Value {
            id: ids.next_id(),
            indicator: indicator.clone(),
            period,
            amount,
            qualifier: typed.qualifier,
            source: String::new(),
            scope_note: String::new(),
            note: String::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        },
    };
    Ok(Some(Edit::Put(Record::Value(value))))
}

/// Splits clipboard text into rows of cells the way spreadsheets write it: tabs between cells,
/// line breaks between rows (CRLF or LF), one trailing line break ignored, and a cell in
/// double quotes may hold tabs, line breaks and doubled quotes (Excel's quoting).
pub fn read_block(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let mut rows = vec![Vec::new()];
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_cell_start => {
                // A quoted cell: up to the closing quote, "" standing for one quote.
                while let Some(inner) = chars.next() {
                    if inner == '"' {
                        if chars.peek() == Some(&'"') {
                            chars.next();
                            cell.push('"');
                        } else {
                            break;
                        }
                    } else {
                        cell.push(inner);
                    }
                }
                at_cell_start = false;
            }
            '\t' => {
                if let Some(row) = rows.last_mut() {
                    row.push(std::mem::take(&mut cell));
                }
                at_cell_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                if let Some(row) = rows.last_mut() {
                    row.push(std::mem::take(&mut cell));
                }
                rows.push(Vec::new());
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if let Some(row) = rows.last_mut() {
        row.push(cell);
    }
    // Blank lines after the block (a web table's or an editor's copy ends with some) are not
    // rows of empty cells: they would clear the figures under them.
    while rows.len() > 1
        && rows
            .last()
            .is_some_and(|row| row.iter().all(|cell| cell.trim().is_empty()))
    {
        rows.pop();
    }
    rows
}

/// Whether clipboard text is more than one cell (a block to spread over the table).
pub fn is_block(text: &str) -> bool {
    let block = read_block(text);
    block.len() > 1 || block.first().is_some_and(|row| row.len() > 1)
}

/// A cell of the table: row (indicator) and column (period) indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellPosition {
    pub row: usize,
    pub column: usize,
}

/// A refused cell of a paste, named by where it is and what was in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub position: CellPosition,
    pub indicator: RecordId,
    pub period: Period,
    pub input: String,
    pub error: EntryError,
}

/// Why a paste stored nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasteError {
    /// The clipboard held no cells.
    Empty,
    /// Some cells were refused; every one is listed.
    Refused(Vec<CellProblem>),
    /// The block reaches past the table's last row or column. `columns_to_add` are the
    /// periods that would extend the table far enough to the right (the year, quarter or month
    /// series continued), when that is possible and the rows fit.
    DoesNotFit {
        rows_over: usize,
        columns_over: usize,
        cells_outside: usize,
        columns_to_add: Vec<Period>,
    },
}

/// What a paste will do: one edit (the added columns, if any, and every cell's figure) and
/// how many cells it fills or clears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastePlan {
    pub edit: Edit,
    pub cells: usize,
    pub added_columns: Vec<Period>,
}

/// The table a paste lands in: the area, its rows (indicators) and columns (periods) in order.
#[derive(Debug, Clone, Copy)]
pub struct TableLayout<'a> {
    pub area: &'a RecordId,
    pub rows: &'a [RecordId],
    pub columns: &'a [Period],
}

/// Plans a pasted block with its top-left cell at `anchor`: each cell is read like a typed
/// one (an empty cell clears its figure, as in a spreadsheet), and either every cell is
/// accepted and the whole block is one edit, or nothing is stored and every refused cell is
/// named. With `add_columns`, a block wider than the table adds the next periods of the
/// table's series as columns in the same edit.
pub fn plan_paste(
    dataset: &Dataset,
    table: TableLayout<'_>,
    anchor: CellPosition,
    block: &[Vec<String>],
    add_columns: bool,
    ids: &mut dyn IdSource,
) -> Result<PastePlan, PasteError> {
    let height = block.len();
    let width = block.iter().map(Vec::len).max().unwrap_or(0);
    if height == 0 || width == 0 {
        return Err(PasteError::Empty);
    }
    let rows_over = (anchor.row + height).saturating_sub(table.rows.len());
    let columns_over = (anchor.column + width).saturating_sub(table.columns.len());
    let mut columns: Vec<Period> = table.columns.to_vec();
    let mut added_columns = Vec::new();
    if rows_over > 0 || columns_over > 0 {
        let mut columns_to_add = Vec::new();
        let mut last = table.columns.last().copied();
        while columns_to_add.len() < columns_over {
            let Some(next) = last.and_then(|p| p.next_in_series()) else {
                columns_to_add.clear();
                break;
            };
            if !columns.contains(&next) {
                columns_to_add.push(next);
            }
            last = Some(next);
        }
        let fits_with_new_columns =
            rows_over == 0 && columns_to_add.len() == columns_over && add_columns;
        if !fits_with_new_columns {
            let cells_outside = block
                .iter()
                .enumerate()
                .map(|(r, row)| {
                    (0..row.len())
                        .filter(|c| {
                            anchor.row + r >= table.rows.len()
                                || anchor.column + c >= table.columns.len()
                        })
                        .count()
                })
                .sum();
            return Err(PasteError::DoesNotFit {
                rows_over,
                columns_over,
                cells_outside,
                columns_to_add: if rows_over == 0 {
                    columns_to_add
                } else {
                    Vec::new()
                },
            });
        }
        columns.extend(columns_to_add.iter().copied());
        added_columns = columns_to_add;
    }

    let mut edits = Vec::new();
    if !added_columns.is_empty() {
        if let Some(area) = dataset.area(table.area) {
            let mut widened = area.clone();
            for period in &added_columns {
                widened = widened.with_column(*period);
            }
            edits.push(Edit::Put(Record::Area(widened)));
        }
    }
    let mut problems = Vec::new();
    let mut cells = 0;
    for (r, row) in block.iter().enumerate() {
        for (c, input) in row.iter().enumerate() {
            let position = CellPosition {
                row: anchor.row + r,
                column: anchor.column + c,
            };
            let indicator = &table.rows[position.row];
            let period = columns[position.column];
            cells += 1;
            match enter_figure(dataset, indicator, period, input, ids) {
                Ok(Some(edit)) => edits.push(edit),
                Ok(None) => {}
                Err(error) => problems.push(CellProblem {
                    position,
                    indicator: indicator.clone(),
                    period,
                    input: input.trim().to_string(),
                    error,
                }),
            }
        }
    }
    if !problems.is_empty() {
        return Err(PasteError::Refused(problems));
    }
    Ok(PastePlan {
        edit: Edit::Batch(edits),
        cells,
        added_columns,
    })
}

/// A move of the table's cursor, as the keys of Excel and WPS make it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CursorMove {
    Up,
    Down,
    Left,
    Right,
    /// Tab: right, and at the row's end on to the next row's first cell.
    Next,
    /// Shift+Tab: left, and at the row's start back to the previous row's last cell.
    Previous,
    /// Home / End: the row's first or last cell.
    RowStart,
    RowEnd,
}

/// Where the cursor goes; it never leaves the table (a move past an edge stays put).
pub fn move_cursor(
    from: CellPosition,
    step: CursorMove,
    rows: usize,
    columns: usize,
) -> CellPosition {
    if rows == 0 || columns == 0 {
        return from;
    }
    let last_row = rows - 1;
    let last_column = columns - 1;
    let from = CellPosition {
        row: from.row.min(last_row),
        column: from.column.min(last_column),
    };
    let at = |row: usize, column: usize| CellPosition { row, column };
    match step {
        CursorMove::Up => at(from.row.saturating_sub(1), from.column),
        CursorMove::Down => at((from.row + 1).min(last_row), from.column),
        CursorMove::Left => at(from.row, from.column.saturating_sub(1)),
        CursorMove::Right => at(from.row, (from.column + 1).min(last_column)),
        CursorMove::Next if from.column < last_column => at(from.row, from.column + 1),
        CursorMove::Next if from.row < last_row => at(from.row + 1, 0),
        CursorMove::Next => from,
        CursorMove::Previous if from.column > 0 => at(from.row, from.column - 1),
        CursorMove::Previous if from.row > 0 => at(from.row - 1, last_column),
        CursorMove::Previous => from,
        CursorMove::RowStart => at(from.row, 0),
        CursorMove::RowEnd => at(from.row, last_column),
    }
}

impl ToMessage for EntryError {
    fn to_message(&self) -> Message {
        match self {
            EntryError::Amount(error) => error.to_message(),
            EntryError::UnknownUnit { unit } => {
                Message::new("amount.unknown_unit").with("unit", unit)
            }
            EntryError::UnitMismatch { expected, unit } => Message::new("amount.unit_mismatch")
                .with("expected", expected)
                .with("unit", unit),
            EntryError::NoIndicator { id } => Message::new("edit.not_found").with("id", id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spreadsheet_block_is_read_into_rows_and_cells() {
        assert_eq!(
            read_block("352\t370\t280.5\r\n12\t\t14\r\n"),
            vec![vec!["352", "370", "280.5"], vec!["12", "", "14"]]
        );
        assert_eq!(read_block("371"), vec![vec!["371"]]);
        // Blank lines after a block copied from a web page are not rows that clear figures.
        assert_eq!(
            read_block("352\t370\n12\t14\n\n\t\n"),
            vec![vec!["352", "370"], vec!["12", "14"]]
        );
        assert_eq!(
            read_block("\"a\tb\"\t\"say \"\"hi\"\"\"\n1"),
            vec![vec!["a\tb", "say \"hi\""], vec!["1"]]
        );
        assert!(is_block("1\t2"));
        assert!(is_block("1\n2"));
        assert!(!is_block("1,338.71\n"));
    }

    #[test]
    fn the_cursor_moves_like_excel_and_never_leaves_the_table() {
        let at = |row, column| CellPosition { row, column };
        assert_eq!(move_cursor(at(0, 0), CursorMove::Up, 3, 4), at(0, 0));
        assert_eq!(move_cursor(at(0, 0), CursorMove::Down, 3, 4), at(1, 0));
        assert_eq!(move_cursor(at(2, 0), CursorMove::Down, 3, 4), at(2, 0));
        assert_eq!(move_cursor(at(1, 3), CursorMove::Right, 3, 4), at(1, 3));
        assert_eq!(move_cursor(at(1, 3), CursorMove::Next, 3, 4), at(2, 0));
        assert_eq!(move_cursor(at(2, 3), CursorMove::Next, 3, 4), at(2, 3));
        assert_eq!(move_cursor(at(1, 0), CursorMove::Previous, 3, 4), at(0, 3));
        assert_eq!(move_cursor(at(0, 0), CursorMove::Previous, 3, 4), at(0, 0));
        assert_eq!(move_cursor(at(1, 2), CursorMove::RowStart, 3, 4), at(1, 0));
        assert_eq!(move_cursor(at(1, 2), CursorMove::RowEnd, 3, 4), at(1, 3));
        // A cursor left past the table after a row was deleted comes back inside.
        assert_eq!(move_cursor(at(9, 9), CursorMove::Left, 3, 4), at(2, 2));
    }
}
