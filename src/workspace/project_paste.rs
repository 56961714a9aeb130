//! Rows of projects pasted from Excel or WPS into the project list: read like a 项目 sheet (a
//! first row of headings names the columns; without one, the columns are the list's own:
//! 项目名称, 类别, 级别, 建设状态, 所属街道, 总投资(万元)), with the same checks as the project
//! form and a workbook (`sheet::import`), and stored as one undoable edit. A pasted row names an
//! existing project by code, else by name, and sets what it gives (like typing over the
//! form); a row naming none adds a project. With any problem nothing is stored and every
//! problem is named by its row and column in the pasted block.

use super::entry::read_block;
use crate::format::merge::{overlay, put_edit, Resolution};
use crate::i18n::Message;
use crate::model::{Dataset, Edit, IdSource, RecordKind};
use crate::sheet::import::SheetProblem;
use crate::sheet::layout::{self, Role};
use crate::sheet::{words, Book, Cell, Sheet};

/// The columns of rows pasted without headings: the project list's, left to right.
pub const LIST_COLUMNS: [&str; 6] = [
    words::PROJECT[0],
    words::CLASS[0],
    words::LEVEL[0],
    words::STATUS[0],
    words::STREET[0],
    words::TOTAL[0],
];

/// What a paste of project rows does.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectPaste {
    pub edit: Edit,
    pub added: usize,
    pub changed: usize,
}

/// Plans pasted project rows: one edit, or every problem (its `row` and `col` counted in the
/// pasted block from 0, headings included when pasted).
pub fn plan_project_paste(
    dataset: &Dataset,
    text: &str,
    ids: &mut dyn IdSource,
) -> Result<ProjectPaste, Vec<SheetProblem>> {
    let mut rows = read_block(text);
    rows.retain(|row| row.iter().any(|c| !c.trim().is_empty()));
    if rows.is_empty() {
        return Err(vec![SheetProblem {
            sheet: String::new(),
            row: 0,
            col: None,
            message: Message::new("paste.projects_empty"),
        }]);
    }
    let named = rows[0]
        .iter()
        .filter(|h| layout::field_of(Role::Projects, h).is_some())
        .count();
    let with_headings = named >= 2;
    if !with_headings {
        rows.insert(0, LIST_COLUMNS.iter().map(|s| s.to_string()).collect());
    }
    let sheet = Sheet {
        name: String::new(),
        rows: rows
            .into_iter()
            .map(|row| row.into_iter().map(Cell::Text).collect())
            .collect(),
        merged: Vec::new(),
        hidden: false,
    };
    let today = dataset.meta.document_date;
    let sheet_layout = layout::SheetLayout {
        sheet: String::new(),
        role: Role::Projects,
        header_row: 0,
        area: String::new(),
        unit: String::new(),
        columns: layout::guess_columns(&sheet, Role::Projects, 0, today),
    };
    let book = Book {
        format: "paste".into(),
        encoding: None,
        sheets: vec![sheet],
    };
    let layout = layout::Layout {
        sheets: vec![sheet_layout],
    };
    let shift = |mut problems: Vec<SheetProblem>| {
        if !with_headings {
            for p in &mut problems {
                p.row = p.row.saturating_sub(1);
            }
        }
        problems
    };
    let theirs = crate::sheet::import::read(&book, &layout, dataset, ids).map_err(shift)?;
    let plan = overlay(dataset, &theirs);
    let report = plan
        .report
        .get(&RecordKind::Project)
        .cloned()
        .unwrap_or_default();
    // Pasting over a project is setting what the row gives, as typing in the form would.
    let merged = plan.resolve(&vec![Resolution::TakeTheirs; plan.conflicts.len()]);
    if let Some((_, _, error)) = merged.rejected.first() {
        use crate::i18n::ToMessage;
        return Err(vec![SheetProblem {
            sheet: String::new(),
            row: 0,
            col: None,
            message: error.to_message(),
        }]);
    }
    Ok(ProjectPaste {
        edit: put_edit(dataset, &merged.dataset),
        added: report.created,
        changed: report.updated + report.conflicting,
    })
}

/// Where a problem of a paste is, for people: "第2行第3列" / "row 2, column 3".
pub fn paste_place(problem: &SheetProblem) -> Message {
    match problem.col {
        Some(col) => Message::new("paste.at_cell")
            .with("row", problem.row + 1)
            .with("col", col + 1),
        None => Message::new("paste.at_row").with("row", problem.row + 1),
    }
}
