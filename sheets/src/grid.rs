//! What a workbook holds, as plain data: read from a file ([`Book`]) or planned for writing
//! ([`BookSpec`]). Serializable, so the app and the lazily loaded module exchange it as JSON.

use serde::{Deserialize, Serialize};

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(tag = "t", content = "v", rename_all = "snake_case")]
pub enum Cell {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date or time stored as Excel's serial number (days since 1899-12-30; with the 1904
    /// system already shifted), or as ISO text from an .ods file.
    Date(f64),
    DateText(String),
    /// An error value (#DIV/0!, #REF! …), as the file shows it.
    Error(String),
    /// A formula the file keeps no computed value for.
    Formula(String),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// A rectangle of cells, 0-based and inclusive: a merged range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Range {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// One sheet read from a file: its cells from A1 (rows of equal length are not guaranteed).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    #[serde(default)]
    pub merged: Vec<Range>,
    /// Hidden or very hidden in the workbook.
    #[serde(default)]
    pub hidden: bool,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows
            .get(row)
            .and_then(|cells| cells.get(col))
            .unwrap_or(&EMPTY)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The merged range a cell lies in, if any.
    pub fn merge_at(&self, row: usize, col: usize) -> Option<&Range> {
        self.merged
            .iter()
            .find(|range| range.contains(row as u32, col as u32))
    }
}

/// A workbook read from a file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Book {
    /// What the file was: "xlsx", "xls", "ods" or "csv".
    pub format: String,
    /// For CSV: the text encoding it was decoded from ("UTF-8", "GB18030", "UTF-16LE" …).
    #[serde(default)]
    pub encoding: Option<String>,
    pub sheets: Vec<Sheet>,
}

/// How a written cell looks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// The sheet's title: bold, larger.
    Title,
    /// A column heading: bold, shaded, centred, wrapped.
    Header,
    #[default]
    Text,
    /// Text that wraps (long prose: progress, problems, source sentences).
    Wrap,
    /// A number shown with this Excel number format (e.g. `0.00"万元"`).
    Number(String),
    /// A date (the cell holds its serial number), shown yyyy-mm-dd.
    Date,
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct CellSpec {
    pub value: Cell,
    #[serde(default)]
    pub style: Style,
    /// A note (comment) on the cell: the source sentence of a figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CellSpec {
    pub fn text(text: impl Into<String>, style: Style) -> CellSpec {
        CellSpec {
            value: Cell::Text(text.into()),
            style,
            note: None,
        }
    }

    pub fn empty() -> CellSpec {
        CellSpec::default()
    }
}

/// One sheet to write.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SheetSpec {
    pub name: String,
    pub rows: Vec<Vec<CellSpec>>,
    /// Column widths in characters of the default font (a Chinese character counts two).
    pub widths: Vec<f64>,
    /// Rows and columns kept in view when scrolling (the title and header rows, the name
    /// column).
    pub freeze_rows: u32,
    pub freeze_cols: u16,
    pub merged: Vec<Range>,
}

/// A workbook to write.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BookSpec {
    pub sheets: Vec<SheetSpec>,
    /// The document properties' title and author.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub author: String,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ReadError {
    /// Protected with a password (encrypted): it must be saved without one first.
    Encrypted,
    /// A workbook whose contents cannot be read (truncated, corrupted).
    Damaged { format: String, detail: String },
    /// Not a spreadsheet this reader knows (xlsx, xls, ods, csv, txt).
    Unknown,
    /// An empty file.
    Empty,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Encrypted => write!(f, "the workbook is protected with a password"),
            ReadError::Damaged { format, detail } => {
                write!(f, "the {format} workbook is damaged: {detail}")
            }
            ReadError::Unknown => write!(f, "not an .xlsx, .xls, .ods or CSV file"),
            ReadError::Empty => write!(f, "the file is empty"),
        }
    }
}

impl std::error::Error for ReadError {}
