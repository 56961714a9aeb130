//! Writing a [`BookSpec`] as an .xlsx workbook with rust_xlsxwriter: styles, number formats,
//! merged title rows, frozen panes, column widths and notes as the spec says.

use crate::grid::{BookSpec, Cell, CellSpec, Style};
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Note, Workbook, XlsxError,
};
use std::collections::BTreeMap;

/// The workbook's bytes.
pub fn write_xlsx(spec: &BookSpec) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&spec.title)
            .set_author(&spec.author),
    );
    let mut formats = Formats::default();
    for sheet in &spec.sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        for (col, width) in sheet.widths.iter().enumerate() {
            worksheet.set_column_width(col as u16, *width)?;
        }
        let mut covered: Vec<(u32, u16)> = Vec::new();
        for range in &sheet.merged {
            if range.first_row == range.last_row && range.first_col == range.last_col {
                continue;
            }
            let top_left = sheet
                .rows
                .get(range.first_row as usize)
                .and_then(|row| row.get(range.first_col as usize));
            let (text, style) = match top_left {
                Some(CellSpec {
                    value: Cell::Text(text),
                    style,
                    ..
                }) => (text.as_str(), style.clone()),
                Some(cell) => ("", cell.style.clone()),
                None => ("", Style::Text),
            };
            worksheet.merge_range(
                range.first_row,
                range.first_col as u16,
                range.last_row,
                range.last_col as u16,
                text,
                formats.get(&style),
            )?;
            for row in range.first_row..=range.last_row {
                for col in range.first_col..=range.last_col {
                    covered.push((row, col as u16));
                }
            }
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                if covered.contains(&(r, c)) {
                    continue;
                }
                let format = formats.get(&cell.style);
                match &cell.value {
                    Cell::Empty => {
                        if cell.style != Style::Text {
                            worksheet.write_blank(r, c, format)?;
                        }
                    }
                    Cell::Text(text)
                    | Cell::DateText(text)
                    | Cell::Error(text)
                    | Cell::Formula(text) => {
                        worksheet.write_string_with_format(r, c, text, format)?;
                    }
                    Cell::Number(number) | Cell::Date(number) => {
                        worksheet.write_number_with_format(r, c, *number, format)?;
                    }
                    Cell::Bool(value) => {
                        worksheet.write_boolean_with_format(r, c, *value, format)?;
                    }
                }
                if let Some(note) = &cell.note {
                    worksheet.insert_note(
                        r,
                        c,
                        &Note::new(note)
                            .add_author_prefix(false)
                            .set_width(320)
                            .set_height(120),
                    )?;
                }
            }
        }
        if sheet.freeze_rows > 0 || sheet.freeze_cols > 0 {
            worksheet.set_freeze_panes(sheet.freeze_rows, sheet.freeze_cols)?;
        }
    }
    workbook.save_to_buffer()
}

/// One [`Format`] per style, made once.
#[derive(Default)]
struct Formats {
    made: BTreeMap<String, Format>,
}

impl Formats {
    fn get(&mut self, style: &Style) -> &Format {
        let key = format!("{style:?}");
        self.made.entry(key).or_insert_with(|| {
            let base = Format::new().set_font_name("宋体").set_font_size(11);
            match style {
                Style::Title => base
                    .set_bold()
                    .set_font_size(14)
                    .set_align(FormatAlign::Center),
                Style::Header => base
                    .set_bold()
                    .set_background_color(Color::RGB(0xEDEDED))
                    .set_align(FormatAlign::Center)
                    .set_align(FormatAlign::VerticalCenter)
                    .set_text_wrap()
                    .set_border(FormatBorder::Thin),
                Style::Text => base.set_border(FormatBorder::Thin),
                Style::Wrap => base
                    .set_text_wrap()
                    .set_align(FormatAlign::Top)
                    .set_border(FormatBorder::Thin),
                Style::Number(format) => base.set_num_format(format).set_border(FormatBorder::Thin),
                Style::Date => base
                    .set_num_format("yyyy-mm-dd")
                    .set_border(FormatBorder::Thin),
            }
        })
    }
}
