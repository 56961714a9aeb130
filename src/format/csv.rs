//! CSV for spreadsheets (Excel, WPS): RFC 4180 quoting, CRLF line ends and a UTF-8 byte-order
//! mark, without which Excel on Chinese Windows reads UTF-8 as GBK and shows mojibake.

/// The table as CSV text, header first.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|cell| quote(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn quote(cell: &str) -> String {
    // A leading = + - @ would be taken as a formula by a spreadsheet: keep it text.
    let guarded = if cell.starts_with(['=', '+', '@'])
        || (cell.starts_with('-') && cell.parse::<f64>().is_err())
    {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_where_needed_and_formulas_stay_text() {
        let rows = vec![
            vec!["项目名称".to_string(), "总投资".to_string()],
            vec!["瓯江路西延伸段, 一期".to_string(), "225000".to_string()],
            vec!["说“明”\"x\"".to_string(), "-5".to_string()],
            vec!["=HYPERLINK(\"x\")".to_string(), "two\nlines".to_string()],
        ];
        assert_eq!(
            write(&rows),
            "\u{feff}项目名称,总投资\r\n\"瓯江路西延伸段, 一期\",225000\r\n\"说“明”\"\"x\"\"\",-5\r\n\"'=HYPERLINK(\"\"x\"\")\",\"two\nlines\"\r\n"
        );
    }
}
