//! Reading a workbook into the ledger: every sheet as its [`Layout`] says, into an incoming
//! ledger that reuses the ids of what this ledger already has (matched by natural key: a work
//! area by name, a unit by symbol, an indicator by area and name, a figure by indicator and
//! period, a project by code or else name, a report by project and month, a supervision item by
//! project, problem and date, a bulletin by date and title), so the merge preview shows what the
//! workbook adds and where it says otherwise than the ledger.
//!
//! Bureaus type workbooks by hand, so: numbers typed as text are read as typed ("约2980",
//! "1,338.71"), with a unit after them converted exactly; a row's unit may differ from the
//! indicator's (亿元 in a 万元 ledger) and is converted; 约/余 come from a column beside the
//! figure or the figure's own text; a formula's cached value is read; a unit merged down over
//! several rows is each row's; a 合计 / 小计 row is kept as a parts-of relation (其中) over the
//! rows it adds up, its figure the value of the area's total indicator, so 数据核对 checks the
//! sum. Anything that cannot be read — text in a number cell, a formula without a value, an
//! error value, a date where a figure belongs, an unknown unit, a figure twice with two
//! amounts, a figure merged down over several rows — is a [`SheetProblem`] at its sheet, row
//! and column, and a workbook with any problem changes nothing.

use super::layout::{Column, Layout, Role, SheetLayout};
use super::{cell_address, cell_text, number_amount, serial_date, words, Book, Cell, Sheet};
use crate::i18n::{Message, ToMessage};
use crate::model::record::{Area, Bulletin, ProgressReport, SupervisionItem, Unit, Value};
use crate::model::record::{Milestone, Target};
use crate::model::{
    parse_amount_input, parse_period, Amount, Dataset, Date, IdSource, Indicator, IndicatorKind,
    MilestoneStage, Period, Project, ProjectStatus, Qualifier, Record, RecordId, Relation,
    RelationKind, SupervisionStatus, ValueRef, YearMonth,
};
use std::collections::BTreeMap;

/// A figure cell read: its amount, the qualifier its text states, a unit typed after it.
type TypedFigure = (Amount, Option<Qualifier>, Option<String>);

/// One problem in a workbook, where a person finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetProblem {
    pub sheet: String,
    /// 0-based row and column.
    pub row: usize,
    pub col: Option<usize>,
    pub message: Message,
}

impl SheetProblem {
    /// "固定资产投资!C5" (or the row alone: "项目!7").
    pub fn place(&self) -> String {
        let sheet = if self.sheet.is_empty() {
            String::new()
        } else {
            format!("{}!", self.sheet)
        };
        match self.col {
            Some(col) => format!("{sheet}{}", cell_address(self.row, col)),
            None => format!("{sheet}{}", self.row + 1),
        }
    }

    /// The place and the message, in one line.
    pub fn render(&self, lang: crate::model::Lang) -> String {
        Message::new("sheet.problem_at")
            .with("place", self.place())
            .with_message("problem", self.message.clone())
            .render(lang)
    }
}

/// Reads a workbook as laid out: the incoming ledger (to be merged with `ours` through
/// `format::merge::overlay`), or every problem found.
pub fn read(
    book: &Book,
    layout: &Layout,
    ours: &Dataset,
    ids: &mut dyn IdSource,
) -> Result<Dataset, Vec<SheetProblem>> {
    let mut reader = Reader {
        ours,
        theirs: Dataset::new(ours.meta.clone()),
        ids,
        problems: Vec::new(),
        sheet: String::new(),
        from_sheet: BTreeMap::new(),
    };
    let order = [
        Role::Units,
        Role::Figures,
        Role::Indicators,
        Role::Sources,
        Role::Relations,
        Role::Projects,
        Role::Reports,
        Role::Supervision,
        Role::Bulletins,
    ];
    let mut read_any = false;
    for role in order {
        for sheet_layout in layout.sheets.iter().filter(|s| s.role == role) {
            let Some(sheet) = book.sheets.iter().find(|s| s.name == sheet_layout.sheet) else {
                reader.problems.push(SheetProblem {
                    sheet: sheet_layout.sheet.clone(),
                    row: 0,
                    col: None,
                    message: Message::new("sheet.no_such_sheet"),
                });
                continue;
            };
            read_any = true;
            reader.sheet = sheet.name.clone();
            match role {
                Role::Units => reader.units(sheet, sheet_layout),
                Role::Figures => reader.figures(sheet, sheet_layout),
                Role::Indicators => reader.indicators(sheet, sheet_layout),
                Role::Sources => reader.sources(sheet, sheet_layout),
                Role::Relations => reader.relations(sheet, sheet_layout),
                Role::Projects => reader.projects(sheet, sheet_layout),
                Role::Reports => reader.reports(sheet, sheet_layout),
                Role::Supervision => reader.supervision(sheet, sheet_layout),
                Role::Bulletins => reader.bulletins(sheet, sheet_layout),
                Role::Skip => {}
            }
        }
    }
    if !read_any && reader.problems.is_empty() {
        reader.problems.push(SheetProblem {
            sheet: String::new(),
            row: 0,
            col: None,
            message: Message::new("sheet.nothing_to_read"),
        });
    }
    if reader.problems.is_empty() {
        Ok(reader.theirs)
    } else {
        Err(reader.problems)
    }
}

struct Reader<'a> {
    ours: &'a Dataset,
    theirs: Dataset,
    ids: &'a mut dyn IdSource,
    problems: Vec<SheetProblem>,
    /// The sheet being read.
    sheet: String,
    /// Records this workbook stated, with where: a second statement of one must agree.
    from_sheet: BTreeMap<RecordId, (String, usize)>,
}

/// A row's cells by field key (non-figure sheets).
struct Row<'s> {
    sheet: &'s Sheet,
    row: usize,
    columns: BTreeMap<String, usize>,
}

impl Row<'_> {
    fn col(&self, key: &str) -> Option<usize> {
        self.columns.get(key).copied()
    }

    fn cell(&self, key: &str) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        match self.col(key) {
            Some(col) => self.sheet.cell(self.row, col),
            None => &EMPTY,
        }
    }

    fn text(&self, key: &str) -> String {
        cell_text(self.cell(key))
    }
}

fn field_columns(layout: &SheetLayout) -> BTreeMap<String, usize> {
    layout
        .columns
        .iter()
        .enumerate()
        .filter_map(|(col, c)| match c {
            Column::Field(key) => Some((key.clone(), col)),
            _ => None,
        })
        .collect()
}

/// Whether a row has nothing in it.
fn blank_row(sheet: &Sheet, row: usize) -> bool {
    sheet
        .rows
        .get(row)
        .is_none_or(|cells| cells.iter().all(Cell::is_empty))
}

/// A name that says the row adds up rows above it, and its level (小计 1, 合计 2).
fn total_level(name: &str) -> Option<u8> {
    let squashed: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    if squashed == "小计" {
        Some(1)
    } else if words::TOTAL_ROWS
        .iter()
        .any(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<String>() == squashed)
    {
        Some(2)
    } else {
        None
    }
}

/// The dimension and exact size of a unit this ledger does not have yet, when it is a common
/// one; else the symbol is its own dimension (it converts with nothing else).
fn unit_guess(symbol: &str) -> (String, Option<Amount>) {
    let money = |factor: &str| ("money".to_string(), Amount::from_canonical(factor).ok());
    match symbol {
        "元" => money("1"),
        "万元" => money("10000"),
        "亿元" => money("100000000"),
        "%" | "％" => ("percent".to_string(), None),
        "个" | "项" | "件" | "家" | "次" | "户" | "人" | "座" | "台" | "条" | "批" => {
            ("count".to_string(), None)
        }
        _ => (symbol.to_string(), None),
    }
}

impl Reader<'_> {
    fn problem(&mut self, row: usize, col: Option<usize>, message: Message) {
        self.problems.push(SheetProblem {
            sheet: self.sheet.clone(),
            row,
            col,
            message,
        });
    }

    fn put(&mut self, record: Record, row: usize, col: Option<usize>) -> bool {
        match self.theirs.insert_loaded(record) {
            Ok(()) => true,
            Err(error) => {
                self.problem(row, col, error.to_message());
                false
            }
        }
    }

    // --- references: reuse ours, else create ------------------------------------------------

    fn area(&mut self, name: &str) -> RecordId {
        if let Some(area) = self.theirs.areas().into_iter().find(|a| a.name == name) {
            return area.id.clone();
        }
        let area = match self.ours.areas().into_iter().find(|a| a.name == name) {
            Some(area) => area.clone(),
            None => {
                let order = self
                    .ours
                    .areas()
                    .iter()
                    .chain(self.theirs.areas().iter())
                    .map(|a| a.order)
                    .max()
                    .unwrap_or(0)
                    + 1;
                Area {
                    id: self.ids.next_id(),
                    name: name.to_string(),
                    name_en: String::new(),
                    order,
                    columns: Vec::new(),
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                }
            }
        };
        let id = area.id.clone();
        let _ = self.theirs.insert_loaded(Record::Area(area));
        id
    }

    fn unit(&mut self, symbol: &str) -> RecordId {
        if let Some(unit) = self.theirs.unit_by_symbol(symbol) {
            return unit.id.clone();
        }
        let unit = match self.ours.unit_by_symbol(symbol) {
            Some(unit) => unit.clone(),
            None => {
                let (dimension, factor) = unit_guess(symbol);
                Unit {
                    id: self.ids.next_id(),
                    symbol: symbol.to_string(),
                    name_en: String::new(),
                    dimension,
                    factor,
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                }
            }
        };
        let id = unit.id.clone();
        let _ = self.theirs.insert_loaded(Record::Unit(unit));
        id
    }

    /// The indicator of an area by name (ours, or new in the unit given).
    fn indicator(&mut self, area: &RecordId, name: &str, unit: &RecordId) -> RecordId {
        if let Some(found) = self
            .theirs
            .indicators_in(area)
            .into_iter()
            .find(|i| i.name == name)
        {
            return found.id.clone();
        }
        let indicator = match self
            .ours
            .indicators_in(area)
            .into_iter()
            .find(|i| i.name == name)
        {
            Some(found) => {
                // Its unit must be in the incoming ledger before it.
                if let Some(symbol) = self.ours.unit(&found.unit).map(|u| u.symbol.clone()) {
                    self.unit(&symbol);
                }
                found.clone()
            }
            None => {
                let order = self
                    .ours
                    .indicators_in(area)
                    .iter()
                    .chain(self.theirs.indicators_in(area).iter())
                    .map(|i| i.order)
                    .max()
                    .unwrap_or(0)
                    + 1;
                Indicator {
                    id: self.ids.next_id(),
                    area: area.clone(),
                    name: name.to_string(),
                    name_en: String::new(),
                    unit: unit.clone(),
                    kind: IndicatorKind::Flow,
                    description: String::new(),
                    scope_note: String::new(),
                    order,
                    targets: Vec::<Target>::new(),
                    counted: None,
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                }
            }
        };
        let id = indicator.id.clone();
        let _ = self.theirs.insert_loaded(Record::Indicator(indicator));
        id
    }

    /// Converts an amount in `from` (a unit symbol) to the indicator's unit.
    fn convert(
        &mut self,
        amount: Amount,
        from: &str,
        indicator: &RecordId,
    ) -> Result<Amount, Message> {
        let Some(own) = self
            .theirs
            .indicator(indicator)
            .and_then(|i| self.theirs.unit(&i.unit))
            .cloned()
        else {
            return Ok(amount);
        };
        if from.is_empty() || from == own.symbol {
            return Ok(amount);
        }
        let from_id = self.unit(from);
        let Some(from_unit) = self.theirs.unit(&from_id).cloned() else {
            return Ok(amount);
        };
        crate::calc::convert(amount, &from_unit, &own).ok_or_else(|| {
            Message::new("amount.unit_mismatch")
                .with("expected", &own.symbol)
                .with("unit", from)
        })
    }

    // --- reading cells -----------------------------------------------------------------------

    /// A figure cell: its amount, the qualifier its text states, and a unit typed after it.
    fn amount_of(cell: &Cell) -> Result<Option<TypedFigure>, Message> {
        match cell {
            Cell::Empty => Ok(None),
            Cell::Number(n) => number_amount(*n)
                .map(|a| Some((a, None, None)))
                .ok_or_else(|| Message::new("sheet.not_a_number").with("text", n)),
            Cell::Text(text) => {
                let trimmed = text.trim();
                if trimmed.is_empty() || matches!(trimmed, "-" | "—" | "/" | "无" | "——") {
                    return Ok(None);
                }
                let typed = parse_amount_input(trimmed).map_err(|e| {
                    Message::new("sheet.not_a_figure").with_message("reason", e.to_message())
                })?;
                let qualifier = (typed.qualifier != Qualifier::Exact).then_some(typed.qualifier);
                Ok(Some((typed.amount, qualifier, typed.unit)))
            }
            Cell::Formula(formula) => {
                Err(Message::new("sheet.formula_without_value").with("formula", formula))
            }
            Cell::Error(error) => Err(Message::new("sheet.error_value").with("error", error)),
            Cell::Date(_) | Cell::DateText(_) => {
                Err(Message::new("sheet.date_not_figure").with("text", cell_text(cell)))
            }
            Cell::Bool(b) => Err(Message::new("sheet.not_a_number").with("text", b)),
        }
    }

    fn date_of(cell: &Cell) -> Result<Option<Date>, Message> {
        match cell {
            Cell::Empty => Ok(None),
            Cell::Date(serial) | Cell::Number(serial) => serial_date(*serial)
                .map(Some)
                .ok_or_else(|| Message::new("sheet.not_a_date").with("text", cell_text(cell))),
            Cell::Text(_) | Cell::DateText(_) => {
                let text = cell_text(cell);
                if text.is_empty() {
                    return Ok(None);
                }
                read_date(&text)
                    .map(Some)
                    .ok_or_else(|| Message::new("sheet.not_a_date").with("text", text))
            }
            Cell::Formula(formula) => {
                Err(Message::new("sheet.formula_without_value").with("formula", formula))
            }
            Cell::Error(error) => Err(Message::new("sheet.error_value").with("error", error)),
            Cell::Bool(b) => Err(Message::new("sheet.not_a_date").with("text", b)),
        }
    }

    /// An amount in 万元 (a project's money), a unit typed after it converted.
    fn wan_yuan(&mut self, cell: &Cell, row: usize, col: Option<usize>) -> Option<Amount> {
        match Self::amount_of(cell) {
            Ok(None) => None,
            Ok(Some((amount, _, unit))) => {
                let typed = crate::model::AmountInput {
                    amount,
                    qualifier: Qualifier::Exact,
                    unit,
                };
                match crate::model::project::money_in_wan(&typed) {
                    Ok(wan) => Some(wan),
                    Err(other) => {
                        self.problem(
                            row,
                            col,
                            Message::new("amount.unit_mismatch")
                                .with("expected", "万元")
                                .with("unit", other),
                        );
                        None
                    }
                }
            }
            Err(message) => {
                self.problem(row, col, message);
                None
            }
        }
    }

    fn date(&mut self, cell: &Cell, row: usize, col: Option<usize>) -> Option<Date> {
        match Self::date_of(cell) {
            Ok(date) => date,
            Err(message) => {
                self.problem(row, col, message);
                None
            }
        }
    }

    // --- sheets ---------------------------------------------------------------------------

    fn rows<'s>(&self, sheet: &'s Sheet, layout: &SheetLayout) -> Vec<Row<'s>> {
        let columns = field_columns(layout);
        (layout.header_row + 1..sheet.rows.len())
            .filter(|row| !blank_row(sheet, *row))
            .map(|row| Row {
                sheet,
                row,
                columns: columns.clone(),
            })
            .collect()
    }

    fn units(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let symbol = row.text("symbol");
            if symbol.is_empty() {
                continue;
            }
            let id = self.unit(&symbol);
            let Some(mut unit) = self.theirs.unit(&id).cloned() else {
                continue;
            };
            let name_en = row.text("name_en");
            if !name_en.is_empty() {
                unit.name_en = name_en;
            }
            let dimension = row.text("dimension");
            if !dimension.is_empty() {
                unit.dimension = dimension;
            }
            let factor = row.text("factor");
            if !factor.is_empty() {
                match Amount::from_canonical(&factor) {
                    Ok(f) => unit.factor = Some(f),
                    Err(e) => {
                        self.problem(row.row, row.col("factor"), e.to_message());
                        continue;
                    }
                }
            }
            self.put(Record::Unit(unit), row.row, None);
        }
    }

    fn figures(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        let Some(name_col) = layout.columns.iter().position(|c| *c == Column::Name) else {
            self.problem(
                layout.header_row,
                None,
                Message::new("sheet.no_name_column"),
            );
            return;
        };
        let area_name = if layout.area.trim().is_empty() {
            sheet.name.clone()
        } else {
            layout.area.trim().to_string()
        };
        if area_name.is_empty() {
            self.problem(layout.header_row, None, Message::new("sheet.no_area"));
            return;
        }
        let area = self.area(&area_name);
        let unit_col = layout.columns.iter().position(|c| *c == Column::Unit);
        let note_col = layout.columns.iter().position(|c| *c == Column::Note);
        let periods: Vec<(usize, Period, Option<usize>)> = layout
            .columns
            .iter()
            .enumerate()
            .filter_map(|(col, c)| match c {
                Column::Period(code) => Period::from_code(code).ok().map(|p| {
                    let qualifier_col = layout
                        .columns
                        .iter()
                        .position(|q| *q == Column::Qualifier(code.clone()));
                    (col, p, qualifier_col)
                }),
                _ => None,
            })
            .collect();
        if periods.is_empty() {
            self.problem(layout.header_row, None, Message::new("sheet.no_periods"));
            return;
        }
        // Rows since the last total, for the relation a 合计/小计 row states.
        let mut block: Vec<RecordId> = Vec::new();
        let mut subtotals: Vec<RecordId> = Vec::new();
        let mut totals_seen = 0usize;
        for row in layout.header_row + 1..sheet.rows.len() {
            if blank_row(sheet, row) {
                continue;
            }
            let name = cell_text(sheet.cell(row, name_col));
            if name.is_empty() {
                if periods
                    .iter()
                    .any(|(col, _, _)| !sheet.cell(row, *col).is_empty())
                {
                    self.problem(row, Some(name_col), Message::new("sheet.no_name"));
                }
                continue;
            }
            // The row's unit: its unit column, a unit in brackets after the name, the sheet's.
            let mut row_name = name.clone();
            // A unit merged down over several rows (one "亿元" for a block) is each row's:
            // read as the cell shows, not as the file stores it (in the top row only), lest
            // the rows below fall back to the sheet's unit and be read in the wrong one.
            let mut symbol = unit_col
                .map(|c| super::layout::shown(sheet, row, c))
                .unwrap_or_default();
            if symbol.is_empty() {
                if let Some((bare, unit)) = unit_in_name(&name) {
                    row_name = bare;
                    symbol = unit;
                }
            }
            if symbol.is_empty() {
                symbol = layout.unit.trim().to_string();
            }
            let level = total_level(&row_name);
            if let Some(level) = level {
                totals_seen += 1;
                row_name = if level == 1 {
                    format!("{area_name}小计{}", subtotals.len() + 1)
                } else if totals_seen == 1 {
                    format!("{area_name}合计")
                } else {
                    format!("{area_name}合计{totals_seen}")
                };
            }
            if symbol.is_empty() {
                // A unit is needed for a new indicator; one we have keeps its own.
                let known = self
                    .ours
                    .indicators_in(&area)
                    .into_iter()
                    .chain(self.theirs.indicators_in(&area))
                    .find(|i| i.name == row_name)
                    .and_then(|i| self.ours.unit(&i.unit).or(self.theirs.unit(&i.unit)))
                    .map(|u| u.symbol.clone());
                match known {
                    Some(known) => symbol = known,
                    None => {
                        self.problem(
                            row,
                            unit_col.or(Some(name_col)),
                            Message::new("sheet.no_unit").with("name", &row_name),
                        );
                        continue;
                    }
                }
            }
            let unit = self.unit(&symbol);
            let indicator = self.indicator(&area, &row_name, &unit);
            // The row's order: its place in the sheet, for indicators new to the ledger.
            if self.ours.indicator(&indicator).is_none() {
                if let Some(mut ind) = self.theirs.indicator(&indicator).cloned() {
                    ind.order = row as i64;
                    if let Some(col) = note_col {
                        ind.description = cell_text(sheet.cell(row, col));
                    }
                    let _ = self.theirs.insert_loaded(Record::Indicator(ind));
                }
            } else if let Some(col) = note_col {
                let note = cell_text(sheet.cell(row, col));
                if !note.is_empty() {
                    if let Some(mut ind) = self.theirs.indicator(&indicator).cloned() {
                        ind.description = note;
                        let _ = self.theirs.insert_loaded(Record::Indicator(ind));
                    }
                }
            }
            let mut stated_periods = Vec::new();
            for (col, period, qualifier_col) in &periods {
                // A figure merged down over several rows states one amount for rows that are
                // different indicators: the file keeps it in the top row only, and reading it
                // there alone would leave the rows below silently without it.
                if let Some(range) = sheet.merge_at(row, *col) {
                    if range.last_row > range.first_row {
                        if range.first_row as usize == row {
                            self.problem(
                                row,
                                Some(*col),
                                Message::new("sheet.merged_figure")
                                    .with("rows", range.last_row - range.first_row + 1),
                            );
                        }
                        continue;
                    }
                }
                let cell = sheet.cell(row, *col);
                let read = match Self::amount_of(cell) {
                    Ok(read) => read,
                    Err(message) => {
                        self.problem(row, Some(*col), message);
                        continue;
                    }
                };
                let Some((amount, typed_qualifier, typed_unit)) = read else {
                    continue;
                };
                let from = typed_unit.unwrap_or_else(|| symbol.clone());
                let amount = match self.convert(amount, &from, &indicator) {
                    Ok(a) => a,
                    Err(message) => {
                        self.problem(row, Some(*col), message);
                        continue;
                    }
                };
                let qualifier = match qualifier_col {
                    Some(qcol) => match read_qualifier(&cell_text(sheet.cell(row, *qcol))) {
                        Some(q) => Some(typed_qualifier.unwrap_or(q)),
                        None => {
                            self.problem(
                                row,
                                Some(*qcol),
                                Message::new("sheet.bad_qualifier")
                                    .with("text", cell_text(sheet.cell(row, *qcol))),
                            );
                            continue;
                        }
                    },
                    None => typed_qualifier,
                };
                self.figure(&indicator, *period, amount, qualifier, row, *col);
                stated_periods.push(*period);
            }
            match level {
                None => block.push(indicator),
                Some(level) => {
                    let parts = if level == 2 && !subtotals.is_empty() {
                        std::mem::take(&mut subtotals)
                    } else {
                        std::mem::take(&mut block)
                    };
                    if level == 1 {
                        subtotals.push(indicator.clone());
                    } else {
                        block.clear();
                    }
                    for period in stated_periods {
                        self.parts_of(&indicator, &parts, period, row, &name);
                    }
                }
            }
        }
    }

    /// A figure: ours (by indicator and period) with the workbook's amount and qualifier, or new.
    fn figure(
        &mut self,
        indicator: &RecordId,
        period: Period,
        amount: Amount,
        qualifier: Option<Qualifier>,
        row: usize,
        col: usize,
    ) {
        if let Some(earlier) = self.theirs.value_at(indicator, &period) {
            if let Some((sheet, at)) = self.from_sheet.get(&earlier.id) {
                if earlier.amount != amount {
                    let message = Message::new("sheet.figure_twice")
                        .with("first", earlier.amount.canonical())
                        .with("place", format!("{sheet}!{}", at + 1));
                    self.problem(row, Some(col), message);
                }
                return;
            }
        }
        let value = match self.ours.value_at(indicator, &period) {
            Some(v) => Value {
                amount,
                qualifier: qualifier.unwrap_or(v.qualifier),
                ..v.clone()
            },
            None => Value {
                id: self.ids.next_id(),
                indicator: indicator.clone(),
                period,
                amount,
                qualifier: qualifier.unwrap_or_default(),
                source: String::new(),
                scope_note: String::new(),
                note: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            },
        };
        let id = value.id.clone();
        if self.put(Record::Value(value), row, Some(col)) {
            self.from_sheet.insert(id, (self.sheet.clone(), row));
        }
    }

    /// The relation a total row states: its figure is the sum of the rows it closes.
    fn parts_of(
        &mut self,
        total: &RecordId,
        parts: &[RecordId],
        period: Period,
        row: usize,
        name: &str,
    ) {
        let base: Vec<ValueRef> = parts
            .iter()
            .filter(|p| self.theirs.value_at(p, &period).is_some())
            .map(|p| ValueRef {
                indicator: p.clone(),
                period,
            })
            .collect();
        if base.is_empty() {
            return;
        }
        let subject = ValueRef {
            indicator: total.clone(),
            period,
        };
        let exists = self
            .ours
            .relations()
            .any(|r| r.kind == RelationKind::PartsOf && r.subject == subject && r.base == base);
        if exists {
            return;
        }
        let relation = Relation {
            id: self.ids.next_id(),
            kind: RelationKind::PartsOf,
            subject,
            base,
            stated: None,
            complete: true,
            qualifier: Qualifier::Exact,
            source: format!("{}!{}{}", self.sheet, row + 1, format_args!(" {name}")),
            note: String::new(),
            stamps: BTreeMap::new(),
            updated_by: String::new(),
        };
        self.put(Record::Relation(relation), row, None);
    }

    /// The indicator a particulars row names (area, name, unit), created when new.
    /// The indicator and period a row of 数据来源 or 核对关系 names, each refused at its cell.
    fn named_figure(&mut self, row: &Row) -> Option<(RecordId, Period)> {
        let indicator = self.named_indicator(row)?;
        match parse_period(&row.text("period"), self.ours.meta.document_date) {
            Ok(period) => Some((indicator, period)),
            Err(e) => {
                self.problem(row.row, row.col("period"), e.to_message());
                None
            }
        }
    }

    fn named_indicator(&mut self, row: &Row) -> Option<RecordId> {
        let area_name = row.text("area");
        let name = row.text("name");
        if area_name.is_empty() || name.is_empty() {
            let col = if area_name.is_empty() {
                row.col("area")
            } else {
                row.col("name")
            };
            self.problem(row.row, col, Message::new("sheet.no_name"));
            return None;
        }
        let area = self.area(&area_name);
        let symbol = row.text("unit");
        let existing = self
            .theirs
            .indicators_in(&area)
            .into_iter()
            .find(|i| i.name == name)
            .map(|i| i.id.clone());
        if let Some(id) = existing {
            return Some(id);
        }
        let known = self
            .ours
            .indicators_in(&area)
            .into_iter()
            .any(|i| i.name == name);
        if symbol.is_empty() && !known {
            self.problem(
                row.row,
                row.col("unit"),
                Message::new("sheet.no_unit").with("name", &name),
            );
            return None;
        }
        let symbol = if symbol.is_empty() {
            self.ours
                .indicators_in(&area)
                .into_iter()
                .find(|i| i.name == name)
                .and_then(|i| self.ours.unit(&i.unit))
                .map(|u| u.symbol.clone())
                .unwrap_or_default()
        } else {
            symbol
        };
        let unit = self.unit(&symbol);
        Some(self.indicator(&area, &name, &unit))
    }

    fn indicators(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let Some(id) = self.named_indicator(&row) else {
                continue;
            };
            let Some(mut indicator) = self.theirs.indicator(&id).cloned() else {
                continue;
            };
            let kind = row.text("kind");
            if !kind.is_empty() {
                match words::KIND_LABELS
                    .iter()
                    .find(|(code, label)| *label == kind || *code == kind)
                    .and_then(|(code, _)| IndicatorKind::from_code(code))
                {
                    Some(k) => indicator.kind = k,
                    None => {
                        self.problem(
                            row.row,
                            row.col("kind"),
                            Message::new("sheet.bad_kind").with("text", kind),
                        );
                        continue;
                    }
                }
            }
            for (key, field) in [
                ("name_en", &mut indicator.name_en),
                ("description", &mut indicator.description),
                ("scope_note", &mut indicator.scope_note),
            ] {
                let text = row.text(key);
                if !text.is_empty() {
                    *field = text;
                }
            }
            if !self.targets(&row, &mut indicator) {
                continue;
            }
            self.put(Record::Indicator(indicator.clone()), row.row, None);
            let area_en = row.text("area_en");
            if !area_en.is_empty() {
                if let Some(mut area) = self.theirs.area(&indicator.area).cloned() {
                    area.name_en = area_en;
                    let _ = self.theirs.insert_loaded(Record::Area(area));
                }
            }
        }
    }

    /// The targets a particulars row states ("2016年目标" and "2016年目标说明" columns), in the
    /// indicator's unit; false when one cannot be read (reported).
    fn targets(&mut self, row: &Row, indicator: &mut Indicator) -> bool {
        let before = self.problems.len();
        let periods: Vec<(Period, usize)> = row
            .columns
            .iter()
            .filter_map(|(key, col)| {
                let code = key.strip_prefix("target:")?;
                Some((Period::from_code(code).ok()?, *col))
            })
            .collect();
        for (period, col) in periods {
            let note = row.text(&format!("target_note:{}", period.code()));
            let amount = match Self::amount_of(row.sheet.cell(row.row, col)) {
                Ok(Some((amount, _, unit))) => {
                    match self.convert(amount, unit.as_deref().unwrap_or(""), &indicator.id) {
                        Ok(amount) => amount,
                        Err(message) => {
                            self.problem(row.row, Some(col), message);
                            continue;
                        }
                    }
                }
                Ok(None) => continue,
                Err(message) => {
                    self.problem(row.row, Some(col), message);
                    continue;
                }
            };
            indicator.targets.retain(|t| t.period != period);
            indicator.targets.push(Target {
                period,
                amount,
                note,
            });
        }
        crate::sorting::sort_by_key(&mut indicator.targets, |t| t.period);
        self.problems.len() == before
    }

    /// A figure a relation names ("工作领域 · 指标 · 时期", or "指标 · 时期" in the subject's
    /// area): an indicator of this workbook or the ledger, which must exist.
    fn figure_named(&mut self, text: &str, own_area: &RecordId) -> Result<ValueRef, Message> {
        let today = self.ours.meta.document_date;
        let parts: Vec<&str> = text.split('·').map(str::trim).collect();
        let (area, name, period) = match parts.as_slice() {
            [name, period] => (own_area.clone(), name.to_string(), *period),
            [area, middle @ .., period] if !middle.is_empty() => {
                (self.area(area), middle.join("·"), *period)
            }
            _ => return Err(Message::new("sheet.bad_figure_reference").with("text", text)),
        };
        let period = parse_period(period, today).map_err(|e| e.to_message())?;
        let found = self
            .theirs
            .indicators_in(&area)
            .into_iter()
            .chain(self.ours.indicators_in(&area))
            .find(|i| i.name == name)
            .map(|i| i.id.clone());
        let Some(indicator) = found else {
            return Err(Message::new("sheet.no_such_indicator").with("name", &name));
        };
        if self.theirs.indicator(&indicator).is_none() {
            if let Some(symbol) = self
                .ours
                .indicator(&indicator)
                .and_then(|i| self.ours.unit(&i.unit))
                .map(|u| u.symbol.clone())
            {
                let unit = self.unit(&symbol);
                self.indicator(&area, &name, &unit);
            }
        }
        Ok(ValueRef { indicator, period })
    }

    /// The relations a 核对关系 sheet lists: ours when the kind and the figures are the same
    /// (with the sheet's stated figure, sentence and note), else new.
    fn relations(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let before = self.problems.len();
            let Some((indicator, period)) = self.named_figure(&row) else {
                continue;
            };
            let kind_text = row.text("relation_kind");
            let Some(kind) = words::RELATION_LABELS
                .iter()
                .find(|(code, label)| *label == kind_text || *code == kind_text)
                .and_then(|(code, _)| RelationKind::from_code(code))
            else {
                self.problem(
                    row.row,
                    row.col("relation_kind"),
                    Message::new("sheet.bad_relation_kind").with("text", &kind_text),
                );
                continue;
            };
            let Some(own_area) = self.theirs.indicator(&indicator).map(|i| i.area.clone()) else {
                continue;
            };
            let mut base = Vec::new();
            for line in row.text("base").lines().map(str::trim) {
                if line.is_empty() {
                    continue;
                }
                match self.figure_named(line, &own_area) {
                    Ok(reference) => base.push(reference),
                    Err(message) => self.problem(row.row, row.col("base"), message),
                }
            }
            let stated = match Self::amount_of(row.cell("stated")) {
                Ok(read) => read.map(|(amount, _, _)| amount),
                Err(message) => {
                    self.problem(row.row, row.col("stated"), message);
                    None
                }
            };
            let qualifier = match read_qualifier(&row.text("qualifier")) {
                Some(q) => q,
                None => {
                    self.problem(
                        row.row,
                        row.col("qualifier"),
                        Message::new("sheet.bad_qualifier").with("text", row.text("qualifier")),
                    );
                    Qualifier::Exact
                }
            };
            let complete_text = row.text("complete");
            let complete = if words::is(&complete_text, words::YES) {
                true
            } else if words::is(&complete_text, words::NO) {
                false
            } else {
                self.problem(
                    row.row,
                    row.col("complete"),
                    Message::new("sheet.not_yes_or_no").with("text", &complete_text),
                );
                false
            };
            if self.problems.len() > before {
                continue;
            }
            let subject = ValueRef { indicator, period };
            let same = |r: &&Relation| r.kind == kind && r.subject == subject && r.base == base;
            let existing = self
                .theirs
                .relations()
                .find(same)
                .or_else(|| self.ours.relations().find(same))
                .cloned();
            let relation = Relation {
                stated,
                complete,
                qualifier,
                source: row.text("source"),
                note: row.text("note"),
                ..existing.unwrap_or_else(|| Relation {
                    id: self.ids.next_id(),
                    kind,
                    subject,
                    base,
                    stated: None,
                    complete: false,
                    qualifier: Qualifier::Exact,
                    source: String::new(),
                    note: String::new(),
                    stamps: BTreeMap::new(),
                    updated_by: String::new(),
                })
            };
            self.put_at_field(Record::Relation(relation), &row, None);
        }
    }

    fn sources(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let Some((id, period)) = self.named_figure(&row) else {
                continue;
            };
            let value = self
                .theirs
                .value_at(&id, &period)
                .or_else(|| self.ours.value_at(&id, &period))
                .cloned();
            let Some(mut value) = value else {
                self.problem(
                    row.row,
                    row.col("period"),
                    Message::new("sheet.no_such_figure")
                        .with("period", period.label(crate::model::Lang::Zh)),
                );
                continue;
            };
            for (key, field) in [
                ("source", &mut value.source),
                ("scope_note", &mut value.scope_note),
                ("note", &mut value.note),
            ] {
                let text = row.text(key);
                if !text.is_empty() {
                    *field = text;
                }
            }
            self.put(Record::Value(value), row.row, None);
        }
    }

    /// The project a row names by code, else by name: in this workbook, then in ours.
    fn find_project(&self, code: &str, name: &str) -> Option<RecordId> {
        let by_code = |d: &Dataset| {
            (!code.is_empty())
                .then(|| d.project_by_code(code).map(|p| p.id.clone()))
                .flatten()
        };
        let by_name = |d: &Dataset| {
            (!name.is_empty())
                .then(|| {
                    d.projects()
                        .find(|p| p.name == name && (code.is_empty() || p.code.is_empty()))
                        .map(|p| p.id.clone())
                })
                .flatten()
        };
        by_code(&self.theirs)
            .or_else(|| by_code(self.ours))
            .or_else(|| by_name(&self.theirs))
            .or_else(|| by_name(self.ours))
    }

    fn projects(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        let plan_years: Vec<(i32, usize)> = layout
            .columns
            .iter()
            .enumerate()
            .filter_map(|(col, c)| match c {
                Column::Field(key) => key
                    .strip_prefix("plan:")
                    .and_then(|y| y.parse().ok())
                    .map(|y| (y, col)),
                _ => None,
            })
            .collect();
        if !layout.columns.contains(&Column::Field("name".into())) {
            self.problem(
                layout.header_row,
                None,
                Message::new("sheet.no_name_column"),
            );
            return;
        }
        for row in self.rows(sheet, layout) {
            let name = row.text("name");
            let code = row.text("code");
            if name.is_empty() {
                self.problem(row.row, row.col("name"), Message::new("sheet.no_name"));
                continue;
            }
            if total_level(&name).is_some() {
                continue;
            }
            let before = self.problems.len();
            let mut project = match self.find_project(&code, &name) {
                Some(id) => self
                    .theirs
                    .project(&id)
                    .or_else(|| self.ours.project(&id))
                    .cloned()
                    .unwrap_or_default(),
                None => Project {
                    id: self.ids.next_id(),
                    ..Project::default()
                },
            };
            if self.from_sheet.contains_key(&project.id) {
                self.problem(
                    row.row,
                    row.col("name"),
                    Message::new("sheet.project_twice").with("name", &name),
                );
                continue;
            }
            project.name = name.clone();
            for (key, field) in [
                ("code", &mut project.code),
                ("class", &mut project.class),
                ("level", &mut project.level),
                ("owner", &mut project.owner),
                ("street", &mut project.street),
                ("section", &mut project.section),
                ("entered_by", &mut project.entered_by),
                ("note", &mut project.note),
            ] {
                let text = row.text(key);
                if !text.is_empty() {
                    *field = text;
                }
            }
            let status = row.text("status");
            if !status.is_empty() {
                match ProjectStatus::ALL
                    .into_iter()
                    .find(|s| s.label_zh() == status || s.code() == status)
                {
                    Some(s) => project.status = Some(s),
                    None => self.problem(
                        row.row,
                        row.col("status"),
                        Message::new("sheet.bad_status").with("text", &status),
                    ),
                }
            }
            if let Some(total) = self.wan_yuan(
                row.cell("total_investment"),
                row.row,
                row.col("total_investment"),
            ) {
                project.total_investment = Some(total);
            }
            for (key, field) in [
                ("start", &mut project.start),
                ("planned_completion", &mut project.planned_completion),
                ("completed_on", &mut project.completed_on),
            ] {
                if let Some(date) = self.date(row.cell(key), row.row, row.col(key)) {
                    *field = Some(date);
                }
            }
            match Self::amount_of(row.cell("subprojects")) {
                Ok(Some((n, _, _))) => match u32::try_from(n.0.trunc().mantissa())
                    .ok()
                    .filter(|_| n.0.fract().is_zero())
                {
                    Some(n) => project.subprojects = Some(n),
                    None => self.problem(
                        row.row,
                        row.col("subprojects"),
                        Message::new("sheet.not_a_count").with("text", n),
                    ),
                },
                Ok(None) => {}
                Err(m) => self.problem(row.row, row.col("subprojects"), m),
            }
            let longitude = Self::amount_of(row.cell("longitude"));
            let latitude = Self::amount_of(row.cell("latitude"));
            match (longitude, latitude) {
                (Ok(Some((lon, _, _))), Ok(Some((lat, _, _)))) => {
                    project.location = Some((lon, lat))
                }
                (Ok(None), Ok(None)) => {}
                (Err(m), _) => self.problem(row.row, row.col("longitude"), m),
                (_, Err(m)) => self.problem(row.row, row.col("latitude"), m),
                (Ok(None), _) => self.problem(
                    row.row,
                    row.col("longitude"),
                    Message::new("sheet.half_location"),
                ),
                (_, Ok(None)) => self.problem(
                    row.row,
                    row.col("latitude"),
                    Message::new("sheet.half_location"),
                ),
            }
            for stage in MilestoneStage::ALL {
                let key = format!("milestone:{}", stage.code());
                if let Some(date) = self.date(row.cell(&key), row.row, row.col(&key)) {
                    project.milestones.retain(|m| m.stage != stage);
                    project.milestones.push(Milestone { stage, date });
                }
            }
            crate::sorting::sort_by_key(&mut project.milestones, |m| m.stage);
            for (year, col) in &plan_years {
                if let Some(plan) = self.wan_yuan(sheet.cell(row.row, *col), row.row, Some(*col)) {
                    project.annual_plans.retain(|(y, _)| y != year);
                    project.annual_plans.push((*year, plan));
                }
            }
            crate::sorting::sort_by_key(&mut project.annual_plans, |(y, _)| *y);
            let tags = row.text("tags");
            if !tags.is_empty() {
                project.tags = split_list(&tags);
            }
            if self.problems.len() > before {
                continue;
            }
            let id = project.id.clone();
            let col = None;
            if self.put_at_field(Record::Project(project), &row, col) {
                self.from_sheet.insert(id, (self.sheet.clone(), row.row));
            }
        }
    }

    /// Puts a record, reporting a refusal at the column of the field the model names.
    fn put_at_field(&mut self, record: Record, row: &Row, col: Option<usize>) -> bool {
        match self.theirs.insert_loaded(record) {
            Ok(()) => true,
            Err(error) => {
                let col = error.field().and_then(|f| row.col(f)).or(col);
                self.problem(row.row, col, error.to_message());
                false
            }
        }
    }

    /// The project a report, item or bulletin names, which must exist.
    fn named_project(&mut self, row: &Row) -> Option<RecordId> {
        let name = row.text("project");
        let code = row.text("code");
        match self.find_project(&code, &name) {
            Some(id) => {
                if self.theirs.project(&id).is_none() {
                    if let Some(project) = self.ours.project(&id).cloned() {
                        let _ = self.theirs.insert_loaded(Record::Project(project));
                    }
                }
                Some(id)
            }
            None => {
                self.problem(
                    row.row,
                    row.col("project").or(row.col("code")),
                    Message::new("sheet.no_such_project")
                        .with("name", if name.is_empty() { code } else { name }),
                );
                None
            }
        }
    }

    fn reports(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        let today = self.ours.meta.document_date;
        for row in self.rows(sheet, layout) {
            let Some(project) = self.named_project(&row) else {
                continue;
            };
            let month = match row.cell("month") {
                Cell::Date(serial) => serial_date(*serial).map(|d| YearMonth {
                    year: d.year,
                    month: d.month,
                }),
                cell => match parse_period(&cell_text(cell), today) {
                    Ok(Period::Month { year, month }) => Some(YearMonth { year, month }),
                    _ => None,
                },
            };
            let Some(month) = month else {
                self.problem(
                    row.row,
                    row.col("month"),
                    Message::new("sheet.not_a_month").with("text", row.text("month")),
                );
                continue;
            };
            let before = self.problems.len();
            let existing = self
                .ours
                .reports_of(&project)
                .into_iter()
                .find(|r| r.month == month)
                .cloned();
            let mut report = existing.unwrap_or_else(|| ProgressReport {
                id: self.ids.next_id(),
                project: project.clone(),
                month,
                invested_month: None,
                invested_cumulative: None,
                progress: String::new(),
                problems: String::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            });
            if let Some(a) = self.wan_yuan(
                row.cell("invested_month"),
                row.row,
                row.col("invested_month"),
            ) {
                report.invested_month = Some(a);
            }
            if let Some(a) = self.wan_yuan(
                row.cell("invested_cumulative"),
                row.row,
                row.col("invested_cumulative"),
            ) {
                report.invested_cumulative = Some(a);
            }
            for (key, field) in [
                ("progress", &mut report.progress),
                ("problems", &mut report.problems),
            ] {
                let text = row.text(key);
                if !text.is_empty() {
                    *field = text;
                }
            }
            if self.problems.len() > before {
                continue;
            }
            if self.from_sheet.contains_key(&report.id) {
                self.problem(
                    row.row,
                    row.col("month"),
                    Message::new("sheet.report_twice"),
                );
                continue;
            }
            let id = report.id.clone();
            if self.put_at_field(Record::Report(report), &row, None) {
                self.from_sheet.insert(id, (self.sheet.clone(), row.row));
            }
        }
    }

    fn supervision(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let Some(project) = self.named_project(&row) else {
                continue;
            };
            let problem = row.text("problem");
            let before = self.problems.len();
            let Some(raised) = self.date(row.cell("raised"), row.row, row.col("raised")) else {
                if self.problems.len() == before {
                    self.problem(row.row, row.col("raised"), Message::new("sheet.no_date"));
                }
                continue;
            };
            let existing = self
                .ours
                .supervision_items()
                .find(|s| s.project == project && s.problem == problem && s.raised == raised)
                .cloned();
            let mut item = existing.unwrap_or_else(|| SupervisionItem {
                id: self.ids.next_id(),
                project: project.clone(),
                problem: problem.clone(),
                responsible: String::new(),
                raised,
                deadline: None,
                status: SupervisionStatus::Open,
                rectification: String::new(),
                meeting: None,
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            });
            if let Some(deadline) = self.date(row.cell("deadline"), row.row, row.col("deadline")) {
                item.deadline = Some(deadline);
            }
            let status = row.text("status");
            if !status.is_empty() {
                match words::SUPERVISION_LABELS
                    .iter()
                    .find(|(code, label)| *label == status || *code == status)
                    .and_then(|(code, _)| SupervisionStatus::from_code(code))
                {
                    Some(s) => item.status = s,
                    None => self.problem(
                        row.row,
                        row.col("status"),
                        Message::new("sheet.bad_status").with("text", &status),
                    ),
                }
            }
            for (key, field) in [
                ("responsible", &mut item.responsible),
                ("rectification", &mut item.rectification),
            ] {
                let text = row.text(key);
                if !text.is_empty() {
                    *field = text;
                }
            }
            if self.problems.len() > before {
                continue;
            }
            self.put_at_field(Record::Supervision(item), &row, None);
        }
    }

    fn bulletins(&mut self, sheet: &Sheet, layout: &SheetLayout) {
        for row in self.rows(sheet, layout) {
            let title = row.text("title");
            let before = self.problems.len();
            let Some(date) = self.date(row.cell("date"), row.row, row.col("date")) else {
                if self.problems.len() == before {
                    self.problem(row.row, row.col("date"), Message::new("sheet.no_date"));
                }
                continue;
            };
            let mut projects = Vec::new();
            for name in split_list(&row.text("projects")) {
                match self.find_project("", &name) {
                    Some(id) => {
                        if self.theirs.project(&id).is_none() {
                            if let Some(project) = self.ours.project(&id).cloned() {
                                let _ = self.theirs.insert_loaded(Record::Project(project));
                            }
                        }
                        projects.push(id);
                    }
                    None => self.problem(
                        row.row,
                        row.col("projects"),
                        Message::new("sheet.no_such_project").with("name", &name),
                    ),
                }
            }
            if self.problems.len() > before {
                continue;
            }
            let existing = self
                .ours
                .bulletins()
                .find(|b| b.date == date && b.title == title)
                .cloned();
            let mut bulletin = existing.unwrap_or_else(|| Bulletin {
                id: self.ids.next_id(),
                date,
                title: title.clone(),
                body: String::new(),
                projects: Vec::new(),
                stamps: BTreeMap::new(),
                updated_by: String::new(),
            });
            let body = row.text("body");
            if !body.is_empty() {
                bulletin.body = body;
            }
            if !projects.is_empty() {
                bulletin.projects = projects;
            }
            self.put_at_field(Record::Bulletin(bulletin), &row, None);
        }
    }
}

/// 约/余 (and their synonyms) beside a figure; an empty cell is an exact figure.
fn read_qualifier(text: &str) -> Option<Qualifier> {
    match text.trim() {
        "" => Some(Qualifier::Exact),
        "约" | "大约" | "近" | "接近" | "约数" | "~" | "≈" => Some(Qualifier::About),
        "余" | "多" | "超" | "以上" | "逾" | "余数" => Some(Qualifier::AtLeast),
        _ => None,
    }
}

/// "固定资产投资(亿元)" → ("固定资产投资", "亿元").
fn unit_in_name(name: &str) -> Option<(String, String)> {
    let name = name.trim();
    let (open, close) = if name.ends_with(')') {
        ('(', ')')
    } else if name.ends_with('）') {
        ('（', '）')
    } else {
        return None;
    };
    let start = name.rfind(open)?;
    let unit = name[start + open.len_utf8()..name.len() - close.len_utf8()].trim();
    let unit = unit
        .strip_prefix("单位:")
        .or_else(|| unit.strip_prefix("单位："))
        .unwrap_or(unit);
    let looks_like_unit =
        !unit.is_empty() && unit.chars().count() <= 4 && !unit.chars().any(|c| c.is_ascii_digit());
    looks_like_unit.then(|| (name[..start].trim().to_string(), unit.to_string()))
}

/// A list typed in one cell: "a、b, c;d".
fn split_list(text: &str) -> Vec<String> {
    text.split(['、', ',', '，', ';', '；', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// A date as people type it: 2016-10-31, 2016/10/31, 2016.10.31, 2016年10月31日.
pub fn read_date(text: &str) -> Option<Date> {
    let digits: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    match digits.as_slice() {
        [y, m, d] if *y >= 1900 => Date::new(*y as i32, *m, *d).ok(),
        [ymd] if *ymd >= 19_000_101 => {
            Date::new((ymd / 10_000) as i32, ymd / 100 % 100, ymd % 100).ok()
        }
        _ => None,
    }
}
