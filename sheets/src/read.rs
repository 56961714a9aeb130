//! Reading a spreadsheet file into a [`Book`]: .xlsx, .xls and .ods through calamine, CSV
//! (and Excel's tab-separated "Unicode text") decoded from UTF-8, UTF-16 or GBK/GB18030 with
//! encoding_rs.
//!
//! What the file holds is kept as it is: a formula's cached value is read as the value, a
//! formula without one is [`Cell::Formula`]; dates stay serial numbers; merged ranges are listed.

use crate::grid::{Book, Cell, Range, Sheet};
use calamine::{Data, Ods, Reader, SheetVisible, Xls, Xlsx};
use std::io::Cursor;

pub use crate::grid::ReadError;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a file by its content (the name only breaks ties: a zip is an .ods when it says so).
pub fn read_book(bytes: &[u8], file_name: &str) -> Result<Book, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let lower = file_name.to_lowercase();
    if bytes.starts_with(ZIP) {
        let is_ods = lower.ends_with(".ods")
            || bytes
                .windows(46)
                .take(200)
                .any(|w| w == b"application/vnd.oasis.opendocument.spreadsheet");
        return if is_ods {
            read_ods(bytes)
        } else {
            read_xlsx(bytes)
        };
    }
    if bytes.starts_with(OLE) {
        // An .xls, or an encrypted .xlsx (an OLE container with an EncryptedPackage).
        return read_xls(bytes);
    }
    let looks_binary = bytes.iter().take(4096).filter(|b| **b == 0).count() > 0
        && !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF]);
    if looks_binary {
        return Err(ReadError::Unknown);
    }
    Ok(read_csv(bytes))
}

fn damaged(format: &str, detail: impl std::fmt::Display) -> ReadError {
    ReadError::Damaged {
        format: format.to_string(),
        detail: detail.to_string(),
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Book, ReadError> {
    let mut book: Xlsx<_> = match calamine::open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsxError::Password) => return Err(ReadError::Encrypted),
        Err(error) => return Err(damaged("xlsx", error)),
    };
    let is_1904 = book.has_1904_epoch();
    read_sheets(&mut book, "xlsx", is_1904, |book, name| {
        book.merge_cells_by_sheet_name(name).unwrap_or_default()
    })
}

fn read_xls(bytes: &[u8]) -> Result<Book, ReadError> {
    let mut book: Xls<_> = match calamine::open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::XlsError::Password) => return Err(ReadError::Encrypted),
        Err(error) => {
            // An encrypted .xlsx is an OLE container too.
            return match calamine::open_workbook_from_rs::<Xlsx<_>, _>(Cursor::new(bytes)) {
                Err(calamine::XlsxError::Password) => Err(ReadError::Encrypted),
                _ => Err(damaged("xls", error)),
            };
        }
    };
    read_sheets(&mut book, "xls", false, |book, name| {
        book.merge_cells_by_sheet_name(name).unwrap_or_default()
    })
}

fn read_ods(bytes: &[u8]) -> Result<Book, ReadError> {
    let mut book: Ods<_> = match calamine::open_workbook_from_rs(Cursor::new(bytes)) {
        Ok(book) => book,
        Err(calamine::OdsError::Password) => return Err(ReadError::Encrypted),
        Err(error) => return Err(damaged("ods", error)),
    };
    // calamine reports no merged ranges for .ods: they are read from content.xml.
    let merged = ods_merged_ranges(bytes);
    read_sheets(&mut book, "ods", false, |_, name| {
        merged.get(name).cloned().unwrap_or_default()
    })
}

/// The merged ranges of each sheet of an .ods file, by sheet name: a `table:table-cell` with
/// `table:number-columns-spanned` or `table:number-rows-spanned` above 1, placed by counting
/// rows and cells (`…-repeated` included, covered cells taking their places). A part that does
/// not read gives no ranges (the cells are still read by calamine).
fn ods_merged_ranges(bytes: &[u8]) -> std::collections::HashMap<String, Vec<calamine::Dimensions>> {
    use quick_xml::events::{BytesStart, Event};
    let mut found: std::collections::HashMap<String, Vec<calamine::Dimensions>> =
        std::collections::HashMap::new();
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return found;
    };
    let mut xml = String::new();
    match archive.by_name("content.xml") {
        Ok(mut file) => {
            if std::io::Read::read_to_string(&mut file, &mut xml).is_err() {
                return found;
            }
        }
        Err(_) => return found,
    }
    let number = |element: &BytesStart, name: &str| -> u32 {
        element
            .attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.parse().ok())
            .unwrap_or(1)
    };
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut sheet, mut row, mut col, mut row_repeat) = (None::<String>, 0u32, 0u32, 1u32);
    loop {
        let (element, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => row = row.saturating_add(row_repeat),
                    "table:table" => sheet = None,
                    _ => {}
                }
                continue;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        match element.name().as_ref() {
            "table:table" => {
                sheet = element
                    .attributes()
                    .flatten()
                    .find(|a| a.key.as_ref() == "table:name")
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    });
                row = 0;
            }
            "table:table-row" => {
                col = 0;
                row_repeat = number(&element, "table:number-rows-repeated");
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            name @ ("table:table-cell" | "table:covered-table-cell") => {
                let columns = number(&element, "table:number-columns-spanned");
                let rows = number(&element, "table:number-rows-spanned");
                if name == "table:table-cell" && (columns > 1 || rows > 1) {
                    if let Some(sheet) = &sheet {
                        found
                            .entry(sheet.clone())
                            .or_default()
                            .push(calamine::Dimensions {
                                start: (row, col),
                                end: (row + rows - 1, col + columns - 1),
                            });
                    }
                }
                col = col.saturating_add(number(&element, "table:number-columns-repeated"));
            }
            _ => {}
        }
    }
    found
}

/// Every worksheet of an opened workbook, with its formulas and merged ranges (`merged` asks
/// the format's own reader for them).
fn read_sheets<RS, R>(
    book: &mut R,
    format: &str,
    is_1904: bool,
    merged: impl Fn(&mut R, &str) -> Vec<calamine::Dimensions>,
) -> Result<Book, ReadError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = visible_names(book.sheets_metadata());
    let mut sheets = Vec::new();
    for (name, hidden) in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| damaged(format, e))?;
        let formulas = book.worksheet_formula(&name).ok();
        let merged = merged(book, &name).into_iter().map(range_of).collect();
        sheets.push(sheet_of(
            name,
            hidden,
            &range,
            formulas.as_ref(),
            merged,
            is_1904,
        ));
    }
    Ok(Book {
        format: format.into(),
        encoding: None,
        sheets,
    })
}

fn visible_names(metadata: &[calamine::Sheet]) -> Vec<(String, bool)> {
    metadata
        .iter()
        .filter(|sheet| sheet.typ == calamine::SheetType::WorkSheet)
        .map(|sheet| (sheet.name.clone(), sheet.visible != SheetVisible::Visible))
        .collect()
}

fn range_of(d: calamine::Dimensions) -> Range {
    Range {
        first_row: d.start.0,
        first_col: d.start.1,
        last_row: d.end.0,
        last_col: d.end.1,
    }
}

/// Days between Excel's 1904 epoch and its 1900 one.
const EPOCH_1904: f64 = 1462.0;

/// The cells from A1 (calamine's ranges start at the first used cell).
fn sheet_of(
    name: String,
    hidden: bool,
    range: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
    merged: Vec<Range>,
    is_1904: bool,
) -> Sheet {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    if let (Some((top, left)), Some((bottom, right))) = (range.start(), range.end()) {
        rows = vec![vec![Cell::Empty; right as usize + 1]; bottom as usize + 1];
        for row in top..=bottom {
            for col in left..=right {
                let value = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
                rows[row as usize][col as usize] = match value {
                    Data::Empty => Cell::Empty,
                    Data::Int(i) => Cell::Number(i as f64),
                    Data::Float(f) => Cell::Number(f),
                    Data::String(s) => Cell::Text(s),
                    Data::Bool(b) => Cell::Bool(b),
                    Data::DateTime(d) => {
                        Cell::Date(d.as_f64() + if is_1904 { EPOCH_1904 } else { 0.0 })
                    }
                    Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::DateText(s),
                    Data::Error(e) => Cell::Error(e.to_string()),
                };
            }
        }
    }
    // A formula whose computed value the file does not keep.
    if let Some(formulas) = formulas {
        for (row, col, formula) in formulas.used_cells() {
            if formula.is_empty() {
                continue;
            }
            let (top, left) = formulas.start().unwrap_or((0, 0));
            let (row, col) = (row + top as usize, col + left as usize);
            if row >= rows.len() {
                rows.resize(row + 1, Vec::new());
            }
            if col >= rows[row].len() {
                rows[row].resize(col + 1, Cell::Empty);
            }
            if rows[row][col] == Cell::Empty {
                rows[row][col] = Cell::Formula(format!("={formula}"));
            }
        }
    }
    Sheet {
        name,
        rows,
        merged,
        hidden,
    }
}

/// Decodes a text file: a BOM says UTF-8 or UTF-16; without one, UTF-8 when it is valid UTF-8,
/// else GBK/GB18030 (what Excel and WPS write on Chinese Windows).
pub fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::GB18030.decode(bytes);
            (text.into_owned(), "GB18030")
        }
    }
}

/// A CSV (or tab-separated) file as one sheet of text cells.
pub fn read_csv(bytes: &[u8]) -> Book {
    let (text, encoding) = decode_text(bytes);
    Book {
        format: "csv".into(),
        encoding: Some(encoding.to_string()),
        sheets: vec![Sheet {
            name: String::new(),
            rows: parse_delimited(&text)
                .into_iter()
                .map(|row| row.into_iter().map(Cell::Text).collect())
                .collect(),
            merged: Vec::new(),
            hidden: false,
        }],
    }
}

/// Splits delimited text into rows of fields: RFC 4180 quoting (a doubled quote inside quotes
/// is a quote; line breaks inside quotes belong to the field), CR LF or LF line ends. The
/// delimiter is a tab when the first line has one, else a comma.
pub fn parse_delimited(text: &str) -> Vec<Vec<String>> {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.contains('\t') { '\t' } else { ',' };
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
            }
            c if c == delimiter => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
